/* GitBook's expandable blocks: <details><summary>…</summary> … </details>.
 *
 * GitBook writes the tags on lines of their own, with Markdown between
 * them, so the Markdown parser sees an HTML block holding "<details>" (and
 * often the summary), the content as Markdown blocks, then an HTML block
 * "</details>". The details element parsed from the opening block becomes
 * the parent of the blocks that follow it up to the closing block, nested
 * ones too; the raw blocks stay where they were written (as the first and
 * last children of the details node in the tree order of siblings), so
 * that pass-through HTML still writes the tags as they were. A details
 * element closed inside its own raw block is left as libxml2 built it. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool raw_is(const rd_node *n, const char *tag)
{
    if (n->type != RD_NODE_HTML_BLOCK || !n->literal)
        return false;
    const char *s = n->literal, *end = s + n->literal_len;
    while (s < end && strchr(" \t\r\n", *s))
        s++;
    while (end > s && strchr(" \t\r\n", end[-1]))
        end--;
    size_t len = strlen(tag);
    return (size_t)(end - s) == len && strncasecmp(s, tag, len) == 0;
}

/* Whether the raw text closes every <details> it opens. */
static bool closes_details(const rd_node *block)
{
    size_t open = 0, close = 0;
    const char *s = block->literal, *end = s + block->literal_len;
    for (; s + 9 <= end; s++) {
        if (*s != '<')
            continue;
        if (strncasecmp(s, "<details", 8) == 0 && strchr(" \t\r\n>", s[8]))
            open++;
        else if (s + 10 <= end && strncasecmp(s, "</details>", 10) == 0)
            close++;
    }
    return close >= open;
}

/* The details element a raw block leaves open, or NULL. */
static rd_node *opened_details(const rd_node *n)
{
    if (n->type != RD_NODE_HTML_BLOCK || !n->last_child || closes_details(n))
        return NULL;
    rd_node *d = n->last_child;
    if (d->type != RD_NODE_ELEMENT || !d->name || strcasecmp(d->name, "details") != 0)
        return NULL;
    return d;
}

/* Where the next sibling goes: the innermost open details, or parent. */
static void place(rd_node *parent, const rd_node_list *open, rd_node *n)
{
    if (!open->len)
        return;
    rd_node_unlink(n);
    rd_node_append(open->items[open->len - 1], n);
    (void)parent;
}

static bool is_summary(const rd_node *n)
{
    return n && n->type == RD_NODE_ELEMENT && n->name &&
           strcasecmp(n->name, "summary") == 0;
}

static bool has_summary(const rd_node *d)
{
    for (const rd_node *c = d->first_child; c; c = c->next)
        if (is_summary(c))
            return true;
    return false;
}

/* A summary written in a raw block of its own, first in d, becomes d's
 * child; its raw block stays before it for pass-through HTML. */
static void hoist_summary(rd_node *d, rd_node *block)
{
    rd_node *s = block->first_child;
    if (block->type != RD_NODE_HTML_BLOCK || !is_summary(s) || s->next ||
        has_summary(d))
        return;
    rd_node_unlink(s);
    rd_node_append(d, s);
    block->flags |= RD_FLAG_ABSORBED;
}

static void group_children(rd_node *parent)
{
    rd_node_list open = { 0 };
    rd_node *next;
    for (rd_node *c = parent->first_child; c; c = next) {
        next = c->next;
        if (open.len && raw_is(c, "</details>")) {
            rd_node *d = open.items[--open.len];
            rd_node_unlink(c);
            rd_node_append(d, c);
            continue;
        }
        place(parent, &open, c);
        if (open.len && c->parent == open.items[open.len - 1] && !c->prev->prev)
            hoist_summary(c->parent, c);
        rd_node *d = opened_details(c);
        if (!d)
            continue;
        rd_node_unlink(d);
        d->flags |= RD_FLAG_GROUPED;
        if (c->next)
            rd_node_insert_before(c->next, d);
        else
            rd_node_append(c->parent, d);
        /* The raw opening block goes inside, first: its tags belong to d. */
        rd_node_unlink(c);
        if (d->first_child)
            rd_node_insert_before(d->first_child, c);
        else
            rd_node_append(d, c);
        c->flags |= RD_FLAG_ABSORBED;
        rd_node_list_add(&open, d);
    }
    free(open.items);
}

static bool may_hold_details(const rd_node *n)
{
    for (const rd_node *c = n->first_child; c; c = c->next)
        if (opened_details(c))
            return true;
    return false;
}

void rd_html_group_details(rd_node *root)
{
    rd_node_list parents = { 0 };
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && rd_node_is_block(n) && may_hold_details(n))
            rd_node_list_add(&parents, n);
    for (size_t i = 0; i < parents.len; i++)
        group_children(parents.items[i]);
    free(parents.items);
}
