"""A plan where every text a person can type holds a payload of the XSS corpus.

Built once per test session (it takes seconds) on a database of its own by the
`poisoned_world` fixture of tests/conftest.py; tests/test_xss.py and
tests/browser/test_xss_browser.py read it and never change it.

What a plan has many of (people, organisations, colleges, zones, objectives and their
indicators, actions with their revisions, amendments and comments, ballots with their
objections, resolutions and paper tallies, workshops with their guests, attendees and
notes, ideas, commitments, invitations) comes once per payload, so that each payload
sits in each of their fields. What a plan has one of (its title, summary, the
introduction of a version) holds the whole corpus, or several payloads side by side
when the field is short; and one small extra plan per payload gives each payload a plan
title, territory, summary and challenge titles of its own.

The published versions hold `DECIDED` actions that carry a share of the corpus each (a
PDF takes a quarter of a second per action): the actions of one payload each go back to
« submitted » when their ballot closes without a quorum, and stay out of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select

from auth.models import User
from plan.actions import services as actions
from plan.actions.models import Action, ActionRevision, ActionStatus, Stance
from plan.commitments.models import CommitmentKind
from plan.commitments.services import add_commitment
from plan.extensions import db
from plan.frame.models import (
    Challenge,
    College,
    Dimension,
    Indicator,
    IndicatorKind,
    Objective,
    Organization,
    OrganizationKind,
    Plan,
    PriorityZone,
    Scale,
    SizeClass,
    Visibility,
    ZoneKind,
)
from plan.frame.services import equal_weights
from plan.members.models import Membership, Role
from plan.members.services import create_invitation
from plan.versions import services as versions
from plan.versions.models import VersionStatus
from plan.voting import services as voting
from plan.voting.models import Ballot, Vote, VotingMethod
from plan.workshops import facilitation
from plan.workshops import services as workshops
from plan.workshops.ideas import capture_idea
from plan.workshops.models import Workshop
from tests.conftest import PASSWORD_HASH, _apps_to_close, make_app, private_database
from tests.xss import ALL_PAYLOADS

SLUG = "piege"
COORDINATOR_EMAIL = "coordination@example.org"
PARTICIPANT_EMAIL = "participante@example.org"
# Several short payloads at once, for the short fields a plan has only one of.
TITLE = '<script>window.__xss=1</script> Plan « piégé » <img src=x onerror="window.__xss=1">'
JOINED = "\n\n".join(ALL_PAYLOADS)
# Actions adopted (or sent to the annex) in the published versions, each with a share of
# the corpus: payloads k, k + DECIDED, k + 2 × DECIDED…
DECIDED = 10
STARTS = datetime(2026, 3, 12, 17, 0)
# The participant amends and comments every so many actions.
PARTICIPANT_STRIDE = 7


def fit(text: str, column: Any) -> str:
    """The text cut to the column's length (PostgreSQL refuses longer, SQLite does not)."""
    length = column.property.columns[0].type.length
    return text[:length] if length else text


def share(index: int) -> list[str]:
    """The payloads of the decided action `index`, from the end of the corpus: the first
    ones start with a formula (the spreadsheets' titles and lead organisations)."""
    return ALL_PAYLOADS[len(ALL_PAYLOADS) - 1 - index :: -DECIDED]


@dataclass
class World:
    """What the tests need to reach every page: numbers, references and ids."""

    slug: str = SLUG
    references: list[str] = field(default_factory=list)  # one action per payload
    decided_references: list[str] = field(default_factory=list)  # in the published versions
    open_references: list[str] = field(default_factory=list)  # in the open or planned ballots
    idea_references: list[str] = field(default_factory=list)  # drafts written in the room
    amendment_ids: list[tuple[str, int]] = field(default_factory=list)
    comment_ids: list[tuple[str, int]] = field(default_factory=list)
    participant_amendment_ids: list[tuple[str, int]] = field(default_factory=list)
    participant_comment_ids: list[tuple[str, int]] = field(default_factory=list)
    ballot_numbers: list[int] = field(default_factory=list)  # closed
    consent_number: int = 0  # open, with objections
    consent_item_id: int = 0
    dots_number: int = 0  # open
    planned_number: int = 0
    challenge_ids: list[int] = field(default_factory=list)
    objective_ids: list[int] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)
    zone_ids: list[int] = field(default_factory=list)
    organization_ids: list[int] = field(default_factory=list)
    membership_ids: list[int] = field(default_factory=list)
    workshop_ids: list[int] = field(default_factory=list)  # ended, one per payload
    live_workshop_id: int = 0
    planned_workshop_ids: list[int] = field(default_factory=list)
    join_code: str = ""
    invitation_token: str = ""
    published: list[int] = field(default_factory=list)
    draft: int = 0
    extra_slugs: list[str] = field(default_factory=list)


