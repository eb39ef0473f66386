"""Members of a plan, invitations, and joining a plan through an invitation link."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from auth.forms import RegistrationForm
from auth.mail import mail_is_configured, send_mail
from auth.services import create_user
from auth.views import start_session
from plan.access import get_or_404, load_plan, require
from plan.errors import abort_with
from plan.extensions import db, limiter
from plan.frame.models import Plan
from plan.members import services
from plan.members.forms import InvitationForm, MembershipForm
from plan.members.models import Invitation, Membership, Role
from plan.permissions import (
    can_invite_members,
    can_manage_members,
    is_admin,
    role_in,
)
from plan.rendering import render

bp = Blueprint("members", __name__)

MEMBERSHIP_ERRORS = {
    "last_coordinator": lambda: _("A plan keeps at least one coordinator: name another one first."),
    "already_member": lambda: _("You are already a member of this plan."),
}


def _plan_of(obj: Membership | Invitation) -> int:
    return obj.plan_id


def _invitation_rate_limit() -> str:
    return current_app.config["CAPCOMMUN_INVITATION_RATE_LIMIT"]


@bp.get("/plans/<slug>/members")
def members(slug: str):
    plan = load_plan(slug, selectinload(Plan.colleges))
    by_college, member_count = services.members_by_college(plan)
    return render_template(
        "members/list.html", plan=plan, by_college=by_college, member_count=member_count
    )


@bp.route("/plans/<slug>/members/<int:membership_id>/edit", methods=["GET", "POST"])
def edit_member(slug: str, membership_id: int):
    plan = load_plan(slug, selectinload(Plan.colleges), selectinload(Plan.organizations))
    require(can_manage_members(current_user, plan))
    membership = get_or_404(Membership, membership_id, plan=plan, plan_of=_plan_of)
    form = MembershipForm(obj=membership)
    form.fill_choices(plan, list(Role))
    if request.method == "GET":
        form.organization_id.data = membership.organization_id or 0
    status = 200
    if form.validate_on_submit():
        try:
            services.update_membership(
                membership,
                {
                    "role": Role(form.role.data),
                    "college_id": form.college_id.data,
                    "organization_id": form.organization_id.data or None,
                },
            )
        except services.MembershipError as error:
            form.role.errors.append(MEMBERSHIP_ERRORS[str(error)]())
            status = 409
        else:
            db.session.commit()
            flash(
                _("The membership of %(name)s is updated.", name=membership.user.display_name),
                "success",
            )
            return redirect(url_for("members.members", slug=slug))
    if form.errors and status == 200:
        status = 422
    return render_template(
        "form_page.html",
        form=form,
        plan=plan,
        heading=_("Membership of %(name)s", name=membership.user.display_name),
        cancel_url=url_for("members.members", slug=slug),
        delete_url=url_for("members.remove_member", slug=slug, membership_id=membership.id),
        delete_label=_("Remove from the plan"),
    ), status


@bp.post("/plans/<slug>/members/<int:membership_id>/remove")
def remove_member(slug: str, membership_id: int):
    plan = load_plan(slug)
    require(can_manage_members(current_user, plan))
    membership = get_or_404(Membership, membership_id, plan=plan, plan_of=_plan_of)
    name = membership.user.display_name
    try:
        services.remove_membership(membership)
    except services.MembershipError as error:
        abort_with(409, MEMBERSHIP_ERRORS[str(error)]())
    db.session.commit()
    flash(_("%(name)s is no longer a member of the plan.", name=name), "success")
    return redirect(url_for("members.members", slug=slug))


def _invitations_of(plan: Plan) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.plan_id == plan.id)
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
            .options(
                selectinload(Invitation.college),
                selectinload(Invitation.used_by),
                selectinload(Invitation.created_by),
            )
        )
    )


def _invitation_form(plan: Plan) -> InvitationForm:
    form = InvitationForm()
    roles = services.grantable_roles(role_in(current_user, plan), is_admin(current_user))
    form.fill_choices(plan, roles)
    if request.method == "GET":
        form.role.data = Role.CONTRIBUTOR.value
    return form


@bp.route("/plans/<slug>/invitations", methods=["GET", "POST"])
def invitations(slug: str):
    plan = load_plan(slug, selectinload(Plan.colleges), selectinload(Plan.organizations))
    require(can_invite_members(current_user, plan))
    form = _invitation_form(plan)
    new_link = None
    mailed_to = None
    if form.validate_on_submit():
        invitation, token = services.create_invitation(
            plan,
            {
                "role": Role(form.role.data),
                "college_id": form.college_id.data,
                "organization_id": form.organization_id.data or None,
                "email": form.email.data or None,
                "note": form.note.data or "",
                "created_by_id": current_user.id,
            },
            current_app.config["CAPCOMMUN_INVITATION_DAYS"],
        )
        db.session.commit()
        new_link = url_for("members.accept", token=token, _external=True)
        if invitation.email and mail_is_configured():
            send_mail(
                invitation.email,
                _("Invitation to the plan « %(title)s »", title=plan.title),
                _(
                    "%(name)s invites you to co-construct the plan « %(title)s » on Cap Commun "
                    "as %(role)s.\n\nOpen this link to join (valid %(days)d days, once):\n"
                    "%(link)s\n",
                    name=current_user.display_name,
                    title=plan.title,
                    role=invitation.role_label,
                    days=current_app.config["CAPCOMMUN_INVITATION_DAYS"],
                    link=new_link,
                ),
            )
            mailed_to = invitation.email
        form = _invitation_form(plan)
        form.process(formdata=None)
        form.role.data = Role.CONTRIBUTOR.value
    status = 422 if form.errors else (201 if new_link else 200)
    return render(
        "members/invitations.html",
        "members/_invitations.html",
        status=status,
        plan=plan,
        form=form,
        invitations=_invitations_of(plan),
        new_link=new_link,
        mailed_to=mailed_to,
    )


@bp.post("/plans/<slug>/invitations/<int:invitation_id>/revoke")
def revoke_invitation(slug: str, invitation_id: int):
    plan = load_plan(slug)
    require(can_invite_members(current_user, plan))
    invitation = get_or_404(Invitation, invitation_id, plan=plan, plan_of=_plan_of)
    try:
        services.revoke_invitation(invitation)
    except services.MembershipError:
        abort_with(409, _("This invitation was already used, revoked or expired."))
    db.session.commit()
    flash(_("The invitation is revoked: its link no longer works."), "success")
    return redirect(url_for("members.invitations", slug=slug))


GONE_REASONS = {
    "used": lambda: _("This invitation has already been used. Each link works once."),
    "revoked": lambda: _("This invitation has been revoked by the plan's team."),
    "expired": lambda: _("This invitation has expired."),
}


def _gone(invitation: Invitation):
    return render_template(
        "members/invitation_gone.html",
        reason=GONE_REASONS[invitation.state()](),
        plan=invitation.plan,
    ), 410


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@limiter.limit(_invitation_rate_limit, methods=["POST"])
def accept(token: str):
    invitation = services.find_invitation(token)
    if invitation is None:
        abort_with(404, _("This invitation link is not valid. Check that it was copied whole."))
    if invitation.state() != "open":
        return _gone(invitation)
    plan = invitation.plan
    form = None
    if not current_user.is_authenticated:
        form = RegistrationForm()
        if request.method == "GET" and invitation.email:
            form.email.data = invitation.email
    if request.method == "POST":
        if current_user.is_authenticated:
            user = current_user._get_current_object()
        elif form is not None and form.validate_on_submit():
            user = create_user(form.email.data, form.password.data, form.display_name.data)
        else:
            user = None
        if user is not None:
            try:
                services.accept_invitation(invitation, user)
            except services.MembershipError as error:
                db.session.rollback()
                if str(error) == "gone":
                    db.session.refresh(invitation)
                    return _gone(invitation)
                abort_with(409, MEMBERSHIP_ERRORS[str(error)]())
            db.session.commit()
            if not current_user.is_authenticated:
                start_session(user)
            flash(_("Welcome to the plan « %(title)s ».", title=plan.title), "success")
            return redirect(url_for("frame.home", slug=plan.slug))
    status = 422 if form is not None and form.errors else 200
    return render_template(
        "members/accept.html", invitation=invitation, plan=plan, form=form, token=token
    ), status
