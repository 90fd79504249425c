/* Finding the pages to work on: files as named, directories walked. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void list_add(rd_path_list *list, char *path)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->paths = realloc(list->paths, list->cap * sizeof *list->paths);
        if (!list->paths)
            abort();
    }
    list->paths[list->len++] = path;
}

void rd_path_list_free(rd_path_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->len = list->cap = 0;
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl && dir[dl - 1] == '/';
    char *p = malloc(dl + nl + 2);
    if (!p)
        abort();
    memcpy(p, dir, dl);
    if (!slash)
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

static bool is_markdown(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* .git and GitBook's asset folder hold no pages. */
static bool skipped_dir(const char *path, const char *name)
{
    static const char assets[] = ".gitbook/assets";
    size_t n = strlen(path), s = sizeof assets - 1;
    if (strcmp(name, ".git") == 0)
        return true;
    return n >= s && strcmp(path + n - s, assets) == 0 &&
           (n == s || path[n - s - 1] == '/');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories being walked, to detect a symbolic link leading back into
 * one of them. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    dir_id *ids;
    size_t len, cap;
} dir_stack;

static bool dir_seen(const dir_stack *s, const struct stat *st)
{
    for (size_t i = 0; i < s->len; i++)
        if (s->ids[i].dev == st->st_dev && s->ids[i].ino == st->st_ino)
            return true;
    return false;
}

static void dir_push(dir_stack *s, const struct stat *st)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->ids = realloc(s->ids, s->cap * sizeof *s->ids);
        if (!s->ids)
            abort();
    }
    s->ids[s->len++] = (dir_id){ st->st_dev, st->st_ino };
}

static int walk_dir(const char *dir, dir_stack *stack, rd_path_list *list,
                    rd_buf *problems);

static int walk_entry(const char *path, const char *name, dir_stack *stack,
                      rd_path_list *list, rd_buf *problems)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        rd_buf_printf(problems, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (skipped_dir(path, name))
            return 0;
        if (dir_seen(stack, &st)) {
            rd_buf_printf(problems, "%s: symbolic link loop, not followed\n", path);
            return 1;
        }
        return walk_dir(path, stack, list, problems);
    }
    if (S_ISREG(st.st_mode) && is_markdown(name))
        list_add(list, strdup(path));
    return 0;
}

static int walk_dir(const char *dir, dir_stack *stack, rd_path_list *list,
                    rd_buf *problems)
{
    struct stat st;
    DIR *d = opendir(dir);
    if (!d || fstat(dirfd(d), &st) != 0) {
        rd_buf_printf(problems, "%s: %s\n", dir, strerror(errno));
        if (d)
            closedir(d);
        return 1;
    }
    rd_path_list names = { 0 };
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            list_add(&names, strdup(e->d_name));
    closedir(d);
    qsort(names.paths, names.len, sizeof *names.paths, cmp_str);

    dir_push(stack, &st);
    int bad = 0;
    for (size_t i = 0; i < names.len; i++) {
        char *path = join(dir, names.paths[i]);
        bad |= walk_entry(path, names.paths[i], stack, list, problems);
        free(path);
    }
    stack->len--;
    rd_path_list_free(&names);
    return bad;
}

int rd_collect_paths(const char *path, rd_path_list *list, rd_buf *problems)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        /* Named files are taken whatever their extension; a missing one is
         * reported when it is read, with the reader's own message. */
        list_add(list, strdup(path));
        return 0;
    }
    dir_stack stack = { 0 };
    int bad = walk_dir(path, &stack, list, problems);
    free(stack.ids);
    return bad;
}
