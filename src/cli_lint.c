/* roledoc lint: check pages against the rules and report the findings. */
#include "cli.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A rule setting of the command line, kept in the order given. */
typedef struct {
    const char *id;
    int severity;            /* RD_SEVERITY_* or RD_LINT_ENABLE */
} rule_setting;

/* One report to write: -f and -o pair up in the order given, whichever
 * comes first; a format without -o goes to standard output, an -o without
 * -f gets the text report. */
typedef struct {
    const rd_report_format *format;   /* NULL until its -f comes */
    const char *output;               /* NULL: standard output */
} report_request;

typedef struct {
    report_request *reports; /* -f/-o pairs */
    size_t nreports;
    const char *config;      /* --config */
    const char *rules_dir;   /* --rules */
    rule_setting *settings;
    size_t nsettings;
    rd_path_list excludes;   /* --exclude globs */
    long max_warnings;       /* -1: no limit */
    unsigned jobs;
    bool no_color;
    rd_parse_options parse;  /* --max-size */
} lint_opts;

static void lint_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc lint [OPTIONS] PATH...\n"
        "\n"
        "Checks each page (a file, '-' for standard input, a directory walked\n"
        "for *.md files, or a quoted glob such as 'docs/**/*.md') against the\n"
        "rules and reports the findings, sorted by file and position. Pages\n"
        "that the configuration's ignore globs or --exclude match are left out.\n"
        "\n"
        "  -f, --format FORMAT   report format:");
    for (const rd_report_format *r = rd_reports(); r->name; r++)
        fprintf(out, " %s", r->name);
    fprintf(out, " (default text)\n"
        "  -o, --output FILE     write the report to FILE instead of standard output\n"
        "                        (atomically); repeat -f FORMAT -o FILE to write\n"
        "                        several reports of one run\n"
        "      --config FILE     use this configuration (YAML or XML) for every page\n"
        "                        instead of the .roledoc.yaml, .roledoc.yml or\n"
        "                        .roledoc.xml found above each page\n"
        "      --rules DIR       read the rules from DIR\n"
        "      --enable ID       turn rule ID on (at its default severity)\n"
        "      --disable ID      turn rule ID off\n"
        "      --severity ID=LEVEL  set rule ID to off, info, warning or error (on:\n"
        "                        its default severity)\n"
        "      --exclude GLOB    leave out the pages GLOB matches (or whose directory\n"
        "                        it matches), relative to the current directory\n"
        "      --max-warnings N  fail when there are more than N warnings\n"
        "  -j, --jobs N          lint N pages at a time (default 0: one per\n"
        "                        processor)\n"
        "      --no-color        no colours, even on a terminal\n"
        "      --max-size N      refuse pages larger than N bytes (default 64 MiB)\n"
        "  -h, --help            show this help\n"
        "\n"
        "Exit status: 0 no error-level finding, 1 error-level findings (or too\n"
        "many warnings), 2 usage, configuration or I/O error.\n"
        "\n"
        "example: roledoc lint --disable http-link --max-warnings 0 docs/\n");
}

enum {
    OPT_CONFIG = 256, OPT_RULES, OPT_ENABLE, OPT_DISABLE, OPT_SEVERITY,
    OPT_MAX_WARNINGS, OPT_NO_COLOR, OPT_MAX_SIZE, OPT_EXCLUDE
};

static const struct option long_options[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "config", required_argument, NULL, OPT_CONFIG },
    { "rules", required_argument, NULL, OPT_RULES },
    { "enable", required_argument, NULL, OPT_ENABLE },
    { "disable", required_argument, NULL, OPT_DISABLE },
    { "severity", required_argument, NULL, OPT_SEVERITY },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "max-warnings", required_argument, NULL, OPT_MAX_WARNINGS },
    { "jobs", required_argument, NULL, 'j' },
    { "no-color", no_argument, NULL, OPT_NO_COLOR },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* -f or -o: completes the last report when it still lacks this half,
 * else starts a new one. */
static void add_report_half(lint_opts *o, const rd_report_format *format,
                            const char *output)
{
    report_request *last = o->nreports ? &o->reports[o->nreports - 1] : NULL;
    if (last && format && !last->format) {
        last->format = format;
        return;
    }
    if (last && output && !last->output) {
        last->output = output;
        return;
    }
    o->reports = realloc(o->reports, (o->nreports + 1) * sizeof *o->reports);
    if (!o->reports)
        abort();
    o->reports[o->nreports++] = (report_request){ format, output };
}

