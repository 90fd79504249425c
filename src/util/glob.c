/* Globs: the patterns of configuration files (role pages, ignores,
 * overrides), of --exclude and of the page arguments that the command line
 * expands. '*' and '?' stay within one path segment, '**' crosses any
 * number of them, [...] is a class ([!...] or [^...] its complement), as
 * fnmatch(3) with FNM_PATHNAME reads them, '**' added. */
#include "lint/engine.h"

#include <stdlib.h>
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

/* One match of a pattern against a path. Each pair of positions (in the
 * pattern, in the path) is tried at most once: the pairs found not to
 * match are remembered, so that "*a*a*a*a*a*b" against a long name takes
 * time in proportion to their product rather than growing with each star. */
typedef struct {
    const char *pattern, *path;
    size_t path_len;
    unsigned char *failed;   /* a bit per pair of positions (NULL: none
                                remembered, for short inputs) */
} matcher;

static bool match_from(matcher *m, const char *p, const char *s);

static bool known_failure(matcher *m, const char *p, const char *s, bool set)
{
    if (!m->failed)
        return false;
    size_t bit = (size_t)(p - m->pattern) * (m->path_len + 1) + (size_t)(s - m->path);
    if (set)
        m->failed[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    return (m->failed[bit >> 3] >> (bit & 7)) & 1;
}

/* "**" at p (already passed), then the rest of the pattern. */
static bool match_any_depth(matcher *m, const char *p, const char *s)
{
    bool dir_form = *p == '/';   /* "**" + "/": zero or more directories */
    if (dir_form)
        p++;
    for (const char *t = s;; t++) {
        if ((!dir_form || t == s || t[-1] == '/') && match_from(m, p, t))
            return true;
        if (!*t)
            return false;
    }
}

/* "*" at p (already passed): any run of one segment, then the rest. */
static bool match_in_segment(matcher *m, const char *p, const char *s)
{
    for (const char *t = s;; t++) {
        if (match_from(m, p, t))
            return true;
        if (!*t || *t == '/')
            return false;
    }
}

static bool match_here(matcher *m, const char *p, const char *s)
{
    while (*p) {
        if (p[0] == '*' && p[1] == '*')
            return match_any_depth(m, p + 2, s);
        if (*p == '*')
            return match_in_segment(m, p + 1, s);
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

static bool match_from(matcher *m, const char *p, const char *s)
{
    if (known_failure(m, p, s, false))
        return false;
    bool found = match_here(m, p, s);
    if (!found)
        known_failure(m, p, s, true);
    return found;
}

bool rd_glob_match(const char *pattern, const char *path)
{
    matcher m = { pattern, path, strlen(path), NULL };
    size_t pattern_len = strlen(pattern);
    if (pattern_len > RD_GLOB_MAX || m.path_len > RD_GLOB_MAX)
        return false;
    /* A pattern of one star or none never goes back: nothing to remember. */
    const char *star = strchr(pattern, '*');
    if (star && strchr(star + 1, '*')) {
        size_t bits = (pattern_len + 1) * (m.path_len + 1);
        m.failed = calloc(bits / 8 + 1, 1);
    }
    bool found = match_from(&m, pattern, path);
    free(m.failed);
    return found;
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
