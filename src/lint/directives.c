/* Inline control of the rules, as markdownlint users write it:
 *
 *   <!-- roledoc-disable RULE... -->            from here on
 *   <!-- roledoc-enable RULE... -->             from here on
 *   <!-- roledoc-disable-next-line RULE... -->  the line that follows
 *
 * With no rule id, all rules. The comments are raw HTML in the tree (code
 * spans and blocks are not), so a comment shown as an example in code
 * controls nothing. The ids they name, with their positions, are also
 * given to the unknown-rule-id check (rd_directive_ids). */
#include "engine.h"
#include "util/strmap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    DIRECTIVE_DISABLE,
    DIRECTIVE_ENABLE,
    DIRECTIVE_DISABLE_NEXT_LINE
} directive_kind;

/* The longest keyword first: "roledoc-disable" begins the next-line one. */
static const struct {
    const char *word;
    directive_kind kind;
} keywords[] = {
    { "roledoc-disable-next-line", DIRECTIVE_DISABLE_NEXT_LINE },
    { "roledoc-disable", DIRECTIVE_DISABLE },
    { "roledoc-enable", DIRECTIVE_ENABLE },
};

typedef struct {
    directive_kind kind;
    uint32_t line, col;      /* where the comment starts */
    uint32_t end_line;       /* where it ends */
    char *ids;               /* blank-separated rule ids; "" for all */
    size_t seq;              /* order found, for ties */
} directive;

typedef struct {
    directive *items;
    size_t len, cap;
} directive_list;

static void list_push(directive_list *l, const directive *d)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = rd_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len] = *d;
    l->items[l->len].seq = l->len;
    l->len++;
}

/* The keyword that a comment's body starts with, or -1. */
static int keyword_at(const char *body, size_t len, size_t *used)
{
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
        size_t n = strlen(keywords[k].word);
        if (n <= len && memcmp(body, keywords[k].word, n) == 0 &&
            (n == len || isspace((unsigned char)body[n]))) {
            *used = n;
            return (int)k;
        }
    }
    return -1;
}

/* Ids after the keyword, commas read as blanks. */
static char *ids_of(const char *s, size_t len)
{
    char *ids = rd_xstrndup(s, len);
    for (char *p = ids; *p; p++)
        if (*p == ',' || isspace((unsigned char)*p))
            *p = ' ';
    return ids;
}

