/* Raw HTML → nodes: element mapping, positions of tags, robustness, and the
 * pairing of inline tags within a paragraph. */
#include "suites.h"
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------- helpers */

/* A document holding `text` as its file, with an empty root. */
static rd_doc *doc_of(const char *text, size_t len)
{
    rd_doc *doc = rd_doc_new("test.md", NULL);
    char *bytes = malloc(len + 1);
    ck_assert_ptr_nonnull(bytes);
    memcpy(bytes, text, len);
    bytes[len] = '\0';
    rd_source_init(doc, bytes, len);
    doc->root = rd_node_new(doc, RD_NODE_DOCUMENT);
    rd_node_set_pos(doc, doc->root, 0);
    return doc;
}

/* Parses the file from the first occurrence of `start` to its end as one
 * HTML block; returns the block. */
static rd_node *html_block_from(rd_doc *doc, const char *start)
{
    const char *at = strstr(doc->bytes, start);
    ck_assert_ptr_nonnull(at);
    size_t off = (size_t)(at - doc->bytes);
    rd_node *block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    block->literal = at;
    block->literal_len = doc->size - off;
    rd_node_set_pos(doc, block, off);
    rd_node_append(doc->root, block);
    rd_html_parse_block(doc, block, block->literal, block->literal_len, off);
    return block;
}

static rd_node *block_of(rd_doc **doc, const char *text)
{
    *doc = doc_of(text, strlen(text));
    return html_block_from(*doc, "");
}

/* Column (1-based, in bytes: the tests use ASCII before it) of the n-th
 * occurrence of needle on its line. */
static uint32_t col_of(const rd_doc *doc, const char *needle, int nth)
{
    const char *p = doc->bytes;
    for (int i = 0; i <= nth; i++) {
        p = strstr(i ? p + 1 : p, needle);
        ck_assert_ptr_nonnull(p);
    }
    const char *line = p;
    while (line > doc->bytes && line[-1] != '\n')
        line--;
    return (uint32_t)(p - line) + 1;
}

static size_t child_count(const rd_node *n)
{
    size_t k = 0;
    for (const rd_node *c = n->first_child; c; c = c->next)
        k++;
    return k;
}

static rd_node *nth_child(const rd_node *n, size_t i)
{
    rd_node *c = n->first_child;
    while (c && i--)
        c = c->next;
    ck_assert_ptr_nonnull(c);
    return c;
}

/* First node of a type in document order, or NULL. */
static rd_node *find_type(rd_node *root, rd_node_type type, int nth)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->type == type && nth-- == 0)
            return n;
    return NULL;
}

static size_t count_type(rd_node *root, rd_node_type type)
{
    size_t k = 0;
    while (find_type(root, type, (int)k))
        k++;
    return k;
}

static void assert_text(rd_node *n, const char *expected)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_node_text(n, &b);
    ck_assert_str_eq(b.data ? b.data : "", expected);
    rd_buf_free(&b);
}

/* Appends an inline node whose text is the next occurrence of `text` in the
 * file after *cursor, as the Markdown parser would. */
static rd_node *piece(rd_doc *doc, rd_node *parent, rd_node_type type,
                      const char *text, size_t *cursor)
{
    const char *at = strstr(doc->bytes + *cursor, text);
    ck_assert_ptr_nonnull(at);
    size_t off = (size_t)(at - doc->bytes);
    rd_node *n = rd_node_new(doc, type);
    n->literal = rd_doc_strndup(doc, text, strlen(text));
    n->literal_len = strlen(text);
    rd_node_set_pos(doc, n, off);
    rd_node_append(parent, n);
    *cursor = off + strlen(text);
    return n;
}

