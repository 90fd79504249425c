/* The fuzzing harness of the editor server (roledoc lsp): the input is
 * the byte stream a client would send, fed to the JSON-RPC reader in
 * pieces of varying size (as pipes hand it over) and handled by a server
 * after each piece, every changed page linted at once. What must hold
 * whatever the bytes: no crash, no leak, no hang, and every message the
 * server writes is framed (Content-Length of exactly its body), a JSON
 * object, JSON-RPC 2.0, and either a notification or a response with an
 * id and one of result and error. The `lsp` layer of harness.h. */
#include "lsp/lsp.h"
#include "harness.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const char *bytes, size_t len)
{
    fprintf(stderr, "fuzz_lsp: %s: %.*s\n", what, (int)(len > 300 ? 300 : len), bytes);
    abort();
}

static int collect(void *data, const char *bytes, size_t len)
{
    rd_buf_put(data, bytes, len);
    return 0;
}

static void check_message(const char *body, size_t len)
{
    json_error_t error;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &error);
    if (!json_is_object(msg))
        die("the server wrote no JSON object", body, len);
    const char *version = json_string_value(json_object_get(msg, "jsonrpc"));
    if (!version || strcmp(version, "2.0") != 0)
        die("not JSON-RPC 2.0", body, len);
    bool method = json_is_string(json_object_get(msg, "method"));
    bool result = json_object_get(msg, "result") != NULL;
    bool failure = json_is_object(json_object_get(msg, "error"));
    json_t *id = json_object_get(msg, "id");
    if (!method && (!id || result == failure))
        die("a response needs an id and one of result and error", body, len);
    json_decref(msg);
}

/* Every framed message of out, which must hold nothing else. */
static void check_output(const rd_buf *out)
{
    static const char prefix[] = "Content-Length: ";
    size_t i = 0;
    while (i < out->len) {
        const char *s = out->data + i;
        if (out->len - i < sizeof prefix || memcmp(s, prefix, sizeof prefix - 1) != 0)
            die("output is not framed", s, out->len - i);
        char *end;
        unsigned long long n = strtoull(s + sizeof prefix - 1, &end, 10);
        if (strncmp(end, "\r\n\r\n", 4) != 0)
            die("bad header written", s, out->len - i);
        size_t head = (size_t)(end + 4 - s);
        if (n > out->len - i - head)
            die("Content-Length past the output", s, out->len - i);
        check_message(s + head, (size_t)n);
        i += head + (size_t)n;
    }
}

void rd_fuzz_lsp(const uint8_t *data, size_t size)
{
    rd_buf out;
    rd_buf_init(&out);
    lsp_server s;
    lsp_options opts = { .max_message = 1 << 16, .rules_dir = RD_SRCDIR "/rules" };
    rd_error err;
    if (lsp_server_init(&s, &opts, collect, &out, &err) != 0)
        die("cannot start the server", err.message, strlen(err.message));
    lsp_reader r;
    lsp_reader_init(&r, opts.max_message);
    /* The first byte sets the size of the pieces. */
    size_t piece = size ? 1 + data[0] % 97 : 1;
    for (size_t i = size ? 1 : 0; i < size && !s.done; i += piece) {
        size_t n = size - i < piece ? size - i : piece;
        lsp_reader_feed(&r, (const char *)data + i, n);
        lsp_server_read(&s, &r);
        lsp_server_flush(&s, true);
    }
    lsp_reader_free(&r);
    lsp_server_free(&s);
    check_output(&out);
    rd_buf_free(&out);
}
