"""A consistent copy of the SQLite database while the app serves it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine


class NotSQLite(Exception):
    """The database is not SQLite."""


def backup_sqlite(engine: Engine, output: Path) -> int:
    """Copy the database with SQLite's online backup API; returns the number of pages.

    The copy is made in one step, inside one read transaction: in WAL mode the workers go
    on writing meanwhile, and the copy is the database as it was when the step began (a
    copy in several steps would start again each time a worker writes). It is written
    beside OUTPUT and renamed into place, so OUTPUT is never half written."""
    if engine.dialect.name != "sqlite":
        raise NotSQLite(engine.dialect.name)
    partial = output.with_name(f".{output.name}.partial")
    partial.unlink(missing_ok=True)
    source = engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            source.driver_connection.backup(target)
            pages = target.execute("PRAGMA page_count").fetchone()[0]
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
    finally:
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"backup failed its integrity check: {check}")
    partial.replace(output)
    return pages
