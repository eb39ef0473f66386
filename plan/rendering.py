"""Full pages for browsers, fragments for htmx: one template source for each piece."""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template

from plan.extensions import htmx


def wants_fragment() -> bool:
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(
    page_template: str,
    fragment_template: str | None = None,
    status: int = 200,
    **context: Any,
) -> Response:
    """Render the page, or only its fragment for an htmx request."""
    use_fragment = fragment_template is not None and wants_fragment()
    template = fragment_template if use_fragment else page_template
    response = make_response(render_template(template, **context), status)
    if fragment_template:
        response.vary.add("HX-Request")
    return response


def render_form(
    page_template: str, form: Any, fragment_template: str | None = None, **context: Any
) -> Response:
    """A form page: 200 when shown, 422 when it comes back with errors."""
    status = 422 if form.errors else 200
    return render(page_template, fragment_template, status=status, form=form, **context)
