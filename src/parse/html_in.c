/* Raw HTML → nodes.
 *
 * Pages hold raw HTML both as blocks (GitBook's <figure>, card tables,
 * <div align>) and as single tags inside paragraphs (<br>, <mark>…</mark>).
 * libxml2's HTML parser builds the element tree; this file maps it onto
 * document nodes and gives each node the file position of its own tag,
 * which libxml2 cannot tell (it knows lines, not columns), by finding the
 * tags again in the raw text in document order.
 *
 * Why one file of this size: libxml2's parser is driven through one walker whose state (the fragment,
 * its positions mapped back into the page, the stack of open nodes) every
 * element handler shares; the sections follow that walk.
 */
#include "internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The fragment is parsed inside this element: libxml2 drops text that has
 * no element around it, and an unknown element is never closed implicitly
 * by what the fragment holds. */
#define FRAGMENT_NAME "roledoc-fragment"
static const char fragment_open[] = "<" FRAGMENT_NAME ">";
static const char fragment_close[] = "</" FRAGMENT_NAME ">";

static const int parse_options =
    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | HTML_PARSE_NODEFDTD |
    HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

/* ------------------------------------------------------------ elements */

typedef struct {
    const char *name;
    rd_node_type type;
} element_kind;

/* Elements with a node type of their own; every other one is an ELEMENT.
 * Sorted by name. */
static const element_kind element_kinds[] = {
    {"a", RD_NODE_LINK},           {"b", RD_NODE_STRONG},
    {"blockquote", RD_NODE_BLOCK_QUOTE}, {"br", RD_NODE_LINEBREAK},
    {"code", RD_NODE_CODE},        {"del", RD_NODE_STRIKETHROUGH},
    {"em", RD_NODE_EMPH},          {"figcaption", RD_NODE_FIGCAPTION},
    {"figure", RD_NODE_FIGURE},    {"h1", RD_NODE_HEADING},
    {"h2", RD_NODE_HEADING},       {"h3", RD_NODE_HEADING},
    {"h4", RD_NODE_HEADING},       {"h5", RD_NODE_HEADING},
    {"h6", RD_NODE_HEADING},       {"hr", RD_NODE_THEMATIC_BREAK},
    {"i", RD_NODE_EMPH},           {"img", RD_NODE_IMAGE},
    {"li", RD_NODE_ITEM},          {"mark", RD_NODE_MARK},
    {"ol", RD_NODE_LIST},          {"p", RD_NODE_PARAGRAPH},
    {"pre", RD_NODE_CODE_BLOCK},   {"s", RD_NODE_STRIKETHROUGH},
    {"strike", RD_NODE_STRIKETHROUGH}, {"strong", RD_NODE_STRONG},
    {"sub", RD_NODE_SUBSCRIPT},    {"sup", RD_NODE_SUPERSCRIPT},
    {"table", RD_NODE_TABLE},      {"tbody", RD_NODE_TABLE_BODY},
    {"td", RD_NODE_TABLE_CELL},    {"tfoot", RD_NODE_TABLE_BODY},
    {"th", RD_NODE_TABLE_CELL},    {"thead", RD_NODE_TABLE_HEAD},
    {"tr", RD_NODE_TABLE_ROW},     {"ul", RD_NODE_LIST},
};

static int compare_kind(const void *name, const void *kind)
{
    return strcmp(name, ((const element_kind *)kind)->name);
}

static rd_node_type node_type_of(const char *name)
{
    const element_kind *k = bsearch(name, element_kinds,
                                    sizeof element_kinds / sizeof *element_kinds,
                                    sizeof *element_kinds, compare_kind);
    return k ? k->type : RD_NODE_ELEMENT;
}

static int compare_name(const void *name, const void *entry)
{
    return strcmp(name, *(const char *const *)entry);
}

/* Whether name is in list, a sorted array of n names: every element of
 * every HTML block is looked up in these lists. */
static bool name_in(const char *name, const char *const *list, size_t n)
{
    return bsearch(name, list, n, sizeof *list, compare_name) != NULL;
}

#define NAME_IN(name, list) name_in((name), (list), sizeof (list) / sizeof *(list))

/* Elements around which (and at whose edges) whitespace means nothing
 * (sorted, the wrapper among them). */
static bool is_block_element(const char *name)
{
    static const char *const blocks[] = {
        "address", "article", "aside", "blockquote", "body", "caption",
        "col", "colgroup", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
        "li", "main", "nav", "ol", "p", "pre", FRAGMENT_NAME, "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"
    };
    return NAME_IN(name, blocks);
}

/* Elements whose text is kept exactly as written (sorted). */
static bool is_verbatim_element(const char *name)
{
    static const char *const verbatim[] = {
        "code", "listing", "plaintext", "pre", "script", "style", "textarea",
        "xmp"
    };
    return NAME_IN(name, verbatim);
}

/* Elements whose content libxml2 reads as raw text, markup included. */
static bool is_raw_text_element(const char *name)
{
    return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
}

/* Elements that become one node with a literal instead of children. */
static bool is_literal_element(const char *name)
{
    return strcmp(name, "code") == 0 || strcmp(name, "pre") == 0;
}

/* ------------------------------------------------------------- scanning */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
           c == '.';
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Index of `needle` in s[from..to), or `to`. */
static size_t find_str(const char *s, size_t from, size_t to, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= to; i++)
        if (memcmp(s + i, needle, n) == 0)
            return i;
    return to;
}

/* Just past the '>' that ends the markup starting at s[at] (a comment, an
 * end tag, a declaration), or len when it never ends. */
