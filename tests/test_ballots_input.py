"""Ballots refuse bad input and people without the right: each refusal has the right status,
says why in French where the person looks, keeps what they typed, and records nothing (no
vote, no paper tally, no ballot, no event in the journal)."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.members.models import Role
from plan.voting import services
from plan.voting.models import Ballot, PaperTally, Vote, VotingMethod
from plan.workshops.models import WorkshopAgendaItem
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
from tests.xss import XSS_PAYLOADS, assert_no_active_content

FORBIDDEN = "Vous n'avez pas les droits nécessaires pour accéder à cette page."
NOT_FOUND = "Cette page n'existe pas ou n'est plus disponible."
EXPIRED = "Le formulaire a expiré ou n'a pas été envoyé depuis ce site."
UNKNOWN_CHOICE = "Choisissez l'une des réponses proposées."
NO_REASON = "Une objection doit être motivée : dites ce qui la rendrait acceptable."
NOT_YET_OPEN = "Ce scrutin n'est pas encore ouvert : les votes seront reçus à son ouverture."
CLOSED = "Ce scrutin est clos : les votes ne peuvent plus changer."
TOO_MANY_DOTS = "Vous avez 5 gommettes à répartir, pas plus."
TOO_MANY_ON_ONE = "Au plus 3 gommettes sur une même action."
WHOLE_DOTS = "Indiquez des nombres entiers de gommettes, 0 ou plus."
COUNT_RANGE = "Entre 0 et 10000."
TOO_MANY_PAPER_VOTES = "Au plus 10\u202f000 votes papier par collège et par action."
NO_ACTION = "Choisissez au moins une action, ou un défi dont les actions seront soumises au vote."
NO_VOTABLE_ACTION = "Choisissez au moins une action en discussion."
DATES = "La clôture doit venir après l'ouverture."
NO_NOTE = "Écrivez comment l'objection est résolue."
STATE = "Ce scrutin est « {status} » : ce n'est pas possible maintenant."
STATUS_LABELS = {"planned": "Prévu", "open": "Ouvert", "closed": "Clos"}


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html_lib.unescape(response.get_data(as_text=True))


def element(page: str, element_id: str, end: str = "</li>") -> str:
    """The piece of the page from the tag with this id to the next `end`."""
    marker = page.index(f'id="{element_id}"')
    start = page.rindex("<", 0, marker)
    return page[start : page.index(end, marker) + len(end)]


def tag(page: str, name: str) -> str:
    """The first <input>, <textarea>… whose name is `name`, with its content for a textarea."""
    match = re.search(rf'<(input|textarea|select)\b[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    assert match, f"no field {name}"
    if match.group(1) in ("textarea", "select"):
        return page[match.start() : page.index(f"</{match.group(1)}>", match.end())]
    return match.group()


def content(field: str) -> str:
    """What a textarea holds (the browser drops the newline that follows its tag)."""
    return field.split(">", 1)[1].removeprefix("\r\n").removeprefix("\n")


def recorded() -> dict[str, list[Any]]:
    """What the requests could have written, read afresh from the database."""
    return {
        "ballots": db.session.execute(
            select(
                Ballot.id, Ballot.status, Ballot.title, Ballot.opened_at, Ballot.closed_at
            ).order_by(Ballot.id)
        ).all(),
        "votes": db.session.execute(
            select(
                Vote.item_id,
                Vote.voter_id,
                Vote.choice,
                Vote.dots,
                Vote.reason,
                Vote.resolved_at,
                Vote.resolution_note,
            ).order_by(Vote.id)
        ).all(),
        "paper_tallies": db.session.execute(
            select(
                PaperTally.item_id, PaperTally.college_id, PaperTally.counts, PaperTally.note
            ).order_by(PaperTally.id)
        ).all(),
        "events": db.session.execute(
            select(AuditEvent.id, AuditEvent.action).order_by(AuditEvent.id)
        ).all(),
        "agenda": db.session.execute(
            select(
                WorkshopAgendaItem.workshop_id,
                WorkshopAgendaItem.position,
                WorkshopAgendaItem.ballot_id,
            ).order_by(WorkshopAgendaItem.id)
        ).all(),
    }


@dataclass
class World:
    plan: Any
    facilitator: Any
    contributor: Any
    observer: Any
    free_actions: list[Any]  # submitted actions in no ballot yet


def build_world() -> World:
    plan = make_plan("vallee", challenges=3)
    facilitator = make_user("animatrice@example.org", name="Anna")
    make_member(facilitator, plan, Role.FACILITATOR)
    contributor = make_user("contributeur@example.org", name="Claude")
    make_member(contributor, plan, Role.CONTRIBUTOR, plan.colleges[1])
    observer = make_user("observatrice@example.org", name="Olga")
    make_member(observer, plan, Role.OBSERVER)
    titles = [
        "Navette solidaire",
        "Café des aidants",
        "Jardin partagé",
        "Repair café",
        "Tiers-lieu",
        "Marché de producteurs",
    ]
    # Challenges 1 and 2 only: the third has no action to vote on.
    actions = [
        make_action(plan, contributor, title, challenge=1 + index % 2)
        for index, title in enumerate(titles)
    ]
    return World(plan, facilitator, contributor, observer, actions)


@pytest.fixture
def world(app: Flask) -> World:
    return build_world()


def make_ballot(
    world: World,
    method: VotingMethod = VotingMethod.MAJORITY_JUDGMENT,
    *,
    items: int = 1,
    state: str = "open",
    **extra: Any,
) -> Ballot:
    """A ballot on actions of its own, planned, open or closed."""
    actions = [world.free_actions.pop(0) for _ in range(items)]
    ballot = services.create_ballot(
        world.plan,
        world.facilitator,
        title=extra.pop("title", "Scrutin de mars"),
        method=method,
        actions=actions,
        **extra,
    )
    if state in ("open", "closed"):
        services.open_ballot(ballot, world.facilitator.id)
    if state == "closed":
        services.close_ballot(ballot, world.facilitator.id)
    db.session.commit()
    return ballot


def url(ballot: Ballot, rest: str = "") -> str:
    return f"/plans/{ballot.plan.slug}/ballots/{ballot.number}{rest}"


def item_url(ballot: Ballot, item_id: int, rest: str = "/vote") -> str:
    return url(ballot, f"/items/{item_id}{rest}")


def client_of(app: Flask, user: Any) -> FlaskClient:
    client = app.test_client()
    login(client, user)
    return client


HTMX = {"HX-Request": "true"}


# --------------------------------------------------------------------------- item votes


@pytest.mark.parametrize("choice", ["genial", "", "Bien", "object"])
def test_an_unknown_grade_comes_back_in_its_item_fragment(app, world, choice) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, items=2)
    first, second = (item.id for item in ballot.items)
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(item_url(ballot, first), data={"choice": choice}, headers=HTMX)

    assert response.status_code == 422
    page = text(response)
    # Only the item, to swap in place of the one on the page.
    assert page.lstrip().startswith(f'<li class="vote-item" id="item-{first}">')
    assert "<html" not in page
    assert f'id="item-{second}"' not in page
    assert f'<p class="error" id="item-{first}-error">{UNKNOWN_CHOICE}</p>' in page
    assert f'aria-describedby="item-{first}-error"' in page
    assert recorded() == before


def test_an_unknown_choice_keeps_the_reason_typed_in_the_fragment(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.CONSENT)
    item = ballot.items[0].id
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(
        item_url(ballot, item),
        data={"choice": "veto", "reason": "Le coût pour les communes"},
        headers=HTMX,
    )

    assert response.status_code == 422
    page = text(response)
    assert page.lstrip().startswith(f'<li class="vote-item" id="item-{item}">')
    assert UNKNOWN_CHOICE in element(page, f"item-{item}")
    assert content(tag(page, "reason")) == "Le coût pour les communes"
    assert recorded() == before


def test_an_unknown_grade_without_javascript_gets_the_voting_page(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, items=2)
    first, second = (item.id for item in ballot.items)
    voter = client_of(app, world.contributor)
    assert voter.post(item_url(ballot, first), data={"choice": "bien"}).status_code == 302
    before = recorded()

    response = voter.post(item_url(ballot, first), data={"choice": "genial"})

    assert response.status_code == 422
    page = text(response)
    assert "<html" in page
    assert "<h1>Voter</h1>" in page
    assert UNKNOWN_CHOICE in element(page, f"item-{first}")
    # The other item is on the page, without the message.
    assert UNKNOWN_CHOICE not in element(page, f"item-{second}")
    assert page.count(UNKNOWN_CHOICE) == 1
    # The vote already recorded stays as it was.
    assert recorded() == before


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
@pytest.mark.parametrize("reason", ["", "   \n  "], ids=["empty", "blank"])
def test_an_objection_needs_its_reason(app, world, htmx, reason) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.CONSENT)
    item = ballot.items[0].id
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(
        item_url(ballot, item),
        data={"choice": "object", "reason": reason},
        headers=HTMX if htmx else {},
    )

    assert response.status_code == 422
    page = text(response)
    assert ("<html" in page) is not htmx
    piece = element(page, f"item-{item}")
    assert f'<p class="error" id="item-{item}-error">{NO_REASON}</p>' in piece
    # The choice stays ticked, so that only the reason is left to write.
    assert re.search(r'<input type="radio" name="choice" value="object"[^>]* checked>', piece)
    assert not re.search(r'value="(consent|stand_aside)"[^>]* checked', piece)
    assert recorded() == before


def test_a_reason_too_long_is_refused(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.CONSENT)
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(
        item_url(ballot, ballot.items[0].id), data={"choice": "object", "reason": "x" * 2001}
    )

    assert response.status_code == 413
    assert "La raison est trop longue : 2 000 caractères au plus." in text(response)
    assert recorded() == before


def test_a_vote_on_an_item_of_another_ballot_or_plan_is_not_found(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world)
    other_ballot = make_ballot(world)
    elsewhere = make_plan("ailleurs", challenges=1)
    author = make_user("ailleurs@example.org")
    make_member(author, elsewhere, Role.FACILITATOR)
    foreign = services.create_ballot(
        elsewhere,
        author,
        title="Scrutin d'ailleurs",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=[make_action(elsewhere, author)],
    )
    services.open_ballot(foreign, author.id)
    db.session.commit()
    assert foreign.number == ballot.number  # same number, in another plan
    voter = client_of(app, world.contributor)
    before = recorded()

    for item_id in (other_ballot.items[0].id, foreign.items[0].id, 999_999):
        response = voter.post(item_url(ballot, item_id), data={"choice": "bien"})
        assert response.status_code == 404, item_id
        assert "Cette action ne fait pas partie de ce scrutin." in text(response)
    assert recorded() == before


def test_dots_on_an_item_of_another_ballot_refuse_the_whole_allocation(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.DOT_VOTING, items=2)
    other = make_ballot(world, VotingMethod.DOT_VOTING, items=1)
    one, two = (item.id for item in ballot.items)
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(
        url(ballot, "/vote"),
        data={f"dots-{one}": "1", f"dots-{two}": "1", f"dots-{other.items[0].id}": "1"},
    )

    assert response.status_code == 422
    assert "Répartissez vos gommettes sur les actions de ce scrutin uniquement." in text(response)
    assert 'value="1"' in tag(text(response), f"dots-{one}")
    assert recorded() == before


@pytest.mark.parametrize(
    ("state", "message"), [("planned", NOT_YET_OPEN), ("closed", CLOSED)], ids=["planned", "closed"]
)
@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_a_vote_on_a_ballot_that_is_not_open_is_refused(app, world, state, message, htmx) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, state=state)
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(
        item_url(ballot, ballot.items[0].id),
        data={"choice": "bien"},
        headers=HTMX if htmx else {},
    )

    assert response.status_code == 409
    assert message in text(response)
    if htmx:  # shown where flashes go, not swapped into the item
        assert response.headers["HX-Retarget"] == "#flashes"
    assert recorded() == before


@pytest.mark.parametrize(
    ("state", "message"), [("planned", NOT_YET_OPEN), ("closed", CLOSED)], ids=["planned", "closed"]
)
def test_dots_on_a_ballot_that_is_not_open_are_refused(app, world, state, message) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.DOT_VOTING, items=2, state=state)
    first, second = (item.id for item in ballot.items)
    voter = client_of(app, world.contributor)
    before = recorded()

    response = voter.post(url(ballot, "/vote"), data={f"dots-{first}": "2", f"dots-{second}": "1"})

    assert response.status_code == 409
    assert message in text(response)
    assert recorded() == before


@pytest.mark.parametrize(
    ("state", "message"), [("planned", NOT_YET_OPEN), ("closed", CLOSED)], ids=["planned", "closed"]
)
def test_paper_votes_on_a_ballot_that_is_not_open_are_refused(app, world, state, message) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.APPROVAL, state=state)
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(
        item_url(ballot, ballot.items[0].id, "/paper"),
        data={
            "college_id": str(world.plan.colleges[0].id),
            "count_for": "3",
            "count_against": "1",
            "count_abstain": "0",
        },
    )

    assert response.status_code == 409
    assert message in text(response)
    assert recorded() == before
    # The page says so at once, without a form that could only be refused.
    page = facilitator.get(item_url(ballot, ballot.items[0].id, "/paper"))
    assert page.status_code == 200
    assert message in text(page)
    assert 'name="count_for"' not in text(page)


# --------------------------------------------------------------------------- dot voting


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("3", "3", TOO_MANY_DOTS),
        ("4", "0", TOO_MANY_ON_ONE),
        ("-1", "2", WHOLE_DOTS),
        ("deux", "1", WHOLE_DOTS),
        ("1.5", "1", WHOLE_DOTS),
        ("--1", "1", WHOLE_DOTS),
    ],
    ids=["total", "one-item", "negative", "word", "decimal", "double-minus"],
)
def test_a_wrong_dot_allocation_is_refused_with_what_was_typed(
    app, world, first, second, message
) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.DOT_VOTING, items=2)
    one, two = (item.id for item in ballot.items)
    voter = client_of(app, world.contributor)
    # A first allocation, valid: a refused change must leave it as it is.
    accepted = voter.post(url(ballot, "/vote"), data={f"dots-{one}": "1", f"dots-{two}": "1"})
    assert accepted.status_code == 302
    before = recorded()

    response = voter.post(url(ballot, "/vote"), data={f"dots-{one}": first, f"dots-{two}": second})

    assert response.status_code == 422
    page = text(response)
    assert f'<p class="error" id="dots-error" role="alert">{message}</p>' in page
    for item_id, typed in ((one, first), (two, second)):
        field = tag(page, f"dots-{item_id}")
        assert f'value="{typed}"' in field
        assert 'aria-invalid="true" aria-describedby="dots-error"' in field
    assert recorded() == before


# --------------------------------------------------------------------------- paper tallies


@pytest.mark.parametrize(
    ("counts", "wrong"),
    [
        ({"count_for": "-3", "count_against": "2", "count_abstain": "0"}, "count_for"),
        ({"count_for": "12", "count_against": "10001", "count_abstain": "0"}, "count_against"),
    ],
    ids=["negative", "over-limit"],
)
def test_a_wrong_paper_count_is_refused_next_to_its_field(app, world, counts, wrong) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.APPROVAL)
    college = world.plan.colleges[2]
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    data = {"college_id": str(college.id), "note": "Atelier du 12 mars", **counts}
    response = facilitator.post(item_url(ballot, ballot.items[0].id, "/paper"), data=data)

    assert response.status_code == 422
    page = text(response)
    assert f'<p class="error" id="{wrong}-error">{COUNT_RANGE}</p>' in page
    assert 'aria-invalid="true"' in tag(page, wrong)
    for name, typed in counts.items():
        assert f'value="{typed}"' in tag(page, name)
    assert 'value="Atelier du 12 mars"' in tag(page, "note")
    assert re.search(rf'<option selected value="{college.id}">', tag(page, "college_id"))
    assert recorded() == before


def test_more_than_ten_thousand_paper_votes_in_all_are_refused(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.APPROVAL)
    college = world.plan.colleges[0]
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    counts = {"count_for": "6000", "count_against": "4000", "count_abstain": "1"}
    response = facilitator.post(
        item_url(ballot, ballot.items[0].id, "/paper"),
        data={"college_id": str(college.id), "note": "Grand débat", **counts},
    )

    assert response.status_code == 422
    page = text(response)
    # No one count is wrong: the message heads the form.
    summary = page.split('<div class="error-summary" role="alert">', 1)[1].split("</div>", 1)[0]
    assert f"<li>{TOO_MANY_PAPER_VOTES}</li>" in summary
    for name, typed in counts.items():
        assert f'value="{typed}"' in tag(page, name)
    assert 'value="Grand débat"' in tag(page, "note")
    assert recorded() == before


# --------------------------------------------------------------------------- ballot creation


def new_ballot(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "title": "Scrutin de mars",
        "description": "Atelier **mobilité**",
        "method": "approval",
        "challenge_id": "0",
        **fields,
    }


def planned_workshop(plan: Any, creator: Any, title: str) -> Any:
    from plan.workshops.services import create_workshop

    return create_workshop(
        plan,
        creator,
        {"title": title, "starts_at": datetime(2026, 3, 12, 17, 0), "format": "plenary"},
        facilitators=[],
        ballots=[],
        actions=[],
    )


@pytest.mark.parametrize("which", ["other-plan", "live", "made-up", "not-a-number"])
def test_a_ballot_for_a_workshop_that_cannot_take_it_is_refused(app, world, which) -> None:  # type: ignore[no-untyped-def]
    from plan.workshops.services import start_workshop

    elsewhere = make_plan("ailleurs", challenges=1)
    foreign = planned_workshop(elsewhere, world.facilitator, "Atelier d'ailleurs")
    live = planned_workshop(world.plan, world.facilitator, "Atelier en cours")
    start_workshop(live, None)
    db.session.commit()
    sent = {
        "other-plan": str(foreign.id),
        "live": str(live.id),
        "made-up": "999999",
        "not-a-number": "deux",
    }[which]
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(
        "/plans/vallee/ballots/new",
        data=new_ballot(world, action_ids=[str(world.free_actions[0].id)], workshop_id=sent),
    )

    assert response.status_code == 422
    page = text(response)
    assert '<p class="error" id="workshop_id-error">' in page
    assert 'value="Scrutin de mars"' in tag(page, "title")
    assert recorded() == before


def test_a_workshop_started_while_the_form_was_filled_takes_no_ballot(
    app, world, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from plan.voting import ballots
    from plan.workshops.services import start_workshop

    workshop = planned_workshop(world.plan, world.facilitator, "Atelier de mars")
    db.session.commit()
    facilitator = client_of(app, world.facilitator)
    assert "Atelier de mars" in text(facilitator.get("/plans/vallee/ballots/new"))
    start_workshop(workshop, None)
    db.session.commit()
    # The form as it was read: the workshop still among the planned ones.
    monkeypatch.setattr(ballots, "planned_workshops", lambda plan: [workshop])
    before = recorded()

    response = facilitator.post(
        "/plans/vallee/ballots/new",
        data=new_ballot(
            world, action_ids=[str(world.free_actions[0].id)], workshop_id=str(workshop.id)
        ),
    )

    assert response.status_code == 422
    assert (
        "Cet atelier a commencé ou s'est terminé entre-temps : son programme ne change plus."
        in text(response)
    )
    assert recorded() == before


def test_a_ballot_without_any_action_is_refused(app, world) -> None:  # type: ignore[no-untyped-def]
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post("/plans/vallee/ballots/new", data=new_ballot(world))

    assert response.status_code == 422
    page = text(response)
    assert f'<p class="error" id="action_ids-error">{NO_ACTION}</p>' in page
    assert 'value="Scrutin de mars"' in tag(page, "title")
    assert content(tag(page, "description")) == "Atelier **mobilité**"
    assert '<option selected value="approval">' in tag(page, "method")
    assert recorded() == before


def test_a_ballot_on_a_challenge_without_votable_action_is_refused(app, world) -> None:  # type: ignore[no-untyped-def]
    facilitator = client_of(app, world.facilitator)
    empty_challenge = world.plan.challenges[2]
    before = recorded()

    response = facilitator.post(
        "/plans/vallee/ballots/new",
        data=new_ballot(world, challenge_id=str(empty_challenge.id)),
    )

    assert response.status_code == 422
    page = text(response)
    assert f'<p class="error" id="action_ids-error">{NO_VOTABLE_ACTION}</p>' in page
    assert 'value="Scrutin de mars"' in tag(page, "title")
    assert f'<option selected value="{empty_challenge.id}">' in tag(page, "challenge_id")
    assert recorded() == before


@pytest.mark.parametrize("closes_at", ["2030-03-10T09:00", "2030-03-10T18:00"])
def test_a_ballot_closing_before_it_opens_is_refused(app, world, closes_at) -> None:  # type: ignore[no-untyped-def]
    facilitator = client_of(app, world.facilitator)
    action = world.free_actions[0]
    before = recorded()

    response = facilitator.post(
        "/plans/vallee/ballots/new",
        data=new_ballot(
            world,
            action_ids=[str(action.id)],
            opens_at="2030-03-10T18:00",
            closes_at=closes_at,
            live_results="y",
        ),
    )

    assert response.status_code == 422
    page = text(response)
    assert f'<p class="error" id="closes_at-error">{DATES}</p>' in page
    assert 'value="2030-03-10T18:00"' in tag(page, "opens_at")
    assert f'value="{closes_at}"' in tag(page, "closes_at")
    assert 'value="Scrutin de mars"' in tag(page, "title")
    assert re.search(rf'<input checked[^>]* value="{action.id}">', page)
    assert "checked" in tag(page, "live_results")
    assert recorded() == before


@pytest.mark.parametrize(
    ("title", "message"),
    [("   ", "Donnez un titre au scrutin."), ("T" * 201, "Entre 1 et 200 caractères.")],
    ids=["blank", "too-long"],
)
def test_a_ballot_needs_a_title(app, world, title, message) -> None:  # type: ignore[no-untyped-def]
    facilitator = client_of(app, world.facilitator)
    action = world.free_actions[0]
    before = recorded()

    response = facilitator.post(
        "/plans/vallee/ballots/new",
        data=new_ballot(world, title=title, action_ids=[str(action.id)]),
    )

    assert response.status_code == 422
    assert f'<p class="error" id="title-error">{message}</p>' in text(response)
    assert recorded() == before


# --------------------------------------------------------------------------- permissions


@dataclass
class Scene:
    world: World
    open: Ballot  # majority judgment
    planned: Ballot
    dots: Ballot
    consent: Ballot  # with an objection of the facilitator
    objection: Vote


@pytest.fixture
def scene(app: Flask) -> Scene:
    world = build_world()
    open_ballot = make_ballot(world)
    planned = make_ballot(world, state="planned")
    dots = make_ballot(world, VotingMethod.DOT_VOTING, items=2)
    consent = make_ballot(world, VotingMethod.CONSENT)
    services.cast_vote(
        consent.items[0], world.facilitator, world.plan.colleges[0].id, "object", "Trop cher"
    )
    db.session.commit()
    objection = db.session.scalar(select(Vote).where(Vote.choice == "object"))
    return Scene(world, open_ballot, planned, dots, consent, objection)


def _requests(scene: Scene) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Requests with valid data: only the person's rights can refuse them."""
    dots = [item.id for item in scene.dots.items]
    consent_item = scene.consent.items[0].id
    return {
        "vote-page": ("GET", url(scene.dots, "/vote"), {}),
        "dots": ("POST", url(scene.dots, "/vote"), {f"dots-{dots[0]}": "2"}),
        "vote-item": ("POST", item_url(scene.open, scene.open.items[0].id), {"choice": "bien"}),
        "new-form": ("GET", "/plans/vallee/ballots/new", {}),
        "new": (
            "POST",
            "/plans/vallee/ballots/new",
            new_ballot(scene.world, action_ids=[str(scene.planned.items[0].action_id)]),
        ),
        "open": ("POST", url(scene.planned, "/open"), {}),
        "close": ("POST", url(scene.open, "/close"), {}),
        "delete": ("POST", url(scene.planned, "/delete"), {}),
        "paper-form": ("GET", item_url(scene.consent, consent_item, "/paper"), {}),
        "paper": (
            "POST",
            item_url(scene.consent, consent_item, "/paper"),
            {
                "college_id": str(scene.world.plan.colleges[0].id),
                "count_consent": "4",
                "count_stand_aside": "1",
            },
        ),
        "resolve": (
            "POST",
            url(scene.consent, f"/votes/{scene.objection.id}/resolve"),
            {"note": "Le budget est revu."},
        ),
    }


