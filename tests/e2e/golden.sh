#!/bin/sh
# Tree dumps of the fixtures compared whole with their golden files.
. "$top_srcdir/tests/lib.sh"

for page in "$top_srcdir"/fixtures/tree/*.md; do
    golden=${page%.md}.xml
    name=$(basename "$page")
    if ! "$ROLEDOC" convert -t tree "$page" >"$scratch/out.xml" 2>"$scratch/err"; then
        fail "$name: convert -t tree exited with $?"
        continue
    fi
    same_file "$golden" "$scratch/out.xml" "$name: tree differs from $(basename "$golden")"
done
finish
