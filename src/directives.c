/* Inline control of the rules, as markdownlint users write it:
 *
 *   <!-- roledoc-disable RULE... -->            from here on
 *   <!-- roledoc-enable RULE... -->             from here on
 *   <!-- roledoc-disable-next-line RULE... -->  the line that follows
 *
 * With no rule id, all rules. The comments are raw HTML in the tree (code
 * spans and blocks are not), so a comment shown as an example in code
 * controls nothing. */
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

/* Reads one comment body (between "<!--" and "-->"), found at `line`, `col`. */
static void read_comment(const char *body, size_t len, uint32_t line,
                         uint32_t col, directive_list *out)
{
    size_t skip = 0;
    while (skip < len && isspace((unsigned char)body[skip]))
        skip++;
    size_t used;
    int k = keyword_at(body + skip, len - skip, &used);
    if (k < 0)
        return;
    directive d = {
        .kind = keywords[k].kind,
        .line = line,
        .col = col,
        .end_line = line + count_lines(body, len),
        .ids = ids_of(body + skip + used, len - skip - used),
    };
    list_push(out, &d);
}

/* Finds every comment in the raw HTML of a node. Lines are counted from
 * the node's own; a column is exact on the node's first line only, which
 * is all that ordering a comment against a finding needs. */
static void scan_html(const rd_node *n, directive_list *out)
{
    const char *s = n->literal, *end = s ? s + n->literal_len : NULL;
    for (const char *p = s; p && (p = strstr(p, "<!--")) && p < end;) {
        const char *body = p + 4;
        const char *close = strstr(body, "-->");
        if (!close || close > end)
            return;
        uint32_t before = count_lines(s, (size_t)(p - s));
        const char *bol = p;
        while (bol > s && bol[-1] != '\n')
            bol--;
        uint32_t col = (uint32_t)(p - bol) + (before ? 1 : n->col);
        read_comment(body, (size_t)(close - body), n->line + before, col, out);
        p = close + 3;
    }
}

static void collect(const rd_doc *doc, directive_list *out)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        if (n->type == RD_NODE_HTML_BLOCK || n->type == RD_NODE_HTML_INLINE) {
            scan_html(n, out);
            rd_iter_skip_children(&it);   /* the parsed form of the same HTML */
        }
    }
}

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
    collect(doc, &ds);
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
