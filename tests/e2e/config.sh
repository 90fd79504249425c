#!/bin/sh
# Project configurations and the choice of pages.
#
# The space of fixtures/config linted under config.yaml, which uses every
# key of the YAML form, and under config.xml, which says the same in XML:
# the reports (every format) are the same, and they are the golden report,
# which shows each key at work. Then the schema of the YAML form against
# the configurations the documentation shows (and roledoc reading them
# alike), the mistakes of a YAML file with their FILE:LINE:COL, two
# configurations in one directory; quoted globs, '!GLOB', --exclude and
# ignore.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"
PYTHON=$(python_with "yaml, jsonschema") || {
    echo "no python3 with yaml and jsonschema: apt-get install python3-yaml python3-jsonschema" >&2
    exit 1
}

C=$top_srcdir/fixtures/config
SCHEMA=$top_srcdir/docs/roledoc-config.schema.json
EXAMPLES=$top_srcdir/tests/config_examples.py
FORMATS="text json sarif junit github html"
cd "$scratch" || exit 1

# reports WHERE DIR ARGS...: one run in directory WHERE writing every
# format into DIR/report.FORMAT (DIR relative to $scratch), with what
# depends on the run set aside (JUnit's times, SARIF's %SRCROOT%, the
# current directory); exit status in $status.
reports() {
    where=$1 dir=$scratch/$2; shift 2
    mkdir -p "$dir"
    for fmt in $FORMATS; do set -- "$@" -f "$fmt" -o "$dir/report.$fmt"; done
    (cd "$where" && "$ROLEDOC" lint --no-color "$@") >"$dir/out" 2>"$dir/err"
    status=$?
    sed 's/ time="[0-9.]*"/ time="T"/g; s/ timestamp="[^"]*"/ timestamp="T"/g' \
        "$dir/report.junit" >"$dir/report.junit.stable"
    mv "$dir/report.junit.stable" "$dir/report.junit"
    grep -v '"originalUriBaseIds"' "$dir/report.sarif" >"$dir/report.sarif.stable"
    mv "$dir/report.sarif.stable" "$dir/report.sarif"
}

# same_reports A B WHAT: every report of A is the one of B, byte for byte.
same_reports() {
    for fmt in $FORMATS; do
        if cmp -s "$1/report.$fmt" "$2/report.$fmt"; then pass; else
            fail "$3: the $fmt reports differ"
            diff -u "$1/report.$fmt" "$2/report.$fmt" | head -20 >&2
        fi
    done
}

# ----------------------------------------------------- YAML and XML alike

printf '<roledoc xmlns="urn:roledoc:config:1"/>\n' >neutral.xml
cp -R "$C/space" yaml && cp "$C/config.yaml" yaml/.roledoc.yaml
cp -R "$C/space" xml && cp "$C/config.xml" xml/.roledoc.xml
reports yaml yaml-found .
expect_status "the space under .roledoc.yaml" 1 yaml-found/err
reports xml xml-found .
expect_status "the space under .roledoc.xml" 1 xml-found/err
same_reports yaml-found xml-found "found above the pages, YAML and XML"
same_file "$C/report.txt" yaml-found/report.text \
    "the space under its configuration: report differs from fixtures/config/report.txt"
check "the space under its configuration: two pages ignored" \
    grep -qx 'roledoc: 12 pages linted, 2 ignored: 10 errors, 3 warnings, 11 info' yaml-found/err

# The role model reads the configuration's labels, lexicon and lists of
# role pages: the catalogue of the space is the same under both forms,
# and it is the golden one (a role found by each key: a job pair and a
# label read from its start in fiches/fromager.md, a heading that is no
# part ending its actions; a discipline, a mission phrase and a lead-in
# in fiches/data-science.md; a family noun in fiches/pole-design.md; an
# article and an epicene job in fiches/naturaliste.md; metiers/index.md
# opted out of the role pages; the ignored pages left out).
(cd yaml && "$ROLEDOC" roles -f csv . >../yaml-roles.csv 2>../yaml-roles.err)
check "roles under .roledoc.yaml" test $? -eq 0
(cd xml && "$ROLEDOC" roles -f csv . >../xml-roles.csv 2>../xml-roles.err)
check "roles under .roledoc.xml" test $? -eq 0
check "roles: YAML and XML give the same catalogue" cmp -s yaml-roles.csv xml-roles.csv
same_file "$C/roles.csv" yaml-roles.csv \
    "the space's roles under its configuration: catalogue differs from fixtures/config/roles.csv"
