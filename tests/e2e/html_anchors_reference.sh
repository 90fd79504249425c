#!/bin/sh
# html_anchors.sh on the shared material: same-page links in the HTML of
# every page of the corpus resolve.
RD_TEST_REFERENCE=yes
export RD_TEST_REFERENCE
exec sh "$top_srcdir/tests/e2e/html_anchors.sh"