static size_t skip_markup(const char *s, size_t len, size_t at)
{
    if (len - at >= 4 && memcmp(s + at, "<!--", 4) == 0) {
        size_t end = find_str(s, at + 4, len, "-->");
        return end < len ? end + 3 : len;
    }
    size_t end = find_str(s, at + 1, len, ">");
    return end < len ? end + 1 : len;
}

/* Just past the '>' of the start tag at s[at], attribute values with '>' in
 * quotes included; len when the tag never ends. */
static size_t end_of_start_tag(const char *s, size_t len, size_t at)
{
    size_t i = at + 1;
    while (i < len && s[i] != '>') {
        if (s[i] == '=') {
            i++;
            while (i < len && is_space(s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i];
                const char *close = memchr(s + i + 1, q, len - i - 1);
                i = close ? (size_t)(close - s) + 1 : len;
            }
            continue;
        }
        i++;
    }
    return i < len ? i + 1 : len;
}

/* Does markup (not a stray '<' of text) start at s[at]? */
static bool markup_starts(const char *s, size_t len, size_t at)
{
    if (at + 1 >= len || s[at] != '<')
        return false;
    char c = s[at + 1];
    return is_letter(c) || c == '/' || c == '!' || c == '?';
}

/* True when the text is nothing but comments and whitespace, with at least
 * one comment: such raw HTML says nothing to a reader. */
static bool only_comments(const char *s, size_t len)
{
    size_t i = 0;
    bool seen = false;
    for (;;) {
        while (i < len && is_space(s[i]))
            i++;
        if (i >= len)
            return seen;
        if (len - i < 4 || memcmp(s + i, "<!--", 4) != 0)
            return false;
        seen = true;
        i = skip_markup(s, len, i);
    }
}

/* ------------------------------------------------------- offset mapping */

/* Maps offsets in a fragment to offsets in the file. A fragment is usually
 * a verbatim slice of the file; when it is not (an HTML block inside a list
 * or a quote loses its line prefixes), each of its lines is found again in
 * the file, in order. */
typedef struct {
    size_t base;            /* file offset of the fragment's first byte */
    size_t file_size;       /* no offset goes past the file's end */
    bool verbatim;
    size_t nlines;
    size_t *starts;         /* fragment offset where each line starts */
    size_t *file_starts;    /* file offset of the same place */
} offset_map;

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 1;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
        n++;
    return n;
}

/* File offset of line text s[0..n) at or after `from`, looking no further
 * than a prefix's width ahead; SIZE_MAX when absent. */
static size_t find_line_in_file(const rd_doc *doc, size_t from,
                                const char *s, size_t n)
{
    size_t limit = from + n + 256;
    if (limit > doc->size)
        limit = doc->size;
    for (size_t i = from; i + n <= limit; i++)
        if (memcmp(doc->bytes + i, s, n) == 0)
            return i;
    return SIZE_MAX;
}

static void map_lines(offset_map *m, const rd_doc *doc, const char *html,
                      size_t len)
{
    size_t file_cursor = m->base;
    size_t line = 0;
    for (size_t i = 0; i <= len; line++) {
        const char *nl = memchr(html + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - html) : len;
        size_t at = find_line_in_file(doc, file_cursor, html + i, end - i);
        m->starts[line] = i;
        m->file_starts[line] = at != SIZE_MAX ? at : file_cursor;
        file_cursor = m->file_starts[line] + (end - i) + (nl ? 1 : 0);
        if (file_cursor > doc->size)
            file_cursor = doc->size;
        if (!nl)
            break;
        i = end + 1;
    }
    m->nlines = line + 1;
}

static void offset_map_init(offset_map *m, const rd_doc *doc,
                            const char *html, size_t len, size_t base)
{
    memset(m, 0, sizeof *m);
    m->base = base;
    m->file_size = doc->bytes ? doc->size : SIZE_MAX;
    m->verbatim = !doc->bytes || base > doc->size || len > doc->size - base ||
                  memcmp(doc->bytes + base, html, len) == 0;
    if (m->verbatim)
        return;
    size_t n = count_lines(html, len);
    m->starts = malloc(n * sizeof *m->starts);
    m->file_starts = malloc(n * sizeof *m->file_starts);
    if (!m->starts || !m->file_starts)
        abort();
    map_lines(m, doc, html, len);
}

static void offset_map_free(offset_map *m)
{
    free(m->starts);
    free(m->file_starts);
}

