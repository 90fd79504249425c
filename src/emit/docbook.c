/* DocBook 5.0 output: one article per page, valid against the official
 * RELAX NG schema whatever the page holds.
 *
 * The tree is walked once with rd_iter. Each node maps to DocBook elements
 * appended at a cursor (`cur`), and the cursor's element decides what may
 * go there: blocks where blocks go, inline markup where text goes. When a
 * node does not fit, the mapping adapts instead of writing invalid output:
 * inline content among blocks is wrapped in an implicit para, stray content
 * in a list gets an implicit listitem, and blocks met in inline context are
 * flattened (their text kept, their block element dropped). Headings open
 * nested sections, kept on a stack of their own; per-node state lives on an
 * explicit frame stack, so nesting depth costs heap, never C stack.
 *
 * The document is built through docbook_xml.c, which makes every string
 * safe and writes the result; ids and anchors come from docbook_ids.c.
 *
 * Why one file of this size: every node handler below works on the same
 * page state (cursor, frames, sections, notes) and the same small helpers
 * (to_block, to_inline, open_element); the mapping reads top to bottom, one
 * section per kind of node, and splitting it would put that state in a
 * header for every handler to reach into. */
#include "docbook.h"
#include "emit/html_sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ the page */

/* Per-node state of the walk. */
typedef struct {
    const rd_node *node;
    xmlNodePtr restore;     /* cur after the node, the elements it opened
                               completed; NULL: cur stays where the
                               children left it */
    xmlNodePtr resume;      /* cur after the node, nothing completed */
    size_t sections;        /* open sections once the node is done */
    bool tab_sections;      /* tabs whose tabs become sections */
    unsigned excludes;      /* EXCLUDES_* of the element it opened */
    bool note;              /* a note written into its footnote */
    uint8_t card_part;      /* CARD_*: what of a card table it opened */
    const rd_node *card_title;  /* a card: its title cell, linked */
    const char *card_target;    /* a card: where it leads */
    const rd_node *card_link;   /* a card whose title cannot be a link:
                                   the target's cell, a link at its end */
    xmlNodePtr card_item;       /* a card: its listitem */
} frame;

/* What of a card table drawn as a list of links a node opened. */
enum { CARD_NONE, CARD_TABLE, CARD_ROW };

/* An open section; level 0 is a floor that headings do not close: the
 * page's root, or a tab made a section. */
typedef struct {
    xmlNodePtr el;
    int level;
    bool part;              /* a role's part: the next part is its sibling */
    bool paragraph_role;    /* a role titled by a bold paragraph */
} open_section;

typedef struct {
    const rd_node *node;
    const char *role;       /* "role-family", "role", a part name */
} role_mark;

typedef struct {
    rd_db_out *out;
    const rd_doc *doc;
    const rd_db_page_options *opts;
    const rd_node *title_heading;
    xmlNodePtr cur;
    frame *frames;
    size_t nframes, frames_cap;
    open_section *sections;
    size_t nsections, sections_cap;
    role_mark *roles;       /* --roles: what the role model says of nodes */
    size_t nroles;
    const rd_db_anchors *anchors;
    rd_db_anchors own_anchors;
    /* Open elements inside which the schema's rules exclude admonitions,
     * and formal figures: counted as they open and close, so that no
     * ancestor walk is needed (hints may nest thousands deep). */
    unsigned no_admonitions, no_figures;
    rd_buf text;
    /* Footnotes: the footnote element of note N (made at its first
     * reference) at notes[N - 1]; in_note: inside a note's text. */
    xmlNodePtr *notes;
    size_t nnotes;
    unsigned in_note;
} page;

