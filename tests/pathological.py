#!/usr/bin/env python3
"""Writes the pathological pages that robustness tests and benchmarks feed
to roledoc: deep nesting, huge paragraphs, delimiter floods, many lines.

They are generated, never stored: a few lines here stand for megabytes.

usage: pathological.py --list
       pathological.py [--scale F] NAME OUTPUT

At scale 1 each page has the size the robustness requirements name (50,000
nested block quotes, a 10 MB paragraph...); --scale multiplies the count
of repeated units, so that a benchmark can show how time grows with size.
"""

import argparse
import sys

# A sentence whose words wrap and fold like prose.
PROSE = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
MB = 1 << 20


def nested_quotes(n):
    return "> " * n + "deep\n"


def nested_lists(n):
    # "- - x" is a list item holding a list: every "- " opens one more.
    return "- " * n + "deep\n"


def nested_liquid(n):
    return ('{% hint style="info" %}\n' * n + "deep\n" +
            "{% endhint %}\n" * n)


def liquid_around_quotes(n):
    # Each layer stays within the depth limit; grouping the hints moves the
    # quotes below them, twice as deep.
    return ('{% hint style="info" %}\n' * n + "> " * n + "deep\n\n" +
            "{% endhint %}\n" * n)


def spans_around_emphasis(n):
    # Pairing the inline tags moves the nested emphasis below them.
    return ("Some " + "<span>" * n + "**" * n + "deep" + "**" * n +
            "</span>" * n + "\n")


def unclosed_html_block(n):
    # One HTML block (it ends at the blank line), every <div> left open.
    return "<div>\n" * n + "deep\n"


def unclosed_html_inline(n):
    return "Some " + "<span>" * n + " text\n"


