/* The HTML report: one standalone page, kept as a CI artifact, that shows
 * where the documentation stands: totals, findings by rule (with a small
 * inline SVG chart) and by page, and every finding with the source line it
 * points at. Every finding also carries its position and rule as data-*
 * attributes, for scripts that read the page back. Valid HTML5 whatever
 * the pages hold: all text goes through the HTML escaper, which replaces
 * what HTML forbids. */
#include "report.h"
#include "emit/html_sanitize.h"

#include <string.h>

#define CHART_WIDTH 640
#define CHART_LABEL_WIDTH 190
#define CHART_BAR_HEIGHT 16
#define CHART_ROW_HEIGHT 24
/* Characters quoted on each side of what a finding points at. */
#define QUOTE_CONTEXT 100

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
    "padding:0 1rem;color:#1b1b1b;line-height:1.4}"
    "table{border-collapse:collapse;margin:1rem 0}"
    "th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}"
    "td.n{text-align:right}"
    ".error{color:#a61b1b}.warning{color:#8a5300}.info{color:#1f5d8c}"
    "ol.findings{padding-left:1.5rem}ol.findings li{margin:.8rem 0}"
    "pre{background:#f5f5f5;padding:.4rem .6rem;overflow-x:auto;margin:.3rem 0}"
    "mark{background:#ffe08a}.lineno{color:#777;user-select:none}"
    ".hint{font-style:italic;margin:.2rem 0}"
    "svg text{font-size:12px;font-family:system-ui,sans-serif}";

/* Page-controlled text, visible (rd_visible_put) then escaped. */
static void escaped(rd_buf *out, const char *s, rd_esc_mode mode)
{
    rd_buf v;
    rd_buf_init(&v);
    rd_visible_put(&v, s ? s : "");
    rd_html_escape(out, v.data ? v.data : "", v.len, mode);
    rd_buf_free(&v);
}

static void text(rd_buf *out, const char *s)
{
    escaped(out, s, RD_ESC_TEXT);
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static void write_counts_cells(rd_buf *out, const rd_report_counts *c)
{
    rd_buf_printf(out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                  "<td class=\"n\">%zu</td>", c->errors, c->warnings, c->infos);
}

static const char counts_header[] =
    "<th scope=\"col\">errors</th><th scope=\"col\">warnings</th>"
    "<th scope=\"col\">info</th>";

/* ----------------------------------------------------------------- totals */

static void write_head(rd_buf *out)
{
    rd_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>roledoc lint report</title>\n<style>%s</style>\n"
                  "</head>\n<body>\n", style);
}

static void write_totals(rd_buf *out, const rd_report_summary *s)
{
    size_t clean = 0;
    for (size_t i = 0; i < s->nfiles; i++)
        clean += s->files[i].count == 0;
    const rd_report_counts *c = &s->counts;
    rd_buf_printf(out, "<header>\n<h1>roledoc lint report</h1>\n"
                  "<p id=\"totals\">%zu page%s linted, %zu without findings: "
                  "<span class=\"error\">%zu error%s</span>, "
                  "<span class=\"warning\">%zu warning%s</span>, "
                  "<span class=\"info\">%zu info</span>.</p>\n</header>\n",
                  s->nfiles, plural(s->nfiles), clean, c->errors, plural(c->errors),
                  c->warnings, plural(c->warnings), c->infos);
}

/* ------------------------------------------------------------------ rules */

static size_t total(const rd_report_counts *c)
{
    return c->errors + c->warnings + c->infos;
}

/* One segment of a rule's bar; returns where the next one starts. */
static unsigned write_bar_segment(rd_buf *out, unsigned x, unsigned y,
                                  size_t n, size_t max, const char *color)
{
    unsigned width = (unsigned)((n * (CHART_WIDTH - CHART_LABEL_WIDTH - 50)) / max);
    if (n && width == 0)
        width = 1;
    if (width)
        rd_buf_printf(out, "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%d\" "
                      "fill=\"%s\"/>", x, y, width, CHART_BAR_HEIGHT, color);
    return x + width;
}

static void write_chart_row(rd_buf *out, const rd_report_rule *r, unsigned row,
                            size_t max)
{
    unsigned y = row * CHART_ROW_HEIGHT + 4;
    rd_buf_printf(out, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\">",
                  CHART_LABEL_WIDTH - 8, y + 12);
    text(out, r->id);
    rd_buf_puts(out, "</text>");
    unsigned x = CHART_LABEL_WIDTH;
    x = write_bar_segment(out, x, y, r->counts.errors, max, "#c0392b");
    x = write_bar_segment(out, x, y, r->counts.warnings, max, "#d68910");
    x = write_bar_segment(out, x, y, r->counts.infos, max, "#2874a6");
    rd_buf_printf(out, "<text x=\"%u\" y=\"%u\">%zu</text>\n", x + 6, y + 12,
                  total(&r->counts));
}

