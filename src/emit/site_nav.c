/* The parts of a site page around the page's own content: the banner, the
 * navigation of the whole space (SUMMARY.md's groups and nesting, then the
 * pages it does not name), previous and next links, the index page. */
#include "book_items.h"
#include "html_page.h"
#include "html_sanitize.h"
#include "site.h"
#include "source/space.h"

#include <string.h>

#include "site_style.inc"

static const char *label(const rd_site *s, const char *fr, const char *en)
{
    return s->french ? fr : en;
}

void rd_site_href(const char *from, const char *to, rd_buf *out)
{
    rd_buf a, b;
    rd_buf_init(&a);
    rd_buf_init(&b);
    const char *slash = strrchr(from, '/');
    rd_buf_putc(&a, '/');
    if (slash)
        rd_buf_put(&a, from, (size_t)(slash - from));
    rd_buf_printf(&b, "/%s", to);
    rd_space_relative_url(a.data, b.data, out);
    rd_buf_free(&a);
    rd_buf_free(&b);
}

/* The href as an attribute's value. */
static void put_href(const char *from, const char *to, rd_buf *out)
{
    rd_buf url;
    rd_buf_init(&url);
    rd_site_href(from, to, &url);
    rd_html_escape_str(out, url.data ? url.data : "", RD_ESC_URL);
    rd_buf_free(&url);
}

void rd_site_style(rd_buf *out)
{
    rd_buf_puts(out, "<style>\n");
    rd_buf_puts(out, site_style);
    rd_buf_puts(out, "</style>\n");
}

void rd_site_header(const rd_site *s, const char *from, rd_buf *out)
{
    rd_buf_puts(out, "<header class=\"site\">\n<a class=\"site-title\" href=\"");
    put_href(from, "index.html", out);
    rd_buf_puts(out, "\">");
    rd_html_escape_str(out, rd_book_title(s->book), RD_ESC_TEXT);
    rd_buf_printf(out, "</a>\n<a class=\"to-nav\" href=\"#site-nav\">%s</a>\n"
                  "</header>\n", label(s, "Sommaire", "Contents"));
}

/* One entry: a link to its page (marked when current), to its external
 * target, or its text. */
static void nav_entry(const rd_site *s, const rd_book_item *item,
                      const rd_site_page *current, const char *from, rd_buf *out)
{
    const rd_site_page *page = item->key && item->doc
                             ? rd_site_page_by_key(s, item->key) : NULL;
    const char *target = item->target;
    bool external = !page && target && rd_space_is_external(target) &&
                    target[0] != '#' && rd_html_url_is_safe(target, false);
    if (page || external) {
        rd_buf_puts(out, "<a href=\"");
        if (page)
            put_href(from, page->out, out);
        else
            rd_html_escape_str(out, target, RD_ESC_URL);
        rd_buf_puts(out, page && page == current ? "\" aria-current=\"page\">"
                                                 : "\">");
    }
    rd_html_escape_str(out, *item->title ? item->title : "…", RD_ESC_TEXT);
    if (page || external)
        rd_buf_puts(out, "</a>");
}

/* Opens and closes lists so that the next entry (a <li> to open) stands
 * at `depth`; *open counts the lists open, each with an open <li>. */
static void nav_depth(rd_buf *out, size_t *open, size_t depth)
{
    if (*open == 0 || depth >= *open) {
        rd_buf_puts(out, *open ? "\n<ul>\n" : "<ul>\n");
        (*open)++;
        return;
    }
    rd_buf_puts(out, "</li>\n");
    for (; *open > depth + 1; (*open)--)
        rd_buf_puts(out, "</ul>\n</li>\n");
}

static void nav_close(rd_buf *out, size_t *open)
{
    for (; *open; (*open)--)
        rd_buf_puts(out, "</li>\n</ul>\n");
}

static void nav_group(const rd_site *s, size_t group, rd_buf *out)
{
    const char *title = rd_book_group_title(s->book, group);
    if (!title)
        return;
    rd_buf_puts(out, "<p class=\"group\">");
    rd_html_escape_str(out, title, RD_ESC_TEXT);
    rd_buf_puts(out, "</p>\n");
}

/* SUMMARY.md's entries, a list per group, nested as SUMMARY.md nests. */
static void nav_summary(const rd_site *s, const rd_site_page *current,
                        const char *from, rd_buf *out)
{
    size_t open = 0, group = (size_t)-1;
    for (size_t i = 0; i < rd_book_item_count(s->book); i++) {
        rd_book_item item = rd_book_item_at(s->book, i);
        if (item.group != group) {
            nav_close(out, &open);
            group = item.group;
            nav_group(s, group, out);
        }
        nav_depth(out, &open, item.depth);
        rd_buf_puts(out, "<li>");
        nav_entry(s, &item, current, from, out);
    }
    nav_close(out, &open);
}

