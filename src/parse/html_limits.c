/* What raw HTML may hold before libxml2 reads it. libxml2's HTML parser
 * compares each attribute of a tag with every one before it, and appends
 * each to the end of a list it walks: a tag of 100,000 attributes takes
 * minutes. Past RD_HTML_MAX_ATTRIBUTES (256), the attributes of a tag are blanked
 * (spaces, line breaks kept) before the fragment is parsed, so that every
 * position stays where it was; the page gets a finding. */
#include "internal.h"

#include <stdint.h>
#include <string.h>

static bool is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool ends_name(char c)
{
    return is_html_space(c) || c == '>' || c == '/' || c == '=';
}

/* The end of the attribute value at s[i] (quoted or not). */
static size_t value_end(const char *s, size_t len, size_t i)
{
    if (i < len && (s[i] == '"' || s[i] == '\'')) {
        const char *close = memchr(s + i + 1, s[i], len - i - 1);
        return close ? (size_t)(close - s) + 1 : len;
    }
    while (i < len && !is_html_space(s[i]) && s[i] != '>')
        i++;
    return i;
}

/* The end of the attribute starting at s[i] (its name, '=' and value). */
static size_t attribute_end(const char *s, size_t len, size_t i)
{
    i++;                      /* a name is at least one character, even '=' */
    while (i < len && !ends_name(s[i]))
        i++;
    size_t j = i;
    while (j < len && is_html_space(s[j]))
        j++;
    if (j >= len || s[j] != '=')
        return i;
    j++;
    while (j < len && is_html_space(s[j]))
        j++;
    return value_end(s, len, j);
}

/* Just past the "-->" that closes a comment whose body starts at s[i]. */
static size_t comment_end(const char *s, size_t len, size_t i)
{
    for (; i + 2 < len; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return i + 3;
    return len;
}

static void blank(char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != '\n' && s[i] != '\r')
            s[i] = ' ';
}

/* Reads the tag whose name starts at s[i]; returns where it ends. Sets
 * *capped when it had too many attributes (blanked past the limit). */
static size_t cap_tag(char *s, size_t len, size_t i, unsigned max, bool *capped)
{
    while (i < len && !ends_name(s[i]))
        i++;
    unsigned count = 0;
    for (;;) {
        while (i < len && (is_html_space(s[i]) || s[i] == '/'))
            i++;
        if (i >= len || s[i] == '>')
            return i;
        size_t end = attribute_end(s, len, i);
        if (++count > max) {
            blank(s, i, end);
            *capped = true;
        }
        i = end;
    }
}

size_t rd_html_cap_attributes(char *s, size_t len, unsigned max)
{
    size_t first = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '<')
            continue;
        if (i + 3 < len && memcmp(s + i, "<!--", 4) == 0) {
            i = comment_end(s, len, i + 4) - 1;
            continue;
        }
        size_t name = i + 1 + (i + 1 < len && s[i + 1] == '/');
        if (name >= len || !((s[name] | 0x20) >= 'a' && (s[name] | 0x20) <= 'z'))
            continue;
        bool capped = false;
        size_t end = cap_tag(s, len, name, max, &capped);
        if (capped && first == SIZE_MAX)
            first = i;
        i = end;
    }
    return first;
}
