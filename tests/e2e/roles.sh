#!/bin/sh
# The roles outputs: roles-xml and roles-json of fixtures/roles/*.md compared
# whole with their golden files, every roles-xml valid against the shipped
# schema, every roles-json well-formed; then the reference page's model
# (one family holding five roles, with their actions and objectives).
#
# ROLEDOC_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing
# (review the diff before committing).
. "$top_srcdir/tests/lib.sh"
require_tool xmllint "apt-get install libxml2-utils"
require_tool python3 "apt-get install python3"

cd "$top_srcdir" || exit 1
schema=rules/roledoc-roles.rng

# valid FILE: FILE validates against the schema (xmllint's words shown only
# when it does not).
valid() {
    xmllint --noout --relaxng "$schema" "$1" >"$scratch/xmllint" 2>&1 ||
        { cat "$scratch/xmllint" >&2; return 1; }
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
    check "$page: roles-xml valid against $schema" \
        valid "${page%.md}.xml"
    check "$page: roles-json is JSON" \
        python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' \
        "${page%.md}.json"
done

# The reference page lives outside the tree: skip that part when it is
# absent, once the tree's own fixtures have passed.
if [ ! -f "$SEED" ]; then
    if [ "$failures" -ne 0 ]; then
        finish
        exit 1
    fi
    require_shared
    fail "reference page not found at $SEED"
    finish
    exit 1
fi

"$ROLEDOC" convert -t roles-xml "$SEED" >"$scratch/seed.xml"
check "seed: roles-xml exit status 0" test $? -eq 0
check "seed: roles-xml valid against $schema" \
    valid "$scratch/seed.xml"
check "seed: one family holding five roles" python3 - "$scratch/seed.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {'r': 'urn:roledoc:roles:1'}
root = ET.parse(sys.argv[1]).getroot()
families = root.findall('r:family', ns)
assert len(families) == 1 and not root.findall('r:role', ns), 'one family at the top'
family = families[0]
assert family.find('r:title', ns).text == 'Chargé / chargée de déploiement'
roles = family.findall('r:role', ns)
assert not family.findall('r:family', ns)
def items(role, part):
    p = role.find('r:' + part, ns)
    return None if p is None else int(p.get('items'))
got = [(items(r, 'actions'), items(r, 'objectives'), r.find('r:mission', ns) is not None)
       for r in roles]
want = [(5, 2, True), (5, 2, True), (6, None, True), (6, None, True), (6, None, True)]
assert got == want, got
assert root.get('families') == '1' and root.get('roles') == '5'
first = roles[0]
assert first.find('r:masculine', ns).text == 'Le développeur commercial'
assert first.find('r:feminine', ns).text == 'La développeuse commerciale'
PY

"$ROLEDOC" convert -t roles-json "$SEED" >"$scratch/seed.json"
check "seed: roles-json exit status 0" test $? -eq 0
check "seed: roles-json agrees" python3 - "$scratch/seed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['version'] == 1 and d['families'] == 1 and d['roles'] == 5
(family,) = d['items']
assert family['kind'] == 'family'
actions = [r['parts']['actions']['items'] for r in family['roles']]
assert actions == [5, 5, 6, 6, 6], actions
PY
finish
