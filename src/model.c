/* The role model: roles and role families extracted from the tree.
 *
 * Definitions (the design notes' "Role model", made precise):
 *
 *  - Headings are flat siblings in the tree. A heading's section is the
 *    siblings after it up to the next heading of the same or a higher level.
 *    A heading inside a block container (a hint, a step, a list item…) is a
 *    child of that container: its section ends with the container. Blocks
 *    inside containers belong to the section the container stands in, so
 *    labels and images may be anywhere a section reaches.
 *  - A section label is a heading, or a paragraph made only of strong text
 *    (blanks, entities such as &#x20; and line breaks allowed), whose text
 *    matches a label of the rule set (rd_ruleset_label_part: case, accents,
 *    surrounding blanks and a trailing colon do not count). A label heading
 *    opens and closes no section: it only starts a part.
 *  - A role is a heading section that directly holds section labels:
 *    between its heading and its first sub-heading.
 *  - A role part: the label, then the blocks after it (its siblings) up to
 *    the next label or heading. `items` counts the items of the lists that
 *    are blocks of the part, not of lists nested deeper. When a role has two
 *    labels of one part, the first counts.
 *  - Families: the page's first level-1 heading is the family of every role
 *    that no other family holds, as soon as the page has a role (a heading
 *    between them that holds no label, such as "Axes de mission des…" on the
 *    reference page, is not a family). Besides, a role whose section holds
 *    other roles is their family. A family is not counted as a role.
 *  - The illustration: the first image (Markdown or HTML, at any depth:
 *    inside figures or divs) between the heading and its first label or
 *    sub-heading.
 *  - The title: the heading's text without surrounding blanks and without
 *    leading numbering ("1. ", "2) "). When it is gendered and gives both
 *    forms, title analysis (titles.c) writes each form in full.
 */
#include "internal.h"
#include "titles.h"

#include <stdlib.h>
#include <string.h>

/* An open or closed heading section, as the walk finds them. */
typedef struct section section;
struct section {
    const rd_node *heading;
    const rd_node *container;    /* the heading's parent */
    section *up;                 /* the section it opened in */
    section *next;               /* page order */
    bool has_sub;                /* a sub-heading opened beside it: labels
                                    after it are not the heading's own (one
                                    inside a container ends with it) */
    bool has_label;
    const rd_node *labels[RD_PART_COUNT];
    const rd_node *image;
    section *family;             /* the role or family holding it */
    bool holds_roles;            /* it is a family */
    rd_role *role;
};

typedef struct {
    rd_model model;
    rd_arena arena;
} model_store;

typedef struct {
    const rd_ruleset *rules;
    rd_arena *arena;
    section *first, *last;       /* every section, page order */
    section **stack;             /* open sections, innermost last */
    size_t depth, cap;
    rd_buf text;                 /* scratch */
} extractor;

/* ------------------------------------------------------------ labels */

static bool is_blank_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;             /* no-break space, as &nbsp; or &#xa0; give */
            continue;
        }
        return false;
    }
    return true;
}

/* Whether a paragraph holds only strong text, blanks and breaks. */
static bool is_strong_only(const rd_node *para)
{
    bool strong = false;
    for (const rd_node *c = para->first_child; c; c = c->next) {
        switch (c->type) {
        case RD_NODE_STRONG:
            strong = true;
            break;
        case RD_NODE_TEXT:
        case RD_NODE_ENTITY:
            if (!is_blank_text(c->literal, c->literal_len))
                return false;
            break;
        case RD_NODE_SOFTBREAK:
        case RD_NODE_LINEBREAK:
            break;
        default:
            return false;
        }
    }
    return strong;
}

/* The part a heading or strong-only paragraph names, or -1. */
static int label_part(extractor *x, const rd_node *n)
{
    if (!x->rules)
        return -1;
    if (n->type != RD_NODE_HEADING
        && !(n->type == RD_NODE_PARAGRAPH && is_strong_only(n)))
        return -1;
    x->text.len = 0;
    rd_node_text(n, &x->text);
    return rd_ruleset_label_part(x->rules, x->text.data ? x->text.data : "");
}

