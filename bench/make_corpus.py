#!/usr/bin/env python3
"""Builds the benchmark corpus from a GitBook space (the reference corpus).

    make_corpus.py SOURCE OUT [--files N] [--megabytes M] [--seed S]

OUT/space/ receives N pages (default 8000, about M MB, default 40): copies
of the source space, each under its own directory (space/0001/...) so that
relative links and SUMMARY.md resolve as they do in the source. Each copy
of a page is varied, so that no two files are the same and the corpus is
not the source repeated:

- pages are cut at a block boundary (a blank line outside code, HTML and
  liquid blocks), with the cut chosen so that the corpus reaches the size
  asked for (the source pages average about 8.7 KB, the corpus about 5 KB,
  as a documentation space of many short pages);
- the sentences of plain paragraphs are shuffled and a few of their words
  swapped, which changes the text without changing the structure.

OUT/single-1mb.md, single-10mb.md and single-50mb.md are single pages made
of varied copies of every source page one after the other (front matter
kept only on the first), for the cost of one large input.

Output is the same for the same seed, so figures from two runs compare.
"""

import argparse
import os
import random
import re
import sys

SINGLE_SIZES = {"single-1mb.md": 1, "single-10mb.md": 10, "single-50mb.md": 50}

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
LIQUID_OPEN = re.compile(r"{%\s*(hint|tabs|tab|stepper|step|code|content-ref|"
                         r"swagger)\b")
LIQUID_CLOSE = re.compile(r"{%\s*end(hint|tabs|tab|stepper|step|code|"
                          r"content-ref|swagger)\s*%}")
PLAIN_LINE = re.compile(r"^[A-Za-zÀ-ÿ]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def read_pages(source):
    """Every *.md file of the source space, by relative path."""
    pages = []
    for root, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="surrogateescape") as f:
                    pages.append((os.path.relpath(path, source), f.read()))
    return pages


def split_front_matter(text):
    """(front matter with its fences, body); front matter may be empty."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[:end + 5], text[end + 5:]
    return "", text


def cut_points(lines):
    """Indexes of blank lines after which the page may end: outside fenced
    code and liquid blocks (a blank line also ends an HTML block)."""
    points, fenced, depth = [], False, 0
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced:
            depth += len(LIQUID_OPEN.findall(line))
            depth -= len(LIQUID_CLOSE.findall(line))
        if not line.strip() and not fenced and depth <= 0:
            points.append(i)
    return points


def vary_line(line, rng):
    """Shuffles the sentences of a plain line and swaps two of its words."""
    if not PLAIN_LINE.match(line) or any(c in line for c in "[]<>{}|`*_!#"):
        return line
    sentences = SENTENCE_END.split(line.rstrip("\n"))
    rng.shuffle(sentences)
    words = " ".join(sentences).split(" ")
    if len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words) + ("\n" if line.endswith("\n") else "")


def vary_body(body, rng):
    fenced = False
    out = []
    for line in body.splitlines(keepends=True):
        if FENCE.match(line):
            fenced = not fenced
        out.append(line if fenced else vary_line(line, rng))
    return "".join(out)


def cut(body, ratio):
    """The body up to the last cut point at or before ratio of its size."""
    if ratio >= 1:
        return body
    lines = body.splitlines(keepends=True)
    limit, size, keep = ratio * len(body), 0, None
    offsets = []
    for line in lines:
        size += len(line)
        offsets.append(size)
    for i in cut_points(lines):
        if offsets[i] > limit:
            break
        keep = i
    if keep is None:
        return body
    return "".join(lines[:keep + 1])


def varied_page(text, ratio, rng):
    front, body = split_front_matter(text)
    return front + vary_body(cut(body, ratio), rng)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    return len(text.encode("utf-8", errors="surrogateescape"))


def make_space(pages, out, files, megabytes, rng):
    """Copies of the space until `files` pages are written, cut so that
    the whole is close to `megabytes`."""
    target = megabytes * 1_000_000
    full = sum(len(t.encode("utf-8", errors="surrogateescape")) for _, t in pages)
    written = 0
    for n in range(files):
        rel, text = pages[n % len(pages)]
        remaining_files = files - n
        remaining_full = full * remaining_files / len(pages)
        wanted = max(target - written, 0) / remaining_full if remaining_full else 1
        ratio = min(1.0, max(0.05, wanted * rng.uniform(0.4, 1.6)))
        copy = "%04d" % (n // len(pages) + 1)
        written += write(os.path.join(out, "space", copy, rel),
                         varied_page(text, ratio, rng))
    return written


def make_single(pages, path, megabytes, rng):
    """One page of varied copies of the source pages, about megabytes."""
    target = megabytes * 1_000_000
    parts, size, first = [], 0, True
    while size < target:
        for _, text in pages:
            front, body = split_front_matter(text)
            part = (front if first else "") + vary_body(body, rng) + "\n"
            first = False
            parts.append(part)
            size += len(part.encode("utf-8", errors="surrogateescape"))
            if size >= target:
                break
    return write(path, "".join(parts))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=8000)
    ap.add_argument("--megabytes", type=float, default=40)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    pages = read_pages(args.source)
    if not pages:
        sys.exit("make_corpus.py: no *.md file in %s" % args.source)
    rng = random.Random(args.seed)
    size = make_space(pages, args.out, args.files, args.megabytes, rng)
    print("space: %d files, %.1f MB" % (args.files, size / 1e6))
    for name, mb in SINGLE_SIZES.items():
        size = make_single(pages, os.path.join(args.out, name), mb, rng)
        print("%s: %.1f MB" % (name, size / 1e6))


if __name__ == "__main__":
    main()
