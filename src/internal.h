/* Declarations shared by the library's source files; not installed. */
#ifndef RD_INTERNAL_H
#define RD_INTERNAL_H

#include "roledoc.h"

#include <stdbool.h>

/* ------------------------------------------------------------------ arena */

typedef struct rd_arena_chunk rd_arena_chunk;
typedef struct {
    rd_arena_chunk *head;
} rd_arena;

void rd_arena_init(rd_arena *a);
void *rd_arena_alloc(rd_arena *a, size_t size);   /* zeroed, 16-aligned */
char *rd_arena_strndup(rd_arena *a, const char *s, size_t n);
void rd_arena_free(rd_arena *a);

/* ------------------------------------------------------------ line index */

typedef struct {
    size_t *starts;   /* byte offset where each line starts; starts[0] = 0 */
    size_t count;     /* number of lines */
} rd_line_index;

/* ------------------------------------------------------------- document */

typedef struct {
    size_t line_idx, offset;
    uint32_t col;
    bool valid;
} rd_pos_memo;

struct rd_doc {
    rd_arena arena;
    char *name;
    unsigned flags;              /* RD_PARSE_* */
    unsigned max_depth;

    /* The file's bytes as read (owned, NUL-terminated). */
    char *bytes;
    size_t size;
    size_t body;                 /* offset where Markdown starts (after BOM
                                    and front matter) */
    size_t bom;                  /* 3 when a BOM was skipped, else 0 */
    rd_line_index lines;
    /* The last position computed: positions are asked for in nearly
     * increasing order, so columns are counted from there rather than from
     * the start of the line (a 10 MB one-line paragraph stays linear). */
    rd_pos_memo last_pos;

    /* UTF-8 problems, by offset (first one and how many). */
    bool has_invalid;
    bool clean;                  /* no invalid byte and no NUL */
    size_t first_invalid;
    size_t invalid_count;

    rd_attr *meta;               /* front matter keys */
    rd_attr *meta_tail;

    rd_node *root;
    rd_diag_list diags;

    /* The libxml2 HTML parser of the page's raw HTML, made for its first
     * fragment and reused by the others until the tree is built. */
    void *html_parser;

    /* The fragments its {% include %} tags show (includes.c), owned, and
     * how deep in includes the page itself is read. */
    struct rd_doc **included;
    size_t nincluded;
    unsigned include_depth;
};

/* source.c */
rd_doc *rd_doc_new(const char *name, const rd_parse_options *opts);
/* Takes ownership of bytes (malloc'd, len+1 with a NUL). Validates UTF-8,
 * builds the line index, splits off front matter. */
void rd_source_init(rd_doc *doc, char *bytes, size_t len);
/* Copies s[0..n) into the arena as valid UTF-8: invalid sequences become
 * U+FFFD, NUL bytes too. */
char *rd_doc_clean_text(rd_doc *doc, const char *s, size_t n, size_t *outlen);
/* Same, for text the Markdown parser took from the page (or decoded from
 * its entities): the page's bytes were checked once when it was read, and
 * a page without an invalid byte or NUL is copied as it is. */
