/* The lint engine's own declarations: safe XML reading, rule set building
 * (shared by rule files and configuration files), configuration. Not
 * installed. */
#ifndef RD_ENGINE_H
#define RD_ENGINE_H

#include "internal.h"

#include "util/strmap.h"

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
    long col;                /* 0: unknown (XML files give lines only) */
    char message[768];
} rd_xml_problem;

void rd_xml_problem_note(rd_xml_problem *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, with a column (YAML files give them). */
void rd_problem_note_at(rd_xml_problem *p, long line, long col,
                        const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fills err with status and a message made as printf makes it (used by
 * the engine's files: xml_load.c, lint.c). */

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
/* A job noun: a gendered pair and both its forms as job terms, or (feminine
 * NULL) an epicene word and a job term. */
void rd_ruleset_add_job(rd_ruleset *rules, const char *masculine,
                        const char *feminine);
/* Memory that lives as long as the set (zeroed). */
void *rd_ruleset_alloc(rd_ruleset *rules, size_t size);
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

/* ------------------------------------------------------------ lint.c */

/* The rule set the linter was made with. */
const rd_ruleset *rd_linter_base(const rd_linter *linter);

/* ----------------------------------------------------------- signature.c */

/* The content of a page as a canonical string (appended to out): what a
 * fix that keeps the content must leave as it is. */
void rd_content_signature(const rd_doc *doc, rd_buf *out);

/* --------------------------------------------------------- fingerprint.c */

/* Gives every finding of one page (sorted) its fingerprint. */
void rd_fingerprint_findings(const rd_doc *doc, rd_diag_list *findings);

/* ---------------------------------------------------------- directives.c */

/* Removes from findings (of doc) those its inline comments silence. */
void rd_apply_inline_directives(const rd_doc *doc, rd_diag_list *findings);
/* Calls fn for every rule id that an inline comment of doc names: the id
 * (id[0..len), not NUL-terminated) and where it is written. */
typedef void (*rd_directive_id_fn)(const char *id, size_t len, uint32_t line,
                                   uint32_t col, void *data);
void rd_directive_ids(const rd_doc *doc, rd_directive_id_fn fn, void *data);

/* -------------------------------------------------------------- config.c */

/* The severity of a rule setting that only sets parameters. */
#define RD_SETTING_KEEP (-2)

/* One rule's setting, from a configuration file or the command line: a
 * severity (an rd_severity, RD_LINT_ENABLE for "on", or RD_SETTING_KEEP)
 * and parameters, applied over a rule set in the order given. */
typedef struct {
    size_t rule;             /* index in the base rule set, the same in
                                every set derived from it */
    int severity;
    rd_attr *params;         /* name, value (owned) */
} rd_rule_setting;

typedef struct {
    rd_rule_setting *items;
    size_t len, cap;
} rd_rule_settings;

/* Applies settings over rules (a set derived from the base). */
void rd_rule_settings_apply(const rd_rule_settings *settings,
                            rd_ruleset *rules);
void rd_rule_settings_free(rd_rule_settings *settings);

/* Settings for the pages that globs match. */
typedef struct {
    rd_path_list files;      /* globs relative to the configuration's dir */
    rd_rule_settings rules;
} rd_config_override;

/* A project configuration file (XML or YAML), read against a base rule
 * set: both readers fill this one structure through the functions below. */
typedef struct {
    char *path;
    char *dir;               /* absolute directory of the file */
    rd_ruleset rules;        /* base + the file's settings */
    rd_rule_settings settings;   /* the file's rule settings, as read */
    char **role_pages;       /* globs relative to dir */
    size_t nrole_pages;
    rd_path_list not_role_pages; /* globs relative to dir: opted out */
    rd_path_list ignores;    /* globs relative to dir: pages not linted */
    rd_config_override *overrides;
    size_t noverrides, overrides_cap;
    /* The rule sets of pages that overrides match, by which ones match
     * (made and kept by lint.c). */
    rd_strmap variants;
} rd_config;

/* Reads the configuration at path: YAML for a name ending in .yaml or
 * .yml (config_yaml.c), XML otherwise (validated against schema). */
rd_config *rd_config_load(const char *path, const rd_ruleset *base,
                          const rd_schema *schema, rd_error *err);
rd_config *rd_config_load_yaml(const char *path, const rd_ruleset *base,
                               rd_error *err);
/* The same from bytes already read from path (which names the format and
 * the file in messages). */
rd_config *rd_config_read_bytes(const char *path, const char *data, size_t len,
                                const rd_ruleset *base, const rd_schema *schema,
                                rd_error *err);
rd_config *rd_config_read_yaml(const char *path, const char *data, size_t len,
                               const rd_ruleset *base, rd_error *err);
void rd_config_free(rd_config *config);

/* Building a configuration. Each function checks what it is given against
 * the base rule set and notes the first problem in *p at line, col (col 0
 * when unknown); strings are copied. */
rd_config *rd_config_new(const char *path, const rd_ruleset *base);
/* A new setting of rule `id` in `into` (the file's settings or an
 * override's); NULL, noted, when the rule set has no such rule. */
rd_rule_setting *rd_config_rule(rd_config *c, rd_rule_settings *into,
                                const char *id, long line, long col,
                                rd_xml_problem *p);
/* Severity "off", "on", "info", "warning" or "error". */
bool rd_config_rule_severity(rd_config *c, rd_rule_setting *s,
                             const char *value, long line, long col,
                             rd_xml_problem *p);
/* A parameter that the rule's file declares, given a new value. */
bool rd_config_rule_param(rd_config *c, rd_rule_setting *s, const char *name,
                          const char *value, long line, long col,
                          rd_xml_problem *p);
/* A label of part "objectives", "mission", "actions", "limits", "axes",
 * or "not-part", compared whole (rd_config_label) or as `match` says. */
bool rd_config_label(rd_config *c, const char *part, const char *label,
                     long line, long col, rd_xml_problem *p);
bool rd_config_label_match(rd_config *c, const char *part, rd_label_match match,
                           const char *label, long line, long col,
                           rd_xml_problem *p);
void rd_config_add_role_page(rd_config *c, const char *glob);
/* A glob added to a list (ignores, an override's files), "./" dropped. */
void rd_config_glob(rd_path_list *list, const char *glob);
rd_config_override *rd_config_override_new(rd_config *c);
/* Ends the reading: applies the settings and resolves the directory.
 * Returns c, or NULL (c freed, err filled with "FILE:LINE[:COL]: message")
 * when a problem was noted. */
rd_config *rd_config_finish(rd_config *c, const rd_xml_problem *p,
                            rd_error *err);

/* What the configuration says of the page at absolute path `page`: declared
 * a role page, opted out (not-role-pages, which wins), or nothing. */
rd_role_page_override rd_config_role_page_of(const rd_config *config,
                                             const char *page);
/* The page's path relative to the configuration's directory (the page
 * itself when it is outside). */
const char *rd_config_relative(const rd_config *config, const char *page);
/* The path relative to dir (absolute), or path itself when outside. */
const char *rd_path_relative_to(const char *dir, const char *path);

/* Absolute form of path without resolving its last component through
 * symbolic links (NULL when its directory does not exist). Caller frees. */
char *rd_absolute_path(const char *path);

/* ---------------------------------------------------------------- glob.c */

/* Matches a path against a glob: '*' and '?' within one segment, '**' across
 * segments, [...] classes. Time grows with the product of their lengths,
 * whatever the stars; a pattern or a path longer than RD_GLOB_MAX bytes
 * matches nothing. */
#define RD_GLOB_MAX 4096
bool rd_glob_match(const char *pattern, const char *path);
/* Whether one of the globs matches path or one of its directories
 * (the glob "drafts" matches "drafts/a.md", as a glob of "drafts" and
 * everything under it does). */
bool rd_glob_list_match(const rd_path_list *globs, const char *path);

#endif
