"""The application factory."""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask, abort, g, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from plan.config import (
    DEFAULTS,
    instance_secret_key,
    normalise_database_url,
    settings_from_environment,
)
from plan.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        # Python's sqlite3 driver begins and commits transactions on its own terms, which
        # breaks savepoints (releasing one commits). SQLAlchemy's documented remedy: the
        # driver does nothing, and SQLAlchemy emits BEGIN itself (see _begin_sqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL syncs the log at checkpoints rather than at every commit: a
        # commit survives the process being killed; only a power cut can lose the last
        # ones, never corrupt the file (SQLite's recommended setting for WAL).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def _will_write() -> bool:
    """Whether the request's transactions write: a form sent, or a page that said so."""
    if not has_request_context() or g.get("committed") or g.get("reading"):
        # Reading before writing (plan.access.reads_first), or drawing the answer after
        # the request's commit: reads only.
        return False
    return request.method not in ("GET", "HEAD", "OPTIONS") or g.get("writes", False)


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        # A transaction that reads, then writes cannot wait for another writer: SQLite
        # answers "database is locked" at once, whatever busy_timeout says. Requests that
        # write take the write lock first (IMMEDIATE) and wait their turn instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _will_write() else "BEGIN")


def _end_database_session(_error: BaseException | None) -> None:
    """Close the request's session. When the database fails meanwhile (stopped, restarted,
    failed over), the rollback that ends the transaction fails: nothing was committed, so
    nothing is left to undo, and the answer already drawn stands, rather than becoming the
    server's bare 500 after the request is over."""
    try:
        db.session.remove()
    except DBAPIError as error:
        log.warning("the database failed while a request ended: %s", error.orig)
        db.session.remove()


def instance_path() -> Path:
    return Path(os.environ.get("CAPCOMMUN_INSTANCE_PATH", ROOT / "instance")).resolve()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        "plan",
        instance_path=str(instance_path()),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    _load_settings(app, test_config)
    proxies = app.config["CAPCOMMUN_TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    _bind_extensions(app)
    app.url_map.converters["int"] = DatabaseIntegerConverter
    _check_request_input(app)
    _register_blueprints(app)
    _register_template_helpers(app)
    _register_security_headers(app)

    from plan.cli import register_commands
    from plan.errors import register_error_handlers

    register_error_handlers(app)
    register_commands(app)
    return app


def _load_settings(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(settings_from_environment(os.environ))
    if test_config:
        app.config.from_mapping(test_config)

    relaxed = app.debug or app.testing
    secure_cookies = app.config["CAPCOMMUN_SECURE_COOKIES"] and not relaxed
    app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = secure_cookies
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    if not app.config["SECRET_KEY"]:
        if not relaxed:
            raise RuntimeError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
                "(for example: export SECRET_KEY=$(python3 -c 'import secrets; "
                "print(secrets.token_hex(32))')), or run `capcommun demo` once, "
                "which stores one in the instance folder."
            )
        app.config["SECRET_KEY"] = secrets.token_hex(32)

    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if not uri:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        uri = f"sqlite:///{Path(app.instance_path) / 'capcommun.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(uri)
    if app.config.get("CAPCOMMUN_REDIS_URL"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["CAPCOMMUN_REDIS_URL"]


def select_locale() -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the command line: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _bind_extensions(app: Flask) -> None:
    db.init_app(app)
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first (Flask calls
    # them in reverse), and that one finds nothing left to close.
    app.teardown_appcontext(_end_database_session)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"

    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    from auth.services import load_user

    login_manager.user_loader(load_user)


def _register_blueprints(app: Flask) -> None:
    from auth.views import bp as auth_bp
    from plan.actions.views import bp as actions_bp
    from plan.commitments.views import bp as commitments_bp
    from plan.frame.views import bp as frame_bp
    from plan.health import bp as health_bp
    from plan.journal.views import bp as journal_bp
    from plan.members.views import bp as members_bp
    from plan.versions.views import bp as versions_bp
    from plan.voting.ballots import bp as ballots_bp
    from plan.voting.views import bp as voting_bp
    from plan.workshops.views import bp as workshops_bp

    for blueprint in (
        auth_bp,
        frame_bp,
        members_bp,
        actions_bp,
        voting_bp,
        ballots_bp,
        workshops_bp,
        commitments_bp,
        versions_bp,
        journal_bp,
        health_bp,
    ):
        app.register_blueprint(blueprint)


def _register_template_helpers(app: Flask) -> None:
    from plan import formatting, permissions
    from plan.actions.markdown import render_markdown

    app.jinja_env.filters.update(formatting.FILTERS)
    app.jinja_env.filters["markdown"] = render_markdown

    @app.context_processor
    def inject_helpers() -> dict[str, Any]:
        return {
            **permissions.PREDICATES,
            "current_locale": str(get_locale()),
            "languages": app.config["LANGUAGES"],
        }


# Pages that a link opens to whoever holds it, even for a members-only plan (an invitation,
# a workshop's join code): they name the plan, so search engines must not keep them.
LINK_HOLDER_ENDPOINTS = frozenset({"members.accept", "workshops.join"})


def _register_security_headers(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if response.status_code >= 400 or request.endpoint in LINK_HOLDER_ENDPOINTS:
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        if request.is_secure and app.config["CAPCOMMUN_HSTS"]:
            response.headers.setdefault("Strict-Transport-Security", app.config["CAPCOMMUN_HSTS"])
        return response


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:…>` in a URL: only what a database integer holds (PostgreSQL's `integer`), so
    that an address with a huge number is 404, not an overflow in the query."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _check_request_input(app: Flask) -> None:
    @app.before_request
    def refuse_nul_bytes() -> None:
        """No text a person types holds a NUL byte, and PostgreSQL refuses it in text: an
        address or a form with one is a bad request, never a server error."""
        values = [request.path]
        for data in (request.args, request.form):
            for key, value in data.items(multi=True):
                values += [key, value]
        if any("\x00" in value for value in values):
            abort(400)