@dataclass
class People:
    coordinator: User
    participant: User  # a contributor in the live workshop
    participant_membership: Membership
    members: list[User]  # one per payload, named after it


@contextmanager
def poisoned_app(directory: Path) -> Iterator[tuple[Flask, World]]:
    """An app on a database of its own holding the poisoned world."""
    with private_database(directory / "xss.sqlite3", "xss") as url:
        app = make_app(url)
        # Not closed after each test as conftest's apps are: it serves a whole session.
        _apps_to_close.remove(app)
        with app.app_context():
            db.create_all()
            world = build_world()
            db.session.remove()
        try:
            yield app, world
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def build_world() -> World:
    world = World()
    plan = _frame(world)
    people = _people(plan, world)
    payload_actions = _payload_actions(plan, people, world)
    _payload_ballots(plan, people, payload_actions, world)
    _decided_actions(plan, people, world)
    consent, dots, planned = _open_ballots(plan, people, world)
    _ended_workshops(plan, people, payload_actions, world)
    _live_workshop(plan, people, payload_actions, consent, dots, world)
    _planned_workshops(plan, people, planned, world)
    _commitments_and_invitations(plan, people, payload_actions, world)
    _versions(plan, people, world)
    _extra_plans(world)
    return world


# --------------------------------------------------------------------------- the frame


