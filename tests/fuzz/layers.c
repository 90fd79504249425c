/* The layers of roledoc, one fuzzing harness each (see harness.h): the
 * input is what that layer reads, and each checks what must hold whatever
 * it is. Layers that read a page parse it once, with the limits and
 * options that reach the layer's own code. */
#include "harness.h"
#include "internal.h"
#include "lint/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rd_doc *parse(const uint8_t *data, size_t size, unsigned flags)
{
    rd_parse_options opts = { .flags = flags };
    rd_doc *doc = rd_doc_parse((const char *)data, size, "fuzz.md", &opts);
    if (!doc)
        rd_fuzz_die("no document", NULL);
    return doc;
}

/* Runs one converter on doc and checks its output. */
static void emit(const char *format, const rd_doc *doc, const rd_emit_options *opts,
                 const char *check_as)
{
    const rd_format *f = rd_format_find(format);
    rd_buf out;
    rd_buf_init(&out);
    if (!f || f->emit(doc, opts, &out) != 0)
        rd_fuzz_die("converter failed", format);
    rd_fuzz_check_output(check_as ? check_as : format, &out, opts->unsafe);
    rd_buf_free(&out);
}

/* ------------------------------------------------------------ reading */

/* Source and front matter: UTF-8 checked, line index, front matter split
 * off; every offset maps to a line and column inside the page. */
void rd_fuzz_source(const uint8_t *data, size_t size)
{
    rd_doc *doc = rd_doc_new("fuzz.md", NULL);
    char *bytes = malloc(size + 1);
    if (!bytes)
        abort();
    memcpy(bytes, data, size);
    bytes[size] = '\0';
    rd_source_init(doc, bytes, size);
    size_t step = size / 64 + 1;
    for (size_t off = 0; off <= size; off += step) {
        uint32_t line, col;
        size_t len;
        rd_doc_position(doc, off, &line, &col);
        if (!rd_doc_line(doc, line, &len) || col == 0 || col > len + 1)
            rd_fuzz_die("offset maps outside the page", NULL);
    }
    for (const rd_attr *a = rd_doc_meta(doc); a; a = a->next)
        if (!a->name || !a->value)
            rd_fuzz_die("front matter key without a name or value", NULL);
    rd_doc_free(doc);
}

/* GitBook liquid blocks (raw HTML kept as text, so that the tags are what
 * the input explores). */
void rd_fuzz_liquid(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, RD_PARSE_NO_HTML_TREE);
    rd_fuzz_check_tree(doc, size, RD_DEFAULT_MAX_DEPTH);
    rd_doc_free(doc);
}

/* Raw HTML through libxml2's parser and the sanitizer: the sanitised
 * fragment is well-formed and holds nothing that runs code. */
void rd_fuzz_html(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_fuzz_check_tree(doc, size, RD_DEFAULT_MAX_DEPTH);
    rd_emit_options opts = { .rules = &rd_fuzz_ruleset, .fragment = 1 };
    emit("html", doc, &opts, "html-fragment");
    rd_doc_free(doc);
}

/* The whole parse (md4c, liquid, raw HTML) and the role model. */
void rd_fuzz_parse(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_fuzz_check_tree(doc, size, RD_DEFAULT_MAX_DEPTH);
    rd_fuzz_check_model(doc);
    rd_doc_free(doc);
}

/* ------------------------------------------------------------ outputs */

void rd_fuzz_text(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_emit_options opts = { .width = size ? 10 + data[0] % 90 : 80 };
    emit("text", doc, &opts, NULL);
    rd_doc_free(doc);
}

void rd_fuzz_html_out(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_emit_options opts = { .rules = &rd_fuzz_ruleset };
    emit("html", doc, &opts, NULL);
    rd_doc_free(doc);
}

void rd_fuzz_docbook(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_emit_options opts = { .rules = &rd_fuzz_ruleset, .roles = size && data[0] & 1 };
    emit("docbook", doc, &opts, NULL);
    rd_doc_free(doc);
}

void rd_fuzz_roles(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_emit_options opts = { .rules = &rd_fuzz_ruleset };
    emit("roles-xml", doc, &opts, NULL);
    emit("roles-json", doc, &opts, NULL);
    rd_doc_free(doc);
}

/* ------------------------------------------------------------ lint */

void rd_fuzz_lint(const uint8_t *data, size_t size)
{
    rd_doc *doc = parse(data, size, 0);
    rd_diag_list diags = { 0 };
    rd_error err;
    if (rd_lint_doc(rd_fuzz_linter, doc, NULL, &diags, &err) != RD_OK)
        rd_fuzz_die("lint failed", err.message);
    rd_fuzz_check_diags(doc, diags.items, diags.len);
    rd_diag_list_free(&diags);
    rd_doc_free(doc);
}

/* The input is cut at NUL bytes into the strings of findings (file, rule,
 * message, hint, one finding after the other; the first byte of each
 * finding's file sets its line, column and severity): every report format
 * writes them, well-formed, whatever they hold. */
