"""Ballots end to end: create, open, vote, paper votes, close, frozen results."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from plan.actions.models import ActionStatus
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.members.models import Role
from plan.voting.models import Ballot, BallotStatus, Vote
from tests.conftest import csrf_token_from, login, make_action, make_member, make_plan, make_user


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html_lib.unescape(response.get_data(as_text=True))


@pytest.fixture
def setting(app, client):  # type: ignore[no-untyped-def]
    """A plan with two submitted actions, a facilitator (logged in) and ten contributors,
    two in each of the five colleges."""
    plan = make_plan("vallee", challenges=3)
    facilitator = make_user("animatrice@example.org", name="Anna")
    make_member(facilitator, plan, Role.FACILITATOR)
    voters = []
    for index in range(10):
        user = make_user(f"voter{index}@example.org")
        make_member(user, plan, Role.CONTRIBUTOR, plan.colleges[index % 5])
        voters.append(user)
    first = make_action(plan, voters[0], "Navette solidaire")
    second = make_action(plan, voters[1], "Café des aidants", challenge=2)
    login(client, facilitator)
    return {"plan": plan, "voters": voters, "actions": [first, second]}


def post(client, url: str, data: dict | None = None, **kwargs):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get("/plans/vallee/ballots").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)


def create(client, actions, method="majority_judgment", **extra):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get("/plans/vallee/ballots/new").get_data(as_text=True))
    data = {
        "csrf_token": token,
        "title": "Scrutin de mars",
        "method": method,
        "action_ids": [a.id for a in actions],
        "challenge_id": "0",
        **extra,
    }
    return client.post("/plans/vallee/ballots/new", data=data)


def vote_as(app, user, item_id: int, choice: str, reason: str = "", number: int = 1):  # type: ignore[no-untyped-def]
    other = app.test_client()
    login(other, user)
    token = csrf_token_from(other.get(f"/plans/vallee/ballots/{number}").get_data(as_text=True))
    return other.post(
        f"/plans/vallee/ballots/{number}/items/{item_id}/vote",
        data={"csrf_token": token, "choice": choice, "reason": reason},
    )


def test_a_majority_judgment_ballot_from_creation_to_frozen_results(app, client, setting):
    response = create(client, setting["actions"], open_now="y")
    assert response.status_code == 302, text(response)
    ballot = db.session.scalar(select(Ballot))
    assert ballot.status == BallotStatus.OPEN
    first, second = ballot.items
    assert first.revision_id == setting["actions"][0].current_revision_id
    db.session.refresh(setting["actions"][0])
    assert setting["actions"][0].status == ActionStatus.IN_BALLOT

    grades_first = ["tres_bien", "bien", "bien", "bien", "assez_bien"] * 2
    grades_second = ["insuffisant", "a_rejeter", "passable", "insuffisant", "passable"] * 2
    for voter, g1, g2 in zip(setting["voters"], grades_first, grades_second, strict=True):
        assert vote_as(app, voter, first.id, g1).status_code == 302
        assert vote_as(app, voter, second.id, g2).status_code == 302
    # Changing one's vote keeps one vote.
    assert vote_as(app, setting["voters"][0], first.id, "excellent").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 20

    # Results are hidden while the ballot is open.
    page = text(client.get("/plans/vallee/ballots/1"))
    assert "publiés à la clôture" in page
    assert "mention majoritaire" not in page

    assert post(client, "/plans/vallee/ballots/1/close").status_code == 302
    page = text(client.get("/plans/vallee/ballots/1"))
    assert (
        "Adoptée : mention majoritaire « Bien » (seuil « Assez bien »), "
        "10 votant·es dans 5 collèges, aucun collège sous « Passable »"
    ) in page
    assert "Non retenue : mention majoritaire « Insuffisant »" in page
    for action in setting["actions"]:
        db.session.refresh(action)
    assert [a.status for a in setting["actions"]] == [ActionStatus.ADOPTED, ActionStatus.REJECTED]

    # Frozen: a vote after closing is refused and the stored result does not move.
    refused = vote_as(app, setting["voters"][1], first.id, "a_rejeter")
    assert refused.status_code == 409
    assert "clos" in text(refused)
    events = db.session.scalars(select(AuditEvent.action)).all()
    expected = {"ballot.create", "ballot.open", "vote.cast", "vote.change", "ballot.close"}
    assert expected <= set(events)


def test_a_ballot_on_a_challenge_takes_every_votable_action_of_that_challenge(app, client, setting):
    plan = setting["plan"]
    third = make_action(plan, setting["voters"][2], "Covoiturage des vallées")
    make_action(plan, setting["voters"][3], "Brouillon de mobilité", submit=False)
    challenge = plan.challenges[0]

    response = create(client, [], challenge_id=str(challenge.id), open_now="y")

    assert response.status_code == 302, text(response)
    ballot = db.session.scalar(select(Ballot))
    references = [item.action.reference for item in ballot.items]
    assert references == [setting["actions"][0].reference, third.reference]
    page = text(client.get("/plans/vallee/ballots/1"))
    for title in ("Navette solidaire", "Covoiturage des vallées"):
        assert title in page
    for title in ("Café des aidants", "Brouillon de mobilité"):
        assert title not in page


def workshop_of(setting, title: str = "Atelier mobilité", **values):  # type: ignore[no-untyped-def]
    """A planned workshop of the plan, discussing its first action."""
    from datetime import datetime

    from plan.workshops.services import create_workshop

    workshop = create_workshop(
        setting["plan"],
        setting["voters"][0],
        {
            "title": title,
            "starts_at": datetime(2026, 3, 12, 17, 0),
            "place": "Salle des fêtes",
            "format": "plenary",
            "description": "",
            "notes": "",
            **values,
        },
        facilitators=[],
        ballots=[],
        actions=[setting["actions"][0]],
    )
    db.session.commit()
    return workshop


def test_a_ballot_created_for_a_workshop_comes_last_on_its_agenda(app, client, setting):
    from plan.workshops.services import end_workshop, start_workshop

    workshop = workshop_of(setting)
    ended = workshop_of(setting, "Atelier passé")
    start_workshop(ended, None)
    end_workshop(ended, None)
    db.session.commit()
    form = text(client.get("/plans/vallee/ballots/new"))
    assert "Au programme d'un atelier (facultatif)" in form
    assert "Atelier mobilité — 12/03/2026 18:00" in form
    assert "Atelier passé" not in form  # its agenda no longer changes

    response = create(client, setting["actions"][1:], workshop_id=str(workshop.id))

    assert response.status_code == 302, text(response)
    db.session.refresh(workshop)
    ballot = db.session.scalar(select(Ballot))
    assert [(e.position, e.action_id, e.ballot_id) for e in workshop.agenda] == [
        (1, setting["actions"][0].id, None),
        (2, None, ballot.id),
    ]
    page = text(client.get("/plans/vallee/ballots/1"))
    assert "Au programme de l'atelier Atelier mobilité · 12/03/2026 18:00 Prévu" in " ".join(
        re.sub(r"<[^>]+>", " ", page).split()
    )


def test_the_fiche_shows_the_ballot_it_is_in_then_its_result(app, client, setting):
    action = setting["actions"][0]
    create(client, [action], open_now="y")
    fiche = text(client.get(f"/plans/vallee/actions/{action.reference}"))
    assert "Cette action est soumise au vote dans le scrutin 1" in fiche
    grades = ["bien", "bien", "tres_bien", "assez_bien", "bien"] * 2
    item_id = db.session.scalar(select(Ballot)).items[0].id
    for voter, grade in zip(setting["voters"], grades, strict=True):
        vote_as(app, voter, item_id, grade)
    post(client, "/plans/vallee/ballots/1/close")
    fiche = text(client.get(f"/plans/vallee/actions/{action.reference}"))
    assert "Résultat du scrutin 1 du" in fiche
    assert "Adoptée : mention majoritaire « Bien »" in fiche
    assert "soumise au vote" not in fiche


def test_the_ballots_command_opens_and_closes_what_the_clock_says(app, runner, setting):
    from datetime import timedelta

    from plan.voting.services import utcnow

    ballot = create_ballot_row(setting, opens_at=utcnow() - timedelta(minutes=5))
    result = runner.invoke(args=["ballots"])
    assert result.exit_code == 0, result.output
    assert "vallee : scrutin 1 ouvert" in result.output
    db.session.refresh(ballot)
    assert ballot.status == BallotStatus.OPEN
    ballot.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["ballots"])
    assert "vallee : scrutin 1 clos" in result.output
    db.session.refresh(ballot)
    assert ballot.status == BallotStatus.CLOSED
    assert ballot.result is not None


def create_ballot_row(setting, **times):  # type: ignore[no-untyped-def]
    from plan.voting.models import VotingMethod
    from plan.voting.services import create_ballot

    ballot = create_ballot(
        setting["plan"],
        setting["voters"][0],
        title="Scrutin programmé",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=setting["actions"],
        **times,
    )
    db.session.commit()
    return ballot


def test_ballot_pages_run_a_constant_number_of_queries(app, client, setting):
    """Ballots, ballot (open and closed, public), voting page: as many queries for 2 items
    as for 20, whatever the number of votes and paper tallies."""
    from plan.voting import services
    from plan.voting.models import VotingMethod
    from tests.test_actions import count_queries

    plan, voters = setting["plan"], setting["voters"]

    def ballot_with(n_items: int, number: int) -> None:
        actions = [make_action(plan, voters[0], f"Action {number}-{i}") for i in range(n_items)]
        ballot = services.create_ballot(
            plan,
            voters[0],
            title=f"Scrutin {number}",
            method=VotingMethod.CONSENT,
            actions=actions,
            public_votes=True,
            live_results=True,
        )
        services.open_ballot(ballot)
        for item in ballot.items:
            for index, voter in enumerate(voters):
                choice = "object" if index == 0 else "consent"
                services.cast_vote(item, voter, plan.colleges[index % 5].id, choice, "Pourquoi")
            services.save_paper_tally(item, plan.colleges[0], {"consent": 3}, voters[0])
        db.session.commit()

    def figures(number: int) -> tuple[int, ...]:
        return (
            count_queries(app, client, "/plans/vallee/ballots"),
            count_queries(app, client, f"/plans/vallee/ballots/{number}"),
            count_queries(app, client, f"/plans/vallee/ballots/{number}/vote"),
        )

    ballot_with(2, 1)
    small = figures(1)
    ballot_with(20, 2)
    large = figures(2)
    assert small == large
    assert max(large) <= 20
    post(client, "/plans/vallee/ballots/2/close")
    closed = count_queries(app, client, "/plans/vallee/ballots/2")
    assert closed <= large[1]


def test_the_plan_home_points_to_the_open_ballots(app, client, setting):
    assert "scrutin est ouvert" not in text(client.get("/plans/vallee"))
    create(client, setting["actions"], open_now="y")
    home = text(client.get("/plans/vallee"))
    assert "Un scrutin est ouvert :" in home
    assert 'href="/plans/vallee/ballots/1">Scrutin 1 — Scrutin de mars' in home