static frame *push_frame(page *p, const rd_node *n)
{
    rd_array_reserve(&p->frames, &p->frames_cap, p->nframes + 1,
                     sizeof *p->frames);
    frame *f = &p->frames[p->nframes++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->sections = p->nsections;
    return f;
}

static void push_section(page *p, xmlNodePtr el, int level)
{
    rd_array_reserve(&p->sections, &p->sections_cap, p->nsections + 1,
                     sizeof *p->sections);
    p->sections[p->nsections++] = (open_section){ el, level, false, false };
}

static open_section *top_section(page *p)
{
    return &p->sections[p->nsections - 1];
}

/* The visible text of a node, whitespace trimmed (in p->text, until the
 * next call). */
static const char *node_text(page *p, const rd_node *n)
{
    p->text.len = 0;
    rd_buf_put(&p->text, "", 0);    /* allocated and terminated */
    rd_node_text(n, &p->text);
    char *s = p->text.data;
    size_t start = 0, len = p->text.len;
    while (start < len && strchr(" \t\r\n", s[start]))
        start++;
    while (len > start && strchr(" \t\r\n", s[len - 1]))
        len--;
    memmove(s, s + start, len - start);
    p->text.len = len - start;
    s[p->text.len] = '\0';
    return s;
}

static xmlNodePtr add(page *p, xmlNodePtr parent, const char *name)
{
    return rd_db_add(p->out, parent, name);
}

/* Where the schema's rules exclude an admonition or a formal figure. */
enum { EXCLUDES_ADMONITIONS = 1, EXCLUDES_FIGURES = 2 };

static unsigned excludes_of(const char *name)
{
    static const char *const no_admonition_inside[] = {
        "note", "tip", "warning", "caution", "important", NULL
    };
    if (strcmp(name, "figure") == 0 || strcmp(name, "caption") == 0)
        return EXCLUDES_ADMONITIONS | EXCLUDES_FIGURES;
    for (size_t i = 0; no_admonition_inside[i]; i++)
        if (strcmp(name, no_admonition_inside[i]) == 0)
            return EXCLUDES_ADMONITIONS;
    return 0;
}

static void count_excludes(page *p, unsigned excludes, int delta)
{
    if (excludes & EXCLUDES_ADMONITIONS)
        p->no_admonitions += (unsigned)delta;
    if (excludes & EXCLUDES_FIGURES)
        p->no_figures += (unsigned)delta;
}

/* Opens an element for the node at cur and moves into it. */
static xmlNodePtr open_element(page *p, frame *f, const char *name)
{
    xmlNodePtr el = add(p, p->cur, name);
    if (!f->restore)
        f->restore = p->cur;
    p->cur = el;
    unsigned excludes = excludes_of(name);
    count_excludes(p, excludes, 1);
    f->excludes |= excludes;
    return el;
}

static xmlNodePtr add_implicit(page *p, const char *name)
{
    xmlNodePtr el = add(p, p->cur, name);
    el->_private = (void *)&rd_db_implicit_marker;
    p->cur = el;
    return el;
}

static void close_implicit_para(page *p)
{
    while (rd_db_is_implicit(p->cur) && rd_db_context_of(p->cur) == CX_INLINE)
        p->cur = p->cur->parent;
}

static void close_implicit(page *p)
{
    while (rd_db_is_implicit(p->cur))
        p->cur = p->cur->parent;
}

/* Whether cur, once the implicit elements that do not hold it are closed,
 * stands where an element of the given context goes (a listitem in a list,
 * a row in a table...); if not, cur stays where it was. */
static bool in_context(page *p, rd_db_context want)
{
    xmlNodePtr save = p->cur;
    close_implicit(p);
    if (rd_db_context_of(p->cur) == want)
        return true;
    p->cur = save;
    return false;
}

/* The last child of a table when it is a body made for stray rows, which
 * the following stray rows join. */
static void enter_implicit_body(page *p)
{
    xmlNodePtr last = p->cur->last;
    while (last && last->type != XML_ELEMENT_NODE)
        last = last->prev;
    if (rd_db_is_implicit(last) && rd_db_is_named(last, "tbody"))
        p->cur = last;
    else
        add_implicit(p, "tbody");
}

/* Makes cur a place where a block may go; false in inline context. */
static bool to_block(page *p)
{
    close_implicit_para(p);
    switch (rd_db_context_of(p->cur)) {
    case CX_BLOCK:
        return true;
    case CX_LIST:
        add_implicit(p, "listitem");
        return true;
    case CX_PROCEDURE:
        add_implicit(p, "step");
        return true;
    case CX_VARLIST:
        add_implicit(p, "varlistentry");
        add(p, p->cur, "term");
        add_implicit(p, "listitem");
        return true;
    case CX_TABLE:
        enter_implicit_body(p);
        /* fall through */
    case CX_ROWS:
        add_implicit(p, "tr");
        /* fall through */
    case CX_ROW:
        add_implicit(p, "td");
        return true;
    default:
        return false;
    }
}

/* Makes cur a place where text may go. */
static bool to_inline(page *p)
{
    if (rd_db_is_inline_context(rd_db_context_of(p->cur)))
        return true;
    if (!to_block(p))
        return false;
    add_implicit(p, "para");
    return true;
}

static void add_text(page *p, xmlNodePtr parent, const char *text)
{
    rd_db_add_text(p->out, parent, text);
}

/* Keeps the words of a flattened block apart from what precedes it. */
static void flatten_space(page *p)
{
    xmlNodePtr last = p->cur->last;
    if (!last)
        return;
    if (last->type == XML_TEXT_NODE && last->content) {
        size_t n = strlen((const char *)last->content);
        if (n && strchr(" \n\t", last->content[n - 1]))
            return;
    }
    add_text(p, p->cur, " ");
}

/* A block that cannot stand here is flattened: its content goes on in
 * the inline context. */
static bool block_or_flatten(page *p)
{
    if (to_block(p))
        return true;
    if (rd_db_is_inline_context(rd_db_context_of(p->cur)))
        flatten_space(p);
    return false;
}

/* Moves cur back to `restore`, completing the elements on the way. */
static void close_to(page *p, xmlNodePtr restore)
{
    for (xmlNodePtr el = p->cur; el && el != restore; el = el->parent)
        rd_db_complete(p->out, el);
    p->cur = restore;
}

/* Whether the page may link to (or show the image at) url: the policy of
 * the HTML output (rd_html_url_is_safe), so that DocBook rendered to HTML
 * by a stylesheet is as safe; everything with --unsafe. */
static bool url_allowed(const page *p, const char *url, bool image)
{
    return p->opts->unsafe || rd_html_url_is_safe(url, image);
}

/* Opens a link to url at cur: a linkend when it points inside the output,
 * else the URL. A link to an anchor of the page that no heading has is no
 * link at all (its text stays). Returns the link, or NULL. */
static xmlNodePtr add_link_to(page *p, xmlNodePtr parent, const char *url)
{
    const char *id = NULL;
    if (!url_allowed(p, url, false))
        return NULL;
    if (url[0] == '#') {
        id = rd_db_anchor_find(p->anchors, url + 1);
        if (!id)
            return NULL;
    } else if (p->opts->resolve) {
        id = p->opts->resolve(p->opts->resolve_data, url);
    }
    xmlNodePtr link = add(p, parent, "link");
    if (id)
        rd_db_set_attr(p->out, link, "linkend", id);
    else
        rd_db_set_href(p->out, link, url);
    return link;
}

/* --------------------------------------------------------- roles marks */

static int compare_marks(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const role_mark *)a)->node;
    uintptr_t y = (uintptr_t)((const role_mark *)b)->node;
    return (x > y) - (x < y);
}

static void add_mark(page *p, size_t *cap, const rd_node *n, const char *role)
{
    if (!n)
        return;
    rd_array_reserve(&p->roles, cap, p->nroles + 1, sizeof *p->roles);
    p->roles[p->nroles++] = (role_mark){ n, role };
}

/* What the role model says of headings and labels, sorted by node: a
 * family's or a role's title (a heading or a bold paragraph), a part's
 * label. */
static void mark_roles(page *p, const rd_model *model)
{
    size_t cap = 0;
    for (const rd_role *r = NULL; (r = rd_model_next(model, r)); ) {
        add_mark(p, &cap, rd_role_title_node(r),
                 rd_role_is_family(r) ? "role-family" : "role");
        for (int k = 0; k < RD_PART_COUNT; k++)
            for (size_t i = 0; i < rd_role_part_count(r, (rd_part)k); i++) {
                const rd_role_part *part = rd_role_part_at(r, (rd_part)k, i);
                if (rd_part_found_via(part) == RD_VIA_LABEL)
                    add_mark(p, &cap, rd_part_lead(part), rd_part_name((rd_part)k));
            }
    }
    if (p->nroles)
        qsort(p->roles, p->nroles, sizeof *p->roles, compare_marks);
}

static const char *role_of(const page *p, const rd_node *n)
{
    size_t lo = 0, hi = p->nroles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->roles[mid].node == n)
            return p->roles[mid].role;
        if ((uintptr_t)p->roles[mid].node < (uintptr_t)n)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool is_part_role(const char *role)
{
    return role && strcmp(role, "role") != 0 && strcmp(role, "role-family") != 0;
}

/* ------------------------------------------------------------ sections */

/* A part's id says whose part it is: its role's id, then its label. */
static void set_section_id(page *p, xmlNodePtr section, const char *role,
                           const char *title)
{
    xmlChar *owner = is_part_role(role)
        ? xmlGetNsProp(section->parent, BAD_CAST "id", BAD_CAST XML_XML_NAMESPACE)
        : NULL;
    rd_buf prefix;
    rd_buf_init(&prefix);
    if (owner)
        rd_buf_printf(&prefix, "%s.", (const char *)owner);
    else
        rd_buf_puts(&prefix, p->opts->id_prefix ? p->opts->id_prefix : "");
    rd_db_set_id(p->out, section, prefix.data, title);
    rd_buf_free(&prefix);
    xmlFree(owner);
}

/* Opens a section for a heading (or a role part's label) at `level`:
 * deeper or equal open sections close first. The title gets the heading's
 * content when `title_text` is NULL, else that text. */
