"""Attacks on sessions: fixation, sessions that outlive a logout, redirects to other sites,
cookie flags, and forms sent from another site (CSRF) on every POST route."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from auth.models import User
from plan.extensions import db
from tests.conftest import (
    PASSWORD,
    csrf_token_from,
    empty_database,
    login,
    make_app,
    make_user,
)
from tests.test_attacks_access import changed_rows, table_rows
from tests.test_route_walk import FIXED_URLS, World, build_world

LOGIN_PAGE = "/auth/login"
EXPIRED_FORM = "formulaire a expiré"  # the French message of a refused CSRF token


@dataclass
class Apps:
    plain: Flask  # CSRF off, as most tests have it
    browser: Flask  # CSRF on, as a browser gets it
    world: World


@pytest.fixture(scope="module")
def apps(database_url: str) -> Iterator[Apps]:
    plain = make_app(database_url)
    browser = make_app(database_url, WTF_CSRF_ENABLED=True)
    with plain.app_context():
        db.create_all()
        try:
            yield Apps(plain, browser, build_world(public=True, slug="sessions"))
        finally:
            empty_database()
            db.session.remove()
            db.engine.dispose()  # the pools of the module's apps, closed with the module
            with browser.app_context():
                db.engine.dispose()


@pytest.fixture(autouse=True)
def _release_the_connection() -> Iterator[None]:
    """The module's app lives on after each test, whose pools conftest closes: the test's
    transaction ends first, so that no connection is left open (PostgreSQL warns)."""
    yield
    db.session.commit()


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None, "no session cookie"
    return cookie.value


def with_cookies(app: Flask, **cookies: str) -> FlaskClient:
    """A new browser that only has these cookies (copied, or stolen)."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def is_logged_in(client: FlaskClient) -> bool:
    response = client.get("/auth/account")
    if response.status_code == 302:
        assert urlsplit(response.location).path == LOGIN_PAGE
        return False
    assert response.status_code == 200
    return True


# ------------------------------------------------------------------------------- fixation


def test_logging_in_starts_a_new_session(apps: Apps) -> None:
    user = make_user()
    client = apps.plain.test_client()
    client.post("/auth/language", data={"locale": "en", "next": "/"})
    with client.session_transaction() as session:
        session["planted"] = "by whoever gave this browser its cookie"
    before = session_cookie(client)
    login(client, user)
    after = session_cookie(client)
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session  # nothing from before the login is kept…
        assert session["locale"] == "en"  # …but the language chosen
    assert is_logged_in(client)
    assert not is_logged_in(with_cookies(apps.plain, session=before))


# ---------------------------------------------------------------------- logout, everywhere


def test_logout_ends_every_session_of_the_person(apps: Apps) -> None:
    user = make_user()
    laptop, phone, tablet = (apps.plain.test_client() for _ in range(3))
    login(laptop, user)
    login(phone, user)
    tablet.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remembered = tablet.get_cookie("remember_token")
    assert remembered is not None
    copied = session_cookie(laptop)  # say, stolen from the laptop before logging out
    assert is_logged_in(with_cookies(apps.plain, session=copied))
    assert is_logged_in(with_cookies(apps.plain, remember_token=remembered.value))
    version = user.session_version

    response = laptop.post("/auth/logout")
    assert response.status_code == 302
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert not is_logged_in(tablet)
    assert not is_logged_in(with_cookies(apps.plain, session=copied))
    assert not is_logged_in(with_cookies(apps.plain, remember_token=remembered.value))
    db.session.refresh(user)
    assert user.session_version == version + 1
    login(phone, user)  # the account itself still works
    assert is_logged_in(phone)


def test_password_change_ends_other_sessions_and_remembered_devices(apps: Apps) -> None:
    user = make_user()
    laptop, tablet = apps.plain.test_client(), apps.plain.test_client()
    login(laptop, user)
    tablet.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remembered = tablet.get_cookie("remember_token").value
    copied = session_cookie(laptop)
    response = laptop.post(
        "/auth/password",
        data={
            "current_password": PASSWORD,
            "new_password": "another-long-password",
            "confirm": "another-long-password",
        },
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)  # the session that changed it goes on
    assert not is_logged_in(tablet)
    assert not is_logged_in(with_cookies(apps.plain, remember_token=remembered))
    assert not is_logged_in(with_cookies(apps.plain, session=copied))


def test_a_forged_session_is_not_logged_in(apps: Apps) -> None:
    user = make_user()
    client = apps.plain.test_client()
    login(client, user)
    value = session_cookie(client)
    payload, _, signature = value.rpartition(".")
    tampered = f"{payload}.{'A' * len(signature)}"
    assert not is_logged_in(with_cookies(apps.plain, session=tampered))
    other = make_app(apps.plain.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="another-key")
    signed_elsewhere = other.test_client()
    login(signed_elsewhere, user)
    assert not is_logged_in(with_cookies(apps.plain, session=session_cookie(signed_elsewhere)))


# ------------------------------------------------------------------------- next= redirects

