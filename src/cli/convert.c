/* roledoc convert: pages to text, DocBook, HTML, the tree, the role model. */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    const rd_format *format;
    const char *output;      /* -o */
    const char *output_dir;  /* -O */
    unsigned jobs;           /* -j; 0: one per processor */
    rd_emit_options emit;
    rd_parse_options parse;
} convert_opts;

static void convert_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc convert -t FORMAT [-o FILE | -O DIR] [OPTIONS] PATH...\n"
        "\n"
        "Converts each page (a file, '-' for standard input, or a directory\n"
        "walked for *.md files).\n"
        "\n"
        "  -t, --to FORMAT     output format:");
    for (const rd_format *f = rd_formats(); f->name; f++)
        fprintf(out, " %s", f->name);
    fprintf(out, "\n"
        "  -o, --output FILE   write to FILE (atomically) instead of standard output\n"
        "  -O, --output-dir DIR  one output file per page under DIR\n"
        "      --width N       text: wrap at N columns (default 80)\n"
        "      --fragment      html: body content only\n"
        "      --unsafe        html: pass raw HTML through as written;\n"
        "                      docbook: keep javascript:, data: links and images\n"
        "      --css URL       html: link this stylesheet instead of the embedded one\n"
        "      --lang LANG     html: document language\n"
        "      --roles         docbook: mark role families, roles and their parts\n"
        "      --commonmark    plain CommonMark: no GitBook blocks, no GFM\n"
        "      --gfm           with --commonmark: GFM tables, strikethrough, task lists\n"
        "      --max-size N    refuse inputs larger than N bytes (default 64 MiB)\n"
        "  -j, --jobs N        convert N pages at a time (default 0: one per\n"
        "                      processor)\n"
        "  -h, --help          show this help\n"
        "\n"
        "example: roledoc convert -t text --width 72 page.md\n");
}

enum {
    OPT_WIDTH = 256, OPT_FRAGMENT, OPT_UNSAFE, OPT_CSS, OPT_LANG, OPT_ROLES,
    OPT_COMMONMARK, OPT_GFM, OPT_MAX_SIZE
};

static const struct option long_options[] = {
    { "to", required_argument, NULL, 't' },
    { "output", required_argument, NULL, 'o' },
    { "output-dir", required_argument, NULL, 'O' },
    { "width", required_argument, NULL, OPT_WIDTH },
    { "fragment", no_argument, NULL, OPT_FRAGMENT },
    { "unsafe", no_argument, NULL, OPT_UNSAFE },
    { "css", required_argument, NULL, OPT_CSS },
    { "lang", required_argument, NULL, OPT_LANG },
    { "roles", no_argument, NULL, OPT_ROLES },
    { "commonmark", no_argument, NULL, OPT_COMMONMARK },
    { "gfm", no_argument, NULL, OPT_GFM },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "jobs", required_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, convert_opts *o)
{
    int c;
    unsigned n;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":t:o:O:j:h", long_options, NULL)) != -1) {
        switch (c) {
        case 't':
            o->format = rd_format_find(optarg);
            if (!o->format) {
                cli_error("convert: unknown format '%s'", optarg);
                return EXIT_TROUBLE;
            }
            break;
        case 'o': o->output = optarg; break;
        case 'O': o->output_dir = optarg; break;
        case OPT_WIDTH:
            if (cli_number_option("convert", "--width", "a number from 10 to 10000",
                                  optarg, 10, 10000, &n) != 0)
                return EXIT_TROUBLE;
            o->emit.width = n;
            break;
        case OPT_FRAGMENT: o->emit.fragment = 1; break;
        case OPT_UNSAFE: o->emit.unsafe = 1; break;
        case OPT_CSS: o->emit.css = optarg; break;
        case OPT_LANG: o->emit.lang = optarg; break;
        case OPT_ROLES: o->emit.roles = 1; break;
        case OPT_COMMONMARK: o->parse.flags |= RD_PARSE_COMMONMARK; break;
        case OPT_GFM: o->parse.flags |= RD_PARSE_GFM; break;
        case OPT_MAX_SIZE:
            if (cli_max_size_option("convert", optarg, &o->parse.max_size) != 0)
                return EXIT_TROUBLE;
            break;
        case 'j':
            if (cli_jobs_option("convert", optarg, &o->jobs) != 0)
                return EXIT_TROUBLE;
            break;
        default:
            return cli_option_end("convert", c, argv, convert_usage);
        }
    }
    if (!o->format) {
        cli_error("convert: choose an output format with -t");
        convert_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (optind >= argc) {
        cli_error("convert: no page given (use '-' for standard input)");
        convert_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (o->output && o->output_dir) {
        cli_error("convert: -o and -O cannot be used together");
        return EXIT_TROUBLE;
    }
    return -1;
}

/* ---------------------------------------------------------------- pages */

/* What converting one page gave: its output (until it is written) and its
 * messages, printed in page order whichever thread made them. */
typedef struct {
    rd_buf out;
    rd_buf messages;
    bool failed;
    bool done;               /* converted, waiting for the pages before it */
} page_result;

/* Keeps a message for standard error, as cli_error would print it. */
static void note(rd_buf *messages, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(rd_buf *messages, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (!text)
        abort();
    va_start(ap, fmt);
    vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    rd_buf_printf(messages, "roledoc: %s\n", text);
    free(text);
}

/* Creates the output directory itself (its own path is the user's: it
 * may be a link), and what leads to it. */
static int make_dir(const char *dir, rd_buf *messages)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    char *copy = strdup(dir);
    if (!copy)
        abort();
    for (char *p = copy + 1;; p++) {
        if (*p && *p != '/')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            note(messages, "%s: %s", copy, strerror(errno));
            free(copy);
            return -1;
        }
        if (!c)
            break;
        *p = c;
    }
    free(copy);
    return 0;
}

