"""The plan document as standalone HTML, PDF and Markdown: content, table of contents,
French formats, no active content from user text, determinism, and a 300-action plan."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_babel import force_locale
from markdown_it import MarkdownIt

from plan.formatting import euros_filter
from plan.versions.render import Document, render
from plan.versions.render.markdown import Slugger, escape, user_markdown
from plan.versions.snapshot import sha256_of
from tests.xss import XSS_PAYLOADS, assert_no_active_content

FIXTURE = Path(__file__).parent / "fixtures" / "snapshot-demo.json"
CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "document.css"

# Text that tries to break the document's structure rather than run code.
STRUCTURE_PAYLOADS = [
    "# Titre injecté",
    "Titre injecté\n===",
    "Sous-titre injecté\n---",
    "```\nbloc de code jamais fermé",
    "~~~~\nautre bloc jamais fermé",
    "| a | b |\n| --- | --- |\n| c | d |",
    "</td></tr></table></section></article>",
    "<!-- commentaire ouvert",
    "- liste\n1. numérotée\n> citation",
    "\\",
    "texte avec \\[crochets\\] et \\<chevrons\\>",
]
PAYLOADS = XSS_PAYLOADS + STRUCTURE_PAYLOADS


# --------------------------------------------------------------------------- helpers


def load_snapshot() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def document_of(snapshot: dict[str, Any], number: int = 2) -> Document:
    return Document(
        snapshot=snapshot,
        number=number,
        status="validated",
        status_label="Validée",
        date="2021-06-20",
        sha256=sha256_of(snapshot),
    )


def needs_pdftotext() -> str:
    """pdftotext's path; in CI (CI set) its absence is a failure, locally a skip."""
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return path


def pdf_text(data: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        [needs_pdftotext(), "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text without any whitespace: lines wrapped by the layout join up again."""
    return "".join(text.split())


def one_line(text: str) -> str:
    """Runs of ASCII white space as one space (no-break spaces are kept: they are content)."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


class Page(HTMLParser):
    """What the tests look at in an HTML file: tags, ids, links, headings, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.title = ""
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.starts.append((tag, values))
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), one_line("".join(self._heading))))
            self._heading = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._in_title:
            self.title += data

    @property
    def text(self) -> str:
        return one_line(" ".join(self.text_parts))

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.starts if tag == name]


def markdown_headings(text: str) -> list[tuple[int, str]]:
    """Headings of a Markdown text as a reader sees them (level, plain text)."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    headings = []
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            words = "".join(
                child.content
                for child in inline.children or []
                if child.type in ("text", "code_inline")
            )
            headings.append((int(opening.tag[1]), words))
    return headings


def permissive_markdown_html(text: str) -> str:
    """HTML from Markdown as the least careful viewer would make it: raw HTML on, any link."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True
    return parser.render(text)


def body_of(html_text: str) -> str:
    """The HTML after the head, whose one <style> is the document's own stylesheet."""
    head, body = html_text.split("</head>", 1)
    assert head.count("<style>") == 1
    assert CSS.read_text(encoding="utf-8").strip() in head
    return body


