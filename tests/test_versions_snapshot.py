"""The snapshot builder: an adopted action is written in the revision its ballot adopted,
and the database is read with as many queries for a small plan as for a larger one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from flask import Flask
from sqlalchemy import select

from auth.models import User
from plan.actions.content import empty_content
from plan.actions.models import Action, ActionStatus, Stance
from plan.actions.services import add_comment, revise_action
from plan.commitments.models import CommitmentKind
from plan.commitments.services import add_commitment
from plan.extensions import db
from plan.frame.models import College, Organization, OrganizationKind, Plan, SizeClass
from plan.frame.services import equal_weights
from plan.members.models import Role
from plan.versions import services
from plan.versions.snapshot import build_snapshot
from plan.voting import services as voting
from plan.voting.models import Ballot, VotingMethod
from tests.conftest import make_action, make_member, make_plan, make_user
from tests.test_workshops_room import statements_of

Voter = tuple[User, College]


def members_of(plan: Plan, count: int) -> tuple[User, list[Voter]]:
    """A coordinator, and `count` contributors, one in each of the plan's colleges in turn."""
    coordinator = make_user(f"coordination@{plan.slug}.example.org")
    make_member(coordinator, plan, Role.COORDINATOR)
    colleges = list(plan.colleges)
    voters = []
    for index in range(count):
        college = colleges[index % len(colleges)]
        voter = make_user(f"votant{index}@{plan.slug}.example.org")
        make_member(voter, plan, Role.CONTRIBUTOR, college)
        voters.append((voter, college))
    return coordinator, voters


def decide(plan: Plan, actions: Sequence[Action], voters: Sequence[Voter], grade: str) -> Ballot:
    """A majority-judgment ballot on the actions, opened, voted `grade` by all, closed."""
    ballot = voting.create_ballot(
        plan,
        voters[0][0],
        title=f"Scrutin sur {', '.join(a.reference for a in actions)}",
        method=VotingMethod.MAJORITY_JUDGMENT,
        actions=actions,
    )
    voting.open_ballot(ballot)
    for item in ballot.items:
        for voter, college in voters:
            voting.cast_vote(item, voter, college.id, grade)
    voting.close_ballot(ballot)
    db.session.commit()
    return ballot


def revise(action: Action, author: User, note: str, **fields: Any) -> None:
    action = db.session.get(Action, action.id)
    content = {**empty_content(), **action.current_revision.content, **fields}
    revise_action(action, content, author, note)
    db.session.commit()


def budget(amount_cents: int) -> list[dict[str, Any]]:
    return [{"year": 2025, "kind": "operating", "amount_cents": amount_cents}]


# --------------------------------------------------------------------------- adopted revision


def test_an_action_revised_after_its_adoption_keeps_its_adopted_revision(app: Flask) -> None:
    plan = make_plan("vallee", challenges=3)
    coordinator, voters = members_of(plan, 5)
    action = make_action(
        plan, coordinator, "Navette solidaire", description="Un aller-retour par jour."
    )
    # Revised before the vote: the ballot pins revision 2, neither the first nor the last.
    revise(
        action,
        coordinator,
        "Avant le vote",
        title="Navette solidaire renforcée",
        description="Deux allers-retours par jour.",
        budget_lines=budget(1_200_000),
    )
    ballot = decide(plan, [action], voters, "bien")
    db.session.expire_all()
    action = db.session.get(Action, action.id)
    assert action.status == ActionStatus.ADOPTED
    assert ballot.items[0].revision.number == 2

    revise(
        action,
        coordinator,
        "Après le vote",
        title="Navette solidaire, troisième version",
        description="Trois allers-retours par jour, et le dimanche.",
        budget_lines=budget(9_900_000),
    )
    action = db.session.get(Action, action.id)
    assert action.status == ActionStatus.ADOPTED
    assert action.current_revision.number == 3

    version = services.consolidate(plan, coordinator)
    db.session.commit()
    snapshot = version.snapshot
    (adopted,) = snapshot["actions"]
    assert adopted["reference"] == action.reference
    assert adopted["revision"] == 2
    assert adopted["title"] == "Navette solidaire renforcée"
    assert adopted["fiche"]["description"] == "Deux allers-retours par jour."
    assert adopted["fiche"]["budget_total_cents"] == 1_200_000
    assert adopted["result"]["ballot"] == ballot.number
    assert adopted["result"]["outcome"] == "adopted"
    assert snapshot["annex"] == []
    # The figures computed from the adopted actions follow the same revision.
    assert snapshot["funding"]["budget_total_cents"] == 1_200_000
    written = json.dumps(snapshot, ensure_ascii=False)
    assert "troisième version" not in written
    assert "le dimanche" not in written
    assert 9_900_000 not in [line["amount_cents"] for line in adopted["fiche"]["budget_lines"]]


