#!/usr/bin/env python3
"""The HTML sanitizer's sweep: every payload of fixtures/xss/payloads.txt in
every position a page can hold raw HTML or a link, converted by roledoc to
a standalone HTML page (its default: sanitised), each page loaded in
headless Chromium, and the DOM the browser built audited:

  - no script ran: every payload's script marks the root element
    (data-pwned), so any way of running it shows;
  - no element that runs or embeds code survives (script, iframe, object,
    embed, base, meta refresh, form...), no event handler attribute, no
    URL with a scheme that runs code (javascript:, vbscript:, data: but
    images), as the browser reads them.

Payloads are batched, many to a page, a marker paragraph before each so
that a finding names its payload and position.

    sweep.py [--unsafe] ROLEDOC BROWSER PAYLOADS WORKDIR [PER_PAGE]

Prints the counts; exits 1 when a payload ran or survived, 2 when the
sweep could not run. With --unsafe the pages are converted with roledoc's
--unsafe (raw HTML passed through): the sweep must then find payloads that
run, which shows that it can.
"""
import concurrent.futures
import html.parser
import os
import re
import subprocess
import sys

POSITIONS = {
    "block": "{p}\n\n",
    "inline": "Texte {p} suite.\n\n",
    "hint": '{{% hint style="info" %}}\n{p}\n{{% endhint %}}\n\n',
    "figure": "<figure>{p}<figcaption>légende</figcaption></figure>\n\n",
    "gfm-cell": "| a | b |\n|---|---|\n| {p} | x |\n\n",
    "html-cell": "<table><tbody><tr><td>{p}</td></tr></tbody></table>\n\n",
    "details": "<details><summary>Plus</summary>\n\n{p}\n\n</details>\n\n",
    "list-item": "* {p}\n\n",
    "quote": "> {p}\n\n",
    "strong": "**{p}**\n\n",
    "tab": '{{% tabs %}}\n{{% tab title="Onglet" %}}\n{p}\n{{% endtab %}}\n{{% endtabs %}}\n\n',
}

DANGEROUS_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed",
                      "applet", "base", "form", "portal", "link", "noscript",
                      "template", "animate", "set", "handler", "listener"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href",
                  "poster", "background", "srcdoc", "cite", "ping", "codebase",
                  "dynsrc", "lowsrc", "to", "from", "values", "srcset"}
MARK = re.compile(r"^sweep-(\d+)-([a-z-]+)$")


def decode(line):
    return re.sub(r"\\u\{([0-9A-F]{2})\}", lambda m: chr(int(m.group(1), 16)), line)


def read_payloads(path):
    with open(path, encoding="utf-8") as f:
        return [decode(line.rstrip("\n")) for line in f
                if line.strip() and not line.startswith("#")]


def pages(payloads, per_page):
    """(name, markdown) batches of (payload, position) instances."""
    instances = [(i, pos) for i in range(len(payloads)) for pos in POSITIONS]
    for start in range(0, len(instances), per_page):
        parts = ["# Balayage\n\n"]
        for i, pos in instances[start:start + per_page]:
            parts.append(f"sweep-{i}-{pos}\n\n")
            parts.append(POSITIONS[pos].format(p=payloads[i]))
        yield f"page{start // per_page:04d}", "".join(parts)


def dangerous_url(element, attr, value):
    v = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    if v.startswith(("javascript:", "vbscript:", "livescript:")):
        return True
    if v.startswith("data:"):
        return not (element == "img" and attr in ("src", "srcset") and
                    v.startswith("data:image/"))
    return False


class Audit(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.where = "(before any marker)"
        self.ran = False
        self.survivors = []
        self.in_p = False

    def note(self, what):
        self.survivors.append(f"{self.where}: {what}")

    def handle_starttag(self, tag, attrs):
        if tag == "html" and any(k == "data-pwned" for k, _ in attrs):
            self.ran = True
        self.in_p = tag == "p"
        if tag in DANGEROUS_ELEMENTS:
            self.note(f"<{tag}> element")
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh"
                                 for k, v in attrs):
            self.note("<meta http-equiv=refresh>")
        for k, v in attrs:
            if k.startswith("on"):
                self.note(f"<{tag} {k}>")
            elif k in URL_ATTRIBUTES and v and dangerous_url(tag, k, v):
                self.note(f"<{tag} {k}={v[:40]!r}>")
            elif k == "style" and v and re.search(r"expression\(|javascript:|behavior:",
                                                  v, re.I):
                self.note(f"<{tag} style={v[:40]!r}>")

    def handle_data(self, data):
        m = MARK.match(data.strip())
        if self.in_p and m:
            self.where = f"payload {m.group(1)} in {m.group(2)}"


def load(browser, html_path, workdir):
    profile = os.path.join(workdir, "profile-" + os.path.basename(html_path))
    done = subprocess.run(
        ["timeout", "120", browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
         "--virtual-time-budget=3000", "--dump-dom", "file://" + html_path],
        capture_output=True, text=True)
    return done.stdout if done.returncode == 0 and done.stdout else None


UNSAFE = []


def sweep_page(roledoc, browser, workdir, name, text):
    md = os.path.join(workdir, name + ".md")
    out = os.path.join(workdir, name + ".html")
    with open(md, "w", encoding="utf-8") as f:
        f.write(text)
    done = subprocess.run([roledoc, "convert", "-t", "html"] + UNSAFE + ["-o", out, md],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1) or not os.path.exists(out):
        return name, None, [f"roledoc convert failed: {done.stderr.strip()}"]
    dom = load(browser, out, workdir)
    if dom is None:
        return name, None, ["the browser could not load the page"]
    audit = Audit()
    audit.feed(dom)
    return name, audit.ran, audit.survivors


def main(argv):
    if len(argv) > 1 and argv[1] == "--unsafe":
        UNSAFE.append("--unsafe")
        argv = argv[:1] + argv[2:]
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    roledoc, browser, payload_file, workdir = argv[1:5]
    per_page = int(argv[5]) if len(argv) > 5 else 2000
    payloads = read_payloads(payload_file)
    batches = list(pages(payloads, per_page))
    ran, survivors, broken = [], [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name, executed, found in pool.map(
                lambda b: sweep_page(roledoc, browser, workdir, *b), batches):
            if executed is None:
                broken.append(f"{name}: {found[0]}")
                continue
            if executed:
                ran.append(name)
            survivors += [f"{name}: {s}" for s in found]
    print(f"{len(payloads)} payloads in {len(POSITIONS)} positions "
          f"({len(payloads) * len(POSITIONS)} instances, {len(batches)} pages): "
          f"{len(ran)} page(s) where a script ran, {len(survivors)} dangerous "
          f"survivor(s) in the browser's DOM")
    for line in broken + [f"{p}: a payload's script ran" for p in ran] + survivors[:50]:
        print("  " + line)
    if broken:
        return 2
    return 1 if ran or survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
