"""Who belongs to a plan, with which role and college, and the invitations that bring them."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auth.models import User
from plan.extensions import db
from plan.frame.models import College, Organization, Plan, _enum


class Role(enum.StrEnum):
    """Per-plan roles, from the least to the most rights."""

    OBSERVER = "observer"
    CONTRIBUTOR = "contributor"
    FACILITATOR = "facilitator"
    COORDINATOR = "coordinator"

    @property
    def rank(self) -> int:
        return _ROLE_ORDER.index(self)

    def includes(self, other: Role) -> bool:
        return self.rank >= other.rank


_ROLE_ORDER = [Role.OBSERVER, Role.CONTRIBUTOR, Role.FACILITATOR, Role.COORDINATOR]

ROLE_LABELS = {
    Role.OBSERVER: _l("Observer"),
    Role.CONTRIBUTOR: _l("Contributor"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.COORDINATOR: _l("Coordinator"),
}


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    college_id: Mapped[int | None] = mapped_column(
        ForeignKey("colleges.id", ondelete="RESTRICT"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    joined_at: Mapped[datetime] = mapped_column(server_default=func.now())

    user: Mapped[User] = relationship()
    plan: Mapped[Plan] = relationship()
    college: Mapped[College | None] = relationship()
    organization: Mapped[Organization | None] = relationship()

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])


class Invitation(db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    # Only the SHA-256 of the token is kept: the link itself is shown once.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    college_id: Mapped[int | None] = mapped_column(ForeignKey("colleges.id", ondelete="CASCADE"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    email: Mapped[str | None] = mapped_column(String(254))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    plan: Mapped[Plan] = relationship()
    college: Mapped[College | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])

    def state(self, now: datetime | None = None) -> str:
        """One of "used", "revoked", "expired" or "open"."""
        now = now or datetime.now(UTC)
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        expires_at = self.expires_at
        if expires_at.tzinfo is None:  # SQLite hands back naive datetimes
            expires_at = expires_at.replace(tzinfo=UTC)
        if expires_at <= now:
            return "expired"
        return "open"