static void open_section_at(page *p, frame *f, const rd_node *n, int level,
                            const char *title_text)
{
    while (top_section(p)->level > 0 && top_section(p)->level >= level) {
        rd_db_complete(p->out, top_section(p)->el);
        p->nsections--;
    }
    xmlNodePtr section = add(p, top_section(p)->el, "section");
    const char *role = role_of(p, n);
    if (role)
        rd_db_set_attr(p->out, section, "role", role);
    const char *id = title_text ? NULL : rd_db_anchor_of(p->anchors, n);
    if (id)
        rd_db_set_xml_id(p->out, section, id);
    else
        set_section_id(p, section, role, title_text ? title_text : node_text(p, n));
    push_section(p, section, level);
    top_section(p)->part = is_part_role(role);
    xmlNodePtr title = add(p, section, "title");
    if (title_text)
        add_text(p, title, title_text);
    f->restore = section;
    f->sections = p->nsections;
    p->cur = title_text ? section : title;
}

static bool at_section_top(page *p)
{
    close_implicit_para(p);
    return p->cur == top_section(p)->el;
}

/* The level of a part whose label is a paragraph: below its role's
 * heading, beside the part before it. A role whose title is a paragraph
 * stands below the heading it is under, beside the roles before it. */
static int part_level(page *p, const char *role)
{
    bool titled_role = role && !is_part_role(role);
    size_t i = p->nsections;
    while (titled_role && i > 1 &&
           (p->sections[i - 1].part || p->sections[i - 1].paragraph_role))
        i--;
    const open_section *top = &p->sections[i - 1];
    if (top->part && !titled_role)
        return top->level;
    return (top->level > 0 ? top->level : 1) + 1;
}

/* The page's title heading: its content goes to the info title. With
 * roles, a family's title also opens the family's section. */
static void enter_title_heading(page *p, frame *f, rd_iter *it)
{
    close_implicit_para(p);
    f->resume = p->cur;
    if (p->opts->title)
        p->cur = p->opts->title;
    else
        rd_iter_skip_children(it);
}

static void leave_title_heading(page *p, frame *f, const rd_node *n)
{
    p->cur = f->resume;
    if (role_of(p, n) && at_section_top(p)) {
        frame scratch = *f;
        open_section_at(p, &scratch, n, 1, node_text(p, n));
    }
}

static bool is_empty_step(xmlNodePtr el)
{
    return rd_db_is_named(el, "step") && !rd_db_first_element(el);
}

static void enter_heading(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    if (n == p->title_heading) {
        enter_title_heading(p, f, it);
        return;
    }
    if (at_section_top(p)) {
        open_section_at(p, f, n, n->level, NULL);
        return;
    }
    /* Links may point at the heading: its id goes on what stands for it. */
    const char *id = rd_db_anchor_of(p->anchors, n);
    xmlNodePtr target;
    if (is_empty_step(p->cur) && !xmlHasProp(p->cur, BAD_CAST "id")) {
        target = p->cur;
        open_element(p, f, "title");
    } else if (block_or_flatten(p)) {
        target = open_element(p, f, "bridgehead");
    } else if (to_inline(p)) {
        target = add(p, p->cur, "anchor");
    } else {
        return;
    }
    if (id)
        rd_db_set_xml_id(p->out, target, id);
}

/* ---------------------------------------------------------- paragraphs */

static bool is_blank_text(const rd_node *n)
{
    if (n->type == RD_NODE_SOFTBREAK || n->type == RD_NODE_LINEBREAK)
        return true;
    if (n->type != RD_NODE_TEXT)
        return false;
    for (const char *s = n->literal ? n->literal : ""; *s; s++)
        if (!strchr(" \t\r\n", *s))
            return false;
    return true;
}

/* A paragraph holding one image and blank text: the image stands as a
 * block (mediaobject) rather than inline. */
static bool is_lone_image(const rd_node *n)
{
    const rd_node *image = NULL;
    for (const rd_node *c = n->first_child; c; c = c->next) {
        if (c->type == RD_NODE_IMAGE && !image)
            image = c;
        else if (!is_blank_text(c))
            return false;
    }
    return image != NULL;
}

static void enter_paragraph(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    if (role_of(p, n) && at_section_top(p)) {
        /* A role part's label ("**Actions principales**") opens its part;
         * a role's title in bold ("**Coach**") opens the role. */
        const char *role = role_of(p, n);
        open_section_at(p, f, n, part_level(p, role), node_text(p, n));
        top_section(p)->paragraph_role = !is_part_role(role);
        rd_iter_skip_children(it);
        return;
    }
    if (!block_or_flatten(p) || is_lone_image(n))
        return;
    open_element(p, f, "para");
}

/* --------------------------------------------------------------- media */

static const char *image_alt(page *p, const rd_node *n)
{
    if (n->alt && *n->alt)
        return n->alt;
    return node_text(p, n);
}

static void add_textobject(page *p, xmlNodePtr media, const char *text)
{
    if (!text || !*text)
        return;
    xmlNodePtr phrase = add(p, add(p, media, "textobject"), "phrase");
    add_text(p, phrase, text);
}

/* mediaobject (a block) or inlinemediaobject with the image and its alt. */
static void add_image(page *p, const char *element, const rd_node *n)
{
    xmlNodePtr media = add(p, p->cur, element);
    const char *alt = image_alt(p, n);
    if (!url_allowed(p, n->url ? n->url : "", true)) {
        /* No image to load: its text alone (a textobject is enough). */
        add_textobject(p, media, alt && *alt ? alt : "image");
        return;
    }
    xmlNodePtr data = add(p, add(p, media, "imageobject"), "imagedata");
    const char *url = n->url ? n->url : "";
    const char *moved = p->opts->image ? p->opts->image(p->opts->image_data, url)
                                       : NULL;
    rd_buf uri;
    rd_buf_init(&uri);
    rd_db_uri_escape(moved ? moved : url, &uri);
    rd_db_set_attr(p->out, data, "fileref", uri.data ? uri.data : "");
    rd_buf_free(&uri);
    const char *width = rd_node_attr(n, "width");
    if (width && *width)
        rd_db_set_attr(p->out, data, "contentwidth", width);
    add_textobject(p, media, alt);
}

static void enter_image(page *p, rd_iter *it, const rd_node *n)
{
    rd_iter_skip_children(it);
    if (rd_db_is_inline_context(rd_db_context_of(p->cur)))
        add_image(p, "inlinemediaobject", n);
    else if (to_block(p))
        add_image(p, "mediaobject", n);
}

static bool caption_is_empty(page *p, const rd_node *figure)
{
    for (const rd_node *c = figure->first_child; c; c = c->next)
        if (c->type == RD_NODE_FIGCAPTION && *node_text(p, c))
            return false;
    return true;
}

