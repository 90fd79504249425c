/* roledoc's library in use: lints a role page and converts it to DocBook.
 *
 *   cc api-example.c $(pkg-config --cflags --libs roledoc) -o api-example
 *   ./api-example page.md >page.xml
 *
 * The findings go to standard error as FILE:LINE:COL: SEVERITY: MESSAGE
 * [RULE], after a line that names the page and counts its roles; the
 * DocBook 5.0 article, its sections marked with the role model, goes to
 * standard output. Exit status: 0, 1 when a finding is an error, 2 when the
 * page or the rules cannot be read. The rules are ROLEDOC_RULES when set,
 * else the installed ones: the library reads no directory it is not given. */
#include <roledoc.h>

#include <stdio.h>
#include <stdlib.h>

/* The page's title and how many roles the default rules find. */
static void describe(const rd_doc *doc, const rd_ruleset *rules)
{
    rd_model *model = rd_model_extract(doc, rules, RD_ROLE_PAGE_DETECT);
    const char *title = rd_doc_title(doc);
    size_t roles = rd_model_role_count(model);
    fprintf(stderr, "%s: \"%s\", %zu role%s\n", rd_doc_name(doc),
            title ? title : "(no title)", roles, roles == 1 ? "" : "s");
    rd_model_free(model);
}

/* Prints the findings; returns how many are errors. */
static size_t print_findings(const rd_diag_list *found)
{
    size_t errors = 0;
    for (size_t i = 0; i < found->len; i++) {
        const rd_diag *d = &found->items[i];
        fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", d->file, d->line, d->col,
                rd_severity_name(d->severity), d->message, d->rule);
        errors += d->severity == RD_SEVERITY_ERROR;
    }
    return errors;
}

/* The rules: ROLEDOC_RULES when set, else the installed ones. The
 * library reads no directory it is not given. */
static const char *rules_dir(void)
{
    const char *env = getenv("ROLEDOC_RULES");
    return env && *env ? env : rd_installed_rules_dir();
}

/* Lints doc with rules; returns the number of error-level findings, or -1
 * on failure. */
static long lint(const rd_doc *doc, const char *path, const rd_ruleset *rules)
{
    rd_error err;
    describe(doc, rules);
    rd_linter *linter = rd_linter_new(rules);
    rd_diag_list found = { 0 };
    long errors = -1;
    if (rd_lint_doc(linter, doc, path, &found, &err) == RD_OK)
        errors = (long)print_findings(&found);
    else
        fprintf(stderr, "%s\n", err.message);
    rd_diag_list_free(&found);
    rd_linter_free(linter);
    return errors;
}

/* Writes the page as a DocBook article, its roles marked; returns 0, or -1. */
static int convert(const rd_doc *doc, const rd_ruleset *rules)
{
    rd_emit_options opts = { .roles = 1, .rules = rules };
    rd_buf out;
    rd_buf_init(&out);
    int status = rd_emit_docbook(doc, &opts, &out);
    if (status == 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
        status = -1;
    rd_buf_free(&out);
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: api-example PAGE.md\n");
        return 2;
    }
    rd_error err;
    rd_doc *doc = rd_doc_load(argv[1], NULL, NULL, &err);
    if (!doc) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    rd_ruleset rules;
    if (rd_ruleset_load(&rules, rules_dir(), &err) != RD_OK) {
        fprintf(stderr, "%s\n", err.message);
        rd_doc_free(doc);
        return 2;
    }
    long errors = lint(doc, argv[1], &rules);
    int status = errors < 0 || convert(doc, &rules) != 0 ? 2 : errors > 0 ? 1 : 0;
    rd_ruleset_free(&rules);
    rd_doc_free(doc);
    return status;
}
