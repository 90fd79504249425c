/* JSON through jansson: the strings every JSON output writes, and the one
 * way a document is written (two-space indentation, keys in the order they
 * were set, UTF-8 as it is, a final newline). */
#ifndef RD_JSON_H
#define RD_JSON_H

#include "roledoc.h"

#include <jansson.h>

/* A JSON string of s ("" for NULL). Text that is not valid UTF-8 has its
 * bad bytes replaced by U+FFFD, so that no text is ever dropped. Never
 * NULL but for memory. */
json_t *rd_json_str(const char *s);
/* The same, or JSON null for NULL. */
json_t *rd_json_str_or_null(const char *s);
/* Appends the document to out; 0, or -1 when memory ran out. */
int rd_json_write(const json_t *root, rd_buf *out);

#endif
