#!/bin/sh
# Hostile bytes and bad paths: no crash, positions of bad bytes reported,
# clear messages and exit status 2 for I/O errors, no partial output.
. "$top_srcdir/tests/lib.sh"

# converts FILE to text and tree; both must exit 0.
converts() {
    "$ROLEDOC" convert -t text "$1" >"$scratch/out.txt" 2>"$scratch/err" &&
    "$ROLEDOC" convert -t tree "$1" >"$scratch/out.xml" 2>>"$scratch/err"
}

printf '# Titre\n\nUn octet \377 invalide.\n' >"$scratch/invalid.md"
check "invalid byte converts" converts "$scratch/invalid.md"
check "invalid byte position in the tree" \
    grep -q 'first-invalid-utf8="3:10"' "$scratch/out.xml"
check "invalid byte reported on stderr" \
    grep -q "invalid.md:3:10: warning: .*\[invalid-utf8\]" "$scratch/err"
check "invalid byte replaced by U+FFFD" grep -q "octet � invalide" "$scratch/out.txt"

# lint and convert word the invalid byte alike: FILE:LINE:COL: SEVERITY:
# MESSAGE [RULE], the same but for the severity (lint grades by its rule,
# convert warns).
"$ROLEDOC" convert -t text "$scratch/invalid.md" >/dev/null 2>"$scratch/convert.err"
status=$?
expect_status "invalid byte: convert" 0 "$scratch/convert.err"
"$ROLEDOC" lint --no-color "$scratch/invalid.md" >"$scratch/lint.out" 2>"$scratch/lint.err"
status=$?
expect_status "invalid byte: lint" 1 "$scratch/lint.err"
want="$scratch/invalid.md:3:10: SEVERITY: invalid UTF-8 byte 0xFF (1 invalid byte in the file) [invalid-utf8]"
for run in convert.err lint.out; do
    grep '\[invalid-utf8\]$' "$scratch/$run" |
        sed 's/^\([^:]*:[0-9]*:[0-9]*\): [a-z]*: /\1: SEVERITY: /' >"$scratch/$run.words"
done
printf '%s\n' "$want" >"$scratch/want.words"
same_file "$scratch/want.words" "$scratch/convert.err.words" "invalid byte: convert's message"
same_file "$scratch/convert.err.words" "$scratch/lint.out.words" "invalid byte: lint words it as convert does"
check "invalid byte: convert's severity" grep -q ":3:10: warning: invalid UTF-8" "$scratch/convert.err"
check "invalid byte: lint's severity" grep -q ":3:10: error: invalid UTF-8" "$scratch/lint.out"

printf '# A\n\nnul\000byte\000here\n' >"$scratch/nul.md"
check "NUL bytes convert" converts "$scratch/nul.md"
check "NUL bytes become U+FFFD" grep -q 'nul�byte�here' "$scratch/out.txt"

printf '# Titre\r\n\r\n* un\r\n* deux\r\n\r\n## Suite\r\n' >"$scratch/crlf.md"
check "CRLF converts" converts "$scratch/crlf.md"
check "CRLF lines counted once" grep -q '<heading line="6" col="1" level="2">' "$scratch/out.xml"

printf '# Titre\r\rtexte\r' >"$scratch/cr.md"
check "CR converts" converts "$scratch/cr.md"
check "CR lines counted" grep -q '<paragraph line="3" col="1">' "$scratch/out.xml"

printf '\357\273\277# Titre\n' >"$scratch/bom.md"
check "BOM converts" converts "$scratch/bom.md"
check "BOM skipped: heading at 1:1" grep -q '<heading line="1" col="1" level="1">' "$scratch/out.xml"
check "BOM not in text" sh -c "! grep -q \"$(printf '\357\273\277')\" '$scratch/out.txt'"

: >"$scratch/empty.md"
check "empty input converts" converts "$scratch/empty.md"
check "empty input gives empty text" test ! -s "$scratch/out.txt"

check "standard input" sh -c "printf '# A\n' | '$ROLEDOC' convert -t text - | grep -q '^A$'"

# A missing file: a message naming it and exit status 2.
"$ROLEDOC" convert -t text "$scratch/missing.md" >/dev/null 2>"$scratch/err"
check "missing file exits 2" test $? -eq 2
check "missing file named" grep -q "missing.md: No such file or directory" "$scratch/err"

# An unwritable output directory: exit 2, nothing written.
mkdir "$scratch/ro" && chmod 555 "$scratch/ro"
if [ "$(id -u)" -ne 0 ]; then
    "$ROLEDOC" convert -t text -o "$scratch/ro/out.txt" "$scratch/crlf.md" 2>"$scratch/err"
    check "unwritable output exits 2" test $? -eq 2
    check "unwritable output leaves nothing" sh -c "[ -z \"\$(ls -A '$scratch/ro')\" ]"
fi
# A failed input leaves no output file behind.
"$ROLEDOC" convert -t text -o "$scratch/out-missing.txt" "$scratch/missing.md" 2>/dev/null
check "failed run writes no -o file" test ! -e "$scratch/out-missing.txt"

# Output to a full disk.
if [ -w /dev/full ]; then
    "$ROLEDOC" convert -t text "$scratch/crlf.md" >/dev/full 2>"$scratch/err"
    check "full disk exits 2" test $? -eq 2
    check "full disk reported" grep -q "No space left on device" "$scratch/err"
fi

# Usage errors.
"$ROLEDOC" convert -t nosuch "$scratch/crlf.md" 2>"$scratch/err"
check "unknown format exits 2" test $? -eq 2
check "unknown format named" grep -q "unknown format 'nosuch'" "$scratch/err"
"$ROLEDOC" convert -t text --width abc "$scratch/crlf.md" 2>"$scratch/err"
check "bad width exits 2" test $? -eq 2
finish
