"""The plan document laid out once for the office formats: neutral blocks (headings,
paragraphs of runs, lists, tables) that `plan.versions.render.odt` writes with odfpy and
`plan.versions.render.docx` with python-docx, so that both say exactly the same thing.

People's text always goes in as text: Markdown fields (introduction, fiche texts,
changelog) become paragraphs, lists and bold or italic runs, and anything else, raw HTML
included, stays the characters that were typed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from flask_babel import force_locale, format_date
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plan.actions.presenting import euros
from plan.formatting import number_filter
from plan.versions.models import VERSION_STATUS_LABELS, VersionStatus
from plan.versions.render import Document
from plan.versions.render.html import workshop_detail
from plan.voting.labels import GRADE_LABELS

# Levels of heading that the table of contents lists (level 4 titles a fiche's parts).
TOC_LEVELS = 3
GENERATOR = "Cap Commun"

# --------------------------------------------------------------------------- blocks


@dataclass
class Run:
    """A piece of text with one look; "\\n" is a line break, "\\t" a tab."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass
class Heading:
    level: int
    text: str
    # The heading's number in the document: anchors of the table of contents point to it.
    anchor: int = 0


@dataclass
class Paragraph:
    runs: list[Run]
    # body, title, subtitle, cover, note, quote, code
    style: str = "body"


@dataclass
class ListBlock:
    ordered: bool
    # Each item is a list of blocks: paragraphs, and lists nested inside.
    items: list[list[Any]] = field(default_factory=list)
    start: int = 1


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    # Columns of amounts and counts, aligned right.
    numeric: frozenset[int] = frozenset()
    # A total row, in bold.
    footer: list[str] | None = None


@dataclass
class Contents:
    """The table of contents: its title and the headings it lists."""

    title: str
    entries: list[Heading]


Block = Heading | Paragraph | ListBlock | Table | Contents


@dataclass
class Outline:
    """The whole document: its blocks, and the text of its page footer."""

    blocks: list[Block]
    footer: str
    title: str
    subject: str
    keywords: list[str]
    author: str
    # The version's status in French, whatever the language of whoever asked.
    status_label: str


# --------------------------------------------------------------------------- text helpers

# Characters XML 1.0 refuses (controls other than tab, line feed and carriage return).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as a word processor can hold it: controls removed, line ends as "\\n"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID_XML.sub("", text)


def _paragraphs_of(text: str | None, style: str = "body") -> list[Block]:
    """Plain text (not Markdown): a paragraph per block of lines, lines kept."""
    if not text or not text.strip():
        return []
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [Paragraph([Run(chunk.strip("\n"))], style) for chunk in chunks if chunk.strip()]


# --------------------------------------------------------------------------- Markdown

_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_SHOWN_SCHEMES = frozenset({"http", "https", "mailto"})


def _is_allowed_link(url: str) -> bool:
    """As on the site: a link to anything but http, https or mailto stays the text typed."""
    scheme = _URL_SCHEME.match(url.strip())
    return scheme is None or scheme.group(1).lower() in _SHOWN_SCHEMES


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True})
    parser.enable(["table", "strikethrough"])
    parser.validateLink = _is_allowed_link
    return parser


_parser = _build_parser()


def _inline_text(children: list[Token]) -> str:
    return "".join(run.text for run in _runs(children))


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    links: list[tuple[str, int]] = []

    def add(text: str, code: bool = False) -> None:
        if not text:
            return
        run = Run(text, bold=bold > 0, italic=italic > 0, code=code)
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.code) == (run.bold, run.italic, run.code):
            last.text += text
        else:
            runs.append(run)

    for token in children:
        kind = token.type
        if kind == "text":
            add(token.content)
        elif kind in ("softbreak", "hardbreak"):
            add("\n")
        elif kind == "code_inline":
            add(token.content, code=True)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            links.append((str(token.attrGet("href") or ""), len("".join(r.text for r in runs))))
        elif kind == "link_close":
            href, start = links.pop()
            shown = "".join(run.text for run in runs)[start:]
            target = href.removeprefix("mailto:")
            if href and target != shown and _URL_SCHEME.match(href):
                # A printed document cannot be clicked: the address follows its text.
                add(f" ({href})")
        elif kind == "image":
            add(_inline_text(token.children or []))
        elif token.children:
            add(_inline_text(token.children))
        elif token.content:
            add(token.content)
    return runs