static void add_setting(lint_opts *o, const char *id, int severity)
{
    o->settings = realloc(o->settings, (o->nsettings + 1) * sizeof *o->settings);
    if (!o->settings)
        abort();
    o->settings[o->nsettings++] = (rule_setting){ id, severity };
}

/* --severity ID=LEVEL; returns 0 when well-formed. */
static int add_severity_setting(lint_opts *o, char *arg)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return -1;
    const char *level = eq + 1;
    if (strcmp(level, "on") == 0) {
        *eq = '\0';
        add_setting(o, arg, RD_LINT_ENABLE);
        return 0;
    }
    int severity = (int)rd_severity_from_name(level);
    if (severity < 0)
        return -1;
    *eq = '\0';
    add_setting(o, arg, severity);
    return 0;
}

/* Reads one option; returns -1 to go on, else the exit status. */
static int parse_option(int c, char **argv, lint_opts *o)
{
    unsigned n;
    switch (c) {
    case 'f': {
        const rd_report_format *format = rd_report_find(optarg);
        if (!format) {
            cli_error("lint: unknown report format '%s'", optarg);
            return EXIT_TROUBLE;
        }
        add_report_half(o, format, NULL);
        return -1;
    }
    case 'o': add_report_half(o, NULL, optarg); return -1;
    case OPT_CONFIG: o->config = optarg; return -1;
    case OPT_RULES: o->rules_dir = optarg; return -1;
    case OPT_ENABLE: add_setting(o, optarg, RD_LINT_ENABLE); return -1;
    case OPT_DISABLE: add_setting(o, optarg, RD_SEVERITY_OFF); return -1;
    case OPT_EXCLUDE: rd_path_list_add(&o->excludes, strdup(optarg)); return -1;
    case OPT_SEVERITY:
        if (add_severity_setting(o, optarg) == 0)
            return -1;
        cli_error("lint: --severity wants ID=LEVEL with LEVEL one of off, info, "
                  "warning, error, not '%s'", optarg);
        return EXIT_TROUBLE;
    case OPT_MAX_WARNINGS:
        if (cli_number_option("lint", "--max-warnings", "a number", optarg,
                              0, 1000000000u, &n) != 0)
            return EXIT_TROUBLE;
        o->max_warnings = n;
        return -1;
    case 'j':
        return cli_jobs_option("lint", optarg, &o->jobs) == 0 ? -1 : EXIT_TROUBLE;
    case OPT_NO_COLOR: o->no_color = true; return -1;
    case OPT_MAX_SIZE:
        return cli_max_size_option("lint", optarg, &o->parse.max_size) == 0
             ? -1 : EXIT_TROUBLE;
    default:
        return cli_option_end("lint", c, argv, lint_usage);
    }
}

static bool to_stdout(const report_request *r)
{
    return !r->output || strcmp(r->output, "-") == 0;
}

static bool same_place(const report_request *a, const report_request *b)
{
    if (to_stdout(a) || to_stdout(b))
        return to_stdout(a) && to_stdout(b);
    return strcmp(a->output, b->output) == 0;
}

/* Gives every report a format (text by default), and refuses two reports
 * in one place: their bytes would mix, or the second would replace the
 * first. */
static int check_reports(lint_opts *o)
{
    if (o->nreports == 0)
        add_report_half(o, NULL, "-");
    for (size_t i = 0; i < o->nreports; i++) {
        report_request *r = &o->reports[i];
        if (!r->format)
            r->format = rd_report_find("text");
        for (size_t k = 0; k < i; k++) {
            if (!same_place(r, &o->reports[k]))
                continue;
            cli_error("lint: two reports would go to %s: give each -f its own -o FILE",
                      to_stdout(r) ? "standard output" : r->output);
            return EXIT_TROUBLE;
        }
    }
    return -1;
}

static int parse_options(int argc, char **argv, lint_opts *o)
{
    int c, status;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:o:j:h", long_options, NULL)) != -1)
        if ((status = parse_option(c, argv, o)) >= 0)
            return status;
    if (optind >= argc) {
        cli_error("lint: no page given (use '-' for standard input)");
        lint_usage(stderr);
        return EXIT_TROUBLE;
    }
    return check_reports(o);
}

/* ------------------------------------------------------------------ setup */

/* The rule set and a linter with the configuration and settings of the
 * command line; prints the problem and returns NULL on failure. */
