#!/bin/sh
# Bad input and a bad environment, each with its message and exit status:
# missing, unreadable, empty, binary and oversized pages, a directory where
# a file is expected, a symbolic link loop, a full disk, an unwritable
# directory, malformed or unknown configuration, unknown rule ids, and
# unsafe XML (external entities, entity bombs, schemas that fetch). No run
# leaves a partial output, and none changes an input.
. "$top_srcdir/tests/lib.sh"
require_tool xmllint "install libxml2-utils"

in=$scratch/in
mkdir "$in"
printf '# Titre\n\nTexte.\n' >"$in/page.md"
printf 'Texte sans titre.\n' >"$in/untitled.md"
: >"$in/empty.md"
# A binary file: bytes that are not UTF-8, NUL bytes.
printf '\177ELF\002\001\001\000\000\000\377\376\n\000\000\303(\n' >"$in/binary.md"
printf '# Titre\n\n%s\n' "$(printf '%0100d' 0)" >"$in/long.md"
# The default limit, 64 MiB, on a sparse file: refused before reading.
truncate -s 65M "$in/huge.md"
mkdir "$in/dir"
mkdir -p "$in/tree/sub"
cp "$in/untitled.md" "$in/tree/a.md"
cp "$in/untitled.md" "$in/tree/sub/b.md"
ln -s .. "$in/tree/sub/up"
cp "$in/page.md" "$in/unreadable.md"
chmod 000 "$in/unreadable.md"
# Every input's checksum, compared once every run is over.
sums() { (cd "$in" && find . -type f | sort | xargs md5sum); }
sums >"$scratch/before"

# expect_in STREAM NAME STATUS PATTERN COMMAND...: runs COMMAND (its output
# in $scratch/out, errors in $scratch/err); checks the exit status and that
# STREAM (out or err) holds PATTERN (a basic regular expression; for err,
# an empty PATTERN asks for nothing).
expect_in() {
    stream=$1 what=$2 status=$3 pattern=$4
    shift 4
    "$@" >"$scratch/out" 2>"$scratch/err"
    got=$?
    check "$what: exit status $status (was $got)" test "$got" -eq "$status"
    if [ "$stream" = err ] && [ -z "$pattern" ]; then
        pass
    elif grep -q -- "$pattern" "$scratch/$stream"; then
        pass
    elif [ "$stream" = err ]; then
        fail "$what: message '$pattern' (was: $(head -c 300 "$scratch/err"))"
    else
        fail "$what: finding '$pattern' (was: $(head -c 300 "$scratch/out"))"
    fi
}

