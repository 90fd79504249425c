#!/usr/bin/env python3
"""Reads a JUnit report back with a real JUnit reader (junitparser, Debian's
python3-junitparser), for tests/e2e/reports.sh.

  junit_reader.py REPORT   checks what CI systems read: every testsuite's
                           counts are its testcases' (tests, failures,
                           errors, skipped), each has a time, a timestamp
                           and a hostname, each testcase a time; then
                           prints the findings of the failures and outputs
                           one a line, as reports.py findings does

Exit status 0 when all is well; else 1, with the problems on standard error.
"""
import os
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reports  # noqa: E402  (the text-line parser and the output form)


def suite_problems(suite):
    cases = list(suite)
    counted = {
        "tests": len(cases),
        "failures": sum(1 for c in cases for r in c.result if isinstance(r, Failure)),
        "errors": sum(1 for c in cases for r in c.result if isinstance(r, Error)),
        "skipped": sum(1 for c in cases for r in c.result if isinstance(r, Skipped)),
    }
    problems = ["%s: %s=%s, counted %d" % (suite.name, k, getattr(suite, k), n)
                for k, n in counted.items() if getattr(suite, k) != n]
    for attr in ("time", "timestamp", "hostname"):
        if getattr(suite, attr) in (None, ""):
            problems.append("%s: no %s" % (suite.name, attr))
    problems += ["%s: testcase %s has no time" % (suite.name, c.name)
                 for c in cases if c.time is None]
    return problems


def findings(suite):
    found = []
    for case in suite:
        texts = [r.text for r in case.result if isinstance(r, Failure)]
        texts.append(case.system_out)
        for text in texts:
            found += reports.from_text_lines((text or "").splitlines())
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems, found = [], []
    for suite in JUnitXml.fromfile(argv[1]):
        problems += suite_problems(suite)
        found += findings(suite)
    for p in problems[:20]:
        print("%s: %s" % (argv[1], p), file=sys.stderr)
    for f in found:
        print(reports.finding_line(f))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