char *rd_doc_page_text(rd_doc *doc, const char *s, size_t n, size_t *outlen);
void rd_doc_add_diag(rd_doc *doc, const char *rule, rd_severity sev,
                     size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The length of s[0..n) without a last character cut short (text written
 * into a fixed buffer by snprintf may end in half a character). */
size_t rd_utf8_cut(const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t rd_utf8_valid_seq(const unsigned char *s, size_t avail);
/* Decodes one code point; returns bytes used (invalid bytes count 1 and
 * yield U+FFFD). */
size_t rd_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);
void rd_utf8_encode(uint32_t cp, rd_buf *out);

/* html_limits.c: blanks the attributes of each tag of s[0..len) past the
 * max-th (spaces; line breaks kept, so positions hold), before libxml2
 * reads it; returns the offset of the first tag that had more, or
 * SIZE_MAX. */
#define RD_HTML_MAX_ATTRIBUTES 256
size_t rd_html_cap_attributes(char *s, size_t len, unsigned max);

/* fold.c, the one folding of labels, words, anchors, ids and slugs:
 * appends cp case-folded and without accents ("e" for "É", "oe" for "œ",
 * "ss" for "ß"; a combining accent alone gives nothing). */
void rd_fold_char(uint32_t cp, rd_buf *out);
/* The same when cp folds to ASCII letters or digits: the bytes appended,
 * 0 for a combining accent (it folds to nothing), or -1 (nothing appended)
 * for a character spelt otherwise. */
int rd_fold_ascii(uint32_t cp, rd_buf *out);
/* The simple lower- and upper-case mappings of a letter (cp itself when it
 * has none). */
uint32_t rd_case_lower(uint32_t cp);
uint32_t rd_case_upper(uint32_t cp);

/* visible.c: a NUL-terminated string through rd_buf_put_visible, with no
 * control kept. */
void rd_visible_put(rd_buf *out, const char *s);
bool rd_visible_needed(const char *s, size_t len, const char *keep);
/* The code points JSON may hold raw but every JSON output of roledoc writes
 * as \u escapes, so that no raw control reaches a reader: DEL, C1 and the
 * Unicode line and paragraph separators. */
bool rd_json_control(uint32_t cp);

/* source/utf8.c: bytes of the character at s (an invalid byte is one of
 * its own); the number of invalid bytes of s[0..n), the first at *first. */
size_t rd_utf8_char_len(const unsigned char *s, size_t avail);
size_t rd_utf8_count_invalid(const char *s, size_t n, size_t *first);
/* source/source.c: where the text of line idx (0-based) starts (after a
 * byte order mark) and ends (before its line break). */
size_t rd_doc_line_start(const rd_doc *doc, size_t idx);
size_t rd_doc_line_end(const rd_doc *doc, size_t idx);
/* source/front_matter.c: the front matter read into the meta keys, and
 * the body set after it. */
void rd_front_matter_split(rd_doc *doc);
/* util/alloc.c: malloc, calloc, realloc, strdup and strndup that abort
 * the program when memory runs out (a size of 0 allocates one byte). */
void *rd_xmalloc(size_t size);
void *rd_xcalloc(size_t count, size_t size);
void *rd_xrealloc(void *p, size_t size);
char *rd_xstrdup(const char *s);
char *rd_xstrndup(const char *s, size_t n);
/* util/error.c: fills err (when not NULL) with a status and a message;
 * rd_clear_error sets it to RD_OK and an empty message. */
void rd_set_error(rd_error *err, rd_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rd_clear_error(rd_error *err);
/* read_file.c: reads fd to its end into a new NUL-terminated block (*data,
 * *len; the caller frees *data). hint: the size expected (a regular
 * file's, from fstat), 0 when unknown. More than max bytes: RD_ERR_LIMIT.
 * RD_ERR_IO leaves errno saying why. */
rd_status rd_read_fd(int fd, size_t hint, size_t max, char **data, size_t *len);
/* buf.c: room for `extra` more bytes (and the NUL) without growing. */
void rd_buf_reserve(rd_buf *b, size_t extra);
/* Grows the array *items (of elements of `size` bytes, room for *cap) to
 * room for `need`, doubling; aborts when memory runs out. */
void rd_array_reserve(void *items, size_t *cap, size_t need, size_t size);
/* Appends the element at `item` to *items (of *len, room for *cap). */
void rd_array_push(void *items, size_t *len, size_t *cap, const void *item,
                   size_t size);


/* node.c */
rd_node *rd_node_new(rd_doc *doc, rd_node_type type);
/* A growable list of nodes (the passes that first collect the nodes to
 * change, then change them, since changing them would lead a walk astray). */
typedef struct {
    rd_node **items;
    size_t len, cap;
} rd_node_list;
void rd_node_list_add(rd_node_list *list, rd_node *node);

/* rd_iter_next, inlined into the library's own walks: a page's tree is
 * walked several times (structure, depth, checks, model), and the call for
 * each step was 5% of a space's lint. */
static inline rd_event rd_iter_step(rd_iter *it, rd_node **node)
{
    if (it->skip) {
        it->skip = 0;
        it->ev = RD_EVENT_EXIT;
    } else if (!it->cur) {
        if (!it->root || it->ev != RD_EVENT_DONE) {
            *node = NULL;
            return RD_EVENT_DONE;
        }
        it->cur = it->root;
        it->ev = RD_EVENT_ENTER;
    } else if (it->ev == RD_EVENT_ENTER && it->cur->first_child) {
        it->cur = it->cur->first_child;
    } else if (it->ev == RD_EVENT_ENTER) {
        it->ev = RD_EVENT_EXIT;          /* leaves are left at once */
    } else if (it->cur == it->root) {
        it->cur = NULL;
        *node = NULL;
        return RD_EVENT_DONE;
    } else if (it->cur->next) {
        it->cur = it->cur->next;
        it->ev = RD_EVENT_ENTER;
    } else {
        it->cur = it->cur->parent;
        it->ev = RD_EVENT_EXIT;
    }
    *node = it->cur;
    return it->ev;
}
void rd_node_append(rd_node *parent, rd_node *child);
void rd_node_insert_before(rd_node *sibling, rd_node *node);
void rd_node_unlink(rd_node *node);
void rd_node_set_pos(rd_doc *doc, rd_node *node, size_t offset);
/* The level-1 heading that opens the page (raw HTML comments aside): its
 * title, under which the front matter description stands; or NULL. */
const rd_node *rd_doc_title_node(const rd_doc *doc);
/* The slot after the last attribute of a list; rd_attr_add appends an
 * attribute there and moves *tail past it, so that a tag of thousands of
 * attributes is built in linear time. */
rd_attr **rd_attr_tail(rd_attr **list);
rd_attr *rd_attr_add(rd_doc *doc, rd_attr ***tail, const char *name,
                     const char *value);

/* parse.c */
void rd_parse_markdown(rd_doc *doc);

/* parse/liquid.c: liquid tags */
typedef struct {
    size_t offset;          /* of the '{' */
    size_t len;             /* of the tag, "{%" to "%}" included */
    bool is_end;            /* {% endNAME %} */
    const char *name;       /* without the "end" prefix (arena) */
    const char *args;       /* raw arguments (arena) */
} rd_liquid_tag;

typedef struct {
    rd_liquid_tag *tags;
    size_t len, cap;
} rd_liquid_tags;

/* Finds tag lines in buf[body..size) and overwrites each tag, in `work`
 * (a copy of the buffer), with an HTML comment of the same length, so that
 * the Markdown parser sees a block boundary there. */
void rd_liquid_scan(rd_doc *doc, char *work, rd_liquid_tags *tags);
const rd_liquid_tag *rd_liquid_find(const rd_liquid_tags *tags, size_t offset);
/* Fills a LIQUID node from its tag: kind, name, attributes. */
void rd_liquid_fill(rd_doc *doc, rd_node *node, const rd_liquid_tag *tag);
/* Turns the marker nodes left by the parser into nested LIQUID nodes. */
void rd_liquid_group(rd_doc *doc, rd_node *root);
rd_liquid_kind rd_liquid_kind_of(const char *name);
/* The heading GitBook shows for an API block or part (empty for parts
 * that show their content alone), appended to out. */
void rd_liquid_api_label(const rd_node *n, rd_buf *out);
/* link_guard.c: hides from md4c the bare URL it would misread in a link
 * followed by emphasis; with work NULL, only counts the places. `s` and
 * `work` (a copy of s) are the page's body. */
size_t rd_link_guard(const char *s, size_t n, char *work);
/* includes.c: the fragments of the page's {% include %} tags become the
 * tags' children. */
void rd_includes_resolve(rd_doc *doc);
/* source.c: loads an included fragment, `depth` includes deep. */
rd_doc *rd_doc_load_included(const char *path, const rd_parse_options *opts,
                             unsigned depth, rd_error *err);
/* node.c: rd_node_text with the blocks inside the node (paragraphs of an
 * item, nested lists) kept apart by a blank. */
void rd_node_block_text(const rd_node *node, rd_buf *out);
/* cards.c: GitBook card tables. rd_cards_mark sets the RD_FLAG_CARD_* flags
 * of their cells (after parsing); a body row of a card table is a card. */
void rd_cards_mark(rd_node *root);
bool rd_card_is_table(const rd_node *n);
bool rd_card_row(const rd_node *row);
/* Whether a cell of a card is shown: not hidden, and not blank. */
bool rd_card_cell_shown(const rd_node *cell);
/* The URL of the first link inside n, or NULL (a card's title that holds a
 * link is not made a link). */
const char *rd_card_link_url(const rd_node *n);
typedef struct {
    const char *cover;          /* the cover image's URL, or NULL */
    const char *target;         /* where the card leads, or NULL */
    const rd_node *target_cell; /* the cell holding the target's link */
    const rd_node *title;       /* the first shown cell, or NULL */
} rd_card;
void rd_card_read(const rd_node *row, rd_card *card);
/* page_refs.c: content-ref and page-ref blocks whose target page is on
 * disk show its title (page-refs get the link they lack). */
void rd_page_refs_title(rd_doc *doc, rd_node *root);

/* footnotes.c: the notes "[^label]: text" of a page, found before parsing
 * (offset of the "[", length of "[^label]: ", the label in the page). */
typedef struct {
    size_t offset, prefix;
    const char *label;
    size_t label_len;
} rd_footnote_def;

typedef struct {
    rd_footnote_def *items;     /* page order */
    size_t len, cap;
} rd_footnote_defs;

/* Whether buf[0..n) holds something shaped like a note. */
bool rd_footnote_has_defs(const char *buf, size_t n);
/* Records the notes of buf[body..size) and hides their opening "[" in
 * `work` (a copy of the buffer) from the Markdown parser. */
void rd_footnote_scan(rd_doc *doc, char *work, rd_footnote_defs *defs);
/* Turns the notes' paragraphs into FOOTNOTE_DEF nodes at the end of the
 * document and their references into FOOTNOTE_REF nodes. */
void rd_footnote_build(rd_doc *doc, rd_node *root, const rd_footnote_defs *defs);

/* html_in.c: parses raw HTML (a block, or one inline tag) into nodes
 * appended to `parent`. `offset` is where html starts in the file. */
/* Frees the page's HTML parser (doc->html_parser), if it has one. */
void rd_html_parser_free(rd_doc *doc);
void rd_html_parse_block(rd_doc *doc, rd_node *parent, const char *html,
                         size_t len, size_t offset);
/* Pairs inline raw HTML tags within each paragraph-like block: an opening
 * tag of a known element and its closing tag become one element node around
 * what stands between; <img> and <br> get their parsed node as child. */
void rd_html_structure_inlines(rd_doc *doc, rd_node *root);
/* html_details.c: makes each <details> opened by a raw block the parent of
 * the blocks written up to its closing </details>. */
void rd_html_group_details(rd_node *root);

/* depth.c: keeps the depth limit once the tree is built (grouping liquid
 * blocks and pairing HTML tags move subtrees deeper): what stands below it
 * becomes text, with a nesting-depth finding. */
void rd_tree_limit_depth(rd_doc *doc);

/* xml_text.c: s with the characters XML 1.0 forbids replaced by U+FFFD
 * (s itself when clean; else a copy held in scratch). */
const char *rd_xml_text(const char *s, rd_buf *scratch);

#endif
