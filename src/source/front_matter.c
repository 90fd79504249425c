/* The YAML front matter of a page: found between its fences, read with
 * libyaml into the document's meta keys (values of other shapes written
 * back as YAML flow text), every problem a finding at its line. */
#include "internal.h"
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>


/* The YAML between the fences, as libyaml sees it. */
typedef struct {
    rd_doc *doc;
    const char *text;       /* cleaned copy of the YAML lines */
    size_t len;
    size_t first_line;      /* 0-based index of the YAML's first file line */
    rd_strmap *keys;        /* the keys seen, for duplicates (a page may
                               have thousands) */
} front_matter;

/* A fence line: `---` (or `...` when allowed) then only spaces or tabs. */
static bool is_fence_line(const rd_doc *doc, size_t idx, bool allow_dots)
{
    size_t start = rd_doc_line_start(doc, idx), end = rd_doc_line_end(doc, idx);
    const char *b = doc->bytes;
    if (end - start < 3)
        return false;
    if (memcmp(b + start, "---", 3) != 0
        && !(allow_dots && memcmp(b + start, "...", 3) == 0))
        return false;
    for (size_t i = start + 3; i < end; i++)
        if (b[i] != ' ' && b[i] != '\t')
            return false;
    return true;
}

/* File offset of a libyaml mark (0-based line and column in characters,
 * counted in the cleaned copy, where each invalid byte is one character as
 * in the file). */
static size_t mark_offset(const front_matter *fm, size_t yline, size_t ycol)
{
    const rd_doc *doc = fm->doc;
    size_t idx = fm->first_line + yline;
    if (idx >= doc->lines.count)
        idx = doc->lines.count - 1;
    size_t pos = rd_doc_line_start(doc, idx), end = rd_doc_line_end(doc, idx);
    const unsigned char *u = (const unsigned char *)doc->bytes;
    for (; ycol > 0 && pos < end; ycol--)
        pos += rd_utf8_char_len(u + pos, end - pos);
    return pos;
}

/* libyaml's reader reports a byte offset in the cleaned copy: turned into
 * a line and a character column, it maps back to the file. */
static size_t reader_offset(const front_matter *fm, size_t bad)
{
    const unsigned char *u = (const unsigned char *)fm->text;
    size_t line = 0, col = 0;
    for (size_t i = 0; i < bad && i < fm->len;) {
        if (u[i] == '\n' || u[i] == '\r') {
            i += u[i] == '\r' && i + 1 < fm->len && u[i + 1] == '\n' ? 2 : 1;
            line++;
            col = 0;
        } else {
            i += rd_utf8_char_len(u + i, fm->len - i);
            col++;
        }
    }
    return mark_offset(fm, line, col);
}

static void report_yaml_error(const front_matter *fm, const yaml_parser_t *p)
{
    size_t offset;
    if (p->error == YAML_READER_ERROR)
        offset = reader_offset(fm, p->problem_offset);
    else
        offset = mark_offset(fm, p->problem_mark.line, p->problem_mark.column);
    const char *problem = p->problem ? p->problem : "cannot be parsed";
    if (p->context)
        rd_doc_add_diag(fm->doc, "front-matter", RD_SEVERITY_ERROR, offset,
                        "malformed front matter: %s (%s)", problem, p->context);
    else
        rd_doc_add_diag(fm->doc, "front-matter", RD_SEVERITY_ERROR, offset,
                        "malformed front matter: %s", problem);
}

/* Whether a scalar must be quoted to read back as itself in flow style. */
static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' '
        || strchr("-?:&*!|>%@`'\"", s[0]))
        return true;
    for (size_t i = 0; i < n; i++) {
        if (strchr(",[]{}#\"\n\r\t", s[i]) || s[i] == '\0')
            return true;
        if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' '))
            return true;
    }
    return false;
}

static void put_flow_scalar(rd_buf *out, const char *s, size_t n)
{
    if (!needs_quotes(s, n)) {
        rd_buf_put(out, s, n);
        return;
    }
    rd_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '"':  rd_buf_puts(out, "\\\""); break;
        case '\\': rd_buf_puts(out, "\\\\"); break;
        case '\n': rd_buf_puts(out, "\\n"); break;
        case '\r': rd_buf_puts(out, "\\r"); break;
        case '\t': rd_buf_puts(out, "\\t"); break;
        default:   rd_buf_putc(out, s[i]); break;
        }
    }
    rd_buf_putc(out, '"');
}

