"""Versions' lives: consolidate a draft, rebuild it, publish it, move its status on.

Services flush; the view commits once. Each change writes an audit event.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from auth.models import User
from plan.extensions import db
from plan.frame.models import Plan
from plan.journal.services import record_event
from plan.versions.diff import changelog_of, diff_snapshots
from plan.versions.models import (
    PUBLISHED,
    VERSION_STATUS_LABELS,
    PlanVersion,
    VersionStatus,
)
from plan.versions.render import Document
from plan.versions.snapshot import build_snapshot, sha256_of

log = logging.getLogger("capcommun.versions")

# A published version moves forward only (or to archived, from any published status).
NEXT_STATUSES = {
    VersionStatus.WORKING: {VersionStatus.CONSULTATION, VersionStatus.VALIDATED},
    VersionStatus.CONSULTATION: {VersionStatus.VALIDATED, VersionStatus.ADOPTED},
    VersionStatus.VALIDATED: {VersionStatus.ADOPTED},
    VersionStatus.ADOPTED: set(),
    VersionStatus.ARCHIVED: set(),
}
for _status in PUBLISHED:
    NEXT_STATUSES[_status].add(VersionStatus.ARCHIVED)
NEXT_STATUSES[VersionStatus.WORKING] |= {VersionStatus.ADOPTED}


class VersionError(Exception):
    """A change refused. `status` is the HTTP status it deserves."""

    def __init__(self, code: str, status: int = 409, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.details = details


class TamperedVersion(Exception):
    """The stored snapshot does not match its stored hash."""

    def __init__(self, version: PlanVersion, actual: str) -> None:
        super().__init__(f"version {version.number} of plan {version.plan_id}: hash mismatch")
        self.version = version
        self.actual = actual


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def versions_of(plan: Plan) -> list[PlanVersion]:
    return list(
        db.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan.id)
            .order_by(PlanVersion.number.desc())
            .options(joinedload(PlanVersion.created_by), joinedload(PlanVersion.published_by))
        )
    )


def draft_of(plan: Plan) -> PlanVersion | None:
    return db.session.scalar(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id, PlanVersion.status == VersionStatus.DRAFT
        )
    )


def latest_published(plan: Plan) -> PlanVersion | None:
    return db.session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id, PlanVersion.status != VersionStatus.DRAFT)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def publication_problems(snapshot: dict[str, Any]) -> list[str]:
    """Codes of what stops a snapshot from being published."""
    problems = []
    if len(snapshot["challenges"]) != 3:
        problems.append("three_challenges")
    if not snapshot["actions"]:
        problems.append("no_adopted_action")
    return problems


def _build(version: PlanVersion, plan: Plan) -> None:
    snapshot = build_snapshot(plan, version.introduction, version.changelog)
    version.snapshot = snapshot
    version.sha256 = sha256_of(snapshot)
    version.built_at = utcnow()


def _checked_previous(plan: Plan) -> PlanVersion | None:
    """The last published version, its snapshot checked against its hash: a changelog is
    never written from a tampered version (TamperedVersion)."""
    previous = latest_published(plan)
    if previous is not None:
        verify(previous)
    return previous


def _suggestion(previous: PlanVersion | None, snapshot: dict[str, Any]) -> str:
    if previous is None:
        return ""
    return changelog_of(diff_snapshots(previous.snapshot, snapshot), previous.number)


def suggested_changelog(plan: Plan, snapshot: dict[str, Any]) -> str:
    """The changelog Cap Commun writes for `snapshot`: its diff with the last published
    version."""
    return _suggestion(_checked_previous(plan), snapshot)


def _same_text(one: str, other: str) -> bool:
    return one.replace("\r\n", "\n").strip() == other.replace("\r\n", "\n").strip()


def _new_draft(plan: Plan, actor: User | None) -> tuple[PlanVersion, bool]:
    """A new draft numbered after the last version; if another coordinator created one at
    the same moment (one draft per plan), theirs."""
    for _attempt in range(3):
        number = (
            db.session.scalar(
                select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id)
            )
            or 0
        ) + 1
        version = PlanVersion(
            plan_id=plan.id,
            number=number,
            status=VersionStatus.DRAFT,
            snapshot={},
            sha256="",
            created_by_id=actor.id if actor else None,
        )
        try:
            with db.session.begin_nested():
                db.session.add(version)
                db.session.flush()
        except IntegrityError:
            existing = draft_of(plan)
            if existing is not None:
                return existing, False
            continue
        return version, True
    raise VersionError("number")


def consolidate(
    plan: Plan, actor: User | None, introduction: str | None = None, changelog: str | None = None
) -> PlanVersion:
    """Build the draft version from the plan as it stands, or rebuild the existing draft.

    The changelog is written from the diff with the last published version, and written
    again at each rebuild, until the coordinator writes their own: a changelog that is
    empty, or still the text suggested for the draft as it was, is Cap Commun's.
    """
    version = draft_of(plan)
    created = version is None
    if version is None:
        version, created = _new_draft(plan, actor)
    previous = _checked_previous(plan)
    text = (version.changelog or "") if changelog is None else changelog
    # The old suggestion comes from the draft's old snapshot, before it is rebuilt.
    automatic = not text.strip() or (
        previous is not None
        and bool(version.snapshot)
        and _same_text(text, _suggestion(previous, version.snapshot))
    )
    if introduction is not None:
        version.introduction = introduction
    version.changelog = "" if automatic else text
    _build(version, plan)
    if automatic:
        version.changelog = _suggestion(previous, version.snapshot)
        version.snapshot = {**version.snapshot, "changelog": version.changelog}
        version.sha256 = sha256_of(version.snapshot)
    record_event(
        "version.consolidate",
        version,
        plan_id=plan.id,
        actor_id=actor.id if actor else None,
        data={"number": version.number, "created": created, "sha256": version.sha256},
    )
    db.session.flush()
    return version


def publish(version: PlanVersion, actor: User | None, status: VersionStatus) -> None:
    if version.status != VersionStatus.DRAFT:
        raise VersionError("published")
    if status not in PUBLISHED:
        raise VersionError("status", 422)
    verify(version)
    problems = publication_problems(version.snapshot)
    if problems:
        raise VersionError("not_publishable", 409, problems=problems)
    # Only one of two coordinators publishing the same draft at once wins.
    moved = db.session.execute(
        update(PlanVersion)
        .where(PlanVersion.id == version.id, PlanVersion.status == VersionStatus.DRAFT)
        .values(status=status, published_at=utcnow(), published_by_id=actor.id if actor else None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(version)
    if moved != 1:
        raise VersionError("published")
    record_event(
        "version.publish",
        version,
        plan_id=version.plan_id,
        actor_id=actor.id if actor else None,
        data={"number": version.number, "status": status, "sha256": version.sha256},
    )
    db.session.flush()


def change_status(version: PlanVersion, status: VersionStatus) -> None:
    if version.status == VersionStatus.DRAFT:
        raise VersionError("draft")
    if status not in NEXT_STATUSES[version.status]:
        raise VersionError("transition", source=version.status, target=status)
    source = version.status
    version.status = status
    record_event(
        "version.status",
        version,
        plan_id=version.plan_id,
        data={"number": version.number, "status": [source, status]},
    )
    db.session.flush()


def document_of(version: PlanVersion) -> Document:
    when = version.published_at or version.built_at
    return Document(
        snapshot=version.snapshot,
        number=version.number,
        status=version.status.value,
        status_label=str(VERSION_STATUS_LABELS[version.status]),
        date=when.date().isoformat(),
        sha256=version.sha256,
    )


def verify(version: PlanVersion) -> None:
    """Raise TamperedVersion, and log it, when the snapshot does not match its hash."""
    actual = sha256_of(version.snapshot)
    if actual != version.sha256:
        log.error(
            "plan %s version %s: stored hash %s, snapshot hashes to %s",
            version.plan_id,
            version.number,
            version.sha256,
            actual,
        )
        raise TamperedVersion(version, actual)
