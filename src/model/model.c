/* The role model of a page: is it a role page, which families and roles
 * does it hold (docs/roles.md, "Is the page a role page?").
 *
 * The page is read as blocks (blocks.c). Headings and bold paragraphs
 * below the page title that are role titles are candidates; each opens a
 * region (parts.c), candidates inside another's region are held by it. A
 * candidate whose region, less its held roles' regions, holds a labelled
 * part or a lead-in list is a sub-role; one that holds sub-roles is their
 * family. Then the page decides: sub-roles make a family page, else the
 * page title is the one role when the page describes the job. */
#include "model_int.h"
#include "titles.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A candidate sub-role: a block, its region, the candidate holding it. */
typedef struct {
    size_t blk, end;
    int up;                  /* index of the holding candidate, or -1 */
    int first_child, last_child, next;   /* candidates it holds, -1 ends */
    bool qualified;
    size_t labelled_kinds;   /* kinds of labelled parts of its own */
    rd_title_read title;
    size_t (*holes)[2];
    size_t nholes;
} candidate;

typedef struct {
    rd_finder f;
    const rd_lexicon *lex;
    const rd_doc *doc;
    size_t title_blk;        /* the page title's block, or blks.n */
    rd_title_read title;
    const char *title_text;
    candidate *c;
    size_t nc, cap;
    int first_top, last_top;     /* candidates the page holds */
} extraction;

/* ------------------------------------------------------------ reasons */

void rd_model_note(rd_model *m, uint32_t line, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof text ? (size_t)n : sizeof text - 1;
    text[rd_utf8_cut(text, len)] = '\0';
    if (m->nreasons == m->reasons_cap) {
        m->reasons_cap = m->reasons_cap ? 2 * m->reasons_cap : 16;
        m->reasons = rd_xrealloc(m->reasons, m->reasons_cap * sizeof *m->reasons);
    }
    m->reasons[m->nreasons++] = (rd_reason){
        rd_arena_strndup(&m->arena, text, strlen(text)), line };
}

static const rd_blk *blk_at(const extraction *x, size_t i)
{
    return &x->f.blks->items[i];
}

static uint32_t blk_line(const extraction *x, size_t i)
{
    return i < x->f.blks->n ? blk_at(x, i)->node->line : 0;
}

/* ------------------------------------------------------------ roles */

static rd_title_gender gender_of(const rd_lexicon *lex, const char *title,
                                 const char **m, const char **f, rd_arena *a)
{
    rd_title_info info;
    rd_title_analyse(lex, title, &info);
    rd_title_gender g = !info.gendered ? RD_TITLE_EPICENE
                      : info.complete ? RD_TITLE_BOTH : RD_TITLE_ONE;
    if (info.complete && info.masculine && info.feminine) {
        *m = rd_arena_strndup(a, info.masculine, strlen(info.masculine));
        *f = rd_arena_strndup(a, info.feminine, strlen(info.feminine));
    }
    rd_title_info_free(&info);
    return g;
}

/* Where the title's first character is: the first text inside its node,
 * after what the title left out (blanks, numbering, emoji). */
static void title_position(rd_role *r, size_t skipped)
{
    const rd_node *t = r->node;
    while (t && t->first_child && t->type != RD_NODE_TEXT)
        t = t->first_child;
    r->title_line = t ? t->line : r->line;
    r->title_col = t ? t->col : r->col;
    if (!t || t->type != RD_NODE_TEXT || skipped > t->literal_len)
        return;
    for (size_t i = 0; i < skipped; i++)
        r->title_col += ((unsigned char)t->literal[i] & 0xC0) != 0x80;
}

static rd_role *new_role(extraction *x, const rd_node *node, const char *title)
{
    rd_model *m = x->f.model;
    rd_role *r = rd_arena_alloc(&m->arena, sizeof *r);
    r->node = node;
    size_t skipped = 0;
    if (node) {
        skipped = rd_blk_title_text(node, &x->f.text);
        title = x->f.text.data;
        r->line = node->line;
        r->col = node->col;
    }
    r->title = rd_arena_strndup(&m->arena, title, strlen(title));
    if (node)
        title_position(r, skipped);
    r->gender = gender_of(x->lex, r->title, &r->masculine, &r->feminine, &m->arena);
    return r;
}

static void adopt(rd_model *m, rd_role *parent, rd_role *child)
{
    child->parent = parent;
    rd_role **first = parent ? &parent->first_child : &m->first;
    rd_role **last = parent ? &parent->last_child : &m->last;
    if (*first)
        (*last)->next = child;
    else
        *first = child;
    *last = child;
}

