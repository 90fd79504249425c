/* The lint engine: for each page, the rules in force where it stands
 * (rule files, then its configuration file and the overrides of that file
 * that match it, then the command line), every enabled rule's check kind
 * run over the tree and the role model, the loading findings graded by
 * their rules, and inline comments applied; and which pages the
 * configuration and the command line leave out. */
#include "engine.h"
#include "lint/checks/check.h"
#include "util/strmap.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The names a configuration file may have, in the order they are looked
 * for; a directory holds one of them at most. */
static const char *const config_names[] = {
    ".roledoc.yaml", ".roledoc.yml", ".roledoc.xml"
};
#define NCONFIG_NAMES (sizeof config_names / sizeof *config_names)

struct rd_linter {
    const rd_ruleset *base;
    rd_rule_settings overrides;   /* of the command line */
    rd_path_list excludes;   /* --exclude globs, relative to exclude_dir */
    char *exclude_dir;
    bool ready;              /* settings are closed; `plain` is built */
    rd_ruleset plain;        /* base + command line: pages with no config */
    rd_config *forced;       /* a configuration for every page */
    rd_config **configs;     /* every configuration loaded, owned */
    size_t nconfigs;
    /* Directories already looked at (absolute), and the configuration
     * that applies there (NULL when none does). */
    rd_strmap dirs;
    /* Pages' directories as written, and their absolute forms: resolving
     * one reads every directory on its way, once per run is enough. */
    rd_strmap abs_dirs;
    rd_schema *config_schema;
    rd_target_lookup_fn target_lookup;   /* local targets: asked first */
    void *target_data;
    pthread_mutex_t lock;    /* guards everything above once linting */
};

rd_linter *rd_linter_new(const rd_ruleset *rules)
{
    rd_linter *l = rd_xcalloc(1, sizeof *l);
    l->base = rules;
    pthread_mutex_init(&l->lock, NULL);
    return l;
}

const rd_ruleset *rd_linter_base(const rd_linter *l)
{
    return l->base;
}

void rd_linter_set_target_lookup(rd_linter *l, rd_target_lookup_fn fn,
                                 void *data)
{
    l->target_lookup = fn;
    l->target_data = data;
}

void rd_linter_free(rd_linter *l)
{
    if (!l)
        return;
    rd_rule_settings_free(&l->overrides);
    rd_path_list_free(&l->excludes);
    free(l->exclude_dir);
    for (size_t i = 0; i < l->nconfigs; i++)
        rd_config_free(l->configs[i]);
    free(l->configs);
    rd_strmap_free(&l->dirs);
    for (size_t i = 0; i < l->abs_dirs.cap; i++)
        free(l->abs_dirs.slots[i].value);
    rd_strmap_free(&l->abs_dirs);
    if (l->ready)
        rd_ruleset_free(&l->plain);
    rd_schema_free(l->config_schema);
    pthread_mutex_destroy(&l->lock);
    free(l);
}

/* ---------------------------------------------------------------- settings */

rd_status rd_linter_set_severity(rd_linter *l, const char *id, int severity,
                                 rd_error *err)
{
    if (!rd_ruleset_find(l->base, id)) {
        rd_set_error(err, RD_ERR_USAGE, "unknown rule \"%s\" ('roledoc rules' "
                     "lists them)", id);
        return RD_ERR_USAGE;
    }
    if (severity != RD_LINT_ENABLE &&
        (severity < RD_SEVERITY_OFF || severity > RD_SEVERITY_ERROR)) {
        rd_set_error(err, RD_ERR_USAGE, "rule \"%s\": no such severity", id);
        return RD_ERR_USAGE;
    }
    rd_rule_setting s = {
        .rule = (size_t)(rd_ruleset_find(l->base, id) - l->base->rules),
        .severity = severity,
    };
    rd_array_push(&l->overrides.items, &l->overrides.len, &l->overrides.cap,
                  &s, sizeof s);
    return RD_OK;
}

rd_status rd_linter_exclude(rd_linter *l, const char *glob, rd_error *err)
{
    if (!l->exclude_dir && !(l->exclude_dir = realpath(".", NULL))) {
        rd_set_error(err, RD_ERR_IO, "cannot resolve the current directory");
        return RD_ERR_IO;
    }
    /* An absolute glob under the current directory is matched as the
     * relative paths of its pages are. */
    rd_config_glob(&l->excludes, rd_path_relative_to(l->exclude_dir, glob));
    return RD_OK;
}

