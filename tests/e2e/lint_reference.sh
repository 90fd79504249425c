#!/bin/sh
# roledoc lint on the shared material: the reference page and every page
# of the corpus.
. "$top_srcdir/tests/lib.sh"
require_shared "$SEED" "$SHARED/corpus"

# Acceptance: the reference page has no error once local targets (its
# images live elsewhere) are left out, and each of its six images with an
# empty alt is reported at its own line.
"$ROLEDOC" lint --no-color --disable local-target-exists "$SEED" >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "reference page" 0
check "reference page: no error-level finding" sh -c "! grep -q ': error: ' '$scratch/out'"
alt_lines=$(sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: warning: .*\[image-alt\]$/\1/p' "$scratch/out" | tr '\n' ' ')
check "reference page: empty alt at lines 10 29 50 75 92 109 (got $alt_lines)" \
    test "$alt_lines" = "10 29 50 75 92 109 "

# Acceptance: every page of the corpus is linted without a crash, and the
# exit status follows the findings.
pages=$(find "$SHARED/corpus" -name '*.md' -not -path '*/.git/*' \
        -not -path '*/.gitbook/assets/*' | wc -l)
"$ROLEDOC" lint --no-color "$SHARED/corpus" >"$scratch/out" 2>"$scratch/err"
status=$?
check "corpus: no crash (status $status)" test "$status" -le 2
check "corpus: every page linted ($pages)" \
    grep -q "^roledoc: $pages pages\? linted: " "$scratch/err"
if grep -q ': error: ' "$scratch/out"; then want=1; else want=0; fi
expect_status "corpus: status follows the findings" "$want"
finish
