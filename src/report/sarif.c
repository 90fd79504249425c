/* The SARIF 2.1.0 report, which code-scanning dashboards read: one run
 * whose driver describes every rule (its one-line description, what its
 * documentation page says it checks, that page as help, its default
 * level), and one result per finding, located by a URI relative to
 * %SRCROOT% (the directory relative paths are relative to), with its
 * fingerprint, its fix when the rule proposes one, and, when a baseline
 * was given, whether it is new (a known one is kept, suppressed). */
#include "report.h"
#include "util/json.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SARIF_SCHEMA \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
/* The project has no web page of its own yet: a URN names the tool. */
#define TOOL_INFORMATION_URI "urn:roledoc:lint"
#define SRCROOT "%SRCROOT%"
#define WHAT_IT_CHECKS "## What it checks"
#define RULE_PAGE_MAX (1024 * 1024)   /* a rule's page is a few KB */

static const char *sarif_level(rd_severity s)
{
    switch (s) {
    case RD_SEVERITY_ERROR: return "error";
    case RD_SEVERITY_WARNING: return "warning";
    case RD_SEVERITY_INFO: return "note";
    default: return "none";
    }
}

/* ------------------------------------------------------------------- URIs */

/* Bytes a URI path keeps as they are; ':' is encoded so that a relative
 * path is never read as a scheme. */
static int uri_keeps(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c && strchr("-._~/!$&'()*+,;=@", c));
}

static void put_uri_path(rd_buf *out, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (uri_keeps(*p))
            rd_buf_putc(out, (char)*p);
        else
            rd_buf_printf(out, "%%%02X", *p);
    }
}

/* An absolute path becomes a file URI; a relative one stays relative, to
 * %SRCROOT%. */
static void write_artifact(rd_buf *out, const char *path)
{
    rd_buf uri;
    rd_buf_init(&uri);
    if (path[0] == '/')
        rd_buf_puts(&uri, "file://");
    put_uri_path(&uri, path);
    rd_buf_puts(out, "{\"uri\": ");
    rd_json_string(out, uri.data);
    if (path[0] != '/')
        rd_buf_puts(out, ", \"uriBaseId\": \"" SRCROOT "\"");
    rd_buf_putc(out, '}');
    rd_buf_free(&uri);
}

static void write_srcroot(rd_buf *out)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return;
    rd_buf uri;
    rd_buf_init(&uri);
    rd_buf_puts(&uri, "file://");
    put_uri_path(&uri, cwd);
    if (uri.data[uri.len - 1] != '/')
        rd_buf_putc(&uri, '/');
    rd_buf_puts(out, "      \"originalUriBaseIds\": {\"" SRCROOT "\": {\"uri\": ");
    rd_json_string(out, uri.data);
    rd_buf_puts(out, "}},\n");
    rd_buf_free(&uri);
}

/* ------------------------------------------------------------------ rules */

/* The documentation page of a rule (DIR/ID.md), or NULL. */
static char *read_rule_page(const char *dir, const char *id)
{
    rd_buf path;
    rd_buf_init(&path);
    rd_buf_printf(&path, "%s/%s.md", dir, id);
    int fd = strchr(id, '/') ? -1 : open(path.data, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    rd_buf_free(&path);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    size_t len;
    bool read = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                rd_read_fd(fd, (size_t)st.st_size, RULE_PAGE_MAX, &data, &len) == RD_OK;
    close(fd);
    return read ? data : NULL;
}

/* The "What it checks" section of a page, its lines joined as paragraphs:
 * the rule's full description. Empty when the page has none. */
static void what_it_checks(const char *page, rd_buf *out)
{
    const char *s = page ? strstr(page, "\n" WHAT_IT_CHECKS "\n") : NULL;
    if (!s)
        return;
    s = strchr(s + 1, '\n') + 1;
    bool blank = false;
    while (*s && strncmp(s, "## ", 3) != 0) {
        const char *eol = strchr(s, '\n');
        size_t n = eol ? (size_t)(eol - s) : strlen(s);
        if (n == 0) {
            blank = out->len > 0;
        } else {
            if (out->len)
                rd_buf_puts(out, blank ? "\n\n" : " ");
            rd_buf_put(out, s, n);
            blank = false;
        }
        s += n + (eol != NULL);
    }
}

static void write_text_object(rd_buf *out, const char *name, const char *text)
{
    rd_buf_printf(out, ", \"%s\": {\"text\": ", name);
    rd_json_string(out, text);
    rd_buf_putc(out, '}');
}

static void write_default_configuration(rd_buf *out, const rd_report_rule *r)
{
    rd_severity s = r->rule ? r->rule->severity : RD_SEVERITY_WARNING;
    if (s == RD_SEVERITY_OFF)
        rd_buf_puts(out, ", \"defaultConfiguration\": {\"enabled\": false, \"level\": \"none\"}");
    else
        rd_buf_printf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}",
                      sarif_level(s));
}

static void write_rule(rd_buf *out, const rd_report_rule *r, const char *docs)
{
    char *page = read_rule_page(docs, r->id);
    rd_buf full;
    rd_buf_init(&full);
    what_it_checks(page, &full);
    const char *summary = rd_report_rule_summary(r);
    rd_buf_puts(out, "          {\"id\": ");
    rd_json_string(out, r->id);
    write_text_object(out, "shortDescription", summary);
    write_text_object(out, "fullDescription", full.len ? full.data : summary);
    rd_buf_puts(out, ", \"help\": {\"text\": ");
    rd_json_string(out, page ? page : summary);
    if (page) {
        rd_buf_puts(out, ", \"markdown\": ");
        rd_json_string(out, page);
    }
    rd_buf_putc(out, '}');
    write_default_configuration(out, r);
    rd_buf_putc(out, '}');
    rd_buf_free(&full);
    free(page);
}

