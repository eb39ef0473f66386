"""Scrutins du plan de démonstration « Hautes-Alpes — Territoire French Impact ».

Données purement déclaratives, complément de actions.py : cinq scrutins, dans l'ordre où
ils ont eu lieu, chacun avec ses votes. Quatre sont clos en 2021 et montrent chacun une
méthode de vote et des résultats différents ; le dernier est ouvert : plusieurs membres
ont déjà voté, mais pas la contributrice de démonstration (contributrice@example.org),
qui peut y voter elle-même.

Résultats attendus avec les règles de consensus par défaut du plan (quorum de 5
votant·es dans 2 collèges, adoption à « Assez bien », veto sous « Passable » pour un
collège d'au moins 2 votant·es, collèges à poids égaux) :

1. jugement majoritaire, atelier du Défi 2 : 2.3 adoptée, 2.2 à retravailler (le collège
   « Entreprises » est sous « Passable »), 2.6 non retenue ; vote à main levée des
   habitant·es sans compte, saisi comme votes papier ;
2. gommettes, Défi 1 : classement, les fiches redeviennent « En discussion » ;
3. approbation, Défi 1 : 1.8 et 1.2 adoptées, 1.1 à retravailler (le collège
   « Financeurs » est sous 50 % de « pour ») ;
4. consentement, comité de pilotage (vote public) : 3.1 adoptée après une objection
   résolue, 3.4 à retravailler (objection non résolue) ;
5. jugement majoritaire ouvert, Défi 3 : 3.2, 3.5 et 3.6.

Conventions :

- « actions » donne les références des fiches (« 2.3 »), dans l'ordre du bulletin ;
- « votes » associe à chaque votant·e (adresse exacte de content.MEMBERS) ses choix, un
  par fiche et dans l'ordre de « actions » (None : ne s'est pas prononcé·e) : mentions du
  jugement majoritaire (excellent, tres_bien, bien, assez_bien, passable, insuffisant,
  a_rejeter), « for », « against » ou « abstain » pour l'approbation, « consent »,
  « stand_aside » ou (« object », raison) pour le consentement ;
- « dots » (vote par gommettes) associe à chaque votant·e ses gommettes par fiche ;
- « paper » : votes papier ou à main levée d'un collège sur une fiche, saisis par
  l'auteur·rice du scrutin ;
- « resolutions » : objections levées pendant le scrutin, avec la note de l'animateur·rice ;
- les dates sont en heure UTC (l'heure de Paris moins une heure en hiver, deux en été) ;
  un scrutin sans « closed_at » reste ouvert.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from auth.models import User
from plan.actions.models import Action
from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Membership
from plan.voting import services
from plan.voting.models import Vote, VoteChannel, VotingMethod

HABITANTS = "Habitant·es et citoyen·nes"

BALLOTS: list[dict[str, Any]] = [
    # =====================================================================================
    # 1 — Jugement majoritaire en atelier : le Défi 2, avec un vote à main levée
    # =====================================================================================
    {
        "title": "Atelier du 12 mars 2021 — Défi 2 : mobilité et insertion",
        "description": (
            "Atelier public à la salle des fêtes de Veynes. Après la présentation de "
            "chaque fiche par son porteur ou sa porteuse et un temps de questions, les "
            "membres de la plateforme votent sur place depuis leur téléphone : chaque "
            "personne attribue une mention à chaque fiche, d'« Excellent » à « À rejeter ».\n\n"
            "Neuf habitant·es venu·es sans compte sur la plateforme ont voté **à main "
            "levée** ; leurs votes sont saisis comme votes papier du collège « Habitant·es "
            "et citoyen·nes ».\n\n"
            "Points forts du débat : la navette inquiète les transporteurs et taxis "
            "locaux, qui craignent une concurrence sur leurs lignes ; les parcours pour "
            "les saisonnier·es laissent entier le problème du logement et ressemblent, "
            "pour beaucoup, à une précarité organisée."
        ),
        "method": "majority_judgment",
        "creator": "animateur@example.org",
        "public_votes": False,
        "channel": "workshop",
        "opened_at": datetime(2021, 3, 12, 14, 15),
        "closed_at": datetime(2021, 3, 12, 16, 40),
        "actions": ["2.3", "2.2", "2.6"],
        "votes": {
            # Associations et ESS (Lucie Borel excusée)
            "coordinatrice@example.org": ("tres_bien", "bien", "passable"),
            "animateur@example.org": ("excellent", "tres_bien", "insuffisant"),
            "helene.garcin@example.org": ("bien", "excellent", "insuffisant"),
            "mathieu.reynaud@example.org": ("bien", "bien", "bien"),
            "nadia.bensalem@example.org": ("tres_bien", "bien", "insuffisant"),
            "pierre.achard@example.org": ("bien", "assez_bien", "insuffisant"),
            "thomas.disdier@example.org": ("tres_bien", "bien", "passable"),
            # Collectivités et acteurs publics
            "bernard.allemand@example.org": ("tres_bien", "bien", "insuffisant"),
            "sandrine.faure@example.org": ("bien", "tres_bien", "assez_bien"),
            "isabelle.martinez@example.org": ("tres_bien", "bien", "passable"),
            "celine.roux@example.org": ("bien", "assez_bien", "assez_bien"),
            "antoine.jullien@example.org": ("bien", "bien", "insuffisant"),
            # Entreprises : transporteurs et taxis contre la navette
            "gilles.bonnafoux@example.org": ("bien", "passable", "assez_bien"),
            "karim.haddad@example.org": ("bien", "a_rejeter", "bien"),
            "emilie.arnaud@example.org": ("tres_bien", "insuffisant", "bien"),
            "laurent.tron@example.org": ("bien", "insuffisant", "assez_bien"),
            "valerie.silvestre@example.org": ("bien", "tres_bien", "excellent"),
            "chloe.motte@example.org": ("excellent", "insuffisant", "bien"),
            # Financeurs (Nicolas Gondre excusé)
            "catherine.vallon@example.org": ("bien", "bien", "insuffisant"),
            "philippe.rolland@example.org": ("bien", "assez_bien", "insuffisant"),
            "sarah.benoit@example.org": ("assez_bien", "bien", "passable"),
            "agnes.brun@example.org": ("bien", "assez_bien", "insuffisant"),
            # Habitant·es et citoyen·nes
            "contributrice@example.org": ("bien", "excellent", "insuffisant"),
            "jeanne.ranguis@example.org": ("tres_bien", "tres_bien", "a_rejeter"),
            "marc.eymard@example.org": ("bien", "tres_bien", "insuffisant"),
            "fatima.ouali@example.org": ("tres_bien", "bien", "insuffisant"),
            "robert.michel@example.org": ("assez_bien", "tres_bien", "a_rejeter"),
            "manon.vincent@example.org": ("bien", "bien", "insuffisant"),
        },
        "paper": [
            {
                "action": "2.3",
                "college": HABITANTS,
                "counts": {"tres_bien": 3, "bien": 4, "assez_bien": 2},
                "note": "à main levée, habitant·es venu·es sans compte",
            },
            {
                "action": "2.2",
                "college": HABITANTS,
                "counts": {"excellent": 2, "tres_bien": 4, "bien": 2, "passable": 1},
                "note": "à main levée, habitant·es venu·es sans compte",
            },
            {
                "action": "2.6",
                "college": HABITANTS,
                "counts": {"passable": 2, "insuffisant": 5, "a_rejeter": 2},
                "note": "à main levée, habitant·es venu·es sans compte",
            },
        ],
    },
    # =====================================================================================
    # 2 — Vote par gommettes : les priorités du Défi 1
    # =====================================================================================
    {
        "title": "Forum en ligne du 10 avril 2021 — Défi 1 : quelles priorités ?",
        "description": (
            "Premier tour de table du **Défi 1 « Circuits courts et agriculture de "
            "montagne »**. Chaque participant·e répartit 5 gommettes entre les fiches "
            "qui lui semblent les plus urgentes (3 au plus sur une même fiche).\n\n"
            "Ce vote ne décide rien : il classe les fiches pour choisir celles que la "
            "consultation en ligne de mai examinera en premier. Toutes les fiches restent "
            "en discussion."
        ),
        "method": "dot_voting",
        "creator": "animateur@example.org",
        "public_votes": False,
        "channel": "online",
        "opened_at": datetime(2021, 4, 10, 8, 0),
        "closed_at": datetime(2021, 4, 10, 10, 30),
        "actions": ["1.1", "1.2", "1.3", "1.4", "1.5", "1.7", "1.8", "1.9"],
        "dots": {
            "coordinatrice@example.org": {"1.1": 2, "1.2": 2, "1.8": 1},
            "thomas.disdier@example.org": {"1.1": 3, "1.2": 1, "1.8": 1},
            "nadia.bensalem@example.org": {"1.8": 3, "1.1": 1, "1.2": 1},
            "mathieu.reynaud@example.org": {"1.5": 3, "1.4": 2},
            "pierre.achard@example.org": {"1.3": 3, "1.4": 1, "1.8": 1},
            "bernard.allemand@example.org": {"1.9": 3, "1.2": 2},
            "olivier.davin@example.org": {"1.4": 3, "1.5": 2},
            "antoine.jullien@example.org": {"1.3": 3, "1.1": 2},
            "sandrine.faure@example.org": {"1.2": 2, "1.1": 2, "1.8": 1},
            "gilles.bonnafoux@example.org": {"1.7": 3, "1.1": 1, "1.9": 1},
            "valerie.silvestre@example.org": {"1.2": 3, "1.1": 2},
            "emilie.arnaud@example.org": {"1.5": 3, "1.9": 2},
            "sarah.benoit@example.org": {"1.8": 2, "1.1": 2, "1.3": 1},
            "catherine.vallon@example.org": {"1.8": 3, "1.2": 2},
            "fatima.ouali@example.org": {"1.8": 3, "1.1": 2},
            "manon.vincent@example.org": {"1.9": 3, "1.1": 2},
            "jeanne.ranguis@example.org": {"1.1": 2, "1.8": 2, "1.2": 1},
        },
    },
    # =====================================================================================
    # 3 — Approbation en ligne : les trois fiches en tête du forum d'avril
    # =====================================================================================
    {
        "title": "Consultation en ligne de mai 2021 — Défi 1 : les trois fiches prioritaires",
        "description": (
            "Les trois fiches arrivées en tête du forum du 10 avril sont soumises à "
            "l'ensemble des membres pendant deux semaines. Pour chacune : **pour**, "
            "**contre** ou **abstention**.\n\n"
            "Une fiche est adoptée avec au moins deux tiers de « pour » et au moins la "
            "moitié de « pour » dans chaque collège."
        ),
        "method": "approval",
        "creator": "coordinatrice@example.org",
        "public_votes": False,
        "channel": "online",
        "opened_at": datetime(2021, 5, 3, 7, 0),
        "closed_at": datetime(2021, 5, 17, 20, 0),
        "actions": ["1.1", "1.8", "1.2"],
        "votes": {
            # Associations et ESS
            "coordinatrice@example.org": ("for", "for", "for"),
            "animateur@example.org": ("for", "for", "for"),
            "helene.garcin@example.org": ("for", "for", "abstain"),
            "mathieu.reynaud@example.org": ("for", "for", "for"),
            "nadia.bensalem@example.org": ("for", "for", "for"),
            "pierre.achard@example.org": ("for", "for", "abstain"),
            "thomas.disdier@example.org": ("for", "for", "for"),
            "lucie.borel@example.org": ("abstain", "for", "for"),
            # Collectivités et acteurs publics
            "bernard.allemand@example.org": ("for", "for", "for"),
            "sandrine.faure@example.org": ("abstain", "for", "for"),
            "olivier.davin@example.org": ("for", "for", "for"),
            "isabelle.martinez@example.org": ("for", "for", "for"),
            "francois.chaix@example.org": ("abstain", "for", "abstain"),
            "antoine.jullien@example.org": ("for", "abstain", "for"),
            # Entreprises
            "gilles.bonnafoux@example.org": ("for", "for", "for"),
            "karim.haddad@example.org": ("abstain", "for", "abstain"),
            "emilie.arnaud@example.org": ("for", "abstain", "for"),
            "laurent.tron@example.org": ("for", "for", "against"),
            "valerie.silvestre@example.org": ("for", "for", "for"),
            "chloe.motte@example.org": ("abstain", "for", "for"),
            # Financeurs : l'équilibre économique de la légumerie ne les convainc pas
            "catherine.vallon@example.org": ("for", "for", "for"),
            "philippe.rolland@example.org": ("against", "for", "for"),
            "sarah.benoit@example.org": ("against", "for", "for"),
            "agnes.brun@example.org": ("against", "abstain", "for"),
            "nicolas.gondre@example.org": ("abstain", "for", "abstain"),
            # Habitant·es et citoyen·nes
            "contributrice@example.org": ("for", "for", "for"),
            "jeanne.ranguis@example.org": ("for", "for", "for"),
            "marc.eymard@example.org": ("abstain", "for", "for"),
            "fatima.ouali@example.org": ("for", "for", "abstain"),
            "robert.michel@example.org": ("against", "for", "for"),
            "manon.vincent@example.org": ("for", "for", "for"),
        },
    },
    # =====================================================================================
    # 4 — Consentement en comité de pilotage : le Défi 3 (vote public)
    # =====================================================================================
    {
        "title": "Comité de pilotage du 17 juin 2021 — Défi 3 : bien vieillir",
        "description": (
            "Le comité de pilotage décide **par consentement** : une fiche est adoptée "
            "quand plus personne n'y objecte. Une objection doit être argumentée ; "
            "l'animateur la lève quand la fiche y répond, souvent après un amendement."
        ),
        "method": "consent",
        "creator": "animateur@example.org",
        "public_votes": True,
        "channel": "workshop",
        "opened_at": datetime(2021, 6, 17, 16, 0),
        "closed_at": datetime(2021, 6, 17, 18, 20),
        "actions": ["3.1", "3.4"],
        "votes": {
            "coordinatrice@example.org": ("consent", "consent"),
            "animateur@example.org": ("consent", "consent"),
            "lucie.borel@example.org": ("consent", "consent"),
            "helene.garcin@example.org": ("consent", "consent"),
            "sandrine.faure@example.org": ("consent", "consent"),
            "francois.chaix@example.org": (
                "consent",
                (
                    "object",
                    "Aucun des huit logements n'est prévu pour les personnes handicapées "
                    "vieillissantes du Guillestrois, qui n'ont aucune solution entre le "
                    "domicile parental et l'établissement. J'ai proposé un amendement pour "
                    "leur en réserver deux ; je lèverai mon objection s'il est intégré.",
                ),
            ),
            "celine.roux@example.org": ("consent", "consent"),
            "isabelle.martinez@example.org": ("consent", "consent"),
            "valerie.silvestre@example.org": ("consent", "stand_aside"),
            "laurent.tron@example.org": ("stand_aside", "consent"),
            "catherine.vallon@example.org": ("consent", "stand_aside"),
            "philippe.rolland@example.org": ("consent", "consent"),
            "robert.michel@example.org": (
                (
                    "object",
                    "Confier le repérage des fragilités à des bénévoles risque de décharger "
                    "les services publics de leurs responsabilités. Les bénévoles ne doivent "
                    "rien évaluer eux-mêmes.",
                ),
                "consent",
            ),
            "jeanne.ranguis@example.org": ("consent", "consent"),
            "fatima.ouali@example.org": ("consent", "consent"),
        },
        "resolutions": [
            {
                "action": "3.1",
                "voter": "robert.michel@example.org",
                "by": "animateur@example.org",
                "at": datetime(2021, 6, 17, 17, 5),
                "note": (
                    "La fiche précise que les bénévoles signalent une inquiétude sans rien "
                    "évaluer : c'est la Plateforme d'appui gérontologique qui évalue et "
                    "oriente, avec un rappel par un·e professionnel·le sous 48 heures. "
                    "Robert Michel lève son objection."
                ),
            },
        ],
    },
    # =====================================================================================
    # 5 — Jugement majoritaire en ligne, ouvert : le Défi 3
    # =====================================================================================
    {
        "title": "Vote en ligne — Défi 3 : repérer et accompagner les aîné·es isolé·es",
        "description": (
            "Trois fiches du **Défi 3 « Bien vieillir et rompre l'isolement »** sont "
            "soumises au vote de tous les membres. Donnez une mention à chaque fiche, "
            "d'« Excellent » à « À rejeter » ; vous pouvez changer vos mentions tant que le "
            "scrutin est ouvert.\n\n"
            "Les résultats seront publiés à la clôture, lors du prochain comité de "
            "pilotage."
        ),
        "method": "majority_judgment",
        "creator": "animateur@example.org",
        "public_votes": False,
        "channel": "online",
        "opened_at": None,  # ouvert au chargement de la démonstration
        "closed_at": None,
        "actions": ["3.2", "3.5", "3.6"],
        "votes": {
            "coordinatrice@example.org": ("tres_bien", "bien", "tres_bien"),
            "lucie.borel@example.org": ("tres_bien", "tres_bien", "bien"),
            "helene.garcin@example.org": ("bien", "bien", "assez_bien"),
            "francois.chaix@example.org": ("excellent", "bien", "bien"),
            "olivier.davin@example.org": ("bien", "excellent", "assez_bien"),
            "karim.haddad@example.org": ("tres_bien", "assez_bien", "passable"),
            "philippe.rolland@example.org": ("bien", "bien", "insuffisant"),
            "jeanne.ranguis@example.org": ("bien", "tres_bien", "passable"),
            "marc.eymard@example.org": ("assez_bien", "tres_bien", None),
        },
    },
]


def load_ballots(
    plan: Plan, users: dict[str, User], ballots: Sequence[dict[str, Any]] = BALLOTS
) -> None:
    """Create, fill and (except the open one) close the demo ballots, then date them.

    The loader passes them in two goes, so that version 1 of the plan falls between."""
    actions = {
        action.reference: action
        for action in db.session.scalars(select(Action).where(Action.plan_id == plan.id))
    }
    memberships = {
        membership.user_id: membership
        for membership in db.session.scalars(
            select(Membership).where(Membership.plan_id == plan.id)
        )
    }
    colleges = {college.name: college for college in plan.colleges}

    def college_of(email: str) -> int | None:
        return memberships[users[email].id].college_id

    for spec in ballots:
        creator = users[spec["creator"]]
        method = VotingMethod(spec["method"])
        channel = VoteChannel(spec["channel"])
        ballot = services.create_ballot(
            plan,
            creator,
            title=spec["title"],
            description=spec["description"],
            method=method,
            actions=[actions[reference] for reference in spec["actions"]],
            public_votes=spec["public_votes"],
        )
        services.open_ballot(ballot, creator.id)
        items = {item.action.reference: item for item in ballot.items}
        for email, allocation in spec.get("dots", {}).items():
            services.cast_dots(
                ballot,
                users[email],
                college_of(email),
                {items[reference].id: dots for reference, dots in allocation.items()},
                channel,
            )
        for email, choices in spec.get("votes", {}).items():
            for reference, choice in zip(spec["actions"], choices, strict=True):
                if choice is None:
                    continue
                choice, reason = choice if isinstance(choice, tuple) else (choice, "")
                services.cast_vote(
                    items[reference], users[email], college_of(email), choice, reason, channel
                )
        for tally in spec.get("paper", []):
            services.save_paper_tally(
                items[tally["action"]],
                colleges[tally["college"]],
                tally["counts"],
                creator,
                tally["note"],
            )
        for resolution in spec.get("resolutions", []):
            vote = db.session.scalar(
                select(Vote).where(
                    Vote.item_id == items[resolution["action"]].id,
                    Vote.voter_id == users[resolution["voter"]].id,
                )
            )
            services.resolve_objection(vote, users[resolution["by"]], resolution["note"])
            vote.resolved_at = resolution["at"].replace(tzinfo=UTC)
        if spec["closed_at"] is None:
            continue  # the open ballot, opened now
        result = services.close_ballot(ballot, creator.id)
        # The story happened in 2021: date the ballot, not its (frozen) results.
        ballot.created_at = spec["opened_at"]
        ballot.opened_at = spec["opened_at"]
        ballot.closed_at = spec["closed_at"]
        result.computed_at = spec["closed_at"]
    db.session.flush()
