/* page-title: a page has exactly one level-1 heading, and it is the first
 * block after the front matter (HTML comments before it do not count: they
 * hold lint directives).
 *
 * Three cases, each with its own wording in the rule file:
 *   the rule's message       no level-1 heading (at the first block, or
 *                            line 1 when the page is empty)
 *   message-not-first        the first level-1 heading is preceded by
 *                            content (at that heading)
 *   message-duplicate        a further level-1 heading (at each one)
 * hint-not-first and hint-duplicate give their suggested fixes.
 *
 * Message placeholders: {title} (the heading's text), {first} (the line of
 * the first level-1 heading).
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

static int is_title(const rd_node *n)
{
    return n->type == RD_NODE_HEADING && n->level == 1;
}

/* First top-level block that is not a comment, or NULL. */
static const rd_node *first_block(const rd_node *root)
{
    for (const rd_node *n = root->first_child; n; n = n->next)
        if (!(n->flags & RD_FLAG_COMMENT))
            return n;
    return NULL;
}

static int is_ancestor_or_self(const rd_node *a, const rd_node *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

static void report_title(rd_check_ctx *ctx, const char *which,
                         const rd_node *heading, const rd_node *first)
{
    rd_buf text;
    rd_buf_init(&text);
    rd_node_text(heading, &text);
    char line[32];
    snprintf(line, sizeof line, "%u", (unsigned)first->line);
    const char *const vars[] = {
        "title", text.data ? text.data : "",
        "first", line,
        NULL
    };
    rd_check_report_case(ctx, which, heading, vars);
    rd_buf_free(&text);
}

/* Files under .gitbook/includes/ are fragments that pages include, not
 * pages: they have no title of their own. */
static bool is_fragment(const char *path)
{
    static const char dir[] = ".gitbook/includes/";
    if (!path)
        return false;
    const char *at = strstr(path, dir);
    return at && (at == path || at[-1] == '/');
}

void rd_check_page_title(rd_check_ctx *ctx)
{
    rd_node *root = rd_doc_root(ctx->doc);
    if (!root || is_fragment(ctx->path ? ctx->path : rd_doc_name(ctx->doc)))
        return;
    const rd_node *first = NULL;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER || !is_title(n))
            continue;
        if (!first) {
            first = n;
            const rd_node *block = first_block(root);
            if (!block || !is_ancestor_or_self(block, n))
                report_title(ctx, "not-first", n, n);
        } else {
            report_title(ctx, "duplicate", n, first);
        }
        rd_iter_skip_children(&it);
    }
    if (!first) {
        /* Where the title belongs: the first block, past the front matter. */
        const char *const vars[] = { "title", "", "first", "", NULL };
        const rd_node *block = first_block(root);
        if (block)
            rd_check_report(ctx, block, vars);
        else
            rd_check_report_at(ctx, 1, 1, vars);
    }
}
