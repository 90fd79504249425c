/* Fixes: for a finding of a rule that has one, the text edits that make
 * the page right, offered by the editor as a code action. A fix is made
 * only when the source reads as expected where the finding points;
 * otherwise the finding has its hint and no fix.
 *
 *  - gendered-title: the title with both forms, as title analysis
 *    (titles.c) proposes it, in place of the heading's text (numbering
 *    kept), when the heading is plain text;
 *  - entity-artifact: the character instead of its reference ("&#x43;"
 *    becomes "C"); a space reference at the inner edge of emphasis moves
 *    out of it as a plain space, and one beside a space or a line end goes.
 */
#include "lsp.h"
#include "model/titles.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_title(lsp_fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_title(lsp_fix *fix, const char *fmt, ...)
{
    char title[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(title, sizeof title, fmt, ap);
    va_end(ap);
    if (!(fix->title = strdup(title)))
        abort();
}

/* ------------------------------------------------------- gendered-title */

/* The role or family whose heading is at line:col (depth of the model is
 * a few levels: family, roles). */
static const rd_role *role_at(const rd_role *r, uint32_t line, uint32_t col)
{
    for (; r; r = lsp_role_next(r)) {
        const rd_node *h = lsp_role_heading(r);
        if (h && h->line == line && h->col == col)
            return r;
        const rd_role *inner = role_at(lsp_role_first_child(r), line, col);
        if (inner)
            return inner;
    }
    return NULL;
}

/* The bytes [start, end) of the page that hold a heading's text, when it
 * is plain text (through a lone strong or emphasis around it): each text
 * node as written, one after the other. */
static int plain_span(const lsp_document *d, const rd_node *n, size_t *start,
                      size_t *end)
{
    while (n->first_child && n->first_child == n->last_child &&
           n->first_child->type != RD_NODE_TEXT)
        n = n->first_child;
    if (!n->first_child)
        return -1;
    *start = n->first_child->offset;
    *end = *start;
    for (const rd_node *c = n->first_child; c; c = c->next) {
        if (c->type != RD_NODE_TEXT || c->offset != *end ||
            c->offset + c->literal_len > d->text.len ||
            memcmp(d->text.data + c->offset, c->literal, c->literal_len) != 0)
            return -1;
        *end = c->offset + c->literal_len;
    }
    return 0;
}

static int fix_gendered_title(const lsp_server *s, const lsp_document *d,
                              const rd_diag *diag, lsp_fix *fix)
{
    rd_model *model = lsp_model_of(s, d);
    const rd_role *role = model ? role_at(rd_model_first(model), diag->line, diag->col) : NULL;
    size_t start, end;
    int status = -1;
    if (role && plain_span(d, lsp_role_heading(role), &start, &end) == 0) {
        const char *title = lsp_role_title(role);
        start += rd_title_numbering_len(d->text.data + start);
        while (end > start && d->text.data[end - 1] == ' ')
            end--;
        rd_lexicon *own;
        rd_title_info info;
        rd_title_analyse(rd_ruleset_lexicon(&s->rules, &own), title, &info);
        if (info.gendered && !info.complete && info.suggestion &&
            end - start == strlen(title) &&
            memcmp(d->text.data + start, title, end - start) == 0) {
            set_title(fix, "Write both forms: \"%s\"", info.suggestion);
            lsp_fix_add_edit(fix, start, end, info.suggestion);
            status = 0;
        }
        rd_title_info_free(&info);
        rd_lexicon_free(own);
    }
    if (model)
        rd_model_free(model);
    return status;
}

/* ------------------------------------------------------ entity-artifact */

static const rd_node *entity_at(const rd_doc *doc, uint32_t line, uint32_t col)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_ENTITY &&
            n->line == line && n->col == col)
            return n;
    return NULL;
}

static bool is_emphasis(const rd_node *n)
{
    return n && (n->type == RD_NODE_EMPH || n->type == RD_NODE_STRONG ||
                 n->type == RD_NODE_STRIKETHROUGH);
}

static bool blank_at(const lsp_document *d, size_t i)
{
    return i >= d->text.len || strchr(" \t\r\n", d->text.data[i]) != NULL;
}

