#!/usr/bin/env python3
"""Runs the examples of CommonMark-style specification files through
`roledoc convert -t html --fragment --unsafe` and compares the output with
the expected HTML after the usual normalisation (the one the CommonMark
specification's own test suite applies: whitespace between block elements
and inside text collapsed, attributes sorted, character references
resolved).

usage: commonmark_runner.py --roledoc PATH [--option OPT]... [--verbose]
                            [--examples N] [--expected-failure N:REASON]...
                            SPEC...

Each SPEC file holds examples in the specification's format: a line of 32
backticks followed by " example", the Markdown, a line holding only ".",
the expected HTML, and a closing line of 32 backticks; "→" stands for a
tab. An expected failure (given by its number in the first SPEC file, with
the reason) must fail: one that passes is reported, so that the list stays
true. --examples N: the first SPEC file holds N examples (the numbers of the
expected failures are those of that version). Exit status: 0 when every
example passes or fails as expected, 1 otherwise, 2 on usage or I/O errors.
"""

import argparse
import html
import html.entities
import re
import subprocess
import sys
from html.parser import HTMLParser

FENCE = "`" * 32

# Elements around which whitespace does not matter.
BLOCK_TAGS = frozenset("""
    address article aside blockquote body button canvas caption col colgroup
    dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hgroup hr iframe li map nav noscript object ol output p pre
    section summary table tbody td tfoot th thead tr ul video audio
""".split())

WHITESPACE = re.compile(r"\s+")
CHUNKS = re.compile(r"(<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+)", re.S)


