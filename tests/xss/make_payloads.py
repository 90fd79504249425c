#!/usr/bin/env python3
"""Writes fixtures/xss/payloads.txt: the script-injection payloads of the
HTML sanitizer's sweep (tests/e2e/xss_sweep.sh), one a line.

The list is built from the ways markup runs code that browsers have been
shown to accept: elements that run or embed (script, iframe, object,
svg, math...), event handler attributes of every kind, URLs with a scheme
that runs code (javascript:, vbscript:, data:), and what hides them from a
filter: case, entity and percent encodings, whitespace and control
characters inside names, broken and misnested markup that a browser parses
differently from a naive filter (raw-text and RCDATA elements, comments,
foreign content), plus the Markdown and GitBook forms of links, images and
liquid tags. Every payload's script is CODE below: when it runs, it marks
the document, so the sweep sees it whatever it did to get there.

    make_payloads.py OUT
"""
import itertools
import sys

# What a payload runs: it marks the root element; no quote, so it fits
# every attribute context.
CODE = "document.documentElement.dataset.pwned=1"

TAGS_WITH_SRC = ["img", "image", "video", "audio", "source", "input", "iframe",
                 "embed", "script", "track", "frame", "object"]
EVENTS = ["onerror", "onload", "onfocus", "onmouseover", "onpointerenter",
          "onanimationstart", "onanimationend", "ontoggle", "onbegin",
          "onpageshow", "onscroll", "onbeforeprint", "onfocusin", "onstart",
          "onauxclick", "oncontentvisibilityautostatechange", "onwheel",
          "onloadstart", "oncanplay", "onsubmit", "oninput", "onchange",
          "onclick", "onmouseenter", "onresize", "onunload", "onhashchange",
          "onmessage", "onpopstate", "onselect", "ontransitionend"]
ELEMENTS = ["a", "b", "div", "span", "p", "img", "svg", "body", "details",
            "video", "audio", "input", "select", "textarea", "marquee",
            "iframe", "form", "button", "math", "table", "td", "style",
            "object", "embed", "keygen", "isindex", "x", "custom-tag"]
SCHEMES = ["javascript:", "JaVaScRiPt:", "javascript&colon;", "&#106;avascript:",
           "&#x6A;avascript:", "&#0000106;avascript:", "java&#x09;script:",
           "java&#x0A;script:", "java&#x0D;script:", "java\tscript:",
           " javascript:", "&#x20;javascript:", "\x01javascript:",
           "javascript&#58;", "javascript&#x3a;", "jav&#x61;script:",
           "%6Aavascript:", "vbscript:", "VBScript:", "livescript:"]
URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href",
             "poster", "background", "srcdoc", "cite", "ping", "codebase",
             "dynsrc", "lowsrc"]
URL_ELEMENTS = ["a", "img", "iframe", "form", "button", "object", "embed",
                "video", "body", "table", "svg a", "math", "area", "base",
                "link", "frame", "input"]
QUOTES = ['"{}"', "'{}'", "{}", "`{}`"]
SEPARATORS = [" ", "/", "\t", "\n", "\x0c", "/**/", " / "]


def b64(s):
    import base64
    return base64.b64encode(s.encode()).decode()


def handlers():
    for tag, event in itertools.product(ELEMENTS, EVENTS):
        yield f"<{tag} {event}={CODE}>x</{tag}>"
        yield f"<{tag.upper()}\t{event.upper()}=\"{CODE}\">x</{tag.upper()}>"
    for event, quote in itertools.product(EVENTS, QUOTES):
        yield f"<img src=x {event}={quote.format(CODE)}>"
    for tag in TAGS_WITH_SRC:
        for sep, quote in itertools.product(SEPARATORS, QUOTES):
            yield f"<{tag}{sep}src=x{sep}onerror={quote.format(CODE)}>"
        yield f"<{tag.upper()} SRC=x OnErRoR={CODE}>"
        yield f"<{tag} src=x onerror=&#x{CODE.encode().hex()}>"
        yield f"<{tag} src=x onerror=\"&#{';&#'.join(str(ord(c)) for c in CODE)};\">"
    for event in EVENTS:
        yield f"<svg {event}={CODE}>"
        yield f"<svg><g {event}={CODE}></g></svg>"
        yield f"<details open {event}={CODE}>"
        yield f"<input autofocus {event}={CODE}>"
        yield f"<div style=\"animation-name:x\" {event}={CODE}></div>"
        yield f"<x contenteditable {event}={CODE}>x</x>"


