"""A live workshop on the demo plan, in several browsers at once: the facilitator starts
the planned workshop and runs it from the console, the projector follows by itself, a
guest joins from a phone with the code and posts an idea, a member joins with one tap and
someone else by the join link, all three vote; then the facilitator closes the ballot and
reveals its results, the workshop ends, its code stops working and its minutes are there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from auth.models import User
from plan.actions.models import Action, ActionStatus
from plan.extensions import db
from plan.voting.models import BallotItem, Vote, VoteChannel
from plan.workshops.models import Workshop, WorkshopStatus
from tests.browser.demo import SLUG, demo_plan, log_in, no_horizontal_scroll

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
FACILITATOR = "animateur@example.org"
CONTRIBUTOR = "contributrice@example.org"
POLL = 10_000  # ms: the screens poll every 2 s


@pytest.fixture
def planned(app) -> Workshop:  # type: ignore[no-untyped-def]
    """The demo's workshop ready to start, with the open ballot on its agenda."""
    plan = demo_plan()
    workshop = db.session.scalar(
        select(Workshop).where(
            Workshop.plan_id == plan.id, Workshop.status == WorkshopStatus.PLANNED
        )
    )
    assert workshop is not None, "the demo brings no planned workshop"
    assert any(entry.ballot for entry in workshop.agenda), "its agenda has no ballot"
    return workshop


def accept_confirmations(page) -> None:  # type: ignore[no-untyped-def]
    page.on("dialog", lambda dialog: dialog.accept())


