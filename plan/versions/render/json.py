"""The version as JSON: its snapshot, canonical and re-importable.

    {"format": "capcommun.plan-version", "schema_version": 1,
     "version": {"number": 3, "status": "adopted", "date": "2024-05-01", "sha256": "…"},
     "snapshot": {…}}

UTF-8, keys sorted, indented by one space, one final newline: the same version gives the
same bytes. `plan/versions/snapshot.schema.json` describes it (JSON Schema 2020-12).
`version.sha256` is the SHA-256 of the snapshot's canonical JSON (`sha256_of`): anyone
can check it, and `read_export` does.
"""

from __future__ import annotations

import json
from typing import Any

from plan.versions.render import Document
from plan.versions.snapshot import SCHEMA_VERSION, sha256_of

FORMAT = "capcommun.plan-version"


class ExportError(ValueError):
    """A file that is not a version export, or whose snapshot does not match its hash."""


def export(document: Document) -> dict[str, Any]:
    snapshot = document.snapshot
    digest = sha256_of(snapshot)
    if document.sha256 != digest:
        # The stored hash is what every other export prints: never write a file that
        # contradicts it.
        raise ExportError("the snapshot does not match the version's SHA-256")
    return {
        "format": FORMAT,
        "schema_version": snapshot.get("schema_version", SCHEMA_VERSION),
        "version": {
            "number": document.number,
            "status": document.status,
            "date": document.date,
            "sha256": digest,
        },
        "snapshot": snapshot,
    }


def render_json(document: Document) -> bytes:
    text = json.dumps(export(document), ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def read_export(data: bytes | str) -> dict[str, Any]:
    """An export read back, after checking what it is and that its hash holds."""
    try:
        content = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ExportError("not JSON") from error
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise ExportError("not a Cap Commun plan version")
    version = content.get("version")
    snapshot = content.get("snapshot")
    if not isinstance(version, dict) or not isinstance(snapshot, dict):
        raise ExportError("no version or no snapshot")
    if version.get("sha256") != sha256_of(snapshot):
        raise ExportError("the snapshot does not match its SHA-256")
    return content
