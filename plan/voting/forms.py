"""The consensus settings form: each rule with the sentence that explains it."""

from __future__ import annotations

from fractions import Fraction

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from plan.voting.counting import GRADES
from plan.voting.labels import GRADE_LABELS, METHOD_LABELS, SHARE_LABELS


def _count(label: str, description: str, maximum: int = 10_000) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(min=1, max=maximum, message=_l("Between %(min)d and %(max)d.")),
        ],
        description=description,
    )


def _grades(label: str, description: str) -> SelectField:
    return SelectField(
        label,
        choices=[SelectChoice(code, GRADE_LABELS[code]) for code in GRADES],
        description=description,
    )


def _shares(label: str, description: str, codes: tuple[str, ...]) -> SelectField:
    return SelectField(
        label,
        choices=[SelectChoice(code, SHARE_LABELS[code]) for code in codes],
        description=description,
    )


class ConsensusForm(FlaskForm):
    voting_method = SelectField(
        _l("Default voting method"),
        choices=[SelectChoice(code, label) for code, label in METHOD_LABELS.items()],
        description=_l("Proposed when a ballot is created; each ballot can use another."),
    )
    quorum_voters = _count(
        _l("Quorum of voters"),
        _l("Below this number of voters on an action, participation is insufficient."),
    )
    quorum_colleges = _count(
        _l("Quorum of colleges"),
        _l("An action must be judged by at least this many colleges."),
        maximum=50,
    )
    adoption_threshold = _grades(
        _l("Adoption threshold"),
        _l("An action is adopted when its majority grade reaches this grade…"),
    )
    veto_threshold = _grades(
        _l("Veto threshold"),
        _l("…and no college has a majority grade below this one; below it, not retained."),
    )
    veto_min_voters = _count(
        _l("Voters for a college's veto"),
        _l("A college vetoes only if at least this many of its members voted."),
    )
    approval_adoption = _shares(
        _l("Approval: share of « for » to adopt"),
        _l("Share of « for » among expressed votes needed to adopt."),
        ("1/2", "3/5", "2/3", "3/4"),
    )
    approval_college_min = _shares(
        _l("Approval: share of « for » in every college"),
        _l("Every college with 2 or more voters must reach this share."),
        ("1/3", "1/2", "2/3"),
    )
    approval_rejection = _shares(
        _l("Approval: rejection under"),
        _l("Under this share of « for », the action is not retained."),
        ("1/3", "1/2"),
    )
    dots_per_voter = _count(
        _l("Dots per voter"),
        _l("Dot voting: how many dots each voter spreads over the actions."),
        maximum=50,
    )
    dots_per_item = _count(
        _l("Dots per action at most"),
        _l("Dot voting: how many of their dots a voter may put on one action."),
        maximum=50,
    )

    def validate_veto_threshold(self, field: SelectField) -> None:
        if field.data not in GRADES or self.adoption_threshold.data not in GRADES:
            return  # the unknown grade is reported next to its own field
        if GRADES.index(field.data) < GRADES.index(self.adoption_threshold.data):
            raise ValidationError(_l("The veto threshold cannot be above the adoption threshold."))

    def validate_approval_rejection(self, field: SelectField) -> None:
        known = SHARE_LABELS.keys()
        if field.data not in known or self.approval_adoption.data not in known:
            return  # the unknown share is reported next to its own field
        if Fraction(field.data) > Fraction(self.approval_adoption.data):
            raise ValidationError(_l("Rejection cannot start above the adoption share."))

    def validate_dots_per_item(self, field: IntegerField) -> None:
        if field.data and self.dots_per_voter.data and field.data > self.dots_per_voter.data:
            raise ValidationError(_l("A voter cannot put more dots on one action than they have."))
