/* The lint report formats on findings made by hand: what is easy to get
 * wrong below the end-to-end tests (escaping, sorting and pairing pages
 * with their findings, SARIF's exclusive end column, quoting a line). */
#include "suites.h"
#include "report/report.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

static void add(rd_diag_list *l, const char *file, uint32_t line, uint32_t col,
                const char *rule, rd_severity severity, const char *message)
{
    rd_diag d = { .rule = rule, .severity = severity, .file = file,
                  .line = line, .col = col, .message = message };
    rd_diag_list_add(l, &d);
}

/* The report `format` of the findings (sorted first), as a string. */
static char *report(const char *format, rd_diag_list *l,
                    const rd_report_options *opts)
{
    rd_diag_list_sort(l);
    const rd_report_format *f = rd_report_find(format);
    ck_assert_ptr_nonnull(f);
    rd_buf out;
    rd_buf_init(&out);
    ck_assert_int_eq(f->write(l, opts, &out), 0);
    rd_buf_puts(&out, "");
    return rd_buf_detach(&out, NULL);
}

static char *json_of(const char *s)
{
    rd_buf out;
    rd_buf_init(&out);
    rd_json_string(&out, s);
    return rd_buf_detach(&out, NULL);
}

/* ------------------------------------------------------------- escaping */

START_TEST(json_string_escapes_and_repairs)
{
    char *j = json_of("a\"b\\c\n\t\x01 \xC3\xA9 \xFF!");
    ck_assert_str_eq(j, "\"a\\\"b\\\\c\\n\\t\\u0001 \xC3\xA9 \xEF\xBF\xBD!\"");
    free(j);
    j = json_of(NULL);
    ck_assert_str_eq(j, "null");
    free(j);
}
END_TEST

/* Page text made visible: one line, no control, nothing else changed. */
START_TEST(visible_escapes_controls_and_separators)
{
    rd_buf b;
    rd_buf_init(&b);
    const char in[] = "a\nb\r\tc\x1b[2J\x7f\xC2\x85\xE2\x80\xA8\xE2\x80\xA9\xFF\\ \xC3\xA9\x00z";
    rd_buf_put_visible(&b, in, sizeof in - 1, "");
    ck_assert_str_eq(b.data, "a\\nb\\r\\tc\\x1b[2J\\x7f\\u0085\\u2028\\u2029"
                             "\xEF\xBF\xBD\\ \xC3\xA9\\x00z");
    b.len = 0;
    rd_buf_put_visible(&b, "l1\nl2\t\x07", 7, "\n\t");
    ck_assert_str_eq(b.data, "l1\nl2\t\\x07");
    rd_buf_free(&b);
}
END_TEST

START_TEST(json_escapes_every_control)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_json_string(&b, "\x7f\xC2\x9b\xE2\x80\xA8 \xC3\xA9");
    ck_assert_str_eq(b.data, "\"\\u007f\\u009b\\u2028 \xC3\xA9\"");
    rd_buf_free(&b);
}
END_TEST

/* Every JSON output escapes alike: a document (roles, catalogue, baseline),
 * a compact message (the editor server) and a report's strings. */
START_TEST(json_outputs_escape_alike)
{
    const char *text = "\x08\x0c\x1b[1m\x7f\xC2\x85\xE2\x80\xA9 \\u0041 \"/\xFF";
    const char *want = "\"\\u0008\\u000c\\u001b[1m\\u007f\\u0085\\u2029 "
                       "\\\\u0041 \\\"/\xEF\xBF\xBD\"";
    char *j = json_of(text);
    ck_assert_str_eq(j, want);
    free(j);
    json_t *doc = json_pack("[o]", rd_json_str(text));
    rd_buf b;
    rd_buf_init(&b);
    ck_assert_int_eq(rd_json_write_compact(doc, &b), 0);
    ck_assert_uint_eq(b.len, strlen(want) + 2);
    ck_assert_int_eq(memcmp(b.data + 1, want, strlen(want)), 0);
    b.len = 0;
    ck_assert_int_eq(rd_json_write(doc, &b), 0);
    ck_assert_ptr_nonnull(strstr(b.data, want));
    ck_assert_str_eq(b.data + b.len - 2, "]\n");
    rd_buf_free(&b);
    json_decref(doc);
}
END_TEST

START_TEST(clean_text_replaces_what_xml_forbids)
{
    rd_buf scratch;
    rd_buf_init(&scratch);
    ck_assert_str_eq(rd_report_clean_text("a\x01" "b\xFF" "c \xC3\xA9 \xEF\xBF\xBE", &scratch),
                     "a\\x01" "b\xEF\xBF\xBD" "c \xC3\xA9 \xEF\xBF\xBD");
    ck_assert_str_eq(rd_report_clean_text(NULL, &scratch), "");
    rd_buf_free(&scratch);
}
END_TEST

/* -------------------------------------------------------------- summary */

