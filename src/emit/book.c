/* Books: a GitBook space, read from its SUMMARY.md, as one DocBook book.
 *
 * SUMMARY.md is Markdown and is read with the page parser: its first
 * level-1 heading ("Table of contents") is its own and titles nothing;
 * each later heading opens a group (a
 * part), a thematic break ends the current group, and the items of its
 * lists name the pages, nested as the lists nest. Top-level items become
 * chapters; nested items become sections inside their parent's chapter
 * (DocBook chapters do not nest), after the parent page's own content.
 *
 * Paths are compared in one form: relative to SUMMARY.md's directory,
 * percent-decoded, with "." and ".." resolved. A link of a page to another
 * page of the book (as GitBook writes them: "page.md", "dir/" for its
 * README.md, "page" without extension) becomes a linkend.
 *
 * The book is titled by --title, else the first heading of the space's
 * README.md, else the name of the space's root folder. An entry of
 * SUMMARY.md that leads out of the space ("../", an absolute path, a
 * symbolic link to elsewhere) is refused and never read. An image of a
 * page is written relative to the directory of the book's file, so that
 * the DocBook tools find it; one missing from the space is a warning at
 * its line in the page.
 *
 * Why one file of this size: reading SUMMARY.md, the tree of pages it gives and the writing of the
 * book share the entries and their ids; each part is a section.
 */
#include "book_items.h"
#include "docbook.h"
#include "html_sanitize.h"
#include "source/space.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct entry entry;
struct entry {
    char *title;            /* the item's text in SUMMARY.md */
    char *target;           /* its link as written, or NULL */
    char *key;              /* normalized path of its page, or NULL when
                               the link is external or absent */
    char *path;             /* where the page is read from */
    uint32_t line, col;     /* of the link (or the item) in SUMMARY.md */
    rd_doc *doc;            /* the page, when it could be read */
    const char *problem;    /* why there is no page: "missing", ... */
    size_t seq;             /* SUMMARY.md order */
    size_t group;           /* index of its group */
    entry *parent, *first_child, *last_child, *next;
};

typedef struct {
    char *title;            /* NULL: pages directly in the book */
    entry *first, *last;
} group;

struct rd_book {
    char *summary_name;     /* SUMMARY.md as given: what findings name */
    char *dir;              /* its directory */
    char *root;             /* its directory's canonical path, or NULL */
    char *out_dir;          /* the book file's directory, canonical */
    char *title;
    rd_parse_options parse;
    group *groups;
    size_t ngroups, groups_cap;
    entry **entries;        /* every entry, in SUMMARY.md order */
    size_t nentries, entries_cap;
    entry **by_key;         /* entries with a page, sorted by key */
    size_t nkeys;
    rd_diag *diags;
    size_t ndiags, diags_cap;
};

static void *grow_array(void *items, size_t *cap, size_t size)
{
    size_t n = *cap ? *cap * 2 : 16;
    void *p = rd_xrealloc(items, n * size);
    *cap = n;
    return p;
}

static char *dup_string(const char *s)
{
    char *d = rd_xstrdup(s ? s : "");
    return d;
}

static char *dup_buf(rd_buf *b)
{
    return dup_string(b->data ? b->data : "");
}

/* ------------------------------------------------------------ findings */

static void add_diag(rd_book *b, const char *file, const char *rule,
                     rd_severity severity, uint32_t line, uint32_t col,
                     const char *message)
{
    if (b->ndiags == b->diags_cap)
        b->diags = grow_array(b->diags, &b->diags_cap, sizeof *b->diags);
    b->diags[b->ndiags++] = (rd_diag){
        .rule = dup_string(rule), .severity = severity,
        .file = dup_string(file), .line = line, .col = col,
        .message = dup_string(message),
    };
}

/* What loading a page found (invalid UTF-8, front matter...): warnings,
 * as for a conversion; the book is written all the same. */
