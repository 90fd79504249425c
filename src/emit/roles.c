/* The role model as data: roles-xml (namespace urn:roledoc:roles:2, schema
 * rules/roledoc-roles.rng) and roles-json (shape in docs/roles-json.md).
 * Both give the same things in the same order: families and roles as the
 * page nests them, each title with its gender and two full forms when the
 * model has them, the illustration, each part with how it was found, its
 * lead (label, lead-in sentence or opening block), the items of its lists
 * and the text of its other blocks, every one with line and col; then the
 * reasons of the model's decisions. */
#include "internal.h"
#include "model/roles_data.h"

#include <jansson.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROLES_NS "urn:roledoc:roles:2"
#define ROLES_VERSION 2

/* ------------------------------------------------------------ shared */

/* The role model of the page, with the caller's rules (none: no role). */
static rd_model *model_for(const rd_doc *doc, const rd_emit_options *opts)
{
    return rd_model_extract(doc, opts ? opts->rules : NULL,
                            opts ? opts->role_page : RD_ROLE_PAGE_DETECT);
}

/* The parts of a role in the order both formats give them. */
static const rd_part part_order[] = {
    RD_PART_MISSION, RD_PART_ACTIONS, RD_PART_LIMITS, RD_PART_OBJECTIVES,
    RD_PART_AXES
};
#define NPARTS (sizeof part_order / sizeof part_order[0])

/* Whether a role may have several parts of a kind (given as an array). */
static bool is_list_kind(rd_part kind)
{
    return kind == RD_PART_ACTIONS || kind == RD_PART_LIMITS;
}

/* ------------------------------------------------------------ XML */

typedef struct {
    xmlTextWriterPtr w;
    rd_buf scratch;
} xml_out;

static void xml_attr(xml_out *x, const char *name, const char *value)
{
    x->scratch.len = 0;
    xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
                                BAD_CAST rd_xml_text(value, &x->scratch));
}

static void xml_attr_num(xml_out *x, const char *name, unsigned long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lu", value);
    xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST buf);
}

static void xml_pos(xml_out *x, uint32_t line, uint32_t col)
{
    xml_attr_num(x, "line", line);
    xml_attr_num(x, "col", col);
}

/* <name line col>text</name> */
static void xml_text_element(xml_out *x, const char *name, const char *text,
                             uint32_t line, uint32_t col)
{
    rd_buf scratch;
    rd_buf_init(&scratch);
    xmlTextWriterStartElement(x->w, BAD_CAST name);
    if (line)
        xml_pos(x, line, col);
    xmlTextWriterWriteString(x->w, BAD_CAST rd_xml_text(text, &scratch));
    xmlTextWriterEndElement(x->w);
    rd_buf_free(&scratch);
}

static void xml_illustration(xml_out *x, const rd_node *img)
{
    rd_buf alt;
    rd_buf_init(&alt);
    xmlTextWriterStartElement(x->w, BAD_CAST "illustration");
    xml_pos(x, img->line, img->col);
    xml_attr(x, "src", img->url ? img->url : "");
    xml_attr(x, "alt", rd_roles_image_alt(img, &alt));
    xmlTextWriterEndElement(x->w);
    rd_buf_free(&alt);
}

static void xml_part(xml_out *x, const rd_role_part *part)
{
    const rd_node *lead = rd_part_lead(part);
    xmlTextWriterStartElement(x->w, BAD_CAST rd_part_name(rd_part_kind(part)));
    xml_attr(x, "via", rd_part_via_name(rd_part_found_via(part)));
    xml_pos(x, lead->line, lead->col);
    xml_attr_num(x, "items", rd_part_item_count(part));
    char *text = rd_roles_flat_text(lead);
    xml_text_element(x, "lead", text, lead->line, lead->col);
    free(text);
    rd_part_entries e;
    rd_roles_part_entries(part, &e);
    for (size_t i = 0; i < e.len; i++)
        xml_text_element(x, e.v[i].item ? "item" : "para", e.v[i].text,
                         e.v[i].node->line, e.v[i].node->col);
    rd_roles_free_entries(&e);
    xmlTextWriterEndElement(x->w);
}

