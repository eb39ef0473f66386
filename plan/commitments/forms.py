"""The form of a company commitment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from plan.actions.models import Action
from plan.actions.presenting import euros
from plan.commitments.models import COMMITMENT_KIND_LABELS
from plan.frame.models import Organization, OrganizationKind
from plan.validation import LocalDecimalField, text_length

MAX_DESCRIPTION = 2000
# A commitment to a territorial plan above ten million euros is a typing mistake (it also
# keeps the cents within the column's 32-bit integer).
MAX_VALUATION_CENTS = 10_000_000 * 100
WHOLE_PLAN = 0


def _id(value: Any) -> int | None:
    """A choice's id as sent, None for anything that is not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CommitmentForm(FlaskForm):
    organization_id = SelectField(
        _l("Organisation that commits"), coerce=_id, choices=[], validate_choice=False
    )
    action_id = SelectField(
        _l("What it commits to"),
        coerce=_id,
        choices=[],
        validate_choice=False,
        description=_l("An action of the plan, or the plan as a whole."),
    )
    kind = SelectField(
        _l("Type of commitment"),
        choices=[SelectChoice(kind.value, label) for kind, label in COMMITMENT_KIND_LABELS.items()],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Describe the commitment.")),
            text_length(MAX_DESCRIPTION),
        ],
        description=_l("What the organisation brings, for how long, with whom."),
    )
    valuation = LocalDecimalField(
        _l("Valuation in euros (optional)"),
        places=2,
        validators=[Optional()],
        description=_l("For example: 12 500 or 12 500,50."),
    )

    def setup(self, organizations: list[Organization], actions: list[Action]) -> None:
        """Offer the plan's organisations (companies first) and its living actions."""
        groups: dict[str, list[SelectChoice]] = {}
        order = (
            (OrganizationKind.COMPANY, _("Companies")),
            (OrganizationKind.ESS_ENTERPRISE, _("Social economy enterprises")),
        )
        for kind, heading in order:
            members = [SelectChoice(o.id, o.name) for o in organizations if o.kind == kind]
            if members:
                groups[heading] = members
        others = [
            SelectChoice(o.id, o.name)
            for o in organizations
            if o.kind not in (OrganizationKind.COMPANY, OrganizationKind.ESS_ENTERPRISE)
        ]
        if others:
            groups[_("Other organisations")] = others
        self.organization_id.choices = groups
        self.organization_id.known_ids = {o.id for o in organizations}
        self.action_id.choices = [SelectChoice(WHOLE_PLAN, _("The plan as a whole"))] + [
            SelectChoice(a.id, f"{a.reference} — {a.title}") for a in actions
        ]
        self.action_id.known_ids = {a.id for a in actions}

    def validate_organization_id(self, field: SelectField) -> None:
        # An id of another plan, or something that is not an id at all.
        if field.data not in field.known_ids:
            raise ValidationError(_("Choose an organisation of this plan."))

    def validate_action_id(self, field: SelectField) -> None:
        if field.data != WHOLE_PLAN and field.data not in field.known_ids:
            raise ValidationError(_("Choose an action of this plan, or the plan as a whole."))

    def validate_valuation(self, field: LocalDecimalField) -> None:
        value = field.data
        if field.process_errors or (value is not None and not value.is_finite()):
            # « abc », « NaN », « Infinity »: one sentence in the reader's language.
            field.errors[:] = []
            raise ValidationError(_("Enter an amount in euros, for example 12 500."))
        if value is None:
            return
        if value < 0:
            raise ValidationError(_("A valuation cannot be negative."))
        # Compared without multiplying: « 1e999999 » would overflow the decimal context.
        if value > Decimal(MAX_VALUATION_CENTS) / 100:
            raise ValidationError(
                _("A valuation cannot exceed %(amount)s.", amount=euros(MAX_VALUATION_CENTS))
            )

    def valuation_cents(self) -> int | None:
        if self.valuation.data is None:
            return None
        return int((Decimal(self.valuation.data) * 100).to_integral_value())