def urls():
    for scheme, attr, el in itertools.product(SCHEMES, URL_ATTRS, URL_ELEMENTS):
        yield f"<{el} {attr}=\"{scheme}{CODE}\">x</{el.split()[-1]}>"
    for scheme in SCHEMES:
        yield f"[link]({scheme}{CODE})"
        yield f"![image]({scheme}{CODE})"
        yield f"<{scheme}{CODE}>"
        yield f"[ref][r]\n\n[r]: {scheme}{CODE}"
        yield f"[link](<{scheme}{CODE}>)"
        yield f"{{% embed url=\"{scheme}{CODE}\" %}}"
        yield f"{{% content-ref url=\"{scheme}{CODE}\" %}}\n[x]({scheme}{CODE})\n{{% endcontent-ref %}}"
        yield f"{{% file src=\"{scheme}{CODE}\" %}}"
        yield f"<meta http-equiv=\"refresh\" content=\"0;url={scheme}{CODE}\">"
        yield f"<svg><a xlink:href=\"{scheme}{CODE}\"><text>x</text></a></svg>"
        yield f"<svg><animate attributeName=href to=\"{scheme}{CODE}\"/></svg>"
        yield f"<svg><set attributeName=href to=\"{scheme}{CODE}\"/></svg>"
        yield f"<math><maction actiontype=statusline xlink:href=\"{scheme}{CODE}\">x</maction></math>"
    html = f"<script>{CODE}</script>"
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="' + CODE + '"/>'
    for data in (f"data:text/html;base64,{b64(html)}", f"data:text/html,{html}",
                 f"data:image/svg+xml;base64,{b64(svg)}",
                 f"data:application/xhtml+xml,{html}", f"DATA:text/html,{html}"):
        for el, attr in (("iframe", "src"), ("object", "data"), ("embed", "src"),
                         ("a", "href"), ("img", "src"), ("iframe", "srcdoc"),
                         ("form", "action"), ("base", "href")):
            yield f"<{el} {attr}=\"{data}\">x</{el}>"
        yield f"[link]({data})"
        yield f"![image]({data})"


def elements():
    bodies = [CODE, f"eval(atob('{b64(CODE)}'))", f"setTimeout(function(){{{CODE}}})",
              f"[].constructor.constructor(atob('{b64(CODE)}'))()",
              f"window['ev'+'al'](atob('{b64(CODE)}'))"]
    for body in bodies:
        yield f"<script>{body}</script>"
        yield f"<SCRIPT>{body}</SCRIPT>"
        yield f"<script type=module>{body}</script>"
        yield f"<script >{body}</script >"
        yield f"<scr<script>ipt>{body}</script>"
        yield f"<script\x0c>{body}</script>"
        yield f"<svg><script>{body}</script></svg>"
        yield f"<svg><script href=data:,{body} /></svg>"
        yield f"<math><script>{body}</script></math>"
        yield f"<iframe srcdoc=\"&lt;script&gt;{body}&lt;/script&gt;\"></iframe>"
        yield f"<img src=x onerror=\"{body}\">"
        yield f"<body onload=\"{body}\">"
        yield f"<object data=\"javascript:{body}\"></object>"
    for tag in ("iframe", "frameset", "frame", "object", "embed", "applet", "base",
                "link rel=import href=x", "portal src=x", "template", "slot",
                "noembed", "noframes", "plaintext", "xmp", "listing", "dialog open"):
        yield f"<{tag}><img src=x onerror={CODE}>"


