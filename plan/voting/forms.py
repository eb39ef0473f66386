"""The consensus settings form: each rule with the sentence that explains it."""

from __future__ import annotations

from fractions import Fraction

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    ValidationError,
)

from plan.actions.forms import MultiCheckboxField
from plan.formatting import datetime_filter
from plan.validation import text_length, title_length
from plan.voting.counting import GRADES
from plan.voting.labels import CHOICE_LABELS, GRADE_LABELS, METHOD_LABELS, SHARE_LABELS


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
    college_weighting = BooleanField(
        _l("Weight the votes of the colleges"),
        description=_l(
            "Each college counts for its weight, shared among its voters. "
            "Without weighting: one person, one vote."
        ),
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


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class BallotForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the ballot a title.")), title_length(200)],
        description=_l("For example: « Défi 2 — mobility actions, March workshop »."),
    )
    description = TextAreaField(_l("Presentation (optional)"), validators=[text_length(5000)])
    method = SelectField(
        _l("Voting method"),
        choices=[SelectChoice(code, label) for code, label in METHOD_LABELS.items()],
    )
    action_ids = MultiCheckboxField(
        _l("Actions put to the vote"), coerce=int, choices=[], validate_choice=False
    )
    challenge_id = SelectField(
        _l("…or every action under discussion of a challenge"),
        coerce=int,
        choices=[],
        validate_choice=False,
    )
    opens_at = DateTimeLocalField(
        _l("Opening (optional)"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Paris time. Leave empty to open the ballot by hand."),
    )
    closes_at = DateTimeLocalField(
        _l("Closing (optional)"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Paris time. Leave empty to close the ballot by hand."),
    )
    live_results = BooleanField(
        _l("Show the results while the ballot is open"),
        description=_l(
            "For a workshop that follows the count live. Otherwise results stay "
            "hidden until the ballot closes."
        ),
    )
    public_votes = BooleanField(
        _l("Public ballot: everyone sees who voted what"),
        description=_l("By default the ballot is secret: each person sees only their own votes."),
    )
    workshop_id = SelectField(
        _l("On the agenda of a workshop (optional)"),
        coerce=int,
        choices=[],
        validate_choice=False,
        description=_l("A planned workshop of the plan: the ballot comes last on its agenda."),
    )
    open_now = BooleanField(_l("Open the ballot now"))

    def setup(self, actions: list, challenges: list, workshops: list = ()) -> BallotForm:
        self.action_ids.choices = [
            SelectChoice(action.id, f"{action.reference} {action.title}") for action in actions
        ]
        # gettext, not lazy_gettext: a lazy string is taken for safe HTML (its __html__),
        # and the title is typed by people.
        self.challenge_id.choices = [SelectChoice(0, "—")] + [
            SelectChoice(c.id, _("Challenge %(num)d: %(title)s", num=c.position, title=c.title))
            for c in challenges
        ]
        self.workshop_id.choices = [SelectChoice(0, "—")] + [
            SelectChoice(w.id, f"{w.title} — {datetime_filter(w.starts_at, 'short')}")
            for w in workshops
        ]
        return self

    def validate_workshop_id(self, field: SelectField) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a planned workshop of this plan."))

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The closing must come after the opening."))

    def validate_action_ids(self, field: MultiCheckboxField) -> None:
        known = {choice.value for choice in field.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError(_l("Choose among the actions under discussion."))
        if not field.data and not self.challenge_id.data:
            raise ValidationError(
                _l("Choose at least one action, or a challenge whose actions are voted on.")
            )


class PaperTallyForm(FlaskForm):
    college_id = SelectField(_l("College"), coerce=int, choices=[], validate_choice=True)
    note = StringField(
        _l("Note (optional)"),
        validators=[text_length(500)],
        description=_l("For example: « show of hands, workshop of 12 March »."),
    )

    def setup(self, colleges: list, choices: tuple[str, ...]) -> PaperTallyForm:
        self.college_id.choices = [SelectChoice(c.id, c.name) for c in colleges]
        self.choices = choices
        return self


def paper_count_field(label: str) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        validators=[
            InputRequired(_l("Enter a number (0 if nobody).")),
            NumberRange(min=0, max=10_000, message=_l("Between %(min)d and %(max)d.")),
        ],
    )


def paper_tally_form(colleges: list, choices: tuple[str, ...], **kwargs) -> PaperTallyForm:
    """A paper tally form with one count per choice of the ballot's method."""

    class Form(PaperTallyForm):
        pass

    for choice in choices:
        setattr(Form, f"count_{choice}", paper_count_field(CHOICE_LABELS[choice]))
    return Form(**kwargs).setup(colleges, choices)


class ResolutionForm(FlaskForm):
    note = TextAreaField(
        _l("How the objection is resolved"),
        filters=[strip],
        validators=[DataRequired(_l("Write how the objection is resolved.")), text_length(2000)],
    )
