/* Project configuration files: they re-grade rules and set their
 * parameters, add section labels and lexicon entries, declare which pages
 * are role pages, leave pages out and change rules for some paths. Two
 * readers fill one structure through the builder functions here: the XML
 * one (.roledoc.xml, below) and the YAML one (.roledoc.yaml,
 * config_yaml.c).
 *
 *   <roledoc xmlns="urn:roledoc:config:1">
 *     <rule id="image-alt" severity="off"/>
 *     <rule id="http-link" severity="error">
 *       <param name="https-hosts" value="*.gouv.fr"/>
 *     </rule>
 *     <labels><part name="mission"><label>Raison d'être</label></part></labels>
 *     <lexicon><pair masculine="animateur" feminine="animatrice"/></lexicon>
 *     <role-pages><path>metiers/[a-z]*.md</path></role-pages>
 *     <not-role-pages><path>metiers/index.md</path></not-role-pages>
 *     <ignore><path>brouillons</path></ignore>
 *     <override>
 *       <files><path>archives</path></files>
 *       <rule id="http-link" severity="off"/>
 *     </override>
 *   </roledoc>
 */
#include "engine.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ paths */

char *rd_absolute_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    const char *base = slash ? slash + 1 : path;
    char *parent = slash ? rd_xstrndup(path, (size_t)(slash - path)) : rd_xstrdup(".");
    const char *resolved = realpath(*parent ? parent : "/", dir);
    free(parent);
    if (!resolved)
        return NULL;
    size_t n = strlen(dir) + 1 + strlen(base) + 1;
    char *abs = rd_xmalloc(n);
    bool root = strcmp(dir, "/") == 0;
    snprintf(abs, n, "%s%s%s", dir, root ? "" : "/", base);
    return abs;
}

const char *rd_config_relative(const rd_config *config, const char *page)
{
    return rd_path_relative_to(config->dir, page);
}

rd_role_page_override rd_config_role_page_of(const rd_config *config,
                                             const char *page)
{
    if (!config || !page)
        return RD_ROLE_PAGE_DETECT;
    /* Globs are relative to the configuration's directory; a page outside
     * it (a configuration named on the command line) is matched whole. */
    const char *rel = rd_config_relative(config, page);
    if (rd_glob_list_match(&config->not_role_pages, rel))
        return RD_ROLE_PAGE_OPTED_OUT;
    for (size_t i = 0; i < config->nrole_pages; i++)
        if (rd_glob_match(config->role_pages[i], rel))
            return RD_ROLE_PAGE_DECLARED;
    return RD_ROLE_PAGE_DETECT;
}

/* ---------------------------------------------------------------- settings */

/* The rule's own parameters are shared with the set it was derived from:
 * a new list, with the one value changed. */
static void set_param(rd_ruleset *rules, rd_rule *r, const rd_attr *given)
{
    rd_attr *head = NULL, **tail = &head;
    for (const rd_attr *a = r->params; a; a = a->next) {
        rd_attr *copy = rd_ruleset_alloc(rules, sizeof *copy);
        *copy = *a;
        copy->next = NULL;
        if (strcmp(a->name, given->name) == 0)
            copy->value = rd_ruleset_strdup(rules, given->value);
        *tail = copy;
        tail = &copy->next;
    }
    r->params = head;
}

static void apply_setting(const rd_rule_setting *s, rd_ruleset *rules)
{
    rd_rule *r = &rules->rules[s->rule];
    if (s->severity == RD_LINT_ENABLE) {
        rd_severity declared = rd_ruleset_declared(rules, s->rule);
        r->severity = declared != RD_SEVERITY_OFF ? declared : RD_SEVERITY_WARNING;
    } else if (s->severity != RD_SETTING_KEEP) {
        r->severity = (rd_severity)s->severity;
    }
    for (const rd_attr *a = s->params; a; a = a->next)
        set_param(rules, r, a);
}

void rd_rule_settings_apply(const rd_rule_settings *settings, rd_ruleset *rules)
{
    for (size_t i = 0; i < settings->len; i++)
        apply_setting(&settings->items[i], rules);
}

