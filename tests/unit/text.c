/* Plain text output: golden pages, wrapping counted in display columns,
 * words and URLs never split, no text lost, and the reference page. */
#include "suites.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    rd_buf b;
    rd_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rd_buf_put(&b, chunk, n);
    fclose(f);
    return rd_buf_detach(&b, len);
}

static char *text_of_doc(const rd_doc *doc, unsigned width)
{
    rd_emit_options opts = { .width = width };
    rd_buf out;
    rd_buf_init(&out);
    ck_assert_int_eq(rd_emit_text(doc, &opts, &out), 0);
    return rd_buf_detach(&out, NULL);
}

static rd_doc *parse(const char *md)
{
    rd_parse_options opts = { 0 };
    rd_doc *doc = rd_doc_parse(md, strlen(md), "test.md", &opts);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

/* The text of a page held in memory (caller frees). */
static char *text_of(const char *md, unsigned width)
{
    rd_doc *doc = parse(md);
    char *text = text_of_doc(doc, width);
    rd_doc_free(doc);
    return text;
}

static rd_doc *load(const char *path)
{
    rd_parse_options opts = { 0 };
    rd_error err;
    rd_doc *doc = rd_doc_load(path, NULL, &opts, &err);
    ck_assert_msg(doc != NULL, "cannot load %s: %s", path, err.message);
    return doc;
}

/* Calls fn on each line of text (without its newline). */
typedef void (*line_fn)(const char *line, size_t len, size_t number,
                        void *data);

static void each_line(const char *text, line_fn fn, void *data)
{
    size_t number = 1;
    for (const char *p = text; *p; number++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        fn(p, len, number, data);
        p += len + (end ? 1 : 0);
    }
}

/* A line wider than the width is allowed only when it holds one word after
 * its prefixes (quote marks, bars, heading marks, list markers). */
static int is_one_word(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && strchr(" |>", line[i]))
        i++;
    while (i < len && line[i] == '#')
        i++;
    if (i < len && line[i] == '*' && i + 1 < len && line[i + 1] == ' ')
        i += 2;
    while (i < len && line[i] >= '0' && line[i] <= '9')
        i++;
    if (i < len && (line[i] == '.' || line[i] == ')'))
        i++;
    while (i < len && line[i] == ' ')
        i++;
    return memchr(line + i, ' ', len - i) == NULL;
}

typedef struct {
    size_t width;
    const char *what;
} width_check;

static void check_line_width(const char *line, size_t len, size_t number,
                             void *data)
{
    const width_check *wc = data;
    size_t w = rd_display_width(line, len);
    ck_assert_msg(w <= wc->width || is_one_word(line, len),
                  "%s, width %zu: line %zu is %zu columns: \"%.*s\"",
                  wc->what, wc->width, number, w, (int)len, line);
}

static void check_line_ends(const char *line, size_t len, size_t number,
                            void *data)
{
    ck_assert_msg(len == 0 || (line[len - 1] != ' ' && line[len - 1] != '\t'),
                  "%s: line %zu ends with a blank: \"%.*s\"",
                  (const char *)data, number, (int)len, line);
}

/* Shape every output has: lines without trailing blanks, exactly one
 * newline at the end (none at all for an empty page), never two blank
 * lines in a row, no control character but tabs (in code). */
static void check_shape(const char *text, const char *what)
{
    size_t len = strlen(text);
    if (len) {
        ck_assert_msg(text[len - 1] == '\n', "%s: no final newline", what);
        ck_assert_msg(len < 2 || text[len - 2] != '\n',
                      "%s: blank line at the end", what);
        ck_assert_msg(text[0] != '\n', "%s: blank line at the start", what);
    }
    ck_assert_msg(strstr(text, "\n\n\n") == NULL, "%s: two blank lines", what);
    for (const char *p = text; *p; p++)
        ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t',
                      "%s: control character 0x%02x in the text", what,
                      (unsigned char)*p);
    each_line(text, check_line_ends, (void *)what);
}

/* Every word of every text, entity and code literal of the tree appears in
 * the output (raw HTML literals aside: their parsed children count; hidden
 * columns of card tables aside). */