@pytest.mark.parametrize(
    ("who", "request_name"),
    [
        ("observer", "vote-page"),
        ("observer", "dots"),
        ("observer", "vote-item"),
        ("outsider", "vote-item"),
        ("contributor", "new-form"),
        ("contributor", "new"),
        ("contributor", "open"),
        ("contributor", "close"),
        ("contributor", "delete"),
        ("contributor", "paper-form"),
        ("contributor", "paper"),
        ("contributor", "resolve"),
    ],
)
def test_people_without_the_right_are_refused(app, scene, who, request_name) -> None:  # type: ignore[no-untyped-def]
    if who == "outsider":
        user = make_user("dehors@example.org")
        make_member(user, make_plan("ailleurs"), Role.COORDINATOR)
    else:
        user = getattr(scene.world, who)
    client = client_of(app, user)
    method, target, data = _requests(scene)[request_name]
    before = recorded()

    response = client.open(target, method=method, data=data)

    assert response.status_code == 403
    assert FORBIDDEN in text(response)
    assert recorded() == before


ALL_REQUESTS = [
    *("vote-page", "dots", "vote-item", "new-form", "new", "open", "close", "delete"),
    *("paper-form", "paper", "resolve"),
]


@pytest.mark.parametrize("request_name", ALL_REQUESTS)
def test_the_same_requests_go_through_with_the_right(app, scene, request_name) -> None:  # type: ignore[no-untyped-def]
    """The refusals above come from the person's rights, not from the requests."""
    votes = ("vote-page", "dots", "vote-item")
    client = client_of(
        app, scene.world.contributor if request_name in votes else scene.world.facilitator
    )
    method, target, data = _requests(scene)[request_name]
    before = recorded()

    response = client.open(target, method=method, data=data)

    assert response.status_code == (200 if method == "GET" else 302), text(response)
    if method == "POST":
        assert recorded() != before


