"""The facilitation of a live workshop: the agenda on the projector, ballots opened and
closed from the room, the timer, who is in the room, and the facilitator's notes.

Services flush; the view commits once. Each change writes an audit event and raises the
workshop's `state`, so that the projector and the participants' screens see it on their
next poll. The room's changes are refused (409) unless the workshop is live; the notes
may still be written once it has ended, because they feed its minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from auth.models import User
from plan.extensions import db
from plan.frame.models import College, Organization, OrganizationKind, Plan
from plan.frame.services import add_organization
from plan.journal.services import record_event
from plan.members.models import Membership, Role
from plan.voting import services as voting
from plan.voting.models import Ballot, BallotItem, BallotStatus, PaperTally, Vote
from plan.voting.services import utcnow
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopParticipant,
)
from plan.workshops.services import WorkshopError, bump

MAX_TIMER_MINUTES = 120


def _require_live(workshop: Workshop) -> None:
    if not workshop.is_live:
        raise WorkshopError("state", status_now=workshop.status)


def _event(action: str, obj: object, workshop: Workshop, **data: object) -> None:
    record_event(action, obj, plan_id=workshop.plan_id, data={"workshop": workshop.id, **data})


# --------------------------------------------------------------------------- reading


@dataclass
class ItemCount:
    """How many have voted on one item so far: votes (online or in the room) and paper."""

    votes: int = 0
    paper: int = 0


@dataclass
class CollegeCount:
    college: College | None
    participants: int = 0
    attendees: int = 0

    @property
    def total(self) -> int:
        return self.participants + self.attendees


@dataclass
class Room:
    participants: list[WorkshopParticipant]
    attendees: list[WorkshopAttendee]
    by_college: list[CollegeCount] = field(default_factory=list)

    @property
    def present(self) -> int:
        return sum(row.total for row in self.by_college)


def console_agenda(workshop: Workshop) -> list[WorkshopAgendaItem]:
    """The agenda in order, with each ballot's items and their actions (three queries)."""
    return list(
        db.session.scalars(
            select(WorkshopAgendaItem)
            .where(WorkshopAgendaItem.workshop_id == workshop.id)
            .order_by(WorkshopAgendaItem.position)
            .options(
                joinedload(WorkshopAgendaItem.ballot)
                .selectinload(Ballot.items)
                .joinedload(BallotItem.action),
                joinedload(WorkshopAgendaItem.action),
            )
        ).unique()
    )


def item_counts(agenda: list[WorkshopAgendaItem]) -> dict[int, ItemCount]:
    """Per item of the agenda's ballots: the votes cast (one grouped query; a dot voter
    counts on the items that got some of their dots, as on the projector) and the paper
    votes entered (one query)."""
    item_ids = [item.id for entry in agenda if entry.ballot for item in entry.ballot.items]
    counts = {item_id: ItemCount() for item_id in item_ids}
    if not item_ids:
        return counts
    for item_id, number in db.session.execute(
        select(Vote.item_id, func.count(Vote.id))
        .where(Vote.item_id.in_(item_ids), (Vote.choice != "dots") | (Vote.dots > 0))
        .group_by(Vote.item_id)
    ):
        counts[item_id].votes = number
    for tally in db.session.scalars(select(PaperTally).where(PaperTally.item_id.in_(item_ids))):
        counts[tally.item_id].paper += tally.total
    return counts


def room_of(workshop: Workshop, colleges: list[College]) -> Room:
    """Who joined (sorted by college, then name) and who was marked present without a
    device, with the count by college of those still in the room (two queries)."""
    participants = db.session.scalars(
        select(WorkshopParticipant)
        .where(WorkshopParticipant.workshop_id == workshop.id)
        .options(
            joinedload(WorkshopParticipant.user),
            joinedload(WorkshopParticipant.college),
            joinedload(WorkshopParticipant.organization),
        )
    ).all()
    attendees = db.session.scalars(
        select(WorkshopAttendee)
        .where(WorkshopAttendee.workshop_id == workshop.id)
        .order_by(WorkshopAttendee.created_at, WorkshopAttendee.id)
        .options(joinedload(WorkshopAttendee.college), joinedload(WorkshopAttendee.organization))
    ).all()
    order = {college.id: index for index, college in enumerate(colleges)}

    def college_rank(college_id: int | None) -> int:
        return order.get(college_id, len(order)) if college_id is not None else len(order)

    participants = sorted(
        participants,
        key=lambda p: (college_rank(p.college_id), p.user.display_name.casefold(), p.id),
    )
    counts = {college.id: CollegeCount(college) for college in colleges}
    without = CollegeCount(None)
    for participant in participants:
        if participant.removed_at is None:
            counts.get(participant.college_id, without).participants += 1
    for attendee in attendees:
        counts.get(attendee.college_id, without).attendees += 1
    by_college = list(counts.values()) + ([without] if without.total else [])
    return Room(list(participants), list(attendees), by_college)


