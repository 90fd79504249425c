/* HTML5 output: a standalone page (or a fragment) from the document tree.
 *
 * One walk over the tree writes each node on entry and closes it on exit.
 * Every entered node gets a frame on a stack: what to close when it is
 * left, and what its content may hold (the innermost element, whether only
 * phrasing content may stand there, whether a link is open), which is how
 * the page's raw HTML stays valid once sanitised.
 *
 * Two profiles share the code. For plain CommonMark input (parsed with
 * RD_PARSE_COMMONMARK) the markup is what the CommonMark specification
 * expects, to the byte where it matters: no heading ids, align attributes
 * on table cells. GitBook pages get heading ids, styled alignment and the
 * GitBook blocks (hints, cards, tabs, steppers).
 *
 * Raw HTML is written as it was in the page with --unsafe; by default it is
 * rendered from its parsed nodes through the allowlist of html_sanitize.c,
 * and links and images of any origin are checked for unsafe URLs.
 *
 * Why one file of this size: the frame stack that keeps the output valid is read by every node
 * handler, so the handlers stay with it, one section per kind of node
 * (blocks, inlines, raw HTML, GitBook blocks, card tables, footnotes, the
 * page).
 */
#include "html_page.h"
#include "html_sanitize.h"
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_style.inc"

/* ------------------------------------------------------------ anchor ids */

/* Symbols, punctuation and emoji: separators in an anchor. */
static bool is_symbol_code_point(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFEFF || cp == 0xFFFD;
}

static void slug_put(rd_buf *out, const char *s)
{
    if (strcmp(s, "-") == 0) {
        if (out->len && out->data[out->len - 1] != '-')
            rd_buf_putc(out, '-');
        return;
    }
    rd_buf_puts(out, s);
}

/* The anchor of a heading: lower case, accents folded (as GitBook writes
 * them: "déploiement" → "deploiement"), every run of other characters one
 * '-'. */
static void slugify(const char *text, size_t len, rd_buf *out)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        const unsigned char *u = (const unsigned char *)text + i;
        size_t n = rd_utf8_decode(u, len - i, &cp);
        char one[2] = { 0, 0 };
        if (cp < 0x80) {
            bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                         (cp >= 'A' && cp <= 'Z');
            one[0] = alnum ? (char)(cp | (cp >= 'A' ? 0x20 : 0)) : '-';
            slug_put(out, one);
        } else if (is_symbol_code_point(cp)) {
            slug_put(out, "-");
        } else {
            rd_fold_char(cp, out);      /* "é" → "e", "æ" → "ae" */
        }
        i += n;
    }
    while (out->len && out->data[out->len - 1] == '-')
        out->data[--out->len] = '\0';
    if (out->len && out->data[0] == '-') {
        memmove(out->data, out->data + 1, out->len);
        out->len--;
    }
    if (!out->len)
        rd_buf_puts(out, "section");
}

/* ---------------------------------------------------------------- writer */

enum {
    END_NEWLINE = 1u << 0,      /* a line break after the end tag */
    END_OWN_LINE = 1u << 1      /* the end tag starts a line */
};

typedef struct {
    const char *end_tag;    /* element closed when the node is left */
    unsigned end_how;       /* END_* */
    const char *context;    /* innermost element open: where content goes */
    bool phrasing;          /* only phrasing content may be opened here */
    bool in_link;           /* inside <a>, where no link may open */
    bool in_term;           /* inside <dt> or <th>, where no heading or
                               sectioning element may open */
    uint8_t card_part;      /* CARD_*: what of a card table it stands in */
    const rd_node *card_title;  /* a card: its title cell, made a link */
    const char *card_target;    /* a card: where its title or link leads */
    const rd_node *card_link;   /* a card whose title cannot be a link:
                                   the target's cell, a link at its end */
} frame;

/* Where a node stands in a card table drawn as cards. */
enum { CARD_NONE, CARD_TABLE, CARD_ROW, CARD_CELL };

typedef struct {
    const rd_doc *doc;
    rd_buf *out;
    bool safe;              /* raw HTML through the allowlist, URLs checked */
    bool spec;              /* the CommonMark specification's markup */
    bool french;            /* labels in French */
    frame *frames;
    size_t depth, cap;
    /* The ids given so far, so that each heading gets a unique one; each
     * keeps the next suffix to try for headings of the same text (as a
     * number), so that a page of many equal headings costs no more. */
    rd_strmap ids;
    rd_strmap refs;         /* "ref N": note N was referred to already */
    int last_heading;       /* level of the last heading written, or 0 */
    const rd_html_hooks *hooks;  /* NULL: a page on its own */
} writer;

static frame *push_frame(writer *w)
{
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->frames = rd_xrealloc(w->frames, w->cap * sizeof *w->frames);
    }
    frame *f = &w->frames[w->depth];
    if (w->depth) {
        *f = w->frames[w->depth - 1];
        f->end_tag = NULL;
        f->end_how = 0;
        f->card_title = NULL;
        f->card_link = NULL;
    } else {
        *f = (frame){ .context = "body" };
    }
    w->depth++;
    return f;
}

