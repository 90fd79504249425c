#!/bin/sh
# The fuzzing harnesses' checks, without libFuzzer (tests/fuzz/replay):
# every layer at once over every fixture page and small pathological
# pages; the editor server's layer over its message streams; and every
# layer over its regression inputs (tests/fuzz/regressions/LAYER: inputs
# a fuzzer once failed on). A failed check aborts the replay with its
# message, shown here.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "install python3"
replay="$top_builddir/tests/fuzz/replay"

# replays NAME LAYER ARGS...: one run of a layer over ARGS.
replays() {
    name=$1; shift
    if ${RD_TEST_RUNNER:-} "$replay" "$@" >"$scratch/out" 2>"$scratch/err"; then
        pass
    else
        cat "$scratch/err" >&2
        fail "$name"
    fi
}

find "$top_srcdir/fixtures" "$top_srcdir/examples" -type f -name '*.md' |
    sort >"$scratch/pages"
# shellcheck disable=SC2046 # page paths have no blanks
replays "fixture pages" pipeline $(cat "$scratch/pages")
check "every fixture page checked" \
    grep -q "replay: $(wc -l <"$scratch/pages") inputs checked" "$scratch/out"

# Deep and long pages, small enough for the slowest build to take.
mkdir "$scratch/deep"
for name in $(python3 "$top_srcdir/tests/pathological.py" --list | cut -f1); do
    python3 "$top_srcdir/tests/pathological.py" --scale 0.01 "$name" \
        "$scratch/deep/$name.md"
done
replays "pathological pages" pipeline "$scratch/deep"
check "every pathological page checked" \
    grep -q "replay: $(ls "$scratch/deep" | wc -l) inputs checked" "$scratch/out"

# The editor server's layer over its seeds (a session, CRLF and emoji, bad
# input).
seeds=$top_srcdir/tests/fuzz/seeds-lsp
replays "editor server seeds" lsp "$seeds"
check "every editor server seed checked" \
    grep -q "replay: $(ls "$seeds" | wc -l) inputs checked" "$scratch/out"

# Every layer runs, and over its regression inputs when it has some.
"$replay" --list >"$scratch/layers"
check "the harness has its layers" test "$(wc -l <"$scratch/layers")" -ge 12
while IFS="$(printf '\t')" read -r layer what; do
    replays "layer $layer on an empty input" "$layer" /dev/null
    dir=$top_srcdir/tests/fuzz/regressions/$layer
    [ -d "$dir" ] && replays "layer $layer: its regression inputs" "$layer" "$dir"
done <"$scratch/layers"
finish
