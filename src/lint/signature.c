/* The content of a page as one canonical string, to tell whether a fix
 * kept it: its blocks, inlines, text and targets, with the differences that
 * do not show left out. Blanks are collapsed to one space; a space at the
 * edge of an inline (emphasis, link) counts as standing just outside it,
 * and one at the edge of a block counts for nothing; heading levels are
 * left out (heading-increment changes them and nothing else). So
 * "**formes&#x20;**_x_" and "**formes** _x_" give the same string, and
 * "C_ustomer_" (no emphasis any more) does not give the string of
 * "&#x43;_&#x75;stomer_". */
#include "engine.h"

#include <string.h>

/* Markers stand between bytes that text never holds. */
#define MARK '\x01'
#define END_MARK '\x02'

typedef struct {
    rd_buf *out;
    bool fresh;              /* nothing shown yet in the current block */
    bool space;              /* a space seen, not written yet */
    rd_buf opens;            /* inline openers seen, not written yet */
    bool space_before_opens; /* a space came after them */
} canon;

/* One space, never two in a row, none before anything is shown in a
 * block (a browser shows none there). */
static void write_space(canon *c)
{
    if (!c->fresh && (!c->out->len || c->out->data[c->out->len - 1] != ' '))
        rd_buf_putc(c->out, ' ');
}

/* Writes what is pending before a piece of content: the space (moved
 * out, before the openers it came after), then the openers. */
static void flush(canon *c)
{
    if (c->space || c->space_before_opens)
        write_space(c);
    c->space = c->space_before_opens = false;
    if (c->opens.len)
        rd_buf_put(c->out, c->opens.data, c->opens.len);
    c->opens.len = 0;
}

static void put_space(canon *c)
{
    if (c->opens.len)
        c->space_before_opens = true;
    else
        c->space = true;
}

static void put_text(canon *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            put_space(c);
        } else {
            flush(c);
            rd_buf_putc(c->out, s[i]);
            c->fresh = false;
        }
    }
}

/* A marker: its kind and what it names (a type, a target). */
static void marker(rd_buf *b, char kind, const char *name, const char *extra)
{
    rd_buf_putc(b, MARK);
    rd_buf_putc(b, kind);
    rd_buf_puts(b, name ? name : "");
    if (extra) {
        rd_buf_putc(b, ' ');
        rd_buf_puts(b, extra);
    }
    rd_buf_putc(b, END_MARK);
}

/* What a node is, beyond its type: its target, its raw text. */
static const char *detail(const rd_node *n)
{
    switch (n->type) {
    case RD_NODE_LINK:
    case RD_NODE_IMAGE:
        return n->url;
    case RD_NODE_LIQUID:
    case RD_NODE_ELEMENT:
        return n->name;
    default:
        return NULL;
    }
}

static bool is_atom(const rd_node *n)
{
    return n->type == RD_NODE_CODE || n->type == RD_NODE_CODE_BLOCK ||
           n->type == RD_NODE_HTML_BLOCK || n->type == RD_NODE_HTML_INLINE ||
           n->type == RD_NODE_IMAGE;
}

/* An atom keeps its raw text as it is (code, raw HTML, an image's alt). */
static void put_atom(canon *c, const rd_node *n)
{
    flush(c);
    c->fresh = false;
    marker(c->out, 'a', rd_node_type_name(n->type), detail(n));
    if (n->literal)
        rd_buf_put(c->out, n->literal, n->literal_len);
    if (n->alt)
        rd_buf_puts(c->out, n->alt);
    rd_buf_putc(c->out, END_MARK);
}

static void enter(canon *c, const rd_node *n)
{
    const char *type = rd_node_type_name(n->type);
    if (n->type == RD_NODE_TEXT || n->type == RD_NODE_ENTITY) {
        put_text(c, n->literal, n->literal_len);
    } else if (n->type == RD_NODE_SOFTBREAK) {
        put_space(c);
    } else if (rd_node_is_block(n)) {
        c->space = c->space_before_opens = false;   /* nothing at an edge */
        flush(c);
        marker(c->out, 'b', type, detail(n));
        c->fresh = true;
    } else if (n->type == RD_NODE_LINEBREAK || !n->first_child) {
        flush(c);
        marker(c->out, 'i', type, detail(n));
        c->fresh = false;
    } else {
        if (c->space && !c->opens.len) {
            write_space(c);
            c->space = false;
        }
        marker(&c->opens, 'o', type, detail(n));
    }
}

static void leave(canon *c, const rd_node *n)
{
    if (rd_node_is_block(n)) {
        c->space = c->space_before_opens = false;
        c->opens.len = 0;                 /* an empty inline at the end */
        marker(c->out, 'e', rd_node_type_name(n->type), NULL);
    } else if (n->first_child && n->type != RD_NODE_LINEBREAK) {
        if (c->opens.len)
            flush(c);                     /* an empty inline: written */
        marker(c->out, 'c', NULL, NULL);  /* a space before it stays pending */
    }
}

void rd_content_signature(const rd_doc *doc, rd_buf *out)
{
    canon c = { .out = out };
    rd_buf_init(&c.opens);
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER && is_atom(n)) {
            put_atom(&c, n);
            rd_iter_skip_children(&it);
            (void)rd_iter_step(&it, &n);  /* its exit */
        } else if (ev == RD_EVENT_ENTER) {
            enter(&c, n);
        } else if (n->first_child || rd_node_is_block(n)) {
            leave(&c, n);
        }
    }
    rd_buf_free(&c.opens);
    rd_buf_puts(out, "");
}
