/* Paths inside a GitBook space (see space.h): links in one form, whether
 * they stay in the space, relative paths between files. */
#include "space.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static bool has_scheme(const char *url)
{
    const char *p = url;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
           (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

bool rd_space_is_external(const char *url)
{
    return has_scheme(url) || strncmp(url, "//", 2) == 0 || url[0] == '#';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A decoded NUL is left encoded: it cannot name a file. */
void rd_space_link_path(const char *url, rd_buf *out)
{
    size_t n = strcspn(url, "?#");
    for (size_t i = 0; i < n; i++) {
        int hi = url[i] == '%' && i + 2 < n ? hex_value(url[i + 1]) : -1;
        int lo = hi >= 0 ? hex_value(url[i + 2]) : -1;
        if (lo >= 0 && (hi || lo)) {
            rd_buf_putc(out, (char)(hi * 16 + lo));
            i += 2;
        } else {
            rd_buf_putc(out, url[i]);
        }
    }
}

void rd_space_normalize(const char *path, rd_buf *out)
{
    size_t start = out->len;
    size_t removable = 0;       /* segments a ".." may take back */
    while (*path) {
        size_t n = strcspn(path, "/");
        bool dot = n == 1 && path[0] == '.';
        bool dotdot = n == 2 && path[0] == '.' && path[1] == '.';
        if (dotdot && removable > 0) {
            char *slash = strrchr(out->data + start, '/');
            out->len = slash ? (size_t)(slash - out->data) : start;
            out->data[out->len] = '\0';
            removable--;
        } else if (n > 0 && !dot) {
            if (out->len > start)
                rd_buf_putc(out, '/');
            rd_buf_put(out, path, n);
            removable += !dotdot;
        }
        path += n + (path[n] == '/');
    }
}

void rd_space_link_key(const char *from, const char *url, rd_buf *out)
{
    rd_buf joined;
    rd_buf_init(&joined);
    if (url[0] != '/' && from) {
        const char *slash = strrchr(from, '/');
        if (slash) {
            rd_buf_put(&joined, from, (size_t)(slash - from));
            rd_buf_putc(&joined, '/');
        }
    }
    rd_space_link_path(url, &joined);
    rd_space_normalize(joined.data ? joined.data : "", out);
    rd_buf_free(&joined);
}

bool rd_space_key_escapes(const char *key)
{
    return strcmp(key, "..") == 0 || strncmp(key, "../", 3) == 0;
}

bool rd_space_under(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path[0] == '/';
    return strncmp(dir, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

char *rd_space_real_file(const char *root_real, const char *key,
                         bool *outside)
{
    *outside = rd_space_key_escapes(key);
    if (*outside)
        return NULL;
    rd_buf path;
    rd_buf_init(&path);
    rd_buf_printf(&path, "%s/%s", root_real, key);
    char *real = realpath(path.data, NULL);
    rd_buf_free(&path);
    if (real && !rd_space_under(root_real, real)) {
        *outside = true;
        free(real);
        real = NULL;
    }
    return real;
}

static void put_url_segment(rd_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' || s[i] == '#' || s[i] == '?')
            rd_buf_printf(out, "%%%02X", (unsigned char)s[i]);
        else
            rd_buf_putc(out, s[i]);
    }
}

/* Length of the leading directories `from` and `to` share. */
static size_t common_dirs(const char *from, const char *to)
{
    size_t common = 0;
    for (size_t i = 0; from[i] && from[i] == to[i]; i++)
        if (from[i + 1] == '\0' ? to[i + 1] == '/' : from[i + 1] == '/' &&
            to[i + 1] == '/')
            common = i + 1;
    if (strcmp(from, "/") == 0)
        common = 0;
    return common;
}

void rd_space_relative_url(const char *from, const char *to, rd_buf *out)
{
    size_t common = common_dirs(from, to);
    for (const char *p = from + common; *p; p++)
        if (*p == '/' && p[1] != '\0')
            rd_buf_puts(out, "../");
    const char *rest = to + common;
    while (*rest == '/')
        rest++;
    put_url_segment(out, rest, strlen(rest));
}
