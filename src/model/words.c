/* Words of a title, label or sentence (see words.h). */
#include "words.h"

#include <stdlib.h>
#include <string.h>

void rd_words_init(rd_words *w)
{
    memset(w, 0, sizeof *w);
    rd_buf_init(&w->keys);
}

void rd_words_free(rd_words *w)
{
    free(w->toks);
    rd_buf_free(&w->keys);
    memset(w, 0, sizeof *w);
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Inclusive markers of folded text: "·" (U+00B7), "•" (U+2022), "⋅"
 * (U+22C5); their length at s, 0 when there is none. */
static size_t marker_len(const unsigned char *s, size_t avail)
{
    if (avail >= 2 && s[0] == 0xC2 && s[1] == 0xB7)
        return 2;
    if (avail >= 3 && s[0] == 0xE2 && ((s[1] == 0x80 && s[2] == 0xA2) ||
                                       (s[1] == 0x8B && s[2] == 0x85)))
        return 3;
    return 0;
}

/* Dashes of folded text: "-", and U+2010 to U+2015. */
static size_t dash_len(const unsigned char *s, size_t avail)
{
    if (s[0] == '-')
        return 1;
    if (avail >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95)
        return 3;
    return 0;
}

static void push(rd_words *w, rd_tok_type type, size_t off, size_t len)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 16;
        w->toks = rd_xrealloc(w->toks, w->cap * sizeof *w->toks);
    }
    w->toks[w->n++] = (rd_tok){ type, (uint32_t)off, (uint32_t)len };
}

static void push_mark(rd_words *w, rd_tok_type type)
{
    size_t off = w->keys.len;
    rd_buf_putc(&w->keys, '\0');
    push(w, type, off, 0);
}

/* The singular of one alternative of a key, in place: s[0..n) → length. */
static size_t singular(char *s, size_t n)
{
    if (n < 4)
        return n;
    if (n > 4 && memcmp(s + n - 3, "aux", 3) == 0) {
        s[n - 2] = 'l';
        return n - 1;
    }
    if (s[n - 1] == 's' || s[n - 1] == 'x')
        return n - 1;
    return n;
}

/* Reduces the key being built (from `start` in keys) to its singular,
 * alternative by alternative, and ends it. */
static void end_word(rd_words *w, size_t start)
{
    rd_buf *k = &w->keys;
    size_t out = start, seg = start;
    for (size_t i = start; i <= k->len; i++) {
        if (i < k->len && k->data[i] != '/')
            continue;
        size_t n = singular(k->data + seg, i - seg);
        memmove(k->data + out, k->data + seg, n);
        out += n;
        if (i < k->len)
            k->data[out++] = '/';
        seg = i + 1;
    }
    k->len = out;
    rd_buf_putc(k, '\0');
    push(w, RD_TOK_WORD, start, out - start);
}

typedef struct {
    rd_words *w;
    const unsigned char *s;
    size_t len, i;
    size_t start;            /* where the current key starts in keys */
    bool in_word;
    bool in_suffix;          /* an inclusive suffix: skipped */
} splitter;

static void close_word(splitter *sp)
{
    if (sp->in_word) {
        /* A slash or apostrophe ending the word is no alternative. */
        rd_buf *k = &sp->w->keys;
        while (k->len > sp->start && k->data[k->len - 1] == '/')
            k->len--;
        end_word(sp->w, sp->start);
    }
    sp->in_word = sp->in_suffix = false;
}

static void add_letter(splitter *sp, unsigned char c)
{
    if (!sp->in_word) {
        sp->start = sp->w->keys.len;
        sp->in_word = true;
    }
    if (!sp->in_suffix)
        rd_buf_putc(&sp->w->keys, (char)c);
}

static bool next_is_letter(const splitter *sp, size_t skip)
{
    size_t j = sp->i + skip;
    return j < sp->len && is_letter(sp->s[j]);
}

static bool prev_is_blank(const splitter *sp)
{
    return sp->i == 0 || sp->s[sp->i - 1] == ' ';
}

/* A mark inside or after a word: an apostrophe ends it ("d'"), an
 * inclusive marker, a dot or a parenthesis followed by a letter opens a
 * suffix, a slash between letters an alternative. Returns the bytes used,
 * 0 when the character is no such mark. */