def test_a_workshop_from_the_start_to_its_minutes(
    planned, live_server, new_page, check_accessibility
) -> None:
    base = f"{live_server}/plans/{SLUG}/workshops/{planned.id}"
    ballot = next(entry.ballot for entry in planned.agenda if entry.ballot)

    # The facilitator starts it: a code without ambiguous characters and its QR code.
    facilitator = new_page()
    accept_confirmations(facilitator)
    log_in(facilitator, live_server, FACILITATOR)
    facilitator.goto(base)
    with facilitator.expect_navigation():
        facilitator.get_by_role("button", name="Lancer l'atelier").click()
    code = facilitator.locator(".join-code").inner_text().strip()
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}", code), code
    expect(facilitator.locator("svg.qr-code")).to_have_count(1)
    check_accessibility(facilitator)

    # The projector: the code, nobody in the room yet.
    projector = new_page(**PROJECTOR)
    log_in(projector, live_server, FACILITATOR)
    projector.goto(f"{base}/projector")
    expect(projector.get_by_text(f"{code[:3]}-{code[3:]}")).to_be_visible()
    expect(projector.get_by_text("0 personne dans la salle")).to_be_visible()
    check_accessibility(projector)

    # A guest types the code on a phone (in small letters), gives a name and a college.
    phone = new_page(**PHONE)
    phone.goto(f"{live_server}/j")
    phone.get_by_label("Code de l'atelier").fill(code.lower())
    with phone.expect_navigation():
        phone.get_by_role("button", name="Rejoindre").click()
    phone.get_by_label("Votre nom").fill("Zoé Invitée")
    phone.get_by_label("Votre collège").select_option(label="Habitant·es et citoyen·nes")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Rejoindre l'atelier").click()
    assert phone.url == f"{base}/live", phone.url
    assert no_horizontal_scroll(phone)
    check_accessibility(phone)

    # A member joins with one tap.
    member = new_page(**PHONE)
    log_in(member, live_server, CONTRIBUTOR)
    member.goto(f"{live_server}/j/{code}")
    with member.expect_navigation():
        member.get_by_role("button", name="Rejoindre l'atelier").click()
    assert member.url == f"{base}/live", member.url

    # Someone else follows the join link (the QR code's) on a laptop.
    link = facilitator.locator(".join-box a[href*='/j/']").get_attribute("href")
    assert link is not None
    assert link.endswith(f"/j/{code}")
    laptop = new_page()
    laptop.goto(link)
    laptop.get_by_label("Votre nom").fill("Luc Voisin")
    laptop.get_by_label("Votre collège").select_option(label="Entreprises")
    with laptop.expect_navigation():
        laptop.get_by_role("button", name="Rejoindre l'atelier").click()
    assert laptop.url == f"{base}/live", laptop.url

    # The projector counts them by itself.
    expect(projector.get_by_text("3 personnes dans la salle")).to_be_visible(timeout=POLL)

    # The facilitator puts the ballot on the screen; the phones' "now" box follows.
    facilitator.goto(f"{base}/console")
    check_accessibility(facilitator)
    facilitator.get_by_role("button", name="Afficher à l'écran").first.click()
    expect(projector.locator("body")).to_contain_text(ballot.title, timeout=POLL)
    expect(phone.locator("#live-now")).to_contain_text(ballot.title, timeout=POLL)

    # The guest grades the first action with one tap; the projector counts one more voter
    # (the ballot was open online before the workshop).
    voters = db.session.scalar(
        select(func.count(func.distinct(Vote.voter_id)))
        .join(BallotItem, Vote.item_id == BallotItem.id)
        .where(BallotItem.ballot_id == ballot.id)
    )
    item = phone.locator("li.vote-item").first
    item.locator("label", has_text=re.compile(r"^Bien$")).click()
    expect(item).to_contain_text("Vote enregistré")
    expect(projector.get_by_text(f"{voters + 1} personnes ont voté")).to_be_visible(timeout=POLL)
    for other, grade in ((member, "Très bien"), (laptop, "Passable")):
        first = other.locator("li.vote-item").first
        first.locator("label", has_text=re.compile(rf"^{grade}$")).click()
        expect(first).to_contain_text("Vote enregistré")
    expect(projector.get_by_text(f"{voters + 3} personnes ont voté")).to_be_visible(timeout=POLL)
    db.session.commit()  # see what the browsers' requests committed
    guest = db.session.scalar(select(User).where(User.display_name == "Zoé Invitée"))
    assert guest is not None
    assert guest.is_guest
    votes = db.session.scalars(select(Vote).where(Vote.voter_id == guest.id)).all()
    assert [(v.choice, v.channel) for v in votes] == [("bien", VoteChannel.WORKSHOP)]

    # A post-it becomes a draft action of the guest.
    phone.get_by_label("Votre idée").fill("Un covoiturage vers le marché de Gap")
    phone.get_by_role("button", name="Envoyer mon idée").click()
    expect(phone.locator("#idea-box .saved")).to_contain_text(
        "Idée enregistrée comme fiche en brouillon"
    )
    db.session.commit()
    idea = db.session.scalar(
        select(Action).where(Action.author_id == guest.id, Action.status == ActionStatus.DRAFT)
    )
    assert idea is not None

    # Closing and revealing: the results reach the projector, the phones stop voting.
    facilitator.get_by_role("button", name="Clore le scrutin").first.click()
    facilitator.get_by_role("button", name="Dévoiler les résultats").first.click()
    expect(projector.locator("body")).to_contain_text("mention majoritaire", timeout=POLL)
    check_accessibility(projector)
    expect(phone.locator("li.vote-item")).to_have_count(0, timeout=POLL)

    # The end: the code no longer works, the minutes are there.
    facilitator.goto(base)
    with facilitator.expect_navigation():
        facilitator.get_by_role("button", name="Terminer l'atelier").click()
    late = new_page(**PHONE)
    response = late.goto(f"{live_server}/j/{code}")
    assert response is not None
    assert response.status == 410
    expect(late.get_by_text("Cet atelier est terminé")).to_be_visible()
    facilitator.goto(f"{base}/minutes")
    minutes = facilitator.locator("main").inner_text()
    assert "Zoé Invitée" in minutes
    assert "Un covoiturage vers le marché de Gap" in minutes
    assert ballot.title in minutes
    check_accessibility(facilitator)
