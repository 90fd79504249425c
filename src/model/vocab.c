/* The recognition data of a rule set, indexed (see vocab.h). */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

static void phrases_add(rd_phrases *ps, rd_phrase p)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 16;
        ps->items = rd_xrealloc(ps->items, ps->cap * sizeof *ps->items);
    }
    ps->items[ps->n++] = p;
}

/* The words of text as an arena phrase (marks dropped). */
static rd_phrase make_phrase(rd_vocab *v, rd_words *scratch, const char *text)
{
    rd_words all;
    rd_words_init(&all);
    rd_words_split(&all, text, strlen(text));
    rd_words_only(scratch, &all);
    rd_words_free(&all);
    rd_phrase p = { .n = scratch->n, .text = text, .part = RD_NOT_A_PART };
    p.words = rd_arena_alloc(&v->arena, (p.n ? p.n : 1) * sizeof *p.words);
    for (size_t i = 0; i < p.n; i++)
        p.words[i] = rd_arena_strndup(&v->arena, rd_words_key(scratch, i),
                                      scratch->toks[i].len);
    return p;
}

static void mark_word(rd_vocab *v, const char *key, unsigned bits)
{
    rd_strmap_slot *slot = rd_strmap_put(&v->words, key);
    slot->value = (void *)((uintptr_t)slot->value | bits);
}

/* A word or phrase of the lexicon: one word is marked in the map, more go
 * to the phrases given (jobs of several words), or are marked word by word
 * when `each` (lexicon words: "product owner" holds two). */
static void add_words(rd_vocab *v, rd_words *scratch, const char *text,
                      unsigned bits, rd_phrases *several, bool each)
{
    rd_phrase p = make_phrase(v, scratch, text);
    if (p.n == 1)
        mark_word(v, p.words[0], bits);
    else if (p.n > 1 && each)
        for (size_t i = 0; i < p.n; i++)
            mark_word(v, p.words[i], bits);
    else if (p.n > 1 && several)
        phrases_add(several, p);
}

static void add_pair(rd_vocab *v, rd_words *scratch, const rd_lexicon_pair *pair)
{
    rd_phrase m = make_phrase(v, scratch, pair->masculine);
    rd_phrase f = make_phrase(v, scratch, pair->feminine);
    for (size_t i = 0; i < m.n; i++)
        mark_word(v, m.words[i], RD_W_LEXICON);
    for (size_t i = 0; i < f.n; i++)
        mark_word(v, f.words[i], RD_W_LEXICON);
    if (m.n != 1 || f.n != 1)
        return;
    rd_strmap_slot *to_f = rd_strmap_put(&v->other_form, m.words[0]);
    if (!to_f->value)
        to_f->value = (void *)f.words[0];
    rd_strmap_slot *to_m = rd_strmap_put(&v->other_form, f.words[0]);
    if (!to_m->value)
        to_m->value = (void *)m.words[0];
}

static void add_term(rd_vocab *v, rd_words *scratch, const rd_term *t)
{
    switch (t->kind) {
    case RD_TERM_JOB:
        add_words(v, scratch, t->text, RD_W_JOB, &v->jobs, false);
        break;
    case RD_TERM_ARTICLE:
        add_words(v, scratch, t->text, RD_W_ARTICLE, NULL, false);
        break;
    case RD_TERM_DISCIPLINE:
        phrases_add(&v->disciplines, make_phrase(v, scratch, t->text));
        break;
    case RD_TERM_FAMILY:
        phrases_add(&v->families, make_phrase(v, scratch, t->text));
        break;
    case RD_TERM_LEAD_IN: {
        rd_phrase p = make_phrase(v, scratch, t->text);
        size_t n = strlen(t->text);
        while (n && t->text[n - 1] == ' ')
            n--;
        p.at_end = n && t->text[n - 1] == ':';
        phrases_add(&v->lead_ins, p);
        break;
    }
    case RD_TERM_MISSION:
        phrases_add(&v->missions, make_phrase(v, scratch, t->text));
        break;
    default:
        break;
    }
}

static void add_label(rd_vocab *v, rd_words *scratch, const rd_label *l)
{
    rd_phrase p = make_phrase(v, scratch, l->text);
    if (!p.n)
        return;
    p.part = l->part;
    p.match = l->match;
    phrases_add(&v->labels, p);
    if (l->part == RD_NOT_A_PART && p.n == 1)
        mark_word(v, p.words[0], RD_W_NOT_ACTION);
}

rd_vocab *rd_vocab_new(const rd_ruleset *rules)
{
    rd_vocab *v = rd_xcalloc(1, sizeof *v);
    rd_arena_init(&v->arena);
    if (!rules)
        return v;
    rd_words scratch;
    rd_words_init(&scratch);
    for (size_t i = 0; i < rules->npairs; i++)
        add_pair(v, &scratch, &rules->pairs[i]);
    for (size_t i = 0; i < rules->nepicene; i++)
        add_words(v, &scratch, rules->epicene[i], RD_W_LEXICON, NULL, true);
    for (size_t i = 0; i < rules->nterms; i++)
        add_term(v, &scratch, &rules->terms[i]);
    for (size_t i = 0; i < rules->nlabels; i++)
        add_label(v, &scratch, &rules->labels[i]);
    rd_words_free(&scratch);
    return v;
}

