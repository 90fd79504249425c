/* The rule engine: loading rule files (and refusing bad or hostile ones
 * with FILE:LINE), configuration files and their precedence, inline
 * comments, folding of labels, the order of findings. */
#include "suites.h"
#include "lint/engine.h"
#include "lint/checks/check.h"
#include "lint/shipped_rules.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------- helpers */

static char scratch[] = "/tmp/roledoc-rules.XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void copy_file(const char *from, const char *dir, const char *name)
{
    FILE *in = fopen(from, "r");
    ck_assert_msg(in != NULL, "cannot read %s", from);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

/* A fresh directory holding the schemas: each test writes its rule files
 * there. */
static void make_scratch(void)
{
    strcpy(scratch, "/tmp/roledoc-rules.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(scratch));
    char schema[8192];
    snprintf(schema, sizeof schema, "%s/%s", source_rules_dir(), RD_RULES_SCHEMA);
    copy_file(schema, scratch, RD_RULES_SCHEMA);
    snprintf(schema, sizeof schema, "%s/%s", source_rules_dir(), RD_CONFIG_SCHEMA);
    copy_file(schema, scratch, RD_CONFIG_SCHEMA);
}

static void remove_scratch(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", scratch);
}

/* Loads the scratch directory and expects the failure message
 * "SCRATCH/NAME:LINE: message". */
static void expect_load_error(const char *name, int line, const char *message)
{
    rd_ruleset rules;
    rd_error err;
    ck_assert_int_eq(rd_ruleset_load(&rules, scratch, &err), RD_ERR_CONFIG);
    char want[2048];
    snprintf(want, sizeof want, "%s/%s:%d: %s", scratch, name, line, message);
    ck_assert_str_eq(err.message, want);
}

static const char *const good_rule =
    "<?xml version=\"1.0\"?>\n"
    "<rule xmlns=\"urn:roledoc:rules:1\" id=\"sample\" kind=\"image-alt\" severity=\"warning\">\n"
    "  <description>A sample.</description>\n"
    "  <message>image {src} has no alt</message>\n"
    "  <param name=\"decorative\" value=\"role=presentation\"/>\n"
    "</rule>\n";

/* ------------------------------------------------------ loading rule files */

START_TEST(source_rules_load)
{
    rd_ruleset rules;
    rd_error err;
    ck_assert_msg(rd_ruleset_load(&rules, source_rules_dir(), &err) == RD_OK, "%s",
                  err.message);
    const rd_rule *r = rd_ruleset_find(&rules, "image-alt");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->severity, RD_SEVERITY_WARNING);
    ck_assert_ptr_nonnull(rd_rule_param(r, "decorative"));
    ck_assert_ptr_null(rd_rule_param(r, "no-such-param"));
    ck_assert_ptr_null(rd_ruleset_find(&rules, "no-such-rule"));
    for (int p = 0; p < RD_PART_COUNT; p++)
        ck_assert_msg(rd_ruleset_first_label(&rules, p) != NULL, "no label for %s",
                      rd_part_name(p));
    ck_assert_int_eq(rd_ruleset_label_part(&rules, "Objectifs attendus"),
                     RD_PART_OBJECTIVES);
    ck_assert_int_eq(rd_ruleset_label_part(&rules, "ACTIVITÉS PRINCIPALES :"),
                     RD_PART_ACTIONS);
    ck_assert_int_eq(rd_ruleset_label_part(&rules, "Autre chose"), -1);
    rd_ruleset_free(&rules);
}
END_TEST

/* Rule files validated when roledoc was built are not validated again: a
 * file that differs from them still is, against the shipped schema too. */
START_TEST(schema_checks_files_not_shipped)
{
    make_scratch();
    write_file(scratch, "a.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"sample\" kind=\"image-alt\"\n"
        "      severity=\"warning\">\n"
        "  <description>A sample.</description>\n"
        "  <message>image {src} has no alt</message>\n"
        "  <param name=\"Not_Kebab\" value=\"x\"/>\n"
        "</rule>\n");
    rd_ruleset rules;
    rd_error err;
    ck_assert_int_eq(rd_ruleset_load(&rules, scratch, &err), RD_ERR_CONFIG);
    char want[2048];
    snprintf(want, sizeof want, "%s/a.xml:", scratch);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    remove_scratch();
}
END_TEST

START_TEST(one_file_many_rules_labels_lexicon)
{
    make_scratch();
    write_file(scratch, "a.xml",
        "<rules xmlns=\"urn:roledoc:rules:1\">\n"
        "  <rule id=\"one\" kind=\"image-alt\" severity=\"info\">"
        "<description>d</description><message>m</message>"
        "<hint>h {x}</hint></rule>\n"
        "  <rule id=\"two\" kind=\"http-link\" severity=\"off\">"
        "<message>m</message><description>d</description></rule>\n"
        "</rules>\n");
    write_file(scratch, "b.xml",
        "<labels xmlns=\"urn:roledoc:rules:1\"><part name=\"mission\">"
        "<label>Raison d'être</label></part></labels>\n");
    write_file(scratch, "c.xml",
        "<lexicon xmlns=\"urn:roledoc:rules:1\"><pair masculine=\"animateur\" "
        "feminine=\"animatrice\"/><epicene>coach</epicene></lexicon>\n");
    rd_ruleset rules;
    rd_error err;
    ck_assert_msg(rd_ruleset_load(&rules, scratch, &err) == RD_OK, "%s", err.message);
    ck_assert_uint_eq(rules.nrules, 2);
    ck_assert_str_eq(rules.rules[0].id, "one");
    ck_assert_str_eq(rules.rules[0].hint, "h {x}");
    ck_assert_uint_eq(rules.rules[0].line, 2);
    ck_assert_int_eq(rules.rules[1].severity, RD_SEVERITY_OFF);
    ck_assert_uint_eq(rules.nlabels, 1);
    ck_assert_int_eq(rules.labels[0].part, RD_PART_MISSION);
    ck_assert_int_eq(rd_ruleset_label_part(&rules, "raison d’etre"), RD_PART_MISSION);
    ck_assert_uint_eq(rules.npairs, 1);
    ck_assert_str_eq(rules.pairs[0].feminine, "animatrice");
    ck_assert_uint_eq(rules.nepicene, 1);
    rd_ruleset_free(&rules);
    remove_scratch();
}
END_TEST

START_TEST(unknown_kind)
{
    make_scratch();
    write_file(scratch, "bad.xml",
        "<?xml version=\"1.0\"?>\n"
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"no-such-kind\" severity=\"error\">\n"
        "<description>d</description><message>m</message></rule>\n");
    expect_load_error("bad.xml", 2, "rule \"x\": unknown check kind \"no-such-kind\"");
    remove_scratch();
}
END_TEST

START_TEST(bad_severity)
{
    make_scratch();
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\"\n"
        "  id=\"x\" kind=\"image-alt\" severity=\"fatal\">\n"
        "<description>d</description><message>m</message></rule>\n");
    /* libxml2 numbers an element by the end of its start tag: here the
     * line of the bad attribute. */
    expect_load_error("bad.xml", 2, "rule \"x\": severity \"fatal\" is not one "
                      "of off, info, warning, error");
    remove_scratch();
}
END_TEST

