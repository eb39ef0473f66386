"""Workshops' lives: plan, start, join, vote in the room, end.

Services flush; the view commits once. Each change writes an audit event and, when a live
page would show it, raises the workshop's `state` counter.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from auth.models import User
from auth.services import create_guest
from plan.actions.models import Action, ActionStatus
from plan.extensions import db
from plan.frame.models import College, Organization, Plan
from plan.journal.services import record_event
from plan.members.models import Membership, Role
from plan.voting import services as voting
from plan.voting.models import Ballot, BallotItem, BallotStatus, Vote, VoteChannel
from plan.voting.services import utcnow
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopFormat,
    WorkshopParticipant,
    WorkshopStatus,
)

# No 0/O, 1/I/L: a code read from a screen at the back of a room must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CODE_TRIES = 20


class WorkshopError(Exception):
    """A change refused by the workshop's state. `status` is the HTTP status it deserves."""

    def __init__(self, code: str, status: int = 409, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.details = details


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as a code: capitals, without spaces or dashes."""
    return "".join(char for char in typed.upper() if char not in " -\t")


def bump(workshop: Workshop) -> None:
    """Something a live page shows has changed."""
    db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(state=Workshop.state + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(workshop, ["state"])


# --------------------------------------------------------------------------- planning


def agenda_ballots(plan: Plan) -> list[Ballot]:
    """Ballots a workshop can put on its agenda: those not closed yet."""
    return list(
        db.session.scalars(
            select(Ballot)
            .where(Ballot.plan_id == plan.id, Ballot.status != BallotStatus.CLOSED)
            .order_by(Ballot.number)
        )
    )


def agenda_actions(plan: Plan) -> list[Action]:
    """Actions a workshop can discuss: every action that is public and still alive."""
    hidden = {ActionStatus.DRAFT, ActionStatus.WITHDRAWN, ActionStatus.MERGED}
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.plan_id == plan.id, Action.status.not_in(hidden))
            .order_by(Action.challenge_id, Action.rank)
        )
    )


def next_workshop(plan: Plan) -> Workshop | None:
    """The workshop the plan's home announces: the one live now, else the next planned."""
    return db.session.scalar(
        select(Workshop)
        .where(
            Workshop.plan_id == plan.id,
            Workshop.status.in_([WorkshopStatus.LIVE, WorkshopStatus.PLANNED]),
        )
        .order_by((Workshop.status == WorkshopStatus.LIVE).desc(), Workshop.starts_at)
        .limit(1)
    )


def possible_facilitators(plan: Plan) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.plan_id == plan.id,
                Membership.role.in_([Role.FACILITATOR, Role.COORDINATOR]),
            )
            .order_by(User.display_name)
        )
    )


def planned_workshops(plan: Plan) -> list[Workshop]:
    """The workshops whose agenda can still change, by date."""
    return list(
        db.session.scalars(
            select(Workshop)
            .where(Workshop.plan_id == plan.id, Workshop.status == WorkshopStatus.PLANNED)
            .order_by(Workshop.starts_at, Workshop.id)
        )
    )


def put_on_agenda(workshop: Workshop, ballot: Ballot) -> None:
    """The ballot at the end of a planned workshop's agenda."""
    if not workshop.is_planned or workshop.plan_id != ballot.plan_id:
        raise WorkshopError("state", status_now=workshop.status)
    position = max((entry.position for entry in workshop.agenda), default=0) + 1
    workshop.agenda.append(WorkshopAgendaItem(position=position, ballot=ballot))
    db.session.flush()
    record_event(
        "workshop.update",
        workshop,
        plan_id=workshop.plan_id,
        data={"ballot": ballot.number},
    )


def _set_agenda(workshop: Workshop, ballots: Iterable[Ballot], actions: Iterable[Action]) -> None:
    workshop.agenda.clear()
    db.session.flush()  # the old positions go before the new ones take them
    entries = [{"ballot": b} for b in ballots] + [{"action": a} for a in actions]
    for position, entry in enumerate(entries, start=1):
        workshop.agenda.append(WorkshopAgendaItem(position=position, **entry))


