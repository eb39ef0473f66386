"""Company commitments through their pages: who may record them, what is refused, what
readers see (grouped by organisation, with totals by size class and by type)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from plan import permissions as p
from plan.actions.models import ActionStatus
from plan.actions.services import set_status
from plan.commitments.models import CommitmentKind, CompanyCommitment
from plan.commitments.services import add_commitment
from plan.extensions import db
from plan.frame.models import Organization, OrganizationKind, SizeClass
from plan.journal.models import AuditEvent
from plan.members.models import Role
from tests.conftest import login, make_action, make_member, make_plan, make_user
from tests.xss import XSS_PAYLOADS, assert_no_active_content

LIST = "/plans/vallee/commitments"
NEW = "/plans/vallee/commitments/new"
ENGLISH = {"Accept-Language": "en"}
OUR_SCRIPT = '<script src="/static/js/htmx-2.0.11.min.js" defer></script>'


def text(response) -> str:  # type: ignore[no-untyped-def]
    """The page's words, without tags, entities or line breaks."""
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html_lib.unescape(words).replace("\u202f", " ").split())


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def organization(plan, name: str, kind: OrganizationKind, size: SizeClass | None = None):  # type: ignore[no-untyped-def]
    org = Organization(name=name, kind=kind, size_class=size)
    plan.organizations.append(org)
    db.session.commit()
    return org


@pytest.fixture
def world(app):  # type: ignore[no-untyped-def]
    """A public plan with two companies, a cooperative, an adopted action, and people of
    every role (the facilitator reads English)."""
    plan = make_plan("vallee", challenges=2)
    people = {}
    for role in (Role.OBSERVER, Role.CONTRIBUTOR, Role.FACILITATOR, Role.COORDINATOR):
        people[role] = make_user(f"{role.value}@example.org", locale="en")
        make_member(people[role], plan, role)
    bakery = organization(plan, "Boulangerie du Buëch", OrganizationKind.COMPANY, SizeClass.TPE)
    hotels = organization(
        plan, "Groupe hôtelier Altitude Sud", OrganizationKind.COMPANY, SizeClass.ETI
    )
    coop = organization(plan, "SCOP Les Cuisines", OrganizationKind.ESS_ENTERPRISE)
    action = make_action(plan, people[Role.FACILITATOR], "Légumerie solidaire du Buëch")
    set_status(action, ActionStatus.IN_BALLOT)
    set_status(action, ActionStatus.ADOPTED)
    db.session.commit()

    class World:
        pass

    w = World()
    w.plan, w.people, w.action = plan, people, action
    w.bakery, w.hotels, w.coop = bakery, hotels, coop
    return w


def values(world, **overrides) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {
        "organization_id": str(world.hotels.id),
        "action_id": str(world.action.id),
        "kind": "skills_sponsorship",
        "description": "Deux cuisinier·es du groupe forment l'équipe de la légumerie.",
        "valuation": "12 500,50",
    }
    data.update(overrides)
    return data


def as_role(app, world, role: Role):  # type: ignore[no-untyped-def]
    client = app.test_client()
    login(client, world.people[role])
    return client


# --------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        (Role.OBSERVER, False),
        (Role.CONTRIBUTOR, False),
        (Role.FACILITATOR, True),
        (Role.COORDINATOR, True),
    ],
)
def test_facilitators_and_above_manage_commitments(app, role, allowed) -> None:
    plan = make_plan()
    user = make_user()
    if role:
        make_member(user, plan, role)
    assert p.can_manage_commitments(user, plan) is allowed
    assert p.can_manage_commitments(make_user(admin=True), plan)
    assert not p.can_manage_commitments(None, plan)


def test_anyone_who_reads_the_plan_reads_its_commitments(app, client, world) -> None:
    add_commitment(
        world.plan, world.bakery, None, CommitmentKind.CSR, "Pain invendu donné.", None, None
    )
    db.session.commit()
    page = client.get(LIST, headers=ENGLISH)
    assert page.status_code == 200
    assert "Boulangerie du Buëch" in text(page)
    assert "Record a commitment" not in text(page)  # no button a visitor may not press
    assert "Remove the commitment" not in text(page)
    secret = make_plan("secret", public=False)
    assert client.get("/plans/secret/commitments").status_code == 404
    observer = make_user()
    make_member(observer, secret, Role.OBSERVER)
    login(client, observer)
    assert client.get("/plans/secret/commitments").status_code == 200


