/* The JUnit XML report, which GitLab and Jenkins read: one testsuite per
 * page, one testcase per rule, failed when the rule found something at
 * error level on that page; the findings themselves in the failure (or,
 * below error level, in the testcase's output), one a line as the text
 * report writes them. A rule that is off and found nothing is skipped.
 * No timestamps or durations: the same run gives the same file. */
#include "report.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    xmlTextWriterPtr w;
    rd_buf scratch;          /* text cleaned for XML */
    int failed;              /* a libxml2 call failed */
} junit_writer;

static void start(junit_writer *jw, const char *element)
{
    if (xmlTextWriterStartElement(jw->w, BAD_CAST element) < 0)
        jw->failed = 1;
}

static void end(junit_writer *jw)
{
    if (xmlTextWriterEndElement(jw->w) < 0)
        jw->failed = 1;
}

static void attr(junit_writer *jw, const char *name, const char *value)
{
    const char *clean = rd_report_clean_text(value, &jw->scratch);
    if (xmlTextWriterWriteAttribute(jw->w, BAD_CAST name, BAD_CAST clean) < 0)
        jw->failed = 1;
}

static void attr_count(junit_writer *jw, const char *name, size_t value)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", value);
    attr(jw, name, n);
}

static void text(junit_writer *jw, const char *s)
{
    const char *clean = rd_report_clean_text(s, &jw->scratch);
    if (xmlTextWriterWriteString(jw->w, BAD_CAST clean) < 0)
        jw->failed = 1;
}

/* ---------------------------------------------------------------- content */

static bool skipped(const rd_report_rule *r, const rd_report_counts *c)
{
    return r->rule && r->rule->severity == RD_SEVERITY_OFF &&
           c->errors + c->warnings + c->infos == 0;
}

/* The findings of one rule on one page, as the text report writes them. */
static void finding_lines(const rd_diag_list *diags, const rd_report_file *f,
                          const char *rule, rd_buf *out)
{
    for (size_t i = f->first; i < f->first + f->count; i++) {
        const rd_diag *d = &diags->items[i];
        if (strcmp(d->rule, rule) != 0)
            continue;
        rd_buf_printf(out, "%s:%u:%u: %s: %s [%s]\n", d->file, d->line, d->col,
                      rd_severity_name(d->severity), d->message, d->rule);
        if (d->hint)
            rd_buf_printf(out, "  hint: %s\n", d->hint);
    }
}

static void write_outcome(junit_writer *jw, const rd_diag_list *diags,
                          const rd_report_file *f, const rd_report_rule *r,
                          const rd_report_counts *c)
{
    if (skipped(r, c)) {
        start(jw, "skipped");
        attr(jw, "message", "rule off");
        end(jw);
        return;
    }
    if (c->errors + c->warnings + c->infos == 0)
        return;
    rd_buf lines, message;
    rd_buf_init(&lines);
    rd_buf_init(&message);
    finding_lines(diags, f, r->id, &lines);
    if (c->errors) {
        rd_buf_printf(&message, "%zu finding%s at error level: %s", c->errors,
                      c->errors == 1 ? "" : "s", rd_report_rule_summary(r));
        start(jw, "failure");
        attr(jw, "type", "error");
        attr(jw, "message", message.data);
    } else {
        start(jw, "system-out");
    }
    text(jw, lines.data);
    end(jw);
    rd_buf_free(&lines);
    rd_buf_free(&message);
}

static void write_testcase(junit_writer *jw, const rd_diag_list *diags,
                           const rd_report_file *f, const rd_report_rule *r)
{
    rd_report_counts c = rd_report_count_rule(diags, f, r->id);
    start(jw, "testcase");
    attr(jw, "classname", f->path);
    attr(jw, "name", r->id);
    attr(jw, "file", f->path);
    write_outcome(jw, diags, f, r, &c);
    end(jw);
}

/* Failed and skipped testcases. */
typedef struct {
    size_t failures, skipped;
} case_tally;

static case_tally count_cases(const rd_diag_list *diags,
                              const rd_report_summary *s,
                              const rd_report_file *f)
{
    case_tally t = { 0 };
    for (size_t i = 0; i < s->nrules; i++) {
        rd_report_counts c = rd_report_count_rule(diags, f, s->rules[i].id);
        t.failures += c.errors > 0;
        t.skipped += skipped(&s->rules[i], &c);
    }
    return t;
}

static void write_tally(junit_writer *jw, size_t tests, const case_tally *t)
{
    attr_count(jw, "tests", tests);
    attr_count(jw, "failures", t->failures);
    attr(jw, "errors", "0");
    attr_count(jw, "skipped", t->skipped);
}

static void write_suite(junit_writer *jw, const rd_diag_list *diags,
                        const rd_report_summary *s, const rd_report_file *f,
                        const case_tally *t)
{
    start(jw, "testsuite");
    attr(jw, "name", f->path);
    write_tally(jw, s->nrules, t);
    for (size_t i = 0; i < s->nrules; i++)
        write_testcase(jw, diags, f, &s->rules[i]);
    end(jw);
}

static void write_suites(junit_writer *jw, const rd_diag_list *diags,
                         const rd_report_summary *s)
{
    case_tally total = { 0 };
    case_tally *per_file = calloc(s->nfiles + 1, sizeof *per_file);
    if (!per_file)
        abort();
    for (size_t i = 0; i < s->nfiles; i++) {
        per_file[i] = count_cases(diags, s, &s->files[i]);
        total.failures += per_file[i].failures;
        total.skipped += per_file[i].skipped;
    }
    start(jw, "testsuites");
    attr(jw, "name", "roledoc lint");
    write_tally(jw, s->nrules * s->nfiles, &total);
    for (size_t i = 0; i < s->nfiles; i++)
        write_suite(jw, diags, s, &s->files[i], &per_file[i]);
    end(jw);
    free(per_file);
}

int rd_report_junit(const rd_diag_list *diags, const rd_report_options *opts,
                    rd_buf *out)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    if (!w) {
        xmlBufferFree(buf);
        return -1;
    }
    junit_writer jw = { .w = w };
    rd_buf_init(&jw.scratch);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0)
        jw.failed = 1;
    rd_report_summary s;
    rd_report_summarize(diags, opts, &s);
    write_suites(&jw, diags, &s);
    rd_report_summary_free(&s);
    if (xmlTextWriterEndDocument(w) < 0)
        jw.failed = 1;
    xmlFreeTextWriter(w);
    if (!jw.failed)
        rd_buf_put(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
    xmlBufferFree(buf);
    rd_buf_free(&jw.scratch);
    return jw.failed ? -1 : 0;
}
