/* Checks of what roledoc writes, independent of the code that writes it:
 * libxml2 reads the XML back; HTML and JSON are read by the small strict
 * readers below, which walk without recursion so that deep outputs cannot
 * exhaust the stack. */
#include "wellformed.h"

#include <libxml/parser.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ UTF-8 */

/* Well-formed UTF-8 (Unicode table 3-7): no overlong forms, surrogates or
 * code points past U+10FFFF. */
const char *rd_check_utf8(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2
                 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > len)
            return "invalid UTF-8";
        unsigned char lo = 0x80, hi = 0xBF;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
        if (n > 1 && (u[i + 1] < lo || u[i + 1] > hi))
            return "invalid UTF-8";
        for (size_t k = 2; k < n; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                return "invalid UTF-8";
        i += n;
    }
    return NULL;
}

/* -------------------------------------------------------------------- XML */

const char *rd_check_xml(const char *s, size_t len)
{
    if (len > (size_t)INT_MAX)
        return "XML output too large to check";
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return "no memory for the XML parser";
    /* HUGE lifts libxml2's depth limit (256): the tree may be that deep,
     * and every output element can add a level or two. */
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, s, (int)len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_HUGE |
                                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    bool ok = doc && ctxt->wellFormed;
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return ok ? NULL : "XML not well-formed";
}

/* ------------------------------------------------------------------- HTML */

typedef struct {
    const char *s;
    size_t len, i;
} cursor;

static bool at_end(const cursor *c)
{
    return c->i >= c->len;
}

static char peek(const cursor *c)
{
    return at_end(c) ? '\0' : c->s[c->i];
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_hex(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static void skip_spaces(cursor *c)
{
    while (!at_end(c) && is_space(peek(c)))
        c->i++;
}

/* Index of needle in s[from..len), or len. */
static size_t find(const cursor *c, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= c->len; i++)
        if (strncasecmp(c->s + i, needle, n) == 0)
            return i;
    return c->len;
}

static bool name_is(const char *name, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(*list, name, n) == 0)
            return true;
    return false;
}

static bool is_void(const char *name, size_t n)
{
    static const char *const voids[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr", NULL
    };
    return name_is(name, n, voids);
}

static bool is_raw_text(const char *name, size_t n)
{
    static const char *const raw[] = { "script", "style", NULL };
    return name_is(name, n, raw);
}

/* A character reference: &name; &#123; or &#x1F;. */
static const char *read_reference(cursor *c)
{
    c->i++;     /* '&' */
    size_t start = c->i;
    if (peek(c) == '#') {
        c->i++;
        bool hex = peek(c) == 'x' || peek(c) == 'X';
        if (hex)
            c->i++;
        size_t digits = c->i;
        while (!at_end(c) && (hex ? is_hex(peek(c)) : is_digit(peek(c))))
            c->i++;
        if (c->i == digits)
            return "'&#' without digits";
    } else {
        while (!at_end(c) && (is_alpha(peek(c)) || is_digit(peek(c))))
            c->i++;
        if (c->i == start)
            return "unescaped '&'";
    }
    if (peek(c) != ';')
        return "character reference without ';'";
    c->i++;
    return NULL;
}

static size_t read_name(cursor *c)
{
    size_t start = c->i;
    while (!at_end(c) && (is_alpha(peek(c)) || is_digit(peek(c)) ||
                          peek(c) == '-'))
        c->i++;
    return c->i - start;
}

