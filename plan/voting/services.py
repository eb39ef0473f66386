"""Ballots' lives: create, open, vote, tally on paper, resolve objections, close.

Services flush; the view commits once. Each change writes an audit event. A vote's choice
goes into the journal only when the ballot is public: the journal must not undo a secret
ballot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from auth.models import User
from plan.actions.models import Action, ActionStatus
from plan.actions.services import set_status
from plan.extensions import db
from plan.frame.models import College, Plan
from plan.journal.services import record_event
from plan.voting import counting
from plan.voting.models import (
    Ballot,
    BallotItem,
    BallotResult,
    BallotStatus,
    PaperTally,
    Vote,
    VoteChannel,
    VotingMethod,
)
from plan.voting.rules import rules_for
from plan.voting.tally import count_ballot
from plan.workshops.models import Workshop, WorkshopAgendaItem, WorkshopStatus

# Actions that can be put to a vote.
VOTABLE = {ActionStatus.SUBMITTED, ActionStatus.TO_REWORK}

CHOICES = {
    VotingMethod.MAJORITY_JUDGMENT: counting.GRADES,
    VotingMethod.APPROVAL: counting.APPROVAL_CHOICES,
    VotingMethod.CONSENT: counting.CONSENT_CHOICES,
}

# What each outcome makes of the action when the ballot closes.
OUTCOME_STATUS = {
    "adopted": ActionStatus.ADOPTED,
    "to_rework": ActionStatus.TO_REWORK,
    "rejected": ActionStatus.REJECTED,
    "insufficient_participation": ActionStatus.SUBMITTED,
}

MAX_PAPER_VOTES = 10_000


class BallotError(Exception):
    """A change refused by the ballot's state. `status` is the HTTP status it deserves."""

    def __init__(self, code: str, status: int = 409, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.details = details


def utcnow() -> datetime:
    """Now, in naive UTC: how the ballots' times are stored."""
    return datetime.now(UTC).replace(tzinfo=None)


# --------------------------------------------------------------------------- ballots


def open_ballots(plan: Plan) -> list[Ballot]:
    return list(
        db.session.scalars(
            select(Ballot)
            .where(Ballot.plan_id == plan.id, Ballot.status == BallotStatus.OPEN)
            .order_by(Ballot.number)
        )
    )


def votable_actions(plan: Plan) -> list[Action]:
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.plan_id == plan.id, Action.status.in_(VOTABLE))
            .order_by(Action.challenge_id, Action.rank)
        )
    )


def create_ballot(
    plan: Plan,
    creator: User,
    *,
    title: str,
    method: VotingMethod,
    actions: Iterable[Action],
    description: str = "",
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    live_results: bool = False,
    public_votes: bool = False,
) -> Ballot:
    actions = list(actions)
    if not actions:
        raise BallotError("no_item", 422)
    if opens_at and closes_at and closes_at <= opens_at:
        raise BallotError("dates", 422)
    for action in actions:
        if action.plan_id != plan.id:
            raise BallotError("not_votable", 422, reference=action.reference)
        if action.status not in VOTABLE:
            raise BallotError("not_votable", 409, reference=action.reference)
    for _attempt in range(3):
        number = (
            db.session.scalar(select(func.max(Ballot.number)).where(Ballot.plan_id == plan.id)) or 0
        ) + 1
        ballot = Ballot(
            plan=plan,
            number=number,
            title=title,
            description=description,
            method=method,
            opens_at=opens_at,
            closes_at=closes_at,
            live_results=live_results,
            public_votes=public_votes,
            created_by_id=creator.id,
            items=[
                BallotItem(action=action, position=position)
                for position, action in enumerate(actions, start=1)
            ],
        )
        try:
            with db.session.begin_nested():
                db.session.add(ballot)
                db.session.flush()
        except IntegrityError:
            continue  # another ballot took this number meanwhile: take the next one
        break
    else:
        raise BallotError("number")
    record_event(
        "ballot.create",
        ballot,
        plan_id=plan.id,
        data={
            "number": ballot.number,
            "title": title,
            "method": method,
            "items": [action.reference for action in actions],
        },
    )
    return ballot


def workshops_of(ballot: Ballot) -> list[Workshop]:
    """The workshops with this ballot on their agenda, by date."""
    return list(
        db.session.scalars(
            select(Workshop)
            .where(
                Workshop.id.in_(
                    select(WorkshopAgendaItem.workshop_id).where(
                        WorkshopAgendaItem.ballot_id == ballot.id
                    )
                )
            )
            .order_by(Workshop.starts_at, Workshop.id)
        )
    )


