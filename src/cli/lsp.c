/* roledoc lsp: the editor server (src/lsp/), on standard input and
 * output. */
#include "cli.h"
#include "lsp/lsp.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void lsp_usage(FILE *out)
{
    fprintf(out,
        "usage: roledoc lsp [OPTIONS]\n"
        "\n"
        "Serves the Language Server Protocol on standard input and output, for\n"
        "an editor to start: the pages it opens are linted as they are typed,\n"
        "as 'roledoc lint' lints them, with code actions for the findings that\n"
        "have a fix, the role model as the page's outline, and a role's parts\n"
        "on hovering over its title. docs/lsp.md shows how to set up an editor.\n"
        "\n"
        "      --config FILE       use this configuration for every page (instead\n"
        "                          of the .roledoc.xml found above each page)\n"
        "      --rules DIR         read the rules from DIR\n"
        "      --debounce MS       lint a page once no change has come for MS\n"
        "                          milliseconds (default %u; 0 to 10000)\n"
        "      --max-message N     refuse messages larger than N bytes (default\n"
        "                          16 MiB)\n"
        "      --max-size N        do not lint pages larger than N bytes (default\n"
        "                          64 MiB)\n"
        "      --stdio             standard input and output (the only transport;\n"
        "                          accepted for the editors that pass it)\n"
        "  -h, --help              show this help\n"
        "\n"
        "Exit status: 0 after the client's shutdown and exit, 1 when the input\n"
        "ends or exit comes without shutdown, 2 usage or configuration error.\n"
        "\n"
        "example: roledoc lsp   (started by the editor, see docs/lsp.md)\n",
        LSP_DEFAULT_DEBOUNCE_MS);
}

enum { OPT_CONFIG = 256, OPT_RULES, OPT_DEBOUNCE, OPT_MAX_MESSAGE, OPT_MAX_SIZE,
       OPT_STDIO };

static const struct option long_options[] = {
    { "config", required_argument, NULL, OPT_CONFIG },
    { "rules", required_argument, NULL, OPT_RULES },
    { "debounce", required_argument, NULL, OPT_DEBOUNCE },
    { "max-message", required_argument, NULL, OPT_MAX_MESSAGE },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "stdio", no_argument, NULL, OPT_STDIO },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* Reads one option; returns -1 to go on, else the exit status. */
static int parse_option(int c, char **argv, lsp_options *o)
{
    unsigned n;
    switch (c) {
    case OPT_CONFIG: o->config = optarg; return -1;
    case OPT_RULES: o->rules_dir = optarg; return -1;
    case OPT_DEBOUNCE:
        return cli_number_option("lsp", "--debounce", "milliseconds from 0 to 10000",
                                 optarg, 0, 10000, &o->debounce_ms) == 0
             ? -1 : EXIT_TROUBLE;
    case OPT_MAX_MESSAGE:
        if (cli_number_option("lsp", "--max-message", "a number of bytes", optarg,
                              1, 4000000000u, &n) != 0)
            return EXIT_TROUBLE;
        o->max_message = n;
        return -1;
    case OPT_MAX_SIZE:
        return cli_max_size_option("lsp", optarg, &o->max_size) == 0 ? -1 : EXIT_TROUBLE;
    case OPT_STDIO: return -1;
    default:
        return cli_option_end("lsp", c, argv, lsp_usage);
    }
}

int cmd_lsp(int argc, char **argv)
{
    lsp_options o = { .debounce_ms = LSP_DEFAULT_DEBOUNCE_MS,
                      .rules_dir = cli_rules_dir(), .schema_dir = cli_rules_dir(),
                      .docs_dir = cli_docs_dir() };
    int c, status;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1)
        if ((status = parse_option(c, argv, &o)) >= 0)
            return status;
    if (optind < argc) {
        cli_error("lsp: takes no page ('%s'): the editor sends them", argv[optind]);
        lsp_usage(stderr);
        return EXIT_TROUBLE;
    }
    /* A client that goes away makes a write fail, not the process die. */
    signal(SIGPIPE, SIG_IGN);
    rd_error err;
    status = lsp_run(&o, STDIN_FILENO, STDOUT_FILENO, &err);
    if (status < 0) {
        if (err.status == RD_ERR_USAGE)
            cli_error("lsp: %s", err.message);
        else
            cli_print_line(err.message);
        return EXIT_TROUBLE;
    }
    return status;
}
