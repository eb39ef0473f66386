"""Ballot pages: list, creation, the ballot and its results, voting, paper tallies,
objections."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from plan import rendered
from plan.access import get_or_404, load_plan, require
from plan.actions.models import ActionRevision
from plan.errors import abort_with
from plan.extensions import db
from plan.frame.models import College, Plan
from plan.permissions import can_run_ballots, can_vote, membership_of
from plan.rendering import render, wants_fragment
from plan.voting import services
from plan.voting.counting import GRADES
from plan.voting.explain import explain, gauge_label, percent, ranking_reason, share
from plan.voting.forms import BallotForm, ResolutionForm, paper_tally_form
from plan.voting.labels import (
    CHANNEL_LABELS,
    CHOICE_LABELS,
    GRADE_LABELS,
    METHOD_LABELS,
    OUTCOME_LABELS,
    OUTCOME_SYMBOLS,
)
from plan.voting.models import (
    BALLOT_STATUS_LABELS,
    Ballot,
    BallotItem,
    BallotStatus,
    Vote,
    VotingMethod,
)
from plan.workshops.models import Workshop
from plan.workshops.services import WorkshopError, planned_workshops, put_on_agenda

bp = Blueprint("ballots", __name__)


def error_message(error: services.BallotError) -> str:
    details = error.details
    messages = {
        "no_item": lambda: _("Choose at least one action under discussion."),
        "dates": lambda: _("The closing must come after the opening."),
        "not_votable": lambda: _(
            "Action %(ref)s is not under discussion (or to rework): it cannot be put to the "
            "vote now.",
            ref=details["reference"],
        ),
        "number": lambda: _("The ballot number could not be given. Please try again."),
        "state": lambda: _(
            "This ballot is « %(status)s »: it cannot do that now.",
            status=BALLOT_STATUS_LABELS[BallotStatus(details["status_now"])],
        ),
        "not_open": lambda: (
            _("This ballot is not open yet: votes are taken once it opens.")
            if details["status_now"] == BallotStatus.PLANNED
            else _("This ballot is closed: votes can no longer change.")
        ),
        "method": lambda: _("This ballot does not vote that way."),
        "choice": lambda: _("Choose one of the answers offered."),
        "reason": lambda: _("An objection needs its reason: say what would make it acceptable."),
        "dots": lambda: _dots_message(details["problems"]),
        "not_objection": lambda: _("Only an objection can be resolved."),
        "already_resolved": lambda: _("This objection is already resolved."),
        "note": lambda: _("Write how the objection is resolved."),
        "paper_negative": lambda: _("A count cannot be negative."),
        "paper_too_many": lambda: _(
            "At most %(limit)s paper votes per college and action.",
            limit=f"{details['limit']:,}".replace(",", "\u202f"),
        ),
    }
    return messages[error.code]()


def _dots_message(problems: Any) -> str:
    limits = {problem.code: problem.limit for problem in problems}
    if "too_many_dots" in limits:
        return _("You have %(num)d dots to spread, no more.", num=limits["too_many_dots"])
    if "too_many_on_item" in limits:
        return _("At most %(num)d dots on one action.", num=limits["too_many_on_item"])
    if "negative_dots" in limits or "not_whole_number" in limits:
        return _("Enter whole numbers of dots, 0 or more.")
    return _("Spread your dots over the actions of this ballot only.")


def _plan(slug: str) -> Plan:
    return load_plan(slug, selectinload(Plan.colleges), selectinload(Plan.challenges))


def _ballot(plan: Plan, number: int) -> Ballot:
    ballot = db.session.scalar(
        select(Ballot)
        .where(Ballot.plan_id == plan.id, Ballot.number == number)
        .options(
            selectinload(Ballot.items).joinedload(BallotItem.action),
            # The page shows each item's title and number, not its whole fiche.
            selectinload(Ballot.items)
            .joinedload(BallotItem.revision)
            .defer(ActionRevision.content),
            joinedload(Ballot.result),
        )
    )
    if ballot is None:
        abort(404)
    return ballot


def _item(ballot: Ballot, item_id: int) -> BallotItem:
    """An item of this ballot: an item of another ballot or plan is 404."""
    item = next((item for item in ballot.items if item.id == item_id), None)
    if item is None:
        abort_with(404, _("This action is not part of this ballot."))
    return item


def _ballot_url(ballot: Ballot, **kwargs: Any) -> str:
    return url_for("ballots.show", slug=ballot.plan.slug, number=ballot.number, **kwargs)


def _refuse(error: services.BallotError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    abort_with(error.status, error_message(error))


def sync_schedule(plan: Plan) -> None:
    """Open and close what the clock says, before showing ballots or taking votes: in a
    transaction of its own that takes SQLite's write lock first (see plan.app)."""
    if not services.schedule_is_due(plan):
        return
    db.session.rollback()
    g.writes = True
    services.apply_schedule(plan)
    db.session.commit()


