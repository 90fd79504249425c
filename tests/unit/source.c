/* The source layer: UTF-8 checks, line index and columns, front matter,
 * loading files with their errors, display width, atomic writes. */
#include "suites.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A document over bytes held in memory, without the Markdown parser. */
static rd_doc *source_of_flags(const char *s, size_t n, unsigned flags)
{
    rd_parse_options opts = { .flags = flags };
    rd_doc *doc = rd_doc_new("page.md", &opts);
    char *bytes = malloc(n + 1);
    ck_assert_ptr_nonnull(bytes);
    memcpy(bytes, s, n);
    bytes[n] = '\0';
    rd_source_init(doc, bytes, n);
    return doc;
}

static rd_doc *source_of(const char *s)
{
    return source_of_flags(s, strlen(s), 0);
}

static void assert_position(const rd_doc *doc, size_t offset,
                            uint32_t line, uint32_t col)
{
    uint32_t l, c;
    rd_doc_position(doc, offset, &l, &c);
    ck_assert_msg(l == line && c == col,
                  "offset %zu: expected %u:%u, got %u:%u",
                  offset, line, col, l, c);
}

static void assert_line(const rd_doc *doc, uint32_t line, const char *text)
{
    size_t len;
    const char *p = rd_doc_line(doc, line, &len);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(len, strlen(text));
    ck_assert_msg(memcmp(p, text, len) == 0, "line %u differs", line);
}

static const rd_attr *meta_attr(const rd_doc *doc, const char *key)
{
    for (const rd_attr *a = rd_doc_meta(doc); a; a = a->next)
        if (strcmp(a->name, key) == 0)
            return a;
    return NULL;
}

/* ================================================================ UTF-8 */

START_TEST(utf8_sequences)
{
#define SEQ(s) rd_utf8_valid_seq((const unsigned char *)(s), sizeof(s) - 1)
    ck_assert_uint_eq(SEQ("a"), 1);
    ck_assert_uint_eq(SEQ("\xC3\xA9"), 2);
    ck_assert_uint_eq(SEQ("\xE2\x82\xAC"), 3);
    ck_assert_uint_eq(SEQ("\xF0\x9F\x98\x80"), 4);
    ck_assert_uint_eq(SEQ("\xF4\x8F\xBF\xBF"), 4);          /* U+10FFFF */
    ck_assert_uint_eq(SEQ("\xC0\x80"), 0);                  /* overlong NUL */
    ck_assert_uint_eq(SEQ("\xC1\xBF"), 0);
    ck_assert_uint_eq(SEQ("\xE0\x80\x80"), 0);              /* overlong */
    ck_assert_uint_eq(SEQ("\xF0\x8F\xBF\xBF"), 0);          /* overlong */
    ck_assert_uint_eq(SEQ("\xED\xA0\x80"), 0);              /* surrogate */
    ck_assert_uint_eq(SEQ("\xF4\x90\x80\x80"), 0);          /* > U+10FFFF */
    ck_assert_uint_eq(SEQ("\xF5\x80\x80\x80"), 0);
    ck_assert_uint_eq(SEQ("\xC3"), 0);                      /* truncated */
    ck_assert_uint_eq(SEQ("\xE2\x82"), 0);
    ck_assert_uint_eq(SEQ("\x80"), 0);                      /* lone tail */
    ck_assert_uint_eq(SEQ("\xFF"), 0);
#undef SEQ
}
END_TEST

START_TEST(utf8_decode_encode)
{
    static const uint32_t cps[] = { 0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        rd_buf b;
        rd_buf_init(&b);
        rd_utf8_encode(cps[i], &b);
        uint32_t cp;
        size_t n = rd_utf8_decode((const unsigned char *)b.data, b.len, &cp);
        ck_assert_uint_eq(n, b.len);
        ck_assert_uint_eq(cp, cps[i]);
        rd_buf_free(&b);
    }
    uint32_t cp;
    ck_assert_uint_eq(rd_utf8_decode((const unsigned char *)"\xFF" "a", 2, &cp), 1);
    ck_assert_uint_eq(cp, 0xFFFD);

    rd_buf b;
    rd_buf_init(&b);
    rd_utf8_encode(0xD800, &b);          /* a surrogate is not encodable */
    rd_utf8_encode(0x110000, &b);
    ck_assert_str_eq(b.data, "\xEF\xBF\xBD\xEF\xBF\xBD");
    rd_buf_free(&b);
}
END_TEST