def payload_snapshot() -> dict[str, Any]:
    """The demo with every payload in every kind of field a person can fill in."""
    snapshot = load_snapshot()
    template = snapshot["actions"][2]  # 2.3, a majority judgment with a merit profile
    actions = []
    for index, payload in enumerate(PAYLOADS, start=1):
        action = copy.deepcopy(template)
        action["challenge"] = (index % 3) + 1
        action["reference"] = f"{action['challenge']}.{100 + index}"
        action["title"] = payload
        fiche = action["fiche"]
        for field in ("context", "objectives_text", "description", "expected_results"):
            fiche[field] = payload
        fiche["lead_organization"] = payload
        fiche["lead_contact"] = payload
        fiche["target_audiences"] = payload
        fiche["partners"] = [{"organization": payload, "role": "technical", "role_label": payload}]
        fiche["zones"] = [payload]
        fiche["objectives"] = [payload]
        fiche["budget_lines"] = [
            {"year": 2021, "kind": payload, "kind_label": payload, "amount_cents": 150}
        ]
        fiche["funding_lines"] = [
            {
                "funder": payload,
                "nature": "subsidy",
                "nature_label": payload,
                "status": "secured",
                "status_label": payload,
                "amount_cents": 150,
            }
        ]
        fiche["indicators"] = [
            {
                "name": payload,
                "unit": payload,
                "kind": "output",
                "kind_label": payload,
                "baseline": payload,
                "target": "12",
            }
        ]
        result = action["result"]
        result["ballot_title"] = payload
        result["sentence"] = payload
        result["majority_grade"] = payload
        result["majority_grade_label"] = payload
        result["profile"] = {**result["profile"], payload: "1/7"}
        result["colleges"][0]["college"] = payload
        result["colleges"][0]["majority_grade"] = payload
        actions.append(action)
    snapshot["actions"] = actions
    snapshot["annex"] = copy.deepcopy(actions[:3])
    for number, action in enumerate(snapshot["annex"], start=1):
        action["reference"] = f"9.{number}"

    joined = "\n\n".join(PAYLOADS)
    snapshot["plan"].update(
        title="<script>alert(1)</script> Plan « piégé » & <b>gras</b>",
        territory_name=PAYLOADS[8],
        summary=joined,
        lead_organization=PAYLOADS[0],
    )
    snapshot["introduction"] = joined
    snapshot["changelog"] = joined
    for challenge, payload in zip(snapshot["challenges"], PAYLOADS, strict=False):
        challenge["title"] = payload
        challenge["description"] = joined
        for objective in challenge["objectives"]:
            objective["title"] = payload
            objective["description"] = payload
            for indicator in objective["indicators"]:
                indicator.update(name=payload, unit=payload, source=payload)
    snapshot["zones"] = [
        {"name": payload, "kind": "internal", "kind_label": payload, "rationale": payload}
        for payload in PAYLOADS[:5]
    ]
    snapshot["zones_actions"] = [
        {"zone": payload, "actions": [actions[0]["reference"], payload]} for payload in PAYLOADS[:5]
    ]
    for college, payload in zip(snapshot["participation"]["colleges"], PAYLOADS, strict=False):
        college["college"] = payload
    snapshot["participation"]["workshops"] = [
        {"title": payload, "date": "2021-03-12", "attendance": 12} for payload in PAYLOADS[:3]
    ]
    snapshot["funding"]["funding_by_nature_status"][0]["nature_label"] = PAYLOADS[0]
    snapshot["companies"] = {
        "commitments": [
            {
                "organization": payload,
                "organization_kind": "company",
                "size_class": "pme",
                "size_class_label": payload,
                "kind": "csr",
                "kind_label": payload,
                "action": actions[0]["reference"],
                "description": payload,
                "valuation_cents": 100000,
            }
            for payload in PAYLOADS[:4]
        ],
        "by_size_and_kind": [
            {
                "size_class": "pme",
                "size_class_label": PAYLOADS[1],
                "kind": "csr",
                "kind_label": PAYLOADS[2],
                "organizations": 4,
                "commitments": 4,
                "valuation_cents": 400000,
            }
        ],
        "companies": 4,
        "valuation_cents": 400000,
    }
    for condition, payload in zip(snapshot["label_readiness"], PAYLOADS, strict=False):
        condition["title"] = payload
        condition["holds"] = [payload]
        condition["missing"] = [payload]
    return snapshot


def with_company(snapshot: dict[str, Any]) -> dict[str, Any]:
    snapshot["companies"] = {
        "commitments": [
            {
                "organization": "Scierie du Champsaur",
                "organization_kind": "company",
                "size_class": "pme",
                "size_class_label": "PME (moins de 250 salarié·es)",
                "kind": "skills_sponsorship",
                "kind_label": "Mécénat de compétences",
                "action": "1.2",
                "description": "Deux journées de formation à la découpe",
                "valuation_cents": 240000,
            }
        ],
        "by_size_and_kind": [
            {
                "size_class": "pme",
                "size_class_label": "PME (moins de 250 salarié·es)",
                "kind": "skills_sponsorship",
                "kind_label": "Mécénat de compétences",
                "organizations": 1,
                "commitments": 1,
                "valuation_cents": 240000,
            }
        ],
        "companies": 1,
        "valuation_cents": 240000,
    }
    return snapshot


