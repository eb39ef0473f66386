"""The fiche action form (for proposals, edits and amendments) and the comment forms."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from plan.actions.content import MAX_AMOUNT_CENTS, complete_content
from plan.actions.models import (
    BUDGET_KIND_LABELS,
    FUNDING_NATURE_LABELS,
    FUNDING_STATUS_LABELS,
    PARTNER_ROLE_LABELS,
    PRIORITY_LABELS,
    STANCE_LABELS,
)
from plan.frame.models import INDICATOR_KIND_LABELS, Plan
from plan.validation import LocalDecimalField, text_length, title_length

MAX_BODY = 50_000
BLANK_ROWS = 2


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _amount_field(label: str) -> LocalDecimalField:
    return LocalDecimalField(
        label, places=2, validators=[Optional()], render_kw={"inputmode": "decimal"}
    )


def _check_amount(field: LocalDecimalField) -> int | None:
    """Euros as typed → cents; a message next to the field when out of range."""
    if field.data is None:
        return None
    if field.data < 0:
        field.errors.append(_l("An amount cannot be negative."))
        return None
    cents = int((Decimal(field.data) * 100).to_integral_value())
    if cents > MAX_AMOUNT_CENTS:
        field.errors.append(_l("An amount cannot exceed 1,000,000,000 €."))
        return None
    return cents


class PartnerRow(Form):
    organization_id = SelectField(_l("Partner"), coerce=int, choices=[], validate_choice=False)
    role = SelectField(_l("Role"), choices=_choices(PARTNER_ROLE_LABELS))


class BudgetRow(Form):
    year = SelectField(_l("Year"), coerce=int, choices=[], validate_choice=False)
    kind = SelectField(_l("Kind of expense"), choices=_choices(BUDGET_KIND_LABELS))
    amount = _amount_field(_l("Amount (€)"))


class FundingRow(Form):
    funder = StringField(_l("Funder"), validators=[text_length(200)])
    nature = SelectField(_l("Nature"), choices=_choices(FUNDING_NATURE_LABELS))
    amount = _amount_field(_l("Amount (€)"))
    status = SelectField(_l("Status"), choices=_choices(FUNDING_STATUS_LABELS))


class IndicatorRow(Form):
    name = StringField(_l("Indicator"), validators=[text_length(200)])
    unit = StringField(_l("Unit"), validators=[text_length(60)])
    kind = SelectField(_l("Kind"), choices=_choices(INDICATOR_KIND_LABELS))
    baseline = LocalDecimalField(_l("Baseline"), places=None, validators=[Optional()])
    target = LocalDecimalField(_l("Target"), places=None, validators=[Optional()])


class FicheForm(FlaskForm):
    """Every field of a fiche action, in readable sections (see the template)."""

    title = StringField(
        _l("Title of the action"),
        validators=[InputRequired(_l("Give the action a title.")), title_length(250)],
    )
    objective_ids = MultiCheckboxField(
        _l("Objectives it serves"), coerce=int, choices=[], validate_choice=False
    )
    context = TextAreaField(
        _l("Context"),
        validators=[text_length(MAX_BODY)],
        description=_l("Why this action: the situation in the territory. Markdown accepted."),
    )
    objectives_text = TextAreaField(_l("Aims of the action"), validators=[text_length(MAX_BODY)])
    description = TextAreaField(
        _l("Description and steps"),
        validators=[text_length(MAX_BODY)],
        description=_l("What will be done, by whom, in which order."),
    )
    expected_results = TextAreaField(_l("Expected results"), validators=[text_length(MAX_BODY)])
    lead_organization_id = SelectField(
        _l("Lead organisation (pilot)"), coerce=int, choices=[], validate_choice=False
    )
    lead_contact = StringField(_l("Contact"), validators=[text_length(200)])
    partners = FieldList(FormField(PartnerRow))
    target_audiences = TextAreaField(_l("Target audiences"), validators=[text_length(5000)])
    zone_ids = MultiCheckboxField(
        _l("Priority territories"), coerce=int, choices=[], validate_choice=False
    )
    first_year = IntegerField(_l("First year"), validators=[Optional()])
    last_year = IntegerField(_l("Last year"), validators=[Optional()])
    budget_lines = FieldList(FormField(BudgetRow))
    funding_lines = FieldList(FormField(FundingRow))
    indicators = FieldList(FormField(IndicatorRow))
    priority = SelectField(_l("Priority"), choices=_choices(PRIORITY_LABELS))
    form_token = HiddenField()

    def setup(self, plan: Plan, challenge_ids: list[int] | None = None) -> FicheForm:
        """Fill the choices from the plan and add blank rows to the repeatable parts."""
        self.plan = plan
        self.objective_ids.choices = [
            SelectChoice(o.id, f"{c.position}. {o.title}")
            for c in plan.challenges
            if challenge_ids is None or c.id in challenge_ids
            for o in c.objectives
        ]
        organizations = [SelectChoice(o.id, o.name) for o in plan.organizations]
        self.lead_organization_id.choices = [SelectChoice(0, _l("— to be found —")), *organizations]
        self.zone_ids.choices = [SelectChoice(z.id, z.name) for z in plan.zones]
        if not self.is_submitted():
            for rows in (self.partners, self.budget_lines, self.funding_lines, self.indicators):
                for _ in range(BLANK_ROWS):
                    rows.append_entry()
        years = [SelectChoice(year, str(year)) for year in plan.years]
        for row in self.partners:
            row.form.organization_id.choices = [SelectChoice(0, "—"), *organizations]
        for row in self.budget_lines:
            row.form.year.choices = years
        if not self.form_token.data:
            self.form_token.data = secrets.token_urlsafe(24)
        return self

    def _check_within_horizon(self, field: IntegerField) -> None:
        plan = self.plan
        if field.data is not None and not plan.first_year <= field.data <= plan.last_year:
            raise ValidationError(
                _l(
                    "Choose a year within the plan's horizon, %(first)d–%(last)d.",
                    first=plan.first_year,
                    last=plan.last_year,
                )
            )

    def validate_first_year(self, field: IntegerField) -> None:
        self._check_within_horizon(field)

    def validate_last_year(self, field: IntegerField) -> None:
        self._check_within_horizon(field)
        if self.first_year.data and field.data and field.data < self.first_year.data:
            raise ValidationError(_l("The last year cannot come before the first year."))

    def validate_objective_ids(self, field: MultiCheckboxField) -> None:
        known = {choice.value for choice in field.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError(_l("Choose objectives of this action's challenge."))

    def validate_zone_ids(self, field: MultiCheckboxField) -> None:
        known = {zone.id for zone in self.plan.zones}
        if any(value not in known for value in field.data or []):
            raise ValidationError(_l("Choose priority territories of this plan."))

    def validate_lead_organization_id(self, field: SelectField) -> None:
        known = {organization.id for organization in self.plan.organizations}
        if field.data and field.data not in known:
            raise ValidationError(_l("Choose an organisation of this plan."))

    def check_for_submission(self) -> bool:
        """What a submitted fiche needs beyond a draft; errors go next to the fields."""
        missing = False
        for field, message in (
            (self.description, _l("Describe the action before submitting it.")),
            (self.first_year, _l("Give the first year before submitting.")),
            (self.last_year, _l("Give the last year before submitting.")),
        ):
            if not field.data:
                field.errors = [*field.errors, message]
                missing = True
        if not self.lead_organization_id.data:
            self.lead_organization_id.errors = [
                *self.lead_organization_id.errors,
                _l("Name the lead organisation before submitting."),
            ]
            missing = True
        return not missing

    def to_content(self) -> dict[str, Any] | None:
        """The fiche as content (cents for money), or None when a row is wrong."""
        valid = True
        organizations = {organization.id for organization in self.plan.organizations}
        partners = []
        for row in self.partners:
            organization_id = row.form.organization_id.data
            if not organization_id:
                continue
            if organization_id not in organizations:
                row.form.organization_id.errors.append(_l("Choose an organisation of this plan."))
                valid = False
                continue
            partners.append({"organization_id": organization_id, "role": row.form.role.data})
        budget_lines = []
        for row in self.budget_lines:
            cents = _check_amount(row.form.amount)
            if row.form.amount.errors:
                valid = False
                continue
            if cents is None:
                continue
            if row.form.year.data not in self.plan.years:
                row.form.year.errors.append(_l("Choose a year within the plan's horizon."))
                valid = False
                continue
            budget_lines.append(
                {"year": row.form.year.data, "kind": row.form.kind.data, "amount_cents": cents}
            )
        funding_lines = []
        for row in self.funding_lines:
            cents = _check_amount(row.form.amount)
            if row.form.amount.errors:
                valid = False
                continue
            funder = (row.form.funder.data or "").strip()
            if cents is None and not funder:
                continue
            if cents is None or not funder:
                target = row.form.amount if cents is None else row.form.funder
                target.errors.append(_l("A funding line needs a funder and an amount."))
                valid = False
                continue
            funding_lines.append(
                {
                    "funder": funder,
                    "nature": row.form.nature.data,
                    "amount_cents": cents,
                    "status": row.form.status.data,
                }
            )
        indicators = []
        for row in self.indicators:
            name = (row.form.name.data or "").strip()
            if not name:
                continue
            indicators.append(
                {
                    "name": name,
                    "unit": (row.form.unit.data or "").strip(),
                    "kind": row.form.kind.data,
                    "baseline": _decimal_text(row.form.baseline.data),
                    "target": _decimal_text(row.form.target.data),
                }
            )
        if not valid:
            return None
        return complete_content(
            {
                "title": self.title.data.strip(),
                "objective_ids": list(self.objective_ids.data or []),
                "context": self.context.data or "",
                "objectives_text": self.objectives_text.data or "",
                "description": self.description.data or "",
                "expected_results": self.expected_results.data or "",
                "lead_organization_id": self.lead_organization_id.data or None,
                "lead_contact": (self.lead_contact.data or "").strip(),
                "partners": partners,
                "target_audiences": self.target_audiences.data or "",
                "zone_ids": list(self.zone_ids.data or []),
                "first_year": self.first_year.data,
                "last_year": self.last_year.data,
                "budget_lines": budget_lines,
                "funding_lines": funding_lines,
                "indicators": indicators,
                "priority": self.priority.data,
            }
        )


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else format(Decimal(value).normalize(), "f")


def content_to_form_data(content: dict[str, Any]) -> dict[str, Any]:
    """Content as the form's initial data (euros for the amounts)."""
    content = complete_content(content)

    def euros(cents: int) -> Decimal:
        return (Decimal(cents) / 100).quantize(Decimal("0.01"))

    return {
        **content,
        "lead_organization_id": content["lead_organization_id"] or 0,
        "budget_lines": [
            {"year": line["year"], "kind": line["kind"], "amount": euros(line["amount_cents"])}
            for line in content["budget_lines"]
        ],
        "funding_lines": [
            {**line, "amount": euros(line["amount_cents"])} for line in content["funding_lines"]
        ],
        "indicators": [
            {
                **line,
                "baseline": Decimal(line["baseline"]) if line.get("baseline") else None,
                "target": Decimal(line["target"]) if line.get("target") else None,
            }
            for line in content["indicators"]
        ],
    }