(cd yaml && "$ROLEDOC" roles -f csv --config ../neutral.xml fiches metiers/index.md \
    >../plain-roles.csv 2>/dev/null)
check "without the configuration the pages of fiches/ hold no role" \
    test "$(wc -l <plain-roles.csv)" -eq 1

# The same files given with --config, from elsewhere: the globs are still
# relative to the file's directory.
reports . yaml-given --config yaml/.roledoc.yaml yaml
reports . xml-given --config xml/.roledoc.xml xml
sed 's|/xml/|/yaml/|g; s|"xml/|"yaml/|g; s|^xml/|yaml/|; s|=xml/|=yaml/|g' \
    xml-given/report.text >xml-given/report.text.renamed
check "given with --config, YAML and XML: the same text report" \
    cmp -s yaml-given/report.text xml-given/report.text.renamed
check "given with --config: what the lookup found" \
    sh -c 'sed "s|^yaml/|./|" yaml-given/report.text | cmp -s - yaml-found/report.text'

# Without it the space reads differently: the configuration did the work.
(cd yaml && "$ROLEDOC" lint --no-color --config ../neutral.xml . >../plain.out 2>/dev/null)
check "without the configuration the report differs" \
    sh -c '! cmp -s plain.out yaml-found/report.text'

# ------------------------------------------------------------ the schema

mkdir examples
if "$PYTHON" "$EXAMPLES" extract examples "$top_srcdir/docs/configuration.md" \
        "$top_srcdir/docs/rules/http-link.md" "$top_srcdir/README.md#Configuration" \
        >examples.list; then
    pass
else
    fail "no YAML configuration found in the documentation"
fi
check "the documentation shows YAML configurations" test "$(wc -l <examples.list)" -ge 3
check "every documented configuration, and the fixtures', valid against the schema" \
    "$PYTHON" "$EXAMPLES" validate "$SCHEMA" examples/*.yaml "$C/config.yaml" \
    "$top_srcdir/fixtures/fix/.roledoc.yaml"
printf '# Une page\n' >page.md
while read -r example page; do
    "$ROLEDOC" lint --config "examples/$example" page.md >/dev/null 2>example.err
    status=$?
    if [ "$status" -le 1 ]; then pass; else
        fail "$page: a documented configuration ($example) that roledoc refuses:"
        cat example.err >&2
    fi
done <examples.list

# A mistake the schema sees, roledoc sees too.
printf 'rules:\n  image-alt: off\ncolours: true\n' >typo.yaml
check "the schema refuses an unknown key" \
    sh -c '! "$1" "$2" validate "$3" typo.yaml 2>/dev/null' sh "$PYTHON" "$EXAMPLES" "$SCHEMA"
"$ROLEDOC" lint --config typo.yaml page.md >/dev/null 2>typo.err
status=$?
expect_status "roledoc refuses an unknown key" 2 typo.err
check "unknown key: FILE:LINE:COL and the keys there are" grep -qx \
    'typo.yaml:3:1: unknown key "colours" (expected: rules, labels, lexicon, role-pages, not-role-pages, ignore, overrides)' \
    typo.err

# ------------------------------------------------------- YAML mistakes

# mistake NAME YAML MESSAGE: the configuration is refused with
# "FILE:LINE:COL: MESSAGE", exit status 2.
mistake() {
    printf '%s\n' "$2" >bad.yaml
    "$ROLEDOC" lint --config bad.yaml page.md >/dev/null 2>bad.err
    status=$?
    expect_status "$1" 2 bad.err
    check "$1: bad.yaml:$3" grep -qxF "bad.yaml:$3" bad.err
}
mistake "unknown rule" 'rules:
  imag-alt: off' '2:3: unknown rule "imag-alt"'
mistake "bad severity" 'rules: {image-alt: loud}' \
    '1:20: rule "image-alt": severity "loud" is not one of off, on, info, warning, error'
mistake "unknown parameter" 'rules:
  http-link:
    https-host: [beta.gouv.fr]' \
    '3:5: rule "http-link" has no parameter "https-host" (its parameters: exempt-hosts, https-hosts)'
mistake "unknown part" 'labels:
  vision: [Notre vision]' '2:3: part "vision": a part is objectives, mission, actions, limits or axes (or not-part)'
mistake "unknown match" 'labels:
  mission: [{text: Ton rôle, match: begins}]' \
    '2:37: match "begins": a match is exact, start, contains or question'
mistake "a label without text" 'labels:
  mission: [{match: start}]' '2:13: key "text" missing'
mistake "a job of the wrong shape" 'lexicon:
  jobs: [[coach]]' '2:10: expected a job (a word, or masculine: feminine), found a list'
mistake "wrong shape" 'ignore: {brouillons: true}' \
    '1:9: expected a glob or a list of globs, found a mapping'
mistake "a key twice" 'rules:
  image-alt: off
  image-alt: on' '3:3: key "image-alt" given twice'
mistake "an override without files" 'overrides:
  - rules: {image-alt: off}' '2:5: key "files" missing'
mistake "not YAML" 'rules: [image-alt' \
    '2:1: not valid YAML: did not find expected '"','"' or '"']'"' while parsing a flow sequence'
mistake "no mapping" '- image-alt' '1:1: expected a mapping of keys, found a list'

# Aliases that would make a small file long to read (an override a
# thousand times, each with the same thousand globs) are refused.
python3 -c '
print("ignore: &many [" + ", ".join("g%d" % i for i in range(1000)) + "]")
print("overrides: [" + ", ".join(["{files: *many}"] * 1000) + "]")' >bomb.yaml
"$ROLEDOC" lint --config bomb.yaml page.md >/dev/null 2>bomb.err
status=$?
expect_status "an alias bomb" 2 bomb.err
check "an alias bomb: said" grep -qx 'bomb.yaml:1:1: aliases make the file too long to read' bomb.err

# An empty file is an empty configuration.
: >empty.yaml
"$ROLEDOC" lint --config empty.yaml page.md >/dev/null 2>empty.err
status=$?
expect_status "an empty .roledoc.yaml" 0 empty.err

# Two configurations in one directory: either could be the one meant.
mkdir two && cp page.md two/ && : >two/.roledoc.yaml &&
    printf '<roledoc xmlns="urn:roledoc:config:1"/>\n' >two/.roledoc.xml
"$ROLEDOC" lint two/page.md >/dev/null 2>two.err
status=$?
expect_status "two configurations in one directory" 2 two.err
check "two configurations: both named" \
    grep -q "two/.roledoc.xml: a second configuration beside .*two/.roledoc.yaml: keep one of them" two.err

# ------------------------------------------------------- choosing pages

mkdir -p tree/docs/sub tree/docs/.cache tree/docs/archives tree/.git
for p in docs/a.md docs/b.txt docs/sub/c.md docs/.cache/d.md docs/.hidden.md \
         docs/archives/e.md .git/f.md; do
    printf '# Page\n\n![](x.png)\n' >"tree/$p"
done
cd tree || exit 1
# pages ARGS...: the pages lint reads, one a line.
pages() {
    "$ROLEDOC" lint --no-color --disable local-target-exists "$@" 2>../pages.err |
        cut -d: -f1 | LC_ALL=C sort -u
}
check "a quoted glob: the files it matches, '**' across directories, no hidden ones" \
    test "$(pages 'docs/**/*.md' | tr '\n' ' ')" = "docs/a.md docs/archives/e.md docs/sub/c.md "
