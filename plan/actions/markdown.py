"""Markdown written by people (comments, fields of a fiche action), rendered safely.

Two locks, so that a mistake in one is caught by the other: markdown-it never passes raw
HTML through (it is shown as text), and nh3 then keeps only a short list of tags and
attributes, and links only to http, https and mailto.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "del",
        "s",
        "ul",
        "ol",
        "li",
        "a",
        "code",
        "pre",
        "blockquote",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
    }
)
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"})}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# The page has its own h1 and h2; a heading written by someone starts below them.
HEADING_SHIFT = 2
DEEPEST_HEADING = 6

_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")

# Tags after which the plain text needs a space, so that "<p>a</p><p>b</p>" reads "a b".
_BLOCK_TAGS = ALLOWED_TAGS - {"strong", "em", "del", "s", "a", "code"}


def _shift_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1:])
            token.tag = f"h{min(level + HEADING_SHIFT, DEEPEST_HEADING)}"


def _plain_text(tokens: list[Token]) -> str:
    pieces = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            pieces.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif token.children:
            pieces.append(_plain_text(token.children))
    return "".join(pieces)


def _images_to_alt_text(state: StateCore) -> None:
    """Pictures are not shown (they could track readers, or be anything); their alt text is."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        token.children = [
            Token("text", "", 0, content=_plain_text(child.children or []))
            if child.type == "image"
            else child
            for child in token.children
        ]


def _is_allowed_link(url: str) -> bool:
    """Refused links stay as the Markdown that was typed, rather than becoming dead anchors."""
    scheme = _URL_SCHEME.match(url.strip())
    return scheme is None or scheme.group(1).lower() in ALLOWED_URL_SCHEMES


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True})
    parser.enable(["table", "strikethrough"])
    parser.validateLink = _is_allowed_link
    parser.core.ruler.push("shift_headings", _shift_headings)
    parser.core.ruler.push("images_to_alt_text", _images_to_alt_text)
    return parser


_parser = _build_parser()
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def render_markdown(text: str) -> Markup:
    """HTML safe to put in a page, from Markdown typed by anyone."""
    if not text or not text.strip():
        return Markup("")
    return Markup(_sanitised_html(text))  # noqa: S704 - nh3 sanitised it


@functools.lru_cache(maxsize=4096)
def _sanitised_html(text: str) -> str:
    """The same text always gives the same HTML: a page of 50 comments, read again and
    again, parses and cleans each only once per worker (a few MB at most)."""
    return _cleaner.clean(_parser.render(text)).strip()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.pieces.append(" ")

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)


def markdown_to_text(text: str) -> str:
    """What a reader sees of the Markdown, as one line of plain text (search, CSV exports)."""
    collector = _TextCollector()
    collector.feed(str(render_markdown(text)))
    collector.close()
    return " ".join("".join(collector.pieces).split())
