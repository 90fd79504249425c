/* The catalogue of `roledoc roles`: every role and family of a space, with
 * what the role model says of each and the findings against it, gathered
 * page after page (catalogue.c) and written as JSON, CSV or HTML
 * (catalogue_write.c). */
#ifndef RD_CATALOGUE_H
#define RD_CATALOGUE_H

#include "internal.h"

typedef struct {
    char *rule, *message;
    rd_severity severity;
    uint32_t line, col;
} rd_cat_finding;

/* One role or family, with copies of everything it says. */
typedef struct {
    size_t page;             /* index in rd_catalogue.pages */
    bool family;
    uint32_t line, col;
    char *title, *masculine, *feminine;   /* masculine, feminine: or NULL */
    rd_title_gender gender;
    char *family_title;      /* the family holding it, or NULL */
    char *mission;           /* its first sentence, or NULL */
    rd_part_via mission_via;
    size_t actions, action_lists, limits;
    long objectives;         /* items, -1 when it has none */
    rd_cat_finding *findings;
    size_t nfindings;
} rd_cat_entry;

typedef struct {
    char *path;
    rd_decision decision;
    size_t roles, families;
} rd_cat_page;

struct rd_catalogue {
    rd_cat_page *pages;
    size_t npages, pages_cap;
    rd_cat_entry *entries;
    size_t nentries, entries_cap;
};

int rd_catalogue_write_json(const rd_catalogue *c, rd_buf *out);
int rd_catalogue_write_csv(const rd_catalogue *c, rd_buf *out);
int rd_catalogue_write_html(const rd_catalogue *c, rd_buf *out);

#endif
