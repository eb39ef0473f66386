"""Full-text search of actions: SQLite FTS5, or PostgreSQL's French text search.

Both index the action's `search_text` (title and body of its current revision, accents
folded) and match every word typed as a prefix: « navet solid » finds « Navette solidaire ».
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import DDL, ColumnElement, bindparam, event, func, literal_column, select, text

from plan.actions.content import fold
from plan.actions.models import Action
from plan.extensions import db

FTS_TABLE = "action_search"
PG_INDEX = "ix_actions_search"
PG_COLUMN = "search_vector"
MAX_TERMS = 12

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
    "USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
)
DROP_FTS = f"DROP TABLE IF EXISTS {FTS_TABLE}"
# The French vector is stored with the row: matching reads it rather than analysing every
# action's text again (a search of the 1 000-action plan took 270 ms, now a few).
CREATE_PG_COLUMN = (
    f"ALTER TABLE actions ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french', search_text)) STORED"
)
CREATE_PG_INDEX = f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON actions USING gin ({PG_COLUMN})"
DROP_PG_INDEX = f"DROP INDEX IF EXISTS {PG_INDEX}"
DROP_PG_COLUMN = f"ALTER TABLE actions DROP COLUMN IF EXISTS {PG_COLUMN}"

# create_all() (tests, first install) builds the index with the table; migrations do the same.
event.listen(Action.__table__, "after_create", DDL(CREATE_FTS).execute_if(dialect="sqlite"))
event.listen(Action.__table__, "before_drop", DDL(DROP_FTS).execute_if(dialect="sqlite"))
for statement in (CREATE_PG_COLUMN, CREATE_PG_INDEX):
    event.listen(Action.__table__, "after_create", DDL(statement).execute_if(dialect="postgresql"))


def is_search_object(name: str | None, type_: str, _parents: Any = None) -> bool:
    """The search index's own tables, column and index, which Alembic's comparison leaves
    aside."""
    if name is None:
        return False
    if type_ == "table":
        return name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")
    if type_ == "column":
        return name == PG_COLUMN
    return type_ == "index" and name == PG_INDEX


def include_in_autogenerate(name: str | None, type_: str, parents: Any) -> bool:
    return not is_search_object(name, type_, parents)


def search_terms(query: str) -> list[str]:
    """The words of a query, accents folded; punctuation and operators are dropped, so that
    nothing typed can change the query's meaning."""
    return re.findall(r"\w+", fold(query))[:MAX_TERMS]


def index_action(action: Action) -> None:
    """Keep the SQLite index in step with the action (PostgreSQL indexes the column)."""
    if db.engine.dialect.name != "sqlite":
        return
    # FTS_TABLE is a constant of this module; the values go through bound parameters.
    delete = text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id")  # noqa: S608
    db.session.execute(delete, {"id": action.id})
    db.session.execute(
        text(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (:id, :body)"),  # noqa: S608
        {"id": action.id, "body": action.search_text},
    )


def matching(query: str) -> ColumnElement[bool] | None:
    """A condition on Action for the query, or None when it has no word."""
    terms = search_terms(query)
    if not terms:
        return None
    if db.engine.dialect.name == "sqlite":
        expression = " ".join(f'"{term}"*' for term in terms)
        matches = (
            select(literal_column("rowid"))
            .select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=expression))
        )
        return Action.id.in_(matches)
    if db.engine.dialect.name == "postgresql":
        expression = " & ".join(f"{term}:*" for term in terms)
        french = literal_column("'french'")
        vector = literal_column(f"{Action.__tablename__}.{PG_COLUMN}")
        return vector.op("@@")(func.to_tsquery(french, bindparam("pg_query", expression)))
    condition = None
    for term in terms:
        clause = Action.search_text.contains(term, autoescape=True)
        condition = clause if condition is None else condition & clause
    return condition
