/* The role model, title analysis and the lexicon: the reference page's
 * families and roles, every written form of a gendered title, the full
 * forms, and the two title check kinds. */
#include "suites.h"
#include "checks/check.h"
#include "titles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rd_ruleset rules;
static rd_lexicon *lex;

static void load_rules(void)
{
    load_source_rules(&rules);
    lex = rd_lexicon_new(&rules);
}

static void free_rules(void)
{
    rd_lexicon_free(lex);
    rd_ruleset_free(&rules);
}

static rd_model *model_of(const char *page, rd_doc **doc)
{
    *doc = rd_doc_parse(page, strlen(page), "page.md", NULL);
    return rd_model_extract(*doc, &rules);
}


/* ------------------------------------------------------ reference page */

/* Acceptance: one family, the page title, holding five roles in order with
 * 5, 5, 6, 6 and 6 actions, two objectives for the first two only, and a
 * mission for all. */
START_TEST(reference_page)
{
    const char *path = reference_page_path();
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "reference page absent (%s): not checked\n", path);
        return;
    }
    rd_error err;
    rd_doc *doc = rd_doc_load(path, NULL, NULL, &err);
    ck_assert_ptr_nonnull(doc);
    rd_model *m = rd_model_extract(doc, &rules);
    ck_assert_uint_eq(m->nfamilies, 1);
    ck_assert_uint_eq(m->nroles, 5);
    ck_assert_int_eq(m->is_role_page, 1);
    const rd_role *family = m->first;
    ck_assert_ptr_null(family->next);
    ck_assert_int_eq(family->is_family, 1);
    ck_assert_str_eq(family->title, "Chargé / chargée de déploiement");
    ck_assert_str_eq(family->title_masculine, "Chargé de déploiement");
    ck_assert_str_eq(family->title_feminine, "Chargée de déploiement");
    static const struct {
        const char *title;
        unsigned line;
        size_t actions, objectives;
    } expect[] = {
        { "Le/la développeur/développeuse commercial(e)", 27, 5, 2 },
        { "Le/la chargé/chargée de la relation clientèle", 48, 5, 2 },
        { "Community Builder / Manager", 73, 6, 0 },
        { "Growth Hacker", 90, 6, 0 },
        { "Key Account Manager", 107, 6, 0 },
    };
    const rd_role *r = family->first_child;
    for (size_t i = 0; i < 5; i++, r = r->next) {
        ck_assert_ptr_nonnull(r);
        ck_assert_int_eq(r->is_family, 0);
        ck_assert_ptr_eq(r->parent, family);
        ck_assert_str_eq(r->title, expect[i].title);
        ck_assert_uint_eq(r->heading->line, expect[i].line);
        ck_assert_ptr_nonnull(r->parts[RD_PART_MISSION].label);
        ck_assert_ptr_nonnull(r->parts[RD_PART_MISSION].first);
        ck_assert_ptr_nonnull(r->parts[RD_PART_ACTIONS].label);
        ck_assert_uint_eq(r->parts[RD_PART_ACTIONS].items, expect[i].actions);
        ck_assert_uint_eq(r->parts[RD_PART_OBJECTIVES].items, expect[i].objectives);
        ck_assert_int_eq(r->parts[RD_PART_OBJECTIVES].label != NULL,
                         expect[i].objectives > 0);
        ck_assert_ptr_nonnull(r->illustration);
    }
    ck_assert_ptr_null(r);
    const rd_role *first = family->first_child;
    ck_assert_str_eq(first->title_masculine, "Le développeur commercial");
    ck_assert_str_eq(first->title_feminine, "La développeuse commerciale");
    ck_assert_str_eq(first->illustration->url, "../../.gitbook/assets/Sales (1).png");
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------- model */

START_TEST(page_without_roles)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\n## Posture\n\nÉcouter.\n", &doc);
    ck_assert_ptr_null(m->first);
    ck_assert_uint_eq(m->nroles, 0);
    ck_assert_uint_eq(m->nfamilies, 0);
    ck_assert_int_eq(m->is_role_page, 0);
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* A page whose title holds the labels is one role, not a family. */
START_TEST(single_role_page)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\n**Mission**\n\nAider.\n\n## Actions\n\n* un\n* deux\n", &doc);
    ck_assert_uint_eq(m->nroles, 1);
    ck_assert_uint_eq(m->nfamilies, 0);
    ck_assert_int_eq(m->first->is_family, 0);
    ck_assert_ptr_null(m->first->title_masculine);
    ck_assert_uint_eq(m->first->parts[RD_PART_ACTIONS].items, 2);
    ck_assert_uint_eq(m->first->parts[RD_PART_ACTIONS].label->line, 7);
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* Labels written with a trailing colon, an entity space or in capitals;
 * inside a hint; headings as labels; numbering removed from titles. */
