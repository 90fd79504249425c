#!/bin/sh
# roledoc lint from the outside: the exact text report, exit statuses,
# colours, configuration, broken rules, unreadable pages. The reference
# page and the shared corpus: tests/e2e/lint_reference.sh.
#
# The report tests use the small rule set of fixtures/lint/rules, whose
# wording stays put when the default rules are reworded. Pages are named
# relative to the source tree, as the golden files show them.
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir" || exit 1
F=fixtures/lint

# lint_fmt ARGS...: lint with the fixtures' rule set; stdout in out, stderr
# in err, exit status in $status.
lint_fmt() {
    "$ROLEDOC" lint --no-color --rules "$F/rules" "$@" >"$scratch/out" 2>"$scratch/err"
    status=$?
}

# expect_out NAME GOLDEN: the last run's standard output, whole.
expect_out() {
    same_file "$2" "$scratch/out" "$1: report differs from $2"
}

# --------------------------------------------------------------- the report

lint_fmt "$F/clean.md"
expect_status "clean page" 0
check "clean page: empty report" test ! -s "$scratch/out"
check "clean page: summary on stderr" \
    grep -qx 'roledoc: 1 page linted: 0 errors, 0 warnings, 0 info' "$scratch/err"

lint_fmt "$F/findings.md"
expect_status "error-level finding" 1
expect_out "text report" "$F/findings.out"
check "summary counts" \
    grep -qx 'roledoc: 1 page linted: 1 error, 2 warnings, 1 info' "$scratch/err"
check "every line is PATH:LINE:COL: SEVERITY: MESSAGE [RULE-ID]" \
    sh -c "! grep -Ev '^[^:]+:[0-9]+:[0-9]+: (error|warning|info): .* \[[a-z0-9-]+\]\$' '$scratch/out'"

lint_fmt -o "$scratch/report.txt" "$F/findings.md"
expect_status "-o: status follows the findings" 1
check "-o: nothing on stdout" test ! -s "$scratch/out"
check "-o: the report in the file" cmp -s "$scratch/report.txt" "$F/findings.out"

lint_fmt "$F/inline.md"
expect_status "inline comments" 0
expect_out "inline comments" "$F/inline.out"

# Sorted by file then position, whatever the order on the command line.
lint_fmt "$F/warnings.md" "$F/findings.md"
{ cat "$F/findings.out"
  printf '%s\n' \
    "$F/warnings.md:3:1: warning: image a.png has no alt text [alt]" \
    "$F/warnings.md:3:17: warning: image b.png has no alt text [alt]"
} >"$scratch/want"
expect_out "two pages, sorted" "$scratch/want"
lint_fmt -j 3 "$F/warnings.md" "$F/findings.md" "$F/inline.md" "$F/tree"
cp "$scratch/out" "$scratch/parallel"
lint_fmt -j 1 "$F/warnings.md" "$F/findings.md" "$F/inline.md" "$F/tree"
check "-j 3 reports what -j 1 does" cmp -s "$scratch/out" "$scratch/parallel"

# --max-warnings: more warnings than allowed is a failure.
lint_fmt "$F/warnings.md"
expect_status "warnings only" 0
lint_fmt --max-warnings 2 "$F/warnings.md"
expect_status "--max-warnings 2 with 2 warnings" 0
lint_fmt --max-warnings 1 "$F/warnings.md"
expect_status "--max-warnings 1 with 2 warnings" 1
check "--max-warnings named in the summary" grep -q 'max-warnings 1' "$scratch/err"

# Directories are walked for *.md (not .gitbook/assets); a file named
# explicitly is linted whatever its extension; '-' is standard input.
lint_fmt "$F/tree"
printf '%s\n' "$F/tree/a.md:3:1: warning: image a.png has no alt text [alt]" \
    "$F/tree/sub/b.md:3:1: warning: image b.png has no alt text [alt]" >"$scratch/want"
expect_out "directory walked" "$scratch/want"
lint_fmt "$F/notes.txt"
check "explicit .txt file linted" grep -q "^$F/notes.txt:3:1: warning: " "$scratch/out"
"$ROLEDOC" lint --no-color --rules "$F/rules" - <"$F/findings.md" >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "standard input" 1
check "standard input: same findings" test "$(wc -l <"$scratch/out")" -eq 4

# Rule settings on the command line.
lint_fmt --disable title "$F/findings.md"
expect_status "--disable the error rule" 0
check "--disable: rule gone" sh -c "! grep -q '\[title\]' '$scratch/out'"
lint_fmt --severity alt=error "$F/warnings.md"
expect_status "--severity alt=error" 1
check "--severity: re-graded" grep -q ': error: image a.png' "$scratch/out"
lint_fmt --severity plain-http=off --enable plain-http "$F/findings.md"
check "--enable after --disable: the last one wins" grep -q '\[plain-http\]' "$scratch/out"

# ----------------------------------------------------------------- colour

if command -v script >/dev/null 2>&1; then
    # script(1) gives the command a terminal.
    on_tty() {
        script -qec "$1" /dev/null >"$scratch/tty" 2>&1 </dev/null
    }
    esc=$(printf '\033')
    on_tty "env -u NO_COLOR '$ROLEDOC' lint --rules $F/rules $F/warnings.md"
    check "colour on a terminal" grep -q "$esc\[" "$scratch/tty"
    on_tty "env NO_COLOR=1 '$ROLEDOC' lint --rules $F/rules $F/warnings.md"
    check "no colour with NO_COLOR" sh -c "! grep -q '$esc\[' '$scratch/tty'"
    on_tty "env -u NO_COLOR '$ROLEDOC' lint --no-color --rules $F/rules $F/warnings.md"
    check "no colour with --no-color" sh -c "! grep -q '$esc\[' '$scratch/tty'"
