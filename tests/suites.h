/* Every Check suite of the unit tests; tests/check_main.c runs them all. */
#ifndef RD_TEST_SUITES_H
#define RD_TEST_SUITES_H

#include <check.h>

Suite *source_suite(void);
Suite *parse_suite(void);
Suite *html_in_suite(void);
Suite *text_suite(void);
Suite *rules_suite(void);
Suite *model_suite(void);
Suite *checks_suite(void);
Suite *reports_suite(void);

/* Path of a file under the source tree's fixtures/ (static buffer). */
const char *fixture_path(const char *name);

#endif
