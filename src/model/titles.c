/* Title analysis.
 *
 * A title is cut into tokens: words, slashes, the connectors "ou" and "et",
 * and breaks (":", dashes). A word may carry an inclusive suffix after a
 * marker ("commercial(e)", "intrapreneur·e", "développeur.se"); it then
 * gives both forms by itself when the lexicon's feminine ends with that
 * suffix. Two phrases of the same length around a connector whose words
 * are, position by position, the two forms of one lexicon pair or the same
 * word form a doublet ("Chargé / chargée", "le/la", "Le développeur ou la
 * développeuse"): each phrase is then one of the title's two forms.
 *
 * Only the words that name the person count: those before the first
 * preposition or break ("Chargé / chargée" in "Chargé / chargée de la
 * relation clientèle"), so that "la relation" or "mission commerciale" in
 * the complement, which agree with a noun and not with the person, are left
 * alone. Articles are lexicon pairs like any other word, so "Le coach"
 * names only the masculine form while "Coach" is epicene.
 *
 * Why one file of this size: it is one grammar: the tokenizer, the word forms and the rules that
 * read "Chargé / chargée" or "développeur·se" share the token list, and
 * read top to bottom as the analysis runs.
 */
#include "titles.h"

#include <stdlib.h>
#include <string.h>

static const char *const style_names[RD_STYLE_COUNT] = {
    "doublet", "slash", "parentheses", "median-dot", "dot"
};

const char *rd_style_name(int index)
{
    return index >= 0 && index < RD_STYLE_COUNT ? style_names[index] : NULL;
}

unsigned rd_style_from_name(const char *name, size_t len)
{
    while (len && (*name == ' ' || *name == '\t')) {
        name++;
        len--;
    }
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
        len--;
    for (int i = 0; i < RD_STYLE_COUNT; i++)
        if (strlen(style_names[i]) == len && strncmp(style_names[i], name, len) == 0)
            return 1u << i;
    return 0;
}

const char *rd_gender_name(rd_gender g)
{
    switch (g) {
    case RD_GENDER_MASCULINE: return "masculine";
    case RD_GENDER_FEMININE: return "feminine";
    default: return "";
    }
}

static rd_gender other_gender(rd_gender g)
{
    return g == RD_GENDER_MASCULINE ? RD_GENDER_FEMININE : RD_GENDER_MASCULINE;
}

/* Folded copy of s[0..n) (malloc'd, never NULL but for memory). */
static char *fold_copy(const char *s, size_t n)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_fold(s, n, &b);
    return rd_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------ lexicon */

typedef struct {
    char *fold;
    size_t pair;
    rd_gender gender;
} lex_form;

struct rd_lexicon {
    /* The rule set's pairs, not the set itself: a set may be moved (copied
     * by value) while its lexicon is kept with it. */
    const rd_lexicon_pair *pairs;
    size_t npairs;
    lex_form *forms;         /* both forms of every pair, sorted by fold */
    size_t nforms;
    char **feminine_fold;    /* by pair: suffixes are checked against it */
    char **masculine_fold;
    char **epicene;          /* sorted */
    size_t nepicene;
};

