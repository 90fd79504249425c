#!/bin/sh
# html_vnu.sh on the shared material: every page of the corpus and the
# reference page, converted to a standalone HTML page, get no error from
# the Nu HTML Checker.
RD_TEST_REFERENCE=yes
export RD_TEST_REFERENCE
exec sh "$top_srcdir/tests/e2e/html_vnu.sh"
