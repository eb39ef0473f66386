"""Loads the demo plan « Hautes-Alpes — Territoire French Impact » (once)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from auth.models import User
from auth.services import find_user_by_email
from plan.actions import services
from plan.actions.models import Action, ActionStatus, Stance
from plan.commitments.models import CommitmentKind
from plan.commitments.services import add_commitment
from plan.demo import actions, content
from plan.demo.ballots import BALLOTS, load_ballots
from plan.demo.commitments import COMMITMENTS
from plan.demo.workshops import load_past_workshop, load_planned_workshop
from plan.extensions import db
from plan.frame import services as frame
from plan.frame.models import Organization, Plan
from plan.members.models import Role
from plan.members.services import add_member
from plan.versions import services as versions
from plan.versions.models import VersionStatus

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
    users = {}
    for spec in content.MEMBERS:
        user = users[spec["email"]] = _account(spec["email"], spec["display_name"], password_hash)
        organization = organizations.get(spec["organization"]) if spec["organization"] else None
        add_member(
            plan,
            user,
            Role(spec["role"]),
            colleges[spec["college"]].id,
            organization.id if organization else None,
        )
    db.session.flush()
    _load_actions(plan, users, organizations)
    # 2021 in order: the spring ballots (the first one voted in the Veynes workshop, whose
    # minutes count in both versions) and commitments, version 1, the June steering
    # committee (its ballot and its changes to the frame), later commitments, version 2,
    # and the workshop planned for 2027 on the open ballot.
    published = content.VERSION_1["published_at"]
    spring = [spec for spec in BALLOTS if spec["closed_at"] and spec["closed_at"] < published]
    load_ballots(plan, users, spring)
    load_past_workshop(plan, users)
    _load_commitments(plan, users, organizations, before=published)
    _publish_version_1(plan, users)
    _change_frame(plan, content.FRAME_CHANGES_AFTER_VERSION_1)
    _amend(plan, users, content.AMENDMENT_AFTER_VERSION_1)
    load_ballots(plan, users, [spec for spec in BALLOTS if spec not in spring])
    load_planned_workshop(plan, users)
    _load_commitments(plan, users, organizations, since=published)
    spec = content.VERSION_2
    draft = versions.consolidate(
        plan,
        users[spec["author"]],
        introduction=spec["introduction"],
        changelog=spec["changelog"],
    )
    draft.created_at = draft.built_at = spec["built_at"]
    return plan


def _load_commitments(
    plan: Plan,
    users: dict[str, User],
    organizations: dict[str, Organization],
    *,
    before: datetime | None = None,
    since: datetime | None = None,
) -> None:
    """The demo's company commitments made in the period, dated when they were made."""
    references = {
        action.reference: action
        for action in db.session.scalars(select(Action).where(Action.plan_id == plan.id))
    }
    for spec in COMMITMENTS:
        if (before and spec["made_at"] >= before) or (since and spec["made_at"] < since):
            continue
        commitment = add_commitment(
            plan,
            organizations[spec["organization"]],
            references[spec["action"]] if spec["action"] else None,
            CommitmentKind(spec["kind"]),
            spec["description"],
            spec["valuation"] * 100 if spec["valuation"] is not None else None,
            users[spec["recorded_by"]],
        )
        commitment.created_at = spec["made_at"]
    db.session.flush()


def _publish_version_1(plan: Plan, users: dict[str, User]) -> None:
    spec = content.VERSION_1
    author = users[spec["author"]]
    version = versions.consolidate(
        plan, author, introduction=spec["introduction"], changelog=spec["changelog"]
    )
    versions.publish(version, author, VersionStatus(spec["status"]))
    # The story happened in 2021: date the version, never its (frozen) snapshot.
    version.created_at = version.built_at = spec["created_at"]
    version.published_at = spec["published_at"]
    db.session.flush()


def _amend(plan: Plan, users: dict[str, User], spec: dict[str, Any]) -> None:
    """An amendment proposed and accepted: a new revision of the fiche."""
    action = db.session.scalar(
        select(Action).where(Action.plan_id == plan.id, Action.reference == spec["reference"])
    )
    current = action.current_revision.content
    changed = {
        **current,
        "description": f"{current['description']}\n{spec['description_addition']}",
    }
    amendment = services.propose_amendment(
        action, users[spec["author"]], changed, spec["rationale"]
    )
    services.decide_amendment(amendment, action.author, accept=True, reason=spec["decision_reason"])
    db.session.flush()