# --------------------------------------------------------------------------- HTML


def test_html_is_one_standalone_french_file(app: Flask) -> None:
    snapshot = with_company(load_snapshot())
    document = document_of(snapshot)
    html_text = render(document, "html").decode("utf-8")
    page = Page(html_text)

    assert html_text.startswith("<!doctype html>")
    assert page.tags("html") == [{"lang": "fr"}]
    assert {"charset": "utf-8"} in page.tags("meta")
    assert page.title == "Hautes-Alpes — Territoire French Impact — Version 2"
    assert len(page.tags("article")) == 1
    # One file: the stylesheet inlined, nothing to fetch, nothing to run.
    assert not page.tags("script")
    assert not page.tags("link")
    assert not page.tags("img")
    assert "url(" not in html_text
    assert "@import" not in html_text
    for tag, attrs in page.starts:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        if href is not None and not href.startswith("#"):
            assert href.startswith(("http://", "https://", "mailto:")), href
            assert href in json.dumps(snapshot, ensure_ascii=False), href  # from user text

    # Cover: title, territory, horizon, « Version N — statut — date », short hash.
    assert page.headings[0] == (1, "Hautes-Alpes — Territoire French Impact")
    cover = page.text[: page.text.index("Sommaire")]
    assert "Hautes-Alpes (Département) · Horizon 2020–2023" in cover
    assert "Version 2 — Validée — 20 juin 2021" in cover
    assert document.short_hash in cover

    # Every adopted action, by challenge then reference, with its fiche and its result.
    action_headings = [text for level, text in page.headings if level == 3]
    references = [f"{a['reference']} {a['title']}" for a in snapshot["actions"]]
    positions = [action_headings.index(r) for r in references]
    assert positions == sorted(positions)
    for action in snapshot["actions"]:
        assert action["result"]["sentence"] in page.text
    assert "Porter à 30 % la part des produits locaux" in page.text
    for annexed in snapshot["annex"]:
        assert f"{annexed['reference']} {annexed['title']}" in action_headings
    # Sections of the document, in order.
    sections = [text for level, text in page.headings if level == 2]
    expected = [
        "Sommaire",
        "Introduction",
        "Les défis du plan",
        "Territoires prioritaires",
        "Actions adoptées — Défi 1 : Circuits courts et agriculture de montagne",
        "Actions adoptées — Défi 2 : Inclusion par le travail et mobilité dans les vallées",
        "Actions adoptées — Défi 3 : Bien vieillir et rompre l'isolement",
        "Annexe : actions à retravailler",
        "Participation",
        "Financement du plan",
        "Entreprises engagées",
        "Préparation au label French Impact",
        "Historique des modifications",
        "Colophon",
    ]
    assert sections == expected

    # Headings nest without skipping a level; tables are captioned, headers scoped.
    levels = [level for level, _text in page.headings]
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)
    assert html_text.count("<table") == html_text.count("<caption>") > 10
    assert len(re.findall(r"<table[^>]*>\s*<caption>", html_text)) == html_text.count("<table")
    assert all(attrs.get("scope") in ("col", "row") for attrs in page.tags("th"))

    # Every link of the table of contents (and every other anchor) leads somewhere.
    assert len(page.ids) == len(set(page.ids))
    anchors = [str(a["href"]) for a in page.tags("a") if str(a.get("href", "")).startswith("#")]
    assert {a[1:] for a in anchors} <= set(page.ids)
    toc = html_text[html_text.index('<nav class="doc-toc"') : html_text.index("</nav>")]
    toc_links = re.findall(r'href="#([^"]+)"', toc)
    for action in snapshot["actions"] + snapshot["annex"]:
        assert any(
            re.search(rf'href="#{link}">{re.escape(action["reference"])} ', toc)
            for link in toc_links
        )
    for section in ("introduction", "defis", "territoires", "annexe", "label", "colophon"):
        assert section in toc_links

    # The colophon prints the full hash.
    colophon = html_text[html_text.index('id="colophon"') :]
    assert document.sha256 in colophon

    # Figures in French: euros, percentages, dates.
    with force_locale("fr"):
        assert euros_filter(110000) in page.text  # budget of 1.2
        assert euros_filter(694000) in page.text  # budget of the plan
    assert "110\u202f000\xa0€" in page.text
    assert "6,2\xa0%" in page.text  # share of « Excellent » for 2.3 (13/210)
    assert "clos le 17 mai 2021" in page.text
    # Companies by size class and type of commitment; label readiness.
    assert "Mécénat de compétences" in page.text
    assert "PME (moins de 250 salarié·es)" in page.text
    assert "2\u202f400\xa0€" in page.text
    assert page.text.count("Condition remplie") == 4
    assert page.text.count("Condition non remplie") == 1
    # Markdown became HTML, made safe.
    assert "Introduction <strong>éditoriale</strong> du plan." in html_text


