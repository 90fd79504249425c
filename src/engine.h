/* The lint engine's own declarations: safe XML reading, rule set building
 * (shared by rule files and configuration files), configuration. Not
 * installed. */
#ifndef RD_ENGINE_H
#define RD_ENGINE_H

#include "internal.h"

#include <libxml/tree.h>

#define RD_RULES_NS  "urn:roledoc:rules:1"
#define RD_CONFIG_NS "urn:roledoc:config:1"
#define RD_RULES_SCHEMA  "roledoc-rules.rng"
#define RD_CONFIG_SCHEMA "roledoc-config.rng"

/* ------------------------------------------------------------ xml_load.c */

/* The first problem of a file, by line: problems are noted as they are
 * found, and the earliest one wins. */
typedef struct {
    long line;               /* 0: no problem */
    char message[768];
} rd_xml_problem;

void rd_xml_problem_note(rd_xml_problem *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills err with status and a message made as printf makes it (used by
 * the engine's files: xml_load.c, lint.c). */
void rd_set_error(rd_error *err, rd_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct rd_schema rd_schema;

/* Compiles a RELAX NG schema; NULL with err filled on failure. */
rd_schema *rd_schema_load(const char *path, rd_error *err);
void rd_schema_free(rd_schema *schema);

/* Reads an XML file without network access, DTD loading or entity
 * substitution; a file with a DOCTYPE is refused as soon as it is seen, so
 * no entity (external or exponential) is ever defined. NULL with err
 * ("FILE:LINE: message") when the file is unreadable, unsafe or not
 * well-formed. */
xmlDocPtr rd_xml_read(const char *path, rd_error *err);

/* The bytes of a rule or configuration file (NUL-terminated, caller
 * frees); NULL with err when it cannot be read or is too large for one. */
char *rd_read_small_file(const char *path, size_t *len, rd_error *err);
/* rd_xml_read of bytes already read from path (named in messages). */
xmlDocPtr rd_xml_parse(const char *path, const char *data, size_t len,
                       rd_error *err);
/* Notes the first schema violation of doc in *problem, unless a problem
 * was noted already: the schema is the safety net behind our own checks. */
void rd_xml_validate(xmlDocPtr doc, const rd_schema *schema,
                     rd_xml_problem *problem);

/* The expected shape of one element of our files: its attributes (all of
 * them required, but those written "?name"), the elements it may hold and
 * those it must hold (blank-separated names). Checking shapes ourselves gives messages that
 * name the element at fault and its line, where the schema validator
 * often reports only that the parent failed. */
typedef struct {
    const char *name;
    const char *attrs;
    const char *children;
    const char *required;
    const char *once;        /* children that may not be repeated */
} rd_xml_shape;

/* Notes the first element (in document order) of the tree under root that
 * breaks its shape: a table of shapes ending with a NULL name; elements
 * outside the table, or in another namespace than ns, are reported too. */
void rd_xml_check_shapes(const xmlNode *root, const char *ns,
                         const rd_xml_shape *shapes, rd_xml_problem *problem);

/* Whether node is the element `name` of namespace `ns`. */
bool rd_xml_is(const xmlNode *node, const char *ns, const char *name);
/* The string value of an attribute, or NULL (caller frees with xmlFree). */
char *rd_xml_attr(const xmlNode *node, const char *name);
/* The text of an element, surrounding blanks removed (caller frees). */
char *rd_xml_text_of(const xmlNode *node);

/* --------------------------------------------------------------- rules.c */

/* Builds rule sets. Strings given are copied into the rule set. */
void rd_ruleset_init(rd_ruleset *rules);
char *rd_ruleset_strdup(rd_ruleset *rules, const char *s);
rd_rule *rd_ruleset_add_rule(rd_ruleset *rules);
void rd_ruleset_add_label(rd_ruleset *rules, rd_part part, const char *label);
/* A label of a part (or RD_NOT_A_PART) compared as `match` says. */
void rd_ruleset_add_label_match(rd_ruleset *rules, int part,
                                rd_label_match match, const char *label);
void rd_ruleset_add_term(rd_ruleset *rules, rd_term_kind kind, const char *text);
void rd_ruleset_add_pair(rd_ruleset *rules, const char *masculine,
                         const char *feminine);
void rd_ruleset_add_epicene(rd_ruleset *rules, const char *word);
/* A copy of base that can be re-graded and extended; strings are shared
 * with base, which must outlive it. */
void rd_ruleset_derive(rd_ruleset *out, const rd_ruleset *base);
/* The severity a rule file gave rule i (before any configuration). */
rd_severity rd_ruleset_declared(const rd_ruleset *rules, size_t i);
/* Path of a schema: in the directory the rules were loaded from when it
 * holds one, else in the default rules directory. Caller frees. */
char *rd_ruleset_schema_path(const rd_ruleset *rules, const char *name);

/* Adds the declarations of one rule file to rules, as rd_ruleset_load
 * would (checked, and validated against the schema at schema_path). */
rd_status rd_ruleset_load_file(rd_ruleset *rules, const char *path,
                               const char *schema_path, rd_error *err);

/* Adds the declarations of a rule file held in memory (named `name` in
 * messages), validated against a compiled schema that stays the caller's:
 * what rd_ruleset_load_file does once the file is read. */
rd_status rd_ruleset_read_bytes(rd_ruleset *rules, const char *name,
                                const char *data, size_t len, rd_schema *schema,
                                rd_error *err);

/* Reads <labels> and <lexicon> elements (of either namespace) into rules;
 * an unknown part name or match, or a job given neither as forms nor as
 * text, is noted in problem. */
void rd_ruleset_read_labels(rd_ruleset *rules, const xmlNode *labels,
                            rd_xml_problem *problem);
void rd_ruleset_read_lexicon(rd_ruleset *rules, const xmlNode *lexicon,
                             rd_xml_problem *problem);
/* The shapes of <labels> and <lexicon> and what they hold, for the shape
 * tables of rule and configuration files (rd_xml_check_shapes). */
#define RD_LABELS_SHAPES \
    { "labels", "", "part not-part lead-in mission-phrase family", "", "" }, \
    { "part", "name", "label", "", "" }, \
    { "not-part", "", "label", "", "" }, \
    { "label", "?match", "", "", "" }, \
    { "lead-in", "", "", "", "" }, \
    { "mission-phrase", "", "", "", "" }, \
    { "family", "", "", "", "" }
#define RD_LEXICON_SHAPES \
    { "lexicon", "", "pair epicene job discipline article", "", "" }, \
    { "pair", "masculine feminine", "", "", "" }, \
    { "epicene", "", "", "", "" }, \
    { "job", "?masculine ?feminine", "", "", "" }, \
    { "discipline", "", "", "", "" }, \
    { "article", "", "", "", "" }

/* ---------------------------------------------------------------- diag.c */

/* Frees the strings of a finding taken from a list. */
void rd_diag_release(rd_diag *d);

/* ---------------------------------------------------------- directives.c */

/* Removes from findings (of doc) those its inline comments silence. */
void rd_apply_inline_directives(const rd_doc *doc, rd_diag_list *findings);

/* -------------------------------------------------------------- config.c */

/* A project configuration file, read against a base rule set. */
typedef struct {
    char *path;
    char *dir;               /* absolute directory of the file */
    rd_ruleset rules;        /* base + the file's settings */
    char **role_pages;       /* globs relative to dir */
    size_t nrole_pages;
    char **not_role_pages;   /* globs relative to dir: opted out */
    size_t nnot_role_pages;
} rd_config;

rd_config *rd_config_load(const char *path, const rd_ruleset *base,
                          const rd_schema *schema, rd_error *err);
void rd_config_free(rd_config *config);
/* What the configuration says of the page at absolute path `page`: declared
 * a role page, opted out (which wins), or nothing. */
rd_role_page_override rd_config_role_page(const rd_config *config,
                                          const char *page);

/* Matches a path against a glob: '*' and '?' within one segment, '**' across
 * segments, [...] classes. */
bool rd_glob_match(const char *pattern, const char *path);

/* Absolute form of path without resolving its last component through
 * symbolic links (NULL when its directory does not exist). Caller frees. */
char *rd_absolute_path(const char *path);

#endif
