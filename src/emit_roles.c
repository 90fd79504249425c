/* The role model as data: roles-xml (namespace urn:roledoc:roles:1, schema
 * rules/roledoc-roles.rng) and roles-json (shape in docs/roles-json.md).
 * Both give the same things in the same order: families and roles as the
 * page nests them, each title with its two full forms when the model has
 * them, the illustration, and each part with its label, the items of its
 * lists and the text of its other blocks, every one with line and col. */
#include "internal.h"
#include "titles.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROLES_NS "urn:roledoc:roles:1"
#define ROLES_VERSION 1

/* ------------------------------------------------------------ shared */

/* The rule set that gives labels and lexicon: the caller's, else the
 * default one, loaded into *own (freed by the caller when loaded). */
static const rd_ruleset *rules_for(const rd_emit_options *opts, rd_ruleset *own,
                                   bool *loaded)
{
    *loaded = false;
    if (opts && opts->rules)
        return opts->rules;
    rd_error err;
    if (rd_ruleset_load(own, rd_default_rules_dir(), &err) != RD_OK)
        return NULL;
    *loaded = true;
    return own;
}

/* Visits every family and role in page order: enter, its own roles, then
 * leave, following the links instead of recursing. */
typedef void (*role_visit)(void *ctx, const rd_role *role, bool entering);

static void walk_roles(const rd_model *model, role_visit visit, void *ctx)
{
    const rd_role *r = model->first;
    while (r) {
        visit(ctx, r, true);
        if (r->first_child) {
            r = r->first_child;
            continue;
        }
        visit(ctx, r, false);
        while (r && !r->next) {
            r = r->parent;
            if (r)
                visit(ctx, r, false);
        }
        if (r)
            r = r->next;
    }
}

/* The visible text of a block, blocks inside it (paragraphs of an item,
 * nested lists) kept apart by a blank, as rd_node_text does not. */
static void block_text(const rd_node *block, rd_buf *out)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)block);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (n != block && rd_node_is_block(n)) {
            rd_buf_putc(out, ' ');
            continue;
        }
        if (ev != RD_EVENT_ENTER)
            continue;
        switch (n->type) {
        case RD_NODE_TEXT: case RD_NODE_ENTITY: case RD_NODE_CODE:
            rd_buf_put(out, n->literal, n->literal_len);
            break;
        case RD_NODE_SOFTBREAK: case RD_NODE_LINEBREAK:
            rd_buf_putc(out, ' ');
            break;
        case RD_NODE_IMAGE:
            if (n->flags & RD_FLAG_HTML)
                rd_buf_puts(out, n->alt ? n->alt : "");
            break;
        default:
            break;
        }
    }
}

/* A node's text with blanks collapsed to single spaces (malloc'd). */
static char *flat_text(const rd_node *n)
{
    rd_buf raw, out;
    rd_buf_init(&raw);
    rd_buf_init(&out);
    block_text(n, &raw);
    bool space = false;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = out.len > 0;
            continue;
        }
        if (space)
            rd_buf_putc(&out, ' ');
        space = false;
        rd_buf_putc(&out, c);
    }
    rd_buf_free(&raw);
    return rd_buf_detach(&out, NULL);
}

/* What a part holds: the items of its lists and its other blocks. */
typedef struct {
    const rd_node *node;
    bool item;
    char *text;
} part_entry;

typedef struct {
    part_entry *v;
    size_t len, cap;
} part_entries;

static void add_entry(part_entries *e, const rd_node *node, bool item)
{
    char *text = flat_text(node);
    if (!*text) {
        free(text);
        return;
    }
    if (e->len == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 8;
        e->v = realloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->len++] = (part_entry){ node, item, text };
}