static void put(writer *w, const char *s)
{
    rd_buf_puts(w->out, s);
}

static void put_escaped(writer *w, const char *s, size_t len, rd_esc_mode mode)
{
    rd_html_escape(w->out, s ? s : "", s ? len : 0, mode);
}

static void put_escaped_str(writer *w, const char *s, rd_esc_mode mode)
{
    rd_html_escape_str(w->out, s, mode);
}

/* Starts a new line unless the output is at the start of one. */
static void cr(writer *w)
{
    if (w->out->len && w->out->data[w->out->len - 1] != '\n')
        rd_buf_putc(w->out, '\n');
}

/* Records that `name` is open: closed on exit, and the context of what
 * the node holds. */
static void set_open(frame *f, const char *name, unsigned end_how)
{
    f->end_tag = name;
    f->end_how = end_how;
    f->context = name;
    f->phrasing = f->phrasing || rd_html_holds_phrasing(name);
    f->in_link = f->in_link || strcmp(name, "a") == 0;
    f->in_term = f->in_term || strcmp(name, "dt") == 0 || strcmp(name, "th") == 0;
}

/* A block element whose start tag has no attributes. */
static void open_block(writer *w, frame *f, const char *name, unsigned end_how,
                       bool newline_after_start)
{
    cr(w);
    rd_buf_printf(w->out, "<%s>", name);
    if (newline_after_start)
        rd_buf_putc(w->out, '\n');
    set_open(f, name, end_how);
}

static void open_inline(writer *w, frame *f, const char *name)
{
    rd_buf_printf(w->out, "<%s>", name);
    set_open(f, name, 0);
}

static void write_card_link(writer *w, const frame *f);

static void close_frame(writer *w, const frame *f)
{
    if (f->card_link)
        write_card_link(w, f);
    if (f->end_how & END_OWN_LINE)
        cr(w);
    if (f->end_tag)
        rd_buf_printf(w->out, "</%s>", f->end_tag);
    if (f->end_tag && (f->end_how & END_NEWLINE))
        rd_buf_putc(w->out, '\n');
}

static bool url_allowed(const writer *w, const char *url, bool image)
{
    return !w->safe || rd_html_url_is_safe(url, image);
}

static void put_url_attr(writer *w, const char *name, const char *url)
{
    rd_buf_printf(w->out, " %s=\"", name);
    put_escaped_str(w, url, RD_ESC_URL);
    rd_buf_putc(w->out, '"');
}

/* A link's href: where the hooks send it, else as written. */
static const char *link_href(const writer *w, const char *url)
{
    const char *moved = w->hooks && w->hooks->link && url
                      ? w->hooks->link(w->hooks->data, url) : NULL;
    return moved ? moved : url ? url : "";
}

/* The attributes of a raw HTML link, its href where the hooks send it:
 * a copy in *copy (freed by the caller), else the node's own. */
static const rd_attr *link_attrs(const writer *w, const rd_node *n,
                                 rd_attr **copy)
{
    *copy = NULL;
    const char *href = n->type == RD_NODE_LINK ? link_href(w, n->url) : NULL;
    if (!href || href == n->url)
        return n->attrs;
    size_t count = 0;
    for (const rd_attr *a = n->attrs; a; a = a->next)
        count++;
    *copy = rd_xcalloc(count ? count : 1, sizeof **copy);
    size_t i = 0;
    for (const rd_attr *a = n->attrs; a; a = a->next, i++) {
        (*copy)[i] = *a;
        (*copy)[i].next = i + 1 < count ? &(*copy)[i + 1] : NULL;
        if (strcasecmp(a->name, "href") == 0)
            (*copy)[i].value = href;
    }
    return count ? *copy : NULL;
}

static void put_text_attr(writer *w, const char *name, const char *value)
{
    rd_buf_printf(w->out, " %s=\"", name);
    put_escaped_str(w, value, RD_ESC_ATTR);
    rd_buf_putc(w->out, '"');
}

/* ---------------------------------------------------------------- blocks */

static bool in_tight_list(const rd_node *para)
{
    const rd_node *item = para->parent;
    return item && item->type == RD_NODE_ITEM && item->parent &&
           item->parent->type == RD_NODE_LIST && item->parent->list_tight;
}

static bool enter_paragraph(writer *w, const rd_node *n, frame *f)
{
    /* A tight list shows its items' text without a paragraph around it. */
    if (in_tight_list(n))
        f->phrasing = true;
    else
        open_block(w, f, "p", END_NEWLINE, false);
    return true;
}

static const char *const heading_names[] = { "h1", "h2", "h3", "h4", "h5", "h6" };

