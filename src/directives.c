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
} directive;

typedef struct {
    directive *items;
    size_t len, cap;
} directive_list;

static void list_push(directive_list *l, const directive *d)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        if (!l->items)
            abort();
    }
    l->items[l->len++] = *d;
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
    char *ids = strndup(s, len);
    if (!ids)
        abort();
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

/* Finds every comment in the raw HTML of a node. Lines are counted from
 * the node's own; a column is exact on the node's first line only, which
 * is all that ordering a comment against a finding needs. */
static void scan_html(const rd_node *n, comment_fn fn, void *data)
{
    const char *s = n->literal, *end = s ? s + n->literal_len : NULL;
    for (const char *p = s; p && (p = strstr(p, "<!--")) && p < end;) {
        const char *body = p + 4;
        const char *close = strstr(body, "-->");
        if (!close || close > end)
            return;
        comment c = {
            .node = n, .body = body, .len = (size_t)(close - body),
            .line = n->line + count_lines(s, (size_t)(p - s)),
            .col = column_in(s, (size_t)(p - s), n->col),
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
    return guess;
}

static void each_id(const comment *c, void *walk)
{
    const id_walk *w = walk;
    size_t at;
    if (comment_keyword(c, &at) < 0)
        return;
    const char *s = c->node->literal;
    while (at < c->len) {
        while (at < c->len && (c->body[at] == ',' || isspace((unsigned char)c->body[at])))
            at++;
        size_t len = 0;
        while (at + len < c->len && c->body[at + len] != ',' &&
               !isspace((unsigned char)c->body[at + len]))
            len++;
        if (!len)
            break;
        size_t offset = (size_t)(c->body + at - s);
        uint32_t lines = count_lines(s, offset);
        uint32_t col = column_in(s, offset, c->node->col);
        if (lines)
            col = source_column(w->doc, c->node->line + lines, c->body + at,
                                len, col);
        w->fn(c->body + at, len, c->node->line + lines, col, w->data);
        at += len;
    }
}

void rd_directive_ids(const rd_doc *doc, rd_directive_id_fn fn, void *data)
{
    id_walk w = { doc, fn, data };
    each_comment(doc, each_id, &w);
}

/* ------------------------------------------------------------- silencing */

static bool names_rule(const directive *d, const char *rule)
{
    size_t n = strlen(rule);
    for (const char *p = d->ids; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        if (len == n && memcmp(p, rule, n) == 0)
            return true;
        p += len;
    }
    return d->ids[strspn(d->ids, " ")] == '\0';   /* no id: every rule */
}

static bool at_or_after(const rd_diag *f, const directive *d)
{
    return f->line > d->line || (f->line == d->line && f->col >= d->col);
}

static bool silenced(const directive_list *ds, const rd_diag *f)
{
    bool off = false;
    for (size_t i = 0; i < ds->len; i++) {
        const directive *d = &ds->items[i];
        if (!names_rule(d, f->rule))
            continue;
        if (d->kind == DIRECTIVE_DISABLE_NEXT_LINE) {
            if (f->line == d->end_line + 1)
                return true;
        } else if (at_or_after(f, d)) {
            off = d->kind == DIRECTIVE_DISABLE;
        }
    }
    return off;
}

void rd_apply_inline_directives(const rd_doc *doc, rd_diag_list *findings)
{
    directive_list ds = { 0 };
    each_comment(doc, add_directive, &ds);
    size_t kept = 0;
    for (size_t i = 0; i < findings->len; i++) {
        if (ds.len && silenced(&ds, &findings->items[i]))
            rd_diag_release(&findings->items[i]);
        else
            findings->items[kept++] = findings->items[i];
    }
    findings->len = kept;
    for (size_t i = 0; i < ds.len; i++)
        free(ds.items[i].ids);
    free(ds.items);
}
