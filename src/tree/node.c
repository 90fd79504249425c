/* Tree building and walking. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[RD_NODE_TYPE_COUNT] = {
    [RD_NODE_DOCUMENT] = "document",
    [RD_NODE_PARAGRAPH] = "paragraph",
    [RD_NODE_HEADING] = "heading",
    [RD_NODE_THEMATIC_BREAK] = "thematic_break",
    [RD_NODE_BLOCK_QUOTE] = "block_quote",
    [RD_NODE_LIST] = "list",
    [RD_NODE_ITEM] = "item",
    [RD_NODE_CODE_BLOCK] = "code_block",
    [RD_NODE_HTML_BLOCK] = "html_block",
    [RD_NODE_TABLE] = "table",
    [RD_NODE_TABLE_HEAD] = "table_head",
    [RD_NODE_TABLE_BODY] = "table_body",
    [RD_NODE_TABLE_ROW] = "table_row",
    [RD_NODE_TABLE_CELL] = "table_cell",
    [RD_NODE_LIQUID] = "liquid",
    [RD_NODE_FIGURE] = "figure",
    [RD_NODE_FIGCAPTION] = "figcaption",
    [RD_NODE_TEXT] = "text",
    [RD_NODE_ENTITY] = "entity",
    [RD_NODE_SOFTBREAK] = "softbreak",
    [RD_NODE_LINEBREAK] = "linebreak",
    [RD_NODE_CODE] = "code",
    [RD_NODE_HTML_INLINE] = "html_inline",
    [RD_NODE_EMPH] = "emph",
    [RD_NODE_STRONG] = "strong",
    [RD_NODE_STRIKETHROUGH] = "strikethrough",
    [RD_NODE_LINK] = "link",
    [RD_NODE_IMAGE] = "image",
    [RD_NODE_MARK] = "mark",
    [RD_NODE_SUPERSCRIPT] = "superscript",
    [RD_NODE_SUBSCRIPT] = "subscript",
    [RD_NODE_ELEMENT] = "element",
    [RD_NODE_FOOTNOTE_REF] = "footnote_ref",
    [RD_NODE_FOOTNOTE_DEF] = "footnote_def",
};

const char *rd_node_type_name(rd_node_type type)
{
    if ((unsigned)type >= RD_NODE_TYPE_COUNT)
        return "unknown";
    return type_names[type];
}

rd_node *rd_node_new(rd_doc *doc, rd_node_type type)
{
    rd_node *n = rd_arena_alloc(&doc->arena, sizeof *n);
    n->type = type;
    return n;
}

void rd_node_append(rd_node *parent, rd_node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last_child;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

void rd_node_insert_before(rd_node *sibling, rd_node *node)
{
    node->parent = sibling->parent;
    node->next = sibling;
    node->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = node;
    else if (sibling->parent)
        sibling->parent->first_child = node;
    sibling->prev = node;
}

void rd_node_unlink(rd_node *node)
{
    if (node->prev)
        node->prev->next = node->next;
    else if (node->parent)
        node->parent->first_child = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else if (node->parent)
        node->parent->last_child = node->prev;
    node->parent = node->prev = node->next = NULL;
}

void rd_node_list_add(rd_node_list *list, rd_node *node)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = rd_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->len++] = node;
}

void rd_node_set_pos(rd_doc *doc, rd_node *node, size_t offset)
{
    node->offset = offset;
    rd_doc_position(doc, offset, &node->line, &node->col);
}

rd_attr **rd_attr_tail(rd_attr **list)
{
    while (*list)
        list = &(*list)->next;
    return list;
}

rd_attr *rd_attr_add(rd_doc *doc, rd_attr ***tail, const char *name,
                     const char *value)
{
    rd_attr *a = rd_arena_alloc(&doc->arena, sizeof *a);
    a->name = name;
    a->value = value;
    **tail = a;
    *tail = &a->next;
    return a;
}

const char *rd_node_attr(const rd_node *node, const char *name)
{
    for (const rd_attr *a = node->attrs; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a->value;
    return NULL;
}

int rd_node_is_block(const rd_node *node)
{
    switch (node->type) {
    case RD_NODE_DOCUMENT: case RD_NODE_PARAGRAPH: case RD_NODE_HEADING:
    case RD_NODE_THEMATIC_BREAK: case RD_NODE_BLOCK_QUOTE: case RD_NODE_LIST:
    case RD_NODE_ITEM: case RD_NODE_CODE_BLOCK: case RD_NODE_HTML_BLOCK:
    case RD_NODE_TABLE: case RD_NODE_TABLE_HEAD: case RD_NODE_TABLE_BODY:
    case RD_NODE_TABLE_ROW: case RD_NODE_TABLE_CELL: case RD_NODE_LIQUID:
    case RD_NODE_FIGURE: case RD_NODE_FIGCAPTION: case RD_NODE_FOOTNOTE_DEF:
        return 1;
    case RD_NODE_ELEMENT:
        /* An element is a block when it holds blocks or stands among them. */
        for (const rd_node *c = node->first_child; c; c = c->next)
            if (rd_node_is_block(c))
                return 1;
        return node->parent && node->parent->type == RD_NODE_HTML_BLOCK;
    default:
        return 0;
    }
}

