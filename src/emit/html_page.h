/* Hooks of the HTML writer for pages that are part of something larger (a
 * site): where links between pages go, and markup around the page's own
 * content (a navigation, previous and next links). */
#ifndef RD_HTML_PAGE_H
#define RD_HTML_PAGE_H

#include "internal.h"

typedef struct {
    /* The href a link of the page gets, or NULL to keep its URL (called
     * with URLs already found safe; raw HTML written --unsafe is not
     * rewritten). */
    const char *(*link)(void *data, const char *url);
    /* Told the text and the id of each heading, as they are written. */
    void (*heading)(void *data, const char *text, const char *id);
    /* Markup written at the end of the head, after <body> (before
     * <main>), at the end of <main>, and after </main>; NULL: none. */
    void (*head)(void *data, rd_buf *out);
    void (*body_start)(void *data, rd_buf *out);
    void (*main_end)(void *data, rd_buf *out);
    void (*body_end)(void *data, rd_buf *out);
    void *data;
} rd_html_hooks;

/* rd_emit_html with hooks (NULL: none); hooks are ignored with
 * opts->fragment, but for links. */
int rd_emit_html_hooked(const rd_doc *doc, const rd_emit_options *opts,
                        const rd_html_hooks *hooks, rd_buf *out);

#endif