/* The page's file under the output directory: its directories are made
 * there, never through a symbolic link. */
static int write_output(const char *dir, const char *rel, const rd_buf *out,
                        rd_buf *messages)
{
    rd_error err;
    if (make_dir(dir, messages) != 0)
        return -1;
    if (rd_write_file_under(dir, rel, out->data ? out->data : "", out->len,
                            &err) != RD_OK) {
        note(messages, "%s", err.message);
        return -1;
    }
    return 0;
}

/* Converts one page into `out`; returns 0, or -1 after noting why. */
static int convert_one(const char *path, const convert_opts *o, rd_buf *out,
                       rd_buf *messages)
{
    rd_error err;
    rd_doc *doc = rd_doc_load(path, NULL, &o->parse, &err);
    if (!doc) {
        note(messages, "%s", err.message);
        return -1;
    }
    cli_format_load_diags(doc, messages);
    int status = o->format->emit(doc, &o->emit, out);
    rd_doc_free(doc);
    if (status != 0) {
        note(messages, "%s: could not convert to %s", path, o->format->name);
        return -1;
    }
    return 0;
}

typedef struct {
    const rd_path_list *pages;
    const rd_path_list *targets;   /* with -O: each page's file under it */
    const convert_opts *opts;
    page_result *results;
    atomic_size_t next;      /* the next page to take */
    pthread_mutex_t lock;    /* guards what follows, and standard error */
    size_t committed;        /* pages whose messages and output are out */
    rd_buf all;              /* the output so far, without -O */
    int status;
    cli_progress progress;
} convert_run;

/* With -O the page's file is written here, on the worker's thread; else
 * its output waits to be joined to the others in page order. */
static void convert_page(convert_run *run, size_t i)
{
    const char *page = run->pages->paths[i];
    const convert_opts *o = run->opts;
    page_result *r = &run->results[i];
    if (convert_one(page, o, &r->out, &r->messages) != 0) {
        r->failed = true;
        return;
    }
    if (!o->output_dir)
        return;
    const char *target = run->targets->paths[i];
    if (write_output(o->output_dir, target, &r->out, &r->messages) != 0)
        r->failed = true;
    rd_buf_free(&r->out);
}

/* Appends a page's output to the others, taking the first one whole. */
static void join_output(rd_buf *all, rd_buf *out)
{
    if (!all->data) {
        *all = *out;
        rd_buf_init(out);
    } else if (out->len) {
        rd_buf_put(all, out->data, out->len);
    }
}

/* Marks page i done, then prints the messages and joins the output of the
 * pages done that are next in page order: whichever worker completes the
 * sequence does it, so the order never depends on timing. Called with the
 * lock held. */
