"""Voting pages: the plan's consensus rules."""

from __future__ import annotations

from fractions import Fraction

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from plan.access import form_values, load_plan, require
from plan.extensions import db
from plan.frame.models import Plan
from plan.frame.services import update_plan
from plan.permissions import can_edit_frame
from plan.voting.counting import GRADES
from plan.voting.explain import explain, gauge_label, percent, share
from plan.voting.forms import ConsensusForm
from plan.voting.labels import CHOICE_LABELS, GRADE_LABELS
from plan.voting.rules import rules_for, worked_examples

bp = Blueprint("voting", __name__)

RULE_FIELDS = (
    "voting_method",
    "quorum_voters",
    "quorum_colleges",
    "college_weighting",
    "adoption_threshold",
    "veto_threshold",
    "veto_min_voters",
    "approval_adoption",
    "approval_college_min",
    "approval_rejection",
    "dots_per_voter",
    "dots_per_item",
)


def dot_score(value: str) -> str:
    """A weighted dot score ("5/3") as a French decimal: « 1,67 »."""
    return format_decimal(float(Fraction(value)), "#,##0.##")


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
    return render_template(
        "voting/consensus.html",
        plan=plan,
        form=form,
        examples=worked_examples(plan, rules_for(plan)),
        explain=explain,
        share=share,
        percent=percent,
        gauge_label=gauge_label,
        dot_score=dot_score,
        grades=GRADES,
        grade_labels=GRADE_LABELS,
        choice_labels=CHOICE_LABELS,
    ), 422 if form.errors else 200