/* Whether a word goes on at i (a letter or digit, any non-ASCII byte). */
static bool word_at(const lsp_document *d, size_t i)
{
    unsigned char c = i < d->text.len ? (unsigned char)d->text.data[i] : ' ';
    return isalnum(c) || c >= 0x80;
}

/* Length of the run of one delimiter character ('*', '_', '~') at i,
 * looking forward (dir 1) or back from i - 1 (dir -1). */
static size_t delimiter_run(const lsp_document *d, size_t i, int dir)
{
    const char *t = d->text.data;
    size_t n = 0;
    if (dir > 0) {
        while (i + n < d->text.len && strchr("*_~", t[i + n]) && t[i + n] == t[i])
            n++;
    } else {
        while (n < i && strchr("*_~", t[i - 1 - n]) && t[i - 1 - n] == t[i - 1])
            n++;
    }
    return n;
}

static bool ends_block(const rd_node *n)
{
    const rd_node *next = n->next;
    return !next || next->type == RD_NODE_SOFTBREAK || next->type == RD_NODE_LINEBREAK;
}

/* A space reference: moved out of the emphasis it ends or starts when a
 * word goes on on the other side of the delimiter, removed at the edge of
 * emphasis otherwise, beside a space or at the end of a line, else made a
 * plain space. */
static void fix_space(const lsp_document *d, const rd_node *n, size_t len,
                      lsp_fix *fix)
{
    size_t at = n->offset, after = at + len;
    const rd_node *p = n->parent;
    size_t close = is_emphasis(p) && !n->next ? delimiter_run(d, after, 1) : 0;
    size_t open = is_emphasis(p) && !n->prev && !close ? delimiter_run(d, at, -1) : 0;
    if (close && word_at(d, after + close)) {
        lsp_fix_add_edit(fix, at, after, "");
        lsp_fix_add_edit(fix, after + close, after + close, " ");
        set_title(fix, "Move the space out of the emphasis");
    } else if (open && at > open && word_at(d, at - open - 1)) {
        lsp_fix_add_edit(fix, at - open, at - open, " ");
        lsp_fix_add_edit(fix, at, after, "");
        set_title(fix, "Move the space out of the emphasis");
    } else if (close || open || ends_block(n) || (at > 0 && blank_at(d, at - 1)) ||
               blank_at(d, after)) {
        lsp_fix_add_edit(fix, at, after, "");
        set_title(fix, "Remove \"%s\"", n->name);
    } else {
        lsp_fix_add_edit(fix, at, after, " ");
        set_title(fix, "Write a plain space instead of \"%s\"", n->name);
    }
}

static int fix_entity_artifact(const lsp_server *s, const lsp_document *d,
                               const rd_diag *diag, lsp_fix *fix)
{
    const rd_node *n = entity_at(d->doc, diag->line, diag->col);
    if (!n || !n->name || !n->literal || n->literal_len == 0)
        return -1;
    size_t len = strlen(n->name);
    if (n->offset + len > d->text.len || memcmp(d->text.data + n->offset, n->name, len) != 0)
        return -1;
    if (n->literal_len == 1 && n->literal[0] == ' ') {
        fix_space(d, n, len, fix);
        return 0;
    }
    lsp_fix_add_edit(fix, n->offset, n->offset + len, n->literal);
    set_title(fix, "Write \"%s\" instead of \"%s\"", n->literal, n->name);
    return 0;
}

/* ---------------------------------------------------------------- table */

typedef int (*fix_fn)(const lsp_server *s, const lsp_document *d,
                      const rd_diag *diag, lsp_fix *fix);

static const struct {
    const char *rule;
    fix_fn make;
} fixers[] = {
    { "gendered-title", fix_gendered_title },
    { "entity-artifact", fix_entity_artifact },
};

int lsp_fix_for(const lsp_server *s, const lsp_document *d, const rd_diag *diag,
                lsp_fix *fix)
{
    *fix = (lsp_fix){ 0 };
    for (size_t i = 0; i < sizeof fixers / sizeof fixers[0]; i++) {
        if (strcmp(diag->rule, fixers[i].rule) != 0)
            continue;
        if (fixers[i].make(s, d, diag, fix) == 0)
            return 0;
        lsp_fix_free(fix);
        return -1;
    }
    return -1;
}