static void put_heading_id(writer *w, const rd_node *n)
{
    rd_buf text, slug, id;
    rd_buf_init(&text);
    rd_buf_init(&slug);
    rd_buf_init(&id);
    rd_node_text(n, &text);
    slugify(text.data ? text.data : "", text.len, &slug);
    rd_buf_puts(&id, slug.data);
    rd_strmap_slot *base = rd_strmap_find(&w->ids, slug.data);
    if (base) {
        /* "titre", then "titre-1", "titre-2"…: the first suffix free. */
        uintptr_t k = (uintptr_t)base->value;
        do {
            id.len = 0;
            rd_buf_printf(&id, "%s-%lu", slug.data, (unsigned long)k++);
        } while (rd_strmap_find(&w->ids, id.data));
        base->value = (void *)k;
    }
    rd_strmap_put(&w->ids, id.data)->value = (void *)(uintptr_t)1;
    put_text_attr(w, "id", id.data);
    if (w->hooks && w->hooks->heading)
        w->hooks->heading(w->hooks->data, text.data ? text.data : "", id.data);
    rd_buf_free(&text);
    rd_buf_free(&slug);
    rd_buf_free(&id);
}

/* The element of a heading. A page that skips levels (h2 then h4) gets
 * them closed up, which keeps the outline and makes the page valid HTML:
 * the source is what heading-increment reports. */
static const char *heading_name(writer *w, int level)
{
    if (level < 1 || level > 6)
        level = 1;
    if (!w->spec && w->last_heading && level > w->last_heading + 1)
        level = w->last_heading + 1;
    w->last_heading = level;
    return heading_names[level - 1];
}

static bool enter_heading(writer *w, const rd_node *n, frame *f)
{
    const char *name = heading_name(w, n->level);
    cr(w);
    rd_buf_printf(w->out, "<%s", name);
    if (!w->spec)
        put_heading_id(w, n);
    put(w, ">");
    set_open(f, name, END_NEWLINE);
    return true;
}

static bool enter_list(writer *w, const rd_node *n, frame *f)
{
    const char *name = n->list_ordered ? "ol" : "ul";
    cr(w);
    if (n->list_ordered && n->list_start != 1)
        rd_buf_printf(w->out, "<ol start=\"%u\">\n", n->list_start);
    else
        rd_buf_printf(w->out, "<%s>\n", name);
    set_open(f, name, END_OWN_LINE | END_NEWLINE);
    return true;
}

static bool enter_item(writer *w, const rd_node *n, frame *f)
{
    cr(w);
    if (n->task) {
        put(w, "<li class=\"task-list-item\"><input type=\"checkbox\" "
               "class=\"task-list-item-checkbox\" disabled");
        put(w, n->task == 2 ? " checked>" : ">");
    } else {
        put(w, "<li>");
    }
    set_open(f, "li", END_NEWLINE);
    return true;
}

static void write_code_block(writer *w, const rd_node *n)
{
    cr(w);
    put(w, "<pre><code");
    if (n->lang && *n->lang) {
        put(w, " class=\"language-");
        put_escaped_str(w, n->lang, RD_ESC_ATTR);
        put(w, "\"");
    }
    put(w, ">");
    put_escaped(w, n->literal, n->literal_len, RD_ESC_TEXT);
    put(w, "</code></pre>\n");
}

static bool enter_html_block(writer *w, const rd_node *n, frame *f)
{
    cr(w);
    if (!w->safe) {
        put_escaped(w, n->literal, n->literal_len, RD_ESC_RAW);
        cr(w);
        return false;
    }
    /* Its parsed nodes follow, through the allowlist. */
    f->end_how = END_OWN_LINE;
    return !(n->flags & RD_FLAG_COMMENT);
}

static bool enter_table_cell(writer *w, const rd_node *n, frame *f)
{
    static const char *const aligns[] = { NULL, "left", "center", "right" };
    const char *name = (n->flags & RD_FLAG_HEADER) ? "th" : "td";
    const char *align = (unsigned)n->align < 4 ? aligns[n->align] : NULL;
    rd_buf_printf(w->out, "<%s", name);
    if (align && w->spec)
        rd_buf_printf(w->out, " align=\"%s\"", align);
    else if (align)
        rd_buf_printf(w->out, " style=\"text-align: %s\"", align);
    put(w, ">");
    set_open(f, name, END_NEWLINE);
    return true;
}

/* --------------------------------------------------------------- inlines */

static bool enter_link(writer *w, const rd_node *n, frame *f)
{
    /* A link that may not be followed, or one inside another, keeps its
     * text only. */
    if (!url_allowed(w, n->url, false) || (w->safe && f->in_link))
        return true;
    put(w, "<a");
    put_url_attr(w, "href", link_href(w, n->url));
    if (n->title)
        put_text_attr(w, "title", n->title);
    put(w, ">");
    set_open(f, "a", 0);
    return true;
}

static void write_image(writer *w, const rd_node *n)
{
    /* An image that may not load, or has no source, is its text. */
    if (!url_allowed(w, n->url, true) || (w->safe && (!n->url || !*n->url))) {
        put_escaped_str(w, n->alt, RD_ESC_TEXT);
        return;
    }
    put(w, "<img");
    put_url_attr(w, "src", n->url ? n->url : "");
    put_text_attr(w, "alt", n->alt ? n->alt : "");
    if (n->title)
        put_text_attr(w, "title", n->title);
    put(w, ">");
}

