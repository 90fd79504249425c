#!/bin/sh
# lint --fix and --fix-dry-run on the pages of fixtures/fix (one page per
# fixable rule, one with all of them, one that cannot be fixed wholly),
# under the configuration beside them (the house style of titles, the
# hosts known to answer on HTTPS): the pages become those of
# fixtures/fix/fixed and lint clean for the fixable rules, a second run
# changes nothing, the page that cannot be fixed wholly is left byte for
# byte and named; --fix-dry-run changes nothing and its diff, applied with
# patch -p1, gives the same pages. Then: a title the house style cannot
# write, standard input, a report on standard output beside the diff, and
# a page's mode kept.
#
# The golden pages were written by reading the pages and applying what
# each rule's "Fix" section says.
. "$top_srcdir/tests/lib.sh"
require_tool patch "apt-get install patch"

F=$top_srcdir/fixtures/fix
FIXABLE="entity-artifact heading-increment http-link inclusive-form-style"
FIXED="entities headings links mixed titles"
cd "$scratch" || exit 1

# fresh DIR: a copy of the fixture space (its pages and configuration).
fresh() {
    rm -rf "$1"
    mkdir -p "$1"
    cp "$F"/*.md "$F/.roledoc.yaml" "$1/"
}

# only_fixable ARGS...: lint with every rule but the fixable ones off.
only_fixable() {
    set -- --no-color "$@"
    for id in $("$ROLEDOC" rules | cut -d' ' -f1); do
        case " $FIXABLE " in *" $id "*) ;; *) set -- --disable "$id" "$@";; esac
    done
    "$ROLEDOC" lint "$@"
}

# ------------------------------------------------------------- dry run

fresh space
"$ROLEDOC" lint --no-color --fix-dry-run space >dry.patch 2>dry.err
status=$?
expect_status "--fix-dry-run" 0 dry.err
for page in "$F"/*.md; do
    name=${page##*/}
    check "--fix-dry-run: $name not changed" cmp -s "$page" "space/$name"
done
check "--fix-dry-run: a diff of the pages, no report on stdout" \
    sh -c 'grep -q "^--- a/space/entities.md$" dry.patch && ! grep -q "\[entity-artifact\]" dry.patch'
check "--fix-dry-run: says what it would do" \
    grep -qx 'roledoc: 28 fixes to make (nothing written) in 5 pages' dry.err
mkdir patched && cp -R space patched/
if (cd patched && patch -s -p1 <../dry.patch) >patch.out 2>&1; then pass; else
    fail "patch -p1 does not apply the diff of --fix-dry-run"
    cat patch.out >&2
fi
for name in $FIXED; do
    same_file "$F/fixed/$name.md" "patched/space/$name.md" \
        "--fix-dry-run then patch -p1: $name.md differs from the golden page"
done

# ------------------------------------------------------------------ --fix

chmod 640 space/links.md
"$ROLEDOC" lint --no-color --fix space >fix.out 2>fix.err
status=$?
expect_status "--fix" 0 fix.err
for name in $FIXED; do
    same_file "$F/fixed/$name.md" "space/$name.md" "--fix: $name.md differs from the golden page"
done
check "--fix: the page it cannot fix wholly left byte for byte" \
    cmp -s "$F/unfixable.md" space/unfixable.md
check "--fix: that page named, with the finding that has no safe fix" \
    grep -qx 'roledoc: space/unfixable.md: not fixed: the entity-artifact finding at 3:4 has no safe fix: fix it by hand, then run --fix again' fix.err
check "--fix: says what it did" grep -qx 'roledoc: 28 fixes made in 5 pages' fix.err
check "--fix: the report is of the fixed pages" \
    sh -c '! grep -q "^space/links.md:" fix.out && grep -q "^space/unfixable.md:3:4: " fix.out'
check "--fix: the page keeps its mode" test "$(stat -c %a space/links.md)" = 640
check "--fix: no temporary file left" test "$(ls -A space | wc -l)" -eq 7

only_fixable space >clean.out 2>clean.err
check "the fixed pages lint clean for the fixable rules" \
    sh -c '! grep -v "^space/unfixable.md:" clean.out | grep -q .'

# Idempotent: a second run changes nothing.
cp -R space again
"$ROLEDOC" lint --no-color --fix space >/dev/null 2>again.err
check "a second --fix makes no fix" grep -qx 'roledoc: 0 fixes made in 0 pages' again.err
for page in space/*.md; do
    check "a second --fix leaves ${page#space/} as it was" cmp -s "$page" "again/${page#space/}"
done

# -------------------------------------------- what is not fixed, or refused

# A title that the house style cannot write (le/la has no contracted
# form): the page is left whole, and the other finding with it.
mkdir styles
printf 'rules:\n  inclusive-form-style: {severity: warning, allowed: median-dot}\n' \
    >styles/.roledoc.yaml
printf '# Le/la chargé/chargée de déploiement\n\n**Mission**\n\nDéployer.\n\n**Actions principales**\n\n* Former&#x20;\n' \
    >styles/page.md
cp styles/page.md styles.orig
"$ROLEDOC" lint --no-color --fix styles/page.md >/dev/null 2>styles.err
check "a title the house style cannot write: the page left whole" cmp -s styles.orig styles/page.md
check "a title the house style cannot write: named" \
    grep -q 'styles/page.md: not fixed: the inclusive-form-style finding at 1:1 has no safe fix' styles.err

"$ROLEDOC" lint --fix - <"$F/links.md" >/dev/null 2>stdin.err
status=$?
expect_status "--fix on standard input" 2 stdin.err
check "--fix on standard input: said" grep -q 'fixes files, not standard input' stdin.err

fresh space
"$ROLEDOC" lint --fix-dry-run -f json space >/dev/null 2>json.err
status=$?
expect_status "--fix-dry-run with a report on standard output" 2 json.err
check "--fix-dry-run with a report on standard output: said" \
    grep -q 'give the json report -o FILE' json.err
"$ROLEDOC" lint --fix-dry-run -f json -o dry.json space >dry2.patch 2>/dev/null
check "--fix-dry-run -f json -o FILE: the report of what --fix would leave" \
    sh -c 'grep -q "\"file\": \"space/unfixable.md\"" dry.json && ! grep -q "\"file\": \"space/links.md\"" dry.json'
check "--fix-dry-run -f json -o FILE: the same diff on stdout" cmp -s dry.patch dry2.patch
finish
