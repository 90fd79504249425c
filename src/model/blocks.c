/* The page as the role model reads it: its blocks in page order, each
 * heading and bold paragraph read as a label, a role title or neither
 * (docs/roles.md, "Sections and regions", "Parts").
 *
 * The walk goes into the blocks that hold blocks (hints, tabs, steps, raw
 * HTML divisions and figures) and stops at those whose content is not the
 * page's own structure: lists (their items are a part's items), tables,
 * code, and block quotes (quoted material). */
#include "model_int.h"
#include "titles.h"

#include <stdlib.h>
#include <string.h>

static bool is_blank_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;             /* no-break space, as &nbsp; or &#xa0; give */
            continue;
        }
        return false;
    }
    return true;
}

/* Text between bold runs that leaves a paragraph bold only: blanks,
 * punctuation, inclusive markers ("**un**·**e**"), no letter or digit. */
static bool is_filler_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9')))
            continue;
        if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xA0 ||
                                       (unsigned char)s[i + 1] == 0xB7)) {
            i++;             /* no-break space, middle dot */
            continue;
        }
        return false;
    }
    return true;
}

/* Whether the inlines under n are all bold (or filler between bold runs),
 * emphasis and links that hold only bold counting as bold; *bold is set
 * when a bold run is met. */
static bool all_bold(const rd_node *n, bool *bold)
{
    for (const rd_node *c = n->first_child; c; c = c->next) {
        switch (c->type) {
        case RD_NODE_STRONG:
            *bold = true;
            break;
        case RD_NODE_EMPH: case RD_NODE_LINK:
            if (!all_bold(c, bold))
                return false;
            break;
        case RD_NODE_TEXT: case RD_NODE_ENTITY:
            if (!is_filler_text(c->literal, c->literal_len))
                return false;
            break;
        case RD_NODE_SOFTBREAK: case RD_NODE_LINEBREAK:
            break;
        default:
            return false;
        }
    }
    return true;
}

/* Whether a paragraph holds only bold text, blanks, punctuation and
 * breaks ("**Mission**", "_**Key Account Manager**_", a bold link). */
bool rd_is_bold_paragraph(const rd_node *para)
{
    bool bold = false;
    return all_bold(para, &bold) && bold;
}

static const rd_node *first_image(const rd_node *para)
{
    for (const rd_node *c = para->first_child; c; c = c->next) {
        if (c->type == RD_NODE_IMAGE)
            return c;
        if (c->type == RD_NODE_LINK && c->first_child &&
            c->first_child->type == RD_NODE_IMAGE)
            return c->first_child;
    }
    return NULL;
}

/* ------------------------------------------------------------ titles */

/* Leading characters that are no part of a title's words: emoji, symbols,
 * joiners and blanks. Letters (of any Latin script), digits and opening
 * punctuation stay. */
static size_t leading_symbols(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = rd_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        bool keep = (cp < 0x80 && cp != ' ' && cp != '\t') ||
                    (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
        if (keep)
            break;
        i += len;
    }
    return i;
}

size_t rd_blk_title_text(const rd_node *node, rd_buf *out)
{
    out->len = 0;
    rd_buf raw;
    rd_buf_init(&raw);
    rd_node_text(node, &raw);
    const char *s = raw.data ? raw.data : "", *start = s;
    size_t n = raw.len;
    for (;;) {                   /* blanks and symbols, then numbering */
        size_t skip = leading_symbols(s, n);
        skip += rd_title_numbering_len(s + skip);   /* s is NUL-terminated */
        if (!skip)
            break;
        s += skip;
        n -= skip;
    }
    while (n && is_blank_text(s + n - 1, 1))
        n--;
    while (n >= 2 && is_blank_text(s + n - 2, 2))
        n -= 2;
    size_t skipped = (size_t)(s - start);
    rd_buf_put(out, s, n);
    if (!out->data)
        rd_buf_puts(out, "");
    rd_buf_free(&raw);
    return skipped;
}

