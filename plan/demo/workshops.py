"""Ateliers du plan de démonstration.

L'atelier public du 12 mars 2021 à Veynes a eu lieu : c'est lui qui a voté le scrutin 1
(Défi 2, jugement majoritaire). Les membres qui y ont voté l'ont rejoint depuis leur
téléphone, trois habitant·es sans compte l'ont rejoint comme invité·es, quatre personnes
sans téléphone ont été comptées par l'animation, et trois idées y sont devenues des
fiches en brouillon. Son compte rendu se lit dans l'application.

Un second atelier, prévu en 2027 sur le Défi 3, met au vote le scrutin ouvert : il est
prêt à démarrer (« Démarrer l'atelier » sur sa page, compte animateur@example.org).

Dates en heure UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select

from auth.models import User
from plan.demo.ballots import BALLOTS
from plan.extensions import db
from plan.frame.models import Plan
from plan.members.models import Membership
from plan.voting.models import Ballot
from plan.workshops import services
from plan.workshops.ideas import capture_idea
from plan.workshops.models import WorkshopAttendee

HABITANTS = "Habitant·es et citoyen·nes"

PAST_WORKSHOP: dict[str, Any] = {
    "title": "Atelier public de Veynes — Défi 2 : mobilité et insertion",
    "starts_at": datetime(2021, 3, 12, 14, 0),
    "started_at": datetime(2021, 3, 12, 13, 55),
    "ended_at": datetime(2021, 3, 12, 17, 5),
    "place": "Salle des fêtes, Veynes",
    "format": "plenary",
    "description": (
        "Atelier public ouvert à toutes et tous : présentation des fiches du Défi 2 par "
        "leurs porteurs et porteuses, questions, puis vote sur place depuis les "
        "téléphones (scrutin 1)."
    ),
    "join_code": "VEYNES",
    "facilitators": ["animateur@example.org", "coordinatrice@example.org"],
    # The ballot voted in the room (BALLOTS, by title): its voters joined from their phones.
    "ballot": "Atelier du 12 mars 2021 — Défi 2 : mobilité et insertion",
    "guests": [
        {"name": "Mireille A.", "organization": "", "to_check": "Comité des fêtes de Veynes"},
        {"name": "Yann B.", "organization": "", "to_check": ""},
        {"name": "Josiane R.", "organization": "", "to_check": ""},
    ],
    "without_device": [
        {"name": "Marcel Tron", "college": HABITANTS},
        {"name": "Odette Blanc", "college": HABITANTS},
        {"name": "Ginette Faure", "college": HABITANTS},
        {"name": "André Ricou", "college": HABITANTS},
    ],
    "ideas": [
        {
            "author": "Mireille A.",
            "challenge": 2,
            "title": "Un garage solidaire pour réparer les voitures des personnes en insertion",
        },
        {
            "author": "contributrice@example.org",
            "challenge": 2,
            "title": "Des arrêts d'autostop signalés entre Veynes et Gap",
        },
        {
            "author": "thomas.disdier@example.org",
            "challenge": 2,
            "title": "Prêter des vélos à assistance électrique aux saisonnier·es",
        },
    ],
    "notes": (
        "## Ce qu'il faut retenir\n\n"
        "- La fiche **2.3** est adoptée ; la navette (**2.2**) est à retravailler avec les "
        "transporteurs et les taxis du Buëch, qui y voient une concurrence.\n"
        "- Les parcours pour les saisonnier·es laissent entier le problème du logement : "
        "à relier au Défi 1.\n"
        "- Neuf habitant·es sans compte ont voté à main levée (saisi en votes papier).\n\n"
        "## Suites\n\n"
        "1. Réunion avec les taxis et transporteurs avant le comité de pilotage.\n"
        "2. Les trois idées du jour sont des fiches en brouillon : leurs auteur·rices les "
        "complètent d'ici fin avril."
    ),
}

PLANNED_WORKSHOP: dict[str, Any] = {
    "title": "Atelier Défi 3 — Bien vieillir et rompre l'isolement",
    "starts_at": datetime(2027, 3, 18, 13, 30),
    "place": "Maison des solidarités, Gap",
    "format": "world_cafe",
    "description": (
        "Tables de discussion sur le repérage des aîné·es isolé·es, puis vote sur les "
        "trois fiches du Défi 3 encore ouvertes au vote en ligne : les personnes présentes "
        "votent depuis leur téléphone, les autres peuvent toujours voter en ligne."
    ),
    "facilitators": ["animateur@example.org"],
    "ballot": "Vote en ligne — Défi 3 : repérer et accompagner les aîné·es isolé·es",
}


def _ballot(plan: Plan, title: str) -> Ballot:
    return db.session.scalars(
        select(Ballot).where(Ballot.plan_id == plan.id, Ballot.title == title)
    ).one()


def _values(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": spec["title"],
        "starts_at": spec["starts_at"],
        "place": spec["place"],
        "format": spec["format"],
        "description": spec["description"],
        "notes": spec.get("notes", ""),
    }


def load_past_workshop(plan: Plan, users: dict[str, User]) -> None:
    """The Veynes workshop, run through the same services as a real one, then dated."""
    spec = PAST_WORKSHOP
    voters = next(b for b in BALLOTS if b["title"] == spec["ballot"])["votes"]
    facilitator = users[spec["facilitators"][0]]
    ballot = _ballot(plan, spec["ballot"])
    with force_locale("fr"):
        workshop = services.create_workshop(
            plan,
            facilitator,
            _values(spec),
            facilitators=[users[email] for email in spec["facilitators"]],
            ballots=[ballot],
            actions=[],
        )
        services.start_workshop(workshop, facilitator.id)
        workshop.join_code = spec["join_code"]
        memberships = {
            m.user_id: m
            for m in db.session.scalars(select(Membership).where(Membership.plan_id == plan.id))
        }
        colleges = {college.name: college for college in plan.colleges}
        arrivals = []
        for email in voters:
            arrivals.append(services.join_as_member(workshop, memberships[users[email].id]))
        authors = dict(users)
        for guest in spec["guests"]:
            participant, user = services.join_with_details(
                workshop,
                None,
                display_name=guest["name"],
                college=colleges[HABITANTS],
                organization=None,
                organization_name=guest["to_check"],
            )
            arrivals.append(participant)
            authors[guest["name"]] = user
        for person in spec["without_device"]:
            db.session.add(
                WorkshopAttendee(
                    workshop_id=workshop.id,
                    name=person["name"],
                    college_id=colleges[person["college"]].id,
                    recorded_by_id=facilitator.id,
                    created_at=spec["started_at"] + timedelta(minutes=20),
                )
            )
        challenges = {challenge.position: challenge for challenge in plan.challenges}
        ideas = [
            capture_idea(
                workshop, authors[idea["author"]], challenges[idea["challenge"]], idea["title"]
            )
            for idea in spec["ideas"]
        ]
        services.end_workshop(workshop, facilitator.id)
    # The story happened in 2021: date the workshop and what it left.
    workshop.created_at = spec["starts_at"] - timedelta(days=21)
    workshop.started_at = spec["started_at"]
    workshop.ended_at = spec["ended_at"]
    for minutes, participant in enumerate(arrivals):
        participant.joined_at = spec["started_at"] + timedelta(minutes=minutes // 4)
    for index, idea in enumerate(ideas):
        written = spec["started_at"] + timedelta(hours=2, minutes=5 * index)
        idea.created_at = written
        idea.action.created_at = idea.action.last_activity_at = written
    db.session.flush()


def load_planned_workshop(plan: Plan, users: dict[str, User]) -> None:
    """The 2027 workshop on the open ballot, ready to start."""
    spec = PLANNED_WORKSHOP
    workshop = services.create_workshop(
        plan,
        users[spec["facilitators"][0]],
        _values(spec),
        facilitators=[users[email] for email in spec["facilitators"]],
        ballots=[_ballot(plan, spec["ballot"])],
        actions=[],
    )
    workshop.created_at = datetime(2026, 11, 20, 10, 0)
    db.session.flush()
