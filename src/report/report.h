/* The writers of lint reports, one file each (src/report_NAME.c), listed
 * by name in src/reports.c. Not installed. */
#ifndef RD_REPORT_H
#define RD_REPORT_H

#include "internal.h"

int rd_report_text(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out);
int rd_report_json(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out);
int rd_report_sarif(const rd_diag_list *diags, const rd_report_options *opts,
                    rd_buf *out);
int rd_report_junit(const rd_diag_list *diags, const rd_report_options *opts,
                    rd_buf *out);
int rd_report_github(const rd_diag_list *diags, const rd_report_options *opts,
                     rd_buf *out);
int rd_report_html(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out);

/* ---------------------------------------------- shared by the formats
 * (src/report/report.c) */

/* Findings counted by severity. */
typedef struct {
    size_t errors, warnings, infos;
} rd_report_counts;

/* One page of the run, with its findings: diags->items[first..first+count),
 * findings being sorted by file. */
typedef struct {
    const char *path;        /* as the findings name it */
    const rd_doc *doc;       /* NULL when the caller kept no page */
    size_t first, count;
    rd_report_counts counts;
    double seconds;          /* what linting it took, when the caller says */
} rd_report_file;

/* One rule the report speaks of. */
typedef struct {
    const char *id;
    const rd_rule *rule;     /* NULL for a rule that findings name but the
                                rule set does not hold */
    rd_report_counts counts;
} rd_report_rule;

/* What most formats need besides the findings: every page linted and every
 * rule known or met, each sorted by name and counted. */
typedef struct {
    rd_report_file *files;
    size_t nfiles;
    rd_report_rule *rules;
    size_t nrules;
    rd_report_counts counts;
} rd_report_summary;

void rd_report_summarize(const rd_diag_list *diags,
                         const rd_report_options *opts, rd_report_summary *s);
void rd_report_summary_free(rd_report_summary *s);
/* Index of rule `id` in s->rules (every finding's rule is there). */
size_t rd_report_rule_index(const rd_report_summary *s, const char *id);
/* The findings of one rule in one file, counted. */
rd_report_counts rd_report_count_rule(const rd_diag_list *diags,
                                      const rd_report_file *file,
                                      const char *rule);

/* s made visible (see rd_buf_put_visible: controls and line breaks as
 * escapes), and the noncharacters XML 1.0 forbids as U+FFFD, in scratch:
 * one line of text that libxml2 may be handed and a CI log shows as it is. */
const char *rd_report_clean_text(const char *s, rd_buf *scratch);
/* SARIF, JUnit and HTML describe rules: the rule's one-line description,
 * else its id. */
const char *rd_report_rule_summary(const rd_report_rule *r);

#endif
