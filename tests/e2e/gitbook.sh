#!/bin/sh
# GitBook constructs (fixtures/gitbook): each page's text, HTML fragment
# and DocBook outputs compared whole with its golden files (PAGE.txt,
# PAGE.html, PAGE.xml), the DocBook valid (jing), and the lint report of
# the default rules the one of PAGE.lint (empty: no finding).
. "$top_srcdir/tests/lib.sh"
require_tool jing "apt-get install jing"

SCHEMA=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
[ -f "$SCHEMA" ] || { echo "$SCHEMA not found: apt-get install docbook5-xml" >&2; exit 1; }
dir=$top_srcdir/fixtures/gitbook
cd "$top_srcdir" || exit 1

# golden PAGE EXT TYPE OPTIONS...: convert -t TYPE matches PAGE.EXT.
golden() {
    page=$1 ext=$2 type=$3; shift 3
    want=${page%.md}.$ext
    out=$scratch/$(basename "${page%.md}").$ext
    if ! "$ROLEDOC" convert -t "$type" "$@" "$page" >"$out" 2>"$scratch/err"; then
        fail "$(basename "$page"): convert -t $type exited with an error"
        cat "$scratch/err" >&2
        return
    fi
    same_as_golden "$want" "$out" "$(basename "$want"): output differs"
}

for page in fixtures/gitbook/*.md; do
    golden "$page" txt text
    golden "$page" html html --fragment
    golden "$page" xml docbook
    if jing "$SCHEMA" "$scratch/$(basename "${page%.md}").xml" >"$scratch/jing" 2>&1; then
        pass
    else
        fail "$(basename "$page"): DocBook not valid"
        grep -v '^\[warning\]' "$scratch/jing" | head -10 >&2
    fi
    lint=${page%.md}.lint
    [ -f "$lint" ] || continue
    "$ROLEDOC" lint --no-color "$page" >"$scratch/lint" 2>/dev/null
    same_as_golden "$lint" "$scratch/lint" "$(basename "$lint"): lint report differs"
done
# An include never reads through a symbolic link, nor outside the space.
mkdir -p "$scratch/space/.gitbook/includes" "$scratch/space/pages"
printf 'secret\n' >"$scratch/outside.md"
ln -s "$scratch/outside.md" "$scratch/space/.gitbook/includes/lien.md"
printf '# P\n\n{%% include "../.gitbook/includes/lien.md" %%}\n\n{%% include "../../outside.md" %%}\n' \
    >"$scratch/space/pages/p.md"
"$ROLEDOC" convert -t text "$scratch/space/pages/p.md" >"$scratch/p.txt" 2>"$scratch/p.err"
check "include: nothing read through a link or outside the space" \
    sh -c "! grep -q secret '$scratch/p.txt'"
check "include: the link refused, at the tag" \
    grep -q 'p.md:3:1: warning: include "../.gitbook/includes/lien.md" not shown: a symbolic link is on its way' "$scratch/p.err"
check "include: the escape refused, at the tag" \
    grep -q 'p.md:5:1: warning: include "../../outside.md" not shown: it leaves the space' "$scratch/p.err"
[ "$passes" -gt 0 ] || fail "no fixture in $dir"
finish
