#!/usr/bin/env python3
"""Reads lint reports back, for tests/e2e/reports.sh.

  reports.py findings FORMAT REPORT   prints the findings of a report, one a
                                      line: FILE<TAB>LINE<TAB>COL<TAB>RULE<TAB>
                                      SEVERITY<TAB>MESSAGE, in report order
  reports.py schema SCHEMA REPORT     validates a JSON report against a JSON
                                      schema (the validator its $schema names)
  reports.py sarif REPORT [DOCS]      what the schema cannot say: every
                                      result's rule is in the driver's rules,
                                      at ruleIndex; rules are described (with
                                      DOCS, each rule's help is DOCS/ID.md)
  reports.py junit REPORT             the JUnit report's counts add up
  reports.py clean FILE               no raw control character (C0 but the
                                      line feed, DEL, C1, U+2028, U+2029)
                                      in FILE, which is UTF-8

Every format is parsed with the standard library (and jsonschema), never
with roledoc's code, so that a format that loses or changes a finding shows
up as a difference from the others. Exit status 0 when all is well; else 1,
with the problems on standard error.
"""
import html.parser
import json
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): "
    r"(?P<message>.*) \[(?P<rule>[^\]]+)\]$")
SARIF_LEVELS = {"error": "error", "warning": "warning", "note": "info"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "notice": "info"}


def finding(file, line, col, rule, severity, message):
    return (file, int(line), int(col), rule, severity, message)


def from_text_lines(lines):
    found = []
    for line in lines:
        if line.startswith("  hint: ") or not line:
            continue
        m = TEXT_LINE.match(line)
        if not m:
            raise ValueError("not a finding: %r" % line)
        found.append(finding(m["file"], m["line"], m["col"], m["rule"],
                             m["severity"], m["message"]))
    return found


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return from_text_lines(f.read().splitlines())


def read_json(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    return [finding(d["file"], d["line"], d["col"], d["rule"], d["severity"],
                    d["message"]) for d in report["findings"]]


def sarif_path(location):
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = urllib.parse.unquote(artifact["uri"])
    return uri[len("file://"):] if uri.startswith("file://") else uri


def read_sarif(path):
    with open(path, encoding="utf-8") as f:
        run = json.load(f)["runs"][0]
    found = []
    for r in run["results"]:
        if r.get("suppressions"):
            continue            # known from a baseline: not reported
        region = r["locations"][0]["physicalLocation"]["region"]
        found.append(finding(sarif_path(r["locations"][0]), region["startLine"],
                             region["startColumn"], r["ruleId"],
                             SARIF_LEVELS[r["level"]], r["message"]["text"]))
    return found


def read_junit(path):
    found = []
    for case in ET.parse(path).getroot().iter("testcase"):
        for child in case:
            if child.tag in ("failure", "system-out"):
                found += from_text_lines((child.text or "").splitlines())
    return found


def github_unescape(s):
    return (s.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":")
             .replace("%2C", ",").replace("%25", "%"))


def read_github(path):
    found = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            m = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
            if not m:
                raise ValueError("not a workflow command: %r" % line)
            props = dict(p.split("=", 1) for p in m[2].split(","))
            props = {k: github_unescape(v) for k, v in props.items()}
            message = github_unescape(m[3]).split("\n")[0]
            found.append(finding(props["file"], props["line"], props["col"],
                                 props["title"], GITHUB_LEVELS[m[1]], message))
    return found


