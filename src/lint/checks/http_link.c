/* http-link: links, images and GitBook embeds use https:// rather than
 * http://. Plain HTTP pages are flagged by browsers, can be altered on the
 * way, and nearly every public site answers on HTTPS now.
 *
 * Parameters:
 *   exempt-hosts  hosts that may stay on http://, separated by blanks or
 *                 commas; "*.name" exempts every subdomain of name (e.g.
 *                 "localhost 127.0.0.1 [::1] *.localhost")
 *   https-hosts   hosts known to answer on https://, written alike: their
 *                 links are fixed by lint --fix
 *
 * Findings point at the link, image or tag. Bare URLs in text are not links
 * in the tree and are not checked.
 *
 * The fix writes "https" for the scheme where the URL stands in the
 * source (after "(", "<" or a quote: the target, not a link text that
 * shows the URL); it is made by lint --fix only for the https-hosts, and
 * proposed for the others, whose HTTPS side nobody has checked.
 *
 * Message placeholders: {url}, {host}, {https} (the same URL on https://).
 */
#include "check.h"

#include <string.h>
#include <strings.h>

static const char http_prefix[] = "http://";
enum { HTTP_PREFIX_LEN = sizeof http_prefix - 1 };

static int is_http(const char *url)
{
    return url && strncasecmp(url, http_prefix, HTTP_PREFIX_LEN) == 0;
}

/* The host of an http:// URL: after any user@, up to a port, path, query
 * or fragment; an IPv6 literal keeps its brackets. */
static void url_host(const char *url, rd_buf *out)
{
    const char *p = url + HTTP_PREFIX_LEN;
    size_t authority = strcspn(p, "/?#");
    const char *at = memchr(p, '@', authority);
    if (at) {
        authority -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t len = p[0] == '[' ? strcspn(p, "]") + 1 : strcspn(p, ":/?#");
    if (len > authority)
        len = authority;
    rd_buf_put(out, p, len);
}

static int host_matches(const char *entry, size_t len, const void *data)
{
    const char *host = data;
    size_t host_len = strlen(host);
    if (len > 2 && entry[0] == '*' && entry[1] == '.') {
        size_t suffix = len - 1;     /* ".name" */
        return host_len > suffix &&
               strncasecmp(host + host_len - suffix, entry + 1, suffix) == 0;
    }
    return host_len == len && strncasecmp(host, entry, len) == 0;
}

static int is_exempt(const char *host, const char *exempt)
{
    return rd_check_any_word(exempt, host_matches, host);
}

/* The node types that carry a url. */
static const rd_node_type url_types[] = {
    RD_NODE_LINK, RD_NODE_IMAGE, RD_NODE_LIQUID
};

/* Where the URL stands as a target on the node's lines: after "(", "<",
 * a quote or "=", not in a link text; RD_CHECK_NOT_FOUND when it is not
 * near the node. Only its scheme and host are looked for: the rest may be
 * written otherwise in the source (escapes, entities), and only where the
 * URL starts matters. */
static size_t url_offset(const rd_check_ctx *ctx, const rd_node *n)
{
    size_t len = HTTP_PREFIX_LEN + strcspn(n->url + HTTP_PREFIX_LEN, "/?#\\&<>\"' ");
    if (len == HTTP_PREFIX_LEN)
        return RD_CHECK_NOT_FOUND;
    uint32_t last = n->end_line >= n->line ? n->end_line : n->line;
    for (uint32_t line = n->line; line <= last; line++) {
        size_t from = line == n->line ? n->offset : 0;
        size_t at;
        while ((at = rd_check_find_on_line(ctx, line, from, n->url, len)) !=
               RD_CHECK_NOT_FOUND) {
            if (at > 0 && strchr("(<\"'=", ctx->doc->bytes[at - 1]))
                return at;
            from = at + 1;
        }
    }
    return RD_CHECK_NOT_FOUND;
}

/* "http" → "https" where the URL is written; automatic for the hosts of
 * https-hosts only. */
static rd_check_fix scheme_fix(const rd_check_ctx *ctx, const rd_node *n,
                               const char *host)
{
    const char *https = rd_rule_param(ctx->rule, "https-hosts");
    int covered = https && is_exempt(host, https);
    rd_check_fix fix = { .covered = covered };
    size_t at = url_offset(ctx, n);
    if (at == RD_CHECK_NOT_FOUND)
        return fix;
    return (rd_check_fix){ at, at + 4, "https", covered, covered };
}

static void check_url(rd_check_ctx *ctx, const rd_node *n, const char *exempt)
{
    rd_buf host, https;
    rd_buf_init(&host);
    rd_buf_init(&https);
    url_host(n->url, &host);
    const char *h = host.data ? host.data : "";
    if (!is_exempt(h, exempt)) {
        rd_buf_puts(&https, "https://");
        rd_buf_puts(&https, n->url + HTTP_PREFIX_LEN);
        const char *const vars[] = {
            "url", n->url, "host", h, "https", https.data, NULL
        };
        rd_check_fix fix = scheme_fix(ctx, n, h);
        rd_check_report_fix(ctx, n, vars, &fix);
    }
    rd_buf_free(&host);
    rd_buf_free(&https);
}

void rd_check_http_link(rd_check_ctx *ctx)
{
    const char *exempt = rd_rule_param(ctx->rule, "exempt-hosts");
    for (size_t t = 0; t < sizeof url_types / sizeof *url_types; t++) {
        rd_node_span nodes = rd_check_nodes(ctx, url_types[t]);
        for (size_t i = 0; i < nodes.len; i++)
            if (is_http(nodes.nodes[i]->url))
                check_url(ctx, nodes.nodes[i], exempt);
    }
}
