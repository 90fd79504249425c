/* The depth limit, held over the finished tree.
 *
 * The Markdown parser, the HTML reader and the liquid grouping each stop
 * nesting at the document's depth limit, but the last two also move
 * finished subtrees into new parents: a liquid block takes the blocks
 * between its tags, a pair of inline HTML tags what stands between them.
 * What they move can end up below the limit (200 nested hints around 200
 * nested quotes make 400 levels). This pass keeps the limit whoever built
 * the tree: an element below it becomes a text node holding its visible
 * text, flagged truncated, and the page gets a nesting-depth finding. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The outermost nodes with children deeper than the limit: the root is at
 * depth 0, elements may stand at depth max_depth, text one below. */
static void find_too_deep(rd_node *root, unsigned max_depth, rd_node_list *out)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    unsigned depth = 0;     /* of the node entered, root 0 */
    bool first = true;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_EXIT) {
            depth--;
            continue;
        }
        depth = first ? 0 : depth + 1;
        first = false;
        if (depth > max_depth && n->first_child) {
            rd_node_list_add(out, n);
            rd_iter_skip_children(&it);
        }
    }
}

/* Replaces n by a text node of its visible text, at its place. */
static void flatten(rd_doc *doc, rd_node *n)
{
    rd_buf text;
    rd_buf_init(&text);
    rd_node_text(n, &text);
    rd_node *t = rd_node_new(doc, RD_NODE_TEXT);
    t->flags = RD_FLAG_TRUNCATED | (n->flags & RD_FLAG_HTML);
    t->literal = rd_doc_strndup(doc, text.data ? text.data : "", text.len);
    t->literal_len = text.len;
    t->line = n->line;
    t->col = n->col;
    t->offset = n->offset;
    rd_node_insert_before(n, t);
    rd_node_unlink(n);
    rd_buf_free(&text);
}

static bool has_depth_finding(const rd_doc *doc)
{
    for (size_t i = 0; i < doc->diags.len; i++)
        if (strcmp(doc->diags.items[i].rule, "nesting-depth") == 0)
            return true;
    return false;
}

void rd_tree_limit_depth(rd_doc *doc)
{
    unsigned max_depth = doc->max_depth ? doc->max_depth : RD_DEFAULT_MAX_DEPTH;
    rd_node_list deep = { 0 };
    find_too_deep(doc->root, max_depth, &deep);
    if (deep.len && !has_depth_finding(doc))
        rd_doc_add_diag(doc, "nesting-depth", RD_SEVERITY_WARNING,
                        deep.items[0]->offset,
                        "nesting deeper than %u levels: the content below "
                        "is kept as text", max_depth);
    for (size_t i = 0; i < deep.len; i++) {
        deep.items[i]->parent->flags |= RD_FLAG_TRUNCATED;
        flatten(doc, deep.items[i]);
    }
    free(deep.items);
}
