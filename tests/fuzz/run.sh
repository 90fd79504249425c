#!/bin/sh
# Runs fuzzing harnesses for a fixed time over their seeds and the inputs
# they found in earlier runs, and prints how many inputs each executed,
# and how many a second. Fails on a crash, a leak, a timeout or a failed
# check, leaving the input that caused it as tests/fuzz/crash-LAYER-*
# (replay it with tests/fuzz/replay LAYER FILE, then keep it in
# tests/fuzz/regressions/LAYER/).
# usage (from the build directory, after make fuzz):
#   tests/fuzz/run.sh SECONDS LAYER    one harness
#   tests/fuzz/run.sh --all SECONDS    every harness, the time shared out
set -eu
here=$(cd "$(dirname "$0")" && pwd)

dict_of() {
    case $1 in
    source|liquid|html|rules|reports|lsp|config) echo "$here/dict/$1.dict" ;;
    *) echo "$here/dict/page.dict" ;;
    esac
}

# run_one SECONDS LAYER: prints its line; returns non-zero on a failure.
run_one() {
    seconds=$1 layer=$2
    fuzzer=tests/fuzz/fuzz_$layer seeds=tests/fuzz/seeds/$layer
    corpus=tests/fuzz/corpus/$layer log=tests/fuzz/run-$layer.log
    [ -x "$fuzzer" ] || { echo "run.sh: $fuzzer not built: run make fuzz" >&2; return 2; }
    [ -d "$seeds" ] || { echo "run.sh: no seeds in $seeds: run make fuzz" >&2; return 2; }
    mkdir -p "$corpus"
    status=0
    # -max_len keeps executions fast (the seeds may be longer: they are
    # read whole); -timeout flags an input that takes more than 10 s;
    # leaks are detected (LeakSanitizer) at each input.
    "$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
        -rss_limit_mb=4096 -print_final_stats=1 -dict="$(dict_of "$layer")" \
        -artifact_prefix="tests/fuzz/crash-$layer-" \
        "$corpus" "$seeds" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$status" -ne 0 ] || [ -z "$runs" ]; then
        tail -n 60 "$log" >&2
        echo "fuzz ($layer): FAILED (status $status); inputs:" \
             "$(ls tests/fuzz/crash-"$layer"-* 2>/dev/null | tr '\n' ' ')" >&2
        return 1
    fi
    echo "fuzz ($layer): $runs executions in $seconds s ($((runs / seconds))/s)," \
         "no crash, leak or failed check ($(ls "$corpus" | wc -l) inputs in the corpus)"
}

if [ "${1:-}" = --all ]; then
    total=${2:-600}
    layers=$(ls tests/fuzz/seeds)
    count=$(echo "$layers" | wc -w)
    share=$((total / count))
    [ "$share" -ge 1 ] || share=1
    failed=0
    for layer in $layers; do
        run_one "$share" "$layer" || failed=1
    done
    exit "$failed"
fi
run_one "${1:-300}" "${2:-parse}"
