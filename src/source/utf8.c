/* UTF-8 as roledoc reads it: sequences checked and decoded, text cleaned
 * of what no output may hold (invalid sequences, control characters), and
 * display widths in terminal columns (utf8proc's, emoji sequences as one
 * wide character). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>


static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Well-formed sequences (Unicode table 3-7): the second byte's range
 * depends on the first, which rules out overlongs, surrogates and code
 * points above U+10FFFF. */
size_t rd_utf8_cut(const char *s, size_t n)
{
    /* Back over continuation bytes to the start of the last character,
     * and keep it only when it is whole. */
    size_t start = n;
    while (start > 0 && n - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0 || (unsigned char)s[start - 1] < 0x80)
        return n;
    start--;
    return rd_utf8_valid_seq((const unsigned char *)s + start, n - start) == n - start
         ? n : start;
}

size_t rd_utf8_valid_seq(const unsigned char *s, size_t avail)
{
    if (avail == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0)
        return avail >= 2 && is_cont(s[1]) ? 2 : 0;
    if (avail < 2)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    if (c < 0xF0)
        return avail >= 3 && is_cont(s[2]) ? 3 : 0;
    return avail >= 4 && is_cont(s[2]) && is_cont(s[3]) ? 4 : 0;
}

size_t rd_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    size_t n = rd_utf8_valid_seq(s, avail);
    switch (n) {
    case 0:
        *cp = avail ? 0xFFFD : 0;
        return avail ? 1 : 0;
    case 1:
        *cp = s[0];
        break;
    case 2:
        *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        break;
    case 3:
        *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6
              | (s[2] & 0x3F);
        break;
    default:
        *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12
              | (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
        break;
    }
    return n;
}

void rd_utf8_encode(uint32_t cp, rd_buf *out)
{
    char b[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        rd_buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 4);
    }
}

/* Bytes taken by the character at s: an invalid byte is a character of its
 * own, which is how columns count it and how clean_text replaces it. */
size_t rd_utf8_char_len(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = rd_utf8_valid_seq(s, avail);
    return n ? n : 1;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

enum { WORD = 8 };
static const uint64_t ONES = 0x0101010101010101u, HIGHS = 0x8080808080808080u;

/* Whether the 8 bytes at u are ASCII: most text is, and is then checked a
 * word at a time. */
static bool ascii8(const unsigned char *u)
{
    uint64_t x;
    memcpy(&x, u, sizeof x);
    return (x & HIGHS) == 0;
}

/* Whether the 8 bytes at u are ASCII and none of them is NUL. */
static bool plain_ascii8(const unsigned char *u)
{
    uint64_t x;
    memcpy(&x, u, sizeof x);
    return ((x | ((x - ONES) & ~x)) & HIGHS) == 0;
}

/* Length of the leading part of s[0..n) that is valid UTF-8 without NUL
 * bytes: most text is, and is then copied whole. ASCII goes 8 bytes at a
 * time. */
static size_t clean_prefix(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + WORD <= n && plain_ascii8(u + i)) {
            i += WORD;
        } else if (u[i] >= 0x80) {
            size_t k = rd_utf8_valid_seq(u + i, n - i);
            if (!k)
                break;
            i += k;
        } else if (u[i]) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* Each invalid byte and each NUL becomes one U+FFFD: one replacement per
 * character as columns count them. */
char *rd_doc_clean_text(rd_doc *doc, const char *s, size_t n, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    if (clean_prefix(u, n) == n) {
        if (outlen)
            *outlen = n;
        return rd_arena_strndup(&doc->arena, s, n);
    }
    size_t need = 0;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] ? rd_utf8_valid_seq(u + i, n - i) : 0;
        need += k ? k : 3;
        i += k ? k : 1;
    }
    char *out = rd_arena_alloc(&doc->arena, need + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] ? rd_utf8_valid_seq(u + i, n - i) : 0;
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

char *rd_doc_page_text(rd_doc *doc, const char *s, size_t n, size_t *outlen)
{
    if (!doc->clean)
        return rd_doc_clean_text(doc, s, n, outlen);
    if (outlen)
        *outlen = n;
    return rd_arena_strndup(&doc->arena, s, n);
}



static bool is_emoji_modifier(uint32_t cp)
{
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

/* Width of cp given the character before it, in terminal columns as
 * utf8proc gives them (wide and fullwidth characters 2, combining and
 * format characters 0); an emoji joined to the previous one by U+200D, or
 * a skin tone modifier after a character, is drawn within the previous
 * glyph. */
static size_t char_width(uint32_t cp, uint32_t prev)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;                       /* control characters */
    if (prev == 0x200D)
        return 0;       /* joined into the emoji before the joiner (👷‍♀️) */
    if (cp < 0x300)
        return 1;
    if (is_emoji_modifier(cp) && prev != 0)
        return 0;
    return (size_t)utf8proc_charwidth((utf8proc_int32_t)cp);
}

size_t rd_display_width(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t width = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += rd_utf8_decode(u + i, len - i, &cp);
        width += char_width(cp, prev);
        prev = cp;
    }
    return width;
}

size_t rd_utf8_count_invalid(const char *s, size_t n, size_t *first)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        if (i + WORD <= n && ascii8(u + i)) {
            i += WORD;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = rd_utf8_valid_seq(u + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (!count)
            *first = i;
        count++;
        i++;
    }
    return count;
}
