/* The source of a document: its bytes as read, checked as UTF-8, a line
 * index that maps any byte offset to line and column, and the YAML front
 * matter split off from the Markdown body. */
#include "internal.h"
#include "util/strmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <yaml.h>

/* What diagnostics name when the caller gives no name. */
#define STDIN_NAME "<stdin>"
#define MEMORY_NAME "<input>"

/* ============================================================== document */

rd_doc *rd_doc_new(const char *name, const rd_parse_options *opts)
{
    rd_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        abort();    /* out of memory, as in the arena */
    rd_arena_init(&doc->arena);
    if (!name)
        name = MEMORY_NAME;
    doc->name = rd_arena_strndup(&doc->arena, name, strlen(name));
    doc->flags = opts ? opts->flags : RD_PARSE_DEFAULT;
    doc->max_depth = opts && opts->max_depth ? opts->max_depth
                                             : RD_DEFAULT_MAX_DEPTH;
    return doc;
}

void rd_doc_free(rd_doc *doc)
{
    if (!doc)
        return;
    rd_html_parser_free(doc);
    for (size_t i = 0; i < doc->nincluded; i++)
        rd_doc_free(doc->included[i]);
    free(doc->included);
    rd_arena_free(&doc->arena);
    free(doc->bytes);
    free(doc->lines.starts);
    free(doc->diags.items);
    free(doc);
}

rd_node *rd_doc_root(const rd_doc *doc)
{
    return doc->root;
}

const char *rd_doc_name(const rd_doc *doc)
{
    return doc->name;
}

const rd_attr *rd_doc_meta(const rd_doc *doc)
{
    return doc->meta;
}

/* A duplicated key keeps its first value (the duplicate is reported). */
const char *rd_doc_meta_get(const rd_doc *doc, const char *key)
{
    for (const rd_attr *a = doc->meta; a; a = a->next)
        if (strcmp(a->name, key) == 0)
            return a->value;
    return NULL;
}

size_t rd_doc_diag_count(const rd_doc *doc)
{
    return doc->diags.len;
}

const rd_diag *rd_doc_diag(const rd_doc *doc, size_t i)
{
    return i < doc->diags.len ? &doc->diags.items[i] : NULL;
}

int rd_doc_first_invalid(const rd_doc *doc, uint32_t *line, uint32_t *col)
{
    if (!doc->has_invalid) {
        *line = *col = 0;
        return 0;
    }
    rd_doc_position(doc, doc->first_invalid, line, col);
    return 1;
}

void *rd_doc_alloc(rd_doc *doc, size_t size)
{
    return rd_arena_alloc(&doc->arena, size);
}

char *rd_doc_strndup(rd_doc *doc, const char *s, size_t n)
{
    return rd_arena_strndup(&doc->arena, s, n);
}

/* ================================================================ UTF-8 */

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Well-formed sequences (Unicode table 3-7): the second byte's range
 * depends on the first, which rules out overlongs, surrogates and code
 * points above U+10FFFF. */
size_t rd_utf8_cut(const char *s, size_t n)
{
    /* Back over continuation bytes to the start of the last character,
     * and keep it only when it is whole. */
    size_t start = n;
    while (start > 0 && n - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0 || (unsigned char)s[start - 1] < 0x80)
        return n;
    start--;
    return rd_utf8_valid_seq((const unsigned char *)s + start, n - start) == n - start
         ? n : start;
}

size_t rd_utf8_valid_seq(const unsigned char *s, size_t avail)
{
    if (avail == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0)
        return avail >= 2 && is_cont(s[1]) ? 2 : 0;
    if (avail < 2)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    if (c < 0xF0)
        return avail >= 3 && is_cont(s[2]) ? 3 : 0;
    return avail >= 4 && is_cont(s[2]) && is_cont(s[3]) ? 4 : 0;
}

size_t rd_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    size_t n = rd_utf8_valid_seq(s, avail);
    switch (n) {
    case 0:
        *cp = avail ? 0xFFFD : 0;
        return avail ? 1 : 0;
    case 1:
        *cp = s[0];
        break;
    case 2:
        *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        break;
    case 3:
        *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6
              | (s[2] & 0x3F);
        break;
    default:
        *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12
              | (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
        break;
    }
    return n;
}