static void xml_role_open(xml_out *x, const rd_role *role)
{
    uint32_t line, col, tline, tcol;
    rd_role_position(role, &line, &col);
    rd_role_title_position(role, &tline, &tcol);
    xmlTextWriterStartElement(x->w, BAD_CAST (rd_role_is_family(role) ? "family" : "role"));
    if (line)
        xml_pos(x, line, col);
    xml_attr_num(x, "level", (unsigned long)rd_roles_level(role));
    xml_attr(x, "gender", rd_title_gender_name(rd_role_gender(role)));
    xml_attr_num(x, "action-count", rd_role_action_count(role));
    xml_text_element(x, "title", rd_role_title(role), tline, tcol);
    if (rd_role_masculine(role)) {
        xml_text_element(x, "masculine", rd_role_masculine(role), tline, tcol);
        xml_text_element(x, "feminine", rd_role_feminine(role), tline, tcol);
    }
    if (rd_role_illustration(role))
        xml_illustration(x, rd_role_illustration(role));
    for (size_t k = 0; k < NPARTS; k++)
        for (size_t i = 0; i < rd_role_part_count(role, part_order[k]); i++)
            xml_part(x, rd_role_part_at(role, part_order[k], i));
}

/* Families and roles in page order, each element closed after its own. */
static void xml_roles(xml_out *x, const rd_model *model)
{
    for (const rd_role *r = NULL; (r = rd_model_next(model, r)); ) {
        xml_role_open(x, r);
        if (rd_role_first_child(r))
            continue;
        xmlTextWriterEndElement(x->w);
        for (const rd_role *up = r; up && !rd_role_next(up); ) {
            up = rd_role_parent(up);
            if (up)
                xmlTextWriterEndElement(x->w);
        }
    }
}

static void xml_reasons(xml_out *x, const rd_model *model)
{
    for (size_t i = 0; i < rd_model_reason_count(model); i++) {
        uint32_t line;
        const char *text = rd_model_reason(model, i, &line);
        xmlTextWriterStartElement(x->w, BAD_CAST "reason");
        if (line)
            xml_attr_num(x, "line", line);
        x->scratch.len = 0;
        xmlTextWriterWriteString(x->w, BAD_CAST rd_xml_text(text, &x->scratch));
        xmlTextWriterEndElement(x->w);
    }
}

static void xml_model(xml_out *x, const rd_doc *doc, const rd_model *model)
{
    xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "roles", BAD_CAST ROLES_NS);
    xml_attr_num(x, "version", ROLES_VERSION);
    xml_attr(x, "source", rd_doc_name(doc) ? rd_doc_name(doc) : "");
    xml_attr(x, "role-page", rd_model_is_role_page(model) ? "true" : "false");
    xml_attr(x, "decision", rd_decision_name(rd_model_decision(model)));
    xml_attr_num(x, "families", rd_model_family_count(model));
    xml_attr_num(x, "roles", rd_model_role_count(model));
    xml_roles(x, model);
    xml_reasons(x, model);
    xmlTextWriterEndElement(x->w);
    xmlTextWriterEndDocument(x->w);
}

