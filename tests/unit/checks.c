/* The structural and editorial check kinds, run one rule at a time with the
 * rule files of the source tree: where each finding points, and the cases
 * where a kind must stay quiet. */
#include "suites.h"
#include "lint/checks/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------- helpers */

static rd_ruleset rules;

static void load_rules(void)
{
    load_source_rules(&rules);
}

static void free_rules(void)
{
    rd_ruleset_free(&rules);
}

/* The findings of one rule on a page held in memory. `path` stands for the
 * page's place on disk (NULL: standard input). */
typedef struct {
    rd_doc *doc;
    rd_model *model;
    rd_diag_list found;
} run;

static run run_rule_on(const char *id, const char *page, const char *path,
                       int role_page)
{
    const rd_rule *rule = rd_ruleset_find(&rules, id);
    ck_assert_msg(rule != NULL, "no rule %s", id);
    rd_rule enabled = *rule;
    if (enabled.severity == RD_SEVERITY_OFF)
        enabled.severity = RD_SEVERITY_WARNING;
    const rd_check_kind *kind = rd_check_kind_find(rule->kind);
    ck_assert_msg(kind != NULL, "no kind %s", rule->kind);
    run r = { 0 };
    r.doc = rd_doc_parse(page, strlen(page), "page.md", NULL);
    r.model = rd_model_extract(r.doc, &rules, RD_ROLE_PAGE_DETECT);
    rd_node_index index;
    rd_node_index_build(&index, rd_doc_root(r.doc));
    rd_check_ctx ctx = {
        .doc = r.doc, .index = &index, .model = r.model, .rules = &rules,
        .rule = &enabled, .path = path, .role_page = role_page,
        .out = &r.found,
    };
    kind->run(&ctx);
    rd_node_index_free(&index);
    rd_diag_list_sort(&r.found);
    return r;
}

static run run_rule(const char *id, const char *page)
{
    return run_rule_on(id, page, "page.md", 0);
}

static void run_free(run *r)
{
    rd_diag_list_free(&r->found);
    if (r->model)
        rd_model_free(r->model);
    rd_doc_free(r->doc);
}

/* Asserts finding i is at line:col and its message holds `words`. */
static void assert_finding(const run *r, size_t i, uint32_t line, uint32_t col,
                           const char *words)
{
    ck_assert_msg(i < r->found.len, "finding %zu missing (%zu found)", i,
                  r->found.len);
    const rd_diag *d = &r->found.items[i];
    ck_assert_msg(d->line == line && d->col == col,
                  "finding %zu at %u:%u, expected %u:%u (%s)", i, d->line,
                  d->col, line, col, d->message);
    if (words)
        ck_assert_msg(strstr(d->message, words) != NULL,
                      "finding %zu: \"%s\" lacks \"%s\"", i, d->message, words);
}

static void assert_count(const run *r, size_t n)
{
    ck_assert_msg(r->found.len == n, "%zu findings, expected %zu%s%s",
                  r->found.len, n, r->found.len ? "; first: " : "",
                  r->found.len ? r->found.items[0].message : "");
}

/* ----------------------------------------------------------- image-alt */

