"""Logging in and out, account settings, password change, language."""

import re

from sqlalchemy import select

from auth.models import User
from plan.extensions import db
from tests.conftest import PASSWORD, login, make_app, make_user


def test_login_page_has_the_named_fields(client) -> None:
    html = client.get("/auth/login").get_data(as_text=True)
    assert 'name="email"' in html
    assert 'name="password"' in html
    assert '<html lang="fr">' in html


def test_login_then_logout(client, app) -> None:
    user = make_user("marie@example.org", name="Marie")
    response = client.post(
        "/auth/login", data={"email": "MARIE@example.org ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Marie" in client.get("/").get_data(as_text=True)
    client.post("/auth/logout")
    assert "Marie" not in client.get("/").get_data(as_text=True)
    assert user.id


def test_wrong_password_and_unknown_email_say_the_same(client) -> None:
    make_user("marie@example.org")
    wrong = client.post(
        "/auth/login", data={"email": "marie@example.org", "password": "nope-nope-nope"}
    )
    unknown = client.post(
        "/auth/login", data={"email": "nobody@example.org", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 422

    def masked(html: str, email: str) -> str:
        html = re.sub(r"[\w-]{20,}\.[\w-]+\.[\w-]{20,}", "TOKEN", html)  # signed CSRF tokens
        return html.replace(email, "EMAIL")

    wrong_html, unknown_html = wrong.get_data(as_text=True), unknown.get_data(as_text=True)
    assert 'value="marie@example.org"' in wrong_html  # what was typed is kept
    assert masked(wrong_html, "marie@example.org") == masked(unknown_html, "nobody@example.org")


def test_login_redirects_only_to_local_pages(client) -> None:
    user = make_user()
    response = client.post(
        "/auth/login?next=https://evil.example/", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
    client.post("/auth/logout")
    response = client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "next": "/auth/account"}
    )
    assert response.headers["Location"] == "/auth/account"


def test_session_cookie_flags(client) -> None:
    user = make_user()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_cookies_are_secure_outside_debug(database_url) -> None:
    app = make_app(database_url, TESTING=False)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    plain_http = make_app(database_url, TESTING=False, CAPCOMMUN_SECURE_COOKIES=False)
    assert plain_http.config["SESSION_COOKIE_SECURE"] is False


def test_password_change_ends_other_sessions(app) -> None:
    user = make_user()
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user)
    login(phone, user)
    response = laptop.post(
        "/auth/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a-new-long-password",
            "confirm": "a-new-long-password",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/auth/account").status_code == 200
    assert phone.get("/auth/account").status_code == 302  # sent back to the login page
    laptop.post("/auth/logout")
    login(laptop, user, "a-new-long-password")


def test_password_change_refuses_bad_input(client) -> None:
    user = make_user()
    login(client, user)
    short = client.post(
        "/auth/password",
        data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
    )
    assert short.status_code == 422
    assert 'id="new_password-error"' in short.get_data(as_text=True)
    wrong = client.post(
        "/auth/password",
        data={
            "current_password": "not-the-one",
            "new_password": "long-enough-pw",
            "confirm": "long-enough-pw",
        },
    )
    assert wrong.status_code == 422
    assert 'id="current_password-error"' in wrong.get_data(as_text=True)


def test_account_changes_name_and_language(client) -> None:
    user = make_user()
    login(client, user)
    response = client.post("/auth/account", data={"display_name": "Jeanne Martin", "locale": "en"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.display_name, user.locale) == ("Jeanne Martin", "en")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    empty = client.post("/auth/account", data={"display_name": "", "locale": "fr"})
    assert empty.status_code == 422


def test_language_choice_without_an_account(client) -> None:
    assert '<html lang="fr">' in client.get("/").get_data(as_text=True)
    client.post("/auth/language", data={"locale": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_browser_language_is_used_when_nothing_is_chosen(client) -> None:
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    html = client.get("/", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    assert '<html lang="fr">' in html


def test_login_is_rate_limited(database_url) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, CAPCOMMUN_LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [
            client.post(
                "/auth/login", data={"email": "a@example.org", "password": "x" * 12}
            ).status_code
            for _ in range(4)
        ]
        assert codes == [422, 422, 422, 429]
        assert "Trop de tentatives" in client.post(
            "/auth/login", data={"email": "a@example.org", "password": "x" * 12}
        ).get_data(as_text=True)
        assert "Too many attempts" in client.post(
            "/auth/login",
            data={"email": "a@example.org", "password": "x" * 12},
            headers={"Accept-Language": "en"},
        ).get_data(as_text=True)


def test_create_admin_command(runner, tmp_path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("a-strong-password\n")
    result = runner.invoke(
        args=["create-admin", "boss@example.org", "--password-file", str(secret)]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@example.org"))
    assert user.is_admin
    short = tmp_path / "short"
    short.write_text("short")
    result = runner.invoke(
        args=["create-admin", "other@example.org", "--password-file", str(short)]
    )
    assert result.exit_code != 0
