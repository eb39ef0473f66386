"""Helpers of the journeys that run on the demo plan."""

from __future__ import annotations

from sqlalchemy import select

from plan.demo.loader import DEMO_PASSWORD, load_demo
from plan.extensions import db
from plan.frame.models import Plan

SLUG = "hautes-alpes"


def demo_plan() -> Plan:
    """Load the demo plan into the test database and return it."""
    load_demo()
    db.session.commit()
    return db.session.scalar(select(Plan).where(Plan.slug == SLUG))


def log_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Log in with a demo account (the demo has its own published password)."""
    page.goto(f"{base}/auth/login")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    assert "/auth/login" not in page.url, f"{email} could not log in"


def no_horizontal_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
