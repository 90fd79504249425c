/* What lint --fix and the adoption features stand on, tested through the
 * library: the edits of findings (apart, in order, refused when they
 * overlap), their diff, the canonical content of a page, rd_fix_page
 * refusing a fix that would change what a page says, fingerprints that
 * survive lines added above, globs, and configurations read from YAML. */
#include "suites.h"
#include "lint/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A finding of `rule` proposing text for bytes [start, end). */
static rd_diag proposing(const char *rule, size_t start, size_t end,
                         const char *text, int automatic)
{
    rd_diag d = { .rule = rule, .severity = RD_SEVERITY_WARNING, .file = "p.md",
                  .line = 1, .col = (uint32_t)start + 1, .message = "m" };
    d.suggestion = (rd_suggestion){ .text = text, .start = start, .end = end,
                                    .line = 1, .col = (uint32_t)start + 1,
                                    .automatic = automatic };
    d.fixable = automatic;
    return d;
}

/* ------------------------------------------------------------------ edits */

START_TEST(edits_apart_are_made_in_page_order)
{
    const char *page = "abc http://x def";
    rd_diag d[] = {
        proposing("http-link", 4, 8, "https", 1),
        proposing("entity-artifact", 0, 1, "A", 1),
        proposing("gendered-title", 13, 16, "DEF", 0),
    };
    rd_edit_list edits;
    rd_error err;
    ck_assert_int_eq(rd_fix_edits(d, 3, strlen(page), 0, &edits, &err), RD_OK);
    ck_assert_uint_eq(edits.len, 2);          /* the proposal only is left */
    ck_assert_uint_eq(edits.items[0].start, 0);
    rd_buf out;
    rd_buf_init(&out);
    rd_edits_apply(page, strlen(page), &edits, &out);
    ck_assert_str_eq(out.data, "Abc https://x def");
    rd_edit_list_free(&edits);
    ck_assert_int_eq(rd_fix_edits(d, 3, strlen(page), 1, &edits, &err), RD_OK);
    ck_assert_uint_eq(edits.len, 3);          /* with every suggestion */
    rd_edit_list_free(&edits);
    rd_buf_free(&out);
}
END_TEST

START_TEST(overlapping_edits_are_refused)
{
    rd_diag d[] = {
        proposing("entity-artifact", 2, 8, "", 1),
        proposing("http-link", 5, 9, "https", 1),
    };
    rd_edit_list edits;
    rd_error err;
    ck_assert_int_eq(rd_fix_edits(d, 2, 20, 0, &edits, &err), RD_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "overlap"));
    ck_assert_uint_eq(edits.len, 0);
    /* Two insertions at one place are no less ambiguous. */
    rd_diag twice[] = {
        proposing("a", 3, 3, "x", 1),
        proposing("b", 3, 3, "y", 1),
    };
    ck_assert_int_eq(rd_fix_edits(twice, 2, 20, 0, &edits, &err), RD_ERR_USAGE);
    rd_diag outside = proposing("a", 3, 30, "x", 1);
    ck_assert_int_eq(rd_fix_edits(&outside, 1, 20, 0, &edits, &err), RD_ERR_USAGE);
}
END_TEST

START_TEST(the_diff_shows_each_change_with_its_context)
{
    const char *page = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen";
    rd_edit e[] = {
        { 8, 12, "5", "r" },                          /* "five" → "5" */
        { strlen(page) - 7, strlen(page), "15", "r" }, /* the last line */
    };
    rd_edit_list edits = { e, 2, 2 };
    rd_buf out;
    rd_buf_init(&out);
    rd_edits_diff("./docs/p.md", page, strlen(page), &edits, &out);
    ck_assert_str_eq(out.data,
        "--- a/docs/p.md\n+++ b/docs/p.md\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-five\n+5\n 6\n 7\n 8\n"
        "@@ -12,4 +12,4 @@\n 12\n 13\n 14\n-fifteen\n"
        "\\ No newline at end of file\n+15\n\\ No newline at end of file\n");
    rd_buf_free(&out);
}
END_TEST

/* -------------------------------------------------------------- content */

static char *signature_of(const char *page)
{
    rd_doc *doc = rd_doc_parse(page, strlen(page), "p.md", NULL);
    rd_buf out;
    rd_buf_init(&out);
    rd_content_signature(doc, &out);
    rd_doc_free(doc);
    return rd_buf_detach(&out, NULL);
}

static void same_content(const char *a, const char *b, int same)
{
    char *sa = signature_of(a), *sb = signature_of(b);
    ck_assert_msg((strcmp(sa, sb) == 0) == same, "%s content of \"%s\" and \"%s\"",
                  same ? "different" : "same", a, b);
    free(sa);
    free(sb);
}

