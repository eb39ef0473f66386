"""Renderings of what never changes, kept on disk and shared by every worker: published
versions of the plan (plan.versions.cache) and the frozen results of closed ballots.

An entry's name is a digest of everything its rendering reads, given by the caller, with
the reader's locale and a digest of the code that renders (templates, Python modules,
translations, the document's CSS). Whatever changes gets another name, so a kept
rendering is never stale; entries read least recently go first when the folder is over
its budget (CAPCOMMUN_RENDER_CACHE_MB).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import current_app
from flask_babel import get_locale

ROOT = Path(__file__).resolve().parents[1]
TEMPORARY = ".tmp-"
# What a rendering depends on besides its data: the code and texts that make it.
CODE = (("plan", ("*.py", "*.mo")), ("templates", ("*.html",)), ("static/css", ("document.css",)))


@functools.cache
def code_fingerprint() -> str:
    """A digest of the code that renders, read once per process."""
    digest = hashlib.sha256()
    for folder_name, patterns in CODE:
        for pattern in patterns:
            for path in sorted((ROOT / folder_name).rglob(pattern)):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def folder() -> Path | None:
    """Where entries live, or None when the cache is off (CAPCOMMUN_RENDER_CACHE_MB = 0)."""
    if not current_app.config["CAPCOMMUN_RENDER_CACHE_MB"]:
        return None
    configured = current_app.config["CAPCOMMUN_RENDER_CACHE_DIR"]
    return Path(configured or Path(current_app.instance_path) / "render-cache")


def entry_path(kind: str, facts: Iterable[str]) -> Path | None:
    """The file for a rendering of `kind` made from `facts`; None when the cache is off."""
    where = folder()
    if where is None:
        return None
    named = "\n".join([kind, str(get_locale()), code_fingerprint(), *facts])
    return where / f"{kind}-{hashlib.sha256(named.encode()).hexdigest()}"


def read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    with contextlib.suppress(FileNotFoundError):  # another worker may prune it meanwhile
        os.utime(path)  # read recently: kept longest
    return data


def store(path: Path | None, data: bytes) -> None:
    """Write atomically (a reader sees the whole entry or none), then keep the folder
    under its budget by removing the entries read least recently."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
    budget = current_app.config["CAPCOMMUN_RENDER_CACHE_MB"] * 1024 * 1024
    entries = []
    for entry in path.parent.iterdir():
        if entry.name.startswith(TEMPORARY):
            continue  # another worker's entry being written
        with contextlib.suppress(FileNotFoundError):  # or pruned by another worker
            entries.append((entry.stat(), entry))
    total = sum(stat.st_size for stat, _entry in entries)
    for stat, entry in sorted(entries, key=lambda pair: pair[0].st_mtime):
        if total <= budget:
            break
        entry.unlink(missing_ok=True)
        total -= stat.st_size


def kept(kind: str, facts: Iterable[str], build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes, made once for these facts (and locale, and code)."""
    path = entry_path(kind, facts)
    data = read(path)
    if data is None:
        data = build()
        store(path, data)
    return data
