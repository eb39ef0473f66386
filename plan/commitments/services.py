"""Company commitments: record and remove them. Services flush; the view commits once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from auth.models import User
from plan.actions.models import Action, ActionStatus
from plan.commitments.models import CommitmentKind, CompanyCommitment
from plan.extensions import db
from plan.frame.models import Organization, Plan, SizeClass
from plan.journal.services import record_event

# Actions a company may commit to: the ones the plan still carries.
COMMITTABLE = (
    ActionStatus.SUBMITTED,
    ActionStatus.IN_BALLOT,
    ActionStatus.ADOPTED,
    ActionStatus.TO_REWORK,
)


def committable_actions(plan: Plan) -> list[Action]:
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.plan_id == plan.id, Action.status.in_(COMMITTABLE))
            .order_by(Action.challenge_id, Action.rank)
            .options(joinedload(Action.current_revision))
        )
    )


def commitments_of(plan: Plan) -> list[CompanyCommitment]:
    """The plan's commitments, by organisation name then in the order they were made."""
    return list(
        db.session.scalars(
            select(CompanyCommitment)
            .join(Organization, CompanyCommitment.organization_id == Organization.id)
            .where(CompanyCommitment.plan_id == plan.id)
            .order_by(Organization.name, CompanyCommitment.id)
            .options(
                joinedload(CompanyCommitment.organization),
                joinedload(CompanyCommitment.action).joinedload(Action.current_revision),
            )
        )
    )


def _journal_data(commitment: CompanyCommitment) -> dict:
    return {
        "organization": commitment.organization.name,
        "kind": commitment.kind,
        "action": commitment.action.reference if commitment.action else None,
        "description": commitment.description,
        "valuation_cents": commitment.valuation_cents,
    }


def add_commitment(
    plan: Plan,
    organization: Organization,
    action: Action | None,
    kind: CommitmentKind,
    description: str,
    valuation_cents: int | None,
    author: User | None,
) -> CompanyCommitment:
    """The organisation and the action must belong to the plan: the view checks it."""
    commitment = CompanyCommitment(
        plan_id=plan.id,
        organization=organization,
        action=action,
        kind=kind,
        description=description,
        valuation_cents=valuation_cents,
        created_by_id=author.id if author else None,
    )
    db.session.add(commitment)
    db.session.flush()
    record_event(
        "commitment.create",
        commitment,
        plan_id=plan.id,
        actor_id=author.id if author else None,
        data=_journal_data(commitment),
    )
    return commitment


def delete_commitment(commitment: CompanyCommitment, actor: User | None) -> None:
    record_event(
        "commitment.delete",
        commitment,
        plan_id=commitment.plan_id,
        actor_id=actor.id if actor else None,
        data=_journal_data(commitment),
    )
    db.session.delete(commitment)
    db.session.flush()


# --------------------------------------------------------------------------- the listing


@dataclass
class OrganizationCommitments:
    organization: Organization
    commitments: list[CompanyCommitment] = field(default_factory=list)

    @property
    def valuation_cents(self) -> int:
        return sum(c.valuation_cents or 0 for c in self.commitments)


@dataclass
class Total:
    """Commitments, distinct organisations and valuation of one size class or type."""

    key: str
    commitments: int = 0
    valuation_cents: int = 0
    organization_ids: set[int] = field(default_factory=set)

    @property
    def organizations(self) -> int:
        return len(self.organization_ids)

    def add(self, commitment: CompanyCommitment) -> None:
        self.commitments += 1
        self.valuation_cents += commitment.valuation_cents or 0
        self.organization_ids.add(commitment.organization_id)


# Organisations without a size class (ESS enterprises, associations…) are counted apart.
NO_SIZE = "none"
SIZE_ORDER = [*(size.value for size in SizeClass), NO_SIZE]


@dataclass
class CommitmentSummary:
    by_organization: list[OrganizationCommitments]
    by_size: list[Total]
    by_kind: list[Total]
    total: Total


def summarise(commitments: list[CompanyCommitment]) -> CommitmentSummary:
    """Group the commitments by organisation and add them up by size class and by type."""
    groups: dict[int, OrganizationCommitments] = {}
    sizes: dict[str, Total] = {}
    kinds: dict[str, Total] = {}
    total = Total("all")
    for commitment in commitments:
        organization = commitment.organization
        group = groups.setdefault(organization.id, OrganizationCommitments(organization))
        group.commitments.append(commitment)
        size = organization.size_class.value if organization.size_class else NO_SIZE
        sizes.setdefault(size, Total(size)).add(commitment)
        kind = commitment.kind.value
        kinds.setdefault(kind, Total(kind)).add(commitment)
        total.add(commitment)
    return CommitmentSummary(
        by_organization=list(groups.values()),
        by_size=[sizes[key] for key in SIZE_ORDER if key in sizes],
        by_kind=[kinds[kind.value] for kind in CommitmentKind if kind.value in kinds],
        total=total,
    )