ELSEWHERE = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "https://evil.example",
    "http://evil.example/auth/account",
    "HTTPS://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "%252F%252Fevil.example",
    "/%5Cevil.example",
    "//evil.example@localhost",
    "//localhost@evil.example",
    "http://localhost@evil.example",
    "//\u3002evil.example",  # an ideographic full stop
    "//evil%2Eexample",
    "evil.example",
]


def stays_on_this_site(location: str) -> bool:
    """Where a browser would go: tabs and line breaks dropped, backslashes read as slashes,
    spaces and controls at the ends trimmed (the WHATWG URL parser)."""
    seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip("\x00\x20\x1f")
    parts = urlsplit(seen)
    return not parts.scheme and not parts.netloc and seen.startswith("/") and "//" not in seen[:2]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_next_never_leaves_the_site(apps: Apps, target: str) -> None:
    user = make_user()
    client = apps.plain.test_client()
    credentials = {"email": user.email, "password": PASSWORD}
    sent = [
        ("/auth/login?next=" + quote(target, safe=""), credentials),
        ("/auth/login", {**credentials, "next": target}),
        ("/auth/language", {"locale": "fr", "next": target}),
    ]
    for url, data in sent:
        response = client.post(url, data=data)
        assert response.status_code == 302, url
        assert stays_on_this_site(response.location), (url, response.location)
        client.post("/auth/logout")
    # Already logged in, the login page sends on at once: the same check.
    login(client, user)
    response = client.get("/auth/login?next=" + quote(target, safe=""))
    assert stays_on_this_site(response.location), response.location


def test_next_keeps_pages_of_the_site(apps: Apps) -> None:
    """The control of the test above: a page of the site is where one goes."""
    user = make_user()
    client = apps.plain.test_client()
    page = "/plans/sessions/actions?q=navette&sort=activity"
    response = client.post(
        "/auth/login?next=" + quote(page, safe=""),
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.location == page
    assert stays_on_this_site(page)
    assert not stays_on_this_site("/\t/evil.example")


# ---------------------------------------------------------------------------- cookie flags


def cookie_header(response: Any, name: str) -> str:
    found = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]
    assert found, f"no {name} cookie set"
    return found[-1]


@pytest.mark.parametrize("served", ["in production", "in tests"])
def test_cookies_are_httponly_samesite_and_secure_outside_debug(apps: Apps, served: str) -> None:
    production = served == "in production"
    app = make_app(apps.plain.config["SQLALCHEMY_DATABASE_URI"], TESTING=not production)
    user = make_user()
    client = app.test_client()
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        header = cookie_header(response, name)
        assert "HttpOnly" in header, header
        assert "SameSite=Lax" in header, header
        assert ("Secure" in header) is production, header


# ------------------------------------------------------------------- CSRF on every POST route


def post_routes(app: Flask, world: World) -> list[tuple[str, str]]:
    routes = [
        (rule.endpoint, FIXED_URLS.get(rule.endpoint) or world.urls[rule.endpoint])
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods
    ]
    return sorted(set(routes))


def browser_login(client: FlaskClient, user: User) -> str:
    """Logs in as a browser does; the token of the pages that follow (login starts a new
    session, whose token is another)."""
    token = csrf_token_from(client.get(LOGIN_PAGE).get_data(as_text=True))
    response = client.post(
        LOGIN_PAGE, data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return csrf_token_from(client.get("/auth/account").get_data(as_text=True))


def test_every_post_route_refuses_a_form_without_its_token(apps: Apps) -> None:
    admin = make_user(admin=True)
    logged_in = apps.browser.test_client()
    token = browser_login(logged_in, admin)
    stranger = apps.browser.test_client()
    stranger_token = csrf_token_from(stranger.get(LOGIN_PAGE).get_data(as_text=True))
    routes = post_routes(apps.browser, apps.world)
    before = table_rows()
    refused = 0
    for who, client, foreign_token in (
        ("administrator", logged_in, stranger_token),
        ("visitor", stranger, token),
    ):
        attempts = [
            ("no token", {}, {}),
            ("a made-up token", {"csrf_token": "IjEyMyI.Zm9v.YmFy"}, {}),
            ("the token of another session", {"csrf_token": foreign_token}, {}),
            ("htmx without its header", {}, {"HX-Request": "true"}),
            ("htmx, a made-up header", {}, {"HX-Request": "true", "X-CSRFToken": "made-up"}),
        ]
        for endpoint, url in routes:
            for how, data, headers in attempts:
                response = client.post(url, data={"note": "x", **data}, headers=headers)
                what = f"{who}, {how}: {endpoint}"
                assert response.status_code == 400, what
                assert EXPIRED_FORM in response.get_data(as_text=True), what
                refused += 1
    assert changed_rows(before, table_rows()) == [], "a refused form wrote something"
    assert len(routes) > 70
    assert refused == 2 * len(routes) * 5
    # The control: with the token of its page, the same browser's form goes through.
    token = csrf_token_from(logged_in.get("/auth/account").get_data(as_text=True))
    response = logged_in.post("/auth/language", data={"locale": "en", "csrf_token": token})
    assert response.status_code == 302
    response = logged_in.post("/auth/logout", data={"csrf_token": token})
    assert response.status_code == 302