static void copy_load_diags(rd_book *b, const rd_doc *doc)
{
    for (size_t i = 0; i < rd_doc_diag_count(doc); i++) {
        const rd_diag *d = rd_doc_diag(doc, i);
        add_diag(b, d->file, d->rule, RD_SEVERITY_WARNING, d->line, d->col,
                 d->message);
    }
}

size_t rd_book_diag_count(const rd_book *book)
{
    return book ? book->ndiags : 0;
}

const rd_diag *rd_book_diag(const rd_book *book, size_t i)
{
    return book && i < book->ndiags ? &book->diags[i] : NULL;
}

/* --------------------------------------------------------------- paths */

static char *join_path(const char *dir, const char *rest)
{
    rd_buf b;
    rd_buf_init(&b);
    if (dir && *dir && strcmp(dir, ".") != 0) {
        rd_buf_puts(&b, dir);
        rd_buf_putc(&b, '/');
    }
    rd_buf_puts(&b, rest);
    char *s = dup_buf(&b);
    rd_buf_free(&b);
    return s;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return dup_string(".");
    if (slash == path)
        return dup_string("/");
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_put(&b, path, (size_t)(slash - path));
    char *s = dup_buf(&b);
    rd_buf_free(&b);
    return s;
}

/* ------------------------------------------------------ reading pages */