def _change_frame(plan: Plan, changes: list[dict[str, Any]]) -> None:
    """Objectives and their indicators changed between two versions, with their journal."""
    challenges = {challenge.position: challenge for challenge in plan.challenges}
    for change in changes:
        objective = challenges[change["challenge"]].objectives[change["objective"]]
        frame.update_object(objective, plan.id, dict(change["changes"]), "objective.update")
        for index, values in change["indicators"].items():
            values = {
                key: Decimal(value) if key in ("baseline_value", "target_value") else value
                for key, value in values.items()
            }
            indicator = objective.indicators[index]
            frame.update_object(indicator, plan.id, values, "indicator.update")


def _content(spec: dict[str, Any], plan: Plan, organizations: dict[str, Organization]) -> dict:
    """Demo content (names, euros) as the app stores it (ids, cents)."""
    zones = {zone.name: zone.id for zone in plan.zones}
    converted: dict[str, Any] = {}
    for key, value in spec.items():
        if key == "objectives":
            converted["objective_ids"] = value
        elif key == "lead_organization":
            converted["lead_organization_id"] = organizations[value].id
        elif key == "partners":
            converted["partners"] = [
                {"organization_id": organizations[p["organization"]].id, "role": p["role"]}
                for p in value
            ]
        elif key == "zones":
            converted["zone_ids"] = [zones[name] for name in value]
        elif key in ("budget_lines", "funding_lines"):
            converted[key] = [
                {
                    **{k: v for k, v in line.items() if k != "amount"},
                    "amount_cents": line["amount"] * 100,
                }
                for line in value
            ]
        else:
            converted[key] = value
    return converted


def _load_actions(
    plan: Plan, users: dict[str, User], organizations: dict[str, Organization]
) -> None:
    challenges = {challenge.position: challenge for challenge in plan.challenges}
    created: dict[tuple[int, int], Action] = {}
    ranks: dict[int, int] = {}
    for spec in actions.ACTIONS:
        challenge = challenges[spec["challenge"]]
        objective_ids = [o.id for o in challenge.objectives]
        first, *later = spec["revisions"]
        content = _content(first["content"], plan, organizations)
        content["objective_ids"] = [objective_ids[i] for i in content["objective_ids"]]
        action = services.create_action(
            plan,
            challenge,
            users[spec["author"]],
            content,
            submit=spec["status"] != "draft",
        )
        created[(spec["challenge"], ranks.setdefault(spec["challenge"], 0))] = action
        ranks[spec["challenge"]] += 1
        for revision in later:
            changes = _content(revision["changes"], plan, organizations)
            if "objective_ids" in changes:
                changes["objective_ids"] = [objective_ids[i] for i in changes["objective_ids"]]
            services.revise_action(
                action,
                {**action.current_revision.content, **changes},
                users[revision["author"]],
                revision["change_note"],
            )
        for proposal in spec["amendments"]:
            changes = _content(proposal["changes"], plan, organizations)
            if "objective_ids" in changes:
                changes["objective_ids"] = [objective_ids[i] for i in changes["objective_ids"]]
            amendment = services.propose_amendment(
                action,
                users[proposal["author"]],
                {**action.current_revision.content, **changes},
                proposal["rationale"],
            )
            if proposal["status"] in ("accepted", "rejected"):
                services.decide_amendment(
                    amendment,
                    users[spec["author"]],
                    accept=proposal["status"] == "accepted",
                    reason=proposal["decision_reason"],
                )
        facilitator = users["animateur@example.org"]
        for thread in spec["comments"]:
            comment = services.add_comment(
                action, users[thread["author"]], Stance(thread["stance"]), thread["body"]
            )
            for reply in thread["replies"]:
                services.add_comment(
                    action, users[reply["author"]], Stance(reply["stance"]), reply["body"], comment
                )
            if thread.get("hidden_reason"):
                services.hide_comment(comment, facilitator, thread["hidden_reason"], plan.id)
        if spec["status"] == "withdrawn":
            services.set_status(action, ActionStatus.WITHDRAWN)
    for (position, index), action in created.items():
        spec = next(
            s
            for i, s in enumerate(a for a in actions.ACTIONS if a["challenge"] == position)
            if i == index
        )
        if spec["merged_into"]:
            services.merge_action(action, created[tuple(spec["merged_into"])])
