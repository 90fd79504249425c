/* The source of a document: its bytes as read (from a file, standard input
 * or memory), checked as UTF-8 (utf8.c), a line index that maps any byte
 * offset to line and column, and the YAML front matter split off from the
 * Markdown body (front_matter.c). */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What diagnostics name when the caller gives no name. */
#define STDIN_NAME "<stdin>"
#define MEMORY_NAME "<input>"

/* ============================================================== document */

rd_doc *rd_doc_new(const char *name, const rd_parse_options *opts)
{
    rd_doc *doc = rd_xcalloc(1, sizeof *doc);
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
    size_t *starts = rd_xmalloc(count * sizeof *starts);
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; (i = after_break(b, i, n, has_cr)) != 0;)
        starts[k++] = i;
    doc->lines.starts = starts;
    doc->lines.count = count;
}

/* First byte of line idx (0-based) that counts as text: the BOM is not. */
size_t rd_doc_line_start(const rd_doc *doc, size_t idx)
{
    size_t start = doc->lines.starts[idx];
    return idx == 0 && start < doc->bom ? doc->bom : start;
}

/* Offset just past the text of line idx, before its line break. */
size_t rd_doc_line_end(const rd_doc *doc, size_t idx)
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
        size_t k = rd_utf8_char_len(u + i, doc->size - i);
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
    size_t start = rd_doc_line_start(doc, idx);
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
    size_t start = rd_doc_line_start(doc, line - 1);
    *len = rd_doc_line_end(doc, line - 1) - start;
    return doc->bytes + start;
}

/* ========================================================== diagnostics */

static rd_diag *diag_push(rd_doc *doc)
{
    rd_diag_list *l = &doc->diags;
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        rd_diag *items = rd_xrealloc(l->items, cap * sizeof *items);
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
    size_t first = 0;
    size_t count = rd_utf8_count_invalid(doc->bytes + doc->bom,
                                         doc->size - doc->bom, &first);
    if (!count)
        return;
    doc->has_invalid = true;
    doc->first_invalid = doc->bom + first;
    doc->invalid_count = count;
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
        rd_front_matter_split(doc);
}

/* ============================================================== loading */

static rd_status io_error(rd_error *err, const char *name, int errnum)
{
    rd_status st = errnum == ENOMEM ? RD_ERR_NOMEM : RD_ERR_IO;
    rd_set_error(err, st, "%s: %s", name, strerror(errnum));
    return st;
}

static rd_status limit_error(rd_error *err, const char *name, size_t max)
{
    rd_set_error(err, RD_ERR_LIMIT,
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
    rd_set_error(err, RD_ERR_IO, "%s: %s, not a regular file: refused", name, what);
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
        rd_set_error(err, RD_ERR_USAGE, "no file to read");
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
    rd_clear_error(err);
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
