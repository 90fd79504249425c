#!/bin/sh
# Every fixture, converted to a standalone HTML page, gets no error from
# the Nu HTML Checker; with RD_TEST_REFERENCE set (html_vnu_reference.sh),
# every page of the shared corpus and the reference page instead.
#
# The checker is vnu.jar from the npm package vnu-jar, run with the
# system's Java; it is looked for in $VNU_JAR, then under .tools/ of the
# source and build trees, where
#     npm install --no-save --ignore-scripts --prefix .tools vnu-jar
# puts it. Without it (or without Java) the test is skipped, unless CI is
# set: continuous integration must run it.
. "$top_srcdir/tests/lib.sh"
[ -z "${RD_TEST_REFERENCE:-}" ] || require_shared "$SHARED/corpus" "$SEED"

missing() {
    if [ -n "${CI:-}" ]; then
        echo "html_vnu: $1 (CI must run this test)" >&2
        exit 1
    fi
    echo "SKIP: $1" >&2
    exit 77
}

jar=$(find_vnu) ||
    missing "vnu.jar not found: run 'npm install --no-save --ignore-scripts --prefix .tools vnu-jar' in the source tree, or set VNU_JAR"
command -v java >/dev/null 2>&1 ||
    missing "java not found: install default-jre-headless"

# One output per page, named after the page's path so that the checker's
# messages say which page they are about.
mkdir "$scratch/html"
if [ -n "${RD_TEST_REFERENCE:-}" ]; then
    find "$SHARED/corpus" -name '*.md' -type f | sort >"$scratch/pages"
    echo "$SEED" >>"$scratch/pages"
else
    find "$top_srcdir/fixtures" -name '*.md' -type f | sort >"$scratch/pages"
fi
pages=0
while IFS= read -r page; do
    name=$(printf '%s' "${page#"$SHARED"/}" | sed "s|^$top_srcdir/||; s|[^A-Za-z0-9._-]|_|g")
    pages=$((pages + 1))
    # A page may be reported on (bad bytes, bad front matter): the output
    # must be written all the same.
    "$ROLEDOC" convert -t html -o "$scratch/html/$name.html" "$page" 2>/dev/null
    if [ -s "$scratch/html/$name.html" ]; then
        pass
    else
        fail "$page: no HTML written"
    fi
done <"$scratch/pages"

if java -jar "$jar" --errors-only --format gnu "$scratch"/html/*.html \
        >"$scratch/vnu.out" 2>&1 && [ ! -s "$scratch/vnu.out" ]; then
    echo "$pages pages valid"
    pass
else
    fail "the Nu HTML Checker reports errors:"
    sed "s|$scratch/html/||" "$scratch/vnu.out" >&2
fi
finish