static int form_cmp(const void *a, const void *b)
{
    const lex_form *x = a, *y = b;
    int c = strcmp(x->fold, y->fold);
    if (c)
        return c;
    if (x->pair != y->pair)
        return x->pair < y->pair ? -1 : 1;
    return (int)x->gender - (int)y->gender;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

rd_lexicon *rd_lexicon_new(const rd_ruleset *rules)
{
    rd_lexicon *lex = calloc(1, sizeof *lex);
    size_t npairs = rules ? rules->npairs : 0;
    size_t nepi = rules ? rules->nepicene : 0;
    lex->pairs = rules ? rules->pairs : NULL;
    lex->npairs = npairs;
    lex->forms = calloc(2 * npairs + 1, sizeof *lex->forms);
    lex->masculine_fold = calloc(npairs + 1, sizeof (char *));
    lex->feminine_fold = calloc(npairs + 1, sizeof (char *));
    /* A pair whose forms fold alike is one form for both: epicene. */
    lex->epicene = calloc(nepi + npairs + 1, sizeof (char *));
    for (size_t i = 0; i < nepi; i++) {
        const char *w = rules->epicene[i];
        lex->epicene[lex->nepicene++] = fold_copy(w, strlen(w));
    }
    for (size_t i = 0; i < npairs; i++) {
        const rd_lexicon_pair *p = &rules->pairs[i];
        char *m = fold_copy(p->masculine, strlen(p->masculine));
        char *f = fold_copy(p->feminine, strlen(p->feminine));
        lex->masculine_fold[i] = m;
        lex->feminine_fold[i] = f;
        if (strcmp(m, f) == 0) {
            lex->epicene[lex->nepicene++] = strdup(m);
            continue;
        }
        lex->forms[lex->nforms++] = (lex_form){ m, i, RD_GENDER_MASCULINE };
        lex->forms[lex->nforms++] = (lex_form){ f, i, RD_GENDER_FEMININE };
    }
    qsort(lex->forms, lex->nforms, sizeof *lex->forms, form_cmp);
    qsort(lex->epicene, lex->nepicene, sizeof (char *), str_cmp);
    return lex;
}

void rd_lexicon_free(rd_lexicon *lex)
{
    if (!lex)
        return;
    for (size_t i = 0; i < lex->npairs; i++) {
        free(lex->masculine_fold[i]);
        free(lex->feminine_fold[i]);
    }
    for (size_t i = 0; i < lex->nepicene; i++)
        free(lex->epicene[i]);
    free(lex->masculine_fold);
    free(lex->feminine_fold);
    free(lex->epicene);
    free(lex->forms);
    free(lex);
}

static bool lex_is_epicene(const rd_lexicon *lex, const char *fold)
{
    return bsearch(&fold, lex->epicene, lex->nepicene, sizeof (char *),
                   str_cmp) != NULL;
}

/* The forms folding to `fold`: the first one, and how many follow it. */
static const lex_form *lex_forms(const rd_lexicon *lex, const char *fold,
                                 size_t *count)
{
    size_t lo = 0, hi = lex->nforms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(lex->forms[mid].fold, fold) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < lex->nforms && strcmp(lex->forms[end].fold, fold) == 0)
        end++;
    *count = end - lo;
    return end > lo ? &lex->forms[lo] : NULL;
}

/* What the lexicon says of a word. */
typedef struct {
    char *fold;              /* the lexicon's form (singular) */
    bool known;              /* a form of a pair */
    bool epicene;
    bool plural;
    size_t pair;
    rd_gender gender;
} word_match;

static bool match_exact(const rd_lexicon *lex, char *fold, word_match *m)
{
    size_t n;
    const lex_form *f;
    if (lex_is_epicene(lex, fold)) {
        m->epicene = true;
    } else if ((f = lex_forms(lex, fold, &n))) {
        m->known = true;
        m->pair = f->pair;
        m->gender = f->gender;
    } else {
        return false;
    }
    m->fold = fold;
    return true;
}

/* Looks a folded word up as written, then as a plural ("chargées",
 * "commerciaux"); a singular shorter than three letters is no word of the
 * lexicon ("les" is not "le"). Takes ownership of fold. */
static word_match match_word(const rd_lexicon *lex, char *fold)
{
    word_match m = { 0 };
    if (match_exact(lex, fold, &m))
        return m;
    size_t n = strlen(fold);
    char *singulars[2] = { NULL, NULL };
    if (n > 4 && strcmp(fold + n - 3, "aux") == 0) {
        singulars[0] = strdup(fold);
        strcpy(singulars[0] + n - 3, "al");
    }
    if (n > 3 && (fold[n - 1] == 's' || fold[n - 1] == 'x'))
        singulars[1] = strndup(fold, n - 1);
    for (int i = 0; i < 2; i++) {
        if (!m.fold && singulars[i] && match_exact(lex, singulars[i], &m)) {
            m.plural = true;
            singulars[i] = NULL;       /* now m.fold */
        }
        free(singulars[i]);
    }
    if (m.fold) {
        free(fold);
        return m;
    }
    m.fold = fold;
    return m;
}

/* Whether folded suffix s, written after masculine base of `pair`, spells
 * its feminine: the feminine ends with s and s covers all that changes
 * ("développeur.se", "facilitateur·rice", "chargé·e"), or s is the usual
 * short "ice" of "rice" ("directeur·ice"). */
