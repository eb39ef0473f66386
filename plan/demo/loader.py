"""Loads the demo plan « Hautes-Alpes — Territoire French Impact » (once)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from auth.models import User
from auth.services import find_user_by_email
from plan.demo import content
from plan.extensions import db
from plan.frame import services as frame
from plan.frame.models import Plan
from plan.members.models import Role
from plan.members.services import add_member

DEMO_PASSWORD = "demo-capcommun"  # noqa: S105 - the published password of the demo accounts


def demo_is_loaded() -> bool:
    return db.session.scalar(select(Plan.id).where(Plan.slug == content.PLAN["slug"])) is not None


def _account(email: str, display_name: str, password_hash: str, *, admin: bool = False) -> User:
    user = find_user_by_email(email)
    if user is None:
        user = User(
            email=email, display_name=display_name, password_hash=password_hash, is_admin=admin
        )
        db.session.add(user)
        db.session.flush()
    return user


def load_demo() -> Plan | None:
    """Create the demo plan and its accounts; do nothing if it is already there."""
    if demo_is_loaded():
        return None
    password_hash = generate_password_hash(DEMO_PASSWORD)
    _account(content.ADMIN["email"], content.ADMIN["display_name"], password_hash, admin=True)
    values = {k: v for k, v in content.PLAN.items() if k != "lead_organization"}
    plan = frame.create_plan(values)
    organizations = {
        spec["name"]: frame.add_organization(plan, dict(spec)) for spec in content.ORGANIZATIONS
    }
    plan.lead_organization = organizations[content.PLAN["lead_organization"]]
    colleges = {college.name: college for college in plan.colleges}
    for spec in content.CHALLENGES:
        challenge = frame.add_challenge(
            plan, {k: spec[k] for k in ("position", "title", "dimension", "description")}
        )
        for objective_spec in spec["objectives"]:
            objective = frame.add_objective(
                challenge, {k: objective_spec[k] for k in ("title", "description")}
            )
            for indicator_spec in objective_spec["indicators"]:
                indicator = dict(indicator_spec)
                for key in ("baseline_value", "target_value"):
                    indicator[key] = Decimal(indicator[key]) if indicator[key] else None
                frame.add_indicator(objective, indicator)
    for spec in content.ZONES:
        frame.add_zone(plan, dict(spec))
    for spec in content.MEMBERS:
        user = _account(spec["email"], spec["display_name"], password_hash)
        organization = organizations.get(spec["organization"]) if spec["organization"] else None
        add_member(
            plan,
            user,
            Role(spec["role"]),
            colleges[spec["college"]].id,
            organization.id if organization else None,
        )
    db.session.flush()
    return plan
