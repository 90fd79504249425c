/* What the report formats share: the pages and rules of a run, sorted and
 * counted once, and the cleaning of text bound for XML or HTML. Files and rules are sorted by name, findings
 * are sorted already: every format lists them in the same order, so that
 * two reports of the same run agree and a report diffs cleanly against
 * the previous one. */
#include "report.h"
#include "emit/html_sanitize.h"

#include <stdlib.h>
#include <string.h>

/* What rd_doc_load names standard input, which the command line calls "-":
 * a page is named in reports as its findings name it. */
#define STDIN_NAME "<stdin>"

static void add_count(rd_report_counts *c, rd_severity severity)
{
    switch (severity) {
    case RD_SEVERITY_ERROR: c->errors++; break;
    case RD_SEVERITY_WARNING: c->warnings++; break;
    default: c->infos++; break;
    }
}

/* ------------------------------------------------------------------ files */

static const char *page_name(const rd_report_options *opts, size_t i)
{
    if (opts->docs && opts->docs[i])
        return rd_doc_name(opts->docs[i]);
    return strcmp(opts->files[i], "-") == 0 ? STDIN_NAME : opts->files[i];
}

static int compare_files(const void *pa, const void *pb)
{
    const rd_report_file *a = pa, *b = pb;
    return strcmp(a->path, b->path);
}

/* Sorted, each page once (a page named twice is linted twice but is one
 * page of the report). */
static void sort_files(rd_report_summary *s)
{
    qsort(s->files, s->nfiles, sizeof *s->files, compare_files);
    size_t kept = 0;
    for (size_t i = 0; i < s->nfiles; i++) {
        if (kept && strcmp(s->files[kept - 1].path, s->files[i].path) == 0) {
            if (!s->files[kept - 1].doc)
                s->files[kept - 1].doc = s->files[i].doc;
            s->files[kept - 1].seconds += s->files[i].seconds;
            continue;
        }
        s->files[kept++] = s->files[i];
    }
    s->nfiles = kept;
}

/* Every page given, and any page a finding names that was not given. */
static void collect_files(const rd_diag_list *diags,
                          const rd_report_options *opts, rd_report_summary *s)
{
    size_t given = opts->files ? opts->nfiles : 0;
    s->files = rd_xcalloc(given + diags->len, sizeof *s->files);
    for (size_t i = 0; i < given; i++)
        s->files[s->nfiles++] = (rd_report_file){
            .path = page_name(opts, i),
            .doc = opts->docs ? opts->docs[i] : NULL,
            .seconds = opts->seconds ? opts->seconds[i] : 0,
        };
    for (size_t i = 0; i < diags->len; i++)
        if (i == 0 || strcmp(diags->items[i].file, diags->items[i - 1].file) != 0)
            s->files[s->nfiles++] = (rd_report_file){ .path = diags->items[i].file };
    sort_files(s);
}

/* Findings and files are both sorted by name: one pass pairs them. */
static void attach_findings(const rd_diag_list *diags, rd_report_summary *s)
{
    size_t d = 0;
    for (size_t f = 0; f < s->nfiles; f++) {
        rd_report_file *file = &s->files[f];
        while (d < diags->len && strcmp(diags->items[d].file, file->path) < 0)
            d++;
        file->first = d;
        while (d < diags->len && strcmp(diags->items[d].file, file->path) == 0)
            add_count(&file->counts, diags->items[d++].severity);
        file->count = d - file->first;
    }
}

/* ------------------------------------------------------------------ rules */

static int compare_rules(const void *pa, const void *pb)
{
    const rd_report_rule *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

static void sort_rules(rd_report_summary *s)
{
    qsort(s->rules, s->nrules, sizeof *s->rules, compare_rules);
    size_t kept = 0;
    for (size_t i = 0; i < s->nrules; i++) {
        if (kept && strcmp(s->rules[kept - 1].id, s->rules[i].id) == 0) {
            if (!s->rules[kept - 1].rule)
                s->rules[kept - 1].rule = s->rules[i].rule;
            continue;
        }
        s->rules[kept++] = s->rules[i];
    }
    s->nrules = kept;
}

/* Every rule of the rule set, on or off, and the rules findings name that
 * it does not hold (a finding made while reading a page, with a rule set
 * of one's own). */
static void collect_rules(const rd_diag_list *diags,
                          const rd_report_options *opts, rd_report_summary *s)
{
    size_t declared = opts->rules ? opts->rules->nrules : 0;
    s->rules = rd_xcalloc(declared + diags->len, sizeof *s->rules);
    for (size_t i = 0; i < declared; i++)
        s->rules[s->nrules++] = (rd_report_rule){
            .id = opts->rules->rules[i].id,
            .rule = &opts->rules->rules[i],
        };
    for (size_t i = 0; i < diags->len; i++)
        if (!rd_ruleset_find(opts->rules, diags->items[i].rule))
            s->rules[s->nrules++] = (rd_report_rule){ .id = diags->items[i].rule };
    sort_rules(s);
}

size_t rd_report_rule_index(const rd_report_summary *s, const char *id)
{
    size_t lo = 0, hi = s->nrules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->rules[mid].id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return s->nrules;
}

void rd_report_summarize(const rd_diag_list *diags,
                         const rd_report_options *opts, rd_report_summary *s)
{
    static const rd_report_options none = { 0 };
    if (!opts)
        opts = &none;
    *s = (rd_report_summary){ 0 };
    collect_files(diags, opts, s);
    attach_findings(diags, s);
    collect_rules(diags, opts, s);
    for (size_t i = 0; i < diags->len; i++) {
        const rd_diag *d = &diags->items[i];
        add_count(&s->counts, d->severity);
        add_count(&s->rules[rd_report_rule_index(s, d->rule)].counts, d->severity);
    }
}

void rd_report_summary_free(rd_report_summary *s)
{
    free(s->files);
    free(s->rules);
    *s = (rd_report_summary){ 0 };
}

rd_report_counts rd_report_count_rule(const rd_diag_list *diags,
                                      const rd_report_file *file,
                                      const char *rule)
{
    rd_report_counts c = { 0 };
    for (size_t i = file->first; i < file->first + file->count; i++)
        if (strcmp(diags->items[i].rule, rule) == 0)
            add_count(&c, diags->items[i].severity);
    return c;
}

const char *rd_report_rule_summary(const rd_report_rule *r)
{
    return r->rule && r->rule->description && *r->rule->description
               ? r->rule->description : r->id;
}

/* ------------------------------------------------------------ clean text */

const char *rd_report_clean_text(const char *s, rd_buf *scratch)
{
    scratch->len = 0;
    rd_buf_puts(scratch, "");
    rd_buf visible;
    rd_buf_init(&visible);
    rd_visible_put(&visible, s ? s : "");
    rd_html_escape(scratch, visible.data ? visible.data : "", visible.len, RD_ESC_RAW);
    rd_buf_free(&visible);
    return scratch->data;
}
