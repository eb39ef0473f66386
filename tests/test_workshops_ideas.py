"""Ideas written in the room: a post-it becomes a draft action of its author."""

from __future__ import annotations

from sqlalchemy import func, select

from auth.models import User
from plan.actions.models import Action, ActionStatus
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.workshops import services
from plan.workshops.models import Workshop, WorkshopIdea
from tests import test_workshops
from tests.conftest import login
from tests.test_actions import count_queries
from tests.test_workshops import (
    FRENCH,
    base,
    guest_form,
    live_workshop,
    plan_workshop,
    text,
)

setting = test_workshops.setting  # the fixture: a plan, a facilitator and a member

HTMX = {"HX-Request": "true"}


def guest_in(app, workshop: Workshop, name: str = "Claire M."):  # type: ignore[no-untyped-def]
    phone = app.test_client()
    response = phone.post(
        f"/j/{workshop.join_code}", data=guest_form(workshop.plan, display_name=name)
    )
    assert response.status_code == 302
    return phone


def idea(plan, title: str = "Un tiers-lieu à Embrun", position: int = 1) -> dict:  # type: ignore[no-untyped-def]
    challenge = next(c for c in plan.challenges if c.position == position)
    return {"idea-title": title, "idea-challenge_id": challenge.id}


def test_a_guest_posts_an_idea_that_becomes_their_draft_action(setting, app) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = guest_in(app, workshop)
    state = workshop.state
    response = phone.post(f"{base(workshop)}/ideas", data=idea(plan), headers=FRENCH)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{base(workshop)}/live")
    guest = db.session.scalars(select(User).where(User.display_name == "Claire M.")).one()
    row = db.session.scalars(select(WorkshopIdea)).one()
    action = db.session.get(Action, row.action_id)
    assert row.workshop_id == workshop.id
    assert action.status == ActionStatus.DRAFT
    assert action.author_id == guest.id
    assert action.title == "Un tiers-lieu à Embrun"
    assert action.challenge.position == 1
    assert "Atelier mobilité" in action.current_revision.content["context"]
    db.session.refresh(workshop)
    assert workshop.state > state
    assert db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.action == "workshop.idea")
    )
    # The flash on the participant screen names the draft, which is the guest's to complete.
    assert action.reference in text(phone.get(f"{base(workshop)}/live", headers=FRENCH))
    fiche = phone.get(f"/plans/{plan.slug}/actions/{action.reference}")
    assert fiche.status_code == 200
    assert "Un tiers-lieu à Embrun" in text(fiche)


def test_with_htmx_the_form_comes_back_empty_with_a_confirmation(setting, app) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = guest_in(app, workshop)
    response = phone.post(f"{base(workshop)}/ideas", data=idea(plan), headers={**HTMX, **FRENCH})
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert 'id="idea-box"' in page
    assert 'class="saved"' in page
    assert "Un tiers-lieu à Embrun" in page  # in the confirmation only
    assert 'value="Un tiers-lieu à Embrun"' not in page


def test_bad_idea_is_422_with_a_french_message_and_the_title_kept(setting, app) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = guest_in(app, workshop)
    too_long = "x" * 251
    for headers in (FRENCH, {**HTMX, **FRENCH}):
        response = phone.post(
            f"{base(workshop)}/ideas", data=idea(plan, title=too_long), headers=headers
        )
        assert response.status_code == 422
        assert "Entre 1 et 250 caractères" in text(response)
        assert too_long in text(response)
    empty = phone.post(f"{base(workshop)}/ideas", data=idea(plan, title="  "), headers=FRENCH)
    assert empty.status_code == 422
    wrong = phone.post(
        f"{base(workshop)}/ideas",
        data={"idea-title": "Une idée", "idea-challenge_id": 999999},
        headers=FRENCH,
    )
    assert wrong.status_code == 422
    assert 'value="Une idée"' in text(wrong)
    assert db.session.scalar(select(func.count(WorkshopIdea.id))) == 0
    assert db.session.scalar(select(func.count(Action.id))) == 1  # the ballot's action only