def create_workshop(
    plan: Plan,
    creator: User,
    values: dict[str, Any],
    *,
    facilitators: list[User],
    ballots: list[Ballot],
    actions: list[Action],
) -> Workshop:
    workshop = Workshop(
        plan=plan,
        created_by=creator,
        status=WorkshopStatus.PLANNED,
        format=WorkshopFormat(values.pop("format")),
        **values,
    )
    workshop.facilitators = facilitators
    db.session.add(workshop)
    _set_agenda(workshop, ballots, actions)
    db.session.flush()
    record_event("workshop.create", workshop, plan_id=plan.id, data={"title": workshop.title})
    return workshop


def update_workshop(
    workshop: Workshop,
    values: dict[str, Any],
    *,
    facilitators: list[User],
    ballots: list[Ballot],
    actions: list[Action],
) -> None:
    """Only a planned workshop changes: once it has run, its record stays as it was."""
    if not workshop.is_planned:
        raise WorkshopError("state", status_now=workshop.status)
    values["format"] = WorkshopFormat(values["format"])
    for name, value in values.items():
        setattr(workshop, name, value)
    workshop.facilitators = facilitators
    _set_agenda(workshop, ballots, actions)
    db.session.flush()
    record_event("workshop.update", workshop, plan_id=workshop.plan_id)


# --------------------------------------------------------------------------- start, end


def _move(workshop: Workshop, source: WorkshopStatus, **values: Any) -> None:
    """Change the workshop only if it is still in `source` (two facilitators may press
    the same button at once)."""
    moved = db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop.id, Workshop.status == source)
        .values(state=Workshop.state + 1, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(workshop)
    if moved != 1:
        raise WorkshopError("state", status_now=workshop.status)


def start_workshop(workshop: Workshop, actor_id: int | None = None) -> None:
    """Go live with a join code that no other live workshop uses."""
    if not workshop.is_planned:
        raise WorkshopError("state", status_now=workshop.status)
    for _attempt in range(MAX_CODE_TRIES):
        code = new_join_code()
        try:
            with db.session.begin_nested():
                _move(
                    workshop,
                    WorkshopStatus.PLANNED,
                    status=WorkshopStatus.LIVE,
                    join_code=code,
                    started_at=utcnow(),
                )
        except IntegrityError:
            continue  # a live workshop holds this code: draw another one
        break
    else:
        raise WorkshopError("no_code", status=503)
    record_event("workshop.start", workshop, plan_id=workshop.plan_id, actor_id=actor_id, data={})


def end_workshop(workshop: Workshop, actor_id: int | None = None) -> None:
    """Close the join code; the workshop's record stays."""
    _move(workshop, WorkshopStatus.LIVE, status=WorkshopStatus.CLOSED, ended_at=utcnow())
    record_event("workshop.end", workshop, plan_id=workshop.plan_id, actor_id=actor_id)


# --------------------------------------------------------------------------- joining


def find_by_code(code: str) -> Workshop | None:
    """The live workshop with this code, or else the last closed one that had it."""
    rows = db.session.scalars(
        select(Workshop)
        .where(
            Workshop.join_code == code,
            Workshop.status.in_([WorkshopStatus.LIVE, WorkshopStatus.CLOSED]),
        )
        .order_by(Workshop.started_at.desc())
    ).all()
    live = [w for w in rows if w.is_live]
    return live[0] if live else (rows[0] if rows else None)


def participant_of(workshop: Workshop, user: Any) -> WorkshopParticipant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(WorkshopParticipant).where(
            WorkshopParticipant.workshop_id == workshop.id,
            WorkshopParticipant.user_id == user.id,
        )
    )


def _require_live(workshop: Workshop) -> None:
    if not workshop.is_live:
        raise WorkshopError("not_live", status=410, status_now=workshop.status)