def _touch_workshops(ballot: Ballot) -> None:
    """The live workshops with this ballot on their agenda show its status and its paper
    votes: their screens' next poll must redraw, whichever page the change came from.
    Votes do not come here: a room of phones voting at once must not queue on the
    workshop's row, and the projector counts them in its poll (workshops.services)."""
    db.session.execute(
        update(Workshop)
        .where(
            Workshop.status == WorkshopStatus.LIVE,
            Workshop.id.in_(
                select(WorkshopAgendaItem.workshop_id).where(
                    WorkshopAgendaItem.ballot_id == ballot.id
                )
            ),
        )
        .values(state=Workshop.state + 1)
        .execution_options(synchronize_session=False)
    )


def _claim(ballot: Ballot, source: BallotStatus, target: BallotStatus, **values: Any) -> None:
    """Move the ballot from `source` to `target` only if nobody else did it first."""
    moved = db.session.execute(
        update(Ballot)
        .where(Ballot.id == ballot.id, Ballot.status == source)
        .values(status=target, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        db.session.refresh(ballot)
        raise BallotError("state", status=409, status_now=ballot.status)
    db.session.refresh(ballot)
    _touch_workshops(ballot)


def open_ballot(ballot: Ballot, actor_id: int | None = None) -> None:
    """Pin each item to its action's current revision and put the action in ballot."""
    if ballot.status != BallotStatus.PLANNED:
        raise BallotError("state", status_now=ballot.status)
    for item in ballot.items:
        if item.action.status not in VOTABLE:
            raise BallotError("not_votable", reference=item.action.reference)
    _claim(ballot, BallotStatus.PLANNED, BallotStatus.OPEN, opened_at=utcnow())
    for item in ballot.items:
        item.previous_status = item.action.status
        item.revision_id = item.action.current_revision_id
        set_status(item.action, ActionStatus.IN_BALLOT, ballot=ballot.number)
    record_event(
        "ballot.open",
        ballot,
        plan_id=ballot.plan_id,
        actor_id=actor_id,
        data={"number": ballot.number},
    )


def close_ballot(ballot: Ballot, actor_id: int | None = None) -> BallotResult:
    """Count, store the count for good, and give each action the status of its outcome."""
    _claim(ballot, BallotStatus.OPEN, BallotStatus.CLOSED, closed_at=utcnow())
    data = count_ballot(ballot)
    result = BallotResult(ballot=ballot, data=data)
    db.session.add(result)
    for entry, item in zip(data["items"], ballot.items, strict=True):
        if ballot.method == VotingMethod.DOT_VOTING:
            target = item.previous_status or ActionStatus.SUBMITTED
        else:
            target = OUTCOME_STATUS[entry["result"]["outcome"]]
        set_status(item.action, target, ballot=ballot.number)
    record_event(
        "ballot.close",
        ballot,
        plan_id=ballot.plan_id,
        actor_id=actor_id,
        data={
            "number": ballot.number,
            "outcomes": {
                entry["reference"]: entry["result"].get("outcome", "ranked")
                for entry in data["items"]
            },
        },
    )
    db.session.flush()
    return result


def delete_ballot(ballot: Ballot) -> None:
    if ballot.status != BallotStatus.PLANNED:
        raise BallotError("state", status_now=ballot.status)
    record_event(
        "ballot.delete",
        ballot,
        plan_id=ballot.plan_id,
        data={"number": ballot.number, "title": ballot.title},
    )
    db.session.delete(ballot)
    db.session.flush()


def _due(plan: Plan, now: datetime):  # type: ignore[no-untyped-def]
    return select(Ballot).where(
        Ballot.plan_id == plan.id,
        (
            (Ballot.status == BallotStatus.PLANNED)
            & Ballot.opens_at.is_not(None)
            & (Ballot.opens_at <= now)
        )
        | (
            (Ballot.status == BallotStatus.OPEN)
            & Ballot.closes_at.is_not(None)
            & (Ballot.closes_at <= now)
        ),
    )


def schedule_is_due(plan: Plan) -> bool:
    """Whether a ballot of the plan is due to open or close."""
    return db.session.scalar(_due(plan, utcnow()).with_only_columns(Ballot.id).limit(1)) is not None


def apply_schedule(plan: Plan) -> list[Ballot]:
    """Open and close the plan's ballots whose scheduled time has come.

    Called when ballot pages are read (and by `capcommun ballots`): there is no clock
    process to run. A ballot someone else moved meanwhile is left alone.
    """
    now = utcnow()
    due = db.session.scalars(_due(plan, now)).all()
    moved = []
    for ballot in due:
        try:
            with db.session.begin_nested():
                if ballot.status == BallotStatus.PLANNED:
                    open_ballot(ballot)
                if ballot.closes_at is not None and ballot.closes_at <= now:
                    close_ballot(ballot)
        except BallotError:
            db.session.refresh(ballot)
            continue
        moved.append(ballot)
    return moved


# --------------------------------------------------------------------------- votes


def _require_open(ballot: Ballot) -> None:
    """Refuse what comes when the ballot is not open.

    Whatever is then written is counted: on PostgreSQL the ballot's row is read again and
    share-locked until the transaction ends, so a closing (an UPDATE of that row) waits for
    the votes being written and counts them, and a vote that comes while a closing is being
    written waits for it, then finds the ballot closed. On SQLite a request that writes
    holds the database's write lock from its first statement (BEGIN IMMEDIATE, plan.app)
    to its commit, so the ballot it read cannot close meanwhile."""
    status, closes_at = ballot.status, ballot.closes_at
    if db.session.get_bind().dialect.name == "postgresql":
        status, closes_at = db.session.execute(
            select(Ballot.status, Ballot.closes_at)
            .where(Ballot.id == ballot.id)
            .with_for_update(read=True)
        ).one()
    if status != BallotStatus.OPEN:
        raise BallotError("not_open", status_now=status)
    if closes_at is not None and closes_at <= utcnow():
        raise BallotError("not_open", status_now=BallotStatus.CLOSED)


def _upsert_vote(values: dict[str, Any], changed: Iterable[str]) -> None:
    """Insert the vote, or update the voter's vote on that item: one statement, so that two
    submissions at once cannot make two votes nor fail on the unique constraint."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Vote).values(**values, created_at=func.now(), updated_at=func.now())
    statement = statement.on_conflict_do_update(
        index_elements=[Vote.item_id, Vote.voter_id],
        set_={**{name: statement.excluded[name] for name in changed}, "updated_at": func.now()},
    )
    db.session.execute(statement)


def _existing_votes(item_ids: Iterable[int], voter: User) -> dict[int, Vote]:
    return {
        vote.item_id: vote
        for vote in db.session.scalars(
            select(Vote)
            .where(Vote.item_id.in_(list(item_ids)), Vote.voter_id == voter.id)
            .execution_options(populate_existing=True)
        )
    }


def _vote_event(ballot: Ballot, item: BallotItem, voter: User, previous: Vote | None, data):
    record_event(
        "vote.change" if previous else "vote.cast",
        item,
        plan_id=ballot.plan_id,
        actor_id=voter.id,
        data={
            "ballot": ballot.number,
            "reference": item.action.reference,
            **(data if ballot.public_votes else {}),
        },
    )


def cast_vote(
    item: BallotItem,
    voter: User,
    college_id: int | None,
    choice: str,
    reason: str = "",
    channel: VoteChannel = VoteChannel.ONLINE,
) -> None:
    """The voter's choice on one item (majority judgment, approval, consent)."""
    ballot = item.ballot
    _require_open(ballot)
    if ballot.method == VotingMethod.DOT_VOTING:
        raise BallotError("method", 400)
    if choice not in CHOICES[ballot.method]:
        raise BallotError("choice", 422)
    reason = reason.strip()
    if choice == "object" and not reason:
        raise BallotError("reason", 422)
    if choice != "object":
        reason = ""
    previous = _existing_votes([item.id], voter).get(item.id)
    _upsert_vote(
        {
            "item_id": item.id,
            "voter_id": voter.id,
            "college_id": college_id,
            "choice": choice,
            "reason": reason,
            "channel": channel.value,
            "dots": 0,
            "resolved_at": None,
            "resolved_by_id": None,
            "resolution_note": "",
        },
        (
            "college_id",
            "choice",
            "reason",
            "channel",
            "resolved_at",
            "resolved_by_id",
            "resolution_note",
        ),
    )
    _vote_event(ballot, item, voter, previous, {"choice": choice, "reason": reason})


def cast_dots(
    ballot: Ballot,
    voter: User,
    college_id: int | None,
    allocation: Mapping[int, object],
    channel: VoteChannel = VoteChannel.ONLINE,
) -> None:
    """The voter's dots over the items of a dot-voting ballot, all at once."""
    _require_open(ballot)
    if ballot.method != VotingMethod.DOT_VOTING:
        raise BallotError("method", 400)
    items = {item.id: item for item in ballot.items}
    problems = counting.validate_dot_allocation(allocation, items, rules_for(ballot.plan))
    if problems:
        raise BallotError("dots", 422, problems=problems)
    previous = _existing_votes(items, voter)
    for item_id in items:
        _upsert_vote(
            {
                "item_id": item_id,
                "voter_id": voter.id,
                "college_id": college_id,
                "choice": "dots",
                "dots": int(allocation.get(item_id, 0)),  # type: ignore[call-overload]
                "reason": "",
                "channel": channel.value,
            },
            ("college_id", "dots", "channel"),
        )
    record_event(
        "vote.change" if previous else "vote.cast",
        ballot,
        plan_id=ballot.plan_id,
        actor_id=voter.id,
        data={
            "ballot": ballot.number,
            **(
                {"dots": {items[i].action.reference: n for i, n in allocation.items()}}
                if ballot.public_votes
                else {}
            ),
        },
    )


def votes_of(ballot: Ballot, voter: User) -> dict[int, Vote]:
    """The voter's own votes on the ballot, by item id."""
    return _existing_votes((item.id for item in ballot.items), voter)


def vote_on(item: BallotItem, voter: User) -> Vote | None:
    """The voter's own vote on one item."""
    return _existing_votes([item.id], voter).get(item.id)


def check_resolvable(vote: Vote) -> None:
    """An objection of an open ballot, not resolved yet; else BallotError (409)."""
    _require_open(vote.item.ballot)
    if vote.choice != "object":
        raise BallotError("not_objection", 409)
    if vote.resolved_at is not None:
        raise BallotError("already_resolved", 409)


def resolve_objection(vote: Vote, actor: User, note: str) -> None:
    ballot = vote.item.ballot
    check_resolvable(vote)
    note = note.strip()
    if not note:
        raise BallotError("note", 422)
    vote.resolved_at = datetime.now(UTC)
    vote.resolved_by_id = actor.id
    vote.resolution_note = note
    record_event(
        "vote.resolve",
        vote.item,
        plan_id=ballot.plan_id,
        data={"ballot": ballot.number, "reference": vote.item.action.reference, "note": note},
    )


# --------------------------------------------------------------------------- paper tallies


def paper_choices(method: VotingMethod) -> tuple[str, ...]:
    """What a paper tally may count: an objection needs its written reason, so consent
    tallies count consents and stand-asides only."""
    if method == VotingMethod.CONSENT:
        return ("consent", "stand_aside")
    return CHOICES[method]


def save_paper_tally(
    item: BallotItem, college: College, counts: Mapping[str, int], actor: User, note: str = ""
) -> None:
    """Replace the item's paper count for this college (all zero: remove it)."""
    ballot = item.ballot
    _require_open(ballot)
    if ballot.method == VotingMethod.DOT_VOTING:
        raise BallotError("method", 400)
    allowed = paper_choices(ballot.method)
    counts = {choice: int(counts.get(choice, 0)) for choice in allowed}
    if any(count < 0 for count in counts.values()):
        raise BallotError("paper_negative", 422)
    if sum(counts.values()) > MAX_PAPER_VOTES:
        raise BallotError("paper_too_many", 422, limit=MAX_PAPER_VOTES)
    tally = db.session.scalar(
        select(PaperTally).where(PaperTally.item_id == item.id, PaperTally.college_id == college.id)
    )
    if not any(counts.values()):
        if tally is not None:
            db.session.delete(tally)
    elif tally is None:
        db.session.add(
            PaperTally(item=item, college=college, counts=counts, note=note, entered_by_id=actor.id)
        )
    else:
        tally.counts = counts
        tally.note = note
        tally.entered_by_id = actor.id
        tally.updated_at = utcnow()
    record_event(
        "paper_tally.save",
        item,
        plan_id=ballot.plan_id,
        data={
            "ballot": ballot.number,
            "reference": item.action.reference,
            "college": college.name,
            "counts": counts,
        },
    )
    db.session.flush()
    _touch_workshops(ballot)


def paper_tallies_of(item_ids: Iterable[int]) -> dict[int, list[PaperTally]]:
    tallies: dict[int, list[PaperTally]] = {}
    for tally in db.session.scalars(
        select(PaperTally)
        .where(PaperTally.item_id.in_(list(item_ids)))
        .order_by(PaperTally.id)
        .options(joinedload(PaperTally.college))
    ):
        tallies.setdefault(tally.item_id, []).append(tally)
    return tallies


def results_of(ballot: Ballot) -> dict[str, Any] | None:
    """What the results section shows: the frozen count of a closed ballot, the live count
    of an open one whose facilitator chose to show it, else nothing."""
    if ballot.status == BallotStatus.CLOSED:
        return ballot.result.data if ballot.result else None
    if ballot.status == BallotStatus.OPEN and ballot.live_results:
        return count_ballot(ballot)
    return None


def ballots_of_action(action: Action) -> tuple[Ballot | None, Ballot | None, dict | None]:
    """For the fiche: the open or planned ballot the action is in, and the last closed
    ballot with the action's entry in its frozen count (one query)."""
    ballots = db.session.scalars(
        select(Ballot)
        .join(BallotItem)
        .where(BallotItem.action_id == action.id)
        .order_by(Ballot.number.desc())
        .options(joinedload(Ballot.result))
    ).all()
    current = next((b for b in ballots if b.status != BallotStatus.CLOSED), None)
    closed = next((b for b in ballots if b.status == BallotStatus.CLOSED and b.result), None)
    entry = None
    if closed is not None:
        entry = next(e for e in closed.result.data["items"] if e["action_id"] == action.id)
    return current, closed, entry
