/* entity-artifact: numeric character references that the GitBook editor
 * leaves behind: letters and digits written as "&#x43;" (after an edit
 * next to emphasis, e.g. "&#x43;_&#x75;stomer_"), and "&#x20;" spaces it
 * writes where Markdown cannot keep a plain space: at an emphasis edge
 * ("**text&#x20;**") or at the end of a line. They make the source hard to
 * read and edit, and tools that do not decode them show them as they are.
 *
 * A space reference is reported when it touches markup: it is the first or
 * last thing of its block or of an inline (emphasis, link…), or stands next
 * to something that is not plain text. Between two runs of text it is left
 * alone, and so are named references (&nbsp;, &amp;) and numeric ones for
 * any other character.
 *
 * Two wordings in the rule file: the rule's message for a letter or digit,
 * message-space (and hint-space) for a space.
 *
 * Message placeholders: {entity} (as written), {char} (what it stands for).
 *
 * The fix (lint --fix) writes the character itself. A letter next to an
 * emphasis mark is only proposed: "C_ustomer_" would no longer open the
 * emphasis that "&#x43;_&#x75;stomer_" opens. A space is removed at the
 * start or end of a line, moved out of the emphasis whose edge it stands
 * at ("**formes&#x20;**_x_" becomes "**formes** _x_"), and written as a
 * plain space elsewhere; where that could change the page's blocks (a
 * line left blank, a line that would start with a list marker) it is not
 * made.
 */
#include "check.h"

#include <ctype.h>
#include <string.h>

static int is_numeric_reference(const rd_node *n)
{
    return n->name && n->name[0] == '&' && n->name[1] == '#';
}

static int is_plain_text(const rd_node *n)
{
    return n && n->type == RD_NODE_TEXT;
}

static int touches_markup(const rd_node *n)
{
    return !is_plain_text(n->prev) || !is_plain_text(n->next);
}

/* The reference's case, or NULL when it is no artifact. */
static const char *artifact_case(const rd_node *n)
{
    if (!is_numeric_reference(n) || n->literal_len != 1)
        return NULL;
    unsigned char c = (unsigned char)n->literal[0];
    if (isalnum(c))
        return "letter";
    if (c == ' ' && touches_markup(n))
        return "space";
    return NULL;
}

/* ------------------------------------------------------------------ fixes */

/* The reference as written in the source, or false when the node's
 * offset does not hold it. */
static bool source_span(const rd_check_ctx *ctx, const rd_node *n,
                        size_t *start, size_t *end)
{
    size_t len = strlen(n->name);
    *start = n->offset;
    *end = n->offset + len;
    return *end <= ctx->doc->size &&
           memcmp(ctx->doc->bytes + *start, n->name, len) == 0;
}

static bool is_delimiter(char c)
{
    return c == '*' || c == '_' || c == '~';
}

static bool is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes of the line around [start, end): where it begins and ends. */
static void line_bounds(const rd_doc *doc, size_t start, size_t end,
                        size_t *bol, size_t *eol)
{
    *bol = start;
    while (*bol > 0 && doc->bytes[*bol - 1] != '\n')
        (*bol)--;
    *eol = end;
    while (*eol < doc->size && doc->bytes[*eol] != '\n' && doc->bytes[*eol] != '\r')
        (*eol)++;
}

static bool only_blanks(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_blank_byte(s[i]) && s[i] != '>')
            return false;
    return true;
}

/* A letter: the character itself, made automatically unless an emphasis
 * mark touches the reference, or a digit starts the line (a list number). */
static void letter_fix(const rd_check_ctx *ctx, const rd_node *n, rd_check_fix *fix)
{
    size_t start, end, bol, eol;
    if (!source_span(ctx, n, &start, &end))
        return;
    const char *b = ctx->doc->bytes;
    line_bounds(ctx->doc, start, end, &bol, &eol);
    bool risky = (start > bol && is_delimiter(b[start - 1])) ||
                 (end < eol && is_delimiter(b[end])) ||
                 (isdigit((unsigned char)n->literal[0]) && only_blanks(b, bol, start));
    *fix = (rd_check_fix){ start, end, n->literal, !risky, 0 };
}

static int is_break(const rd_node *n)
{
    return n && (n->type == RD_NODE_SOFTBREAK || n->type == RD_NODE_LINEBREAK);
}