def _paris(value: datetime | None) -> datetime | None:
    """A time typed in the plan's time zone, as naive UTC."""
    if value is None:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


# --------------------------------------------------------------------------- ballots


@bp.get("/plans/<slug>/ballots")
def index(slug: str):
    plan = _plan(slug)
    sync_schedule(plan)
    rows = db.session.scalars(
        select(Ballot)
        .where(Ballot.plan_id == plan.id)
        .order_by(Ballot.number.desc())
        .options(selectinload(Ballot.items))
    ).all()
    groups = {status: [b for b in rows if b.status == status] for status in BallotStatus}
    return render_template(
        "voting/ballots.html",
        plan=plan,
        groups=groups,
        method_labels=METHOD_LABELS,
        status_labels=BALLOT_STATUS_LABELS,
    )


@bp.route("/plans/<slug>/ballots/new", methods=["GET", "POST"])
def new(slug: str):
    plan = _plan(slug)
    require(can_run_ballots(current_user, plan))
    actions = services.votable_actions(plan)
    form = BallotForm()
    if request.method == "GET":
        form.method.data = plan.voting_method
        if request.args.get("action", type=int):
            form.action_ids.data = [request.args.get("action", type=int)]
    form.setup(actions, plan.challenges, planned_workshops(plan))
    if form.validate_on_submit():
        chosen = set(form.action_ids.data or [])
        chosen |= {a.id for a in actions if a.challenge_id == form.challenge_id.data}
        try:
            ballot = services.create_ballot(
                plan,
                current_user,
                title=form.title.data,
                description=form.description.data or "",
                method=VotingMethod(form.method.data),
                actions=[a for a in actions if a.id in chosen],
                opens_at=_paris(form.opens_at.data),
                closes_at=_paris(form.closes_at.data),
                live_results=form.live_results.data,
                public_votes=form.public_votes.data,
            )
            if form.workshop_id.data:
                put_on_agenda(db.session.get(Workshop, form.workshop_id.data), ballot)
            if form.open_now.data:
                services.open_ballot(ballot, current_user.id)
        except services.BallotError as error:
            db.session.rollback()
            form.action_ids.errors = [*form.action_ids.errors, error_message(error)]
        except WorkshopError:
            db.session.rollback()
            form.workshop_id.errors = [
                _("This workshop has started or ended since: its agenda no longer changes.")
            ]
        else:
            db.session.commit()
            flash(
                _("Ballot %(num)d is open: members can vote.", num=ballot.number)
                if ballot.is_open
                else _("Ballot %(num)d is ready.", num=ballot.number),
                "success",
            )
            return redirect(_ballot_url(ballot))
    return render_template(
        "voting/ballot_form.html", plan=plan, form=form, actions=actions
    ), 422 if form.errors else 200


def _public_votes(ballot: Ballot) -> dict[int, list[Vote]]:
    if not ballot.public_votes:
        return {}
    votes: dict[int, list[Vote]] = {}
    for vote in db.session.scalars(
        select(Vote)
        .where(Vote.item_id.in_([item.id for item in ballot.items]))
        .order_by(Vote.item_id, Vote.id)
        .options(joinedload(Vote.voter), joinedload(Vote.college))
    ):
        votes.setdefault(vote.item_id, []).append(vote)
    return votes


def _objections(ballot: Ballot) -> dict[int, list[Vote]]:
    """Objections of a consent ballot, with their reasons, by item (never who raised them
    in a secret ballot: the template leaves names out)."""
    if ballot.method != VotingMethod.CONSENT:
        return {}
    objections: dict[int, list[Vote]] = {}
    for vote in db.session.scalars(
        select(Vote)
        .where(Vote.item_id.in_([item.id for item in ballot.items]), Vote.choice == "object")
        .order_by(Vote.created_at, Vote.id)
        .options(joinedload(Vote.voter), joinedload(Vote.resolved_by))
    ):
        objections.setdefault(vote.item_id, []).append(vote)
    return objections