@pytest.mark.parametrize("request_name", ["dots", "vote-item", "new", "open", "paper", "resolve"])
def test_anonymous_posts_go_to_the_login_page(app, scene, request_name) -> None:  # type: ignore[no-untyped-def]
    method, target, data = _requests(scene)[request_name]
    before = recorded()

    response = app.test_client().open(target, method=method, data=data)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert recorded() == before


# --------------------------------------------------------------------------- ballot states


@pytest.mark.parametrize(
    ("state", "operation"),
    [
        ("open", "open"),
        ("closed", "open"),
        ("planned", "close"),
        ("closed", "close"),
        ("open", "delete"),
        ("closed", "delete"),
    ],
)
def test_a_ballot_refuses_what_its_state_does_not_allow(app, world, state, operation) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, state=state)
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(url(ballot, f"/{operation}"))

    assert response.status_code == 409
    assert STATE.format(status=STATUS_LABELS[state]) in text(response)
    assert recorded() == before
    assert db.session.scalar(select(Ballot.status).where(Ballot.id == ballot.id)) == state


# --------------------------------------------------------------------------- objections


@pytest.fixture
def objection(app, world) -> tuple[Ballot, Vote]:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.CONSENT)
    services.cast_vote(
        ballot.items[0], world.contributor, world.plan.colleges[1].id, "object", "Trop cher"
    )
    db.session.commit()
    return ballot, db.session.scalar(select(Vote))


