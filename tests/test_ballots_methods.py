"""Ballots through HTTP, method by method: approval, consent, dot voting, majority judgment
ranking; quorum, paper tallies, live and frozen results, secrecy, pinned revisions and
scheduled ballots."""

from __future__ import annotations

import copy
import html as html_lib
import re
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select

from auth.models import User
from plan.actions.content import empty_content
from plan.actions.models import Action, ActionStatus
from plan.actions.services import revise_action
from plan.extensions import db
from plan.frame.models import College, Plan
from plan.journal.models import AuditEvent
from plan.members.models import Membership, Role
from plan.voting.models import (
    Ballot,
    BallotItem,
    BallotResult,
    BallotStatus,
    PaperTally,
    Vote,
)
from plan.voting.services import utcnow
from plan.voting.tally import count_ballot
from tests.conftest import login, make_action, make_member, make_plan, make_user

SLUG = "vallee"
BALLOTS = f"/plans/{SLUG}/ballots"

# Distinctive names: none of them can turn up in a page by chance.
NAMES = [
    "Bérangère Ombrelune",
    "Casimir Vellédazur",
    "Domitille Quenouillard",
    "Eustache Pimprenelle",
    "Firmin Galopinot",
    "Ghislaine Fanfreluche",
    "Hippolyte Barbotine",
    "Isaure Cornemusier",
    "Joachim Serpolette",
    "Léocadie Tournesolaire",
]
TITLES = ["Navette solidaire", "Café des aidants", "Jardins partagés"]


def plain(page: str | object) -> str:
    """The page's text: tags out, entities decoded, every run of spaces (no-break ones
    included) as one space."""
    raw = page if isinstance(page, str) else page.get_data(as_text=True)  # type: ignore[attr-defined]
    raw = re.sub(r"<script.*?</script>", " ", raw, flags=re.S)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return re.sub(r"\s+", " ", html_lib.unescape(raw))


def section(page: str, anchor: str = 'id="resultats"') -> str:
    """The results section of a ballot page."""
    assert anchor in page
    return page.split(anchor, 1)[1].split("</section>", 1)[0]