/* Attributes up to the tag's '>' (or '/>'); sets *self_closing. */
static const char *read_attributes(cursor *c, bool *self_closing)
{
    *self_closing = false;
    for (;;) {
        skip_spaces(c);
        if (at_end(c))
            return "unterminated tag";
        if (peek(c) == '>') {
            c->i++;
            return NULL;
        }
        if (peek(c) == '/' && c->i + 1 < c->len && c->s[c->i + 1] == '>') {
            c->i += 2;
            *self_closing = true;
            return NULL;
        }
        size_t start = c->i;
        while (!at_end(c) && !is_space(peek(c)) && peek(c) &&
               !strchr("\"'<>/=", peek(c)))
            c->i++;
        if (c->i == start)
            return "malformed attribute";
        skip_spaces(c);
        if (peek(c) != '=')
            continue;
        c->i++;
        skip_spaces(c);
        char q = peek(c);
        if (q != '"' && q != '\'')
            return "unquoted attribute value";
        size_t close = c->i + 1;
        while (close < c->len && c->s[close] != q) {
            if (c->s[close] == '<')
                return "'<' in an attribute value";
            close++;
        }
        if (close >= c->len)
            return "unterminated attribute value";
        c->i = close + 1;
    }
}

typedef struct {
    const char **names;
    size_t *lens;
    size_t len, cap;
} tag_stack;

static void push_tag(tag_stack *st, const char *name, size_t n)
{
    if (st->len == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->names = realloc(st->names, st->cap * sizeof *st->names);
        st->lens = realloc(st->lens, st->cap * sizeof *st->lens);
        if (!st->names || !st->lens)
            abort();
    }
    st->names[st->len] = name;
    st->lens[st->len++] = n;
}

static const char *read_end_tag(cursor *c, tag_stack *st)
{
    c->i += 2;
    const char *name = c->s + c->i;
    size_t n = read_name(c);
    skip_spaces(c);
    if (n == 0 || peek(c) != '>')
        return "malformed end tag";
    c->i++;
    if (st->len == 0)
        return "end tag with no element open";
    st->len--;
    if (st->lens[st->len] != n || strncasecmp(st->names[st->len], name, n) != 0)
        return "end tag does not match the open element";
    return NULL;
}

static const char *read_start_tag(cursor *c, tag_stack *st)
{
    c->i++;
    const char *name = c->s + c->i;
    size_t n = read_name(c);
    bool self_closing;
    const char *fault = read_attributes(c, &self_closing);
    if (fault)
        return fault;
    if (is_void(name, n) || self_closing)
        return NULL;
    if (is_raw_text(name, n)) {
        /* Its text runs to its end tag, which is read as usual. */
        char end[16];
        snprintf(end, sizeof end, "</%.*s", (int)n, name);
        c->i = find(c, c->i, end);
        if (at_end(c))
            return "unclosed script or style";
    }
    push_tag(st, name, n);
    return NULL;
}

/* Markup starting at '<'. */
static const char *read_markup(cursor *c, tag_stack *st)
{
    const char *s = c->s + c->i;
    size_t left = c->len - c->i;
    if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
        size_t end = find(c, c->i + 4, "-->");
        if (end == c->len)
            return "unterminated comment";
        c->i = end + 3;
        return NULL;
    }
    if (left >= 2 && s[1] == '!') {
        size_t end = find(c, c->i, ">");
        if (end == c->len)
            return "unterminated declaration";
        c->i = end + 1;
        return NULL;
    }
    if (left >= 3 && s[1] == '/' && is_alpha(s[2]))
        return read_end_tag(c, st);
    if (left >= 2 && is_alpha(s[1]))
        return read_start_tag(c, st);
    return "unescaped '<' in text";
}

/* Every element is closed, in order; text escapes '<' and '&'. Stricter
 * than HTML5 (which lets some end tags be omitted), as roledoc writes. */
const char *rd_check_html(const char *s, size_t len)
{
    cursor c = { s, len, 0 };
    tag_stack st = { 0 };
    const char *fault = NULL;
    while (!fault && !at_end(&c)) {
        char ch = peek(&c);
        if (ch == '<')
            fault = read_markup(&c, &st);
        else if (ch == '&')
            fault = read_reference(&c);
        else
            c.i++;
    }
    if (!fault && st.len)
        fault = "element left open";
    free(st.names);
    free(st.lens);
    return fault;
}

/* ------------------------------------------------------------------- JSON */

