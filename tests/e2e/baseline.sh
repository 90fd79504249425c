#!/bin/sh
# Baselines, on a copy of fixtures/baseline: --write-baseline then
# --baseline reports nothing (every format) and exits 0; after lines are
# added above the findings and a new problem is made, only the new finding
# is reported: in text, in JSON (its fingerprint there; the moved ones keep
# theirs) and in SARIF, where it alone is "new" and the known ones stay,
# "unchanged" and suppressed; SARIF and JSON stay valid against their
# schemas. Then a baseline named through another path, a broken one, a
# missing one. The SARIF reports are validated against the SARIF 2.1.0
# schema of the shared material with RD_TEST_REFERENCE set
# (baseline_reference.sh); the JSON ones always.
. "$top_srcdir/tests/lib.sh"
SARIF_SCHEMA=$SHARED/schemas/sarif-schema-2.1.0.json
[ -z "${RD_TEST_REFERENCE:-}" ] || require_shared "$SARIF_SCHEMA"
require_tool python3 "apt-get install python3"
python3 -c 'import jsonschema' 2>/dev/null || {
    echo "python3 has no jsonschema module: apt-get install python3-jsonschema" >&2
    exit 1
}

HELPER=$top_srcdir/tests/reports.py
JSON_SCHEMA=$top_srcdir/docs/lint-json.schema.json
cd "$scratch" || exit 1
mkdir space && cp "$top_srcdir"/fixtures/baseline/*.md space/

# lint_all DIR ARGS...: text, JSON and SARIF of one run in DIR; status in
# $status.
lint_all() {
    dir=$1; shift
    mkdir -p "$dir"
    "$ROLEDOC" lint --no-color -f text -o "$dir/text" -f json -o "$dir/json" \
        -f sarif -o "$dir/sarif" "$@" >"$dir/out" 2>"$dir/err"
    status=$?
}

# json_field REPORT EXPR: prints what the Python expression says of the
# JSON report `r`.
json_field() {
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}

valid() {
    [ -z "${RD_TEST_REFERENCE:-}" ] ||
        check "$2: SARIF valid against the SARIF 2.1.0 schema" \
            python3 "$HELPER" schema "$SARIF_SCHEMA" "$1/sarif"
    check "$2: JSON valid against docs/lint-json.schema.json" \
        python3 "$HELPER" schema "$JSON_SCHEMA" "$1/json"
}

lint_all before --write-baseline known.json space
expect_status "--write-baseline" 1 before/err
check "--write-baseline: the baseline is a roledoc baseline of every finding" \
    test "$(json_field known.json 'r["format"] + " " + str(len(r["findings"]))')" = "roledoc-baseline 9"
check "--write-baseline: the report is the whole one" test "$(wc -l <before/text)" -eq 9
check "--write-baseline: SARIF results carry partialFingerprints and fixes" \
    test "$(json_field before/sarif 'sum("partialFingerprints" in x for x in r["runs"][0]["results"]), sum("fixes" in x for x in r["runs"][0]["results"])')" = "(9, 4)"
check "--write-baseline: no baselineState without a baseline" \
    test "$(json_field before/sarif 'sum("baselineState" in x for x in r["runs"][0]["results"])')" = 0
valid before "every finding"

# Nothing new.
lint_all same --baseline known.json space
expect_status "--baseline, nothing new" 0 same/err
check "--baseline, nothing new: an empty text report" test ! -s same/text
check "--baseline, nothing new: no JSON finding" test "$(json_field same/json 'len(r["findings"])')" = 0
check "--baseline, nothing new: every SARIF result unchanged and suppressed" \
    test "$(json_field same/sarif '[(x["baselineState"], len(x["suppressions"])) for x in r["runs"][0]["results"]] == [("unchanged", 1)] * 9')" = True
check "--baseline, nothing new: the summary says what is known" \
    grep -qx 'roledoc: 2 pages linted: 0 errors, 0 warnings, 0 info (9 more in the baseline)' same/err
valid same "nothing new"

# Three lines added above the findings, and a new problem.
{ sed -n 1,2p space/coach.md; printf 'Deux lignes\najoutées.\n\n'; sed -n '3,$p' space/coach.md; } >coach.md &&
    mv coach.md space/coach.md
printf '\nVoir [la documentation](http://doc.incubateur.net).\n' >>space/intrapreneur.md
lint_all after --baseline known.json space
expect_status "--baseline, one new warning" 0 after/err
check "--baseline, after the edits: only the new finding, in text" test "$(cat after/text)" = \
    'space/intrapreneur.md:11:6: warning: "http://doc.incubateur.net" uses http:// [http-link]'
check "--baseline, after the edits: only the new finding, in JSON" \
    test "$(json_field after/json '[(f["line"], f["rule"]) for f in r["findings"]]')" = "[(11, 'http-link')]"
check "--baseline, after the edits: SARIF, the new one alone is new and not suppressed" \
    test "$(json_field after/sarif '[(x["locations"][0]["physicalLocation"]["region"]["startLine"], x["ruleId"]) for x in r["runs"][0]["results"] if x["baselineState"] == "new" and "suppressions" not in x]')" = "[(11, 'http-link')]"
check "--baseline, after the edits: SARIF, the nine known ones unchanged" \
    test "$(json_field after/sarif 'sum(x["baselineState"] == "unchanged" for x in r["runs"][0]["results"])')" = 9
valid after "after the edits"

# The moved findings kept their fingerprints: the same set, three lines
# down.
lint_all moved space
json_field before/json 'sorted((f["file"], f["rule"], f["line"] + (3 if f["file"].endswith("coach.md") and f["line"] > 2 else 0), f["fingerprint"]) for f in r["findings"])' >before.fp
json_field moved/json 'sorted((f["file"], f["rule"], f["line"], f["fingerprint"]) for f in r["findings"] if not f["file"].endswith("intrapreneur.md") or f["line"] != 11)' >moved.fp
check "findings three lines down keep their fingerprints" cmp -s before.fp moved.fp
check "two alike findings of a page have two fingerprints" \
    test "$(json_field moved/json 'len({f["fingerprint"] for f in r["findings"] if f["rule"] == "entity-artifact"})')" = 2

# A new error fails the run; a known one does not.
printf '\n![Le plan](plan.png)\n' >>space/intrapreneur.md
lint_all error --baseline known.json space
expect_status "--baseline, a new error" 1 error/err

# The baseline names pages as the findings do, "./" aside.
lint_all dotted --baseline known.json ./space
check "--baseline through ./space: the same findings are known" \
    grep -q '(9 more in the baseline)' dotted/err

# A baseline that cannot be used stops the run.
printf '{"format": "roledoc-baseline", "version": 1, "findings": [' >broken.json
"$ROLEDOC" lint --baseline broken.json space >/dev/null 2>broken.err
status=$?
expect_status "a broken baseline" 2 broken.err
check "a broken baseline: FILE:LINE:COL" grep -q '^broken.json:1:[0-9]*: ' broken.err
printf '{"format": "roledoc-lint", "version": 1, "findings": []}\n' >other.json
"$ROLEDOC" lint --baseline other.json space >/dev/null 2>other.err
status=$?
expect_status "a JSON file that is no baseline" 2 other.err
check "a JSON file that is no baseline: said" grep -q 'not a roledoc baseline' other.err
"$ROLEDOC" lint --baseline missing.json space >/dev/null 2>missing.err
status=$?
expect_status "a missing baseline" 2 missing.err
check "a missing baseline: named" grep -q 'missing.json' missing.err
finish
