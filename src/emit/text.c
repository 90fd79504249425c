/* Plain text output: the page as a person reads it in a terminal or a mail.
 *
 * Layout, the same everywhere in the output:
 *  - paragraphs wrapped at the width, counted in display columns; a word,
 *    or a URL (which may hold spaces), is never split: one longer than the
 *    width stands alone on its line;
 *  - blocks separated by one blank line; items of a tight list follow each
 *    other without one;
 *  - headings: level 1 underlined with '=', level 2 with '-', deeper ones
 *    marked with as many '#' as their level ("### Title");
 *  - lists: "* " bullets; ordered items numbered from the list's start,
 *    numbers right-aligned ("9. ", "10. "); task boxes "[ ] " / "[x] ";
 *    wrapped lines and nested blocks hang under the item's text;
 *  - block quotes: "> " before every line; thematic breaks: "* * *";
 *  - code blocks: verbatim, indented by four spaces, never wrapped;
 *  - labelled blocks (hints, tabs, steps, HTML details): a label line
 *    in the page's language ("[Information]", "[Onglet : TITRE]",
 *    "[Étape 2]"; "[Info]", "[Tab: TITLE]", "[Step 2]" for a page whose
 *    front matter lang is not French; a details' summary) followed
 *    by the content with "| " before
 *    every line, so that the reader sees where the block ends;
 *  - links "text (URL)", or the URL alone when it is the text; images
 *    "[image: alt]", the file name when alt is empty; content-ref
 *    "→ title (URL)"; file "[file: caption] (src)"; embed
 *    "[embed: caption] URL"; a titled liquid code block "[code: title]"
 *    (in French "[image : alt]", "[fichier : …]", "[contenu intégré : …]",
 *    "[code : …]");
 *    unknown liquid tags show their content only, never the tag;
 *  - tables: aligned columns under a line of dashes when they fit, else one
 *    block per row of "Header: value" lines (empty cells left out, the
 *    paragraphs and line breaks of a cell kept; a cell holding a list has
 *    its label on a line of its own and its items under it with their
 *    bullets, and makes the table go by rows); the header is the head row,
 *    unless GitBook hides it (data-header-hidden) or leaves it empty over a
 *    first row all in bold, which then names the columns; GitBook card
 *    tables always as one block per card, without their head row and
 *    hidden columns (the cover; the card's target shows as "→ URL");
 *    every other non-empty cell is kept;
 *  - emphasis, strong, strike, marks, subscripts, code spans: their text
 *    alone; superscripts after a caret ("m^2"); entities as the characters
 *    they stand for; a non-breaking space joins the words on either side;
 *  - footnotes: "[1]" where they are referred to, each note a paragraph
 *    "[1] text" at the end of the page.
 * Raw HTML is never printed as written: its parsed children are. Nothing
 * of the page's text is dropped. The front matter description, when there
 * is one, is a paragraph under the page's title (opening the output when
 * the page has no title).
 *
 * The tree is walked with rd_iter only; the state of open blocks lives on
 * explicit stacks (line prefixes, per-node frames), so nesting depth costs
 * heap, never C stack.
 *
 * Why one file of this size: every layout rule (wrapping, containers, labelled blocks, tables, lists)
 * works on the same emitter state (the pending text, the container stack,
 * the frames), and a table's cells are read with the same inline reader
 * as paragraphs; the sections follow the walk (stacks, pending text,
 * wrapping, blocks, inlines, tables, lists, liquid blocks, the walk).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A space that must not become a line break (inside a URL or a file name,
 * or after the first of a run of spaces in a code span): it stands in the
 * pending text as this byte and is written as a space. Control characters
 * of the page never reach the pending text, so the byte cannot be confused
 * with text. */
#define GLUE '\x01'

#define DEFAULT_WIDTH 80u
#define CODE_INDENT "    "
#define LABEL_BAR "| "

/* A block that puts a prefix before each of its lines: a quote, an item, a
 * labelled block. `first` goes before its first line, `rest` before the
 * others. */
typedef struct {
    char *first, *rest;
    size_t first_w, rest_w;     /* display widths */
    bool started;               /* its first line is written */
    bool tight;                 /* blocks inside follow without a blank line */
} container;

/* What the emitter remembers about each node being walked. */
typedef struct {
    const rd_node *node;
    size_t mark;            /* length of the pending text when entered */
    size_t lines;           /* lines written when entered */
    unsigned counter;       /* lists, steppers: number of the next child */
    int digits;             /* ordered list: width of its largest number */
    int saved_heading;      /* heading level around this node */
    bool block;             /* handled as a block */
    bool container;         /* pushed a container, popped at its exit */
    bool flattening;        /* switched blocks inside it to inline text */
    bool joined;            /* took away the blank line before its content
                               (a label, a caption under its image) */
    bool heading;           /* its text is read as a heading */
    unsigned list_depth;    /* in a table cell: lists around its items */
} frame;

typedef struct {
    frame *items;
    size_t len, cap;
} frame_stack;

typedef struct {
    rd_buf *out;
    size_t width;
    container *conts;
    size_t nconts, capconts;
    frame_stack frames;     /* the nodes being walked, root first */
    rd_buf para;            /* inline text waiting to be wrapped */
    int heading;            /* level of the heading being read, else 0 */
    unsigned flatten;       /* > 0: blocks are read as inline text */
    bool cell_lines;        /* reading table cells: their paragraphs and
                               line breaks start new lines */
    const rd_buf *bullet_in;    /* a cell's text ending with a bullet at */
    size_t bullet_end;          /* this length: no break before the item's
                                   first block */
    unsigned cell_bullets;      /* list items read in cells so far */
    bool need_blank;        /* a block ended: the next one is set apart */
    size_t lines;           /* lines written so far */
    const struct label_words *labels;   /* in the page's language */
} emitter;

/* --------------------------------------------------------------- stacks */

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = rd_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

static void push_container(emitter *e, const char *first, const char *rest,
                           bool tight)
{
    rd_array_reserve(&e->conts, &e->capconts, e->nconts + 1, sizeof *e->conts);
    container *c = &e->conts[e->nconts++];
    c->first = dup_str(first);
    c->rest = dup_str(rest);
    c->first_w = rd_display_width(first, strlen(first));
    c->rest_w = rd_display_width(rest, strlen(rest));
    c->started = false;
    c->tight = tight;
}

static void pop_container(emitter *e)
{
    container *c = &e->conts[--e->nconts];
    free(c->first);
    free(c->rest);
}

static frame *push_frame(frame_stack *s, const rd_node *n, size_t lines)
{
    rd_array_reserve(&s->items, &s->cap, s->len + 1, sizeof *s->items);
    frame *f = &s->items[s->len++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->lines = lines;
    return f;
}

/* The frame of the node an event is about: pushed on its entry, popped
 * after its exit. */
static frame *frame_for(frame_stack *s, rd_event ev, const rd_node *n,
                        size_t lines)
{
    return ev == RD_EVENT_ENTER ? push_frame(s, n, lines)
                                : &s->items[s->len - 1];
}

/* The frame of the node's parent, when the parent is being walked. */
static frame *parent_frame(emitter *e)
{
    return e->frames.len >= 2 ? &e->frames.items[e->frames.len - 2] : NULL;
}

/* ------------------------------------------------------ pending text */

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static bool ends_with_break(const rd_buf *t)
{
    return t->len == 0 || t->data[t->len - 1] == ' ' ||
           t->data[t->len - 1] == '\n';
}

/* A place where a line may break; runs of spaces count as one. */
static void put_space(rd_buf *t)
{
    if (!ends_with_break(t))
        rd_buf_putc(t, ' ');
}

static void trim_trailing_spaces(rd_buf *t)
{
    while (t->len && t->data[t->len - 1] == ' ')
        t->data[--t->len] = '\0';
}

static void put_hard_break(rd_buf *t)
{
    trim_trailing_spaces(t);
    if (t->len)
        rd_buf_putc(t, '\n');
}

/* Page text: blanks become break points, control characters (which a
 * terminal would obey) the replacement character. */
static void put_text(rd_buf *t, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_space_byte((char)c) && c >= 0x20 && c != 0x7f)
            continue;
        rd_buf_put(t, s + run, i - run);
        if (is_space_byte((char)c))
            put_space(t);
        else
            rd_buf_puts(t, "\xEF\xBF\xBD");
        run = i + 1;
    }
    rd_buf_put(t, s + run, len - run);
}

