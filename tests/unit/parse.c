/* The parser: positions of blocks and inlines, GitBook blocks, edge cases. */
#include "suites.h"

#include "roledoc.h"

#include <string.h>

static rd_doc *parse(const char *text)
{
    return rd_doc_parse(text, strlen(text), "test.md", NULL);
}

/* The n-th node of a type in document order (0-based). */
static rd_node *find(rd_doc *doc, rd_node_type type, int n)
{
    rd_iter it;
    rd_node *node;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while ((ev = rd_iter_next(&it, &node)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && node->type == type && n-- == 0)
            return node;
    return NULL;
}

#define ck_assert_pos(node, l, c) do { \
        ck_assert_ptr_nonnull(node); \
        ck_assert_uint_eq((node)->line, (l)); \
        ck_assert_uint_eq((node)->col, (c)); \
    } while (0)

START_TEST(heading_positions)
{
    rd_doc *doc = parse("# Un\n\nTexte\n\n### Trois *em*\n");
    ck_assert_pos(find(doc, RD_NODE_HEADING, 0), 1, 1);
    ck_assert_pos(find(doc, RD_NODE_HEADING, 1), 5, 1);
    ck_assert_int_eq(find(doc, RD_NODE_HEADING, 1)->level, 3);
    ck_assert_pos(find(doc, RD_NODE_EMPH, 0), 5, 11);
    ck_assert_pos(find(doc, RD_NODE_PARAGRAPH, 0), 3, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(list_positions)
{
    rd_doc *doc = parse("Intro\n\n* un\n* **deux**\n\n3. trois\n- [x] fait\n");
    rd_node *list = find(doc, RD_NODE_LIST, 0);
    ck_assert_pos(list, 3, 1);
    ck_assert_int_eq(list->list_tight, 1);
    ck_assert_pos(find(doc, RD_NODE_ITEM, 1), 4, 1);
    ck_assert_pos(find(doc, RD_NODE_STRONG, 0), 4, 3);
    rd_node *ol = find(doc, RD_NODE_LIST, 1);
    ck_assert_pos(ol, 6, 1);
    ck_assert_int_eq(ol->list_ordered, 1);
    ck_assert_uint_eq(ol->list_start, 3);
    rd_node *task = find(doc, RD_NODE_ITEM, 3);
    ck_assert_pos(task, 7, 1);
    ck_assert_int_eq(task->task, 2);
    /* Tight items still hold a paragraph. */
    ck_assert_int_eq(find(doc, RD_NODE_ITEM, 0)->first_child->type, RD_NODE_PARAGRAPH);
    rd_doc_free(doc);
}
END_TEST

START_TEST(columns_count_characters)
{
    rd_doc *doc = parse("Éléphant **déjà** vu\n");
    ck_assert_pos(find(doc, RD_NODE_STRONG, 0), 1, 10);
    rd_doc_free(doc);
}
END_TEST

START_TEST(code_block_positions)
{
    rd_doc *doc = parse("Texte\n\n```js\nlet a;\n```\n\n```\n```\n\n> ~~~\n> x\n> ~~~\n");
    rd_node *code = find(doc, RD_NODE_CODE_BLOCK, 0);
    ck_assert_pos(code, 3, 1);
    ck_assert_str_eq(code->lang, "js");
    ck_assert_str_eq(code->literal, "let a;\n");
    ck_assert_pos(find(doc, RD_NODE_CODE_BLOCK, 1), 7, 1);
    ck_assert_pos(find(doc, RD_NODE_CODE_BLOCK, 2), 10, 3);
    ck_assert_pos(find(doc, RD_NODE_BLOCK_QUOTE, 0), 10, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(thematic_break_and_table)
{
    rd_doc *doc = parse("Un\n\n***\n\n| a | b |\n|---|--:|\n| 1 |   |\n");
    ck_assert_pos(find(doc, RD_NODE_THEMATIC_BREAK, 0), 3, 1);
    ck_assert_pos(find(doc, RD_NODE_TABLE, 0), 5, 1);
    rd_node *right = find(doc, RD_NODE_TABLE_CELL, 1);
    ck_assert_int_eq(right->align, RD_ALIGN_RIGHT);
    ck_assert(right->flags & RD_FLAG_HEADER);
    ck_assert_pos(find(doc, RD_NODE_TABLE_ROW, 1), 7, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(hint_shares_paragraph)
{
    rd_doc *doc = parse("Avant le bloc.\n{% hint style=\"info\" %}\nDedans.\n{% endhint %}\nAprès.\n");
    rd_node *hint = find(doc, RD_NODE_LIQUID, 0);
    ck_assert_pos(hint, 2, 1);
    ck_assert_int_eq(hint->liquid, RD_LIQUID_HINT);
    ck_assert_str_eq(rd_node_attr(hint, "style"), "info");
    ck_assert_uint_eq(hint->end_line, 4);
    ck_assert_int_eq(hint->first_child->type, RD_NODE_PARAGRAPH);
    ck_assert_pos(hint->first_child, 3, 1);
    ck_assert_ptr_eq(hint->first_child, hint->last_child);
    ck_assert_pos(find(doc, RD_NODE_PARAGRAPH, 0), 1, 1);
    ck_assert_pos(hint->next, 5, 1);
    rd_doc_free(doc);
}
END_TEST

START_TEST(tag_inside_code_stays_code)
{
    rd_doc *doc = parse("```\n{% hint style=\"info\" %}\n```\n");
    ck_assert_ptr_null(find(doc, RD_NODE_LIQUID, 0));
    ck_assert_str_eq(find(doc, RD_NODE_CODE_BLOCK, 0)->literal, "{% hint style=\"info\" %}\n");
    rd_doc_free(doc);
}
END_TEST

START_TEST(liquid_problems_recorded)
{
    rd_doc *doc = parse("{% hint %}\n\n{% endtabs %}\n\n{% tabs %}\n{% tab title=\"x\" %}\n{% endtabs %}\n");
    ck_assert(find(doc, RD_NODE_LIQUID, 0)->flags & RD_FLAG_UNCLOSED);
    ck_assert(find(doc, RD_NODE_LIQUID, 1)->flags & RD_FLAG_STRAY_END);
    rd_node *tab = find(doc, RD_NODE_LIQUID, 3);
    ck_assert_int_eq(tab->liquid, RD_LIQUID_TAB);
    ck_assert(tab->flags & RD_FLAG_MISNESTED);
    rd_doc_free(doc);
}
END_TEST

START_TEST(unclosed_quote_in_tag)
{
    rd_doc *doc = parse("{% embed url=\"https://a.example/x %}\nLégende\n{% endembed %}\n");
    rd_node *embed = find(doc, RD_NODE_LIQUID, 0);
    ck_assert_str_eq(embed->url, "https://a.example/x");
    ck_assert_int_eq(embed->first_child->type, RD_NODE_PARAGRAPH);
    rd_doc_free(doc);
}
END_TEST

START_TEST(entities_decoded)
{
    rd_doc *doc = parse("&#x43;&eacute;&HilbertSpace;&nope; &#0;\n");
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 0)->literal, "C");
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 0)->name, "&#x43;");
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 1)->literal, "é");
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 2)->literal, "ℋ");
    /* Not an entity HTML knows: kept as written. */
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 3)->literal, "&nope;");
    ck_assert_str_eq(find(doc, RD_NODE_ENTITY, 4)->literal, "\xEF\xBF\xBD");
    rd_doc_free(doc);
}
END_TEST

