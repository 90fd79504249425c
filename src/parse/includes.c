/* GitBook's reusable content: {% include ".gitbook/includes/contact.md" %}
 * shows the fragment's content where the tag stands.
 *
 * The path is read relative to the page, as GitBook writes it. Only files
 * of the page's space are read: the space's root is the nearest directory
 * above the page that holds a .gitbook directory (the page's own directory
 * when none does), the path may not leave it ("../" past the root, an
 * absolute path), and no part of it below the root may be a symbolic link.
 * A refused or missing fragment is an include-target finding at the tag,
 * and the tag shows nothing.
 *
 * The fragment is parsed as a page of its own (its includes resolved in
 * turn, a few levels deep at most, which also ends any cycle); its blocks
 * become the children of the include node, and the fragment's document is
 * kept, and freed, with the page. Its nodes keep their positions in the
 * fragment: checks leave them alone (the fragment is linted as a file of
 * its own), emitters show them. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_INCLUDE_DEPTH = 8 };

/* The first quoted string of the tag: the fragment's path. */
static char *tag_path(const rd_node *n)
{
    const char *s = n->literal ? n->literal : "";
    const char *q = strpbrk(s, "\"'");
    if (!q)
        return NULL;
    const char *end = strchr(q + 1, *q);
    if (!end || end == q + 1)
        return NULL;
    return strndup(q + 1, (size_t)(end - q - 1));
}

/* path with "." and ".." parts worked out, without looking at the disk;
 * NULL when ".." climbs above where path starts. */
static char *normalize(const char *path)
{
    char *out = rd_xmalloc(strlen(path) + 2);
    size_t len = 0;
    bool absolute = path[0] == '/';
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (len == 0) {
                free(out);
                return NULL;
            }
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--;
        } else {
            if (len > 0 || absolute)
                out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
        }
        p += n;
    }
    out[len] = '\0';
    return out;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *s = rd_xmalloc(a + b + 2);
    memcpy(s, dir, a);
    s[a] = '/';
    memcpy(s + a + 1, name, b + 1);
    return a ? s : strcpy(s, name);
}

/* The space's root for a page in dir (absolute). */
static char *space_root(const char *dir)
{
    char *d = rd_xstrdup(dir);
    for (;;) {
        char *g = join(*d ? d : ".", ".gitbook");
        bool found = is_dir(g);
        free(g);
        if (found)
            return d;
        char *slash = strrchr(d, '/');
        if (d[0] == '\0' || slash == d)
            break;      /* no higher directory, or the file system's root */
        if (slash)
            *slash = '\0';
        else
            d[0] = '\0';   /* the current directory */
    }
    free(d);
    return strdup(dir);
}

/* Whether a part of path below root is a symbolic link, or path is not a
 * regular file. */
static const char *refusal(const char *root, const char *path)
{
    size_t start = strlen(root);
    if (start && (strncmp(path, root, start) != 0 || path[start] != '/'))
        return "it leaves the space";
    char *prefix = rd_xstrdup(path);
    const char *why = NULL;
    for (size_t i = start ? start + 1 : 0; !why; i++) {
        if (prefix[i] != '/' && prefix[i] != '\0')
            continue;
        char c = prefix[i];
        prefix[i] = '\0';
        struct stat st;
        if (lstat(prefix, &st) != 0)
            why = "no such file";
        else if (S_ISLNK(st.st_mode))
            why = "a symbolic link is on its way";
        else if (c == '\0' && !S_ISREG(st.st_mode))
            why = "not a regular file";
        prefix[i] = c;
        if (c == '\0')
            break;
    }
    free(prefix);
    return why;
}

/* The page's directory as an absolute path, or NULL. */
static char *page_dir(const rd_doc *doc)
{
    const char *name = rd_doc_name(doc);
    const char *slash = strrchr(name, '/');
    char *dir = slash ? strndup(name, (size_t)(slash - name + 1)) : strdup(".");
    if (!dir)
        abort();
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

/* The fragment's path on disk, or NULL with *why saying what is wrong. */
static char *resolve(const rd_doc *doc, const char *written, const char **why)
{
    *why = "it leaves the space";
    if (written[0] == '/' || strcmp(rd_doc_name(doc), "-") == 0 ||
        strcmp(rd_doc_name(doc), "<stdin>") == 0)
        return NULL;
    char *dir = page_dir(doc);
    if (!dir)
        return NULL;
    char *root = space_root(dir);
    char *joined = join(dir, written);
    char *path = normalize(joined);
    if (path && !(*why = refusal(root, path)))
        *why = NULL;
    free(dir);
    free(root);
    free(joined);
    if (*why) {
        free(path);
        return NULL;
    }
    return path;
}

static void keep_fragment(rd_doc *doc, rd_doc *fragment)
{
    rd_doc **grown = rd_xrealloc(doc->included, (doc->nincluded + 1) * sizeof *grown);
    doc->included = grown;
    doc->included[doc->nincluded++] = fragment;
}

static void include_one(rd_doc *doc, rd_node *tag)
{
    char *written = tag_path(tag);
    const char *why = "no path given";
    char *path = written ? resolve(doc, written, &why) : NULL;
    rd_parse_options opts = { .flags = doc->flags, .max_depth = doc->max_depth };
    rd_error err;
    rd_doc *fragment = NULL;
    if (path && doc->include_depth >= MAX_INCLUDE_DEPTH)
        why = "includes nested too deep (a cycle?)";
    else if (path)
        fragment = rd_doc_load_included(path, &opts, doc->include_depth + 1, &err);
    if (path && !fragment && doc->include_depth < MAX_INCLUDE_DEPTH)
        why = "it cannot be read";
    if (fragment) {
        keep_fragment(doc, fragment);
        rd_node *root = rd_doc_root(fragment);
        while (root && root->first_child) {
            rd_node *c = root->first_child;
            rd_node_unlink(c);
            rd_node_append(tag, c);
        }
    } else {
        rd_doc_add_diag(doc, "include-target", RD_SEVERITY_ERROR, tag->offset,
                        "include \"%s\" not shown: %s", written ? written : "", why);
    }
    free(written);
    free(path);
}

void rd_includes_resolve(rd_doc *doc)
{
    rd_node_list tags = { 0 };
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, doc->root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_LIQUID &&
            n->liquid == RD_LIQUID_INCLUDE && !(n->flags & RD_FLAG_STRAY_END))
            rd_node_list_add(&tags, n);
    for (size_t i = 0; i < tags.len; i++)
        include_one(doc, tags.items[i]);
    free(tags.items);
}
