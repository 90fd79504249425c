#!/usr/bin/env python3
"""Compares the role model of pages with golden role models.

    roles_golden.py ROLEDOC GOLDEN_DIR PAGE_DIR [-- LINT_OPTION...]

Every GOLDEN_DIR/**/NAME.golden.json is the golden model of the page
PAGE_DIR/**/NAME.md (the same relative path), written by reading the page
(format: fixtures/roles/README.md). The page's roles-json output is cut down
to what a golden file says (kinds, titles, lines, gender, where each part is
and how many items it has), and its lint findings to the three role rules;
both must equal the golden file. Prints one line per page that differs,
with the difference, and exits 1 when any does.
"""
import json
import pathlib
import subprocess
import sys

ROLE_RULES = {"role-has-mission", "role-has-actions", "gendered-title"}


def part(p, with_via=True, with_items=True):
    if p is None:
        return None
    out = {"line": p["line"]}
    if with_via:
        out["via"] = p["via"]
    if with_items:
        out["items"] = p["items"]
    return out


def role(r):
    return {
        "kind": r["kind"],
        "title": r["title"]["text"],
        "line": r["line"],
        "gender": r["gender"],
        "mission": part(r["mission"], with_items=False),
        "actions": [part(p) for p in r["actions"]],
        "limits": [part(p) for p in r["limits"]],
        "objectives": part(r["objectives"], with_via=False),
        "axes": part(r["axes"], with_via=False),
        "roles": [role(c) for c in r["roles"]],
    }


def normalise_golden(g):
    """Golden files may give limits with or without `via`: compare as given."""
    def fix(r):
        r["limits"] = [dict(p, via=p.get("via", "label")) for p in r.get("limits", [])]
        for c in r.get("roles", []):
            fix(c)
    for r in g["items"]:
        fix(r)
    return g


def run(roledoc, args):
    done = subprocess.run([roledoc] + args, capture_output=True, text=True)
    return done


def model_of(roledoc, page):
    done = run(roledoc, ["convert", "-t", "roles-json", str(page)])
    if done.returncode != 0:
        raise RuntimeError(f"convert -t roles-json failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def findings_of(roledoc, page, lint_options):
    done = run(roledoc, ["lint", "-f", "json"] + lint_options + [str(page)])
    if done.returncode not in (0, 1):
        raise RuntimeError(f"lint failed: {done.stderr.strip()}")
    found = json.loads(done.stdout)["findings"]
    return sorted([f["rule"], f["line"]] for f in found if f["rule"] in ROLE_RULES)


def compare(roledoc, golden_path, page, lint_options):
    golden = normalise_golden(json.loads(golden_path.read_text(encoding="utf-8")))
    model = model_of(roledoc, page)
    got = {
        "role_page": model["role_page"],
        "items": [role(r) for r in model["items"]],
        "findings": findings_of(roledoc, page, lint_options),
    }
    want = {
        "role_page": golden["role_page"],
        "items": golden["items"],
        "findings": sorted(golden["findings"], key=lambda f: (f[1], f[0])),
    }
    got["findings"].sort(key=lambda f: (f[1], f[0]))
    problems = []
    for key in ("role_page", "items", "findings"):
        if got[key] != want[key]:
            problems.append(f"{key}: got {json.dumps(got[key], ensure_ascii=False)}"
                            f"\n    want {json.dumps(want[key], ensure_ascii=False)}")
    return problems


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    roledoc, golden_dir, page_dir = argv[1], pathlib.Path(argv[2]), pathlib.Path(argv[3])
    lint_options = argv[5:] if len(argv) > 4 and argv[4] == "--" else []
    goldens = sorted(golden_dir.rglob("*.golden.json"))
    if not goldens:
        print(f"no golden file under {golden_dir}", file=sys.stderr)
        return 1
    failures = 0
    for g in goldens:
        rel = g.relative_to(golden_dir)
        page = page_dir / rel.parent / (rel.name[: -len(".golden.json")] + ".md")
        if not page.is_file():
            print(f"FAIL {rel}: page {page} not found")
            failures += 1
            continue
        try:
            problems = compare(roledoc, g, page, lint_options)
        except (RuntimeError, json.JSONDecodeError) as e:
            problems = [str(e)]
        if problems:
            failures += 1
            print(f"FAIL {page}:")
            for p in problems:
                print("  " + p)
    print(f"{len(goldens) - failures} of {len(goldens)} pages match their golden model")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
