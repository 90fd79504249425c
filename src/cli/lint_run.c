/* roledoc lint over the pages: each one left out (ignores, --exclude),
 * read, linted and, with --fix or --fix-dry-run, fixed by the library
 * (rd_fix_page) and rewritten atomically or shown as a diff, on as many
 * threads as -j says; then the results gathered in page order. */
#include "lint.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What linting one page gave. */
typedef struct {
    rd_diag_list diags;
    double seconds;          /* reading, linting and fixing it */
    rd_doc *doc;             /* kept when a report quotes the pages */
    bool ignored;            /* left out by ignore globs or --exclude */
    size_t fixes;            /* changes made */
    rd_buf diff;             /* --fix-dry-run */
    char *not_fixed;         /* why the page was left as it was */
    char *unreadable;        /* why the page could not be read (or, fixed,
                                written) */
    char *config_error;      /* a broken configuration: stops the run */
} page_result;

typedef struct {
    const lint_opts *opts;
    rd_linter *linter;
    const rd_path_list *pages;
    page_result *results;
    bool keep_docs;
    atomic_size_t next;      /* the next page to take */
    atomic_bool stop;        /* a configuration error was met */
} lint_run;

static char *copy(const char *s)
{
    char *c = strdup(s);
    if (!c)
        abort();
    return c;
}

static void stop_run(lint_run *run, page_result *res, const rd_error *err)
{
    res->config_error = copy(err->message);
    atomic_store(&run->stop, true);
}

/* The fixed page replaces the page: its findings and its document; the
 * page on disk is rewritten, or the diff kept. */
static void take_fix(lint_run *run, page_result *res, const char *path,
                     rd_doc **doc, rd_fix_result *fix)
{
    rd_error err;
    size_t len;
    const char *bytes = rd_doc_bytes(*doc, &len);
    if (run->opts->fix == FIX_DRY_RUN)
        rd_edits_diff(path, bytes, len, &fix->edits, &res->diff);
    else if (rd_write_file_atomic(path, fix->fixed.data ? fix->fixed.data : "",
                                  fix->fixed.len, &err) != RD_OK) {
        res->unreadable = copy(err.message);
        return;
    }
    res->fixes = fix->applied;
    rd_diag_list_free(&res->diags);
    res->diags = fix->findings;
    fix->findings = (rd_diag_list){ 0 };
    rd_doc_free(*doc);
    *doc = fix->doc;
    fix->doc = NULL;
}

static void fix_page(lint_run *run, page_result *res, const char *path,
                     rd_doc **doc)
{
    rd_fix_result fix;
    rd_error err;
    if (rd_fix_page(run->linter, *doc, path, &res->diags, &run->opts->parse,
                    &fix, &err) != RD_OK)
        stop_run(run, res, &err);
    else if (fix.refused[0])
        res->not_fixed = copy(fix.refused);
    else if (fix.applied)
        take_fix(run, res, path, doc, &fix);
    rd_fix_result_free(&fix);
}

