#!/bin/sh
# Files a hostile repository may hold: what is not a regular file (a FIFO
# as a page, as the configuration or in the rules directory; a device) is
# refused with a message naming it and exit status 2, and the run ends
# instead of waiting for a writer; a walked directory's symbolic links out
# of the tree are not followed, for lint nor for a conversion to a
# directory; no output is written through a symbolic link, at the output
# path or in a directory under -O. (docs/robustness.md)
. "$top_srcdir/tests/lib.sh"
require_tool timeout "apt-get install coreutils"
require_tool mkfifo "apt-get install coreutils"

cd "$scratch" || exit 1
mkfifo fifo.md fifo.xml
printf '# Coach\n\nLes coachs accompagnent.\n' >page.md

# run NAME ARGS...: roledoc ARGS, killed after 20 s (status 124).
run() {
    name=$1; shift
    timeout 20 "$ROLEDOC" "$@" >out 2>err
    status=$?
    check "$name: the run ends (not waiting on the FIFO)" test "$status" -ne 124
    expect_status "$name" 2 err
}

run "a FIFO as a page" lint fifo.md
check "a FIFO as a page: named and refused" grep -q 'fifo.md: a FIFO, not a regular file: refused' err
run "a FIFO as a page to convert" convert -t text fifo.md
run "a FIFO as the configuration" lint --config fifo.xml page.md
check "a FIFO as the configuration: named" grep -q 'fifo.xml: a FIFO' err
mkdir rules
cp "$top_srcdir"/rules/*.xml "$top_srcdir"/rules/*.rng rules/
mkfifo rules/zz-fifo.xml
run "a FIFO in the rules directory" lint --rules rules page.md
check "a FIFO in the rules directory: named" grep -q 'zz-fifo.xml: a FIFO' err
run "a device as a page" lint /dev/zero
check "a device as a page: named" grep -q '/dev/zero: a device, not a regular file' err
# The other pages of the run are still linted.
timeout 20 "$ROLEDOC" lint fifo.md page.md >out 2>err
status=$?
expect_status "a FIFO beside a page" 2 err
check "a FIFO beside a page: the page is linted" grep -q '1 page linted, 1 could not be read' err
# Symbolic links out of a walked tree.
mkdir -p tree/docs/sub secret
printf '# Secret\n\nSECRET-WORDS\n' >secret/page.md
printf '# A\n\nTexte.\n' >tree/docs/a.md
ln -s "$scratch/secret/page.md" tree/docs/leak.md
ln -s "$scratch/secret" tree/docs/outside
ln -s ../a.md tree/docs/sub/inside.md
timeout 20 "$ROLEDOC" lint tree/docs >out 2>err
status=$?
expect_status "links out of the walked tree" 2 err
check "a link to a page out of the tree is named and not followed" \
    grep -q 'tree/docs/leak.md: symbolic link out of the tree' err
check "a link to a directory out of the tree is named and not followed" \
    grep -q 'tree/docs/outside: symbolic link out of the tree' err
check "a link inside the tree is followed" grep -q '2 pages linted' err
timeout 20 "$ROLEDOC" convert -t text -O out-dir tree/docs >out 2>err
check "convert -O: nothing from out of the tree is written" \
    sh -c '! grep -rq SECRET-WORDS out-dir'
check "convert -O: the pages of the tree are, under their folder's path" test -f out-dir/a.txt
# A symbolic link at the output path.
mkdir elsewhere
printf 'precious\n' >elsewhere/file
ln -s "$scratch/elsewhere/file" out-link.txt
timeout 20 "$ROLEDOC" convert -t text -o out-link.txt page.md >out 2>err
status=$?
expect_status "a symbolic link at the output path" 2 err
check "a symbolic link at the output path: named and refused" \
    grep -q 'out-link.txt: a symbolic link: refused' err
check "a symbolic link at the output path: its target untouched" \
    grep -qx precious elsewhere/file
# A symbolic link to a directory out of the output folder, where a page's
# directory would go.
mkdir -p pages/sub outdir
printf '# Page\n\nTexte.\n' >pages/sub/p.md
ln -s "$scratch/elsewhere" outdir/sub
timeout 20 "$ROLEDOC" convert -t text -O outdir pages >out 2>err
status=$?
expect_status "a symbolic link to a directory under -O" 2 err
check "a symbolic link under -O: named and refused" \
    grep -q 'outdir/sub: a symbolic link: refused' err
check "a symbolic link under -O: nothing written where it points" \
    test "$(ls elsewhere)" = file
# A link planted as the output file itself under -O.
mkdir -p outdir2/sub
ln -s "$scratch/elsewhere/file" outdir2/sub/p.txt
timeout 20 "$ROLEDOC" convert -t text -O outdir2 pages >out 2>err
status=$?
expect_status "a symbolic link as a page's output under -O" 2 err
check "a symbolic link as a page's output: its target untouched" \
    grep -qx precious elsewhere/file
# Where -O writes: under the folder given, never an absolute path or a
# "../" copied under DIR; two pages for one file refused, nothing written.
mkdir -p space/guide deep/a deep/b
printf '# A\n' >space/guide/a.md
printf '# R\n' >deep/a/README.md
printf '# R\n' >deep/b/README.md
timeout 20 "$ROLEDOC" convert -t text -O abs "$scratch/space" >out 2>err
check "-O of an absolute folder: its pages at their path under it" \
    test "$(cd abs && find . -type f)" = ./guide/a.txt
(cd deep && timeout 20 "$ROLEDOC" convert -t text -O ../up ../space/guide/a.md) >out 2>err
check "-O of a page through ../: under DIR by its name" \
    test "$(cd up && find . -type f)" = ./a.txt
timeout 20 "$ROLEDOC" convert -t text -O clash deep/a/README.md deep/b/README.md >out 2>err
status=$?
expect_status "-O of two pages for one file" 2 err
check "-O of two pages for one file: both named" \
    grep -q 'deep/a/README.md and deep/b/README.md would both be written to README.txt' err
check "-O of two pages for one file: nothing written" test ! -e clash
timeout 20 "$ROLEDOC" convert -t text -O both deep >out 2>err
check "-O of their folder: both, apart" \
    test -f both/a/README.txt -a -f both/b/README.txt
finish
