#!/bin/sh
# The Check suites that read the shared material (the reference page):
# tests/check_roledoc --reference.
. "$top_srcdir/tests/lib.sh"
require_shared "$SEED"
"$top_builddir/tests/check_roledoc" --reference
