"""Actions: a contributor proposes one from a phone, members comment and amend it, the author
accepts the amendment, and anyone filters the list, with and without JavaScript."""

from __future__ import annotations

import re

from plan.actions import services
from plan.actions.models import ActionStatus
from plan.extensions import db
from plan.members.models import Role
from tests.browser.test_frame_journey import log_in
from tests.conftest import make_action, make_member, make_plan, make_user

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
NBSP = "\u00a0"  # no-break space before the currency sign


def no_horizontal_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_contributor_proposes_an_action_from_a_phone(
    app, live_server, new_page, check_accessibility
) -> None:
    plan = make_plan("vallee", challenges=3)
    organisation = plan.organizations[0].name
    make_member(make_user("samir@example.org", name="Samir Benali"), plan, Role.CONTRIBUTOR)

    phone = new_page(**PHONE)
    log_in(phone, live_server, "samir@example.org")
    phone.goto(f"{live_server}/plans/vallee/actions")
    check_accessibility(phone)
    phone.get_by_role("link", name="Proposer une action").click()
    phone.wait_for_url(f"{live_server}/plans/vallee/actions/new")
    assert phone.get_by_role("heading", name="Proposer une action", level=1).is_visible()
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    phone.get_by_label("Défi", exact=True).select_option(label="2. Défi numéro 2")
    phone.get_by_label("Titre de l'action").fill("Navette solidaire des hameaux")
    phone.get_by_role("group", name="Objectifs auxquels elle contribue").get_by_label(
        "2. Objectif du défi 2"
    ).check()
    phone.get_by_label("Contexte", exact=True).fill("Les hameaux n'ont **aucun** bus.")
    phone.get_by_label("Description et étapes").fill("Un minibus deux fois par semaine.")
    phone.get_by_label("Structure pilote").select_option(label=organisation)
    phone.get_by_label("Première année").fill("2031")  # outside the 2024–2027 horizon
    phone.get_by_label("Dernière année").fill("2027")
    phone.get_by_label("Année, ligne 1").select_option("2025")
    phone.get_by_label("Type, ligne 1").select_option(label="Fonctionnement")
    budget_amount = phone.locator("#budget_lines-0-amount")
    # The hint says « 12 500 or 12 500,50 »: a number input refuses the space and the comma.
    assert budget_amount.get_attribute("type") != "number", (
        "the amount fields are <input type=number>: « 12 500 » cannot be typed"
    )
    budget_amount.fill("12 500")
    phone.get_by_label("Financeur, ligne 1").fill("Département")
    phone.get_by_label("Nature, ligne 1").select_option(label="Subvention")
    phone.locator("#funding_lines-0-amount").fill("8 000")
    phone.get_by_label("Statut, ligne 1").select_option(label="acquis")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Soumettre aux membres").click()

    # The form comes back: the error next to the year, everything typed kept.
    assert phone.url == f"{live_server}/plans/vallee/actions/new"
    error = phone.locator("#first_year-error")
    assert error.is_visible()
    assert "2024–2027" in error.inner_text()
    assert phone.get_by_label("Première année").get_attribute("aria-invalid") == "true"
    assert phone.get_by_label("Première année").input_value() == "2031"
    assert phone.get_by_label("Titre de l'action").input_value() == (
        "Navette solidaire des hameaux"
    )
    assert budget_amount.input_value() == "12 500"
    assert phone.get_by_label("2. Objectif du défi 2").is_checked()
    assert phone.get_by_role("alert").first.is_visible()
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    phone.get_by_label("Première année").fill("2025")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Soumettre aux membres").click()
    # The corrected form is saved, not taken for a resent copy of the rejected one.
    assert phone.url == f"{live_server}/plans/vallee/actions/2.1", (
        "the corrected form was dropped: " + phone.url
    )
    assert phone.get_by_role("heading", level=1, name=re.compile("Navette solidaire")).is_visible()
    assert phone.locator(".plan-head .status").inner_text() == "En discussion"
    total = phone.locator("tfoot td strong")
    assert total.inner_text() == f"12{NNBSP}500{NBSP}€"
    assert phone.get_by_text("Département").is_visible()
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)


