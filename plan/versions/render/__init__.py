"""Renderers: a version's snapshot in every format a territory uses.

Each renderer is a function `render(document: Document) -> bytes` in its own module. It
reads the snapshot (and the version's number, status, date and hash), never the
database, and writes French (the document's language) whatever the reader's locale.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

# format → (module, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("plan.versions.render.html", "text/html; charset=utf-8"),
    "pdf": ("plan.versions.render.pdf", "application/pdf"),
    "odt": ("plan.versions.render.odt", "application/vnd.oasis.opendocument.text"),
    "docx": (
        "plan.versions.render.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "md": ("plan.versions.render.markdown", "text/markdown; charset=utf-8"),
    "json": ("plan.versions.render.json", "application/json"),
    "csv": ("plan.versions.render.tables", "text/csv; charset=utf-8"),
    "xlsx": (
        "plan.versions.render.tables",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@dataclass(frozen=True)
class Document:
    """What a renderer gets: the frozen snapshot and the version's own facts."""

    snapshot: dict[str, Any]
    number: int
    status: str
    status_label: str
    # ISO date (YYYY-MM-DD) of publication, or of the last build for a draft.
    date: str
    sha256: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]

    @property
    def slug(self) -> str:
        return self.snapshot["plan"]["slug"]

    def filename(self, fmt: str) -> str:
        return f"{self.slug}-v{self.number}.{fmt}"


def render(document: Document, fmt: str) -> bytes:
    """The document in one format; KeyError for an unknown one."""
    module_name, _media_type = FORMATS[fmt]
    module = importlib.import_module(module_name)
    renderer = getattr(module, f"render_{fmt}", None) or module.render
    return renderer(document)


def media_type(fmt: str) -> str:
    return FORMATS[fmt][1]
