/* The page's nodes by type (see check.h): listed in one walk, then grouped
 * in one array. */
#include "check.h"

#include <stdlib.h>

/* The nodes under root, root included, in document order; the content an
 * {% include %} shows is another file's, whose findings are its own. */
static rd_node **document_order(rd_node *root, size_t *count)
{
    size_t n = 0, cap = 256;
    rd_node **all = rd_xmalloc(cap * sizeof *all);
    rd_iter it;
    rd_node *node;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &node)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        if (node->type == RD_NODE_LIQUID && node->liquid == RD_LIQUID_INCLUDE)
            rd_iter_skip_children(&it);
        if (n == cap) {
            cap *= 2;
            all = rd_xrealloc(all, cap * sizeof *all);
        }
        all[n++] = node;
    }
    *count = n;
    return all;
}

/* Groups the nodes by type with a counting sort: each group keeps the
 * document order. */
void rd_node_index_build(rd_node_index *index, rd_node *root)
{
    *index = (rd_node_index){ 0 };
    if (!root)
        return;
    size_t n;
    rd_node **all = document_order(root, &n);
    for (size_t i = 0; i < n; i++)
        index->start[all[i]->type + 1]++;
    for (size_t t = 1; t <= RD_NODE_TYPE_COUNT; t++)
        index->start[t] += index->start[t - 1];
    size_t next[RD_NODE_TYPE_COUNT];
    for (size_t t = 0; t < RD_NODE_TYPE_COUNT; t++)
        next[t] = index->start[t];
    index->nodes = rd_xmalloc((n ? n : 1) * sizeof *index->nodes);
    for (size_t i = 0; i < n; i++)
        index->nodes[next[all[i]->type]++] = all[i];
    free(all);
}
void rd_node_index_free(rd_node_index *index)
{
    free(index->nodes);
    *index = (rd_node_index){ 0 };
}

rd_node_span rd_check_nodes(const rd_check_ctx *ctx, rd_node_type type)
{
    const rd_node_index *index = ctx->index;
    if (!index || !index->nodes || (unsigned)type >= RD_NODE_TYPE_COUNT)
        return (rd_node_span){ NULL, 0 };
    size_t from = index->start[type];
    return (rd_node_span){ index->nodes + from, index->start[type + 1] - from };
}
