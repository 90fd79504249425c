#!/usr/bin/env python3
"""The YAML configurations that the documentation shows, for
tests/e2e/config.sh.

  config_examples.py extract DIR PAGE...   writes each ```yaml block of the
                                           pages that is a configuration
                                           (all of a page, or of the section
                                           PAGE#Section names) to DIR/N.yaml,
                                           and prints "N.yaml PAGE" lines
  config_examples.py validate SCHEMA FILE...
                                           validates each YAML file against
                                           the JSON schema (PyYAML reads it,
                                           as an editor's YAML reader would)

Exit status 0 when all is well; else 1, with the problems on standard error.
"""
import json
import os
import re
import sys

import jsonschema
import yaml

FENCE = re.compile(r"^```yaml\n(.*?)^```$", re.M | re.S)


def section(text, title):
    """The part of a Markdown page under the heading `title`."""
    m = re.search(r"^(#+) %s\n" % re.escape(title), text, re.M)
    if not m:
        raise ValueError("no section %r" % title)
    rest = text[m.end():]
    end = re.search(r"^#{1,%d} " % len(m.group(1)), rest, re.M)
    return rest[:end.start()] if end else rest


def extract(out_dir, pages):
    n = 0
    for page in pages:
        path, _, title = page.partition("#")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if title:
            text = section(text, title)
        for block in FENCE.findall(text):
            n += 1
            name = "%d.yaml" % n
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                f.write(block)
            print(name, page)
    return 0 if n else 1


def validate(schema_path, files):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for e in cls(schema).iter_errors({} if doc is None else doc):
            print("%s: %s: %s" % (path, "/".join(map(str, e.path)), e.message),
                  file=sys.stderr)
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "extract":
        return extract(argv[2], argv[3:])
    if len(argv) >= 4 and argv[1] == "validate":
        return validate(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