static void check_no_text_lost(const rd_doc *doc, const char *text,
                               const char *what)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_TABLE_CELL &&
            (n->flags & RD_FLAG_CARD_HIDDEN)) {
            rd_iter_skip_children(&it);
            continue;
        }
        if (ev != RD_EVENT_ENTER || !n->literal)
            continue;
        if (n->type != RD_NODE_TEXT && n->type != RD_NODE_ENTITY &&
            n->type != RD_NODE_CODE && n->type != RD_NODE_CODE_BLOCK)
            continue;
        char *copy = strdup(n->literal);
        char *save = NULL;
        for (char *w = strtok_r(copy, " \t\r\n", &save); w;
             w = strtok_r(NULL, " \t\r\n", &save))
            ck_assert_msg(strstr(text, w) != NULL,
                          "%s: word \"%s\" (line %u) missing from the text",
                          what, w, n->line);
        free(copy);
    }
}

/* Where two texts first differ, as "line N: expected ... got ...". */
static void report_difference(const char *name, const char *want,
                              const char *got)
{
    size_t line = 1;
    const char *w = want, *g = got;
    while (*w && *w == *g) {
        if (*w == '\n')
            line++;
        w++;
        g++;
    }
    while (w > want && w[-1] != '\n') {
        w--;
        g--;
    }
    int wl = (int)strcspn(w, "\n"), gl = (int)strcspn(g, "\n");
    ck_abort_msg("fixtures/text/%s.txt:%zu: text output differs\n"
                 "  expected: \"%.*s\"%s\n"
                 "  got:      \"%.*s\"%s\n"
                 "  (compare with: src/roledoc convert -t text "
                 "fixtures/text/%s.md | diff fixtures/text/%s.txt -)",
                 name, line, wl, w, *w ? "" : " (end of file)",
                 gl, g, *g ? "" : " (end of output)", name, name);
}

/* -------------------------------------------------------------- golden */

static const char *const golden_pages[] = {
    "basic", "lists", "quotes", "gitbook", "html", "tables", "width",
    "nested",
};
enum { GOLDEN_COUNT = sizeof golden_pages / sizeof golden_pages[0] };

START_TEST(golden_page)
{
    const char *name = golden_pages[_i];
    char md_name[256], txt_name[256];
    snprintf(md_name, sizeof md_name, "text/%s.md", name);
    snprintf(txt_name, sizeof txt_name, "text/%s.txt", name);
    char md_path[4096];
    snprintf(md_path, sizeof md_path, "%s", fixture_path(md_name));
    char *want = read_all(fixture_path(txt_name), NULL);
    ck_assert_msg(want != NULL, "cannot read %s", fixture_path(txt_name));

    rd_doc *doc = load(md_path);
    char *got = text_of_doc(doc, 0);
    if (strcmp(want, got) != 0)
        report_difference(name, want, got);
    check_shape(got, md_name);
    check_no_text_lost(doc, got, md_name);
    free(got);
    free(want);
    rd_doc_free(doc);
}
END_TEST

/* Narrower widths keep every golden page's lines within bounds, apart from
 * single words. (Pages with verbatim code, or with file names holding
 * spaces, which are never split either, are left out.) */
START_TEST(golden_pages_at_narrow_widths)
{
    static const char *const prose[] = { "basic", "tables", "width" };
    for (size_t p = 0; p < sizeof prose / sizeof prose[0]; p++) {
        char name[256];
        snprintf(name, sizeof name, "text/%s.md", prose[p]);
        rd_doc *doc = load(fixture_path(name));
        for (unsigned width = 12; width <= 100; width += 11) {
            char *text = text_of_doc(doc, width);
            width_check wc = { width, name };
            each_line(text, check_line_width, &wc);
            check_shape(text, name);
            check_no_text_lost(doc, text, name);
            free(text);
        }
        rd_doc_free(doc);
    }
}
END_TEST

/* ------------------------------------------------------------- widths */

