/* The JUnit XML report, which GitLab and Jenkins read, in the structure
 * they document (docs/junit.xsd checks it): a testsuite per page with its
 * name, counts, time, timestamp and hostname; in it one testcase per rule
 * that fired on the page, failed when its findings are errors or warnings
 * (type "error" or "warning", so that both show among the failed tests;
 * the exit status, not the report, says whether a run fails), passed with
 * the findings as output when they are info; and one passing testcase
 * "linted" per page, which shows every page linted, clean ones too, and
 * carries the time linting it took. The findings are written one a line,
 * as the text report writes them. */
#include "report.h"
#include "emit/html_sanitize.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE_CASE "linted"

typedef struct {
    xmlTextWriterPtr w;
    rd_buf scratch;          /* text cleaned for XML */
    int failed;              /* a libxml2 call failed */
    const rd_report_options *opts;
    char timestamp[32];
    char hostname[256];
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

static void attr_seconds(junit_writer *jw, double seconds)
{
    char n[32];
    snprintf(n, sizeof n, "%.6f", seconds > 0 ? seconds : 0.0);
    attr(jw, "time", n);
}

/* Text of several lines, each made visible when it was written: its line
 * breaks are kept, and what XML 1.0 cannot hold becomes U+FFFD. */
static void text(junit_writer *jw, const char *s)
{
    jw->scratch.len = 0;
    rd_buf_puts(&jw->scratch, "");
    rd_html_escape(&jw->scratch, s, strlen(s), RD_ESC_RAW);
    if (xmlTextWriterWriteString(jw->w, BAD_CAST jw->scratch.data) < 0)
        jw->failed = 1;
}

/* ---------------------------------------------------------------- content */

/* The findings of one rule on one page, as the text report writes them. */
static void finding_lines(const rd_diag_list *diags, const rd_report_file *f,
                          const char *rule, rd_buf *out)
{
    for (size_t i = f->first; i < f->first + f->count; i++) {
        const rd_diag *d = &diags->items[i];
        if (strcmp(d->rule, rule) != 0)
            continue;
        rd_visible_put(out, d->file);
        rd_buf_printf(out, ":%u:%u: %s: ", d->line, d->col,
                      rd_severity_name(d->severity));
        rd_visible_put(out, d->message);
        rd_buf_puts(out, " [");
        rd_visible_put(out, d->rule);
        rd_buf_puts(out, "]\n");
        if (d->hint) {
            rd_buf_puts(out, "  hint: ");
            rd_visible_put(out, d->hint);
            rd_buf_putc(out, '\n');
        }
    }
}

static bool fails(const rd_report_counts *c)
{
    return c->errors + c->warnings > 0;
}

static void write_outcome(junit_writer *jw, const rd_diag_list *diags,
                          const rd_report_file *f, const rd_report_rule *r,
                          const rd_report_counts *c)
{
    rd_buf lines, message;
    rd_buf_init(&lines);
    rd_buf_init(&message);
    finding_lines(diags, f, r->id, &lines);
    if (fails(c)) {
        const char *level = c->errors ? "error" : "warning";
        size_t n = c->errors ? c->errors : c->warnings;
        rd_buf_printf(&message, "%zu finding%s at %s level: %s", n,
                      n == 1 ? "" : "s", level, rd_report_rule_summary(r));
        start(jw, "failure");
        attr(jw, "type", level);
        attr(jw, "message", message.data);
    } else {
        start(jw, "system-out");
    }
    text(jw, lines.data);
    end(jw);
    rd_buf_free(&lines);
    rd_buf_free(&message);
}

static void start_case(junit_writer *jw, const rd_report_file *f,
                       const char *name, double seconds)
{
    start(jw, "testcase");
    attr(jw, "name", name);
    attr(jw, "classname", f->path);
    attr(jw, "file", f->path);
    attr_seconds(jw, seconds);
}

/* A testcase of each rule that fired on the page, in rule order. */
static void write_rule_cases(junit_writer *jw, const rd_diag_list *diags,
                             const rd_report_summary *s, const rd_report_file *f)
{
    for (size_t i = 0; i < s->nrules; i++) {
        rd_report_counts c = rd_report_count_rule(diags, f, s->rules[i].id);
        if (c.errors + c.warnings + c.infos == 0)
            continue;
        start_case(jw, f, s->rules[i].id, 0);
        write_outcome(jw, diags, f, &s->rules[i], &c);
        end(jw);
    }
}

/* A page's testcases and failed ones. */
typedef struct {
    size_t tests, failures;
} case_tally;

static case_tally count_cases(const rd_diag_list *diags,
                              const rd_report_summary *s,
                              const rd_report_file *f)
{
    case_tally t = { 1, 0 };             /* the page's own testcase */
    for (size_t i = 0; i < s->nrules; i++) {
        rd_report_counts c = rd_report_count_rule(diags, f, s->rules[i].id);
        t.tests += c.errors + c.warnings + c.infos > 0;
        t.failures += fails(&c);
    }
    return t;
}

static void write_tally(junit_writer *jw, const case_tally *t, double seconds)
{
    attr_count(jw, "tests", t->tests);
    attr_count(jw, "failures", t->failures);
    attr(jw, "errors", "0");
    attr(jw, "skipped", "0");
    attr_seconds(jw, seconds);
}

static void write_suite(junit_writer *jw, const rd_diag_list *diags,
                        const rd_report_summary *s, size_t i,
                        const case_tally *t)
{
    const rd_report_file *f = &s->files[i];
    char id[32];
    snprintf(id, sizeof id, "%zu", i);
    start(jw, "testsuite");
    attr(jw, "name", f->path);
    write_tally(jw, t, f->seconds);
    attr(jw, "timestamp", jw->timestamp);
    attr(jw, "hostname", jw->hostname);
    attr(jw, "id", id);
    attr(jw, "package", "roledoc");
    start(jw, "properties");
    start(jw, "property");
    attr(jw, "name", "roledoc.version");
    attr(jw, "value", RD_VERSION);
    end(jw);
    end(jw);
    start_case(jw, f, PAGE_CASE, f->seconds);
    end(jw);
    write_rule_cases(jw, diags, s, f);
    end(jw);
}

static void write_suites(junit_writer *jw, const rd_diag_list *diags,
                         const rd_report_summary *s)
{
    case_tally total = { 0, 0 };
    double seconds = 0;
    case_tally *per_file = rd_xcalloc(s->nfiles + 1, sizeof *per_file);
    for (size_t i = 0; i < s->nfiles; i++) {
        per_file[i] = count_cases(diags, s, &s->files[i]);
        total.tests += per_file[i].tests;
        total.failures += per_file[i].failures;
        seconds += s->files[i].seconds;
    }
    start(jw, "testsuites");
    attr(jw, "name", "roledoc lint");
    write_tally(jw, &total, seconds);
    for (size_t i = 0; i < s->nfiles; i++)
        write_suite(jw, diags, s, i, &per_file[i]);
    end(jw);
    free(per_file);
}

/* When and where: what the caller says, else now and this machine. */
static void stamp(junit_writer *jw)
{
    const rd_report_options *o = jw->opts;
    time_t when = o && o->started ? (time_t)o->started : time(NULL);
    struct tm tm;
    if (!gmtime_r(&when, &tm) ||
        !strftime(jw->timestamp, sizeof jw->timestamp, "%Y-%m-%dT%H:%M:%S", &tm))
        snprintf(jw->timestamp, sizeof jw->timestamp, "1970-01-01T00:00:00");
    if (o && o->hostname)
        snprintf(jw->hostname, sizeof jw->hostname, "%s", o->hostname);
    else if (gethostname(jw->hostname, sizeof jw->hostname - 1) != 0 ||
             !jw->hostname[0])
        snprintf(jw->hostname, sizeof jw->hostname, "localhost");
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
    junit_writer jw = { .w = w, .opts = opts };
    rd_buf_init(&jw.scratch);
    stamp(&jw);
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
