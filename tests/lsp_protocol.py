"""The protocol test of roledoc lsp: a client over pipes drives every
method the server offers, checks positions in UTF-16 code units on pages
with accents, emoji and CRLF line ends (computed here from the pages' own
text), and sends the bad inputs the server must survive, each followed by
a request that must still be answered.

usage: lsp_protocol.py ROLEDOC SRCDIR SCRATCH"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, ServerError, apply_edit, position_of, utf16_len  # noqa: E402

roledoc, srcdir, scratch = sys.argv[1:4]
passes = failures = 0


def check(name, ok, detail=""):
    global passes, failures
    if ok:
        passes += 1
    else:
        failures += 1
        print("FAIL: %s%s" % (name, ": " + str(detail) if detail else ""), file=sys.stderr)


def uri_of(path):
    return "file://" + path


def page(name):
    with open(os.path.join(work, name), encoding="utf-8", newline="") as f:
        return f.read()


# The fixtures, copied: a space with a configuration of its own, a page
# outside it with CRLF line ends and emoji, and a page of role families.
work = os.path.join(scratch, "lsp")
shutil.copytree(os.path.join(srcdir, "fixtures", "lsp"), work)
shutil.copy(os.path.join(srcdir, "fixtures", "roles", "families.md"), work)
DEV = os.path.join(work, "space", "developpeur.md")
COACH = os.path.join(work, "coach-crlf.md")
FAMILIES = os.path.join(work, "families.md")
CHARTE = os.path.join(work, "space", "charte.md")   # never saved


def start(*options):
    c = Client([roledoc, "lsp"] + list(options))
    return c


def initialize(c):
    r = c.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(work),
                                 "capabilities": {}})
    c.notify("initialized", {})
    return r


def open_page(c, path, text=None, version=1):
    text = page(os.path.relpath(path, work)) if text is None else text
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(path), "languageId": "markdown", "version": version,
        "text": text}})
    return c.wait_diagnostics(uri_of(path), version)


def by_rule(diags, rule):
    return [d for d in diags if d.get("code") == rule]


def still_answers(c, what):
    """A request after a bad input: the server must answer it."""
    try:
        r = c.request("textDocument/documentSymbol",
                      {"textDocument": {"uri": uri_of(DEV)}})
        check("answers after " + what, "result" in r, r)
    except ServerError as e:
        check("answers after " + what, False, e)


def error_code(msg):
    return msg.get("error", {}).get("code")


# ------------------------------------------------------------ lifecycle

def test_lifecycle():
    c = start()
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(DEV)},
                                         "position": {"line": 0, "character": 0}})
    check("a request before initialize is refused", error_code(r) == -32002, r)
    r = initialize(c)
    caps = r.get("result", {}).get("capabilities", {})
    check("initialize: incremental sync", caps.get("textDocumentSync", {}).get("change") == 2, caps)
    check("initialize: open and close", caps.get("textDocumentSync", {}).get("openClose") is True)
    check("initialize: UTF-16 positions", caps.get("positionEncoding") == "utf-16", caps)
    for cap in ("codeActionProvider", "documentSymbolProvider", "hoverProvider"):
        check("initialize: " + cap, bool(caps.get(cap)), caps)
    check("initialize: server info", r["result"].get("serverInfo", {}).get("name") == "roledoc", r)
    r = c.request("initialize", {"capabilities": {}})
    check("a second initialize is refused", error_code(r) == -32600, r)
    r = c.request("shutdown")
    check("shutdown answers null", "result" in r and r["result"] is None, r)
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri_of(DEV)}})
    check("a request after shutdown is refused", error_code(r) == -32600, r)
    c.notify("exit")
    check("exit after shutdown: status 0", c.close() == 0)

    c = start()
    initialize(c)
    c.notify("exit")
    check("exit without shutdown: status 1", c.close() == 1)
    c = start()
    initialize(c)
    check("end of input: status 1", c.close() == 1)


# ------------------------------------------------------------ diagnostics

def test_diagnostics(c):
    text = page("space/developpeur.md")
    diags = open_page(c, DEV)
    actions = by_rule(diags, "role-has-actions")
    check("role-has-actions on the role's heading", len(actions) == 1 and
          actions[0]["range"]["start"] == {"line": 0, "character": 0}, diags)
    if actions:
        a = actions[0]
        check("severity error", a["severity"] == 1, a)
        check("source roledoc", a.get("source") == "roledoc", a)
        href = a.get("codeDescription", {}).get("href", "")
        check("codeDescription: the rule's page", href.startswith("file:///") and
              href.endswith("/docs/rules/role-has-actions.md") and
              os.path.exists(href[len("file://"):]), href)
        check("the hint in the message and in data",
              a.get("data", {}).get("hint") and a["data"]["hint"] in a["message"], a)
        check("range ends at the end of the heading", a["range"]["end"] ==
              {"line": 0, "character": utf16_len("# Développeur front-end")}, a)
    check("gendered-title found", len(by_rule(diags, "gendered-title")) == 1, diags)
    check("the space's configuration applies (no role-has-objectives)",
          not by_rule(diags, "role-has-objectives"), diags)
    link = by_rule(diags, "local-target-exists")
    want = position_of(text, text.index("[la charte]"))
    check("a link to a page not on disk", len(link) == 1 and
          link[0]["range"]["start"] == want, (link, want))

    # A page open but never saved is a target that exists; closed, it
    # is gone again.
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(CHARTE), "languageId": "markdown", "version": 1,
        "text": "# Charte\n\nLe texte.\n"}})
    got = c.wait_all([uri_of(DEV), uri_of(CHARTE)])
    diags = got[uri_of(DEV)]
    check("an unsaved open page is a target that exists",
          not by_rule(diags, "local-target-exists"), diags)
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(CHARTE)}})
    diags = c.wait_diagnostics(uri_of(DEV))
    check("closed, it is gone again", len(by_rule(diags, "local-target-exists")) == 1, diags)
    check("a closed page's diagnostics are cleared",
          c.diagnostics[uri_of(CHARTE)]["diagnostics"] == [])


def test_utf16(c):
    text = page("coach-crlf.md")
    diags = open_page(c, COACH)
    check("outside the space, role-has-objectives as information",
          [d["severity"] for d in by_rule(diags, "role-has-objectives")] == [3], diags)
    link = by_rule(diags, "local-target-exists")
    want = position_of(text, text.index("[la charte]"))
    check("emoji before a finding: UTF-16 column", len(link) == 1 and
          link[0]["range"]["start"] == want, (link, want))
    check("CRLF: the line break is not in the range", link and
          link[0]["range"]["end"] == {"line": want["line"], "character":
                                      utf16_len(text.split("\r\n")[want["line"]])}, link)
    entity = by_rule(diags, "entity-artifact")
    want_e = position_of(text, text.index("&#x43;"))
    check("entity after emoji: UTF-16 column", len(entity) == 1 and
          entity[0]["range"]["start"] == want_e, (entity, want_e))

    # Incremental changes: an emoji inserted before the link moves it by
    # three code units (two for the emoji, one for the space).
    at = position_of(text, text.index("[la charte]"))
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(COACH), "version": 2},
        "contentChanges": [{"range": {"start": at, "end": at}, "text": "🚀 "}]})
    text = text.replace("[la charte]", "🚀 [la charte]")
    diags = c.wait_diagnostics(uri_of(COACH), 2)
    link = by_rule(diags, "local-target-exists")
    check("incremental insertion: the finding moves by 3 units", link and
          link[0]["range"]["start"] == {"line": at["line"], "character": at["character"] + 3},
          link)
    # Two changes in one message, the second across lines: the entity
    # written out, then the mission paragraph joined to its heading.
    e = position_of(text, text.index("&#x43;"))
    e_end = {"line": e["line"], "character": e["character"] + 6}
    text = text.replace("&#x43;", "C")
    m_start = position_of(text, text.index("\r\n\r\nAccompagner"))
    m_end = position_of(text, text.index("Accompagner"))
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(COACH), "version": 3},
        "contentChanges": [{"range": {"start": e, "end": e_end}, "text": "C"},
                           {"range": {"start": m_start, "end": m_end}, "text": "\r\n\r\n"}]})
    diags = c.wait_diagnostics(uri_of(COACH), 3)
    check("incremental change: the entity is gone", not by_rule(diags, "entity-artifact"), diags)
    check("incremental change: the link is still found", len(by_rule(diags, "local-target-exists")) == 1,
          diags)
    # A full change.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(COACH), "version": 4},
        "contentChanges": [{"text": "# Coach\r\n\r\n😀 [x](nulle-part.md)\r\n"}]})
    diags = c.wait_diagnostics(uri_of(COACH), 4)
    link = by_rule(diags, "local-target-exists")
    check("full change: UTF-16 column after an emoji", link and
          link[0]["range"]["start"] == {"line": 2, "character": 3}, diags)
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri_of(COACH)}})
    diags = c.wait_diagnostics(uri_of(COACH), 4)
    check("didSave lints again", len(by_rule(diags, "local-target-exists")) == 1, diags)


# ------------------------------------------------------------ requests

def test_code_actions(c):
    text = page("space/developpeur.md")
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri_of(DEV)},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}})
    actions = r.get("result") or []
    fix = [a for a in actions if a["diagnostics"][0]["code"] == "gendered-title"]
    check("a code action for the one-gender title", len(fix) == 1, actions)
    if not fix:
        return
    check("it is a quick fix", fix[0]["kind"] == "quickfix", fix[0])
    edits = fix[0]["edit"]["changes"][uri_of(DEV)]
    check("its edit writes both forms", len(edits) == 1 and
          edits[0]["newText"] == "Développeur / développeuse front-end", edits)
    check("its edit covers the title, not the marker", edits[0]["range"] == {
        "start": {"line": 0, "character": 2},
        "end": {"line": 0, "character": utf16_len("# Développeur front-end")}}, edits)
    text = apply_edit(text, edits[0])
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(DEV), "version": 2},
        "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}]})
    diags = c.wait_diagnostics(uri_of(DEV), 2)
    check("after the fix, no gendered-title", not by_rule(diags, "gendered-title"), diags)
    check("after the fix, role-has-actions still", len(by_rule(diags, "role-has-actions")) == 1)
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri_of(DEV)},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["refactor"]}})
    check("no quick fix when only refactorings are asked for", r.get("result") == [], r)

    # entity-artifact: "&#x43;" written as "C", on a page of its own.
    ent = os.path.join(work, "entite.md")
    ent_text = "# Coach\n\nLe 🙂 &#x43;ode et **gras&#x20;**, suite.\n"
    diags = open_page(c, ent, ent_text)
    found = by_rule(diags, "entity-artifact")
    check("two entity artifacts", len(found) == 2, diags)
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri_of(ent)},
        "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 40}},
        "context": {"diagnostics": found}})
    actions = r.get("result") or []
    check("a fix for each", len(actions) == 2, actions)
    edits = [e for a in actions for e in a["edit"]["changes"][uri_of(ent)]]
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]), reverse=True):
        ent_text = apply_edit(ent_text, e)
    check("the fixes write the page right",
          ent_text == "# Coach\n\nLe 🙂 Code et **gras**, suite.\n", ent_text)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(ent), "version": 2},
        "contentChanges": [{"text": ent_text}]})
    diags = c.wait_diagnostics(uri_of(ent), 2)
    check("after the fixes, no entity-artifact", not by_rule(diags, "entity-artifact"), diags)


def test_symbols(c):
    open_page(c, FAMILIES)
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri_of(FAMILIES)}})
    symbols = r.get("result") or []
    with open(os.path.join(srcdir, "fixtures", "roles", "families.json"), encoding="utf-8") as f:
        model = json.load(f)

    def expected(items):
        out = []
        for it in items:
            parts = []
            for name in ("mission", "actions", "limits", "objectives", "axes"):
                p = it[name]
                if isinstance(p, list):
                    p = p[0] if p else None
                if p:
                    parts.append((p["lead"]["line"], name.capitalize()))
            parts.sort()
            kids = [(name, 18 if name != "Mission" else 7, line - 1, []) for line, name in parts]
            kids += expected(it.get("roles", []))
            out.append((it["title"]["text"], 3 if it["kind"] == "family" else 5,
                        it["line"] - 1, kids))
        return out

    def got(syms):
        return [(s["name"], s["kind"], s["selectionRange"]["start"]["line"], got(s["children"]))
                for s in syms]
    check("the outline is the role model", got(symbols) == expected(model["items"]),
          (got(symbols), expected(model["items"])))

    def contained(outer, inner):
        def key(p):
            return (p["line"], p["character"])
        return key(outer["start"]) <= key(inner["start"]) and key(inner["end"]) <= key(outer["end"])

    def nested(syms):
        return all(contained(s["range"], s["selectionRange"]) and
                   all(contained(s["range"], k["range"]) for k in s["children"]) and
                   nested(s["children"]) for s in syms)
    check("each range holds its selection and its children", nested(symbols), symbols)


def test_hover(c):
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(DEV)},
                                         "position": {"line": 0, "character": 5}})
    value = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("hover names the role", "Développeur / développeuse front-end" in value, value)
    check("hover: the mission found", "mission: found" in value, value)
    check("hover: the actions missing", "actions: **missing**" in value, value)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(DEV)},
                                         "position": {"line": 2, "character": 3}})
    check("hover elsewhere: null", "result" in r and r["result"] is None, r)


# ------------------------------------------------------------ bad input

def body(obj):
    return json.dumps(obj).encode()


def framed(data):
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_bad_input(c):
    cases = [
        ("malformed JSON", framed(b'{"jsonrpc": "2.0", "id": 1, "method": '), -32700),
        ("a header without Content-Length", b"Content-Lenght: 12\r\n\r\n{\"jsonrpc\":1}", -32600),
        ("a Content-Length that is no number", b"Content-Length: douze\r\n\r\n{}", -32600),
        ("a header line without a colon", b"Content-Length: 2\r\nbonjour\r\n\r\n{}", -32600),
        ("another charset", b"Content-Length: 2\r\nContent-Type: application/"
                            b"vscode-jsonrpc; charset=latin1\r\n\r\n{}", -32600),
        ("a header that never ends", b"X-Padding: " + b"x" * 9000 + b"\r\n", -32600),
        ("a batch", framed(b"[1, 2]"), -32600),
        ("not an object", framed(b'"bonjour"'), -32600),
        ("another JSON-RPC version", framed(body({"jsonrpc": "1.0", "id": 7, "method": "shutdown"})),
         -32600),
        ("an id that is an object", framed(body({"jsonrpc": "2.0", "id": {}, "method": "x"})), -32600),
    ]
    for what, data, code in cases:
        c.send_raw(data)
        try:
            r = c.wait_error()
            # the id is null unless the message has one to echo
            check(what + ": error %d" % code, error_code(r) == code and
                  r.get("id") in (None, 7), r)
        except ServerError as e:
            check(what + ": error %d" % code, False, e)
        still_answers(c, what)

    r = c.request("textDocument/rename", {"textDocument": {"uri": uri_of(DEV)}})
    check("an unknown method: -32601 with its id", error_code(r) == -32601 and
          r["id"] == c.next_id, r)
    still_answers(c, "an unknown method")
    c.notify("roledoc/unknown", {})
    c.notify("$/cancelRequest", {"id": 1})
    still_answers(c, "unknown notifications (no answer)")
    c.send({"jsonrpc": "2.0", "id": 99, "result": None})
    still_answers(c, "a response from the client")
    r = c.request("textDocument/hover", [1, 2])
    check("params that are no object: -32602", error_code(r) == -32602, r)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(DEV)}})
    check("a hover without position: -32602", error_code(r) == -32602, r)

    never = uri_of(os.path.join(work, "jamais-ouverte.md"))
    r = c.request("textDocument/hover", {"textDocument": {"uri": never},
                                         "position": {"line": 0, "character": 0}})
    check("hover on a page never opened: -32602", error_code(r) == -32602, r)
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": never},
                                              "range": {"start": {"line": 0, "character": 0},
                                                        "end": {"line": 0, "character": 0}},
                                              "context": {"diagnostics": []}})
    check("code actions on a page never opened: -32602", error_code(r) == -32602, r)
    c.notify("textDocument/didChange", {"textDocument": {"uri": never, "version": 2},
                                        "contentChanges": [{"text": "x"}]})
    c.notify("textDocument/didClose", {"textDocument": {"uri": never}})
    still_answers(c, "changes to a page never opened")
    check("they are said in the log", any("jamais-ouverte" in l["message"] for l in c.logs),
          c.logs)
    check("and get no diagnostics", never not in c.diagnostics)

    # Positions past the end of a line or of the page, and a NUL byte.
    odd = uri_of(os.path.join(work, "bizarre.md"))
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": odd, "languageId": "markdown", "version": 1, "text": "# Coach\n\nun\u0000deux 😀\n"}})
    c.wait_diagnostics(odd, 1)
    c.notify("textDocument/didChange", {"textDocument": {"uri": odd, "version": 2},
                                        "contentChanges": [
        {"range": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 10}},
         "text": "!"},
        {"range": {"start": {"line": 40, "character": 0}, "end": {"line": 40, "character": 3}},
         "text": "\n[a](absent.md)\n"},
        {"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 1}},
         "text": ""}]})
    diags = c.wait_diagnostics(odd, 2)
    link = by_rule(diags, "local-target-exists")
    check("positions past the ends are clamped", len(link) == 1 and
          link[0]["range"]["start"] == {"line": 4, "character": 0}, diags)
    still_answers(c, "odd positions")


def test_huge_messages():
    c = start("--max-message", "100000")
    initialize(c)
    open_page(c, DEV)
    c.send_raw(framed(b" " * 200000))
    r = c.wait_error()
    check("a message over --max-message: -32600", error_code(r) == -32600 and
          "limit" in r["error"]["message"], r)
    still_answers(c, "a message over --max-message")
    # The default limit, 16 MiB: one byte more is refused, as it comes.
    data = b"Content-Length: %d\r\n\r\n" % ((16 << 20) + 1)
    c.send_raw(data)
    chunk = b" " * (1 << 20)
    for _ in range(16):
        c.send_raw(chunk)
    c.send_raw(b" ")
    r = c.wait_error()
    check("a message over 16 MiB: refused", error_code(r) == -32600, r)
    still_answers(c, "a message over 16 MiB")
    c.request("shutdown")
    c.notify("exit")
    check("exit status 0 after the bad input", c.close() == 0)


def main():
    try:
        test_lifecycle()
        c = start()
        initialize(c)
        test_diagnostics(c)
        test_utf16(c)
        test_code_actions(c)
        test_symbols(c)
        test_hover(c)
        test_bad_input(c)
        c.request("shutdown")
        c.notify("exit")
        check("exit status 0", c.close() == 0)
        test_huge_messages()
    except ServerError as e:
        check("the server answers", False, e)
    print("%d passed, %d failed" % (passes, failures))
    return 1 if failures else 0


sys.exit(main())
