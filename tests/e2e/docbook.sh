#!/bin/sh
# DocBook output: every fixture, fixture book and hostile input is valid
# DocBook 5.0 (jing, the official RELAX NG schema); some fixtures and the
# fixture book are compared whole with golden files. The corpus and the
# reference page: tests/e2e/docbook_reference.sh.
. "$top_srcdir/tests/lib.sh"
require_docbook
require_tool python3 "apt-get install python3"

FIXTURES=$top_srcdir/fixtures/docbook

# ------------------------------------------------------------ fixtures
mkdir -p "$scratch/fixtures"
for page in "$FIXTURES"/*.md; do
    name=$(basename "$page" .md)
    docbook_convert "$scratch/fixtures/$name.xml" "$page"
    docbook_convert "$scratch/fixtures/$name.roles.xml" --roles "$page"
    for kind in xml roles.xml; do
        golden=$FIXTURES/$name.$kind
        [ -f "$golden" ] || continue
        same_file "$golden" "$scratch/fixtures/$name.$kind" \
            "$name.md: output differs from $(basename "$golden")"
    done
done
docbook_valid "fixtures" "$scratch/fixtures"/*.xml

# A book of fixture pages: a missing page warns at its line in SUMMARY.md,
# the exit status stays 0, and the book is the golden one.
"$ROLEDOC" book "$FIXTURES/book/SUMMARY.md" -o "$scratch/book.xml" 2>"$scratch/book.err"
check "book fixture: exit status 0" test $? -eq 0
check "book fixture: golden book" diff -u "$FIXTURES/book/book.xml" "$scratch/book.xml"
check "book fixture: missing pages warned at their link" grep -q \
    "SUMMARY.md:4:5: warning: page 'absente.md' is not on disk" "$scratch/book.err"
check "book fixture: two warnings" test "$(grep -c ': warning: ' "$scratch/book.err")" -eq 2
docbook_valid "book fixture" "$scratch/book.xml"
"$ROLEDOC" book --title "Autre titre" --roles "$FIXTURES/book/SUMMARY.md" \
    -o "$scratch/book-roles.xml" 2>/dev/null
check "book --title --roles: exit status 0" test $? -eq 0
check "book --title sets the title" grep -q '<title>Autre titre</title>' "$scratch/book-roles.xml"
docbook_valid "book --roles" "$scratch/book-roles.xml"

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
    docbook_convert "${page%.md}.xml" "$page"
    docbook_convert "${page%.md}.roles.xml" --roles "$page"
done
"$ROLEDOC" book "$scratch/hostile/summary.md" -o "$scratch/hostile/book.xml" 2>/dev/null
check "hostile book: exit status 0" test $? -eq 0
docbook_valid "hostile input" "$scratch/hostile"/*.xml
finish
