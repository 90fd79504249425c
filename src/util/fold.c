/* Folding text for comparison and for ids: "Objectifs attendus :" written
 * by an editor and "objectifs attendus" declared in a rule file are the same
 * label, "Déploiement" has the anchor "deploiement". Case goes (Unicode case
 * folding) and accents go (canonical decomposition, marks dropped), both
 * through utf8proc, so that the result never depends on the locale; the
 * Latin letters that decomposition leaves whole (ø, æ, œ, ł…) are spelt with
 * the ASCII letters they stand for. For labels, blanks of any kind collapse
 * to one space and a trailing colon goes. The case mapping of single
 * letters (titles, inclusive forms) is here too. */
#include "lint/engine.h"

#include <string.h>
#include <utf8proc.h>

/* Letters that decomposition keeps whole (they are not a letter and an
 * accent), with the ASCII letters they are spelt with; by code point. */
static const struct {
    uint32_t cp;
    const char *ascii;
} whole_letters[] = {
    { 0x00C6, "ae" }, { 0x00D0, "d" }, { 0x00D8, "o" }, { 0x00DE, "th" },
    { 0x00E6, "ae" }, { 0x00F0, "d" }, { 0x00F8, "o" }, { 0x00FE, "th" },
    { 0x0110, "d" }, { 0x0111, "d" }, { 0x0126, "h" }, { 0x0127, "h" },
    { 0x0131, "i" }, { 0x0132, "ij" }, { 0x0133, "ij" }, { 0x0138, "k" },
    { 0x013F, "l" }, { 0x0140, "l" }, { 0x0141, "l" }, { 0x0142, "l" },
    { 0x0149, "n" }, { 0x014A, "n" }, { 0x014B, "n" }, { 0x0152, "oe" },
    { 0x0153, "oe" }, { 0x0166, "t" }, { 0x0167, "t" },
};

static const char *whole_letter(uint32_t cp)
{
    size_t lo = 0, hi = sizeof whole_letters / sizeof whole_letters[0];
    if (cp < whole_letters[0].cp || cp > whole_letters[hi - 1].cp)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (whole_letters[mid].cp == cp)
            return whole_letters[mid].ascii;
        if (whole_letters[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void rd_fold_char(uint32_t cp, rd_buf *out)
{
    if (cp < 0x80) {
        rd_buf_putc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
        return;
    }
    const char *ascii = whole_letter(cp);
    if (ascii) {
        rd_buf_puts(out, ascii);
        return;
    }
    enum { MAX_FOLDED = 18 };
    utf8proc_int32_t folded[MAX_FOLDED];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, folded, MAX_FOLDED,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &boundclass);
    if (n < 0 || n > MAX_FOLDED) {
        rd_utf8_encode(cp, out);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        ascii = whole_letter((uint32_t)folded[i]);   /* ǣ: æ and a macron */
        if (ascii)
            rd_buf_puts(out, ascii);
        else
            rd_utf8_encode((uint32_t)folded[i], out);
    }
}

int rd_fold_ascii(uint32_t cp, rd_buf *out)
{
    size_t start = out->len;
    rd_fold_char(cp, out);
    for (size_t i = start; i < out->len; i++) {
        char c = out->data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            out->len = start;
            out->data[start] = '\0';
            return -1;
        }
    }
    return (int)(out->len - start);
}

uint32_t rd_case_lower(uint32_t cp)
{
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

uint32_t rd_case_upper(uint32_t cp)
{
    return (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

/* Spaces of every width, the no-break ones included. */
static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
           cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Characters that carry no letter: combining accents (decomposed text),
 * soft hyphens, zero-width spaces and joiners. */
static bool is_invisible(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x00AD ||
           (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

static void fold_char(uint32_t cp, rd_buf *out)
{
    if (cp == 0x2018 || cp == 0x2019)   /* typographic apostrophes */
        rd_buf_putc(out, '\'');
    else
        rd_fold_char(cp, out);
}

/* Drops trailing blanks and colons (French puts a space before the colon). */
static void trim_end(rd_buf *b, size_t start)
{
    while (b->len > start && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == ':'))
        b->len--;
    if (b->data)
        b->data[b->len] = '\0';
}

/* Visible ASCII: kept, upper case lowered, with no table to search. */
static bool is_plain_ascii(unsigned char c)
{
    return c > ' ' && c < 0x7F;
}

/* Appends the run of visible ASCII at u[0..len), lowered; its length. */
static size_t fold_ascii_run(const unsigned char *u, size_t len, rd_buf *out)
{
    size_t n = 0;
    while (n < len && is_plain_ascii(u[n]))
        n++;
    rd_buf_reserve(out, n);
    char *to = out->data + out->len;
    for (size_t i = 0; i < n; i++)
        to[i] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] - 'A' + 'a' : u[i]);
    out->len += n;
    out->data[out->len] = '\0';
    return n;
}

void rd_fold(const char *s, size_t len, rd_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start = out->len;
    bool pending_blank = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i];
        /* Words are mostly ASCII: a run of it is copied at once (every
         * title word and every lexicon form is folded). */
        if (is_plain_ascii(u[i])) {
            if (pending_blank)
                rd_buf_putc(out, ' ');
            pending_blank = false;
            i += fold_ascii_run(u + i, len - i, out);
            continue;
        }
        if (cp < 0x80)          /* most of the text: no decoding */
            i++;
        else
            i += rd_utf8_decode(u + i, len - i, &cp);
        if (is_blank(cp)) {
            pending_blank = out->len > start;
            continue;
        }
        if (is_invisible(cp))
            continue;
        if (pending_blank)
            rd_buf_putc(out, ' ');
        pending_blank = false;
        fold_char(cp, out);
    }
    trim_end(out, start);
}
