/* Writing outputs so that a failed run leaves no half-written file: data
 * goes to a temporary file beside the target, which is renamed over it
 * only once everything has been written. An existing file that already
 * holds the data is left in place, its modification time set to now. */
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
    if (err) {
        err->status = RD_ERR_IO;
        snprintf(err->message, sizeof err->message, "%s: %s%s%s", path,
                 what ? what : "", what ? ": " : "", strerror(errnum));
    }
    return RD_ERR_IO;
}

static rd_status succeed(rd_error *err)
{
    if (err) {
        err->status = RD_OK;
        err->message[0] = '\0';
    }
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
static rd_status write_in_place(const char *path, const char *data, size_t len,
                                rd_error *err)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return fail(err, path, NULL, errno);
    int e = write_all(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e)
        return fail(err, path, NULL, e);
    return succeed(err);
}

/* "DIR/.NAME.XXXXXX" beside path; NULL when out of memory. */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = dirlen + 1 + strlen(base) + sizeof ".XXXXXX";
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    return t;
}

/* Creates the temporary file named by tmpl, its XXXXXX replaced, with
 * O_EXCL (no existing file or link is ever opened). A new output is
 * created with mode 0666, which open() reduces by the umask: it gets the
 * mode open() would give it, without reading the umask. */
static int create_temp(char *tmpl, mode_t mode)
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
        int fd = open(tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Writes, sets the mode of a replaced file, closes, renames; the caller
 * removes tmp when this fails. No fsync: the rename already keeps readers
 * from seeing a partial file, and syncing every output would slow batch
 * conversions. */
static rd_status fill_and_rename(int fd, const char *tmp, const char *target,
                                 const char *shown, const mode_t *mode,
                                 const char *data, size_t len, rd_error *err)
{
    int e = write_all(fd, data, len);
    if (e == 0 && mode && fchmod(fd, *mode) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e)
        return fail(err, shown, NULL, e);
    if (rename(tmp, target) != 0)
        return fail(err, shown, NULL, errno);
    return succeed(err);
}

/* Whether the regular file at target holds exactly data; if so, its
 * modification time is set to now, as a rewrite would have. Replacing a
 * file makes the file system drop the old one and, on ext4, start writing
 * the new one out at once: a conversion run again over a whole space
 * mostly writes what is already there, and waited on the disk for it. */
static bool same_content_touched(const char *target, const struct stat *st,
                                 const char *data, size_t len)
{
    if ((uintmax_t)st->st_size != (uintmax_t)len)
        return false;
    int fd = open(target, O_RDONLY | O_CLOEXEC);
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

/* Replaces the file `target` (a replaced file keeps its `mode`; NULL for a
 * new one); messages name `shown`, the path as the user gave it. The
 * temporary file of a replacement is private until its mode is set. */
static rd_status replace_regular(const char *target, const char *shown,
                                 const mode_t *mode, const char *data,
                                 size_t len, rd_error *err)
{
    char *tmp = temp_template(target);
    if (!tmp)
        return fail(err, shown, NULL, ENOMEM);
    int fd = create_temp(tmp, mode ? 0600 : 0666);
    if (fd < 0) {
        rd_status st = fail(err, shown, "cannot create a temporary file",
                            errno);
        free(tmp);
        return st;
    }
    rd_status st = fill_and_rename(fd, tmp, target, shown, mode, data, len,
                                   err);
    if (st != RD_OK)
        unlink(tmp);
    free(tmp);
    return st;
}

rd_status rd_write_file_atomic(const char *path, const char *data, size_t len,
                               rd_error *err)
{
    if (!path || !*path) {
        if (err) {
            err->status = RD_ERR_USAGE;
            snprintf(err->message, sizeof err->message, "no output file named");
        }
        return RD_ERR_USAGE;
    }
    if (strcmp(path, "-") == 0)
        return write_stdout(data, len, err);

    /* Following a symbolic link writes beside its target, so the link
     * survives and still points to the new content. Only a link as the
     * last component matters (a linked directory holds the temporary
     * file as it holds the target): other paths are not resolved, which
     * spares a look-up per component of every output. */
    struct stat st;
    char *real = NULL;
    const char *target = path;
    int found = lstat(path, &st);
    if (found == 0 && S_ISLNK(st.st_mode)) {
        real = realpath(path, NULL);
        target = real ? real : path;
        found = stat(target, &st);
    }
    rd_status status;
    if (found != 0) {
        if (errno == ENOENT)
            status = replace_regular(path, path, NULL, data, len, err);
        else
            status = fail(err, path, NULL, errno);
    } else if (S_ISDIR(st.st_mode)) {
        status = fail(err, path, NULL, EISDIR);
    } else if (!S_ISREG(st.st_mode)) {
        status = write_in_place(path, data, len, err);
    } else if (same_content_touched(target, &st, data, len)) {
        status = succeed(err);
    } else {
        mode_t mode = st.st_mode & 07777;
        status = replace_regular(target, path, &mode, data, len, err);
    }
    free(real);
    return status;
}
