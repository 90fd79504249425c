/* anchor-target: a same-page link ("#section", written in Markdown or as a
 * raw <a href="#…">) points to an anchor the page has: a heading (matched
 * on its letters and digits, as GitBook's anchors and hand-written ones
 * differ in their separators), a raw HTML id or name, or a footnote. A
 * link to an anchor that is gone (a heading renamed, an anchor removed)
 * leads the reader nowhere.
 *
 * No parameters. Findings point at the link.
 *
 * Message placeholders: {anchor} (the fragment as written, without '#').
 */
#include "check.h"
#include "lint/anchors.h"

static void check_link(rd_check_ctx *ctx, const rd_anchor_set *set,
                       const rd_node *link)
{
    const char *url = link->url;
    if (!url || url[0] != '#' || !url[1] || rd_anchor_set_has(set, url + 1))
        return;
    const char *const vars[] = { "anchor", url + 1, NULL };
    rd_check_report(ctx, link, vars);
}

void rd_check_anchor_target(rd_check_ctx *ctx)
{
    rd_node_span links = rd_check_nodes(ctx, RD_NODE_LINK);
    if (!links.len)
        return;
    rd_anchor_set set;
    rd_anchor_set_build(&set, ctx->doc);
    for (size_t i = 0; i < links.len; i++)
        check_link(ctx, &set, links.nodes[i]);
    rd_anchor_set_free(&set);
}
