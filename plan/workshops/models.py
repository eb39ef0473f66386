"""Workshops: a meeting of the plan's actors, its agenda and who took part."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auth.models import User
from plan.actions.models import Action
from plan.extensions import db
from plan.frame.models import College, Organization, Plan, _enum
from plan.voting.models import Ballot


class WorkshopFormat(enum.StrEnum):
    PLENARY = "plenary"
    WORLD_CAFE = "world_cafe"
    THEMATIC = "thematic"
    OPEN_FORUM = "open_forum"


FORMAT_LABELS = {
    WorkshopFormat.PLENARY: _l("Plenary"),
    WorkshopFormat.WORLD_CAFE: _l("World café"),
    WorkshopFormat.THEMATIC: _l("Thematic workshop"),
    WorkshopFormat.OPEN_FORUM: _l("Open forum"),
}


class WorkshopStatus(enum.StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    CLOSED = "closed"


WORKSHOP_STATUS_LABELS = {
    WorkshopStatus.PLANNED: _l("Planned"),
    WorkshopStatus.LIVE: _l("Live"),
    WorkshopStatus.CLOSED: _l("Ended"),
}


workshop_facilitators = Table(
    "workshop_facilitators",
    db.metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Workshop(db.Model):
    """A meeting in a room. Starting it gives it a join code; ending it closes the code.

    `state` goes up on every change that a live page shows, so that a poll can tell
    "nothing new" from one small read.
    """

    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint(
            "ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at",
            name="times_in_order",
        ),
        CheckConstraint("state >= 0", name="state_not_negative"),
        # A code is unique among live workshops; a closed workshop keeps its code, so that
        # someone who types it learns the workshop is over.
        Index(
            "uq_workshops_live_join_code",
            "join_code",
            unique=True,
            sqlite_where=text("status = 'live'"),
            postgresql_where=text("status = 'live'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # Naive UTC, typed in the plan's time zone.
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[WorkshopFormat] = mapped_column(_enum(WorkshopFormat))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[WorkshopStatus] = mapped_column(
        _enum(WorkshopStatus), default=WorkshopStatus.PLANNED
    )
    join_code: Mapped[str | None] = mapped_column(String(6))
    state: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    notes: Mapped[str] = mapped_column(Text, default="")
    # What the projector shows: the agenda position under discussion, and the countdown.
    current_position: Mapped[int | None]
    timer_ends_at: Mapped[datetime | None]

    plan: Mapped[Plan] = relationship()
    created_by: Mapped[User | None] = relationship()
    facilitators: Mapped[list[User]] = relationship(
        secondary=workshop_facilitators, order_by="User.display_name"
    )
    agenda: Mapped[list[WorkshopAgendaItem]] = relationship(
        back_populates="workshop",
        order_by="WorkshopAgendaItem.position",
        cascade="all, delete-orphan",
    )

    @property
    def status_label(self) -> str:
        return str(WORKSHOP_STATUS_LABELS[self.status])

    @property
    def format_label(self) -> str:
        return str(FORMAT_LABELS[self.format])

    @property
    def is_planned(self) -> bool:
        return self.status == WorkshopStatus.PLANNED

    @property
    def is_live(self) -> bool:
        return self.status == WorkshopStatus.LIVE

    @property
    def is_closed(self) -> bool:
        return self.status == WorkshopStatus.CLOSED


class WorkshopAgendaItem(db.Model):
    """One point of the agenda: a ballot to run, or an action to discuss."""

    __tablename__ = "workshop_agenda_items"
    __table_args__ = (
        UniqueConstraint("workshop_id", "position"),
        CheckConstraint("ballot_id IS NOT NULL OR action_id IS NOT NULL", name="ballot_or_action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    position: Mapped[int]
    ballot_id: Mapped[int | None] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )

    # Set when the facilitation shows this ballot's results on the projector.
    revealed_at: Mapped[datetime | None]

    workshop: Mapped[Workshop] = relationship(back_populates="agenda")
    ballot: Mapped[Ballot | None] = relationship()
    action: Mapped[Action | None] = relationship()


class WorkshopParticipant(db.Model):
    """Someone in the room: a member who joined, or a guest account made on joining."""

    __tablename__ = "workshop_participants"
    __table_args__ = (UniqueConstraint("workshop_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    college_id: Mapped[int | None] = mapped_column(ForeignKey("colleges.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    # A new organisation typed on joining, for the facilitation to check and add.
    organization_name_to_check: Mapped[str] = mapped_column(String(200), default="")
    joined_at: Mapped[datetime] = mapped_column(server_default=func.now())
    is_guest: Mapped[bool] = mapped_column(default=False)
    removed_at: Mapped[datetime | None]

    workshop: Mapped[Workshop] = relationship()
    user: Mapped[User] = relationship()
    college: Mapped[College | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class WorkshopAttendee(db.Model):
    """Someone present without a device, marked by the facilitation: counted in the
    attendance, without an account."""

    __tablename__ = "workshop_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    college_id: Mapped[int | None] = mapped_column(ForeignKey("colleges.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    college: Mapped[College | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class WorkshopIdea(db.Model):
    """A post-it written in the room: it is a draft proposal of its author, and this row
    remembers which workshop it came from."""

    __tablename__ = "workshop_ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    action: Mapped[Action] = relationship()
