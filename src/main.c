/* roledoc: entry point. Dispatches to a subcommand. */
#include "cli.h"

#include <libxml/parser.h>
#include <stdarg.h>
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
    { "lint", cmd_lint, "check pages against the rules" },
    { "rules", cmd_rules, "list the rules, or explain one" },
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void usage(FILE *out)
{
    fprintf(out, "usage: roledoc COMMAND [OPTIONS] PATH...\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'roledoc COMMAND --help' describes each command.\n");
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("roledoc: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_report_load_diags(const rd_doc *doc)
{
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        const rd_diag *d = rd_doc_diag(doc, i);
        fprintf(stderr, "%s:%u:%u: warning: %s [%s]\n", d->file, d->line,
                d->col, d->message, d->rule);
    }
}

int cli_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v < min || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_TROUBLE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(name, "--version") == 0) {
        printf("roledoc %s\n", RD_VERSION);
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
    cli_error("unknown command '%s'", name);
    usage(stderr);
    return EXIT_TROUBLE;
}
