"""The plan document as Markdown (UTF-8), with the same content as the HTML and the PDF.

Text written by people must not change the document's structure nor carry HTML:

- plain-text fields (titles, names, labels) are escaped: every Markdown special character
  gets a backslash, line breaks become spaces, so a title stays one heading or one cell;
- Markdown fields (introduction, changelog, texts of a fiche) stay Markdown, but « < » is
  written « &lt; » outside code (no raw HTML, no autolink), their headings are moved
  below the document's own heading, an unclosed code fence is closed, and a field that
  holds an image or a link to another scheme than http, https or mailto loses its link
  syntax (its brackets are written as entities) — as in the app, it shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from flask_babel import force_locale
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plan.actions.markdown import ALLOWED_URL_SCHEMES
from plan.versions.render import Document
from plan.versions.render.html import build_view

# Characters that can open something in CommonMark or GFM (tables, strikethrough, entities).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# What opens a block at the start of a line: a list item, a thematic break, an underline.
_LINE_START = re.compile(r"^(\d{1,9}(?=[.)])|[-+=])")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII: no-break spaces are content
_ATX = re.compile(
    r"^(?P<prefix>(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*)(?P<hashes>#{1,6})(?=[ \t]|$)"
)
_SETEXT_UNDERLINE = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?P<line>[=-])")
_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)
_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")

# A parser that sees every link, whatever its scheme, to find the ones to neutralise.
_parser = MarkdownIt("commonmark", {"html": False})
_parser.enable(["table", "strikethrough"])
_parser.validateLink = lambda url: True


def escape(text: Any, line_start: bool = False) -> str:
    """Plain text as Markdown that shows exactly that text, on one line: in a heading, a
    table cell, a link, or (with `line_start`) where a block could begin."""
    collapsed = _SPACES.sub(" ", str(text if text is not None else "")).strip()
    escaped = _SPECIAL.sub(r"\\\1", collapsed)
    match = _LINE_START.match(escaped) if line_start else None
    if match:
        if match.group(1).isdigit():
            end = match.end()
            escaped = escaped[:end] + "\\" + escaped[end:]
        else:
            escaped = "\\" + escaped
    return escaped


def bold(text: Any) -> str:
    escaped = escape(text)
    return f"**{escaped}**" if escaped else ""


def cell(text: Any) -> str:
    """A table cell: escaped, and never empty (some readers drop empty cells)."""
    return escape(text) or " "


class Slugger:
    """The anchors GitHub and GitLab give headings: lower case, punctuation dropped,
    spaces as hyphens, « -1 », « -2 » for repeats."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading: str) -> str:
        base = _NOT_SLUG.sub("", _SPACES.sub(" ", heading).strip().lower()).replace(" ", "-")
        count = self.seen.get(base)
        self.seen[base] = 0 if count is None else count + 1
        return base if count is None else f"{base}-{count + 1}"


# --------------------------------------------------------------------------- user Markdown


def _walk(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _is_allowed_link(url: str) -> bool:
    """As in the app: no scheme (a relative link), or http, https, mailto."""
    scheme = _URL_SCHEME.match(url.strip())
    return scheme is None or scheme.group(1).lower() in ALLOWED_URL_SCHEMES


def _has_unsafe_link(tokens: Sequence[Token]) -> bool:
    for token in _walk(tokens):
        if token.type == "image":
            return True
        if token.type == "link_open" and not _is_allowed_link(str(token.attrGet("href") or "")):
            return True
    return False


def user_markdown(text: str | None, top_level: int) -> str:
    """A Markdown field, safe to put inside the document under a heading of level
    `top_level - 1`: its own headings start at `top_level` (at most 6)."""
    source = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").rstrip()
    if not source.strip():
        return ""
    tokens = _parser.parse(source)
    lines = source.split("\n")
    code_lines: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(token.map[0], token.map[1]))
    unsafe_links = _has_unsafe_link(tokens)

    for index, line in enumerate(lines):
        if index in code_lines:
            continue
        line = line.replace("<", "&lt;")
        if unsafe_links:
            line = line.replace("[", "&#91;").replace("]", "&#93;")
        lines[index] = line

    shift = top_level - 1
    for token in tokens:
        if token.type != "heading_open" or not token.map:
            continue
        level = min(int(token.tag[1:]) + shift, 6)
        start, end = token.map
        if token.markup.startswith("#"):
            match = _ATX.match(lines[start])
            if match:
                lines[start] = (
                    match.group("prefix") + "#" * level + lines[start][match.end("hashes") :]
                )
            else:  # a heading we cannot place: it becomes text
                lines[start] = lines[start].replace("#", "\\#", 1)
        elif end - start == 2 and token.level == 0:
            lines[start] = "#" * level + " " + lines[start].strip()
            lines[end - 1] = ""
        else:  # a setext heading over several lines, or nested: its underline becomes text
            match = _SETEXT_UNDERLINE.match(lines[end - 1])
            if match:
                position = match.start("line")
                lines[end - 1] = lines[end - 1][:position] + "\\" + lines[end - 1][position:]

    # A code fence left open would swallow the rest of the document (inside a list or a
    # quote, the end of the container closes it).
    for token in tokens:
        if token.type == "fence" and token.level == 0 and token.map and token.map[1] >= len(lines):
            last = lines[-1].strip()
            closed = (
                token.map[1] - token.map[0] > 1
                and last.startswith(token.markup[0] * len(token.markup))
                and set(last) <= {token.markup[0]}
            )
            if not closed:
                lines.append(token.markup)
    return "\n".join(lines).strip("\n")


