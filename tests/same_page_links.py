#!/usr/bin/env python3
"""Checks that every same-page link of HTML pages resolves.

usage: same_page_links.py PAGE.html...

Each href="#x" (x not empty) must name the id of an element of the same
page (x percent-decoded). Prints each link that points nowhere and exits 1
when there is one."""
import sys
import urllib.parse
from html.parser import HTMLParser

class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == 'id' and value:
                self.ids.add(value)
            if name == 'href' and value and value.startswith('#') and len(value) > 1:
                self.hrefs.append(value[1:])

def main():
    bad = 0
    for path in sys.argv[1:]:
        links = Links()
        with open(path, encoding='utf-8', errors='replace') as f:
            links.feed(f.read())
        for href in links.hrefs:
            if href not in links.ids and urllib.parse.unquote(href) not in links.ids:
                print('%s: link to #%s points nowhere' % (path, href))
                bad += 1
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
