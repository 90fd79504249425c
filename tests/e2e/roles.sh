#!/bin/sh
# The role model on the project's own fixtures (docs/roles.md):
#  - roles-xml and roles-json of fixtures/roles/*.md compared whole with
#    their golden files, every roles-xml valid against the shipped schema,
#    every roles-json valid against docs/roles-json.schema.json;
#  - the golden role models of fixtures/roles/pages (one page per way role
#    pages are written, and look-alikes that are no role pages), written by
#    reading each page: tests/roles_golden.py compares the model and the
#    role findings of lint with them;
#  - front matter opts a page out, or declares one.
#
# ROLEDOC_UPDATE_GOLDEN=1 rewrites the whole-output golden files instead of
# comparing (review the diff before committing).
. "$top_srcdir/tests/lib.sh"
require_tool xmllint "apt-get install libxml2-utils"
require_tool python3 "apt-get install python3"
python3 -c 'import jsonschema' 2>/dev/null ||
    { echo "python3-jsonschema not found: apt-get install python3-jsonschema" >&2; exit 1; }

cd "$top_srcdir" || exit 1
schema=rules/roledoc-roles.rng

# valid FILE: FILE validates against the schema (xmllint's words shown only
# when it does not).
valid() {
    xmllint --noout --relaxng "$schema" "$1" >"$scratch/xmllint" 2>&1 ||
        { cat "$scratch/xmllint" >&2; return 1; }
}

json_valid() {
    python3 tests/reports.py schema docs/roles-json.schema.json "$1"
}

# golden FORMAT PAGE EXT: the page's output in FORMAT against PAGE.EXT.
golden() {
    page=$2
    want=${page%.md}.$3
    got=$scratch/$(basename "$want")
    if ! "$ROLEDOC" convert -t "$1" "$page" >"$got" 2>"$scratch/err"; then
        fail "$page: convert -t $1 failed"
        cat "$scratch/err" >&2
        return
    fi
    same_as_golden "$want" "$got" "$page: $1 differs from $want"
}

for page in fixtures/roles/*.md; do
    golden roles-xml "$page" xml
    golden roles-json "$page" json
    check "$page: roles-xml valid against $schema" valid "${page%.md}.xml"
    check "$page: roles-json valid against docs/roles-json.schema.json" \
        json_valid "${page%.md}.json"
done

# Every page of fixtures/roles/pages against its golden role model; and
# every roles-xml of those pages is valid too.
check "fixtures/roles/pages: every page gives its golden role model" \
    python3 tests/roles_golden.py "$ROLEDOC" fixtures/roles/pages fixtures/roles/pages
for page in fixtures/roles/pages/*.md; do
    "$ROLEDOC" convert -t roles-xml "$page" >"$scratch/page.xml"
    check "$page: roles-xml valid" valid "$scratch/page.xml"
    "$ROLEDOC" convert -t roles-json "$page" >"$scratch/page.json"
    check "$page: roles-json valid" json_valid "$scratch/page.json"
done

printf -- '---\nrole-page: false\n---\n# Coach\n\nLes coachs accompagnent.\n' >"$scratch/out.md"
"$ROLEDOC" convert -t roles-json "$scratch/out.md" >"$scratch/out.json"
check "front matter role-page: false opts a page out" \
    grep -q '"decision": "opted-out"' "$scratch/out.json"
printf -- '---\nrole-page: true\n---\n# Astreinte\n' >"$scratch/in.md"
"$ROLEDOC" convert -t roles-json "$scratch/in.md" >"$scratch/in.json"
check "front matter role-page: true declares a page" \
    grep -q '"decision": "declared"' "$scratch/in.json"
finish
