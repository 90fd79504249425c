/* hint-style: a GitBook hint block names one of the styles GitBook draws.
 * Any other style (a typo, "note", "tip" from another tool) is shown as a
 * plain info box, or not at all, and converters cannot map it.
 *
 * Parameters:
 *   allowed          the styles accepted, separated by blanks or commas
 *                    (compared exactly: GitBook does)
 *   message-missing  wording for a hint with no style attribute (else the
 *                    rule's message is used), hint-missing its fix
 *
 * Findings point at the style attribute, or at the tag when it has none.
 *
 * Message placeholders: {style} (as written), {allowed} (the list, as the
 * parameter gives it).
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

static int is_allowed(const char *style, const char *allowed)
{
    size_t len = strlen(style);
    const char *p = allowed;
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (n && n == len && strncmp(p, style, n) == 0)
            return 1;
        p += n;
    }
    return 0;
}

static const rd_attr *find_attr(const rd_node *n, const char *name)
{
    for (const rd_attr *a = n->attrs; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

/* A hint without any style: its own wording when the rule file gives one. */
static void report_missing(rd_check_ctx *ctx, const rd_node *hint,
                           const char *const *vars)
{
    rd_rule variant = *ctx->rule;
    const char *message = rd_rule_param(ctx->rule, "message-missing");
    if (message) {
        variant.message = message;
        variant.hint = rd_rule_param(ctx->rule, "hint-missing");
    }
    rd_check_ctx sub = *ctx;
    sub.rule = &variant;
    rd_check_report(&sub, hint, vars);
}

static void check_hint(rd_check_ctx *ctx, const rd_node *hint,
                       const char *allowed)
{
    const rd_attr *style = find_attr(hint, "style");
    const char *value = style && style->value ? style->value : "";
    const char *const vars[] = { "style", value, "allowed", allowed, NULL };
    if (!style)
        report_missing(ctx, hint, vars);
    else if (is_allowed(value, allowed))
        return;
    else if (style->line)
        rd_check_report_at(ctx, style->line, style->col, vars);
    else
        rd_check_report(ctx, hint, vars);
}

void rd_check_hint_style(rd_check_ctx *ctx)
{
    const char *allowed = rd_rule_param(ctx->rule, "allowed");
    if (!allowed)
        allowed = "";
    /* Tags below the depth limit are kept as they stand, end tags among
     * them: the nesting-depth finding speaks for them. */
    rd_node_span tags = rd_check_nodes(ctx, RD_NODE_LIQUID);
    for (size_t i = 0; i < tags.len; i++) {
        const rd_node *n = tags.nodes[i];
        if (n->liquid == RD_LIQUID_HINT &&
            !(n->flags & (RD_FLAG_STRAY_END | RD_FLAG_TRUNCATED)))
            check_hint(ctx, n, allowed);
    }
}
