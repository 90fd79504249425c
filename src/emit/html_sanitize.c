/* Escaping and the allowlist of HTML output.
 *
 * The page's raw HTML reaches the emitter already parsed into nodes (by
 * libxml2's HTML parser, in html_in.c), so sanitising is a matter of
 * deciding, element by element and attribute by attribute, what is written
 * again: nothing here matches strings of markup. Whatever is not known to
 * be harmless is left out: unknown elements lose their tag, elements that
 * run code or pull in other documents lose their content too, and only the
 * attributes listed below survive, URLs among them only with a safe
 * scheme. */
#include "html_sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- escaping */

static const char hex_digits[] = "0123456789ABCDEF";

/* Code points that XML 1.0 forbids, and those HTML calls errors in text:
 * controls other than tab and line breaks, and noncharacters. */
static bool is_forbidden_code_point(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    if (cp >= 0x7F && cp <= 0x9F)
        return true;
    if (cp >= 0xFDD0 && cp <= 0xFDEF)
        return true;
    return (cp & 0xFFFE) == 0xFFFE;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* Characters a URL keeps as they are; the others are percent-encoded. */
static bool url_keeps(char c)
{
    return is_alnum(c) || strchr("-_.+!*(),%#@?=;:/$~", c) != NULL;
}

static void put_percent(rd_buf *out, unsigned char c)
{
    char enc[3] = { '%', hex_digits[c >> 4], hex_digits[c & 15] };
    rd_buf_put(out, enc, 3);
}

/* One ASCII character of a URL. A '%' that starts no escape and a second
 * '#' would make the URL invalid: both are encoded. */
static void put_url_char(rd_buf *out, const char *s, size_t len, size_t i,
                         bool *seen_hash)
{
    char c = s[i];
    if (c == '&') {
        rd_buf_puts(out, "&amp;");
    } else if (c == '%' && !(i + 2 < len && is_hex(s[i + 1]) && is_hex(s[i + 2]))) {
        put_percent(out, (unsigned char)c);
    } else if (c == '#' && *seen_hash) {
        put_percent(out, (unsigned char)c);
    } else if (url_keeps(c)) {
        *seen_hash |= c == '#';
        rd_buf_putc(out, c);
    } else {
        put_percent(out, (unsigned char)c);
    }
}

static void put_text_char(rd_buf *out, char c, rd_esc_mode mode)
{
    if (mode != RD_ESC_RAW) {
        switch (c) {
        case '&': rd_buf_puts(out, "&amp;"); return;
        case '<': rd_buf_puts(out, "&lt;"); return;
        case '>': rd_buf_puts(out, "&gt;"); return;
        case '"': rd_buf_puts(out, "&quot;"); return;
        default: break;
        }
    }
    rd_buf_putc(out, c);
}

void rd_html_escape(rd_buf *out, const char *s, size_t len, rd_esc_mode mode)
{
    bool seen_hash = false;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {
            if (mode == RD_ESC_URL)
                put_url_char(out, s, len, i, &seen_hash);
            else
                put_text_char(out, (char)c, mode);
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = rd_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        bool invalid = c >= 0x80 && n == 1;     /* not UTF-8 */
        bool bad = invalid || is_forbidden_code_point(cp);
        const char *bytes = bad ? "\xEF\xBF\xBD" : s + i;
        size_t nbytes = bad ? 3 : n;
        if (mode == RD_ESC_URL) {
            for (size_t k = 0; k < nbytes; k++)
                put_percent(out, (unsigned char)bytes[k]);
        } else {
            rd_buf_put(out, bytes, nbytes);
        }
        i += n;
    }
}

void rd_html_escape_str(rd_buf *out, const char *s, rd_esc_mode mode)
{
    if (s)
        rd_html_escape(out, s, strlen(s), mode);
}

/* ----------------------------------------------------------------- URLs */

/* Decodes the character references a browser would read in an attribute
 * (numeric ones, with or without ';', and the named ones that spell parts
 * of a scheme), so that "jav&#x61;script:" is seen for what it is. */
static void decode_refs(const char *s, rd_buf *out)
{
    static const struct { const char *name; char c; } named[] = {
        { "colon;", ':' }, { "Tab;", '\t' }, { "NewLine;", '\n' },
        { "sol;", '/' }, { "num;", '#' }, { "quest;", '?' },
    };
    while (*s) {
        if (s[0] != '&') {
            rd_buf_putc(out, *s++);
            continue;
        }
        if (s[1] == '#') {
            bool hex = s[2] == 'x' || s[2] == 'X';
            const char *p = s + (hex ? 3 : 2);
            char *end;
            unsigned long cp = strtoul(p, &end, hex ? 16 : 10);
            if (end > p && (hex ? is_hex(*p) : (*p >= '0' && *p <= '9'))) {
                rd_utf8_encode(cp && cp <= 0x10FFFF ? (uint32_t)cp : 0xFFFD, out);
                s = *end == ';' ? end + 1 : end;
                continue;
            }
        }
        size_t k;
        for (k = 0; k < sizeof named / sizeof named[0]; k++) {
            size_t n = strlen(named[k].name);
            if (strncmp(s + 1, named[k].name, n) == 0) {
                rd_buf_putc(out, named[k].c);
                s += 1 + n;
                break;
            }
        }
        if (k == sizeof named / sizeof named[0])
            rd_buf_putc(out, *s++);
    }
}

/* The URL as a browser reads its scheme: references decoded, then ASCII
 * whitespace and controls (which browsers skip) left out. */
static void clean_url(const char *url, rd_buf *out)
{
    rd_buf decoded;
    rd_buf_init(&decoded);
    decode_refs(url, &decoded);
    for (size_t i = 0; i < decoded.len; i++) {
        unsigned char c = (unsigned char)decoded.data[i];
        if (c > 0x20 && c != 0x7F)
            rd_buf_putc(out, (char)c);
    }
    rd_buf_free(&decoded);
}

static bool is_scheme_char(char c)
{
    return is_alnum(c) || c == '+' || c == '-' || c == '.';
}

/* A browser reads u[0..len) as a scheme only when it has a scheme's
 * syntax; otherwise the URL is a relative one, colon and all. */
static bool has_scheme_syntax(const char *u, size_t len)
{
    if (len == 0 || !((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < len; i++)
        if (!is_scheme_char(u[i]))
            return false;
    return true;
}

static bool is_host_char(unsigned char c)
{
    return is_alnum((char)c) || c == '-' || c == '.' || c == '_' || c >= 0x80;
}

/* The host of a web URL (http, https, ftp, ftps: those a browser parses a
 * host for) must be one: labels of letters, digits, hyphens, none of them
 * empty, or an IP literal in brackets. "http://exa mple.org" or
 * "http://../" lead nowhere, and a page linking to them is invalid. */
static bool web_host_is_valid(const char *u)
{
    static const char *const web[] = { "http", "https", "ftp", "ftps", NULL };
    while (*u && (unsigned char)*u <= 0x20)
        u++;
    size_t scheme_len = strcspn(u, ":");
    bool is_web = false;
    for (const char *const *w = web; *w && !is_web; w++)
        is_web = strlen(*w) == scheme_len && strncasecmp(u, *w, scheme_len) == 0;
    const char *auth = u + scheme_len + 1;
    if (!is_web || u[scheme_len] != ':' || strncmp(auth, "//", 2) != 0)
        return true;
    auth += 2;
    size_t len = strcspn(auth, "/?#\\");
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (auth[i] == '@')
            at = auth + i;          /* user info ends at the last '@' */
    if (at) {
        len -= (size_t)(at + 1 - auth);
        auth = at + 1;
    }
    if (len && auth[0] == '[')
        return memchr(auth, ']', len) != NULL;
    const char *colon = memchr(auth, ':', len);
    if (colon)
        len = (size_t)(colon - auth);
    size_t label = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)auth[i];
        if (!is_host_char(c))
            return false;
        if (c == '.' && label == 0)
            return false;
        label = c == '.' ? 0 : label + 1;
    }
    return len > 0;
}

bool rd_html_url_is_safe(const char *url, bool image_source)
{
    static const char *const allowed[] = {
        "http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "irc",
        "ircs", "news", "nntp", "xmpp", "sms", "geo", "webcal", NULL
    };
    if (!url)
        return true;
    rd_buf clean;
    rd_buf_init(&clean);
    clean_url(url, &clean);
    const char *u = clean.data ? clean.data : "";
    size_t colon = strcspn(u, ":/?#");
    bool safe = true;
    if (u[colon] == ':' && has_scheme_syntax(u, colon)) {
        safe = false;
        for (const char *const *a = allowed; *a && !safe; a++)
            safe = strlen(*a) == colon && strncasecmp(u, *a, colon) == 0;
        if (!safe && image_source)
            safe = strncasecmp(u, "data:image/", 11) == 0;
        /* The host as it will be written: spaces stay (encoded). */
        safe = safe && web_host_is_valid(url);
    }
    rd_buf_free(&clean);
    return safe;
}

/* ------------------------------------------------------------- elements */

/* Whether `word` is one of the space-separated words of `list` (which
 * starts and ends with a space). */
static bool in_list(const char *list, const char *word)
{
    char key[32];
    int n = snprintf(key, sizeof key, " %s ", word);
    return n > 0 && (size_t)n < sizeof key && strstr(list, key) != NULL;
}

enum {
    EL_PHRASING = 1u << 0,   /* phrasing content */
    EL_HOLDS_PHRASING = 1u << 1,  /* may hold phrasing content only */
    EL_VOID = 1u << 2,
    EL_DROP = 1u << 3        /* dropped with its content */
};

typedef struct {
    const char *name;
    unsigned flags;
    const char *parents;     /* elements it must stand in, or NULL */
} element_rule;

#define P (EL_PHRASING | EL_HOLDS_PHRASING)

/* Sorted by name (looked up with bsearch). Elements absent from the table
 * are unwrapped: among them sectioning elements and those that HTML
 * constrains in ways the page's HTML rarely meets (ruby, time, bdo, dfn). */
static const element_rule element_rules[] = {
    { "a", P, NULL },
    { "abbr", P, NULL },
    { "applet", EL_DROP, NULL },
    { "audio", EL_DROP, NULL },
    { "b", P, NULL },
    { "base", EL_DROP, NULL },
    { "bdi", P, NULL },
    { "blockquote", 0, NULL },
    { "br", EL_PHRASING | EL_VOID, NULL },
    { "button", EL_DROP, NULL },
    { "canvas", EL_DROP, NULL },
    { "caption", 0, " table " },
    { "cite", P, NULL },
    { "code", P, NULL },
    { "col", EL_VOID, " colgroup " },
    { "colgroup", 0, " table " },
    { "dd", 0, " dl " },
    { "del", P, NULL },
    { "details", 0, NULL },
    { "dialog", EL_DROP, NULL },
    { "div", 0, NULL },
    { "dl", 0, NULL },
    { "dt", 0, " dl " },
    { "em", P, NULL },
    { "embed", EL_DROP, NULL },
    { "figcaption", 0, " figure " },
    { "figure", 0, NULL },
    { "frame", EL_DROP, NULL },
    { "frameset", EL_DROP, NULL },
    { "h1", EL_HOLDS_PHRASING, NULL },
    { "h2", EL_HOLDS_PHRASING, NULL },
    { "h3", EL_HOLDS_PHRASING, NULL },
    { "h4", EL_HOLDS_PHRASING, NULL },
    { "h5", EL_HOLDS_PHRASING, NULL },
    { "h6", EL_HOLDS_PHRASING, NULL },
    { "head", EL_DROP, NULL },
    { "hr", EL_VOID, NULL },
    { "i", P, NULL },
    { "iframe", EL_DROP, NULL },
    { "img", EL_PHRASING | EL_VOID, NULL },
    { "input", EL_DROP, NULL },
    { "ins", P, NULL },
    { "kbd", P, NULL },
    { "li", 0, " ul ol " },
    { "link", EL_DROP, NULL },
    { "map", EL_DROP, NULL },
    { "mark", P, NULL },
    { "math", EL_DROP, NULL },
    { "meta", EL_DROP, NULL },
    { "noembed", EL_DROP, NULL },
    { "noframes", EL_DROP, NULL },
    { "noscript", EL_DROP, NULL },
    { "object", EL_DROP, NULL },
    { "ol", 0, NULL },
    { "optgroup", EL_DROP, NULL },
    { "option", EL_DROP, NULL },
    { "p", EL_HOLDS_PHRASING, NULL },
    { "param", EL_DROP, NULL },
    { "plaintext", EL_DROP, NULL },
    { "portal", EL_DROP, NULL },
    { "pre", EL_HOLDS_PHRASING, NULL },
    { "q", P, NULL },
    { "s", P, NULL },
    { "samp", P, NULL },
    { "script", EL_DROP, NULL },
    { "select", EL_DROP, NULL },
    { "small", P, NULL },
    { "source", EL_DROP, NULL },
    { "span", P, NULL },
    { "strike", P, NULL },
    { "strong", P, NULL },
    { "style", EL_DROP, NULL },
    { "sub", P, NULL },
    { "summary", EL_HOLDS_PHRASING, " details " },
    { "sup", P, NULL },
    { "svg", EL_DROP, NULL },
    { "table", 0, NULL },
    { "tbody", 0, " table " },
    { "td", 0, " tr " },
    { "template", EL_DROP, NULL },
    { "textarea", EL_DROP, NULL },
    { "tfoot", 0, " table " },
    { "th", 0, " tr " },
    { "thead", 0, " table " },
    { "title", EL_DROP, NULL },
    { "tr", 0, " table thead tbody tfoot " },
    { "track", EL_DROP, NULL },
    { "u", P, NULL },
    { "ul", 0, NULL },
    { "var", P, NULL },
    { "video", EL_DROP, NULL },
    { "wbr", EL_PHRASING | EL_VOID, NULL },
    { "xmp", EL_DROP, NULL },
};

#undef P

static int rule_cmp(const void *key, const void *rule)
{
    return strcasecmp(key, ((const element_rule *)rule)->name);
}

static const element_rule *rule_of(const char *name)
{
    if (!name)
        return NULL;
    return bsearch(name, element_rules,
                   sizeof element_rules / sizeof element_rules[0],
                   sizeof element_rules[0], rule_cmp);
}

rd_elem_verdict rd_html_element_verdict(const char *name)
{
    const element_rule *r = rule_of(name);
    if (!r)
        return RD_ELEM_UNWRAP;
    return (r->flags & EL_DROP) ? RD_ELEM_DROP : RD_ELEM_KEEP;
}

const char *rd_html_element_output_name(const char *name)
{
    const element_rule *r = rule_of(name);
    if (!r)
        return name;
    return strcmp(r->name, "strike") == 0 ? "s" : r->name;
}

bool rd_html_is_void(const char *name)
{
    const element_rule *r = rule_of(name);
    return r && (r->flags & EL_VOID);
}

bool rd_html_holds_phrasing(const char *name)
{
    const element_rule *r = rule_of(name);
    return r && (r->flags & EL_HOLDS_PHRASING);
}

bool rd_html_is_flow_only(const char *name)
{
    const element_rule *r = rule_of(name);
    return !r || !(r->flags & EL_PHRASING);
}

bool rd_html_parent_allows(const char *parent, const char *name)
{
    const element_rule *r = rule_of(name);
    if (!r || !r->parents)
        return true;
    return parent && in_list(r->parents, parent);
}

bool rd_html_is_heading_or_section(const char *name)
{
    static const char *const names[] = {
        "h1", "h2", "h3", "h4", "h5", "h6", "article", "aside", "nav",
        "section", "header", "footer", NULL
    };
    for (const char *const *n = names; *n; n++)
        if (strcasecmp(*n, name) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------ children models */

/* Containers whose children HTML restricts to a few elements. */
static const struct {
    const char *parent;
    const char *children;
} child_rules[] = {
    { "ul", " li " }, { "ol", " li " }, { "dl", " dt dd " },
    { "table", " caption colgroup thead tbody tfoot " },
    { "thead", " tr " }, { "tbody", " tr " }, { "tfoot", " tr " },
    { "tr", " td th " }, { "colgroup", " col " },
};

static bool is_blank_text(const rd_node *n)
{
    for (size_t i = 0; i < n->literal_len; i++)
        if (!strchr(" \t\r\n\f", n->literal[i]))
            return false;
    return true;
}

/* The element a child stands for, "" for nothing written (blank text, a
 * dropped element, tags paired into their element), "#text" for text and
 * NULL for anything else that would be written. */
static const char *child_kind(const rd_node *c)
{
    if (c->type == RD_NODE_TEXT || c->type == RD_NODE_ENTITY)
        return is_blank_text(c) ? "" : "#text";
    if (c->type == RD_NODE_HTML_INLINE)
        return (c->flags & (RD_FLAG_ABSORBED | RD_FLAG_COMMENT)) ? "" : NULL;
    if (c->type == RD_NODE_HTML_BLOCK && (c->flags & RD_FLAG_ABSORBED))
        return "";      /* raw tags of the element around it */
    if (!(c->flags & RD_FLAG_HTML))
        return NULL;
    const char *name = c->name ? c->name
                       : c->type == RD_NODE_TABLE_BODY ? "tbody" : NULL;
    if (name && rd_html_element_verdict(name) == RD_ELEM_DROP)
        return "";
    return name;
}

static bool is_named(const char *kind, const char *name)
{
    return kind && strcasecmp(kind, name) == 0;
}

/* details: one <summary>, before anything else; figure: at most one
 * <figcaption>, first or last. */
static bool caption_fits(const rd_node *element, const char *caption, bool first_only)
{
    size_t count = 0, at = 0, captions = 0, caption_at = 0;
    for (const rd_node *c = element->first_child; c; c = c->next) {
        const char *kind = child_kind(c);
        if (kind && !*kind)
            continue;
        count++;
        if (is_named(kind, caption)) {
            captions++;
            caption_at = count;
        }
        at = count;
    }
    if (first_only)
        return captions == 1 && caption_at == 1;
    return captions == 0 || (captions == 1 && (caption_at == 1 || caption_at == at));
}

/* dl: groups of terms then descriptions, starting with a term and ending
 * with a description. */
static bool groups_fit(const rd_node *element)
{
    const char *first = NULL, *last = NULL;
    for (const rd_node *c = element->first_child; c; c = c->next) {
        const char *kind = child_kind(c);
        if (kind && !*kind)
            continue;
        if (!first)
            first = kind;
        last = kind;
    }
    return !first || (is_named(first, "dt") && is_named(last, "dd"));
}

static int child_rule_of(const char *name)
{
    for (size_t k = 0; name && k < sizeof child_rules / sizeof child_rules[0]; k++)
        if (strcasecmp(child_rules[k].parent, name) == 0)
            return (int)k;
    return -1;
}

/* The direct children of one restricted container. */
static bool own_children_fit(int rule, const char *name, const rd_node *element)
{
    for (const rd_node *c = element->first_child; c; c = c->next) {
        const char *kind = child_kind(c);
        if (kind && !*kind)
            continue;
        if (!kind || !in_list(child_rules[rule].children, kind))
            return false;
    }
    return strcasecmp(name, "dl") != 0 || groups_fit(element);
}

bool rd_html_children_fit(const char *name, const rd_node *element)
{
    if (strcasecmp(name, "details") == 0)
        return caption_fits(element, "summary", true);
    if (strcasecmp(name, "figure") == 0)
        return caption_fits(element, "figcaption", false);
    if (child_rule_of(name) < 0)
        return true;
    /* A table fits only if its sections and rows fit too: a row that is
     * written without its tags would leave its cells in the section. */
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, (rd_node *)element);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER)
            continue;
        const char *kind = n == element ? name : child_kind(n);
        int rule = child_rule_of(kind);
        if (rule < 0)
            rd_iter_skip_children(&it);
        else if (!own_children_fit(rule, kind, n))
            return false;
    }
    return true;
}

