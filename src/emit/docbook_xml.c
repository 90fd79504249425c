/* The DocBook document as the emitters build it: a libxml2 tree whose
 * strings are made safe for XML first (valid UTF-8, no character XML 1.0
 * forbids; URLs escaped as RFC 3986 wants), the content model of each
 * element (where blocks, inlines or text may go), the completion of
 * elements the schema wants filled, and the serialisation: indented where
 * only elements stand, the text escaped here (libxml2's own writer would
 * indent mixed content), dangling links unwrapped. */
#include "docbook.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------- safe strings */

/* s as valid UTF-8 without the characters XML 1.0 forbids; the result
 * lives in out's scratch buffers until the next call. Tree text is clean
 * already, but attribute values, file names and front matter may not be. */
/* Whether s is valid UTF-8 without a character XML 1.0 forbids: checked
 * in one pass, since nearly every text is. (The string ends with a NUL,
 * which no sequence takes as a continuation byte.) */
static bool xml_clean(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        if (*u >= 0x20 && *u < 0x80) {
            u++;
        } else if (*u < 0x20) {
            if (*u != '\t' && *u != '\n' && *u != '\r')
                return false;
            u++;
        } else {
            size_t k = rd_utf8_valid_seq(u, 4);
            if (!k || (u[0] == 0xEF && u[1] == 0xBF && u[2] >= 0xBE))
                return false;           /* invalid, U+FFFE or U+FFFF */
            u += k;
        }
    }
    return true;
}

const char * rd_db_xml_safe(rd_db_out *out, const char *s)
{
    if (!s)
        return "";
    if (xml_clean(s))
        return s;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, k;
    while (i < n && (k = rd_utf8_valid_seq(u + i, n - i)) != 0)
        i += k;
    if (i < n) {
        out->fixed.len = 0;
        for (i = 0; i < n; i += k ? k : 1) {
            k = rd_utf8_valid_seq(u + i, n - i);
            if (k)
                rd_buf_put(&out->fixed, s + i, k);
            else
                rd_buf_puts(&out->fixed, "\xEF\xBF\xBD");
        }
        s = out->fixed.data;
    }
    return rd_xml_text(s, &out->scratch);
}

static bool is_ascii_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void put_percent(rd_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    rd_buf_putc(b, '%');
    rd_buf_putc(b, hex[c >> 4]);
    rd_buf_putc(b, hex[c & 15]);
}

/* Length of the scheme and its colon ("https:"), or 0 when url has none. */
static size_t scheme_len(const char *url)
{
    if (!is_ascii_alpha(url[0]))
        return 0;
    size_t i = 1;
    while (is_ascii_alpha(url[i]) || is_ascii_digit(url[i]) ||
           url[i] == '+' || url[i] == '-' || url[i] == '.')
        i++;
    return url[i] == ':' ? i + 1 : 0;
}

/* Whether url starts an empty authority ("//" then nothing, '?' or '#'),
 * which anyURI refuses. */
static bool empty_authority(const char *url)
{
    return url[0] == '/' && url[1] == '/' &&
           (url[2] == '\0' || url[2] == '?' || url[2] == '#');
}

/* Length of an IP literal ("[::1]") at s, or 0. */
static size_t ip_literal_len(const char *s)
{
    if (*s != '[')
        return 0;
    size_t n = 1 + strspn(s + 1, "0123456789abcdefABCDEF:.");
    return s[n] == ']' && n > 1 ? n + 1 : 0;
}

/* A URL as an xsd:anyURI the way the schema's validators read it: the
 * characters they refuse (controls, stray percent signs, brackets outside
 * an IP literal, a second '#', a colon that would start a scheme, an empty
 * authority) are percent-encoded; everything else, spaces and non-ASCII
 * letters included, is kept as written so that file names stay readable. */
void rd_db_uri_escape(const char *url, rd_buf *b)
{
    size_t scheme = scheme_len(url);
    rd_buf_put(b, url, scheme);
    bool in_path = true, in_fragment = false;
    for (const char *p = url + scheme; *p; p++) {
        unsigned char c = (unsigned char)*p;
        size_t literal = p == url + scheme + 2 && scheme &&
                         p[-1] == '/' && p[-2] == '/' ? ip_literal_len(p) : 0;
        if (literal) {
            rd_buf_put(b, p, literal);
            p += literal - 1;
            continue;
        }
        bool bad = c < 0x20 || c == 0x7F ||
            (c == '%' && !(is_hex(p[1]) && is_hex(p[2]))) ||
            (c == '#' && in_fragment) || c == '[' || c == ']' ||
            (c == ':' && !scheme && in_path) ||
            (c == '/' && p > url && p[-1] == '/' && p == url + scheme + 1 &&
             empty_authority(p - 1));
        if (bad)
            put_percent(b, c);
        else
            rd_buf_putc(b, (char)c);
        in_path = in_path && c != '/' && c != '?' && c != '#';
        in_fragment = in_fragment || c == '#';
    }
}

