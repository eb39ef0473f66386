"""Figures of a plan's actions for its home page, each in one query."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from plan.actions.content import budget_summary
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


def budget_by_year(plan_id: int) -> dict[int, int]:
    """The budget of the plan's counted actions per year, in cents."""
    contents = db.session.scalars(
        select(ActionRevision.content)
        .join(Action, Action.current_revision_id == ActionRevision.id)
        .where(Action.plan_id == plan_id, Action.status.in_(COUNTED))
    )
    years: dict[int, int] = defaultdict(int)
    for content in contents:
        for year, cents in budget_summary(content).by_year.items():
            years[year] += cents
    return dict(sorted(years.items()))