/* Horizontal bars, one per rule that found something, split by severity. */
static void write_rule_chart(rd_buf *out, const rd_report_summary *s)
{
    size_t max = 0;
    unsigned rows = 0;
    for (size_t i = 0; i < s->nrules; i++) {
        size_t n = total(&s->rules[i].counts);
        max = n > max ? n : max;
        rows += n > 0;
    }
    if (rows == 0)
        return;
    rd_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                  "height=\"%u\" viewBox=\"0 0 %d %u\" role=\"img\" "
                  "aria-labelledby=\"chart-title\">\n"
                  "<title id=\"chart-title\">Findings by rule: errors in red, "
                  "warnings in amber, info in blue</title>\n",
                  CHART_WIDTH, rows * CHART_ROW_HEIGHT + 8, CHART_WIDTH,
                  rows * CHART_ROW_HEIGHT + 8);
    unsigned row = 0;
    for (size_t i = 0; i < s->nrules; i++)
        if (total(&s->rules[i].counts))
            write_chart_row(out, &s->rules[i], row++, max);
    rd_buf_puts(out, "</svg>\n");
}

static void write_rule_table(rd_buf *out, const rd_report_summary *s)
{
    rd_buf_printf(out, "<table>\n<thead><tr><th scope=\"col\">rule</th>"
                  "<th scope=\"col\">checks</th>%s</tr></thead>\n<tbody>\n",
                  counts_header);
    for (size_t i = 0; i < s->nrules; i++) {
        const rd_report_rule *r = &s->rules[i];
        if (total(&r->counts) == 0)
            continue;
        rd_buf_puts(out, "<tr><td><code>");
        text(out, r->id);
        rd_buf_puts(out, "</code></td><td>");
        text(out, rd_report_rule_summary(r));
        rd_buf_puts(out, "</td>");
        write_counts_cells(out, &r->counts);
        rd_buf_puts(out, "</tr>\n");
    }
    rd_buf_puts(out, "</tbody>\n</table>\n");
}

static void write_by_rule(rd_buf *out, const rd_report_summary *s)
{
    rd_buf_puts(out, "<section aria-labelledby=\"by-rule\">\n"
                     "<h2 id=\"by-rule\">Findings by rule</h2>\n");
    if (total(&s->counts) == 0)
        rd_buf_puts(out, "<p>No rule found anything.</p>\n");
    else {
        write_rule_chart(out, s);
        write_rule_table(out, s);
    }
    rd_buf_puts(out, "</section>\n");
}

/* ------------------------------------------------------------------ pages */

static void write_file_table(rd_buf *out, const rd_report_summary *s)
{
    rd_buf_printf(out, "<table>\n<thead><tr><th scope=\"col\">page</th>%s</tr>"
                  "</thead>\n<tbody>\n", counts_header);
    for (size_t i = 0; i < s->nfiles; i++) {
        const rd_report_file *f = &s->files[i];
        rd_buf_puts(out, "<tr><td>");
        if (f->count)
            rd_buf_printf(out, "<a href=\"#page-%zu\">", i + 1);
        rd_buf_puts(out, "<code>");
        text(out, f->path);
        rd_buf_puts(out, f->count ? "</code></a></td>" : "</code></td>");
        write_counts_cells(out, &f->counts);
        rd_buf_puts(out, "</tr>\n");
    }
    rd_buf_puts(out, "</tbody>\n</table>\n");
}

/* The byte offset `n` characters after byte `at` of line[0..len), or len. */
static size_t advance(const char *line, size_t len, size_t at, uint32_t n)
{
    for (uint32_t c = 0; c < n && at < len; c++) {
        uint32_t cp;
        at += rd_utf8_decode((const unsigned char *)line + at, len - at, &cp);
    }
    return at;
}

/* Where the last finding's quote started: findings come in page order, so
 * the next one on the same line is found from there, and a line of
 * thousands of findings is read once, not once per finding. */
typedef struct {
    const char *line;
    uint32_t col;            /* the character ... */
    size_t at;               /* ... at this byte offset */
} char_cursor;

/* Byte offset of character `col` (1-based) in line[0..len), or len. */
static size_t char_offset(char_cursor *cur, const char *line, size_t len, uint32_t col)
{
    bool onward = cur->line == line && cur->col <= col;
    size_t at = onward ? cur->at : 0;
    at = advance(line, len, at, col - (onward ? cur->col : 1));
    *cur = (char_cursor){ line, col, at };
    return at;
}