/* ----------------------------------------------------------- attributes */

typedef enum {
    ATTR_TEXT,          /* any text */
    ATTR_URL,           /* a link target, scheme checked */
    ATTR_IMAGE_URL,     /* an image source: data:image/ allowed too */
    ATTR_SIZE,          /* a number of pixels ("250", "155.14" → 155) */
    ATTR_COUNT,         /* a positive integer */
    ATTR_INTEGER,       /* an integer */
    ATTR_BOOL,          /* present or absent */
    ATTR_DIR,           /* ltr, rtl, auto */
    ATTR_LIST_TYPE,     /* 1 a A i I */
    ATTR_SCOPE,         /* row col rowgroup colgroup */
    ATTR_ALIGN          /* written as a text-align style */
} attr_type;

typedef struct {
    const char *elements;    /* " a img " or NULL for any element */
    const char *name;
    attr_type type;
} attr_rule;

static const attr_rule attr_rules[] = {
    { NULL, "title", ATTR_TEXT },
    { NULL, "lang", ATTR_TEXT },
    { NULL, "dir", ATTR_DIR },
    { " a ", "href", ATTR_URL },
    { " img ", "src", ATTR_IMAGE_URL },
    { " img ", "alt", ATTR_TEXT },
    { " img ", "width", ATTR_SIZE },
    { " img ", "height", ATTR_SIZE },
    { " td th ", "colspan", ATTR_COUNT },
    { " td th ", "rowspan", ATTR_COUNT },
    { " th ", "scope", ATTR_SCOPE },
    { " col colgroup ", "span", ATTR_COUNT },
    { " ol ", "start", ATTR_INTEGER },
    { " ol ", "reversed", ATTR_BOOL },
    { " ol ", "type", ATTR_LIST_TYPE },
    { " li ", "value", ATTR_INTEGER },
    { " blockquote q del ins ", "cite", ATTR_URL },
    { " del ins ", "datetime", ATTR_TEXT },
    { " abbr ", "title", ATTR_TEXT },
    { " details ", "open", ATTR_BOOL },
    { " div p h1 h2 h3 h4 h5 h6 td th ", "align", ATTR_ALIGN },
};