static rd_node *paragraph(rd_doc *doc)
{
    rd_node *p = rd_node_new(doc, RD_NODE_PARAGRAPH);
    rd_node_set_pos(doc, p, 0);
    rd_node_append(doc->root, p);
    return p;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ------------------------------------------------------- block parsing */

static const char seed_figure[] =
    "### 1. Le/la développeur/développeuse commercial(e)\n"
    "\n"
    "<div align=\"left\"><figure><img src=\"../../.gitbook/assets/Sales (1).png\" "
    "alt=\"\" width=\"250\"><figcaption></figcaption></figure></div>\n";

START_TEST(test_seed_figure)
{
    rd_doc *doc = doc_of(seed_figure, strlen(seed_figure));
    rd_node *block = html_block_from(doc, "<div");
    ck_assert_uint_eq(child_count(block), 1);

    rd_node *div = block->first_child;
    ck_assert_int_eq(div->type, RD_NODE_ELEMENT);
    ck_assert_str_eq(div->name, "div");
    ck_assert_str_eq(rd_node_attr(div, "align"), "left");
    ck_assert(div->flags & RD_FLAG_HTML);
    ck_assert_uint_eq(div->line, 3);
    ck_assert_uint_eq(div->col, 1);

    ck_assert_uint_eq(child_count(div), 1);
    rd_node *figure = div->first_child;
    ck_assert_int_eq(figure->type, RD_NODE_FIGURE);
    ck_assert_uint_eq(figure->col, col_of(doc, "<figure", 0));

    ck_assert_uint_eq(child_count(figure), 2);
    rd_node *img = nth_child(figure, 0);
    ck_assert_int_eq(img->type, RD_NODE_IMAGE);
    ck_assert(img->flags & RD_FLAG_HTML);
    ck_assert_str_eq(img->url, "../../.gitbook/assets/Sales (1).png");
    ck_assert_str_eq(img->alt, "");
    ck_assert_ptr_null(img->title);
    ck_assert_str_eq(rd_node_attr(img, "width"), "250");
    ck_assert_str_eq(rd_node_attr(img, "alt"), "");
    ck_assert_str_eq(rd_node_attr(img, "src"), img->url);
    ck_assert_uint_eq(img->line, 3);
    ck_assert_uint_eq(img->col, col_of(doc, "<img", 0));
    ck_assert_uint_eq(img->offset, (size_t)(strstr(doc->bytes, "<img") - doc->bytes));

    rd_node *caption = nth_child(figure, 1);
    ck_assert_int_eq(caption->type, RD_NODE_FIGCAPTION);
    ck_assert_uint_eq(child_count(caption), 0);
    ck_assert_uint_eq(caption->col, col_of(doc, "<figcaption", 0));
    ck_assert(!(block->flags & RD_FLAG_COMMENT));
    rd_doc_free(doc);
}
END_TEST

/* A GitBook card table, as the editor writes it (one line). */
static const char card_table[] =
    "<table data-view=\"cards\"><thead><tr><th></th><th></th><th></th>"
    "<th data-hidden data-card-target data-type=\"content-ref\"></th></tr></thead>"
    "<tbody><tr><td></td><td></td><td>Designer / designeuse</td>"
    "<td><a href=\"designer/\">designer</a></td></tr>"
    "<tr><td><strong>Coach</strong><br>Accompagner</td><td></td><td>Coach</td>"
    "<td><a href=\"coach.e/\">coach.e</a></td></tr></tbody></table>\n";

START_TEST(test_card_table)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, card_table);
    rd_node *table = block->first_child;
    ck_assert_int_eq(table->type, RD_NODE_TABLE);
    ck_assert_str_eq(rd_node_attr(table, "data-view"), "cards");
    ck_assert_uint_eq(child_count(table), 2);

    rd_node *head = nth_child(table, 0);
    ck_assert_int_eq(head->type, RD_NODE_TABLE_HEAD);
    rd_node *hrow = head->first_child;
    ck_assert_int_eq(hrow->type, RD_NODE_TABLE_ROW);
    ck_assert_uint_eq(child_count(hrow), 4);
    rd_node *target = nth_child(hrow, 3);
    ck_assert_int_eq(target->type, RD_NODE_TABLE_CELL);
    ck_assert(target->flags & RD_FLAG_HEADER);
    ck_assert_str_eq(rd_node_attr(target, "data-hidden"), "");
    ck_assert_str_eq(rd_node_attr(target, "data-card-target"), "");
    ck_assert_str_eq(rd_node_attr(target, "data-type"), "content-ref");
    ck_assert_uint_eq(target->col, col_of(doc, "<th data", 0));

    rd_node *body = nth_child(table, 1);
    ck_assert_int_eq(body->type, RD_NODE_TABLE_BODY);
    ck_assert_uint_eq(child_count(body), 2);
    rd_node *row = body->first_child;
    ck_assert_uint_eq(child_count(row), 4);
    ck_assert(!(nth_child(row, 0)->flags & RD_FLAG_HEADER));
    assert_text(nth_child(row, 2), "Designer / designeuse");
    rd_node *link = nth_child(row, 3)->first_child;
    ck_assert_int_eq(link->type, RD_NODE_LINK);
    ck_assert_str_eq(link->url, "designer/");
    assert_text(link, "designer");
    ck_assert_uint_eq(link->col, col_of(doc, "<a ", 0));

    rd_node *cell = nth_child(body->last_child, 0);
    ck_assert_uint_eq(child_count(cell), 3);
    ck_assert_int_eq(nth_child(cell, 0)->type, RD_NODE_STRONG);
    ck_assert_int_eq(nth_child(cell, 1)->type, RD_NODE_LINEBREAK);
    ck_assert_int_eq(nth_child(cell, 2)->type, RD_NODE_TEXT);
    ck_assert_uint_eq(nth_child(cell, 2)->col, col_of(doc, "Accompagner", 0));
    ck_assert_str_eq(nth_child(body->last_child, 3)->first_child->url, "coach.e/");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_entities_decoded)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, "<p>Caf&eacute; &amp; th&#xe9; &lt;b&gt;&#x20;</p>\n");
    rd_node *p = block->first_child;
    ck_assert_int_eq(p->type, RD_NODE_PARAGRAPH);
    ck_assert_uint_eq(child_count(p), 1);
    ck_assert_int_eq(p->first_child->type, RD_NODE_TEXT);
    ck_assert_str_eq(p->first_child->literal, "Café & thé <b>");
    ck_assert_uint_eq(p->first_child->col, 4);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_unknown_element_keeps_text)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, "<foo-bar x=\"1\">hello <b>world</b></foo-bar>\n");
    rd_node *el = block->first_child;
    ck_assert_int_eq(el->type, RD_NODE_ELEMENT);
    ck_assert_str_eq(el->name, "foo-bar");
    ck_assert_str_eq(rd_node_attr(el, "x"), "1");
    ck_assert_uint_eq(child_count(el), 2);
    ck_assert_str_eq(el->first_child->literal, "hello ");
    ck_assert_int_eq(el->last_child->type, RD_NODE_STRONG);
    ck_assert_str_eq(el->last_child->name, "b");
    ck_assert_uint_eq(el->last_child->col, 22);
    ck_assert_uint_eq(el->last_child->first_child->col, 25);
    assert_text(block, "hello world");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_element_kinds)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<h2>Titre</h2><blockquote><p>q</p></blockquote><hr>"
        "<ol start=\"3\"><li>a</li><li>b</li></ol><ul><li>c</li></ul>"
        "<p><em>e</em><i>i</i><s>s</s><del>d</del><mark>m</mark>"
        "<sup>2</sup><sub>x</sub><span class=\"k\">sp</span>"
        "<a href=\"https://beta.gouv.fr\" title=\"Beta\">lien</a></p>"
        "<details><summary>Plus</summary>texte</details>\n");
    rd_node *h = find_type(block, RD_NODE_HEADING, 0);
    ck_assert_int_eq(h->level, 2);
    assert_text(h, "Titre");
    ck_assert_ptr_nonnull(find_type(block, RD_NODE_BLOCK_QUOTE, 0));
    ck_assert_ptr_nonnull(find_type(block, RD_NODE_THEMATIC_BREAK, 0));

    rd_node *ol = find_type(block, RD_NODE_LIST, 0);
    ck_assert(ol->list_ordered);
    ck_assert_uint_eq(ol->list_start, 3);
    ck_assert(ol->list_tight);
    ck_assert_uint_eq(child_count(ol), 2);
    ck_assert_int_eq(ol->first_child->type, RD_NODE_ITEM);
    rd_node *ul = find_type(block, RD_NODE_LIST, 1);
    ck_assert(!ul->list_ordered);

    ck_assert_uint_eq(count_type(block, RD_NODE_EMPH), 2);
    ck_assert_uint_eq(count_type(block, RD_NODE_STRIKETHROUGH), 2);
    ck_assert_uint_eq(count_type(block, RD_NODE_MARK), 1);
    ck_assert_uint_eq(count_type(block, RD_NODE_SUPERSCRIPT), 1);
    ck_assert_uint_eq(count_type(block, RD_NODE_SUBSCRIPT), 1);

    rd_node *link = find_type(block, RD_NODE_LINK, 0);
    ck_assert_str_eq(link->url, "https://beta.gouv.fr");
    ck_assert_str_eq(link->title, "Beta");

    rd_node *span = find_type(block, RD_NODE_ELEMENT, 0);
    ck_assert_str_eq(span->name, "span");
    ck_assert_str_eq(rd_node_attr(span, "class"), "k");
    rd_node *details = find_type(block, RD_NODE_ELEMENT, 1);
    ck_assert_str_eq(details->name, "details");
    ck_assert_str_eq(details->first_child->name, "summary");
    assert_text(details, "Plustexte");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_code_and_pre)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<p>run <code>make &amp;&amp; <b>check</b></code></p>\n"
        "<pre><code class=\"language-sh\">./configure\nmake\n</code></pre>\n"
        "<p><img src=\"after.png\"></p>\n");
    rd_node *code = find_type(block, RD_NODE_CODE, 0);
    ck_assert_str_eq(code->literal, "make && check");
    ck_assert_uint_eq(child_count(code), 0);
    rd_node *pre = find_type(block, RD_NODE_CODE_BLOCK, 0);
    ck_assert_str_eq(pre->literal, "./configure\nmake\n");
    ck_assert_str_eq(pre->lang, "sh");
    ck_assert_uint_eq(pre->line, 2);
    rd_node *img = find_type(block, RD_NODE_IMAGE, 0);
    ck_assert_uint_eq(img->line, 5);
    ck_assert_uint_eq(img->col, 4);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_script_kept_as_element)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<div><script>if (a < b) { x('<img src=y>'); }</script>"
        "<style>p > a { color: red }</style><img src=\"z.png\" alt=\"z\"></div>\n");
    rd_node *script = find_type(block, RD_NODE_ELEMENT, 1);
    ck_assert_str_eq(script->name, "script");
    ck_assert_uint_eq(child_count(script), 1);
    ck_assert_str_eq(script->first_child->literal, "if (a < b) { x('<img src=y>'); }");
    rd_node *style = find_type(block, RD_NODE_ELEMENT, 2);
    ck_assert_str_eq(style->name, "style");
    ck_assert_str_eq(style->first_child->literal, "p > a { color: red }");
    /* The <img in the script is text: the real image is found after it. */
    ck_assert_uint_eq(count_type(block, RD_NODE_IMAGE), 1);
    rd_node *img = find_type(block, RD_NODE_IMAGE, 0);
    ck_assert_str_eq(img->url, "z.png");
    ck_assert_uint_eq(img->col, col_of(doc, "<img src=\"z", 0));
    rd_doc_free(doc);
}
END_TEST

