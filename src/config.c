/* Project configuration files (.roledoc.xml): re-grade rules, add labels
 * and lexicon entries, declare which pages are role pages and which are
 * not.
 *
 *   <roledoc xmlns="urn:roledoc:config:1">
 *     <rule id="image-alt" severity="off"/>
 *     <labels><part name="mission"><label>Raison d'être</label></part></labels>
 *     <lexicon><pair masculine="animateur" feminine="animatrice"/></lexicon>
 *     <role-pages><path>metiers/[a-z]*.md</path></role-pages>
 *     <not-role-pages><path>metiers/index.md</path></not-role-pages>
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
    char *parent = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!parent)
        abort();
    const char *resolved = realpath(*parent ? parent : "/", dir);
    free(parent);
    if (!resolved)
        return NULL;
    size_t n = strlen(dir) + 1 + strlen(base) + 1;
    char *abs = malloc(n);
    if (!abs)
        abort();
    bool root = strcmp(dir, "/") == 0;
    snprintf(abs, n, "%s%s%s", dir, root ? "" : "/", base);
    return abs;
}

/* ------------------------------------------------------------------- glob */

/* Matches one character class at *p (just after '['); advances *p past it.
 * A class that is never closed matches a literal '['. */
static bool class_match(const char **p, char c)
{
    const char *q = *p;
    bool negate = *q == '!' || *q == '^';
    if (negate)
        q++;
    bool found = false;
    const char *first = q;
    while (*q && (*q != ']' || q == first)) {
        if (q[1] == '-' && q[2] && q[2] != ']') {
            found |= c >= q[0] && c <= q[2];
            q += 3;
        } else {
            found |= c == *q++;
        }
    }
    if (*q != ']')
        return c == '[';            /* literal '[': *p stays */
    *p = q + 1;
    return found != negate && c != '/';
}

bool rd_glob_match(const char *pattern, const char *path)
{
    const char *p = pattern, *s = path;
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            bool dir_form = *p == '/';   /* "**" + "/": zero or more directories */
            if (dir_form)
                p++;
            for (const char *t = s;; t++) {
                if ((!dir_form || t == s || t[-1] == '/') && rd_glob_match(p, t))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *t = s;; t++) {
                if (rd_glob_match(p, t))
                    return true;
                if (!*t || *t == '/')
                    return false;
            }
        }
        if (!*s)
            return false;
        if (*p == '?') {
            if (*s == '/')
                return false;
            p++;
        } else if (*p == '[') {
            p++;
            if (!class_match(&p, *s))
                return false;
        } else if (*p++ != *s) {
            return false;
        }
        s++;
    }
    return *s == '\0';
}

static bool any_match(char *const *globs, size_t n, const char *rel)
{
    for (size_t i = 0; i < n; i++)
        if (rd_glob_match(globs[i], rel))
            return true;
    return false;
}

rd_role_page_override rd_config_role_page(const rd_config *config,
                                          const char *page)
{
    if (!config || !page)
        return RD_ROLE_PAGE_DETECT;
    size_t n = strlen(config->dir);
    /* Globs are relative to the configuration's directory; a page outside
     * it (a configuration named on the command line) is matched whole. */
    const char *rel = page;
    if (strncmp(page, config->dir, n) == 0 && page[n] == '/')
        rel = page + n + 1;
    else if (strcmp(config->dir, "/") == 0 && page[0] == '/')
        rel = page + 1;
    if (any_match(config->not_role_pages, config->nnot_role_pages, rel))
        return RD_ROLE_PAGE_OPTED_OUT;
    if (any_match(config->role_pages, config->nrole_pages, rel))
        return RD_ROLE_PAGE_DECLARED;
    return RD_ROLE_PAGE_DETECT;
}

/* ----------------------------------------------------------------- loading */

/* What each element of a configuration looks like (roledoc-config.rng
 * says the same, and more). */
static const rd_xml_shape config_shapes[] = {
    { "roledoc", "", "rule labels lexicon role-pages not-role-pages", "", "" },
    { "rule", "id severity", "", "", "" },
    RD_LABELS_SHAPES,
    RD_LEXICON_SHAPES,
    { "role-pages", "", "path", "", "" },
    { "not-role-pages", "", "path", "", "" },
    { "path", "", "", "", "" },
    { NULL, NULL, NULL, NULL, NULL },
};

typedef struct {
    rd_config *config;
    rd_xml_problem problem;
} config_reader;