START_TEST(accents_count_one_column)
{
    /* 11 columns, 17 bytes: fits a width of 11 exactly. */
    char *text = text_of("été été été\n", 11);
    ck_assert_str_eq(text, "été été été\n");
    free(text);
    text = text_of("été été été\n", 10);
    ck_assert_str_eq(text, "été été\nété\n");
    free(text);
    /* A combining accent adds no column. */
    text = text_of("e\xCC\x81te\xCC\x81 e\xCC\x81te\xCC\x81\n", 9);
    ck_assert_str_eq(text, "e\xCC\x81te\xCC\x81 e\xCC\x81te\xCC\x81\n");
    free(text);
}
END_TEST

START_TEST(wide_characters_count_two_columns)
{
    /* Each word is 4 columns: two of them and a space are 9. */
    char *text = text_of("数字 服务 团队\n", 9);
    ck_assert_str_eq(text, "数字 服务\n团队\n");
    free(text);
    text = text_of("数字 服务 团队\n", 8);
    ck_assert_str_eq(text, "数字\n服务\n团队\n");
    free(text);
    text = text_of("🚀🚀 🎉🎉 🚀🚀\n", 9);
    ck_assert_str_eq(text, "🚀🚀 🎉🎉\n🚀🚀\n");
    free(text);
}
END_TEST

START_TEST(underline_as_wide_as_heading)
{
    char *text = text_of("# Équipe 数字\n\n## Été\n", 80);
    ck_assert_str_eq(text, "Équipe 数字\n===========\n\nÉté\n---\n");
    free(text);
}
END_TEST

START_TEST(url_longer_than_width_stands_alone)
{
    const char *url = "https://example.org/a/very/long/path/that/cannot/fit";
    char md[512];
    snprintf(md, sizeof md, "Voir %s pour la suite.\n", url);
    char *text = text_of(md, 20);
    char want[512];
    snprintf(want, sizeof want, "Voir\n%s\npour la suite.\n", url);
    ck_assert_str_eq(text, want);
    free(text);

    /* A link's target keeps its parenthesis and is not split either. */
    text = text_of("Un [lien](https://example.org/long/target/path) ici.\n", 16);
    ck_assert_str_eq(text, "Un lien\n(https://example.org/long/target/path)\nici.\n");
    free(text);
}
END_TEST

START_TEST(file_names_with_spaces_stay_whole)
{
    char *text = text_of("Voir <img src=\"../assets/Mon image finale.png\" "
                         "alt=\"\"> ici\n", 20);
    ck_assert_str_eq(text, "Voir [image :\nMon image finale.png]\nici\n");
    free(text);
}
END_TEST

START_TEST(non_breaking_space_joins_words)
{
    char *text = text_of("aaaa bbbb 10\xC2\xA0km\n", 11);
    ck_assert_str_eq(text, "aaaa bbbb\n10\xC2\xA0km\n");
    free(text);
}
END_TEST

