#!/bin/sh
# DocBook output of the shared material: every corpus page and the corpus
# as a book are valid DocBook 5.0 (jing, the official RELAX NG schema); the
# reference page keeps its title, hint, images, sections and words; the
# book follows SUMMARY.md, its cross-references work and the DocBook XSL
# stylesheets take it silently.
. "$top_srcdir/tests/lib.sh"
require_shared "$SHARED/corpus/SUMMARY.md" "$SHARED/corpus/README.md" "$SEED"
require_docbook
require_tool python3 "apt-get install python3"

# --------------------------------------------------------------- corpus

mkdir -p "$scratch/corpus"
find "$SHARED/corpus" -name '*.md' | sort >"$scratch/pages"
check "corpus has pages" test -s "$scratch/pages"
i=0
while IFS= read -r page; do
    i=$((i + 1))
    docbook_convert "$scratch/corpus/$i.xml" "$page"
    docbook_convert "$scratch/corpus/$i.roles.xml" --roles "$page"
done <"$scratch/pages"
docbook_valid "corpus pages" "$scratch/corpus"/*.xml

# The reference page.
docbook_convert "$scratch/seed.xml" "$SEED"
docbook_convert "$scratch/seed-roles.xml" --roles "$SEED"
docbook_valid "reference page" "$scratch/seed.xml" "$scratch/seed-roles.xml"
check "reference page: title, hint, images, sections, words" \
    python3 - "$SEED" "$scratch/seed.xml" <<'PY'
import html, re, sys
import xml.etree.ElementTree as ET
D = '{http://docbook.org/ns/docbook}'
src = open(sys.argv[1], encoding='utf-8').read()
raw = open(sys.argv[2], encoding='utf-8').read()
root = ET.fromstring(raw.encode('utf-8'))
problems = []
def text(e):
    return ''.join(e.itertext())
title = root.find(D + 'info/' + D + 'title')
if title is None or text(title) != 'Chargé / chargée de déploiement':
    problems.append('article title: %r' % (title is not None and text(title)))
blocks = [c for c in root if c.tag != D + 'info']
if not blocks or blocks[0].tag != D + 'note' or 'startups privées' not in text(blocks[0]):
    problems.append('the hint is not the first block, as a note')
want = [re.sub(r'.*/', '', m) for m in re.findall(r'<img src="([^"]*)"', src)]
got = [re.sub(r'.*/', '', e.get('fileref')) for e in root.iter(D + 'imagedata')]
if len(want) != 6 or got != want:
    problems.append('imagedata %s, expected %s' % (got, want))
titles = [text(s.find(D + 'title')) for s in root.iter(D + 'section')]
roles = [re.sub(r'\*\*', '', t).strip() for t in re.findall(r'^### (.*)$', src, re.M)]
for t in roles:
    if t not in titles:
        problems.append('no section titled %r' % t)
if len(roles) != 5 or not any(t.startswith('Axes de mission') for t in titles):
    problems.append('sections: %s' % titles)
alltext = text(root)
for bad in ('{%', '<figure', '<img'):
    if bad in alltext or bad in raw:
        problems.append('%r appears in the output' % bad)
# Every word of the visible text: tags, liquid tags, link targets and
# emphasis markers are not words ("&#x43;_&#x75;stomer success_" reads
# "Customer success").
vis = re.sub(r'\{%.*?%\}', ' ', src)
vis = re.sub(r'[*_]', '', vis)
vis = re.sub(r'<!--.*?-->', ' ', vis, flags=re.S)
vis = re.sub(r'<[^>]*>', ' ', vis)
vis = re.sub(r'\]\([^)]*\)', '] ', vis)
vis = html.unescape(vis)
words = lambda s: set(re.findall(r'[^\W_]+', s))
missing = sorted(words(vis) - words(alltext))
if missing:
    problems.append('missing words: %s' % missing)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
check "reference page --roles: a family of five roles with their parts" \
    python3 - "$scratch/seed-roles.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
