"""A live workshop to load through a real gunicorn: a migrated database with a plan, an
open ballot of 5 actions and a started workshop showing it. Shared by tests/test_burst.py
and tests/test_faults.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask_migrate import upgrade

from plan.extensions import db
from plan.members.models import Role
from plan.voting import services as voting
from plan.voting.models import VotingMethod
from plan.workshops import services
from tests.bench.load import WorkshopTarget
from tests.conftest import make_action, make_app, make_member, make_plan, make_user


def build_live_room(database_url: str) -> WorkshopTarget:
    """Migrate the empty database at `database_url` and open a workshop in it; what the
    phones need to join and vote."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        plan = make_plan("rafale", challenges=1)
        facilitator = make_user("animatrice@example.org", name="Anna")
        make_member(facilitator, plan, Role.FACILITATOR)
        actions = [make_action(plan, facilitator, f"Action numéro {n}") for n in range(1, 6)]
        ballot = voting.create_ballot(
            plan,
            facilitator,
            title="Rafale",
            method=VotingMethod.MAJORITY_JUDGMENT,
            actions=actions,
        )
        voting.open_ballot(ballot, facilitator.id)
        workshop = services.create_workshop(
            plan,
            facilitator,
            {
                "title": "Atelier plénier",
                "starts_at": datetime(2026, 3, 12, 17, 0),
                "place": "Salle des fêtes",
                "format": "plenary",
                "description": "",
                "notes": "",
            },
            facilitators=[facilitator],
            ballots=[ballot],
            actions=[],
        )
        services.start_workshop(workshop, facilitator.id)
        db.session.commit()
        target = WorkshopTarget(
            slug=plan.slug,
            workshop_id=workshop.id,
            code=workshop.join_code,
            item_ids=[item.id for item in ballot.items],
            college_ids=[college.id for college in plan.colleges],
        )
        db.session.remove()
        db.engine.dispose()
    return target


def server_environment(database_url: str, instance: Path) -> dict[str, str]:
    """gunicorn's environment: production settings, with what a loopback test needs."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "burst-test-secret-key",
        "CAPCOMMUN_INSTANCE_PATH": str(instance),
        "CAPCOMMUN_SECURE_COOKIES": "false",
        # Every phone of the test comes from 127.0.0.1.
        "CAPCOMMUN_WORKSHOP_JOIN_RATE_LIMIT": "100000 per minute",
        "CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP": "100000 per minute",
    }
