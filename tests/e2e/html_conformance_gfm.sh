#!/bin/sh
# The HTML output of GFM input is what the GFM specification expects: its
# table, strikethrough and task list examples (from the shared material),
# converted with --fragment --unsafe --commonmark --gfm and compared after
# normalisation.
. "$top_srcdir/tests/lib.sh"
conformance=$SHARED/conformance
require_shared "$conformance/tables.txt" "$conformance/strikethrough.txt" \
    "$conformance/tasklists.txt"
require_tool python3 "install python3"

check "GFM tables, strikethrough, task lists" \
    python3 "$top_srcdir/tests/commonmark_runner.py" --roledoc "$ROLEDOC" \
        --option=--commonmark --option=--gfm \
        "$conformance/tables.txt" "$conformance/strikethrough.txt" \
        "$conformance/tasklists.txt"
finish
