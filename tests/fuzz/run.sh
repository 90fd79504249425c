#!/bin/sh
# Runs a fuzzing harness for a fixed time over its seed corpus and the
# inputs it found in earlier runs, then prints how many inputs it
# executed. Fails on a crash, a leak or a failed check, leaving the input
# that caused it as tests/fuzz/crash-* (replay it with tests/fuzz/replay
# FILE, or tests/fuzz/replay_lsp FILE).
# usage: tests/fuzz/run.sh [SECONDS [HARNESS]]   (from the build directory;
#   default 300 s; HARNESS roledoc, the pages, or lsp, the editor server's
#   JSON-RPC reader; both built by make fuzz)
set -eu
seconds=${1:-300}
harness=${2:-roledoc}
here=$(cd "$(dirname "$0")" && pwd)
fuzzer=tests/fuzz/fuzz_$harness
case $harness in
    roledoc) seeds=tests/fuzz/seeds corpus=tests/fuzz/corpus dict=$here/roledoc.dict ;;
    lsp) seeds=$here/lsp-seeds corpus=tests/fuzz/corpus-lsp dict=$here/lsp.dict ;;
    *) echo "run.sh: no harness '$harness' (roledoc or lsp)" >&2; exit 2 ;;
esac
[ -x "$fuzzer" ] || { echo "run.sh: $fuzzer not built: run make fuzz" >&2; exit 2; }
[ -d "$seeds" ] || { echo "run.sh: no seed corpus: run make fuzz" >&2; exit 2; }
mkdir -p "$corpus"
log=tests/fuzz/run.log
status=0
# -max_len keeps executions fast (the seeds may be longer: they are read
# whole, and 4 KB hold thousands of nesting levels); -timeout flags an
# input that takes more than 10 s; leaks are detected (LeakSanitizer) at
# each input.
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -dict="$dict" \
    -artifact_prefix=tests/fuzz/crash- \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
if [ "$status" -ne 0 ] || [ -z "$runs" ]; then
    tail -n 60 "$log" >&2
    echo "fuzz: FAILED (status $status); inputs: $(ls tests/fuzz/crash-* 2>/dev/null | tr '\n' ' ')" >&2
    exit 1
fi
echo "fuzz ($harness): $runs executions in $seconds s, no crash, leak or failed check" \
     "($(ls "$corpus" | wc -l) inputs in the corpus)"
