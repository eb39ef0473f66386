"""The snapshot of a plan: plain, JSON-ready data that every renderer and the diff read.

Built from the database with a fixed number of queries, whatever the number of actions.
Everything a reader needs is inside: names instead of ids, French labels beside codes,
amounts in euro cents (integers, never floats), the French sentence of each result. The
schema is documented in `plan/versions/snapshot.schema.json` (SCHEMA_VERSION).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from datetime import UTC
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import selectinload

from plan.actions.content import complete_content
from plan.actions.models import (
    BUDGET_KIND_LABELS,
    FUNDING_NATURE_LABELS,
    FUNDING_STATUS_LABELS,
    PARTNER_ROLE_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    Action,
    ActionRevision,
    ActionStatus,
    Amendment,
    Comment,
)
from plan.actions.presenting import euros
from plan.commitments.models import COMMITMENT_KIND_LABELS, CompanyCommitment
from plan.extensions import db
from plan.frame.models import (
    DIMENSION_LABELS,
    INDICATOR_KIND_LABELS,
    ORGANIZATION_KIND_LABELS,
    SCALE_LABELS,
    SIZE_CLASS_LABELS,
    ZONE_KIND_LABELS,
    Challenge,
    Objective,
    Organization,
    OrganizationKind,
    Plan,
)
from plan.members.models import Membership
from plan.voting.explain import explain
from plan.voting.labels import GRADE_LABELS, METHOD_LABELS, OUTCOME_LABELS
from plan.voting.models import Ballot, BallotItem, BallotStatus, Vote
from plan.workshops.models import (
    FORMAT_LABELS,
    Workshop,
    WorkshopAttendee,
    WorkshopParticipant,
    WorkshopStatus,
)

SCHEMA_VERSION = 1


def canonical_json(data: Any) -> bytes:
    """The one byte form of a snapshot that is hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_of(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _decimal(value: Decimal | None) -> str | None:
    """Indicator values as exact text ("250.5"), never floats."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def _label(labels: dict, code: Any) -> str:
    return str(labels[code]) if code is not None and code in labels else ""


# --------------------------------------------------------------------------- pieces


def _frame(plan: Plan) -> dict[str, Any]:
    return {
        "slug": plan.slug,
        "title": plan.title,
        "territory_name": plan.territory_name,
        "territory_scale": plan.territory_scale.value,
        "territory_scale_label": _label(SCALE_LABELS, plan.territory_scale),
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "summary": plan.summary,
        "lead_organization": plan.lead_organization.name if plan.lead_organization else None,
    }


def _challenges(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "position": challenge.position,
            "title": challenge.title,
            "dimension": challenge.dimension.value,
            "dimension_label": _label(DIMENSION_LABELS, challenge.dimension),
            "description": challenge.description,
            "objectives": [
                {
                    "position": objective.position,
                    "title": objective.title,
                    "description": objective.description,
                    "indicators": [
                        {
                            "name": indicator.name,
                            "unit": indicator.unit,
                            "kind": indicator.kind.value,
                            "kind_label": _label(INDICATOR_KIND_LABELS, indicator.kind),
                            "baseline_value": _decimal(indicator.baseline_value),
                            "baseline_year": indicator.baseline_year,
                            "target_value": _decimal(indicator.target_value),
                            "target_year": indicator.target_year,
                            "source": indicator.source,
                        }
                        for indicator in objective.indicators
                    ],
                }
                for objective in challenge.objectives
            ],
        }
        for challenge in plan.challenges
    ]


def _fiche(
    content: dict[str, Any],
    organizations: dict[int, Organization],
    objectives: dict[int, str],
    zones: dict[int, str],
) -> dict[str, Any]:
    """A fiche's content with names and labels, as the document prints it."""
    content = complete_content(content)

    def organization(organization_id: int | None) -> str | None:
        found = organizations.get(organization_id or 0)
        return found.name if found else None

    return {
        "context": content["context"],
        "objectives_text": content["objectives_text"],
        "description": content["description"],
        "expected_results": content["expected_results"],
        "objectives": [objectives[i] for i in content["objective_ids"] if i in objectives],
        "lead_organization": organization(content["lead_organization_id"]),
        "lead_contact": content["lead_contact"],
        "partners": [
            {
                "organization": organization(partner["organization_id"]),
                "role": partner["role"],
                "role_label": _label(PARTNER_ROLE_LABELS, partner["role"]),
            }
            for partner in content["partners"]
        ],
        "target_audiences": content["target_audiences"],
        "zones": [zones[i] for i in content["zone_ids"] if i in zones],
        "first_year": content["first_year"],
        "last_year": content["last_year"],
        "budget_lines": [
            {
                "year": line["year"],
                "kind": line["kind"],
                "kind_label": _label(BUDGET_KIND_LABELS, line["kind"]),
                "amount_cents": line["amount_cents"],
            }
            for line in content["budget_lines"]
        ],
        "funding_lines": [
            {
                "funder": line["funder"],
                "nature": line["nature"],
                "nature_label": _label(FUNDING_NATURE_LABELS, line["nature"]),
                "status": line["status"],
                "status_label": _label(FUNDING_STATUS_LABELS, line["status"]),
                "amount_cents": line["amount_cents"],
            }
            for line in content["funding_lines"]
        ],
        "indicators": [
            {**line, "kind_label": _label(INDICATOR_KIND_LABELS, line.get("kind"))}
            for line in content["indicators"]
        ],
        "priority": content["priority"],
        "priority_label": _label(PRIORITY_LABELS, content["priority"]),
        "budget_total_cents": sum(line["amount_cents"] for line in content["budget_lines"]),
        "funding_total_cents": sum(line["amount_cents"] for line in content["funding_lines"]),
    }


def _result(ballot: Ballot, entry: dict[str, Any]) -> dict[str, Any]:
    result = entry["result"]
    method = ballot.method.value
    outcome = result.get("outcome", "ranked")
    return {
        "ballot": ballot.number,
        "ballot_title": ballot.title,
        "closed_at": ballot.closed_at.date().isoformat() if ballot.closed_at else None,
        "method": method,
        "method_label": _label(METHOD_LABELS, method),
        "outcome": outcome,
        "outcome_label": _label(OUTCOME_LABELS, outcome),
        "majority_grade": result.get("majority_grade"),
        "majority_grade_label": _label(GRADE_LABELS, result.get("majority_grade")),
        "sentence": explain(method, result["explanation"]) if "explanation" in result else "",
        "profile": result.get("profile"),
        "colleges": [
            {
                "college": row["college"],
                "voters": row["voters"],
                "majority_grade": row.get("majority_grade"),
                "majority_grade_label": _label(GRADE_LABELS, row.get("majority_grade")),
            }
            for row in result.get("colleges", [])
        ],
        "voters": (result.get("participation") or {}).get("voters"),
        "paper_votes": (result.get("participation") or {}).get("paper_votes"),
    }


def _decisions(actions: list[Action]) -> dict[int, tuple[Ballot, BallotItem, dict]]:
    """For each action, its last counted result in a closed ballot (one query)."""
    if not actions:
        return {}
    rows = db.session.execute(
        select(BallotItem, Ballot)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .where(
            BallotItem.action_id.in_([a.id for a in actions]),
            Ballot.status == BallotStatus.CLOSED,
        )
        .order_by(Ballot.closed_at, Ballot.number)
        .options(selectinload(Ballot.result))
    ).all()
    decisions: dict[int, tuple[Ballot, BallotItem, dict]] = {}
    for item, ballot in rows:
        if ballot.result is None or ballot.method.value == "dot_voting":
            continue  # dot voting ranks, it decides nothing
        entry = next(e for e in ballot.result.data["items"] if e["item"] == item.id)
        decisions[item.action_id] = (ballot, item, entry)
    return decisions


def _participation(plan: Plan) -> dict[str, Any]:
    members = dict(
        db.session.execute(
            select(Membership.college_id, func.count(Membership.id))
            .where(Membership.plan_id == plan.id)
            .group_by(Membership.college_id)
        ).all()
    )
    voters = dict(
        db.session.execute(
            select(Vote.college_id, func.count(distinct(Vote.voter_id)))
            .join(BallotItem, Vote.item_id == BallotItem.id)
            .join(Ballot, BallotItem.ballot_id == Ballot.id)
            .where(Ballot.plan_id == plan.id)
            .group_by(Vote.college_id)
        ).all()
    )
    statuses = Counter(
        dict(
            db.session.execute(
                select(Action.status, func.count(Action.id))
                .where(Action.plan_id == plan.id)
                .group_by(Action.status)
            ).all()
        )
    )
    counts = db.session.execute(
        select(
            select(func.count(Comment.id))
            .join(Action, Comment.action_id == Action.id)
            .where(Action.plan_id == plan.id)
            .scalar_subquery(),
            select(func.count(Amendment.id))
            .join(Action, Amendment.action_id == Action.id)
            .where(Action.plan_id == plan.id)
            .scalar_subquery(),
            select(func.count(Vote.id))
            .join(BallotItem, Vote.item_id == BallotItem.id)
            .join(Ballot, BallotItem.ballot_id == Ballot.id)
            .where(Ballot.plan_id == plan.id)
            .scalar_subquery(),
            select(func.count(Ballot.id))
            .where(Ballot.plan_id == plan.id, Ballot.status == BallotStatus.CLOSED)
            .scalar_subquery(),
        )
    ).one()
    colleges = [
        {
            "college": college.name,
            "weight": _decimal(college.weight),
            "members": members.get(college.id, 0),
            "voters": voters.get(college.id, 0),
        }
        for college in plan.colleges
    ]
    return {
        "colleges": colleges,
        "members": sum(members.values()),
        "voters": sum(voters.values()),
        "proposals": sum(statuses.values()) - statuses[ActionStatus.DRAFT],
        "comments": counts[0],
        "amendments": counts[1],
        "votes": counts[2],
        "ballots": counts[3],
        **_workshops(plan),
    }


def _workshops(plan: Plan) -> dict[str, Any]:
    """The plan's ended workshops with their attendance by college (three queries): people
    who joined and were not taken out, and people marked present without a device."""
    workshops = db.session.scalars(
        select(Workshop)
        .where(Workshop.plan_id == plan.id, Workshop.status == WorkshopStatus.CLOSED)
        .order_by(Workshop.starts_at, Workshop.id)
    ).all()
    ids = [w.id for w in workshops]
    joined = db.session.execute(
        select(
            WorkshopParticipant.workshop_id,
            WorkshopParticipant.college_id,
            func.count(WorkshopParticipant.id),
        )
        .where(WorkshopParticipant.workshop_id.in_(ids), WorkshopParticipant.removed_at.is_(None))
        .group_by(WorkshopParticipant.workshop_id, WorkshopParticipant.college_id)
    ).all()
    without_device = db.session.execute(
        select(
            WorkshopAttendee.workshop_id,
            WorkshopAttendee.college_id,
            func.count(WorkshopAttendee.id),
        )
        .where(WorkshopAttendee.workshop_id.in_(ids))
        .group_by(WorkshopAttendee.workshop_id, WorkshopAttendee.college_id)
    ).all()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    names = {college.id: college.name for college in plan.colleges}
    rows = []
    for workshop in workshops:
        by_college: Counter[int | None] = Counter()
        participants = attendees = 0
        for workshop_id, college_id, count in joined:
            if workshop_id == workshop.id:
                participants += count
                by_college[college_id] += count
        for workshop_id, college_id, count in without_device:
            if workshop_id == workshop.id:
                attendees += count
                by_college[college_id] += count
        colleges = [
            {"college": name, "attendance": by_college[college_id]}
            for college_id, name in names.items()
            if by_college[college_id]
        ]
        if by_college[None]:
            colleges.append({"college": None, "attendance": by_college[None]})
        starts = workshop.starts_at.replace(tzinfo=UTC).astimezone(zone)
        rows.append(
            {
                "title": workshop.title,
                "date": starts.date().isoformat(),
                "format": workshop.format.value,
                "format_label": _label(FORMAT_LABELS, workshop.format),
                "participants": participants,
                "attendees_without_device": attendees,
                "attendance": participants + attendees,
                "colleges": colleges,
            }
        )
    return {
        "workshops": rows,
        "workshop_attendance": sum(row["attendance"] for row in rows),
    }


def _funding(plan: Plan, actions: list[dict[str, Any]]) -> dict[str, Any]:
    by_challenge_year: dict[tuple[int, int], int] = defaultdict(int)
    by_nature_status: dict[tuple[str, str], int] = defaultdict(int)
    for action in actions:
        for line in action["fiche"]["budget_lines"]:
            by_challenge_year[(action["challenge"], line["year"])] += line["amount_cents"]
        for line in action["fiche"]["funding_lines"]:
            by_nature_status[(line["nature"], line["status"])] += line["amount_cents"]
    return {
        "budget_by_challenge_year": [
            {"challenge": challenge, "year": year, "amount_cents": amount}
            for (challenge, year), amount in sorted(by_challenge_year.items())
        ],
        "funding_by_nature_status": [
            {
                "nature": nature,
                "nature_label": _label(FUNDING_NATURE_LABELS, nature),
                "status": status,
                "status_label": _label(FUNDING_STATUS_LABELS, status),
                "amount_cents": amount,
            }
            for (nature, status), amount in sorted(by_nature_status.items())
        ],
        "budget_total_cents": sum(by_challenge_year.values()),
        "funding_total_cents": sum(by_nature_status.values()),
        "years": list(plan.years),
    }


def _companies(plan: Plan, references: dict[int, str]) -> dict[str, Any]:
    commitments = db.session.scalars(
        select(CompanyCommitment)
        .where(CompanyCommitment.plan_id == plan.id)
        .order_by(CompanyCommitment.id)
        .options(selectinload(CompanyCommitment.organization))
    ).all()
    rows = [
        {
            "organization": c.organization.name,
            "organization_kind": c.organization.kind.value,
            "size_class": c.organization.size_class.value if c.organization.size_class else None,
            "size_class_label": _label(SIZE_CLASS_LABELS, c.organization.size_class),
            "kind": c.kind.value,
            "kind_label": _label(COMMITMENT_KIND_LABELS, c.kind),
            "action": references.get(c.action_id) if c.action_id else None,
            "description": c.description,
            "valuation_cents": c.valuation_cents,
        }
        for c in commitments
    ]
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["size_class"] or "", row["kind"])
        cell = table.setdefault(
            key,
            {
                "size_class": row["size_class"],
                "size_class_label": row["size_class_label"],
                "kind": row["kind"],
                "kind_label": row["kind_label"],
                "organizations": set(),
                "commitments": 0,
                "valuation_cents": 0,
            },
        )
        cell["organizations"].add(row["organization"])
        cell["commitments"] += 1
        cell["valuation_cents"] += row["valuation_cents"] or 0
    by_size_and_kind = [
        {**cell, "organizations": len(cell["organizations"])}
        for _key, cell in sorted(table.items())
    ]
    return {
        "commitments": rows,
        "by_size_and_kind": by_size_and_kind,
        "companies": len({row["organization"] for row in rows}),
        "valuation_cents": sum(row["valuation_cents"] or 0 for row in rows),
    }