void rd_rule_settings_free(rd_rule_settings *settings)
{
    for (size_t i = 0; i < settings->len; i++) {
        rd_attr *a = settings->items[i].params;
        while (a) {
            rd_attr *next = a->next;
            free((char *)a->name);
            free((char *)a->value);
            free(a);
            a = next;
        }
    }
    free(settings->items);
    *settings = (rd_rule_settings){ 0 };
}

/* ---------------------------------------------------------------- building */

static char *copy_string(const char *s)
{
    char *c = rd_xstrdup(s);
    return c;
}

rd_config *rd_config_new(const char *path, const rd_ruleset *base)
{
    rd_config *c = rd_xcalloc(1, sizeof *c);
    c->path = copy_string(path);
    rd_ruleset_derive(&c->rules, base);
    return c;
}

rd_rule_setting *rd_config_rule(rd_config *c, rd_rule_settings *into,
                                const char *id, long line, long col,
                                rd_xml_problem *p)
{
    const rd_rule *r = rd_ruleset_find(&c->rules, id);
    if (!r) {
        rd_problem_note_at(p, line, col, "unknown rule \"%s\"", id);
        return NULL;
    }
    rd_rule_setting s = { .rule = (size_t)(r - c->rules.rules),
                          .severity = RD_SETTING_KEEP };
    rd_array_push(&into->items, &into->len, &into->cap, &s, sizeof s);
    return &into->items[into->len - 1];
}

bool rd_config_rule_severity(rd_config *c, rd_rule_setting *s,
                             const char *value, long line, long col,
                             rd_xml_problem *p)
{
    if (strcmp(value, "on") == 0) {
        s->severity = RD_LINT_ENABLE;
        return true;
    }
    int severity = (int)rd_severity_from_name(value);
    if (severity >= 0) {
        s->severity = severity;
        return true;
    }
    rd_problem_note_at(p, line, col, "rule \"%s\": severity \"%s\" is not one "
                       "of off, on, info, warning, error",
                       c->rules.rules[s->rule].id, value);
    return false;
}

/* The names of a rule's parameters, for a message. */
static void param_names(const rd_rule *r, rd_buf *out)
{
    for (const rd_attr *a = r->params; a; a = a->next)
        rd_buf_printf(out, "%s%s", out->len ? ", " : "", a->name);
    if (!out->len)
        rd_buf_puts(out, "none");
}

bool rd_config_rule_param(rd_config *c, rd_rule_setting *s, const char *name,
                          const char *value, long line, long col,
                          rd_xml_problem *p)
{
    const rd_rule *r = &c->rules.rules[s->rule];
    if (!rd_rule_param(r, name)) {
        rd_buf names;
        rd_buf_init(&names);
        param_names(r, &names);
        rd_problem_note_at(p, line, col, "rule \"%s\" has no parameter \"%s\" "
                           "(its parameters: %s)", r->id, name, names.data);
        rd_buf_free(&names);
        return false;
    }
    rd_attr *a = calloc(1, sizeof *a), **tail = &s->params;
    if (!a)
        abort();
    a->name = copy_string(name);
    a->value = copy_string(value);
    a->line = (uint32_t)line;
    while (*tail)
        tail = &(*tail)->next;
    *tail = a;
    return true;
}

bool rd_config_label(rd_config *c, const char *part, const char *label,
                     long line, long col, rd_xml_problem *p)
{
    return rd_config_label_match(c, part, RD_MATCH_EXACT, label, line, col, p);
}

bool rd_config_label_match(rd_config *c, const char *part, rd_label_match match,
                           const char *label, long line, long col,
                           rd_xml_problem *p)
{
    int i = strcmp(part, "not-part") == 0 ? RD_NOT_A_PART : rd_part_from_name(part);
    if (i == -1 && strcmp(part, "not-part") != 0) {
        rd_problem_note_at(p, line, col, "part \"%s\": a part is objectives, "
                           "mission, actions, limits or axes (or not-part)", part);
        return false;
    }
    if (*label)
        rd_ruleset_add_label_match(&c->rules, i, match, label);
    return true;
}

/* A leading "./" says nothing more than the relative path. */
static const char *without_dot_slash(const char *glob)
{
    while (strncmp(glob, "./", 2) == 0)
        glob += 2;
    return glob;
}

void rd_config_add_role_page(rd_config *c, const char *glob)
{
    if (!*glob)
        return;
    size_t cap = c->nrole_pages;
    rd_array_reserve(&c->role_pages, &cap, c->nrole_pages + 1,
                     sizeof *c->role_pages);
    c->role_pages[c->nrole_pages++] = copy_string(without_dot_slash(glob));
}

