"""The demo plan's workshops: the Veynes workshop of March 2021 with its minutes, counted in
both versions, and a workshop planned for 2027 that the facilitator can start."""

from __future__ import annotations

import html as html_lib

import pytest
from sqlalchemy import func, select

from plan.actions.models import Action, ActionStatus
from plan.demo.loader import DEMO_PASSWORD, load_demo
from plan.extensions import db
from plan.versions.models import PlanVersion
from plan.workshops.models import (
    Workshop,
    WorkshopAttendee,
    WorkshopIdea,
    WorkshopParticipant,
    WorkshopStatus,
)

FRENCH = {"Accept-Language": "fr"}


@pytest.fixture
def demo(app):  # type: ignore[no-untyped-def]
    plan = load_demo()
    db.session.commit()
    workshops = db.session.scalars(
        select(Workshop).where(Workshop.plan_id == plan.id).order_by(Workshop.starts_at)
    ).all()
    return plan, workshops


def test_the_past_workshop_has_its_people_ideas_and_notes(demo) -> None:
    _plan, (past, _planned) = demo
    assert past.status == WorkshopStatus.CLOSED
    assert past.ended_at.year == 2021
    assert [entry.ballot.number for entry in past.agenda] == [1]
    participants = db.session.scalars(
        select(WorkshopParticipant).where(WorkshopParticipant.workshop_id == past.id)
    ).all()
    assert len(participants) == 31  # the 28 voters of ballot 1 and 3 guests
    assert sum(p.is_guest for p in participants) == 3
    assert len({p.college_id for p in participants}) == 5
    assert (
        db.session.scalar(
            select(func.count(WorkshopAttendee.id)).where(WorkshopAttendee.workshop_id == past.id)
        )
        == 4
    )
    ideas = db.session.scalars(
        select(Action).join(WorkshopIdea, WorkshopIdea.action_id == Action.id)
    ).all()
    assert len(ideas) == 3
    assert {a.status for a in ideas} == {ActionStatus.DRAFT}
    assert all(a.created_at.year == 2021 for a in ideas)
    assert "comité de pilotage" in past.notes


def test_the_past_workshops_minutes_are_readable_and_downloadable(demo, client) -> None:
    plan, (past, _planned) = demo
    base = f"/plans/{plan.slug}/workshops/{past.id}"
    page = client.get(f"{base}/minutes", headers=FRENCH)
    assert page.status_code == 200
    text = html_lib.unescape(page.get_data(as_text=True))
    for expected in (
        "Atelier public de Veynes",
        "Salle des fêtes, Veynes",
        "Julien Chabrand",
        "Mireille A.",
        "Marcel Tron",
        "Comité des fêtes de Veynes",
        "Navette",
        "Un garage solidaire pour réparer les voitures des personnes en insertion",
        "Ce qu'il faut retenir",
    ):
        assert expected in text, expected
    markdown = client.get(f"{base}/minutes.md")
    assert markdown.status_code == 200
    assert "Marcel Tron" in markdown.get_data(as_text=True)


def test_both_versions_count_the_past_workshop(demo) -> None:
    plan, (past, _planned) = demo
    versions = db.session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)
    ).all()
    for version in versions:
        participation = version.snapshot["participation"]
        assert [w["title"] for w in participation["workshops"]] == [past.title]
        workshop = participation["workshops"][0]
        assert workshop["date"] == "2021-03-12"
        assert workshop["participants"] == 31
        assert workshop["attendees_without_device"] == 4
        assert participation["workshop_attendance"] == 35


def test_the_planned_workshop_is_ready_to_start(demo, app) -> None:
    plan, (_past, planned) = demo
    assert planned.status == WorkshopStatus.PLANNED
    assert planned.starts_at.year == 2027
    assert [entry.ballot.status.value for entry in planned.agenda] == ["open"]
    facilitator = app.test_client()
    response = facilitator.post(
        "/auth/login", data={"email": "animateur@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    base = f"/plans/{plan.slug}/workshops/{planned.id}"
    assert facilitator.get(base).status_code == 200
    assert facilitator.post(f"{base}/start").status_code == 302
    db.session.refresh(planned)
    assert planned.status == WorkshopStatus.LIVE
    assert planned.join_code