void rd_utf8_encode(uint32_t cp, rd_buf *out)
{
    char b[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        rd_buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        rd_buf_put(out, b, 4);
    }
}

/* Bytes taken by the character at s: an invalid byte is a character of its
 * own, which is how columns count it and how clean_text replaces it. */
static size_t char_len(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = rd_utf8_valid_seq(s, avail);
    return n ? n : 1;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

enum { WORD = 8 };
static const uint64_t ONES = 0x0101010101010101u, HIGHS = 0x8080808080808080u;

/* Whether the 8 bytes at u are ASCII: most text is, and is then checked a
 * word at a time. */
static bool ascii8(const unsigned char *u)
{
    uint64_t x;
    memcpy(&x, u, sizeof x);
    return (x & HIGHS) == 0;
}

/* Whether the 8 bytes at u are ASCII and none of them is NUL. */
static bool plain_ascii8(const unsigned char *u)
{
    uint64_t x;
    memcpy(&x, u, sizeof x);
    return ((x | ((x - ONES) & ~x)) & HIGHS) == 0;
}

/* Length of the leading part of s[0..n) that is valid UTF-8 without NUL
 * bytes: most text is, and is then copied whole. ASCII goes 8 bytes at a
 * time. */
static size_t clean_prefix(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + WORD <= n && plain_ascii8(u + i)) {
            i += WORD;
        } else if (u[i] >= 0x80) {
            size_t k = rd_utf8_valid_seq(u + i, n - i);
            if (!k)
                break;
            i += k;
        } else if (u[i]) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* Each invalid byte and each NUL becomes one U+FFFD: one replacement per
 * character as columns count them. */
char *rd_doc_clean_text(rd_doc *doc, const char *s, size_t n, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    if (clean_prefix(u, n) == n) {
        if (outlen)
            *outlen = n;
        return rd_arena_strndup(&doc->arena, s, n);
    }
    size_t need = 0;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] ? rd_utf8_valid_seq(u + i, n - i) : 0;
        need += k ? k : 3;
        i += k ? k : 1;
    }
    char *out = rd_arena_alloc(&doc->arena, need + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] ? rd_utf8_valid_seq(u + i, n - i) : 0;
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

char *rd_doc_page_text(rd_doc *doc, const char *s, size_t n, size_t *outlen)
{
    if (!doc->clean)
        return rd_doc_clean_text(doc, s, n, outlen);
    if (outlen)
        *outlen = n;
    return rd_arena_strndup(&doc->arena, s, n);
}

/* =========================================================== line index */

/* Offset just past the first line break at or after `from`, or 0 when
 * there is none. Files without CR are searched with memchr. */
static size_t after_break(const char *b, size_t from, size_t n, bool has_cr)
{
    if (!has_cr) {
        const char *nl = memchr(b + from, '\n', n - from);
        return nl ? (size_t)(nl - b) + 1 : 0;
    }
    for (size_t i = from; i < n; i++)
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == n || b[i + 1] != '\n')))
            return i + 1;
    return 0;
}

static void build_line_index(rd_doc *doc)
{
    const char *b = doc->bytes;
    size_t n = doc->size, count = 1;
    bool has_cr = memchr(b, '\r', n) != NULL;
    for (size_t i = 0; (i = after_break(b, i, n, has_cr)) != 0;)
        count++;
    size_t *starts = malloc(count * sizeof *starts);
    if (!starts)
        abort();
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; (i = after_break(b, i, n, has_cr)) != 0;)
        starts[k++] = i;
    doc->lines.starts = starts;
    doc->lines.count = count;
}

/* First byte of line idx (0-based) that counts as text: the BOM is not. */
static size_t line_text_start(const rd_doc *doc, size_t idx)
{
    size_t start = doc->lines.starts[idx];
    return idx == 0 && start < doc->bom ? doc->bom : start;
}

/* Offset just past the text of line idx, before its line break. */
static size_t line_text_end(const rd_doc *doc, size_t idx)
{
    if (idx + 1 >= doc->lines.count)
        return doc->size;
    size_t next = doc->lines.starts[idx + 1];
    if (next >= 2 && doc->bytes[next - 1] == '\n' && doc->bytes[next - 2] == '\r')
        return next - 2;
    return next - 1;
}

