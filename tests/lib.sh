# Shared helpers of the end-to-end tests (sourced). The test driver sets
# ROLEDOC (the binary), top_srcdir and ROLEDOC_SHARED.
: "${ROLEDOC:?ROLEDOC is not set: run through make check}"
: "${top_srcdir:?top_srcdir is not set: run through make check}"
SHARED=${ROLEDOC_SHARED:-$top_srcdir/../shared}
SEED=$SHARED/seeds/000_7f22756ad28d8d77.txt

failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# check NAME COMMAND...: runs a command as one test.
check() {
    name=$1; shift
    if "$@"; then pass; else fail "$name"; fi
}

# missing_input WHAT: an input the test cannot do without is absent. Under
# CI it must be there, so its absence is a failure; elsewhere the test is
# skipped (exit 77), saying what it lacks.
missing_input() {
    if [ -n "${CI:-}" ]; then
        echo "$1 (CI expects it)" >&2
        exit 1
    fi
    echo "SKIP: $1" >&2
    exit 77
}

# require_file FILE HINT: FILE is there, else missing_input (HINT says how
# to get it).
require_file() {
    [ -e "$1" ] || missing_input "needs $1 ($2)"
}

# require_shared PATH...: files or folders of the shared material
# ($ROLEDOC_SHARED, by default ../shared beside the source tree) the test
# reads; the first one missing is named.
require_shared() {
    for rs_path in "$@"; do
        require_file "$rs_path" "the shared material: set ROLEDOC_SHARED"
    done
}

# require_docbook: jing, xsltproc, the DocBook 5.0 RELAX NG schema ($SCHEMA)
# and the DocBook XSL stylesheets, HTML ($XSL) and FO ($FO_XSL); a missing
# one is a failure, with the package that brings it.
require_docbook() {
    require_tool jing "apt-get install jing"
    require_tool xsltproc "apt-get install xsltproc"
    SCHEMA=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
    XSL=/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/html/docbook.xsl
    FO_XSL=/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/fo/docbook.xsl
    for f in "$SCHEMA:docbook5-xml" "$XSL:docbook-xsl-ns" "$FO_XSL:docbook-xsl-ns"; do
        if [ ! -f "${f%:*}" ]; then
            echo "${f%:*} not found: apt-get install ${f##*:}" >&2
            exit 1
        fi
    done
}

# docbook_valid NAME FILE...: the files are valid DocBook 5.0 (after
# require_docbook); one jing run for many files (its start is slow), jing
# names each invalid file in its messages.
docbook_valid() {
    name=$1; shift
    if jing "$SCHEMA" "$@" >"$scratch/jing.out" 2>&1; then
        pass
    else
        fail "$name: not valid DocBook 5.0"
        grep -v '^\[warning\]' "$scratch/jing.out" | head -20 >&2
    fi
}

# docbook_convert OUT ARGS...: roledoc convert -t docbook ARGS > OUT, exit 0.
docbook_convert() {
    out=$1; shift
    if "$ROLEDOC" convert -t docbook "$@" >"$out" 2>"$scratch/convert.err"; then
        pass
    else
        fail "convert -t docbook $*: exit status $?"
        head -5 "$scratch/convert.err" >&2
    fi
}

# screenshot_written FILE: FILE is a PNG the browser wrote (passes, and
# names it); else a failure with the end of $scratch/browser.err.
screenshot_written() {
    if [ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = "PNG" ]; then
        echo "screenshot: $1"
        pass
    else
        fail "no screenshot $1"
        tail -20 "$scratch/browser.err" >&2
    fi
}

# require_tool NAME HINT: a tool the test needs; missing is a failure.
require_tool() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "$1 not found: $2" >&2
        exit 1
    fi
}

# python_with MODULE: prints a python3 that imports MODULE: python3 on the
# PATH, else Debian's /usr/bin/python3 (where python3-MODULE packages go,
# when another python3 comes first on the PATH); fails when neither does.
python_with() {
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c "import $1" 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/roledoc-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# same_file WANT GOT WHAT: GOT equals WANT byte for byte, whole; when it
# does not, the test WHAT fails and the start of the difference is shown.
# With ROLEDOC_UPDATE_GOLDEN set, a golden file is rewritten instead
# (same_as_golden WANT GOT WHAT).
same_file() {
    if diff -u "$1" "$2" >"$scratch/diff"; then pass; else
        fail "$3"
        head -60 "$scratch/diff" >&2
    fi
}
same_as_golden() {
    [ -n "${ROLEDOC_UPDATE_GOLDEN:-}" ] && cp "$2" "$1"
    same_file "$@"
}

# expect_status NAME WANT [ERRFILE]: the last run's exit status ($status)
# is WANT; when it is not, its standard error (ERRFILE, by default
# $scratch/err) is shown.
expect_status() {
    if [ "$status" -eq "$2" ]; then pass; else
        fail "$1: exit status $status, expected $2"
        cat "${3:-$scratch/err}" >&2
    fi
}

# find_vnu: prints the path of the Nu HTML Checker's vnu.jar ($VNU_JAR, or
# what 'npm install --no-save --ignore-scripts --prefix .tools vnu-jar'
# puts under the source or the build tree); fails when there is none.
find_vnu() {
    for jar in "${VNU_JAR:-}" \
               "$top_srcdir/.tools/node_modules/vnu-jar/build/dist/vnu.jar" \
               "${top_builddir:-.}/.tools/node_modules/vnu-jar/build/dist/vnu.jar"; do
        if [ -n "$jar" ] && [ -f "$jar" ]; then
            echo "$jar"
            return 0
        fi
    done
    return 1
}

# vnu_check FILE WHAT: FILE passes the Nu HTML Checker (its errors shown
# when not); a directory: every HTML file under it (--skip-non-html). Without the checker or Java the check is a failure under CI,
# and is said to be left out elsewhere.
vnu_check() {
    if jar=$(find_vnu) && command -v java >/dev/null 2>&1; then
        if [ -d "$1" ]; then set -- "$1" "$2" --skip-non-html; else set -- "$1" "$2"; fi
        java -jar "$jar" --errors-only $3 "$1" >"$scratch/vnu" 2>&1
        check "$2 passes the Nu HTML Checker" test $? -eq 0
        cat "$scratch/vnu" >&2
    elif [ -n "${CI:-}" ]; then
        fail "$2: the Nu HTML Checker (vnu.jar, java) is not installed: CI must run it"
    else
        echo "vnu.jar or java not found: $2 is not validated" >&2
    fi
}

# headless_browser BROWSER URL ARGS...: Chromium without a window, with
# flags that let it run as root, without a GPU, and without calling out to
# the network on its own; a fresh profile each time; its messages go to
# $scratch/browser.err.
headless_browser() {
    hb_browser=$1 hb_url=$2
    shift 2
    hb_profile=$(mktemp -d "$scratch/profile.XXXXXX")
    timeout 120 "$hb_browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$hb_profile" \
        "$@" "$hb_url" 2>>"$scratch/browser.err"
}

# Prints the totals in the plain form CI counts, and exits accordingly.
finish() {
    echo "$passes passed, $failures failed"
    [ "$failures" -eq 0 ]
}