/* The first image between a role's title and its first part. */
static void find_illustration(extraction *x, rd_role *r, size_t from, size_t to)
{
    const rd_node *stop = NULL;
    for (int k = 0; k < RD_PART_COUNT; k++)
        for (size_t i = 0; i < r->parts[k].n; i++) {
            const rd_node *lead = r->parts[k].items[i]->lead;
            if (!stop || lead->offset < stop->offset)
                stop = lead;
        }
    for (size_t i = from; i < to; i++) {
        const rd_blk *b = blk_at(x, i);
        if (stop && b->node->offset >= stop->offset)
            return;
        const rd_node *img = b->kind == RD_BLK_IMAGE ? b->node : b->image;
        if (img) {
            r->illustration = img;
            return;
        }
    }
}

/* ------------------------------------------------------------ candidates */

static bool is_candidate(const extraction *x, size_t i)
{
    const rd_blk *b = blk_at(x, i);
    return i != x->title_blk && (b->kind == RD_BLK_HEADING || b->kind == RD_BLK_STRONG) &&
           b->label == RD_NO_LABEL &&
           (b->title == RD_TITLE_PERSON || b->title == RD_TITLE_DISCIPLINE);
}

/* Links candidate k under its holder (the page for -1). */
static void link_candidate(extraction *x, int k)
{
    int up = x->c[k].up;
    int *first = up >= 0 ? &x->c[up].first_child : &x->first_top;
    int *last = up >= 0 ? &x->c[up].last_child : &x->last_top;
    if (*first >= 0)
        x->c[*last].next = k;
    else
        *first = k;
    *last = k;
}

static void add_candidate(extraction *x, size_t i, int *stack, size_t *depth)
{
    candidate c = { .blk = i, .up = -1, .first_child = -1, .last_child = -1,
                    .next = -1 };
    while (*depth && i >= x->c[stack[*depth - 1]].end)
        (*depth)--;
    if (*depth)
        c.up = stack[*depth - 1];
    size_t limit = c.up >= 0 ? x->c[c.up].end : x->f.blks->n;
    c.end = rd_region_end(&x->f, i, limit);
    rd_blk_title_text(blk_at(x, i)->node, &x->f.text);
    rd_title_read_text(x->f.vocab, x->f.text.data, &c.title);
    if (x->nc == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 16;
        x->c = rd_xrealloc(x->c, x->cap * sizeof *x->c);
    }
    x->c[x->nc] = c;
    link_candidate(x, (int)x->nc);
    stack[(*depth)++] = (int)x->nc++;
}

static void find_candidates(extraction *x)
{
    size_t n = x->f.blks->n;
    int *stack = rd_xmalloc((n ? n : 1) * sizeof *stack);
    size_t depth = 0;
    size_t from = x->title_blk < n ? x->title_blk + 1 : 0;
    for (size_t i = from; i < n; i++)
        if (is_candidate(x, i))
            add_candidate(x, i, stack, &depth);
    free(stack);
}

/* The regions of the qualified candidates that c holds directly. */
static void set_holes(extraction *x, candidate *c)
{
    for (int k = c->first_child; k >= 0; k = x->c[k].next) {
        candidate *d = &x->c[k];
        if (!d->qualified)
            continue;
        c->holes = rd_xrealloc(c->holes, (c->nholes + 1) * sizeof *c->holes);
        c->holes[c->nholes][0] = d->blk;
        c->holes[c->nholes][1] = d->end;
        c->nholes++;
    }
}

static size_t kinds_of(const rd_role *r)
{
    size_t kinds = 0;
    for (int k = 0; k < RD_PART_COUNT; k++)
        for (size_t i = 0; i < r->parts[k].n; i++)
            if (r->parts[k].items[i]->via == RD_VIA_LABEL) {
                kinds++;
                break;
            }
    return kinds;
}

/* Qualifies candidates from the innermost out: own evidence, or roles held. */
static void qualify(extraction *x)
{
    for (size_t k = x->nc; k-- > 0; ) {
        candidate *c = &x->c[k];
        set_holes(x, c);
        rd_region r = { c->blk + 1, c->end, (const size_t (*)[2])c->holes,
                        c->nholes, &c->title };
        rd_role scratch = { 0 };
        size_t found = rd_find_parts(&x->f, &r, &scratch, false);
        c->labelled_kinds = kinds_of(&scratch);
        c->qualified = found > 0 || c->nholes > 0;
    }
}

/* ------------------------------------------------------------ building */

static void build_role(extraction *x, int k, rd_role *parent);

/* The roles held by candidate `up` (-1: the page), in page order. */
static void build_children(extraction *x, int up, rd_role *parent)
{
    int first = up >= 0 ? x->c[up].first_child : x->first_top;
    for (int k = first; k >= 0; k = x->c[k].next)
        if (x->c[k].qualified)
            build_role(x, k, parent);
}

static void count_role(rd_model *m, rd_role *r)
{
    if (r->is_family)
        m->nfamilies++;
    else
        m->nroles++;
}

