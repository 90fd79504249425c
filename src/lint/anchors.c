/* The anchors of a page, which its same-page links ("#section") point to:
 * its headings (under the anchor GitBook gives them, which differs from one
 * editor to the next in its separators, so anchors are matched on their
 * letters and digits, case and accents folded), its raw HTML anchors
 * (<a id="…">, <a name="…">) and its footnotes. */
#include "anchors.h"

#include <stdlib.h>
#include <string.h>

void rd_anchor_key(const char *s, size_t len, rd_buf *out)
{
    rd_buf folded;
    rd_buf_init(&folded);
    rd_fold(s, len, &folded);
    rd_buf_put(out, "", 0);
    for (size_t i = 0; i < folded.len; i++) {
        unsigned char c = (unsigned char)folded.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            rd_buf_putc(out, (char)c);
    }
    rd_buf_free(&folded);
}

static void add_key(rd_anchor_set *set, const char *s, size_t len)
{
    rd_buf key;
    rd_buf_init(&key);
    rd_anchor_key(s, len, &key);
    if (key.len)
        rd_strmap_put(&set->keys, key.data);
    rd_buf_free(&key);
}

static void add_node(rd_anchor_set *set, const rd_node *n)
{
    if (n->type == RD_NODE_HEADING) {
        rd_buf text;
        rd_buf_init(&text);
        rd_node_text(n, &text);
        add_key(set, text.data ? text.data : "", text.len);
        rd_buf_free(&text);
    } else if (n->type == RD_NODE_FOOTNOTE_DEF) {
        char id[48];
        int len = snprintf(id, sizeof id, "fn-%u", n->list_start);
        add_key(set, id, (size_t)len);
    } else if (n->type == RD_NODE_FOOTNOTE_REF) {
        char id[48];
        int len = snprintf(id, sizeof id, "fnref-%u", n->list_start);
        add_key(set, id, (size_t)len);
    }
    if (!(n->flags & RD_FLAG_HTML) || n->type != RD_NODE_LINK)
        return;     /* outputs keep the ids of anchors only */
    const char *id = rd_node_attr(n, "id");
    const char *name = rd_node_attr(n, "name");
    if (id)
        add_key(set, id, strlen(id));
    if (name)
        add_key(set, name, strlen(name));
}

void rd_anchor_set_build(rd_anchor_set *set, const rd_doc *doc)
{
    memset(set, 0, sizeof *set);
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER)
            add_node(set, n);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool rd_anchor_set_has(const rd_anchor_set *set, const char *fragment)
{
    rd_buf decoded, key;
    rd_buf_init(&decoded);
    rd_buf_init(&key);
    for (const char *s = fragment; *s; s++) {
        int hi, lo;
        if (s[0] == '%' && (hi = hex_value(s[1])) >= 0 && (lo = hex_value(s[2])) >= 0) {
            rd_buf_putc(&decoded, (char)(hi * 16 + lo));
            s += 2;
        } else {
            rd_buf_putc(&decoded, *s);
        }
    }
    rd_anchor_key(decoded.data ? decoded.data : "", decoded.len, &key);
    bool found = key.len == 0 || rd_strmap_find(&set->keys, key.data) != NULL;
    rd_buf_free(&decoded);
    rd_buf_free(&key);
    return found;
}

void rd_anchor_set_free(rd_anchor_set *set)
{
    rd_strmap_free(&set->keys);
}
