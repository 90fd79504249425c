/* What roledoc lint makes of a run's findings: the baseline written or
 * applied, the diff of --fix-dry-run, every report asked for, the summary
 * on standard error and the exit status. */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    size_t errors, warnings, infos;
} tally;

static tally count(const rd_diag_list *all)
{
    tally t = { 0 };
    for (size_t i = 0; i < all->len; i++) {
        switch (all->items[i].severity) {
        case RD_SEVERITY_ERROR: t.errors++; break;
        case RD_SEVERITY_WARNING: t.warnings++; break;
        default: t.infos++; break;
        }
    }
    return t;
}

bool lint_report_to_stdout(const report_request *r)
{
    return !r->output || strcmp(r->output, "-") == 0;
}

/* Colour only for a person at a terminal who has not asked for none. */
static bool use_color(const lint_opts *o, const report_request *r)
{
    const char *term = getenv("TERM");
    return !o->no_color && lint_report_to_stdout(r) && isatty(STDOUT_FILENO) &&
           !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
}

static int write_out(const char *path, const rd_buf *data)
{
    rd_error err;
    if (rd_write_file_atomic(path, data->data ? data->data : "", data->len,
                             &err) == RD_OK)
        return 0;
    cli_error("%s", err.message);
    return -1;
}

static int write_report(const lint_opts *o, const report_request *r,
                        const rd_diag_list *findings, rd_report_options *ro)
{
    ro->color = use_color(o, r);
    rd_buf out;
    rd_buf_init(&out);
    int status = r->format->write(findings, ro, &out) == 0 ? 0 : -1;
    if (status != 0)
        cli_error("lint: the %s report could not be made", r->format->name);
    else
        status = write_out(r->output ? r->output : "-", &out);
    rd_buf_free(&out);
    return status;
}

/* Every report from the same findings (only the new ones, but to a format
 * that shows the others as known); one that fails does not keep the
 * others from being written. */
static int write_reports(const lint_opts *o, const rd_ruleset *rules,
                         const lint_outcome *out, const rd_diag_list *shown)
{
    rd_report_options ro = {
        .rules = rules,
        .files = out->linted,
        .nfiles = out->nlinted,
        .docs = (const rd_doc *const *)out->docs,
        .docs_dir = cli_docs_dir(),
        .started = out->started,
        .seconds = out->seconds,
    };
    int status = 0;
    for (size_t i = 0; i < o->nreports; i++) {
        const report_request *r = &o->reports[i];
        const rd_diag_list *list = r->format->shows_baselined ? &out->findings
                                                               : shown;
        if (write_report(o, r, list, &ro) != 0)
            status = -1;
    }
    return status;
}

/* ---------------------------------------------------------------- baseline */

static int write_baseline(const char *path, const rd_diag_list *findings)
{
    rd_buf data;
    rd_error err;
    rd_buf_init(&data);
    int status;
    if (rd_baseline_write(findings, &data, &err) == RD_OK) {
        status = write_out(path, &data);
    } else {
        cli_error("%s: %s", path, err.message);
        status = -1;
    }
    rd_buf_free(&data);
    return status;
}

/* The findings that the baseline does not know, as a list that borrows
 * their strings (free its items only); *known counts the others. Returns
 * -1 when the baseline cannot be read. */
static int apply_baseline(const char *path, rd_diag_list *all,
                          rd_diag_list *shown, size_t *known)
{
    rd_error err;
    rd_baseline *b = rd_baseline_load(path, &err);
    if (!b) {
        cli_print_line(err.message);
        return -1;
    }
    *known = rd_baseline_apply(b, all);
    rd_baseline_free(b);
    *shown = (rd_diag_list){ 0 };
    shown->items = calloc(all->len + 1, sizeof *shown->items);
    if (!shown->items)
        abort();
    for (size_t i = 0; i < all->len; i++)
        if (all->items[i].baseline != RD_BASELINE_UNCHANGED)
            shown->items[shown->len++] = all->items[i];
    shown->cap = all->len;
    return 0;
}

/* ----------------------------------------------------------------- summary */

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static void print_fixes(const lint_opts *o, const lint_outcome *out)
{
    if (o->fix == FIX_NONE)
        return;
    fprintf(stderr, "roledoc: %zu fix%s %s in %zu page%s\n", out->fixes,
            out->fixes == 1 ? "" : "es",
            o->fix == FIX_WRITE ? "made" : "to make (nothing written)",
            out->fixed_pages, plural(out->fixed_pages));
}

/* Counts the pages linted, not those that could not be read or were left
 * out (said apart, when there are any). */
static void print_summary(const tally *t, const lint_outcome *out,
                          size_t known, const lint_opts *o)
{
    size_t linted = out->nlinted - out->unreadable;
    fprintf(stderr, "roledoc: %zu page%s linted", linted, plural(linted));
    if (out->ignored)
        fprintf(stderr, ", %zu ignored", out->ignored);
    if (out->unreadable)
        fprintf(stderr, ", %zu could not be read", out->unreadable);
    fprintf(stderr, ": %zu error%s, %zu warning%s, %zu info",
            t->errors, plural(t->errors), t->warnings,
            plural(t->warnings), t->infos);
    if (o->baseline)
        fprintf(stderr, " (%zu more in the baseline)", known);
    if (o->max_warnings >= 0 && t->warnings > (size_t)o->max_warnings)
        fprintf(stderr, " (more warnings than --max-warnings %ld)", o->max_warnings);
    fputc('\n', stderr);
}

int lint_finish(const lint_opts *o, const rd_ruleset *rules, lint_outcome *out)
{
    rd_diag_list_sort(&out->findings);
    if (out->diff.len)
        fwrite(out->diff.data, 1, out->diff.len, stdout);
    if (o->write_baseline && write_baseline(o->write_baseline, &out->findings) != 0)
        out->trouble = true;
    rd_diag_list shown = out->findings;
    size_t known = 0;
    if (o->baseline && apply_baseline(o->baseline, &out->findings, &shown,
                                      &known) != 0)
        return EXIT_TROUBLE;
    if (write_reports(o, rules, out, &shown) != 0)
        out->trouble = true;
    tally t = count(&shown);
    print_fixes(o, out);
    print_summary(&t, out, known, o);
    if (o->baseline)
        free(shown.items);
    bool too_many = o->max_warnings >= 0 && t.warnings > (size_t)o->max_warnings;
    return out->trouble ? EXIT_TROUBLE
         : (t.errors || too_many) ? EXIT_FINDINGS : EXIT_CLEAN;
}
