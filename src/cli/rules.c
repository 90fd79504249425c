/* roledoc rules: what the rules are, and why each one exists. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rules_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc rules [--rules DIR] [--explain ID]\n"
        "\n"
        "Lists every rule with its default severity, \"fixable\" when\n"
        "'roledoc lint --fix' fixes its findings, and what it checks; or prints\n"
        "the documentation of one rule: why it exists, a page that breaks it\n"
        "and one that follows it.\n"
        "\n"
        "      --explain ID  print the documentation of rule ID\n"
        "      --rules DIR   read the rules from DIR\n"
        "  -h, --help        show this help\n"
        "\n"
        "example: roledoc rules --explain image-alt\n");
}

static int compare_rules(const void *a, const void *b)
{
    return strcmp((*(const rd_rule *const *)a)->id, (*(const rd_rule *const *)b)->id);
}

static int list_rules(const rd_ruleset *rules)
{
    const rd_rule **sorted = calloc(rules->nrules ? rules->nrules : 1, sizeof *sorted);
    if (!sorted)
        abort();
    int width = 0;
    for (size_t i = 0; i < rules->nrules; i++) {
        sorted[i] = &rules->rules[i];
        int n = (int)strlen(rules->rules[i].id);
        width = n > width ? n : width;
    }
    qsort(sorted, rules->nrules, sizeof *sorted, compare_rules);
    for (size_t i = 0; i < rules->nrules; i++)
        printf("%-*s  %-7s  %-7s  %s\n", width, sorted[i]->id,
               rd_severity_name(sorted[i]->severity),
               rd_rule_fixable(sorted[i]) ? "fixable" : "",
               sorted[i]->description ? sorted[i]->description : "");
    free(sorted);
    return EXIT_CLEAN;
}

static int explain_rule(const rd_ruleset *rules, const char *id)
{
    if (!rd_ruleset_find(rules, id)) {
        cli_error("rules: unknown rule \"%s\" ('roledoc rules' lists them)", id);
        return EXIT_TROUBLE;
    }
    const char *dir = cli_docs_dir();
    size_t n = strlen(dir) + strlen(id) + 5;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/%s.md", dir, id);
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("rules: %s: %s", path, strerror(errno));
        free(path);
        return EXIT_TROUBLE;
    }
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, got, stdout);
    fclose(f);
    free(path);
    return EXIT_CLEAN;
}

static const struct option long_options[] = {
    { "explain", required_argument, NULL, 'e' },
    { "rules", required_argument, NULL, 'r' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int cmd_rules(int argc, char **argv)
{
    const char *explain = NULL, *dir = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
        switch (c) {
        case 'e': explain = optarg; break;
        case 'r': dir = optarg; break;
        default:
            return cli_option_end("rules", c, argv, rules_usage);
        }
    }
    if (optind < argc) {
        cli_error("rules: unexpected argument '%s'", argv[optind]);
        rules_usage(stderr);
        return EXIT_TROUBLE;
    }
    rd_ruleset rules;
    rd_error err;
    if (rd_ruleset_load_with_schemas(&rules, dir ? dir : cli_rules_dir(),
                                     cli_rules_dir(), &err) != RD_OK) {
        cli_print_line(err.message);
        return EXIT_TROUBLE;
    }
    int status = explain ? explain_rule(&rules, explain) : list_rules(&rules);
    rd_ruleset_free(&rules);
    return status;
}
