"""Company commitments: an organisation commits to an action or to the whole plan."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from plan.actions.models import Action
from plan.extensions import db
from plan.frame.models import Organization, Plan, _enum


class CommitmentKind(enum.StrEnum):
    CSR = "csr"
    FINANCIAL_SPONSORSHIP = "financial_sponsorship"
    SKILLS_SPONSORSHIP = "skills_sponsorship"
    PARTNERSHIP = "partnership"
    RESPONSIBLE_PURCHASING = "responsible_purchasing"


COMMITMENT_KIND_LABELS = {
    CommitmentKind.CSR: _l("Corporate social responsibility (CSR)"),
    CommitmentKind.FINANCIAL_SPONSORSHIP: _l("Financial sponsorship"),
    CommitmentKind.SKILLS_SPONSORSHIP: _l("Skills sponsorship"),
    CommitmentKind.PARTNERSHIP: _l("Partnership"),
    CommitmentKind.RESPONSIBLE_PURCHASING: _l("Responsible purchasing"),
}


class CompanyCommitment(db.Model):
    __tablename__ = "company_commitments"
    __table_args__ = (
        CheckConstraint("valuation_cents IS NULL OR valuation_cents >= 0", name="valuation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # None: a commitment to the plan as a whole.
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    kind: Mapped[CommitmentKind] = mapped_column(_enum(CommitmentKind))
    description: Mapped[str] = mapped_column(Text, default="")
    # Euro cents, like every amount of the plan.
    valuation_cents: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    plan: Mapped[Plan] = relationship()
    organization: Mapped[Organization] = relationship()
    action: Mapped[Action | None] = relationship()

    @property
    def kind_label(self) -> str:
        return str(COMMITMENT_KIND_LABELS[self.kind])