def _label_readiness(snapshot: dict[str, Any], organizations: list[Organization]) -> list[dict]:
    """The five conditions of the French Impact label, each with what the plan holds and
    what is missing (French text: the document is French)."""
    kinds = Counter(o.kind for o in organizations)
    participation = snapshot["participation"]
    funding = snapshot["funding"]
    challenges = snapshot["challenges"]
    companies = snapshot["companies"]
    represented = [c for c in participation["colleges"] if c["members"]]
    funders = [line for line in funding["funding_by_nature_status"] if line["status"] == "secured"]

    def condition(code: str, title: str, holds: list[str], missing: list[str]) -> dict:
        return {
            "code": code,
            "title": title,
            "met": not missing,
            "holds": holds,
            "missing": missing,
        }

    first = condition(
        "multi_actor",
        "Une dynamique multi-acteurs soutenue et un tour de table financier",
        [
            f"{participation['members']} membres dans {len(represented)} collèges",
            f"{len(organizations)} structures, dont {kinds[OrganizationKind.COMPANY]} "
            f"entreprises et {kinds[OrganizationKind.LOCAL_AUTHORITY]} collectivités",
            f"Financements acquis : {euros(sum(f['amount_cents'] for f in funders))}",
        ],
        [
            text
            for test, text in (
                (len(represented) < 3, "Au moins trois collèges d'acteurs représentés"),
                (not funders, "Au moins un financement acquis"),
                (not kinds[OrganizationKind.LOCAL_AUTHORITY], "Une collectivité partenaire"),
            )
            if test
        ],
    )
    complete = [
        c for c in challenges if c["objectives"] and all(o["indicators"] for o in c["objectives"])
    ]
    second = condition(
        "three_challenges",
        "Trois défis, avec des objectifs et des indicateurs",
        [f"{len(challenges)} défis, dont {len(complete)} avec objectifs et indicateurs"],
        [
            text
            for test, text in (
                (len(challenges) != 3, "Exactement trois défis"),
                (
                    len(complete) < len(challenges),
                    "Des objectifs et des indicateurs pour chaque défi",
                ),
            )
            if test
        ],
    )
    adopted = snapshot["actions"]
    years = {y for a in adopted for y in (a["fiche"]["first_year"], a["fiche"]["last_year"]) if y}
    third = condition(
        "co_constructed_plan",
        "Un plan d'actions pluriannuel co-construit",
        [
            f"{len(adopted)} actions adoptées sur {participation['proposals']} proposées",
            f"{participation['votes']} votes, {participation['comments']} commentaires, "
            f"{participation['amendments']} amendements",
            f"Années couvertes : {min(years)}–{max(years)}" if years else "Aucune année couverte",
        ],
        [
            text
            for test, text in (
                (not adopted, "Au moins une action adoptée"),
                (len(years) < 2, "Des actions sur plusieurs années"),
                (participation["ballots"] == 0, "Un vote des acteurs"),
            )
            if test
        ],
    )
    zones = snapshot["zones"]
    with_actions = [z for z in snapshot["zones_actions"] if z["actions"]]
    fourth = condition(
        "priority_territories",
        "Des territoires prioritaires",
        [f"{len(zones)} territoires prioritaires, dont {len(with_actions)} avec des actions"],
        [
            text
            for test, text in (
                (not zones, "Au moins un territoire prioritaire"),
                (bool(zones) and not with_actions, "Des actions dans les territoires prioritaires"),
            )
            if test
        ],
    )
    sized = {row["size_class"] for row in companies["commitments"] if row["size_class"]}
    kinds_of_commitment = {row["kind"] for row in companies["commitments"]}
    fifth = condition(
        "engaged_companies",
        "Des entreprises engagées, par taille et type d'engagement",
        [
            f"{companies['companies']} entreprises engagées, {len(companies['commitments'])} "
            f"engagements, {len(sized)} tailles d'entreprise, "
            f"{len(kinds_of_commitment)} types d'engagement"
        ],
        [
            text
            for test, text in (
                (not companies["commitments"], "Au moins un engagement d'entreprise"),
                (
                    bool(companies["commitments"]) and len(sized) < 2,
                    "Des entreprises de plusieurs tailles",
                ),
                (
                    bool(companies["commitments"]) and len(kinds_of_commitment) < 2,
                    "Des engagements de plusieurs types",
                ),
            )
            if test
        ],
    )
    return [first, second, third, fourth, fifth]