class World:
    """A plan with three submitted actions (one per challenge: references 1.1, 2.1 and 3.1),
    a facilitator (logged in on `client`), ten voters, two in each of the five colleges
    (voter i in college i % 5), and a contributor who never votes."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app = app
        self.client = client
        self.plan = make_plan(SLUG, challenges=3)
        self.facilitator = make_user("animatrice@example.org", name="Anna Animatrice")
        make_member(self.facilitator, self.plan, Role.FACILITATOR)
        self.voters: list[User] = []
        for index, name in enumerate(NAMES):
            user = make_user(f"votant{index}@example.org", name=name)
            make_member(user, self.plan, Role.CONTRIBUTOR, self.plan.colleges[index % 5])
            self.voters.append(user)
        self.bystander = make_user("octave@example.org", name="Octave Spectateur")
        make_member(self.bystander, self.plan, Role.CONTRIBUTOR, self.plan.colleges[2])
        self.actions = [
            make_action(self.plan, self.facilitator, title, challenge=position)
            for position, title in enumerate(TITLES, start=1)
        ]
        self._clients: dict[int, FlaskClient] = {}
        login(client, self.facilitator)

    @property
    def colleges(self) -> list[College]:
        return list(db.session.get(Plan, self.plan.id).colleges)

    def as_(self, user: User) -> FlaskClient:
        if user.id not in self._clients:
            other = self.app.test_client()
            login(other, user)
            self._clients[user.id] = other
        return self._clients[user.id]

    def create(self, actions: list[Action], method: str = "majority_judgment", **extra: str):
        data = {
            "title": "Scrutin de l'atelier",
            "method": method,
            "action_ids": [action.id for action in actions],
            "challenge_id": "0",
            **extra,
        }
        response = self.client.post(f"{BALLOTS}/new", data=data)
        assert response.status_code == 302, plain(response)
        return self.ballot(int(response.headers["Location"].rsplit("/", 1)[1]))

    def ballot(self, number: int) -> Ballot:
        db.session.expire_all()
        ballot = db.session.scalar(
            select(Ballot).where(Ballot.plan_id == self.plan.id, Ballot.number == number)
        )
        assert ballot is not None
        return ballot

    def vote(self, user: User, item: BallotItem, choice: str, reason: str = "", **kwargs):
        number = db.session.get(Ballot, item.ballot_id).number
        return self.as_(user).post(
            f"{BALLOTS}/{number}/items/{item.id}/vote",
            data={"choice": choice, "reason": reason},
            **kwargs,
        )

    def votes(self, item: BallotItem, choices: list[str]) -> None:
        """Voter i votes choices[i] (None: does not vote)."""
        for voter, choice in zip(self.voters, choices, strict=True):
            if choice is not None:
                response = self.vote(voter, item, choice)
                assert response.status_code == 302, plain(response)

    def close(self, number: int, client: FlaskClient | None = None):
        return (client or self.client).post(f"{BALLOTS}/{number}/close")

    def page(self, number: int, client: FlaskClient | None = None) -> str:
        response = (client or self.client).get(f"{BALLOTS}/{number}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    def statuses(self) -> list[ActionStatus]:
        db.session.expire_all()
        return [db.session.get(Action, action.id).status for action in self.actions]


@pytest.fixture
def world(app: Flask, client: FlaskClient) -> World:
    return World(app, client)


# --------------------------------------------------------------------------- approval


def test_approval_adopts_sends_back_to_rework_or_rejects(world: World) -> None:
    ballot = world.create(world.actions, "approval", open_now="y")
    adopted, rework, rejected = ballot.items
    # Colleges: voters 0 and 5 speak for « Associations et ESS », 1 and 6 for the next, ...
    # 90 % « for » (the first college at exactly 50 %); voter 9 abstains.
    world.votes(
        adopted, ["for", "for", "for", "for", "for", "against", "for", "for", "for", "abstain"]
    )
    # 80 % « for » overall, but « Associations et ESS » at 0 %.
    world.votes(
        rework, ["against", "for", "for", "for", "for", "against", "for", "for", "for", "for"]
    )
    # 40 % « for »: three colleges against, two for.
    against = ["against", "against", "against", "for", "for"] * 2
    world.votes(rejected, against)
    assert world.statuses() == [ActionStatus.IN_BALLOT] * 3

    assert world.close(ballot.number).status_code == 302
    page = plain(world.page(ballot.number))
    assert (
        "Adoptée : 90 % de « pour » parmi les suffrages exprimés (seuil 66,7 %), "
        "10 votant·es dans 5 collèges, chaque collège à 50 % ou plus."
    ) in page
    assert (
        "À retravailler : 80 % de « pour », mais le collège « Associations et ESS » est sous "
        "50 % (10 votant·es dans 5 collèges)."
    ) in page
    assert (
        "Non retenue : 40 % de « pour » parmi les suffrages exprimés, sous 50 % "
        "(10 votant·es dans 5 collèges)."
    ) in page
    assert "Pour 8 · Contre 1 · Abstention 1" in page
    assert world.statuses() == [
        ActionStatus.ADOPTED,
        ActionStatus.TO_REWORK,
        ActionStatus.REJECTED,
    ]
    stored = world.ballot(ballot.number).result.data
    assert [entry["result"]["outcome"] for entry in stored["items"]] == [
        "adopted",
        "to_rework",
        "rejected",
    ]
    fiche = world.client.get(f"/plans/{SLUG}/actions/2.1").get_data(as_text=True)
    assert 'class="status status-to_rework">À retravailler<' in fiche


def test_an_approval_vote_outside_the_choices_is_refused(world: World) -> None:
    ballot = world.create(world.actions[:1], "approval", open_now="y")
    response = world.vote(world.voters[0], ballot.items[0], "bien")
    assert response.status_code == 422
    assert "Choisissez l'une des réponses proposées." in plain(response)
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 0


# --------------------------------------------------------------------------- consent

OBJECTION = "Le budget de fonctionnement de la deuxième année n'est pas financé."
RESOLVED = "Le tracé longe une école sans trottoir sécurisé."
NOTE = "Le département a confirmé le financement ; le tracé évite l'école (amendement 3)."


def _consent_ballot(world: World, public: bool) -> tuple[Ballot, Vote, Vote]:
    extra = {"public_votes": "y"} if public else {}
    ballot = world.create(world.actions, "consent", open_now="y", **extra)
    first, second, third = ballot.items
    objector, resolved_objector = world.voters[3], world.voters[8]

    refused = world.vote(objector, first, "object", reason="  ")
    assert refused.status_code == 422
    assert "Une objection doit être motivée" in plain(refused)

    for index, voter in enumerate(world.voters):
        assert world.vote(voter, third, "consent").status_code == 302
        if voter is objector:
            assert world.vote(voter, first, "object", reason=OBJECTION).status_code == 302
        else:
            assert world.vote(voter, first, "consent").status_code == 302
        if voter is resolved_objector:
            assert world.vote(voter, second, "object", reason=RESOLVED).status_code == 302
        else:
            choice = "stand_aside" if index == 9 else "consent"
            assert world.vote(voter, second, choice).status_code == 302
    objection = db.session.scalar(select(Vote).where(Vote.reason == OBJECTION))
    other = db.session.scalar(select(Vote).where(Vote.reason == RESOLVED))

    # A resolution needs its note.
    empty = world.client.post(
        f"{BALLOTS}/{ballot.number}/votes/{other.id}/resolve", data={"note": ""}
    )
    assert empty.status_code == 422
    assert "Écrivez comment l'objection est résolue." in plain(empty)
    resolved = world.client.post(
        f"{BALLOTS}/{ballot.number}/votes/{other.id}/resolve", data={"note": NOTE}
    )
    assert resolved.status_code == 302
    return ballot, objection, other


def _assert_consent_outcomes(world: World, page: str) -> None:
    assert "À retravailler : 1 objection n'est pas résolue (10 votant·es dans 5 collèges)." in page
    assert (
        "Adoptée par consentement : 1 objection soulevée et résolue (10 votant·es dans 5 collèges)."
    ) in page
    assert "Adoptée par consentement : aucune objection (10 votant·es dans 5 collèges)." in page
    assert f"Résolue par Anna Animatrice : {NOTE}" in page
    assert world.statuses() == [
        ActionStatus.TO_REWORK,
        ActionStatus.ADOPTED,
        ActionStatus.ADOPTED,
    ]


def test_consent_in_a_secret_ballot_shows_reasons_without_the_objectors(world: World) -> None:
    ballot, objection, _other = _consent_ballot(world, public=False)
    objectors = [NAMES[3], NAMES[8]]
    open_page = plain(world.page(ballot.number))
    assert f"« {OBJECTION} »" in open_page
    assert f"« {RESOLVED} »" in open_page
    for name in objectors:
        assert name not in open_page

    assert world.close(ballot.number).status_code == 302
    # Too late to resolve the remaining objection: it stays unresolved.
    late = world.client.post(
        f"{BALLOTS}/{ballot.number}/votes/{objection.id}/resolve", data={"note": "Trop tard."}
    )
    assert late.status_code == 409
    db.session.expire_all()
    assert db.session.get(Vote, objection.id).resolved_at is None

    for reader in (world.client, world.as_(world.bystander), world.app.test_client()):
        page = plain(world.page(ballot.number, reader))
        assert f"« {OBJECTION} »" in page
        for name in objectors:
            assert name not in page
    _assert_consent_outcomes(world, plain(world.page(ballot.number)))


def test_consent_in_a_public_ballot_names_the_objectors(world: World) -> None:
    ballot, _objection, _other = _consent_ballot(world, public=True)
    assert world.close(ballot.number).status_code == 302
    page = plain(world.page(ballot.number, world.as_(world.bystander)))
    assert f"{NAMES[3]} : « {OBJECTION} »" in page
    assert f"{NAMES[8]} : « {RESOLVED} »" in page
    _assert_consent_outcomes(world, page)


# --------------------------------------------------------------------------- dot voting


def test_dot_voting_counts_live_ranks_and_gives_statuses_back(world: World) -> None:
    rework = db.session.get(Action, world.actions[1].id)
    rework.status = ActionStatus.TO_REWORK
    db.session.commit()
    ballot = world.create(world.actions, "dot_voting", open_now="y")
    first, second, third = ballot.items
    voter = world.as_(world.voters[0])
    url = f"{BALLOTS}/{ballot.number}/vote"

    form = voter.get(url).get_data(as_text=True)
    assert 'data-dots="5"' in form
    assert re.search(r"<span data-dots-left[^>]*>5 gommettes restantes</span>", form)

    answer = voter.post(url, data={f"dots-{first.id}": "1", f"dots-{second.id}": "3"})
    assert answer.status_code == 302
    form = voter.get(url).get_data(as_text=True)
    assert re.search(r"<span data-dots-left[^>]*>1 gommette restante</span>", form)
    assert re.search(rf'name="dots-{second.id}"[^>]*value="3"', form)

    def mine() -> dict[int, int]:
        db.session.expire_all()
        rows = db.session.scalars(select(Vote).where(Vote.voter_id == world.voters[0].id)).all()
        assert len(rows) == len({row.item_id for row in rows})
        return {row.item_id: row.dots for row in rows}

    assert mine() == {first.id: 1, second.id: 3, third.id: 0}
    # Changing the allocation keeps one row per voter and item.
    changed = voter.post(
        url, data={f"dots-{first.id}": "0", f"dots-{second.id}": "2", f"dots-{third.id}": "3"}
    )
    assert changed.status_code == 302
    assert mine() == {first.id: 0, second.id: 2, third.id: 3}
    form = voter.get(url).get_data(as_text=True)
    assert re.search(r"<span data-dots-left[^>]*>0 gommette restante</span>", form)
    # Too many dots: refused, nothing changes.
    refused = voter.post(
        url, data={f"dots-{first.id}": "3", f"dots-{second.id}": "2", f"dots-{third.id}": "1"}
    )
    assert refused.status_code == 422
    assert "Vous avez 5 gommettes à répartir, pas plus." in plain(refused)
    assert mine() == {first.id: 0, second.id: 2, third.id: 3}
    assert "votre vote : 3 gommettes" in plain(world.page(ballot.number, voter))

    # The others: 3.1 gets the most dots, then 2.1, then 1.1.
    for other in world.voters[1:]:
        response = world.as_(other).post(
            url, data={f"dots-{first.id}": "1", f"dots-{second.id}": "1", f"dots-{third.id}": "3"}
        )
        assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 30

    assert world.close(ballot.number).status_code == 302
    page = plain(world.page(ballot.number))
    results = plain(section(world.page(ballot.number)))
    assert (
        "Classement par gommettes : 10 votant·es dans 5 collèges, 5 gommettes chacun·e, "
        "au plus 3 sur une action. Le vote par gommettes classe les actions ; il n'en adopte "
        "aucune."
    ) in page
    first_place = results.index("N° 1 3.1 Jardins partagés")
    second_place = results.index("N° 2 2.1 Café des aidants")
    third_place = results.index("N° 3 1.1 Navette solidaire")
    assert first_place < second_place < third_place
    assert "30 gommettes · de 10 votant·es" in results
    assert "Devant 2.1 : un score plus élevé une fois les collèges pondérés (" in results
    assert "Devant 1.1 : un score plus élevé une fois les collèges pondérés (" in results
    # Dot voting ranks, it adopts nothing: each action has its status of before.
    assert world.statuses() == [
        ActionStatus.SUBMITTED,
        ActionStatus.TO_REWORK,
        ActionStatus.SUBMITTED,
    ]


# --------------------------------------------------------------------------- quorum


def test_insufficient_participation_sends_the_action_back_to_discussion(world: World) -> None:
    first_college = world.colleges[0]
    for index in range(3):
        user = make_user(f"renfort{index}@example.org", name=f"Renfort {index}")
        make_member(user, world.plan, Role.CONTRIBUTOR, first_college)
        world.voters.append(user)
    ballot = world.create(world.actions[:2], "approval", open_now="y")
    few, one_college = ballot.items
    # Four voters in four colleges; five voters, all in « Associations et ESS ».
    for voter in world.voters[:4]:
        assert world.vote(voter, few, "for").status_code == 302
    for voter in [world.voters[0], world.voters[5], *world.voters[10:]]:
        assert world.vote(voter, one_college, "for").status_code == 302
    fiche = world.client.get(f"/plans/{SLUG}/actions/1.1").get_data(as_text=True)
    assert 'class="status status-in_ballot">Au vote<' in fiche

    assert world.close(ballot.number).status_code == 302
    page = plain(world.page(ballot.number))
    assert (
        "Participation insuffisante : 4 votant·es dans 4 collèges, alors qu'il faut au moins "
        "5 votant·es dans 2 collèges."
    ) in page
    assert (
        "Participation insuffisante : 5 votant·es dans 1 collège, alors qu'il faut au moins "
        "5 votant·es dans 2 collèges."
    ) in page
    assert world.statuses()[:2] == [ActionStatus.SUBMITTED, ActionStatus.SUBMITTED]
    for reference in ("1.1", "2.1"):
        fiche = world.client.get(f"/plans/{SLUG}/actions/{reference}").get_data(as_text=True)
        assert 'class="status status-submitted">En discussion<' in fiche


# --------------------------------------------------------------------------- paper tallies


def test_paper_tallies_count_replace_and_disappear(world: World) -> None:
    ballot = world.create(world.actions[:1], "approval", open_now="y", live_results="y")
    (item,) = ballot.items
    for voter in world.voters[:5]:  # one per college, all for
        assert world.vote(voter, item, "for").status_code == 302
    companies, funders = world.colleges[2], world.colleges[3]
    url = f"{BALLOTS}/{ballot.number}/items/{item.id}/paper"

    def enter(college: College, votes_for: int, against: int = 0, note: str = ""):
        return world.client.post(
            url,
            data={
                "college_id": college.id,
                "count_for": votes_for,
                "count_against": against,
                "count_abstain": 0,
                "note": note,
            },
        )

    def tallies() -> list[PaperTally]:
        db.session.expire_all()
        return list(db.session.scalars(select(PaperTally)))

    # Only a facilitator enters paper votes.
    refused = world.as_(world.voters[0]).post(
        url, data={"college_id": companies.id, "count_for": 3, "count_against": 0}
    )
    assert refused.status_code == 403
    assert tallies() == []

    assert enter(companies, 3, note="Main levée, atelier du 12 mars").status_code == 302
    page = plain(world.page(ballot.number))
    assert "8 votant·es, dont 3 votes papier." in page
    assert "Votes papier : Entreprises 3 (Main levée, atelier du 12 mars)" in page
    assert "Entreprises 4 (3 sur papier)" in page

    # Entering the same college again replaces its counts.
    assert enter(companies, 1, against=1).status_code == 302
    assert [(t.college_id, t.counts["for"], t.counts["against"]) for t in tallies()] == [
        (companies.id, 1, 1)
    ]
    page = plain(world.page(ballot.number))
    assert "7 votant·es, dont 2 votes papier." in page
    assert "dont 3 votes papier" not in page
    assert "dont 5 votes papier" not in page
    assert "Entreprises 3 (2 sur papier)" in page

    # All zero: the tally is gone.
    assert enter(companies, 0).status_code == 302
    assert tallies() == []
    page = plain(world.page(ballot.number))
    assert "5 votant·es dans 5 collèges" in page
    assert "votes papier." not in page
    assert "sur papier" not in page
    assert "Votes papier :" not in page

    assert enter(funders, 2).status_code == 302
    assert world.close(ballot.number).status_code == 302
    page = plain(world.page(ballot.number))
    assert "7 votant·es, dont 2 votes papier." in page
    assert "Financeurs 3 (2 sur papier)" in page
    assert "7 votant·es dans 5 collèges" in page
    # A closed ballot takes no more paper votes.
    assert enter(funders, 5).status_code == 409
    assert [t.counts["for"] for t in tallies()] == [2]


# --------------------------------------------------------------------------- live results


def test_results_are_hidden_while_open_unless_shown_live(world: World) -> None:
    hidden = world.create(world.actions[:1], "approval", open_now="y")
    live = world.create(world.actions[1:2], "approval", open_now="y", live_results="y")
    assert world.vote(world.voters[0], hidden.items[0], "for").status_code == 302
    assert world.vote(world.voters[0], live.items[0], "for").status_code == 302

    page = plain(world.page(hidden.number))
    assert "Les résultats seront publiés à la clôture du scrutin." in page
    assert "Résultats en direct" not in page
    assert "Participation insuffisante" not in page
    assert "votant·e" not in page

    page = plain(world.page(live.number, world.as_(world.bystander)))
    assert "Résultats en direct" in page
    assert "Le scrutin est encore ouvert : ces chiffres changeront jusqu'à sa clôture." in page
    assert (
        "Participation insuffisante : 1 votant·e dans 1 collège, alors qu'il faut au moins "
        "5 votant·es dans 2 collèges."
    ) in page
    for voter in world.voters[1:]:
        assert world.vote(voter, live.items[0], "for").status_code == 302
    page = plain(world.page(live.number, world.as_(world.bystander)))
    assert "Adoptée : 100 % de « pour » parmi les suffrages exprimés" in page
    assert db.session.scalar(select(func.count()).select_from(BallotResult)) == 0

    assert world.close(hidden.number).status_code == 302
    page = plain(world.page(hidden.number))
    assert "Résultats en direct" not in page
    assert "Participation insuffisante : 1 votant·e dans 1 collège" in page


# --------------------------------------------------------------------------- frozen results


def test_closed_results_do_not_move_when_members_change(world: World) -> None:
    ballot = world.create(world.actions[:2], open_now="y")
    first, second = ballot.items
    world.votes(first, ["tres_bien", "bien", "bien", "bien", "assez_bien"] * 2)
    world.votes(second, ["passable", "insuffisant", "bien", "assez_bien", "passable"] * 2)
    assert world.close(ballot.number).status_code == 302
    before_page = world.page(ballot.number)
    before = section(before_page)
    stored = copy.deepcopy(world.ballot(ballot.number).result.data)
    assert "10 votant·es dans 5 collèges" in plain(before)

    # Voter 0 now speaks for another college; voter 1 deletes their account; voter 2
    # leaves the plan.
    membership = db.session.scalar(
        select(Membership).where(Membership.user_id == world.voters[0].id)
    )
    membership.college_id = world.colleges[4].id
    db.session.execute(delete(Membership).where(Membership.user_id == world.voters[2].id))
    db.session.execute(delete(User).where(User.id == world.voters[1].id))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 18

    after = section(world.page(ballot.number))
    assert after == before
    ballot = world.ballot(ballot.number)
    assert ballot.result.data == stored
    # What a recount would say now differs: the frozen figures are really frozen.
    assert count_ballot(ballot) != stored


def test_closed_results_are_rendered_once_per_language(world: World, tmp_path, monkeypatch) -> None:
    """The frozen count's section is kept (plan.rendered): drawn once per language."""
    from plan.voting import ballots as ballot_views

    world.app.config.update(CAPCOMMUN_RENDER_CACHE_MB=16, CAPCOMMUN_RENDER_CACHE_DIR=str(tmp_path))
    drawn = []
    original = ballot_views.render_template

    def counting(name, **context):  # type: ignore[no-untyped-def]
        drawn.append(name)
        return original(name, **context)

    monkeypatch.setattr(ballot_views, "render_template", counting)
    ballot = world.create(world.actions[:2], open_now="y")
    first, second = ballot.items
    world.votes(first, ["tres_bien", "bien", "bien", "bien", "assez_bien"] * 2)
    world.votes(second, ["passable", "insuffisant", "bien", "assez_bien", "passable"] * 2)
    open_page = section(world.page(ballot.number))
    assert "voting/_results.html" not in drawn  # results hidden while open
    assert world.close(ballot.number).status_code == 302
    french = section(world.page(ballot.number))
    again = section(world.page(ballot.number))
    english = world.client.get(
        f"{BALLOTS}/{ballot.number}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert french == again
    assert french != open_page
    assert "10 votant·es dans 5 collèges" in plain(french)
    assert "10 voters in 5 colleges" in plain(section(english))
    assert drawn.count("voting/_results.html") == 2


# --------------------------------------------------------------------------- secrecy


def test_a_secret_ballot_shows_nobody_who_voted_what(world: World) -> None:
    ballot = world.create(world.actions[:2], open_now="y", live_results="y")
    first, second = ballot.items
    world.votes(first, ["tres_bien", "bien", "bien", "bien", "assez_bien"] * 2)
    world.votes(second, ["passable", "insuffisant", "bien", "assez_bien", "passable"] * 2)
    assert world.vote(world.voters[0], first, "excellent").status_code == 302

    def check(page: str) -> None:
        for name in NAMES:
            assert name not in page
        assert "votre vote" not in page
        assert "scrutin public" not in page

    check(plain(world.page(ballot.number)))
    check(plain(world.page(ballot.number, world.as_(world.bystander))))
    own = plain(world.page(ballot.number, world.as_(world.voters[0])))
    assert "votre vote : Excellent" in own
    assert "votre vote : Passable" in own
    for name in NAMES[1:]:
        assert name not in own

    assert world.close(ballot.number).status_code == 302
    for reader in (world.client, world.as_(world.bystander), world.app.test_client()):
        check(plain(world.page(ballot.number, reader)))

    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("vote.%"))).all()
    assert len(events) == 21
    for event in events:
        assert set(event.data) == {"ballot", "reference"}