/* ---------------------------------------------------------------- walker */

void rd_iter_init(rd_iter *it, rd_node *root)
{
    it->root = root;
    it->cur = NULL;
    it->ev = RD_EVENT_DONE;
    it->skip = 0;
}

rd_event rd_iter_next(rd_iter *it, rd_node **node)
{
    return rd_iter_step(it, node);
}

void rd_iter_skip_children(rd_iter *it)
{
    if (it->cur && it->ev == RD_EVENT_ENTER)
        it->skip = 1;
}

/* ----------------------------------------------------------------- text */

/* The text of node; with blocks_apart, the blocks inside it (paragraphs of
 * an item, nested lists) are kept apart by a blank on either side. */
static void node_text(const rd_node *node, rd_buf *out, bool blocks_apart)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)node);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (blocks_apart && n != node && rd_node_is_block(n)) {
            rd_buf_putc(out, ' ');
            continue;
        }
        if (ev != RD_EVENT_ENTER)
            continue;
        switch (n->type) {
        case RD_NODE_TEXT: case RD_NODE_ENTITY: case RD_NODE_CODE:
            rd_buf_put(out, n->literal, n->literal_len);
            break;
        case RD_NODE_SOFTBREAK: case RD_NODE_LINEBREAK:
            rd_buf_putc(out, ' ');
            break;
        case RD_NODE_IMAGE:
            if (n->flags & RD_FLAG_HTML)
                rd_buf_puts(out, n->alt ? n->alt : "");
            break;
        default:
            break;      /* raw HTML: its parsed children carry the text */
        }
    }
}

void rd_node_text(const rd_node *node, rd_buf *out)
{
    node_text(node, out, false);
}

void rd_node_block_text(const rd_node *node, rd_buf *out)
{
    node_text(node, out, true);
}

const rd_node *rd_doc_title_node(const rd_doc *doc)
{
    const rd_node *n = doc->root ? doc->root->first_child : NULL;
    while (n && n->type == RD_NODE_HTML_BLOCK && (n->flags & RD_FLAG_COMMENT))
        n = n->next;
    return n && n->type == RD_NODE_HEADING && n->level == 1 ? n : NULL;
}

const char *rd_doc_title(const rd_doc *doc)
{
    for (rd_node *n = doc->root ? doc->root->first_child : NULL; n; n = n->next) {
        if (n->type == RD_NODE_HEADING && n->level == 1) {
            rd_buf b;
            rd_buf_init(&b);
            rd_node_text(n, &b);
            char *t = rd_doc_strndup((rd_doc *)doc, b.data ? b.data : "", b.len);
            rd_buf_free(&b);
            return t;
        }
    }
    return rd_doc_meta_get(doc, "title");
}
