#!/bin/sh
# Builds the seed corpus of each fuzzing harness (tests/fuzz/seeds/LAYER)
# from what the project already has: the fixtures and examples (pages), the
# shared reference page and corpus when they are there, the HTML payloads
# of the sanitizer's sweep, the rule files, findings made up here, the
# editor server's message streams; and each layer's regression inputs.
# Copied at build time, not kept twice in git.
# usage: make-seeds.sh SRCDIR OUTDIR "LAYERS"   (ROLEDOC_SHARED: the shared
#   material)
set -eu
srcdir=$1
out=$2
layers=$3
shared=${ROLEDOC_SHARED:-$srcdir/../shared}
rm -rf "$out"
mkdir -p "$out"

# copy DIR PREFIX PATTERN TO: one file per match, named after its path so
# that none overwrites another.
copy() {
    [ -d "$1" ] || return 0
    find "$1" -type f -name "$3" | sort |
    while IFS= read -r file; do
        name=$(printf '%s' "${file#"$1"/}" | tr '/ ' '__')
        cp "$file" "$4/$2$name"
        chmod 644 "$4/$2$name"
    done
}

pages() {
    copy "$srcdir/fixtures" fixture_ '*.md' "$1"
    copy "$srcdir/examples" example_ '*.md' "$1"
    if [ -d "$shared/seeds" ]; then copy "$shared/seeds" seed_ '*' "$1"; fi
    copy "$shared/corpus" corpus_ '*.md' "$1"
}

# Every 40th payload of the sanitizer's sweep, one a file.
payloads() {
    grep -v '^#' "$srcdir/fixtures/xss/payloads.txt" | awk -v dir="$1" \
        'NR % 40 == 1 { f = sprintf("%s/payload_%05d", dir, NR); print > f; close(f) }'
}

# A few findings as the reports layer reads them: file, rule, message and
# hint, each ended by a NUL byte.
findings() {
    printf 'a.md\0role-has-mission\0role "Coach" has no mission\0add a label\0' >"$1/plain"
    printf 'b.md\0x\0two\nlines\0\0c.md\0y\0esc \033]0;t\007 and ]]> <&"\0%%0A\0' >"$1/hostile"
    printf 'd.md\0z\0file.md:1:1: error: forged [x]\0::error::x\0' >"$1/forged"
}

# The configurations of the fixtures, each behind the byte that says how
# the harness reads it (odd, "y": YAML; even, "x": XML).
configs() {
    for f in $(find "$srcdir/fixtures" "$srcdir/docs" -name '*.yaml' -o -name '*.yml' | sort); do
        { printf 'y'; cat "$f"; } >"$1/config_yaml_$(basename "$f")"
    done
    for f in $(grep -rl 'urn:roledoc:config' "$srcdir/fixtures" --include='*.xml' | sort); do
        { printf 'x'; cat "$f"; } >"$1/config_xml_$(basename "$f")"
    done
}

for layer in $layers; do
    dir=$out/$layer
    mkdir -p "$dir"
    case $layer in
    rules) copy "$srcdir/rules" rule_ '*.xml' "$dir"
           copy "$srcdir/fixtures" fixture_ '*.xml' "$dir" ;;
    reports) findings "$dir" ;;
    config) configs "$dir" ;;
    lsp) copy "$srcdir/tests/fuzz/seeds-lsp" lsp_ '*' "$dir" ;;
    html) pages "$dir"; payloads "$dir" ;;
    *) pages "$dir" ;;
    esac
    copy "$srcdir/tests/fuzz/regressions/$layer" regression_ '*' "$dir"
    echo "fuzz seeds: $(ls "$dir" | wc -l) inputs in $dir"
done
