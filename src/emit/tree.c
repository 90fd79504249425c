/* The tree as XML: one element per node, named after its type, with line
 * and col attributes. It is the parser's test surface and a debugging aid,
 * so it shows everything the tree holds, raw HTML included. */
#include "internal.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>

static const char *const align_names[] = { "none", "left", "center", "right" };

static void attr_str(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (!value)
        return;
    rd_buf scratch;
    rd_buf_init(&scratch);
    xmlTextWriterWriteAttribute(w, BAD_CAST name,
                                BAD_CAST rd_xml_text(value, &scratch));
    rd_buf_free(&scratch);
}

static void write_text(xmlTextWriterPtr w, const char *text)
{
    rd_buf scratch;
    rd_buf_init(&scratch);
    xmlTextWriterWriteString(w, BAD_CAST rd_xml_text(text, &scratch));
    rd_buf_free(&scratch);
}

/* Indentation stops growing past this depth: deep trees (thousands of
 * nested quotes or liquid blocks) would otherwise give output quadratic in
 * their depth. */
enum { MAX_INDENT = 32 };

static void newline(xmlTextWriterPtr w, unsigned depth)
{
    static const char spaces[2 * MAX_INDENT + 2] =
        "\n                                                                ";
    unsigned n = depth < MAX_INDENT ? depth : MAX_INDENT;
    xmlTextWriterWriteRawLen(w, BAD_CAST spaces, (int)(1 + 2 * n));
}

static void attr_int(xmlTextWriterPtr w, const char *name, long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", value);
    xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST buf);
}

static void write_flags(xmlTextWriterPtr w, unsigned flags)
{
    static const struct { unsigned flag; const char *name; } names[] = {
        { RD_FLAG_HTML, "html" }, { RD_FLAG_AUTOLINK, "autolink" },
        { RD_FLAG_UNCLOSED, "unclosed" }, { RD_FLAG_STRAY_END, "stray-end" },
        { RD_FLAG_MISNESTED, "misnested" }, { RD_FLAG_BLOCK_TAG, "block" },
        { RD_FLAG_SETEXT, "setext" }, { RD_FLAG_ABSORBED, "absorbed" },
        { RD_FLAG_COMMENT, "comment" }, { RD_FLAG_TRUNCATED, "truncated" },
        { RD_FLAG_GROUPED, "grouped" }, { RD_FLAG_CARD_HIDDEN, "card-hidden" },
        { RD_FLAG_CARD_COVER, "card-cover" }, { RD_FLAG_CARD_TARGET, "card-target" },
    };
    char buf[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].flag))
            continue;
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                 used ? " " : "", names[i].name);
    }
    if (used)
        attr_str(w, "flags", buf);
}

static void write_node_attrs(xmlTextWriterPtr w, const rd_node *n)
{
    attr_int(w, "line", n->line);
    attr_int(w, "col", n->col);
    write_flags(w, n->flags);
    switch (n->type) {
    case RD_NODE_HEADING:
        attr_int(w, "level", n->level);
        break;
    case RD_NODE_LIST:
        attr_str(w, "type", n->list_ordered ? "ordered" : "bullet");
        if (n->list_ordered)
            attr_int(w, "start", n->list_start);
        attr_str(w, "tight", n->list_tight ? "true" : "false");
        break;
    case RD_NODE_ITEM:
        if (n->task)
            attr_str(w, "task", n->task == 2 ? "checked" : "unchecked");
        break;
    case RD_NODE_CODE_BLOCK:
        attr_str(w, "info", n->info);
        break;
    case RD_NODE_TABLE_CELL:
        if (n->flags & RD_FLAG_HEADER)
            attr_str(w, "header", "true");
        if (n->align != RD_ALIGN_NONE)
            attr_str(w, "align", align_names[n->align]);
        break;
    case RD_NODE_LIQUID:
        attr_str(w, "kind", rd_liquid_kind_name(n->liquid));
        attr_str(w, "name", n->name);
        if (n->end_line) {
            attr_int(w, "end-line", n->end_line);
            attr_int(w, "end-col", n->end_col);
        }
        break;
    case RD_NODE_LINK:
    case RD_NODE_IMAGE:
        attr_str(w, "url", n->url);
        attr_str(w, "title", n->title);
        if (n->type == RD_NODE_IMAGE)
            attr_str(w, "alt", n->alt ? n->alt : "");
        break;
    case RD_NODE_ELEMENT:
        attr_str(w, "name", n->name);
        break;
    case RD_NODE_ENTITY:
        attr_str(w, "source", n->name);
        break;
    case RD_NODE_FOOTNOTE_REF:
    case RD_NODE_FOOTNOTE_DEF:
        attr_str(w, "label", n->name);
        attr_int(w, "number", n->list_start);
        break;
    default:
        break;
    }
}

