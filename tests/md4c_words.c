/* What md4c shows of a page, for the tests that compare roledoc's outputs
 * with it: the page's Markdown rendered by md4c alone (GitHub dialect, the
 * front matter left out), written as plain text on standard output. Raw
 * HTML is left out (md4c hands it on as it is); the text of emphasis and
 * strong emphasis is also written, one span a line, after a line
 * "--- emphasis", so that a test can tell the words md4c shows emphasised.
 *
 * usage: md4c_words PAGE.md */
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int emphasis;           /* depth of open em/strong spans */
    char *spans;            /* their text, a span a line */
    size_t len, cap;
} state;

static void keep(state *s, const char *text, size_t n)
{
    if (s->len + n + 2 > s->cap) {
        s->cap = (s->len + n + 2) * 2;
        s->spans = realloc(s->spans, s->cap);
        if (!s->spans)
            abort();
    }
    memcpy(s->spans + s->len, text, n);
    s->len += n;
}

static int enter_block(MD_BLOCKTYPE t, void *d, void *u)
{
    (void)t; (void)d; (void)u;
    putchar('\n');
    return 0;
}

static int leave_block(MD_BLOCKTYPE t, void *d, void *u)
{
    (void)t; (void)d; (void)u;
    putchar('\n');
    return 0;
}

static int enter_span(MD_SPANTYPE t, void *d, void *u)
{
    state *s = u;
    (void)d;
    if (t == MD_SPAN_EM || t == MD_SPAN_STRONG)
        s->emphasis++;
    return 0;
}

static int leave_span(MD_SPANTYPE t, void *d, void *u)
{
    state *s = u;
    (void)d;
    if ((t == MD_SPAN_EM || t == MD_SPAN_STRONG) && s->emphasis > 0 &&
        --s->emphasis == 0)
        keep(s, "\n", 1);
    return 0;
}

static int text(MD_TEXTTYPE t, const MD_CHAR *str, MD_SIZE n, void *u)
{
    state *s = u;
    if (t == MD_TEXT_HTML)
        return 0;
    if (t == MD_TEXT_BR || t == MD_TEXT_SOFTBR) {
        putchar(' ');
        return 0;
    }
    fwrite(str, 1, n, stdout);
    if (s->emphasis)
        keep(s, str, n);
    return 0;
}

/* The Markdown after a front matter block, if the page opens with one. */
static const char *body_of(const char *buf)
{
    if (strncmp(buf, "---\n", 4) != 0)
        return buf;
    const char *end = strstr(buf + 4, "\n---\n");
    return end ? end + 5 : buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: md4c_words PAGE.md\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap && !(buf = realloc(buf, (cap *= 2) + 1)))
            break;
    fclose(f);
    if (!buf)
        return 2;
    buf[len] = '\0';
    const char *body = body_of(buf);
    state s = { 0 };
    /* GitHub's dialect but bare http(s) URLs, which md4c 0.4.8 misreads
     * when emphasis follows a link to one: that rendering is no reference. */
    unsigned flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                     MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
    MD_PARSER p = { 0, flags, enter_block, leave_block,
                    enter_span, leave_span, text, NULL, NULL };
    int status = md_parse(body, (MD_SIZE)strlen(body), &p, &s);
    printf("\n--- emphasis\n");
    if (s.len)
        fwrite(s.spans, 1, s.len, stdout);
    free(s.spans);
    free(buf);
    return status ? 1 : 0;
}
