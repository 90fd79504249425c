#!/bin/sh
# Runs the fuzzing harness for a fixed time over the seed corpus (built by
# make fuzz) and the inputs it found in earlier runs, then prints how many
# inputs it executed. Fails on a crash, a leak or a failed check, leaving
# the input that caused it as tests/fuzz/crash-* (replay it with
# tests/fuzz/replay FILE).
# usage: tests/fuzz/run.sh [SECONDS]   (from the build directory; default 300)
set -eu
seconds=${1:-300}
here=$(cd "$(dirname "$0")" && pwd)
fuzzer=tests/fuzz/fuzz_roledoc
[ -x "$fuzzer" ] || { echo "run.sh: $fuzzer not built: run make fuzz" >&2; exit 2; }
[ -d tests/fuzz/seeds ] || { echo "run.sh: no seed corpus: run make fuzz" >&2; exit 2; }
mkdir -p tests/fuzz/corpus
log=tests/fuzz/run.log
status=0
# -max_len keeps executions fast (the seeds may be longer: they are read
# whole, and 4 KB hold thousands of nesting levels); -timeout flags an
# input that takes more than 10 s; leaks are detected (LeakSanitizer) at
# each input.
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -dict="$here/roledoc.dict" \
    -artifact_prefix=tests/fuzz/crash- \
    tests/fuzz/corpus tests/fuzz/seeds >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
if [ "$status" -ne 0 ] || [ -z "$runs" ]; then
    tail -n 60 "$log" >&2
    echo "fuzz: FAILED (status $status); inputs: $(ls tests/fuzz/crash-* 2>/dev/null | tr '\n' ' ')" >&2
    exit 1
fi
echo "fuzz: $runs executions in $seconds s, no crash, leak or failed check" \
     "($(ls tests/fuzz/corpus | wc -l) inputs in the corpus)"
