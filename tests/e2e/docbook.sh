#!/bin/sh
# DocBook output: every fixture, hostile input, corpus page and book is
# valid DocBook 5.0 (jing, the official RELAX NG schema); some fixtures are
# compared whole with golden files; the reference page keeps its title,
# hint, images, sections and words; the book follows SUMMARY.md, its
# cross-references work and the DocBook XSL stylesheets take it silently.
. "$top_srcdir/tests/lib.sh"
require_docbook
require_tool python3 "apt-get install python3"

FIXTURES=$top_srcdir/fixtures/docbook

# validate NAME FILE...: one jing run for many files (its start is slow);
# jing names each invalid file in its messages.
validate() {
    name=$1; shift
    if jing "$SCHEMA" "$@" >"$scratch/jing.out" 2>&1; then
        pass
    else
        fail "$name: not valid DocBook 5.0"
        grep -v '^\[warning\]' "$scratch/jing.out" | head -20 >&2
    fi
}

# convert OUT ARGS...: roledoc convert -t docbook ARGS > OUT, exit 0.
convert() {
    out=$1; shift
    if "$ROLEDOC" convert -t docbook "$@" >"$out" 2>"$scratch/convert.err"; then
        pass
    else
        fail "convert -t docbook $*: exit status $?"
        head -5 "$scratch/convert.err" >&2
    fi
}

