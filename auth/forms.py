"""Forms for logging in, managing one's account and creating it from an invitation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from auth.services import MIN_PASSWORD_LENGTH, email_is_taken

LANGUAGE_CHOICES = [SelectChoice("fr", "Français"), SelectChoice("en", "English")]


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[InputRequired(_l("Enter your email address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Stay logged in on this device"))


def _password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            InputRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l(
                    "The password must have at least %(min)d characters.", min=MIN_PASSWORD_LENGTH
                ),
            ),
        ],
        render_kw={"autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH},
        description=_l("At least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
    )


class DisplayNameMixin:
    display_name = StringField(
        _l("Display name"),
        validators=[
            InputRequired(_l("Enter the name others will see.")),
            Length(max=100, message=_l("At most %(max)d characters.", max=100)),
        ],
        render_kw={"autocomplete": "name"},
    )


class AccountForm(DisplayNameMixin, FlaskForm):
    locale = RadioField(
        _l("Language"),
        choices=LANGUAGE_CHOICES,
        validators=[InputRequired(_l("Choose a language."))],
    )


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = _password_field(_l("New password"))
    confirm = PasswordField(
        _l("New password, again"),
        validators=[EqualTo("new_password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class CredentialsMixin:
    """The email address and the new password of an account being made or kept."""

    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter your email address.")),
            Email(_l("This email address is not valid."), check_deliverability=False),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email"},
    )
    password = _password_field(_l("Password"))
    confirm = PasswordField(
        _l("Password, again"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class RegistrationForm(DisplayNameMixin, CredentialsMixin, FlaskForm):
    def validate_email(self, field: EmailField) -> None:
        if email_is_taken(field.data):
            raise ValidationError(
                _l("An account already uses this address: log in instead to accept.")
            )


class GuestAccountForm(CredentialsMixin, FlaskForm):
    """A guest of a workshop gives their account an email address and a password."""

    def validate_email(self, field: EmailField) -> None:
        if email_is_taken(field.data):
            raise ValidationError(_l("An account already uses this address."))


class LanguageForm(FlaskForm):
    locale = RadioField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[InputRequired()])