# --------------------------------------------------------------------------- agenda


def _entry_of(workshop: Workshop, ballot: Ballot) -> WorkshopAgendaItem:
    entry = next((e for e in workshop.agenda if e.ballot_id == ballot.id), None)
    if entry is None:
        raise WorkshopError("not_on_agenda", status=404)
    return entry


def open_agenda_ballot(workshop: Workshop, ballot: Ballot, actor: User) -> None:
    """Open a ballot of the agenda, and put it on the projector: in a room, the ballot
    just opened is the one under discussion."""
    _require_live(workshop)
    entry = _entry_of(workshop, ballot)
    voting.open_ballot(ballot, actor.id)
    workshop.current_position = entry.position
    db.session.flush()
    bump(workshop)


def close_agenda_ballot(workshop: Workshop, ballot: Ballot, actor: User) -> None:
    _require_live(workshop)
    _entry_of(workshop, ballot)
    voting.close_ballot(ballot, actor.id)


def project(workshop: Workshop, entry: WorkshopAgendaItem | None) -> None:
    """Put an agenda entry on the projector (None: the welcome screen, with the code)."""
    _require_live(workshop)
    workshop.current_position = entry.position if entry is not None else None
    db.session.flush()
    _event("workshop.project", workshop, workshop, position=workshop.current_position)
    bump(workshop)


def can_reveal(entry: WorkshopAgendaItem) -> bool:
    """Results can be shown once the ballot is closed, or while it is open when it was
    made to show its results live."""
    ballot = entry.ballot
    if ballot is None:
        return False
    return ballot.status == BallotStatus.CLOSED or (
        ballot.status == BallotStatus.OPEN and ballot.live_results
    )


def reveal(workshop: Workshop, entry: WorkshopAgendaItem) -> None:
    """Show the ballot's results on the projector, and put the entry there."""
    _require_live(workshop)
    if not can_reveal(entry):
        raise WorkshopError("not_revealable")
    entry.revealed_at = utcnow()
    workshop.current_position = entry.position
    db.session.flush()
    _event("workshop.reveal", entry, workshop, position=entry.position)
    bump(workshop)


def hide(workshop: Workshop, entry: WorkshopAgendaItem) -> None:
    _require_live(workshop)
    entry.revealed_at = None
    db.session.flush()
    _event("workshop.hide", entry, workshop, position=entry.position)
    bump(workshop)


def save_paper_tally(
    workshop: Workshop,
    item: BallotItem,
    college: College,
    counts: dict[str, int],
    actor: User,
    note: str,
) -> None:
    """The ballots' paper tally, entered from the console: the projector's counts follow
    at once."""
    _require_live(workshop)
    _entry_of(workshop, item.ballot)
    voting.save_paper_tally(item, college, counts, actor, note)


# --------------------------------------------------------------------------- timer


def start_timer(workshop: Workshop, minutes: int) -> None:
    """A countdown of `minutes` from now (the form keeps them between 1 and the maximum)."""
    _require_live(workshop)
    workshop.timer_ends_at = utcnow() + timedelta(minutes=minutes)
    db.session.flush()
    _event("workshop.timer", workshop, workshop, minutes=minutes)
    bump(workshop)


def add_a_minute(workshop: Workshop) -> None:
    """One more minute on a running timer; on a stopped or finished one, a minute from
    now. Never more than MAX_TIMER_MINUTES ahead."""
    _require_live(workshop)
    now = utcnow()
    running = workshop.timer_ends_at is not None and workshop.timer_ends_at > now
    ends_at = (workshop.timer_ends_at if running else now) + timedelta(minutes=1)
    if ends_at - now > timedelta(minutes=MAX_TIMER_MINUTES):
        raise WorkshopError("timer_too_long")
    workshop.timer_ends_at = ends_at
    db.session.flush()
    _event("workshop.timer_add", workshop, workshop)
    bump(workshop)


def stop_timer(workshop: Workshop) -> None:
    _require_live(workshop)
    workshop.timer_ends_at = None
    db.session.flush()
    _event("workshop.timer_stop", workshop, workshop)
    bump(workshop)


# --------------------------------------------------------------------------- the room