/* An unclosed <style> runs to the end of the fragment, and no further. */
START_TEST(test_unclosed_raw_text)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, "<style\n  type=\"text/css\">\nh1 {color:red;}\n");
    rd_node *style = block->first_child;
    ck_assert_str_eq(style->name, "style");
    ck_assert_str_eq(rd_node_attr(style, "type"), "text/css");
    ck_assert_str_eq(style->first_child->literal, "\nh1 {color:red;}\n");
    rd_doc_free(doc);

    block = block_of(&doc, "<![CDATA[\nif (a < b) x;\n]]>\nokay\n");
    ck_assert_int_eq(block->first_child->type, RD_NODE_TEXT);
    ck_assert_uint_eq(block->first_child->line, 1);
    ck_assert_uint_eq(block->first_child->col, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_positions_over_lines)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<figure>\n"
        "  <IMG SRC=\"a.png\" alt=\"un\"><img src=\"b.png\" alt=\"deux\">\n"
        "  <!-- <img src=\"c.png\"> -->\n"
        "  <figcaption>Légende\n   <img\n  src=\"d.png\" alt=\"quatre\"></figcaption>\n"
        "</figure>\n");
    ck_assert_uint_eq(count_type(block, RD_NODE_IMAGE), 3);
    rd_node *a = find_type(block, RD_NODE_IMAGE, 0);
    rd_node *b = find_type(block, RD_NODE_IMAGE, 1);
    rd_node *d = find_type(block, RD_NODE_IMAGE, 2);
    ck_assert_str_eq(a->url, "a.png");
    ck_assert_uint_eq(a->line, 2);
    ck_assert_uint_eq(a->col, 3);
    ck_assert_str_eq(b->url, "b.png");
    ck_assert_uint_eq(b->line, 2);
    ck_assert_uint_eq(b->col, col_of(doc, "<img src=\"b", 0));
    ck_assert_str_eq(d->url, "d.png");
    ck_assert_uint_eq(d->line, 5);
    ck_assert_uint_eq(d->col, 4);
    rd_node *caption = find_type(block, RD_NODE_FIGCAPTION, 0);
    ck_assert_uint_eq(caption->line, 4);
    ck_assert_uint_eq(caption->first_child->col, 15);
    ck_assert_str_eq(caption->first_child->literal, "Légende ");
    rd_doc_free(doc);
}
END_TEST

