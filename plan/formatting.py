"""Dates, numbers and euros in the reader's locale (French by default)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask_babel import format_currency, format_date, format_datetime, format_decimal


def date_filter(value: dt.date | dt.datetime | None, format: str = "medium") -> str:
    return format_date(value, format) if value else ""


def datetime_filter(value: dt.datetime | None, format: str = "medium") -> str:
    if not value:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_datetime(value, format)


def number_filter(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
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


def euros_filter(value: Decimal | int | None) -> str:
    return "" if value is None else format_currency(value, "EUR")


FILTERS = {
    "date": date_filter,
    "datetime": datetime_filter,
    "number": number_filter,
    "percent": percent_filter,
    "euros": euros_filter,
}
