#!/bin/sh
# `make install DESTDIR=...` installs everything roledoc is made of, and
# the installed program works from the installed files alone: in a mount
# namespace where the source and build trees (and the shared material) are
# hidden, it lists, explains and applies its rules and converts the
# example page and a fixture full of GitBook blocks and HTML exactly as the
# program of the build tree does. The shared
# library exports the public API and nothing else. `make uninstall` leaves
# nothing behind.
. "$top_srcdir/tests/lib.sh"

stage=$scratch/stage
make_in_build_tree() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$top_builddir" "$@" \
        DESTDIR="$stage" >"$scratch/make.log" 2>&1
}
if make_in_build_tree install; then pass; else
    fail "make install DESTDIR=$stage"
    tail -20 "$scratch/make.log" >&2
    finish
    exit 1
fi

# ------------------------------------------------------------ what is there

# installed NAME PATTERN: exactly one installed file matches the path
# pattern; its path is left in $found.
installed() {
    found=$(find "$stage" -path "$2" \( -type f -o -type l \))
    if [ -n "$found" ] && [ "$(printf '%s\n' "$found" | wc -l)" -eq 1 ]; then
        pass
    else
        fail "installed $1: ${found:-nothing} matches $2"
    fi
}
installed program '*/bin/roledoc'; program=$found
installed header '*/include/roledoc.h'
installed "pkg-config file" '*/lib*/pkgconfig/roledoc.pc'
installed "shared library" '*/lib*/libroledoc.so'
installed "manual page roledoc(1)" '*/man/man1/roledoc.1'
installed "manual page roledoc-rules(5)" '*/man/man5/roledoc-rules.5'
installed "bash completion" '*/bash-completion/completions/roledoc'
installed "rule schema" '*/share/roledoc/rules/roledoc-rules.rng'
check "the static convenience library is not installed" \
    sh -c "! find '$stage' -name '*core*' | grep -q ."
for f in "$top_srcdir"/rules/*.xml "$top_srcdir"/docs/rules/*.md; do
    rel=${f#"$top_srcdir"/}
    check "installed $rel" test -n "$(find "$stage" -path "*/share/roledoc/$rel")"
done

# ------------------------------------------------------------ the library

lib=$(find "$stage" -name 'libroledoc.so.*' -type f | head -1)
nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort >"$scratch/exported"
check "the library exports functions" test -s "$scratch/exported"
check "every exported function is rd_*" sh -c "! grep -v '^rd_' '$scratch/exported'"
# The public functions as the compiler sees them in the header.
echo '#include "roledoc.h"' >"$scratch/api.c"
if cc -std=c11 -I"$top_srcdir/include" -aux-info "$scratch/api.aux" \
        -c "$scratch/api.c" -o "$scratch/api.o" 2>"$scratch/cc.err"; then
    grep 'roledoc\.h:' "$scratch/api.aux" |
        sed 's/^.*[ *]\(rd_[a-z0-9_]*\) *(.*$/\1/' | sort -u >"$scratch/public"
    check "the header declares functions" test -s "$scratch/public"
    missing=$(comm -23 "$scratch/public" "$scratch/exported" | tr '\n' ' ')
    check "every public function is exported (missing: $missing)" test -z "$missing"
    extra=$(comm -13 "$scratch/public" "$scratch/exported" | tr '\n' ' ')
    check "nothing but the public functions is exported (extra: $extra)" test -z "$extra"
else
    fail "the installed header does not compile"
    cat "$scratch/cc.err" >&2
fi

# ------------------------------------------------------ installed files only

# Pages are copied out of the trees that are about to be hidden.
mkdir "$scratch/pages"
cp "$top_srcdir/examples/role-page.md" "$scratch/pages/role-page.md"
cp "$top_srcdir/fixtures/docbook/gitbook.md" "$scratch/pages/gitbook.md"

# run_all PROGRAM OUT: what a user does with roledoc, from the pages'
# directory, outputs and exit statuses in OUT. A script of its own, so that
# it runs where the trees are hidden.
cat >"$scratch/run_all.sh" <<'SCRIPT'
prog=$1 out=$2
mkdir -p "$out" && cd "$(dirname "$0")/pages" || exit 1
"$prog" rules >"$out/rules" 2>&1; echo "rules $?" >>"$out/status"
"$prog" rules --explain image-alt >"$out/explain" 2>&1
echo "explain $?" >>"$out/status"
for page in *.md; do
    "$prog" lint --no-color "$page" >"$out/$page.lint" 2>&1
    echo "lint $page $?" >>"$out/status"
    "$prog" convert -t docbook --roles "$page" >"$out/$page.xml" 2>&1
    echo "convert $page $?" >>"$out/status"
    "$prog" convert -t roles-json "$page" >"$out/$page.json" 2>&1
    echo "roles $page $?" >>"$out/status"
done
SCRIPT
sh "$scratch/run_all.sh" "$ROLEDOC" "$scratch/expected"

# hidden COMMAND...: runs COMMAND where the source tree, the build tree and
# the shared material are empty directories.
hidden() {
    unshare $userns -m sh -c '
        for dir in "$HIDE_SRC" "$HIDE_BUILD" "$HIDE_SHARED"; do
            [ -d "$dir" ] || continue
            mount -t tmpfs none "$dir" || exit 97
        done
        exec "$@"' hidden "$@"
}
HIDE_SRC=$(cd "$top_srcdir" && pwd -P)
HIDE_BUILD=$(cd "$top_builddir" && pwd -P)
HIDE_SHARED=$(cd "$SHARED" 2>/dev/null && pwd -P)
export HIDE_SRC HIDE_BUILD HIDE_SHARED
unset ROLEDOC_RULES ROLEDOC_DOCS
userns=
[ "$(id -u)" -eq 0 ] || userns=-r
case $scratch in
    "$HIDE_SRC"/*|"$HIDE_BUILD"/*)
        fail "the scratch directory $scratch lies in a tree to hide: set TMPDIR" ;;
esac

if hidden test ! -e "$HIDE_SRC/configure.ac" 2>"$scratch/unshare.err"; then
    hidden sh "$scratch/run_all.sh" "$program" "$scratch/installed"
    for f in "$scratch"/expected/*; do
        name=${f##*/}
        if cmp -s "$f" "$scratch/installed/$name"; then pass; else
            fail "installed program, tree hidden: $name differs"
            diff "$f" "$scratch/installed/$name" | head -10 >&2
        fi
    done
    check "the installed program found its rules" \
        grep -q '^image-alt ' "$scratch/installed/rules"
    check "the page's lint ran" grep -qx 'lint role-page.md [01]' "$scratch/installed/status"
    check "the page converted" grep -qx 'convert role-page.md 0' "$scratch/installed/status"
    check "the GitBook page converted" grep -qx 'convert gitbook.md 0' "$scratch/installed/status"
elif [ -n "${CI:-}" ]; then
    fail "cannot hide the source tree (unshare -m): $(cat "$scratch/unshare.err")"
else
    echo "SKIP: installed-files-only part: unshare -m fails here: $(cat "$scratch/unshare.err")" >&2
fi

# ------------------------------------------------------------ uninstall

if make_in_build_tree uninstall; then pass; else
    fail "make uninstall DESTDIR=$stage"
    tail -20 "$scratch/make.log" >&2
fi
left=$(find "$stage" -type f -o -type l | head -5)
check "make uninstall removes every file (left: $left)" test -z "$left"
finish
