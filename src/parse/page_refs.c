/* Links to other pages of the space shown by their title, as GitBook shows
 * them: a content-ref (or the older page-ref) whose target page is on disk
 * reads as the title of that page, its first level-1 heading, instead of
 * the file name the editor leaves in its link; a page-ref, which holds no
 * link at all, gets one. Targets are read only when they are local paths
 * to regular files (never through a symbolic link), and only their first
 * lines: a page's title never costs parsing the whole page. */
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { TITLE_READ_MAX = 64 * 1024 };

static bool is_local_path(const char *url)
{
    if (!url || !*url || url[0] == '/' || url[0] == '#')
        return false;
    for (const char *s = url; *s && *s != '/'; s++)
        if (*s == ':')
            return false;       /* a scheme: https:, mailto:... */
    return true;
}

/* The page's directory joined to url (its fragment and query dropped). */
static char *target_path(const rd_doc *doc, const char *url)
{
    const char *name = rd_doc_name(doc);
    if (!name || strcmp(name, "-") == 0)
        return NULL;
    const char *slash = strrchr(name, '/');
    size_t dir_len = slash ? (size_t)(slash - name + 1) : 0;
    size_t url_len = strcspn(url, "#?");
    char *path = rd_xmalloc(dir_len + url_len + 1);
    memcpy(path, name, dir_len);
    memcpy(path + dir_len, url, url_len);
    path[dir_len + url_len] = '\0';
    return path;
}

/* The first bytes of a regular file, read without following a link. */
static char *read_start(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (buf = malloc(TITLE_READ_MAX + 1))) {
        ssize_t n = read(fd, buf, TITLE_READ_MAX);
        *len = n > 0 ? (size_t)n : 0;
        buf[*len] = '\0';
    }
    close(fd);
    return buf;
}

/* The text of the first ATX level-1 heading ("# Title"), outside front
 * matter and fenced code, trimmed of its closing hashes. */
static bool find_title(const char *s, size_t len, const char **title, size_t *tlen)
{
    bool front = len >= 3 && strncmp(s, "---", 3) == 0, fence = false;
    size_t pos = front ? 3 : 0;
    while (pos < len) {
        const char *line = s + pos;
        size_t n = strcspn(line, "\r\n");
        if (front || fence) {
            if ((front && n >= 3 && strncmp(line, "---", 3) == 0 && pos) ||
                (fence && n >= 3 && (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0)))
                front = fence = false;
        } else if (n >= 3 && (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0)) {
            fence = true;
        } else if (n >= 2 && line[0] == '#' && (line[1] == ' ' || line[1] == '\t')) {
            size_t a = 2, b = n;
            while (a < b && (line[a] == ' ' || line[a] == '\t'))
                a++;
            while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '#'))
                b--;
            *title = line + a;
            *tlen = b - a;
            return b > a;
        }
        pos += n;
        while (pos < len && (s[pos] == '\r' || s[pos] == '\n'))
            pos++;
    }
    return false;
}

/* The title of the page url names, valid UTF-8 in the arena; NULL when
 * the page is not on disk or has no title. */
static const char *page_title(rd_doc *doc, const char *url)
{
    if (!is_local_path(url))
        return NULL;
    char *path = target_path(doc, url);
    size_t len = 0;
    char *bytes = path ? read_start(path, &len) : NULL;
    const char *t = NULL, *out = NULL;
    size_t tlen = 0;
    if (bytes && find_title(bytes, len, &t, &tlen))
        out = rd_doc_clean_text(doc, t, tlen, &tlen);
    free(bytes);
    free(path);
    return out;
}

static const char *base_name(const char *path)
{
    size_t len = strcspn(path, "#?");
    const char *end = path + len, *s = end;
    while (s > path && s[-1] != '/')
        s--;
    return s < end ? s : path;
}

static rd_node *text_node(rd_doc *doc, const rd_node *at, const char *s, size_t len)
{
    rd_node *t = rd_node_new(doc, RD_NODE_TEXT);
    t->literal = rd_doc_strndup(doc, s, len);
    t->literal_len = len;
    t->line = at->line;
    t->col = at->col;
    t->offset = at->offset;
    return t;
}

/* A page-ref's link: a paragraph holding a link whose text is the title,
 * else the file name. */
static void add_link(rd_doc *doc, rd_node *ref, const char *title)
{
    const char *text = title ? title : base_name(ref->url);
    size_t len = title ? strlen(title) : strcspn(text, "#?");
    rd_node *para = rd_node_new(doc, RD_NODE_PARAGRAPH);
    rd_node *link = rd_node_new(doc, RD_NODE_LINK);
    *para = (rd_node){ .type = RD_NODE_PARAGRAPH, .line = ref->line, .col = ref->col,
                       .offset = ref->offset };
    *link = (rd_node){ .type = RD_NODE_LINK, .line = ref->line, .col = ref->col,
                       .offset = ref->offset, .url = ref->url };
    rd_node_append(ref, para);
    rd_node_append(para, link);
    rd_node_append(link, text_node(doc, ref, text, len));
}

/* The only link of a content-ref, when its text is only the target's file
 * name or path (what GitBook's editor writes). */
static rd_node *file_named_link(const rd_node *ref)
{
    rd_node *para = ref->first_child;
    if (!para || para->next || para->type != RD_NODE_PARAGRAPH)
        return NULL;
    rd_node *link = para->first_child;
    if (!link || link->next || link->type != RD_NODE_LINK || !link->url)
        return NULL;
    rd_node *text = link->first_child;
    if (!text || text->next || text->type != RD_NODE_TEXT)
        return NULL;
    size_t n = text->literal_len;
    const char *base = base_name(link->url);
    bool named = (n == strcspn(base, "#?") && strncmp(text->literal, base, n) == 0) ||
                 (n == strcspn(link->url, "#?") && strncmp(text->literal, link->url, n) == 0);
    return named ? link : NULL;
}

static void title_ref(rd_doc *doc, rd_node *ref)
{
    if (!ref->url || !*ref->url)
        return;
    if (!ref->first_child) {
        add_link(doc, ref, page_title(doc, ref->url));
        return;
    }
    rd_node *link = file_named_link(ref);
    const char *title = link ? page_title(doc, link->url) : NULL;
    if (title) {
        rd_node *text = link->first_child;
        text->literal = title;
        text->literal_len = strlen(title);
    }
}

void rd_page_refs_title(rd_doc *doc, rd_node *root)
{
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_node_list refs = { 0 };
    rd_iter_init(&it, root);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_LIQUID &&
            n->liquid == RD_LIQUID_CONTENT_REF && !(n->flags & RD_FLAG_STRAY_END))
            rd_node_list_add(&refs, n);
    for (size_t i = 0; i < refs.len; i++)
        title_ref(doc, refs.items[i]);
    free(refs.items);
}
