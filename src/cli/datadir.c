/* Where the program finds the rules and their documentation, when no
 * option says: the environment (ROLEDOC_RULES, ROLEDOC_DOCS); the source
 * tree, for a program of the build tree, so that it runs and is tested
 * without being installed; else the installed data, found from where the
 * program is: one copied by `make install DESTDIR=ROOT` lives in
 * ROOT/$(bindir) and reads ROOT/$(pkgdatadir), not $(pkgdatadir), which
 * may not exist yet (or may hold an older installation). The library
 * itself looks nothing up: it is given these directories. */
#define _GNU_SOURCE 1          /* dladdr */
#include "cli.h"

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

/* The canonical directory of the program. */
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

/* A program of the build tree reads the source tree's data. */
static bool running_from_build_tree(void)
{
    char exe[PATH_MAX], built[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    if (!realpath(RD_BUILDDIR "/src", built))
        return false;
    return strcmp(exe, built) == 0;
}

const char *cli_rules_dir(void)
{
    const char *env = getenv("ROLEDOC_RULES");
    if (env && *env)
        return env;
    if (running_from_build_tree())
        return RD_SRCDIR "/rules";
    pthread_once(&dirs_once, find_dirs);
    return rules_dir;
}

const char *cli_docs_dir(void)
{
    const char *env = getenv("ROLEDOC_DOCS");
    if (env && *env)
        return env;
    if (running_from_build_tree())
        return RD_SRCDIR "/docs/rules";
    pthread_once(&dirs_once, find_dirs);
    return docs_dir;
}
