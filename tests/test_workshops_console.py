"""The facilitator's console: ballots, projector, timer, people in the room, notes, and
taking someone out of a workshop."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.extensions import db
from plan.frame.models import Organization, OrganizationKind
from plan.journal.models import AuditEvent
from plan.members.models import Membership, Role
from plan.voting import services as voting
from plan.voting.models import BallotStatus, PaperTally, Vote, VotingMethod
from plan.voting.services import utcnow
from plan.workshops import services
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopParticipant,
)
from tests import test_workshops
from tests.conftest import (
    PASSWORD,
    csrf_token_from,
    empty_database,
    login,
    make_action,
    make_app,
    make_member,
    make_plan,
    make_user,
)
from tests.test_actions import count_queries
from tests.test_workshops import FRENCH, base, guest_form, live_workshop, plan_workshop, text

setting = test_workshops.setting  # the fixture: a plan with an open ballot, its facilitation


ENGLISH = {"Accept-Language": "en"}


def console(workshop: Workshop) -> str:
    return f"{base(workshop)}/console"


def state_of(workshop: Workshop) -> int:
    db.session.expire_all()
    return db.session.get(Workshop, workshop.id).state


def entry(workshop: Workshop, position: int = 1) -> WorkshopAgendaItem:
    return db.session.scalars(
        select(WorkshopAgendaItem).where(
            WorkshopAgendaItem.workshop_id == workshop.id,
            WorkshopAgendaItem.position == position,
        )
    ).one()


def join_as_guest(app, workshop: Workshop, name: str = "Claire M.", **values):  # type: ignore[no-untyped-def]
    phone = app.test_client()
    response = phone.post(
        f"/j/{workshop.join_code}", data=guest_form(workshop.plan, display_name=name, **values)
    )
    assert response.status_code == 302, text(response)
    guest = db.session.scalars(select(User).where(User.display_name == name)).one()
    participant = db.session.scalars(
        select(WorkshopParticipant).where(WorkshopParticipant.user_id == guest.id)
    ).one()
    return phone, guest, participant


def second_ballot(setting, *, open_it: bool = False):  # type: ignore[no-untyped-def]
    action = make_action(setting["plan"], setting["member"], "Tiers-lieu")
    ballot = voting.create_ballot(
        setting["plan"],
        setting["facilitator"],
        title="Tiers-lieux",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=[action],
    )
    if open_it:
        voting.open_ballot(ballot, setting["facilitator"].id)
    db.session.commit()
    return ballot


# --------------------------------------------------------------------------- access


def test_only_the_facilitation_opens_the_console(setting, app, client) -> None:
    workshop = live_workshop(setting)
    page = client.get(console(workshop), headers=ENGLISH)
    assert page.status_code == 200
    body = text(page)
    assert "Facilitation console" in body
    assert workshop.join_code in body
    assert "Ballot 1 — Mobilité" in body
    assert "Open the ballot" not in body  # it is open already
    assert "Close the ballot" in body
    assert f"{base(workshop)}/projector" in body
    assert f"{base(workshop)}/ideas" in body
    assert f"{base(workshop)}/end" in body
    assert console(workshop) in text(client.get(base(workshop)))
    contributor = app.test_client()
    login(contributor, setting["member"])
    assert contributor.get(console(workshop)).status_code == 403
    assert contributor.post(f"{console(workshop)}/timer", data={"minutes": 5}).status_code == 403
    assert contributor.post(f"{console(workshop)}/notes", data={"notes": "x"}).status_code == 403
    agenda_entry = entry(workshop)
    closing = contributor.post(f"{console(workshop)}/agenda/{agenda_entry.id}/close")
    assert closing.status_code == 403
    db.session.expire_all()
    assert setting["ballot"].status == BallotStatus.OPEN


def test_a_planned_or_closed_workshop_console_is_read_only(setting, client) -> None:
    workshop = plan_workshop(setting)
    page = client.get(console(workshop))
    assert page.status_code == 200
    assert "/timer" not in text(page)
    assert client.post(f"{console(workshop)}/timer", data={"minutes": 5}).status_code == 409
    assert client.post(f"{console(workshop)}/notes", data={"notes": "x"}).status_code == 409
    services.start_workshop(workshop)
    services.end_workshop(workshop)
    db.session.commit()
    page = text(client.get(console(workshop)))
    assert "/timer" not in page
    assert "/agenda/" not in page
    response = client.post(f"{console(workshop)}/timer", data={"minutes": 5}, headers=FRENCH)
    assert response.status_code == 409
    assert "Cet atelier est « Terminé » : ce n'est pas possible maintenant." in text(response)
    assert (
        client.post(f"{console(workshop)}/agenda/{entry(workshop).id}/project").status_code == 409
    )
    # The notes feed the minutes: they can still be written once it is over.
    assert client.post(f"{console(workshop)}/notes", data={"notes": "Bilan"}).status_code == 302
    assert db.session.get(Workshop, workshop.id).notes == "Bilan"


def test_an_agenda_entry_of_another_workshop_is_404(setting, client) -> None:
    workshop = live_workshop(setting)
    other = plan_workshop(setting, title="Autre")
    response = client.post(f"{console(workshop)}/agenda/{entry(other).id}/project")
    assert response.status_code == 404


# --------------------------------------------------------------------------- ballots


def test_open_and_close_a_ballot_from_the_console(setting, client) -> None:
    planned = second_ballot(setting)
    workshop = plan_workshop(setting)
    services.update_workshop(
        workshop,
        {"title": workshop.title, "format": "plenary"},
        facilitators=[setting["facilitator"]],
        ballots=[setting["ballot"], planned],
        actions=[],
    )
    services.start_workshop(workshop)
    db.session.commit()
    second = entry(workshop, 2)
    before = state_of(workshop)
    response = client.post(f"{console(workshop)}/agenda/{second.id}/open")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{console(workshop)}#console-agenda")
    db.session.expire_all()
    assert planned.status == BallotStatus.OPEN
    assert db.session.get(Workshop, workshop.id).current_position == 2
    assert state_of(workshop) > before
    # Opened twice: the ballots' own message, with its status.
    again = client.post(f"{console(workshop)}/agenda/{second.id}/open", headers=FRENCH)
    assert again.status_code == 409
    assert "Ce scrutin est « Ouvert » : ce n'est pas possible maintenant." in text(again)

    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/agenda/{second.id}/close").status_code == 302
    db.session.expire_all()
    assert planned.status == BallotStatus.CLOSED
    assert planned.result is not None
    assert state_of(workshop) > before
    assert client.post(f"{console(workshop)}/agenda/{second.id}/close").status_code == 409
    events = set(db.session.scalars(select(AuditEvent.action)))
    assert {"ballot.open", "ballot.close"} <= events


def test_an_action_entry_has_no_ballot_to_open(setting, client) -> None:
    workshop = plan_workshop(setting)
    services.update_workshop(
        workshop,
        {"title": workshop.title, "format": "plenary"},
        facilitators=[setting["facilitator"]],
        ballots=[],
        actions=[setting["ballot"].items[0].action],
    )
    services.start_workshop(workshop)
    db.session.commit()
    action_entry = entry(workshop)
    assert client.post(f"{console(workshop)}/agenda/{action_entry.id}/open").status_code == 404
    # An action can be shown on the projector all the same.
    assert client.post(f"{console(workshop)}/agenda/{action_entry.id}/project").status_code == 302
    assert db.session.get(Workshop, workshop.id).current_position == 1


def test_the_console_counts_votes_per_item(setting, app, client) -> None:
    workshop = live_workshop(setting)
    phone, _guest, _participant = join_as_guest(app, workshop)
    item = setting["ballot"].items[0]
    voted = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"})
    assert voted.status_code == 302
    page = text(client.get(console(workshop), headers=ENGLISH))
    assert "1 vote\n" in page


def test_project_welcome_reveal_and_hide(setting, client) -> None:
    workshop = live_workshop(setting)
    first = entry(workshop)
    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/agenda/{first.id}/project").status_code == 302
    assert db.session.get(Workshop, workshop.id).current_position == 1
    assert state_of(workshop) > before

    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/projector/welcome").status_code == 302
    assert db.session.get(Workshop, workshop.id).current_position is None
    assert state_of(workshop) > before

    # An open ballot without live results: its results stay hidden until it closes.
    refused = client.post(f"{console(workshop)}/agenda/{first.id}/reveal", headers=FRENCH)
    assert refused.status_code == 409
    assert entry(workshop).revealed_at is None

    assert client.post(f"{console(workshop)}/agenda/{first.id}/close").status_code == 302
    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/agenda/{first.id}/reveal").status_code == 302
    assert entry(workshop).revealed_at is not None
    assert db.session.get(Workshop, workshop.id).current_position == 1
    assert state_of(workshop) > before
    assert "Hide the results" in text(client.get(console(workshop), headers=ENGLISH))

    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/agenda/{first.id}/hide").status_code == 302
    assert entry(workshop).revealed_at is None
    assert state_of(workshop) > before


def test_live_results_can_be_revealed_while_open(setting, client) -> None:
    setting["ballot"].live_results = True
    db.session.commit()
    workshop = live_workshop(setting)
    assert client.post(f"{console(workshop)}/agenda/{entry(workshop).id}/reveal").status_code == 302
    assert entry(workshop).revealed_at is not None


def test_paper_votes_from_the_console_raise_the_state(setting, client) -> None:
    workshop = live_workshop(setting)
    plan = setting["plan"]
    item = setting["ballot"].items[0]
    url = f"{console(workshop)}/items/{item.id}/paper"
    assert client.get(url).status_code == 200
    before = state_of(workshop)
    counts = {f"count_{grade}": 0 for grade in voting.paper_choices(VotingMethod.MAJORITY_JUDGMENT)}
    response = client.post(
        url,
        data={**counts, "college_id": plan.colleges[0].id, "count_bien": 3, "count_passable": 1},
    )
    assert response.status_code == 302, text(response)
    assert response.headers["Location"].endswith(f"{console(workshop)}#console-agenda")
    tally = db.session.scalars(select(PaperTally)).one()
    assert tally.total == 4
    assert state_of(workshop) > before
    assert "4 on paper" in text(client.get(console(workshop), headers=ENGLISH))
    negative = client.post(
        url, data={**counts, "college_id": plan.colleges[0].id, "count_bien": -1}
    )
    assert negative.status_code == 422


# --------------------------------------------------------------------------- timer


def test_the_timer_starts_grows_and_stops(setting, client) -> None:
    workshop = live_workshop(setting)
    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/timer", data={"minutes": "5"}).status_code == 302
    ends = db.session.get(Workshop, workshop.id).timer_ends_at
    assert timedelta(minutes=4) < ends - utcnow() <= timedelta(minutes=5)
    assert state_of(workshop) > before

    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/timer/add").status_code == 302
    assert db.session.get(Workshop, workshop.id).timer_ends_at == ends + timedelta(minutes=1)
    assert state_of(workshop) > before

    before = state_of(workshop)
    assert client.post(f"{console(workshop)}/timer/stop").status_code == 302
    assert db.session.get(Workshop, workshop.id).timer_ends_at is None
    assert state_of(workshop) > before
    # A stopped timer given a minute counts one minute from now.
    assert client.post(f"{console(workshop)}/timer/add").status_code == 302
    ends = db.session.get(Workshop, workshop.id).timer_ends_at
    assert timedelta(seconds=50) < ends - utcnow() <= timedelta(minutes=1)


@pytest.mark.parametrize("minutes", ["0", "121", "abc", ""])
def test_a_wrong_timer_length_is_422_with_the_value_kept(setting, client, minutes) -> None:
    workshop = live_workshop(setting)
    before = state_of(workshop)
    response = client.post(f"{console(workshop)}/timer", data={"minutes": minutes}, headers=FRENCH)
    assert response.status_code == 422
    page = text(response)
    assert 'id="minutes-error"' in page
    assert f'value="{minutes}"' in page or minutes == ""
    assert db.session.get(Workshop, workshop.id).timer_ends_at is None
    assert state_of(workshop) == before


def test_a_wrong_timer_comes_back_as_its_section_with_htmx(setting, client) -> None:
    workshop = live_workshop(setting)
    response = client.post(
        f"{console(workshop)}/timer", data={"minutes": "500"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    page = text(response)
    assert page.lstrip().startswith('<section id="console-timer"')
    assert 'value="500"' in page
    assert "<html" not in page


def test_the_timer_never_goes_beyond_two_hours(setting, client) -> None:
    workshop = live_workshop(setting)
    assert client.post(f"{console(workshop)}/timer", data={"minutes": "120"}).status_code == 302
    assert client.post(f"{console(workshop)}/timer/add").status_code == 409


# --------------------------------------------------------------------------- the room


def test_participants_sorted_by_college_then_name(setting, app, client) -> None:
    workshop = live_workshop(setting)
    plan = setting["plan"]
    join_as_guest(app, workshop, "Zoé", college_id=plan.colleges[0].id)
    join_as_guest(app, workshop, "Bruno", college_id=plan.colleges[1].id)
    join_as_guest(app, workshop, "Amina", college_id=plan.colleges[1].id)
    page = text(client.get(console(workshop)))
    assert page.index("Zoé") < page.index("Amina") < page.index("Bruno")
    assert "Collectif vélo" in page


def test_removing_a_guest_withdraws_open_ballot_votes_only(setting, app, client) -> None:
    workshop = plan_workshop(setting)
    closed = second_ballot(setting, open_it=True)
    services.update_workshop(
        workshop,
        {"title": workshop.title, "format": "plenary"},
        facilitators=[setting["facilitator"]],
        ballots=[setting["ballot"], closed],
        actions=[],
    )
    services.start_workshop(workshop)
    db.session.commit()
    phone, guest, participant = join_as_guest(app, workshop)
    open_item, closed_item = setting["ballot"].items[0], closed.items[0]
    for item in (open_item, closed_item):
        voted = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"})
        assert voted.status_code == 302
    assert client.post(f"{console(workshop)}/agenda/{entry(workshop, 2).id}/close").status_code == (
        302
    )
    before = state_of(workshop)

    response = client.post(
        f"{console(workshop)}/participants/{participant.id}/remove", headers=FRENCH
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(WorkshopParticipant, participant.id).removed_at is not None
    votes = db.session.scalars(select(Vote).where(Vote.voter_id == guest.id)).all()
    assert [vote.item_id for vote in votes] == [closed_item.id]
    assert state_of(workshop) > before
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "workshop.remove_participant")
    ).one()
    assert event.data["votes_withdrawn"] == 1
    membership = db.session.scalars(select(Membership).where(Membership.user_id == guest.id)).one()
    assert membership.role == Role.OBSERVER

    # Out: no participant screen, no vote in the room nor online, no joining again.
    assert phone.get(f"{base(workshop)}/live").status_code == 403
    again = phone.post(f"{base(workshop)}/items/{open_item.id}/vote", data={"choice": "bien"})
    assert again.status_code == 403
    online = phone.post(
        f"/plans/vallee/ballots/{setting['ballot'].number}/items/{open_item.id}/vote",
        data={"choice": "bien"},
    )
    assert online.status_code == 403
    assert phone.get(f"/j/{workshop.join_code}").status_code == 403
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.voter_id == guest.id)) == 1
    # Taken out twice: refused.
    twice = client.post(f"{console(workshop)}/participants/{participant.id}/remove")
    assert twice.status_code == 409


def test_removing_a_member_keeps_their_membership(setting, app, client) -> None:
    workshop = live_workshop(setting)
    phone = app.test_client()
    login(phone, setting["member"])
    assert phone.post(f"/j/{workshop.join_code}").status_code == 302
    item = setting["ballot"].items[0]
    assert (
        phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"}).status_code
        == 302
    )
    participant = db.session.scalars(select(WorkshopParticipant)).one()
    assert (
        client.post(f"{console(workshop)}/participants/{participant.id}/remove").status_code == 302
    )
    assert db.session.scalar(select(func.count(Vote.id))) == 0
    membership = db.session.scalars(
        select(Membership).where(Membership.user_id == setting["member"].id)
    ).one()
    assert membership.role == Role.CONTRIBUTOR
    assert phone.get(f"{base(workshop)}/live").status_code == 403


def test_a_participant_of_another_workshop_is_404(setting, app, client) -> None:
    workshop = live_workshop(setting)
    _phone, _guest, participant = join_as_guest(app, workshop)
    other = plan_workshop(setting, title="Autre")
    services.start_workshop(other)
    db.session.commit()
    url = f"{console(other)}/participants/{participant.id}/remove"
    assert client.post(url).status_code == 404


def test_accepting_a_typed_organisation(setting, app, client) -> None:
    workshop = live_workshop(setting)
    plan = setting["plan"]
    _phone, guest, participant = join_as_guest(app, workshop)
    url = f"{console(workshop)}/participants/{participant.id}/organization"
    prefix = f"org-{participant.id}"
    page = text(client.get(console(workshop)))
    assert f'name="{prefix}-name"' in page
    assert 'value="Collectif vélo"' in page

    empty = client.post(url, data={f"{prefix}-name": "", f"{prefix}-kind": "association"})
    assert empty.status_code == 422
    before = state_of(workshop)
    response = client.post(
        url, data={f"{prefix}-name": "Collectif Vélo 05", f"{prefix}-kind": "citizens_group"}
    )
    assert response.status_code == 302
    organization = db.session.scalars(
        select(Organization).where(Organization.name == "Collectif Vélo 05")
    ).one()
    assert organization.plan_id == plan.id
    assert organization.kind == OrganizationKind.CITIZENS_GROUP
    db.session.expire_all()
    participant = db.session.get(WorkshopParticipant, participant.id)
    assert participant.organization_id == organization.id
    assert participant.organization_name_to_check == ""
    membership = db.session.scalars(select(Membership).where(Membership.user_id == guest.id)).one()
    assert membership.organization_id == organization.id
    assert state_of(workshop) > before
    assert (
        client.post(
            url, data={f"{prefix}-name": "Autre", f"{prefix}-kind": "association"}
        ).status_code
        == 409
    )


def test_an_organisation_already_in_the_plan_is_reused(setting, app, client) -> None:
    workshop = live_workshop(setting)
    known = setting["plan"].organizations[0]
    _phone, _guest, participant = join_as_guest(app, workshop, organization_name=known.name.upper())
    prefix = f"org-{participant.id}"
    response = client.post(
        f"{console(workshop)}/participants/{participant.id}/organization",
        data={f"{prefix}-name": known.name.upper(), f"{prefix}-kind": "association"},
    )
    assert response.status_code == 302
    assert db.session.get(WorkshopParticipant, participant.id).organization_id == known.id
    count = db.session.scalar(
        select(func.count(Organization.id)).where(Organization.plan_id == known.plan_id)
    )
    assert count == len(setting["plan"].organizations)


def test_attendance_without_a_device(setting, app, client) -> None:
    workshop = live_workshop(setting)
    plan = setting["plan"]
    join_as_guest(app, workshop, college_id=plan.colleges[1].id)
    before = state_of(workshop)
    response = client.post(
        f"{console(workshop)}/attendees",
        data={
            "name": "Jeanne",
            "college_id": plan.colleges[1].id,
            "organization_id": plan.organizations[0].id,
        },
    )
    assert response.status_code == 302
    attendee = db.session.scalars(select(WorkshopAttendee)).one()
    assert (attendee.name, attendee.college_id) == ("Jeanne", plan.colleges[1].id)
    assert attendee.organization_id == plan.organizations[0].id
    assert attendee.recorded_by_id == setting["facilitator"].id
    assert state_of(workshop) > before
    page = text(client.get(console(workshop), headers=ENGLISH))
    assert "2 people in the room." in page
    assert "(1 without a device)" in page

    before = state_of(workshop)
    removed = client.post(f"{console(workshop)}/attendees/{attendee.id}/remove")
    assert removed.status_code == 302
    assert db.session.scalar(select(func.count(WorkshopAttendee.id))) == 0
    assert state_of(workshop) > before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "", "college_id": "first"}, "name"),
        ({"name": "x" * 101, "college_id": "first"}, "name"),
        ({"name": "<b>Jeanne</b>", "college_id": "first"}, "name"),
        ({"name": "Jeanne", "college_id": "999999"}, "college_id"),
        ({"name": "Jeanne"}, "college_id"),
    ],
)
def test_attendance_form_errors_are_422(setting, client, values, field) -> None:
    workshop = live_workshop(setting)
    if values.get("college_id") == "first":
        values = {**values, "college_id": setting["plan"].colleges[0].id}
    response = client.post(f"{console(workshop)}/attendees", data=values, headers=FRENCH)
    assert response.status_code == 422
    page = text(response)
    assert f'id="{field}-error"' in page
    if values.get("name"):
        assert values["name"][:50] in page
    assert db.session.scalar(select(func.count(WorkshopAttendee.id))) == 0


def test_notes_are_saved_and_limited(setting, client) -> None:
    workshop = live_workshop(setting)
    before = state_of(workshop)
    response = client.post(f"{console(workshop)}/notes", data={"notes": "## Décisions\n- A"})
    assert response.status_code == 302
    assert db.session.get(Workshop, workshop.id).notes == "## Décisions\n- A"
    assert state_of(workshop) > before
    too_long = "é" * 20001
    refused = client.post(f"{console(workshop)}/notes", data={"notes": too_long}, headers=FRENCH)
    assert refused.status_code == 422
    assert too_long in text(refused)
    assert 'id="notes-error"' in text(refused)
    assert db.session.get(Workshop, workshop.id).notes == "## Décisions\n- A"


def test_an_htmx_button_swaps_its_section_with_the_message(setting, client) -> None:
    workshop = live_workshop(setting)
    response = client.post(f"{console(workshop)}/timer/add", headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = text(response)
    assert page.lstrip().startswith('<section id="console-timer"')
    assert 'id="flashes" hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response.headers["Vary"]
    room = client.post(
        f"{console(workshop)}/attendees",
        data={"name": "Jeanne", "college_id": setting["plan"].colleges[0].id},
        headers={"HX-Request": "true"},
    )
    assert room.status_code == 200
    page = text(room)
    assert page.lstrip().startswith('<section id="console-room"')
    # The counts at the top and the agenda's vote counts follow, out of band; one message.
    assert 'id="console-attendance" aria-labelledby="console-attendance-heading" hx-swap-oob' in (
        page
    )
    assert 'id="console-agenda" aria-labelledby="console-agenda-heading" hx-swap-oob' in page
    assert page.count('id="flashes"') == 1


def test_the_console_runs_a_constant_number_of_queries(setting, app, client) -> None:
    workshop = live_workshop(setting)
    plan = setting["plan"]

    def grow(start: int, count: int) -> None:
        for index in range(start, start + count):
            user = make_user(f"p{index}@example.org", name=f"Personne {index}")
            membership = make_member(user, plan, Role.CONTRIBUTOR, plan.colleges[index % 5])
            services.join_as_member(workshop, membership)
            db.session.add(
                WorkshopAttendee(
                    workshop_id=workshop.id,
                    name=f"Sans appareil {index}",
                    college_id=plan.colleges[index % 5].id,
                    organization_id=plan.organizations[0].id,
                )
            )
            voting.cast_vote(setting["ballot"].items[0], user, None, "bien")
        db.session.commit()

    grow(0, 1)
    few = count_queries(app, client, console(workshop))
    grow(1, 12)
    many = count_queries(app, client, console(workshop))
    assert many == few, (few, many)


def test_console_forms_carry_their_token_as_a_browser_sends_them(database_url) -> None:
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        try:
            plan = make_plan("vallee")
            facilitator = make_user("animatrice@example.org", name="Anna")
            make_member(facilitator, plan, Role.FACILITATOR)
            workshop = services.create_workshop(
                plan,
                facilitator,
                {"title": "Atelier", "starts_at": utcnow(), "format": "plenary"},
                facilitators=[facilitator],
                ballots=[],
                actions=[],
            )
            services.start_workshop(workshop)
            services.join_with_details(
                workshop,
                None,
                display_name="Claire",
                college=plan.colleges[0],
                organization=None,
                organization_name="Collectif vélo",
            )
            db.session.commit()
            participant = db.session.scalars(select(WorkshopParticipant)).one()
            browser = app.test_client()
            login_page = browser.get("/auth/login").get_data(as_text=True)
            browser.post(
                "/auth/login",
                data={
                    "email": facilitator.email,
                    "password": PASSWORD,
                    "csrf_token": csrf_token_from(login_page),
                },
            )
            page = browser.get(console(workshop)).get_data(as_text=True)
            token = csrf_token_from(page)
            timer = f"{console(workshop)}/timer"
            assert browser.post(timer, data={"minutes": "5"}).status_code == 400
            sent = browser.post(timer, data={"minutes": "5", "csrf_token": token})
            assert sent.status_code == 302
            prefix = f"org-{participant.id}"
            field = re.search(rf'name="{prefix}-csrf_token"[^>]*value="([^"]+)"', page)
            assert field is not None
            accepted = browser.post(
                f"{console(workshop)}/participants/{participant.id}/organization",
                data={
                    f"{prefix}-csrf_token": field.group(1),
                    f"{prefix}-name": "Collectif vélo",
                    f"{prefix}-kind": "association",
                },
            )
            assert accepted.status_code == 302
        finally:
            empty_database()