static void collect_entries(const rd_role_part *part, part_entries *e)
{
    for (const rd_node *n = part->first; n; n = n->next) {
        if (n->type == RD_NODE_LIST) {
            for (const rd_node *item = n->first_child; item; item = item->next)
                if (item->type == RD_NODE_ITEM)
                    add_entry(e, item, true);
        } else if (!(n->flags & RD_FLAG_COMMENT)) {
            add_entry(e, n, false);
        }
        if (n == part->last)
            break;
    }
}

static void free_entries(part_entries *e)
{
    for (size_t i = 0; i < e->len; i++)
        free(e->v[i].text);
    free(e->v);
}

/* Where the title starts: the heading's first inline, after the blanks
 * and numbering the model removed (ASCII, so bytes are columns). */
static void title_position(const rd_role *role, uint32_t *line, uint32_t *col)
{
    const rd_node *h = role->heading, *first = h->first_child;
    *line = first ? first->line : h->line;
    *col = first ? first->col : h->col;
    if (!first || first->type != RD_NODE_TEXT || !first->literal)
        return;
    const char *t = first->literal;
    size_t skip = strspn(t, " \t");
    skip += rd_title_numbering_len(t + skip);
    *col += (uint32_t)skip;
}

static const char *image_alt(const rd_node *img, rd_buf *scratch)
{
    if (img->alt && *img->alt)
        return img->alt;
    scratch->len = 0;
    rd_node_text(img, scratch);
    return scratch->data ? scratch->data : "";
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
    xml_attr(x, "alt", image_alt(img, &alt));
    xmlTextWriterEndElement(x->w);
    rd_buf_free(&alt);
}

static void xml_part(xml_out *x, rd_part p, const rd_role_part *part)
{
    if (!part->label)
        return;
    xmlTextWriterStartElement(x->w, BAD_CAST rd_part_name(p));
    xml_pos(x, part->label->line, part->label->col);
    xml_attr_num(x, "items", part->items);
    char *label = flat_text(part->label);
    xml_text_element(x, "label", label, part->label->line, part->label->col);
    free(label);
    part_entries e = { 0 };
    collect_entries(part, &e);
    for (size_t i = 0; i < e.len; i++)
        xml_text_element(x, e.v[i].item ? "item" : "para", e.v[i].text,
                         e.v[i].node->line, e.v[i].node->col);
    free_entries(&e);
    xmlTextWriterEndElement(x->w);
}

static void xml_role(void *ctx, const rd_role *role, bool entering)
{
    xml_out *x = ctx;
    if (!entering) {
        xmlTextWriterEndElement(x->w);
        return;
    }
    const rd_node *h = role->heading;
    uint32_t line, col;
    title_position(role, &line, &col);
    xmlTextWriterStartElement(x->w, BAD_CAST (role->is_family ? "family" : "role"));
    xml_pos(x, h->line, h->col);
    xml_attr_num(x, "level", (unsigned long)h->level);
    xml_text_element(x, "title", role->title, line, col);
    if (role->title_masculine)
        xml_text_element(x, "masculine", role->title_masculine, line, col);
    if (role->title_feminine)
        xml_text_element(x, "feminine", role->title_feminine, line, col);
    if (role->illustration)
        xml_illustration(x, role->illustration);
    for (int p = 0; p < RD_PART_COUNT; p++)
        xml_part(x, (rd_part)p, &role->parts[p]);
}

static void xml_model(xml_out *x, const rd_doc *doc, const rd_model *model)
{
    xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "roles", BAD_CAST ROLES_NS);
    xml_attr_num(x, "version", ROLES_VERSION);
    xml_attr(x, "source", rd_doc_name(doc) ? rd_doc_name(doc) : "");
    xml_attr(x, "role-page", model->is_role_page ? "true" : "false");
    xml_attr_num(x, "families", model->nfamilies);
    xml_attr_num(x, "roles", model->nroles);
    walk_roles(model, xml_role, x);
    xmlTextWriterEndElement(x->w);
    xmlTextWriterEndDocument(x->w);
}

