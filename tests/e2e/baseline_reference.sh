#!/bin/sh
# baseline.sh with the shared material: its SARIF reports also validated
# against the SARIF 2.1.0 schema found there.
RD_TEST_REFERENCE=yes
export RD_TEST_REFERENCE
exec sh "$top_srcdir/tests/e2e/baseline.sh"
