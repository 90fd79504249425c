/* The role model (docs/roles.md): words and role titles, the page
 * decision, families, regions and parts, overrides; title analysis and the
 * lexicon: every written form of a gendered title, the full forms; and
 * the two title check kinds. */
#include "suites.h"
#include "lint/checks/check.h"
#include "model/titles.h"
#include "model/title.h"
#include "model/roles_data.h"

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
    return rd_model_extract(*doc, &rules, RD_ROLE_PAGE_DETECT);
}

/* The only role or family of a model at the top. */
static const rd_role *top(const rd_model *m)
{
    const rd_role *r = rd_model_first(m);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_null(rd_role_next(r));
    return r;
}

static const rd_role_part *part(const rd_role *r, rd_part kind, size_t i)
{
    const rd_role_part *p = rd_role_part_at(r, kind, i);
    ck_assert_msg(p != NULL, "%s: no %s part %zu", rd_role_title(r),
                  rd_part_name(kind), i);
    return p;
}

static uint32_t part_line(const rd_role *r, rd_part kind, size_t i)
{
    return rd_part_lead(part(r, kind, i))->line;
}

/* Whether one of the model's reasons holds `text`. */
static bool has_reason(const rd_model *m, const char *text)
{
    for (size_t i = 0; i < rd_model_reason_count(m); i++)
        if (strstr(rd_model_reason(m, i, NULL), text))
            return true;
    return false;
}

static void done(rd_model *m, rd_doc *doc)
{
    rd_model_free(m);
    rd_doc_free(doc);
}

/* ------------------------------------------------------------- words */

START_TEST(word_keys)
{
    static const struct { const char *text, *keys; } cases[] = {
        { "Chargé·e·s", "charge" },
        { "coach.e", "coach" },
        { "Développeur.se", "developpeur" },
        { "Intrapreneur(e)", "intrapreneur" },
        { "Le/la développeur/développeuse", "le/la developpeur/developpeuse" },
        { "Activités principales :", "activite principale" },
        { "commerciaux", "commercial" },
        { "Qu’est-ce qu’un·e coach ?", "qu' est ce qu' un coach" },
        { "👷‍♀️ Les métiers", "les metier" },
        { "d'incubateur", "d' incubateur" },
    };
    rd_words all, only;
    rd_words_init(&all);
    rd_words_init(&only);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rd_words_split(&all, cases[i].text, strlen(cases[i].text));
        rd_words_only(&only, &all);
        rd_buf b;
        rd_buf_init(&b);
        for (size_t w = 0; w < only.n; w++)
            rd_buf_printf(&b, "%s%s", w ? " " : "", rd_words_key(&only, w));
        ck_assert_msg(b.data && strcmp(b.data, cases[i].keys) == 0, "%s: \"%s\"",
                      cases[i].text, b.data ? b.data : "");
        rd_buf_free(&b);
    }
    rd_words_free(&all);
    rd_words_free(&only);
}
END_TEST

/* ------------------------------------------------------------- titles */

static const struct {
    const char *title;
    rd_title_kind kind;
} role_titles[] = {
    { "Coach", RD_TITLE_PERSON },
    { "Responsables de portefeuille", RD_TITLE_PERSON },
    { "Le/la développeur/développeuse commercial(e)", RD_TITLE_PERSON },
    { "Community Builder / Manager", RD_TITLE_PERSON },
    { "Key Account Manager", RD_TITLE_PERSON },
    { "Gestionnaire de produit (PO/PM)", RD_TITLE_PERSON },
    { "Le ou la coach", RD_TITLE_PERSON },
    { "Chargé·e de la relation et du support", RD_TITLE_PERSON },
    { "Gestion de produit", RD_TITLE_DISCIPLINE },
    { "Coaching", RD_TITLE_DISCIPLINE },
    { "Design (UX/UI)", RD_TITLE_DISCIPLINE },
    { "Les métiers du numérique", RD_TITLE_FAMILY },
    { "Design system", RD_TITLE_NONE },
    { "Conseils pour les coachs en investigation", RD_TITLE_NONE },
    { "Galerie de portraits d'intrapreneurs", RD_TITLE_NONE },
    { "Le coach, la startup et la mesure d'impact", RD_TITLE_NONE },
    { "Les différents métiers", RD_TITLE_NONE },
    { "Relation coach et intrapreneur", RD_TITLE_NONE },
    { "Vision", RD_TITLE_NONE },
    { "Les coachs doivent adopter une posture adéquate.", RD_TITLE_NONE },
    { "Le coach qui accompagne une équipe de bout en bout pendant toute sa vie", RD_TITLE_NONE },
};

