/* The converters, by name: the command line and library users pick one
 * here rather than knowing every emitter. */
#include "internal.h"

#include <string.h>

static const rd_format formats[] = {
    { "docbook", "xml", rd_emit_docbook, "DocBook 5.0: one article per page" },
    { "html", "html", rd_emit_html, "HTML5: a standalone page, or a fragment" },
    { "roles-json", "json", rd_emit_roles_json, "the role model as JSON, with positions" },
    { "roles-xml", "xml", rd_emit_roles_xml, "the role model as XML, with positions" },
    { "text", "txt", rd_emit_text, "plain text, wrapped" },
    { "tree", "xml", rd_emit_tree, "the document tree as XML, with positions" },
    { NULL, NULL, NULL, NULL },
};

const rd_format *rd_formats(void)
{
    return formats;
}

const rd_format *rd_format_find(const char *name)
{
    for (const rd_format *f = formats; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
