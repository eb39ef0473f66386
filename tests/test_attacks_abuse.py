"""Abuse: every error page triggered for real, rate limits, oversized bodies, and hostile
search and filter values on every list page, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from auth.models import User
from plan.errors import MESSAGES
from plan.extensions import db, login_manager
from plan.workshops.models import Workshop, WorkshopStatus
from tests.conftest import PASSWORD, empty_database, login, make_app
from tests.test_attacks_access import endpoint_of, forms_of
from tests.test_route_walk import World, build_world

SLUG = "abuse"
SECRET_ERROR = "SELECT password_hash FROM users -- secret détail"


@dataclass
class Scene:
    app: Flask  # as in production: errors are answered by the handlers, not raised
    world: World
    coordinator: FlaskClient
    contributor: FlaskClient


def failing_routes(app: Flask) -> None:
    """Two routes that fail as code and database can: a bug, and the database gone."""

    def bug():  # type: ignore[no-untyped-def]
        raise RuntimeError(SECRET_ERROR)

    def database_gone():  # type: ignore[no-untyped-def]
        raise OperationalError(SECRET_ERROR, {}, ConnectionRefusedError("port 5432"))

    app.add_url_rule("/test-only/bug", "test_bug", bug)
    app.add_url_rule("/test-only/database-gone", "test_database_gone", database_gone)


@pytest.fixture(scope="module")
def scene(database_url: str) -> Iterator[Scene]:
    app = make_app(database_url, TESTING=False, CAPCOMMUN_SECURE_COOKIES=False)
    failing_routes(app)
    with app.app_context():
        db.create_all()
        try:
            world = build_world(public=True, slug=SLUG)
            coordinator, contributor = app.test_client(), app.test_client()
            login(coordinator, world.coordinator)
            login(contributor, db.session.scalar(select(User).where(User.email.like("%target%"))))
            yield Scene(app, world, coordinator, contributor)
        finally:
            empty_database()
            db.session.remove()
            db.engine.dispose()  # the pool of a module's app, closed with the module


@pytest.fixture(autouse=True)
def _release_the_connection() -> Iterator[None]:
    """The module's app lives on after each test, whose pools conftest closes: the test's
    transaction ends first, so that no connection is left open (PostgreSQL warns)."""
    yield
    db.session.commit()


def in_language(app: Flask, text: Any, locale: str) -> str:
    with app.test_request_context(), force_locale(locale):
        return str(text)


def assert_french_error(app: Flask, response: Any, status: int, what: str = "") -> str:
    """The error page (or its htmx fragment) in French, with its reference; no trace of
    the code or the database. Returns the reference."""
    html = response.get_data(as_text=True)
    title = in_language(app, MESSAGES[status][0], "fr")
    assert response.status_code == status, (what, response.status_code)
    assert title != in_language(app, MESSAGES[status][0], "en"), "no French title"
    assert title in html, (what, status)
    for leak in ("Traceback", 'File "', "sqlalchemy", "SELECT", "Error:", "secret", "5432"):
        assert leak not in html, (what, leak)
    assert response.headers.get("X-Robots-Tag", "").startswith("noindex"), what
    found = re.search(r"référence ([A-Za-z0-9._-]+)", html)
    assert found, (what, "no reference")
    return found.group(1)


# -------------------------------------------------------------------------- the error pages


def error_requests(scene: Scene) -> dict[int, tuple[FlaskClient, str, str, dict[str, Any]]]:
    """status → (client, method, address, form): each error as a person meets it."""
    urls, app = scene.world.urls, scene.app
    ended = db.session.scalar(
        select(Workshop).where(
            Workshop.plan_id == scene.world.plan.id, Workshop.status == WorkshopStatus.CLOSED
        )
    )
    ended.join_code = "ENDED1"
    db.session.commit()
    visitor = app.test_client()
    return {
        400: (visitor, "GET", f"/plans/{SLUG}/versions/compare", {}),
        403: (scene.contributor, "GET", urls["frame.settings"], {}),
        404: (visitor, "GET", "/plans/nowhere", {}),
        405: (visitor, "GET", "/auth/logout", {}),
        409: (scene.coordinator, "GET", "/auth/account/keep", {}),
        410: (visitor, "GET", "/j/ENDED1", {}),
        413: (visitor, "POST", "/auth/login", {"password": "x" * app.config["MAX_CONTENT_LENGTH"]}),
        422: (scene.coordinator, "POST", urls["actions.decide_amendment"], {}),
        500: (visitor, "GET", "/test-only/bug", {}),
        503: (visitor, "GET", "/test-only/database-gone", {}),
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx fragment"])
def test_every_error_page_is_french_with_its_reference(
    scene: Scene, htmx: bool, caplog: pytest.LogCaptureFixture
) -> None:
    for status, (client, method, url, data) in error_requests(scene).items():
        caplog.clear()
        headers = {"X-Request-Id": f"essai-{status}"}
        if htmx:
            headers["HX-Request"] = "true"
        with caplog.at_level(logging.INFO, logger="capcommun.errors"):
            response = client.open(url, method=method, data=data, headers=headers)
        reference = assert_french_error(scene.app, response, status, url)
        assert reference == f"essai-{status}"
        html = response.get_data(as_text=True)
        if htmx:
            assert html.lstrip().startswith('<div id="flashes"'), status
            assert "<html" not in html
            assert response.headers["HX-Retarget"] == "#flashes"
        else:
            assert '<html lang="fr">' in html
        if status in (500, 503):
            lines = [record.getMessage() for record in caplog.records]
            assert any(reference in line for line in lines), lines  # what the team looks up
    # Without an id from a proxy, one is made; one that could forge log lines is not kept.
    for given in (None, "a b", "<script>", "x" * 65, "é"):
        headers = {"X-Request-Id": given} if given else {}
        response = scene.app.test_client().get("/plans/nowhere", headers=headers)
        assert re.fullmatch(r"[0-9a-f]{16}", assert_french_error(scene.app, response, 404))


def test_the_503_page_asks_nothing_of_the_database_for_someone_logged_in(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The database is gone: loading the person logged in fails too. The page must not
    need them (it would fail inside the error handler: a bare English 500)."""
    client = scene.app.test_client()
    login(client, scene.world.coordinator)

    def database_gone(_session_id: str) -> None:
        raise OperationalError("SELECT users.id FROM users", {}, ConnectionRefusedError())

    monkeypatch.setattr(login_manager, "_user_callback", database_gone)
    for language, title in (("fr", "Service indisponible"), ("en", "Service unavailable")):
        with caplog.at_level(logging.ERROR, logger="capcommun.errors"):
            response = client.get(
                "/test-only/database-gone",
                headers={"X-Request-Id": f"panne-{language}", "Accept-Language": language},
            )
        assert response.status_code == 503
        html = response.get_data(as_text=True)
        assert title in html
        assert f"panne-{language}" in html
        assert any(f"panne-{language}" in r.getMessage() for r in caplog.records)
        assert "SELECT" not in html