static bool enter_html_inline(writer *w, const rd_node *n)
{
    if (!w->safe) {
        put_escaped(w, n->literal, n->literal_len, RD_ESC_RAW);
        return false;
    }
    /* Tags paired into an element node are written by that node; a lone
     * tag is written from its parsed element. */
    return !(n->flags & (RD_FLAG_ABSORBED | RD_FLAG_COMMENT));
}

/* ------------------------------------------------------------- raw HTML */

static const char *html_name_of(const rd_node *n)
{
    if (n->name)
        return n->name;
    return n->type == RD_NODE_TABLE_BODY ? "tbody" : NULL;
}

/* Whether an allowed element may open where the walk stands: the
 * content model of what is open around it must accept it, and it must
 * accept its own children. */
static bool may_open(const frame *f, const rd_node *n, const char *name)
{
    if (f->phrasing && rd_html_is_flow_only(name))
        return false;
    if (f->in_link && (strcmp(name, "a") == 0 || strcmp(name, "details") == 0))
        return false;
    if (f->in_term && rd_html_is_heading_or_section(name))
        return false;
    return rd_html_parent_allows(f->context, name) &&
           rd_html_children_fit(name, n);
}

/* <pre> and <code> hold their text as a literal. */
static void write_literal_element(writer *w, const rd_node *n, const char *name,
                                  bool open)
{
    if (open) {
        rd_buf_printf(w->out, "<%s", name);
        rd_html_write_attrs(w->out, name, n->attrs);
        put(w, ">");
        /* A browser drops the line break that starts a <pre>. */
        if (strcmp(name, "pre") == 0 && n->literal_len && n->literal[0] == '\n')
            put(w, "\n");
    }
    put_escaped(w, n->literal, n->literal_len, RD_ESC_TEXT);
    if (open)
        rd_buf_printf(w->out, "</%s>", name);
}

/* The id of a raw anchor, <a id="…"> (or <a name="…">, as older pages
 * write it), which same-page links point to: kept when it is a plain name
 * (letters, digits, '-', '_', '.', ':') that no other element of the
 * output has. The ids of other elements go, as the allowlist wants. */
static void put_raw_id(writer *w, const rd_node *n)
{
    if (n->type != RD_NODE_LINK)
        return;
    const char *id = rd_node_attr(n, "id");
    if (!id)
        id = rd_node_attr(n, "name");
    if (!id || !*id || strlen(id) > 256)
        return;
    for (const char *c = id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || strchr("-_.:", *c)))
            return;
    if (rd_strmap_find(&w->ids, id))
        return;
    rd_strmap_put(&w->ids, id)->value = (void *)(uintptr_t)1;
    put_text_attr(w, "id", id);
}

/* An element of the page's raw HTML, in safe mode. Returns whether its
 * children are to be written. */
static bool enter_html_element(writer *w, const rd_node *n, frame *f)
{
    const char *name = html_name_of(n);
    if (!name)
        return true;
    switch (rd_html_element_verdict(name)) {
    case RD_ELEM_DROP:
        return false;
    case RD_ELEM_UNWRAP:
        return true;
    case RD_ELEM_KEEP:
        break;
    }
    const char *out_name = rd_html_element_output_name(name);
    bool open = may_open(f, n, out_name);
    bool is_literal = (n->type == RD_NODE_CODE_BLOCK || n->type == RD_NODE_CODE) &&
                      n->literal;
    if (is_literal) {
        write_literal_element(w, n, out_name, open);
        return false;
    }
    /* An image needs a source it may load; a link whose target is
     * unsafe is no link. */
    if (n->type == RD_NODE_IMAGE &&
        (!n->url || !*n->url || !rd_html_url_is_safe(n->url, true)))
        open = false;
    if (n->type == RD_NODE_LINK && n->url && !rd_html_url_is_safe(n->url, false))
        open = false;
    if (!open) {
        if (n->type == RD_NODE_IMAGE)
            put_escaped_str(w, n->alt, RD_ESC_TEXT);
        return true;
    }
    if (n->type == RD_NODE_HEADING)
        out_name = heading_name(w, n->level);
    rd_buf_printf(w->out, "<%s", out_name);
    rd_attr *copy;
    rd_html_write_attrs(w->out, out_name, link_attrs(w, n, &copy));
    free(copy);
    put_raw_id(w, n);
    put(w, ">");
    if (!rd_html_is_void(out_name))
        set_open(f, out_name, 0);
    return true;
}

/* --------------------------------------------------------- GitBook blocks */

static const char *hint_style(const rd_node *n)
{
    static const char *const styles[] = { "info", "success", "warning", "danger" };
    const char *style = rd_node_attr(n, "style");
    for (size_t i = 0; style && i < 4; i++)
        if (strcasecmp(style, styles[i]) == 0)
            return styles[i];
    return "info";
}

static const char *hint_label(const char *style, bool french)
{
    static const struct { const char *style, *fr, *en; } labels[] = {
        { "info", "Information", "Info" },
        { "success", "Succès", "Success" },
        { "warning", "Attention", "Warning" },
        { "danger", "Danger", "Danger" },
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].style, style) == 0)
            return french ? labels[i].fr : labels[i].en;
    return "";
}

