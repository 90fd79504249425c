/* The progress line of long work, for a person at a terminal:
 *
 *   roledoc: book: 12/355 gerer-son-produit/README.md
 *
 * redrawn in place (carriage return, then erase to the end of the line) and
 * erased when the work is done or a message must be printed, so that none
 * of it stays on the screen. Standard error that is a file or a pipe, or a
 * dumb terminal, gets nothing: logs and programs reading them see only the
 * messages. */
#include "cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ERASE_LINE "\r\033[K"

/* Whether a progress line is on the screen now (one program, one line). */
static bool line_shown;

static unsigned terminal_columns(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

void cli_progress_start(cli_progress *p, const char *what, int wanted)
{
    const char *term = getenv("TERM");
    p->what = what;
    p->on = wanted && isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
    p->columns = p->on ? terminal_columns() : 0;
}

/* The tail of `s` that fits in `room` bytes, starting on a character
 * boundary: a long path keeps its file name. */
static const char *tail_that_fits(const char *s, size_t room)
{
    size_t len = strlen(s);
    if (len <= room)
        return s;
    s += len - room;
    while ((*s & 0xC0) == 0x80)
        s++;
    return s;
}

void cli_progress_update(cli_progress *p, size_t done, size_t total,
                         const char *current)
{
    if (!p->on)
        return;
    char head[128];
    int n = snprintf(head, sizeof head, "roledoc: %s: %zu/%zu ", p->what, done, total);
    /* One column short of the width, so that the line never wraps. */
    size_t room = (size_t)n + 4 < p->columns ? p->columns - 1 - (size_t)n - 3 : 0;
    const char *page = current ? current : "";
    const char *shown = tail_that_fits(page, room);
    rd_buf line;
    rd_buf_init(&line);
    rd_buf_puts(&line, ERASE_LINE);
    rd_buf_puts(&line, head);
    rd_buf_puts(&line, shown != page ? "..." : "");
    rd_buf_put_visible(&line, shown, strlen(shown), "");
    fwrite(line.data, 1, line.len, stderr);
    fflush(stderr);
    rd_buf_free(&line);
    line_shown = true;
}

void cli_progress_clear(void)
{
    if (!line_shown)
        return;
    fputs(ERASE_LINE, stderr);
    fflush(stderr);
    line_shown = false;
}

void cli_progress_end(cli_progress *p)
{
    if (p->on)
        cli_progress_clear();
    p->on = 0;
}