static void build_role(extraction *x, int k, rd_role *parent)
{
    candidate *c = &x->c[k];
    rd_model *m = x->f.model;
    rd_role *r = new_role(x, blk_at(x, c->blk)->node, NULL);
    r->is_family = c->nholes > 0;
    rd_model_note(m, r->line, "%s \"%s\": a role title (%s) with parts of its own%s",
                  r->is_family ? "family" : "role", r->title,
                  c->title.kind == RD_TITLE_DISCIPLINE ? "a discipline" : "a job noun",
                  r->is_family ? " and roles under it" : "");
    rd_region reg = { c->blk + 1, c->end, (const size_t (*)[2])c->holes,
                      c->nholes, &c->title };
    rd_find_parts(&x->f, &reg, r, true);
    find_illustration(x, r, c->blk + 1, c->end);
    adopt(m, parent, r);
    count_role(m, r);
    build_children(x, k, r);
}

/* The regions of the page's own sub-roles. */
static size_t top_holes(extraction *x, size_t (**holes)[2])
{
    size_t n = 0;
    *holes = NULL;
    for (int k = x->first_top; k >= 0; k = x->c[k].next) {
        if (!x->c[k].qualified)
            continue;
        *holes = rd_xrealloc(*holes, (n + 1) * sizeof **holes);
        (*holes)[n][0] = x->c[k].blk;
        (*holes)[n][1] = x->c[k].end;
        n++;
    }
    return n;
}

static rd_role *page_role(extraction *x)
{
    const rd_node *node = x->title_blk < x->f.blks->n
                        ? blk_at(x, x->title_blk)->node : NULL;
    return new_role(x, node, x->title_text ? x->title_text : "");
}

static rd_region page_region(extraction *x, const size_t (*holes)[2], size_t n)
{
    size_t from = x->title_blk < x->f.blks->n ? x->title_blk + 1 : 0;
    return (rd_region){ from, x->f.blks->n, holes, n, &x->title };
}

static void build_family_page(extraction *x, bool titled)
{
    rd_model *m = x->f.model;
    size_t (*holes)[2];
    size_t n = top_holes(x, &holes);
    rd_role *family = NULL;
    if (titled) {
        family = page_role(x);
        family->is_family = true;
        rd_region r = page_region(x, (const size_t (*)[2])holes, n);
        rd_find_parts(&x->f, &r, family, true);
        find_illustration(x, family, r.from, r.to);
        adopt(m, NULL, family);
        count_role(m, family);
    }
    build_children(x, -1, family);
    free(holes);
}

/* A one-role page: the page title, when the page describes the job. */
static bool build_one_role(extraction *x, bool declared)
{
    rd_model *m = x->f.model;
    rd_role *r = page_role(x);
    rd_region reg = page_region(x, NULL, 0);
    rd_find_parts(&x->f, &reg, r, true);
    bool described = r->parts[RD_PART_MISSION].n || r->parts[RD_PART_ACTIONS].n;
    if (!described && !declared) {
        rd_model_note(m, r->line, "the page does not describe the job: no "
                      "mission and no action list found");
        return false;
    }
    find_illustration(x, r, reg.from, reg.to);
    adopt(m, NULL, r);
    count_role(m, r);
    return true;
}

/* ------------------------------------------------------------ decision */

static bool every_role_labelled_twice(const extraction *x)
{
    for (int k = x->first_top; k >= 0; k = x->c[k].next)
        if (x->c[k].qualified && x->c[k].labelled_kinds < 2)
            return false;
    return true;
}

static size_t top_subroles(const extraction *x)
{
    size_t n = 0;
    for (int k = x->first_top; k >= 0; k = x->c[k].next)
        n += x->c[k].qualified;
    return n;
}

static void note_title(extraction *x)
{
    rd_model *m = x->f.model;
    uint32_t line = blk_line(x, x->title_blk);
    if (!x->title_text) {
        rd_model_note(m, 0, "the page has no title (no level-1 heading, no "
                      "front matter title)");
        return;
    }
    static const char *const kinds[] = {
        [RD_TITLE_PERSON] = "a role title: it names a job",
        [RD_TITLE_DISCIPLINE] = "a role title: it names a discipline",
        [RD_TITLE_FAMILY] = "a family title",
    };
    if (x->title.kind == RD_TITLE_NONE)
        rd_model_note(m, line, "page title \"%s\": not a role title: %s",
                      x->title_text, x->title.why);
    else
        rd_model_note(m, line, "page title \"%s\": %s", x->title_text,
                      kinds[x->title.kind]);
}

