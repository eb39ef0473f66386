"""The content of a fiche action: a plain dict, the same in revisions and amendments.

Money is in euro cents (integers), never floats.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from plan.actions.models import BudgetKind, FundingStatus

TEXT_FIELDS = ("context", "objectives_text", "description", "expected_results")
CONTENT_KEYS = (
    "title",
    "objective_ids",
    *TEXT_FIELDS,
    "lead_organization_id",
    "lead_contact",
    "partners",
    "target_audiences",
    "zone_ids",
    "first_year",
    "last_year",
    "budget_lines",
    "funding_lines",
    "indicators",
    "priority",
)
MAX_AMOUNT_CENTS = 1_000_000_000 * 100


def empty_content() -> dict[str, Any]:
    return {
        "title": "",
        "objective_ids": [],
        **dict.fromkeys(TEXT_FIELDS, ""),
        "lead_organization_id": None,
        "lead_contact": "",
        "partners": [],
        "target_audiences": "",
        "zone_ids": [],
        "first_year": None,
        "last_year": None,
        "budget_lines": [],
        "funding_lines": [],
        "indicators": [],
        "priority": "medium",
    }


def complete_content(content: dict[str, Any]) -> dict[str, Any]:
    """The content with every key, in the canonical order (older content may lack some)."""
    full = empty_content()
    full.update({key: content[key] for key in CONTENT_KEYS if key in content})
    return full


def fold(text: str) -> str:
    """Lower case without accents, so that « Élevage » finds « elevage »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_text(content: dict[str, Any]) -> str:
    parts = [content.get("title", ""), content.get("target_audiences", "")]
    parts += [content.get(name, "") for name in TEXT_FIELDS]
    return fold(" ".join(part for part in parts if part))


@dataclass
class BudgetSummary:
    """Budget lines in a year × kind table, with the funding plan beside it."""

    years: list[int]
    by_kind: dict[str, dict[int, int]]
    by_year: dict[int, int]
    total: int
    funding_by_status: dict[str, int] = field(default_factory=dict)
    funding_total: int = 0

    @property
    def committed_funding(self) -> int:
        """Funding secured or requested: what the plan can reasonably count on."""
        return self.funding_by_status.get(FundingStatus.SECURED, 0) + self.funding_by_status.get(
            FundingStatus.REQUESTED, 0
        )

    @property
    def is_underfunded(self) -> bool:
        return self.total > 0 and self.committed_funding < self.total


def budget_summary(content: dict[str, Any]) -> BudgetSummary:
    by_kind: dict[str, dict[int, int]] = {kind.value: defaultdict(int) for kind in BudgetKind}
    by_year: dict[int, int] = defaultdict(int)
    for line in content.get("budget_lines", []):
        by_kind[line["kind"]][line["year"]] += line["amount_cents"]
        by_year[line["year"]] += line["amount_cents"]
    funding: dict[str, int] = defaultdict(int)
    for line in content.get("funding_lines", []):
        funding[line["status"]] += line["amount_cents"]
    return BudgetSummary(
        years=sorted(by_year),
        by_kind={kind: dict(years) for kind, years in by_kind.items() if years},
        by_year=dict(by_year),
        total=sum(by_year.values()),
        funding_by_status=dict(funding),
        funding_total=sum(funding.values()),
    )
