#!/bin/sh
# GitBook pages as md4c shows them: on every page of the shared corpus the
# text, DocBook and HTML outputs each hold at least 99% of the words md4c's
# rendering shows (liquid tags and front matter aside); no output of a
# corpus page or of a GitBook fixture holds the parser's internal wrapper,
# liquid syntax outside the page's code, or "**" around text md4c renders
# emphasised.
. "$top_srcdir/tests/lib.sh"
require_shared "$SHARED/corpus"
require_tool python3 "apt-get install python3"
MD4C_WORDS=${top_builddir:-.}/tests/md4c_words
[ -x "$MD4C_WORDS" ] || { echo "$MD4C_WORDS not built: make check builds it" >&2; exit 1; }
PY=$top_srcdir/tests/visible_words.py

find "$SHARED/corpus" -name '*.md' -type f | sort >"$scratch/corpus"
find "$top_srcdir/fixtures/gitbook" -name '*.md' -type f | sort >"$scratch/fixtures"
check "corpus has pages" test -s "$scratch/corpus"

# outputs PAGE: writes $scratch/o.txt, o.xml, o.html and md4c's o.md4c.
outputs() {
    "$MD4C_WORDS" "$1" >"$scratch/o.md4c" &&
    "$ROLEDOC" convert -t text "$1" >"$scratch/o.txt" 2>/dev/null &&
    "$ROLEDOC" convert -t docbook "$1" >"$scratch/o.xml" 2>/dev/null &&
    "$ROLEDOC" convert -t html "$1" >"$scratch/o.html" 2>/dev/null
}

while IFS= read -r page; do
    if ! outputs "$page"; then
        fail "$page: conversion failed"
        continue
    fi
    if python3 "$PY" --recall 0.99 "$scratch/o.md4c" "$scratch/o.txt" \
            "$scratch/o.xml" "$scratch/o.html" >"$scratch/recall"; then
        pass
    else
        fail "$page: word recall under 99%"
        grep missing "$scratch/recall" >&2
    fi
    cat "$scratch/recall" >>"$scratch/all-recall"
done <"$scratch/corpus"

cat "$scratch/corpus" "$scratch/fixtures" | while IFS= read -r page; do
    if ! outputs "$page"; then
        echo "FAIL: $page: conversion failed" >&2
        echo x >>"$scratch/bad"
        continue
    fi
    python3 "$PY" --clean "$page" "$scratch/o.md4c" "$scratch/o.txt" \
        "$scratch/o.xml" "$scratch/o.html" >&2 || echo x >>"$scratch/bad"
done
check "no wrapper, liquid syntax or literal ** in any output" test ! -s "$scratch/bad"
sort -t' ' -k3 "$scratch/all-recall" | head -3
finish
