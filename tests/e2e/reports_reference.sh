#!/bin/sh
# reports.sh with the shared material: the SARIF reports also validated
# against the SARIF 2.1.0 schema found there, and the reports of the
# shared corpus and the reference page checked as the fixtures' are.
RD_TEST_REFERENCE=yes
export RD_TEST_REFERENCE
exec sh "$top_srcdir/tests/e2e/reports.sh"
