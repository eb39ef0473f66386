"""Backups of a database that is being written to: `capcommun backup` (SQLite's online
backup API) or the README's `pg_dump` / `pg_restore` (PostgreSQL). The copy is one
consistent state, with every comment written before it began, and the app serves it."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select

from plan.actions.models import Comment, Stance
from plan.actions.services import add_comment
from plan.config import normalise_database_url
from plan.extensions import db
from plan.members.models import Role
from tests.conftest import is_postgresql, make_action, make_app, make_member, make_plan, make_user

WRITES_BEFORE = 20


def _comments(app: Flask) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count(Comment.id))) or 0
        db.session.remove()
        return count


@pytest.fixture
def busy_app(empty_database_url: str) -> Iterator[tuple[Flask, threading.Event, list[int]]]:
    """A migrated database with a plan, and a thread commenting on it until told to stop
    (each comment its own transaction, as a request would)."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        plan = make_plan("sauvegarde", challenges=1)
        author = make_user("autrice@example.org")
        make_member(author, plan, Role.CONTRIBUTOR)
        make_action(plan, author, "Une action commentée pendant la sauvegarde")
        db.session.commit()
        db.session.remove()

    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        from plan.actions.models import Action

        with app.app_context():
            while not stop.is_set():
                action = db.session.scalars(select(Action)).one()
                author = db.session.scalars(select(type(action.author))).first()
                add_comment(action, author, Stance.FOR, f"Commentaire {len(written) + 1}")
                db.session.commit()
                written.append(len(written) + 1)
            db.session.remove()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < WRITES_BEFORE:
            stop.wait(0.01)
        yield app, stop, written
    finally:
        stop.set()
        writer.join()


def _serves(url: str) -> str:
    copy = make_app(url)
    page = copy.test_client().get("/plans/sauvegarde/actions")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_a_sqlite_backup_while_writing_restores(busy_app, tmp_path: Path) -> None:
    app, stop, written = busy_app
    if is_postgresql(app.config["SQLALCHEMY_DATABASE_URI"]):
        pytest.skip("capcommun backup copies SQLite; PostgreSQL's backup is pg_dump, below")
    output = tmp_path / "copie.sqlite3"
    # A small database is copied in a few milliseconds: back up until the writer has
    # committed during one backup (the first attempts usually do).
    for _attempt in range(100):
        before = len(written)
        with app.app_context():
            result = app.test_cli_runner().invoke(args=["backup", "--output", str(output)])
            db.session.remove()
        after = len(written)
        assert result.exit_code == 0, result.output
        if after > before:
            break
    stop.set()
    assert "copie cohérente" in result.output
    assert after > before, "the writer went on during the backup"

    restored = f"sqlite:///{output}"
    copied = _comments(make_app(restored))
    # Everything committed before the backup began is there; nothing half-written is.
    assert before <= copied <= after
    assert "Une action commentée pendant la sauvegarde" in _serves(restored)
    assert _comments(app) > copied, "the original went on without the copy"
    assert not list(tmp_path.glob(".copie.sqlite3.partial"))


def test_backup_refuses_postgresql_and_says_what_to_use(runner, database_url: str) -> None:
    if not is_postgresql(database_url):
        pytest.skip("on SQLite, capcommun backup copies the database (test above)")
    result = runner.invoke(args=["backup", "--output", "copie.sqlite3"])
    assert result.exit_code == 1
    assert "pg_dump" in result.output


@pytest.fixture
def restore_database() -> Iterator[str]:
    """A database of its own on the PostgreSQL server, dropped after."""
    url = normalise_database_url(os.environ["TEST_DATABASE_URL"])
    name = f"capcommun_restore_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(sa.make_url(url).set(database=name))
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _libpq(url: sa.URL) -> str:
    """The address as PostgreSQL's own tools read it (no SQLAlchemy driver name)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def test_a_pg_dump_while_writing_restores(busy_app, tmp_path: Path, request) -> None:
    app, stop, written = busy_app
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not is_postgresql(url):
        pytest.skip("pg_dump backs up PostgreSQL; SQLite has capcommun backup, above")
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    assert pg_dump, "the PostgreSQL client tools are needed"
    assert pg_restore, "the PostgreSQL client tools are needed"
    target = request.getfixturevalue("restore_database")
    parsed = sa.make_url(url)
    schema = parsed.query["options"].split("search_path=")[1]
    server = _libpq(parsed.set(query={}))
    dump = tmp_path / "capcommun.dump"

    before = len(written)
    # The README's commands, on this test's own schema.
    subprocess.run(  # noqa: S603 - fixed arguments
        [pg_dump, "--format=custom", f"--schema={schema}", f"--file={dump}", server], check=True
    )
    after = len(written)
    stop.set()
    assert after > before, "the writer went on during the dump"
    subprocess.run(  # noqa: S603 - fixed arguments
        [pg_restore, "--no-owner", f"--dbname={_libpq(sa.make_url(target))}", str(dump)], check=True
    )

    restored = f"{target}?options=-csearch_path%3D{schema}"
    copied = _comments(make_app(restored))
    assert before <= copied <= after
    assert "Une action commentée pendant la sauvegarde" in _serves(restored)