def _add_participant(
    workshop: Workshop,
    user: User,
    college_id: int | None,
    organization_id: int | None,
    organization_name: str,
) -> WorkshopParticipant:
    """The participant, made once: a second join (another tab, a double tap) finds the
    first one, even when both arrive together."""
    existing = participant_of(workshop, user)
    if existing is not None:
        return existing
    participant = WorkshopParticipant(
        workshop_id=workshop.id,
        user_id=user.id,
        college_id=college_id,
        organization_id=organization_id,
        organization_name_to_check=organization_name,
        is_guest=user.is_guest,
    )
    try:
        with db.session.begin_nested():
            db.session.add(participant)
    except IntegrityError:
        # Another request of the same person made it in between: that one is the participant.
        return db.session.scalars(
            select(WorkshopParticipant).where(
                WorkshopParticipant.workshop_id == workshop.id,
                WorkshopParticipant.user_id == user.id,
            )
        ).one()
    record_event(
        "workshop.join",
        participant,
        plan_id=workshop.plan_id,
        actor_id=user.id,
        data={"workshop": workshop.id, "guest": user.is_guest},
    )
    return participant


def join_as_member(workshop: Workshop, membership: Membership) -> WorkshopParticipant:
    """A member of the plan joins with one tap, speaking for their membership's college."""
    _require_live(workshop)
    return _add_participant(
        workshop,
        membership.user,
        membership.college_id,
        membership.organization_id,
        "",
    )


def join_with_details(
    workshop: Workshop,
    user: User | None,
    *,
    display_name: str,
    college: College,
    organization: Organization | None,
    organization_name: str,
) -> tuple[WorkshopParticipant, User]:
    """Someone who is not a member yet: a guest account when nobody is logged in, then a
    contributor membership of this plan only."""
    _require_live(workshop)
    if user is None:
        user = create_guest(display_name)
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.plan_id == workshop.plan_id
        )
    )
    if membership is None:
        membership = Membership(
            user_id=user.id,
            plan_id=workshop.plan_id,
            role=Role.CONTRIBUTOR,
            college_id=college.id,
            organization_id=organization.id if organization else None,
        )
        db.session.add(membership)
        db.session.flush()
        record_event(
            "membership.create",
            membership,
            plan_id=workshop.plan_id,
            actor_id=user.id,
            data={"user": user.email, "role": Role.CONTRIBUTOR, "workshop": workshop.id},
        )
    participant = _add_participant(
        workshop,
        user,
        college.id,
        organization.id if organization else None,
        organization_name if organization is None else "",
    )
    return participant, user


# --------------------------------------------------------------------------- in the room


def agenda_ballot_ids(workshop: Workshop) -> set[int]:
    return {entry.ballot_id for entry in workshop.agenda if entry.ballot_id is not None}


def open_agenda_ballots(workshop: Workshop) -> list[Ballot]:
    """The agenda's ballots that take votes now, in the agenda's order, with their items
    and actions (one query for the ballots, whatever their number)."""
    return list(
        db.session.scalars(
            select(Ballot)
            .join(WorkshopAgendaItem, WorkshopAgendaItem.ballot_id == Ballot.id)
            .where(
                WorkshopAgendaItem.workshop_id == workshop.id,
                Ballot.status == BallotStatus.OPEN,
            )
            .order_by(WorkshopAgendaItem.position)
            .options(
                selectinload(Ballot.items).joinedload(BallotItem.action),
                selectinload(Ballot.items).joinedload(BallotItem.revision),
            )
        )
    )


def cast_workshop_vote(
    workshop: Workshop,
    participant: WorkshopParticipant,
    item: BallotItem,
    voter: User,
    choice: str,
    reason: str = "",
) -> None:
    """The same vote as online (same row, same upsert), marked as cast in the room. It
    raises no counter: the projector counts the votes in its poll (counter_of)."""
    _require_live(workshop)
    if item.ballot_id not in agenda_ballot_ids(workshop):
        raise WorkshopError("not_on_agenda", status=404)
    voting.cast_vote(item, voter, participant.college_id, choice, reason, VoteChannel.WORKSHOP)


def my_votes(ballots: list[Ballot], voter: User) -> dict[int, Vote]:
    """The voter's own votes on the items of these ballots, by item id (one query)."""
    item_ids = [item.id for ballot in ballots for item in ballot.items]
    if not item_ids:
        return {}
    return {
        vote.item_id: vote
        for vote in db.session.scalars(
            select(Vote).where(Vote.item_id.in_(item_ids), Vote.voter_id == voter.id)
        )
    }


