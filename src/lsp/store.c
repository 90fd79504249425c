/* The pages the editor has open: their text as the editor holds it (saved
 * or not), kept in step with full and incremental changes, and the last
 * lint of each. A handful of pages are open at a time: a list does. */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

lsp_document *lsp_store_find(const lsp_store *store, const char *uri)
{
    for (lsp_document *d = store->first; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

void lsp_document_set_text(lsp_document *d, const char *text, size_t len)
{
    d->text.len = 0;
    rd_buf_put(&d->text, text, len);
    lsp_lines_build(&d->lines, d->text.data, d->text.len);
}

void lsp_document_replace(lsp_document *d, lsp_position start,
                          lsp_position end, const char *text, size_t len)
{
    size_t from = lsp_offset_of(&d->lines, d->text.data, d->text.len, start);
    size_t to = lsp_offset_of(&d->lines, d->text.data, d->text.len, end);
    if (to < from) {
        size_t t = from;
        from = to;
        to = t;
    }
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_reserve(&out, d->text.len - (to - from) + len);
    rd_buf_put(&out, d->text.data, from);
    rd_buf_put(&out, text, len);
    rd_buf_put(&out, d->text.data + to, d->text.len - to);
    rd_buf_free(&d->text);
    d->text = out;
    lsp_lines_build(&d->lines, d->text.data, d->text.len);
}

void lsp_document_clear_lint(lsp_document *d)
{
    for (size_t i = 0; d->fixes && i < d->diags.len; i++)
        lsp_fix_free(&d->fixes[i]);
    free(d->fixes);
    d->fixes = NULL;
    rd_diag_list_free(&d->diags);
    rd_doc_free(d->doc);
    d->doc = NULL;
}

static void document_free(lsp_document *d)
{
    lsp_document_clear_lint(d);
    rd_buf_free(&d->text);
    lsp_lines_free(&d->lines);
    free(d->uri);
    free(d->path);
    free(d);
}

lsp_document *lsp_store_open(lsp_store *store, const char *uri,
                             const char *text, size_t len, int64_t version)
{
    lsp_document *d = lsp_store_find(store, uri);
    if (!d) {
        d = calloc(1, sizeof *d);
        if (!d || !(d->uri = strdup(uri)))
            abort();
        d->path = lsp_uri_to_path(uri);
        rd_buf_init(&d->text);
        d->next = store->first;
        store->first = d;
    }
    lsp_document_set_text(d, text, len);
    d->version = version;
    return d;
}

void lsp_store_close(lsp_store *store, const char *uri)
{
    for (lsp_document **p = &store->first; *p; p = &(*p)->next) {
        if (strcmp((*p)->uri, uri) == 0) {
            lsp_document *d = *p;
            *p = d->next;
            document_free(d);
            return;
        }
    }
}

void lsp_store_free(lsp_store *store)
{
    while (store->first) {
        lsp_document *d = store->first;
        store->first = d->next;
        document_free(d);
    }
}

/* ------------------------------------------------------------ fixes */

void lsp_fix_add_edit(lsp_fix *fix, size_t start, size_t end, const char *text)
{
    fix->edits = rd_xrealloc(fix->edits, (fix->nedits + 1) * sizeof *fix->edits);
    lsp_edit *e = &fix->edits[fix->nedits++];
    e->start = start;
    e->end = end;
    if (!(e->text = strdup(text)))
        abort();
}

void lsp_fix_free(lsp_fix *fix)
{
    for (size_t i = 0; i < fix->nedits; i++)
        free(fix->edits[i].text);
    free(fix->edits);
    free(fix->title);
    *fix = (lsp_fix){ 0 };
}

/* ---------------------------------------------------------- target lookup */

static bool is_open(const lsp_store *store, const char *path)
{
    for (const lsp_document *d = store->first; d; d = d->next)
        if (d->path && strcmp(d->path, path) == 0)
            return true;
    return false;
}

int lsp_store_target_lookup(void *data, const char *path)
{
    const lsp_store *store = data;
    char *norm = lsp_normalise_path(path);
    bool found = is_open(store, norm);
    if (!found) {
        rd_buf readme;
        rd_buf_init(&readme);
        rd_buf_printf(&readme, "%s%sREADME.md", norm, strcmp(norm, "/") ? "/" : "");
        found = is_open(store, readme.data);
        rd_buf_free(&readme);
    }
    free(norm);
    return found ? 1 : -1;
}
