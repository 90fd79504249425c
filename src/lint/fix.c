/* Fixing pages: the changes that findings propose (their suggestions),
 * checked to apply together, made in memory, and kept only when the page
 * they give is wholly better: lint --fix writes what rd_fix_page returns,
 * an editor offers rd_fix_edits as code actions. Nothing here reads or
 * writes a file. */
#include "engine.h"
#include "lint/checks/check.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ edits */

static int compare_edits(const void *pa, const void *pb)
{
    const rd_edit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* Two changes that touch the same bytes, or insert at the same place,
 * cannot both be made as their findings meant. */
static bool overlap(const rd_edit *a, const rd_edit *b)
{
    return b->start < a->end || (b->start == a->start);
}

rd_status rd_fix_edits(const rd_diag *diags, size_t n, size_t len, int all,
                       rd_edit_list *out, rd_error *err)
{
    *out = (rd_edit_list){ 0 };
    for (size_t i = 0; i < n; i++) {
        const rd_suggestion *s = &diags[i].suggestion;
        if (!s->text || (!all && !s->automatic))
            continue;
        if (s->start > s->end || s->end > len) {
            rd_set_error(err, RD_ERR_USAGE, "%u:%u: the change of %s falls "
                         "outside the page", s->line, s->col, diags[i].rule);
            rd_edit_list_free(out);
            return RD_ERR_USAGE;
        }
        const rd_edit e = { s->start, s->end, s->text, diags[i].rule };
        rd_array_push(&out->items, &out->len, &out->cap, &e, sizeof e);
    }
    if (out->len > 1)
        qsort(out->items, out->len, sizeof *out->items, compare_edits);
    for (size_t i = 1; i < out->len; i++) {
        if (!overlap(&out->items[i - 1], &out->items[i]))
            continue;
        uint32_t line = 0;
        for (size_t k = 0; k < n && !line; k++)
            if (diags[k].suggestion.start == out->items[i].start)
                line = diags[k].suggestion.line;
        rd_set_error(err, RD_ERR_USAGE, "line %u: the changes of %s and %s "
                     "overlap", line, out->items[i - 1].rule, out->items[i].rule);
        rd_edit_list_free(out);
        return RD_ERR_USAGE;
    }
    return RD_OK;
}

void rd_edit_list_free(rd_edit_list *edits)
{
    free(edits->items);
    *edits = (rd_edit_list){ 0 };
}

void rd_edits_apply(const char *data, size_t len, const rd_edit_list *edits,
                    rd_buf *out)
{
    size_t at = 0;
    for (size_t i = 0; i < edits->len; i++) {
        const rd_edit *e = &edits->items[i];
        rd_buf_put(out, data + at, e->start - at);
        rd_buf_puts(out, e->text);
        at = e->end;
    }
    rd_buf_put(out, data + at, len - at);
}

/* ----------------------------------------------------------------- a page */

const char *rd_doc_bytes(const rd_doc *doc, size_t *len)
{
    *len = doc->size;
    return doc->bytes;
}

/* The changes of `edits` whose rules' fixes keep the content. */
static void content_keeping(const rd_linter *linter, const rd_edit_list *edits,
                            rd_edit_list *out)
{
    const rd_ruleset *rules = rd_linter_base(linter);
    *out = (rd_edit_list){ 0 };
    for (size_t i = 0; i < edits->len; i++) {
        const rd_rule *r = rd_ruleset_find(rules, edits->items[i].rule);
        const rd_check_kind *k = r ? rd_check_kind_find(r->kind) : NULL;
        if (k && (k->fix & RD_CHECK_FIX_KEEPS_CONTENT))
            rd_array_push(&out->items, &out->len, &out->cap, &edits->items[i],
                          sizeof edits->items[i]);
    }
}

static rd_doc *parse_bytes(const rd_doc *doc, const rd_buf *bytes,
                           const rd_parse_options *opts)
{
    return rd_doc_parse(bytes->data ? bytes->data : "", bytes->len,
                        rd_doc_name(doc), opts);
}

/* Whether the page with these changes made has the content `before`. */
static bool same_content(const rd_doc *doc, const rd_edit_list *edits,
                         const rd_buf *before, const rd_parse_options *opts)
{
    rd_buf bytes, after;
    rd_buf_init(&bytes);
    rd_buf_init(&after);
    rd_edits_apply(doc->bytes, doc->size, edits, &bytes);
    rd_doc *changed = parse_bytes(doc, &bytes, opts);
    rd_content_signature(changed, &after);
    bool same = before->len == after.len &&
                memcmp(before->data, after.data, after.len) == 0;
    rd_doc_free(changed);
    rd_buf_free(&bytes);
    rd_buf_free(&after);
    return same;
}

/* The first change that changes the content on its own, said in why. */
static void name_culprit(const rd_doc *doc, const rd_edit_list *keeping,
                         const rd_buf *before, const rd_parse_options *opts,
                         char *why, size_t size)
{
    for (size_t i = 0; i < keeping->len; i++) {
        rd_edit_list one = { &keeping->items[i], 1, 1 };
        if (same_content(doc, &one, before, opts))
            continue;
        uint32_t line, col;
        rd_doc_position(doc, keeping->items[i].start, &line, &col);
        snprintf(why, size, "the %s fix at %u:%u would change the page's "
                 "content", keeping->items[i].rule, line, col);
        return;
    }
    snprintf(why, size, "its fixes together would change the page's content");
}

/* Whether the changes that should keep the content do: the page with them
 * made has the content of the page as it was. Says in why which does not. */
static bool keeps_content(const rd_linter *linter, const rd_doc *doc,
                          const rd_edit_list *edits,
                          const rd_parse_options *opts, char *why, size_t size)
{
    rd_edit_list keeping;
    content_keeping(linter, edits, &keeping);
    bool same = true;
    if (keeping.len) {
        rd_buf before;
        rd_buf_init(&before);
        rd_content_signature(doc, &before);
        same = same_content(doc, &keeping, &before, opts);
        if (!same)
            name_culprit(doc, &keeping, &before, opts, why, size);
        rd_buf_free(&before);
    }
    rd_edit_list_free(&keeping);
    return same;
}

static size_t count_rule(const rd_diag_list *list, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < list->len; i++)
        n += strcmp(list->items[i].rule, rule) == 0;
    return n;
}

