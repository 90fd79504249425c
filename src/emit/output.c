/* Writing outputs so that a failed run leaves no half-written file: data
 * goes to a temporary file beside the target, which is renamed over it
 * only once everything has been written. An existing file that already
 * holds the data is left in place, its modification time set to now.
 *
 * No output is written through a symbolic link: one at the output path is
 * refused, and a file written under a directory (rd_write_file_under) is
 * reached one component at a time, each opened without following links,
 * so that nothing a repository holds can send an output elsewhere. Every
 * step works on a directory descriptor and a name in it: AT_FDCWD and the
 * path for rd_write_file_atomic. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STDOUT_NAME "<stdout>"

static rd_status fail(rd_error *err, const char *path, const char *what,
                      int errnum)
{
    rd_set_error(err, RD_ERR_IO, "%s: %s%s%s", path, what ? what : "",
                 what && errnum ? ": " : "", errnum ? strerror(errnum) : "");
    return RD_ERR_IO;
}

static rd_status succeed(rd_error *err)
{
    rd_clear_error(err);
    return RD_OK;
}

/* Returns 0 or the errno of the failed write. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

static rd_status write_stdout(const char *data, size_t len, rd_error *err)
{
    errno = 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
        return fail(err, STDOUT_NAME, NULL, errno ? errno : EIO);
    return succeed(err);
}

/* A device or a pipe named as output cannot be replaced by a rename: it is
 * written in place. */
static rd_status write_in_place(int dir, const char *name, const char *shown,
                                const char *data, size_t len, rd_error *err)
{
    /* A FIFO with no reader fails at once (ENXIO) rather than blocking;
     * once open, writes wait for the reader as they should. */
    int fd = openat(dir, name, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0)
        return fail(err, shown, errno == ENXIO ? "no process reads it" : NULL, errno);
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    int e = write_all(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e)
        return fail(err, shown, NULL, e);
    return succeed(err);
}

/* ".NAME.XXXXXX" in the directory of name (name may hold a directory
 * part, for AT_FDCWD); NULL when out of memory. */
static char *temp_template(const char *name)
{
    const char *slash = strrchr(name, '/');
    size_t dirlen = slash ? (size_t)(slash - name) + 1 : 0;
    const char *base = slash ? slash + 1 : name;
    size_t n = dirlen + 1 + strlen(base) + sizeof ".XXXXXX";
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, name, base);
    return t;
}

/* Creates the temporary file named by tmpl, its XXXXXX replaced, with
 * O_EXCL (never an existing file, never through a link); its descriptor
 * or -1. */