/* The command line wins: its settings go over every rule set, last. */
static void apply_overrides(const rd_linter *l, rd_ruleset *rules)
{
    rd_rule_settings_apply(&l->overrides, rules);
}

static rd_config *load_config(rd_linter *l, const char *path, rd_error *err)
{
    if (!l->config_schema) {
        char *schema = rd_ruleset_schema_path(l->base, RD_CONFIG_SCHEMA);
        l->config_schema = rd_schema_load(schema, err);
        free(schema);
        if (!l->config_schema)
            return NULL;
    }
    rd_config *c = rd_config_load(path, l->base, l->config_schema, err);
    if (!c)
        return NULL;
    l->configs = rd_xrealloc(l->configs, (l->nconfigs + 1) * sizeof *l->configs);
    l->configs[l->nconfigs++] = c;
    if (l->ready)
        apply_overrides(l, &c->rules);
    return c;
}

rd_status rd_linter_use_config(rd_linter *l, const char *path, rd_error *err)
{
    l->forced = load_config(l, path, err);
    return l->forced ? RD_OK : err->status;
}

/* Closes the settings: from here on rule sets are only read. */
static void prepare(rd_linter *l)
{
    if (l->ready)
        return;
    rd_ruleset_derive(&l->plain, l->base);
    apply_overrides(l, &l->plain);
    for (size_t i = 0; i < l->nconfigs; i++)
        apply_overrides(l, &l->configs[i]->rules);
    l->ready = true;
}

/* ------------------------------------------------------- configuration lookup */