/* A directory stands for its README.md, as in GitBook. */
static void prefer_readme(entry *e)
{
    struct stat st;
    if (stat(e->path, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    char *path = join_path(e->path, "README.md");
    char *key = *e->key ? join_path(e->key, "README.md") : dup_string("README.md");
    free(e->path);
    free(e->key);
    e->path = path;
    e->key = key;
}

static void report_missing(rd_book *b, entry *e, const char *why)
{
    rd_buf msg;
    rd_buf_init(&msg);
    rd_buf_printf(&msg, "page '%s' %s (%s)", e->target, why, e->path);
    add_diag(b, b->summary_name, "book-missing-page", RD_SEVERITY_WARNING,
             e->line, e->col, msg.data);
    rd_buf_free(&msg);
}

static void load_page(rd_book *b, entry *e)
{
    struct stat st;
    if (stat(e->path, &st) != 0) {
        e->problem = "is not on disk";
        report_missing(b, e, "is not on disk");
        return;
    }
    rd_error err;
    e->doc = S_ISREG(st.st_mode) ? rd_doc_load(e->path, NULL, &b->parse, &err)
                                 : NULL;
    if (!e->doc) {
        e->problem = "could not be read";
        rd_buf msg;
        rd_buf_init(&msg);
        rd_buf_printf(&msg, "page '%s' could not be read: %s", e->target,
                      S_ISREG(st.st_mode) ? err.message : "not a file");
        add_diag(b, b->summary_name, "book-unreadable-page", RD_SEVERITY_ERROR,
                 e->line, e->col, msg.data);
        rd_buf_free(&msg);
        return;
    }
    copy_load_diags(b, e->doc);
}

static void refuse_entry(rd_book *b, entry *e)
{
    rd_buf msg;
    rd_buf_init(&msg);
    rd_buf_printf(&msg, "page '%s' is outside the space: not read", e->target);
    add_diag(b, b->summary_name, "book-outside-space", RD_SEVERITY_WARNING,
             e->line, e->col, msg.data);
    rd_buf_free(&msg);
    e->problem = "is outside the space";
}

/* Whether the entry's page, once found, lies in the space (symbolic
 * links followed); a page not on disk is left for load_page to report. */
static bool inside_space(const rd_book *b, const entry *e)
{
    char *real = realpath(e->path, NULL);
    bool inside = !real || (b->root && rd_space_under(b->root, real));
    free(real);
    return inside;
}

/* Finds the entry's page on disk and reads it. */
static void locate(rd_book *b, entry *e)
{
    if (!e->target || !*e->target || rd_space_is_external(e->target))
        return;
    rd_buf key;
    rd_buf_init(&key);
    rd_space_link_key(NULL, e->target, &key);
    bool outside = e->target[0] == '/' || rd_space_key_escapes(key.data);
    if (outside)
        refuse_entry(b, e);
    if (outside || key.len == 0) {
        rd_buf_free(&key);
        return;
    }
    e->key = dup_buf(&key);
    e->path = join_path(b->dir, e->key);
    rd_buf_free(&key);
    prefer_readme(e);
    if (!inside_space(b, e))
        refuse_entry(b, e);
    else
        load_page(b, e);
}

/* ---------------------------------------------------- SUMMARY.md items */

static char *node_string(const rd_node *n)
{
    rd_buf b;
    rd_buf_init(&b);
    rd_node_text(n, &b);
    size_t start = 0;
    while (start < b.len && strchr(" \t\r\n", b.data[start]))
        start++;
    while (b.len > start && strchr(" \t\r\n", b.data[b.len - 1]))
        b.data[--b.len] = '\0';
    char *s = dup_string(b.data ? b.data + start : "");
    rd_buf_free(&b);
    return s;
}

/* The first link of an item's own text (not of its nested list). */
static const rd_node *item_link(const rd_node *item, const rd_node **text)
{
    *text = NULL;
    for (const rd_node *c = item->first_child; c; c = c->next) {
        if (c->type == RD_NODE_LIST)
            continue;
        if (!*text)
            *text = c;
        rd_iter it;
        rd_node *n;
        rd_event ev;
        rd_iter_init(&it, (rd_node *)c);
        while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
            if (ev == RD_EVENT_ENTER && n->type == RD_NODE_LINK)
                return n;
    }
    return NULL;
}

static entry *new_entry(rd_book *b, const rd_node *item)
{
    entry *e = rd_xcalloc(1, sizeof *e);
    const rd_node *text;
    const rd_node *link = item_link(item, &text);
    e->title = link ? node_string(link) : NULL;
    if (!e->title || !*e->title) {
        free(e->title);
        e->title = text ? node_string(text) : dup_string("");
    }
    e->target = link && link->url ? dup_string(link->url) : NULL;
    e->line = link ? link->line : item->line;
    e->col = link ? link->col : item->col;
    e->seq = b->nentries;
    if (b->nentries == b->entries_cap)
        b->entries = grow_array(b->entries, &b->entries_cap, sizeof *b->entries);
    b->entries[b->nentries++] = e;
    return e;
}

static group *current_group(rd_book *b)
{
    if (b->ngroups == 0) {
        b->groups = grow_array(b->groups, &b->groups_cap, sizeof *b->groups);
        b->groups[b->ngroups++] = (group){ 0 };
    }
    return &b->groups[b->ngroups - 1];
}

static void start_group(rd_book *b, char *title)
{
    if (b->ngroups == b->groups_cap)
        b->groups = grow_array(b->groups, &b->groups_cap, sizeof *b->groups);
    b->groups[b->ngroups++] = (group){ .title = title };
}

static void attach(group *g, entry *parent, entry *e)
{
    e->parent = parent;
    entry **first = parent ? &parent->first_child : &g->first;
    entry **last = parent ? &parent->last_child : &g->last;
    if (*last)
        (*last)->next = e;
    else
        *first = e;
    *last = e;
}

/* Every item of a list, nested lists included, as entries. */
static void read_list(rd_book *b, rd_node *list)
{
    group *g = current_group(b);
    entry *open = NULL;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, list);
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (n->type != RD_NODE_ITEM)
            continue;
        if (ev == RD_EVENT_ENTER) {
            entry *e = new_entry(b, n);
            e->group = b->ngroups - 1;
            attach(g, open, e);
            open = e;
        } else {
            open = open->parent;
        }
    }
}

static void read_summary(rd_book *b, const rd_doc *summary)
{
    bool titled = false;
    rd_node *root = rd_doc_root(summary);
    for (rd_node *n = root ? root->first_child : NULL; n; n = n->next) {
        if (n->type == RD_NODE_HEADING && n->level == 1 && !titled) {
            titled = true;      /* SUMMARY.md's own title */
        } else if (n->type == RD_NODE_HEADING) {
            start_group(b, node_string(n));
        } else if (n->type == RD_NODE_THEMATIC_BREAK) {
            start_group(b, NULL);
        } else if (n->type == RD_NODE_LIST) {
            read_list(b, n);
        }
    }
}

