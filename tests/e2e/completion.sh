#!/bin/sh
# Bash completion, driven the way bash drives it: a non-interactive bash
# sources completion/roledoc, finds the function that `complete -p
# roledoc` names, and calls it with COMP_WORDS and COMP_CWORD set as bash
# would; what it leaves in COMPREPLY is compared with what roledoc itself
# says it has (commands, options, formats, rule ids) and with the files of
# a scratch directory.
. "$top_srcdir/tests/lib.sh"
require_tool bash "apt-get install bash"

COMPLETION=$top_srcdir/completion/roledoc
PATH=$(dirname "$ROLEDOC"):$PATH
export PATH COMPLETION
mkdir -p "$scratch/work/sub"
: >"$scratch/work/page.md"
: >"$scratch/work/notes.txt"
cd "$scratch/work" || exit 1

# offered WORD...: the completions bash would offer for the command line
# WORD... (the last word is the one being completed), sorted, one a line.
offered() {
    bash --norc --noprofile -c '
        . "$COMPLETION" || exit 1
        spec=$(complete -p roledoc) || exit 1
        fn=${spec#*-F }; fn=${fn%% *}
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        "$fn" roledoc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' completion "$@" | sed '/^$/d' | sort
}

# expect NAME WANT WORD...: the completions are exactly WANT (words).
expect() {
    name=$1 want=$2; shift 2
    offered "$@" >"$scratch/got"
    printf '%s\n' $want | sed '/^$/d' | sort >"$scratch/want"
    if cmp -s "$scratch/want" "$scratch/got"; then pass; else
        fail "$name: offered $(tr '\n' ' ' <"$scratch/got")instead of $want"
    fi
}

# includes NAME WANT WORD...: the completions include every word of WANT.
includes() {
    name=$1 want=$2; shift 2
    offered "$@" >"$scratch/got"
    for w in $want; do
        if grep -qxF -- "$w" "$scratch/got"; then pass; else
            fail "$name: '$w' not offered (offered: $(tr '\n' ' ' <"$scratch/got"))"
        fi
    done
}

check "complete -p roledoc names a function" \
    bash --norc --noprofile -c '. "$COMPLETION" && complete -p roledoc | grep -q -- "-F "'

# Commands, and the command's own options.
expect "commands" "book convert lint lsp roles rules site -h --help --version" roledoc ""
expect "a command by its start" "lint" roledoc li
expect "options before a command" "--help --version" roledoc --

# Each command's options: those its --help lists, long and short.
for cmd in convert book site lint rules lsp; do
    want=$("$ROLEDOC" "$cmd" --help | awk '/^ +-/ {
        for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); if ($i ~ /^--/) print $i } }')
    expect "$cmd options" "$want" roledoc "$cmd" --
done
expect "an option by its start" "--max-warnings" roledoc lint --max-w
expect "options after other words" "--roles" roledoc book SUMMARY.md --ro

# Formats, as each command lists them.
formats=$("$ROLEDOC" convert --help | sed -n 's/.* format: *//p' | sed 's/(.*//')
check "convert --help lists formats" test -n "$formats"
expect "convert -t" "$formats" roledoc convert -t ""
expect "convert --to" "$formats" roledoc convert --to ""
includes "convert --to=d" "docbook" roledoc convert --to = d
includes "convert --to= (cursor after =)" "docbook html text" roledoc convert --to =
reports=$("$ROLEDOC" lint --help | sed -n 's/.* format: *//p' | sed 's/(.*//')
expect "lint -f" "$reports" roledoc lint -f ""
# ...and every format of the code's tables, should --help ever wrap them.
includes "convert -t: the formats of src/emit/formats.c" \
    "$(sed -n 's/^ *{ "\([a-z][a-z-]*\)", .*/\1/p' "$top_srcdir/src/emit/formats.c")" \
    roledoc convert -t ""
includes "lint -f: the formats of src/report/report_formats.c" \
    "$(sed -n 's/^ *{ "\([a-z][a-z-]*\)", .*/\1/p' "$top_srcdir/src/report/report_formats.c")" \
    roledoc lint -f ""

# Rule ids, from the rules in force.
ids=$("$ROLEDOC" rules | awk '{ print $1 }')
check "roledoc rules lists rules" test -n "$ids"
expect "lint --disable" "$ids" roledoc lint --disable ""
expect "lint --enable" "$ids" roledoc lint --enable ""
expect "rules --explain by its start" "gendered-title" roledoc rules --explain gend
expect "lint --disable=" "image-alt" roledoc lint --disable = image-a
expect "lint --severity ID" "image-alt=" roledoc lint --severity image-a
expect "lint --severity ID=" "off on info warning error" roledoc lint --severity image-alt =
expect "lint --severity ID=LEVEL" "warning" roledoc lint --severity image-alt = w
fixture_ids=$("$ROLEDOC" rules --rules "$top_srcdir/fixtures/lint/rules" | awk '{ print $1 }')
expect "rule ids of --rules DIR" "$fixture_ids" \
    roledoc lint --rules "$top_srcdir/fixtures/lint/rules" --disable ""

# Files and directories.
expect "pages" "notes.txt page.md sub" roledoc lint ""
expect "pages by their start" "page.md" roledoc convert -t text pa
expect "lint --rules DIR: directories only" "sub" roledoc lint --rules ""
expect "book -o FILE" "notes.txt page.md sub" roledoc book -o ""
expect "site -O DIR: directories only" "sub" roledoc site -O ""
expect "site SPACE: files and directories" "notes.txt page.md sub" roledoc site ""
expect "no value to offer for a number" "" roledoc convert --width ""
expect "rules takes no page" "" roledoc rules ""
expect "lsp takes no page" "" roledoc lsp ""
expect "lsp --rules DIR" "sub" roledoc lsp --rules ""
finish