static const attr_rule *attr_rule_of(const char *element, const char *name)
{
    for (size_t i = 0; i < sizeof attr_rules / sizeof attr_rules[0]; i++) {
        const attr_rule *r = &attr_rules[i];
        if (strcasecmp(r->name, name) == 0 &&
            (!r->elements || in_list(r->elements, element)))
            return r;
    }
    return NULL;
}

/* The digits of a number, or NULL when the value is not one. */
static bool digits_of(const char *v, bool allow_sign, bool allow_fraction,
                      char *out, size_t cap)
{
    size_t n = 0;
    while (*v == ' ')
        v++;
    if (allow_sign && *v == '-' && n + 1 < cap)
        out[n++] = *v++;
    size_t first = n;
    while (*v >= '0' && *v <= '9' && n + 1 < cap)
        out[n++] = *v++;
    if (allow_fraction && *v == '.') {
        v++;
        while (*v >= '0' && *v <= '9')
            v++;
    }
    while (*v == ' ')
        v++;
    out[n] = '\0';
    return n > first && *v == '\0';
}

static bool one_of(const char *v, const char *const *values)
{
    for (; *values; values++)
        if (strcasecmp(v, *values) == 0)
            return true;
    return false;
}

static void put_attr(rd_buf *out, const char *name, const char *value,
                     rd_esc_mode mode)
{
    rd_buf_putc(out, ' ');
    rd_buf_puts(out, name);
    rd_buf_puts(out, "=\"");
    rd_html_escape_str(out, value, mode);
    rd_buf_putc(out, '"');
}