START_TEST(role_title_table)
{
    rd_vocab *own;
    const rd_vocab *v = rd_ruleset_vocab(&rules, &own);
    rd_title_read t;
    rd_title_read_text(v, role_titles[_i].title, &t);
    ck_assert_msg(t.kind == role_titles[_i].kind, "%s: kind %d (%s)",
                  role_titles[_i].title, t.kind, t.why);
    if (t.kind == RD_TITLE_NONE)
        ck_assert_msg(t.why[0], "%s: no reason", role_titles[_i].title);
    rd_vocab_free(own);
}
END_TEST

/* ------------------------------------------------------------- model */

/* A title naming a job, with no description of it, is no role page. */
START_TEST(page_without_roles)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\n## Posture\n\nÉcouter.\n", &doc);
    ck_assert_ptr_null(rd_model_first(m));
    ck_assert_uint_eq(rd_model_role_count(m), 0);
    ck_assert_uint_eq(rd_model_family_count(m), 0);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    ck_assert_int_eq(rd_model_decision(m), RD_DECISION_NOT_DETECTED);
    ck_assert(has_reason(m, "does not describe the job"));
    done(m, doc);
}
END_TEST

/* Headings that are labels make no role page when the title is no role
 * title ("Vision", with "Mission" and "Objectifs" under it). */
START_TEST(labels_without_role_title)
{
    rd_doc *doc;
    rd_model *m = model_of("# Vision\n\n## Mission\n\nAider.\n\n## Objectifs\n\n"
                           "* un\n* deux\n", &doc);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    ck_assert(has_reason(m, "\"vision\" is not a job noun"));
    done(m, doc);
}
END_TEST

/* A page whose title holds the labels is one role, not a family. */
START_TEST(single_role_page)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\n**Mission**\n\nAider.\n\n## Actions\n\n* un\n* deux\n", &doc);
    ck_assert_uint_eq(rd_model_role_count(m), 1);
    ck_assert_uint_eq(rd_model_family_count(m), 0);
    const rd_role *r = top(m);
    ck_assert_int_eq(rd_role_is_family(r), 0);
    ck_assert_int_eq(rd_role_gender(r), RD_TITLE_EPICENE);
    ck_assert_ptr_null(rd_role_masculine(r));
    ck_assert_uint_eq(rd_role_action_count(r), 2);
    ck_assert_uint_eq(part_line(r, RD_PART_ACTIONS, 0), 7);
    ck_assert_int_eq(rd_part_found_via(part(r, RD_PART_MISSION, 0)), RD_VIA_LABEL);
    ck_assert_int_eq(rd_model_decision(m), RD_DECISION_DETECTED);
    done(m, doc);
}
END_TEST

