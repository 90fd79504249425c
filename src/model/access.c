/* The role model's accessors (the public face of model_int.h's types),
 * and the names of its enumerations. */
#include "model_int.h"

#include <string.h>

const char *rd_decision_name(rd_decision d)
{
    static const char *const names[] = {
        [RD_DECISION_NOT_DETECTED] = "not-detected",
        [RD_DECISION_DETECTED] = "detected",
        [RD_DECISION_DECLARED] = "declared",
        [RD_DECISION_OPTED_OUT] = "opted-out",
    };
    return (unsigned)d <= RD_DECISION_OPTED_OUT ? names[d] : "";
}

const char *rd_title_gender_name(rd_title_gender g)
{
    static const char *const names[] = {
        [RD_TITLE_EPICENE] = "epicene",
        [RD_TITLE_BOTH] = "both",
        [RD_TITLE_ONE] = "one",
    };
    return (unsigned)g <= RD_TITLE_ONE ? names[g] : "";
}

const char *rd_part_via_name(rd_part_via via)
{
    static const char *const names[] = {
        [RD_VIA_LABEL] = "label",
        [RD_VIA_LEAD_IN] = "lead-in",
        [RD_VIA_OPENING] = "opening",
    };
    return (unsigned)via <= RD_VIA_OPENING ? names[via] : "";
}

/* ------------------------------------------------------------ model */

int rd_model_is_role_page(const rd_model *m)
{
    return m && m->nroles > 0;
}

rd_decision rd_model_decision(const rd_model *m)
{
    return m ? m->decision : RD_DECISION_NOT_DETECTED;
}

size_t rd_model_role_count(const rd_model *m)
{
    return m ? m->nroles : 0;
}

size_t rd_model_family_count(const rd_model *m)
{
    return m ? m->nfamilies : 0;
}

const rd_role *rd_model_first(const rd_model *m)
{
    return m ? m->first : NULL;
}

/* Page order is the tree's pre-order: a family, then its roles. */
const rd_role *rd_model_next(const rd_model *m, const rd_role *r)
{
    if (!r)
        return rd_model_first(m);
    if (r->first_child)
        return r->first_child;
    while (r && !r->next)
        r = r->parent;
    return r ? r->next : NULL;
}

size_t rd_model_reason_count(const rd_model *m)
{
    return m ? m->nreasons : 0;
}

const char *rd_model_reason(const rd_model *m, size_t i, uint32_t *line)
{
    if (!m || i >= m->nreasons)
        return NULL;
    if (line)
        *line = m->reasons[i].line;
    return m->reasons[i].text;
}

/* ------------------------------------------------------------ roles */

int rd_role_is_family(const rd_role *r)
{
    return r->is_family;
}

const char *rd_role_title(const rd_role *r)
{
    return r->title;
}

const rd_node *rd_role_title_node(const rd_role *r)
{
    return r->node;
}

void rd_role_position(const rd_role *r, uint32_t *line, uint32_t *col)
{
    if (line)
        *line = r->line;
    if (col)
        *col = r->col;
}

void rd_role_title_position(const rd_role *r, uint32_t *line, uint32_t *col)
{
    if (line)
        *line = r->title_line;
    if (col)
        *col = r->title_col;
}

rd_title_gender rd_role_gender(const rd_role *r)
{
    return r->gender;
}

const char *rd_role_masculine(const rd_role *r)
{
    return r->masculine;
}

const char *rd_role_feminine(const rd_role *r)
{
    return r->feminine;
}

const rd_node *rd_role_illustration(const rd_role *r)
{
    return r->illustration;
}

const rd_role *rd_role_parent(const rd_role *r)
{
    return r->parent;
}

const rd_role *rd_role_first_child(const rd_role *r)
{
    return r->first_child;
}

const rd_role *rd_role_next(const rd_role *r)
{
    return r->next;
}

size_t rd_role_part_count(const rd_role *r, rd_part kind)
{
    return (unsigned)kind < RD_PART_COUNT ? r->parts[kind].n : 0;
}

const rd_role_part *rd_role_part_at(const rd_role *r, rd_part kind, size_t i)
{
    return i < rd_role_part_count(r, kind) ? r->parts[kind].items[i] : NULL;
}

size_t rd_role_action_count(const rd_role *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->parts[RD_PART_ACTIONS].n; i++)
        n += r->parts[RD_PART_ACTIONS].items[i]->nitems;
    return n;
}

/* ------------------------------------------------------------ parts */

rd_part rd_part_kind(const rd_role_part *p)
{
    return p->kind;
}

rd_part_via rd_part_found_via(const rd_role_part *p)
{
    return p->via;
}

const rd_node *rd_part_lead(const rd_role_part *p)
{
    return p->lead;
}

const rd_node *rd_part_first(const rd_role_part *p)
{
    return p->first;
}

const rd_node *rd_part_last(const rd_role_part *p)
{
    return p->last;
}

size_t rd_part_item_count(const rd_role_part *p)
{
    return p->nitems;
}

const rd_node *rd_part_item(const rd_role_part *p, size_t i)
{
    return i < p->nitems ? p->items[i] : NULL;
}
