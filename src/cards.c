/* GitBook card tables (<table data-view="cards">): the columns whose head
 * cell is marked data-hidden hold what GitBook uses to draw a card (its
 * target, its cover image) and never shows as text. */
#include "internal.h"

#include <string.h>

bool rd_card_cell_hidden(const rd_node *cell)
{
    const rd_node *row = cell->parent, *table = row ? row->parent : NULL;
    if (table && table->type != RD_NODE_TABLE)
        table = table->parent;
    const char *view = table ? rd_node_attr(table, "data-view") : NULL;
    if (!view || strcmp(view, "cards") != 0)
        return false;
    size_t col = 0;
    for (const rd_node *c = row->first_child; c && c != cell; c = c->next)
        col += c->type == RD_NODE_TABLE_CELL;
    const rd_node *head = table->first_child;
    while (head && head->type != RD_NODE_TABLE_HEAD)
        head = head->next;
    const rd_node *h = head && head->first_child ? head->first_child->first_child : NULL;
    while (h && (h->type != RD_NODE_TABLE_CELL || col)) {
        col -= h->type == RD_NODE_TABLE_CELL;
        h = h->next;
    }
    return h && rd_node_attr(h, "data-hidden") != NULL;
}
