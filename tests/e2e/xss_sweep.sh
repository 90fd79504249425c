#!/bin/sh
# The HTML sanitizer against script injection: every payload of
# fixtures/xss/payloads.txt (written by tests/xss/make_payloads.py) in
# every position a page can hold raw HTML or a link (a block, inline, a
# hint, a figure, table cells, a details block, a list item, a quote, bold
# text, a tab), converted to standalone HTML as roledoc does by default,
# loaded in headless Chromium: no script runs and no event handler or
# dangerous URL survives in the DOM the browser builds
# (tests/xss/sweep.py). A control run with --unsafe must see payloads run
# and survive, which shows that the sweep sees them.
#
# Without Chromium the test is skipped, unless CI is set.
. "$top_srcdir/tests/lib.sh"
require_tool python3 "apt-get install python3"

browser=${CHROMIUM:-}
for candidate in chromium chromium-browser; do
    [ -n "$browser" ] && break
    command -v "$candidate" >/dev/null 2>&1 && browser=$candidate
done
if [ -z "$browser" ]; then
    if [ -n "${CI:-}" ]; then
        echo "xss_sweep: chromium not found: install it (CI must run this test)" >&2
        exit 1
    fi
    echo "SKIP: chromium not found" >&2
    exit 77
fi

payloads=$top_srcdir/fixtures/xss/payloads.txt
sweep=$top_srcdir/tests/xss/sweep.py
mkdir "$scratch/sweep" "$scratch/control"

python3 "$sweep" "$ROLEDOC" "$browser" "$payloads" "$scratch/sweep" >"$scratch/report"
status=$?
cat "$scratch/report"
check "every payload in every position: nothing runs, nothing dangerous survives" \
    test "$status" -eq 0

# The control: scripts and handlers from the list, passed through.
grep -e '<img src=x onerror=' -e '<script>' "$payloads" | head -n 40 >"$scratch/some"
python3 "$sweep" --unsafe "$ROLEDOC" "$browser" "$scratch/some" "$scratch/control" \
    >"$scratch/control.report"
status=$?
check "control (--unsafe): the sweep fails" test "$status" -eq 1
check "control (--unsafe): the sweep sees a script run" \
    grep -q "a payload's script ran" "$scratch/control.report"
check "control (--unsafe): the sweep sees handlers survive" \
    grep -q ' <img onerror>' "$scratch/control.report"
finish