START_TEST(trailing_backslash_dropped)
{
    rd_doc *doc = parse("Fin de ligne\\\n\n\\\n");
    rd_node *text = find(doc, RD_NODE_TEXT, 0);
    ck_assert_str_eq(text->literal, "Fin de ligne");
    ck_assert_ptr_nonnull(find(doc, RD_NODE_LINEBREAK, 0));
    rd_doc_free(doc);
}
END_TEST

START_TEST(links_and_images)
{
    rd_doc *doc = parse("[lien](a.md \"titre\") ![alt *x*](i.png) <https://e.org>\n");
    rd_node *link = find(doc, RD_NODE_LINK, 0);
    ck_assert_pos(link, 1, 1);
    ck_assert_str_eq(link->url, "a.md");
    ck_assert_str_eq(link->title, "titre");
    ck_assert(!(link->flags & RD_FLAG_AUTOLINK));
    rd_node *img = find(doc, RD_NODE_IMAGE, 0);
    ck_assert_pos(img, 1, 22);
    ck_assert_str_eq(img->alt, "alt x");
    ck_assert(find(doc, RD_NODE_LINK, 1)->flags & RD_FLAG_AUTOLINK);
    rd_doc_free(doc);
}
END_TEST

START_TEST(deep_nesting_is_truncated)
{
    char text[2048];
    memset(text, '>', 1000);
    strcpy(text + 1000, " deep\n");
    rd_parse_options opts = { .max_depth = 50 };
    rd_doc *doc = rd_doc_parse(text, strlen(text), "deep.md", &opts);
    ck_assert_uint_eq(rd_doc_diag_count(doc), 1);
    ck_assert_str_eq(rd_doc_diag(doc, 0)->rule, "nesting-depth");
    rd_buf b;
    rd_buf_init(&b);
    rd_node_text(rd_doc_root(doc), &b);
    ck_assert_str_eq(b.data, "deep");
    rd_buf_free(&b);
    rd_doc_free(doc);
}
END_TEST

START_TEST(commonmark_mode_keeps_tags)
{
    rd_parse_options opts = { .flags = RD_PARSE_COMMONMARK };
    const char *text = "{% hint %}\n\n| a |\n|---|\n";
    rd_doc *doc = rd_doc_parse(text, strlen(text), "cm.md", &opts);
    ck_assert_ptr_null(find(doc, RD_NODE_LIQUID, 0));
    ck_assert_ptr_null(find(doc, RD_NODE_TABLE, 0));
    rd_doc_free(doc);
}
END_TEST

START_TEST(unbalanced_parser_events)
{
    /* md4c reports leaving a strong span it never entered here. */
    rd_doc *doc = parse("http://.g**b**\n{%i\" %}");
    ck_assert_ptr_nonnull(find(doc, RD_NODE_LINK, 0));
    ck_assert_ptr_nonnull(find(doc, RD_NODE_LIQUID, 0));
    rd_doc_free(doc);
}
END_TEST

Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("tree");
    tcase_add_test(tc, heading_positions);
    tcase_add_test(tc, list_positions);
    tcase_add_test(tc, columns_count_characters);
    tcase_add_test(tc, code_block_positions);
    tcase_add_test(tc, thematic_break_and_table);
    tcase_add_test(tc, links_and_images);
    tcase_add_test(tc, entities_decoded);
    tcase_add_test(tc, trailing_backslash_dropped);
    tcase_add_test(tc, deep_nesting_is_truncated);
    tcase_add_test(tc, commonmark_mode_keeps_tags);
    tcase_add_test(tc, unbalanced_parser_events);
    suite_add_tcase(s, tc);
    TCase *gb = tcase_create("gitbook");
    tcase_add_test(gb, hint_shares_paragraph);
    tcase_add_test(gb, tag_inside_code_stays_code);
    tcase_add_test(gb, liquid_problems_recorded);
    tcase_add_test(gb, unclosed_quote_in_tag);
    suite_add_tcase(s, gb);
    return s;
}
