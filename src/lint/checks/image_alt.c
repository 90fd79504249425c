/* image-alt: every image, Markdown or HTML, has a non-empty alternative
 * text, unless the page marks it as decorative. Screen readers read the alt
 * text in place of the image; an empty one says nothing of what it shows.
 *
 * Parameters:
 *   decorative   blank-separated NAME=VALUE pairs: an HTML image with one of
 *                these attributes (names and values compared without regard
 *                to case) is decorative, e.g.
 *                "role=presentation role=none aria-hidden=true"
 *
 * Findings point at the image itself: the "!" of a Markdown image, the "<"
 * of an <img> tag.
 *
 * Message placeholders: {src} (the image's source).
 */
#include "check.h"

#include <string.h>
#include <strings.h>

static int is_blank_text(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (!strchr(" \t\r\n\f\v", *s))
            return 0;
    return 1;
}

/* Whether one NAME=VALUE entry of the decorative list (entry[0..len))
 * matches an attribute of the image. */
static int entry_matches(const char *entry, size_t len, const void *data)
{
    const rd_node *image = data;
    const char *eq = memchr(entry, '=', len);
    if (!eq)
        return 0;
    size_t name_len = (size_t)(eq - entry);
    size_t value_len = len - name_len - 1;
    for (const rd_attr *a = image->attrs; a; a = a->next) {
        if (strlen(a->name) != name_len ||
            strncasecmp(a->name, entry, name_len) != 0)
            continue;
        const char *v = a->value ? a->value : "";
        if (strlen(v) == value_len && strncasecmp(v, eq + 1, value_len) == 0)
            return 1;
    }
    return 0;
}

static int is_decorative(const rd_node *image, const char *markers)
{
    if (!markers || !(image->flags & RD_FLAG_HTML))
        return 0;
    return rd_check_any_word(markers, entry_matches, image);
}

void rd_check_image_alt(rd_check_ctx *ctx)
{
    const char *markers = rd_rule_param(ctx->rule, "decorative");
    rd_node_span images = rd_check_nodes(ctx, RD_NODE_IMAGE);
    for (size_t i = 0; i < images.len; i++) {
        const rd_node *n = images.nodes[i];
        if (!is_blank_text(n->alt) || is_decorative(n, markers))
            continue;
        const char *const vars[] = { "src", n->url ? n->url : "", NULL };
        rd_check_report(ctx, n, vars);
    }
}
