/* textDocument/documentSymbol: the role model of a page as an outline.
 * Families hold their roles; a family or a role holds its parts (mission,
 * actions, objectives) in page order. A role's range runs from its
 * heading to the line before the next role at its level (or the end of
 * what holds it); a part's, from its label to the next part or role. */
#include "lsp.h"

#include <stdio.h>

enum { KIND_NAMESPACE = 3, KIND_CLASS = 5, KIND_PROPERTY = 7, KIND_ARRAY = 18 };

static const char *text_of(const lsp_document *d) { return d->text.data; }

/* The end of the line before `line` (1-based), but not past bound. */
static size_t end_before(const lsp_document *d, uint32_t line, size_t bound)
{
    if (line <= 1)
        return 0;
    size_t off = lsp_offset_of_column(&d->lines, text_of(d), d->text.len, line - 1, 1);
    size_t end = lsp_line_end(&d->lines, text_of(d), d->text.len, off);
    return end < bound ? end : bound;
}

static json_t *symbol(const lsp_document *d, const char *name, const char *detail,
                      int kind, size_t start, size_t end)
{
    size_t sel_end = lsp_line_end(&d->lines, text_of(d), d->text.len, start);
    if (end < sel_end)
        end = sel_end;
    return json_pack("{s:o, s:o, s:i, s:o, s:o, s:[]}", "name", rd_json_str(name),
                     "detail", rd_json_str(detail), "kind", kind,
                     "range", lsp_range_of_bytes(d, start, end),
                     "selectionRange", lsp_range_of_bytes(d, start, sel_end),
                     "children");
}

/* The first line after `line` where a part label or a child role starts. */
static uint32_t next_boundary(const rd_role *r, uint32_t line)
{
    uint32_t next = 0;
    for (int p = 0; p < RD_PART_COUNT; p++) {
        lsp_part part = lsp_role_part(r, (rd_part)p);
        if (part.label && part.label->line > line && (!next || part.label->line < next))
            next = part.label->line;
    }
    const rd_role *c = lsp_role_first_child(r);
    if (c && lsp_role_heading(c)) {
        uint32_t l = lsp_role_heading(c)->line;
        if (l > line && (!next || l < next))
            next = l;
    }
    return next;
}

static void add_part(const lsp_document *d, const rd_role *r, rd_part p,
                     size_t end, json_t *children)
{
    lsp_part part = lsp_role_part(r, p);
    if (!part.found)
        return;
    rd_buf label, detail;
    rd_buf_init(&label);
    rd_buf_init(&detail);
    lsp_part_lead_text(&part, &label);
    if (p == RD_PART_MISSION)
        rd_buf_puts(&detail, label.data ? label.data : "");
    else
        rd_buf_printf(&detail, "%s: %zu item%s", label.data ? label.data : "",
                      part.items, part.items == 1 ? "" : "s");
    uint32_t next = next_boundary(r, part.label->line);
    size_t part_end = next ? end_before(d, next, end) : end;
    json_array_append_new(children, symbol(d, lsp_part_title(p), detail.data,
                                           p == RD_PART_MISSION ? KIND_PROPERTY : KIND_ARRAY,
                                           lsp_node_start(d, part.label), part_end));
    rd_buf_free(&label);
    rd_buf_free(&detail);
}

/* The parts in page order (by their labels' lines). */
static void add_parts(const lsp_document *d, const rd_role *r, size_t end,
                      json_t *children)
{
    rd_part order[RD_PART_COUNT] = { RD_PART_MISSION, RD_PART_ACTIONS,
                                     RD_PART_LIMITS, RD_PART_OBJECTIVES,
                                     RD_PART_AXES };
    for (int i = 1; i < RD_PART_COUNT; i++) {
        for (int k = i; k > 0; k--) {
            lsp_part a = lsp_role_part(r, order[k - 1]), b = lsp_role_part(r, order[k]);
            uint32_t la = a.label ? a.label->line : 0, lb = b.label ? b.label->line : 0;
            if (la <= lb)
                break;
            rd_part t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    }
    for (int i = 0; i < RD_PART_COUNT; i++)
        add_part(d, r, order[i], end, children);
}

static void add_roles(const lsp_document *d, const rd_role *first, size_t bound,
                      json_t *list);

static size_t count_roles(const rd_role *r)
{
    size_t n = 0;
    for (const rd_role *c = lsp_role_first_child(r); c; c = lsp_role_next(c))
        n += !lsp_role_is_family(c);
    return n;
}

static void add_role(const lsp_document *d, const rd_role *r, size_t end, json_t *list)
{
    const rd_node *h = lsp_role_heading(r);
    char detail[64] = "role";
    if (lsp_role_is_family(r))
        snprintf(detail, sizeof detail, "family of %zu role%s", count_roles(r),
                 count_roles(r) == 1 ? "" : "s");
    json_t *sym = symbol(d, lsp_role_title(r), detail,
                         lsp_role_is_family(r) ? KIND_NAMESPACE : KIND_CLASS,
                         lsp_node_start(d, h), end);
    json_t *children = json_object_get(sym, "children");
    add_parts(d, r, end, children);
    add_roles(d, lsp_role_first_child(r), end, children);
    json_array_append_new(list, sym);
}

static void add_roles(const lsp_document *d, const rd_role *first, size_t bound,
                      json_t *list)
{
    for (const rd_role *r = first; r; r = lsp_role_next(r)) {
        if (!lsp_role_heading(r))
            continue;
        const rd_role *next = lsp_role_next(r);
        while (next && !lsp_role_heading(next))
            next = lsp_role_next(next);
        size_t end = next ? end_before(d, lsp_role_heading(next)->line, bound) : bound;
        add_role(d, r, end, list);
    }
}

void lsp_document_symbol(lsp_server *s, json_t *id, json_t *params)
{
    lsp_document *d = lsp_requested_document(s, id, params);
    if (!d)
        return;
    lsp_document_current(s, d);
    json_t *list = json_array();
    rd_model *model = lsp_model_of(s, d);
    if (model) {
        add_roles(d, rd_model_first(model), d->text.len, list);
        rd_model_free(model);
    }
    lsp_reply(s, id, list);
}
