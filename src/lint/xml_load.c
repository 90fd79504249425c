/* Reading rule and configuration files: XML that cannot reach the network,
 * load a DTD or expand an entity, validated against our RELAX NG schemas.
 *
 * libxml2's process-wide settings (entity substitution, the default error
 * handler) are never touched: everything goes through a parser context of
 * our own with explicit options and error callbacks, so that reading these
 * files is safe whatever else the process does with libxml2, and silent. */
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rule and configuration files are small; anything larger is a mistake. */
#define MAX_XML_SIZE ((size_t)4 << 20)

static void note(rd_xml_problem *p, long line, long col, const char *fmt,
                 va_list ap)
{
    if (p->line && (p->line < line || (p->line == line && p->col <= col)))
        return;
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    p->line = line > 0 ? line : 1;
    p->col = col > 0 ? col : 0;
}

void rd_xml_problem_note(rd_xml_problem *p, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note(p, line, 0, fmt, ap);
    va_end(ap);
}

void rd_problem_note_at(rd_xml_problem *p, long line, long col,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note(p, line, col, fmt, ap);
    va_end(ap);
}

/* libxml2 messages end with a newline and sometimes carry trailing blanks. */
static void trim_message(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '.'))
        s[--n] = '\0';
}

/* ---------------------------------------------------------------- schema */

struct rd_schema {
    xmlRelaxNGPtr rng;
};

/* Keeps the first error a structured error callback receives. */
typedef struct {
    bool seen;
    long line;
    char message[512];
} first_error;

static void keep_first_error(void *data, xmlErrorPtr e)
{
    first_error *fe = data;
    if (fe->seen || !e || e->level < XML_ERR_ERROR)
        return;
    fe->seen = true;
    fe->line = e->line;
    snprintf(fe->message, sizeof fe->message, "%s",
             e->message ? e->message : "invalid");
    trim_message(fe->message);
}

/* Line of the first <include> or <externalRef> of a RELAX NG schema, or 0:
 * libxml2 would fetch the file it names, over the network too, whatever
 * options the schema itself was read with. */
static long schema_reference(xmlDocPtr doc)
{
    static const char rng_ns[] = "http://relaxng.org/ns/structure/1.0";
    xmlNodePtr e = xmlDocGetRootElement(doc);
    while (e) {
        if (rd_xml_is(e, rng_ns, "include") || rd_xml_is(e, rng_ns, "externalRef"))
            return xmlGetLineNo(e) > 0 ? xmlGetLineNo(e) : 1;
        /* Depth first, elements only, without recursion. */
        xmlNodePtr next = xmlFirstElementChild(e);
        while (!next && e) {
            next = xmlNextElementSibling(e);
            if (!next)
                e = e->parent && e->parent->type == XML_ELEMENT_NODE ? e->parent : NULL;
        }
        e = next;
    }
    return 0;
}

/* A schema is read as our other files are (no DOCTYPE, no network) and
 * may not pull in other files: a rule directory given on the command line
 * must not make roledoc read anything but its own files. */
rd_schema *rd_schema_load(const char *path, rd_error *err)
{
    first_error fe = { 0 };
    xmlDocPtr doc = rd_xml_read(path, err);
    if (!doc)
        return NULL;
    long ref = schema_reference(doc);
    if (ref) {
        xmlFreeDoc(doc);
        rd_set_error(err, RD_ERR_CONFIG, "%s:%ld: invalid schema: <include> and "
                     "<externalRef> are not allowed (a schema is one file)",
                     path, ref);
        return NULL;
    }
    /* The parser works on its own copy of the document. */
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(doc);
    xmlFreeDoc(doc);
    if (!pc) {
        rd_set_error(err, RD_ERR_NOMEM, "%s: cannot read the schema", path);
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pc, keep_first_error, &fe);
    xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    if (!rng) {
        rd_set_error(err, RD_ERR_CONFIG, "%s:%ld: invalid schema: %s", path,
                     fe.line > 0 ? fe.line : 1L, fe.seen ? fe.message : "cannot compile");
        return NULL;
    }
    rd_schema *schema = rd_xcalloc(1, sizeof *schema);
    schema->rng = rng;
    return schema;
}

void rd_schema_free(rd_schema *schema)
{
    if (!schema)
        return;
    xmlRelaxNGFree(schema->rng);
    free(schema);
}

void rd_xml_validate(xmlDocPtr doc, const rd_schema *schema,
                     rd_xml_problem *problem)
{
    if (problem->line)
        return;     /* our own word on the file is the clearer one */
    first_error fe = { 0 };
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema->rng);
    if (!vc)
        abort();
    xmlRelaxNGSetValidStructuredErrors(vc, keep_first_error, &fe);
    int status = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    if (status != 0)
        rd_xml_problem_note(problem, fe.line, "%s",
                            fe.seen ? fe.message : "does not follow the schema");
}

