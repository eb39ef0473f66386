"""Workshop pages: planning, start and end, joining by code, the participant screen."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import segno
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from auth.views import start_session
from plan.access import (
    commit_keeping_loaded,
    form_values,
    get_or_404,
    load_plan,
    reads_first,
    require,
    start_writing,
)
from plan.actions.models import ActionRevision
from plan.errors import abort_with
from plan.extensions import db, limiter
from plan.frame.models import Plan
from plan.permissions import (
    can_follow_workshop,
    can_run_workshops,
    can_vote,
    membership_of,
)
from plan.rendering import render_form, wants_fragment
from plan.voting import services as voting
from plan.voting.ballots import error_message as ballot_message
from plan.voting.ballots import item_fragment
from plan.voting.ballots import sync_schedule as sync_ballot_schedule
from plan.voting.labels import CHOICE_LABELS
from plan.voting.models import Ballot, BallotItem
from plan.workshops import services
from plan.workshops.forms import EnterCodeForm, JoinForm, WorkshopForm
from plan.workshops.models import (
    WORKSHOP_STATUS_LABELS,
    Workshop,
    WorkshopAgendaItem,
    WorkshopParticipant,
    WorkshopStatus,
)

bp = Blueprint("workshops", __name__)

FIELDS = ("title", "place", "format", "description", "notes")


def _message(error: services.WorkshopError) -> str:
    messages = {
        "state": lambda: _(
            "This workshop is « %(status)s »: it cannot do that now.",
            status=WORKSHOP_STATUS_LABELS[WorkshopStatus(error.details["status_now"])],
        ),
        "not_live": lambda: (
            _("This workshop is over: its code no longer works.")
            if error.details["status_now"] == WorkshopStatus.CLOSED
            else _("This workshop has not started yet.")
        ),
        "no_code": lambda: _("No join code could be drawn. Please try again."),
        "not_on_agenda": lambda: _("This ballot is not on the workshop's agenda."),
    }
    return messages[error.code]()


def _refuse(error: services.WorkshopError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    abort_with(error.status, _message(error))


def _plan(slug: str) -> Plan:
    return load_plan(slug, selectinload(Plan.colleges), selectinload(Plan.organizations))


def _workshop(plan: Plan, workshop_id: int) -> Workshop:
    return get_or_404(Workshop, workshop_id, plan=plan, plan_of=lambda w: w.plan_id)


def _workshop_url(workshop: Workshop, **kwargs: Any) -> str:
    return url_for("workshops.show", slug=workshop.plan.slug, workshop_id=workshop.id, **kwargs)


def _live_url(workshop: Workshop) -> str:
    return url_for("workshops.live", slug=workshop.plan.slug, workshop_id=workshop.id)


def _from_paris(value: datetime | None) -> datetime | None:
    """A time typed in the plan's time zone, as naive UTC."""
    if value is None:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def _to_paris(value: datetime) -> datetime:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)


def join_url(workshop: Workshop) -> str:
    return url_for("workshops.join", code=workshop.join_code, _external=True)


def qr_code_svg(url: str) -> Markup:
    """The join link as an inline SVG QR code, drawn here: no outside service sees it."""
    svg = segno.make(url, error="m").svg_inline(
        scale=6,
        border=2,
        omitsize=True,
        title=_("QR code of the link to join the workshop"),
        svgclass="qr-code",
    )
    return Markup(svg)  # noqa: S704 - segno's own SVG: the URL is encoded as modules, not text


# --------------------------------------------------------------------------- planning


@bp.get("/plans/<slug>/workshops")
def index(slug: str):
    plan = _plan(slug)
    rows = db.session.scalars(
        select(Workshop)
        .where(Workshop.plan_id == plan.id)
        .order_by(Workshop.starts_at.desc())
        .options(selectinload(Workshop.agenda))
    ).all()
    groups = {status: [w for w in rows if w.status == status] for status in WorkshopStatus}
    return render_template("workshops/index.html", plan=plan, groups=groups)


def _workshop_form(plan: Plan, workshop: Workshop | None):  # type: ignore[no-untyped-def]
    facilitators = services.possible_facilitators(plan)
    ballots = services.agenda_ballots(plan)
    actions = services.agenda_actions(plan)
    if workshop is not None:
        # What is already on the agenda stays choosable (a ballot may have closed since).
        ballots += [e.ballot for e in workshop.agenda if e.ballot and e.ballot not in ballots]
        actions += [e.action for e in workshop.agenda if e.action and e.action not in actions]
        facilitators += [u for u in workshop.facilitators if u not in facilitators]
    form = WorkshopForm(obj=workshop) if workshop is not None else WorkshopForm()
    if request.method == "GET" and workshop is not None:
        form.starts_at.data = _to_paris(workshop.starts_at)
        form.format.data = workshop.format.value
        form.facilitator_ids.data = [u.id for u in workshop.facilitators]
        form.ballot_ids.data = [e.ballot_id for e in workshop.agenda if e.ballot_id]
        form.action_ids.data = [e.action_id for e in workshop.agenda if e.action_id]
    elif request.method == "GET":
        form.facilitator_ids.data = [u.id for u in facilitators if u.id == current_user.id]
    form.setup(facilitators, ballots, actions)
    return form, facilitators, ballots, actions