# --------------------------------------------------------------------------- building blocks


class Writer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.slug = Slugger()

    def add(self, *blocks: str) -> None:
        self.blocks.extend(block for block in blocks if block)

    def heading(self, level: int, text: str) -> str:
        """Adds a heading; returns its anchor."""
        self.blocks.append(f"{'#' * level} {escape(text)}")
        return self.slug(text)

    def table(
        self,
        caption: str,
        head: Sequence[str],
        rows: Iterable[Sequence[Any]],
        right: Sequence[int] = (),
        foot: Sequence[Any] | None = None,
    ) -> None:
        lines = [
            f"*{escape(caption)}*",
            "",
            "| " + " | ".join(cell(h) for h in head) + " |",
            "| " + " | ".join("---:" if i in right else "---" for i in range(len(head))) + " |",
        ]
        for row in rows:
            lines.append("| " + " | ".join(cell(c) for c in row) + " |")
        if foot is not None:
            lines.append("| " + " | ".join(bold(c) or " " for c in foot) + " |")
        self.blocks.append("\n".join(lines))

    def bullets(self, items: Iterable[str], escaped: bool = False) -> None:
        lines = [f"- {item if escaped else escape(item, line_start=True)}" for item in items]
        if lines:
            self.blocks.append("\n".join(lines))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _paragraphs(text: str) -> list[str]:
    return [
        escape(p, line_start=True)
        for p in (text or "").replace("\r\n", "\n").split("\n\n")
        if p.strip()
    ]


