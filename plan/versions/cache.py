"""Renderings of versions kept on disk, shared by every worker: a version's content is
fixed by its snapshot, so what is rendered from it once can be served again.

An entry's name is a digest of everything its rendering reads: the snapshot's stored
bytes, the stored hash, the version's number, status and date, the reader's locale and
the code that renders (templates, Python modules, translations, the document's CSS).
Whatever changes gets another name, so a cached rendering is never stale. The stored
bytes are read and hashed on every request (milliseconds for a 1 000-action plan): a
snapshot altered in the database misses the cache, is verified again and is refused
loudly, as without the cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from flask_babel import get_locale
from sqlalchemy import Text, cast, select
from sqlalchemy.orm.attributes import set_committed_value

from plan.extensions import db
from plan.versions import services
from plan.versions.models import PlanVersion

ROOT = Path(__file__).resolve().parents[2]
# What a rendering depends on besides the version: the code and texts that make it.
CODE = (("plan", ("*.py", "*.mo")), ("templates", ("*.html",)), ("static/css", ("document.css",)))


@functools.cache
def code_fingerprint() -> str:
    """A digest of the code that renders, read once per process."""
    digest = hashlib.sha256()
    for folder, patterns in CODE:
        for pattern in patterns:
            for path in sorted((ROOT / folder).rglob(pattern)):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def folder() -> Path | None:
    """Where entries live, or None when the cache is off (CAPCOMMUN_RENDER_CACHE_MB = 0)."""
    if not current_app.config["CAPCOMMUN_RENDER_CACHE_MB"]:
        return None
    configured = current_app.config["CAPCOMMUN_RENDER_CACHE_DIR"]
    return Path(configured or Path(current_app.instance_path) / "render-cache")


def _stored_text(version: PlanVersion) -> str:
    return db.session.scalar(
        select(cast(PlanVersion.snapshot, Text)).where(PlanVersion.id == version.id)
    )


def _entry_name(kind: str, versions: tuple[PlanVersion, ...], texts: list[str]) -> str:
    digest = hashlib.sha256()
    facts = [kind, str(get_locale()), code_fingerprint()]
    for version, text in zip(versions, texts, strict=True):
        when = version.published_at or version.built_at
        facts += [str(version.id), version.sha256, str(version.number), version.status.value]
        facts += [when.isoformat() if when else "", hashlib.sha256(text.encode()).hexdigest()]
    digest.update("\n".join(facts).encode())
    return f"{kind}-{digest.hexdigest()}"


def _verified(versions: tuple[PlanVersion, ...], texts: list[str]) -> None:
    """Verify each version's snapshot from the text just read (TamperedVersion if not)."""
    for version, text in zip(versions, texts, strict=True):
        set_committed_value(version, "snapshot", json.loads(text))
        services.verify(version)


def store(path: Path, data: bytes) -> None:
    """Write atomically (a reader sees the whole entry or none), then keep the folder
    under its budget by removing the entries read least recently."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
    budget = current_app.config["CAPCOMMUN_RENDER_CACHE_MB"] * 1024 * 1024
    entries = [(entry.stat(), entry) for entry in path.parent.iterdir() if entry.is_file()]
    total = sum(stat.st_size for stat, _entry in entries)
    for stat, entry in sorted(entries, key=lambda pair: pair[0].st_mtime):
        if total <= budget:
            break
        entry.unlink(missing_ok=True)
        total -= stat.st_size


def rendered(kind: str, versions: tuple[PlanVersion, ...], build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes for these versions: from the cache when their stored snapshots
    are those verified when the entry was written; verified (TamperedVersion) and built
    otherwise. `versions` come without their snapshot loaded (it is deferred)."""
    texts = [_stored_text(version) for version in versions]
    where = folder()
    path = where / _entry_name(kind, versions, texts) if where else None
    if path is not None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            pass
        else:
            os.utime(path)
            return data
    _verified(versions, texts)
    data = build()
    if path is not None:
        store(path, data)
    return data
