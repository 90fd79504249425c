/* Sites: a GitBook space, read from its SUMMARY.md, as static HTML pages.
 *
 * The pages of SUMMARY.md are read as for the book (book.c: the same
 * refusal of entries that lead out of the space), then every other page
 * of the space's folder. Each page is written at its path under the
 * output folder, ".md" becoming ".html", by the HTML writer with hooks
 * (html_page.h): links to pages of the site go to their files, the banner,
 * the navigation and the previous and next links (site_nav.c) go around
 * the page's content. Local files the pages use are copied at their place;
 * a file is never read from outside the space nor written outside the
 * folder (rd_write_file_under). The manifest (site_manifest.c) lets a run
 * skip every file whose inputs did not change. */
#include "book_items.h"
#include "docbook.h"
#include "html_page.h"
#include "site.h"
#include "source/space.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static char *dup_string(const char *s)
{
    char *d = rd_xstrdup(s ? s : "");
    return d;
}

static void buf_clear(rd_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void rd_site_add_diag(rd_site *s, const char *file, const char *rule,
                      rd_severity severity, uint32_t line, uint32_t col,
                      const char *message)
{
    if (s->ndiags == s->diags_cap) {
        s->diags_cap = s->diags_cap ? s->diags_cap * 2 : 16;
        s->diags = rd_xrealloc(s->diags, s->diags_cap * sizeof *s->diags);
    }
    s->diags[s->ndiags++] = (rd_diag){
        .rule = dup_string(rule), .severity = severity,
        .file = dup_string(file), .line = line, .col = col,
        .message = dup_string(message),
    };
}

const rd_site_page *rd_site_page_by_key(const rd_site *s, const char *key)
{
    rd_strmap_slot *slot = rd_strmap_find(&s->by_key, key);
    return slot ? &s->pages[(uintptr_t)slot->value - 1] : NULL;
}

/* ---------------------------------------------------------------- pages */

/* dir/page.md -> dir/page.html (any other name gets ".html" added). */
static char *output_name(const char *key)
{
    rd_buf b;
    rd_buf_init(&b);
    size_t n = strlen(key);
    bool md = n > 3 && strcasecmp(key + n - 3, ".md") == 0;
    rd_buf_put(&b, key, md ? n - 3 : n);
    rd_buf_puts(&b, ".html");
    return rd_buf_detach(&b, NULL);
}

static void add_page(rd_site *s, const char *key, const char *title,
                     const rd_doc *doc, rd_doc *own, const char *path,
                     bool listed)
{
    if (rd_strmap_find(&s->by_key, key)) {
        rd_doc_free(own);
        return;
    }
    if (s->npages == s->pages_cap) {
        s->pages_cap = s->pages_cap ? s->pages_cap * 2 : 32;
        s->pages = rd_xrealloc(s->pages, s->pages_cap * sizeof *s->pages);
    }
    const char *doc_title = rd_doc_title(doc);
    s->pages[s->npages++] = (rd_site_page){
        .key = dup_string(key), .out = output_name(key),
        .title = title && *title ? title
               : doc_title && *doc_title ? doc_title : key,
        .doc = doc, .own = own, .path = path, .listed = listed,
    };
    rd_strmap_put(&s->by_key, key)->value = (void *)(uintptr_t)s->npages;
}

static void add_listed_pages(rd_site *s, rd_strmap *named)
{
    for (size_t i = 0; i < rd_book_item_count(s->book); i++) {
        rd_book_item item = rd_book_item_at(s->book, i);
        if (item.key)
            rd_strmap_put(named, item.key);
        if (item.key && item.doc)
            add_page(s, item.key, item.title, item.doc, NULL, item.path, true);
    }
}

/* A page of the folder that SUMMARY.md does not name. */
static void add_other_page(rd_site *s, const char *path, const char *key)
{
    rd_error err;
    rd_doc *doc = rd_doc_load(path, NULL, &s->opts.parse, &err);
    if (!doc) {
        rd_site_add_diag(s, path, "site-unreadable-page", RD_SEVERITY_ERROR,
                         0, 0, err.message);
        s->stats.failed++;
        return;
    }
    const char *title = rd_doc_title(doc);
    add_page(s, key, title, doc, doc, rd_doc_name(doc), false);
}

/* Every other page of the space's folder (the walk does not follow a
 * symbolic link out of it), in path order. */
static void add_other_pages(rd_site *s, const char *space_dir,
                            const char *summary_key, rd_strmap *named)
{
    rd_path_list list = { 0 };
    rd_buf problems, key;
    rd_buf_init(&problems);
    rd_buf_init(&key);
    rd_collect_paths(space_dir, &list, &problems);
    size_t skip = strlen(space_dir);
    for (size_t i = 0; i < list.len; i++) {
        const char *path = list.paths[i];
        const char *rel = strncmp(path, space_dir, skip) == 0 ? path + skip : path;
        while (*rel == '/')
            rel++;
        buf_clear(&key);
        rd_space_normalize(rel, &key);
        if (!key.len || strcmp(key.data, summary_key) == 0 ||
            rd_strmap_find(named, key.data) || rd_site_page_by_key(s, key.data))
            continue;
        add_other_page(s, path, key.data);
    }
    rd_path_list_free(&list);
    rd_buf_free(&problems);
    rd_buf_free(&key);
}

/* The page a link of page `from` leads to, as GitBook reads links (as
 * written, with ".md", a folder's README.md), or NULL. */
static const rd_site_page *link_target(const rd_site *s, const char *from,
                                       const char *url, rd_buf *key)
{
    buf_clear(key);
    rd_space_link_key(from, url, key);
    size_t base = key->len;
    static const char *const suffixes[] = { "", ".md", "/README.md" };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        key->len = base;
        if (key->data)
            key->data[base] = '\0';
        rd_buf_puts(key, base ? suffixes[i] : "README.md");
        const rd_site_page *page = rd_site_page_by_key(s, key->data);
        if (page)
            return page;
    }
    return NULL;
}

