/* The JSON report: the pages linted and the findings, in the versioned
 * shape that docs/lint-json.md documents (and docs/lint-json.schema.json
 * checks). One page or finding a line, so that reports diff line by line;
 * nothing in it depends on when or where it was made. */
#include "report.h"
#include "util/json.h"

#define FORMAT_NAME "roledoc-lint"
#define FORMAT_VERSION 1

static void write_counts(rd_buf *out, const rd_report_counts *c)
{
    rd_buf_printf(out, "\"errors\": %zu, \"warnings\": %zu, \"info\": %zu",
                  c->errors, c->warnings, c->infos);
}

/* A position that may be unknown (0): null then. */
static void write_position(rd_buf *out, const char *name, uint32_t value)
{
    if (value)
        rd_buf_printf(out, ", \"%s\": %u", name, value);
    else
        rd_buf_printf(out, ", \"%s\": null", name);
}

/* The change that would fix the finding: its text and the range it
 * replaces (end exclusive), or null. */
static void write_suggestion(rd_buf *out, const rd_suggestion *sg)
{
    rd_buf_puts(out, ", \"suggestion\": ");
    if (!sg->text) {
        rd_buf_puts(out, "null");
        return;
    }
    rd_buf_puts(out, "{\"text\": ");
    rd_json_string(out, sg->text);
    rd_buf_printf(out, ", \"line\": %u, \"col\": %u, \"end_line\": %u, "
                  "\"end_col\": %u, \"automatic\": %s}", sg->line, sg->col,
                  sg->end_line, sg->end_col, sg->automatic ? "true" : "false");
}

static void write_fingerprint(rd_buf *out, uint64_t fingerprint)
{
    char hex[17];
    rd_fingerprint_text(fingerprint, hex);
    if (fingerprint)
        rd_buf_printf(out, ", \"fingerprint\": \"%s\"", hex);
    else
        rd_buf_puts(out, ", \"fingerprint\": null");
}

static void write_finding(rd_buf *out, const rd_diag *d)
{
    rd_buf_puts(out, "    {\"file\": ");
    rd_json_string(out, d->file);
    rd_buf_printf(out, ", \"line\": %u, \"col\": %u", d->line, d->col);
    write_position(out, "end_line", d->end_line);
    write_position(out, "end_col", d->end_col);
    rd_buf_puts(out, ", \"rule\": ");
    rd_json_string(out, d->rule);
    rd_buf_puts(out, ", \"severity\": ");
    rd_json_string(out, rd_severity_name(d->severity));
    rd_buf_puts(out, ", \"message\": ");
    rd_json_string(out, d->message);
    rd_buf_puts(out, ", \"hint\": ");
    rd_json_string(out, d->hint);
    write_suggestion(out, &d->suggestion);
    write_fingerprint(out, d->fingerprint);
    rd_buf_putc(out, '}');
}

static void write_files(rd_buf *out, const rd_report_summary *s)
{
    rd_buf_puts(out, "  \"files\": [");
    for (size_t i = 0; i < s->nfiles; i++) {
        rd_buf_puts(out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        rd_json_string(out, s->files[i].path);
        rd_buf_puts(out, ", ");
        write_counts(out, &s->files[i].counts);
        rd_buf_putc(out, '}');
    }
    rd_buf_puts(out, s->nfiles ? "\n  ],\n" : "],\n");
}

static void write_findings(rd_buf *out, const rd_diag_list *diags)
{
    rd_buf_puts(out, "  \"findings\": [");
    for (size_t i = 0; i < diags->len; i++) {
        rd_buf_puts(out, i ? ",\n" : "\n");
        write_finding(out, &diags->items[i]);
    }
    rd_buf_puts(out, diags->len ? "\n  ]\n" : "]\n");
}

int rd_report_json(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out)
{
    rd_report_summary s;
    rd_report_summarize(diags, opts, &s);
    rd_buf_printf(out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n",
                  FORMAT_NAME, FORMAT_VERSION);
    rd_buf_printf(out, "  \"summary\": {\"files\": %zu, ", s.nfiles);
    write_counts(out, &s.counts);
    rd_buf_puts(out, "},\n");
    write_files(out, &s);
    write_findings(out, diags);
    rd_buf_puts(out, "}\n");
    rd_report_summary_free(&s);
    return 0;
}
