#!/bin/sh
# The reference page: text output keeps every visible word within the width,
# and the tree places its blocks where the page has them.
. "$top_srcdir/tests/lib.sh"
require_shared "$SEED"
require_tool python3 "apt-get install python3"

"$ROLEDOC" convert -t text "$SEED" >"$scratch/seed.txt"
check "text: exit status 0" test $? -eq 0
check "text: every visible word present" \
    python3 "$top_srcdir/tests/visible_words.py" "$SEED" "$scratch/seed.txt"
check "text: no liquid syntax" sh -c "! grep -q '{%' '$scratch/seed.txt'"
check "text: no HTML markup" sh -c "! grep -Eq '<(figure|img|div|figcaption)' '$scratch/seed.txt'"
items=$(grep -c '^ *[*-] ' "$scratch/seed.txt")
check "text: 38 list items (found $items)" test "$items" -eq 38
for title in "Le/la développeur/développeuse commercial(e)" \
             "Le/la chargé/chargée de la relation clientèle" \
             "Community Builder / Manager" "Growth Hacker" "Key Account Manager"; do
    check "text: role title '$title'" grep -qF "$title" "$scratch/seed.txt"
done
# No line wider than 80 columns, unless it is one unbreakable word.
check "text: width 80" python3 - "$scratch/seed.txt" <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
bad = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n')
       if width(l) > 80 and len(l.strip().split()) > 1]
for l in bad:
    print('too wide:', l)
sys.exit(1 if bad else 0)
PY

"$ROLEDOC" convert -t tree "$SEED" >"$scratch/seed.xml"
check "tree: exit status 0" test $? -eq 0
check "tree: positions of the hint, headings and images" python3 - "$scratch/seed.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def lines(pred):
    return [int(e.get('line')) for e in root.iter() if pred(e)]
got = {
    'hint': lines(lambda e: e.tag == 'liquid' and e.get('kind') == 'hint'),
    'h2': lines(lambda e: e.tag == 'heading' and e.get('level') == '2'),
    'h3': lines(lambda e: e.tag == 'heading' and e.get('level') == '3'),
    'images': lines(lambda e: e.tag == 'image'),
    'alts': [e.get('alt') for e in root.iter('image')],
}
want = {
    'hint': [3], 'h2': [16], 'h3': [27, 48, 73, 90, 107],
    'images': [10, 29, 50, 75, 92, 109], 'alts': [''] * 6,
}
ok = True
for k in want:
    if got[k] != want[k]:
        print('%s: expected %s, got %s' % (k, want[k], got[k]))
        ok = False
sys.exit(0 if ok else 1)
PY
finish
