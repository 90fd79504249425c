/* role-part: every role of the model has a given part (mission, actions,
 * objectives), with something in it, and, when the rule asks for it, a list
 * of at least `min-items` items.
 *
 * Parameters:
 *   part             objectives | mission | actions
 *   min-items        items the part's lists must hold together (default 0:
 *                    any content will do)
 *   no-role-message  when set, a page the configuration declares a role page
 *                    but that holds no role gets this finding at line 1
 *                    (one rule of the set carries it, so that the finding
 *                    is made once)
 *   no-role-hint     the suggested fix of that finding
 *
 * Message placeholders: {title} (the role's title), {part} (the part's
 * name), {label} (the first label the rule set declares for the part),
 * {items} (items found), {min-items}.
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int part_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int p = 0; p < RD_PART_COUNT; p++)
        if (strcmp(rd_part_name((rd_part)p), name) == 0)
            return p;
    return -1;
}

static int part_has_content(const rd_role_part *part)
{
    for (const rd_node *n = part->first; n; n = n->next) {
        if (rd_check_block_has_content(n))
            return 1;
        if (n == part->last)
            break;
    }
    return 0;
}

static int part_is_missing(const rd_role_part *part, size_t min_items)
{
    if (!part->label || !part_has_content(part))
        return 1;
    return part->items < min_items;
}

static size_t min_items_param(const rd_rule *rule)
{
    const char *s = rd_rule_param(rule, "min-items");
    if (!s || !*s)
        return 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    return *end ? 0 : (size_t)v;
}

static void report_missing(rd_check_ctx *ctx, const rd_role *role, int part,
                           size_t min_items)
{
    const rd_ruleset *rules = ctx->rules;
    const char *label = rules && rules->nlabels[part] ? rules->labels[part][0]
                                                      : rd_part_name((rd_part)part);
    char items[32], min[32];
    snprintf(items, sizeof items, "%zu", role->parts[part].items);
    snprintf(min, sizeof min, "%zu", min_items);
    const char *const vars[] = {
        "title", role->title ? role->title : "",
        "part", rd_part_name((rd_part)part),
        "label", label,
        "items", items,
        "min-items", min,
        NULL
    };
    if (role->heading)
        rd_check_report(ctx, role->heading, vars);
    else
        rd_check_report_at(ctx, 1, 1, vars);
}

/* A declared role page without any role: reported with the rule's own
 * wording for that case, so the rule files keep every message. */
static void report_no_role(rd_check_ctx *ctx, const char *message)
{
    rd_rule variant = *ctx->rule;
    variant.message = message;
    variant.hint = rd_rule_param(ctx->rule, "no-role-hint");
    rd_check_ctx sub = *ctx;
    sub.rule = &variant;
    const char *const vars[] = { "part", rd_rule_param(ctx->rule, "part"), NULL };
    rd_check_report_at(&sub, 1, 1, vars);
}

void rd_check_role_part(rd_check_ctx *ctx)
{
    int part = part_from_name(rd_rule_param(ctx->rule, "part"));
    if (part < 0 || !ctx->model)
        return;
    const char *no_role = rd_rule_param(ctx->rule, "no-role-message");
    if (ctx->model->nroles == 0) {
        if (ctx->role_page && no_role)
            report_no_role(ctx, no_role);
        return;
    }
    size_t min_items = min_items_param(ctx->rule);
    for (const rd_role *r = ctx->model->first; r; r = rd_check_next_role(r))
        if (!r->is_family && part_is_missing(&r->parts[part], min_items))
            report_missing(ctx, r, part, min_items);
}