static void enter_hint(writer *w, const rd_node *n, frame *f)
{
    const char *style = hint_style(n);
    cr(w);
    rd_buf_printf(w->out, "<aside class=\"hint hint-%s\" role=\"note\">\n"
                          "<p class=\"hint-label\">%s</p>\n",
                  style, hint_label(style, w->french));
    set_open(f, "aside", END_OWN_LINE | END_NEWLINE);
}

/* The last segment of a path, for the name of a file link. */
static const char *base_name(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    const char *slash = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (path[i] == '/')
            slash = path + i;
    return slash ? slash + 1 : path;
}

/* content-ref, embed, file: a card holding a link to the target (unless
 * the block already holds one) and whatever the block holds. */
static void enter_link_card(writer *w, const rd_node *n, frame *f,
                            const char *kind)
{
    cr(w);
    rd_buf_printf(w->out, "<div class=\"%s\">\n", kind);
    set_open(f, "div", END_OWN_LINE | END_NEWLINE);
    bool holds_link = n->liquid == RD_LIQUID_CONTENT_REF && n->first_child;
    const char *url = n->url;
    if (holds_link || !url || !*url)
        return;
    put(w, "<p>");
    bool linked = url_allowed(w, url, false);
    if (linked) {
        put(w, "<a");
        put_url_attr(w, "href", link_href(w, url));
        if (n->liquid == RD_LIQUID_FILE)
            put(w, " download");
        put(w, ">");
    }
    put_escaped_str(w, n->liquid == RD_LIQUID_FILE ? base_name(url) : url,
                    RD_ESC_TEXT);
    put(w, linked ? "</a></p>\n" : "</p>\n");
}

static void enter_tab(writer *w, const rd_node *n, frame *f)
{
    cr(w);
    put(w, "<details class=\"tab\" open>\n<summary>");
    const char *title = n->title && *n->title ? n->title
                        : (w->french ? "Onglet" : "Tab");
    put_escaped_str(w, title, RD_ESC_TEXT);
    put(w, "</summary>\n");
    set_open(f, "details", END_OWN_LINE | END_NEWLINE);
}

static void enter_code_figure(writer *w, const rd_node *n, frame *f)
{
    cr(w);
    if (!n->title || !*n->title) {
        put(w, "<div class=\"code\">\n");
        set_open(f, "div", END_OWN_LINE | END_NEWLINE);
        return;
    }
    put(w, "<figure class=\"code\">\n<figcaption>");
    put_escaped_str(w, n->title, RD_ESC_TEXT);
    put(w, "</figcaption>\n");
    set_open(f, "figure", END_OWN_LINE | END_NEWLINE);
}

static void open_classed(writer *w, frame *f, const char *name, const char *cls)
{
    cr(w);
    rd_buf_printf(w->out, "<%s class=\"%s\">\n", name, cls);
    set_open(f, name, END_OWN_LINE | END_NEWLINE);
}

/* An API block or one of its labelled parts: a box whose first line is
 * the endpoint ("GET https://…/items"), the parameter or the response. */
static void enter_api(writer *w, const rd_node *n, frame *f)
{
    rd_buf label;
    rd_buf_init(&label);
    rd_liquid_api_label(n, &label);
    bool api = n->liquid == RD_LIQUID_API;
    if (api || label.len) {
        open_classed(w, f, "div", api ? "api-method" : "api-part");
        put(w, "<p class=\"api-label\"><code>");
        put_escaped(w, label.data, label.len, RD_ESC_TEXT);
        put(w, "</code></p>\n");
    }
    rd_buf_free(&label);
}

static bool enter_liquid(writer *w, const rd_node *n, frame *f)
{
    if (n->flags & RD_FLAG_STRAY_END)
        return false;
    if (f->phrasing)
        return true;    /* no block may open here: the content only */
    switch (n->liquid) {
    case RD_LIQUID_HINT: enter_hint(w, n, f); break;
    case RD_LIQUID_CONTENT_REF: enter_link_card(w, n, f, "content-ref"); break;
    case RD_LIQUID_EMBED: enter_link_card(w, n, f, "embed"); break;
    case RD_LIQUID_FILE: enter_link_card(w, n, f, "file"); break;
    case RD_LIQUID_TABS: open_classed(w, f, "div", "tabs"); break;
    case RD_LIQUID_TAB: enter_tab(w, n, f); break;
    case RD_LIQUID_STEPPER: open_classed(w, f, "ol", "stepper"); break;
    case RD_LIQUID_STEP:
        if (f->context && strcmp(f->context, "ol") == 0)
            open_classed(w, f, "li", "step");
        else
            open_classed(w, f, "div", "step");
        break;
    case RD_LIQUID_CODE: enter_code_figure(w, n, f); break;
    case RD_LIQUID_API: case RD_LIQUID_API_PART: enter_api(w, n, f); break;
    case RD_LIQUID_INCLUDE: case RD_LIQUID_OTHER: break;
    }
    return true;
}

/* ------------------------------------------------------------- footnotes */


/* ---------------------------------------------------------- card tables */

static void put_one_line(writer *w, const char *s, rd_esc_mode mode);