/* ======================================================= lines, columns */

START_TEST(empty_input)
{
    rd_doc *doc = source_of("");
    ck_assert_uint_eq(doc->lines.count, 1);
    ck_assert_uint_eq(doc->body, 0);
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    assert_position(doc, 0, 1, 1);
    assert_line(doc, 1, "");
    size_t len;
    ck_assert_ptr_null(rd_doc_line(doc, 2, &len));
    ck_assert_ptr_null(rd_doc_line(doc, 0, &len));
    uint32_t l, c;
    ck_assert_int_eq(rd_doc_first_invalid(doc, &l, &c), 0);
    rd_doc_free(doc);
}
END_TEST

START_TEST(bom_is_skipped)
{
    rd_doc *doc = source_of("\xEF\xBB\xBF# Titre\nb");
    ck_assert_uint_eq(doc->bom, 3);
    ck_assert_uint_eq(doc->body, 3);
    assert_position(doc, 3, 1, 1);     /* the BOM is not a column */
    assert_position(doc, 5, 1, 3);
    assert_position(doc, 0, 1, 1);
    assert_line(doc, 1, "# Titre");
    assert_line(doc, 2, "b");
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    rd_doc_free(doc);
}
END_TEST

START_TEST(line_breaks_crlf_lf_cr)
{
    /*                  0 1  2  3 4  5 6  7 8 9 */
    rd_doc *doc = source_of("a\r\nb\rc\nd\r\n");
    ck_assert_uint_eq(doc->lines.count, 5);    /* a, b, c, d, then "" */
    assert_position(doc, 0, 1, 1);
    assert_position(doc, 1, 1, 2);             /* the CR of CRLF */
    assert_position(doc, 3, 2, 1);
    assert_position(doc, 5, 3, 1);
    assert_position(doc, 7, 4, 1);
    assert_position(doc, 10, 5, 1);
    assert_position(doc, 999, 5, 1);           /* past the end: clamped */
    assert_line(doc, 1, "a");
    assert_line(doc, 2, "b");
    assert_line(doc, 3, "c");
    assert_line(doc, 4, "d");
    assert_line(doc, 5, "");
    rd_doc_free(doc);

    doc = source_of("\r\r\n\n");
    ck_assert_uint_eq(doc->lines.count, 4);
    assert_line(doc, 1, "");
    assert_line(doc, 2, "");
    assert_position(doc, 3, 3, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(columns_count_characters)
{
    /* "é" is 2 bytes, "😀" 4, "€" 3: columns count them once each. */
    const char *s = "x\n\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC!";
    rd_doc *doc = source_of(s);
    size_t bang = strlen(s) - 1;
    assert_position(doc, 2, 2, 1);             /* é */
    assert_position(doc, 4, 2, 2);             /* t */
    assert_position(doc, 7, 2, 4);             /* the space */
    assert_position(doc, 8, 2, 5);             /* the emoji */
    assert_position(doc, 10, 2, 5);            /* inside the emoji */
    assert_position(doc, 12, 2, 6);
    assert_position(doc, bang, 2, 8);
    assert_position(doc, bang + 1, 2, 9);      /* end of file */
    rd_doc_free(doc);
}
END_TEST

START_TEST(position_on_long_file)
{
    /* Many lines: the binary search finds each one. */
    rd_buf b;
    rd_buf_init(&b);
    for (int i = 0; i < 5000; i++)
        rd_buf_printf(&b, "line %d%s", i + 1, i % 3 ? "\n" : "\r\n");
    rd_doc *doc = source_of_flags(b.data, b.len, 0);
    ck_assert_uint_eq(doc->lines.count, 5001);
    for (uint32_t line = 1; line <= 5000; line += 499) {
        size_t len;
        const char *p = rd_doc_line(doc, line, &len);
        char want[32];
        snprintf(want, sizeof want, "line %u", line);
        ck_assert_uint_eq(len, strlen(want));
        ck_assert(memcmp(p, want, len) == 0);
        assert_position(doc, (size_t)(p - doc->bytes) + 5, line, 6);
    }
    rd_doc_free(doc);
    rd_buf_free(&b);
}
END_TEST

/* ======================================================== invalid UTF-8 */

START_TEST(invalid_byte_position_and_count)
{
    /* 0xFF on line 2 column 3, then an overlong pair (2 bad bytes). */
    rd_doc *doc = source_of("ab\n\xC3\xA9" "c\xFF" "d\xC0\x80\n");
    ck_assert(doc->has_invalid);
    ck_assert_uint_eq(doc->first_invalid, 6);
    ck_assert_uint_eq(doc->invalid_count, 3);
    uint32_t line, col;
    ck_assert_int_eq(rd_doc_first_invalid(doc, &line, &col), 1);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 3);
    assert_position(doc, 7, 2, 4);             /* each bad byte is a column */
    assert_position(doc, 9, 2, 6);

    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    const rd_diag *d = rd_doc_diag(doc, 0);
    ck_assert_str_eq(d->rule, "invalid-utf8");
    ck_assert_int_eq(d->severity, RD_SEVERITY_ERROR);
    ck_assert_str_eq(d->file, "page.md");
    ck_assert_uint_eq(d->line, 2);
    ck_assert_uint_eq(d->col, 3);
    ck_assert_ptr_nonnull(strstr(d->message, "0xFF"));
    ck_assert_ptr_nonnull(strstr(d->message, "3 invalid bytes"));
    ck_assert_ptr_null(rd_doc_diag(doc, 1));
    rd_doc_free(doc);
}
END_TEST

START_TEST(invalid_surrogate_and_truncation)
{
    rd_doc *doc = source_of("x\xED\xA0\x80y\xE2\x82");
    ck_assert_uint_eq(doc->first_invalid, 1);
    ck_assert_uint_eq(doc->invalid_count, 5);
    assert_position(doc, 4, 1, 5);
    rd_doc_free(doc);

    doc = source_of("\xF4\x90\x80\x80");
    ck_assert_uint_eq(doc->invalid_count, 4);
    ck_assert_ptr_nonnull(strstr(rd_doc_diag(doc, 0)->message, "0xF4"));
    rd_doc_free(doc);
}
END_TEST

START_TEST(nul_is_valid_but_cleaned)
{
    rd_doc *doc = source_of_flags("a\0b", 3, 0);
    ck_assert(!doc->has_invalid);
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    assert_position(doc, 2, 1, 3);

    size_t len;
    char *t = rd_doc_clean_text(doc, "a\0b\xFF" "c\xE2\x82", 7, &len);
    ck_assert_uint_eq(len, 15);
    ck_assert(memcmp(t, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD",
                     len + 1) == 0);
    t = rd_doc_clean_text(doc, "d\xC3\xA9j\xC3\xA0", 6, &len);
    ck_assert_str_eq(t, "d\xC3\xA9j\xC3\xA0");
    ck_assert_uint_eq(len, 6);
    t = rd_doc_clean_text(doc, "", 0, NULL);
    ck_assert_str_eq(t, "");
    rd_doc_free(doc);
}
END_TEST

/* ========================================================= front matter */

static const char PAGE_WITH_META[] =
    "---\n"
    "description: >-\n"
    "  Une page\n"
    "  de test\n"
    "title: \"Titre\"\n"
    "hidden: true\n"
    "icon: user-tie\n"
    "tags: [a, b]\n"
    "layout:\n"
    "  title:\n"
    "    visible: false\n"
    "empty:\n"
    "---\n"
    "# Body\n";

START_TEST(front_matter_keys)
{
    rd_doc *doc = source_of(PAGE_WITH_META);
    static const char *const keys[] = {
        "description", "title", "hidden", "icon", "tags", "layout", "empty"
    };
    static const uint32_t lines[] = { 2, 5, 6, 7, 8, 9, 12 };
    size_t i = 0;
    for (const rd_attr *a = rd_doc_meta(doc); a; a = a->next, i++) {
        ck_assert_uint_lt(i, 7);
        ck_assert_str_eq(a->name, keys[i]);
        ck_assert_uint_eq(a->line, lines[i]);
        ck_assert_uint_eq(a->col, 1);
    }
    ck_assert_uint_eq(i, 7);
    ck_assert_str_eq(rd_doc_meta_get(doc, "description"), "Une page de test");
    ck_assert_str_eq(rd_doc_meta_get(doc, "title"), "Titre");
    ck_assert_str_eq(rd_doc_meta_get(doc, "hidden"), "true");
    ck_assert_str_eq(rd_doc_meta_get(doc, "icon"), "user-tie");
    ck_assert_str_eq(rd_doc_meta_get(doc, "tags"), "[a, b]");
    ck_assert_str_eq(rd_doc_meta_get(doc, "layout"), "{title: {visible: false}}");
    ck_assert_str_eq(rd_doc_meta_get(doc, "empty"), "");
    ck_assert_ptr_null(rd_doc_meta_get(doc, "missing"));
    ck_assert_str_eq(doc->bytes + doc->body, "# Body\n");
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_with_bom_crlf_and_dots)
{
    rd_doc *doc = source_of("\xEF\xBB\xBF---  \r\n"
                            "title: T\r\n"
                            "  \xC3\xA9t\xC3\xA9: x\r\n"
                            "...\r\n"
                            "Body");
    const rd_attr *a = meta_attr(doc, "title");
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->line, 2);
    ck_assert_uint_eq(a->col, 1);
    ck_assert_ptr_null(meta_attr(doc, "\xC3\xA9t\xC3\xA9"));  /* not top level */
    ck_assert_int_ge(rd_doc_diag_count(doc), 1);               /* bad indent */
    ck_assert_str_eq(doc->bytes + doc->body, "Body");
    rd_doc_free(doc);

    doc = source_of("---\r\n{\xC3\xA9t\xC3\xA9: 1, b: [x, \"y, z\"]}\r\n---\r\n");
    a = meta_attr(doc, "\xC3\xA9t\xC3\xA9");
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->line, 2);
    ck_assert_uint_eq(a->col, 2);
    a = meta_attr(doc, "b");
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->col, 10);             /* columns in characters */
    ck_assert_str_eq(a->value, "[x, \"y, z\"]");
    ck_assert_uint_eq(doc->body, doc->size);
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_malformed_is_not_fatal)
{
    rd_doc *doc = source_of("---\n"
                            "title: Fine\n"
                            "description: a: b\n"
                            "---\n"
                            "# Body\n");
    ck_assert_str_eq(rd_doc_meta_get(doc, "title"), "Fine");
    ck_assert_str_eq(doc->bytes + doc->body, "# Body\n");
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    const rd_diag *d = rd_doc_diag(doc, 0);
    ck_assert_str_eq(d->rule, "front-matter");
    ck_assert_int_eq(d->severity, RD_SEVERITY_ERROR);
    ck_assert_str_eq(d->file, "page.md");
    ck_assert_uint_eq(d->line, 3);
    ck_assert_uint_eq(d->col, 15);             /* the second colon */
    ck_assert_ptr_nonnull(strstr(d->message, "front matter"));
    rd_doc_free(doc);

    /* Trailing garbage after the mapping is reported too. */
    doc = source_of("---\n  z: 1\nb: 2\n---\n");
    ck_assert_str_eq(rd_doc_meta_get(doc, "z"), "1");
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    ck_assert_uint_eq(rd_doc_diag(doc, 0)->line, 3);
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_not_a_mapping)
{
    rd_doc *doc = source_of("---\n- a\n- b\n---\ntext\n");
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    ck_assert_str_eq(rd_doc_diag(doc, 0)->rule, "front-matter");
    ck_assert_uint_eq(rd_doc_diag(doc, 0)->line, 2);
    ck_assert_str_eq(doc->bytes + doc->body, "text\n");
    rd_doc_free(doc);

    /* Empty or comment-only front matter is simply empty. */
    doc = source_of("---\n# only a comment\n\n---\ntext");
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    ck_assert_str_eq(doc->bytes + doc->body, "text");
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_unclosed_is_markdown)
{
    rd_doc *doc = source_of("---\ntitle: x\n\n# Heading\n");
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(doc->body, 0);
    ck_assert_uint_eq(rd_doc_diag_count(doc), 0);
    rd_doc_free(doc);

    /* Not at the very top, or not a bare fence: not front matter. */
    doc = source_of("\n---\na: 1\n---\n");
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(doc->body, 0);
    rd_doc_free(doc);
    doc = source_of("--- x\na: 1\n---\n");
    ck_assert_ptr_null(rd_doc_meta(doc));
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_invalid_utf8_and_duplicates)
{
    rd_doc *doc = source_of("---\na: x\xFFy\nb: z\na: again\n---\n");
    ck_assert_str_eq(rd_doc_meta_get(doc, "a"), "x\xEF\xBF\xBDy");
    const rd_attr *b = meta_attr(doc, "b");
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(b->line, 3);
    /* invalid-utf8, then the duplicate key warning */
    ck_assert_uint_eq(rd_doc_diag_count(doc), 2);
    ck_assert_str_eq(rd_doc_diag(doc, 0)->rule, "invalid-utf8");
    ck_assert_uint_eq(rd_doc_diag(doc, 0)->col, 5);
    ck_assert_int_eq(rd_doc_diag(doc, 1)->severity, RD_SEVERITY_WARNING);
    ck_assert_uint_eq(rd_doc_diag(doc, 1)->line, 4);
    rd_doc_free(doc);

    /* A NUL written as an escape does not cut the value short. */
    doc = source_of("---\nk: \"a\\0b\"\n---\n");
    ck_assert_str_eq(rd_doc_meta_get(doc, "k"), "a\xEF\xBF\xBD" "b");
    rd_doc_free(doc);
}
END_TEST

