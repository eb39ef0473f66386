"""Voting on the demo plan: the demo contributor grades the actions of the open ballot
from a phone (with and without JavaScript), a facilitator opens a dot-voting ballot that a
contributor fills in, and anyone reads the merit profiles of a closed ballot."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from sqlalchemy import select

from auth.models import User
from plan.extensions import db
from plan.frame.models import Plan
from plan.voting.models import Ballot, BallotItem, BallotStatus, Vote, VotingMethod
from tests.browser.demo import SLUG, demo_plan, log_in, no_horizontal_scroll

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
CONTRIBUTOR = "contributrice@example.org"
FACILITATOR = "animateur@example.org"
GRADES = {
    "excellent": "Excellent",
    "tres_bien": "Très bien",
    "bien": "Bien",
    "assez_bien": "Assez bien",
    "passable": "Passable",
    "insuffisant": "Insuffisant",
    "a_rejeter": "À rejeter",
}


@pytest.fixture
def demo(app) -> Plan:  # type: ignore[no-untyped-def]
    """The demo plan with its ballots: four closed, and one open majority-judgment ballot
    where the demo contributor has not voted yet."""
    plan = demo_plan()
    assert db.session.scalar(select(Ballot.id).where(Ballot.plan_id == plan.id)), (
        "the demo brings no ballot"
    )
    return plan


def open_the_open_ballot(page, base: str) -> str:  # type: ignore[no-untyped-def]
    """From the ballots list, the one open majority-judgment ballot; returns its number."""
    page.goto(f"{base}/plans/{SLUG}/ballots")
    section = page.get_by_role("region", name=re.compile(r"^Scrutins ouverts"))
    entry = section.locator("li").filter(has_text="Jugement majoritaire")
    assert entry.count() == 1, section.inner_text()
    with page.expect_navigation():
        entry.get_by_role("link").click()
    match = re.fullmatch(rf"{re.escape(base)}/plans/{SLUG}/ballots/(\d+)", page.url)
    assert match, page.url
    return match.group(1)


def votes_of(email: str, number: str) -> dict[str, str]:
    """The person's votes on the ballot, by action reference (one row per item)."""
    db.session.commit()  # see what the browser's requests committed
    rows = db.session.execute(
        select(BallotItem, Vote)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .join(Plan, Ballot.plan_id == Plan.id)
        .join(Vote, Vote.item_id == BallotItem.id)
        .join(User, Vote.voter_id == User.id)
        .where(Plan.slug == SLUG, Ballot.number == int(number), User.email == email)
    ).all()
    references = [item.action.reference for item, _vote in rows]
    assert len(references) == len(set(references)), f"more than one vote on an item: {rows}"
    return {item.action.reference: vote.choice for item, vote in rows}


def vote_items(page):  # type: ignore[no-untyped-def]
    items = page.locator("li.vote-item")
    assert items.count() >= 2
    return [items.nth(i) for i in range(items.count())]


def reference_of(item) -> str:  # type: ignore[no-untyped-def]
    return item.locator("legend .reference").inner_text().strip()


def grade_saved(page, item, action, grade: str) -> None:  # type: ignore[no-untyped-def]
    """Do `action` (a tap or a key) and wait for htmx to save the grade and show it."""
    try:
        with page.expect_response(
            lambda r: r.request.method == "POST" and re.search(r"/items/\d+/vote$", r.url),
            timeout=5_000,
        ) as response:
            action()
        saved = response.value
    except PlaywrightTimeoutError:
        pytest.fail(
            f"choosing « {grade} » on {reference_of(item)} sent nothing to the server: "
            "with JavaScript the grade should be saved at once"
        )
    assert saved.status == 200, saved.text()
    expect(item.get_by_role("status")).to_contain_text("Vote enregistré")


# --------------------------------------------------------------------------- journeys


