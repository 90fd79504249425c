/* The site's manifest: for each file the site wrote, a hash of what it
 * was made from (sources, SUMMARY.md, options), kept in the output
 * folder, so that the next run leaves alone the files whose inputs did
 * not change (not even their modification time). */
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST ".roledoc-site"
#define MANIFEST_HEAD "roledoc site manifest 1\n"

uint64_t rd_site_hash(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (!h)
        h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211u;
    /* A separator, so that ("ab", "c") and ("a", "bc") differ. */
    return (h ^ 0xFFu) * 1099511628211u;
}

uint64_t rd_site_hash_str(uint64_t h, const char *s)
{
    return rd_site_hash(h, s ? s : "", s ? strlen(s) : 0);
}

int rd_site_read_file(const char *path, rd_buf *out)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    size_t hint = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
    char *data;
    size_t len;
    rd_status status = rd_read_fd(fd, hint, SIZE_MAX / 2, &data, &len);
    close(fd);
    if (status == RD_ERR_NOMEM)
        abort();
    if (status != RD_OK)
        return -1;
    if (out->len) {
        rd_buf_put(out, data, len);
        free(data);
    } else {                /* the block read becomes the buffer */
        free(out->data);
        *out = (rd_buf){ .data = data, .len = len, .cap = len + 1 };
    }
    return 0;
}

/* Lines "HASH FILE" after the head line. */
static void parse_manifest(rd_site_manifest *m)
{
    const char *p = m->old_text.data;
    if (!p || strncmp(p, MANIFEST_HEAD, strlen(MANIFEST_HEAD)) != 0)
        return;
    p += strlen(MANIFEST_HEAD);
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *space = memchr(p, ' ', n);
        if (space && space - p == 16) {
            char *file = rd_xstrndup(space + 1, n - 17);
            rd_strmap_put(&m->old, file)->value = (void *)(p);
            free(file);
        }
        p += n + (end != NULL);
    }
}

void rd_site_manifest_load(rd_site_manifest *m, const char *dir)
{
    *m = (rd_site_manifest){ 0 };
    rd_buf_init(&m->text);
    rd_buf_init(&m->old_text);
    rd_buf_puts(&m->text, MANIFEST_HEAD);
    rd_buf path;
    rd_buf_init(&path);
    rd_buf_printf(&path, "%s/%s", dir, MANIFEST);
    if (rd_site_read_file(path.data, &m->old_text) == 0)
        parse_manifest(m);
    rd_buf_free(&path);
}

/* A regular file, not a link, at dir/rel. */
static bool is_there(const char *dir, const char *rel)
{
    rd_buf path;
    rd_buf_init(&path);
    rd_buf_printf(&path, "%s/%s", dir, rel);
    struct stat st;
    bool there = lstat(path.data, &st) == 0 && S_ISREG(st.st_mode);
    rd_buf_free(&path);
    return there;
}

void rd_site_manifest_record(rd_site_manifest *m, const char *rel,
                             uint64_t hash)
{
    rd_buf_printf(&m->text, "%016" PRIx64 " %s\n", hash, rel);
}

bool rd_site_manifest_fresh(const rd_site_manifest *m, const char *dir,
                            const char *rel, uint64_t hash)
{
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, hash);
    rd_strmap_slot *slot = rd_strmap_find(&m->old, rel);
    return slot && memcmp(slot->value, hex, 16) == 0 && is_there(dir, rel);
}

rd_status rd_site_manifest_save(rd_site_manifest *m, const char *dir,
                                rd_error *err)
{
    if (m->old_text.len == m->text.len &&
        memcmp(m->old_text.data, m->text.data, m->text.len) == 0)
        return RD_OK;
    return rd_write_file_under(dir, MANIFEST, m->text.data, m->text.len, err);
}

void rd_site_manifest_free(rd_site_manifest *m)
{
    rd_strmap_free(&m->old);
    rd_buf_free(&m->text);
    rd_buf_free(&m->old_text);
}
