/* The YAML form of a project configuration (.roledoc.yaml or .roledoc.yml),
 * read with libyaml into the structure the XML form fills (config.c):
 *
 *   rules:
 *     image-alt: off                   # off, on, info, warning, error,
 *     http-link:                       # true, yes (on); false, no (off)
 *       severity: error
 *       https-hosts: ["*.gouv.fr"]     # a parameter: a string or a list
 *   labels:
 *     mission: [Raison d'être, {text: "Ta mission", match: start}]
 *     not-part: [Pour aller plus loin]  # a heading that is no part
 *     lead-ins: [tu devras]             # announce an action list
 *     mission-phrases: [a pour rôle]    # say what a job is for
 *     families: [les métiers du design]
 *   lexicon:
 *     jobs: [coach, {animateur: animatrice}]     # job nouns (title words)
 *     pairs: {intrapreneur: [intrapreneure, intrapreneuse]}
 *     epicene: [product owner]
 *     disciplines: [gestion de produit]          # "Gestion de produit"
 *     articles: ["l'"]
 *   role-pages: ["metiers/[a-z]*.md"]
 *   not-role-pages: [metiers/README.md]        # wins over role-pages
 *   ignore: [brouillons]               # a page, or every page of a folder
 *   overrides:
 *     - files: [archives]
 *       rules: {http-link: off}
 *
 * The keys are read through tables: a key is a row (its name and the
 * function that reads its value). A problem is reported at the line and
 * column of the node at fault, the earliest one first. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A walk of the document visits each of its nodes about once; aliases
 * that make it visit more than twice its nodes (and more than this) are an
 * attack, not a configuration: the walk stays linear in the file. */
#define MIN_NODE_VISITS 100000

typedef struct {
    rd_config *config;
    yaml_document_t doc;
    rd_xml_problem problem;
    size_t visits, max_visits;
} yaml_reader;

/* Reads the value of one key into target. */
typedef void (*value_fn)(yaml_reader *r, yaml_node_t *value, void *target);

typedef struct {
    const char *key;
    value_fn read;
    bool required;
} key_entry;

/* ------------------------------------------------------------------ nodes */

static long line_of(const yaml_node_t *n)
{
    return (long)n->start_mark.line + 1;
}

static long col_of(const yaml_node_t *n)
{
    return (long)n->start_mark.column + 1;
}

static void problem(yaml_reader *r, const yaml_node_t *n, const char *fmt,
                    const char *arg)
{
    rd_problem_note_at(&r->problem, line_of(n), col_of(n), fmt, arg);
}

static const char *shape_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    default: return "a string";
    }
}

/* The node with this id, or NULL once the walk has been too long. */
static yaml_node_t *node(yaml_reader *r, int id)
{
    if (++r->visits > r->max_visits)
        return NULL;
    return yaml_document_get_node(&r->doc, id);
}

static const char *text_of(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* A null (an empty value, "~" or "null" unquoted) stands for nothing. */
static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = text_of(n);
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* The text of a scalar, or NULL (noted) for anything else. */
static const char *scalar(yaml_reader *r, const yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SCALAR_NODE && !is_null(n))
        return text_of(n);
    rd_problem_note_at(&r->problem, line_of(n), col_of(n),
                       "expected %s, found %s", what,
                       is_null(n) ? "nothing" : shape_name(n));
    return NULL;
}

/* Calls each(r, text, node, target) for a string or each string of a list. */
typedef void (*string_fn)(yaml_reader *r, const char *s, yaml_node_t *at,
                          void *target);

static void each_string(yaml_reader *r, yaml_node_t *n, const char *what,
                        string_fn each, void *target)
{
    if (is_null(n))
        return;
    if (n->type != YAML_SEQUENCE_NODE) {
        const char *s = scalar(r, n, what);
        if (s)
            each(r, s, n, target);
        return;
    }
    for (yaml_node_item_t *i = n->data.sequence.items.start;
         i < n->data.sequence.items.top; i++) {
        yaml_node_t *item = node(r, *i);
        const char *s = item ? scalar(r, item, what) : NULL;
        if (s)
            each(r, s, item, target);
    }
}

