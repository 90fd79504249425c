/* The fuzzing harness: one input page through every layer of roledoc
 * (source, parse, model, every check, every converter and every report
 * format), asserting what must hold whatever the page holds:
 *  - every position (nodes, attributes, findings) lies inside the input,
 *    and no element stands below the depth limit;
 *  - every converter succeeds and writes UTF-8; XML outputs (tree,
 *    DocBook, roles-xml) read back with libxml2, HTML has every element
 *    closed and nested, JSON parses; the same for the report formats.
 *
 * The page is read three ways: as GitBook pages are (the default limits),
 * with a depth limit of a few levels (so that the code keeping deep
 * content as text is reached by small inputs), and as plain CommonMark
 * with GFM; the reports, whose cost does not depend on the page much,
 * are written for the first reading only. Built with libFuzzer by `make fuzz`; tests/fuzz/replay.c runs
 * the same checks over files, without libFuzzer. */
#include "roledoc.h"
#include "wellformed.h"

#include <libxml/parser.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The rules and a linter with every rule on, off-by-default ones too. */
static rd_ruleset rules;
static rd_linter *linter;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    setenv("ROLEDOC_RULES", RD_SRCDIR "/rules", 0);
    setenv("ROLEDOC_DOCS", RD_SRCDIR "/docs/rules", 0);
    rd_error err;
    if (rd_ruleset_load(&rules, rd_default_rules_dir(), &err) != RD_OK)
        die("cannot load the rules", err.message);
    linter = rd_linter_new(&rules);
    for (size_t i = 0; i < rules.nrules; i++)
        if (rd_linter_set_severity(linter, rules.rules[i].id, RD_LINT_ENABLE,
                                   &err) != RD_OK)
            die("cannot enable a rule", err.message);
    return 0;
}

/* ------------------------------------------------------------- positions */

/* A 1-based line and column (characters) on a line of the input, or one
 * past its last character. */
static void check_position(const rd_doc *doc, uint32_t line, uint32_t col,
                           const char *what)
{
    size_t len;
    if (line == 0 || !rd_doc_line(doc, line, &len))
        die("line outside the input", what);
    if (col == 0 || col > len + 1)
        die("column outside its line", what);
}

static void check_end(const rd_doc *doc, uint32_t line, uint32_t col,
                      const char *what)
{
    if (line || col)
        check_position(doc, line, col, what);
}

static void check_attrs(const rd_doc *doc, const rd_attr *a, const char *what)
{
    for (; a; a = a->next)
        if (a->line || a->col)
            check_position(doc, a->line, a->col, what);
}

/* Positions, and the depth limit: elements stand at most max_depth below
 * the root, text one level further. */
static void check_tree(const rd_doc *doc, size_t size, unsigned max_depth)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    unsigned depth = 0;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_EXIT) {
            depth--;
            continue;
        }
        if (n != rd_doc_root(doc))
            depth++;
        const char *type = rd_node_type_name(n->type);
        if (depth > max_depth + 1 || (depth > max_depth && n->first_child))
            die("node below the depth limit", type);
        check_position(doc, n->line, n->col, type);
        check_end(doc, n->end_line, n->end_col, type);
        if (n->offset > size)
            die("node offset past the input's end", type);
        check_attrs(doc, n->attrs, type);
    }
    check_attrs(doc, rd_doc_meta(doc), "front matter");
}

static void check_diag_positions(const rd_doc *doc, const rd_diag *d,
                                 size_t count)
{
    for (size_t i = 0; i < count; i++) {
        check_position(doc, d[i].line, d[i].col, d[i].rule);
        check_end(doc, d[i].end_line, d[i].end_col, d[i].rule);
        if (!d[i].message || !d[i].rule)
            die("finding without a message or rule", d[i].rule);
    }
}

/* ---------------------------------------------------------------- outputs */

static void check_output(const char *format, const rd_buf *out, bool raw_html)
{
    const char *s = out->data ? out->data : "";
    const char *fault = rd_check_utf8(s, out->len);
    if (!fault && (strcmp(format, "tree") == 0 || strcmp(format, "docbook") == 0 ||
                   strcmp(format, "roles-xml") == 0 || strcmp(format, "junit") == 0))
        fault = rd_check_xml(s, out->len);
    else if (!fault && strcmp(format, "html") == 0 && !raw_html)
        fault = rd_check_html(s, out->len);
    else if (!fault && (strcmp(format, "roles-json") == 0 ||
                        strcmp(format, "json") == 0 || strcmp(format, "sarif") == 0))
        fault = rd_check_json(s, out->len);
    if (fault) {
        fprintf(stderr, "%s output:\n%.*s\n", format, (int)out->len, s);
        die(fault, format);
    }
}