static void enter_figure(page *p, frame *f, const rd_node *n)
{
    if (!block_or_flatten(p))
        return;
    bool formal = !caption_is_empty(p, n) && !p->no_figures;
    open_element(p, f, formal ? "figure" : "informalfigure");
}

/* A figure's caption: the title of a figure, the caption of an informal
 * one; an empty caption is dropped. */
static void enter_figcaption(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    close_implicit_para(p);
    bool figure = rd_db_is_named(p->cur, "figure");
    bool informal = rd_db_is_named(p->cur, "informalfigure");
    if (figure && !rd_db_child_named(p->cur, "title")) {
        xmlNodePtr title = xmlNewDocNode(p->out->doc, p->out->ns,
                                         BAD_CAST "title", NULL);
        xmlNodePtr first = p->cur->children;
        if (!title || !(first ? xmlAddPrevSibling(first, title)
                              : xmlAddChild(p->cur, title))) {
            xmlFreeNode(title);
            p->out->failed = true;
            return;
        }
        f->restore = p->cur;
        p->cur = title;
    } else if ((figure || informal) && !*node_text(p, n)) {
        rd_iter_skip_children(it);
    } else if ((figure || informal) && !rd_db_child_named(p->cur, "caption")) {
        open_element(p, f, "caption");
    } else {
        block_or_flatten(p);
    }
}

/* ---------------------------------------------------------------- code */

static void enter_code_block(page *p, rd_iter *it, const rd_node *n)
{
    rd_iter_skip_children(it);
    rd_buf code;
    rd_buf_init(&code);
    rd_buf_put(&code, n->literal ? n->literal : "", n->literal ? n->literal_len : 0);
    if (code.len && code.data[code.len - 1] == '\n')
        code.data[--code.len] = '\0';
    const char *text = code.data ? code.data : "";
    if (to_block(p)) {
        xmlNodePtr listing = add(p, p->cur, "programlisting");
        if (n->lang && *n->lang)
            rd_db_set_attr(p->out, listing, "language", n->lang);
        add_text(p, listing, text);
    } else if (to_inline(p)) {
        flatten_space(p);
        add_text(p, rd_db_context_of(p->cur) == CX_TEXT ? p->cur
                                                  : add(p, p->cur, "literal"),
                 text);
    }
    rd_buf_free(&code);
}

static void enter_code(page *p, rd_iter *it, const rd_node *n)
{
    rd_iter_skip_children(it);
    if (!to_inline(p))
        return;
    xmlNodePtr parent = rd_db_context_of(p->cur) == CX_TEXT ? p->cur
                                                      : add(p, p->cur, "code");
    add_text(p, parent, n->literal);
}

/* --------------------------------------------------------------- lists */

static void enter_list(page *p, frame *f, const rd_node *n)
{
    if (!block_or_flatten(p))
        return;
    xmlNodePtr list = open_element(p, f, n->list_ordered ? "orderedlist"
                                                          : "itemizedlist");
    if (n->list_tight)
        rd_db_set_attr(p->out, list, "spacing", "compact");
    if (n->list_ordered && n->list_start != 1) {
        char start[16];
        snprintf(start, sizeof start, "%u", n->list_start);
        rd_db_set_attr(p->out, list, "startingnumber", start);
    }
}

static void enter_item(page *p, frame *f, const rd_node *n)
{
    if (!in_context(p, CX_LIST)) {
        block_or_flatten(p);
        return;
    }
    xmlNodePtr item = open_element(p, f, "listitem");
    if (n->task)
        rd_db_set_attr(p->out, item, "role",
                       n->task == 2 ? "task-done" : "task");
}

/* -------------------------------------------------------------- tables */

