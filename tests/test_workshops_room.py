"""The room: the projector screen, the polls of live screens, the participant screen and
dot voting from a workshop."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import event, select

from plan.extensions import db
from plan.voting import services as voting
from plan.voting.models import Vote, VoteChannel, VotingMethod
from plan.workshops import services
from plan.workshops.models import WorkshopAgendaItem, WorkshopAttendee, WorkshopParticipant
from tests import test_workshops
from tests.conftest import login, make_action
from tests.test_workshops import FRENCH, base, guest_form, live_workshop, text

ENGLISH = {"Accept-Language": "en"}


setting = test_workshops.setting  # the fixture: a plan with an open ballot, its facilitation


def joined_phone(app, setting, workshop, **values):  # type: ignore[no-untyped-def]
    """A guest who joined the workshop from their phone."""
    phone = app.test_client()
    response = phone.post(f"/j/{workshop.join_code}", data=guest_form(setting["plan"], **values))
    assert response.status_code == 302, text(response)
    return phone


def show_on_screen(workshop, position: int, *, revealed: bool = False) -> None:  # type: ignore[no-untyped-def]
    """What the facilitator console does: choose the agenda entry, maybe reveal it."""
    workshop.current_position = position
    if revealed:
        entry = next(e for e in workshop.agenda if e.position == position)
        entry.revealed_at = voting.utcnow()
    services.bump(workshop)
    db.session.commit()


def statements_of(app, request):  # type: ignore[no-untyped-def]
    """The response of `request()` and the SQL statements it ran (transaction control
    aside: SQLite's BEGIN is not a query)."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.strip().upper() not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"):
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = request()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, statements


def poll_url_in(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*hx-get="([^"]+)"', html)
    assert match, f"no poll on #{element_id}"
    return match.group(1).replace("&amp;", "&")


# --------------------------------------------------------------------------- projector


def test_only_the_facilitation_sees_the_projector(setting, app, client) -> None:
    workshop = live_workshop(setting)
    url = f"{base(workshop)}/projector"
    assert client.get(url).status_code == 200
    contributor = app.test_client()
    login(contributor, setting["member"])
    assert contributor.get(url).status_code == 403
    assert contributor.get(f"{base(workshop)}/state?view=projector&since=-1").status_code == 403
    phone = joined_phone(app, setting, workshop)
    assert phone.get(url).status_code == 403
    assert app.test_client().get(url).status_code == 302  # to the login page
    show = text(client.get(base(workshop)))
    assert f"{base(workshop)}/projector" in show


