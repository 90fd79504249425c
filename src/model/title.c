/* Role titles (see title.h and docs/roles.md, "Role titles").
 *
 * A title is cut into words and marks (words.h). What follows a break (a
 * colon, a dash between blanks) and what stands between parentheses are
 * left out; the rest is cut into conjuncts at " / ", ",", "&", "et", "ou"
 * (but for a conjunction followed by a preposition, which goes on with the
 * complement: "de la relation et du support").
 * Each conjunct, its leading articles dropped, must be a job phrase: it
 * starts with a job noun, or with a discipline followed by nothing or a
 * complement, or it is a compound of lexicon words ending with a job noun
 * ("Key Account Manager"). A conjunct of articles alone ("le" in "le ou la
 * coach") belongs to the next one. */
#include "title.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tokens of a title that its grammar reads: up to the first break,
 * groups in parentheses left out. */
static void core_of(const rd_words *all, rd_words *core)
{
    core->n = 0;
    core->keys.len = 0;
    int depth = 0;
    for (size_t i = 0; i < all->n; i++) {
        rd_tok t = all->toks[i];
        if (t.type == RD_TOK_BREAK && depth == 0 && core->n)
            break;
        if (t.type == RD_TOK_OPEN || t.type == RD_TOK_CLOSE) {
            depth += t.type == RD_TOK_OPEN ? 1 : (depth > 0 ? -1 : 0);
            continue;
        }
        if (depth || t.type == RD_TOK_BREAK)
            continue;
        size_t off = core->keys.len;
        rd_buf_put(&core->keys, rd_words_key(all, i), t.len);
        rd_buf_putc(&core->keys, '\0');
        if (core->n == core->cap) {
            core->cap = core->cap ? 2 * core->cap : 16;
            core->toks = rd_xrealloc(core->toks, core->cap * sizeof *core->toks);
        }
        core->toks[core->n++] = (rd_tok){ t.type, (uint32_t)off, t.len };
    }
}

static bool is_conjunction(const rd_words *w, size_t i)
{
    if (w->toks[i].type != RD_TOK_WORD)
        return true;
    const char *k = rd_words_key(w, i);
    return strcmp(k, "et") == 0 || strcmp(k, "ou") == 0;
}

static bool is_article(const rd_vocab *v, const rd_words *w, size_t i)
{
    if (w->toks[i].type != RD_TOK_WORD)
        return false;
    /* Every alternative of "le/la" must be one. */
    const char *k = rd_words_key(w, i);
    for (const char *s = k;;) {
        const char *slash = strchr(s, '/');
        char one[64];
        size_t n = slash ? (size_t)(slash - s) : strlen(s);
        if (n == 0 || n >= sizeof one)
            return false;
        memcpy(one, s, n);
        one[n] = '\0';
        if (!(rd_vocab_word(v, one) & RD_W_ARTICLE))
            return false;
        if (!slash)
            return true;
        s = slash + 1;
    }
}

static void add_noun(rd_title_read *out, const rd_vocab *v, const char *key)
{
    for (const char *s = key;;) {
        const char *slash = strchr(s, '/');
        size_t n = slash ? (size_t)(slash - s) : strlen(s);
        for (size_t i = 0; i < out->nnouns; i++)
            if (strlen(out->nouns[i]) == n && memcmp(out->nouns[i], s, n) == 0)
                goto next;
        /* Keys of the vocabulary live as long as it: look the word up. */
        if (out->nnouns < sizeof out->nouns / sizeof out->nouns[0]) {
            char one[64];
            if (n < sizeof one) {
                memcpy(one, s, n);
                one[n] = '\0';
                const rd_strmap_slot *slot = rd_strmap_find(&v->words, one);
                if (slot)
                    out->nouns[out->nnouns++] = slot->key;
                const char *other = rd_vocab_other_form(v, one);
                if (other && out->nnouns < sizeof out->nouns / sizeof out->nouns[0])
                    out->nouns[out->nnouns++] = other;
            }
        }
    next:
        if (!slash)
            return;
        s = slash + 1;
    }
}

static bool is_complement_word(const char *k)
{
    static const char *const words[] = { "de", "d'", "du", "des", "en", NULL };
    for (size_t i = 0; words[i]; i++)
        if (strcmp(k, words[i]) == 0)
            return true;
    return false;
}

/* A conjunct opened by a preposition ("et du support" in "Chargé·e de la
 * relation et du support") goes on the complement before it. */
static bool continues_complement(const rd_words *w, size_t i)
{
    static const char *const words[] = { "de", "d'", "du", "des", "en", "a",
                                         "au", "aux", "pour", "avec", NULL };
    if (i >= w->n || w->toks[i].type != RD_TOK_WORD)
        return false;
    const char *k = rd_words_key(w, i);
    for (size_t j = 0; words[j]; j++)
        if (strcmp(k, words[j]) == 0)
            return true;
    return false;
}

/* A compound of lexicon words ending with a job noun, four words at most. */
static bool is_compound(const rd_vocab *v, const rd_words *w, size_t s, size_t e)
{
    if (e - s > 4 || e - s < 2)
        return false;
    for (size_t i = s; i < e; i++)
        if (!(rd_vocab_word(v, rd_words_key(w, i)) & (RD_W_LEXICON | RD_W_JOB)))
            return false;
    return rd_vocab_word(v, rd_words_key(w, e - 1)) & RD_W_JOB;
}