def _chosen(form: WorkshopForm, facilitators: list, ballots: list, actions: list):  # type: ignore[no-untyped-def]
    def pick(rows: list, ids: list[int] | None) -> list:
        by_id = {row.id: row for row in rows}
        return [by_id[i] for i in ids or [] if i in by_id]

    return {
        "facilitators": pick(facilitators, form.facilitator_ids.data),
        "ballots": pick(ballots, form.ballot_ids.data),
        "actions": pick(actions, form.action_ids.data),
    }


@bp.route("/plans/<slug>/workshops/new", methods=["GET", "POST"])
def new(slug: str):
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    form, facilitators, ballots, actions = _workshop_form(plan, None)
    if form.validate_on_submit():
        workshop = services.create_workshop(
            plan,
            current_user,
            {**form_values(form, *FIELDS), "starts_at": _from_paris(form.starts_at.data)},
            **_chosen(form, facilitators, ballots, actions),
        )
        db.session.commit()
        flash(_("The workshop « %(title)s » is planned.", title=workshop.title), "success")
        return redirect(_workshop_url(workshop))
    return render_form(
        "workshops/form.html",
        form,
        plan=plan,
        heading=_("Plan a workshop"),
        cancel_url=url_for("workshops.index", slug=slug),
    )


@bp.route("/plans/<slug>/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
def edit(slug: str, workshop_id: int):
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    workshop = _workshop(plan, workshop_id)
    if not workshop.is_planned:
        _refuse(services.WorkshopError("state", status_now=workshop.status))
    form, facilitators, ballots, actions = _workshop_form(plan, workshop)
    if form.validate_on_submit():
        try:
            services.update_workshop(
                workshop,
                {**form_values(form, *FIELDS), "starts_at": _from_paris(form.starts_at.data)},
                **_chosen(form, facilitators, ballots, actions),
            )
        except services.WorkshopError as error:
            _refuse(error)
        db.session.commit()
        flash(_("The workshop is saved."), "success")
        return redirect(_workshop_url(workshop))
    return render_form(
        "workshops/form.html",
        form,
        plan=plan,
        heading=_("Edit the workshop"),
        cancel_url=_workshop_url(workshop),
    )


def _participant_count(workshop: Workshop) -> int:
    return (
        db.session.scalar(
            select(func.count(WorkshopParticipant.id)).where(
                WorkshopParticipant.workshop_id == workshop.id,
                WorkshopParticipant.removed_at.is_(None),
            )
        )
        or 0
    )


@bp.get("/plans/<slug>/workshops/<int:workshop_id>")
def show(slug: str, workshop_id: int):
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    running = can_run_workshops(current_user, plan)
    link = join_url(workshop) if running and workshop.is_live else None
    return render_template(
        "workshops/show.html",
        plan=plan,
        workshop=workshop,
        agenda=_agenda(workshop),
        can_run=running,
        participants=_participant_count(workshop),
        participant=services.participant_of(workshop, current_user),
        join_link=link,
        qr_code=qr_code_svg(link) if link else None,
    )


def _agenda(workshop: Workshop) -> list[WorkshopAgendaItem]:
    return list(
        db.session.scalars(
            select(WorkshopAgendaItem)
            .where(WorkshopAgendaItem.workshop_id == workshop.id)
            .order_by(WorkshopAgendaItem.position)
            .options(joinedload(WorkshopAgendaItem.ballot), joinedload(WorkshopAgendaItem.action))
        )
    )


@bp.post("/plans/<slug>/workshops/<int:workshop_id>/start")
def start(slug: str, workshop_id: int):
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    workshop = _workshop(plan, workshop_id)
    try:
        services.start_workshop(workshop, current_user.id)
    except services.WorkshopError as error:
        _refuse(error)
    db.session.commit()
    flash(
        _("The workshop is live. Join code: %(code)s", code=workshop.join_code),
        "success",
    )
    return redirect(_workshop_url(workshop))


@bp.post("/plans/<slug>/workshops/<int:workshop_id>/end")
def end(slug: str, workshop_id: int):
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    workshop = _workshop(plan, workshop_id)
    try:
        services.end_workshop(workshop, current_user.id)
    except services.WorkshopError as error:
        _refuse(error)
    db.session.commit()
    flash(_("The workshop is over: its code no longer works."), "success")
    return redirect(_workshop_url(workshop))


# --------------------------------------------------------------------------- joining


def _join_rate_limit() -> str:
    return current_app.config["CAPCOMMUN_WORKSHOP_JOIN_RATE_LIMIT"]


def _joins_per_workshop() -> str:
    return current_app.config["CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP"]


def _wrong_code_rate_limit() -> str:
    return current_app.config["CAPCOMMUN_WORKSHOP_WRONG_CODE_RATE_LIMIT"]


def _workshop_key() -> str:
    return "workshop:" + services.normalise_code((request.view_args or {}).get("code", ""))


def _code_was_wrong(response: Any) -> bool:
    return response.status_code in (404, 410)


@bp.get("/j")
def enter():
    """Typing the code by hand."""
    form = EnterCodeForm(request.args)
    if "code" in request.args and form.validate():
        return redirect(url_for("workshops.join", code=services.normalise_code(form.code.data)))
    return render_template("workshops/enter.html", form=form), 422 if form.errors else 200


def _by_code(code: str) -> Workshop:
    workshop = services.find_by_code(services.normalise_code(code))
    if workshop is None:
        abort_with(
            404,
            _(
                "No workshop has the code « %(code)s ». Check it on the screen of the room.",
                code=code[:12],
            ),
        )
    if not workshop.is_live:
        abort_with(410, _("This workshop is over: its code no longer works."))
    return workshop


@bp.route("/j/<code>", methods=["GET", "POST"])
@limiter.limit(_wrong_code_rate_limit, deduct_when=_code_was_wrong)
@limiter.limit(_join_rate_limit, methods=["POST"])
@limiter.limit(_joins_per_workshop, methods=["POST"], key_func=_workshop_key)
def join(code: str):
    workshop = _by_code(code)
    plan = workshop.plan
    participant = services.participant_of(workshop, current_user)
    if participant is not None:
        if participant.removed_at is not None:
            abort_with(403, _("The facilitation took you out of this workshop."))
        return redirect(_live_url(workshop))
    membership = membership_of(current_user, plan)
    if membership is not None:
        form = FlaskForm()
        if form.validate_on_submit():
            try:
                services.join_as_member(workshop, membership)
            except services.WorkshopError as error:
                _refuse(error)
            db.session.commit()
            flash(_("You are in the workshop « %(title)s ».", title=workshop.title), "success")
            return redirect(_live_url(workshop))
        return render_template(
            "workshops/join.html", plan=plan, workshop=workshop, form=form, member=membership
        )
    form = JoinForm().setup(plan.colleges, plan.organizations)
    if current_user.is_authenticated:
        del form.display_name
    if form.validate_on_submit():
        organization = next(
            (o for o in plan.organizations if o.id == form.organization_id.data), None
        )
        user = current_user._get_current_object() if current_user.is_authenticated else None
        try:
            _participant, user = services.join_with_details(
                workshop,
                user,
                display_name=user.display_name if user else form.display_name.data,
                college=next(c for c in plan.colleges if c.id == form.college_id.data),
                organization=organization,
                organization_name=form.organization_name.data or "",
            )
        except services.WorkshopError as error:
            _refuse(error)
        db.session.commit()
        if not current_user.is_authenticated:
            start_session(user)
        flash(_("You are in the workshop « %(title)s ».", title=workshop.title), "success")
        return redirect(_live_url(workshop))
    return render_form("workshops/join.html", form, plan=plan, workshop=workshop, member=None)


# --------------------------------------------------------------------------- in the room


def _live_context(plan: Plan, workshop: Workshop, shown_ballots: str = "") -> dict[str, Any]:
    """What the participant screen shows, and the keys its poll sends back to say what it
    shows: a poll redraws the "now" box or the votes only when their key changed, so that a
    vote being filled is not wiped because someone else voted. `shown_ballots` is the key of
    the votes the screen shows: the person's votes are read only when they will be drawn."""
    live = workshop.is_live
    entry = services.current_entry(workshop) if live else None
    ballots = services.open_agenda_ballots(workshop) if live else []
    voter = can_vote(current_user, plan)
    ballot_now = entry.ballot if entry is not None else None
    now_key = "-".join(
        [
            workshop.status.value,
            str(workshop.current_position or 0),
            ballot_now.status.value if ballot_now is not None else "",
            "revealed" if entry is not None and entry.revealed_at else "",
        ]
    )
    ballots_key = "-".join(
        [workshop.status.value, "vote" if voter else "follow", *(str(b.id) for b in ballots)]
    )
    my_votes = services.my_votes(ballots, current_user) if shown_ballots != ballots_key else {}
    poll_url = None
    if not workshop.is_closed:
        poll_url = url_for(
            "workshops.state",
            slug=plan.slug,
            workshop_id=workshop.id,
            view="participant",
            since=workshop.state,
            now=now_key,
            open=ballots_key,
        )
    return {
        "plan": plan,
        "workshop": workshop,
        "entry": entry,
        "ballots": ballots,
        "open_ids": {ballot.id for ballot in ballots},
        "my_votes": my_votes,
        "choices_of": voting.CHOICES,
        "choice_labels": CHOICE_LABELS,
        "can_vote": voter,
        "now_key": now_key,
        "ballots_key": ballots_key,
        "poll_url": poll_url,
        "errors": {},
        "typed": {},
        "idea_form": ideas.idea_form(plan) if live and ideas.may_write(workshop) else None,
    }


def _live_page(plan: Plan, workshop: Workshop, status: int = 200, **extra: Any):
    return render_template(
        "workshops/live.html", **{**_live_context(plan, workshop), **extra}
    ), status


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/live")
def live(slug: str, workshop_id: int):
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    require(can_follow_workshop(current_user, workshop))
    sync_ballot_schedule(plan)
    return _live_page(plan, workshop)


def _agenda_item(workshop: Workshop, item_id: int) -> BallotItem:
    """An item of a ballot on this workshop's agenda: anything else is 404."""
    on_agenda = select(WorkshopAgendaItem.ballot_id).where(
        WorkshopAgendaItem.workshop_id == workshop.id
    )
    item = db.session.scalar(
        select(BallotItem)
        .where(BallotItem.id == item_id, BallotItem.ballot_id.in_(on_agenda))
        .options(
            joinedload(BallotItem.ballot),
            joinedload(BallotItem.action),
            # The item's title and number are shown, not its whole fiche.
            joinedload(BallotItem.revision).defer(ActionRevision.content),
        )
    )
    if item is None:
        abort(404)
    return item


def voter_in_room(plan: Plan, workshop: Workshop) -> WorkshopParticipant:
    """The person voting from the room: a participant not taken out, with a vote."""
    participant = services.participant_of(workshop, current_user)
    require(
        participant is not None and participant.removed_at is None and can_vote(current_user, plan)
    )
    return participant  # type: ignore[return-value]


@bp.post("/plans/<slug>/workshops/<int:workshop_id>/items/<int:item_id>/vote")
def vote_item(slug: str, workshop_id: int, item_id: int):
    """A vote from the room: the same vote as online, with the workshop channel. A room
    votes all at once: what the vote needs is read first, and the write transaction (on
    SQLite, the one write lock) is held only while the vote is written."""
    reads_first()
    plan = load_plan(slug)
    workshop = _workshop(plan, workshop_id)
    participant = voter_in_room(plan, workshop)
    item = _agenda_item(workshop, item_id)
    ballot = item.ballot
    choice = request.form.get("choice", "")
    reason = request.form.get("reason", "")
    if len(reason) > 2000:
        abort_with(413, _("The reason is too long: at most 2 000 characters."))
    start_writing()
    sync_ballot_schedule(plan)
    # Opened or closed meanwhile? The vote counts only on the ballot as it is now.
    db.session.refresh(ballot, ["status", "closes_at"])
    try:
        services.cast_workshop_vote(workshop, participant, item, current_user, choice, reason)
    except services.WorkshopError as error:
        _refuse(error)
    except voting.BallotError as error:
        db.session.rollback()
        if error.status != 422:
            abort_with(error.status, ballot_message(error))
        errors = {item.id: ballot_message(error)}
        typed = {item.id: {"choice": choice, "reason": reason}}
        if wants_fragment():
            return _item_fragment(workshop, ballot, item, 422, errors=errors, typed=typed)
        return _live_page(plan, workshop, 422, errors=errors, typed=typed)
    # Read before the commit: the answer needs no transaction of its own.
    mine = voting.vote_on(item, current_user)
    commit_keeping_loaded()
    if wants_fragment():
        return _item_fragment(workshop, ballot, item, 200, saved=True, mine=mine)
    flash(
        _(
            "Your vote on %(ref)s is recorded. You can change it until the ballot closes.",
            ref=item.action.reference,
        ),
        "success",
    )
    return redirect(_live_url(workshop) + f"#item-{item.id}")


def _item_fragment(  # type: ignore[no-untyped-def]
    workshop: Workshop, ballot: Ballot, item: BallotItem, status: int, **extra: Any
):
    return item_fragment(
        "workshops/live.html",
        ballot,
        item,
        status,
        workshop=workshop,
        vote_url=url_for(
            "workshops.vote_item", slug=ballot.plan.slug, workshop_id=workshop.id, item_id=item.id
        ),
        **extra,
    )


# The other workshop pages put their routes on the same blueprint.
from plan.workshops import console, ideas, minutes, room  # noqa: E402, F401