def mutations():
    """Markup a naive filter and the browser parse differently."""
    img = f"<img src=x onerror={CODE}>"
    for raw in ("style", "textarea", "title", "noscript", "xmp", "iframe",
                "noembed", "noframes", "template", "select", "option", "script"):
        yield f"<{raw}><p title=\"</{raw}>{img}\">"
        yield f"<{raw}>&lt;/{raw}&gt;{img}</{raw}>"
        yield f"<svg><{raw}>{img}</{raw}></svg>"
        yield f"<math><mtext><table><mglyph><{raw}>{img}"
        yield f"<svg></p><{raw}><a id=\"</{raw}>{img}\">"
    for comment in ("<!--", "<!-- -->", "<!--!>", "--!>", "<!-->", "<![CDATA[",
                    "<?", "<!x", "</x ", "<!---->", "<!--->"):
        yield f"{comment}{img}-->"
        yield f"<a title=\"{comment}\">{img}"
    for wrap in ("svg", "math", "table", "select", "form", "noscript", "details"):
        yield f"<{wrap}><p><style><img src=x onerror={CODE}></style></p></{wrap}>"
        yield f"<{wrap}>{img}</{wrap}>"
    yield f"<a href=\"x\" title=\"\" onmouseover={CODE} x=\"\">x</a>"
    yield f"<a href=x title='a' onmouseover='{CODE}'>x</a>"
    yield f"<img src=\"x\"onerror=\"{CODE}\">"
    yield f"<img src=x\x00onerror={CODE}>"
    yield f"<img/src/onerror={CODE}>"
    yield f"<img src=`x`onerror={CODE}>"
    yield f"<img src=x onerror\x0b={CODE}>"
    yield f"<<img src=x onerror={CODE}>>"
    yield f"<img src=x onerror={CODE}//"
    yield f"<img src=x onerror={CODE}"


def markdown():
    for quote in ('"', "'", ")", "\\\""):
        yield f"[x](http://a.example {quote} onmouseover={CODE} x={quote})"
        yield f"![x](http://a.example/i.png {quote} onerror={CODE} x={quote})"
    yield f"[x](http://a.example \"a\\\" onmouseover=\\\"{CODE}\")"
    yield f"{{% hint style=\"info\\\" onmouseover=\\\"{CODE}\" %}}\nx\n{{% endhint %}}"
    yield f"{{% hint style=\"{CODE}\" %}}\nx\n{{% endhint %}}"
    yield f"{{% tabs %}}\n{{% tab title=\"x\\\" onmouseover=\\\"{CODE}\" %}}\nx\n{{% endtab %}}\n{{% endtabs %}}"
    yield f"{{% code title=\"<img src=x onerror={CODE}>\" %}}\n```\nx\n```\n{{% endcode %}}"
    yield f"`<img src=x onerror={CODE}>`"
    yield f"**<img src=x onerror={CODE}>**"
    yield f"<https://a.example/\"onmouseover=\"{CODE}>"
    yield f"[x](https://a.example/\"onmouseover=\"{CODE})"
    yield f"<figure><img src=\"x\" alt=\"\\\" onerror={CODE}\"><figcaption>x</figcaption></figure>"
    yield f"<table data-view=\"cards\"><thead><tr><th data-card-target>t</th></tr></thead><tbody><tr><td><a href=\"javascript:{CODE}\">x</a></td></tr></tbody></table>"


def escape(p):
    """One payload a line, and no raw control character in the file:
    controls but the tab are written \\u{HH} (the sweep decodes them)."""
    return "".join(f"\\u{{{ord(c):02X}}}" if ord(c) < 0x20 and c != "\t" else c
                   for c in p)


def main():
    seen, out = set(), []
    for source in (handlers, urls, elements, mutations, markdown):
        for p in source():
            p = escape(p)
            if p not in seen:
                seen.add(p)
                out.append(p)
    with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
        f.write("# Script-injection payloads of the HTML sanitizer's sweep, one a\n"
                "# line (\\u{HH} stands for the control character U+00HH, \\u{0A}\n"
                "# for a line break), written by\n"
                "# tests/xss/make_payloads.py: see there for what they are.\n")
        for p in out:
            f.write(p + "\n")
    print(f"{len(out)} payloads", file=sys.stderr)


if __name__ == "__main__":
    main()
