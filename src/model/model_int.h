/* The role model's own declarations: the page read as a list of blocks,
 * and the model's structures behind the opaque public types. Not
 * installed. */
#ifndef RD_MODEL_INT_H
#define RD_MODEL_INT_H

#include "title.h"

/* ------------------------------------------------------------ blocks */

/* What a block of the page is to the model. */
typedef enum {
    RD_BLK_HEADING,
    RD_BLK_STRONG,           /* a paragraph in bold only */
    RD_BLK_PARAGRAPH,
    RD_BLK_HINT,
    RD_BLK_LIST,
    RD_BLK_IMAGE,            /* an image standing as a block (a figure…) */
    RD_BLK_OTHER             /* anything else: a table, code, a quote… */
} rd_blk_kind;


/* One block, in page order. Headings and bold paragraphs carry what their
 * text is: a label (of a part, or of none), a role title, or neither. */
typedef struct {
    const rd_node *node;
    rd_blk_kind kind;
    int level;               /* headings: 1..6; bold paragraphs: 7 */
    int label;               /* rd_part, RD_NOT_A_PART or RD_NO_LABEL */
    const rd_phrase *label_phrase;
    rd_title_kind title;     /* headings and bold paragraphs */
    const rd_node *image;    /* the first image of a paragraph */
} rd_blk;

typedef struct {
    rd_blk *items;
    size_t n, cap;
} rd_blks;

typedef struct rd_reasons rd_reasons;

/* Reads the page's blocks (block quotes, lists and tables are single
 * blocks: nothing inside them is a label or a part). */
void rd_blks_read(rd_blks *b, const rd_node *root, const rd_vocab *v);
void rd_blks_free(rd_blks *b);
/* Whether node lies inside container (or is it). */
bool rd_node_within(const rd_node *node, const rd_node *container);
/* A bold paragraph that is neither a label nor a role title: it ends the
 * part before it, and the region of a role that has a part. */
bool rd_blk_is_family_level(const rd_blk *b);
/* The title of a block (visible text, blanks, numbering and leading emoji
 * removed), in out (emptied first); returns the bytes left out before it. */
size_t rd_blk_title_text(const rd_node *node, rd_buf *out);

/* ------------------------------------------------------------- model */

struct rd_role_part {
    rd_part kind;
    rd_part_via via;
    const rd_node *lead, *first, *last;
    const rd_node **items;
    size_t nitems;
};

typedef struct {
    rd_role_part **items;
    size_t n, cap;
} rd_part_list;

struct rd_role {
    bool is_family;
    const rd_node *node;     /* the title's heading or bold paragraph */
    const char *title;
    uint32_t line, col, title_line, title_col;
    rd_title_gender gender;
    const char *masculine, *feminine;
    const rd_node *illustration;
    rd_part_list parts[RD_PART_COUNT];
    rd_role *parent, *first_child, *last_child, *next;
};

typedef struct {
    const char *text;
    uint32_t line;
} rd_reason;

struct rd_model {
    rd_arena arena;
    rd_decision decision;
    rd_role *first, *last;   /* top level */
    size_t nroles, nfamilies;
    rd_reason *reasons;
    size_t nreasons, reasons_cap;
};

/* Appends a reason (printf-formatted) to the model. */
void rd_model_note(rd_model *m, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------- parts */

/* Where a role's parts are looked for: blocks [from, to) of the page, less
 * the regions of the roles it holds. */
typedef struct {
    size_t from, to;
    const size_t (*holes)[2];    /* [start, end) of the held roles' regions */
    size_t nholes;
    const rd_title_read *title;  /* the role's title as read */
} rd_region;

typedef struct {
    const rd_blks *blks;
    const rd_vocab *vocab;
    rd_model *model;
    rd_buf text;             /* scratch */
    rd_words words, only;    /* scratch */
} rd_finder;

/* Finds the parts of a region into role (its parts lists); returns the
 * number of labelled parts and lead-in lists found (the opening text not
 * counted). With `note`, every part found becomes a reason. */
size_t rd_find_parts(rd_finder *f, const rd_region *r, rd_role *role, bool note);
/* The index of the block that ends a region opened by block i (up to
 * `limit`). */
size_t rd_region_end(rd_finder *f, size_t i, size_t limit);

#endif