START_TEST(duplicate_id_across_files)
{
    make_scratch();
    write_file(scratch, "a.xml", good_rule);
    write_file(scratch, "b.xml", good_rule);
    char want[1024];
    snprintf(want, sizeof want, "duplicate rule id \"sample\" (already "
             "declared at %s/a.xml:2)", scratch);
    expect_load_error("b.xml", 2, want);
    remove_scratch();
}
END_TEST

/* ------------------------------------------------- shipped files, compiled */

static void copy_rules_file(const char *name, const char *dir, const char *extra)
{
    char from[8192];
    snprintf(from, sizeof from, "%s/%s", source_rules_dir(), name);
    copy_file(from, dir, name);
    if (extra) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        FILE *f = fopen(path, "a");
        ck_assert_ptr_nonnull(f);
        fputs(extra, f);
        fclose(f);
    }
}

/* Copies every rule file of the source tree into the scratch directory,
 * each followed by `extra` (NULL: the same bytes); returns how many. */
static size_t copy_rule_files(const char *extra)
{
    DIR *d = opendir(source_rules_dir());
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".xml"))
            continue;
        copy_rules_file(e->d_name, scratch, extra);
        n++;
    }
    closedir(d);
    return n;
}

static bool same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether s points into the compiled rule files (not a copy of a string). */
static bool is_compiled_string(const char *s)
{
    for (size_t f = 0; f < rd_shipped.nfiles; f++)
        for (size_t i = 0; i < rd_shipped.files[f].nrules; i++)
            if (rd_shipped.files[f].rules[i].id == s)
                return true;
    return false;
}

static void assert_same_rule(const rd_rule *a, const rd_rule *b)
{
    ck_assert_str_eq(a->id, b->id);
    ck_assert_str_eq(a->kind, b->kind);
    ck_assert_int_eq(a->severity, b->severity);
    ck_assert_msg(same_string(a->description, b->description), "%s", a->id);
    ck_assert_msg(same_string(a->message, b->message), "%s", a->id);
    ck_assert_msg(same_string(a->hint, b->hint), "%s", a->id);
    ck_assert_uint_eq(a->line, b->line);
    const rd_attr *p = a->params, *q = b->params;
    for (; p && q; p = p->next, q = q->next) {
        ck_assert_str_eq(p->name, q->name);
        ck_assert_str_eq(p->value, q->value);
        ck_assert_uint_eq(p->line, q->line);
        ck_assert_uint_eq(p->col, q->col);
    }
    ck_assert_msg(!p && !q, "rule %s: not the same parameters", a->id);
}