def long_paragraph(size):
    return (PROSE * (size // len(PROSE) + 1))[:size] + "\n"


def delimiter_flood(unit, size):
    return (unit * (size // len(unit) + 1))[:size] + "\n"


def punctuation_mix(size):
    # The four characters, in an order that repeats only after a while
    # (a fixed linear congruential sequence: the same page every time).
    chars, out, x = "*_[<", [], 12345
    for _ in range(size):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(chars[(x >> 16) & 3])
    return "x " + "".join(out) + "\n"


def one_char_lines(n):
    return "a\n" * n


def repeated(unit, n, head="# Page\n\n"):
    return head + unit * n


def front_matter_keys(n):
    return "---\n" + "".join(f"key{i}: value {i}\n" for i in range(n)) + "---\n# Page\n"


def many_attributes(n):
    return "<div " + " ".join(f'a{i}="v"' for i in range(n)) + ">x</div>\n"


def footnotes(n):
    refs = "".join(f"Note[^n{i}].\n" for i in range(n))
    return "# Page\n\n" + refs + "\n" + "".join(f"[^n{i}]: text {i}\n" for i in range(n))


def table(columns, rows):
    head = "|" + "|".join(f" c{i} " for i in range(columns)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    row = "|" + "|".join(" x " for _ in range(columns)) + "|\n"
    return "# Page\n\n" + head + rule + row * rows


def card_table(n):
    rows = "".join(f'<tr><td>Card {i}</td><td><a href="p{i}.md">p{i}.md</a></td></tr>'
                   for i in range(n))
    return ('# Page\n\n<table data-view="cards"><thead><tr><th></th>'
            '<th data-hidden data-card-target data-type="content-ref"></th>'
            '</tr></thead><tbody>' + rows + "</tbody></table>\n")


# name: (description, function of the scale)
CASES = {
    "quotes": ("50,000 nested block quotes",
               lambda s: nested_quotes(int(50000 * s))),
    "lists": ("50,000 nested lists",
              lambda s: nested_lists(int(50000 * s))),
    "liquid": ("50,000 nested liquid blocks",
               lambda s: nested_liquid(int(50000 * s))),
    "liquid-quotes": ("25,000 nested liquid blocks around 25,000 quotes",
                      lambda s: liquid_around_quotes(int(25000 * s))),
    "spans-emphasis": ("20,000 nested HTML spans around 20,000 emphases",
                       lambda s: spans_around_emphasis(int(20000 * s))),
    "html-block": ("10,000 unclosed HTML elements in an HTML block",
                   lambda s: unclosed_html_block(int(10000 * s))),
    "html-inline": ("10,000 unclosed HTML elements in a paragraph",
                    lambda s: unclosed_html_inline(int(10000 * s))),
    "paragraph": ("a 10 MB paragraph on one line",
                  lambda s: long_paragraph(int(10 * MB * s))),
    "stars": ("1 MB of '*' openers",
              lambda s: delimiter_flood("*a ", int(MB * s))),
    "underscores": ("1 MB of '_' openers",
                    lambda s: delimiter_flood("_a ", int(MB * s))),
    "brackets": ("1 MB of unclosed '['",
                 lambda s: delimiter_flood("[a ", int(MB * s))),
    "angles": ("1 MB of unclosed '<'",
               lambda s: delimiter_flood("<a ", int(MB * s))),
    "punctuation": ("1 MB of '*', '_', '[' and '<' mixed",
                    lambda s: punctuation_mix(int(MB * s))),
    "lines": ("a million one-character lines",
              lambda s: one_char_lines(int(1000000 * s))),
    # Structures a page may repeat, each of about 1 MB: every step that
    # looks back at what came before (ids, anchors, directives, findings)
    # must stay linear.
    "same-headings": ("100,000 headings of one title (unique ids)",
                      lambda s: repeated("## Same\n", int(100000 * s))),
    "comments": ("100,000 HTML comments", lambda s: repeated("<!--x-->", int(100000 * s))),
    "directives": ("50,000 roledoc-disable/enable pairs",
                   lambda s: repeated("<!-- roledoc-disable -->\n<!-- roledoc-enable -->\n",
                                      int(20000 * s))),
    "space-refs": ("150,000 '&#x20;' references", lambda s: repeated("&#x20;", int(150000 * s))),
    "front-matter": ("50,000 front matter keys", lambda s: front_matter_keys(int(50000 * s))),
    "attributes": ("one tag with 100,000 attributes",
                   lambda s: many_attributes(int(100000 * s))),
    "liquid-attributes": ("one liquid tag with 100,000 arguments",
                          lambda s: "# Page\n\n{% embed url=\"https://example.org/\" " +
                          " ".join(f'a{i}="v"' for i in range(int(100000 * s))) + " %}\n"),
    "same-links": ("50,000 links to one missing target",
                   lambda s: repeated("[a](missing.md)\n\n", int(50000 * s))),
    "anchor-links": ("50,000 links to missing anchors",
                     lambda s: repeated("[a](#nowhere)\n\n", int(50000 * s))),
    "footnotes": ("30,000 footnotes", lambda s: footnotes(int(30000 * s))),
    "includes": ("30,000 includes of a missing file",
                 lambda s: repeated('{% include ".gitbook/includes/none.md" %}\n\n',
                                    int(30000 * s))),
    "table-columns": ("one table of 100,000 columns", lambda s: table(int(100000 * s), 2)),
    "table-rows": ("one table of 100,000 rows", lambda s: table(3, int(100000 * s))),
    "cards": ("a card table of 10,000 cards", lambda s: card_table(int(10000 * s))),
    "list-items": ("200,000 list items", lambda s: repeated("- item\n", int(200000 * s))),
    "liquid-tags": ("50,000 hint blocks",
                    lambda s: repeated('{% hint style="info" %}\nx\n{% endhint %}\n',
                                       int(30000 * s))),
    "findings-line": ("100,000 images without alt text on one line",
                      lambda s: repeated("![](a.png)", int(100000 * s))),
    "unclosed-liquid": ("50,000 unclosed hint blocks",
                        lambda s: repeated('{% hint style="info" %}\n', int(50000 * s))),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true",
                    help="print each case's name and description")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the size of the page (default 1)")
    ap.add_argument("name", nargs="?", help="which page")
    ap.add_argument("output", nargs="?", help="file to write ('-': stdout)")
    args = ap.parse_args()
    if args.list:
        for name, (description, _) in CASES.items():
            print(f"{name}\t{description}")
        return 0
    if args.name not in CASES or not args.output:
        ap.error("give a case name (see --list) and an output file")
    if args.scale <= 0:
        ap.error("--scale wants a positive number")
    page = CASES[args.name][1](args.scale).encode("utf-8")
    if args.output == "-":
        sys.stdout.buffer.write(page)
    else:
        with open(args.output, "wb") as f:
            f.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
