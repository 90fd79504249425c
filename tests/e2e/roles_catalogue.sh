#!/bin/sh
# roledoc roles on the project's fixtures (fixtures/roles/pages): the
# catalogue in its three formats. JSON valid against
# docs/roles-catalogue.schema.json and agreeing with the golden role models;
# CSV read back by Python's csv module with one line per role and family;
# HTML valid for the Nu HTML Checker; --explain prints the reasons;
# recognition is data: a page that names an unknown job with an unknown
# label is understood once a configuration adds them, and a configuration
# or front matter opts a page out; bad usage and unreadable pages get
# clear messages and exit status 2.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"

cd "$top_srcdir" || exit 1
pages=fixtures/roles/pages

"$ROLEDOC" roles "$pages" >"$scratch/cat.json" 2>"$scratch/err"
status=$?
expect_status "roles -f json: exit status" 0
check "catalogue JSON valid against docs/roles-catalogue.schema.json" \
    python3 tests/reports.py schema docs/roles-catalogue.schema.json "$scratch/cat.json"
check "catalogue JSON agrees with the golden role models" python3 - "$scratch/cat.json" "$pages" <<'PY'
import json, pathlib, sys
cat = json.load(open(sys.argv[1], encoding="utf-8"))
want = []
def walk(page, items, family):
    for r in items:
        want.append((page, r["line"], r["kind"], r["title"], family))
        walk(page, r.get("roles", []), r["title"])
pages = sorted(pathlib.Path(sys.argv[2]).glob("*.golden.json"))
role_pages = 0
for g in pages:
    d = json.load(open(g, encoding="utf-8"))
    page = str(g)[: -len(".golden.json")] + ".md"
    role_pages += d["role_page"]
    walk(page, d["items"], None)
got = [(e["page"], e["line"], e["kind"], e["title"], e["family"]) for e in cat["entries"]]
assert sorted(got) == sorted(want), (sorted(set(got) ^ set(want)))
assert cat["summary"]["pages"] == len(pages), cat["summary"]
assert cat["summary"]["role_pages"] == role_pages, cat["summary"]
PY

"$ROLEDOC" roles -f csv -o "$scratch/cat.csv" "$pages" 2>"$scratch/err"
status=$?
expect_status "roles -f csv: exit status" 0
check "catalogue CSV: a header and one row per entry of the JSON" python3 - "$scratch/cat.csv" "$scratch/cat.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
entries = json.load(open(sys.argv[2], encoding="utf-8"))["entries"]
assert len(rows) == len(entries), (len(rows), len(entries))
for row, e in zip(rows, entries):
    assert row["title"] == e["title"] and int(row["line"]) == e["line"], (row, e)
    assert row["mission"] == (e["mission"] or ""), (row, e)
    assert int(row["actions"]) == e["actions"], (row, e)
    assert row["findings"].split() == [f'{f["rule"]}@{f["line"]}' for f in e["findings"]]
PY

"$ROLEDOC" roles -f html -o "$scratch/cat.html" "$pages" 2>"$scratch/err"
status=$?
expect_status "roles -f html: exit status" 0
check "catalogue HTML names every role" python3 - "$scratch/cat.html" "$scratch/cat.json" <<'PY'
import html, json, sys
page = html.unescape(open(sys.argv[1], encoding="utf-8").read())
for e in json.load(open(sys.argv[2], encoding="utf-8"))["entries"]:
    assert e["title"] in page, e["title"]
PY
vnu_check "$scratch/cat.html" "catalogue HTML"

"$ROLEDOC" roles --explain "$pages/lead-in-actions.md" >"$scratch/explain" 2>&1
check "--explain names the page and the decision" \
    grep -q "^$pages/lead-in-actions.md: a role page (detected)" "$scratch/explain"
check "--explain says which lead-in gave the actions" grep -q 'lead-in' "$scratch/explain"
"$ROLEDOC" roles --explain "$pages/lookalike-vision.md" >"$scratch/explain" 2>&1
check "--explain says why a look-alike is no role page" \
    grep -q 'not a role title' "$scratch/explain"

# ------------------------------------------------------- recognition is data
space=$scratch/space
mkdir -p "$space/metiers"
cat >"$space/metiers/bidouille.md" <<'PAGE'
# Bidouilleur / bidouilleuse

## Au fil de l'eau

* Réparer les outils
* Tenir l'atelier
PAGE
cat >"$space/metiers/index.md" <<'PAGE'
# Coach

Les coachs accompagnent les équipes.
PAGE

role_page() {
    "$ROLEDOC" convert -t roles-json "$1" >"$scratch/model.json" &&
        python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["role_page"] else 1)' \
            "$scratch/model.json"
}
roles_page() {
    "$ROLEDOC" roles "$@" >"$scratch/cat.json" 2>"$scratch/err"
}
count_roles() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["roles"])' \
        "$scratch/cat.json"
}

role_page "$space/metiers/bidouille.md"
check "an unknown job noun is no role title" test $? -ne 0
roles_page "$space/metiers/bidouille.md"
check "without configuration: no role (got $(count_roles))" test "$(count_roles)" = 0
cat >"$space/.roledoc.xml" <<'CONF'
<roledoc xmlns="urn:roledoc:config:1">
  <lexicon><job masculine="bidouilleur" feminine="bidouilleuse"/></lexicon>
  <labels><part name="actions"><label>Au fil de l'eau</label></part></labels>
  <not-role-pages><path>metiers/index.md</path></not-role-pages>
</roledoc>
CONF
roles_page "$space/metiers/bidouille.md"
check "a job noun and a label added by the configuration: one role (got $(count_roles))" \
    test "$(count_roles)" = 1
check "the label gives the actions" python3 - "$scratch/cat.json" <<'PY'
import json, sys
(entry,) = json.load(open(sys.argv[1]))["entries"]
assert entry["title"] == "Bidouilleur / bidouilleuse" and entry["actions"] == 2, entry
assert entry["gender"] == "both", entry
PY
roles_page "$space/metiers/index.md"
check "not-role-pages opts a page out (got $(count_roles))" test "$(count_roles)" = 0
"$ROLEDOC" roles --explain "$space/metiers/index.md" >"$scratch/explain" 2>&1
check "--explain says the page was opted out" grep -q 'opted-out' "$scratch/explain"
rm "$space/.roledoc.xml"
roles_page "$space/metiers/index.md"
check "without the opt-out the page is a role page (got $(count_roles))" \
    test "$(count_roles)" = 1
printf -- '---\nrole-page: false\n---\n' | cat - "$space/metiers/index.md" >"$space/fm.md"
roles_page "$space/fm.md"
check "front matter role-page: false opts a page out (got $(count_roles))" \
    test "$(count_roles)" = 0
"$ROLEDOC" roles -f yaml "$pages" >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "an unknown format" 2
check "an unknown format is named" grep -q "unknown format 'yaml'" "$scratch/err"
"$ROLEDOC" roles "$scratch/absent.md" "$pages/prose-only.md" >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "an unreadable page" 2
check "the unreadable page is named" grep -q 'absent.md' "$scratch/err"
check "the other pages are in the catalogue" grep -q 'prose-only.md' "$scratch/out"
"$ROLEDOC" roles >"$scratch/out" 2>"$scratch/err"
status=$?
expect_status "no page given" 2
finish
