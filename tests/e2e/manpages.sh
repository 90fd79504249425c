#!/bin/sh
# The manual pages and the help: roledoc(1) and roledoc-rules(5) render
# with no warning (groff -ww, man --warnings -l); every option that a
# command accepts (its long_options table and getopt string in src/) is in
# its --help and in its section of roledoc(1), and nothing else is; every
# output format, report format and check kind is described; --version
# names roledoc, libxml2 and md4c; an unknown option or a missing value
# gets one line, the usage and exit status 2.
. "$top_srcdir/tests/lib.sh"
require_tool groff "apt-get install groff-base"
require_tool man "apt-get install man-db"
require_tool xmllint "apt-get install libxml2-utils"
require_tool pkg-config "apt-get install pkg-config"

MAN1=$top_srcdir/man/roledoc.1
MAN5=$top_srcdir/man/roledoc-rules.5
SRC=$top_srcdir/src

# ---------------------------------------------------------------- rendering

for page in "$MAN1" "$MAN5"; do
    page_name=${page##*/}
    if LC_ALL=C.UTF-8 groff -ww -z -man -Tutf8 "$page" 2>"$scratch/groff.err" &&
            [ ! -s "$scratch/groff.err" ]; then
        pass
    else
        fail "$page_name: groff -ww warns"
        head -5 "$scratch/groff.err" >&2
    fi
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$scratch/$page_name.txt" 2>"$scratch/man.err"
    check "man --warnings -l $page_name: exit status 0" test $? -eq 0
    if [ ! -s "$scratch/man.err" ]; then pass; else
        fail "man --warnings -l $page_name warns"
        head -5 "$scratch/man.err" >&2
    fi
    check "$page_name renders its NAME and SEE ALSO" \
        sh -c "grep -q '^NAME' '$scratch/$page_name.txt' && grep -q '^SEE ALSO' '$scratch/$page_name.txt'"
done
version=$(sed -n 's/^\.TH .* "roledoc \([^"]*\)".*/\1/p' "$MAN1")
check "roledoc(1) is of version $version, as the program" \
    test "$("$ROLEDOC" --version | head -1)" = "roledoc $version"
check "roledoc-rules(5) is of the same version" \
    grep -q "^\.TH .* \"roledoc $version\"" "$MAN5"

# ------------------------------------------------------------------ options

# code_options FILE: the options a source file accepts, one a line
# (--long from its long_options table, -x from its getopt string).
code_options() {
    sed -n 's/^ *{ "\([a-z][a-z-]*\)", \(no\|required\|optional\)_argument.*/--\1/p' "$1"
    sed -n 's/.*getopt_long(argc, argv, "\([^"]*\)".*/\1/p' "$1" |
        tr -d ':' | fold -w1 | sed 's/^/-/'
}

# help_options CMD...: the options that `roledoc CMD --help` lists (the
# leading dashed words of its indented lines).
help_options() {
    "$ROLEDOC" "$@" --help | awk '/^ +-/ {
        for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i }
    }'
}

# man_section TITLE: the roff lines of roledoc(1) from `.SS "TITLE"` (or
# `.SH TITLE`) to the next heading.
man_section() {
    awk -v t="$1" '
        /^\.S[SH] / { on = ($0 == ".SS \"" t "\"" || $0 == ".SH " t); next }
        on' "$MAN1"
}

# man_options TITLE: the options defined in that section (the line after
# each .TP), font escapes and \- undone.
man_options() {
    man_section "$1" | awk '/^\.TP/ { getline; print }' |
        sed 's/\\f[BIRP]//g; s/\\-/-/g; s/"//g' |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^--?[a-zA-Z]/) {
                   sub(/,$/, "", $i); sub(/=.*/, "", $i); print $i } }'
}

# same NAME A B: the two lists hold the same options.
same() {
    sort -u "$2" >"$scratch/a"; sort -u "$3" >"$scratch/b"
    if cmp -s "$scratch/a" "$scratch/b"; then pass; else
        fail "$1: $(comm -3 "$scratch/a" "$scratch/b" | tr -d '\t' | tr '\n' ' ')differ"
        echo "  (only in the first list, then only in the second:)" >&2
        comm -23 "$scratch/a" "$scratch/b" | sed 's/^/    < /' >&2
        comm -13 "$scratch/a" "$scratch/b" | sed 's/^/    > /' >&2
    fi
}