def results_context(ballot: Ballot) -> dict[str, Any]:
    """What templates/voting/_results.html needs to show the ballot's frozen results, in
    ranking order; the projector and the workshop minutes show them with it too."""
    data = services.results_of(ballot)
    entries = []
    if data is not None:
        by_item = {entry["item"]: entry for entry in data["items"]}
        order = [row["item"] for row in data["ranking"]["items"]] if data["ranking"] else []
        order += [item for item in by_item if item not in order]
        ranks = {row["item"]: row["rank"] for row in (data["ranking"] or {}).get("items", [])}
        steps = {step["upper"]: step for step in (data["ranking"] or {}).get("steps", [])}
        entries = [
            {
                **by_item[item],
                "rank": ranks.get(item),
                "step": steps.get(item),
                "lower": by_item.get(steps[item]["lower"]) if item in steps else None,
            }
            for item in order
        ]
    return {
        "results": data,
        "entries": entries,
        "explain": explain,
        "ranking_reason": ranking_reason,
        "share": share,
        "percent": percent,
        "gauge_label": gauge_label,
        "grades": GRADES,
        "grade_labels": GRADE_LABELS,
        "choice_labels": CHOICE_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "outcome_symbols": OUTCOME_SYMBOLS,
    }


def results_html(plan: Plan, ballot: Ballot, context: dict[str, Any]) -> Markup:
    """The results section, from `results_context`. A closed ballot's count is frozen
    (stored once, never updated), so its rendering is kept (plan.rendered), under a digest
    of the count itself: an id used again after a deletion can never bring back another
    ballot's results."""

    def build() -> bytes:
        return render_template("voting/_results.html", plan=plan, **context).encode()

    if context["results"] is None:
        return Markup("")
    if ballot.is_closed and ballot.result is not None:
        count = json.dumps(context["results"], sort_keys=True).encode()
        facts = [plan.slug, hashlib.sha256(count).hexdigest()]
        return Markup(rendered.kept("results", facts, build).decode())  # noqa: S704 - ours
    return Markup(build().decode())  # noqa: S704 - our template's output


@bp.get("/plans/<slug>/ballots/<int:number>")
def show(slug: str, number: int):
    plan = _plan(slug)
    sync_schedule(plan)
    return _ballot_page(plan, _ballot(plan, number))


def _ballot_page(
    plan: Plan,
    ballot: Ballot,
    status: int = 200,
    resolution_form: ResolutionForm | None = None,
    resolving: int | None = None,
):
    """The ballot, its items and results; a refused objection note comes back under its
    objection (`resolving`) with what was typed."""
    running = can_run_ballots(current_user, plan)
    results = results_context(ballot)
    return render_template(
        "voting/ballot.html",
        plan=plan,
        ballot=ballot,
        can_run=running,
        can_vote=can_vote(current_user, plan),
        my_votes=services.votes_of(ballot, current_user) if current_user.is_authenticated else {},
        public_votes=_public_votes(ballot),
        objections=_objections(ballot),
        workshops=services.workshops_of(ballot),
        paper=services.paper_tallies_of(item.id for item in ballot.items),
        resolution_form=resolution_form or ResolutionForm(),
        resolving=resolving,
        method_labels=METHOD_LABELS,
        channel_labels=CHANNEL_LABELS,
        results=results["results"],
        choice_labels=CHOICE_LABELS,
        results_html=results_html(plan, ballot, results),
    ), status


def _run(slug: str, number: int, change: Callable[[Ballot], object], done: str, target: str):
    """A facilitator's change to the ballot's life (open, close, delete), then back."""
    plan = _plan(slug)
    require(can_run_ballots(current_user, plan))
    ballot = _ballot(plan, number)
    try:
        change(ballot)
    except services.BallotError as error:
        _refuse(error)
    db.session.commit()
    flash(done, "success")
    return redirect(target)


@bp.post("/plans/<slug>/ballots/<int:number>/open")
def open(slug: str, number: int):
    return _run(
        slug,
        number,
        lambda ballot: services.open_ballot(ballot, current_user.id),
        _("The ballot is open: members can vote."),
        url_for("ballots.show", slug=slug, number=number),
    )


@bp.post("/plans/<slug>/ballots/<int:number>/close")
def close(slug: str, number: int):
    return _run(
        slug,
        number,
        lambda ballot: services.close_ballot(ballot, current_user.id),
        _("The ballot is closed: its results are final."),
        url_for("ballots.show", slug=slug, number=number, _anchor="resultats"),
    )


@bp.post("/plans/<slug>/ballots/<int:number>/delete")
def delete(slug: str, number: int):
    return _run(
        slug,
        number,
        services.delete_ballot,
        _("The ballot is deleted."),
        url_for("ballots.index", slug=slug),
    )


# --------------------------------------------------------------------------- voting


