#!/bin/sh
# Progress on long work: in a pseudo-terminal (script), `roledoc book` and
# a multi-page `convert -O DIR` draw "roledoc: CMD: DONE/TOTAL PAGE" on
# standard error and erase it at the end; with standard error in a file
# they print none of it, and what they write does not change. Lint draws
# none, whatever its report format. The book is the fixture book, with
# missing pages.
. "$top_srcdir/tests/lib.sh"
require_tool script "apt-get install bsdutils"

ESC=$(printf '\033')
# The pseudo-terminal is a real one, whatever this script runs under.
TERM=xterm
export TERM
PROGRESS="roledoc: [a-z]*: [0-9][0-9]*/[0-9][0-9]*"

# in_terminal LOG COMMAND: runs the shell command in a pseudo-terminal;
# everything it shows goes to LOG, its exit status to $status.
in_terminal() {
    log=$1; shift
    script -qec "$1" /dev/null </dev/null >"$log" 2>&1
    status=$?
}

# drawn NAME LOG WHAT TOTAL: LOG shows the progress of WHAT from 0/TOTAL to
# (TOTAL-1)/TOTAL, and erases it last.
drawn() {
    if grep -q "roledoc: $3: 0/$4 " "$2" && grep -q "roledoc: $3: $(($4 - 1))/$4 " "$2"; then
        pass
    else
        fail "$1: no progress from 0/$4 to $(($4 - 1))/$4"
        od -c "$2" | head -10 >&2
    fi
    # The last thing on the line is the erase sequence (or what came after).
    last=$(tr '\n' '\r' <"$2" | awk 'BEGIN { RS = "\r" } /roledoc: '"$3"': [0-9]/ { n = NR } END { print n + 0 }')
    check "$1: the progress line is erased" \
        sh -c "tr '\n' '\r' <'$2' | awk 'BEGIN { RS = \"\\r\" } NR == $last + 1' | grep -q '^$ESC\[K'"
}

# silent NAME FILE: no progress line and no terminal control in FILE.
silent() {
    if grep -q "$PROGRESS" "$2" || grep -q "$ESC\[K" "$2"; then
        fail "$1: progress where there should be none"
        grep "$PROGRESS" "$2" | head -3 | od -c | head -5 >&2
    else
        pass
    fi
}

# ------------------------------------------------- convert -O, several pages

pages=$top_srcdir/fixtures/docbook
count=$(find "$pages" -name '*.md' | wc -l)
in_terminal "$scratch/convert.tty" \
    "'$ROLEDOC' convert -t docbook -O '$scratch/out-tty' '$pages'"
check "convert -O in a terminal: exit status 0 (was $status)" test "$status" -eq 0
drawn "convert -O in a terminal" "$scratch/convert.tty" convert "$count"
"$ROLEDOC" convert -t docbook -O "$scratch/out-file" "$pages" 2>"$scratch/convert.err"
check "convert -O, standard error to a file: exit status 0" test $? -eq 0
silent "convert -O, standard error to a file" "$scratch/convert.err"
check "convert -O: the same files with and without progress" \
    diff -r "$scratch/out-tty" "$scratch/out-file"

in_terminal "$scratch/one.tty" \
    "'$ROLEDOC' convert -t docbook -O '$scratch/one' '$pages/basic.md'"
silent "convert -O of one page" "$scratch/one.tty"
in_terminal "$scratch/stdout.tty" \
    "'$ROLEDOC' convert -t text '$pages/basic.md' '$pages/edge.md' >/dev/null"
silent "convert to standard output" "$scratch/stdout.tty"

# A warning while converting takes the progress line's place, on a line
# of its own.
mkdir "$scratch/bad"
printf '# Un\n' >"$scratch/bad/a.md"
printf '# Deux \377\n' >"$scratch/bad/b.md"
printf '# Trois\n' >"$scratch/bad/c.md"
in_terminal "$scratch/bad.tty" "'$ROLEDOC' convert -t text -O '$scratch/bad-out' '$scratch/bad'"
check "a warning starts its line, after the progress line is erased" \
    grep -q "${ESC}\[K$scratch/bad/b.md:1:8: warning: " "$scratch/bad.tty"

# ------------------------------------------------------------------ lint

formats=$("$ROLEDOC" lint --help | sed -n 's/.* format: *//p' | sed 's/(.*//')
for format in $formats; do
    in_terminal "$scratch/lint-$format.tty" \
        "'$ROLEDOC' lint -f $format '$top_srcdir/fixtures/lint'"
    silent "lint -f $format in a terminal" "$scratch/lint-$format.tty"
done

# ------------------------------------------------ book, the fixture book

SUMMARY=$top_srcdir/fixtures/docbook/book/SUMMARY.md
# One step per item of SUMMARY.md's lists.
total=$(grep -c '^ *[*-] ' "$SUMMARY")
in_terminal "$scratch/book.tty" "'$ROLEDOC' book '$SUMMARY' -o '$scratch/book-tty.xml'"
check "book in a terminal: exit status 0 (was $status)" test "$status" -eq 0
drawn "book in a terminal" "$scratch/book.tty" book "$total"
"$ROLEDOC" book "$SUMMARY" -o "$scratch/book-file.xml" 2>"$scratch/book.err"
check "book, standard error to a file: exit status 0" test $? -eq 0
silent "book, standard error to a file" "$scratch/book.err"
check "book: its warnings are there all the same" \
    grep -q 'warning: .*\[book-missing-page\]' "$scratch/book.err"
check "book: the same book with and without progress" \
    cmp -s "$scratch/book-tty.xml" "$scratch/book-file.xml"
in_terminal "$scratch/book-stdout.tty" \
    "'$ROLEDOC' book '$SUMMARY' 2>'$scratch/book2.err' >'$scratch/book-stdout.xml'"
silent "book with standard error to a file, in a terminal" "$scratch/book2.err"
finish
