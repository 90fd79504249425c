/* Role titles: whether a heading's text names a job (docs/roles.md, "Role
 * titles"), and which job nouns it names. */
#ifndef RD_MODEL_TITLE_H
#define RD_MODEL_TITLE_H

#include "vocab.h"

typedef enum {
    RD_TITLE_NONE,           /* not a role title */
    RD_TITLE_PERSON,         /* job phrases naming a person */
    RD_TITLE_DISCIPLINE,     /* a discipline ("Gestion de produit") */
    RD_TITLE_FAMILY          /* a family noun ("Les métiers de…") */
} rd_title_kind;

/* At most this many words: longer text is a sentence, not a title. */
#define RD_TITLE_MAX_WORDS 10

typedef struct {
    rd_title_kind kind;
    /* The job nouns the title names (keys, both forms when the lexicon
     * pairs them), for finding the job in the page's text; and the first
     * text that decided, for the reasons. */
    const char *nouns[8];
    size_t nnouns;
    char why[160];
} rd_title_read;

/* Reads a title. `text` is the visible text (numbering removed). */
void rd_title_read_text(const rd_vocab *v, const char *text, rd_title_read *out);

/* Whether w names one of the nouns of t, among its first `limit` words. */
bool rd_title_named_in(const rd_title_read *t, const rd_words *w, size_t limit);
/* Whether w names a job noun of the lexicon among its first `limit` words. */
bool rd_vocab_names_job(const rd_vocab *v, const rd_words *w, size_t limit);

#endif
