/* Rule files → rule set: rules, section labels, lexicon.
 *
 * Every *.xml file of the rules directory is read (in name order, so that
 * the first of two clashing declarations is always the same one), checked
 * by us for what a schema cannot say (known check kind, unique id) and
 * validated against roledoc-rules.rng. The first problem stops loading
 * with "FILE:LINE: message". A file with the bytes of a shipped one, under
 * the shipped schema, is taken from its compiled form instead (see
 * src/lint/shipped_rules.h): it was read the same way when roledoc was built.
 *
 * Why one file of this size: one loader: the reader of each element of a rule file, the shortcut for
 * the shipped files and the store of the set share the file reader's
 * state and the set's storage.
 */
#include "engine.h"
#include "lint/checks/check.h"
#include "model/titles.h"
#include "shipped_rules.h"
#include "model/vocab.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------- storage */

/* What rd_ruleset.priv points to. */
typedef struct {
    rd_arena arena;          /* every string the set owns */
    rd_severity *declared;   /* per rule: the severity of its rule file */
    size_t rules_cap, declared_cap, pairs_cap, epicene_cap;
    size_t labels_cap, terms_cap;
    char *dir;               /* where the rules were loaded from, or NULL */
    char *schema_dir;        /* schemas where dir has none (NULL: the
                                installed ones) */
    /* Built from the set when first asked for and kept until it changes:
     * every page of a run would otherwise build the same ones again. */
    _Atomic(rd_lexicon *) lexicon;
    _Atomic(rd_vocab *) vocab;
} store;

static store *store_of(const rd_ruleset *rules)
{
    return rules->priv;
}

/* Appends n elements of `size` bytes to *items (of *len, room for *cap). */
static void append(void *items, size_t *len, size_t *cap, const void *more,
                   size_t n, size_t size)
{
    void **p = items;
    if (*len + n > *cap) {
        size_t bigger_cap = *cap ? 2 * *cap : 16;
        *cap = bigger_cap > *len + n ? bigger_cap : *len + n;
        void *bigger = rd_xrealloc(*p, *cap * size);
        *p = bigger;
    }
    if (n)
        memcpy((char *)*p + *len * size, more, n * size);
    *len += n;
}

/* Pages are read on several threads: the first to need a derived index
 * builds it, the others wait for it. */
static pthread_mutex_t derive_lock = PTHREAD_MUTEX_INITIALIZER;

/* A set being built (or extended by a configuration file) is read by no
 * page yet: what was derived from it is dropped, to be built again. */
static void drop_derived(store *s)
{
    rd_lexicon_free(atomic_exchange(&s->lexicon, NULL));
    rd_vocab_free(atomic_exchange(&s->vocab, NULL));
}

void rd_ruleset_init(rd_ruleset *rules)
{
    memset(rules, 0, sizeof *rules);
    store *s = rd_xcalloc(1, sizeof *s);
    rd_arena_init(&s->arena);
    rules->priv = s;
}

char *rd_ruleset_strdup(rd_ruleset *rules, const char *s)
{
    return s ? rd_arena_strndup(&store_of(rules)->arena, s, strlen(s)) : NULL;
}

void *rd_ruleset_alloc(rd_ruleset *rules, size_t size)
{
    return rd_arena_alloc(&store_of(rules)->arena, size);
}

rd_rule *rd_ruleset_add_rule(rd_ruleset *rules)
{
    store *s = store_of(rules);
    const rd_rule blank = { 0 };
    const rd_severity off = RD_SEVERITY_OFF;
    size_t ndeclared = rules->nrules;
    append(&s->declared, &ndeclared, &s->declared_cap, &off, 1, sizeof off);
    append(&rules->rules, &rules->nrules, &s->rules_cap, &blank, 1, sizeof blank);
    return &rules->rules[rules->nrules - 1];
}

void rd_ruleset_add_label_match(rd_ruleset *rules, int part,
                                rd_label_match match, const char *label)
{
    store *s = store_of(rules);
    drop_derived(s);
    rd_label l = { part, match, rd_ruleset_strdup(rules, label) };
    append(&rules->labels, &rules->nlabels, &s->labels_cap, &l, 1, sizeof l);
}