/* Classifies the conjunct w[s..e) (articles dropped). */
static rd_title_kind conjunct_kind(const rd_vocab *v, const rd_words *w,
                                   size_t s, size_t e, rd_title_read *out)
{
    const char *first = rd_words_key(w, s);
    const rd_phrase *job = rd_phrases_longest_at(&v->jobs, w, s);
    if ((rd_vocab_word(v, first) & RD_W_JOB) || (job && s + job->n <= e)) {
        add_noun(out, v, job ? job->words[job->n - 1] : first);
        return RD_TITLE_PERSON;
    }
    if (is_compound(v, w, s, e)) {
        add_noun(out, v, rd_words_key(w, e - 1));
        return RD_TITLE_PERSON;
    }
    const rd_phrase *d = rd_phrases_longest_at(&v->disciplines, w, s);
    if (d && s + d->n <= e &&
        (s + d->n == e || is_complement_word(rd_words_key(w, s + d->n))))
        return RD_TITLE_DISCIPLINE;
    if (d && s + d->n < e) {
        snprintf(out->why, sizeof out->why, "the discipline \"%s\" is followed by "
                 "\"%s\", not by a complement (\"de\", \"d'\", \"en\"…)", d->text,
                 rd_words_key(w, s + d->n));
        return RD_TITLE_NONE;
    }
    const rd_phrase *f = rd_phrases_longest_at(&v->families, w, s);
    if (f && s + f->n <= e)
        return RD_TITLE_FAMILY;
    return RD_TITLE_NONE;
}

/* Combines the kinds of the conjuncts: every one must be a job phrase; a
 * person anywhere makes a person's title; a family noun stands alone. */
static rd_title_kind combine(rd_title_kind so_far, rd_title_kind k, bool first)
{
    if (k == RD_TITLE_NONE || (!first && (k == RD_TITLE_FAMILY ||
                                          so_far == RD_TITLE_FAMILY)))
        return RD_TITLE_NONE;
    if (first)
        return k;
    return so_far == RD_TITLE_PERSON || k == RD_TITLE_PERSON ? RD_TITLE_PERSON
                                                             : RD_TITLE_DISCIPLINE;
}

static rd_title_kind read_conjuncts(const rd_vocab *v, const rd_words *w,
                                    rd_title_read *out)
{
    rd_title_kind kind = RD_TITLE_NONE;
    bool first = true;
    size_t s = 0;
    while (s < w->n) {
        size_t e = s;
        while (e < w->n && (!is_conjunction(w, e) || (e > s && continues_complement(w, e + 1))))
            e++;
        size_t start = s;
        while (start < e && is_article(v, w, start))
            start++;
        if (start < e) {
            rd_title_kind k = conjunct_kind(v, w, start, e, out);
            if (k == RD_TITLE_NONE && !out->why[0])
                snprintf(out->why, sizeof out->why, "\"%s\" is not a job noun, "
                         "a discipline or a family noun", rd_words_key(w, start));
            kind = combine(kind, k, first);
            first = false;
            if (kind == RD_TITLE_NONE)
                return kind;
        }
        s = e + 1;
    }
    return kind;
}

static bool is_sentence(const char *text)
{
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    return n > 1 && text[n - 1] == '.' && text[n - 2] != '.';
}

/* Ends out->why on a whole character: snprintf may cut one. */
static void whole_why(rd_title_read *out)
{
    out->why[rd_utf8_cut(out->why, strlen(out->why))] = '\0';
}

void rd_title_read_text(const rd_vocab *v, const char *text, rd_title_read *out)
{
    memset(out, 0, sizeof *out);
    if (is_sentence(text)) {
        snprintf(out->why, sizeof out->why, "a sentence, not a title");
        return;
    }
    rd_words all, core;
    rd_words_init(&all);
    rd_words_init(&core);
    rd_words_split(&all, text, strlen(text));
    core_of(&all, &core);
    size_t nwords = rd_words_count(&core);
    if (nwords == 0)
        snprintf(out->why, sizeof out->why, "no word");
    else if (nwords > RD_TITLE_MAX_WORDS)
        snprintf(out->why, sizeof out->why, "%zu words: a sentence, not a title",
                 nwords);
    else
        out->kind = read_conjuncts(v, &core, out);
    if (out->kind == RD_TITLE_NONE)
        out->nnouns = 0;
    whole_why(out);
    rd_words_free(&all);
    rd_words_free(&core);
}

bool rd_title_named_in(const rd_title_read *t, const rd_words *w, size_t limit)
{
    for (size_t i = 0; i < w->n && i < limit; i++)
        for (size_t j = 0; j < t->nnouns; j++)
            if (w->toks[i].type == RD_TOK_WORD &&
                rd_key_has_alternative(rd_words_key(w, i), t->nouns[j]))
                return true;
    return false;
}

bool rd_vocab_names_job(const rd_vocab *v, const rd_words *w, size_t limit)
{
    for (size_t i = 0; i < w->n && i < limit; i++)
        if (w->toks[i].type == RD_TOK_WORD &&
            (rd_vocab_word(v, rd_words_key(w, i)) & RD_W_JOB))
            return true;
    return false;
}
