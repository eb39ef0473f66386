"""The minutes of an ended workshop: page, Markdown and PDF; and the workshops in the plan's
participation figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Membership, Role
from plan.versions.snapshot import build_snapshot
from plan.voting import services as voting
from plan.voting.models import VotingMethod
from plan.workshops import services
from plan.workshops.ideas import capture_idea
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopParticipant,
)
from tests import test_workshops
from tests.conftest import login, make_action, make_member, make_plan, make_user
from tests.test_actions import count_queries
from tests.test_versions_render_web import pdf_text, squeezed
from tests.test_workshops import FRENCH, base, live_workshop, text

setting = test_workshops.setting  # the fixture: a plan, a facilitator and a member

SCRIPT = "<script>alert(1)</script>"


def held_workshop(setting, *, guests: int = 1, attendees: int = 1, close_ballot: bool = True):  # type: ignore[no-untyped-def]
    """A workshop that ran: the member and guests joined, votes, an idea, then the end."""
    plan, ballot = setting["plan"], setting["ballot"]
    workshop = live_workshop(setting)
    workshop.notes = "Prochaine étape : **comité de pilotage**.\n\n<b>gras</b>"
    discussed = make_action(plan, setting["facilitator"], "Jardins partagés")
    workshop.agenda.append(WorkshopAgendaItem(position=2, action=discussed))
    membership = db.session.scalars(
        select(Membership).where(
            Membership.plan_id == plan.id, Membership.user_id == setting["member"].id
        )
    ).one()
    services.join_as_member(workshop, membership)
    item = ballot.items[0]
    member_participant = services.participant_of(workshop, setting["member"])
    services.cast_workshop_vote(workshop, member_participant, item, setting["member"], "bien")
    for number in range(guests):
        name = SCRIPT if number == 0 else f"Invité·e {number}"
        participant, guest = services.join_with_details(
            workshop,
            None,
            display_name=name,
            college=plan.colleges[1],
            organization=None,
            organization_name="Collectif *vélo*" if number == 0 else "",
        )
        services.cast_workshop_vote(workshop, participant, item, guest, "tres_bien")
        if number == 0:
            capture_idea(workshop, guest, plan.challenges[0], "Un _tiers-lieu_ à Embrun")
    for number in range(attendees):
        db.session.add(
            WorkshopAttendee(
                workshop_id=workshop.id,
                name=f"Sans téléphone {number}",
                college_id=plan.colleges[0].id,
                organization_id=plan.organizations[0].id if plan.organizations else None,
            )
        )
    if close_ballot:
        voting.close_ballot(ballot, setting["facilitator"].id)
    services.end_workshop(workshop, setting["facilitator"].id)
    db.session.commit()
    return workshop


def test_minutes_only_once_the_workshop_has_ended(setting, client) -> None:
    workshop = live_workshop(setting)
    for suffix in ("minutes", "minutes.pdf", "minutes.md"):
        response = client.get(f"{base(workshop)}/{suffix}", headers=FRENCH)
        assert response.status_code == 409


def test_the_minutes_page_holds_attendance_ballots_ideas_and_notes(setting, client) -> None:
    workshop = held_workshop(setting)
    response = client.get(f"{base(workshop)}/minutes", headers=FRENCH)
    assert response.status_code == 200
    page = text(response)
    assert "Atelier mobilité" in page
    assert "Salle des fêtes" in page
    assert "Anna" in page  # the facilitator
    # Attendance: the member, the guest (escaped) and the person without a device.
    raw = response.get_data(as_text=True)
    assert SCRIPT not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "Marc" in page
    assert "Sans téléphone 0" in page
    assert "Collectif *vélo*" in page
    # The ballot with its outcome and its explanation sentence.
    assert "Mobilité" in page
    assert "Navette solidaire" in page
    assert 'class="explanation"' in raw
    # The action discussed, the idea and the notes (Markdown, sanitised).
    assert "Jardins partagés" in page
    assert "Un _tiers-lieu_ à Embrun" in page
    assert "<strong>comité de pilotage</strong>" in raw
    assert "<b>gras</b>" not in raw


def test_a_ballot_still_open_at_the_end_says_so(setting, client) -> None:
    workshop = held_workshop(setting, close_ballot=False)
    open_page = client.get(f"{base(workshop)}/minutes").get_data(as_text=True)
    closed = client.get(f"{base(workshop)}/minutes.md").get_data(as_text=True)
    assert 'class="notice"' in open_page
    assert "Navette solidaire" not in closed  # no result yet


def test_markdown_download_escapes_what_people_typed(setting, client) -> None:
    workshop = held_workshop(setting)
    response = client.get(f"{base(workshop)}/minutes.md", headers=FRENCH)
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="vallee-atelier-{workshop.id}-compte-rendu.md"'
    )
    body = response.get_data(as_text=True)
    assert body.startswith("# ")
    assert "Atelier mobilité" in body
    assert SCRIPT not in body
    assert r"\<script\>alert(1)\</script\>" in body
    assert r"Collectif \*vélo\*" in body
    assert r"Un \_tiers-lieu\_ à Embrun" in body
    assert "Navette solidaire" in body
    assert "Jardins partagés" in body
    assert "**comité de pilotage**" in body
    assert "<b>" not in body
    assert "Sans téléphone 0" in body


def test_pdf_download_holds_the_same_minutes(setting, client) -> None:
    workshop = held_workshop(setting)
    response = client.get(f"{base(workshop)}/minutes.pdf", headers=FRENCH)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="vallee-atelier-{workshop.id}-compte-rendu.pdf"'
    )
    data = response.get_data()
    assert data.startswith(b"%PDF-")
    flat = squeezed(pdf_text(data))
    for expected in (
        "Atelier mobilité",
        SCRIPT,  # shown as text, never run
        "Sans téléphone 0",
        "Navette solidaire",
        "Jardins partagés",
        "Un _tiers-lieu_ à",  # the table's cell wraps
        "comité de pilotage",
    ):
        assert squeezed(expected) in flat, expected


def test_minutes_follow_who_may_read_the_plan(setting, app) -> None:
    workshop = held_workshop(setting)
    plan = setting["plan"]
    anonymous = app.test_client()
    expected = 200 if plan.is_public else 404
    assert anonymous.get(f"{base(workshop)}/minutes").status_code == expected
    member = app.test_client()
    login(member, setting["member"])
    assert member.get(f"{base(workshop)}/minutes").status_code == 200
    assert member.get(f"{base(workshop)}/minutes.md").status_code == 200


def test_the_minutes_page_runs_a_constant_number_of_queries(setting, app, client) -> None:
    few = held_workshop(setting, guests=1, attendees=1)
    small = count_queries(app, client, f"{base(few)}/minutes")
    # Another workshop of the same plan, with many more people.
    plan = setting["plan"]
    ballot = voting.create_ballot(
        plan,
        setting["facilitator"],
        title="Deuxième",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=[make_action(plan, setting["member"], "Autre fiche")],
    )
    voting.open_ballot(ballot, setting["facilitator"].id)
    db.session.commit()
    many = held_workshop({**setting, "ballot": ballot}, guests=6, attendees=5)
    assert (
        db.session.scalar(
            select(func.count(WorkshopParticipant.id)).where(
                WorkshopParticipant.workshop_id == many.id
            )
        )
        == 7
    )
    assert count_queries(app, client, f"{base(many)}/minutes") == small


# --------------------------------------------------------------------------- participation


def test_the_snapshot_counts_ended_workshops_and_their_attendance(setting, app) -> None:
    workshop = held_workshop(setting, guests=2, attendees=3)
    plan = setting["plan"]
    # A planned workshop and a removed participant do not count.
    test_workshops.plan_workshop(setting, title="Plus tard")
    removed = db.session.scalars(
        select(WorkshopParticipant).where(WorkshopParticipant.is_guest)
    ).first()
    removed.removed_at = datetime(2026, 3, 12, 18, 0)
    db.session.commit()
    with app.test_request_context():
        snapshot = build_snapshot(db.session.get(Plan, plan.id))
    participation = snapshot["participation"]
    assert participation["workshops"] == [
        {
            "title": "Atelier mobilité",
            "date": "2026-03-12",
            "format": "plenary",
            "format_label": "Plénière",
            "participants": 2,  # the member and one guest
            "attendees_without_device": 3,
            "attendance": 5,
            "colleges": [
                {"college": plan.colleges[0].name, "attendance": 3},
                {"college": plan.colleges[1].name, "attendance": 1},
                {"college": plan.colleges[2].name, "attendance": 1},
            ],
        }
    ]
    assert participation["workshop_attendance"] == 5
    assert workshop.is_closed


def test_the_version_document_shows_the_workshops(setting, app) -> None:
    from plan.versions.render import Document, render
    from plan.versions.snapshot import sha256_of

    held_workshop(setting, guests=1, attendees=1)
    plan = setting["plan"]
    with app.test_request_context():
        snapshot = build_snapshot(db.session.get(Plan, plan.id))
        document = Document(snapshot, 1, "draft", "Brouillon", "2026-03-20", sha256_of(snapshot))
        html = render(document, "html").decode()
        markdown = render(document, "md").decode()
    for output in (html, markdown):
        assert "Atelier mobilité" in output
        assert "Présences en atelier" in output
        assert "Plénière" in output
        assert "dont 1 sans appareil" in output


def test_a_contributor_outside_the_plan_gets_no_minutes_of_a_private_plan(app) -> None:
    plan = make_plan("privee", challenges=1, public=False)
    facilitator = make_user("anim@example.org")
    make_member(facilitator, plan, Role.FACILITATOR)
    workshop = Workshop(
        plan=plan,
        title="Huis clos",
        starts_at=datetime(2026, 1, 5, 9, 0),
        format="plenary",
        status="closed",
        started_at=datetime(2026, 1, 5, 9, 0),
        ended_at=datetime(2026, 1, 5, 11, 0),
    )
    db.session.add(workshop)
    db.session.commit()
    outsider = app.test_client()
    login(outsider, make_user("dehors@example.org"))
    assert outsider.get(f"/plans/privee/workshops/{workshop.id}/minutes").status_code == 404
    inside = app.test_client()
    login(inside, facilitator)
    assert inside.get(f"/plans/privee/workshops/{workshop.id}/minutes").status_code == 200