def markdown_blocks(text: str | None) -> list[Block]:
    """Markdown as paragraphs, lists (nested), tables and bold or italic runs; headings
    written by people become bold paragraphs (the document's headings are its own)."""
    if not text or not text.strip():
        return []
    tokens = _parser.parse(clean(text))
    root: list[Block] = []
    targets: list[list[Any]] = [root]
    lists: list[ListBlock] = []
    quote = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            block = ListBlock(
                ordered=kind == "ordered_list_open", start=int(token.attrGet("start") or 1)
            )
            targets[-1].append(block)
            lists.append(block)
        elif kind == "list_item_open":
            item: list[Any] = []
            lists[-1].items.append(item)
            targets.append(item)
        elif kind == "list_item_close":
            targets.pop()
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            runs = _runs(token.children or [])
            previous = tokens[index - 1].type if index else ""
            if previous == "heading_open":
                runs = [Run(r.text, bold=True, italic=r.italic, code=r.code) for r in runs]
            if runs:
                targets[-1].append(Paragraph(runs, "quote" if quote else "body"))
        elif kind in ("fence", "code_block"):
            targets[-1].append(Paragraph([Run(token.content.rstrip("\n"), code=True)], "code"))
        elif kind == "table_open":
            rows: list[list[str]] = []
            header_rows = 0
            in_head = False
            index += 1
            while index < len(tokens) and tokens[index].type != "table_close":
                inner = tokens[index]
                if inner.type == "thead_open":
                    in_head = True
                elif inner.type == "thead_close":
                    in_head = False
                elif inner.type == "tr_open":
                    rows.append([])
                    header_rows += in_head
                elif inner.type == "inline":
                    rows[-1].append(_inline_text(inner.children or []))
                index += 1
            if rows:
                width = max(len(row) for row in rows)
                rows = [row + [""] * (width - len(row)) for row in rows]
                targets[-1].append(Table(header=rows[0], rows=rows[1:]))
        index += 1
    return root


# --------------------------------------------------------------------------- formats


def _date(iso: str | None, form: str = "long") -> str:
    if not iso:
        return ""
    try:
        return format_date(dt.date.fromisoformat(iso[:10]), form)
    except ValueError:
        return iso


def _number(value: Any) -> str:
    return number_filter(value) if value not in (None, "") else ""


def _percent_of(fraction: str | None) -> str:
    """A share of the profile ("13/210") as « 6,2 % »."""
    if not fraction:
        return ""
    value = Decimal(Fraction(fraction).numerator * 100) / Decimal(Fraction(fraction).denominator)
    return f"{number_filter(value.quantize(Decimal('0.1')))}\N{NO-BREAK SPACE}%"


def _years(first: int | None, last: int | None) -> str:
    if first and last:
        return f"{first}–{last}" if first != last else str(first)
    return str(first or last or "")


def _labelled(label: str, value: str | list[Run]) -> Paragraph:
    runs = value if isinstance(value, list) else [Run(value)]
    return Paragraph([Run(f"{label}\N{NO-BREAK SPACE}: ", bold=True), *runs])


def _note(text: str) -> Paragraph:
    return Paragraph([Run(text)], "note")


def _bullets(texts: Iterable[str], ordered: bool = False) -> ListBlock:
    return ListBlock(ordered=ordered, items=[[Paragraph([Run(text)])] for text in texts])


def _plural(count: int, one: str, many: str) -> str:
    return f"{_number(count)} {one if count < 2 else many}"


# --------------------------------------------------------------------------- the outline