/* Text that must stay on one line (a URL, a file name): its blanks glue. */
static void put_glued(rd_buf *t, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (is_space_byte((char)c))
            rd_buf_putc(t, GLUE);
        else if (c < 0x20 || c == 0x7f)
            rd_buf_puts(t, "\xEF\xBF\xBD");
        else
            rd_buf_putc(t, (char)c);
    }
}

/* Code span text: spaces are kept as written, the first of a run being a
 * break point. */
static void put_code(rd_buf *t, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space_byte((char)c)) {
            if (ends_with_break(t))
                rd_buf_putc(t, t->len ? GLUE : ' ');
            else
                rd_buf_putc(t, ' ');
        } else if (c < 0x20 || c == 0x7f) {
            rd_buf_puts(t, "\xEF\xBF\xBD");
        } else {
            rd_buf_putc(t, (char)c);
        }
    }
}

static void truncate_to(rd_buf *t, size_t len)
{
    if (t->data && len < t->len) {
        t->len = len;
        t->data[len] = '\0';
    }
}

/* Copy of t[from..] without surrounding spaces (caller frees). */
static char *copy_trimmed(const rd_buf *t, size_t from)
{
    const char *s = t->data ? t->data + from : "";
    size_t len = t->len > from ? t->len - from : 0;
    while (len && (*s == ' ' || *s == '\n')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    char *p = rd_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Whether pending text equals `s` once glue is read as spaces. */
static bool same_text(const char *pending, const char *s)
{
    for (; *pending && *s; pending++, s++) {
        char c = *pending == GLUE ? ' ' : *pending;
        if (c != *s)
            return false;
    }
    return !*pending && !*s;
}

/* -------------------------------------------------------------- widths */

/* Display width of pending text on one line: glue and line breaks count
 * as the space they print as. */
static size_t text_width(const char *s, size_t len)
{
    size_t w = 0, run = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != GLUE && s[i] != '\n')
            continue;
        w += rd_display_width(s + run, i - run) + 1;
        run = i + 1;
    }
    return w + rd_display_width(s + run, len - run);
}

/* Width taken by the containers' prefixes on the next line, or (when
 * `next_line` is false) on the lines after it. */
static size_t prefix_width(const emitter *e, bool next_line)
{
    size_t w = 0;
    for (size_t i = 0; i < e->nconts; i++) {
        const container *c = &e->conts[i];
        w += (next_line && !c->started) ? c->first_w : c->rest_w;
    }
    return w;
}

static size_t available(const emitter *e, size_t prefix_w)
{
    return prefix_w < e->width ? e->width - prefix_w : 1;
}

/* --------------------------------------------------------------- lines */

static void rtrim_out(rd_buf *out, size_t floor)
{
    while (out->len > floor && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
}

/* A blank line between blocks, unless both stand in a tight list. The
 * deepest container that already holds lines is the one both blocks share. */
static void separate_block(emitter *e)
{
    if (!e->need_blank)
        return;
    e->need_blank = false;
    size_t shared = e->nconts;
    while (shared > 0 && !e->conts[shared - 1].started)
        shared--;
    if (shared > 0 && e->conts[shared - 1].tight)
        return;
    size_t start = e->out->len;
    for (size_t i = 0; i < shared; i++)
        rd_buf_puts(e->out, e->conts[i].rest);
    rtrim_out(e->out, start);
    rd_buf_putc(e->out, '\n');
    e->lines++;
}

/* Writes one line: the containers' prefixes, then `s` (glue as spaces). */
static void write_line(emitter *e, const char *s, size_t len)
{
    size_t start = e->out->len;
    for (size_t i = 0; i < e->nconts; i++) {
        container *c = &e->conts[i];
        rd_buf_puts(e->out, c->started ? c->rest : c->first);
        c->started = true;
    }
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != GLUE)
            continue;
        rd_buf_put(e->out, s + run, i - run);
        rd_buf_putc(e->out, ' ');
        run = i + 1;
    }
    rd_buf_put(e->out, s + run, len - run);
    rtrim_out(e->out, start);
    rd_buf_putc(e->out, '\n');
    e->lines++;
}

/* The first line of a block. */
static void write_block_line(emitter *e, const char *s, size_t len)
{
    separate_block(e);
    write_line(e, s, len);
}

/* ------------------------------------------------------------ wrapping */

typedef struct {
    emitter *e;
    rd_buf line;
    size_t line_w;
    size_t room;            /* columns left by the prefixes of this line */
    bool first;             /* no line of this text written yet */
    size_t widest;          /* widest line written (for underlines) */
} wrapper;

/* Room on the next line; computed once a line, as prefixes change only
 * when a line is written (their first line takes the item's marker). */
static size_t next_line_room(const emitter *e)
{
    return available(e, prefix_width(e, true));
}

static void wrap_flush_line(wrapper *w)
{
    if (w->first)
        write_block_line(w->e, w->line.data ? w->line.data : "", w->line.len);
    else
        write_line(w->e, w->line.data ? w->line.data : "", w->line.len);
    if (w->line_w > w->widest)
        w->widest = w->line_w;
    w->first = false;
    truncate_to(&w->line, 0);
    w->line_w = 0;
    w->room = next_line_room(w->e);
}

static void wrap_word(wrapper *w, const char *word, size_t len)
{
    size_t ww = text_width(word, len);
    if (w->line.len && w->line_w + 1 + ww > w->room)
        wrap_flush_line(w);
    if (w->line.len) {
        rd_buf_putc(&w->line, ' ');
        w->line_w++;
    }
    rd_buf_put(&w->line, word, len);
    w->line_w += ww;
}

/* Whether s[at] is the one space French puts before ":", ";", "!", "?"
 * or "»": the mark stays with the word before it, never starting a line. */
static bool closing_mark_follows(const char *s, size_t len, size_t at)
{
    if (at + 1 >= len || s[at] != ' ')
        return false;
    char c = s[at + 1];
    return c == ':' || c == ';' || c == '!' || c == '?' ||
           (at + 2 < len && (unsigned char)c == 0xC2 &&
            (unsigned char)s[at + 2] == 0xBB);
}

/* Writes text as wrapped lines: words split at spaces, lines at '\n'.
 * Returns the width of the widest line; writes nothing for empty text. */