/* A GitBook card table (see cards.c) is drawn as GitBook draws it: a grid
 * of cards, each its cover image, its title linked to its target, and its
 * other shown cells; the head row and the hidden columns are not text. */
static bool enter_card_table(writer *w, frame *f)
{
    if (f->phrasing || f->in_link || !rd_html_parent_allows(f->context, "ul"))
        return false;
    open_classed(w, f, "ul", "cards");
    f->card_part = CARD_TABLE;
    return true;
}

static void enter_card(writer *w, const rd_node *row, frame *f)
{
    rd_card card;
    rd_card_read(row, &card);
    cr(w);
    put(w, "<li class=\"card\">");
    set_open(f, "li", END_OWN_LINE | END_NEWLINE);
    f->card_part = CARD_ROW;
    if (card.cover && url_allowed(w, card.cover, true)) {
        put(w, "<img class=\"card-cover\"");
        put_url_attr(w, "src", card.cover);
        put(w, " alt=\"\">");
    }
    if (!card.target || !url_allowed(w, card.target, false))
        return;
    f->card_target = card.target;
    if (card.title && !rd_card_link_url(card.title))
        f->card_title = card.title;
    else
        f->card_link = card.target_cell;
}

static bool enter_card_cell(writer *w, const rd_node *cell, frame *f)
{
    if (!rd_card_cell_shown(cell))
        return false;
    const frame *card = &w->frames[w->depth - 2];
    f->card_part = CARD_CELL;
    cr(w);
    if (cell != card->card_title) {
        put(w, "<div class=\"card-text\">");
        set_open(f, "div", END_NEWLINE);
        return true;
    }
    put(w, "<a class=\"card-title\"");
    put_url_attr(w, "href", link_href(w, card->card_target));
    put(w, ">");
    set_open(f, "a", END_NEWLINE);
    return true;
}

/* The target of a card whose title cannot lead there (it has none, or
 * holds a link of its own): a link of its own, named by the target cell. */
static void write_card_link(writer *w, const frame *f)
{
    rd_buf name;
    rd_buf_init(&name);
    rd_node_text(f->card_link, &name);
    cr(w);
    put(w, "<a class=\"card-link\"");
    put_url_attr(w, "href", link_href(w, f->card_target));
    put(w, ">");
    put_one_line(w, name.len ? name.data : f->card_target, RD_ESC_TEXT);
    put(w, "</a>\n");
    rd_buf_free(&name);
}

/* A node of a card table drawn as cards; returns whether its children
 * are to be written. Sets *handled when the node is one. */
static bool enter_card_node(writer *w, const rd_node *n, frame *f,
                            bool *handled)
{
    *handled = true;
    if (n->type == RD_NODE_TABLE && rd_card_is_table(n) && enter_card_table(w, f))
        return true;
    if (f->card_part == CARD_TABLE && n->type == RD_NODE_TABLE_HEAD)
        return false;
    if (f->card_part == CARD_TABLE && n->type == RD_NODE_TABLE_BODY)
        return true;
    if (f->card_part == CARD_TABLE && n->type == RD_NODE_TABLE_ROW) {
        enter_card(w, n, f);
        return true;
    }
    if (f->card_part == CARD_ROW && n->type == RD_NODE_TABLE_CELL)
        return enter_card_cell(w, n, f);
    *handled = false;
    return false;
}

/* The ids of the notes ("fn-2") and of their first references
 * ("fnref-2"), taken before any heading's so that no heading takes one. */
static void reserve_note_ids(writer *w, const rd_node *root)
{
    for (const rd_node *n = root ? root->first_child : NULL; n; n = n->next) {
        if (n->type != RD_NODE_FOOTNOTE_DEF)
            continue;
        char id[48];
        snprintf(id, sizeof id, "fn-%u", n->list_start);
        rd_strmap_put(&w->ids, id)->value = (void *)(uintptr_t)1;
        snprintf(id, sizeof id, "fnref-%u", n->list_start);
        rd_strmap_put(&w->ids, id)->value = (void *)(uintptr_t)1;
    }
}

/* Whether no earlier reference to the same note carries the id the note
 * links back to (a reference inside a link has none). */
static bool is_first_ref(writer *w, const rd_node *n)
{
    char key[48];
    snprintf(key, sizeof key, "ref %u", n->list_start);
    if (rd_strmap_find(&w->refs, key))
        return false;
    rd_strmap_put(&w->refs, key)->value = (void *)(uintptr_t)1;
    return true;
}

/* The note's number as a superscript link to it. */
static void write_note_ref(writer *w, const rd_node *n, const frame *f)
{
    put(w, "<sup class=\"footnote-ref\">");
    if (!f->in_link) {
        bool first = is_first_ref(w, n);
        rd_buf_printf(w->out, "<a href=\"#fn-%u\"", n->list_start);
        if (first)
            rd_buf_printf(w->out, " id=\"fnref-%u\"", n->list_start);
        put(w, ">");
    }
    rd_buf_printf(w->out, "%u", n->list_start);
    put(w, f->in_link ? "</sup>" : "</a></sup>");
}

