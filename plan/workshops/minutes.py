"""The minutes of an ended workshop: the page, and its PDF and Markdown downloads.

Anyone who can read the plan reads them; before the workshop ends there are none (409).
"""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _

from plan.errors import abort_with
from plan.workshops.minutes_render import (
    Minutes,
    minutes_context,
    minutes_markdown,
    minutes_of,
    minutes_pdf,
)
from plan.workshops.views import _plan, _workshop, bp


def _minutes(slug: str, workshop_id: int) -> Minutes:
    plan = _plan(slug)
    workshop = _workshop(plan, workshop_id)
    if not workshop.is_closed:
        abort_with(409, _("The minutes are written when the workshop ends."))
    return minutes_of(plan, workshop)


def _download(body: bytes | str, media_type: str, filename: str) -> Response:
    response = Response(body, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/minutes")
def minutes(slug: str, workshop_id: int):
    report = _minutes(slug, workshop_id)
    # `plan` gives the page the plan's navigation, like every page of the plan.
    return render_template("workshops/minutes.html", plan=report.plan, **minutes_context(report))


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/minutes.pdf", endpoint="minutes_pdf")
def minutes_pdf_download(slug: str, workshop_id: int):
    report = _minutes(slug, workshop_id)
    return _download(minutes_pdf(report), "application/pdf", report.filename("pdf"))


@bp.get("/plans/<slug>/workshops/<int:workshop_id>/minutes.md")
def minutes_md(slug: str, workshop_id: int):
    report = _minutes(slug, workshop_id)
    return _download(
        minutes_markdown(report).encode("utf-8"),
        "text/markdown; charset=utf-8",
        report.filename("md"),
    )