/* Calls each(r, key, keynode, value, target) for every pair of a mapping,
 * after checking that its keys are strings and unique. */
typedef void (*pair_fn)(yaml_reader *r, const char *key, yaml_node_t *at,
                        yaml_node_t *value, void *target);

static bool key_seen_before(yaml_reader *r, yaml_node_pair_t *first,
                            yaml_node_pair_t *pair, const char *key)
{
    for (yaml_node_pair_t *p = first; p < pair; p++) {
        yaml_node_t *k = node(r, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp(text_of(k), key) == 0)
            return true;
    }
    return false;
}

static void each_pair(yaml_reader *r, yaml_node_t *n, const char *what,
                      pair_fn each, void *target)
{
    if (is_null(n))
        return;
    if (n->type != YAML_MAPPING_NODE) {
        rd_problem_note_at(&r->problem, line_of(n), col_of(n),
                           "expected %s, found %s", what, shape_name(n));
        return;
    }
    yaml_node_pair_t *first = n->data.mapping.pairs.start;
    for (yaml_node_pair_t *p = first; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
        const char *key = k ? scalar(r, k, "a key") : NULL;
        if (!key || !v)
            continue;
        if (key_seen_before(r, first, p, key))
            problem(r, k, "key \"%s\" given twice", key);
        else
            each(r, key, k, v, target);
    }
}

/* ------------------------------------------------------------------ tables */

static const key_entry *find_key(const key_entry *table, const char *key)
{
    for (const key_entry *e = table; e->key; e++)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

static void table_names(const key_entry *table, rd_buf *out)
{
    for (const key_entry *e = table; e->key; e++)
        rd_buf_printf(out, "%s%s", e == table ? "" : ", ", e->key);
}

typedef struct {
    const key_entry *table;
    void *target;
} table_use;

static void read_table_pair(yaml_reader *r, const char *key, yaml_node_t *at,
                            yaml_node_t *value, void *use)
{
    const table_use *u = use;
    const key_entry *e = find_key(u->table, key);
    if (e) {
        e->read(r, value, u->target);
        return;
    }
    rd_buf names;
    rd_buf_init(&names);
    table_names(u->table, &names);
    rd_problem_note_at(&r->problem, line_of(at), col_of(at),
                       "unknown key \"%s\" (expected: %s)", key, names.data);
    rd_buf_free(&names);
}

static bool has_key(yaml_reader *r, yaml_node_t *n, const char *key)
{
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(r, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp(text_of(k), key) == 0)
            return true;
    }
    return false;
}

/* A mapping whose keys are the rows of table. */
static void read_table(yaml_reader *r, yaml_node_t *n, const char *what,
                       const key_entry *table, void *target)
{
    table_use use = { table, target };
    each_pair(r, n, what, read_table_pair, &use);
    if (n->type != YAML_MAPPING_NODE)
        return;
    for (const key_entry *e = table; e->key; e++)
        if (e->required && !has_key(r, n, e->key))
            problem(r, n, "key \"%s\" missing", e->key);
}

/* ------------------------------------------------------------------- rules */

/* Whether value is one of YAML 1.1's spellings of a boolean (which other
 * YAML readers, and so editors, take as one). */
static bool is_word_of(const char *value, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(value, *words) == 0)
            return true;
    return false;
}

/* A severity, with YAML's booleans read as on and off. */
static void read_severity(yaml_reader *r, rd_rule_setting *s, yaml_node_t *n)
{
    static const char *const yes[] = {
        "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "On", "ON", NULL
    };
    static const char *const no[] = {
        "false", "False", "FALSE", "no", "No", "NO", "n", "N", "Off", "OFF", NULL
    };
    const char *value = scalar(r, n, "a severity (off, on, info, warning, error)");
    if (!value)
        return;
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (is_word_of(value, yes))
            value = "on";
        else if (is_word_of(value, no))
            value = "off";
    }
    rd_config_rule_severity(r->config, s, value, line_of(n), col_of(n),
                            &r->problem);
}

static void join_string(yaml_reader *r, const char *s, yaml_node_t *at,
                        void *target)
{
    rd_buf *out = target;
    if (out->len)
        rd_buf_putc(out, ' ');
    rd_buf_puts(out, s);
}

