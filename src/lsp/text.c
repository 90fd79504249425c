/* Positions in a page's text: the protocol counts UTF-16 code units from
 * the start of a 0-based line, roledoc counts characters from the start of
 * a 1-based line, the text itself is UTF-8 bytes. Both count lines alike
 * (LF, CRLF and a lone CR end one), and roledoc's column 1 of the first
 * line comes after a byte order mark, which the protocol counts as one
 * code unit. */
#include "lsp.h"

#include <stdlib.h>

static void add_start(lsp_lines *lines, size_t start)
{
    if (lines->count == lines->cap) {
        lines->cap = lines->cap ? lines->cap * 2 : 64;
        lines->starts = rd_xrealloc(lines->starts, lines->cap * sizeof *lines->starts);
    }
    lines->starts[lines->count++] = start;
}

void lsp_lines_build(lsp_lines *lines, const char *text, size_t len)
{
    lines->count = 0;
    add_start(lines, 0);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            add_start(lines, i + 1);
    }
}

void lsp_lines_free(lsp_lines *lines)
{
    free(lines->starts);
    *lines = (lsp_lines){ 0 };
}

/* Offset just past the text of line idx (0-based), before its break. */
static size_t text_end(const lsp_lines *lines, const char *text, size_t len,
                       size_t idx)
{
    if (idx + 1 >= lines->count)
        return len;
    size_t next = lines->starts[idx + 1];
    if (next >= 2 && text[next - 1] == '\n' && text[next - 2] == '\r')
        return next - 2;
    return next - 1;
}

static size_t line_of(const lsp_lines *lines, size_t offset)
{
    size_t lo = 0, hi = lines->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The character at text[i] (before end): its bytes and UTF-16 units. */
static size_t next_char(const char *text, size_t i, size_t end, unsigned *units)
{
    uint32_t cp;
    size_t k = rd_utf8_decode((const unsigned char *)text + i, end - i, &cp);
    *units = cp >= 0x10000 ? 2 : 1;
    return k ? k : 1;
}

size_t lsp_offset_of(const lsp_lines *lines, const char *text, size_t len,
                     lsp_position pos)
{
    if (pos.line >= lines->count)
        return len;
    size_t i = lines->starts[pos.line];
    size_t end = text_end(lines, text, len, pos.line);
    uint32_t counted = 0;
    while (i < end) {
        unsigned units;
        size_t k = next_char(text, i, end, &units);
        if (counted + units > pos.character)
            break;
        counted += units;
        i += k;
    }
    return i;
}

lsp_position lsp_position_of(const lsp_lines *lines, const char *text,
                             size_t len, size_t offset)
{
    if (offset > len)
        offset = len;
    size_t idx = line_of(lines, offset);
    size_t end = text_end(lines, text, len, idx);
    if (offset > end)
        offset = end;           /* inside a CRLF: the end of the line */
    uint32_t units = 0;
    for (size_t i = lines->starts[idx]; i < offset;) {
        unsigned u;
        i += next_char(text, i, offset, &u);
        units += u;
    }
    return (lsp_position){ (uint32_t)idx, units };
}

size_t lsp_offset_of_column(const lsp_lines *lines, const char *text,
                            size_t len, uint32_t line, uint32_t col)
{
    if (line == 0)
        line = 1;
    if (line > lines->count)
        return len;
    size_t i = lines->starts[line - 1];
    size_t end = text_end(lines, text, len, line - 1);
    if (line == 1 && end >= 3 && (unsigned char)text[0] == 0xEF &&
        (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
        i = 3;
    for (uint32_t c = 1; c < col && i < end; c++) {
        unsigned units;
        i += next_char(text, i, end, &units);
    }
    return i;
}

size_t lsp_line_end(const lsp_lines *lines, const char *text, size_t len,
                    size_t offset)
{
    return text_end(lines, text, len, line_of(lines, offset > len ? len : offset));
}
