"""The pages the benchmark measures on a plan, and whose numbers of queries must be the
same on the small demo and the large plan (tests/test_query_counts.py checks them)."""

from __future__ import annotations

from sqlalchemy import func, select

from plan.extensions import db
from plan.frame.models import Plan
from plan.versions.models import PlanVersion, VersionStatus
from plan.voting.models import Ballot, BallotStatus, VotingMethod
from plan.workshops.models import Workshop


def page_urls(slug: str) -> dict[str, str]:
    """Name → URL; the workshop poll's `{state}` is filled in when it is requested."""
    plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
    # The same method on both plans: a consent ballot also lists its objections.
    last_closed = db.session.scalar(
        select(func.max(Ballot.number)).where(
            Ballot.plan_id == plan.id,
            Ballot.status == BallotStatus.CLOSED,
            Ballot.method == VotingMethod.MAJORITY_JUDGMENT,
        )
    )
    published = list(
        db.session.scalars(
            select(PlanVersion.number)
            .where(PlanVersion.plan_id == plan.id, PlanVersion.status != VersionStatus.DRAFT)
            .order_by(PlanVersion.number.desc())
            .limit(2)
        )
    )
    latest, previous = published[0], published[-1]
    shown = db.session.scalars(
        select(Workshop).where(Workshop.plan_id == plan.id).order_by(Workshop.id.desc())
    ).first()
    base = f"/plans/{slug}"
    return {
        "plan home": base,
        "action list, first page": f"{base}/actions",
        "action list, filtered": f"{base}/actions?challenge=2&status=adopted",
        "action list, searched": f"{base}/actions?q=solidaire",
        "action 1.1 (large: 50 comments, 10 revisions)": f"{base}/actions/1.1",
        "ballot results (large: 100 items)": f"{base}/ballots/{last_closed}",
        "latest version": f"{base}/versions/{latest}",
        "last two versions compared": f"{base}/versions/{previous}...{latest}",
        "workshop poll, nothing new": (
            f"{base}/workshops/{shown.id}/state?view=participant&since={{state}}"
        ),
    }
