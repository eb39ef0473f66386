"""Votes and closings sent at the same moment, through the real app, each request on its
own thread, app context and database connection (SQLite file or PostgreSQL schema)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from auth.models import User
from plan.actions.models import Action
from plan.extensions import db
from plan.frame.models import Plan
from plan.journal.models import AuditEvent
from plan.members.models import Role
from plan.voting.models import Ballot, BallotResult, BallotStatus, Vote, VotingMethod
from plan.voting.services import create_ballot, open_ballot
from tests.conftest import login, make_action, make_member, make_plan, make_user

SLUG = "concurrence"
THREADS = 8
GRADES = ["excellent", "tres_bien", "bien", "assez_bien", "passable", "insuffisant", "a_rejeter"]


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls on as many threads, released together; their results, or the
    exceptions they raised, in order."""
    db.session.commit()  # the test holds no transaction while the requests run
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index]()
        except BaseException as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results


def statuses(results: list[Any]) -> list[int]:
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [response.status_code for response in results]


@pytest.fixture
def ballot(app: Flask) -> Ballot:
    """An open majority-judgment ballot on two actions."""
    plan = make_plan(SLUG, challenges=2)
    facilitator = make_user("animation@example.org", name="Animation")
    make_member(facilitator, plan, Role.FACILITATOR)
    actions = [
        make_action(plan, facilitator, "Navette solidaire"),
        make_action(plan, facilitator, "Café des aidants", challenge=2),
    ]
    ballot = create_ballot(
        plan,
        facilitator,
        title="Scrutin",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=actions,
    )
    open_ballot(ballot, facilitator.id)
    db.session.commit()
    return ballot


def clients_of(app: Flask, user: User, count: int) -> list[FlaskClient]:
    """`count` clients, each logged in (as the same user: as many browser tabs)."""
    clients = []
    for _ in range(count):
        client = app.test_client()
        login(client, user)
        clients.append(client)
    return clients


def voter(plan_id: int, index: int) -> User:
    plan = db.session.get(Plan, plan_id)
    user = make_user(f"votant{index}@example.org", name=f"Votant {index}")
    make_member(user, plan, Role.CONTRIBUTOR, plan.colleges[index % len(plan.colleges)])
    return user


def vote_url(ballot: Ballot, item_id: int) -> str:
    return f"/plans/{SLUG}/ballots/{ballot.number}/items/{item_id}/vote"


def test_one_voter_sending_the_same_vote_at_once_makes_one_vote(app: Flask, ballot: Ballot):
    user = voter(ballot.plan_id, 0)
    item_id = ballot.items[0].id
    clients = clients_of(app, user, THREADS)
    sent = [GRADES[index % len(GRADES)] for index in range(THREADS)]
    url = vote_url(ballot, item_id)

    for _round in range(3):
        results = at_once(
            [
                lambda client=client, choice=choice: client.post(url, data={"choice": choice})
                for client, choice in zip(clients, sent, strict=True)
            ]
        )
        assert statuses(results) == [302] * THREADS
        db.session.commit()  # end the test's read snapshot (SQLite WAL)
        votes = db.session.scalars(select(Vote).where(Vote.item_id == item_id)).all()
        assert len(votes) == 1
        assert votes[0].voter_id == user.id
        assert votes[0].choice in sent


def test_one_voter_sending_dots_at_once_keeps_one_row_per_item(app: Flask) -> None:
    plan = make_plan(SLUG, challenges=3)
    facilitator = make_user("animation@example.org", name="Animation")
    make_member(facilitator, plan, Role.FACILITATOR)
    for position in (1, 2, 3):
        make_action(plan, facilitator, f"Action {position}", challenge=position)
    organiser = app.test_client()
    login(organiser, facilitator)
    action_ids = db.session.scalars(select(Action.id).order_by(Action.id)).all()
    created = organiser.post(
        f"/plans/{SLUG}/ballots/new",
        data={
            "title": "Gommettes",
            "method": "dot_voting",
            "action_ids": action_ids,
            "challenge_id": "0",
            "open_now": "y",
        },
    )
    assert created.status_code == 302
    dot_ballot = db.session.scalar(select(Ballot))
    items = [item.id for item in dot_ballot.items]
    user = voter(plan.id, 0)
    clients = clients_of(app, user, THREADS)
    allocations = [
        {items[0]: index % 3, items[1]: (index + 1) % 2, items[2]: 1} for index in range(THREADS)
    ]

    results = at_once(
        [
            lambda client=client, allocation=allocation: client.post(
                f"/plans/{SLUG}/ballots/1/vote",
                data={f"dots-{item}": str(count) for item, count in allocation.items()},
            )
            for client, allocation in zip(clients, allocations, strict=True)
        ]
    )
    assert statuses(results) == [302] * THREADS
    db.session.commit()  # end the test's read snapshot (SQLite WAL)
    rows = db.session.scalars(select(Vote).where(Vote.voter_id == user.id)).all()
    assert sorted(row.item_id for row in rows) == sorted(items)
    # Each row holds a count one of the submissions sent for that item.
    for row in rows:
        assert row.dots in {allocation[row.item_id] for allocation in allocations}


