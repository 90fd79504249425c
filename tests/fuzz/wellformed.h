/* Checks that an output of roledoc is what its format promises, for the
 * fuzzing harness: XML that libxml2 reads back, HTML whose elements are
 * all closed and nested, JSON that parses, UTF-8 throughout. Each returns
 * NULL when the output is fine, else a static description of the fault. */
#ifndef RD_FUZZ_WELLFORMED_H
#define RD_FUZZ_WELLFORMED_H

#include <stddef.h>

const char *rd_check_utf8(const char *s, size_t len);
const char *rd_check_xml(const char *s, size_t len);
const char *rd_check_html(const char *s, size_t len);
const char *rd_check_json(const char *s, size_t len);
/* Sanitised HTML (a fragment): no element that runs, embeds or redirects,
 * no event handler, no URL whose scheme runs code (data: but images). To
 * be called on HTML that rd_check_html found well-formed. */
const char *rd_check_html_safe(const char *s, size_t len);

#endif