/* The pages SUMMARY.md does not name, as a group of their own. */
static void nav_others(const rd_site *s, const rd_site_page *current,
                       const char *from, rd_buf *out)
{
    bool any = false;
    for (size_t i = 0; i < s->npages; i++) {
        const rd_site_page *p = &s->pages[i];
        if (p->listed)
            continue;
        if (!any)
            rd_buf_printf(out, "<p class=\"group\">%s</p>\n<ul>\n",
                          label(s, "Pages hors du sommaire",
                                "Pages not in the summary"));
        any = true;
        rd_buf_puts(out, "<li><a href=\"");
        put_href(from, p->out, out);
        rd_buf_puts(out, p == current ? "\" aria-current=\"page\">" : "\">");
        rd_html_escape_str(out, p->title, RD_ESC_TEXT);
        rd_buf_puts(out, "</a></li>\n");
    }
    if (any)
        rd_buf_puts(out, "</ul>\n");
}

void rd_site_nav(const rd_site *s, const rd_site_page *current, const char *from,
                 rd_buf *out)
{
    rd_buf_printf(out, "<nav id=\"site-nav\" class=\"site-nav\" aria-label=\"%s\">\n",
                  label(s, "Sommaire", "Contents"));
    nav_summary(s, current, from, out);
    nav_others(s, current, from, out);
    rd_buf_puts(out, "</nav>\n");
}

static void pager_link(const rd_site *s, const rd_site_page *from,
                       const rd_site_page *to, const char *rel, rd_buf *out)
{
    bool next = strcmp(rel, "next") == 0;
    rd_buf_printf(out, "<a rel=\"%s\" href=\"", rel);
    put_href(from->out, to->out, out);
    rd_buf_printf(out, "\">%s%s : ", next ? "" : "← ",
                  next ? label(s, "Suivant", "Next")
                       : label(s, "Précédent", "Previous"));
    rd_html_escape_str(out, to->title, RD_ESC_TEXT);
    rd_buf_puts(out, next ? " →</a>\n" : "</a>\n");
}

void rd_site_pager(const rd_site *s, size_t i, rd_buf *out)
{
    if (s->npages < 2)
        return;
    rd_buf_printf(out, "<nav class=\"pager\" aria-label=\"%s\">\n",
                  label(s, "Pages voisines", "Nearby pages"));
    if (i > 0)
        pager_link(s, &s->pages[i], &s->pages[i - 1], "prev", out);
    if (i + 1 < s->npages)
        pager_link(s, &s->pages[i], &s->pages[i + 1], "next", out);
    rd_buf_puts(out, "</nav>\n");
}

/* ---------------------------------------------------------------- index */

static void index_body_start(void *data, rd_buf *out)
{
    rd_site_header(data, "index.html", out);
}

static void index_main_end(void *data, rd_buf *out)
{
    const rd_site *s = data;
    if (!s->npages)
        return;
    rd_buf_printf(out, "<p><a href=\"");
    put_href("index.html", s->pages[0].out, out);
    rd_buf_printf(out, "\">%s : ", label(s, "Commencer la lecture", "Start reading"));
    rd_html_escape_str(out, s->pages[0].title, RD_ESC_TEXT);
    rd_buf_puts(out, "</a></p>\n");
}

static void index_body_end(void *data, rd_buf *out)
{
    rd_site_nav(data, NULL, "index.html", out);
}

static void index_head(void *data, rd_buf *out)
{
    (void)data;
    rd_site_style(out);
}

/* A Markdown heading whose text reads as the title, whatever it holds. */
static void markdown_heading(const char *title, rd_buf *out)
{
    rd_buf_puts(out, "# ");
    for (const char *p = title; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            rd_buf_putc(out, ' ');
            continue;
        }
        if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *p))
            rd_buf_putc(out, '\\');
        rd_buf_putc(out, *p);
    }
    rd_buf_putc(out, '\n');
}

void rd_site_index(const rd_site *s, rd_buf *out)
{
    rd_buf md;
    rd_buf_init(&md);
    markdown_heading(rd_book_title(s->book), &md);
    rd_parse_options parse = s->opts.parse;
    rd_doc *doc = rd_doc_parse(md.data, md.len, "index.md", &parse);
    rd_html_hooks hooks = {
        .head = index_head, .body_start = index_body_start,
        .main_end = index_main_end, .body_end = index_body_end,
        .data = (void *)s,
    };
    if (doc)
        rd_emit_html_hooked(doc, &s->opts.emit, &hooks, out);
    rd_doc_free(doc);
    rd_buf_free(&md);
}
