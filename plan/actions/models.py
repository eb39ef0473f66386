"""Fiches actions: actions with immutable revisions, amendments, comments, notifications."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auth.models import User
from plan.extensions import db
from plan.frame.models import Challenge, Organization, Plan, PriorityZone, _enum


class ActionStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_BALLOT = "in_ballot"
    ADOPTED = "adopted"
    TO_REWORK = "to_rework"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


STATUS_LABELS = {
    ActionStatus.DRAFT: _l("Draft"),
    ActionStatus.SUBMITTED: _l("Under discussion"),
    ActionStatus.IN_BALLOT: _l("Being voted on"),
    ActionStatus.ADOPTED: _l("Adopted"),
    ActionStatus.TO_REWORK: _l("To rework"),
    ActionStatus.REJECTED: _l("Not retained"),
    ActionStatus.WITHDRAWN: _l("Withdrawn"),
    ActionStatus.MERGED: _l("Merged"),
}


class Priority(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


PRIORITY_LABELS = {
    Priority.HIGH: _l("High"),
    Priority.MEDIUM: _l("Medium"),
    Priority.LOW: _l("Low"),
}


class PartnerRole(enum.StrEnum):
    TECHNICAL = "technical"
    FINANCIAL = "financial"
    POLITICAL = "political"


PARTNER_ROLE_LABELS = {
    PartnerRole.TECHNICAL: _l("technical"),
    PartnerRole.FINANCIAL: _l("financial"),
    PartnerRole.POLITICAL: _l("political"),
}


class BudgetKind(enum.StrEnum):
    OPERATING = "operating"
    INVESTMENT = "investment"


BUDGET_KIND_LABELS = {
    BudgetKind.OPERATING: _l("Operating"),
    BudgetKind.INVESTMENT: _l("Investment"),
}


class FundingNature(enum.StrEnum):
    SUBSIDY = "subsidy"
    FINANCIAL_SPONSORSHIP = "financial_sponsorship"
    SKILLS_SPONSORSHIP = "skills_sponsorship"
    IN_KIND = "in_kind"
    CSR = "csr"
    OWN_FUNDS = "own_funds"
    EU_FUNDS = "eu_funds"


FUNDING_NATURE_LABELS = {
    FundingNature.SUBSIDY: _l("Subsidy"),
    FundingNature.FINANCIAL_SPONSORSHIP: _l("Financial sponsorship"),
    FundingNature.SKILLS_SPONSORSHIP: _l("Skills sponsorship"),
    FundingNature.IN_KIND: _l("In kind"),
    FundingNature.CSR: _l("Corporate social responsibility"),
    FundingNature.OWN_FUNDS: _l("Own funds"),
    FundingNature.EU_FUNDS: _l("European funds"),
}


class FundingStatus(enum.StrEnum):
    ENVISAGED = "envisaged"
    REQUESTED = "requested"
    SECURED = "secured"


FUNDING_STATUS_LABELS = {
    FundingStatus.ENVISAGED: _l("envisaged"),
    FundingStatus.REQUESTED: _l("requested"),
    FundingStatus.SECURED: _l("secured"),
}


class Stance(enum.StrEnum):
    FOR = "for"
    AGAINST = "against"
    QUESTION = "question"
    NEUTRAL = "neutral"


STANCE_LABELS = {
    Stance.FOR: _l("For"),
    Stance.AGAINST: _l("Against"),
    Stance.QUESTION: _l("Question"),
    Stance.NEUTRAL: _l("Neutral"),
}


class AmendmentStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


AMENDMENT_STATUS_LABELS = {
    AmendmentStatus.OPEN: _l("open"),
    AmendmentStatus.ACCEPTED: _l("accepted"),
    AmendmentStatus.REJECTED: _l("rejected"),
    AmendmentStatus.WITHDRAWN: _l("withdrawn"),
}


# The status workflow, in one place. Merging is allowed from any status but merged, and
# but in ballot: the ballot pinned the fiche and its closing will set the action's status.
TRANSITIONS: dict[ActionStatus, set[ActionStatus]] = {
    ActionStatus.DRAFT: {ActionStatus.SUBMITTED, ActionStatus.WITHDRAWN},
    ActionStatus.SUBMITTED: {ActionStatus.IN_BALLOT, ActionStatus.WITHDRAWN},
    ActionStatus.IN_BALLOT: {
        ActionStatus.ADOPTED,
        ActionStatus.TO_REWORK,
        ActionStatus.REJECTED,
        ActionStatus.SUBMITTED,
    },
    ActionStatus.TO_REWORK: {
        ActionStatus.SUBMITTED,
        ActionStatus.IN_BALLOT,
        ActionStatus.WITHDRAWN,
    },
    ActionStatus.ADOPTED: {ActionStatus.IN_BALLOT},
    ActionStatus.REJECTED: {ActionStatus.SUBMITTED},
    ActionStatus.WITHDRAWN: set(),
    ActionStatus.MERGED: set(),
}
for _status, _targets in TRANSITIONS.items():
    if _status not in (ActionStatus.MERGED, ActionStatus.IN_BALLOT):
        _targets.add(ActionStatus.MERGED)

# Statuses in which the fiche can change (by edit or by accepted amendment).
REVISABLE = {
    ActionStatus.DRAFT,
    ActionStatus.SUBMITTED,
    ActionStatus.TO_REWORK,
    ActionStatus.ADOPTED,
    ActionStatus.REJECTED,
}


# Statuses in which others may propose amendments.
AMENDABLE = REVISABLE - {ActionStatus.DRAFT}


class Action(db.Model):
    __tablename__ = "actions"
    __table_args__ = (
        UniqueConstraint("plan_id", "reference"),
        Index("ix_actions_plan_status", "plan_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="RESTRICT"), index=True
    )
    # "2.3": the challenge's number and a rank within it, given once and never reused.
    reference: Mapped[str] = mapped_column(String(12))
    rank: Mapped[int]
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.DRAFT)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_revisions.id", use_alter=True, ondelete="SET NULL")
    )
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    last_activity_at: Mapped[datetime] = mapped_column(server_default=func.now(), index=True)
    # Title and body of the current revision, accents folded and lower-cased, for search.
    search_text: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship()
    challenge: Mapped[Challenge] = relationship()
    author: Mapped[User | None] = relationship()
    current_revision: Mapped[ActionRevision | None] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )
    merged_into: Mapped[Action | None] = relationship(remote_side=[id])
    revisions: Mapped[list[ActionRevision]] = relationship(
        back_populates="action",
        foreign_keys="ActionRevision.action_id",
        order_by="ActionRevision.number",
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def can_become(self, target: ActionStatus | str) -> bool:
        return ActionStatus(target) in TRANSITIONS[self.status]

    @property
    def is_revisable(self) -> bool:
        return self.status in REVISABLE

    @property
    def is_amendable(self) -> bool:
        return self.status in AMENDABLE

    @property
    def is_commentable(self) -> bool:
        return self.status not in (ActionStatus.DRAFT, ActionStatus.MERGED)

    @property
    def title(self) -> str:
        return self.current_revision.title if self.current_revision else ""


revision_zones = Table(
    "revision_zones",
    db.metadata,
    Column(
        "revision_id",
        ForeignKey("action_revisions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("zone_id", ForeignKey("priority_zones.id", ondelete="CASCADE"), primary_key=True),
)


class ActionRevision(db.Model):
    """One immutable state of a fiche action. Never updated: a change is a new revision."""

    __tablename__ = "action_revisions"
    __table_args__ = (UniqueConstraint("action_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    number: Mapped[int]
    # The fiche itself: see plan.actions.content for its keys.
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    title: Mapped[str] = mapped_column(String(250))
    first_year: Mapped[int | None]
    last_year: Mapped[int | None]
    lead_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    change_note: Mapped[str] = mapped_column(String(500), default="")
    amendment_id: Mapped[int | None] = mapped_column(
        ForeignKey("amendments.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    action: Mapped[Action] = relationship(back_populates="revisions", foreign_keys=[action_id])
    author: Mapped[User | None] = relationship()
    lead_organization: Mapped[Organization | None] = relationship()
    zones: Mapped[list[PriorityZone]] = relationship(secondary=revision_zones)


@event.listens_for(ActionRevision, "before_update")
def _revisions_are_immutable(_mapper: Any, _connection: Any, target: ActionRevision) -> None:
    raise RuntimeError(f"revision {target.id} is immutable: create a new revision instead")


class Amendment(db.Model):
    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    base_revision_id: Mapped[int] = mapped_column(ForeignKey("action_revisions.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    rationale: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[AmendmentStatus] = mapped_column(
        _enum(AmendmentStatus), default=AmendmentStatus.OPEN
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())

    action: Mapped[Action] = relationship()
    base_revision: Mapped[ActionRevision] = relationship(foreign_keys=[base_revision_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def status_label(self) -> str:
        return str(AMENDMENT_STATUS_LABELS[self.status])


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_action_created", "action_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    amendment_id: Mapped[int | None] = mapped_column(
        ForeignKey("amendments.id", ondelete="SET NULL")
    )
    # One level of replies: a reply's parent is never itself a reply.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    stance: Mapped[Stance] = mapped_column(_enum(Stance))
    body: Mapped[str] = mapped_column(Text)
    revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_revisions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str] = mapped_column(String(300), default="")

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    revision: Mapped[ActionRevision | None] = relationship()
    replies: Mapped[list[Comment]] = relationship(order_by="Comment.created_at, Comment.id")
    edits: Mapped[list[CommentEdit]] = relationship(order_by="CommentEdit.id")

    @property
    def stance_label(self) -> str:
        return str(STANCE_LABELS[self.stance])


class CommentEdit(db.Model):
    """The text a comment had before an edit."""

    __tablename__ = "comment_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    action: Mapped[Action | None] = relationship()
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class FormSubmission(db.Model):
    """A form's one-time token, spent by its first submission: a second one (double tap,
    resent form) goes where the first went instead of creating a duplicate."""

    __tablename__ = "form_submissions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    result_url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