/* One open collection while rendering: which kind, how many items so far
 * (a mapping's items alternate key, value). */
typedef struct {
    bool mapping;
    size_t items;
} flow_level;

typedef struct {
    flow_level *levels;
    size_t depth, cap;
} flow_stack;

static void flow_push(flow_stack *st, bool mapping)
{
    if (st->depth == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 8;
        st->levels = rd_xrealloc(st->levels, st->cap * sizeof *st->levels);
    }
    st->levels[st->depth++] = (flow_level){ mapping, 0 };
}

/* Writes the separator due before the next item of the innermost level. */
static void flow_separator(flow_stack *st, rd_buf *out)
{
    if (st->depth == 0)
        return;
    flow_level *l = &st->levels[st->depth - 1];
    if (l->items > 0)
        rd_buf_puts(out, l->mapping && l->items % 2 ? ": " : ", ");
    l->items++;
}

/* Renders one node, starting with the event already read, in compact flow
 * style ([a, b], {k: v}); consumes the events up to the node's end.
 * Iterative, so that deeply nested YAML cannot exhaust the stack. */
static bool render_flow(yaml_parser_t *p, yaml_event_t *first, rd_buf *out)
{
    flow_stack st = { NULL, 0, 0 };
    yaml_event_t ev = *first;
    bool owned = false, ok = true;
    for (;;) {
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            flow_separator(&st, out);
            put_flow_scalar(out, (const char *)ev.data.scalar.value,
                            ev.data.scalar.length);
            break;
        case YAML_ALIAS_EVENT:
            flow_separator(&st, out);
            rd_buf_putc(out, '*');
            rd_buf_puts(out, (const char *)ev.data.alias.anchor);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            flow_separator(&st, out);
            flow_push(&st, ev.type == YAML_MAPPING_START_EVENT);
            rd_buf_putc(out, ev.type == YAML_MAPPING_START_EVENT ? '{' : '[');
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            rd_buf_putc(out, ev.type == YAML_MAPPING_END_EVENT ? '}' : ']');
            st.depth--;
            break;
        default:
            break;
        }
        if (owned)
            yaml_event_delete(&ev);
        if (st.depth == 0)
            break;
        if (!yaml_parser_parse(p, &ev)) {
            ok = false;
            break;
        }
        owned = true;
    }
    free(st.levels);
    return ok;
}


/* The text of a key or value node, cleaned into the arena. */
static bool node_text(const front_matter *fm, yaml_parser_t *p,
                      yaml_event_t *ev, const char **text)
{
    if (ev->type == YAML_SCALAR_EVENT) {
        *text = rd_doc_clean_text(fm->doc, (const char *)ev->data.scalar.value,
                                  ev->data.scalar.length, NULL);
        return true;
    }
    rd_buf b;
    rd_buf_init(&b);
    bool ok = render_flow(p, ev, &b);
    *text = rd_doc_clean_text(fm->doc, b.data ? b.data : "", b.len, NULL);
    rd_buf_free(&b);
    return ok;
}

static void add_meta(const front_matter *fm, const char *key, const char *value,
                     size_t key_offset)
{
    rd_doc *doc = fm->doc;
    rd_strmap_slot *seen = rd_strmap_put(fm->keys, key);
    if (seen->value)
        rd_doc_add_diag(doc, "front-matter", RD_SEVERITY_WARNING, key_offset,
                        "duplicate front matter key \"%s\" (the first value "
                        "is kept)", key);
    rd_attr *a = rd_arena_alloc(&doc->arena, sizeof *a);
    a->name = key;
    a->value = value;
    rd_doc_position(doc, key_offset, &a->line, &a->col);
    seen->value = a;
    if (doc->meta_tail)
        doc->meta_tail->next = a;
    else
        doc->meta = a;
    doc->meta_tail = a;
}

/* Reads key/value pairs of the top-level mapping until its end. Returns
 * false when libyaml failed (the caller reports where). */
