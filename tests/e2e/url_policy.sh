#!/bin/sh
# The URL policy of the published outputs: no javascript:, vbscript: or
# data: URL (data:image/ aside) in any link or image of the DocBook, HTML,
# site or book output of fixtures/hostile/urls (Markdown links, references,
# images, raw HTML, figures, details, table cells, embeds, content-refs,
# hints, SUMMARY.md entries; spelt in any case, with entities and
# whitespace), however the scheme is written; with --unsafe the DocBook
# keeps them, which shows that the check sees them. The DocBook is also
# valid (jing) and stays safe rendered to HTML by the DocBook XSL
# stylesheets, as it is published.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"
require_docbook
CHECK=$top_srcdir/tests/url_policy.py
F=$top_srcdir/fixtures/hostile/urls

cd "$scratch" || exit 1
for format in docbook html; do
    "$ROLEDOC" convert -t "$format" -O "$format" "$F" 2>"$format.err"
    check "$format: every page converted" test -f "$format/links.$( [ $format = html ] && echo html || echo xml)"
    check "$format: no dangerous URL" sh -c "python3 '$CHECK' \$(find '$format' -type f)"
done
check "docbook: valid DocBook 5.0" sh -c "jing '$SCHEMA' docbook/links.xml docbook/sub/page.xml >jing.out 2>&1"
xsltproc --nonet "$XSL" docbook/links.xml >rendered.html 2>xslt.err
check "docbook rendered by the XSL stylesheets: no dangerous URL" \
    python3 "$CHECK" rendered.html
"$ROLEDOC" convert -t docbook --unsafe -O unsafe "$F" 2>unsafe.err
check "docbook --unsafe: the URLs are kept" sh -c "python3 '$CHECK' --some \$(find unsafe -type f)"
"$ROLEDOC" site "$F" -O site 2>site.err
check "site: every page written" test -f site/links.html -a -f site/sub/page.html
check "site: no dangerous URL" sh -c "python3 '$CHECK' \$(find site -name '*.html')"
"$ROLEDOC" book "$F/SUMMARY.md" -o book.xml 2>book.err
check "book: written" test -s book.xml
check "book: no dangerous URL" python3 "$CHECK" book.xml
check "book: valid DocBook 5.0" sh -c "jing '$SCHEMA' book.xml >jing.out 2>&1"
check "book: the page's words stay" grep -q 'Sous-page' book.xml
finish
