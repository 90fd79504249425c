/* roledoc site: a GitBook space as a static HTML site under a folder. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    const char *output_dir;  /* -O */
    rd_site_options site;
} site_opts;

static void site_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc site SPACE -O DIR [OPTIONS]\n"
        "\n"
        "Writes the GitBook space SPACE (a folder holding SUMMARY.md, or the\n"
        "SUMMARY.md itself) as a static HTML site under DIR: a page per page of\n"
        "the space at its path, the navigation of SUMMARY.md on every page,\n"
        "previous and next links, an index.html, links between pages going to\n"
        "their .html files, and the local files the pages use copied beside\n"
        "them. Pages that SUMMARY.md does not name are written and listed too.\n"
        "A second run rewrites only what changed.\n"
        "\n"
        "  -O, --output-dir DIR  the site's folder (made when missing)\n"
        "      --unsafe        pass raw HTML through as written\n"
        "      --css URL       link this stylesheet instead of the embedded one\n"
        "      --lang LANG     document language\n"
        "      --max-size N    refuse pages larger than N bytes (default 64 MiB)\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 when every page is written (warnings or not), 2 when a\n"
        "page or a file could not be (the others are written), or on usage errors.\n"
        "\n"
        "example: roledoc site docs -O public\n");
}

enum { OPT_UNSAFE = 256, OPT_CSS, OPT_LANG, OPT_MAX_SIZE };

static const struct option long_options[] = {
    { "output-dir", required_argument, NULL, 'O' },
    { "unsafe", no_argument, NULL, OPT_UNSAFE },
    { "css", required_argument, NULL, OPT_CSS },
    { "lang", required_argument, NULL, OPT_LANG },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static int check_arguments(int argc, const site_opts *o)
{
    if (argc - optind != 1) {
        cli_error(optind >= argc ? "site: give the space (a folder or its SUMMARY.md)"
                                 : "site: one space at a time");
        site_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (!o->output_dir || !*o->output_dir) {
        cli_error("site: give the site's folder with -O DIR");
        site_usage(stderr);
        return EXIT_TROUBLE;
    }
    return -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, site_opts *o)
{
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":O:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'O': o->output_dir = optarg; break;
        case OPT_UNSAFE: o->site.emit.unsafe = 1; break;
        case OPT_CSS: o->site.emit.css = optarg; break;
        case OPT_LANG: o->site.emit.lang = optarg; break;
        case OPT_MAX_SIZE:
            if (cli_max_size_option("site", optarg, &o->site.parse.max_size) != 0)
                return EXIT_TROUBLE;
            break;
        default:
            return cli_option_end("site", c, argv, site_usage);
        }
    }
    return check_arguments(argc, o);
}

/* The site's folder itself (its path is the user's: it may be a link). */
static int make_output_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (mkdir(dir, 0777) != 0) {
        cli_error("%s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* Findings as FILE[:LINE:COL]: SEVERITY: MESSAGE [RULE], what they quote
 * of pages and paths made visible. */
static void report(const rd_site *site)
{
    rd_buf line;
    rd_buf_init(&line);
    for (size_t i = 0; i < rd_site_diag_count(site); i++) {
        const rd_diag *d = rd_site_diag(site, i);
        const char *severity = d->severity == RD_SEVERITY_ERROR ? "error" : "warning";
        line.len = 0;
        rd_buf_puts(&line, d->file);
        if (d->line)
            rd_buf_printf(&line, ":%u:%u", d->line, d->col);
        rd_buf_printf(&line, ": %s: %s [%s]", severity, d->message, d->rule);
        cli_print_line(line.data);
    }
    rd_buf_free(&line);
}

int cmd_site(int argc, char **argv)
{
    site_opts o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    if (make_output_dir(o.output_dir) != 0)
        return EXIT_TROUBLE;
    rd_error err;
    rd_site *site = rd_site_build(argv[optind], o.output_dir, &o.site, &err);
    if (!site) {
        cli_error("%s", err.message);
        return EXIT_TROUBLE;
    }
    report(site);
    rd_site_stats st = rd_site_stats_of(site);
    fprintf(stderr, "roledoc: site: %zu pages, %zu files written, %zu unchanged, "
            "%zu failed\n", st.pages, st.written, st.unchanged, st.failed);
    rd_site_free(site);
    return st.failed ? EXIT_TROUBLE : EXIT_CLEAN;
}
