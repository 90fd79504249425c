#!/bin/sh
# Page-controlled text in every report format: link targets, image names,
# titles and headings, and a file name, holding line breaks, C0 and C1
# controls, ESC sequences, '%', '::', quotes and "]]>". Each report parses
# as its format, says what the JSON report says (in any order) (text meant for reading
# made visible, tests/reports.py's `visible`), the text report has one
# line per finding, and no output holds a raw control character other
# than its line feeds: neither the reports, nor standard error, nor
# `convert -t text`.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"
HELPER=$top_srcdir/tests/reports.py

cd "$scratch" || exit 1
mkdir pages
cp "$top_srcdir/fixtures/hostile/reports/hostile.md" pages/
# A file name with an ESC sequence, BEL, a line break, a C1 control and a
# byte that is not UTF-8.
printf '# T\n\n[x](missing.md)\n' >"pages/$(printf 'n\033]0;X\007\nl\302\205m\377.md')"

"$ROLEDOC" lint -f json -o ref.json pages 2>err
count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["findings"]))' ref.json)
check "the hostile pages have findings ($count)" test "$count" -ge 8
check "JSON keeps a line break of a link target as it is" python3 -c '
import json, sys
found = [d["message"] for d in json.load(open(sys.argv[1]))["findings"]]
sys.exit(0 if any("img\ndocs/ok.md:1:1: error: forged" in m for m in found) else 1)' ref.json
python3 "$HELPER" findings json ref.json | sort >want 2>>err

for format in text json sarif junit github html; do
    "$ROLEDOC" lint -f "$format" -o "report.$format" pages 2>"err.$format"
    check "$format: parses and reports what JSON does" \
        sh -c "python3 '$HELPER' findings $format report.$format | sort >got.$format && cmp -s want got.$format"
    check "$format: no raw control character" python3 "$HELPER" clean "report.$format"
    check "$format: none on standard error either" python3 "$HELPER" clean "err.$format"
done
check "text: one line per finding" test "$(grep -c . report.text)" -eq "$count"
check "github: one line per finding" test "$(grep -c '^::' report.github)" -eq "$count"
check "text: the forged finding stays inside its quotes" \
    sh -c "! grep -q '^docs/ok.md' report.text"
check "JUnit: well-formed XML" xmllint --noout report.junit
check "JUnit: counts add up" python3 "$HELPER" junit report.junit

"$ROLEDOC" lint pages >stdout.txt 2>stderr.txt
check "lint to a terminal-like output: no raw control" python3 "$HELPER" clean stdout.txt
"$ROLEDOC" convert -t text pages/hostile.md >page.txt 2>err.txt
check "convert -t text: no raw control" python3 "$HELPER" clean page.txt
"$ROLEDOC" convert -t text -O out pages >out.txt 2>err.txt
check "convert -O: messages naming the file have no raw control" \
    python3 "$HELPER" clean err.txt
finish