def test_a_public_ballot_shows_who_voted_what(world: World) -> None:
    ballot = world.create(world.actions[:1], open_now="y", public_votes="y")
    (item,) = ballot.items
    world.votes(item, ["tres_bien", "bien", "bien", "bien", "assez_bien"] * 2)
    page = plain(world.page(ballot.number, world.as_(world.bystander)))
    assert "10 votes (scrutin public)" in page
    assert f"{NAMES[0]} (Associations et ESS) : Très bien" in page
    assert f"{NAMES[4]} (Habitant·es et citoyen·nes) : Assez bien" in page
    for name in NAMES:
        assert name in page

    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vote.cast")).all()
    choices = {(event.actor_id, event.data["choice"]) for event in events}
    assert (world.voters[0].id, "tres_bien") in choices
    assert (world.voters[4].id, "assez_bien") in choices
    assert len(choices) == 10


# --------------------------------------------------------------------------- pinned revision


def _new_revision(action: Action, title: str, author: User) -> None:
    action = db.session.get(Action, action.id)
    content = {**empty_content(), **action.current_revision.content, "title": title}
    revise_action(action, content, author, "Nouveau tracé")
    db.session.commit()


def test_opening_pins_the_revision_and_locks_the_fiche(world: World) -> None:
    action = world.actions[0]
    ballot = world.create([action])
    (item,) = ballot.items
    assert item.revision_id is None
    _new_revision(action, "Navette solidaire renforcée", world.facilitator)
    action = db.session.get(Action, action.id)
    assert action.current_revision.number == 2

    assert world.client.post(f"{BALLOTS}/{ballot.number}/open").status_code == 302
    db.session.expire_all()
    item = db.session.get(BallotItem, item.id)
    action = db.session.get(Action, action.id)
    assert item.revision_id == action.current_revision_id
    assert item.revision.number == 2
    assert action.status == ActionStatus.IN_BALLOT
    assert "La version 2 de la fiche est soumise au vote." in plain(world.page(ballot.number))

    edit = f"/plans/{SLUG}/actions/1.1/edit"
    assert world.client.get(edit).status_code == 409
    refused = world.client.post(edit, data={"title": "Autre chose", "change_note": "Essai"})
    assert refused.status_code == 409
    db.session.expire_all()
    assert db.session.get(Action, action.id).current_revision.number == 2

    # Nor can it be merged into another action: its ballot's closing sets its status.
    merge = f"/plans/{SLUG}/actions/1.1/merge"
    assert world.client.get(merge).status_code == 409
    refused = world.client.post(merge, data={"target": world.actions[1].reference})
    assert refused.status_code == 409
    assert "statut « Au vote » : elle ne peut pas passer au statut « Fusionnée »" in plain(
        refused.text
    )
    db.session.expire_all()
    assert db.session.get(Action, action.id).status == ActionStatus.IN_BALLOT

    world.votes(item, ["bien", "passable", "insuffisant", "passable", "a_rejeter"] * 2)
    assert world.close(ballot.number).status_code == 302
    _new_revision(action, "Navette solidaire, troisième version", world.facilitator)
    results = plain(section(world.page(ballot.number)))
    assert "1.1 Navette solidaire renforcée" in results
    assert "version 2 de la fiche" in results
    assert "troisième version" not in results


