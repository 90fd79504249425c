/* The server's state and its message handling: JSON-RPC requests,
 * notifications and the errors the protocol gives for bad ones, the
 * lifecycle methods (initialize, shutdown, exit) and the table of the
 * others. Nothing a client sends ends the server but exit (or the end of
 * its input): a message it cannot take is answered with an error when it
 * is a request and dropped when it is a notification. */
#include "lsp.h"

#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ setup */

/* A linter for the options: rebuilt when a saved file may have changed a
 * configuration, since the linter keeps the ones it has read. */
static int make_linter(lsp_server *s, rd_error *err)
{
    rd_linter_free(s->linter);
    s->linter = rd_linter_new(&s->rules);
    rd_linter_set_target_lookup(s->linter, lsp_store_target_lookup, &s->store);
    if (s->opts.config && rd_linter_use_config(s->linter, s->opts.config, err) != RD_OK)
        return -1;
    return 0;
}

int lsp_server_init(lsp_server *s, const lsp_options *opts, lsp_write_fn write,
                    void *write_data, rd_error *err)
{
    memset(s, 0, sizeof *s);
    s->opts = *opts;
    s->write = write;
    s->write_data = write_data;
    s->exit_status = 1;
    if (rd_ruleset_load_with_schemas(&s->rules, opts->rules_dir, opts->schema_dir,
                                     err) != RD_OK)
        return -1;
    if (make_linter(s, err) != 0) {
        lsp_server_free(s);
        return -1;
    }
    return 0;
}

void lsp_server_free(lsp_server *s)
{
    lsp_store_free(&s->store);
    rd_linter_free(s->linter);
    s->linter = NULL;
    rd_ruleset_free(&s->rules);
}

/* --------------------------------------------------------------- sending */

void lsp_server_send(lsp_server *s, json_t *msg)
{
    if (msg && !s->done && lsp_send(s->write, s->write_data, msg) != 0)
        s->done = true;
    json_decref(msg);
}

void lsp_reply(lsp_server *s, json_t *id, json_t *result)
{
    lsp_server_send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id",
                                 id ? id : json_null(), "result",
                                 result ? result : json_null()));
}

void lsp_reply_error(lsp_server *s, json_t *id, int code, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    lsp_server_send(s, json_pack("{s:s, s:O, s:{s:i, s:o}}", "jsonrpc", "2.0",
                                 "id", id ? id : json_null(), "error", "code",
                                 code, "message", rd_json_str(message)));
}

void lsp_log(lsp_server *s, int type, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    lsp_server_send(s, json_pack("{s:s, s:s, s:{s:i, s:o}}", "jsonrpc", "2.0",
                                 "method", "window/logMessage", "params", "type",
                                 type, "message", rd_json_str(message)));
}

void lsp_server_refused(lsp_server *s, const lsp_refusal *refusal)
{
    lsp_reply_error(s, NULL, refusal->code, "%s", refusal->message);
}

/* ------------------------------------------------------------ parameters */

const char *lsp_get_string(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

json_t *lsp_get_object(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_object(v) ? v : NULL;
}

static int get_uint(json_t *obj, const char *key, uint32_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > UINT32_MAX)
        return -1;
    *out = (uint32_t)json_integer_value(v);
    return 0;
}

int lsp_get_position(json_t *obj, const char *key, lsp_position *pos)
{
    json_t *p = lsp_get_object(obj, key);
    if (!p || get_uint(p, "line", &pos->line) != 0 ||
        get_uint(p, "character", &pos->character) != 0)
        return -1;
    return 0;
}

json_t *lsp_position_json(lsp_position pos)
{
    return json_pack("{s:I, s:I}", "line", (json_int_t)pos.line, "character",
                     (json_int_t)pos.character);
}

json_t *lsp_range_json(lsp_position start, lsp_position end)
{
    return json_pack("{s:o, s:o}", "start", lsp_position_json(start), "end",
                     lsp_position_json(end));
}

json_t *lsp_range_of_bytes(const lsp_document *d, size_t start, size_t end)
{
    const char *t = d->text.data;
    return lsp_range_json(lsp_position_of(&d->lines, t, d->text.len, start),
                          lsp_position_of(&d->lines, t, d->text.len, end));
}

lsp_document *lsp_requested_document(lsp_server *s, json_t *id, json_t *params)
{
    const char *uri = lsp_get_string(lsp_get_object(params, "textDocument"), "uri");
    if (!uri) {
        lsp_reply_error(s, id, LSP_INVALID_PARAMS, "textDocument.uri is missing");
        return NULL;
    }
    lsp_document *d = lsp_store_find(&s->store, uri);
    if (!d)
        lsp_reply_error(s, id, LSP_INVALID_PARAMS, "%s is not open "
                        "(textDocument/didOpen first)", uri);
    return d;
}

/* -------------------------------------------------------------- lifecycle */

static json_t *capabilities(void)
{
    return json_pack("{s:s, s:{s:b, s:i, s:{s:b}}, s:{s:[s]}, s:b, s:b}",
                     "positionEncoding", "utf-16",
                     "textDocumentSync", "openClose", 1, "change", 2, "save",
                     "includeText", 0,
                     "codeActionProvider", "codeActionKinds", "quickfix",
                     "documentSymbolProvider", 1,
                     "hoverProvider", 1);
}

