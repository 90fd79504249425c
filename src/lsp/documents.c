/* textDocument/didOpen, didChange, didSave and didClose: the pages the
 * editor holds, kept in step, each linted once its changes have settled
 * (the debounce delay after the last one). A page opened or closed changes
 * what the others' links find, so they are linted again too. Notifications
 * get no answer: one that cannot be taken (a page never opened, missing
 * fields) is said in the editor's log and dropped. */
#include "lsp.h"

#include <string.h>

void lsp_schedule(lsp_server *s, lsp_document *d)
{
    d->dirty = true;
    d->due = s->now + s->opts.debounce_ms;
}

static void schedule_others(lsp_server *s, const lsp_document *except)
{
    for (lsp_document *d = s->store.first; d; d = d->next)
        if (d != except)
            lsp_schedule(s, d);
}

static bool get_version(json_t *doc, int64_t *version)
{
    json_t *v = json_object_get(doc, "version");
    if (!json_is_integer(v))
        return false;
    *version = json_integer_value(v);
    return true;
}

void lsp_did_open(lsp_server *s, json_t *params)
{
    json_t *doc = lsp_get_object(params, "textDocument");
    const char *uri = lsp_get_string(doc, "uri");
    json_t *text = json_object_get(doc, "text");
    int64_t version = 0;
    if (!uri || !json_is_string(text)) {
        lsp_log(s, 2, "textDocument/didOpen without textDocument.uri and text: ignored");
        return;
    }
    get_version(doc, &version);
    lsp_document *d = lsp_store_open(&s->store, uri, json_string_value(text),
                                     json_string_length(text), version);
    lsp_schedule(s, d);
    schedule_others(s, d);
}

/* One change: a range and its new text, or the whole text. */
static bool apply_change(lsp_document *d, json_t *change)
{
    json_t *text = json_object_get(change, "text");
    if (!json_is_string(text))
        return false;
    if (!json_object_get(change, "range")) {
        lsp_document_set_text(d, json_string_value(text), json_string_length(text));
        return true;
    }
    json_t *range = lsp_get_object(change, "range");
    lsp_position start, end;
    if (lsp_get_position(range, "start", &start) != 0 ||
        lsp_get_position(range, "end", &end) != 0)
        return false;
    lsp_document_replace(d, start, end, json_string_value(text),
                         json_string_length(text));
    return true;
}

void lsp_did_change(lsp_server *s, json_t *params)
{
    json_t *doc = lsp_get_object(params, "textDocument");
    const char *uri = lsp_get_string(doc, "uri");
    json_t *changes = json_object_get(params, "contentChanges");
    lsp_document *d = uri ? lsp_store_find(&s->store, uri) : NULL;
    if (!d || !json_is_array(changes)) {
        lsp_log(s, 2, "textDocument/didChange of %s: %s", uri ? uri : "no document",
                d ? "no contentChanges" : "not open (didOpen first): ignored");
        return;
    }
    size_t i;
    json_t *change;
    json_array_foreach(changes, i, change) {
        if (!apply_change(d, change))
            lsp_log(s, 2, "textDocument/didChange of %s: change %zu has no text "
                    "or a bad range: ignored", uri, i);
    }
    get_version(doc, &d->version);
    lsp_schedule(s, d);
}

void lsp_did_save(lsp_server *s, json_t *params)
{
    const char *uri = lsp_get_string(lsp_get_object(params, "textDocument"), "uri");
    lsp_document *d = uri ? lsp_store_find(&s->store, uri) : NULL;
    if (!d) {
        lsp_log(s, 2, "textDocument/didSave of %s: not open: ignored",
                uri ? uri : "no document");
        return;
    }
    json_t *text = json_object_get(params, "text");
    if (json_is_string(text))
        lsp_document_set_text(d, json_string_value(text), json_string_length(text));
}

void lsp_did_close(lsp_server *s, json_t *params)
{
    const char *uri = lsp_get_string(lsp_get_object(params, "textDocument"), "uri");
    if (!uri || !lsp_store_find(&s->store, uri)) {
        lsp_log(s, 2, "textDocument/didClose of %s: not open: ignored",
                uri ? uri : "no document");
        return;
    }
    lsp_publish_empty(s, uri);
    lsp_store_close(&s->store, uri);
    schedule_others(s, NULL);
}