# --------------------------------------------------------------------------- schedule


def test_scheduled_ballots_open_and_close_when_their_page_is_read(world: World) -> None:
    ballot = world.create(world.actions[:1], "approval")
    assert ballot.status == BallotStatus.PLANNED
    ballot.opens_at = utcnow() - timedelta(minutes=10)
    db.session.commit()

    page = plain(world.page(ballot.number, world.as_(world.bystander)))
    ballot = world.ballot(ballot.number)
    assert ballot.status == BallotStatus.OPEN
    assert ballot.opened_at is not None
    assert ballot.items[0].revision_id == world.actions[0].current_revision_id
    assert world.statuses()[0] == ActionStatus.IN_BALLOT
    assert "Ouvert" in page
    world.votes(ballot.items[0], ["for"] * 10)

    ballot.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(BallotResult)) == 0
    page = plain(world.page(ballot.number, world.as_(world.bystander)))
    ballot = world.ballot(ballot.number)
    assert ballot.status == BallotStatus.CLOSED
    assert ballot.result is not None
    assert ballot.result.data["items"][0]["result"]["outcome"] == "adopted"
    assert "Adoptée : 100 % de « pour »" in page
    assert world.statuses()[0] == ActionStatus.ADOPTED


def test_a_ballot_whose_whole_schedule_has_passed_opens_and_closes_at_once(world: World) -> None:
    ballot = world.create(world.actions[:1], "approval")
    ballot.opens_at = utcnow() - timedelta(hours=2)
    ballot.closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    listing = world.client.get(BALLOTS)
    assert listing.status_code == 200
    ballot = world.ballot(ballot.number)
    assert ballot.status == BallotStatus.CLOSED
    assert ballot.result is not None
    assert "Participation insuffisante : 0 votant·e dans 0 collège" in plain(
        world.page(ballot.number)
    )
    assert world.statuses()[0] == ActionStatus.SUBMITTED


