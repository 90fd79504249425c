/* inclusive-form-style: role and family titles write both forms only in
 * the styles a project allows. Off by default: style guides differ (the
 * doublet "Chargé / chargée" is the administration's usual choice, others
 * prefer the median dot "chargé·e"), so a project that has chosen enables
 * the rule and lists its styles.
 *
 * Parameter:
 *   allowed   styles allowed, separated by commas or blanks: doublet
 *             ("Chargé / chargée", "Le ou la"), slash ("le/la",
 *             "chargé/chargée"), parentheses ("commercial(e)"), median-dot
 *             ("intrapreneur·e"), dot ("développeur.se"). Unknown names
 *             are ignored.
 *
 * One finding per title, for the first style it uses that is not allowed,
 * at the heading. Message placeholders: {title}, {style} (the style's
 * name), {form} (the text written in that style, e.g. "commercial(e)"),
 * {allowed} (the parameter as written).
 *
 * The fix (lint --fix) writes the title again in the house style, the
 * first of `allowed`, from its two forms: "Le chargé / la chargée de
 * déploiement" (doublet: the words that differ, together), "Le/la
 * chargé/chargée" (slash), "chargé(e)", "chargé·e", "chargé.e" (the
 * feminine ending after the masculine word). It is made only when the
 * title as written is found on the heading's line and the new one reads
 * as complete in the house style alone.
 */
#include "check.h"
#include "model/titles.h"

#include <string.h>

/* ------------------------------------------------------------------ fixes */

/* The words of a title, split at spaces. */
typedef struct {
    const char *start[64];
    size_t len[64];
    size_t n;
} words;

static bool split_words(const char *s, words *w)
{
    w->n = 0;
    while (*s) {
        s += strspn(s, " ");
        size_t len = strcspn(s, " ");
        if (!len)
            break;
        if (w->n == sizeof w->start / sizeof *w->start)
            return false;
        w->start[w->n] = s;
        w->len[w->n++] = len;
        s += len;
    }
    return true;
}

static bool same_word(const words *a, const words *b, size_t i)
{
    return a->len[i] == b->len[i] && memcmp(a->start[i], b->start[i], a->len[i]) == 0;
}

/* Appends a word, its first letter made lower case when `lower`. */
static void put_word(rd_buf *out, const char *w, size_t len, bool lower)
{
    if (lower && len) {
        uint32_t cp;
        size_t n = rd_utf8_decode((const unsigned char *)w, len, &cp);
        if (cp != 0xFFFD || n == 3) {
            rd_utf8_encode(rd_case_lower(cp), out);
            w += n, len -= n;
        }
    }
    rd_buf_put(out, w, len);
}

/* Words first..last-1 of a, space-separated. */
static void put_words(rd_buf *out, const words *a, size_t first, size_t last,
                      bool lower)
{
    for (size_t i = first; i < last; i++) {
        if (i > first)
            rd_buf_putc(out, ' ');
        put_word(out, a->start[i], a->len[i], lower && i == first);
    }
}

/* Doublet: each run of words that differ as "masculine / feminine". */
static void doublet(const words *m, const words *f, rd_buf *out)
{
    for (size_t i = 0; i < m->n;) {
        if (i)
            rd_buf_putc(out, ' ');
        size_t j = i;
        while (j < m->n && !same_word(m, f, j))
            j++;
        if (j == i) {
            put_words(out, m, i, i + 1, false);
            i++;
            continue;
        }
        put_words(out, m, i, j, false);
        rd_buf_puts(out, " / ");
        put_words(out, f, i, j, true);
        i = j;
    }
}

