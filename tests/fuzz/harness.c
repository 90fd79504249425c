/* What the fuzzing harnesses share (see harness.h): the rules and a
 * linter with every rule on, and the checks of what must hold whatever the
 * input: positions inside it, the depth limit, well-formed outputs. */
#include "harness.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rd_ruleset rd_fuzz_ruleset;
rd_linter *rd_fuzz_linter;

void rd_fuzz_die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

void rd_fuzz_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    xmlInitParser();
    setenv("ROLEDOC_RULES", RD_SRCDIR "/rules", 0);
    setenv("ROLEDOC_DOCS", RD_SRCDIR "/docs/rules", 0);
    rd_error err;
    if (rd_ruleset_load(&rd_fuzz_ruleset, RD_SRCDIR "/rules", &err) != RD_OK)
        rd_fuzz_die("cannot load the rules", err.message);
    rd_fuzz_linter = rd_linter_new(&rd_fuzz_ruleset);
    for (size_t i = 0; i < rd_fuzz_ruleset.nrules; i++)
        if (rd_linter_set_severity(rd_fuzz_linter, rd_fuzz_ruleset.rules[i].id,
                                   RD_LINT_ENABLE, &err) != RD_OK)
            rd_fuzz_die("cannot enable a rule", err.message);
}

/* ------------------------------------------------------------- positions */

/* A 1-based line and column (characters) on a line of the input, or one
 * past its last character. */
static void check_position(const rd_doc *doc, uint32_t line, uint32_t col,
                           const char *what)
{
    size_t len;
    if (line == 0 || !rd_doc_line(doc, line, &len))
        rd_fuzz_die("line outside the input", what);
    if (col == 0 || col > len + 1)
        rd_fuzz_die("column outside its line", what);
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

/* Elements stand at most max_depth below the root, text one level further. */
void rd_fuzz_check_tree(const rd_doc *doc, size_t size, unsigned max_depth)
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
            rd_fuzz_die("node below the depth limit", type);
        check_position(doc, n->line, n->col, type);
        check_end(doc, n->end_line, n->end_col, type);
        if (n->offset > size)
            rd_fuzz_die("node offset past the input's end", type);
        check_attrs(doc, n->attrs, type);
    }
    check_attrs(doc, rd_doc_meta(doc), "front matter");
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++)
        rd_fuzz_check_diags(doc, rd_doc_diag(doc, i), 1);
}

void rd_fuzz_check_diags(const rd_doc *doc, const rd_diag *d, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        check_position(doc, d[i].line, d[i].col, d[i].rule);
        check_end(doc, d[i].end_line, d[i].end_col, d[i].rule);
        if (!d[i].message || !d[i].rule)
            rd_fuzz_die("finding without a message or rule", d[i].rule);
    }
}

/* ---------------------------------------------------------------- outputs */

static bool is_format(const char *format, const char *names)
{
    size_t n = strlen(format);
    for (const char *p = names; *p;) {
        size_t len = strcspn(p, " ");
        if (len == n && strncmp(p, format, n) == 0)
            return true;
        p += len + (p[len] == ' ');
    }
    return false;
}

void rd_fuzz_check_output(const char *format, const rd_buf *out, bool raw_html)
{
    const char *s = out->data ? out->data : "";
    const char *fault = rd_check_utf8(s, out->len);
    if (!fault && is_format(format, "tree docbook roles-xml junit"))
        fault = rd_check_xml(s, out->len);
    else if (!fault && is_format(format, "html html-fragment") && !raw_html)
        fault = rd_check_html(s, out->len);
    else if (!fault && is_format(format, "roles-json json sarif"))
        fault = rd_check_json(s, out->len);
    if (!fault && strcmp(format, "html-fragment") == 0 && !raw_html)
        fault = rd_check_html_safe(s, out->len);
    if (fault) {
        fprintf(stderr, "%s output:\n%.*s\n", format, (int)out->len, s);
        rd_fuzz_die(fault, format);
    }
}

/* ---------------------------------------------------------------- model */

void rd_fuzz_check_model(const rd_doc *doc)
{
    rd_model *model = rd_model_extract(doc, &rd_fuzz_ruleset, RD_ROLE_PAGE_DETECT);
    if (!model)
        rd_fuzz_die("no model", NULL);
    size_t roles = 0, families = 0;
    for (const rd_role *r = NULL; (r = rd_model_next(model, r)); ) {
        if (!rd_role_title(r))
            rd_fuzz_die("role without a title", NULL);
        const rd_role *c = rd_role_first_child(r);
        if (c && rd_role_parent(c) != r)
            rd_fuzz_die("role family's child has another parent", rd_role_title(r));
        if (!c != !rd_role_is_family(r))
            rd_fuzz_die("a family without roles, or a role holding roles",
                        rd_role_title(r));
        for (int k = 0; k < RD_PART_COUNT; k++)
            for (size_t i = 0; i < rd_role_part_count(r, (rd_part)k); i++)
                if (!rd_part_lead(rd_role_part_at(r, (rd_part)k, i)))
                    rd_fuzz_die("part without a lead", rd_role_title(r));
        if (rd_role_is_family(r))
            families++;
        else
            roles++;
    }
    if (roles != rd_model_role_count(model) || families != rd_model_family_count(model))
        rd_fuzz_die("model counts differ from its roles", NULL);
    for (size_t i = 0; i < rd_model_reason_count(model); i++)
        if (!rd_model_reason(model, i, NULL))
            rd_fuzz_die("reason missing", NULL);
    rd_model_free(model);
}