static rd_linter *make_linter(const lint_opts *o, rd_ruleset *rules)
{
    rd_error err;
    const char *dir = o->rules_dir ? o->rules_dir : rd_default_rules_dir();
    if (rd_ruleset_load(rules, dir, &err) != RD_OK) {
        fprintf(stderr, "%s\n", err.message);
        return NULL;
    }
    rd_linter *linter = rd_linter_new(rules);
    bool ok = !o->config || rd_linter_use_config(linter, o->config, &err) == RD_OK;
    for (size_t i = 0; ok && i < o->nsettings; i++)
        ok = rd_linter_set_severity(linter, o->settings[i].id,
                                    o->settings[i].severity, &err) == RD_OK;
    for (size_t i = 0; ok && i < o->excludes.len; i++)
        ok = rd_linter_exclude(linter, o->excludes.paths[i], &err) == RD_OK;
    if (!ok) {
        fprintf(stderr, "%s%s\n", err.status == RD_ERR_USAGE ? "roledoc: lint: " : "",
                err.message);
        rd_linter_free(linter);
        rd_ruleset_free(rules);
        return NULL;
    }
    return linter;
}

/* --------------------------------------------------------------- linting */

/* What linting one page gave. */
typedef struct {
    rd_diag_list diags;
    bool ignored;            /* left out by ignore globs or --exclude */
    char *unreadable;        /* why the page could not be read */
    char *config_error;      /* a broken configuration: stops the run */
} page_result;

typedef struct {
    rd_linter *linter;
    const rd_path_list *pages;
    const rd_parse_options *parse;
    page_result *results;
    rd_doc **docs;           /* the pages, kept for a report that quotes
                                them; else NULL */
    atomic_size_t next;      /* the next page to take */
    atomic_bool stop;        /* a configuration error was met */
} lint_run;

static void lint_page(lint_run *run, size_t i)
{
    const char *path = run->pages->paths[i];
    page_result *res = &run->results[i];
    rd_error err;
    const char *on_disk = strcmp(path, "-") == 0 ? NULL : path;
    int ignored = 0;
    if (rd_linter_ignores(run->linter, on_disk, &ignored, &err) != RD_OK) {
        res->config_error = strdup(err.message);
        atomic_store(&run->stop, true);
        return;
    }
    res->ignored = ignored;
    if (ignored)
        return;
    rd_doc *doc = rd_doc_load(path, NULL, run->parse, &err);
    if (!doc) {
        res->unreadable = strdup(err.message);
        return;
    }
    if (rd_lint_doc(run->linter, doc, on_disk, &res->diags, &err) != RD_OK) {
        res->config_error = strdup(err.message);
        atomic_store(&run->stop, true);
    }
    if (run->docs)
        run->docs[i] = doc;
    else
        rd_doc_free(doc);
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
        lint_page(run, i);
    }
    return NULL;
}

/* -------------------------------------------------------------- reporting */

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

/* Colour only for a person at a terminal who has not asked for none. */
static bool use_color(const lint_opts *o, const report_request *r)
{
    const char *term = getenv("TERM");
    return !o->no_color && to_stdout(r) && isatty(STDOUT_FILENO) &&
           !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
}

static int write_report(const lint_opts *o, const report_request *r,
                        const rd_diag_list *all, rd_report_options *ro)
{
    ro->color = use_color(o, r);
    rd_buf out;
    rd_buf_init(&out);
    int status = r->format->write(all, ro, &out) == 0 ? 0 : -1;
    rd_error err;
    if (status != 0)
        cli_error("lint: the %s report could not be made", r->format->name);
    else if (rd_write_file_atomic(r->output ? r->output : "-",
                                  out.data ? out.data : "", out.len, &err) != RD_OK) {
        cli_error("%s", err.message);
        status = -1;
    }
    rd_buf_free(&out);
    return status;
}

/* What a run came to, besides its findings: the pages linted (in the
 * order given, with their documents when a report quotes them), and how
 * many were left out or could not be read. */
typedef struct {
    const char **linted;
    const rd_doc **docs;     /* NULL when no report needs them */
    size_t nlinted;
    size_t ignored, unreadable;
} run_outcome;

/* Every report from the same findings; one that fails does not keep the
 * others from being written. */
static int write_reports(const lint_opts *o, const rd_diag_list *all,
                         const rd_ruleset *rules, const run_outcome *out)
{
    rd_report_options ro = {
        .rules = rules,
        .files = out->linted,
        .nfiles = out->nlinted,
        .docs = out->docs,
    };
    int status = 0;
    for (size_t i = 0; i < o->nreports; i++)
        if (write_report(o, &o->reports[i], all, &ro) != 0)
            status = -1;
    return status;
}