static size_t write_wrapped(emitter *e, const char *s, size_t len)
{
    wrapper w = { .e = e, .first = true, .room = next_line_room(e) };
    rd_buf_init(&w.line);
    size_t i = 0;
    while (i < len) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        if (s[i] == '\n') {
            if (w.line.len)
                wrap_flush_line(&w);
            i++;
            continue;
        }
        size_t start = i;
        do {
            if (i > start)
                i++;    /* the space before a closing mark */
            while (i < len && s[i] != ' ' && s[i] != '\n')
                i++;
        } while (closing_mark_follows(s, len, i));
        wrap_word(&w, s + start, i - start);
    }
    if (w.line.len)
        wrap_flush_line(&w);
    rd_buf_free(&w.line);
    return w.widest;
}

/* -------------------------------------------------------- block output */

static void write_underline(emitter *e, char c, size_t width)
{
    size_t room = next_line_room(e);
    if (width > room)
        width = room;
    char *line = rd_xmalloc(width + 1);
    memset(line, c, width);
    write_line(e, line, width);
    free(line);
}

static void write_heading(emitter *e, int level, const char *s, size_t len)
{
    if (level <= 2) {
        size_t widest = write_wrapped(e, s, len);
        if (widest)
            write_underline(e, level == 1 ? '=' : '-', widest);
        return;
    }
    char first[16], rest[16];
    int n = level > 6 ? 6 : level;
    memset(first, '#', (size_t)n);
    first[n] = ' ';
    first[n + 1] = '\0';
    memset(rest, ' ', (size_t)n + 1);
    rest[n + 1] = '\0';
    push_container(e, first, rest, false);
    write_wrapped(e, s, len);
    pop_container(e);
}

/* Writes the pending inline text as a paragraph (or as the heading being
 * read) and empties it. */
static void flush_text(emitter *e)
{
    trim_trailing_spaces(&e->para);
    while (e->para.len && e->para.data[e->para.len - 1] == '\n') {
        e->para.data[--e->para.len] = '\0';
        trim_trailing_spaces(&e->para);
    }
    if (!e->para.len)
        return;
    size_t before = e->lines;
    if (e->heading)
        write_heading(e, e->heading, e->para.data, e->para.len);
    else
        write_wrapped(e, e->para.data, e->para.len);
    truncate_to(&e->para, 0);
    if (e->lines != before)
        e->need_blank = true;
}

/* A one-line label that its content follows directly ("[Info]"). */
static void write_label(emitter *e, const char *label)
{
    rd_buf t;
    rd_buf_init(&t);
    put_text(&t, label, strlen(label));
    size_t before = e->lines;
    write_wrapped(e, t.data ? t.data : "", t.len);
    rd_buf_free(&t);
    if (e->lines != before)
        e->need_blank = false;
}

static void write_code_block(emitter *e, const rd_node *n)
{
    const char *s = n->literal ? n->literal : "";
    size_t len = n->literal ? n->literal_len : 0;
    if (len && s[len - 1] == '\n')
        len--;
    if (!len)
        return;
    rd_buf line;
    rd_buf_init(&line);
    bool first = true;
    for (size_t i = 0; i <= len;) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        truncate_to(&line, 0);
        rd_buf_puts(&line, CODE_INDENT);
        for (size_t k = i; k < end; k++) {
            unsigned char c = (unsigned char)s[k];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                rd_buf_puts(&line, c == '\r' ? "" : "\xEF\xBF\xBD");
            else
                rd_buf_putc(&line, (char)c);
        }
        if (first)
            write_block_line(e, line.data, line.len);
        else
            write_line(e, line.data, line.len);
        first = false;
        i = end + 1;
    }
    rd_buf_free(&line);
    e->need_blank = true;
}

/* -------------------------------------------------------- node kinds */

static bool is_inline_type(rd_node_type t)
{
    switch (t) {
    case RD_NODE_TEXT: case RD_NODE_ENTITY: case RD_NODE_SOFTBREAK:
    case RD_NODE_LINEBREAK: case RD_NODE_CODE: case RD_NODE_HTML_INLINE:
    case RD_NODE_EMPH: case RD_NODE_STRONG: case RD_NODE_STRIKETHROUGH:
    case RD_NODE_LINK: case RD_NODE_IMAGE: case RD_NODE_MARK:
    case RD_NODE_SUPERSCRIPT: case RD_NODE_SUBSCRIPT: case RD_NODE_FOOTNOTE_REF:
        return true;
    default:
        return false;
    }
}

