/* The catalogue of a space's roles as JSON (docs/roles-catalogue.md, the
 * schema docs/roles-catalogue.schema.json), CSV (RFC 4180: one line per
 * role or family) and a standalone HTML page (a table per kind, valid
 * HTML5 whatever the pages hold: every text goes through the escaper). */
#include "catalogue.h"
#include "util/json.h"
#include "emit/html_sanitize.h"

#include <stdio.h>
#include <string.h>

#define CATALOGUE_VERSION 1

static size_t count_kind(const rd_catalogue *c, bool family)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nentries; i++)
        n += c->entries[i].family == family;
    return n;
}

static size_t role_pages(const rd_catalogue *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->npages; i++)
        n += c->pages[i].roles > 0;
    return n;
}

/* ------------------------------------------------------------ JSON */

static json_t *json_findings(const rd_cat_entry *e)
{
    json_t *a = json_array();
    for (size_t i = 0; i < e->nfindings; i++) {
        const rd_cat_finding *f = &e->findings[i];
        json_array_append_new(a, json_pack("{s:o, s:s, s:I, s:I, s:o}",
            "rule", rd_json_str(f->rule), "severity", rd_severity_name(f->severity),
            "line", (json_int_t)f->line, "col", (json_int_t)f->col,
            "message", rd_json_str(f->message)));
    }
    return a;
}

static json_t *json_entry(const rd_catalogue *c, const rd_cat_entry *e)
{
    return json_pack("{s:o, s:I, s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o,"
                     " s:I, s:I, s:I, s:o, s:o}",
        "page", rd_json_str(c->pages[e->page].path),
        "line", (json_int_t)e->line, "col", (json_int_t)e->col,
        "kind", e->family ? "family" : "role",
        "title", rd_json_str(e->title),
        "gender", rd_title_gender_name(e->gender),
        "masculine", rd_json_str_or_null(e->masculine),
        "feminine", rd_json_str_or_null(e->feminine),
        "family", rd_json_str_or_null(e->family_title),
        "mission", rd_json_str_or_null(e->mission),
        "mission_via", e->mission ? json_string(rd_part_via_name(e->mission_via))
                                  : json_null(),
        "actions", (json_int_t)e->actions,
        "action_lists", (json_int_t)e->action_lists,
        "limits", (json_int_t)e->limits,
        "objectives", e->objectives >= 0 ? json_integer(e->objectives) : json_null(),
        "findings", json_findings(e));
}

static json_t *json_pages(const rd_catalogue *c)
{
    json_t *a = json_array();
    for (size_t i = 0; i < c->npages; i++) {
        const rd_cat_page *p = &c->pages[i];
        json_array_append_new(a, json_pack("{s:o, s:b, s:s, s:I, s:I}",
            "path", rd_json_str(p->path), "role_page", p->roles > 0,
            "decision", rd_decision_name(p->decision),
            "roles", (json_int_t)p->roles, "families", (json_int_t)p->families));
    }
    return a;
}

int rd_catalogue_write_json(const rd_catalogue *c, rd_buf *out)
{
    json_t *entries = json_array();
    for (size_t i = 0; i < c->nentries; i++)
        json_array_append_new(entries, json_entry(c, &c->entries[i]));
    json_t *summary = json_pack("{s:I, s:I, s:I, s:I}",
        "pages", (json_int_t)c->npages, "role_pages", (json_int_t)role_pages(c),
        "roles", (json_int_t)count_kind(c, false),
        "families", (json_int_t)count_kind(c, true));
    json_t *root = json_pack("{s:s, s:i, s:o, s:o, s:o}",
        "format", "roledoc-catalogue", "version", CATALOGUE_VERSION,
        "summary", summary, "pages", json_pages(c), "entries", entries);
    int status = rd_json_write(root, out);
    json_decref(root);
    return status;
}

/* ------------------------------------------------------------ CSV */

/* A field, quoted when it holds a comma, a quote or a line break; quotes
 * doubled. */
static void csv_field(rd_buf *out, const char *s, bool last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n")) {
        rd_buf_putc(out, '"');
        for (; *s; s++) {
            if (*s == '"')
                rd_buf_putc(out, '"');
            rd_buf_putc(out, *s);
        }
        rd_buf_putc(out, '"');
    } else {
        rd_buf_puts(out, s);
    }
    rd_buf_puts(out, last ? "\r\n" : ",");
}

static void csv_number(rd_buf *out, long n)
{
    char s[32] = "";
    if (n >= 0)
        snprintf(s, sizeof s, "%ld", n);
    csv_field(out, s, false);
}

/* "rule@line" for each finding, separated by blanks. */
static void csv_findings(rd_buf *out, const rd_cat_entry *e)
{
    rd_buf list;
    rd_buf_init(&list);
    for (size_t i = 0; i < e->nfindings; i++)
        rd_buf_printf(&list, "%s%s@%u", i ? " " : "", e->findings[i].rule,
                      e->findings[i].line);
    csv_field(out, list.data ? list.data : "", true);
    rd_buf_free(&list);
}