void rd_ruleset_add_label(rd_ruleset *rules, rd_part part, const char *label)
{
    rd_ruleset_add_label_match(rules, (int)part, RD_MATCH_EXACT, label);
}

void rd_ruleset_add_term(rd_ruleset *rules, rd_term_kind kind, const char *text)
{
    store *s = store_of(rules);
    drop_derived(s);
    rd_term t = { kind, rd_ruleset_strdup(rules, text) };
    append(&rules->terms, &rules->nterms, &s->terms_cap, &t, 1, sizeof t);
}

void rd_ruleset_add_pair(rd_ruleset *rules, const char *masculine,
                         const char *feminine)
{
    store *s = store_of(rules);
    drop_derived(s);
    rd_lexicon_pair p = { rd_ruleset_strdup(rules, masculine),
                          rd_ruleset_strdup(rules, feminine) };
    append(&rules->pairs, &rules->npairs, &s->pairs_cap, &p, 1, sizeof p);
}

void rd_ruleset_add_epicene(rd_ruleset *rules, const char *word)
{
    store *s = store_of(rules);
    drop_derived(s);
    const char *copy = rd_ruleset_strdup(rules, word);
    append(&rules->epicene, &rules->nepicene, &s->epicene_cap, &copy, 1,
           sizeof copy);
}

void rd_ruleset_add_job(rd_ruleset *rules, const char *masculine,
                        const char *feminine)
{
    if (feminine) {
        rd_ruleset_add_pair(rules, masculine, feminine);
        rd_ruleset_add_term(rules, RD_TERM_JOB, masculine);
        rd_ruleset_add_term(rules, RD_TERM_JOB, feminine);
    } else {
        rd_ruleset_add_epicene(rules, masculine);
        rd_ruleset_add_term(rules, RD_TERM_JOB, masculine);
    }
}

/* Copies n elements into a fresh array with room for more. */
static void *copy_array(const void *items, size_t n, size_t size, size_t *cap)
{
    *cap = n ? n : 1;
    void *copy = rd_xmalloc(*cap * size);
    if (n)
        memcpy(copy, items, n * size);
    return copy;
}

void rd_ruleset_derive(rd_ruleset *out, const rd_ruleset *base)
{
    rd_ruleset_init(out);
    store *s = store_of(out);
    const store *b = store_of(base);   /* NULL for a set built by hand */
    out->rules = copy_array(base->rules, base->nrules, sizeof *base->rules,
                            &s->rules_cap);
    s->declared_cap = s->rules_cap;
    s->declared = rd_xmalloc(s->declared_cap * sizeof *s->declared);
    for (size_t i = 0; i < base->nrules; i++)
        s->declared[i] = rd_ruleset_declared(base, i);
    out->nrules = base->nrules;
    out->labels = copy_array(base->labels, base->nlabels, sizeof *base->labels,
                             &s->labels_cap);
    out->nlabels = base->nlabels;
    out->terms = copy_array(base->terms, base->nterms, sizeof *base->terms,
                            &s->terms_cap);
    out->nterms = base->nterms;
    out->pairs = copy_array(base->pairs, base->npairs, sizeof *base->pairs,
                            &s->pairs_cap);
    out->npairs = base->npairs;
    out->epicene = copy_array(base->epicene, base->nepicene,
                              sizeof *base->epicene, &s->epicene_cap);
    out->nepicene = base->nepicene;
    if (b && b->dir)
        s->dir = rd_xstrdup(b->dir);
    if (b && b->schema_dir)
        s->schema_dir = rd_xstrdup(b->schema_dir);
}

rd_severity rd_ruleset_declared(const rd_ruleset *rules, size_t i)
{
    const store *s = store_of(rules);
    return s && s->declared ? s->declared[i] : rules->rules[i].severity;
}

/* ------------------------------------------------------- derived indexes */

const rd_vocab *rd_ruleset_vocab(const rd_ruleset *rules, rd_vocab **own)
{
    store *s = rules ? store_of(rules) : NULL;
    *own = NULL;
    if (!s)
        return *own = rd_vocab_new(rules);
    rd_vocab *v = atomic_load_explicit(&s->vocab, memory_order_acquire);
    if (v)
        return v;
    pthread_mutex_lock(&derive_lock);
    v = atomic_load_explicit(&s->vocab, memory_order_acquire);
    if (!v) {
        v = rd_vocab_new(rules);
        atomic_store_explicit(&s->vocab, v, memory_order_release);
    }
    pthread_mutex_unlock(&derive_lock);
    return v;
}