static bool is_block_element_name(const char *name)
{
    static const char *const names[] = {
        "address", "article", "aside", "blockquote", "body", "caption",
        "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    };
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* An element is a block when HTML makes it one or it holds blocks. Only
 * its children are looked at, which keeps this free of recursion. */
static bool element_is_block(const rd_node *n)
{
    if (is_block_element_name(n->name))
        return true;
    for (const rd_node *c = n->first_child; c; c = c->next) {
        if (c->type == RD_NODE_ELEMENT) {
            if (is_block_element_name(c->name))
                return true;
        } else if (!is_inline_type(c->type)) {
            return true;
        }
    }
    return false;
}

static bool is_block(const rd_node *n)
{
    if (n->type == RD_NODE_ELEMENT)
        return element_is_block(n);
    return !is_inline_type(n->type);
}

/* The words of the labels, in the page's language (French, the default,
 * or English), as the HTML output writes them. */
typedef struct label_words {
    const char *info, *success, *warning, *danger, *hint;
    const char *tab, *tab_titled, *step, *code, *details;
    /* "[image: ", "[file: ", "[embed: " and the last two alone */
    const char *image, *file, *embed, *file_alone, *embed_alone;
} label_words;

static const label_words french_labels = {
    "Information", "Succès", "Attention", "Danger", "Information",
    "[Onglet]", "[Onglet : %s]", "[Étape %u]", "[code : %s]", "[Détails]",
    "[image : ", "[fichier : ", "[contenu intégré : ", "[fichier]",
    "[contenu intégré]",
};
static const label_words english_labels = {
    "Info", "Success", "Warning", "Danger", "Hint",
    "[Tab]", "[Tab: %s]", "[Step %u]", "[code: %s]", "[Details]",
    "[image: ", "[file: ", "[embed: ", "[file]", "[embed]",
};

/* French unless the page says otherwise (front matter lang). */
static const label_words *labels_of(const rd_doc *doc)
{
    const char *lang = rd_doc_meta_get(doc, "lang");
    if (lang && *lang && !(strncasecmp(lang, "fr", 2) == 0 &&
                           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_')))
        return &english_labels;
    return &french_labels;
}

/* ------------------------------------------------------------- inlines */

static const char *basename_of(const char *url, size_t *len)
{
    size_t end = strcspn(url, "?#");
    while (end > 0 && url[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && url[start - 1] != '/')
        start--;
    *len = end - start;
    return url + start;
}

static void put_image(rd_buf *t, const rd_node *n, const label_words *w)
{
    rd_buf alt;
    rd_buf_init(&alt);
    if (n->alt && *n->alt)
        rd_buf_puts(&alt, n->alt);
    else
        rd_node_text(n, &alt);
    rd_buf label;
    rd_buf_init(&label);
    put_text(&label, alt.data ? alt.data : "", alt.len);
    trim_trailing_spaces(&label);
    const char *s = label.data ? label.data : "";
    while (*s == ' ')
        s++;
    rd_buf_puts(t, w->image);
    if (*s) {
        rd_buf_puts(t, s);
    } else {
        size_t len;
        const char *base = basename_of(n->url ? n->url : "", &len);
        char *name = dup_str(base);
        name[len] = '\0';
        put_glued(t, name);
        free(name);
    }
    rd_buf_putc(t, ']');
    rd_buf_free(&alt);
    rd_buf_free(&label);
}

/* After a link's text: its target, unless the text already is the target
 * (autolinks, [https://x](https://x), [a@b](mailto:a@b)). */
static void finish_link(rd_buf *t, const rd_node *n, size_t mark)
{
    const char *url = n->url ? n->url : "";
    if (!*url || (n->flags & RD_FLAG_AUTOLINK))
        return;
    char *text = copy_trimmed(t, mark);
    bool shown = same_text(text, url) ||
                 (strncmp(url, "mailto:", 7) == 0 && same_text(text, url + 7));
    bool empty = !*text;
    free(text);
    if (shown)
        return;
    if (empty && url[0] == '#')
        return;     /* an anchor (GitBook puts one in headings): no text */
    if (empty) {
        put_space(t);
        put_glued(t, url);
        return;
    }
    put_space(t);
    rd_buf_putc(t, '(');
    put_glued(t, url);
    rd_buf_putc(t, ')');
}

static void inline_enter(emitter *e, rd_buf *t, rd_iter *it, const rd_node *n,
                         frame *f)
{
    f->mark = t->len;
    switch (n->type) {
    case RD_NODE_TEXT: case RD_NODE_ENTITY:
        put_text(t, n->literal ? n->literal : "", n->literal_len);
        break;
    case RD_NODE_CODE:
        put_code(t, n->literal ? n->literal : "", n->literal_len);
        rd_iter_skip_children(it);
        break;
    case RD_NODE_SOFTBREAK:
        put_space(t);
        break;
    case RD_NODE_LINEBREAK:
        if (t == &e->para ? !e->flatten && !e->heading : e->cell_lines)
            put_hard_break(t);
        else
            put_space(t);
        break;
    case RD_NODE_IMAGE:
        put_image(t, n, e->labels);
        rd_iter_skip_children(it);
        break;
    case RD_NODE_SUPERSCRIPT:
        /* "m^2", "note^1": glued to its base, it would read as one number. */
        rd_buf_putc(t, '^');
        break;
    case RD_NODE_FOOTNOTE_REF:
        rd_buf_printf(t, "[%u]", n->list_start);
        break;
    case RD_NODE_HTML_INLINE:
        /* Tags carried by an enclosing element, and comments, say nothing. */
        if (n->flags & (RD_FLAG_ABSORBED | RD_FLAG_COMMENT))
            rd_iter_skip_children(it);
        break;
    default:
        break;
    }
}

static void inline_exit(rd_buf *t, const rd_node *n, const frame *f)
{
    if (n->type == RD_NODE_LINK)
        finish_link(t, n, f->mark);
}

/* ------------------------------------------------ content-ref, file, embed */

static bool is_decorated_liquid(const rd_node *n)
{
    return n->type == RD_NODE_LIQUID &&
           (n->liquid == RD_LIQUID_CONTENT_REF || n->liquid == RD_LIQUID_FILE ||
            n->liquid == RD_LIQUID_EMBED);
}

/* The first link target inside n (a content-ref names its page twice). */
static const char *first_link_url(const rd_node *n)
{
    rd_iter it;
    rd_node *c;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)n);
    while ((ev = rd_iter_step(&it, &c)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && c->type == RD_NODE_LINK && c->url && *c->url)
            return c->url;
    return NULL;
}

/* Whether pending text holds the URL (spaces of the URL glued). */
static bool shows_url(const char *text, const char *url)
{
    rd_buf g;
    rd_buf_init(&g);
    put_glued(&g, url);
    bool found = g.data && strstr(text, g.data);
    rd_buf_free(&g);
    return found;
}

static void put_content_ref(rd_buf *t, const rd_node *n, const char *caption)
{
    const char *url = n->url && *n->url ? n->url : first_link_url(n);
    rd_buf_puts(t, "\xE2\x86\x92 ");      /* → */
    if (*caption) {
        rd_buf_puts(t, caption);
        if (url && !shows_url(caption, url)) {
            rd_buf_puts(t, " (");
            put_glued(t, url);
            rd_buf_putc(t, ')');
        }
    } else if (url) {
        put_glued(t, url);
    }
}

static void put_file(rd_buf *t, const rd_node *n, const char *caption,
                     const label_words *w)
{
    const char *src = n->url ? n->url : rd_node_attr(n, "src");
    size_t name_len = 0;
    const char *name = src ? basename_of(src, &name_len) : "";
    if (*caption) {
        rd_buf_puts(t, w->file);
        rd_buf_puts(t, caption);
        rd_buf_putc(t, ']');
    } else if (name_len) {
        char *glued = dup_str(name);
        glued[name_len] = '\0';
        rd_buf_puts(t, w->file);
        put_glued(t, glued);
        rd_buf_putc(t, ']');
        free(glued);
    } else {
        rd_buf_puts(t, w->file_alone);
    }
    if (src && *src) {
        rd_buf_puts(t, " (");
        put_glued(t, src);
        rd_buf_putc(t, ')');
    }
}

static void put_embed(rd_buf *t, const rd_node *n, const char *caption,
                      const label_words *w)
{
    if (*caption) {
        rd_buf_puts(t, w->embed);
        rd_buf_puts(t, caption);
        rd_buf_putc(t, ']');
    } else {
        rd_buf_puts(t, w->embed_alone);
    }
    if (n->url && *n->url) {
        rd_buf_putc(t, ' ');
        put_glued(t, n->url);
    }
}

/* The content read since `mark` becomes the caption of the liquid block. */
static void finish_decorated(rd_buf *t, const rd_node *n, size_t mark,
                             const label_words *w)
{
    char *caption = copy_trimmed(t, mark);
    truncate_to(t, mark);
    put_space(t);
    if (n->liquid == RD_LIQUID_CONTENT_REF)
        put_content_ref(t, n, caption);
    else if (n->liquid == RD_LIQUID_FILE)
        put_file(t, n, caption, w);
    else
        put_embed(t, n, caption, w);
    put_space(t);
    free(caption);
}

/* ------------------------------------------------------- flat reading */

/* Between blocks read as inline text: a space, or a new line in a cell. */
static void put_block_boundary(const emitter *e, rd_buf *t)
{
    if (e->cell_lines && t == e->bullet_in && t->len == e->bullet_end)
        return;     /* the item's first block follows its bullet */
    if (e->cell_lines)
        put_hard_break(t);
    else
        put_space(t);
}

static bool is_named_element(const rd_node *n, const char *name)
{
    return n->type == RD_NODE_ELEMENT && n->name && strcasecmp(n->name, name) == 0;
}

/* Lists in table cells, Markdown's or HTML's (<ul>, <ol>, <li>). */
static bool is_cell_list(const rd_node *n)
{
    return n->type == RD_NODE_LIST || is_named_element(n, "ul") ||
           is_named_element(n, "ol");
}

static unsigned list_start_of(const rd_node *n)
{
    if (n->type == RD_NODE_LIST)
        return n->list_start;
    const char *start = rd_node_attr(n, "start");
    long v = start ? strtol(start, NULL, 10) : 1;
    return v >= 0 && v < 1000000000 ? (unsigned)v : 1;
}

static void enter_cell_list(frame *f, const rd_node *n, const frame *up)
{
    f->counter = list_start_of(n);
    f->list_depth = (up && up->list_depth ? up->list_depth : 0) + 1;
}

/* A list item in a table cell: its bullet ("* ", or its number), two
 * spaces deeper for each list it stands in. */
static void put_cell_bullet(emitter *e, rd_buf *t, const rd_node *n, frame *f,
                            frame *up)
{
    const rd_node *list = up && up->node == n->parent && is_cell_list(n->parent)
                        ? n->parent : NULL;
    f->list_depth = up && up->list_depth ? up->list_depth : 1;
    for (unsigned d = 1; d < f->list_depth && d < 16; d++)
        rd_buf_puts(t, "\x01\x01");        /* GLUE: kept at a line's start */
    if (list && (list->type == RD_NODE_LIST ? list->list_ordered
                                            : is_named_element(list, "ol")))
        rd_buf_printf(t, "%u.\x01", up->counter++);
    else
        rd_buf_puts(t, "*\x01");
    e->bullet_in = t;
    e->bullet_end = t->len;
    e->cell_bullets++;
}

/* Blocks read as inline text (inside table cells and liquid captions):
 * their boundaries are spaces or line breaks, code keeps its text; in
 * cells, list items keep their bullets. `up` is the parent's frame. */
static void flat_event(emitter *e, rd_buf *t, rd_iter *it, rd_event ev,
                       const rd_node *n, frame *f, frame *up)
{
    if (ev == RD_EVENT_ENTER)
        f->block = is_block(n);
    if (!f->block) {
        if (ev == RD_EVENT_ENTER)
            inline_enter(e, t, it, n, f);
        else
            inline_exit(t, n, f);
        return;
    }
    if (ev == RD_EVENT_EXIT) {
        if (is_decorated_liquid(n) && !(n->flags & RD_FLAG_STRAY_END))
            finish_decorated(t, n, f->mark, e->labels);
        put_block_boundary(e, t);
        return;
    }
    put_block_boundary(e, t);
    if (e->cell_lines && is_cell_list(n))
        enter_cell_list(f, n, up);
    else if (e->cell_lines && (n->type == RD_NODE_ITEM || is_named_element(n, "li")))
        put_cell_bullet(e, t, n, f, up);
    f->mark = t->len;
    if (n->type == RD_NODE_CODE_BLOCK) {
        put_text(t, n->literal ? n->literal : "", n->literal_len);
        rd_iter_skip_children(it);
    } else if ((n->type == RD_NODE_HTML_BLOCK && (n->flags & RD_FLAG_COMMENT)) ||
               (n->type == RD_NODE_LIQUID && (n->flags & RD_FLAG_STRAY_END))) {
        rd_iter_skip_children(it);
    }
}

/* ------------------------------------------------------------- tables */

typedef struct {
    char *text;             /* pending-text form: may hold glue */
    size_t width;
    rd_align align;
    bool strong;            /* all its text in bold */
} cell;

typedef struct {
    cell *cells;
    size_t len, cap;
    bool head;              /* a row of the table's head */
} row;

typedef struct {
    row *rows;
    size_t len, cap;
    size_t ncols;
    rd_buf outside;         /* text standing outside any cell */
    bool header_hidden;     /* GitBook's data-header-hidden: its head row
                               names no column */
} table;

static void table_free(table *tb)
{
    for (size_t r = 0; r < tb->len; r++) {
        for (size_t c = 0; c < tb->rows[r].len; c++)
            free(tb->rows[r].cells[c].text);
        free(tb->rows[r].cells);
    }
    free(tb->rows);
    rd_buf_free(&tb->outside);
}

static void table_add_row(table *tb, bool head)
{
    rd_array_reserve(&tb->rows, &tb->cap, tb->len + 1, sizeof *tb->rows);
    row *r = &tb->rows[tb->len++];
    memset(r, 0, sizeof *r);
    r->head = head;
}

static bool is_blank_node(const rd_node *n)
{
    if (n->type != RD_NODE_TEXT && n->type != RD_NODE_SOFTBREAK)
        return false;
    for (size_t i = 0; i < n->literal_len; i++)
        if (!strchr(" \t\r\n", n->literal[i]))
            return false;
    return true;
}

/* Whether a cell's text is all in bold: one strong node, on its own or in
 * the cell's one paragraph, blanks aside. */
static bool cell_is_strong(const rd_node *node)
{
    const rd_node *only = NULL;
    for (int level = 0; level < 2; level++) {
        only = NULL;
        for (const rd_node *c = node->first_child; c; c = c->next) {
            if (is_blank_node(c))
                continue;
            if (only)
                return false;
            only = c;
        }
        if (!only || only->type != RD_NODE_PARAGRAPH)
            break;
        node = only;
    }
    return only && only->type == RD_NODE_STRONG;
}

static void table_add_cell(table *tb, const rd_buf *text, const rd_node *n)
{
    rd_align align = n->align;
    if (!tb->len)
        table_add_row(tb, false);
    row *r = &tb->rows[tb->len - 1];
    rd_array_reserve(&r->cells, &r->cap, r->len + 1, sizeof *r->cells);
    cell *c = &r->cells[r->len++];
    c->text = copy_trimmed(text, 0);
    c->width = text_width(c->text, strlen(c->text));
    c->align = align;
    c->strong = cell_is_strong(n);
    if (r->len > tb->ncols)
        tb->ncols = r->len;
}

static bool in_head(const rd_node *n)
{
    return n->parent && n->parent->type == RD_NODE_TABLE_HEAD;
}

static bool all_header_cells(const rd_node *row_node)
{
    bool any = false;
    for (const rd_node *c = row_node->first_child; c; c = c->next) {
        if (c->type != RD_NODE_TABLE_CELL)
            continue;
        if (!(c->flags & RD_FLAG_HEADER))
            return false;
        any = true;
    }
    return any;
}

/* A hidden cell of a card table shows nothing; the card's target, where the
 * card leads, shows as "→ URL". */
static void card_target(rd_buf *text, const rd_node *cell_node)
{
    truncate_to(text, 0);
    const char *url = (cell_node->flags & RD_FLAG_CARD_TARGET)
                    ? rd_card_link_url(cell_node) : NULL;
    if (!url)
        return;
    rd_buf_puts(text, "\xE2\x86\x92 ");     /* → */
    put_glued(text, url);
}

/* Reads every cell's text. Rows and cells of tables nested in a cell are
 * read as that cell's text. */
static void table_read(emitter *e, const rd_node *tnode, table *tb)
{
    tb->header_hidden = rd_node_attr(tnode, "data-header-hidden") != NULL;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_buf cell_text;
    rd_buf_init(&cell_text);
    rd_buf *target = &tb->outside;
    frame_stack frames = { 0 };     /* apart: the emitter's stay valid */
    unsigned nested = 0;
    e->cell_lines = true;
    rd_iter_init(&it, (rd_node *)tnode);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        frame *f = frame_for(&frames, ev, n, e->lines);
        bool own = nested == 0;
        if (n == tnode) {
            /* the table itself */
        } else if (n->type == RD_NODE_TABLE) {
            nested += ev == RD_EVENT_ENTER ? 1 : 0;
            nested -= ev == RD_EVENT_EXIT ? 1 : 0;
            put_space(target);
        } else if (own && n->type == RD_NODE_TABLE_ROW) {
            if (ev == RD_EVENT_ENTER)
                table_add_row(tb, in_head(n) || all_header_cells(n));
        } else if (own && n->type == RD_NODE_TABLE_CELL) {
            if (ev == RD_EVENT_ENTER) {
                truncate_to(&cell_text, 0);
                target = &cell_text;
            } else {
                if (n->flags & RD_FLAG_CARD_HIDDEN)
                    card_target(&cell_text, n);
                table_add_cell(tb, &cell_text, n);
                target = &tb->outside;
            }
        } else if (!(own && (n->type == RD_NODE_TABLE_HEAD ||
                             n->type == RD_NODE_TABLE_BODY))) {
            flat_event(e, target, &it, ev, n, f,
                       frames.len >= 2 ? &frames.items[frames.len - 2] : NULL);
        }
        if (ev == RD_EVENT_EXIT)
            frames.len--;
    }
    e->cell_lines = false;
    free(frames.items);
    rd_buf_free(&cell_text);
}

/* A card table's head rows name columns GitBook never shows: they go. */
static void table_drop_head_rows(table *tb)
{
    size_t kept = 0;
    for (size_t r = 0; r < tb->len; r++) {
        if (!tb->rows[r].head) {
            tb->rows[kept++] = tb->rows[r];
            continue;
        }
        for (size_t c = 0; c < tb->rows[r].len; c++)
            free(tb->rows[r].cells[c].text);
        free(tb->rows[r].cells);
    }
    tb->len = kept;
}

/* Columns holding no text at all are left out. */
static void table_drop_empty_columns(table *tb)
{
    size_t kept = 0;
    for (size_t c = 0; c < tb->ncols; c++) {
        bool used = false;
        for (size_t r = 0; r < tb->len && !used; r++)
            used = c < tb->rows[r].len && *tb->rows[r].cells[c].text;
        for (size_t r = 0; r < tb->len; r++) {
            row *rw = &tb->rows[r];
            if (c >= rw->len)
                continue;
            if (!used) {
                free(rw->cells[c].text);
                rw->cells[c].text = NULL;
            }
        }
        if (used)
            kept++;
    }
    for (size_t r = 0; r < tb->len; r++) {
        row *rw = &tb->rows[r];
        size_t to = 0;
        for (size_t c = 0; c < rw->len; c++)
            if (rw->cells[c].text)
                rw->cells[to++] = rw->cells[c];
        rw->len = to;
    }
    tb->ncols = kept;
}

static const char *cell_text(const table *tb, size_t r, size_t c)
{
    return c < tb->rows[r].len ? tb->rows[r].cells[c].text : "";
}

static size_t cell_width(const table *tb, size_t r, size_t c)
{
    return c < tb->rows[r].len ? tb->rows[r].cells[c].width : 0;
}

static bool cell_has_text(const table *tb, size_t r, size_t c)
{
    return *cell_text(tb, r, c) != '\0';
}

static bool row_is_empty(const table *tb, size_t r)
{
    for (size_t c = 0; c < tb->rows[r].len; c++)
        if (cell_has_text(tb, r, c))
            return false;
    return true;
}

static bool row_is_strong(const table *tb, size_t r)
{
    bool any = false;
    for (size_t c = 0; c < tb->rows[r].len; c++) {
        if (!cell_has_text(tb, r, c))
            continue;
        if (!tb->rows[r].cells[c].strong)
            return false;
        any = true;
    }
    return any;
}

/* The row whose cells name the columns: the first head row, when it says
 * something and is not hidden; else, under a head row left empty, a first
 * row written all in bold (the header as the reader sees it). SIZE_MAX
 * when there is none: the first row is data. */
static size_t label_row(const table *tb)
{
    if (!tb->len || !tb->rows[0].head)
        return SIZE_MAX;
    if (!row_is_empty(tb, 0))
        return tb->header_hidden ? SIZE_MAX : 0;
    size_t r = 1;
    while (r < tb->len && row_is_empty(tb, r))
        r++;
    return r < tb->len && row_is_strong(tb, r) && r + 1 < tb->len ? r : SIZE_MAX;
}

static void pad(rd_buf *line, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rd_buf_putc(line, ' ');
}

static void put_aligned(rd_buf *line, const table *tb, size_t r, size_t c,
                        size_t colw)
{
    size_t w = cell_width(tb, r, c);
    size_t space = colw > w ? colw - w : 0;
    rd_align a = c < tb->rows[r].len ? tb->rows[r].cells[c].align
                                     : RD_ALIGN_NONE;
    size_t before = a == RD_ALIGN_RIGHT ? space
                  : a == RD_ALIGN_CENTER ? space / 2 : 0;
    pad(line, before);
    for (const char *p = cell_text(tb, r, c); *p; p++)
        rd_buf_putc(line, *p == '\n' ? ' ' : *p);     /* one line per row */
    pad(line, space - before);
}

#define COLUMN_GAP 2

static void write_grid_line(emitter *e, rd_buf *line, bool *first)
{
    if (*first)
        write_block_line(e, line->data ? line->data : "", line->len);
    else
        write_line(e, line->data ? line->data : "", line->len);
    *first = false;
    truncate_to(line, 0);
}

/* Aligned columns; the head row, when it says something, underlined. */
static void write_grid(emitter *e, const table *tb, const size_t *colw)
{
    size_t labels = label_row(tb);
    rd_buf line;
    rd_buf_init(&line);
    bool first = true;
    for (size_t r = 0; r < tb->len; r++) {
        if (row_is_empty(tb, r))
            continue;
        for (size_t c = 0; c < tb->ncols; c++) {
            if (c)
                pad(&line, COLUMN_GAP);
            put_aligned(&line, tb, r, c, colw[c]);
        }
        write_grid_line(e, &line, &first);
        if (r != labels)
            continue;
        for (size_t c = 0; c < tb->ncols; c++) {
            if (c)
                pad(&line, COLUMN_GAP);
            for (size_t k = 0; k < colw[c]; k++)
                rd_buf_putc(&line, '-');
        }
        write_grid_line(e, &line, &first);
    }
    rd_buf_free(&line);
}

/* The width of the bullet that opens a line of a cell ("* ", "3. ", deeper
 * ones after glue), or 0 for a line that is no list item. Bullets end with
 * glue, so that text starting with "* " is not taken for one. */
static size_t bullet_width(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] == GLUE)
        i++;
    size_t mark = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i < len && (i == mark ? s[i] == '*' : s[i] == '.'))
        i++;
    else
        return 0;
    return i < len && s[i] == GLUE ? i + 1 : 0;
}

