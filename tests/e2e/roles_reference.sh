#!/bin/sh
# The role model on the reference material (../shared): every page of the
# space's job folder gives its golden role model (tests/reference/roles,
# written by reading each page), no other page of the corpus is a role
# page, the catalogue of the whole corpus is valid in its three formats,
# and the reference page holds one family (with its mission axes) of five
# roles with 5, 5, 6, 6 and 6 actions, its closing paragraph (line 71) in
# no role's actions.
. "$top_srcdir/tests/lib.sh"
metiers=$SHARED/corpus/travailler-chez-beta.gouv.fr/les-differents-metiers
require_shared "$metiers" "$SEED"
require_tool python3 "apt-get install python3"

cd "$top_srcdir" || exit 1

check "every page of les-differents-metiers gives its golden role model" \
    python3 tests/roles_golden.py "$ROLEDOC" tests/reference/roles "$metiers"

for format in json csv html; do
    "$ROLEDOC" roles -f "$format" -o "$scratch/corpus.$format" "$SHARED/corpus" \
        2>"$scratch/err"
    status=$?
    expect_status "roles -f $format of the corpus: exit status" 0
done
check "corpus catalogue JSON valid against docs/roles-catalogue.schema.json" \
    python3 tests/reports.py schema docs/roles-catalogue.schema.json "$scratch/corpus.json"
check "the role pages of the corpus are the golden ones, and only them" \
    python3 - "$scratch/corpus.json" tests/reference/roles "$metiers" <<'PY'
import json, pathlib, sys
cat = json.load(open(sys.argv[1], encoding="utf-8"))
golden, metiers = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
want = set()
for g in golden.rglob("*.golden.json"):
    if json.load(open(g, encoding="utf-8"))["role_page"]:
        rel = g.relative_to(golden)
        want.add(str(metiers / rel.parent / (rel.name[: -len(".golden.json")] + ".md")))
got = {p["path"] for p in cat["pages"] if p["role_page"]}
got = {str(pathlib.Path(p)) for p in got}
assert got == want, (sorted(got - want), sorted(want - got))
assert cat["summary"]["pages"] >= 30, cat["summary"]
PY
check "corpus catalogue CSV has a row per entry" python3 - "$scratch/corpus.csv" "$scratch/corpus.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == len(json.load(open(sys.argv[2], encoding="utf-8"))["entries"])
PY
vnu_check "$scratch/corpus.html" "corpus catalogue HTML"

"$ROLEDOC" convert -t roles-json "$SEED" >"$scratch/seed.json"
check "seed: roles-json exit status 0" test $? -eq 0
check "seed: one family with its axes, five roles, line 71 in no actions" \
    python3 - "$scratch/seed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == 2 and d["families"] == 1 and d["roles"] == 5, d
(family,) = d["items"]
assert family["kind"] == "family" and family["title"]["text"] == "Chargé / chargée de déploiement"
assert family["axes"] and family["axes"]["items"] == 6, family["axes"]
assert family["mission"] is not None
roles = family["roles"]
assert [r["action_count"] for r in roles] == [5, 5, 6, 6, 6]
assert [r["objectives"]["items"] if r["objectives"] else None for r in roles] == [2, 2, None, None, None]
assert all(r["mission"] and r["mission"]["via"] == "label" for r in roles)
for r in roles:
    for part in r["actions"] + [r["mission"]]:
        for e in part["list"] + part["paragraphs"]:
            assert e["line"] != 71, (r["title"]["text"], e)
assert roles[0]["masculine"] == "Le développeur commercial"
assert roles[0]["feminine"] == "La développeuse commerciale"
PY
"$ROLEDOC" convert -t roles-xml "$SEED" >"$scratch/seed.xml"
check "seed: roles-xml valid against the shipped schema" \
    xmllint --noout --relaxng rules/roledoc-roles.rng "$scratch/seed.xml"
finish
