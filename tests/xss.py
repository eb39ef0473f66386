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
]

# An opening tag, quoted attribute values may hold ">".
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "data", "srcdoc", "background"}
)
_ACTIVE_TAGS = ("<script", "<iframe", "<object", "<embed", "<style")
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# Browsers drop these from a URL before looking at its scheme.
_IGNORED_IN_URLS = re.compile(r"[\s\x00-\x1f\x7f]+")


def assert_no_active_content(html_text: str) -> None:
    """Fail when the HTML could run code: an active tag, an event handler on a tag, or a
    script URL in an attribute. Escaped text (`&lt;script&gt;`) is fine: it is only shown."""
    lowered = html_text.lower()
    for active_tag in _ACTIVE_TAGS:
        position = lowered.find(active_tag)
        assert position == -1, f"{active_tag} in: {html_text[position : position + 80]!r}"
    for tag in _TAG.finditer(html_text):
        snippet = tag.group()
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            assert not name.startswith("on"), f"event handler in tag: {snippet!r}"
            if name in _URL_ATTRIBUTES and attribute.group(2):
                value = html.unescape(attribute.group(2).strip("\"'"))
                value = _IGNORED_IN_URLS.sub("", value).lower()
                assert not any(scheme in value for scheme in _DANGEROUS_SCHEMES), (
                    f"script URL in tag: {snippet!r}"
                )
