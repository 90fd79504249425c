/* roledoc: entry point. Dispatches to a subcommand; what the subcommands
 * share is in cli/common.c. */
#include "config.h"
#include "cli.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    { "convert", cmd_convert, "convert pages to text, DocBook, HTML or data" },
    { "book", cmd_book, "write a GitBook space (its SUMMARY.md) as one DocBook book" },
    { "site", cmd_site, "write a GitBook space as a static HTML site" },
    { "lint", cmd_lint, "check pages against the rules" },
    { "lsp", cmd_lsp, "check pages in an editor, as they are written (LSP server)" },
    { "rules", cmd_rules, "list the rules, or explain one" },
    { "roles", cmd_roles, "write the catalogue of a space's roles, or explain a page" },
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void usage(FILE *out)
{
    fprintf(out, "usage: roledoc COMMAND [OPTIONS] PATH...\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\noptions:\n"
                 "  -h, --help     show this help\n"
                 "      --version  print the versions of roledoc, libxml2 and md4c\n"
                 "\n'roledoc COMMAND --help' describes each command.\n"
                 "\nexample: roledoc lint docs/\n");
}

/* libxml2 as it runs (xmlParserVersion is "20914" for 2.9.14), which may
 * be newer than the headers; md4c has no run-time version call, so it is
 * the one configure found. */
static void print_version(void)
{
    int v = atoi(xmlParserVersion);
    printf("roledoc %s\n", RD_VERSION);
    printf("running with libxml2 %d.%d.%d\n", v / 10000, v / 100 % 100, v % 100);
    printf("built with md4c %s\n", RD_MD4C_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("no command given");
        usage(stderr);
        return EXIT_TROUBLE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(name, "--version") == 0) {
        print_version();
        return EXIT_CLEAN;
    }
    xmlInitParser();
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(name, commands[i].name) == 0) {
            int status = commands[i].run(argc - 1, argv + 1);
            xmlCleanupParser();
            return status;
        }
    }
    cli_error(name[0] == '-' ? "unknown option '%s'" : "unknown command '%s'", name);
    usage(stderr);
    return EXIT_TROUBLE;
}
