/* Title analysis: which gendered words a role title holds, whether it
 * gives both forms, and how it writes them. The role model uses it for the
 * full masculine and feminine titles; the gendered-title and
 * inclusive-form-style checks use it for their findings. */
#ifndef RD_TITLES_H
#define RD_TITLES_H

#include "internal.h"

/* The ways a title writes both forms. */
enum {
    RD_STYLE_DOUBLET     = 1u << 0,  /* "Chargé / chargée", "Le ou la" */
    RD_STYLE_SLASH       = 1u << 1,  /* "le/la", "chargé/chargée" */
    RD_STYLE_PARENTHESES = 1u << 2,  /* "commercial(e)" */
    RD_STYLE_MEDIAN_DOT  = 1u << 3,  /* "intrapreneur·e" */
    RD_STYLE_DOT         = 1u << 4   /* "développeur.se" */
};
#define RD_STYLE_COUNT 5

/* "doublet", "slash", "parentheses", "median-dot", "dot"; index is the
 * bit's position. */
const char *rd_style_name(int index);
/* The style bit of a name (surrounding blanks ignored), 0 when unknown. */
unsigned rd_style_from_name(const char *name, size_t len);

typedef enum {
    RD_GENDER_NONE = 0,
    RD_GENDER_MASCULINE,
    RD_GENDER_FEMININE
} rd_gender;

const char *rd_gender_name(rd_gender g);   /* "masculine", "feminine" */

/* The rule set's lexicon indexed by folded form (case and accents do not
 * count). Built once per run or page; read-only afterwards. */
typedef struct rd_lexicon rd_lexicon;

rd_lexicon *rd_lexicon_new(const rd_ruleset *rules);
void rd_lexicon_free(rd_lexicon *lex);
/* The lexicon of rules, built when first asked for and kept with the set
 * (every page of a run reads the same one; safe from several threads). A
 * set made by hand, without rd_ruleset_init, gets a new one in *own, which
 * the caller frees with rd_lexicon_free (NULL otherwise). */
const rd_lexicon *rd_ruleset_lexicon(const rd_ruleset *rules, rd_lexicon **own);

typedef struct {
    bool gendered;           /* a gendered word names the person */
    bool complete;           /* every such word is given in both forms */
    /* When incomplete: the form written, the forms to add ("développeuse")
     * and the title with both ("Développeur / développeuse front-end"). */
    rd_gender present;
    char *missing;
    char *suggestion;
    /* When complete: the title in each form ("Le développeur commercial",
     * "La développeuse commerciale"); NULL otherwise. */
    char *masculine;
    char *feminine;
    unsigned styles;         /* RD_STYLE_* bits used for gendered words */
    char *style_form[RD_STYLE_COUNT];   /* first text written in each style */
} rd_title_info;

/* Analyses a title (UTF-8). Never fails but for memory; free the result
 * with rd_title_info_free. */
void rd_title_analyse(const rd_lexicon *lex, const char *title,
                      rd_title_info *info);
void rd_title_info_free(rd_title_info *info);

/* Bytes of leading numbering ("1. ", "2) ", "3- ") at the start of a
 * heading's text, spaces after it included; 0 when there is none. */
size_t rd_title_numbering_len(const char *text);

#endif
