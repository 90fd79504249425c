/* GitBook liquid blocks: {% hint style="info" %} … {% endhint %} and the like.
 *
 * Tags are found on lines of their own before Markdown parsing. Each tag line
 * is overwritten, in the parser's copy of the input, by an HTML comment of the
 * same length: a comment line starts an HTML block that can interrupt a
 * paragraph and ends on the same line, so the parser sees a block boundary
 * exactly where the tag stands, with every byte offset unchanged and with
 * CommonMark's own rules deciding which container (list item, quote) the tag
 * belongs to. The parser turns those comment blocks back into marker nodes,
 * and rd_liquid_group nests the content between an opening and an end marker
 * into one LIQUID node. A tag line inside a code block is restored from the
 * original bytes, so code stays code.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Internal flag: a marker node standing for an end tag until grouped. */
#define FLAG_END_MARKER (1u << 30)
/* Internal flag: a parent already queued for grouping. */
#define FLAG_QUEUED (1u << 29)

static const struct {
    const char *name;
    rd_liquid_kind kind;
    bool needs_end;     /* GitBook always closes these */
} known_tags[] = {
    { "hint", RD_LIQUID_HINT, true },
    { "content-ref", RD_LIQUID_CONTENT_REF, true },
    { "page-ref", RD_LIQUID_CONTENT_REF, false },   /* GitBook before 2022 */
    { "embed", RD_LIQUID_EMBED, false },
    { "file", RD_LIQUID_FILE, false },
    { "tabs", RD_LIQUID_TABS, true },
    { "tab", RD_LIQUID_TAB, true },
    { "stepper", RD_LIQUID_STEPPER, true },
    { "step", RD_LIQUID_STEP, true },
    { "code", RD_LIQUID_CODE, true },
    { "include", RD_LIQUID_INCLUDE, false },
    { "api-method", RD_LIQUID_API, true },
    { "swagger", RD_LIQUID_API, true },
    { "api-method-summary", RD_LIQUID_API_PART, true },
    { "api-method-description", RD_LIQUID_API_PART, true },
    { "api-method-spec", RD_LIQUID_API_PART, true },
    { "api-method-request", RD_LIQUID_API_PART, true },
    { "api-method-response", RD_LIQUID_API_PART, true },
    { "api-method-path-parameters", RD_LIQUID_API_PART, true },
    { "api-method-query-parameters", RD_LIQUID_API_PART, true },
    { "api-method-headers", RD_LIQUID_API_PART, true },
    { "api-method-body-parameters", RD_LIQUID_API_PART, true },
    { "api-method-form-data-parameters", RD_LIQUID_API_PART, true },
    { "api-method-parameter", RD_LIQUID_API_PART, true },
    { "api-method-response-example", RD_LIQUID_API_PART, true },
    { "api-method-response-example-description", RD_LIQUID_API_PART, true },
    { "swagger-description", RD_LIQUID_API_PART, true },
    { "swagger-parameter", RD_LIQUID_API_PART, true },
    { "swagger-response", RD_LIQUID_API_PART, true },
};
enum { KNOWN_TAG_COUNT = sizeof known_tags / sizeof known_tags[0] };

rd_liquid_kind rd_liquid_kind_of(const char *name)
{
    for (size_t i = 0; i < KNOWN_TAG_COUNT; i++)
        if (strcmp(known_tags[i].name, name) == 0)
            return known_tags[i].kind;
    return RD_LIQUID_OTHER;
}

const char *rd_liquid_kind_name(rd_liquid_kind kind)
{
    for (size_t i = 0; i < KNOWN_TAG_COUNT; i++)
        if (known_tags[i].kind == kind)
            return known_tags[i].name;
    return "other";
}

static bool tag_needs_end(const char *name)
{
    for (size_t i = 0; i < KNOWN_TAG_COUNT; i++)
        if (strcmp(known_tags[i].name, name) == 0)
            return known_tags[i].needs_end;
    return false;
}