class HtmlFindings(html.parser.HTMLParser):
    """Each <li data-rule=...>: its data-* attributes, and the message, which
    is the text of its first paragraph between the severity and the rule."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.current = None
        self.depth_p = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "data-rule" in attrs:
            self.current = attrs
            self.text = []
            self.depth_p = 0
        elif tag == "p" and self.current is not None:
            self.depth_p += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.current is not None and self.depth_p == 1:
            a = self.current
            text = "".join(self.text)
            head = "%s:%s %s " % (a["data-line"], a["data-col"], a["data-severity"])
            tail = " [%s]" % a["data-rule"]
            if not (text.startswith(head) and text.endswith(tail)):
                raise ValueError("unexpected finding text: %r" % text)
            self.found.append(finding(a["data-file"], a["data-line"], a["data-col"],
                                      a["data-rule"], a["data-severity"],
                                      text[len(head):-len(tail)]))
            self.current = None

    def handle_data(self, data):
        if self.current is not None and self.depth_p == 1:
            self.text.append(data)


def read_html(path):
    parser = HtmlFindings()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    return parser.found


READERS = {"text": read_text, "json": read_json, "sarif": read_sarif,
           "junit": read_junit, "github": read_github, "html": read_html}


# Reports that a person or a CI log reads (text, JUnit, GitHub, HTML) write
# control characters and line breaks visible, as C-style escapes; JSON and
# SARIF keep them (escaped the JSON way). XML and HTML cannot carry the
# noncharacters, and no format invalid UTF-8: U+FFFD instead. The comparison
# does the same to every field, so that each format must agree with the
# others on what the finding says.
NONCHAR = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible_char(m):
    c = m.group(0)
    if c in NAMED:
        return NAMED[c]
    return ("\\x%02x" if ord(c) < 0x80 else "\\u%04x") % ord(c)


def visible(s):
    """s as the reports meant for reading write it."""
    return CONTROL.sub(visible_char, NONCHAR.sub("\ufffd", s))


def finding_line(f):
    """A finding as one line of tab-separated fields (the fields, made
    visible, hold no tab)."""
    return "\t".join(visible(str(x)) for x in f)


def print_findings(fmt, path):
    for f in READERS[fmt](path):
        print(finding_line(f))
    return 0


def validate(schema_path, report_path):
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(report), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("%s: %s: %s" % (report_path, "/".join(map(str, e.path)), e.message),
              file=sys.stderr)
    return 1 if errors else 0


def check_rule_help(rules, docs, problems):
    """Each rule's help is its documentation page, DOCS/ID.md."""
    import os
    for r in rules:
        page = os.path.join(docs, r["id"] + ".md")
        if not os.path.exists(page):
            problems.append("rule %s has no page %s" % (r["id"], page))
            continue
        with open(page, encoding="utf-8") as f:
            text = f.read()
        if r["help"].get("markdown") != text or r["help"]["text"] != text:
            problems.append("rule %s: help is not %s" % (r["id"], page))


def check_sarif(path, docs=None):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    problems = []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        problems.append("a rule is described twice")
    for r in rules:
        for field in ("shortDescription", "fullDescription", "help"):
            if not r.get(field, {}).get("text"):
                problems.append("rule %s has no %s" % (r["id"], field))
        if "level" not in r.get("defaultConfiguration", {}):
            problems.append("rule %s has no default level" % r["id"])
    for n, res in enumerate(run["results"]):
        rid, index = res["ruleId"], res.get("ruleIndex")
        if rid not in ids:
            problems.append("result %d: rule %s is not in the driver's rules" % (n, rid))
        elif index is None or index >= len(ids) or ids[index] != rid:
            problems.append("result %d: ruleIndex %s is not rule %s" % (n, index, rid))
        artifact = res["locations"][0]["physicalLocation"]["artifactLocation"]
        if not artifact["uri"].startswith("file://") and artifact.get("uriBaseId") != "%SRCROOT%":
            problems.append("result %d: relative URI without %%SRCROOT%%" % n)
    if docs:
        check_rule_help(rules, docs, problems)
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    if not (base.startswith("file:///") and base.endswith("/")):
        problems.append("%%SRCROOT%% is not an absolute directory URI: %r" % base)
    for p in problems[:20]:
        print("%s: %s" % (path, p), file=sys.stderr)
    return 1 if problems else 0


def check_junit(path):
    root = ET.parse(path).getroot()
    problems = []
    if root.tag != "testsuites":
        problems.append("root element is %s, not testsuites" % root.tag)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {"tests": len(cases),
                   "failures": sum(1 for c in cases if c.find("failure") is not None),
                   "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        for key, n in counted.items():
            totals[key] += n
            if int(suite.get(key, -1)) != n:
                problems.append("suite %s: %s=%s, counted %d"
                                % (suite.get("name"), key, suite.get(key), n))
    for key, n in totals.items():
        if int(root.get(key, -1)) != n:
            problems.append("testsuites: %s=%s, counted %d" % (key, root.get(key), n))
    for p in problems[:20]:
        print("%s: %s" % (path, p), file=sys.stderr)
    return 1 if problems else 0


def check_clean(path):
    """FILE holds no control character but its line feeds."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    bad = [(i, c) for i, c in enumerate(text) if c != "\n" and CONTROL.match(c)]
    for i, c in bad[:5]:
        line = text.count("\n", 0, i) + 1
        print("%s:%d: raw control character U+%04X" % (path, line, ord(c)),
              file=sys.stderr)
    return 1 if bad else 0


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "clean":
            return check_clean(argv[2])
        if len(argv) == 4 and argv[1] == "findings" and argv[2] in READERS:
            return print_findings(argv[2], argv[3])
        if len(argv) == 4 and argv[1] == "schema":
            return validate(argv[2], argv[3])
        if len(argv) in (3, 4) and argv[1] == "sarif":
            return check_sarif(*argv[2:])
        if len(argv) == 3 and argv[1] == "junit":
            return check_junit(argv[2])
    except (ValueError, KeyError, IndexError, ET.ParseError, json.JSONDecodeError,
            UnicodeDecodeError) as e:
        print("%s: %s: %s" % (argv[-1], type(e).__name__, e), file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