static void write_checked_attr(rd_buf *out, const char *name, const char *v,
                               attr_type type)
{
    static const char *const dirs[] = { "ltr", "rtl", "auto", NULL };
    static const char *const scopes[] = { "row", "col", "rowgroup", "colgroup", NULL };
    static const char *const aligns[] = { "left", "center", "right", "justify", NULL };
    static const char *const list_types[] = { "1", "a", "i", NULL };
    char num[24];
    switch (type) {
    case ATTR_TEXT:
        put_attr(out, name, v, RD_ESC_ATTR);
        break;
    case ATTR_URL:
    case ATTR_IMAGE_URL:
        if (*v && rd_html_url_is_safe(v, type == ATTR_IMAGE_URL))
            put_attr(out, name, v, RD_ESC_URL);
        break;
    case ATTR_SIZE:
    case ATTR_COUNT:
    case ATTR_INTEGER:
        if (digits_of(v, type == ATTR_INTEGER, type == ATTR_SIZE, num, sizeof num) &&
            (type != ATTR_COUNT || strtoul(num, NULL, 10) > 0))
            put_attr(out, name, num, RD_ESC_ATTR);
        break;
    case ATTR_BOOL:
        rd_buf_putc(out, ' ');
        rd_buf_puts(out, name);
        break;
    case ATTR_DIR:
    case ATTR_SCOPE:
        if (one_of(v, type == ATTR_DIR ? dirs : scopes))
            put_attr(out, name, v, RD_ESC_ATTR);
        break;
    case ATTR_LIST_TYPE:
        /* case matters here: "a" and "A" differ */
        if (one_of(v, list_types))
            put_attr(out, name, v, RD_ESC_ATTR);
        break;
    case ATTR_ALIGN:
        if (one_of(v, aligns)) {
            rd_buf_puts(out, " style=\"text-align: ");
            for (const char *c = v; *c; c++)
                rd_buf_putc(out, (char)(*c | 0x20));
            rd_buf_putc(out, '"');
        }
        break;
    }
}

/* Only the first of several attributes of the same name counts, as for
 * a browser. */
static bool seen_before(const rd_attr *attrs, const rd_attr *a)
{
    for (const rd_attr *b = attrs; b != a; b = b->next)
        if (strcasecmp(b->name, a->name) == 0)
            return true;
    return false;
}

void rd_html_write_attrs(rd_buf *out, const char *element, const rd_attr *attrs)
{
    bool has_alt = false;
    for (const rd_attr *a = attrs; a; a = a->next) {
        if (!a->name || !a->value || seen_before(attrs, a))
            continue;
        const attr_rule *r = attr_rule_of(element, a->name);
        if (!r)
            continue;
        has_alt |= strcmp(r->name, "alt") == 0;
        write_checked_attr(out, r->name, a->value, r->type);
    }
    if (strcmp(element, "img") == 0 && !has_alt)
        rd_buf_puts(out, " alt=\"\"");
}
