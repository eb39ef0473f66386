"""With CSRF protection on, as a browser gets it."""

import pytest
from sqlalchemy import func, select

from plan.extensions import db
from plan.members.models import Invitation, Role
from tests.conftest import PASSWORD, csrf_token_from, make_app, make_member, make_plan, make_user


@pytest.fixture
def browser(database_url):  # type: ignore[no-untyped-def]
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        yield app.test_client()
        from tests.conftest import empty_database

        empty_database()


def test_a_post_without_token_is_refused(browser) -> None:
    user = make_user()
    response = browser.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "formulaire a expiré" in response.get_data(as_text=True)


def browser_login(browser, user) -> str:  # type: ignore[no-untyped-def]
    token = csrf_token_from(browser.get("/auth/login").get_data(as_text=True))
    response = browser.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return token


def test_forms_work_with_the_token_of_the_page(browser) -> None:
    user = make_user()
    browser_login(browser, user)
    assert browser.post("/auth/logout").status_code == 400  # still needs its token
    page = browser.get("/auth/account").get_data(as_text=True)
    response = browser.post("/auth/logout", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302


def test_htmx_requests_carry_the_token_in_a_header(browser) -> None:
    plan = make_plan("vallee")
    user = make_user()
    make_member(user, plan, Role.COORDINATOR)
    browser_login(browser, user)
    page = browser.get("/plans/vallee/invitations").get_data(as_text=True)
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    data = {"role": "contributor", "college_id": str(plan.colleges[0].id), "organization_id": "0"}
    refused = browser.post("/plans/vallee/invitations", data=data, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    accepted = browser.post(
        "/plans/vallee/invitations",
        data=data,
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert accepted.status_code == 201
    assert db.session.scalar(select(func.count(Invitation.id))) == 1


def test_htmx_errors_show_their_message_where_flashes_go(browser) -> None:
    plan = make_plan("vallee")
    user = make_user()
    make_member(user, plan, Role.COORDINATOR)
    browser_login(browser, user)
    response = browser.post(
        "/plans/vallee/invitations",
        data={"role": "contributor", "college_id": str(plan.colleges[0].id)},
        headers={"HX-Request": "true"},  # no token: the form has expired
    )
    assert response.status_code == 400
    assert response.headers["HX-Retarget"] == "#flashes"
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="flashes"')
    assert "formulaire a expiré" in html
    assert "<html" not in html
