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

int rd_json_write(const json_t *root, rd_buf *out)
{
    if (!root)
        return -1;
    if (json_dump_callback(root, append, out, JSON_INDENT(2)) != 0)
        return -1;
    rd_buf_putc(out, '\n');
    return 0;
}
