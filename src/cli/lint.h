/* roledoc lint's own declarations: its options (cli/lint.c), the run over
 * the pages, fixes included (cli/lint_run.c), and what is made of the
 * findings: baseline, reports, summary, exit status (cli/lint_report.c). */
#ifndef RD_CLI_LINT_H
#define RD_CLI_LINT_H

#include "cli.h"

#include <stdbool.h>

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

typedef enum {
    FIX_NONE,
    FIX_WRITE,               /* --fix: pages rewritten */
    FIX_DRY_RUN              /* --fix-dry-run: a diff on standard output */
} fix_mode;

typedef struct {
    report_request *reports; /* -f/-o pairs */
    size_t nreports;
    const char *config;      /* --config */
    const char *rules_dir;   /* --rules */
    rule_setting *settings;
    size_t nsettings;
    rd_path_list excludes;   /* --exclude globs, and '!GLOB' pages */
    int npages;              /* page arguments, from optind on */
    const char *baseline;    /* --baseline FILE */
    const char *write_baseline;   /* --write-baseline FILE */
    fix_mode fix;
    long max_warnings;       /* -1: no limit */
    unsigned jobs;
    bool no_color;
    rd_parse_options parse;  /* --max-size */
} lint_opts;

/* What a run came to. */
typedef struct {
    rd_diag_list findings;   /* every page's, in page order */
    const char **linted;     /* the pages linted (those that could not be
                                read too), in the order given */
    rd_doc **docs;           /* their documents when a report quotes them,
                                else NULL (owned) */
    size_t nlinted;
    double *seconds;         /* what each page linted took */
    long long started;       /* when the run started (SOURCE_DATE_EPOCH
                                when set, for reproducible reports) */
    size_t ignored, unreadable;
    size_t fixes, fixed_pages;    /* changes made (or, dry, to be made) */
    rd_buf diff;             /* --fix-dry-run: the diffs, in page order */
    bool trouble;            /* an I/O problem: exit status 2 */
} lint_outcome;

/* Lints the pages, fixing them as o->fix says; false when a configuration
 * error stopped the run (said on standard error). */
bool lint_run_pages(const lint_opts *o, rd_linter *linter,
                    const rd_path_list *pages, lint_outcome *out);
void lint_outcome_free(lint_outcome *out);

/* The baseline, the reports, the summary; returns the exit status. */
int lint_finish(const lint_opts *o, const rd_ruleset *rules,
                lint_outcome *out);

/* Whether a report goes to standard output. */
bool lint_report_to_stdout(const report_request *r);

#endif