START_TEST(front_matter_too_deep)
{
    /* Refused before libyaml, which is slow on deep flow nesting. */
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_puts(&b, "---\na: ");
    for (int i = 0; i < 300; i++)
        rd_buf_putc(&b, '[');
    rd_buf_puts(&b, "\n---\nbody\n");
    rd_doc *doc = source_of(b.data);
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    const rd_diag *d = rd_doc_diag(doc, 0);
    ck_assert_str_eq(d->rule, "front-matter");
    ck_assert_uint_eq(d->line, 2);
    ck_assert_uint_eq(d->col, 4 + RD_DEFAULT_MAX_DEPTH);
    ck_assert_str_eq(doc->bytes + doc->body, "body\n");
    rd_doc_free(doc);
    rd_buf_free(&b);
}
END_TEST

START_TEST(front_matter_off_in_commonmark_mode)
{
    const char *s = "---\na: 1\n---\n";
    rd_doc *doc = source_of_flags(s, strlen(s), RD_PARSE_COMMONMARK);
    ck_assert_ptr_null(rd_doc_meta(doc));
    ck_assert_uint_eq(doc->body, 0);
    rd_doc_free(doc);
}
END_TEST

/* ========================================================= diagnostics */

START_TEST(add_diag_formats_and_locates)
{
    rd_doc *doc = source_of("one\n\xC3\xA9t\xC3\xA9 x\n");
    rd_doc_add_diag(doc, "some-rule", RD_SEVERITY_WARNING, 10,
                    "found %d %s", 2, "things");
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    const rd_diag *d = rd_doc_diag(doc, 0);
    ck_assert_str_eq(d->rule, "some-rule");
    ck_assert_str_eq(d->message, "found 2 things");
    ck_assert_str_eq(d->file, "page.md");
    ck_assert_str_eq(rd_doc_name(doc), "page.md");
    ck_assert_uint_eq(d->line, 2);
    ck_assert_uint_eq(d->col, 5);
    for (int i = 0; i < 100; i++)
        rd_doc_add_diag(doc, "r", RD_SEVERITY_INFO, 0, "%d", i);
    ck_assert_uint_eq(rd_doc_diag_count(doc), 101);
    ck_assert_str_eq(rd_doc_diag(doc, 100)->message, "99");
    rd_doc_free(doc);
}
END_TEST

