"""The plan document as one standalone HTML file (printable, no external resource).

`build_view` prepares what the document shows from the snapshot (formatted French numbers,
tables pivoted, anchors); the HTML, PDF and Markdown renderers all read it, so that the
three say the same thing. Text written by people stays text: Jinja escapes it, and the
Markdown fields go through `render_markdown` (markdown-it without raw HTML, then nh3).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup

from plan.actions.markdown import render_markdown
from plan.formatting import date_filter, euros_filter, number_filter, percent_filter
from plan.versions.models import VERSION_STATUS_LABELS, VersionStatus
from plan.versions.render import Document
from plan.voting.labels import CHOICE_LABELS, GRADE_LABELS, OUTCOME_SYMBOLS

TEMPLATE = "versions/standalone.html"
CSS_PATH = Path("css") / "document.css"

# Grades from best to worst: the order of a merit profile.
GRADE_ORDER = list(GRADE_LABELS)
FUNDING_STATUS_ORDER = ["secured", "requested", "envisaged"]
DASH = "–"

_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_LINK = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
ABSOLUTE_LINKS = ("http://", "https://", "mailto:")
_NOT_ID = re.compile(r"[^0-9A-Za-z]+")


# --------------------------------------------------------------------------- formatting


def money(cents: int | None) -> str:
    """« 12 500 € » from euro cents (exact: no float on the way)."""
    if cents is None:
        return DASH
    return euros_filter(Decimal(cents) / 100)


def number(value: Any) -> str:
    """An indicator value as typed ("12.5") in French (« 12,5 »); text stays text."""
    if value is None or value == "":
        return DASH
    if isinstance(value, int):
        return number_filter(value)
    try:
        return number_filter(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def long_date(iso: str | None) -> str:
    """« 17 mai 2021 » from "2021-05-17"; anything else is printed as it is."""
    if not iso:
        return ""
    try:
        return date_filter(dt.date.fromisoformat(str(iso)[:10]), "long")
    except ValueError:
        return str(iso)


def years_text(first: int | None, last: int | None) -> str:
    if first and last and first != last:
        return f"{first}–{last}"
    return str(first or last or DASH)


def share_percent(share: str | None) -> str:
    """« 26,6 % » from an exact share "93/350" (one decimal, half up)."""
    try:
        fraction = Fraction(share or "0")
    except (ValueError, ZeroDivisionError):
        return DASH
    value = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    return percent_filter(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def anchor(prefix: str, key: Any, taken: set[str]) -> str:
    """A unique id made of ASCII letters, digits and hyphens, whatever the key holds."""
    base = f"{prefix}-{_NOT_ID.sub('-', str(key)).strip('-') or 'x'}"
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    taken.add(candidate)
    return candidate


def reference_key(reference: str) -> tuple:
    """Natural order of references: 1.2 before 1.10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"[.\s-]+", str(reference))
    )


def _absolute_links_only(match: re.Match[str]) -> str:
    """A standalone file has nowhere for a relative link to go: it becomes its text."""
    href = _HREF.search(match.group(1))
    url = html_lib.unescape(href.group(1)).strip().lower() if href else ""
    return match.group(0) if url.startswith(ABSOLUTE_LINKS) else match.group(2)


def markdown_html(text: str | None, top_level: int) -> Markup:
    """Sanitised HTML of a Markdown field whose own headings start at `top_level`, with
    links only to http, https and mailto addresses."""
    rendered = _LINK.sub(_absolute_links_only, str(render_markdown(text or "")))
    shift = top_level - 3  # render_markdown puts a « # » heading at h3
    if shift > 0:
        rendered = _HEADING_TAG.sub(
            lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", rendered
        )
    return Markup(rendered)  # noqa: S704 - sanitised by render_markdown, only tags renamed


def plural(count: int, singular: str, plural_form: str) -> str:
    """« 1 action adoptée », « 0 action adoptée », « 3 actions adoptées » (French rule)."""
    return f"{number(count)} {singular if count < 2 else plural_form}"


def _sum_by(items: Iterable[tuple[Any, int]]) -> dict[Any, int]:
    totals: dict[Any, int] = {}
    for key, amount in items:
        totals[key] = totals.get(key, 0) + amount
    return totals


# --------------------------------------------------------------------------- one action