static bool holds_bullets(const char *value)
{
    for (const char *line = value; *line;) {
        size_t len = strcspn(line, "\n");
        if (bullet_width(line, len))
            return true;
        line += len + (line[len] == '\n');
    }
    return false;
}

static void write_label_line(emitter *e, const char *label, const char *end)
{
    rd_buf t;
    rd_buf_init(&t);
    for (const char *p = label; *p; p++)
        rd_buf_putc(&t, *p == '\n' ? ' ' : *p);
    rd_buf_puts(&t, end);
    push_container(e, "", "  ", false);
    write_wrapped(e, t.data, t.len);
    pop_container(e);
    rd_buf_free(&t);
}

/* A field whose cell holds a list: the label on a line of its own, then
 * each line of the cell, an item's wrapped lines hanging under its text. */
static void write_list_field(emitter *e, const char *label, const char *value,
                             bool first_of_block)
{
    bool labelled = label && *label;
    if (!first_of_block)
        e->need_blank = false;
    if (labelled) {
        write_label_line(e, label, ":");
        e->need_blank = false;
    }
    rd_buf rest;
    rd_buf_init(&rest);
    for (const char *line = value; *line;) {
        size_t len = strcspn(line, "\n");
        truncate_to(&rest, 0);
        rd_buf_puts(&rest, labelled ? "  " : "");
        for (size_t i = bullet_width(line, len); i; i--)
            rd_buf_putc(&rest, ' ');
        push_container(e, labelled ? "  " : "", rest.data, false);
        write_wrapped(e, line, len);
        pop_container(e);
        e->need_blank = false;
        line += len + (line[len] == '\n');
    }
    e->need_blank = true;
    rd_buf_free(&rest);
}

