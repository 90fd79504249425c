/* The parts of a role in its region (docs/roles.md, "Parts"): labelled
 * parts, lead-in lists, and the opening text as the mission when no label
 * gives one. */
#include "model_int.h"

#include <stdlib.h>
#include <string.h>

/* Words of a block read for lead-ins, phrases and job nouns: a block's
 * first sentences say what it is about. */
#define OPENING_WORDS 60
/* Short paragraphs standing for items: one sentence of at most this many
 * words. */
#define ITEM_WORDS 25

static const rd_blk *blk(const rd_finder *f, size_t i)
{
    return &f->blks->items[i];
}

/* The hole of the region that starts at i, or NULL (holes are in page
 * order). */
static const size_t *hole_at(const rd_region *r, size_t i)
{
    size_t lo = 0, hi = r->nholes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->holes[mid][0] == i)
            return r->holes[mid];
        if (r->holes[mid][0] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The next block of the region after i, past the holes. */
static size_t next_in(const rd_region *r, size_t i)
{
    i++;
    for (const size_t *h; i < r->to && (h = hole_at(r, i)); )
        i = h[1];
    return i;
}

static size_t first_in(const rd_region *r)
{
    const size_t *h = hole_at(r, r->from);
    return h ? next_in(r, h[1] - 1) : r->from;
}

/* ------------------------------------------------------------ text */

/* The visible text of a node, blanks trimmed, into f->text. */
static void node_text(rd_finder *f, const rd_node *n)
{
    f->text.len = 0;
    rd_node_text(n, &f->text);
    if (!f->text.data)
        rd_buf_puts(&f->text, "");
    while (f->text.len && strchr(" \t\r\n", f->text.data[f->text.len - 1]))
        f->text.len--;
    while (f->text.len >= 2 && (unsigned char)f->text.data[f->text.len - 2] == 0xC2 &&
           (unsigned char)f->text.data[f->text.len - 1] == 0xA0)
        f->text.len -= 2;
    f->text.data[f->text.len] = '\0';
}

/* Words of s into f->only (marks dropped). */
static void words_of(rd_finder *f, const char *s, size_t n)
{
    rd_words_split(&f->words, s, n);
    rd_words_only(&f->only, &f->words);
}

/* Whether a paragraph has words of its own, outside links and images: a
 * part made only of links, images or embeds says nothing. */
static bool has_own_words(const rd_node *n)
{
    rd_iter it;
    rd_node *c;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)n);
    while ((ev = rd_iter_step(&it, &c)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        if (c->type == RD_NODE_LINK || c->type == RD_NODE_IMAGE) {
            rd_iter_skip_children(&it);
            continue;
        }
        if (c->type != RD_NODE_TEXT && c->type != RD_NODE_CODE)
            continue;
        for (size_t i = 0; i < c->literal_len; i++)
            if ((unsigned char)c->literal[i] > ' ' && !strchr(".,;:!?()-*_", c->literal[i]))
                return true;
    }
    return false;
}

/* ------------------------------------------------------------ lead-ins */

static bool phrase_anywhere(const rd_words *w, const rd_phrase *p)
{
    for (size_t i = 0; i + p->n <= w->n; i++)
        if (rd_phrase_at(w, i, p))
            return true;
    return false;
}

/* The start of the last sentence of s[0..n). */
static size_t last_sentence(const char *s, size_t n)
{
    for (size_t i = n; i > 1; i--)
        if (s[i - 1] == ' ' && strchr(".!?", s[i - 2]))
            return i;
    return 0;
}

/* The lead-in phrase of paragraph i, when it is one: followed by a list,
 * its last sentence ending with a colon, holding a lead-in and no word of
 * a label that is no part ("compétences", "outils"). */
