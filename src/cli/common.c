/* What the subcommands share: messages, the ends of their option parsing,
 * the options several of them take, the pages named on the command line
 * and the worker threads. */
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_print(const char *text, const char *keep)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_put_visible(&b, text ? text : "", text ? strlen(text) : 0, keep);
    cli_progress_clear();
    fwrite(b.data ? b.data : "", 1, b.len, stderr);
    rd_buf_free(&b);
}

void cli_print_line(const char *text)
{
    cli_print(text, "");
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_puts(&b, "roledoc: ");
    va_start(ap, fmt);
    rd_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    cli_print_line(b.data);
    rd_buf_free(&b);
}

void cli_format_load_diags(const rd_doc *doc, rd_buf *out)
{
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        const rd_diag *d = rd_doc_diag(doc, i);
        rd_buf_put_visible(out, d->file, strlen(d->file), "");
        rd_buf_printf(out, ":%u:%u: warning: ", d->line, d->col);
        rd_buf_put_visible(out, d->message, strlen(d->message), "");
        rd_buf_printf(out, " [%s]\n", d->rule);
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

/* ---------------------------------------------------------------- options */

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

int cli_number_option(const char *command, const char *option,
                      const char *wants, const char *arg, unsigned min,
                      unsigned max, unsigned *out)
{
    if (cli_parse_uint(arg, min, max, out) == 0)
        return 0;
    cli_error("%s: %s wants %s, not '%s'", command, option, wants, arg);
    return -1;
}

int cli_jobs_option(const char *command, const char *arg, unsigned *jobs)
{
    return cli_number_option(command, "--jobs", "a number from 0 to 1024",
                             arg, 0, 1024, jobs);
}

int cli_max_size_option(const char *command, const char *arg, size_t *max_size)
{
    unsigned n;
    if (cli_number_option(command, "--max-size", "a number of bytes", arg,
                          1, 4000000000u, &n) != 0)
        return -1;
    *max_size = n;
    return 0;
}

int cli_option_end(const char *command, int c, char **argv,
                   void (*usage)(FILE *out))
{
    switch (c) {
    case 'h':
        usage(stdout);
        return EXIT_CLEAN;
    case ':':
        cli_error("%s: option '%s' needs a value", command, argv[optind - 1]);
        usage(stderr);
        return EXIT_TROUBLE;
    default:
        cli_error("%s: unknown option '%s'", command, argv[optind - 1]);
        usage(stderr);
        return EXIT_TROUBLE;
    }
}

/* ------------------------------------------------------------------ pages */

int cli_take_negations(int argc, char **argv, int first, rd_path_list *excludes)
{
    int kept = first;
    for (int i = first; i < argc; i++) {
        if (argv[i][0] == '!' && argv[i][1] && access(argv[i], F_OK) != 0)
            rd_path_list_add(excludes, strdup(argv[i] + 1));
        else
            argv[kept++] = argv[i];
    }
    return kept - first;
}

rd_linter *cli_linter_new(const char *command, const char *rules_dir,
                          const char *config, const rd_path_list *excludes,
                          rd_ruleset *rules)
{
    rd_error err;
    if (rd_ruleset_load_with_schemas(rules, rules_dir ? rules_dir : cli_rules_dir(),
                                     cli_rules_dir(), &err) != RD_OK) {
        cli_print_line(err.message);
        return NULL;
    }
    rd_linter *linter = rd_linter_new(rules);
    bool ok = !config || rd_linter_use_config(linter, config, &err) == RD_OK;
    for (size_t i = 0; ok && excludes && i < excludes->len; i++)
        ok = rd_linter_exclude(linter, excludes->paths[i], &err) == RD_OK;
    if (!ok)
        return cli_linter_fail(command, linter, rules, &err);
    return linter;
}

rd_linter *cli_linter_fail(const char *command, rd_linter *linter,
                           rd_ruleset *rules, const rd_error *err)
{
    if (err->status == RD_ERR_USAGE)
        cli_error("%s: %s", command, err->message);
    else
        cli_print_line(err->message);
    rd_linter_free(linter);
    rd_ruleset_free(rules);
    return NULL;
}

int cli_collect_pages(int argc, char **argv, int first, rd_path_list *pages)
{
    int status = 0;
    rd_buf problems;
    rd_buf_init(&problems);
    for (int i = first; i < argc; i++)
        if (rd_collect_paths(argv[i], pages, &problems) != 0)
            status = -1;
    if (problems.len)
        cli_print(problems.data, "\n");
    rd_buf_free(&problems);
    return status;
}

/* ---------------------------------------------------------------- workers */

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