static bool is_html_block_name(const char *name)
{
    static const char *const names[] = {
        "p", "div", "section", "article", "aside", "header", "footer",
        "main", "nav", "details", "summary", "dl", "dt", "dd", "address",
        "center", "fieldset", "form", "caption", "ul", "ol", "li", NULL
    };
    for (size_t i = 0; name && names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool is_block_node(const rd_node *n)
{
    return rd_node_is_block(n) ||
           (n->type == RD_NODE_ELEMENT && is_html_block_name(n->name));
}

static bool has_block_child(const rd_node *n)
{
    for (const rd_node *c = n->first_child; c; c = c->next)
        if (is_block_node(c))
            return true;
    return false;
}

static void enter_table(page *p, frame *f)
{
    if (!block_or_flatten(p))
        return;
    open_element(p, f, "informaltable");
}

static void enter_row_group(page *p, frame *f, const rd_node *n)
{
    if (!in_context(p, CX_TABLE)) {
        block_or_flatten(p);
        return;
    }
    /* A head after rows would be out of order: it becomes a body. */
    bool head = n->type == RD_NODE_TABLE_HEAD && !rd_db_first_element(p->cur);
    open_element(p, f, head ? "thead" : "tbody");
}

static void enter_row(page *p, frame *f)
{
    xmlNodePtr save = p->cur;
    close_implicit(p);
    rd_db_context cx = rd_db_context_of(p->cur);
    if (cx == CX_TABLE) {
        enter_implicit_body(p);
        cx = CX_ROWS;
    }
    if (cx != CX_ROWS) {
        p->cur = save;
        block_or_flatten(p);
        return;
    }
    open_element(p, f, "tr");
}

static void enter_cell(page *p, frame *f, const rd_node *n)
{
    static const char *const aligns[] = { NULL, "left", "center", "right" };
    xmlNodePtr save = p->cur;
    close_implicit(p);
    rd_db_context cx = rd_db_context_of(p->cur);
    if (cx == CX_TABLE) {
        enter_implicit_body(p);
        cx = CX_ROWS;
    }
    if (cx == CX_ROWS) {
        add_implicit(p, "tr");
        cx = CX_ROW;
    }
    if (cx != CX_ROW) {
        p->cur = save;
        block_or_flatten(p);
        return;
    }
    xmlNodePtr cell = open_element(p, f, (n->flags & RD_FLAG_HEADER) ? "th" : "td");
    if (n->align > RD_ALIGN_NONE && n->align <= RD_ALIGN_RIGHT)
        rd_db_set_attr(p->out, cell, "align", aligns[n->align]);
    /* A cell holds inlines or blocks, not both. */
    if (!has_block_child(n))
        cell->_private = (void *)&rd_db_inline_cell_marker;
}

/* ---------------------------------------------------------- card tables */

/* A GitBook card table (see cards.c) is a list of links: one item per
 * card, its title linked to the card's target, then its other shown cells;
 * the head row, the cover and the other hidden columns are not text. */
static bool enter_card_table(page *p, frame *f)
{
    if (!to_block(p))
        return false;
    rd_db_set_attr(p->out, open_element(p, f, "itemizedlist"), "role", "cards");
    f->card_part = CARD_TABLE;
    return true;
}

static void enter_card(page *p, frame *f, const rd_node *row)
{
    rd_card card;
    rd_card_read(row, &card);
    f->card_item = open_element(p, f, "listitem");
    f->card_part = CARD_ROW;
    if (!card.target)
        return;
    f->card_target = card.target;
    if (card.title && !rd_card_link_url(card.title) && !has_block_child(card.title))
        f->card_title = card.title;
    else
        f->card_link = card.target_cell;
}

static void enter_card_cell(page *p, frame *f, rd_iter *it, const rd_node *cell)
{
    const frame *card = f - 1;
    if (!rd_card_cell_shown(cell)) {
        rd_iter_skip_children(it);
        return;
    }
    if (has_block_child(cell))
        return;     /* its blocks go into the item */
    xmlNodePtr para = open_element(p, f, "para");
    xmlNodePtr link = cell == card->card_title
                    ? add_link_to(p, para, card->card_target) : NULL;
    if (link)
        p->cur = link;
}

/* The target of a card whose title cannot lead there: a link of its own,
 * named by the target's cell. */
static void leave_card(page *p, const frame *f)
{
    xmlNodePtr para = add(p, f->card_item, "para");
    xmlNodePtr link = add_link_to(p, para, f->card_target);
    const char *name = node_text(p, f->card_link);
    add_text(p, link ? link : para, *name ? name : f->card_target);
}

/* A node of a card table drawn as a list; returns whether it was one. */
static bool enter_card_node(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    const frame *up = p->nframes >= 2 ? f - 1 : NULL;
    uint8_t part = up ? up->card_part : CARD_NONE;
    if (n->type == RD_NODE_TABLE)
        return rd_card_is_table(n) && enter_card_table(p, f);
    if (part == CARD_TABLE && n->type == RD_NODE_TABLE_HEAD)
        rd_iter_skip_children(it);
    else if (part == CARD_TABLE && n->type == RD_NODE_TABLE_BODY)
        f->card_part = CARD_TABLE;
    else if (part == CARD_TABLE && n->type == RD_NODE_TABLE_ROW)
        enter_card(p, f, n);
    else if (part == CARD_ROW && n->type == RD_NODE_TABLE_CELL)
        enter_card_cell(p, f, it, n);
    else
        return false;
    return true;
}

/* -------------------------------------------------------------- inlines */

static void enter_text(page *p, const rd_node *n)
{
    if (!rd_db_is_inline_context(rd_db_context_of(p->cur)) && is_blank_text(n))
        return;
    if (to_inline(p))
        add_text(p, p->cur, n->literal);
}

static void enter_break(page *p)
{
    if (rd_db_is_inline_context(rd_db_context_of(p->cur)))
        add_text(p, p->cur, "\n");
}

static void enter_emphasis(page *p, frame *f, const char *role)
{
    if (!to_inline(p) || rd_db_context_of(p->cur) == CX_TEXT)
        return;     /* code and the like hold the text alone */
    xmlNodePtr el = open_element(p, f, "emphasis");
    if (role)
        rd_db_set_attr(p->out, el, "role", role);
}

static void enter_script(page *p, frame *f, const char *name)
{
    if (to_inline(p))
        open_element(p, f, name);
}

/* Whether cur stands inside a link (of the same paragraph or title). */
static bool in_link(const page *p)
{
    for (xmlNodePtr el = p->cur; el && rd_db_is_inline_context(rd_db_context_of(el)); el = el->parent)
        if (rd_db_is_named(el, "link"))
            return true;
    return false;
}

static void enter_link(page *p, frame *f, const rd_node *n)
{
    const char *anchor = rd_db_anchor_of(p->anchors, n);
    if (anchor && to_inline(p))     /* <a id>, <a name>: where links to it go */
        rd_db_set_xml_id(p->out, add(p, p->cur, "anchor"), anchor);
    if (!n->url || !*n->url)
        return;     /* an anchor alone: its text follows */
    if (!to_inline(p) || in_link(p))
        return;     /* a URL inside a link's text: its text alone */
    xmlNodePtr link = add_link_to(p, p->cur, n->url ? n->url : "");
    if (!link)
        return;
    f->restore = p->cur;
    p->cur = link;
}

/* ------------------------------------------------------------ footnotes */

static xmlNodePtr *note_slot(page *p, unsigned number)
{
    if (number == 0)
        return NULL;
    if (number > p->nnotes) {
        xmlNodePtr *grown = rd_xrealloc(p->notes, number * sizeof *grown);
        memset(grown + p->nnotes, 0, (number - p->nnotes) * sizeof *grown);
        p->notes = grown;
        p->nnotes = number;
    }
    return &p->notes[number - 1];
}

/* The first reference to a note holds the footnote (filled when the note
 * is met at the end of the page); the others point to it. Inside a note,
 * where no footnote may go, a reference is its number. */
static void enter_note_ref(page *p, frame *f, const rd_node *n)
{
    if (!to_inline(p) || rd_db_context_of(p->cur) == CX_TEXT)
        return;
    xmlNodePtr *slot = note_slot(p, n->list_start);
    char number[16];
    snprintf(number, sizeof number, "%u", n->list_start);
    if (p->in_note || !slot) {
        add_text(p, open_element(p, f, "superscript"), number);
        return;
    }
    if (!*slot) {
        *slot = add(p, p->cur, "footnote");
        return;
    }
    const xmlChar *id = xmlGetNsProp(*slot, BAD_CAST "id", BAD_CAST XML_XML_NAMESPACE);
    if (!id) {
        rd_db_set_id(p->out, *slot, "fn-", number);
        id = xmlGetNsProp(*slot, BAD_CAST "id", BAD_CAST XML_XML_NAMESPACE);
    }
    xmlNodePtr ref = add(p, p->cur, "footnoteref");
    rd_db_set_attr(p->out, ref, "linkend", (const char *)id);
    xmlFree((xmlChar *)id);
}

/* A note goes into the footnote of its first reference; one that nothing
 * refers to stays a paragraph where it stands. */
static void enter_note(page *p, frame *f, const rd_node *n)
{
    xmlNodePtr *slot = note_slot(p, n->list_start);
    if (!slot || !*slot) {
        if (block_or_flatten(p))
            open_element(p, f, "para");
        return;
    }
    f->restore = p->cur;
    p->cur = *slot;
    open_element(p, f, "para");
    p->in_note++;
    f->note = true;
}

/* ---------------------------------------------------- links and embeds */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A block (para) or inline link whose text is `label`. */
static void add_link(page *p, const char *role, const char *url,
                     const char *label)
{
    xmlNodePtr parent;
    if (to_block(p)) {
        parent = add(p, p->cur, "para");
        rd_db_set_attr(p->out, parent, "role", role);
    } else if (to_inline(p)) {
        flatten_space(p);
        parent = p->cur;
    } else {
        return;
    }
    xmlNodePtr link = add_link_to(p, parent, url);
    add_text(p, link ? link : parent, *label ? label : url);
}

static bool is_video_url(const char *url)
{
    static const char *const hosts[] = {
        "youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com",
        "dailymotion.com", "dai.ly", NULL
    };
    const char *start = strstr(url, "://");
    if (!start)
        return false;
    start += 3;
    size_t len = strcspn(start, "/?#:");
    for (size_t i = 0; hosts[i]; i++) {
        size_t n = strlen(hosts[i]);
        if (len >= n && strncasecmp(start + len - n, hosts[i], n) == 0 &&
            (len == n || start[len - n - 1] == '.'))
            return true;
    }
    return false;
}

/* A video host becomes a video object; anything else a link. */
static void add_embed(page *p, const char *url, const char *caption)
{
    if (!is_video_url(url) || !url_allowed(p, url, false) || !to_block(p)) {
        add_link(p, "embed", url, caption);
        return;
    }
    xmlNodePtr media = add(p, p->cur, "mediaobject");
    xmlNodePtr data = add(p, add(p, media, "videoobject"), "videodata");
    rd_buf uri;
    rd_buf_init(&uri);
    rd_db_uri_escape(url, &uri);
    rd_db_set_attr(p->out, data, "fileref", uri.data ? uri.data : "");
    rd_buf_free(&uri);
    add_textobject(p, media, *caption ? caption : url);
    /* Print shows no video: the link to it stays readable under it. */
    xmlNodePtr para = add(p, add(p, media, "caption"), "para");
    if (*caption) {
        add_text(p, para, caption);
        add_text(p, para, " ");
    }
    xmlNodePtr link = add(p, para, "link");
    rd_db_set_href(p->out, link, url);
    add_text(p, link, url);
}

static const char *liquid_url(const rd_node *n, const char *attr)
{
    if (n->url)
        return n->url;
    const char *v = rd_node_attr(n, attr);
    return v ? v : "";
}

/* ------------------------------------------------------- liquid blocks */

static const char *admonition_for(const char *style)
{
    static const struct { const char *style, *element; } map[] = {
        { "info", "note" }, { "success", "tip" }, { "warning", "warning" },
        { "danger", "caution" },
    };
    for (size_t i = 0; style && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(style, map[i].style) == 0)
            return map[i].element;
    return "note";
}

/* Admonitions do not nest in DocBook (nor stand in figures): a hint there
 * is a quoted block. */
static void enter_hint(page *p, frame *f, const rd_node *n)
{
    if (!block_or_flatten(p))
        return;
    const char *style = rd_node_attr(n, "style");
    if (!p->no_admonitions) {
        open_element(p, f, admonition_for(style));
        return;
    }
    xmlNodePtr quote = open_element(p, f, "blockquote");
    rd_buf role;
    rd_buf_init(&role);
    rd_buf_printf(&role, "hint-%s", admonition_for(style));
    rd_db_set_attr(p->out, quote, "role", role.data);
    rd_buf_free(&role);
}

static const rd_node *next_content_sibling(const rd_node *n)
{
    for (n = n->next; n; n = n->next)
        if (!(n->type == RD_NODE_HTML_BLOCK && !n->first_child))
            return n;
    return NULL;
}

/* Tabs become sections only where nothing but a heading follows them:
 * a section's blocks must come before its subsections. */
static bool tabs_can_be_sections(page *p, const rd_node *n)
{
    if (!n->first_child)
        return false;
    for (const rd_node *c = n->first_child; c; c = c->next)
        if (c->type != RD_NODE_LIQUID || c->liquid != RD_LIQUID_TAB)
            return false;
    bool top = n->parent && (n->parent->type == RD_NODE_DOCUMENT ||
                             (n->parent->type == RD_NODE_LIQUID &&
                              n->parent->liquid == RD_LIQUID_TAB));
    const rd_node *next = next_content_sibling(n);
    bool last = !next || (next->type == RD_NODE_HEADING &&
                          next != p->title_heading);
    return top && last && at_section_top(p);
}

static void enter_tabs(page *p, frame *f, const rd_node *n)
{
    if (!block_or_flatten(p))
        return;
    if (tabs_can_be_sections(p, n)) {
        f->tab_sections = true;
        return;
    }
    xmlNodePtr list = open_element(p, f, "variablelist");
    rd_db_set_attr(p->out, list, "role", "tabs");
}

static const char *tab_title(const rd_node *n)
{
    const char *t = n->title ? n->title : rd_node_attr(n, "title");
    return t ? t : "";
}

static void open_tab_section(page *p, frame *f, const rd_node *n)
{
    xmlNodePtr section = add(p, p->cur, "section");
    rd_db_set_attr(p->out, section, "role", "tab");
    rd_db_set_id(p->out, section, p->opts->id_prefix, tab_title(n));
    add_text(p, add(p, section, "title"), tab_title(n));
    f->restore = p->cur;
    push_section(p, section, 0);
    p->cur = section;
}

static void enter_tab(page *p, frame *f, const rd_node *n)
{
    const frame *parent = p->nframes >= 2 ? f - 1 : NULL;
    if (parent && parent->tab_sections && parent->node == n->parent) {
        open_tab_section(p, f, n);
        return;
    }
    if (in_context(p, CX_VARLIST)) {
        xmlNodePtr entry = open_element(p, f, "varlistentry");
        add_text(p, add(p, entry, "term"), tab_title(n));
        p->cur = add(p, entry, "listitem");
        return;
    }
    if (block_or_flatten(p) && *tab_title(n))
        add_text(p, add(p, p->cur, "bridgehead"), tab_title(n));
    else if (rd_db_is_inline_context(rd_db_context_of(p->cur)))
        add_text(p, p->cur, tab_title(n));
}

static void enter_step(page *p, frame *f, const rd_node *n)
{
    if (!in_context(p, CX_PROCEDURE)) {
        block_or_flatten(p);
        return;
    }
    xmlNodePtr step = open_element(p, f, "step");
    const char *title = rd_node_attr(n, "title");
    if (title && *title)
        add_text(p, add(p, step, "title"), title);
}

static void enter_liquid_code(page *p, const rd_node *n)
{
    const char *title = rd_node_attr(n, "title");
    if (title && *title && to_block(p)) {
        xmlNodePtr para = add(p, p->cur, "para");
        rd_db_set_attr(p->out, para, "role", "code-title");
        add_text(p, para, title);
    }
}

/* An API block, or a labelled part of one (a parameter, a response): a
 * sidebar titled by the endpoint, parameter or response. */
static void enter_api(page *p, frame *f, const rd_node *n)
{
    rd_buf label;
    rd_buf_init(&label);
    rd_liquid_api_label(n, &label);
    if ((n->liquid == RD_LIQUID_API || label.len) &&
        !rd_db_is_inline_context(rd_db_context_of(p->cur)) && to_block(p)) {
        open_element(p, f, "sidebar");
        rd_db_set_attr(p->out, p->cur, "role",
                       n->liquid == RD_LIQUID_API ? "api-method" : "api-part");
        if (label.len)
            add_text(p, add(p, p->cur, "title"), label.data);
    }
    rd_buf_free(&label);
}

static void enter_liquid(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    switch (n->liquid) {
    case RD_LIQUID_HINT:
        enter_hint(p, f, n);
        break;
    case RD_LIQUID_CONTENT_REF:
        rd_iter_skip_children(it);
        add_link(p, "content-ref", liquid_url(n, "url"), node_text(p, n));
        break;
    case RD_LIQUID_FILE: {
        rd_iter_skip_children(it);
        const char *src = liquid_url(n, "src");
        const char *caption = node_text(p, n);
        add_link(p, "file", src, *caption ? caption : base_name(src));
        break;
    }
    case RD_LIQUID_EMBED:
        rd_iter_skip_children(it);
        add_embed(p, liquid_url(n, "url"), node_text(p, n));
        break;
    case RD_LIQUID_TABS:
        enter_tabs(p, f, n);
        break;
    case RD_LIQUID_TAB:
        enter_tab(p, f, n);
        break;
    case RD_LIQUID_STEPPER:
        if (block_or_flatten(p))
            open_element(p, f, "procedure");
        break;
    case RD_LIQUID_STEP:
        enter_step(p, f, n);
        break;
    case RD_LIQUID_CODE:
        enter_liquid_code(p, n);
        break;
    case RD_LIQUID_API: case RD_LIQUID_API_PART:
        enter_api(p, f, n);
        break;
    case RD_LIQUID_INCLUDE: case RD_LIQUID_OTHER:
        break;      /* the tag goes, its content stays */
    }
}

/* --------------------------------------------------------- HTML nodes */

static bool is_element(const rd_node *n, const char *name)
{
    return n->name && strcasecmp(n->name, name) == 0;
}

/* An expandable block: a sidebar titled by its summary, where a block
 * may go (elsewhere its text is flattened). */
static bool enter_details(page *p, frame *f, const rd_node *n)
{
    if (rd_db_is_inline_context(rd_db_context_of(p->cur)) || !to_block(p))
        return false;
    const rd_node *summary = n->first_child;
    while (summary && !is_element(summary, "summary"))
        summary = summary->next;
    open_element(p, f, "sidebar");
    if (summary)
        add_text(p, add(p, p->cur, "title"), node_text(p, summary));
    return true;
}

/* Lists written in raw HTML where the page's HTML is not parsed as blocks
 * (inside a Markdown table's cell): lists where blocks go, else items kept
 * apart by a space. */
static void enter_html_list(page *p, frame *f, const rd_node *n)
{
    if (!block_or_flatten(p))
        return;
    bool ordered = is_element(n, "ol");
    xmlNodePtr list = open_element(p, f, ordered ? "orderedlist" : "itemizedlist");
    const char *start = ordered ? rd_node_attr(n, "start") : NULL;
    char *end;
    long v = start ? strtol(start, &end, 10) : 1;
    if (start && *start && !*end && v >= 0 && v != 1 && v < 1000000000) {
        char number[16];
        snprintf(number, sizeof number, "%ld", v);
        rd_db_set_attr(p->out, list, "startingnumber", number);
    }
}

static void enter_html_item(page *p, frame *f)
{
    if (in_context(p, CX_LIST)) {
        open_element(p, f, "listitem");
        return;
    }
    block_or_flatten(p);
}

static void enter_element(page *p, frame *f, rd_iter *it, const rd_node *n)
{
    static const char *const hidden[] = {
        "script", "style", "template", "head", "noscript", NULL
    };
    static const char *const players[] = {
        "iframe", "video", "audio", "embed", "source", NULL
    };
    for (size_t i = 0; hidden[i]; i++)
        if (is_element(n, hidden[i])) {
            rd_iter_skip_children(it);
            return;
        }
    for (size_t i = 0; players[i]; i++)
        if (is_element(n, players[i]) && rd_node_attr(n, "src")) {
            rd_iter_skip_children(it);
            add_embed(p, rd_node_attr(n, "src"), node_text(p, n));
            return;
        }
    if (is_element(n, "details") && enter_details(p, f, n))
        return;
    if (is_element(n, "summary") && rd_db_is_named(p->cur, "sidebar") &&
        n->parent && is_element(n->parent, "details")) {
        rd_iter_skip_children(it);      /* the sidebar's title already */
        return;
    }
    if (is_element(n, "p")) {
        if (block_or_flatten(p))
            open_element(p, f, "para");
    } else if (is_element(n, "ul") || is_element(n, "ol")) {
        enter_html_list(p, f, n);
    } else if (is_element(n, "li")) {
        enter_html_item(p, f);
    } else if (is_html_block_name(n->name) &&
               rd_db_is_inline_context(rd_db_context_of(p->cur))) {
        flatten_space(p);
    }
}

/* --------------------------------------------------------------- walk */

static void enter(page *p, frame *f, rd_iter *it)
{
    const rd_node *n = f->node;
    if (enter_card_node(p, f, it, n))
        return;
    switch (n->type) {
    case RD_NODE_DOCUMENT: case RD_NODE_HTML_BLOCK: case RD_NODE_HTML_INLINE:
        break;      /* raw HTML: its parsed children carry the content */
    case RD_NODE_PARAGRAPH: enter_paragraph(p, f, it, n); break;
    case RD_NODE_HEADING: enter_heading(p, f, it, n); break;
    case RD_NODE_THEMATIC_BREAK:
        if (to_block(p))
            rd_db_set_attr(p->out, add(p, p->cur, "para"), "role", "separator");
        break;
    case RD_NODE_BLOCK_QUOTE:
        if (block_or_flatten(p))
            open_element(p, f, "blockquote");
        break;
    case RD_NODE_LIST: enter_list(p, f, n); break;
    case RD_NODE_ITEM: enter_item(p, f, n); break;
    case RD_NODE_CODE_BLOCK: enter_code_block(p, it, n); break;
    case RD_NODE_TABLE: enter_table(p, f); break;
    case RD_NODE_TABLE_HEAD: case RD_NODE_TABLE_BODY:
        enter_row_group(p, f, n);
        break;
    case RD_NODE_TABLE_ROW: enter_row(p, f); break;
    case RD_NODE_TABLE_CELL: enter_cell(p, f, n); break;
    case RD_NODE_LIQUID: enter_liquid(p, f, it, n); break;
    case RD_NODE_FIGURE: enter_figure(p, f, n); break;
    case RD_NODE_FIGCAPTION: enter_figcaption(p, f, it, n); break;
    case RD_NODE_TEXT: case RD_NODE_ENTITY: enter_text(p, n); break;
    case RD_NODE_SOFTBREAK: case RD_NODE_LINEBREAK: enter_break(p); break;
    case RD_NODE_CODE: enter_code(p, it, n); break;
    case RD_NODE_EMPH: enter_emphasis(p, f, NULL); break;
    case RD_NODE_STRONG: enter_emphasis(p, f, "strong"); break;
    case RD_NODE_STRIKETHROUGH: enter_emphasis(p, f, "strikethrough"); break;
    case RD_NODE_MARK: enter_emphasis(p, f, "mark"); break;
    case RD_NODE_SUPERSCRIPT: enter_script(p, f, "superscript"); break;
    case RD_NODE_SUBSCRIPT: enter_script(p, f, "subscript"); break;
    case RD_NODE_LINK: enter_link(p, f, n); break;
    case RD_NODE_IMAGE: enter_image(p, it, n); break;
    case RD_NODE_ELEMENT: enter_element(p, f, it, n); break;
    case RD_NODE_FOOTNOTE_REF: enter_note_ref(p, f, n); break;
    case RD_NODE_FOOTNOTE_DEF: enter_note(p, f, n); break;
    case RD_NODE_TYPE_COUNT: break;
    }
}

/* Blanks that end a title (left by an anchor GitBook puts after the
 * heading's text) go. */
static void trim_end(xmlNodePtr el)
{
    xmlNodePtr last;
    /* Text may come in several adjacent nodes: blank ones go whole. */
    while ((last = el ? el->last : NULL) && last->type == XML_TEXT_NODE &&
           last->content) {
        size_t n = strlen((const char *)last->content);
        while (n && strchr(" \t\r\n", last->content[n - 1]))
            n--;
        if (n) {
            xmlChar *kept = xmlStrndup(last->content, (int)n);
            xmlNodeSetContent(last, NULL);
            xmlNodeAddContent(last, kept);
            xmlFree(kept);
            return;
        }
        xmlUnlinkNode(last);
        xmlFreeNode(last);
    }
}

/* A cross-reference with no text shows nothing (GitBook writes such links
 * as anchors in headings): it goes. A URL shows itself. */
static void drop_if_empty(xmlNodePtr link)
{
    if (!link->children && xmlHasProp(link, BAD_CAST "linkend")) {
        xmlUnlinkNode(link);
        xmlFreeNode(link);
    }
}

static void leave(page *p, frame *f)
{
    if (f->card_link)
        leave_card(p, f);
    if (f->node->type == RD_NODE_HEADING)
        trim_end(p->cur);
    if (f->node == p->title_heading && f->resume) {
        leave_title_heading(p, f, f->node);
        return;
    }
    if (!f->restore)
        return;
    if (f->note)
        p->in_note--;
    count_excludes(p, f->excludes, -1);
    close_to(p, f->restore);
    if (p->nsections > f->sections)
        p->nsections = f->sections;
    if (f->node->type == RD_NODE_LINK && p->cur->last &&
        rd_db_is_named(p->cur->last, "link"))
        drop_if_empty(p->cur->last);
}

const rd_node *rd_db_title_heading(const rd_doc *doc)
{
    rd_node *root = rd_doc_root(doc);
    for (rd_node *n = root ? root->first_child : NULL; n; n = n->next)
        if (n->type == RD_NODE_HEADING && n->level == 1)
            return n;
    return NULL;
}

static void walk(page *p)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(p->doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER) {
            frame *f = push_frame(p, n);
            enter(p, f, &it);
        } else {
            leave(p, &p->frames[p->nframes - 1]);
            p->nframes--;
        }
    }
}

