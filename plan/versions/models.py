"""Versions of the plan document: a frozen snapshot, its hash, its status."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auth.models import User
from plan.extensions import db
from plan.frame.models import Plan, _enum


class VersionStatus(enum.StrEnum):
    DRAFT = "draft"
    WORKING = "working"
    CONSULTATION = "consultation"
    VALIDATED = "validated"
    ADOPTED = "adopted"
    ARCHIVED = "archived"


VERSION_STATUS_LABELS = {
    VersionStatus.DRAFT: _l("Draft"),
    VersionStatus.WORKING: _l("Working version"),
    VersionStatus.CONSULTATION: _l("Submitted to consultation"),
    VersionStatus.VALIDATED: _l("Validated"),
    VersionStatus.ADOPTED: _l("Adopted"),
    VersionStatus.ARCHIVED: _l("Archived"),
}

# Published statuses, in the order a version moves through them (or to archived).
PUBLISHED = (
    VersionStatus.WORKING,
    VersionStatus.CONSULTATION,
    VersionStatus.VALIDATED,
    VersionStatus.ADOPTED,
)


class PlanVersion(db.Model):
    """A version of the plan. A draft can be rebuilt; once published, its snapshot, hash,
    introduction and changelog never change (only its status moves forward)."""

    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        # At most one draft per plan: two coordinators consolidating at once share it.
        Index(
            "uq_plan_versions_one_draft",
            "plan_id",
            unique=True,
            sqlite_where=db.text("status = 'draft'"),
            postgresql_where=db.text("status = 'draft'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    number: Mapped[int]
    status: Mapped[VersionStatus] = mapped_column(_enum(VersionStatus), default=VersionStatus.DRAFT)
    introduction: Mapped[str] = mapped_column(Text, default="")
    changelog: Mapped[str] = mapped_column(Text, default="")
    # Deferred: lists need none of it, and a cached page needs only its stored text.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    built_at: Mapped[datetime] = mapped_column(server_default=func.now())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))

    plan: Mapped[Plan] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def status_label(self) -> str:
        return str(VERSION_STATUS_LABELS[self.status])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


FROZEN_FIELDS = ("number", "snapshot", "sha256", "introduction", "changelog", "plan_id")


@event.listens_for(PlanVersion, "before_update")
def _published_versions_are_frozen(_mapper: Any, connection: Any, target: PlanVersion) -> None:
    # The status as stored, read in the flush's own transaction: the object's may be
    # expired, or changed in this same flush.
    was = connection.scalar(select(PlanVersion.status).where(PlanVersion.id == target.id))
    if was in (None, VersionStatus.DRAFT):
        return
    state = inspect(target)
    changed = [name for name in FROZEN_FIELDS if state.attrs[name].history.has_changes()]
    if changed:
        raise RuntimeError(
            f"version {target.number} is published: {', '.join(changed)} cannot change"
        )