# --------------------------------------------------------------------------- queries


def plan_of_size(slug: str, size: int) -> Plan:
    """A plan that grows with `size`: 5 × size colleges and voters, and per unit of size
    three adopted actions (one revised since), one to rework, eight comments, two ballots,
    a company and two commitments."""
    plan = make_plan(slug, challenges=3)
    for position in range(len(plan.colleges) + 1, 5 * size + 1):
        plan.colleges.append(College(name=f"Collège {position}", position=position))
    for college, weight in zip(plan.colleges, equal_weights(len(plan.colleges)), strict=True):
        college.weight = weight
    db.session.commit()
    coordinator, voters = members_of(plan, 5 * size)
    sizes = list(SizeClass)
    for unit in range(size):
        company = Organization(
            name=f"Entreprise {unit}", kind=OrganizationKind.COMPANY, size_class=sizes[unit % 4]
        )
        plan.organizations.append(company)
        db.session.commit()
        adopted = [
            make_action(plan, coordinator, f"Action {unit}-{position}", challenge=position)
            for position in (1, 2, 3)
        ]
        rework = make_action(plan, coordinator, f"À reprendre {unit}", challenge=unit % 3 + 1)
        for action in [*adopted, rework]:
            add_comment(action, voters[0][0], Stance.FOR, "Utile.")
            add_comment(action, voters[1][0], Stance.QUESTION, "Avec quel budget ?")
        db.session.commit()
        decide(plan, adopted, voters, "bien")
        decide(plan, [rework], voters, "passable")
        revise(adopted[0], coordinator, "Après le vote", title=f"Action {unit}-1 revue")
        add_commitment(
            plan,
            company,
            adopted[1],
            CommitmentKind.SKILLS_SPONSORSHIP,
            "Deux jours de chantier par an.",
            150_000,
            coordinator,
        )
        add_commitment(plan, company, None, CommitmentKind.CSR, "Achats locaux.", None, coordinator)
        db.session.commit()
    return plan


def snapshot_and_queries(app: Flask, plan_id: int) -> tuple[dict[str, Any], list[str]]:
    """The plan's snapshot, built from an empty session (nothing already loaded), and the
    SQL statements that built it."""
    db.session.commit()
    db.session.expunge_all()
    plan = db.session.scalar(select(Plan).where(Plan.id == plan_id))
    return statements_of(app, lambda: build_snapshot(plan))


def test_the_snapshot_reads_as_many_queries_whatever_the_size_of_the_plan(app: Flask) -> None:
    small = plan_of_size("petit", 1).id
    large = plan_of_size("grand", 4).id

    small_snapshot, on_small = snapshot_and_queries(app, small)
    large_snapshot, on_large = snapshot_and_queries(app, large)

    # The larger plan is larger in everything the builder reads.
    for snapshot, size in ((small_snapshot, 1), (large_snapshot, 4)):
        assert len(snapshot["actions"]) == 3 * size
        assert len(snapshot["annex"]) == size
        assert sum(a["result"] is not None for a in snapshot["actions"]) == 3 * size
        assert len(snapshot["colleges"]) == 5 * size
        assert snapshot["participation"]["comments"] == 8 * size
        assert snapshot["participation"]["ballots"] == 2 * size
        assert len(snapshot["companies"]["commitments"]) == 2 * size
        revised = [a for a in snapshot["actions"] if a["reference"].startswith("1.")]
        assert all(a["revision"] == 1 for a in revised)  # the adopted revision, not the later
    assert len(on_small) > 5, on_small  # the listener saw the builder's queries
    assert len(on_large) == len(on_small), "\n\n".join(on_large)