# expect NAME STATUS PATTERN COMMAND...: the message on standard error.
expect() { expect_in err "$@"; }
# expect_finding NAME STATUS PATTERN COMMAND...: the finding on standard
# output.
expect_finding() { expect_in out "$@"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---------------------------------------------------------------- inputs

expect "missing page (lint)" 2 "missing.md: No such file or directory" \
    "$ROLEDOC" lint "$in/missing.md"
expect "missing page (convert)" 2 "missing.md: No such file or directory" \
    "$ROLEDOC" convert -t html "$in/missing.md"

expect_finding "empty page" 1 "empty.md:1:1: error: .*\[page-title\]" \
    "$ROLEDOC" lint "$in/empty.md"
expect "empty page converts" 0 "" "$ROLEDOC" convert -t docbook "$in/empty.md"
check "empty page: DocBook well-formed" xmllint --noout "$scratch/out"

# Every byte that is not UTF-8 is replaced; the first is reported.
expect_finding "binary page" 1 "binary.md:1:11: error: invalid UTF-8 byte 0xFF.*\[invalid-utf8\]" \
    "$ROLEDOC" lint "$in/binary.md"
expect "binary page converts" 0 "binary.md:1:11: warning: invalid UTF-8" \
    "$ROLEDOC" convert -t docbook "$in/binary.md"
check "binary page: DocBook well-formed" xmllint --noout "$scratch/out"

expect "page over --max-size (lint)" 2 "long.md: input larger than the limit of 64 bytes" \
    "$ROLEDOC" lint --max-size 64 "$in/long.md"
expect "page over --max-size (convert)" 2 "long.md: input larger than the limit of 64 bytes" \
    "$ROLEDOC" convert -t text --max-size 64 "$in/long.md"
expect "standard input over --max-size" 2 "<stdin>: input larger than the limit of 64 bytes" \
    sh -c "'$ROLEDOC' convert -t text --max-size 64 - <'$in/long.md'"
expect "--max-size not a number" 2 "lint: --max-size wants a number of bytes, not 'lots'" \
    "$ROLEDOC" lint --max-size lots "$in/page.md"
expect "page over the default limit" 2 "huge.md: input larger than the limit of 67108864 bytes" \
    "$ROLEDOC" lint "$in/huge.md"

# A directory where a file is expected.
expect "directory as output" 2 "dir: Is a directory" \
    "$ROLEDOC" convert -t text -o "$in/dir" "$in/page.md"
expect "directory as configuration" 2 "dir: Is a directory" \
    "$ROLEDOC" lint --config "$in/dir" "$in/page.md"
expect "directory as SUMMARY.md" 2 "dir: Is a directory" \
    "$ROLEDOC" book "$in/dir" -o "$scratch/book.xml"
expect "file as rules directory" 2 "page.md: Not a directory" \
    "$ROLEDOC" lint --rules "$in/page.md" "$in/page.md"

# A symbolic link loop while walking: reported, the other pages linted.
expect "symbolic link loop" 2 "tree/sub/up: symbolic link loop, not followed" \
    "$ROLEDOC" lint "$in/tree"
check "symbolic link loop: the pages are linted" \
    test "$(grep -c 'page-title' "$scratch/out")" -eq 2

# ---------------------------------------------------------------- outputs

expect "full disk (-o)" 2 "/dev/full: No space left on device" \
    "$ROLEDOC" convert -t html -o /dev/full "$in/page.md"
expect "full disk (lint -o)" 2 "/dev/full: No space left on device" \
    "$ROLEDOC" lint -o /dev/full "$in/untitled.md"
expect "full disk (lint to standard output)" 2 "<stdout>: No space left on device" \
    sh -c "'$ROLEDOC' lint -f json '$in/untitled.md' >/dev/full"

# A failed run leaves an existing output as it was.
echo old >"$scratch/kept.txt"
expect "failed run keeps the old output" 2 "missing.md: No such file or directory" \
    "$ROLEDOC" convert -t text -o "$scratch/kept.txt" "$in/page.md" "$in/missing.md"
check "failed run keeps the old output: content" test "$(cat "$scratch/kept.txt")" = old

# ----------------------------------------------- without root's privileges

# Runs a command without the privileges that let root read and write any
# file: as root, every capability dropped; as anyone else, as is.
unprivileged() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    else
        setpriv --inh-caps=-all --bounding-set=-all "$@"
    fi
}
echo secret >"$scratch/probe"
chmod 000 "$scratch/probe"
if unprivileged cat "$scratch/probe" >/dev/null 2>&1; then
    echo "SKIP: cannot drop root's privileges here (setpriv): unreadable" \
         "and unwritable cases not run" >&2
else
    expect "unreadable page (lint)" 2 "unreadable.md: Permission denied" \
        unprivileged "$ROLEDOC" lint "$in/unreadable.md"
    expect "unreadable page (convert)" 2 "unreadable.md: Permission denied" \
        unprivileged "$ROLEDOC" convert -t text "$in/unreadable.md"
    chmod 000 "$in/tree/sub"
    expect "unreadable directory" 2 "tree/sub: Permission denied" \
        unprivileged "$ROLEDOC" lint "$in/tree"
    chmod 755 "$in/tree/sub"

    mkdir "$scratch/ro"
    echo old >"$scratch/ro/kept.txt"
    chmod 555 "$scratch/ro"
    expect "unwritable directory (-o)" 2 "ro/out.txt: cannot create a temporary file: Permission denied" \
        unprivileged "$ROLEDOC" convert -t text -o "$scratch/ro/out.txt" "$in/page.md"
    expect "unwritable directory (replacing)" 2 "kept.txt: cannot create a temporary file: Permission denied" \
        unprivileged "$ROLEDOC" convert -t text -o "$scratch/ro/kept.txt" "$in/page.md"
    # -O writes the page under the directory, which cannot be written to.
    expect "unwritable directory (-O)" 2 "ro/[^/]*: Permission denied" \
        unprivileged "$ROLEDOC" convert -t text -O "$scratch/ro" "$in/page.md"
    expect "unwritable directory (lint -o)" 2 "ro/report.txt: cannot create a temporary file: Permission denied" \
        unprivileged "$ROLEDOC" lint -o "$scratch/ro/report.txt" "$in/untitled.md"
    check "unwritable directory: only the old file, unchanged" \
        test "$(ls -A "$scratch/ro")" = kept.txt -a "$(cat "$scratch/ro/kept.txt")" = old
    chmod 755 "$scratch/ro"
