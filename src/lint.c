/* The lint engine: for each page, the rules in force where it stands
 * (rule files, then its configuration file, then the command line), every
 * enabled rule's check kind run over the tree and the role model, the
 * loading findings graded by their rules, and inline comments applied. */
#include "engine.h"
#include "checks/check.h"
#include "strmap.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CONFIG_NAME ".roledoc.xml"

/* A command-line setting: rule id and severity (or RD_LINT_ENABLE). */
typedef struct {
    char *id;
    int severity;
} override;

struct rd_linter {
    const rd_ruleset *base;
    override *overrides;
    size_t noverrides;
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
    rd_linter *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    l->base = rules;
    pthread_mutex_init(&l->lock, NULL);
    return l;
}

void rd_linter_free(rd_linter *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->noverrides; i++)
        free(l->overrides[i].id);
    free(l->overrides);
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
    l->overrides = realloc(l->overrides, (l->noverrides + 1) * sizeof *l->overrides);
    if (!l->overrides)
        abort();
    l->overrides[l->noverrides++] = (override){ strdup(id), severity };
    return RD_OK;
}

void rd_linter_set_target_lookup(rd_linter *l, rd_target_lookup_fn fn,
                                 void *data)
{
    l->target_lookup = fn;
    l->target_data = data;
}

/* The command line wins: its settings go over every rule set, last. */
static void apply_overrides(const rd_linter *l, rd_ruleset *rules)
{
    for (size_t i = 0; i < l->noverrides; i++) {
        const rd_rule *r = rd_ruleset_find(rules, l->overrides[i].id);
        size_t k = (size_t)(r - rules->rules);
        int s = l->overrides[i].severity;
        if (s == RD_LINT_ENABLE) {
            rd_severity declared = rd_ruleset_declared(rules, k);
            s = declared != RD_SEVERITY_OFF ? (int)declared : RD_SEVERITY_WARNING;
        }
        rules->rules[k].severity = (rd_severity)s;
    }
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
    l->configs = realloc(l->configs, (l->nconfigs + 1) * sizeof *l->configs);
    if (!l->configs)
        abort();
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

static bool has_config(const char *dir, char **path)
{
    size_t n = strlen(dir) + sizeof CONFIG_NAME + 1;
    *path = malloc(n);
    if (!*path)
        abort();
    snprintf(*path, n, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, CONFIG_NAME);
    struct stat st;
    return stat(*path, &st) == 0 && S_ISREG(st.st_mode);
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
        bool present = has_config(dir, &path);
        if (present)
            found = load_config(l, path, err);
        free(path);
        rd_path_list_add(&passed, strdup(dir));
        if (present && !found)
            status = err->status;
        if (present || !go_up(dir))
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
    char *written = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!written)
        abort();
    const rd_strmap_slot *known = rd_strmap_find(&l->abs_dirs, written);
    if (!known) {
        char resolved[PATH_MAX];
        if (realpath(*written ? written : "/", resolved)) {
            rd_strmap_slot *s = rd_strmap_put(&l->abs_dirs, written);
            s->value = strdup(resolved);
            if (!s->value)
                abort();
            known = s;
        }
    }
    free(written);
    return known ? known->value : NULL;
}

/* The configuration in force for a page, and what it says of the page
 * being a role page. */
static rd_status config_for(rd_linter *l, const char *path, rd_config **out,
                            rd_role_page_override *role_page, rd_error *err)
{
    *out = l->forced;
    *role_page = RD_ROLE_PAGE_DETECT;
    const char *dir = page_dir(l, path ? path : "./-");
    if (!dir)
        return RD_OK;           /* the page itself will not load */
    if (!l->forced) {
        rd_status status = find_config(l, dir, out, err);
        if (status != RD_OK)
            return status;
    }
    if (*out && path) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        rd_buf abs;
        rd_buf_init(&abs);
        rd_buf_printf(&abs, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", base);
        *role_page = rd_config_role_page(*out, abs.data);
        rd_buf_free(&abs);
    }
    return RD_OK;
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

static bool already_found(const rd_diag_list *found, const rd_diag *d)
{
    for (size_t i = 0; i < found->len; i++) {
        const rd_diag *f = &found->items[i];
        if (f->line == d->line && f->col == d->col && strcmp(f->rule, d->rule) == 0)
            return true;
    }
    return false;
}

/* Findings made while reading the page (bad bytes, front matter, depth):
 * dropped with their rule, re-graded when the rule was; a rule left at its
 * default keeps the reader's own grading. */
static void add_load_findings(const rd_doc *doc, const rd_ruleset *rules,
                              rd_diag_list *found)
{
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        rd_diag d = *rd_doc_diag(doc, i);
        const rd_rule *r = rd_ruleset_find(rules, d.rule);
        if (r) {
            if (r->severity == RD_SEVERITY_OFF)
                continue;
            if (r->severity != rd_ruleset_declared(rules, (size_t)(r - rules->rules)))
                d.severity = r->severity;
        }
        if (!already_found(found, &d))
            rd_diag_list_add(found, &d);
    }
}

/* Moves every finding of from to the end of to. */
static void move_findings(rd_diag_list *to, rd_diag_list *from)
{
    for (size_t i = 0; i < from->len; i++) {
        if (to->len == to->cap) {
            to->cap = to->cap ? to->cap * 2 : 16;
            to->items = realloc(to->items, to->cap * sizeof *to->items);
            if (!to->items)
                abort();
        }
        to->items[to->len++] = from->items[i];
    }
    free(from->items);
    *from = (rd_diag_list){ 0 };
}

/* The rule set in force for a page and what its configuration says of it
 * being a role page (the linter's caches are shared by the threads). */
static rd_status page_settings(rd_linter *l, const char *path,
                               const rd_ruleset **rules,
                               rd_role_page_override *role_page, rd_error *err)
{
    rd_config *config;
    pthread_mutex_lock(&l->lock);
    prepare(l);
    rd_status status = config_for(l, path, &config, role_page, err);
    pthread_mutex_unlock(&l->lock);
    *rules = config ? &config->rules : &l->plain;
    return status;
}

rd_model *rd_linter_model(rd_linter *l, const rd_doc *doc, const char *path,
                          rd_error *err)
{
    const rd_ruleset *rules;
    rd_role_page_override role_page;
    if (page_settings(l, path, &rules, &role_page, err) != RD_OK)
        return NULL;
    rd_model *model = rd_model_extract(doc, rules, role_page);
    if (!model)
        rd_set_error(err, RD_ERR_NOMEM, "out of memory");
    return model;
}

rd_status rd_lint_doc(rd_linter *l, const rd_doc *doc, const char *path,
                      rd_diag_list *out, rd_error *err)
{
    const rd_ruleset *rules;
    rd_role_page_override role_page;
    rd_status status = page_settings(l, path, &rules, &role_page, err);
    if (status != RD_OK)
        return status;
    rd_model *model = rd_model_extract(doc, rules, role_page);
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
    move_findings(out, &found);
    if (model)
        rd_model_free(model);
    return RD_OK;
}