/* ============================================================== loading */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/rd-source-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    if (!d)
        return;
    chmod(tmpdir, 0700);
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    closedir(d);
    rmdir(tmpdir);
}

static const char *tmp_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void write_file(const char *path, const char *data)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(data, f);
    ck_assert_int_eq(fclose(f), 0);
}

static char *read_file(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Entries of the temporary directory, "." and ".." aside. */
static int tmpdir_entries(void)
{
    DIR *d = opendir(tmpdir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

START_TEST(load_over_size_limit)
{
    const char *path = tmp_path("big.md");
    write_file(path, "0123456789abcdefghij");
    rd_parse_options opts = { .max_size = 10 };
    rd_error err;
    ck_assert_ptr_null(rd_doc_load(path, NULL, &opts, &err));
    ck_assert_int_eq(err.status, RD_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, path));
    ck_assert_ptr_nonnull(strstr(err.message, "10 bytes"));
}
END_TEST

START_TEST(load_missing_file)
{
    const char *path = tmp_path("nope.md");
    rd_error err;
    ck_assert_ptr_null(rd_doc_load(path, NULL, NULL, &err));
    ck_assert_int_eq(err.status, RD_ERR_IO);
    char want[600];
    snprintf(want, sizeof want, "%s: %s", path, strerror(ENOENT));
    ck_assert_str_eq(err.message, want);

    /* The display name, when given, is what the message names. */
    ck_assert_ptr_null(rd_doc_load(path, "shown.md", NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "shown.md: "));
}
END_TEST

START_TEST(load_directory)
{
    rd_error err;
    ck_assert_ptr_null(rd_doc_load(tmpdir, NULL, NULL, &err));
    ck_assert_int_eq(err.status, RD_ERR_IO);
    char want[600];
    snprintf(want, sizeof want, "%s: %s", tmpdir, strerror(EISDIR));
    ck_assert_str_eq(err.message, want);
}
END_TEST

START_TEST(load_unreadable_file)
{
    if (geteuid() == 0)
        return;     /* root reads files whatever their mode */
    const char *path = tmp_path("secret.md");
    write_file(path, "x");
    ck_assert_int_eq(chmod(path, 0), 0);
    rd_error err;
    ck_assert_ptr_null(rd_doc_load(path, NULL, NULL, &err));
    ck_assert_int_eq(err.status, RD_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, strerror(EACCES)));
}
END_TEST

START_TEST(load_regular_file)
{
    const char *path = tmp_path("page.md");
    write_file(path, "\xEF\xBB\xBF---\ntitle: T\n---\n# Hi\n");
    rd_error err;
    rd_doc *doc = rd_doc_load(path, "docs/page.md", NULL, &err);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(err.status, RD_OK);
    ck_assert_str_eq(rd_doc_name(doc), "docs/page.md");
    ck_assert_uint_eq(doc->size, 25);
    ck_assert_int_eq(doc->bytes[doc->size], '\0');
    ck_assert_str_eq(rd_doc_meta_get(doc, "title"), "T");
    ck_assert_str_eq(doc->bytes + doc->body, "# Hi\n");
    rd_doc_free(doc);
}
END_TEST

/* Replaces standard input with a pipe holding data; returns the old
 * descriptor for stdin_restore (tests may run without fork). */
static int stdin_from(const char *data)
{
    int fds[2];
    int saved = dup(STDIN_FILENO);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], data, strlen(data)), (ssize_t)strlen(data));
    close(fds[1]);
    ck_assert_int_eq(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    return saved;
}