def test_demo_contributor_grades_the_open_ballot_from_a_phone(
    demo, live_server, new_page, check_accessibility
) -> None:
    phone = new_page(**PHONE)
    log_in(phone, live_server, CONTRIBUTOR)
    phone.goto(f"{live_server}/plans/{SLUG}/ballots")
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    number = open_the_open_ballot(phone, live_server)
    assert phone.get_by_role("heading", level=1, name=re.compile(f"Scrutin {number}")).is_visible()
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)
    assert votes_of(CONTRIBUTOR, number) == {}

    with phone.expect_navigation():
        phone.get_by_role("link", name="Voter", exact=True).click()
    assert phone.url == f"{live_server}/plans/{SLUG}/ballots/{number}/vote"
    phone.wait_for_load_state("networkidle")  # htmx is ready
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    items = vote_items(phone)
    wanted = ["tres_bien", "bien", "assez_bien", "passable", "excellent", "insuffisant"]
    chosen: dict[str, str] = {}
    for index, item in enumerate(items):
        reference = reference_of(item)
        grade = wanted[index % len(wanted)]
        # The radios are visually hidden but named by their label.
        radio = item.get_by_role("radio", name=GRADES[grade], exact=True)
        assert radio.count() == 1
        if index == 0:
            # With the keyboard: the grade focused, Space chooses it.
            radio_id = radio.get_attribute("id")
            radio.focus()
            grade_saved(phone, item, lambda: phone.keyboard.press("Space"), GRADES[grade])
            # The swapped item keeps the keyboard where it was.
            assert phone.evaluate("document.activeElement && document.activeElement.id") == (
                radio_id
            ), "the focus is lost after the vote is saved"
        else:
            label = item.get_by_text(GRADES[grade], exact=True)
            grade_saved(phone, item, label.tap, GRADES[grade])
        expect(item.get_by_role("radio", name=GRADES[grade], exact=True)).to_be_checked()
        chosen[reference] = grade

    # She changes her mind on the second action.
    second = items[1]
    grade_saved(phone, second, second.get_by_text("Passable", exact=True).tap, "Passable")
    expect(second.get_by_role("radio", name="Passable", exact=True)).to_be_checked()
    expect(
        second.get_by_role("radio", name=GRADES[chosen[reference_of(second)]], exact=True)
    ).not_to_be_checked()
    chosen[reference_of(second)] = "passable"
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    phone.reload()
    for item in vote_items(phone):
        grade = chosen[reference_of(item)]
        assert item.get_by_role("radio", name=GRADES[grade], exact=True).is_checked()
        assert item.get_by_role("radio", checked=True).count() == 1
        expect(item.get_by_role("status")).to_contain_text(f"Votre vote : {GRADES[grade]}")
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    assert votes_of(CONTRIBUTOR, number) == chosen

    phone.goto(f"{live_server}/plans/{SLUG}/ballots/{number}")
    assert phone.get_by_role("link", name="Voir ou modifier mes votes").is_visible()
    check_accessibility(phone)


def test_demo_contributor_votes_without_javascript(
    demo, live_server, new_page, check_accessibility
) -> None:
    static = new_page(java_script_enabled=False, **PHONE)
    log_in(static, live_server, CONTRIBUTOR)
    number = open_the_open_ballot(static, live_server)
    with static.expect_navigation():
        static.get_by_role("link", name="Voter", exact=True).click()
    vote_url = f"{live_server}/plans/{SLUG}/ballots/{number}/vote"
    assert static.url == vote_url

    first, second = vote_items(static)[:2]
    first_ref, second_ref = reference_of(first), reference_of(second)
    # Without JavaScript choosing a grade saves nothing yet; the item's button does.
    first.get_by_text("Assez bien", exact=True).click()
    assert first.get_by_role("radio", name="Assez bien", exact=True).is_checked()
    assert votes_of(CONTRIBUTOR, number) == {}
    with static.expect_navigation():
        first.get_by_role("button", name=f"Enregistrer mon vote sur {first_ref}").click()
    assert static.url.startswith(vote_url)
    flash = static.locator("#flashes")
    assert f"Votre vote sur {first_ref} est enregistré" in flash.inner_text()
    first = static.locator("li.vote-item").filter(has=static.get_by_text(first_ref, exact=True))
    assert first.get_by_role("radio", name="Assez bien", exact=True).is_checked()
    assert "Votre vote : Assez bien" in first.get_by_role("status").inner_text()
    assert votes_of(CONTRIBUTOR, number) == {first_ref: "assez_bien"}

    # The save button of an item without a grade: the page comes back with the error there.
    second = static.locator("li.vote-item").filter(has=static.get_by_text(second_ref, exact=True))
    with static.expect_navigation() as navigation:
        second.get_by_role("button", name=f"Enregistrer mon vote sur {second_ref}").click()
    assert navigation.value.status == 422
    error = second.locator(".error")
    assert "Choisissez l'une des réponses proposées." in error.inner_text()
    assert second.get_by_role("group").get_attribute("aria-describedby") == (
        error.get_attribute("id")
    )
    assert first.get_by_role("radio", name="Assez bien", exact=True).is_checked()

    # axe needs JavaScript: the same page, checked in a page that has it.
    page = new_page(**PHONE)
    log_in(page, live_server, CONTRIBUTOR)
    page.goto(vote_url)
    check_accessibility(page)


