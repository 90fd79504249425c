/* The server's loop: waits for input or for the next page due to be
 * linted, whichever comes first, reads what has come, handles every
 * complete message in it, then lints the pages whose changes have settled.
 * Changes that come together are linted once; input is read only when
 * poll says it is there, so the server never waits on a client that sends
 * half a message while a page is due. */
#include "lsp.h"

#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

double lsp_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int write_fd(void *data, const char *bytes, size_t len)
{
    int fd = *(int *)data;
    while (len > 0) {
        ssize_t n = write(fd, bytes, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        bytes += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Waits for input until the next page is due; returns false when the
 * input has ended. */
static bool read_some(lsp_server *s, lsp_reader *r, int in_fd, long wait)
{
    struct pollfd p = { .fd = in_fd, .events = POLLIN };
    int ready = poll(&p, 1, wait < 0 ? -1 : (int)(wait > 60000 ? 60000 : wait));
    s->now = lsp_clock_ms();
    if (ready <= 0)
        return ready == 0 || errno == EINTR;
    char chunk[65536];
    ssize_t got = read(in_fd, chunk, sizeof chunk);
    if (got < 0)
        return errno == EINTR || errno == EAGAIN;
    if (got == 0)
        return false;
    lsp_reader_feed(r, chunk, (size_t)got);
    lsp_server_read(s, r);
    s->now = lsp_clock_ms();
    return true;
}

int lsp_run(const lsp_options *opts, int in_fd, int out_fd, rd_error *err)
{
    lsp_server s;
    if (lsp_server_init(&s, opts, write_fd, &out_fd, err) != 0)
        return -1;
    lsp_reader r;
    lsp_reader_init(&r, opts->max_message);
    s.now = lsp_clock_ms();
    while (!s.done) {
        long wait = lsp_server_flush(&s, false);
        if (s.done || !read_some(&s, &r, in_fd, wait))
            break;
    }
    int status = s.exit_status;
    lsp_reader_free(&r);
    lsp_server_free(&s);
    return status;
}
