/* Globs: the patterns of configuration files (role pages, ignores,
 * overrides), of --exclude and of the page arguments that the command line
 * expands. '*' and '?' stay within one path segment, '**' crosses any
 * number of them, [...] is a class ([!...] or [^...] its complement), as
 * fnmatch(3) with FNM_PATHNAME reads them, '**' added. */
#include "engine.h"

#include <string.h>

/* Matches one character class at *p (just after '['); advances *p past it.
 * A class that is never closed matches a literal '['. */
static bool class_match(const char **p, char c)
{
    const char *q = *p;
    bool negate = *q == '!' || *q == '^';
    if (negate)
        q++;
    bool found = false;
    const char *first = q;
    while (*q && (*q != ']' || q == first)) {
        if (q[1] == '-' && q[2] && q[2] != ']') {
            found |= c >= q[0] && c <= q[2];
            q += 3;
        } else {
            found |= c == *q++;
        }
    }
    if (*q != ']')
        return c == '[';            /* literal '[': *p stays */
    *p = q + 1;
    return found != negate && c != '/';
}

/* "**" at p (already passed), then the rest of the pattern. */
static bool match_any_depth(const char *p, const char *s)
{
    bool dir_form = *p == '/';   /* "**" + "/": zero or more directories */
    if (dir_form)
        p++;
    for (const char *t = s;; t++) {
        if ((!dir_form || t == s || t[-1] == '/') && rd_glob_match(p, t))
            return true;
        if (!*t)
            return false;
    }
}

/* "*" at p (already passed): any run of one segment, then the rest. */
static bool match_in_segment(const char *p, const char *s)
{
    for (const char *t = s;; t++) {
        if (rd_glob_match(p, t))
            return true;
        if (!*t || *t == '/')
            return false;
    }
}

bool rd_glob_match(const char *pattern, const char *path)
{
    const char *p = pattern, *s = path;
    while (*p) {
        if (p[0] == '*' && p[1] == '*')
            return match_any_depth(p + 2, s);
        if (*p == '*')
            return match_in_segment(p + 1, s);
        if (!*s)
            return false;
        if (*p == '?') {
            if (*s == '/')
                return false;
            p++;
        } else if (*p == '[') {
            p++;
            if (!class_match(&p, *s))
                return false;
        } else if (*p++ != *s) {
            return false;
        }
        s++;
    }
    return *s == '\0';
}

/* Whether glob matches path or one of its leading directories. */
static bool matches_or_contains(const char *glob, const char *path)
{
    if (rd_glob_match(glob, path))
        return true;
    rd_buf dir;
    rd_buf_init(&dir);
    bool found = false;
    for (const char *slash = strchr(path, '/'); slash && !found;
         slash = strchr(slash + 1, '/')) {
        dir.len = 0;
        rd_buf_put(&dir, path, (size_t)(slash - path));
        found = rd_glob_match(glob, dir.data);
    }
    rd_buf_free(&dir);
    return found;
}

bool rd_glob_list_match(const rd_path_list *globs, const char *path)
{
    for (size_t i = 0; i < globs->len; i++)
        if (matches_or_contains(globs->paths[i], path))
            return true;
    return false;
}

const char *rd_path_relative_to(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    if (strcmp(dir, "/") == 0 && path[0] == '/')
        return path + 1;
    return path;
}
