#!/bin/sh
# Every rule has its page docs/rules/ID.md (why, a failing example and a
# passing one), every page has its rule, and `roledoc rules --explain ID`
# prints that page; a rule is fixable in `roledoc rules` exactly when its
# page says so.
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir" || exit 1

"$ROLEDOC" rules >"$scratch/list" 2>"$scratch/err"
check "roledoc rules: exit status 0" test $? -eq 0
check "roledoc rules: ID SEVERITY DESCRIPTION lines" \
    sh -c "! grep -Ev '^[a-z0-9-]+ +(off|info|warning|error) +[^ ].*\$' '$scratch/list'"
ids=$(cut -d' ' -f1 "$scratch/list")
check "roledoc rules: some rules listed" test -n "$ids"

for id in $ids; do
    page=docs/rules/$id.md
    if [ ! -f "$page" ]; then
        fail "$id: no documentation page $page"
        continue
    fi
    for section in "Why" "Failing example" "Passing example"; do
        check "$id: section '$section'" grep -q "^## $section" "$page"
    done
    "$ROLEDOC" rules --explain "$id" >"$scratch/explain" 2>"$scratch/err"
    check "$id: --explain prints $page" cmp -s "$scratch/explain" "$page"
    # Fixable in `roledoc rules` exactly when the page says so, in its
    # table and with a section on the fix.
    if grep -q "^$id  *[a-z]*  *fixable " "$scratch/list"; then
        check "$id: fixable, its page's table says yes" grep -q "^| \`$id\` | .* | yes |\$" "$page"
        check "$id: fixable, its page has a '## Fix' section" grep -q '^## Fix$' "$page"
    else
        check "$id: not fixable, its page's table says no" grep -q "^| \`$id\` | .* | no |\$" "$page"
        check "$id: not fixable, its page has no '## Fix' section" sh -c "! grep -q '^## Fix\$' '$page'"
    fi
done
check "roledoc rules: the four fixable rules say so" test \
    "$(grep -c '  fixable  ' "$scratch/list")" -eq 4

for page in docs/rules/*.md; do
    [ -e "$page" ] || continue
    id=$(basename "$page" .md)
    if ! printf '%s\n' $ids | grep -qx "$id"; then
        fail "$page: documents no rule ('roledoc rules' does not list $id)"
    fi
done

# An installed roledoc reads its rules from pkgdatadir: each file of rules/
# and docs/rules/ must be in the lists of Makefile.am that install it.
tr -d ' \t\\' <Makefile.am >"$scratch/listed"
for file in rules/*.xml rules/*.rng docs/rules/*.md; do
    check "$file installed (listed in Makefile.am)" grep -qxF "$file" "$scratch/listed"
done

"$ROLEDOC" rules --explain no-such-rule >/dev/null 2>"$scratch/err"
check "--explain an unknown rule: exit status 2" test $? -eq 2
check "--explain an unknown rule: named" grep -q 'no-such-rule' "$scratch/err"
finish
