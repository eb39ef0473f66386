"""Lossless archives of one plan: everything the plan holds, as documented JSON, and back.

An archive is one JSON document (the README's "Archives" section describes it):

    {"format": "capcommun-archive", "schema_version": 1,
     "database_revision": "<alembic revision of the database it came from>",
     "archived_at": "2026-12-06T17:00:00", "plan": "<slug>",
     "users": [{"id": 1, "email": ..., "display_name": ..., ...}, ...],
     "tables": {"plans": [{"id": 1, "slug": ..., ...}], "organizations": [...], ...}}

Every row of every table that belongs to the plan is there, column by column. Ids are
renumbered from 1 in each table, in the order of the original ids, and every reference
(foreign keys, and the ids that fiches, results and the journal hold in their JSON) uses
those numbers: archiving a restored plan gives the same document again. Users are the
accounts the plan refers to (members, authors, voters, guests), password hashes included:
an archive is as sensitive as a backup.

Restoring inserts everything in one transaction, with new ids, then checks every
version's hash; any problem leaves the database as it was.
"""

from __future__ import annotations

import base64
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial
from typing import Any

from alembic.migration import MigrationContext
from sqlalchemy import JSON, Column, ForeignKey, Table, bindparam, select, text
from sqlalchemy.schema import sort_tables
from sqlalchemy.sql.elements import ColumnElement

from plan.actions.search import FTS_TABLE
from plan.extensions import db

FORMAT = "capcommun-archive"
SCHEMA_VERSION = 1

USERS = "users"
PLANS = "plans"
# Tables that belong to no plan: accounts are archived as the plan's users; the others
# hold technical state (the double-submission guard, the migration history).
NOT_ARCHIVED = {USERS, "form_submissions", "alembic_version"}

# Ids held inside JSON columns, by key: (table, column) -> {key: referenced table}.
EMBEDDED_IDS: dict[tuple[str, str], dict[str, str]] = {
    ("action_revisions", "content"): {
        "objective_ids": "objectives",
        "lead_organization_id": "organizations",
        "organization_id": "organizations",
        "zone_ids": "priority_zones",
    },
    ("amendments", "content"): {
        "objective_ids": "objectives",
        "lead_organization_id": "organizations",
        "organization_id": "organizations",
        "zone_ids": "priority_zones",
    },
    ("ballot_results", "data"): {
        "item": "ballot_items",
        "upper": "ballot_items",
        "lower": "ballot_items",
        "action_id": "actions",
    },
    ("audit_events", "data"): {
        "workshop": "workshops",
        "reply_to": "comments",
        "invitation": "invitations",
    },
}

# What the journal's `object_type` names, to renumber its `object_id`.
JOURNAL_OBJECTS = "audit_events"


class ArchiveError(Exception):
    """An archive that cannot be restored here; the message says why, in French."""


# --------------------------------------------------------------------------- tables


def _tables() -> list[Table]:
    """The plan's tables, parents before children (cycles are broken by `use_alter`), and
    the tables whose JSON names ids after the tables it names (the journal last)."""
    tables = [table for table in db.metadata.tables.values() if table.name not in NOT_ARCHIVED]
    by_name = {table.name: table for table in tables}
    journal = by_name[JOURNAL_OBJECTS]
    extra = [
        (by_name[referenced], by_name[holder])
        for (holder, _column), keys in EMBEDDED_IDS.items()
        for referenced in keys.values()
    ]
    extra += [(table, journal) for table in tables if table is not journal]
    return sort_tables(tables, extra_dependencies=extra)


def _identity(table: Table) -> Column | None:
    """The table's own integer id, or None for a link table with a composite key."""
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 and keys[0].name == "id" else None


def _owner_key(table: Table) -> ForeignKey | None:
    """The required reference through which a row belongs to the plan."""
    direct = [key for key in table.foreign_keys if key.column.table.name == PLANS]
    candidates = [
        key
        for key in table.foreign_keys
        if key.column.table.name not in NOT_ARCHIVED
        and key.column.table is not table
        and not key.parent.nullable
    ]
    chosen = direct or sorted(candidates, key=lambda key: key.parent.name)
    return chosen[0] if chosen else None


