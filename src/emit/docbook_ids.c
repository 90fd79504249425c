/* DocBook ids and anchors: the set of xml:ids a document holds (each made
 * unique), ids made from titles (their words in lower-case ASCII), and the
 * anchors of a page, which same-page links and links from other pages of a
 * book are resolved against. */
#include "docbook.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ xml:id set */

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

bool rd_db_ids_has(const rd_db_ids *ids, const char *id)
{
    if (!ids->cap)
        return false;
    for (size_t i = hash_string(id) & (ids->cap - 1); ids->slots[i];
         i = (i + 1) & (ids->cap - 1))
        if (strcmp(ids->slots[i], id) == 0)
            return true;
    return false;
}

static void ids_put(char **slots, size_t cap, char *id)
{
    size_t i = hash_string(id) & (cap - 1);
    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = id;
}

static bool ids_grow(rd_db_ids *ids)
{
    size_t cap = ids->cap ? ids->cap * 2 : 64;
    char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < ids->cap; i++)
        if (ids->slots[i])
            ids_put(slots, cap, ids->slots[i]);
    free(ids->slots);
    ids->slots = slots;
    ids->cap = cap;
    return true;
}

/* Stores a copy of id; returns it, or NULL when memory ran out. */
static const char *ids_add(rd_db_ids *ids, const char *id)
{
    if ((ids->len + 1) * 2 > ids->cap && !ids_grow(ids))
        return NULL;
    char *copy = strdup(id);
    if (!copy)
        return NULL;
    ids_put(ids->slots, ids->cap, copy);
    ids->len++;
    return copy;
}

void rd_db_ids_free(rd_db_ids *ids)
{
    for (size_t i = 0; i < ids->cap; i++)
        free(ids->slots[i]);
    free(ids->slots);
    memset(ids, 0, sizeof *ids);
}


/* The words of text in lower-case ASCII (accents folded, anything else a
 * separator; ids are ASCII so that every tool downstream takes them),
 * joined by `sep` (none when 0), about `max` bytes at most. */
void rd_db_fold_words(const char *text, char sep, size_t max, rd_buf *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), start = out->len;
    bool gap = false;
    rd_buf letters;
    rd_buf_init(&letters);
    for (size_t i = 0; i < len;) {
        uint32_t cp = s[i];
        if (cp < 0x80)          /* titles are mostly ASCII: no decoding */
            i++;
        else
            i += rd_utf8_decode(s + i, len - i, &cp);
        letters.len = 0;
        int folded = rd_fold_ascii(cp, &letters);
        if (folded == 0)
            continue;           /* a combining accent */
        if (folded < 0) {
            gap = true;
            continue;
        }
        if (gap && out->len - start >= max)
            break;
        if (gap && sep && out->len > start)
            rd_buf_putc(out, sep);
        rd_buf_put(out, letters.data, letters.len);
        gap = false;
    }
    rd_buf_free(&letters);
}

bool rd_db_same_title(const char *a, const char *b)
{
    rd_buf x, y;
    rd_buf_init(&x);
    rd_buf_init(&y);
    rd_db_fold_words(a ? a : "", '-', SIZE_MAX, &x);
    rd_db_fold_words(b ? b : "", '-', SIZE_MAX, &y);
    bool same = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
    rd_buf_free(&x);
    rd_buf_free(&y);
    return same;
}

const char *rd_db_make_id(rd_db_out *out, const char *prefix, const char *text,
                          bool whole)
{
    enum { MAX_SLUG = 48 };     /* a title's first words are enough */
    rd_buf name, base, id;
    rd_buf_init(&name);
    rd_buf_init(&base);
    rd_buf_init(&id);
    rd_buf_puts(&name, prefix ? prefix : "");
    size_t before = name.len;
    rd_db_fold_words(text ? text : "", '-', whole ? SIZE_MAX : MAX_SLUG, &name);
    if (name.len == before)
        rd_buf_puts(&name, "section");
    /* An NCName starts with a letter or '_'. */
    if (!(name.data[0] >= 'a' && name.data[0] <= 'z') && name.data[0] != '_')
        rd_buf_puts(&base, "id-");
    rd_buf_puts(&base, name.data);
    rd_buf_puts(&id, base.data);
    /* The suffix goes on from the last one given to this base: a page of
     * thousands of headings of one title stays linear. */
    rd_strmap_slot *next = NULL;
    uintptr_t n = 2;
    if (rd_db_ids_has(&out->ids, id.data)) {
        next = rd_strmap_put(&out->suffixes, base.data);
        n = next->value ? (uintptr_t)next->value : 2;
    }
    for (; next && rd_db_ids_has(&out->ids, id.data); n++) {
        id.len = 0;
        rd_buf_printf(&id, "%s-%lu", base.data, (unsigned long)n);
    }
    if (next)
        next->value = (void *)n;
    const char *stored = ids_add(&out->ids, id.data);
    if (!stored)
        out->failed = true;
    rd_buf_free(&name);
    rd_buf_free(&base);
    rd_buf_free(&id);
    return stored ? stored : "";
}

void rd_db_set_xml_id(rd_db_out *out, xmlNodePtr el, const char *id)
{
    if (!xmlSetNsProp(el, out->xml, BAD_CAST "id", BAD_CAST id) ||
        !ids_add(&out->placed, id))
        out->failed = true;
}

const char *rd_db_set_id(rd_db_out *out, xmlNodePtr el, const char *prefix,
                         const char *text)
{
    const char *id = rd_db_make_id(out, prefix, text, false);
    rd_db_set_xml_id(out, el, id);
    return id;
}

