/* JSON-RPC 2.0 over a byte stream, framed as the Language Server Protocol
 * frames it: a header of "Name: value" lines ending with an empty line
 * (Content-Length required, Content-Type optional and UTF-8 only), then
 * exactly Content-Length bytes of JSON.
 *
 * The reader never trusts the stream: a header longer than LSP_MAX_HEADER,
 * a body larger than the limit, a header it cannot read and a body that is
 * not JSON are each refused once, and reading goes on with the next
 * message. A body larger than the limit is skipped as it comes, never
 * held; a header without a usable length makes the reader look for the
 * next "Content-Length:" in the stream. */
#include "lsp.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LENGTH_NAME "content-length:"

void lsp_reader_init(lsp_reader *r, size_t max_message)
{
    memset(r, 0, sizeof *r);
    rd_buf_init(&r->in);
    r->max_message = max_message ? max_message : LSP_DEFAULT_MAX_MESSAGE;
}

void lsp_reader_free(lsp_reader *r)
{
    rd_buf_free(&r->in);
}

/* Keeps the bytes not taken yet at the front of the buffer. */
static void compact(lsp_reader *r)
{
    if (r->pos == r->in.len) {
        r->in.len = r->pos = 0;
    } else if (r->pos > 65536 && r->pos > r->in.len / 2) {
        memmove(r->in.data, r->in.data + r->pos, r->in.len - r->pos);
        r->in.len -= r->pos;
        r->pos = 0;
    }
    if (r->in.data)
        r->in.data[r->in.len] = '\0';
}

/* Drops what is left of a refused body: bytes still to come are dropped
 * as they arrive rather than kept. */
static void drop_skipped(lsp_reader *r)
{
    size_t avail = r->in.len - r->pos;
    size_t n = r->skip < avail ? r->skip : avail;
    r->pos += n;
    r->skip -= n;
}

void lsp_reader_feed(lsp_reader *r, const char *data, size_t len)
{
    compact(r);
    if (r->skip && r->pos == r->in.len) {
        size_t n = r->skip < len ? r->skip : len;
        r->skip -= n;
        data += n;
        len -= n;
    }
    rd_buf_put(&r->in, data, len);
}

/* Finds "content-length:" (any case) from pos on; when it is not there,
 * keeps only the bytes that could start it. Returns whether found. */
static bool resync(lsp_reader *r)
{
    const size_t n = sizeof LENGTH_NAME - 1;
    const char *s = r->in.data + r->pos;
    size_t avail = r->in.len - r->pos;
    for (size_t i = 0; i + n <= avail; i++) {
        if ((s[i] == 'c' || s[i] == 'C') && strncasecmp(s + i, LENGTH_NAME, n) == 0) {
            r->pos += i;
            r->resync = false;
            return true;
        }
    }
    r->pos += avail > n ? avail - n + 1 : 0;
    return false;
}

/* Length of the header (empty line included) at s, or 0 when its end is
 * not in the first avail bytes. */
static size_t header_length(const char *s, size_t avail)
{
    for (size_t i = 0; i < avail; i++) {
        if (s[i] != '\n')
            continue;
        if (i + 1 < avail && s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < avail && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

typedef struct {
    bool has_length;
    size_t length;
    const char *problem;     /* NULL when the header is good */
} header_info;

static bool parse_length(const char *v, size_t n, size_t *out)
{
    if (n == 0 || n > 18)
        return false;
    size_t value = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)v[i]))
            return false;
        value = value * 10 + (size_t)(v[i] - '0');
    }
    *out = value;
    return true;
}

/* Whether a Content-Type value names UTF-8 (or no charset at all). */
static bool utf8_type(const char *v, size_t n)
{
    char lower[256];
    if (n >= sizeof lower)
        return false;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)tolower((unsigned char)v[i]);
    lower[n] = '\0';
    const char *cs = strstr(lower, "charset=");
    if (!cs)
        return true;
    cs += 8;
    cs += *cs == '"';
    return strncmp(cs, "utf-8", 5) == 0 || strncmp(cs, "utf8", 4) == 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