/* File offset of fragment offset `at` through the line table. */
static size_t map_line_offset(const offset_map *m, size_t at)
{
    size_t lo = 0, hi = m->nlines;     /* last line starting at or before at */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->starts[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    return m->file_starts[lo] + (at - m->starts[lo]);
}

/* A fragment longer than its place in the file (invalid bytes made into
 * U+FFFD) must not point past the file's end. */
static size_t map_offset(const offset_map *m, size_t at)
{
    size_t off = m->verbatim ? m->base + at : map_line_offset(m, at);
    return off < m->file_size ? off : m->file_size;
}

/* ------------------------------------------------------------- builder */

typedef enum {
    FRAME_TRANSPARENT,      /* the fragment wrapper: no node */
    FRAME_FLATTENED,        /* below the depth limit: no node, text kept */
    FRAME_NODE,             /* a node whose children follow */
    FRAME_LITERAL           /* <pre>/<code>: its text becomes the literal */
} frame_kind;

typedef struct {
    frame_kind kind;
    rd_node *node;
    rd_node *saved_cur;
    unsigned saved_depth;
} frame;

typedef struct {
    rd_doc *doc;
    xmlDoc *xdoc;
    const char *raw;        /* the fragment as written */
    size_t len;
    size_t *line_ends;      /* end of each line of raw (exclusive) */
    size_t nlines;
    offset_map map;

    size_t cursor;          /* raw offset before which everything is placed */
    rd_node *cur;           /* where new nodes go */
    unsigned depth;         /* depth of cur in the document tree */
    unsigned max_depth;
    rd_node *deepest;       /* cur when the last node was seen */
    unsigned verbatim;      /* number of open verbatim elements */
    bool truncated;

    frame *frames;
    size_t nframes, cap;

    rd_buf literal;         /* text of the open literal element */
    rd_node *literal_node;
} builder;

static void push_frame(builder *b, frame f)
{
    if (b->nframes == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->frames = rd_xrealloc(b->frames, b->cap * sizeof *b->frames);
    }
    b->frames[b->nframes++] = f;
}

static size_t file_offset(const builder *b, size_t raw_at)
{
    return map_offset(&b->map, raw_at);
}

static void index_raw_lines(builder *b)
{
    b->nlines = count_lines(b->raw, b->len);
    b->line_ends = rd_xmalloc(b->nlines * sizeof *b->line_ends);
    size_t line = 0;
    for (size_t i = 0; i < b->len; i++)
        if (b->raw[i] == '\n')
            b->line_ends[line++] = i;
    b->line_ends[line] = b->len;
}

/* Where a start tag seen by libxml2 on `line` must have begun at the
 * latest: libxml2 counts lines once the tag is read. */
static size_t search_limit(const builder *b, unsigned line)
{
    /* libxml2 stops counting at 65535 unless asked for big lines. */
    if (line == 0 || line >= 65535 || line > b->nlines)
        return b->len;
    return b->line_ends[line - 1];
}

/* Finds "<name" (any case) followed by a character that ends the name, in
 * raw[cursor..limit). Comments in between are stepped over. */
static size_t find_start_tag(const builder *b, const char *name, size_t limit)
{
    size_t n = strlen(name);
    for (size_t i = b->cursor; i < limit; i++) {
        if (b->raw[i] != '<')
            continue;
        if (b->len - i >= 4 && memcmp(b->raw + i, "<!--", 4) == 0) {
            i = skip_markup(b->raw, b->len, i) - 1;
            continue;
        }
        if (b->len - i - 1 < n || strncasecmp(b->raw + i + 1, name, n) != 0)
            continue;
        if (i + 1 + n == b->len || !is_name_char(b->raw[i + 1 + n]))
            return i;
    }
    return SIZE_MAX;
}

/* Length of the start of a text that must appear as written in the raw
 * fragment: up to 8 ASCII bytes, stopping before whitespace and before what
 * an entity may have produced. */
static size_t plain_prefix(const char *text, bool allow_lt)
{
    size_t n = 0;
    while (n < 8 && text[n] && !is_space(text[n]) && text[n] != '&' &&
           (allow_lt || text[n] != '<') && (unsigned char)text[n] < 0x80)
        n++;
    return n;
}

/* Where a text node's characters begin: after the cursor, past whitespace
 * and past the end tags and comments libxml2 keeps no trace of in text,
 * unless the text itself starts with what looks like markup. */
static size_t locate_text(const builder *b, bool raw_text, const char *text)
{
    while (*text && is_space(*text))
        text++;
    size_t n = plain_prefix(text, true);
    size_t i = b->cursor;
    for (;;) {
        while (i < b->len && is_space(b->raw[i]))
            i++;
        if (raw_text || i >= b->len || !markup_starts(b->raw, b->len, i) ||
            is_letter(b->raw[i + 1]))
            return i;
        if (n > 0 && i + n <= b->len && memcmp(b->raw + i, text, n) == 0)
            return i;
        i = skip_markup(b->raw, b->len, i);
    }
}

/* libxml2 merges text around markup it ignores (a stray end tag), so the
 * place found by locate_text may belong to an earlier text: when the text's
 * first word is not there, it is looked for up to the next start tag. The
 * word stops before what an entity may have written. */
static size_t confirm_text_start(const builder *b, size_t at, const char *text)
{
    while (*text && is_space(*text))
        text++;
    size_t n = plain_prefix(text, false);
    if (n == 0 || (at + n <= b->len && memcmp(b->raw + at, text, n) == 0))
        return at;
    for (size_t i = at; i + n <= b->len; i++) {
        if (markup_starts(b->raw, b->len, i) && is_letter(b->raw[i + 1]))
            break;
        if (memcmp(b->raw + i, text, n) == 0)
            return i;
    }
    return at;
}

/* End of the text run that starts at raw[at]: the next markup, or for
 * script and style the end tag of the element. */
static size_t end_of_text(const builder *b, size_t at, const char *raw_parent)
{
    if (raw_parent) {
        size_t n = strlen(raw_parent);
        for (size_t i = at; i + 2 + n <= b->len; i++)
            if (b->raw[i] == '<' && b->raw[i + 1] == '/' &&
                strncasecmp(b->raw + i + 2, raw_parent, n) == 0)
                return i;
        return b->len;
    }
    size_t i = at;
    while (i < b->len && !markup_starts(b->raw, b->len, i))
        i++;
    return i;
}

/* ------------------------------------------------------------ node data */

/* Attribute value as libxml2 decoded it; "" for a bare attribute. */
/* Removes the wrapper's closing tag from s: an attribute left open by the
 * page (<div title="x) runs on over it. */
static void drop_wrapper(char *s, size_t *len)
{
    size_t n = sizeof fragment_close - 1;
    char *at;
    while ((at = strstr(s, fragment_close)) != NULL) {
        memmove(at, at + n, *len - (size_t)(at - s) - n + 1);
        *len -= n;
    }
}

static char *attr_value(builder *b, xmlAttr *a, size_t *len)
{
    xmlChar *v = xmlNodeListGetString(b->xdoc, a->children, 1);
    const char *s = v ? (const char *)v : "";
    size_t n;
    char *copy = rd_doc_clean_text(b->doc, s, strlen(s), &n);
    xmlFree(v);
    drop_wrapper(copy, &n);
    if (len)
        *len = n;
    return copy;
}

static void copy_attrs(builder *b, rd_node *n, xmlNode *xn)
{
    rd_attr **tail = rd_attr_tail(&n->attrs);
    for (xmlAttr *a = xn->properties; a; a = a->next) {
        if (!a->name)
            continue;
        const char *name = (const char *)a->name;
        char *key = rd_doc_clean_text(b->doc, name, strlen(name), NULL);
        rd_attr *attr = rd_attr_add(b->doc, &tail, key, attr_value(b, a, NULL));
        /* Attributes are placed at their element: close enough for a
         * finding, and libxml2 cannot tell more. */
        attr->line = n->line;
        attr->col = n->col;
    }
}

static rd_align align_of(const char *value)
{
    if (!value)
        return RD_ALIGN_NONE;
    if (strcasecmp(value, "left") == 0)
        return RD_ALIGN_LEFT;
    if (strcasecmp(value, "center") == 0)
        return RD_ALIGN_CENTER;
    if (strcasecmp(value, "right") == 0)
        return RD_ALIGN_RIGHT;
    return RD_ALIGN_NONE;
}

static unsigned list_start_of(const char *value, unsigned dflt)
{
    if (!value)
        return dflt;
    char *end;
    unsigned long v = strtoul(value, &end, 10);
    if (end == value || v > 999999999ul)
        return dflt;
    return (unsigned)v;
}

/* Language of <pre><code class="language-x">, as fences write it. */
static void fill_code_lang(builder *b, rd_node *n, xmlNode *pre)
{
    for (xmlNode *c = pre->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "code"))
            continue;
        xmlChar *cls = xmlGetProp(c, BAD_CAST "class");
        const char *s = (const char *)cls;
        if (s && strncmp(s, "language-", 9) == 0 && s[9]) {
            size_t lang_len = strcspn(s + 9, " \t\n");
            n->lang = n->info = rd_doc_clean_text(b->doc, s + 9, lang_len, NULL);
        }
        xmlFree(cls);
        return;
    }
}

