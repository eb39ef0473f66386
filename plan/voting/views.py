"""Voting pages: the plan's consensus rules."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from plan.access import form_values, load_plan, require
from plan.extensions import db
from plan.frame.models import Plan
from plan.frame.services import update_plan
from plan.permissions import can_edit_frame
from plan.voting.explain import explain_majority_judgment
from plan.voting.forms import ConsensusForm
from plan.voting.labels import GRADE_LABELS
from plan.voting.rules import rules_for, worked_example

bp = Blueprint("voting", __name__)

RULE_FIELDS = (
    "voting_method",
    "quorum_voters",
    "quorum_colleges",
    "adoption_threshold",
    "veto_threshold",
    "veto_min_voters",
    "approval_adoption",
    "approval_college_min",
    "approval_rejection",
    "dots_per_voter",
    "dots_per_item",
)


@bp.route("/plans/<slug>/consensus", methods=["GET", "POST"])
def consensus(slug: str):
    plan = load_plan(slug, selectinload(Plan.colleges))
    require(can_edit_frame(current_user, plan))
    form = ConsensusForm(obj=plan)
    if form.validate_on_submit():
        update_plan(plan, form_values(form, *RULE_FIELDS))
        db.session.commit()
        flash(_("The consensus rules are saved."), "success")
        return redirect(url_for("voting.consensus", slug=slug))
    example = worked_example(plan, rules_for(plan))
    return render_template(
        "voting/consensus.html",
        plan=plan,
        form=form,
        example=example,
        explanation=explain_majority_judgment(example.explanation.to_dict()) if example else None,
        grade_labels=GRADE_LABELS,
    ), 422 if form.errors else 200