/* Attributes of liquid tags and HTML elements, as child elements: their
 * names are arbitrary and need not be valid XML names. */
static void write_source_attrs(xmlTextWriterPtr w, const rd_node *n,
                               unsigned depth)
{
    if (n->type == RD_NODE_HTML_INLINE || n->type == RD_NODE_HTML_BLOCK)
        return;
    for (const rd_attr *a = n->attrs; a; a = a->next) {
        newline(w, depth + 1);
        xmlTextWriterStartElement(w, BAD_CAST "attr");
        attr_str(w, "name", a->name);
        attr_str(w, "value", a->value);
        xmlTextWriterEndElement(w);
    }
}

static bool has_literal(const rd_node *n)
{
    switch (n->type) {
    case RD_NODE_TEXT: case RD_NODE_ENTITY: case RD_NODE_CODE:
    case RD_NODE_CODE_BLOCK: case RD_NODE_HTML_INLINE: case RD_NODE_HTML_BLOCK:
        return n->literal != NULL;
    default:
        return false;
    }
}

static void write_literal(xmlTextWriterPtr w, const rd_node *n, unsigned depth)
{
    if (n->first_child) {
        /* Raw HTML keeps its text beside its parsed children. */
        newline(w, depth + 1);
        xmlTextWriterStartElement(w, BAD_CAST "raw");
        write_text(w, n->literal);
        xmlTextWriterEndElement(w);
    } else {
        write_text(w, n->literal);
    }
}

static void write_header(xmlTextWriterPtr w, const rd_doc *doc)
{
    uint32_t line, col;
    if (rd_doc_first_invalid(doc, &line, &col)) {
        char buf[48];
        snprintf(buf, sizeof buf, "%u:%u", line, col);
        attr_str(w, "first-invalid-utf8", buf);
    }
    for (const rd_attr *m = rd_doc_meta(doc); m; m = m->next) {
        newline(w, 1);
        xmlTextWriterStartElement(w, BAD_CAST "meta");
        attr_str(w, "key", m->name);
        attr_int(w, "line", m->line);
        attr_int(w, "col", m->col);
        write_text(w, m->value);
        xmlTextWriterEndElement(w);
    }
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        const rd_diag *d = rd_doc_diag(doc, i);
        newline(w, 1);
        xmlTextWriterStartElement(w, BAD_CAST "diagnostic");
        attr_str(w, "rule", d->rule);
        attr_int(w, "line", d->line);
        attr_int(w, "col", d->col);
        write_text(w, d->message);
        xmlTextWriterEndElement(w);
    }
}

int rd_emit_tree(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    (void)opts;
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
    if (!w) {
        xmlBufferFree(xb);
        return -1;
    }
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);

    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    unsigned depth = 0;
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_EXIT) {
            depth--;
            /* Elements that held elements close on a line of their own. */
            if (n->first_child || n->attrs || n->type == RD_NODE_DOCUMENT)
                newline(w, depth);
            xmlTextWriterEndElement(w);
            continue;
        }
        if (depth)
            newline(w, depth);
        xmlTextWriterStartElement(w, BAD_CAST rd_node_type_name(n->type));
        write_node_attrs(w, n);
        if (n->type == RD_NODE_DOCUMENT)
            write_header(w, doc);
        write_source_attrs(w, n, depth);
        if (has_literal(n))
            write_literal(w, n, depth);
        depth++;
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    rd_buf_put(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    return 0;
}
