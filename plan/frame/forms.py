"""Forms of the plan frame."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from plan.frame.models import (
    DIMENSION_LABELS,
    FULL_WEIGHT,
    INDICATOR_KIND_LABELS,
    MAX_HORIZON_YEARS,
    MIN_HORIZON_YEARS,
    ORGANIZATION_KIND_LABELS,
    SCALE_LABELS,
    SIZE_CLASS_LABELS,
    VISIBILITY_LABELS,
    ZONE_KIND_LABELS,
    OrganizationKind,
)
from plan.validation import (
    LocalDecimalField,
    check_siret,
    check_slug,
    text_length,
    title_length,
    year_range,
)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


def _required(message: str) -> InputRequired:
    return InputRequired(message)


class PlanForm(FlaskForm):
    title = StringField(
        _l("Title of the plan"),
        validators=[_required(_l("Give the plan a title.")), title_length()],
    )
    territory_name = StringField(
        _l("Territory"),
        validators=[_required(_l("Name the territory.")), title_length()],
        description=_l("For example: Hautes-Alpes, Pays de Dinan, Communauté de communes …"),
    )
    territory_scale = SelectField(_l("Scale of the territory"), choices=_choices(SCALE_LABELS))
    first_year = IntegerField(
        _l("First year"),
        validators=[_required(_l("Enter the first year of the plan.")), year_range()],
    )
    last_year = IntegerField(
        _l("Last year"),
        validators=[_required(_l("Enter the last year of the plan.")), year_range()],
        description=_l("A plan covers 2 to 10 years."),
    )
    summary = TextAreaField(_l("Summary"), validators=[text_length(5000)])
    visibility = SelectField(_l("Who can read the plan"), choices=_choices(VISIBILITY_LABELS))
    lead_organization_id = SelectField(
        _l("Lead organisation"), coerce=int, choices=[], validate_choice=True
    )

    def validate_last_year(self, field: IntegerField) -> None:
        first, last = self.first_year.data, field.data
        if first is None or last is None:
            return
        if last <= first:
            raise ValidationError(_l("The last year must come after the first year."))
        years = last - first + 1
        if not MIN_HORIZON_YEARS <= years <= MAX_HORIZON_YEARS:
            raise ValidationError(
                _l(
                    "A plan covers %(min)d to %(max)d years; this one would cover %(years)d.",
                    min=MIN_HORIZON_YEARS,
                    max=MAX_HORIZON_YEARS,
                    years=years,
                )
            )


class NewPlanForm(PlanForm):
    slug = StringField(
        _l("Short name in the address"),
        validators=[_required(_l("Choose the short name.")), Length(min=3, max=60), check_slug],
        description=_l("Lower-case letters, digits and hyphens: it appears in /plans/…"),
    )


class ChallengeForm(FlaskForm):
    position = SelectField(
        _l("Number"), coerce=int, choices=[SelectChoice(n, str(n)) for n in (1, 2, 3)]
    )
    title = StringField(
        _l("Title"), validators=[_required(_l("Give the challenge a title.")), title_length()]
    )
    dimension = SelectField(_l("Dimension"), choices=_choices(DIMENSION_LABELS))
    description = TextAreaField(_l("Description"), validators=[text_length(5000)])


class ObjectiveForm(FlaskForm):
    title = StringField(
        _l("Objective"),
        validators=[_required(_l("State the objective.")), title_length()],
        description=_l("Measurable if possible: « Porter à 30 % la part de … d'ici 2023 »."),
    )
    description = TextAreaField(_l("Details"), validators=[text_length(5000)])


class IndicatorForm(FlaskForm):
    name = StringField(
        _l("Indicator"), validators=[_required(_l("Name the indicator.")), title_length()]
    )
    unit = StringField(
        _l("Unit"),
        validators=[
            _required(_l("Give the unit, e.g. %, people, meals per year.")),
            title_length(60),
        ],
    )
    kind = SelectField(_l("Kind"), choices=_choices(INDICATOR_KIND_LABELS))
    baseline_value = LocalDecimalField(
        _l("Baseline value"),
        validators=[Optional()],
        places=None,
        render_kw={"inputmode": "decimal"},
    )
    baseline_year = IntegerField(_l("Baseline year"), validators=[Optional(), year_range()])
    target_value = LocalDecimalField(
        _l("Target value"),
        validators=[Optional()],
        places=None,
        render_kw={"inputmode": "decimal"},
    )
    target_year = IntegerField(_l("Target year"), validators=[Optional(), year_range()])
    source = StringField(_l("Source of the data"), validators=[text_length(300)])

    def validate_target_year(self, field: IntegerField) -> None:
        if field.data and self.baseline_year.data and field.data < self.baseline_year.data:
            raise ValidationError(_l("The target year cannot come before the baseline year."))


class ZoneForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[_required(_l("Name the territory.")), title_length()]
    )
    kind = SelectField(_l("Where"), choices=_choices(ZONE_KIND_LABELS))
    rationale = TextAreaField(
        _l("Why it is a priority"),
        validators=[text_length(5000)],
        description=_l("For example: an ecosystem of actors that is not yet mature."),
    )


class OrganizationForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[_required(_l("Name the organisation.")), title_length()]
    )
    kind = SelectField(_l("Kind"), choices=_choices(ORGANIZATION_KIND_LABELS))
    size_class = SelectField(
        _l("Company size"),
        choices=[SelectChoice("", _l("Not a company")), *_choices(SIZE_CLASS_LABELS)],
        description=_l("For companies only."),
    )
    siret = StringField(
        _l("SIRET number (optional)"),
        validators=[Optional(strip_whitespace=True), Length(max=20), check_siret],
        description=_l("14 digits; its check key is verified."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    website = URLField(
        _l("Website (optional)"),
        validators=[Optional(), Length(max=300)],
        render_kw={"placeholder": "https://"},
    )

    def validate_size_class(self, field: SelectField) -> None:
        is_company = self.kind.data == OrganizationKind.COMPANY.value
        if is_company and not field.data:
            raise ValidationError(_l("Give the size of the company."))
        if not is_company and field.data:
            raise ValidationError(_l("Only a company has a size class."))

    def validate_website(self, field: URLField) -> None:
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("Enter a full address starting with https://"))


class CollegeRowForm(Form):
    college_id = HiddenField()
    name = StringField(_l("Name of the college"), validators=[text_length(120)])
    weight = LocalDecimalField(
        _l("Weight (%)"),
        places=2,
        validators=[Optional()],
        render_kw={"inputmode": "decimal"},
    )
    remove = BooleanField(_l("Remove"))


class CollegesForm(FlaskForm):
    colleges = FieldList(FormField(CollegeRowForm), min_entries=1)

    def __init__(self, *args, weighting: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.weighting = weighting

    def kept_rows(self) -> list[CollegeRowForm]:
        return [
            row.form
            for row in self.colleges
            if not row.form.remove.data and (row.form.name.data or "").strip()
        ]

    def validate_colleges(self, field: FieldList) -> None:
        rows = self.kept_rows()
        if not rows:
            raise ValidationError(_l("A plan needs at least one college."))
        names = [row.name.data.strip().casefold() for row in rows]
        if len(set(names)) != len(names):
            raise ValidationError(_l("Two colleges have the same name."))
        for row in rows:
            weight = row.weight.data
            if weight is not None and not Decimal(0) <= weight <= FULL_WEIGHT:
                row.weight.errors.append(_l("A weight lies between 0 and 100 %."))
                raise ValidationError(_l("Check the weights."))
        if self.weighting:
            total = sum((row.weight.data or Decimal(0)) for row in rows)
            if total != FULL_WEIGHT:
                raise ValidationError(
                    _l(
                        "The weights add up to %(total)s %%; they must add up to 100 %%.",
                        total=format_decimal(total),
                    )
                )
