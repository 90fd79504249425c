/* Runs a fuzzing harness's checks over files, without libFuzzer:
 *
 *   replay LAYER FILE|DIR...
 *
 * LAYER is one of harness.h's layers (replay --list names them); each
 * other argument is a file or a directory whose files (not
 * subdirectories) are read. Used by make check (over the fixtures, the
 * pathological pages and the regression inputs, under the sanitizers and
 * valgrind too) and to replay an input a fuzzer found. A failed check
 * aborts with its message. */
#include "harness.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static rd_fuzz_layer_fn layer;

/* Reads a whole file; NULL when it cannot. */
static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    uint8_t *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *bigger = realloc(data, cap *= 2);
            if (!bigger)
                free(data);
            data = bigger;
        }
    }
    fclose(f);
    *size = len;
    return data;
}

static int replay_file(const char *path)
{
    size_t size;
    uint8_t *data = slurp(path, &size);
    if (!data) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    layer(data, size);
    free(data);
    return 0;
}

/* Returns the number of files replayed, or -1 after a problem. */
static long replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: cannot read directory %s\n", dir);
        return -1;
    }
    long count = 0;
    struct dirent *e;
    while (count >= 0 && (e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        count = replay_file(path) == 0 ? count + 1 : -1;
    }
    closedir(d);
    return count;
}

static rd_fuzz_layer_fn find_layer(const char *name)
{
    for (const rd_fuzz_layer *l = rd_fuzz_layers; l->name; l++)
        if (strcmp(l->name, name) == 0)
            return l->run;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (const rd_fuzz_layer *l = rd_fuzz_layers; l->name; l++)
            printf("%s\t%s\n", l->name, l->what);
        return 0;
    }
    if (argc < 3 || !(layer = find_layer(argv[1]))) {
        fprintf(stderr, "usage: replay LAYER FILE|DIR... (replay --list: the layers)\n");
        return 2;
    }
    rd_fuzz_init();
    long total = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        long n = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)
                     ? replay_dir(argv[i])
                     : (replay_file(argv[i]) == 0 ? 1 : -1);
        if (n < 0)
            return 1;
        total += n;
    }
    printf("replay: %ld inputs checked\n", total);
    return 0;
}
