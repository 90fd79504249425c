/* GitBook footnotes: "text[^1]" in the page, "[^1]: the note" on a line
 * of its own.
 *
 * md4c knows no footnotes: it would read a one-word note as a link
 * reference definition (the note's word becoming a link target) and longer
 * ones as text. Before parsing, each note's opening "[" is overwritten, in
 * the parser's copy of the input, by a letter, so that every note reaches
 * the tree as the text of a paragraph with its offsets unchanged (code,
 * which is taken from the original bytes, keeps its "["). After parsing,
 * the paragraphs of notes become FOOTNOTE_DEF nodes, the "[^label]" of the
 * text whose note exists become FOOTNOTE_REF nodes, and the notes move to
 * the end of the document in the order they are first referred to.
 */
#include "internal.h"
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- scanning */

static bool is_label_char(char c)
{
    return c != ']' && c != '[' && c != ' ' && c != '\t' && c != '\n' &&
           c != '\r' && c != '\0';
}

/* Length of "[^label]:" and the blanks after it at s, or 0. */
static size_t def_prefix(const char *s, size_t len, size_t *label_len)
{
    if (len < 5 || s[0] != '[' || s[1] != '^')
        return 0;
    size_t i = 2;
    while (i < len && is_label_char(s[i]))
        i++;
    if (i == 2 || i + 1 >= len || s[i] != ']' || s[i + 1] != ':')
        return 0;
    *label_len = i - 2;
    i += 2;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static void defs_add(rd_footnote_defs *defs, size_t offset, size_t prefix,
                     const char *label, size_t label_len)
{
    if (defs->len == defs->cap) {
        defs->cap = defs->cap ? defs->cap * 2 : 8;
        defs->items = rd_xrealloc(defs->items, defs->cap * sizeof *defs->items);
    }
    defs->items[defs->len++] = (rd_footnote_def){ offset, prefix, label, label_len };
}

bool rd_footnote_has_defs(const char *s, size_t n)
{
    const char *end = s + n;
    while ((s = memchr(s, '[', (size_t)(end - s))) != NULL) {
        size_t label_len;
        if (def_prefix(s, (size_t)(end - s), &label_len))
            return true;
        s++;
    }
    return false;
}

void rd_footnote_scan(rd_doc *doc, char *work, rd_footnote_defs *defs)
{
    size_t pos = doc->body;
    while (pos < doc->size) {
        size_t eol = pos, lead = pos, label_len = 0;
        while (eol < doc->size && work[eol] != '\n' && work[eol] != '\r')
            eol++;
        while (lead < eol && lead - pos < 3 && work[lead] == ' ')
            lead++;
        size_t prefix = def_prefix(work + lead, eol - lead, &label_len);
        if (prefix && lead + prefix < eol) {
            defs_add(defs, lead, prefix, doc->bytes + lead + 2, label_len);
            work[lead] = 'x';
        }
        pos = eol;
        if (pos < doc->size && work[pos] == '\r')
            pos++;
        if (pos < doc->size && work[pos] == '\n')
            pos++;
    }
}

static const rd_footnote_def *find_def(const rd_footnote_defs *defs, size_t offset)
{
    size_t lo = 0, hi = defs->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (defs->items[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < defs->len && defs->items[lo].offset == offset ? &defs->items[lo] : NULL;
}

/* ---------------------------------------------------------- the notes */

typedef struct {
    rd_doc *doc;
    const rd_footnote_defs *defs;
    rd_node_list notes;     /* FOOTNOTE_DEF nodes, page order */
    rd_strmap by_label;     /* label → its first note: a page may hold
                               thousands of notes and references */
    unsigned numbered;      /* notes given a number so far */
} notes;

/* The text node that opens a note: first of its paragraph or of a line. */
static const rd_footnote_def *opens_note(const notes *ns, const rd_node *n)
{
    if (n->type != RD_NODE_TEXT || (n->flags & RD_FLAG_HTML) || !n->parent ||
        n->parent->type != RD_NODE_PARAGRAPH)
        return NULL;
    if (n->prev && n->prev->type != RD_NODE_SOFTBREAK)
        return NULL;
    const rd_footnote_def *d = find_def(ns->defs, n->offset);
    return d && n->literal_len >= d->prefix ? d : NULL;
}

/* Moves the note opened by `first` out of its paragraph into a new
 * FOOTNOTE_DEF: its inlines up to the line that opens the next note. */
static void make_note(notes *ns, rd_node *first, const rd_footnote_def *d)
{
    rd_node *para = first->parent;
    rd_node *def = rd_node_new(ns->doc, RD_NODE_FOOTNOTE_DEF);
    rd_node_set_pos(ns->doc, def, d->offset);
    def->name = rd_doc_strndup(ns->doc, d->label, d->label_len);
    if (first->prev)
        rd_node_unlink(first->prev);        /* the line break before it */
    first->literal += d->prefix;
    first->literal_len -= d->prefix;
    rd_node_set_pos(ns->doc, first, first->offset + d->prefix);
    rd_node *n = first;
    while (n) {
        rd_node *next = n->next;
        if (n->type == RD_NODE_SOFTBREAK && next && opens_note(ns, next)) {
            rd_node_unlink(n);
            break;
        }
        rd_node_unlink(n);
        if (n->type != RD_NODE_TEXT || n->literal_len)
            rd_node_append(def, n);
        n = next;
    }
    if (!para->first_child)
        rd_node_unlink(para);
    rd_node_list_add(&ns->notes, def);
    rd_strmap_slot *slot = rd_strmap_put(&ns->by_label, def->name);
    if (!slot->value)
        slot->value = def;
}

static void find_notes(notes *ns, rd_node *root)
{
    rd_node_list starts = { 0 };
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && opens_note(ns, n))
            rd_node_list_add(&starts, n);
    /* A note made first may have taken a later opener with it (an opener
     * that the first walk saw): that one stays where it went. */
    for (size_t i = 0; i < starts.len; i++) {
        const rd_footnote_def *d = opens_note(ns, starts.items[i]);
        if (d)
            make_note(ns, starts.items[i], d);
    }
    free(starts.items);
}

static rd_node *note_named(const notes *ns, const char *label, size_t len)
{
    char small[64];
    char *key = len < sizeof small ? small : rd_xmalloc(len + 1);
    memcpy(key, label, len);
    key[len] = '\0';
    rd_strmap_slot *slot = rd_strmap_find(&ns->by_label, key);
    if (key != small)
        free(key);
    return slot ? slot->value : NULL;
}

/* ------------------------------------------------------ the references */

/* Where the next "[^label]" naming a note starts in s, or NULL. */
static const char *next_ref(const notes *ns, const char *s, const char *end,
                            rd_node **note, size_t *ref_len)
{
    for (; (s = memchr(s, '[', (size_t)(end - s))) != NULL; s++) {
        if (end - s < 4 || s[1] != '^')
            continue;
        const char *l = s + 2, *e = l;
        while (e < end && is_label_char(*e))
            e++;
        if (e == l || e >= end || *e != ']')
            continue;
        if ((*note = note_named(ns, l, (size_t)(e - l))) != NULL) {
            *ref_len = (size_t)(e + 1 - s);
            return s;
        }
    }
    return NULL;
}

/* The source offset of `at`, a place in a text node's literal. The
 * literal may hold U+FFFD where the source has a NUL or a byte that is not
 * UTF-8 (one for each such byte), so the two are walked character by
 * character; never past the page's end. */
static size_t source_offset(const rd_doc *doc, const rd_node *text, const char *at)
{
    const unsigned char *u = (const unsigned char *)doc->bytes;
    size_t src = text->offset;
    for (const char *p = text->literal; p < at && src < doc->size;) {
        uint32_t cp;
        size_t n = rd_utf8_decode((const unsigned char *)p, (size_t)(at - p), &cp);
        bool replaced = cp == 0xFFFD && (u[src] == 0 ||
                                         rd_utf8_valid_seq(u + src, doc->size - src) == 0);
        src += replaced ? 1 : n;
        p += n;
    }
    return src < doc->size ? src : doc->size;
}

static rd_node *text_piece(notes *ns, const rd_node *from, const char *s,
                           size_t len)
{
    rd_node *t = rd_node_new(ns->doc, RD_NODE_TEXT);
    t->flags = from->flags;
    t->literal = rd_doc_strndup(ns->doc, s, len);
    t->literal_len = len;
    rd_node_set_pos(ns->doc, t, source_offset(ns->doc, from, s));
    return t;
}

static void number_note(notes *ns, rd_node *note)
{
    if (!note->list_start)
        note->list_start = ++ns->numbered;
}

/* Splits a text node around the references it holds. */
static void split_refs(notes *ns, rd_node *text)
{
    const char *s = text->literal, *end = s + text->literal_len, *at;
    rd_node *note;
    size_t ref_len;
    while ((at = next_ref(ns, s, end, &note, &ref_len)) != NULL) {
        if (at > s)
            rd_node_insert_before(text, text_piece(ns, text, s, (size_t)(at - s)));
        rd_node *ref = rd_node_new(ns->doc, RD_NODE_FOOTNOTE_REF);
        rd_node_set_pos(ns->doc, ref, source_offset(ns->doc, text, at));
        ref->name = note->name;
        number_note(ns, note);
        ref->list_start = note->list_start;
        rd_node_insert_before(text, ref);
        s = at + ref_len;
    }
    if (s == text->literal)
        return;
    if (s < end)
        rd_node_insert_before(text, text_piece(ns, text, s, (size_t)(end - s)));
    rd_node_unlink(text);
}

static bool may_hold_ref(const rd_node *n)
{
    if (n->type != RD_NODE_TEXT)
        return false;
    for (size_t i = 0; i + 1 < n->literal_len; i++)
        if (n->literal[i] == '[' && n->literal[i + 1] == '^')
            return true;
    return false;
}

static void texts_with_refs(rd_node *root, rd_node_list *texts)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && may_hold_ref(n))
            rd_node_list_add(texts, n);
}