def _college_id(plan: Plan) -> int | None:
    membership = membership_of(current_user, plan)
    return membership.college_id if membership else None


def _voting_page(plan: Plan, ballot: Ballot, status: int = 200, **extra: Any):
    return render_template(
        "voting/vote.html",
        plan=plan,
        ballot=ballot,
        my_votes=services.votes_of(ballot, current_user),
        choices=services.CHOICES.get(ballot.method, ()),
        choice_labels=CHOICE_LABELS,
        errors=extra.pop("errors", {}),
        typed=extra.pop("typed", {}),
        **extra,
    ), status


def dots_from_form(ballot: Ballot) -> tuple[dict[int, object], dict[int, str]]:
    """The dots typed for each item (whole numbers as int, anything else as typed, for the
    counting module to refuse), and what was typed, to show it again. Dots sent for an item
    of another ballot are kept too, so that the whole allocation is refused."""
    allocation: dict[int, object] = {}
    typed: dict[int, str] = {}
    ours = {item.id for item in ballot.items}
    for item in ballot.items:
        raw = request.form.get(f"dots-{item.id}", "").strip()
        typed[item.id] = raw
        if raw:
            allocation[item.id] = _whole(raw)
    for name, raw in request.form.items():
        foreign = re.fullmatch(r"dots-([0-9]{1,9})", name)
        if foreign and int(foreign[1]) not in ours and raw.strip():
            allocation[int(foreign[1])] = _whole(raw.strip())
    return allocation, typed


def _whole(raw: str) -> object:
    return int(raw) if re.fullmatch(r"-?[0-9]+", raw) else raw


def flash_dots_recorded(allocation: dict[int, object]) -> None:
    spent = sum(value for value in allocation.values() if isinstance(value, int))
    flash(
        ngettext(
            "Your %(num)d dot is recorded. You can change it until the ballot closes.",
            "Your %(num)d dots are recorded. You can change them until the ballot closes.",
            spent,
        ),
        "success",
    )


@bp.route("/plans/<slug>/ballots/<int:number>/vote", methods=["GET", "POST"])
def vote(slug: str, number: int):
    """The voting page; its form sends a dot-voting allocation (other methods vote item by
    item)."""
    plan = _plan(slug)
    require(can_vote(current_user, plan))
    sync_schedule(plan)
    ballot = _ballot(plan, number)
    if request.method == "GET":
        if not ballot.is_open:
            flash(error_message(services.BallotError("not_open", status_now=ballot.status)), "info")
            return redirect(_ballot_url(ballot))
        return _voting_page(plan, ballot)
    if ballot.method != VotingMethod.DOT_VOTING:
        abort_with(400, error_message(services.BallotError("method")))
    allocation, typed = dots_from_form(ballot)
    try:
        services.cast_dots(ballot, current_user, _college_id(plan), allocation)
    except services.BallotError as error:
        if error.status == 409:
            _refuse(error)
        db.session.rollback()
        return _voting_page(plan, ballot, 422, errors={"dots": error_message(error)}, typed=typed)
    db.session.commit()
    flash_dots_recorded(allocation)
    return redirect(url_for("ballots.vote", slug=slug, number=number))


def item_fragment(page: str, ballot: Ballot, item: BallotItem, status: int, **extra: Any):
    """One item of a voting page as htmx swaps it after a vote: the voter's vote now (read
    here unless given as `mine`), the error and what was typed when it was refused.
    `vote_url` sends the form elsewhere than the ballot's own page (a workshop's)."""
    return render(
        page,
        "voting/_vote_item.html",
        status=status,
        plan=ballot.plan,
        ballot=ballot,
        item=item,
        mine=extra.pop("mine") if "mine" in extra else services.vote_on(item, current_user),
        choices=services.CHOICES[ballot.method],
        choice_labels=CHOICE_LABELS,
        errors=extra.pop("errors", {}),
        typed=extra.pop("typed", {}),
        **extra,
    )


