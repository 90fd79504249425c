/* The text report: one finding a line, in the form compilers use, so that
 * editors and terminals jump to it:
 *
 *   PATH:LINE:COL: SEVERITY: MESSAGE [RULE-ID]
 *
 * The path, message and rule are the page's and the configuration's text:
 * they are written visible (see rd_visible_put), so that a line break or a
 * terminal control in them can neither forge a second finding nor reach the
 * terminal. */
#include "report.h"

#define BOLD  "\033[1m"
#define DIM   "\033[2m"
#define RESET "\033[0m"

static const char *severity_color(rd_severity s)
{
    switch (s) {
    case RD_SEVERITY_ERROR: return "\033[1;31m";
    case RD_SEVERITY_WARNING: return "\033[1;33m";
    default: return "\033[1;36m";
    }
}

static void put_uint(rd_buf *out, unsigned v)
{
    char digits[12];
    size_t n = sizeof digits;
    do
        digits[--n] = (char)('0' + v % 10);
    while (v /= 10);
    rd_buf_put(out, digits + n, sizeof digits - n);
}

/* Put together piece by piece: a run over a whole space writes tens of
 * thousands of these lines, and printf's parsing of the format was most of
 * their cost. */
static void write_plain(const rd_diag *d, rd_buf *out)
{
    rd_visible_put(out, d->file ? d->file : "(null)");
    rd_buf_putc(out, ':');
    put_uint(out, d->line);
    rd_buf_putc(out, ':');
    put_uint(out, d->col);
    rd_buf_puts(out, ": ");
    rd_buf_puts(out, rd_severity_name(d->severity));
    rd_buf_puts(out, ": ");
    rd_visible_put(out, d->message ? d->message : "(null)");
    rd_buf_puts(out, " [");
    rd_visible_put(out, d->rule ? d->rule : "(null)");
    rd_buf_puts(out, "]\n");
}

static void write_colored(const rd_diag *d, rd_buf *out)
{
    rd_buf_puts(out, BOLD);
    rd_visible_put(out, d->file);
    rd_buf_printf(out, ":%u:%u:" RESET " %s%s" RESET ": ", d->line, d->col,
                  severity_color(d->severity), rd_severity_name(d->severity));
    rd_visible_put(out, d->message);
    rd_buf_puts(out, " " DIM "[");
    rd_visible_put(out, d->rule);
    rd_buf_puts(out, "]" RESET "\n");
}

int rd_report_text(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out)
{
    bool color = opts && opts->color;
    for (size_t i = 0; i < diags->len; i++) {
        if (color)
            write_colored(&diags->items[i], out);
        else
            write_plain(&diags->items[i], out);
    }
    return 0;
}
