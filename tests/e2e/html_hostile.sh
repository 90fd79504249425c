#!/bin/sh
# The hostile fixture (scripts, styles, event handlers, javascript: links in
# Markdown and HTML, <svg onload>, <iframe>, unclosed and misnested tags,
# entity-encoded schemes): by default none of it reaches the HTML output,
# which stays well-formed; with --unsafe all of it is kept as written.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "install python3"

page=$top_srcdir/fixtures/html_out/hostile.md

# Reads HTML on standard input and prints one line per dangerous thing it
# holds: elements that run code or embed documents, event handler
# attributes, URLs with a scheme that runs code, and tags left unclosed or
# closed out of order. Attribute values are read the way a browser reads
# them (references decoded, controls and whitespace ignored).
audit() {
    python3 -c '
import html.parser, re, sys

DANGEROUS = {"script", "style", "iframe", "frame", "frameset", "object",
             "embed", "applet", "svg", "math", "form", "input", "button",
             "textarea", "select", "base", "link", "meta", "noscript",
             "template", "portal"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "poster",
             "background", "data", "xlink:href", "srcset", "ping"}

class Audit(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        where = "line %d: <%s>" % (self.getpos()[0], tag)
        if tag in DANGEROUS:
            self.problems.append(where + " element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(where + " event handler " + name)
            if name == "style":
                self.problems.append(where + " style attribute")
            if name in URL_ATTRS and value is not None:
                url = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
                image = tag == "img" and name == "src" and url.startswith("data:image/")
                if scheme and scheme.group(1) in ("javascript", "vbscript", "data") and not image:
                    self.problems.append(where + " %s=%r" % (name, value))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append("line %d: </%s> closes %s" % (
                self.getpos()[0], tag, self.open[-1] if self.open else "nothing"))
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
            return
        self.open.pop()

audit = Audit()
audit.feed(sys.stdin.read())
audit.close()
for tag in audit.open:
    audit.problems.append("<%s> never closed" % tag)
for problem in audit.problems:
    print(problem)
'
}

# safe_check NAME OPTIONS...: the output holds nothing dangerous.
safe_check() {
    name=$1; shift
    if ! "$ROLEDOC" convert -t html "$@" "$page" >"$scratch/safe.html"; then
        fail "$name: convert exited with an error"
        return
    fi
    # A standalone page's head (its own stylesheet, its meta elements) is
    # no raw HTML of the page: only the content is audited.
    if grep -q '^<main>$' "$scratch/safe.html"; then
        sed -n '/^<main>$/,/^<\/main>$/p' "$scratch/safe.html"
    else
        cat "$scratch/safe.html"
    fi | audit >"$scratch/problems"
    if [ -s "$scratch/problems" ]; then
        fail "$name: dangerous HTML in the output"
        cat "$scratch/problems" >&2
    else
        pass
    fi
    for text in '<script' '<iframe' '<svg' '<object' '<embed' 'onerror' \
                'onload' 'onclick' 'href="javascript' 'href="vbscript' \
                'href="data:' 'jav&#x61;script'; do
        if grep -qiF -- "$text" "$scratch/safe.html"; then
            fail "$name: output holds '$text'"
        else
            pass
        fi
    done
}

safe_check "fragment" --fragment
safe_check "standalone page"

# With --unsafe the raw HTML is the page's, and links keep their targets.
"$ROLEDOC" convert -t html --fragment --unsafe "$page" >"$scratch/unsafe.html" ||
    fail "--unsafe: convert exited with an error"
for text in '<script>alert("block script")</script>' \
            '<style>body { background: url(javascript:alert(1)) }</style>' \
            'onclick="alert('"'"'div'"'"')"' 'onerror="alert('"'"'img'"'"')"' \
            '<svg onload="alert('"'"'svg'"'"')">' '<iframe src="https://example.org/">' \
            '<a href="javascript:alert('"'"'raw link'"'"')">' \
            '<a href="jav&#x61;script:alert('"'"'entity'"'"')">' \
            '<a href="javascript:alert(%27md%27)">' \
            '<a href="javascript:alert(%27md2%27)">' \
            '<a href="VBScript:msgbox(1)">' \
            '<div><span>unclosed span <b>and bold</div>' \
            '<p><em>misnested <strong>tags</em> here</strong></p>'; do
    if grep -qF -- "$text" "$scratch/unsafe.html"; then
        pass
    else
        fail "--unsafe: output lacks $text"
    fi
done
finish
