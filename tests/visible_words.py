#!/usr/bin/env python3
"""Checks that an output holds every word of a Markdown page's visible text.

usage: visible_words.py PAGE.md OUTPUT
       visible_words.py --recall MIN MD4C_TEXT OUTPUT...
       visible_words.py --clean PAGE.md MD4C_TEXT OUTPUT...

The words are taken from the source independently of roledoc's parser:
liquid tags, HTML tags, link and image targets and Markdown punctuation are
removed, entities decoded, and what remains is split into words. Prints the
missing words and exits 1 when any is missing.

--recall compares outputs with md4c's rendering of the page (MD4C_TEXT, as
tests/md4c_words writes it): each must hold at least MIN (0..1) of the
words md4c shows, liquid tags aside. --clean checks that no output holds
the parser's internal wrapper, liquid syntax that is not code of the page,
or "**" beside text md4c renders emphasised."""
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

def md4c_parts(path):
    """The words md4c shows of a page (liquid tags aside) and the text of
    its emphasis spans, from the output of tests/md4c_words."""
    with open(path, encoding='utf-8', errors='replace') as f:
        shown, _, spans = f.read().partition('\n--- emphasis\n')
    shown = html.unescape(re.sub(r'\{%.*?%\}', ' ', shown))  # md4c hands entities as written
    spans = html.unescape(spans)
    return words(shown), [s.strip() for s in spans.split('\n') if s.strip()]

def read(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()

def recall(minimum, md4c_text, outputs):
    """Each output holds at least `minimum` (a fraction) of the words md4c
    shows; prints one line per output with its recall."""
    wanted, _ = md4c_parts(md4c_text)
    ok = True
    for out in outputs:
        found = words(read(out))
        got = len(wanted & found) / len(wanted) if wanted else 1.0
        missing = sorted(wanted - found)
        print('%s: recall %.4f (%d of %d words)%s' % (
            out, got, len(wanted) - len(missing), len(wanted),
            ' missing: ' + ' '.join(missing[:12]) if got < minimum else ''))
        ok = ok and got >= minimum
    return 0 if ok else 1

def clean(source, md4c_text, outputs):
    """No output holds the parser's wrapper, liquid syntax (but where the
    page has it in code), or "**" beside a span md4c shows emphasised."""
    code = set()
    for m in re.finditer(r'^\s*(`{3,}|~{3,}).*?\n(.*?)^\s*\1', read(source), re.S | re.M):
        code.update(l.strip() for l in m.group(2).split('\n'))
    code.update(m.group(1).strip() for m in re.finditer(r'`([^`\n]*\{%[^`\n]*)`', read(source)))
    _, spans = md4c_parts(md4c_text)
    bad = 0
    for out in outputs:
        text = read(out)
        problems = []
        if 'roledoc-fragment' in text:
            problems.append('the internal wrapper roledoc-fragment')
        for line in text.split('\n'):
            if '{%' in line and not any(c and c in line for c in code if '{%' in c):
                problems.append('liquid syntax: ' + line.strip()[:60])
        for span in spans:
            head, tail = span[:24], span[-24:]
            if '**' + head in text or tail + '**' in text:
                problems.append('literal ** around emphasis: ' + span[:40])
        for p in problems:
            print('%s: %s' % (out, p))
        bad += len(problems)
    return 1 if bad else 0

def main():
    if sys.argv[1:2] == ['--recall']:
        return recall(float(sys.argv[2]), sys.argv[3], sys.argv[4:])
    if sys.argv[1:2] == ['--clean']:
        return clean(sys.argv[2], sys.argv[3], sys.argv[4:])
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
