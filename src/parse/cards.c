/* GitBook card tables (<table data-view="cards">): each body row is a card.
 *
 * The head row names the columns and is never shown. Columns whose head
 * cell is marked data-hidden hold what GitBook uses to draw a card and never
 * shows as text: the card's cover (data-card-cover, a link to an image or an
 * image) and its target (data-card-target, a link to the page or URL the
 * card leads to). The other cells are the card's text; the first of them
 * that says something is its title.
 *
 * After parsing, one pass marks the cells of every card table with
 * RD_FLAG_CARD_* flags, so that the outputs read a cell's part in the card
 * without counting columns; the functions below read a card from a row. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

bool rd_card_is_table(const rd_node *n)
{
    if (n->type != RD_NODE_TABLE)
        return false;
    const char *view = rd_node_attr(n, "data-view");
    return view && strcmp(view, "cards") == 0;
}

static const rd_node *first_head_row(const rd_node *table)
{
    for (const rd_node *g = table->first_child; g; g = g->next)
        if (g->type == RD_NODE_TABLE_HEAD)
            return g->first_child;
    return NULL;
}

/* The flags of each column, read from the head row (ncols of them). */
static unsigned *column_flags(const rd_node *table, size_t *ncols)
{
    const rd_node *head = first_head_row(table);
    size_t n = 0;
    for (const rd_node *c = head ? head->first_child : NULL; c; c = c->next)
        n += c->type == RD_NODE_TABLE_CELL;
    unsigned *flags = rd_xcalloc(n ? n : 1, sizeof *flags);
    size_t col = 0;
    for (const rd_node *c = head ? head->first_child : NULL; c; c = c->next) {
        if (c->type != RD_NODE_TABLE_CELL)
            continue;
        if (rd_node_attr(c, "data-hidden"))
            flags[col] |= RD_FLAG_CARD_HIDDEN;
        if (rd_node_attr(c, "data-card-cover"))
            flags[col] |= RD_FLAG_CARD_COVER;
        if (rd_node_attr(c, "data-card-target"))
            flags[col] |= RD_FLAG_CARD_TARGET;
        col++;
    }
    *ncols = n;
    return flags;
}

static void mark_row(rd_node *row, const unsigned *flags, size_t ncols)
{
    size_t col = 0;
    for (rd_node *c = row->first_child; c; c = c->next) {
        if (c->type != RD_NODE_TABLE_CELL)
            continue;
        if (col < ncols)
            c->flags |= flags[col];
        col++;
    }
}

/* The cells of the table's own rows (not those of tables nested in them). */
static void mark_table(rd_node *table)
{
    size_t ncols;
    unsigned *flags = column_flags(table, &ncols);
    for (rd_node *g = table->first_child; g; g = g->next) {
        if (g->type == RD_NODE_TABLE_ROW)
            mark_row(g, flags, ncols);
        else if (g->type == RD_NODE_TABLE_BODY || g->type == RD_NODE_TABLE_HEAD)
            for (rd_node *r = g->first_child; r; r = r->next)
                if (r->type == RD_NODE_TABLE_ROW)
                    mark_row(r, flags, ncols);
    }
    free(flags);
}

void rd_cards_mark(rd_node *root)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER && (n->flags & RD_FLAG_HTML) &&
            rd_card_is_table(n))
            mark_table(n);
    }
}

bool rd_card_row(const rd_node *row)
{
    if (row->type != RD_NODE_TABLE_ROW || !row->parent)
        return false;
    const rd_node *up = row->parent;
    if (up->type == RD_NODE_TABLE_HEAD)
        return false;
    if (up->type == RD_NODE_TABLE_BODY)
        up = up->parent;
    return up && rd_card_is_table(up);
}

/* Whether a cell holds nothing but blanks. */
static bool is_empty(const rd_node *cell)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)cell);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER || n == cell)
            continue;
        if (n->type == RD_NODE_IMAGE || n->type == RD_NODE_CODE)
            return false;
        for (size_t i = 0; n->type == RD_NODE_TEXT && i < n->literal_len; i++)
            if (!strchr(" \t\r\n", n->literal[i]))
                return false;
        if (n->type == RD_NODE_ENTITY && n->literal_len)
            return false;
    }
    return true;
}

bool rd_card_cell_shown(const rd_node *cell)
{
    return !(cell->flags & RD_FLAG_CARD_HIDDEN) && !is_empty(cell);
}

/* The URL of the first link, or image, in a cell. */
static const char *first_url(const rd_node *cell, bool image_too)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)cell);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->url && *n->url &&
            (n->type == RD_NODE_LINK || (image_too && n->type == RD_NODE_IMAGE)))
            return n->url;
    return NULL;
}

const char *rd_card_link_url(const rd_node *n)
{
    return first_url(n, false);
}

void rd_card_read(const rd_node *row, rd_card *card)
{
    memset(card, 0, sizeof *card);
    for (const rd_node *c = row->first_child; c; c = c->next) {
        if (c->type != RD_NODE_TABLE_CELL)
            continue;
        if ((c->flags & RD_FLAG_CARD_COVER) && !card->cover)
            card->cover = first_url(c, true);
        if ((c->flags & RD_FLAG_CARD_TARGET) && !card->target) {
            card->target = first_url(c, false);
            card->target_cell = card->target ? c : NULL;
        }
        if (!card->title && rd_card_cell_shown(c))
            card->title = c;
    }
}
