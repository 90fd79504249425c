/* textDocument/publishDiagnostics: a page linted as `roledoc lint` lints
 * it (rules and configuration found from its folder, links against the
 * disk and the other open pages), each finding a diagnostic with its range
 * in UTF-16 code units, severity, rule id, documentation page and hint.
 * The page, its findings and their fixes are kept for the requests that
 * read them (code actions, outline, hover). */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>
#include <limits.h>

void lsp_finding_range(const lsp_document *d, const rd_diag *diag,
                       size_t *start, size_t *end)
{
    const char *t = d->text.data;
    size_t len = d->text.len;
    *start = lsp_offset_of_column(&d->lines, t, len, diag->line, diag->col);
    if (diag->end_line) {
        /* end_col is the last character: the range ends after it */
        *end = lsp_offset_of_column(&d->lines, t, len, diag->end_line,
                                    diag->end_col + 1);
    } else {
        *end = lsp_line_end(&d->lines, t, len, *start);
    }
    if (*end < *start)
        *end = *start;
}

static int protocol_severity(rd_severity s)
{
    switch (s) {
    case RD_SEVERITY_ERROR: return 1;
    case RD_SEVERITY_WARNING: return 2;
    default: return 3;
    }
}

/* The rule's documentation page (docs/rules/ID.md where the rules'
 * pages are), when there is one. */
static json_t *code_description(const char *docs_dir, const char *rule)
{
    if (!docs_dir)
        return NULL;
    rd_buf path;
    rd_buf_init(&path);
    rd_buf_printf(&path, "%s/%s.md", docs_dir, rule);
    char resolved[PATH_MAX];
    bool found = realpath(path.data, resolved) != NULL;
    rd_buf_free(&path);
    if (!found)
        return NULL;
    char *href = lsp_path_to_uri(resolved);
    json_t *j = json_pack("{s:o}", "href", rd_json_str(href));
    free(href);
    return j;
}

json_t *lsp_diagnostic_json(const lsp_server *s, const lsp_document *d,
                            const rd_diag *diag)
{
    size_t start, end;
    lsp_finding_range(d, diag, &start, &end);
    rd_buf message;
    rd_buf_init(&message);
    rd_buf_puts(&message, diag->message);
    if (diag->hint && *diag->hint)
        rd_buf_printf(&message, " (%s)", diag->hint);
    json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o}",
                          "range", lsp_range_of_bytes(d, start, end),
                          "severity", protocol_severity(diag->severity),
                          "code", diag->rule, "source", "roledoc",
                          "message", rd_json_str(message.data));
    rd_buf_free(&message);
    json_t *description = code_description(s->opts.docs_dir, diag->rule);
    if (description)
        json_object_set_new(j, "codeDescription", description);
    if (diag->hint)
        json_object_set_new(j, "data", json_pack("{s:o}", "hint",
                                                 rd_json_str(diag->hint)));
    return j;
}

static void publish(lsp_server *s, const char *uri, const int64_t *version,
                    json_t *diagnostics)
{
    json_t *params = json_pack("{s:s, s:o}", "uri", uri, "diagnostics", diagnostics);
    if (version)
        json_object_set_new(params, "version", json_integer(*version));
    lsp_server_send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method",
                                 "textDocument/publishDiagnostics", "params", params));
}

void lsp_publish_empty(lsp_server *s, const char *uri)
{
    publish(s, uri, NULL, json_array());
}

/* A diagnostic of the server's own at the top of the page: a page it
 * cannot lint says why. */
static json_t *page_problem(const char *message)
{
    lsp_position top = { 0, 0 };
    return json_pack("{s:o, s:i, s:s, s:o}", "range", lsp_range_json(top, top),
                     "severity", 1, "source", "roledoc",
                     "message", rd_json_str(message));
}

/* Lints the page; returns the findings as diagnostics. */
static json_t *lint(lsp_server *s, lsp_document *d)
{
    json_t *list = json_array();
    size_t max = s->opts.max_size ? s->opts.max_size : RD_DEFAULT_MAX_SIZE;
    if (d->text.len > max) {
        char message[200];
        snprintf(message, sizeof message, "page of %zu bytes not checked: larger "
                 "than the limit of %zu bytes (--max-size)", d->text.len, max);
        json_array_append_new(list, page_problem(message));
        return list;
    }
    d->doc = rd_doc_parse(d->text.data ? d->text.data : "", d->text.len,
                          d->path ? d->path : d->uri, NULL);
    rd_error err;
    if (rd_lint_doc(s->linter, d->doc, d->path, &d->diags, &err) != RD_OK) {
        json_array_append_new(list, page_problem(err.message));
        return list;
    }
    d->fixes = rd_xcalloc(d->diags.len ? d->diags.len : 1, sizeof *d->fixes);
    for (size_t i = 0; i < d->diags.len; i++) {
        lsp_fix_for(s, d, &d->diags.items[i], &d->fixes[i]);
        json_array_append_new(list, lsp_diagnostic_json(s, d, &d->diags.items[i]));
    }
    return list;
}

void lsp_lint_document(lsp_server *s, lsp_document *d)
{
    lsp_document_clear_lint(d);
    d->dirty = false;
    publish(s, d->uri, &d->version, lint(s, d));
}

void lsp_document_current(lsp_server *s, lsp_document *d)
{
    if (d->dirty || !d->doc)
        lsp_lint_document(s, d);
}

long lsp_server_flush(lsp_server *s, bool all)
{
    double next = -1;
    for (lsp_document *d = s->store.first; d && !s->done; d = d->next) {
        if (!d->dirty)
            continue;
        if (all || d->due <= s->now)
            lsp_lint_document(s, d);
        else if (next < 0 || d->due < next)
            next = d->due;
    }
    if (next < 0)
        return -1;
    return (long)(next - s->now) + 1;
}
