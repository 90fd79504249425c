#!/usr/bin/env python3
"""Finds dangerous URLs in HTML and XML outputs, for tests/e2e/url_policy.sh.

  url_policy.py FILE...           exit 0 when no attribute of any element
                                  holds a javascript:, vbscript: or data:
                                  URL (data:image/ aside); else 1, each one
                                  named on standard error
  url_policy.py --some FILE...    the reverse: exit 0 when at least one does
                                  (the unsafe outputs, so that the check is
                                  seen to find them)

Every attribute is looked at, whatever its name, as a browser reads a URL:
character references decoded (by the parser), ASCII whitespace and
controls dropped, case ignored.
"""
import html.parser
import re
import sys

DROPPED = re.compile(r"[\x00-\x20\x7f]+")
DANGEROUS = re.compile(r"^(javascript|vbscript|data):", re.I)


def dangerous(value):
    url = DROPPED.sub("", value or "").lower()
    return DANGEROUS.match(url) is not None and not url.startswith("data:image/")


class Attributes(html.parser.HTMLParser):
    """Every (tag, name, value) of a document; XML is read the same way."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if dangerous(value):
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def found_in(path):
    parser = Attributes()
    # The stylesheets write ISO-8859-1: only the ASCII of URLs matters.
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    parser.close()
    return parser.found


def main(argv):
    some = len(argv) > 1 and argv[1] == "--some"
    paths = argv[2:] if some else argv[1:]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    total = 0
    for path in paths:
        for tag, name, value in found_in(path):
            total += 1
            if not some:
                print("%s: <%s %s=%r>" % (path, tag, name, value), file=sys.stderr)
    if some:
        return 0 if total else 1
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