/* ------------------------------------------------------------- writing */

typedef struct {
    rd_site *site;
    size_t index;           /* of the page written */
    rd_buf href, key;
} page_ctx;

/* path#id in *out. */
static const char *url_of(const char *path, const char *id, rd_buf *out)
{
    buf_clear(out);
    rd_buf_printf(out, "%s#%s", path, id);
    return out->data;
}

/* The heading of page `to` that a fragment names, matched on its letters
 * and digits (GitBook's anchors and the site's ids differ in their
 * separators), or NULL. */
static const char *anchor_of(const rd_site_page *to, const char *fragment)
{
    rd_buf decoded, key;
    rd_buf_init(&decoded);
    rd_buf_init(&key);
    rd_space_link_path(fragment, &decoded);
    rd_db_anchor_fold(decoded.data ? decoded.data : "", &key);
    rd_strmap_slot *slot = key.len ? rd_strmap_find(&to->anchors, key.data) : NULL;
    rd_buf_free(&decoded);
    rd_buf_free(&key);
    return slot ? slot->value : NULL;
}

static const char *page_link(void *data, const char *url)
{
    page_ctx *c = data;
    const rd_site_page *from = &c->site->pages[c->index];
    const char *fragment = strchr(url, '#');
    const char *id = NULL;
    if (url[0] == '#') {
        id = anchor_of(from, url + 1);
        return id ? url_of("", id, &c->href) : NULL;
    }
    if (!*url || rd_space_is_external(url))
        return NULL;
    const rd_site_page *to = link_target(c->site, from->key, url, &c->key);
    if (!to)
        return NULL;
    buf_clear(&c->href);
    rd_site_href(from->out, to->out, &c->href);
    if (fragment) {
        id = anchor_of(to, fragment + 1);
        rd_buf_puts(&c->href, "#");
        rd_buf_puts(&c->href, id ? id : fragment + 1);
    }
    return c->href.data;
}

static void page_head(void *data, rd_buf *out)
{
    (void)data;
    rd_site_style(out);
}

static void page_body_start(void *data, rd_buf *out)
{
    page_ctx *c = data;
    rd_site_header(c->site, c->site->pages[c->index].out, out);
}