/* Fills the fields that the node's type gives meaning to. */
static void fill_fields(builder *b, rd_node *n, xmlNode *xn)
{
    const char *name = n->name;
    switch (n->type) {
    case RD_NODE_IMAGE: {
        const char *src = rd_node_attr(n, "src"), *alt = rd_node_attr(n, "alt");
        n->url = src ? src : "";
        n->alt = alt ? alt : "";
        n->title = rd_node_attr(n, "title");
        break;
    }
    case RD_NODE_LINK: {
        const char *href = rd_node_attr(n, "href");
        n->url = href ? href : "";
        n->title = rd_node_attr(n, "title");
        break;
    }
    case RD_NODE_HEADING:
        n->level = name[1] - '0';
        break;
    case RD_NODE_LIST:
        n->list_ordered = strcmp(name, "ol") == 0;
        n->list_start = list_start_of(rd_node_attr(n, "start"),
                                      n->list_ordered ? 1 : 0);
        n->list_tight = 1;
        break;
    case RD_NODE_TABLE_CELL:
        if (strcmp(name, "th") == 0)
            n->flags |= RD_FLAG_HEADER;
        n->align = align_of(rd_node_attr(n, "align"));
        break;
    case RD_NODE_CODE_BLOCK:
        fill_code_lang(b, n, xn);
        break;
    default:
        break;
    }
}

static rd_node *new_element_node(builder *b, xmlNode *xn, size_t off)
{
    const char *name = (const char *)xn->name;
    rd_node *n = rd_node_new(b->doc, node_type_of(name));
    n->flags |= RD_FLAG_HTML;
    n->name = rd_doc_clean_text(b->doc, name, strlen(name), NULL);
    rd_node_set_pos(b->doc, n, off);
    copy_attrs(b, n, xn);
    fill_fields(b, n, xn);
    return n;
}

/* Rows written straight inside <table> go into a body of their own, so
 * that every table has the head/body shape of Markdown tables. */
static rd_node *row_container(builder *b, size_t off)
{
    rd_node *last = b->cur->last_child;
    if (last && last->type == RD_NODE_TABLE_BODY && !last->name)
        return last;
    rd_node *body = rd_node_new(b->doc, RD_NODE_TABLE_BODY);
    body->flags |= RD_FLAG_HTML;
    rd_node_set_pos(b->doc, body, off);
    rd_node_append(b->cur, body);
    return body;
}

static void note_truncation(builder *b, size_t raw_at)
{
    b->cur->flags |= RD_FLAG_TRUNCATED;
    if (b->truncated)
        return;
    b->truncated = true;
    rd_doc_add_diag(b->doc, "nesting-depth", RD_SEVERITY_WARNING,
                    file_offset(b, raw_at),
                    "HTML nested deeper than %u levels: the content below "
                    "is kept as text", b->max_depth);
}

/* ------------------------------------------------------------- walking */

