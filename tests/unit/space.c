/* Paths inside a space (src/source/space_paths.c), which the book and the site
 * stand on: links in one form, what leaves the space, relative URLs from
 * one folder to a file. */
#include "suites.h"
#include "source/space.h"

#include <stdlib.h>
#include <string.h>

static char got[4096];

static const char *key_of(const char *from, const char *url)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_space_link_key(from, url, &b);
    snprintf(got, sizeof got, "%s", b.data ? b.data : "");
    rd_buf_free(&b);
    return got;
}

static const char *relative(const char *from, const char *to)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_space_relative_url(from, to, &b);
    snprintf(got, sizeof got, "%s", b.data ? b.data : "");
    rd_buf_free(&b);
    return got;
}

START_TEST(link_keys_are_relative_to_the_space)
{
    ck_assert_str_eq(key_of("a/b/page.md", "../../.gitbook/assets/x.png"),
                     ".gitbook/assets/x.png");
    ck_assert_str_eq(key_of("a/page.md", "./c/./d.md#anchor"), "a/c/d.md");
    ck_assert_str_eq(key_of("a/page.md", "carte%20%C3%A9quipe.png?x=1"),
                     "a/carte \xc3\xa9quipe.png");
    ck_assert_str_eq(key_of(NULL, "a//b/../c.md"), "a/c.md");
    ck_assert_str_eq(key_of("a/page.md", "/top.md"), "top.md");
}
END_TEST

START_TEST(keys_that_climb_out_are_told)
{
    ck_assert(rd_space_key_escapes(key_of("a/page.md", "../../x.md")));
    ck_assert(rd_space_key_escapes(key_of(NULL, "%2e%2e/secret.md")));
    ck_assert(rd_space_key_escapes(key_of(NULL, "a/../../x")));
    ck_assert(rd_space_key_escapes(".."));
    ck_assert(!rd_space_key_escapes(key_of("a/page.md", "../x.md")));
    ck_assert(!rd_space_key_escapes("..x/y"));
}
END_TEST

START_TEST(external_links_name_no_file)
{
    ck_assert(rd_space_is_external("https://example.org/a.png"));
    ck_assert(rd_space_is_external("mailto:a@b.c"));
    ck_assert(rd_space_is_external("//cdn.example.org/x"));
    ck_assert(rd_space_is_external("#anchor"));
    ck_assert(!rd_space_is_external("page.md"));
}
END_TEST

START_TEST(relative_urls_between_folders)
{
    ck_assert_str_eq(relative("/out", "/space/img/x.png"), "../space/img/x.png");
    ck_assert_str_eq(relative("/a/b", "/a/b/c.png"), "c.png");
    ck_assert_str_eq(relative("/a/b", "/a/c/d.png"), "../c/d.png");
    ck_assert_str_eq(relative("/ab", "/abc/x"), "../abc/x");
    ck_assert_str_eq(relative("/", "/x/y"), "x/y");
    ck_assert_str_eq(relative("/a/b/c", "/x"), "../../../x");
    ck_assert_str_eq(relative("/a", "/a/50%#1?.png"), "50%25%231%3F.png");
}
END_TEST

START_TEST(under_a_folder)
{
    ck_assert(rd_space_under("/a/b", "/a/b"));
    ck_assert(rd_space_under("/a/b", "/a/b/c"));
    ck_assert(!rd_space_under("/a/b", "/a/bc"));
    ck_assert(!rd_space_under("/a/b", "/a"));
    ck_assert(rd_space_under("/", "/x"));
}
END_TEST

Suite *space_suite(void)
{
    Suite *s = suite_create("space");
    TCase *tc = tcase_create("paths");
    tcase_add_test(tc, link_keys_are_relative_to_the_space);
    tcase_add_test(tc, keys_that_climb_out_are_told);
    tcase_add_test(tc, external_links_name_no_file);
    tcase_add_test(tc, relative_urls_between_folders);
    tcase_add_test(tc, under_a_folder);
    suite_add_tcase(s, tc);
    return s;
}