fi

# ---------------------------------------------------------- configuration

cfg=$scratch/cfg
mkdir "$cfg"
printf '<roledoc xmlns="urn:roledoc:config:1">\n  <rule id="image-alt" severity="off">\n</roledoc>\n' \
    >"$cfg/malformed.xml"
expect "malformed configuration" 2 "malformed.xml:3: Opening and ending tag mismatch" \
    "$ROLEDOC" lint --config "$cfg/malformed.xml" "$in/page.md"
mkdir "$cfg/project"
cp "$cfg/malformed.xml" "$cfg/project/.roledoc.xml"
cp "$in/page.md" "$cfg/project/page.md"
expect "malformed .roledoc.xml beside the page" 2 "project/.roledoc.xml:3: Opening and ending tag mismatch" \
    "$ROLEDOC" lint "$cfg/project/page.md"
printf '<roledoc xmlns="urn:roledoc:config:1">\n  <colour>red</colour>\n</roledoc>\n' \
    >"$cfg/unknown.xml"
expect "unknown configuration element" 2 "unknown.xml:2: unexpected element <colour>" \
    "$ROLEDOC" lint --config "$cfg/unknown.xml" "$in/page.md"
printf '<settings xmlns="urn:example:other"/>\n' >"$cfg/foreign.xml"
expect "configuration of another tool" 2 "foreign.xml:1: " \
    "$ROLEDOC" lint --config "$cfg/foreign.xml" "$in/page.md"
printf '<roledoc xmlns="urn:roledoc:config:1">\n  <rule id="no-such-rule" severity="off"/>\n</roledoc>\n' \
    >"$cfg/unknown-rule.xml"
expect "unknown rule in the configuration" 2 "unknown-rule.xml:2: unknown rule \"no-such-rule\"" \
    "$ROLEDOC" lint --config "$cfg/unknown-rule.xml" "$in/page.md"
expect "unknown rule to disable" 2 "unknown rule \"no-such-rule\"" \
    "$ROLEDOC" lint --disable no-such-rule "$in/page.md"
expect "unknown rule to enable" 2 "unknown rule \"no-such-rule\"" \
    "$ROLEDOC" lint --enable no-such-rule "$in/page.md"
expect "unknown severity" 2 "--severity wants ID=LEVEL" \
    "$ROLEDOC" lint --severity image-alt=loud "$in/page.md"
expect "unknown rule to explain" 2 "unknown rule \"no-such-rule\"" \
    "$ROLEDOC" rules --explain no-such-rule

# ---------------------------------------------------------- unsafe XML

# Rule directories: the default rules and one hostile file each. The
# hostile files point at a secret file and at a local address; strace
# (where it is) shows that neither is ever opened.
echo "the secret" >"$scratch/secret.txt"
rules_with() {
    rm -rf "$scratch/rules"
    cp -R "$top_srcdir/rules" "$scratch/rules"
    cat >"$scratch/rules/$1"
}
entity_rule() {
    printf '<rule xmlns="urn:roledoc:rules:1" id="hostile" kind="page-title" severity="error">\n'
    printf '  <description>%s</description>\n  <message>m</message>\n</rule>\n' "$1"
}