static int is_emphasis(const rd_node *n)
{
    return n->type == RD_NODE_EMPH || n->type == RD_NODE_STRONG ||
           n->type == RD_NODE_STRIKETHROUGH;
}

/* How many emphasis marks stand between the reference and the text
 * outside the emphases it ends (last) or starts (!last), found in the
 * source after (or before) it; 0 when it ends or starts none, -1 when the
 * source does not hold them. */
static long edge_marks(const rd_check_ctx *ctx, const rd_node *n, size_t start,
                       size_t end, bool last)
{
    const char *b = ctx->doc->bytes;
    size_t at = last ? end : start;
    long count = 0;
    for (const rd_node *c = n; c->parent && is_emphasis(c->parent) &&
         (last ? !c->next : !c->prev); c = c->parent) {
        size_t want = c->parent->type == RD_NODE_STRONG ? 2 : 1;
        if (c->parent->type == RD_NODE_STRIKETHROUGH &&
            (last ? at + 1 < ctx->doc->size && b[at + 1] == '~'
                  : at >= 2 && b[at - 2] == '~'))
            want = 2;
        for (size_t k = 0; k < want; k++) {
            size_t i = last ? at + k : at - 1 - k;
            if ((last ? i >= ctx->doc->size : at < k + 1) || !is_delimiter(b[i]))
                return -1;
        }
        at = last ? at + want : at - want;
        count += (long)want;
    }
    return count;
}

/* The space moved out of the emphases it ends or starts: the marks, then
 * a space (or before them), unless a blank stands there already. */
static bool move_out(rd_check_ctx *ctx, const rd_node *n, size_t start,
                     size_t end, bool last, rd_check_fix *fix, rd_buf *text)
{
    long marks = edge_marks(ctx, n, start, end, last);
    if (marks <= 0)
        return marks == 0 ? false : true;   /* -1: no fix at all */
    const char *b = ctx->doc->bytes;
    size_t from = last ? start : start - (size_t)marks;
    size_t to = last ? end + (size_t)marks : end;
    bool blank = last ? to >= ctx->doc->size || is_blank_byte(b[to])
                      : from == 0 || is_blank_byte(b[from - 1]);
    text->len = 0;
    if (!last && !blank)
        rd_buf_putc(text, ' ');
    rd_buf_put(text, last ? b + end : b + from, (size_t)marks);
    if (last && !blank)
        rd_buf_putc(text, ' ');
    *fix = (rd_check_fix){ from, to, text->data, 1, 0 };
    return true;
}

/* Whether a line may start with what follows `at` once the reference
 * before it is gone: text, a link or an image, or emphasis marks that
 * open something (not a list item or a thematic break). */
static bool can_start_line(const char *b, size_t at, size_t eol)
{
    if (at >= eol)
        return false;
    unsigned char c = (unsigned char)b[at];
    if (isalnum(c) || c >= 0x80 || c == '[' || c == '!')
        return !isdigit(c);
    size_t i = at;
    while (i < eol && is_delimiter(b[i]))
        i++;
    return i > at && i < eol && !is_blank_byte(b[i]);
}

/* A space at the start or end of a line: removed, unless the line would
 * be left blank or would start with block syntax, or two spaces before it
 * would end the line (a hard break). `run_end` is where the run of space
 * references it starts ends. */
static void line_edge_fix(const rd_check_ctx *ctx, size_t start, size_t end,
                          size_t run_end, rd_check_fix *fix)
{
    size_t bol, eol;
    const char *b = ctx->doc->bytes;
    line_bounds(ctx->doc, start, run_end, &bol, &eol);
    bool at_start = only_blanks(b, bol, start);
    bool ends_line = only_blanks(b, run_end, eol);
    bool safe = !(at_start && ends_line) &&
                !(at_start && !can_start_line(b, run_end, eol)) &&
                !(start >= bol + 2 && b[start - 1] == ' ' && b[start - 2] == ' ' &&
                  ends_line);
    *fix = (rd_check_fix){ start, end, "", safe, 0 };
}

