/* roledoc convert: pages to text, DocBook, HTML, the tree, the role model. */
#include "cli.h"

#include <errno.h>
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
        "      --unsafe        html: pass raw HTML through as written\n"
        "      --css URL       html: link this stylesheet instead of the embedded one\n"
        "      --lang LANG     html: document language\n"
        "      --roles         docbook: mark role families, roles and their parts\n"
        "      --commonmark    plain CommonMark: no GitBook blocks, no GFM\n"
        "      --gfm           with --commonmark: GFM tables, strikethrough, task lists\n"
        "      --max-size N    refuse inputs larger than N bytes (default 64 MiB)\n"
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
    while ((c = getopt_long(argc, argv, ":t:o:O:h", long_options, NULL)) != -1) {
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
            if (cli_parse_uint(optarg, 10, 10000, &n) != 0) {
                cli_error("convert: --width wants a number from 10 to 10000, not '%s'", optarg);
                return EXIT_TROUBLE;
            }
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
            if (cli_parse_uint(optarg, 1, 4000000000u, &n) != 0) {
                cli_error("convert: --max-size wants a number of bytes, not '%s'", optarg);
                return EXIT_TROUBLE;
            }
            o->parse.max_size = n;
            break;
        case 'h':
            convert_usage(stdout);
            return EXIT_CLEAN;
        case ':':
            cli_error("convert: option '%s' needs a value", argv[optind - 1]);
            convert_usage(stderr);
            return EXIT_TROUBLE;
        default:
            cli_error("convert: unknown option '%s'", argv[optind - 1]);
            convert_usage(stderr);
            return EXIT_TROUBLE;
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

/* DIR/relative/path/name.EXT for an input path: the page's own relative
 * path is kept (so that two README.md do not collide), leading "/", "./"
 * and "../" dropped. */
static char *output_path_for(const char *dir, const char *input, const char *ext)
{
    if (strcmp(input, "-") == 0)
        input = "stdin";
    for (;;) {
        if (input[0] == '/')
            input++;
        else if (strncmp(input, "./", 2) == 0)
            input += 2;
        else if (strncmp(input, "../", 3) == 0)
            input += 3;
        else
            break;
    }
    size_t len = strlen(input);
    if (len > 3 && strcmp(input + len - 3, ".md") == 0)
        len -= 3;
    size_t size = strlen(dir) + 1 + len + 1 + strlen(ext) + 1;
    char *path = malloc(size);
    if (!path)
        abort();
    snprintf(path, size, "%s/%.*s.%s", dir, (int)len, input, ext);
    return path;
}

/* Creates the directories leading to path. */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            cli_error("%s: %s", copy, strerror(errno));
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

static int write_output(const char *path, const rd_buf *out)
{
    rd_error err;
    if (rd_write_file_atomic(path, out->data ? out->data : "", out->len, &err) != RD_OK) {
        cli_error("%s", err.message);
        return -1;
    }
    return 0;
}

/* Converts one page into `out`; returns 0, or -1 after reporting. */
static int convert_one(const char *path, const convert_opts *o, rd_buf *out)
{
    rd_error err;
    rd_doc *doc = rd_doc_load(path, NULL, &o->parse, &err);
    if (!doc) {
        cli_error("%s", err.message);
        return -1;
    }
    cli_report_load_diags(doc);
    int status = o->format->emit(doc, &o->emit, out);
    rd_doc_free(doc);
    if (status != 0) {
        cli_error("%s: could not convert to %s", path, o->format->name);
        return -1;
    }
    return 0;
}

static int convert_paths(const rd_path_list *pages, const convert_opts *o)
{
    int status = EXIT_CLEAN;
    rd_buf all;
    rd_buf_init(&all);
    cli_progress progress;
    cli_progress_start(&progress, "convert", o->output_dir && pages->len > 1);
    for (size_t i = 0; i < pages->len; i++) {
        const char *page = pages->paths[i];
        cli_progress_update(&progress, i, pages->len, page);
        if (!o->output_dir) {
            /* Standard output or -o: pages one after the other. */
            if (convert_one(page, o, &all) != 0)
                status = EXIT_TROUBLE;
            continue;
        }
        rd_buf out;
        rd_buf_init(&out);
        char *target = output_path_for(o->output_dir, page, o->format->extension);
        if (convert_one(page, o, &out) != 0 || make_parents(target) != 0 ||
            write_output(target, &out) != 0)
            status = EXIT_TROUBLE;
        free(target);
        rd_buf_free(&out);
    }
    cli_progress_end(&progress);
    /* A file named with -o is written only when every page converted: a
     * failed run leaves no partial output behind. */
    bool to_file = o->output && strcmp(o->output, "-") != 0;
    if (!o->output_dir && !(to_file && status != EXIT_CLEAN) &&
        write_output(o->output ? o->output : "-", &all) != 0)
        status = EXIT_TROUBLE;
    rd_buf_free(&all);
    return status;
}

int cmd_convert(int argc, char **argv)
{
    convert_opts o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;

    rd_path_list pages = { 0 };
    rd_buf problems;
    rd_buf_init(&problems);
    for (int i = optind; i < argc; i++)
        if (rd_collect_paths(argv[i], &pages, &problems) != 0)
            status = EXIT_TROUBLE;
    if (problems.len)
        fprintf(stderr, "%s", problems.data);
    rd_buf_free(&problems);

    bool whole_documents = strcmp(o.format->name, "text") != 0;
    if (pages.len > 1 && whole_documents && !o.output_dir) {
        cli_error("convert: %s output holds one page; give -O DIR for several "
                  "(or use 'roledoc book')", o.format->name);
        rd_path_list_free(&pages);
        return EXIT_TROUBLE;
    }
    int convert_status = convert_paths(&pages, &o);
    rd_path_list_free(&pages);
    return convert_status != EXIT_CLEAN ? convert_status
         : (status < 0 ? EXIT_CLEAN : status);
}
