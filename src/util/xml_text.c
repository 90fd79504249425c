/* Text bound for XML output: XML 1.0 forbids most control characters (even
 * as character references), so they are replaced by U+FFFD before any
 * emitter hands text to libxml2. Input text is already valid UTF-8. */
#include "internal.h"

static bool xml_forbidden(const unsigned char *s, size_t *len)
{
    unsigned char c = s[0];
    *len = 1;
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    if (c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) {
        *len = 3;       /* U+FFFE and U+FFFF */
        return true;
    }
    return false;
}

const char *rd_xml_text(const char *s, rd_buf *scratch)
{
    if (!s)
        return "";
    const unsigned char *p = (const unsigned char *)s;
    size_t n;
    for (; *p; p++)
        if (xml_forbidden(p, &n))
            break;
    if (!*p)
        return s;
    scratch->len = 0;
    rd_buf_put(scratch, s, (size_t)((const char *)p - s));
    while (*p) {
        if (xml_forbidden(p, &n)) {
            rd_buf_puts(scratch, "\xEF\xBF\xBD");
            p += n;
        } else {
            rd_buf_putc(scratch, (char)*p++);
        }
    }
    return scratch->data;
}