/* ------------------------------------------------------------ the walk */

static section *innermost(const extractor *x)
{
    return x->depth ? x->stack[x->depth - 1] : NULL;
}

static void push(extractor *x, section *s)
{
    if (x->depth == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 16;
        x->stack = realloc(x->stack, x->cap * sizeof *x->stack);
    }
    x->stack[x->depth++] = s;
}

/* A heading ends the sections of its container at its level or deeper,
 * and opens its own inside what stays open. */
static void open_section(extractor *x, const rd_node *heading)
{
    while (x->depth) {
        const section *top = innermost(x);
        if (top->container != heading->parent || top->heading->level < heading->level)
            break;
        x->depth--;
    }
    section *s = rd_arena_alloc(x->arena, sizeof *s);
    s->heading = heading;
    s->container = heading->parent;
    s->up = innermost(x);
    if (s->up && s->up->container == s->container)
        s->up->has_sub = true;
    if (x->last)
        x->last->next = s;
    else
        x->first = s;
    x->last = s;
    push(x, s);
}

/* Sections opened inside a container end with it. */
static void close_container(extractor *x, const rd_node *container)
{
    while (x->depth && innermost(x)->container == container)
        x->depth--;
}

static void note_label(extractor *x, const rd_node *label, int part)
{
    section *s = innermost(x);
    if (!s || s->has_sub || s->labels[part])
        return;
    s->labels[part] = label;
    s->has_label = true;
}

static void note_image(extractor *x, const rd_node *image)
{
    section *s = innermost(x);
    if (s && !s->has_sub && !s->has_label && !s->image)
        s->image = image;
}

/* Visits a node entered by the walk; returns whether to skip its
 * children (headings and labels hold nothing the model needs). */
static bool visit(extractor *x, const rd_node *n)
{
    int part;
    switch (n->type) {
    case RD_NODE_HEADING:
        part = label_part(x, n);
        if (part >= 0)
            note_label(x, n, part);
        else
            open_section(x, n);
        return true;
    case RD_NODE_PARAGRAPH:
        part = label_part(x, n);
        if (part < 0)
            return false;
        note_label(x, n, part);
        return true;
    case RD_NODE_IMAGE:
        note_image(x, n);
        return true;
    default:
        return false;
    }
}

static void walk(extractor *x, rd_node *root)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_EXIT)
            close_container(x, n);
        else if (visit(x, n))
            rd_iter_skip_children(&it);
    }
}

/* ------------------------------------------------------------ families */

static section *nearest_role(section *s)
{
    for (section *u = s->up; u; u = u->up)
        if (u->has_label)
            return u;
    return NULL;
}

static section *first_level1(extractor *x)
{
    for (section *s = x->first; s; s = s->next)
        if (s->heading->level == 1)
            return s;
    return NULL;
}

/* Each role's family: the nearest role holding it, else the page's
 * level-1 heading (unless that heading itself stands inside a role, where
 * taking it as everyone's family would make a loop). */
static void assign_families(extractor *x)
{
    section *page = first_level1(x);
    if (page && nearest_role(page))
        page = NULL;
    for (section *s = x->first; s; s = s->next) {
        if (!s->has_label)
            continue;
        s->family = nearest_role(s);
        if (!s->family && page && s != page)
            s->family = page;
        if (s->family)
            s->family->holds_roles = true;
    }
}

/* ------------------------------------------------------------ roles */

static char *arena_text(extractor *x, const char *s, size_t n)
{
    return rd_arena_strndup(x->arena, s, n);
}

/* Drops blanks and no-break spaces (&#x20; and &nbsp; left by editors)
 * around s[0..*len). */
