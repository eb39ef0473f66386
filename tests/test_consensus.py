"""The consensus rules page: each rule explained, validated, and a worked example."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from plan.extensions import db
from plan.members.models import Role
from plan.voting.rules import rules_for, worked_examples
from tests.conftest import login, make_member, make_plan, make_user

NBSP = "\N{NO-BREAK SPACE}"

DEFAULTS = {
    "voting_method": "majority_judgment",
    "quorum_voters": "5",
    "quorum_colleges": "2",
    "college_weighting": "y",
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


def page(client) -> str:  # type: ignore[no-untyped-def]
    return client.get("/plans/vallee/consensus").get_data(as_text=True)


def dot_footer(html: str) -> list[list[str]]:
    """The rows of the dot-voting example's footer: the dots, the weighted score (with
    weighting only), the rank; one cell per action."""
    footer = html.split("<tfoot>")[1].split("</tfoot>")[0]
    return [re.findall(r"<td>([^<]*)</td>", row) for row in footer.split("</tr>")[:-1]]


def weighting_checked(html: str) -> bool:
    tag = re.search(r'<input[^>]*id="college_weighting"[^>]*>', html)
    assert tag, "no weighting checkbox"
    return "checked" in tag.group(0)


def test_weighting_is_set_on_this_page_and_changes_the_example(coordinator) -> None:
    html = page(coordinator)
    assert weighting_checked(html)
    assert 'aria-describedby="college_weighting-hint"' in html
    assert f"« Assez bien{NBSP}+ »" in html  # weighted: each college counts for a third

    data = {key: value for key, value in DEFAULTS.items() if key != "college_weighting"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    plan = coordinator.plan
    db.session.refresh(plan)
    assert plan.college_weighting is False
    assert plan.quorum_voters == 5  # saved with the other rules, in the same form
    html = page(coordinator)
    assert not weighting_checked(html)
    # One person, one vote: the six voters of the first college pull the grade up.
    assert "À retravailler : mention majoritaire « Bien », mais le collège « Entreprises »" in html
    assert f"« Bien{NBSP}\N{MINUS SIGN} »" in html
    assert f"66,7{NBSP}% de « pour » parmi les suffrages exprimés" in html
    assert len(dot_footer(html)) == 2  # no weighted dot score without weighting

    assert coordinator.post("/plans/vallee/consensus", data=DEFAULTS).status_code == 302
    db.session.refresh(plan)
    assert plan.college_weighting is True
    assert "mention majoritaire « Assez bien », mais le collège" in page(coordinator)


def test_a_refused_form_keeps_the_weighting_typed(coordinator) -> None:
    data = {key: value for key, value in DEFAULTS.items() if key != "college_weighting"}
    response = coordinator.post("/plans/vallee/consensus", data={**data, "dots_per_item": "9"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="dots_per_item-error"' in html
    assert not weighting_checked(html)
    plan = coordinator.plan
    db.session.refresh(plan)
    assert plan.college_weighting is True


def test_the_example_uses_the_weights_of_the_plan(coordinator) -> None:
    plan = coordinator.plan
    for college, weight in zip(plan.colleges, (50, 25, 25, 0, 0), strict=True):
        college.weight = Decimal(weight)
    db.session.commit()
    html = page(coordinator)
    # The first college now counts for half: its six voters lift the grade to « Bien ».
    assert "mention majoritaire « Bien », mais le collège « Entreprises »" in html
    assert f"<td>50{NBSP}%</td>" in html


def test_the_example_shows_with_two_colleges(coordinator) -> None:
    plan = coordinator.plan
    del plan.colleges[2:]
    db.session.commit()
    html = page(coordinator)
    example = html.split("Exemple avec les règles enregistrées")[1]
    assert "Associations et ESS" not in example
    # Three illustrative colleges of equal weight: the same outcomes as with the plan's.
    assert "À retravailler : mention majoritaire « Assez bien », mais le collège" in example
    assert f"À retravailler : 62,8{NBSP}% de « pour », mais le collège" in example
    assert "Classement par gommettes : 5 votant·es dans 3 collèges" in example


def test_a_plan_without_colleges_has_its_examples_too(app) -> None:
    plan = make_plan("vide")
    del plan.colleges[:]
    db.session.commit()
    with app.test_request_context():
        examples = worked_examples(plan, rules_for(plan))
    assert examples.illustrative
    assert len(examples.colleges) == 3
    assert examples.majority_judgment["outcome"] == "to_rework"
    assert examples.approval["outcome"] == "to_rework"
    assert examples.dot_voting["outcome"] == "ranked"


def test_the_approval_example_follows_the_thresholds(coordinator) -> None:
    html = page(coordinator)
    assert (
        f"À retravailler : 62,8{NBSP}% de « pour », mais le collège « Entreprises » est sous 50"
        in html
    )
    data = {**DEFAULTS, "approval_adoption": "3/5", "approval_college_min": "1/3"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    html = page(coordinator)
    assert f"Adoptée : 62,8{NBSP}% de « pour » parmi les suffrages exprimés (seuil 60" in html
    data = {**DEFAULTS, "approval_adoption": "3/4", "approval_college_min": "1/3"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    html = page(coordinator)
    assert f"À retravailler : 62,8{NBSP}% de « pour » parmi les suffrages exprimés, sous" in html


def test_the_dots_example_follows_the_dots(coordinator) -> None:
    html = page(coordinator)
    assert "5 gommettes chacun·e, au plus 3 sur une action" in html
    assert dot_footer(html)[0] == ["10", "7", "8"]
    assert dot_footer(html)[-1] == ["N° 1", "N° 2", "N° 3"]  # weighted: B before C

    data = {**DEFAULTS, "dots_per_voter": "4", "dots_per_item": "2"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    html = page(coordinator)
    assert "4 gommettes chacun·e, au plus 2 sur une action" in html
    assert dot_footer(html)[0] == ["8", "6", "6"]

    data = {key: value for key, value in DEFAULTS.items() if key != "college_weighting"}
    assert coordinator.post("/plans/vallee/consensus", data=data).status_code == 302
    html = page(coordinator)
    # One person, one vote: C's eight dots now beat B's seven.
    assert dot_footer(html)[-1] == ["N° 1", "N° 3", "N° 2"]
