"""Inviting people, joining through the link, managing members."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.extensions import db
from plan.members.models import Invitation, Membership, Role
from tests.conftest import PASSWORD, login, make_app, make_member, make_plan, make_user


@pytest.fixture
def plan(app):
    return make_plan("vallee", challenges=3)


def invite(client, plan, role="contributor", **extra) -> str:
    data = {
        "role": role,
        "college_id": str(plan.colleges[1].id),
        "organization_id": "0",
        "email": "",
        "note": "Pour Paul",
    }
    data.update(extra)
    response = client.post(f"/plans/{plan.slug}/invitations", data=data)
    assert response.status_code == 201, response.get_data(as_text=True)
    match = re.search(
        r'value="(http://localhost/invitations/[^"]+)"', response.get_data(as_text=True)
    )
    assert match
    return match.group(1).removeprefix("http://localhost")


def register(client, link: str, email: str = "paul@example.org", **extra):
    data = {
        "display_name": "Paul Durand",
        "email": email,
        "password": "un-mot-de-passe",
        "confirm": "un-mot-de-passe",
    }
    data.update(extra)
    return client.post(link, data=data)


@pytest.fixture
def coordinator(app, plan):
    user = make_user(name="Claire")
    make_member(user, plan, Role.COORDINATOR)
    client = app.test_client()
    login(client, user)
    return client


def test_an_invitation_makes_a_new_member(app, plan, coordinator) -> None:
    link = invite(coordinator, plan)
    newcomer = app.test_client()
    page = newcomer.get(link).get_data(as_text=True)
    assert "Contributeur·rice" in page
    assert plan.colleges[1].name in page
    response = register(newcomer, link)
    assert response.status_code == 302
    assert response.headers["Location"] == "/plans/vallee"
    user = db.session.scalar(select(User).where(User.email == "paul@example.org"))
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.role == Role.CONTRIBUTOR
    assert membership.college_id == plan.colleges[1].id
    assert "Paul Durand" in newcomer.get("/plans/vallee/members").get_data(as_text=True)
    # The link worked once.
    again = app.test_client().get(link)
    assert again.status_code == 410
    assert "déjà été utilisée" in again.get_data(as_text=True)


def test_a_logged_in_person_joins_with_one_click(app, plan, coordinator) -> None:
    link = invite(coordinator, plan, role="observer")
    someone = make_user()
    client = app.test_client()
    login(client, someone)
    assert client.post(link).status_code == 302
    assert (
        db.session.scalar(select(Membership.role).where(Membership.user_id == someone.id))
        == Role.OBSERVER
    )


def test_login_from_the_invitation_comes_back_to_it(app, plan, coordinator) -> None:
    link = invite(coordinator, plan)
    someone = make_user()
    client = app.test_client()
    page = client.get(link).get_data(as_text=True)
    token = link.rsplit("/", 1)[1]
    assert re.search(r'href="/auth/login\?next=[^"]*' + re.escape(token), page)
    response = client.post(
        "/auth/login", data={"email": someone.email, "password": PASSWORD, "next": link}
    )
    assert response.headers["Location"] == link


def test_registration_refuses_a_used_email_and_keeps_the_rest(app, plan, coordinator) -> None:
    make_user("paul@example.org")
    link = invite(coordinator, plan)
    response = register(app.test_client(), link)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html
    assert 'value="Paul Durand"' in html
    assert db.session.scalar(select(func.count(Membership.id))) == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"password": "court", "confirm": "court"}, "password"),
        ({"confirm": "autre-chose-encore"}, "confirm"),
        ({"email": "pas-un-email"}, "email"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 101}, "display_name"),
    ],
)
def test_registration_bad_input(app, plan, coordinator, extra, field) -> None:
    link = invite(coordinator, plan)
    response = register(app.test_client(), link, **extra)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 1  # only the coordinator


def test_revoked_and_expired_invitations_are_gone(app, plan, coordinator) -> None:
    revoked_link = invite(coordinator, plan)
    expired_link = invite(coordinator, plan)
    first, second = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    assert coordinator.post(f"/plans/vallee/invitations/{first.id}/revoke").status_code == 302
    second.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    visitor = app.test_client()
    revoked = visitor.get(revoked_link)
    assert revoked.status_code == 410
    assert "révoquée" in revoked.get_data(as_text=True)
    expired = register(visitor, expired_link)
    assert expired.status_code == 410
    assert "expiré" in expired.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 1
    # Revoking twice is a conflict, not a silent success.
    assert coordinator.post(f"/plans/vallee/invitations/{first.id}/revoke").status_code == 409


def test_a_mangled_link_is_404(app, plan) -> None:
    response = app.test_client().get("/invitations/not-a-real-token")
    assert response.status_code == 404
    assert "copié" in response.get_data(as_text=True)


def test_only_the_token_hash_is_stored(app, plan, coordinator) -> None:
    link = invite(coordinator, plan)
    token = link.rsplit("/", 1)[1]
    stored = db.session.scalar(select(Invitation.token_hash))
    assert token not in stored
    assert len(stored) == 64


def test_invitation_form_refuses_bad_input(plan, coordinator) -> None:
    other = make_plan("autre")
    response = coordinator.post(
        "/plans/vallee/invitations",
        data={
            "role": "contributor",
            "college_id": str(other.colleges[0].id),
            "organization_id": "0",
            "email": "x",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="college_id-error"' in html
    assert 'id="email-error"' in html
    assert db.session.scalar(select(func.count(Invitation.id))) == 0


def test_facilitators_invite_but_not_as_coordinator(app, plan) -> None:
    facilitator = make_user()
    make_member(facilitator, plan, Role.FACILITATOR)
    client = app.test_client()
    login(client, facilitator)
    invite(client, plan, role="facilitator")
    response = client.post(
        "/plans/vallee/invitations",
        data={
            "role": "coordinator",
            "college_id": str(plan.colleges[0].id),
            "organization_id": "0",
        },
    )
    assert response.status_code == 422
    assert 'id="role-error"' in response.get_data(as_text=True)


def test_invitation_by_htmx_returns_the_fragment(plan, coordinator) -> None:
    response = coordinator.post(
        "/plans/vallee/invitations",
        data={
            "role": "contributor",
            "college_id": str(plan.colleges[0].id),
            "organization_id": "0",
        },
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 201
    assert html.lstrip().startswith('<div id="invitations">')
    assert "<html" not in html
    assert "HX-Request" in response.headers["Vary"]


def test_invitations_are_mailed_when_smtp_is_configured(database_url, monkeypatch) -> None:
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self) -> None:
            sent.append(("starttls",))

        def send_message(self, message) -> None:
            sent.append(("message", message["To"], message.get_content()))

    monkeypatch.setattr("auth.mail.smtplib.SMTP", FakeSMTP)
    app = make_app(database_url, CAPCOMMUN_SMTP_HOST="smtp.example.org")
    with app.app_context():
        db.create_all()
        plan = make_plan("mail")
        user = make_user()
        make_member(user, plan, Role.COORDINATOR)
        client = app.test_client()
        login(client, user)
        link = invite(client, plan, email="lea@example.org")
        assert ("connect", "smtp.example.org", 587) in sent
        message = next(item for item in sent if item[0] == "message")
        assert message[1] == "lea@example.org"
        assert link in message[2]
        from tests.conftest import empty_database

        empty_database()


def test_roles_are_changed_but_one_coordinator_remains(plan, coordinator) -> None:
    own = db.session.scalar(select(Membership).where(Membership.role == Role.COORDINATOR))
    response = coordinator.post(
        f"/plans/vallee/members/{own.id}/edit",
        data={
            "role": "contributor",
            "college_id": str(plan.colleges[0].id),
            "organization_id": "0",
        },
    )
    assert response.status_code == 409
    assert "coordinateur·rice" in response.get_data(as_text=True)
    assert coordinator.post(f"/plans/vallee/members/{own.id}/remove").status_code == 409
    other = make_user()
    membership = make_member(other, plan, Role.CONTRIBUTOR)
    response = coordinator.post(
        f"/plans/vallee/members/{membership.id}/edit",
        data={
            "role": "facilitator",
            "college_id": str(plan.colleges[2].id),
            "organization_id": "0",
        },
    )
    assert response.status_code == 302
    db.session.refresh(membership)
    assert (membership.role, membership.college_id) == (Role.FACILITATOR, plan.colleges[2].id)
    membership_id = membership.id
    assert coordinator.post(f"/plans/vallee/members/{membership_id}/remove").status_code == 302
    assert db.session.get(Membership, membership_id) is None


def test_member_emails_are_for_facilitators(app, plan) -> None:
    contributor = make_user("visible@example.org")
    make_member(contributor, plan, Role.CONTRIBUTOR)
    visitor_html = app.test_client().get("/plans/vallee/members").get_data(as_text=True)
    assert "visible@example.org" not in visitor_html
    facilitator = make_user()
    make_member(facilitator, plan, Role.FACILITATOR)
    client = app.test_client()
    login(client, facilitator)
    assert "visible@example.org" in client.get("/plans/vallee/members").get_data(as_text=True)


def test_joining_is_rate_limited(database_url) -> None:
    app = make_app(
        database_url, RATELIMIT_ENABLED=True, CAPCOMMUN_INVITATION_RATE_LIMIT="2 per minute"
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [client.post("/invitations/guess-" + str(i)).status_code for i in range(3)]
        assert codes == [404, 404, 429]
