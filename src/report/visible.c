/* Page-controlled text made safe to print on a line: file names, messages
 * and quotes that reach a terminal, an editor's problem list or a CI log.
 *
 * Every control character (C0, DEL, C1) and every Unicode line or paragraph
 * separator is written as a C-style escape ("\n", "\t", "\x1b", "\u0085",
 * "\u2028"), and every byte that is not UTF-8 as U+FFFD (as the JSON and
 * XML reports must), so that a finding is always one line, no escape
 * sequence reaches a terminal, and the reader still sees what the page
 * holds. Backslashes are kept as they are: the escaped form is for reading,
 * not for decoding back. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

bool rd_json_control(uint32_t cp)
{
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

static bool is_line_control(uint32_t cp)
{
    return cp < 0x20 || rd_json_control(cp);
}

static void put_escape(rd_buf *out, uint32_t cp, bool byte)
{
    if (byte) {
        rd_buf_puts(out, "\xEF\xBF\xBD");
        return;
    }
    char e[12];
    switch (cp) {
    case '\n': rd_buf_puts(out, "\\n"); return;
    case '\r': rd_buf_puts(out, "\\r"); return;
    case '\t': rd_buf_puts(out, "\\t"); return;
    default: break;
    }
    if (cp < 0x80)
        snprintf(e, sizeof e, "\\x%02x", (unsigned)cp);
    else
        snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
    rd_buf_puts(out, e);
}

/* The length of the character at s (1 for a byte that is not UTF-8) and
 * whether it must be escaped, keeping the characters of `keep`. */
static size_t next_char(const char *s, size_t len, const char *keep,
                        bool *escape, uint32_t *cp, bool *byte)
{
    unsigned char c = (unsigned char)*s;
    *byte = false;
    if (c >= 0x20 && c < 0x7F) {
        *escape = false;
        return 1;
    }
    size_t n = rd_utf8_valid_seq((const unsigned char *)s, len);
    if (n == 0 || (n == 1 && c >= 0x80)) {
        *escape = *byte = true;
        *cp = c;
        return 1;
    }
    rd_utf8_decode((const unsigned char *)s, len, cp);
    *escape = is_line_control(*cp) && !(*cp < 0x80 && *cp && strchr(keep, (int)*cp));
    return n;
}

void rd_buf_put_visible(rd_buf *out, const char *s, size_t len, const char *keep)
{
    size_t run = 0, i = 0;
    while (i < len) {
        bool escape, byte;
        uint32_t cp;
        size_t n = next_char(s + i, len - i, keep, &escape, &cp, &byte);
        if (escape) {
            rd_buf_put(out, s + run, i - run);
            put_escape(out, cp, byte);
            run = i + n;
        }
        i += n;
    }
    rd_buf_put(out, s + run, len - run);
}

void rd_visible_put(rd_buf *out, const char *s)
{
    if (s)
        rd_buf_put_visible(out, s, strlen(s), "");
}

bool rd_visible_needed(const char *s, size_t len, const char *keep)
{
    for (size_t i = 0; i < len;) {
        bool escape, byte;
        uint32_t cp;
        i += next_char(s + i, len - i, keep, &escape, &cp, &byte);
        if (escape)
            return true;
    }
    return false;
}
