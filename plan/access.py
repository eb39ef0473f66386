"""Loading what a view works on: 404 when missing or hidden, 403 when not allowed."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Load

from plan.extensions import db, login_manager
from plan.frame.models import Plan
from plan.permissions import can_view_plan


def load_plan(slug: str, *options: Load) -> Plan:
    """The plan, if the person may read it. A members-only plan is 404 to outsiders."""
    plan = db.session.scalar(select(Plan).where(Plan.slug == slug).options(*options))
    if plan is None or not can_view_plan(current_user, plan):
        abort(404)
    return plan


def deny() -> NoReturn:
    """Anonymous people are sent to log in; logged-in people without the right get 403."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403)


def require(allowed: bool) -> None:
    if not allowed:
        deny()


def get_or_404(model: type[Any], object_id: int, *, plan: Plan, plan_of: Any) -> Any:
    """An object of this plan; an id from another plan is 404, never data."""
    obj = db.session.get(model, object_id)
    if obj is None or plan_of(obj) != plan.id:
        abort(404)
    return obj


def form_values(form: Any, *names: str) -> dict[str, Any]:
    return {name: form[name].data for name in names}


def reads_first() -> None:
    """This request reads before it writes: its reads begin a plain transaction, so that
    on SQLite it waits for no writer while it loads and checks (see `start_writing`)."""
    g.reading = True


def start_writing() -> None:
    """End the request's reads (nothing is written yet) without expiring what they loaded:
    what follows begins the write transaction (SQLite's BEGIN IMMEDIATE), so the write
    lock is held only while writing. What may have changed meanwhile is read again by
    the caller, inside that transaction. Other databases lock rows, not the database:
    the request goes on in its one transaction, without the round trips of another."""
    if db.session.get_bind().dialect.name == "sqlite":
        _end_transaction()
    g.reading = False


def _end_transaction() -> None:
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds: the answer that follows is drawn
    from the objects just written, without loading them all again."""
    _end_transaction()
    g.committed = True
