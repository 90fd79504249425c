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
 */
#include "check.h"
#include "../titles.h"

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
        rd_check_report(ctx, rd_role_title_node(role), vars);
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