def test_html_stays_french_for_an_english_reader(app: Flask) -> None:
    document = document_of(load_snapshot())
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html_text = render(document, "html").decode("utf-8")
    assert "Sommaire" in html_text
    assert "110\u202f000\xa0€" in html_text
    assert "€110,000" not in html_text
    # The status is French even when the version's label was written in English.
    english = dataclasses.replace(document, status_label="Validated")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "Version 2 — Validée — 20 juin 2021" in render(english, "html").decode()


def test_markdown_headings_stay_below_the_document_s_own(app: Flask) -> None:
    snapshot = load_snapshot()
    snapshot["introduction"] = "# Un titre\n\ndu texte"
    snapshot["actions"][0]["fiche"]["context"] = "# Un titre de contexte\n\ntexte"
    page = Page(render(document_of(snapshot), "html").decode())
    assert (3, "Un titre") in page.headings  # under the h2 « Introduction »
    assert (5, "Un titre de contexte") in page.headings  # under the h4 « Contexte »


# --------------------------------------------------------------------------- PDF


def test_pdf_has_cover_contents_page_numbers_and_footer(app: Flask) -> None:
    needs_pdftotext()
    snapshot = load_snapshot()
    document = document_of(snapshot)
    data = render(document, "pdf")
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    pages = text.split("\f")
    flat = squeezed(text)

    assert squeezed("Hautes-Alpes — Territoire French Impact") in squeezed(pages[0])
    assert "Version 2 — Validée — 20 juin 2021" in pages[0]
    assert "page 1 /" not in pages[0]  # the cover has no footer
    total = len([p for p in pages if p.strip()])
    assert f"page 2 / {total}" in pages[1]
    assert f"page {total} / {total}" in pages[total - 1]
    # The footer: plan, version, date, short hash on every page after the cover.
    for page in pages[1:total]:
        assert "Version 2" in page, page[-300:]
        assert "20 juin 2021" in page
        assert document.short_hash in page
        assert "Hautes-Alpes — Territoire French Impact" in page
    # Table of contents with page numbers.
    contents = pages[1]
    assert "Sommaire" in contents
    assert re.search(r"Introduction\s*\.{5,}\s*\d+", contents)
    assert re.search(r"2\.3 Auto-école sociale de Gap et du Laragnais\s*\.{5,}\s*\d+", contents)
    numbers = [int(n) for n in re.findall(r"\.{5,}\s*(\d+)\s*$", contents, re.M)]
    assert numbers == sorted(numbers)
    assert numbers[-1] <= total
    # Content.
    assert "Auto-école sociale de Gap et du Laragnais" in text
    sentence = snapshot["actions"][2]["result"]["sentence"]
    assert squeezed(sentence) in flat
    assert squeezed(document.sha256) in flat
    assert "Empreinte SHA-256" in text