def test_ideas_only_while_the_workshop_is_live(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = guest_in(app, workshop)
    services.end_workshop(workshop)
    db.session.commit()
    response = phone.post(f"{base(workshop)}/ideas", data=idea(plan), headers=FRENCH)
    assert response.status_code == 410
    assert "terminé" in text(response)
    assert db.session.scalar(select(func.count(WorkshopIdea.id))) == 0


def test_only_participants_post_ideas(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    # The member has not joined this workshop.
    outsider = app.test_client()
    login(outsider, setting["member"])
    assert outsider.post(f"{base(workshop)}/ideas", data=idea(plan)).status_code == 403
    # Somebody taken out of the room.
    phone = guest_in(app, workshop)
    from datetime import datetime

    from plan.workshops.models import WorkshopParticipant

    participant = db.session.scalars(select(WorkshopParticipant)).one()
    participant.removed_at = datetime(2026, 3, 12, 18, 0)
    db.session.commit()
    assert phone.post(f"{base(workshop)}/ideas", data=idea(plan)).status_code == 403
    anonymous = app.test_client()
    assert anonymous.post(f"{base(workshop)}/ideas", data=idea(plan)).status_code in (302, 401)
    # A planned workshop has nobody in it yet.
    planned = plan_workshop(setting, title="Plus tard")
    assert phone.post(f"{base(planned)}/ideas", data=idea(plan)).status_code == 403
    assert db.session.scalar(select(func.count(WorkshopIdea.id))) == 0


def test_facilitators_see_every_idea_sorted_participants_their_own(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    claire = guest_in(app, workshop, "Claire M.")
    bruno = guest_in(app, workshop, "Bruno")
    claire.post(f"{base(workshop)}/ideas", data=idea(plan, "Zéro déchet au marché", 2))
    bruno.post(f"{base(workshop)}/ideas", data=idea(plan, "Atelier vélo", 1))
    claire.post(f"{base(workshop)}/ideas", data=idea(plan, "Covoiturage des jeunes", 1))

    def order(response) -> list[str]:  # type: ignore[no-untyped-def]
        page = text(response)
        titles = ["Zéro déchet au marché", "Atelier vélo", "Covoiturage des jeunes"]
        return sorted((t for t in titles if t in page), key=page.index)

    listing = client.get(f"{base(workshop)}/ideas", headers=FRENCH)
    assert listing.status_code == 200
    assert order(listing) == ["Zéro déchet au marché", "Atelier vélo", "Covoiturage des jeunes"]
    assert "Bruno" in text(listing)
    by_challenge = client.get(f"{base(workshop)}/ideas?sort=challenge")
    assert order(by_challenge) == [
        "Atelier vélo",
        "Covoiturage des jeunes",
        "Zéro déchet au marché",
    ]
    by_author = client.get(f"{base(workshop)}/ideas?sort=author")
    assert order(by_author)[0] == "Atelier vélo"  # Bruno before Claire
    reference = db.session.scalars(
        select(Action.reference).join(WorkshopIdea, WorkshopIdea.action_id == Action.id)
    ).first()
    assert f"/plans/{plan.slug}/actions/{reference}" in text(listing)
    # Claire sees her two ideas only, and the form to add one.
    mine = claire.get(f"{base(workshop)}/ideas")
    assert mine.status_code == 200
    assert order(mine) == ["Zéro déchet au marché", "Covoiturage des jeunes"]
    assert 'name="idea-title"' in text(mine)
    # Someone outside the room.
    outsider = app.test_client()
    login(outsider, setting["member"])
    assert outsider.get(f"{base(workshop)}/ideas").status_code == 403


def test_the_ideas_page_runs_a_constant_number_of_queries(setting, app, client) -> None:
    plan = setting["plan"]
    workshop = live_workshop(setting)
    phone = guest_in(app, workshop)
    phone.post(f"{base(workshop)}/ideas", data=idea(plan, "Première"))
    few = count_queries(app, client, f"{base(workshop)}/ideas")
    for number in range(5):
        other = guest_in(app, workshop, f"Personne {number}")
        other.post(f"{base(workshop)}/ideas", data=idea(plan, f"Idée {number}", 2))
    assert db.session.scalar(select(func.count(WorkshopIdea.id))) == 6
    assert count_queries(app, client, f"{base(workshop)}/ideas") == few


def test_idea_form_offers_the_plans_challenges(setting, app) -> None:
    from plan.workshops.ideas import idea_form

    plan = setting["plan"]
    with app.test_request_context():
        form = idea_form(plan)
        assert [choice.value for choice in form.challenge_id.choices] == [
            c.id for c in plan.challenges
        ]
        assert form.title.id == "idea-title"
