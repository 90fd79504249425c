/* inclusive-form-style: role and family titles write both forms only in
 * the styles a project allows. Off by default: style guides differ (the
 * doublet "Chargé / chargée" is the administration's usual choice, others
 * prefer the median dot "chargé·e"), so a project that has chosen enables
 * the rule and lists its styles.
 *
 * Parameter:
 *   allowed   styles allowed, separated by commas or blanks: doublet
 *             ("Chargé / chargée", "Le ou la"), slash ("le/la",
 *             "chargé/chargée"), parentheses ("commercial(e)"), median-dot
 *             ("intrapreneur·e"), dot ("développeur.se"). Unknown names
 *             are ignored.
 *
 * One finding per title, for the first style it uses that is not allowed,
 * at the heading. Message placeholders: {title}, {style} (the style's
 * name), {form} (the text written in that style, e.g. "commercial(e)"),
 * {allowed} (the parameter as written).
 */
#include "check.h"
#include "../titles.h"

#include <string.h>

/* The style bits a list such as "doublet, median-dot" names. */
static unsigned parse_allowed(const char *list)
{
    unsigned allowed = 0;
    const char *s = list ? list : "";
    while (*s) {
        size_t n = strcspn(s, ", \t");
        allowed |= rd_style_from_name(s, n);
        s += n;
        s += strspn(s, ", \t");
    }
    return allowed;
}

static void check_title(rd_check_ctx *ctx, const rd_lexicon *lex,
                        const rd_role *role, unsigned allowed,
                        const char *allowed_text)
{
    rd_title_info info;
    rd_title_analyse(lex, rd_role_title(role), &info);
    for (int i = 0; i < RD_STYLE_COUNT; i++) {
        unsigned style = 1u << i;
        if (!(info.styles & style) || (allowed & style))
            continue;
        const char *const vars[] = {
            "title", rd_role_title(role),
            "style", rd_style_name(i),
            "form", info.style_form[i] ? info.style_form[i] : "",
            "allowed", allowed_text,
            NULL
        };
        rd_check_report(ctx, rd_role_title_node(role), vars);
        break;
    }
    rd_title_info_free(&info);
}

void rd_check_inclusive_form_style(rd_check_ctx *ctx)
{
    if (!rd_model_first(ctx->model))
        return;
    const char *allowed_text = rd_rule_param(ctx->rule, "allowed");
    if (!allowed_text)
        allowed_text = "";
    unsigned allowed = parse_allowed(allowed_text);
    rd_lexicon *own;
    const rd_lexicon *lex = rd_ruleset_lexicon(ctx->rules, &own);
    for (const rd_role *r = NULL; (r = rd_model_next(ctx->model, r)); )
        if (rd_role_title_node(r))
            check_title(ctx, lex, r, allowed, allowed_text);
    rd_lexicon_free(own);
}