/* ------------------------------------------------------------- scanning */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* End (one past "%}") of the tag that starts at s[0] = '{', '%'; or 0 when
 * the line holds no end. A quote left open on the line (GitBook writes some)
 * does not hide the tag's end: the last "%}" of the line is taken then. */
static size_t tag_end(const char *s, size_t len)
{
    char quote = 0;
    for (size_t i = 2; i + 1 < len; i++) {
        if (quote) {
            if (s[i] == quote)
                quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (s[i] == '%' && s[i + 1] == '}') {
            return i + 2;
        }
    }
    for (size_t i = len; i >= 4; i--)
        if (s[i - 2] == '%' && s[i - 1] == '}')
            return i;
    return 0;
}

static void tags_push(rd_liquid_tags *tags, rd_liquid_tag tag)
{
    if (tags->len == tags->cap) {
        tags->cap = tags->cap ? tags->cap * 2 : 16;
        tags->tags = rd_xrealloc(tags->tags, tags->cap * sizeof *tags->tags);
    }
    tags->tags[tags->len++] = tag;
}

/* Splits "{%- name args -%}" into name and arguments. */
static bool tag_parse(rd_doc *doc, const char *s, size_t len, rd_liquid_tag *tag)
{
    size_t i = 2, end = len - 2;
    if (i < end && s[i] == '-')
        i++;
    if (end > i && s[end - 1] == '-')
        end--;
    while (i < end && is_blank(s[i]))
        i++;
    size_t name_start = i;
    while (i < end && !is_blank(s[i]))
        i++;
    if (i == name_start)
        return false;
    const char *name = s + name_start;
    size_t name_len = i - name_start;
    tag->is_end = name_len > 3 && strncmp(name, "end", 3) == 0;
    if (tag->is_end) {
        name += 3;
        name_len -= 3;
    }
    tag->name = rd_doc_clean_text(doc, name, name_len, NULL);
    while (i < end && is_blank(s[i]))
        i++;
    while (end > i && is_blank(s[end - 1]))
        end--;
    tag->args = rd_doc_clean_text(doc, s + i, end - i, NULL);
    return true;
}

/* Finds the tags of one line; returns how many (0 when the line is not made
 * of tags alone). `first`..`last` receive the span they cover. */
static size_t scan_tag_line(rd_doc *doc, const char *line, size_t len,
                            size_t line_offset, rd_liquid_tags *tags,
                            size_t *first, size_t *last)
{
    size_t i = 0, found = 0, before = tags->len;
    /* Container prefixes: indentation and block quote markers. */
    while (i < len && (is_blank(line[i]) || line[i] == '>'))
        i++;
    *first = i;
    while (i < len) {
        if (len - i < 4 || line[i] != '{' || line[i + 1] != '%')
            break;
        size_t n = tag_end(line + i, len - i);
        rd_liquid_tag tag = { 0 };
        if (!n || !tag_parse(doc, line + i, n, &tag))
            break;
        tag.offset = line_offset + i;
        tag.len = n;
        tags_push(tags, tag);
        found++;
        i += n;
        *last = i;
        while (i < len && is_blank(line[i]))
            i++;
    }
    if (i < len || !found) {
        tags->len = before;     /* text beside the tags: not a tag line */
        return 0;
    }
    return found;
}

/* Overwrites s[0..n) with "<!--   -->". */
static bool blank_as_comment(char *s, size_t n)
{
    if (n < 7)
        return false;
    memcpy(s, "<!--", 4);
    memset(s + 4, ' ', n - 7);
    memcpy(s + n - 3, "-->", 3);
    return true;
}

void rd_liquid_scan(rd_doc *doc, char *work, rd_liquid_tags *tags)
{
    size_t pos = doc->body;
    while (pos < doc->size) {
        size_t eol = pos;
        while (eol < doc->size && work[eol] != '\n' && work[eol] != '\r')
            eol++;
        const char *line = work + pos;
        if (memchr(line, '{', eol - pos)) {
            size_t first = 0, last = 0, before = tags->len;
            if (scan_tag_line(doc, line, eol - pos, pos, tags, &first, &last)) {
                size_t span_end = last;
                /* A comment needs seven bytes: borrow trailing blanks. */
                while (span_end - first < 7 && pos + span_end < eol)
                    span_end++;
                if (!blank_as_comment(work + pos + first, span_end - first))
                    tags->len = before;
            }
        }
        pos = eol;
        if (pos < doc->size && work[pos] == '\r')
            pos++;
        if (pos < doc->size && work[pos] == '\n')
            pos++;
    }
}

const rd_liquid_tag *rd_liquid_find(const rd_liquid_tags *tags, size_t offset)
{
    size_t lo = 0, hi = tags->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tags->tags[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < tags->len ? &tags->tags[lo] : NULL;
}

/* ----------------------------------------------------------- attributes */

/* Parses `key="value" key='value' key=value word "word"` into node
 * attributes; a positional argument gets an empty name and its value. */
static void parse_args(rd_doc *doc, rd_node *node, const char *args,
                       size_t args_offset)
{
    const char *p = args;
    rd_attr **tail = rd_attr_tail(&node->attrs);
    while (*p) {
        while (is_blank(*p))
            p++;
        if (!*p)
            break;
        const char *key = p;
        if (*p == '"' || *p == '\'') {
            const char *close = strchr(p + 1, *p);
            const char *value = p + 1;
            p = close ? close + 1 : p + strlen(p);
            size_t value_len = (size_t)((close ? close : p) - value);
            rd_attr *a = rd_attr_add(doc, &tail, "",
                                     rd_doc_strndup(doc, value, value_len));
            rd_doc_position(doc, args_offset + (size_t)(key - args), &a->line, &a->col);
            continue;
        }
        while (*p && !is_blank(*p) && *p != '=')
            p++;
        size_t key_len = (size_t)(p - key);
        const char *value = "";
        size_t value_len = 0;
        if (*p == '=') {
            p++;
            char quote = (*p == '"' || *p == '\'') ? *p++ : 0;
            value = p;
            if (quote) {
                const char *close = strchr(p, quote);
                /* An unclosed quote runs to the end of the tag. */
                p = close ? close : p + strlen(p);
                value_len = (size_t)(p - value);
                if (*p)
                    p++;
                while (value_len && is_blank(value[value_len - 1]))
                    value_len--;
            } else {
                while (*p && !is_blank(*p))
                    p++;
                value_len = (size_t)(p - value);
            }
        }
        rd_attr *a = rd_attr_add(doc, &tail,
                                 rd_doc_strndup(doc, key, key_len),
                                 rd_doc_strndup(doc, value, value_len));
        rd_doc_position(doc, args_offset + (size_t)(key - args), &a->line, &a->col);
    }
}

void rd_liquid_fill(rd_doc *doc, rd_node *node, const rd_liquid_tag *tag)
{
    node->type = RD_NODE_LIQUID;
    node->name = tag->name;
    node->liquid = rd_liquid_kind_of(tag->name);
    node->literal = rd_doc_clean_text(doc, doc->bytes + tag->offset, tag->len,
                                      &node->literal_len);
    rd_node_set_pos(doc, node, tag->offset);
    if (tag->is_end) {
        node->flags |= FLAG_END_MARKER;
        return;
    }
    const char *args_in_source = strstr(node->literal, tag->args);
    size_t args_offset = tag->offset +
        (args_in_source ? (size_t)(args_in_source - node->literal) : 0);
    parse_args(doc, node, tag->args, args_offset);
    const char *url = rd_node_attr(node, "url");
    if (!url)
        url = rd_node_attr(node, "page");     /* page-ref */
    node->url = url ? url : rd_node_attr(node, "src");
    node->title = rd_node_attr(node, "title");
}

/* -------------------------------------------------------------- nesting */

typedef struct {
    const char *name;
    size_t count;
} name_count;

/* How many end tags of each name stand in a sibling list: an opening tag
 * of a kind that may or may not be closed (embed, file, unknown ones) is a
 * block only when an end tag of its name follows. Counting once keeps the
 * decision linear in the number of siblings. */
typedef struct {
    name_count *items;
    size_t len;
} end_counts;

static name_count *end_count_slot(end_counts *ec, const char *name, bool add)
{
    for (size_t i = 0; i < ec->len; i++)
        if (strcmp(ec->items[i].name, name) == 0)
            return &ec->items[i];
    if (!add)
        return NULL;
    ec->items = rd_xrealloc(ec->items, (ec->len + 1) * sizeof *ec->items);
    ec->items[ec->len] = (name_count){ name, 0 };
    return &ec->items[ec->len++];
}

static bool is_marker(const rd_node *n)
{
    return n->type == RD_NODE_LIQUID && !n->first_child &&
           !(n->flags & (RD_FLAG_BLOCK_TAG | RD_FLAG_STRAY_END));
}

/* Moves the siblings strictly between `open` and `end` into `open`. */
static void wrap_between(rd_node *open, rd_node *end)
{
    rd_node *n = open->next;
    while (n && n != end) {
        rd_node *next = n->next;
        rd_node_unlink(n);
        rd_node_append(open, n);
        n = next;
    }
}

static size_t stack_find(const rd_node_list *s, const char *name)
{
    for (size_t i = s->len; i > 0; i--)
        if (strcmp(s->items[i - 1]->name, name) == 0)
            return i;
    return 0;
}

/* Closes the block at `index` of the open stack with its end marker. */
static void close_block(rd_node_list *open, size_t index, rd_node *end)
{
    /* Blocks opened inside the one being closed and never closed. */
    while (open->len > index + 1) {
        rd_node *inner = open->items[--open->len];
        inner->flags |= RD_FLAG_UNCLOSED | RD_FLAG_MISNESTED;
        wrap_between(inner, end);
    }
    rd_node *block = open->items[--open->len];
    wrap_between(block, end);
    block->end_line = end->line;
    block->end_col = end->col;
    rd_node_unlink(end);
}

static unsigned depth_of(const rd_node *n)
{
    unsigned depth = 0;
    for (; n->parent; n = n->parent)
        depth++;
    return depth;
}

/* Blocks nested deeper than the document's limit are not opened: their
 * tags stay in place as markers flagged truncated, and one finding says so. */
static bool too_deep(rd_doc *doc, rd_node *marker, size_t open_blocks,
                     unsigned parent_depth, bool *reported)
{
    if (parent_depth + open_blocks + 1 < doc->max_depth)
        return false;
    marker->flags |= RD_FLAG_TRUNCATED;
    if (!*reported) {
        *reported = true;
        rd_doc_add_diag(doc, "nesting-depth", RD_SEVERITY_WARNING, marker->offset,
                        "liquid blocks nested deeper than %u levels: the inner "
                        "tags are kept as they are", doc->max_depth);
    }
    return true;
}

static void group_children(rd_doc *doc, rd_node *parent)
{
    unsigned parent_depth = depth_of(parent);
    bool reported = false;
    end_counts ends = { 0 };
    for (rd_node *n = parent->first_child; n; n = n->next)
        if (is_marker(n) && (n->flags & FLAG_END_MARKER))
            end_count_slot(&ends, n->name, true)->count++;

    rd_node_list open = { 0 };
    size_t truncated_opens = 0;
    rd_node *n = parent->first_child;
    while (n) {
        rd_node *next = n->next;
        if (!is_marker(n)) {
            n = next;
            continue;
        }
        if (n->flags & FLAG_END_MARKER) {
            name_count *slot = end_count_slot(&ends, n->name, false);
            if (slot && slot->count)
                slot->count--;
            size_t depth = stack_find(&open, n->name);
            n->flags &= ~FLAG_END_MARKER;
            if (depth)
                close_block(&open, depth - 1, n);
            else if (truncated_opens)
                truncated_opens--, n->flags |= RD_FLAG_TRUNCATED;
            else
                n->flags |= RD_FLAG_STRAY_END;
        } else {
            name_count *slot = end_count_slot(&ends, n->name, false);
            bool block = tag_needs_end(n->name) || (slot && slot->count);
            if (block && too_deep(doc, n, open.len, parent_depth, &reported)) {
                truncated_opens++;
            } else if (block) {
                n->flags |= RD_FLAG_BLOCK_TAG;
                rd_node_list_add(&open, n);
            }
        }
        n = next;
    }
    for (size_t i = 0; i < open.len; i++)
        open.items[i]->flags |= RD_FLAG_UNCLOSED;
    free(open.items);
    free(ends.items);
}

void rd_liquid_group(rd_doc *doc, rd_node *root)
{
    rd_node_list parents = { 0 };
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_LIQUID && n->parent &&
            !(n->parent->flags & FLAG_QUEUED)) {
            n->parent->flags |= FLAG_QUEUED;
            rd_node_list_add(&parents, n->parent);
        }
    }
    /* Grouping moves nodes only within one parent's children, so the
     * parents collected above stay valid. */
    for (size_t i = 0; i < parents.len; i++) {
        parents.items[i]->flags &= ~FLAG_QUEUED;
        group_children(doc, parents.items[i]);
    }
    free(parents.items);
}

