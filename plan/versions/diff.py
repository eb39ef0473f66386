"""Comparing two snapshots of the plan: what a new version changes.

`diff_snapshots` is pure: it reads two snapshots (plain dicts, see `snapshot.py`) and
returns plain, JSON-ready data, so the comparison page, the pre-filled changelog and any
export can share it. Word-level diffs reuse `plan.actions.diff.word_diff` and are kept as
lists of `{"kind": "equal" | "delete" | "insert", "text": ...}`.

`changelog_of` writes the French Markdown changelog of a new version from that diff (the
plan document is French whatever the reader's language).

Shape of a diff (amounts are euro cents):

    unchanged        True when nothing below differs
    totals           added, removed, changed (numbers of actions, both sections),
                     budget and funding: {old, new, difference} for the adopted plan
    actions          added, removed: [ActionSummary]; changed: [ActionChange]
    challenges       added, removed: [{position, title}]; changed: [{position, title, fields}]
    objectives       added, removed: [{reference, title}];
                     changed: [{reference, title, fields}]
    indicators       added, removed: [{objective, name, unit, baseline_value, target_value,
                     target_year}]; changed: [{objective, name, changes: [{field, old, new}]}]
    zones            added, removed: [{name, kind_label}]; changed: [{name, fields}]
    introduction     {changed: bool, ops: [...]}
    other_changes    snapshot sections that differ and are not detailed (plan, colleges,
                     participation, companies, organizations)

    ActionSummary    reference, title, challenge, section ("actions" or "annex"),
                     status_label, result_label, budget_total_cents, funding_total_cents
    ActionChange     reference, title, old_title, challenge, section, old_section,
                     section_changed, revision {old, new}, status None | {old, new},
                     fields [FieldChange], field_names [codes], result None | {old, new}
                     each {label, outcome, ballot, sentence}, budget {old, new, difference},
                     funding {old, new, difference}, budget_years [{year, old, new,
                     difference}] (only the years whose amount changed)
    FieldChange      field (code), old, new (plain text, one line per item), ops
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_currency, format_decimal

from plan.actions.diff import word_diff

# The plan document's language: the changelog and the texts compared are French.
LOCALE = "fr"
MINUS = "\u2212"

SECTIONS = ("actions", "annex")

# Fields of an action, in the fiche's order. "years" joins first_year and last_year.
ACTION_FIELDS = (
    "title",
    "objectives",
    "context",
    "objectives_text",
    "description",
    "expected_results",
    "lead_organization",
    "lead_contact",
    "partners",
    "target_audiences",
    "zones",
    "years",
    "budget_lines",
    "funding_lines",
    "indicators",
    "priority",
)

FIELD_NAMES_FR = {
    "title": "intitulé",
    "objectives": "objectifs du plan",
    "context": "contexte",
    "objectives_text": "objectifs de l'action",
    "description": "description",
    "expected_results": "résultats attendus",
    "lead_organization": "chef de file",
    "lead_contact": "contact",
    "partners": "partenaires",
    "target_audiences": "publics cibles",
    "zones": "territoires prioritaires",
    "years": "années",
    "budget_lines": "budget",
    "funding_lines": "plan de financement",
    "indicators": "indicateurs",
    "priority": "priorité",
    # challenges, objectives and zones
    "dimension": "dimension",
    "rationale": "justification",
    "kind": "type",
}

INDICATOR_FIELDS = (
    "unit",
    "kind",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "source",
)

INDICATOR_FIELD_NAMES_FR = {
    "unit": "unité",
    "kind": "type",
    "baseline_value": "valeur de départ",
    "baseline_year": "année de référence",
    "target_value": "cible",
    "target_year": "année cible",
    "source": "source",
}

# Sections compared as a whole: they only say "updated". The others (funding,
# zones_actions, label_readiness) follow from what is detailed; the changelog differs
# from one version to the next by nature.
OTHER_SECTIONS = ("plan", "colleges", "participation", "companies", "organizations")

OTHER_SECTION_NAMES_FR = {
    "plan": "présentation du plan",
    "colleges": "collèges",
    "participation": "participation",
    "companies": "entreprises engagées",
    "organizations": "structures",
}


# --------------------------------------------------------------------------- formatting


def euros(cents: int | None) -> str:
    """« 12 500 € », exactly as `plan.formatting.euros_filter` writes it in French."""
    if cents is None:
        return ""
    value = Decimal(cents) / 100
    if value == int(value):
        return format_currency(
            int(value), "EUR", format="#,##0\u00a0¤", currency_digits=False, locale=LOCALE
        )
    return format_currency(value, "EUR", locale=LOCALE)


def signed_euros(cents: int) -> str:
    """« +120 000 € », « \u22125 000 € » (with a minus sign), « 0 € »."""
    sign = "+" if cents > 0 else MINUS if cents < 0 else ""
    return sign + euros(abs(cents))


def number(value: Any) -> str:
    """An indicator value in French (« 4 000 », « 12,5 »), « ? » when missing."""
    if value is None or value == "":
        return "?"
    try:
        decimal = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    if decimal == decimal.to_integral():
        decimal = decimal.quantize(Decimal(1))
    return format_decimal(decimal, locale=LOCALE)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --------------------------------------------------------------------------- helpers


def _ops(old: str, new: str) -> list[dict[str, str]]:
    return [{"kind": op.kind, "text": op.text} for op in word_diff(old, new)]


def _field_change(field: str, old: str, new: str) -> dict[str, Any]:
    return {"field": field, "old": old, "new": new, "ops": _ops(old, new)}


def _amount(old: int, new: int) -> dict[str, int]:
    return {"old": old, "new": new, "difference": new - old}


def _reference_key(reference: str) -> tuple[tuple[int, int | str], ...]:
    """« 1.10 » after « 1.9 »: numbers compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|\D+", reference or "")
    )