static bool spaces_only(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Whether a run of space references is all its line holds, inside a
 * paragraph (line breaks before and after it) and with nothing but blanks
 * before it (no container marks, which the next line would take); then
 * *line_end is just past the line's break. */
static bool alone_on_its_line(const rd_check_ctx *ctx, const rd_node *first,
                              const rd_node *last, size_t *line_end)
{
    if (!is_break(first->prev) || !is_break(last->next))
        return false;
    const char *b = ctx->doc->bytes;
    size_t start = first->offset, end = last->offset + strlen(last->name);
    size_t bol, eol;
    line_bounds(ctx->doc, start, end, &bol, &eol);
    if (!spaces_only(b, bol, start) || !spaces_only(b, end, eol))
        return false;
    *line_end = eol + (eol < ctx->doc->size && b[eol] == '\r');
    *line_end += *line_end < ctx->doc->size && b[*line_end] == '\n';
    return true;
}

static bool is_space_artifact(const rd_node *n)
{
    return n && n->type == RD_NODE_ENTITY && artifact_case(n) &&
           n->literal[0] == ' ';
}

/* A run of space references (often one): each member is fixed on its
 * own, the run standing for one space. */
typedef struct {
    const rd_node *first, *last;
    size_t end;              /* just past the last one */
} space_run;

static space_run run_of(const rd_node *n)
{
    space_run r = { n, n, 0 };
    if (!n)
        return r;
    while (is_space_artifact(r.first->prev))
        r.first = r.first->prev;
    while (is_space_artifact(r.last->next))
        r.last = r.last->next;
    r.end = r.last->offset + strlen(r.last->name);
    return r;
}

/* The run at the edge of an emphasis: the member at that edge moves the
 * space out of it; the others go. True when that decides. */
static bool emphasis_edge_fix(rd_check_ctx *ctx, const rd_node *n,
                              const space_run *r, size_t start, size_t end,
                              rd_check_fix *fix, rd_buf *text)
{
    bool inside = n->parent && is_emphasis(n->parent);
    bool starts = inside && !r->first->prev, ends = inside && !r->last->next;
    if (starts && ends)
        return true;             /* "** **": nothing to move out of */
    if ((starts && n == r->first) || (ends && n == r->last))
        return move_out(ctx, n, start, end, ends && n == r->last, fix, text);
    if (starts || ends)
        *fix = (rd_check_fix){ start, end, "", 1, 0 };
    return starts || ends;
}

/* The run of n: the one found for the member before it when there is one
 * (members come in page order), so that a run of thousands is walked
 * once, not once per member. */
static const space_run *run_for(const rd_node *n, space_run *known,
                                const rd_node **last_member)
{
    bool same = *last_member && n->prev == *last_member && is_space_artifact(n->prev);
    if (!same)
        *known = run_of(n);
    *last_member = n;
    return known;
}

static void space_fix(rd_check_ctx *ctx, const rd_node *n, rd_check_fix *fix,
                      rd_buf *text, const space_run *run)
{
    size_t start, end, line_end;
    if (!source_span(ctx, n, &start, &end))
        return;
    space_run r = *run;
    if (alone_on_its_line(ctx, r.first, r.last, &line_end)) {
        /* The line goes, its line break with it (by the last of the run). */
        *fix = (rd_check_fix){ start, n == r.last ? line_end : end, "", 1, 0 };
        return;
    }
    if (emphasis_edge_fix(ctx, n, &r, start, end, fix, text))
        return;
    if (n != r.first) {
        *fix = (rd_check_fix){ start, end, "", 1, 0 };   /* the first stands */
        return;
    }
    bool in_block = n->parent && rd_node_is_block(n->parent);
    bool line_edge = is_break(n->prev) || is_break(r.last->next) ||
                     (in_block && (!n->prev || !r.last->next));
    if (line_edge)
        line_edge_fix(ctx, start, end, r.end, fix);
    else
        *fix = (rd_check_fix){ start, end, " ", 1, 0 };
}

void rd_check_entity_artifact(rd_check_ctx *ctx)
{
    rd_node_span entities = rd_check_nodes(ctx, RD_NODE_ENTITY);
    rd_buf text;
    rd_buf_init(&text);
    space_run run = { 0 };
    const rd_node *last_member = NULL;
    for (size_t i = 0; i < entities.len; i++) {
        const rd_node *n = entities.nodes[i];
        const char *which = artifact_case(n);
        if (!which)
            continue;
        rd_check_fix fix = { 0 };
        if (which[0] == 'l')
            letter_fix(ctx, n, &fix);
        else
            space_fix(ctx, n, &fix, &text, run_for(n, &run, &last_member));
        fix.covered = 1;         /* every artifact is for --fix to fix */
        const char *const vars[] = { "entity", n->name, "char", n->literal, NULL };
        rd_check_report_case_fix(ctx, which, n, vars, &fix);
    }
    rd_buf_free(&text);
}
