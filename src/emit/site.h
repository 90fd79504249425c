/* Sites (see site.c): what the site's files share, the pages and their
 * places, the navigation written on each page, and the manifest that
 * lets a second run rewrite nothing that did not change. */
#ifndef RD_SITE_H
#define RD_SITE_H

#include "internal.h"
#include "util/strmap.h"

#include <stdint.h>

typedef struct {
    char *key;              /* the page's path in the space */
    char *out;              /* its file under the output folder */
    const char *title;      /* for the navigation */
    const rd_doc *doc;
    rd_doc *own;            /* a page not in SUMMARY.md, read by the site */
    const char *path;       /* where it was read from */
    bool listed;            /* named in SUMMARY.md */
    rd_strmap anchors;      /* folded heading text -> the heading's id */
} rd_site_page;

struct rd_site {
    rd_site_options opts;
    const char *dir;        /* the output folder */
    rd_book *book;
    rd_site_page *pages;    /* SUMMARY.md's pages in order, then the others */
    size_t npages, pages_cap;
    rd_strmap by_key;       /* key -> index + 1 in pages */
    rd_diag *diags;
    size_t ndiags, diags_cap;
    rd_site_stats stats;
    bool french;            /* labels in French */
};

/* Findings (strings copied). */
void rd_site_add_diag(rd_site *s, const char *file, const char *rule,
                      rd_severity severity, uint32_t line, uint32_t col,
                      const char *message);
/* The page whose key is `key`, or NULL. */
const rd_site_page *rd_site_page_by_key(const rd_site *s, const char *key);

/* ------------------------------------------------------- site_nav.c */

/* The relative URL from the file `from` to the file `to` (both under the
 * output folder), '%', '#' and '?' percent-encoded (not HTML-escaped). */
void rd_site_href(const char *from, const char *to, rd_buf *out);
/* The stylesheet the site adds to the page's own. */
void rd_site_style(rd_buf *out);
/* The banner at the top of each page: the site's title, a link to the
 * navigation. */
void rd_site_header(const rd_site *s, const char *from, rd_buf *out);
/* The navigation of the whole site, `current` marked (NULL: none). */
void rd_site_nav(const rd_site *s, const rd_site_page *current, const char *from,
                 rd_buf *out);
/* Previous and next links of page i. */
void rd_site_pager(const rd_site *s, size_t i, rd_buf *out);
/* The whole index.html. */
void rd_site_index(const rd_site *s, rd_buf *out);

/* -------------------------------------------------- site_manifest.c */

typedef struct {
    rd_strmap old;          /* file -> its inputs' hash, from the last run */
    rd_buf text;            /* this run's manifest */
    rd_buf old_text;
} rd_site_manifest;

uint64_t rd_site_hash(uint64_t h, const void *data, size_t len);
uint64_t rd_site_hash_str(uint64_t h, const char *s);
/* Reads the file at path (not through a symbolic link); -1 when it
 * cannot be read. */
int rd_site_read_file(const char *path, rd_buf *out);
void rd_site_manifest_load(rd_site_manifest *m, const char *dir);
/* Whether `rel` under dir was made from inputs of this hash and is
 * still there. */
bool rd_site_manifest_fresh(const rd_site_manifest *m, const char *dir,
                            const char *rel, uint64_t hash);
/* Notes that `rel` is made from inputs of this hash (a file that could
 * not be written is not noted, so the next run tries again). */
void rd_site_manifest_record(rd_site_manifest *m, const char *rel,
                             uint64_t hash);
/* Writes the manifest when it changed; returns the status. */
rd_status rd_site_manifest_save(rd_site_manifest *m, const char *dir,
                                rd_error *err);
void rd_site_manifest_free(rd_site_manifest *m);

#endif