def _budget_table(fiche: dict[str, Any]) -> dict[str, Any] | None:
    lines = fiche.get("budget_lines") or []
    if not lines:
        return None
    years = {line["year"] for line in lines}
    if fiche.get("first_year") and fiche.get("last_year"):
        years |= set(range(fiche["first_year"], fiche["last_year"] + 1))
    years_sorted = sorted(years)
    kinds: dict[str, str] = {}
    for line in lines:
        kinds.setdefault(line["kind"], line.get("kind_label") or line["kind"])
    cells = _sum_by(((line["kind"], line["year"]), line["amount_cents"]) for line in lines)
    rows = []
    for kind, label in kinds.items():
        amounts = [cells.get((kind, year), 0) for year in years_sorted]
        rows.append(
            {
                "label": label,
                "amounts": [money(a) if a else DASH for a in amounts],
                "total": money(sum(amounts)),
            }
        )
    by_year = _sum_by((line["year"], line["amount_cents"]) for line in lines)
    return {
        "years": years_sorted,
        "rows": rows,
        "totals": [money(by_year.get(year, 0)) for year in years_sorted],
        "total": money(sum(line["amount_cents"] for line in lines)),
    }


def _funding_table(fiche: dict[str, Any]) -> dict[str, Any] | None:
    lines = fiche.get("funding_lines") or []
    if not lines:
        return None
    return {
        "rows": [
            {
                "funder": line.get("funder") or "",
                "nature": line.get("nature_label") or line.get("nature") or "",
                "status": line.get("status_label") or line.get("status") or "",
                "amount": money(line.get("amount_cents")),
            }
            for line in lines
        ],
        "total": money(sum(line.get("amount_cents") or 0 for line in lines)),
    }


def _indicator_rows(fiche: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "name": line.get("name") or "",
            "kind": line.get("kind_label") or "",
            "unit": line.get("unit") or "",
            "baseline": number(line.get("baseline")),
            "target": number(line.get("target")),
        }
        for line in fiche.get("indicators") or []
    ]


def _result(result: dict[str, Any] | None) -> dict[str, Any] | None:
    if not result:
        return None
    profile = result.get("profile") or {}
    codes = [g for g in GRADE_ORDER if g in profile] + [g for g in profile if g not in GRADE_LABELS]
    voters = result.get("voters")
    paper = result.get("paper_votes")
    if voters is None:
        voters_text = ""
    else:
        voters_text = f"{number(voters)} votant·es"
        if paper:
            voters_text += f", dont {number(paper)} bulletins papier"
    has_grades = any(c.get("majority_grade_label") for c in result.get("colleges") or [])
    return {
        "ballot": result.get("ballot"),
        "ballot_title": result.get("ballot_title") or "",
        "closed_at": long_date(result.get("closed_at")),
        "method": result.get("method_label") or result.get("method") or "",
        "outcome": result.get("outcome") or "",
        "outcome_label": result.get("outcome_label") or "",
        "symbol": OUTCOME_SYMBOLS.get(result.get("outcome") or "", ""),
        "grade": result.get("majority_grade") or "",
        "grade_label": result.get("majority_grade_label") or "",
        "sentence": result.get("sentence") or "",
        "voters": voters_text,
        "profile": [
            {
                "code": code,
                "label": str(CHOICE_LABELS.get(code, code)),
                "share": share_percent(profile[code]),
            }
            for code in codes
        ],
        "colleges": [
            {
                "college": row.get("college") or "",
                "voters": number(row.get("voters")),
                "grade": row.get("majority_grade") or "",
                "grade_label": row.get("majority_grade_label") or "",
            }
            for row in result.get("colleges") or []
        ],
        "college_grades": has_grades,
    }


def _action(action: dict[str, Any], anchor_id: str, challenges: dict[int, dict]) -> dict:
    fiche = action.get("fiche") or {}
    challenge = challenges.get(action.get("challenge"))
    return {
        "anchor": anchor_id,
        "reference": str(action.get("reference") or ""),
        "title": action.get("title") or "",
        "revision": action.get("revision"),
        "status_label": action.get("status_label") or "",
        "challenge": (
            f"Défi {challenge['position']} : {challenge['title']}"
            if challenge
            else f"Défi {action.get('challenge')}"
        ),
        "lead": fiche.get("lead_organization") or "",
        "contact": fiche.get("lead_contact") or "",
        "partners": [
            {
                "name": p.get("organization") or "(structure retirée)",
                "role": p.get("role_label") or "",
            }
            for p in fiche.get("partners") or []
        ],
        "audiences": fiche.get("target_audiences") or "",
        "years": years_text(fiche.get("first_year"), fiche.get("last_year")),
        "zones": list(fiche.get("zones") or []),
        "objectives": list(fiche.get("objectives") or []),
        "priority": fiche.get("priority_label") or "",
        "texts": [
            (label, fiche.get(key) or "")
            for key, label in (
                ("context", "Contexte"),
                ("objectives_text", "Objectifs de l'action"),
                ("description", "Description et étapes"),
                ("expected_results", "Résultats attendus"),
            )
            if (fiche.get(key) or "").strip()
        ],
        "budget": _budget_table(fiche),
        "budget_total": money(fiche.get("budget_total_cents") or 0),
        "funding": _funding_table(fiche),
        "funding_total": money(fiche.get("funding_total_cents") or 0),
        "indicators": _indicator_rows(fiche),
        "result": _result(action.get("result")),
    }


