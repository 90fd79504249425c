#!/bin/sh
# A book of a whole space (fixtures/space: pages in nested folders, PNG,
# JPEG and SVG images through "../" paths, HTML figures and Markdown
# images): titled by the space's README.md, valid DocBook 5.0, every image
# reference resolving from the book's folder, and the DocBook toolchain
# (xsltproc, the docbook-xsl-ns FO stylesheet, fop) making a PDF that holds
# every raster image; the same in folders named with spaces and accents.
# SUMMARY.md entries leading out of the space are refused, never read; a
# missing image is a warning at its line.
. "$top_srcdir/tests/lib.sh"
require_docbook
require_tool fop "apt-get install fop"
require_tool pdfimages "apt-get install poppler-utils"
require_tool python3 "apt-get install python3"
SPACE=$top_srcdir/fixtures/space

# What the fixture's pages hold, read from them: the title of README.md,
# the images (Markdown and HTML) and, of those, the raster ones.
title=$(sed -n 's/^# //p' "$SPACE/README.md" | head -n 1)
images=$(cat "$SPACE"/*.md "$SPACE"/*/*.md "$SPACE"/*/*/*.md |
         grep -o -e '!\[[^]]*\]([^)]*)' -e '<img [^>]*>' | wc -l)
raster=$(cat "$SPACE"/*.md "$SPACE"/*/*.md "$SPACE"/*/*/*.md |
         grep -o -e '!\[[^]]*\]([^)]*)' -e '<img [^>]*>' |
         grep -c -i -e '\.png' -e '\.jpe\?g')

# filerefs BOOK: every imagedata/@fileref of the book, one a line, decoded.
filerefs() {
    python3 - "$1" <<'PY'
import sys, urllib.parse, xml.etree.ElementTree as ET
ns = "{http://docbook.org/ns/docbook}"
for d in ET.parse(sys.argv[1]).iter(ns + "imagedata"):
    print(urllib.parse.unquote(d.get("fileref")))
PY
}

# book_checks NAME SUMMARY OUTDIR: the book of SUMMARY written to
# OUTDIR/book.xml and its PDF.
book_checks() {
    name=$1 out=$3
    mkdir -p "$out"
    "$ROLEDOC" book "$2" -o "$out/book.xml" 2>"$scratch/err"
    status=$?
    expect_status "$name: book" 0
    check "$name: no warning" test ! -s "$scratch/err"
    check "$name: titled by README.md" grep -qF "<title>$title</title>" "$out/book.xml"
    check "$name: not titled by SUMMARY.md" test "$(grep -c 'Table of contents' "$out/book.xml")" -eq 0
    if jing "$SCHEMA" "$out/book.xml" >"$scratch/jing" 2>&1; then pass; else
        fail "$name: not valid DocBook 5.0"; head -20 "$scratch/jing" >&2
    fi
    filerefs "$out/book.xml" >"$scratch/refs"
    check "$name: $images images" test "$(wc -l <"$scratch/refs")" -eq "$images"
    while IFS= read -r ref; do
        check "$name: $ref resolves from the book's folder" test -f "$out/$ref"
    done <"$scratch/refs"
    (cd "$out" && xsltproc --nonet -o book.fo "$FO_XSL" book.xml &&
        fop -fo book.fo -pdf book.pdf) >"$scratch/fop.log" 2>&1
    check "$name: xsltproc and fop make a PDF" test -s "$out/book.pdf"
    check "$name: fop finds every image" test "$(grep -c -i 'image not found' "$scratch/fop.log")" -eq 0
    grep -i 'image not found' "$scratch/fop.log" >&2
    pdfimages -list "$out/book.pdf" | awk 'NR > 2 && $3 == "image"' >"$scratch/pdfimages"
    check "$name: the PDF holds the $raster raster images" \
        test "$(wc -l <"$scratch/pdfimages")" -eq "$raster"
}