/* ---------------------------------------------------------- the book */

static int compare_keys(const void *a, const void *b)
{
    const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static void index_pages(rd_book *b)
{
    b->by_key = rd_xcalloc(b->nentries + 1, sizeof *b->by_key);
    for (size_t i = 0; i < b->nentries; i++)
        if (b->entries[i]->doc)
            b->by_key[b->nkeys++] = b->entries[i];
    qsort(b->by_key, b->nkeys, sizeof *b->by_key, compare_keys);
}

/* The first entry (in SUMMARY.md order) whose page has this key. */
static const entry *find_page(const rd_book *b, const char *key)
{
    size_t lo = 0, hi = b->nkeys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(b->by_key[mid]->key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->nkeys && strcmp(b->by_key[lo]->key, key) == 0
         ? b->by_key[lo] : NULL;
}

/* The first heading of the space's README.md, or NULL. */
static char *readme_title(const rd_book *b)
{
    bool outside;
    char *path = b->root ? rd_space_real_file(b->root, "README.md", &outside)
                         : NULL;
    struct stat st;
    rd_error err;
    rd_doc *doc = path && stat(path, &st) == 0 && S_ISREG(st.st_mode)
                ? rd_doc_load(path, NULL, &b->parse, &err) : NULL;
    free(path);
    if (!doc)
        return NULL;
    char *title = NULL;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(doc));
    while (!title && (ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE)
        if (ev == RD_EVENT_ENTER && n->type == RD_NODE_HEADING)
            title = node_string(n);
    rd_doc_free(doc);
    return title;
}

/* The name of the space's root folder, or NULL. */
static char *root_name(const rd_book *b)
{
    const char *slash = b->root ? strrchr(b->root, '/') : NULL;
    return slash && slash[1] ? dup_string(slash + 1) : NULL;
}

static void default_title(rd_book *b)
{
    if (b->title && *b->title)
        return;
    free(b->title);
    b->title = readme_title(b);
    if (!b->title || !*b->title) {
        free(b->title);
        b->title = root_name(b);
    }
    if (!b->title || !*b->title) {
        free(b->title);
        b->title = dup_string("Book");
    }
}

/* ------------------------------------------------------------ images */

/* The canonical directory of the file the book goes to (the current
 * directory for standard output); NULL when it does not exist. */
static char *output_dir(const char *output)
{
    bool to_file = output && *output && strcmp(output, "-") != 0;
    char *dir = to_file ? dir_of(output) : dup_string(".");
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

/* Where an image of page e is in the space: its canonical path, or NULL
 * (the URL names no local file, or one missing or outside the space:
 * *why says which, NULL for a URL that is not local). */
static char *image_file(const rd_book *b, const entry *e, const char *url,
                        const char **why)
{
    *why = NULL;
    if (!*url || rd_space_is_external(url) || !e->key || !b->root)
        return NULL;
    rd_buf key;
    rd_buf_init(&key);
    rd_space_link_key(e->key, url, &key);
    bool outside = url[0] == '/';
    char *real = outside ? NULL
               : rd_space_real_file(b->root, key.data ? key.data : "", &outside);
    rd_buf_free(&key);
    if (!real)
        *why = outside ? "is outside the space" : "is not on disk";
    return real;
}

static void warn_image(rd_book *b, const entry *e, const rd_node *n,
                       const char *why)
{
    rd_buf msg;
    rd_buf_init(&msg);
    rd_buf_printf(&msg, "image '%s' %s: kept as written", n->url, why);
    add_diag(b, e->path, "book-missing-image", RD_SEVERITY_WARNING, n->line,
             n->col, msg.data);
    rd_buf_free(&msg);
}

/* Every image of the page that the book cannot point to, as a warning at
 * its line in the page. */
static void check_images(rd_book *b, const entry *e)
{
    if (!e->doc)
        return;
    rd_iter it;
    rd_node *n;
    rd_event ev;
    rd_iter_init(&it, rd_doc_root(e->doc));
    while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
        if (ev != RD_EVENT_ENTER || n->type != RD_NODE_IMAGE || !n->url)
            continue;
        const char *why;
        free(image_file(b, e, n->url, &why));
        if (why)
            warn_image(b, e, n, why);
    }
}

rd_book *rd_book_load(const char *summary, const rd_book_options *opts,
                      rd_error *err)
{
    rd_parse_options parse = opts ? opts->parse : (rd_parse_options){ 0 };
    rd_doc *doc = rd_doc_load(summary, NULL, &parse, err);
    if (!doc)
        return NULL;
    rd_book *b = rd_xcalloc(1, sizeof *b);
    b->summary_name = dup_string(summary);
    b->dir = dir_of(summary);
    b->root = realpath(b->dir, NULL);
    b->out_dir = output_dir(opts ? opts->output : NULL);
    b->parse = parse;
    if (opts && opts->title && *opts->title)
        b->title = dup_string(opts->title);
    copy_load_diags(b, doc);
    read_summary(b, doc);
    rd_doc_free(doc);
    default_title(b);
    rd_progress_fn progress = opts ? opts->progress : NULL;
    for (size_t i = 0; i < b->nentries; i++) {
        if (progress)
            progress(opts->progress_data, i, b->nentries, b->entries[i]->target);
        locate(b, b->entries[i]);
        check_images(b, b->entries[i]);
    }
    if (progress)
        progress(opts->progress_data, b->nentries, b->nentries, NULL);
    index_pages(b);
    return b;
}

void rd_book_free(rd_book *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nentries; i++) {
        entry *e = b->entries[i];
        free(e->title);
        free(e->target);
        free(e->key);
        free(e->path);
        rd_doc_free(e->doc);
        free(e);
    }
    for (size_t i = 0; i < b->ngroups; i++)
        free(b->groups[i].title);
    for (size_t i = 0; i < b->ndiags; i++) {
        free((char *)b->diags[i].rule);
        free((char *)b->diags[i].file);
        free((char *)b->diags[i].message);
    }
    free(b->diags);
    free(b->groups);
    free(b->entries);
    free(b->by_key);
    free(b->summary_name);
    free(b->dir);
    free(b->root);
    free(b->out_dir);
    free(b->title);
    free(b);
}

/* ---------------------------------------------------------- emitting */

typedef struct {
    const rd_book *book;
    rd_db_out *out;
    const rd_ruleset *rules;    /* with roles */
    const char **ids;       /* by entry seq */
    rd_db_anchors *anchors; /* by entry seq: ids of the page's headings */
    xmlNodePtr *els;        /* by entry seq: where nested entries go */
} writer;

typedef struct {
    const writer *w;
    const entry *page;      /* whose links are resolved */
    rd_buf key;
} linker;

/* Where a page's link lands in the book: the first of the targets
 * GitBook accepts for it (as written, with ".md", a directory's
 * README.md) that is a page of the book. */
static const char *resolve_link(void *data, const char *url)
{
    linker *l = data;
    if (!*url || rd_space_is_external(url))
        return NULL;
    l->key.len = 0;
    rd_space_link_key(l->page->key, url, &l->key);
    size_t base = l->key.len;
    const char *fragment = strchr(url, '#');
    static const char *const suffixes[] = { "", ".md", "/README.md" };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        l->key.len = base;
        rd_buf_puts(&l->key, base ? suffixes[i] : "README.md");
        const entry *target = find_page(l->w->book, l->key.data);
        if (!target)
            continue;
        const char *section = fragment
            ? rd_db_anchor_find(&l->w->anchors[target->seq], fragment + 1) : NULL;
        return section ? section : l->w->ids[target->seq];
    }
    return NULL;
}

