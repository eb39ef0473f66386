"""Figures of a plan's actions for its home page, each in one query."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import BigInteger, Integer, func, select, true

from plan.actions.models import Action, ActionRevision, ActionStatus
from plan.extensions import db

# Actions that count in the plan's figures: proposed and not set aside.
COUNTED = (
    ActionStatus.SUBMITTED,
    ActionStatus.IN_BALLOT,
    ActionStatus.ADOPTED,
    ActionStatus.TO_REWORK,
)


def status_counts(plan_id: int) -> dict[int, dict[str, int]]:
    """Per challenge id: number of actions per status (drafts left out)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(Action.challenge_id, Action.status, func.count(Action.id))
        .where(Action.plan_id == plan_id, Action.status != ActionStatus.DRAFT)
        .group_by(Action.challenge_id, Action.status)
    )
    for challenge_id, status, count in rows:
        counts[challenge_id][ActionStatus(status).value] = count
    return counts


def _budget_lines():  # type: ignore[no-untyped-def]
    """The budget lines of the current revisions as rows (year, amount in cents), taken
    apart by the database's own JSON functions: no fiche is parsed in Python."""
    if db.engine.dialect.name == "postgresql":
        line = func.json_array_elements(ActionRevision.content["budget_lines"]).table_valued(
            "value"
        )
        year = line.c.value.op("->>")("year").cast(Integer)
        amount = line.c.value.op("->>")("amount_cents").cast(BigInteger)
    else:
        line = func.json_each(ActionRevision.content, "$.budget_lines").table_valued("value")
        year = func.json_extract(line.c.value, "$.year")
        amount = func.json_extract(line.c.value, "$.amount_cents")
    return line, year, amount


def budget_by_year(plan_id: int) -> dict[int, int]:
    """The budget of the plan's counted actions per year, in cents, in one query."""
    line, year, amount = _budget_lines()
    rows = db.session.execute(
        select(year, func.sum(amount))
        .select_from(Action)
        .join(ActionRevision, Action.current_revision_id == ActionRevision.id)
        .join(line, true())
        .where(Action.plan_id == plan_id, Action.status.in_(COUNTED))
        .group_by(year)
        .order_by(year)
    )
    return {int(row_year): int(total) for row_year, total in rows if row_year is not None}
