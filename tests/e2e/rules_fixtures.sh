#!/bin/sh
# Each rule on its own fixtures: fixtures/rules/ID/fires.md must give exactly
# fires.out and passes.md exactly passes.out when `roledoc lint` runs with
# only rule ID enabled. The exit status must follow: 1 when the expected
# output holds an error-level finding, else 0.
#
# Only one rule runs: every other rule of rules/ is disabled on the command
# line, and a configuration with no settings is forced so that no
# .roledoc.xml above the tree can change the result. Pages are named
# relative to the source tree, as the golden files show them.
#
# ROLEDOC_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing
# (review the diff before committing).
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir" || exit 1

all_ids=$(sed -n 's/.*<rule [^>]*id="\([a-z0-9-]*\)".*/\1/p' rules/*.xml | sort -u)
[ -n "$all_ids" ] || { echo "no rule ids found in rules/" >&2; exit 1; }

neutral="$scratch/neutral.xml"
printf '<roledoc xmlns="urn:roledoc:config:1"/>\n' >"$neutral"

# lint_only ID PAGE: the text report of rule ID alone on PAGE. (sh has no
# local variables: the names here are used nowhere else.)
lint_only() {
    lint_rule=$1 lint_page=$2
    set --
    for other in $all_ids; do
        [ "$other" = "$lint_rule" ] || set -- "$@" --disable "$other"
    done
    "$ROLEDOC" lint --no-color --config "$neutral" --enable "$lint_rule" "$@" \
        "$lint_page"
}

expected_status() {
    if grep -q ': error: ' "$1"; then echo 1; else echo 0; fi
}

compare() {
    rule=$1 case=$2
    page=fixtures/rules/$rule/$case.md
    golden=fixtures/rules/$rule/$case.out
    lint_only "$rule" "$page" >"$scratch/out" 2>"$scratch/err"
    status=$?
    if [ -n "${ROLEDOC_UPDATE_GOLDEN:-}" ]; then
        cp "$scratch/out" "$golden"
    fi
    if [ ! -f "$golden" ]; then
        fail "$rule/$case: no golden file $golden"
        return
    fi
    want=$(expected_status "$golden")
    if [ "$status" -ne "$want" ]; then
        fail "$rule/$case: exit status $status, expected $want"
        cat "$scratch/err" >&2
    else
        same_file "$golden" "$scratch/out" "$rule/$case: output differs from $golden"
    fi
}

for dir in fixtures/rules/*/; do
    id=$(basename "$dir")
    if ! printf '%s\n' $all_ids | grep -qx "$id"; then
        fail "$id: fixtures for a rule that rules/ does not declare"
        continue
    fi
    compare "$id" fires
    compare "$id" passes
    if [ ! -s "$dir/fires.out" ]; then
        fail "$id: fires.md does not make the rule fire"
    fi
done
finish