/* -------------------------------------------------------- the document */

xmlNodePtr rd_db_begin(rd_db_out *out, const char *root)
{
    memset(out, 0, sizeof *out);
    rd_buf_init(&out->scratch);
    rd_buf_init(&out->fixed);
    out->doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr el = out->doc ? xmlNewDocNode(out->doc, NULL, BAD_CAST root, NULL)
                             : NULL;
    if (!el) {
        out->failed = true;
        return NULL;
    }
    xmlDocSetRootElement(out->doc, el);
    out->ns = xmlNewNs(el, BAD_CAST RD_DOCBOOK_NS, NULL);
    out->xlink = xmlNewNs(el, BAD_CAST RD_XLINK_NS, BAD_CAST "xlink");
    out->xml = xmlSearchNs(out->doc, el, BAD_CAST "xml");
    if (!out->ns || !out->xlink || !out->xml)
        out->failed = true;
    xmlSetNs(el, out->ns);
    xmlSetProp(el, BAD_CAST "version", BAD_CAST "5.0");
    return el;
}

void rd_db_end(rd_db_out *out)
{
    if (out->doc)
        xmlFreeDoc(out->doc);
    rd_db_ids_free(&out->ids);
    rd_strmap_free(&out->suffixes);
    rd_db_ids_free(&out->placed);
    rd_buf_free(&out->scratch);
    rd_buf_free(&out->fixed);
    out->doc = NULL;
}

xmlNodePtr rd_db_add(rd_db_out *out, xmlNodePtr parent, const char *name)
{
    xmlNodePtr el = xmlNewDocNode(out->doc, out->ns, BAD_CAST name, NULL);
    if (!el || !xmlAddChild(parent, el)) {
        /* The output is dropped; keep going on the parent without harm. */
        xmlFreeNode(el);
        out->failed = true;
        return parent;
    }
    return el;
}

/* Links text node t as parent's last child, after a text node. xmlAddChild
 * would merge t into that node, measuring the whole text again each time:
 * a paragraph of a million short lines took minutes. Adjacent text nodes
 * are written out as one text. */
static void append_after_text(xmlNodePtr parent, xmlNodePtr t)
{
    t->parent = parent;
    t->prev = parent->last;
    parent->last->next = t;
    parent->last = t;
}

void rd_db_add_text(rd_db_out *out, xmlNodePtr parent, const char *text)
{
    const char *safe = rd_db_xml_safe(out, text);
    if (!*safe)
        return;
    xmlNodePtr t = xmlNewDocText(out->doc, BAD_CAST safe);
    if (t && parent->last && parent->last->type == XML_TEXT_NODE) {
        append_after_text(parent, t);
        return;
    }
    if (!t || !xmlAddChild(parent, t)) {
        xmlFreeNode(t);
        out->failed = true;
    }
}

void rd_db_set_attr(rd_db_out *out, xmlNodePtr el, const char *name,
                    const char *value)
{
    if (!xmlSetProp(el, BAD_CAST name, BAD_CAST rd_db_xml_safe(out, value)))
        out->failed = true;
}

void rd_db_set_href(rd_db_out *out, xmlNodePtr el, const char *url)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_db_uri_escape(url ? url : "", &b);
    if (!xmlSetNsProp(el, out->xlink, BAD_CAST "href",
                      BAD_CAST rd_db_xml_safe(out, b.data ? b.data : "")))
        out->failed = true;
    rd_buf_free(&b);
}


/* ---------------------------------------------------- content models */