/* Offset of an element's start tag in raw, or SIZE_MAX when libxml2 made
 * the element up. Moves the cursor past the tag when found. */
static size_t place_element(builder *b, xmlNode *xn)
{
    size_t at = find_start_tag(b, (const char *)xn->name,
                               search_limit(b, xn->line));
    if (at != SIZE_MAX)
        b->cursor = end_of_start_tag(b->raw, b->len, at);
    return at;
}

static void enter_element(builder *b, xmlNode *xn)
{
    const char *name = (const char *)xn->name;
    frame f = {FRAME_TRANSPARENT, NULL, b->cur, b->depth};
    if (xn->parent && xn->parent->type == XML_HTML_DOCUMENT_NODE &&
        strcmp(name, FRAGMENT_NAME) == 0) {
        push_frame(b, f);
        return;
    }
    size_t at = place_element(b, xn);
    size_t off = at != SIZE_MAX ? file_offset(b, at) : b->cur->offset;

    if (b->literal_node) {
        /* Inside <pre>/<code>: only the text counts; a break is a newline. */
        if (strcmp(name, "br") == 0)
            rd_buf_putc(&b->literal, '\n');
        f.kind = FRAME_FLATTENED;
    } else if (b->depth + 1 > b->max_depth) {
        note_truncation(b, at != SIZE_MAX ? at : b->cursor);
        f.kind = FRAME_FLATTENED;
    } else {
        rd_node *n = new_element_node(b, xn, off);
        bool row_in_table = n->type == RD_NODE_TABLE_ROW &&
                            b->cur->type == RD_NODE_TABLE &&
                            (b->cur->flags & RD_FLAG_HTML);
        rd_node_append(row_in_table ? row_container(b, off) : b->cur, n);
        f.node = n;
        if (is_literal_element(name)) {
            f.kind = FRAME_LITERAL;
            b->literal_node = n;
            b->literal.len = 0;
        } else {
            f.kind = FRAME_NODE;
            b->cur = n;
            b->depth += row_in_table ? 2 : 1;
        }
    }
    if (is_verbatim_element(name))
        b->verbatim++;
    push_frame(b, f);
}

static void leave_element(builder *b, xmlNode *xn)
{
    frame f = b->frames[--b->nframes];
    if (f.kind == FRAME_LITERAL) {
        f.node->literal = rd_doc_clean_text(
            b->doc, b->literal.data ? b->literal.data : "", b->literal.len,
            &f.node->literal_len);
        b->literal_node = NULL;
    }
    if (f.kind != FRAME_TRANSPARENT && is_verbatim_element((const char *)xn->name))
        b->verbatim--;
    b->cur = f.saved_cur;
    b->depth = f.saved_depth;
}

static bool is_block_sibling(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE &&
           is_block_element((const char *)n->name);
}

/* Comments stand for nothing: whitespace is judged by what lies past them. */
static const xmlNode *sibling_past_comments(const xmlNode *n, bool forward)
{
    while (n && n->type == XML_COMMENT_NODE)
        n = forward ? n->next : n->prev;
    return n;
}

/* Whitespace at the edge of a block, or next to one, is not content. */
static void edge_spaces(const xmlNode *xn, bool *left, bool *right)
{
    const xmlNode *prev = sibling_past_comments(xn->prev, false);
    const xmlNode *next = sibling_past_comments(xn->next, true);
    bool parent_block = !xn->parent || xn->parent->type != XML_ELEMENT_NODE ||
                        is_block_element((const char *)xn->parent->name);
    *left = prev ? is_block_sibling(prev) : parent_block;
    *right = next ? is_block_sibling(next) : parent_block;
}

/* Collapses whitespace runs to one space, dropping those at block edges. */
static void normalize_space(const char *s, size_t len, bool left, bool right,
                            rd_buf *out)
{
    bool pending = false;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            pending = true;
            continue;
        }
        if (pending && (out->len > 0 || !left))
            rd_buf_putc(out, ' ');
        pending = false;
        rd_buf_putc(out, s[i]);
    }
    if (pending && (out->len > 0 ? !right : !(left || right)))
        rd_buf_putc(out, ' ');
}

static void add_text(builder *b, xmlNode *xn, size_t raw_at)
{
    const char *s = (const char *)xn->content;
    size_t len = s ? strlen(s) : 0;
    /* An unclosed <script> or <style> reads to the end of the input, the
     * wrapper's end tag included: that tag is not the page's. */
    size_t close_len = sizeof fragment_close - 1;
    if (len >= close_len && xn->parent && xn->parent->type == XML_ELEMENT_NODE &&
        is_raw_text_element((const char *)xn->parent->name) &&
        memcmp(s + len - close_len, fragment_close, close_len) == 0)
        len -= close_len;
    if (b->literal_node) {
        rd_buf_put(&b->literal, s, len);
        return;
    }
    rd_buf text;
    rd_buf_init(&text);
    if (b->verbatim) {
        rd_buf_put(&text, s, len);
    } else {
        bool left, right;
        edge_spaces(xn, &left, &right);
        normalize_space(s, len, left, right, &text);
    }
    if (text.len > 0) {
        rd_node *n = rd_node_new(b->doc, RD_NODE_TEXT);
        n->flags |= RD_FLAG_HTML;
        n->literal = rd_doc_clean_text(b->doc, text.data, text.len,
                                       &n->literal_len);
        rd_node_set_pos(b->doc, n, file_offset(b, raw_at));
        rd_node_append(b->cur, n);
    }
    rd_buf_free(&text);
}

