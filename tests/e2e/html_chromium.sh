#!/bin/sh
# The reference page, converted to a standalone HTML page, renders in
# headless Chromium: the DOM it builds holds the hint, the six images with
# their alt attributes and the five role headings. A screenshot is kept in
# tests/artifacts/ of the build tree (or $ROLEDOC_ARTIFACTS).
#
# Without Chromium the test is skipped, unless CI is set.
. "$top_srcdir/tests/lib.sh"
require_shared "$SEED"
require_tool python3 "install python3"

browser=${CHROMIUM:-}
for candidate in chromium chromium-browser; do
    [ -n "$browser" ] && break
    command -v "$candidate" >/dev/null 2>&1 && browser=$candidate
done
if [ -z "$browser" ]; then
    if [ -n "${CI:-}" ]; then
        echo "html_chromium: chromium not found: install it (CI must run this test)" >&2
        exit 1
    fi
    echo "SKIP: chromium not found" >&2
    exit 77
fi

artifacts=${ROLEDOC_ARTIFACTS:-${top_builddir:-.}/tests/artifacts}
mkdir -p "$artifacts"
page=$artifacts/html_reference.html
"$ROLEDOC" convert -t html -o "$page" "$SEED" || fail "convert -t html exited with an error"
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"

run_browser() {
    headless_browser "$browser" "$url" "$@"
}

if ! run_browser --dump-dom >"$scratch/dom.html" || [ ! -s "$scratch/dom.html" ]; then
    fail "chromium could not load the page"
    tail -20 "$scratch/browser.err" >&2
    finish
    exit 1
fi

# What a reader of the page must find in it.
python3 - "$scratch/dom.html" >"$scratch/report" <<'EOF'
import html.parser, sys

ROLE_TITLES = [
    "1. Le/la développeur/développeuse commercial(e)",
    "2. Le/la chargé/chargée de la relation clientèle",
    "Community Builder / Manager",
    "Growth Hacker",
    "Key Account Manager",
]

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hints, self.images, self.headings = [], [], []
        self.heading = None
        self.hint_depth = 0
        self.hint_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "aside":
            if "hint" in classes and attrs.get("role") == "note":
                self.hints.append(classes)
                self.hint_depth = 1
            elif self.hint_depth:
                self.hint_depth += 1
        if tag == "img":
            self.images.append(attrs)
        if tag == "h3":
            self.heading = ""

    def handle_endtag(self, tag):
        if tag == "aside" and self.hint_depth:
            self.hint_depth -= 1
        if tag == "h3" and self.heading is not None:
            self.headings.append(" ".join(self.heading.split()))
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None:
            self.heading += data
        if self.hint_depth:
            self.hint_text += data

page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
problems = []
if len(page.hints) != 1 or "hint-info" not in page.hints[0]:
    problems.append("expected one <aside class=\"hint hint-info\" role=\"note\">, found %r" % page.hints)
if "Information" not in page.hint_text:
    problems.append("the hint has no visible label")
if len(page.images) != 6:
    problems.append("expected 6 images, found %d" % len(page.images))
for img in page.images:
    if "alt" not in img:
        problems.append("image without alt: %r" % img)
if page.headings != ROLE_TITLES:
    problems.append("role headings: expected %r, found %r" % (ROLE_TITLES, page.headings))
for problem in problems:
    print(problem)
EOF
if [ -s "$scratch/report" ]; then
    fail "the rendered page lacks what the reference page holds:"
    cat "$scratch/report" >&2
else
    pass
fi

shot=$artifacts/html_reference.png
rm -f "$shot"
run_browser --hide-scrollbars --window-size=1280,4800 --screenshot="$shot" >/dev/null
screenshot_written "$shot"
finish