void rd_fuzz_reports(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        abort();
    memcpy(copy, data, size);
    copy[size] = '\0';
    rd_diag_list diags = { 0 };
    const char *fields[4];
    size_t nfields = 0;
    for (size_t i = 0, start = 0; i <= size && diags.len < 64; i++) {
        if (i < size && copy[i])
            continue;
        fields[nfields++] = copy + start;
        start = i + 1;
        if (nfields < 4)
            continue;
        unsigned char k = (unsigned char)fields[0][0];
        rd_diag d = { .rule = fields[1], .severity = (rd_severity)(1 + k % 3),
                      .file = fields[0], .line = 1 + k % 7, .col = 1 + k % 5,
                      .message = fields[2], .hint = *fields[3] ? fields[3] : NULL };
        rd_diag_list_add(&diags, &d);
        nfields = 0;
    }
    rd_diag_list_sort(&diags);
    const char *files[] = { diags.len ? diags.items[0].file : "fuzz.md" };
    rd_report_options ro = { .rules = &rd_fuzz_ruleset, .files = files, .nfiles = 1 };
    for (const rd_report_format *r = rd_reports(); r->name; r++) {
        if (r->needs_docs)
            continue;        /* quotes pages: the lint layer's business */
        rd_buf out;
        rd_buf_init(&out);
        if (r->write(&diags, &ro, &out) != 0)
            rd_fuzz_die("report failed", r->name);
        rd_fuzz_check_output(r->name, &out, false);
        rd_buf_free(&out);
    }
    rd_diag_list_free(&diags);
    free(copy);
}

/* ------------------------------------------------------------ rule files */

/* A rule file's bytes, loaded as a rules directory loads each file,
 * against the shipped schema (compiled once): it loads or is refused with
 * a message naming the file, never anything else. */
void rd_fuzz_rules(const uint8_t *data, size_t size)
{
    static rd_schema *schema;
    rd_error err;
    if (!schema && !(schema = rd_schema_load(RD_SRCDIR "/rules/" RD_RULES_SCHEMA, &err)))
        rd_fuzz_die("cannot compile the schema", err.message);
    rd_ruleset rules;
    rd_ruleset_init(&rules);
    rd_status status = rd_ruleset_read_bytes(&rules, "fuzz.xml", (const char *)data,
                                             size, schema, &err);
    if (status != RD_OK && strncmp(err.message, "fuzz.xml", 8) != 0)
        rd_fuzz_die("a refusal that does not name the file", err.message);
    rd_ruleset_free(&rules);
}

/* ------------------------------------------------------- configurations */

/* A configuration's bytes, read as YAML (the first byte odd) or as XML
 * against the shipped schema, over the shipped rules: it is read or
 * refused with a message naming the file, never anything else; a
 * configuration that is read is used to lint a page. */
void rd_fuzz_config(const uint8_t *data, size_t size)
{
    static rd_schema *schema;
    rd_error err;
    if (!schema && !(schema = rd_schema_load(RD_SRCDIR "/rules/" RD_CONFIG_SCHEMA, &err)))
        rd_fuzz_die("cannot compile the schema", err.message);
    bool yaml = size == 0 || (data[0] & 1) != 0;
    const char *path = yaml ? "fuzz.yaml" : "fuzz.xml";
    const char *bytes = size ? (const char *)data + 1 : "";
    rd_config *config = rd_config_read_bytes(path, bytes, size ? size - 1 : 0,
                                             &rd_fuzz_ruleset, schema, &err);
    if (!config && strncmp(err.message, path, strlen(path)) != 0)
        rd_fuzz_die("a refusal that does not name the file", err.message);
    rd_config_free(config);
}

/* ------------------------------------------------------------ all */

const rd_fuzz_layer rd_fuzz_layers[] = {
    { "source", rd_fuzz_source, "bytes, UTF-8, lines, front matter" },
    { "liquid", rd_fuzz_liquid, "GitBook liquid blocks" },
    { "html", rd_fuzz_html, "raw HTML and the sanitizer" },
    { "parse", rd_fuzz_parse, "the whole parse and the role model" },
    { "text", rd_fuzz_text, "the text converter" },
    { "html-out", rd_fuzz_html_out, "the HTML converter, a standalone page" },
    { "docbook", rd_fuzz_docbook, "the DocBook converter" },
    { "roles", rd_fuzz_roles, "roles-xml and roles-json" },
    { "lint", rd_fuzz_lint, "every rule" },
    { "reports", rd_fuzz_reports, "every report format, findings from the input" },
    { "rules", rd_fuzz_rules, "rule files" },
    { "config", rd_fuzz_config, "configurations, YAML and XML" },
    { "lsp", rd_fuzz_lsp, "the editor server's JSON-RPC reader" },
    { "pipeline", rd_fuzz_pipeline, "every layer at once, three readings" },
    { NULL, NULL, NULL },
};
