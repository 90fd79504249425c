/* Words of a title, label or sentence, as role recognition compares them
 * (docs/roles.md, "Folded text").
 *
 * Text is folded (rd_fold: case, accents, blanks), then cut into words and
 * a few marks that matter to a title's grammar. Each word is reduced to a
 * key: inclusive suffixes go ("chargé·e·s" → "charge", "coach.e" →
 * "coach", "commercial(e)" → "commercial"), then the plural of words of
 * four letters or more ("activités" → "activite", "commerciaux" →
 * "commercial"). Words joined by a slash without blanks ("le/la",
 * "développeur/développeuse") stay one word whose key keeps the slash:
 * each side is an alternative. Both sides of every comparison (the page's
 * text, the rule files' words) are cut the same way, so that only keys are
 * compared. */
#ifndef RD_MODEL_WORDS_H
#define RD_MODEL_WORDS_H

#include "internal.h"

typedef enum {
    RD_TOK_WORD,
    RD_TOK_SLASH,            /* a slash between blanks: " / " */
    RD_TOK_COMMA,            /* "," or ";" */
    RD_TOK_AMP,              /* "&" */
    RD_TOK_BREAK,            /* ":", "?", "!", ".", a dash between blanks */
    RD_TOK_OPEN,             /* "(" opening a group (not a suffix) */
    RD_TOK_CLOSE             /* ")" */
} rd_tok_type;

typedef struct {
    rd_tok_type type;
    uint32_t off, len;       /* the key, in rd_words.keys */
} rd_tok;

typedef struct {
    rd_tok *toks;
    size_t n, cap;
    rd_buf keys;             /* every key, each NUL-terminated */
} rd_words;

void rd_words_init(rd_words *w);
void rd_words_free(rd_words *w);
/* Cuts text[0..len) into w (emptied first). */
void rd_words_split(rd_words *w, const char *text, size_t len);
/* The key of token i (NUL-terminated; "" for marks). */
static inline const char *rd_words_key(const rd_words *w, size_t i)
{
    return w->keys.data + w->toks[i].off;
}
/* Number of words (marks not counted). */
size_t rd_words_count(const rd_words *w);
/* Copies the words only (marks dropped) of src into dst. */
void rd_words_only(rd_words *dst, const rd_words *src);

/* Whether the key of a word, or one of its slash alternatives, is `key`. */
bool rd_key_has_alternative(const char *word_key, const char *key);

#endif
