/* DocBook 5 output, shared by the page converter (emit/docbook.c) and the
 * book assembler (book.c): both build one libxml2 document, so that a page
 * becomes an article on its own or a chapter of a book with the same code,
 * and ids stay unique across the whole output. Not installed. */
#ifndef RD_DOCBOOK_H
#define RD_DOCBOOK_H

#include "internal.h"

#include <libxml/tree.h>

#include "util/strmap.h"

#define RD_DOCBOOK_NS "http://docbook.org/ns/docbook"
#define RD_XLINK_NS "http://www.w3.org/1999/xlink"

/* The xml:id values handed out so far (an open-addressing set). */
typedef struct {
    char **slots;
    size_t cap, len;
} rd_db_ids;

typedef struct {
    xmlDocPtr doc;
    xmlNsPtr ns;             /* DocBook: the root's default namespace */
    xmlNsPtr xlink;
    xmlNsPtr xml;            /* for xml:id */
    rd_db_ids ids;           /* every id made */
    rd_db_ids placed;        /* the ids some element carries */
    rd_strmap suffixes;      /* base of an id → the next "-N" to try */
    rd_buf scratch;          /* strings made safe for XML */
    rd_buf fixed;
    bool failed;             /* an allocation failed somewhere */
} rd_db_out;

/* Starts a DocBook 5.0 document whose root element is `root` ("article",
 * "book"); returns the root. */
xmlNodePtr rd_db_begin(rd_db_out *out, const char *root);
/* Serializes the document (UTF-8, indented) into buf; 0 on success. */
int rd_db_serialize(rd_db_out *out, rd_buf *buf);
void rd_db_end(rd_db_out *out);

/* A new DocBook element appended to parent. */
xmlNodePtr rd_db_add(rd_db_out *out, xmlNodePtr parent, const char *name);
/* Text of any origin: invalid UTF-8 and characters XML forbids are
 * replaced, libxml2 escapes the rest. */
void rd_db_add_text(rd_db_out *out, xmlNodePtr parent, const char *text);
void rd_db_set_attr(rd_db_out *out, xmlNodePtr el, const char *name,
                    const char *value);
/* xlink:href, the URL made acceptable as an xsd:anyURI. */
void rd_db_set_href(rd_db_out *out, xmlNodePtr el, const char *url);
/* Gives el an xml:id made from `prefix` and a slug of `text` (a title):
 * a valid NCName, the same from run to run, unique in the document (a
 * counter is added when taken). Returns the id (owned by out). */
const char *rd_db_set_id(rd_db_out *out, xmlNodePtr el, const char *prefix,
                         const char *text);
/* The same id before its element exists (for links to parts written
 * later); `whole` keeps every word of text (paths), else the first ones. */
const char *rd_db_make_id(rd_db_out *out, const char *prefix,
                          const char *text, bool whole);
void rd_db_set_xml_id(rd_db_out *out, xmlNodePtr el, const char *id);
/* Whether two titles say the same words (case, accents, punctuation and
 * emoji aside). */
bool rd_db_same_title(const char *a, const char *b);
/* Completes el where DocBook requires content it does not hold yet: an
 * empty para in a section or list item without blocks, an item in an empty
 * list, a cell in an empty row... */
void rd_db_complete(rd_db_out *out, xmlNodePtr el);

/* The ids of a page's headings, made before the page is written so that
 * links may point at sections further down or in other pages, and found
 * back by heading or by anchor ("#qui-sommes-nous", matched on letters and
 * digits, accents folded). */
typedef struct {
    const rd_node *node;
    const char *id;
    char *key;
} rd_db_anchor;

typedef struct {
    rd_db_anchor *items;    /* page order */
    size_t len, cap;
    rd_db_anchor **by_node, **by_key;
} rd_db_anchors;

void rd_db_anchors_make(rd_db_out *out, const rd_doc *doc, const char *prefix,
                        rd_db_anchors *anchors);