/* An HTML block inside a quote reaches the parser without its "> "
 * prefixes: each line is found again in the file. */
START_TEST(test_positions_of_stripped_lines)
{
    static const char text[] =
        "> <p>Texte\n"
        "> <img src=\"x.png\" alt=\"x\">\n"
        "> </p>\n";
    static const char literal[] = "<p>Texte\n<img src=\"x.png\" alt=\"x\">\n</p>\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    rd_node_append(doc->root, block);
    rd_html_parse_block(doc, block, literal, strlen(literal), 2);
    rd_node *img = find_type(block, RD_NODE_IMAGE, 0);
    ck_assert_uint_eq(img->line, 2);
    ck_assert_uint_eq(img->col, 3);
    rd_node *p = find_type(block, RD_NODE_PARAGRAPH, 0);
    ck_assert_uint_eq(p->line, 1);
    ck_assert_uint_eq(p->col, 3);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_implicit_table_body)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<table>\n  <tr><th align=\"center\">A</th></tr>\n  <tr><td>1</td></tr>\n</table>\n");
    rd_node *table = block->first_child;
    ck_assert_uint_eq(child_count(table), 1);
    rd_node *body = table->first_child;
    ck_assert_int_eq(body->type, RD_NODE_TABLE_BODY);
    ck_assert_uint_eq(child_count(body), 2);
    ck_assert_uint_eq(body->line, 2);
    rd_node *th = body->first_child->first_child;
    ck_assert(th->flags & RD_FLAG_HEADER);
    ck_assert_int_eq(th->align, RD_ALIGN_CENTER);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_whitespace)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<div>\n  <p>\n    un   deux\n  </p>\n  <span>a</span> <b>b</b>\n</div>\n");
    rd_node *div = block->first_child;
    ck_assert_uint_eq(child_count(div), 4);
    rd_node *p = div->first_child;
    ck_assert_str_eq(p->first_child->literal, "un deux");
    ck_assert_uint_eq(p->first_child->line, 3);
    ck_assert_uint_eq(p->first_child->col, 5);
    ck_assert_str_eq(nth_child(div, 2)->literal, " ");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_comments)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, "<!-- roledoc-disable image-alt -->\n\n<!-- x -->\n");
    ck_assert(block->flags & RD_FLAG_COMMENT);
    ck_assert_uint_eq(child_count(block), 0);
    rd_doc_free(doc);

    block = block_of(&doc, "<!-- note --><p>texte</p>\n");
    ck_assert(!(block->flags & RD_FLAG_COMMENT));
    ck_assert_uint_eq(child_count(block), 1);
    ck_assert_uint_eq(block->first_child->col, 14);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_text_only_and_empty)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc, "juste du texte\n");
    ck_assert_uint_eq(child_count(block), 1);
    ck_assert_int_eq(block->first_child->type, RD_NODE_TEXT);
    ck_assert_str_eq(block->first_child->literal, "juste du texte");
    ck_assert(block->first_child->flags & RD_FLAG_HTML);
    rd_doc_free(doc);

    doc = doc_of("", 0);
    block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    rd_node_append(doc->root, block);
    rd_html_parse_block(doc, block, "", 0, 0);
    ck_assert_uint_eq(child_count(block), 0);
    rd_html_structure_inlines(doc, doc->root);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_stray_markup_keeps_text)
{
    rd_doc *doc;
    rd_node *block = block_of(&doc,
        "<div>avant</section> milieu </div> après <p>a < b</p></html></body>\n");
    /* Whitespace next to blocks goes; the words stay. */
    assert_text(block->first_child, "avant milieu");
    ck_assert_str_eq(nth_child(block, 1)->literal, "après");
    ck_assert_uint_eq(nth_child(block, 1)->col, col_of(doc, "après", 0));
    assert_text(block->last_child, "a < b");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_many_unclosed_divs)
{
    rd_buf b;
    rd_buf_init(&b);
    for (int i = 0; i < 10000; i++)
        rd_buf_puts(&b, "<div>");
    rd_buf_puts(&b, "fond<img src=\"deep.png\">\n");
    rd_doc *doc = doc_of(b.data, b.len);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rd_node *block = html_block_from(doc, "<div>");
    ck_assert(seconds_since(&t0) < 2.0);

    /* Nesting stops at the depth limit; what lies below is kept as text. */
    unsigned depth = 0;
    rd_node *n = block;
    while (n->first_child && n->first_child->type == RD_NODE_ELEMENT) {
        n = n->first_child;
        depth++;
    }
    ck_assert_uint_ge(depth, 100);
    ck_assert_uint_le(depth + 1, RD_DEFAULT_MAX_DEPTH);
    ck_assert(find_type(block, RD_NODE_TEXT, 0) != NULL);
    ck_assert_ptr_nonnull(strstr(find_type(block, RD_NODE_TEXT, 0)->literal, "fond"));
    ck_assert_uint_eq(count_type(block, RD_NODE_ELEMENT), depth);
    size_t truncated = 0;
    for (rd_node *t = block; t; t = t->first_child)
        truncated += (t->flags & RD_FLAG_TRUNCATED) != 0;
    ck_assert_uint_ge(truncated, 1);
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    ck_assert_str_eq(rd_doc_diag(doc, 0)->rule, "nesting-depth");
    rd_doc_free(doc);
    rd_buf_free(&b);
}
END_TEST

