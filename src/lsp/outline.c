/* The role model as the server reads it. The outline, the hover and the
 * title fix need a few things of a role (its kind, title, heading,
 * children and parts); they ask these functions rather than rd_role's
 * fields, so that a change of the model is taken up here, once. */
#include "lsp.h"

bool lsp_role_is_family(const rd_role *r)
{
    return rd_role_is_family(r) != 0;
}

const char *lsp_role_title(const rd_role *r)
{
    const char *t = rd_role_title(r);
    return t && *t ? t : "(untitled)";
}

const rd_node *lsp_role_heading(const rd_role *r)
{
    return rd_role_title_node(r);
}

const rd_role *lsp_role_first_child(const rd_role *r)
{
    return rd_role_first_child(r);
}

const rd_role *lsp_role_next(const rd_role *r)
{
    return rd_role_next(r);
}

/* The first part of a kind, with the items of every part of that kind. */
lsp_part lsp_role_part(const rd_role *r, rd_part kind)
{
    const rd_role_part *first = rd_role_part_at(r, kind, 0);
    lsp_part part = { .found = first != NULL };
    if (!first)
        return part;
    part.label = rd_part_lead(first);
    part.via = rd_part_found_via(first);
    for (size_t i = 0; i < rd_role_part_count(r, kind); i++)
        part.items += rd_part_item_count(rd_role_part_at(r, kind, i));
    return part;
}

uint32_t lsp_node_last_line(const rd_node *n)
{
    uint32_t last = n->end_line > n->line ? n->end_line : n->line;
    rd_iter it;
    rd_node *cur;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)n);
    while ((ev = rd_iter_step(&it, &cur)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && cur->line > last)
            last = cur->line;
    return last;
}

/* With the configuration in force for the page, as its diagnostics. */
rd_model *lsp_model_of(const lsp_server *s, const lsp_document *d)
{
    rd_error err;
    if (!d->doc)
        return NULL;
    if (s->linter)
        return rd_linter_model(s->linter, d->doc, d->path, &err);
    return rd_model_extract(d->doc, &s->rules, RD_ROLE_PAGE_DETECT);
}

const char *lsp_part_title(rd_part part)
{
    switch (part) {
    case RD_PART_MISSION: return "Mission";
    case RD_PART_ACTIONS: return "Actions";
    case RD_PART_LIMITS: return "Limits";
    case RD_PART_AXES: return "Axes";
    default: return "Objectives";
    }
}

size_t lsp_node_start(const lsp_document *d, const rd_node *n)
{
    return lsp_offset_of_column(&d->lines, d->text.data, d->text.len, n->line,
                                n->col);
}

void lsp_part_lead_text(const lsp_part *part, rd_buf *out)
{
    if (part->via == RD_VIA_LABEL)
        rd_node_text(part->label, out);
    else
        rd_buf_puts(out, part->via == RD_VIA_LEAD_IN ? "list after a lead-in"
                                                     : "opening text");
}