FICHE_TEXTS = (
    ("context", "Contexte"),
    ("objectives_text", "Objectifs de l'action"),
    ("description", "Description et étapes"),
    ("expected_results", "Résultats attendus"),
)
BUDGET_KIND_ORDER = ("operating", "investment")
FUNDING_STATUS_ORDER = ("secured", "requested", "envisaged")


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.snapshot = document.snapshot
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def heading(self, level: int, text: str) -> None:
        heading = Heading(level, text, anchor=len(self.headings) + 1)
        self.headings.append(heading)
        self.blocks.append(heading)

    # ------------------------------------------------------------------ parts

    def build(self) -> Outline:
        snapshot = self.snapshot
        plan = snapshot.get("plan", {})
        document = self.document
        self.date = _date(document.date)
        self.status_label = _status_label(document)
        contents = Contents("Sommaire", [])
        self.cover(plan)
        self.add(contents)
        self.introduction(plan)
        self.challenges()
        self.zones()
        self.actions(
            "Actions adoptées",
            snapshot.get("actions", []),
            "Les actions adoptées par les acteurs du territoire, par défi, dans la révision "
            "qui a été votée, avec le résultat du vote.",
            "Aucune action n'a encore été adoptée.",
        )
        self.actions(
            "Annexe — actions à retravailler",
            snapshot.get("annex", []),
            "Les actions que le vote a renvoyées à leurs porteurs pour être retravaillées : "
            "elles ne font pas partie du plan adopté.",
            "Aucune action n'est à retravailler.",
        )
        self.participation()
        self.funding()
        self.companies()
        self.label_readiness()
        self.changelog()
        self.colophon(plan)
        contents.entries = [h for h in self.headings if h.level <= TOC_LEVELS]
        title = plan.get("title", "")
        footer = " · ".join(
            part
            for part in (title, f"Version {document.number}", self.date, document.short_hash)
            if part
        )
        return Outline(
            blocks=self.blocks,
            footer=footer,
            title=title,
            subject=f"Plan stratégique territorial — version {document.number}",
            keywords=[plan.get("territory_name", ""), "plan stratégique", "French Impact"],
            author=plan.get("lead_organization") or GENERATOR,
            status_label=self.status_label,
        )

    def cover(self, plan: dict[str, Any]) -> None:
        document = self.document
        self.add(Paragraph([Run(plan.get("title", ""))], "title"))
        territory = plan.get("territory_name", "")
        if plan.get("territory_scale_label"):
            territory = f"{territory} ({plan['territory_scale_label']})"
        self.add(Paragraph([Run(territory)], "subtitle"))
        horizon = _years(plan.get("first_year"), plan.get("last_year"))
        self.add(Paragraph([Run(f"Plan stratégique territorial {horizon}")], "cover"))
        if plan.get("lead_organization"):
            self.add(Paragraph([Run(f"Porté par {plan['lead_organization']}")], "cover"))
        version = f"Version {document.number} — {self.status_label} — {self.date}"
        self.add(Paragraph([Run(version, bold=True)], "cover"))
        self.add(
            Paragraph(
                [Run("Empreinte SHA-256\u00a0: "), Run(document.short_hash, code=True)],
                "cover",
            )
        )

    def introduction(self, plan: dict[str, Any]) -> None:
        self.heading(1, "Introduction")
        blocks = _paragraphs_of(plan.get("summary")) + markdown_blocks(
            self.snapshot.get("introduction")
        )
        self.add(*blocks or [_note("Cette version n'a pas d'introduction.")])

    def challenges(self) -> None:
        self.heading(1, "Défis, objectifs et indicateurs")
        challenges = self.snapshot.get("challenges", [])
        if not challenges:
            self.add(_note("Le plan n'a pas encore de défi."))
        for challenge in challenges:
            position = challenge["position"]
            self.heading(2, f"Défi {position} — {challenge['title']}")
            if challenge.get("dimension_label"):
                self.add(_labelled("Dimension", challenge["dimension_label"]))
            self.add(*_paragraphs_of(challenge.get("description")))
            for objective in challenge.get("objectives", []):
                self.heading(
                    3, f"Objectif {position}.{objective['position']} — {objective['title']}"
                )
                self.add(*_paragraphs_of(objective.get("description")))
                indicators = objective.get("indicators", [])
                if not indicators:
                    self.add(_note("Pas encore d'indicateur pour cet objectif."))
                    continue
                self.add(
                    Table(
                        header=["Indicateur", "Unité", "Type", "Départ", "Cible", "Source"],
                        rows=[
                            [
                                indicator["name"],
                                indicator.get("unit") or "",
                                indicator.get("kind_label") or "",
                                _valued(
                                    indicator.get("baseline_value"), indicator.get("baseline_year")
                                ),
                                _valued(
                                    indicator.get("target_value"), indicator.get("target_year")
                                ),
                                indicator.get("source") or "",
                            ]
                            for indicator in indicators
                        ],
                    )
                )

    def _titles(self) -> dict[str, str]:
        return {a["reference"]: a["title"] for a in self.snapshot.get("actions", [])}

    def zones(self) -> None:
        self.heading(1, "Territoires prioritaires")
        zones = self.snapshot.get("zones", [])
        if not zones:
            self.add(_note("Le plan ne désigne pas de territoire prioritaire."))
            return
        titles = self._titles()
        actions_of = {z["zone"]: z["actions"] for z in self.snapshot.get("zones_actions", [])}
        for zone in zones:
            self.heading(2, zone["name"])
            if zone.get("kind_label"):
                self.add(_labelled("Type", zone["kind_label"]))
            self.add(*_paragraphs_of(zone.get("rationale")))
            references = actions_of.get(zone["name"], [])
            if references:
                self.add(_labelled("Actions adoptées dans ce territoire", ""))
                self.add(
                    _bullets(f"{ref} — {titles.get(ref, '')}".rstrip(" —") for ref in references)
                )
            else:
                self.add(_note("Aucune action adoptée ne concerne ce territoire."))

    def actions(self, title: str, actions: list[dict], intro: str, empty: str) -> None:
        self.heading(1, title)
        if not actions:
            self.add(_note(empty))
            return
        self.add(Paragraph([Run(intro)]))
        challenges = {c["position"]: c["title"] for c in self.snapshot.get("challenges", [])}
        groups: dict[int, list[dict]] = defaultdict(list)
        for action in actions:
            groups[action["challenge"]].append(action)
        for position in sorted(groups, key=lambda p: (p not in challenges, p)):
            name = challenges.get(position)
            self.heading(2, f"Défi {position} — {name}" if name else f"Défi {position}")
            for action in groups[position]:
                self.action(action)

    def action(self, action: dict[str, Any]) -> None:
        fiche = action.get("fiche", {})
        self.heading(3, f"Action {action['reference']} — {action['title']}")
        facts = [Run(action.get("status_label") or "", bold=True)]
        facts.append(Run(f" · révision {action.get('revision')}"))
        if fiche.get("priority_label"):
            facts.append(Run(f" · priorité {fiche['priority_label'].lower()}"))
        self.add(Paragraph(facts))
        lead = fiche.get("lead_organization") or "non désigné"
        if fiche.get("lead_contact"):
            lead = f"{lead} — {fiche['lead_contact']}"
        self.add(_labelled("Porteur", lead))
        partners = fiche.get("partners", [])
        if partners:
            self.add(
                _labelled(
                    "Partenaires",
                    ", ".join(
                        f"{p.get('organization') or '?'} ({p['role_label']})"
                        if p.get("role_label")
                        else p.get("organization") or "?"
                        for p in partners
                    ),
                )
            )
        if fiche.get("target_audiences"):
            self.add(_labelled("Publics visés", fiche["target_audiences"]))
        if fiche.get("zones"):
            self.add(_labelled("Territoires prioritaires", ", ".join(fiche["zones"])))
        years = _years(fiche.get("first_year"), fiche.get("last_year"))
        if years:
            self.add(_labelled("Période", years))
        if fiche.get("objectives"):
            self.add(_labelled("Objectifs du plan", ""))
            self.add(_bullets(fiche["objectives"]))
        for name, label in FICHE_TEXTS:
            blocks = markdown_blocks(fiche.get(name))
            if blocks:
                self.heading(4, label)
                self.add(*blocks)
        if fiche.get("indicators"):
            self.heading(4, "Indicateurs de suivi")
            self.add(
                Table(
                    header=["Indicateur", "Unité", "Type", "Départ", "Cible"],
                    rows=[
                        [
                            line.get("name") or "",
                            line.get("unit") or "",
                            line.get("kind_label") or "",
                            _number(line.get("baseline")),
                            _number(line.get("target")),
                        ]
                        for line in fiche["indicators"]
                    ],
                )
            )
        self.budget(fiche)
        self.result(action.get("result"))

    def budget(self, fiche: dict[str, Any]) -> None:
        self.heading(4, "Budget et plan de financement")
        lines = fiche.get("budget_lines", [])
        if lines:
            years = sorted({line["year"] for line in lines})
            kinds: dict[str, str] = {}
            amounts: dict[tuple[str, int], int] = defaultdict(int)
            for line in lines:
                kinds.setdefault(line["kind"], line.get("kind_label") or line["kind"])
                amounts[(line["kind"], line["year"])] += line["amount_cents"]
            order = sorted(
                kinds,
                key=lambda k: (
                    BUDGET_KIND_ORDER.index(k) if k in BUDGET_KIND_ORDER else 99,
                    k,
                ),
            )
            rows = [
                [
                    kinds[kind],
                    *[
                        euros(amounts[(kind, year)]) if (kind, year) in amounts else ""
                        for year in years
                    ],
                    euros(sum(amounts[(kind, year)] for year in years)),
                ]
                for kind in order
            ]
            total = [
                "Total",
                *[euros(sum(amounts[(kind, year)] for kind in kinds)) for year in years],
                euros(sum(line["amount_cents"] for line in lines)),
            ]
            self.add(
                Table(
                    header=["Dépenses", *map(str, years), "Total"],
                    rows=rows,
                    numeric=frozenset(range(1, len(years) + 2)),
                    footer=total,
                )
            )
        else:
            self.add(_note("Pas de budget renseigné."))
        funding = fiche.get("funding_lines", [])
        if funding:
            self.add(
                Table(
                    header=["Financeur", "Nature", "Statut", "Montant"],
                    rows=[
                        [
                            line.get("funder") or "",
                            line.get("nature_label") or line.get("nature") or "",
                            line.get("status_label") or line.get("status") or "",
                            euros(line["amount_cents"]),
                        ]
                        for line in funding
                    ],
                    numeric=frozenset({3}),
                    footer=["Total", "", "", euros(sum(line["amount_cents"] for line in funding))],
                )
            )
        else:
            self.add(_note("Pas de plan de financement renseigné."))
        budget_total = fiche.get("budget_total_cents") or 0
        funding_total = fiche.get("funding_total_cents") or 0
        if budget_total > funding_total:
            self.add(_labelled("Reste à financer", euros(budget_total - funding_total)))

    def result(self, result: dict[str, Any] | None) -> None:
        self.heading(4, "Résultat du vote")
        if not result:
            self.add(_note("Pas de résultat de vote pour cette action."))
            return
        outcome = [Run(result.get("outcome_label") or "", bold=True)]
        if result.get("majority_grade_label"):
            outcome.append(Run(f" — mention majoritaire « {result['majority_grade_label']} »"))
        self.add(Paragraph(outcome))
        if result.get("sentence"):
            self.add(Paragraph([Run(result["sentence"])]))
        ballot = f"n° {result.get('ballot')}"
        if result.get("ballot_title"):
            ballot = f"{ballot} — {result['ballot_title']}"
        if result.get("closed_at"):
            ballot = f"{ballot}, clos le {_date(result['closed_at'])}"
        self.add(_labelled("Scrutin", ballot))
        if result.get("method_label"):
            self.add(_labelled("Méthode", result["method_label"]))
        if result.get("voters") is not None:
            voters = _number(result["voters"])
            if result.get("paper_votes"):
                voters = f"{voters}, dont {_number(result['paper_votes'])} sur papier"
            self.add(_labelled("Votant·es", voters))
        profile = result.get("profile")
        if profile:
            self.add(
                _labelled(
                    "Profil de mérite",
                    " · ".join(
                        f"{GRADE_LABELS.get(grade, grade)} {_percent_of(profile[grade])}"
                        # From the best grade to the worst, whatever the stored key order.
                        for grade in sorted(profile, key=_grade_rank)
                    ),
                )
            )
        colleges = result.get("colleges", [])
        if colleges:
            graded = any(c.get("majority_grade_label") for c in colleges)
            self.add(
                Table(
                    header=["Collège", "Votant·es", *(["Mention majoritaire"] if graded else [])],
                    rows=[
                        [
                            c["college"],
                            _number(c.get("voters")),
                            *([c.get("majority_grade_label") or ""] if graded else []),
                        ]
                        for c in colleges
                    ],
                    numeric=frozenset({1}),
                )
            )

    def participation(self) -> None:
        self.heading(1, "Participation")
        figures = self.snapshot.get("participation", {})
        colleges = figures.get("colleges", [])
        represented = len([c for c in colleges if c.get("members")])
        self.add(
            _bullets(
                [
                    f"{_plural(figures.get('members', 0), 'membre', 'membres')} dans "
                    f"{_plural(represented, 'collège', 'collèges')}",
                    f"{_plural(figures.get('voters', 0), 'votant·e', 'votant·es')}",
                    _plural(figures.get("proposals", 0), "action proposée", "actions proposées"),
                    f"{_plural(figures.get('comments', 0), 'commentaire', 'commentaires')} et "
                    f"{_plural(figures.get('amendments', 0), 'amendement', 'amendements')}",
                    f"{_plural(figures.get('ballots', 0), 'scrutin clos', 'scrutins clos')}, "
                    f"{_plural(figures.get('votes', 0), 'vote', 'votes')}",
                    f"{_plural(len(figures.get('workshops', [])), 'atelier', 'ateliers')}, "
                    f"{_plural(figures.get('workshop_attendance', 0), 'présence', 'présences')}",
                ]
            )
        )
        if colleges:
            self.heading(2, "Collèges")
            self.add(
                Table(
                    header=["Collège", "Poids", "Membres", "Votant·es"],
                    rows=[
                        [
                            c["college"],
                            f"{_number(c['weight'])}\N{NO-BREAK SPACE}%" if c.get("weight") else "",
                            _number(c.get("members", 0)),
                            _number(c.get("voters", 0)),
                        ]
                        for c in colleges
                    ],
                    numeric=frozenset({1, 2, 3}),
                    footer=[
                        "Total",
                        "",
                        _number(figures.get("members", 0)),
                        _number(figures.get("voters", 0)),
                    ],
                )
            )
        workshops = figures.get("workshops", [])
        self.heading(2, "Ateliers")
        if not workshops:
            self.add(_note("Aucun atelier n'est enregistré dans cette version."))
        else:
            self.add(_bullets(_workshop_line(w) for w in workshops))

    def funding(self) -> None:
        self.heading(1, "Financement du plan")
        funding = self.snapshot.get("funding", {})
        self.add(
            _labelled("Budget des actions adoptées", euros(funding.get("budget_total_cents", 0))),
            _labelled("Financements identifiés", euros(funding.get("funding_total_cents", 0))),
        )
        challenges = {c["position"]: c["title"] for c in self.snapshot.get("challenges", [])}
        by_year = funding.get("budget_by_challenge_year", [])
        self.heading(2, "Budget par défi et par année")
        if by_year:
            years = sorted({*funding.get("years", []), *(row["year"] for row in by_year)})
            cells: dict[tuple[int, int], int] = defaultdict(int)
            for row in by_year:
                cells[(row["challenge"], row["year"])] += row["amount_cents"]
            positions = sorted({*challenges, *(row["challenge"] for row in by_year)})
            self.add(
                Table(
                    header=["Défi", *map(str, years), "Total"],
                    rows=[
                        [
                            f"{p}. {challenges[p]}" if p in challenges else str(p),
                            *[euros(cells.get((p, y), 0)) for y in years],
                            euros(sum(cells.get((p, y), 0) for y in years)),
                        ]
                        for p in positions
                    ],
                    numeric=frozenset(range(1, len(years) + 2)),
                    footer=[
                        "Total",
                        *[euros(sum(cells.get((p, y), 0) for p in positions)) for y in years],
                        euros(sum(cells.values())),
                    ],
                )
            )
        else:
            self.add(_note("Pas de budget renseigné."))
        self.heading(2, "Financements par nature et par statut")
        by_nature = funding.get("funding_by_nature_status", [])
        if by_nature:
            natures: dict[str, str] = {}
            statuses: dict[str, str] = {}
            cells2: dict[tuple[str, str], int] = defaultdict(int)
            for row in by_nature:
                natures.setdefault(row["nature"], row.get("nature_label") or row["nature"])
                statuses.setdefault(row["status"], row.get("status_label") or row["status"])
                cells2[(row["nature"], row["status"])] += row["amount_cents"]
            order = sorted(
                statuses,
                key=lambda s: (
                    FUNDING_STATUS_ORDER.index(s) if s in FUNDING_STATUS_ORDER else 99,
                    s,
                ),
            )
            nature_order = sorted(natures, key=lambda n: natures[n])
            self.add(
                Table(
                    header=["Nature", *[statuses[s].capitalize() for s in order], "Total"],
                    rows=[
                        [
                            natures[n],
                            *[euros(cells2[(n, s)]) if (n, s) in cells2 else "" for s in order],
                            euros(sum(cells2.get((n, s), 0) for s in order)),
                        ]
                        for n in nature_order
                    ],
                    numeric=frozenset(range(1, len(order) + 2)),
                    footer=[
                        "Total",
                        *[euros(sum(cells2.get((n, s), 0) for n in natures)) for s in order],
                        euros(sum(cells2.values())),
                    ],
                )
            )
        else:
            self.add(_note("Pas de financement renseigné."))

    def companies(self) -> None:
        self.heading(1, "Entreprises engagées")
        companies = self.snapshot.get("companies", {})
        commitments = companies.get("commitments", [])
        if not commitments:
            self.add(_note("Aucun engagement d'entreprise n'est enregistré dans cette version."))
            return
        self.add(
            Paragraph(
                [
                    Run(
                        _plural(
                            companies.get("companies", 0),
                            "entreprise engagée",
                            "entreprises engagées",
                        )
                        + ", "
                        f"{_plural(len(commitments), 'engagement', 'engagements')}, "
                        f"valorisés à {euros(companies.get('valuation_cents', 0))}."
                    )
                ]
            )
        )
        self.heading(2, "Par taille d'entreprise et type d'engagement")
        self.add(
            Table(
                header=["Taille", "Engagement", "Entreprises", "Engagements", "Valorisation"],
                rows=[
                    [
                        row.get("size_class_label") or "Taille non renseignée",
                        row.get("kind_label") or row.get("kind") or "",
                        _number(row.get("organizations", 0)),
                        _number(row.get("commitments", 0)),
                        euros(row.get("valuation_cents") or 0),
                    ]
                    for row in companies.get("by_size_and_kind", [])
                ],
                numeric=frozenset({2, 3, 4}),
            )
        )
        self.heading(2, "Engagements")
        self.add(
            Table(
                header=[
                    "Entreprise",
                    "Taille",
                    "Engagement",
                    "Action",
                    "Description",
                    "Valorisation",
                ],
                rows=[
                    [
                        row.get("organization") or "",
                        row.get("size_class_label") or "",
                        row.get("kind_label") or row.get("kind") or "",
                        row.get("action") or "",
                        row.get("description") or "",
                        euros(row["valuation_cents"]) if row.get("valuation_cents") else "",
                    ]
                    for row in commitments
                ],
                numeric=frozenset({5}),
            )
        )

    def label_readiness(self) -> None:
        self.heading(1, "Préparation au label French Impact")
        conditions = self.snapshot.get("label_readiness", [])
        if not conditions:
            self.add(_note("Pas d'état de préparation dans cette version."))
            return
        self.add(
            Paragraph(
                [
                    Run(
                        "Les cinq conditions du label French Impact : ce que le plan apporte "
                        "pour chacune, et ce qui manque encore."
                    )
                ]
            ),
            Table(
                header=["Condition", "État"],
                rows=[
                    [f"{i}. {c['title']}", "Remplie" if c.get("met") else "À compléter"]
                    for i, c in enumerate(conditions, start=1)
                ],
            ),
        )
        for i, condition in enumerate(conditions, start=1):
            self.heading(2, f"{i}. {condition['title']}")
            met = condition.get("met")
            self.add(
                Paragraph([Run("Condition remplie" if met else "Condition à compléter", bold=True)])
            )
            self.add(_labelled("Ce que le plan apporte", ""))
            self.add(_bullets(condition.get("holds") or ["Rien pour l'instant."]))
            self.add(_labelled("Ce qui manque", ""))
            self.add(_bullets(condition.get("missing") or ["Rien : la condition est remplie."]))

    def changelog(self) -> None:
        self.heading(1, "Historique des modifications")
        blocks = markdown_blocks(self.snapshot.get("changelog"))
        self.add(*blocks or [_note("Pas de note de version.")])

    def colophon(self, plan: dict[str, Any]) -> None:
        document = self.document
        self.heading(1, "Colophon")
        self.add(
            _labelled("Plan", plan.get("title", "")),
            _labelled("Territoire", plan.get("territory_name", "")),
            _labelled("Version", f"{document.number} — {self.status_label}"),
            _labelled("Date", self.date),
            _labelled("Empreinte SHA-256", [Run(document.sha256, code=True)]),
            _note(
                "L'empreinte SHA-256 est calculée sur l'instantané de cette version (son "
                "export JSON canonique) : elle permet à chacun de vérifier que le contenu "
                "n'a pas été modifié depuis sa consolidation."
            ),
            _note("Document produit avec Cap Commun."),
        )


