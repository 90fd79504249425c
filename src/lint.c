/* The lint engine: for each page, the rules in force where it stands
 * (rule files, then its configuration file, then the command line), every
 * enabled rule's check kind run over the tree and the role model, the
 * loading findings graded by their rules, and inline comments applied. */
#include "engine.h"
#include "checks/check.h"

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

/* A directory already looked at, and the configuration that applies there
 * (NULL when none does). */
typedef struct {
    char *dir;
    rd_config *config;
} dir_entry;

struct rd_linter {
    const rd_ruleset *base;
    override *overrides;
    size_t noverrides;
    bool ready;              /* settings are closed; `plain` is built */
    rd_ruleset plain;        /* base + command line: pages with no config */
    rd_config *forced;       /* a configuration for every page */
    rd_config **configs;     /* every configuration loaded, owned */
    size_t nconfigs;
    dir_entry *dirs;
    size_t ndirs, dirs_cap;
    /* dirs by name: an open-addressing table of indexes + 1 (0: empty),
     * as a run over a whole space meets thousands of directories. */
    size_t *dir_slots;
    size_t nslots;           /* a power of two, over twice ndirs */
    rd_schema *config_schema;
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
    for (size_t i = 0; i < l->ndirs; i++)
        free(l->dirs[i].dir);
    free(l->dirs);
    free(l->dir_slots);
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

static size_t hash_name(const char *s)
{
    uint64_t h = 14695981039346656037u;     /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

static void index_dir(rd_linter *l, size_t i)
{
    size_t mask = l->nslots - 1, k = hash_name(l->dirs[i].dir) & mask;
    while (l->dir_slots[k])
        k = (k + 1) & mask;
    l->dir_slots[k] = i + 1;
}

/* Builds the table again, large enough for one more directory. */
static void reindex_dirs(rd_linter *l)
{
    size_t n = 64;
    while (n < 2 * (l->ndirs + 1))
        n *= 2;
    free(l->dir_slots);
    l->dir_slots = calloc(n, sizeof *l->dir_slots);
    if (!l->dir_slots)
        abort();
    l->nslots = n;
    for (size_t i = 0; i < l->ndirs; i++)
        index_dir(l, i);
}

static void remember_dir(rd_linter *l, const char *dir, rd_config *config)
{
    if (l->ndirs == l->dirs_cap) {
        l->dirs_cap = l->dirs_cap ? 2 * l->dirs_cap : 64;
        l->dirs = realloc(l->dirs, l->dirs_cap * sizeof *l->dirs);
        if (!l->dirs)
            abort();
    }
    l->dirs[l->ndirs++] = (dir_entry){ strdup(dir), config };
    if (2 * l->ndirs >= l->nslots)
        reindex_dirs(l);
    else
        index_dir(l, l->ndirs - 1);
}

static const dir_entry *known_dir(const rd_linter *l, const char *dir)
{
    if (!l->nslots)
        return NULL;
    size_t mask = l->nslots - 1;
    for (size_t k = hash_name(dir) & mask; l->dir_slots[k]; k = (k + 1) & mask) {
        const dir_entry *e = &l->dirs[l->dir_slots[k] - 1];
        if (strcmp(e->dir, dir) == 0)
            return e;
    }
    return NULL;
}

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
    size_t first_new = l->ndirs;
    rd_config *found = NULL;
    rd_status status = RD_OK;
    for (;;) {
        const dir_entry *e = known_dir(l, dir);
        if (e) {
            found = e->config;
            break;
        }
        char *path;
        bool present = has_config(dir, &path);
        if (present)
            found = load_config(l, path, err);
        free(path);
        remember_dir(l, dir, NULL);
        if (present && !found)
            status = err->status;
        if (present || !go_up(dir))
            break;
    }
    for (size_t i = first_new; i < l->ndirs; i++)
        l->dirs[i].config = found;
    if (status != RD_OK) {
        /* A broken file is not an answer: the next page meets it again. */
        while (l->ndirs > first_new)
            free(l->dirs[--l->ndirs].dir);
        reindex_dirs(l);
    }
    free(dir);
    *out = found;
    return status;
}

/* The directory a page's configuration is looked up from: its own, the
 * current one for standard input. */
static char *page_dir(const char *path)
{
    char *abs = rd_absolute_path(path ? path : "./-");
    if (!abs)
        return NULL;
    char *slash = strrchr(abs, '/');
    if (slash == abs)
        slash[1] = '\0';
    else
        *slash = '\0';
    return abs;
}

static rd_status config_for(rd_linter *l, const char *path, rd_config **out,
                            rd_error *err)
{
    *out = l->forced;
    if (l->forced)
        return RD_OK;
    char *dir = page_dir(path);
    if (!dir)
        return RD_OK;           /* the page itself will not load */
    rd_status status = find_config(l, dir, out, err);
    free(dir);
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

static bool declared_role_page(const rd_config *config, const char *path)
{
    if (!config || !path)
        return false;
    char *abs = rd_absolute_path(path);
    bool yes = abs && rd_config_is_role_page(config, abs);
    free(abs);
    return yes;
}

rd_status rd_lint_doc(rd_linter *l, const rd_doc *doc, const char *path,
                      rd_diag_list *out, rd_error *err)
{
    rd_config *config;
    pthread_mutex_lock(&l->lock);
    prepare(l);
    rd_status status = config_for(l, path, &config, err);
    pthread_mutex_unlock(&l->lock);
    if (status != RD_OK)
        return status;
    const rd_ruleset *rules = config ? &config->rules : &l->plain;
    rd_model *model = rd_model_extract(doc, rules);
    rd_diag_list found = { 0 };
    rd_check_ctx ctx = {
        .doc = doc,
        .model = model,
        .rules = rules,
        .path = path,
        .role_page = declared_role_page(config, path),
        .out = &found,
    };
    run_checks(rules, &ctx);
    add_load_findings(doc, rules, &found);
    rd_apply_inline_directives(doc, &found);
    rd_diag_list_sort(&found);
    move_findings(out, &found);
    if (model)
        rd_model_free(model);
    return RD_OK;
}