/* The bytes two words share at their start, at a character boundary. */
static size_t common_start(const char *a, size_t na, const char *b, size_t nb)
{
    size_t p = 0;
    while (p < na && p < nb && a[p] == b[p])
        p++;
    while (p > 0 && ((unsigned char)b[p] & 0xC0) == 0x80)
        p--;
    return p;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* A word pair in a style that writes one word: slash "m/f", or the
 * masculine then the feminine's own ending after a mark, when the two
 * share a stem ("chargé·e", "facilitateur·rice"; not "le·a"). */
static bool one_word(unsigned style, const char *m, size_t nm, const char *f,
                     size_t nf, bool first, rd_buf *out)
{
    rd_buf_put(out, m, nm);
    if (style == RD_STYLE_SLASH) {
        rd_buf_putc(out, '/');
        put_word(out, f, nf, first);
        return true;
    }
    size_t p = common_start(m, nm, f, nf);
    if (count_chars(f, p) < 2)
        return false;
    rd_buf_puts(out, style == RD_STYLE_PARENTHESES ? "("
                     : style == RD_STYLE_MEDIAN_DOT ? "\xC2\xB7" : ".");
    rd_buf_put(out, f + p, nf - p);
    if (style == RD_STYLE_PARENTHESES)
        rd_buf_putc(out, ')');
    return true;
}

static bool word_by_word(unsigned style, const words *m, const words *f,
                         rd_buf *out)
{
    bool ok = true;
    for (size_t i = 0; i < m->n && ok; i++) {
        if (i)
            rd_buf_putc(out, ' ');
        if (same_word(m, f, i))
            rd_buf_put(out, m->start[i], m->len[i]);
        else
            ok = one_word(style, m->start[i], m->len[i], f->start[i], f->len[i],
                          i == 0, out);
    }
    return ok;
}

/* The house style: the first style that `allowed` names. */
static unsigned house_style(const char *allowed)
{
    const char *s = allowed ? allowed : "";
    while (*s) {
        s += strspn(s, ", \t");
        size_t n = strcspn(s, ", \t");
        unsigned style = rd_style_from_name(s, n);
        if (style)
            return style;
        s += n;
    }
    return 0;
}

/* The title in the house style, checked to read as complete in it alone;
 * false when it cannot be written so. */
static bool restyled(const rd_lexicon *lex, const rd_title_info *info,
                     unsigned style, rd_buf *out)
{
    words m, f;
    if (!style || !info->masculine || !info->feminine ||
        !split_words(info->masculine, &m) || !split_words(info->feminine, &f) ||
        m.n != f.n)
        return false;
    if (style == RD_STYLE_DOUBLET)
        doublet(&m, &f, out);
    else if (!word_by_word(style, &m, &f, out))
        return false;
    rd_title_info check;
    rd_title_analyse(lex, out->data ? out->data : "", &check);
    bool ok = check.gendered && check.complete && check.styles == style;
    rd_title_info_free(&check);
    return ok;
}

/* The style bits a list such as "doublet, median-dot" names. */
static unsigned parse_allowed(const char *list)
{
    unsigned allowed = 0;
    const char *s = list ? list : "";
    while (*s) {
        size_t n = strcspn(s, ", \t");
        allowed |= rd_style_from_name(s, n);
        s += n;
        s += strspn(s, ", \t");
    }
    return allowed;
}

/* The title rewritten in the house style, where it is written. */
static rd_check_fix title_fix(const rd_check_ctx *ctx, const rd_lexicon *lex,
                              const rd_role *role, const rd_title_info *info,
                              const char *allowed_text, rd_buf *text)
{
    rd_check_fix fix = { .covered = 1 };   /* every title is for --fix */
    size_t at = rd_check_find_on_line(ctx, rd_role_title_node(role)->line, 0, rd_role_title(role),
                                      strlen(rd_role_title(role)));
    if (at != RD_CHECK_NOT_FOUND &&
        restyled(lex, info, house_style(allowed_text), text))
        fix = (rd_check_fix){ at, at + strlen(rd_role_title(role)), text->data, 1, 1 };
    return fix;
}

static void check_title(rd_check_ctx *ctx, const rd_lexicon *lex,
                        const rd_role *role, unsigned allowed,
                        const char *allowed_text)
{
    rd_title_info info;
    rd_title_analyse(lex, rd_role_title(role), &info);
    rd_buf text;
    rd_buf_init(&text);
    for (int i = 0; i < RD_STYLE_COUNT; i++) {
        unsigned style = 1u << i;
        if (!(info.styles & style) || (allowed & style))
            continue;
        const char *const vars[] = {
            "title", rd_role_title(role),
            "style", rd_style_name(i),
            "form", info.style_form[i] ? info.style_form[i] : "",
            "allowed", allowed_text,
            NULL
        };
        rd_check_fix fix = title_fix(ctx, lex, role, &info, allowed_text, &text);
        rd_check_report_fix(ctx, rd_role_title_node(role), vars, &fix);
        break;
    }
    rd_buf_free(&text);
    rd_title_info_free(&info);
}

void rd_check_inclusive_form_style(rd_check_ctx *ctx)
{
    if (!rd_model_first(ctx->model))
        return;
    const char *allowed_text = rd_rule_param(ctx->rule, "allowed");
    if (!allowed_text)
        allowed_text = "";
    unsigned allowed = parse_allowed(allowed_text);
    rd_lexicon *own;
    const rd_lexicon *lex = rd_ruleset_lexicon(ctx->rules, &own);
    for (const rd_role *r = NULL; (r = rd_model_next(ctx->model, r)); )
        if (rd_role_title_node(r))
            check_title(ctx, lex, r, allowed, allowed_text);
    rd_lexicon_free(own);
}