static size_t in_word_mark(splitter *sp)
{
    unsigned char c = sp->s[sp->i];
    size_t m = marker_len(sp->s + sp->i, sp->len - sp->i);
    if (c == '\'') {
        if (!sp->in_suffix)
            rd_buf_putc(&sp->w->keys, '\'');
        close_word(sp);
        return 1;
    }
    if ((m || c == '.' || c == '(') && next_is_letter(sp, m ? m : 1)) {
        sp->in_suffix = true;
        return m ? m : 1;
    }
    if (m)
        return m;
    if (c == ')' && sp->in_suffix)
        return 1;
    if (c == '/' && next_is_letter(sp, 1)) {
        if (!sp->in_suffix)
            rd_buf_putc(&sp->w->keys, '/');
        sp->in_suffix = false;
        return 1;
    }
    return 0;
}

static rd_tok_type mark_type(unsigned char c)
{
    switch (c) {
    case '/': return RD_TOK_SLASH;
    case ',': case ';': return RD_TOK_COMMA;
    case '&': return RD_TOK_AMP;
    case '(': return RD_TOK_OPEN;
    case ')': return RD_TOK_CLOSE;
    case ':': case '?': case '!': case '.': return RD_TOK_BREAK;
    default: return RD_TOK_WORD;     /* none */
    }
}

/* One character outside a word: a mark of the grammar, a dash (a break
 * between blanks, a separator otherwise), or nothing. */
static size_t outside_mark(splitter *sp)
{
    unsigned char c = sp->s[sp->i];
    size_t d = dash_len(sp->s + sp->i, sp->len - sp->i);
    if (d) {
        size_t after = sp->i + d;
        if (prev_is_blank(sp) && (after >= sp->len || sp->s[after] == ' '))
            push_mark(sp->w, RD_TOK_BREAK);
        return d;
    }
    rd_tok_type t = mark_type(c);
    if (t != RD_TOK_WORD)
        push_mark(sp->w, t);
    if (c < 0x80)
        return 1;
    size_t n = 1;                /* other characters: skipped whole */
    while (sp->i + n < sp->len && (sp->s[sp->i + n] & 0xC0) == 0x80)
        n++;
    return n;
}

static void split_folded(rd_words *w, const char *text, size_t len)
{
    splitter sp = { .w = w, .s = (const unsigned char *)text, .len = len };
    while (sp.i < sp.len) {
        unsigned char c = sp.s[sp.i];
        if (is_letter(c)) {
            add_letter(&sp, c);
            sp.i++;
            continue;
        }
        size_t used = sp.in_word ? in_word_mark(&sp) : 0;
        if (used) {
            sp.i += used;
            continue;
        }
        close_word(&sp);
        sp.i += outside_mark(&sp);
    }
    close_word(&sp);
}

void rd_words_split(rd_words *w, const char *text, size_t len)
{
    w->n = 0;
    w->keys.len = 0;
    rd_buf folded;
    rd_buf_init(&folded);
    rd_fold(text, len, &folded);
    split_folded(w, folded.data ? folded.data : "", folded.len);
    rd_buf_free(&folded);
}

size_t rd_words_count(const rd_words *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++)
        n += w->toks[i].type == RD_TOK_WORD;
    return n;
}

void rd_words_only(rd_words *dst, const rd_words *src)
{
    dst->n = 0;
    dst->keys.len = 0;
    for (size_t i = 0; i < src->n; i++) {
        if (src->toks[i].type != RD_TOK_WORD)
            continue;
        size_t off = dst->keys.len;
        rd_buf_put(&dst->keys, rd_words_key(src, i), src->toks[i].len);
        rd_buf_putc(&dst->keys, '\0');
        push(dst, RD_TOK_WORD, off, src->toks[i].len);
    }
}

bool rd_key_has_alternative(const char *word_key, const char *key)
{
    size_t n = strlen(key);
    for (const char *s = word_key;;) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (len == n && memcmp(s, key, n) == 0)
            return true;
        if (!slash)
            return false;
        s = slash + 1;
    }
}
