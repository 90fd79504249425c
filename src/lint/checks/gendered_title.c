/* gendered-title: the title of a role or family that names the person with
 * a gendered noun or adjective gives both forms ("Chargé / chargée",
 * "Le/la développeur/développeuse", "commercial(e)", "facilitateur·rice").
 * Epicene titles ("Coach", "Responsable de portefeuille") have nothing to
 * give. Title analysis (titles.c) decides; the lexicon comes from the rule
 * set. The finding points at the heading.
 *
 * Message placeholders: {title}, {present} (masculine or feminine: the
 * form written), {missing} (the forms to add, e.g. "développeuse"),
 * {suggestion} (the title with both forms, e.g. "Développeur / développeuse
 * front-end").
 *
 * The suggestion is also given as a change of the page (the title as
 * written replaced), for editors and the reports: never made by lint
 * --fix, since the feminine form the lexicon proposes is for a person to
 * choose.
 */
#include "check.h"
#include "model/titles.h"

#include <string.h>

/* The title replaced by the suggestion, where it is written. */
static rd_check_fix suggestion_fix(const rd_check_ctx *ctx, const rd_role *role,
                                   const char *suggestion)
{
    rd_check_fix fix = { 0 };
    size_t at = suggestion ? rd_check_find_on_line(ctx, rd_role_title_node(role)->line, 0,
                                                   rd_role_title(role),
                                                   strlen(rd_role_title(role)))
                           : RD_CHECK_NOT_FOUND;
    if (at != RD_CHECK_NOT_FOUND)
        fix = (rd_check_fix){ at, at + strlen(rd_role_title(role)), suggestion, 0, 0 };
    return fix;
}

static void check_title(rd_check_ctx *ctx, const rd_lexicon *lex,
                        const rd_role *role)
{
    rd_title_info info;
    rd_title_analyse(lex, rd_role_title(role), &info);
    if (info.gendered && !info.complete) {
        const char *const vars[] = {
            "title", rd_role_title(role),
            "present", rd_gender_name(info.present),
            "missing", info.missing ? info.missing : "",
            "suggestion", info.suggestion ? info.suggestion : rd_role_title(role),
            NULL
        };
        rd_check_fix fix = suggestion_fix(ctx, role, info.suggestion);
        rd_check_report_fix(ctx, rd_role_title_node(role), vars, &fix);
    }
    rd_title_info_free(&info);
}

void rd_check_gendered_title(rd_check_ctx *ctx)
{
    if (!rd_model_first(ctx->model))
        return;
    rd_lexicon *own;
    const rd_lexicon *lex = rd_ruleset_lexicon(ctx->rules, &own);
    for (const rd_role *r = NULL; (r = rd_model_next(ctx->model, r)); )
        if (rd_role_title_node(r))
            check_title(ctx, lex, r);
    rd_lexicon_free(own);
}