/* Where an image of the page is from the book's file: the relative path
 * to its file in the space, or NULL to keep the URL as written. */
static const char *resolve_image(void *data, const char *url)
{
    linker *l = data;
    const char *why;
    char *real = image_file(l->w->book, l->page, url, &why);
    if (!real || !l->w->book->out_dir) {
        free(real);
        return NULL;
    }
    l->key.len = 0;
    rd_space_relative_url(l->w->book->out_dir, real, &l->key);
    free(real);
    return l->key.data ? l->key.data : "";
}

/* The id stem of an entry: its page's path without ".md" (a README.md
 * goes by its directory), else its title. */
static const char *id_stem(const entry *e, rd_buf *b)
{
    if (!e->key)
        return e->title;
    rd_buf_puts(b, e->key);
    if (b->len > 3 && strcasecmp(b->data + b->len - 3, ".md") == 0)
        b->data[b->len -= 3] = '\0';
    if (b->len > 7 && strcasecmp(b->data + b->len - 7, "/README") == 0)
        b->data[b->len -= 7] = '\0';
    return b->data;
}

/* Ids for every entry and every heading of its page, before anything is
 * written: links may point forward. */
static void assign_ids(writer *w)
{
    rd_buf stem, prefix;
    rd_buf_init(&stem);
    rd_buf_init(&prefix);
    for (size_t i = 0; i < w->book->nentries; i++) {
        stem.len = 0;
        const entry *e = w->book->entries[i];
        w->ids[i] = rd_db_make_id(w->out, "", id_stem(e, &stem), e->key != NULL);
    }
    for (size_t i = 0; i < w->book->nentries; i++) {
        const entry *e = w->book->entries[i];
        if (!e->doc)
            continue;
        prefix.len = 0;
        rd_buf_printf(&prefix, "%s.", w->ids[i]);
        rd_db_anchors_make(w->out, e->doc, prefix.data, &w->anchors[i]);
    }
    rd_buf_free(&stem);
    rd_buf_free(&prefix);
}

