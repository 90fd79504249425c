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
    return words(text)

def words(text):
    # Emphasis markers may stand inside a word (&#x43;_&#x75;stomer): they
    # are removed, on both sides, before splitting.
    return set(re.findall(r'\w+', re.sub(r'[*_~]', '', text)))

def main():
    page, output = sys.argv[1], sys.argv[2]
    with open(page, encoding='utf-8', errors='replace') as f:
        wanted = visible_words(f.read())
    with open(output, encoding='utf-8', errors='replace') as f:
        found = words(f.read())
    missing = sorted(wanted - found)
    for w in missing:
        print('missing word:', w)
    return 1 if missing else 0

if __name__ == '__main__':
    sys.exit(main())
