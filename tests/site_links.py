#!/usr/bin/env python3
"""Checks a site written by `roledoc site`: every page is parsed, and every
local link and image whose target exists in the space must resolve to a
file under the site (and a link's anchor to an id of its page); a target
missing from the space (or outside it) may stay as written. Every page but
index.html marks itself, once, as the current page of its navigation; no
page holds a script. Prints the figures; exits 1 with the problems when there are any.

usage: site_links.py SITE SPACE
"""
import html.parser
import os
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.images, self.ids, self.current = [], [], set(), []
        self.scripts = 0
        self.in_nav = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "nav" and "site-nav" in (a.get("class") or "").split():
            self.in_nav += 1
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
            if self.in_nav and a.get("aria-current") == "page":
                self.current.append(a["href"])
        if tag == "img" and a.get("src") is not None:
            self.images.append(a["src"])
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self.in_nav:
            self.in_nav -= 1


def is_external(url):
    parts = urllib.parse.urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def in_space(space, rel_dir, path):
    """Whether the link's target, read as GitBook reads links, is a file of
    the space (symbolic links followed: one leading out is not)."""
    root = os.path.realpath(space)
    base = os.path.join(space, rel_dir, path) if not path.startswith("/") else path
    for s in ("", ".md", "/README.md"):
        real = os.path.realpath(base + s)
        if os.path.isfile(real) and real.startswith(root + os.sep):
            return True
    return False


def main():
    site, space = sys.argv[1], sys.argv[2]
    site = os.path.realpath(site)
    pages = {}
    for d, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                p = Page()
                p.feed(open(os.path.join(d, f), encoding="utf-8").read())
                pages[os.path.relpath(os.path.join(d, f), site)] = p
    problems = []
    figures = dict(pages=len(pages), links=0, images=0, not_in_space=0)
    for rel, page in sorted(pages.items()):
        rel_dir = os.path.dirname(rel)
        if page.scripts:
            problems.append("%s: holds a script" % rel)
        if rel != "index.html":
            here = [h for h in page.current
                    if os.path.normpath(os.path.join(rel_dir, h)) == rel]
            if len(page.current) != 1 or len(here) != 1:
                problems.append("%s: current page marked %r" % (rel, page.current))
        for kind, urls in (("links", page.links), ("images", page.images)):
            for url in urls:
                if is_external(url):
                    continue
                figures[kind] += 1
                path, _, fragment = url.partition("#")
                path = urllib.parse.unquote(path)
                fragment = urllib.parse.unquote(fragment)
                target = os.path.normpath(os.path.join(rel_dir, path)) if path else rel
                full = os.path.realpath(os.path.join(site, target))
                inside = full == site or full.startswith(site + os.sep)
                if inside and os.path.isfile(full):
                    if fragment and target in pages and fragment not in pages[target].ids:
                        problems.append("%s: %s: no id %r in %s" % (rel, url, fragment, target))
                    continue
                if path and not in_space(space, rel_dir, path.replace(".html", ".md")):
                    figures["not_in_space"] += 1
                    continue
                problems.append("%s: %s %s does not resolve under the site" % (rel, kind[:-1], url))
    print(" ".join("%s=%d" % kv for kv in figures.items()))
    for p in problems:
        print("PROBLEM", p)
    sys.exit(1 if problems else 0)


main()
