/* The report formats of lint, by name. Each lives in its own file
 * (src/report_NAME.c) and writes the same sorted list of findings; adding
 * one is a function there and a line here. */
#include "report.h"

#include <string.h>

static const rd_report_format reports[] = {
    { "text", "txt", rd_report_text, "one finding a line: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]", 0, 0 },
    { "json", "json", rd_report_json, "the pages and findings as JSON (docs/lint-json.md)", 0, 0 },
    { "sarif", "sarif", rd_report_sarif, "SARIF 2.1.0, for code-scanning dashboards", 0, 1 },
    { "junit", "xml", rd_report_junit, "JUnit XML: a testsuite per page, a testcase per rule that fired", 0, 0 },
    { "github", "txt", rd_report_github, "GitHub Actions workflow commands (annotations)", 0, 0 },
    { "html", "html", rd_report_html, "a standalone HTML page: totals, charts, findings in context", 1, 0 },
    { NULL, NULL, NULL, NULL, 0, 0 },
};

const rd_report_format *rd_reports(void)
{
    return reports;
}

const rd_report_format *rd_report_find(const char *name)
{
    for (const rd_report_format *r = reports; r->name; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}