static bool read_mapping(const front_matter *fm, yaml_parser_t *p)
{
    for (;;) {
        yaml_event_t key, value;
        if (!yaml_parser_parse(p, &key))
            return false;
        if (key.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&key);
            return true;
        }
        size_t key_offset = mark_offset(fm, key.start_mark.line,
                                        key.start_mark.column);
        const char *name, *text;
        bool ok = node_text(fm, p, &key, &name);
        yaml_event_delete(&key);
        if (!ok || !yaml_parser_parse(p, &value))
            return false;
        ok = node_text(fm, p, &value, &text);
        yaml_event_delete(&value);
        if (!ok)
            return false;
        add_meta(fm, name, text, key_offset);
    }
}

/* Skips the stream and document openings; returns the first content event
 * in *ev, or false on error or an empty document (*ev then untouched). */
static bool first_content_event(yaml_parser_t *p, yaml_event_t *ev, bool *err)
{
    *err = false;
    for (;;) {
        if (!yaml_parser_parse(p, ev)) {
            *err = true;
            return false;
        }
        switch (ev->type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
            yaml_event_delete(ev);
            continue;
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            yaml_event_delete(ev);
            return false;
        default:
            return true;
        }
    }
}

/* An empty document (a plain empty scalar) is no front matter at all;
 * anything else that is not a mapping is reported. */
static void report_not_mapping(const front_matter *fm, const yaml_event_t *ev)
{
    if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length == 0)
        return;
    rd_doc_add_diag(fm->doc, "front-matter", RD_SEVERITY_ERROR,
                    mark_offset(fm, ev->start_mark.line, ev->start_mark.column),
                    "front matter is not a mapping of keys to values");
}

/* Reads the events left after the top-level node, so that trailing
 * malformed YAML is reported too. Returns false on a parse error. */
static bool drain_events(yaml_parser_t *p)
{
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev))
            return false;
        /* After the stream's end libyaml only returns empty events. */
        bool end = ev.type == YAML_STREAM_END_EVENT
                   || ev.type == YAML_NO_EVENT;
        yaml_event_delete(&ev);
        if (end)
            return true;
    }
}

/* Offset in the cleaned text of the bracket that opens flow level
 * limit + 1, or fm->len when nesting stays within the limit. The count
 * ignores quoting: only absurd nesting trips it. */
static size_t too_deep_flow(const front_matter *fm, unsigned limit)
{
    size_t depth = 0;
    for (size_t i = 0; i < fm->len; i++) {
        char c = fm->text[i];
        if ((c == '[' || c == '{') && ++depth > limit)
            return i;
        if ((c == ']' || c == '}') && depth > 0)
            depth--;
    }
    return fm->len;
}

static void parse_front_matter(front_matter *fm)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    bool err;
    /* libyaml takes quadratic time over nested flow collections: a few
     * kilobytes of brackets would stall the run. */
    size_t deep = too_deep_flow(fm, fm->doc->max_depth);
    if (deep < fm->len) {
        rd_doc_add_diag(fm->doc, "front-matter", RD_SEVERITY_ERROR,
                        reader_offset(fm, deep),
                        "front matter nested deeper than %u levels",
                        fm->doc->max_depth);
        return;
    }
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)fm->text,
                                 fm->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    if (first_content_event(&parser, &ev, &err)) {
        if (ev.type == YAML_MAPPING_START_EVENT)
            err = !read_mapping(fm, &parser);
        else
            report_not_mapping(fm, &ev);
        yaml_event_delete(&ev);
    }
    if (!err)
        err = !drain_events(&parser);
    if (err)
        report_yaml_error(fm, &parser);
    yaml_parser_delete(&parser);
}

/* Front matter is a `---` first line and a later `---` or `...` line; an
 * unclosed `---` is Markdown (a thematic break). The body starts after the
 * closing line, even when the YAML is malformed. */
void rd_front_matter_split(rd_doc *doc)
{
    if (doc->lines.count < 2 || !is_fence_line(doc, 0, false))
        return;
    size_t close = 1;
    while (close < doc->lines.count && !is_fence_line(doc, close, true))
        close++;
    if (close == doc->lines.count)
        return;
    size_t start = doc->lines.starts[1], end = doc->lines.starts[close];
    rd_strmap keys = { 0 };
    front_matter fm = { doc, NULL, 0, 1, &keys };
    fm.text = rd_doc_clean_text(doc, doc->bytes + start, end - start, &fm.len);
    parse_front_matter(&fm);
    rd_strmap_free(&keys);
    doc->body = close + 1 < doc->lines.count ? doc->lines.starts[close + 1]
                                             : doc->size;
}