static const char *read_json_string(cursor *c)
{
    if (peek(c) != '"')
        return "string expected";
    for (c->i++; !at_end(c); c->i++) {
        unsigned char ch = (unsigned char)peek(c);
        if (ch == '"') {
            c->i++;
            return NULL;
        }
        if (ch < 0x20)
            return "control character in a string";
        if (ch != '\\')
            continue;
        c->i++;
        char e = peek(c);
        if (e == 'u') {
            for (int k = 0; k < 4; k++) {
                c->i++;
                if (!is_hex(peek(c)))
                    return "bad \\u escape";
            }
        } else if (!e || !strchr("\"\\/bfnrt", e)) {
            return "bad escape";
        }
    }
    return "unterminated string";
}

static const char *read_json_number(cursor *c)
{
    if (peek(c) == '-')
        c->i++;
    if (peek(c) == '0') {
        c->i++;
    } else if (is_digit(peek(c))) {
        while (is_digit(peek(c)))
            c->i++;
    } else {
        return "bad number";
    }
    if (peek(c) == '.') {
        c->i++;
        if (!is_digit(peek(c)))
            return "bad number";
        while (is_digit(peek(c)))
            c->i++;
    }
    if (peek(c) == 'e' || peek(c) == 'E') {
        c->i++;
        if (peek(c) == '+' || peek(c) == '-')
            c->i++;
        if (!is_digit(peek(c)))
            return "bad number";
        while (is_digit(peek(c)))
            c->i++;
    }
    return NULL;
}

static const char *read_json_scalar(cursor *c)
{
    static const char *const words[] = { "true", "false", "null" };
    char ch = peek(c);
    if (ch == '"')
        return read_json_string(c);
    if (ch == '-' || is_digit(ch))
        return read_json_number(c);
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (c->len - c->i >= n && memcmp(c->s + c->i, words[k], n) == 0) {
            c->i += n;
            return NULL;
        }
    }
    return "value expected";
}

typedef struct {
    char *open;              /* '[' or '{' for each open container */
    size_t len, cap;
} json_stack;

static void json_push(json_stack *st, char open)
{
    if (st->len == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->open = realloc(st->open, st->cap);
        if (!st->open)
            abort();
    }
    st->open[st->len++] = open;
}

typedef enum { WANT_VALUE, WANT_KEY, AFTER_VALUE } json_want;

/* Opens a container, or reads a scalar; returns what comes next. */
static json_want json_value(cursor *c, json_stack *st, const char **fault)
{
    char ch = peek(c);
    if (ch != '[' && ch != '{') {
        *fault = read_json_scalar(c);
        return AFTER_VALUE;
    }
    c->i++;
    skip_spaces(c);
    char close = ch == '[' ? ']' : '}';
    if (peek(c) == close) {
        c->i++;
        return AFTER_VALUE;
    }
    json_push(st, ch);
    return ch == '[' ? WANT_VALUE : WANT_KEY;
}

/* After a value: a comma, the container's end, or the end of the text. */
static json_want json_after(cursor *c, json_stack *st, const char **fault,
                            bool *done)
{
    if (st->len == 0) {
        *done = true;
        if (!at_end(c))
            *fault = "text after the JSON value";
        return AFTER_VALUE;
    }
    char open = st->open[st->len - 1];
    if (peek(c) == ',') {
        c->i++;
        return open == '[' ? WANT_VALUE : WANT_KEY;
    }
    if (peek(c) == (open == '[' ? ']' : '}')) {
        c->i++;
        st->len--;
        return AFTER_VALUE;
    }
    *fault = "',' or the end of a container expected";
    return AFTER_VALUE;
}

