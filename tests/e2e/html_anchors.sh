#!/bin/sh
# Same-page links in the HTML of every GitBook fixture resolve: each
# href="#…" names an id of its page (headings, GitBook's <a id> anchors,
# footnotes); with RD_TEST_REFERENCE set (html_anchors_reference.sh), in
# the HTML of every page of the shared corpus instead.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"

pages=$top_srcdir/fixtures/gitbook
if [ -n "${RD_TEST_REFERENCE:-}" ]; then
    pages=$SHARED/corpus
    require_shared "$pages"
fi
find "$pages" -name '*.md' -type f | sort >"$scratch/pages"
check "pages to convert" test -s "$scratch/pages"
n=0
while IFS= read -r page; do
    n=$((n + 1))
    if "$ROLEDOC" convert -t html "$page" >"$scratch/$n.html" 2>"$scratch/err"; then
        pass
    else
        fail "$page: convert -t html failed"
    fi
done <"$scratch/pages"
if python3 "$top_srcdir/tests/same_page_links.py" "$scratch"/*.html >"$scratch/bad"; then
    pass
else
    fail "same-page links that point nowhere:"
    head -40 "$scratch/bad" >&2
fi
finish