static const struct {
    const char *name;
    rd_db_context cx;
} element_contexts[] = {
    { "para", CX_INLINE }, { "emphasis", CX_INLINE }, { "link", CX_INLINE },
    { "title", CX_INLINE }, { "subtitle", CX_INLINE },
    { "bridgehead", CX_INLINE }, { "term", CX_INLINE },
    { "section", CX_BLOCK }, { "listitem", CX_BLOCK }, { "note", CX_BLOCK },
    { "tip", CX_BLOCK }, { "warning", CX_BLOCK }, { "caution", CX_BLOCK },
    { "blockquote", CX_BLOCK }, { "td", CX_BLOCK }, { "th", CX_BLOCK },
    { "step", CX_BLOCK }, { "figure", CX_BLOCK }, { "footnote", CX_BLOCK },
    { "sidebar", CX_BLOCK },
    { "informalfigure", CX_BLOCK }, { "caption", CX_BLOCK },
    { "article", CX_BLOCK }, { "chapter", CX_BLOCK },
    { "code", CX_TEXT }, { "literal", CX_TEXT }, { "superscript", CX_TEXT },
    { "subscript", CX_TEXT }, { "programlisting", CX_TEXT },
    { "itemizedlist", CX_LIST }, { "orderedlist", CX_LIST },
    { "procedure", CX_PROCEDURE }, { "variablelist", CX_VARLIST },
    { "informaltable", CX_TABLE }, { "thead", CX_ROWS }, { "tbody", CX_ROWS },
    { "tr", CX_ROW },
};

/* Markers kept in an element's _private field. */
const char rd_db_implicit_marker = 'i';    /* made only to hold content
                                               that did not fit */
const char rd_db_inline_cell_marker = 'c'; /* a cell holding inlines */

/* Names are compared in every table lookup of every element: most pairs
 * differ in their first letter, which is compared before strcmp(). */
static bool same_name(const xmlChar *a, const char *b)
{
    return a[0] == (xmlChar)b[0] && strcmp((const char *)a, b) == 0;
}

bool rd_db_is_named(xmlNodePtr el, const char *name)
{
    return el && el->type == XML_ELEMENT_NODE && same_name(el->name, name);
}

/* The walker asks for the context of the element it adds to at every
 * node: an element's is looked up by name once and kept, as cx + 1, in
 * the node's `extra` field (XPath's, and no XPath ever sees these trees). */
rd_db_context rd_db_context_of(xmlNodePtr el)
{
    if (!el || el->type != XML_ELEMENT_NODE)
        return CX_NONE;
    if (el->_private == &rd_db_inline_cell_marker)
        return CX_INLINE;
    if (el->extra)
        return (rd_db_context)(el->extra - 1);
    rd_db_context cx = CX_NONE;
    for (size_t i = 0; i < sizeof element_contexts / sizeof element_contexts[0]; i++)
        if (same_name(el->name, element_contexts[i].name)) {
            cx = element_contexts[i].cx;
            break;
        }
    el->extra = (unsigned short)(cx + 1);
    return cx;
}

bool rd_db_is_inline_context(rd_db_context cx)
{
    return cx == CX_INLINE || cx == CX_TEXT;
}

bool rd_db_is_implicit(xmlNodePtr el)
{
    return el && el->_private == &rd_db_implicit_marker;
}

xmlNodePtr rd_db_first_element(xmlNodePtr el)
{
    xmlNodePtr c = el->children;
    while (c && c->type != XML_ELEMENT_NODE)
        c = c->next;
    return c;
}

static xmlNodePtr next_element(xmlNodePtr c)
{
    for (c = c->next; c && c->type != XML_ELEMENT_NODE; c = c->next)
        ;
    return c;
}

xmlNodePtr rd_db_child_named(xmlNodePtr el, const char *name)
{
    for (xmlNodePtr c = rd_db_first_element(el); c; c = next_element(c))
        if (rd_db_is_named(c, name))
            return c;
    return NULL;
}

/* Whether el holds an element other than its title, info or caption. */
static bool has_body(xmlNodePtr el)
{
    static const char *const heads[] = {
        "title", "subtitle", "titleabbrev", "info", "caption", NULL
    };
    for (xmlNodePtr c = rd_db_first_element(el); c; c = next_element(c)) {
        bool head = false;
        for (size_t i = 0; heads[i] && !head; i++)
            head = rd_db_is_named(c, heads[i]);
        if (!head)
            return true;
    }
    return false;
}

static bool needs_blocks(xmlNodePtr el)
{
    static const char *const names[] = {
        "article", "chapter", "section", "note", "tip", "warning", "caution",
        "important", "listitem", "blockquote", "step", "figure",
        "informalfigure", "caption", "sidebar", "abstract", NULL
    };
    for (size_t i = 0; names[i]; i++)
        if (rd_db_is_named(el, names[i]))
            return true;
    return false;
}

/* The required children each container must have, by name: the first
 * child a content model asks for, and what that child needs in turn. */
