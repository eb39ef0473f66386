"""Markdown typed by people: the usual syntax renders, nothing in it can run."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from plan.actions.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_REL,
    markdown_to_text,
    render_markdown,
)
from tests.xss import XSS_PAYLOADS, assert_no_active_content

REL = f'rel="{LINK_REL}"'


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _value in attrs]))


def assert_only_allowed_markup(html: str) -> None:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    for tag, attributes in collector.tags:
        assert tag in ALLOWED_TAGS, html
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attributes) <= allowed, html


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \n"])
def test_empty_text_renders_nothing(text: str) -> None:
    assert render_markdown(text) == Markup("")
    assert markdown_to_text(text) == ""


def test_result_is_markup_that_templates_do_not_escape_again() -> None:
    result = render_markdown("a & b")
    assert isinstance(result, Markup)
    assert result == Markup("<p>a &amp; b</p>")


def test_emphasis_strong_and_strikethrough() -> None:
    html = render_markdown("*souple* **fort** ~~abandonné~~")
    assert html == Markup("<p><em>souple</em> <strong>fort</strong> <s>abandonné</s></p>")


def test_lists() -> None:
    html = render_markdown("- haies\n- mares\n\n1. diagnostic\n2. travaux")
    assert "<ul>\n<li>haies</li>\n<li>mares</li>\n</ul>" in html
    assert "<ol>\n<li>diagnostic</li>\n<li>travaux</li>\n</ol>" in html


def test_link_keeps_href_and_title_and_gets_rel() -> None:
    html = render_markdown('[le site](https://example.org/plan "Le plan")')
    assert html == f'<p><a href="https://example.org/plan" title="Le plan" {REL}>le site</a></p>'


def test_autolink_and_mail_link() -> None:
    html = render_markdown("<https://example.org> [écrire](mailto:contact@example.org)")
    assert f'<a href="https://example.org" {REL}>https://example.org</a>' in html
    assert f'<a href="mailto:contact@example.org" {REL}>écrire</a>' in html


def test_link_within_the_site_is_kept() -> None:
    html = render_markdown("[fiche 3](/plans/vallee/actions/3)")
    assert f'<a href="/plans/vallee/actions/3" {REL}>fiche 3</a>' in html


@pytest.mark.parametrize(
    "link", ["[f](ftp://example.org/x)", "[f](file:///etc/passwd)", "<ftp://example.org>"]
)
def test_link_with_another_scheme_stays_as_typed(link: str) -> None:
    html = render_markdown(link)
    assert "<a" not in html
    assert "example.org" in html or "passwd" in html


def test_inline_code_and_code_block_are_escaped_without_class() -> None:
    html = render_markdown("`a < b`\n\n```python\nif a < b:\n    pass\n```")
    assert "<code>a &lt; b</code>" in html
    assert "<pre><code>if a &lt; b:\n    pass\n</code></pre>" in html
    assert "class=" not in html


def test_table_without_alignment_styles() -> None:
    html = render_markdown("| Année | Budget |\n|:--|--:|\n| 2025 | 10 k€ |")
    assert "<table>\n<thead>\n<tr>\n<th>Année</th>\n<th>Budget</th>" in html
    assert "<tbody>\n<tr>\n<td>2025</td>\n<td>10 k€</td>" in html
    assert "style" not in html


@pytest.mark.parametrize(
    ("markdown", "tag"),
    [
        ("# Titre", "h3"),
        ("## Titre", "h4"),
        ("### Titre", "h5"),
        ("#### Titre", "h6"),
        ("##### Titre", "h6"),
        ("###### Titre", "h6"),
        ("Titre\n=====", "h3"),
        ("Titre\n-----", "h4"),
    ],
)
def test_headings_are_shifted_below_the_page_headings(markdown: str, tag: str) -> None:
    assert render_markdown(markdown) == f"<{tag}>Titre</{tag}>"


def test_line_breaks_quotes_and_rules() -> None:
    html = render_markdown("première ligne\nseconde ligne\n\n> cité\n\n---")
    assert "<p>première ligne<br>\nseconde ligne</p>" in html
    assert "<blockquote>\n<p>cité</p>\n</blockquote>" in html
    assert "<hr>" in html


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown('<b>gras</b> <span class="x">texte</span>')
    assert html == Markup('<p>&lt;b&gt;gras&lt;/b&gt; &lt;span class="x"&gt;texte&lt;/span&gt;</p>')


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("![Carte du territoire](https://example.org/carte.png)", "<p>Carte du territoire</p>"),
        ("![une *belle* carte](carte.png)", "<p>une belle carte</p>"),
        ("![](https://example.org/pixel.gif)", ""),
        ('[![logo](logo.png)](https://example.org "t")', f'title="t" {REL}>logo</a>'),
    ],
)
def test_images_are_not_shown_only_their_alt_text(markdown: str, shown: str) -> None:
    html = render_markdown(markdown)
    assert "<img" not in html
    assert shown in html


def test_rich_document_uses_only_allowed_tags_and_attributes() -> None:
    document = (
        "# Fiche\n\n*a* **b** ~~c~~ `d` [e](https://example.org 'f') ![g](h.png)\n\n"
        "- i\n\n1. j\n\n> k\n\n---\n\n```\nl\n```\n\n| m | n |\n|:-:|--:|\n| o | p |"
    )
    assert_only_allowed_markup(str(render_markdown(document)))


def test_corpus_has_enough_payloads() -> None:
    assert len(XSS_PAYLOADS) >= 30
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_without_active_content(payload: str) -> None:
    html = str(render_markdown(payload))
    assert_no_active_content(html)
    assert_only_allowed_markup(html)


@pytest.mark.parametrize("payload", [p for p in XSS_PAYLOADS if "<script" in p.lower()])
def test_typed_script_tag_is_shown_escaped(payload: str) -> None:
    html = str(render_markdown(payload)).lower()
    assert "&lt;script" in html
    assert "<script" in markdown_to_text(payload).lower()


@pytest.mark.parametrize("payload", ["{{7*7}}", "{% raw %}{{ config }}{% endraw %}"])
def test_template_syntax_stays_literal(payload: str) -> None:
    assert markdown_to_text(payload) == payload


# Pieces that, put together at random, make half-formed HTML, links and entities.
_TRICKY_PIECES = [
    "<",
    ">",
    '"',
    "'",
    "`",
    "&",
    "#",
    ";",
    "(",
    ")",
    "[",
    "]",
    "!",
    " ",
    "\n",
    "\t",
    "/",
    "=",
    ":",
    "a",
    "script",
    "javascript:",
    "data:",
    "&#106;",
    "&#x09;",
    "img",
    " src=x",
    " onerror=",
    "alert(1)",
    "<script>",
    "](",
    "http://x",
    "svg",
    "iframe",
    "<!--",
    "-->",
]


@settings(deadline=None)
@given(st.lists(st.sampled_from(_TRICKY_PIECES), max_size=30).map("".join))
def test_any_mix_of_tricky_pieces_renders_without_active_content(text: str) -> None:
    html = str(render_markdown(text))
    assert_no_active_content(html)
    assert_only_allowed_markup(html)


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**Bonjour** *le* monde", "Bonjour le monde"),
        ("premier\n\nsecond", "premier second"),
        ("ligne\nsuivante", "ligne suivante"),
        ("# Titre\ncorps", "Titre corps"),
        ("- un\n- deux", "un deux"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a b 1 2"),
        ("[le site](https://example.org)", "le site"),
        ("![la carte](carte.png)", "la carte"),
        ("a & b < c", "a & b < c"),
        ("l&apos;été &eacute;tait &#x2600;", "l'été était \u2600"),
        ("`<b>` et <i>", "<b> et <i>"),
        ("habitant·es   de  l'EPCI", "habitant·es de l'EPCI"),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text