def _belongs(table: Table, plan_id: int) -> ColumnElement[bool]:
    """The condition for a row of `table` to belong to the plan."""
    if table.name == PLANS:
        return table.c.id == plan_id
    key = _owner_key(table)
    if key is None:
        raise ArchiveError(f"la table {table.name} n'est rattachée à aucun plan")
    parent = key.column.table
    if parent.name == PLANS:
        return key.parent == plan_id
    return key.parent.in_(select(key.column).where(_belongs(parent, plan_id)))


def _deferred(table: Table, order: dict[str, int]) -> set[str]:
    """References written once every row exists: cycles, self-references, later tables."""
    return {
        key.parent.name
        for key in table.foreign_keys
        if key.use_alter
        or key.column.table is table
        or order.get(key.column.table.name, -1) > order[table.name]
    }


# --------------------------------------------------------------------------- values


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decoder(column: Column) -> Callable[[Any], Any]:
    if isinstance(column.type, JSON):
        return lambda value: value
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return lambda value: value
    if issubclass(python_type, datetime):
        return datetime.fromisoformat
    if issubclass(python_type, date):
        return date.fromisoformat
    if issubclass(python_type, time):
        return time.fromisoformat
    if issubclass(python_type, Decimal):
        return Decimal
    if issubclass(python_type, bytes):
        return base64.b64decode
    return lambda value: value


def _renumber_json(value: Any, keys: dict[str, str], number: Callable[[str, Any], Any]) -> Any:
    """The same JSON with the ids under `keys` passed through `number(table, id)`."""
    if isinstance(value, list):
        return [_renumber_json(entry, keys, number) for entry in value]
    if not isinstance(value, dict):
        return value
    renumbered = {}
    for key, entry in value.items():
        table = keys.get(key)
        if table is not None and isinstance(entry, int) and not isinstance(entry, bool):
            renumbered[key] = number(table, entry)
        elif table is not None and isinstance(entry, list):
            renumbered[key] = [number(table, item) for item in entry]
        else:
            renumbered[key] = _renumber_json(entry, keys, number)
    return renumbered


def _object_tables() -> dict[str, str]:
    """Model class name -> table name, for the journal's `object_type`."""
    return {
        mapper.class_.__name__: mapper.local_table.name
        for mapper in db.Model.registry.mappers
        if mapper.local_table is not None
    }


class _Numbering:
    """Old id -> new id, table by table."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[Any, Any]] = defaultdict(dict)

    def __call__(self, table: str, old: Any) -> Any:
        if old is None:
            return None
        try:
            return self.ids[table][old]
        except KeyError:
            raise ArchiveError(
                f"la table {table} n'a pas de ligne {old} dans l'archive (référence brisée)"
            ) from None


def _renumber_row(
    table: Table,
    row: dict[str, Any],
    number: Callable[[str, Any], Any],
    objects: dict[str, str],
    archiving: bool,
) -> dict[str, Any]:
    """The row with every reference passed through `number` (its own id left as it is)."""
    result = dict(row)
    for key in table.foreign_keys:
        name = key.parent.name
        if name in result:
            result[name] = number(key.column.table.name, result[name])
    # The journal may name an object deleted since (a withdrawn vote): the archive keeps no
    # id for it.
    lenient = archiving and table.name == JOURNAL_OBJECTS
    for (table_name, column), keys in EMBEDDED_IDS.items():
        if table_name == table.name and result.get(column) is not None:
            result[column] = _renumber_json(
                result[column], keys, partial(_number_if_known, number) if lenient else number
            )
    if table.name == JOURNAL_OBJECTS and result.get("object_id") is not None:
        target = objects.get(result.get("object_type") or "")
        if target is not None and target not in NOT_ARCHIVED:
            result["object_id"] = (_number_if_known if lenient else _strict)(
                number, target, result["object_id"]
            )
    return result


def _strict(number: Callable[[str, Any], Any], table: str, old: Any) -> Any:
    return number(table, old)


def _number_if_known(number: Callable[[str, Any], Any], table: str, old: Any) -> Any:
    try:
        return number(table, old)
    except ArchiveError:
        return None


# --------------------------------------------------------------------------- archive


def _database_revision() -> str | None:
    """The migration the database is at (None for one built without migrations)."""
    return MigrationContext.configure(db.session.connection()).get_current_revision()


def archive_plan(plan_id: int, slug: str, now: datetime) -> dict[str, Any]:
    """The archive document of the plan (read in one transaction, one query per table)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    user_ids: set[int] = set()
    for table in _tables():
        order = [*table.primary_key.columns]
        result = db.session.execute(select(table).where(_belongs(table, plan_id)).order_by(*order))
        rows[table.name] = [dict(row) for row in result.mappings()]
        for key in table.foreign_keys:
            if key.column.table.name == USERS:
                user_ids.update(row[key.parent.name] for row in rows[table.name])
    user_ids.discard(None)  # type: ignore[arg-type]
    users_table = db.metadata.tables[USERS]
    users = [
        dict(row)
        for row in db.session.execute(
            select(users_table).where(users_table.c.id.in_(user_ids)).order_by(users_table.c.id)
        ).mappings()
    ]

    numbering = _Numbering()
    numbering.ids[USERS] = {user["id"]: position for position, user in enumerate(users, 1)}
    for table in _tables():
        if _identity(table) is not None:
            numbering.ids[table.name] = {
                row["id"]: position for position, row in enumerate(rows[table.name], 1)
            }
    objects = _object_tables()
    tables = {}
    for table in _tables():
        own = _identity(table)
        renumbered = []
        for row in rows[table.name]:
            row = _renumber_row(table, row, numbering, objects, archiving=True)
            if own is not None:
                row["id"] = numbering(table.name, row["id"])
            renumbered.append({name: _encode(value) for name, value in row.items()})
        tables[table.name] = renumbered
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "database_revision": _database_revision(),
        "archived_at": now.isoformat(timespec="seconds"),
        "plan": slug,
        "users": [
            {
                **{name: _encode(value) for name, value in user.items()},
                "id": numbering(USERS, user["id"]),
            }
            for user in users
        ],
        "tables": tables,
    }


