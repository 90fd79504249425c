/* The structure of a book as SUMMARY.md gives it (its items in order,
 * their groups and depth, their pages), for what else than the DocBook
 * book is made of a space: the site. */
#ifndef RD_BOOK_ITEMS_H
#define RD_BOOK_ITEMS_H

#include "internal.h"

typedef struct {
    const char *title;      /* the item's text in SUMMARY.md */
    const char *target;     /* its link as written, or NULL */
    const char *key;        /* its page's path in the space, or NULL */
    const char *path;       /* where the page was read from, or NULL */
    const rd_doc *doc;      /* the page, NULL when it could not be read */
    size_t depth;           /* 0 for a top-level item */
    size_t group;           /* index of its group */
} rd_book_item;

/* Items in SUMMARY.md order (a parent before its children). */
size_t rd_book_item_count(const rd_book *book);
rd_book_item rd_book_item_at(const rd_book *book, size_t i);
/* A group's heading, or NULL for pages directly in the book. */
const char *rd_book_group_title(const rd_book *book, size_t group);
const char *rd_book_title(const rd_book *book);
/* The canonical path of the space's folder, or NULL. */
const char *rd_book_root(const rd_book *book);

#endif