static bool reports_need_docs(const lint_opts *o)
{
    for (size_t i = 0; i < o->nreports; i++)
        if (o->reports[i].format->needs_docs)
            return true;
    return false;
}

static void free_docs(rd_doc **docs, size_t n)
{
    for (size_t i = 0; docs && i < n; i++)
        rd_doc_free(docs[i]);
    free(docs);
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* Counts the pages linted, not those that could not be read or were left
 * out (said apart, when there are any). */
static void print_summary(const tally *t, const run_outcome *out,
                          const lint_opts *o)
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
    if (o->max_warnings >= 0 && t->warnings > (size_t)o->max_warnings)
        fprintf(stderr, " (more warnings than --max-warnings %ld)", o->max_warnings);
    fputc('\n', stderr);
}

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

/* Gathers the results in page order, listing the pages linted (those that
 * could not be read too: a report lists them, with no findings) and
 * counting the others; returns false when the run stopped. */
static bool gather(lint_run *run, rd_diag_list *all, bool *trouble,
                   run_outcome *out)
{
    for (size_t i = 0; i < run->pages->len; i++) {
        page_result *res = &run->results[i];
        if (res->config_error) {
            fprintf(stderr, "%s\n", res->config_error);
            return false;
        }
        if (res->ignored) {
            out->ignored++;
            continue;
        }
        if (res->unreadable) {
            cli_error("%s", res->unreadable);
            *trouble = true;
            out->unreadable++;
        }
        if (out->docs)
            out->docs[out->nlinted] = run->docs[i];
        out->linted[out->nlinted++] = run->pages->paths[i];
        take_findings(all, &res->diags);
    }
    return true;
}

static void free_results(page_result *results, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rd_diag_list_free(&results[i].diags);
        free(results[i].unreadable);
        free(results[i].config_error);
    }
    free(results);
}

static int lint_pages(const lint_opts *o, rd_linter *linter,
                      const rd_ruleset *rules, const rd_path_list *pages,
                      bool trouble)
{
    lint_run run = { .linter = linter, .pages = pages, .parse = &o->parse };
    run.results = calloc(pages->len ? pages->len : 1, sizeof *run.results);
    if (reports_need_docs(o))
        run.docs = calloc(pages->len ? pages->len : 1, sizeof *run.docs);
    if (!run.results || (reports_need_docs(o) && !run.docs))
        abort();
    atomic_init(&run.next, 0);
    atomic_init(&run.stop, false);
    cli_run_workers(o->jobs, pages->len, lint_worker, &run);
    rd_diag_list all = { 0 };
    run_outcome out = { .linted = calloc(pages->len + 1, sizeof *out.linted) };
    if (run.docs)
        out.docs = calloc(pages->len + 1, sizeof *out.docs);
    if (!out.linted || (run.docs && !out.docs))
        abort();
    bool completed = gather(&run, &all, &trouble, &out);
    free_results(run.results, pages->len);
    int status = EXIT_TROUBLE;
    if (completed) {
        rd_diag_list_sort(&all);
        if (write_reports(o, &all, rules, &out) != 0)
            trouble = true;
        tally t = count(&all);
        print_summary(&t, &out, o);
        bool too_many = o->max_warnings >= 0 && t.warnings > (size_t)o->max_warnings;
        status = trouble ? EXIT_TROUBLE
               : (t.errors || too_many) ? EXIT_FINDINGS : EXIT_CLEAN;
    }
    rd_diag_list_free(&all);
    free(out.linted);
    free(out.docs);
    free_docs(run.docs, pages->len);
    return status;
}

int cmd_lint(int argc, char **argv)
{
    lint_opts o = { .max_warnings = -1, .jobs = 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0) {
        free(o.settings);
        rd_path_list_free(&o.excludes);
        free(o.reports);
        return status;
    }
    rd_ruleset rules;
    rd_linter *linter = make_linter(&o, &rules);
    free(o.settings);
    rd_path_list_free(&o.excludes);
    if (!linter) {
        free(o.reports);
        return EXIT_TROUBLE;
    }

    rd_path_list pages = { 0 };
    bool trouble = cli_collect_pages(argc, argv, optind, &pages) != 0;

    status = lint_pages(&o, linter, &rules, &pages, trouble);
    rd_path_list_free(&pages);
    rd_linter_free(linter);
    rd_ruleset_free(&rules);
    free(o.reports);
    return status;
}