static void add_para_text(rd_db_out *out, xmlNodePtr parent, const char *text)
{
    rd_db_add_text(out, rd_db_add(out, parent, "para"), text);
}

/* The page's content in its chapter or section. Its first heading is the
 * title: when it says more than SUMMARY.md's entry, it is kept as a
 * subtitle. */
static void write_page(writer *w, xmlNodePtr el, xmlNodePtr info,
                       const entry *e)
{
    const rd_node *h1 = rd_db_title_heading(e->doc);
    xmlNodePtr subtitle = NULL;
    if (h1) {
        char *text = node_string(h1);
        if (!rd_db_same_title(text, e->title))
            subtitle = rd_db_add(w->out, info, "subtitle");
        free(text);
    }
    rd_db_add_abstract(w->out, info, e->doc);
    rd_buf prefix;
    rd_buf_init(&prefix);
    rd_buf_printf(&prefix, "%s.", w->ids[e->seq]);
    linker l = { .w = w, .page = e };
    rd_buf_init(&l.key);
    rd_db_page_options po = {
        .id_prefix = prefix.data, .title = subtitle,
        .anchors = &w->anchors[e->seq],
        .roles = w->rules != NULL, .rules = w->rules,
        .resolve = resolve_link, .resolve_data = &l,
        .image = resolve_image, .image_data = &l,
    };
    rd_db_page_body(w->out, el, e->doc, &po);
    rd_buf_free(&l.key);
    rd_buf_free(&prefix);
}

/* What stands in for a page that is not there, so the book stays whole. */
static void write_placeholder(writer *w, xmlNodePtr el, const entry *e)
{
    rd_buf msg;
    rd_buf_init(&msg);
    if (e->problem) {
        rd_buf_printf(&msg, "This page %s: %s", e->problem, e->target);
        add_para_text(w->out, rd_db_add(w->out, el, "note"), msg.data);
    } else if (e->target && *e->target && rd_html_url_is_safe(e->target, false)) {
        xmlNodePtr link = rd_db_add(w->out, rd_db_add(w->out, el, "para"), "link");
        rd_db_set_href(w->out, link, e->target);
        rd_db_add_text(w->out, link, e->target);
    } else if (e->target && *e->target) {
        /* A target the HTML output would not link to: its words only. */
        add_para_text(w->out, el, e->target);
    }
    rd_buf_free(&msg);
}

