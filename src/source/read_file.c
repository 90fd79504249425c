/* Reading a file descriptor to its end: the one loop behind every reader
 * of the library (pages and standard input, rule and configuration files,
 * the pages of a site and its manifest). */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* One read(2), tried again when a signal interrupts it. */
static ssize_t read_some(int fd, char *to, size_t room)
{
    ssize_t r;
    do
        r = read(fd, to, room);
    while (r < 0 && errno == EINTR);
    return r;
}

/* A buffer of exactly `hint` bytes takes a file of the size fstat gave:
 * when it is full, one byte more tells whether the file goes on (it grew),
 * so that a whole page is never copied to a larger buffer. */
rd_status rd_read_fd(int fd, size_t hint, size_t max, char **data, size_t *len)
{
    size_t cap = hint ? hint : 64 * 1024, got = 0;
    if (cap > max)
        cap = max;
    char *buf = malloc(cap + 1);
    if (!buf)
        return RD_ERR_NOMEM;
    for (;;) {
        char probe;
        ssize_t r = got < cap ? read_some(fd, buf + got, cap - got)
                              : read_some(fd, &probe, 1);
        if (r < 0) {
            int e = errno;
            free(buf);
            errno = e;
            return RD_ERR_IO;
        }
        if (r == 0)
            break;
        if (got == cap) {
            size_t ncap = cap <= max / 2 ? cap * 2 : max;
            char *grown = cap < max ? realloc(buf, ncap + 1) : NULL;
            if (!grown) {
                free(buf);
                return cap < max ? RD_ERR_NOMEM : RD_ERR_LIMIT;
            }
            buf = grown;
            cap = ncap;
            buf[got] = probe;
        }
        got += (size_t)r;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return RD_OK;
}
