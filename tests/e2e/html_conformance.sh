#!/bin/sh
# The HTML output of plain CommonMark input is what the specification
# expects: every example of the CommonMark specification, and the GFM
# table, strikethrough and task list examples with those extensions on,
# converted with --fragment --unsafe and compared after normalisation.
. "$top_srcdir/tests/lib.sh"
require_shared
require_tool python3 "install python3"

conformance=$SHARED/conformance
runner=$top_srcdir/tests/commonmark_runner.py

check "CommonMark specification" \
    python3 "$runner" --roledoc "$ROLEDOC" --option=--commonmark \
        "$conformance/spec.txt"
check "GFM tables, strikethrough, task lists" \
    python3 "$runner" --roledoc "$ROLEDOC" --option=--commonmark --option=--gfm \
        "$conformance/tables.txt" "$conformance/strikethrough.txt" \
        "$conformance/tasklists.txt"
finish
