/* entity-artifact: numeric character references that the GitBook editor
 * leaves behind: letters and digits written as "&#x43;" (after an edit
 * next to emphasis, e.g. "&#x43;_&#x75;stomer_"), and "&#x20;" spaces it
 * writes where Markdown cannot keep a plain space: at an emphasis edge
 * ("**text&#x20;**") or at the end of a line. They make the source hard to
 * read and edit, and tools that do not decode them show them as they are.
 *
 * A space reference is reported when it touches markup: it is the first or
 * last thing of its block or of an inline (emphasis, link…), or stands next
 * to something that is not plain text. Between two runs of text it is left
 * alone, and so are named references (&nbsp;, &amp;) and numeric ones for
 * any other character.
 *
 * Two wordings in the rule file: the rule's message for a letter or digit,
 * message-space (and hint-space) for a space.
 *
 * Message placeholders: {entity} (as written), {char} (what it stands for).
 */
#include "check.h"

#include <ctype.h>

static int is_numeric_reference(const rd_node *n)
{
    return n->name && n->name[0] == '&' && n->name[1] == '#';
}

static int is_plain_text(const rd_node *n)
{
    return n && n->type == RD_NODE_TEXT;
}

static int touches_markup(const rd_node *n)
{
    return !is_plain_text(n->prev) || !is_plain_text(n->next);
}

/* The reference's case, or NULL when it is no artifact. */
static const char *artifact_case(const rd_node *n)
{
    if (!is_numeric_reference(n) || n->literal_len != 1)
        return NULL;
    unsigned char c = (unsigned char)n->literal[0];
    if (isalnum(c))
        return "letter";
    if (c == ' ' && touches_markup(n))
        return "space";
    return NULL;
}

void rd_check_entity_artifact(rd_check_ctx *ctx)
{
    rd_node_span entities = rd_check_nodes(ctx, RD_NODE_ENTITY);
    for (size_t i = 0; i < entities.len; i++) {
        const rd_node *n = entities.nodes[i];
        const char *which = artifact_case(n);
        if (!which)
            continue;
        const char *const vars[] = { "entity", n->name, "char", n->literal, NULL };
        rd_check_report_case(ctx, which, n, vars);
    }
}
