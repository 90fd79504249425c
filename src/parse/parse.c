/* md4c callbacks → document tree.
 *
 * md4c reports blocks and spans without positions, but hands text as
 * pointers into the input buffer. A node entered without a position waits on
 * a stack of pending nodes; the first text that arrives inside it gives an
 * offset, and each pending node, innermost first, steps back from its
 * child's offset over its own markup ("## ", "* ", "**", "[") to find where
 * it starts. Nodes holding no text at all are placed at the next non-blank
 * character after the last text seen.
 *
 * Why one file of this size: md4c's callbacks share the parser's state (the open node, the text
 * waiting for a position), so they stay together.
 */
#include "internal.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    rd_doc *doc;
    const char *work;        /* parser's copy: same offsets as doc->bytes */
    rd_liquid_tags tags;

    rd_node *cur;            /* node receiving children */
    unsigned depth;
    unsigned overflow;       /* levels entered beyond the depth limit */

    rd_node **pending;       /* nodes waiting for a position, outermost first */
    size_t npending, cappending;
    size_t cursor;           /* end of the last text seen */

    /* Text of the current text run, code block, code span or HTML. */
    rd_buf acc;
    rd_node *acc_node;

    /* HTML block being read (md4c's HTML block may hold liquid markers). */
    bool in_html_block;
    rd_node *html_node;
    size_t html_last_tag;    /* tags below this index are already used */
    bool skip_newline;       /* drop the "\n" that follows a marker line */

    bool in_code_block;

    /* md4c gives tight list items their text without a paragraph; the tree
     * always has one (list_tight says how to render it), as in cmark. */
    rd_node *implicit_para;
} parser;

/* ---------------------------------------------------------- positions */

static bool in_buffer(const parser *p, const char *text)
{
    return text >= p->work && text < p->work + p->doc->size;
}

static size_t back_over(const char *buf, size_t off, const char *set,
                        size_t max)
{
    while (max && off > 0 && buf[off - 1] != '\n' && buf[off - 1] != '\r' &&
           strchr(set, buf[off - 1])) {
        off--;
        max--;
    }
    return off;
}

/* Where a node starts, given where its first child (or text) starts. */
static size_t start_from_child(const parser *p, const rd_node *n, size_t off)
{
    const char *b = p->work;
    switch (n->type) {
    case RD_NODE_EMPH:
        return back_over(b, off, "*_", 1);
    case RD_NODE_STRONG:
        return back_over(b, off, "*_", 2);
    case RD_NODE_STRIKETHROUGH:
        return back_over(b, off, "~", 2);
    case RD_NODE_LINK:
        return back_over(b, off, "[<", 1);
    case RD_NODE_IMAGE:
        off = back_over(b, off, "[", 1);
        return back_over(b, off, "!", 1);
    case RD_NODE_CODE:
        off = back_over(b, off, " ", 1);
        return back_over(b, off, "`", SIZE_MAX);
    case RD_NODE_HEADING:
        off = back_over(b, off, " \t", SIZE_MAX);
        return back_over(b, off, "#", 6);
    case RD_NODE_ITEM:
        off = back_over(b, off, " \t", SIZE_MAX);
        if (n->task && off >= 3 && b[off - 1] == ']')
            off = back_over(b, off - 3, " \t", SIZE_MAX);
        if (off > 0 && strchr("-*+", b[off - 1]))
            return off - 1;
        off = back_over(b, off, ".)", 1);
        return back_over(b, off, "0123456789", 9);
    case RD_NODE_BLOCK_QUOTE:
        off = back_over(b, off, " \t", SIZE_MAX);
        return back_over(b, off, ">", 1);
    case RD_NODE_TABLE_CELL:
        off = back_over(b, off, " \t", SIZE_MAX);
        return back_over(b, off, "|", 1);
    default:
        return off;
    }
}

static void resolve_pending(parser *p, size_t off)
{
    while (p->npending) {
        rd_node *n = p->pending[--p->npending];
        off = start_from_child(p, n, off);
        rd_node_set_pos(p->doc, n, off);
    }
}