@pytest.mark.parametrize("note", ["", "  \n "], ids=["empty", "blank"])
def test_an_objection_is_not_resolved_without_a_note(app, world, objection, note) -> None:  # type: ignore[no-untyped-def]
    ballot, vote = objection
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(url(ballot, f"/votes/{vote.id}/resolve"), data={"note": note})

    assert response.status_code == 422
    page = text(response)
    assert "<h1>Scrutin 1 — Scrutin de mars</h1>" in page
    piece = element(page, f"objection-{vote.id}")
    assert f'<p class="error" id="note-{vote.id}-error">{NO_NOTE}</p>' in piece
    assert f'aria-invalid="true" aria-describedby="note-{vote.id}-error"' in piece
    assert recorded() == before


def test_a_resolution_note_too_long_comes_back_with_what_was_typed(app, world, objection) -> None:  # type: ignore[no-untyped-def]
    ballot, vote = objection
    facilitator = client_of(app, world.facilitator)
    before = recorded()
    note = "Le budget est revu. " * 101  # 2 020 characters

    response = facilitator.post(url(ballot, f"/votes/{vote.id}/resolve"), data={"note": note})

    assert response.status_code == 422
    piece = element(text(response), f"objection-{vote.id}")
    assert f'<p class="error" id="note-{vote.id}-error">Au plus 2000 caractères.</p>' in piece
    assert content(tag(piece, "note")) == note.strip()  # kept, surrounding spaces aside
    assert recorded() == before