static void visit_text(builder *b, xmlNode *xn)
{
    const xmlNode *parent = xn->parent;
    const char *raw_parent =
        parent && parent->type == XML_ELEMENT_NODE &&
        is_raw_text_element((const char *)parent->name)
            ? (const char *)parent->name : NULL;
    const char *content = xn->content ? (const char *)xn->content : "";
    size_t at = locate_text(b, raw_parent != NULL, content);
    if (!raw_parent)
        at = confirm_text_start(b, at, content);
    add_text(b, xn, at);
    size_t end = end_of_text(b, at, raw_parent);
    if (end > b->cursor)
        b->cursor = end;
}

static void visit_comment(builder *b)
{
    size_t at = find_str(b->raw, b->cursor, b->len, "<!--");
    if (at < b->len)
        b->cursor = skip_markup(b->raw, b->len, at);
}

/* Returns whether the node's children are to be walked. */
static bool enter_node(builder *b, xmlNode *xn)
{
    switch (xn->type) {
    case XML_ELEMENT_NODE:
        enter_element(b, xn);
        b->deepest = b->cur;
        return true;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        visit_text(b, xn);
        return false;
    case XML_COMMENT_NODE:
        visit_comment(b);
        return false;
    default:
        return false;
    }
}

static void leave_node(builder *b, xmlNode *xn)
{
    if (xn->type == XML_ELEMENT_NODE)
        leave_element(b, xn);
}

/* Depth-first over libxml2's tree without recursion: the links of the
 * nodes are the stack. */
static void walk(builder *b, xmlNode *first)
{
    xmlNode *n = first;
    while (n) {
        if (enter_node(b, n) && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            leave_node(b, n);
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n || n->type != XML_ELEMENT_NODE) {
                n = NULL;
                break;
            }
        }
    }
}

/* libxml2 stops reading at its own depth limit; what it left unread is
 * kept as text where the reading stopped. */
static void keep_unread(builder *b)
{
    size_t at = b->cursor;
    if (at >= b->len)
        return;
    rd_node *where = b->deepest ? b->deepest : b->cur;
    rd_node *saved = b->cur;
    b->cur = where;
    note_truncation(b, at);
    b->cur = saved;
    rd_node *t = rd_node_new(b->doc, RD_NODE_TEXT);
    t->flags |= RD_FLAG_HTML | RD_FLAG_TRUNCATED;
    t->literal = rd_doc_clean_text(b->doc, b->raw + at, b->len - at,
                                   &t->literal_len);
    rd_node_set_pos(b->doc, t, file_offset(b, at));
    rd_node_append(where, t);
}

/* ------------------------------------------------------------- parsing */

/* The text libxml2 reads: the fragment inside the wrapper element, with
 * NUL bytes and invalid UTF-8 (which would stop or derail the parser)
 * replaced by U+FFFD. Line breaks are untouched, so lines still agree. */
static void wrap_fragment(const char *html, size_t len, rd_buf *out)
{
    const unsigned char *u = (const unsigned char *)html;
    rd_buf_puts(out, fragment_open);
    size_t i = 0;
    while (i < len) {
        /* The valid run from i is copied at once: nearly every fragment is
         * one such run. */
        size_t end = i;
        while (end < len) {
            size_t n = u[end] && u[end] < 0x80 ? 1
                     : u[end] ? rd_utf8_valid_seq(u + end, len - end) : 0;
            if (n == 0)
                break;
            end += n;
        }
        rd_buf_put(out, html + i, end - i);
        i = end;
        if (i < len) {
            rd_buf_puts(out, "\xEF\xBF\xBD");
            i++;
        }
    }
    rd_buf_puts(out, fragment_close);
}

static unsigned depth_of(const rd_node *n)
{
    unsigned d = 0;
    for (; n && n->parent; n = n->parent)
        d++;
    return d;
}

static void build_from(builder *b, xmlParserCtxt *ctxt)
{
    walk(b, b->xdoc->children);
    /* A halted parser is the only way libxml2 drops input in recovery
     * mode (it halts at its depth limit). */
    if (ctxt->disableSAX)
        keep_unread(b);
}

/* Phrasing elements that a tag without attributes makes on its own, as an
 * empty element of that name and nothing else (sorted). */
static const char *const plain_phrasing[] = {
    "abbr", "b", "bdi", "big", "br", "cite", "del", "dfn", "em", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "tt", "u", "var", "wbr"
};

/* Makes the node of a lone inline tag without attributes (<br>, <mark>,
 * </sup>-less <sup>…: most inline tags), as libxml2 would, without a
 * parser for one tag. False when the tag is anything else. */
static bool parse_plain_tag(rd_doc *doc, rd_node *parent, const char *html,
                            size_t len, size_t offset)
{
    char name[8];
    size_t i = 1, n = 0;
    if (len < 3 || html[0] != '<' || !is_letter(html[1]))
        return false;
    for (; i < len && (is_letter(html[i]) || (html[i] >= '0' && html[i] <= '9')); i++) {
        if (n + 1 == sizeof name)
            return false;
        name[n++] = (char)(html[i] | 0x20);     /* ASCII lower case */
    }
    name[n] = '\0';
    while (i < len && is_space(html[i]))
        i++;
    if (i < len && html[i] == '/')
        i++;
    if (i + 1 != len || html[i] != '>' || !NAME_IN(name, plain_phrasing))
        return false;
    unsigned max_depth = doc->max_depth ? doc->max_depth : RD_DEFAULT_MAX_DEPTH;
    if (depth_of(parent) + 1 > max_depth)
        return false;
    rd_node *node = rd_node_new(doc, node_type_of(name));
    node->flags |= RD_FLAG_HTML;
    node->name = rd_arena_strndup(&doc->arena, name, n);
    rd_node_set_pos(doc, node, offset);
    rd_node_append(parent, node);
    return true;
}

