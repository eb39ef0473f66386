"""Pages of the actions: list, fiche, proposal and edit, history, amendments, comments."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from plan.access import load_plan, require
from plan.actions import services
from plan.actions.diff import changed_fields, render_word_diff, word_diff
from plan.actions.forms import (
    AmendmentForm,
    CommentEditForm,
    CommentForm,
    DecisionForm,
    EditFicheForm,
    FicheForm,
    MergeForm,
    NewFicheForm,
    ReasonForm,
    content_to_form_data,
)
from plan.actions.listing import ActionFilters, list_actions
from plan.actions.models import (
    STATUS_LABELS,
    Action,
    ActionRevision,
    ActionStatus,
    Amendment,
    AmendmentStatus,
    Comment,
    Notification,
)
from plan.actions.presenting import FIELD_LABELS, Fiche, PlanNames
from plan.errors import abort_with
from plan.extensions import db
from plan.frame.models import ORGANIZATION_KIND_LABELS, Challenge, Plan
from plan.permissions import (
    can_amend_action,
    can_comment_action,
    can_decide_amendment,
    can_edit_action,
    can_merge_actions,
    can_moderate,
    can_propose_action,
    can_read_action,
    can_withdraw_action,
)
from plan.rendering import render
from plan.voting.explain import explain
from plan.voting.labels import GRADE_LABELS, OUTCOME_LABELS, OUTCOME_SYMBOLS
from plan.voting.services import ballots_of_action

bp = Blueprint("actions", __name__)

ERRORS = {
    "transition": lambda d: _(
        "This action is « %(status)s »: it cannot move to « %(target)s ».",
        status=_status_label(d["source"]),
        target=_status_label(d["target"]),
    ),
    "not_revisable": lambda d: _(
        "This action is « %(status)s »: its fiche cannot change now.",
        status=_status_label(d["status"]),
    ),
    "not_amendable": lambda d: _(
        "This action is « %(status)s »: it takes no amendment now.",
        status=_status_label(d["status"]),
    ),
    "not_commentable": lambda d: _(
        "This action is « %(status)s »: it takes no comment.",
        status=_status_label(d["status"]),
    ),
    "unchanged": lambda d: _("Nothing has changed in the fiche."),
    "amendment_closed": lambda d: _("This amendment is no longer open."),
    "stale": lambda d: _(
        "The action has changed since this amendment was written: its author must update it "
        "first. The differences are shown below."
    ),
    "already_hidden": lambda d: _("This comment is already hidden."),
    "merge_target": lambda d: _(
        "Choose another action of this plan, neither merged, withdrawn nor a draft."
    ),
    "reference": lambda d: _("The reference could not be given. Please try again."),
}


def _status_label(status: Any) -> str:
    from plan.actions.models import STATUS_LABELS

    return str(STATUS_LABELS[ActionStatus(status)])


def error_message(error: services.ActionError) -> str:
    return ERRORS[error.code](error.details)


def _plan(slug: str) -> Plan:
    return load_plan(
        slug,
        selectinload(Plan.challenges).selectinload(Challenge.objectives),
        selectinload(Plan.organizations),
        selectinload(Plan.zones),
    )


def _action(plan: Plan, reference: str) -> Action:
    action = db.session.scalar(
        select(Action)
        .where(Action.plan_id == plan.id, Action.reference == reference)
        .options(
            # The challenge comes from the plan's, already loaded: no option needed.
            joinedload(Action.current_revision),
            joinedload(Action.author),
            joinedload(Action.merged_into),
        )
    )
    if action is None or not can_read_action(current_user, action):
        abort(404)
    return action


def _fiche_url(action: Action, anchor: str | None = None) -> str:
    return url_for(
        "actions.show", slug=action.plan.slug, reference=action.reference, _anchor=anchor
    )


@bp.get("/plans/<slug>/actions")
def index(slug: str):
    plan = load_plan(
        slug, selectinload(Plan.challenges), selectinload(Plan.zones), selectinload(Plan.colleges)
    )
    filters = ActionFilters.from_args(request.args, plan)
    page = list_actions(plan, filters, current_user)
    return render(
        "actions/index.html",
        "actions/_list.html",
        plan=plan,
        filters=filters,
        page=page,
        statuses=[(status.value, label) for status, label in STATUS_LABELS.items()],
        lead_kinds=[(kind.value, label) for kind, label in ORGANIZATION_KIND_LABELS.items()],
    )


def _fiche_form(form_class: type[FicheForm], plan: Plan, action: Action, content=None, **extra):
    """The fiche form of an action: filled from `content` when first shown."""
    if request.method == "GET" and content is not None:
        form = form_class(data={**content_to_form_data(content), **extra})
    else:
        form = form_class()
    return form.setup(plan, [action.challenge_id])


def _already_sent(form, fallback: str):  # type: ignore[no-untyped-def]
    """For a form sent a second time (double tap, resent page): where the first one went."""
    if not form.is_submitted() or services.claim_form_token(form.form_token.data, current_user):
        return None
    return redirect(services.form_result(form.form_token.data, current_user) or fallback)


def _save_fiche(form: FicheForm, plan: Plan, challenge: Challenge | None = None):
    """Checks the form (stricter when submitting); returns the content or None."""
    if not form.validate_on_submit():
        return None
    content = form.to_content()
    if content is None:
        return None
    if request.form.get("intent") == "submit" and not form.check_for_submission():
        return None
    return content


@bp.route("/plans/<slug>/actions/new", methods=["GET", "POST"])
def new(slug: str):
    plan = _plan(slug)
    require(can_propose_action(current_user, plan))
    form = NewFicheForm()
    if request.method == "GET" and request.args.get("challenge", type=int):
        position = request.args.get("challenge", type=int)
        challenge = next((c for c in plan.challenges if c.position == position), None)
        form.challenge_id.data = challenge.id if challenge else None
    form.setup(plan)
    if not plan.challenges:
        flash(_("The plan has no challenge yet: actions are proposed under a challenge."), "info")
        return redirect(url_for("frame.home", slug=slug))
    if (already := _already_sent(form, url_for("actions.index", slug=slug))) is not None:
        return already
    content = _save_fiche(form, plan)
    if content is not None:
        challenge = next(c for c in plan.challenges if c.id == form.challenge_id.data)
        submit = request.form.get("intent") == "submit"
        action = services.create_action(plan, challenge, current_user, content, submit=submit)
        url = _fiche_url(action)
        services.record_form_result(form.form_token.data, url)
        db.session.commit()
        flash(
            _("Action %(ref)s is submitted: other members can now read it.", ref=action.reference)
            if submit
            else _(
                "Draft %(ref)s is saved. Only you and the facilitation see it.",
                ref=action.reference,
            ),
            "success",
        )
        return redirect(url)
    db.session.rollback()
    status = 422 if form.is_submitted() else 200
    return render_template(
        "actions/form.html", plan=plan, form=form, action=None, mode="new"
    ), status


def _stance_counts(threads: list[Comment], replies: dict[int, list[Comment]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for comment in [*threads, *(r for thread in replies.values() for r in thread)]:
        if comment.hidden_at is None:
            counts[comment.stance.value] = counts.get(comment.stance.value, 0) + 1
    return counts


def _comments_of(action: Action) -> tuple[list[Comment], dict[int, list[Comment]]]:
    comments = db.session.scalars(
        select(Comment)
        .where(Comment.action_id == action.id)
        .order_by(Comment.created_at, Comment.id)
        .options(
            joinedload(Comment.author),
            joinedload(Comment.revision),
            selectinload(Comment.edits),
        )
    ).all()
    threads = [c for c in comments if c.parent_id is None]
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return threads, replies


def _fiche_page(plan: Plan, action: Action, comment_form: CommentForm, status: int = 200):
    """The fiche with its amendments and comments; the comment form as given (with its
    errors and what was typed, when it was refused)."""
    threads, replies = _comments_of(action)
    amendments = db.session.scalars(
        select(Amendment)
        .where(Amendment.action_id == action.id)
        .order_by(Amendment.created_at.desc(), Amendment.id.desc())
        .options(joinedload(Amendment.author))
    ).all()
    current_ballot, closed_ballot, result = ballots_of_action(action)
    return render_template(
        "actions/show.html",
        plan=plan,
        action=action,
        current_ballot=current_ballot,
        closed_ballot=closed_ballot,
        result=result,
        explain=explain,
        outcome_labels=OUTCOME_LABELS,
        outcome_symbols=OUTCOME_SYMBOLS,
        grade_labels=GRADE_LABELS,
        fiche=Fiche(action.current_revision.content, PlanNames.of(plan)),
        threads=threads,
        replies=replies,
        amendments=amendments,
        stance_counts=_stance_counts(threads, replies),
        comment_form=comment_form,
    ), status


@bp.get("/plans/<slug>/actions/<reference>")
def show(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    return _fiche_page(plan, action, CommentForm().with_token())


@bp.route("/plans/<slug>/actions/<reference>/edit", methods=["GET", "POST"])
def edit(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    require(can_edit_action(current_user, action))
    if not action.is_revisable:
        abort_with(409, ERRORS["not_revisable"]({"status": action.status}))
    form = _fiche_form(EditFicheForm, plan, action, action.current_revision.content)
    content = _save_fiche(form, plan)
    if content is not None:
        try:
            services.revise_action(action, content, current_user, form.change_note.data or "")
            if request.form.get("intent") == "submit":
                services.set_status(action, ActionStatus.SUBMITTED)
        except services.ActionError as error:
            form.form_errors.append(error_message(error))
        else:
            db.session.commit()
            flash(
                _("The fiche is saved (revision %(n)d).", n=action.current_revision.number),
                "success",
            )
            return redirect(_fiche_url(action))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "actions/form.html", plan=plan, form=form, action=action, mode="edit"
    ), status


def _transition(slug: str, reference: str, target: ActionStatus, allowed) -> Any:
    plan = _plan(slug)
    action = _action(plan, reference)
    require(allowed(current_user, action))
    try:
        services.set_status(action, target)
    except services.ActionError as error:
        abort_with(409, error_message(error))
    db.session.commit()
    return action


@bp.post("/plans/<slug>/actions/<reference>/submit")
def submit(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    require(can_edit_action(current_user, action))
    form = FicheForm(
        data=content_to_form_data(action.current_revision.content), meta={"csrf": False}
    )
    form.setup(plan, [action.challenge_id])
    if not form.check_for_submission():
        flash(_("Complete the fiche before submitting it."), "error")
        return redirect(url_for("actions.edit", slug=slug, reference=reference))
    try:
        services.set_status(action, ActionStatus.SUBMITTED)
    except services.ActionError as error:
        abort_with(409, error_message(error))
    db.session.commit()
    flash(_("Action %(ref)s is submitted.", ref=action.reference), "success")
    return redirect(_fiche_url(action))


@bp.post("/plans/<slug>/actions/<reference>/withdraw")
def withdraw(slug: str, reference: str):
    action = _transition(slug, reference, ActionStatus.WITHDRAWN, can_withdraw_action)
    flash(_("Action %(ref)s is withdrawn. It stays readable.", ref=action.reference), "success")
    return redirect(_fiche_url(action))


def field_changes(old: Fiche, new: Fiche) -> list[dict[str, Any]]:
    """What changed between two fiches, field by field, with a word-level diff."""
    changes = []
    for name in changed_fields(old.content, new.content):
        if name not in FIELD_LABELS:
            continue
        before, after = old.field_text(name), new.field_text(name)
        if before == after:
            continue
        changes.append(
            {
                "label": FIELD_LABELS[name],
                "diff": render_word_diff(word_diff(before, after)),
            }
        )
    return changes


@bp.get("/plans/<slug>/actions/<reference>/history")
def history(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    revisions = db.session.scalars(
        select(ActionRevision)
        .where(ActionRevision.action_id == action.id)
        .order_by(ActionRevision.number)
        .options(selectinload(ActionRevision.author))
    ).all()
    by_number = {r.number: r for r in revisions}
    newest = revisions[-1].number
    to_number = request.args.get("to", newest, type=int)
    from_number = request.args.get("from", max(to_number - 1, 1), type=int)
    if from_number not in by_number or to_number not in by_number:
        abort_with(404, _("This action has no such revision."))
    names = PlanNames.of(plan)
    changes = field_changes(
        Fiche(by_number[from_number].content, names), Fiche(by_number[to_number].content, names)
    )
    return render_template(
        "actions/history.html",
        plan=plan,
        action=action,
        revisions=revisions,
        from_revision=by_number[from_number],
        to_revision=by_number[to_number],
        changes=changes,
    )


def _amendment(action: Action, amendment_id: int) -> Amendment:
    amendment = db.session.get(Amendment, amendment_id)
    if amendment is None or amendment.action_id != action.id:
        abort(404)
    return amendment


@bp.route("/plans/<slug>/actions/<reference>/amendments/new", methods=["GET", "POST"])
def new_amendment(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    require(can_amend_action(current_user, action))
    if not action.is_amendable:
        abort_with(409, ERRORS["not_amendable"]({"status": action.status}))
    form = _fiche_form(AmendmentForm, plan, action, action.current_revision.content)
    if (already := _already_sent(form, _fiche_url(action))) is not None:
        return already
    content = _save_fiche(form, plan)
    if content is not None:
        try:
            amendment = services.propose_amendment(
                action, current_user, content, form.rationale.data
            )
        except services.ActionError as error:
            form.form_errors.append(error_message(error))
        else:
            url = url_for(
                "actions.amendment", slug=slug, reference=reference, amendment_id=amendment.id
            )
            services.record_form_result(form.form_token.data, url)
            db.session.commit()
            flash(_("Your amendment is proposed to the author of the action."), "success")
            return redirect(url)
    db.session.rollback()
    status = 422 if form.is_submitted() else 200
    return render_template(
        "actions/form.html", plan=plan, form=form, action=action, mode="amend"
    ), status


@bp.get("/plans/<slug>/actions/<reference>/amendments/<int:amendment_id>")
def amendment(slug: str, reference: str, amendment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    amendment = _amendment(action, amendment_id)
    names = PlanNames.of(plan)
    proposed = Fiche(amendment.content, names)
    changes = field_changes(Fiche(amendment.base_revision.content, names), proposed)
    stale = amendment.status == AmendmentStatus.OPEN and services.amendment_is_stale(amendment)
    moved_on = (
        field_changes(
            Fiche(amendment.base_revision.content, names),
            Fiche(action.current_revision.content, names),
        )
        if stale
        else []
    )
    return render_template(
        "actions/amendment.html",
        plan=plan,
        action=action,
        amendment=amendment,
        changes=changes,
        stale=stale,
        moved_on=moved_on,
        decision_form=DecisionForm(),
    )


@bp.route(
    "/plans/<slug>/actions/<reference>/amendments/<int:amendment_id>/edit",
    methods=["GET", "POST"],
)
def edit_amendment(slug: str, reference: str, amendment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    amendment = _amendment(action, amendment_id)
    require(
        current_user.is_authenticated
        and amendment.author_id == current_user.id
        and can_amend_action(current_user, action)
    )
    if amendment.status != AmendmentStatus.OPEN:
        abort_with(409, _("This amendment is no longer open."))
    form = _fiche_form(
        AmendmentForm, plan, action, amendment.content, rationale=amendment.rationale
    )
    content = _save_fiche(form, plan)
    if content is not None:
        services.update_amendment(amendment, content, form.rationale.data)
        db.session.commit()
        flash(_("Your amendment is updated on the current revision."), "success")
        return redirect(
            url_for("actions.amendment", slug=slug, reference=reference, amendment_id=amendment.id)
        )
    status = 422 if form.is_submitted() else 200
    return render_template(
        "actions/form.html",
        plan=plan,
        form=form,
        action=action,
        mode="amend",
        amendment=amendment,
    ), status


@bp.post("/plans/<slug>/actions/<reference>/amendments/<int:amendment_id>/decide")
def decide_amendment(slug: str, reference: str, amendment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    amendment = _amendment(action, amendment_id)
    require(can_decide_amendment(current_user, action))
    form = DecisionForm()
    accept = request.form.get("decision") == "accept"
    if not form.validate_on_submit() or request.form.get("decision") not in ("accept", "reject"):
        abort_with(422, _("Choose to accept or reject the amendment."))
    try:
        services.decide_amendment(amendment, current_user, accept, form.reason.data or "")
    except services.ActionError as error:
        abort_with(409, error_message(error))
    db.session.commit()
    flash(
        _(
            "The amendment is accepted: it is revision %(n)d of the action.",
            n=action.current_revision.number,
        )
        if accept
        else _("The amendment is rejected."),
        "success",
    )
    return redirect(_fiche_url(action, "amendements"))


@bp.post("/plans/<slug>/actions/<reference>/amendments/<int:amendment_id>/withdraw")
def withdraw_amendment(slug: str, reference: str, amendment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    amendment = _amendment(action, amendment_id)
    require(current_user.is_authenticated and amendment.author_id == current_user.id)
    try:
        services.withdraw_amendment(amendment)
    except services.ActionError as error:
        abort_with(409, error_message(error))
    db.session.commit()
    flash(_("Your amendment is withdrawn."), "success")
    return redirect(_fiche_url(action, "amendements"))


@bp.post("/plans/<slug>/actions/<reference>/comments")
def comment(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    require(can_comment_action(current_user, action))
    form = CommentForm()
    if (already := _already_sent(form, _fiche_url(action))) is not None:
        return already
    if form.validate_on_submit():
        parent = None
        if form.parent_id.data:
            parent = (
                db.session.get(Comment, int(form.parent_id.data))
                if form.parent_id.data.isdigit()
                else None
            )
            if parent is None or parent.action_id != action.id:
                abort(404)
        try:
            created = services.add_comment(
                action, current_user, form.stance.data, form.body.data, parent
            )
        except services.ActionError as error:
            abort_with(409, error_message(error))
        url = _fiche_url(action, f"commentaire-{created.id}")
        services.record_form_result(form.form_token.data, url)
        db.session.commit()
        flash(_("Your comment is published."), "success")
        return redirect(url)
    db.session.rollback()
    return _fiche_page(plan, action, form, 422)


def _comment(action: Action, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.action_id != action.id:
        abort(404)
    return comment


@bp.route(
    "/plans/<slug>/actions/<reference>/comments/<int:comment_id>/edit", methods=["GET", "POST"]
)
def edit_comment(slug: str, reference: str, comment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    comment = _comment(action, comment_id)
    require(
        current_user.is_authenticated
        and comment.author_id == current_user.id
        and comment.hidden_at is None
    )
    form = CommentEditForm(obj=comment)
    if form.validate_on_submit():
        services.edit_comment(comment, form.body.data, plan.id)
        db.session.commit()
        flash(_("Your comment is updated."), "success")
        return redirect(_fiche_url(action, f"commentaire-{comment.id}"))
    return render_template(
        "form_page.html",
        plan=plan,
        form=form,
        heading=_("Edit my comment on %(ref)s", ref=action.reference),
        cancel_url=_fiche_url(action, f"commentaire-{comment.id}"),
    ), 422 if form.errors else 200


@bp.route(
    "/plans/<slug>/actions/<reference>/comments/<int:comment_id>/hide", methods=["GET", "POST"]
)
def hide_comment(slug: str, reference: str, comment_id: int):
    plan = _plan(slug)
    action = _action(plan, reference)
    comment = _comment(action, comment_id)
    require(can_moderate(current_user, plan))
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            services.hide_comment(comment, current_user, form.reason.data, plan.id)
        except services.ActionError as error:
            abort_with(409, error_message(error))
        db.session.commit()
        flash(_("The comment is hidden. Its text is kept."), "success")
        return redirect(_fiche_url(action, f"commentaire-{comment.id}"))
    return render_template(
        "form_page.html",
        plan=plan,
        form=form,
        heading=_("Hide a comment on %(ref)s", ref=action.reference),
        cancel_url=_fiche_url(action, f"commentaire-{comment.id}"),
        submit_label=_("Hide the comment"),
    ), 422 if form.errors else 200


@bp.route("/plans/<slug>/actions/<reference>/merge", methods=["GET", "POST"])
def merge(slug: str, reference: str):
    plan = _plan(slug)
    action = _action(plan, reference)
    require(can_merge_actions(current_user, plan))
    if not action.can_become(ActionStatus.MERGED):
        abort_with(
            409,
            ERRORS["transition"]({"source": action.status, "target": ActionStatus.MERGED}),
        )
    form = MergeForm()
    if form.validate_on_submit():
        target = db.session.scalar(
            select(Action).where(
                Action.plan_id == plan.id, Action.reference == form.target.data.strip()
            )
        )
        if target is None:
            form.target.errors.append(_("No action of this plan has this reference."))
        else:
            try:
                services.merge_action(action, target)
            except services.ActionError as error:
                form.target.errors.append(error_message(error))
            else:
                db.session.commit()
                flash(
                    _(
                        "Action %(ref)s is merged into %(target)s.",
                        ref=action.reference,
                        target=target.reference,
                    ),
                    "success",
                )
                return redirect(_fiche_url(action))
    return render_template(
        "form_page.html",
        plan=plan,
        form=form,
        heading=_("Merge action %(ref)s into another", ref=action.reference),
        cancel_url=_fiche_url(action),
        submit_label=_("Merge"),
    ), 422 if form.errors else 200


@bp.route("/plans/<slug>/notifications", methods=["GET", "POST"])
def notifications(slug: str):
    plan = load_plan(slug)
    require(current_user.is_authenticated)
    mine = (Notification.user_id == current_user.id) & (Notification.plan_id == plan.id)
    if request.method == "POST":
        db.session.execute(
            Notification.__table__.update()
            .where(mine, Notification.read_at.is_(None))
            .values(read_at=services.now())
        )
        db.session.commit()
        return redirect(url_for("actions.notifications", slug=slug))
    items = db.session.scalars(
        select(Notification)
        .where(mine)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(100)
        .options(selectinload(Notification.action), selectinload(Notification.actor))
    ).all()
    return render_template("actions/notifications.html", plan=plan, items=items)