/* ------------------------------------------------------------ anchors */

/* GitBook's anchors and the ones editors write by hand differ in their
 * separators, so anchors are matched on their letters and digits alone. */
static char *anchor_key(const char *text)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_db_fold_words(text, 0, SIZE_MAX, &b);
    char *key = strdup(b.data ? b.data : "");
    rd_buf_free(&b);
    return key;
}

static int compare_anchor_nodes(const void *a, const void *b)
{
    const rd_db_anchor *x = *(rd_db_anchor *const *)a;
    const rd_db_anchor *y = *(rd_db_anchor *const *)b;
    uintptr_t p = (uintptr_t)x->node, q = (uintptr_t)y->node;
    return (p > q) - (p < q);
}

static int compare_anchor_keys(const void *a, const void *b)
{
    const rd_db_anchor *x = *(rd_db_anchor *const *)a;
    const rd_db_anchor *y = *(rd_db_anchor *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x > y) - (x < y);   /* page order among equal keys */
}

static void anchors_push(rd_db_anchors *a, const rd_node *n, const char *id,
                         const char *text)
{
    if (a->len == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        rd_db_anchor *items = rd_xrealloc(a->items, cap * sizeof *items);
        a->items = items;
        a->cap = cap;
    }
    char *key = anchor_key(text);
    if (!key)
        abort();
    a->items[a->len++] = (rd_db_anchor){ .node = n, .id = id, .key = key };
}

static void anchors_index(rd_db_anchors *a)
{
    a->by_node = malloc((a->len + 1) * sizeof *a->by_node);
    a->by_key = malloc((a->len + 1) * sizeof *a->by_key);
    if (!a->by_node || !a->by_key)
        abort();
    for (size_t i = 0; i < a->len; i++)
        a->by_node[i] = a->by_key[i] = &a->items[i];
    qsort(a->by_node, a->len, sizeof *a->by_node, compare_anchor_nodes);
    qsort(a->by_key, a->len, sizeof *a->by_key, compare_anchor_keys);
}

/* The name a raw HTML anchor gives its place (<a id="x">, or <a name="x">
 * as older pages write it), or NULL. Anchors inside headings are not
 * looked at: the heading's own id stands for them. */
static const char *raw_anchor_name(const rd_node *n)
{
    if (n->type != RD_NODE_LINK || !(n->flags & RD_FLAG_HTML))
        return NULL;
    const char *id = rd_node_attr(n, "id");
    if (!id || !*id)
        id = rd_node_attr(n, "name");
    return id && *id ? id : NULL;
}

void rd_db_anchors_make(rd_db_out *out, const rd_doc *doc, const char *prefix,
                        rd_db_anchors *a)
{
    memset(a, 0, sizeof *a);
    const rd_node *title = rd_db_title_heading(doc);
    rd_buf text;
    rd_buf_init(&text);
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        const char *raw = ev == RD_EVENT_ENTER ? raw_anchor_name(n) : NULL;
        if (raw) {
            anchors_push(a, n, rd_db_make_id(out, prefix, raw, false), raw);
            continue;
        }
        if (ev != RD_EVENT_ENTER || n->type != RD_NODE_HEADING)
            continue;
        rd_iter_skip_children(&it);
        if (n == title)
            continue;
        text.len = 0;
        rd_buf_put(&text, "", 0);   /* terminates the emptied buffer */
        rd_node_text(n, &text);
        const char *t = text.data;
        anchors_push(a, n, rd_db_make_id(out, prefix, t, false), t);
    }
    rd_buf_free(&text);
    anchors_index(a);
}

void rd_db_anchors_free(rd_db_anchors *a)
{
    for (size_t i = 0; i < a->len; i++)
        free(a->items[i].key);
    free(a->items);
    free(a->by_node);
    free(a->by_key);
    memset(a, 0, sizeof *a);
}

const char *rd_db_anchor_of(const rd_db_anchors *a, const rd_node *heading)
{
    size_t lo = 0, hi = a ? a->len : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t p = (uintptr_t)a->by_node[mid]->node;
        if (p == (uintptr_t)heading)
            return a->by_node[mid]->id;
        if (p < (uintptr_t)heading)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int hex_digit(char c)
{
    return (c >= '0' && c <= '9') ? c - '0'
         : (c >= 'a' && c <= 'f') ? c - 'a' + 10
         : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* %XX sequences decoded (a decoded NUL stays encoded). */
static void percent_decode(const char *s, rd_buf *out)
{
    for (; *s; s++) {
        int hi = s[0] == '%' && s[1] && s[2] ? hex_digit(s[1]) : -1;
        int lo = hi >= 0 ? hex_digit(s[2]) : -1;
        if (lo >= 0 && (hi || lo)) {
            rd_buf_putc(out, (char)(hi * 16 + lo));
            s += 2;
        } else {
            rd_buf_putc(out, *s);
        }
    }
}

const char *rd_db_anchor_find(const rd_db_anchors *a, const char *fragment)
{
    if (!a || !fragment)
        return NULL;
    rd_buf decoded;
    rd_buf_init(&decoded);
    percent_decode(fragment, &decoded);
    char *key = anchor_key(decoded.data ? decoded.data : "");
    rd_buf_free(&decoded);
    if (!key || !*key) {
        free(key);
        return NULL;
    }
    size_t lo = 0, hi = a->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(a->by_key[mid]->key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const char *id = lo < a->len && strcmp(a->by_key[lo]->key, key) == 0
                   ? a->by_key[lo]->id : NULL;
    free(key);
    return id;
}

