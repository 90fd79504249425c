/* textDocument/hover on the title of a role or family: its parts as
 * roledoc understands them (which it found, under which label and line,
 * how many items; which are missing) and what title analysis makes of the
 * title (both forms given, the form missing, or a title without gender).
 * Elsewhere on the page there is nothing to show: the result is null. */
#include "lsp.h"
#include "model/titles.h"

#include <string.h>

/* The role or family whose heading covers line (1-based). */
static const rd_role *role_on_line(const rd_role *r, uint32_t line)
{
    for (; r; r = lsp_role_next(r)) {
        const rd_node *h = lsp_role_heading(r);
        if (h && h->line <= line && line <= lsp_node_last_line(h))
            return r;
        const rd_role *inner = role_on_line(lsp_role_first_child(r), line);
        if (inner)
            return inner;
    }
    return NULL;
}

/* Markdown text as it is, its markup characters escaped. */
static void put_escaped(rd_buf *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|~", *s))
            rd_buf_putc(out, '\\');
        rd_buf_putc(out, *s);
    }
}

static void describe_part(rd_buf *out, const rd_role *r, rd_part p)
{
    lsp_part part = lsp_role_part(r, p);
    rd_buf_printf(out, "- %s: ", rd_part_name(p));
    if (!part.found) {
        rd_buf_puts(out, "**missing**\n");
        return;
    }
    rd_buf label;
    rd_buf_init(&label);
    lsp_part_lead_text(&part, &label);
    rd_buf_puts(out, part.via == RD_VIA_LABEL ? "found under \"" : "found in the ");
    put_escaped(out, label.data ? label.data : "");
    rd_buf_printf(out, "%s (line %u)", part.via == RD_VIA_LABEL ? "\"" : "",
                  part.label->line);
    if (p != RD_PART_MISSION)
        rd_buf_printf(out, ", %zu list item%s", part.items, part.items == 1 ? "" : "s");
    rd_buf_putc(out, '\n');
    rd_buf_free(&label);
}

static void describe_title(rd_buf *out, const lsp_server *s, const char *title)
{
    rd_lexicon *own;
    rd_title_info info;
    rd_title_analyse(rd_ruleset_lexicon(&s->rules, &own), title, &info);
    rd_buf_puts(out, "\nTitle: ");
    if (!info.gendered) {
        rd_buf_puts(out, "no gendered word (epicene)");
    } else if (info.complete) {
        rd_buf_puts(out, "both forms given");
        if (info.masculine && info.feminine) {
            rd_buf_puts(out, ", \"");
            put_escaped(out, info.masculine);
            rd_buf_puts(out, "\" and \"");
            put_escaped(out, info.feminine);
            rd_buf_putc(out, '"');
        }
    } else {
        rd_buf_printf(out, "only the %s form", rd_gender_name(info.present));
        if (info.suggestion) {
            rd_buf_puts(out, "; with both: \"");
            put_escaped(out, info.suggestion);
            rd_buf_putc(out, '"');
        }
    }
    rd_buf_puts(out, "\n");
    rd_title_info_free(&info);
    rd_lexicon_free(own);
}

static json_t *describe(const lsp_server *s, const lsp_document *d, const rd_role *r)
{
    rd_buf out;
    rd_buf_init(&out);
    rd_buf_puts(&out, "**");
    put_escaped(&out, lsp_role_title(r));
    rd_buf_printf(&out, "**: %s, as roledoc reads it\n\n",
                  lsp_role_is_family(r) ? "role family" : "role");
    /* What every role is asked for; limits and axes when there are some. */
    static const rd_part order[] = { RD_PART_MISSION, RD_PART_ACTIONS,
                                     RD_PART_OBJECTIVES, RD_PART_LIMITS, RD_PART_AXES };
    for (size_t p = 0; p < sizeof order / sizeof order[0]; p++) {
        if (p >= 3 && !lsp_role_part(r, order[p]).found)
            continue;
        describe_part(&out, r, order[p]);
    }
    describe_title(&out, s, lsp_role_title(r));
    size_t start = lsp_node_start(d, lsp_role_heading(r));
    size_t end = lsp_line_end(&d->lines, d->text.data, d->text.len, start);
    json_t *hover = json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind", "markdown",
                              "value", rd_json_str(out.data),
                              "range", lsp_range_of_bytes(d, start, end));
    rd_buf_free(&out);
    return hover;
}

void lsp_hover(lsp_server *s, json_t *id, json_t *params)
{
    lsp_document *d = lsp_requested_document(s, id, params);
    if (!d)
        return;
    lsp_position pos;
    if (lsp_get_position(params, "position", &pos) != 0) {
        lsp_reply_error(s, id, LSP_INVALID_PARAMS, "position is missing or malformed");
        return;
    }
    lsp_document_current(s, d);
    rd_model *model = lsp_model_of(s, d);
    const rd_role *r = model ? role_on_line(rd_model_first(model), pos.line + 1) : NULL;
    json_t *result = r ? describe(s, d, r) : NULL;
    if (model)
        rd_model_free(model);
    lsp_reply(s, id, result);
}
