/* Folding labels and words for comparison: "Objectifs attendus :" written
 * by an editor and "objectifs attendus" declared in a rule file are the same
 * label. Case and accents go, blanks of any kind collapse to one space,
 * a trailing colon goes. Only the Latin letters that French and its
 * neighbours use are folded; other characters are kept as they are, so the
 * result never depends on the locale. */
#include "engine.h"

#include <string.h>

/* Latin letters with diacritics (and ligatures) → lower-case ASCII. */
static const struct {
    uint32_t first, last;
    const char *folded;
} latin_folds[] = {
    { 0x00C0, 0x00C5, "a" }, { 0x00C6, 0x00C6, "ae" }, { 0x00C7, 0x00C7, "c" },
    { 0x00C8, 0x00CB, "e" }, { 0x00CC, 0x00CF, "i" }, { 0x00D0, 0x00D0, "d" },
    { 0x00D1, 0x00D1, "n" }, { 0x00D2, 0x00D6, "o" }, { 0x00D8, 0x00D8, "o" },
    { 0x00D9, 0x00DC, "u" }, { 0x00DD, 0x00DD, "y" }, { 0x00DE, 0x00DE, "th" },
    { 0x00DF, 0x00DF, "ss" },
    { 0x00E0, 0x00E5, "a" }, { 0x00E6, 0x00E6, "ae" }, { 0x00E7, 0x00E7, "c" },
    { 0x00E8, 0x00EB, "e" }, { 0x00EC, 0x00EF, "i" }, { 0x00F0, 0x00F0, "d" },
    { 0x00F1, 0x00F1, "n" }, { 0x00F2, 0x00F6, "o" }, { 0x00F8, 0x00F8, "o" },
    { 0x00F9, 0x00FC, "u" }, { 0x00FD, 0x00FD, "y" }, { 0x00FE, 0x00FE, "th" },
    { 0x00FF, 0x00FF, "y" },
    { 0x0100, 0x0105, "a" }, { 0x0106, 0x010D, "c" }, { 0x010E, 0x0111, "d" },
    { 0x0112, 0x011B, "e" }, { 0x011C, 0x0123, "g" }, { 0x0124, 0x0127, "h" },
    { 0x0128, 0x0131, "i" }, { 0x0132, 0x0133, "ij" }, { 0x0134, 0x0135, "j" },
    { 0x0136, 0x0138, "k" }, { 0x0139, 0x0142, "l" }, { 0x0143, 0x014B, "n" },
    { 0x014C, 0x0151, "o" }, { 0x0152, 0x0153, "oe" }, { 0x0154, 0x0159, "r" },
    { 0x015A, 0x0161, "s" }, { 0x0162, 0x0167, "t" }, { 0x0168, 0x0173, "u" },
    { 0x0174, 0x0175, "w" }, { 0x0176, 0x0178, "y" }, { 0x0179, 0x017E, "z" },
    { 0x017F, 0x017F, "s" },
};

const char *rd_fold_latin(uint32_t cp)
{
    for (size_t i = 0; i < sizeof latin_folds / sizeof latin_folds[0]; i++)
        if (cp >= latin_folds[i].first && cp <= latin_folds[i].last)
            return latin_folds[i].folded;
    return NULL;
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
    if (cp < 0x80) {            /* no table to search */
        rd_buf_putc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
        return;
    }
    const char *folded = rd_fold_latin(cp);
    if (folded)
        rd_buf_puts(out, folded);
    else if (cp >= 'A' && cp <= 'Z')
        rd_buf_putc(out, (char)(cp - 'A' + 'a'));
    else if (cp == 0x2018 || cp == 0x2019)   /* typographic apostrophes */
        rd_buf_putc(out, '\'');
    else
        rd_utf8_encode(cp, out);
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