int rd_emit_roles_xml(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    rd_ruleset own;
    bool loaded;
    const rd_ruleset *rules = rules_for(opts, &own, &loaded);
    if (!rules)
        return -1;
    rd_model *model = rd_model_extract(doc, rules);
    xmlBufferPtr xb = xmlBufferCreate();
    xml_out x = { .w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL };
    int status = -1;
    if (model && x.w) {
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
    if (loaded)
        rd_ruleset_free(&own);
    return status;
}

/* ------------------------------------------------------------ JSON */

/* A JSON string: quotes, backslashes and control characters escaped; the
 * text is UTF-8 already (the document cleaned it), so the rest is copied. */
static void json_string(rd_buf *out, const char *s)
{
    rd_buf_putc(out, '"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': rd_buf_puts(out, "\\\""); break;
        case '\\': rd_buf_puts(out, "\\\\"); break;
        case '\n': rd_buf_puts(out, "\\n"); break;
        case '\r': rd_buf_puts(out, "\\r"); break;
        case '\t': rd_buf_puts(out, "\\t"); break;
        case '\b': rd_buf_puts(out, "\\b"); break;
        case '\f': rd_buf_puts(out, "\\f"); break;
        default:
            if (c < 0x20 || c == 0x7F)
                rd_buf_printf(out, "\\u%04x", c);
            else
                rd_buf_putc(out, (char)c);
        }
    }
    rd_buf_putc(out, '"');
}

typedef struct {
    rd_buf *out;
    int depth;               /* nesting of roles, for indentation */
    bool first;              /* no sibling written yet at this depth */
} json_out;

static void json_indent(rd_buf *out, int n)
{
    rd_buf_putc(out, '\n');
    for (int i = 0; i < n; i++)
        rd_buf_puts(out, "  ");
}

/* "key": "text" with its position, as an object. */
static void json_located(rd_buf *out, const char *text, uint32_t line, uint32_t col)
{
    rd_buf_puts(out, "{\"text\": ");
    json_string(out, text);
    rd_buf_printf(out, ", \"line\": %u, \"col\": %u}", line, col);
}

static void json_key(rd_buf *out, int indent, const char *key)
{
    rd_buf_putc(out, ',');
    json_indent(out, indent);
    json_string(out, key);
    rd_buf_puts(out, ": ");
}

static void json_illustration(rd_buf *out, const rd_node *img)
{
    if (!img) {
        rd_buf_puts(out, "null");
        return;
    }
    rd_buf alt;
    rd_buf_init(&alt);
    rd_buf_puts(out, "{\"src\": ");
    json_string(out, img->url ? img->url : "");
    rd_buf_puts(out, ", \"alt\": ");
    json_string(out, image_alt(img, &alt));
    rd_buf_printf(out, ", \"line\": %u, \"col\": %u}", img->line, img->col);
    rd_buf_free(&alt);
}

static void json_entries(rd_buf *out, int indent, const part_entries *e, bool items)
{
    rd_buf_putc(out, '[');
    bool any = false;
    for (size_t i = 0; i < e->len; i++) {
        if (e->v[i].item != items)
            continue;
        if (any)
            rd_buf_putc(out, ',');
        json_indent(out, indent + 1);
        json_located(out, e->v[i].text, e->v[i].node->line, e->v[i].node->col);
        any = true;
    }
    if (any)
        json_indent(out, indent);
    rd_buf_putc(out, ']');
}

static void json_part(rd_buf *out, int indent, const rd_role_part *part)
{
    if (!part->label) {
        rd_buf_puts(out, "null");
        return;
    }
    char *label = flat_text(part->label);
    rd_buf_printf(out, "{");
    json_indent(out, indent + 1);
    rd_buf_puts(out, "\"label\": ");
    json_located(out, label, part->label->line, part->label->col);
    free(label);
    rd_buf_printf(out, ",");
    json_indent(out, indent + 1);
    rd_buf_printf(out, "\"line\": %u, \"col\": %u, \"items\": %zu",
                  part->label->line, part->label->col, part->items);
    part_entries e = { 0 };
    collect_entries(part, &e);
    json_key(out, indent + 1, "list");
    json_entries(out, indent + 1, &e, true);
    json_key(out, indent + 1, "paragraphs");
    json_entries(out, indent + 1, &e, false);
    free_entries(&e);
    json_indent(out, indent);
    rd_buf_putc(out, '}');
}