# --------------------------------------------------------------------------- the document


def _budget_by_challenge(snapshot: dict[str, Any], challenges: dict[int, dict]) -> dict | None:
    funding = snapshot.get("funding") or {}
    cells = funding.get("budget_by_challenge_year") or []
    if not cells:
        return None
    years = sorted({*(funding.get("years") or []), *(c["year"] for c in cells)})
    positions = sorted({*challenges, *(c["challenge"] for c in cells)})
    amounts = _sum_by(((c["challenge"], c["year"]), c["amount_cents"]) for c in cells)
    rows = []
    for position in positions:
        values = [amounts.get((position, year), 0) for year in years]
        challenge = challenges.get(position)
        rows.append(
            {
                "label": f"Défi {position}" + (f" : {challenge['title']}" if challenge else ""),
                "amounts": [money(v) if v else DASH for v in values],
                "total": money(sum(values)),
            }
        )
    by_year = _sum_by((c["year"], c["amount_cents"]) for c in cells)
    return {
        "years": years,
        "rows": rows,
        "totals": [money(by_year.get(year, 0)) for year in years],
        "total": money(sum(c["amount_cents"] for c in cells)),
    }


def _funding_by_nature(snapshot: dict[str, Any]) -> dict | None:
    cells = (snapshot.get("funding") or {}).get("funding_by_nature_status") or []
    if not cells:
        return None
    statuses: dict[str, str] = {}
    for code in FUNDING_STATUS_ORDER + sorted({c["status"] for c in cells}):
        label = next((c.get("status_label") for c in cells if c["status"] == code), None)
        if label is not None and code not in statuses:
            statuses[code] = label or code
    natures: dict[str, str] = {}
    for cell in cells:
        natures.setdefault(cell["nature"], cell.get("nature_label") or cell["nature"])
    amounts = _sum_by(((c["nature"], c["status"]), c["amount_cents"]) for c in cells)
    rows = []
    for nature, label in natures.items():
        values = [amounts.get((nature, status), 0) for status in statuses]
        rows.append(
            {
                "label": label,
                "amounts": [money(v) if v else DASH for v in values],
                "total": money(sum(values)),
            }
        )
    by_status = _sum_by((c["status"], c["amount_cents"]) for c in cells)
    return {
        "statuses": list(statuses.values()),
        "rows": rows,
        "totals": [money(by_status.get(status, 0)) for status in statuses],
        "total": money(sum(c["amount_cents"] for c in cells)),
    }


def _companies(snapshot: dict[str, Any], anchors: dict[str, str]) -> dict[str, Any]:
    companies = snapshot.get("companies") or {}
    count = companies.get("companies") or 0
    commitments = len(companies.get("commitments") or [])
    return {
        "summary": (
            f"{plural(count, 'entreprise engagée', 'entreprises engagées')}, "
            f"{plural(commitments, 'engagement', 'engagements')}, valorisation totale : "
            f"{money(companies.get('valuation_cents') or 0)}."
        ),
        "by_size_and_kind": [
            {
                "size": row.get("size_class_label") or "Taille non renseignée",
                "kind": row.get("kind_label") or row.get("kind") or "",
                "organizations": number(row.get("organizations") or 0),
                "commitments": number(row.get("commitments") or 0),
                "valuation": money(row.get("valuation_cents") or 0),
            }
            for row in companies.get("by_size_and_kind") or []
        ],
        "commitments": [
            {
                "organization": row.get("organization") or "",
                "size": row.get("size_class_label") or "Taille non renseignée",
                "kind": row.get("kind_label") or row.get("kind") or "",
                "action": row.get("action") or "",
                "action_anchor": anchors.get(row.get("action") or ""),
                "description": row.get("description") or "",
                "valuation": money(row["valuation_cents"]) if row.get("valuation_cents") else DASH,
            }
            for row in companies.get("commitments") or []
        ],
    }