static bool is_file(const char *dir, const char *name, rd_buf *path)
{
    path->len = 0;
    rd_buf_printf(path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
    struct stat st;
    return stat(path->data, &st) == 0 && S_ISREG(st.st_mode);
}

/* The configuration file of dir in *path (NULL when there is none); two
 * of them are an error, since either could be the one meant. */
static rd_status has_config(const char *dir, char **path, rd_error *err)
{
    rd_buf candidate;
    rd_buf_init(&candidate);
    *path = NULL;
    for (size_t i = 0; i < NCONFIG_NAMES; i++) {
        if (!is_file(dir, config_names[i], &candidate))
            continue;
        if (*path) {
            rd_set_error(err, RD_ERR_CONFIG, "%s: a second configuration "
                         "beside %s: keep one of them", candidate.data, *path);
            free(*path);
            *path = NULL;
            rd_buf_free(&candidate);
            return RD_ERR_CONFIG;
        }
        *path = rd_buf_detach(&candidate, NULL);
    }
    rd_buf_free(&candidate);
    return RD_OK;
}

/* Cuts dir to its parent in place; false at the root. */
static bool go_up(char *dir)
{
    char *slash = strrchr(dir, '/');
    if (!slash || strcmp(dir, "/") == 0)
        return false;
    if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    return true;
}

/* Walks up from dir to the first configuration file, remembering the
 * answer for every directory passed. */
static rd_status find_config(rd_linter *l, const char *start, rd_config **out,
                             rd_error *err)
{
    char *dir = strdup(start);
    rd_path_list passed = { 0 };
    rd_config *found = NULL;
    rd_status status = RD_OK;
    for (;;) {
        const rd_strmap_slot *known = rd_strmap_find(&l->dirs, dir);
        if (known) {
            found = known->value;
            break;
        }
        char *path;
        status = has_config(dir, &path, err);
        bool present = path != NULL;
        if (present)
            found = load_config(l, path, err);
        free(path);
        rd_path_list_add(&passed, strdup(dir));
        if (present && !found)
            status = err->status;
        if (status != RD_OK || present || !go_up(dir))
            break;
    }
    /* A broken file is not an answer: the next page meets it again. */
    for (size_t i = 0; status == RD_OK && i < passed.len; i++)
        rd_strmap_put(&l->dirs, passed.paths[i])->value = found;
    rd_path_list_free(&passed);
    free(dir);
    *out = found;
    return status;
}

/* The absolute directory of a page (the current one for standard input),
 * or NULL when it cannot be resolved (the page will not load either). */
static const char *page_dir(rd_linter *l, const char *path)
{
    const char *slash = strrchr(path, '/');
    char *written = slash ? rd_xstrndup(path, (size_t)(slash - path)) : rd_xstrdup(".");
    const rd_strmap_slot *known = rd_strmap_find(&l->abs_dirs, written);
    if (!known) {
        char resolved[PATH_MAX];
        if (realpath(*written ? written : "/", resolved)) {
            rd_strmap_slot *s = rd_strmap_put(&l->abs_dirs, written);
            s->value = rd_xstrdup(resolved);
            known = s;
        }
    }
    free(written);
    return known ? known->value : NULL;
}

/* What applies to one page. */
typedef struct {
    const rd_ruleset *rules;
    rd_role_page_override role_page;   /* what the configuration says */
    bool ignored;            /* its ignore globs or --exclude leave it out */
} page_setup;

static bool excluded(const rd_linter *l, const char *abs)
{
    return l->excludes.len &&
           rd_glob_list_match(&l->excludes, rd_path_relative_to(l->exclude_dir, abs));
}

/* The rule set of a page that overrides match: the configuration's, with
 * their settings and then the command line's, made once for each set of
 * overrides that some page matches. */
static const rd_ruleset *rules_of(const rd_linter *l, rd_config *c,
                                  const char *rel)
{
    rd_buf key;
    rd_buf_init(&key);
    for (size_t i = 0; i < c->noverrides; i++)
        if (rd_glob_list_match(&c->overrides[i].files, rel))
            rd_buf_printf(&key, "%zu,", i);
    if (!key.len)
        return &c->rules;
    rd_strmap_slot *slot = rd_strmap_put(&c->variants, key.data);
    if (!slot->value) {
        rd_ruleset *v = rd_xmalloc(sizeof *v);
        rd_ruleset_derive(v, &c->rules);
        for (size_t i = 0; i < c->noverrides; i++)
            if (rd_glob_list_match(&c->overrides[i].files, rel))
                rd_rule_settings_apply(&c->overrides[i].rules, v);
        apply_overrides(l, v);
        slot->value = v;
    }
    rd_buf_free(&key);
    return slot->value;
}

/* The configuration in force for a page (path NULL for standard input),
 * and what it says of the page. */
static rd_status setup_for(rd_linter *l, const char *path, page_setup *out,
                           rd_error *err)
{
    rd_config *config = l->forced;
    *out = (page_setup){ .rules = &l->plain };
    const char *dir = page_dir(l, path ? path : "./-");
    if (!dir)
        return RD_OK;           /* the page itself will not load */
    rd_status status = config ? RD_OK : find_config(l, dir, &config, err);
    if (status != RD_OK || !path) {
        if (config)
            out->rules = &config->rules;
        return status;
    }
    const char *base = strrchr(path, '/');
    rd_buf abs;
    rd_buf_init(&abs);
    rd_buf_printf(&abs, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/",
                  base ? base + 1 : path);
    out->ignored = excluded(l, abs.data);
    if (config) {
        const char *rel = rd_config_relative(config, abs.data);
        out->ignored |= rd_glob_list_match(&config->ignores, rel);
        out->role_page = rd_config_role_page_of(config, abs.data);
        out->rules = rules_of(l, config, rel);
    }
    rd_buf_free(&abs);
    return RD_OK;
}

static rd_status locked_setup(rd_linter *l, const char *path, page_setup *out,
                              rd_error *err)
{
    pthread_mutex_lock(&l->lock);
    prepare(l);
    rd_status status = setup_for(l, path, out, err);
    pthread_mutex_unlock(&l->lock);
    return status;
}

rd_status rd_linter_ignores(rd_linter *l, const char *path, int *ignored,
                            rd_error *err)
{
    page_setup setup;
    rd_status status = path ? locked_setup(l, path, &setup, err) : RD_OK;
    *ignored = path && status == RD_OK && setup.ignored;
    return status;
}

/* ------------------------------------------------------------------ running */

static void run_checks(const rd_ruleset *rules, rd_check_ctx *ctx)
{
    for (size_t i = 0; i < rules->nrules; i++) {
        const rd_rule *rule = &rules->rules[i];
        if (rule->severity == RD_SEVERITY_OFF)
            continue;
        const rd_check_kind *kind = rd_check_kind_find(rule->kind);
        if (!kind)
            continue;           /* refused when the rules were loaded */
        ctx->rule = rule;
        kind->run(ctx);
    }
}

/* "LINE:COL:RULE", the identity of a finding for add_load_findings. */
static void finding_key(const rd_diag *d, rd_buf *key)
{
    key->len = 0;
    rd_buf_printf(key, "%u:%u:%s", d->line, d->col, d->rule);
}

/* Findings made while reading the page (bad bytes, front matter, depth,
 * includes): dropped with their rule, re-graded when the rule was; a rule
 * left at its default keeps the reader's own grading. One the checks made
 * too (same place, same rule) is not added again: the findings are looked
 * up in a map, as a page may hold thousands of both. */
static void add_load_findings(const rd_doc *doc, const rd_ruleset *rules,
                              rd_diag_list *found)
{
    if (rd_doc_diag_count(doc) == 0)
        return;
    rd_strmap seen = { 0 };
    rd_buf key;
    rd_buf_init(&key);
    for (size_t i = 0; i < found->len; i++) {
        finding_key(&found->items[i], &key);
        rd_strmap_put(&seen, key.data);
    }
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        rd_diag d = *rd_doc_diag(doc, i);
        const rd_rule *r = rd_ruleset_find(rules, d.rule);
        if (r) {
            if (r->severity == RD_SEVERITY_OFF)
                continue;
            if (r->severity != rd_ruleset_declared(rules, (size_t)(r - rules->rules)))
                d.severity = r->severity;
        }
        finding_key(&d, &key);
        if (rd_strmap_find(&seen, key.data))
            continue;
        rd_strmap_put(&seen, key.data);
        rd_diag_list_add(found, &d);
    }
    rd_buf_free(&key);
    rd_strmap_free(&seen);
}