static void initialize(lsp_server *s, json_t *id, json_t *params)
{
    s->initialized = true;
    lsp_reply(s, id, json_pack("{s:o, s:{s:s, s:s}}", "capabilities",
                               capabilities(), "serverInfo", "name", "roledoc",
                               "version", RD_VERSION));
}

static void shutdown(lsp_server *s, json_t *id, json_t *params)
{
    s->shut_down = true;
    lsp_reply(s, id, NULL);
}

static void exit_notification(lsp_server *s, json_t *params)
{
    s->exit_status = s->shut_down ? 0 : 1;
    s->done = true;
}

/* A saved file may be a configuration: read them again. */
static void changed_files(lsp_server *s, json_t *params)
{
    rd_error err;
    if (make_linter(s, &err) != 0)
        lsp_log(s, 1, "%s", err.message);
    for (lsp_document *d = s->store.first; d; d = d->next)
        lsp_schedule(s, d);
}

static void did_save(lsp_server *s, json_t *params)
{
    lsp_did_save(s, params);
    changed_files(s, params);
}

static void ignore(lsp_server *s, json_t *params)
{
}

/* ---------------------------------------------------------------- dispatch */

typedef void (*request_fn)(lsp_server *s, json_t *id, json_t *params);
typedef void (*notification_fn)(lsp_server *s, json_t *params);

static const struct {
    const char *method;
    request_fn handle;
} requests[] = {
    { "initialize", initialize },
    { "shutdown", shutdown },
    { "textDocument/codeAction", lsp_code_action },
    { "textDocument/documentSymbol", lsp_document_symbol },
    { "textDocument/hover", lsp_hover },
};

static const struct {
    const char *method;
    notification_fn handle;
} notifications[] = {
    { "initialized", ignore },
    { "exit", exit_notification },
    { "textDocument/didOpen", lsp_did_open },
    { "textDocument/didChange", lsp_did_change },
    { "textDocument/didSave", did_save },
    { "textDocument/didClose", lsp_did_close },
    { "workspace/didChangeWatchedFiles", changed_files },
    { "workspace/didChangeConfiguration", ignore },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static void handle_request(lsp_server *s, const char *method, json_t *id,
                           json_t *params)
{
    bool is_initialize = strcmp(method, "initialize") == 0;
    if (!s->initialized && !is_initialize) {
        lsp_reply_error(s, id, LSP_SERVER_NOT_INITIALIZED, "%s before initialize",
                        method);
        return;
    }
    if (s->initialized && is_initialize) {
        lsp_reply_error(s, id, LSP_INVALID_REQUEST, "initialize was sent already");
        return;
    }
    if (s->shut_down) {
        lsp_reply_error(s, id, LSP_INVALID_REQUEST, "%s after shutdown", method);
        return;
    }
    for (size_t i = 0; i < COUNT(requests); i++) {
        if (strcmp(method, requests[i].method) == 0) {
            if (params && !json_is_object(params) && !is_initialize)
                lsp_reply_error(s, id, LSP_INVALID_PARAMS, "params is not an object");
            else
                requests[i].handle(s, id, params);
            return;
        }
    }
    lsp_reply_error(s, id, LSP_METHOD_NOT_FOUND, "no method %s", method);
}

static void handle_notification(lsp_server *s, const char *method, json_t *params)
{
    bool is_exit = strcmp(method, "exit") == 0;
    if ((!s->initialized || s->shut_down) && !is_exit)
        return;
    for (size_t i = 0; i < COUNT(notifications); i++) {
        if (strcmp(method, notifications[i].method) == 0) {
            if (json_is_object(params) || is_exit || !params)
                notifications[i].handle(s, json_is_object(params) ? params : NULL);
            return;
        }
    }
}

/* An id as JSON-RPC allows it: a string, an integer or null. */
static bool valid_id(json_t *id)
{
    return json_is_string(id) || json_is_integer(id) || json_is_null(id);
}

void lsp_server_handle(lsp_server *s, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    const char *version = lsp_get_string(msg, "jsonrpc");
    if (!json_is_object(msg) || !version || strcmp(version, "2.0") != 0 ||
        (method && !json_is_string(method)) || (id && !valid_id(id))) {
        lsp_reply_error(s, id && valid_id(id) ? id : NULL, LSP_INVALID_REQUEST,
                        json_is_array(msg) ? "batches are not supported"
                                           : "not a JSON-RPC 2.0 message");
    } else if (method && id) {
        handle_request(s, json_string_value(method), id,
                       json_object_get(msg, "params"));
    } else if (method) {
        handle_notification(s, json_string_value(method),
                            json_object_get(msg, "params"));
    } else if (!json_object_get(msg, "result") && !json_object_get(msg, "error")) {
        lsp_reply_error(s, id, LSP_INVALID_REQUEST, "a message with neither "
                        "method nor result");
    }
    /* else: a response to a request of ours (none are sent) */
    json_decref(msg);
}

void lsp_server_read(lsp_server *s, lsp_reader *r)
{
    json_t *msg;
    lsp_refusal refusal;
    lsp_read_status status;
    while (!s->done && (status = lsp_reader_next(r, &msg, &refusal)) != LSP_READ_MORE) {
        if (status == LSP_READ_MESSAGE)
            lsp_server_handle(s, msg);
        else
            lsp_server_refused(s, &refusal);
    }
}
