"""Invitations and memberships."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from auth.models import User
from auth.tokens import hash_token, new_token
from plan.extensions import db
from plan.frame.models import Plan
from plan.frame.services import apply_changes
from plan.journal.services import record_event
from plan.members.models import Invitation, Membership, Role


class MembershipError(Exception):
    """A membership change that is refused; the message is written for the person."""


def grantable_roles(granter_role: Role | None, granter_is_admin: bool) -> list[Role]:
    """Roles someone may hand out: coordinators any, facilitators up to facilitator."""
    if granter_is_admin or granter_role == Role.COORDINATOR:
        return list(Role)
    if granter_role == Role.FACILITATOR:
        return [Role.OBSERVER, Role.CONTRIBUTOR, Role.FACILITATOR]
    return []


def create_invitation(plan: Plan, values: dict[str, Any], days: int) -> tuple[Invitation, str]:
    token, token_hash = new_token()
    invitation = Invitation(
        plan_id=plan.id,
        token_hash=token_hash,
        expires_at=datetime.now(UTC) + timedelta(days=days),
        **values,
    )
    db.session.add(invitation)
    db.session.flush()
    record_event(
        "invitation.create",
        invitation,
        plan_id=plan.id,
        data={**values, "expires_at": invitation.expires_at},
    )
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.state() != "open":
        raise MembershipError("not_open")
    invitation.revoked_at = datetime.now(UTC)
    record_event("invitation.revoke", invitation, plan_id=invitation.plan_id)


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Make the user a member. The single-use check is one conditional UPDATE, so two
    people racing on the same link cannot both get in."""
    if membership_for(user.id, invitation.plan_id) is not None:
        raise MembershipError("already_member")
    now = datetime.now(UTC)
    claimed = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now, used_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise MembershipError("gone")
    membership = Membership(
        user_id=user.id,
        plan_id=invitation.plan_id,
        role=invitation.role,
        college_id=invitation.college_id,
        organization_id=invitation.organization_id,
    )
    db.session.add(membership)
    db.session.flush()
    record_event(
        "membership.create",
        membership,
        plan_id=invitation.plan_id,
        actor_id=user.id,
        data={"invitation": invitation.id, "role": invitation.role, "user": user.email},
    )
    return membership


def members_by_college(plan: Plan) -> tuple[dict[int | None, list[Membership]], int]:
    """The plan's members grouped by college, by name within each, and their number."""
    memberships = db.session.scalars(
        select(Membership)
        .where(Membership.plan_id == plan.id)
        .options(selectinload(Membership.user), selectinload(Membership.organization))
    ).all()
    by_college: dict[int | None, list[Membership]] = {}
    for membership in sorted(memberships, key=lambda m: m.user.display_name.casefold()):
        by_college.setdefault(membership.college_id, []).append(membership)
    return by_college, len(memberships)


def member_counts(plan_id: int) -> dict[int | None, int]:
    """The number of the plan's members per college id (None: without a college)."""
    rows = db.session.execute(
        select(Membership.college_id, func.count(Membership.id))
        .where(Membership.plan_id == plan_id)
        .group_by(Membership.college_id)
    )
    return {college_id: count for college_id, count in rows}


def membership_for(user_id: int, plan_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.plan_id == plan_id)
    )


def _coordinator_count(plan_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.plan_id == plan_id, Membership.role == Role.COORDINATOR
            )
        )
        or 0
    )


def update_membership(membership: Membership, values: dict[str, Any]) -> None:
    leaving_coordination = (
        membership.role == Role.COORDINATOR and values.get("role") != Role.COORDINATOR
    )
    if leaving_coordination and _coordinator_count(membership.plan_id) <= 1:
        raise MembershipError("last_coordinator")
    changed = apply_changes(membership, values)
    if changed:
        record_event(
            "membership.update",
            membership,
            plan_id=membership.plan_id,
            data={"user": membership.user.email, **changed},
        )


def remove_membership(membership: Membership) -> None:
    if membership.role == Role.COORDINATOR and _coordinator_count(membership.plan_id) <= 1:
        raise MembershipError("last_coordinator")
    record_event(
        "membership.delete",
        membership,
        plan_id=membership.plan_id,
        data={"user": membership.user.email, "role": membership.role},
    )
    db.session.delete(membership)
    db.session.flush()


def add_member(
    plan: Plan, user: User, role: Role, college_id: int | None, organization_id: int | None
) -> Membership:
    membership = Membership(
        user_id=user.id,
        plan_id=plan.id,
        role=role,
        college_id=college_id,
        organization_id=organization_id,
    )
    db.session.add(membership)
    db.session.flush()
    record_event(
        "membership.create", membership, plan_id=plan.id, data={"user": user.email, "role": role}
    )
    return membership