void rd_db_anchors_free(rd_db_anchors *anchors);
const char *rd_db_anchor_of(const rd_db_anchors *anchors, const rd_node *heading);
/* `fragment` as written after '#' (percent-encoded or not). */
const char *rd_db_anchor_find(const rd_db_anchors *anchors, const char *fragment);

/* Where a link of a page points inside the output: the linkend of the
 * target, or NULL to keep the URL. */
typedef const char *(*rd_db_resolve_fn)(void *data, const char *url);

typedef struct {
    const char *id_prefix;      /* before the slugs of section ids */
    xmlNodePtr title;           /* receives the page's title heading (its
                                   first level-1 heading); NULL drops it */
    const rd_db_anchors *anchors;  /* ids of the headings (NULL: made
                                      for the page) */
    int roles;                  /* sections annotated with the role model */
    const rd_ruleset *rules;    /* labels of role parts (needed by roles) */
    rd_db_resolve_fn resolve;   /* NULL: every link kept as written */
    void *resolve_data;
    rd_db_resolve_fn image;     /* an image's URL for the output, or NULL
                                   to keep it (NULL: all kept) */
    void *image_data;
    int unsafe;                 /* links and images of any scheme kept (by
                                   default, those the HTML output drops are
                                   dropped: javascript:, non-image data:…) */
} rd_db_page_options;

/* The page's first level-1 heading among its top blocks, or NULL. */
const rd_node *rd_db_title_heading(const rd_doc *doc);
/* Writes the page's content into el, an article, chapter or section that
 * already holds its info: blocks first, then a section per heading. */
void rd_db_page_body(rd_db_out *out, xmlNodePtr el, const rd_doc *doc,
                     const rd_db_page_options *opts);
/* Adds front matter's description to info as an abstract. */
void rd_db_add_abstract(rd_db_out *out, xmlNodePtr info, const rd_doc *doc);

/* The letters and digits of text, lower case, accents folded: what
 * anchors are matched on (GitBook's and hand-written ones differ in
 * their separators). */
void rd_db_anchor_fold(const char *text, rd_buf *out);

/* docbook_xml.c: the content model of the elements, as the mapping and
 * the completion of elements see it. */
/* What an element may hold, as far as the walker is concerned. */
typedef enum {
    CX_NONE,        /* nothing the walker adds (media objects, info) */
    CX_BLOCK,       /* blocks: sections, admonitions, list items, cells */
    CX_INLINE,      /* text and inline markup: para, title, emphasis */
    CX_TEXT,        /* text and few inlines: code, superscript */
    CX_LIST,        /* listitem */
    CX_PROCEDURE,   /* step */
    CX_VARLIST,     /* varlistentry */
    CX_TABLE,       /* thead, tbody */
    CX_ROWS,        /* tr */
    CX_ROW          /* td, th */
} rd_db_context;
rd_db_context rd_db_context_of(xmlNodePtr el);
bool rd_db_is_inline_context(rd_db_context cx);
bool rd_db_is_named(xmlNodePtr el, const char *name);
/* Markers kept in an element's _private field: made only to hold content
 * that did not fit; a cell holding inlines. */
extern const char rd_db_implicit_marker, rd_db_inline_cell_marker;
bool rd_db_is_implicit(xmlNodePtr el);
xmlNodePtr rd_db_first_element(xmlNodePtr el);
xmlNodePtr rd_db_child_named(xmlNodePtr el, const char *name);
/* s as XML 1.0 text (NULL: ""), kept in out until the next call's. */
const char *rd_db_xml_safe(rd_db_out *out, const char *s);
/* url with what RFC 3986 does not allow percent-escaped, appended to b. */
void rd_db_uri_escape(const char *url, rd_buf *b);
/* docbook_ids.c: whether a document holds an id; its ids freed. */
bool rd_db_ids_has(const rd_db_ids *ids, const char *id);
void rd_db_ids_free(rd_db_ids *ids);
/* docbook_ids.c: the words of text in lower-case ASCII, joined by sep
 * (none when 0), about max bytes at most. */
void rd_db_fold_words(const char *text, char sep, size_t max, rd_buf *out);

#endif