/* The next character that is not blank, a line break or a quote marker. */
static size_t next_content(const parser *p, size_t off)
{
    while (off < p->doc->size && strchr(" \t\r\n>", p->work[off]))
        off++;
    return off < p->doc->size ? off : p->doc->size;
}

static void note_text(parser *p, const char *text, size_t size)
{
    if (!in_buffer(p, text))
        return;
    size_t off = (size_t)(text - p->work);
    if (p->npending)
        resolve_pending(p, off);
    if (off + size > p->cursor)
        p->cursor = off + size;
}

static void push_pending(parser *p, rd_node *n)
{
    if (p->npending == p->cappending) {
        p->cappending = p->cappending ? p->cappending * 2 : 32;
        p->pending = rd_xrealloc(p->pending, p->cappending * sizeof *p->pending);
    }
    p->pending[p->npending++] = n;
}

/* A node left without any text: placed after the last text seen. */
static void resolve_empty(parser *p, rd_node *n)
{
    if (!p->npending || p->pending[p->npending - 1] != n)
        return;
    resolve_pending(p, next_content(p, p->cursor));
}

/* ------------------------------------------------- implicit paragraphs */

static void open_implicit_para(parser *p)
{
    if (p->cur->type != RD_NODE_ITEM)
        return;
    rd_node *para = rd_node_new(p->doc, RD_NODE_PARAGRAPH);
    rd_node_append(p->cur, para);
    p->cur = para;
    p->depth++;
    p->implicit_para = para;
    push_pending(p, para);
}

static void flush_text(parser *p);

static void close_implicit_para(parser *p)
{
    if (!p->implicit_para || p->cur != p->implicit_para)
        return;
    flush_text(p);
    resolve_empty(p, p->cur);
    p->cur = p->cur->parent;
    p->depth--;
    p->implicit_para = NULL;
}

/* ---------------------------------------------------------- text runs */

static void flush_text(parser *p)
{
    if (!p->acc_node)
        return;
    rd_node *n = p->acc_node;
    n->literal = rd_doc_page_text(p->doc, p->acc.data ? p->acc.data : "",
                                  p->acc.len, &n->literal_len);
    p->acc.len = 0;
    p->acc_node = NULL;
}

static rd_node *add_leaf(parser *p, rd_node_type type, size_t offset)
{
    rd_node *n = rd_node_new(p->doc, type);
    rd_node_set_pos(p->doc, n, offset);
    rd_node_append(p->cur, n);
    return n;
}

static void append_text(parser *p, const char *text, size_t size)
{
    if (!p->acc_node || p->acc_node->type != RD_NODE_TEXT) {
        flush_text(p);
        size_t off = in_buffer(p, text) ? (size_t)(text - p->work) : p->cursor;
        p->acc_node = add_leaf(p, RD_NODE_TEXT, off);
    }
    /* The page's own bytes: the parser's copy hides some. */
    if (in_buffer(p, text))
        text = p->doc->bytes + (text - p->work);
    rd_buf_put(&p->acc, text, size);
}

/* Text of a code block or HTML, taken from the original bytes so that the
 * liquid tags the parser's copy hides reappear inside code. */
static void append_verbatim(parser *p, const char *text, size_t size)
{
    if (in_buffer(p, text))
        text = p->doc->bytes + (text - p->work);
    rd_buf_put(&p->acc, text, size);
}

/* ------------------------------------------------------------ entities */

typedef struct {
    const char *name;
    const char *utf8;
} entity;

static const entity entities[] = {
#include "entities.inc"
};

static int entity_cmp(const void *key, const void *e)
{
    return strcmp(key, ((const entity *)e)->name);
}