def test_a_page_that_fails_midway_shows_no_partial_content(scene: Scene) -> None:
    """The 500 page is the whole answer: nothing of the failed page before it."""
    response = scene.app.test_client().get("/test-only/bug")
    assert_french_error(scene.app, response, 500)
    assert response.mimetype == "text/html"


# ---------------------------------------------------------------------------- big bodies


def test_oversized_bodies_get_a_french_413(scene: Scene) -> None:
    limit = scene.app.config["MAX_CONTENT_LENGTH"]
    assert limit <= 10 * 1024 * 1024
    big = "x" * (limit + 1)
    urls = scene.world.urls
    sent = [
        (scene.app.test_client(), "/auth/login", {"email": "a@example.org", "password": big}),
        (scene.coordinator, urls["actions.comment"], {"stance": "for", "body": big}),
        (scene.app.test_client(), urls["workshops.join"], {"display_name": big}),
        (scene.app.test_client(), urls["members.accept"], {"display_name": big}),
        (scene.coordinator, urls["actions.new"], {"title": "Trop", "description": big}),
    ]
    for client, url, data in sent:
        assert_french_error(scene.app, client.post(url, data=data), 413, url)
    # Under the body limit, but a field beyond what one may hold in memory (multipart).
    field = "y" * (scene.app.config["MAX_FORM_MEMORY_SIZE"] + 1)
    body, kind = multipart({"stance": "for", "body": field})
    response = scene.coordinator.post(urls["actions.comment"], data=body, content_type=kind)
    assert_french_error(scene.app, response, 413, "one big field")
    for client, url, _data in sent[:2]:  # as a file, the same
        body, kind = multipart({}, file=bytes(limit + 1))
        assert_french_error(scene.app, client.post(url, data=body, content_type=kind), 413, url)