def test_pdf_fetches_nothing(app: Flask) -> None:
    from plan.versions.render.pdf import NoNetworkFetcher

    with pytest.raises(ValueError, match="no external resource"):
        NoNetworkFetcher().fetch("https://example.org/x.css")


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_the_content_and_a_working_table_of_contents(app: Flask) -> None:
    snapshot = load_snapshot()
    document = document_of(snapshot)
    text = render(document, "md").decode("utf-8")

    assert text.startswith("# Hautes-Alpes — Territoire French Impact\n")
    assert "**Version 2 — Validée — 20 juin 2021** · Empreinte `" + document.short_hash in text
    assert "## Sommaire" in text
    assert document.sha256 in text
    headings = markdown_headings(text)
    for action in snapshot["actions"] + snapshot["annex"]:
        assert (3, f"{action['reference']} {action['title']}") in headings
        assert action["result"]["sentence"] in text
    assert "| Fonctionnement | 18\u202f000\xa0€ | 32\u202f000\xa0€ |" in text
    assert "| Excellent | 6,2\xa0% |" in text
    assert "Introduction **éditoriale** du plan." in text

    # Each link of the contents points at a heading's anchor (GitHub's way of naming them).
    slug = Slugger()
    anchors = {slug(words) for _level, words in headings}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) > 15
    assert set(links) <= anchors
    # Tables are pipe tables with a separator row.
    assert "| Collège | Poids | Membres | Votant·es |\n| --- | ---: | ---: | ---: |" in text


def test_markdown_escapes_plain_text_and_neutralises_user_markdown(app: Flask) -> None:
    assert escape("1. <b>a</b> | b # c * _d_ [e](f) & g\nh") == (
        r"1. \<b\>a\</b\> \| b \# c \* \_d\_ \[e\](f) \& g h"
    )
    assert escape("1. début", line_start=True) == r"1\. début"
    assert escape("- tiret", line_start=True) == r"\- tiret"
    assert user_markdown("# Titre\n\ntexte", 3) == "### Titre\n\ntexte"
    assert user_markdown("Titre\n===\n\ntexte", 5) == "##### Titre\n\n\ntexte"
    assert user_markdown("#### Profond", 5) == "###### Profond"
    assert user_markdown("<script>alert(1)</script>", 3) == "&lt;script>alert(1)&lt;/script>"
    assert user_markdown("```\n<b>code</b>", 3) == "```\n<b>code</b>\n```"
    assert user_markdown("```\ncode\n\n", 3) == "```\ncode\n```"
    assert user_markdown("~~~~\ncode\n~~~~~", 3) == "~~~~\ncode\n~~~~~"
    assert user_markdown("- ```\n  code", 3) == "- ```\n  code"  # closed by the list's end
    assert user_markdown("[a](javascript:alert(1))", 3) == "&#91;a&#93;(javascript:alert(1))"
    assert user_markdown("[a](https://example.org)", 3) == "[a](https://example.org)"
    assert user_markdown("![x](https://example.org/x.png)", 3) == (
        "!&#91;x&#93;(https://example.org/x.png)"
    )


# --------------------------------------------------------------------------- injection


def test_payloads_render_as_text_in_html(app: Flask) -> None:
    snapshot = payload_snapshot()
    html_text = render(document_of(snapshot), "html").decode("utf-8")
    assert_no_active_content(body_of(html_text))
    page = Page(html_text)
    # The structure holds: one article, one h1, every action where it belongs.
    assert html_text.count("<article") == 1
    assert html_text.count("</article>") == 1
    assert [level for level, _text in page.headings].count(1) == 1
    action_titles = [t for level, t in page.headings if level == 3]
    for action in snapshot["actions"]:
        assert f"{action['reference']} {one_line(action['title'])}" in action_titles
    assert len(page.ids) == len(set(page.ids))
    anchors = {str(a["href"])[1:] for a in page.tags("a") if str(a.get("href", "")).startswith("#")}
    assert anchors <= set(page.ids)
    for _tag, attrs in page.starts:
        href = attrs.get("href")
        if href and not href.startswith("#"):
            assert href.startswith(("http://", "https://", "mailto:")), href
    assert "<script>alert(1)</script> Plan « piégé » & <b>gras</b>" in page.title