void rd_db_page_body(rd_db_out *out, xmlNodePtr el, const rd_doc *doc,
                     const rd_db_page_options *opts)
{
    page p = {
        .out = out, .doc = doc, .opts = opts, .cur = el,
        .title_heading = rd_db_title_heading(doc),
        .anchors = opts->anchors,
    };
    if (!p.anchors) {
        rd_db_anchors_make(out, doc, opts->id_prefix, &p.own_anchors);
        p.anchors = &p.own_anchors;
    }
    rd_model *model = opts->roles && opts->rules
                    ? rd_model_extract(doc, opts->rules, RD_ROLE_PAGE_DETECT) : NULL;
    if (model)
        mark_roles(&p, model);
    rd_buf_init(&p.text);
    push_section(&p, el, 0);
    if (rd_doc_root(doc))
        walk(&p);
    close_to(&p, el);
    rd_db_complete(out, el);
    free(p.frames);
    free(p.sections);
    free(p.roles);
    free(p.notes);
    rd_model_free(model);
    rd_db_anchors_free(&p.own_anchors);
    rd_buf_free(&p.text);
}

void rd_db_add_abstract(rd_db_out *out, xmlNodePtr info, const rd_doc *doc)
{
    const char *description = rd_doc_meta_get(doc, "description");
    if (!description || !*rd_db_xml_safe(out, description))
        return;
    xmlNodePtr para = rd_db_add(out, rd_db_add(out, info, "abstract"), "para");
    rd_db_add_text(out, para, description);
}

