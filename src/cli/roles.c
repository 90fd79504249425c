/* roledoc roles: the catalogue of every role of a space, or the reasons
 * why pages are or are not role pages (--explain). */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *format;      /* json, csv, html */
    const char *output;      /* NULL: standard output */
    const char *config;
    const char *rules_dir;
    rd_path_list excludes;   /* --exclude and '!GLOB' */
    bool explain;
    int npages;              /* page arguments, from optind */
    rd_parse_options parse;
} roles_opts;

static void roles_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc roles [OPTIONS] PATH...\n"
        "\n"
        "Writes the catalogue of every role and role family of the pages (files,\n"
        "'-' for standard input, or directories walked for *.md files): title,\n"
        "both gendered forms, page and line, family, mission (its first\n"
        "sentence), number of actions and objectives, and the lint findings\n"
        "against each. docs/roles.md says how a page is recognised as a role\n"
        "page.\n"
        "\n"
        "  -f, --format FORMAT  catalogue format: json csv html (default json)\n"
        "  -o, --output FILE    write to FILE instead of standard output (atomically)\n"
        "      --explain        print, for each page, why it is or is not a role\n"
        "                       page: the title read, the labels, lead-ins and\n"
        "                       phrases found, the rule that decided\n"
        "      --config FILE    use this configuration for every page (instead of\n"
        "                       the .roledoc.yaml or .roledoc.xml found above each\n"
        "                       page)\n"
        "      --exclude GLOB   leave out the pages GLOB matches (as '!GLOB' does,\n"
        "                       and the configuration's ignore)\n"
        "      --rules DIR      read the rules from DIR\n"
        "      --max-size N     refuse pages larger than N bytes (default 64 MiB)\n"
        "  -h, --help           show this help\n"
        "\n"
        "Exit status: 0, or 2 when a page could not be read (the others are in\n"
        "the catalogue) or on a usage, rule or configuration error.\n"
        "\n"
        "example: roledoc roles -f html -o roles.html docs/\n");
}

enum { OPT_EXPLAIN = 256, OPT_CONFIG, OPT_RULES, OPT_EXCLUDE, OPT_MAX_SIZE };

static const struct option long_options[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "explain", no_argument, NULL, OPT_EXPLAIN },
    { "config", required_argument, NULL, OPT_CONFIG },
    { "rules", required_argument, NULL, OPT_RULES },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static bool known_format(const char *f)
{
    return strcmp(f, "json") == 0 || strcmp(f, "csv") == 0 || strcmp(f, "html") == 0;
}

/* Reads one option; returns -1 to go on, else the exit status. */
static int parse_option(int c, char **argv, roles_opts *o)
{
    switch (c) {
    case 'f':
        if (!known_format(optarg)) {
            cli_error("roles: unknown format '%s' (json, csv or html)", optarg);
            return EXIT_TROUBLE;
        }
        o->format = optarg;
        return -1;
    case 'o': o->output = optarg; return -1;
    case OPT_EXPLAIN: o->explain = true; return -1;
    case OPT_CONFIG: o->config = optarg; return -1;
    case OPT_RULES: o->rules_dir = optarg; return -1;
    case OPT_EXCLUDE: rd_path_list_add(&o->excludes, strdup(optarg)); return -1;
    case OPT_MAX_SIZE:
        return cli_max_size_option("roles", optarg, &o->parse.max_size) == 0
             ? -1 : EXIT_TROUBLE;
    default:
        return cli_option_end("roles", c, argv, roles_usage);
    }
}

