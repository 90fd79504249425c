/* roledoc book: a GitBook space, from its SUMMARY.md, as one DocBook book. */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *output;      /* -o; standard output when NULL */
    rd_book_options book;
    rd_emit_options emit;
} book_opts;

static void book_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc book SUMMARY.md [-o FILE] [OPTIONS]\n"
        "\n"
        "Writes the GitBook space that SUMMARY.md describes as one DocBook 5.0\n"
        "book: a part for each '##' group, a chapter for each page, nested pages\n"
        "as sections, links between pages as cross-references. A page named in\n"
        "SUMMARY.md but missing on disk is a warning and becomes a chapter that\n"
        "says so.\n"
        "\n"
        "  -o, --output FILE   write to FILE (atomically) instead of standard output\n"
        "      --title TITLE   book title (default: the first heading of the space's\n"
        "                      README.md, else the name of its folder)\n"
        "      --roles         mark role families, roles and their parts\n"
        "      --max-size N    refuse pages larger than N bytes (default 64 MiB)\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 when the book is written (warnings or not), 2 on usage\n"
        "or I/O errors.\n"
        "\n"
        "example: roledoc book docs/SUMMARY.md -o book.xml\n");
}

enum { OPT_TITLE = 256, OPT_ROLES, OPT_MAX_SIZE };

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "title", required_argument, NULL, OPT_TITLE },
    { "roles", no_argument, NULL, OPT_ROLES },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, book_opts *o)
{
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = o->book.output = optarg; break;
        case OPT_TITLE: o->book.title = optarg; break;
        case OPT_ROLES: o->emit.roles = 1; break;
        case OPT_MAX_SIZE:
            if (cli_max_size_option("book", optarg, &o->book.parse.max_size) != 0)
                return EXIT_TROUBLE;
            break;
        default:
            return cli_option_end("book", c, argv, book_usage);
        }
    }
    if (argc - optind != 1) {
        cli_error(optind >= argc ? "book: give the SUMMARY.md of the space"
                                 : "book: one SUMMARY.md at a time");
        book_usage(stderr);
        return EXIT_TROUBLE;
    }
    return -1;
}

/* Findings on standard error, as FILE:LINE:COL: SEVERITY: MESSAGE [RULE];
 * returns whether one is an error. */
static int report(const rd_book *book)
{
    int errors = 0;
    for (size_t i = 0; i < rd_book_diag_count(book); i++) {
        const rd_diag *d = rd_book_diag(book, i);
        bool error = d->severity == RD_SEVERITY_ERROR;
        rd_buf line;
        rd_buf_init(&line);
        rd_buf_printf(&line, "%s:%u:%u: %s: %s [%s]", d->file, d->line, d->col,
                      error ? "error" : "warning", d->message, d->rule);
        cli_print_line(line.data);
        rd_buf_free(&line);
        errors += error;
    }
    return errors;
}

/* The library's progress reports, to the progress line. */
static void show_progress(void *data, size_t done, size_t total, const char *page)
{
    cli_progress_update(data, done, total, page);
}

int cmd_book(int argc, char **argv)
{
    book_opts o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;

    rd_error err;
    rd_ruleset rules;
    if (o.emit.roles) {
        /* Loaded here so that a broken rule set is reported as such. */
        if (rd_ruleset_load_with_schemas(&rules, cli_rules_dir(), cli_rules_dir(), &err) != RD_OK) {
            cli_error("%s", err.message);
            return EXIT_TROUBLE;
        }
        o.emit.rules = &rules;
    }
    cli_progress progress;
    cli_progress_start(&progress, "book", 1);
    o.book.progress = show_progress;
    o.book.progress_data = &progress;
    rd_book *book = rd_book_load(argv[optind], &o.book, &err);
    cli_progress_end(&progress);
    if (!book) {
        cli_error("%s", err.message);
        if (o.emit.rules)
            rd_ruleset_free(&rules);
        return EXIT_TROUBLE;
    }
    int unreadable = report(book);
    rd_buf out;
    rd_buf_init(&out);
    status = unreadable ? EXIT_TROUBLE : EXIT_CLEAN;
    if (rd_emit_docbook_book(book, &o.emit, &out) != 0) {
        cli_error("%s: could not write the book", argv[optind]);
        status = EXIT_TROUBLE;
    } else if (rd_write_file_atomic(o.output ? o.output : "-", out.data,
                                    out.len, &err) != RD_OK) {
        cli_error("%s", err.message);
        status = EXIT_TROUBLE;
    }
    rd_buf_free(&out);
    rd_book_free(book);
    if (o.emit.rules)
        rd_ruleset_free(&rules);
    return status;
}
