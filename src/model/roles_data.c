/* What the role outputs say of a role (see roles_data.h). */
#include "roles_data.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

char *rd_roles_flat_text(const rd_node *n)
{
    rd_buf raw, out;
    rd_buf_init(&raw);
    rd_buf_init(&out);
    rd_node_block_text(n, &raw);
    bool space = false;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = out.len > 0;
            continue;
        }
        if (space)
            rd_buf_putc(&out, ' ');
        space = false;
        rd_buf_putc(&out, c);
    }
    rd_buf_free(&raw);
    if (!out.data)
        rd_buf_puts(&out, "");
    return rd_buf_detach(&out, NULL);
}

const char *rd_roles_image_alt(const rd_node *img, rd_buf *scratch)
{
    if (img->alt && *img->alt)
        return img->alt;
    scratch->len = 0;
    rd_node_text(img, scratch);
    return scratch->data ? scratch->data : "";
}

int rd_roles_level(const rd_role *role)
{
    const rd_node *n = rd_role_title_node(role);
    return n && n->type == RD_NODE_HEADING ? n->level : 0;
}

/* ------------------------------------------------------------ entries */

static void add_entry(rd_part_entries *e, const rd_node *node, bool item)
{
    char *text = rd_roles_flat_text(node);
    if (!*text) {
        free(text);
        return;
    }
    if (e->len == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 8;
        e->v = rd_xrealloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->len++] = (rd_part_entry){ node, item, text };
}

static bool is_item(const rd_role_part *part, const rd_node *n)
{
    for (size_t i = 0; i < rd_part_item_count(part); i++)
        if (rd_part_item(part, i) == n)
            return true;
    return false;
}

void rd_roles_part_entries(const rd_role_part *part, rd_part_entries *e)
{
    memset(e, 0, sizeof *e);
    for (const rd_node *n = rd_part_first(part); n; n = n->next) {
        if (n->type == RD_NODE_LIST) {
            for (const rd_node *item = n->first_child; item; item = item->next)
                if (item->type == RD_NODE_ITEM)
                    add_entry(e, item, true);
        } else if (!(n->flags & RD_FLAG_COMMENT)) {
            add_entry(e, n, is_item(part, n));
        }
        if (n == rd_part_last(part))
            break;
    }
}

void rd_roles_free_entries(rd_part_entries *e)
{
    for (size_t i = 0; i < e->len; i++)
        free(e->v[i].text);
    free(e->v);
    memset(e, 0, sizeof *e);
}

/* The end of the first sentence of s: a full stop, question or
 * exclamation mark followed by a blank (or the end). */
static size_t sentence_end(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (strchr(".!?", s[i]) && (s[i + 1] == ' ' || s[i + 1] == '\0'))
            return i + 1;
    return strlen(s);
}

char *rd_roles_first_sentence(const rd_role_part *part)
{
    rd_part_entries e;
    rd_roles_part_entries(part, &e);
    const char *text = "";
    for (size_t i = 0; i < e.len && !*text; i++)
        if (!e.v[i].item)
            text = e.v[i].text;
    if (!*text && e.len)
        text = e.v[0].text;
    char *first = strndup(text, sentence_end(text));
    rd_roles_free_entries(&e);
    if (!first)
        abort();
    return first;
}