/* Index of the line holding offset: the last start <= offset. */
static size_t line_of_offset(const rd_doc *doc, size_t offset)
{
    size_t lo = 0, hi = doc->lines.count;   /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->lines.starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Whether offset lies on line idx (0-based). */
static bool line_holds(const rd_doc *doc, size_t idx, size_t offset)
{
    return idx < doc->lines.count && doc->lines.starts[idx] <= offset &&
           (idx + 1 == doc->lines.count || offset < doc->lines.starts[idx + 1]);
}

/* Index of the line holding offset. Positions are asked for in nearly
 * increasing order: trying the memo's line and the next one first saves a
 * binary search through the line index, which a page of a million lines
 * makes slow. */
static size_t line_near_memo(const rd_doc *doc, const rd_pos_memo *memo,
                             size_t offset)
{
    if (memo->valid && line_holds(doc, memo->line_idx, offset))
        return memo->line_idx;
    if (memo->valid && line_holds(doc, memo->line_idx + 1, offset))
        return memo->line_idx + 1;
    return line_of_offset(doc, offset);
}

/* Characters that start in [from, to); a character straddling `to` is not
 * counted, so an offset inside a character gets that character's column. */
static size_t count_chars(const rd_doc *doc, size_t from, size_t to)
{
    const unsigned char *u = (const unsigned char *)doc->bytes;
    size_t chars = 0;
    for (size_t i = from; i < to; chars++) {
        size_t k = char_len(u + i, doc->size - i);
        if (i + k > to)
            break;
        i += k;
    }
    return chars;
}

void rd_doc_position(const rd_doc *doc, size_t offset,
                     uint32_t *line, uint32_t *col)
{
    if (doc->lines.count == 0) {
        *line = *col = 1;
        return;
    }
    if (offset > doc->size)
        offset = doc->size;
    /* The memo is a cache, not state the caller sees: a const document
     * may update it. */
    rd_pos_memo *memo = (rd_pos_memo *)&doc->last_pos;
    size_t idx = line_near_memo(doc, memo, offset);
    size_t start = line_text_start(doc, idx);
    *line = (uint32_t)(idx + 1);
    /* An offset inside the line break ("\n" of "\r\n") is the column
     * after the line's last character, as the break's first byte is. */
    size_t len;
    const char *text = rd_doc_line(doc, *line, &len);
    if (text && offset > (size_t)(text - doc->bytes) + len)
        offset = (size_t)(text - doc->bytes) + len;
    bool boundary = offset >= doc->size ||
                    ((unsigned char)doc->bytes[offset] & 0xC0) != 0x80;
    if (!boundary) {
        /* Inside a character: counted from the line start, not memoised,
         * since counting from here would see stray continuation bytes. */
        *col = (uint32_t)(1 + count_chars(doc, start, offset));
        return;
    }
    if (offset <= start) {
        *col = 1;
        offset = start;          /* the memo counts from the line's text */
    } else if (memo->valid && memo->line_idx == idx && memo->offset <= offset) {
        *col = memo->col + (uint32_t)count_chars(doc, memo->offset, offset);
    } else if (memo->valid && memo->line_idx == idx &&
               memo->offset - offset < offset - start) {
        *col = memo->col - (uint32_t)count_chars(doc, offset, memo->offset);
    } else {
        *col = (uint32_t)(1 + count_chars(doc, start, offset));
    }
    memo->line_idx = idx;
    memo->offset = offset;
    memo->col = *col;
    memo->valid = true;
}

const char *rd_doc_line(const rd_doc *doc, uint32_t line, size_t *len)
{
    if (line == 0 || line > doc->lines.count) {
        *len = 0;
        return NULL;
    }
    size_t start = line_text_start(doc, line - 1);
    *len = line_text_end(doc, line - 1) - start;
    return doc->bytes + start;
}

/* ========================================================== diagnostics */

static rd_diag *diag_push(rd_doc *doc)
{
    rd_diag_list *l = &doc->diags;
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        rd_diag *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
        l->cap = cap;
    }
    rd_diag *d = &l->items[l->len++];
    memset(d, 0, sizeof *d);
    return d;
}