/* A note: an item of the list of notes that its first one opens. */
static bool enter_note(writer *w, const rd_node *n, frame *f)
{
    if (!n->prev || n->prev->type != RD_NODE_FOOTNOTE_DEF) {
        cr(w);
        put(w, "<div class=\"footnotes\">\n<ol>\n");
    }
    rd_buf_printf(w->out, "<li id=\"fn-%u\">", n->list_start);
    set_open(f, "li", END_NEWLINE);
    return true;
}

/* The link back to the first reference, and the end of the list after
 * the last note. */
static void leave_note(writer *w, const rd_node *n)
{
    char key[48];
    snprintf(key, sizeof key, "ref %u", n->list_start);
    if (rd_strmap_find(&w->refs, key))
        rd_buf_printf(w->out, " <a href=\"#fnref-%u\" class=\"footnote-back\""
                      " aria-label=\"%s\">\xE2\x86\xA9</a>", n->list_start,
                      w->french ? "Retour au texte" : "Back to the text");
}

static void close_note_list(writer *w, const rd_node *n)
{
    if (!n->next || n->next->type != RD_NODE_FOOTNOTE_DEF)
        put(w, "</ol>\n</div>\n");
}

/* ------------------------------------------------------------------ walk */

/* Writes what opens a node; returns whether its children are walked. */
static bool enter_node(writer *w, const rd_node *n, frame *f)
{
    /* Passed through, the raw blocks of a grouped element hold the tags
     * of its parsed children. */
    if (!w->safe && (n->flags & RD_FLAG_HTML) && n->parent &&
        (n->parent->flags & RD_FLAG_GROUPED))
        return false;
    if (n->type == RD_NODE_TABLE)
        f->card_part = CARD_NONE;
    bool handled, walk = w->safe && !w->spec ? enter_card_node(w, n, f, &handled)
                                            : (handled = false);
    if (handled)
        return walk;
    if ((n->flags & RD_FLAG_HTML) && n->type != RD_NODE_TEXT)
        /* Without the allowlist, such a node only groups the raw tags
         * written around its content. */
        return w->safe ? enter_html_element(w, n, f) : true;
    switch (n->type) {
    case RD_NODE_PARAGRAPH: return enter_paragraph(w, n, f);
    case RD_NODE_HEADING: return enter_heading(w, n, f);
    case RD_NODE_THEMATIC_BREAK: cr(w); put(w, "<hr>\n"); return false;
    case RD_NODE_BLOCK_QUOTE:
        open_block(w, f, "blockquote", END_OWN_LINE | END_NEWLINE, true);
        return true;
    case RD_NODE_LIST: return enter_list(w, n, f);
    case RD_NODE_ITEM: return enter_item(w, n, f);
    case RD_NODE_CODE_BLOCK: write_code_block(w, n); return false;
    case RD_NODE_HTML_BLOCK: return enter_html_block(w, n, f);
    case RD_NODE_TABLE: open_block(w, f, "table", END_NEWLINE, true); return true;
    case RD_NODE_TABLE_HEAD: open_block(w, f, "thead", END_NEWLINE, true); return true;
    case RD_NODE_TABLE_BODY: open_block(w, f, "tbody", END_NEWLINE, true); return true;
    case RD_NODE_TABLE_ROW: open_block(w, f, "tr", END_NEWLINE, true); return true;
    case RD_NODE_TABLE_CELL: return enter_table_cell(w, n, f);
    case RD_NODE_LIQUID: return enter_liquid(w, n, f);
    case RD_NODE_TEXT:
    case RD_NODE_ENTITY:
        put_escaped(w, n->literal, n->literal_len, RD_ESC_TEXT);
        return false;
    case RD_NODE_SOFTBREAK: put(w, "\n"); return false;
    case RD_NODE_LINEBREAK: put(w, "<br>\n"); return false;
    case RD_NODE_CODE:
        put(w, "<code>");
        put_escaped(w, n->literal, n->literal_len, RD_ESC_TEXT);
        put(w, "</code>");
        return false;
    case RD_NODE_HTML_INLINE: return enter_html_inline(w, n);
    case RD_NODE_EMPH: open_inline(w, f, "em"); return true;
    case RD_NODE_STRONG: open_inline(w, f, "strong"); return true;
    case RD_NODE_STRIKETHROUGH: open_inline(w, f, "del"); return true;
    case RD_NODE_LINK: return enter_link(w, n, f);
    case RD_NODE_IMAGE: write_image(w, n); return false;
    case RD_NODE_FOOTNOTE_REF: write_note_ref(w, n, f); return false;
    case RD_NODE_FOOTNOTE_DEF: return enter_note(w, n, f);
    default:
        return true;    /* DOCUMENT, and HTML kinds that only raw HTML makes */
    }
}

static bool is_blank(const char *s);

/* The front matter description, under the title as GitBook shows it. */
static void write_description(writer *w)
{
    const char *description = rd_doc_meta_get(w->doc, "description");
    if (is_blank(description))
        return;
    cr(w);
    put(w, "<p class=\"description\">");
    put_one_line(w, description, RD_ESC_TEXT);
    put(w, "</p>\n");
}