static const rd_phrase *lead_in_of(rd_finder *f, size_t i)
{
    const rd_node *p = blk(f, i)->node;
    if (blk(f, i)->kind != RD_BLK_PARAGRAPH || !p->next || p->next->type != RD_NODE_LIST)
        return NULL;
    node_text(f, p);
    if (!f->text.len || f->text.data[f->text.len - 1] != ':')
        return NULL;
    size_t start = last_sentence(f->text.data, f->text.len);
    words_of(f, f->text.data + start, f->text.len - start);
    for (size_t w = 0; w < f->only.n; w++)
        if (rd_vocab_word(f->vocab, rd_words_key(&f->only, w)) & RD_W_NOT_ACTION)
            return NULL;
    for (size_t k = 0; k < f->vocab->lead_ins.n; k++) {
        const rd_phrase *lead = &f->vocab->lead_ins.items[k];
        if (lead->at_end ? f->only.n >= lead->n &&
                           rd_phrase_at(&f->only, f->only.n - lead->n, lead)
                         : phrase_anywhere(&f->only, lead))
            return lead;
    }
    return NULL;
}

/* ------------------------------------------------------------ extents */

/* Whether block b ends a part opened by label lab. */
static bool ends_part(const rd_blk *lab, const rd_blk *b)
{
    const rd_node *container = lab->node->parent;
    if (!rd_node_within(b->node, container) || b->label != RD_NO_LABEL)
        return true;
    if (b->kind == RD_BLK_HEADING)
        return lab->kind == RD_BLK_STRONG || b->title != RD_TITLE_NONE ||
               (b->node->parent == container && b->level <= lab->level);
    return b->kind == RD_BLK_STRONG;     /* a role title or a family-level one */
}

static size_t part_end(rd_finder *f, const rd_region *r, size_t j)
{
    for (size_t k = j + 1; k < r->to; k++)
        if (hole_at(r, k) || ends_part(blk(f, j), blk(f, k)))
            return k;
    return r->to;
}

size_t rd_region_end(rd_finder *f, size_t i, size_t limit)
{
    const rd_blk *open = blk(f, i);
    const rd_node *container = open->node->parent;
    bool seen_part = false;
    for (size_t j = i + 1; j < limit; j++) {
        const rd_blk *b = blk(f, j);
        if (!rd_node_within(b->node, container))
            return j;
        if (b->kind == RD_BLK_HEADING &&
            (open->kind == RD_BLK_STRONG ||
             (b->node->parent == container && b->level <= open->level)))
            return j;
        if (open->kind == RD_BLK_STRONG && b->kind == RD_BLK_STRONG &&
            b->title != RD_TITLE_NONE)
            return j;
        if (rd_blk_is_family_level(b) && seen_part)
            return j;
        if (b->label >= 0 || lead_in_of(f, j))
            seen_part = true;
    }
    return limit;
}

/* ------------------------------------------------------------ parts */

static rd_role_part *new_part(rd_finder *f, rd_part kind, rd_part_via via,
                              const rd_node *lead)
{
    rd_role_part *p = rd_arena_alloc(&f->model->arena, sizeof *p);
    p->kind = kind;
    p->via = via;
    p->lead = lead;
    return p;
}

static void add_items(rd_finder *f, rd_role_part *p, const rd_node *list)
{
    size_t n = p->nitems;
    for (const rd_node *c = list->first_child; c; c = c->next)
        n += c->type == RD_NODE_ITEM;
    const rd_node **items = rd_arena_alloc(&f->model->arena, (n ? n : 1) * sizeof *items);
    if (p->nitems)
        memcpy(items, p->items, p->nitems * sizeof *items);
    for (const rd_node *c = list->first_child; c; c = c->next)
        if (c->type == RD_NODE_ITEM)
            items[p->nitems++] = c;
    p->items = items;
}

/* A short paragraph naming one activity: one sentence, few words. */
static bool is_short_item(rd_finder *f, const rd_node *n)
{
    node_text(f, n);
    if (!f->text.len || last_sentence(f->text.data, f->text.len) != 0)
        return false;
    words_of(f, f->text.data, f->text.len);
    return f->only.n > 0 && f->only.n <= ITEM_WORDS;
}

