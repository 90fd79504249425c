/* Every layer of roledoc at once on one page (source, parse, model, every
 * check, every converter and every report format), read three ways: as
 * GitBook pages are (the default limits), with a depth limit of a few
 * levels (so that the code keeping deep content as text is reached by
 * small inputs), and as plain CommonMark with GFM; the reports, whose cost
 * does not depend on the page much, for the first reading only. Too slow
 * to fuzz with (the layers have harnesses of their own, harness.h): make
 * check replays the fixtures and pathological pages through it. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void emit_all(const rd_doc *doc, const rd_emit_options *opts)
{
    for (const rd_format *f = rd_formats(); f->name; f++) {
        rd_buf out;
        rd_buf_init(&out);
        if (f->emit(doc, opts, &out) != 0)
            rd_fuzz_die("converter failed", f->name);
        rd_fuzz_check_output(f->name, &out, opts->unsafe);
        rd_buf_free(&out);
    }
}

static void report_all(const rd_doc *doc, const rd_diag_list *diags)
{
    const char *name = rd_doc_name(doc);
    rd_report_options ro = { .rules = &rd_fuzz_ruleset, .files = &name, .nfiles = 1,
                             .docs = &doc };
    for (const rd_report_format *r = rd_reports(); r->name; r++) {
        rd_buf out;
        rd_buf_init(&out);
        if (r->write(diags, &ro, &out) != 0)
            rd_fuzz_die("report failed", r->name);
        rd_fuzz_check_output(r->name, &out, false);
        rd_buf_free(&out);
    }
}

static void lint(const rd_doc *doc, bool reports)
{
    rd_diag_list diags = { 0 };
    rd_error err;
    if (rd_lint_doc(rd_fuzz_linter, doc, NULL, &diags, &err) != RD_OK)
        rd_fuzz_die("lint failed", err.message);
    rd_fuzz_check_diags(doc, diags.items, diags.len);
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
        rd_fuzz_die("no document", NULL);
    rd_fuzz_check_tree(doc, size, parse->max_depth ? parse->max_depth
                                                   : RD_DEFAULT_MAX_DEPTH);
    if (layers & MODEL_AND_LINT) {
        rd_fuzz_check_model(doc);
        lint(doc, layers & REPORTS);
    }
    emit_all(doc, emit);
    rd_doc_free(doc);
}

void rd_fuzz_pipeline(const uint8_t *data, size_t size)
{
    rd_parse_options gitbook = { 0 };
    rd_emit_options as_page = { .rules = &rd_fuzz_ruleset, .roles = 1 };
    run_page(data, size, &gitbook, &as_page, MODEL_AND_LINT | REPORTS);

    rd_parse_options shallow = { .max_depth = 6 };
    rd_emit_options as_fragment = { .rules = &rd_fuzz_ruleset, .fragment = 1, .width = 20 };
    run_page(data, size, &shallow, &as_fragment, MODEL_AND_LINT);

    rd_parse_options commonmark = { .flags = RD_PARSE_COMMONMARK | RD_PARSE_GFM };
    rd_emit_options raw = { .rules = &rd_fuzz_ruleset, .fragment = 1, .unsafe = 1 };
    run_page(data, size, &commonmark, &raw, CONVERT_ONLY);
}
