"""The facilitator's console: the agenda and its ballots, the projector, the timer, who
is in the room, and the notes.

Every button is a plain form (POST, then back to the console with a message); with htmx
it swaps only its section of the console.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from plan.access import get_or_404, require
from plan.errors import abort_with
from plan.extensions import db
from plan.frame.models import OrganizationKind, Plan
from plan.permissions import can_run_workshops
from plan.rendering import render, wants_fragment
from plan.voting import services as voting
from plan.voting.ballots import error_message as ballot_message
from plan.voting.ballots import paper_page
from plan.voting.ballots import sync_schedule as sync_ballot_schedule
from plan.voting.services import utcnow
from plan.workshops import facilitation, services
from plan.workshops.forms import AcceptOrganizationForm, AttendeeForm, NotesForm, TimerForm
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopParticipant,
)
from plan.workshops.views import _agenda_item, _message, _plan, _workshop, bp

CONSOLE = "/plans/<slug>/workshops/<int:workshop_id>/console"


def _refuse(error: services.WorkshopError | voting.BallotError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    if isinstance(error, voting.BallotError):
        abort_with(error.status, ballot_message(error))
    messages = {
        "not_revealable": lambda: _(
            "The results of this ballot can be shown once it is closed, or while it is "
            "open if it shows its results live."
        ),
        "timer_too_long": lambda: _(
            "The countdown cannot go beyond %(num)d minutes.",
            num=facilitation.MAX_TIMER_MINUTES,
        ),
        "already_removed": lambda: _("This person is already out of the workshop."),
        "nothing_to_check": lambda: _("This participant has no organisation to check."),
    }
    message = messages[error.code]() if error.code in messages else _message(error)
    abort_with(error.status, message)


def _load(slug: str, workshop_id: int) -> tuple[Plan, Workshop]:
    plan = _plan(slug)
    require(can_run_workshops(current_user, plan))
    return plan, _workshop(plan, workshop_id)


def _console_url(workshop: Workshop, section: str | None = None) -> str:
    return url_for(
        "workshops.console",
        slug=workshop.plan.slug,
        workshop_id=workshop.id,
        _anchor=f"console-{section}" if section else None,
    )


def _organization_form(participant: WorkshopParticipant, **kwargs: Any) -> AcceptOrganizationForm:
    return AcceptOrganizationForm(
        prefix=f"org-{participant.id}", name=participant.organization_name_to_check, **kwargs
    )


def _console(
    plan: Plan,
    workshop: Workshop,
    section: str | None = None,
    status: int = 200,
    **forms: Any,
):
    """The console, or only one of its sections for htmx; forms sent back with their
    errors come in `forms`."""
    agenda = facilitation.console_agenda(workshop)
    room = facilitation.room_of(workshop, plan.colleges)
    organization_forms = {
        p.id: _organization_form(p, formdata=None)
        for p in room.participants
        if p.organization_name_to_check and p.removed_at is None
    }
    organization_forms.update(forms.pop("organization_forms", {}))
    notes_form = forms.pop("notes_form", None) or NotesForm(formdata=None, notes=workshop.notes)
    attendee_form = forms.pop("attendee_form", None) or AttendeeForm(formdata=None)
    return render(
        "workshops/console.html",
        f"workshops/_console_{section}.html" if section else None,
        status=status,
        plan=plan,
        workshop=workshop,
        agenda=agenda,
        counts=facilitation.item_counts(agenda),
        can_reveal=facilitation.can_reveal,
        room=room,
        now=utcnow(),
        timer_form=forms.pop("timer_form", None) or TimerForm(formdata=None),
        attendee_form=attendee_form.setup(plan.colleges, plan.organizations),
        notes_form=notes_form,
        organization_forms=organization_forms,
        oob_flash=section is not None and wants_fragment(),
        projector_url=url_for("workshops.projector", slug=plan.slug, workshop_id=workshop.id),
        ideas_url=url_for("workshops.ideas", slug=plan.slug, workshop_id=workshop.id),
    )


def _apply(  # type: ignore[no-untyped-def]
    plan: Plan,
    workshop: Workshop,
    section: str,
    change: Callable[[], Any],
    message: str | Callable[[Any], str],
):
    """Make the change (a refusal rolls back and answers with its status and message),
    commit, say what was done (`message`, or made from what the change returned), and show
    the console again (or its section)."""
    try:
        result = change()
    except (services.WorkshopError, voting.BallotError) as error:
        _refuse(error)
    db.session.commit()
    message = message(result) if callable(message) else message
    flash(message, "success")
    if wants_fragment():
        return _console(plan, workshop, section)
    return redirect(_console_url(workshop, section))


@bp.get(CONSOLE)
def console(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    sync_ballot_schedule(plan)
    return _console(plan, workshop)


# --------------------------------------------------------------------------- agenda


def _entry(workshop: Workshop, entry_id: int) -> WorkshopAgendaItem:
    entry = db.session.scalar(
        select(WorkshopAgendaItem)
        .where(WorkshopAgendaItem.id == entry_id, WorkshopAgendaItem.workshop_id == workshop.id)
        .options(joinedload(WorkshopAgendaItem.ballot))
    )
    if entry is None:
        abort_with(404, _("This point is not on the workshop's agenda."))
    return entry


def _ballot_entry(workshop: Workshop, entry_id: int) -> WorkshopAgendaItem:
    entry = _entry(workshop, entry_id)
    if entry.ballot is None:
        abort_with(404, _("This point of the agenda is not a ballot."))
    return entry


@bp.post(CONSOLE + "/agenda/<int:entry_id>/open")
def console_open_ballot(slug: str, workshop_id: int, entry_id: int):
    plan, workshop = _load(slug, workshop_id)
    sync_ballot_schedule(plan)
    entry = _ballot_entry(workshop, entry_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.open_agenda_ballot(workshop, entry.ballot, current_user),
        _("Ballot %(num)d is open: the room can vote.", num=entry.ballot.number),
    )


@bp.post(CONSOLE + "/agenda/<int:entry_id>/close")
def console_close_ballot(slug: str, workshop_id: int, entry_id: int):
    plan, workshop = _load(slug, workshop_id)
    sync_ballot_schedule(plan)
    entry = _ballot_entry(workshop, entry_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.close_agenda_ballot(workshop, entry.ballot, current_user),
        _("Ballot %(num)d is closed: its results are final.", num=entry.ballot.number),
    )


@bp.post(CONSOLE + "/agenda/<int:entry_id>/project")
def console_project(slug: str, workshop_id: int, entry_id: int):
    plan, workshop = _load(slug, workshop_id)
    entry = _entry(workshop, entry_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.project(workshop, entry),
        _("The projector shows this point now."),
    )


@bp.post(CONSOLE + "/projector/welcome")
def console_welcome(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.project(workshop, None),
        _("The projector shows the welcome screen and the join code."),
    )


@bp.post(CONSOLE + "/agenda/<int:entry_id>/reveal")
def console_reveal(slug: str, workshop_id: int, entry_id: int):
    plan, workshop = _load(slug, workshop_id)
    sync_ballot_schedule(plan)
    entry = _ballot_entry(workshop, entry_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.reveal(workshop, entry),
        _("The projector shows the results."),
    )


@bp.post(CONSOLE + "/agenda/<int:entry_id>/hide")
def console_hide(slug: str, workshop_id: int, entry_id: int):
    plan, workshop = _load(slug, workshop_id)
    entry = _ballot_entry(workshop, entry_id)
    return _apply(
        plan,
        workshop,
        "agenda",
        lambda: facilitation.hide(workshop, entry),
        _("The results are hidden from the projector."),
    )


@bp.route(CONSOLE + "/items/<int:item_id>/paper", methods=["GET", "POST"])
def console_paper(slug: str, workshop_id: int, item_id: int):
    """The ballots' paper votes form, sent from the console and back to it."""
    plan, workshop = _load(slug, workshop_id)
    sync_ballot_schedule(plan)
    item = _agenda_item(workshop, item_id)
    try:
        return paper_page(
            plan,
            item,
            lambda college, counts, note: facilitation.save_paper_tally(
                workshop, item, college, counts, current_user, note
            ),
            _console_url(workshop, "agenda"),
        )
    except services.WorkshopError as error:
        _refuse(error)