/* Moves every finding of from to the end of to: an empty list takes
 * from's array as it is, so that a page's findings are never held twice. */
static void move_findings(rd_diag_list *to, rd_diag_list *from)
{
    if (!to->len) {
        free(to->items);
        *to = *from;
        *from = (rd_diag_list){ 0 };
        return;
    }
    if (to->cap - to->len < from->len) {
        to->cap = to->cap * 2 > to->len + from->len ? to->cap * 2
                                                    : to->len + from->len;
        to->items = rd_xrealloc(to->items, to->cap * sizeof *to->items);
    }
    memcpy(to->items + to->len, from->items, from->len * sizeof *from->items);
    to->len += from->len;
    free(from->items);
    *from = (rd_diag_list){ 0 };
}

rd_model *rd_linter_model(rd_linter *l, const rd_doc *doc, const char *path,
                          rd_error *err)
{
    page_setup setup;
    if (locked_setup(l, path, &setup, err) != RD_OK)
        return NULL;
    rd_model *model = rd_model_extract(doc, setup.rules, setup.role_page);
    if (!model)
        rd_set_error(err, RD_ERR_NOMEM, "out of memory");
    return model;
}

rd_status rd_lint_doc(rd_linter *l, const rd_doc *doc, const char *path,
                      rd_diag_list *out, rd_error *err)
{
    page_setup setup;
    rd_status status = locked_setup(l, path, &setup, err);
    if (status != RD_OK)
        return status;
    const rd_ruleset *rules = setup.rules;
    rd_model *model = rd_model_extract(doc, rules, setup.role_page);
    rd_diag_list found = { 0 };
    rd_node_index index;
    rd_node_index_build(&index, rd_doc_root(doc));
    rd_check_ctx ctx = {
        .doc = doc,
        .index = &index,
        .model = model,
        .rules = rules,
        .path = path,
        .role_page = rd_model_decision(model) == RD_DECISION_DECLARED,
        .target_lookup = l->target_lookup,
        .target_data = l->target_data,
        .out = &found,
    };
    run_checks(rules, &ctx);
    rd_node_index_free(&index);
    add_load_findings(doc, rules, &found);
    rd_apply_inline_directives(doc, &found);
    rd_diag_list_sort(&found);
    rd_fingerprint_findings(doc, &found);
    move_findings(out, &found);
    if (model)
        rd_model_free(model);
    return RD_OK;
}