const rd_lexicon *rd_ruleset_lexicon(const rd_ruleset *rules, rd_lexicon **own)
{
    store *s = rules ? store_of(rules) : NULL;
    *own = NULL;
    if (!s)
        return *own = rd_lexicon_new(rules);
    rd_lexicon *lex = atomic_load_explicit(&s->lexicon, memory_order_acquire);
    if (lex)
        return lex;
    pthread_mutex_lock(&derive_lock);
    lex = atomic_load_explicit(&s->lexicon, memory_order_acquire);
    if (!lex) {
        lex = rd_lexicon_new(rules);
        atomic_store_explicit(&s->lexicon, lex, memory_order_release);
    }
    pthread_mutex_unlock(&derive_lock);
    return lex;
}

void rd_ruleset_free(rd_ruleset *rules)
{
    if (!rules)
        return;
    store *s = store_of(rules);
    free(rules->rules);
    free(rules->labels);
    free(rules->terms);
    free(rules->pairs);
    free(rules->epicene);
    if (s) {
        drop_derived(s);
        rd_arena_free(&s->arena);
        free(s->declared);
        free(s->dir);
        free(s->schema_dir);
        free(s);
    }
    memset(rules, 0, sizeof *rules);
}

/* ------------------------------------------------------------- look-ups */

const char *rd_part_name(rd_part part)
{
    static const char *const names[RD_PART_COUNT] = {
        [RD_PART_OBJECTIVES] = "objectives",
        [RD_PART_MISSION] = "mission",
        [RD_PART_ACTIONS] = "actions",
        [RD_PART_LIMITS] = "limits",
        [RD_PART_AXES] = "axes",
    };
    return (unsigned)part < RD_PART_COUNT ? names[part] : NULL;
}

int rd_part_from_name(const char *name)
{
    for (int p = 0; p < RD_PART_COUNT; p++)
        if (name && strcmp(rd_part_name(p), name) == 0)
            return p;
    return -1;
}

static const char *const match_names[] = {
    [RD_MATCH_EXACT] = "exact",
    [RD_MATCH_START] = "start",
    [RD_MATCH_CONTAINS] = "contains",
    [RD_MATCH_QUESTION] = "question",
};

const char *rd_label_match_name(rd_label_match match)
{
    return (unsigned)match <= RD_MATCH_QUESTION ? match_names[match] : NULL;
}

int rd_label_match_from_name(const char *name)
{
    for (int m = RD_MATCH_EXACT; m <= RD_MATCH_QUESTION; m++)
        if (name && strcmp(match_names[m], name) == 0)
            return m;
    return -1;
}

const char *rd_term_kind_name(rd_term_kind kind)
{
    static const char *const names[RD_TERM_COUNT] = {
        [RD_TERM_JOB] = "job",
        [RD_TERM_DISCIPLINE] = "discipline",
        [RD_TERM_FAMILY] = "family",
        [RD_TERM_ARTICLE] = "article",
        [RD_TERM_LEAD_IN] = "lead-in",
        [RD_TERM_MISSION] = "mission-phrase",
    };
    return (unsigned)kind < RD_TERM_COUNT ? names[kind] : NULL;
}

const char *rd_ruleset_first_label(const rd_ruleset *rules, rd_part part)
{
    for (size_t i = 0; rules && i < rules->nlabels; i++)
        if (rules->labels[i].part == (int)part)
            return rules->labels[i].text;
    return NULL;
}

static const char *const severity_names[] = {
    [RD_SEVERITY_OFF] = "off",
    [RD_SEVERITY_INFO] = "info",
    [RD_SEVERITY_WARNING] = "warning",
    [RD_SEVERITY_ERROR] = "error",
};

rd_severity rd_severity_from_name(const char *name)
{
    for (int i = RD_SEVERITY_OFF; i <= RD_SEVERITY_ERROR; i++)
        if (name && strcmp(severity_names[i], name) == 0)
            return (rd_severity)i;
    return (rd_severity)-1;
}

