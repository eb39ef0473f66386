"""A reduced workshop burst against a real gunicorn (2 workers): 50 phones join a live
workshop, poll it every 2 s and each cast 5 votes, some sending one vote twice at once.
Every answer is the expected one and exactly one vote per person and item is stored.

No timing is asserted: the benchmark (`python -m tests.bench`) measures; this checks that
concurrent requests from many sessions neither fail nor lose or double a vote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plan.extensions import db
from plan.voting.models import BallotItem, Vote, VoteChannel
from plan.workshops.models import WorkshopParticipant
from tests.bench.load import Burst, Server, WorkshopTarget, run_burst, serve
from tests.conftest import make_app
from tests.live_room import build_live_room, server_environment

PARTICIPANTS = 50
VOTES = 5


@pytest.fixture
def room(empty_database_url: str, tmp_path: Path) -> Iterator[tuple[Server, WorkshopTarget]]:
    """A migrated database with a plan, an open ballot of 5 actions and a live workshop
    showing it, then gunicorn serving that database."""
    target = build_live_room(empty_database_url)
    env = server_environment(empty_database_url, tmp_path)
    with serve("plan.app:create_app()", env, tmp_path / "gunicorn.log", workers=2) as server:
        yield server, target


def test_a_burst_of_phones_loses_and_doubles_no_vote(room, empty_database_url: str) -> None:
    server, target = room
    shape = Burst(
        participants=PARTICIPANTS, votes=VOTES, join_window=4, vote_window=12, doubles=0.2
    )
    outcome = run_burst(server.port, target, shape, timeout=60)
    record = outcome.record

    assert record.errors == [], record.errors[:10]
    assert record.statuses["join"] == {302: PARTICIPANTS}
    assert set(record.statuses["poll"]) <= {200, 204}
    doubles = round(PARTICIPANTS * shape.doubles)
    assert record.statuses["vote"] == {200: PARTICIPANTS * VOTES + doubles}

    app = make_app(empty_database_url)
    with app.app_context():
        participants = db.session.scalar(select(func.count(WorkshopParticipant.id)))
        votes = db.session.execute(
            select(Vote.channel, func.count(Vote.id), func.count(func.distinct(Vote.voter_id)))
            .join(BallotItem, BallotItem.id == Vote.item_id)
            .group_by(Vote.channel)
        ).all()
        doubled = db.session.scalar(
            select(func.count()).select_from(
                select(Vote.item_id)
                .group_by(Vote.item_id, Vote.voter_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        db.session.remove()
        db.engine.dispose()
    assert participants == PARTICIPANTS
    assert votes == [(VoteChannel.WORKSHOP, PARTICIPANTS * VOTES, PARTICIPANTS)]
    assert doubled == 0