START_TEST(test_many_inline_tags_fast)
{
    rd_buf b;
    rd_buf_init(&b);
    for (int i = 0; i < 10000; i++)
        rd_buf_puts(&b, "<p>x <b>y</b><img src=a.png></p>\n");
    rd_doc *doc = doc_of(b.data, b.len);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rd_node *block = html_block_from(doc, "<p>");
    ck_assert(seconds_since(&t0) < 2.0);
    ck_assert_uint_eq(child_count(block), 10000);
    rd_node *last = find_type(block->last_child, RD_NODE_IMAGE, 0);
    ck_assert_uint_eq(last->line, 10000);
    ck_assert_uint_eq(last->col, 14);
    rd_doc_free(doc);
    rd_buf_free(&b);
}
END_TEST

/* Garbage never crashes and nothing reaches standard error. */
START_TEST(test_garbage_is_quiet)
{
    static const char *const inputs[] = {
        "<", "<<<>>>", "</", "<!", "<!--", "<?xml?>", "<!DOCTYPE html>",
        "<a href=\"", "<img src='x", "<div><p><table><td><li></ul></div>",
        "&", "&#xFFFFFFFF;&#0;&bogus;", "<\xff\xfe>\xc3(", "<html><body><head>",
        "<roledoc-fragment></roledoc-fragment>text</roledoc-fragment>",
        "<meta charset=\"latin1\">é", "<svg><path d=\"M0\"/></svg>",
    };
    char path[] = "/tmp/check_html_in_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        rd_doc *doc = doc_of(inputs[i], strlen(inputs[i]));
        html_block_from(doc, "");
        rd_doc_free(doc);
    }
    /* NUL bytes and every byte value. */
    char all[512];
    for (int i = 0; i < 512; i++)
        all[i] = (char)(i * 7 + (i >> 8));
    rd_doc *doc = doc_of(all, sizeof all);
    rd_node *block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    rd_node_append(doc->root, block);
    rd_html_parse_block(doc, block, all, sizeof all, 0);
    rd_html_structure_inlines(doc, doc->root);
    rd_doc_free(doc);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    ck_assert_int_eq(size, 0);
}
END_TEST

