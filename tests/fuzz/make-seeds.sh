#!/bin/sh
# Builds the fuzzer's seed corpus from the pages the project already has:
# the fixtures, and the shared reference page and corpus when they are
# there. Copied at build time, not kept twice in git.
# usage: make-seeds.sh SRCDIR OUTDIR   (ROLEDOC_SHARED: the shared material)
set -eu
srcdir=$1
out=$2
shared=${ROLEDOC_SHARED:-$srcdir/../shared}
rm -rf "$out"
mkdir -p "$out"
# One file per page, named after its path so that none overwrites another.
# copy_pages DIR PREFIX PATTERN
copy_pages() {
    find "$1" -type f -name "$3" | sort |
    while IFS= read -r page; do
        name=$(printf '%s' "${page#"$1"/}" | tr '/ ' '__')
        cp "$page" "$out/$2$name"
        chmod 644 "$out/$2$name"
    done
}
copy_pages "$srcdir/fixtures" fixture_ '*.md'
copy_pages "$srcdir/examples" example_ '*.md'
if [ -d "$shared/seeds" ]; then copy_pages "$shared/seeds" seed_ '*'; fi
if [ -d "$shared/corpus" ]; then copy_pages "$shared/corpus" corpus_ '*.md'; fi
echo "fuzz seeds: $(ls "$out" | wc -l) pages in $out"