static const struct {
    const char *container;
    const char *child;
    const char *alternative;    /* another child that also satisfies it */
    const char *filler;         /* what to add: '/'-separated path */
} required_children[] = {
    { "itemizedlist", "listitem", NULL, "listitem/para" },
    { "orderedlist", "listitem", NULL, "listitem/para" },
    { "procedure", "step", NULL, "step/para" },
    { "variablelist", "varlistentry", NULL, "varlistentry/term" },
    { "varlistentry", "listitem", NULL, "listitem/para" },
    { "informaltable", "tbody", "tr", "tbody/tr/td" },
    { "thead", "tr", NULL, "tr/td" },
    { "tbody", "tr", NULL, "tr/td" },
    { "tr", "td", "th", "td" },
};

static void add_path(rd_db_out *out, xmlNodePtr el, const char *path)
{
    char name[32];
    while (*path) {
        size_t n = strcspn(path, "/");
        snprintf(name, sizeof name, "%.*s", (int)n, path);
        el = rd_db_add(out, el, name);
        path += n + (path[n] == '/');
    }
}

/* Fills what a content model requires and the page did not give. A
 * varlistentry made of a term only gets its listitem on the second
 * round. */
void rd_db_complete(rd_db_out *out, xmlNodePtr el)
{
    if (needs_blocks(el) && !has_body(el))
        rd_db_add(out, el, "para");
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof required_children / sizeof required_children[0]; i++) {
            if (!rd_db_is_named(el, required_children[i].container))
                continue;
            if (rd_db_child_named(el, required_children[i].child))
                continue;
            if (required_children[i].alternative &&
                rd_db_child_named(el, required_children[i].alternative))
                continue;
            add_path(out, el, required_children[i].filler);
        }
        if (rd_db_is_named(el, "variablelist")) {
            xmlNodePtr entry = rd_db_child_named(el, "varlistentry");
            if (entry && !rd_db_child_named(entry, "listitem"))
                add_path(out, entry, "listitem/para");
        }
    }
    /* A caption closes its figure. */
    bool figure = rd_db_is_named(el, "figure") || rd_db_is_named(el, "informalfigure");
    xmlNodePtr caption = figure ? rd_db_child_named(el, "caption") : NULL;
    if (caption) {
        xmlUnlinkNode(caption);
        xmlAddChild(el, caption);
    }
}

/* ------------------------------------------------------- indentation */

/* Elements whose content is elements only: whitespace between their
 * children is not text, so the output can be indented there (and only
 * there: inline content is written exactly as the page has it). */
static bool holds_elements_only(xmlNodePtr el)
{
    static const char *const names[] = {
        "book", "part", "info", "abstract", "mediaobject", "imageobject",
        "videoobject", "textobject", "varlistentry", NULL
    };
    switch (rd_db_context_of(el)) {
    case CX_BLOCK: case CX_LIST: case CX_PROCEDURE: case CX_VARLIST:
    case CX_TABLE: case CX_ROWS: case CX_ROW:
        return true;
    default:
        break;
    }
    for (size_t i = 0; names[i]; i++)
        if (rd_db_is_named(el, names[i]))
            return true;
    return false;
}

/* ------------------------------------------------------- serialisation */

/* The tree is written here rather than by libxml2's serialiser, which
 * needed indentation put in as text nodes first, and an encoding pass:
 * writing it in one walk halves the cost of a page's output. The bytes are
 * the ones libxml2 writes for a UTF-8 document. */

static void put_indent(rd_buf *buf, unsigned depth)
{
    enum { MAX_INDENT = 32 };
    static const char spaces[] = "                                "
                                 "                                ";
    unsigned n = depth < MAX_INDENT ? depth : MAX_INDENT;
    rd_buf_putc(buf, '\n');
    rd_buf_put(buf, spaces, 2 * n);
}

/* Text as libxml2 escapes it: markup characters, and carriage returns (and
 * in attribute values, the other whitespace a parser would normalise). */
static void put_escaped(rd_buf *buf, const char *s, bool attribute)
{
    const char *special = attribute ? "<>&\r\"\n\t" : "<>&\r";
    for (size_t run; *s; s += run + 1) {
        run = strcspn(s, special);
        rd_buf_put(buf, s, run);
        switch (s[run]) {
        case '\0': return;
        case '<': rd_buf_puts(buf, "&lt;"); break;
        case '>': rd_buf_puts(buf, "&gt;"); break;
        case '&': rd_buf_puts(buf, "&amp;"); break;
        case '\r': rd_buf_puts(buf, "&#13;"); break;
        case '"': rd_buf_puts(buf, "&quot;"); break;
        case '\n': rd_buf_puts(buf, "&#10;"); break;
        default: rd_buf_puts(buf, "&#9;"); break;
        }
    }
}

