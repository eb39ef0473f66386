"""Ideas written in the room ("post-its"): each becomes a draft action of its author.

A participant gives a title and a challenge; the facilitation sees every idea of the
workshop, sorted by time, challenge or author, each linking to its draft fiche.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired

from auth.models import User
from plan.access import require
from plan.actions import services as actions
from plan.actions.models import Action, ActionRevision
from plan.extensions import db
from plan.frame.models import Challenge, Plan
from plan.journal.services import record_event
from plan.permissions import can_propose_action, can_run_workshops, is_workshop_participant
from plan.rendering import wants_fragment
from plan.validation import title_length
from plan.voting.forms import strip
from plan.workshops import services
from plan.workshops.models import Workshop, WorkshopIdea
from plan.workshops.views import _live_url, _plan, _refuse, _workshop, bp

# The limit of an action's title (plan/actions/forms.FicheForm).
MAX_IDEA_TITLE = 250


class IdeaForm(FlaskForm):
    """A post-it: a title and the challenge it serves."""

    title = StringField(
        _l("Your idea"),
        filters=[strip],
        validators=[
            InputRequired(_l("Write your idea in a few words.")),
            title_length(MAX_IDEA_TITLE),
        ],
        description=_l("A title, as for an action: it becomes a draft fiche in your name."),
        render_kw={"maxlength": MAX_IDEA_TITLE, "autocomplete": "off"},
    )
    challenge_id = SelectField(
        _l("Challenge"),
        coerce=int,
        choices=[],
        validators=[InputRequired(_l("Choose the challenge your idea serves."))],
    )

    def setup(self, challenges: list[Challenge]) -> IdeaForm:
        self.challenge_id.choices = [
            # gettext: a lazy string would be taken for safe HTML, with the title in it.
            SelectChoice(c.id, _("Challenge %(num)d: %(title)s", num=c.position, title=c.title))
            for c in challenges
        ]
        return self


def idea_form(plan: Plan, **kwargs: Any) -> IdeaForm:
    """The post-it form of the participant screen, for this plan's challenges."""
    return IdeaForm(prefix="idea", **kwargs).setup(list(plan.challenges))


# --------------------------------------------------------------------------- service


def capture_idea(
    workshop: Workshop, author: User, challenge: Challenge, title: str
) -> WorkshopIdea:
    """The idea as a draft action credited to its author, remembered as the workshop's."""
    if not workshop.is_live:
        raise services.WorkshopError("not_live", status=410, status_now=workshop.status)
    context = _(
        "Idea written during the workshop « %(title)s » of %(date)s.",
        title=workshop.title,
        date=format_date(workshop.starts_at, "long"),
    )
    action = actions.create_action(
        workshop.plan,
        challenge,
        author,
        {"title": title, "context": context},
        submit=False,
    )
    idea = WorkshopIdea(workshop_id=workshop.id, action_id=action.id)
    db.session.add(idea)
    db.session.flush()
    record_event(
        "workshop.idea",
        idea,
        plan_id=workshop.plan_id,
        actor_id=author.id,
        data={"workshop": workshop.id, "reference": action.reference, "title": title},
    )
    services.bump(workshop)
    return idea


SORTS = {
    "time": lambda idea: (idea.created_at, idea.id),
    "challenge": lambda idea: (idea.action.challenge.position, idea.action.rank),
    "author": lambda idea: (
        (idea.action.author.display_name if idea.action.author else "").casefold(),
        idea.created_at,
        idea.id,
    ),
}
SORT_LABELS = {
    "time": _l("Time"),
    "challenge": _l("Challenge"),
    "author": _l("Author"),
}


def ideas_of(workshop: Workshop, author: User | None = None) -> list[WorkshopIdea]:
    """The workshop's ideas with their action, challenge and author (one query)."""
    query = (
        select(WorkshopIdea)
        .join(Action, WorkshopIdea.action_id == Action.id)
        .where(WorkshopIdea.workshop_id == workshop.id)
        .options(
            joinedload(WorkshopIdea.action).joinedload(Action.challenge),
            joinedload(WorkshopIdea.action).joinedload(Action.author),
            joinedload(WorkshopIdea.action)
            .joinedload(Action.current_revision)
            .load_only(ActionRevision.id, ActionRevision.title),
        )
        .order_by(WorkshopIdea.created_at, WorkshopIdea.id)
    )
    if author is not None:
        query = query.where(Action.author_id == author.id)
    return list(db.session.scalars(query).unique())


# --------------------------------------------------------------------------- views


def _ideas_url(workshop: Workshop, **kwargs: Any) -> str:
    return url_for("workshops.ideas", slug=workshop.plan.slug, workshop_id=workshop.id, **kwargs)


def may_write(workshop: Workshop) -> bool:
    """A participant writes their own post-its; the facilitation captures those of a table
    or of someone without a device."""
    plan = workshop.plan
    return can_propose_action(current_user, plan) and (
        can_run_workshops(current_user, plan) or is_workshop_participant(current_user, workshop)
    )


def _ideas_page(plan: Plan, workshop: Workshop, form: IdeaForm, status: int = 200):  # type: ignore[no-untyped-def]
    running = can_run_workshops(current_user, plan)
    sort = request.args.get("sort", "time")
    if sort not in SORTS:
        sort = "time"
    rows = ideas_of(workshop, None if running else current_user)
    rows.sort(key=SORTS[sort])
    return render_template(
        "workshops/ideas.html",
        plan=plan,
        workshop=workshop,
        ideas=rows,
        all_ideas=running,
        sort=sort,
        sort_labels=SORT_LABELS,
        idea_form=form,
        can_write=workshop.is_live and may_write(workshop),
    ), status


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/ideas")
def ideas(slug: str, workshop_id: int):
    """The facilitation sees every idea; a participant sees their own."""
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    require(
        can_run_workshops(current_user, plan) or is_workshop_participant(current_user, workshop)
    )
    return _ideas_page(plan, workshop, idea_form(plan))


@bp.post("/plans/<slug>/workshops/<int:workshop_id>/ideas")
def post_idea(slug: str, workshop_id: int):
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    require(may_write(workshop))
    if not workshop.is_live:
        _refuse(services.WorkshopError("not_live", status=410, status_now=workshop.status))
    form = idea_form(plan)
    if not form.validate_on_submit():
        if wants_fragment():
            return render_template(
                "workshops/_idea_form.html", idea_form=form, plan=plan, workshop=workshop
            ), 422
        return _ideas_page(plan, workshop, form, 422)
    challenge = next(c for c in plan.challenges if c.id == form.challenge_id.data)
    try:
        idea = capture_idea(workshop, current_user, challenge, form.title.data)
    except services.WorkshopError as error:
        _refuse(error)
    db.session.commit()
    if wants_fragment():
        return render_template(
            "workshops/_idea_form.html",
            idea_form=idea_form(plan, formdata=None),
            plan=plan,
            workshop=workshop,
            saved=idea.action,
        )
    flash(
        _(
            "Your idea is saved as the draft action %(ref)s: you can complete it later.",
            ref=idea.action.reference,
        ),
        "success",
    )
    return redirect(_live_url(workshop))
