/* The interface between the lint engine and the check kinds.
 *
 * Each check kind lives in its own file under src/lint/checks/ and exports one
 * function. The engine runs every enabled rule's kind on each document with
 * a context; the kind reads the nodes of the types it looks at
 * (rd_check_nodes), walks the tree (always with rd_iter, never its own
 * recursion) or the role model, and reports findings through rd_check_report,
 * which fills the rule's message template and records the position.
 */
#ifndef RD_CHECK_H
#define RD_CHECK_H

#include "internal.h"

/* The page's nodes grouped by type, each group in document order: the
 * engine walks the tree once for all the kinds, which look at a few types
 * each, rather than once per kind. */
typedef struct {
    rd_node **nodes;
    size_t start[RD_NODE_TYPE_COUNT + 1];   /* group t: [start[t], start[t+1]) */
} rd_node_index;

void rd_node_index_build(rd_node_index *index, rd_node *root);
void rd_node_index_free(rd_node_index *index);

typedef struct {
    rd_node *const *nodes;
    size_t len;
} rd_node_span;

typedef struct {
    const rd_doc *doc;
    const rd_node_index *index;
    const rd_model *model;
    const rd_ruleset *rules;     /* labels, lexicon, other rules */
    const rd_rule *rule;         /* the rule being run: id, severity, params */
    const char *path;            /* the page on disk (NULL for standard
                                    input): relative targets resolve from it */
    int role_page;               /* the page is declared a role page (its
                                    configuration or front matter) */
    rd_target_lookup_fn target_lookup;   /* asked before the disk, or NULL */
    void *target_data;
    rd_diag_list *out;
} rd_check_ctx;

/* Records a finding of ctx->rule at a node (its line and column). `vars` is
 * a NULL-terminated list of name, value pairs that fill the {name}
 * placeholders of the rule's message and hint templates. */
void rd_check_report(rd_check_ctx *ctx, const rd_node *at,
                     const char *const *vars);
/* Same, at a byte offset of the file. */
void rd_check_report_offset(rd_check_ctx *ctx, size_t offset,
                            const char *const *vars);
/* Same, at a line and column. */
void rd_check_report_at(rd_check_ctx *ctx, uint32_t line, uint32_t col,
                        const char *const *vars);

/* The page's nodes of one type, in document order. */
rd_node_span rd_check_nodes(const rd_check_ctx *ctx, rd_node_type type);

/* Reports with the message and hint of one case of the rule (its params
 * message-CASE and hint-CASE) when the rule file gives them, else with the
 * rule's own. */
void rd_check_report_case(rd_check_ctx *ctx, const char *which,
                          const rd_node *at, const char *const *vars);

/* A change of the page that fixes a finding (an rd_suggestion): bytes
 * [start, end) of the file replaced by text; `automatic` when it is safe
 * to make without a person's look (lint --fix makes it). `covered` says
 * that the rule's fix is meant for this finding, even when no change
 * could be found (rd_diag.fixable). */
typedef struct {
    size_t start, end;
    const char *text;
    int automatic;
    int covered;
} rd_check_fix;

/* rd_check_report and rd_check_report_case with the change that fixes the
 * finding (NULL: none). */
void rd_check_report_fix(rd_check_ctx *ctx, const rd_node *at,
                         const char *const *vars, const rd_check_fix *fix);
void rd_check_report_case_fix(rd_check_ctx *ctx, const char *which,
                              const rd_node *at, const char *const *vars,
                              const rd_check_fix *fix);
void rd_check_report_at_fix(rd_check_ctx *ctx, uint32_t line, uint32_t col,
                            const char *const *vars, const rd_check_fix *fix);
/* The byte offset in the file where text[0..len) first stands on source
 * line `line`, at or after the offset `from` (0: anywhere on the line);
 * (size_t)-1 when it does not. */
size_t rd_check_find_on_line(const rd_check_ctx *ctx, uint32_t line,
                             size_t from, const char *text, size_t len);
#define RD_CHECK_NOT_FOUND ((size_t)-1)

/* Whether a block counts as content: not an HTML comment, a thematic break
 * or raw HTML that parsed to nothing. */
int rd_check_block_has_content(const rd_node *n);

typedef void (*rd_check_fn)(rd_check_ctx *ctx);

/* What a kind's fixes are. */
enum {
    RD_CHECK_FIXABLE = 1u << 0,       /* some findings carry an automatic
                                         fix, which lint --fix makes */
    RD_CHECK_FIX_KEEPS_CONTENT = 1u << 1  /* its fixes change how the page is
                                             written, not what it says */
};

typedef struct {
    const char *kind;
    rd_check_fn run;
    unsigned fix;            /* RD_CHECK_FIX* */
} rd_check_kind;

/* The built-in check kinds (src/lint/checks/registry.c), ending with a NULL
 * kind. */
extern const rd_check_kind rd_check_kinds[];
const rd_check_kind *rd_check_kind_find(const char *kind);

/* Check kinds of the structural and editorial rules (one file each). */
void rd_check_role_part(rd_check_ctx *ctx);
void rd_check_page_title(rd_check_ctx *ctx);
void rd_check_heading_increment(rd_check_ctx *ctx);
void rd_check_image_alt(rd_check_ctx *ctx);
void rd_check_anchor_target(rd_check_ctx *ctx);
void rd_check_local_target(rd_check_ctx *ctx);
void rd_check_liquid_balanced(rd_check_ctx *ctx);
void rd_check_hint_style(rd_check_ctx *ctx);
void rd_check_http_link(rd_check_ctx *ctx);
void rd_check_entity_artifact(rd_check_ctx *ctx);
void rd_check_empty_section(rd_check_ctx *ctx);
void rd_check_invalid_utf8(rd_check_ctx *ctx);
void rd_check_directive_ids(rd_check_ctx *ctx);

/* Check kinds of role titles (title analysis: src/model/titles.h). */
void rd_check_gendered_title(rd_check_ctx *ctx);
void rd_check_inclusive_form_style(rd_check_ctx *ctx);

/* finding.c: whether one of the words of list (separated by blanks or
 * commas; NULL: none) satisfies match(word, length, data): the parameters
 * of rules that list hosts or markers. */
int rd_check_any_word(const char *list,
                      int (*match)(const char *word, size_t len, const void *data),
                      const void *data);

#endif
