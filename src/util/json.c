/* JSON through jansson (see json.h): every JSON output of roledoc is
 * written here, and put_dump is the one place where its strings get the
 * escapes jansson does not write itself. */
#include "json.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void rd_utf8_repair(const char *s, size_t n, rd_buf *out)
{
    rd_buf_puts(out, "");
    for (size_t i = 0; i < n;) {
        size_t len = rd_utf8_valid_seq((const unsigned char *)s + i, n - i);
        if (len && !(len == 1 && s[i] == '\0')) {
            rd_buf_put(out, s + i, len);
            i += len;
        } else {
            rd_buf_puts(out, "\xEF\xBF\xBD");
            i++;
        }
    }
}

json_t *rd_json_str(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    rd_buf copy;
    rd_buf_init(&copy);
    rd_utf8_repair(s, n, &copy);
    j = json_stringn(copy.data, copy.len);
    rd_buf_free(&copy);
    return j;
}

json_t *rd_json_str_or_null(const char *s)
{
    return s ? rd_json_str(s) : json_null();
}

static int append(const char *buffer, size_t size, void *data)
{
    rd_buf_put(data, buffer, size);
    return 0;
}

/* A backslash escape of jansson's dump at e (e[0] == '\\') as every output
 * writes it: \b and \f as \u escapes, \u escapes in lower case, the others
 * as they are; returns the bytes of the dump it stands for. */
static size_t put_jansson_escape(rd_buf *out, const char *e, size_t avail)
{
    char c = avail > 1 ? e[1] : '\\';
    if (c == 'b' || c == 'f') {
        rd_buf_puts(out, c == 'b' ? "\\u0008" : "\\u000c");
        return 2;
    }
    if (c != 'u' || avail < 6) {
        rd_buf_put(out, e, avail > 1 ? 2 : 1);
        return avail > 1 ? 2 : 1;
    }
    rd_buf_puts(out, "\\u");
    for (size_t i = 2; i < 6; i++)
        rd_buf_putc(out, (char)(e[i] >= 'A' && e[i] <= 'F' ? e[i] - 'A' + 'a' : e[i]));
    return 6;
}

/* Appends jansson's dump s[0..len) with the escapes of every JSON output of
 * roledoc: `"`, `\`, tab, line feed and carriage return as short escapes
 * and every other control (C0, DEL, C1, U+2028, U+2029) as a lower-case
 * \u escape. Backslashes and controls can only be inside strings. */
static void put_dump(rd_buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '\\') {
            rd_buf_put(out, s + run, i - run);
            i += put_jansson_escape(out, s + i, len - i);
            run = i;
            continue;
        }
        uint32_t cp;
        size_t n = rd_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (rd_json_control(cp)) {
            rd_buf_put(out, s + run, i - run);
            rd_buf_printf(out, "\\u%04x", (unsigned)cp);
            run = i + n;
        }
        i += n;
    }
    rd_buf_put(out, s + run, len - run);
}

/* root dumped with jansson's flags, through put_dump; 0 or -1. */
static int dump(const json_t *root, size_t flags, rd_buf *out)
{
    if (!root)
        return -1;
    rd_buf text;
    rd_buf_init(&text);
    int status = json_dump_callback(root, append, &text, flags);
    if (status == 0)
        put_dump(out, text.data ? text.data : "", text.len);
    rd_buf_free(&text);
    return status == 0 ? 0 : -1;
}

int rd_json_write(const json_t *root, rd_buf *out)
{
    if (dump(root, JSON_INDENT(2), out) != 0)
        return -1;
    rd_buf_putc(out, '\n');
    return 0;
}

int rd_json_write_compact(const json_t *root, rd_buf *out)
{
    return dump(root, JSON_COMPACT, out);
}

void rd_json_string(rd_buf *out, const char *s)
{
    json_t *j = rd_json_str_or_null(s);
    if (dump(j, JSON_ENCODE_ANY, out) != 0)
        abort();
    json_decref(j);
}