def test_facilitator_opens_a_dot_vote_and_a_contributor_spreads_dots(
    demo, live_server, new_page, check_accessibility
) -> None:
    facilitator = new_page()
    log_in(facilitator, live_server, FACILITATOR)
    facilitator.goto(f"{live_server}/plans/{SLUG}/ballots")
    with facilitator.expect_navigation():
        facilitator.get_by_role("link", name="Nouveau scrutin").click()
    assert facilitator.url == f"{live_server}/plans/{SLUG}/ballots/new"
    check_accessibility(facilitator)
    facilitator.get_by_role("textbox", name="Titre", exact=True).fill(
        "Priorités de l'atelier mobilité"
    )
    facilitator.get_by_label("Mode de scrutin").select_option(label="Vote par gommettes")
    offered = facilitator.get_by_role("group", name="Actions soumises au vote").get_by_role(
        "checkbox"
    )
    assert offered.count() >= 3
    for index in range(3):
        offered.nth(index).check()
    facilitator.get_by_label("Ouvrir le scrutin tout de suite").check()
    with facilitator.expect_navigation():
        facilitator.get_by_role("button", name="Créer le scrutin").click()
    match = re.fullmatch(rf"{re.escape(live_server)}/plans/{SLUG}/ballots/(\d+)", facilitator.url)
    assert match, facilitator.url
    number = match.group(1)
    assert f"Le scrutin {number} est ouvert" in facilitator.locator("#flashes").inner_text()
    check_accessibility(facilitator)

    phone = new_page(**PHONE)
    log_in(phone, live_server, CONTRIBUTOR)
    phone.goto(f"{live_server}/plans/{SLUG}/ballots/{number}")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Voter", exact=True).click()
    vote_url = f"{live_server}/plans/{SLUG}/ballots/{number}/vote"
    assert phone.url == vote_url
    phone.wait_for_load_state("networkidle")
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    counter = phone.locator("[aria-live=polite]").filter(
        has_text=re.compile(r"gommettes? restantes?|de trop")
    )
    assert counter.count() == 1
    expect(counter).to_have_text("5 gommettes restantes")
    fields = phone.get_by_role("spinbutton")
    assert fields.count() == 3
    fields.nth(0).fill("")
    fields.nth(0).press_sequentially("3")
    expect(counter).to_have_text("2 gommettes restantes")
    fields.nth(1).fill("")
    fields.nth(1).press_sequentially("3")
    expect(counter).to_have_text("1 gommette(s) de trop : retirez-en")

    # The server refuses the six dots; what she typed comes back with the error.
    with phone.expect_navigation() as navigation:
        phone.get_by_role("button", name="Enregistrer mes gommettes").click()
    assert navigation.value.status == 422
    assert phone.url == vote_url
    alert = phone.get_by_role("alert")
    expect(alert).to_have_text("Vous avez 5 gommettes à répartir, pas plus.")
    assert [fields.nth(i).input_value() for i in range(3)] == ["3", "3", "0"]
    assert fields.nth(0).get_attribute("aria-invalid") == "true"
    # The counter tells the same as the fields it counts.
    expect(counter).to_have_text("1 gommette(s) de trop : retirez-en")
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)
    assert votes_of(CONTRIBUTOR, number) == {}

    fields.nth(1).fill("")
    fields.nth(1).press_sequentially("2")
    expect(counter).to_have_text("0 gommette restante")
    with phone.expect_navigation() as navigation:
        phone.get_by_role("button", name="Enregistrer mes gommettes").click()
    assert navigation.value.status == 200
    assert phone.url == vote_url
    assert "5 gommettes enregistrées" in phone.locator("#flashes").inner_text()
    assert [fields.nth(i).input_value() for i in range(3)] == ["3", "2", "0"]
    expect(counter).to_have_text("0 gommette restante")
    check_accessibility(phone)

    db.session.commit()
    dots = db.session.scalars(
        select(Vote.dots)
        .join(BallotItem, Vote.item_id == BallotItem.id)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .join(User, Vote.voter_id == User.id)
        .where(Ballot.number == int(number), User.email == CONTRIBUTOR)
        .order_by(BallotItem.position)
    ).all()
    assert dots == [3, 2, 0]