def multipart(fields: dict[str, str], file: bytes | None = None) -> tuple[bytes, str]:
    """A multipart body built by hand (the test client would spool a big one to a
    temporary file, left open when the app refuses to read it)."""
    boundary = "----capcommun-test"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    if file is not None:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"'
        parts.append(f"{head}\r\nContent-Type: application/octet-stream\r\n\r\n".encode())
        parts.append(file + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# ------------------------------------------------------------------------------ rate limits


@contextmanager
def rate_limited(database_url: str, **limits: str) -> Iterator[Flask]:
    """An app whose limiter counts (in memory, as Redis does in production); the limiter
    is shared by all apps, so the next app built turns it off again."""
    app = make_app(database_url, RATELIMIT_ENABLED=True, **limits)
    try:
        yield app
    finally:
        make_app(database_url)


def from_address(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def assert_rate_limited(app: Flask, response: Any, what: str) -> None:
    assert_french_error(app, response, 429, what)
    assert "Trop de tentatives" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0


def test_logins_are_rate_limited(scene: Scene, database_url: str) -> None:
    with rate_limited(database_url, CAPCOMMUN_LOGIN_RATE_LIMIT="3 per minute") as app:
        client = from_address(app, "198.51.100.1")
        data = {"email": "nobody@example.org", "password": "wrong-password"}
        codes = [client.post("/auth/login", data=data).status_code for _ in range(3)]
        assert codes == [422, 422, 422]
        assert_rate_limited(app, client.post("/auth/login", data=data), "login")
        # Even the right password waits: guessing cannot go on by logging in meanwhile.
        right = {"email": scene.world.coordinator.email, "password": PASSWORD}
        assert client.post("/auth/login", data=right).status_code == 429
        assert from_address(app, "198.51.100.2").post("/auth/login", data=right).status_code == 302


def test_invitation_acceptance_is_rate_limited(scene: Scene, database_url: str) -> None:
    url = scene.world.urls["members.accept"]
    with rate_limited(database_url, CAPCOMMUN_INVITATION_RATE_LIMIT="3 per minute") as app:
        client = from_address(app, "198.51.100.3")
        codes = [client.post(url, data={}).status_code for _ in range(2)]
        codes.append(client.post("/invitations/guessed-token", data={}).status_code)
        assert codes == [422, 422, 404]
        assert_rate_limited(app, client.post(url, data={}), "invitation")
        assert from_address(app, "198.51.100.4").post(url, data={}).status_code == 422


def test_workshop_codes_cannot_be_guessed_nor_joins_flooded(
    scene: Scene, database_url: str
) -> None:
    code = scene.world.urls["workshops.join"]
    limits = {
        # Two limits of one route with the same value share their count (Flask-Limiter
        # keys them alike): the values differ here, as they do by default.
        "CAPCOMMUN_WORKSHOP_WRONG_CODE_RATE_LIMIT": "4 per minute",
        "CAPCOMMUN_WORKSHOP_JOIN_RATE_LIMIT": "3 per minute",
        "CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP": "5 per minute",
    }
    with rate_limited(database_url, **limits) as app:
        guesser = from_address(app, "198.51.100.5")
        codes = [guesser.get(f"/j/GUESS{n}").status_code for n in range(4)]
        assert codes == [404, 404, 404, 404]
        assert_rate_limited(app, guesser.get("/j/GUESS9"), "wrong codes")
        assert guesser.get(code).status_code == 429  # the right code too, from there
        assert from_address(app, "198.51.100.6").get(code).status_code == 200
        # Joins from one address (an empty form: refused, yet counted).
        flooder = from_address(app, "198.51.100.7")
        assert [flooder.post(code, data={}).status_code for _ in range(3)] == [422] * 3
        assert_rate_limited(app, flooder.post(code, data={}), "joins")
    with rate_limited(database_url, **limits) as app:
        # Joins of one workshop from many addresses: 5, then no more.
        crowd = [from_address(app, f"198.51.100.{n}") for n in range(10, 16)]
        assert [c.post(code, data={}).status_code for c in crowd] == [422] * 5 + [429]


# ------------------------------------------------------------------ hostile search and filters

HOSTILE = [
    "'",
    '"',
    "%",
    "_",
    "\\",
    ";--",
    "' OR 1=1 --",
    "1; DROP TABLE actions; --",
    ".*",
    "(",
    "[",
    "\x00",
    "%00",
    "x" * 5000,
    "navette " * 300,
    "9" * 30,
    "9" * 5000,
    "-1",
    "0",
    "2147483648",
    "²",
    "١٢",
    "é́ 漢字 🙂",
    "\u202enavette",
    "<script>alert(1)</script>",
    "le la les de",  # only French stop words: an empty text search query
    "&|!:*<->",  # PostgreSQL tsquery operators
    "a:* & !b | (c <-> d)",
    'navette" OR "x',  # SQLite FTS5 syntax
]
# The list pages get every value; the pages that only pre-fill a form from the address,
# those that break numbers and text the most.
LIST_PAGES = {"actions.index", "journal.journal", "workshops.ideas"}
FOR_EVERY_PAGE = {*HOSTILE[::3], "9" * 30, "9" * 5000, "-1", "2147483648", "²", "١٢", "\x00"}
# Arguments read from the address by pages that a form or link does not show.
READ_FROM_THE_ADDRESS = {
    "actions.index": ["page"],
    "journal.journal": ["page"],
    "actions.history": ["from", "to"],
    "actions.new": ["challenge"],
    "actions.show": ["reply"],
    "ballots.new": ["action"],
    "commitments.new": ["action"],
    "ballots.paper": ["college"],
    "workshops.console_paper": ["college"],
    "versions.choose_comparison": ["from", "to"],
    "workshops.ideas": ["sort"],
    "workshops.state": ["view", "since", "join", "now", "open"],
    "workshops.enter": ["code"],
}


def filters_of(scene: Scene) -> dict[str, tuple[str, set[str]]]:
    """endpoint → (address, names of its filters): the GET forms and the links of each list
    page, and the arguments pages read on their own."""
    app = scene.app
    found: dict[str, tuple[str, set[str]]] = {}
    pages = {**scene.world.urls, "workshops.enter": "/j"}
    for endpoint, url in pages.items():
        if endpoint not in READ_FROM_THE_ADDRESS and "GET" not in _methods(app, endpoint):
            continue
        response = scene.coordinator.get(url)
        names = set(READ_FROM_THE_ADDRESS.get(endpoint, []))
        if response.mimetype == "text/html" and response.status_code == 200:
            html = response.get_data(as_text=True)
            for form in forms_of(html):
                target = form.action or url
                if form.method == "get" and endpoint_of(app, target) == endpoint:
                    names |= form.names
            for link in re.findall(r'href="([^"]*\?[^"]*)"', html):
                link = link.replace("&amp;", "&")
                if endpoint_of(app, link) == endpoint:
                    names |= {pair.split("=")[0] for pair in urlsplit(link).query.split("&")}
        if names:
            found[endpoint] = (url.split("?")[0], names)
    return found


def _methods(app: Flask, endpoint: str) -> set[str]:
    return {m for rule in app.url_map.iter_rules(endpoint) for m in rule.methods}


def answered_well(scene: Scene, response: Any, endpoint: str) -> bool:
    if response.status_code in (200, 302):
        return True
    if endpoint == "actions.index":  # the list: results, nothing, or the request refused
        allowed: tuple[int, ...] = (400, 422)
    else:  # pages that refuse a value they cannot use: a version or revision not found
        allowed = (400, 404, 409, 422)
    if response.status_code not in allowed:
        return False
    html = response.get_data(as_text=True)
    return 'lang="fr"' in html or html.lstrip().startswith('<div id="flashes"')


def test_hostile_values_in_search_and_filters_never_fail(scene: Scene) -> None:
    filters = filters_of(scene)
    index_filters = filters["actions.index"][1]
    assert {"q", "challenge", "status", "zone", "year", "lead_kind", "college", "sort"} <= (
        index_filters
    )
    wrong: list[tuple[str, int]] = []
    tried = 0
    for payload in HOSTILE:
        for endpoint, (url, names) in filters.items():
            if endpoint not in LIST_PAGES and payload not in FOR_EVERY_PAGE:
                continue
            # Every filter of the page at once (each is read on its own: one that is not
            # understood is dropped, the others still apply). The action list also with
            # its search alone, as a member who sees no drafts, and as an htmx fragment.
            sent = [(scene.coordinator, dict.fromkeys(names, payload), {})]
            if endpoint == "actions.index":
                sent.append((scene.coordinator, {"q": payload}, {}))
                sent.append((scene.contributor, dict.fromkeys(names, payload), {}))
                sent.append((scene.contributor, {"q": payload}, {"HX-Request": "true"}))
            for client, query, headers in sent:
                address = f"{url}?{urlencode(query)}"
                response = client.get(address, headers=headers)
                tried += 1
                if not answered_well(scene, response, endpoint):
                    wrong.append((address[:120], response.status_code))
    # Bytes that are no UTF-8 at all.
    for raw in ("q=%FF%FE", "q=%ED%A0%80", "zone=%C0%AF&q=%C3"):
        response = scene.coordinator.get(filters["actions.index"][0], query_string=raw)
        tried += 1
        if response.status_code != 200:
            wrong.append((raw, response.status_code))
    assert wrong == [], "answers other than results, nothing, or a French refusal"
    assert tried > len(HOSTILE) * len(LIST_PAGES) + len(FOR_EVERY_PAGE) * len(filters)


def test_search_still_finds_after_hostile_values(scene: Scene) -> None:
    """The control: the same list finds an action by a word of it, and nothing by a word
    that no action has, so the answers above came from a real search."""
    url = scene.world.urls["actions.index"]
    found = scene.contributor.get(f"{url}?q=navet+solid").get_data(as_text=True)
    assert "Navette solidaire" in found
    missing = scene.contributor.get(f"{url}?q=introuvablemot").get_data(as_text=True)
    assert "Navette solidaire" not in missing