# --------------------------------------------------------------------------- restore


def _check_document(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("ce fichier n'est pas une archive Cap Commun")
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ArchiveError(
            f"archive au format {document.get('schema_version')!r} : "
            f"cette version de Cap Commun lit le format {SCHEMA_VERSION}"
        )
    known = {table.name: table for table in _tables()}
    known[USERS] = db.metadata.tables[USERS]
    for name, rows in [(USERS, document.get("users", [])), *document.get("tables", {}).items()]:
        table = known.get(name)
        if table is None:
            raise ArchiveError(f"table inconnue dans l'archive : {name}")
        columns = set(table.c.keys())
        for row in rows:
            unknown = set(row) - columns
            if unknown:
                raise ArchiveError(
                    f"colonnes inconnues dans {name} : {', '.join(sorted(unknown))} "
                    "(archive d'une version plus récente ?)"
                )
    plans = document.get("tables", {}).get(PLANS, [])
    if len(plans) != 1:
        raise ArchiveError("l'archive doit contenir exactement un plan")


def _decoded(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {
        name: None if value is None else _decoder(table.c[name])(value)
        for name, value in row.items()
    }


def _restore_users(users: Iterable[dict[str, Any]], numbering: _Numbering) -> int:
    """Accounts are matched by email; guests and unknown emails become new accounts."""
    table = db.metadata.tables[USERS]
    emails = [user["email"] for user in users if user.get("email")]
    existing = {
        email: user_id
        for email, user_id in db.session.execute(
            select(table.c.email, table.c.id).where(table.c.email.in_(emails))
        )
    }
    created = 0
    for user in users:
        if user.get("email") in existing:
            numbering.ids[USERS][user["id"]] = existing[user["email"]]
            continue
        values = _decoded(table, {k: v for k, v in user.items() if k != "id"})
        new_id = db.session.execute(table.insert().returning(table.c.id), values).scalar_one()
        numbering.ids[USERS][user["id"]] = new_id
        created += 1
    return created


def _unique_again(table: Table, rows: list[dict[str, Any]], renewed: list[str]) -> None:
    """A copy beside its original gets its own workshop codes and invitation links: the
    original's must not open the copy (and the database refuses them twice)."""
    from plan.workshops.services import new_join_code

    if table.name == "workshops":
        codes = {row["join_code"] for row in rows if row.get("status") == "live"}
        taken = set(
            db.session.scalars(
                select(table.c.join_code).where(
                    table.c.status == "live", table.c.join_code.in_(codes)
                )
            )
        )
        for row in rows:
            if row.get("status") == "live" and row["join_code"] in taken:
                row["join_code"] = new_join_code()
                renewed.append(f"atelier {row['title']}")
    elif table.name == "invitations":
        from auth.tokens import new_token

        hashes = [row["token_hash"] for row in rows]
        taken = set(
            db.session.scalars(select(table.c.token_hash).where(table.c.token_hash.in_(hashes)))
        )
        for row in rows:
            if row["token_hash"] in taken:
                row["token_hash"] = new_token()[1]
                renewed.append("invitation")


def restore_plan(document: Any, slug: str | None = None) -> dict[str, Any]:
    """Insert the archived plan (flushed, not committed); returns what was restored."""
    from plan.versions.models import PlanVersion
    from plan.versions.services import TamperedVersion, verify

    _check_document(document)
    tables = document["tables"]
    plan_row = tables[PLANS][0]
    new_slug = slug or plan_row["slug"]
    plans = db.metadata.tables[PLANS]
    if db.session.scalar(select(plans.c.id).where(plans.c.slug == new_slug)) is not None:
        raise ArchiveError(
            f"un plan « {new_slug} » existe déjà : choisissez une autre adresse avec --slug"
        )

    numbering = _Numbering()
    users_created = _restore_users(document.get("users", []), numbering)
    ordered = _tables()
    order = {table.name: position for position, table in enumerate(ordered)}
    objects = _object_tables()
    later: list[tuple[Table, Any, dict[str, Any]]] = []
    renewed: list[str] = []
    counts = {}
    for table in ordered:
        rows = [dict(row) for row in tables.get(table.name, [])]
        if table.name == PLANS:
            rows[0]["slug"] = new_slug
        _unique_again(table, rows, renewed)
        deferred = _deferred(table, order)
        own = _identity(table)
        prepared = []
        for row in rows:
            waiting = {name: row.pop(name) for name in deferred if name in row}
            row = _renumber_row(table, row, numbering, objects, archiving=False)
            row.update(dict.fromkeys(waiting))
            waiting = {name: value for name, value in waiting.items() if value is not None}
            old_id = row.pop("id", None) if own is not None else None
            prepared.append((old_id, waiting, _decoded(table, row)))
        counts[table.name] = len(prepared)
        if not prepared:
            continue
        if own is None:
            db.session.execute(table.insert(), [values for _old, _waiting, values in prepared])
            continue
        new_ids = db.session.execute(
            table.insert().returning(own, sort_by_parameter_order=True),
            [values for _old, _waiting, values in prepared],
        ).scalars()
        for (old_id, waiting, _values), new_id in zip(prepared, new_ids, strict=True):
            numbering.ids[table.name][old_id] = new_id
            if waiting:
                later.append((table, new_id, waiting))
    updates: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for table, new_id, waiting in later:
        targets = {key.parent.name: key.column.table.name for key in table.foreign_keys}
        values = {name: numbering(targets[name], old) for name, old in waiting.items()}
        updates[table, tuple(sorted(values))].append({"row_id": new_id, **values})
    for (table, _names), parameters in updates.items():
        db.session.execute(
            table.update().where(_identity(table) == bindparam("row_id")), parameters
        )

    plan_id = numbering(PLANS, plan_row["id"])
    if db.engine.dialect.name == "sqlite":
        # SQLite's search index is a table of its own, kept by the app (PostgreSQL's is a
        # generated column, filled by the inserts above).
        db.session.execute(
            text(
                f"INSERT INTO {FTS_TABLE} (rowid, body) "  # noqa: S608 - a constant
                "SELECT id, search_text FROM actions WHERE plan_id = :plan_id"
            ),
            {"plan_id": plan_id},
        )
    db.session.expire_all()
    versions = db.session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan_id)).all()
    for version in versions:
        try:
            verify(version)
        except TamperedVersion as error:
            raise ArchiveError(
                f"la version {version.number} ne correspond pas à son empreinte SHA-256"
            ) from error
    return {
        "plan_id": plan_id,
        "slug": new_slug,
        "rows": sum(counts.values()),
        "users_created": users_created,
        "versions_checked": len(versions),
        "renewed": renewed,
    }