static uint32_t count_lines(const char *s, size_t len)
{
    uint32_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* Where a comment is: its node's raw HTML, and the comment's body in it. */
typedef struct {
    const rd_node *node;
    const char *body;        /* between "<!--" and "-->" */
    size_t len;
    uint32_t line, col;      /* where the comment starts */
} comment;

typedef void (*comment_fn)(const comment *c, void *data);

/* The keyword of a comment and where its ids start; -1 when it is no
 * directive. */
static int comment_keyword(const comment *c, size_t *ids_at)
{
    size_t skip = 0;
    while (skip < c->len && isspace((unsigned char)c->body[skip]))
        skip++;
    size_t used = 0;
    int k = keyword_at(c->body + skip, c->len - skip, &used);
    *ids_at = skip + used;
    return k;
}

static void add_directive(const comment *c, void *list)
{
    size_t at;
    int k = comment_keyword(c, &at);
    if (k < 0)
        return;
    directive d = {
        .kind = keywords[k].kind,
        .line = c->line,
        .col = c->col,
        .end_line = c->line + count_lines(c->body, c->len),
        .ids = ids_of(c->body + at, c->len - at),
    };
    list_push(list, &d);
}

/* The column of s[at] (1-based, in characters), s starting at column
 * `first` on its line. */
static uint32_t column_in(const char *s, size_t at, uint32_t first)
{
    size_t bol = at;
    while (bol > 0 && s[bol - 1] != '\n')
        bol--;
    uint32_t col = bol ? 1 : first;
    for (size_t i = bol; i < at; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

/* Where the scan of a raw HTML text is: lines and columns are counted as
 * the scan goes, never again from the start of the text or of the line,
 * since a block (or one line of it) may hold thousands of comments or ids. */
typedef struct {
    const char *counted;     /* counted up to here */
    uint32_t lines;          /* newlines before `counted` */
    uint32_t col;            /* the column of `counted` on its line */
} line_counter;

static void counter_init(line_counter *lc, const char *s, uint32_t first_col)
{
    *lc = (line_counter){ s, 0, first_col };
}

/* Advances to p (at or after the last point), counting lines and columns
 * (in characters) on the way. */
static void counter_to(line_counter *lc, const char *p)
{
    for (; lc->counted < p; lc->counted++) {
        if (*lc->counted == '\n') {
            lc->lines++;
            lc->col = 1;
        } else {
            lc->col += ((unsigned char)*lc->counted & 0xC0) != 0x80;
        }
    }
}

/* Finds every comment in the raw HTML of a node. Lines are counted from
 * the node's own; a column is exact on the node's first line only, which
 * is all that ordering a comment against a finding needs. */
static void scan_html(const rd_node *n, comment_fn fn, void *data)
{
    const char *s = n->literal, *end = s ? s + n->literal_len : NULL;
    line_counter lc;
    counter_init(&lc, s, n->col);
    for (const char *p = s; p && (p = strstr(p, "<!--")) && p < end;) {
        const char *body = p + 4;
        const char *close = strstr(body, "-->");
        if (!close || close > end)
            return;
        counter_to(&lc, p);
        comment c = {
            .node = n, .body = body, .len = (size_t)(close - body),
            .line = n->line + lc.lines, .col = lc.col,
        };
        fn(&c, data);
        p = close + 3;
    }
}

static void each_comment(const rd_doc *doc, comment_fn fn, void *data)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        if (n->type == RD_NODE_HTML_BLOCK || n->type == RD_NODE_HTML_INLINE) {
            scan_html(n, fn, data);
            rd_iter_skip_children(&it);   /* the parsed form of the same HTML */
        }
    }
}

/* ----------------------------------------------------------- rule ids */

typedef struct {
    const rd_doc *doc;
    rd_directive_id_fn fn;
    void *data;
} id_walk;

static bool id_char(char c)
{
    return c && c != ',' && !isspace((unsigned char)c);
}

/* Below the node's first line, the raw HTML may have lost a container's
 * marks ("> " of a quote): the column is found in the source line, where
 * the id stands alone. */
static uint32_t source_column(const rd_doc *doc, uint32_t line, const char *id,
                              size_t len, uint32_t guess)
{
    size_t n;
    const char *text = rd_doc_line(doc, line, &n);
    for (size_t i = 0; text && i + len <= n; i++) {
        if (memcmp(text + i, id, len) != 0 || (i && id_char(text[i - 1])) ||
            (i + len < n && id_char(text[i + len])))
            continue;
        return column_in(text, i, 1);
    }
    return text && guess > n + 1 ? (uint32_t)(n + 1) : guess;
}

static void each_id(const comment *c, void *walk)
{
    const id_walk *w = walk;
    size_t at;
    if (comment_keyword(c, &at) < 0)
        return;
    /* Counted from the comment's start ("<!--" is four columns). */
    line_counter lc;
    counter_init(&lc, c->body, c->col + 4);
    while (at < c->len) {
        while (at < c->len && (c->body[at] == ',' || isspace((unsigned char)c->body[at])))
            at++;
        size_t len = 0;
        while (at + len < c->len && c->body[at + len] != ',' &&
               !isspace((unsigned char)c->body[at + len]))
            len++;
        if (!len)
            break;
        const char *id = c->body + at;
        counter_to(&lc, id);
        uint32_t line = c->line + lc.lines;
        uint32_t col = lc.col;
        size_t line_len;
        /* Below the node's first line, or where the page's text is not
         * the source's (a NUL or a bad byte became U+FFFD), the column is
         * taken from the source line. */
        if (line != c->node->line || !rd_doc_line(w->doc, line, &line_len) ||
            col > line_len + 1)
            col = source_column(w->doc, line, id, len, col);
        w->fn(id, len, line, col, w->data);
        at += len;
    }
}

void rd_directive_ids(const rd_doc *doc, rd_directive_id_fn fn, void *data)
{
    id_walk w = { doc, fn, data };
    each_comment(doc, each_id, &w);
}

/* ------------------------------------------------------------- silencing */

/* Which rules are off where the findings are: directives are applied in
 * page order as the findings, taken in page order too, pass them, so that
 * a page of thousands of comments and findings stays linear. A rule's
 * state is the last directive that named it or named every rule. */
typedef struct {
    rd_strmap rules;         /* rule id → the last directive naming it */
    const directive *all;    /* the last directive naming every rule */
    rd_strmap next_line;     /* "LINE RULE" (or "LINE *") silenced */
    size_t applied;          /* directives applied so far */
} sweep;

static bool names_all(const directive *d)
{
    return d->ids[strspn(d->ids, " ")] == '\0';
}

/* Calls each(id) for every id the directive names. */
static void each_named(const directive *d, void (*each)(sweep *, const directive *,
                                                      const char *, size_t),
                    sweep *sw)
{
    for (const char *p = d->ids; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        each(sw, d, p, len);
        p += len;
    }
}

static void set_rule(sweep *sw, const directive *d, const char *id, size_t len)
{
    char *key = rd_xstrndup(id, len);
    rd_strmap_put(&sw->rules, key)->value = (void *)d;
    free(key);
}

static void next_line_key(rd_buf *b, uint32_t line, const char *id, size_t len)
{
    b->len = 0;
    rd_buf_printf(b, "%u ", line);
    rd_buf_put(b, id, len);
}

static void set_next_line(sweep *sw, const directive *d, const char *id, size_t len)
{
    rd_buf key;
    rd_buf_init(&key);
    next_line_key(&key, d->end_line + 1, id, len);
    rd_strmap_put(&sw->next_line, key.data)->value = (void *)d;
    rd_buf_free(&key);
}

static void apply(sweep *sw, const directive *d)
{
    if (d->kind == DIRECTIVE_DISABLE_NEXT_LINE) {
        if (names_all(d))
            set_next_line(sw, d, "*", 1);
        else
            each_named(d, set_next_line, sw);
    } else if (names_all(d)) {
        sw->all = d;
    } else {
        each_named(d, set_rule, sw);
    }
}

static bool at_or_after(const rd_diag *f, const directive *d)
{
    return f->line > d->line || (f->line == d->line && f->col >= d->col);
}

static bool silenced(sweep *sw, const directive_list *ds, const rd_diag *f)
{
    while (sw->applied < ds->len && at_or_after(f, &ds->items[sw->applied]))
        apply(sw, &ds->items[sw->applied++]);
    rd_buf key;
    rd_buf_init(&key);
    next_line_key(&key, f->line, f->rule, strlen(f->rule));
    bool next = rd_strmap_find(&sw->next_line, key.data) != NULL;
    next_line_key(&key, f->line, "*", 1);
    next |= rd_strmap_find(&sw->next_line, key.data) != NULL;
    rd_buf_free(&key);
    if (next)
        return true;
    const rd_strmap_slot *slot = rd_strmap_find(&sw->rules, f->rule);
    const directive *last = slot ? slot->value : NULL;
    if (!last || (sw->all && sw->all > last))
        last = sw->all;      /* directives are in page order: later wins */
    return last && last->kind == DIRECTIVE_DISABLE;
}

static int directive_order(const void *a, const void *b)
{
    const directive *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_position(const void *a, const void *b)
{
    const rd_diag *x = *(rd_diag *const *)a, *y = *(rd_diag *const *)b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x > y) - (x < y);
}

/* Marks the silenced findings (their rule set to NULL), in page order. */
static void mark_silenced(const directive_list *ds, rd_diag_list *findings)
{
    rd_diag **order = rd_xmalloc(findings->len * sizeof *order);
    for (size_t i = 0; i < findings->len; i++)
        order[i] = &findings->items[i];
    qsort(order, findings->len, sizeof *order, by_position);
    sweep sw = { 0 };
    for (size_t i = 0; i < findings->len; i++)
        if (silenced(&sw, ds, order[i])) {
            rd_diag_release(order[i]);
            order[i]->rule = NULL;
        }
    rd_strmap_free(&sw.rules);
    rd_strmap_free(&sw.next_line);
    free(order);
}

void rd_apply_inline_directives(const rd_doc *doc, rd_diag_list *findings)
{
    directive_list ds = { 0 };
    each_comment(doc, add_directive, &ds);
    /* Page order, which the tree's order may not be (nested raw HTML). */
    if (ds.len > 1)
        qsort(ds.items, ds.len, sizeof *ds.items, directive_order);
    if (ds.len && findings->len)
        mark_silenced(&ds, findings);
    size_t kept = 0;
    for (size_t i = 0; i < findings->len; i++)
        if (findings->items[i].rule)
            findings->items[kept++] = findings->items[i];
    findings->len = kept;
    for (size_t i = 0; i < ds.len; i++)
        free(ds.items[i].ids);
    free(ds.items);
}
