/* heading-increment: headings go down one level at a time. A heading more
 * than one level deeper than the heading before it in the page (ATX, setext
 * or HTML, wherever it stands) skips a level; readers and outline tools then
 * see a section with a missing parent. Going back up any number of levels is
 * fine, and the first heading of the page is compared with nothing.
 *
 * Message placeholders: {level}, {previous} (level of the heading before),
 * {expected} (the deepest level allowed here), {title}.
 *
 * The fix (lint --fix), where one level is skipped: one '#' fewer, for an
 * ATX heading whose next heading would not then skip a level itself.
 * Setext and HTML headings, and skips of more than one level, are left to
 * a person: which level was meant is not clear.
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

/* The first '#' of an ATX heading of `level`, at the start of its line
 * (after blanks or a quote's marks); RD_CHECK_NOT_FOUND otherwise. */
static size_t atx_marks(const rd_check_ctx *ctx, const rd_node *heading)
{
    size_t len;
    const char *line = rd_doc_line(ctx->doc, heading->line, &len);
    size_t i = 0;
    while (line && i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
        i++;
    size_t marks = 0;
    while (line && i + marks < len && line[i + marks] == '#')
        marks++;
    bool ends = i + marks == len || line[i + marks] == ' ' || line[i + marks] == '\t';
    if (!line || marks != (size_t)heading->level || !ends)
        return RD_CHECK_NOT_FOUND;
    return (size_t)(line - ctx->doc->bytes) + i;
}

/* One level up, when only one is skipped and the next heading (`next`
 * levels deep, 0 for none) would still follow. */
static rd_check_fix level_fix(const rd_check_ctx *ctx, const rd_node *heading,
                              int previous, int next)
{
    rd_check_fix fix = { 0 };
    if (heading->level != previous + 2 || next > heading->level ||
        (heading->flags & (RD_FLAG_SETEXT | RD_FLAG_HTML)))
        return fix;
    size_t at = atx_marks(ctx, heading);
    if (at != RD_CHECK_NOT_FOUND)
        fix = (rd_check_fix){ at, at + 1, "", 1, 1 };
    return fix;
}

static void report_skip(rd_check_ctx *ctx, const rd_node *heading, int previous,
                        int next)
{
    char level[16], prev[16], expected[16];
    snprintf(level, sizeof level, "%d", heading->level);
    snprintf(prev, sizeof prev, "%d", previous);
    snprintf(expected, sizeof expected, "%d", previous + 1);
    rd_buf title;
    rd_buf_init(&title);
    rd_node_text(heading, &title);
    const char *const vars[] = {
        "level", level,
        "previous", prev,
        "expected", expected,
        "title", title.data ? title.data : "",
        NULL
    };
    rd_check_fix fix = level_fix(ctx, heading, previous, next);
    rd_check_report_fix(ctx, heading, vars, &fix);
    rd_buf_free(&title);
}

void rd_check_heading_increment(rd_check_ctx *ctx)
{
    int previous = 0;   /* level of the last heading seen; 0 before any */
    rd_node_span headings = rd_check_nodes(ctx, RD_NODE_HEADING);
    for (size_t i = 0; i < headings.len; i++) {
        const rd_node *n = headings.nodes[i];
        int next = i + 1 < headings.len ? headings.nodes[i + 1]->level : 0;
        if (previous && n->level > previous + 1)
            report_skip(ctx, n, previous, next);
        previous = n->level;
    }
}
