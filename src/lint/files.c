/* Finding the pages to work on: files as named, directories walked, and
 * globs that the shell left alone (quoted) expanded as glob(3) would, with
 * '**' for any number of directories (glob.c matches them). */
#include "engine.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void rd_path_list_add(rd_path_list *list, char *path)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->paths = rd_xrealloc(list->paths, list->cap * sizeof *list->paths);
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
    char *p = rd_xmalloc(dl + nl + 2);
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
    char *p = rd_xmalloc(n + 2);
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

/* A walk: the directories it is in, what it found and its problems, and
 * the glob that files must match (NULL: *.md files). */
typedef struct {
    dir_id *ids;
    size_t len, cap;
    rd_path_list *list;
    rd_buf *problems;
    const char *glob;
    bool hidden;             /* the glob names hidden files */
    char *root;              /* the walked directory, resolved: a symbolic
                                link out of it is not followed */
} walk;

static bool dir_seen(const walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->len; i++)
        if (w->ids[i].dev == st->st_dev && w->ids[i].ino == st->st_ino)
            return true;
    return false;
}

static int walk_dir(const char *dir, walk *w);

/* What a walk takes: *.md files, or any file its glob matches (hidden
 * names only when the glob names them, as glob(3) does). */
static bool wanted(const walk *w, const char *path, const char *name)
{
    if (!w->glob)
        return is_markdown(name);
    return (name[0] != '.' || w->hidden) && rd_glob_match(w->glob, path);
}

/* `type` is the entry's d_type: a plain file or directory needs no stat();
 * a symbolic link is followed, and a file system that does not say is
 * asked. */
/* Whether a symbolic link of the walk resolves inside its root; says why
 * not in its problems. */
static bool link_inside(const char *path, const walk *w)
{
    char *target = realpath(path, NULL);
    if (!target) {
        rd_buf_printf(w->problems, "%s: %s\n", path, strerror(errno));
        return false;
    }
    size_t n = strlen(w->root);
    bool inside = strcmp(w->root, "/") == 0 ||
                  (strncmp(target, w->root, n) == 0 &&
                   (target[n] == '/' || target[n] == '\0'));
    if (!inside)
        rd_buf_printf(w->problems, "%s: symbolic link out of the tree (to %s), "
                      "not followed\n", path, target);
    free(target);
    return inside;
}

/* Walks dir from its resolved root (a missing one is reported). */
static int walk_from(const char *dir, walk *w)
{
    w->root = realpath(dir, NULL);
    if (!w->root) {
        rd_buf_printf(w->problems, "%s: %s\n", dir, strerror(errno));
        return 1;
    }
    int bad = walk_dir(dir, w);
    free(w->root);
    free(w->ids);
    return bad;
}

static int walk_entry(const char *path, const char *name, unsigned char type,
                      walk *w)
{
    bool dir = type == DT_DIR, file = type == DT_REG;
    if (!dir && !file) {
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && !link_inside(path, w))
            return 1;
        if (stat(path, &st) != 0) {
            rd_buf_printf(w->problems, "%s: %s\n", path, strerror(errno));
            return 1;
        }
        dir = S_ISDIR(st.st_mode);
        file = S_ISREG(st.st_mode);
    }
    if (dir && (name[0] != '.' || !w->glob || w->hidden))
        return skipped_dir(path, name) ? 0 : walk_dir(path, w);
    if (file && wanted(w, path, name))
        rd_path_list_add(w->list, strdup(path));
    return 0;
}

/* A glob walked from "." names what it finds without the "./". */
static char *entry_path(const char *dir, const char *name, const walk *w)
{
    if (w->glob && strcmp(dir, ".") == 0)
        return strdup(name);
    return join(dir, name);
}

static int walk_dir(const char *dir, walk *w)
{
    struct stat st;
    DIR *d = opendir(dir);
    if (!d || fstat(dirfd(d), &st) != 0) {
        rd_buf_printf(w->problems, "%s: %s\n", dir, strerror(errno));
        if (d)
            closedir(d);
        return 1;
    }
    if (dir_seen(w, &st)) {
        closedir(d);
        rd_buf_printf(w->problems, "%s: symbolic link loop, not followed\n", dir);
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

    const dir_id id = { st.st_dev, st.st_ino };
    rd_array_push(&w->ids, &w->len, &w->cap, &id, sizeof id);
    int bad = 0;
    for (size_t i = 0; i < names.len; i++) {
        const char *name = names.paths[i] + 1;
        char *path = entry_path(dir, name, w);
        bad |= walk_entry(path, name, (unsigned char)names.paths[i][0], w);
        free(path);
    }
    w->len--;
    rd_path_list_free(&names);
    return bad;
}

static bool has_glob_chars(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

/* Whether a segment of the glob starts with a dot (".x", not "./"). */
static bool names_hidden(const char *glob)
{
    for (const char *p = glob; p; p = strchr(p, '/')) {
        p += *p == '/';
        if (p[0] == '.' && p[1] && p[1] != '/' && p[1] != '.')
            return true;
    }
    return false;
}

/* The directory a glob's first wildcard stands in: its segments before
 * that one ("." when there are none). */
static char *glob_base(const char *glob)
{
    const char *wild = strpbrk(glob, "*?[");
    const char *slash = wild;
    while (slash > glob && slash[-1] != '/')
        slash--;
    if (slash == glob)
        return strdup(".");
    size_t n = (size_t)(slash - glob) - 1;
    return n ? strndup(glob, n) : strdup("/");
}

static int expand_glob(const char *glob, rd_path_list *list, rd_buf *problems)
{
    char *base = glob_base(glob);
    if (!base)
        abort();
    size_t before = list->len;
    walk w = { .list = list, .problems = problems, .glob = glob,
               .hidden = names_hidden(glob) };
    struct stat st;
    int bad = stat(base, &st) == 0 && S_ISDIR(st.st_mode) ? walk_from(base, &w) : 0;
    free(base);
    if (list->len > before)
        return bad;
    rd_buf_printf(problems, "%s: no file matches this pattern\n", glob);
    return 1;
}

int rd_collect_paths(const char *path, rd_path_list *list, rd_buf *problems)
{
    struct stat st;
    bool found = strcmp(path, "-") != 0 && stat(path, &st) == 0;
    if (!found && strcmp(path, "-") != 0 && has_glob_chars(path))
        return expand_glob(path, list, problems);
    if (!found || !S_ISDIR(st.st_mode)) {
        /* Named files are taken whatever their extension; a missing one is
         * reported when it is read, with the reader's own message. */
        rd_path_list_add(list, strdup(path));
        return 0;
    }
    walk w = { .list = list, .problems = problems };
    return walk_from(path, &w);
}