/* The shipped rule files are all compiled, and what a run takes from the
 * compiled form is what parsing the same files gives: the files are read
 * again with a comment added at their end, which changes their bytes but
 * not one declaration or line. */
START_TEST(shipped_files_compiled_as_parsed)
{
    make_scratch();
    size_t files = copy_rule_files("<!-- changed: parsed -->\n");
    ck_assert_uint_eq(rd_shipped.nfiles, files);
    rd_ruleset compiled, parsed;
    rd_error err;
    ck_assert_msg(rd_ruleset_load(&compiled, source_rules_dir(), &err) == RD_OK,
                  "%s", err.message);
    ck_assert_msg(rd_ruleset_load(&parsed, scratch, &err) == RD_OK, "%s",
                  err.message);
    ck_assert_uint_eq(compiled.nrules, parsed.nrules);
    for (size_t i = 0; i < compiled.nrules; i++) {
        ck_assert(is_compiled_string(compiled.rules[i].id));
        ck_assert(!is_compiled_string(parsed.rules[i].id));
        assert_same_rule(&compiled.rules[i], &parsed.rules[i]);
        ck_assert_int_eq(rd_ruleset_declared(&compiled, i),
                         rd_ruleset_declared(&parsed, i));
    }
    ck_assert_uint_eq(compiled.nlabels, parsed.nlabels);
    for (size_t i = 0; i < compiled.nlabels; i++) {
        ck_assert_int_eq(compiled.labels[i].part, parsed.labels[i].part);
        ck_assert_int_eq(compiled.labels[i].match, parsed.labels[i].match);
        ck_assert_str_eq(compiled.labels[i].text, parsed.labels[i].text);
    }
    ck_assert_uint_eq(compiled.nterms, parsed.nterms);
    for (size_t i = 0; i < compiled.nterms; i++) {
        ck_assert_int_eq(compiled.terms[i].kind, parsed.terms[i].kind);
        ck_assert_str_eq(compiled.terms[i].text, parsed.terms[i].text);
    }
    ck_assert_uint_eq(compiled.npairs, parsed.npairs);
    for (size_t i = 0; i < compiled.npairs; i++) {
        ck_assert_str_eq(compiled.pairs[i].masculine, parsed.pairs[i].masculine);
        ck_assert_str_eq(compiled.pairs[i].feminine, parsed.pairs[i].feminine);
    }
    ck_assert_uint_eq(compiled.nepicene, parsed.nepicene);
    for (size_t i = 0; i < compiled.nepicene; i++)
        ck_assert_str_eq(compiled.epicene[i], parsed.epicene[i]);
    rd_ruleset_free(&compiled);
    rd_ruleset_free(&parsed);
    remove_scratch();
}
END_TEST

/* A shipped file taken in compiled form still meets the other files of its
 * directory: a rule id declared before it is a duplicate. */
START_TEST(shipped_file_duplicate_of_earlier_file)
{
    make_scratch();
    copy_rules_file("image-alt.xml", scratch, NULL);
    write_file(scratch, "a.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"image-alt\" kind=\"image-alt\" severity=\"info\">\n"
        "  <description>d</description>\n"
        "  <message>m</message>\n"
        "</rule>\n");
    char want[1024];
    snprintf(want, sizeof want, "duplicate rule id \"image-alt\" (already "
             "declared at %s/a.xml:1)", scratch);
    expect_load_error("image-alt.xml", 2, want);
    remove_scratch();
}
END_TEST

/* A shipped file beside a schema of its own is validated against it. */
START_TEST(shipped_file_other_schema_validated)
{
    make_scratch();
    copy_rules_file("image-alt.xml", scratch, NULL);
    write_file(scratch, RD_RULES_SCHEMA,
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"\n"
        "         ns=\"urn:roledoc:rules:1\">\n"
        "  <start><element name=\"labels\"><empty/></element></start>\n"
        "</grammar>\n");
    rd_ruleset rules;
    rd_error err;
    ck_assert_int_eq(rd_ruleset_load(&rules, scratch, &err), RD_ERR_CONFIG);
    char want[2048];
    snprintf(want, sizeof want, "%s/image-alt.xml:2: ", scratch);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    remove_scratch();
}
END_TEST