/* One "Label: value" field, its other lines hanging under the label; or
 * the value alone, its lines as the cell has them. */
static void write_field(emitter *e, const char *label, const char *value,
                        bool first_of_block)
{
    if (holds_bullets(value)) {
        write_list_field(e, label, value, first_of_block);
        return;
    }
    rd_buf t;
    rd_buf_init(&t);
    bool labelled = label && *label;
    if (labelled) {
        for (const char *p = label; *p; p++)
            rd_buf_putc(&t, *p == '\n' ? ' ' : *p);
        rd_buf_putc(&t, ':');
        if (*value)
            rd_buf_putc(&t, ' ');
    }
    rd_buf_puts(&t, value);
    if (!first_of_block)
        e->need_blank = false;
    push_container(e, "", labelled ? "  " : "", false);
    write_wrapped(e, t.data ? t.data : "", t.len);
    pop_container(e);
    e->need_blank = true;
    rd_buf_free(&t);
}

/* One block per row: each non-empty cell on a line of its own, named by
 * its column's label. Labels of columns left empty everywhere come first,
 * so that no text is lost. */
static void write_records(emitter *e, const table *tb)
{
    size_t labels = label_row(tb);
    if (labels != SIZE_MAX) {
        bool first = true;
        for (size_t c = 0; c < tb->ncols; c++) {
            bool used = false;
            for (size_t r = 0; r < tb->len && !used; r++)
                used = r != labels && cell_has_text(tb, r, c);
            if (used || !cell_has_text(tb, labels, c))
                continue;
            write_field(e, NULL, cell_text(tb, labels, c), first);
            first = false;
        }
    }
    for (size_t r = 0; r < tb->len; r++) {
        if (r == labels || row_is_empty(tb, r))
            continue;
        bool first = true;
        for (size_t c = 0; c < tb->ncols; c++) {
            if (!cell_has_text(tb, r, c))
                continue;
            const char *label = labels != SIZE_MAX ? cell_text(tb, labels, c)
                                                   : NULL;
            write_field(e, label, cell_text(tb, r, c), first);
            first = false;
        }
    }
}