def cast_workshop_dots(
    workshop: Workshop,
    participant: WorkshopParticipant,
    ballot: Ballot,
    voter: User,
    allocation: dict[int, object],
) -> None:
    """The same dots as online (same rows), marked as spread in the room."""
    _require_live(workshop)
    if ballot.id not in agenda_ballot_ids(workshop):
        raise WorkshopError("not_on_agenda", status=404)
    voting.cast_dots(ballot, voter, participant.college_id, allocation, VoteChannel.WORKSHOP)


# --------------------------------------------------------------------------- what screens show


# The screens that poll: the room's big screen, and each participant's phone.
VIEWS = ("projector", "participant")


def _agenda_votes() -> Any:
    """How many votes the workshop's agenda ballots hold (a correlated count)."""
    return (
        select(func.count(Vote.id))
        .join(BallotItem, BallotItem.id == Vote.item_id)
        .join(WorkshopAgendaItem, WorkshopAgendaItem.ballot_id == BallotItem.ballot_id)
        .where(WorkshopAgendaItem.workshop_id == Workshop.id)
        .scalar_subquery()
    )


def _arrivals() -> Any:
    """How many people joined the workshop (a correlated count)."""
    return (
        select(func.count(WorkshopParticipant.id))
        .where(WorkshopParticipant.workshop_id == Workshop.id)
        .scalar_subquery()
    )


def counter_of(slug: str, workshop_id: int, view: str) -> str | None:
    """What a screen's poll compares before doing anything else, in one small statement:
    the workshop's `state`, and for the projector also the number of votes on its agenda
    and of people who joined (it shows both; the phones do not, so others' votes and
    arrivals never redraw them). None when there is no such workshop in that plan."""
    columns = [Workshop.state]
    if view == "projector":
        columns += [_agenda_votes(), _arrivals()]
    row = db.session.execute(
        select(*columns)
        .join(Plan, Plan.id == Workshop.plan_id)
        .where(Workshop.id == workshop_id, Plan.slug == slug)
    ).first()
    return None if row is None else ".".join(str(value) for value in row)


def screen_counter(workshop: Workshop, view: str) -> str:
    """The counter a screen is drawn at, for its poll URL."""
    return counter_of(workshop.plan.slug, workshop.id, view) or ""


def current_entry(workshop: Workshop) -> WorkshopAgendaItem | None:
    """The agenda entry under discussion, with its ballot (items, actions, result) or
    action; None before the facilitation chose one."""
    if workshop.current_position is None:
        return None
    return db.session.scalar(
        select(WorkshopAgendaItem)
        .where(
            WorkshopAgendaItem.workshop_id == workshop.id,
            WorkshopAgendaItem.position == workshop.current_position,
        )
        .options(
            joinedload(WorkshopAgendaItem.ballot)
            .selectinload(Ballot.items)
            .joinedload(BallotItem.action),
            joinedload(WorkshopAgendaItem.ballot)
            .selectinload(Ballot.items)
            .joinedload(BallotItem.revision),
            joinedload(WorkshopAgendaItem.ballot).joinedload(Ballot.result),
            joinedload(WorkshopAgendaItem.action),
        )
    )


def attendance_by_college(workshop: Workshop) -> dict[int | None, int]:
    """People in the room by college: participants not taken out, and those the
    facilitation marked present without a device (two grouped counts)."""
    counts: dict[int | None, int] = {}
    for model, extra in (
        (WorkshopParticipant, [WorkshopParticipant.removed_at.is_(None)]),
        (WorkshopAttendee, []),
    ):
        rows = db.session.execute(
            select(model.college_id, func.count(model.id))
            .where(model.workshop_id == workshop.id, *extra)
            .group_by(model.college_id)
        )
        for college_id, number in rows:
            counts[college_id] = counts.get(college_id, 0) + number
    return counts


def voter_count(ballot: Ballot) -> int:
    """How many people have voted on the ballot (online or in the room), never how."""
    return (
        db.session.scalar(
            select(func.count(func.distinct(Vote.voter_id))).where(
                Vote.item_id.in_([item.id for item in ballot.items])
            )
        )
        or 0
    )