static void commit_done(convert_run *run, size_t i)
{
    size_t total = run->pages->len;
    run->results[i].done = true;
    while (run->committed < total && run->results[run->committed].done) {
        page_result *r = &run->results[run->committed++];
        if (r->messages.len) {
            cli_progress_clear();
            fputs(r->messages.data, stderr);
        }
        if (r->failed)
            run->status = EXIT_TROUBLE;
        else if (!run->opts->output_dir)
            join_output(&run->all, &r->out);   /* standard output or -o */
        rd_buf_free(&r->out);
        rd_buf_free(&r->messages);
        if (run->committed < total)
            cli_progress_update(&run->progress, run->committed, total,
                                run->pages->paths[run->committed]);
    }
}

static void *convert_worker(void *arg)
{
    convert_run *run = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&run->next, 1);
        if (i >= run->pages->len)
            break;
        convert_page(run, i);
        pthread_mutex_lock(&run->lock);
        commit_done(run, i);
        pthread_mutex_unlock(&run->lock);
    }
    return NULL;
}

static int convert_paths(const rd_path_list *pages, const rd_path_list *targets,
                         const convert_opts *o)
{
    convert_run run = { .pages = pages, .targets = targets, .opts = o,
                        .status = EXIT_CLEAN };
    run.results = calloc(pages->len ? pages->len : 1, sizeof *run.results);
    if (!run.results)
        abort();
    atomic_init(&run.next, 0);
    pthread_mutex_init(&run.lock, NULL);
    rd_buf_init(&run.all);
    cli_progress_start(&run.progress, "convert", o->output_dir && pages->len > 1);
    if (pages->len)
        cli_progress_update(&run.progress, 0, pages->len, pages->paths[0]);
    cli_run_workers(o->jobs, pages->len, convert_worker, &run);
    cli_progress_end(&run.progress);
    pthread_mutex_destroy(&run.lock);
    free(run.results);

    int status = run.status;
    /* A file named with -o is written only when every page converted: a
     * failed run leaves no partial output behind. */
    bool to_file = o->output && strcmp(o->output, "-") != 0;
    if (!o->output_dir && !(to_file && status != EXIT_CLEAN)) {
        rd_error err;
        if (rd_write_file_atomic(o->output ? o->output : "-",
                                 run.all.data ? run.all.data : "", run.all.len,
                                 &err) != RD_OK) {
            cli_error("%s", err.message);
            status = EXIT_TROUBLE;
        }
    }
    rd_buf_free(&run.all);
    return status;
}

/* The model's formats read the rules: loaded here once for every page
 * rather than by the emitter for each. Returns 1 when loaded, 0 when the
 * format needs none, -1 after saying why they could not be loaded (the
 * rule file and the loader's words, as lint says it). */
static int load_rules_once(convert_opts *o, rd_ruleset *rules)
{
    const char *name = o->format->name;
    bool needs = strncmp(name, "roles-", 6) == 0 ||
                 (o->emit.roles && strcmp(name, "docbook") == 0);
    if (!needs)
        return 0;
    rd_error err;
    if (rd_ruleset_load_with_schemas(rules, cli_rules_dir(), cli_rules_dir(), &err) != RD_OK) {
        cli_print_line(err.message);
        return -1;
    }
    o->emit.rules = rules;
    return 1;
}

int cmd_convert(int argc, char **argv)
{
    convert_opts o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;

    rd_path_list pages = { 0 }, targets = { 0 };
    int collected = o.output_dir
        ? cli_collect_outputs(argc, argv, optind, o.format->extension, &pages, &targets)
        : cli_collect_pages(argc, argv, optind, &pages);
    if (collected == -2) {
        rd_path_list_free(&pages);
        rd_path_list_free(&targets);
        return EXIT_TROUBLE;
    }
    if (collected != 0)
        status = EXIT_TROUBLE;

    bool whole_documents = strcmp(o.format->name, "text") != 0;
    if (pages.len > 1 && whole_documents && !o.output_dir) {
        cli_error("convert: %s output holds one page; give -O DIR for several "
                  "(or use 'roledoc book')", o.format->name);
        rd_path_list_free(&pages);
        return EXIT_TROUBLE;
    }
    rd_ruleset rules;
    int loaded = load_rules_once(&o, &rules);
    if (loaded < 0) {
        rd_path_list_free(&pages);
        rd_path_list_free(&targets);
        return EXIT_TROUBLE;
    }
    int convert_status = convert_paths(&pages, &targets, &o);
    if (loaded)
        rd_ruleset_free(&rules);
    rd_path_list_free(&pages);
    rd_path_list_free(&targets);
    return convert_status != EXIT_CLEAN ? convert_status
         : (status < 0 ? EXIT_CLEAN : status);
}