# Whatever the note, a vote that cannot be resolved says why (there is no objection form
# on the page to show a note's error next to).
NOTES = pytest.mark.parametrize("note", ["Rien à résoudre", ""], ids=["note", "no-note"])


@NOTES
def test_only_an_objection_can_be_resolved(app, world, objection, note) -> None:  # type: ignore[no-untyped-def]
    ballot, _ = objection
    services.cast_vote(ballot.items[0], world.facilitator, world.plan.colleges[0].id, "consent")
    db.session.commit()
    consent = db.session.scalar(select(Vote).where(Vote.choice == "consent"))
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(url(ballot, f"/votes/{consent.id}/resolve"), data={"note": note})

    assert response.status_code == 409
    assert "Seule une objection peut être résolue." in text(response)
    assert recorded() == before


@NOTES
def test_an_objection_of_a_closed_ballot_stays_as_it_is(app, world, objection, note) -> None:  # type: ignore[no-untyped-def]
    ballot, vote = objection
    services.close_ballot(ballot, world.facilitator.id)
    db.session.commit()
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(url(ballot, f"/votes/{vote.id}/resolve"), data={"note": note})

    assert response.status_code == 409
    assert CLOSED in text(response)
    assert recorded() == before


def test_an_objection_is_resolved_once(app, world, objection) -> None:  # type: ignore[no-untyped-def]
    ballot, vote = objection
    facilitator = client_of(app, world.facilitator)
    target = url(ballot, f"/votes/{vote.id}/resolve")
    assert facilitator.post(target, data={"note": "Le budget est revu."}).status_code == 302
    before = recorded()

    response = facilitator.post(target, data={"note": "Autre chose"})

    assert response.status_code == 409
    assert "Cette objection est déjà résolue." in text(response)
    assert recorded() == before