class NewFicheForm(FicheForm):
    challenge_id = SelectField(_l("Challenge"), coerce=int, choices=[], validate_choice=False)

    def setup(self, plan: Plan, challenge_ids: list[int] | None = None) -> FicheForm:
        self.challenge_id.choices = [
            SelectChoice(c.id, f"{c.position}. {c.title}") for c in plan.challenges
        ]
        return super().setup(plan, challenge_ids)

    def validate_challenge_id(self, field: SelectField) -> None:
        if field.data not in {c.id for c in self.plan.challenges}:
            raise ValidationError(_l("Choose one of the plan's challenges."))

    def validate_objective_ids(self, field: MultiCheckboxField) -> None:
        challenge = next((c for c in self.plan.challenges if c.id == self.challenge_id.data), None)
        allowed = {o.id for o in challenge.objectives} if challenge else set()
        if any(value not in allowed for value in field.data or []):
            raise ValidationError(_l("Choose objectives of this action's challenge."))


class EditFicheForm(FicheForm):
    change_note = StringField(
        _l("What changes, in a few words"),
        validators=[text_length(500)],
        description=_l("Shown in the history of the action."),
    )


class AmendmentForm(FicheForm):
    rationale = TextAreaField(
        _l("Why this amendment"),
        validators=[
            InputRequired(_l("Explain why you propose this change.")),
            text_length(MAX_BODY),
        ],
    )