START_TEST(content_is_what_a_reader_sees)
{
    /* What the fixes of entity-artifact and heading-increment change. */
    same_content("**formes&#x20;**_x_ y\n", "**formes** _x_ y\n", 1);
    same_content("_&#x20;a_ b\n", " _a_ b\n", 1);
    same_content("Le &#x43;oach\n", "Le Coach\n", 1);
    same_content("a&#x20;\nb\n", "a\nb\n", 1);
    same_content("# A\n\n### B\n", "# A\n\n## B\n", 1);
    /* What they must not. */
    same_content("&#x43;_&#x75;stomer_\n", "C_ustomer_\n", 0);
    same_content("a **b**\n", "a**b**\n", 0);
    same_content("un\n&#x20;\ndeux\n", "un\n\ndeux\n", 0);
    same_content("a&#x20;&#x20;\nb\n", "a  \nb\n", 0);
    same_content("&#x31;. un\n", "1. un\n", 0);
    same_content("[a](u)\n", "[a](v)\n", 0);
}
END_TEST

/* A fix that would change the content is refused, the page left alone. */
START_TEST(a_fix_that_changes_the_content_is_refused)
{
    rd_ruleset rules;
    load_source_rules(&rules);
    rd_linter *linter = rd_linter_new(&rules);
    const char *page = "# Titre\n\nLe &#x43;oach et le reste.\n";
    rd_doc *doc = rd_doc_parse(page, strlen(page), "p.md", NULL);
    rd_diag_list found = { 0 };
    rd_error err;
    ck_assert_int_eq(rd_lint_doc(linter, doc, NULL, &found, &err), RD_OK);
    ck_assert_uint_eq(found.len, 1);
    /* As a check gone wrong would propose: the reference and a word. */
    rd_suggestion *s = &found.items[0].suggestion;
    ck_assert_ptr_nonnull(s->text);
    s->end += 9;                      /* "&#x43;oach" and " et" */
    rd_fix_result res;
    ck_assert_int_eq(rd_fix_page(linter, doc, NULL, &found, NULL, &res, &err), RD_OK);
    ck_assert_uint_eq(res.applied, 0);
    ck_assert_ptr_nonnull(strstr(res.refused, "the entity-artifact fix at 3:4 "
                                              "would change the page's content"));
    rd_fix_result_free(&res);
    /* Its own change, as the check made it, is kept. */
    s->end -= 9;
    ck_assert_int_eq(rd_fix_page(linter, doc, NULL, &found, NULL, &res, &err), RD_OK);
    ck_assert_uint_eq(res.applied, 1);
    ck_assert_str_eq(res.fixed.data, "# Titre\n\nLe Coach et le reste.\n");
    ck_assert_uint_eq(res.findings.len, 0);
    rd_fix_result_free(&res);
    rd_diag_list_free(&found);
    rd_doc_free(doc);
    rd_linter_free(linter);
    rd_ruleset_free(&rules);
}
END_TEST

/* --------------------------------------------------------- fingerprints */

static void fingerprints(rd_linter *linter, const char *page, rd_diag_list *out)
{
    rd_doc *doc = rd_doc_parse(page, strlen(page), "p.md", NULL);
    rd_error err;
    ck_assert_int_eq(rd_lint_doc(linter, doc, NULL, out, &err), RD_OK);
    rd_doc_free(doc);
}

START_TEST(fingerprints_survive_lines_added_above)
{
    rd_ruleset rules;
    load_source_rules(&rules);
    rd_linter *linter = rd_linter_new(&rules);
    rd_diag_list a = { 0 }, b = { 0 }, c = { 0 };
    fingerprints(linter, "# T\n\n![](a.png) ![](a.png)\n", &a);
    fingerprints(linter, "# T\n\nUne ligne.\n\nUne autre.\n\n![](a.png) ![](a.png)\n", &b);
    fingerprints(linter, "# T\n\n![](a.png)  ![](a.png) !\n", &c);
    ck_assert_uint_eq(a.len, 2);
    ck_assert_uint_eq(b.len, 2);
    ck_assert_uint_eq(b.items[0].line, 7);
    for (size_t i = 0; i < 2; i++)
        ck_assert(a.items[i].fingerprint == b.items[i].fingerprint);
    ck_assert(a.items[0].fingerprint != a.items[1].fingerprint);  /* alike */
    ck_assert(a.items[0].fingerprint != c.items[0].fingerprint);  /* edited */
    rd_diag_list_free(&a);
    rd_diag_list_free(&b);
    rd_diag_list_free(&c);
    rd_linter_free(linter);
    rd_ruleset_free(&rules);
}
END_TEST

