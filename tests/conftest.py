"""Fixtures: the app on a fresh database (SQLite, or PostgreSQL with TEST_DATABASE_URL),
clients, and factories that build valid objects in one line."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from auth.models import User
from plan.actions.search import FTS_TABLE
from plan.app import create_app
from plan.config import normalise_database_url
from plan.extensions import db
from plan.frame.models import (
    Challenge,
    College,
    Dimension,
    Indicator,
    IndicatorKind,
    Objective,
    Organization,
    OrganizationKind,
    Plan,
    PriorityZone,
    Scale,
    Visibility,
    ZoneKind,
)
from plan.frame.services import DEFAULT_COLLEGES, equal_weights
from plan.members.models import Membership, Role

PASSWORD = "correct-horse-battery"
# The app hashes with scrypt, slow on purpose. Test accounts share one cheap hash of PASSWORD
# (werkzeug checks any method it knows), so that logging in hundreds of times stays fast.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@contextmanager
def private_database(sqlite_file: Path, prefix: str) -> Iterator[str]:
    """A SQLite file, or with TEST_DATABASE_URL a PostgreSQL schema of its own, dropped after."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{sqlite_file}"
        return
    url = normalise_database_url(url)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The database of this test run; each test empties it after itself."""
    with private_database(tmp_path_factory.mktemp("db") / "test.sqlite3", "test") as url:
        yield url


def is_postgresql(url: str) -> bool:
    return url.startswith("postgresql")


def empty_database() -> None:
    """Remove every row, keeping the schema (much faster than recreating it)."""
    db.session.rollback()
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        # Tables that point at each other: let go of the keys created after both tables.
        for table in tables:
            for key in table.foreign_keys:
                if key.use_alter:
                    db.session.execute(table.update().values({key.parent.name: None}))
        for table in reversed(tables):
            db.session.execute(table.delete())
        db.session.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))  # noqa: S608 - a constant
    db.session.commit()


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (its own `g` and database session), as it
    does in production; the test's session then starts afresh."""

    def open(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():
            # End the test's own transaction: its next read sees what the request committed
            # (SQLite in WAL mode reads from the snapshot a transaction started with).
            db.session.commit()
        return response


_apps_to_close: list[Flask] = []


@pytest.fixture(autouse=True)
def _close_database_pools() -> Iterator[None]:
    """Every app a test built lets go of its database connections when the test ends."""
    yield
    while _apps_to_close:
        with _apps_to_close.pop().app_context():
            db.engine.dispose()


def make_app(database_url: str, **overrides: Any) -> Flask:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # Off, but in tests/test_versions_cache.py: a test reads what it just rendered.
        "CAPCOMMUN_RENDER_CACHE_MB": 0,
        **overrides,
    }
    app = create_app(settings)
    app.test_client_class = IsolatedClient
    _apps_to_close.append(app)
    return app


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url)
    with app.app_context():
        db.create_all()
        try:
            yield app
        finally:
            empty_database()
            db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


# Factories ------------------------------------------------------------------------------


def make_user(
    email: str | None = None,
    *,
    name: str | None = None,
    admin: bool = False,
    locale: str | None = None,
) -> User:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.org"
    user = User(
        email=email,
        display_name=name or email.split("@")[0],
        password_hash=PASSWORD_HASH,
        is_admin=admin,
        locale=locale,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_plan(
    slug: str | None = None,
    *,
    public: bool = True,
    challenges: int = 0,
    title: str | None = None,
) -> Plan:
    slug = slug or f"plan-{uuid.uuid4().hex[:8]}"
    plan = Plan(
        slug=slug,
        title=title or f"Plan {slug}",
        territory_name="Pays de test",
        territory_scale=Scale.EPCI,
        first_year=2024,
        last_year=2027,
        summary="",
        visibility=Visibility.PUBLIC if public else Visibility.MEMBERS,
    )
    for position, (name, weight) in enumerate(
        zip(DEFAULT_COLLEGES, equal_weights(len(DEFAULT_COLLEGES)), strict=True), start=1
    ):
        plan.colleges.append(College(name=name, weight=weight, position=position))
    for position in range(1, challenges + 1):
        challenge = Challenge(
            position=position, title=f"Défi numéro {position}", dimension=Dimension.SOCIAL
        )
        objective = Objective(title=f"Objectif du défi {position}", position=1)
        objective.indicators.append(
            Indicator(
                name="Personnes accompagnées",
                unit="personnes",
                kind=IndicatorKind.RESULT,
                baseline_value=Decimal("10"),
                baseline_year=2023,
                target_value=Decimal("250.5"),
                target_year=2027,
            )
        )
        challenge.objectives.append(objective)
        plan.challenges.append(challenge)
    plan.zones.append(PriorityZone(name="Quartier prioritaire", kind=ZoneKind.INTERNAL))
    plan.organizations.append(
        Organization(name="Association témoin", kind=OrganizationKind.ASSOCIATION)
    )
    db.session.add(plan)
    db.session.commit()
    return plan


def make_action(
    plan: Plan,
    author: User,
    title: str = "Navette solidaire Embrun–Savines",
    *,
    challenge: int = 1,
    submit: bool = True,
    **content: Any,
):  # type: ignore[no-untyped-def]
    """An action with a first revision (submitted unless told otherwise)."""
    from plan.actions.content import empty_content
    from plan.actions.services import create_action

    values = {
        **empty_content(),
        "title": title,
        "description": "Une navette **quotidienne** entre Embrun et Savines.",
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "lead_organization_id": plan.organizations[0].id,
        **content,
    }
    target = next(c for c in plan.challenges if c.position == challenge)
    action = create_action(plan, target, author, values, submit=submit)
    db.session.commit()
    return action


def make_member(user: User, plan: Plan, role: Role, college: College | None = None) -> Membership:
    membership = Membership(
        user_id=user.id,
        plan_id=plan.id,
        role=role,
        college_id=(college or plan.colleges[0]).id,
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def login(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    response = client.post("/auth/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database with no table at all, for migrations and the demo command."""
    with private_database(tmp_path / "empty.sqlite3", "empty") as url:
        yield url


@pytest.fixture(scope="session")
def poisoned_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, Any]]:
    """An app on a database of its own, with a payload of tests/xss.py in every field a
    person can fill in (tests/xss_world.py), built once for the XSS tests that read it:
    pages and exports (tests/test_xss.py) and the browser's view of them."""
    from tests.xss_world import poisoned_app

    with poisoned_app(tmp_path_factory.mktemp("xss")) as built:
        yield built
