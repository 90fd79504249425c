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
 *    different documents may be processed on different threads.
 */
#ifndef ROLEDOC_H
#define ROLEDOC_H

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
    RD_ERR_NOMEM
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
/* Detaches the data (caller frees it with free()) and resets the buffer. */
char *rd_buf_detach(rd_buf *b, size_t *len);

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
    RD_LIQUID_CODE          /* title, overflow, lineNumbers... around a fence */
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
    RD_FLAG_TRUNCATED   = 1u << 10  /* content below the depth limit kept as text */
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
    int level;              /* heading level 1..6 */
    int list_ordered;
    int list_tight;
    unsigned list_start;
    char list_mark;         /* '-', '*', '+' or '.', ')' for ordered lists */
    char fence;             /* '`' or '~'; 0 for indented code */
    int task;               /* 0 not a task, 1 unchecked, 2 checked */
    rd_align align;
    rd_liquid_kind liquid;
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

/* The parts of a role, as section labels name them. */
typedef enum {
    RD_PART_OBJECTIVES,
    RD_PART_MISSION,
    RD_PART_ACTIONS,
    RD_PART_COUNT
} rd_part;

const char *rd_part_name(rd_part part);   /* "objectives", "mission", "actions" */

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

/* A masculine/feminine pair of a job noun or adjective. */
typedef struct {
    const char *masculine;
    const char *feminine;
} rd_lexicon_pair;

