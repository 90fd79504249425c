#!/bin/sh
# Every page of the shared corpus converts to text and to the tree, and the
# text never shows liquid tag syntax outside code blocks.
. "$top_srcdir/tests/lib.sh"
require_shared "$SHARED/corpus"
require_tool python3 "apt-get install python3"

find "$SHARED/corpus" -name '*.md' | sort >"$scratch/pages"
check "corpus has pages" test -s "$scratch/pages"
while IFS= read -r page; do
    name=${page#"$SHARED"/}
    "$ROLEDOC" convert -t text "$page" >"$scratch/out.txt" 2>"$scratch/err"
    status=$?
    if [ $status -ne 0 ]; then
        fail "$name: convert -t text exited with $status"
        continue
    fi
    # A line with "{%" may appear only where the page has it inside a
    # fenced code block.
    if python3 - "$page" "$scratch/out.txt" <<'PY'
import re, sys
src = open(sys.argv[1], encoding='utf-8', errors='replace').read().split('\n')
code, fence = set(), None
for line in src:
    m = re.match(r'\s*(`{3,}|~{3,})', line)
    if m and (fence is None or m.group(1)[0] == fence[0]):
        fence = None if fence else m.group(1)
        continue
    if fence:
        code.add(line.strip())
bad = [l for l in open(sys.argv[2], encoding='utf-8').read().split('\n')
       if '{%' in l and l.strip() not in code]
for l in bad:
    print('liquid syntax in output:', l)
sys.exit(1 if bad else 0)
PY
    then pass; else fail "$name: liquid syntax in text output"; fi
    if "$ROLEDOC" convert -t tree "$page" >/dev/null 2>&1; then
        pass
    else
        fail "$name: convert -t tree failed"
    fi
done <"$scratch/pages"

# Several pages at a time give what one at a time gives: the same files,
# the same output and messages, in page order.
for jobs in 1 3; do
    "$ROLEDOC" convert -t docbook -j $jobs -O "$scratch/j$jobs" "$SHARED/corpus" \
        2>"$scratch/j$jobs.err"
    "$ROLEDOC" convert -t text -j $jobs "$SHARED/corpus" >"$scratch/j$jobs.txt" \
        2>>"$scratch/j$jobs.err"
done
check "convert -j 3 writes the files -j 1 does" diff -r "$scratch/j1" "$scratch/j3"
check "convert -j 3 prints what -j 1 does" cmp -s "$scratch/j1.txt" "$scratch/j3.txt"
check "convert -j 3 says what -j 1 does" cmp -s "$scratch/j1.err" "$scratch/j3.err"
finish