def test_a_vote_sent_after_the_scheduled_closing_is_refused(world: World) -> None:
    ballot = world.create(world.actions[:1], "approval", open_now="y")
    world.votes(ballot.items[0], ["for"] * 5 + [None] * 5)
    ballot.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    # Nobody read a ballot page since the closing time: the vote must still be refused.
    late = world.vote(world.voters[5], ballot.items[0], "against")
    assert late.status_code == 409
    ballot = world.ballot(ballot.number)
    world.page(ballot.number)
    ballot = world.ballot(ballot.number)
    assert ballot.status == BallotStatus.CLOSED
    assert ballot.result.data["items"][0]["result"]["votes_against"] == 0


def test_the_form_times_are_paris_times_stored_in_utc(world: World) -> None:
    ballot = world.create(
        world.actions[:1], opens_at="2030-03-12T18:00", closes_at="2030-07-01T18:00"
    )
    assert ballot.opens_at == datetime(2030, 3, 12, 17, 0)  # winter time, UTC+1
    assert ballot.closes_at == datetime(2030, 7, 1, 16, 0)  # summer time, UTC+2
    assert ballot.status == BallotStatus.PLANNED
    page = plain(world.page(ballot.number))
    assert "ouverture le 12/03/2030 18:00" in page
    assert "clôture le 01/07/2030 18:00" in page


