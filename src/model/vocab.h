/* The recognition data of a rule set, cut into words once (words.h) and
 * indexed for the role model: job nouns, disciplines, family nouns,
 * articles, the lexicon's words, labels, lead-ins and mission phrases
 * (docs/roles.md). Built when a page first needs it and kept with the rule
 * set; read-only afterwards, so pages on several threads share it. */
#ifndef RD_MODEL_VOCAB_H
#define RD_MODEL_VOCAB_H

#include "words.h"
#include "util/strmap.h"

/* What a single word is (bits of the value kept for its key). */
enum {
    RD_W_JOB        = 1u << 0,   /* a job noun, alone */
    RD_W_ARTICLE    = 1u << 1,
    RD_W_LEXICON    = 1u << 2,   /* a form of a pair, or an epicene word */
    RD_W_NOT_ACTION = 1u << 3    /* a one-word label that is no part: a
                                    lead-in holding it is no action lead-in */
};

/* A phrase of several words, or of one (disciplines, labels...). */
typedef struct {
    const char **words;      /* keys */
    size_t n;
    int part;                /* labels: rd_part or RD_NOT_A_PART */
    rd_label_match match;    /* labels */
    const char *text;        /* as declared */
    bool at_end;             /* lead-ins written with their colon ("doit :"):
                                they end the sentence */
} rd_phrase;

typedef struct {
    rd_phrase *items;
    size_t n, cap;
} rd_phrases;

typedef struct rd_vocab {
    rd_arena arena;          /* the keys */
    rd_strmap words;         /* key → RD_W_* bits (as a uintptr_t) */
    rd_strmap other_form;    /* job key → the key of its other form */
    rd_phrases jobs;         /* job nouns of several words */
    rd_phrases disciplines, families, lead_ins, missions;
    rd_phrases labels;
} rd_vocab;

rd_vocab *rd_vocab_new(const rd_ruleset *rules);
void rd_vocab_free(rd_vocab *v);
/* The vocabulary of rules, built when first asked for and kept with the
 * set; a set made by hand gets a new one in *own (caller frees). */
const rd_vocab *rd_ruleset_vocab(const rd_ruleset *rules, rd_vocab **own);

/* The RD_W_* bits of a word's key (each slash alternative counted). */
unsigned rd_vocab_word(const rd_vocab *v, const char *key);
/* The key of the other form of a job noun, or NULL. */
const char *rd_vocab_other_form(const rd_vocab *v, const char *key);

/* Whether the words of w from `at` start with phrase p. */
bool rd_phrase_at(const rd_words *w, size_t at, const rd_phrase *p);
/* The longest phrase of ps that w holds at `at`, or NULL. */
const rd_phrase *rd_phrases_longest_at(const rd_phrases *ps, const rd_words *w,
                                       size_t at);
/* The first phrase of ps that w holds anywhere (its position in *at), or
 * NULL. */
const rd_phrase *rd_phrases_find(const rd_phrases *ps, const rd_words *w,
                                 size_t *at);

/* The longest label that the words of a heading's text match (marks
 * dropped), or NULL. */
const rd_phrase *rd_vocab_label_of(const rd_vocab *v, const rd_words *w);

/* What the text of a heading or bold paragraph is: the part it labels,
 * RD_NOT_A_PART for a label of no part, RD_NO_LABEL (-2) for no label. */
#define RD_NO_LABEL (-2)
int rd_ruleset_label_kind(const rd_ruleset *rules, const char *text);

/* Whether a paragraph holds only bold text (blanks, punctuation and breaks
 * between bold runs allowed): a label or a title when its text is one. */
bool rd_is_bold_paragraph(const rd_node *para);

#endif
