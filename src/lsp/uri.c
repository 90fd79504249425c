/* file: URIs and the paths they name (RFC 8089 as editors write them:
 * "file:///home/x/space/page.md", with an empty or "localhost" authority,
 * bytes outside the unreserved set percent-encoded). Other schemes
 * ("untitled:", a remote file system) name no page on this disk. */
#include "lsp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The path part of a file: URI, or NULL. */
static const char *path_part(const char *uri)
{
    if (strncasecmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (strncasecmp(p, "localhost/", 10) == 0)
        p += 9;
    return *p == '/' ? p : NULL;
}

char *lsp_uri_to_path(const char *uri)
{
    const char *p = path_part(uri);
    if (!p)
        return NULL;
    rd_buf out;
    rd_buf_init(&out);
    for (; *p && *p != '?' && *p != '#'; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0) {
            if (hi == 0 && lo == 0)
                break;          /* a NUL names no file */
            rd_buf_putc(&out, (char)(hi * 16 + lo));
            p += 2;
        } else {
            rd_buf_putc(&out, *p);
        }
    }
    char *path = lsp_normalise_path(out.data);
    rd_buf_free(&out);
    return path;
}

static bool unreserved(unsigned char c)
{
    return isalnum(c) || strchr("-._~/", c) != NULL;
}

char *lsp_path_to_uri(const char *path)
{
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_puts(&out, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (unreserved(*p))
            rd_buf_putc(&out, (char)*p);
        else
            rd_buf_printf(&out, "%%%02X", *p);
    }
    return rd_buf_detach(&out, NULL);
}

/* Drops the last segment of out (which starts with "/"). */
static void drop_segment(rd_buf *out)
{
    while (out->len > 1 && out->data[out->len - 1] != '/')
        out->len--;
    if (out->len > 1)
        out->len--;
    out->data[out->len] = '\0';
}

static void add_segment(rd_buf *out, const char *seg, size_t n)
{
    if (n == 0 || (n == 1 && seg[0] == '.'))
        return;
    if (n == 2 && seg[0] == '.' && seg[1] == '.') {
        drop_segment(out);
        return;
    }
    if (out->len > 1)
        rd_buf_putc(out, '/');
    rd_buf_put(out, seg, n);
}

char *lsp_normalise_path(const char *path)
{
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_putc(&out, '/');
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, "/");
        add_segment(&out, p, n);
        p += n;
        while (*p == '/')
            p++;
    }
    return rd_buf_detach(&out, NULL);
}
