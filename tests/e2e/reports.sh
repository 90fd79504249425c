#!/bin/sh
# The lint report formats: golden files for text, json, junit and github
# (compared whole); the JSON report against its shipped schema, the SARIF
# report against the official SARIF 2.1.0 schema (python3-jsonschema),
# JUnit well-formed with counts that add up, HTML valid for the Nu HTML
# Checker; every format reporting the same findings as the others (each
# parsed back by tests/reports.py); -f/-o pairs, paths, stable output.
# With RD_TEST_REFERENCE set (reports_reference.sh), which needs the shared
# material, the SARIF reports are also validated against the SARIF 2.1.0
# schema found there, and the same is done on the shared corpus.
#
# The golden files use the small rule set of fixtures/reports/rules, whose
# wording stays put when the default rules are reworded.
# ROLEDOC_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing
# (review the diff before committing).
. "$top_srcdir/tests/lib.sh"
SARIF_SCHEMA=$SHARED/schemas/sarif-schema-2.1.0.json
[ -z "${RD_TEST_REFERENCE:-}" ] || require_shared "$SARIF_SCHEMA" "$SHARED/corpus" "$SEED"
require_tool python3 "apt-get install python3"
require_tool xmllint "apt-get install libxml2-utils"
python3 -c 'import jsonschema' 2>/dev/null || {
    echo "python3 has no jsonschema module: apt-get install python3-jsonschema" >&2
    exit 1
}
JUNIT_PYTHON=$(python_with junitparser) || {
    echo "no python3 with the junitparser module: apt-get install python3-junitparser" >&2
    exit 1
}

cd "$top_srcdir" || exit 1
F=fixtures/reports
HELPER=$top_srcdir/tests/reports.py
JUNIT_READER=$top_srcdir/tests/junit_reader.py
JUNIT_XSD=docs/junit.xsd
FORMATS="text json sarif junit github html"

# lint_reports DIR ARGS...: one run writing every format into DIR/report.FORMAT
# (one -f/-o pair each); exit status in $status, stderr in DIR/err.
lint_reports() {
    dir=$1; shift
    mkdir -p "$dir"
    set -- -f text -o "$dir/report.text" -f json -o "$dir/report.json" \
        -f sarif -o "$dir/report.sarif" -f junit -o "$dir/report.junit" \
        -f github -o "$dir/report.github" -f html -o "$dir/report.html" "$@"
    "$ROLEDOC" lint --no-color "$@" >"$dir/out" 2>"$dir/err"
    status=$?
}

# golden GOT WANT: GOT equals WANT byte for byte (or becomes it when
# updating).
golden() {
    same_as_golden "$2" "$1" "report differs from $2"
}

# stable REPORT: the report with what changes from run to run (JUnit's
# times, timestamp and hostname) written as a placeholder, on stdout.
stable() {
    sed 's/ time="[0-9.]*"/ time="TIME"/g; s/ timestamp="[^"]*"/ timestamp="TIMESTAMP"/g;
         s/ hostname="[^"]*"/ hostname="HOSTNAME"/g' "$1"
}

# sarif_schema WHAT REPORT: with RD_TEST_REFERENCE set, REPORT is valid
# against the SARIF 2.1.0 schema.
sarif_schema() {
    [ -z "${RD_TEST_REFERENCE:-}" ] ||
        check "$1: SARIF report valid against $SARIF_SCHEMA" \
            python3 "$HELPER" schema "$SARIF_SCHEMA" "$2"
}

# valid_reports DIR WHAT: the JSON, SARIF and JUnit reports of DIR are what
# their formats require.
valid_reports() {
    check "$2: JSON report matches docs/lint-json.schema.json" \
        python3 "$HELPER" schema docs/lint-json.schema.json "$1/report.json"
    sarif_schema "$2" "$1/report.sarif"
    check "$2: every SARIF ruleId among the driver's rules" \
        python3 "$HELPER" sarif "$1/report.sarif"
    check "$2: JUnit report well-formed" xmllint --noout "$1/report.junit"
    check "$2: JUnit counts add up" python3 "$HELPER" junit "$1/report.junit"
    check "$2: JUnit report valid against $JUNIT_XSD" \
        xmllint --noout --schema "$JUNIT_XSD" "$1/report.junit"
    check "$2: JUnit report read by junitparser, counts and times there" \
        sh -c '"$1" "$2" "$3" >"$4"' sh "$JUNIT_PYTHON" "$JUNIT_READER" \
        "$1/report.junit" "$1/junitparser.tsv"
}