/* The line a finding points at, the characters it covers marked (the one
 * it starts at when its end is unknown or on another line). A long line
 * (a card table is one line of HTML) is cut to the characters around the
 * mark. */
static void write_source_line(rd_buf *out, const rd_doc *doc, const rd_diag *d,
                              char_cursor *cur)
{
    size_t len;
    const char *line = doc ? rd_doc_line(doc, d->line, &len) : NULL;
    if (!line)
        return;
    uint32_t col = d->col ? d->col : 1;
    uint32_t last = d->end_line == d->line && d->end_col >= col ? d->end_col : col;
    uint32_t shown_col = col > QUOTE_CONTEXT ? col - QUOTE_CONTEXT : 1;
    size_t shown_from = char_offset(cur, line, len, shown_col);
    size_t from = advance(line, len, shown_from, col - shown_col);
    size_t to = advance(line, len, from, last + 1 - col);
    size_t shown_to = advance(line, len, to, QUOTE_CONTEXT);
    rd_buf_printf(out, "<pre><span class=\"lineno\">%u | </span>%s", d->line,
                  shown_from > 0 ? "\xE2\x80\xA6" : "");
    rd_html_escape(out, line + shown_from, from - shown_from, RD_ESC_TEXT);
    if (to > from) {
        rd_buf_puts(out, "<mark>");
        rd_html_escape(out, line + from, to - from, RD_ESC_TEXT);
        rd_buf_puts(out, "</mark>");
    }
    rd_html_escape(out, line + to, shown_to - to, RD_ESC_TEXT);
    rd_buf_printf(out, "%s</pre>\n", shown_to < len ? "\xE2\x80\xA6" : "");
}

static void write_finding(rd_buf *out, const rd_diag *d, const rd_doc *doc,
                          char_cursor *cur)
{
    const char *sev = rd_severity_name(d->severity);
    rd_buf_puts(out, "<li data-file=\"");
    escaped(out, d->file, RD_ESC_ATTR);
    rd_buf_printf(out, "\" data-line=\"%u\" data-col=\"%u\" data-rule=\"", d->line, d->col);
    escaped(out, d->rule, RD_ESC_ATTR);
    rd_buf_printf(out, "\" data-severity=\"%s\">\n<p><code>%u:%u</code> "
                  "<strong class=\"%s\">%s</strong> ", sev, d->line, d->col, sev, sev);
    text(out, d->message);
    rd_buf_puts(out, " <code>[");
    text(out, d->rule);
    rd_buf_puts(out, "]</code></p>\n");
    write_source_line(out, doc, d, cur);
    if (d->hint) {
        rd_buf_puts(out, "<p class=\"hint\">Hint: ");
        text(out, d->hint);
        rd_buf_puts(out, "</p>\n");
    }
    rd_buf_puts(out, "</li>\n");
}

static void write_file_findings(rd_buf *out, const rd_diag_list *diags,
                                const rd_report_file *f, size_t index)
{
    rd_buf_printf(out, "<section aria-labelledby=\"page-%zu\">\n"
                  "<h3 id=\"page-%zu\"><code>", index + 1, index + 1);
    text(out, f->path);
    rd_buf_printf(out, "</code>: %zu finding%s</h3>\n<ol class=\"findings\">\n",
                  f->count, plural(f->count));
    char_cursor cur = { 0 };
    for (size_t i = f->first; i < f->first + f->count; i++)
        write_finding(out, &diags->items[i], f->doc, &cur);
    rd_buf_puts(out, "</ol>\n</section>\n");
}

static void write_by_page(rd_buf *out, const rd_diag_list *diags,
                          const rd_report_summary *s)
{
    rd_buf_puts(out, "<section aria-labelledby=\"by-page\">\n"
                     "<h2 id=\"by-page\">Findings by page</h2>\n");
    write_file_table(out, s);
    for (size_t i = 0; i < s->nfiles; i++)
        if (s->files[i].count)
            write_file_findings(out, diags, &s->files[i], i);
    rd_buf_puts(out, "</section>\n");
}

int rd_report_html(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out)
{
    rd_report_summary s;
    rd_report_summarize(diags, opts, &s);
    write_head(out);
    write_totals(out, &s);
    rd_buf_puts(out, "<main>\n");
    write_by_rule(out, &s);
    write_by_page(out, diags, &s);
    rd_buf_puts(out, "</main>\n</body>\n</html>\n");
    rd_report_summary_free(&s);
    return 0;
}
