/* Finding the pages to work on: files as named, directories walked. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void rd_path_list_add(rd_path_list *list, char *path)
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

static int cmp_typed_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* The entry's d_type, then its name. */
static char *typed_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    char *p = malloc(n + 2);
    if (!p)
        abort();
    p[0] = (char)e->d_type;
    memcpy(p + 1, e->d_name, n + 1);
    return p;
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
    const char *root;        /* the walked directory, resolved: a symbolic
                                link out of it is not followed */
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

/* Whether a symbolic link of the walk resolves inside its root; says why
 * not in problems. */
static bool link_inside(const char *path, const dir_stack *stack, rd_buf *problems)
{
    char *target = realpath(path, NULL);
    if (!target) {
        rd_buf_printf(problems, "%s: %s\n", path, strerror(errno));
        return false;
    }
    size_t n = strlen(stack->root);
    bool inside = strncmp(target, stack->root, n) == 0 &&
                  (target[n] == '/' || target[n] == '\0' || strcmp(stack->root, "/") == 0);
    if (!inside)
        rd_buf_printf(problems, "%s: symbolic link out of the tree (to %s), not "
                      "followed\n", path, target);
    free(target);
    return inside;
}

/* `type` is the entry's d_type: a plain file or directory needs no stat();
 * a symbolic link is followed, and a file system that does not say is
 * asked. */
static int walk_entry(const char *path, const char *name, unsigned char type,
                      dir_stack *stack, rd_path_list *list, rd_buf *problems)
{
    bool dir = type == DT_DIR, file = type == DT_REG;
    if (!dir && !file) {
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
            !link_inside(path, stack, problems))
            return 1;
        if (stat(path, &st) != 0) {
            rd_buf_printf(problems, "%s: %s\n", path, strerror(errno));
            return 1;
        }
        dir = S_ISDIR(st.st_mode);
        file = S_ISREG(st.st_mode);
    }
    if (dir)
        return skipped_dir(path, name) ? 0 : walk_dir(path, stack, list, problems);
    if (file && is_markdown(name))
        rd_path_list_add(list, strdup(path));
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
    if (dir_seen(stack, &st)) {
        closedir(d);
        rd_buf_printf(problems, "%s: symbolic link loop, not followed\n", dir);
        return 1;
    }
    /* Each name is kept with its d_type in front, so that sorting by name
     * stays a sort of plain strings from the second byte on. */
    rd_path_list names = { 0 };
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rd_path_list_add(&names, typed_name(e));
    closedir(d);
    qsort(names.paths, names.len, sizeof *names.paths, cmp_typed_name);

    dir_push(stack, &st);
    int bad = 0;
    for (size_t i = 0; i < names.len; i++) {
        const char *name = names.paths[i] + 1;
        char *path = join(dir, name);
        bad |= walk_entry(path, name, (unsigned char)names.paths[i][0], stack,
                          list, problems);
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
        rd_path_list_add(list, strdup(path));
        return 0;
    }
    char *root = realpath(path, NULL);
    if (!root) {
        rd_buf_printf(problems, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    dir_stack stack = { .root = root };
    int bad = walk_dir(path, &stack, list, problems);
    free(stack.ids);
    free(root);
    return bad;
}
