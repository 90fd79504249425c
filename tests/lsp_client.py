"""A small Language Server Protocol client over pipes, for the tests of
roledoc lsp: it frames messages, reads the server's with a time limit (a
server that stops answering fails the test rather than hanging it), and
keeps the diagnostics it publishes."""
import json
import os
import select
import subprocess
import time

TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "20"))


class ServerError(Exception):
    pass


def utf16_len(text):
    """Length of text in UTF-16 code units, as the protocol counts."""
    return len(text.encode("utf-16-le")) // 2


def position_of(text, index):
    """The protocol position (0-based line, UTF-16 character) of a Python
    string index, lines ended by LF, CRLF or CR."""
    line = 0
    start = 0
    i = 0
    while i < index:
        c = text[i]
        if c == "\n" or (c == "\r" and not text.startswith("\n", i + 1)):
            line += 1
            start = i + 1
        i += 1
    return {"line": line, "character": utf16_len(text[start:index])}


def apply_edit(text, edit):
    """Applies a protocol text edit (UTF-16 range) to text."""
    def index_of(pos):
        lines = text.splitlines(keepends=True)
        start = sum(len(l) for l in lines[:pos["line"]])
        line = lines[pos["line"]] if pos["line"] < len(lines) else ""
        units = 0
        k = 0
        body = line.rstrip("\r\n")
        while k < len(body) and units < pos["character"]:
            units += utf16_len(body[k])
            k += 1
        return start + k
    r = edit["range"]
    a, b = index_of(r["start"]), index_of(r["end"])
    return text[:a] + edit["newText"] + text[b:]


class Client:
    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env)
        self.buf = b""
        self.next_id = 0
        self.diagnostics = {}     # uri -> last params of publishDiagnostics
        self.published = []       # every publishDiagnostics, in order
        self.logs = []

    # ------------------------------------------------------------ sending
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None):
        """Sends a request and returns its response (the whole message)."""
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.wait_response(self.next_id)

    # ----------------------------------------------------------- reading
    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise ServerError("no answer from the server in %.0f s" % TIMEOUT)
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            raise ServerError("no answer from the server in %.0f s" % TIMEOUT)
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise ServerError("the server closed its output (exit status %s)"
                              % self.proc.poll())
        self.buf += chunk

    def read_message(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            self._fill(deadline)
        head, rest = self.buf.split(b"\r\n\r\n", 1)
        fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        n = int(fields[b"Content-Length"])
        while len(rest) < n:
            self._fill(deadline)
            head, rest = self.buf.split(b"\r\n\r\n", 1)
        body, self.buf = rest[:n], rest[n:]
        msg = json.loads(body.decode("utf-8"))
        if msg.get("jsonrpc") != "2.0":
            raise ServerError("not a JSON-RPC 2.0 message: %r" % msg)
        self._note(msg)
        return msg

    def _note(self, msg):
        if msg.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[msg["params"]["uri"]] = msg["params"]
            self.published.append(msg["params"])
        elif msg.get("method") == "window/logMessage":
            self.logs.append(msg["params"])

    def wait_response(self, id):
        while True:
            msg = self.read_message()
            if "method" not in msg:
                if msg.get("id") != id:
                    raise ServerError("answer to %r while waiting for %r: %r"
                                      % (msg.get("id"), id, msg))
                return msg

    def wait_error(self):
        """The next response, which must be an error with id null."""
        while True:
            msg = self.read_message()
            if "method" not in msg:
                return msg

    def wait_diagnostics(self, uri, version=None):
        """Reads until diagnostics of uri (of that version) come."""
        while True:
            msg = self.read_message()
            if msg.get("method") != "textDocument/publishDiagnostics":
                if "method" not in msg:
                    raise ServerError("unexpected response %r" % msg)
                continue
            p = msg["params"]
            if p["uri"] == uri and (version is None or p.get("version") == version):
                return p["diagnostics"]

    def wait_all(self, uris):
        """Reads until diagnostics of every uri have come (in any order)."""
        got = {}
        while set(uris) - set(got):
            msg = self.read_message()
            if msg.get("method") == "textDocument/publishDiagnostics":
                got[msg["params"]["uri"]] = msg["params"]["diagnostics"]
            elif "method" not in msg:
                raise ServerError("unexpected response %r" % msg)
        return got

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise ServerError("the server did not end when its input did")