static void lint_page(lint_run *run, size_t i)
{
    const char *path = run->pages->paths[i];
    page_result *res = &run->results[i];
    rd_error err;
    const char *on_disk = strcmp(path, "-") == 0 ? NULL : path;
    int ignored = 0;
    if (rd_linter_ignores(run->linter, on_disk, &ignored, &err) != RD_OK) {
        stop_run(run, res, &err);
        return;
    }
    if ((res->ignored = ignored))
        return;
    rd_doc *doc = rd_doc_load(path, NULL, &run->opts->parse, &err);
    if (!doc) {
        res->unreadable = copy(err.message);
        return;
    }
    if (rd_lint_doc(run->linter, doc, on_disk, &res->diags, &err) != RD_OK)
        stop_run(run, res, &err);
    else if (run->opts->fix != FIX_NONE && on_disk && res->diags.len)
        fix_page(run, res, path, &doc);
    if (run->keep_docs)
        res->doc = doc;
    else
        rd_doc_free(doc);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Pages are taken in order, so when the run stops on a configuration error
 * every page before the failing one has been linted: which error is shown
 * does not depend on timing. */
static void *lint_worker(void *arg)
{
    lint_run *run = arg;
    while (!atomic_load(&run->stop)) {
        size_t i = atomic_fetch_add(&run->next, 1);
        if (i >= run->pages->len)
            break;
        double began = now();
        lint_page(run, i);
        run->results[i].seconds = now() - began;
    }
    return NULL;
}

/* ---------------------------------------------------------------- results */

/* Moves the findings of `from` to the end of `to`: their strings change
 * owner without being copied, so a run over thousands of pages does not
 * hold every finding twice. */
static void take_findings(rd_diag_list *to, rd_diag_list *from)
{
    if (to->len + from->len > to->cap) {
        size_t cap = to->cap ? to->cap : 64;
        while (cap < to->len + from->len)
            cap *= 2;
        to->items = realloc(to->items, cap * sizeof *to->items);
        if (!to->items)
            abort();
        to->cap = cap;
    }
    if (from->len)
        memcpy(to->items + to->len, from->items, from->len * sizeof *from->items);
    to->len += from->len;
    free(from->items);
    *from = (rd_diag_list){ 0 };
}

/* One page's result into the outcome, what it says on standard error
 * said; false when it stopped the run. */
static bool gather_page(lint_run *run, size_t i, lint_outcome *out)
{
    page_result *res = &run->results[i];
    if (res->config_error) {
        cli_print_line(res->config_error);
        return false;
    }
    if (res->ignored) {
        out->ignored++;
        return true;
    }
    if (res->unreadable) {
        cli_error("%s", res->unreadable);
        out->trouble = true;
        out->unreadable++;
    }
    if (res->not_fixed)
        cli_error("%s: not fixed: %s", run->pages->paths[i], res->not_fixed);
    out->fixes += res->fixes;
    out->fixed_pages += res->fixes > 0;
    if (res->diff.len)
        rd_buf_put(&out->diff, res->diff.data, res->diff.len);
    if (out->docs) {
        out->docs[out->nlinted] = res->doc;
        res->doc = NULL;
    }
    out->seconds[out->nlinted] = res->seconds;
    out->linted[out->nlinted++] = run->pages->paths[i];
    take_findings(&out->findings, &res->diags);
    return true;
}

static void free_results(page_result *results, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rd_diag_list_free(&results[i].diags);
        rd_doc_free(results[i].doc);
        rd_buf_free(&results[i].diff);
        free(results[i].not_fixed);
        free(results[i].unreadable);
        free(results[i].config_error);
    }
    free(results);
}

static bool reports_need_docs(const lint_opts *o)
{
    for (size_t i = 0; i < o->nreports; i++)
        if (o->reports[i].format->needs_docs)
            return true;
    return false;
}

bool lint_run_pages(const lint_opts *o, rd_linter *linter,
                    const rd_path_list *pages, lint_outcome *out)
{
    lint_run run = { .opts = o, .linter = linter, .pages = pages,
                     .keep_docs = reports_need_docs(o) };
    size_t n = pages->len;
    run.results = calloc(n + 1, sizeof *run.results);
    out->linted = calloc(n + 1, sizeof *out->linted);
    out->seconds = calloc(n + 1, sizeof *out->seconds);
    if (run.keep_docs)
        out->docs = calloc(n + 1, sizeof *out->docs);
    if (!run.results || !out->linted || !out->seconds ||
        (run.keep_docs && !out->docs))
        abort();
    atomic_init(&run.next, 0);
    atomic_init(&run.stop, false);
    cli_run_workers(o->jobs, n, lint_worker, &run);
    bool completed = true;
    for (size_t i = 0; i < n && completed; i++)
        completed = gather_page(&run, i, out);
    free_results(run.results, n);
    return completed;
}

void lint_outcome_free(lint_outcome *out)
{
    rd_diag_list_free(&out->findings);
    for (size_t i = 0; out->docs && i < out->nlinted; i++)
        rd_doc_free(out->docs[i]);
    free(out->docs);
    free(out->linted);
    free(out->seconds);
    rd_buf_free(&out->diff);
    *out = (lint_outcome){ 0 };
}
