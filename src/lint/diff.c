/* Unified diffs of the changes a fix makes to a page (lint --fix-dry-run),
 * as diff -u writes them and patch -p1 reads them: "--- a/NAME",
 * "+++ b/NAME", then a hunk per group of changes with three lines of
 * context. The changes say where the page differs, so only the lines
 * around them are compared. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
/* Beyond this many line pairs a hunk is written as all its old lines
 * removed and all its new ones added, rather than compared line by line. */
#define MAX_COMPARED ((size_t)4 << 20)

typedef struct {
    const char *s;
    size_t len;              /* with its '\n' when it has one */
} line;

typedef struct {
    line *items;
    size_t len, cap;
} line_list;

static void split_lines(const char *s, size_t n, line_list *out)
{
    size_t at = 0;
    while (at < n) {
        const char *nl = memchr(s + at, '\n', n - at);
        size_t len = nl ? (size_t)(nl - (s + at)) + 1 : n - at;
        const line l = { s + at, len };
        rd_array_push(&out->items, &out->len, &out->cap, &l, sizeof l);
        at += len;
    }
}

static bool same_line(const line *a, const line *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static void put_line(rd_buf *out, char mark, const line *l)
{
    rd_buf_putc(out, mark);
    bool newline = l->len && l->s[l->len - 1] == '\n';
    rd_buf_put(out, l->s, l->len - newline);
    rd_buf_putc(out, '\n');
    if (!newline)
        rd_buf_puts(out, "\\ No newline at end of file\n");
}

/* ------------------------------------------------------------ one hunk */

/* The lines of a and b, in order, each marked ' ', '-' or '+': a longest
 * common subsequence, found by the classic table. */
static void compare_lines(const line_list *a, const line_list *b, rd_buf *out)
{
    size_t n = a->len, m = b->len;
    if (n * m > MAX_COMPARED) {
        for (size_t i = 0; i < n; i++)
            put_line(out, '-', &a->items[i]);
        for (size_t j = 0; j < m; j++)
            put_line(out, '+', &b->items[j]);
        return;
    }
    /* lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. */
    size_t *lcs = rd_xcalloc((n + 1) * (m + 1), sizeof *lcs);
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            lcs[i * (m + 1) + j] = same_line(&a->items[i], &b->items[j])
                ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                : lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1]
                    ? lcs[(i + 1) * (m + 1) + j] : lcs[i * (m + 1) + j + 1];
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && same_line(&a->items[i], &b->items[j])) {
            put_line(out, ' ', &a->items[i++]);
            j++;
        } else if (i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
            put_line(out, '-', &a->items[i++]);
        } else {
            put_line(out, '+', &b->items[j++]);
        }
    }
    free(lcs);
}

/* A hunk: old lines [first, last] of the page, and the changes inside. */
typedef struct {
    size_t first, last;
    size_t edit_from, edit_to;   /* edits[edit_from..edit_to) */
} hunk;

static void write_hunk(const char *data, const line_list *old,
                       const rd_edit_list *edits, const hunk *h, long *delta,
                       rd_buf *out)
{
    const char *base = old->items[h->first].s;
    size_t from = (size_t)(base - data);
    size_t seg = (size_t)(old->items[h->last].s + old->items[h->last].len - base);
    size_t at = 0;
    rd_buf changed;
    rd_buf_init(&changed);
    for (size_t k = h->edit_from; k < h->edit_to; k++) {
        const rd_edit *e = &edits->items[k];
        rd_buf_put(&changed, base + at, e->start - from - at);
        rd_buf_puts(&changed, e->text);
        at = e->end - from;
    }
    rd_buf_put(&changed, base + at, seg - at);
    line_list a = { 0 }, b = { 0 };
    split_lines(base, seg, &a);
    split_lines(changed.data ? changed.data : "", changed.len, &b);
    long from_new = (long)h->first + 1 + *delta;
    rd_buf_printf(out, "@@ -%zu,%zu +%ld,%zu @@\n", h->first + 1, a.len,
                  b.len ? from_new : from_new - 1, b.len);
    compare_lines(&a, &b, out);
    *delta += (long)b.len - (long)a.len;
    free(a.items);
    free(b.items);
    rd_buf_free(&changed);
}

/* ---------------------------------------------------------------- a page */

/* The index of the line holding byte `offset` (the last line for the
 * page's end). */
static size_t line_at(const line_list *lines, const char *data, size_t offset)
{
    size_t lo = 0, hi = lines->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((size_t)(lines->items[mid].s - data) <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static const char *display_name(const char *name)
{
    while (strncmp(name, "./", 2) == 0)
        name += 2;
    return name;
}

void rd_edits_diff(const char *name, const char *data, size_t len,
                   const rd_edit_list *edits, rd_buf *out)
{
    if (!edits->len)
        return;
    line_list lines = { 0 };
    split_lines(data, len, &lines);
    if (!lines.len) {
        const line empty = { data, 0 };
        rd_array_push(&lines.items, &lines.len, &lines.cap, &empty, sizeof empty);
    }
    rd_buf_printf(out, "--- a/%s\n+++ b/%s\n", display_name(name),
                  display_name(name));
    long delta = 0;
    size_t k = 0;
    while (k < edits->len) {
        const rd_edit *e = &edits->items[k];
        size_t first = line_at(&lines, data, e->start);
        size_t last = line_at(&lines, data, e->end > e->start ? e->end - 1 : e->start);
        hunk h = { first > CONTEXT ? first - CONTEXT : 0, 0, k, k + 1 };
        last += CONTEXT;
        /* The next change joins this hunk when its context would touch. */
        while (h.edit_to < edits->len &&
               line_at(&lines, data, edits->items[h.edit_to].start) <= last + CONTEXT + 1) {
            const rd_edit *n = &edits->items[h.edit_to++];
            size_t nl = line_at(&lines, data, n->end > n->start ? n->end - 1 : n->start);
            if (nl + CONTEXT > last)
                last = nl + CONTEXT;
        }
        h.last = last < lines.len ? last : lines.len - 1;
        write_hunk(data, &lines, edits, &h, &delta, out);
        k = h.edit_to;
    }
    free(lines.items);
}