def remove_participant(workshop: Workshop, participant: WorkshopParticipant) -> int:
    """Take someone out of the workshop; returns how many of their votes were withdrawn.

    Decision: their votes on ballots still OPEN are deleted — someone the facilitation
    took out (an intruder, a second account) must not weigh on a result still being
    counted — while their votes on ballots already CLOSED stay, as the frozen results
    were computed with them (a closed count never changes afterwards). Which open
    ballots: those on this workshop's agenda; for a guest (an account made by joining,
    bound to this plan), every open ballot of the plan, and their contributor membership
    goes down to observer so that they cannot vote again through the ballots' own pages.
    A member keeps their membership: the removal concerns this workshop only. The removed
    person can no longer follow the workshop, vote through it nor join it again.
    """
    _require_live(workshop)
    if participant.removed_at is not None:
        raise WorkshopError("already_removed")
    participant.removed_at = utcnow()
    open_ballots = select(Ballot.id).where(Ballot.status == BallotStatus.OPEN)
    if participant.is_guest:
        open_ballots = open_ballots.where(Ballot.plan_id == workshop.plan_id)
    else:
        on_agenda = [e.ballot_id for e in workshop.agenda if e.ballot_id is not None]
        open_ballots = open_ballots.where(Ballot.id.in_(on_agenda))
    items = select(BallotItem.id).where(BallotItem.ballot_id.in_(open_ballots))
    withdrawn = (
        db.session.execute(
            delete(Vote)
            .where(Vote.voter_id == participant.user_id, Vote.item_id.in_(items))
            .execution_options(synchronize_session=False)
        ).rowcount
        or 0
    )
    if participant.is_guest:
        _demote_guest(workshop, participant)
    db.session.flush()
    _event(
        "workshop.remove_participant",
        participant,
        workshop,
        user=participant.user_id,
        guest=participant.is_guest,
        votes_withdrawn=withdrawn,
    )
    bump(workshop)
    return withdrawn


def _demote_guest(workshop: Workshop, participant: WorkshopParticipant) -> None:
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == participant.user_id,
            Membership.plan_id == workshop.plan_id,
            Membership.role == Role.CONTRIBUTOR,
        )
    )
    if membership is None:
        return
    membership.role = Role.OBSERVER
    record_event(
        "membership.update",
        membership,
        plan_id=workshop.plan_id,
        data={"role": [Role.CONTRIBUTOR, Role.OBSERVER], "workshop": workshop.id},
    )


def accept_organization(
    workshop: Workshop,
    participant: WorkshopParticipant,
    plan: Plan,
    name: str,
    kind: OrganizationKind,
) -> Organization:
    """The organisation a participant typed on joining, added to the plan (or found there
    under the same name, whatever the case) and given to the participant and to their
    membership when it has none."""
    _require_live(workshop)
    if not participant.organization_name_to_check:
        raise WorkshopError("nothing_to_check")
    organization = next(
        (o for o in plan.organizations if o.name.casefold() == name.casefold()), None
    )
    if organization is None:
        organization = add_organization(plan, {"name": name, "kind": kind})
    participant.organization_id = organization.id
    participant.organization_name_to_check = ""
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == participant.user_id, Membership.plan_id == plan.id
        )
    )
    if membership is not None and membership.organization_id is None:
        membership.organization_id = organization.id
    db.session.flush()
    _event(
        "workshop.accept_organization",
        participant,
        workshop,
        organization=organization.id,
        name=organization.name,
    )
    bump(workshop)
    return organization


def add_attendee(
    workshop: Workshop,
    name: str,
    college: College,
    organization: Organization | None,
    actor: User,
) -> WorkshopAttendee:
    """Someone present without a device, counted in the attendance."""
    _require_live(workshop)
    attendee = WorkshopAttendee(
        workshop_id=workshop.id,
        name=name,
        college_id=college.id,
        organization_id=organization.id if organization else None,
        recorded_by_id=actor.id,
    )
    db.session.add(attendee)
    db.session.flush()
    _event("workshop.add_attendee", attendee, workshop, name=name, college=college.name)
    bump(workshop)
    return attendee


def remove_attendee(workshop: Workshop, attendee: WorkshopAttendee) -> None:
    _require_live(workshop)
    _event("workshop.remove_attendee", attendee, workshop, name=attendee.name)
    db.session.delete(attendee)
    db.session.flush()
    bump(workshop)


# --------------------------------------------------------------------------- notes


def save_notes(workshop: Workshop, notes: str) -> None:
    """The facilitator's notes, kept while the workshop is live and once it has ended:
    they go into its minutes."""
    if workshop.is_planned:
        raise WorkshopError("state", status_now=workshop.status)
    if notes == workshop.notes:
        return
    workshop.notes = notes
    db.session.flush()
    _event("workshop.notes", workshop, workshop, length=len(notes))
    bump(workshop)
