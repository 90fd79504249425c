/* Emphasis written straight after a link: "[A](https://x.org/)**B** c".
 *
 * md4c 0.4.8, with its permissive URL autolinks on (GitBook links bare
 * URLs), reads the link's destination "https://x.org/" as the start of a
 * bare URL that runs on over ")**B", and loses the emphasis that follows
 * the link ("**B c"). Where an inline link's destination is a URL and its
 * closing parenthesis is followed by an emphasis or strike delimiter, the
 * colon after the URL's scheme is hidden in the parser's copy of the input
 * (same length, same offsets): no bare URL starts there, the link is read
 * as a link, and the destination and text are taken from the original
 * bytes, so nothing of the page changes but md4c's misreading. */
#include "internal.h"

#include <string.h>

static bool is_scheme_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* At s (just after "]("): the offset of the colon of "scheme://" when the
 * destination, free of blanks, ends with ")" and an emphasis delimiter;
 * else 0. */
static size_t guarded_colon(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_scheme_char(s[i]))
        i++;
    if (i == 0 || i + 3 > n || s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
        return 0;
    size_t colon = i;
    int depth = 0;
    for (i += 3; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>')
            return 0;
        if (c == '(')
            depth++;
        else if (c == ')' && depth-- == 0)
            return i + 1 < n && strchr("*_~", s[i + 1]) ? colon : 0;
    }
    return 0;
}

size_t rd_link_guard(const char *s, size_t n, char *work)
{
    size_t count = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] != ']' || s[i + 1] != '(')
            continue;
        size_t colon = guarded_colon(s + i + 2, n - i - 2);
        if (!colon)
            continue;
        count++;
        if (work)
            work[i + 2 + colon] = '|';
    }
    return count;
}
