/* JSON through jansson (see json.h). */
#include "json.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* s with every invalid UTF-8 sequence replaced by U+FFFD (malloc'd). */
static char *valid_copy(const char *s, size_t n)
{
    rd_buf b;
    rd_buf_init(&b);
    for (size_t i = 0; i < n;) {
        size_t len = rd_utf8_valid_seq((const unsigned char *)s + i, n - i);
        if (len && !(len == 1 && s[i] == '\0')) {
            rd_buf_put(&b, s + i, len);
            i += len;
        } else {
            rd_buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    if (!b.data)
        rd_buf_puts(&b, "");
    return rd_buf_detach(&b, NULL);
}

json_t *rd_json_str(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    char *copy = valid_copy(s, n);
    j = json_string(copy);
    free(copy);
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

/* jansson escapes C0 controls only: the others (rd_json_control) become
 * \u escapes here. Their bytes can only be inside strings. */
static void put_escaping_controls(rd_buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len;) {
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

int rd_json_write(const json_t *root, rd_buf *out)
{
    if (!root)
        return -1;
    rd_buf dump;
    rd_buf_init(&dump);
    int status = json_dump_callback(root, append, &dump, JSON_INDENT(2));
    if (status == 0) {
        put_escaping_controls(out, dump.data ? dump.data : "", dump.len);
        rd_buf_putc(out, '\n');
    }
    rd_buf_free(&dump);
    return status == 0 ? 0 : -1;
}