static void stdin_restore(int saved)
{
    dup2(saved, STDIN_FILENO);
    close(saved);
}

START_TEST(load_stdin)
{
    int saved = stdin_from("a\nb\n");
    rd_error err;
    rd_doc *doc = rd_doc_load("-", NULL, NULL, &err);
    stdin_restore(saved);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(rd_doc_name(doc), "<stdin>");
    ck_assert_uint_eq(doc->size, 4);
    rd_doc_free(doc);
}
END_TEST

START_TEST(load_stdin_over_limit)
{
    int saved = stdin_from("0123456789abcdef");
    rd_parse_options opts = { .max_size = 8 };
    rd_error err;
    rd_doc *doc = rd_doc_load("-", NULL, &opts, &err);
    stdin_restore(saved);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(err.status, RD_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "<stdin>"));
}
END_TEST

/* ======================================================== display width */

static size_t width(const char *s)
{
    return rd_display_width(s, strlen(s));
}

START_TEST(display_width)
{
    ck_assert_uint_eq(width(""), 0);
    ck_assert_uint_eq(width("abc"), 3);
    ck_assert_uint_eq(width("d\xC3\xA9j\xC3\xA0"), 4);               /* déjà */
    ck_assert_uint_eq(width("e\xCC\x81"), 1);                       /* e + U+0301 */
    ck_assert_uint_eq(width("\xE6\x97\xA5\xE6\x9C\xAC"), 4);        /* 日本 */
    ck_assert_uint_eq(width("\xED\x95\x9C"), 2);                    /* 한 */
    ck_assert_uint_eq(width("\xEF\xBC\xA1"), 2);                    /* fullwidth A */
    ck_assert_uint_eq(width("\xF0\x9F\x98\x80"), 2);                /* 😀 */
    ck_assert_uint_eq(width("\xF0\x9F\x91\x8B x"), 4);              /* 👋 x */
    ck_assert_uint_eq(width("\xE2\x80\x8B"), 0);                    /* ZWSP */
    ck_assert_uint_eq(width("\xE2\x9D\xA4\xEF\xB8\x8F"), 1);        /* ❤ + VS16 */
    /* 👩‍💻: one glyph */
    ck_assert_uint_eq(width("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"), 2);
    /* 👷‍♀️: a narrow sign joined after the worker, then VS16 */
    ck_assert_uint_eq(width("\xF0\x9F\x91\xB7\xE2\x80\x8D\xE2\x99\x80\xEF\xB8\x8F"), 2);
    /* 👍🏽: the skin tone joins the hand */
    ck_assert_uint_eq(width("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 2);
    ck_assert_uint_eq(width("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"), 2); /* 🇫🇷 */
    ck_assert_uint_eq(width("a\xFF" "b"), 3);                       /* bad byte */
    ck_assert_uint_eq(width("a\tb"), 2);                            /* control */
    ck_assert_uint_eq(rd_display_width("ab\0cd", 5), 4);
    /* Combining marks of every script take no column (U+0859, a Mandaic
     * mark, took one before the widths came from utf8proc). */
    ck_assert_uint_eq(width("\xe0\xa1\x88\xe0\xa1\x99"), 1);
}
END_TEST

/* ======================================================= atomic writing */

START_TEST(atomic_write_replaces)
{
    const char *path = tmp_path("out.xml");
    rd_error err;
    ck_assert_int_eq(rd_write_file_atomic(path, "first", 5, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "first");
    ck_assert_int_eq(chmod(path, 0640), 0);
    ck_assert_int_eq(rd_write_file_atomic(path, "second!", 7, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "second!");
    ck_assert_int_eq(tmpdir_entries(), 1);     /* no temporary file left */
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0640); /* the mode is kept */
    ck_assert_int_eq(rd_write_file_atomic(path, "", 0, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "");
}
END_TEST

START_TEST(atomic_write_unchanged_kept)
{
    const char *path = tmp_path("same.xml");
    rd_error err;
    ck_assert_int_eq(rd_write_file_atomic(path, "content", 7, &err), RD_OK);
    struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, path, old, 0), 0);
    struct stat before, after;
    ck_assert_int_eq(stat(path, &before), 0);

    /* The same bytes: the file stays (same inode), its time is now. */
    ck_assert_int_eq(rd_write_file_atomic(path, "content", 7, &err), RD_OK);
    ck_assert_int_eq(stat(path, &after), 0);
    ck_assert_uint_eq(after.st_ino, before.st_ino);
    ck_assert_int_gt(after.st_mtime, 1000000000);
    ck_assert_str_eq(read_file(path), "content");

    /* Other bytes of the same length, then a longer and a shorter text:
     * each replaces the file. */
    ck_assert_int_eq(rd_write_file_atomic(path, "CONTENT", 7, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "CONTENT");
    ck_assert_int_eq(rd_write_file_atomic(path, "CONTENTS", 8, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "CONTENTS");
    ck_assert_int_eq(rd_write_file_atomic(path, "CONTENT", 7, &err), RD_OK);
    ck_assert_str_eq(read_file(path), "CONTENT");
    ck_assert_int_eq(tmpdir_entries(), 1);
}
END_TEST

START_TEST(atomic_write_new_file_mode)
{
    mode_t old = umask(027);
    const char *path = tmp_path("new.txt");
    rd_error err;
    ck_assert_int_eq(rd_write_file_atomic(path, "x", 1, &err), RD_OK);
    umask(old);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0640);
}
END_TEST

/* A symbolic link at the output path would have the output written
 * elsewhere: refused, the link and its target left as they were. */
START_TEST(atomic_write_refuses_symlink)
{
    char target[512];
    snprintf(target, sizeof target, "%s", tmp_path("real.txt"));
    write_file(target, "old");
    const char *link = tmp_path("link.txt");
    ck_assert_int_eq(symlink("real.txt", link), 0);
    rd_error err;
    ck_assert_int_eq(rd_write_file_atomic(link, "new", 3, &err), RD_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, "symbolic link"));
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(read_file(target), "old");
    ck_assert_int_eq(tmpdir_entries(), 2);
}
END_TEST

START_TEST(atomic_write_failure_leaves_nothing)
{
    rd_error err;
    /* A directory that does not exist: nothing can be created. */
    char path[600];
    snprintf(path, sizeof path, "%s/missing/out.xml", tmpdir);
    ck_assert_int_eq(rd_write_file_atomic(path, "x", 1, &err), RD_ERR_IO);
    ck_assert_int_eq(err.status, RD_ERR_IO);
    ck_assert_int_eq(strncmp(err.message, path, strlen(path)), 0);
    ck_assert_ptr_nonnull(strstr(err.message, strerror(ENOENT)));
    ck_assert_int_eq(tmpdir_entries(), 0);

    /* A directory named as the output. */
    ck_assert_int_eq(rd_write_file_atomic(tmpdir, "x", 1, &err), RD_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, strerror(EISDIR)));
}
END_TEST

START_TEST(atomic_write_unwritable_dir)
{
    if (geteuid() == 0)
        return;     /* root writes whatever the mode */
    const char *path = tmp_path("out.xml");
    ck_assert_int_eq(chmod(tmpdir, 0500), 0);
    rd_error err;
    rd_status st = rd_write_file_atomic(path, "x", 1, &err);
    chmod(tmpdir, 0700);
    ck_assert_int_eq(st, RD_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, path));
    ck_assert_ptr_nonnull(strstr(err.message, strerror(EACCES)));
    ck_assert_int_eq(tmpdir_entries(), 0);
}
END_TEST