/* ---------------------------------------------------------------- reading */

/* What the parser callbacks learn while reading one file. */
typedef struct {
    bool doctype;            /* a DOCTYPE was met and parsing stopped */
    long doctype_line;
    first_error error;
} read_state;

/* A DOCTYPE is where entities and external DTDs come from; our files never
 * need one, so parsing stops right there, before any entity is declared. */
static void refuse_doctype(void *ctx, const xmlChar *name,
                           const xmlChar *external_id, const xmlChar *system_id)
{
    xmlParserCtxtPtr pc = ctx;
    read_state *st = pc->_private;
    if (!st->doctype) {
        st->doctype = true;
        st->doctype_line = pc->input ? pc->input->line : 1;
    }
    xmlStopParser(pc);
}

static void keep_parse_error(void *data, xmlErrorPtr e)
{
    /* With a structured handler set on the context, data is the context. */
    xmlParserCtxtPtr pc = data;
    read_state *st = pc->_private;
    keep_first_error(&st->error, e);
}

char *rd_read_small_file(const char *path, size_t *len, rd_error *err)
{
    /* Opened without waiting, and refused unless a regular file: a FIFO
     * given as a configuration, or put in a rules directory, would block
     * the run until a writer came. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        rd_set_error(err, RD_ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    const char *refusal = NULL;
    if (fstat(fd, &st) != 0)
        refusal = strerror(errno);
    else if (S_ISFIFO(st.st_mode))
        refusal = "a FIFO, not a regular file: refused";
    else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        refusal = "not a regular file: refused";
    if (refusal) {
        close(fd);
        rd_set_error(err, RD_ERR_IO, "%s: %s", path, refusal);
        return NULL;
    }
    /* Read with read(2) into a buffer of the file's size (every run reads
     * all the rule files: stdio's own buffers were a tenth of it). */
    size_t hint = S_ISREG(st.st_mode) && (uintmax_t)st.st_size <= MAX_XML_SIZE
                ? (size_t)st.st_size : 0;
    char *data = NULL;
    rd_status status = rd_read_fd(fd, hint, MAX_XML_SIZE, &data, len);
    int failed = errno;     /* a directory opens, then fails to read */
    close(fd);
    if (status == RD_ERR_NOMEM)
        abort();
    if (status != RD_OK) {
        rd_set_error(err, status, "%s: %s", path,
                     status == RD_ERR_IO ? strerror(failed)
                         : "file too large for a rule or configuration file");
        return NULL;
    }
    return data;
}

xmlDocPtr rd_xml_read(const char *path, rd_error *err)
{
    size_t len = 0;
    char *data = rd_read_small_file(path, &len, err);
    if (!data)
        return NULL;
    xmlDocPtr doc = rd_xml_parse(path, data, len, err);
    free(data);
    return doc;
}

xmlDocPtr rd_xml_parse(const char *path, const char *data, size_t len,
                       rd_error *err)
{
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc)
        abort();
    read_state st = { 0 };
    pc->_private = &st;
    pc->sax->internalSubset = refuse_doctype;
    pc->sax->serror = keep_parse_error;
    /* No NOENT (no substitution), no DTDLOAD/DTDATTR/DTDVALID, no XInclude:
     * the defaults of libxml2 with the network off and no messages printed. */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                  XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlCtxtReadMemory(pc, data, (int)len, path, NULL, options);
    bool well_formed = pc->wellFormed;
    xmlFreeParserCtxt(pc);
    if (st.doctype) {
        xmlFreeDoc(doc);
        rd_set_error(err, RD_ERR_CONFIG,
                     "%s:%ld: DOCTYPE declarations are not allowed (no DTD, no "
                     "entities): remove it", path, st.doctype_line);
        return NULL;
    }
    if (!doc || !well_formed) {
        xmlFreeDoc(doc);
        rd_set_error(err, RD_ERR_CONFIG, "%s:%ld: %s", path,
                     st.error.line > 0 ? st.error.line : 1L,
                     st.error.seen ? st.error.message : "not well-formed XML");
        return NULL;
    }
    return doc;
}

/* ---------------------------------------------------------------- helpers */

bool rd_xml_is(const xmlNode *node, const char *ns, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           strcmp((const char *)node->ns->href, ns) == 0 &&
           strcmp((const char *)node->name, name) == 0;
}

char *rd_xml_attr(const xmlNode *node, const char *name)
{
    return (char *)xmlGetNoNsProp(node, (const xmlChar *)name);
}

