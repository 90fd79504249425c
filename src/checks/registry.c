/* The built-in check kinds, by the name rule files give them.
 *
 * A kind is listed here once its source file exists; its function is
 * declared in check.h. Kinds expected (one file each under src/checks/):
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
    { "load", check_load },
    { "role-part", rd_check_role_part },
    { "page-title", rd_check_page_title },
    { "heading-increment", rd_check_heading_increment },
    { "image-alt", rd_check_image_alt },
    { "local-target", rd_check_local_target },
    { "liquid-balanced", rd_check_liquid_balanced },
    { "hint-style", rd_check_hint_style },
    { "http-link", rd_check_http_link },
    { "entity-artifact", rd_check_entity_artifact },
    { "empty-section", rd_check_empty_section },
    { "invalid-utf8", rd_check_invalid_utf8 },
    { "directive-ids", rd_check_directive_ids },
    { "gendered-title", rd_check_gendered_title },
    { "inclusive-form-style", rd_check_inclusive_form_style },
    { NULL, NULL },
};

const rd_check_kind *rd_check_kind_find(const char *kind)
{
    for (const rd_check_kind *k = rd_check_kinds; k->kind; k++)
        if (strcmp(k->kind, kind) == 0)
            return k;
    return NULL;
}
