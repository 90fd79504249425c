/* What HTML output may contain: escaping of text, attributes and URLs, the
 * URL schemes that are safe to link to, and the allowlist of elements and
 * attributes through which the page's own raw HTML is rendered. */
#ifndef RD_HTML_SANITIZE_H
#define RD_HTML_SANITIZE_H

#include "internal.h"

/* How a string is written into HTML. Every mode replaces the code points
 * that XML 1.0 or HTML forbid (controls, noncharacters) with U+FFFD. */
typedef enum {
    RD_ESC_RAW,     /* as it is: raw HTML passed through */
    RD_ESC_TEXT,    /* element content: & < > " escaped */
    RD_ESC_ATTR,    /* attribute value in double quotes: same as text */
    RD_ESC_URL      /* href/src value: percent-encoded where URLs need it,
                       & escaped */
} rd_esc_mode;

void rd_html_escape(rd_buf *out, const char *s, size_t len, rd_esc_mode mode);
void rd_html_escape_str(rd_buf *out, const char *s, rd_esc_mode mode);

/* Whether a URL may be linked to: relative URLs and the schemes of an
 * allowlist (http, https, mailto, …); data:image/ only as an image source;
 * for web URLs, a host that can be one. Entities are decoded and controls
 * and whitespace dropped first, as a browser would before it reads the
 * scheme. */
bool rd_html_url_is_safe(const char *url, bool image_source);

/* What becomes of an element of the page's raw HTML. */
typedef enum {
    RD_ELEM_KEEP,       /* written with its allowed attributes */
    RD_ELEM_UNWRAP,     /* tag dropped, content kept */
    RD_ELEM_DROP        /* tag and content dropped (script, style, …) */
} rd_elem_verdict;

rd_elem_verdict rd_html_element_verdict(const char *name);
/* The element written for an allowed one (obsolete <strike> becomes <s>). */
const char *rd_html_element_output_name(const char *name);
bool rd_html_is_void(const char *name);
/* Elements that only phrasing content may hold (p, h1, span, em, …). */
bool rd_html_holds_phrasing(const char *name);
/* Elements that are not phrasing content (div, table, li, …): they cannot
 * stand inside an element that holds phrasing content only. */
bool rd_html_is_flow_only(const char *name);
/* Whether `name` may stand directly inside `parent` as far as the elements
 * with a required parent go (li in ul/ol, td in tr, …). */
bool rd_html_parent_allows(const char *parent, const char *name);

/* Headings and sectioning elements (h1, section, header, …): they may not
 * stand inside <dt> or <th>. */
bool rd_html_is_heading_or_section(const char *name);
/* Whether the children of a raw HTML element fit what HTML requires of
 * them where it restricts them: only <li> in lists, rows in table parts,
 * <dt>/<dd> groups in <dl>, a <summary> first in <details>, one
 * <figcaption> first or last in <figure>. An element whose children do
 * not fit is written without its tags. */
bool rd_html_children_fit(const char *name, const rd_node *element);

/* Writes the attributes of `element` that the allowlist keeps, each as
 * ` name="value"`, with URLs checked; `align` becomes a text-align style.
 * An <img> always gets an alt. */
void rd_html_write_attrs(rd_buf *out, const char *element, const rd_attr *attrs);

#endif