class Normalizer(HTMLParser):
    """Rewrites HTML into a canonical form for comparison."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts = []
        self.last = "starttag"
        self.last_tag = ""
        self.in_pre = False

    @property
    def text(self):
        return "".join(self.parts)

    def _rstrip(self):
        joined = "".join(self.parts).rstrip()
        self.parts = [joined]

    def handle_data(self, data):
        after_tag = self.last in ("starttag", "endtag")
        after_block = after_tag and self.last_tag in BLOCK_TAGS
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = WHITESPACE.sub(" ", data)
            if after_block and self.last == "starttag":
                data = data.lstrip()
            elif after_block and self.last == "endtag":
                data = data.strip()
        self.parts.append(data)
        self.last = "data"

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.in_pre = True
        if tag in BLOCK_TAGS:
            self._rstrip()
        out = "<" + tag
        for name, value in sorted(attrs, key=lambda a: (a[0], a[1] or "")):
            out += " " + name
            if value is not None:
                out += '="' + html.escape(value, quote=True) + '"'
        self.parts.append(out + ">")
        self.last_tag = tag
        self.last = "starttag"

    def handle_startendtag(self, tag, attrs):
        # <br /> and <br> are the same element.
        self.handle_starttag(tag, attrs)
        self.last = "endtag"

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_pre = False
        elif tag in BLOCK_TAGS:
            self._rstrip()
        self.parts.append("</" + tag + ">")
        self.last_tag = tag
        self.last = "endtag"

    def handle_comment(self, data):
        self.parts.append("<!--" + data + "-->")
        self.last = "comment"

    def handle_decl(self, decl):
        self.parts.append("<!" + decl + ">")
        self.last = "decl"

    def unknown_decl(self, data):
        self.parts.append("<!" + data + ">")
        self.last = "decl"

    def handle_pi(self, data):
        self.parts.append("<?" + data + ">")
        self.last = "pi"

    def _put_char(self, char, as_written):
        escapes = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
        if char is None:
            self.parts.append(as_written)
        else:
            self.parts.append(escapes.get(char, char))
        self.last = "ref"

    def handle_entityref(self, name):
        code = html.entities.name2codepoint.get(name)
        self._put_char(chr(code) if code is not None else None, "&" + name + ";")

    def handle_charref(self, name):
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            char = chr(code)
        except (ValueError, OverflowError):
            char = None
        self._put_char(char, "&#" + name + ";")


def normalize(text):
    parser = Normalizer()
    for chunk in CHUNKS.finditer(text):
        piece = chunk.group(0)
        if piece.startswith("<![CDATA["):
            parser.parts.append(piece)
        else:
            parser.feed(piece)
    parser.close()
    return parser.text


def read_examples(path):
    """Yields (number, line, section, markdown, expected html)."""
    section = ""
    number = 0
    state = None
    markdown, expected, start = [], [], 0
    with open(path, encoding="utf-8") as spec:
        for lineno, line in enumerate(spec, 1):
            bare = line.rstrip("\n")
            if state is None:
                if bare.startswith(FENCE + " example"):
                    state, markdown, expected, start = "markdown", [], [], lineno
                elif bare.startswith("#"):
                    section = bare.lstrip("#").strip()
            elif state == "markdown" and bare == ".":
                state = "html"
            elif bare == FENCE:
                number += 1
                yield (number, start, section,
                       "".join(markdown).replace("→", "\t"),
                       "".join(expected).replace("→", "\t"))
                state = None
            else:
                (markdown if state == "markdown" else expected).append(line)


def convert(roledoc, options, markdown):
    cmd = [roledoc, "convert", "-t", "html", "--fragment", "--unsafe"]
    result = subprocess.run(cmd + options + ["-"], input=markdown.encode("utf-8"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=30)
    if result.returncode != 0:
        raise RuntimeError("exit status %d: %s" % (
            result.returncode, result.stderr.decode("utf-8", "replace")))
    return result.stdout.decode("utf-8", "replace")


def show(label, text):
    print("  %s:" % label)
    for line in text.splitlines() or [""]:
        print("    | " + line.replace("\t", "→"))


def run_example(args, markdown, expected):
    """Returns (whether the output is the expected one, the output)."""
    try:
        actual = convert(args.roledoc, args.option, markdown)
        return normalize(actual) == normalize(expected), actual
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        return False, "(failed: %s)" % err


def run_file(args, path, expected_failures):
    """Returns (examples passed, examples failed unexpectedly, examples)."""
    passed = failed = examples = 0
    for number, line, section, markdown, expected in read_examples(path):
        examples += 1
        ok, actual = run_example(args, markdown, expected)
        reason = expected_failures.get(number)
        if reason is not None:
            if ok:
                failed += 1
                print("XPASS %s example %d (line %d, %s): passes, but is listed "
                      "as an expected failure (%s)" % (path, number, line, section, reason))
            else:
                print("XFAIL %s example %d (line %d, %s): %s"
                      % (path, number, line, section, reason))
            continue
        if ok:
            passed += 1
            continue
        failed += 1
        print("FAIL %s example %d (line %d, %s)" % (path, number, line, section))
        if args.verbose or failed <= 10:
            show("markdown", markdown)
            show("expected", expected)
            show("actual", actual)
    return passed, failed, examples


def expected_failure(text):
    number, sep, reason = text.partition(":")
    if not sep or not number.isdigit() or not reason.strip():
        raise argparse.ArgumentTypeError("expected NUMBER:REASON, got %r" % text)
    return int(number), reason.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roledoc", required=True, help="the roledoc program")
    parser.add_argument("--option", action="append", default=[],
                        help="an option passed to roledoc convert")
    parser.add_argument("--verbose", action="store_true",
                        help="show every failure in full")
    parser.add_argument("--examples", type=int,
                        help="how many examples the first SPEC file holds")
    parser.add_argument("--expected-failure", type=expected_failure,
                        action="append", default=[], metavar="N:REASON",
                        help="example N of the first SPEC file fails, for REASON")
    parser.add_argument("spec", nargs="+", help="specification files")
    args = parser.parse_args()
    total_failed = 0
    for index, path in enumerate(args.spec):
        expected_failures = dict(args.expected_failure) if index == 0 else {}
        try:
            passed, failed, examples = run_file(args, path, expected_failures)
        except OSError as err:
            print("commonmark_runner: %s" % err, file=sys.stderr)
            return 2
        print("%s: %d/%d examples pass, %d expected to fail"
              % (path, passed, examples, len(expected_failures)))
        if index == 0 and args.examples is not None and examples != args.examples:
            print("%s: %d examples, expected %d: not the version the expected "
                  "failures are numbered for" % (path, examples, args.examples))
            failed += 1
        total_failed += failed
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
