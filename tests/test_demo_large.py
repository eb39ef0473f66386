"""The large demo plan (`capcommun demo --scale large`), generated here at a small size:
the same seed gives the same plan, the counts are the ones asked for, statuses and votes
are coherent, every version's hash holds and the pages answer.

The full size (1 000 fiches, 50 000 votes) takes about 20 s: it is measured by hand, not
here (see the report of issue 7)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plan.actions.models import Action, ActionRevision, ActionStatus, Comment
from plan.demo import large as large_module
from plan.demo import large_text
from plan.demo.large import SLUG, large_is_loaded, load_and_report, load_large, totals
from plan.demo.large_world import Size, generate
from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Membership, Role
from plan.versions import services as versions
from plan.versions.models import PlanVersion, VersionStatus
from plan.voting.models import Ballot, BallotItem, BallotStatus, Vote
from plan.voting.services import OUTCOME_STATUS
from plan.voting.tally import outcome_of
from tests.conftest import empty_database, make_app

SMALL = Size(
    actions=20,
    members=40,
    organizations=10,
    comments=200,
    ballots=4,
    votes=300,
    versions=2,
    big_ballot=0,
    showcase=1,
)
SEED = 7


@pytest.fixture
def large(app):  # type: ignore[no-untyped-def]
    plan = load_large(SMALL, SEED)
    db.session.commit()
    return plan


def titles(world) -> list[str]:  # type: ignore[no-untyped-def]
    return [action.revisions[-1]["content"]["title"] for action in world.actions]


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    first, again, other = generate(SMALL, SEED), generate(SMALL, SEED), generate(SMALL, SEED + 1)
    assert titles(first) == titles(again)
    assert [b.votes for b in first.ballots] == [b.votes for b in again.ballots]
    assert [a.comments for a in first.actions] == [a.comments for a in again.actions]
    assert titles(first) != titles(other)
    assert [b.votes for b in first.ballots] != [b.votes for b in other.ballots]


def test_the_generated_text_is_french_and_varied() -> None:
    world = generate(SMALL, SEED)
    assert len(set(titles(world))) == len(world.actions)
    fiche = world.actions[0].revisions[0]["content"]
    assert fiche["title"].split()[0] in large_text.VERBS
    assert "lorem" not in str(world.actions).lower()
    bodies = [c["body"] for a in world.actions for c in a.comments]
    assert len(set(bodies)) > len(bodies) / 4


def test_the_plan_holds_what_was_asked(large) -> None:  # type: ignore[no-untyped-def]
    world = generate(SMALL, SEED)
    assert totals(large) == {
        "fiches actions": 20,
        "révisions": sum(len(a.revisions) for a in world.actions),
        "membres": 40,
        "structures": 10,
        "commentaires": 200,
        "scrutins clos": 4,
        "votes": 300,
        "versions publiées": 2,
    }
    assert len(large.colleges) == 5
    # The showcase fiche of the benchmarks: 10 revisions and 50 comments.
    showcase = db.session.scalar(
        select(Action)
        .join(ActionRevision, ActionRevision.action_id == Action.id)
        .where(Action.plan_id == large.id)
        .group_by(Action.id)
        .having(func.count(ActionRevision.id) == 10)
    )
    comments = select(func.count(Comment.id)).where(Comment.action_id == showcase.id)
    assert db.session.scalar(comments) == 50
    assert showcase.current_revision.number == 10


def test_votes_and_statuses_are_coherent(large) -> None:  # type: ignore[no-untyped-def]
    members = {
        m.user_id: m
        for m in db.session.scalars(select(Membership).where(Membership.plan_id == large.id))
    }
    votes = db.session.scalars(
        select(Vote).join(BallotItem).join(Ballot).where(Ballot.plan_id == large.id)
    ).all()
    for vote in votes:
        membership = members[vote.voter_id]
        assert membership.role != Role.OBSERVER
        assert vote.college_id == membership.college_id
    ballots = db.session.scalars(select(Ballot).where(Ballot.plan_id == large.id)).all()
    for ballot in ballots:
        assert ballot.status == BallotStatus.CLOSED
        assert ballot.opened_at < ballot.closed_at
        for item in ballot.items:
            outcome = outcome_of(ballot.result.data, item.id)
            assert item.action.status == OUTCOME_STATUS[outcome]
            assert item.previous_status == ActionStatus.SUBMITTED
            assert item.revision_id == item.action.current_revision_id
            comments = db.session.scalars(
                select(Comment.created_at).where(Comment.action_id == item.action_id)
            ).all()
            assert all(item.action.created_at <= moment < ballot.opened_at for moment in comments)
    voted = {item.action_id for ballot in ballots for item in ballot.items}
    for action in db.session.scalars(select(Action).where(Action.plan_id == large.id)):
        if action.id not in voted:
            assert action.status in (
                ActionStatus.DRAFT,
                ActionStatus.SUBMITTED,
                ActionStatus.WITHDRAWN,
                ActionStatus.MERGED,
            )
        if action.status == ActionStatus.MERGED:
            assert action.merged_into_id in voted
        if action.status == ActionStatus.DRAFT:
            assert not db.session.scalar(
                select(func.count(Comment.id)).where(Comment.action_id == action.id)
            )


def test_every_version_is_published_and_its_hash_holds(large) -> None:  # type: ignore[no-untyped-def]
    published = db.session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == large.id).order_by(PlanVersion.number)
    ).all()
    assert [v.number for v in published] == [1, 2]
    assert [v.status for v in published] == [VersionStatus.VALIDATED, VersionStatus.ADOPTED]
    for version in published:
        versions.verify(version)  # raises on a mismatch
    first, second = (v.snapshot for v in published)
    assert 0 < len(first["actions"]) < len(second["actions"])
    assert published[0].sha256 != published[1].sha256
    assert published[0].published_at < published[1].published_at


def test_the_same_seed_gives_the_same_versions(app) -> None:  # type: ignore[no-untyped-def]
    def hashes() -> list[str]:
        plan = load_large(SMALL, SEED)
        db.session.commit()
        return list(
            db.session.scalars(
                select(PlanVersion.sha256)
                .where(PlanVersion.plan_id == plan.id)
                .order_by(PlanVersion.number)
            )
        )

    first = hashes()
    empty_database()
    assert hashes() == first


def test_the_pages_answer(large, client) -> None:  # type: ignore[no-untyped-def]
    reference = db.session.scalar(
        select(Action.reference).where(
            Action.plan_id == large.id, Action.status == ActionStatus.ADOPTED
        )
    )
    for url in (
        f"/plans/{SLUG}",
        f"/plans/{SLUG}/actions",
        f"/plans/{SLUG}/actions?q=projet",
        f"/plans/{SLUG}/actions/{reference}",
        f"/plans/{SLUG}/ballots/1",
        f"/plans/{SLUG}/versions/2",
    ):
        assert client.get(url).status_code == 200, url


def test_loading_again_changes_nothing(app) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    load_and_report(SEED, lines.append, SMALL)
    assert large_is_loaded()
    assert any(line.startswith("  étape 2/2 : ") for line in lines)
    assert "      300 votes" in lines
    plan = db.session.scalar(select(Plan).where(Plan.slug == SLUG))
    before = totals(plan)
    lines.clear()
    load_and_report(SEED, lines.append, SMALL)
    assert lines[-1] == "Le grand plan de démonstration est déjà chargé."
    assert totals(plan) == before
    assert db.session.scalar(select(func.count(Plan.id))) == 1


def test_the_demo_command_loads_both_plans_once(empty_database_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(large_module, "LARGE", SMALL)
    app = make_app(empty_database_url)
    runner = app.test_cli_runner()
    with app.app_context():
        result = runner.invoke(args=["demo", "--scale", "large", "--seed", "7", "--no-serve"])
        assert result.exit_code == 0, result.output
        assert "Plan de démonstration chargé." in result.output
        assert "  étape 2/2 : " in result.output
        assert "      200 commentaires" in result.output
        assert f"/plans/{SLUG}" in result.output
        assert "contributrice@grand-territoire.example.org" in result.output
        assert "coordinatrice@example.org" in result.output
        slugs = set(db.session.scalars(select(Plan.slug)))
        assert slugs == {SLUG, "hautes-alpes"}
        # The search index comes from the migration: the generated fiches are in it.
        plan = db.session.scalar(select(Plan).where(Plan.slug == SLUG))
        reference, title = db.session.execute(
            select(Action.reference, ActionRevision.title)
            .join(ActionRevision, Action.current_revision_id == ActionRevision.id)
            .where(Action.plan_id == plan.id, Action.status == ActionStatus.ADOPTED)
        ).first()
        link = f'href="/plans/{SLUG}/actions/{reference}"'
        client = app.test_client()
        found = client.get(f"/plans/{SLUG}/actions", query_string={"q": title})
        assert link in found.get_data(as_text=True)
        none = client.get(f"/plans/{SLUG}/actions", query_string={"q": f"zzzqqq {title}"})
        assert link not in none.get_data(as_text=True)
        before = totals(plan)
        again = runner.invoke(args=["demo", "--scale", "large", "--no-serve"])
        assert again.exit_code == 0, again.output
        assert "Le grand plan de démonstration est déjà chargé." in again.output
        db.session.expire_all()
        assert totals(plan) == before
