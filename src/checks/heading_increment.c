/* heading-increment: headings go down one level at a time. A heading more
 * than one level deeper than the heading before it in the page (ATX, setext
 * or HTML, wherever it stands) skips a level; readers and outline tools then
 * see a section with a missing parent. Going back up any number of levels is
 * fine, and the first heading of the page is compared with nothing.
 *
 * Message placeholders: {level}, {previous} (level of the heading before),
 * {expected} (the deepest level allowed here), {title}.
 */
#include "check.h"

#include <stdio.h>

static void report_skip(rd_check_ctx *ctx, const rd_node *heading, int previous)
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
    rd_check_report(ctx, heading, vars);
    rd_buf_free(&title);
}

void rd_check_heading_increment(rd_check_ctx *ctx)
{
    int previous = 0;   /* level of the last heading seen; 0 before any */
    rd_node_span headings = rd_check_nodes(ctx, RD_NODE_HEADING);
    for (size_t i = 0; i < headings.len; i++) {
        const rd_node *n = headings.nodes[i];
        if (previous && n->level > previous + 1)
            report_skip(ctx, n, previous);
        previous = n->level;
    }
}
