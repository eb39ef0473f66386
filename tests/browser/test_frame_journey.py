"""A coordinator sets up a challenge and invites someone, who joins from a phone."""

from __future__ import annotations

import re

from sqlalchemy import select

from auth.models import User
from plan.extensions import db
from plan.members.models import Membership, Role
from tests.conftest import PASSWORD, make_member, make_plan, make_user


def log_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/auth/login")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_challenge_objective_indicator_and_invitation(
    app, live_server, new_page, check_accessibility
) -> None:
    plan = make_plan("vallee", public=False)
    coordinator = make_user("claire@example.org", name="Claire Coordination")
    make_member(coordinator, plan, Role.COORDINATOR)
    college = plan.colleges[2].name

    page = new_page()
    page.goto(f"{live_server}/auth/login")
    check_accessibility(page)
    log_in(page, live_server, "claire@example.org")
    page.goto(f"{live_server}/plans/vallee")
    check_accessibility(page)

    page.get_by_role("link", name="Ajouter un défi").click()
    check_accessibility(page)
    page.get_by_label("Titre").fill("Bien vieillir et rompre l'isolement")
    page.get_by_label("Dimension").select_option("social")
    page.get_by_label("Description").fill("Les personnes âgées des vallées sont isolées.")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/plans/vallee#defi-1$"))
    assert page.get_by_role("heading", name=re.compile("Défi 1")).is_visible()

    page.get_by_role("link", name=re.compile("Ajouter un objectif")).click()
    page.get_by_label("Objectif").fill("Rendre visite à 500 personnes isolées chaque année")
    page.get_by_role("button", name="Enregistrer").click()

    page.get_by_role("link", name=re.compile("Ajouter un indicateur")).click()
    page.get_by_label("Indicateur").fill("Personnes visitées")
    page.get_by_label("Unité").fill("personnes/an")
    page.get_by_label("Valeur de départ").fill("120")
    page.get_by_label("Année de référence").fill("2024")
    page.get_by_label("Valeur cible").fill("2500")
    page.get_by_label("Année cible").fill("2023")
    page.get_by_role("button", name="Enregistrer").click()
    # The target year comes before the baseline: the form comes back, typed values kept.
    assert page.locator("#target_year-error").is_visible()
    assert page.get_by_label("Indicateur").input_value() == "Personnes visitées"
    check_accessibility(page)
    page.get_by_label("Année cible").fill("2027")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/plans/vallee#defi-1$"))
    assert page.get_by_text("2\u202f500 personnes/an").is_visible()

    page.get_by_role("link", name="Invitations").first.click()
    check_accessibility(page)
    page.get_by_label("Rôle").select_option("contributor")
    page.get_by_label("Collège").select_option(label=college)
    page.get_by_label("Note personnelle (facultatif)").fill("Pour Samir")
    page.get_by_role("button", name="Créer l'invitation").click()
    link_field = page.get_by_label("Lien d'invitation")
    link_field.wait_for()
    link = link_field.input_value()
    assert "/invitations/" in link
    check_accessibility(page)

    phone = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(link)
    check_accessibility(phone)
    assert phone.get_by_text(college).first.is_visible()
    phone.get_by_label("Nom affiché").fill("Samir Benali")
    phone.get_by_label("Adresse électronique").fill("samir@example.org")
    phone.locator("#password").fill("un-long-mot-de-passe")
    phone.get_by_label("Mot de passe (confirmation)").fill("un-long-mot-de-passe")
    phone.get_by_role("button", name=re.compile("Créer mon compte")).click()
    phone.wait_for_url(f"{live_server}/plans/vallee")
    assert phone.get_by_text("Bienvenue").first.is_visible()
    assert phone.get_by_role("heading", name=re.compile("Défi 1")).is_visible()
    # No horizontal scrolling on a 360 px phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(phone)

    page.goto(f"{live_server}/plans/vallee/members")
    assert page.get_by_text("Samir Benali", exact=True).is_visible()
    check_accessibility(page)
    db.session.commit()  # a new transaction sees what the server committed meanwhile
    samir = db.session.scalar(select(User).where(User.email == "samir@example.org"))
    membership = db.session.scalar(select(Membership).where(Membership.user_id == samir.id))
    assert membership.role == Role.CONTRIBUTOR
    assert membership.college.name == college

    # The link worked once: a second visit says so.
    phone.goto(link)
    assert phone.get_by_role("heading", name="Invitation plus valable").is_visible()
    check_accessibility(phone)
    assert len(check_accessibility.checked) == 10


def test_invitations_work_without_javascript(app, live_server, new_page, check_accessibility):  # type: ignore[no-untyped-def]
    plan = make_plan("vallee")
    user = make_user("claire@example.org")
    make_member(user, plan, Role.FACILITATOR)
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, "claire@example.org")
    page.goto(f"{live_server}/plans/vallee/invitations")
    page.get_by_label("Collège").select_option(label=plan.colleges[0].name)
    page.get_by_role("button", name="Créer l'invitation").click()
    page.wait_for_load_state()
    assert "/invitations/" in page.get_by_label("Lien d'invitation").input_value()
    assert page.get_by_role("button", name="Révoquer").is_visible()
    page.get_by_role("button", name="Révoquer").click()
    page.wait_for_load_state()
    assert page.get_by_text("révoquée").first.is_visible()


def test_consensus_rules_page(app, live_server, new_page, check_accessibility) -> None:
    plan = make_plan("vallee")
    user = make_user("claire@example.org")
    make_member(user, plan, Role.COORDINATOR)
    page = new_page()
    log_in(page, live_server, "claire@example.org")
    page.goto(f"{live_server}/plans/vallee/consensus")
    check_accessibility(page)
    page.get_by_label("Seuil de blocage").select_option(label="Très bien")
    page.get_by_role("button", name="Enregistrer les règles").click()
    assert page.locator("#veto_threshold-error").is_visible()
    check_accessibility(page)
    page.get_by_label("Seuil de blocage").select_option(label="Insuffisant")
    page.get_by_role("button", name="Enregistrer les règles").click()
    page.wait_for_url(f"{live_server}/plans/vallee/consensus")
    # Below « Insuffisant » only « À rejeter » blocks: the example action is adopted.
    assert page.get_by_text("Adoptée : mention majoritaire").is_visible()