static void decode_entity(const char *s, size_t n, rd_buf *out)
{
    uint32_t cp = 0;
    if (n >= 4 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        for (size_t i = hex ? 3 : 2; i + 1 < n && cp <= 0x10FFFF; i++) {
            char c = s[i];
            unsigned d = (c >= '0' && c <= '9') ? (unsigned)(c - '0')
                       : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
                       : (unsigned)(c - 'A' + 10);
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        rd_utf8_encode(cp, out);
        return;
    }
    char name[64];
    if (n >= 3 && n - 2 < sizeof name) {
        memcpy(name, s + 1, n - 2);
        name[n - 2] = '\0';
        const entity *e = bsearch(name, entities,
                                  sizeof entities / sizeof entities[0],
                                  sizeof entities[0], entity_cmp);
        if (e) {
            rd_buf_puts(out, e->utf8);
            return;
        }
    }
    rd_buf_put(out, s, n);
}

/* An md4c attribute (link target, title, info string) as plain text. */
static const char *attr_text(parser *p, const MD_ATTRIBUTE *a)
{
    if (!a->text || !a->size)
        return NULL;
    rd_buf b;
    rd_buf_init(&b);
    for (unsigned i = 0; a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        if (in_buffer(p, s))
            s = p->doc->bytes + (s - p->work);  /* as written, not as hidden */
        switch (a->substr_types[i]) {
        case MD_TEXT_ENTITY:
            decode_entity(s, n, &b);
            break;
        case MD_TEXT_NULLCHAR:
            rd_buf_puts(&b, "\xEF\xBF\xBD");
            break;
        default:
            rd_buf_put(&b, s, n);
        }
    }
    char *t = rd_doc_page_text(p->doc, b.data ? b.data : "", b.len, NULL);
    rd_buf_free(&b);
    return t;
}

/* -------------------------------------------------------------- blocks */

/* md4c 0.4.8 may report leaving a span it never entered (a bare URL
 * followed by strong emphasis): such a leave (of a span or a block) is ignored rather than
 * allowed to close an enclosing node. */
static bool leaves_current(const parser *p, rd_node_type type)
{
    return p->cur != p->doc->root && p->cur->type == type;
}

static const rd_node_type block_types[] = {
    [MD_BLOCK_DOC] = RD_NODE_DOCUMENT,
    [MD_BLOCK_QUOTE] = RD_NODE_BLOCK_QUOTE,
    [MD_BLOCK_UL] = RD_NODE_LIST,
    [MD_BLOCK_OL] = RD_NODE_LIST,
    [MD_BLOCK_LI] = RD_NODE_ITEM,
    [MD_BLOCK_HR] = RD_NODE_THEMATIC_BREAK,
    [MD_BLOCK_H] = RD_NODE_HEADING,
    [MD_BLOCK_CODE] = RD_NODE_CODE_BLOCK,
    [MD_BLOCK_HTML] = RD_NODE_HTML_BLOCK,
    [MD_BLOCK_P] = RD_NODE_PARAGRAPH,
    [MD_BLOCK_TABLE] = RD_NODE_TABLE,
    [MD_BLOCK_THEAD] = RD_NODE_TABLE_HEAD,
    [MD_BLOCK_TBODY] = RD_NODE_TABLE_BODY,
    [MD_BLOCK_TR] = RD_NODE_TABLE_ROW,
    [MD_BLOCK_TH] = RD_NODE_TABLE_CELL,
    [MD_BLOCK_TD] = RD_NODE_TABLE_CELL,
};

static const rd_align aligns[] = {
    [MD_ALIGN_DEFAULT] = RD_ALIGN_NONE,
    [MD_ALIGN_LEFT] = RD_ALIGN_LEFT,
    [MD_ALIGN_CENTER] = RD_ALIGN_CENTER,
    [MD_ALIGN_RIGHT] = RD_ALIGN_RIGHT,
};

static void fill_block(parser *p, rd_node *n, MD_BLOCKTYPE type, void *detail)
{
    switch (type) {
    case MD_BLOCK_UL: {
        const MD_BLOCK_UL_DETAIL *d = detail;
        n->list_tight = d->is_tight;
        n->list_mark = d->mark;
        break;
    }
    case MD_BLOCK_OL: {
        const MD_BLOCK_OL_DETAIL *d = detail;
        n->list_ordered = 1;
        n->list_start = d->start;
        n->list_tight = d->is_tight;
        n->list_mark = d->mark_delimiter;
        break;
    }
    case MD_BLOCK_LI: {
        const MD_BLOCK_LI_DETAIL *d = detail;
        if (d->is_task)
            n->task = (d->task_mark == ' ') ? 1 : 2;
        break;
    }
    case MD_BLOCK_H:
        n->level = (int)((const MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_CODE: {
        const MD_BLOCK_CODE_DETAIL *d = detail;
        n->fence = d->fence_char;
        n->info = attr_text(p, &d->info);
        n->lang = attr_text(p, &d->lang);
        break;
    }
    case MD_BLOCK_TH:
        n->flags |= RD_FLAG_HEADER;
        /* fall through */
    case MD_BLOCK_TD:
        n->align = aligns[((const MD_BLOCK_TD_DETAIL *)detail)->align];
        break;
    default:
        break;
    }
}

/* A fenced code block starts on its fence line: found from the info string
 * or the line before the first line of code. */
static void place_code_block(parser *p, rd_node *n, const MD_BLOCK_CODE_DETAIL *d)
{
    if (!d->fence_char)
        return;     /* indented code: placed by its first text */
    size_t off;
    if (d->info.text && in_buffer(p, d->info.text)) {
        off = (size_t)(d->info.text - p->work);
        off = back_over(p->work, off, " \t", SIZE_MAX);
        off = back_over(p->work, off, "`~", SIZE_MAX);
    } else {
        /* The fence is the next run of fence characters after the cursor. */
        off = p->cursor;
        char f = d->fence_char;
        while (off + 2 < p->doc->size &&
               !(p->work[off] == f && p->work[off + 1] == f && p->work[off + 2] == f))
            off++;
    }
    /* Ancestors still waiting take their place from the fence too. */
    p->npending--;
    rd_node_set_pos(p->doc, n, off);
    resolve_pending(p, off);
    size_t after = off;
    while (after < p->doc->size && p->work[after] == d->fence_char)
        after++;
    if (after > p->cursor)
        p->cursor = after;
}

/* Moves the cursor past the closing fence of a fenced code block, so that
 * what follows is not placed on it. */
static void pass_closing_fence(parser *p, char fence)
{
    size_t off = p->cursor;
    while (off < p->doc->size && p->work[off] != '\n' && p->work[off] != '\r')
        off++;
    off = next_content(p, off);
    if (off + 2 < p->doc->size && p->work[off] == fence &&
        p->work[off + 1] == fence && p->work[off + 2] == fence) {
        while (off < p->doc->size && p->work[off] == fence)
            off++;
        p->cursor = off;
    }
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    flush_text(p);
    close_implicit_para(p);
    if (p->overflow || p->depth >= p->doc->max_depth) {
        if (!p->overflow++) {
            p->cur->flags |= RD_FLAG_TRUNCATED;
            rd_doc_add_diag(p->doc, "nesting-depth", RD_SEVERITY_WARNING,
                            next_content(p, p->cursor),
                            "nesting deeper than %u levels: the content below "
                            "is kept as text", p->doc->max_depth);
        }
        return 0;
    }
    if (type == MD_BLOCK_DOC) {
        rd_node_set_pos(p->doc, p->cur, 0);     /* the page starts at 1:1 */
        return 0;
    }
    if (type == MD_BLOCK_HTML) {
        /* Nodes are made as its lines arrive: it may hold liquid markers. */
        p->in_html_block = true;
        p->html_node = NULL;
        return 0;
    }
    rd_node *n = rd_node_new(p->doc, block_types[type]);
    fill_block(p, n, type, detail);
    rd_node_append(p->cur, n);
    p->cur = n;
    p->depth++;
    push_pending(p, n);
    if (type == MD_BLOCK_CODE) {
        p->in_code_block = true;
        place_code_block(p, n, detail);
    }
    return 0;
}

/* GitBook writes "\" at the end of a paragraph's line, and alone on a line,
 * for a line break; at the end of a paragraph it means nothing. */
static void drop_trailing_backslash(parser *p, rd_node *para)
{
    rd_node *last = para->last_child;
    if (!last || last->type != RD_NODE_TEXT || !last->literal_len ||
        last->literal[last->literal_len - 1] != '\\')
        return;
    size_t len = last->literal_len - 1;
    while (len && (last->literal[len - 1] == ' ' || last->literal[len - 1] == '\t'))
        len--;
    if (len) {
        last->literal_len = len;
        ((char *)last->literal)[len] = '\0';
        return;
    }
    last->type = RD_NODE_LINEBREAK;
    last->literal = NULL;
    last->literal_len = 0;
    (void)p;
}

static void finish_html_block(parser *p)
{
    flush_text(p);
    rd_node *n = p->html_node;
    if (!n)
        return;
    n->literal = rd_doc_page_text(p->doc, p->acc.data ? p->acc.data : "",
                                  p->acc.len, &n->literal_len);
    p->acc.len = 0;
    p->html_node = NULL;
    if (!(p->doc->flags & RD_PARSE_NO_HTML_TREE))
        rd_html_parse_block(p->doc, n, n->literal, n->literal_len, n->offset);
}

/* The text accumulated for a code block or span becomes its literal. */
static void take_literal(parser *p, rd_node *n)
{
    n->literal = rd_doc_page_text(p->doc, p->acc.data ? p->acc.data : "",
                                  p->acc.len, &n->literal_len);
    p->acc.len = 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    if (p->overflow) {
        p->overflow--;
        return 0;
    }
    if (type == MD_BLOCK_DOC) {
        flush_text(p);
        return 0;
    }
    if (type == MD_BLOCK_HTML) {
        finish_html_block(p);
        p->in_html_block = false;
        return 0;
    }
    close_implicit_para(p);
    if (!leaves_current(p, block_types[type]))
        return 0;
    rd_node *n = p->cur;
    if (type == MD_BLOCK_CODE) {
        take_literal(p, n);
        p->in_code_block = false;
        if (n->fence)
            pass_closing_fence(p, n->fence);
    } else {
        flush_text(p);
    }
    resolve_empty(p, n);
    if (type == MD_BLOCK_P && !(p->doc->flags & RD_PARSE_COMMONMARK))
        drop_trailing_backslash(p, n);
    if (type == MD_BLOCK_H && n->line &&
        !(n->offset < p->doc->size && p->work[n->offset] == '#'))
        n->flags |= RD_FLAG_SETEXT;
    (void)detail;
    p->cur = n->parent;
    p->depth--;
    return 0;
}

/* --------------------------------------------------------------- spans */

static rd_node_type span_node_type(MD_SPANTYPE type)
{
    switch (type) {
    case MD_SPAN_EM: return RD_NODE_EMPH;
    case MD_SPAN_STRONG: return RD_NODE_STRONG;
    case MD_SPAN_DEL: return RD_NODE_STRIKETHROUGH;
    case MD_SPAN_A: return RD_NODE_LINK;
    case MD_SPAN_IMG: return RD_NODE_IMAGE;
    case MD_SPAN_CODE: return RD_NODE_CODE;
    default: return RD_NODE_ELEMENT;     /* extensions not enabled */
    }
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    flush_text(p);
    if (p->overflow || p->depth >= p->doc->max_depth) {
        p->overflow++;
        return 0;
    }
    open_implicit_para(p);
    rd_node_type t = span_node_type(type);
    rd_node *n = rd_node_new(p->doc, t);
    if (type == MD_SPAN_A) {
        const MD_SPAN_A_DETAIL *d = detail;
        n->url = attr_text(p, &d->href);
        n->title = attr_text(p, &d->title);
    } else if (type == MD_SPAN_IMG) {
        const MD_SPAN_IMG_DETAIL *d = detail;
        n->url = attr_text(p, &d->src);
        n->title = attr_text(p, &d->title);
    }
    if (!n->url && (t == RD_NODE_LINK || t == RD_NODE_IMAGE))
        n->url = "";
    rd_node_append(p->cur, n);
    p->cur = n;
    p->depth++;
    push_pending(p, n);
    if (t == RD_NODE_CODE)
        p->acc_node = n;
    return 0;
}

/* An autolink (<https://…>, or a bare URL with GitHub's extension) is the
 * only kind of link that does not start with "[". */
static void mark_autolink(parser *p, rd_node *link)
{
    if (link->offset < p->doc->size && p->work[link->offset] != '[')
        link->flags |= RD_FLAG_AUTOLINK;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    parser *p = userdata;
    if (p->overflow) {
        p->overflow--;
        return 0;
    }
    if (!leaves_current(p, span_node_type(type)))
        return 0;
    rd_node *n = p->cur;
    if (type == MD_SPAN_CODE) {
        take_literal(p, n);
        p->acc_node = NULL;
    } else {
        flush_text(p);
    }
    resolve_empty(p, n);
    if (type == MD_SPAN_IMG) {
        rd_buf alt;
        rd_buf_init(&alt);
        rd_node_text(n, &alt);
        n->alt = rd_doc_strndup(p->doc, alt.data ? alt.data : "", alt.len);
        rd_buf_free(&alt);
    } else if (type == MD_SPAN_A) {
        mark_autolink(p, n);
    }
    (void)detail;
    p->cur = n->parent;
    p->depth--;
    return 0;
}

/* ---------------------------------------------------------------- text */

/* A line of an HTML block: either raw HTML, or a liquid tag line that the
 * scanner turned into a comment. */
static void html_block_text(parser *p, const char *text, size_t size)
{
    size_t off = in_buffer(p, text) ? (size_t)(text - p->work) : SIZE_MAX;
    const rd_liquid_tag *tag = off == SIZE_MAX ? NULL : rd_liquid_find(&p->tags, off);
    if (tag && tag->offset < off + size && size > 0) {
        finish_html_block(p);
        for (; tag < p->tags.tags + p->tags.len && tag->offset < off + size; tag++) {
            rd_node *m = rd_node_new(p->doc, RD_NODE_LIQUID);
            rd_liquid_fill(p->doc, m, tag);
            rd_node_append(p->cur, m);
        }
        p->skip_newline = true;
        note_text(p, text, size);
        return;
    }
    if (p->skip_newline && size == 1 && text[0] == '\n') {
        p->skip_newline = false;
        return;
    }
    p->skip_newline = false;
    if (!p->html_node) {
        rd_node *n = rd_node_new(p->doc, RD_NODE_HTML_BLOCK);
        rd_node_set_pos(p->doc, n, off == SIZE_MAX ? p->cursor : off);
        rd_node_append(p->cur, n);
        p->html_node = n;
        if (p->npending)
            resolve_pending(p, n->offset);
    }
    append_verbatim(p, text, size);
    note_text(p, text, size);
}

static void inline_html(parser *p, const char *text, size_t size)
{
    /* A tag that runs over several lines arrives in pieces. */
    rd_node *last = p->acc_node;
    if (last && last->type == RD_NODE_HTML_INLINE &&
        !(p->acc.len && p->acc.data[p->acc.len - 1] == '>')) {
        rd_buf_put(&p->acc, text, size);
        return;
    }
    flush_text(p);
    size_t off = in_buffer(p, text) ? (size_t)(text - p->work) : p->cursor;
    p->acc_node = add_leaf(p, RD_NODE_HTML_INLINE, off);
    rd_buf_put(&p->acc, text, size);
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size,
                   void *userdata)
{
    parser *p = userdata;
    if (p->in_html_block && !p->overflow) {
        html_block_text(p, text, size);
        return 0;
    }
    if (!p->overflow)
        open_implicit_para(p);
    note_text(p, text, size);
    if (p->in_code_block || (p->acc_node && p->acc_node->type == RD_NODE_CODE)) {
        if (type == MD_TEXT_NULLCHAR)
            rd_buf_puts(&p->acc, "\xEF\xBF\xBD");
        else
            append_verbatim(p, text, size);
        return 0;
    }
    size_t off = in_buffer(p, text) ? (size_t)(text - p->work) : p->cursor;
    switch (type) {
    case MD_TEXT_NULLCHAR:
        append_text(p, "\xEF\xBF\xBD", 3);
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        flush_text(p);
        add_leaf(p, type == MD_TEXT_BR ? RD_NODE_LINEBREAK : RD_NODE_SOFTBREAK, off);
        break;
    case MD_TEXT_ENTITY: {
        flush_text(p);
        rd_node *n = add_leaf(p, RD_NODE_ENTITY, off);
        rd_buf b;
        rd_buf_init(&b);
        decode_entity(text, size, &b);
        n->literal = rd_doc_page_text(p->doc, b.data, b.len, &n->literal_len);
        n->name = rd_doc_strndup(p->doc, text, size);
        rd_buf_free(&b);
        break;
    }
    case MD_TEXT_HTML:
        inline_html(p, text, size);
        break;
    default:
        append_text(p, text, size);
        break;
    }
    return 0;
}

/* ---------------------------------------------------------------- main */

static bool has_liquid_opener(const char *s, size_t n)
{
    const char *end = s + n;
    while ((s = memchr(s, '{', (size_t)(end - s))) != NULL) {
        if (s + 1 < end && s[1] == '%')
            return true;
        s++;
    }
    return false;
}

static unsigned md_flags(unsigned flags)
{
    if (flags & RD_PARSE_COMMONMARK) {
        if (flags & RD_PARSE_GFM)
            return MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;
        return 0;
    }
    return MD_DIALECT_GITHUB;
}

void rd_parse_markdown(rd_doc *doc)
{
    parser p = { 0 };
    p.doc = doc;
    rd_buf_init(&p.acc);
    doc->root = rd_node_new(doc, RD_NODE_DOCUMENT);
    p.cur = doc->root;
    p.cursor = doc->body;

    char *work = NULL;
    p.work = doc->bytes;
    bool gitbook = !(doc->flags & RD_PARSE_COMMONMARK);
    const char *body = doc->bytes + doc->body;
    size_t body_len = doc->size - doc->body;
    bool liquid = gitbook && has_liquid_opener(body, body_len);
    bool notes = gitbook && rd_footnote_has_defs(body, body_len);
    bool guard = gitbook && rd_link_guard(body, body_len, NULL) > 0;
    rd_footnote_defs defs = { 0 };
    if (liquid || notes || guard) {
        work = rd_xmalloc(doc->size + 1);
        memcpy(work, doc->bytes, doc->size + 1);
        if (liquid)
            rd_liquid_scan(doc, work, &p.tags);
        if (notes)
            rd_footnote_scan(doc, work, &defs);
        if (guard)
            rd_link_guard(body, body_len, work + doc->body);
        p.work = work;
    }

    MD_PARSER md = {
        .abi_version = 0,
        .flags = md_flags(doc->flags),
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = on_text,
    };
    md_parse(p.work + doc->body, (MD_SIZE)(doc->size - doc->body), &md, &p);
    flush_text(&p);

    if (p.tags.len) {
        rd_liquid_group(doc, doc->root);
        rd_page_refs_title(doc, doc->root);
        rd_includes_resolve(doc);
    }
    if (defs.len)
        rd_footnote_build(doc, doc->root, &defs);
    if (!(doc->flags & RD_PARSE_NO_HTML_TREE)) {
        rd_html_structure_inlines(doc, doc->root);
        rd_html_group_details(doc->root);
        rd_cards_mark(doc->root);
    }
    rd_tree_limit_depth(doc);
    rd_html_parser_free(doc);

    free(work);
    free(p.tags.tags);
    free(defs.items);
    free(p.pending);
    rd_buf_free(&p.acc);
}