/* ------------------------------------------------------------ article */

/* A title for a page without a level-1 heading: front matter's, else the
 * file name. */
static void add_fallback_title(rd_db_out *out, xmlNodePtr title,
                               const rd_doc *doc)
{
    const char *t = rd_doc_meta_get(doc, "title");
    if (t && *t) {
        rd_db_add_text(out, title, t);
        return;
    }
    const char *name = rd_doc_name(doc) ? base_name(rd_doc_name(doc)) : "";
    size_t len = strlen(name);
    if (len > 3 && strcmp(name + len - 3, ".md") == 0)
        len -= 3;
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_put(&b, name, len);
    rd_db_add_text(out, title, b.len ? b.data : "Untitled");
    rd_buf_free(&b);
}

static int emit_article(const rd_doc *doc, const rd_ruleset *rules, bool unsafe,
                        rd_buf *out)
{
    rd_db_out db;
    xmlNodePtr article = rd_db_begin(&db, "article");
    if (!article) {
        rd_db_end(&db);
        return -1;
    }
    xmlNodePtr info = rd_db_add(&db, article, "info");
    xmlNodePtr title = rd_db_add(&db, info, "title");
    if (!rd_db_title_heading(doc))
        add_fallback_title(&db, title, doc);
    rd_db_add_abstract(&db, info, doc);
    rd_db_page_options page_opts = {
        .id_prefix = "", .title = title, .roles = rules != NULL,
        .rules = rules, .unsafe = unsafe,
    };
    rd_db_page_body(&db, article, doc, &page_opts);
    int status = rd_db_serialize(&db, out);
    rd_db_end(&db);
    return status;
}

/* With opts->roles, the rules that find the roles; the caller gives them. */
int rd_emit_docbook(const rd_doc *doc, const rd_emit_options *opts, rd_buf *out)
{
    const rd_ruleset *rules = opts && opts->roles ? opts->rules : NULL;
    if (opts && opts->roles && !rules)
        return -1;
    return emit_article(doc, rules, opts && opts->unsafe, out);
}

void rd_db_anchor_fold(const char *text, rd_buf *out)
{
    rd_db_fold_words(text, 0, SIZE_MAX, out);
}