def test_closed_ballot_shows_merit_profiles_in_bars_and_in_text(
    demo, live_server, new_page, check_accessibility
) -> None:
    closed = db.session.scalars(
        select(Ballot).where(
            Ballot.plan_id == demo.id,
            Ballot.status == BallotStatus.CLOSED,
            Ballot.method == VotingMethod.MAJORITY_JUDGMENT,
        )
    ).all()
    assert closed, "the demo has no closed majority-judgment ballot"

    page = new_page()
    page.goto(f"{live_server}/plans/{SLUG}/ballots")
    section = page.get_by_role("region", name=re.compile(r"^Scrutins clos"))
    entry = section.locator("li").filter(has_text="Jugement majoritaire").first
    with page.expect_navigation():
        entry.get_by_role("link").click()
    assert re.search(rf"/plans/{SLUG}/ballots/\d+$", page.url), page.url
    check_accessibility(page)

    results = page.get_by_role("region", name="Résultats")
    assert results.is_visible()
    entries = results.locator("li.result")
    assert entries.count() >= 1
    with_bars = 0
    for index in range(entries.count()):
        entry = entries.nth(index)
        bar = entry.locator(".merit")
        if bar.count() == 0:
            continue  # no majority grade (no vote at all): nothing to draw
        with_bars += 1
        assert bar.get_attribute("aria-hidden") == "true"  # the text below says it all
        box = bar.bounding_box()
        segments = bar.locator(".segment")
        assert segments.count() >= 1
        widths = [segments.nth(i).bounding_box()["width"] for i in range(segments.count())]
        # The segments fill the bar (inside its border), each as wide as its share.
        assert sum(widths) == pytest.approx(box["width"] - 2, abs=2), (
            f"the merit bar of result {index + 1} is drawn empty: its segments are "
            f"{widths} px wide in a {box['width']} px bar"
        )
        median = bar.locator(".median")
        assert median.count() == 1
        line = median.bounding_box()
        assert line is not None
        assert line["height"] >= box["height"] - 2
        assert line["x"] == pytest.approx(box["x"] + box["width"] / 2, abs=3)

        drawn = [
            next(
                c for c in segments.nth(i).get_attribute("class").split() if c.startswith("grade-")
            )
            for i in range(segments.count())
        ]
        legend = entry.locator(".profile-legend li")
        written = {}
        for i in range(legend.count()):
            row = legend.nth(i)
            chip = row.locator(".chip")
            grade = next(c for c in chip.get_attribute("class").split() if c.startswith("grade-"))
            written[grade] = row.inner_text()
            assert chip.inner_text() == GRADES[grade.removeprefix("grade-")]
            assert re.search(r"\d\u00a0%", row.inner_text()), row.inner_text()
            assert re.search(r"\(\d+ votes?\)", row.inner_text()), row.inner_text()
        # Each grade in the bar is also written out, in the same order, best first.
        assert drawn == [g for g in written if g in drawn]
        assert set(drawn) <= set(written)
        assert "mention majoritaire" in entry.locator(".explanation").inner_text()
    assert with_bars >= 1

    phone = new_page(**PHONE)
    phone.goto(page.url)
    assert no_horizontal_scroll(phone)
    check_accessibility(phone)