def test_member_comments_against_with_markdown(
    app, live_server, new_page, check_accessibility
) -> None:
    plan = make_plan("vallee", challenges=3)
    author = make_user("samir@example.org", name="Samir Benali")
    make_member(author, plan, Role.CONTRIBUTOR)
    make_member(make_user("bruno@example.org", name="Bruno Marchal"), plan, Role.CONTRIBUTOR)
    action = make_action(plan, author, "Navette solidaire")

    page = new_page()
    log_in(page, live_server, "bruno@example.org")
    page.goto(f"{live_server}/plans/vallee/actions/{action.reference}")
    check_accessibility(page)

    # An empty comment comes back with its error.
    with page.expect_navigation():
        page.get_by_role("button", name="Publier").click()
    assert page.locator("#body-error").is_visible()
    check_accessibility(page)

    page.get_by_role("group", name="Votre position").get_by_label("Contre").check()
    page.get_by_role("textbox", name="Commentaire", exact=True).fill(
        "Le trajet est **trop long** en hiver."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Publier").click()
    # The corrected form is published, not taken for a resent copy of the rejected one.
    assert re.search(rf"/actions/{re.escape(action.reference)}#commentaire-\d+$", page.url), (
        "the corrected comment was dropped: " + page.url
    )
    comment = page.get_by_role("article", name="Commentaire de Bruno Marchal")
    assert comment.locator(".stance").inner_text() == "Contre"
    assert comment.locator(".comment-body strong").inner_text() == "trop long"
    assert "**" not in comment.locator(".comment-body").inner_text()
    assert (
        page.locator("#commentaires .meta").first.get_by_text(re.compile(r"contre 1\b")).count()
        == 1
    )
    check_accessibility(page)


def test_amendment_proposed_then_accepted_by_the_author(
    app, live_server, new_page, check_accessibility
) -> None:
    plan = make_plan("vallee", challenges=3)
    author = make_user("samir@example.org", name="Samir Benali")
    make_member(author, plan, Role.CONTRIBUTOR)
    make_member(make_user("bruno@example.org", name="Bruno Marchal"), plan, Role.CONTRIBUTOR)
    action = make_action(
        plan, author, "Navette solidaire", description="Une navette quotidienne vers Savines."
    )
    fiche_url = f"{live_server}/plans/vallee/actions/{action.reference}"

    member = new_page()
    log_in(member, live_server, "bruno@example.org")
    member.goto(fiche_url)
    member.get_by_role("link", name="Proposer un amendement").click()
    member.wait_for_url(f"{fiche_url}/amendments/new")
    check_accessibility(member)
    description = member.get_by_label("Description et étapes")
    assert description.input_value() == "Une navette quotidienne vers Savines."
    description.fill("Une navette hebdomadaire vers Savines.")
    # Without a reason the form comes back, the change kept.
    with member.expect_navigation():
        member.get_by_role("button", name="Proposer l'amendement").click()
    assert member.locator("#rationale-error").is_visible()
    assert description.input_value() == "Une navette hebdomadaire vers Savines."
    check_accessibility(member)
    member.get_by_label("Pourquoi cet amendement").fill("Le budget ne permet pas plus.")
    with member.expect_navigation():
        member.get_by_role("button", name="Proposer l'amendement").click()
    # The corrected form is saved, not taken for a resent copy of the rejected one.
    assert re.fullmatch(rf"{re.escape(fiche_url)}/amendments/\d+", member.url), (
        "the corrected amendment was dropped: " + member.url
    )
    amendment_url = member.url
    assert member.get_by_role(
        "heading", name=re.compile("Amendement de Bruno Marchal")
    ).is_visible()
    assert member.get_by_role("button", name="Accepter").count() == 0
    check_accessibility(member)

    owner = new_page()
    log_in(owner, live_server, "samir@example.org")
    owner.goto(amendment_url)
    check_accessibility(owner)
    owner.get_by_role("button", name="Accepter").click()
    owner.wait_for_url(f"{fiche_url}#amendements")
    assert owner.get_by_role("link", name="Révision 2").is_visible()
    assert owner.get_by_text("Une navette hebdomadaire vers Savines.").is_visible()
    check_accessibility(owner)

    owner.get_by_role("link", name="Historique (2)").click()
    owner.wait_for_url(f"{fiche_url}/history")
    deleted = owner.locator("dd.diff del")
    inserted = owner.locator("dd.diff ins")
    assert deleted.count() >= 1
    assert inserted.count() >= 1
    assert "quotidienne" in " ".join(deleted.all_inner_texts())
    assert "hebdomadaire" in " ".join(inserted.all_inner_texts())
    assert "Savines" not in " ".join(deleted.all_inner_texts() + inserted.all_inner_texts())
    check_accessibility(owner)


def test_list_filters_with_and_without_javascript(
    app, live_server, new_page, check_accessibility
) -> None:
    plan = make_plan("vallee", challenges=3)
    author = make_user("samir@example.org", name="Samir Benali")
    make_member(author, plan, Role.CONTRIBUTOR)
    make_action(plan, author, "Navette solidaire", challenge=1)
    make_action(plan, author, "Jardin partagé", challenge=2)
    make_action(plan, author, "Repair café", challenge=2)
    withdrawn = make_action(plan, author, "Cinéma itinérant", challenge=3)
    services.set_status(withdrawn, ActionStatus.WITHDRAWN)
    db.session.commit()
    list_url = f"{live_server}/plans/vallee/actions"

    # Without JavaScript the form is a plain GET form. (axe needs JavaScript: the same
    # addresses are checked below in a page that has it.)
    static = new_page(java_script_enabled=False)
    static.goto(list_url)
    static.get_by_label("Défi", exact=True).select_option(label="Défi 2")
    static.get_by_role("button", name="Filtrer").click()
    static.wait_for_url(re.compile(r"[?&]challenge=2(&|$)"))
    filtered_url = static.url
    assert static.locator("#action-list .action-item").count() == 2
    assert sorted(static.locator("#action-list .reference").all_inner_texts()) == ["2.1", "2.2"]
    assert static.get_by_role("link", name="Jardin partagé").is_visible()
    assert static.get_by_role("link", name="Navette solidaire").count() == 0

    page = new_page()
    page.goto(filtered_url)
    check_accessibility(page)
    page.goto(list_url)
    page.wait_for_load_state("networkidle")
    check_accessibility(page)
    list_text = page.locator("#action-list").inner_text()
    assert "Cinéma itinérant" in list_text
    assert "Navette solidaire" in list_text
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Statut", exact=True).select_option(label="Retirée")
    page.wait_for_function(
        "before => document.querySelector('#action-list').innerText !== before", arg=list_text
    )
    page.wait_for_url(re.compile(r"[?&]status=withdrawn(&|$)"))
    assert "status=" in page.url
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"
    assert page.locator("#action-list .action-item").count() == 1
    assert page.get_by_role("link", name="Cinéma itinérant").is_visible()
    assert page.get_by_role("link", name="Navette solidaire").count() == 0
    check_accessibility(page)
