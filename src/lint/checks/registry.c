/* The built-in check kinds, by the name rule files give them.
 *
 * A kind is listed here once its source file exists; its function is
 * declared in check.h. Kinds expected (one file each under src/lint/checks/):
 *
 *   role-part             rd_check_role_part             role_part.c
 *   gendered-title        rd_check_gendered_title        gendered_title.c
 *   inclusive-form-style  rd_check_inclusive_form_style  inclusive_form_style.c
 *   page-title            rd_check_page_title            page_title.c
 *   heading-increment     rd_check_heading_increment     heading_increment.c
 *   image-alt             rd_check_image_alt             image_alt.c
 *   local-target          rd_check_local_target          local_target.c
 *   liquid-balanced       rd_check_liquid_balanced       liquid_balanced.c
 *   hint-style            rd_check_hint_style            hint_style.c
 *   http-link             rd_check_http_link             http_link.c
 *   entity-artifact       rd_check_entity_artifact       entity_artifact.c
 *   empty-section         rd_check_empty_section         empty_section.c
 *   invalid-utf8          rd_check_invalid_utf8          invalid_utf8.c
 *   directive-ids         rd_check_directive_ids         directive_ids.c
 *   anchor-target         rd_check_anchor_target         anchor_target.c
 */
#include "check.h"

#include <string.h>

/* Findings of the "load" kind are made while the page is read (malformed
 * front matter, nesting too deep); the engine grades them with the rule, so
 * there is nothing left to look for here. */
static void check_load(rd_check_ctx *ctx)
{
    (void)ctx;
}

const rd_check_kind rd_check_kinds[] = {
    { "load", check_load, 0 },
    { "role-part", rd_check_role_part, 0 },
    { "page-title", rd_check_page_title, 0 },
    { "heading-increment", rd_check_heading_increment,
      RD_CHECK_FIXABLE | RD_CHECK_FIX_KEEPS_CONTENT },
    { "image-alt", rd_check_image_alt, 0 },
    { "local-target", rd_check_local_target, 0 },
    { "anchor-target", rd_check_anchor_target, 0 },
    { "liquid-balanced", rd_check_liquid_balanced, 0 },
    { "hint-style", rd_check_hint_style, 0 },
    { "http-link", rd_check_http_link, RD_CHECK_FIXABLE },
    { "entity-artifact", rd_check_entity_artifact,
      RD_CHECK_FIXABLE | RD_CHECK_FIX_KEEPS_CONTENT },
    { "empty-section", rd_check_empty_section, 0 },
    { "invalid-utf8", rd_check_invalid_utf8, 0 },
    { "directive-ids", rd_check_directive_ids, 0 },
    { "gendered-title", rd_check_gendered_title, 0 },
    { "inclusive-form-style", rd_check_inclusive_form_style, RD_CHECK_FIXABLE },
    { NULL, NULL, 0 },
};

const rd_check_kind *rd_check_kind_find(const char *kind)
{
    for (const rd_check_kind *k = rd_check_kinds; k->kind; k++)
        if (strcmp(k->kind, kind) == 0)
            return k;
    return NULL;
}

int rd_rule_fixable(const rd_rule *rule)
{
    const rd_check_kind *k = rule && rule->kind ? rd_check_kind_find(rule->kind)
                                                : NULL;
    return k && (k->fix & RD_CHECK_FIXABLE);
}
