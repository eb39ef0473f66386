"""The room: the projector screen, the polls that keep live screens fresh, and dot voting
from the participant screen.

A live screen polls `state` every two seconds with the `since` counter it was drawn at.
While nothing changed, the answer is an empty 204 (or 304 for an ETag) decided from one
read by primary key, before any permission check, user or locale is loaded: a hundred
phones polling cost a hundred tiny reads. Everything comes from the database, so any
worker of the pool can answer.
"""

from __future__ import annotations

import math
import re
from typing import Any

from flask import (
    Response,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from plan.access import require
from plan.errors import abort_with
from plan.extensions import db
from plan.frame.models import Plan
from plan.permissions import can_follow_workshop, can_run_workshops
from plan.voting import services as voting
from plan.voting.ballots import dots_from_form, flash_dots_recorded, results_context
from plan.voting.ballots import error_message as ballot_message
from plan.voting.ballots import sync_schedule as sync_ballot_schedule
from plan.voting.models import Ballot
from plan.workshops import facilitation, services
from plan.workshops.models import Workshop
from plan.workshops.views import (
    _live_context,
    _live_page,
    _live_url,
    _plan,
    _refuse,
    _to_paris,
    _workshop,
    bp,
    join_url,
    qr_code_svg,
    voter_in_room,
)


def _etag(workshop_id: int, view: str, counter: str) -> str:
    return f"workshop-{workshop_id}-{view}-{counter}"


def projector_poll_url(workshop: Workshop) -> str:
    """The projector's poll; `join` says the page shows how to join (a live workshop)."""
    return url_for(
        "workshops.state",
        slug=workshop.plan.slug,
        workshop_id=workshop.id,
        view="projector",
        since=services.screen_counter(workshop, "projector"),
        join=1 if workshop.is_live else 0,
    )


def _countdown(workshop: Workshop) -> dict[str, Any] | None:
    """The timer while it runs: its end in the room's time and the minutes left (the
    seconds tick in static/js/countdown.js)."""
    ends = workshop.timer_ends_at
    now = voting.utcnow()
    if ends is None or ends <= now:
        return None
    local = _to_paris(ends)
    # "10:42" in English, "10 h 42" in French.
    clock = _("%(hour)d:%(minute)02d", hour=local.hour, minute=local.minute)
    return {
        "ends": ends.isoformat() + "Z",
        "minutes": math.ceil((ends - now).total_seconds() / 60),
        "until": _("until %(time)s", time=clock),
    }


def _attendance(plan: Plan, workshop: Workshop) -> list[tuple[str, int]]:
    counts = services.attendance_by_college(workshop)
    rows = [(college.name, counts.get(college.id, 0)) for college in plan.colleges]
    known = {college.id for college in plan.colleges}
    others = sum(number for college_id, number in counts.items() if college_id not in known)
    if others:
        rows.append((_("Without a college"), others))
    return rows


def _projector_context(plan: Plan, workshop: Workshop) -> dict[str, Any]:
    entry = services.current_entry(workshop) if workshop.is_live else None
    ballot = entry.ballot if entry is not None else None
    revealed = ballot is not None and entry is not None and entry.revealed_at is not None
    attendance = _attendance(plan, workshop)
    return {
        "plan": plan,
        "workshop": workshop,
        "entry": entry,
        "ballot": ballot,
        # Votes and paper votes per item, counted as on the facilitator's console.
        "per_item": facilitation.item_counts([entry]) if ballot is not None else {},
        "voters": services.voter_count(ballot) if ballot is not None else 0,
        "attendance": attendance,
        "present": sum(number for _name, number in attendance),
        "countdown": _countdown(workshop) if workshop.is_live else None,
        "revealed": revealed,
        "poll_url": projector_poll_url(workshop),
        **(results_context(ballot) if revealed else {}),
    }


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/projector")
def projector(slug: str, workshop_id: int):
    """The big screen of the room: how to join, who is there, what is on."""
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    workshop = _workshop(plan, workshop_id)
    link = join_url(workshop) if workshop.is_live else None
    short_link = url_for("workshops.enter", _external=True)
    return render_template(
        "workshops/projector.html",
        join_link=link,
        qr_code=qr_code_svg(link) if link else None,
        short_link=re.sub(r"^https?://", "", short_link),
        **_projector_context(plan, workshop),
    )


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/state")
def state(slug: str, workshop_id: int):
    """A live screen's poll. Nothing new: 204 (or 304), from one read. Something new:
    the screen's fragment, drawn after the full permission check, carrying the new
    counter in its own poll URL."""
    view = request.args.get("view", "")
    if view not in services.VIEWS:
        abort(400)
    counter = services.counter_of(slug, workshop_id, view)
    if counter is None:
        abort(404)
    tag = _etag(workshop_id, view, counter)
    if tag in request.if_none_match:
        return _unchanged(304, tag)
    if request.args.get("since") == counter:
        return _unchanged(204, tag)
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    # A poll is no page to go to: without the right (a session that expired too), a plain
    # 403, never the login page swapped into the screen.
    if view == "projector":
        if not can_run_workshops(current_user, plan):
            abort(403)
        response = make_response(
            render_template("workshops/_projector_state.html", **_projector_context(plan, workshop))
        )
        if workshop.is_live and request.args.get("join") != "1":
            # The workshop started under a screen drawn without its QR code: draw it all.
            response.headers["HX-Refresh"] = "true"
    else:
        if not can_follow_workshop(current_user, workshop):
            abort(403)
        sync_ballot_schedule(plan)
        response = make_response(
            render_template(
                "workshops/_live_poll.html",
                shown_now=request.args.get("now", ""),
                shown_ballots=request.args.get("open", ""),
                **_live_context(plan, workshop, request.args.get("open", "")),
            )
        )
    response.set_etag(tag)
    response.cache_control.no_cache = True
    response.cache_control.private = True
    response.vary.add("Cookie")
    return response


def _unchanged(status: int, tag: str) -> Response:
    response = Response(status=status)
    response.set_etag(tag)
    response.cache_control.no_cache = True
    response.cache_control.private = True
    return response


@bp.post("/plans/<slug>/workshops/<int:workshop_id>/ballots/<int:number>/dots")
def dots(slug: str, workshop_id: int, number: int):
    """Dots spread from the room: the same rows as online, with the workshop channel."""
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    participant = voter_in_room(plan, workshop)
    sync_ballot_schedule(plan)
    ballot = db.session.scalar(
        select(Ballot).where(Ballot.plan_id == plan.id, Ballot.number == number)
    )
    if ballot is None:
        abort(404)
    allocation, typed = dots_from_form(ballot)
    try:
        services.cast_workshop_dots(workshop, participant, ballot, current_user, allocation)
    except services.WorkshopError as error:
        _refuse(error)
    except voting.BallotError as error:
        db.session.rollback()
        if error.status != 422:
            abort_with(error.status, ballot_message(error))
        key = f"dots-{ballot.id}"
        return _live_page(
            plan, workshop, 422, errors={key: ballot_message(error)}, typed={key: typed}
        )
    db.session.commit()
    flash_dots_recorded(allocation)
    return redirect(_live_url(workshop) + f"#ballot-{ballot.id}")