def _status_label(document: Document) -> str:
    try:
        return str(VERSION_STATUS_LABELS[VersionStatus(document.status)])
    except ValueError:
        return document.status_label


def _grade_rank(grade: str) -> tuple[int, str]:
    grades = list(GRADE_LABELS)
    return (grades.index(grade) if grade in grades else len(grades), grade)


def _valued(value: str | None, year: int | None) -> str:
    if value in (None, ""):
        return ""
    return f"{_number(value)} ({year})" if year else _number(value)


def _workshop_line(workshop: Any) -> str:
    if not isinstance(workshop, dict):
        return str(workshop)
    name = workshop.get("title") or workshop.get("name") or "Atelier"
    parts = [str(name)]
    when = workshop.get("date") or workshop.get("held_on") or workshop.get("starts_at")
    if when:
        parts.append(_date(str(when)))
    if workshop.get("format_label"):
        parts.append(str(workshop["format_label"]))
    attendance = workshop.get("attendance")
    if attendance is None:
        attendance = workshop.get("participants")
    if isinstance(attendance, int):
        parts.append(_plural(attendance, "présent·e", "présent·es"))
    detail = workshop_detail(workshop)
    if detail:
        parts.append(detail)
    return " — ".join(parts)


def outline(document: Document) -> Outline:
    """The document's blocks, in French whatever the reader's locale (needs an app context)."""
    with force_locale("fr"):
        return _Builder(document).build()


# --------------------------------------------------------------------------- archives


def fixed_zip(data: bytes, date: str) -> bytes:
    """The same archive with every member dated `date`: same content, same bytes."""
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        day = dt.date(1980, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 0
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def document_datetime(date: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(date[:10]), dt.time(), tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