static size_t count_edits(const rd_edit_list *edits, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < edits->len; i++)
        n += strcmp(edits->items[i].rule, rule) == 0;
    return n;
}

/* Whether the fixed page's findings are those of the page, less the ones
 * fixed: every rule has as many findings as before less its changes, or
 * fewer. Says in `why` which rule has more. */
static bool wholly_better(const rd_diag_list *before, const rd_diag_list *after,
                          const rd_edit_list *edits, char *why, size_t size)
{
    for (size_t i = 0; i < after->len; i++) {
        const char *rule = after->items[i].rule;
        size_t was = count_rule(before, rule), fixed = count_edits(edits, rule);
        size_t now = count_rule(after, rule);
        if (now + fixed <= was)
            continue;
        snprintf(why, size, "%s would still have %zu finding%s (%zu before, "
                 "%zu fixed)", rule, now, now == 1 ? "" : "s", was, fixed);
        return false;
    }
    return true;
}

static void refuse(rd_fix_result *res, const char *why)
{
    snprintf(res->refused, sizeof res->refused, "%s", why);
    rd_buf_free(&res->fixed);
    rd_edit_list_free(&res->edits);
    rd_diag_list_free(&res->findings);
    rd_doc_free(res->doc);
    res->doc = NULL;
    res->applied = 0;
}

/* Makes the changes and lints the result; false when it fails. */
static rd_status try_fix(rd_linter *linter, const rd_doc *doc, const char *path,
                         const rd_diag_list *found, const rd_parse_options *opts,
                         rd_fix_result *res, rd_error *err)
{
    char why[sizeof res->refused];
    if (!keeps_content(linter, doc, &res->edits, opts, why, sizeof why)) {
        refuse(res, why);
        return RD_OK;
    }
    rd_edits_apply(doc->bytes, doc->size, &res->edits, &res->fixed);
    res->doc = parse_bytes(doc, &res->fixed, opts);
    rd_status status = rd_lint_doc(linter, res->doc, path, &res->findings, err);
    if (status != RD_OK)
        refuse(res, err->message);
    else if (!wholly_better(found, &res->findings, &res->edits, why, sizeof why))
        refuse(res, why);
    else
        res->applied = res->edits.len;
    return status;
}

/* A finding that --fix is meant to fix but has no safe change for: the
 * page cannot be fixed wholly. */
static const rd_diag *unfixable(const rd_diag_list *found)
{
    for (size_t i = 0; i < found->len; i++) {
        const rd_diag *d = &found->items[i];
        if (d->fixable && !(d->suggestion.text && d->suggestion.automatic))
            return d;
    }
    return NULL;
}

rd_status rd_fix_page(rd_linter *linter, const rd_doc *doc, const char *path,
                      const rd_diag_list *found, const rd_parse_options *opts,
                      rd_fix_result *res, rd_error *err)
{
    memset(res, 0, sizeof *res);
    const rd_diag *stuck = unfixable(found);
    if (stuck) {
        snprintf(res->refused, sizeof res->refused, "the %s finding at %u:%u "
                 "has no safe fix: fix it by hand, then run --fix again",
                 stuck->rule, stuck->line, stuck->col);
        return RD_OK;
    }
    rd_error why;
    if (rd_fix_edits(found->items, found->len, doc->size, 0, &res->edits,
                     &why) != RD_OK) {
        refuse(res, why.message);
        return RD_OK;
    }
    if (!res->edits.len)
        return RD_OK;
    return try_fix(linter, doc, path, found, opts, res, err);
}

void rd_fix_result_free(rd_fix_result *res)
{
    rd_buf_free(&res->fixed);
    rd_edit_list_free(&res->edits);
    rd_diag_list_free(&res->findings);
    rd_doc_free(res->doc);
    memset(res, 0, sizeof *res);
}
