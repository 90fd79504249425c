#!/bin/sh
# roledoc site on the fixture space: a page per page at its relative path,
# every link and image resolving under the site (tests/site_links.py parses
# every page), the navigation on every page, the Nu HTML Checker on every
# page; nothing written outside the site's folder whatever the pages and
# SUMMARY.md point to (../../.., absolute paths, symbolic links, a link
# planted in the folder); a page that fails is reported and the others are
# written; a second run rewrites no file.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"

SPACE=$top_srcdir/fixtures/space
LINKS=$top_srcdir/tests/site_links.py

# site NAME ARGS...: roledoc site ARGS, its status in $status, its
# standard error in $scratch/err.
site() {
    name=$1; shift
    "$ROLEDOC" site "$@" 2>"$scratch/err"
    status=$?
}

# links NAME SITE SPACE: every local link and image resolves.
links() {
    if python3 "$LINKS" "$2" "$3" >"$scratch/links"; then pass; else
        fail "$1: links and images"; grep PROBLEM "$scratch/links" | head -20 >&2
    fi
    cat "$scratch/links"
}

# -------------------------------------------------------- the fixture
out=$scratch/site
site "fixture" "$SPACE" -O "$out"
expect_status "site of the fixture space" 0
check "no warning on the fixture" test "$(grep -c -e warning -e error "$scratch/err")" -eq 0
(cd "$SPACE" && find . -name '*.md' ! -name SUMMARY.md | sed 's/\.md$/.html/' | sort) >"$scratch/want"
(cd "$out" && find . -name '*.html' ! -name index.html | sort) >"$scratch/got"
same_file "$scratch/want" "$scratch/got" "a page per page of the space, at its relative path"
check "index.html" test -s "$out/index.html"
for asset in .gitbook/assets/logo.png .gitbook/assets/photo.jpg \
             ".gitbook/assets/carte équipe.png" .gitbook/assets/schema.svg outils/capture.jpg; do
    check "asset $asset copied at its place" cmp -s "$SPACE/$asset" "$out/$asset"
done
links "fixture" "$out" "$SPACE"
check "every page has the navigation" test "$(grep -L 'id="site-nav"' "$out"/*.html "$out"/*/*.html "$out"/*/*/*.html | wc -l)" -eq 0
# The navigation as SUMMARY.md gives it: its groups, the pages nested,
# the page SUMMARY.md does not name listed apart.
for group in "L'équipe" "Outils"; do
    check "group $group in the navigation" grep -qF "<p class=\"group\">$group</p>" "$out/README.html"
done
check "the page not in SUMMARY.md is listed as such" python3 - "$out/README.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
nav = html[html.index('id="site-nav"'):]
others = nav[nav.index("Pages hors du sommaire"):]
sys.exit(0 if 'href="equipe/hors-sommaire.html"' in others else 1)
PY
check "nested entries nest" python3 - "$out/README.html" <<'PY'
import sys, re
nav = open(sys.argv[1], encoding="utf-8").read().split('id="site-nav"')[1]
# coach.md is under "Les métiers", under "L'équipe": three lists deep.
depth, found = 0, None
for m in re.finditer(r'<ul>|</ul>|href="([^"]*)"', nav):
    if m.group(0) == "<ul>": depth += 1
    elif m.group(0) == "</ul>": depth -= 1
    elif m.group(1) == "equipe/metiers/coach.html": found = depth
sys.exit(0 if found == 3 else 1)
PY
check "links between pages keep their anchor" grep -qF 'href="developpeur.html#mission"' "$out/equipe/metiers/README.html"
check "previous and next links" grep -q 'rel="next" href="developpeur.html"' "$out/equipe/metiers/coach.html"
check "no script on any page" test "$(grep -l '<script' -r "$out" | wc -l)" -eq 0
vnu_check "$out" "every page of the fixture site"

# ----------------------------------------------- a second run: no rewrite
find "$out" -exec touch -h -d '2001-02-03 04:05:06' {} +
find "$out" -newermt '2001-02-03 04:05:07' >"$scratch/newer"
check "files dated before the second run" test ! -s "$scratch/newer"
site "second run" "$SPACE" -O "$out"
expect_status "second run" 0
find "$out" -type f -newermt '2001-02-03 04:05:07' >"$scratch/newer"
check "a second run rewrites no file" test ! -s "$scratch/newer"
cat "$scratch/newer" >&2
check "a second run says so" grep -q ' 0 files written' "$scratch/err"

# One page changed (not its title): that page only is written again.
copy=$scratch/copy
cp -R "$SPACE/." "$copy/"
site "copy" "$copy" -O "$scratch/copy-site"
find "$scratch/copy-site" -exec touch -h -d '2001-02-03 04:05:06' {} +
echo "Un paragraphe de plus." >>"$copy/outils/liste.md"
site "after one change" "$copy" -O "$scratch/copy-site"
(cd "$scratch/copy-site" && find . -type f -newermt '2001-02-03 04:05:07' | sort) >"$scratch/newer"
printf './.roledoc-site\n./outils/liste.html\n' >"$scratch/want"
same_file "$scratch/want" "$scratch/newer" "one page changed: that page (and the manifest) only"
# Another option: every page again.
site "another option" "$copy" -O "$scratch/copy-site" --lang en
check "another option rewrites the pages" grep -q 'lang="en"' "$scratch/copy-site/README.html"