START_TEST(test_text_after_nul_survives)
{
    static const char text[] = "<p>a\0b</p><img src=\"after.png\">";
    rd_doc *doc = doc_of(text, sizeof text - 1);
    rd_node *block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    rd_node_append(doc->root, block);
    rd_html_parse_block(doc, block, text, sizeof text - 1, 0);
    rd_node *p = find_type(block, RD_NODE_PARAGRAPH, 0);
    ck_assert_str_eq(p->first_child->literal, "a\xEF\xBF\xBD" "b");
    rd_node *img = find_type(block, RD_NODE_IMAGE, 0);
    ck_assert_ptr_nonnull(img);
    ck_assert_uint_eq(img->col, 11);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------- inline pairing */

START_TEST(test_inline_mark_pair)
{
    static const char text[] = "Avant <mark>a **b**</mark> après\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *p = paragraph(doc);
    size_t cur = 0;
    piece(doc, p, RD_NODE_TEXT, "Avant ", &cur);
    rd_node *open = piece(doc, p, RD_NODE_HTML_INLINE, "<mark>", &cur);
    piece(doc, p, RD_NODE_TEXT, "a ", &cur);
    rd_node *strong = rd_node_new(doc, RD_NODE_STRONG);
    rd_node_append(p, strong);
    piece(doc, strong, RD_NODE_TEXT, "b", &cur);
    rd_node *close = piece(doc, p, RD_NODE_HTML_INLINE, "</mark>", &cur);
    piece(doc, p, RD_NODE_TEXT, " après", &cur);

    rd_html_structure_inlines(doc, doc->root);
    ck_assert_uint_eq(child_count(p), 3);
    rd_node *mark = nth_child(p, 1);
    ck_assert_int_eq(mark->type, RD_NODE_MARK);
    ck_assert(mark->flags & RD_FLAG_HTML);
    ck_assert_uint_eq(mark->col, 7);
    ck_assert_uint_eq(mark->offset, 6);
    ck_assert_uint_eq(child_count(mark), 4);
    ck_assert_ptr_eq(mark->first_child, open);
    ck_assert_ptr_eq(mark->last_child, close);
    ck_assert(open->flags & RD_FLAG_ABSORBED);
    ck_assert(close->flags & RD_FLAG_ABSORBED);
    ck_assert_ptr_eq(nth_child(mark, 2), strong);
    assert_text(p, "Avant a b après");

    /* A second pass changes nothing. */
    rd_html_structure_inlines(doc, doc->root);
    ck_assert_uint_eq(child_count(p), 3);
    ck_assert_uint_eq(child_count(mark), 4);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_inline_void_tags)
{
    static const char text[] = "Voir <img src=\"a.png\" alt=\"\"> ici<br>puis <img src=b.png alt=B/>\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *p = paragraph(doc);
    size_t cur = 0;
    piece(doc, p, RD_NODE_TEXT, "Voir ", &cur);
    rd_node *img = piece(doc, p, RD_NODE_HTML_INLINE, "<img src=\"a.png\" alt=\"\">", &cur);
    piece(doc, p, RD_NODE_TEXT, " ici", &cur);
    rd_node *br = piece(doc, p, RD_NODE_HTML_INLINE, "<br>", &cur);
    piece(doc, p, RD_NODE_TEXT, "puis ", &cur);
    rd_node *img2 = piece(doc, p, RD_NODE_HTML_INLINE, "<img src=b.png alt=B/>", &cur);

    rd_html_structure_inlines(doc, doc->root);
    ck_assert_uint_eq(child_count(p), 6);
    ck_assert_uint_eq(child_count(img), 1);
    rd_node *image = img->first_child;
    ck_assert_int_eq(image->type, RD_NODE_IMAGE);
    ck_assert_str_eq(image->url, "a.png");
    ck_assert_str_eq(image->alt, "");
    ck_assert_uint_eq(image->col, 6);
    ck_assert(!(img->flags & RD_FLAG_ABSORBED));
    ck_assert_int_eq(br->first_child->type, RD_NODE_LINEBREAK);
    ck_assert_uint_eq(br->first_child->col, col_of(doc, "<br>", 0));
    ck_assert_str_eq(img2->first_child->url, "b.png");
    ck_assert_uint_eq(img2->first_child->col, col_of(doc, "<img", 1));
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_inline_nesting_and_unclosed)
{
    static const char text[] =
        "<span class=\"o\">a<span>b</span>c</span> <sup>x <a href=\"u.md\" title=\"T\">l</a> "
        "<code>k</code> <!-- note --> </b>\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *p = paragraph(doc);
    size_t cur = 0;
    piece(doc, p, RD_NODE_HTML_INLINE, "<span class=\"o\">", &cur);
    piece(doc, p, RD_NODE_TEXT, "a", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "<span>", &cur);
    piece(doc, p, RD_NODE_TEXT, "b", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "</span>", &cur);
    piece(doc, p, RD_NODE_TEXT, "c", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "</span>", &cur);
    piece(doc, p, RD_NODE_TEXT, " ", &cur);
    rd_node *sup = piece(doc, p, RD_NODE_HTML_INLINE, "<sup>", &cur);
    piece(doc, p, RD_NODE_TEXT, "x ", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "<a href=\"u.md\" title=\"T\">", &cur);
    piece(doc, p, RD_NODE_TEXT, "l", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "</a>", &cur);
    piece(doc, p, RD_NODE_TEXT, " ", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "<code>", &cur);
    piece(doc, p, RD_NODE_TEXT, "k", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "</code>", &cur);
    piece(doc, p, RD_NODE_TEXT, " ", &cur);
    rd_node *comment = piece(doc, p, RD_NODE_HTML_INLINE, "<!-- note -->", &cur);
    piece(doc, p, RD_NODE_TEXT, " ", &cur);
    rd_node *stray = piece(doc, p, RD_NODE_HTML_INLINE, "</b>", &cur);

    rd_html_structure_inlines(doc, doc->root);
    rd_node *outer = p->first_child;
    ck_assert_int_eq(outer->type, RD_NODE_ELEMENT);
    ck_assert_str_eq(outer->name, "span");
    ck_assert_str_eq(rd_node_attr(outer, "class"), "o");
    ck_assert_uint_eq(child_count(outer), 5);
    rd_node *inner = nth_child(outer, 2);
    ck_assert_int_eq(inner->type, RD_NODE_ELEMENT);
    ck_assert_uint_eq(inner->col, 18);
    ck_assert_uint_eq(child_count(inner), 3);
    assert_text(inner, "b");

    /* <sup> is never closed: it keeps its parsed element, text stays. */
    ck_assert_uint_eq(child_count(sup), 1);
    ck_assert_int_eq(sup->first_child->type, RD_NODE_SUPERSCRIPT);
    ck_assert_uint_eq(child_count(sup->first_child), 0);
    ck_assert(!(sup->flags & RD_FLAG_ABSORBED));
    ck_assert_int_eq(sup->next->type, RD_NODE_TEXT);

    rd_node *link = find_type(p, RD_NODE_LINK, 0);
    ck_assert_ptr_eq(link->parent, p);
    ck_assert_str_eq(link->url, "u.md");
    ck_assert_str_eq(link->title, "T");
    ck_assert_uint_eq(child_count(link), 3);

    rd_node *code = link->next->next;
    ck_assert_int_eq(code->type, RD_NODE_ELEMENT);
    ck_assert_str_eq(code->name, "code");
    ck_assert_ptr_null(code->literal);
    assert_text(code, "k");

    ck_assert(comment->flags & RD_FLAG_COMMENT);
    ck_assert_uint_eq(child_count(comment), 0);
    ck_assert_uint_eq(child_count(stray), 0);
    ck_assert(!(stray->flags & RD_FLAG_ABSORBED));
    ck_assert_ptr_eq(stray->parent, p);
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_inline_misnested)
{
    static const char text[] = "<b>un <i>deux</b> trois</i>\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *p = paragraph(doc);
    size_t cur = 0;
    piece(doc, p, RD_NODE_HTML_INLINE, "<b>", &cur);
    piece(doc, p, RD_NODE_TEXT, "un ", &cur);
    rd_node *i = piece(doc, p, RD_NODE_HTML_INLINE, "<i>", &cur);
    piece(doc, p, RD_NODE_TEXT, "deux", &cur);
    piece(doc, p, RD_NODE_HTML_INLINE, "</b>", &cur);
    piece(doc, p, RD_NODE_TEXT, " trois", &cur);
    rd_node *stray = piece(doc, p, RD_NODE_HTML_INLINE, "</i>", &cur);

    rd_html_structure_inlines(doc, doc->root);
    ck_assert_uint_eq(child_count(p), 3);
    rd_node *b = p->first_child;
    ck_assert_int_eq(b->type, RD_NODE_STRONG);
    ck_assert_ptr_eq(i->parent, b);
    ck_assert_int_eq(i->first_child->type, RD_NODE_EMPH);
    ck_assert(!(stray->flags & RD_FLAG_ABSORBED));
    assert_text(p, "un deux trois");
    rd_doc_free(doc);
}
END_TEST

START_TEST(test_comment_html_block_flagged_by_walk)
{
    static const char text[] = "<!-- roledoc-disable-next-line gendered-title -->\n";
    rd_doc *doc = doc_of(text, strlen(text));
    rd_node *block = rd_node_new(doc, RD_NODE_HTML_BLOCK);
    block->literal = doc->bytes;
    block->literal_len = doc->size;
    rd_node_append(doc->root, block);
    rd_html_structure_inlines(doc, doc->root);
    ck_assert(block->flags & RD_FLAG_COMMENT);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------- whole pages */

/* Every HTML image of a real page points at its own "<img". */
START_TEST(test_page_images_point_at_tags)
{
    rd_error err;
    rd_doc *doc = rd_doc_load(fixture_path("html/figures.md"), NULL, NULL, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    size_t images = 0;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_next(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER || n->type != RD_NODE_IMAGE ||
            !(n->flags & RD_FLAG_HTML))
            continue;
        images++;
        ck_assert_msg(strncasecmp(doc->bytes + n->offset, "<img", 4) == 0,
                      "image %s at %u:%u", n->url, n->line, n->col);
        uint32_t line, col;
        rd_doc_position(doc, n->offset, &line, &col);
        ck_assert_uint_eq(line, n->line);
        ck_assert_uint_eq(col, n->col);
    }
    ck_assert_uint_eq(images, 8);
    rd_doc_free(doc);
}
END_TEST

Suite *html_in_suite(void)
{
    Suite *s = suite_create("html_in");
    TCase *blocks = tcase_create("blocks");
    tcase_add_test(blocks, test_seed_figure);
    tcase_add_test(blocks, test_card_table);
    tcase_add_test(blocks, test_entities_decoded);
    tcase_add_test(blocks, test_unknown_element_keeps_text);
    tcase_add_test(blocks, test_element_kinds);
    tcase_add_test(blocks, test_code_and_pre);
    tcase_add_test(blocks, test_script_kept_as_element);
    tcase_add_test(blocks, test_unclosed_raw_text);
    tcase_add_test(blocks, test_positions_over_lines);
    tcase_add_test(blocks, test_positions_of_stripped_lines);
    tcase_add_test(blocks, test_implicit_table_body);
    tcase_add_test(blocks, test_whitespace);
    tcase_add_test(blocks, test_comments);
    tcase_add_test(blocks, test_text_only_and_empty);
    tcase_add_test(blocks, test_stray_markup_keeps_text);
    suite_add_tcase(s, blocks);

    TCase *robust = tcase_create("robustness");
    tcase_set_timeout(robust, 20);
    tcase_add_test(robust, test_many_unclosed_divs);
    tcase_add_test(robust, test_many_inline_tags_fast);
    tcase_add_test(robust, test_garbage_is_quiet);
    tcase_add_test(robust, test_text_after_nul_survives);
    suite_add_tcase(s, robust);

    TCase *inlines = tcase_create("inlines");
    tcase_add_test(inlines, test_inline_mark_pair);
    tcase_add_test(inlines, test_inline_void_tags);
    tcase_add_test(inlines, test_inline_nesting_and_unclosed);
    tcase_add_test(inlines, test_inline_misnested);
    tcase_add_test(inlines, test_comment_html_block_flagged_by_walk);
    suite_add_tcase(s, inlines);

    TCase *pages = tcase_create("pages");
    tcase_add_test(pages, test_page_images_point_at_tags);
    suite_add_tcase(s, pages);
    return s;
}