START_TEST(misspelt_and_missing_elements)
{
    make_scratch();
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"error\">\n"
        "  <description>d</description>\n"
        "  <mesage>m</mesage>\n"
        "</rule>\n");
    expect_load_error("bad.xml", 3, "unexpected element <mesage> in <rule> "
                      "(expected: description message hint param)");
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"error\">\n"
        "  <description>d</description>\n"
        "</rule>\n");
    expect_load_error("bad.xml", 1, "<rule> has no <message>");
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\">\n"
        "<description>d</description><message>m</message></rule>\n");
    expect_load_error("bad.xml", 1, "<rule> has no severity attribute");
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"info\">\n"
        "<description>d</description>\n<message>m</message>\n<message>n</message></rule>\n");
    expect_load_error("bad.xml", 4, "<rule> holds more than one <message>");
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"info\">\n"
        "<description>  </description><message>m</message></rule>\n");
    expect_load_error("bad.xml", 2, "<description> is empty");
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"Bad_Id\" kind=\"image-alt\" severity=\"info\">\n"
        "<description>d</description><message>m</message></rule>\n");
    expect_load_error("bad.xml", 1, "rule id \"Bad_Id\" is not kebab-case "
                      "(a-z, 0-9, single hyphens)");
    remove_scratch();
}
END_TEST

START_TEST(wrong_root_and_namespace)
{
    make_scratch();
    write_file(scratch, "bad.xml", "<?xml version=\"1.0\"?>\n\n<rule id=\"x\"/>\n");
    expect_load_error("bad.xml", 3, "unexpected element <rule> (roledoc files "
                      "use namespace urn:roledoc:rules:1)");
    write_file(scratch, "bad.xml", "<labels xmlns=\"urn:roledoc:rules:1\">\n"
               "<part name=\"vision\"><label>Vision</label></part></labels>\n");
    expect_load_error("bad.xml", 2, "<part name=\"vision\">: a part is "
                      "objectives, mission, actions, limits or axes");
    remove_scratch();
}
END_TEST

START_TEST(not_well_formed)
{
    make_scratch();
    write_file(scratch, "bad.xml",
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"error\">\n"
        "  <description>d</description>\n"
        "  <message>m</mesage>\n"
        "</rule>\n");
    rd_ruleset rules;
    rd_error err;
    ck_assert_int_eq(rd_ruleset_load(&rules, scratch, &err), RD_ERR_CONFIG);
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "%s/bad.xml:3: ", scratch);
    ck_assert_msg(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s", err.message);
    remove_scratch();
}
END_TEST

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

START_TEST(external_entity_refused)
{
    make_scratch();
    write_file(scratch, "secret.txt", "SECRET\n");
    char text[8192];
    snprintf(text, sizeof text,
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE rule [\n"
        "  <!ENTITY xxe SYSTEM \"file://%s/secret.txt\">\n"
        "]>\n"
        "<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" kind=\"image-alt\" severity=\"error\">\n"
        "<description>&xxe;</description><message>m</message></rule>\n", scratch);
    write_file(scratch, "bad.xml", text);
    expect_load_error("bad.xml", 2, "DOCTYPE declarations are not allowed (no "
                      "DTD, no entities): remove it");
    remove_scratch();
}
END_TEST

START_TEST(entity_bomb_refused_fast)
{
    make_scratch();
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                "<!ENTITY lol0 \"lollollollollollollollollollol\">\n");
    for (int i = 1; i < 12; i++) {
        rd_buf_printf(&b, "<!ENTITY lol%d \"", i);
        for (int k = 0; k < 10; k++)
            rd_buf_printf(&b, "&lol%d;", i - 1);
        rd_buf_puts(&b, "\">\n");
    }
    rd_buf_puts(&b, "]>\n<rule xmlns=\"urn:roledoc:rules:1\" id=\"x\" "
                "kind=\"image-alt\" severity=\"error\"><description>&lol11;"
                "</description><message>m</message></rule>\n");
    write_file(scratch, "bomb.xml", b.data);
    rd_buf_free(&b);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    expect_load_error("bomb.xml", 2, "DOCTYPE declarations are not allowed (no "
                      "DTD, no entities): remove it");
    ck_assert_msg(seconds_since(&start) < 1.0, "took %.2fs", seconds_since(&start));
    remove_scratch();
}
END_TEST

START_TEST(empty_and_missing_directories)
{
    make_scratch();
    rd_ruleset rules;
    rd_error err;
    ck_assert_int_eq(rd_ruleset_load(&rules, scratch, &err), RD_ERR_CONFIG);
    char want[4200];
    snprintf(want, sizeof want, "%s: no rule files (*.xml) in this directory", scratch);
    ck_assert_str_eq(err.message, want);
    ck_assert_int_eq(rd_ruleset_load(&rules, "/nonexistent/rules", &err), RD_ERR_CONFIG);
    ck_assert_str_eq(err.message, "/nonexistent/rules: No such file or directory");
    remove_scratch();
}
END_TEST

/* ------------------------------------------------------------ linting */

static rd_ruleset source;

static void load_source(void)
{
    rd_error err;
    if (rd_ruleset_load(&source, source_rules_dir(), &err) != RD_OK)
        ck_abort_msg("%s", err.message);
}

static void free_source(void)
{
    rd_ruleset_free(&source);
}