void rd_doc_add_diag(rd_doc *doc, const char *rule, rd_severity sev,
                     size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = rd_arena_alloc(&doc->arena, n > 0 ? (size_t)n + 1 : 1);
    if (n > 0) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    rd_diag *d = diag_push(doc);
    d->rule = rd_arena_strndup(&doc->arena, rule, strlen(rule));
    d->severity = sev;
    d->file = doc->name;
    d->message = msg;
    rd_doc_position(doc, offset, &d->line, &d->col);
}

/* ============================================================ validation */

static void check_utf8(rd_doc *doc)
{
    const unsigned char *u = (const unsigned char *)doc->bytes;
    for (size_t i = doc->bom; i < doc->size;) {
        if (i + WORD <= doc->size && ascii8(u + i)) {
            i += WORD;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = rd_utf8_valid_seq(u + i, doc->size - i);
        if (k) {
            i += k;
            continue;
        }
        if (!doc->has_invalid) {
            doc->has_invalid = true;
            doc->first_invalid = i;
        }
        doc->invalid_count++;
        i++;
    }
}

static void report_invalid_utf8(rd_doc *doc)
{
    size_t n = doc->invalid_count;
    unsigned byte = (unsigned char)doc->bytes[doc->first_invalid];
    rd_doc_add_diag(doc, "invalid-utf8", RD_SEVERITY_ERROR, doc->first_invalid,
                    "invalid UTF-8 byte 0x%02X (%zu invalid byte%s in the file)",
                    byte, n, n == 1 ? "" : "s");
    doc->diags.items[doc->diags.len - 1].hint =
        "save the file with the UTF-8 encoding";
}

/* ========================================================= front matter */

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
    size_t start = line_text_start(doc, idx), end = line_text_end(doc, idx);
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
    size_t pos = line_text_start(doc, idx), end = line_text_end(doc, idx);
    const unsigned char *u = (const unsigned char *)doc->bytes;
    for (; ycol > 0 && pos < end; ycol--)
        pos += char_len(u + pos, end - pos);
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
            i += char_len(u + i, fm->len - i);
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
        st->levels = realloc(st->levels, st->cap * sizeof *st->levels);
        if (!st->levels)
            abort();
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
static void split_front_matter(rd_doc *doc)
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

/* =============================================================== source */

void rd_source_init(rd_doc *doc, char *bytes, size_t len)
{
    doc->bytes = bytes;
    doc->size = len;
    doc->bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    doc->body = doc->bom;
    build_line_index(doc);
    check_utf8(doc);
    if (doc->has_invalid)
        report_invalid_utf8(doc);
    doc->clean = !doc->has_invalid && !memchr(doc->bytes, '\0', doc->size);
    if (!(doc->flags & RD_PARSE_COMMONMARK))
        split_front_matter(doc);
}

/* ============================================================== loading */

static void set_error(rd_error *err, rd_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_error(rd_error *err, rd_status status, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    err->status = status;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

static rd_status io_error(rd_error *err, const char *name, int errnum)
{
    rd_status st = errnum == ENOMEM ? RD_ERR_NOMEM : RD_ERR_IO;
    set_error(err, st, "%s: %s", name, strerror(errnum));
    return st;
}

static rd_status limit_error(rd_error *err, const char *name, size_t max)
{
    set_error(err, RD_ERR_LIMIT,
              "%s: input larger than the limit of %zu bytes", name, max);
    return RD_ERR_LIMIT;
}

/* Reads the page to its end: a regular file at the size fstat gave, a
 * stream (standard input) in a growing buffer; never more than max + 1
 * bytes, so that a larger stream is refused without being swallowed. */
static rd_status read_all(int fd, const char *name, size_t hint, size_t max,
                          char **data, size_t *len, rd_error *err)
{
    rd_status st = rd_read_fd(fd, hint, max, data, len);
    if (st == RD_ERR_LIMIT)
        return limit_error(err, name, max);
    if (st != RD_OK)
        return io_error(err, name, st == RD_ERR_NOMEM ? ENOMEM : errno);
    return RD_OK;
}

/* A page is a regular file (or standard input, "-"): a FIFO, a device or
 * a socket could make the run wait forever, or read without end. */
static rd_status not_a_file(rd_error *err, const char *name, mode_t mode)
{
    const char *what = S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket"
                     : S_ISCHR(mode) || S_ISBLK(mode) ? "a device" : "not a file";
    set_error(err, RD_ERR_IO, "%s: %s, not a regular file: refused", name, what);
    return RD_ERR_IO;
}

static rd_status read_path(const char *path, const char *name, size_t max,
                           char **data, size_t *len, rd_error *err)
{
    /* Opened without waiting: a FIFO would block until a writer came. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return io_error(err, name, errno);
    struct stat st;
    rd_status status;
    if (fstat(fd, &st) != 0)
        status = io_error(err, name, errno);
    else if (S_ISDIR(st.st_mode))
        status = io_error(err, name, EISDIR);
    else if (!S_ISREG(st.st_mode))
        status = not_a_file(err, name, st.st_mode);
    else if ((uintmax_t)st.st_size > max)
        status = limit_error(err, name, max);
    else
        status = read_all(fd, name, (size_t)st.st_size, max, data, len, err);
    close(fd);
    return status;
}

static rd_doc *load(const char *path, const char *display_name,
                    const rd_parse_options *opts, unsigned depth, rd_error *err);

rd_doc *rd_doc_load(const char *path, const char *display_name,
                    const rd_parse_options *opts, rd_error *err)
{
    return load(path, display_name, opts, 0, err);
}

rd_doc *rd_doc_load_included(const char *path, const rd_parse_options *opts,
                             unsigned depth, rd_error *err)
{
    return load(path, NULL, opts, depth, err);
}

static rd_doc *load(const char *path, const char *display_name,
                    const rd_parse_options *opts, unsigned depth, rd_error *err)
{
    if (!path) {
        set_error(err, RD_ERR_USAGE, "no file to read");
        return NULL;
    }
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = display_name ? display_name
                                    : is_stdin ? STDIN_NAME : path;
    size_t max = opts && opts->max_size ? opts->max_size : RD_DEFAULT_MAX_SIZE;
    if (max > SIZE_MAX / 2)
        max = SIZE_MAX / 2;     /* keeps max + 1 and buffer sizes in range */
    char *data = NULL;
    size_t len = 0;
    rd_status st = is_stdin
        ? read_all(STDIN_FILENO, name, 0, max, &data, &len, err)
        : read_path(path, name, max, &data, &len, err);
    if (st != RD_OK)
        return NULL;
    rd_doc *doc = rd_doc_new(name, opts);
    doc->include_depth = depth;
    rd_source_init(doc, data, len);
    rd_parse_markdown(doc);
    if (err) {
        err->status = RD_OK;
        err->message[0] = '\0';
    }
    return doc;
}

rd_doc *rd_doc_parse(const char *data, size_t len, const char *name,
                     const rd_parse_options *opts)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    rd_doc *doc = rd_doc_new(name, opts);
    rd_source_init(doc, copy, len);
    rd_parse_markdown(doc);
    return doc;
}

/* ======================================================== display width */

static bool is_emoji_modifier(uint32_t cp)
{
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

/* Width of cp given the character before it, in terminal columns as
 * utf8proc gives them (wide and fullwidth characters 2, combining and
 * format characters 0); an emoji joined to the previous one by U+200D, or
 * a skin tone modifier after a character, is drawn within the previous
 * glyph. */
static size_t char_width(uint32_t cp, uint32_t prev)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;                       /* control characters */
    if (prev == 0x200D)
        return 0;       /* joined into the emoji before the joiner (👷‍♀️) */
    if (cp < 0x300)
        return 1;
    if (is_emoji_modifier(cp) && prev != 0)
        return 0;
    return (size_t)utf8proc_charwidth((utf8proc_int32_t)cp);
}

size_t rd_display_width(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t width = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += rd_utf8_decode(u + i, len - i, &cp);
        width += char_width(cp, prev);
        prev = cp;
    }
    return width;
}