# --------------------------------------------------------------------------- timer


@bp.post(CONSOLE + "/timer")
def console_timer(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    form = TimerForm()
    if not form.validate_on_submit():
        return _console(plan, workshop, "timer", 422, timer_form=form)
    return _apply(
        plan,
        workshop,
        "timer",
        lambda: facilitation.start_timer(workshop, form.minutes.data),
        ngettext(
            "The countdown of %(num)d minute is on.",
            "The countdown of %(num)d minutes is on.",
            form.minutes.data,
        ),
    )


@bp.post(CONSOLE + "/timer/add")
def console_timer_add(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    return _apply(
        plan,
        workshop,
        "timer",
        lambda: facilitation.add_a_minute(workshop),
        _("One more minute on the countdown."),
    )


@bp.post(CONSOLE + "/timer/stop")
def console_timer_stop(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    return _apply(
        plan,
        workshop,
        "timer",
        lambda: facilitation.stop_timer(workshop),
        _("The countdown is stopped."),
    )


# --------------------------------------------------------------------------- the room


def _participant(workshop: Workshop, participant_id: int) -> WorkshopParticipant:
    return get_or_404(
        WorkshopParticipant,
        participant_id,
        plan=workshop.plan,
        plan_of=lambda p: workshop.plan_id if p.workshop_id == workshop.id else None,
    )


@bp.post(CONSOLE + "/participants/<int:participant_id>/remove")
def console_remove_participant(slug: str, workshop_id: int, participant_id: int):
    plan, workshop = _load(slug, workshop_id)
    participant = _participant(workshop, participant_id)
    name = participant.user.display_name
    return _apply(
        plan,
        workshop,
        "room",
        lambda: facilitation.remove_participant(workshop, participant),
        lambda withdrawn: ngettext(
            "%(name)s is out of the workshop; %(num)d vote on an open ballot was withdrawn.",
            "%(name)s is out of the workshop; %(num)d votes on open ballots were withdrawn.",
            withdrawn,
            name=name,
        ),
    )


@bp.post(CONSOLE + "/participants/<int:participant_id>/organization")
def console_accept_organization(slug: str, workshop_id: int, participant_id: int):
    plan, workshop = _load(slug, workshop_id)
    participant = _participant(workshop, participant_id)
    form = _organization_form(participant)
    if not form.validate_on_submit():
        return _console(plan, workshop, "room", 422, organization_forms={participant.id: form})
    return _apply(
        plan,
        workshop,
        "room",
        lambda: facilitation.accept_organization(
            workshop, participant, plan, form.name.data, OrganizationKind(form.kind.data)
        ),
        lambda organization: _(
            "« %(organization)s » is an organisation of the plan now.",
            organization=organization.name,
        ),
    )


@bp.post(CONSOLE + "/attendees")
def console_add_attendee(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    form = AttendeeForm().setup(plan.colleges, plan.organizations)
    if not form.validate_on_submit():
        return _console(plan, workshop, "room", 422, attendee_form=form)
    return _apply(
        plan,
        workshop,
        "room",
        lambda: facilitation.add_attendee(
            workshop,
            form.name.data,
            next(c for c in plan.colleges if c.id == form.college_id.data),
            next((o for o in plan.organizations if o.id == form.organization_id.data), None),
            current_user,
        ),
        lambda attendee: _("%(name)s is counted as present.", name=attendee.name),
    )


@bp.post(CONSOLE + "/attendees/<int:attendee_id>/remove")
def console_remove_attendee(slug: str, workshop_id: int, attendee_id: int):
    plan, workshop = _load(slug, workshop_id)
    attendee = get_or_404(
        WorkshopAttendee,
        attendee_id,
        plan=plan,
        plan_of=lambda a: plan.id if a.workshop_id == workshop.id else None,
    )
    name = attendee.name
    return _apply(
        plan,
        workshop,
        "room",
        lambda: facilitation.remove_attendee(workshop, attendee),
        _("%(name)s is no longer counted.", name=name),
    )


# --------------------------------------------------------------------------- notes


@bp.post(CONSOLE + "/notes")
def console_notes(slug: str, workshop_id: int):
    plan, workshop = _load(slug, workshop_id)
    form = NotesForm()
    if not form.validate_on_submit():
        return _console(plan, workshop, "notes", 422, notes_form=form)
    return _apply(
        plan,
        workshop,
        "notes",
        lambda: facilitation.save_notes(workshop, form.notes.data or ""),
        _("The notes are saved."),
    )