static void page_main_end(void *data, rd_buf *out)
{
    page_ctx *c = data;
    rd_site_pager(c->site, c->index, out);
}

static void page_body_end(void *data, rd_buf *out)
{
    page_ctx *c = data;
    const rd_site_page *p = &c->site->pages[c->index];
    rd_site_nav(c->site, p, p->out, out);
}

static void note_heading(void *data, const char *text, const char *id)
{
    rd_site_page *p = data;
    rd_buf key;
    rd_buf_init(&key);
    rd_db_anchor_fold(text, &key);
    if (key.len) {
        rd_strmap_slot *slot = rd_strmap_put(&p->anchors, key.data);
        if (!slot->value)
            slot->value = dup_string(id);
    }
    rd_buf_free(&key);
}

/* The ids the HTML writer gives the page's headings, before any page is
 * written: links may point to any page. */
static void collect_anchors(rd_site *s, rd_site_page *p)
{
    rd_emit_options emit = s->opts.emit;
    emit.fragment = 1;
    rd_html_hooks hooks = { .heading = note_heading, .data = p };
    rd_buf out;
    rd_buf_init(&out);
    rd_emit_html_hooked(p->doc, &emit, &hooks, &out);
    rd_buf_free(&out);
}

static int render_page(rd_site *s, size_t i, rd_buf *out)
{
    page_ctx c = { .site = s, .index = i };
    rd_buf_init(&c.href);
    rd_buf_init(&c.key);
    rd_html_hooks hooks = {
        .link = page_link, .head = page_head, .body_start = page_body_start,
        .main_end = page_main_end, .body_end = page_body_end, .data = &c,
    };
    int status = rd_emit_html_hooked(s->pages[i].doc, &s->opts.emit, &hooks, out);
    rd_buf_free(&c.href);
    rd_buf_free(&c.key);
    return status;
}

/* Writes rel under the folder unless the manifest says it is up to date. */
static void write_file(rd_site *s, rd_site_manifest *m, const char *rel,
                       uint64_t hash, const rd_buf *data)
{
    rd_error err;
    if (rd_write_file_under(s->dir, rel, data->data ? data->data : "",
                            data->len, &err) != RD_OK) {
        rd_site_add_diag(s, rel, "site-write-failed", RD_SEVERITY_ERROR, 0, 0,
                         err.message);
        s->stats.failed++;
        return;
    }
    rd_site_manifest_record(m, rel, hash);
    s->stats.written++;
}

/* Whether rel is up to date (then noted as such). */
static bool up_to_date(rd_site *s, rd_site_manifest *m, const char *rel,
                       uint64_t hash)
{
    if (!rd_site_manifest_fresh(m, s->dir, rel, hash))
        return false;
    rd_site_manifest_record(m, rel, hash);
    s->stats.unchanged++;
    return true;
}

static void write_page(rd_site *s, rd_site_manifest *m, size_t i,
                       uint64_t common)
{
    const rd_site_page *p = &s->pages[i];
    rd_buf source;
    rd_buf_init(&source);
    int read = rd_site_read_file(p->path, &source);
    uint64_t hash = rd_site_hash_str(common, p->key);
    hash = rd_site_hash(hash, source.data ? source.data : "", source.len);
    rd_buf_free(&source);
    if (read == 0 && up_to_date(s, m, p->out, hash))
        return;
    rd_buf out;
    rd_buf_init(&out);
    if (render_page(s, i, &out) != 0) {
        rd_site_add_diag(s, p->path, "site-write-failed", RD_SEVERITY_ERROR,
                         0, 0, "could not be converted to HTML");
        s->stats.failed++;
    } else {
        write_file(s, m, p->out, hash, &out);
    }
    rd_buf_free(&out);
}

static void write_index(rd_site *s, rd_site_manifest *m, uint64_t common)
{
    if (up_to_date(s, m, "index.html", common))
        return;
    rd_buf out;
    rd_buf_init(&out);
    rd_site_index(s, &out);
    write_file(s, m, "index.html", common, &out);
    rd_buf_free(&out);
}