void rd_config_glob(rd_path_list *list, const char *glob)
{
    const char *g = without_dot_slash(glob);
    size_t n = strlen(g);
    while (n > 1 && g[n - 1] == '/')
        n--;                     /* "drafts/" is the directory "drafts" */
    if (!n)
        return;
    char *copy = rd_xstrndup(g, n);
    rd_path_list_add(list, copy);
}

rd_config_override *rd_config_override_new(rd_config *c)
{
    const rd_config_override blank = { 0 };
    rd_array_push(&c->overrides, &c->noverrides, &c->overrides_cap, &blank,
                  sizeof blank);
    return &c->overrides[c->noverrides - 1];
}

static char *directory_of(const char *abs_path)
{
    const char *slash = strrchr(abs_path, '/');
    char *dir = slash == abs_path ? strdup("/")
                                  : strndup(abs_path, (size_t)(slash - abs_path));
    if (!dir)
        abort();
    return dir;
}

rd_config *rd_config_finish(rd_config *c, const rd_xml_problem *p,
                            rd_error *err)
{
    char *abs = p->line ? NULL : rd_absolute_path(c->path);
    if (abs) {
        c->dir = directory_of(abs);
        free(abs);
        rd_rule_settings_apply(&c->settings, &c->rules);
        return c;
    }
    if (!p->line)
        rd_set_error(err, RD_ERR_CONFIG, "%s:1: cannot resolve its directory",
                     c->path);
    else if (p->col)
        rd_set_error(err, RD_ERR_CONFIG, "%s:%ld:%ld: %s", c->path, p->line,
                     p->col, p->message);
    else
        rd_set_error(err, RD_ERR_CONFIG, "%s:%ld: %s", c->path, p->line,
                     p->message);
    rd_config_free(c);
    return NULL;
}

/* -------------------------------------------------------------- XML reading */

/* What each element of a configuration looks like (roledoc-config.rng
 * says the same, and more). */
static const rd_xml_shape config_shapes[] = {
    { "roledoc", "", "rule labels lexicon role-pages not-role-pages ignore "
      "override", "", "" },
    { "rule", "id severity", "param", "", "" },
    { "param", "name value", "", "", "" },
    RD_LABELS_SHAPES,
    RD_LEXICON_SHAPES,
    { "role-pages", "", "path", "", "" },
    { "not-role-pages", "", "path", "", "" },
    { "ignore", "", "path", "", "" },
    { "override", "", "files rule", "files", "files" },
    { "files", "", "path", "", "" },
    { "path", "", "", "", "" },
    { NULL, NULL, NULL, NULL, NULL },
};

typedef struct {
    rd_config *config;
    rd_xml_problem problem;
} config_reader;

static void read_params(config_reader *cr, rd_rule_setting *s, const xmlNode *e)
{
    for (const xmlNode *p = e->children; p; p = p->next) {
        if (!rd_xml_is(p, RD_CONFIG_NS, "param"))
            continue;
        char *name = rd_xml_attr(p, "name"), *value = rd_xml_attr(p, "value");
        if (name && value)
            rd_config_rule_param(cr->config, s, name, value, xmlGetLineNo(p), 0,
                                 &cr->problem);
        xmlFree(name);
        xmlFree(value);
    }
}

static void read_rule_setting(config_reader *cr, rd_rule_settings *into,
                              const xmlNode *e)
{
    char *id = rd_xml_attr(e, "id"), *severity = rd_xml_attr(e, "severity");
    long line = xmlGetLineNo(e);
    rd_rule_setting *s = id ? rd_config_rule(cr->config, into, id, line, 0,
                                             &cr->problem) : NULL;
    if (s && severity)
        rd_config_rule_severity(cr->config, s, severity, line, 0, &cr->problem);
    if (s)
        read_params(cr, s, e);
    xmlFree(id);
    xmlFree(severity);
}

/* The <path> texts of e, each given to add. */
static void read_paths(config_reader *cr, const xmlNode *e, rd_path_list *list)
{
    for (const xmlNode *p = e->children; p; p = p->next) {
        if (!rd_xml_is(p, RD_CONFIG_NS, "path"))
            continue;
        char *glob = rd_xml_text_of(p);
        if (glob && !list)
            rd_config_add_role_page(cr->config, glob);
        else if (glob)
            rd_config_glob(list, glob);
        xmlFree(glob);
    }
}