# --------------------------------- nothing written outside the folder
# The space deep in a tree, with pages, images and SUMMARY.md entries that
# lead out of it; a file outside it; symbolic links in it that lead out.
deep=$scratch/a/b/c
space=$deep/space
mkdir -p "$space" "$scratch/outside"
cp -R "$SPACE/." "$space/"
echo "# Secret" >"$scratch/outside/secret.md"
echo "SECRET-WORD-OUTSIDE" >>"$scratch/outside/secret.md"
cp "$SPACE/.gitbook/assets/logo.png" "$scratch/outside/secret.png"
ln -s "$scratch/outside/secret.png" "$space/.gitbook/assets/lien.png"
ln -s "$scratch/outside" "$space/dossier-lien"
ln -s "$scratch/outside/secret.md" "$space/page-lien.md"
cat >"$space/hostile.md" <<EOS
# Une page hostile

[Au-dessus](../../../../outside/secret.md) [encodé](%2e%2e/%2e%2e/outside/secret.md)
[absolu]($scratch/outside/secret.md) [lien](page-lien.md) [dossier](dossier-lien/secret.md)

![au-dessus](../../../../outside/secret.png) ![absolue]($scratch/outside/secret.png)
![lien](.gitbook/assets/lien.png) ![dossier](dossier-lien/secret.png)

<img src="../../../outside/secret.png" alt="au-dessus"> <img src="$scratch/outside/secret.png" alt="absolue">
EOS
cat >>"$space/SUMMARY.md" <<EOS

## Dehors

* [Hostile](hostile.md)
* [Au-dessus](../../../outside/secret.md)
* [Absolu]($scratch/outside/secret.md)
* [Lien](page-lien.md)
EOS
hostile_out=$deep/site
(cd "$scratch" && find . | sort) >"$scratch/before"
site "hostile" "$space" -O "$hostile_out"
expect_status "hostile space" 0
(cd "$scratch" && find . | sort) | grep -v -e '^\./a/b/c/site' -e '^\./err$' -e '^\./after$' >"$scratch/after"
grep -v -e '^\./err$' -e '^\./after$' "$scratch/before" >"$scratch/before.ok"
same_file "$scratch/before.ok" "$scratch/after" "nothing written outside the site's folder"
check "nothing of the outside files in the site" \
    test "$(grep -r -l -e SECRET-WORD-OUTSIDE "$hostile_out" | wc -l)" -eq 0
check "no outside image copied" test "$(find "$hostile_out" -name 'secret*' | wc -l)" -eq 0
check "no symbolic link in the site" test "$(find "$hostile_out" -type l | wc -l)" -eq 0
check "the SUMMARY.md entries leading out are refused" \
    test "$(grep -c 'is outside the space: not read' "$scratch/err")" -eq 3
links "hostile" "$hostile_out" "$space"

# A symbolic link planted in the folder: refused, the other pages written,
# the failure named and the exit status 2.
planted=$scratch/planted
mkdir -p "$planted" "$scratch/trap"
ln -s "$scratch/trap" "$planted/equipe"
site "planted link" "$SPACE" -O "$planted"
expect_status "a link planted in the folder" 2
check "nothing written through it" test "$(find "$scratch/trap" | wc -l)" -eq 1
check "the failure names the file" grep -q "equipe.*symbolic link" "$scratch/err"
check "the other pages are written" test -s "$planted/outils/liste.html"
check "the index is written" test -s "$planted/index.html"

# A page that cannot be read: reported, the others written.
broken=$scratch/broken
cp -R "$SPACE/." "$broken/"
mkfifo "$broken/tube.md"
echo "* [Un tube](tube.md)" >>"$broken/SUMMARY.md"
site "unreadable page" "$broken" -O "$scratch/broken-site"
expect_status "an unreadable page" 2
check "the unreadable page is reported" grep -q "page 'tube.md' could not be read" "$scratch/err"
check "the other pages are written" test -s "$scratch/broken-site/outils/liste.html"

# convert -O of a folder given by its absolute path: its pages at their
# path in the folder, not under the folder's own path.
abs=$(cd "$SPACE" && pwd)
"$ROLEDOC" convert -t html -O "$scratch/conv" "$abs" 2>"$scratch/err"
(cd "$scratch/conv" && find . -type f | sort) >"$scratch/got"
(cd "$SPACE" && find . -name '*.md' | sed 's/\.md$/.html/' | sort) >"$scratch/want"
same_file "$scratch/want" "$scratch/got" "convert -O of an absolute folder: paths relative to it"

# SUMMARY.md given itself; usage errors.
site "summary" "$SPACE/SUMMARY.md" -O "$scratch/by-summary"
expect_status "site SUMMARY.md" 0
check "site SUMMARY.md: same pages" test -s "$scratch/by-summary/equipe/metiers/coach.html"
site "no -O" "$SPACE"
expect_status "site without -O" 2
site "missing space" "$scratch/nowhere" -O "$scratch/x"
expect_status "site of a missing space" 2

finish