static xmlNodePtr write_entry(writer *w, xmlNodePtr parent, const entry *e)
{
    xmlNodePtr el = rd_db_add(w->out, parent, e->parent ? "section" : "chapter");
    rd_db_set_xml_id(w->out, el, w->ids[e->seq]);
    xmlNodePtr info = rd_db_add(w->out, el, "info");
    rd_db_add_text(w->out, rd_db_add(w->out, info, "title"), e->title);
    if (e->doc)
        write_page(w, el, info, e);
    else
        write_placeholder(w, el, e);
    rd_db_complete(w->out, el);
    return el;
}

/* The entries of a group in SUMMARY.md order, each nested entry inside
 * its parent's element (a walk over the links, without recursion). */
static void write_entries(writer *w, xmlNodePtr division, const entry *first)
{
    const entry *e = first;
    while (e) {
        xmlNodePtr parent = e->parent ? w->els[e->parent->seq] : division;
        w->els[e->seq] = write_entry(w, parent, e);
        if (e->first_child) {
            e = e->first_child;
            continue;
        }
        while (e && !e->next)
            e = e->parent;
        e = e ? e->next : NULL;
    }
}

static void write_groups(writer *w, xmlNodePtr book)
{
    for (size_t i = 0; i < w->book->ngroups; i++) {
        const group *g = &w->book->groups[i];
        if (!g->first)
            continue;       /* a part needs a chapter */
        xmlNodePtr division = book;
        if (g->title) {
            division = rd_db_add(w->out, book, "part");
            xmlNodePtr info = rd_db_add(w->out, division, "info");
            rd_db_add_text(w->out, rd_db_add(w->out, info, "title"), g->title);
        }
        write_entries(w, division, g->first);
    }
}

static int emit_book(const rd_book *book, const rd_ruleset *rules,
                     rd_buf *out)
{
    rd_db_out db;
    xmlNodePtr root = rd_db_begin(&db, "book");
    if (!root) {
        rd_db_end(&db);
        return -1;
    }
    xmlNodePtr info = rd_db_add(&db, root, "info");
    rd_db_add_text(&db, rd_db_add(&db, info, "title"), book->title);
    writer w = {
        .book = book, .out = &db, .rules = rules,
        .ids = calloc(book->nentries + 1, sizeof *w.ids),
        .anchors = calloc(book->nentries + 1, sizeof *w.anchors),
        .els = calloc(book->nentries + 1, sizeof *w.els),
    };
    if (!w.ids || !w.anchors || !w.els)
        abort();
    assign_ids(&w);
    write_groups(&w, root);
    int status = rd_db_serialize(&db, out);
    for (size_t i = 0; i < book->nentries; i++)
        rd_db_anchors_free(&w.anchors[i]);
    free(w.anchors);
    free(w.ids);
    free(w.els);
    rd_db_end(&db);
    return status;
}

int rd_emit_docbook_book(const rd_book *book, const rd_emit_options *opts,
                         rd_buf *out)
{
    const rd_ruleset *rules = opts && opts->roles ? opts->rules : NULL;
    if (opts && opts->roles && !rules)
        return -1;
    return emit_book(book, rules, out);
}

/* ------------------------------------------------ reading the structure */

size_t rd_book_item_count(const rd_book *b)
{
    return b ? b->nentries : 0;
}

rd_book_item rd_book_item_at(const rd_book *b, size_t i)
{
    const entry *e = b->entries[i];
    size_t depth = 0;
    for (const entry *p = e->parent; p; p = p->parent)
        depth++;
    return (rd_book_item){
        .title = e->title, .target = e->target, .key = e->key,
        .path = e->path, .doc = e->doc, .depth = depth, .group = e->group,
    };
}

const char *rd_book_group_title(const rd_book *b, size_t g)
{
    return g < b->ngroups ? b->groups[g].title : NULL;
}

const char *rd_book_title(const rd_book *b)
{
    return b->title;
}

const char *rd_book_root(const rd_book *b)
{
    return b->root;
}
