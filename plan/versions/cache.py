"""Renderings of versions, kept (plan.rendered): a version's content is fixed by its
snapshot, so what is rendered from it once can be served again.

An entry is named after the snapshot's stored bytes, the stored hash and the version's
number, status and date. The stored bytes are read and hashed on every request
(milliseconds for a 1 000-action plan): a snapshot altered in the database misses the
cache, is verified again and is refused loudly, as without the cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from sqlalchemy import Text, cast, select
from sqlalchemy.orm.attributes import set_committed_value

from plan import rendered as kept_renderings
from plan.extensions import db
from plan.versions import services
from plan.versions.models import PlanVersion


def _stored_text(version: PlanVersion) -> str:
    return db.session.scalar(
        select(cast(PlanVersion.snapshot, Text)).where(PlanVersion.id == version.id)
    )


def _facts(versions: tuple[PlanVersion, ...], texts: list[str]) -> list[str]:
    facts = []
    for version, text in zip(versions, texts, strict=True):
        when = version.published_at or version.built_at
        facts += [str(version.id), version.sha256, str(version.number), version.status.value]
        facts += [when.isoformat() if when else "", hashlib.sha256(text.encode()).hexdigest()]
    return facts


def rendered(kind: str, versions: tuple[PlanVersion, ...], build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes for these versions: kept when their stored snapshots are those
    verified when the entry was written; verified (TamperedVersion) and built otherwise.
    `versions` come without their snapshot loaded (it is deferred)."""
    texts = [_stored_text(version) for version in versions]

    def verified_build() -> bytes:
        for version, text in zip(versions, texts, strict=True):
            set_committed_value(version, "snapshot", json.loads(text))
            services.verify(version)
        return build()

    return kept_renderings.kept(kind, _facts(versions, texts), verified_build)
