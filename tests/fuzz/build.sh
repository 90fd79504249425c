#!/bin/sh
# Builds the fuzzing harnesses (make fuzz runs this): the library's and the
# editor server's sources compiled once with libFuzzer's coverage and the
# sanitizers into tests/fuzz/obj/ (a file again only when its source or a
# header changed), the oracle (wellformed.c) without coverage, then one
# program per layer, tests/fuzz/fuzz_LAYER, from tests/fuzz/entry.c.
#
# usage: build.sh SRCDIR "LAYERS" CC "LIBS" SOURCES... -- CFLAGS...
#   (the compiler flags last, each an argument of its own: defines carry
#   quotes)
set -eu
srcdir=$1; layers=$2; cc=$3; libs=$4; shift 4
sources=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    sources="$sources $1"
    shift
done
[ $# -gt 0 ] && shift
obj=tests/fuzz/obj
mkdir -p "$obj"
# A header newer than an object rebuilds everything: simple and safe.
newest_header=$(find "$srcdir/include" "$srcdir/src" "$srcdir/tests/fuzz" -name '*.h' \
    -newer "$obj/.stamp" 2>/dev/null | head -n 1 || true)
[ -f "$obj/.stamp" ] || newest_header=all
objects=
for source in $sources; do
    case $source in *.c) ;; *) continue ;; esac
    o=$obj/$(printf '%s' "$source" | tr '/' '_' | sed 's/\.c$/.o/')
    if [ -n "$newest_header" ] || [ ! -f "$o" ] || [ "$srcdir/$source" -nt "$o" ]; then
        coverage=-fsanitize=fuzzer-no-link
        case $source in tests/fuzz/wellformed.c) coverage= ;; esac
        echo "  FUZZCC   $source"
        $cc "$@" $coverage -c -o "$o" "$srcdir/$source"
    fi
    objects="$objects $o"
done
touch "$obj/.stamp"
for layer in $layers; do
    fn=rd_fuzz_$(printf '%s' "$layer" | tr '-' '_')
    echo "  FUZZLD   tests/fuzz/fuzz_$layer"
    # shellcheck disable=SC2086 # objects and libraries are word lists
    $cc "$@" -fsanitize=fuzzer -DRD_FUZZ_LAYER="$fn" -o "tests/fuzz/fuzz_$layer" \
        "$srcdir/tests/fuzz/entry.c" $objects $libs
done
