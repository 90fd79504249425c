/* invalid-utf8: the page holds bytes that are not UTF-8 (a file saved as
 * Latin-1 or Windows-1252, a truncated copy). GitBook and every converter
 * would show replacement characters there. The loader finds the bad bytes
 * while reading the page; this kind reports the first one, where it
 * stands, once per page.
 *
 * Message placeholders: {byte} (the first bad byte, as 0xHH), {count}
 * (how many bad bytes the page holds), {bytes} (the same in words, "1
 * invalid byte", "3 invalid bytes": the shipped message says what the
 * loader says when a page is converted).
 */
#include "check.h"

#include <stdio.h>

void rd_check_invalid_utf8(rd_check_ctx *ctx)
{
    uint32_t line, col;
    if (!rd_doc_first_invalid(ctx->doc, &line, &col))
        return;
    char byte[8], count[32], bytes[64];
    snprintf(byte, sizeof byte, "0x%02X",
             (unsigned)(unsigned char)ctx->doc->bytes[ctx->doc->first_invalid]);
    snprintf(count, sizeof count, "%zu", ctx->doc->invalid_count);
    snprintf(bytes, sizeof bytes, "%zu invalid byte%s", ctx->doc->invalid_count,
             ctx->doc->invalid_count == 1 ? "" : "s");
    const char *const vars[] = {
        "byte", byte, "count", count, "bytes", bytes, NULL
    };
    rd_check_report_at(ctx, line, col, vars);
}
