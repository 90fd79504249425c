/* The command line: one function per subcommand. They parse options, call
 * the library and decide what reaches the terminal and the exit status. */
#ifndef RD_CLI_H
#define RD_CLI_H

#include "roledoc.h"

enum {
    EXIT_CLEAN = 0,      /* nothing at error level */
    EXIT_FINDINGS = 1,   /* findings at error level */
    EXIT_TROUBLE = 2     /* usage, configuration or I/O error */
};

int cmd_convert(int argc, char **argv);
int cmd_book(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_rules(int argc, char **argv);

/* "roledoc: " + message on standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the loading findings of a document (invalid UTF-8, front matter)
 * on standard error, as warnings. */
void cli_report_load_diags(const rd_doc *doc);
/* Parses a whole decimal number in [min, max]; returns 0 on success. */
int cli_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out);

#endif