static bool suffix_spells(const rd_lexicon *lex, size_t pair, const char *s)
{
    const char *m = lex->masculine_fold[pair], *f = lex->feminine_fold[pair];
    size_t common = 0;
    while (m[common] && m[common] == f[common])
        common++;
    const char *tail = f + common;
    size_t sl = strlen(s), fl = strlen(f);
    if (sl == 0 || sl > fl)
        return false;
    if (strcmp(f + fl - sl, s) == 0 && sl >= strlen(tail))
        return true;
    return strcmp(tail, "rice") == 0 && strcmp(s, "ice") == 0;
}

/* Same, for any pair whose masculine the base is; a plural suffix ("·es")
 * counts as its singular. Sets *pair to the pair found and *plural when
 * the suffix made it plural. */
static bool suffix_completes(const rd_lexicon *lex, const char *base_fold,
                             const char *s, size_t *pair, bool *plural)
{
    size_t n, sl = strlen(s);
    const lex_form *f = lex_forms(lex, base_fold, &n);
    for (size_t i = 0; f && i < n; i++) {
        if (f[i].gender != RD_GENDER_MASCULINE)
            continue;
        *plural = false;
        bool ok = suffix_spells(lex, f[i].pair, s);
        if (!ok && sl > 1 && s[sl - 1] == 's') {
            char *sing = strndup(s, sl - 1);
            ok = *plural = suffix_spells(lex, f[i].pair, sing);
            free(sing);
        }
        if (ok) {
            *pair = f[i].pair;
            return true;
        }
    }
    return false;
}

/* Whether two words are the two forms of one pair. */
static bool forms_related(const rd_lexicon *lex, const char *a, const char *b)
{
    size_t na, nb;
    const lex_form *fa = lex_forms(lex, a, &na);
    const lex_form *fb = lex_forms(lex, b, &nb);
    for (size_t i = 0; fa && i < na; i++)
        for (size_t j = 0; fb && j < nb; j++)
            if (fa[i].pair == fb[j].pair && fa[i].gender != fb[j].gender)
                return true;
    return false;
}

/* ------------------------------------------------------- characters */

typedef enum {
    C_SPACE, C_ALNUM, C_HYPHEN, C_APOS, C_MEDIAN, C_DOT, C_OPEN, C_CLOSE,
    C_SLASH, C_BREAK, C_OTHER
} char_class;

static char_class classify(uint32_t c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case 0xA0: case 0x202F:
    case 0x3000:
        return C_SPACE;
    case '-': return C_HYPHEN;
    case '\'': case 0x2019: case 0x02BC: return C_APOS;
    case 0xB7: case 0x2022: case 0x2027: case 0x22C5: case 0x2219:
        return C_MEDIAN;
    case '.': return C_DOT;
    case '(': return C_OPEN;
    case ')': return C_CLOSE;
    case '/': return C_SLASH;
    case ':': case '|': case 0x2013: case 0x2014: return C_BREAK;
    default: break;
    }
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
               ? C_ALNUM : C_OTHER;
    if (c >= 0x2000 && c <= 0x200A)
        return C_SPACE;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return C_OTHER;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0xFE00 && c <= 0xFE0F)
        || c >= 0x1F000 || c == 0xFFFD)
        return C_OTHER;
    return C_ALNUM;
}

/* Changes the case of the first letter of b->data[from..], in place: a
 * letter whose other case is written with another number of bytes stays. */
static void recase_first(rd_buf *b, size_t from, bool upper)
{
    size_t i = from;
    while (i < b->len) {
        uint32_t c;
        size_t n = rd_utf8_decode((const unsigned char *)b->data + i, b->len - i, &c);
        if (classify(c) == C_ALNUM) {
            uint32_t to = upper ? rd_case_upper(c) : rd_case_lower(c);
            rd_buf enc;
            rd_buf_init(&enc);
            rd_utf8_encode(to, &enc);
            if (enc.len == n)
                memcpy(b->data + i, enc.data, n);
            rd_buf_free(&enc);
            return;
        }
        i += n;
    }
}

typedef enum { CASE_AS_IS, CASE_FIRST, CASE_ALL } case_pattern;

/* How a written word is capitalised, to write its other form alike. */
static case_pattern case_of(const char *s, size_t len)
{
    size_t letters = 0, upper = 0;
    bool first_upper = false;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += rd_utf8_decode((const unsigned char *)s + i, len - i, &c);
        if (rd_case_lower(c) == c && rd_case_upper(c) == c)
            continue;
        if (rd_case_lower(c) != c) {
            upper++;
            if (letters == 0)
                first_upper = true;
        }
        letters++;
    }
    if (letters > 1 && upper == letters)
        return CASE_ALL;
    return first_upper ? CASE_FIRST : CASE_AS_IS;
}