const char *rd_severity_name(rd_severity severity)
{
    return (unsigned)severity <= RD_SEVERITY_ERROR ? severity_names[severity]
                                                   : "unknown";
}

const rd_rule *rd_ruleset_find(const rd_ruleset *rules, const char *id)
{
    for (size_t i = 0; rules && id && i < rules->nrules; i++)
        if (strcmp(rules->rules[i].id, id) == 0)
            return &rules->rules[i];
    return NULL;
}

const char *rd_rule_param(const rd_rule *rule, const char *name)
{
    for (const rd_attr *a = rule ? rule->params : NULL; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a->value;
    return NULL;
}

/* ---------------------------------------------------- default directories */

const char *rd_installed_rules_dir(void)
{
    return RD_PKGDATADIR "/rules";
}

const char *rd_installed_docs_dir(void)
{
    return RD_PKGDATADIR "/docs/rules";
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = rd_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *rd_ruleset_schema_path(const rd_ruleset *rules, const char *name)
{
    const store *s = rules ? store_of(rules) : NULL;
    if (s && s->dir) {
        char *own = join_path(s->dir, name);
        if (access(own, R_OK) == 0)
            return own;
        free(own);
    }
    return join_path(s && s->schema_dir ? s->schema_dir : rd_installed_rules_dir(),
                     name);
}

/* ------------------------------------------------------ labels, lexicon */

/* The labels under a <part> or <not-part>, each with its match. */
static void read_label_list(rd_ruleset *rules, const xmlNode *parent, int part,
                            rd_xml_problem *problem)
{
    for (const xmlNode *l = parent->children; l; l = l->next) {
        if (l->type != XML_ELEMENT_NODE)
            continue;
        char *match = rd_xml_attr(l, "match");
        int m = match ? rd_label_match_from_name(match) : RD_MATCH_EXACT;
        if (m < 0)
            rd_xml_problem_note(problem, xmlGetLineNo(l), "<label match=\"%s\">: "
                                "a match is exact, start, contains or question",
                                match);
        char *text = rd_xml_text_of(l);
        if (m >= 0 && text && *text)
            rd_ruleset_add_label_match(rules, part, (rd_label_match)m, text);
        xmlFree(match);
        xmlFree(text);
    }
}

static void read_part(rd_ruleset *rules, const xmlNode *part,
                      rd_xml_problem *problem)
{
    char *name = rd_xml_attr(part, "name");
    int p = rd_part_from_name(name);
    if (p < 0 && name)
        rd_xml_problem_note(problem, xmlGetLineNo(part), "<part name=\"%s\">: a "
                            "part is objectives, mission, actions, limits or axes",
                            name);
    xmlFree(name);
    if (p >= 0)
        read_label_list(rules, part, p, problem);
}

/* A term given as the element's text (<lead-in>, <discipline>...). */
static void read_term(rd_ruleset *rules, const xmlNode *e, rd_term_kind kind)
{
    char *text = rd_xml_text_of(e);
    if (text && *text)
        rd_ruleset_add_term(rules, kind, text);
    xmlFree(text);
}

static bool is_named(const xmlNode *e, const char *name)
{
    return strcmp((const char *)e->name, name) == 0;
}

void rd_ruleset_read_labels(rd_ruleset *rules, const xmlNode *labels,
                            rd_xml_problem *problem)
{
    for (const xmlNode *e = labels->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        if (is_named(e, "part"))
            read_part(rules, e, problem);
        else if (is_named(e, "not-part"))
            read_label_list(rules, e, RD_NOT_A_PART, problem);
        else if (is_named(e, "lead-in"))
            read_term(rules, e, RD_TERM_LEAD_IN);
        else if (is_named(e, "mission-phrase"))
            read_term(rules, e, RD_TERM_MISSION);
        else if (is_named(e, "family"))
            read_term(rules, e, RD_TERM_FAMILY);
    }
}

static void read_pair(rd_ruleset *rules, const xmlNode *e, bool job)
{
    char *m = rd_xml_attr(e, "masculine"), *f = rd_xml_attr(e, "feminine");
    if (m && f) {
        if (job)
            rd_ruleset_add_job(rules, m, f);
        else
            rd_ruleset_add_pair(rules, m, f);
    }
    xmlFree(m);
    xmlFree(f);
}

static void read_epicene(rd_ruleset *rules, const xmlNode *e, bool job)
{
    char *w = rd_xml_text_of(e);
    if (w && *w) {
        if (job)
            rd_ruleset_add_job(rules, w, NULL);
        else
            rd_ruleset_add_epicene(rules, w);
    }
    xmlFree(w);
}

/* <job masculine="…" feminine="…"/> is a pair and two job nouns; <job>coach</job>
 * an epicene word and a job noun. */
static void read_job(rd_ruleset *rules, const xmlNode *e, rd_xml_problem *problem)
{
    bool m = xmlHasProp(e, BAD_CAST "masculine") != NULL;
    bool f = xmlHasProp(e, BAD_CAST "feminine") != NULL;
    if (m != f) {
        rd_xml_problem_note(problem, xmlGetLineNo(e), "<job> gives both forms "
                            "(masculine and feminine) or none");
        return;
    }
    if (m)
        read_pair(rules, e, true);
    else
        read_epicene(rules, e, true);
}

void rd_ruleset_read_lexicon(rd_ruleset *rules, const xmlNode *lexicon,
                             rd_xml_problem *problem)
{
    for (const xmlNode *e = lexicon->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        if (is_named(e, "pair"))
            read_pair(rules, e, false);
        else if (is_named(e, "epicene"))
            read_epicene(rules, e, false);
        else if (is_named(e, "job"))
            read_job(rules, e, problem);
        else if (is_named(e, "discipline"))
            read_term(rules, e, RD_TERM_DISCIPLINE);
        else if (is_named(e, "article"))
            read_term(rules, e, RD_TERM_ARTICLE);
    }
}

/* ----------------------------------------------------------------- rules */

/* What each element of a rule file looks like (roledoc-rules.rng says the
 * same, and more: values, order, repetitions). */
static const rd_xml_shape rule_file_shapes[] = {
    { "rules", "", "rule", "rule", "" },
    { "rule", "id kind severity", "description message hint param",
      "description message", "description message hint" },
    { "description", "", "", "", "" },
    { "message", "", "", "", "" },
    { "hint", "", "", "", "" },
    { "param", "name value", "", "", "" },
    RD_LABELS_SHAPES,
    RD_LEXICON_SHAPES,
    { NULL, NULL, NULL, NULL, NULL },
};

/* Reading one file: where we are and the first problem seen. */
typedef struct {
    rd_ruleset *rules;
    const char *file;        /* as stored in the rules (arena) */
    rd_xml_problem problem;
} file_reader;

static char *child_text(const xmlNode *rule, const char *name)
{
    for (const xmlNode *c = rule->children; c; c = c->next)
        if (rd_xml_is(c, RD_RULES_NS, name))
            return rd_xml_text_of(c);
    return NULL;
}

static char *arena_copy(file_reader *fr, char *s)
{
    char *copy = rd_ruleset_strdup(fr->rules, s);
    xmlFree(s);
    return copy;
}

static void read_params(file_reader *fr, rd_rule *r, const xmlNode *rule)
{
    rd_attr **tail = &r->params;
    for (const xmlNode *c = rule->children; c; c = c->next) {
        if (!rd_xml_is(c, RD_RULES_NS, "param"))
            continue;
        char *name = rd_xml_attr(c, "name"), *value = rd_xml_attr(c, "value");
        if (name && value) {
            rd_attr *a = rd_arena_alloc(&store_of(fr->rules)->arena, sizeof *a);
            a->name = rd_ruleset_strdup(fr->rules, name);
            a->value = rd_ruleset_strdup(fr->rules, value);
            a->line = (uint32_t)xmlGetLineNo(c);
            *tail = a;
            tail = &a->next;
        }
        xmlFree(name);
        xmlFree(value);
    }
}

/* Rule ids are stable names users type: kebab-case only. */
static bool is_kebab_case(const char *id)
{
    bool after_letter = false;
    for (const char *p = id; *p; p++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (!alnum && !(*p == '-' && after_letter))
            return false;
        after_letter = alnum;
    }
    return after_letter;
}

/* Ids are unique across the files of a directory. */
static bool is_new_id(file_reader *fr, long line, const char *id)
{
    const rd_rule *twin = rd_ruleset_find(fr->rules, id);
    if (twin)
        rd_xml_problem_note(&fr->problem, line,
                            "duplicate rule id \"%s\" (already declared at %s:%u)",
                            id, twin->file, twin->line);
    return !twin;
}

/* The checks a schema cannot make: the kind exists, the id is new, and a
 * clear word about a bad severity. Returns false when the rule is unusable. */
static bool rule_is_sound(file_reader *fr, const xmlNode *rule, const char *id,
                          const char *kind, const char *severity)
{
    long line = xmlGetLineNo(rule);
    if (!id || !kind || !severity)
        return false;               /* the shape check names the missing one */
    if (!is_kebab_case(id)) {
        rd_xml_problem_note(&fr->problem, line, "rule id \"%s\" is not "
                            "kebab-case (a-z, 0-9, single hyphens)", id);
        return false;
    }
    if (!is_new_id(fr, line, id))
        return false;
    if ((int)rd_severity_from_name(severity) < 0) {
        rd_xml_problem_note(&fr->problem, line,
                            "rule \"%s\": severity \"%s\" is not one of off, "
                            "info, warning, error", id, severity);
        return false;
    }
    if (!rd_check_kind_find(kind)) {
        rd_xml_problem_note(&fr->problem, line,
                            "rule \"%s\": unknown check kind \"%s\"", id, kind);
        return false;
    }
    return true;
}

static void read_rule(file_reader *fr, const xmlNode *rule)
{
    char *id = rd_xml_attr(rule, "id"), *kind = rd_xml_attr(rule, "kind");
    char *severity = rd_xml_attr(rule, "severity");
    if (rule_is_sound(fr, rule, id, kind, severity)) {
        rd_rule *r = rd_ruleset_add_rule(fr->rules);
        r->id = rd_ruleset_strdup(fr->rules, id);
        r->kind = rd_ruleset_strdup(fr->rules, kind);
        r->severity = rd_severity_from_name(severity);
        store_of(fr->rules)->declared[fr->rules->nrules - 1] = r->severity;
        r->description = arena_copy(fr, child_text(rule, "description"));
        r->message = arena_copy(fr, child_text(rule, "message"));
        r->hint = arena_copy(fr, child_text(rule, "hint"));
        read_params(fr, r, rule);
        r->file = fr->file;
        r->line = (uint32_t)xmlGetLineNo(rule);
    }
    xmlFree(id);
    xmlFree(kind);
    xmlFree(severity);
}

static void read_root(file_reader *fr, const xmlNode *root)
{
    if (rd_xml_is(root, RD_RULES_NS, "rule")) {
        read_rule(fr, root);
    } else if (rd_xml_is(root, RD_RULES_NS, "rules")) {
        for (const xmlNode *c = root->children; c; c = c->next)
            if (rd_xml_is(c, RD_RULES_NS, "rule"))
                read_rule(fr, c);
    } else if (rd_xml_is(root, RD_RULES_NS, "labels")) {
        rd_ruleset_read_labels(fr->rules, root, &fr->problem);
    } else if (rd_xml_is(root, RD_RULES_NS, "lexicon")) {
        rd_ruleset_read_lexicon(fr->rules, root, &fr->problem);
    } else {
        rd_xml_problem_note(&fr->problem, xmlGetLineNo(root),
                            "<%s> is not a rule file's root: expected rule, "
                            "rules, labels or lexicon in namespace %s",
                            (const char *)root->name, RD_RULES_NS);
    }
}

/* ------------------------------------------------------- shipped files */

/* The shipped file with exactly these bytes, or NULL (src/lint/shipped_rules.h). */
static const rd_shipped_file *shipped_file(const char *data, size_t len)
{
    for (size_t i = 0; i < rd_shipped.nfiles; i++) {
        const rd_shipped_file *f = &rd_shipped.files[i];
        if (f->size == len && memcmp(f->bytes, data, len) == 0)
            return f;
    }
    return NULL;
}

static void add_shipped_rule(file_reader *fr, const rd_shipped_rule *sr)
{
    if (!is_new_id(fr, sr->line, sr->id))
        return;
    rd_rule *r = rd_ruleset_add_rule(fr->rules);
    store *s = store_of(fr->rules);
    /* The strings are the program's own: shared, not copied. */
    *r = (rd_rule){ .id = sr->id, .kind = sr->kind, .severity = sr->severity,
                    .description = sr->description, .message = sr->message,
                    .hint = sr->hint, .file = fr->file, .line = sr->line };
    s->declared[fr->rules->nrules - 1] = r->severity;
    rd_attr **tail = &r->params;
    for (size_t i = 0; i < sr->nparams; i++) {
        rd_attr *a = rd_arena_alloc(&s->arena, sizeof *a);
        a->name = sr->params[i].name;
        a->value = sr->params[i].value;
        a->line = sr->params[i].line;
        *tail = a;
        tail = &a->next;
    }
}

/* What a shipped file declares, as reading it would add it. */
static void add_shipped(file_reader *fr, const rd_shipped_file *f)
{
    rd_ruleset *rules = fr->rules;
    store *s = store_of(rules);
    drop_derived(s);
    for (size_t i = 0; i < f->nrules; i++)
        add_shipped_rule(fr, &f->rules[i]);
    append(&rules->labels, &rules->nlabels, &s->labels_cap, f->labels,
           f->nlabels, sizeof *rules->labels);
    append(&rules->terms, &rules->nterms, &s->terms_cap, f->terms,
           f->nterms, sizeof *rules->terms);
    append(&rules->pairs, &rules->npairs, &s->pairs_cap, f->pairs, f->npairs,
           sizeof *rules->pairs);
    append(&rules->epicene, &rules->nepicene, &s->epicene_cap, f->epicene,
           f->nepicene, sizeof *rules->epicene);
}

/* The schema of a rules directory, compiled when a file needs it. */
typedef struct {
    const char *path;
    bool shipped;            /* the shipped schema, known to compile */
    rd_schema *compiled;
} schema_use;

static bool is_shipped_schema(const char *path)
{
    rd_error ignored;
    size_t len = 0;
    char *data = rd_read_small_file(path, &len, &ignored);
    bool same = data && rd_shipped.schema && len == rd_shipped.schema_size &&
                memcmp(data, rd_shipped.schema, len) == 0;
    free(data);
    return same;
}

static rd_status schema_open(schema_use *s, const char *path, rd_error *err)
{
    *s = (schema_use){ .path = path, .shipped = is_shipped_schema(path) };
    /* Any other schema is compiled first, as its problems come first. */
    if (!s->shipped && !(s->compiled = rd_schema_load(path, err)))
        return err->status;
    return RD_OK;
}

/* Validates doc unless our own checks found a problem already. */
static rd_status validate(schema_use *s, xmlDocPtr doc, rd_xml_problem *problem,
                          rd_error *err)
{
    if (problem->line)
        return RD_OK;
    if (!s->compiled && !(s->compiled = rd_schema_load(s->path, err)))
        return err->status;
    rd_xml_validate(doc, s->compiled, problem);
    return RD_OK;
}

/* Parses, checks and validates a file that is not a shipped one. */
static rd_status read_file(file_reader *fr, schema_use *schema,
                           const char *data, size_t len, rd_error *err)
{
    xmlDocPtr doc = rd_xml_parse(fr->file, data, len, err);
    if (!doc)
        return err->status;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    rd_xml_check_shapes(root, RD_RULES_NS, rule_file_shapes, &fr->problem);
    read_root(fr, root);
    rd_status status = validate(schema, doc, &fr->problem, err);
    xmlFreeDoc(doc);
    return status;
}

/* The declarations of a rule file's bytes, named `path` in messages. */
static rd_status load_bytes(rd_ruleset *rules, const char *path, const char *data,
                            size_t len, schema_use *schema, rd_error *err)
{
    file_reader fr = { .rules = rules, .file = rd_ruleset_strdup(rules, path) };
    /* A shipped file passed the shipped schema when roledoc was built. */
    const rd_shipped_file *shipped = schema->shipped ? shipped_file(data, len)
                                                     : NULL;
    rd_status status = RD_OK;
    if (shipped)
        add_shipped(&fr, shipped);
    else
        status = read_file(&fr, schema, data, len, err);
    if (status != RD_OK)
        return status;
    if (!fr.problem.line)
        return RD_OK;
    rd_set_error(err, RD_ERR_CONFIG, "%s:%ld: %s", path, fr.problem.line,
                 fr.problem.message);
    return RD_ERR_CONFIG;
}

static rd_status load_file(rd_ruleset *rules, const char *path,
                           schema_use *schema, rd_error *err)
{
    size_t len = 0;
    char *data = rd_read_small_file(path, &len, err);
    if (!data)
        return err->status;
    rd_status status = load_bytes(rules, path, data, len, schema, err);
    free(data);
    return status;
}

rd_status rd_ruleset_read_bytes(rd_ruleset *rules, const char *name,
                                const char *data, size_t len, rd_schema *schema,
                                rd_error *err)
{
    schema_use use = { .path = NULL, .shipped = false, .compiled = schema };
    rd_clear_error(err);
    return load_bytes(rules, name, data, len, &use, err);
}

rd_status rd_ruleset_load_file(rd_ruleset *rules, const char *path,
                               const char *schema_path, rd_error *err)
{
    schema_use schema;
    err->status = RD_OK;
    err->message[0] = '\0';
    rd_status status = schema_open(&schema, schema_path, err);
    if (status == RD_OK)
        status = load_file(rules, path, &schema, err);
    rd_schema_free(schema.compiled);
    return status;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_xml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* The *.xml files of dir, sorted by name; -1 when dir cannot be read. */
static int list_rule_files(const char *dir, rd_path_list *files, rd_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err->message, sizeof err->message, "%s: %s", dir, strerror(errno));
        err->status = RD_ERR_CONFIG;
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_xml_name(e->d_name))
            continue;
        if (files->len == files->cap) {
            files->cap = files->cap ? files->cap * 2 : 32;
            files->paths = rd_xrealloc(files->paths, files->cap * sizeof *files->paths);
        }
        files->paths[files->len++] = join_path(dir, e->d_name);
    }
    closedir(d);
    if (files->len)     /* no list at all when the directory has no file */
        qsort(files->paths, files->len, sizeof *files->paths, compare_names);
    return 0;
}

