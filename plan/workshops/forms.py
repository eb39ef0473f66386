"""Planning a workshop, typing a join code, and joining."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from plan.actions.forms import MultiCheckboxField
from plan.frame.models import ORGANIZATION_KIND_LABELS
from plan.validation import text_length, title_length
from plan.voting.forms import strip
from plan.workshops.facilitation import MAX_TIMER_MINUTES
from plan.workshops.models import FORMAT_LABELS

MAX_NAME_LENGTH = 60


class WorkshopForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the workshop a title.")), title_length(200)],
        description=_l("For example: « Mobility workshop — Embrun »."),
    )
    starts_at = DateTimeLocalField(
        _l("Date and time"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Give the date and time of the workshop."))],
        description=_l("Paris time."),
    )
    place = StringField(
        _l("Place"),
        filters=[strip],
        validators=[text_length(200)],
        description=_l("For example: « Salle des fêtes, Savines-le-Lac »."),
    )
    format = SelectField(
        _l("Format"),
        choices=[SelectChoice(code, label) for code, label in FORMAT_LABELS.items()],
    )
    description = TextAreaField(_l("Presentation (optional)"), validators=[text_length(5000)])
    facilitator_ids = MultiCheckboxField(
        _l("Facilitators"), coerce=int, choices=[], validate_choice=False
    )
    ballot_ids = MultiCheckboxField(
        _l("Ballots on the agenda"), coerce=int, choices=[], validate_choice=False
    )
    action_ids = MultiCheckboxField(
        _l("Actions to discuss"), coerce=int, choices=[], validate_choice=False
    )
    notes = TextAreaField(
        _l("Facilitation notes (optional)"),
        validators=[text_length(20000)],
        description=_l("For the facilitation; they will go into the minutes."),
    )

    def setup(self, facilitators: list, ballots: list, actions: list) -> WorkshopForm:
        self.facilitator_ids.choices = [SelectChoice(u.id, u.display_name) for u in facilitators]
        self.ballot_ids.choices = [
            # gettext: a lazy string would be taken for safe HTML, with the title in it.
            SelectChoice(b.id, _("Ballot %(num)d — %(title)s", num=b.number, title=b.title))
            for b in ballots
        ]
        self.action_ids.choices = [SelectChoice(a.id, f"{a.reference} {a.title}") for a in actions]
        return self

    def _check_known(self, field: MultiCheckboxField, message: str) -> None:
        known = {choice.value for choice in field.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError(message)

    def validate_facilitator_ids(self, field: MultiCheckboxField) -> None:
        self._check_known(field, _l("Choose among the plan's facilitators."))

    def validate_ballot_ids(self, field: MultiCheckboxField) -> None:
        self._check_known(field, _l("Choose among the ballots not closed yet."))

    def validate_action_ids(self, field: MultiCheckboxField) -> None:
        self._check_known(field, _l("Choose among the plan's actions."))


def no_markup(form: FlaskForm, field: StringField) -> None:
    if field.data and any(char in field.data for char in "<>"):
        raise ValidationError(_l("A name cannot contain the characters < and >."))


def no_control_characters(value: str | None) -> str | None:
    if not isinstance(value, str):
        return value
    return "".join(char for char in value if char.isprintable()).strip()


class JoinForm(FlaskForm):
    """Joining as someone the plan does not know yet."""

    display_name = StringField(
        _l("Your name"),
        filters=[no_control_characters],
        validators=[
            DataRequired(_l("Give your name, as the others will see it.")),
            title_length(MAX_NAME_LENGTH),
            no_markup,
        ],
        description=_l("As the others will see it, for example « Claire M. »."),
        render_kw={"autocomplete": "name", "maxlength": MAX_NAME_LENGTH},
    )
    college_id = SelectField(
        _l("Your college"),
        coerce=int,
        choices=[],
        validators=[InputRequired(_l("Choose your college."))],
    )
    organization_id = SelectField(
        _l("Your organisation"), coerce=int, choices=[], validate_choice=True
    )
    organization_name = StringField(
        _l("…or its name, if it is not in the list"),
        filters=[no_control_characters],
        validators=[text_length(200), no_markup],
        description=_l("The facilitation will check it and add it to the plan."),
    )

    def setup(self, colleges: list, organizations: list) -> JoinForm:
        self.college_id.choices = [SelectChoice(c.id, c.name) for c in colleges]
        self.organization_id.choices = [SelectChoice(0, _l("— none, or not in the list —"))] + [
            SelectChoice(o.id, o.name) for o in organizations
        ]
        return self


class EnterCodeForm(FlaskForm):
    """The code typed by hand (a GET form: no token needed, nothing changes)."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Workshop code"),
        validators=[DataRequired(_l("Type the code shown on the screen."))],
        description=_l("6 letters and digits, shown on the screen of the room."),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


# --------------------------------------------------------------------------- the console

MAX_ATTENDEE_NAME_LENGTH = 100
MAX_NOTES_LENGTH = 20000


class TimerForm(FlaskForm):
    minutes = IntegerField(
        _l("Minutes"),
        validators=[
            InputRequired(_l("Give the length of the countdown, in minutes.")),
            NumberRange(
                min=1,
                max=MAX_TIMER_MINUTES,
                message=_l("Between %(min)d and %(max)d minutes."),
            ),
        ],
        render_kw={"inputmode": "numeric", "min": 1, "max": MAX_TIMER_MINUTES},
    )


class AttendeeForm(FlaskForm):
    """Someone present without a device."""

    name = StringField(
        _l("Name"),
        filters=[no_control_characters],
        validators=[
            DataRequired(_l("Give the name of the person.")),
            title_length(MAX_ATTENDEE_NAME_LENGTH),
            no_markup,
        ],
        render_kw={"maxlength": MAX_ATTENDEE_NAME_LENGTH, "autocomplete": "off"},
    )
    college_id = SelectField(
        _l("College"),
        coerce=int,
        choices=[],
        validators=[InputRequired(_l("Choose the college of the person."))],
    )
    organization_id = SelectField(_l("Organisation (optional)"), coerce=int, choices=[], default=0)

    def setup(self, colleges: list, organizations: list) -> AttendeeForm:
        self.college_id.choices = [SelectChoice(c.id, c.name) for c in colleges]
        self.organization_id.choices = [SelectChoice(0, _l("— none —"))] + [
            SelectChoice(o.id, o.name) for o in organizations
        ]
        return self


class NotesForm(FlaskForm):
    notes = TextAreaField(
        _l("Facilitation notes"),
        validators=[text_length(MAX_NOTES_LENGTH)],
        description=_l("Markdown. They go into the minutes of the workshop."),
        render_kw={"rows": 8},
    )


class AcceptOrganizationForm(FlaskForm):
    """An organisation typed by a participant, added to the plan by the facilitation."""

    name = StringField(
        _l("Name of the organisation"),
        filters=[no_control_characters],
        validators=[
            DataRequired(_l("Name the organisation.")),
            title_length(200),
            no_markup,
        ],
    )
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(code, label) for code, label in ORGANIZATION_KIND_LABELS.items()],
    )
