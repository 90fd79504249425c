/* liquid-balanced: every GitBook liquid block is closed, closed in order,
 * has no end tag without an opening one, and is of a kind GitBook knows.
 * GitBook silently swallows the rest of the page into a block left open,
 * and shows an unknown tag as text.
 *
 * The parser has already paired the tags (see parse/liquid.c); this kind reads
 * the flags it left. Each case has its own wording in the rule file:
 *   the rule's message     a block never closed (RD_FLAG_UNCLOSED; a
 *                          message-unclosed param would take its place)
 *   message-misnested      a block still open when an enclosing block was
 *                          closed (RD_FLAG_MISNESTED)
 *   message-stray          an end tag with no opening tag (RD_FLAG_STRAY_END)
 *   message-unknown        a tag of no known kind (RD_LIQUID_OTHER)
 * with hint-misnested, hint-stray and hint-unknown as their fixes. Findings
 * point at the opening tag (the end tag for a stray one).
 *
 * Message placeholders: {tag} (the tag's name, without "end"), {parent}
 * (the name of the enclosing liquid block, "" when none).
 */
#include "check.h"

/* Name of the nearest liquid block around n, or "". */
static const char *enclosing_block(const rd_node *n)
{
    for (const rd_node *p = n->parent; p; p = p->parent)
        if (p->type == RD_NODE_LIQUID && p->name)
            return p->name;
    return "";
}

/* The balance problem of a liquid node, or NULL when it has none. A block
 * closed out of order is also left unclosed: misnesting is what explains
 * it. */
static const char *balance_case(const rd_node *n)
{
    if (n->flags & RD_FLAG_STRAY_END)
        return "stray";
    if (n->flags & RD_FLAG_MISNESTED)
        return "misnested";
    if (n->flags & RD_FLAG_UNCLOSED)
        return "unclosed";
    return NULL;
}

static void check_liquid(rd_check_ctx *ctx, const rd_node *n)
{
    const char *const vars[] = {
        "tag", n->name ? n->name : "",
        "parent", enclosing_block(n),
        NULL
    };
    const char *which = balance_case(n);
    if (which)
        rd_check_report_case(ctx, which, n, vars);
    /* A stray end tag of an unknown name is one mistake, not two. */
    if (n->liquid == RD_LIQUID_OTHER && !(n->flags & RD_FLAG_STRAY_END))
        rd_check_report_case(ctx, "unknown", n, vars);
}

void rd_check_liquid_balanced(rd_check_ctx *ctx)
{
    rd_node_span tags = rd_check_nodes(ctx, RD_NODE_LIQUID);
    for (size_t i = 0; i < tags.len; i++)
        check_liquid(ctx, tags.nodes[i]);
}
