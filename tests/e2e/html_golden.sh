#!/bin/sh
# HTML output of the fixtures in fixtures/html_out/ compared whole with
# their golden files: PAGE.html (standalone), PAGE.fragment.html
# (--fragment), PAGE.unsafe.html (--fragment --unsafe), whichever exist.
. "$top_srcdir/tests/lib.sh"

dir=$top_srcdir/fixtures/html_out

# compare PAGE GOLDEN OPTIONS...
compare() {
    page=$1 golden=$2; shift 2
    name=$(basename "$golden")
    if ! "$ROLEDOC" convert -t html "$@" "$page" >"$scratch/out.html" 2>"$scratch/err"; then
        fail "$name: convert -t html $* exited with an error"
        cat "$scratch/err" >&2
        return
    fi
    same_file "$golden" "$scratch/out.html" "$name: output differs from the golden file"
}

for page in "$dir"/*.md; do
    base=${page%.md}
    [ -f "$base.html" ] && compare "$page" "$base.html"
    [ -f "$base.fragment.html" ] && compare "$page" "$base.fragment.html" --fragment
    [ -f "$base.unsafe.html" ] && compare "$page" "$base.unsafe.html" --fragment --unsafe
done
[ "$passes" -gt 0 ] || fail "no golden file found in $dir"
finish
