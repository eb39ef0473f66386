"""Health check, settings, security headers, error pages, and the demo command."""

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.actions.models import Action, ActionRevision, ActionStatus, Amendment, Comment
from plan.app import create_app
from plan.demo import content
from plan.extensions import db
from plan.frame.models import Organization, OrganizationKind, Plan, SizeClass
from plan.members.models import Membership, Role
from tests.conftest import make_app


def test_healthz(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_is_503_without_database(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


def test_the_app_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("CAPCOMMUN_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    (tmp_path / "secret_key").write_text("stored-by-the-demo")
    assert create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).secret_key == "stored-by-the-demo"


def test_settings_come_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example/plan")
    monkeypatch.setenv("CAPCOMMUN_INVITATION_DAYS", "7")
    monkeypatch.setenv("CAPCOMMUN_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("CAPCOMMUN_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.secret_key == "from-env"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/plan"
    assert app.config["CAPCOMMUN_INVITATION_DAYS"] == 7
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_security_headers(client) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_error_pages_are_french_with_a_reference(client) -> None:
    response = client.get("/plans/nowhere")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page introuvable" in html
    assert "référence" in html
    assert client.post("/healthz").status_code == 405


def test_pages_request_nothing_from_other_hosts(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace('xmlns="http://', "")
    assert "https://" not in html
    assert "/static/js/htmx-2.0.11.min.js" in html


def test_demo_loads_once_with_its_accounts(empty_database_url) -> None:
    app = make_app(empty_database_url)
    runner = app.test_cli_runner()
    with app.app_context():
        result = runner.invoke(args=["demo", "--no-serve"])
        assert result.exit_code == 0, result.output
        assert "coordinatrice@example.org" in result.output
        plan = db.session.scalar(select(Plan).where(Plan.slug == "hautes-alpes"))
        assert plan.title == "Hautes-Alpes — Territoire French Impact"
        assert (plan.first_year, plan.last_year, plan.is_public) == (2020, 2023, True)
        assert len(plan.challenges) == 3
        assert all(c.objectives and c.objectives[0].indicators for c in plan.challenges)
        assert len(plan.zones) == 2
        members = db.session.scalars(select(Membership).where(Membership.plan_id == plan.id)).all()
        assert len(members) >= 34
        assert all(
            sum(1 for m in members if m.college_id == college.id) >= 5 for college in plan.colleges
        )
        roles = {m.user.email: m.role for m in members}
        assert roles["coordinatrice@example.org"] == Role.COORDINATOR
        assert roles["animateur@example.org"] == Role.FACILITATOR
        assert roles["contributrice@example.org"] == Role.CONTRIBUTOR
        orgs = db.session.scalars(select(Organization).where(Organization.plan_id == plan.id)).all()
        assert len(orgs) >= 25
        assert {o.kind for o in orgs} == set(OrganizationKind)
        assert {o.size_class for o in orgs if o.kind == OrganizationKind.COMPANY} == set(SizeClass)
        actions = db.session.scalars(select(Action).where(Action.plan_id == plan.id)).all()
        # 26 fiches, and 3 ideas of the past workshop that became draft actions.
        assert len(actions) == 29
        statuses = [a.status for a in actions]
        assert statuses.count(ActionStatus.DRAFT) == 5
        assert statuses.count(ActionStatus.MERGED) == 1
        assert statuses.count(ActionStatus.WITHDRAWN) == 1
        assert db.session.scalar(select(func.count(ActionRevision.id))) > len(actions)
        amendment_statuses = db.session.scalars(select(Amendment.status)).all()
        assert {s.value for s in amendment_statuses} == {"open", "accepted", "rejected"}
        assert (
            db.session.scalar(select(func.count(Comment.id)).where(Comment.hidden_at.is_not(None)))
            == 1
        )
        counts = (
            db.session.scalar(select(func.count(User.id))),
            db.session.scalar(select(func.count(Membership.id))),
        )
        again = runner.invoke(args=["demo", "--no-serve"])
        assert again.exit_code == 0, again.output
        assert "déjà chargé" in again.output
        db.session.expire_all()
        assert counts == (
            db.session.scalar(select(func.count(User.id))),
            db.session.scalar(select(func.count(Membership.id))),
        )
        client = app.test_client()
        # Search works on the migrated database (its index comes from the migration).
        found = client.get("/plans/hautes-alpes/actions?q=navette%20embrun").get_data(as_text=True)
        assert "Navette solidaire Embrun–Savines" in found
        assert "Légumerie" not in found
        response = client.post(
            "/auth/login", data={"email": "admin@example.org", "password": "demo-capcommun"}
        )
        assert response.status_code == 302
        assert db.session.scalar(select(User).where(User.email == content.ADMIN["email"])).is_admin
        db.session.remove()
        db.engine.dispose()


def test_behind_a_trusted_proxy_rate_limits_see_the_visitor(database_url) -> None:
    app = make_app(
        database_url,
        RATELIMIT_ENABLED=True,
        CAPCOMMUN_LOGIN_RATE_LIMIT="1 per minute",
        CAPCOMMUN_TRUSTED_PROXIES=1,
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        data = {"email": "a@example.org", "password": "x" * 12}

        def attempt(visitor: str) -> int:
            return client.post(
                "/auth/login", data=data, headers={"X-Forwarded-For": visitor}
            ).status_code

        assert [attempt("203.0.113.1"), attempt("203.0.113.1")] == [422, 429]
        assert attempt("203.0.113.2") == 422
