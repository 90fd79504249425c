/* Where `convert -O DIR` writes each page: at the page's path relative to
 * the argument it was found through, its extension changed. A folder
 * argument keeps the folders under it (docs/ gives DIR/guide/a.xml for
 * docs/guide/a.md), a file or a glob keeps what follows its last folder
 * written out (DIR/a.xml for docs/guide/a.md), so that neither an absolute
 * input path nor a "../" ever shows under DIR. Two pages that would be
 * written to one file are refused, the first one named in the message. */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The length of the part of `arg` that pages found through it start with
 * and that their place under DIR leaves out. */
static size_t base_length(const char *arg)
{
    struct stat st;
    size_t len = strlen(arg);
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        while (len > 1 && arg[len - 1] == '/')
            len--;
        return arg[len - 1] == '/' ? len : len + 1;
    }
    size_t fixed = strcspn(arg, "*?[");
    while (fixed > 0 && arg[fixed - 1] != '/')
        fixed--;
    return fixed;
}

/* rel with ".md" replaced by "." EXT ("stdin" for "-"). */
static char *with_extension(const char *rel, const char *ext)
{
    if (strcmp(rel, "-") == 0)
        rel = "stdin";
    for (;;) {
        if (rel[0] == '/')
            rel++;
        else if (strncmp(rel, "./", 2) == 0)
            rel += 2;
        else
            break;
    }
    size_t len = strlen(rel);
    if (len > 3 && strcmp(rel + len - 3, ".md") == 0)
        len -= 3;
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_printf(&b, "%.*s.%s", (int)len, rel, ext);
    return rd_buf_detach(&b, NULL);
}

/* The page's path under DIR, relative to its argument. */
static char *target_for(const char *page, const char *arg, const char *ext)
{
    size_t base = base_length(arg);
    if (strcmp(page, "-") == 0 || strlen(page) <= base ||
        strncmp(page, arg, base > 0 ? base - 1 : 0) != 0)
        base = 0;
    return with_extension(page + base, ext);
}

static const rd_path_list *sorting_targets;

static int by_target(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sorting_targets->paths[i], sorting_targets->paths[j]);
    return c ? c : (i > j) - (i < j);
}

/* 0 when no two pages share a target; else -1 after naming each clash. */
static int refuse_clashes(const rd_path_list *pages, const rd_path_list *targets)
{
    size_t *order = malloc((targets->len ? targets->len : 1) * sizeof *order);
    if (!order)
        abort();
    for (size_t i = 0; i < targets->len; i++)
        order[i] = i;
    sorting_targets = targets;
    qsort(order, targets->len, sizeof *order, by_target);
    int status = 0;
    for (size_t k = 1; k < targets->len; k++) {
        size_t first = order[k - 1], other = order[k];
        if (strcmp(targets->paths[first], targets->paths[other]) != 0)
            continue;
        cli_error("convert: %s and %s would both be written to %s: give "
                  "their common folder instead", pages->paths[first],
                  pages->paths[other], targets->paths[other]);
        status = -1;
    }
    free(order);
    return status;
}

int cli_collect_outputs(int argc, char **argv, int first, const char *ext,
                        rd_path_list *pages, rd_path_list *targets)
{
    int status = 0;
    for (int i = first; i < argc; i++) {
        size_t before = pages->len;
        if (cli_collect_pages(i + 1, argv, i, pages) != 0)
            status = -1;
        for (size_t p = before; p < pages->len; p++)
            rd_path_list_add(targets, target_for(pages->paths[p], argv[i], ext));
    }
    return refuse_clashes(pages, targets) != 0 ? -2 : status;
}
