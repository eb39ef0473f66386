"""Workshops: planning, start and end, joining by code (members and guests), voting in
the room."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import event, func, select, update

from auth.models import User
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.members.models import Membership, Role
from plan.voting import services as voting
from plan.voting.models import Ballot, BallotStatus, Vote, VoteChannel, VotingMethod
from plan.workshops import services
from plan.workshops.models import Workshop, WorkshopParticipant, WorkshopStatus
from tests.conftest import login, make_action, make_app, make_member, make_plan, make_user


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html_lib.unescape(response.get_data(as_text=True))


FRENCH = {"Accept-Language": "fr"}


@pytest.fixture
def setting(app, client):  # type: ignore[no-untyped-def]
    """A plan with an open ballot, a facilitator (logged in in `client`) and a contributor."""
    plan = make_plan("vallee", challenges=2)
    facilitator = make_user("animatrice@example.org", name="Anna")
    make_member(facilitator, plan, Role.FACILITATOR)
    member = make_user("membre@example.org", name="Marc")
    make_member(member, plan, Role.CONTRIBUTOR, plan.colleges[2])
    action = make_action(plan, member, "Navette solidaire")
    ballot = voting.create_ballot(
        plan, facilitator, title="Mobilité", method=VotingMethod.MAJORITY_JUDGMENT, actions=[action]
    )
    voting.open_ballot(ballot, facilitator.id)
    db.session.commit()
    login(client, facilitator)
    return {"plan": plan, "facilitator": facilitator, "member": member, "ballot": ballot}


def plan_workshop(setting, **values) -> Workshop:  # type: ignore[no-untyped-def]
    from datetime import datetime

    workshop = services.create_workshop(
        setting["plan"],
        setting["facilitator"],
        {
            "title": "Atelier mobilité",
            "starts_at": datetime(2026, 3, 12, 17, 0),
            "place": "Salle des fêtes",
            "format": "plenary",
            "description": "",
            "notes": "",
            **values,
        },
        facilitators=[setting["facilitator"]],
        ballots=[setting["ballot"]],
        actions=[],
    )
    db.session.commit()
    return workshop


def live_workshop(setting) -> Workshop:  # type: ignore[no-untyped-def]
    workshop = plan_workshop(setting)
    services.start_workshop(workshop, setting["facilitator"].id)
    db.session.commit()
    return workshop


def base(workshop: Workshop) -> str:
    return f"/plans/{workshop.plan.slug}/workshops/{workshop.id}"


# --------------------------------------------------------------------------- planning


def test_facilitator_plans_a_workshop_with_its_agenda(setting, client) -> None:
    plan, ballot = setting["plan"], setting["ballot"]
    page = client.get("/plans/vallee/workshops/new")
    assert page.status_code == 200
    response = client.post(
        "/plans/vallee/workshops/new",
        data={
            "title": "Atelier mobilité",
            "starts_at": "2026-03-12T18:00",
            "place": "Salle des fêtes",
            "format": "world_cafe",
            "facilitator_ids": [setting["facilitator"].id],
            "ballot_ids": [ballot.id],
            "action_ids": [ballot.items[0].action_id],
        },
    )
    assert response.status_code == 302, text(response)
    workshop = db.session.scalars(select(Workshop)).one()
    assert workshop.plan_id == plan.id
    assert workshop.status == WorkshopStatus.PLANNED
    assert workshop.starts_at.hour == 17  # 18:00 in Paris in March is 17:00 UTC
    assert [(e.position, e.ballot_id, e.action_id) for e in workshop.agenda] == [
        (1, ballot.id, None),
        (2, None, ballot.items[0].action_id),
    ]
    assert [u.id for u in workshop.facilitators] == [setting["facilitator"].id]
    show = client.get(base(workshop))
    assert "Atelier mobilité" in text(show)
    assert "Mobilité" in text(show)
    listing = client.get("/plans/vallee/workshops")
    assert "Atelier mobilité" in text(listing)


def test_workshop_form_errors_come_back_with_422(setting, client) -> None:
    response = client.post(
        "/plans/vallee/workshops/new", data={"title": "", "format": "plenary"}, headers=FRENCH
    )
    assert response.status_code == 422
    assert "Donnez un titre à l'atelier." in text(response)


def test_only_facilitators_plan_and_run_workshops(setting, app) -> None:
    workshop = plan_workshop(setting)
    other = app.test_client()
    login(other, setting["member"])
    assert other.get("/plans/vallee/workshops").status_code == 200
    assert other.get(base(workshop)).status_code == 200
    assert other.get("/plans/vallee/workshops/new").status_code == 403
    assert other.get(f"{base(workshop)}/edit").status_code == 403
    assert other.post(f"{base(workshop)}/start").status_code == 403
    assert other.post(f"{base(workshop)}/end").status_code == 403


def test_start_gives_a_code_and_a_qr_code_end_closes_it(setting, client) -> None:
    workshop = plan_workshop(setting)
    assert client.post(f"{base(workshop)}/start").status_code == 302
    db.session.refresh(workshop)
    assert workshop.status == WorkshopStatus.LIVE
    assert re.fullmatch(f"[{services.CODE_ALPHABET}]{{6}}", workshop.join_code)
    assert workshop.started_at is not None
    page = text(client.get(base(workshop)))
    assert workshop.join_code in page
    assert f"/j/{workshop.join_code}" in page
    assert "<svg" in page
    assert client.post(f"{base(workshop)}/start").status_code == 409
    assert client.get(f"{base(workshop)}/edit").status_code == 409

    assert client.post(f"{base(workshop)}/end").status_code == 302
    db.session.refresh(workshop)
    assert workshop.status == WorkshopStatus.CLOSED
    assert workshop.ended_at is not None
    assert client.post(f"{base(workshop)}/end", headers=FRENCH).status_code == 409
    assert client.post(f"{base(workshop)}/start").status_code == 409
    events = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "Workshop")
    ).all()
    assert {"workshop.create", "workshop.start", "workshop.end"} <= set(events)


def test_the_state_counter_goes_up_on_each_change(setting, client) -> None:
    """A console action changes every screen's counter; an arrival only the projector's,
    the one screen that shows who is in the room (300 arrivals redraw no phone)."""
    workshop = plan_workshop(setting)
    before = workshop.state
    client.post(f"{base(workshop)}/start")
    db.session.refresh(workshop)
    started = workshop.state
    assert started > before

    def counters() -> tuple[str | None, str | None]:
        slug = setting["plan"].slug
        return (
            services.counter_of(slug, workshop.id, "projector"),
            services.counter_of(slug, workshop.id, "participant"),
        )

    projector, participant = counters()
    guest = client.application.test_client()
    guest.post(f"/j/{workshop.join_code}", data=guest_form(setting["plan"]))
    db.session.refresh(workshop)
    assert workshop.state == started
    assert counters() == (projector[:-1] + "1", participant)


# --------------------------------------------------------------------------- codes


def test_join_codes_avoid_ambiguous_characters() -> None:
    codes = {services.new_join_code() for _ in range(500)}
    assert all(len(code) == 6 for code in codes)
    assert not set("".join(codes)) & set("0O1IL")
    assert set("".join(codes)) <= set(services.CODE_ALPHABET)
    assert services.normalise_code(" abc-def ") == "ABCDEF"


def test_a_drawn_code_already_live_is_drawn_again(setting, monkeypatch) -> None:
    first = live_workshop(setting)
    second = plan_workshop(setting, title="Deuxième")
    drawn = iter([first.join_code, first.join_code, "XYZ234"])
    monkeypatch.setattr(services, "new_join_code", lambda: next(drawn))
    services.start_workshop(second)
    db.session.commit()
    assert second.join_code == "XYZ234"
    assert first.join_code != second.join_code


def test_a_closed_code_can_be_drawn_again(setting, monkeypatch) -> None:
    first = live_workshop(setting)
    services.end_workshop(first)
    db.session.commit()
    second = plan_workshop(setting, title="Deuxième")
    monkeypatch.setattr(services, "new_join_code", lambda: first.join_code)
    services.start_workshop(second)
    db.session.commit()
    assert services.find_by_code(first.join_code).id == second.id


# --------------------------------------------------------------------------- joining


def guest_form(plan, **values):  # type: ignore[no-untyped-def]
    return {
        "display_name": "Claire M.",
        "college_id": plan.colleges[1].id,
        "organization_id": 0,
        "organization_name": "Collectif vélo",
        **values,
    }


def test_member_joins_with_one_tap(setting, app) -> None:
    workshop = live_workshop(setting)
    phone = app.test_client()
    login(phone, setting["member"])
    page = phone.get(f"/j/{workshop.join_code.lower()}")
    assert page.status_code == 200
    assert "display_name" not in text(page)
    response = phone.post(f"/j/{workshop.join_code}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{base(workshop)}/live")
    participant = db.session.scalars(select(WorkshopParticipant)).one()
    assert participant.user_id == setting["member"].id
    assert participant.college_id == setting["plan"].colleges[2].id
    assert not participant.is_guest
    again = phone.post(f"/j/{workshop.join_code}")
    assert again.status_code == 302
    assert db.session.scalar(select(func.count(WorkshopParticipant.id))) == 1
    assert phone.get(f"{base(workshop)}/live").status_code == 200


def test_guest_joins_with_a_name_and_a_college(setting, app) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = app.test_client()
    page = phone.get(f"/j/{workshop.join_code}", headers=FRENCH)
    assert page.status_code == 200
    assert "Votre nom" in text(page)
    response = phone.post(f"/j/{workshop.join_code}", data=guest_form(plan))
    assert response.status_code == 302, text(response)
    guest = db.session.scalars(select(User).where(User.display_name == "Claire M.")).one()
    assert guest.email is None
    assert guest.password_hash is None
    assert guest.is_guest
    membership = db.session.scalars(select(Membership).where(Membership.user_id == guest.id)).one()
    assert membership.role == Role.CONTRIBUTOR
    assert membership.plan_id == plan.id
    assert membership.college_id == plan.colleges[1].id
    participant = db.session.scalars(select(WorkshopParticipant)).one()
    assert participant.is_guest
    assert participant.organization_id is None
    assert participant.organization_name_to_check == "Collectif vélo"
    # Logged in by the session cookie: the participant screen opens.
    live = phone.get(f"{base(workshop)}/live")
    assert live.status_code == 200
    assert "Navette solidaire" in text(live)
    # The same browser joins again: the same participant, no new account.
    assert phone.get(f"/j/{workshop.join_code}").status_code == 302
    assert phone.post(f"/j/{workshop.join_code}", data=guest_form(plan)).status_code == 302
    assert db.session.scalar(select(func.count(WorkshopParticipant.id))) == 1
    assert db.session.scalar(select(func.count(User.id)).where(User.email.is_(None))) == 1


def test_guest_keeps_the_account_with_an_email_and_a_password(setting, app) -> None:
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(setting["plan"]))
    guest = db.session.scalars(select(User).where(User.email.is_(None))).one()
    account = phone.get("/auth/account", headers=FRENCH)
    assert "Conserver mon compte" in text(account)
    # A guest has no password to change: the password page leads to keeping the account.
    assert phone.get("/auth/password").headers["Location"].endswith("/auth/account/keep")

    taken = phone.post(
        "/auth/account/keep",
        data={"email": "MEMBRE@example.org", "password": "un-mot-de-passe", "confirm": "x"},
        headers=FRENCH,
    )
    assert taken.status_code == 422
    page = text(taken)
    assert "Un compte utilise déjà cette adresse." in page
    assert "Les deux mots de passe sont différents." in page
    assert 'value="MEMBRE@example.org"' in page
    db.session.refresh(guest)
    assert guest.email is None

    kept = phone.post(
        "/auth/account/keep",
        data={
            "email": "Claire@Example.org",
            "password": "un-mot-de-passe",
            "confirm": "un-mot-de-passe",
        },
    )
    assert kept.status_code == 302
    db.session.refresh(guest)
    assert (guest.email, guest.is_guest) == ("claire@example.org", False)
    # Still logged in here, and the address and password now open the account elsewhere.
    assert phone.get(f"{base(workshop)}/live").status_code == 200
    laptop = app.test_client()
    login(laptop, guest, "un-mot-de-passe")
    assert laptop.get(f"{base(workshop)}/live").status_code == 200
    assert phone.get("/auth/account/keep").status_code == 409


def test_guest_picks_a_known_organisation(setting, app) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    organization = plan.organizations[0]
    phone = app.test_client()
    response = phone.post(
        f"/j/{workshop.join_code}",
        data=guest_form(plan, organization_id=organization.id, organization_name="Ignoré"),
    )
    assert response.status_code == 302
    participant = db.session.scalars(select(WorkshopParticipant)).one()
    assert participant.organization_id == organization.id
    assert participant.organization_name_to_check == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Donnez votre nom"),
        ("   ", "Donnez votre nom"),
        ("x" * 100, "Entre 1 et 60 caractères."),
        ("<b>Claire</b>", "Un nom ne peut pas contenir les caractères < et >."),
    ],
    ids=["empty", "blank", "too-long", "markup"],
)
def test_bad_display_names_are_refused_with_the_values_kept(setting, app, name, message) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = app.test_client()
    response = phone.post(
        f"/j/{workshop.join_code}", data=guest_form(plan, display_name=name), headers=FRENCH
    )
    assert response.status_code == 422
    page = text(response)
    assert message in page
    assert "Collectif vélo" in page
    assert re.search(rf'<option selected value="{plan.colleges[1].id}"', page) or re.search(
        rf'value="{plan.colleges[1].id}" selected', page
    )
    assert db.session.scalar(select(func.count(WorkshopParticipant.id))) == 0
    assert db.session.scalar(select(func.count(User.id)).where(User.email.is_(None))) == 0


def test_wrong_and_closed_codes_get_french_messages(setting, app) -> None:
    workshop = live_workshop(setting)
    phone = app.test_client()
    wrong = phone.get("/j/ZZZZZZ", headers=FRENCH)
    assert wrong.status_code == 404
    assert "Aucun atelier n'a le code « ZZZZZZ »" in text(wrong)
    code = workshop.join_code
    services.end_workshop(workshop)
    db.session.commit()
    closed = phone.get(f"/j/{code}", headers=FRENCH)
    assert closed.status_code == 410
    assert "Cet atelier est terminé" in text(closed)
    assert phone.post(f"/j/{code}", data=guest_form(setting["plan"])).status_code == 410


def test_a_planned_workshop_has_no_code_to_join(setting, app) -> None:
    plan_workshop(setting)
    assert app.test_client().get("/j/ABCDEF").status_code == 404


def test_typing_the_code_by_hand(setting, app) -> None:
    workshop = live_workshop(setting)
    phone = app.test_client()
    assert phone.get("/j").status_code == 200
    response = phone.get("/j", query_string={"code": workshop.join_code.lower()})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{workshop.join_code}")
    empty = phone.get("/j", query_string={"code": ""}, headers=FRENCH)
    assert empty.status_code == 422
    assert "Tapez le code affiché à l'écran." in text(empty)


def test_a_guest_cannot_see_another_members_only_plan(setting, app) -> None:
    make_plan("ailleurs", public=False)
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(setting["plan"]))
    assert phone.get("/plans/ailleurs").status_code == 404
    assert phone.get("/plans/ailleurs/workshops").status_code == 404
    assert phone.get("/plans/vallee").status_code == 200


def test_joining_a_members_only_plan_by_its_code(setting, app) -> None:
    plan = setting["plan"]
    plan.visibility = plan.visibility.__class__("members")
    db.session.commit()
    workshop = live_workshop(setting)
    phone = app.test_client()
    assert phone.get(f"{base(workshop)}").status_code == 404
    assert phone.post(f"/j/{workshop.join_code}", data=guest_form(plan)).status_code == 302
    assert phone.get(f"{base(workshop)}/live").status_code == 200


def test_joining_is_rate_limited(database_url) -> None:
    app = make_app(
        database_url,
        RATELIMIT_ENABLED=True,
        CAPCOMMUN_WORKSHOP_WRONG_CODE_RATE_LIMIT="3 per minute",
        CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP="2 per minute",
    )
    with app.app_context():
        db.create_all()
        try:
            phone = app.test_client()
            codes = [phone.get(f"/j/WRONG{n}").status_code for n in range(4)]
            assert codes == [404, 404, 404, 429]
            refused = phone.get("/j/WRONG9", headers=FRENCH)
            assert refused.status_code == 429
            assert "Trop de tentatives" in text(refused)

            plan = make_plan("salle")
            facilitator = make_user("f@example.org")
            make_member(facilitator, plan, Role.FACILITATOR)
            workshop = services.create_workshop(
                plan,
                facilitator,
                {
                    "title": "Atelier",
                    "starts_at": plan.created_at,
                    "place": "",
                    "format": "plenary",
                    "description": "",
                    "notes": "",
                },
                facilitators=[],
                ballots=[],
                actions=[],
            )
            services.start_workshop(workshop)
            db.session.commit()
            # Per workshop: seen from several addresses, the third join in a minute waits.
            statuses = [
                app.test_client()
                .post(
                    f"/j/{workshop.join_code}",
                    data=guest_form(plan, display_name=f"P{n}"),
                    environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
                )
                .status_code
                for n in range(3)
            ]
            assert statuses == [302, 302, 429]
        finally:
            from tests.conftest import empty_database

            empty_database()
            db.session.remove()


# --------------------------------------------------------------------------- voting


def test_a_workshop_vote_is_the_same_vote_with_the_workshop_channel(setting, app) -> None:
    plan, ballot = setting["plan"], setting["ballot"]
    item = ballot.items[0]
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(plan))
    url = f"{base(workshop)}/items/{item.id}/vote"
    assert phone.post(url, data={"choice": "bien"}).status_code == 302
    assert phone.post(url, data={"choice": "excellent"}).status_code == 302
    votes = db.session.scalars(select(Vote).where(Vote.item_id == item.id)).all()
    assert len(votes) == 1
    assert votes[0].channel == VoteChannel.WORKSHOP
    assert votes[0].choice == "excellent"
    assert votes[0].college_id == plan.colleges[1].id
    # The same voter online changes the same row.
    online = phone.post(
        f"/plans/vallee/ballots/{ballot.number}/items/{item.id}/vote", data={"choice": "passable"}
    )
    assert online.status_code == 302
    votes = db.session.scalars(select(Vote).where(Vote.item_id == item.id)).all()
    assert [(v.choice, v.channel) for v in votes] == [("passable", VoteChannel.ONLINE)]


def test_workshop_vote_with_htmx_returns_the_item(setting, app) -> None:
    item = setting["ballot"].items[0]
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(setting["plan"]))
    response = phone.post(
        f"{base(workshop)}/items/{item.id}/vote",
        data={"choice": "bien"},
        headers={"HX-Request": "true", **FRENCH},
    )
    assert response.status_code == 200
    page = text(response)
    assert page.lstrip().startswith("<li")
    assert f"{base(workshop)}/items/{item.id}/vote" in page
    bad = phone.post(
        f"{base(workshop)}/items/{item.id}/vote",
        data={"choice": "nope"},
        headers={"HX-Request": "true", **FRENCH},
    )
    assert bad.status_code == 422


def test_workshop_votes_are_refused_when_they_should_be(setting, app) -> None:
    plan, ballot = setting["plan"], setting["ballot"]
    item = ballot.items[0]
    workshop = live_workshop(setting)
    url = f"{base(workshop)}/items/{item.id}/vote"
    # Not a participant: 403, even as a member of the plan.
    member = app.test_client()
    login(member, setting["member"])
    assert member.post(url, data={"choice": "bien"}).status_code == 403
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(plan))
    # A ballot of the plan that is not on the agenda: 404.
    other_action = make_action(plan, setting["member"], "Tiers-lieu")
    other = voting.create_ballot(
        plan,
        setting["facilitator"],
        title="Autre",
        method=VotingMethod.APPROVAL,
        actions=[other_action],
    )
    voting.open_ballot(other)
    db.session.commit()
    other_url = f"{base(workshop)}/items/{other.items[0].id}/vote"
    assert phone.post(other_url, data={"choice": "for"}).status_code == 404
    # After the ballot closed: 409 with a message.
    voting.close_ballot(ballot)
    db.session.commit()
    closed = phone.post(url, data={"choice": "bien"}, headers=FRENCH)
    assert closed.status_code == 409
    assert "Ce scrutin est clos" in text(closed)
    # After the workshop ended: 410.
    services.end_workshop(workshop)
    db.session.commit()
    assert phone.post(url, data={"choice": "bien"}).status_code == 410


def test_a_ballot_closed_while_a_vote_is_read_refuses_it(setting, app, monkeypatch) -> None:
    """The vote is checked again inside its write transaction: a ballot closed between
    the vote's reads and its write takes no vote."""
    from plan.workshops import views

    plan, ballot = setting["plan"], setting["ballot"]
    item = ballot.items[0]
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(plan))
    original = views.start_writing

    def closing_meanwhile() -> None:
        original()
        with db.engine.begin() as connection:
            connection.execute(
                update(Ballot).where(Ballot.id == ballot.id).values(status=BallotStatus.CLOSED)
            )

    monkeypatch.setattr(views, "start_writing", closing_meanwhile)
    response = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"})
    assert response.status_code == 409
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_a_vote_holds_the_write_lock_only_while_it_writes(setting, app) -> None:
    """On SQLite, the plan, the workshop, the person and the item are read in a plain
    transaction; the write lock (BEGIN IMMEDIATE) covers the vote's few statements."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    plan, ballot = setting["plan"], setting["ballot"]
    workshop = live_workshop(setting)
    phone = app.test_client()
    phone.post(f"/j/{workshop.join_code}", data=guest_form(plan))
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()[:3]))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        url = f"{base(workshop)}/items/{ballot.items[0].id}/vote"
        assert phone.post(url, data={"choice": "bien"}).status_code == 302
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements[0] == "BEGIN"
    locked = statements.index("BEGIN IMMEDIATE")
    assert any(s.startswith("SELECT ballot_items.id") for s in statements[:locked])
    written = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO votes"))
    assert locked < written
    assert written - locked <= 6


def test_the_plan_home_announces_the_workshop_live_or_next(setting, client) -> None:
    from datetime import datetime

    home = f"/plans/{setting['plan'].slug}"
    assert "Prochain atelier" not in text(client.get(home, headers=FRENCH))
    later = plan_workshop(setting, title="Atelier de juin", starts_at=datetime(2027, 6, 3, 16))
    plan_workshop(setting, title="Atelier de mars", starts_at=datetime(2027, 3, 4, 17))
    page = text(client.get(home, headers=FRENCH))
    assert "Prochain atelier :" in page
    assert "Atelier de mars" in page
    assert "jeudi 4 mars 2027, 18:00" in page  # Paris time
    assert "Atelier de juin" not in page
    services.start_workshop(later, setting["facilitator"].id)
    db.session.commit()
    page = text(client.get(home, headers=FRENCH))
    assert "Atelier en cours :" in page
    assert "Atelier de juin" in page
    assert "Atelier de mars" not in page