int rd_emit_roles_xml(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    rd_model *model = model_for(doc, opts);
    xmlBufferPtr xb = model ? xmlBufferCreate() : NULL;
    xml_out x = { .w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL };
    int status = -1;
    if (x.w) {
        rd_buf_init(&x.scratch);
        xmlTextWriterSetIndent(x.w, 1);
        xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
        xml_model(&x, doc, model);
        xmlFreeTextWriter(x.w);
        rd_buf_free(&x.scratch);
        rd_buf_put(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
        status = 0;
    }
    if (xb)
        xmlBufferFree(xb);
    rd_model_free(model);
    return status;
}

/* ------------------------------------------------------------ JSON */

static json_t *json_located(const char *text, uint32_t line, uint32_t col)
{
    return json_pack("{s:o, s:I, s:I}", "text", rd_json_str(text),
                     "line", (json_int_t)line, "col", (json_int_t)col);
}

static json_t *json_illustration(const rd_node *img)
{
    if (!img)
        return json_null();
    rd_buf alt;
    rd_buf_init(&alt);
    json_t *o = json_pack("{s:o, s:o, s:I, s:I}", "src", rd_json_str(img->url),
                          "alt", rd_json_str(rd_roles_image_alt(img, &alt)),
                          "line", (json_int_t)img->line, "col", (json_int_t)img->col);
    rd_buf_free(&alt);
    return o;
}

static json_t *json_entries(const rd_part_entries *e, bool items)
{
    json_t *a = json_array();
    for (size_t i = 0; i < e->len; i++)
        if (e->v[i].item == items)
            json_array_append_new(a, json_located(e->v[i].text, e->v[i].node->line,
                                                  e->v[i].node->col));
    return a;
}

static json_t *json_part(const rd_role_part *part)
{
    if (!part)
        return json_null();
    const rd_node *lead = rd_part_lead(part);
    char *text = rd_roles_flat_text(lead);
    rd_part_entries e;
    rd_roles_part_entries(part, &e);
    json_t *o = json_pack("{s:s, s:o, s:I, s:I, s:I, s:o, s:o}",
                          "via", rd_part_via_name(rd_part_found_via(part)),
                          "lead", json_located(text, lead->line, lead->col),
                          "line", (json_int_t)lead->line, "col", (json_int_t)lead->col,
                          "items", (json_int_t)rd_part_item_count(part),
                          "list", json_entries(&e, true),
                          "paragraphs", json_entries(&e, false));
    rd_roles_free_entries(&e);
    free(text);
    return o;
}

static void json_parts(json_t *o, const rd_role *role)
{
    for (size_t k = 0; k < NPARTS; k++) {
        rd_part kind = part_order[k];
        json_t *v;
        if (is_list_kind(kind)) {
            v = json_array();
            for (size_t i = 0; i < rd_role_part_count(role, kind); i++)
                json_array_append_new(v, json_part(rd_role_part_at(role, kind, i)));
        } else {
            v = json_part(rd_role_part_at(role, kind, 0));
        }
        json_object_set_new(o, rd_part_name(kind), v);
    }
}

static json_t *json_role(const rd_role *role)
{
    uint32_t line, col, tline, tcol;
    rd_role_position(role, &line, &col);
    rd_role_title_position(role, &tline, &tcol);
    json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:o, s:s, s:o, s:o, s:o}",
        "kind", rd_role_is_family(role) ? "family" : "role",
        "line", (json_int_t)line, "col", (json_int_t)col,
        "level", (json_int_t)rd_roles_level(role),
        "title", json_located(rd_role_title(role), tline, tcol),
        "gender", rd_title_gender_name(rd_role_gender(role)),
        "masculine", rd_json_str_or_null(rd_role_masculine(role)),
        "feminine", rd_json_str_or_null(rd_role_feminine(role)),
        "illustration", json_illustration(rd_role_illustration(role)));
    json_parts(o, role);
    json_object_set_new(o, "action_count", json_integer((json_int_t)rd_role_action_count(role)));
    json_t *children = json_array();
    for (const rd_role *c = rd_role_first_child(role); c; c = rd_role_next(c))
        json_array_append_new(children, json_role(c));
    json_object_set_new(o, "roles", children);
    return o;
}

static json_t *json_reasons(const rd_model *model)
{
    json_t *a = json_array();
    for (size_t i = 0; i < rd_model_reason_count(model); i++) {
        uint32_t line;
        const char *text = rd_model_reason(model, i, &line);
        json_array_append_new(a, json_pack("{s:I, s:o}", "line", (json_int_t)line,
                                           "text", rd_json_str(text)));
    }
    return a;
}

json_t *rd_roles_json_model(const rd_doc *doc, const rd_model *model)
{
    json_t *items = json_array();
    for (const rd_role *r = rd_model_first(model); r; r = rd_role_next(r))
        json_array_append_new(items, json_role(r));
    return json_pack("{s:s, s:i, s:o, s:b, s:s, s:I, s:I, s:o, s:o}",
        "format", "roledoc-roles", "version", ROLES_VERSION,
        "source", rd_json_str(rd_doc_name(doc)),
        "role_page", rd_model_is_role_page(model),
        "decision", rd_decision_name(rd_model_decision(model)),
        "families", (json_int_t)rd_model_family_count(model),
        "roles", (json_int_t)rd_model_role_count(model),
        "items", items, "reasons", json_reasons(model));
}

int rd_emit_roles_json(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    rd_model *model = model_for(doc, opts);
    int status = -1;
    if (model) {
        json_t *root = rd_roles_json_model(doc, model);
        status = rd_json_write(root, out);
        json_decref(root);
    }
    rd_model_free(model);
    return status;
}