static void read_rule_key(yaml_reader *r, const char *key, yaml_node_t *at,
                          yaml_node_t *value, void *setting)
{
    if (strcmp(key, "severity") == 0) {
        read_severity(r, setting, value);
        return;
    }
    /* A list is the blank-separated list that rule files write. */
    rd_buf joined;
    rd_buf_init(&joined);
    rd_buf_puts(&joined, "");
    each_string(r, value, "a string or a list of strings", join_string, &joined);
    rd_config_rule_param(r->config, setting, key, joined.data, line_of(at),
                         col_of(at), &r->problem);
    rd_buf_free(&joined);
}

static void read_rule(yaml_reader *r, const char *id, yaml_node_t *at,
                      yaml_node_t *value, void *settings)
{
    rd_rule_setting *s = rd_config_rule(r->config, settings, id, line_of(at),
                                        col_of(at), &r->problem);
    if (!s)
        return;
    if (value->type == YAML_MAPPING_NODE)
        each_pair(r, value, "a mapping", read_rule_key, s);
    else
        read_severity(r, s, value);
}

static void read_rules(yaml_reader *r, yaml_node_t *n, void *settings)
{
    each_pair(r, n, "a mapping of rule ids", read_rule, settings);
}

static void read_config_rules(yaml_reader *r, yaml_node_t *n, void *config)
{
    read_rules(r, n, &((rd_config *)config)->settings);
}

/* ----------------------------------------------------- labels and lexicon */

/* The labels of one part, each compared as its match says. */
typedef struct {
    const char *text;
    rd_label_match match;
} label_use;

static void read_label_text(yaml_reader *r, yaml_node_t *n, void *use)
{
    const char *s = scalar(r, n, "the label's text");
    if (s)
        ((label_use *)use)->text = s;
}

static void read_label_how(yaml_reader *r, yaml_node_t *n, void *use)
{
    const char *s = scalar(r, n, "a match (exact, start, contains, question)");
    int m = s ? rd_label_match_from_name(s) : RD_MATCH_EXACT;
    if (m < 0)
        problem(r, n, "match \"%s\": a match is exact, start, contains or "
                "question", s);
    else
        ((label_use *)use)->match = (rd_label_match)m;
}

static const key_entry label_keys[] = {
    { "text", read_label_text, true },
    { "match", read_label_how, false },
    { NULL, NULL, false },
};

/* A label: its text (compared whole), or {text: …, match: …}. */
static void read_label(yaml_reader *r, yaml_node_t *n, const char *part)
{
    label_use use = { NULL, RD_MATCH_EXACT };
    if (n->type == YAML_MAPPING_NODE)
        read_table(r, n, "a label (text, match)", label_keys, &use);
    else
        use.text = scalar(r, n, "a label");
    if (use.text)
        rd_config_label_match(r->config, part, use.match, use.text,
                              line_of(n), col_of(n), &r->problem);
}

/* Calls each(r, item, target) for a value or each item of a list. */
typedef void (*item_fn)(yaml_reader *r, yaml_node_t *item, const void *target);

static void each_item(yaml_reader *r, yaml_node_t *n, item_fn each,
                      const void *target)
{
    if (is_null(n))
        return;
    if (n->type != YAML_SEQUENCE_NODE) {
        each(r, n, target);
        return;
    }
    for (yaml_node_item_t *i = n->data.sequence.items.start;
         i < n->data.sequence.items.top; i++) {
        yaml_node_t *item = node(r, *i);
        if (item)
            each(r, item, target);
    }
}

static void label_item(yaml_reader *r, yaml_node_t *item, const void *part)
{
    read_label(r, item, part);
}

/* The words of labels: that are not a kind of label but terms. */
static const struct {
    const char *key;
    rd_term_kind kind;
} label_terms[] = {
    { "lead-ins", RD_TERM_LEAD_IN },
    { "mission-phrases", RD_TERM_MISSION },
    { "families", RD_TERM_FAMILY },
};

static void add_term(yaml_reader *r, const char *text, yaml_node_t *at,
                     void *kind)
{
    rd_ruleset_add_term(&r->config->rules, *(const rd_term_kind *)kind, text);
}