START_TEST(image_alt_points_at_img_inside_figure_inside_div)
{
    run r = run_rule("image-alt",
        "# Titre\n"
        "\n"
        "<div align=\"left\"><figure><img src=\"a b.png\" alt=\"\" width=\"250\">"
        "<figcaption></figcaption></figure></div>\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 27, "a b.png");
    run_free(&r);
}
END_TEST

START_TEST(image_alt_markdown_blank_and_decorative)
{
    run r = run_rule("image-alt",
        "# Titre\n"
        "\n"
        "Texte ![](vide.png) et ![  ](blanc.png) et ![Logo](logo.png).\n"
        "\n"
        "<img src=\"deco.png\" alt=\"\" role=\"Presentation\">\n"
        "<img src=\"cache.png\" aria-hidden=\"true\">\n"
        "<img src=\"sans.png\">\n");
    assert_count(&r, 3);
    assert_finding(&r, 0, 3, 7, "vide.png");
    assert_finding(&r, 1, 3, 24, "blanc.png");
    assert_finding(&r, 2, 7, 1, "sans.png");
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------ local-target */

static char tree_dir[] = "/tmp/roledoc-targets.XXXXXX";

static void touch(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", tree_dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("x\n", f);
    fclose(f);
}

static void make_tree(void)
{
    ck_assert_ptr_nonnull(mkdtemp(tree_dir));
    char path[4096];
    snprintf(path, sizeof path, "%s/annexes", tree_dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/vide", tree_dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    touch("Mon fichier.md");
    touch("\xc3\xa9quipe.png");
    touch("annexes/README.md");
}

static void remove_tree(void)
{
    const char *names[] = { "Mon fichier.md", "\xc3\xa9quipe.png",
                            "annexes/README.md", "annexes", "vide" };
    char path[4096];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tree_dir, names[i]);
        remove(path);
    }
    rmdir(tree_dir);
}

static run run_in_tree(const char *page)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/page.md", tree_dir);
    return run_rule_on("local-target-exists", page, path, 0);
}

START_TEST(local_target_spaces_percent_and_fragments)
{
    run r = run_in_tree(
        "# Titre\n"
        "\n"
        "[a](Mon%20fichier.md#mission) [b](<Mon fichier.md>)\n"
        "[c](Mon%20fichier.md?v=2#x) [d](%C3%A9quipe.png)\n"
        "<a href=\"Mon fichier.md#y\">e</a> [f](annexes/) [g](./annexes#z)\n"
        "\n"
        "[h](Mon%20fichier2.md#mission) [i](vide/) [j](%zz.md)\n");
    assert_count(&r, 3);
    assert_finding(&r, 0, 7, 1, "Mon%20fichier2.md#mission");
    assert_finding(&r, 1, 7, 32, "vide/");
    assert_finding(&r, 2, 7, 43, "%zz.md");
    run_free(&r);
}
END_TEST

START_TEST(local_target_leaves_non_files_alone)
{
    run r = run_in_tree(
        "# Titre\n"
        "\n"
        "[a](https://beta.gouv.fr/x.md) [b](mailto:a@b.fr) [c](#mission)\n"
        "[d](//cdn.example/x.png) [e](/racine.md) [f](tel:+33100000000)\n"
        "<a href=\"ancre\" id=\"ancre\"></a>\n");
    assert_count(&r, 0);
    run_free(&r);
}
END_TEST

START_TEST(local_target_liquid_tags)
{
    run r = run_in_tree(
        "# Titre\n"
        "\n"
        "{% content-ref url=\"annexes/\" %}\n"
        "[annexes](annexes/)\n"
        "{% endcontent-ref %}\n"
        "\n"
        "{% file src=\"absent.pdf\" %}\n"
        "Un fichier\n"
        "{% endfile %}\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 7, 1, "file target \"absent.pdf\"");
    run_free(&r);
}
END_TEST

START_TEST(local_target_skips_standard_input)
{
    run r = run_rule_on("local-target-exists",
                        "# Titre\n\n[a](absent.md)\n", NULL, 0);
    assert_count(&r, 0);
    run_free(&r);
}
END_TEST

/* The linter's target lookup answers first: a page it knows of exists, one
 * it says is gone does not (whatever the disk holds), and the disk answers
 * for the others. */
static int lookup_answer(void *data, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    ++*(int *)data;
    if (strcmp(base, "nouveau.md") == 0)
        return 1;
    return strcmp(base, "Mon fichier.md") == 0 ? 0 : -1;
}