/* Labels written with a trailing colon, an entity space or in capitals;
 * inside a hint; headings as labels; numbering removed from titles. The
 * page title is no family title, but its role has two labelled parts. */
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
    ck_assert_uint_eq(rd_model_role_count(m), 1);
    ck_assert_uint_eq(rd_model_family_count(m), 1);
    const rd_role *r = rd_role_first_child(top(m));
    ck_assert_str_eq(rd_role_title(r), "Intrapreneur / intrapreneure");
    uint32_t line, col;
    rd_role_title_position(r, &line, &col);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 7);
    ck_assert_uint_eq(part_line(r, RD_PART_OBJECTIVES, 0), 6);
    ck_assert_uint_eq(rd_part_item_count(part(r, RD_PART_OBJECTIVES, 0)), 1);
    const rd_role_part *mission = part(r, RD_PART_MISSION, 0);
    ck_assert_uint_eq(rd_part_lead(mission)->line, 11);
    ck_assert_uint_eq(rd_part_first(mission)->line, 13);
    ck_assert_ptr_eq(rd_part_first(mission), rd_part_last(mission));
    const rd_role_part *actions = part(r, RD_PART_ACTIONS, 0);
    ck_assert_uint_eq(rd_part_lead(actions)->line, 15);
    ck_assert_uint_eq(rd_part_item_count(actions), 3);
    ck_assert_uint_eq(rd_part_last(actions)->line, 21);
    ck_assert_str_eq(rd_role_feminine(r), "Intrapreneure");
    done(m, doc);
}
END_TEST

/* A role that holds roles is their family; a family title holds the
 * others; a heading that is no role title between them is neither. */
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
    ck_assert_uint_eq(rd_model_family_count(m), 2);
    ck_assert_uint_eq(rd_model_role_count(m), 3);
    const rd_role *family = top(m);
    ck_assert_str_eq(rd_role_title(family), "Métiers");
    const rd_role *design = rd_role_first_child(family);
    ck_assert_str_eq(rd_role_title(design), "Design");
    ck_assert_int_eq(rd_role_is_family(design), 1);
    ck_assert_uint_eq(rd_role_part_count(design, RD_PART_MISSION), 1);
    const rd_role *service = rd_role_first_child(design);
    ck_assert_str_eq(rd_role_title(service), "Designer / designeuse de service");
    ck_assert_str_eq(rd_role_title(rd_role_next(service)), "Designer / designeuse d'interface");
    ck_assert_ptr_null(rd_role_next(rd_role_next(service)));
    const rd_role *coach = rd_role_next(design);
    ck_assert_str_eq(rd_role_title(coach), "Coach");
    ck_assert_ptr_eq(rd_role_parent(coach), family);
    const rd_role *r = NULL;
    const char *order[] = { "Métiers", "Design", "Designer / designeuse de service",
                            "Designer / designeuse d'interface", "Coach" };
    for (size_t i = 0; i < 5; i++) {
        r = rd_model_next(m, r);
        ck_assert_str_eq(rd_role_title(r), order[i]);
    }
    ck_assert_ptr_null(rd_model_next(m, r));
    done(m, doc);
}
END_TEST

/* A heading inside a container ends with the container: the label after
 * the container is not its own, and the heading does not end the section
 * of the heading outside (which holds it). A label inside a container of
 * a role's section is the role's. */
START_TEST(sections_and_containers)
{
    const char *page =
        "# Les métiers\n\n"
        "## Développeur / développeuse\n\n"
        "{% hint style=\"info\" %}\n"
        "**Mission**\n\n"
        "Coder.\n"
        "{% endhint %}\n\n"
        "**Actions**\n\n* Coder\n\n"
        "{% hint style=\"info\" %}\n"
        "## Coach\n\n"
        "**Mission**\n\nAccompagner.\n"
        "{% endhint %}\n\n"
        "**Objectifs**\n\n* un\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    ck_assert_uint_eq(rd_model_role_count(m), 1);
    ck_assert_uint_eq(rd_model_family_count(m), 2);
    const rd_role *dev = rd_role_first_child(top(m));
    ck_assert_str_eq(rd_role_title(dev), "Développeur / développeuse");
    ck_assert_int_eq(rd_role_is_family(dev), 1);
    ck_assert_uint_eq(part_line(dev, RD_PART_MISSION, 0), 6);
    ck_assert_uint_eq(part_line(dev, RD_PART_ACTIONS, 0), 11);
    ck_assert_uint_eq(part_line(dev, RD_PART_OBJECTIVES, 0), 23);
    const rd_role *coach = rd_role_first_child(dev);
    ck_assert_str_eq(rd_role_title(coach), "Coach");
    ck_assert_uint_eq(part_line(coach, RD_PART_MISSION, 0), 18);
    ck_assert_uint_eq(rd_role_part_count(coach, RD_PART_OBJECTIVES), 0);
    done(m, doc);
}
END_TEST