static bool read_terms(yaml_reader *r, const char *key, yaml_node_t *value)
{
    for (size_t i = 0; i < sizeof label_terms / sizeof *label_terms; i++)
        if (strcmp(key, label_terms[i].key) == 0) {
            rd_term_kind kind = label_terms[i].kind;
            each_string(r, value, "a phrase or a list of phrases", add_term,
                        &kind);
            return true;
        }
    return false;
}

static void read_part(yaml_reader *r, const char *part, yaml_node_t *at,
                      yaml_node_t *value, void *unused)
{
    if (read_terms(r, part, value))
        return;
    if (!rd_config_label(r->config, part, "", line_of(at), col_of(at),
                         &r->problem))
        return;
    each_item(r, value, label_item, part);
}

static void read_labels(yaml_reader *r, yaml_node_t *n, void *unused)
{
    each_pair(r, n, "a mapping of parts (objectives, mission, actions, "
              "limits, axes, not-part) and of lead-ins, mission-phrases, "
              "families", read_part, NULL);
}

static void add_feminine(yaml_reader *r, const char *feminine, yaml_node_t *at,
                         void *masculine)
{
    rd_ruleset_add_pair(&r->config->rules, masculine, feminine);
}

static void read_pair(yaml_reader *r, const char *masculine, yaml_node_t *at,
                      yaml_node_t *value, void *unused)
{
    each_string(r, value, "a feminine form or a list of them", add_feminine,
                (void *)masculine);
}

static void read_pairs(yaml_reader *r, yaml_node_t *n, void *unused)
{
    each_pair(r, n, "a mapping of masculine forms to feminine ones",
              read_pair, NULL);
}

static void add_epicene(yaml_reader *r, const char *word, yaml_node_t *at,
                        void *unused)
{
    rd_ruleset_add_epicene(&r->config->rules, word);
}

static void read_epicene(yaml_reader *r, yaml_node_t *n, void *unused)
{
    each_string(r, n, "a word or a list of words", add_epicene, NULL);
}

/* A job: a word for both genders, or {masculine: feminine}. */
static void add_job_form(yaml_reader *r, const char *feminine, yaml_node_t *at,
                         void *masculine)
{
    rd_ruleset_add_job(&r->config->rules, masculine, feminine);
}

static void read_job_pair(yaml_reader *r, const char *masculine,
                          yaml_node_t *at, yaml_node_t *value, void *unused)
{
    each_string(r, value, "a feminine form or a list of them", add_job_form,
                (void *)masculine);
}

static void job_item(yaml_reader *r, yaml_node_t *item, const void *unused)
{
    if (item->type == YAML_MAPPING_NODE) {
        each_pair(r, item, "a mapping", read_job_pair, NULL);
        return;
    }
    const char *word = scalar(r, item, "a job (a word, or masculine: feminine)");
    if (word)
        rd_ruleset_add_job(&r->config->rules, word, NULL);
}

static void read_jobs(yaml_reader *r, yaml_node_t *n, void *unused)
{
    each_item(r, n, job_item, NULL);
}

static void read_disciplines(yaml_reader *r, yaml_node_t *n, void *unused)
{
    rd_term_kind kind = RD_TERM_DISCIPLINE;
    each_string(r, n, "a discipline or a list of them", add_term, &kind);
}

static void read_articles(yaml_reader *r, yaml_node_t *n, void *unused)
{
    rd_term_kind kind = RD_TERM_ARTICLE;
    each_string(r, n, "an article or a list of them", add_term, &kind);
}

static const key_entry lexicon_keys[] = {
    { "jobs", read_jobs, false },
    { "pairs", read_pairs, false },
    { "epicene", read_epicene, false },
    { "disciplines", read_disciplines, false },
    { "articles", read_articles, false },
    { NULL, NULL, false },
};

static void read_lexicon(yaml_reader *r, yaml_node_t *n, void *unused)
{
    read_table(r, n, "a mapping", lexicon_keys, NULL);
}

/* ------------------------------------------------------------------- paths */

static void add_role_page(yaml_reader *r, const char *glob, yaml_node_t *at,
                          void *unused)
{
    rd_config_add_role_page(r->config, glob);
}