START_TEST(atomic_write_device_full)
{
    if (access("/dev/full", W_OK) != 0)
        return;
    rd_error err;
    ck_assert_int_eq(rd_write_file_atomic("/dev/full", "x", 1, &err), RD_ERR_IO);
    ck_assert_str_eq(err.message, "/dev/full: No space left on device");

    ck_assert_int_eq(rd_write_file_atomic("/dev/null", "x", 1, &err), RD_OK);
}
END_TEST

START_TEST(atomic_write_stdout_full)
{
    int full = open("/dev/full", O_WRONLY);
    if (full < 0)
        return;
    /* Standard output goes to a full device for the time of the call. */
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    ck_assert_int_ge(saved, 0);
    dup2(full, STDOUT_FILENO);
    close(full);
    rd_error err;
    rd_status st = rd_write_file_atomic("-", "data", 4, &err);
    clearerr(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    ck_assert_int_eq(st, RD_ERR_IO);
    ck_assert_str_eq(err.message, "<stdout>: No space left on device");
}
END_TEST

Suite *source_suite(void)
{
    Suite *s = suite_create("source");

    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, utf8_sequences);
    tcase_add_test(tc, utf8_decode_encode);
    tcase_add_test(tc, invalid_byte_position_and_count);
    tcase_add_test(tc, invalid_surrogate_and_truncation);
    tcase_add_test(tc, nul_is_valid_but_cleaned);
    suite_add_tcase(s, tc);

    tc = tcase_create("lines");
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, bom_is_skipped);
    tcase_add_test(tc, line_breaks_crlf_lf_cr);
    tcase_add_test(tc, columns_count_characters);
    tcase_add_test(tc, position_on_long_file);
    tcase_add_test(tc, add_diag_formats_and_locates);
    suite_add_tcase(s, tc);

    tc = tcase_create("front_matter");
    tcase_add_test(tc, front_matter_keys);
    tcase_add_test(tc, front_matter_with_bom_crlf_and_dots);
    tcase_add_test(tc, front_matter_malformed_is_not_fatal);
    tcase_add_test(tc, front_matter_not_a_mapping);
    tcase_add_test(tc, front_matter_unclosed_is_markdown);
    tcase_add_test(tc, front_matter_invalid_utf8_and_duplicates);
    tcase_add_test(tc, front_matter_too_deep);
    tcase_add_test(tc, front_matter_off_in_commonmark_mode);
    suite_add_tcase(s, tc);

    tc = tcase_create("width");
    tcase_add_test(tc, display_width);
    suite_add_tcase(s, tc);

    tc = tcase_create("files");
    tcase_add_checked_fixture(tc, make_tmpdir, remove_tmpdir);
    tcase_add_test(tc, load_over_size_limit);
    tcase_add_test(tc, load_missing_file);
    tcase_add_test(tc, load_directory);
    tcase_add_test(tc, load_unreadable_file);
    tcase_add_test(tc, load_regular_file);
    tcase_add_test(tc, load_stdin);
    tcase_add_test(tc, load_stdin_over_limit);
    tcase_add_test(tc, atomic_write_replaces);
    tcase_add_test(tc, atomic_write_unchanged_kept);
    tcase_add_test(tc, atomic_write_new_file_mode);
    tcase_add_test(tc, atomic_write_refuses_symlink);
    tcase_add_test(tc, atomic_write_failure_leaves_nothing);
    tcase_add_test(tc, atomic_write_unwritable_dir);
    tcase_add_test(tc, atomic_write_device_full);
    tcase_add_test(tc, atomic_write_stdout_full);
    suite_add_tcase(s, tc);
    return s;
}
