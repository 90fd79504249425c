/* How check kinds report: the rule's message and hint templates filled with
 * the values the kind found, at a position of the page, with the severity
 * the rule has where the page is (after configuration), and the change of
 * the page that would fix it when the kind can say. */
#include "check.h"

#include <stdio.h>
#include <string.h>

/* The value of placeholder name[0..len) in vars, or NULL. */
static const char *lookup(const char *const *vars, const char *name, size_t len)
{
    for (size_t i = 0; vars && vars[i]; i += 2)
        if (strlen(vars[i]) == len && memcmp(vars[i], name, len) == 0)
            return vars[i + 1] ? vars[i + 1] : "";
    return NULL;
}

/* Copies template into out with each {name} replaced by its value; an
 * unknown placeholder is kept as written, so a typo in a rule file shows. */
static void expand(const char *template, const char *const *vars, rd_buf *out)
{
    const char *t = template;
    while (*t) {
        const char *open = strchr(t, '{');
        const char *close = open ? strchr(open + 1, '}') : NULL;
        if (!close) {
            rd_buf_puts(out, t);
            return;
        }
        rd_buf_put(out, t, (size_t)(open - t));
        const char *value = lookup(vars, open + 1, (size_t)(close - open - 1));
        if (value)
            rd_buf_puts(out, value);
        else
            rd_buf_put(out, open, (size_t)(close - open + 1));
        t = close + 1;
    }
}

/* The suggestion of a finding: the change, with its positions. */
static rd_suggestion suggestion_of(const rd_check_ctx *ctx,
                                   const rd_check_fix *fix)
{
    rd_suggestion s = { 0 };
    if (!fix || !fix->text || fix->end < fix->start || fix->end > ctx->doc->size)
        return s;
    s.text = fix->text;
    s.start = fix->start;
    s.end = fix->end;
    s.automatic = fix->automatic;
    rd_doc_position(ctx->doc, fix->start, &s.line, &s.col);
    rd_doc_position(ctx->doc, fix->end, &s.end_line, &s.end_col);
    return s;
}

static void report(rd_check_ctx *ctx, uint32_t line, uint32_t col,
                   uint32_t end_line, uint32_t end_col, const char *const *vars,
                   const rd_check_fix *fix)
{
    const rd_rule *rule = ctx->rule;
    if (rule->severity == RD_SEVERITY_OFF)
        return;
    rd_buf message, hint;
    rd_buf_init(&message);
    rd_buf_init(&hint);
    expand(rule->message ? rule->message : rule->id, vars, &message);
    if (rule->hint)
        expand(rule->hint, vars, &hint);
    rd_diag d = {
        .rule = rule->id,
        .severity = rule->severity,
        .file = rd_doc_name(ctx->doc),
        .line = line ? line : 1,
        .col = col ? col : 1,
        .end_line = end_line,
        .end_col = end_col,
        .message = message.data ? message.data : "",
        .hint = rule->hint ? (hint.data ? hint.data : "") : NULL,
        .suggestion = suggestion_of(ctx, fix),
        .fixable = fix && (fix->covered || fix->automatic),
    };
    rd_diag_list_add(ctx->out, &d);
    rd_buf_free(&message);
    rd_buf_free(&hint);
}

void rd_check_report_fix(rd_check_ctx *ctx, const rd_node *at,
                         const char *const *vars, const rd_check_fix *fix)
{
    if (at)
        report(ctx, at->line, at->col, at->end_line, at->end_col, vars, fix);
    else
        report(ctx, 1, 1, 0, 0, vars, fix);
}

void rd_check_report(rd_check_ctx *ctx, const rd_node *at,
                     const char *const *vars)
{
    rd_check_report_fix(ctx, at, vars, NULL);
}

void rd_check_report_offset(rd_check_ctx *ctx, size_t offset,
                            const char *const *vars)
{
    uint32_t line, col;
    rd_doc_position(ctx->doc, offset, &line, &col);
    report(ctx, line, col, 0, 0, vars, NULL);
}

void rd_check_report_at(rd_check_ctx *ctx, uint32_t line, uint32_t col,
                        const char *const *vars)
{
    report(ctx, line, col, 0, 0, vars, NULL);
}

void rd_check_report_at_fix(rd_check_ctx *ctx, uint32_t line, uint32_t col,
                            const char *const *vars, const rd_check_fix *fix)
{
    report(ctx, line, col, 0, 0, vars, fix);
}

void rd_check_report_case(rd_check_ctx *ctx, const char *which,
                          const rd_node *at, const char *const *vars)
{
    rd_check_report_case_fix(ctx, which, at, vars, NULL);
}

void rd_check_report_case_fix(rd_check_ctx *ctx, const char *which,
                              const rd_node *at, const char *const *vars,
                              const rd_check_fix *fix)
{
    char key[64];
    rd_rule variant = *ctx->rule;
    snprintf(key, sizeof key, "message-%s", which);
    const char *message = rd_rule_param(ctx->rule, key);
    if (message) {
        snprintf(key, sizeof key, "hint-%s", which);
        variant.message = message;
        variant.hint = rd_rule_param(ctx->rule, key);
    }
    rd_check_ctx sub = *ctx;
    sub.rule = &variant;
    rd_check_report_fix(&sub, at, vars, fix);
}

size_t rd_check_find_on_line(const rd_check_ctx *ctx, uint32_t line,
                             size_t from, const char *text, size_t len)
{
    size_t n;
    const char *start = rd_doc_line(ctx->doc, line, &n);
    if (!start || !len)
        return RD_CHECK_NOT_FOUND;
    size_t base = (size_t)(start - ctx->doc->bytes);
    size_t skip = from > base ? from - base : 0;
    for (size_t i = skip; i + len <= n; i++)
        if (memcmp(start + i, text, len) == 0)
            return base + i;
    return RD_CHECK_NOT_FOUND;
}

/* ------------------------------------------------- shared by the kinds */

int rd_check_block_has_content(const rd_node *n)
{
    if (n->flags & RD_FLAG_COMMENT)
        return 0;
    if (n->type == RD_NODE_THEMATIC_BREAK)
        return 0;
    if (n->type == RD_NODE_HTML_BLOCK && !n->first_child)
        return 0;
    return 1;
}

int rd_check_any_word(const char *list,
                      int (*match)(const char *word, size_t len, const void *data),
                      const void *data)
{
    const char *p = list ? list : "";
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (n && match(p, n, data))
            return 1;
        p += n;
    }
    return 0;
}