def test_different_voters_at_once_are_all_counted(app: Flask, ballot: Ballot) -> None:
    users = [voter(ballot.plan_id, index) for index in range(THREADS)]
    clients = [clients_of(app, user, 1)[0] for user in users]
    first, second = (item.id for item in ballot.items)
    first_url, second_url = vote_url(ballot, first), vote_url(ballot, second)

    def both(client: FlaskClient) -> list[int]:
        return [
            client.post(first_url, data={"choice": "bien"}).status_code,
            client.post(second_url, data={"choice": "passable"}).status_code,
        ]

    results = at_once([lambda client=client: both(client) for client in clients])
    for result in results:
        if isinstance(result, BaseException):
            raise result
    assert results == [[302, 302]] * THREADS
    db.session.commit()  # end the test's read snapshot (SQLite WAL)
    for item_id in (first, second):
        voters = db.session.scalars(select(Vote.voter_id).where(Vote.item_id == item_id)).all()
        assert sorted(voters) == sorted(user.id for user in users)

    facilitator = db.session.scalar(select(User).where(User.email == "animation@example.org"))
    closer = clients_of(app, facilitator, 1)[0]
    assert closer.post(f"/plans/{SLUG}/ballots/1/close").status_code == 302
    db.session.commit()  # end the test's read snapshot (SQLite WAL)
    data = db.session.scalar(select(BallotResult.data))
    assert [entry["result"]["participation"]["voters"] for entry in data["items"]] == [
        THREADS,
        THREADS,
    ]


def test_two_closings_at_once_close_once(app: Flask, ballot: Ballot) -> None:
    users = [voter(ballot.plan_id, index) for index in range(5)]
    for user in users:
        client = clients_of(app, user, 1)[0]
        response = client.post(vote_url(ballot, ballot.items[0].id), data={"choice": "bien"})
        assert response.status_code == 302
    facilitator = db.session.scalar(select(User).where(User.email == "animation@example.org"))
    closers = clients_of(app, facilitator, 2)

    results = at_once(
        [lambda client=client: client.post(f"/plans/{SLUG}/ballots/1/close") for client in closers]
    )
    assert sorted(statuses(results)) == [302, 409]
    db.session.commit()  # end the test's read snapshot (SQLite WAL)
    assert db.session.scalar(select(func.count()).select_from(BallotResult)) == 1
    assert db.session.scalar(select(Ballot.status)) == BallotStatus.CLOSED
    closings = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "ballot.close")
    )
    assert closings == 1


def test_a_closing_counts_the_vote_being_written_when_it_comes(
    app: Flask, ballot: Ballot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vote has passed its check and written its row, not yet committed, when the ballot
    is closed: the closing waits for it and counts it (on PostgreSQL the vote holds a share
    lock on the ballot's row; on SQLite the write lock). Without that wait, the voter is
    told their vote is recorded, and the stored result does not have it."""
    from plan.voting import services

    user = voter(ballot.plan_id, 0)
    (client,) = clients_of(app, user, 1)
    facilitator = db.session.scalar(select(User).where(User.email == "animation@example.org"))
    (closer,) = clients_of(app, facilitator, 1)
    written = threading.Event()
    original = services._upsert_vote

    def slow_upsert(values: dict[str, Any], changed: Any) -> None:
        original(values, changed)
        written.set()
        time.sleep(0.5)  # the closing is sent meanwhile

    monkeypatch.setattr(services, "_upsert_vote", slow_upsert)
    url = vote_url(ballot, ballot.items[0].id)
    db.session.commit()
    outcome: dict[str, Any] = {}

    def vote() -> None:
        try:
            outcome["vote"] = client.post(url, data={"choice": "bien"})
        finally:
            written.set()

    def close() -> None:
        written.wait(timeout=30)
        outcome["close"] = closer.post(f"/plans/{SLUG}/ballots/1/close")

    threads = [threading.Thread(target=vote), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["vote"].status_code == 302
    assert outcome["close"].status_code == 302
    db.session.commit()  # end the test's read snapshot (SQLite WAL)
    assert db.session.scalar(select(func.count(Vote.id))) == 1
    data = db.session.scalar(select(BallotResult.data))
    counted = data["items"][0]["result"]["participation"]["voters"]
    assert counted == 1, "the closing did not count the vote it was told of"
