"""Who may do what: predicates that read as sentences, used by views and templates alike."""

from __future__ import annotations

from typing import Any

from flask import g
from sqlalchemy import select

from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Membership, Role


def _is_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_admin(user: Any) -> bool:
    return _is_user(user) and bool(user.is_admin)


def membership_of(user: Any, plan: Plan) -> Membership | None:
    """The user's membership of the plan, looked up once per request."""
    if not _is_user(user):
        return None
    cache: dict[tuple[int, int], Membership | None] = g.setdefault("_memberships", {})
    key = (user.id, plan.id)
    if key not in cache:
        cache[key] = db.session.scalar(
            select(Membership).where(Membership.user_id == user.id, Membership.plan_id == plan.id)
        )
    return cache[key]


def role_in(user: Any, plan: Plan) -> Role | None:
    membership = membership_of(user, plan)
    return membership.role if membership else None


def _has_role(user: Any, plan: Plan, needed: Role) -> bool:
    if is_admin(user):
        return True
    role = role_in(user, plan)
    return role is not None and role.includes(needed)


def can_view_plan(user: Any, plan: Plan) -> bool:
    return plan.is_public or _has_role(user, plan, Role.OBSERVER)


def can_create_plan(user: Any) -> bool:
    return is_admin(user)


def can_edit_frame(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.COORDINATOR)


def can_invite_members(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.FACILITATOR)


def can_manage_members(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.COORDINATOR)


def can_see_member_emails(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.FACILITATOR)


def can_view_journal(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.COORDINATOR)


def can_contribute(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.CONTRIBUTOR)


# Actions ---------------------------------------------------------------------------------


def _is_author(user: Any, obj: Any) -> bool:
    return _is_user(user) and obj.author_id == user.id


def can_propose_action(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.CONTRIBUTOR)


def can_read_action(user: Any, action: Any) -> bool:
    """Drafts are seen by their author and the facilitation only."""
    from plan.actions.models import ActionStatus

    if not can_view_plan(user, action.plan):
        return False
    if action.status != ActionStatus.DRAFT:
        return True
    return _is_author(user, action) or _has_role(user, action.plan, Role.FACILITATOR)


# Who may act on an action. Whether its status allows it now is the workflow's business
# (Action.can_become, is_revisable, is_amendable): refused with 409 and the reason.


def can_edit_action(user: Any, action: Any) -> bool:
    """Its author (still a contributor), or the facilitation."""
    if _has_role(user, action.plan, Role.FACILITATOR):
        return True
    return _is_author(user, action) and _has_role(user, action.plan, Role.CONTRIBUTOR)


def can_withdraw_action(user: Any, action: Any) -> bool:
    return can_edit_action(user, action)


def can_amend_action(user: Any, action: Any) -> bool:
    return _has_role(user, action.plan, Role.CONTRIBUTOR)


def can_decide_amendment(user: Any, action: Any) -> bool:
    """The action's author, or the facilitation."""
    if _has_role(user, action.plan, Role.FACILITATOR):
        return True
    return _is_author(user, action) and _has_role(user, action.plan, Role.CONTRIBUTOR)


def can_comment_action(user: Any, action: Any) -> bool:
    return _has_role(user, action.plan, Role.CONTRIBUTOR)


def can_moderate(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.FACILITATOR)


def can_merge_actions(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.FACILITATOR)


# Ballots --------------------------------------------------------------------------------


def can_vote(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.CONTRIBUTOR)


def can_run_ballots(user: Any, plan: Plan) -> bool:
    """Create, open and close ballots, enter paper tallies, resolve objections."""
    return _has_role(user, plan, Role.FACILITATOR)


# Workshops ------------------------------------------------------------------------------


def can_run_workshops(user: Any, plan: Plan) -> bool:
    """Plan, start and end workshops, see their join codes."""
    return _has_role(user, plan, Role.FACILITATOR)


def is_workshop_participant(user: Any, workshop: Any) -> bool:
    """Joined this workshop and not removed from it."""
    from plan.workshops.models import WorkshopParticipant

    if not _is_user(user):
        return False
    return (
        db.session.scalar(
            select(WorkshopParticipant.id).where(
                WorkshopParticipant.workshop_id == workshop.id,
                WorkshopParticipant.user_id == user.id,
                WorkshopParticipant.removed_at.is_(None),
            )
        )
        is not None
    )


def can_follow_workshop(user: Any, workshop: Any) -> bool:
    """See the participant screen: its participants and the facilitation."""
    return can_run_workshops(user, workshop.plan) or is_workshop_participant(user, workshop)


# Company commitments ---------------------------------------------------------------------


def can_manage_commitments(user: Any, plan: Plan) -> bool:
    """Record and remove the commitments of the plan's companies."""
    return _has_role(user, plan, Role.FACILITATOR)


# Versions -------------------------------------------------------------------------------


def can_consolidate(user: Any, plan: Plan) -> bool:
    """Build, edit and publish versions of the plan, move their status."""
    return _has_role(user, plan, Role.COORDINATOR)


def can_read_draft_versions(user: Any, plan: Plan) -> bool:
    return _has_role(user, plan, Role.FACILITATOR)


PREDICATES = {
    name: value
    for name, value in globals().items()
    if name.startswith(("can_", "is_admin", "is_workshop_participant")) and callable(value)
}
