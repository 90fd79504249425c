/* Fingerprints of findings: what tells a finding of a page from the others
 * and finds it again after the page is edited, for baselines (baseline.c)
 * and for SARIF's partialFingerprints. A fingerprint hashes the finding's
 * rule, its message without digits (a message that names a line, "the
 * page title is on line 3", would otherwise change when lines are added
 * above) and the text of its line with blanks collapsed, never the line
 * number. Findings alike in all three are numbered in page order. */
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

/* The line's text, blanks collapsed and trimmed: re-indenting a line is
 * no new finding. */
static uint64_t hash_line(uint64_t h, const rd_doc *doc, uint32_t line)
{
    size_t len;
    const char *text = rd_doc_line(doc, line, &len);
    bool pending = false, started = false;
    for (size_t i = 0; text && i < len; i++) {
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
    keyed *keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        abort();
    for (size_t i = 0; i < n; i++) {
        const rd_diag *d = &findings->items[i];
        uint64_t h = hash_string(FNV_OFFSET, d->rule);
        h = hash_message(h, d->message);
        keys[i] = (keyed){ hash_line(h, doc, d->line), i };
    }
    /* Sorted by hash, then by place: the alike ones are numbered in page
     * order. */
    qsort(keys, n, sizeof *keys, compare_keyed);
    uint64_t occurrence = 0;
    for (size_t i = 0; i < n; i++) {
        occurrence = i && keys[i].hash == keys[i - 1].hash ? occurrence + 1 : 0;
        uint64_t h = keys[i].hash;
        for (int b = 0; b < 8; b++)
            h = mix(h, (unsigned char)(occurrence >> (8 * b)));
        findings->items[keys[i].index].fingerprint = h ? h : 1;
    }
    free(keys);
}