char *rd_xml_text_of(const xmlNode *node)
{
    char *text = (char *)xmlNodeGetContent(node);
    if (!text)
        return NULL;
    size_t start = strspn(text, " \t\r\n");
    size_t end = strlen(text);
    while (end > start && strchr(" \t\r\n", text[end - 1]))
        end--;
    memmove(text, text + start, end - start);
    text[end - start] = '\0';
    return text;
}

/* ----------------------------------------------------------------- shapes */

/* Whether word is one of the blank-separated words of list (a word marked
 * optional, "?name", counts as name). */
static bool in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        const char *w = p;
        if (len && *w == '?') {
            w++;
            len--;
        }
        if (len == n && strncmp(w, word, n) == 0)
            return true;
        p += len + (w != p);
    }
    return false;
}

static const rd_xml_shape *shape_of(const rd_xml_shape *shapes, const char *name)
{
    for (const rd_xml_shape *s = shapes; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static bool has_child(const xmlNode *e, const char *name)
{
    for (const xmlNode *c = e->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return true;
    return false;
}

static void check_attributes(const xmlNode *e, const rd_xml_shape *shape,
                             rd_xml_problem *p)
{
    long line = xmlGetLineNo(e);
    for (const xmlAttr *a = e->properties; a; a = a->next)
        if (a->ns || !in_list(shape->attrs, (const char *)a->name))
            rd_xml_problem_note(p, line, "<%s>: unknown attribute \"%s\" "
                                "(expected: %s)", shape->name,
                                (const char *)a->name,
                                *shape->attrs ? shape->attrs : "none");
    char word[64];
    for (const char *q = shape->attrs; *q;) {
        q += strspn(q, " ");
        size_t len = strcspn(q, " ");
        if (len && *q != '?' && len < sizeof word) {
            memcpy(word, q, len);
            word[len] = '\0';
            if (!xmlHasNsProp(e, (const xmlChar *)word, NULL))
                rd_xml_problem_note(p, line, "<%s> has no %s attribute",
                                    shape->name, word);
        }
        q += len;
    }
}

/* An element that is not one of its kind's first in e. */
static bool repeated(const xmlNode *c)
{
    for (const xmlNode *b = c->prev; b; b = b->prev)
        if (b->type == XML_ELEMENT_NODE && strcmp((const char *)b->name,
                                                  (const char *)c->name) == 0)
            return true;
    return false;
}

static void check_children(const xmlNode *e, const rd_xml_shape *shape,
                           const char *ns, rd_xml_problem *p)
{
    bool stray = false;
    for (const xmlNode *c = e->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (!in_list(shape->children, name) || !rd_xml_is(c, ns, name)) {
            rd_xml_problem_note(p, xmlGetLineNo(c), "unexpected element <%s> "
                                "in <%s> (expected: %s)", name, shape->name,
                                *shape->children ? shape->children : "text only");
            stray = true;
        } else if (in_list(shape->once, name) && repeated(c)) {
            rd_xml_problem_note(p, xmlGetLineNo(c), "<%s> holds more than one "
                                "<%s>", shape->name, name);
        }
    }
    /* A stray element is most often a misspelt required one: naming it is
     * more useful than naming the one it was meant to be. */
    if (stray)
        return;
    if (!*shape->children && !*shape->attrs) {
        char *text = rd_xml_text_of(e);
        if (!text || !*text)
            rd_xml_problem_note(p, xmlGetLineNo(e), "<%s> is empty", shape->name);
        xmlFree(text);
    }
    char word[64];
    for (const char *q = shape->required; *q;) {
        q += strspn(q, " ");
        size_t len = strcspn(q, " ");
        if (len && len < sizeof word) {
            memcpy(word, q, len);
            word[len] = '\0';
            if (!has_child(e, word))
                rd_xml_problem_note(p, xmlGetLineNo(e), "<%s> has no <%s>",
                                    shape->name, word);
        }
        q += len;
    }
}

void rd_xml_check_shapes(const xmlNode *root, const char *ns,
                         const rd_xml_shape *shapes, rd_xml_problem *problem)
{
    const xmlNode *e = root;
    while (e) {
        const rd_xml_shape *shape = shape_of(shapes, (const char *)e->name);
        if (!shape || !rd_xml_is(e, ns, (const char *)e->name)) {
            rd_xml_problem_note(problem, xmlGetLineNo(e), "unexpected element "
                                "<%s> (roledoc files use namespace %s)",
                                (const char *)e->name, ns);
        } else {
            check_attributes(e, shape, problem);
            check_children(e, shape, ns, problem);
        }
        /* Depth first, elements only, without recursion. */
        const xmlNode *next = shape ? xmlFirstElementChild((xmlNodePtr)e) : NULL;
        while (!next && e && e != root) {
            next = xmlNextElementSibling((xmlNodePtr)e);
            if (!next)
                e = e->parent;
        }
        e = next;
    }
}
