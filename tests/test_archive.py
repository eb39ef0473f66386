"""Archives of a plan: `capcommun archive` then `capcommun restore`, into an empty database
or beside the original, lose nothing (archiving the restored plan gives the same document),
keep every version's hash, and refuse what they cannot restore without writing anything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select

from plan.actions.models import Action, Comment
from plan.actions.services import edit_comment
from plan.archive import FORMAT, _tables
from plan.demo.loader import DEMO_PASSWORD, load_demo
from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Role
from plan.members.services import create_invitation
from plan.versions.models import PlanVersion
from plan.versions.services import verify
from plan.workshops.models import Workshop, WorkshopStatus
from tests.conftest import make_app


def _without_date(document: dict[str, Any]) -> dict[str, Any]:
    """The document but when and from which migration of the database it was made (the
    tests' own database is built without migrations)."""
    return {
        key: value
        for key, value in document.items()
        if key not in {"archived_at", "database_revision"}
    }


def _archive(runner, slug: str, path: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["archive", slug, "--output", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text())


@pytest.fixture
def demo(app: Flask) -> Plan:
    """The demo plan, with what the demo leaves empty: an edited comment, an invitation."""
    plan = load_demo()
    assert plan is not None
    comment = db.session.scalars(
        select(Comment).join(Action).where(Action.plan_id == plan.id).order_by(Comment.id)
    ).first()
    edit_comment(comment, "Corrigé : les chiffres de 2021 étaient faux.", plan.id)
    create_invitation(
        plan, {"role": Role.CONTRIBUTOR, "college_id": plan.colleges[0].id, "note": "Atelier"}, 7
    )
    db.session.commit()
    return plan


@pytest.fixture
def empty_app(empty_database_url: str) -> Flask:
    """Another database, migrated as a deployment is, with no plan."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        db.session.remove()
    return app


def test_archive_restore_archive_gives_the_same_document(
    app: Flask, demo: Plan, empty_app: Flask, tmp_path: Path
) -> None:
    first = _archive(app.test_cli_runner(), demo.slug, tmp_path / "plan.json")
    assert first["format"] == FORMAT
    # Every kind of row the plan can hold is in the archive (the demo holds them all).
    assert {table.name for table in _tables()} == set(first["tables"])
    empty = sorted(name for name, rows in first["tables"].items() if not rows)
    assert empty == []
    assert len(first["tables"]["plan_versions"]) == 2

    with empty_app.app_context():
        restored = empty_app.test_cli_runner().invoke(args=["restore", str(tmp_path / "plan.json")])
        assert restored.exit_code == 0, restored.output
        assert "2 versions vérifiées" in restored.output
        second = _archive(empty_app.test_cli_runner(), demo.slug, tmp_path / "again.json")
        assert _without_date(second) == _without_date(first)
        versions = db.session.scalars(select(PlanVersion)).all()
        for version in versions:
            verify(version)
        assert [version.sha256 for version in versions] == [
            row["sha256"] for row in first["tables"]["plan_versions"]
        ]
        db.session.remove()

    # The restored plan works: its pages, its search, its versions.
    with empty_app.app_context():
        client = empty_app.test_client()
        client.post(
            "/auth/login",
            data={"email": "coordinatrice@example.org", "password": DEMO_PASSWORD},
        )
        home = client.get(f"/plans/{demo.slug}")
        assert home.status_code == 200
        found = client.get(f"/plans/{demo.slug}/actions?q=legumerie")
        assert "Légumerie solidaire" in found.get_data(as_text=True)
        version = client.get(f"/plans/{demo.slug}/versions/1")
        assert version.status_code == 200
        db.session.remove()


def test_a_copy_beside_the_original_gets_its_own_codes(
    app: Flask, demo: Plan, runner, tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    live = db.session.scalars(select(Workshop).where(Workshop.plan_id == demo.id)).first()
    live.status = WorkshopStatus.LIVE
    live.join_code = "ABC234"
    db.session.commit()
    original = _archive(runner, demo.slug, path)
    accounts = _accounts()

    result = runner.invoke(args=["restore", str(path), "--slug", "copie"])
    assert result.exit_code == 0, result.output
    assert "atelier" in result.output
    assert "invitation" in result.output

    copy = db.session.scalar(select(Plan).where(Plan.slug == "copie"))
    assert copy is not None
    assert copy.id != demo.id
    codes = db.session.scalars(
        select(Workshop.join_code).where(Workshop.status == WorkshopStatus.LIVE)
    ).all()
    assert len(codes) == 2
    assert len(set(codes)) == 2
    # The original is untouched; the copy holds the same plan under its new address.
    assert _without_date(_archive(runner, demo.slug, path)) == _without_date(original)
    copied = _archive(runner, "copie", tmp_path / "copy.json")
    assert copied["tables"]["plans"][0]["slug"] == "copie"
    assert len(copied["tables"]["votes"]) == len(original["tables"]["votes"])
    # Accounts are matched by email; only guests (no email) are created again.
    guests = sum(1 for user in original["users"] if user["email"] is None)
    assert _accounts() == accounts + guests


def _accounts() -> int:
    return db.session.scalar(select(func.count()).select_from(db.metadata.tables["users"])) or 0


def _rows() -> int:
    return sum(
        db.session.scalar(select(func.count()).select_from(table)) or 0 for table in _tables()
    )


FAULTS = [
    (lambda document: document.update(format="autre"), "n'est pas une archive Cap Commun"),
    (lambda document: document.update(schema_version=99), "cette version de Cap Commun lit"),
    (
        lambda document: document["tables"]["plan_versions"][0]["snapshot"].update(
            title="Un autre plan"
        ),
        "ne correspond pas à son empreinte SHA-256",
    ),
    (lambda document: document["tables"]["votes"][0].update(item_id=9999), "référence brisée"),
    (
        lambda document: document["tables"]["actions"][0].update(colour="rouge"),
        "colonnes inconnues dans actions : colour",
    ),
]


def test_a_faulty_archive_is_refused_and_nothing_is_written(
    app: Flask, demo: Plan, runner, tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    archived = _archive(runner, demo.slug, path)
    before = _rows()
    for change, message in FAULTS:
        document = json.loads(json.dumps(archived))
        change(document)
        path.write_text(json.dumps(document))

        result = runner.invoke(args=["restore", str(path), "--slug", "copie"])

        assert result.exit_code == 1, message
        assert message in result.output
        assert "Traceback" not in result.output
        db.session.rollback()
        assert _rows() == before, message


def test_restoring_over_an_existing_plan_is_refused(
    app: Flask, demo: Plan, runner, tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    _archive(runner, demo.slug, path)
    before = _rows()
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert f"un plan « {demo.slug} » existe déjà" in result.output
    assert _rows() == before

    path.write_text("{ pas du JSON")
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert "n'est pas un fichier JSON lisible" in result.output


def test_archive_of_an_unknown_plan(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["archive", "nulle-part", "--output", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "aucun plan « nulle-part »" in result.output
    assert not (tmp_path / "x.json").exists()
