"""Pages of the plan frame: plans, challenges, objectives, indicators, colleges, zones,
organisations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from plan.access import form_values, get_or_404, load_plan, require
from plan.actions import summary
from plan.extensions import db
from plan.frame import services
from plan.frame.forms import (
    ChallengeForm,
    CollegesForm,
    IndicatorForm,
    NewPlanForm,
    ObjectiveForm,
    OrganizationForm,
    PlanForm,
    ZoneForm,
)
from plan.frame.models import (
    MAX_CHALLENGES,
    Challenge,
    College,
    Indicator,
    Objective,
    Organization,
    Plan,
    PriorityZone,
    Visibility,
)
from plan.members.models import Membership
from plan.members.services import member_counts
from plan.permissions import can_create_plan, can_edit_frame, is_admin
from plan.rendering import render_form
from plan.voting.services import open_ballots
from plan.workshops.services import next_workshop

bp = Blueprint("frame", __name__)

PLAN_FIELDS = (
    "title",
    "territory_name",
    "territory_scale",
    "first_year",
    "last_year",
    "summary",
    "visibility",
)


def _challenge_plan(challenge: Challenge) -> int:
    return challenge.plan_id


def _objective_plan(objective: Objective) -> int:
    return objective.challenge.plan_id


def _indicator_plan(indicator: Indicator) -> int:
    return indicator.objective.challenge.plan_id


def _plan_of(obj: PriorityZone | Organization | College) -> int:
    return obj.plan_id


def _home_url(plan: Plan, anchor: str | None = None) -> str:
    return url_for("frame.home", slug=plan.slug, _anchor=anchor)


def _form_page(form, plan: Plan | None, heading: str, cancel_url: str, **extra):
    return render_form(
        "form_page.html", form, plan=plan, heading=heading, cancel_url=cancel_url, **extra
    )


@bp.get("/")
def index():
    query = select(Plan).order_by(Plan.title)
    if not is_admin(current_user):
        visible = Plan.visibility == Visibility.PUBLIC
        if current_user.is_authenticated:
            mine = select(Membership.plan_id).where(Membership.user_id == current_user.id)
            visible = visible | Plan.id.in_(mine)
        query = query.where(visible)
    plans = db.session.scalars(query).all()
    return render_template("frame/index.html", plans=plans)


@bp.route("/plans/new", methods=["GET", "POST"])
def new_plan():
    require(can_create_plan(current_user))
    form = NewPlanForm()
    form.lead_organization_id.choices = [SelectChoice(0, _("None yet"))]
    if request.method == "GET":
        form.visibility.data = Visibility.MEMBERS.value
    if form.validate_on_submit():
        if services.slug_is_taken(form.slug.data):
            form.slug.errors.append(_("This short name is already used by another plan."))
        else:
            plan = services.create_plan(form_values(form, "slug", *PLAN_FIELDS))
            db.session.commit()
            flash(_("The plan is created. Set its challenges, colleges and zones."), "success")
            return redirect(_home_url(plan))
    return _form_page(form, None, _("New plan"), url_for("frame.index"))


@bp.get("/plans/<slug>")
def home(slug: str):
    plan = load_plan(
        slug,
        selectinload(Plan.challenges)
        .selectinload(Challenge.objectives)
        .selectinload(Objective.indicators),
        selectinload(Plan.zones),
        selectinload(Plan.colleges),
        selectinload(Plan.lead_organization),
    )
    members = member_counts(plan.id)
    organization_count = db.session.scalar(
        select(func.count(Organization.id)).where(Organization.plan_id == plan.id)
    )
    budget = summary.budget_by_year(plan.id)
    return render_template(
        "frame/home.html",
        open_ballots=open_ballots(plan),
        next_workshop=next_workshop(plan),
        action_counts=summary.status_counts(plan.id),
        budget=budget,
        budget_max=max(budget.values(), default=0),
        plan=plan,
        member_counts=members,
        member_count=sum(members.values()),
        organization_count=organization_count,
        max_challenges=MAX_CHALLENGES,
    )


@bp.route("/plans/<slug>/settings", methods=["GET", "POST"])
def settings(slug: str):
    plan = load_plan(slug, selectinload(Plan.organizations))
    require(can_edit_frame(current_user, plan))
    form = PlanForm(obj=plan)
    form.lead_organization_id.choices = [SelectChoice(0, _("None yet"))] + [
        SelectChoice(org.id, org.name) for org in plan.organizations
    ]
    if request.method == "GET":
        form.lead_organization_id.data = plan.lead_organization_id or 0
    if form.validate_on_submit():
        values = form_values(form, *PLAN_FIELDS)
        values["lead_organization_id"] = form.lead_organization_id.data or None
        services.update_plan(plan, values)
        db.session.commit()
        flash(_("The plan is updated."), "success")
        return redirect(_home_url(plan))
    return _form_page(form, plan, _("Settings of the plan"), url_for("frame.home", slug=slug))


@dataclass(frozen=True)
class FrameObject:
    """How one kind of frame object is added, edited and removed from its pages."""

    kind: str  # names the journal actions: "<kind>.create", "<kind>.update", "<kind>.delete"
    form: type[FlaskForm]
    fields: tuple[str, ...]
    added: LazyString
    updated: LazyString
    removed: LazyString


CHALLENGES = FrameObject(
    "challenge",
    ChallengeForm,
    ("position", "title", "dimension", "description"),
    _l("The challenge is added."),
    _l("The challenge is updated."),
    _l("The challenge is removed."),
)
OBJECTIVES = FrameObject(
    "objective",
    ObjectiveForm,
    ("title", "description"),
    _l("The objective is added."),
    _l("The objective is updated."),
    _l("The objective is removed."),
)
INDICATORS = FrameObject(
    "indicator",
    IndicatorForm,
    (
        "name",
        "unit",
        "kind",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "source",
    ),
    _l("The indicator is added."),
    _l("The indicator is updated."),
    _l("The indicator is removed."),
)
ZONES = FrameObject(
    "zone",
    ZoneForm,
    ("name", "kind", "rationale"),
    _l("The priority territory is added."),
    _l("The priority territory is updated."),
    _l("The priority territory is removed."),
)
ORGANIZATIONS = FrameObject(
    "organization",
    OrganizationForm,
    ("name", "kind", "size_class", "siret", "website"),
    _l("The organisation is added."),
    _l("The organisation is updated."),
    _l("The organisation is removed."),
)


def _edit_page(
    spec: FrameObject,
    plan: Plan,
    obj: Any | None,
    *,
    create: Callable[[dict[str, Any]], Any],
    heading: str,
    done_url: str,
    delete_url: str | None,
    check: Callable[[FlaskForm], bool] | None = None,
    clean: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    prepare: Callable[[FlaskForm], None] | None = None,
):
    """The add or edit page of a frame object: validate, save, one commit, redirect."""
    form = spec.form(obj=obj)
    if prepare is not None and request.method == "GET":
        prepare(form)
    if form.validate_on_submit() and (check is None or check(form)):
        values = form_values(form, *spec.fields)
        if clean is not None:
            values = clean(values)
        if obj is None:
            create(values)
            flash(str(spec.added), "success")
        else:
            services.update_object(obj, plan.id, values, f"{spec.kind}.update")
            flash(str(spec.updated), "success")
        db.session.commit()
        return redirect(done_url)
    cancel_url = url_for("frame.home", slug=plan.slug)
    return _form_page(form, plan, heading, cancel_url, delete_url=delete_url)


def _delete(spec: FrameObject, plan: Plan, obj: Any, label: str, done_url: str):
    services.delete_object(obj, plan.id, f"{spec.kind}.delete", label)
    db.session.commit()
    flash(str(spec.removed), "success")
    return redirect(done_url)


def _frame_editor(slug: str, *options: Any) -> Plan:
    plan = load_plan(slug, *options)
    require(can_edit_frame(current_user, plan))
    return plan


def _challenge_page(plan: Plan, challenge: Challenge | None):
    def position_is_valid(form: FlaskForm) -> bool:
        if challenge is None and len(plan.challenges) >= MAX_CHALLENGES:
            form.position.errors.append(
                _("A plan has at most three challenges. Edit or remove one first.")
            )
            return False
        if not services.position_is_free(plan, form.position.data, challenge):
            form.position.errors.append(
                _("Challenge %(n)d already exists. Choose another number.", n=form.position.data)
            )
            return False
        return True

    def first_free_position(form: FlaskForm) -> None:
        free = [p for p in range(1, MAX_CHALLENGES + 1) if services.position_is_free(plan, p)]
        form.position.data = free[0] if free else 1

    position = request.form.get("position", type=int) or (challenge and challenge.position)
    return _edit_page(
        CHALLENGES,
        plan,
        challenge,
        create=lambda values: services.add_challenge(plan, values),
        check=position_is_valid,
        prepare=first_free_position if challenge is None else None,
        heading=_("New challenge")
        if challenge is None
        else _("Edit challenge %(n)d", n=challenge.position),
        done_url=_home_url(plan, f"defi-{position}"),
        delete_url=url_for("frame.delete_challenge", slug=plan.slug, challenge_id=challenge.id)
        if challenge
        else None,
    )


@bp.route("/plans/<slug>/challenges/new", methods=["GET", "POST"])
def new_challenge(slug: str):
    plan = _frame_editor(slug, selectinload(Plan.challenges))
    return _challenge_page(plan, None)


@bp.route("/plans/<slug>/challenges/<int:challenge_id>/edit", methods=["GET", "POST"])
def edit_challenge(slug: str, challenge_id: int):
    plan = _frame_editor(slug, selectinload(Plan.challenges))
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    return _challenge_page(plan, challenge)


@bp.post("/plans/<slug>/challenges/<int:challenge_id>/delete")
def delete_challenge(slug: str, challenge_id: int):
    plan = _frame_editor(slug)
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    return _delete(CHALLENGES, plan, challenge, challenge.title, _home_url(plan))


def _objective_page(plan: Plan, challenge: Challenge, objective: Objective | None):
    return _edit_page(
        OBJECTIVES,
        plan,
        objective,
        create=lambda values: services.add_objective(challenge, values),
        heading=_("New objective for challenge %(n)d", n=challenge.position)
        if objective is None
        else _("Edit objective"),
        done_url=_home_url(plan, f"defi-{challenge.position}"),
        delete_url=url_for("frame.delete_objective", slug=plan.slug, objective_id=objective.id)
        if objective
        else None,
    )


@bp.route("/plans/<slug>/challenges/<int:challenge_id>/objectives/new", methods=["GET", "POST"])
def new_objective(slug: str, challenge_id: int):
    plan = _frame_editor(slug)
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    return _objective_page(plan, challenge, None)


@bp.route("/plans/<slug>/objectives/<int:objective_id>/edit", methods=["GET", "POST"])
def edit_objective(slug: str, objective_id: int):
    plan = _frame_editor(slug)
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    return _objective_page(plan, objective.challenge, objective)


@bp.post("/plans/<slug>/objectives/<int:objective_id>/delete")
def delete_objective(slug: str, objective_id: int):
    plan = _frame_editor(slug)
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    return _delete(OBJECTIVES, plan, objective, objective.title, _home_url(plan))


def _indicator_page(plan: Plan, objective: Objective, indicator: Indicator | None):
    return _edit_page(
        INDICATORS,
        plan,
        indicator,
        create=lambda values: services.add_indicator(objective, values),
        heading=_("New indicator for « %(objective)s »", objective=objective.title)
        if indicator is None
        else _("Edit indicator"),
        done_url=_home_url(plan, f"defi-{objective.challenge.position}"),
        delete_url=url_for("frame.delete_indicator", slug=plan.slug, indicator_id=indicator.id)
        if indicator
        else None,
    )


@bp.route("/plans/<slug>/objectives/<int:objective_id>/indicators/new", methods=["GET", "POST"])
def new_indicator(slug: str, objective_id: int):
    plan = _frame_editor(slug)
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    return _indicator_page(plan, objective, None)


@bp.route("/plans/<slug>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
def edit_indicator(slug: str, indicator_id: int):
    plan = _frame_editor(slug)
    indicator = get_or_404(Indicator, indicator_id, plan=plan, plan_of=_indicator_plan)
    return _indicator_page(plan, indicator.objective, indicator)


@bp.post("/plans/<slug>/indicators/<int:indicator_id>/delete")
def delete_indicator(slug: str, indicator_id: int):
    plan = _frame_editor(slug)
    indicator = get_or_404(Indicator, indicator_id, plan=plan, plan_of=_indicator_plan)
    return _delete(INDICATORS, plan, indicator, indicator.name, _home_url(plan))


@bp.route("/plans/<slug>/colleges", methods=["GET", "POST"])
def colleges(slug: str):
    plan = load_plan(slug, selectinload(Plan.colleges))
    require(can_edit_frame(current_user, plan))
    member_counts = dict(
        db.session.execute(
            select(Membership.college_id, func.count(Membership.id))
            .where(Membership.plan_id == plan.id)
            .group_by(Membership.college_id)
        ).all()
    )
    form = CollegesForm(weighting=plan.college_weighting)
    if request.method == "GET":
        rows = [{"college_id": c.id, "name": c.name, "weight": c.weight} for c in plan.colleges]
        rows.append({"college_id": "", "name": "", "weight": None})
        form = CollegesForm(data={"colleges": rows}, weighting=plan.college_weighting)
    if form.validate_on_submit():
        # A hidden id that is not one of the plan's colleges (another plan's, made up,
        # not a number) names no college: the row is a new one.
        known = {str(c.id): c.id for c in plan.colleges}
        rows = []
        for row in form.colleges:
            college_id = known.get((row.form.college_id.data or "").strip())
            rows.append(
                {
                    "college_id": college_id,
                    "name": row.form.name.data or "",
                    "weight": row.form.weight.data,
                    "remove": bool(row.form.remove.data) or not (row.form.name.data or "").strip(),
                }
            )
        in_use = [
            row
            for row in rows
            if row["remove"] and row["college_id"] and member_counts.get(row["college_id"])
        ]
        if in_use:
            form.form_errors.append(
                _("A college that still has members cannot be removed: move them first.")
            )
        else:
            services.save_colleges(plan, rows)
            db.session.commit()
            flash(_("The colleges are saved."), "success")
            return redirect(url_for("frame.colleges", slug=slug))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "frame/colleges.html", plan=plan, form=form, member_counts=member_counts
    ), status


def _zone_page(plan: Plan, zone: PriorityZone | None):
    def name_is_free(form: FlaskForm) -> bool:
        if any(z.name == form.name.data and z is not zone for z in plan.zones):
            form.name.errors.append(_("This territory is already listed."))
            return False
        return True

    return _edit_page(
        ZONES,
        plan,
        zone,
        create=lambda values: services.add_zone(plan, values),
        check=name_is_free,
        heading=_("New priority territory") if zone is None else _("Edit priority territory"),
        done_url=_home_url(plan, "territoires"),
        delete_url=url_for("frame.delete_zone", slug=plan.slug, zone_id=zone.id) if zone else None,
    )


@bp.route("/plans/<slug>/zones/new", methods=["GET", "POST"])
def new_zone(slug: str):
    plan = _frame_editor(slug, selectinload(Plan.zones))
    return _zone_page(plan, None)


@bp.route("/plans/<slug>/zones/<int:zone_id>/edit", methods=["GET", "POST"])
def edit_zone(slug: str, zone_id: int):
    plan = _frame_editor(slug, selectinload(Plan.zones))
    zone = get_or_404(PriorityZone, zone_id, plan=plan, plan_of=_plan_of)
    return _zone_page(plan, zone)


@bp.post("/plans/<slug>/zones/<int:zone_id>/delete")
def delete_zone(slug: str, zone_id: int):
    plan = _frame_editor(slug)
    zone = get_or_404(PriorityZone, zone_id, plan=plan, plan_of=_plan_of)
    return _delete(ZONES, plan, zone, zone.name, _home_url(plan, "territoires"))


@bp.get("/plans/<slug>/organizations")
def organizations(slug: str):
    plan = load_plan(slug, selectinload(Plan.organizations))
    member_counts = dict(
        db.session.execute(
            select(Membership.organization_id, func.count(Membership.id))
            .where(Membership.plan_id == plan.id)
            .group_by(Membership.organization_id)
        ).all()
    )
    return render_template("frame/organizations.html", plan=plan, member_counts=member_counts)


def _organization_page(plan: Plan, organization: Organization | None):
    def name_is_free(form: FlaskForm) -> bool:
        name = form.name.data.casefold()
        if any(o.name.casefold() == name and o is not organization for o in plan.organizations):
            form.name.errors.append(_("An organisation of this plan already has this name."))
            return False
        return True

    def clean(values: dict[str, Any]) -> dict[str, Any]:
        return {
            **values,
            "size_class": values["size_class"] or None,
            "website": values["website"] or None,
        }

    return _edit_page(
        ORGANIZATIONS,
        plan,
        organization,
        create=lambda values: services.add_organization(plan, values),
        check=name_is_free,
        clean=clean,
        heading=_("New organisation") if organization is None else _("Edit organisation"),
        done_url=url_for("frame.organizations", slug=plan.slug),
        delete_url=url_for(
            "frame.delete_organization", slug=plan.slug, organization_id=organization.id
        )
        if organization
        else None,
    )


@bp.route("/plans/<slug>/organizations/new", methods=["GET", "POST"])
def new_organization(slug: str):
    plan = _frame_editor(slug, selectinload(Plan.organizations))
    return _organization_page(plan, None)


@bp.route("/plans/<slug>/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
def edit_organization(slug: str, organization_id: int):
    plan = _frame_editor(slug, selectinload(Plan.organizations))
    organization = get_or_404(Organization, organization_id, plan=plan, plan_of=_plan_of)
    return _organization_page(plan, organization)


@bp.post("/plans/<slug>/organizations/<int:organization_id>/delete")
def delete_organization(slug: str, organization_id: int):
    plan = _frame_editor(slug)
    organization = get_or_404(Organization, organization_id, plan=plan, plan_of=_plan_of)
    return _delete(
        ORGANIZATIONS,
        plan,
        organization,
        organization.name,
        url_for("frame.organizations", slug=slug),
    )
