/* Fingerprints of findings: what tells a finding of a page from the others
 * and finds it again after the page is edited, for baselines (baseline.c)
 * and for SARIF's partialFingerprints. A fingerprint hashes the finding's
 * rule, its message without digits (a message that names a line, "the
 * page title is on line 3", would otherwise change when lines are added
 * above) and the text around it on its line, blanks collapsed, never the
 * line number or the column. Findings alike in all three are numbered in
 * page order. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 14695981039346656037u
#define FNV_PRIME 1099511628211u

static uint64_t mix(uint64_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

static uint64_t hash_string(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = mix(h, (unsigned char)*s);
    return mix(h, 0);
}

static uint64_t hash_message(uint64_t h, const char *m)
{
    for (; m && *m; m++)
        if (*m < '0' || *m > '9')
            h = mix(h, (unsigned char)*m);
    return mix(h, 0);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* How much of its line around a finding is its context: a page often has
 * a whole paragraph on one line, and an edit far from the finding in it is
 * no reason to take it for a new one. */
#define CONTEXT_BYTES 64

/* Where a column of a line starts, found from the last one asked for
 * when it is on the same line and not before it: findings come sorted, and
 * a long line often has many. */
typedef struct {
    uint32_t line, col;
    size_t at;
} column_walk;

static size_t column_byte(column_walk *w, const char *text, size_t len,
                          uint32_t line, uint32_t col)
{
    if (w->line != line || w->col > col)
        *w = (column_walk){ line, 1, 0 };
    for (; w->col < col && w->at < len; w->col++) {
        w->at++;
        while (w->at < len && ((unsigned char)text[w->at] & 0xC0) == 0x80)
            w->at++;
    }
    return w->at;
}

/* The text around the finding on its line (CONTEXT_BYTES either side, cut
 * at characters), blanks collapsed and trimmed: re-indenting a line is no
 * new finding. */
static uint64_t hash_context(const rd_doc *doc, column_walk *w, uint32_t line,
                             uint32_t col)
{
    size_t len;
    const char *text = rd_doc_line(doc, line, &len);
    size_t at = text ? column_byte(w, text, len, line, col) : 0;
    size_t from = at > CONTEXT_BYTES ? at - CONTEXT_BYTES : 0;
    size_t to = at + CONTEXT_BYTES < len ? at + CONTEXT_BYTES : len;
    while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
        from--;
    while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
        to++;
    uint64_t h = FNV_OFFSET;
    bool pending = false, started = false;
    for (size_t i = from; text && i < to; i++) {
        if (is_blank(text[i])) {
            pending = started;
            continue;
        }
        if (pending)
            h = mix(h, ' ');
        h = mix(h, (unsigned char)text[i]);
        pending = false;
        started = true;
    }
    return mix(h, 0);
}

static uint64_t mix_word(uint64_t h, uint64_t w)
{
    for (int b = 0; b < 8; b++)
        h = mix(h, (unsigned char)(w >> (8 * b)));
    return h;
}

typedef struct {
    uint64_t hash;
    size_t index;
} keyed;

static int compare_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void rd_fingerprint_findings(const rd_doc *doc, rd_diag_list *findings)
{
    size_t n = findings->len;
    keyed *keys = rd_xcalloc(n ? n : 1, sizeof *keys);
    column_walk walk = { 0, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        const rd_diag *d = &findings->items[i];
        uint64_t h = hash_string(FNV_OFFSET, d->rule);
        h = hash_message(h, d->message);
        keys[i] = (keyed){ mix_word(h, hash_context(doc, &walk, d->line, d->col)), i };
    }
    /* Sorted by hash, then by place: the alike ones are numbered in page
     * order. */
    qsort(keys, n, sizeof *keys, compare_keyed);
    uint64_t occurrence = 0;
    for (size_t i = 0; i < n; i++) {
        occurrence = i && keys[i].hash == keys[i - 1].hash ? occurrence + 1 : 0;
        uint64_t h = mix_word(keys[i].hash, occurrence);
        findings->items[keys[i].index].fingerprint = h ? h : 1;
    }
    free(keys);
}
