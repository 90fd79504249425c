#!/bin/sh
# The library as an integrator gets it: installed by `make install
# DESTDIR=...`, the example program compiled with nothing but
# `pkg-config --cflags --libs roledoc` pointed at that installation, run
# against the installed shared library on the bundled example page.
. "$top_srcdir/tests/lib.sh"
require_tool pkg-config "apt-get install pkg-config"
require_tool cc "apt-get install build-essential"
require_tool xmllint "apt-get install libxml2-utils"

stage=$scratch/stage
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
        make -C "$top_builddir" install DESTDIR="$stage" >"$scratch/install.log" 2>&1; then
    fail "make install DESTDIR=$stage"
    tail -20 "$scratch/install.log" >&2
    finish
    exit 1
fi
pc=$(find "$stage" -name roledoc.pc -path '*/pkgconfig/*')
libso=$(find "$stage" -name 'libroledoc.so.*' -type f | head -1)

# pkg-config sees only the staged installation: PKG_CONFIG_SYSROOT_DIR puts
# the stage in front of the paths roledoc.pc names.
PKG_CONFIG_PATH=$(dirname "$pc")
PKG_CONFIG_SYSROOT_DIR=$stage
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
flags=$(pkg-config --cflags --libs roledoc)
check "pkg-config knows roledoc $(pkg-config --modversion roledoc)" \
    test "$(pkg-config --modversion roledoc)" = "$("$ROLEDOC" --version | sed -n '1s/^roledoc //p')"
case "$flags" in
    *"-I$stage/"*"-L$stage/"*"-lroledoc"*) pass ;;
    *) fail "pkg-config flags point into the installation: $flags" ;;
esac

example=$scratch/api-example
# A library built with sanitizers needs them in the program too.
# shellcheck disable=SC2086  # the flags are words
if cc -std=c11 -Wall -Wextra -Werror ${SAN_CFLAGS:-} "$top_srcdir/examples/api-example.c" \
        $flags -o "$example" 2>"$scratch/cc.err"; then
    pass
else
    fail "the example program does not build with pkg-config's flags"
    cat "$scratch/cc.err" >&2
    finish
    exit 1
fi

LD_LIBRARY_PATH=$(dirname "$libso")
export LD_LIBRARY_PATH
unset ROLEDOC_DOCS
# The library reads no directory it is not given: the example takes the
# rules from ROLEDOC_RULES, here the staged copy of the installed ones.
ROLEDOC_RULES=$(find "$stage" -type d -path '*/share/roledoc/rules' | head -1)
export ROLEDOC_RULES
check "the staged rules are found" test -f "$ROLEDOC_RULES/roledoc-rules.rng"
check "the example runs on the installed library" \
    sh -c "ldd '$example' | grep -q 'libroledoc.so.* => $LD_LIBRARY_PATH/'"

cp "$top_srcdir/examples/role-page.md" "$scratch/role-page.md"
cd "$scratch" || exit 1
"$example" role-page.md >page.xml 2>page.err
status=$?
# Its figure's image is not beside it: an error-level finding.
check "example page: exit status 1 (was $status)" test "$status" -eq 1
check "example page: the missing image is reported" \
    grep -qx 'role-page.md:12:9: error: image target "assets/facilitation.png" does not exist \[local-target-exists\]' page.err
check "example page: the role model is found" \
    grep -qx 'role-page.md: "Facilitateur / facilitatrice", [1-9][0-9]* roles\{0,1\}' page.err
check "example page: DocBook is well-formed" xmllint --noout page.xml
check "example page: an article with its roles marked" \
    sh -c "grep -q '<article' page.xml && grep -q 'role=\"role\"' page.xml"

# A page with an error-level finding: it is printed, the status is 1.
printf '# Titre\n\n# Second titre\n' >two-titles.md
"$example" two-titles.md >two.xml 2>two.err
status=$?
check "error finding: exit status 1 (was $status)" test "$status" -eq 1
check "error finding: FILE:LINE:COL: error: MESSAGE [RULE]" \
    grep -q '^two-titles.md:3:1: error: .* \[page-title\]$' two.err

# A page that is not there: the library's message, status 2.
"$example" absent.md >absent.out 2>absent.err
status=$?
check "missing page: exit status 2 (was $status)" test "$status" -eq 2
check "missing page: the message names it" grep -q '^absent.md: ' absent.err
finish