# ------------------------------------------------------------ fixtures
mkdir -p "$scratch/fixtures"
for page in "$FIXTURES"/*.md; do
    name=$(basename "$page" .md)
    convert "$scratch/fixtures/$name.xml" "$page"
    convert "$scratch/fixtures/$name.roles.xml" --roles "$page"
    for kind in xml roles.xml; do
        golden=$FIXTURES/$name.$kind
        [ -f "$golden" ] || continue
        same_file "$golden" "$scratch/fixtures/$name.$kind" \
            "$name.md: output differs from $(basename "$golden")"
    done
done
validate "fixtures" "$scratch/fixtures"/*.xml

# A book of fixture pages: a missing page warns at its line in SUMMARY.md,
# the exit status stays 0, and the book is the golden one.
"$ROLEDOC" book "$FIXTURES/book/SUMMARY.md" -o "$scratch/book.xml" 2>"$scratch/book.err"
check "book fixture: exit status 0" test $? -eq 0
check "book fixture: golden book" diff -u "$FIXTURES/book/book.xml" "$scratch/book.xml"
check "book fixture: missing pages warned at their link" grep -q \
    "SUMMARY.md:4:5: warning: page 'absente.md' is not on disk" "$scratch/book.err"
check "book fixture: two warnings" test "$(grep -c ': warning: ' "$scratch/book.err")" -eq 2
validate "book fixture" "$scratch/book.xml"
"$ROLEDOC" book --title "Autre titre" --roles "$FIXTURES/book/SUMMARY.md" \
    -o "$scratch/book-roles.xml" 2>/dev/null
check "book --title --roles: exit status 0" test $? -eq 0
check "book --title sets the title" grep -q '<title>Autre titre</title>' "$scratch/book-roles.xml"
validate "book --roles" "$scratch/book-roles.xml"

"$ROLEDOC" book "$scratch/nowhere/SUMMARY.md" -o "$scratch/none.xml" 2>/dev/null
check "book: unreadable SUMMARY.md exits 2" test $? -eq 2
check "book: nothing written on failure" test ! -e "$scratch/none.xml"
"$ROLEDOC" book >/dev/null 2>&1
check "book: no SUMMARY.md is a usage error (2)" test $? -eq 2
"$ROLEDOC" book "$FIXTURES/book/SUMMARY.md" -o "$scratch/nodir/book.xml" 2>/dev/null
check "book: unwritable output exits 2" test $? -eq 2

# ------------------------------------------------------- hostile input
# Bytes XML forbids, markup-like text, invalid UTF-8 and NUL bytes in every
# place a string reaches the output: text, titles, URLs, alt text, front
# matter, liquid and HTML attributes, code; plus deep nesting.
mkdir -p "$scratch/hostile"
python3 - "$scratch/hostile" <<'PY'
import os, sys
d = sys.argv[1]
controls = bytes(c for c in range(1, 32) if c not in (9, 10, 13)) + b'\x7f'
def page(body):
    return (b'---\ndescription: "d' + controls.replace(b'"', b'') + b' ]]> -- \xff"\n'
            b'title: t\x01\n---\n' + body)
def write(name, data):
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)
for name, bad in [('controls', controls), ('cdata', b']]> -- <!-- --> <![CDATA[ x ]]> &amp; &#0; &#xFFFE;'),
                  ('utf8', b'\x80 \xff \xc0\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82'),
                  ('nul', b'a\x00b\x00\x00c')]:
    write(name + '.md', page(
        b'# Title ' + bad + b'\n\ntext ' + bad + b' **strong ' + bad + b'**\n\n'
        b'[link ' + bad + b'](http://x/' + bad.replace(b' ', b'') + b') '
        b'![alt ' + bad + b'](img' + bad.replace(b' ', b'') + b'.png)\n\n'
        b'<img src="a' + bad + b'.png" alt="' + bad + b'" width="' + bad + b'">\n\n'
        b'{% hint style="' + bad + b'" %}\nhint ' + bad + b'\n{% endhint %}\n\n'
        b'{% embed url="https://youtu.be/' + bad + b'" %}\n' + bad + b'\n{% endembed %}\n\n'
        b'{% tabs %}\n{% tab title="' + bad + b'" %}\ntab\n{% endtab %}\n{% endtabs %}\n\n'
        b'```' + bad.replace(b'\n', b'') + b'\ncode ' + bad + b'\n```\n\n'
        b'| h ' + bad + b' |\n|---|\n| c ' + bad + b' |\n\n'
        b'## ' + bad + b'\n\n<!-- ' + bad + b' -->\n<div title="' + bad + b'">' + bad + b'</div>\n'))
write('deep-quotes.md', b'> ' * 50000 + b'deep\n')
write('deep-lists.md', b''.join(b'  ' * i + b'- item\n' for i in range(3000)))
write('deep-html.md', b'<div>' * 20000 + b'x' + b'</div>' * 20000 + b'\n')
write('headings.md', b''.join(b'#' * (1 + i % 6) + b' h\n\ntext\n\n' for i in range(5000)))
write('summary.md', b'# Book \x01\xff\n\n## Group \x02]]>\n\n* [Missing \x03](miss\x00ing\xff.md)\n  * [x](%00)\n')
PY
for page in "$scratch/hostile"/*.md; do
    convert "${page%.md}.xml" "$page"
    convert "${page%.md}.roles.xml" --roles "$page"
done
"$ROLEDOC" book "$scratch/hostile/summary.md" -o "$scratch/hostile/book.xml" 2>/dev/null
check "hostile book: exit status 0" test $? -eq 0
validate "hostile input" "$scratch/hostile"/*.xml

# --------------------------------------------------------------- corpus
if [ ! -d "$SHARED" ] && [ "$failures" -ne 0 ]; then
    finish
    exit 1
fi
require_shared

mkdir -p "$scratch/corpus"
find "$SHARED/corpus" -name '*.md' | sort >"$scratch/pages"
check "corpus has pages" test -s "$scratch/pages"
i=0
while IFS= read -r page; do
    i=$((i + 1))
    convert "$scratch/corpus/$i.xml" "$page"
    convert "$scratch/corpus/$i.roles.xml" --roles "$page"
done <"$scratch/pages"
validate "corpus pages" "$scratch/corpus"/*.xml

# The reference page.
convert "$scratch/seed.xml" "$SEED"
convert "$scratch/seed-roles.xml" --roles "$SEED"
validate "reference page" "$scratch/seed.xml" "$scratch/seed-roles.xml"
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
validate "corpus book" "$scratch/corpus-book.xml"
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
