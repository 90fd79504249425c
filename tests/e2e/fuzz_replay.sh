#!/bin/sh
# The fuzzing harness's checks, without libFuzzer, over every fixture page
# and small pathological pages: every layer runs on each, every position
# lies inside the page, every output is well-formed. A failed check aborts
# the replay with its message, shown here.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "install python3"
replay="$top_builddir/tests/fuzz/replay"

# replays NAME ARGS...: one run of the harness over ARGS.
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
replays "fixture pages" $(cat "$scratch/pages")
check "every fixture page checked" \
    grep -q "replay: $(wc -l <"$scratch/pages") inputs checked" "$scratch/out"

# Deep and long pages, small enough for the slowest build to take.
mkdir "$scratch/deep"
for name in $(python3 "$top_srcdir/tests/pathological.py" --list | cut -f1); do
    python3 "$top_srcdir/tests/pathological.py" --scale 0.01 "$name" \
        "$scratch/deep/$name.md"
done
replays "pathological pages" "$scratch/deep"
check "every pathological page checked" \
    grep -q "replay: $(ls "$scratch/deep" | wc -l) inputs checked" "$scratch/out"
# The editor server's harness over its seeds (message streams: a session,
# CRLF and emoji, bad input).
replay=$top_builddir/tests/fuzz/replay_lsp
replays "editor server seeds" "$top_srcdir/tests/fuzz/lsp-seeds"
check "every editor server seed checked" \
    grep -q "replay: $(ls "$top_srcdir/tests/fuzz/lsp-seeds" | wc -l) inputs checked" "$scratch/out"
finish