commands=$(sed -n 's/^ *{ "\([a-z]*\)", cmd_[a-z]*,.*/\1/p' "$SRC/cli/main.c")
check "the commands are found in main.c" test -n "$commands"
for cmd in $commands; do
    code_options "$SRC/cli/$cmd.c" >"$scratch/code"
    check "$cmd: options found in src/cli/$cmd.c" test -s "$scratch/code"
    help_options "$cmd" >"$scratch/help"
    same "$cmd: the code's options and --help's" "$scratch/code" "$scratch/help"
    man_options "roledoc $cmd" >"$scratch/man"
    same "$cmd: the code's options and roledoc(1)'s" "$scratch/code" "$scratch/man"
done
# The command's own options: those main.c compares argv[1] with.
grep -o 'strcmp(name, "-[^"]*")' "$SRC/cli/main.c" | sed 's/.*"\(.*\)")/\1/' >"$scratch/code"
help_options >"$scratch/help"
same "roledoc: the code's options and --help's" "$scratch/code" "$scratch/help"
man_options OPTIONS >"$scratch/man"
same "roledoc: the code's options and roledoc(1)'s" "$scratch/code" "$scratch/man"

# described SOURCE SECTION PAGE WHAT: every name of a { "name", ... }
# table in SOURCE is a .B line of SECTION.
described() {
    for name in $(sed -n 's/^ *{ "\([a-z][a-z-]*\)", .*/\1/p' "$SRC/$1"); do
        if awk -v t="$2" '
                /^\.S[SH] / { on = ($0 == ".SS \"" t "\"" || $0 == ".SH " t); next }
                on' "$3" | sed 's/\\-/-/g' | grep -qx "\.B $name"; then
            pass
        else
            fail "$4 $name is not described under $2 in ${3##*/}"
        fi
    done
}
described emit/formats.c "roledoc convert" "$MAN1" "output format"
described report/report_formats.c "roledoc lint" "$MAN1" "report format"
described lint/checks/registry.c "CHECK KINDS" "$MAN5" "check kind"

# ------------------------------------------------------------- --help, usage

for cmd in "" $commands; do
    # shellcheck disable=SC2086  # no command is no word
    "$ROLEDOC" $cmd --help >"$scratch/out" 2>"$scratch/err"
    check "roledoc $cmd --help: exit status 0" test $? -eq 0
    check "roledoc $cmd --help: usage, options and an example" \
        sh -c "grep -q '^usage: roledoc' '$scratch/out' && grep -q '^ *-h, --help' '$scratch/out' && grep -q '^example: roledoc ' '$scratch/out'"
    check "roledoc $cmd --help: nothing on stderr" test ! -s "$scratch/err"
done

# usage_error NAME WANT ARGS...: one line saying WANT, then the usage, on
# stderr; nothing on stdout; exit status 2.
usage_error() {
    name=$1 want=$2; shift 2
    "$ROLEDOC" "$@" >"$scratch/out" 2>"$scratch/err"
    status=$?
    check "$name: exit status 2 (was $status)" test "$status" -eq 2
    check "$name: '$want' first" test "$(head -1 "$scratch/err")" = "$want"
    check "$name: then the usage" \
        sh -c "sed -n 2p '$scratch/err' | grep -q '^usage: roledoc'"
    check "$name: nothing on stdout" test ! -s "$scratch/out"
}
usage_error "no command" "roledoc: no command given"
usage_error "unknown command" "roledoc: unknown command 'frobnicate'" frobnicate
usage_error "unknown option" "roledoc: unknown option '--frobnicate'" --frobnicate
for cmd in $commands; do
    usage_error "$cmd: unknown option" "roledoc: $cmd: unknown option '--frobnicate'" \
        "$cmd" --frobnicate
    # An option that takes a value, given none.
    opt=$(sed -n 's/^ *{ "\([a-z][a-z-]*\)", required_argument.*/--\1/p' "$SRC/cli/$cmd.c" | head -1)
    usage_error "$cmd: $opt without its value" "roledoc: $cmd: option '$opt' needs a value" \
        "$cmd" "$opt"
done

# ----------------------------------------------------------------- --version

"$ROLEDOC" --version >"$scratch/version"
check "--version: exit status 0" test $? -eq 0
check "--version: three lines" test "$(wc -l <"$scratch/version")" -eq 3
libxml=$(xmllint --version 2>&1 | sed -n 's/.*using libxml version \([0-9]*\).*/\1/p' | head -1)
libxml_dotted=$(echo "$libxml" | awk '{ printf "%d.%d.%d", $1 / 10000, ($1 / 100) % 100, $1 % 100 }')
check "--version: the libxml2 it runs with ($libxml_dotted)" \
    grep -qx "running with libxml2 $libxml_dotted" "$scratch/version"
check "--version: the md4c it was built with" \
    grep -qx "built with md4c $(pkg-config --modversion md4c)" "$scratch/version"
finish