int rd_catalogue_write_csv(const rd_catalogue *c, rd_buf *out)
{
    rd_buf_puts(out, "page,line,kind,title,masculine,feminine,gender,family,"
                     "mission,actions,action_lists,limits,objectives,findings\r\n");
    for (size_t i = 0; i < c->nentries; i++) {
        const rd_cat_entry *e = &c->entries[i];
        csv_field(out, c->pages[e->page].path, false);
        csv_number(out, e->line);
        csv_field(out, e->family ? "family" : "role", false);
        csv_field(out, e->title, false);
        csv_field(out, e->masculine, false);
        csv_field(out, e->feminine, false);
        csv_field(out, rd_title_gender_name(e->gender), false);
        csv_field(out, e->family_title, false);
        csv_field(out, e->mission, false);
        csv_number(out, (long)e->actions);
        csv_number(out, (long)e->action_lists);
        csv_number(out, (long)e->limits);
        csv_number(out, e->objectives);
        csv_findings(out, e);
    }
    return 0;
}

/* ------------------------------------------------------------ HTML */

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:80rem;"
    "padding:0 1rem;color:#1b1b1b;line-height:1.4}"
    "table{border-collapse:collapse;margin:1rem 0;width:100%}"
    "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#f0f0f0}td.n{text-align:right}"
    ".missing{color:#a61b1b}.error{color:#a61b1b}.warning{color:#8a5300}"
    ".info{color:#1f5d8c}ul{margin:0;padding-left:1.1rem}"
    "@media (max-width:40rem){table,tr,td,th{display:block}thead{display:none}}";

static void text(rd_buf *out, const char *s)
{
    rd_html_escape_str(out, s ? s : "", RD_ESC_TEXT);
}

static void cell(rd_buf *out, const char *s, const char *cls)
{
    rd_buf_puts(out, cls ? "<td class=\"" : "<td>");
    if (cls) {
        rd_buf_puts(out, cls);
        rd_buf_puts(out, "\">");
    }
    text(out, s);
    rd_buf_puts(out, "</td>");
}

static void number_cell(rd_buf *out, long n, bool missing)
{
    char s[32];
    snprintf(s, sizeof s, "%ld", n);
    cell(out, n >= 0 ? s : "none", missing ? "n missing" : "n");
}

static void findings_cell(rd_buf *out, const rd_cat_entry *e)
{
    rd_buf_puts(out, "<td>");
    if (e->nfindings)
        rd_buf_puts(out, "<ul>");
    for (size_t i = 0; i < e->nfindings; i++) {
        const rd_cat_finding *f = &e->findings[i];
        rd_buf_printf(out, "<li class=\"%s\">", rd_severity_name(f->severity));
        text(out, f->message);
        rd_buf_puts(out, " <code>");
        text(out, f->rule);
        rd_buf_puts(out, "</code></li>");
    }
    if (e->nfindings)
        rd_buf_puts(out, "</ul>");
    rd_buf_puts(out, "</td>");
}

static void forms_cell(rd_buf *out, const rd_cat_entry *e)
{
    rd_buf_puts(out, "<td>");
    if (e->masculine) {
        text(out, e->masculine);
        rd_buf_puts(out, "<br>");
        text(out, e->feminine);
    } else {
        text(out, rd_title_gender_name(e->gender));
    }
    rd_buf_puts(out, "</td>");
}

static void html_row(rd_buf *out, const rd_catalogue *c, const rd_cat_entry *e)
{
    char where[64];
    snprintf(where, sizeof where, ":%u", e->line);
    rd_buf_puts(out, "<tr><td>");
    text(out, c->pages[e->page].path);
    text(out, where);
    rd_buf_puts(out, "</td>");
    cell(out, e->title, NULL);
    forms_cell(out, e);
    cell(out, e->family_title ? e->family_title : "", NULL);
    cell(out, e->mission ? e->mission : "none", e->mission ? NULL : "missing");
    number_cell(out, (long)e->actions, !e->family && e->actions == 0);
    number_cell(out, e->objectives, false);
    findings_cell(out, e);
    rd_buf_puts(out, "</tr>\n");
}

static void html_table(rd_buf *out, const rd_catalogue *c, bool family)
{
    size_t n = count_kind(c, family);
    rd_buf_printf(out, "<h2>%s (%zu)</h2>\n", family ? "Families" : "Roles", n);
    if (!n) {
        rd_buf_puts(out, "<p>None.</p>\n");
        return;
    }
    rd_buf_puts(out, "<table>\n<thead><tr><th scope=\"col\">Page</th>"
                "<th scope=\"col\">Title</th><th scope=\"col\">Both forms</th>"
                "<th scope=\"col\">Family</th><th scope=\"col\">Mission</th>"
                "<th scope=\"col\">Actions</th><th scope=\"col\">Objectives</th>"
                "<th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < c->nentries; i++)
        if (c->entries[i].family == family)
            html_row(out, c, &c->entries[i]);
    rd_buf_puts(out, "</tbody>\n</table>\n");
}

int rd_catalogue_write_html(const rd_catalogue *c, rd_buf *out)
{
    rd_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
                "<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>Roles of the space</title>\n<style>");
    rd_buf_puts(out, style);
    rd_buf_puts(out, "</style>\n</head>\n<body>\n<h1>Roles of the space</h1>\n");
    rd_buf_printf(out, "<p>%zu page%s read, %zu role page%s: %zu role%s, %zu "
                  "famil%s.</p>\n", c->npages, c->npages == 1 ? "" : "s",
                  role_pages(c), role_pages(c) == 1 ? "" : "s",
                  count_kind(c, false), count_kind(c, false) == 1 ? "" : "s",
                  count_kind(c, true), count_kind(c, true) == 1 ? "y" : "ies");
    html_table(out, c, false);
    html_table(out, c, true);
    rd_buf_puts(out, "</body>\n</html>\n");
    return 0;
}