START_TEST(local_target_asks_the_lookup_first)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/page.md", tree_dir);
    const char page[] = "# Titre\n\n[a](nouveau.md) [b](Mon%20fichier.md) "
                        "[c](absent.md) [d](annexes/)\n";
    rd_doc *doc = rd_doc_parse(page, strlen(page), path, NULL);
    rd_linter *linter = rd_linter_new(&rules);
    int asked = 0;
    rd_linter_set_target_lookup(linter, lookup_answer, &asked);
    rd_diag_list found = { 0 };
    rd_error err;
    ck_assert_int_eq(rd_lint_doc(linter, doc, path, &found, &err), RD_OK);
    run r = { .doc = doc };
    for (size_t i = 0; i < found.len; i++)
        if (strcmp(found.items[i].rule, "local-target-exists") == 0)
            rd_diag_list_add(&r.found, &found.items[i]);
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 17, "Mon%20fichier.md");
    assert_finding(&r, 1, 3, 39, "absent.md");
    ck_assert_int_eq(asked, 4);
    rd_diag_list_free(&found);
    rd_linter_free(linter);
    run_free(&r);
}
END_TEST

/* ----------------------------------------------------- entity-artifact */

START_TEST(entity_artifact_encoded_letters)
{
    run r = run_rule("entity-artifact",
        "# Titre\n"
        "\n"
        "Le &#x43;_&#x75;stomer success_ est un m\xc3\xa9tier.\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 4, "\"C\"");
    assert_finding(&r, 1, 3, 11, "\"u\"");
    run_free(&r);
}
END_TEST

