"""The plan frame through its pages: what a coordinator sets, what readers see, what is refused."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from plan.extensions import db
from plan.frame.models import Challenge, College, Indicator, Objective, Organization, Plan
from plan.journal.models import AuditEvent
from plan.members.models import Role
from tests.conftest import login, make_member, make_plan, make_user


@pytest.fixture
def coordinator_client(app, client):
    plan = make_plan("vallee", challenges=0)
    user = make_user(name="Claire Coordination")
    make_member(user, plan, Role.COORDINATOR)
    login(client, user)
    client.plan = plan
    return client


def plan_values(**overrides):
    values = {
        "slug": "pays-de-test",
        "title": "Pays de test — Territoire French Impact",
        "territory_name": "Pays de test",
        "territory_scale": "epci",
        "first_year": "2025",
        "last_year": "2028",
        "summary": "Un plan pour tester.",
        "visibility": "public",
        "lead_organization_id": "0",
    }
    values.update(overrides)
    return values


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_home_shows_the_challenges_in_french(client) -> None:
    make_plan("alpes", challenges=3)
    html = client.get("/plans/alpes").get_data(as_text=True)
    for n in (1, 2, 3):
        assert f"Défi {n}" in html
    assert "Personnes accompagnées" in html
    assert "250,5" in html  # indicator target in French format
    assert "Associations et ESS" in html


def test_unknown_plan_is_404(client) -> None:
    assert client.get("/plans/nowhere").status_code == 404


def test_members_only_plan_does_not_leak(client) -> None:
    make_plan("secret", public=False, title="Plan très secret")
    response = client.get("/plans/secret")
    assert response.status_code == 404
    assert "Plan très secret" not in client.get("/").get_data(as_text=True)
    login(client, make_user())
    assert client.get("/plans/secret").status_code == 404
    assert client.get("/plans/secret/settings").status_code == 404


def test_an_administrator_creates_a_plan_with_default_colleges(client) -> None:
    login(client, make_user(admin=True))
    response = client.post("/plans/new", data=plan_values())
    assert response.status_code == 302
    plan = db.session.scalar(select(Plan).where(Plan.slug == "pays-de-test"))
    assert next(c.name for c in plan.colleges) == "Associations et ESS"
    assert sum(c.weight for c in plan.colleges) == Decimal(100)
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "plan.create", AuditEvent.plan_id == plan.id)
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_year": "1989"}, "first_year", "entre 1990 et 2100"),
        ({"last_year": "2101"}, "last_year", "entre 1990 et 2100"),
        ({"last_year": "2024"}, "last_year", "postérieure à la première"),
        ({"first_year": "2020", "last_year": "2030"}, "last_year", "11"),
        ({"last_year": "2025"}, "last_year", "postérieure à la première"),
        ({"title": ""}, "title", ""),
        ({"title": "x" * 500}, "title", "200"),
        ({"slug": "Pas Un Slug"}, "slug", "minuscules"),
    ],
)
def test_plan_form_refuses_bad_input_and_keeps_what_was_typed(
    client, overrides, field, message
) -> None:
    login(client, make_user(admin=True))
    response = client.post("/plans/new", data=plan_values(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    assert message in html
    assert "Un plan pour tester." in html  # the summary typed is still there
    assert count(Plan) == 0


def test_slug_already_taken(client) -> None:
    make_plan("pays-de-test")
    login(client, make_user(admin=True))
    response = client.post("/plans/new", data=plan_values())
    assert response.status_code == 422
    assert "déjà utilisé" in response.get_data(as_text=True)
    assert count(Plan) == 1


def test_a_coordinator_edits_the_settings(coordinator_client) -> None:
    plan = coordinator_client.plan
    org_id = plan.organizations[0].id
    data = plan_values(
        title="Nouveau titre", visibility="members", lead_organization_id=str(org_id)
    )
    del data["slug"]
    assert coordinator_client.post("/plans/vallee/settings", data=data).status_code == 302
    db.session.refresh(plan)
    assert plan.title == "Nouveau titre"
    assert plan.lead_organization_id == org_id
    assert not plan.is_public
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.update"))
    assert event.data["title"] == ["Plan vallee", "Nouveau titre"]


def test_weighting_is_set_with_the_consensus_rules_not_in_the_settings(coordinator_client) -> None:
    plan = coordinator_client.plan
    assert 'name="college_weighting"' not in coordinator_client.get(
        "/plans/vallee/settings"
    ).get_data(as_text=True)
    data = plan_values(college_weighting="")
    del data["slug"]
    assert coordinator_client.post("/plans/vallee/settings", data=data).status_code == 302
    db.session.refresh(plan)
    assert plan.college_weighting is True  # the settings form leaves it alone

    plan.college_weighting = False
    db.session.commit()
    html = coordinator_client.get("/plans/vallee/colleges").get_data(as_text=True)
    assert 'href="/plans/vallee/consensus"' in html


def test_a_new_plan_weights_the_colleges(client) -> None:
    login(client, make_user(admin=True))
    assert 'name="college_weighting"' not in client.get("/plans/new").get_data(as_text=True)
    assert client.post("/plans/new", data=plan_values()).status_code == 302
    plan = db.session.scalar(select(Plan).where(Plan.slug == "pays-de-test"))
    assert plan.college_weighting is True


def test_lead_organisation_must_belong_to_the_plan(coordinator_client) -> None:
    other = make_plan("autre")
    data = plan_values(lead_organization_id=str(other.organizations[0].id))
    del data["slug"]
    assert coordinator_client.post("/plans/vallee/settings", data=data).status_code == 422


def challenge_values(**overrides):
    values = {
        "position": "1",
        "title": "Bien vieillir",
        "dimension": "social",
        "description": "Rompre l'isolement.",
    }
    values.update(overrides)
    return values


def test_challenges_objectives_indicators(coordinator_client) -> None:
    client = coordinator_client
    assert client.post("/plans/vallee/challenges/new", data=challenge_values()).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    response = client.post(
        f"/plans/vallee/challenges/{challenge.id}/objectives/new",
        data={"title": "Réduire l'isolement de 20 %", "description": ""},
    )
    assert response.status_code == 302
    objective = db.session.scalar(select(Objective))
    values = {
        "name": "Personnes isolées repérées",
        "unit": "personnes",
        "kind": "output",
        "baseline_value": "beaucoup",
        "baseline_year": "2024",
        "target_value": "4 000,5",
        "target_year": "2027",
        "source": "CCAS",
    }
    url = f"/plans/vallee/objectives/{objective.id}/indicators/new"
    response = client.post(url, data=values)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="baseline_value-error"' in html
    assert 'value="4 000,5"' in html  # what was typed comes back as typed
    assert db.session.scalar(select(func.count(Indicator.id))) == 0
    response = client.post(url, data={**values, "baseline_value": "120"})
    assert response.status_code == 302
    indicator = db.session.scalar(select(Indicator))
    assert indicator.target_value == Decimal("4000.5")
    html = client.get("/plans/vallee").get_data(as_text=True)
    assert "Défi 1" in html
    assert "4\u202f000,5" in html
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"challenge.create", "objective.create", "indicator.create"} <= actions


def test_indicator_target_year_before_baseline(coordinator_client) -> None:
    make = coordinator_client.post("/plans/vallee/challenges/new", data=challenge_values())
    assert make.status_code == 302
    challenge = db.session.scalar(select(Challenge))
    coordinator_client.post(
        f"/plans/vallee/challenges/{challenge.id}/objectives/new", data={"title": "O"}
    )
    objective = db.session.scalar(select(Objective))
    response = coordinator_client.post(
        f"/plans/vallee/objectives/{objective.id}/indicators/new",
        data={
            "name": "N",
            "unit": "u",
            "kind": "impact",
            "baseline_year": "2026",
            "target_year": "2025",
        },
    )
    assert response.status_code == 422
    assert 'id="target_year-error"' in response.get_data(as_text=True)


def test_two_challenges_cannot_share_a_position(coordinator_client) -> None:
    coordinator_client.post("/plans/vallee/challenges/new", data=challenge_values())
    response = coordinator_client.post(
        "/plans/vallee/challenges/new", data=challenge_values(title="Autre défi")
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Le défi 1 existe déjà" in html
    assert 'value="Autre défi"' in html
    assert count(Challenge) == 1


def test_a_fourth_challenge_is_refused(coordinator_client) -> None:
    for position in (1, 2, 3):
        response = coordinator_client.post(
            "/plans/vallee/challenges/new",
            data=challenge_values(position=str(position), title=f"Défi {position}"),
        )
        assert response.status_code == 302
    response = coordinator_client.post(
        "/plans/vallee/challenges/new", data=challenge_values(position="2", title="Quatrième")
    )
    assert response.status_code == 422
    assert "au plus trois défis" in response.get_data(as_text=True)
    assert count(Challenge) == 3


def test_challenge_title_limits(coordinator_client) -> None:
    for title in ("", "t" * 500):
        response = coordinator_client.post(
            "/plans/vallee/challenges/new", data=challenge_values(title=title)
        )
        assert response.status_code == 422
        assert 'id="title-error"' in response.get_data(as_text=True)
    assert count(Challenge) == 0


def test_editing_and_deleting_a_challenge(coordinator_client) -> None:
    coordinator_client.post("/plans/vallee/challenges/new", data=challenge_values())
    challenge = db.session.scalar(select(Challenge))
    response = coordinator_client.post(
        f"/plans/vallee/challenges/{challenge.id}/edit", data=challenge_values(position="3")
    )
    assert response.status_code == 302
    db.session.refresh(challenge)
    assert challenge.position == 3
    assert (
        coordinator_client.post(f"/plans/vallee/challenges/{challenge.id}/delete").status_code
        == 302
    )
    assert count(Challenge) == 0


def test_objects_of_another_plan_are_404(coordinator_client) -> None:
    other = make_plan("autre", challenges=1)
    challenge = other.challenges[0]
    objective = challenge.objectives[0]
    indicator = objective.indicators[0]
    for url in (
        f"/plans/vallee/challenges/{challenge.id}/edit",
        f"/plans/vallee/challenges/{challenge.id}/objectives/new",
        f"/plans/vallee/objectives/{objective.id}/edit",
        f"/plans/vallee/objectives/{objective.id}/indicators/new",
        f"/plans/vallee/indicators/{indicator.id}/edit",
        f"/plans/vallee/zones/{other.zones[0].id}/edit",
        f"/plans/vallee/organizations/{other.organizations[0].id}/edit",
    ):
        assert coordinator_client.get(url).status_code == 404, url
    assert (
        coordinator_client.post(f"/plans/vallee/challenges/{challenge.id}/delete").status_code
        == 404
    )
    assert count(Challenge) == 1


def college_rows(*rows):
    data = {}
    for index, (college_id, name, weight, remove) in enumerate(rows):
        data[f"colleges-{index}-college_id"] = str(college_id or "")
        data[f"colleges-{index}-name"] = name
        data[f"colleges-{index}-weight"] = weight
        if remove:
            data[f"colleges-{index}-remove"] = "y"
    return data


def test_college_weights_must_add_up_to_100(coordinator_client) -> None:
    plan = coordinator_client.plan
    ids = [c.id for c in plan.colleges]
    rows = [(cid, f"Collège {i}", "20", False) for i, cid in enumerate(ids)]
    rows[0] = (ids[0], "Collège 0", "25", False)
    response = coordinator_client.post("/plans/vallee/colleges", data=college_rows(*rows))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "105" in html
    assert "100" in html
    assert 'value="Collège 0"' in html  # kept
    assert (
        db.session.scalar(select(College.name).where(College.id == ids[0])) == "Associations et ESS"
    )


def test_colleges_are_renamed_reweighted_added_and_removed(coordinator_client) -> None:
    plan = coordinator_client.plan
    ids = [c.id for c in plan.colleges]
    rows = [
        (ids[0], "Associations", "30", False),
        (ids[1], "Collectivités", "30", False),
        (ids[2], "Entreprises", "20", False),
        (ids[3], "Financeurs", "0", True),
        (ids[4], "Habitant·es", "10", False),
        (None, "Recherche", "10", False),
    ]
    response = coordinator_client.post("/plans/vallee/colleges", data=college_rows(*rows))
    assert response.status_code == 302, response.get_data(as_text=True)
    names = db.session.scalars(
        select(College.name).where(College.plan_id == plan.id).order_by(College.position)
    ).all()
    assert names == ["Associations", "Collectivités", "Entreprises", "Habitant·es", "Recherche"]


def test_a_college_with_members_cannot_be_removed(coordinator_client) -> None:
    plan = coordinator_client.plan
    ids = [c.id for c in plan.colleges]
    rows = [(cid, f"C{i}", "20", i == 0) for i, cid in enumerate(ids)]
    rows.append((None, "Nouveau", "20", False))
    response = coordinator_client.post("/plans/vallee/colleges", data=college_rows(*rows))
    assert response.status_code == 422
    assert "encore des membres" in response.get_data(as_text=True)
    assert count(College) == 5


def test_without_weighting_the_total_is_free(coordinator_client) -> None:
    plan = coordinator_client.plan
    plan.college_weighting = False
    db.session.commit()
    rows = [(c.id, c.name, "50", False) for c in plan.colleges]
    assert (
        coordinator_client.post("/plans/vallee/colleges", data=college_rows(*rows)).status_code
        == 302
    )


def test_zones(coordinator_client) -> None:
    data = {"name": "Haut-Champsaur", "kind": "internal", "rationale": "Écosystème peu mature"}
    assert coordinator_client.post("/plans/vallee/zones/new", data=data).status_code == 302
    duplicate = coordinator_client.post("/plans/vallee/zones/new", data=data)
    assert duplicate.status_code == 422
    assert "Haut-Champsaur" in coordinator_client.get("/plans/vallee").get_data(as_text=True)


def org_values(**overrides):
    values = {
        "name": "Scierie du Buëch",
        "kind": "company",
        "size_class": "pme",
        "siret": "732 829 320 00074",
        "website": "https://scierie.example.org",
    }
    values.update(overrides)
    return values


def test_organisations_with_siret(coordinator_client) -> None:
    assert (
        coordinator_client.post("/plans/vallee/organizations/new", data=org_values()).status_code
        == 302
    )
    org = db.session.scalar(select(Organization).where(Organization.name == "Scierie du Buëch"))
    assert org.siret == "73282932000074"
    html = coordinator_client.get("/plans/vallee/organizations").get_data(as_text=True)
    assert "Scierie du Buëch" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"siret": "73282932000075"}, "siret", "clé de contrôle"),
        ({"siret": "1234"}, "siret", "14 chiffres"),
        ({"size_class": ""}, "size_class", ""),
        ({"kind": "association"}, "size_class", ""),
        ({"website": "javascript:alert(1)"}, "website", ""),
        ({"name": ""}, "name", ""),
    ],
)
def test_organisation_bad_input(coordinator_client, overrides, field, message) -> None:
    response = coordinator_client.post(
        "/plans/vallee/organizations/new", data=org_values(**overrides)
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    assert message in html
    assert count(Organization) == 1  # only the one make_plan created


def test_duplicate_organisation_name(coordinator_client) -> None:
    # make_plan created « Association témoin »: the same name in other case is refused.
    for name in ("association TÉMOIN", "Association témoin"):
        response = coordinator_client.post(
            "/plans/vallee/organizations/new",
            data=org_values(name=name, kind="association", size_class="", siret=""),
        )
        assert response.status_code == 422
        assert 'id="name-error"' in response.get_data(as_text=True)
    assert count(Organization) == 1


def test_journal_is_for_coordinators(coordinator_client, app) -> None:
    coordinator_client.post("/plans/vallee/zones/new", data={"name": "Dévoluy", "kind": "internal"})
    html = coordinator_client.get("/plans/vallee/journal").get_data(as_text=True)
    assert "zone.create" in html
    assert "Dévoluy" in html
    contributor = make_user()
    make_member(contributor, coordinator_client.plan, Role.CONTRIBUTOR)
    other = app.test_client()
    login(other, contributor)
    assert other.get("/plans/vallee/journal").status_code == 403


def test_anonymous_visitor_is_sent_to_log_in_for_editing(client) -> None:
    make_plan("ouvert")
    response = client.get("/plans/ouvert/settings")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_home_sums_the_budget_per_year_and_counts_members_per_college(client) -> None:
    """Drafts and withdrawn actions do not count; the sums come from the database."""
    from plan.actions.models import ActionStatus
    from plan.actions.services import set_status
    from tests.conftest import make_action

    plan = make_plan("budgets", challenges=3)
    author = make_user("porteuse@example.org")
    make_member(author, plan, Role.CONTRIBUTOR, plan.colleges[0])
    make_member(make_user("voisin@example.org"), plan, Role.CONTRIBUTOR, plan.colleges[0])
    make_member(make_user("elue@example.org"), plan, Role.OBSERVER, plan.colleges[2])

    def line(year: int, euros: int, kind: str = "operating") -> dict:
        return {"year": year, "kind": kind, "amount_cents": euros * 100, "label": ""}

    make_action(plan, author, "Navette", budget_lines=[line(2024, 40_000), line(2025, 1_500)])
    make_action(plan, author, "Tiers-lieu", budget_lines=[line(2024, 2_000, "investment")])
    make_action(plan, author, "Brouillon", submit=False, budget_lines=[line(2024, 900_000)])
    withdrawn = make_action(plan, author, "Retirée", budget_lines=[line(2025, 700_000)])
    set_status(withdrawn, ActionStatus.WITHDRAWN)
    db.session.commit()

    page = client.get("/plans/budgets").get_data(as_text=True)
    assert "<dt>2024</dt>" in page
    assert '<dt>2024</dt><dd><meter min="0" max="4200000" value="4200000"' in page
    assert "42\u202f000\u00a0€" in page
    assert "1\u202f500\u00a0€" in page
    assert "<dt>Total</dt><dd>43\u202f500\u00a0€" in page
    assert "900\u202f000" not in page
    assert "700\u202f000" not in page
    first, third = plan.colleges[0], plan.colleges[2]
    assert f'#college-{first.id}"><strong>{first.name}</strong></a> · 2 membres' in page
    assert f'#college-{third.id}"><strong>{third.name}</strong></a> · 1 membre' in page
    assert "3 membres" in page