def _fiche(w: Writer, a: dict[str, Any]) -> None:
    facts = [
        ("Défi", escape(a["challenge"])),
        (
            "Statut",
            escape(a["status_label"]) + (f" (révision {a['revision']})" if a["revision"] else ""),
        ),
        (
            "Pilote",
            escape(a["lead"] or "Non renseigné")
            + (f" — {escape(a['contact'])}" if a["contact"] else ""),
        ),
        (
            "Partenaires",
            "; ".join(
                escape(p["name"]) + (f" ({escape(p['role'])})" if p["role"] else "")
                for p in a["partners"]
            )
            or "Aucun",
        ),
    ]
    if a["audiences"]:
        facts.append(("Publics visés", escape(a["audiences"])))
    facts += [
        ("Années", escape(a["years"])),
        ("Territoires prioritaires", escape(", ".join(a["zones"])) if a["zones"] else "Aucun"),
    ]
    if a["priority"]:
        facts.append(("Priorité", escape(a["priority"])))
    facts += [
        ("Objectifs du plan", "; ".join(escape(o) for o in a["objectives"]) or "Aucun"),
        ("Budget total", escape(a["budget_total"])),
        ("Financements", escape(a["funding_total"])),
    ]
    w.bullets((f"{bold(label)} : {value}" for label, value in facts), escaped=True)

    for label, text in a["texts"]:
        w.heading(4, label)
        w.add(user_markdown(text, 5))

    w.heading(4, "Budget")
    budget = a["budget"]
    if budget:
        w.table(
            f"Budget de l'action {a['reference']} par année et nature de dépense",
            ["Nature de dépense", *map(str, budget["years"]), "Total"],
            ([row["label"], *row["amounts"], row["total"]] for row in budget["rows"]),
            right=range(1, len(budget["years"]) + 2),
            foot=["Total", *budget["totals"], budget["total"]],
        )
    else:
        w.add("Aucun budget renseigné.")

    w.heading(4, "Plan de financement")
    funding = a["funding"]
    if funding:
        w.table(
            f"Financements de l'action {a['reference']}",
            ["Financeur", "Nature", "Statut", "Montant"],
            ([r["funder"], r["nature"], r["status"], r["amount"]] for r in funding["rows"]),
            right=[3],
            foot=["Total", "", "", funding["total"]],
        )
    else:
        w.add("Aucun financement renseigné.")

    w.heading(4, "Indicateurs")
    if a["indicators"]:
        w.table(
            f"Indicateurs de l'action {a['reference']}",
            ["Indicateur", "Type", "Unité", "Valeur de départ", "Cible"],
            (
                [i["name"], i["kind"], i["unit"], i["baseline"], i["target"]]
                for i in a["indicators"]
            ),
            right=[3, 4],
        )
    else:
        w.add("Aucun indicateur renseigné.")

    w.heading(4, "Résultat du vote")
    r = a["result"]
    if not r:
        w.add("Aucun résultat de vote enregistré.")
        return
    line = bold(f"{r['symbol']} {r['outcome_label']}")
    if r["grade_label"]:
        line += f" · mention majoritaire « {escape(r['grade_label'])} »"
    w.add(line)
    if r["sentence"]:
        w.add(f"*{escape(r['sentence'])}*")
    meta = f"Scrutin n° {escape(r['ballot'])}"
    if r["ballot_title"]:
        meta += f" : {escape(r['ballot_title'])}"
    if r["closed_at"]:
        meta += f", clos le {escape(r['closed_at'])}"
    meta += f". Méthode : {escape(r['method'])}."
    if r["voters"]:
        meta += f" {escape(r['voters'])}."
    w.add(meta)
    if r["profile"]:
        w.table(
            f"Profil de mérite de l'action {a['reference']} (part des voix pondérées par mention)",
            ["Mention", "Part"],
            ([p["label"], p["share"]] for p in r["profile"]),
            right=[1],
        )
    if r["colleges"]:
        head = ["Collège", "Votant·es"] + (["Mention majoritaire"] if r["college_grades"] else [])
        w.table(
            f"Vote de l'action {a['reference']} par collège",
            head,
            (
                [c["college"], c["voters"]]
                + ([c["grade_label"] or "–"] if r["college_grades"] else [])
                for c in r["colleges"]
            ),
            right=[1],
        )


def _link(text: str, target: str) -> str:
    return f"[{escape(text)}](#{target})"


# --------------------------------------------------------------------------- the document


