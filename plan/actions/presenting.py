"""A fiche's content as people read it: names instead of ids, euros instead of cents.

The same text serves the fiche page, the history's field-by-field diff and (later) exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from plan.actions.content import TEXT_FIELDS, budget_summary, complete_content
from plan.actions.models import (
    BUDGET_KIND_LABELS,
    FUNDING_NATURE_LABELS,
    FUNDING_STATUS_LABELS,
    PARTNER_ROLE_LABELS,
    PRIORITY_LABELS,
    BudgetKind,
    FundingNature,
    FundingStatus,
    PartnerRole,
    Priority,
)
from plan.formatting import euros_filter
from plan.frame.models import INDICATOR_KIND_LABELS, IndicatorKind, Plan

FIELD_LABELS = {
    "title": _l("Title"),
    "objective_ids": _l("Objectives"),
    "context": _l("Context"),
    "objectives_text": _l("Aims of the action"),
    "description": _l("Description and steps"),
    "expected_results": _l("Expected results"),
    "lead_organization_id": _l("Lead organisation"),
    "lead_contact": _l("Contact"),
    "partners": _l("Partners"),
    "target_audiences": _l("Target audiences"),
    "zone_ids": _l("Priority territories"),
    "first_year": _l("First year"),
    "last_year": _l("Last year"),
    "budget_lines": _l("Budget"),
    "funding_lines": _l("Funding plan"),
    "indicators": _l("Indicators"),
    "priority": _l("Priority"),
}


def euros(cents: int | None) -> str:
    return "" if cents is None else euros_filter(Decimal(cents) / 100)


@dataclass
class PlanNames:
    """The plan's names by id, read once per page."""

    organizations: dict[int, str]
    objectives: dict[int, str]
    zones: dict[int, str]

    @classmethod
    def of(cls, plan: Plan) -> PlanNames:
        return cls(
            organizations={o.id: o.name for o in plan.organizations},
            objectives={
                o.id: f"{c.position}. {o.title}" for c in plan.challenges for o in c.objectives
            },
            zones={z.id: z.name for z in plan.zones},
        )


class Fiche:
    def __init__(self, content: dict[str, Any], names: PlanNames) -> None:
        self.content = complete_content(content)
        self.names = names
        self.budget = budget_summary(self.content)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["content"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def lead_organization(self) -> str:
        return self.names.organizations.get(self.content["lead_organization_id"] or 0, "")

    @property
    def objectives(self) -> list[str]:
        return [
            self.names.objectives[i]
            for i in self.content["objective_ids"]
            if i in self.names.objectives
        ]

    @property
    def zones(self) -> list[str]:
        return [self.names.zones[i] for i in self.content["zone_ids"] if i in self.names.zones]

    @property
    def partners(self) -> list[tuple[str, str]]:
        return [
            (
                self.names.organizations.get(p["organization_id"], "?"),
                str(PARTNER_ROLE_LABELS[PartnerRole(p["role"])]),
            )
            for p in self.content["partners"]
        ]

    @property
    def priority_label(self) -> str:
        return str(PRIORITY_LABELS[Priority(self.content["priority"])])

    @property
    def years_label(self) -> str:
        first, last = self.content["first_year"], self.content["last_year"]
        if first and last:
            return f"{first}–{last}" if first != last else str(first)
        return str(first or last or "")

    def budget_rows(self) -> list[tuple[str, list[int | None], int]]:
        """(kind label, amount per year of the budget, total) for the budget table."""
        rows = []
        for kind in BudgetKind:
            amounts = self.budget.by_kind.get(kind.value)
            if not amounts:
                continue
            rows.append(
                (
                    str(BUDGET_KIND_LABELS[kind]),
                    [amounts.get(year) for year in self.budget.years],
                    sum(amounts.values()),
                )
            )
        return rows

    def funding_rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (
                line["funder"],
                str(FUNDING_NATURE_LABELS[FundingNature(line["nature"])]),
                str(FUNDING_STATUS_LABELS[FundingStatus(line["status"])]),
                euros(line["amount_cents"]),
            )
            for line in self.content["funding_lines"]
        ]

    def indicator_rows(self) -> list[dict[str, str]]:
        return [
            {**line, "kind_label": str(INDICATOR_KIND_LABELS[IndicatorKind(line["kind"])])}
            for line in self.content["indicators"]
        ]

    def field_text(self, name: str) -> str:
        """One field as plain text, a line per item: what the history compares."""
        value = self.content[name]
        if name in TEXT_FIELDS or name in ("title", "lead_contact", "target_audiences"):
            return value or ""
        if name == "objective_ids":
            return "\n".join(self.objectives)
        if name == "zone_ids":
            return "\n".join(self.zones)
        if name == "lead_organization_id":
            return self.lead_organization
        if name == "partners":
            return "\n".join(f"{org} ({role})" for org, role in self.partners)
        if name in ("first_year", "last_year"):
            return str(value or "")
        if name == "priority":
            return self.priority_label
        if name == "budget_lines":
            return "\n".join(
                f"{line['year']} · {BUDGET_KIND_LABELS[BudgetKind(line['kind'])]} · "
                f"{euros(line['amount_cents'])}"
                for line in sorted(value, key=lambda line: (line["year"], line["kind"]))
            )
        if name == "funding_lines":
            return "\n".join(" · ".join(row) for row in self.funding_rows())
        if name == "indicators":
            return "\n".join(
                f"{row['name']} ({row['unit']}, {row['kind_label']}) : "
                f"{row['baseline'] or '?'} → {row['target'] or '?'}"
                for row in self.indicator_rows()
            )
        return str(value)