/* The illustration: first image before the first part, in a paragraph or
 * a figure; none after it. */
START_TEST(illustration)
{
    const char *page =
        "# Coach\n\n"
        "Texte ![Portrait](portrait.png) suite.\n\n"
        "<figure><img src=\"b.png\" alt=\"B\"></figure>\n\n"
        "**Mission**\n\nAider.\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    const rd_node *img = rd_role_illustration(top(m));
    ck_assert_ptr_nonnull(img);
    ck_assert_str_eq(img->url, "portrait.png");
    ck_assert_uint_eq(img->line, 3);
    done(m, doc);
    m = model_of("# Coach\n\n**Mission**\n\nAider.\n\n![x](after.png)\n", &doc);
    ck_assert_ptr_null(rd_role_illustration(top(m)));
    done(m, doc);
}
END_TEST

/* The opening hint or paragraph that names the job, or holds a mission
 * phrase, is the mission when no label gives one; before the first
 * sub-heading only. */
START_TEST(opening_mission)
{
    rd_doc *doc;
    rd_model *m = model_of("# Développeuse / développeur\n\n"
                           "{% hint style=\"info\" %}\nLes développeuses codent.\n"
                           "{% endhint %}\n", &doc);
    const rd_role_part *mission = part(top(m), RD_PART_MISSION, 0);
    ck_assert_int_eq(rd_part_found_via(mission), RD_VIA_OPENING);
    ck_assert_uint_eq(rd_part_lead(mission)->line, 3);
    done(m, doc);
    m = model_of("# Facilitation\n\nElle a pour mission de faire avancer un groupe.\n", &doc);
    ck_assert_int_eq(rd_model_is_role_page(m), 1);
    done(m, doc);
    m = model_of("# Facilitation\n\nUn atelier bien mené.\n", &doc);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    done(m, doc);
    m = model_of("# Coach\n\n## Contexte\n\nLe coach aide.\n", &doc);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    done(m, doc);
}
END_TEST

/* A list after a lead-in sentence is an action list; a lead-in naming
 * skills is none; a lead-in in a block quote is quoted. */
START_TEST(lead_in_lists)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\nLes coachs accompagnent. Ils ont les missions "
                           "suivantes :\n\n* un\n* deux\n  * sous-point\n* trois\n\n"
                           "Les coachs ont les compétences suivantes :\n\n* écoute\n\n"
                           "> Le coach doit :\n>\n> * citer\n", &doc);
    const rd_role *r = top(m);
    ck_assert_uint_eq(rd_role_part_count(r, RD_PART_ACTIONS), 1);
    const rd_role_part *actions = part(r, RD_PART_ACTIONS, 0);
    ck_assert_int_eq(rd_part_found_via(actions), RD_VIA_LEAD_IN);
    ck_assert_uint_eq(rd_part_item_count(actions), 3);
    ck_assert_uint_eq(rd_part_lead(actions)->line, 3);
    ck_assert(has_reason(m, "missions suivantes"));
    done(m, doc);
}
END_TEST

/* Several action lists, and limits: the longest label wins ("ne doit pas
 * faire" over "doit faire"). */
START_TEST(several_lists_and_limits)
{
    rd_doc *doc;
    rd_model *m = model_of("# Coach\n\n**Mission**\n\nAider.\n\n"
                           "## Ce que le coach doit faire\n\n* a\n* b\n\n"
                           "## Ce que le coach peut faire\n\n* c\n\n"
                           "## Ce que le coach ne doit pas faire\n\n* d\n* e\n* f\n", &doc);
    const rd_role *r = top(m);
    ck_assert_uint_eq(rd_role_part_count(r, RD_PART_ACTIONS), 2);
    ck_assert_uint_eq(rd_role_action_count(r), 3);
    ck_assert_uint_eq(rd_role_part_count(r, RD_PART_LIMITS), 1);
    ck_assert_uint_eq(rd_part_item_count(part(r, RD_PART_LIMITS, 0)), 3);
    done(m, doc);
}
END_TEST

