/*
 * roledoc — lint and convert GitBook-flavoured role pages.
 *
 * The library reads a page into one document tree (blocks, inlines, GitBook
 * liquid blocks and parsed raw HTML, every node with its source position),
 * and everything else (rules, converters, reports) walks that tree.
 *
 * Conventions:
 *  - every public name starts with rd_ / RD_;
 *  - the library never prints and never exits: functions return a status
 *    and, where it helps, fill an rd_error with a message;
 *  - a document owns all of its memory (nodes and strings come from one
 *    arena, freed by rd_doc_free); documents share nothing mutable, so
 *    different documents may be processed on different threads;
 *  - running out of memory aborts the program: every allocation of the
 *    library goes through one checked allocator, so no function returns
 *    NULL or a failure for lack of memory of its own. Two cases return
 *    RD_ERR_NOMEM instead: reading a page too large for the memory left
 *    (rd_doc_load), and libxml2 or jansson, which have allocators of their
 *    own, failing to build what they were asked (a schema, a baseline);
 *    converters then return -1;
 *  - ownership: a function that returns a pointer says who frees it; a
 *    const pointer belongs to its document, rule set or model and lives
 *    until that is freed.
 */
#ifndef ROLEDOC_H
#define ROLEDOC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RD_VERSION "0.1.0"

/* ------------------------------------------------------------------ status */

/* What a function that can fail returns; RD_OK is 0. */
typedef enum {
    RD_OK = 0,
    RD_ERR_IO,       /* a file could not be read or written */
    RD_ERR_LIMIT,    /* input larger than the configured maximum */
    RD_ERR_USAGE,    /* a caller passed something meaningless */
    RD_ERR_CONFIG,   /* a rule or configuration file is malformed */
    RD_ERR_NOMEM     /* a page larger than the memory left (see above) */
} rd_status;

/* A human-readable explanation of a failure, filled by functions that take
 * one. `message` is complete (it names the file and, where known, the line). */
typedef struct {
    rd_status status;
    char message[1024];
} rd_error;

/* ------------------------------------------------------------------ buffer */

/* A growable byte string; emitters write into one. */
typedef struct {
    char *data;     /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
} rd_buf;

/* An empty buffer (data NULL); rd_buf_free releases what it grew to and
 * leaves it empty again. The put functions append, growing the buffer as
 * needed (they abort the program only when memory runs out). */
