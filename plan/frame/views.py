"""Pages of the plan frame: plans, challenges, objectives, indicators, colleges, zones,
organisations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from plan.access import form_values, get_or_404, load_plan, require
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
from plan.permissions import can_create_plan, can_edit_frame, is_admin
from plan.rendering import render_form

bp = Blueprint("frame", __name__)

PLAN_FIELDS = (
    "title",
    "territory_name",
    "territory_scale",
    "first_year",
    "last_year",
    "summary",
    "visibility",
    "college_weighting",
)
CHALLENGE_FIELDS = ("position", "title", "dimension", "description")
OBJECTIVE_FIELDS = ("title", "description")
INDICATOR_FIELDS = (
    "name",
    "unit",
    "kind",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "source",
)
ZONE_FIELDS = ("name", "kind", "rationale")
ORGANIZATION_FIELDS = ("name", "kind", "size_class", "siret", "website")


def _challenge_plan(challenge: Challenge) -> int:
    return challenge.plan_id


def _objective_plan(objective: Objective) -> int:
    return objective.challenge.plan_id


def _indicator_plan(indicator: Indicator) -> int:
    return indicator.objective.challenge.plan_id


def _plan_of(obj: PriorityZone | Organization | College) -> int:
    return obj.plan_id


def _home(plan: Plan, anchor: str | None = None):
    return redirect(url_for("frame.home", slug=plan.slug, _anchor=anchor))


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
        form.college_weighting.data = True
        form.visibility.data = Visibility.MEMBERS.value
    if form.validate_on_submit():
        if services.slug_is_taken(form.slug.data):
            form.slug.errors.append(_("This short name is already used by another plan."))
        else:
            plan = services.create_plan(form_values(form, "slug", *PLAN_FIELDS))
            db.session.commit()
            flash(_("The plan is created. Set its challenges, colleges and zones."), "success")
            return _home(plan)
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
    memberships = db.session.scalars(
        select(Membership)
        .where(Membership.plan_id == plan.id)
        .options(selectinload(Membership.user), selectinload(Membership.organization))
    ).all()
    members_by_college: dict[int | None, list[Membership]] = {}
    for membership in sorted(memberships, key=lambda m: m.user.display_name.casefold()):
        members_by_college.setdefault(membership.college_id, []).append(membership)
    organization_count = db.session.scalar(
        select(func.count(Organization.id)).where(Organization.plan_id == plan.id)
    )
    return render_template(
        "frame/home.html",
        plan=plan,
        members_by_college=members_by_college,
        member_count=len(memberships),
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
        return _home(plan)
    return _form_page(form, plan, _("Settings of the plan"), url_for("frame.home", slug=slug))


def _challenge_form(plan: Plan, challenge: Challenge | None):
    form = ChallengeForm(obj=challenge)
    if challenge is None and request.method == "GET":
        free = [p for p in range(1, MAX_CHALLENGES + 1) if services.position_is_free(plan, p)]
        form.position.data = free[0] if free else 1
    if form.validate_on_submit():
        if challenge is None and len(plan.challenges) >= MAX_CHALLENGES:
            form.position.errors.append(
                _("A plan has at most three challenges. Edit or remove one first.")
            )
        elif not services.position_is_free(plan, form.position.data, challenge):
            form.position.errors.append(
                _("Challenge %(n)d already exists. Choose another number.", n=form.position.data)
            )
        else:
            values = form_values(form, *CHALLENGE_FIELDS)
            if challenge is None:
                services.add_challenge(plan, values)
                flash(_("The challenge is added."), "success")
            else:
                services.update_object(challenge, plan.id, values, "challenge.update")
                flash(_("The challenge is updated."), "success")
            db.session.commit()
            return _home(plan, f"defi-{form.position.data}")
    heading = (
        _("New challenge") if challenge is None else _("Edit challenge %(n)d", n=challenge.position)
    )
    delete_url = (
        url_for("frame.delete_challenge", slug=plan.slug, challenge_id=challenge.id)
        if challenge
        else None
    )
    return _form_page(
        form, plan, heading, url_for("frame.home", slug=plan.slug), delete_url=delete_url
    )


@bp.route("/plans/<slug>/challenges/new", methods=["GET", "POST"])
def new_challenge(slug: str):
    plan = load_plan(slug, selectinload(Plan.challenges))
    require(can_edit_frame(current_user, plan))
    return _challenge_form(plan, None)


@bp.route("/plans/<slug>/challenges/<int:challenge_id>/edit", methods=["GET", "POST"])
def edit_challenge(slug: str, challenge_id: int):
    plan = load_plan(slug, selectinload(Plan.challenges))
    require(can_edit_frame(current_user, plan))
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    return _challenge_form(plan, challenge)


@bp.post("/plans/<slug>/challenges/<int:challenge_id>/delete")
def delete_challenge(slug: str, challenge_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    services.delete_object(challenge, plan.id, "challenge.delete", challenge.title)
    db.session.commit()
    flash(_("The challenge is removed."), "success")
    return _home(plan)


def _objective_form(plan: Plan, challenge: Challenge, objective: Objective | None):
    form = ObjectiveForm(obj=objective)
    if form.validate_on_submit():
        values = form_values(form, *OBJECTIVE_FIELDS)
        if objective is None:
            services.add_objective(challenge, values)
            flash(_("The objective is added."), "success")
        else:
            services.update_object(objective, plan.id, values, "objective.update")
            flash(_("The objective is updated."), "success")
        db.session.commit()
        return _home(plan, f"defi-{challenge.position}")
    heading = (
        _("New objective for challenge %(n)d", n=challenge.position)
        if objective is None
        else _("Edit objective")
    )
    delete_url = (
        url_for("frame.delete_objective", slug=plan.slug, objective_id=objective.id)
        if objective
        else None
    )
    return _form_page(
        form, plan, heading, url_for("frame.home", slug=plan.slug), delete_url=delete_url
    )


@bp.route("/plans/<slug>/challenges/<int:challenge_id>/objectives/new", methods=["GET", "POST"])
def new_objective(slug: str, challenge_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    challenge = get_or_404(Challenge, challenge_id, plan=plan, plan_of=_challenge_plan)
    return _objective_form(plan, challenge, None)


@bp.route("/plans/<slug>/objectives/<int:objective_id>/edit", methods=["GET", "POST"])
def edit_objective(slug: str, objective_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    return _objective_form(plan, objective.challenge, objective)


@bp.post("/plans/<slug>/objectives/<int:objective_id>/delete")
def delete_objective(slug: str, objective_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    services.delete_object(objective, plan.id, "objective.delete", objective.title)
    db.session.commit()
    flash(_("The objective is removed."), "success")
    return _home(plan)


def _indicator_form(plan: Plan, objective: Objective, indicator: Indicator | None):
    form = IndicatorForm(obj=indicator)
    if form.validate_on_submit():
        values = form_values(form, *INDICATOR_FIELDS)
        if indicator is None:
            services.add_indicator(objective, values)
            flash(_("The indicator is added."), "success")
        else:
            services.update_object(indicator, plan.id, values, "indicator.update")
            flash(_("The indicator is updated."), "success")
        db.session.commit()
        return _home(plan, f"defi-{objective.challenge.position}")
    heading = (
        _("New indicator for « %(objective)s »", objective=objective.title)
        if indicator is None
        else _("Edit indicator")
    )
    delete_url = (
        url_for("frame.delete_indicator", slug=plan.slug, indicator_id=indicator.id)
        if indicator
        else None
    )
    return _form_page(
        form, plan, heading, url_for("frame.home", slug=plan.slug), delete_url=delete_url
    )


@bp.route("/plans/<slug>/objectives/<int:objective_id>/indicators/new", methods=["GET", "POST"])
def new_indicator(slug: str, objective_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    objective = get_or_404(Objective, objective_id, plan=plan, plan_of=_objective_plan)
    return _indicator_form(plan, objective, None)


@bp.route("/plans/<slug>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
def edit_indicator(slug: str, indicator_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    indicator = get_or_404(Indicator, indicator_id, plan=plan, plan_of=_indicator_plan)
    return _indicator_form(plan, indicator.objective, indicator)


@bp.post("/plans/<slug>/indicators/<int:indicator_id>/delete")
def delete_indicator(slug: str, indicator_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    indicator = get_or_404(Indicator, indicator_id, plan=plan, plan_of=_indicator_plan)
    services.delete_object(indicator, plan.id, "indicator.delete", indicator.name)
    db.session.commit()
    flash(_("The indicator is removed."), "success")
    return _home(plan)


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
        known = {c.id for c in plan.colleges}
        rows = []
        for row in form.colleges:
            college_id = int(row.form.college_id.data) if row.form.college_id.data else None
            if college_id is not None and college_id not in known:
                college_id = None
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


def _zone_form(plan: Plan, zone: PriorityZone | None):
    form = ZoneForm(obj=zone)
    if form.validate_on_submit():
        values = form_values(form, *ZONE_FIELDS)
        if any(z.name == values["name"] and z is not zone for z in plan.zones):
            form.name.errors.append(_("This territory is already listed."))
        else:
            if zone is None:
                services.add_zone(plan, values)
                flash(_("The priority territory is added."), "success")
            else:
                services.update_object(zone, plan.id, values, "zone.update")
                flash(_("The priority territory is updated."), "success")
            db.session.commit()
            return _home(plan, "territoires")
    heading = _("New priority territory") if zone is None else _("Edit priority territory")
    delete_url = url_for("frame.delete_zone", slug=plan.slug, zone_id=zone.id) if zone else None
    return _form_page(
        form, plan, heading, url_for("frame.home", slug=plan.slug), delete_url=delete_url
    )


@bp.route("/plans/<slug>/zones/new", methods=["GET", "POST"])
def new_zone(slug: str):
    plan = load_plan(slug, selectinload(Plan.zones))
    require(can_edit_frame(current_user, plan))
    return _zone_form(plan, None)


@bp.route("/plans/<slug>/zones/<int:zone_id>/edit", methods=["GET", "POST"])
def edit_zone(slug: str, zone_id: int):
    plan = load_plan(slug, selectinload(Plan.zones))
    require(can_edit_frame(current_user, plan))
    zone = get_or_404(PriorityZone, zone_id, plan=plan, plan_of=_plan_of)
    return _zone_form(plan, zone)


@bp.post("/plans/<slug>/zones/<int:zone_id>/delete")
def delete_zone(slug: str, zone_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    zone = get_or_404(PriorityZone, zone_id, plan=plan, plan_of=_plan_of)
    services.delete_object(zone, plan.id, "zone.delete", zone.name)
    db.session.commit()
    flash(_("The priority territory is removed."), "success")
    return _home(plan, "territoires")


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


def _organization_form(plan: Plan, organization: Organization | None):
    form = OrganizationForm(obj=organization)
    if request.method == "GET" and organization is not None:
        form.size_class.data = organization.size_class or ""
    if form.validate_on_submit():
        values = form_values(form, *ORGANIZATION_FIELDS)
        values["size_class"] = values["size_class"] or None
        values["website"] = values["website"] or None
        if any(
            o.name.casefold() == values["name"].casefold() and o is not organization
            for o in plan.organizations
        ):
            form.name.errors.append(_("An organisation of this plan already has this name."))
        else:
            if organization is None:
                services.add_organization(plan, values)
                flash(_("The organisation is added."), "success")
            else:
                services.update_object(organization, plan.id, values, "organization.update")
                flash(_("The organisation is updated."), "success")
            db.session.commit()
            return redirect(url_for("frame.organizations", slug=plan.slug))
    heading = _("New organisation") if organization is None else _("Edit organisation")
    delete_url = (
        url_for("frame.delete_organization", slug=plan.slug, organization_id=organization.id)
        if organization
        else None
    )
    return _form_page(
        form,
        plan,
        heading,
        url_for("frame.organizations", slug=plan.slug),
        delete_url=delete_url,
    )


@bp.route("/plans/<slug>/organizations/new", methods=["GET", "POST"])
def new_organization(slug: str):
    plan = load_plan(slug, selectinload(Plan.organizations))
    require(can_edit_frame(current_user, plan))
    return _organization_form(plan, None)


@bp.route("/plans/<slug>/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
def edit_organization(slug: str, organization_id: int):
    plan = load_plan(slug, selectinload(Plan.organizations))
    require(can_edit_frame(current_user, plan))
    organization = get_or_404(Organization, organization_id, plan=plan, plan_of=_plan_of)
    return _organization_form(plan, organization)


@bp.post("/plans/<slug>/organizations/<int:organization_id>/delete")
def delete_organization(slug: str, organization_id: int):
    plan = load_plan(slug)
    require(can_edit_frame(current_user, plan))
    organization = get_or_404(Organization, organization_id, plan=plan, plan_of=_plan_of)
    services.delete_object(organization, plan.id, "organization.delete", organization.name)
    db.session.commit()
    flash(_("The organisation is removed."), "success")
    return redirect(url_for("frame.organizations", slug=slug))
