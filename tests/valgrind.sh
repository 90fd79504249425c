#!/bin/sh
# Runs the program under test in `make check-valgrind` under valgrind's
# memcheck (through the stand-in tests/valgrind-bin/roledoc, which sets
# the variables below). A memory error or a leak makes the run exit 99
# and leaves a log in $VALGRIND_LOGDIR, which check-valgrind reads once
# the tests are over (a test that ignores the exit status cannot hide the
# error).
# usage: valgrind.sh ARGS...               runs src/roledoc ARGS
#        valgrind.sh --program PATH ARGS... runs PATH ARGS
: "${top_builddir:?top_builddir is not set: run through make check-valgrind}"
: "${VALGRIND_LOGDIR:?VALGRIND_LOGDIR is not set: run through make check-valgrind}"
program=$top_builddir/src/roledoc
if [ "${1:-}" = --program ]; then
    program=$2
    shift 2
fi
# Leaks that count: memory no pointer reaches any more (definite,
# indirect) or only through its middle (possible); what libxml2 keeps
# for the whole process is still reachable and does not count.
exec valgrind --quiet --tool=memcheck --error-exitcode=99 \
    --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    --num-callers=30 \
    --log-file="$VALGRIND_LOGDIR/%p.log" "$program" "$@"