def test_projector_shows_how_to_join_and_who_is_there(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    joined_phone(app, setting, workshop)  # college 1
    joined_phone(app, setting, workshop, display_name="Paul")  # college 1
    removed = joined_phone(
        app, setting, workshop, display_name="Zoé", college_id=plan.colleges[3].id
    )
    assert removed is not None
    participant = db.session.scalars(
        select(WorkshopParticipant).where(WorkshopParticipant.college_id == plan.colleges[3].id)
    ).one()
    participant.removed_at = voting.utcnow()
    db.session.add(
        WorkshopAttendee(
            workshop_id=workshop.id, name="Sans téléphone", college_id=plan.colleges[0].id
        )
    )
    db.session.commit()

    page = text(client.get(f"{base(workshop)}/projector", headers=FRENCH))
    code = workshop.join_code
    assert f"{code[:3]}-{code[3:]}" in page
    assert re.search(r'<svg [^>]*class="qr-code"', page)
    assert "localhost/j" in page
    assert "Bienvenue" in page or "Welcome!" in page
    counts = dict(re.findall(r"<li>([^<]+?) <strong>(\d+)</strong></li>", page))
    assert counts[plan.colleges[0].name] == "1"  # present without a device
    assert counts[plan.colleges[1].name] == "2"
    assert counts[plan.colleges[3].name] == "0"  # taken out of the workshop
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "https://" not in page.replace(f"https://localhost/j/{code}", "")  # nothing from outside


def test_projector_shows_the_current_ballot_its_counts_and_results_once_revealed(
    setting, app, client
) -> None:
    ballot = setting["ballot"]
    item = ballot.items[0]
    workshop = live_workshop(setting)
    ballot.live_results = True
    db.session.commit()
    for name in ("Ana", "Bob"):
        phone = joined_phone(app, setting, workshop, display_name=name)
        vote = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"})
        assert vote.status_code == 302
    voting.save_paper_tally(item, setting["plan"].colleges[0], {"bien": 3}, setting["facilitator"])
    show_on_screen(workshop, 1)

    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert f"Ballot {ballot.number} — Mobilité" in page
    assert "2 people have voted" in page
    assert re.search(r"Navette solidaire</span>\s*<strong[^>]*>2 votes · 3 on paper</strong>", page)
    assert 'class="results"' not in page  # not revealed yet

    show_on_screen(workshop, 1, revealed=True)
    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert 'class="results"' in page
    assert "Merit profile" in page


def test_revealed_results_of_a_ballot_without_live_results_wait_for_its_closing(
    setting, app, client
) -> None:
    workshop = live_workshop(setting)
    show_on_screen(workshop, 1, revealed=True)
    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert 'class="results"' not in page
    assert "The results show when the ballot closes." in page
    voting.close_ballot(setting["ballot"])
    services.bump(workshop)
    db.session.commit()
    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert 'class="results"' in page


def test_projector_shows_an_action_and_the_timer(setting, client) -> None:
    from plan.workshops.services import create_workshop

    action = setting["ballot"].items[0].action
    workshop = create_workshop(
        setting["plan"],
        setting["facilitator"],
        {
            "title": "Atelier",
            "starts_at": voting.utcnow(),
            "place": "",
            "format": "plenary",
            "description": "",
            "notes": "",
        },
        facilitators=[],
        ballots=[],
        actions=[action],
    )
    services.start_workshop(workshop)
    workshop.timer_ends_at = voting.utcnow() + timedelta(minutes=4, seconds=30)
    show_on_screen(workshop, 1)
    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert f"{action.reference}</span> {action.title}" in page
    assert "data-countdown-ends" in page
    assert "5 minutes left" in page
    assert re.search(r"until \d{1,2}:\d\d", page)
    workshop.timer_ends_at = voting.utcnow() - timedelta(seconds=1)
    services.bump(workshop)
    db.session.commit()
    assert "data-countdown-ends" not in text(client.get(f"{base(workshop)}/projector"))


def test_projector_counts_take_a_constant_number_of_queries(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    show_on_screen(workshop, 1, revealed=True)
    url = f"{base(workshop)}/projector"
    _response, few = statements_of(app, lambda: client.get(url))
    more = make_action(plan, setting["member"], "Tiers-lieu")
    ballot = setting["ballot"]
    # A second ballot on the agenda, more people, more votes.
    other = voting.create_ballot(
        plan, setting["facilitator"], title="Autre", method=VotingMethod.APPROVAL, actions=[more]
    )
    voting.open_ballot(other)
    db.session.add(WorkshopAgendaItem(workshop_id=workshop.id, position=2, ballot_id=other.id))
    db.session.commit()
    for name in ("Ana", "Bob", "Cid"):
        phone = joined_phone(app, setting, workshop, display_name=name)
        phone.post(f"{base(workshop)}/items/{ballot.items[0].id}/vote", data={"choice": "bien"})
    response, many = statements_of(app, lambda: client.get(url))
    assert response.status_code == 200
    assert len(many) == len(few)


# --------------------------------------------------------------------------- polls


def test_a_poll_with_nothing_new_costs_one_query_and_touches_no_user(setting, app, client) -> None:
    workshop = live_workshop(setting)
    page = text(client.get(f"{base(workshop)}/projector"))
    url = poll_url_in(page, "projector-state")
    assert f"since={workshop.state}.0" in url  # the workshop's state, and no vote yet
    response, statements = statements_of(app, lambda: client.get(url))
    assert response.status_code == 204
    assert response.get_data() == b""
    assert len(statements) <= 1, statements
    assert "users" not in " ".join(statements)


def test_a_poll_answers_304_to_its_etag(setting, app, client) -> None:
    workshop = live_workshop(setting)
    url = f"{base(workshop)}/state?view=projector"
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    response, statements = statements_of(
        app,
        lambda: client.get(url, headers={"If-None-Match": etag}),
    )
    assert response.status_code == 304
    assert len(statements) <= 1
    services.bump(workshop)
    db.session.commit()
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag


def test_a_bump_makes_the_next_poll_return_the_new_screen(setting, app, client) -> None:
    workshop = live_workshop(setting)
    url = poll_url_in(text(client.get(f"{base(workshop)}/projector")), "projector-state")
    assert client.get(url).status_code == 204
    show_on_screen(workshop, 1)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.lstrip().startswith('<div id="projector-state"')
    assert "Mobilité" in fragment
    # The fragment polls with the new counter: nothing new again.
    assert client.get(poll_url_in(fragment, "projector-state")).status_code == 204


def test_a_vote_redraws_the_projector_and_not_the_phones(setting, app, client) -> None:
    workshop = live_workshop(setting)
    show_on_screen(workshop, 1)
    phone = joined_phone(app, setting, workshop)
    participant = poll_url_in(text(phone.get(f"{base(workshop)}/live")), "live-poll")
    projector = poll_url_in(text(client.get(f"{base(workshop)}/projector")), "projector-state")
    assert client.get(projector).status_code == 204
    item = setting["ballot"].items[0]
    voted = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "bien"})
    assert voted.status_code == 302
    # The phone's screen does not show others' votes: its poll still has nothing new.
    assert phone.get(participant).status_code == 204
    response = client.get(projector, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "1 person has voted" in text(client.get(projector, headers=ENGLISH))
    # Changing one's vote changes no count: nothing new for the projector either.
    again = phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": "passable"})
    assert again.status_code == 302
    assert client.get(poll_url_in(text(response), "projector-state")).status_code == 204


def test_a_projector_opened_before_the_start_reloads_to_show_the_code(setting, client) -> None:
    from tests.test_workshops import plan_workshop

    workshop = plan_workshop(setting)
    page = text(client.get(f"{base(workshop)}/projector", headers=ENGLISH))
    assert "This workshop has not started yet." in page
    assert "qr-code" not in page
    url = poll_url_in(page, "projector-state")
    services.start_workshop(workshop)
    db.session.commit()
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Refresh"] == "true"
    page = text(client.get(f"{base(workshop)}/projector"))
    assert "qr-code" in page
    response = client.get(poll_url_in(page, "projector-state").replace("since=", "since=-"))
    assert "HX-Refresh" not in response.headers


def test_polls_are_refused_to_whom_the_screen_is_refused(setting, app) -> None:
    workshop = live_workshop(setting)
    outsider = app.test_client()
    login(outsider, setting["member"])
    assert outsider.get(f"{base(workshop)}/state?view=participant&since=-1").status_code == 403
    assert outsider.get(f"{base(workshop)}/state?view=nope").status_code == 400
    assert (
        outsider.get(
            f"/plans/vallee/workshops/{workshop.id + 99}/state?view=projector&since=0"
        ).status_code
        == 404
    )
    assert (
        outsider.get(
            f"/plans/other/workshops/{workshop.id}/state?view=projector&since=0"
        ).status_code
        == 404
    )


# --------------------------------------------------------------------------- participant screen


def test_participant_screen_shows_what_is_on_now(setting, app) -> None:
    workshop = live_workshop(setting)
    phone = joined_phone(app, setting, workshop)
    page = text(phone.get(f"{base(workshop)}/live", headers=ENGLISH))
    assert "Welcome!" in page
    show_on_screen(workshop, 1)
    page = text(phone.get(f"{base(workshop)}/live", headers=ENGLISH))
    now = page[page.index('id="live-now"') : page.index('id="live-ballots"')]
    assert f"Ballot {setting['ballot'].number} — Mobilité" in now
    assert f'href="#ballot-{setting["ballot"].id}"' in now
    assert page.index('id="live-now"') < page.index('id="live-ballots"')
    assert 'aria-live="polite"' in now


def test_participant_poll_redraws_only_what_changed(setting, app) -> None:
    plan, ballot = setting["plan"], setting["ballot"]
    workshop = live_workshop(setting)
    phone = joined_phone(app, setting, workshop)
    page = text(phone.get(f"{base(workshop)}/live"))
    url = poll_url_in(page, "live-poll")
    assert phone.get(url).status_code == 204

    # Someone else joins and votes: nothing this phone shows changes, nothing is redrawn.
    other = joined_phone(app, setting, workshop, display_name="Paul")
    other.post(f"{base(workshop)}/items/{ballot.items[0].id}/vote", data={"choice": "bien"})
    assert phone.get(url, headers={"HX-Request": "true"}).status_code == 204

    # The facilitation moves on: the "now" box is redrawn, the votes are not.
    show_on_screen(workshop, 1)
    fragment = text(phone.get(url, headers={"HX-Request": "true", **ENGLISH}))
    assert '<div id="live-now" hx-swap-oob="innerHTML">' in fragment
    assert "live-ballots" not in fragment
    url = poll_url_in(fragment, "live-poll")

    # A new ballot opens on the agenda: the votes are redrawn.
    action = make_action(plan, setting["member"], "Tiers-lieu")
    other_ballot = voting.create_ballot(
        plan,
        setting["facilitator"],
        title="Tiers-lieux",
        method=VotingMethod.APPROVAL,
        actions=[action],
    )
    voting.open_ballot(other_ballot)
    db.session.add(
        WorkshopAgendaItem(workshop_id=workshop.id, position=2, ballot_id=other_ballot.id)
    )
    services.bump(workshop)
    db.session.commit()
    fragment = text(phone.get(url, headers={"HX-Request": "true", **ENGLISH}))
    assert '<div id="live-ballots" hx-swap-oob="innerHTML">' in fragment
    assert "Tiers-lieux" in fragment
    assert f"/items/{other_ballot.items[0].id}/vote" in fragment

    # The workshop ends: both are redrawn, and the poll stops.
    services.end_workshop(workshop)
    db.session.commit()
    fragment = text(
        phone.get(poll_url_in(fragment, "live-poll"), headers={"HX-Request": "true", **ENGLISH})
    )
    assert "hx-trigger" not in fragment
    assert "This workshop is over" in fragment


def test_participant_screen_takes_a_constant_number_of_queries(setting, app) -> None:
    plan, ballot = setting["plan"], setting["ballot"]
    workshop = live_workshop(setting)
    phone = joined_phone(app, setting, workshop)
    url = f"{base(workshop)}/live"
    show_on_screen(workshop, 1)
    _response, few = statements_of(app, lambda: phone.get(url))
    actions = [make_action(plan, setting["member"], title) for title in ("Tiers-lieu", "Vélos")]
    other = voting.create_ballot(
        plan, setting["facilitator"], title="Autre", method=VotingMethod.APPROVAL, actions=actions
    )
    voting.open_ballot(other)
    db.session.add(WorkshopAgendaItem(workshop_id=workshop.id, position=2, ballot_id=other.id))
    db.session.commit()
    for item in [*ballot.items, *other.items]:
        choice = "bien" if item.ballot_id == ballot.id else "for"
        phone.post(f"{base(workshop)}/items/{item.id}/vote", data={"choice": choice})
    response, many = statements_of(app, lambda: phone.get(url))
    assert "Tiers-lieu" in text(response)
    assert len(many) == len(few)


# --------------------------------------------------------------------------- dot voting


def dots_setting(setting):  # type: ignore[no-untyped-def]
    plan = setting["plan"]
    actions = [make_action(plan, setting["member"], title) for title in ("Tiers-lieu", "Vélos")]
    ballot = voting.create_ballot(
        plan,
        setting["facilitator"],
        title="Priorités",
        method=VotingMethod.DOT_VOTING,
        actions=actions,
    )
    voting.open_ballot(ballot)
    db.session.commit()
    workshop = services.create_workshop(
        plan,
        setting["facilitator"],
        {
            "title": "Atelier",
            "starts_at": voting.utcnow(),
            "place": "",
            "format": "plenary",
            "description": "",
            "notes": "",
        },
        facilitators=[],
        ballots=[ballot],
        actions=[],
    )
    services.start_workshop(workshop)
    db.session.commit()
    return workshop, ballot


def test_dots_spread_in_the_room_are_recorded_with_the_workshop_channel(setting, app) -> None:
    workshop, ballot = dots_setting(setting)
    first, second = ballot.items
    phone = joined_phone(app, setting, workshop)
    page = text(phone.get(f"{base(workshop)}/live"))
    url = f"{base(workshop)}/ballots/{ballot.number}/dots"
    assert f'action="{url}"' in page
    slug = setting["plan"].slug
    before = {view: services.counter_of(slug, workshop.id, view) for view in services.VIEWS}
    response = phone.post(url, data={f"dots-{first.id}": "3", f"dots-{second.id}": "2"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/live#ballot-{ballot.id}")
    votes = db.session.scalars(select(Vote).where(Vote.item_id.in_([first.id, second.id]))).all()
    assert sorted((v.item_id, v.dots) for v in votes) == [(first.id, 3), (second.id, 2)]
    assert {v.channel for v in votes} == {VoteChannel.WORKSHOP}
    assert {v.college_id for v in votes} == {setting["plan"].colleges[1].id}
    # The projector counts them; the phones' screens do not change.
    assert services.counter_of(slug, workshop.id, "projector") != before["projector"]
    assert services.counter_of(slug, workshop.id, "participant") == before["participant"]
    page = text(phone.get(f"{base(workshop)}/live"))
    assert "5 gommettes enregistrées" in page  # the flash, in the language of the POST


def test_wrong_dots_come_back_with_the_values_kept(setting, app) -> None:
    workshop, ballot = dots_setting(setting)
    first, second = ballot.items
    phone = joined_phone(app, setting, workshop)
    url = f"{base(workshop)}/ballots/{ballot.number}/dots"
    response = phone.post(
        url, data={f"dots-{first.id}": "3", f"dots-{second.id}": "3"}, headers=FRENCH
    )
    assert response.status_code == 422
    page = text(response)
    assert 'role="alert"' in page
    assert f'name="dots-{second.id}" id="dots-{second.id}"' in page
    assert re.search(rf'id="dots-{second.id}"[^>]*value="3"', page)
    assert db.session.scalars(select(Vote)).all() == []


def test_dots_are_refused_when_they_should_be(setting, app) -> None:
    workshop, ballot = dots_setting(setting)
    url = f"{base(workshop)}/ballots/{ballot.number}/dots"
    member = app.test_client()
    login(member, setting["member"])
    assert member.post(url, data={}).status_code == 403  # not a participant
    phone = joined_phone(app, setting, workshop)
    # A ballot of the plan that is not on this workshop's agenda: 404.
    assert (
        phone.post(f"{base(workshop)}/ballots/{setting['ballot'].number}/dots").status_code == 404
    )
    assert phone.post(f"{base(workshop)}/ballots/999/dots").status_code == 404
    voting.close_ballot(ballot)
    db.session.commit()
    assert phone.post(url, data={}).status_code == 409