/* A tag of too many attributes is cut short before libxml2 reads it (see
 * html_limits.c), with a finding where it starts. */
static void cap_attributes(rd_doc *doc, rd_buf *input, size_t len, size_t offset)
{
    size_t open = strlen(fragment_open), close = strlen(fragment_close);
    size_t at = rd_html_cap_attributes(input->data + open, input->len - open - close,
                                       RD_HTML_MAX_ATTRIBUTES);
    if (at == SIZE_MAX)
        return;
    rd_doc_add_diag(doc, "nesting-depth", RD_SEVERITY_WARNING,
                    offset + (at < len ? at : len ? len - 1 : 0),
                    "a tag with more than %d attributes: those past the %dth are not read",
                    RD_HTML_MAX_ATTRIBUTES, RD_HTML_MAX_ATTRIBUTES);
}

void rd_html_parse_block(rd_doc *doc, rd_node *parent, const char *html,
                         size_t len, size_t offset)
{
    if (!doc || !parent || (!html && len))
        return;
    if (parent->type != RD_NODE_HTML_BLOCK &&
        parse_plain_tag(doc, parent, html, len, offset))
        return;
    if (parent->type == RD_NODE_HTML_BLOCK && only_comments(html, len))
        parent->flags |= RD_FLAG_COMMENT;
    if (len == 0)
        return;

    xmlInitParser();
    rd_buf input;
    rd_buf_init(&input);
    wrap_fragment(html, len, &input);
    cap_attributes(doc, &input, len, offset);

    /* A page may hold hundreds of fragments: one parser context (its
     * stacks, its dictionary) serves them all, reset by each read. */
    htmlParserCtxt *ctxt = doc->html_parser;
    if (!ctxt && !(ctxt = doc->html_parser = htmlNewParserCtxt())) {
        rd_buf_free(&input);
        return;
    }
    xmlDoc *xdoc = htmlCtxtReadMemory(ctxt, input.data, (int)input.len, NULL,
                                      "UTF-8", parse_options);
    if (xdoc) {
        builder b = {
            .doc = doc, .xdoc = xdoc, .raw = html, .len = len,
            .cur = parent, .depth = depth_of(parent),
            .max_depth = doc->max_depth ? doc->max_depth : RD_DEFAULT_MAX_DEPTH,
        };
        rd_buf_init(&b.literal);
        index_raw_lines(&b);
        offset_map_init(&b.map, doc, html, len, offset);
        build_from(&b, ctxt);
        offset_map_free(&b.map);
        free(b.line_ends);
        free(b.frames);
        rd_buf_free(&b.literal);
        xmlFreeDoc(xdoc);
    }
    rd_buf_free(&input);
}

void rd_html_parser_free(rd_doc *doc)
{
    if (doc->html_parser)
        htmlFreeParserCtxt(doc->html_parser);
    doc->html_parser = NULL;
}

/* ------------------------------------------------------- inline pairing */

typedef enum { TAG_OTHER, TAG_COMMENT, TAG_OPEN, TAG_VOID, TAG_CLOSE } tag_kind;

typedef struct {
    tag_kind kind;
    const char *name;       /* in the literal; not NUL-terminated */
    size_t name_len;
} tag_info;

static bool is_void_element(const char *name, size_t n)
{
    static const char *const voids[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr", NULL
    };
    for (const char *const *v = voids; *v; v++)
        if (strlen(*v) == n && strncasecmp(*v, name, n) == 0)
            return true;
    return false;
}

/* What one raw inline tag is: only its name is read here; libxml2 reads
 * the rest when the tag is parsed. */
static tag_info classify_tag(const char *s, size_t len)
{
    tag_info t = {TAG_OTHER, NULL, 0};
    if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
        t.kind = TAG_COMMENT;
        return t;
    }
    if (len < 2 || s[0] != '<')
        return t;
    bool closing = s[1] == '/';
    size_t i = closing ? 2 : 1;
    if (i >= len || !is_letter(s[i]))
        return t;
    t.name = s + i;
    while (i < len && is_name_char(s[i]))
        i++;
    t.name_len = (size_t)(s + i - t.name);
    if (closing)
        t.kind = TAG_CLOSE;
    else if (is_void_element(t.name, t.name_len) ||
             (len >= 2 && s[len - 2] == '/' && s[len - 1] == '>'))
        t.kind = TAG_VOID;
    else
        t.kind = TAG_OPEN;
    return t;
}

/* Parses one raw inline tag into children of its own node. */
static void parse_piece(rd_doc *doc, rd_node *piece)
{
    if (!piece->first_child && piece->literal)
        rd_html_parse_block(doc, piece, piece->literal, piece->literal_len,
                            piece->offset);
}

static bool is_inline_wrapper_type(rd_node_type t)
{
    switch (t) {
    case RD_NODE_MARK: case RD_NODE_SUPERSCRIPT: case RD_NODE_SUBSCRIPT:
    case RD_NODE_STRONG: case RD_NODE_EMPH: case RD_NODE_STRIKETHROUGH:
    case RD_NODE_LINK: case RD_NODE_ELEMENT:
        return true;
    default:
        return false;
    }
}

/* The node standing for an element written as an opening tag: libxml2
 * reads the tag (attributes, entities); element kinds that cannot hold
 * inline content (a paragraph, a code span's literal) become ELEMENTs. */
