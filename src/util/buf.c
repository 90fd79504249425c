/* Growable byte strings used by every emitter, and the growth of the
 * arrays that lists are made of. */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rd_buf_init(rd_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void rd_buf_free(rd_buf *b)
{
    free(b->data);
    rd_buf_init(b);
}

static void buf_reserve(rd_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = rd_xrealloc(b->data, cap);
    b->data = p;
    b->cap = cap;
}

void rd_buf_reserve(rd_buf *b, size_t extra)
{
    buf_reserve(b, extra);
}

void rd_buf_put(rd_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rd_buf_puts(rd_buf *b, const char *s)
{
    rd_buf_put(b, s, strlen(s));
}

void rd_buf_putc(rd_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void rd_buf_vprintf(rd_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        rd_buf_put(b, small, (size_t)n);
    } else if (n >= 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void rd_buf_printf(rd_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rd_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *rd_buf_detach(rd_buf *b, size_t *len)
{
    if (!b->data)
        rd_buf_put(b, "", 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    rd_buf_init(b);
    return p;
}

void rd_array_reserve(void *items, size_t *cap, size_t need, size_t size)
{
    void **p = items;
    if (need <= *cap)
        return;
    size_t bigger = *cap ? *cap : 8;
    while (bigger < need)
        bigger *= 2;
    void *grown = rd_xrealloc(*p, bigger * size);
    *p = grown;
    *cap = bigger;
}

void rd_array_push(void *items, size_t *len, size_t *cap, const void *item,
                   size_t size)
{
    rd_array_reserve(items, cap, *len + 1, size);
    memcpy((char *)*(void **)items + *len * size, item, size);
    (*len)++;
}