def test_visitors_are_sent_to_log_in_and_readers_are_refused(app, client, world) -> None:
    for response in (client.get(NEW), client.post(NEW, data=values(world))):
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    for role in (Role.OBSERVER, Role.CONTRIBUTOR):
        member = as_role(app, world, role)
        assert member.get(NEW).status_code == 403
        assert member.post(NEW, data=values(world)).status_code == 403
        assert "Record a commitment" not in text(member.get(LIST))
    outsider = app.test_client()
    login(outsider, make_user())
    assert outsider.post(NEW, data=values(world)).status_code == 403
    assert count(CompanyCommitment) == 0


def test_deleting_is_for_facilitators(app, client, world) -> None:
    commitment = add_commitment(
        world.plan, world.bakery, None, CommitmentKind.CSR, "Pain invendu donné.", None, None
    )
    db.session.commit()
    url = f"{LIST}/{commitment.id}/delete"
    response = client.post(url)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    for role in (Role.OBSERVER, Role.CONTRIBUTOR):
        assert as_role(app, world, role).post(url).status_code == 403
    assert count(CompanyCommitment) == 1


# --------------------------------------------------------------------------- add and delete


def test_a_facilitator_records_a_commitment_with_its_audit_event(app, world) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    form = facilitator.get(NEW)
    assert form.status_code == 200
    page = text(form)
    assert "Groupe hôtelier Altitude Sud" in page
    assert "The plan as a whole" in page
    assert "1.1 — Légumerie solidaire du Buëch" in page

    response = facilitator.post(NEW, data=values(world))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{LIST}#structure-{world.hotels.id}")
    commitment = db.session.scalar(select(CompanyCommitment))
    assert commitment.organization_id == world.hotels.id
    assert commitment.action_id == world.action.id
    assert commitment.kind == CommitmentKind.SKILLS_SPONSORSHIP
    assert commitment.valuation_cents == 1_250_050  # « 12 500,50 » typed the French way
    assert commitment.created_by_id == world.people[Role.FACILITATOR].id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "commitment.create"))
    assert event.actor_id == world.people[Role.FACILITATOR].id
    assert event.plan_id == world.plan.id
    assert event.object_id == commitment.id
    assert event.data == {
        "organization": "Groupe hôtelier Altitude Sud",
        "kind": "skills_sponsorship",
        "action": "1.1",
        "description": "Deux cuisinier·es du groupe forment l'équipe de la légumerie.",
        "valuation_cents": 1_250_050,
    }
    listing = facilitator.get(LIST)
    assert "The commitment of Groupe hôtelier Altitude Sud is recorded." in text(listing)


def test_a_facilitator_removes_a_commitment_with_its_audit_event(app, world) -> None:
    commitment = add_commitment(
        world.plan, world.coop, world.action, CommitmentKind.PARTNERSHIP, "Repas.", 300_000, None
    )
    db.session.commit()
    commitment_id = commitment.id
    facilitator = as_role(app, world, Role.FACILITATOR)
    response = facilitator.post(f"{LIST}/{commitment_id}/delete")
    assert response.status_code == 302
    assert count(CompanyCommitment) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "commitment.delete"))
    assert event.actor_id == world.people[Role.FACILITATOR].id
    assert event.object_id == commitment_id
    assert event.data["organization"] == "SCOP Les Cuisines"
    assert event.data["valuation_cents"] == 300_000
    assert "The commitment of SCOP Les Cuisines is removed." in text(facilitator.get(LIST))
    assert facilitator.post(f"{LIST}/{commitment_id}/delete").status_code == 404