/* ---------------------------------------------------------------- globs */

START_TEST(globs_match_as_fnmatch_with_double_stars)
{
    /* Stars that once made matching exponential: answered, both ways. */
    char name[200];
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    ck_assert(!rd_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
    ck_assert(rd_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", name));
    ck_assert(!rd_glob_match("**/*a**a**a**a**a**a**a**a**a**b", name));
    ck_assert(rd_glob_match("docs/*.md", "docs/a.md"));
    ck_assert(!rd_glob_match("docs/*.md", "docs/sub/a.md"));
    ck_assert(rd_glob_match("docs/**/*.md", "docs/a.md"));
    ck_assert(rd_glob_match("docs/**/*.md", "docs/x/y/a.md"));
    ck_assert(rd_glob_match("**/modele-*.md", "a/b/modele-1.md"));
    ck_assert(rd_glob_match("[a-c]?.md", "b1.md"));
    ck_assert(!rd_glob_match("[!a-c]?.md", "b1.md"));
    rd_path_list globs = { 0 };
    rd_path_list_add(&globs, strdup("brouillons"));
    ck_assert(rd_glob_list_match(&globs, "brouillons/x/y.md"));
    ck_assert(!rd_glob_list_match(&globs, "brouillons-v2/y.md"));
    rd_path_list_free(&globs);
}
END_TEST

/* ------------------------------------------------------------------ YAML */

static const char *write_temp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

START_TEST(a_yaml_configuration_fills_the_structure)
{
    rd_ruleset rules;
    load_source_rules(&rules);
    char name[64];
    snprintf(name, sizeof name, "roledoc-check-%ld.yaml", (long)getpid());
    const char *path = write_temp(name,
        "rules:\n  image-alt: no\n  http-link: {severity: error, https-hosts: [a.fr, b.fr]}\n"
        "labels: {mission: [Raison d'être]}\n"
        "lexicon: {pairs: {apiculteur: apicultrice}, epicene: designer}\n"
        "role-pages: ./metiers/*.md\n"
        "ignore: [brouillons/]\n"
        "overrides:\n  - files: archives\n    rules: {local-target-exists: info}\n");
    rd_error err;
    rd_config *c = rd_config_load(path, &rules, NULL, &err);
    ck_assert_msg(c != NULL, "%s", err.message);
    ck_assert_int_eq(rd_ruleset_find(&c->rules, "image-alt")->severity, RD_SEVERITY_OFF);
    const rd_rule *http = rd_ruleset_find(&c->rules, "http-link");
    ck_assert_int_eq(http->severity, RD_SEVERITY_ERROR);
    ck_assert_str_eq(rd_rule_param(http, "https-hosts"), "a.fr b.fr");
    ck_assert_str_eq(rd_rule_param(rd_ruleset_find(&rules, "http-link"), "https-hosts"), "");
    ck_assert_int_eq(rd_ruleset_label_part(&c->rules, "Raison d'être"), RD_PART_MISSION);
    ck_assert_str_eq(c->rules.pairs[c->rules.npairs - 1].masculine, "apiculteur");
    ck_assert_str_eq(c->rules.epicene[c->rules.nepicene - 1], "designer");
    ck_assert_uint_eq(c->nrole_pages, 1);
    ck_assert_str_eq(c->role_pages[0], "metiers/*.md");
    ck_assert_str_eq(c->ignores.paths[0], "brouillons");
    ck_assert_uint_eq(c->noverrides, 1);
    ck_assert_str_eq(c->overrides[0].files.paths[0], "archives");
    ck_assert_int_eq(c->overrides[0].rules.items[0].severity, RD_SEVERITY_INFO);
    rd_config_free(c);
    unlink(path);
    rd_ruleset_free(&rules);
}
END_TEST

Suite *fix_suite(void)
{
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("fix");
    tcase_add_test(tc, edits_apart_are_made_in_page_order);
    tcase_add_test(tc, overlapping_edits_are_refused);
    tcase_add_test(tc, the_diff_shows_each_change_with_its_context);
    tcase_add_test(tc, content_is_what_a_reader_sees);
    tcase_add_test(tc, a_fix_that_changes_the_content_is_refused);
    tcase_add_test(tc, fingerprints_survive_lines_added_above);
    tcase_add_test(tc, globs_match_as_fnmatch_with_double_stars);
    tcase_add_test(tc, a_yaml_configuration_fills_the_structure);
    suite_add_tcase(s, tc);
    return s;
}
