#!/bin/sh
# roledoc lsp driven by a small client over pipes (tests/lsp_protocol.py):
# every method, UTF-16 positions on pages with accents, emoji and CRLF
# line ends, and the bad inputs, each followed by a request that must
# still be answered.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"
if python3 "$top_srcdir/tests/lsp_protocol.py" "$ROLEDOC" \
        "$top_srcdir" "$scratch" >"$scratch/out" 2>"$scratch/err"; then
    pass
else
    fail "the protocol test"
fi
cat "$scratch/err" >&2
cat "$scratch/out"
finish