static int create_temp(int dir, char *tmpl, mode_t mode)
{
    static const char letters[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static _Atomic unsigned long counter;
    char *x = tmpl + strlen(tmpl) - 6;
    for (int attempt = 0; attempt < 1000; attempt++) {
        unsigned long v = (unsigned long)getpid() * 2654435761u
                          ^ atomic_fetch_add(&counter, 1) * 40503u
                          ^ (unsigned long)(uintptr_t)&attempt;
        for (int i = 0; i < 6; i++, v /= 62)
            x[i] = letters[v % 62];
        int fd = openat(dir, tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
                        O_NOFOLLOW, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Writes, sets the mode of a replaced file, closes, renames; the caller
 * removes the temporary file on failure. */
static rd_status fill_and_rename(int fd, int dir, const char *tmp,
                                 const char *name, const char *shown,
                                 const mode_t *mode, const char *data,
                                 size_t len, rd_error *err)
{
    int e = write_all(fd, data, len);
    if (e == 0 && mode && fchmod(fd, *mode) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e)
        return fail(err, shown, NULL, e);
    if (renameat(dir, tmp, dir, name) != 0)
        return fail(err, shown, NULL, errno);
    return succeed(err);
}

/* Whether the regular file name holds exactly data; if so, its
 * modification time is set to now, as a write would have. */
static bool same_content_touched(int dir, const char *name, const struct stat *st,
                                 const char *data, size_t len)
{
    if ((uintmax_t)st->st_size != (uintmax_t)len)
        return false;
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    char chunk[16384];
    size_t at = 0;
    bool same = true;
    while (same) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            same = r == 0 && at == len;
            break;
        }
        same = (size_t)r <= len - at && memcmp(chunk, data + at, (size_t)r) == 0;
        at += (size_t)r;
    }
    same = same && futimens(fd, NULL) == 0;
    close(fd);
    return same;
}

/* Replaces the file name (a replaced file keeps its `mode`; NULL for a
 * new one, which gets the usual mode less the umask). */
static rd_status replace_regular(int dir, const char *name, const char *shown,
                                 const mode_t *mode, const char *data,
                                 size_t len, rd_error *err)
{
    char *tmp = temp_template(name);
    if (!tmp)
        return fail(err, shown, NULL, ENOMEM);
    int fd = create_temp(dir, tmp, mode ? 0600 : 0666);
    if (fd < 0) {
        rd_status st = fail(err, shown, "cannot create a temporary file", errno);
        free(tmp);
        return st;
    }
    rd_status st = fill_and_rename(fd, dir, tmp, name, shown, mode, data, len, err);
    if (st != RD_OK)
        unlinkat(dir, tmp, 0);
    free(tmp);
    return st;
}

static rd_status refuse_link(const char *shown, rd_error *err)
{
    return fail(err, shown, "a symbolic link: refused (the output would be "
                "written where it points)", 0);
}

/* Writes name in dir, whatever stands there: nothing, a file, a device. */
static rd_status write_at(int dir, const char *name, const char *shown,
                          const char *data, size_t len, rd_error *err)
{
    struct stat st;
    if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? replace_regular(dir, name, shown, NULL, data, len, err)
                               : fail(err, shown, NULL, errno);
    if (S_ISLNK(st.st_mode))
        return refuse_link(shown, err);
    if (S_ISDIR(st.st_mode))
        return fail(err, shown, NULL, EISDIR);
    if (!S_ISREG(st.st_mode))
        return write_in_place(dir, name, shown, data, len, err);
    if (same_content_touched(dir, name, &st, data, len))
        return succeed(err);
    mode_t mode = st.st_mode & 07777;
    return replace_regular(dir, name, shown, &mode, data, len, err);
}

rd_status rd_write_file_atomic(const char *path, const char *data, size_t len,
                               rd_error *err)
{
    if (!path || !*path) {
        rd_set_error(err, RD_ERR_USAGE, "no output file named");
        return RD_ERR_USAGE;
    }
    if (strcmp(path, "-") == 0)
        return write_stdout(data, len, err);
    return write_at(AT_FDCWD, path, path, data, len, err);
}

/* ------------------------------------------------------ under a directory */

/* Whether rel is a path that stays under its directory: relative, with no
 * ".." and no empty component. */
static bool stays_under(const char *rel)
{
    if (!*rel || *rel == '/')
        return false;
    for (const char *p = rel;; ) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!p[n])
            return true;
        p += n + 1;
    }
}

/* The directory `name` of dir, made when missing, opened without
 * following a link; -1 with errno (ELOOP or ENOTDIR for a link). */
static int enter(int dir, const char *name)
{
    if (mkdirat(dir, name, 0777) != 0 && errno != EEXIST)
        return -1;
    return openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Opens (making it when missing) the directory holding the last component
 * of rel, under top; -1 after filling err. *name points at that last
 * component. */
static int open_parent(int top, const char *rel, const char *shown,
                       const char **name, rd_error *err)
{
    int dir = dup(top);
    char part[4096];
    const char *p = rel;
    for (const char *slash; dir >= 0 && (slash = strchr(p, '/')); p = slash + 1) {
        size_t n = (size_t)(slash - p);
        if (n >= sizeof part) {
            close(dir);
            fail(err, shown, NULL, ENAMETOOLONG);
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        int next = enter(dir, part);
        int e = errno;
        close(dir);
        dir = next;
        if (dir < 0) {
            /* Named up to the directory at fault. */
            size_t upto = strlen(shown) - strlen(rel) + (size_t)(slash - rel);
            char *where = strndup(shown, upto);
            if (e == ELOOP || e == ENOTDIR)
                refuse_link(where ? where : shown, err);
            else
                fail(err, where ? where : shown, NULL, e);
            free(where);
            return -1;
        }
    }
    *name = p;
    return dir;
}

rd_status rd_write_file_under(const char *dir, const char *rel, const char *data,
                              size_t len, rd_error *err)
{
    size_t n = strlen(dir) + 1 + strlen(rel) + 1;
    char *shown = malloc(n);
    if (!shown)
        return fail(err, rel, NULL, ENOMEM);
    snprintf(shown, n, "%s/%s", dir, rel);
    rd_status status;
    int top = -1;
    if (!stays_under(rel)) {
        status = fail(err, shown, "not a path under the output directory: refused", 0);
    } else if ((top = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        status = fail(err, dir, NULL, errno);
    } else {
        const char *name;
        int parent = open_parent(top, rel, shown, &name, err);
        status = parent < 0 ? RD_ERR_IO : write_at(parent, name, shown, data, len, err);
        if (parent >= 0)
            close(parent);
    }
    if (top >= 0)
        close(top);
    free(shown);
    return status;
}