# same_findings DIR WHAT: every format of DIR gives the findings of the
# text report: same count, files, positions, rules, severities, messages.
# JUnit groups them by rule, so it is compared in sorted order.
same_findings() {
    python3 "$HELPER" findings text "$1/report.text" >"$1/text.tsv" ||
        { fail "$2: text report unreadable"; return; }
    sort "$1/text.tsv" >"$1/text.sorted"
    if [ ! -s "$1/text.tsv" ] && [ "${3:-}" != empty ]; then
        fail "$2: no findings at all (the cross-check would prove nothing)"
    fi
    for fmt in json sarif github html; do
        if python3 "$HELPER" findings "$fmt" "$1/report.$fmt" >"$1/$fmt.tsv" &&
           diff -u "$1/text.tsv" "$1/$fmt.tsv" >"$scratch/diff"; then
            pass
        else
            fail "$2: the $fmt report does not give the text report's findings"
            head -20 "$scratch/diff" >&2
        fi
    done
    if python3 "$HELPER" findings junit "$1/report.junit" | sort >"$1/junit.sorted" &&
       diff -u "$1/text.sorted" "$1/junit.sorted" >"$scratch/diff"; then
        pass
    else
        fail "$2: the junit report does not give the text report's findings"
        head -20 "$scratch/diff" >&2
    fi
    if "$JUNIT_PYTHON" "$JUNIT_READER" "$1/report.junit" 2>/dev/null | sort |
       diff -u "$1/text.sorted" - >"$scratch/diff"; then
        pass
    else
        fail "$2: junitparser does not read the text report's findings in the junit report"
        head -20 "$scratch/diff" >&2
    fi
}

# ------------------------------------------------------------ golden files

lint_reports "$scratch/fix" --rules "$F/rules" "$F/roles.md" "$F/clean.md"
expect_status "fixtures: error-level findings" 1 "$dir/err"
check "fixtures: no report on stdout when every one has -o" test ! -s "$scratch/fix/out"
golden "$scratch/fix/report.text" "$F/report.txt"
golden "$scratch/fix/report.json" "$F/report.json"
stable "$scratch/fix/report.junit" >"$scratch/fix/report.junit.stable"
golden "$scratch/fix/report.junit.stable" "$F/report.junit.xml"
golden "$scratch/fix/report.github" "$F/report.github.txt"
check "fixtures: one pass, one summary" \
    grep -qx 'roledoc: 2 pages linted: 2 errors, 1 warning, 1 info' "$scratch/fix/err"
valid_reports "$scratch/fix" fixtures
same_findings "$scratch/fix" fixtures

# Each format alone on standard output gives what the pair wrote.
for fmt in $FORMATS; do
    "$ROLEDOC" lint --no-color --rules "$F/rules" -f "$fmt" "$F/roles.md" "$F/clean.md" \
        >"$scratch/alone" 2>/dev/null
    if [ "$fmt" = sarif ]; then
        check "-f sarif alone: same report" cmp -s "$scratch/alone" "$scratch/fix/report.sarif"
    elif [ "$fmt" = junit ]; then
        stable "$scratch/alone" >"$scratch/alone.stable"
        check "-f junit alone: same report, times aside" \
            cmp -s "$scratch/alone.stable" "$scratch/fix/report.junit.stable"
    else
        check "-f $fmt alone: same report" cmp -s "$scratch/alone" "$scratch/fix/report.$fmt"
    fi
done

# The SARIF driver with the default rules: every rule, its help the
# rule's documentation page.
lint_reports "$scratch/default" "$F/roles.md"
check "default rules: every rule's help is docs/rules/ID.md" \
    python3 "$HELPER" sarif "$scratch/default/report.sarif" docs/rules
valid_reports "$scratch/default" "default rules"
same_findings "$scratch/default" "default rules"

# No findings at all: every report still well-formed.
lint_reports "$scratch/clean" --rules "$F/rules" "$F/clean.md"
expect_status "clean page" 0 "$dir/err"
valid_reports "$scratch/clean" "clean page"
same_findings "$scratch/clean" "clean page" empty
check "clean page: empty text and github reports" \
    sh -c "test ! -s '$scratch/clean/report.text' && test ! -s '$scratch/clean/report.github'"