/* Column widths; returns whether the grid fits the width. */
static bool grid_fits(const emitter *e, const table *tb, size_t *colw)
{
    size_t total = 0;
    for (size_t c = 0; c < tb->ncols; c++) {
        colw[c] = 0;
        for (size_t r = 0; r < tb->len; r++)
            if (cell_width(tb, r, c) > colw[c])
                colw[c] = cell_width(tb, r, c);
        total += colw[c] + (c ? COLUMN_GAP : 0);
    }
    size_t room = available(e, prefix_width(e, true));
    size_t room_rest = available(e, prefix_width(e, false));
    return total <= (room < room_rest ? room : room_rest);
}

static void write_table(emitter *e, const rd_node *n)
{
    table tb = { 0 };
    rd_buf_init(&tb.outside);
    size_t before = e->lines;
    unsigned bullets = e->cell_bullets;
    table_read(e, n, &tb);
    /* A cell holding a list needs its lines: the table goes by rows. */
    bool lists = e->cell_bullets != bullets;
    bool cards = rd_card_is_table(n);
    if (cards)
        table_drop_head_rows(&tb);
    table_drop_empty_columns(&tb);
    size_t *colw = rd_xcalloc(tb.ncols ? tb.ncols : 1, sizeof *colw);
    if (!cards && !lists && grid_fits(e, &tb, colw))
        write_grid(e, &tb, colw);
    else
        write_records(e, &tb);
    if (e->lines != before)
        e->need_blank = true;
    free(colw);
    char *outside = copy_trimmed(&tb.outside, 0);
    if (*outside) {
        rd_buf_puts(&e->para, outside);
        flush_text(e);
    }
    free(outside);
    table_free(&tb);
}

/* ------------------------------------------------------------- lists */

static int digits_of(unsigned long v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static void enter_list(emitter *e, const rd_node *n, frame *f)
{
    unsigned long items = 0;
    for (const rd_node *c = n->first_child; c; c = c->next)
        items += c->type == RD_NODE_ITEM;
    f->counter = n->list_start;
    unsigned long last = (unsigned long)n->list_start + (items ? items - 1 : 0);
    f->digits = digits_of(last);
    push_container(e, "", "", n->list_tight);
    f->container = true;
}

static void enter_item(emitter *e, const rd_node *n, frame *f)
{
    frame *list = parent_frame(e);
    const rd_node *ln = list ? list->node : NULL;
    bool ordered = ln && ln->type == RD_NODE_LIST && ln->list_ordered;
    bool tight = ln && ln->type == RD_NODE_LIST && ln->list_tight;
    char first[64], rest[64];
    if (ordered) {
        char delim = ln->list_mark == ')' ? ')' : '.';
        snprintf(first, sizeof first, "%*u%c ", list->digits, list->counter++,
                 delim);
    } else {
        snprintf(first, sizeof first, "* ");
    }
    if (n->task)
        strcat(first, n->task == 2 ? "[x] " : "[ ] ");
    size_t w = strlen(first);
    memset(rest, ' ', w);
    rest[w] = '\0';
    push_container(e, first, rest, tight);
    f->container = true;
}

/* An item with nothing in it still shows its bullet. */
static void exit_item(emitter *e)
{
    container *c = &e->conts[e->nconts - 1];
    if (!c->started) {
        write_block_line(e, "", 0);
        e->need_blank = true;
    }
}

/* ------------------------------------------------------------ liquid */

/* "[Information]", "[Attention]": the hint's style named in the page's
 * language; a style GitBook does not know, capitalised. */
static void hint_label(const label_words *w, const rd_node *n, rd_buf *label)
{
    const char *style = rd_node_attr(n, "style");
    const char *known[][2] = {
        { "info", w->info }, { "success", w->success },
        { "warning", w->warning }, { "danger", w->danger },
    };
    if (!style || !*style) {
        rd_buf_printf(label, "[%s]", w->hint);
        return;
    }
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(style, known[i][0]) == 0) {
            rd_buf_printf(label, "[%s]", known[i][1]);
            return;
        }
    rd_buf_printf(label, "[%s]", style);
    if (label->data[1] >= 'a' && label->data[1] <= 'z')
        label->data[1] = (char)(label->data[1] - 'a' + 'A');
}

/* A label line, then the content behind "| ". */
static void enter_labelled(emitter *e, frame *f, const char *label)
{
    write_label(e, label);
    f->joined = true;
    f->lines = e->lines;
    push_container(e, LABEL_BAR, LABEL_BAR, false);
    f->container = true;
}