START_TEST(default_width_is_80)
{
    char md[400] = "";
    for (int i = 0; i < 30; i++)
        strcat(md, "mot ");
    strcat(md, "\n");
    rd_doc *doc = parse(md);
    char *a = text_of_doc(doc, 0);
    rd_buf out;
    rd_buf_init(&out);
    ck_assert_int_eq(rd_emit_text(doc, NULL, &out), 0);
    ck_assert_str_eq(a, out.data);
    /* 20 words of 3 letters and their spaces: 79 columns; 21 would be 83. */
    ck_assert_int_eq((int)strcspn(a, "\n"), 79);
    rd_buf_free(&out);
    free(a);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ blocks */

START_TEST(hanging_indent_in_lists)
{
    char *text = text_of("* un deux trois quatre\n  * cinq six sept\n", 12);
    ck_assert_str_eq(text, "* un deux\n  trois\n  quatre\n  * cinq six\n    sept\n");
    free(text);
    text = text_of("9. neuf\n10. dix onze\n", 9);
    ck_assert_str_eq(text, " 9. neuf\n10. dix\n    onze\n");
    free(text);
}
END_TEST

START_TEST(hard_break_keeps_the_indent)
{
    char *text = text_of("* ligne un\\\n  ligne deux\n", 80);
    ck_assert_str_eq(text, "* ligne un\n  ligne deux\n");
    free(text);
}
END_TEST

START_TEST(tight_and_loose_lists)
{
    char *text = text_of("* a\n* b\n", 80);
    ck_assert_str_eq(text, "* a\n* b\n");
    free(text);
    text = text_of("* a\n\n* b\n", 80);
    ck_assert_str_eq(text, "* a\n\n* b\n");
    free(text);
}
END_TEST

START_TEST(hint_is_labelled)
{
    char *text = text_of("{% hint style=\"danger\" %}\nNe pas faire.\n"
                         "{% endhint %}\n", 80);
    ck_assert_str_eq(text, "[Danger]\n| Ne pas faire.\n");
    free(text);
}
END_TEST

START_TEST(content_ref_shows_title_and_url)
{
    char *text = text_of("{% content-ref url=\"page.md\" %}\n[Une page](page.md)\n"
                         "{% endcontent-ref %}\n", 80);
    ck_assert_str_eq(text, "→ Une page (page.md)\n");
    free(text);
}
END_TEST

START_TEST(stray_end_tag_prints_nothing)
{
    char *text = text_of("Avant.\n\n{% endtabs %}\n\nAprès.\n", 80);
    ck_assert_str_eq(text, "Avant.\n\nAprès.\n");
    free(text);
}
END_TEST

START_TEST(raw_html_never_printed)
{
    char *text = text_of("<div align=\"center\"><p>Centré <b>gras</b></p></div>\n\n"
                         "Texte <span class=\"x\">dans un span</span>.\n", 80);
    ck_assert_str_eq(text, "Centré gras\n\nTexte dans un span.\n");
    free(text);
}
END_TEST

START_TEST(empty_page_gives_empty_text)
{
    char *text = text_of("", 80);
    ck_assert_str_eq(text, "");
    free(text);
    text = text_of("\n\n<!-- rien -->\n", 80);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

START_TEST(control_characters_replaced)
{
    char *text = text_of("a\x1b[31mb\n", 80);
    ck_assert_str_eq(text, "a\xEF\xBF\xBD[31mb\n");
    free(text);
}
END_TEST

/* Nesting far deeper than any page: the walker and the emitter's own
 * stacks carry it, not the C stack. */
START_TEST(deep_nesting)
{
    size_t depth = 20000;
    rd_buf md;
    rd_buf_init(&md);
    for (size_t i = 0; i < depth; i++)
        rd_buf_puts(&md, "> ");
    rd_buf_puts(&md, "fond\n\n");
    for (size_t i = 0; i < depth; i++)
        rd_buf_puts(&md, "* ");
    rd_buf_puts(&md, "liste\n\n");
    for (size_t i = 0; i < depth; i++)
        rd_buf_puts(&md, "<div>");
    rd_buf_puts(&md, "html\n");
    char *text = text_of(md.data, 80);
    ck_assert_ptr_nonnull(strstr(text, "fond"));
    ck_assert_ptr_nonnull(strstr(text, "liste"));
    ck_assert_ptr_nonnull(strstr(text, "html"));
    check_shape(text, "deep nesting");
    free(text);
    rd_buf_free(&md);
}
END_TEST

static rd_node *add_child(rd_doc *doc, rd_node *parent, rd_node_type type)
{
    rd_node *n = rd_node_new(doc, type);
    rd_node_append(parent, n);
    return n;
}

/* A tree far deeper than the parser ever builds: 100000 nested quotes, then
 * 100000 nested emphases in one paragraph. */
START_TEST(deep_tree_built_by_hand)
{
    enum { DEPTH = 100000 };
    rd_doc *doc = rd_doc_new("deep.md", NULL);
    char *bytes = calloc(1, 1);
    ck_assert_ptr_nonnull(bytes);
    rd_source_init(doc, bytes, 0);
    doc->root = rd_node_new(doc, RD_NODE_DOCUMENT);
    rd_node *cur = doc->root;
    for (int i = 0; i < DEPTH; i++)
        cur = add_child(doc, cur, RD_NODE_BLOCK_QUOTE);
    cur = add_child(doc, cur, RD_NODE_PARAGRAPH);
    for (int i = 0; i < DEPTH; i++)
        cur = add_child(doc, cur, RD_NODE_EMPH);
    rd_node *t = add_child(doc, cur, RD_NODE_TEXT);
    t->literal = "fond";
    t->literal_len = 4;

    char *text = text_of_doc(doc, 80);
    size_t len = strlen(text);
    ck_assert_uint_eq(len, 2 * DEPTH + 5);
    ck_assert_str_eq(text + len - 7, "> fond\n");
    free(text);
    rd_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------- the seed */

typedef struct {
    size_t items;
    size_t too_wide;
} seed_stats;

static void seed_line(const char *line, size_t len, size_t number, void *data)
{
    seed_stats *st = data;
    if (len >= 2 && line[0] == '*' && line[1] == ' ')
        st->items++;
    if (rd_display_width(line, len) > 80 && !is_one_word(line, len)) {
        fprintf(stderr, "seed line %zu too wide: %.*s\n", number, (int)len,
                line);
        st->too_wide++;
    }
}

START_TEST(seed_page)
{
    rd_doc *doc = load(reference_page_path());
    char *text = text_of_doc(doc, 80);
    seed_stats st = { 0 };
    each_line(text, seed_line, &st);
    ck_assert_uint_eq(st.items, 38);
    ck_assert_uint_eq(st.too_wide, 0);
    ck_assert_ptr_null(strstr(text, "{%"));
    ck_assert_ptr_null(strstr(text, "<img"));
    ck_assert_ptr_null(strstr(text, "<figure"));
    ck_assert_ptr_nonnull(strstr(text, "Chargé / chargée de déploiement\n====="));
    ck_assert_ptr_nonnull(strstr(text, "[Information]\n| "));
    ck_assert_ptr_nonnull(strstr(text, "### Key Account Manager\n"));
    check_shape(text, "seed");
    check_no_text_lost(doc, text, "seed");
    free(text);
    rd_doc_free(doc);
}
END_TEST

Suite *text_suite(void)
{
    Suite *s = suite_create("text");

    TCase *golden = tcase_create("golden");
    tcase_add_loop_test(golden, golden_page, 0, GOLDEN_COUNT);
    tcase_add_test(golden, golden_pages_at_narrow_widths);
    suite_add_tcase(s, golden);

    TCase *widths = tcase_create("widths");
    tcase_add_test(widths, accents_count_one_column);
    tcase_add_test(widths, wide_characters_count_two_columns);
    tcase_add_test(widths, underline_as_wide_as_heading);
    tcase_add_test(widths, url_longer_than_width_stands_alone);
    tcase_add_test(widths, file_names_with_spaces_stay_whole);
    tcase_add_test(widths, non_breaking_space_joins_words);
    tcase_add_test(widths, default_width_is_80);
    suite_add_tcase(s, widths);

    TCase *blocks = tcase_create("blocks");
    tcase_add_test(blocks, hanging_indent_in_lists);
    tcase_add_test(blocks, hard_break_keeps_the_indent);
    tcase_add_test(blocks, tight_and_loose_lists);
    tcase_add_test(blocks, hint_is_labelled);
    tcase_add_test(blocks, content_ref_shows_title_and_url);
    tcase_add_test(blocks, stray_end_tag_prints_nothing);
    tcase_add_test(blocks, raw_html_never_printed);
    tcase_add_test(blocks, empty_page_gives_empty_text);
    tcase_add_test(blocks, control_characters_replaced);
    tcase_add_test(blocks, deep_nesting);
    tcase_add_test(blocks, deep_tree_built_by_hand);
    tcase_set_timeout(blocks, 60);
    suite_add_tcase(s, blocks);
    return s;
}

Suite *text_reference_suite(void)
{
    Suite *s = suite_create("text of the reference page");
    TCase *seed = tcase_create("seed");
    tcase_add_test(seed, seed_page);
    suite_add_tcase(s, seed);
    return s;
}