# refused NAME PATTERN: lint with $scratch/rules is refused quickly with
# PATTERN, reading nothing but the rule files; prints how long it took.
refused() {
    case_name=$1
    start=$(now_ms)
    if command -v strace >/dev/null 2>&1; then
        # LeakSanitizer cannot work under strace: the sanitizer build's
        # leak check is left to the other runs.
        expect "$1" 2 "$2" env ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
            strace -f -qq -o "$scratch/trace" -e trace=open,openat,connect \
            "$ROLEDOC" lint --rules "$scratch/rules" "$in/page.md"
        check "$case_name: the trace shows the rule files read" \
            grep -q "$scratch/rules/" "$scratch/trace"
        check "$case_name: the secret file is never opened" \
            sh -c "! grep -q secret.txt '$scratch/trace'"
        check "$case_name: no connection is made" \
            sh -c "! grep -q '^[0-9]* *connect(' '$scratch/trace'"
    else
        [ -z "${CI:-}" ] || fail "strace not found (CI expects it)"
        expect "$1" 2 "$2" "$ROLEDOC" lint --rules "$scratch/rules" "$in/page.md"
    fi
    echo "$case_name: refused in $(($(now_ms) - start)) ms"
}

rules_with xxe.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rule [<!ENTITY secret SYSTEM "file://$scratch/secret.txt">]>
$(entity_rule '&secret;')
EOF
refused "external entity in a rule file" "xxe.xml:2: DOCTYPE declarations are not allowed"

rules_with dtd.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rule SYSTEM "http://127.0.0.1:9/rules.dtd">
$(entity_rule 'x')
EOF
refused "external DTD in a rule file" "dtd.xml:2: DOCTYPE declarations are not allowed"

rules_with bomb.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE rule [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
$(entity_rule '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;')
EOF
refused "entity bomb in a rule file" "bomb.xml:2: DOCTYPE declarations are not allowed"

# 100,000 nested elements: libxml2's depth limit refuses the file.
rules_with deep.xml <<EOF
<rule xmlns="urn:roledoc:rules:1" id="deep" kind="page-title" severity="error">
$(python3 -c 'print("<description>" * 100000)')
EOF
refused "deeply nested rule file" "deep.xml:2: "

rules_with roledoc-rules.rng <<EOF
<?xml version="1.0"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><externalRef href="http://127.0.0.1:9/rules.rng"/></start>
</grammar>
EOF
refused "schema fetching another" "roledoc-rules.rng:3: invalid schema: <include> and <externalRef> are not allowed"

cat >"$cfg/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE roledoc [<!ENTITY secret SYSTEM "file://$scratch/secret.txt">]>
<roledoc xmlns="urn:roledoc:config:1"><rule id="&secret;" severity="off"/></roledoc>
EOF
expect "external entity in the configuration" 2 "xxe.xml:2: DOCTYPE declarations are not allowed" \
    "$ROLEDOC" lint --config "$cfg/xxe.xml" "$in/page.md"

# ------------------------------------------- rules that convert cannot load

# The formats that read the rules (docbook --roles, roles-xml, roles-json)
# say which rule file is broken and why, as lint does, exit with status 2
# and write nothing.
rules_with broken.xml <<EOF
<rule xmlns="urn:roledoc:rules:1" id="broken" kind="image-alt" severity="error">
<description>d</description>
</rule>
EOF
broken_rules="$scratch/rules/broken.xml:1: <rule> has no <message>"
expect "broken rules (lint)" 2 "^$broken_rules\$" \
    env ROLEDOC_RULES="$scratch/rules" "$ROLEDOC" lint "$in/page.md"
for format in "docbook --roles" roles-xml roles-json; do
    # shellcheck disable=SC2086
    expect "broken rules (convert -t $format)" 2 "^$broken_rules\$" \
        env ROLEDOC_RULES="$scratch/rules" "$ROLEDOC" convert -t $format "$in/page.md"
    check "broken rules (convert -t $format): said once, nothing else" \
        test "$(wc -l <"$scratch/err")" -eq 1
    check "broken rules (convert -t $format): no output" test ! -s "$scratch/out"
done
expect "broken rules (convert -o)" 2 "^$broken_rules\$" \
    env ROLEDOC_RULES="$scratch/rules" "$ROLEDOC" convert -t docbook --roles \
    -o "$scratch/roles.xml" "$in/page.md"
check "broken rules (convert -o): no file written" test ! -e "$scratch/roles.xml"
expect "rules intact (convert -t docbook --roles)" 0 "" \
    "$ROLEDOC" convert -t docbook --roles "$in/page.md"

# ---------------------------------------------------------- inputs intact

sums >"$scratch/after"
check "inputs unchanged" cmp -s "$scratch/before" "$scratch/after"
finish
