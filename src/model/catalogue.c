/* The catalogue of a space's roles, gathered page after page (see
 * catalogue.h). Pages are freed as soon as they are added: the catalogue
 * keeps copies. */
#include "catalogue.h"
#include "roles_data.h"

#include <stdlib.h>
#include <string.h>

static char *copy(const char *s)
{
    if (!s)
        return NULL;
    char *c = rd_xstrdup(s);
    return c;
}

rd_catalogue *rd_catalogue_new(void)
{
    rd_catalogue *c = rd_xcalloc(1, sizeof *c);
    return c;
}

static void free_entry(rd_cat_entry *e)
{
    free(e->title);
    free(e->masculine);
    free(e->feminine);
    free(e->family_title);
    free(e->mission);
    for (size_t i = 0; i < e->nfindings; i++) {
        free(e->findings[i].rule);
        free(e->findings[i].message);
    }
    free(e->findings);
}

void rd_catalogue_free(rd_catalogue *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nentries; i++)
        free_entry(&c->entries[i]);
    for (size_t i = 0; i < c->npages; i++)
        free(c->pages[i].path);
    free(c->entries);
    free(c->pages);
    free(c);
}

/* The findings at the role's title line: those against it. */
static void add_findings(rd_cat_entry *e, const rd_diag_list *found)
{
    for (size_t i = 0; found && i < found->len; i++) {
        const rd_diag *d = &found->items[i];
        if (d->line != e->line)
            continue;
        e->findings = rd_xrealloc(e->findings, (e->nfindings + 1) * sizeof *e->findings);
        e->findings[e->nfindings++] = (rd_cat_finding){
            copy(d->rule), copy(d->message), d->severity, d->line, d->col };
    }
}

static void describe(rd_cat_entry *e, const rd_role *r)
{
    e->family = rd_role_is_family(r);
    rd_role_position(r, &e->line, &e->col);
    e->title = copy(rd_role_title(r));
    e->masculine = copy(rd_role_masculine(r));
    e->feminine = copy(rd_role_feminine(r));
    e->gender = rd_role_gender(r);
    e->family_title = rd_role_parent(r) ? copy(rd_role_title(rd_role_parent(r))) : NULL;
    const rd_role_part *mission = rd_role_part_at(r, RD_PART_MISSION, 0);
    if (mission) {
        e->mission = rd_roles_first_sentence(mission);
        e->mission_via = rd_part_found_via(mission);
    }
    e->actions = rd_role_action_count(r);
    e->action_lists = rd_role_part_count(r, RD_PART_ACTIONS);
    for (size_t i = 0; i < rd_role_part_count(r, RD_PART_LIMITS); i++)
        e->limits += rd_part_item_count(rd_role_part_at(r, RD_PART_LIMITS, i));
    const rd_role_part *objectives = rd_role_part_at(r, RD_PART_OBJECTIVES, 0);
    e->objectives = objectives ? (long)rd_part_item_count(objectives) : -1;
}

void rd_catalogue_add_page(rd_catalogue *c, const char *page, const rd_model *model,
                           const rd_diag_list *findings)
{
    rd_array_reserve(&c->pages, &c->pages_cap, c->npages + 1, sizeof *c->pages);
    c->pages[c->npages] = (rd_cat_page){
        copy(page ? page : "-"), rd_model_decision(model),
        rd_model_role_count(model), rd_model_family_count(model) };
    for (const rd_role *r = NULL; (r = rd_model_next(model, r)); ) {
        rd_array_reserve(&c->entries, &c->entries_cap, c->nentries + 1, sizeof *c->entries);
        rd_cat_entry *e = &c->entries[c->nentries++];
        memset(e, 0, sizeof *e);
        e->page = c->npages;
        describe(e, r);
        add_findings(e, findings);
    }
    c->npages++;
}

int rd_catalogue_write(const rd_catalogue *c, const char *format, rd_buf *out)
{
    if (!format || strcmp(format, "json") == 0)
        return rd_catalogue_write_json(c, out);
    if (strcmp(format, "csv") == 0)
        return rd_catalogue_write_csv(c, out);
    if (strcmp(format, "html") == 0)
        return rd_catalogue_write_html(c, out);
    return -1;
}