static void put_cased(rd_buf *out, const char *s, case_pattern pattern)
{
    size_t len = strlen(s), start = out->len;
    if (pattern != CASE_ALL) {
        rd_buf_put(out, s, len);
        if (pattern == CASE_FIRST)
            recase_first(out, start, true);
        return;
    }
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += rd_utf8_decode((const unsigned char *)s + i, len - i, &c);
        rd_utf8_encode(rd_case_upper(c), out);
    }
}

/* ------------------------------------------------------------ tokens */

typedef enum { TOK_WORD, TOK_SLASH, TOK_OU, TOK_ET, TOK_BREAK } token_kind;

typedef struct {
    token_kind kind;
    bool spaced;             /* a slash with blanks around it */
    size_t start, end;       /* bytes of the title */
    size_t base_end;         /* end of the word before an inclusive marker */
    unsigned marker;         /* RD_STYLE_* of that marker, 0 when none */
    bool self_complete;      /* base and suffix spell both forms */
    bool plural_suffix;      /* the suffix alone says plural: "chargé·es" */
    bool prep;               /* a preposition: the person is named before */
    bool head;               /* names the person */
    word_match m;
    /* Doublets: the form this token belongs to (NONE: both), whether it is
     * the connector of a doublet (shown in neither form), whether its
     * other form is in the title, and the tokens of its doublet. */
    rd_gender only;
    bool hidden;
    bool covered;
    bool in_doublet;
    size_t dfirst, dlast;
} token;

typedef struct {
    uint32_t cp;
    size_t off;
    char_class cls;
} char_info;

typedef struct {
    const rd_lexicon *lex;
    const char *title;
    size_t len;
    char_info *chars;        /* decoded title, with a sentinel at the end */
    size_t nchars;
    token *toks;
    size_t ntoks, cap;
} title_ctx;

static token *add_token(title_ctx *t, token_kind kind, size_t start, size_t end)
{
    if (t->ntoks == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->toks = realloc(t->toks, t->cap * sizeof *t->toks);
    }
    token *k = &t->toks[t->ntoks++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->start = start;
    k->end = end;
    k->base_end = end;
    return k;
}

static void decode_title(title_ctx *t)
{
    t->chars = malloc((t->len + 1) * sizeof *t->chars);
    size_t i = 0;
    while (i < t->len) {
        char_info *c = &t->chars[t->nchars++];
        c->off = i;
        i += rd_utf8_decode((const unsigned char *)t->title + i, t->len - i, &c->cp);
        c->cls = classify(c->cp);
    }
    t->chars[t->nchars] = (char_info){ 0, t->len, C_SPACE };
}

static bool in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(word, *list) == 0)
            return true;
    return false;
}

/* Folded prepositions: the person is named before the first of them. */
static const char *const prepositions[] = {
    "de", "d'", "du", "des", "a", "au", "aux", "en", "pour", "chez", "sur",
    "avec", "dans", "par", "aupres", "entre", "sans", "sous", "vers",
    "contre", "via", NULL
};

/* Elided words ("l'", "d'") stand before the word they join. */
static const char *const elisions[] = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
    "puisqu", NULL
};

static size_t count_class(const title_ctx *t, size_t a, size_t b, char_class cls)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += t->chars[i].cls == cls;
    return n;
}

/* The first inclusive marker of chars [a, b): a median dot, an opening
 * parenthesis, or a dot followed by a letter. b when there is none. */
static size_t find_marker(const title_ctx *t, size_t a, size_t b, unsigned *style)
{
    for (size_t i = a; i < b; i++) {
        char_class c = t->chars[i].cls;
        if (c == C_MEDIAN || c == C_OPEN
            || (c == C_DOT && i + 1 < b && t->chars[i + 1].cls == C_ALNUM)) {
            *style = c == C_MEDIAN ? RD_STYLE_MEDIAN_DOT
                   : c == C_OPEN ? RD_STYLE_PARENTHESES : RD_STYLE_DOT;
            return i;
        }
    }
    *style = 0;
    return b;
}

/* The letters after a marker, without further markers ("e·s" → "es"),
 * folded. */