def _participation(snapshot: dict[str, Any]) -> dict[str, Any]:
    participation = snapshot.get("participation") or {}
    figures = [
        ("Membres", participation.get("members")),
        ("Votant·es", participation.get("voters")),
        ("Actions proposées", participation.get("proposals")),
        ("Commentaires", participation.get("comments")),
        ("Amendements", participation.get("amendments")),
        ("Votes exprimés", participation.get("votes")),
        ("Scrutins clos", participation.get("ballots")),
        ("Ateliers", len(participation.get("workshops") or [])),
        ("Présences en atelier", participation.get("workshop_attendance")),
    ]
    workshops = []
    for workshop in participation.get("workshops") or []:
        if not isinstance(workshop, dict):
            workshops.append(
                {"title": str(workshop), "date": "", "format": "", "attendance": "", "detail": ""}
            )
            continue
        attendance = workshop.get("attendance", workshop.get("participants"))
        workshops.append(
            {
                "title": workshop.get("title") or workshop.get("name") or "",
                "date": long_date(workshop.get("date") or workshop.get("held_on")),
                "format": workshop.get("format_label") or "",
                "attendance": number(attendance) if attendance is not None else DASH,
                "detail": workshop_detail(workshop),
            }
        )
    return {
        "figures": [(label, number(value or 0)) for label, value in figures],
        "colleges": [
            {
                "college": row.get("college") or "",
                "weight": percent_filter(Decimal(row["weight"])) if row.get("weight") else DASH,
                "members": number(row.get("members") or 0),
                "voters": number(row.get("voters") or 0),
            }
            for row in participation.get("colleges") or []
        ],
        "workshops": workshops,
    }


def workshop_detail(workshop: dict[str, Any]) -> str:
    """« dont 4 sans appareil ; Entreprises 6, Financeurs 4 » (the same in every format)."""
    parts = []
    without_device = workshop.get("attendees_without_device")
    if without_device:
        parts.append(f"dont {number(without_device)} sans appareil")
    colleges = ", ".join(
        f"{row.get('college') or 'Sans collège'} {number(row.get('attendance') or 0)}"
        for row in workshop.get("colleges") or []
    )
    if colleges:
        parts.append(colleges)
    return " ; ".join(parts)


def status_label(document: Document) -> str:
    """The version's status in French, whatever the locale its label was written in."""
    try:
        return str(VERSION_STATUS_LABELS[VersionStatus(document.status)])
    except (KeyError, ValueError):
        return document.status_label