static rd_node *wrapper_for(rd_doc *doc, rd_node *open, const tag_info *t)
{
    rd_node holder = {.type = RD_NODE_ELEMENT};
    rd_html_parse_block(doc, &holder, open->literal, open->literal_len,
                        open->offset);
    rd_node *w = holder.first_child;
    while (w && w->type == RD_NODE_TEXT)
        w = w->next;
    if (w) {
        rd_node_unlink(w);
    } else {
        w = rd_node_new(doc, RD_NODE_ELEMENT);
        w->flags |= RD_FLAG_HTML;
        w->name = rd_doc_clean_text(doc, t->name, t->name_len, NULL);
        rd_node_set_pos(doc, w, open->offset);
    }
    if (!is_inline_wrapper_type(w->type)) {
        w->type = RD_NODE_ELEMENT;
        w->literal = NULL;
        w->literal_len = 0;
        w->level = 0;
        w->flags &= ~RD_FLAG_HEADER;
    }
    /* Whatever libxml2 put inside stays out: the pieces carry the content. */
    w->first_child = w->last_child = NULL;
    return w;
}

/* Puts open, close and everything between into one wrapper node. */
static void wrap_pair(rd_doc *doc, rd_node *open, rd_node *close,
                      const tag_info *t)
{
    rd_node *w = wrapper_for(doc, open, t);
    rd_node_insert_before(open, w);
    for (rd_node *n = open, *next; n; n = next) {
        next = n->next;
        rd_node_unlink(n);
        rd_node_append(w, n);
        if (n == close)
            break;
    }
    open->flags |= RD_FLAG_ABSORBED;
    close->flags |= RD_FLAG_ABSORBED;
}

typedef struct {
    rd_node *node;
    tag_info tag;
} open_tag;

typedef struct {
    open_tag *items;
    size_t len, cap;
} open_stack;

static void stack_push(open_stack *s, rd_node *node, tag_info tag)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = rd_xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->len++] = (open_tag){node, tag};
}

/* Index of the innermost open tag of that name, or SIZE_MAX. */
static size_t stack_find(const open_stack *s, const tag_info *close)
{
    for (size_t i = s->len; i-- > 0;) {
        const tag_info *t = &s->items[i].tag;
        if (t->name_len == close->name_len &&
            strncasecmp(t->name, close->name, t->name_len) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* Opening tags above `keep` in the stack never got their closing tag:
 * each is parsed alone. */
static void stack_unwind(rd_doc *doc, open_stack *s, size_t keep)
{
    while (s->len > keep)
        parse_piece(doc, s->items[--s->len].node);
}

static void close_tag(rd_doc *doc, open_stack *s, rd_node *close,
                      const tag_info *t, unsigned base_depth, unsigned max_depth)
{
    size_t k = stack_find(s, t);
    if (k == SIZE_MAX)
        return;     /* a stray closing tag: kept as written */
    stack_unwind(doc, s, k + 1);
    open_tag open = s->items[--s->len];
    /* Each pair nests what it holds one level deeper; past the limit the
     * tags stay flat, each with its parsed element. */
    if (base_depth + k + 1 >= max_depth) {
        parse_piece(doc, open.node);
        return;
    }
    wrap_pair(doc, open.node, close, &open.tag);
}

static bool is_pending_piece(const rd_node *n)
{
    return n->type == RD_NODE_HTML_INLINE && !n->first_child &&
           !(n->flags & (RD_FLAG_ABSORBED | RD_FLAG_COMMENT)) && n->literal;
}

static void pair_children(rd_doc *doc, rd_node *parent, unsigned max_depth)
{
    open_stack stack = {0};
    unsigned base_depth = depth_of(parent);
    for (rd_node *c = parent->first_child, *next; c; c = next) {
        next = c->next;     /* wrapping only moves c and what precedes it */
        if (!is_pending_piece(c))
            continue;
        tag_info t = classify_tag(c->literal, c->literal_len);
        switch (t.kind) {
        case TAG_COMMENT:
            c->flags |= RD_FLAG_COMMENT;
            break;
        case TAG_VOID:
            parse_piece(doc, c);
            break;
        case TAG_OPEN:
            stack_push(&stack, c, t);
            break;
        case TAG_CLOSE:
            close_tag(doc, &stack, c, &t, base_depth, max_depth);
            break;
        case TAG_OTHER:
            break;
        }
    }
    stack_unwind(doc, &stack, 0);
    free(stack.items);
}

static bool has_pending_piece(const rd_node *n)
{
    for (const rd_node *c = n->first_child; c; c = c->next)
        if (is_pending_piece(c))
            return true;
    return false;
}

void rd_html_structure_inlines(rd_doc *doc, rd_node *root)
{
    if (!doc || !root)
        return;
    /* Parents are collected first: pairing moves nodes, which would lead
     * the walker astray. */
    rd_node_list parents = {0};
    rd_iter it;
    rd_node *n;
    rd_iter_init(&it, root);
    rd_event ev;
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        if (n->type == RD_NODE_HTML_BLOCK && n->literal &&
            only_comments(n->literal, n->literal_len))
            n->flags |= RD_FLAG_COMMENT;
        if (has_pending_piece(n))
            rd_node_list_add(&parents, n);
    }
    unsigned max_depth = doc->max_depth ? doc->max_depth : RD_DEFAULT_MAX_DEPTH;
    for (size_t i = 0; i < parents.len; i++)
        pair_children(doc, parents.items[i], max_depth);
    free(parents.items);
}
