/* directive-ids: the rule ids that inline comments name
 * (<!-- roledoc-disable ID -->, roledoc-enable, roledoc-disable-next-line)
 * are rules of the rule set. A misspelt id silences nothing, and without a
 * finding nobody would know: the findings it was meant to silence are
 * still reported, and the comment looks as if it worked.
 *
 * The finding points at the id as written in the comment. Message
 * placeholders: {id} (as written).
 */
#include "check.h"
#include "../engine.h"

#include <string.h>

static void check_id(const char *id, size_t len, uint32_t line, uint32_t col,
                     void *data)
{
    rd_check_ctx *ctx = data;
    char written[128];
    if (len >= sizeof written)
        len = sizeof written - 1;
    memcpy(written, id, len);
    written[len] = '\0';
    if (rd_ruleset_find(ctx->rules, written))
        return;
    const char *const vars[] = { "id", written, NULL };
    rd_check_report_at(ctx, line, col, vars);
}

void rd_check_directive_ids(rd_check_ctx *ctx)
{
    rd_directive_ids(ctx->doc, check_id, ctx);
}