def markdown_text(document: Document) -> str:
    with force_locale("fr"):
        v = build_view(document)
    body = Writer()
    # Anchors count every heading in reading order: the cover's and the contents' first.
    body.slug(v["title"])
    body.slug("Sommaire")
    anchors: dict[str, str] = {}

    def section(key: str, title: str) -> None:
        anchors[key] = body.heading(2, title)

    section("introduction", "Introduction")
    body.add(user_markdown(v["introduction"], 3) or "Cette version n'a pas d'introduction.")

    section("defis", "Les défis du plan")
    for c in v["challenges"]:
        anchors[c["anchor"]] = body.heading(3, f"Défi {c['position']} : {c['title']}")
        if c["dimension"]:
            body.add(f"Dimension : {escape(c['dimension'])}")
        body.add(*_paragraphs(c["description"]))
        for o in c["objectives"]:
            body.heading(4, f"Objectif {o['number']} : {o['title']}")
            body.add(*_paragraphs(o["description"]))
            if o["indicators"]:
                body.table(
                    f"Indicateurs de l'objectif {o['number']}",
                    ["Indicateur", "Type", "Valeur de départ", "Cible", "Source"],
                    (
                        [
                            i["name"] + (f" ({i['unit']})" if i["unit"] else ""),
                            i["kind"],
                            i["baseline"]
                            + (f" en {i['baseline_year']}" if i["baseline_year"] else ""),
                            i["target"] + (f" en {i['target_year']}" if i["target_year"] else ""),
                            i["source"] or "–",
                        ]
                        for i in o["indicators"]
                    ),
                    right=[2, 3],
                )
            else:
                body.add("Aucun indicateur pour cet objectif.")
    if not v["challenges"]:
        body.add("Le plan n'a pas encore de défi.")

    section("territoires", "Territoires prioritaires")
    action_links: list[tuple[dict, str]] = []  # filled below; zones link to actions
    zone_blocks: list[tuple[int, dict]] = []
    for z in v["zones"]:
        body.heading(3, z["name"])
        if z["kind"]:
            body.add(f"*{escape(z['kind'])}*")
        body.add(*_paragraphs(z["rationale"]))
        # The actions' anchors are known once their headings are written: a placeholder.
        zone_blocks.append((len(body.blocks), z))
        body.add("\x00zone")
    if not v["zones"]:
        body.add("Le plan n'a pas de territoire prioritaire.")

    section("actions", "Actions adoptées")
    body.add(escape(v["adopted_summary"], line_start=True))
    for g in v["groups"]:
        anchors[g["anchor"]] = body.heading(2, g["title"])
        for a in g["actions"]:
            anchors[a["anchor"]] = body.heading(3, f"{a['reference']} {a['title']}")
            action_links.append((a, anchors[a["anchor"]]))
            _fiche(body, a)
        if not g["actions"]:
            body.add("Aucune action adoptée pour ce défi.")

    section("annexe", "Annexe : actions à retravailler")
    if v["annex"]:
        body.add(
            "Ces actions ont été soumises au vote sans être adoptées ; elles restent au travail "
            "et ne font pas partie du plan."
        )
        for a in v["annex"]:
            anchors[a["anchor"]] = body.heading(3, f"{a['reference']} {a['title']}")
            _fiche(body, a)
    else:
        body.add("Aucune action à retravailler.")

    p = v["participation"]
    section("participation", "Participation")
    body.bullets((f"{bold(label)} : {escape(value)}" for label, value in p["figures"]), True)
    if p["colleges"]:
        body.table(
            "Membres et votant·es par collège",
            ["Collège", "Poids", "Membres", "Votant·es"],
            ([c["college"], c["weight"], c["members"], c["voters"]] for c in p["colleges"]),
            right=[1, 2, 3],
        )
    if p["workshops"]:
        body.table(
            "Ateliers et participation",
            ["Atelier", "Date", "Format", "Présent·es", "Détail"],
            (
                [w["title"], w["date"], w["format"], w["attendance"], w["detail"]]
                for w in p["workshops"]
            ),
            right=[3],
        )

    section("financement", "Financement du plan")
    body.add(
        f"Budget des actions adoptées : **{escape(v['budget_total'])}** ; financements "
        f"inscrits : **{escape(v['funding_total'])}**."
    )
    t = v["budget_by_challenge"]
    if t:
        body.table(
            "Budget des actions adoptées par défi et par année",
            ["Défi", *map(str, t["years"]), "Total"],
            ([row["label"], *row["amounts"], row["total"]] for row in t["rows"]),
            right=range(1, len(t["years"]) + 2),
            foot=["Total", *t["totals"], t["total"]],
        )
    else:
        body.add("Aucun budget dans les actions adoptées.")
    t = v["funding_by_nature"]
    if t:
        body.table(
            "Financements des actions adoptées par nature et par statut",
            ["Nature", *(s[:1].upper() + s[1:] for s in t["statuses"]), "Total"],
            ([row["label"], *row["amounts"], row["total"]] for row in t["rows"]),
            right=range(1, len(t["statuses"]) + 2),
            foot=["Total", *t["totals"], t["total"]],
        )
    else:
        body.add("Aucun financement dans les actions adoptées.")

    co = v["companies"]
    section("entreprises", "Entreprises engagées")
    body.add(escape(co["summary"], line_start=True))
    if co["by_size_and_kind"]:
        body.table(
            "Engagements des entreprises par taille et par type d'engagement",
            ["Taille", "Type d'engagement", "Entreprises", "Engagements", "Valorisation"],
            (
                [r["size"], r["kind"], r["organizations"], r["commitments"], r["valuation"]]
                for r in co["by_size_and_kind"]
            ),
            right=[2, 3, 4],
        )
    if co["commitments"]:
        body.table(
            "Liste des engagements",
            ["Entreprise", "Taille", "Engagement", "Action", "Description", "Valorisation"],
            (
                [
                    r["organization"],
                    r["size"],
                    r["kind"],
                    r["action"] or "–",
                    r["description"],
                    r["valuation"],
                ]
                for r in co["commitments"]
            ),
            right=[5],
        )
    else:
        body.add("Aucun engagement d'entreprise enregistré.")

    section("label", "Préparation au label French Impact")
    body.add(escape(v["readiness_summary"], line_start=True))
    for index, c in enumerate(v["readiness"], start=1):
        body.heading(3, f"{index}. {c['title']}")
        body.add(bold("✓ Condition remplie") if c["met"] else bold("✗ Condition non remplie"))
        body.heading(4, "Ce que le plan contient")
        if c["holds"]:
            body.bullets(c["holds"])
        else:
            body.add("Rien pour l'instant.")
        body.heading(4, "Ce qui manque")
        if c["missing"]:
            body.bullets(c["missing"])
        else:
            body.add("Rien ne manque.")

    section("historique", "Historique des modifications")
    body.add(user_markdown(v["changelog"], 3) or "Aucune modification notée pour cette version.")

    section("colophon", "Colophon")
    body.add(
        f"{escape(v['title'], line_start=True)} — {escape(v['version_line'])}.",
        f"Document établi par Cap Commun à partir de l'instantané figé de la version "
        f"{document.number} (schéma {escape(v['schema_version'])}). Le même instantané donne "
        "le même document, quel que soit le format.",
        f"Empreinte SHA-256 de l'instantané (JSON canonique) : `{document.sha256}`",
    )

    # Zones: now that every action has its anchor.
    links = {a["reference"]: target for a, target in action_links}
    for position, z in zone_blocks:
        if z["actions"]:
            items = [
                _link(f"{a['reference']} {a['title']}", links[a["reference"]])
                if a["reference"] in links
                else escape(a["reference"])
                for a in z["actions"]
            ]
            body.blocks[position] = "Actions adoptées dans ce territoire :\n\n" + "\n".join(
                f"- {item}" for item in items
            )
        else:
            body.blocks[position] = "Aucune action adoptée dans ce territoire pour l'instant."

    # The cover and the table of contents, before the body.
    head = Writer()
    head.add(f"# {escape(v['title'])}")
    cover = escape(v["territory"], line_start=True)
    if v["scale"]:
        cover += f" ({escape(v['scale'])})"
    cover += f" · Horizon {escape(v['horizon'])}"
    if v["lead"]:
        cover += f" · Chef de file : {escape(v['lead'])}"
    head.add(cover, *_paragraphs(v["summary"]))
    head.add(f"{bold(v['version_line'])} · Empreinte `{v['short_hash']}`")
    head.add("## Sommaire")

    def entry(indent: str, marker: str, text: str, key: str) -> str:
        return f"{indent}{marker} {_link(text, anchors[key])}"

    toc = [
        entry("", "1.", "Introduction", "introduction"),
        entry("", "2.", "Les défis du plan", "defis"),
        *(
            entry("   ", "-", f"Défi {c['position']} : {c['title']}", c["anchor"])
            for c in v["challenges"]
        ),
        entry("", "3.", "Territoires prioritaires", "territoires"),
        entry("", "4.", "Actions adoptées", "actions"),
    ]
    for g in v["groups"]:
        toc.append(entry("   ", "-", g["short_title"], g["anchor"]))
        toc += [
            entry("     ", "-", f"{a['reference']} {a['title']}", a["anchor"]) for a in g["actions"]
        ]
    toc.append(entry("", "5.", "Annexe : actions à retravailler", "annexe"))
    toc += [entry("   ", "-", f"{a['reference']} {a['title']}", a["anchor"]) for a in v["annex"]]
    toc += [
        entry("", "6.", "Participation", "participation"),
        entry("", "7.", "Financement du plan", "financement"),
        entry("", "8.", "Entreprises engagées", "entreprises"),
        entry("", "9.", "Préparation au label French Impact", "label"),
        entry("", "10.", "Historique des modifications", "historique"),
        entry("", "11.", "Colophon", "colophon"),
    ]
    head.add("\n".join(toc))
    return head.text() + "\n" + body.text()


def render_md(document: Document) -> bytes:
    return markdown_text(document).encode("utf-8")


render = render_md
