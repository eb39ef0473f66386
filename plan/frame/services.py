"""Changes to the plan frame. Services flush; the view commits once."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from sqlalchemy import select

from plan.extensions import db
from plan.frame.models import (
    FULL_WEIGHT,
    MAX_CHALLENGES,
    Challenge,
    College,
    Indicator,
    Objective,
    Organization,
    Plan,
    PriorityZone,
)
from plan.journal.services import record_event

DEFAULT_COLLEGES = (
    "Associations et ESS",
    "Collectivités et acteurs publics",
    "Entreprises",
    "Financeurs",
    "Habitant·es et citoyen·nes",
)


class FrameError(Exception):
    """A change the frame refuses; the message is written for the person."""


def equal_weights(count: int) -> list[Decimal]:
    """Weights with two decimals that add up to exactly 100 (the first ones get the cents)."""
    if count == 0:
        return []
    share = (FULL_WEIGHT / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    weights = [share] * count
    cents = int((FULL_WEIGHT - share * count) / Decimal("0.01"))
    for index in range(cents):
        weights[index] += Decimal("0.01")
    return weights


def apply_changes(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the attributes and return what changed, as {field: [old, new]} for the journal."""
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changed[name] = [old, value]
            setattr(obj, name, value)
    return changed


def slug_is_taken(slug: str) -> bool:
    return db.session.scalar(select(Plan.id).where(Plan.slug == slug)) is not None


def create_plan(values: dict[str, Any]) -> Plan:
    plan = Plan(**values)
    db.session.add(plan)
    db.session.flush()
    for position, (name, weight) in enumerate(
        zip(DEFAULT_COLLEGES, equal_weights(len(DEFAULT_COLLEGES)), strict=True), start=1
    ):
        plan.colleges.append(College(name=name, weight=weight, position=position))
    db.session.flush()
    record_event("plan.create", plan, plan_id=plan.id, data=values)
    return plan


def update_plan(plan: Plan, values: dict[str, Any]) -> dict[str, list[Any]]:
    changed = apply_changes(plan, values)
    if changed:
        record_event("plan.update", plan, plan_id=plan.id, data=changed)
    return changed


def position_is_free(plan: Plan, position: int, challenge: Challenge | None = None) -> bool:
    return all(other.position != position or other is challenge for other in plan.challenges)


def _add(kind: str, obj: Any, siblings: list[Any], plan_id: int, values: dict[str, Any]) -> Any:
    siblings.append(obj)
    db.session.flush()
    record_event(f"{kind}.create", obj, plan_id=plan_id, data=values)
    return obj


def add_challenge(plan: Plan, values: dict[str, Any]) -> Challenge:
    if len(plan.challenges) >= MAX_CHALLENGES:
        raise FrameError("max_challenges")
    return _add("challenge", Challenge(**values), plan.challenges, plan.id, values)


def add_objective(challenge: Challenge, values: dict[str, Any]) -> Objective:
    position = max((o.position for o in challenge.objectives), default=0) + 1
    objective = Objective(position=position, **values)
    return _add("objective", objective, challenge.objectives, challenge.plan_id, values)


def add_indicator(objective: Objective, values: dict[str, Any]) -> Indicator:
    plan_id = objective.challenge.plan_id
    return _add("indicator", Indicator(**values), objective.indicators, plan_id, values)


def add_zone(plan: Plan, values: dict[str, Any]) -> PriorityZone:
    return _add("zone", PriorityZone(**values), plan.zones, plan.id, values)


def add_organization(plan: Plan, values: dict[str, Any]) -> Organization:
    return _add("organization", Organization(**values), plan.organizations, plan.id, values)


def update_object(obj: Any, plan_id: int, values: dict[str, Any], action: str) -> None:
    changed = apply_changes(obj, values)
    if changed:
        db.session.flush()
        record_event(action, obj, plan_id=plan_id, data=changed)


def delete_object(obj: Any, plan_id: int, action: str, label: str) -> None:
    record_event(action, obj, plan_id=plan_id, data={"label": label})
    db.session.delete(obj)
    db.session.flush()


def save_colleges(plan: Plan, rows: list[dict[str, Any]]) -> None:
    """Rename, reweigh, add and remove colleges in one go (the weights are checked together).

    Each row: {"college_id": int | None, "name": str, "weight": Decimal | None, "remove": bool}.
    """
    by_id = {college.id: college for college in plan.colleges}
    position = 0
    for row in rows:
        college = by_id.get(row["college_id"]) if row["college_id"] else None
        name = row["name"].strip()
        if row["remove"] or not name:
            if college is not None:
                delete_object(college, plan.id, "college.delete", college.name)
            continue
        position += 1
        values = {"name": name, "weight": row["weight"] or Decimal(0), "position": position}
        if college is None:
            college = College(**values)
            plan.colleges.append(college)
            db.session.flush()
            record_event("college.create", college, plan_id=plan.id, data=values)
        else:
            update_object(college, plan.id, values, "college.update")
