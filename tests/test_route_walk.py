"""Walks every route of the URL map for every role and checks the status each one gets.

A route that is missing from ROUTES fails the test: a new page must say who may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from plan.members.models import Role
from plan.members.services import create_invitation
from plan.voting import services
from plan.voting.models import Vote, VotingMethod
from tests.conftest import login, make_action, make_member, make_plan, make_user

ROLES = ["visitor", "outsider", "observer", "contributor", "facilitator", "coordinator", "admin"]
RANK = {name: index for index, name in enumerate(ROLES)}
LOGIN = "login"  # a redirect to the login page


@dataclass
class World:
    plan: Any
    urls: dict[str, str]
    coordinator: Any = None


def build_world(public: bool, slug: str = "walk", title: str | None = None) -> World:
    """A plan with an object behind every route; several worlds can live side by side
    (tests/test_attacks_access.py), each with its own slug."""
    plan = make_plan(slug, public=public, challenges=2, title=title)
    people = "" if slug == "walk" else f"{slug}-"
    coordinator = make_user(f"{people}lead@example.org")
    make_member(coordinator, plan, Role.COORDINATOR)
    target = make_member(make_user(f"{people}target@example.org"), plan, Role.CONTRIBUTOR)
    invitation, token = create_invitation(
        plan, {"role": Role.CONTRIBUTOR, "college_id": plan.colleges[0].id}, days=14
    )
    from plan.actions.models import Stance
    from plan.actions.services import add_comment, propose_amendment
    from plan.extensions import db

    db.session.commit()
    action = make_action(plan, coordinator)
    amendment = propose_amendment(
        action, coordinator, {**action.current_revision.content, "context": "Plus"}, "Parce que"
    )
    comment = add_comment(action, coordinator, Stance.FOR, "D'accord")
    db.session.commit()
    ballots = build_ballots(plan, coordinator)
    first, second = plan.challenges
    slug = plan.slug
    urls = {
        "frame.home": f"/plans/{slug}",
        "frame.settings": f"/plans/{slug}/settings",
        "frame.new_challenge": f"/plans/{slug}/challenges/new",
        "frame.edit_challenge": f"/plans/{slug}/challenges/{first.id}/edit",
        "frame.delete_challenge": f"/plans/{slug}/challenges/{second.id}/delete",
        "frame.new_objective": f"/plans/{slug}/challenges/{first.id}/objectives/new",
        "frame.edit_objective": f"/plans/{slug}/objectives/{first.objectives[0].id}/edit",
        "frame.delete_objective": f"/plans/{slug}/objectives/{first.objectives[0].id}/delete",
        "frame.new_indicator": (
            f"/plans/{slug}/objectives/{first.objectives[0].id}/indicators/new"
        ),
        "frame.edit_indicator": (
            f"/plans/{slug}/indicators/{first.objectives[0].indicators[0].id}/edit"
        ),
        "frame.delete_indicator": (
            f"/plans/{slug}/indicators/{first.objectives[0].indicators[0].id}/delete"
        ),
        "frame.colleges": f"/plans/{slug}/colleges",
        "frame.new_zone": f"/plans/{slug}/zones/new",
        "frame.edit_zone": f"/plans/{slug}/zones/{plan.zones[0].id}/edit",
        "frame.delete_zone": f"/plans/{slug}/zones/{plan.zones[0].id}/delete",
        "frame.organizations": f"/plans/{slug}/organizations",
        "frame.new_organization": f"/plans/{slug}/organizations/new",
        "frame.edit_organization": (f"/plans/{slug}/organizations/{plan.organizations[0].id}/edit"),
        "frame.delete_organization": (
            f"/plans/{slug}/organizations/{plan.organizations[0].id}/delete"
        ),
        "members.members": f"/plans/{slug}/members",
        "members.edit_member": f"/plans/{slug}/members/{target.id}/edit",
        "members.remove_member": f"/plans/{slug}/members/{target.id}/remove",
        "members.invitations": f"/plans/{slug}/invitations",
        "members.revoke_invitation": f"/plans/{slug}/invitations/{invitation.id}/revoke",
        "members.accept": f"/invitations/{token}",
        "journal.journal": f"/plans/{slug}/journal",
        "actions.index": f"/plans/{slug}/actions",
        "actions.new": f"/plans/{slug}/actions/new",
        "actions.show": f"/plans/{slug}/actions/1.1",
        "actions.edit": f"/plans/{slug}/actions/1.1/edit",
        "actions.submit": f"/plans/{slug}/actions/1.1/submit",
        "actions.withdraw": f"/plans/{slug}/actions/1.1/withdraw",
        "actions.history": f"/plans/{slug}/actions/1.1/history",
        "actions.merge": f"/plans/{slug}/actions/1.1/merge",
        "actions.new_amendment": f"/plans/{slug}/actions/1.1/amendments/new",
        "actions.amendment": f"/plans/{slug}/actions/1.1/amendments/{amendment.id}",
        "actions.edit_amendment": f"/plans/{slug}/actions/1.1/amendments/{amendment.id}/edit",
        "actions.decide_amendment": (f"/plans/{slug}/actions/1.1/amendments/{amendment.id}/decide"),
        "actions.withdraw_amendment": (
            f"/plans/{slug}/actions/1.1/amendments/{amendment.id}/withdraw"
        ),
        "actions.comment": f"/plans/{slug}/actions/1.1/comments",
        "actions.edit_comment": f"/plans/{slug}/actions/1.1/comments/{comment.id}/edit",
        "actions.hide_comment": f"/plans/{slug}/actions/1.1/comments/{comment.id}/hide",
        "actions.notifications": f"/plans/{slug}/notifications",
        "voting.consensus": f"/plans/{slug}/consensus",
        **ballot_urls(slug, ballots),
        **version_urls(plan, coordinator),
        **commitment_urls(plan, coordinator),
        **workshop_urls(plan, coordinator, ballots),
    }
    return World(plan, urls, coordinator)


@dataclass
class Ballots:
    consent: Any  # open, one item, with an unresolved objection
    dots: Any  # open, dot voting
    planned: Any  # not open yet
    objection: Any


def build_ballots(plan: Any, coordinator: Any) -> Ballots:
    """Three ballots on actions of their own (action 1.1 stays as the routes above need it):
    an open consent ballot with an objection, an open dot-voting ballot, a planned one."""
    from plan.extensions import db

    def ballot(method: VotingMethod, titles: list[str], open_it: bool):  # type: ignore[no-untyped-def]
        actions = [make_action(plan, coordinator, title) for title in titles]
        made = services.create_ballot(
            plan, coordinator, title=f"Scrutin {method}", method=method, actions=actions
        )
        if open_it:
            services.open_ballot(made, coordinator.id)
        db.session.commit()
        return made

    consent = ballot(VotingMethod.CONSENT, ["Jardin partagé"], open_it=True)
    dots = ballot(VotingMethod.DOT_VOTING, ["Tiers-lieu", "Repair café"], open_it=True)
    planned = ballot(VotingMethod.MAJORITY_JUDGMENT, ["Marché de producteurs"], open_it=False)
    item = consent.items[0]
    services.cast_vote(item, coordinator, plan.colleges[0].id, "object", "Trop cher")
    db.session.commit()
    objection = db.session.scalar(
        select(Vote).where(Vote.item_id == item.id, Vote.voter_id == coordinator.id)
    )
    return Ballots(consent, dots, planned, objection)


def commitment_urls(plan: Any, coordinator: Any) -> dict[str, str]:
    from plan.commitments.models import CommitmentKind
    from plan.commitments.services import add_commitment
    from plan.extensions import db

    commitment = add_commitment(
        plan, plan.organizations[0], None, CommitmentKind.CSR, "Mécénat", None, coordinator
    )
    db.session.commit()
    base = f"/plans/{plan.slug}/commitments"
    return {
        "commitments.index": base,
        "commitments.new": f"{base}/new",
        "commitments.delete": f"{base}/{commitment.id}/delete",
    }


def workshop_urls(plan: Any, coordinator: Any, ballots: Ballots) -> dict[str, str]:
    """A planned workshop (with the planned ballot) and a live one (with the open consent
    ballot on its agenda), which nobody walking here has joined."""
    from datetime import datetime

    from plan.extensions import db
    from plan.workshops import services as workshops

    def workshop(title: str, ballot: Any):  # type: ignore[no-untyped-def]
        values = {
            "title": title,
            "starts_at": datetime(2026, 3, 12, 17, 0),
            "place": "Salle des fêtes",
            "format": "plenary",
            "description": "",
            "notes": "",
        }
        return workshops.create_workshop(
            plan, coordinator, values, facilitators=[coordinator], ballots=[ballot], actions=[]
        )

    planned = workshop("Atelier prévu", ballots.planned)
    live = workshop("Atelier en cours", ballots.consent)
    workshops.start_workshop(live, coordinator.id)
    from plan.workshops import facilitation

    guest, _user = workshops.join_with_details(
        live,
        None,
        display_name="Invitée",
        college=plan.colleges[0],
        organization=None,
        organization_name="Collectif à vérifier",
    )
    attendee = facilitation.add_attendee(live, "Jeanne", plan.colleges[0], None, coordinator)
    ended = workshop("Atelier terminé", ballots.consent)
    workshops.start_workshop(ended, coordinator.id)
    workshops.end_workshop(ended, coordinator.id)
    db.session.commit()
    base = f"/plans/{plan.slug}/workshops"
    console = f"{base}/{live.id}/console"
    agenda = f"{console}/agenda/{live.agenda[0].id}"
    return {
        "workshops.console": console,
        "workshops.console_open_ballot": f"{agenda}/open",
        "workshops.console_close_ballot": f"{agenda}/close",
        "workshops.console_project": f"{agenda}/project",
        "workshops.console_welcome": f"{console}/projector/welcome",
        "workshops.console_reveal": f"{agenda}/reveal",
        "workshops.console_hide": f"{agenda}/hide",
        "workshops.console_paper": f"{console}/items/{ballots.consent.items[0].id}/paper",
        "workshops.console_timer": f"{console}/timer",
        "workshops.console_timer_add": f"{console}/timer/add",
        "workshops.console_timer_stop": f"{console}/timer/stop",
        "workshops.console_remove_participant": f"{console}/participants/{guest.id}/remove",
        "workshops.console_accept_organization": f"{console}/participants/{guest.id}/organization",
        "workshops.console_add_attendee": f"{console}/attendees",
        "workshops.console_remove_attendee": f"{console}/attendees/{attendee.id}/remove",
        "workshops.console_notes": f"{console}/notes",
        "workshops.index": base,
        "workshops.new": f"{base}/new",
        "workshops.show": f"{base}/{live.id}",
        "workshops.edit": f"{base}/{planned.id}/edit",
        "workshops.start": f"{base}/{planned.id}/start",
        "workshops.end": f"{base}/{live.id}/end",
        "workshops.live": f"{base}/{live.id}/live",
        "workshops.vote_item": f"{base}/{live.id}/items/{ballots.consent.items[0].id}/vote",
        "workshops.join": f"/j/{live.join_code}",
        "workshops.projector": f"{base}/{live.id}/projector",
        "workshops.state": f"{base}/{live.id}/state?view=projector&since=-1",
        "workshops.dots": f"{base}/{live.id}/ballots/{ballots.dots.number}/dots",
        "workshops.ideas": f"{base}/{live.id}/ideas",
        "workshops.post_idea": f"{base}/{live.id}/ideas",
        "workshops.minutes": f"{base}/{ended.id}/minutes",
        "workshops.minutes_pdf": f"{base}/{ended.id}/minutes.pdf",
        "workshops.minutes_md": f"{base}/{ended.id}/minutes.md",
    }


def version_urls(plan: Any, coordinator: Any) -> dict[str, str]:
    """A published version 1 and a draft version 2 (the walk's plan has two challenges, so
    publishing the draft is refused: 409)."""
    from plan.extensions import db
    from plan.versions import services as versions
    from plan.versions.models import VersionStatus

    first = versions.consolidate(plan, coordinator)
    first.status = VersionStatus.WORKING
    db.session.commit()
    versions.consolidate(plan, coordinator, changelog="- Suite")
    db.session.commit()
    base = f"/plans/{plan.slug}/versions"
    return {
        "versions.index": base,
        "versions.consolidate": f"{base}/consolidate",
        "versions.edit": f"{base}/2/edit",
        "versions.publish": f"{base}/2/publish",
        "versions.status": f"{base}/1/status",
        "versions.show": f"{base}/1",
        "versions.choose_comparison": f"{base}/compare?from=1&to=1",
        "versions.compare": f"{base}/1...1",
        "versions.download": f"{base}/1/download/json",
    }


def ballot_urls(slug: str, ballots: Ballots) -> dict[str, str]:
    consent = f"/plans/{slug}/ballots/{ballots.consent.number}"
    dots = f"/plans/{slug}/ballots/{ballots.dots.number}"
    planned = f"/plans/{slug}/ballots/{ballots.planned.number}"
    item = ballots.consent.items[0].id
    return {
        "ballots.index": f"/plans/{slug}/ballots",
        "ballots.new": f"/plans/{slug}/ballots/new",
        "ballots.show": consent,
        "ballots.open": f"{planned}/open",
        "ballots.close": f"{consent}/close",
        "ballots.delete": f"{planned}/delete",
        "ballots.vote": f"{dots}/vote",
        "ballots.vote_item": f"{consent}/items/{item}/vote",
        "ballots.paper": f"{consent}/items/{item}/paper",
        "ballots.resolve": f"{consent}/votes/{ballots.objection.id}/resolve",
    }


def for_role(minimum: str, ok: int) -> dict[str, int | str]:
    """`ok` for `minimum` and above; anonymous people go to log in; others get 403."""
    return {
        role: ok if RANK[role] >= RANK[minimum] else (LOGIN if role == "visitor" else 403)
        for role in ROLES
    }


def everyone(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


# endpoint -> {method: {role: expected status}} on a public plan. On a members-only plan,
# visitors and outsiders get 404 on every route of the plan (PLAN_ROUTES).
ROUTES: dict[str, dict[str, dict[str, int | str]]] = {
    "static": {"GET": everyone(200)},
    "health.healthz": {"GET": everyone(200)},
    "frame.index": {"GET": everyone(200)},
    "frame.new_plan": {"GET": for_role("admin", 200), "POST": for_role("admin", 422)},
    "auth.login": {
        "GET": {role: 200 if role == "visitor" else 302 for role in ROLES},
        "POST": everyone(422),
    },
    "auth.logout": {"POST": everyone(302)},
    "auth.account": {"GET": for_role("outsider", 200), "POST": for_role("outsider", 422)},
    "auth.password": {"GET": for_role("outsider", 200), "POST": for_role("outsider", 422)},
    "auth.language": {"POST": everyone(302)},
    # Only a guest account (made on joining a workshop) can be kept: the others have an email.
    "auth.keep_account": {"GET": for_role("outsider", 409), "POST": for_role("outsider", 409)},
    "frame.home": {"GET": everyone(200)},
    "frame.organizations": {"GET": everyone(200)},
    "members.members": {"GET": everyone(200)},
    "members.accept": {
        "GET": everyone(200),
        # Anonymous: an empty sign-up form; members already in: 409; others join.
        "POST": {
            "visitor": 422,
            "outsider": 302,
            "observer": 409,
            "contributor": 409,
            "facilitator": 409,
            "coordinator": 409,
            "admin": 302,
        },
    },
    "frame.settings": {"GET": for_role("coordinator", 200), "POST": for_role("coordinator", 422)},
    "frame.new_challenge": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.edit_challenge": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.delete_challenge": {"POST": for_role("coordinator", 302)},
    "frame.new_objective": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.edit_objective": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.delete_objective": {"POST": for_role("coordinator", 302)},
    "frame.new_indicator": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.edit_indicator": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.delete_indicator": {"POST": for_role("coordinator", 302)},
    "frame.colleges": {"GET": for_role("coordinator", 200), "POST": for_role("coordinator", 422)},
    "frame.new_zone": {"GET": for_role("coordinator", 200), "POST": for_role("coordinator", 422)},
    "frame.edit_zone": {"GET": for_role("coordinator", 200), "POST": for_role("coordinator", 422)},
    "frame.delete_zone": {"POST": for_role("coordinator", 302)},
    "frame.new_organization": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.edit_organization": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "frame.delete_organization": {"POST": for_role("coordinator", 302)},
    "members.edit_member": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "members.remove_member": {"POST": for_role("coordinator", 302)},
    "members.invitations": {
        "GET": for_role("facilitator", 200),
        "POST": for_role("facilitator", 422),
    },
    "members.revoke_invitation": {"POST": for_role("facilitator", 302)},
    "journal.journal": {"GET": for_role("coordinator", 200)},
    "actions.index": {"GET": everyone(200)},
    "actions.show": {"GET": everyone(200)},
    "actions.history": {"GET": everyone(200)},
    "actions.amendment": {"GET": everyone(200)},
    "actions.new": {"GET": for_role("contributor", 200), "POST": for_role("contributor", 422)},
    "actions.new_amendment": {
        "GET": for_role("contributor", 200),
        "POST": for_role("contributor", 422),
    },
    "actions.comment": {"POST": for_role("contributor", 422)},
    # The action, its amendment and its comment are the coordinator's of the world, whom
    # nobody walking here is: only the facilitation may edit or decide in their place.
    "actions.edit": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 422)},
    "actions.submit": {"POST": for_role("facilitator", 409)},  # already submitted
    "actions.withdraw": {"POST": for_role("facilitator", 302)},
    "actions.merge": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 422)},
    "actions.decide_amendment": {"POST": for_role("facilitator", 422)},
    "actions.hide_comment": {
        "GET": for_role("facilitator", 200),
        "POST": for_role("facilitator", 422),
    },
    "actions.edit_amendment": {"GET": for_role("admin", 403), "POST": for_role("admin", 403)},
    "actions.withdraw_amendment": {"POST": for_role("admin", 403)},
    "actions.edit_comment": {"GET": for_role("admin", 403), "POST": for_role("admin", 403)},
    "actions.notifications": {"GET": for_role("outsider", 200), "POST": for_role("outsider", 302)},
    "voting.consensus": {
        "GET": for_role("coordinator", 200),
        "POST": for_role("coordinator", 422),
    },
    "ballots.index": {"GET": everyone(200)},
    "ballots.show": {"GET": everyone(200)},  # the open consent ballot and its objection
    "ballots.new": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 422)},
    "ballots.open": {"POST": for_role("facilitator", 302)},  # the planned ballot
    "ballots.close": {"POST": for_role("facilitator", 302)},  # the open consent ballot
    "ballots.delete": {"POST": for_role("facilitator", 302)},  # the planned ballot
    # The open dot-voting ballot: no dot at all is a valid allocation.
    "ballots.vote": {"GET": for_role("contributor", 200), "POST": for_role("contributor", 302)},
    "ballots.vote_item": {"POST": for_role("contributor", 422)},  # no choice
    "ballots.paper": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 422)},
    "ballots.resolve": {"POST": for_role("facilitator", 422)},  # no note
    "workshops.index": {"GET": everyone(200)},
    "workshops.show": {"GET": everyone(200)},  # the live workshop
    "workshops.new": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 422)},
    # An empty form keeps what the workshop has: saved as it is.
    "workshops.edit": {"GET": for_role("facilitator", 200), "POST": for_role("facilitator", 302)},
    "workshops.start": {"POST": for_role("facilitator", 302)},  # the planned workshop
    "workshops.end": {"POST": for_role("facilitator", 302)},  # the live workshop
    "workshops.live": {"GET": for_role("facilitator", 200)},  # participants, or the facilitation
    "workshops.vote_item": {"POST": for_role("admin", 403)},  # nobody here joined it
    "workshops.enter": {"GET": everyone(200)},
    "workshops.projector": {"GET": for_role("facilitator", 200)},
    # The projector's poll, with a counter it cannot have: the full answer. A poll never
    # sends to the login page.
    "workshops.state": {"GET": {**for_role("facilitator", 200), "visitor": 403}},
    "workshops.dots": {"POST": for_role("admin", 403)},  # nobody here joined it
    # Participants see their own ideas, the facilitation all of them and captures some.
    "workshops.ideas": {"GET": for_role("facilitator", 200)},
    "workshops.post_idea": {"POST": for_role("facilitator", 422)},  # an empty post-it
    # The minutes of the ended workshop: for whoever reads the plan.
    "workshops.minutes": {"GET": everyone(200)},
    "workshops.minutes_pdf": {"GET": everyone(200)},
    "workshops.minutes_md": {"GET": everyone(200)},
    # The console of the live workshop (its agenda: the open consent ballot; a guest who
    # typed an organisation to check; someone marked present without a device).
    "workshops.console": {"GET": for_role("facilitator", 200)},
    "workshops.console_open_ballot": {"POST": for_role("facilitator", 409)},  # open already
    "workshops.console_close_ballot": {"POST": for_role("facilitator", 302)},
    "workshops.console_project": {"POST": for_role("facilitator", 302)},
    "workshops.console_welcome": {"POST": for_role("facilitator", 302)},
    "workshops.console_reveal": {"POST": for_role("facilitator", 409)},  # open, no live results
    "workshops.console_hide": {"POST": for_role("facilitator", 302)},
    "workshops.console_paper": {
        "GET": for_role("facilitator", 200),
        "POST": for_role("facilitator", 422),
    },
    "workshops.console_timer": {"POST": for_role("facilitator", 422)},  # no minutes
    "workshops.console_timer_add": {"POST": for_role("facilitator", 302)},
    "workshops.console_timer_stop": {"POST": for_role("facilitator", 302)},
    "workshops.console_remove_participant": {"POST": for_role("facilitator", 302)},
    "workshops.console_accept_organization": {"POST": for_role("facilitator", 422)},  # no kind
    "workshops.console_add_attendee": {"POST": for_role("facilitator", 422)},  # no name
    "workshops.console_remove_attendee": {"POST": for_role("facilitator", 302)},
    "workshops.console_notes": {"POST": for_role("facilitator", 302)},  # empty notes: kept
    # The join link is the invitation: it works on a members-only plan too. Members join
    # with one tap; others need a name (visitors) or a college (everyone else).
    "workshops.join": {
        "GET": everyone(200),
        "POST": {
            "visitor": 422,
            "outsider": 422,
            "observer": 302,
            "contributor": 302,
            "facilitator": 302,
            "coordinator": 302,
            "admin": 422,
        },
    },
    "commitments.index": {"GET": everyone(200)},
    "commitments.new": {
        "GET": for_role("facilitator", 200),
        "POST": for_role("facilitator", 422),
    },
    "commitments.delete": {"POST": for_role("facilitator", 302)},
    "versions.index": {"GET": everyone(200)},
    "versions.consolidate": {"POST": for_role("coordinator", 302)},  # rebuilds the draft
    "versions.edit": {"GET": for_role("coordinator", 200), "POST": for_role("coordinator", 302)},
    "versions.publish": {"POST": for_role("coordinator", 422)},  # no status chosen
    "versions.status": {"POST": for_role("coordinator", 422)},  # no status chosen
    "versions.show": {"GET": everyone(200)},
    "versions.choose_comparison": {"GET": everyone(302)},
    "versions.compare": {"GET": everyone(200)},
    "versions.download": {"GET": everyone(200)},
}

NOT_OF_A_PLAN = {
    "static",
    "health.healthz",
    "frame.index",
    "frame.new_plan",
    "auth.login",
    "auth.logout",
    "auth.account",
    "auth.password",
    "auth.language",
    "auth.keep_account",
    "workshops.enter",
}
# Links that bring people into a plan they cannot see yet.
OPEN_TO_LINK_HOLDERS = {"members.accept", "workshops.join"}
FIXED_URLS = {
    "static": "/static/css/app.css",
    "health.healthz": "/healthz",
    "frame.index": "/",
    "frame.new_plan": "/plans/new",
    "auth.login": "/auth/login",
    "auth.logout": "/auth/logout",
    "auth.account": "/auth/account",
    "auth.password": "/auth/password",
    "auth.language": "/auth/language",
    "auth.keep_account": "/auth/account/keep",
    "workshops.enter": "/j",
}


ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


def assert_security_headers(response: Any, what: str, *, https: bool, hsts: str) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }
    assert directives.get("script-src") == ["'self'"], what  # no inline script, no host
    assert directives.get("frame-ancestors") == ["'none'"], what
    assert directives.get("object-src") == ["'none'"], what
    assert directives.get("default-src") == ["'self'"], what
    for name, sources in directives.items():
        assert set(sources) <= ALLOWED_SOURCES, (what, name, sources)
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), what
    if https:
        assert response.headers.get("Strict-Transport-Security") == hsts, what
    else:
        assert "Strict-Transport-Security" not in response.headers, what


def test_every_route_is_in_the_table(app: Flask) -> None:
    routed = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    listed = {(endpoint, method) for endpoint, methods in ROUTES.items() for method in methods}
    assert routed - listed == set(), "routes nobody listed"
    assert listed - routed == set(), "listed routes that do not exist"


def sign_in(app: Flask, role: str, plan: Any):  # type: ignore[no-untyped-def]
    client = app.test_client()
    if role == "visitor":
        return client
    user = make_user(f"{role}@example.org", admin=role == "admin")
    if role == "outsider":
        make_member(user, make_plan("elsewhere"), Role.COORDINATOR)
    elif role != "admin":
        make_member(user, plan, Role(role))
    login(client, user)
    return client


CASES = [
    (endpoint, method, role)
    for endpoint, methods in ROUTES.items()
    for method in methods
    for role in ROLES
]
# On a members-only plan only outsiders see something else; observers show that members
# still get in.
HIDDEN_PLAN_ROLES = ("visitor", "outsider", "observer")


@pytest.mark.parametrize(
    ("endpoint", "method", "role", "public"),
    [(*case, True) for case in CASES]
    + [(*case, False) for case in CASES if case[2] in HIDDEN_PLAN_ROLES],
    ids=lambda value: (
        {True: "public", False: "members-only"}.get(value, value)
        if isinstance(value, bool)
        else None
    ),
)
def test_route_status_for_role(
    app: Flask, endpoint: str, method: str, role: str, public: bool
) -> None:
    world = build_world(public)
    client = sign_in(app, role, world.plan)
    url = FIXED_URLS.get(endpoint) or world.urls[endpoint]
    expected = ROUTES[endpoint][method][role]
    hidden = not public and endpoint not in NOT_OF_A_PLAN | OPEN_TO_LINK_HOLDERS
    if hidden and role in ("visitor", "outsider"):
        expected = 404
    response = client.open(url, method=method, data={})
    assert_security_headers(response, f"{method} {url}", https=False, hsts="")
    if expected == LOGIN:
        assert response.status_code == 302, response.status
        assert "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == expected, (url, method, role)
