"""Checks shared by the plan's forms."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, Field
from wtforms.validators import Length, NumberRange, ValidationError
from wtforms.widgets import TextInput

MIN_YEAR = 1990
MAX_YEAR = 2100
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# La Poste's establishments (but its head office) follow their own key: the digits add up
# to a multiple of 5.
_LA_POSTE_SIREN = "356000000"


def year_range() -> NumberRange:
    return NumberRange(
        min=MIN_YEAR,
        max=MAX_YEAR,
        message=_l("Enter a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR),
    )


def title_length(maximum: int = 200) -> Length:
    return Length(
        min=1,
        max=maximum,
        message=_l("Between 1 and %(max)d characters.", max=maximum),
    )


def text_length(maximum: int) -> Length:
    return Length(max=maximum, message=_l("At most %(max)d characters.", max=maximum))


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siret(raw: str | None) -> str:
    return re.sub(r"[\s.\-]", "", raw or "")


def siret_is_valid(siret: str) -> bool:
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if luhn_is_valid(siret):
        return True
    return siret.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0


def check_siret(_form: object, field: Field) -> None:
    siret = normalise_siret(field.data)
    field.data = siret or None
    if not siret:
        return
    if not re.fullmatch(r"\d{14}", siret):
        raise ValidationError(_l("A SIRET number has exactly 14 digits."))
    if not siret_is_valid(siret):
        raise ValidationError(
            _l("This SIRET number is not valid: its check key is wrong. Check for a typo.")
        )


def check_slug(_form: object, field: Field) -> None:
    if not SLUG_PATTERN.fullmatch(field.data or ""):
        raise ValidationError(
            _l("Use lower-case letters without accents, digits and hyphens, e.g. hautes-alpes.")
        )


class LocalDecimalField(DecimalField):
    """A decimal typed the French way (« 12,5 », « 4 000 ») or the English way (« 12.5 »),
    shown back in the reader's locale without trailing zeros.

    A text input (with a decimal keypad on phones): a number input refuses « 12 500 »."""

    widget = TextInput()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {}).setdefault("inputmode", "decimal")
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            raw = re.sub(r"[\s\u00a0\u202f]", "", valuelist[0])
            if "," in raw and "." not in raw:
                raw = raw.replace(",", ".")
            valuelist = [raw]
        super().process_formdata(valuelist)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        value = Decimal(self.data).normalize()
        return format_decimal(
            value, locale=get_locale(), group_separator=False, decimal_quantization=False
        )
