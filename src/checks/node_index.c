/* The page's nodes by type (see check.h): counted in one walk, placed in a
 * second, in one array. */
#include "check.h"

#include <stdlib.h>

static void count_types(rd_node_index *index, rd_node *root)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER)
            index->start[n->type + 1]++;
    for (size_t t = 1; t <= RD_NODE_TYPE_COUNT; t++)
        index->start[t] += index->start[t - 1];
}

void rd_node_index_build(rd_node_index *index, rd_node *root)
{
    *index = (rd_node_index){ 0 };
    if (!root)
        return;
    count_types(index, root);
    index->nodes = malloc((index->start[RD_NODE_TYPE_COUNT] + 1) *
                          sizeof *index->nodes);
    if (!index->nodes)
        abort();
    size_t next[RD_NODE_TYPE_COUNT];
    for (size_t t = 0; t < RD_NODE_TYPE_COUNT; t++)
        next[t] = index->start[t];
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER)
            index->nodes[next[n->type]++] = n;
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