static char *suffix_fold(const title_ctx *t, size_t a, size_t b)
{
    rd_buf raw;
    rd_buf_init(&raw);
    for (size_t i = a; i < b; i++)
        if (t->chars[i].cls == C_ALNUM)
            rd_buf_put(&raw, t->title + t->chars[i].off,
                       t->chars[i + 1].off - t->chars[i].off);
    char *s = fold_copy(raw.data ? raw.data : "", raw.len);
    rd_buf_free(&raw);
    return s;
}

static void add_word(title_ctx *t, size_t a, size_t b)
{
    unsigned style;
    size_t marker = find_marker(t, a, b, &style);
    size_t start = t->chars[a].off, base_end = t->chars[marker].off;
    char *fold = fold_copy(t->title + start, base_end - start);
    token_kind kind = TOK_WORD;
    if (!style && strcmp(fold, "ou") == 0)
        kind = TOK_OU;
    else if (!style && strcmp(fold, "et") == 0)
        kind = TOK_ET;
    token *k = add_token(t, kind, start, t->chars[b].off);
    k->base_end = base_end;
    k->prep = in_list(fold, prepositions);
    k->m = match_word(t->lex, fold);
    if (!style)
        return;
    k->marker = style;
    char *suffix = suffix_fold(t, marker + 1, b);
    size_t pair;
    bool plural;
    if (k->m.known && k->m.gender == RD_GENDER_MASCULINE
        && suffix_completes(t->lex, k->m.fold, suffix, &pair, &plural)) {
        k->self_complete = true;
        k->m.pair = pair;
        k->plural_suffix = plural && !k->m.plural;
        k->m.plural |= plural;
    }
    free(suffix);
}

/* "l'", "d'", "qu'" at the start of a word become words of their own. */
static size_t split_elision(title_ctx *t, size_t a, size_t b)
{
    size_t k = a;
    while (k < b && k - a < 7 && t->chars[k].cls == C_ALNUM)
        k++;
    if (k == a || k + 1 >= b || t->chars[k].cls != C_APOS)
        return a;
    size_t start = t->chars[a].off, end = t->chars[k].off;
    char *prefix = fold_copy(t->title + start, end - start);
    bool elided = in_list(prefix, elisions);
    if (elided) {
        size_t n = strlen(prefix);
        prefix = realloc(prefix, n + 2);
        strcpy(prefix + n, "'");
        token *tok = add_token(t, TOK_WORD, start, t->chars[k + 1].off);
        tok->prep = in_list(prefix, prepositions);
        tok->m.fold = prefix;
        return k + 1;
    }
    free(prefix);
    return a;
}

/* One piece of a chunk between slashes: punctuation around it trimmed
 * (a closing parenthesis is kept when it closes a suffix), then words; a
 * colon or dash stuck to the word ("Chargé: mission") still ends the
 * person's words. */
static void add_piece(title_ctx *t, size_t a, size_t b)
{
    if (a >= b)
        return;
    size_t breaks = count_class(t, a, b, C_BREAK) + count_class(t, a, b, C_HYPHEN);
    if (breaks == b - a) {
        add_token(t, TOK_BREAK, t->chars[a].off, t->chars[b].off);
        return;
    }
    size_t end = b;
    while (a < b && t->chars[a].cls != C_ALNUM)
        a++;
    while (b > a && t->chars[b - 1].cls != C_ALNUM) {
        if (t->chars[b - 1].cls == C_CLOSE
            && count_class(t, a, b, C_OPEN) >= count_class(t, a, b, C_CLOSE))
            break;
        b--;
    }
    if (a >= b)
        return;
    a = split_elision(t, a, b);
    add_word(t, a, b);
    if (count_class(t, b, end, C_BREAK))
        add_token(t, TOK_BREAK, t->chars[b].off, t->chars[end].off);
}

/* A run of characters between blanks: pieces separated by slashes. */
static void add_chunk(title_ctx *t, size_t a, size_t b)
{
    size_t piece = a;
    for (size_t i = a; i < b; i++) {
        if (t->chars[i].cls != C_SLASH)
            continue;
        add_piece(t, piece, i);
        token *s = add_token(t, TOK_SLASH, t->chars[i].off, t->chars[i + 1].off);
        s->spaced = i == a || i + 1 == b;
        piece = i + 1;
    }
    add_piece(t, piece, b);
}

