/* role-part: every role of the model has a given part (mission, actions,
 * objectives), with something in it, and, when the rule asks for it, lists
 * of at least `min-items` items together. Families are not asked: their
 * roles are.
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
 * {labels} (the first few, quoted), {lead-in} (the first lead-in phrase),
 * {items} (items found), {min-items}.
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int part_has_content(const rd_role_part *part)
{
    for (const rd_node *n = rd_part_first(part); n; n = n->next) {
        if (rd_check_block_has_content(n))
            return 1;
        if (n == rd_part_last(part))
            break;
    }
    return 0;
}

/* Items of every part of the kind; whether one of them says something. */
static size_t part_items(const rd_role *role, rd_part kind, int *content)
{
    size_t items = 0;
    *content = 0;
    for (size_t i = 0; i < rd_role_part_count(role, kind); i++) {
        const rd_role_part *part = rd_role_part_at(role, kind, i);
        items += rd_part_item_count(part);
        *content |= part_has_content(part);
    }
    return items;
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

/* The first few labels of a part, quoted: what the hint shows. */
static void quoted_labels(const rd_ruleset *rules, rd_part part, rd_buf *out)
{
    size_t shown = 0;
    for (size_t i = 0; rules && i < rules->nlabels && shown < 4; i++) {
        if (rules->labels[i].part != (int)part)
            continue;
        rd_buf_printf(out, "%s\"%s\"", shown ? ", " : "", rules->labels[i].text);
        shown++;
    }
    if (!shown)
        rd_buf_printf(out, "\"%s\"", rd_part_name(part));
}

static const char *first_lead_in(const rd_ruleset *rules)
{
    for (size_t i = 0; rules && i < rules->nterms; i++)
        if (rules->terms[i].kind == RD_TERM_LEAD_IN)
            return rules->terms[i].text;
    return "";
}

static void report_missing(rd_check_ctx *ctx, const rd_role *role, rd_part part,
                           size_t items_found, size_t min_items)
{
    const rd_ruleset *rules = ctx->rules;
    const char *label = rd_ruleset_first_label(rules, part);
    char items[32], min[32];
    snprintf(items, sizeof items, "%zu", items_found);
    snprintf(min, sizeof min, "%zu", min_items);
    rd_buf labels;
    rd_buf_init(&labels);
    quoted_labels(rules, part, &labels);
    const char *const vars[] = {
        "title", rd_role_title(role),
        "part", rd_part_name(part),
        "label", label ? label : rd_part_name(part),
        "labels", labels.data,
        "lead-in", first_lead_in(rules),
        "items", items,
        "min-items", min,
        NULL
    };
    const rd_node *at = rd_role_title_node(role);
    if (at)
        rd_check_report(ctx, at, vars);
    else
        rd_check_report_at(ctx, 1, 1, vars);
    rd_buf_free(&labels);
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
    int part = rd_part_from_name(rd_rule_param(ctx->rule, "part"));
    if (part < 0 || !ctx->model)
        return;
    const char *no_role = rd_rule_param(ctx->rule, "no-role-message");
    if (rd_model_role_count(ctx->model) == 0) {
        if (ctx->role_page && no_role)
            report_no_role(ctx, no_role);
        return;
    }
    size_t min_items = min_items_param(ctx->rule);
    for (const rd_role *r = NULL; (r = rd_model_next(ctx->model, r)); ) {
        if (rd_role_is_family(r))
            continue;
        int content;
        size_t items = part_items(r, (rd_part)part, &content);
        if (!rd_role_part_count(r, (rd_part)part) || !content || items < min_items)
            report_missing(ctx, r, (rd_part)part, items, min_items);
    }
}
