#!/usr/bin/env python3
"""Checks that an output holds every word of a Markdown page's visible text.

usage: visible_words.py PAGE.md OUTPUT

The words are taken from the source independently of roledoc's parser:
liquid tags, HTML tags, link and image targets and Markdown punctuation are
removed, entities decoded, and what remains is split into words. Prints the
missing words and exits 1 when any is missing."""
import html
import re
import sys

def visible_words(source):
    text = re.sub(r'^---\n.*?\n---\n', '', source, flags=re.S)
    text = re.sub(r'\{%.*?%\}', ' ', text)
    text = re.sub(r'<!--.*?-->', ' ', text, flags=re.S)
    text = re.sub(r'<[^>]*>', ' ', text)
    text = re.sub(r'\]\([^)]*\)', '] ', text)       # link and image targets
    text = html.unescape(text)
    return set(re.findall(r'\w+', text))

def main():
    page, output = sys.argv[1], sys.argv[2]
    with open(page, encoding='utf-8', errors='replace') as f:
        words = visible_words(f.read())
    with open(output, encoding='utf-8', errors='replace') as f:
        found = set(re.findall(r'\w+', f.read()))
    missing = sorted(words - found)
    for w in missing:
        print('missing word:', w)
    return 1 if missing else 0

if __name__ == '__main__':
    sys.exit(main())
