/* The command line: one function per subcommand. They parse options, call
 * the library and decide what reaches the terminal and the exit status. */
#ifndef RD_CLI_H
#define RD_CLI_H

#include "roledoc.h"

#include <stdio.h>

enum {
    EXIT_CLEAN = 0,      /* nothing at error level */
    EXIT_FINDINGS = 1,   /* findings at error level */
    EXIT_TROUBLE = 2     /* usage, configuration or I/O error */
};

int cmd_convert(int argc, char **argv);
int cmd_book(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_roles(int argc, char **argv);
int cmd_lsp(int argc, char **argv);

/* "roledoc: " + message on standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* datadir.c: the rules and their documentation when no option names them
 * (the environment, the source tree, a staged or the real installation). */
const char *cli_rules_dir(void);
const char *cli_docs_dir(void);
/* Text that may quote pages or paths, on standard error: visible
 * (rd_buf_put_visible), but for the controls in `keep`; the _line form adds
 * a line break. Both erase the progress line first. */
void cli_print(const char *text, const char *keep);
void cli_print_line(const char *text);
/* Prints the loading findings of a document (invalid UTF-8, front matter)
 * on standard error, as warnings. */
void cli_report_load_diags(const rd_doc *doc);
/* Appends them to out, as cli_report_load_diags prints them. */
void cli_format_load_diags(const rd_doc *doc, rd_buf *out);
/* Runs worker(arg) on as many threads as `jobs` says (0: one per
 * processor), never more than there are tasks, and waits for them; with
 * one worker (or no thread to be had) it runs on the calling thread. */
void cli_run_workers(unsigned jobs, size_t tasks, void *(*worker)(void *),
                     void *arg);
/* Parses a whole decimal number in [min, max]; returns 0 on success. */
int cli_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out);

/* Options (cli/common.c). Each returns 0, or -1 after saying
 * "roledoc: COMMAND: OPTION wants WANTS, not 'ARG'". */
int cli_number_option(const char *command, const char *option,
                      const char *wants, const char *arg, unsigned min,
                      unsigned max, unsigned *out);
/* -j, --jobs N: 0 (one per processor) to 1024. */
int cli_jobs_option(const char *command, const char *arg, unsigned *jobs);
/* --max-size N: 1 to 4000000000 bytes. */
int cli_max_size_option(const char *command, const char *arg, size_t *max_size);
/* The options every command handles alike, for the default of its
 * getopt_long switch: -h prints the help on standard output (exit status
 * 0); a missing value or an unknown option is an error followed by the
 * help on standard error (2). Returns the exit status. */
int cli_option_end(const char *command, int c, char **argv,
                   void (*usage)(FILE *out));
/* Adds the pages named by argv[first..argc) (directories walked) to pages,
 * printing on standard error the paths that could not be had; returns -1
 * when there was one, else 0. */
int cli_collect_pages(int argc, char **argv, int first, rd_path_list *pages);
/* The same for `convert -O`, with each page's file under the output folder
 * in `targets` (cli/output_paths.c): the page's path relative to the
 * argument it came from, ".md" replaced by "." EXT. Returns 0; -1 when a
 * page could not be had (as cli_collect_pages); -2 when two pages have one
 * target (after naming them): then nothing is to be written. */
int cli_collect_outputs(int argc, char **argv, int first, const char *ext,
                        rd_path_list *pages, rd_path_list *targets);
/* A page argument '!GLOB' (that is no file) leaves out what GLOB matches,
 * as --exclude does, as markdownlint-cli2 reads it: each is added to
 * excludes, the other arguments moved to the front; returns how many
 * there are. */
int cli_take_negations(int argc, char **argv, int first, rd_path_list *excludes);
/* The rule set (from rules_dir, NULL for the default one) and a linter
 * with the configuration file (NULL: found above each page) and the
 * excludes; prints the problem (a usage one after "roledoc: COMMAND: ")
 * and returns NULL on failure. */
rd_linter *cli_linter_new(const char *command, const char *rules_dir,
                          const char *config, const rd_path_list *excludes,
                          rd_ruleset *rules);
/* Prints err as cli_linter_new does, frees the linter and the rules;
 * returns NULL. */
rd_linter *cli_linter_fail(const char *command, rd_linter *linter,
                           rd_ruleset *rules, const rd_error *err);

/* A progress line for long work ("roledoc: book: 12/355 PAGE") on
 * standard error, drawn only when that is a terminal (cli/progress.c). */
typedef struct {
    const char *what;        /* the command at work */
    int on;                  /* drawing at all */
    unsigned columns;        /* the terminal's width */
} cli_progress;

/* `wanted` false (or standard error not a terminal) draws nothing. */
void cli_progress_start(cli_progress *p, const char *what, int wanted);
/* Redraws the line: `done` of `total`, working on `current` (or NULL). */
void cli_progress_update(cli_progress *p, size_t done, size_t total,
                         const char *current);
/* Erases the line for good. */
void cli_progress_end(cli_progress *p);
/* Erases the line, if one is shown, before a message takes its place; the
 * next update draws it again. cli_error and cli_report_load_diags call it. */
void cli_progress_clear(void);

#endif
