/* What the role outputs (roles-xml, roles-json, the catalogue of `roledoc
 * roles`) say of a role beyond the model's accessors: texts with blanks
 * collapsed, a part's entries (items and other blocks), a title's level. */
#ifndef RD_ROLES_DATA_H
#define RD_ROLES_DATA_H

#include "roledoc.h"
#include "util/json.h"

#include <stdbool.h>

/* A node's visible text with blanks collapsed to single spaces (malloc'd). */
char *rd_roles_flat_text(const rd_node *n);

/* An image's alternative text: its alt, else its text. */
const char *rd_roles_image_alt(const rd_node *img, rd_buf *scratch);

/* The level of a role's title: its heading's, 0 for a bold paragraph or a
 * title from the front matter. */
int rd_roles_level(const rd_role *role);

/* The first sentence of a part's text (malloc'd; "" when it has none):
 * what a catalogue shows of a mission. */
char *rd_roles_first_sentence(const rd_role_part *part);

/* What a part holds, in page order: items (of its lists, or the short
 * paragraphs that stand for them) and the text of its other blocks. */
typedef struct {
    const rd_node *node;
    bool item;
    char *text;
} rd_part_entry;

typedef struct {
    rd_part_entry *v;
    size_t len, cap;
} rd_part_entries;

void rd_roles_part_entries(const rd_role_part *part, rd_part_entries *e);
void rd_roles_free_entries(rd_part_entries *e);

/* The role model of a page as the roles-json document (caller decrefs). */
json_t *rd_roles_json_model(const rd_doc *doc, const rd_model *model);

#endif
