/* The one checked allocator: every allocation of the library and the
 * program goes through these, which abort the program when memory runs
 * out (roledoc.h says so), so that no caller checks for NULL. Arrays grow
 * with rd_array_reserve (buf.c). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void *checked(void *p)
{
    if (!p)
        abort();
    return p;
}

void *rd_xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1));
}

void *rd_xcalloc(size_t count, size_t size)
{
    return checked(calloc(count ? count : 1, size ? size : 1));
}

void *rd_xrealloc(void *p, size_t size)
{
    return checked(realloc(p, size ? size : 1));
}

char *rd_xstrdup(const char *s)
{
    return checked(strdup(s));
}

char *rd_xstrndup(const char *s, size_t n)
{
    return checked(strndup(s, n));
}