class CommentForm(FlaskForm):
    stance = RadioField(
        _l("Your position"),
        choices=_choices(STANCE_LABELS),
        default="neutral",
        validators=[InputRequired(_l("Choose your position."))],
    )
    body = TextAreaField(
        _l("Comment"),
        validators=[
            InputRequired(_l("Write your comment.")),
            text_length(MAX_BODY),
        ],
        description=_l("Markdown accepted: **bold**, *italics*, lists, links."),
    )
    parent_id = HiddenField()
    form_token = HiddenField()

    def with_token(self) -> CommentForm:
        if not self.form_token.data:
            self.form_token.data = secrets.token_urlsafe(24)
        return self


class CommentEditForm(FlaskForm):
    body = TextAreaField(
        _l("Comment"),
        validators=[InputRequired(_l("Write your comment.")), text_length(MAX_BODY)],
    )


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[InputRequired(_l("Give the reason.")), text_length(300)],
    )


class DecisionForm(FlaskForm):
    reason = TextAreaField(_l("Reason (shown to the author)"), validators=[text_length(2000)])


class MergeForm(FlaskForm):
    target = StringField(
        _l("Reference of the action that absorbs this one"),
        validators=[InputRequired(_l("Give a reference such as 2.3.")), text_length(12)],
    )