static void tokenize(title_ctx *t)
{
    decode_title(t);
    size_t i = 0;
    while (i < t->nchars) {
        while (i < t->nchars && t->chars[i].cls == C_SPACE)
            i++;
        size_t start = i;
        while (i < t->nchars && t->chars[i].cls != C_SPACE)
            i++;
        if (i > start)
            add_chunk(t, start, i);
    }
}

/* ----------------------------------------------------------- doublets */

static bool is_gendered(const token *k)
{
    return k->kind == TOK_WORD && k->m.known && !k->m.epicene;
}

static bool is_connector(const token *k)
{
    return k->kind == TOK_SLASH || k->kind == TOK_OU || k->kind == TOK_ET;
}

/* Whether phrases [l, l+n) and [r, r+n) are the two forms of one phrase. */
static bool phrases_align(const title_ctx *t, size_t l, size_t r, size_t n)
{
    bool related = false;
    for (size_t i = 0; i < n; i++) {
        const token *a = &t->toks[l + i], *b = &t->toks[r + i];
        if (a->kind != TOK_WORD || b->kind != TOK_WORD || a->in_doublet
            || b->in_doublet || a->self_complete || b->self_complete)
            return false;
        if (is_gendered(a) && is_gendered(b)
            && forms_related(t->lex, a->m.fold, b->m.fold))
            related = true;
        else if (strcmp(a->m.fold, b->m.fold) != 0)
            return false;
    }
    return related;
}

static rd_gender phrase_gender(const title_ctx *t, size_t first, size_t n)
{
    for (size_t i = first; i < first + n; i++)
        if (is_gendered(&t->toks[i]))
            return t->toks[i].m.gender;
    return RD_GENDER_NONE;
}

static void mark_doublet(title_ctx *t, size_t conn, size_t n)
{
    size_t first = conn - n, last = conn + n;
    rd_gender left = phrase_gender(t, first, n);
    for (size_t i = first; i <= last; i++) {
        token *k = &t->toks[i];
        k->in_doublet = true;
        k->dfirst = first;
        k->dlast = last;
        k->covered = is_gendered(k);
        k->only = i < conn ? left : other_gender(left);
    }
    t->toks[conn].hidden = true;
}

static void find_doublets(title_ctx *t)
{
    for (size_t c = 1; c + 1 < t->ntoks; c++) {
        if (!is_connector(&t->toks[c]))
            continue;
        for (size_t n = 1; n <= 4 && n <= c && c + n < t->ntoks; n++) {
            if (phrases_align(t, c - n, c + 1, n)) {
                mark_doublet(t, c, n);
                break;
            }
        }
    }
}

/* Folded determiners: they mark a gender only for the person, so they
 * count when a word of the lexicon follows ("Le coach", "La développeuse")
 * and not before other nouns ("La certification", "Le Kit"). */
static const char *const determiners[] = {
    "le", "la", "un", "une", "ce", "cet", "cette", NULL
};

static bool is_determiner(const token *k)
{
    return k->kind == TOK_WORD && k->m.fold && in_list(k->m.fold, determiners);
}

/* Whether the first word after token i, past connectors and other
 * determiners ("Le ou la coach"), is a word of the lexicon. */
static bool person_follows(const title_ctx *t, size_t i)
{
    for (size_t j = i + 1; j < t->ntoks; j++) {
        const token *k = &t->toks[j];
        if (is_connector(k) || is_determiner(k))
            continue;
        return k->kind == TOK_WORD && (k->m.known || k->m.epicene);
    }
    return false;
}

static void drop_loose_determiners(title_ctx *t)
{
    for (size_t i = 0; i < t->ntoks; i++) {
        token *k = &t->toks[i];
        if (is_determiner(k) && !person_follows(t, i)) {
            k->m.known = false;
            k->self_complete = false;
        }
    }
}

/* The person is named before the first preposition or break. */
static void mark_head(title_ctx *t)
{
    for (size_t i = 0; i < t->ntoks; i++) {
        token *k = &t->toks[i];
        if (k->prep || k->kind == TOK_BREAK)
            return;
        k->head = true;
    }
}

/* ---------------------------------------------------------- rendering */

static const char *pair_form(const title_ctx *t, size_t pair, rd_gender g)
{
    const rd_lexicon_pair *p = &t->lex->pairs[pair];
    return g == RD_GENDER_MASCULINE ? p->masculine : p->feminine;
}