def build_view(document: Document) -> dict[str, Any]:
    """Everything the document prints, in order, formatted in French (call it inside
    `force_locale("fr")` and an app context)."""
    snapshot = document.snapshot
    plan = snapshot.get("plan") or {}
    taken: set[str] = {
        "couverture",
        "sommaire",
        "introduction",
        "defis",
        "territoires",
        "actions",
        "annexe",
        "participation",
        "financement",
        "entreprises",
        "label",
        "historique",
        "colophon",
    }
    challenges_by_position = {c["position"]: c for c in snapshot.get("challenges") or []}

    challenges = []
    for challenge in snapshot.get("challenges") or []:
        challenges.append(
            {
                "anchor": anchor("defi", challenge["position"], taken),
                "position": challenge["position"],
                "title": challenge.get("title") or "",
                "dimension": challenge.get("dimension_label") or "",
                "description": challenge.get("description") or "",
                "objectives": [
                    {
                        "number": f"{challenge['position']}.{objective['position']}",
                        "title": objective.get("title") or "",
                        "description": objective.get("description") or "",
                        "indicators": [
                            {
                                "name": i.get("name") or "",
                                "kind": i.get("kind_label") or "",
                                "unit": i.get("unit") or "",
                                "baseline": number(i.get("baseline_value")),
                                "baseline_year": i.get("baseline_year") or "",
                                "target": number(i.get("target_value")),
                                "target_year": i.get("target_year") or "",
                                "source": i.get("source") or "",
                            }
                            for i in objective.get("indicators") or []
                        ],
                    }
                    for objective in challenge.get("objectives") or []
                ],
            }
        )

    adopted = sorted(
        snapshot.get("actions") or [],
        key=lambda a: (a.get("challenge") or 0, reference_key(a.get("reference") or "")),
    )
    action_anchors: dict[str, str] = {}
    prepared = []
    for action in adopted:
        anchor_id = anchor("action", action.get("reference"), taken)
        action_anchors.setdefault(str(action.get("reference")), anchor_id)
        prepared.append(_action(action, anchor_id, challenges_by_position))

    groups = []
    positions = list(challenges_by_position)
    positions += sorted({a.get("challenge") for a in adopted} - set(positions), key=str)
    for position in positions:
        challenge = challenges_by_position.get(position)
        members = [
            p for p, a in zip(prepared, adopted, strict=True) if a.get("challenge") == position
        ]
        groups.append(
            {
                "anchor": anchor("actions-defi", position, taken),
                "title": (
                    f"Actions adoptées — Défi {position} : {challenge['title']}"
                    if challenge
                    else f"Actions adoptées — Défi {position}"
                ),
                "short_title": f"Défi {position}"
                + (f" : {challenge['title']}" if challenge else ""),
                "actions": members,
            }
        )

    annex = [
        _action(action, anchor("annexe", action.get("reference"), taken), challenges_by_position)
        for action in sorted(
            snapshot.get("annex") or [],
            key=lambda a: (a.get("challenge") or 0, reference_key(a.get("reference") or "")),
        )
    ]

    titles = {str(a.get("reference")): a.get("title") or "" for a in adopted}
    zones_actions = {
        z.get("zone"): z.get("actions") or [] for z in snapshot.get("zones_actions") or []
    }
    zones = [
        {
            "anchor": anchor("territoire", index, taken),
            "name": zone.get("name") or "",
            "kind": zone.get("kind_label") or "",
            "rationale": zone.get("rationale") or "",
            "actions": [
                {
                    "reference": str(reference),
                    "title": titles.get(str(reference), ""),
                    "anchor": action_anchors.get(str(reference)),
                }
                for reference in zones_actions.get(zone.get("name"), [])
            ],
        }
        for index, zone in enumerate(snapshot.get("zones") or [], start=1)
    ]

    readiness = [
        {
            "code": condition.get("code") or "",
            "title": condition.get("title") or "",
            "met": bool(condition.get("met")),
            "holds": list(condition.get("holds") or []),
            "missing": list(condition.get("missing") or []),
        }
        for condition in snapshot.get("label_readiness") or []
    ]

    funding = snapshot.get("funding") or {}
    status = status_label(document)
    version_line = f"Version {document.number} — {status} — {long_date(document.date)}"
    return {
        "title": plan.get("title") or "",
        "territory": plan.get("territory_name") or "",
        "scale": plan.get("territory_scale_label") or "",
        "horizon": years_text(plan.get("first_year"), plan.get("last_year")),
        "lead": plan.get("lead_organization") or "",
        "summary": plan.get("summary") or "",
        "version": f"Version {document.number}",
        "status": status,
        "date": long_date(document.date),
        "version_line": version_line,
        "short_hash": document.short_hash,
        "sha256": document.sha256,
        "schema_version": snapshot.get("schema_version"),
        "filename": document.filename("pdf").rsplit(".", 1)[0],
        "introduction": snapshot.get("introduction") or "",
        "changelog": snapshot.get("changelog") or "",
        "challenges": challenges,
        "zones": zones,
        "groups": groups,
        "adopted_count": len(prepared),
        "adopted_summary": (
            f"{plural(len(prepared), 'action adoptée', 'actions adoptées')}, par défi et par "
            "référence, chacune dans la révision qui a été soumise au vote."
        ),
        "annex": annex,
        "participation": _participation(snapshot),
        "budget_by_challenge": _budget_by_challenge(snapshot, challenges_by_position),
        "funding_by_nature": _funding_by_nature(snapshot),
        "budget_total": money(funding.get("budget_total_cents") or 0),
        "funding_total": money(funding.get("funding_total_cents") or 0),
        "companies": _companies(snapshot, action_anchors),
        "readiness": readiness,
        "readiness_summary": (
            plural(
                sum(1 for c in readiness if c["met"]), "condition remplie", "conditions remplies"
            )
            + f" sur {len(readiness)}."
        ),
    }


def document_css() -> str:
    path = Path(current_app.static_folder or "static") / CSS_PATH
    return path.read_text(encoding="utf-8")


def standalone_html(document: Document) -> str:
    """The whole file as text: doctype, inlined CSS and the document's article."""
    with force_locale("fr"):
        view = build_view(document)
        template = current_app.jinja_env.get_template(TEMPLATE)
        return template.render(
            doc=document,
            v=view,
            css=Markup(document_css()),  # noqa: S704 - the app's own stylesheet
            markdown_html=markdown_html,
        )


def document_view(document: Document) -> dict[str, Any]:
    """What templates/versions/_document.html prints, for the web page of a version."""
    with force_locale("fr"):
        return build_view(document)


def render_html(document: Document) -> bytes:
    return standalone_html(document).encode("utf-8")


render = render_html
