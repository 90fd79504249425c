/* JSON through jansson: the strings every JSON output writes, and the ways
 * a document or a string is written (UTF-8 as it is, every control
 * escaped the same way). Every JSON output of roledoc goes through here. */
#ifndef RD_JSON_H
#define RD_JSON_H

#include "roledoc.h"

#include <jansson.h>

/* Appends s[0..n) with every invalid UTF-8 sequence and NUL byte replaced
 * by U+FFFD, so that no text is ever dropped (out stays NUL-terminated). */
void rd_utf8_repair(const char *s, size_t n, rd_buf *out);
/* A JSON string of s ("" for NULL), repaired as rd_utf8_repair does. Never
 * NULL but for memory. */
json_t *rd_json_str(const char *s);
/* The same, or JSON null for NULL. */
json_t *rd_json_str_or_null(const char *s);
/* Appends the document: two-space indentation, keys in the order they
 * were set, a final newline; 0, or -1 when memory ran out. */
int rd_json_write(const json_t *root, rd_buf *out);
/* The same on one line without blanks nor final newline (the editor
 * protocol's messages). */
int rd_json_write_compact(const json_t *root, rd_buf *out);
/* Appends s as a JSON string (null for NULL), for the reports that lay
 * out their documents line by line. */
void rd_json_string(rd_buf *out, const char *s);

#endif
