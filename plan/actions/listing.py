"""The action list: filters read from the URL, a constant number of queries per page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from plan.actions import search
from plan.actions.content import budget_summary
from plan.actions.models import (
    Action,
    ActionRevision,
    ActionStatus,
    Amendment,
    AmendmentStatus,
    Comment,
    revision_zones,
)
from plan.actions.services import comment_counts
from plan.extensions import db
from plan.frame.models import Challenge, Organization, OrganizationKind, Plan
from plan.members.models import Membership, Role
from plan.permissions import is_admin, role_in

PAGE_SIZE = 20
SORTS = ("reference", "activity", "comments")


# A filter's number: ASCII digits, few enough for a database integer ("²" passes
# str.isdigit but not int(); a long number would overflow the query).
_NUMBER = re.compile(r"[0-9]{1,9}")


def _int(value: str | None) -> int | None:
    return int(value) if value and _NUMBER.fullmatch(value) else None


@dataclass
class ActionFilters:
    challenge: int | None = None  # position 1–3
    status: str | None = None
    zone: int | None = None
    year: int | None = None
    lead_kind: str | None = None
    college: int | None = None
    q: str = ""
    sort: str = "reference"
    page: int = 1
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: Mapping[str, str], plan: Plan) -> ActionFilters:
        """Unknown values are dropped rather than refused: a shared link never breaks."""
        status = args.get("status") or None
        lead_kind = args.get("lead_kind") or None
        sort = args.get("sort") or "reference"
        return cls(
            challenge=_int(args.get("challenge")),
            status=status if status in {s.value for s in ActionStatus} else None,
            zone=_int(args.get("zone")),
            year=_int(args.get("year")),
            lead_kind=lead_kind if lead_kind in {k.value for k in OrganizationKind} else None,
            college=_int(args.get("college")),
            q=(args.get("q") or "").strip()[:200],
            sort=sort if sort in SORTS else "reference",
            page=max(_int(args.get("page")) or 1, 1),
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        """The filters as URL arguments, with some changed (for links and the pager)."""
        values = {**asdict(self), **changes}
        values.pop("errors")
        if values["page"] == 1:
            values.pop("page")
        if values["sort"] == "reference":
            values.pop("sort")
        return {key: value for key, value in values.items() if value not in (None, "")}

    @property
    def active(self) -> bool:
        return bool(self.args(page=1, sort="reference"))


@dataclass
class ActionRow:
    action: Action
    lead: str
    lead_kind: str
    years: str
    budget_cents: int
    stances: dict[str, int]
    comment_total: int
    open_amendments: int


@dataclass
class ActionPage:
    rows: list[ActionRow]
    total: int
    page: int
    pages: int


def _visible(plan: Plan, user: Any):  # type: ignore[no-untyped-def]
    """Drafts only for their author and the facilitation."""
    role = role_in(user, plan)
    if is_admin(user) or (role is not None and role.includes(Role.FACILITATOR)):
        return Action.plan_id == plan.id
    drafts_seen = Action.status != ActionStatus.DRAFT
    if user is not None and user.is_authenticated:
        drafts_seen = or_(drafts_seen, Action.author_id == user.id)
    return and_(Action.plan_id == plan.id, drafts_seen)


def list_actions(plan: Plan, filters: ActionFilters, user: Any) -> ActionPage:
    revision = aliased(ActionRevision)
    query = (
        select(Action)
        .join(revision, revision.id == Action.current_revision_id)
        .join(Challenge, Challenge.id == Action.challenge_id)
        .where(_visible(plan, user))
    )
    if filters.challenge:
        query = query.where(Challenge.position == filters.challenge)
    if filters.status:
        query = query.where(Action.status == filters.status)
    if filters.zone:
        query = query.where(
            select(revision_zones.c.zone_id)
            .where(
                revision_zones.c.revision_id == revision.id,
                revision_zones.c.zone_id == filters.zone,
            )
            .exists()
        )
    if filters.year:
        query = query.where(revision.first_year <= filters.year, revision.last_year >= filters.year)
    if filters.lead_kind:
        query = query.join(Organization, Organization.id == revision.lead_organization_id).where(
            Organization.kind == filters.lead_kind
        )
    if filters.college:
        query = query.join(
            Membership,
            and_(Membership.user_id == Action.author_id, Membership.plan_id == Action.plan_id),
        ).where(Membership.college_id == filters.college)
    if filters.q and (found := search.matching(filters.q)) is not None:
        query = query.where(found)

    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(filters.page, pages)
    if filters.sort == "activity":
        query = query.order_by(Action.last_activity_at.desc(), Action.id.desc())
    elif filters.sort == "comments":
        visible_comments = (
            select(func.count(Comment.id))
            .where(Comment.action_id == Action.id, Comment.hidden_at.is_(None))
            .scalar_subquery()
        )
        query = query.order_by(visible_comments.desc(), Challenge.position, Action.rank)
    else:
        query = query.order_by(Challenge.position, Action.rank)
    actions = db.session.scalars(
        query.limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .options(
            # Joined in the same statement: the same count of queries whether or not a
            # row was merged into another.
            contains_eager(Action.current_revision, alias=revision).joinedload(
                ActionRevision.lead_organization
            ),
            joinedload(Action.merged_into),
        )
    ).all()
    ids = [action.id for action in actions]
    stances = comment_counts(ids)
    open_amendments = (
        dict(
            db.session.execute(
                select(Amendment.action_id, func.count(Amendment.id))
                .where(Amendment.action_id.in_(ids), Amendment.status == AmendmentStatus.OPEN)
                .group_by(Amendment.action_id)
            ).all()
        )
        if ids
        else {}
    )
    rows = []
    for action in actions:
        current = action.current_revision
        lead = current.lead_organization
        years = (
            f"{current.first_year}–{current.last_year}"
            if current.first_year and current.last_year and current.first_year != current.last_year
            else str(current.first_year or current.last_year or "")
        )
        rows.append(
            ActionRow(
                action=action,
                lead=lead.name if lead else "",
                lead_kind=lead.kind_label if lead else "",
                years=years,
                budget_cents=budget_summary(current.content).total,
                stances=stances[action.id],
                comment_total=sum(stances[action.id].values()),
                open_amendments=open_amendments.get(action.id, 0),
            )
        )
    return ActionPage(rows=rows, total=total, page=page, pages=pages)