@bp.post("/plans/<slug>/ballots/<int:number>/items/<int:item_id>/vote")
def vote_item(slug: str, number: int, item_id: int):
    plan = _plan(slug)
    require(can_vote(current_user, plan))
    sync_schedule(plan)
    ballot = _ballot(plan, number)
    item = _item(ballot, item_id)
    choice = request.form.get("choice", "")
    reason = request.form.get("reason", "")
    if len(reason) > 2000:
        abort_with(413, _("The reason is too long: at most 2 000 characters."))
    try:
        services.cast_vote(item, current_user, _college_id(plan), choice, reason)
    except services.BallotError as error:
        if error.status != 422:
            _refuse(error)
        db.session.rollback()
        errors = {item.id: error_message(error)}
        typed = {item.id: {"choice": choice, "reason": reason}}
        if wants_fragment():
            return item_fragment("voting/vote.html", ballot, item, 422, errors=errors, typed=typed)
        return _voting_page(plan, ballot, 422, errors=errors, typed=typed)
    db.session.commit()
    if wants_fragment():
        return item_fragment("voting/vote.html", ballot, item, 200, saved=True)
    flash(
        _(
            "Your vote on %(ref)s is recorded. You can change it until the ballot closes.",
            ref=item.action.reference,
        ),
        "success",
    )
    return redirect(url_for("ballots.vote", slug=slug, number=number, _anchor=f"item-{item.id}"))


# --------------------------------------------------------------------------- facilitation


@bp.route("/plans/<slug>/ballots/<int:number>/items/<int:item_id>/paper", methods=["GET", "POST"])
def paper(slug: str, number: int, item_id: int):
    plan = _plan(slug)
    require(can_run_ballots(current_user, plan))
    sync_schedule(plan)
    ballot = _ballot(plan, number)
    item = _item(ballot, item_id)
    return paper_page(
        plan,
        item,
        lambda college, counts, note: services.save_paper_tally(
            item, college, counts, current_user, note
        ),
        url_for("ballots.paper", slug=slug, number=number, item_id=item.id),
    )


def paper_page(
    plan: Plan,
    item: BallotItem,
    save: Callable[[College, dict[str, int], str], None],
    done_url: str,
):
    """The paper votes of one item, college by college: the form (filled with a college's
    counts when `?college=` names one), and its saving through `save`, then `done_url`. A
    workshop's console sends it through its own save, which keeps the room in step."""
    ballot = item.ballot
    if ballot.method == VotingMethod.DOT_VOTING:
        abort_with(400, error_message(services.BallotError("method")))
    choices = services.paper_choices(ballot.method)
    form = paper_tally_form(plan.colleges, choices)
    tallies = services.paper_tallies_of([item.id]).get(item.id, [])
    if request.method == "GET":
        college_id = request.args.get("college", type=int)
        current = next((t for t in tallies if t.college_id == college_id), None)
        if current is not None:
            form.college_id.data = current.college_id
            form.note.data = current.note
            for choice in choices:
                form[f"count_{choice}"].data = current.counts.get(choice, 0)
    if form.validate_on_submit():
        college = next(c for c in plan.colleges if c.id == form.college_id.data)
        counts = {choice: form[f"count_{choice}"].data for choice in choices}
        try:
            save(college, counts, form.note.data or "")
        except services.BallotError as error:
            if error.status != 422:
                _refuse(error)
            db.session.rollback()
            form.form_errors.append(error_message(error))
        else:
            db.session.commit()
            flash(
                _(
                    "Paper votes of « %(college)s » on %(ref)s are recorded.",
                    college=college.name,
                    ref=item.action.reference,
                ),
                "success",
            )
            return redirect(done_url)
    status = 422 if (form.errors or form.form_errors) else 200
    return render_template(
        "voting/paper.html",
        plan=plan,
        ballot=ballot,
        item=item,
        form=form,
        choices=choices,
        tallies=tallies,
        choice_labels=CHOICE_LABELS,
        # Paper votes are taken while the ballot is open, like the others: no form otherwise.
        closed_notice=None
        if ballot.status == BallotStatus.OPEN
        else error_message(services.BallotError("not_open", status_now=ballot.status)),
    ), status


@bp.post("/plans/<slug>/ballots/<int:number>/votes/<int:vote_id>/resolve")
def resolve(slug: str, number: int, vote_id: int):
    plan = _plan(slug)
    require(can_run_ballots(current_user, plan))
    sync_schedule(plan)
    ballot = _ballot(plan, number)
    vote = get_or_404(
        Vote,
        vote_id,
        plan=plan,
        plan_of=lambda v: v.item.ballot.plan_id if v.item.ballot_id == ballot.id else None,
    )
    try:
        services.check_resolvable(vote)
    except services.BallotError as error:
        _refuse(error)
    form = ResolutionForm()
    if not form.validate_on_submit():
        return _ballot_page(plan, ballot, 422, resolution_form=form, resolving=vote.id)
    try:
        services.resolve_objection(vote, current_user, form.note.data)
    except services.BallotError as error:
        _refuse(error)
    db.session.commit()
    flash(_("The objection is resolved; the note is shown with it."), "success")
    return redirect(_ballot_url(ballot, _anchor=f"item-{vote.item_id}"))