def _frame(world: World) -> Plan:
    plan = Plan(
        slug=SLUG,
        title=TITLE,
        territory_name=fit(" ".join(ALL_PAYLOADS[8:12]), Plan.territory_name),
        territory_scale=Scale.EPCI,
        first_year=2024,
        last_year=2027,
        summary=JOINED,
        visibility=Visibility.PUBLIC,
        quorum_voters=1,
        quorum_colleges=1,
        veto_min_voters=1,
    )
    weights = equal_weights(len(ALL_PAYLOADS))
    for position, (payload, weight) in enumerate(zip(ALL_PAYLOADS, weights, strict=True), 1):
        plan.colleges.append(
            College(name=fit(payload, College.name), weight=weight, position=position)
        )
    for position in (1, 2, 3):
        payloads = ALL_PAYLOADS[position - 1 :: 3]
        plan.challenges.append(
            Challenge(
                position=position,
                title=fit(" ".join(payloads), Challenge.title),
                description="\n\n".join(payloads),
                dimension=Dimension.SOCIAL,
            )
        )
    for index, payload in enumerate(ALL_PAYLOADS):
        company = index % 2 == 1
        plan.organizations.append(
            Organization(
                name=fit(payload, Organization.name),
                kind=OrganizationKind.COMPANY if company else OrganizationKind.ASSOCIATION,
                size_class=(SizeClass.PME, SizeClass.TPE)[index % 4 // 2] if company else None,
                website=fit(payload, Organization.website),
            )
        )
        plan.zones.append(
            PriorityZone(
                name=fit(payload, PriorityZone.name), kind=ZoneKind.INTERNAL, rationale=payload
            )
        )
        objective = Objective(
            title=fit(payload, Objective.title), description=payload, position=index // 3 + 1
        )
        objective.indicators.append(
            Indicator(
                name=fit(payload, Indicator.name),
                unit=fit(payload, Indicator.unit),
                kind=IndicatorKind.IMPACT,
                source=fit(payload, Indicator.source),
            )
        )
        plan.challenges[index % 3].objectives.append(objective)
    db.session.add(plan)
    db.session.flush()
    plan.lead_organization = plan.organizations[0]
    world.challenge_ids = [c.id for c in plan.challenges]
    world.objective_ids = [o.id for c in plan.challenges for o in c.objectives]
    world.indicator_ids = [
        i.id for c in plan.challenges for o in c.objectives for i in o.indicators
    ]
    world.zone_ids = [z.id for z in plan.zones]
    world.organization_ids = [o.id for o in plan.organizations]
    db.session.commit()
    return plan


def _user(email: str, name: str) -> User:
    user = User(
        email=fit(email, User.email),
        display_name=fit(name, User.display_name),
        password_hash=PASSWORD_HASH,
    )
    db.session.add(user)
    return user


def _organization(plan: Plan, index: int) -> Organization:
    name = fit(ALL_PAYLOADS[index], Organization.name)
    return next(o for o in plan.organizations if o.name == name)


def _zone(plan: Plan, index: int) -> PriorityZone:
    name = fit(ALL_PAYLOADS[index], PriorityZone.name)
    return next(z for z in plan.zones if z.name == name)


def _people(plan: Plan, world: World) -> People:
    colleges = plan.colleges
    coordinator = _user(COORDINATOR_EMAIL, "<script>window.__xss=1</script> Coordination")
    participant = _user(PARTICIPANT_EMAIL, '"><img src=x onerror="window.__xss=1"> Participante')
    members = [
        _user(f"{index}-{payload}@example.org", payload)
        for index, payload in enumerate(ALL_PAYLOADS)
    ]
    db.session.flush()
    db.session.add(
        Membership(
            user_id=coordinator.id,
            plan_id=plan.id,
            role=Role.COORDINATOR,
            college_id=colleges[0].id,
        )
    )
    participant_membership = Membership(
        user_id=participant.id, plan_id=plan.id, role=Role.CONTRIBUTOR, college_id=colleges[1].id
    )
    db.session.add(participant_membership)
    for index, member in enumerate(members):
        db.session.add(
            Membership(
                user_id=member.id,
                plan_id=plan.id,
                role=Role.CONTRIBUTOR,
                college_id=colleges[index].id,
                organization_id=_organization(plan, index).id,
            )
        )
    db.session.commit()
    world.membership_ids = list(
        db.session.scalars(select(Membership.id).where(Membership.plan_id == plan.id))
    )
    return People(coordinator, participant, participant_membership, members)


# --------------------------------------------------------------------------- actions


def _content(plan: Plan, index: int, texts: list[str]) -> dict[str, Any]:
    """A full fiche: long fields get every text of `texts`, short ones as many as fit."""
    long_text = "\n\n".join(texts)
    short_text = " ".join(texts)
    organization = _organization(plan, index)
    objective = plan.challenges[index % 3].objectives[index // 3 % 10]
    return {
        "title": fit(short_text, ActionRevision.title),
        "objective_ids": [objective.id],
        "context": long_text,
        "objectives_text": long_text,
        "description": long_text,
        "expected_results": long_text,
        "lead_organization_id": organization.id,
        "lead_contact": short_text[:200],
        "partners": [{"organization_id": organization.id, "role": "technical"}],
        "target_audiences": long_text,
        "zone_ids": [_zone(plan, index).id],
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "budget_lines": [{"year": plan.first_year, "kind": "operating", "amount_cents": 150_000}],
        "funding_lines": [
            {
                "funder": short_text[:200],
                "nature": "csr",
                "amount_cents": 100_000,
                "status": "secured",
            }
        ],
        "indicators": [
            {
                "name": short_text[:200],
                "unit": short_text[:60],
                "kind": "output",
                "baseline": "",
                "target": "",
            }
        ],
        "priority": "high",
    }


def _lived_action(plan: Plan, people: People, index: int, texts: list[str], world: World) -> Action:
    """An action with all that happens to one: a second revision, an amendment rejected
    with a reason, one pending, comments answered, edited and hidden."""
    payload = "\n\n".join(texts)
    author = people.members[index]
    other = people.members[index - 1]
    coordinator = people.coordinator
    content = _content(plan, index, texts)
    action = actions.create_action(plan, plan.challenges[index % 3], author, content, submit=True)
    revised = {**content, "description": f"{payload}\n\n(v2)"}
    actions.revise_action(action, revised, author, payload[:500])
    rejected = actions.propose_amendment(
        action, coordinator, {**revised, "context": f"{payload} !"}, payload
    )
    actions.decide_amendment(rejected, coordinator, accept=False, reason=payload)
    pending = actions.propose_amendment(
        action, other, {**revised, "expected_results": f"{payload} ?"}, payload
    )
    comment = actions.add_comment(action, author, Stance.AGAINST, payload)
    actions.edit_comment(comment, f"{payload} (modifié)", plan.id)
    actions.add_comment(action, coordinator, Stance.QUESTION, payload, comment)
    actions.add_comment(action, other, Stance.NEUTRAL, payload, amendment=pending)
    hidden = actions.add_comment(action, author, Stance.FOR, payload)
    actions.hide_comment(hidden, coordinator, payload[:300], plan.id)
    db.session.flush()
    world.amendment_ids += [(action.reference, rejected.id), (action.reference, pending.id)]
    world.comment_ids += [(action.reference, comment.id), (action.reference, hidden.id)]
    return action


def _payload_actions(plan: Plan, people: People, world: World) -> list[Action]:
    made = []
    for index, payload in enumerate(ALL_PAYLOADS):
        action = _lived_action(plan, people, index, [payload], world)
        made.append(action)
        if index % PARTICIPANT_STRIDE == 0:
            # The participant's own amendment and comment: their edit pages are theirs.
            content = {**action.current_revision.content, "target_audiences": f"{payload} +"}
            amendment = actions.propose_amendment(action, people.participant, content, payload)
            comment = actions.add_comment(action, people.participant, Stance.FOR, payload)
            db.session.flush()
            world.participant_amendment_ids.append((action.reference, amendment.id))
            world.participant_comment_ids.append((action.reference, comment.id))
    db.session.commit()
    world.references = [action.reference for action in made]
    return made


def _consent_ballot(
    plan: Plan, people: People, action: Action, index: int, texts: list[str]
) -> Ballot:
    """A closed consent ballot: an objection resolved with a note, a paper tally with a
    note; every fifth keeps an unresolved objection too."""
    payload = "\n\n".join(texts)
    coordinator = people.coordinator
    college = plan.colleges[index]
    ballot = voting.create_ballot(
        plan,
        coordinator,
        title=fit(" ".join(texts), Ballot.title),
        description=payload,
        method=VotingMethod.CONSENT,
        actions=[action],
        public_votes=index % 2 == 0,
    )
    voting.open_ballot(ballot, coordinator.id)
    item = ballot.items[0]
    voting.cast_vote(item, people.members[index], college.id, "object", payload)
    db.session.flush()
    objection = db.session.scalar(
        select(Vote).where(Vote.item_id == item.id, Vote.voter_id == people.members[index].id)
    )
    voting.resolve_objection(objection, coordinator, payload)
    voting.save_paper_tally(item, college, {"consent": 2}, coordinator, payload[:500])
    if index % 5 == 4:
        voting.cast_vote(item, coordinator, plan.colleges[0].id, "object", payload)
    voting.close_ballot(ballot, coordinator.id)
    return ballot


def _payload_ballots(plan: Plan, people: People, made: list[Action], world: World) -> None:
    # Without a quorum the actions go back to « submitted »: out of the versions.
    plan.quorum_colleges = len(plan.colleges) + 1
    for index, action in enumerate(made):
        ballot = _consent_ballot(plan, people, action, index, [ALL_PAYLOADS[index]])
        world.ballot_numbers.append(ballot.number)
    plan.quorum_colleges = 1
    db.session.commit()


def _decided_actions(plan: Plan, people: People, world: World) -> None:
    """Actions holding a share of the corpus each, adopted (the last two: to rework)."""
    for decided in range(DECIDED):
        texts = share(decided)
        index = ALL_PAYLOADS.index(texts[0])  # its lead organisation, zone, author, college
        action = _lived_action(plan, people, index, texts, world)
        ballot = _consent_ballot(plan, people, action, index, texts)
        world.ballot_numbers.append(ballot.number)
        world.decided_references.append(action.reference)
    db.session.commit()
    statuses = db.session.scalars(
        select(Action.status).where(Action.reference.in_(world.decided_references))
    ).all()
    assert sorted(statuses) == sorted([ActionStatus.ADOPTED] * 8 + [ActionStatus.TO_REWORK] * 2)


def _open_ballots(plan: Plan, people: People, world: World) -> tuple[Ballot, Ballot, Ballot]:
    """An open consent ballot with an objection of each payload (every other one resolved),
    an open dot-voting ballot, a majority judgment closed with merit profiles by college,
    and a planned approval ballot."""
    coordinator, members, colleges = people.coordinator, people.members, plan.colleges

    def new_actions(count: int, offset: int) -> list[Action]:
        made = [
            actions.create_action(
                plan,
                plan.challenges[number % 3],
                members[offset + number],
                _content(plan, offset + number, [ALL_PAYLOADS[offset + number]]),
                submit=True,
            )
            for number in range(count)
        ]
        db.session.flush()
        world.open_references += [a.reference for a in made]
        return made

    def ballot(method: VotingMethod, count: int, offset: int, **options: Any) -> Ballot:
        made = voting.create_ballot(
            plan,
            coordinator,
            title=fit(ALL_PAYLOADS[offset], Ballot.title),
            description=JOINED,
            method=method,
            actions=new_actions(count, offset),
            **options,
        )
        if method != VotingMethod.APPROVAL:
            voting.open_ballot(made, coordinator.id)
        return made

    consent = ballot(VotingMethod.CONSENT, 3, 0, public_votes=True, live_results=True)
    item = consent.items[0]
    for index, payload in enumerate(ALL_PAYLOADS):
        voting.cast_vote(item, members[index], colleges[index].id, "object", payload)
    db.session.flush()
    for vote in db.session.scalars(select(Vote).where(Vote.item_id == item.id)).all()[::2]:
        voting.resolve_objection(vote, coordinator, vote.reason)
    voting.save_paper_tally(
        consent.items[1], colleges[2], {"consent": 3}, coordinator, ALL_PAYLOADS[2]
    )
    dots = ballot(VotingMethod.DOT_VOTING, 3, 3, live_results=True)
    voting.cast_dots(dots, members[0], colleges[0].id, {dots.items[0].id: 2})
    judgment = ballot(VotingMethod.MAJORITY_JUDGMENT, 2, 6, public_votes=True)
    for index, member in enumerate(members):
        for entry in judgment.items:
            grade = ("tres_bien", "bien", "passable")[index % 3]
            voting.cast_vote(entry, member, colleges[index].id, grade)
    voting.close_ballot(judgment, coordinator.id)
    planned = ballot(VotingMethod.APPROVAL, 1, 8)
    world.consent_number, world.consent_item_id = consent.number, item.id
    world.dots_number, world.planned_number = dots.number, planned.number
    world.ballot_numbers.append(judgment.number)
    db.session.commit()
    return consent, dots, planned


# --------------------------------------------------------------------------- workshops


def _workshop(plan: Plan, people: People, texts: list[str], **agenda: Any) -> Workshop:
    payload = "\n\n".join(texts)
    return workshops.create_workshop(
        plan,
        people.coordinator,
        {
            "title": fit(" ".join(texts), Workshop.title),
            "starts_at": STARTS,
            "place": fit(" ".join(texts), Workshop.place),
            "format": "world_cafe",
            "description": payload,
            "notes": "",
        },
        facilitators=[people.coordinator],
        ballots=agenda.get("ballots", []),
        actions=agenda.get("actions", []),
    )


def _ended_workshops(plan: Plan, people: People, made: list[Action], world: World) -> None:
    """One ended workshop per payload: a guest who typed a new organisation, a person
    without device, notes; on its agenda, the payload's ballot and action."""
    for index, payload in enumerate(ALL_PAYLOADS):
        ballot = db.session.scalar(
            select(Ballot).where(
                Ballot.plan_id == plan.id, Ballot.number == world.ballot_numbers[index]
            )
        )
        workshop = _workshop(plan, people, [payload], ballots=[ballot], actions=[made[index]])
        workshops.start_workshop(workshop, people.coordinator.id)
        workshops.join_with_details(
            workshop,
            None,
            display_name=payload[:100],
            college=plan.colleges[index],
            organization=None,
            organization_name=payload[:200],
        )
        facilitation.add_attendee(
            workshop,
            payload[:100],
            plan.colleges[index],
            plan.organizations[index],
            people.coordinator,
        )
        facilitation.save_notes(workshop, payload)
        workshops.end_workshop(workshop, people.coordinator.id)
        world.workshop_ids.append(workshop.id)
    db.session.commit()


def _live_workshop(
    plan: Plan,
    people: People,
    made: list[Action],
    consent: Ballot,
    dots: Ballot,
    world: World,
) -> None:
    """Live, with the open ballots on its agenda, a guest, a person without device and an
    idea per payload, the facilitation's notes, a countdown, a ballot on the projector."""
    live = _workshop(plan, people, [TITLE], ballots=[consent, dots], actions=made[:3])
    live.description = JOINED
    workshops.start_workshop(live, people.coordinator.id)
    workshops.join_as_member(live, people.participant_membership)
    for index, payload in enumerate(ALL_PAYLOADS):
        workshops.join_with_details(
            live,
            None,
            display_name=payload[:100],
            college=plan.colleges[index],
            organization=None,
            organization_name=payload[:200],
        )
        facilitation.add_attendee(
            live, payload[:100], plan.colleges[index], None, people.coordinator
        )
        author = people.participant if index % 2 else people.members[index]
        idea = capture_idea(live, author, plan.challenges[index % 3], payload[:250])
        world.idea_references.append(idea.action.reference)
    facilitation.save_notes(live, JOINED)
    facilitation.start_timer(live, 10)
    facilitation.project(live, live.agenda[0])
    world.live_workshop_id, world.join_code = live.id, live.join_code
    db.session.commit()


def _planned_workshops(plan: Plan, people: People, planned: Ballot, world: World) -> None:
    """Planned workshops holding a share of the corpus each, notes included: their edit
    forms show every payload."""
    for index in range(DECIDED):
        workshop = _workshop(plan, people, share(index), ballots=[planned])
        workshop.notes = "\n\n".join(share(index))
        db.session.flush()
        world.planned_workshop_ids.append(workshop.id)
    db.session.commit()


# --------------------------------------------------------------------------- the rest


def _commitments_and_invitations(
    plan: Plan, people: People, made: list[Action], world: World
) -> None:
    for index, payload in enumerate(ALL_PAYLOADS):
        add_commitment(
            plan,
            plan.organizations[index],
            made[index],
            CommitmentKind.CSR,
            payload,
            100_000 + index,
            people.coordinator,
        )
        create_invitation(
            plan,
            {
                "role": Role.CONTRIBUTOR,
                "college_id": plan.colleges[index].id,
                "email": payload[:254],
                "note": payload[:200],
            },
            days=14,
        )
    _invitation, world.invitation_token = create_invitation(
        plan,
        {"role": Role.CONTRIBUTOR, "college_id": plan.colleges[0].id, "note": ALL_PAYLOADS[9]},
        days=14,
    )
    db.session.commit()


def _versions(plan: Plan, people: People, world: World) -> None:
    """Version 1 published; every organisation renamed, so that version 2 differs in every
    fiche (the comparison shows each name twice); version 3 a draft."""
    coordinator = people.coordinator
    first = versions.consolidate(plan, coordinator, introduction=JOINED, changelog=JOINED)
    versions.publish(first, coordinator, VersionStatus.WORKING)
    db.session.commit()
    for organization in plan.organizations:
        organization.name = fit(f"{organization.name} (v2)", Organization.name)
    introduction = "\n\n".join(reversed(ALL_PAYLOADS))
    # No changelog: the one suggested from the comparison with version 1.
    second = versions.consolidate(plan, coordinator, introduction=introduction)
    versions.publish(second, coordinator, VersionStatus.CONSULTATION)
    db.session.commit()
    draft = versions.consolidate(plan, coordinator, introduction=JOINED, changelog=JOINED)
    world.published = [first.number, second.number]
    world.draft = draft.number
    db.session.commit()


def _extra_plans(world: World) -> None:
    for index, payload in enumerate(ALL_PAYLOADS):
        extra = Plan(
            slug=f"{SLUG}-{index}",
            title=fit(payload, Plan.title),
            territory_name=fit(payload, Plan.territory_name),
            territory_scale=Scale.COMMUNE,
            first_year=2024,
            last_year=2027,
            summary=payload,
            visibility=Visibility.PUBLIC,
        )
        extra.colleges.append(College(name=fit(payload, College.name), weight=100, position=1))
        for position in (1, 2, 3):
            extra.challenges.append(
                Challenge(
                    position=position,
                    title=fit(payload, Challenge.title),
                    description=payload,
                    dimension=Dimension.ECONOMIC,
                )
            )
        db.session.add(extra)
        world.extra_slugs.append(extra.slug)
    db.session.commit()