/* ------------------------------------------------------------ reading */

typedef struct {
    rd_blks *b;
    const rd_vocab *v;
    rd_buf text;
    rd_words all, only;
} reader;

static void classify(reader *r, rd_blk *blk)
{
    rd_blk_title_text(blk->node, &r->text);
    rd_words_split(&r->all, r->text.data, r->text.len);
    rd_words_only(&r->only, &r->all);
    const rd_phrase *label = rd_vocab_label_of(r->v, &r->only);
    if (label) {
        blk->label = label->part;
        blk->label_phrase = label;
        return;
    }
    rd_title_read t;
    rd_title_read_text(r->v, r->text.data, &t);
    blk->title = t.kind;
}

static void add(reader *r, const rd_node *n, rd_blk_kind kind)
{
    rd_blks *b = r->b;
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->items = rd_xrealloc(b->items, b->cap * sizeof *b->items);
    }
    rd_blk *blk = &b->items[b->n++];
    *blk = (rd_blk){ .node = n, .kind = kind, .label = RD_NO_LABEL };
    if (kind == RD_BLK_HEADING || kind == RD_BLK_STRONG) {
        blk->level = kind == RD_BLK_HEADING ? n->level : 7;
        classify(r, blk);
    } else if (kind == RD_BLK_PARAGRAPH) {
        blk->image = first_image(n);
    }
}

/* Records n when it is a block of its own; returns whether to go into its
 * children. */
static bool visit(reader *r, const rd_node *n)
{
    switch (n->type) {
    case RD_NODE_DOCUMENT: case RD_NODE_FIGURE:
        return true;
    case RD_NODE_HEADING:
        add(r, n, RD_BLK_HEADING);
        return false;
    case RD_NODE_PARAGRAPH:
        add(r, n, rd_is_bold_paragraph(n) ? RD_BLK_STRONG : RD_BLK_PARAGRAPH);
        return false;
    case RD_NODE_LIST:
        add(r, n, RD_BLK_LIST);
        return false;
    case RD_NODE_IMAGE:
        add(r, n, RD_BLK_IMAGE);
        return false;
    case RD_NODE_HTML_BLOCK: case RD_NODE_ELEMENT:
        return !(n->flags & RD_FLAG_COMMENT);
    case RD_NODE_LIQUID:
        if (n->liquid == RD_LIQUID_HINT) {
            add(r, n, RD_BLK_HINT);
            return true;
        }
        if (n->liquid == RD_LIQUID_TABS || n->liquid == RD_LIQUID_TAB ||
            n->liquid == RD_LIQUID_STEPPER || n->liquid == RD_LIQUID_STEP)
            return true;
        add(r, n, RD_BLK_OTHER);
        return false;
    case RD_NODE_BLOCK_QUOTE: case RD_NODE_TABLE: case RD_NODE_CODE_BLOCK:
        add(r, n, RD_BLK_OTHER);
        return false;
    default:
        return false;            /* inlines, breaks, captions */
    }
}

void rd_blks_read(rd_blks *b, const rd_node *root, const rd_vocab *v)
{
    memset(b, 0, sizeof *b);
    if (!root)
        return;
    reader r = { .b = b, .v = v };
    rd_buf_init(&r.text);
    rd_words_init(&r.all);
    rd_words_init(&r.only);
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && !visit(&r, n))
            rd_iter_skip_children(&it);
    rd_buf_free(&r.text);
    rd_words_free(&r.all);
    rd_words_free(&r.only);
}

void rd_blks_free(rd_blks *b)
{
    free(b->items);
    memset(b, 0, sizeof *b);
}

bool rd_node_within(const rd_node *node, const rd_node *container)
{
    for (const rd_node *n = node; n; n = n->parent)
        if (n == container)
            return true;
    return false;
}

bool rd_blk_is_family_level(const rd_blk *b)
{
    return b->kind == RD_BLK_STRONG && b->label == RD_NO_LABEL &&
           b->title == RD_TITLE_NONE;
}