void rd_vocab_free(rd_vocab *v)
{
    if (!v)
        return;
    rd_phrases *all[] = { &v->jobs, &v->disciplines, &v->families,
                          &v->lead_ins, &v->missions, &v->labels };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]->items);
    rd_strmap_free(&v->words);
    rd_strmap_free(&v->other_form);
    rd_arena_free(&v->arena);
    free(v);
}

static unsigned word_bits(const rd_vocab *v, const char *key, size_t n)
{
    char one[128];
    if (n >= sizeof one)
        return 0;
    memcpy(one, key, n);
    one[n] = '\0';
    const rd_strmap_slot *slot = rd_strmap_find(&v->words, one);
    return slot ? (unsigned)(uintptr_t)slot->value : 0;
}

unsigned rd_vocab_word(const rd_vocab *v, const char *key)
{
    unsigned bits = 0;
    for (const char *s = key;;) {
        const char *slash = strchr(s, '/');
        bits |= word_bits(v, s, slash ? (size_t)(slash - s) : strlen(s));
        if (!slash)
            return bits;
        s = slash + 1;
    }
}

const char *rd_vocab_other_form(const rd_vocab *v, const char *key)
{
    const rd_strmap_slot *slot = rd_strmap_find(&v->other_form, key);
    return slot ? slot->value : NULL;
}

bool rd_phrase_at(const rd_words *w, size_t at, const rd_phrase *p)
{
    if (!p->n || at + p->n > w->n)
        return false;
    for (size_t i = 0; i < p->n; i++)
        if (w->toks[at + i].type != RD_TOK_WORD ||
            !rd_key_has_alternative(rd_words_key(w, at + i), p->words[i]))
            return false;
    return true;
}

const rd_phrase *rd_phrases_longest_at(const rd_phrases *ps, const rd_words *w,
                                       size_t at)
{
    const rd_phrase *best = NULL;
    for (size_t i = 0; i < ps->n; i++)
        if ((!best || ps->items[i].n > best->n) && rd_phrase_at(w, at, &ps->items[i]))
            best = &ps->items[i];
    return best;
}

const rd_phrase *rd_phrases_find(const rd_phrases *ps, const rd_words *w,
                                 size_t *at)
{
    for (size_t i = 0; i < w->n; i++) {
        const rd_phrase *p = rd_phrases_longest_at(ps, w, i);
        if (p) {
            *at = i;
            return p;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ labels */

static bool label_matches(const rd_vocab *v, const rd_phrase *p,
                          const rd_words *w, size_t start)
{
    switch (p->match) {
    case RD_MATCH_EXACT:
        return w->n - start == p->n && rd_phrase_at(w, start, p);
    case RD_MATCH_START:
        return rd_phrase_at(w, start, p);
    case RD_MATCH_QUESTION:
        if (!rd_phrase_at(w, start, p))
            return false;
        for (size_t i = start + p->n; i < w->n; i++)
            if (rd_vocab_word(v, rd_words_key(w, i)) & RD_W_JOB)
                return true;
        return false;
    case RD_MATCH_CONTAINS:
        for (size_t i = start; i < w->n; i++)
            if (rd_phrase_at(w, i, p))
                return true;
        return false;
    }
    return false;
}

/* The longest label that the words match (leading articles dropped for
 * whole-text labels: "Les activités" is "Activités"), or NULL. */
const rd_phrase *rd_vocab_label_of(const rd_vocab *v, const rd_words *w)
{
    size_t after_articles = 0;
    while (after_articles < w->n &&
           (rd_vocab_word(v, rd_words_key(w, after_articles)) & RD_W_ARTICLE))
        after_articles++;
    const rd_phrase *best = NULL;
    for (size_t i = 0; i < v->labels.n; i++) {
        const rd_phrase *p = &v->labels.items[i];
        if (best && p->n <= best->n)
            continue;
        if (label_matches(v, p, w, 0) ||
            (p->match == RD_MATCH_EXACT && label_matches(v, p, w, after_articles)))
            best = p;
    }
    return best;
}

int rd_ruleset_label_part(const rd_ruleset *rules, const char *text)
{
    int kind = rd_ruleset_label_kind(rules, text);
    return kind >= 0 ? kind : -1;
}

int rd_ruleset_label_kind(const rd_ruleset *rules, const char *text)
{
    if (!rules || !text)
        return RD_NO_LABEL;
    rd_vocab *own;
    const rd_vocab *v = rd_ruleset_vocab(rules, &own);
    rd_words all, only;
    rd_words_init(&all);
    rd_words_init(&only);
    rd_words_split(&all, text, strlen(text));
    rd_words_only(&only, &all);
    const rd_phrase *label = rd_vocab_label_of(v, &only);
    int part = label ? label->part : RD_NO_LABEL;
    rd_words_free(&all);
    rd_words_free(&only);
    rd_vocab_free(own);
    return part;
}
