/* directive-ids: the rule ids that inline comments name
 * (<!-- roledoc-disable ID -->, roledoc-enable, roledoc-disable-next-line)
 * are rules of the rule set. A misspelt id silences nothing, and without a
 * finding nobody would know: the findings it was meant to silence are
 * still reported, and the comment looks as if it worked.
 *
 * The finding points at the id as written in the comment. When a rule id
 * is near it (two edits or fewer: "imag-alt"), that id is proposed as the
 * change, which a person makes (a guess is not a fix). Message
 * placeholders: {id} (as written).
 */
#include "check.h"
#include "lint/engine.h"

#include <string.h>

#define MAX_ID 128
#define NEAR 2

/* The edit distance of a and b (insertions, deletions, substitutions),
 * or NEAR + 1 when it is larger. */
static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na >= MAX_ID || nb >= MAX_ID || (na > nb ? na - nb : nb - na) > NEAR)
        return NEAR + 1;
    size_t row[MAX_ID + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* The rule id nearest to id, when one is near enough. */
static const char *nearest(const rd_ruleset *rules, const char *id)
{
    const char *best = NULL;
    size_t best_d = NEAR + 1;
    for (size_t i = 0; i < rules->nrules; i++) {
        size_t d = distance(id, rules->rules[i].id);
        if (d < best_d) {
            best_d = d;
            best = rules->rules[i].id;
        }
    }
    return best;
}

/* The offset of the id written at line:col. */
static size_t id_offset(const rd_check_ctx *ctx, const char *id, size_t len,
                        uint32_t line, uint32_t col)
{
    size_t at = 0;
    while ((at = rd_check_find_on_line(ctx, line, at, id, len)) != RD_CHECK_NOT_FOUND) {
        uint32_t l, c;
        rd_doc_position(ctx->doc, at, &l, &c);
        if (l == line && c == col)
            return at;
        at++;
    }
    return RD_CHECK_NOT_FOUND;
}

static void check_id(const char *id, size_t len, uint32_t line, uint32_t col,
                     void *data)
{
    rd_check_ctx *ctx = data;
    char written[MAX_ID];
    if (len >= sizeof written)
        len = sizeof written - 1;
    memcpy(written, id, len);
    written[len] = '\0';
    if (rd_ruleset_find(ctx->rules, written))
        return;
    const char *const vars[] = { "id", written, NULL };
    const char *near = nearest(ctx->rules, written);
    size_t at = near ? id_offset(ctx, id, len, line, col) : RD_CHECK_NOT_FOUND;
    rd_check_fix fix = { 0 };
    if (at != RD_CHECK_NOT_FOUND)
        fix = (rd_check_fix){ at, at + len, near, 0, 0 };
    rd_check_report_at_fix(ctx, line, col, vars, &fix);
}

void rd_check_directive_ids(rd_check_ctx *ctx)
{
    rd_directive_ids(ctx->doc, check_id, ctx);
}
