"""Forms for invitations and memberships."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional

from plan.frame.models import Plan
from plan.members.models import ROLE_LABELS, Role
from plan.validation import text_length


class _MemberFieldsForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[])
    college_id = SelectField(
        _l("College"),
        coerce=int,
        choices=[],
        validators=[InputRequired(_l("Choose the college this person speaks for."))],
        description=_l("The stakeholder group this person speaks for in votes."),
    )
    organization_id = SelectField(_l("Organisation"), coerce=int, choices=[])

    def fill_choices(self, plan: Plan, roles: list[Role]) -> None:
        self.role.choices = [SelectChoice(role.value, ROLE_LABELS[role]) for role in roles]
        self.college_id.choices = [SelectChoice(c.id, c.name) for c in plan.colleges]
        self.organization_id.choices = [SelectChoice(0, _l("No organisation"))] + [
            SelectChoice(o.id, o.name) for o in plan.organizations
        ]


class InvitationForm(_MemberFieldsForm):
    email = EmailField(
        _l("Email address (optional)"),
        validators=[
            Optional(),
            Email(_l("This email address is not valid."), check_deliverability=False),
            Length(max=254),
        ],
        description=_l("With mail configured, the invitation is sent there."),
    )
    note = StringField(
        _l("Note for yourself (optional)"),
        validators=[text_length(200)],
        description=_l("For example the person's name, to recognise the link in the list."),
    )


class MembershipForm(_MemberFieldsForm):
    pass
