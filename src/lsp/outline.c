/* The role model as the server reads it. The outline, the hover and the
 * title fix need a few things of a role (its kind, title, heading,
 * children and parts); they ask these functions rather than rd_role's
 * fields, so that a change of the model is taken up here, once. */
#include "lsp.h"

bool lsp_role_is_family(const rd_role *r)
{
    return r->is_family != 0;
}

const char *lsp_role_title(const rd_role *r)
{
    return r->title && *r->title ? r->title : "(untitled)";
}

const rd_node *lsp_role_heading(const rd_role *r)
{
    return r->heading;
}

const rd_role *lsp_role_first_child(const rd_role *r)
{
    return r->first_child;
}

const rd_role *lsp_role_next(const rd_role *r)
{
    return r->next;
}

lsp_part lsp_role_part(const rd_role *r, rd_part part)
{
    const rd_role_part *p = &r->parts[part];
    return (lsp_part){ .label = p->label, .items = p->items,
                       .found = p->label != NULL };
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

rd_model *lsp_model_of(const lsp_server *s, const lsp_document *d)
{
    return d->doc ? rd_model_extract(d->doc, &s->rules) : NULL;
}

const char *lsp_part_title(rd_part part)
{
    switch (part) {
    case RD_PART_MISSION: return "Mission";
    case RD_PART_ACTIONS: return "Actions";
    default: return "Objectives";
    }
}

size_t lsp_node_start(const lsp_document *d, const rd_node *n)
{
    return lsp_offset_of_column(&d->lines, d->text.data, d->text.len, n->line,
                                n->col);
}
