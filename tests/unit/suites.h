/* Every Check suite of the unit tests; tests/check_main.c runs them all. */
#ifndef RD_TEST_SUITES_H
#define RD_TEST_SUITES_H

#include "roledoc.h"

#include <check.h>

Suite *source_suite(void);
Suite *parse_suite(void);
Suite *html_in_suite(void);
Suite *text_suite(void);
Suite *rules_suite(void);
Suite *model_suite(void);
Suite *checks_suite(void);
Suite *reports_suite(void);
Suite *fix_suite(void);
Suite *space_suite(void);
/* The suites that read the shared material (check_roledoc --reference). */
Suite *text_reference_suite(void);

/* Path of a file under the source tree's fixtures/ (static buffer). */
const char *fixture_path(const char *name);
/* The source tree's rules/ (static buffer). */
const char *source_rules_dir(void);
/* Loads the rules of the source tree into *rules; aborts the test on
 * failure. */
void load_source_rules(rd_ruleset *rules);
/* The reference page of the shared material: under $ROLEDOC_SHARED, else
 * beside the source tree (static buffer; the file may be absent). */
const char *reference_page_path(void);

#endif
