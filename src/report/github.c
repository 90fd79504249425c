/* The GitHub Actions report: one workflow command a finding, which the
 * runner turns into an annotation on the file and line:
 *
 *   ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
 *
 * (::warning and ::notice below error level), the hint and the proposed
 * change on lines of their own, escaped as the runner expects: '%', CR
 * and LF everywhere, and ':' and ',' in property values, which they would
 * otherwise end. */
#include "report.h"

static const char *command_name(rd_severity s)
{
    switch (s) {
    case RD_SEVERITY_ERROR: return "error";
    case RD_SEVERITY_WARNING: return "warning";
    default: return "notice";
    }
}

static void put_escaped(rd_buf *out, const char *s, bool property)
{
    rd_buf scratch;
    rd_buf_init(&scratch);
    for (const char *p = rd_report_clean_text(s, &scratch); *p; p++) {
        switch (*p) {
        case '%': rd_buf_puts(out, "%25"); break;
        case '\r': rd_buf_puts(out, "%0D"); break;
        case '\n': rd_buf_puts(out, "%0A"); break;
        case ':': rd_buf_puts(out, property ? "%3A" : ":"); break;
        case ',': rd_buf_puts(out, property ? "%2C" : ","); break;
        default: rd_buf_putc(out, *p);
        }
    }
    rd_buf_free(&scratch);
}

/* The change that would fix the finding, in words, on a line of its own:
 * the annotation is all a reader of the pull request sees. */
static void write_suggestion(rd_buf *out, const rd_suggestion *sg)
{
    if (!sg->text)
        return;
    if (*sg->text) {
        rd_buf_puts(out, "%0Asuggestion: write \"");
        put_escaped(out, sg->text, false);
        rd_buf_printf(out, "\" in place of %u:%u to %u:%u", sg->line, sg->col,
                      sg->end_line, sg->end_col);
    } else {
        rd_buf_printf(out, "%%0Asuggestion: delete %u:%u to %u:%u", sg->line,
                      sg->col, sg->end_line, sg->end_col);
    }
    if (sg->automatic)
        rd_buf_puts(out, " (roledoc lint --fix does it)");
}

static void write_command(rd_buf *out, const rd_diag *d)
{
    rd_buf_printf(out, "::%s file=", command_name(d->severity));
    put_escaped(out, d->file, true);
    rd_buf_printf(out, ",line=%u,col=%u", d->line, d->col);
    if (d->end_line >= d->line && d->end_line) {
        rd_buf_printf(out, ",endLine=%u", d->end_line);
        if (d->end_col)
            rd_buf_printf(out, ",endColumn=%u", d->end_col);
    }
    rd_buf_puts(out, ",title=");
    put_escaped(out, d->rule, true);
    rd_buf_puts(out, "::");
    put_escaped(out, d->message, false);
    if (d->hint) {
        rd_buf_puts(out, "%0Ahint: ");
        put_escaped(out, d->hint, false);
    }
    write_suggestion(out, &d->suggestion);
    rd_buf_putc(out, '\n');
}

int rd_report_github(const rd_diag_list *diags, const rd_report_options *opts,
                     rd_buf *out)
{
    (void)opts;
    for (size_t i = 0; i < diags->len; i++)
        write_command(out, &diags->items[i]);
    return 0;
}
