/* Runs every unit-test suite on the project's own fixtures; with
 * --reference, the suites that read the shared material instead (exit
 * status 77, a skip, when its reference page is absent). Check prints the
 * summary CI counts. */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fixture_path(const char *name)
{
    static char path[4096];
    const char *top = getenv("top_srcdir");
    snprintf(path, sizeof path, "%s/fixtures/%s", top ? top : ".", name);
    return path;
}

const char *source_rules_dir(void)
{
    static char dir[4096];
    const char *top = getenv("top_srcdir");
    snprintf(dir, sizeof dir, "%s/rules", top ? top : ".");
    return dir;
}

void load_source_rules(rd_ruleset *rules)
{
    rd_error err;
    if (rd_ruleset_load(rules, source_rules_dir(), &err) != RD_OK)
        ck_abort_msg("rules: %s", err.message);
}

const char *reference_page_path(void)
{
    static char path[4096];
    const char *shared = getenv("ROLEDOC_SHARED");
    const char *top = getenv("top_srcdir");
    if (shared && *shared)
        snprintf(path, sizeof path, "%s/seeds/000_7f22756ad28d8d77.txt", shared);
    else
        snprintf(path, sizeof path, "%s/../shared/seeds/000_7f22756ad28d8d77.txt",
                 top ? top : ".");
    return path;
}

static SRunner *own_suites(void)
{
    SRunner *sr = srunner_create(source_suite());
    srunner_add_suite(sr, parse_suite());
    srunner_add_suite(sr, html_in_suite());
    srunner_add_suite(sr, text_suite());
    srunner_add_suite(sr, rules_suite());
    srunner_add_suite(sr, model_suite());
    srunner_add_suite(sr, checks_suite());
    srunner_add_suite(sr, reports_suite());
    srunner_add_suite(sr, fix_suite());
    srunner_add_suite(sr, space_suite());
    return sr;
}

/* The runner of the reference suites; NULL, said, when the reference page
 * is absent. */
static SRunner *reference_suites(void)
{
    const char *page = reference_page_path();
    if (access(page, R_OK) != 0) {
        printf("SKIP: needs %s (the shared material: set ROLEDOC_SHARED)\n", page);
        return NULL;
    }
    return srunner_create(text_reference_suite());
}

int main(int argc, char **argv)
{
    int reference = argc == 2 && strcmp(argv[1], "--reference") == 0;
    if (argc > 1 && !reference) {
        fprintf(stderr, "usage: %s [--reference]\n", argv[0]);
        return 2;
    }
    SRunner *sr = reference ? reference_suites() : own_suites();
    if (!sr)
        return 77;
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