static rd_status load_files(rd_ruleset *rules, const rd_path_list *files,
                            const char *dir, rd_error *err)
{
    if (files->len == 0) {
        snprintf(err->message, sizeof err->message,
                 "%s: no rule files (*.xml) in this directory", dir);
        err->status = RD_ERR_CONFIG;
        return RD_ERR_CONFIG;
    }
    char *schema_path = rd_ruleset_schema_path(rules, RD_RULES_SCHEMA);
    schema_use schema;
    rd_status status = schema_open(&schema, schema_path, err);
    for (size_t i = 0; i < files->len && status == RD_OK; i++)
        status = load_file(rules, files->paths[i], &schema, err);
    rd_schema_free(schema.compiled);
    free(schema_path);
    return status;
}

rd_status rd_ruleset_load_with_schemas(rd_ruleset *rules, const char *dir,
                                       const char *schema_dir, rd_error *err)
{
    rd_ruleset_init(rules);
    if (!dir) {
        rd_ruleset_free(rules);
        rd_set_error(err, RD_ERR_USAGE, "no rules directory given");
        return RD_ERR_USAGE;
    }
    store_of(rules)->dir = rd_xstrdup(dir);
    if (schema_dir)
        store_of(rules)->schema_dir = rd_xstrdup(schema_dir);
    rd_clear_error(err);
    rd_path_list files = { 0 };
    rd_status status = list_rule_files(dir, &files, err) != 0
        ? RD_ERR_CONFIG : load_files(rules, &files, dir, err);
    rd_path_list_free(&files);
    if (status != RD_OK)
        rd_ruleset_free(rules);
    return status;
}

rd_status rd_ruleset_load(rd_ruleset *rules, const char *dir, rd_error *err)
{
    return rd_ruleset_load_with_schemas(rules, dir, NULL, err);
}