def test_resolving_paper_votes_and_deleting_are_in_the_journal(app, world, objection) -> None:  # type: ignore[no-untyped-def]
    ballot, vote = objection
    planned = make_ballot(world, state="planned", title="Scrutin d'essai")
    facilitator = client_of(app, world.facilitator)
    college = world.plan.colleges[0]

    resolved = facilitator.post(
        url(ballot, f"/votes/{vote.id}/resolve"), data={"note": "Le budget est revu."}
    )
    paper = facilitator.post(
        url(ballot, f"/items/{ballot.items[0].id}/paper"),
        data={
            "college_id": college.id,
            "count_consent": 4,
            "count_object": 0,
            "count_stand_aside": 1,
        },
    )
    deleted = facilitator.post(url(planned, "/delete"))

    assert [resolved.status_code, paper.status_code, deleted.status_code] == [302, 302, 302]
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action.in_(["vote.resolve", "paper_tally.save", "ballot.delete"])
        )
    ).all()
    assert {event.action: event.actor_id for event in events} == {
        "vote.resolve": world.facilitator.id,
        "paper_tally.save": world.facilitator.id,
        "ballot.delete": world.facilitator.id,
    }
    data = {event.action: event.data for event in events}
    assert data["vote.resolve"]["note"] == "Le budget est revu."
    assert data["ballot.delete"]["title"] == "Scrutin d'essai"
    assert data["paper_tally.save"]["ballot"] == ballot.number
    assert data["paper_tally.save"]["college"] == college.name
    assert data["paper_tally.save"]["counts"] == {"consent": 4, "stand_aside": 1}


