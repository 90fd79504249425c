/* textDocument/codeAction: the fixes of the findings in the range asked
 * for, each a quick fix whose workspace edit changes the page. */
#include "lsp.h"

#include <string.h>

static json_t *text_edits(const lsp_document *d, const lsp_fix *fix)
{
    json_t *edits = json_array();
    for (size_t i = 0; i < fix->nedits; i++) {
        const lsp_edit *e = &fix->edits[i];
        json_array_append_new(edits, json_pack("{s:o, s:o}", "range",
                                               lsp_range_of_bytes(d, e->start, e->end),
                                               "newText", rd_json_str(e->text)));
    }
    return edits;
}

static json_t *action(const lsp_server *s, const lsp_document *d,
                      const rd_diag *diag, const lsp_fix *fix)
{
    json_t *changes = json_object();
    json_object_set_new(changes, d->uri, text_edits(d, fix));
    return json_pack("{s:o, s:s, s:[o], s:b, s:{s:o}}",
                     "title", rd_json_str(fix->title), "kind", "quickfix",
                     "diagnostics", lsp_diagnostic_json(s, d, diag),
                     "isPreferred", 1, "edit", "changes", changes);
}

/* Whether the client asks for quick fixes (context.only unset, or naming
 * "quickfix" or a kind it falls under). */
static bool wants_quickfix(json_t *params)
{
    json_t *only = json_object_get(lsp_get_object(params, "context"), "only");
    if (!json_is_array(only))
        return true;
    size_t i;
    json_t *kind;
    json_array_foreach(only, i, kind) {
        const char *k = json_string_value(kind);
        if (k && (strcmp(k, "quickfix") == 0 || strcmp(k, "") == 0))
            return true;
    }
    return false;
}

void lsp_code_action(lsp_server *s, json_t *id, json_t *params)
{
    lsp_document *d = lsp_requested_document(s, id, params);
    if (!d)
        return;
    json_t *range = lsp_get_object(params, "range");
    lsp_position from, to;
    if (lsp_get_position(range, "start", &from) != 0 ||
        lsp_get_position(range, "end", &to) != 0) {
        lsp_reply_error(s, id, LSP_INVALID_PARAMS, "range is missing or malformed");
        return;
    }
    lsp_document_current(s, d);
    size_t rs = lsp_offset_of(&d->lines, d->text.data, d->text.len, from);
    size_t re = lsp_offset_of(&d->lines, d->text.data, d->text.len, to);
    json_t *actions = json_array();
    for (size_t i = 0; d->fixes && wants_quickfix(params) && i < d->diags.len; i++) {
        size_t fs, fe;
        lsp_finding_range(d, &d->diags.items[i], &fs, &fe);
        if (d->fixes[i].nedits && fs <= re && rs <= fe)
            json_array_append_new(actions, action(s, d, &d->diags.items[i], &d->fixes[i]));
    }
    lsp_reply(s, id, actions);
}