static void put_qname(rd_buf *buf, const xmlNs *ns, const xmlChar *name)
{
    if (ns && ns->prefix) {
        rd_buf_puts(buf, (const char *)ns->prefix);
        rd_buf_putc(buf, ':');
    }
    rd_buf_puts(buf, (const char *)name);
}

static void put_start_tag(rd_buf *buf, xmlNodePtr el)
{
    rd_buf_putc(buf, '<');
    put_qname(buf, el->ns, el->name);
    for (const xmlNs *ns = el->nsDef; ns; ns = ns->next) {
        rd_buf_puts(buf, " xmlns");
        if (ns->prefix) {
            rd_buf_putc(buf, ':');
            rd_buf_puts(buf, (const char *)ns->prefix);
        }
        rd_buf_puts(buf, "=\"");
        put_escaped(buf, (const char *)ns->href, true);
        rd_buf_putc(buf, '"');
    }
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        rd_buf_putc(buf, ' ');
        put_qname(buf, a->ns, a->name);
        rd_buf_puts(buf, "=\"");
        for (const xmlNode *t = a->children; t; t = t->next)
            if (t->content)
                put_escaped(buf, (const char *)t->content, true);
        rd_buf_putc(buf, '"');
    }
    rd_buf_puts(buf, el->children ? ">" : "/>");
}

static void put_end_tag(rd_buf *buf, xmlNodePtr el)
{
    rd_buf_puts(buf, "</");
    put_qname(buf, el->ns, el->name);
    rd_buf_putc(buf, '>');
}

/* Whether el's children are indented: element-only content, below
 * ancestors that are all indented too (inline content is written exactly
 * as the page has it, whatever it holds). */
static bool indents(xmlNodePtr el)
{
    return el->children && holds_elements_only(el);
}

/* Writes the tree under root, walking it without recursion. */
static void put_tree(rd_buf *buf, xmlNodePtr root)
{
    xmlNodePtr n = root;
    unsigned depth = 0;         /* of n */
    unsigned indented = 0;      /* ancestors of n that indent, from root */
    while (n) {
        bool in_indented = n != root && indented == depth;
        if (in_indented)
            put_indent(buf, depth);
        if (n->type == XML_TEXT_NODE) {
            if (n->content)
                put_escaped(buf, (const char *)n->content, false);
        } else if (n->type == XML_ELEMENT_NODE) {
            put_start_tag(buf, n);
            if (n->children) {
                if (indented == depth && indents(n))
                    indented++;
                depth++;
                n = n->children;
                continue;
            }
        }
        /* Up past every last child, closing its parent. */
        while (n != root && !n->next) {
            n = n->parent;
            if (indented == depth) {
                indented--;
                put_indent(buf, depth - 1);
            }
            depth--;
            put_end_tag(buf, n);
        }
        n = n == root ? NULL : n->next;
    }
}

/* A link whose target no element carries (a heading dropped with its
 * block): a dangling linkend is invalid. */
static bool is_dangling(rd_db_out *out, xmlNodePtr link)
{
    xmlChar *target = xmlGetProp(link, BAD_CAST "linkend");
    bool dangling = target && !rd_db_ids_has(&out->placed, (const char *)target);
    xmlFree(target);
    return dangling;
}

/* Puts el's children in its place. */
static void unwrap(xmlNodePtr el)
{
    while (el->children) {
        xmlNodePtr c = el->children;
        xmlUnlinkNode(c);
        xmlAddPrevSibling(el, c);
    }
    xmlUnlinkNode(el);
    xmlFreeNode(el);
}

/* Dangling links give way to their content; the walk goes through the
 * tree without recursion. */
static void drop_dangling_links(rd_db_out *out, xmlNodePtr root)
{
    xmlNodePtr n = root;
    while (n) {
        if (n != root && rd_db_is_named(n, "link") && is_dangling(out, n)) {
            /* Text moved out may merge into the previous sibling, which
             * has been visited: the walk goes on after it. */
            xmlNodePtr prev = n->prev, parent = n->parent;
            unwrap(n);
            xmlNodePtr next = prev ? prev->next : parent->children;
            if (next) {
                n = next;
                continue;
            }
            n = prev ? prev : parent;
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        n = n == root ? NULL : n->next;
    }
}

int rd_db_serialize(rd_db_out *out, rd_buf *buf)
{
    if (out->failed || !out->doc)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(out->doc);
    drop_dangling_links(out, root);
    if (out->failed || !root)
        return -1;
    rd_buf_puts(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    put_tree(buf, root);
    rd_buf_putc(buf, '\n');
    return 0;
}

