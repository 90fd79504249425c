/* roledoc: entry point. Dispatches to a subcommand. */
#include "config.h"
#include "cli.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

void cli_error(const char *fmt, ...)
{
    va_list ap;
    cli_progress_clear();
    fputs("roledoc: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_format_load_diags(const rd_doc *doc, rd_buf *out)
{
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        const rd_diag *d = rd_doc_diag(doc, i);
        rd_buf_printf(out, "%s:%u:%u: warning: %s [%s]\n", d->file, d->line,
                      d->col, d->message, d->rule);
    }
}

void cli_report_load_diags(const rd_doc *doc)
{
    rd_buf text;
    rd_buf_init(&text);
    cli_format_load_diags(doc, &text);
    if (text.len) {
        cli_progress_clear();
        fputs(text.data, stderr);
    }
    rd_buf_free(&text);
}

static unsigned worker_count(unsigned jobs, size_t tasks)
{
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus > 0 ? (unsigned)cpus : 1;
    }
    return tasks < jobs ? (unsigned)(tasks ? tasks : 1) : jobs;
}

void cli_run_workers(unsigned jobs, size_t tasks, void *(*worker)(void *),
                     void *arg)
{
    unsigned n = worker_count(jobs, tasks);
    if (n <= 1) {
        worker(arg);
        return;
    }
    pthread_t *threads = calloc(n, sizeof *threads);
    if (!threads)
        abort();
    unsigned started = 0;
    for (; started < n; started++)
        if (pthread_create(&threads[started], NULL, worker, arg) != 0)
            break;
    if (started == 0)
        worker(arg);           /* no thread to be had: do it here */
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
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