def test_an_objection_of_another_ballot_is_not_found(app, world, objection) -> None:  # type: ignore[no-untyped-def]
    _, vote = objection
    other = make_ballot(world, VotingMethod.CONSENT)
    facilitator = client_of(app, world.facilitator)
    before = recorded()

    response = facilitator.post(url(other, f"/votes/{vote.id}/resolve"), data={"note": "Revu"})

    assert response.status_code == 404
    assert NOT_FOUND in text(response)
    assert recorded() == before


# --------------------------------------------------------------------------- CSRF


@pytest.fixture
def browser_app(database_url: str) -> Iterator[Flask]:
    """The app as a browser gets it: CSRF protection on."""
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        try:
            yield app
        finally:
            empty_database()
            db.session.remove()


def browser_login(app: Flask, user: Any) -> FlaskClient:
    client = app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_a_vote_without_csrf_token_is_refused(browser_app, htmx) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    ballot = make_ballot(world)
    target = item_url(ballot, ballot.items[0].id)
    voter = browser_login(browser_app, world.contributor)
    before = recorded()

    response = voter.post(target, data={"choice": "bien"}, headers=HTMX if htmx else {})

    assert response.status_code == 400
    assert EXPIRED in text(response)
    assert recorded() == before
    # With the token of the page, the same vote goes through.
    token = csrf_token_from(voter.get(url(ballot, "/vote")).get_data(as_text=True))
    accepted = voter.post(target, data={"choice": "bien", "csrf_token": token})
    assert accepted.status_code == 302
    assert [row.choice for row in recorded()["votes"]] == ["bien"]