static void json_optional(rd_buf *out, const char *s)
{
    if (s)
        json_string(out, s);
    else
        rd_buf_puts(out, "null");
}

/* The role's own fields; its "roles" array is left open for its own. */
static void json_role_open(json_out *j, const rd_role *role)
{
    rd_buf *out = j->out;
    int in = 3 + 2 * j->depth;    /* the object's fields */
    uint32_t line, col;
    title_position(role, &line, &col);
    if (!j->first)
        rd_buf_putc(out, ',');
    json_indent(out, in - 1);
    rd_buf_putc(out, '{');
    json_indent(out, in);
    rd_buf_puts(out, "\"kind\": ");
    json_string(out, role->is_family ? "family" : "role");
    rd_buf_printf(out, ", \"line\": %u, \"col\": %u, \"level\": %d",
                  role->heading->line, role->heading->col, role->heading->level);
    json_key(out, in, "title");
    json_located(out, role->title, line, col);
    json_key(out, in, "masculine");
    json_optional(out, role->title_masculine);
    json_key(out, in, "feminine");
    json_optional(out, role->title_feminine);
    json_key(out, in, "illustration");
    json_illustration(out, role->illustration);
    json_key(out, in, "parts");
    rd_buf_putc(out, '{');
    for (int p = 0; p < RD_PART_COUNT; p++) {
        if (p)
            rd_buf_putc(out, ',');
        json_indent(out, in + 1);
        json_string(out, rd_part_name((rd_part)p));
        rd_buf_puts(out, ": ");
        json_part(out, in + 1, &role->parts[p]);
    }
    json_indent(out, in);
    rd_buf_putc(out, '}');
    json_key(out, in, "roles");
    rd_buf_putc(out, '[');
}

static void json_role(void *ctx, const rd_role *role, bool entering)
{
    json_out *j = ctx;
    if (entering) {
        json_role_open(j, role);
        j->depth++;
        j->first = true;
        return;
    }
    j->depth--;
    int in = 3 + 2 * j->depth;
    if (!role->first_child)
        rd_buf_puts(j->out, "]");
    else {
        json_indent(j->out, in);
        rd_buf_putc(j->out, ']');
    }
    json_indent(j->out, in - 1);
    rd_buf_putc(j->out, '}');
    j->first = false;
}

static void json_model(rd_buf *out, const rd_doc *doc, const rd_model *model)
{
    rd_buf_printf(out, "{\n  \"format\": \"roledoc-roles\",\n  \"version\": %d,\n"
                  "  \"source\": ", ROLES_VERSION);
    json_string(out, rd_doc_name(doc) ? rd_doc_name(doc) : "");
    rd_buf_printf(out, ",\n  \"role_page\": %s,\n  \"families\": %zu,\n"
                  "  \"roles\": %zu,\n  \"items\": [",
                  model->is_role_page ? "true" : "false",
                  model->nfamilies, model->nroles);
    json_out j = { .out = out, .depth = 0, .first = true };
    walk_roles(model, json_role, &j);
    rd_buf_puts(out, model->first ? "\n  ]\n}\n" : "]\n}\n");
}

int rd_emit_roles_json(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    rd_ruleset own;
    bool loaded;
    const rd_ruleset *rules = rules_for(opts, &own, &loaded);
    if (!rules)
        return -1;
    rd_model *model = rd_model_extract(doc, rules);
    if (model)
        json_model(out, doc, model);
    rd_model_free(model);
    if (loaded)
        rd_ruleset_free(&own);
    return model ? 0 : -1;
}
