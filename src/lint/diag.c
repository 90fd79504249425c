/* Lists of findings. A list owns copies of its findings' strings, so that
 * findings outlive the document and the rule set they came from: a run
 * lints every page, then sorts and reports them all. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends s (with its NUL) at *at, returns where it went; NULL stays NULL. */
static const char *place(char **at, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *where = memcpy(*at, s, n);
    *at += n;
    return where;
}

/* A finding's strings are copied into one block, the message first (it is
 * never NULL), so that a run over a whole space makes and frees one block
 * per finding rather than four strings. */
void rd_diag_list_add(rd_diag_list *list, const rd_diag *d)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = rd_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    const char *message = d->message ? d->message : "";
    size_t size = strlen(message) + 1;
    const char *const others[] = { d->rule, d->file, d->hint,
                                   d->suggestion.text };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        size += others[i] ? strlen(others[i]) + 1 : 0;
    char *block = rd_xmalloc(size);
    rd_diag *c = &list->items[list->len++];
    *c = *d;
    c->message = place(&block, message);
    c->rule = place(&block, d->rule);
    c->file = place(&block, d->file);
    c->hint = place(&block, d->hint);
    c->suggestion.text = place(&block, d->suggestion.text);
}

void rd_diag_release(rd_diag *d)
{
    free((char *)d->message);
}

void rd_diag_list_free(rd_diag_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        rd_diag_release(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->len = list->cap = 0;
}

static int compare_strings(const char *a, const char *b)
{
    if (a == b)
        return 0;       /* findings of a page share its file name */
    return strcmp(a ? a : "", b ? b : "");
}

/* File, then position, then rule and message: the whole key, so that the
 * order never depends on how the findings were made. */
static int compare_diags(const void *pa, const void *pb)
{
    const rd_diag *a = pa, *b = pb;
    int c = compare_strings(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if ((c = compare_strings(a->rule, b->rule)) != 0)
        return c;
    return compare_strings(a->message, b->message);
}

static bool is_sorted(const rd_diag_list *list)
{
    for (size_t i = 1; i < list->len; i++)
        if (compare_diags(&list->items[i - 1], &list->items[i]) > 0)
            return false;
    return true;
}

/* A run's findings come page by page, each page's in order, and pages
 * mostly in the order of their names: often there is nothing to do. */
void rd_diag_list_sort(rd_diag_list *list)
{
    if (list->len > 1 && !is_sorted(list))
        qsort(list->items, list->len, sizeof *list->items, compare_diags);
}

void rd_fingerprint_text(uint64_t fingerprint, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)fingerprint);
}