/* A lexicon form as the token writes its own: same capitals, plural
 * ("commercial" → "commerciaux"). */
static void put_form(const title_ctx *t, const token *k, rd_gender g, rd_buf *out)
{
    const char *form = pair_form(t, k->m.pair, g);
    case_pattern pattern = case_of(t->title + k->start, k->base_end - k->start);
    put_cased(out, form, pattern);
    if (!k->m.plural)
        return;
    size_t n = strlen(form);
    bool all = pattern == CASE_ALL;
    if (g == RD_GENDER_MASCULINE && n > 2 && strcmp(form + n - 2, "al") == 0) {
        out->len -= 2;
        rd_buf_puts(out, all ? "AUX" : "aux");
    } else {
        rd_buf_puts(out, all ? "S" : "s");
    }
}

/* The token in form g. Words after the person's name stay as written:
 * "la relation" in "Le/la chargé/chargée de la relation" is no form of
 * the title. */
static void put_token(const title_ctx *t, const token *k, rd_gender g, rd_buf *out)
{
    const char *s = t->title + k->start;
    if (!is_gendered(k) || !k->head) {
        rd_buf_put(out, s, k->end - k->start);
    } else if (k->self_complete) {
        if (g == RD_GENDER_MASCULINE) {
            rd_buf_put(out, s, k->base_end - k->start);
            if (k->plural_suffix)
                rd_buf_putc(out, 's');
        } else
            put_form(t, k, g, out);
    } else if (k->m.gender == g) {
        rd_buf_put(out, s, k->base_end - k->start);   /* a wrong suffix dropped */
    } else {
        put_form(t, k, g, out);
    }
}

static bool shown_in(const token *k, rd_gender g)
{
    return !k->hidden && (k->only == RD_GENDER_NONE || k->only == g);
}

/* The title's text between tokens i-1 and i. */
static void put_separator(const title_ctx *t, size_t i, rd_buf *out)
{
    size_t from = t->toks[i - 1].end, to = t->toks[i].start;
    rd_buf_put(out, t->title + from, to - from);
}

/* What stands between two shown tokens when the tokens between them are
 * hidden. Hiding a connector and the phrase after it keeps what followed
 * that phrase ("Chargé / chargée: x" → "Chargé: x"); hiding a phrase and
 * the connector after it keeps what preceded the phrase ("le/la
 * développeur/développeuse" → "la développeuse"). */
static void put_gap(const title_ctx *t, size_t prev, size_t next, rd_buf *out)
{
    if (next == prev + 1 || is_connector(&t->toks[prev + 1]))
        put_separator(t, next, out);
    else
        put_separator(t, prev + 1, out);
}

/* Tokens [a, b] in form g. */
static void render(const title_ctx *t, size_t a, size_t b, rd_gender g, rd_buf *out)
{
    bool any = false;
    size_t prev = 0;
    for (size_t i = a; i <= b; i++) {
        if (!shown_in(&t->toks[i], g))
            continue;
        if (any)
            put_gap(t, prev, i, out);
        put_token(t, &t->toks[i], g, out);
        prev = i;
        any = true;
    }
}

static bool starts_upper(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += rd_utf8_decode((const unsigned char *)s + i, len - i, &c);
        if (classify(c) == C_ALNUM)
            return rd_case_lower(c) != c;
    }
    return false;
}

/* The whole title in form g, capitalised as the title is. */
static char *render_full(const title_ctx *t, rd_gender g)
{
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_put(&out, t->title, t->toks[0].start);
    render(t, 0, t->ntoks - 1, g, &out);
    size_t tail = t->toks[t->ntoks - 1].end;
    rd_buf_put(&out, t->title + tail, t->len - tail);
    if (starts_upper(t->title))
        recase_first(&out, 0, true);
    return rd_buf_detach(&out, NULL);
}

/* The title with the person's words in both forms: the span from the
 * first to the last of them (whole doublets included), written in the
 * form used, " / ", then in the other. */
