"""Pages of the company commitments: the list with its totals, adding and removing one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from plan.access import get_or_404, load_plan, require
from plan.actions.presenting import euros
from plan.commitments import services
from plan.commitments.forms import WHOLE_PLAN, CommitmentForm
from plan.commitments.models import COMMITMENT_KIND_LABELS, CommitmentKind, CompanyCommitment
from plan.extensions import db
from plan.frame.models import SIZE_CLASS_LABELS, Plan, SizeClass
from plan.permissions import can_manage_commitments
from plan.rendering import render_form

bp = Blueprint("commitments", __name__)


def _list_url(plan: Plan, anchor: str | None = None) -> str:
    return url_for("commitments.index", slug=plan.slug, _anchor=anchor)


def _size_label(key: str) -> str:
    if key == services.NO_SIZE:
        return _("No size class (social economy enterprises and others)")
    return str(SIZE_CLASS_LABELS[SizeClass(key)])


@bp.get("/plans/<slug>/commitments")
def index(slug: str):
    plan = load_plan(slug)
    summary = services.summarise(services.commitments_of(plan))
    return render_template(
        "commitments/list.html",
        plan=plan,
        summary=summary,
        size_label=_size_label,
        euros=euros,
        kind_labels={kind.value: label for kind, label in COMMITMENT_KIND_LABELS.items()},
    )


@bp.route("/plans/<slug>/commitments/new", methods=["GET", "POST"])
def new(slug: str):
    plan = load_plan(slug, selectinload(Plan.organizations))
    require(can_manage_commitments(current_user, plan))
    actions = services.committable_actions(plan)
    form = CommitmentForm()
    form.setup(plan.organizations, actions)
    if request.method == "GET":
        form.action_id.data = request.args.get("action", WHOLE_PLAN, type=int)
    if form.validate_on_submit():
        organization = next(o for o in plan.organizations if o.id == form.organization_id.data)
        action = next((a for a in actions if a.id == form.action_id.data), None)
        services.add_commitment(
            plan,
            organization,
            action,
            CommitmentKind(form.kind.data),
            form.description.data,
            form.valuation_cents(),
            current_user,
        )
        db.session.commit()
        flash(_("The commitment of %(name)s is recorded.", name=organization.name), "success")
        return redirect(_list_url(plan, f"structure-{organization.id}"))
    return render_form(
        "commitments/form.html",
        form,
        plan=plan,
        cancel_url=_list_url(plan),
    )


@bp.post("/plans/<slug>/commitments/<int:commitment_id>/delete")
def delete(slug: str, commitment_id: int):
    plan = load_plan(slug)
    require(can_manage_commitments(current_user, plan))
    commitment = get_or_404(
        CompanyCommitment, commitment_id, plan=plan, plan_of=lambda c: c.plan_id
    )
    name = commitment.organization.name
    services.delete_commitment(commitment, current_user)
    db.session.commit()
    flash(_("The commitment of %(name)s is removed.", name=name), "success")
    return redirect(_list_url(plan))