static void header_line(header_info *h, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon || colon == line) {
        h->problem = "a header line is not \"Name: value\"";
        return;
    }
    const char *name = line, *value = colon + 1;
    size_t name_len = (size_t)(colon - line), value_len = n - name_len - 1;
    trim(&name, &name_len);
    trim(&value, &value_len);
    if (name_len == 14 && strncasecmp(name, "content-length", 14) == 0) {
        size_t length;
        if (!parse_length(value, value_len, &length) ||
            (h->has_length && length != h->length)) {
            h->problem = "Content-Length is not one decimal number";
            h->has_length = false;
            return;
        }
        h->has_length = true;
        h->length = length;
    } else if (name_len == 12 && strncasecmp(name, "content-type", 12) == 0 &&
               !utf8_type(value, value_len)) {
        h->problem = "Content-Type names a charset other than utf-8";
    }
}

static header_info parse_header(const char *s, size_t len)
{
    header_info h = { 0 };
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = (nl ? (size_t)(nl - s) : len) - i;
        if (n > 0 && !(n == 1 && s[i] == '\r'))
            header_line(&h, s + i, n);
        i += n + 1;
    }
    if (!h.has_length && !h.problem)
        h.problem = "the header has no Content-Length";
    return h;
}

static lsp_read_status refuse(lsp_refusal *refusal, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static lsp_read_status refuse(lsp_refusal *refusal, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    refusal->code = code;
    vsnprintf(refusal->message, sizeof refusal->message, fmt, ap);
    va_end(ap);
    return LSP_READ_REFUSED;
}

/* The body at pos, of len bytes: a JSON value, or a refusal. */
static lsp_read_status read_body(lsp_reader *r, size_t len, json_t **msg,
                                 lsp_refusal *refusal)
{
    json_error_t error;
    *msg = json_loadb(r->in.data + r->pos, len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
                      &error);
    r->pos += len;
    if (*msg)
        return LSP_READ_MESSAGE;
    return refuse(refusal, LSP_PARSE_ERROR, "the message is not JSON: %s "
                  "(byte %d)", error.text, error.position);
}

lsp_read_status lsp_reader_next(lsp_reader *r, json_t **msg, lsp_refusal *refusal)
{
    *msg = NULL;
    drop_skipped(r);
    if (r->skip || (r->resync && !resync(r)))
        return LSP_READ_MORE;
    const char *s = r->in.data + r->pos;
    size_t avail = r->in.len - r->pos;
    size_t scan = avail < LSP_MAX_HEADER ? avail : LSP_MAX_HEADER;
    size_t head = header_length(s, scan);
    if (!head) {
        if (avail < LSP_MAX_HEADER)
            return LSP_READ_MORE;
        r->pos += scan;
        r->resync = true;
        return refuse(refusal, LSP_INVALID_REQUEST, "a message header is longer "
                      "than %d bytes", LSP_MAX_HEADER);
    }
    header_info h = parse_header(s, head);
    if (h.problem && !h.has_length) {
        r->pos += head;
        r->resync = true;
        return refuse(refusal, LSP_INVALID_REQUEST, "bad message header: %s",
                      h.problem);
    }
    if (h.problem || h.length > r->max_message) {
        r->pos += head;
        r->skip = h.length;
        drop_skipped(r);
        if (h.problem)
            return refuse(refusal, LSP_INVALID_REQUEST, "bad message header: %s",
                          h.problem);
        return refuse(refusal, LSP_INVALID_REQUEST, "a message of %zu bytes is "
                      "larger than the limit of %zu bytes", h.length,
                      r->max_message);
    }
    if (avail - head < h.length)
        return LSP_READ_MORE;
    r->pos += head;
    return read_body(r, h.length, msg, refusal);
}

/* ----------------------------------------------------------------- writer */

int lsp_send(lsp_write_fn write, void *data, json_t *msg)
{
    rd_buf body;
    rd_buf_init(&body);
    if (rd_json_write_compact(msg, &body) != 0)
        abort();
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_printf(&out, "Content-Length: %zu\r\n\r\n", body.len);
    rd_buf_put(&out, body.data ? body.data : "", body.len);
    rd_buf_free(&body);
    int status = write(data, out.data, out.len);
    rd_buf_free(&out);
    return status;
}
