"""The plan frame: plans, organisations, colleges, challenges, objectives, indicators, zones."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Enum,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from plan.extensions import db


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Scale(enum.StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    PETR = "petr"
    DEPARTEMENT = "departement"
    REGION = "region"
    OTHER = "other"


SCALE_LABELS = {
    Scale.COMMUNE: _l("Municipality"),
    Scale.EPCI: _l("Inter-municipal authority (EPCI)"),
    Scale.PETR: _l("Rural territorial pole (PETR)"),
    Scale.DEPARTEMENT: _l("Département"),
    Scale.REGION: _l("Region"),
    Scale.OTHER: _l("Other"),
}


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"


VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Public: anyone can read the plan"),
    Visibility.MEMBERS: _l("Members only"),
}


class OrganizationKind(enum.StrEnum):
    ASSOCIATION = "association"
    ESS_ENTERPRISE = "ess_enterprise"
    LOCAL_AUTHORITY = "local_authority"
    COMPANY = "company"
    FUNDER = "funder"
    PUBLIC_OPERATOR = "public_operator"
    RESEARCH_TRAINING = "research_training"
    CITIZENS_GROUP = "citizens_group"


ORGANIZATION_KIND_LABELS = {
    OrganizationKind.ASSOCIATION: _l("Association"),
    OrganizationKind.ESS_ENTERPRISE: _l("Social economy enterprise (SCOP, SCIC)"),
    OrganizationKind.LOCAL_AUTHORITY: _l("Local authority"),
    OrganizationKind.COMPANY: _l("Company"),
    OrganizationKind.FUNDER: _l("Funder or foundation"),
    OrganizationKind.PUBLIC_OPERATOR: _l("State or public operator"),
    OrganizationKind.RESEARCH_TRAINING: _l("Research or training"),
    OrganizationKind.CITIZENS_GROUP: _l("Citizens' group"),
}


class SizeClass(enum.StrEnum):
    TPE = "tpe"
    PME = "pme"
    ETI = "eti"
    LARGE_GROUP = "large_group"


SIZE_CLASS_LABELS = {
    SizeClass.TPE: _l("Micro-enterprise (TPE, under 10 staff)"),
    SizeClass.PME: _l("SME (PME, under 250 staff)"),
    SizeClass.ETI: _l("Mid-size company (ETI, under 5,000 staff)"),
    SizeClass.LARGE_GROUP: _l("Large group"),
}


class Dimension(enum.StrEnum):
    SOCIAL = "social"
    ENVIRONMENTAL = "environmental"
    CIVIC = "civic"
    ECONOMIC = "economic"


DIMENSION_LABELS = {
    Dimension.SOCIAL: _l("Social"),
    Dimension.ENVIRONMENTAL: _l("Environmental"),
    Dimension.CIVIC: _l("Civic"),
    Dimension.ECONOMIC: _l("Economic"),
}


class IndicatorKind(enum.StrEnum):
    OUTPUT = "output"
    RESULT = "result"
    IMPACT = "impact"


INDICATOR_KIND_LABELS = {
    IndicatorKind.OUTPUT: _l("Output"),
    IndicatorKind.RESULT: _l("Result"),
    IndicatorKind.IMPACT: _l("Impact"),
}


class ZoneKind(enum.StrEnum):
    INTERNAL = "internal"
    NEIGHBOURING = "neighbouring"


ZONE_KIND_LABELS = {
    ZoneKind.INTERNAL: _l("Within the territory"),
    ZoneKind.NEIGHBOURING: _l("Neighbouring territory"),
}

MAX_CHALLENGES = 3
MIN_HORIZON_YEARS = 2
MAX_HORIZON_YEARS = 10
FULL_WEIGHT = Decimal(100)


class Plan(db.Model):
    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("last_year > first_year", name="horizon_order"),
        CheckConstraint("last_year - first_year < 10", name="horizon_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    territory_name: Mapped[str] = mapped_column(String(200))
    territory_scale: Mapped[Scale] = mapped_column(_enum(Scale))
    first_year: Mapped[int]
    last_year: Mapped[int]
    summary: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility), default=Visibility.MEMBERS)
    lead_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", use_alter=True, ondelete="SET NULL")
    )
    college_weighting: Mapped[bool] = mapped_column(default=True)
    # Consensus rules (DESIGN.md section 4); plan.voting.rules turns them into counting rules.
    voting_method: Mapped[str] = mapped_column(String(24), server_default="majority_judgment")
    quorum_voters: Mapped[int] = mapped_column(server_default="5")
    quorum_colleges: Mapped[int] = mapped_column(server_default="2")
    adoption_threshold: Mapped[str] = mapped_column(String(16), server_default="assez_bien")
    veto_threshold: Mapped[str] = mapped_column(String(16), server_default="passable")
    veto_min_voters: Mapped[int] = mapped_column(server_default="2")
    # Exact fractions, written "2/3".
    approval_adoption: Mapped[str] = mapped_column(String(12), server_default="2/3")
    approval_college_min: Mapped[str] = mapped_column(String(12), server_default="1/2")
    approval_rejection: Mapped[str] = mapped_column(String(12), server_default="1/2")
    dots_per_voter: Mapped[int] = mapped_column(server_default="5")
    dots_per_item: Mapped[int] = mapped_column(server_default="3")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    lead_organization: Mapped[Organization | None] = relationship(
        foreign_keys=[lead_organization_id], post_update=True
    )
    challenges: Mapped[list[Challenge]] = relationship(
        back_populates="plan", order_by="Challenge.position", cascade="all, delete-orphan"
    )
    colleges: Mapped[list[College]] = relationship(
        back_populates="plan", order_by="College.position", cascade="all, delete-orphan"
    )
    zones: Mapped[list[PriorityZone]] = relationship(
        back_populates="plan", order_by="PriorityZone.name", cascade="all, delete-orphan"
    )
    organizations: Mapped[list[Organization]] = relationship(
        back_populates="plan",
        order_by="Organization.name",
        foreign_keys="Organization.plan_id",
        cascade="all, delete-orphan",
    )

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def __repr__(self) -> str:
        return f"<Plan {self.slug}>"


class Organization(db.Model):
    __tablename__ = "organizations"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(_enum(OrganizationKind))
    size_class: Mapped[SizeClass | None] = mapped_column(_enum(SizeClass))
    siret: Mapped[str | None] = mapped_column(String(14))
    website: Mapped[str | None] = mapped_column(String(300))

    plan: Mapped[Plan] = relationship(back_populates="organizations", foreign_keys=[plan_id])

    @property
    def kind_label(self) -> str:
        return str(ORGANIZATION_KIND_LABELS[self.kind])


class College(db.Model):
    __tablename__ = "colleges"
    __table_args__ = (
        UniqueConstraint("plan_id", "name"),
        CheckConstraint("weight >= 0 AND weight <= 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(120))
    # Percentage of the vote, two decimals: the colleges of a plan add up to 100.
    weight: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))

    plan: Mapped[Plan] = relationship(back_populates="colleges")


class Challenge(db.Model):
    __tablename__ = "challenges"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 3", name="position_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    dimension: Mapped[Dimension] = mapped_column(_enum(Dimension))
    description: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="challenges")
    objectives: Mapped[list[Objective]] = relationship(
        back_populates="challenge", order_by="Objective.position", cascade="all, delete-orphan"
    )

    @property
    def dimension_label(self) -> str:
        return str(DIMENSION_LABELS[self.dimension])


class Objective(db.Model):
    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    challenge: Mapped[Challenge] = relationship(back_populates="objectives")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="objective", order_by="Indicator.id", cascade="all, delete-orphan"
    )


class Indicator(db.Model):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(60))
    kind: Mapped[IndicatorKind] = mapped_column(_enum(IndicatorKind))
    baseline_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    baseline_year: Mapped[int | None]
    target_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    target_year: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(300), default="")

    objective: Mapped[Objective] = relationship(back_populates="indicators")

    @property
    def kind_label(self) -> str:
        return str(INDICATOR_KIND_LABELS[self.kind])


class PriorityZone(db.Model):
    __tablename__ = "priority_zones"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ZoneKind] = mapped_column(_enum(ZoneKind))
    rationale: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="zones")

    @property
    def kind_label(self) -> str:
        return str(ZONE_KIND_LABELS[self.kind])