/* What every page depends on: the program, the options, SUMMARY.md, the
 * site's title, the pages with their titles (the navigation) and the ids
 * of their headings (links with anchors). */
static uint64_t common_hash(const rd_site *s, const char *summary)
{
    const rd_emit_options *e = &s->opts.emit;
    rd_buf b;
    rd_buf_init(&b);
    rd_buf_printf(&b, "roledoc %s unsafe=%d lang=%s css=%s flags=%u max=%zu",
                  RD_VERSION, e->unsafe, e->lang ? e->lang : "",
                  e->css ? e->css : "", (unsigned)s->opts.parse.flags,
                  (size_t)s->opts.parse.max_size);
    uint64_t h = rd_site_hash_str(0, b.data);
    buf_clear(&b);
    rd_site_read_file(summary, &b);
    h = rd_site_hash(h, b.data ? b.data : "", b.len);
    h = rd_site_hash_str(h, rd_book_title(s->book));
    for (size_t i = 0; i < s->npages; i++) {
        h = rd_site_hash_str(h, s->pages[i].key);
        h = rd_site_hash_str(h, s->pages[i].title);
        const rd_strmap *anchors = &s->pages[i].anchors;
        for (size_t k = 0; k < anchors->cap; k++)
            if (anchors->slots[k].key) {
                h = rd_site_hash_str(h, anchors->slots[k].key);
                h = rd_site_hash_str(h, anchors->slots[k].value);
            }
    }
    rd_buf_free(&b);
    return h;
}

/* --------------------------------------------------------------- assets */

/* The local file a URL of page p names, when it is one to copy (in the
 * space, on disk, not a page): its key in *key, its path returned. */
static char *asset_of(const rd_site *s, const rd_site_page *p, const char *url,
                      rd_buf *key)
{
    const char *root = rd_book_root(s->book);
    if (!root || !*url || url[0] == '/' || rd_space_is_external(url))
        return NULL;
    if (link_target(s, p->key, url, key))
        return NULL;
    buf_clear(key);
    rd_space_link_key(p->key, url, key);
    size_t n = key->len;
    if (!n || (n > 3 && strcasecmp(key->data + n - 3, ".md") == 0))
        return NULL;
    bool outside;
    char *real = rd_space_real_file(root, key->data, &outside);
    struct stat st;
    if (real && (stat(real, &st) != 0 || !S_ISREG(st.st_mode))) {
        free(real);
        real = NULL;
    }
    return real;
}

static void copy_asset(rd_site *s, rd_site_manifest *m, const char *key,
                       const char *real)
{
    rd_buf data;
    rd_buf_init(&data);
    if (rd_site_read_file(real, &data) != 0) {
        rd_site_add_diag(s, real, "site-write-failed", RD_SEVERITY_ERROR, 0, 0,
                         "could not be read to be copied");
        s->stats.failed++;
    } else {
        uint64_t hash = rd_site_hash(0, data.data ? data.data : "", data.len);
        if (!up_to_date(s, m, key, hash))
            write_file(s, m, key, hash, &data);
    }
    rd_buf_free(&data);
}

/* Every local file the pages use, copied once. */
static void copy_assets(rd_site *s, rd_site_manifest *m)
{
    rd_strmap seen = { 0 };
    rd_buf key;
    rd_buf_init(&key);
    for (size_t i = 0; i < s->npages; i++) {
        rd_iter it;
        rd_node *n;
        rd_event ev;
        rd_iter_init(&it, rd_doc_root(s->pages[i].doc));
        while ((ev = rd_iter_step(&it, &n)) != RD_EVENT_DONE) {
            if (ev != RD_EVENT_ENTER || !n->url)
                continue;
            char *real = asset_of(s, &s->pages[i], n->url, &key);
            if (real && !rd_strmap_find(&seen, key.data)) {
                rd_strmap_put(&seen, key.data);
                s->stats.assets++;
                copy_asset(s, m, key.data, real);
            }
            free(real);
        }
    }
    rd_strmap_free(&seen);
    rd_buf_free(&key);
}

/* ----------------------------------------------------------------- site */

