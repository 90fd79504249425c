/* empty-section: a heading or a section label with nothing under it. An
 * empty section is usually a draft left behind or content moved elsewhere;
 * readers land on a title that promises something and find nothing.
 *
 * A heading's section runs over the blocks after it, up to the next heading
 * of the same or a higher level (a deeper heading is a subsection, so it
 * counts as content); it is looked for among the heading's siblings, so a
 * heading at the end of a tab or a hint is empty there. HTML headings are
 * left out: their section continues outside the HTML block they stand in.
 * A label written as a bold paragraph ("**Mission**", on any page) runs
 * up to the next heading or bold label. HTML comments, thematic breaks and
 * raw HTML that holds nothing are not content.
 *
 * Message placeholders: {title} (the heading's or label's text).
 */
#include "check.h"
#include "model/vocab.h"

static int heading_is_empty(const rd_node *heading)
{
    for (const rd_node *n = heading->next; n; n = n->next) {
        if (n->type == RD_NODE_HEADING && n->level <= heading->level)
            return 1;
        if (rd_check_block_has_content(n))
            return 0;
    }
    return 1;
}

/* Whether a node is a bold paragraph whose text is a label (of a part or
 * of none). */
static int is_label(rd_check_ctx *ctx, const rd_node *n, rd_buf *text)
{
    if (n->type != RD_NODE_PARAGRAPH || !rd_is_bold_paragraph(n))
        return 0;
    text->len = 0;
    rd_node_text(n, text);
    return rd_ruleset_label_kind(ctx->rules, text->data ? text->data : "") != RD_NO_LABEL;
}

static int label_is_empty(rd_check_ctx *ctx, const rd_node *label, rd_buf *text)
{
    for (const rd_node *n = label->next; n; n = n->next) {
        if (n->type == RD_NODE_HEADING || is_label(ctx, n, text))
            return 1;
        if (rd_check_block_has_content(n))
            return 0;
    }
    return 1;
}

static void report_empty(rd_check_ctx *ctx, const rd_node *at)
{
    rd_buf title;
    rd_buf_init(&title);
    rd_node_text(at, &title);
    const char *const vars[] = { "title", title.data ? title.data : "", NULL };
    rd_check_report(ctx, at, vars);
    rd_buf_free(&title);
}

static void check_headings(rd_check_ctx *ctx)
{
    rd_node_span headings = rd_check_nodes(ctx, RD_NODE_HEADING);
    for (size_t i = 0; i < headings.len; i++) {
        const rd_node *n = headings.nodes[i];
        if (!(n->flags & RD_FLAG_HTML) && heading_is_empty(n))
            report_empty(ctx, n);
    }
}

/* Labels written as headings were judged as headings already. */
static void check_labels(rd_check_ctx *ctx)
{
    rd_buf text;
    rd_buf_init(&text);
    rd_node_span paras = rd_check_nodes(ctx, RD_NODE_PARAGRAPH);
    for (size_t i = 0; i < paras.len; i++) {
        const rd_node *n = paras.nodes[i];
        if (is_label(ctx, n, &text) && label_is_empty(ctx, n, &text))
            report_empty(ctx, n);
    }
    rd_buf_free(&text);
}

void rd_check_empty_section(rd_check_ctx *ctx)
{
    check_headings(ctx);
    if (ctx->rules)
        check_labels(ctx);
}