void rd_buf_init(rd_buf *b);
void rd_buf_free(rd_buf *b);
/* Appends n bytes of s (which may hold NUL bytes). */
void rd_buf_put(rd_buf *b, const char *s, size_t n);
/* Appends a NUL-terminated string; a character; printf-formatted text. */
void rd_buf_puts(rd_buf *b, const char *s);
void rd_buf_putc(rd_buf *b, char c);
void rd_buf_printf(rd_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rd_buf_vprintf(rd_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Detaches the data (caller frees it with free()) and resets the buffer. */
char *rd_buf_detach(rd_buf *b, size_t *len);
/* Appends n bytes of page-controlled text so that they stay on one line
 * and send no control to a terminal: control characters (C0, DEL, C1),
 * line and paragraph separators become C-style escapes ("\n", "\x1b",
 * "\u0085"), bytes that are not UTF-8 U+FFFD; the ASCII controls listed
 * in `keep` (such as "\n") are appended as they are. */
void rd_buf_put_visible(rd_buf *b, const char *s, size_t n, const char *keep);

/* ------------------------------------------------------------------ tree */

/* What a node is. The comment beside each type names the rd_node fields
 * that type fills (beyond the position, which every node has). */
typedef enum {
    RD_NODE_DOCUMENT,

    /* blocks */
    RD_NODE_PARAGRAPH,
    RD_NODE_HEADING,        /* level */
    RD_NODE_THEMATIC_BREAK,
    RD_NODE_BLOCK_QUOTE,
    RD_NODE_LIST,           /* list_ordered, list_start, list_tight, list_mark */
    RD_NODE_ITEM,           /* task */
    RD_NODE_CODE_BLOCK,     /* literal, info, lang, fence */
    RD_NODE_HTML_BLOCK,     /* literal = raw HTML; children = parsed HTML */
    RD_NODE_TABLE,
    RD_NODE_TABLE_HEAD,
    RD_NODE_TABLE_BODY,
    RD_NODE_TABLE_ROW,
    RD_NODE_TABLE_CELL,     /* align; RD_FLAG_HEADER for header cells */
    RD_NODE_LIQUID,         /* liquid, name, attrs */
    RD_NODE_FIGURE,         /* HTML <figure> */
    RD_NODE_FIGCAPTION,     /* HTML <figcaption> */

    /* inlines */
    RD_NODE_TEXT,           /* literal */
    RD_NODE_ENTITY,         /* literal = decoded text, name = entity as written */
    RD_NODE_SOFTBREAK,
    RD_NODE_LINEBREAK,
    RD_NODE_CODE,           /* literal */
    RD_NODE_HTML_INLINE,    /* literal = raw tag; children = parsed HTML */
    RD_NODE_EMPH,
    RD_NODE_STRONG,
    RD_NODE_STRIKETHROUGH,
    RD_NODE_LINK,           /* url, title; RD_FLAG_AUTOLINK */
    RD_NODE_IMAGE,          /* url, title, alt; children = alt inlines (Markdown) */
    RD_NODE_MARK,           /* HTML <mark> */
    RD_NODE_SUPERSCRIPT,    /* HTML <sup> */
    RD_NODE_SUBSCRIPT,      /* HTML <sub> */

    /* an HTML element with no closer equivalent (div, span, unknown ones):
     * name = element name, attrs = its attributes; its text is kept as
     * children. Block or inline depending on where it stands. */
    RD_NODE_ELEMENT,

    /* GitBook footnotes: a reference "[^label]" in the text (inline) and
     * the note it points to (a block holding the note's inlines, moved to
     * the end of the document in the order of first reference): name = the
     * label, list_start = the note's number (1, 2...; 0 for a reference
     * whose note is missing, which the tree never holds). */
    RD_NODE_FOOTNOTE_REF,
    RD_NODE_FOOTNOTE_DEF,

    RD_NODE_TYPE_COUNT
} rd_node_type;

/* Which GitBook liquid block a RD_NODE_LIQUID node is; the comment names
 * the attribute that rd_node_attr finds the main value under. */
typedef enum {
    RD_LIQUID_OTHER,        /* any tag roledoc does not know: name says which */
    RD_LIQUID_HINT,         /* style */
    RD_LIQUID_CONTENT_REF,  /* url */
    RD_LIQUID_EMBED,        /* url */
    RD_LIQUID_FILE,         /* src */
    RD_LIQUID_TABS,
    RD_LIQUID_TAB,          /* title */
    RD_LIQUID_STEPPER,
    RD_LIQUID_STEP,
    RD_LIQUID_CODE,         /* title, overflow, lineNumbers... around a fence */
    /* GitBook's API blocks (before 2023: api-method, then swagger): the
     * block (method, path, host or baseUrl, summary) and its parts
     * (api-method-summary, -parameter, -response-example, swagger-parameter,
     * swagger-response...: name says which). */
    RD_LIQUID_API,
    RD_LIQUID_API_PART,
    RD_LIQUID_INCLUDE       /* reusable content: children = the fragment's */
} rd_liquid_kind;

/* Alignment of a table cell, from the table's delimiter row. */
typedef enum {
    RD_ALIGN_NONE, RD_ALIGN_LEFT, RD_ALIGN_CENTER, RD_ALIGN_RIGHT
} rd_align;

/* Node flags. */
enum {
    RD_FLAG_HTML        = 1u << 0,  /* node comes from raw HTML */
    RD_FLAG_AUTOLINK    = 1u << 1,  /* link written as <url> or a bare URL */
    RD_FLAG_HEADER      = 1u << 2,  /* table header cell */
    RD_FLAG_UNCLOSED    = 1u << 3,  /* liquid block with no end tag */
    RD_FLAG_STRAY_END   = 1u << 4,  /* liquid end tag with no opening tag */
    RD_FLAG_MISNESTED   = 1u << 5,  /* liquid block closed out of order */
    RD_FLAG_BLOCK_TAG   = 1u << 6,  /* liquid tag that has (or needs) an end tag */
    RD_FLAG_SETEXT      = 1u << 7,  /* heading underlined with = or - */
    RD_FLAG_ABSORBED    = 1u << 8,  /* raw HTML tag whose meaning is carried by
                                       an enclosing element node (the opening
                                       and closing tags of <mark>…</mark>) */
    RD_FLAG_COMMENT     = 1u << 9,  /* raw HTML that is only a comment */
    RD_FLAG_TRUNCATED   = 1u << 10, /* content below the depth limit kept as text */
    RD_FLAG_GROUPED     = 1u << 11, /* HTML element whose content is the
                                       Markdown written between its raw
                                       tags (<details> … </details>); its
                                       first child is the raw opening block */
    /* Cells of a GitBook card table (<table data-view="cards">), from the
     * head cell of their column: */
    RD_FLAG_CARD_HIDDEN = 1u << 12, /* data-hidden: never shown as text */
    RD_FLAG_CARD_COVER  = 1u << 13, /* data-card-cover: the card's image */
    RD_FLAG_CARD_TARGET = 1u << 14  /* data-card-target: where it leads */
};

/* A name="value" pair: attributes of liquid tags and HTML elements, and
 * front matter keys. */
typedef struct rd_attr {
    const char *name;
    const char *value;
    struct rd_attr *next;
    uint32_t line, col;     /* where the attribute (or front matter key) is */
} rd_attr;

/* A node of the document tree. Nodes, and the strings they point to, belong
 * to their document: they live until rd_doc_free and must not be freed or
 * changed by the caller. Children are a doubly linked list. */
typedef struct rd_node rd_node;
struct rd_node {
    rd_node_type type;
    unsigned flags;
    rd_node *parent, *first_child, *last_child, *prev, *next;

    /* Start of the node in the source: 1-based line, 1-based column counted
     * in characters, and byte offset in the file. end_line/end_col give the
     * last character when known (0 otherwise). */
    uint32_t line, col;
    uint32_t end_line, end_col;
    size_t offset;

    const char *literal;    /* text, code, raw HTML (NUL-terminated, UTF-8) */
    size_t literal_len;

    /* The fields below are meaningful for the node types noted above. */
    const char *url;        /* link target, image source, liquid url/src */
    const char *title;      /* link or image title, tab title */
    const char *alt;        /* image alternative text ("" when empty) */
    const char *name;       /* liquid tag name, HTML element name, entity */
    const char *info;       /* code block info string */
    const char *lang;       /* code block language (first word of info) */
    rd_attr *attrs;         /* liquid and HTML attributes, in source order */
    unsigned list_start;
    /* Small fields, a byte each: a page holds millions of nodes. */
    uint8_t level;          /* heading level 1..6 */
    uint8_t list_ordered;
    uint8_t list_tight;
    char list_mark;         /* '-', '*', '+' or '.', ')' for ordered lists */
    char fence;             /* '`' or '~'; 0 for indented code */
    uint8_t task;           /* 0 not a task, 1 unchecked, 2 checked */
    uint8_t align;          /* an rd_align */
    uint8_t liquid;         /* an rd_liquid_kind */
};

/* Stable lower-case names ("paragraph", "hint"...), as the tree output and
 * the JSON shapes write them. */
const char *rd_node_type_name(rd_node_type type);
const char *rd_liquid_kind_name(rd_liquid_kind kind);
/* Value of an attribute of a liquid tag or HTML element, or NULL. */
const char *rd_node_attr(const rd_node *node, const char *name);
/* Whether the node is a block rather than an inline (an HTML element is a
 * block when it holds blocks or stands among them). */
int rd_node_is_block(const rd_node *node);
/* Appends the visible text of a subtree (text, code, entities, image alt;
 * breaks as spaces) to `out`. */
void rd_node_text(const rd_node *node, rd_buf *out);

/* --------------------------------------------------------------- walker */

/* One walker for every emitter and check: a depth-first iterator that
 * reports entering and leaving each node (leaves too), without recursion. */
typedef enum { RD_EVENT_DONE = 0, RD_EVENT_ENTER, RD_EVENT_EXIT } rd_event;

/* A walk in progress (fields private to the walker; set by rd_iter_init). */
typedef struct {
    rd_node *root;
    rd_node *cur;
    rd_event ev;
    int skip;       /* set by rd_iter_skip_children */
} rd_iter;

/* Starts a walk of the subtree at root: the first event is root's ENTER,
 * the last its EXIT. Changing the tree during a walk is not supported.
 *
 *   rd_iter it; rd_node *n; rd_event ev;
 *   rd_iter_init(&it, rd_doc_root(doc));
 *   while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE)
 *       if (ev == RD_EVENT_ENTER && n->type == RD_NODE_IMAGE) ...
 */
void rd_iter_init(rd_iter *it, rd_node *root);
/* Advances; returns the event and stores the node in *node. */
rd_event rd_iter_next(rd_iter *it, rd_node **node);
/* After an ENTER event: the next event is the EXIT of the same node. */
void rd_iter_skip_children(rd_iter *it);

/* ------------------------------------------------------------- document */

/* How serious a finding is; OFF is a rule that does not run. lint exits 1
 * on an ERROR finding. */
typedef enum {
    RD_SEVERITY_OFF = 0,
    RD_SEVERITY_INFO,
    RD_SEVERITY_WARNING,
    RD_SEVERITY_ERROR
} rd_severity;

/* A change of the page that would fix a finding: the bytes [start, end) of
 * the file replaced by `text` (an insertion when start == end). */
typedef struct {
    const char *text;       /* NULL: no change proposed */
    size_t start, end;      /* byte offsets in the file */
    uint32_t line, col;     /* the position of start: 1-based line, column
                               in characters */
    uint32_t end_line, end_col;   /* the position of end (the character
                                     after the last one replaced) */
    int automatic;          /* safe: `roledoc lint --fix` makes it; else it
                               is only proposed (a title's feminine form) */
} rd_suggestion;

/* How a finding stands against a baseline of known findings. */
typedef enum {
    RD_BASELINE_NONE = 0,   /* no baseline was given */
    RD_BASELINE_NEW,        /* not in the baseline */
    RD_BASELINE_UNCHANGED   /* in the baseline: known, not reported */
} rd_baseline_state;

/* A finding: produced by loading (invalid-utf8, front matter) and by checks. */
typedef struct rd_diag {
    const char *rule;       /* stable rule id, e.g. "invalid-utf8" */
    rd_severity severity;
    const char *file;
    uint32_t line, col;
    uint32_t end_line, end_col;  /* 0 when unknown */
    const char *message;
    const char *hint;       /* a suggested fix, in words, or NULL */
    rd_suggestion suggestion;   /* the fix as a change of the page */
    /* The finding is one that `roledoc lint --fix` is meant to fix (its
     * rule's fix covers it). When it carries no automatic suggestion all
     * the same (no safe change could be found), --fix leaves its page as
     * it is: a page is fixed wholly or not at all. */
    int fixable;
    /* Identifies the finding across edits of its page (rd_lint_doc fills
     * it): its rule, its message and the text around it on its line, not
     * where it is, so that lines added above it leave it alone; 0 when not
     * made. Two alike findings of a page are told apart by their order. */
    uint64_t fingerprint;
    rd_baseline_state baseline;
} rd_diag;

/* One page, read and parsed: its bytes, tree, front matter and loading
 * findings, all owned by it (opaque; see the functions below). */
typedef struct rd_doc rd_doc;

/* A growable list of findings. */
typedef struct {
    rd_diag *items;
    size_t len, cap;
} rd_diag_list;

/* Frees the findings and their strings; the list is empty again. */
void rd_diag_list_free(rd_diag_list *list);
/* Sorts by file, line, column, rule id: the order every report uses. */
void rd_diag_list_sort(rd_diag_list *list);
/* Appends a copy of *d: a list owns the strings of its findings, which
 * rd_diag_list_free frees. */
void rd_diag_list_add(rd_diag_list *list, const rd_diag *d);
/* The fingerprint as 16 lower-case hexadecimal digits and a NUL. */
void rd_fingerprint_text(uint64_t fingerprint, char out[17]);

/* Parse options. */
enum {
    RD_PARSE_DEFAULT    = 0,
    RD_PARSE_COMMONMARK = 1u << 0,  /* plain CommonMark: no GitBook, no front
                                       matter, no GFM extensions */
    RD_PARSE_GFM        = 1u << 1,  /* with RD_PARSE_COMMONMARK: tables,
                                       strikethrough, task lists */
    RD_PARSE_NO_HTML_TREE = 1u << 2 /* keep raw HTML as literal only */
};

/* How to read a page; NULL options, or all fields 0, mean the defaults. */
typedef struct {
    unsigned flags;          /* RD_PARSE_* */
    size_t max_size;         /* bytes; 0 means the default (64 MiB) */
    unsigned max_depth;      /* nesting kept in the tree; 0 means default */
} rd_parse_options;

#define RD_DEFAULT_MAX_SIZE  ((size_t)64 << 20)
#define RD_DEFAULT_MAX_DEPTH 256u

/* Reads `path` ("-" for standard input) and parses it. `display_name` (or
 * the path when NULL) is what diagnostics name. On failure returns NULL and
 * fills err. */
rd_doc *rd_doc_load(const char *path, const char *display_name,
                    const rd_parse_options *opts, rd_error *err);
/* Parses bytes held in memory (copied). Never fails but for memory. */
rd_doc *rd_doc_parse(const char *data, size_t len, const char *name,
                     const rd_parse_options *opts);
void rd_doc_free(rd_doc *doc);

/* The RD_NODE_DOCUMENT node at the top of the tree, and the name that
 * findings give the page (display_name, else the path). */
rd_node *rd_doc_root(const rd_doc *doc);
const char *rd_doc_name(const rd_doc *doc);
/* Front matter keys in order (NULL when there is none). */
const rd_attr *rd_doc_meta(const rd_doc *doc);
const char *rd_doc_meta_get(const rd_doc *doc, const char *key);
/* Findings made while loading: invalid UTF-8, malformed front matter,
 * depth limit. */
size_t rd_doc_diag_count(const rd_doc *doc);
const rd_diag *rd_doc_diag(const rd_doc *doc, size_t i);
/* First invalid UTF-8 byte (line and column, 1-based); 0 when valid. */
int rd_doc_first_invalid(const rd_doc *doc, uint32_t *line, uint32_t *col);
/* The page title: text of the first level-1 heading, else front matter
 * title, else NULL. */
const char *rd_doc_title(const rd_doc *doc);

/* Maps a byte offset of the file to its line and column (characters). */
void rd_doc_position(const rd_doc *doc, size_t offset,
                     uint32_t *line, uint32_t *col);
/* The text of one source line without its line break (for quoting). */
const char *rd_doc_line(const rd_doc *doc, uint32_t line, size_t *len);

/* Allocates from the document's arena (freed with the document). */
void *rd_doc_alloc(rd_doc *doc, size_t size);
char *rd_doc_strndup(rd_doc *doc, const char *s, size_t n);

/* ---------------------------------------------------------------- rules */

/* The parts of a role (docs/roles.md): mission, actions and objectives,
 * and two more kept beside them: a family's mission axes and the limits of
 * a role (what it must not do). */
typedef enum {
    RD_PART_OBJECTIVES,
    RD_PART_MISSION,
    RD_PART_ACTIONS,
    RD_PART_LIMITS,
    RD_PART_AXES,
    RD_PART_COUNT
} rd_part;

/* "objectives", "mission", "actions", "limits", "axes". */
const char *rd_part_name(rd_part part);
/* The part called name, or -1. */
int rd_part_from_name(const char *name);

/* How a label is compared with a heading's folded text: whole, at its
 * start, anywhere, or as a question (at its start, followed by a job noun). */
typedef enum {
    RD_MATCH_EXACT,
    RD_MATCH_START,
    RD_MATCH_CONTAINS,
    RD_MATCH_QUESTION
} rd_label_match;

/* "exact", "start", "contains", "question"; and back (-1 when unknown). */
const char *rd_label_match_name(rd_label_match match);
int rd_label_match_from_name(const char *name);

/* A label part of no role ("Compétences", "Profil recherché"): it ends the
 * part before it and opens none. */
#define RD_NOT_A_PART (-1)

/* A section label as a rule or configuration file declares it. */
typedef struct {
    int part;                /* rd_part, or RD_NOT_A_PART */
    rd_label_match match;
    const char *text;
} rd_label;

/* The words and phrases role recognition reads pages with, besides labels
 * and gendered pairs (docs/roles.md). */
typedef enum {
    RD_TERM_JOB,             /* a job noun, either form: "coach", "chargée" */
    RD_TERM_DISCIPLINE,      /* "coaching", "gestion de produit" */
    RD_TERM_FAMILY,          /* a family noun: "métiers" */
    RD_TERM_ARTICLE,         /* "le", "la", "les", "l'", "un", "une" */
    RD_TERM_LEAD_IN,         /* opens an action list: "missions suivantes" */
    RD_TERM_MISSION,         /* says what a job is for: "a pour mission" */
    RD_TERM_COUNT
} rd_term_kind;

/* "job", "discipline", "family", "article", "lead-in", "mission-phrase". */
const char *rd_term_kind_name(rd_term_kind kind);

typedef struct {
    rd_term_kind kind;
    const char *text;
} rd_term;

/* One rule as a rule file declares it (after configuration, `severity` is
 * the one in force; RD_SEVERITY_OFF when disabled). */
typedef struct {
    const char *id;          /* stable, kebab-case */
    const char *kind;        /* built-in check kind it runs */
    rd_severity severity;
    const char *description; /* one line */
    const char *message;     /* template: {name} placeholders filled by the check */
    const char *hint;        /* template of a suggested fix, or NULL */
    rd_attr *params;         /* the kind's parameters */
    const char *file;        /* where the rule was declared */
    uint32_t line;
} rd_rule;

/* A masculine/feminine pair of a job noun, adjective or article. */
typedef struct {
    const char *masculine;
    const char *feminine;
} rd_lexicon_pair;

/* Everything the rule files declare: rules, section labels, lexicon and
 * the terms of role recognition, each in declaration order. */
typedef struct {
    rd_rule *rules;
    size_t nrules;
    rd_label *labels;                     /* as written in the rule files */
    size_t nlabels;
    rd_term *terms;
    size_t nterms;
    rd_lexicon_pair *pairs;
    size_t npairs;
    const char **epicene;                 /* words with one form */
    size_t nepicene;
    void *priv;                           /* the loader's storage */
} rd_ruleset;

/* Parameter of a rule, or NULL. */
const char *rd_rule_param(const rd_rule *rule, const char *name);
/* Whether the rule's check kind proposes fixes that `roledoc lint --fix`
 * makes (entity-artifact, inclusive-form-style, heading-increment,
 * http-link). */
int rd_rule_fixable(const rd_rule *rule);
const rd_rule *rd_ruleset_find(const rd_ruleset *rules, const char *id);
rd_severity rd_severity_from_name(const char *name);   /* -1 when unknown */
const char *rd_severity_name(rd_severity severity);

/* Folds a label or word for comparison: lower case, accents removed,
 * surrounding blanks, a trailing colon and non-breaking spaces dropped.
 * Appends to `out`. */
void rd_fold(const char *s, size_t len, rd_buf *out);
/* The part whose label matches text (as a heading's text is matched:
 * folded, the longest label winning), or -1 (no label, or a label that
 * is no part). */
int rd_ruleset_label_part(const rd_ruleset *rules, const char *text);
/* The first label declared for a part, or NULL. */
const char *rd_ruleset_first_label(const rd_ruleset *rules, rd_part part);

/* Loads every *.xml file of `dir`, in name order, each validated against
 * the schema roledoc-rules.rng (dir's own, else the installed one). Files with
 * a DOCTYPE are refused. On failure fills err with "FILE:LINE: message". */
rd_status rd_ruleset_load(rd_ruleset *rules, const char *dir, rd_error *err);
void rd_ruleset_free(rd_ruleset *rules);
/* Where `make install` puts the shipped rules and their documentation
 * ($(pkgdatadir)/rules, $(pkgdatadir)/docs/rules): constants of the build,
 * nothing is looked up. The library reads no directory it is not given:
 * the caller says where the rules are (the command line finds them: the
 * environment, the source tree for a program of the build tree, a staged
 * installation, then these). */
const char *rd_installed_rules_dir(void);
const char *rd_installed_docs_dir(void);
/* rd_ruleset_load with the directory holding the schemas
 * (roledoc-rules.rng, roledoc-config.rng) that validate rule and
 * configuration files where dir has none of its own (NULL:
 * rd_installed_rules_dir()). */
rd_status rd_ruleset_load_with_schemas(rd_ruleset *rules, const char *dir,
                                       const char *schema_dir, rd_error *err);

/* ----------------------------------------------------------------- lint */

/* A lint run: the rule set, the configuration files found beside the pages
 * (.roledoc.yaml, .roledoc.yml or .roledoc.xml, looked up from each page's
 * directory upwards and cached) and command-line settings, which win over
 * them. Settings are made before the first rd_lint_doc; then a linter may
 * be used from several threads. */
typedef struct rd_linter rd_linter;

/* `rules` must outlive the linter. */
rd_linter *rd_linter_new(const rd_ruleset *rules);
void rd_linter_free(rd_linter *linter);
/* One configuration file for every page (no lookup): YAML when its name
 * ends in .yaml or .yml, else XML. */
rd_status rd_linter_use_config(rd_linter *linter, const char *path,
                               rd_error *err);
/* Re-grades rule `id`; RD_LINT_ENABLE restores the rule's own severity
 * (warning for a rule that is off by default). An unknown id is an error. */
#define RD_LINT_ENABLE (-1)
rd_status rd_linter_set_severity(rd_linter *linter, const char *id,
                                 int severity, rd_error *err);
/* Asked by local-target-exists, before the disk, whether a local target
 * exists: `path` is the page's directory joined with the target as
 * written (%XX decoded, not normalised). Returns 1 when it does, 0 when it
 * does not, -1 when the answer is the disk's. An editor's server answers
 * for the pages open in it, saved or not. Set before the first rd_lint_doc;
 * called from the threads that lint. */
typedef int (*rd_target_lookup_fn)(void *data, const char *path);
void rd_linter_set_target_lookup(rd_linter *linter, rd_target_lookup_fn fn,
                                 void *data);
/* Leaves out the pages that glob matches (or whose directory it matches),
 * relative to the current directory, as a configuration's ignore globs do
 * relative to its own. */
rd_status rd_linter_exclude(rd_linter *linter, const char *glob,
                            rd_error *err);
/* Sets *ignored when the page at path is left out, by its configuration's
 * ignore globs or by rd_linter_exclude (never for NULL, standard input).
 * Fails only on a bad configuration file. */
rd_status rd_linter_ignores(rd_linter *linter, const char *path, int *ignored,
                            rd_error *err);
/* Runs every enabled rule on doc and appends the findings, sorted, to out:
 * check findings, loading findings graded by their rule, minus what inline
 * comments (<!-- roledoc-disable RULE -->) silence; each with its
 * fingerprint, and its suggestion when its check proposes a change. `path` is the page on
 * disk (NULL for standard input). Fails only on a bad configuration file. */
rd_status rd_lint_doc(rd_linter *linter, const rd_doc *doc, const char *path,
                      rd_diag_list *out, rd_error *err);

/* ------------------------------------------------------------------ fix */

/* One change of a page's bytes: [start, end) replaced by text. */
typedef struct {
    size_t start, end;
    const char *text;
    const char *rule;        /* the rule whose finding proposes it */
} rd_edit;

typedef struct {
    rd_edit *items;
    size_t len, cap;
} rd_edit_list;

/* The changes that findings propose for a page of `len` bytes: their
 * automatic suggestions (with `all`, every suggestion), in page order.
 * Texts and rule ids point into the findings. Fails (RD_ERR_USAGE, err
 * naming the place) when two changes overlap or one falls outside the
 * page: such a set cannot be made whole. An editor offers these as code
 * actions; nothing is written. */
rd_status rd_fix_edits(const rd_diag *diags, size_t n, size_t len, int all,
                       rd_edit_list *out, rd_error *err);
void rd_edit_list_free(rd_edit_list *edits);
/* Appends data with the changes made (sorted, apart) to out. */
void rd_edits_apply(const char *data, size_t len, const rd_edit_list *edits,
                    rd_buf *out);
/* A unified diff of the changes, between "a/NAME" and "b/NAME" (a
 * leading "./" dropped), which `patch -p1` applies; appended to out. */
void rd_edits_diff(const char *name, const char *data, size_t len,
                   const rd_edit_list *edits, rd_buf *out);

/* The page's bytes as read (BOM and front matter included): what the
 * offsets of rd_suggestion and rd_edit count in. */
const char *rd_doc_bytes(const rd_doc *doc, size_t *len);

/* What rd_fix_page made of a page. */
typedef struct {
    size_t applied;          /* changes made; 0: the page stays as it is */
    rd_buf fixed;            /* the fixed bytes (when applied) */
    rd_edit_list edits;      /* the changes made */
    rd_doc *doc;             /* the fixed page, parsed (when applied) */
    rd_diag_list findings;   /* its findings (when applied) */
    char refused[1024];      /* why no change was made, or "" */
} rd_fix_result;

/* Fixes a page wholly or not at all: makes the automatic suggestions of
 * `found` (what rd_lint_doc gave for doc), parses and lints the result
 * again, and keeps it only when every finding meant to be fixed has a safe
 * change (rd_diag.fixable), every change applies, the findings fixed are
 * gone, no other finding appeared, and the changes of the rules whose
 * fixes keep the content (entity-artifact, heading-increment) left the
 * page's text and structure as they were. Otherwise res->refused says why.
 * Nothing is written: the caller writes res->fixed. Fails only as
 * rd_lint_doc does. */
rd_status rd_fix_page(rd_linter *linter, const rd_doc *doc, const char *path,
                      const rd_diag_list *found, const rd_parse_options *opts,
                      rd_fix_result *res, rd_error *err);
void rd_fix_result_free(rd_fix_result *res);

/* ------------------------------------------------------------- baseline */

/* The findings a project knows of and keeps for later: a JSON file
 * (format "roledoc-baseline", version 1) that rd_baseline_write makes
 * from a run's findings. A finding is in it when one there has its file,
 * rule and fingerprint, so that lines added above it leave it known. */
typedef struct rd_baseline rd_baseline;

/* Reads the baseline at path; NULL with err ("FILE:LINE:COL: message",
 * RD_ERR_CONFIG) when it cannot be read or is no baseline. */
rd_baseline *rd_baseline_load(const char *path, rd_error *err);
void rd_baseline_free(rd_baseline *baseline);
/* Marks each finding RD_BASELINE_UNCHANGED (in the baseline, each entry
 * standing for one finding) or RD_BASELINE_NEW; returns how many are
 * unchanged. */
size_t rd_baseline_apply(const rd_baseline *baseline, rd_diag_list *findings);
/* The findings as a baseline, appended to out (for the caller to write). */
rd_status rd_baseline_write(const rd_diag_list *findings, rd_buf *out,
                            rd_error *err);

/* Report formats ("text", "json", "sarif", "junit", "github", "html")
 * over a sorted list of findings. Every format names files as the findings
 * do (as given on the command line, "<stdin>" for "-") and lists files and
 * rules in a fixed order, so that reports of the same run compare equal. */
typedef struct {
    int color;                    /* text: ANSI colours */
    const rd_ruleset *rules;      /* for formats that describe the rules */
    const char *const *files;     /* every page linted, in order */
    size_t nfiles;
    /* html: the pages, in the order of `files` (NULL entries allowed), so
     * that each finding is shown with the source line it points at; only
     * formats with `needs_docs` read them. */
    const rd_doc *const *docs;
    /* sarif: the rules' documentation pages (ID.md), NULL for
     * rd_installed_docs_dir(). */
    const char *docs_dir;
    /* junit: when the run started (seconds since the epoch, written in
     * UTC; 0: now), the name of the machine (NULL: the system's), and
     * the seconds each page took, in the order of `files` (NULL: 0). */
    long long started;
    const char *hostname;
    const double *seconds;
} rd_report_options;

/* A report format: its writer appends the whole report of a run to out and
 * returns 0, or -1 on failure. */
typedef int (*rd_report_fn)(const rd_diag_list *diags,
                            const rd_report_options *opts, rd_buf *out);
typedef struct {
    const char *name;
    const char *extension;        /* without the dot */
    rd_report_fn write;
    const char *description;
    int needs_docs;               /* reads rd_report_options.docs: the caller
                                     keeps the pages until it has written */
    int shows_baselined;          /* is given the findings a baseline knows
                                     too (marked RD_BASELINE_UNCHANGED), and
                                     shows them as such; the other formats
                                     are given only the new ones */
} rd_report_format;

/* The report format called `name`, or NULL. */
const rd_report_format *rd_report_find(const char *name);
/* Every report format, ending with a NULL name. */
const rd_report_format *rd_reports(void);

/* ----------------------------------------------------------- role model */

/* The role model of a page (docs/roles.md): whether it is a role page, its
 * families and roles, the parts of each, and the reasons for every
 * decision. Opaque; read through the functions below. A model points into
 * its document's tree: free it (rd_model_free) before the document. */
typedef struct rd_model rd_model;
typedef struct rd_role rd_role;
typedef struct rd_role_part rd_role_part;

/* What the caller knows of a page beyond the page itself: its project
 * configuration may declare it a role page (role-pages) or not one
 * (not-role-pages). Front matter `role-page: true|false` wins over both. */
typedef enum {
    RD_ROLE_PAGE_DETECT = 0,     /* decide from the page */
    RD_ROLE_PAGE_DECLARED,       /* the page is a role page */
    RD_ROLE_PAGE_OPTED_OUT       /* the page is not a role page */
} rd_role_page_override;

/* How the model decided whether the page is a role page. */
typedef enum {
    RD_DECISION_NOT_DETECTED,    /* detection found no role */
    RD_DECISION_DETECTED,        /* detection found roles */
    RD_DECISION_DECLARED,        /* declared (configuration or front matter) */
    RD_DECISION_OPTED_OUT        /* opted out (configuration or front matter) */
} rd_decision;

/* "not-detected", "detected", "declared", "opted-out". */
const char *rd_decision_name(rd_decision decision);

/* Finds the families, roles and their parts in doc, with the labels,
 * lexicon and terms of rules (NULL: no recognition data, so no role).
 * Never NULL (memory running out aborts); free it with rd_model_free. */
rd_model *rd_model_extract(const rd_doc *doc, const rd_ruleset *rules,
                           rd_role_page_override override);
void rd_model_free(rd_model *model);
/* The role model of doc as rd_lint_doc sees it: with the labels and
 * lexicon of the configuration in force for `path`, and what it says of the
 * page being a role page. NULL (err filled) on a bad configuration. */
rd_model *rd_linter_model(rd_linter *linter, const rd_doc *doc,
                          const char *path, rd_error *err);

int rd_model_is_role_page(const rd_model *model);
rd_decision rd_model_decision(const rd_model *model);
size_t rd_model_role_count(const rd_model *model);     /* families not counted */
size_t rd_model_family_count(const rd_model *model);
/* The families and roles that no family holds, in page order; NULL when
 * there is none. */
const rd_role *rd_model_first(const rd_model *model);
/* Every role and family, in page order (a family before its roles): the
 * one after `role`, or the first for NULL; NULL at the end. */
const rd_role *rd_model_next(const rd_model *model, const rd_role *role);

/* Why the model is what it is: one sentence per decision (the title read,
 * the labels, lead-ins and phrases found, the rule that decided), each with
 * the line it concerns (0 for the page as a whole). Strings belong to the
 * model. */
size_t rd_model_reason_count(const rd_model *model);
const char *rd_model_reason(const rd_model *model, size_t i, uint32_t *line);

/* Whether a title names the person with gendered words, and how. */
typedef enum {
    RD_TITLE_EPICENE,            /* nothing gendered: "Coach" */
    RD_TITLE_BOTH,               /* both forms: "Chargé / chargée" */
    RD_TITLE_ONE                 /* one form only: "Intrapreneurs" */
} rd_title_gender;

/* "epicene", "both", "one". */
const char *rd_title_gender_name(rd_title_gender gender);

int rd_role_is_family(const rd_role *role);
/* The title: its text without markup, surrounding blanks, leading
 * numbering ("1. ") or emoji; and the node that carries it (a heading, or
 * a paragraph in bold only); the node is NULL for a page titled by its
 * front matter. */
const char *rd_role_title(const rd_role *role);
const rd_node *rd_role_title_node(const rd_role *role);
/* Where the title's node is, and where the title's first character is
 * (after numbering or emoji left out); 1-based, columns in characters. */
void rd_role_position(const rd_role *role, uint32_t *line, uint32_t *col);
void rd_role_title_position(const rd_role *role, uint32_t *line, uint32_t *col);
rd_title_gender rd_role_gender(const rd_role *role);
/* The title in each form, in full ("Le développeur commercial" / "La
 * développeuse commerciale"), when it gives both; NULL otherwise. */
const char *rd_role_masculine(const rd_role *role);
const char *rd_role_feminine(const rd_role *role);
/* The first image between the title and the first part, or NULL. */
const rd_node *rd_role_illustration(const rd_role *role);
/* The family holding the role, its first role (for a family), the next role
 * or family at the same level; NULL when there is none. */
const rd_role *rd_role_parent(const rd_role *role);
const rd_role *rd_role_first_child(const rd_role *role);
const rd_role *rd_role_next(const rd_role *role);
/* The parts of one kind, in page order: a role has at most one mission,
 * objectives and axes, any number of action lists and limits. */
size_t rd_role_part_count(const rd_role *role, rd_part kind);
const rd_role_part *rd_role_part_at(const rd_role *role, rd_part kind,
                                    size_t i);
/* Items of every action list of the role together. */
size_t rd_role_action_count(const rd_role *role);

/* How a part was found. */
typedef enum {
    RD_VIA_LABEL,                /* under a label (heading or bold paragraph) */
    RD_VIA_LEAD_IN,              /* a list after a lead-in sentence */
    RD_VIA_OPENING               /* the opening hint or paragraph */
} rd_part_via;

/* "label", "lead-in", "opening". */
const char *rd_part_via_name(rd_part_via via);

rd_part rd_part_kind(const rd_role_part *part);
rd_part_via rd_part_found_via(const rd_role_part *part);
/* The node that opens the part: its label, its lead-in paragraph, or the
 * opening block itself. */
const rd_node *rd_part_lead(const rd_role_part *part);
/* The part's blocks after its lead (the opening block itself for a part
 * found via the opening), first and last; NULL when there is none. The
 * blocks are siblings from first to last. */
const rd_node *rd_part_first(const rd_role_part *part);
const rd_node *rd_part_last(const rd_role_part *part);
/* The part's items: the items of its lists (not of lists nested in
 * items), or the short paragraphs that stand for them. */
size_t rd_part_item_count(const rd_role_part *part);
const rd_node *rd_part_item(const rd_role_part *part, size_t i);

/* ------------------------------------------------------------ catalogue */

/* The catalogue of a space's roles (`roledoc roles`): every role and
 * family of the pages added, with both gendered forms, page and line,
 * family, mission (its first sentence), number of actions and objectives,
 * and the findings against it. Opaque. */
typedef struct rd_catalogue rd_catalogue;

rd_catalogue *rd_catalogue_new(void);
void rd_catalogue_free(rd_catalogue *catalogue);
/* Adds a page: its model's roles and families, and the findings of the
 * page at each one's title line (findings may be NULL). Copies what it
 * keeps: the model and the findings may be freed afterwards. */
void rd_catalogue_add_page(rd_catalogue *catalogue, const char *page,
                           const rd_model *model, const rd_diag_list *findings);
/* Writes the catalogue as "json" (docs/roles-catalogue.md), "csv" or
 * "html" (a standalone page). Returns 0, or -1 for an unknown format. */
int rd_catalogue_write(const rd_catalogue *catalogue, const char *format,
                       rd_buf *out);

/* -------------------------------------------------------------- outputs */

/* Options of every converter; each reads the fields it knows. */
typedef struct {
    unsigned width;          /* text: wrap column (0: 80) */
    int fragment;            /* html: body content only */
    int unsafe;              /* html: raw HTML passed through as written;
                                docbook: links and images of any scheme
                                (else javascript:, vbscript:, data: but
                                images, as the HTML output drops them) */
    const char *css;         /* html: stylesheet URL instead of the
                                embedded one */
    const char *lang;        /* html: language (else front matter, "fr") */
    int roles;               /* docbook: sections annotated with the role
                                model */
    const rd_ruleset *rules; /* roles-xml, roles-json, docbook --roles:
                                labels and lexicon of the model (NULL:
                                none, so no role is recognised) */
    rd_role_page_override role_page; /* roles-*, docbook --roles: what the
                                configuration says of the page */
} rd_emit_options;

/* Every converter has one signature: the page, the options (NULL: the
 * defaults), the output appended to out. Each returns 0, or -1 when the
 * output could not be made (out is then left as it was). */

/* XML dump of the tree, every node with line and col: the parser's test
 * surface. Reads no option. */
int rd_emit_tree(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out);

/* Plain text wrapped at opts->width display columns: headings underlined,
 * lists with hanging indents, hints as labelled blocks, images as
 * [image: alt], link targets kept. */
int rd_emit_text(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out);

/* DocBook 5.0: the page as one article, valid against the DocBook 5.0
 * RELAX NG schema whatever the page holds. Its first level-1 heading is the
 * article's title, front matter's description its abstract; headings open
 * nested sections with xml:ids made from their titles; with `roles`, role
 * families, roles and their parts are sections whose role attribute says
 * which ("role-family", "role", "mission", "actions", "objectives"), found
 * with opts->rules (which `roles` needs). Returns 0, or -1 when libxml2
 * failed to build the document or `roles` came without rules. */
int rd_emit_docbook(const rd_doc *doc, const rd_emit_options *opts,
                    rd_buf *out);

/* A GitBook space read from its SUMMARY.md, for output as one book. Its
 * first level-1 heading is its own; every later heading opens a group
 * and a thematic break ends one; list items name the pages (relative to
 * SUMMARY.md's directory; a directory stands for its README.md), nested as
 * the lists nest. Every page is read when the book is loaded. */
typedef struct rd_book rd_book;

/* Told, before each item of SUMMARY.md is read, how many are done, how
 * many there are and the item's link as written (NULL when it has none);
 * told once more at the end with done == total and page NULL. Lets a
 * program show progress. */
typedef void (*rd_progress_fn)(void *data, size_t done, size_t total,
                               const char *page);

/* How to read a book; NULL options, or all fields 0, mean the defaults. */
typedef struct {
    const char *title;          /* instead of the space's README.md's
                                   first heading */
    const char *output;         /* the file the book is written to: images
                                   are referred to from its directory
                                   (NULL or "-": the current directory) */
    rd_parse_options parse;     /* for SUMMARY.md and the pages */
    rd_progress_fn progress;    /* NULL: no progress reports */
    void *progress_data;        /* passed to progress */
} rd_book_options;

/* Reads SUMMARY.md and the pages it names. Returns NULL (err filled) only
 * when SUMMARY.md itself cannot be read: a page named but not on disk is a
 * warning at its link in SUMMARY.md (rule "book-missing-page"), a page that
 * exists but cannot be read an error ("book-unreadable-page"), an entry
 * that leads out of the space (climbing above its folder, an absolute
 * path, a symbolic link to elsewhere) a warning and never read
 * ("book-outside-space"); the book keeps them as chapters holding their
 * title and a note. An image of a page that is not in the space is a
 * warning at its line in the page ("book-missing-image"). The book is
 * titled by opts->title, else the first heading of the space's README.md,
 * else the name of the space's folder. */
rd_book *rd_book_load(const char *summary, const rd_book_options *opts,
                      rd_error *err);
void rd_book_free(rd_book *book);
/* Findings made while loading: the two above, then what loading each page
 * found (invalid UTF-8, front matter...), in SUMMARY.md order. */
size_t rd_book_diag_count(const rd_book *book);
const rd_diag *rd_book_diag(const rd_book *book, size_t i);
/* The book as DocBook 5.0: a part per group, a chapter per top-level item,
 * nested items as sections after their parent page's content; a page's
 * first level-1 heading is dropped when it repeats the item's title, else
 * kept as the subtitle. Links between pages of the book become linkends
 * (xml:ids come from the pages' paths); other links stay as written. Reads
 * opts->roles like rd_emit_docbook. Returns 0, or -1 when libxml2 failed. */
int rd_emit_docbook_book(const rd_book *book, const rd_emit_options *opts,
                         rd_buf *out);

/* A GitBook space as a static HTML site: a page per page of the space at
 * its path under the output folder (".md" becoming ".html"), each with
 * the navigation of the whole space (SUMMARY.md's groups and nesting, the
 * current page marked, then the pages SUMMARY.md does not name), previous
 * and next links, and links between pages going to their ".html" files;
 * an index.html; every local file the pages use (images, attachments)
 * copied at its place under the folder. Nothing is read from outside the
 * space nor written outside the folder (never through a symbolic link).
 * The folder keeps a manifest (".roledoc-site"): a file whose inputs did
 * not change since the last run is not written again. */
typedef struct rd_site rd_site;

typedef struct {
    rd_emit_options emit;       /* html: unsafe, css, lang */
    rd_parse_options parse;
} rd_site_options;

typedef struct {
    size_t pages;               /* pages of the site (index.html aside) */
    size_t written;             /* files written (pages, index, assets) */
    size_t unchanged;           /* files left as they were */
    size_t failed;              /* pages or files that could not be made */
    size_t assets;              /* local files the pages use */
} rd_site_stats;

/* Builds the site of `space` (a folder holding SUMMARY.md, or SUMMARY.md
 * itself) under `dir`, which must exist. Returns NULL (err filled) only
 * when SUMMARY.md cannot be read; what goes wrong with a page or a file
 * is a finding (rules "site-write-failed", and those of rd_book_load),
 * and the other pages are written all the same. */
rd_site *rd_site_build(const char *space, const char *dir,
                       const rd_site_options *opts, rd_error *err);
void rd_site_free(rd_site *site);
size_t rd_site_diag_count(const rd_site *site);
const rd_diag *rd_site_diag(const rd_site *site, size_t i);
rd_site_stats rd_site_stats_of(const rd_site *site);

/* HTML5: a standalone page (or with `fragment` the body content only).
 * The page's raw HTML goes through an allowlist unless `unsafe`. */
int rd_emit_html(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out);

/* The role model as XML (namespace urn:roledoc:roles:1, schema
 * roledoc-roles.rng) and as JSON (shape in docs/roles-json.md): families,
 * roles, titles in both forms, illustrations and parts, with positions.
 * Return 0, or -1 when the rule set cannot be loaded. */
int rd_emit_roles_xml(const rd_doc *doc, const rd_emit_options *opts,
                      rd_buf *out);
int rd_emit_roles_json(const rd_doc *doc, const rd_emit_options *opts,
                       rd_buf *out);

/* A converter by name ("tree", "text", "docbook", "html", "roles-xml",
 * "roles-json"): its function and the file extension of its output. */
typedef int (*rd_emit_fn)(const rd_doc *doc, const rd_emit_options *opts,
                          rd_buf *out);
typedef struct {
    const char *name;
    const char *extension;   /* without the dot */
    rd_emit_fn emit;
    const char *description;
} rd_format;

/* The converter called `name`, or NULL. */
const rd_format *rd_format_find(const char *name);
/* Every converter, in a fixed order, ending with a NULL name. */
const rd_format *rd_formats(void);

/* Display width of a UTF-8 string (wide characters count 2, combining
 * marks 0). */
size_t rd_display_width(const char *s, size_t len);

/* ---------------------------------------------------------------- files */

/* A list of file paths, as given or as found under a directory. */
typedef struct {
    char **paths;
    size_t len, cap;
} rd_path_list;

/* Frees the paths; the list is empty again. */
void rd_path_list_free(rd_path_list *list);
/* Appends path, which the list takes (it frees it with free()). */
void rd_path_list_add(rd_path_list *list, char *path);
/* Adds `path`: a file (any name) as it is, "-" as it is, a directory walked
 * for *.md files (skipping .git and .gitbook/assets, symlink loops
 * detected, symbolic links that resolve out of the directory not
 * followed), in sorted order. A path that does not exist and holds a
 * wildcard (*, ?, [...]) is a glob, expanded to the files it matches (any
 * name; '*' and '?' within a path segment, never a leading dot unless the
 * glob writes it, '**' across segments), in sorted order. Problems (a
 * missing path, a loop, a link out of the tree, a glob that matches
 * nothing) are appended to `problems` as "PATH: reason" lines; returns 0
 * when none. */
int rd_collect_paths(const char *path, rd_path_list *list, rd_buf *problems);

/* Writes data to path atomically: a temporary file in the same directory,
 * then a rename. "-" writes to standard output. Nothing is left behind on
 * failure. */
rd_status rd_write_file_atomic(const char *path, const char *data, size_t len,
                               rd_error *err);
/* The same for the file `rel` under the directory `dir` (which must
 * exist), making the directories of rel as needed: never through a
 * symbolic link below dir, never outside it (rel is relative, without
 * ".."); such a path is refused with an error naming it. */
rd_status rd_write_file_under(const char *dir, const char *rel, const char *data,
                              size_t len, rd_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ROLEDOC_H */