static void write_body(writer *w, rd_node *root)
{
    const rd_node *title = w->spec ? NULL : rd_doc_title_node(w->doc);
    if (!title && !w->spec)
        write_description(w);
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER) {
            if (!enter_node(w, n, push_frame(w)))
                rd_iter_skip_children(&it);
        } else {
            if (n->type == RD_NODE_FOOTNOTE_DEF)
                leave_note(w, n);
            close_frame(w, &w->frames[--w->depth]);
            if (n->type == RD_NODE_FOOTNOTE_DEF)
                close_note_list(w, n);
            if (n == title)
                write_description(w);
        }
    }
}

/* ------------------------------------------------------------------ page */

/* A language tag of the shape BCP 47 gives ("fr", "fr-CA", "zh-Hant"):
 * anything else would make the page invalid. */
static bool is_language_tag(const char *s)
{
    if (!s)
        return false;
    size_t i = 0;
    while ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
        i++;
    if (i < 2 || i > 8)
        return false;
    while (s[i] == '-') {
        size_t start = ++i;
        while (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
               (s[i] >= '0' && s[i] <= '9'))
            i++;
        if (i == start || i - start > 8)
            return false;
    }
    return s[i] == '\0';
}

static const char *page_language(const rd_doc *doc, const rd_emit_options *opts)
{
    if (is_language_tag(opts->lang))
        return opts->lang;
    const char *meta = rd_doc_meta_get(doc, "lang");
    if (is_language_tag(meta))
        return meta;
    return "fr";
}

static bool is_french(const char *lang)
{
    return strncasecmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-');
}

/* Text on one line: whitespace runs as one space, none at the ends. */
static void put_one_line(writer *w, const char *s, rd_esc_mode mode)
{
    rd_buf line;
    rd_buf_init(&line);
    bool space = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = line.len > 0;
            continue;
        }
        if (space)
            rd_buf_putc(&line, ' ');
        space = false;
        rd_buf_putc(&line, *s);
    }
    put_escaped(w, line.data ? line.data : "", line.len, mode);
    rd_buf_free(&line);
}

static bool is_blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s))
            return false;
    return true;
}

/* The page title; a page without one is named after its file. */
static void put_title(writer *w)
{
    const char *title = rd_doc_title(w->doc);
    if (is_blank(title)) {
        const char *name = rd_doc_name(w->doc);
        title = name && strcmp(name, "-") != 0 ? base_name(name) : NULL;
    }
    put_one_line(w, is_blank(title) ? "Document" : title, RD_ESC_TEXT);
}

static void hook(writer *w, void (*fn)(void *, rd_buf *))
{
    if (fn)
        fn(w->hooks->data, w->out);
}

static void write_head(writer *w, const rd_emit_options *opts, const char *lang)
{
    put(w, "<!DOCTYPE html>\n<html lang=\"");
    put_escaped_str(w, lang, RD_ESC_ATTR);
    put(w, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>");
    put_title(w);
    put(w, "</title>\n");
    const char *description = rd_doc_meta_get(w->doc, "description");
    if (!is_blank(description)) {
        put(w, "<meta name=\"description\" content=\"");
        put_one_line(w, description, RD_ESC_ATTR);
        put(w, "\">\n");
    }
    if (opts->css) {
        put(w, "<link rel=\"stylesheet\"");
        put_url_attr(w, "href", opts->css);
        put(w, ">\n");
    } else {
        put(w, "<style>\n");
        put(w, html_style);
        put(w, "</style>\n");
    }
    hook(w, w->hooks ? w->hooks->head : NULL);
    put(w, "</head>\n<body>\n");
    hook(w, w->hooks ? w->hooks->body_start : NULL);
    put(w, "<main>\n");
}

int rd_emit_html(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    return rd_emit_html_hooked(doc, opts, NULL, out);
}

int rd_emit_html_hooked(const rd_doc *doc, const rd_emit_options *opts,
                        const rd_html_hooks *hooks, rd_buf *out)
{
    if (!doc || !out)
        return RD_ERR_USAGE;
    static const rd_emit_options defaults = { 0 };
    if (!opts)
        opts = &defaults;
    const char *lang = page_language(doc, opts);
    writer w = {
        .doc = doc,
        .out = out,
        .safe = !opts->unsafe,
        .spec = (doc->flags & RD_PARSE_COMMONMARK) != 0,
        .french = is_french(lang),
        .hooks = hooks,
    };
    if (!opts->fragment)
        write_head(&w, opts, lang);
    reserve_note_ids(&w, rd_doc_root(doc));
    write_body(&w, rd_doc_root(doc));
    if (!opts->fragment) {
        cr(&w);
        hook(&w, hooks ? hooks->main_end : NULL);
        put(&w, "</main>\n");
        hook(&w, hooks ? hooks->body_end : NULL);
        put(&w, "</body>\n</html>\n");
    }
    free(w.frames);
    rd_strmap_free(&w.ids);
    rd_strmap_free(&w.refs);
    return RD_OK;
}
