"""Ballots: items pinned to a revision, votes, paper tallies and frozen results."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auth.models import User
from plan.actions.models import Action, ActionRevision, ActionStatus
from plan.extensions import db
from plan.frame.models import College, Plan, _enum


class VotingMethod(enum.StrEnum):
    MAJORITY_JUDGMENT = "majority_judgment"
    APPROVAL = "approval"
    CONSENT = "consent"
    DOT_VOTING = "dot_voting"


class BallotStatus(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"


BALLOT_STATUS_LABELS = {
    BallotStatus.PLANNED: _l("Planned"),
    BallotStatus.OPEN: _l("Open"),
    BallotStatus.CLOSED: _l("Closed"),
}


class VoteChannel(enum.StrEnum):
    ONLINE = "online"
    WORKSHOP = "workshop"
    FACILITATOR = "facilitator"


class Ballot(db.Model):
    """A vote on one or more actions. Opening pins each item to the action's revision of
    the moment; closing freezes the results in a `BallotResult`."""

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint(
            "closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="dates_in_order"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[VotingMethod] = mapped_column(_enum(VotingMethod))
    status: Mapped[BallotStatus] = mapped_column(
        _enum(BallotStatus), default=BallotStatus.PLANNED, index=True
    )
    # Scheduled times (UTC, naive); a ballot without them is opened and closed by hand.
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Results shown while the ballot is open (a workshop's live count); hidden otherwise.
    live_results: Mapped[bool] = mapped_column(default=False)
    # A public ballot shows who voted what; by default the ballot is secret.
    public_votes: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    plan: Mapped[Plan] = relationship()
    created_by: Mapped[User | None] = relationship()
    items: Mapped[list[BallotItem]] = relationship(
        back_populates="ballot", order_by="BallotItem.position", cascade="all, delete-orphan"
    )
    result: Mapped[BallotResult | None] = relationship(
        back_populates="ballot", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return str(BALLOT_STATUS_LABELS[self.status])

    @property
    def is_open(self) -> bool:
        return self.status == BallotStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == BallotStatus.CLOSED


class BallotItem(db.Model):
    __tablename__ = "ballot_items"
    __table_args__ = (UniqueConstraint("ballot_id", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    # The revision put to the vote, pinned when the ballot opens.
    revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_revisions.id", ondelete="RESTRICT")
    )
    # The action's status before the ballot, given back after a ballot that only ranks.
    previous_status: Mapped[ActionStatus | None] = mapped_column(_enum(ActionStatus))

    ballot: Mapped[Ballot] = relationship(back_populates="items")
    action: Mapped[Action] = relationship()
    revision: Mapped[ActionRevision | None] = relationship()


class Vote(db.Model):
    """One voter's choice on one item, changeable while the ballot is open.

    `choice` is a grade (majority judgment), for/against/abstain (approval),
    consent/object/stand_aside (consent) or "dots" with `dots` (dot voting). `college_id`
    is the college the voter spoke for when voting.
    """

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("item_id", "voter_id"),
        CheckConstraint("dots >= 0", name="dots_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ballot_items.id", ondelete="CASCADE"))
    voter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    college_id: Mapped[int | None] = mapped_column(ForeignKey("colleges.id", ondelete="SET NULL"))
    choice: Mapped[str] = mapped_column(String(24))
    dots: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[VoteChannel] = mapped_column(_enum(VoteChannel), default=VoteChannel.ONLINE)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
    # An objection (consent) that a facilitator resolved, with the note that says how.
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution_note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[BallotItem] = relationship()
    voter: Mapped[User] = relationship(foreign_keys=[voter_id])
    college: Mapped[College | None] = relationship()
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class PaperTally(db.Model):
    """Votes counted on paper or by show of hands for one item and one college."""

    __tablename__ = "paper_tallies"
    __table_args__ = (UniqueConstraint("item_id", "college_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("ballot_items.id", ondelete="CASCADE"))
    college_id: Mapped[int] = mapped_column(ForeignKey("colleges.id", ondelete="CASCADE"))
    # {grade or choice: count}
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())

    item: Mapped[BallotItem] = relationship()
    college: Mapped[College] = relationship()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class BallotResult(db.Model):
    """The count of a closed ballot, stored once: see `plan.voting.tally` for `data`."""

    __tablename__ = "ballot_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), unique=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(server_default=func.now())

    ballot: Mapped[Ballot] = relationship(back_populates="result")