static void write_driver(rd_buf *out, const rd_report_summary *s,
                         const char *docs)
{
    rd_buf_puts(out, "      \"tool\": {\"driver\": {\n"
                     "        \"name\": \"roledoc\",\n"
                     "        \"version\": \"" RD_VERSION "\",\n"
                     "        \"semanticVersion\": \"" RD_VERSION "\",\n"
                     "        \"informationUri\": \"" TOOL_INFORMATION_URI "\",\n"
                     "        \"rules\": [");
    for (size_t i = 0; i < s->nrules; i++) {
        rd_buf_puts(out, i ? ",\n" : "\n");
        write_rule(out, &s->rules[i], docs);
    }
    rd_buf_puts(out, s->nrules ? "\n        ]\n      }},\n" : "]\n      }},\n");
}

/* ---------------------------------------------------------------- results */

/* SARIF's end column is the one after the last character; ours is the
 * last character's. */
static void write_region(rd_buf *out, const rd_diag *d)
{
    rd_buf_printf(out, "\"region\": {\"startLine\": %u, \"startColumn\": %u",
                  d->line ? d->line : 1, d->col ? d->col : 1);
    if (d->end_line >= d->line && d->end_line) {
        rd_buf_printf(out, ", \"endLine\": %u", d->end_line);
        if (d->end_col && (d->end_line > d->line || d->end_col >= d->col))
            rd_buf_printf(out, ", \"endColumn\": %u", d->end_col + 1);
    }
    rd_buf_putc(out, '}');
}

/* The change that would fix the finding, as SARIF writes one: the region
 * deleted (end column after the last character, as ours) and the text
 * put there; whether lint --fix makes it, in the fix's properties. */
static void write_fixes(rd_buf *out, const rd_diag *d)
{
    const rd_suggestion *sg = &d->suggestion;
    if (!sg->text)
        return;
    rd_buf_puts(out, ",\n          \"fixes\": [{\"description\": {\"text\": ");
    rd_json_string(out, d->hint ? d->hint : "replace with the proposed text");
    rd_buf_puts(out, "}, \"artifactChanges\": [{\"artifactLocation\": ");
    write_artifact(out, d->file);
    rd_buf_printf(out, ", \"replacements\": [{\"deletedRegion\": {\"startLine\": %u, "
                  "\"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u}, "
                  "\"insertedContent\": {\"text\": ", sg->line, sg->col,
                  sg->end_line, sg->end_col);
    rd_json_string(out, sg->text);
    rd_buf_printf(out, "}}]}], \"properties\": {\"automatic\": %s}}]",
                  sg->automatic ? "true" : "false");
}

/* What identifies the finding across edits, and how it stands against a
 * baseline: a known finding is there, suppressed, so that dashboards keep
 * it out of the new ones. */
static void write_identity(rd_buf *out, const rd_diag *d)
{
    char hex[17];
    rd_fingerprint_text(d->fingerprint, hex);
    if (d->fingerprint)
        rd_buf_printf(out, ",\n          \"partialFingerprints\": "
                      "{\"roledocFingerprint/v1\": \"%s\"}", hex);
    if (d->baseline == RD_BASELINE_NONE)
        return;
    bool known = d->baseline == RD_BASELINE_UNCHANGED;
    rd_buf_printf(out, ", \"baselineState\": \"%s\"", known ? "unchanged" : "new");
    if (known)
        rd_buf_puts(out, ",\n          \"suppressions\": [{\"kind\": \"external\", "
                    "\"justification\": \"in the baseline of known findings\"}]");
}

static void write_result(rd_buf *out, const rd_diag *d, size_t rule_index)
{
    rd_buf_puts(out, "        {\"ruleId\": ");
    rd_json_string(out, d->rule);
    rd_buf_printf(out, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
                  rule_index, sarif_level(d->severity));
    rd_json_string(out, d->message);
    rd_buf_puts(out, "},\n          \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ");
    write_artifact(out, d->file);
    rd_buf_puts(out, ", ");
    write_region(out, d);
    rd_buf_puts(out, "}}]");
    write_identity(out, d);
    write_fixes(out, d);
    if (d->hint) {
        rd_buf_puts(out, ",\n          \"properties\": {\"hint\": ");
        rd_json_string(out, d->hint);
        rd_buf_putc(out, '}');
    }
    rd_buf_putc(out, '}');
}

static void write_results(rd_buf *out, const rd_diag_list *diags,
                          const rd_report_summary *s)
{
    rd_buf_puts(out, "      \"results\": [");
    for (size_t i = 0; i < diags->len; i++) {
        rd_buf_puts(out, i ? ",\n" : "\n");
        write_result(out, &diags->items[i],
                     rd_report_rule_index(s, diags->items[i].rule));
    }
    rd_buf_puts(out, diags->len ? "\n      ]\n" : "]\n");
}

int rd_report_sarif(const rd_diag_list *diags, const rd_report_options *opts,
                    rd_buf *out)
{
    rd_report_summary s;
    rd_report_summarize(diags, opts, &s);
    const char *docs = opts && opts->docs_dir ? opts->docs_dir
                                              : rd_installed_docs_dir();
    rd_buf_puts(out, "{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n"
                     "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    write_driver(out, &s, docs);
    write_srcroot(out);
    rd_buf_puts(out, "      \"columnKind\": \"unicodeCodePoints\",\n");
    write_results(out, diags, &s);
    rd_buf_puts(out, "    }\n  ]\n}\n");
    rd_report_summary_free(&s);
    return 0;
}
