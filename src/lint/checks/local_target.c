/* local-target: relative links, images, content-ref urls and file srcs
 * point to files that exist. A page moved or renamed in a GitBook space
 * leaves such links behind, and GitBook shows them as broken only once
 * published.
 *
 * A target is resolved as a browser would from the page's directory: the
 * #fragment and ?query are dropped, %XX escapes decoded. A directory counts
 * when it holds a README.md (GitBook's page for a directory). Targets with a
 * scheme (https:, mailto:, …), protocol-relative ones (//host), anchors
 * within the page (#…) and root-relative ones (/…, whose root depends on
 * how the space is published) are not local files and are left alone, and
 * so are GitBook's heading anchors (<a href="x" id="x">). A
 * page read from standard input has no directory: its targets are not
 * checked, rather than resolved against wherever the command runs. The
 * linter's target lookup, when set, is asked before the disk (an editor
 * knows of pages not saved yet).
 *
 * One finding per problem: GitBook writes a content-ref with a link to the
 * same target inside it, for readers that do not draw the block; that
 * link is the content-ref's own target, reported (or not) on the block.
 *
 * Message placeholders: {target} (as written), {what} (link, image,
 * content-ref, file).
 */
#include "check.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

/* "scheme:" as RFC 3986 spells it: a letter, then letters, digits, + - . */
static int has_scheme(const char *url)
{
    if (!isalpha((unsigned char)url[0]))
        return 0;
    const char *p = url + 1;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

static int is_local(const char *url)
{
    if (!url || !*url || url[0] == '#' || url[0] == '/' || url[0] == '?')
        return 0;
    return !has_scheme(url);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Appends the path part of url (before any '#' or '?'), %XX decoded; a '%'
 * not followed by two hex digits stays as it is. */
static void append_decoded_path(rd_buf *out, const char *url)
{
    size_t len = strcspn(url, "#?"), i = 0;
    while (i < len) {
        const char *percent = memchr(url + i, '%', len - i);
        size_t plain = percent ? (size_t)(percent - url) - i : len - i;
        rd_buf_put(out, url + i, plain);
        i += plain;
        if (i == len)
            break;
        int hi, lo;
        if (i + 2 < len && (hi = hex_value(url[i + 1])) >= 0 &&
            (lo = hex_value(url[i + 2])) >= 0) {
            rd_buf_putc(out, (char)(hi * 16 + lo));
            i += 3;
        } else {
            rd_buf_putc(out, '%');
            i++;
        }
    }
}

/* Appends the directory of the page, with its trailing slash ("" for a
 * page in the current directory). */
static void append_page_dir(rd_buf *out, const char *page)
{
    const char *slash = strrchr(page, '/');
    if (slash)
        rd_buf_put(out, page, (size_t)(slash - page) + 1);
}

static int target_exists(const rd_check_ctx *ctx, const char *path)
{
    int known = ctx->target_lookup ? ctx->target_lookup(ctx->target_data, path) : -1;
    if (known >= 0)
        return known;
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return 1;
    rd_buf readme;
    rd_buf_init(&readme);
    rd_buf_puts(&readme, path);
    if (readme.len && readme.data[readme.len - 1] != '/')
        rd_buf_putc(&readme, '/');
    rd_buf_puts(&readme, "README.md");
    int found = stat(readme.data, &st) == 0 && S_ISREG(st.st_mode);
    rd_buf_free(&readme);
    return found;
}

/* What kind of reference a node is, or NULL when it carries no target this
 * rule checks. */
static const char *reference_kind(const rd_node *n)
{
    switch (n->type) {
    case RD_NODE_LINK:
        return "link";
    case RD_NODE_IMAGE:
        return "image";
    case RD_NODE_LIQUID:
        if (n->liquid == RD_LIQUID_CONTENT_REF || n->liquid == RD_LIQUID_FILE)
            return n->name;
        return NULL;
    default:
        return NULL;
    }
}

/* GitBook writes heading anchors as <a href="x" id="x"></a>: the href is
 * the anchor's own name, which GitBook serves as #x, not a file. */
static int is_self_anchor(const rd_node *n)
{
    if (n->type != RD_NODE_LINK || !(n->flags & RD_FLAG_HTML))
        return 0;
    const char *id = rd_node_attr(n, "id");
    if (!id)
        id = rd_node_attr(n, "name");
    return id && strcmp(id, n->url) == 0;
}

/* A link inside a content-ref block that points where the block does. */
static int repeats_content_ref(const rd_node *n)
{
    if (n->type != RD_NODE_LINK)
        return 0;
    for (const rd_node *p = n->parent; p; p = p->parent)
        if (p->type == RD_NODE_LIQUID && p->liquid == RD_LIQUID_CONTENT_REF)
            return p->url && strcmp(p->url, n->url) == 0;
    return 0;
}

static bool is_file(const char *dir, size_t dir_len, const char *name)
{
    rd_buf p;
    rd_buf_init(&p);
    rd_buf_put(&p, dir, dir_len);
    rd_buf_puts(&p, name);
    struct stat st;
    bool found = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
    rd_buf_free(&p);
    return found;
}

/* The root of the page's space, with its trailing slash, in `root`: the
 * nearest folder at or above the page's that holds SUMMARY.md or
 * .gitbook.yaml ("" when that is the current folder). False when there is
 * none: then a root-relative link is left alone. */
static bool space_root(const char *page, rd_buf *root)
{
    append_page_dir(root, page);
    for (;;) {
        if (is_file(root->data ? root->data : "", root->len, "SUMMARY.md") ||
            is_file(root->data ? root->data : "", root->len, ".gitbook.yaml"))
            return true;
        if (root->len == 0 || (root->len == 1 && root->data[0] == '/'))
            return false;
        root->len--;                          /* the trailing slash */
        while (root->len && root->data[root->len - 1] != '/')
            root->len--;
        if (root->len >= 3 && memcmp(root->data + root->len - 3, "../", 3) == 0)
            return false;                     /* not above where we stand */
    }
}

/* Where a target is looked for: the page's folder, or for a root-relative
 * target ("/guide/a.md", as GitBook reads it) the space's root. False when
 * the target is not one this rule checks. */
static bool target_base(const rd_check_ctx *ctx, const char *url, rd_buf *path)
{
    if (is_local(url)) {
        append_page_dir(path, ctx->path);
        return true;
    }
    if (!url || url[0] != '/' || url[1] == '/' || !space_root(ctx->path, path))
        return false;
    if (path->len == 0)
        rd_buf_puts(path, ".");               /* the root is where we stand */
    else
        path->data[--path->len] = '\0';      /* the url brings its '/' */
    return true;
}

static void check_target(rd_check_ctx *ctx, const rd_node *n, const char *what)
{
    if (is_self_anchor(n) || repeats_content_ref(n))
        return;
    rd_buf path;
    rd_buf_init(&path);
    if (!target_base(ctx, n->url, &path)) {
        rd_buf_free(&path);
        return;
    }
    size_t dir_len = path.len;
    append_decoded_path(&path, n->url);
    if (path.len > dir_len && !target_exists(ctx, path.data)) {
        const char *const vars[] = { "target", n->url, "what", what, NULL };
        rd_check_report(ctx, n, vars);
    }
    rd_buf_free(&path);
}

void rd_check_local_target(rd_check_ctx *ctx)
{
    if (!ctx->path || strcmp(ctx->path, "-") == 0)
        return;
    static const rd_node_type reference_types[] = {
        RD_NODE_LINK, RD_NODE_IMAGE, RD_NODE_LIQUID
    };
    for (size_t t = 0; t < sizeof reference_types / sizeof *reference_types; t++) {
        rd_node_span nodes = rd_check_nodes(ctx, reference_types[t]);
        for (size_t i = 0; i < nodes.len; i++) {
            const char *what = reference_kind(nodes.nodes[i]);
            if (what)
                check_target(ctx, nodes.nodes[i], what);
        }
    }
}