# ----------------------------------------------------------------- paths

# Paths as given: relative stays relative (even with ./ or ..), in every
# format; absolute ones become file: URIs in SARIF.
lint_reports "$scratch/dot" --rules "$F/rules" "./$F/roles.md"
check "./ kept in json" grep -q "\"file\": \"./$F/roles.md\"" "$scratch/dot/report.json"
check "./ kept in sarif, relative to %SRCROOT%" \
    grep -q "\"uri\": \"./$F/roles.md\", \"uriBaseId\": \"%SRCROOT%\"" "$scratch/dot/report.sarif"
check "./ kept in junit" grep -q "<testsuite name=\"./$F/roles.md\"" "$scratch/dot/report.junit"
same_findings "$scratch/dot" "./ path"
cp "$F/roles.md" "$scratch/abs.md"
lint_reports "$scratch/abs" --rules "$F/rules" "$scratch/abs.md"
check "absolute path: a file URI in SARIF" \
    grep -q "\"uri\": \"file://$scratch/abs.md\"" "$scratch/abs/report.sarif"
valid_reports "$scratch/abs" "absolute path"
same_findings "$scratch/abs" "absolute path"

# A page whose name and text need escaping in every format: ',' and ':'
# (GitHub properties), '%' (GitHub and URIs), blanks, quotes, '<' and '&',
# non-ASCII letters, a control character and bytes that are not UTF-8.
odd="$scratch/odd dir/a, b: 100% \"é\" <&>.md"
mkdir -p "$scratch/odd dir"
printf '# Titre\n\nVoir <http://example.org/a,b:c%%20d?x=1&y=2> et ![](<a b, "q" & c%%.png>) et caf\351.\n\n# Deux \001 & "trois" <i>x</i>\n' >"$odd"
lint_reports "$scratch/odd" --rules "$F/rules" "$odd" "$F/roles.md"
expect_status "odd page" 1 "$dir/err"
valid_reports "$scratch/odd" "odd page"
same_findings "$scratch/odd" "odd page"
check "odd page: ',' and ':' escaped in GitHub properties, '%' everywhere" \
    grep -q 'file=.*a%2C b%3A 100%25 .*::image a b, "q" & c%25.png has no alt text%0Ahint: ' \
    "$scratch/odd/report.github"
check "odd page: percent-encoded in SARIF" grep -q 'a,%20b%3A%20100%25%20%22%C3%A9%22%20%3C&%3E.md' "$scratch/odd/report.sarif"

# Standard input is "<stdin>" in every format.
lint_reports "$scratch/stdin" --rules "$F/rules" - <"$F/roles.md"
check "stdin: named <stdin> in the files" grep -q '"path": "<stdin>"' "$scratch/stdin/report.json"
same_findings "$scratch/stdin" "standard input"

# ------------------------------------------------------------- stability

# The same run twice gives the same bytes (no timestamp, fixed order), in
# parallel too.
lint_reports "$scratch/again" --rules "$F/rules" -j 3 "$F/clean.md" "$F/roles.md"
for fmt in $FORMATS; do
    if [ "$fmt" = junit ]; then
        stable "$scratch/again/report.junit" >"$scratch/again/report.junit.stable"
        check "junit: same report run after run, and with -j 3, times aside" \
            cmp -s "$scratch/fix/report.junit.stable" "$scratch/again/report.junit.stable"
        continue
    fi
    check "$fmt: same report run after run, and with -j 3" \
        cmp -s "$scratch/fix/report.$fmt" "$scratch/again/report.$fmt"
done
# SOURCE_DATE_EPOCH makes the JUnit timestamp that of the build.
SOURCE_DATE_EPOCH=1700000000 "$ROLEDOC" lint --rules "$F/rules" -f junit "$F/clean.md" \
    >"$scratch/epoch.xml" 2>/dev/null
check "junit: SOURCE_DATE_EPOCH gives the timestamp (UTC)" \
    grep -q 'timestamp="2023-11-14T22:13:20"' "$scratch/epoch.xml"

# The schema is no formality: without a hostname the report is refused.
sed 's/ hostname="[^"]*"//' "$scratch/fix/report.junit" >"$scratch/nohost.xml"
check "junit: $JUNIT_XSD refuses a testsuite with no hostname" \
    sh -c '! xmllint --noout --schema "$1" "$2" 2>/dev/null' sh "$JUNIT_XSD" "$scratch/nohost.xml"