def test_payloads_render_as_text_in_markdown(app: Flask) -> None:
    snapshot = payload_snapshot()
    text = render(document_of(snapshot), "md").decode("utf-8")
    assert_no_active_content(permissive_markdown_html(text))
    headings = markdown_headings(text)
    assert [level for level, _words in headings].count(1) == 1
    top = [words for level, words in headings if level == 2]
    assert top[0] == "Sommaire"
    assert top[-1] == "Colophon"
    assert len(top) == 12 + len(snapshot["challenges"])
    for action in snapshot["actions"]:
        assert (3, f"{action['reference']} {one_line(action['title'])}") in headings
    slug = Slugger()
    anchors = {slug(words) for _level, words in headings}
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) <= anchors


def test_payloads_are_literal_text_in_pdf(app: Flask) -> None:
    needs_pdftotext()
    snapshot = payload_snapshot()
    flat = squeezed(pdf_text(render(document_of(snapshot), "pdf")))
    for payload in PAYLOADS:  # each one is an action's title, printed as it was typed
        assert squeezed(payload) in flat, payload
    assert squeezed("<script>alert(1)</script> Plan « piégé » & <b>gras</b>") in flat


# --------------------------------------------------------------------------- determinism


def test_rendering_twice_gives_the_same_document(app: Flask) -> None:
    document = document_of(load_snapshot())
    assert render(document, "html") == render(document, "html")
    assert render(document, "md") == render(document, "md")
    again = document_of(load_snapshot())  # a fresh copy of the same snapshot
    assert render(document, "html") == render(again, "html")
    needs_pdftotext()
    assert pdf_text(render(document, "pdf")) == pdf_text(render(again, "pdf"))


# --------------------------------------------------------------------------- a large plan


def large_snapshot(count: int = 300) -> dict[str, Any]:
    snapshot = load_snapshot()
    models = snapshot["actions"]
    actions = []
    for index in range(count):
        action = copy.deepcopy(models[index % len(models)])
        challenge = index % 3 + 1
        action["challenge"] = challenge
        action["reference"] = f"{challenge}.{index // 3 + 1}"
        action["title"] = f"{action['title']} (n° {index + 1})"
        actions.append(action)
    snapshot["actions"] = actions
    return snapshot


@pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")),
    reason="renderers read no database: this two-minute PDF runs once, on the SQLite pass",
)
def test_a_300_action_plan_renders(app: Flask) -> None:
    snapshot = large_snapshot(300)
    document = document_of(snapshot)

    started = time.perf_counter()
    html_text = render(document, "html").decode("utf-8")
    html_seconds = time.perf_counter() - started
    page = Page(html_text)
    assert len([t for level, t in page.headings if level == 3 and " (n° " in t]) == 300
    assert {str(a["href"])[1:] for a in page.tags("a") if str(a["href"]).startswith("#")} <= set(
        page.ids
    )

    started = time.perf_counter()
    data = render(document, "pdf")
    pdf_seconds = time.perf_counter() - started
    print(
        f"\n300 actions: HTML {html_seconds:.2f} s ({len(html_text) // 1024} Kio), "
        f"PDF {pdf_seconds:.1f} s ({len(data) // 1024} Kio)"
    )
    needs_pdftotext()
    text = pdf_text(data)
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 300
    assert f"page {len(pages)} / {len(pages)}" in pages[-1]
    assert "3.100 " in text
    assert "(n° 300)" in text


def test_the_demo_plan_s_own_snapshot_renders(app: Flask) -> None:
    """The same renderers on a snapshot built from the database, not from the fixture."""
    from plan.demo.loader import load_demo
    from plan.extensions import db
    from plan.versions.snapshot import build_snapshot

    plan = load_demo()
    db.session.commit()
    snapshot = build_snapshot(plan, "Introduction *de la démo*.", "- Première version")
    document = document_of(snapshot, number=1)
    html_text = render(document, "html").decode("utf-8")
    assert_no_active_content(body_of(html_text))
    page = Page(html_text)
    assert page.headings[0] == (1, snapshot["plan"]["title"])
    for action in snapshot["actions"]:
        assert (3, f"{action['reference']} {one_line(action['title'])}") in page.headings
    assert {str(a["href"])[1:] for a in page.tags("a") if str(a["href"]).startswith("#")} <= set(
        page.ids
    )
    markdown = render(document, "md").decode("utf-8")
    assert "Introduction *de la démo*." in markdown
    assert document.sha256 in markdown