const char *rd_check_json(const char *s, size_t len)
{
    cursor c = { s, len, 0 };
    json_stack st = { 0 };
    json_want want = WANT_VALUE;
    const char *fault = NULL;
    bool done = false;
    while (!fault && !done) {
        skip_spaces(&c);
        switch (want) {
        case WANT_VALUE:
            want = json_value(&c, &st, &fault);
            break;
        case WANT_KEY:
            fault = read_json_string(&c);
            skip_spaces(&c);
            if (!fault && peek(&c) != ':')
                fault = "':' expected";
            c.i++;
            want = WANT_VALUE;
            break;
        case AFTER_VALUE:
            want = json_after(&c, &st, &fault, &done);
            break;
        }
    }
    free(st.open);
    return fault;
}

/* ---------------------------------------------------------- safe HTML */

/* Elements that run, embed or redirect: none may reach sanitised output. */
static bool is_unsafe_element(const char *name, size_t n)
{
    static const char *const names[] = {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet",
        "base", "form", "meta", "link", "style", "portal", "noscript",
        "template", "svg", "math", NULL
    };
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
            return true;
    return false;
}

static bool is_url_attribute(const char *name, size_t n)
{
    static const char *const names[] = {
        "href", "src", "action", "formaction", "data", "xlink:href", "poster",
        "background", "srcdoc", "cite", "ping", "srcset", "codebase", NULL
    };
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
            return true;
    return false;
}

/* The value as a browser reads it for its scheme: character references
 * of ASCII decoded, controls and blanks dropped, lower case. */
static void url_scheme_form(const char *v, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned long c = (unsigned char)v[i];
        if (c == '&' && i + 1 < n && v[i + 1] == '#') {
            size_t j = i + 2;
            int base = j < n && (v[j] == 'x' || v[j] == 'X') ? 16 : 10;
            j += base == 16;
            char *end;
            c = strtoul(v + j, &end, base);
            i = (size_t)(end - v) - 1;
            if (i + 1 < n && v[i + 1] == ';')
                i++;
        }
        if (c <= 0x20 || c == 0x7F)
            continue;
        out[o++] = (char)(c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : '?');
    }
    out[o] = '\0';
}

static bool is_unsafe_url(const char *element, size_t en, const char *v, size_t n)
{
    char form[64];
    url_scheme_form(v, n, form, sizeof form);
    if (!strncmp(form, "javascript:", 11) || !strncmp(form, "vbscript:", 9))
        return true;
    if (strncmp(form, "data:", 5) != 0)
        return false;
    return !(en == 3 && strncasecmp(element, "img", 3) == 0 &&
             strncmp(form, "data:image/", 11) == 0);
}

/* The attributes of the start tag whose name ends at s[*i]. */
static const char *check_attributes_safe(const char *s, size_t len, size_t *i,
                                         const char *element, size_t en)
{
    while (*i < len && s[*i] != '>') {
        while (*i < len && (s[*i] == ' ' || s[*i] == '/'))
            (*i)++;
        size_t start = *i;
        while (*i < len && !strchr(" =>/", s[*i]))
            (*i)++;
        size_t an = *i - start;
        if (an >= 2 && strncasecmp(s + start, "on", 2) == 0)
            return "event handler attribute in sanitised HTML";
        if (*i >= len || s[*i] != '=')
            continue;
        char q = *i + 1 < len ? s[*i + 1] : 0;
        size_t v = *i + 2, close = v;
        while (close < len && s[close] != q)
            close++;
        if (is_url_attribute(s + start, an) && is_unsafe_url(element, en, s + v, close - v))
            return "dangerous URL in sanitised HTML";
        *i = close + 1;
    }
    return NULL;
}

const char *rd_check_html_safe(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '<' || i + 1 >= len || !is_alpha(s[i + 1]))
            continue;
        const char *name = s + i + 1;
        size_t n = 0;
        while (i + 1 + n < len && !strchr(" />", name[n]))
            n++;
        if (is_unsafe_element(name, n))
            return "element that runs or embeds code in sanitised HTML";
        i += 1 + n;
        const char *fault = check_attributes_safe(s, len, &i, name, n);
        if (fault)
            return fault;
    }
    return NULL;
}
