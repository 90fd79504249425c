#!/bin/sh
# roledoc site on the corpus: every internal link and local image whose
# target exists in the space resolves under the site (tests/site_links.py
# parses every page), every page passes the Nu HTML Checker, a second run
# rewrites nothing; headless Chromium opens index.html, follows its
# navigation to a role page (one that `roledoc roles` finds), and
# screenshots it, wide and on a phone's width, in tests/artifacts/ of the
# build tree (or $ROLEDOC_ARTIFACTS).
. "$top_srcdir/tests/lib.sh"
require_shared "$SHARED/corpus"
require_tool python3 "apt-get install python3"
require_tool chromium "apt-get install chromium"

CORPUS=$SHARED/corpus
site=$scratch/site
"$ROLEDOC" site "$CORPUS" -O "$site" 2>"$scratch/err"
status=$?
expect_status "site of the corpus" 0
check "the corpus's pages are all written" test \
    "$(find "$site" -name '*.html' ! -name index.html | wc -l)" -eq \
    "$(find "$CORPUS" -name '*.md' ! -path "$CORPUS/SUMMARY.md" | wc -l)"
if python3 "$top_srcdir/tests/site_links.py" "$site" "$CORPUS" >"$scratch/links"; then pass; else
    fail "corpus site: links and images"; grep PROBLEM "$scratch/links" | head -20 >&2
fi
cat "$scratch/links"
vnu_check "$site" "every page of the corpus site"

find "$site" -exec touch -h -d '2001-02-03 04:05:06' {} +
"$ROLEDOC" site "$CORPUS" -O "$site" 2>"$scratch/err"
check "a second run rewrites no file" test \
    "$(find "$site" -type f -newermt '2001-02-03 04:05:07' | wc -l)" -eq 0

# The role pages, as roledoc roles finds them, and their files in the site.
(cd "$CORPUS" && "$ROLEDOC" roles -f json .) >"$scratch/roles.json" 2>/dev/null
python3 - "$scratch/roles.json" >"$scratch/role-pages" <<'PY'
import json, sys
for p in json.load(open(sys.argv[1], encoding="utf-8"))["pages"]:
    if p["role_page"]:
        print(p["path"][2:-3] + ".html")
PY
check "the corpus has role pages" test -s "$scratch/role-pages"

artifacts=${ROLEDOC_ARTIFACTS:-${top_builddir:-.}/tests/artifacts}
mkdir -p "$artifacts"
browse() {
    headless_browser chromium "$@"
}

browse "file://$site/index.html" --dump-dom >"$scratch/index.dom"
check "chromium opens index.html" grep -q 'id="site-nav"' "$scratch/index.dom"
# The first link of the navigation (as Chromium built it) to a role page.
role=$(python3 - "$scratch/index.dom" "$scratch/role-pages" <<'PY'
import html.parser, os, sys, urllib.parse
roles = set(open(sys.argv[2], encoding="utf-8").read().split("\n"))
class Nav(html.parser.HTMLParser):
    depth, links = 0, []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and a.get("id") == "site-nav":
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(a.get("href", ""))
    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
nav = Nav()
nav.feed(open(sys.argv[1], encoding="utf-8").read())
for href in nav.links:
    target = os.path.normpath(urllib.parse.unquote(href))
    if target in roles:
        print(target)
        break
PY
)
check "the navigation of index.html leads to a role page" test -n "$role"
echo "role page followed: $role"
browse "file://$site/$role" --dump-dom >"$scratch/role.dom"
check "chromium opens the role page, marked current in its navigation" \
    grep -q 'aria-current="page"' "$scratch/role.dom"
check "the role page has its title" grep -q '<h1' "$scratch/role.dom"
for shot in "site_role_page.png:1280,2400" "site_role_page_phone.png:390,2400"; do
    file=$artifacts/${shot%%:*}
    rm -f "$file"
    browse "file://$site/$role" --hide-scrollbars --window-size="${shot##*:}" \
        --screenshot="$file" >/dev/null
    screenshot_written "$file"
done
finish