/* References in the page, then in the notes (not in the tree yet). */
static void find_refs(notes *ns, rd_node *root)
{
    rd_node_list texts = { 0 };
    texts_with_refs(root, &texts);
    for (size_t i = 0; i < ns->notes.len; i++)
        texts_with_refs(ns->notes.items[i], &texts);
    for (size_t i = 0; i < texts.len; i++)
        split_refs(ns, texts.items[i]);
    free(texts.items);
}

/* The notes at the end of the page: referred ones in the order of their
 * numbers, then the others (numbered after them). */
static void move_notes(notes *ns, rd_node *root)
{
    rd_node **by_number = rd_xcalloc((size_t)ns->numbered + 1, sizeof *by_number);
    for (size_t i = 0; i < ns->notes.len; i++)
        if (ns->notes.items[i]->list_start)
            by_number[ns->notes.items[i]->list_start] = ns->notes.items[i];
    for (unsigned k = 1; k <= ns->numbered; k++)
        if (by_number[k]) {
            rd_node_unlink(by_number[k]);
            rd_node_append(root, by_number[k]);
        }
    free(by_number);
    for (size_t i = 0; i < ns->notes.len; i++)
        if (!ns->notes.items[i]->list_start) {
            number_note(ns, ns->notes.items[i]);
            rd_node_unlink(ns->notes.items[i]);
            rd_node_append(root, ns->notes.items[i]);
        }
}

void rd_footnote_build(rd_doc *doc, rd_node *root, const rd_footnote_defs *defs)
{
    notes ns = { .doc = doc, .defs = defs };
    find_notes(&ns, root);
    if (ns.notes.len) {
        find_refs(&ns, root);
        move_notes(&ns, root);
    }
    free(ns.notes.items);
    rd_strmap_free(&ns.by_label);
}