static void read_rule_setting(config_reader *cr, const xmlNode *e)
{
    char *id = rd_xml_attr(e, "id"), *severity = rd_xml_attr(e, "severity");
    rd_ruleset *rules = &cr->config->rules;
    const rd_rule *known = id ? rd_ruleset_find(rules, id) : NULL;
    if (id && !known) {
        rd_xml_problem_note(&cr->problem, xmlGetLineNo(e), "unknown rule \"%s\"", id);
    } else if (known && severity) {
        size_t i = (size_t)(known - rules->rules);
        rd_severity declared = rd_ruleset_declared(rules, i);
        int s = strcmp(severity, "on") == 0
            ? (int)(declared != RD_SEVERITY_OFF ? declared : RD_SEVERITY_WARNING)
            : (int)rd_severity_from_name(severity);
        if (s < 0)
            rd_xml_problem_note(&cr->problem, xmlGetLineNo(e),
                                "rule \"%s\": severity \"%s\" is not one of off, "
                                "on, info, warning, error", id, severity);
        else
            rules->rules[i].severity = (rd_severity)s;
    }
    xmlFree(id);
    xmlFree(severity);
}

/* The <path> globs of a <role-pages> or <not-role-pages>. */
static void read_paths(const xmlNode *e, char ***globs, size_t *n)
{
    for (const xmlNode *p = e->children; p; p = p->next) {
        if (!rd_xml_is(p, RD_CONFIG_NS, "path"))
            continue;
        char *glob = rd_xml_text_of(p);
        if (glob && *glob) {
            *globs = realloc(*globs, (*n + 1) * sizeof **globs);
            if (!*globs)
                abort();
            /* A leading "./" says nothing more than the relative path. */
            const char *g = strncmp(glob, "./", 2) == 0 ? glob + 2 : glob;
            (*globs)[(*n)++] = strdup(g);
        }
        xmlFree(glob);
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
    for (const xmlNode *e = root->children; e; e = e->next) {
        if (rd_xml_is(e, RD_CONFIG_NS, "rule"))
            read_rule_setting(cr, e);
        else if (rd_xml_is(e, RD_CONFIG_NS, "labels"))
            rd_ruleset_read_labels(&cr->config->rules, e, &cr->problem);
        else if (rd_xml_is(e, RD_CONFIG_NS, "lexicon"))
            rd_ruleset_read_lexicon(&cr->config->rules, e, &cr->problem);
        else if (rd_xml_is(e, RD_CONFIG_NS, "role-pages"))
            read_paths(e, &cr->config->role_pages, &cr->config->nrole_pages);
        else if (rd_xml_is(e, RD_CONFIG_NS, "not-role-pages"))
            read_paths(e, &cr->config->not_role_pages, &cr->config->nnot_role_pages);
    }
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

rd_config *rd_config_load(const char *path, const rd_ruleset *base,
                          const rd_schema *schema, rd_error *err)
{
    xmlDocPtr doc = rd_xml_read(path, err);
    if (!doc)
        return NULL;
    rd_config *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->path = strdup(path);
    rd_ruleset_derive(&c->rules, base);
    config_reader cr = { .config = c };
    xmlNodePtr root = xmlDocGetRootElement(doc);
    rd_xml_check_shapes(root, RD_CONFIG_NS, config_shapes, &cr.problem);
    read_settings(&cr, root);
    rd_xml_validate(doc, schema, &cr.problem);
    xmlFreeDoc(doc);
    char *abs = rd_absolute_path(path);
    if (!cr.problem.line && abs) {
        c->dir = directory_of(abs);
        free(abs);
        return c;
    }
    free(abs);
    snprintf(err->message, sizeof err->message, "%s:%ld: %s", path,
             cr.problem.line ? cr.problem.line : 1L,
             cr.problem.line ? cr.problem.message : "cannot resolve its directory");
    err->status = RD_ERR_CONFIG;
    rd_config_free(c);
    return NULL;
}

void rd_config_free(rd_config *config)
{
    if (!config)
        return;
    for (size_t i = 0; i < config->nrole_pages; i++)
        free(config->role_pages[i]);
    free(config->role_pages);
    for (size_t i = 0; i < config->nnot_role_pages; i++)
        free(config->not_role_pages[i]);
    free(config->not_role_pages);
    rd_ruleset_free(&config->rules);
    free(config->path);
    free(config->dir);
    free(config);
}