static void trim_blanks(const char **s, size_t *len)
{
    for (;;) {
        if (*len && is_blank_text(*s, 1)) {
            (*s)++;
            (*len)--;
        } else if (*len >= 2 && is_blank_text(*s, 2)) {
            *s += 2;
            *len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (*len && is_blank_text(*s + *len - 1, 1))
            (*len)--;
        else if (*len >= 2 && is_blank_text(*s + *len - 2, 2))
            *len -= 2;
        else
            break;
    }
}

/* The heading's text without blanks around it nor numbering. */
static const char *role_title(extractor *x, const rd_node *heading)
{
    x->text.len = 0;
    rd_node_text(heading, &x->text);
    const char *s = x->text.data ? x->text.data : "";
    size_t len = x->text.len;
    trim_blanks(&s, &len);
    char *title = arena_text(x, s, len);
    size_t skip = rd_title_numbering_len(title);
    return title + skip;
}

static void fill_part(extractor *x, rd_role_part *part, const rd_node *label)
{
    part->label = label;
    for (const rd_node *n = label->next; n; n = n->next) {
        if (n->type == RD_NODE_HEADING || label_part(x, n) >= 0)
            break;
        if (!part->first)
            part->first = n;
        part->last = n;
        if (n->type != RD_NODE_LIST)
            continue;
        for (const rd_node *item = n->first_child; item; item = item->next)
            part->items += item->type == RD_NODE_ITEM;
    }
}

static void fill_forms(extractor *x, rd_role *role, const rd_lexicon *lex)
{
    rd_title_info info;
    rd_title_analyse(lex, role->title, &info);
    if (info.complete) {
        role->title_masculine = arena_text(x, info.masculine, strlen(info.masculine));
        role->title_feminine = arena_text(x, info.feminine, strlen(info.feminine));
    }
    rd_title_info_free(&info);
}

static rd_role *make_role(extractor *x, section *s, const rd_lexicon *lex)
{
    rd_role *role = rd_arena_alloc(x->arena, sizeof *role);
    role->heading = s->heading;
    role->title = role_title(x, s->heading);
    role->illustration = s->image;
    for (int p = 0; p < RD_PART_COUNT; p++)
        if (s->labels[p])
            fill_part(x, &role->parts[p], s->labels[p]);
    fill_forms(x, role, lex);
    return role;
}

static void append_child(rd_role *parent, rd_role *child)
{
    rd_role **link = &parent->first_child;
    while (*link)
        link = &(*link)->next;
    *link = child;
    child->parent = parent;
}

static void append_top(rd_model *model, rd_role **tail, rd_role *role)
{
    if (*tail)
        (*tail)->next = role;
    else
        model->first = role;
    *tail = role;
}

/* Makes a role of every role and family, then links them in page order. */
static void build_roles(extractor *x, rd_model *model)
{
    rd_lexicon *own;
    const rd_lexicon *lex = rd_ruleset_lexicon(x->rules, &own);
    for (section *s = x->first; s; s = s->next) {
        if (!s->holds_roles && !s->has_label)
            continue;
        s->role = make_role(x, s, lex);
        s->role->is_family = s->holds_roles;
        if (s->holds_roles)
            model->nfamilies++;
        else
            model->nroles++;
    }
    rd_lexicon_free(own);
    rd_role *tail = NULL;
    for (section *s = x->first; s; s = s->next) {
        if (!s->role)
            continue;
        if (s->family)
            append_child(s->family->role, s->role);
        else
            append_top(model, &tail, s->role);
    }
    model->is_role_page = model->nroles > 0;
}

rd_model *rd_model_extract(const rd_doc *doc, const rd_ruleset *rules)
{
    model_store *store = calloc(1, sizeof *store);
    if (!store)
        return NULL;
    rd_arena_init(&store->arena);
    store->model.priv = store;
    extractor x = { .rules = rules, .arena = &store->arena };
    rd_buf_init(&x.text);
    rd_node *root = doc ? rd_doc_root(doc) : NULL;
    if (root) {
        walk(&x, root);
        assign_families(&x);
        build_roles(&x, &store->model);
    }
    free(x.stack);
    rd_buf_free(&x.text);
    return &store->model;
}

void rd_model_free(rd_model *model)
{
    if (!model)
        return;
    model_store *store = model->priv;
    rd_arena_free(&store->arena);
    free(store);
}