static char *render_suggestion(const title_ctx *t, size_t a, size_t b, rd_gender g)
{
    for (size_t i = a; i <= b; i++) {
        if (!t->toks[i].in_doublet)
            continue;
        if (t->toks[i].dfirst < a)
            a = t->toks[i].dfirst;
        if (t->toks[i].dlast > b)
            b = t->toks[i].dlast;
    }
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_put(&out, t->title, t->toks[a].start);
    render(t, a, b, g, &out);
    rd_buf_puts(&out, " / ");
    size_t second = out.len;
    render(t, a, b, other_gender(g), &out);
    /* The title's capital is not repeated after the slash. */
    if (a == 0 && case_of(t->title + t->toks[a].start,
                          t->toks[a].end - t->toks[a].start) != CASE_ALL)
        recase_first(&out, second, false);
    size_t tail = t->toks[b].end;
    rd_buf_put(&out, t->title + tail, t->len - tail);
    return rd_buf_detach(&out, NULL);
}

/* ------------------------------------------------------------ analysis */

static void note_style(rd_title_info *info, unsigned style, const char *s, size_t n)
{
    for (int i = 0; i < RD_STYLE_COUNT; i++) {
        if (style != 1u << i || info->style_form[i])
            continue;
        info->style_form[i] = strndup(s, n);
    }
    info->styles |= style;
}

static void collect_styles(const title_ctx *t, rd_title_info *info)
{
    for (size_t i = 0; i < t->ntoks; i++) {
        const token *k = &t->toks[i];
        if (k->self_complete)
            note_style(info, k->marker, t->title + k->start, k->end - k->start);
        if (k->hidden && k->in_doublet) {
            const token *f = &t->toks[k->dfirst], *l = &t->toks[k->dlast];
            unsigned style = k->kind == TOK_SLASH && !k->spaced
                             ? RD_STYLE_SLASH : RD_STYLE_DOUBLET;
            note_style(info, style, t->title + f->start, l->end - f->start);
        }
    }
}

/* Whether the person's words all come in both forms; the span of those
 * words and the missing forms otherwise. */
static void assess(const title_ctx *t, rd_title_info *info, size_t *first,
                   size_t *last)
{
    rd_buf missing;
    rd_buf_init(&missing);
    bool any_missing = false;
    for (size_t i = 0; i < t->ntoks; i++) {
        const token *k = &t->toks[i];
        if (!k->head || !is_gendered(k))
            continue;
        if (!info->gendered)
            *first = i;
        info->gendered = true;
        *last = i;
        if (k->self_complete || k->covered)
            continue;
        if (!any_missing)
            info->present = k->m.gender;
        else
            rd_buf_putc(&missing, ' ');
        any_missing = true;
        rd_buf_puts(&missing, pair_form(t, k->m.pair, other_gender(k->m.gender)));
        if (k->m.plural)
            rd_buf_putc(&missing, 's');
    }
    info->complete = info->gendered && !any_missing;
    if (any_missing)
        info->missing = rd_buf_detach(&missing, NULL);
    rd_buf_free(&missing);
}

void rd_title_analyse(const rd_lexicon *lex, const char *title,
                      rd_title_info *info)
{
    memset(info, 0, sizeof *info);
    if (!lex || !title)
        return;
    title_ctx t = { .lex = lex, .title = title, .len = strlen(title) };
    tokenize(&t);
    if (t.ntoks) {
        drop_loose_determiners(&t);
        find_doublets(&t);
        mark_head(&t);
        collect_styles(&t, info);
        size_t first = 0, last = 0;
        assess(&t, info, &first, &last);
        if (info->complete) {
            info->masculine = render_full(&t, RD_GENDER_MASCULINE);
            info->feminine = render_full(&t, RD_GENDER_FEMININE);
        } else if (info->gendered) {
            info->suggestion = render_suggestion(&t, first, last, info->present);
        }
    }
    for (size_t i = 0; i < t.ntoks; i++)
        free(t.toks[i].m.fold);
    free(t.toks);
    free(t.chars);
}

void rd_title_info_free(rd_title_info *info)
{
    free(info->missing);
    free(info->suggestion);
    free(info->masculine);
    free(info->feminine);
    for (int i = 0; i < RD_STYLE_COUNT; i++)
        free(info->style_form[i]);
    memset(info, 0, sizeof *info);
}

size_t rd_title_numbering_len(const char *text)
{
    size_t i = 0;
    while (text[i] >= '0' && text[i] <= '9')
        i++;
    if (i == 0 || (text[i] != '.' && text[i] != ')' && text[i] != '-'))
        return 0;
    i++;
    if (text[i] != ' ' && text[i] != '\t')
        return 0;
    while (text[i] == ' ' || text[i] == '\t')
        i++;
    return i;
}