D = '{http://docbook.org/ns/docbook}'
root = ET.parse(sys.argv[1]).getroot()
sections = lambda e, role: [s for s in e.iter(D + 'section') if s.get('role') == role]
families = sections(root, 'role-family')
ok = len(families) == 1
roles = sections(families[0], 'role') if ok else []
ok = ok and len(roles) == 5 and len(sections(root, 'role')) == 5
for r in roles:
    parts = [s.get('role') for s in r.findall(D + 'section')]
    ok = ok and 'mission' in parts and 'actions' in parts
if not ok:
    print('families %d, roles %d' % (len(families), len(roles)))
sys.exit(0 if ok else 1)
PY

# The corpus as a book.
"$ROLEDOC" book "$SHARED/corpus/SUMMARY.md" -o "$scratch/corpus-book.xml" 2>"$scratch/corpus-book.err"
check "corpus book: exit status 0" test $? -eq 0
check "corpus book: warnings only, as SUMMARY.md:LINE:COL: warning:" python3 - "$scratch/corpus-book.err" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
bad = [l for l in lines if not re.match(r'.*SUMMARY\.md:\d+:\d+: warning: ', l)
       and not re.match(r'.*\.md:\d+:\d+: warning: ', l)]
for l in bad:
    print('unexpected:', l)
sys.exit(1 if bad or not lines else 0)
PY
docbook_valid "corpus book" "$scratch/corpus-book.xml"
# Titled as the space: the first heading of its README.md (read from it),
# not SUMMARY.md's "Table of contents".
corpus_title=$(grep -m 1 '^#' "$SHARED/corpus/README.md" | sed 's/^#* *//')
check "corpus book: titled by README.md ($corpus_title)" \
    grep -qF "<title>$corpus_title</title>" "$scratch/corpus-book.xml"
check "corpus book: not titled by SUMMARY.md" \
    test "$(sed -n 4p "$scratch/corpus-book.xml" | grep -c 'Table of contents')" -eq 0
check "corpus book: chapters follow SUMMARY.md, linkends resolve" \
    python3 - "$SHARED/corpus" "$scratch/corpus-book.xml" <<'PY'
import os, re, sys
import xml.etree.ElementTree as ET
D = '{http://docbook.org/ns/docbook}'
X = '{http://www.w3.org/XML/1998/namespace}id'
corpus, book = sys.argv[1], sys.argv[2]
root = ET.parse(book).getroot()
problems = []
# SUMMARY.md read independently: groups and top-level entries in order.
want = []
for line in open(os.path.join(corpus, 'SUMMARY.md'), encoding='utf-8'):
    m = re.match(r'^## (.*)', line)
    if m:
        want.append(('part', m.group(1).strip()))
    m = re.match(r'^\* \[(.*)\]\(', line)
    if m:
        want.append(('chapter', m.group(1).replace('\\', '')))
got = []
for e in root.iter():
    if e.tag in (D + 'part', D + 'chapter'):
        got.append((e.tag[len(D):], ''.join(e.find(D + 'info/' + D + 'title').itertext())))
if got != want:
    problems.append('structure differs:\n  got  %s\n  want %s' % (got[:8], want[:8]))
ids = {e.get(X) for e in root.iter() if e.get(X)}
links = [e.get('linkend') for e in root.iter(D + 'link') if e.get('linkend')]
dangling = [l for l in links if l not in ids]
if dangling:
    problems.append('dangling linkends: %s' % dangling[:5])
if len(links) < 10:
    problems.append('only %d links between pages' % len(links))
# README.md links to pages present on disk: they must be cross-references.
readme = next(c for c in root if c.tag == D + 'chapter')
hrefs = [l.get('{http://www.w3.org/1999/xlink}href') for l in readme.iter(D + 'link')]
local = [h for h in hrefs if h and not re.match(r'[a-z]+:', h)
         and os.path.exists(os.path.join(corpus, h.split('#')[0]))]
if local:
    problems.append('links to pages on disk left as hrefs: %s' % local)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
xsltproc --nonet "$XSL" "$scratch/corpus-book.xml" >"$scratch/book.html" 2>"$scratch/xslt.err"
check "corpus book: xsltproc exit status 0" test $? -eq 0
check "corpus book: xsltproc silent" test ! -s "$scratch/xslt.err"
[ -s "$scratch/xslt.err" ] && head -5 "$scratch/xslt.err" >&2
check "corpus book: HTML written" grep -q 'Key Account Manager' "$scratch/book.html"
finish
