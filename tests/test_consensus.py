"""The consensus rules page: each rule explained, validated, and a worked example."""

from fractions import Fraction

import pytest

from plan.extensions import db
from plan.members.models import Role
from plan.voting.rules import rules_for
from tests.conftest import login, make_member, make_plan, make_user

DEFAULTS = {
    "voting_method": "majority_judgment",
    "quorum_voters": "5",
    "quorum_colleges": "2",
    "adoption_threshold": "assez_bien",
    "veto_threshold": "passable",
    "veto_min_voters": "2",
    "approval_adoption": "2/3",
    "approval_college_min": "1/2",
    "approval_rejection": "1/2",
    "dots_per_voter": "5",
    "dots_per_item": "3",
}


@pytest.fixture
def coordinator(app, client):  # type: ignore[no-untyped-def]
    plan = make_plan("vallee")
    user = make_user()
    make_member(user, plan, Role.COORDINATOR)
    login(client, user)
    client.plan = plan
    return client


def test_the_page_explains_the_rules_and_shows_the_veto_at_work(coordinator) -> None:
    html = coordinator.get("/plans/vallee/consensus").get_data(as_text=True)
    assert "Seuil d'adoption" in html
    assert "Exemple" in html
    # The third college grades the action « Insuffisant »: it blocks the adoption.
    assert "À retravailler" in html
    assert "« Entreprises »" in html


def test_rules_are_saved_and_change_the_example(coordinator) -> None:
    data = {**DEFAULTS, "veto_min_voters": "4", "approval_adoption": "3/4"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    plan = coordinator.plan
    db.session.refresh(plan)
    rules = rules_for(plan)
    assert rules.veto_min_voters == 4
    assert rules.approval_adoption == Fraction(3, 4)
    # With 4 voters needed for a veto, the 3 voters of the third college no longer block.
    html = coordinator.get("/plans/vallee/consensus").get_data(as_text=True)
    assert "Adoptée : mention majoritaire « Assez bien »" in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"veto_threshold": "bien"}, "veto_threshold"),
        ({"approval_rejection": "1/2", "approval_adoption": "1/2"}, None),
        ({"dots_per_item": "6"}, "dots_per_item"),
        ({"quorum_voters": "0"}, "quorum_voters"),
        ({"quorum_voters": "beaucoup"}, "quorum_voters"),
        ({"adoption_threshold": "parfait"}, "adoption_threshold"),
        ({"approval_adoption": "9/10"}, "approval_adoption"),
    ],
)
def test_bad_rules_are_refused(coordinator, overrides, field) -> None:  # type: ignore[no-untyped-def]
    response = coordinator.post("/plans/vallee/consensus", data={**DEFAULTS, **overrides})
    if field is None:  # equal shares are allowed: rejection starts where adoption does
        assert response.status_code == 302
        return
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    plan = coordinator.plan
    db.session.refresh(plan)
    assert plan.quorum_voters == 5
    assert plan.adoption_threshold == "assez_bien"


def test_only_coordinators_set_the_rules(app, coordinator) -> None:  # type: ignore[no-untyped-def]
    facilitator = make_user()
    make_member(facilitator, coordinator.plan, Role.FACILITATOR)
    other = app.test_client()
    login(other, facilitator)
    assert other.get("/plans/vallee/consensus").status_code == 403
    assert other.post("/plans/vallee/consensus", data=DEFAULTS).status_code == 403