check "the fixture has images" test "$images" -ge 5
check "the fixture has raster images" test "$raster" -ge 4
book_checks "fixture space" "$SPACE/SUMMARY.md" "$scratch/out"

# The same space in folders named with spaces and accents, and the book
# written in another such folder.
odd="$scratch/Espace à côté/d'été"
mkdir -p "$odd"
cp -R "$SPACE/." "$odd/"
book_checks "space named with spaces and accents" "$odd/SUMMARY.md" "$scratch/Sortie é à/livre"

# Entries leading out of the space: refused by name, never read.
hostile=$scratch/hostile
cp -R "$SPACE/." "$hostile/"
echo "# Secret" >"$scratch/secret.md"
echo "SECRET-WORD-OUTSIDE" >>"$scratch/secret.md"
ln -s ../secret.md "$hostile/lien.md"
cat >>"$hostile/SUMMARY.md" <<EOS

## Dehors

* [Au-dessus](../secret.md)
* [Encodé](%2e%2e/secret.md)
* [Absolu]($scratch/secret.md)
* [Lien](lien.md)
EOS
"$ROLEDOC" book "$hostile/SUMMARY.md" -o "$scratch/hostile.xml" 2>"$scratch/err"
status=$?
expect_status "outside entries" 0
check "nothing of the outside file is in the book" \
    test "$(grep -c SECRET-WORD-OUTSIDE "$scratch/hostile.xml")" -eq 0
for entry in ../secret.md %2e%2e/secret.md "$scratch/secret.md" lien.md; do
    check "entry $entry refused by name" grep -qF \
        "warning: page '$entry' is outside the space: not read [book-outside-space]" "$scratch/err"
done
check "four entries refused" test "$(grep -c 'book-outside-space' "$scratch/err")" -eq 4

# A missing image: a warning naming the page and the line.
page=$hostile/equipe/metiers/coach.md
echo "![Absente](../../.gitbook/assets/absente.png)" >>"$page"
line=$(wc -l <"$page")
"$ROLEDOC" book "$hostile/SUMMARY.md" -o "$scratch/hostile.xml" 2>"$scratch/err"
check "a missing image is warned at its page and line" grep -qF \
    "$page:$line:1: warning: image '../../.gitbook/assets/absente.png' is not on disk" "$scratch/err"

# Without a README.md heading, the folder's name; --title wins.
rm "$hostile/README.md"
"$ROLEDOC" book "$hostile/SUMMARY.md" -o "$scratch/untitled.xml" 2>/dev/null
check "without README.md: titled by the folder" grep -qF "<title>hostile</title>" "$scratch/untitled.xml"
"$ROLEDOC" book --title "Un titre" "$SPACE/SUMMARY.md" -o "$scratch/titled.xml"
check "--title titles the book" grep -qF "<title>Un titre</title>" "$scratch/titled.xml"

# The README's recipe for a PDF, run as written (but the installation),
# with this roledoc and the source tree's fixtures.
mkdir -p "$scratch/recipe/bin"
ln -s "$ROLEDOC" "$scratch/recipe/bin/roledoc"
ln -s "$top_srcdir/fixtures" "$scratch/recipe/fixtures"
awk '/^#### A PDF of the book/ { found = 1 } found && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit } inside' "$top_srcdir/README.md" |
    grep -v 'apt-get install' >"$scratch/recipe.sh"
check "the README has a PDF recipe" grep -q fop "$scratch/recipe.sh"
(cd "$scratch/recipe" && PATH=$scratch/recipe/bin:$PATH sh -e "$scratch/recipe.sh") \
    >"$scratch/recipe.log" 2>&1
check "the README's recipe makes a PDF" test -s "$scratch/recipe/out/book.pdf"
check "the README's recipe finds every image" \
    test "$(grep -c -i 'image not found' "$scratch/recipe.log")" -eq 0
check "the recipe's PDF holds the raster images" \
    test "$(pdfimages -list "$scratch/recipe/out/book.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)" -eq "$raster"

finish
