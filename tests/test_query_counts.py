"""Every page the benchmark measures (tests/bench/pages.py) runs as many queries on the
small demo plan as on a generated plan several times larger: nothing is loaded one query
per action, comment, revision, ballot item or version. The benchmark checks the same on
the full large plan (1 000 actions, 50 000 votes)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import event, select

from auth.models import User
from plan.demo.large import ACCOUNTS, SLUG, load_large
from plan.demo.large_world import Size
from plan.demo.loader import load_demo
from plan.extensions import db
from plan.workshops import services as workshops
from plan.workshops.models import Workshop
from tests.bench.pages import page_urls

LARGER = Size(
    actions=150,
    members=80,
    organizations=30,
    comments=900,
    ballots=5,
    votes=3000,
    versions=3,
    big_ballot=40,
    showcase=1,
)
MOST_QUERIES = 15


@pytest.fixture
def plans(app):  # type: ignore[no-untyped-def]
    small = load_demo()
    large = load_large(LARGER, 7)
    coordinator = db.session.scalar(select(User).where(User.email == ACCOUNTS[0][0]))
    workshop = workshops.create_workshop(
        large,
        coordinator,
        {
            "title": "Atelier",
            "starts_at": datetime(2026, 3, 12, 17, 0),
            "place": "Salle polyvalente",
            "format": "plenary",
            "description": "",
            "notes": "",
        },
        facilitators=[coordinator],
        ballots=[],
        actions=[],
    )
    workshops.start_workshop(workshop, coordinator.id)
    db.session.commit()
    return small.slug, large.slug


def queries_per_page(app, slug: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            statements.append(statement)

    visitor = app.test_client()
    counts = {}
    for name, url in page_urls(slug).items():
        if "{state}" in url:
            workshop_id = int(url.split("/workshops/")[1].split("/")[0])
            url = url.replace("{state}", str(db.session.get(Workshop, workshop_id).state))
        assert visitor.get(url).status_code in (200, 204), url  # warm
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            response = visitor.get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        assert response.status_code in (200, 204), url
        if name.startswith("action list"):
            # An empty list would skip its per-page queries: compare lists that show rows.
            assert 'class="action-item"' in response.get_data(as_text=True), url
        counts[name] = len(statements)
    return counts


def test_the_benchmarked_pages_cost_the_same_queries_on_a_larger_plan(app, plans) -> None:
    small, large = plans
    assert large == SLUG
    on_small, on_large = queries_per_page(app, small), queries_per_page(app, large)
    assert on_large == on_small
    assert max(on_small.values()) <= MOST_QUERIES
    assert on_small["workshop poll, nothing new"] == 1
