"""The demo plan's ballots, as a newcomer reads them: four closed in 2021, one open."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.actions.models import Action, ActionStatus
from plan.demo.loader import DEMO_PASSWORD, load_demo
from plan.extensions import db
from plan.voting.models import Ballot, BallotStatus, PaperTally, Vote

BALLOTS = "/plans/hautes-alpes/ballots"


def text(response) -> str:  # type: ignore[no-untyped-def]
    """The page's words, without tags, entities or line breaks."""
    assert response.status_code == 200
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html_lib.unescape(words).split())


@pytest.fixture
def demo(app):  # type: ignore[no-untyped-def]
    plan = load_demo()
    db.session.commit()
    return plan


def status_of(plan, reference: str) -> ActionStatus:  # type: ignore[no-untyped-def]
    return db.session.scalar(
        select(Action.status).where(Action.plan_id == plan.id, Action.reference == reference)
    )


def test_closed_ballots_explain_each_outcome(client, demo) -> None:  # type: ignore[no-untyped-def]
    listing = text(client.get(BALLOTS))
    assert "Scrutins ouverts 1" in listing
    assert "Scrutins clos 4" in listing
    assert "Vote en ligne — Défi 3 : repérer et accompagner les aîné·es isolé·es" in listing
    assert "Atelier du 12 mars 2021 — Défi 2 : mobilité et insertion" in listing
    assert "12/03/2021" in listing  # closed in 2021, not on the day the demo was loaded

    dots = text(client.get(f"{BALLOTS}/2"))
    assert (
        "Classement par gommettes : 17 votant·es dans 5 collèges, 5 gommettes chacun·e, au plus "
        "3 sur une action. Le vote par gommettes classe les actions ; il n'en adopte aucune."
    ) in dots
    assert dots.index("Légumerie solidaire") < dots.index("Maraîchage d'insertion")

    workshop = text(client.get(f"{BALLOTS}/1"))
    assert (
        "Adoptée : mention majoritaire « Bien » (seuil « Assez bien »), 37 votant·es dans "
        "5 collèges, aucun collège sous « Passable »."
    ) in workshop
    assert (
        "À retravailler : mention majoritaire « Bien », mais le collège « Entreprises » est "
        "sous « Passable » (37 votant·es dans 5 collèges)."
    ) in workshop
    assert (
        "Non retenue : mention majoritaire « Insuffisant », sous « Passable », 37 votant·es "
        "dans 5 collèges."
    ) in workshop
    assert workshop.count("dont 9 votes papier") == 3
    assert "Au programme de l'atelier Atelier public de Veynes — Défi 2 : mobilité" in workshop
    assert "Votes papier : Habitant·es et citoyen·nes 9 (à main levée" in workshop

    approval = text(client.get(f"{BALLOTS}/3"))
    assert (
        "À retravailler : 81 % de « pour », mais le collège « Financeurs » est sous 50 % "
        "(31 votant·es dans 5 collèges)."
    ) in approval
    assert approval.count("Adoptée : ") == 2

    consent = text(client.get(f"{BALLOTS}/4"))
    assert (
        "Adoptée par consentement : 1 objection soulevée et résolue (15 votant·es dans 5 collèges)."
    ) in consent
    assert "À retravailler : 1 objection n'est pas résolue (15 votant·es dans 5 collèges)." in (
        consent
    )
    assert "Scrutin public : chacun·e voit qui a voté quoi." in consent
    assert "Robert Michel : « Confier le repérage des fragilités" in consent
    assert "Robert Michel lève son objection." in consent
    assert "François Chaix : « Aucun des huit logements" in consent
    assert "Non résolue." in consent

    expected = {
        "1.1": ActionStatus.TO_REWORK,  # approval: the Financeurs college under 50 %
        "1.2": ActionStatus.ADOPTED,
        "1.8": ActionStatus.ADOPTED,
        "1.3": ActionStatus.SUBMITTED,  # dot voting gave it back its status
        "1.9": ActionStatus.SUBMITTED,
        "2.3": ActionStatus.ADOPTED,
        "2.2": ActionStatus.TO_REWORK,
        "2.6": ActionStatus.REJECTED,
        "3.1": ActionStatus.ADOPTED,
        "3.4": ActionStatus.TO_REWORK,
        "3.2": ActionStatus.IN_BALLOT,
    }
    for reference, status in expected.items():
        assert status_of(demo, reference) == status, reference
    labels = {
        "2.3": "Adoptée",
        "2.2": "À retravailler",
        "2.6": "Non retenue",
        "1.3": "En discussion",
        "3.5": "Au vote",
    }
    for reference, label in labels.items():
        page = html_lib.unescape(
            client.get(f"/plans/hautes-alpes/actions/{reference}").get_data(as_text=True)
        )
        assert f'class="status status-{status_of(demo, reference).value}">{label}<' in page
    # Some submitted actions stay outside every ballot, for a facilitator's new ballot.
    assert {"2.1", "2.4", "2.5", "2.7", "2.8", "3.3"} <= {
        action.reference
        for action in db.session.scalars(
            select(Action).where(Action.plan_id == demo.id, Action.status == ActionStatus.SUBMITTED)
        )
    }


def test_the_open_ballot_awaits_the_contributor(app, client, demo) -> None:  # type: ignore[no-untyped-def]
    ballot = db.session.scalar(select(Ballot).where(Ballot.status == BallotStatus.OPEN))
    assert ballot.closes_at is None
    assert [item.action.reference for item in ballot.items] == ["3.2", "3.5", "3.6"]
    page = text(client.get(f"{BALLOTS}/{ballot.number}"))
    assert "Les résultats seront publiés à la clôture du scrutin." in page
    assert "mention majoritaire" not in page

    item_ids = [item.id for item in ballot.items]
    voters = db.session.scalar(
        select(func.count(func.distinct(Vote.voter_id))).where(Vote.item_id.in_(item_ids))
    )
    assert voters >= 5
    contributor = db.session.scalar(select(User).where(User.email == "contributrice@example.org"))
    assert not db.session.scalars(
        select(Vote).where(Vote.item_id.in_(item_ids), Vote.voter_id == contributor.id)
    ).all()
    response = client.post(
        "/auth/login", data={"email": contributor.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    mine = text(client.get(f"{BALLOTS}/{ballot.number}"))
    assert "Voter" in mine.split()
    assert "Voir ou modifier mes votes" not in mine
    assert "Excellent" in text(client.get(f"{BALLOTS}/{ballot.number}/vote"))

    # Loading the demo again changes nothing.
    counts = [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Ballot, Vote, PaperTally)
    ]
    assert load_demo() is None
    db.session.commit()
    assert counts == [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Ballot, Vote, PaperTally)
    ]
