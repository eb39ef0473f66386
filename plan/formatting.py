"""Dates, numbers and euros in the reader's locale (French by default)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_babel import format_currency, format_date, format_datetime, format_decimal
from flask_babel import gettext as _


def date_filter(value: dt.date | dt.datetime | None, format: str = "medium") -> str:
    return format_date(value, format) if value else ""


def datetime_filter(value: dt.datetime | None, format: str = "medium") -> str:
    if not value:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_datetime(value, format)


def number_filter(value: Decimal | int | float | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = Decimal(value)
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    return format_decimal(value)


def percent_filter(value: Decimal | int | None) -> str:
    """A value already in percent (for example 33.34) shown as « 33,34 % »."""
    if value is None:
        return ""
    return f"{number_filter(value)}\N{NO-BREAK SPACE}%"


def euros_filter(value: Decimal | int | float | None) -> str:
    """« 12 500 € » for whole euros, « 12 500,50 € » otherwise."""
    if value is None:
        return ""
    if value == int(value):
        return format_currency(int(value), "EUR", format="#,##0\u00a0¤", currency_digits=False)
    return format_currency(value, "EUR")


def person_filter(user: Any) -> str:
    """A person's name, or a word for an account that no longer exists."""
    return user.display_name if user is not None else _("former member")


FILTERS = {
    "date": date_filter,
    "datetime": datetime_filter,
    "number": number_filter,
    "percent": percent_filter,
    "euros": euros_filter,
    "person": person_filter,
}