def test_dots_without_csrf_token_are_refused(browser_app) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    ballot = make_ballot(world, VotingMethod.DOT_VOTING, items=2)
    voter = browser_login(browser_app, world.contributor)
    before = recorded()

    response = voter.post(url(ballot, "/vote"), data={f"dots-{ballot.items[0].id}": "2"})

    assert response.status_code == 400
    assert EXPIRED in text(response)
    assert recorded() == before


# --------------------------------------------------------------------------- XSS

OUR_SCRIPTS = (
    '<script src="/static/js/htmx-2.0.11.min.js" defer></script>',
    '<script src="/static/js/dots.js" defer></script>',
)


def check_page(client: FlaskClient, target: str, status: int = 200, **kwargs: Any) -> str:
    response = client.open(target, **kwargs)
    assert response.status_code == status, target
    page = response.get_data(as_text=True)
    assert page.count(OUR_SCRIPTS[0]) == 1, target
    for script in OUR_SCRIPTS:
        page = page.replace(script, "")
    assert_no_active_content(page)
    return page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_what_people_type_in_ballots_never_runs(app, world, payload) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(
        world, VotingMethod.CONSENT, title=payload[:200], description=payload, public_votes=True
    )
    item = ballot.items[0]
    services.cast_vote(item, world.contributor, world.plan.colleges[1].id, "object", payload)
    services.cast_vote(item, world.facilitator, world.plan.colleges[0].id, "object", payload)
    resolved = db.session.scalar(select(Vote).where(Vote.voter_id == world.facilitator.id))
    unresolved = db.session.scalar(select(Vote).where(Vote.voter_id == world.contributor.id))
    services.resolve_objection(resolved, world.facilitator, payload)
    services.save_paper_tally(
        item, world.plan.colleges[2], {"consent": 3, "stand_aside": 1}, world.facilitator, payload
    )
    db.session.commit()
    facilitator = client_of(app, world.facilitator)
    voter = client_of(app, world.contributor)
    paper = item_url(ballot, item.id, "/paper")

    for client in (facilitator, voter, app.test_client()):
        listed = check_page(client, "/plans/vallee/ballots")
        assert payload[:200] in html_lib.unescape(listed)  # shown as typed, not swallowed
        shown = check_page(client, url(ballot))
        # The objections' reasons (stored without surrounding spaces).
        assert f"« {payload.strip()} »" in html_lib.unescape(shown)
    # The voter's own reason, in its textarea.
    voting = check_page(voter, url(ballot, "/vote"))
    assert html_lib.unescape(content(tag(voting, "reason"))) == payload.strip()
    check_page(facilitator, paper)
    # The note of a college's tally, in its field to be corrected.
    check_page(facilitator, f"{paper}?college={world.plan.colleges[2].id}")
    # Forms sent back with an error show what was typed, inert.
    check_page(
        voter,
        item_url(ballot, item.id),
        422,
        method="POST",
        data={"choice": "veto", "reason": payload},
    )
    check_page(
        facilitator,
        paper,
        422,
        method="POST",
        data={"college_id": str(world.plan.colleges[3].id), "count_consent": "-1", "note": payload},
    )
    check_page(
        facilitator,
        "/plans/vallee/ballots/new",
        422,
        method="POST",
        data=new_ballot(world, title=payload[:200], description=payload),
    )
    check_page(
        facilitator,
        url(ballot, f"/votes/{unresolved.id}/resolve"),
        422,
        method="POST",
        data={"note": ""},
    )


def test_markup_in_a_ballot_is_shown_as_text(app, world) -> None:  # type: ignore[no-untyped-def]
    ballot = make_ballot(world, VotingMethod.CONSENT, title="<script>alert(1)</script>")
    services.cast_vote(
        ballot.items[0], world.contributor, None, "object", "<b>trop</b> <img src=x onerror=a()>"
    )
    db.session.commit()
    page = app.test_client().get("/plans/vallee/ballots").get_data(as_text=True)
    assert "Scrutin 1 — &lt;script&gt;alert(1)&lt;/script&gt;</a>" in page
    page = app.test_client().get(url(ballot)).get_data(as_text=True)
    assert "« &lt;b&gt;trop&lt;/b&gt; &lt;img src=x onerror=a()&gt; »" in page