START_TEST(entity_artifact_spaces_next_to_markup_only)
{
    run r = run_rule("entity-artifact",
        "# Titre\n"
        "\n"
        "**gras&#x20;**_suite_ a&#x20;b R&amp;D 10&nbsp;% &#x26;\n"
        "fin de ligne&#32;\n"
        "suite\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 7, "&#x20;");
    assert_finding(&r, 1, 4, 13, "&#32;");
    run_free(&r);
}
END_TEST

/* --------------------------------------------------- heading-increment */

START_TEST(heading_increment_setext)
{
    run r = run_rule("heading-increment",
        "Titre\n"
        "=====\n"
        "\n"
        "Partie\n"
        "------\n"
        "\n"
        "#### Trop profond\n"
        "\n"
        "Autre partie\n"
        "------------\n"
        "\n"
        "### Bon niveau\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 7, 1, "level 4 follows level 2");
    run_free(&r);
}
END_TEST

START_TEST(heading_increment_setext_after_skip)
{
    run r = run_rule("heading-increment",
        "# Titre\n"
        "\n"
        "### Saut\n"
        "\n"
        "Remont\xc3\xa9\n"
        "---\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 1, "level 3 follows level 1");
    run_free(&r);
}
END_TEST

/* ----------------------------------------------------- liquid-balanced */

START_TEST(liquid_balanced_unclosed)
{
    run r = run_rule("liquid-balanced",
        "# Titre\n"
        "\n"
        "{% hint style=\"info\" %}\n"
        "Texte\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 1, "\"hint\" is never closed");
    run_free(&r);
}
END_TEST

START_TEST(liquid_balanced_misnested)
{
    run r = run_rule("liquid-balanced",
        "# Titre\n"
        "\n"
        "{% tabs %}\n"
        "{% tab title=\"A\" %}\n"
        "Texte\n"
        "{% endtabs %}\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 4, 1, "\"tab\" is still open when its enclosing \"tabs\"");
    run_free(&r);
}
END_TEST

START_TEST(liquid_balanced_stray_end)
{
    run r = run_rule("liquid-balanced",
        "# Titre\n"
        "\n"
        "Texte\n"
        "\n"
        "{% endhint %}\n"
        "{% endinconnu %}\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 5, 1, "endhint tag closes no open block");
    assert_finding(&r, 1, 6, 1, "endinconnu tag closes no open block");
    run_free(&r);
}
END_TEST

START_TEST(liquid_balanced_unknown_kind)
{
    run r = run_rule("liquid-balanced",
        "# Titre\n"
        "\n"
        "{% note %}\n"
        "Texte\n"
        "{% endnote %}\n"
        "\n"
        "{% raw-html \"x.md\" %}\n"
        "\n"
        "```\n"
        "{% hint %}\n"
        "```\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 1, "unknown liquid tag \"note\"");
    assert_finding(&r, 1, 7, 1, "unknown liquid tag \"raw-html\"");
    run_free(&r);
}
END_TEST

/* ---------------------------------------------------------- page-title */

START_TEST(page_title_cases)
{
    run r = run_rule("page-title",
        "---\n"
        "title: Fiche\n"
        "---\n"
        "\n"
        "Intro\n"
        "\n"
        "# Titre\n"
        "\n"
        "# Encore\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 7, 1, "is not the first block");
    assert_finding(&r, 1, 9, 1, "page title is on line 7");
    run_free(&r);

    r = run_rule("page-title", "## Sous-titre\n\nTexte\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 1, 1, "no level-1 heading");
    run_free(&r);

    r = run_rule("page-title", "<!-- roledoc-disable http-link -->\n# Titre\n");
    assert_count(&r, 0);
    run_free(&r);

    r = run_rule("page-title", "");
    assert_count(&r, 1);
    assert_finding(&r, 0, 1, 1, NULL);
    run_free(&r);
}
END_TEST

/* ---------------------------------------------------------- role-part */

static const char role_page[] =
    "# Coach\n"
    "\n"
    "## Coach en investigation\n"
    "\n"
    "**Mission**\n"
    "\n"
    "**Actions principales**\n"
    "\n"
    "Animer les entretiens.\n"
    "\n"
    "## Coach en construction\n"
    "\n"
    "**La mission en quelques lignes**\n"
    "\n"
    "Accompagner l'\xc3\xa9quipe.\n"
    "\n"
    "**Actions**\n"
    "\n"
    "* Animer les rituels\n";

START_TEST(role_part_mission_and_actions)
{
    run r = run_rule("role-has-mission", role_page);
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 1, "\"Coach en investigation\" has no mission");
    run_free(&r);

    r = run_rule("role-has-actions", role_page);
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 1, "\"Coach en investigation\" has no list of actions");
    run_free(&r);

    r = run_rule("role-has-objectives", role_page);
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 1, "has no objectives");
    assert_finding(&r, 1, 11, 1, "has no objectives");
    run_free(&r);
}
END_TEST

START_TEST(role_part_no_role_on_declared_role_page)
{
    const char *page = "# Coach\n\nUne page sans r\xc3\xb4le.\n";
    run r = run_rule_on("role-has-mission", page, "page.md", 1);
    assert_count(&r, 1);
    assert_finding(&r, 0, 1, 1, "no role found");
    run_free(&r);

    /* Said once: the other role-part rules do not repeat it. */
    r = run_rule_on("role-has-actions", page, "page.md", 1);
    assert_count(&r, 0);
    run_free(&r);

    r = run_rule_on("role-has-mission", page, "page.md", 0);
    assert_count(&r, 0);
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------- empty-section */

START_TEST(empty_section_headings_and_labels)
{
    run r = run_rule("empty-section",
        "# Fiche\n"
        "\n"
        "## Vide\n"
        "\n"
        "<!-- plus tard -->\n"
        "\n"
        "***\n"
        "\n"
        "## Parent\n"
        "\n"
        "### Enfant\n"
        "\n"
        "Texte.\n"
        "\n"
        "## R\xc3\xb4le\n"
        "\n"
        "**Mission**\n"
        "\n"
        "**Actions principales**\n"
        "\n"
        "* Agir\n"
        "\n"
        "## Fin\n");
    assert_count(&r, 3);
    assert_finding(&r, 0, 3, 1, "\"Vide\" is empty");
    assert_finding(&r, 1, 17, 1, "\"Mission\" is empty");
    assert_finding(&r, 2, 23, 1, "\"Fin\" is empty");
    run_free(&r);
}
END_TEST

/* ------------------------------------------------ hint-style, http-link */

START_TEST(hint_style_points_at_style)
{
    run r = run_rule("hint-style",
        "# Titre\n"
        "\n"
        "{% hint style=\"tip\" %}\n"
        "Texte\n"
        "{% endhint %}\n"
        "\n"
        "{% hint %}\n"
        "Texte\n"
        "{% endhint %}\n"
        "\n"
        "{% hint style=\"danger\" %}\n"
        "Texte\n"
        "{% endhint %}\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 9, "\"tip\" is not one of");
    assert_finding(&r, 1, 7, 1, "without a style");
    run_free(&r);
}
END_TEST

START_TEST(http_link_hosts)
{
    run r = run_rule("http-link",
        "# Titre\n"
        "\n"
        "[a](HTTP://beta.gouv.fr) [b](http://localhost:3000/x)\n"
        "[c](http://moi@api.localhost/) [d](http://user@beta.gouv.fr:80/)\n"
        "[e](https://beta.gouv.fr) [f](http://[::1]:8080/)\n");
    assert_count(&r, 2);
    assert_finding(&r, 0, 3, 1, "HTTP://beta.gouv.fr");
    assert_finding(&r, 1, 4, 32, "http://user@beta.gouv.fr:80/");
    run_free(&r);
}
END_TEST

/* -------------------------------------------------------- invalid-utf8 */

START_TEST(invalid_utf8_first_byte_once)
{
    run r = run_rule("invalid-utf8",
        "# Titre\n"
        "\n"
        "Activit\xe9s et r\xf4les\n");
    assert_count(&r, 1);
    assert_finding(&r, 0, 3, 8, "0xE9");
    ck_assert_ptr_nonnull(strstr(r.found.items[0].message, "(2 invalid bytes in the file)"));
    run_free(&r);

    r = run_rule("invalid-utf8", "# Titre \xc3\xa9\n");
    assert_count(&r, 0);
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------------- suite */

Suite *checks_suite(void)
{
    Suite *s = suite_create("checks");
    TCase *tc = tcase_create("kinds");
    tcase_add_unchecked_fixture(tc, load_rules, free_rules);
    tcase_add_test(tc, image_alt_points_at_img_inside_figure_inside_div);
    tcase_add_test(tc, image_alt_markdown_blank_and_decorative);
    tcase_add_test(tc, entity_artifact_encoded_letters);
    tcase_add_test(tc, entity_artifact_spaces_next_to_markup_only);
    tcase_add_test(tc, heading_increment_setext);
    tcase_add_test(tc, heading_increment_setext_after_skip);
    tcase_add_test(tc, liquid_balanced_unclosed);
    tcase_add_test(tc, liquid_balanced_misnested);
    tcase_add_test(tc, liquid_balanced_stray_end);
    tcase_add_test(tc, liquid_balanced_unknown_kind);
    tcase_add_test(tc, page_title_cases);
    tcase_add_test(tc, role_part_mission_and_actions);
    tcase_add_test(tc, role_part_no_role_on_declared_role_page);
    tcase_add_test(tc, empty_section_headings_and_labels);
    tcase_add_test(tc, hint_style_points_at_style);
    tcase_add_test(tc, http_link_hosts);
    tcase_add_test(tc, invalid_utf8_first_byte_once);
    suite_add_tcase(s, tc);

    TCase *targets = tcase_create("local-target");
    tcase_add_unchecked_fixture(targets, load_rules, free_rules);
    tcase_add_unchecked_fixture(targets, make_tree, remove_tree);
    tcase_add_test(targets, local_target_spaces_percent_and_fragments);
    tcase_add_test(targets, local_target_leaves_non_files_alone);
    tcase_add_test(targets, local_target_liquid_tags);
    tcase_add_test(targets, local_target_skips_standard_input);
    tcase_add_test(targets, local_target_asks_the_lookup_first);
    suite_add_tcase(s, targets);
    return s;
}