/* Roles under bold paragraphs; a family's mission axes; a bold paragraph
 * that is neither a label nor a role title ends the part before it. */
START_TEST(strong_roles_and_axes)
{
    const char *page =
        "# Les métiers du numérique\n\n"
        "## Axes de mission des équipes\n\n* a\n* b\n\n"
        "**Développeur / développeuse**\n\n"
        "**Actions**\n\n* coder\n* tester\n\n"
        "**Coach**\n\n"
        "**Actions**\n\n* accompagner\n\n"
        "**Le métier évolue vite.**\n\n"
        "Un paragraphe de la famille.\n";
    rd_doc *doc;
    rd_model *m = model_of(page, &doc);
    const rd_role *family = top(m);
    ck_assert_uint_eq(rd_role_part_count(family, RD_PART_AXES), 1);
    ck_assert_uint_eq(rd_part_item_count(part(family, RD_PART_AXES, 0)), 2);
    const rd_role *dev = rd_role_first_child(family);
    ck_assert_str_eq(rd_role_title(dev), "Développeur / développeuse");
    ck_assert_int_eq(rd_roles_level(dev), 0);
    ck_assert_uint_eq(rd_role_action_count(dev), 2);
    const rd_role *coach = rd_role_next(dev);
    ck_assert_str_eq(rd_role_title(coach), "Coach");
    const rd_role_part *actions = part(coach, RD_PART_ACTIONS, 0);
    ck_assert_uint_eq(rd_part_last(actions)->line, 19);
    done(m, doc);
}
END_TEST

/* The configuration and front matter win over detection. */
START_TEST(overrides)
{
    const char *page = "# Astreinte\n\nDes liens.\n";
    rd_doc *doc = rd_doc_parse(page, strlen(page), "page.md", NULL);
    rd_model *m = rd_model_extract(doc, &rules, RD_ROLE_PAGE_DETECT);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    rd_model_free(m);
    m = rd_model_extract(doc, &rules, RD_ROLE_PAGE_DECLARED);
    ck_assert_int_eq(rd_model_is_role_page(m), 1);
    ck_assert_int_eq(rd_model_decision(m), RD_DECISION_DECLARED);
    ck_assert_str_eq(rd_role_title(top(m)), "Astreinte");
    rd_model_free(m);
    rd_doc_free(doc);
    m = model_of("---\nrole-page: false\n---\n# Coach\n\n**Mission**\n\nAider.\n", &doc);
    ck_assert_int_eq(rd_model_is_role_page(m), 0);
    ck_assert_int_eq(rd_model_decision(m), RD_DECISION_OPTED_OUT);
    done(m, doc);
    page = "---\nrole-page: true\n---\n# Astreinte\n";
    doc = rd_doc_parse(page, strlen(page), "page.md", NULL);
    m = rd_model_extract(doc, &rules, RD_ROLE_PAGE_OPTED_OUT);
    ck_assert_int_eq(rd_model_decision(m), RD_DECISION_DECLARED);
    done(m, doc);
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
    rd_model *m = rd_model_extract(doc, &rules, RD_ROLE_PAGE_DETECT);
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
    tcase_add_test(tc, word_keys);
    tcase_add_loop_test(tc, role_title_table, 0,
                        (int)(sizeof role_titles / sizeof role_titles[0]));
    tcase_add_test(tc, page_without_roles);
    tcase_add_test(tc, labels_without_role_title);
    tcase_add_test(tc, single_role_page);
    tcase_add_test(tc, label_forms);
    tcase_add_test(tc, nested_families);
    tcase_add_test(tc, sections_and_containers);
    tcase_add_test(tc, illustration);
    tcase_add_test(tc, opening_mission);
    tcase_add_test(tc, lead_in_lists);
    tcase_add_test(tc, several_lists_and_limits);
    tcase_add_test(tc, strong_roles_and_axes);
    tcase_add_test(tc, overrides);
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
