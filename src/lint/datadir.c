/* The installed data directory, found from where the running code is.
 *
 * A program or library copied by `make install DESTDIR=ROOT` lives in
 * ROOT/$(bindir) or ROOT/$(libdir); its data is then in ROOT/$(pkgdatadir),
 * not in $(pkgdatadir), which may not exist yet (or may hold an older
 * installation). The root is worked out once, whichever thread asks first. */
#define _GNU_SOURCE 1          /* dladdr */
#include "datadir.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char rules_dir[PATH_MAX];
static char docs_dir[PATH_MAX];
static pthread_once_t dirs_once = PTHREAD_ONCE_INIT;

/* The canonical directory of the file holding this code: the shared
 * library when the code runs from it, else the program. */
static bool code_directory(char *dir)
{
    Dl_info info;
    bool found = dladdr((void *)code_directory, &info) && info.dli_fname &&
                 strchr(info.dli_fname, '/') && realpath(info.dli_fname, dir);
    if (!found) {
        ssize_t n = readlink("/proc/self/exe", dir, PATH_MAX - 1);
        if (n <= 0)
            return false;
        dir[n] = '\0';
    }
    char *slash = strrchr(dir, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return true;
}

/* When dir is ROOT followed by `installed`, copies ROOT (perhaps "") to
 * root and returns true. */
static bool staging_root(const char *dir, const char *installed, char *root)
{
    size_t d = strlen(dir), i = strlen(installed);
    if (i == 0 || d < i || strcmp(dir + d - i, installed) != 0)
        return false;
    memcpy(root, dir, d - i);
    root[d - i] = '\0';
    return true;
}

static void find_dirs(void)
{
    char dir[PATH_MAX], root[PATH_MAX] = "";
    if (code_directory(dir) && !staging_root(dir, RD_BINDIR, root))
        staging_root(dir, RD_LIBDIR, root);
    snprintf(rules_dir, sizeof rules_dir, "%s%s/rules", root, RD_PKGDATADIR);
    if (root[0] && access(rules_dir, R_OK) != 0)
        root[0] = '\0';     /* code staged without its data */
    snprintf(rules_dir, sizeof rules_dir, "%s%s/rules", root, RD_PKGDATADIR);
    snprintf(docs_dir, sizeof docs_dir, "%s%s/docs/rules", root, RD_PKGDATADIR);
}

const char *rd_installed_rules_dir(void)
{
    pthread_once(&dirs_once, find_dirs);
    return rules_dir;
}

const char *rd_installed_docs_dir(void)
{
    pthread_once(&dirs_once, find_dirs);
    return docs_dir;
}