START_TEST(label_forms)
{
    const char *page =
        "# Famille\n\n"
        "## 2) Intrapreneur / intrapreneure\n\n"
        "{% hint style=\"info\" %}\n"
        "**OBJECTIFS :**\n\n"
        "* un\n"
        "{% endhint %}\n\n"
        "**Mission**&#x20;\n\n"
        "Texte.\n\n"
        "### Actions principales\n\n"
        "* a\n* b\n* c\n\n"
        "Fin.\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    ck_assert_uint_eq(m->nroles, 1);
    ck_assert_uint_eq(m->nfamilies, 1);
    const rd_role *r = m->first->first_child;
    ck_assert_str_eq(r->title, "Intrapreneur / intrapreneure");
    ck_assert_uint_eq(r->parts[RD_PART_OBJECTIVES].label->line, 6);
    ck_assert_uint_eq(r->parts[RD_PART_OBJECTIVES].items, 1);
    ck_assert_uint_eq(r->parts[RD_PART_MISSION].label->line, 11);
    ck_assert_uint_eq(r->parts[RD_PART_MISSION].first->line, 13);
    ck_assert_ptr_eq(r->parts[RD_PART_MISSION].first, r->parts[RD_PART_MISSION].last);
    ck_assert_uint_eq(r->parts[RD_PART_ACTIONS].label->line, 15);
    ck_assert_uint_eq(r->parts[RD_PART_ACTIONS].items, 3);
    ck_assert_uint_eq(r->parts[RD_PART_ACTIONS].last->line, 21);
    ck_assert_str_eq(r->title_feminine, "Intrapreneure");
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* A role that holds roles is their family; the page title is the family
 * of the others; a heading without labels between them is neither. */
START_TEST(nested_families)
{
    const char *page =
        "# Métiers\n\n"
        "## Design\n\n"
        "**Mission**\n\nConcevoir.\n\n"
        "### Designer / designeuse de service\n\n"
        "**Mission**\n\nServir.\n\n"
        "### Designer / designeuse d'interface\n\n"
        "**Mission**\n\nDessiner.\n\n"
        "## Autres métiers\n\n"
        "### Coach\n\n"
        "**Actions**\n\n* Accompagner\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    ck_assert_uint_eq(m->nfamilies, 2);
    ck_assert_uint_eq(m->nroles, 3);
    const rd_role *top = m->first;
    ck_assert_str_eq(top->title, "Métiers");
    ck_assert_ptr_null(top->next);
    const rd_role *design = top->first_child;
    ck_assert_str_eq(design->title, "Design");
    ck_assert_int_eq(design->is_family, 1);
    ck_assert_ptr_nonnull(design->parts[RD_PART_MISSION].label);
    ck_assert_str_eq(design->first_child->title, "Designer / designeuse de service");
    ck_assert_str_eq(design->first_child->next->title, "Designer / designeuse d'interface");
    ck_assert_ptr_null(design->first_child->next->next);
    ck_assert_str_eq(design->next->title, "Coach");
    ck_assert_ptr_eq(design->next->parent, top);
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* A heading inside a container ends with the container: a label inside
 * the container after it is its own, a label after the container is the
 * outer heading's. */
START_TEST(sections_and_containers)
{
    const char *page =
        "# Page\n\n"
        "## Développeur / développeuse\n\n"
        "{% hint style=\"info\" %}\n"
        "### Bon à savoir\n\n"
        "**Mission**\n\n"
        "Texte.\n"
        "{% endhint %}\n\n"
        "**Actions**\n\n* Coder\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    ck_assert_uint_eq(m->nroles, 1);
    ck_assert_uint_eq(m->nfamilies, 2);
    const rd_role *outer = m->first->first_child;
    ck_assert_str_eq(outer->title, "Développeur / développeuse");
    ck_assert_int_eq(outer->is_family, 1);
    ck_assert_uint_eq(outer->parts[RD_PART_ACTIONS].label->line, 13);
    ck_assert_ptr_null(outer->parts[RD_PART_MISSION].label);
    const rd_role *inner = outer->first_child;
    ck_assert_str_eq(inner->title, "Bon à savoir");
    ck_assert_uint_eq(inner->parts[RD_PART_MISSION].label->line, 8);
    ck_assert_ptr_null(inner->parts[RD_PART_ACTIONS].label);
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* The illustration: first image before the first label, in a figure, a
 * div or a paragraph; none after it. */
START_TEST(illustration)
{
    const char *page =
        "# Coach\n\n"
        "Texte ![Portrait](portrait.png) suite.\n\n"
        "<figure><img src=\"b.png\" alt=\"B\"></figure>\n\n"
        "**Mission**\n\nAider.\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    ck_assert_ptr_nonnull(m->first->illustration);
    ck_assert_str_eq(m->first->illustration->url, "portrait.png");
    ck_assert_uint_eq(m->first->illustration->line, 3);
    rd_model_free(m);
    rd_doc_free(doc);
    m = model_of("# Coach\n\n**Mission**\n\n![x](after.png)\n", &doc);
    ck_assert_ptr_null(m->first->illustration);
    rd_model_free(m);
    rd_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ titles */

typedef struct {
    const char *title;
    bool gendered, complete;
    const char *missing, *suggestion;
    unsigned styles;
} title_case;

static const title_case title_cases[] = {
    /* acceptance */
    { "Développeur front-end", true, false, "développeuse",
      "Développeur / développeuse front-end", 0 },
    { "Facilitateur·rice", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Intrapreneur(e)", true, true, NULL, NULL, RD_STYLE_PARENTHESES },
    { "Designer / designeuse", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Le/la chargé/chargée de …", true, true, NULL, NULL, RD_STYLE_SLASH },
    { "Coach", false, false, NULL, NULL, 0 },
    { "Responsable de portefeuille", false, false, NULL, NULL, 0 },
    { "Growth Hacker", false, false, NULL, NULL, 0 },
    /* every written form of the design notes */
    { "Chargé / chargée", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Développeuse / développeur", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Chargé ou chargée de mission", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Chargés et chargées de déploiement", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Le ou la Community manager", true, true, NULL, NULL, RD_STYLE_DOUBLET },
    { "Il/elle", true, true, NULL, NULL, RD_STYLE_SLASH },
    { "Commercial(e)", true, true, NULL, NULL, RD_STYLE_PARENTHESES },
    { "Intrapreneur·e", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Développeur.se", true, true, NULL, NULL, RD_STYLE_DOT },
    { "Chargé·e de mission", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Développeur·euse", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Directeur·ice technique", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Conseiller·ère numérique", true, true, NULL, NULL, RD_STYLE_MEDIAN_DOT },
    { "Le/la développeur/développeuse commercial(e)", true, true, NULL, NULL,
      RD_STYLE_SLASH | RD_STYLE_PARENTHESES },
    /* complements agree with their own noun, not with the person */
    { "Le/la chargé/chargée de la relation clientèle", true, true, NULL, NULL,
      RD_STYLE_SLASH },
    { "Chargé / chargée de mission commerciale", true, true, NULL, NULL,
      RD_STYLE_DOUBLET },
    { "Community Builder / Manager", false, false, NULL, NULL, 0 },
    { "Key Account Manager", false, false, NULL, NULL, 0 },
    { "Responsables de portefeuille", false, false, NULL, NULL, 0 },
    { "Gestionnaire de produit (PO/PM)", false, false, NULL, NULL, 0 },
    { "Responsable d’incubateur", false, false, NULL, NULL, 0 },
    /* incomplete titles and what to write instead */
    { "Cheffe de projet", true, false, "chef", "Cheffe / chef de projet", 0 },
    { "Le développeur commercial", true, false, "la développeuse commerciale",
      "Le développeur commercial / la développeuse commerciale", 0 },
    { "Le coach", true, false, "la", "Le / la coach", 0 },
    { "La certification des intras", false, false, NULL, NULL, 0 },
    { "Qu'est-ce qu'un·e responsable de portefeuille ?", true, true, NULL, NULL,
      RD_STYLE_MEDIAN_DOT },
    { "Développeur·e", true, false, "développeuse", "Développeur / développeuse", 0 },
    { "UX designer", true, false, "designeuse", "UX designer / designeuse", 0 },
    { "DÉVELOPPEUR", true, false, "développeuse", "DÉVELOPPEUR / DÉVELOPPEUSE", 0 },
    { "Les chargés de mission", true, false, "chargées",
      "Les chargés / chargées de mission", 0 },
    { "Chargé: mission commerciale", true, false, "chargée",
      "Chargé / chargée: mission commerciale", 0 },
};

START_TEST(title_table)
{
    const title_case *c = &title_cases[_i];
    rd_title_info info;
    rd_title_analyse(lex, c->title, &info);
    ck_assert_msg(info.gendered == c->gendered, "%s: gendered %d", c->title, info.gendered);
    ck_assert_msg(info.complete == c->complete, "%s: complete %d", c->title, info.complete);
    ck_assert_msg(info.styles == c->styles, "%s: styles %x", c->title, info.styles);
    if (c->missing)
        ck_assert_str_eq(info.missing, c->missing);
    if (c->suggestion)
        ck_assert_str_eq(info.suggestion, c->suggestion);
    if (!c->complete) {
        ck_assert_ptr_null(info.masculine);
        ck_assert_ptr_null(info.feminine);
    }
    rd_title_info_free(&info);
}
END_TEST

static const struct {
    const char *title, *masculine, *feminine;
} full_forms[] = {
    { "Le/la développeur/développeuse commercial(e)",
      "Le développeur commercial", "La développeuse commerciale" },
    { "Chargé / chargée de déploiement",
      "Chargé de déploiement", "Chargée de déploiement" },
    { "Développeuse / développeur", "Développeur", "Développeuse" },
    { "Facilitateur·rice", "Facilitateur", "Facilitatrice" },
    { "Le développeur ou la développeuse front-end",
      "Le développeur front-end", "La développeuse front-end" },
    { "Chargé·es de mission", "Chargés de mission", "Chargées de mission" },
    { "Nouveaux·elles intras", "Nouveaux intras", "Nouvelles intras" },
    { "Chargé / chargée: développement", "Chargé: développement",
      "Chargée: développement" },
    { "Le développeur/la développeuse", "Le développeur", "La développeuse" },
};

START_TEST(title_full_forms)
{
    rd_title_info info;
    rd_title_analyse(lex, full_forms[_i].title, &info);
    ck_assert(info.complete);
    ck_assert_str_eq(info.masculine, full_forms[_i].masculine);
    ck_assert_str_eq(info.feminine, full_forms[_i].feminine);
    rd_title_info_free(&info);
}
END_TEST

START_TEST(title_numbering)
{
    ck_assert_uint_eq(rd_title_numbering_len("1. Le/la"), 3);
    ck_assert_uint_eq(rd_title_numbering_len("12)  Coach"), 5);
    ck_assert_uint_eq(rd_title_numbering_len("3- Coach"), 3);
    ck_assert_uint_eq(rd_title_numbering_len("2024 en chiffres"), 0);
    ck_assert_uint_eq(rd_title_numbering_len("1.2 Coach"), 0);
    ck_assert_uint_eq(rd_title_numbering_len("Coach"), 0);
}
END_TEST

START_TEST(style_names)
{
    ck_assert_uint_eq(rd_style_from_name(" median-dot ", 12), RD_STYLE_MEDIAN_DOT);
    ck_assert_uint_eq(rd_style_from_name("doublet", 7), RD_STYLE_DOUBLET);
    ck_assert_uint_eq(rd_style_from_name("point", 5), 0);
    for (int i = 0; i < RD_STYLE_COUNT; i++)
        ck_assert_uint_eq(rd_style_from_name(rd_style_name(i),
                                             strlen(rd_style_name(i))), 1u << i);
}
END_TEST

/* ----------------------------------------------------------- lexicon */

START_TEST(lexicon_sizes)
{
    static const char *const not_jobs[] = {
        "le", "un", "il", "ils", "ce", "celui", NULL
    };
    size_t jobs = 0;
    for (size_t i = 0; i < rules.npairs; i++) {
        bool job = true;
        for (const char *const *w = not_jobs; *w; w++)
            if (strcmp(rules.pairs[i].masculine, *w) == 0)
                job = false;
        jobs += job;
    }
    ck_assert_uint_ge(jobs, 150);
    ck_assert_uint_ge(rules.nepicene, 60);
}
END_TEST

/* No folded form is both forms of different pairs, nor both gendered and
 * epicene: either would make a title's verdict depend on list order. */
START_TEST(lexicon_unambiguous)
{
    rd_title_info info;
    for (size_t i = 0; i < rules.npairs; i++) {
        /* "coach" after each form: determiners count before a person. */
        const char *forms[2] = { rules.pairs[i].masculine, rules.pairs[i].feminine };
        char one[256], both[256];
        for (int g = 0; g < 2; g++) {
            snprintf(one, sizeof one, "%s coach", forms[g]);
            rd_title_analyse(lex, one, &info);
            ck_assert_msg(info.gendered && !info.complete, "%s", one);
            rd_title_info_free(&info);
        }
        snprintf(both, sizeof both, "%s / %s coach", forms[0], forms[1]);
        rd_title_analyse(lex, both, &info);
        ck_assert_msg(info.complete, "%s", both);
        rd_title_info_free(&info);
    }
    for (size_t i = 0; i < rules.nepicene; i++) {
        rd_title_analyse(lex, rules.epicene[i], &info);
        ck_assert_msg(!info.gendered, "%s", rules.epicene[i]);
        rd_title_info_free(&info);
    }
}
END_TEST

/* -------------------------------------------------------- check kinds */

static rd_diag_list run_kind(const char *id, const char *param, const char *page)
{
    const rd_rule *rule = rd_ruleset_find(&rules, id);
    ck_assert_ptr_nonnull(rule);
    rd_rule enabled = *rule;
    enabled.severity = RD_SEVERITY_WARNING;
    rd_attr allowed = { "allowed", param, NULL, 0, 0 };
    if (param)
        enabled.params = &allowed;
    rd_doc *doc = rd_doc_parse(page, strlen(page), "page.md", NULL);
    rd_model *m = rd_model_extract(doc, &rules);
    rd_diag_list found = { 0 };
    rd_node_index index;
    rd_node_index_build(&index, rd_doc_root(doc));
    rd_check_ctx ctx = { .doc = doc, .index = &index, .model = m,
                         .rules = &rules, .rule = &enabled, .out = &found };
    rd_check_kind_find(rule->kind)->run(&ctx);
    rd_node_index_free(&index);
    rd_diag_list_sort(&found);
    rd_model_free(m);
    rd_doc_free(doc);
    return found;
}

static const char titles_page[] =
    "# Développeur front-end\n\n"
    "Intro.\n\n"
    "## Intrapreneur(e)\n\n"
    "**Mission**\n\nPorter.\n\n"
    "## Cheffe de projet\n\n"
    "**Mission**\n\nPiloter.\n\n"
    "## Coach\n\n"
    "**Mission**\n\nAccompagner.\n";

START_TEST(gendered_title_findings)
{
    rd_diag_list found = run_kind("gendered-title", NULL, titles_page);
    ck_assert_uint_eq(found.len, 2);
    ck_assert_uint_eq(found.items[0].line, 1);
    ck_assert_uint_eq(found.items[0].col, 1);
    ck_assert_str_eq(found.items[0].message,
                     "title \"Développeur front-end\" names only the masculine "
                     "form: add \"développeuse\"");
    ck_assert_str_eq(found.items[0].hint,
                     "write \"Développeur / développeuse front-end\"");
    ck_assert_uint_eq(found.items[1].line, 11);
    ck_assert_ptr_nonnull(strstr(found.items[1].message, "feminine"));
    rd_diag_list_free(&found);
}
END_TEST

START_TEST(inclusive_form_style_findings)
{
    rd_diag_list found = run_kind("inclusive-form-style", "doublet", titles_page);
    ck_assert_uint_eq(found.len, 1);
    ck_assert_uint_eq(found.items[0].line, 5);
    ck_assert_ptr_nonnull(strstr(found.items[0].message, "\"Intrapreneur(e)\""));
    ck_assert_ptr_nonnull(strstr(found.items[0].message, "parentheses"));
    rd_diag_list_free(&found);
    found = run_kind("inclusive-form-style", "doublet, parentheses", titles_page);
    ck_assert_uint_eq(found.len, 0);
    rd_diag_list_free(&found);
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_add_unchecked_fixture(tc, load_rules, free_rules);
    tcase_add_test(tc, reference_page);
    tcase_add_test(tc, page_without_roles);
    tcase_add_test(tc, single_role_page);
    tcase_add_test(tc, label_forms);
    tcase_add_test(tc, nested_families);
    tcase_add_test(tc, sections_and_containers);
    tcase_add_test(tc, illustration);
    tcase_add_loop_test(tc, title_table, 0,
                        (int)(sizeof title_cases / sizeof title_cases[0]));
    tcase_add_loop_test(tc, title_full_forms, 0,
                        (int)(sizeof full_forms / sizeof full_forms[0]));
    tcase_add_test(tc, title_numbering);
    tcase_add_test(tc, style_names);
    tcase_add_test(tc, lexicon_sizes);
    tcase_add_test(tc, lexicon_unambiguous);
    tcase_add_test(tc, gendered_title_findings);
    tcase_add_test(tc, inclusive_form_style_findings);
    suite_add_tcase(s, tc);
    return s;
}