static void decide(extraction *x, bool declared)
{
    rd_model *m = x->f.model;
    bool titled = x->title_text != NULL;
    bool title_ok = titled && (x->title.kind != RD_TITLE_NONE || declared);
    size_t subroles = top_subroles(x);
    if (subroles && (title_ok || every_role_labelled_twice(x))) {
        build_family_page(x, titled);
        rd_model_note(m, 0, "%s: %zu role%s under %s", "a family page", subroles,
                      subroles == 1 ? "" : "s",
                      title_ok ? "the page title" : "sub-headings with two labelled parts each");
    } else if (subroles) {
        rd_model_note(m, 0, "role titles below the page title, but the page "
                      "title is no family title and not every role has two labelled parts");
    }
    if (!subroles && title_ok && x->title.kind != RD_TITLE_FAMILY)
        if (build_one_role(x, declared))
            rd_model_note(m, 0, "one role: the page title");
    if (m->nroles || m->nfamilies)
        m->decision = declared ? RD_DECISION_DECLARED : RD_DECISION_DETECTED;
    else
        m->decision = declared ? RD_DECISION_DECLARED : RD_DECISION_NOT_DETECTED;
    if (!m->nroles)
        rd_model_note(m, 0, "not a role page%s", declared ? ", although declared one" : "");
}

/* ------------------------------------------------------------ entry */

/* Front matter role-page: true|false wins over the configuration. */
static rd_role_page_override front_matter(const rd_doc *doc, rd_role_page_override o,
                                          rd_model *m)
{
    const char *v = doc ? rd_doc_meta_get(doc, "role-page") : NULL;
    if (!v)
        return o;
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0) {
        rd_model_note(m, 0, "front matter: role-page: %s", v);
        return RD_ROLE_PAGE_DECLARED;
    }
    if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0) {
        rd_model_note(m, 0, "front matter: role-page: %s", v);
        return RD_ROLE_PAGE_OPTED_OUT;
    }
    rd_model_note(m, 0, "front matter: role-page: \"%s\" is neither true nor false", v);
    return o;
}

static void find_title(extraction *x)
{
    x->title_blk = x->f.blks->n;
    for (size_t i = 0; i < x->f.blks->n; i++)
        if (blk_at(x, i)->kind == RD_BLK_HEADING && blk_at(x, i)->level == 1) {
            x->title_blk = i;
            break;
        }
    if (x->title_blk < x->f.blks->n) {
        rd_blk_title_text(blk_at(x, x->title_blk)->node, &x->f.text);
        x->title_text = rd_arena_strndup(&x->f.model->arena, x->f.text.data,
                                         x->f.text.len);
    } else {
        x->title_text = x->doc ? rd_doc_meta_get(x->doc, "title") : NULL;
    }
    if (x->title_text)
        rd_title_read_text(x->f.vocab, x->title_text, &x->title);
}

static void extract(extraction *x, rd_role_page_override override)
{
    rd_blks blks;
    rd_blks_read(&blks, x->doc ? rd_doc_root(x->doc) : NULL, x->f.vocab);
    x->f.blks = &blks;
    find_title(x);
    note_title(x);
    if (x->title.kind == RD_TITLE_NONE && override == RD_ROLE_PAGE_DECLARED && x->title_text)
        rd_model_note(x->f.model, 0, "declared a role page: the page title is taken "
                      "as a role title");
    find_candidates(x);
    qualify(x);
    decide(x, override == RD_ROLE_PAGE_DECLARED);
    for (size_t k = 0; k < x->nc; k++)
        free(x->c[k].holes);
    free(x->c);
    rd_blks_free(&blks);
}

rd_model *rd_model_extract(const rd_doc *doc, const rd_ruleset *rules,
                           rd_role_page_override override)
{
    rd_model *m = rd_xcalloc(1, sizeof *m);
    rd_arena_init(&m->arena);
    override = front_matter(doc, override, m);
    if (override == RD_ROLE_PAGE_OPTED_OUT) {
        m->decision = RD_DECISION_OPTED_OUT;
        rd_model_note(m, 0, "opted out: not a role page, nothing looked at");
        return m;
    }
    rd_vocab *own_vocab;
    rd_lexicon *own_lex;
    extraction x = { .doc = doc, .f = { .model = m }, .first_top = -1,
                     .last_top = -1 };
    x.f.vocab = rd_ruleset_vocab(rules, &own_vocab);
    x.lex = rd_ruleset_lexicon(rules, &own_lex);
    rd_buf_init(&x.f.text);
    rd_words_init(&x.f.words);
    rd_words_init(&x.f.only);
    extract(&x, override);
    rd_buf_free(&x.f.text);
    rd_words_free(&x.f.words);
    rd_words_free(&x.f.only);
    rd_vocab_free(own_vocab);
    rd_lexicon_free(own_lex);
    return m;
}

void rd_model_free(rd_model *m)
{
    if (!m)
        return;
    free(m->reasons);
    rd_arena_free(&m->arena);
    free(m);
}