def test_a_commitment_of_another_plan_is_404(app, world) -> None:
    other = make_plan("autre")
    org = organization(other, "Ailleurs SA", OrganizationKind.COMPANY, SizeClass.PME)
    theirs = add_commitment(other, org, None, CommitmentKind.CSR, "Ailleurs.", None, None)
    db.session.commit()
    facilitator = as_role(app, world, Role.FACILITATOR)
    assert facilitator.post(f"{LIST}/{theirs.id}/delete").status_code == 404
    assert count(CompanyCommitment) == 1


def test_to_the_plan_as_a_whole_without_valuation(app, world) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    response = facilitator.post(
        NEW,
        data=values(world, organization_id=str(world.bakery.id), action_id="0", valuation=""),
    )
    assert response.status_code == 302
    commitment = db.session.scalar(select(CompanyCommitment))
    assert commitment.action_id is None
    assert commitment.valuation_cents is None


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("12 500,50", 1_250_050), ("12\u00a0500", 1_250_000), ("12500.5", 1_250_050), ("0", 0)],
)
def test_valuations_typed_the_french_or_the_english_way(app, world, typed, cents) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    assert facilitator.post(NEW, data=values(world, valuation=typed)).status_code == 302
    assert db.session.scalar(select(CompanyCommitment.valuation_cents)) == cents


def test_the_form_offers_the_action_it_was_opened_from(app, world) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    page = facilitator.get(f"{NEW}?action={world.action.id}").get_data(as_text=True)
    assert f'<option selected value="{world.action.id}">' in page


# --------------------------------------------------------------------------- bad input


def test_bad_input_is_refused_next_to_its_field_and_keeps_what_was_typed(app, world) -> None:
    other = make_plan("autre", challenges=1)
    foreign = organization(other, "Ailleurs SA", OrganizationKind.COMPANY, SizeClass.PME)
    foreign_action = make_action(other, world.people[Role.FACILITATOR], "Action d'ailleurs")
    draft = make_action(world.plan, world.people[Role.FACILITATOR], "Brouillon", submit=False)
    cases = [
        (
            {"organization_id": str(foreign.id)},
            "organization_id",
            "Choose an organisation of this plan.",
        ),
        ({"organization_id": "9999"}, "organization_id", "Choose an organisation of this plan."),
        ({"organization_id": "abc"}, "organization_id", "Choose an organisation of this plan."),
        (
            {"action_id": str(foreign_action.id)},
            "action_id",
            "Choose an action of this plan, or the plan as a whole.",
        ),
        (
            {"action_id": str(draft.id)},
            "action_id",
            "Choose an action of this plan, or the plan as a whole.",
        ),
        ({"action_id": "x"}, "action_id", "Choose an action of this plan, or the plan as a whole."),
        ({"valuation": "-1"}, "valuation", "A valuation cannot be negative."),
        ({"valuation": "-0,01"}, "valuation", "A valuation cannot be negative."),
        ({"valuation": "10 000 000,01"}, "valuation", "A valuation cannot exceed 10,000,000 €."),
        ({"valuation": "1e999999"}, "valuation", "A valuation cannot exceed 10,000,000 €."),
        ({"valuation": "NaN"}, "valuation", "Enter an amount in euros, for example 12 500."),
        ({"valuation": "Infinity"}, "valuation", "Enter an amount in euros, for example 12 500."),
        (
            {"valuation": "douze mille"},
            "valuation",
            "Enter an amount in euros, for example 12 500.",
        ),
        ({"description": "x" * 2001}, "description", "At most 2000 characters."),
        ({"description": "   "}, "description", "Describe the commitment."),
        ({"kind": "bribe"}, "kind", "Not a valid choice."),
    ]
    facilitator = as_role(app, world, Role.FACILITATOR)
    for overrides, field, message in cases:
        sent = values(world, **overrides)
        response = facilitator.post(NEW, data=sent)
        assert response.status_code == 422, overrides
        page = response.get_data(as_text=True)
        error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
        assert error, overrides
        assert " ".join(html_lib.unescape(error.group(1)).split()) == message, overrides
        # What was typed comes back.
        assert str(escape(sent["valuation"])) in page, overrides
        if field != "description":
            assert str(escape(sent["description"])) in page, overrides
        assert f'<option selected value="{sent["kind"]}">' in page or field == "kind"
    assert count(CompanyCommitment) == 0


