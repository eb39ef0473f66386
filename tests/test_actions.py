"""Fiches actions through their pages: propose, edit, history, amendments, comments, merge."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from sqlalchemy import func, select

from plan.actions.models import (
    Action,
    ActionRevision,
    ActionStatus,
    Amendment,
    Comment,
    CommentEdit,
    Notification,
)
from plan.extensions import db
from plan.members.models import Role
from tests.conftest import login, make_action, make_member, make_plan, make_user


@pytest.fixture
def world(app):  # type: ignore[no-untyped-def]
    plan = make_plan("vallee", challenges=3)
    people = {}
    for role in ("contributor", "facilitator", "coordinator"):
        people[role] = make_user(f"{role}@example.org", name=role.title())
        make_member(people[role], plan, Role(role))
    people["other"] = make_user("other@example.org", name="Other")
    make_member(people["other"], plan, Role.CONTRIBUTOR)
    return plan, people


def client_for(app, user):  # type: ignore[no-untyped-def]
    client = app.test_client()
    login(client, user)
    return client


def fiche_data(plan, **overrides: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    challenge = plan.challenges[1]
    data = {
        "challenge_id": str(challenge.id),
        "title": "Navette solidaire Embrun–Savines",
        "objective_ids": [str(challenge.objectives[0].id)],
        "context": "Pas de bus le dimanche.",
        "objectives_text": "Relier les villages.",
        "description": "Une navette **hebdomadaire** entre Embrun et Savines.",
        "expected_results": "4 000 trajets par an.",
        "lead_organization_id": str(plan.organizations[0].id),
        "lead_contact": "Léa Martin, coordinatrice",
        "target_audiences": "Personnes sans véhicule",
        "zone_ids": [str(plan.zones[0].id)],
        "first_year": "2024",
        "last_year": "2026",
        "priority": "high",
        "partners-0-organization_id": str(plan.organizations[0].id),
        "partners-0-role": "financial",
        "budget_lines-0-year": "2024",
        "budget_lines-0-kind": "operating",
        "budget_lines-0-amount": "40 000",
        "budget_lines-1-year": "2025",
        "budget_lines-1-kind": "investment",
        "budget_lines-1-amount": "12 500,50",
        "funding_lines-0-funder": "Région",
        "funding_lines-0-nature": "subsidy",
        "funding_lines-0-amount": "30000",
        "funding_lines-0-status": "secured",
        "indicators-0-name": "Trajets",
        "indicators-0-unit": "trajets/an",
        "indicators-0-kind": "output",
        "indicators-0-baseline": "0",
        "indicators-0-target": "4 000",
        "intent": "submit",
        "form_token": "",
    }
    data.update(overrides)
    return data


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_a_contributor_proposes_a_full_fiche(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    response = client.post("/plans/vallee/actions/new", data=fiche_data(plan))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert response.headers["Location"].endswith("/plans/vallee/actions/2.1")
    action = db.session.scalar(select(Action))
    assert action.status == ActionStatus.SUBMITTED
    content = action.current_revision.content
    assert content["budget_lines"] == [
        {"year": 2024, "kind": "operating", "amount_cents": 4_000_000},
        {"year": 2025, "kind": "investment", "amount_cents": 1_250_050},
    ]
    assert content["indicators"][0]["target"] == "4000"
    assert [z.name for z in action.current_revision.zones] == [plan.zones[0].name]
    page = client.get("/plans/vallee/actions/2.1").get_data(as_text=True)
    assert "Navette solidaire Embrun–Savines" in page
    assert "<strong>hebdomadaire</strong>" in page
    assert "52\u202f500,50\u00a0€" in page  # total budget in French format
    assert "en dessous du budget" in page  # 30 000 € secured < 52 500,50 € budget


def test_references_are_never_reused(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    client.post("/plans/vallee/actions/new", data=fiche_data(plan))
    assert client.post("/plans/vallee/actions/2.1/withdraw").status_code == 302
    client.post("/plans/vallee/actions/new", data=fiche_data(plan, title="Autre"))
    references = db.session.scalars(select(Action.reference).order_by(Action.id)).all()
    assert references == ["2.1", "2.2"]
    assert "Retirée" in client.get("/plans/vallee/actions/2.1").get_data(as_text=True)
    # Withdrawing twice is an illegal transition, refused with the reason.
    again = client.post("/plans/vallee/actions/2.1/withdraw")
    assert again.status_code == 409
    assert "« Retirée »" in again.get_data(as_text=True)


def test_drafts_are_private_until_submitted(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    author = client_for(app, people["contributor"])
    response = author.post(
        "/plans/vallee/actions/new",
        data=fiche_data(plan, intent="draft", description="", first_year="", last_year=""),
    )
    assert response.status_code == 302
    other = client_for(app, people["other"])
    assert other.get("/plans/vallee/actions/2.1").status_code == 404
    assert "Navette" not in other.get("/plans/vallee/actions").get_data(as_text=True)
    assert "Navette" in author.get("/plans/vallee/actions").get_data(as_text=True)
    assert other.get("/plans/vallee/actions/2.1/edit").status_code == 404
    # Submitting an incomplete draft sends the author back to complete it.
    response = author.post("/plans/vallee/actions/2.1/submit")
    assert response.headers["Location"].endswith("/plans/vallee/actions/2.1/edit")
    assert db.session.scalar(select(Action.status)) == ActionStatus.DRAFT


def test_submission_needs_the_essentials(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    response = client.post(
        "/plans/vallee/actions/new", data=fiche_data(plan, description="", lead_organization_id="0")
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="description-error"' in html
    assert 'id="lead_organization_id-error"' in html
    assert 'value="Navette solidaire Embrun–Savines"' in html
    assert count(Action) == 0


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"first_year": "2019"}, "first_year-error"),
        ({"last_year": "2031"}, "last_year-error"),
        ({"first_year": "2026", "last_year": "2025"}, "last_year-error"),
        ({"budget_lines-0-amount": "-5"}, "budget_lines-0-amount-error"),
        ({"budget_lines-0-amount": "deux mille"}, "budget_lines-0-amount-error"),
        ({"budget_lines-0-amount": "1000000001"}, "budget_lines-0-amount-error"),
        ({"funding_lines-0-funder": ""}, "funding_lines-0-funder-error"),
        ({"title": ""}, "title-error"),
        ({"title": "t" * 300}, "title-error"),
        ({"description": "x" * 50_001}, "description-error"),
    ],
)
def test_bad_fiche_input_is_refused_and_kept(app, world, overrides, error_id) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    response = client.post("/plans/vallee/actions/new", data=fiche_data(plan, **overrides))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{error_id}"' in html
    assert "Pas de bus le dimanche." in html
    assert count(Action) == 0
    assert count(ActionRevision) == 0


def test_objects_of_another_plan_are_refused(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    other = make_plan("autre", challenges=3)
    client = client_for(app, people["contributor"])
    for overrides in (
        {"challenge_id": str(other.challenges[0].id)},
        {"zone_ids": [str(other.zones[0].id)]},
        {"lead_organization_id": str(other.organizations[0].id)},
        {"partners-0-organization_id": str(other.organizations[0].id)},
        {"objective_ids": [str(other.challenges[1].objectives[0].id)]},
    ):
        response = client.post("/plans/vallee/actions/new", data=fiche_data(plan, **overrides))
        assert response.status_code == 422, overrides
    assert count(Action) == 0


def test_a_double_submission_makes_one_action(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    data = fiche_data(plan, form_token="jeton-unique-123")
    first = client.post("/plans/vallee/actions/new", data=data)
    second = client.post("/plans/vallee/actions/new", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert count(Action) == 1


def test_edits_make_revisions_with_a_word_diff(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    client = client_for(app, people["contributor"])
    client.post("/plans/vallee/actions/new", data=fiche_data(plan))
    data = fiche_data(
        plan,
        description="Une navette **quotidienne** entre Embrun et Savines.",
        change_note="Fréquence revue",
        intent="save",
    )
    response = client.post("/plans/vallee/actions/2.1/edit", data=data)
    assert response.status_code == 302
    assert count(ActionRevision) == 2
    history = client.get("/plans/vallee/actions/2.1/history").get_data(as_text=True)
    assert "Fréquence revue" in history
    assert re.search(r"<del>.*hebdomadaire.*</del>", history)
    assert re.search(r"<ins>.*quotidienne.*</ins>", history)
    # Saving without any change makes no revision.
    again = client.post("/plans/vallee/actions/2.1/edit", data=data)
    assert again.status_code == 422
    assert "Rien n'a changé dans la fiche." in unescape(again.get_data(as_text=True))
    assert count(ActionRevision) == 2


def test_revisions_cannot_be_updated(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    action = make_action(plan, people["contributor"])
    revision = action.current_revision
    revision.title = "Changed behind the app's back"
    with pytest.raises(RuntimeError, match="immutable"):
        db.session.flush()
    db.session.rollback()


def test_only_the_author_or_facilitation_edits(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(plan, people["contributor"])
    assert client_for(app, people["other"]).get("/plans/vallee/actions/1.1/edit").status_code == 403
    assert (
        client_for(app, people["facilitator"]).get("/plans/vallee/actions/1.1/edit").status_code
        == 200
    )
    draft = make_action(plan, people["contributor"], "Brouillon", submit=False)
    other = client_for(app, people["facilitator"])
    assert other.get(f"/plans/vallee/actions/{draft.reference}/edit").status_code == 200
    assert (
        client_for(app, people["other"])
        .post(f"/plans/vallee/actions/{draft.reference}/edit", data=fiche_data(plan))
        .status_code
        == 404
    )


def test_actions_in_a_ballot_cannot_change(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    action = make_action(plan, people["contributor"])
    action.status = ActionStatus.IN_BALLOT
    db.session.commit()
    client = client_for(app, people["facilitator"])
    edit = client.get("/plans/vallee/actions/1.1/edit")
    assert edit.status_code == 409
    assert "« Au vote »" in edit.get_data(as_text=True)
    assert client.get("/plans/vallee/actions/1.1/amendments/new").status_code == 409
    page = client.get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert "Modifier la fiche" not in page


def amendment_flow(app, plan, people):  # type: ignore[no-untyped-def]
    make_action(plan, people["contributor"], challenge=2)
    amender = client_for(app, people["other"])
    data = fiche_data(
        plan,
        description="Une navette **quotidienne** entre Embrun et Savines.",
        rationale="Une fois par semaine ne suffit pas pour aller travailler.",
        intent="amend",
    )
    response = amender.post("/plans/vallee/actions/2.1/amendments/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return amender, db.session.scalar(select(Amendment))


def test_an_accepted_amendment_becomes_a_revision(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    amender, amendment = amendment_flow(app, plan, people)
    author = client_for(app, people["contributor"])
    page = author.get(f"/plans/vallee/actions/2.1/amendments/{amendment.id}").get_data(as_text=True)
    assert "ne suffit pas" in page
    assert "<ins>" in page
    response = author.post(
        f"/plans/vallee/actions/2.1/amendments/{amendment.id}/decide",
        data={"decision": "accept", "reason": "Bonne idée"},
    )
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action.current_revision.number == 2
    assert action.current_revision.author_id == people["other"].id  # the amender is credited
    assert action.current_revision.amendment_id == amendment.id
    kinds = set(
        db.session.scalars(
            select(Notification.kind).where(Notification.user_id == people["other"].id)
        )
    )
    assert "amendment_accepted" in kinds
    notes = amender.get("/plans/vallee/notifications").get_data(as_text=True)
    assert "a accepté votre amendement à 2.1." in notes


def test_a_stale_amendment_is_refused_until_updated(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    amender, amendment = amendment_flow(app, plan, people)
    author = client_for(app, people["contributor"])
    author.post(
        "/plans/vallee/actions/2.1/edit",
        data=fiche_data(plan, title="Navette solidaire", intent="save", change_note="Titre"),
    )
    response = author.post(
        f"/plans/vallee/actions/2.1/amendments/{amendment.id}/decide",
        data={"decision": "accept", "reason": ""},
    )
    assert response.status_code == 409
    assert "doit d'abord le mettre à jour" in unescape(response.get_data(as_text=True))
    page = author.get(f"/plans/vallee/actions/2.1/amendments/{amendment.id}").get_data(as_text=True)
    assert "Navette solidaire" in page
    update = fiche_data(
        plan,
        title="Navette solidaire",
        description="Une navette **quotidienne** entre Embrun et Savines.",
        rationale="Mise à jour sur la révision 2.",
        intent="amend",
    )
    assert (
        amender.post(
            f"/plans/vallee/actions/2.1/amendments/{amendment.id}/edit", data=update
        ).status_code
        == 302
    )
    response = author.post(
        f"/plans/vallee/actions/2.1/amendments/{amendment.id}/decide",
        data={"decision": "accept", "reason": ""},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Action)).current_revision.number == 3


def test_a_rejected_amendment_changes_nothing(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    _amender, amendment = amendment_flow(app, plan, people)
    facilitator = client_for(app, people["facilitator"])
    response = facilitator.post(
        f"/plans/vallee/actions/2.1/amendments/{amendment.id}/decide",
        data={"decision": "reject", "reason": "Budget insuffisant"},
    )
    assert response.status_code == 302
    assert count(ActionRevision) == 1
    again = facilitator.post(
        f"/plans/vallee/actions/2.1/amendments/{amendment.id}/decide",
        data={"decision": "accept", "reason": ""},
    )
    assert again.status_code == 409


def test_no_amendment_on_withdrawn_or_merged_actions(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    first = make_action(plan, people["contributor"])
    second = make_action(plan, people["contributor"], "Doublon")
    client = client_for(app, people["facilitator"])
    assert (
        client.post(
            f"/plans/vallee/actions/{second.reference}/merge", data={"target": first.reference}
        ).status_code
        == 302
    )
    client.post(f"/plans/vallee/actions/{first.reference}/withdraw")
    other = client_for(app, people["other"])
    for reference in (first.reference, second.reference):
        refused = other.get(f"/plans/vallee/actions/{reference}/amendments/new")
        assert refused.status_code == 409
        assert "amendement" in refused.get_data(as_text=True)
    page = other.get(f"/plans/vallee/actions/{second.reference}").get_data(as_text=True)
    assert "Cette action a été fusionnée dans" in page
    assert f'href="/plans/vallee/actions/{first.reference}"' in page


def test_comments_with_stances_replies_edits_and_moderation(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(plan, people["contributor"])
    other = client_for(app, people["other"])
    response = other.post(
        "/plans/vallee/actions/1.1/comments",
        data={"stance": "for", "body": "Très **utile** pour les aînés.", "form_token": "t1"},
    )
    assert response.status_code == 302
    # The same form sent twice makes one comment.
    other.post(
        "/plans/vallee/actions/1.1/comments",
        data={"stance": "for", "body": "Très **utile** pour les aînés.", "form_token": "t1"},
    )
    assert count(Comment) == 1
    first = db.session.scalar(select(Comment))
    author = client_for(app, people["contributor"])
    author.post(
        "/plans/vallee/actions/1.1/comments",
        data={"stance": "neutral", "body": "Merci !", "parent_id": str(first.id)},
    )
    reply = db.session.scalar(select(Comment).where(Comment.parent_id.is_not(None)))
    other.post(
        "/plans/vallee/actions/1.1/comments",
        data={"stance": "question", "body": "Et le dimanche ?", "parent_id": str(reply.id)},
    )
    # A reply to a reply joins the first comment's thread: one level only.
    assert set(
        db.session.scalars(select(Comment.parent_id).where(Comment.parent_id.is_not(None)))
    ) == {first.id}
    page = other.get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert "<strong>utile</strong>" in page
    assert re.search(r"pour 1 · contre 0 · questions 1 · neutre 1", page)
    # Editing keeps the previous text.
    other.post(f"/plans/vallee/actions/1.1/comments/{first.id}/edit", data={"body": "Utile."})
    assert db.session.scalar(select(CommentEdit.body)) == "Très **utile** pour les aînés."
    assert "modifié" in other.get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert (
        author.post(
            f"/plans/vallee/actions/1.1/comments/{first.id}/edit", data={"body": "x"}
        ).status_code
        == 403
    )
    # Hiding: facilitators only, with a reason; the text is kept in the database.
    assert (
        author.post(
            f"/plans/vallee/actions/1.1/comments/{first.id}/hide", data={"reason": "x"}
        ).status_code
        == 403
    )
    facilitator = client_for(app, people["facilitator"])
    refused = facilitator.post(
        f"/plans/vallee/actions/1.1/comments/{first.id}/hide", data={"reason": ""}
    )
    assert refused.status_code == 422
    facilitator.post(
        f"/plans/vallee/actions/1.1/comments/{first.id}/hide", data={"reason": "Hors sujet"}
    )
    page = other.get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert "Hors sujet" in page
    assert "Utile." not in page
    assert db.session.get(Comment, first.id).body == "Utile."
    kinds = set(
        db.session.scalars(
            select(Notification.kind).where(Notification.user_id == people["contributor"].id)
        )
    )
    assert "comment" in kinds


def test_comment_bad_input(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(plan, people["contributor"])
    other = client_for(app, people["other"])
    response = other.post("/plans/vallee/actions/1.1/comments", data={"stance": "pour", "body": ""})
    assert response.status_code == 422
    assert count(Comment) == 0
    huge = other.post(
        "/plans/vallee/actions/1.1/comments", data={"stance": "for", "body": "x" * 50_001}
    )
    assert huge.status_code == 422
    assert 'id="body-error"' in huge.get_data(as_text=True)
    assert count(Comment) == 0


def test_observers_read_but_do_not_comment(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(plan, people["contributor"])
    observer = make_user()
    make_member(observer, plan, Role.OBSERVER)
    client = client_for(app, observer)
    assert client.get("/plans/vallee/actions/1.1").status_code == 200
    response = client.post(
        "/plans/vallee/actions/1.1/comments", data={"stance": "for", "body": "x"}
    )
    assert response.status_code == 403
    assert client.get("/plans/vallee/actions/new").status_code == 403


def test_list_filters_search_and_sort(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(
        plan,
        people["contributor"],
        "Élevage et circuits courts",
        challenge=1,
        zone_ids=[plan.zones[0].id],
    )
    make_action(
        plan, people["other"], "Navette solidaire", challenge=2, first_year=2027, last_year=2027
    )
    busy = make_action(plan, people["other"], "Café des aidants", challenge=3)
    client = app.test_client()
    for _ in range(2):
        from plan.actions.models import Stance
        from plan.actions.services import add_comment

        add_comment(busy, people["contributor"], Stance.FOR, "Oui")
    db.session.commit()

    def titles(query: str) -> list[str]:
        html = client.get(f"/plans/vallee/actions{query}").get_data(as_text=True)
        return re.findall(r'<a href="/plans/vallee/actions/[\d.]+">([^<]+)</a>', html)

    assert titles("") == ["Élevage et circuits courts", "Navette solidaire", "Café des aidants"]
    assert titles("?challenge=2") == ["Navette solidaire"]
    assert titles("?q=elevage") == ["Élevage et circuits courts"]
    assert titles("?q=NAVETTE%20solid") == ["Navette solidaire"]
    assert titles(f"?zone={plan.zones[0].id}") == ["Élevage et circuits courts"]
    assert titles("?year=2024") == ["Élevage et circuits courts", "Café des aidants"]
    assert titles("?sort=comments")[0] == "Café des aidants"
    assert titles("?status=draft") == []
    assert titles("?q=%25%27%22%3B--%20_*") == []  # metacharacters: no error, no match
    assert titles("?challenge=x&year=abc&sort=nope") == titles("")
    fragment = client.get("/plans/vallee/actions?challenge=3", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="action-list"')
    assert "Café des aidants" in html
    assert "HX-Request" in fragment.headers["Vary"]


def count_queries(app, client, url: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return len(statements)


def test_pages_run_a_constant_number_of_queries(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    from plan.actions.models import Stance
    from plan.actions.services import add_comment, propose_amendment, revise_action

    def grow(n: int) -> None:
        for i in range(n):
            action = make_action(
                plan,
                people["contributor"],
                f"Action {i}",
                challenge=1 + i % 3,
                zone_ids=[plan.zones[0].id],
            )
            add_comment(action, people["other"], Stance.FOR, "Oui")
            content = {**action.current_revision.content, "title": f"Action {i} revue"}
            revise_action(action, content, people["contributor"], "note")
            propose_amendment(action, people["other"], {**content, "context": "Plus"}, "Pourquoi")
        db.session.commit()

    client = client_for(app, people["facilitator"])
    grow(10)
    small = (
        count_queries(app, client, "/plans/vallee/actions"),
        count_queries(app, client, f"/plans/vallee/actions?q=action&zone={plan.zones[0].id}"),
        count_queries(app, client, "/plans/vallee/actions/1.1"),
        count_queries(app, client, "/plans/vallee/actions/1.1/history"),
    )
    grow(190)
    large = (
        count_queries(app, client, "/plans/vallee/actions"),
        count_queries(app, client, f"/plans/vallee/actions?q=action&zone={plan.zones[0].id}"),
        count_queries(app, client, "/plans/vallee/actions/1.1"),
        count_queries(app, client, "/plans/vallee/actions/1.1/history"),
    )
    assert small == large
    assert max(large) <= 15


def test_the_workflow_allows_only_its_transitions(app, world) -> None:  # type: ignore[no-untyped-def]
    from plan.actions.models import TRANSITIONS
    from plan.actions.services import ActionError, set_status

    plan, people = world
    action = make_action(plan, people["contributor"], submit=False)
    with pytest.raises(ActionError):
        set_status(action, ActionStatus.ADOPTED)  # a draft is never adopted directly
    set_status(action, ActionStatus.SUBMITTED)
    set_status(action, ActionStatus.IN_BALLOT)
    for target in (ActionStatus.WITHDRAWN, ActionStatus.MERGED):
        with pytest.raises(ActionError):
            set_status(action, target)  # not while it is being voted on
    set_status(action, ActionStatus.ADOPTED)
    set_status(action, ActionStatus.MERGED)
    assert TRANSITIONS[ActionStatus.MERGED] == set()
    assert all(
        ActionStatus.MERGED in targets
        for status, targets in TRANSITIONS.items()
        if status not in (ActionStatus.MERGED, ActionStatus.IN_BALLOT)
    )
    db.session.rollback()


def test_earlier_versions_of_an_edited_comment_are_readable(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    make_action(plan, people["contributor"])
    other = client_for(app, people["other"])
    other.post(
        "/plans/vallee/actions/1.1/comments", data={"stance": "for", "body": "Première idée"}
    )
    comment = db.session.scalar(select(Comment))
    other.post(f"/plans/vallee/actions/1.1/comments/{comment.id}/edit", data={"body": "Seconde"})
    page = app.test_client().get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert "Seconde" in page
    assert "Première idée" in page
    assert "1 version précédente" in page


def test_a_form_corrected_after_an_error_is_saved(app, world) -> None:  # type: ignore[no-untyped-def]
    """The form comes back with its token: the corrected sending is the first real one."""
    plan, people = world
    client = client_for(app, people["contributor"])
    refused = client.post(
        "/plans/vallee/actions/new", data=fiche_data(plan, first_year="2031", form_token="tok-1")
    )
    assert refused.status_code == 422
    accepted = client.post("/plans/vallee/actions/new", data=fiche_data(plan, form_token="tok-1"))
    assert accepted.status_code == 302
    assert accepted.headers["Location"].endswith("/plans/vallee/actions/2.1")
    assert count(Action) == 1
    refused = client.post(
        "/plans/vallee/actions/2.1/comments", data={"stance": "for", "body": "", "form_token": "c1"}
    )
    assert refused.status_code == 422
    client.post(
        "/plans/vallee/actions/2.1/comments",
        data={"stance": "for", "body": "Corrigé", "form_token": "c1"},
    )
    assert count(Comment) == 1


def test_a_refused_comment_comes_back_on_the_whole_fiche(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    amender, _amendment = amendment_flow(app, plan, people)
    response = amender.post(
        "/plans/vallee/actions/2.1/comments", data={"stance": "against", "body": ""}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Amendements (1)" in html
    assert 'id="body-error"' in html
    assert re.search(r'value="against"[^>]*checked|checked[^>]*value="against"', html)


def test_a_deleted_account_shows_as_a_former_member(app, world) -> None:  # type: ignore[no-untyped-def]
    plan, people = world
    from plan.actions.models import Stance
    from plan.actions.services import add_comment

    action = make_action(plan, people["contributor"])
    add_comment(action, people["other"], Stance.FOR, "Je pars bientôt")
    db.session.commit()
    db.session.delete(people["other"])
    db.session.commit()
    page = app.test_client().get("/plans/vallee/actions/1.1").get_data(as_text=True)
    assert "Je pars bientôt" in page
    assert "ancien·ne membre" in page
