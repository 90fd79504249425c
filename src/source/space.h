/* Paths inside a GitBook space: links as the pages write them, turned
 * into one form (relative to the space's root, percent-decoded, "." and
 * ".." resolved), whether a path stays inside the space, and relative
 * paths from one directory to a file. Shared by the book and the site. */
#ifndef RD_SPACE_H
#define RD_SPACE_H

#include "internal.h"

#include <stdbool.h>

/* A link with a scheme, "//host" or "#anchor": it names no file. */
bool rd_space_is_external(const char *url);
/* The path part of a link: query and fragment dropped, %XX decoded. */
void rd_space_link_path(const char *url, rd_buf *out);
/* Resolves "." and ".." segments and doubled slashes of a relative path;
 * ".." above the start is kept. */
void rd_space_normalize(const char *path, rd_buf *out);
/* The key of a link written in the page whose key is `from` (NULL for a
 * link of SUMMARY.md): a path relative to the space's root. */
void rd_space_link_key(const char *from, const char *url, rd_buf *out);
/* Whether a key climbs above the space's root ("..", "../x"). */
bool rd_space_key_escapes(const char *key);
/* The canonical path of root/key when it exists and, symbolic links
 * followed, stays under `root_real` (a canonical directory); NULL when it
 * does not exist (*outside false) or leaves the space (*outside true). */
char *rd_space_real_file(const char *root_real, const char *key,
                         bool *outside);
/* The relative path from the canonical directory `from` to the canonical
 * path `to`, as a URL path ('%', '#' and '?' percent-encoded). */
void rd_space_relative_url(const char *from, const char *to, rd_buf *out);
/* Whether `path` is `dir` or below it (both canonical). */
bool rd_space_under(const char *dir, const char *path);

#endif