/* Items of a list-less actions or limits part: its paragraphs, when there
 * are two or more and each is short. */
static void add_paragraph_items(rd_finder *f, rd_role_part *p, size_t j, size_t end)
{
    size_t n = 0;
    for (size_t k = j + 1; k < end; k++) {
        if (blk(f, k)->kind != RD_BLK_PARAGRAPH)
            continue;
        if (!is_short_item(f, blk(f, k)->node))
            return;
        n++;
    }
    if (n < 2)
        return;
    p->items = rd_arena_alloc(&f->model->arena, n * sizeof *p->items);
    for (size_t k = j + 1; k < end; k++)
        if (blk(f, k)->kind == RD_BLK_PARAGRAPH)
            p->items[p->nitems++] = blk(f, k)->node;
}

/* The part's first and last sibling blocks after its label, up to the
 * block that ends it. */
static void set_extent(rd_role_part *p, const rd_node *label, const rd_node *end)
{
    const rd_node *n = label->next;
    if (!n || n == end || (end && rd_node_within(end, n)))
        return;
    p->first = p->last = n;
    while (p->last->next && p->last->next != end &&
           !(end && rd_node_within(end, p->last->next)))
        p->last = p->last->next;
}

static rd_role_part *labelled_part(rd_finder *f, const rd_region *r, size_t j,
                                   size_t *end)
{
    const rd_blk *lab = blk(f, j);
    rd_role_part *p = new_part(f, (rd_part)lab->label, RD_VIA_LABEL, lab->node);
    *end = part_end(f, r, j);
    set_extent(p, lab->node, *end < f->blks->n ? blk(f, *end)->node : NULL);
    for (size_t k = j + 1; k < *end; k++)
        if (blk(f, k)->kind == RD_BLK_LIST)
            add_items(f, p, blk(f, k)->node);
    if (!p->nitems && (p->kind == RD_PART_ACTIONS || p->kind == RD_PART_LIMITS))
        add_paragraph_items(f, p, j, *end);
    return p;
}

/* Whether a labelled part says something: text of its own or a list. */
static bool part_has_text(rd_finder *f, size_t j, size_t end)
{
    for (size_t k = j + 1; k < end; k++) {
        const rd_blk *b = blk(f, k);
        if (b->kind == RD_BLK_LIST)
            return true;
        if ((b->kind == RD_BLK_PARAGRAPH || b->kind == RD_BLK_STRONG) &&
            has_own_words(b->node))
            return true;
    }
    return false;
}