static void read_role_pages(yaml_reader *r, yaml_node_t *n, void *unused)
{
    each_string(r, n, "a glob or a list of globs", add_role_page, NULL);
}

static void add_glob(yaml_reader *r, const char *glob, yaml_node_t *at,
                     void *list)
{
    rd_config_glob(list, glob);
}

static void read_globs(yaml_reader *r, yaml_node_t *n, void *list)
{
    each_string(r, n, "a glob or a list of globs", add_glob, list);
}

static void read_ignore(yaml_reader *r, yaml_node_t *n, void *config)
{
    read_globs(r, n, &((rd_config *)config)->ignores);
}

static void read_not_role_pages(yaml_reader *r, yaml_node_t *n, void *config)
{
    read_globs(r, n, &((rd_config *)config)->not_role_pages);
}

static void read_override_files(yaml_reader *r, yaml_node_t *n, void *o)
{
    read_globs(r, n, &((rd_config_override *)o)->files);
}

static void read_override_rules(yaml_reader *r, yaml_node_t *n, void *o)
{
    read_rules(r, n, &((rd_config_override *)o)->rules);
}

static const key_entry override_keys[] = {
    { "files", read_override_files, true },
    { "rules", read_override_rules, false },
    { NULL, NULL, false },
};

static void read_overrides(yaml_reader *r, yaml_node_t *n, void *config)
{
    if (is_null(n))
        return;
    if (n->type != YAML_SEQUENCE_NODE) {
        problem(r, n, "expected a list of overrides, found %s", shape_name(n));
        return;
    }
    for (yaml_node_item_t *i = n->data.sequence.items.start;
         i < n->data.sequence.items.top; i++) {
        yaml_node_t *item = node(r, *i);
        if (item)
            read_table(r, item, "a mapping (files, rules)", override_keys,
                       rd_config_override_new(config));
    }
}

/* ---------------------------------------------------------------- the file */

static const key_entry top_keys[] = {
    { "rules", read_config_rules, false },
    { "labels", read_labels, false },
    { "lexicon", read_lexicon, false },
    { "role-pages", read_role_pages, false },
    { "not-role-pages", read_not_role_pages, false },
    { "ignore", read_ignore, false },
    { "overrides", read_overrides, false },
    { NULL, NULL, false },
};

/* Parses the bytes into r->doc; false with the parser's problem noted. */
static bool parse(yaml_reader *r, const char *data, size_t len)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    bool ok = yaml_parser_load(&parser, &r->doc) != 0;
    if (!ok)
        rd_problem_note_at(&r->problem, (long)parser.problem_mark.line + 1,
                           (long)parser.problem_mark.column + 1,
                           "not valid YAML: %s%s%s",
                           parser.problem ? parser.problem : "unreadable",
                           parser.context ? " " : "",
                           parser.context ? parser.context : "");
    yaml_parser_delete(&parser);
    return ok;
}

rd_config *rd_config_load_yaml(const char *path, const rd_ruleset *base,
                               rd_error *err)
{
    size_t len;
    char *data = rd_read_small_file(path, &len, err);
    if (!data)
        return NULL;
    rd_config *config = rd_config_read_yaml(path, data, len, base, err);
    free(data);
    return config;
}

rd_config *rd_config_read_yaml(const char *path, const char *data, size_t len,
                               const rd_ruleset *base, rd_error *err)
{
    yaml_reader r = { .config = rd_config_new(path, base) };
    if (parse(&r, data, len)) {
        yaml_node_t *root = yaml_document_get_root_node(&r.doc);
        size_t nodes = (size_t)(r.doc.nodes.top - r.doc.nodes.start);
        r.max_visits = 2 * nodes > MIN_NODE_VISITS ? 2 * nodes : MIN_NODE_VISITS;
        if (root)
            read_table(&r, root, "a mapping of keys", top_keys, r.config);
        if (r.visits > r.max_visits)
            rd_problem_note_at(&r.problem, 1, 1, "%s",
                               "aliases make the file too long to read");
        yaml_document_delete(&r.doc);
    }
    return rd_config_finish(r.config, &r.problem, err);
}