else
    echo "note: script(1) not found: colour on a terminal not tested" >&2
fi
env -u NO_COLOR "$ROLEDOC" lint --rules "$F/rules" "$F/warnings.md" >"$scratch/out" 2>&1
check "no colour into a pipe" sh -c "! grep -q \"$(printf '\033')\" '$scratch/out'"

# ------------------------------------------------------------ I/O trouble

# A missing page and one too large to read: each reported, the other pages
# linted, exit status 2.
truncate -s 65M "$scratch/huge.md" 2>/dev/null || dd if=/dev/zero of="$scratch/huge.md" bs=1M count=65 2>/dev/null
lint_fmt "$scratch/missing.md" "$scratch/huge.md" "$F/warnings.md"
expect_status "unreadable pages" 2
check "missing page named" grep -q 'missing.md' "$scratch/err"
check "too large page named" grep -q 'huge.md' "$scratch/err"
check "other pages still linted" grep -q "^$F/warnings.md:3:1: " "$scratch/out"
check "unreadable pages: summary counts the pages linted apart" \
    grep -qx 'roledoc: 1 page linted, 2 could not be read: 0 errors, 2 warnings, 0 info' "$scratch/err"

# A lone page that cannot be read: it is not counted as linted.
lint_fmt "$scratch/missing.md"
expect_status "missing page alone" 2
check "missing page alone: named" \
    grep -q "^roledoc: $scratch/missing.md: No such file or directory\$" "$scratch/err"
check "missing page alone: 0 pages linted, 1 could not be read" \
    grep -qx 'roledoc: 0 pages linted, 1 could not be read: 0 errors, 0 warnings, 0 info' "$scratch/err"
if [ "$(id -u)" -ne 0 ]; then
    printf '# X\n' >"$scratch/locked.md" && chmod 000 "$scratch/locked.md"
    lint_fmt "$scratch/locked.md" "$F/warnings.md"
    expect_status "unreadable page" 2
    check "unreadable page named" grep -q 'locked.md' "$scratch/err"
    check "other pages still linted" grep -q "^$F/warnings.md:3:1: " "$scratch/out"
fi

# ----------------------------------------------------------- usage errors

lint_fmt
expect_status "no page" 2
lint_fmt --no-such-option "$F/clean.md"
expect_status "unknown option" 2
lint_fmt -f no-such-format "$F/clean.md"
expect_status "unknown report format" 2
lint_fmt --severity alt=loud "$F/clean.md"
expect_status "bad --severity level" 2
lint_fmt --disable no-such-rule "$F/clean.md"
expect_status "unknown rule on the command line" 2
check "unknown rule named" grep -q 'no-such-rule' "$scratch/err"

# ----------------------------------------------------------- configuration

mkdir -p "$scratch/proj/pages"
cp "$F/findings.md" "$scratch/proj/pages/page.md"
cat >"$scratch/proj/.roledoc.xml" <<'EOF'
<roledoc xmlns="urn:roledoc:config:1">
  <rule id="title" severity="warning"/>
  <rule id="alt" severity="off"/>
</roledoc>
EOF
lint_fmt "$scratch/proj/pages/page.md"
expect_status "configuration above the page re-grades" 0
check "configuration: alt off" sh -c "! grep -q '\[alt\]' '$scratch/out'"
check "configuration: title a warning" grep -q ': warning: second title' "$scratch/out"
lint_fmt --severity title=error "$scratch/proj/pages/page.md"
expect_status "the command line wins over the configuration" 1
printf '<roledoc xmlns="urn:roledoc:config:1"/>\n' >"$scratch/neutral.xml"
lint_fmt --config "$scratch/neutral.xml" "$scratch/proj/pages/page.md"
expect_status "--config replaces the lookup" 1
check "--config: alt back" grep -q '\[alt\]' "$scratch/out"
printf '<roledoc xmlns="urn:roledoc:config:1">\n  <rule id="nope" severity="off"/>\n</roledoc>\n' \
    >"$scratch/proj/.roledoc.xml"
lint_fmt "$scratch/proj/pages/page.md"
expect_status "unknown rule in the configuration" 2
check "configuration error at FILE:LINE" \
    grep -qx "$scratch/proj/.roledoc.xml:2: unknown rule \"nope\"" "$scratch/err"

# ------------------------------------------------------------- broken rules

mkdir "$scratch/rules"
cp rules/*.xml rules/*.rng "$scratch/rules/"
printf '<rule xmlns="urn:roledoc:rules:1" id="broken" kind="image-alt" severity="error">\n<description>d</description>\n</rule>\n' \
    >"$scratch/rules/broken.xml"
"$ROLEDOC" lint --rules "$scratch/rules" "$F/clean.md" >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "broken rule file" 2
check "broken rule file: FILE:LINE: message" \
    grep -qx "$scratch/rules/broken.xml:1: <rule> has no <message>" "$scratch/err"
ROLEDOC_RULES="$scratch/rules" "$ROLEDOC" lint "$F/clean.md" >/dev/null 2>"$scratch/err"
status=$?
expect_status "ROLEDOC_RULES names the rules" 2
check "ROLEDOC_RULES: FILE:LINE" grep -q "^$scratch/rules/broken.xml:1: " "$scratch/err"
finish