/* ------------------------------------------------------------ API labels */

static void put_attr(rd_buf *out, const rd_node *n, const char *name,
                     const char *before)
{
    const char *v = rd_node_attr(n, name);
    if (!v || !*v)
        return;
    if (out->len)
        rd_buf_puts(out, before);
    rd_buf_puts(out, v);
}

/* "GET https://api.example.org/v1/items: Summary" for an API block;
 * "name (type, required)" for a parameter; "200", "201: Created" for a
 * response; nothing for the other parts, whose content says it all. */
void rd_liquid_api_label(const rd_node *n, rd_buf *out)
{
    if (n->liquid == RD_LIQUID_API) {
        const char *m = rd_node_attr(n, "method");
        for (; m && *m; m++)
            rd_buf_putc(out, (char)(*m >= 'a' && *m <= 'z' ? *m - 'a' + 'A' : *m));
        const char *host = rd_node_attr(n, "host");
        if (!host)
            host = rd_node_attr(n, "baseUrl");
        const char *path = rd_node_attr(n, "path");
        if (out->len && ((host && *host) || (path && *path)))
            rd_buf_putc(out, ' ');
        rd_buf_puts(out, host ? host : "");
        rd_buf_puts(out, path ? path : "");
        put_attr(out, n, "summary", ": ");
        return;
    }
    if (n->liquid != RD_LIQUID_API_PART || !n->name)
        return;
    if (strcmp(n->name, "api-method-parameter") == 0 ||
        strcmp(n->name, "swagger-parameter") == 0) {
        put_attr(out, n, "name", "");
        const char *type = rd_node_attr(n, "type");
        const char *req = rd_node_attr(n, "required");
        bool required = req && strcmp(req, "true") == 0;
        if ((type && *type) || required)
            rd_buf_printf(out, " (%s%s%s)", type ? type : "",
                          type && *type && required ? ", " : "",
                          required ? "required" : "");
    } else if (strcmp(n->name, "api-method-response-example") == 0) {
        put_attr(out, n, "httpCode", "");
    } else if (strcmp(n->name, "swagger-response") == 0) {
        put_attr(out, n, "status", "");
        const char *d = rd_node_attr(n, "description");
        if (d && *d)
            rd_buf_printf(out, out->len ? " (%s)" : "%s", d);
    }
}
