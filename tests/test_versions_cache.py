"""Rendered versions are kept (plan.versions.cache): served again without rendering, never
stale, never from a tampered snapshot."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from plan import rendered
from plan.extensions import db
from plan.versions import services
from plan.versions import views as version_views
from plan.versions.models import PlanVersion, VersionStatus
from plan.versions.render import html as html_renderer
from tests import test_versions
from tests.test_versions import adopt, client_of, text

world = test_versions.world


@pytest.fixture
def cached(app, tmp_path):  # type: ignore[no-untyped-def]
    app.config.update(CAPCOMMUN_RENDER_CACHE_MB=16, CAPCOMMUN_RENDER_CACHE_DIR=str(tmp_path))
    return tmp_path


@pytest.fixture
def renders(monkeypatch):  # type: ignore[no-untyped-def]
    """How many times each kind of rendering really ran."""
    counts = {"page": 0, "comparison": 0, "download": 0}

    def counted(kind, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            counts[kind] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        version_views, "document_view", counted("page", version_views.document_view)
    )
    monkeypatch.setattr(
        version_views, "diff_snapshots", counted("comparison", version_views.diff_snapshots)
    )
    monkeypatch.setattr(
        html_renderer, "render_html", counted("download", html_renderer.render_html)
    )
    return counts


def published(world, count: int = 1) -> list[PlanVersion]:  # type: ignore[no-untyped-def]
    versions = []
    for index in range(count):
        adopt(world["plan"], world["actions"][index : index + 1], world["voters"])
        version = services.consolidate(world["plan"], world["coordinator"])
        services.publish(version, world["coordinator"], VersionStatus.VALIDATED)
        db.session.commit()
        versions.append(version)
    return versions


def tamper(version: PlanVersion) -> None:
    """What an operator's stray UPDATE would do, past the ORM's guard."""
    snapshot = {**version.snapshot, "introduction": "Introduction falsifiée"}
    db.session.execute(
        update(PlanVersion).where(PlanVersion.id == version.id).values(snapshot=snapshot)
    )
    db.session.commit()


def test_a_version_page_is_rendered_once_then_served_as_it_was(app, world, cached, renders):
    published(world)
    visitor = app.test_client()
    first = visitor.get("/plans/vallee/versions/1")
    second = visitor.get("/plans/vallee/versions/1")
    assert first.status_code == second.status_code == 200
    assert renders["page"] == 1
    assert "Navette solidaire" in text(second)
    assert first.data == second.data
    assert len(list(cached.iterdir())) == 1


def test_a_snapshot_altered_after_caching_is_refused_not_served(app, world, cached, renders):
    (version,) = published(world)
    visitor = app.test_client()
    assert visitor.get("/plans/vallee/versions/1").status_code == 200
    assert visitor.get("/plans/vallee/versions/1/download/html").status_code == 200
    tamper(version)
    page = visitor.get("/plans/vallee/versions/1")
    download = visitor.get("/plans/vallee/versions/1/download/html")
    assert page.status_code == download.status_code == 500
    assert "ne correspond plus à son empreinte" in text(page)
    assert "falsifi" not in text(page)
    assert b"falsifi" not in download.data


def test_a_changed_stored_hash_is_refused_too(app, world, cached):
    (version,) = published(world)
    visitor = app.test_client()
    assert visitor.get("/plans/vallee/versions/1").status_code == 200
    db.session.execute(
        update(PlanVersion).where(PlanVersion.id == version.id).values(sha256="0" * 64)
    )
    db.session.commit()
    assert visitor.get("/plans/vallee/versions/1").status_code == 500


def test_a_new_status_shows_at_once(app, world, cached, renders):
    (version,) = published(world)
    visitor = app.test_client()
    assert "Version 1 — Validée" in text(visitor.get("/plans/vallee/versions/1"))
    services.change_status(version, VersionStatus.ADOPTED)
    db.session.commit()
    assert "Version 1 — Adoptée" in text(visitor.get("/plans/vallee/versions/1"))
    assert renders["page"] == 2


def test_a_comparison_is_kept_per_language(app, world, cached, renders):
    published(world, 2)
    facilitator = client_of(app, world["facilitator"])
    french = text(facilitator.get("/plans/vallee/versions/1...2"))
    english = text(
        facilitator.get("/plans/vallee/versions/1...2", headers={"Accept-Language": "en"})
    )
    again = text(facilitator.get("/plans/vallee/versions/1...2"))
    assert "Café des aidants" in french
    assert "Café des aidants" in english
    assert "ajoutée" in french
    assert "ajoutée" not in english
    assert renders["comparison"] == 2
    assert "ajoutée" in again


def test_downloads_are_rendered_once_with_the_same_bytes(app, world, cached, renders):
    published(world)
    visitor = app.test_client()
    first = visitor.get("/plans/vallee/versions/1/download/html")
    second = visitor.get("/plans/vallee/versions/1/download/html")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert renders["download"] == 1
    assert second.headers["Content-Disposition"] == 'attachment; filename="vallee-v1.html"'


def test_the_folder_stays_within_its_budget(app, cached):
    app.config["CAPCOMMUN_RENDER_CACHE_MB"] = 1
    with app.test_request_context():
        for index in range(4):
            rendered.store(cached / f"page-{index}", b"x" * 400_000)
    kept = sorted(entry.name for entry in cached.iterdir())
    assert kept == ["page-2", "page-3"]


def test_an_entry_being_written_by_another_worker_is_left_alone(app, cached):
    app.config["CAPCOMMUN_RENDER_CACHE_MB"] = 1
    (cached / f"{rendered.TEMPORARY}other-worker").write_bytes(b"x" * 900_000)
    with app.test_request_context():
        rendered.store(cached / "page-0", b"x" * 400_000)
        rendered.store(cached / "page-1", b"x" * 400_000)
        rendered.store(cached / "page-2", b"x" * 400_000)
    kept = sorted(entry.name for entry in cached.iterdir())
    assert kept == [f"{rendered.TEMPORARY}other-worker", "page-1", "page-2"]


def test_without_a_budget_nothing_is_written(app, world, tmp_path, renders):
    app.config.update(CAPCOMMUN_RENDER_CACHE_MB=0, CAPCOMMUN_RENDER_CACHE_DIR=str(tmp_path))
    published(world)
    visitor = app.test_client()
    visitor.get("/plans/vallee/versions/1")
    visitor.get("/plans/vallee/versions/1")
    assert renders["page"] == 2
    assert list(tmp_path.iterdir()) == []