/* Everything the rule files declare: rules, section labels, lexicon. */
typedef struct {
    rd_rule *rules;
    size_t nrules;
    const char **labels[RD_PART_COUNT];   /* as written in the rule files */
    size_t nlabels[RD_PART_COUNT];
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
/* The part a label names, or -1 (comparison through rd_fold). */
int rd_ruleset_label_part(const rd_ruleset *rules, const char *text);

/* Loads every *.xml file of `dir`, in name order, each validated against
 * the schema roledoc-rules.rng (dir's own, else the default one). Files with
 * a DOCTYPE are refused. On failure fills err with "FILE:LINE: message". */
rd_status rd_ruleset_load(rd_ruleset *rules, const char *dir, rd_error *err);
void rd_ruleset_free(rd_ruleset *rules);
/* Where rules and their documentation are when no one says: the
 * environment (ROLEDOC_RULES, ROLEDOC_DOCS), the source tree for a program
 * of the build tree, else the installed copies. */
const char *rd_default_rules_dir(void);
const char *rd_default_docs_dir(void);

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
     * rd_default_docs_dir(). */
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

/* A role, or a role family (a role whose section holds other roles), as
 * rd_model_extract finds them; see struct rd_role below. */
typedef struct rd_role rd_role;

/* One part of a role: its label and the blocks under it (siblings of the
 * label, up to the next label or heading). */
typedef struct {
    const rd_node *label;    /* heading or strong-only paragraph; NULL when
                                the role has no such part */
    const rd_node *first;    /* first block after the label, or NULL */
    const rd_node *last;     /* last block of the part, or NULL */
    size_t items;            /* items of the lists directly in the part */
} rd_role_part;

struct rd_role {
    int is_family;           /* a family holds roles (the page title of a
                                role page is one) */
    const rd_node *heading;
    const char *title;       /* the heading's text, numbering such as "1. "
                                removed */
    /* Both forms in full ("Le développeur commercial" / "La développeuse
     * commerciale") when the title is gendered and complete; NULL when
     * the title is epicene or a form cannot be derived. */
    const char *title_masculine;
    const char *title_feminine;
    const rd_node *illustration;  /* first image before the first label */
    rd_role_part parts[RD_PART_COUNT];
    rd_role *parent;         /* the family holding this role, or NULL */
    rd_role *first_child;    /* a family's roles, in page order */
    rd_role *next;           /* next role or family at the same level */
};

/* The role model of one page, as rd_model_extract gives it. */
typedef struct {
    rd_role *first;          /* families and roles at the top, page order */
    size_t nroles;           /* roles, families not counted */
    size_t nfamilies;
    int is_role_page;        /* at least one role */
    void *priv;
} rd_model;

/* Finds the families, roles and their parts in doc, with the section
 * labels and lexicon of rules. The model points into doc's tree: free it
 * (rd_model_free) before the document. Returns NULL only when memory ran
 * out. */
rd_model *rd_model_extract(const rd_doc *doc, const rd_ruleset *rules);
void rd_model_free(rd_model *model);

/* -------------------------------------------------------------- outputs */

/* XML dump of the tree, every node with line and col: the parser's test
 * surface. */
int rd_emit_tree(const rd_doc *doc, rd_buf *out);

/* Options of rd_emit_text. */
typedef struct {
    unsigned width;          /* columns; 0 means 80 */
} rd_text_options;

/* Plain text wrapped at opts->width display columns: headings underlined,
 * lists with hanging indents, hints as labelled blocks, images as
 * [image: alt], link targets kept. Returns 0. */
int rd_emit_text(const rd_doc *doc, const rd_text_options *opts, rd_buf *out);

/* Options of every converter; each reads the fields it knows. */
typedef struct {
    unsigned width;          /* text: wrap column (0: 80) */
    int fragment;            /* html: body content only */
    int unsafe;              /* html: raw HTML passed through as written */
    const char *css;         /* html: stylesheet URL instead of the
                                embedded one */
    const char *lang;        /* html: language (else front matter, "fr") */
    int roles;               /* docbook: sections annotated with the role
                                model */
    const rd_ruleset *rules; /* roles-xml, roles-json: labels and lexicon
                                of the model (NULL: the default rules) */
} rd_emit_options;

/* DocBook 5.0: the page as one article, valid against the DocBook 5.0
 * RELAX NG schema whatever the page holds. Its first level-1 heading is the
 * article's title, front matter's description its abstract; headings open
 * nested sections with xml:ids made from their titles; with `roles`, role
 * families, roles and their parts are sections whose role attribute says
 * which ("role-family", "role", "mission", "actions", "objectives").
 * Returns 0, or -1 when memory ran out. */
int rd_emit_docbook(const rd_doc *doc, const rd_emit_options *opts,
                    rd_buf *out);

/* A GitBook space read from its SUMMARY.md, for output as one book. Its
 * first level-1 heading titles the book; every later heading opens a group
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
    const char *title;          /* instead of SUMMARY.md's first heading */
    rd_parse_options parse;     /* for SUMMARY.md and the pages */
    rd_progress_fn progress;    /* NULL: no progress reports */
    void *progress_data;        /* passed to progress */
} rd_book_options;

/* Reads SUMMARY.md and the pages it names. Returns NULL (err filled) only
 * when SUMMARY.md itself cannot be read: a page named but not on disk is a
 * warning at its link in SUMMARY.md (rule "book-missing-page"), a page that
 * exists but cannot be read an error ("book-unreadable-page"); the book
 * keeps both as chapters holding their title and a note. */
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
 * opts->roles like rd_emit_docbook. Returns 0, or -1 when memory ran out. */
int rd_emit_docbook_book(const rd_book *book, const rd_emit_options *opts,
                         rd_buf *out);

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
 * detected), in sorted order. A path that does not exist and holds a
 * wildcard (*, ?, [...]) is a glob, expanded to the files it matches (any
 * name; '*' and '?' within a path segment, never a leading dot unless the
 * glob writes it, '**' across segments), in sorted order. Problems (a
 * missing path, a loop, a glob that matches nothing) are appended to
 * `problems` as "PATH: reason" lines; returns 0 when none. */
int rd_collect_paths(const char *path, rd_path_list *list, rd_buf *problems);

/* Writes data to path atomically: a temporary file in the same directory,
 * then a rename. "-" writes to standard output. Nothing is left behind on
 * failure. */
rd_status rd_write_file_atomic(const char *path, const char *data, size_t len,
                               rd_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ROLEDOC_H */