static void enter_liquid(emitter *e, const rd_node *n, frame *f)
{
    rd_buf label;
    rd_buf_init(&label);
    const char *title = n->title ? n->title : rd_node_attr(n, "title");
    frame *pf = parent_frame(e);
    switch (n->liquid) {
    case RD_LIQUID_HINT:
        hint_label(e->labels, n, &label);
        enter_labelled(e, f, label.data);
        break;
    case RD_LIQUID_TAB:
        if (title && *title)
            rd_buf_printf(&label, e->labels->tab_titled, title);
        else
            rd_buf_puts(&label, e->labels->tab);
        enter_labelled(e, f, label.data);
        break;
    case RD_LIQUID_STEP:
        rd_buf_printf(&label, e->labels->step, pf ? ++pf->counter : 1u);
        enter_labelled(e, f, label.data);
        break;
    case RD_LIQUID_CODE:
        if (title && *title) {
            rd_buf_printf(&label, e->labels->code, title);
            write_label(e, label.data);
            f->joined = true;
            f->lines = e->lines;
        }
        break;
    case RD_LIQUID_API: case RD_LIQUID_API_PART:
        /* An endpoint, a parameter, a response: labelled; the other parts
         * show their content alone. */
        rd_liquid_api_label(n, &label);
        if (label.len) {
            rd_buf api;
            rd_buf_init(&api);
            rd_buf_printf(&api, "[%s]", label.data);
            enter_labelled(e, f, api.data);
            rd_buf_free(&api);
        }
        break;
    case RD_LIQUID_CONTENT_REF: case RD_LIQUID_FILE: case RD_LIQUID_EMBED:
        /* Their content becomes the caption of one line. */
        f->mark = e->para.len;
        f->flattening = true;
        e->flatten++;
        break;
    default:
        break;      /* tabs, stepper, unknown tags: their content alone */
    }
    rd_buf_free(&label);
}

/* ------------------------------------------------------- block walking */

/* Level of an HTML heading element left as a plain element (h1..h6), or 0. */
static int element_heading_level(const rd_node *n)
{
    const char *name = n->name;
    if (n->type != RD_NODE_ELEMENT || !name || (name[0] != 'h' && name[0] != 'H'))
        return 0;
    return name[1] >= '1' && name[1] <= '6' && !name[2] ? name[1] - '0' : 0;
}

/* An expandable block: its summary as the label of its content. */
static void enter_details(emitter *e, const rd_node *n, frame *f)
{
    rd_buf label;
    rd_buf_init(&label);
    for (const rd_node *c = n->first_child; c; c = c->next)
        if (is_named_element(c, "summary")) {
            rd_node_text(c, &label);
            break;
        }
    enter_labelled(e, f, label.data && label.len ? label.data : e->labels->details);
    rd_buf_free(&label);
}

static void enter_heading(emitter *e, frame *f, int level)
{
    f->saved_heading = e->heading;
    f->heading = true;
    e->heading = level > 0 ? level : 1;
}

static void enter_block(emitter *e, rd_iter *it, const rd_node *n, frame *f)
{
    flush_text(e);
    f->lines = e->lines;
    switch (n->type) {
    case RD_NODE_HEADING:
        enter_heading(e, f, n->level);
        break;
    case RD_NODE_ELEMENT:
        if (element_heading_level(n))
            enter_heading(e, f, element_heading_level(n));
        else if (is_named_element(n, "details"))
            enter_details(e, n, f);
        else if (is_named_element(n, "summary") && n->parent &&
                 is_named_element(n->parent, "details"))
            rd_iter_skip_children(it);      /* the label of its details */
        break;
    case RD_NODE_THEMATIC_BREAK:
        write_block_line(e, "* * *", 5);
        e->need_blank = true;
        break;
    case RD_NODE_BLOCK_QUOTE:
        push_container(e, "> ", "> ", false);
        f->container = true;
        break;
    case RD_NODE_LIST:
        enter_list(e, n, f);
        break;
    case RD_NODE_ITEM:
        enter_item(e, n, f);
        break;
    case RD_NODE_CODE_BLOCK:
        write_code_block(e, n);
        rd_iter_skip_children(it);
        break;
    case RD_NODE_HTML_BLOCK:
        if (n->flags & RD_FLAG_COMMENT)
            rd_iter_skip_children(it);
        break;
    case RD_NODE_TABLE:
        write_table(e, n);
        rd_iter_skip_children(it);
        break;
    case RD_NODE_FIGCAPTION: {
        /* The caption stands right under its figure's image. */
        frame *pf = parent_frame(e);
        if (pf && pf->node->type == RD_NODE_FIGURE && e->lines != pf->lines &&
            e->need_blank) {
            e->need_blank = false;
            f->joined = true;
        }
        break;
    }
    case RD_NODE_LIQUID:
        if (n->flags & RD_FLAG_STRAY_END)
            rd_iter_skip_children(it);
        else
            enter_liquid(e, n, f);
        break;
    case RD_NODE_FOOTNOTE_DEF:
        /* A note: its number, then its text (notes end the page). */
        rd_buf_printf(&e->para, "[%u] ", n->list_start);
        break;
    default:
        break;
    }
}

static void exit_block(emitter *e, const rd_node *n, frame *f)
{
    if (f->flattening) {
        finish_decorated(&e->para, n, f->mark, e->labels);
        e->flatten--;
    }
    flush_text(e);
    if (f->heading)
        e->heading = f->saved_heading;
    if (n->type == RD_NODE_ITEM && f->container)
        exit_item(e);
    /* An empty caption gives its figure back the blank line after it; a
     * label with nothing under it, the blank line after the label. */
    if (f->joined && e->lines == f->lines)
        e->need_blank = true;
    if (f->container)
        pop_container(e);
}

static void block_event(emitter *e, rd_iter *it, rd_event ev, const rd_node *n,
                        frame *f)
{
    if (ev == RD_EVENT_ENTER)
        f->block = is_block(n);
    if (!f->block) {
        if (ev == RD_EVENT_ENTER)
            inline_enter(e, &e->para, it, n, f);
        else
            inline_exit(&e->para, n, f);
    } else if (ev == RD_EVENT_ENTER) {
        enter_block(e, it, n, f);
    } else {
        exit_block(e, n, f);
    }
}

static void write_description(emitter *e, const rd_doc *doc)
{
    const char *desc = rd_doc_meta_get(doc, "description");
    if (!desc)
        return;
    put_text(&e->para, desc, strlen(desc));
    flush_text(e);
}

static void emitter_free(emitter *e)
{
    while (e->nconts)
        pop_container(e);
    free(e->conts);
    free(e->frames.items);
    rd_buf_free(&e->para);
}

/* The text from `start` on, its controls made visible: plain text read in
 * a terminal carries no escape sequence and no stray carriage return. */
static void make_visible(rd_buf *out, size_t start)
{
    const char *keep = "\n\t";
    if (!rd_visible_needed(out->data + start, out->len - start, keep))
        return;
    rd_buf v;
    rd_buf_init(&v);
    rd_buf_put_visible(&v, out->data + start, out->len - start, keep);
    out->len = start;
    rd_buf_put(out, v.data, v.len);
    rd_buf_free(&v);
}

int rd_emit_text(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    size_t start = out->len;
    emitter e = { .out = out, .labels = labels_of(doc) };
    e.width = opts && opts->width ? opts->width : DEFAULT_WIDTH;
    rd_buf_init(&e.para);
    const rd_node *title = rd_doc_title_node(doc);
    if (!title)
        write_description(&e, doc);

    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        frame *f = frame_for(&e.frames, ev, n, e.lines);
        bool own_exit = ev == RD_EVENT_EXIT && f->flattening;
        if (e.flatten && !own_exit)
            flat_event(&e, &e.para, &it, ev, n, f, NULL);
        else
            block_event(&e, &it, ev, n, f);
        if (ev == RD_EVENT_EXIT && n == title)
            write_description(&e, doc);
        if (ev == RD_EVENT_EXIT)
            e.frames.len--;
    }
    flush_text(&e);
    emitter_free(&e);
    if (out->data)
        make_visible(out, start);
    return 0;
}