static void emit_all(const rd_doc *doc, const rd_emit_options *opts)
{
    for (const rd_format *f = rd_formats(); f->name; f++) {
        rd_buf out;
        rd_buf_init(&out);
        if (f->emit(doc, opts, &out) != 0)
            die("converter failed", f->name);
        check_output(f->name, &out, opts->unsafe);
        rd_buf_free(&out);
    }
}

static void report_all(const rd_doc *doc, const rd_diag_list *diags)
{
    const char *name = rd_doc_name(doc);
    rd_report_options ro = { .rules = &rules, .files = &name, .nfiles = 1,
                             .docs = &doc };
    for (const rd_report_format *r = rd_reports(); r->name; r++) {
        rd_buf out;
        rd_buf_init(&out);
        if (r->write(diags, &ro, &out) != 0)
            die("report failed", r->name);
        check_output(r->name, &out, false);
        rd_buf_free(&out);
    }
}

/* ------------------------------------------------------------ the layers */

/* Families hold roles: every title is there, the links are consistent,
 * the counts are those of the roles walked, every part has a lead. */
static void check_model(const rd_doc *doc)
{
    rd_model *model = rd_model_extract(doc, &rules, RD_ROLE_PAGE_DETECT);
    if (!model)
        die("no model", NULL);
    size_t roles = 0, families = 0;
    for (const rd_role *r = NULL; (r = rd_model_next(model, r)); ) {
        if (!rd_role_title(r))
            die("role without a title", NULL);
        const rd_role *c = rd_role_first_child(r);
        if (c && rd_role_parent(c) != r)
            die("role family's child has another parent", rd_role_title(r));
        if (!c != !rd_role_is_family(r))
            die("a family without roles, or a role holding roles", rd_role_title(r));
        for (int k = 0; k < RD_PART_COUNT; k++)
            for (size_t i = 0; i < rd_role_part_count(r, (rd_part)k); i++)
                if (!rd_part_lead(rd_role_part_at(r, (rd_part)k, i)))
                    die("part without a lead", rd_role_title(r));
        if (rd_role_is_family(r))
            families++;
        else
            roles++;
    }
    if (roles != rd_model_role_count(model) || families != rd_model_family_count(model))
        die("model counts differ from its roles", NULL);
    rd_model_free(model);
}

static void lint(const rd_doc *doc, bool reports)
{
    rd_diag_list diags = { 0 };
    rd_error err;
    if (rd_lint_doc(linter, doc, NULL, &diags, &err) != RD_OK)
        die("lint failed", err.message);
    check_diag_positions(doc, diags.items, diags.len);
    if (reports)
        report_all(doc, &diags);
    rd_diag_list_free(&diags);
}

/* The layers a reading of the page goes through besides the converters. */
enum { CONVERT_ONLY = 0, MODEL_AND_LINT = 1, REPORTS = 2 };

static void run_page(const uint8_t *data, size_t size,
                     const rd_parse_options *parse, const rd_emit_options *emit,
                     unsigned layers)
{
    rd_doc *doc = rd_doc_parse((const char *)data, size, "fuzz.md", parse);
    if (!doc)
        die("no document", NULL);
    check_tree(doc, size, parse->max_depth ? parse->max_depth
                                           : RD_DEFAULT_MAX_DEPTH);
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++)
        check_diag_positions(doc, rd_doc_diag(doc, i), 1);
    if (layers & MODEL_AND_LINT) {
        check_model(doc);
        lint(doc, layers & REPORTS);
    }
    emit_all(doc, emit);
    rd_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rd_parse_options gitbook = { 0 };
    rd_emit_options as_page = { .rules = &rules, .roles = 1 };
    run_page(data, size, &gitbook, &as_page, MODEL_AND_LINT | REPORTS);

    rd_parse_options shallow = { .max_depth = 6 };
    rd_emit_options as_fragment = { .rules = &rules, .fragment = 1, .width = 20 };
    run_page(data, size, &shallow, &as_fragment, MODEL_AND_LINT);

    rd_parse_options commonmark = { .flags = RD_PARSE_COMMONMARK | RD_PARSE_GFM };
    rd_emit_options raw = { .rules = &rules, .fragment = 1, .unsafe = 1 };
    run_page(data, size, &commonmark, &raw, CONVERT_ONLY);
    return 0;
}