/* A page with one empty-alt image (line 3) and one http link (line 5). */
static const char *const two_findings =
    "# Titre\n"
    "\n"
    "![](a.png)\n"
    "\n"
    "Voir <http://example.org>.\n";

/* Lints text as if it were the file at path; returns the findings. */
static rd_diag_list lint_text(rd_linter *linter, const char *text, const char *path)
{
    rd_diag_list found = { 0 };
    rd_doc *doc = rd_doc_parse(text, strlen(text), "page.md", NULL);
    rd_error err;
    rd_status status = rd_lint_doc(linter, doc, path, &found, &err);
    ck_assert_msg(status == RD_OK, "%s", err.message);
    rd_doc_free(doc);
    return found;
}

static const rd_diag *finding_of(const rd_diag_list *l, const char *rule)
{
    for (size_t i = 0; i < l->len; i++)
        if (strcmp(l->items[i].rule, rule) == 0)
            return &l->items[i];
    return NULL;
}

static char *page_in(const char *dir, const char *name)
{
    static char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

START_TEST(defaults_without_configuration)
{
    make_scratch();
    rd_linter *l = rd_linter_new(&source);
    rd_diag_list found = lint_text(l, two_findings, page_in(scratch, "page.md"));
    const rd_diag *alt = finding_of(&found, "image-alt");
    ck_assert_ptr_nonnull(alt);
    ck_assert_int_eq(alt->severity, RD_SEVERITY_WARNING);
    ck_assert_uint_eq(alt->line, 3);
    ck_assert_uint_eq(alt->col, 1);
    ck_assert_str_eq(alt->file, "page.md");
    ck_assert_ptr_nonnull(finding_of(&found, "http-link"));
    rd_diag_list_free(&found);
    rd_linter_free(l);
    remove_scratch();
}
END_TEST

START_TEST(configuration_found_above_and_command_line_wins)
{
    make_scratch();
    write_file(scratch, ".roledoc.xml",
        "<roledoc xmlns=\"urn:roledoc:config:1\">\n"
        "  <rule id=\"image-alt\" severity=\"off\"/>\n"
        "  <rule id=\"http-link\" severity=\"error\"/>\n"
        "</roledoc>\n");
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/fiches", scratch);
    ck_assert_int_eq(mkdir(sub, 0777), 0);

    rd_linter *l = rd_linter_new(&source);
    rd_diag_list found = lint_text(l, two_findings, page_in(sub, "page.md"));
    ck_assert_ptr_null(finding_of(&found, "image-alt"));
    ck_assert_int_eq(finding_of(&found, "http-link")->severity, RD_SEVERITY_ERROR);
    rd_diag_list_free(&found);
    rd_linter_free(l);

    rd_error err;
    l = rd_linter_new(&source);
    ck_assert_int_eq(rd_linter_set_severity(l, "image-alt", RD_LINT_ENABLE, &err), RD_OK);
    ck_assert_int_eq(rd_linter_set_severity(l, "http-link", RD_SEVERITY_INFO, &err), RD_OK);
    found = lint_text(l, two_findings, page_in(sub, "page.md"));
    ck_assert_int_eq(finding_of(&found, "image-alt")->severity, RD_SEVERITY_WARNING);
    ck_assert_int_eq(finding_of(&found, "http-link")->severity, RD_SEVERITY_INFO);
    rd_diag_list_free(&found);
    rd_linter_free(l);
    remove_scratch();
}
END_TEST

START_TEST(forced_configuration_replaces_lookup)
{
    make_scratch();
    write_file(scratch, ".roledoc.xml",
        "<roledoc xmlns=\"urn:roledoc:config:1\"><rule id=\"image-alt\" "
        "severity=\"off\"/></roledoc>\n");
    write_file(scratch, "other.xml",
        "<roledoc xmlns=\"urn:roledoc:config:1\"><rule id=\"http-link\" "
        "severity=\"off\"/></roledoc>\n");
    rd_linter *l = rd_linter_new(&source);
    rd_error err;
    ck_assert_int_eq(rd_linter_use_config(l, page_in(scratch, "other.xml"), &err), RD_OK);
    rd_diag_list found = lint_text(l, two_findings, page_in(scratch, "page.md"));
    ck_assert_ptr_nonnull(finding_of(&found, "image-alt"));
    ck_assert_ptr_null(finding_of(&found, "http-link"));
    rd_diag_list_free(&found);
    rd_linter_free(l);
    remove_scratch();
}
END_TEST

START_TEST(unknown_rule_in_configuration_or_command_line)
{
    make_scratch();
    write_file(scratch, ".roledoc.xml",
        "<roledoc xmlns=\"urn:roledoc:config:1\">\n"
        "  <rule id=\"no-such-rule\" severity=\"off\"/>\n"
        "</roledoc>\n");
    rd_linter *l = rd_linter_new(&source);
    rd_diag_list found = { 0 };
    rd_doc *doc = rd_doc_parse("# T\n", 4, "page.md", NULL);
    rd_error err;
    ck_assert_int_eq(rd_lint_doc(l, doc, page_in(scratch, "page.md"), &found, &err),
                     RD_ERR_CONFIG);
    char want[4200];
    snprintf(want, sizeof want, "%s/.roledoc.xml:2: unknown rule \"no-such-rule\"",
             scratch);
    ck_assert_str_eq(err.message, want);
    ck_assert_int_eq(rd_linter_set_severity(l, "nope", RD_SEVERITY_OFF, &err),
                     RD_ERR_USAGE);
    ck_assert_msg(strstr(err.message, "unknown rule \"nope\"") != NULL, "%s", err.message);
    rd_doc_free(doc);
    rd_linter_free(l);
    remove_scratch();
}
END_TEST

START_TEST(configuration_adds_labels_and_role_pages)
{
    make_scratch();
    write_file(scratch, ".roledoc.xml",
        "<roledoc xmlns=\"urn:roledoc:config:1\">\n"
        "  <labels><part name=\"mission\"><label>Vocation du poste</label></part></labels>\n"
        "  <lexicon><pair masculine=\"animateur\" feminine=\"animatrice\"/></lexicon>\n"
        "  <role-pages><path>metiers/**/*.md</path><path>./fiche-?.md</path></role-pages>\n"
        "</roledoc>\n");
    rd_error err;
    char schema[4200];
    snprintf(schema, sizeof schema, "%s/%s", scratch, RD_CONFIG_SCHEMA);
    rd_schema *s = rd_schema_load(schema, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    rd_config *c = rd_config_load(page_in(scratch, ".roledoc.xml"), &source, s, &err);
    ck_assert_msg(c != NULL, "%s", err.message);
    ck_assert_int_eq(rd_ruleset_label_part(&c->rules, "VOCATION DU POSTE :"), RD_PART_MISSION);
    ck_assert_int_eq(rd_ruleset_label_part(&source, "Vocation du poste"), -1);
    ck_assert_uint_eq(c->rules.npairs, source.npairs + 1);
    char page[4200];
    snprintf(page, sizeof page, "%s/metiers/a/b.md", c->dir);
    ck_assert_int_eq(rd_config_role_page_of(c, page), RD_ROLE_PAGE_DECLARED);
    snprintf(page, sizeof page, "%s/metiers/b.md", c->dir);
    ck_assert_int_eq(rd_config_role_page_of(c, page), RD_ROLE_PAGE_DECLARED);
    snprintf(page, sizeof page, "%s/fiche-1.md", c->dir);
    ck_assert_int_eq(rd_config_role_page_of(c, page), RD_ROLE_PAGE_DECLARED);
    snprintf(page, sizeof page, "%s/autres/b.md", c->dir);
    ck_assert_int_eq(rd_config_role_page_of(c, page), RD_ROLE_PAGE_DETECT);
    rd_config_free(c);
    rd_schema_free(s);
    remove_scratch();
}
END_TEST

START_TEST(globs)
{
    ck_assert(rd_glob_match("*.md", "a.md"));
    ck_assert(!rd_glob_match("*.md", "d/a.md"));
    ck_assert(rd_glob_match("**/*.md", "a.md"));
    ck_assert(rd_glob_match("**/*.md", "d/e/a.md"));
    ck_assert(rd_glob_match("d/**", "d/e/a.md"));
    ck_assert(!rd_glob_match("d/**", "e/a.md"));
    ck_assert(rd_glob_match("d/**/a.md", "d/a.md"));
    ck_assert(rd_glob_match("fiche-[0-9].md", "fiche-7.md"));
    ck_assert(!rd_glob_match("fiche-[!0-9].md", "fiche-7.md"));
    ck_assert(rd_glob_match("?.md", "x.md"));
    ck_assert(!rd_glob_match("?.md", "/.md"));
    ck_assert(rd_glob_match("a[.md", "a[.md"));
}
END_TEST

START_TEST(inline_comments)
{
    rd_linter *l = rd_linter_new(&source);
    rd_diag_list found = lint_text(l,
        "# Titre\n"                                            /* 1 */
        "\n"
        "![](1.png)\n"                                         /* 3: reported */
        "\n"
        "<!-- roledoc-disable image-alt -->\n"                 /* 5 */
        "\n"
        "![](2.png) <http://a.example>\n"                      /* 7: http only */
        "\n"
        "<!-- roledoc-enable image-alt -->\n"                  /* 9 */
        "\n"
        "![](3.png)\n"                                         /* 11: reported */
        "\n"
        "<!-- roledoc-disable-next-line image-alt, http-link -->\n"
        "![](4.png) <http://b.example>\n"                      /* 14: silenced */
        "\n"
        "![](5.png)\n"                                         /* 16: reported */
        "\n"
        "<!-- roledoc-disable -->\n"                           /* 18: all */
        "\n"
        "![](6.png) <http://c.example>\n"                      /* 20: silenced */
        "\n"
        "`<!-- roledoc-enable -->`\n"                          /* code: nothing */
        "\n"
        "![](7.png)\n",                                        /* 24: silenced */
        NULL);
    uint32_t alt_lines[8], http_lines[8];
    size_t nalt = 0, nhttp = 0;
    for (size_t i = 0; i < found.len; i++) {
        if (strcmp(found.items[i].rule, "image-alt") == 0 && nalt < 8)
            alt_lines[nalt++] = found.items[i].line;
        if (strcmp(found.items[i].rule, "http-link") == 0 && nhttp < 8)
            http_lines[nhttp++] = found.items[i].line;
    }
    ck_assert_uint_eq(nalt, 3);
    ck_assert_uint_eq(alt_lines[0], 3);
    ck_assert_uint_eq(alt_lines[1], 11);
    ck_assert_uint_eq(alt_lines[2], 16);
    ck_assert_uint_eq(nhttp, 1);
    ck_assert_uint_eq(http_lines[0], 7);
    rd_diag_list_free(&found);
    rd_linter_free(l);
}
END_TEST

START_TEST(loading_findings_follow_their_rule)
{
    const char *bad = "# Titre\n\nun octet \xff ici\n";
    rd_linter *l = rd_linter_new(&source);
    rd_diag_list found = lint_text(l, bad, NULL);
    size_t n = 0;
    for (size_t i = 0; i < found.len; i++)
        if (strcmp(found.items[i].rule, "invalid-utf8") == 0) {
            n++;
            ck_assert_uint_eq(found.items[i].line, 3);
            ck_assert_uint_eq(found.items[i].col, 10);
            ck_assert_int_eq(found.items[i].severity, RD_SEVERITY_ERROR);
        }
    ck_assert_uint_eq(n, 1);             /* once, though two sources find it */
    rd_diag_list_free(&found);
    rd_linter_free(l);

    rd_error err;
    l = rd_linter_new(&source);
    ck_assert_int_eq(rd_linter_set_severity(l, "invalid-utf8", RD_SEVERITY_OFF, &err), RD_OK);
    found = lint_text(l, bad, NULL);
    ck_assert_ptr_null(finding_of(&found, "invalid-utf8"));
    rd_diag_list_free(&found);
    rd_linter_free(l);

    const char *yaml = "---\na: 1\na: 2\n---\n# Titre\n";
    l = rd_linter_new(&source);
    found = lint_text(l, yaml, NULL);
    ck_assert_int_eq(finding_of(&found, "front-matter")->severity, RD_SEVERITY_WARNING);
    rd_diag_list_free(&found);
    rd_linter_free(l);
    l = rd_linter_new(&source);
    ck_assert_int_eq(rd_linter_set_severity(l, "front-matter", RD_SEVERITY_INFO, &err), RD_OK);
    found = lint_text(l, yaml, NULL);
    ck_assert_int_eq(finding_of(&found, "front-matter")->severity, RD_SEVERITY_INFO);
    rd_diag_list_free(&found);
    rd_linter_free(l);
}
END_TEST

START_TEST(message_templates)
{
    rd_rule rule = {
        .id = "sample", .kind = "image-alt", .severity = RD_SEVERITY_INFO,
        .message = "{a} and {b}, {unknown} {", .hint = "use {a}",
    };
    rd_doc *doc = rd_doc_parse("# T\n\ntext\n", 10, "p.md", NULL);
    rd_diag_list found = { 0 };
    rd_check_ctx ctx = { .doc = doc, .rules = &source, .rule = &rule, .out = &found };
    const char *const vars[] = { "a", "1", "b", NULL, NULL };
    rd_check_report_offset(&ctx, 5, vars);   /* the "t" of text */
    ck_assert_uint_eq(found.len, 1);
    ck_assert_str_eq(found.items[0].message, "1 and , {unknown} {");
    ck_assert_str_eq(found.items[0].hint, "use 1");
    ck_assert_str_eq(found.items[0].file, "p.md");
    ck_assert_uint_eq(found.items[0].line, 3);
    ck_assert_uint_eq(found.items[0].col, 1);
    rule.severity = RD_SEVERITY_OFF;
    rd_check_report_at(&ctx, 1, 1, vars);
    ck_assert_uint_eq(found.len, 1);
    rd_diag_list_free(&found);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------- fold, sorting */

static void assert_folds(const char *in, const char *want)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_fold(in, strlen(in), &b);
    ck_assert_str_eq(b.data ? b.data : "", want);
    rd_buf_free(&b);
}

START_TEST(fold)
{
    assert_folds("  Objectifs attendus\xc2\xa0: ", "objectifs attendus");
    assert_folds("ÉQUIPE Œuvre Ça", "equipe oeuvre ca");
    assert_folds("Mission:", "mission");
    assert_folds("a \t\n b", "a b");
    assert_folds("d\xe2\x80\x99" "affaires", "d'affaires");
    assert_folds("E\xcc\x81quipe", "equipe");               /* decomposed É */
    assert_folds("", "");
    assert_folds(" : ", "");
    /* Runs of plain ASCII around other characters, a colon inside kept. */
    assert_folds("Chef\xc2\xb7" "FE de PROJET (A:B) :", "chef\xc2\xb7" "fe de projet (a:b)");
    assert_folds("x\x01Y~", "x\x01y~");
    /* Beyond Latin-1 and Latin Extended-A: decomposition and case folding
     * (Vietnamese, Greek, ligatures, the sharp s, æ with a macron). */
    assert_folds("Ti\xe1\xba\xbfng VI\xe1\xbb\x86T", "tieng viet");
    assert_folds("\xce\x88\xce\xa1\xce\x93\xce\x9f", "\xce\xb5\xcf\x81\xce\xb3\xce\xbf");
    assert_folds("\xc4\xb2ssel \xc5\x81\xc3\xb3" "d\xc5\xba Stra\xc3\x9f" "e \xc7\xa2r",
                 "ijssel lodz strasse aer");
    assert_folds("\xc3\x98re \xc3\x9eing \xc5\xbf \xc4\xb1 \xc5\x89", "ore thing s i n");
    ck_assert_str_eq(rd_part_name(RD_PART_ACTIONS), "actions");
    ck_assert_int_eq(rd_severity_from_name("warning"), RD_SEVERITY_WARNING);
    ck_assert_int_eq((int)rd_severity_from_name("fatal"), -1);
    ck_assert_str_eq(rd_severity_name(RD_SEVERITY_INFO), "info");
}
END_TEST

START_TEST(sort_by_file_then_position)
{
    rd_diag_list l = { 0 };
    rd_diag_list_add(&l, &(rd_diag){ .rule = "b", .file = "z.md", .line = 1, .col = 1, .message = "m" });
    rd_diag_list_add(&l, &(rd_diag){ .rule = "b", .file = "a.md", .line = 10, .col = 2, .message = "m" });
    rd_diag_list_add(&l, &(rd_diag){ .rule = "a", .file = "a.md", .line = 10, .col = 2, .message = "m" });
    rd_diag_list_add(&l, &(rd_diag){ .rule = "c", .file = "a.md", .line = 2, .col = 9, .message = "m" });
    rd_diag_list_sort(&l);
    ck_assert_uint_eq(l.items[0].line, 2);
    ck_assert_str_eq(l.items[1].rule, "a");
    ck_assert_str_eq(l.items[2].rule, "b");
    ck_assert_str_eq(l.items[3].file, "z.md");
    rd_diag_list_free(&l);
    ck_assert_uint_eq(l.len, 0);
}
END_TEST

Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *load = tcase_create("load");
    tcase_add_test(load, source_rules_load);
    tcase_add_test(load, one_file_many_rules_labels_lexicon);
    tcase_add_test(load, schema_checks_files_not_shipped);
    tcase_add_test(load, unknown_kind);
    tcase_add_test(load, bad_severity);
    tcase_add_test(load, duplicate_id_across_files);
    tcase_add_test(load, shipped_files_compiled_as_parsed);
    tcase_add_test(load, shipped_file_duplicate_of_earlier_file);
    tcase_add_test(load, shipped_file_other_schema_validated);
    tcase_add_test(load, misspelt_and_missing_elements);
    tcase_add_test(load, wrong_root_and_namespace);
    tcase_add_test(load, not_well_formed);
    tcase_add_test(load, external_entity_refused);
    tcase_add_test(load, entity_bomb_refused_fast);
    tcase_add_test(load, empty_and_missing_directories);
    suite_add_tcase(s, load);

    TCase *lint = tcase_create("lint");
    tcase_add_unchecked_fixture(lint, load_source, free_source);
    tcase_add_test(lint, defaults_without_configuration);
    tcase_add_test(lint, configuration_found_above_and_command_line_wins);
    tcase_add_test(lint, forced_configuration_replaces_lookup);
    tcase_add_test(lint, unknown_rule_in_configuration_or_command_line);
    tcase_add_test(lint, configuration_adds_labels_and_role_pages);
    tcase_add_test(lint, globs);
    tcase_add_test(lint, inline_comments);
    tcase_add_test(lint, loading_findings_follow_their_rule);
    tcase_add_test(lint, message_templates);
    suite_add_tcase(s, lint);

    TCase *text = tcase_create("text");
    tcase_add_test(text, fold);
    tcase_add_test(text, sort_by_file_then_position);
    suite_add_tcase(s, text);
    return s;
}