static void copy_book_diags(rd_site *s)
{
    for (size_t i = 0; i < rd_book_diag_count(s->book); i++) {
        const rd_diag *d = rd_book_diag(s->book, i);
        rd_site_add_diag(s, d->file, d->rule, d->severity, d->line, d->col,
                         d->message);
        s->stats.failed += d->severity == RD_SEVERITY_ERROR;
    }
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The space's folder and its SUMMARY.md, from what was given. */
static void space_paths(const char *space, char **dir, char **summary)
{
    rd_buf b;
    rd_buf_init(&b);
    if (is_dir(space)) {
        *dir = dup_string(space);
        rd_buf_printf(&b, "%s/SUMMARY.md", space);
        *summary = rd_buf_detach(&b, NULL);
        return;
    }
    *summary = dup_string(space);
    const char *slash = strrchr(space, '/');
    if (slash)
        rd_buf_put(&b, space, slash == space ? 1 : (size_t)(slash - space));
    else
        rd_buf_puts(&b, ".");
    *dir = rd_buf_detach(&b, NULL);
}

static void build(rd_site *s, const char *dir, const char *summary)
{
    rd_strmap named = { 0 };
    add_listed_pages(s, &named);
    const char *slash = strrchr(summary, '/');
    add_other_pages(s, dir, slash ? slash + 1 : summary, &named);
    rd_strmap_free(&named);
    s->stats.pages = s->npages;
    for (size_t i = 0; i < s->npages; i++)
        collect_anchors(s, &s->pages[i]);
    rd_site_manifest m;
    rd_site_manifest_load(&m, s->dir);
    uint64_t common = common_hash(s, summary);
    for (size_t i = 0; i < s->npages; i++)
        write_page(s, &m, i, common);
    write_index(s, &m, common);
    copy_assets(s, &m);
    rd_error err;
    if (rd_site_manifest_save(&m, s->dir, &err) != RD_OK) {
        rd_site_add_diag(s, s->dir, "site-write-failed", RD_SEVERITY_ERROR,
                         0, 0, err.message);
        s->stats.failed++;
    }
    rd_site_manifest_free(&m);
}

rd_site *rd_site_build(const char *space, const char *dir,
                       const rd_site_options *opts, rd_error *err)
{
    char *space_dir, *summary;
    space_paths(space, &space_dir, &summary);
    rd_book_options bo = { .parse = opts ? opts->parse : (rd_parse_options){ 0 } };
    rd_book *book = rd_book_load(summary, &bo, err);
    if (!book) {
        free(space_dir);
        free(summary);
        return NULL;
    }
    rd_site *s = rd_xcalloc(1, sizeof *s);
    if (opts)
        s->opts = *opts;
    s->opts.emit.fragment = 0;
    const char *lang = s->opts.emit.lang;
    s->french = !lang || strncasecmp(lang, "fr", 2) == 0;
    s->dir = dir;
    s->book = book;
    copy_book_diags(s);
    build(s, space_dir, summary);
    free(space_dir);
    free(summary);
    return s;
}

void rd_site_free(rd_site *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npages; i++) {
        free(s->pages[i].key);
        free(s->pages[i].out);
        rd_doc_free(s->pages[i].own);
        rd_strmap *anchors = &s->pages[i].anchors;
        for (size_t k = 0; k < anchors->cap; k++)
            free(anchors->slots[k].value);
        rd_strmap_free(anchors);
    }
    for (size_t i = 0; i < s->ndiags; i++) {
        free((char *)s->diags[i].rule);
        free((char *)s->diags[i].file);
        free((char *)s->diags[i].message);
    }
    free(s->pages);
    free(s->diags);
    rd_strmap_free(&s->by_key);
    rd_book_free(s->book);
    free(s);
}

size_t rd_site_diag_count(const rd_site *s)
{
    return s ? s->ndiags : 0;
}

const rd_diag *rd_site_diag(const rd_site *s, size_t i)
{
    return s && i < s->ndiags ? &s->diags[i] : NULL;
}

rd_site_stats rd_site_stats_of(const rd_site *s)
{
    return s ? s->stats : (rd_site_stats){ 0 };
}