static int parse_options(int argc, char **argv, roles_opts *o)
{
    int c, status;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:o:h", long_options, NULL)) != -1)
        if ((status = parse_option(c, argv, o)) >= 0)
            return status;
    o->npages = cli_take_negations(argc, argv, optind, &o->excludes);
    if (o->npages == 0) {
        cli_error("roles: no page given (use '-' for standard input)");
        roles_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (o->explain && (o->output || o->format != NULL)) {
        cli_error("roles: --explain prints text: it takes no -f or -o");
        return EXIT_TROUBLE;
    }
    return -1;
}

/* ------------------------------------------------------------ explain */

static void explain(const char *path, const rd_model *model, rd_buf *out)
{
    size_t roles = rd_model_role_count(model), families = rd_model_family_count(model);
    rd_buf_printf(out, "%s: %s (%s)", path, rd_model_is_role_page(model)
                  ? "a role page" : "not a role page",
                  rd_decision_name(rd_model_decision(model)));
    if (roles)
        rd_buf_printf(out, ": %zu role%s", roles, roles == 1 ? "" : "s");
    if (families)
        rd_buf_printf(out, ", %zu famil%s", families, families == 1 ? "y" : "ies");
    rd_buf_putc(out, '\n');
    for (size_t i = 0; i < rd_model_reason_count(model); i++) {
        uint32_t line;
        const char *why = rd_model_reason(model, i, &line);
        if (line)
            rd_buf_printf(out, "  line %u: %s\n", line, why);
        else
            rd_buf_printf(out, "  %s\n", why);
    }
}

/* ------------------------------------------------------------ pages */

typedef struct {
    rd_linter *linter;
    rd_catalogue *catalogue;
    rd_buf explained;
    bool explain;
} roles_run;

/* One page: its model and findings into the catalogue (or its reasons).
 * Returns 0, 1 when it could not be read, -1 on a configuration error. */
static int add_page(roles_run *run, const char *path, const rd_parse_options *parse)
{
    rd_error err;
    const char *on_disk = strcmp(path, "-") == 0 ? NULL : path;
    int ignored = 0;
    if (rd_linter_ignores(run->linter, on_disk, &ignored, &err) != RD_OK) {
        cli_print_line(err.message);
        return -1;
    }
    if (ignored) {
        if (run->explain)
            rd_buf_printf(&run->explained, "%s: left out (the configuration's "
                          "ignore, or --exclude)\n", path);
        return 0;
    }
    rd_doc *doc = rd_doc_load(path, NULL, parse, &err);
    if (!doc) {
        cli_error("%s", err.message);
        return 1;
    }
    rd_model *model = rd_linter_model(run->linter, doc, on_disk, &err);
    rd_diag_list found = { 0 };
    int status = 0;
    if (!model || rd_lint_doc(run->linter, doc, on_disk, &found, &err) != RD_OK) {
        cli_print_line(err.message);
        status = -1;
    } else if (run->explain) {
        explain(rd_doc_name(doc), model, &run->explained);
    } else {
        rd_catalogue_add_page(run->catalogue, rd_doc_name(doc), model, &found);
    }
    rd_diag_list_free(&found);
    rd_model_free(model);
    rd_doc_free(doc);
    return status;
}

static int write_out(const roles_opts *o, roles_run *run)
{
    rd_buf out;
    rd_buf_init(&out);
    if (run->explain)
        rd_buf_put(&out, run->explained.data, run->explained.len);
    else
        rd_catalogue_write(run->catalogue, o->format ? o->format : "json", &out);
    rd_error err;
    int status = 0;
    if (rd_write_file_atomic(o->output ? o->output : "-", out.data ? out.data : "",
                             out.len, &err) != RD_OK) {
        cli_error("%s", err.message);
        status = -1;
    }
    rd_buf_free(&out);
    return status;
}

static int run_pages(const roles_opts *o, rd_linter *linter, const rd_path_list *pages,
                     bool trouble)
{
    roles_run run = { .linter = linter, .catalogue = rd_catalogue_new(),
                      .explain = o->explain };
    rd_buf_init(&run.explained);
    bool broken = false;         /* a bad configuration stops the run */
    for (size_t i = 0; i < pages->len && !broken; i++) {
        int status = add_page(&run, pages->paths[i], &o->parse);
        broken = status < 0;
        trouble |= status != 0;
    }
    if (!broken && write_out(o, &run) != 0)
        trouble = true;
    rd_catalogue_free(run.catalogue);
    rd_buf_free(&run.explained);
    return trouble ? EXIT_TROUBLE : EXIT_CLEAN;
}

int cmd_roles(int argc, char **argv)
{
    roles_opts o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0) {
        rd_path_list_free(&o.excludes);
        return status;
    }
    rd_ruleset rules;
    rd_linter *linter = cli_linter_new("roles", o.rules_dir, o.config, &o.excludes,
                                       &rules);
    rd_path_list_free(&o.excludes);
    if (!linter)
        return EXIT_TROUBLE;
    rd_path_list pages = { 0 };
    bool trouble = cli_collect_pages(optind + o.npages, argv, optind, &pages) != 0;
    status = run_pages(&o, linter, &pages, trouble);
    rd_path_list_free(&pages);
    rd_linter_free(linter);
    rd_ruleset_free(&rules);
    return status;
}
