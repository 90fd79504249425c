/* The floor of the benchmark: what reading every page and rendering it with
 * md4c's own HTML renderer costs, with nothing else around it. Any tool
 * built on md4c does at least this much work, so roledoc's figures are
 * read as multiples of this one.
 *
 * usage: md4c_floor PATH...   (a file, or a directory walked for *.md)
 *
 * Every file is read whole into one buffer and rendered with the GitHub
 * dialect into a memory buffer that is then dropped; the run's own wall
 * time, bytes and files go to standard error. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <md4c-html.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A growable byte buffer: the input of one file, then its HTML. */
typedef struct {
    char *data;
    size_t len, cap;
} buffer;

typedef struct {
    buffer input, html;
    size_t files, bytes, html_bytes;
    int failures;
} run;

static void reserve(buffer *b, size_t need)
{
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64 * 1024;
    while (cap < need)
        cap *= 2;
    b->data = realloc(b->data, cap);
    if (!b->data) {
        perror("md4c_floor");
        exit(2);
    }
    b->cap = cap;
}

static void collect_html(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    buffer *b = userdata;
    reserve(b, b->len + size);
    memcpy(b->data + b->len, text, size);
    b->len += size;
}

/* Reads the whole file into r->input; -1 on failure (reported). */
static int read_file(const char *path, buffer *in)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "md4c_floor: %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    reserve(in, (size_t)st.st_size + 1);
    in->len = 0;
    ssize_t got;
    while (in->len < (size_t)st.st_size &&
           (got = read(fd, in->data + in->len, (size_t)st.st_size - in->len)) > 0)
        in->len += (size_t)got;
    close(fd);
    return 0;
}

static void render_file(run *r, const char *path)
{
    if (read_file(path, &r->input) != 0) {
        r->failures++;
        return;
    }
    r->html.len = 0;
    if (md_html(r->input.data, (MD_SIZE)r->input.len, collect_html, &r->html,
                MD_DIALECT_GITHUB, 0) != 0) {
        fprintf(stderr, "md4c_floor: %s: md_html failed\n", path);
        r->failures++;
    }
    r->files++;
    r->bytes += r->input.len;
    r->html_bytes += r->html.len;
}

static int is_markdown(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void visit(run *r, const char *path, int named);

/* Entries in name order, as roledoc walks them. */
static void visit_dir(run *r, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "md4c_floor: %s: %s\n", dir, strerror(errno));
        r->failures++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        visit(r, names[i], 0);
        free(names[i]);
    }
    free(names);
}

/* A file named on the command line is read whatever its name; in a
 * directory, only *.md files are. */
static void visit(run *r, const char *path, int named)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "md4c_floor: %s: %s\n", path, strerror(errno));
        r->failures++;
    } else if (S_ISDIR(st.st_mode)) {
        visit_dir(r, path);
    } else if (named || (S_ISREG(st.st_mode) && is_markdown(path))) {
        render_file(r, path);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: md4c_floor PATH...\n");
        return 2;
    }
    run r = { 0 };
    double start = now();
    for (int i = 1; i < argc; i++)
        visit(&r, argv[i], 1);
    double secs = now() - start;
    fprintf(stderr, "md4c_floor: %zu files, %zu bytes in, %zu bytes of HTML, "
            "%.3f s, %.1f MB/s\n", r.files, r.bytes, r.html_bytes, secs,
            secs > 0 ? (double)r.bytes / 1e6 / secs : 0.0);
    free(r.input.data);
    free(r.html.data);
    return r.failures ? 1 : 0;
}