START_TEST(summary_sorts_pairs_and_counts)
{
    rd_diag_list l = { 0 };
    add(&l, "b.md", 2, 1, "zeta", RD_SEVERITY_ERROR, "z");
    add(&l, "<stdin>", 1, 1, "alpha", RD_SEVERITY_WARNING, "a");
    add(&l, "b.md", 1, 1, "alpha", RD_SEVERITY_INFO, "a");
    add(&l, "only-in-findings.md", 1, 1, "alpha", RD_SEVERITY_INFO, "a");
    rd_diag_list_sort(&l);
    const char *files[] = { "c.md", "b.md", "-", "b.md" };
    rd_report_options opts = { .files = files, .nfiles = 4 };
    rd_report_summary s;
    rd_report_summarize(&l, &opts, &s);

    ck_assert_uint_eq(s.nfiles, 4);     /* b.md once; the stray page added */
    ck_assert_str_eq(s.files[0].path, "<stdin>");
    ck_assert_str_eq(s.files[1].path, "b.md");
    ck_assert_str_eq(s.files[2].path, "c.md");
    ck_assert_str_eq(s.files[3].path, "only-in-findings.md");
    ck_assert_uint_eq(s.files[1].count, 2);
    ck_assert_str_eq(l.items[s.files[1].first].file, "b.md");
    ck_assert_uint_eq(s.files[1].counts.errors, 1);
    ck_assert_uint_eq(s.files[1].counts.infos, 1);
    ck_assert_uint_eq(s.files[2].count, 0);

    ck_assert_uint_eq(s.nrules, 2);
    ck_assert_str_eq(s.rules[0].id, "alpha");
    ck_assert_uint_eq(s.rules[0].counts.infos, 2);
    ck_assert_uint_eq(rd_report_rule_index(&s, "zeta"), 1);
    ck_assert_uint_eq(rd_report_rule_index(&s, "nope"), 2);
    ck_assert_uint_eq(s.counts.errors + s.counts.warnings + s.counts.infos, 4);
    rd_report_summary_free(&s);
    rd_diag_list_free(&l);
}
END_TEST

/* -------------------------------------------------------------- formats */

START_TEST(sarif_end_column_is_exclusive)
{
    rd_diag_list l = { 0 };
    rd_diag d = { .rule = "r", .severity = RD_SEVERITY_INFO, .file = "/abs/a b.md",
                  .line = 3, .col = 5, .end_line = 3, .end_col = 9,
                  .message = "m" };
    rd_diag_list_add(&l, &d);
    add(&l, "rel:x.md", 1, 1, "r", RD_SEVERITY_ERROR, "m");
    char *sarif = report("sarif", &l, NULL);
    ck_assert_ptr_nonnull(strstr(sarif, "\"startLine\": 3, \"startColumn\": 5, "
                                        "\"endLine\": 3, \"endColumn\": 10}"));
    ck_assert_ptr_nonnull(strstr(sarif, "{\"uri\": \"file:///abs/a%20b.md\"}"));
    ck_assert_ptr_nonnull(strstr(sarif, "{\"uri\": \"rel%3Ax.md\", \"uriBaseId\": \"%SRCROOT%\"}"));
    ck_assert_ptr_nonnull(strstr(sarif, "\"level\": \"note\""));
    free(sarif);
    rd_diag_list_free(&l);
}
END_TEST

START_TEST(github_escapes_properties_and_message)
{
    rd_diag_list l = { 0 };
    add(&l, "a, b: 100%.md", 2, 3, "r", RD_SEVERITY_WARNING, "50% done: a, b\nnext");
    char *gh = report("github", &l, NULL);
    ck_assert_str_eq(gh, "::warning file=a%2C b%3A 100%25.md,line=2,col=3,title=r::"
                         "50%25 done: a, b\\nnext\n");
    free(gh);
    rd_diag_list_free(&l);
}
END_TEST

START_TEST(html_quotes_the_line_and_marks_the_column)
{
    const char *md = "# T\n\nUn <b> & \xC3\xA9l\xC3\xA9ment ici\n";
    rd_doc *doc = rd_doc_parse(md, strlen(md), "p.md", NULL);
    ck_assert_ptr_nonnull(doc);
    rd_diag_list l = { 0 };
    add(&l, "p.md", 3, 10, "r", RD_SEVERITY_ERROR, "x < y");
    const char *files[] = { "p.md" };
    const rd_doc *docs[] = { doc };
    rd_report_options opts = { .files = files, .nfiles = 1, .docs = docs };
    char *html = report("html", &l, &opts);
    ck_assert_ptr_nonnull(strstr(html, "<span class=\"lineno\">3 | </span>"
                                       "Un &lt;b&gt; &amp; <mark>\xC3\xA9</mark>l\xC3\xA9ment ici</pre>"));
    ck_assert_ptr_nonnull(strstr(html, "x &lt; y"));
    free(html);
    rd_diag_list_free(&l);
    rd_doc_free(doc);
}
END_TEST

START_TEST(every_format_writes_an_empty_run)
{
    for (const rd_report_format *f = rd_reports(); f->name; f++) {
        rd_diag_list l = { 0 };
        char *out = report(f->name, &l, NULL);
        ck_assert_ptr_nonnull(out);
        free(out);
    }
    rd_diag_list l = { 0 };
    char *html = report("html", &l, NULL);
    ck_assert_ptr_nonnull(strstr(html, "No rule found anything."));
    free(html);
}
END_TEST

Suite *reports_suite(void)
{
    Suite *s = suite_create("reports");
    TCase *tc = tcase_create("reports");
    tcase_add_test(tc, json_string_escapes_and_repairs);
    tcase_add_test(tc, clean_text_replaces_what_xml_forbids);
    tcase_add_test(tc, visible_escapes_controls_and_separators);
    tcase_add_test(tc, json_escapes_every_control);
    tcase_add_test(tc, json_outputs_escape_alike);
    tcase_add_test(tc, summary_sorts_pairs_and_counts);
    tcase_add_test(tc, sarif_end_column_is_exclusive);
    tcase_add_test(tc, github_escapes_properties_and_message);
    tcase_add_test(tc, html_quotes_the_line_and_marks_the_column);
    tcase_add_test(tc, every_format_writes_an_empty_run);
    suite_add_tcase(s, tc);
    return s;
}