check "a glob that names hidden files finds them" \
    test "$(pages 'docs/.*.md' | tr '\n' ' ')" = "docs/.hidden.md "
check "a glob names any file it matches, whatever its extension" \
    test "$(pages 'docs/*.txt' | tr '\n' ' ')" = "docs/b.txt "
check "'!GLOB' leaves pages out" \
    test "$(pages 'docs/**/*.md' '!docs/archives' | tr '\n' ' ')" = "docs/a.md docs/sub/c.md "
# (A directory is walked for every *.md file, hidden ones too, but not
# into .git.)
check "--exclude leaves pages out, a directory wholly" \
    test "$(pages --exclude docs/archives --exclude 'docs/sub/*.md' --exclude 'docs/.*' docs |
            tr '\n' ' ')" = "docs/a.md "
check "--exclude with an absolute glob" \
    test "$(pages --exclude "$PWD/docs/a.md" --exclude 'docs/.*' docs | tr '\n' ' ')" = \
    "docs/archives/e.md docs/sub/c.md "
check "the summary counts the pages left out" grep -q '^roledoc: 2 pages linted, 3 ignored: ' ../pages.err
"$ROLEDOC" lint 'docs/*.nope' >/dev/null 2>../glob.err
status=$?
expect_status "a glob that matches nothing" 2 ../glob.err
check "a glob that matches nothing: said" grep -qx 'docs/\*.nope: no file matches this pattern' ../glob.err
printf 'ignore: [archives, "sub/*.md"]\n' >docs/.roledoc.yaml
check "the configuration's ignore globs, relative to it, named pages too" \
    test "$(pages docs/a.md docs/archives/e.md docs/sub/c.md | tr '\n' ' ')" = "docs/a.md "
finish
