/* roledoc lint: check pages against the rules and report the findings;
 * here its options and its setup (cli/lint.h says where the rest is). */
#include "lint.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void lint_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc lint [OPTIONS] PATH...\n"
        "\n"
        "Checks each page (a file, '-' for standard input, a directory walked\n"
        "for *.md files, or a quoted glob such as 'docs/**/*.md') against the\n"
        "rules and reports the findings, sorted by file and position. Pages\n"
        "that the configuration's ignore globs, --exclude or a '!GLOB' among\n"
        "the pages match are left out.\n"
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
        "      --fix             rewrite each page with the fixes that are safe\n"
        "                        (atomically, a page only when its whole fix\n"
        "                        applies), then report what is left\n"
        "      --fix-dry-run     print those fixes as a unified diff (for patch -p1)\n"
        "                        instead, and change nothing\n"
        "      --write-baseline FILE  record the findings of this run in FILE\n"
        "      --baseline FILE   report only the findings that FILE does not hold\n"
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
    OPT_MAX_WARNINGS, OPT_NO_COLOR, OPT_MAX_SIZE, OPT_EXCLUDE, OPT_FIX,
    OPT_FIX_DRY_RUN, OPT_BASELINE, OPT_WRITE_BASELINE
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
    { "fix", no_argument, NULL, OPT_FIX },
    { "fix-dry-run", no_argument, NULL, OPT_FIX_DRY_RUN },
    { "baseline", required_argument, NULL, OPT_BASELINE },
    { "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
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
    case OPT_FIX: o->fix = FIX_WRITE; return -1;
    case OPT_FIX_DRY_RUN: o->fix = FIX_DRY_RUN; return -1;
    case OPT_BASELINE: o->baseline = optarg; return -1;
    case OPT_WRITE_BASELINE: o->write_baseline = optarg; return -1;
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

static bool same_place(const report_request *a, const report_request *b)
{
    if (lint_report_to_stdout(a) || lint_report_to_stdout(b))
        return lint_report_to_stdout(a) && lint_report_to_stdout(b);
    return strcmp(a->output, b->output) == 0;
}

/* Gives every report a format (text by default), and refuses two reports
 * in one place: their bytes would mix, or the second would replace the
 * first. */
static int check_reports(lint_opts *o)
{
    /* A dry run's diff is its output on standard output. */
    if (o->nreports == 0 && o->fix != FIX_DRY_RUN)
        add_report_half(o, NULL, "-");
    for (size_t i = 0; i < o->nreports; i++) {
        report_request *r = &o->reports[i];
        if (!r->format)
            r->format = rd_report_find("text");
        for (size_t k = 0; k < i; k++) {
            if (!same_place(r, &o->reports[k]))
                continue;
            cli_error("lint: two reports would go to %s: give each -f its own -o FILE",
                      lint_report_to_stdout(r) ? "standard output" : r->output);
            return EXIT_TROUBLE;
        }
        if (o->fix == FIX_DRY_RUN && lint_report_to_stdout(r)) {
            cli_error("lint: --fix-dry-run writes its diff on standard output: "
                      "give the %s report -o FILE", r->format->name);
            return EXIT_TROUBLE;
        }
    }
    return -1;
}

/* Standard input has no file to rewrite, nor a name patch could find. */
static int check_fix(int argc, char **argv, const lint_opts *o)
{
    for (int i = optind; o->fix != FIX_NONE && i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            cli_error("lint: %s fixes files, not standard input",
                      o->fix == FIX_WRITE ? "--fix" : "--fix-dry-run");
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
    o->npages = cli_take_negations(argc, argv, optind, &o->excludes);
    if (o->npages == 0) {
        cli_error("lint: no page given (use '-' for standard input)");
        lint_usage(stderr);
        return EXIT_TROUBLE;
    }
    status = check_fix(argc, argv, o);
    return status >= 0 ? status : check_reports(o);
}

/* ------------------------------------------------------------------ setup */

/* The rule set and a linter with the configuration and settings of the
 * command line; prints the problem and returns NULL on failure. */
static rd_linter *make_linter(const lint_opts *o, rd_ruleset *rules)
{
    rd_linter *linter = cli_linter_new("lint", o->rules_dir, o->config, &o->excludes, rules);
    rd_error err;
    for (size_t i = 0; linter && i < o->nsettings; i++)
        if (rd_linter_set_severity(linter, o->settings[i].id,
                                   o->settings[i].severity, &err) != RD_OK)
            return cli_linter_fail("lint", linter, rules, &err);
    return linter;
}

/* When the run started: SOURCE_DATE_EPOCH when it is set, as for a
 * reproducible build, so that a report can be made again byte for byte. */
static long long run_started(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = epoch ? strtoll(epoch, &end, 10) : 0;
    return epoch && *epoch && !*end && t > 0 ? t : (long long)time(NULL);
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
    lint_outcome out = { .started = run_started() };
    out.trouble = cli_collect_pages(optind + o.npages, argv, optind, &pages) != 0;
    status = lint_run_pages(&o, linter, &pages, &out)
        ? lint_finish(&o, &rules, &out) : EXIT_TROUBLE;
    lint_outcome_free(&out);
    rd_path_list_free(&pages);
    rd_linter_free(linter);
    rd_ruleset_free(&rules);
    free(o.reports);
    return status;
}