def test_a_description_of_2000_characters_is_accepted(app, world) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    assert facilitator.post(NEW, data=values(world, description="é" * 2000)).status_code == 302


def test_french_readers_get_french_amounts(app, world) -> None:
    facilitator = as_role(app, world, Role.FACILITATOR)
    world.people[Role.FACILITATOR].locale = "fr"
    db.session.commit()
    response = facilitator.post(NEW, data=values(world, valuation="20 000 000"))
    assert response.status_code == 422
    assert "20 000 000" in response.get_data(as_text=True)  # kept as typed
    facilitator.post(NEW, data=values(world))
    page = text(facilitator.get(LIST))
    assert "12 500,50 €" in page.replace("\u00a0", " ")


# --------------------------------------------------------------------------- the listing


def test_the_list_groups_by_organisation_with_totals(app, client, world) -> None:
    entries = [
        (world.hotels, world.action, CommitmentKind.SKILLS_SPONSORSHIP, "Formation.", 1_250_050),
        (world.hotels, None, CommitmentKind.FINANCIAL_SPONSORSHIP, "Don annuel.", 1_000_000),
        (world.bakery, world.action, CommitmentKind.RESPONSIBLE_PURCHASING, "Farine.", None),
        (world.coop, None, CommitmentKind.FINANCIAL_SPONSORSHIP, "Repas.", 50_000),
    ]
    for org, action, kind, description, cents in entries:
        add_commitment(world.plan, org, action, kind, description, cents, None)
    db.session.commit()
    response = client.get(LIST, headers=ENGLISH)
    page = text(response)
    html = response.get_data(as_text=True)
    # Organisations in alphabetical order, each with its kind and size class.
    assert (
        page.index("Boulangerie du Buëch")
        < page.index("Groupe hôtelier")
        < page.index("SCOP Les Cuisines")
    )
    assert "Company · Micro-enterprise (TPE, under 10 staff)" in page
    assert "Company · Mid-size company (ETI, under 5,000 staff) · valued at €22,500.50" in page
    assert "Social economy enterprise (SCOP, SCIC)" in page
    # The action's reference links to its fiche; a commitment to the whole plan says so.
    assert html.count('href="/plans/vallee/actions/1.1"') == 2
    assert "The plan as a whole" in page
    assert "4 commitments · 3 organisations · valued at €23,000.50" in page
    # Totals by size class (companies by size, then the others) and by type.
    assert (
        "Micro-enterprise (TPE, under 10 staff) 1 1 0 € "
        "Mid-size company (ETI, under 5,000 staff) 1 2 €22,500.50 "
        "No size class (social economy enterprises and others) 1 1 500 € "
        "Total 3 4 €23,000.50"
    ) in page
    assert (
        "Financial sponsorship 2 2 10,500 € Skills sponsorship 1 1 €12,500.50 "
        "Responsible purchasing 1 1 0 € Total 3 4 €23,000.50"
    ) in page


def test_an_empty_list(client, world) -> None:
    assert "No commitment yet." in text(client.get(LIST, headers=ENGLISH))


def test_descriptions_are_shown_as_text(app, client, world) -> None:
    for payload in XSS_PAYLOADS:
        add_commitment(world.plan, world.hotels, None, CommitmentKind.CSR, payload, None, None)
    db.session.commit()
    for viewer in (client, as_role(app, world, Role.FACILITATOR)):
        html = viewer.get(LIST).get_data(as_text=True)
        assert_no_active_content(html.replace(OUR_SCRIPT, ""))
        assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    facilitator = as_role(app, world, Role.FACILITATOR)
    for payload in XSS_PAYLOADS[:10]:
        response = facilitator.post(NEW, data=values(world, description=payload, valuation=payload))
        assert response.status_code == 422  # the valuation is no number
        html = response.get_data(as_text=True)
        assert_no_active_content(html.replace(OUR_SCRIPT, ""))
        assert str(escape(payload)) in html