# ------------------------------------------------------------- -f and -o

dir=$scratch/pairs
mkdir -p "$dir"
"$ROLEDOC" lint --rules "$F/rules" -o "$dir/a.json" -f json -f github "$F/roles.md" \
    >"$dir/out" 2>"$dir/err"
status=$?
expect_status "-o before -f" 1 "$dir/err"
check "-o FILE -f json: the JSON report in FILE" \
    python3 "$HELPER" schema docs/lint-json.schema.json "$dir/a.json"
check "-f github without -o: on stdout" grep -q '^::error ' "$dir/out"

"$ROLEDOC" lint --rules "$F/rules" -f json -f sarif "$F/roles.md" >"$dir/out" 2>"$dir/err"
status=$?
expect_status "two reports on stdout" 2 "$dir/err"
check "two reports on stdout: said" grep -q 'two reports would go to standard output' "$dir/err"
check "two reports on stdout: nothing written" test ! -s "$dir/out"
"$ROLEDOC" lint --rules "$F/rules" -f json -o "$dir/same" -f sarif -o "$dir/same" "$F/roles.md" \
    >"$dir/out" 2>"$dir/err"
status=$?
expect_status "two reports in one file" 2 "$dir/err"
check "two reports in one file: named" grep -q "two reports would go to $dir/same" "$dir/err"
"$ROLEDOC" lint --rules "$F/rules" -f yaml "$F/roles.md" >"$dir/out" 2>"$dir/err"
status=$?
expect_status "unknown format" 2 "$dir/err"
check "unknown format: named" grep -q "unknown report format 'yaml'" "$dir/err"

# A report that cannot be written: said, exit status 2, the other reports
# written all the same, and a file already there left as it was.
echo "previous" >"$dir/kept.json"
chmod 555 "$dir" 2>/dev/null
"$ROLEDOC" lint --rules "$F/rules" -f json -o "$dir/missing/r.json" -f sarif -o "$scratch/r.sarif" \
    "$F/roles.md" >"$scratch/out" 2>"$scratch/err"
status=$?
dir=$scratch
expect_status "unwritable report" 2 "$dir/err"
check "unwritable report: named" grep -q "missing/r.json" "$scratch/err"
check "unwritable report: the other one written" \
    python3 "$HELPER" sarif "$scratch/r.sarif"
sarif_schema "unwritable report: the other one" "$scratch/r.sarif"
if [ "$(id -u)" -ne 0 ]; then
    "$ROLEDOC" lint --rules "$F/rules" -f json -o "$scratch/pairs/kept.json" "$F/roles.md" \
        >/dev/null 2>"$scratch/err"
    status=$?
    expect_status "report in a read-only directory" 2 "$dir/err"
    check "read-only directory: the old report left whole" grep -qx previous "$scratch/pairs/kept.json"
fi
chmod 755 "$scratch/pairs"

# ------------------------------------------------------------------ HTML


# The corpus and the reference page.
if [ -n "${RD_TEST_REFERENCE:-}" ]; then
    lint_reports "$scratch/corpus" "$SHARED/corpus" "$SEED"
    expect_status "corpus: error-level findings" 1 "$dir/err"
    valid_reports "$scratch/corpus" corpus
    same_findings "$scratch/corpus" corpus
    check "corpus: every finding's source line quoted in HTML" \
        test "$(grep -c '^<pre><span class="lineno">' "$scratch/corpus/report.html")" -eq \
             "$(wc -l <"$scratch/corpus/report.text")"
fi

html_reports=$(ls "$scratch"/*/report.html)
if jar=$(find_vnu) && command -v java >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    if java -jar "$jar" --errors-only --format gnu $html_reports >"$scratch/vnu.out" 2>&1 &&
       [ ! -s "$scratch/vnu.out" ]; then
        pass
    else
        fail "the Nu HTML Checker reports errors in the HTML reports:"
        sed "s|$scratch/||" "$scratch/vnu.out" | head -20 >&2
    fi
elif [ -n "${CI:-}" ]; then
    fail "vnu.jar or java not found (CI must check the HTML reports): see tests/e2e/html_vnu.sh"
else
    echo "note: vnu.jar or java not found: HTML reports not validated (see tests/e2e/html_vnu.sh)" >&2
fi
finish