def test_closing_before_opening_is_refused_by_the_form(world: World) -> None:
    response = world.client.post(
        f"{BALLOTS}/new",
        data={
            "title": "À l'envers",
            "method": "approval",
            "action_ids": [world.actions[0].id],
            "challenge_id": "0",
            "opens_at": "2030-03-12T18:00",
            "closes_at": "2030-03-12T17:00",
        },
    )
    assert response.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 0


# --------------------------------------------------------------------------- ranking


def test_majority_judgment_ranks_by_grade_then_gauge_with_reasons(world: World) -> None:
    ballot = world.create(world.actions, open_now="y")
    worst, middle, best = ballot.items  # ballot order: 1.1, 2.1, 3.1
    # 3.1: « Bien » with 40 % above and 10 % below (Bien +).
    world.votes(best, ["tres_bien"] * 4 + ["bien"] * 5 + ["passable"])
    # 2.1: « Bien » with 20 % above and 30 % below (Bien minus).
    world.votes(middle, ["tres_bien"] * 2 + ["bien"] * 5 + ["assez_bien"] * 3)
    # 1.1: « Assez bien ».
    world.votes(worst, ["assez_bien"] * 6 + ["passable"] * 4)
    assert world.close(ballot.number).status_code == 302

    results = plain(section(world.page(ballot.number)))
    places = [
        results.index("N° 1 3.1 Jardins partagés"),
        results.index("N° 2 2.1 Café des aidants"),
        results.index("N° 3 1.1 Navette solidaire"),
    ]
    assert places == sorted(places)
    gauge_reason = (
        "Devant 2.1 : même mention majoritaire, meilleure jauge (« Bien + », 40 % au-dessus "
        "et 10 % en dessous, contre « Bien \N{MINUS SIGN} », 20 % et 30 %)."
    )
    grade_reason = "Devant 1.1 : meilleure mention majoritaire (« Bien » contre « Assez bien »)."
    assert places[0] < results.index(gauge_reason) < places[1]
    assert places[1] < results.index(grade_reason) < places[2]
    ranking = world.ballot(ballot.number).result.data["ranking"]
    assert [row["item"] for row in ranking["items"]] == [best.id, middle.id, worst.id]
    assert [step["reason"] for step in ranking["steps"]] == ["gauge", "grade"]


# --------------------------------------------------------------------------- htmx


def test_the_htmx_vote_returns_the_item_fragment(world: World) -> None:
    ballot = world.create(world.actions[:2], open_now="y")
    first, second = ballot.items
    response = world.vote(world.voters[0], first, "bien", headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert "Vote enregistré" in plain(fragment)
    assert "<html" not in fragment
    assert fragment.lstrip().startswith(f'<li class="vote-item" id="item-{first.id}">')
    assert f'id="item-{second.id}"' not in fragment
    assert re.search(rf'value="bien" id="choice-{first.id}-bien" checked', fragment)
    vote = db.session.scalar(select(Vote).where(Vote.item_id == first.id))
    assert (vote.voter_id, vote.choice) == (world.voters[0].id, "bien")

    invalid = world.vote(world.voters[0], first, "merveilleux", headers={"HX-Request": "true"})
    assert invalid.status_code == 422
    assert "Choisissez l'une des réponses proposées." in plain(invalid)
    assert "<html" not in invalid.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Vote.choice).where(Vote.item_id == first.id)) == "bien"
