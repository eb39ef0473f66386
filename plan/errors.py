"""Error pages in the reader's language, with a request id and never a stack trace."""

from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, g, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from werkzeug.exceptions import (
    BadRequest,
    Conflict,
    HTTPException,
    InternalServerError,
    ServiceUnavailable,
    default_exceptions,
)

from plan.extensions import db, login_manager
from plan.rendering import wants_fragment

log = logging.getLogger("capcommun.errors")

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Access denied"), _l("You do not have the rights needed for this page.")),
    404: (_l("Page not found"), _l("This page does not exist or is no longer available.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    409: (_l("Conflict"), _l("This change conflicts with the current state of the data.")),
    410: (_l("No longer available"), _l("This link is no longer valid.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    422: (_l("Invalid data"), _l("Some of the data sent is not valid.")),
    429: (
        _l("Too many attempts"),
        _l("You made too many attempts in a short time. Please wait a minute and try again."),
    ),
    500: (_l("Server error"), _l("Something went wrong on our side. The team has been told.")),
    503: (
        _l("Service unavailable"),
        _l("The service is briefly unavailable. Please try again in a moment."),
    ),
}


# A request id given by the proxy in front is kept if it is a plain token: it goes into
# log lines, where a line break or other characters could forge entries.
GIVEN_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id() -> str:
    if "request_id" not in g:
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if GIVEN_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
    return g.request_id


def render_error(status: int, message: str | None = None):
    """The error page; for an htmx request, the message alone, shown where flashes go
    (a whole page swapped into a form would make no sense)."""
    title, default_message = MESSAGES.get(status, MESSAGES[500])
    context = {
        "status": status,
        "title": title,
        "message": message or default_message,
        "request_id": request_id(),
    }
    if wants_fragment():
        headers = {"HX-Retarget": "#flashes", "HX-Reswap": "outerHTML"}
        return render_template("_error_flash.html", **context), status, headers
    return render_template("error.html", **context), status


def abort_with(status: int, message: str) -> None:
    """Stop the request with this status and a message written for the person."""
    error = default_exceptions[status](description=str(message))
    error.capcommun_message = True  # type: ignore[attr-defined]
    raise error


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400,
            str(
                _l(
                    "The form has expired or was not sent from this site. "
                    "Reload the page and try again."
                )
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        custom = error.description if getattr(error, "capcommun_message", False) else None
        response = make_response(
            render_error(error.code if error.code in MESSAGES else 500, custom)
        )
        if error.code == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        log.error("database error [%s]: %s", request_id(), error)
        # The page is drawn as for someone not logged in: showing who is logged in (their
        # name, their language) would ask the database again, fail inside this handler,
        # and leave the server's bare English 500 instead of this page.
        g._login_user = login_manager.anonymous_user()
        return render_error(ServiceUnavailable.code)

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def data_out_of_range(error: Exception):
        """A value the database cannot hold (a number beyond its integers): what was sent
        is wrong, not the server. Forms and filters check their values first; this is the
        last guard."""
        log.warning("data refused by the database [%s]: %s", request_id(), error)
        db.session.rollback()
        return render_error(BadRequest.code)

    @app.errorhandler(IntegrityError)
    def integrity_conflict(error: IntegrityError):
        """A uniqueness or reference the view did not foresee (a form sent with an id that
        is not the plan's, a row removed meanwhile): a conflict with the data as it is."""
        log.warning("change refused by the database [%s]: %s", request_id(), error)
        db.session.rollback()
        return render_error(Conflict.code)

    if app.testing:
        return

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error [%s]", request_id())
        return render_error(InternalServerError.code)