static void read_override(config_reader *cr, const xmlNode *e)
{
    rd_config_override *o = rd_config_override_new(cr->config);
    for (const xmlNode *c = e->children; c; c = c->next) {
        if (rd_xml_is(c, RD_CONFIG_NS, "files"))
            read_paths(cr, c, &o->files);
        else if (rd_xml_is(c, RD_CONFIG_NS, "rule"))
            read_rule_setting(cr, &o->rules, c);
    }
}

static void read_settings(config_reader *cr, const xmlNode *root)
{
    if (!rd_xml_is(root, RD_CONFIG_NS, "roledoc")) {
        rd_xml_problem_note(&cr->problem, xmlGetLineNo(root),
                            "<%s> is not a configuration's root: expected "
                            "roledoc in namespace %s",
                            (const char *)root->name, RD_CONFIG_NS);
        return;
    }
    rd_config *c = cr->config;
    for (const xmlNode *e = root->children; e; e = e->next) {
        if (rd_xml_is(e, RD_CONFIG_NS, "rule"))
            read_rule_setting(cr, &c->settings, e);
        else if (rd_xml_is(e, RD_CONFIG_NS, "labels"))
            rd_ruleset_read_labels(&c->rules, e, &cr->problem);
        else if (rd_xml_is(e, RD_CONFIG_NS, "lexicon"))
            rd_ruleset_read_lexicon(&c->rules, e, &cr->problem);
        else if (rd_xml_is(e, RD_CONFIG_NS, "role-pages"))
            read_paths(cr, e, NULL);
        else if (rd_xml_is(e, RD_CONFIG_NS, "not-role-pages"))
            read_paths(cr, e, &c->not_role_pages);
        else if (rd_xml_is(e, RD_CONFIG_NS, "ignore"))
            read_paths(cr, e, &c->ignores);
        else if (rd_xml_is(e, RD_CONFIG_NS, "override"))
            read_override(cr, e);
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

static rd_config *read_xml(xmlDocPtr doc, const char *path, const rd_ruleset *base,
                           const rd_schema *schema, rd_error *err)
{
    if (!doc)
        return NULL;
    config_reader cr = { .config = rd_config_new(path, base) };
    xmlNodePtr root = xmlDocGetRootElement(doc);
    rd_xml_check_shapes(root, RD_CONFIG_NS, config_shapes, &cr.problem);
    read_settings(&cr, root);
    rd_xml_validate(doc, schema, &cr.problem);
    xmlFreeDoc(doc);
    return rd_config_finish(cr.config, &cr.problem, err);
}

rd_config *rd_config_load(const char *path, const rd_ruleset *base,
                          const rd_schema *schema, rd_error *err)
{
    if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
        return rd_config_load_yaml(path, base, err);
    return read_xml(rd_xml_read(path, err), path, base, schema, err);
}

rd_config *rd_config_read_bytes(const char *path, const char *data, size_t len,
                                const rd_ruleset *base, const rd_schema *schema,
                                rd_error *err)
{
    if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
        return rd_config_read_yaml(path, data, len, base, err);
    return read_xml(rd_xml_parse(path, data, len, err), path, base, schema, err);
}

void rd_config_free(rd_config *config)
{
    if (!config)
        return;
    for (size_t i = 0; i < config->nrole_pages; i++)
        free(config->role_pages[i]);
    free(config->role_pages);
    rd_path_list_free(&config->ignores);
    rd_path_list_free(&config->not_role_pages);
    for (size_t i = 0; i < config->noverrides; i++) {
        rd_path_list_free(&config->overrides[i].files);
        rd_rule_settings_free(&config->overrides[i].rules);
    }
    free(config->overrides);
    rd_rule_settings_free(&config->settings);
    for (size_t i = 0; i < config->variants.cap; i++) {
        rd_ruleset *v = config->variants.slots[i].value;
        if (v)
            rd_ruleset_free(v);
        free(v);
    }
    rd_strmap_free(&config->variants);
    rd_ruleset_free(&config->rules);
    free(config->path);
    free(config->dir);
    free(config);
}