# --------------------------------------------------------------------------- the builder


def build_snapshot(plan: Plan, introduction: str = "", changelog: str = "") -> dict[str, Any]:
    """The plan as it stands: frame, adopted actions in their adopted revision with their
    result, the annex of actions to rework, and the figures around them."""
    with force_locale("fr"):
        return _build(plan, introduction, changelog)


def _build(plan: Plan, introduction: str, changelog: str) -> dict[str, Any]:
    plan = db.session.scalar(
        select(Plan)
        .where(Plan.id == plan.id)
        .options(
            selectinload(Plan.challenges)
            .selectinload(Challenge.objectives)
            .selectinload(Objective.indicators),
            selectinload(Plan.colleges),
            selectinload(Plan.zones),
            selectinload(Plan.organizations),
            selectinload(Plan.lead_organization),
        )
        .execution_options(populate_existing=True)
    )
    organizations = {o.id: o for o in plan.organizations}
    objectives = {
        o.id: f"{c.position}.{o.position} {o.title}" for c in plan.challenges for o in c.objectives
    }
    zones = {z.id: z.name for z in plan.zones}
    positions = {c.id: c.position for c in plan.challenges}

    actions = db.session.scalars(
        select(Action)
        .where(
            Action.plan_id == plan.id,
            Action.status.in_([ActionStatus.ADOPTED, ActionStatus.TO_REWORK]),
        )
        .options(selectinload(Action.current_revision))
    ).all()
    decisions = _decisions(list(actions))
    pinned = [item.revision_id for _b, item, _e in decisions.values() if item.revision_id]
    revisions = {
        r.id: r
        for r in db.session.scalars(select(ActionRevision).where(ActionRevision.id.in_(pinned)))
    }

    def entry(action: Action) -> dict[str, Any]:
        decision = decisions.get(action.id)
        revision = action.current_revision
        if decision and action.status == ActionStatus.ADOPTED:
            revision = revisions.get(decision[1].revision_id) or revision
        return {
            "reference": action.reference,
            "challenge": positions[action.challenge_id],
            "title": revision.title,
            "revision": revision.number,
            "status": action.status.value,
            "status_label": _label(STATUS_LABELS, action.status),
            "fiche": _fiche(revision.content, organizations, objectives, zones),
            "result": _result(decision[0], decision[2]) if decision else None,
        }

    def order(action: Action) -> tuple[int, int]:
        return (positions[action.challenge_id], action.rank)

    adopted = [entry(a) for a in sorted(actions, key=order) if a.status == ActionStatus.ADOPTED]
    annex = [entry(a) for a in sorted(actions, key=order) if a.status == ActionStatus.TO_REWORK]
    references = {a.id: a.reference for a in actions}
    references.update(
        dict(
            db.session.execute(
                select(Action.id, Action.reference).where(Action.plan_id == plan.id)
            ).all()
        )
    )

    snapshot: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "plan": _frame(plan),
        "introduction": introduction,
        "changelog": changelog,
        "colleges": [{"name": c.name, "weight": _decimal(c.weight)} for c in plan.colleges],
        "challenges": _challenges(plan),
        "zones": [
            {
                "name": z.name,
                "kind": z.kind.value,
                "kind_label": _label(ZONE_KIND_LABELS, z.kind),
                "rationale": z.rationale,
            }
            for z in plan.zones
        ],
        "actions": adopted,
        "annex": annex,
    }
    snapshot["zones_actions"] = [
        {
            "zone": z.name,
            "actions": [a["reference"] for a in adopted if z.name in a["fiche"]["zones"]],
        }
        for z in plan.zones
    ]
    snapshot["participation"] = _participation(plan)
    snapshot["funding"] = _funding(plan, adopted)
    snapshot["companies"] = _companies(plan, references)
    snapshot["organizations"] = [
        {
            "name": o.name,
            "kind": o.kind.value,
            "kind_label": _label(ORGANIZATION_KIND_LABELS, o.kind),
            "size_class": o.size_class.value if o.size_class else None,
        }
        for o in plan.organizations
    ]
    snapshot["label_readiness"] = _label_readiness(snapshot, list(plan.organizations))
    return snapshot