def _same_value(old: Any, new: Any) -> bool:
    """Indicator values as text: « 30 » and « 30.0 » are the same number."""
    if old == new:
        return True
    try:
        return Decimal(str(old)) == Decimal(str(new))
    except (InvalidOperation, TypeError, ValueError):
        return False


def _keyed(items: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict:
    return {key(item): item for item in items}


# --------------------------------------------------------------------------- actions


def _field_text(action: dict[str, Any], field: str) -> str:
    """One field of an action as plain French text, one line per item."""
    fiche = action.get("fiche") or {}
    if field == "title":
        return action.get("title") or ""
    if field in ("objectives", "zones"):
        return "\n".join(fiche.get(field) or [])
    if field == "partners":
        return "\n".join(
            f"{p.get('organization') or '?'} ({p.get('role_label') or p.get('role') or '?'})"
            for p in fiche.get("partners") or []
        )
    if field == "years":
        first, last = fiche.get("first_year"), fiche.get("last_year")
        if first and last and first != last:
            return f"{first}–{last}"
        return str(first or last or "")
    if field == "budget_lines":
        lines = sorted(
            fiche.get("budget_lines") or [], key=lambda line: (line["year"], line["kind"])
        )
        return "\n".join(
            f"{line['year']} · {line.get('kind_label') or line['kind']} · "
            f"{euros(line['amount_cents'])}"
            for line in lines
        )
    if field == "funding_lines":
        return "\n".join(
            f"{line.get('funder') or '?'} · {line.get('nature_label') or line.get('nature')} · "
            f"{line.get('status_label') or line.get('status')} · {euros(line['amount_cents'])}"
            for line in fiche.get("funding_lines") or []
        )
    if field == "indicators":
        return "\n".join(
            f"{line.get('name') or '?'} ({line.get('unit') or '?'}, "
            f"{line.get('kind_label') or line.get('kind') or '?'}) : "
            f"{line.get('baseline') or '?'} → {line.get('target') or '?'}"
            for line in fiche.get("indicators") or []
        )
    if field == "priority":
        return fiche.get("priority_label") or fiche.get("priority") or ""
    value = fiche.get(field)
    return "" if value is None else str(value)


def _result_label(result: dict[str, Any] | None) -> str:
    """« Bien (adoptée) » with a majority grade, « Adoptée » without."""
    if not result:
        return ""
    outcome = result.get("outcome_label") or ""
    grade = result.get("majority_grade_label") or ""
    if grade and outcome:
        return f"{grade} ({_lower_first(outcome)})"
    return grade or outcome


def _result_side(result: dict[str, Any] | None) -> dict[str, Any]:
    result = result or {}
    return {
        "label": _result_label(result),
        "outcome": result.get("outcome"),
        "ballot": result.get("ballot"),
        "sentence": result.get("sentence") or "",
    }


def _result_key(result: dict[str, Any] | None) -> tuple[Any, ...]:
    result = result or {}
    return (result.get("ballot"), result.get("outcome"), result.get("majority_grade"))


def _cents(action: dict[str, Any], key: str) -> int:
    return int((action.get("fiche") or {}).get(key) or 0)


def _budget_by_year(action: dict[str, Any]) -> dict[int, int]:
    years: dict[int, int] = {}
    for line in (action.get("fiche") or {}).get("budget_lines") or []:
        years[line["year"]] = years.get(line["year"], 0) + line["amount_cents"]
    return years


def _action_summary(action: dict[str, Any], section: str) -> dict[str, Any]:
    return {
        "reference": action.get("reference"),
        "title": action.get("title") or "",
        "challenge": action.get("challenge"),
        "section": section,
        "status_label": action.get("status_label") or "",
        "result_label": _result_label(action.get("result")),
        "budget_total_cents": _cents(action, "budget_total_cents"),
        "funding_total_cents": _cents(action, "funding_total_cents"),
    }


def _action_change(
    old: dict[str, Any], old_section: str, new: dict[str, Any], section: str
) -> dict[str, Any] | None:
    """What changed in one action, or None when nothing a reader sees did."""
    fields = []
    for field in ACTION_FIELDS:
        before, after = _field_text(old, field), _field_text(new, field)
        if before != after:
            fields.append(_field_change(field, before, after))
    result = None
    if _result_key(old.get("result")) != _result_key(new.get("result")):
        result = {"old": _result_side(old.get("result")), "new": _result_side(new.get("result"))}
    status = None
    if old_section != section or old.get("status") != new.get("status"):
        status = {"old": old.get("status_label") or "", "new": new.get("status_label") or ""}
    budget = _amount(_cents(old, "budget_total_cents"), _cents(new, "budget_total_cents"))
    funding = _amount(_cents(old, "funding_total_cents"), _cents(new, "funding_total_cents"))
    if not (fields or result or status or budget["difference"] or funding["difference"]):
        return None
    old_years, new_years = _budget_by_year(old), _budget_by_year(new)
    budget_years = [
        {"year": year, **_amount(old_years.get(year, 0), new_years.get(year, 0))}
        for year in sorted(set(old_years) | set(new_years))
        if old_years.get(year, 0) != new_years.get(year, 0)
    ]
    return {
        "reference": new.get("reference"),
        "title": new.get("title") or "",
        "old_title": old.get("title") or "",
        "challenge": new.get("challenge"),
        "section": section,
        "old_section": old_section,
        "section_changed": old_section != section,
        "revision": {"old": old.get("revision"), "new": new.get("revision")},
        "status": status,
        "fields": fields,
        "field_names": [change["field"] for change in fields],
        "result": result,
        "budget": budget,
        "funding": funding,
        "budget_years": budget_years,
    }


def _actions_by_reference(snapshot: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for section in SECTIONS:
        for action in snapshot.get(section) or []:
            found[action.get("reference")] = (action, section)
    return found


def _diff_actions(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Actions matched by reference across both sections: an action moved from the annex
    to the adopted actions is changed (its result and section), not removed and added."""
    before, after = _actions_by_reference(old), _actions_by_reference(new)
    references = sorted(set(before) | set(after), key=_reference_key)
    added, removed, changed = [], [], []
    for reference in references:
        if reference not in before:
            added.append(_action_summary(*after[reference]))
        elif reference not in after:
            removed.append(_action_summary(*before[reference]))
        else:
            change = _action_change(*before[reference], *after[reference])
            if change is not None:
                changed.append(change)
    return {"added": added, "removed": removed, "changed": changed}


def _plan_total(snapshot: dict[str, Any], key: str) -> int:
    """The plan's budget or funding: its adopted actions (the funding summary's total)."""
    funding = snapshot.get("funding") or {}
    if funding.get(key) is not None:
        return int(funding[key])
    return sum(_cents(action, key) for action in snapshot.get("actions") or [])


# --------------------------------------------------------------------------- the frame


def _fields_of(old: dict[str, Any], new: dict[str, Any], names: dict[str, str]) -> list[dict]:
    """Text fields (code → key in the snapshot) that differ, with a word diff."""
    changes = []
    for field, key in names.items():
        before, after = str(old.get(key) or ""), str(new.get(key) or "")
        if before != after:
            changes.append(_field_change(field, before, after))
    return changes


def _empty() -> dict[str, list[dict[str, Any]]]:
    return {"added": [], "removed": [], "changed": []}


def _indicator_summary(objective: str, indicator: dict[str, Any]) -> dict[str, Any]:
    return {
        "objective": objective,
        "name": indicator.get("name") or "",
        "unit": indicator.get("unit") or "",
        "baseline_value": indicator.get("baseline_value"),
        "target_value": indicator.get("target_value"),
        "target_year": indicator.get("target_year"),
    }


def _diff_indicators(
    objective: str, old: list[dict[str, Any]], new: list[dict[str, Any]], into: dict
) -> None:
    """Indicators of one objective, matched by name."""
    before = _keyed(old, lambda i: i.get("name"))
    after = _keyed(new, lambda i: i.get("name"))
    for name, indicator in after.items():
        if name not in before:
            into["added"].append(_indicator_summary(objective, indicator))
            continue
        previous = before[name]
        changes = [
            {
                "field": field,
                "old": previous.get("kind_label" if field == "kind" else field),
                "new": indicator.get("kind_label" if field == "kind" else field),
            }
            for field in INDICATOR_FIELDS
            if not _same_value(previous.get(field), indicator.get(field))
        ]
        if changes:
            into["changed"].append({"objective": objective, "name": name, "changes": changes})
    for name, indicator in before.items():
        if name not in after:
            into["removed"].append(_indicator_summary(objective, indicator))


def _diff_frame(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Challenges (by position), objectives (by « challenge.objective ») and indicators."""
    challenges, objectives, indicators = _empty(), _empty(), _empty()
    before = _keyed(old.get("challenges") or [], lambda c: c.get("position"))
    after = _keyed(new.get("challenges") or [], lambda c: c.get("position"))
    for position in sorted(set(before) | set(after), key=lambda p: (p is None, p or 0)):
        if position not in before:
            challenges["added"].append({"position": position, "title": after[position]["title"]})
            continue
        if position not in after:
            challenges["removed"].append({"position": position, "title": before[position]["title"]})
            continue
        old_challenge, new_challenge = before[position], after[position]
        fields = _fields_of(
            old_challenge,
            new_challenge,
            {"title": "title", "description": "description", "dimension": "dimension_label"},
        )
        if fields:
            challenges["changed"].append(
                {"position": position, "title": new_challenge["title"], "fields": fields}
            )
        old_objectives = _keyed(old_challenge.get("objectives") or [], lambda o: o["position"])
        new_objectives = _keyed(new_challenge.get("objectives") or [], lambda o: o["position"])
        for number in sorted(set(old_objectives) | set(new_objectives)):
            reference = f"{position}.{number}"
            if number not in old_objectives:
                objectives["added"].append(
                    {"reference": reference, "title": new_objectives[number]["title"]}
                )
                continue
            if number not in new_objectives:
                objectives["removed"].append(
                    {"reference": reference, "title": old_objectives[number]["title"]}
                )
                continue
            old_objective, new_objective = old_objectives[number], new_objectives[number]
            fields = _fields_of(
                old_objective, new_objective, {"title": "title", "description": "description"}
            )
            if fields:
                objectives["changed"].append(
                    {"reference": reference, "title": new_objective["title"], "fields": fields}
                )
            _diff_indicators(
                reference,
                old_objective.get("indicators") or [],
                new_objective.get("indicators") or [],
                indicators,
            )
    return {"challenges": challenges, "objectives": objectives, "indicators": indicators}


def _diff_zones(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    zones = _empty()
    before = _keyed(old.get("zones") or [], lambda z: z.get("name"))
    after = _keyed(new.get("zones") or [], lambda z: z.get("name"))
    for name, zone in after.items():
        if name not in before:
            zones["added"].append({"name": name, "kind_label": zone.get("kind_label") or ""})
            continue
        fields = _fields_of(before[name], zone, {"kind": "kind_label", "rationale": "rationale"})
        if fields:
            zones["changed"].append({"name": name, "fields": fields})
    for name, zone in before.items():
        if name not in after:
            zones["removed"].append({"name": name, "kind_label": zone.get("kind_label") or ""})
    return zones


# --------------------------------------------------------------------------- the diff


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from snapshot `old` to snapshot `new` (plain, JSON-ready data)."""
    actions = _diff_actions(old, new)
    frame = _diff_frame(old, new)
    zones = _diff_zones(old, new)
    old_introduction = old.get("introduction") or ""
    new_introduction = new.get("introduction") or ""
    introduction_changed = old_introduction != new_introduction
    other_changes = [key for key in OTHER_SECTIONS if old.get(key) != new.get(key)]
    budget = _amount(_plan_total(old, "budget_total_cents"), _plan_total(new, "budget_total_cents"))
    funding = _amount(
        _plan_total(old, "funding_total_cents"), _plan_total(new, "funding_total_cents")
    )
    listed = [actions, zones, *frame.values()]
    unchanged = (
        not any(entries for group in listed for entries in group.values())
        and not introduction_changed
        and not other_changes
        and not budget["difference"]
        and not funding["difference"]
    )
    return {
        "unchanged": unchanged,
        "totals": {
            "added": len(actions["added"]),
            "removed": len(actions["removed"]),
            "changed": len(actions["changed"]),
            "budget": budget,
            "funding": funding,
        },
        "actions": actions,
        **frame,
        "zones": zones,
        "introduction": {
            "changed": introduction_changed,
            "ops": _ops(old_introduction, new_introduction) if introduction_changed else [],
        },
        "other_changes": other_changes,
    }


# --------------------------------------------------------------------------- changelog


def _names(fields: Iterable[dict[str, Any]]) -> list[str]:
    return [FIELD_NAMES_FR.get(change["field"], change["field"]) for change in fields]


def _with_details(text: str, details: list[str]) -> str:
    return f"{text} ({', '.join(details)})" if details else text


def _action_lines(actions: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = []
    for action in actions["added"]:
        where = "Action ajoutée en annexe" if action["section"] == "annex" else "Action ajoutée"
        lines.append(f"- {where} : {action['reference']} {action['title']}")
    for action in actions["changed"]:
        details = _names(action["fields"])
        if action["result"]:
            result = action["result"]
            details.append(f"résultat : {result['old']['label'] or '?'} → {result['new']['label']}")
        elif action["status"]:
            status = action["status"]
            details.append(f"statut : {status['old']} → {status['new']}")
        if not action["fields"] and action["budget"]["difference"]:
            details.append("budget")
        if not action["fields"] and action["funding"]["difference"]:
            details.append("financements")
        line = f"- Action modifiée : {action['reference']} {action['title']}"
        lines.append(_with_details(line, details))
    for action in actions["removed"]:
        where = "Action retirée de l'annexe" if action["section"] == "annex" else "Action retirée"
        lines.append(f"- {where} : {action['reference']} {action['title']}")
    return lines


def _indicator_details(changes: list[dict[str, Any]]) -> list[str]:
    details = []
    for change in changes:
        field, name = change["field"], INDICATOR_FIELD_NAMES_FR[change["field"]]
        if field in ("baseline_value", "target_value"):
            details.append(f"{name} {number(change['old'])} → {number(change['new'])}")
        elif field == "source":
            details.append(name)
        else:
            details.append(f"{name} {change['old'] or '?'} → {change['new'] or '?'}")
    return details


def _frame_lines(diff: dict[str, Any]) -> list[str]:
    lines = []
    challenges, objectives = diff["challenges"], diff["objectives"]
    lines += [f"- Défi ajouté : {c['position']}. {c['title']}" for c in challenges["added"]]
    lines += [
        _with_details(f"- Défi modifié : {c['position']}. {c['title']}", _names(c["fields"]))
        for c in challenges["changed"]
    ]
    lines += [f"- Défi retiré : {c['position']}. {c['title']}" for c in challenges["removed"]]
    lines += [f"- Objectif ajouté : {o['reference']} {o['title']}" for o in objectives["added"]]
    lines += [
        _with_details(f"- Objectif modifié : {o['reference']} {o['title']}", _names(o["fields"]))
        for o in objectives["changed"]
    ]
    lines += [f"- Objectif retiré : {o['reference']} {o['title']}" for o in objectives["removed"]]
    indicators = diff["indicators"]
    lines += [
        f"- Indicateur ajouté (objectif {i['objective']}) : {i['name']}"
        for i in indicators["added"]
    ]
    lines += [
        _with_details(
            f"- Indicateur modifié (objectif {i['objective']}) : {i['name']}",
            _indicator_details(i["changes"]),
        )
        for i in indicators["changed"]
    ]
    lines += [
        f"- Indicateur retiré (objectif {i['objective']}) : {i['name']}"
        for i in indicators["removed"]
    ]
    return lines


def _zone_lines(zones: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = [f"- Territoire prioritaire ajouté : {z['name']}" for z in zones["added"]]
    lines += [
        _with_details(f"- Territoire prioritaire modifié : {z['name']}", _names(z["fields"]))
        for z in zones["changed"]
    ]
    lines += [f"- Territoire prioritaire retiré : {z['name']}" for z in zones["removed"]]
    return lines


def _amount_line(label: str, amount: dict[str, int]) -> list[str]:
    if not amount["difference"]:
        return []
    return [
        f"- {label} : {euros(amount['old'])} → {euros(amount['new'])} "
        f"({signed_euros(amount['difference'])})"
    ]


def changelog_of(diff: dict[str, Any], previous_number: int) -> str:
    """The French Markdown changelog of a version, from its diff with version
    `previous_number`: one line per change, the plan's budget and funding last."""
    if diff["unchanged"]:
        return f"Depuis la version {previous_number} : aucune modification."
    lines = _action_lines(diff["actions"])
    lines += _frame_lines(diff)
    lines += _zone_lines(diff["zones"])
    if diff["introduction"]["changed"]:
        lines.append("- Introduction modifiée")
    if diff["other_changes"]:
        names = ", ".join(OTHER_SECTION_NAMES_FR[key] for key in diff["other_changes"])
        lines.append(f"- Également mis à jour : {names}")
    lines += _amount_line("Budget du plan", diff["totals"]["budget"])
    lines += _amount_line("Financements du plan", diff["totals"]["funding"])
    return "\n".join([f"Depuis la version {previous_number} :", "", *lines])