static void add_part(rd_finder *f, rd_role *role, rd_role_part *p)
{
    rd_part_list *l = &role->parts[p->kind];
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        rd_role_part **items = rd_arena_alloc(&f->model->arena, cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = p;
}

static void note_part(rd_finder *f, const rd_role_part *p, const char *how,
                      const char *what)
{
    char items[48] = "";
    if (p->kind == RD_PART_ACTIONS || p->kind == RD_PART_LIMITS ||
        p->kind == RD_PART_OBJECTIVES || p->kind == RD_PART_AXES)
        snprintf(items, sizeof items, ", %zu item%s", p->nitems,
                 p->nitems == 1 ? "" : "s");
    rd_model_note(f->model, p->lead->line, "%s: %s \"%s\"%s",
                  rd_part_name(p->kind), how, what, items);
}

/* One labelled part: kept when the role has none of its kind yet (for the
 * parts a role has one of) and, for a mission, when it says something. */
static void take_label(rd_finder *f, const rd_region *r, size_t j, rd_role *role,
                       size_t *end, bool note)
{
    const rd_blk *lab = blk(f, j);
    rd_role_part *p = labelled_part(f, r, j, end);
    bool single = p->kind != RD_PART_ACTIONS && p->kind != RD_PART_LIMITS;
    if (single && role->parts[p->kind].n)
        return;
    if (p->kind == RD_PART_MISSION && !part_has_text(f, j, *end)) {
        if (note)
            rd_model_note(f->model, lab->node->line, "mission: label \"%s\" "
                          "has nothing but images, embeds or links under it",
                          lab->label_phrase->text);
        return;
    }
    add_part(f, role, p);
    if (note)
        note_part(f, p, lab->label_phrase->match == RD_MATCH_EXACT ? "label" :
                  lab->label_phrase->match == RD_MATCH_START ? "label starting with" :
                  lab->label_phrase->match == RD_MATCH_QUESTION ? "question" :
                  "label holding", lab->label_phrase->text);
}

static void take_lead_in(rd_finder *f, size_t j, rd_role *role,
                         const rd_phrase *phrase, bool note)
{
    const rd_node *para = blk(f, j)->node;
    rd_role_part *p = new_part(f, RD_PART_ACTIONS, RD_VIA_LEAD_IN, para);
    p->first = p->last = para->next;
    add_items(f, p, para->next);
    add_part(f, role, p);
    if (note)
        note_part(f, p, "lead-in", phrase->text);
}

/* ------------------------------------------------------------ opening */

/* The opening block that says what the job is for: a hint or paragraph
 * before the region's first heading that names the role's job noun (any
 * job noun, for a discipline or a family) or holds a mission phrase. */
static void take_opening(rd_finder *f, const rd_region *r, rd_role *role, bool note)
{
    for (size_t j = first_in(r); j < r->to; j = next_in(r, j)) {
        const rd_blk *b = blk(f, j);
        if (b->kind == RD_BLK_HEADING)
            return;
        if (b->kind != RD_BLK_HINT && b->kind != RD_BLK_PARAGRAPH)
            continue;
        node_text(f, b->node);
        words_of(f, f->text.data, f->text.len);
        size_t at;
        const rd_phrase *phrase = rd_phrases_find(&f->vocab->missions, &f->only, &at);
        if (phrase && at >= OPENING_WORDS)
            phrase = NULL;
        bool named = r->title->kind == RD_TITLE_PERSON
            ? rd_title_named_in(r->title, &f->only, OPENING_WORDS)
            : rd_vocab_names_job(f->vocab, &f->only, OPENING_WORDS);
        if (!phrase && !named)
            continue;
        rd_role_part *p = new_part(f, RD_PART_MISSION, RD_VIA_OPENING, b->node);
        p->first = p->last = b->node;
        add_part(f, role, p);
        if (note)
            rd_model_note(f->model, b->node->line, "mission: opening %s %s",
                          b->kind == RD_BLK_HINT ? "hint" : "paragraph",
                          named ? "naming the job" : "with a mission phrase");
        return;
    }
}

size_t rd_find_parts(rd_finder *f, const rd_region *r, rd_role *role, bool note)
{
    size_t found = 0, ctx_end = 0;
    int ctx = RD_NO_LABEL;
    for (size_t j = first_in(r); j < r->to; j = next_in(r, j)) {
        const rd_blk *b = blk(f, j);
        if (j >= ctx_end)
            ctx = RD_NO_LABEL;
        if (b->label != RD_NO_LABEL) {
            size_t end = j + 1;
            if (b->label >= 0) {
                take_label(f, r, j, role, &end, note);
                found++;
            } else {
                end = part_end(f, r, j);
            }
            ctx = b->label;
            ctx_end = end;
            continue;
        }
        const rd_phrase *lead = lead_in_of(f, j);
        if (!lead || (ctx != RD_NO_LABEL && ctx != RD_PART_MISSION))
            continue;            /* in a list part already, or no action's */
        take_lead_in(f, j, role, lead, note);
        found++;
    }
    if (!role->parts[RD_PART_MISSION].n)
        take_opening(f, r, role, note);
    return found;
}
