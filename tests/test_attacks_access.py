"""Attacks on access: ids of another plan (in addresses and in forms), a members-only plan
seen from outside, and the security headers of every page.

Two plans live side by side, each with an object behind every route (the route walk's
world): A ("alpha", public), whose coordinator attacks, and B ("beta", members only),
whose texts carry the marker SECRET so that any of them showing up in an answer is seen.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from auth.models import User
from plan.actions.models import Action, ActionRevision, Amendment, Comment
from plan.extensions import db
from plan.versions import render
from plan.versions import services as versions
from plan.versions.models import PlanVersion, VersionStatus
from plan.voting import services as voting
from plan.voting.models import Ballot, BallotItem, BallotStatus, VotingMethod
from plan.workshops.models import Workshop, WorkshopStatus
from tests.conftest import empty_database, login, make_action, make_app
from tests.test_route_walk import (
    FIXED_URLS,
    ROUTES,
    World,
    assert_security_headers,
    build_world,
    sign_in,
)

SECRET = "zzsecretbeta"
ALPHA, BETA = "alpha", "beta"
BETA_TITLE = f"Plan confidentiel {SECRET}"
LOGIN_PAGE = "/auth/login"

# ---------------------------------------------------------------------------- the database


Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def table_rows() -> Rows:
    """Every row of every table, by table and primary key."""
    db.session.commit()  # a fresh transaction: what the requests committed
    rows: Rows = {}
    for table in db.metadata.sorted_tables:
        keys = [column.name for column in table.primary_key.columns]
        rows[table.name] = {
            tuple(row[key] for key in keys): dict(row)
            for row in db.session.execute(table.select()).mappings()
        }
    return rows


def changed_rows(before: Rows, after: Rows) -> list[tuple[str, tuple[Any, ...], Any, Any]]:
    """(table, key, row before or None, row after or None) for every row that changed."""
    changes = []
    for name, rows in after.items():
        old_rows = before[name]
        for key in old_rows.keys() | rows.keys():
            if old_rows.get(key) != rows.get(key):
                changes.append((name, key, old_rows.get(key), rows.get(key)))
    return changes


def rows_of_plan(rows: Rows, plan_id: int) -> set[tuple[str, tuple[Any, ...]]]:
    """The rows that belong to a plan: its own, and those pointing at one of them, and so
    on (accounts belong to nobody)."""
    owned = {("plans", (plan_id,))}
    grew = True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            if table.name == "users":
                continue
            for key, row in rows[table.name].items():
                if (table.name, key) in owned:
                    continue
                if any(
                    (foreign.column.table.name, (row[foreign.parent.name],)) in owned
                    for foreign in table.foreign_keys
                ):
                    owned.add((table.name, key))
                    grew = True
    return owned


def assert_untouched(before: Rows, after: Rows, owned: set[tuple[str, tuple[Any, ...]]]) -> None:
    """No row of the plan changed, and no row written points at one of them."""
    tables = {table.name: table for table in db.metadata.sorted_tables}
    for name, key, _old, new in changed_rows(before, after):
        assert (name, key) not in owned, f"{name} {key} of the other plan changed"
        if new is None:
            continue
        for foreign in tables[name].foreign_keys:
            target = (foreign.column.table.name, (new[foreign.parent.name],))
            assert target not in owned, f"{name} {key} now points at {target}"


# ------------------------------------------------------------------------------- the pages


@dataclass
class Form:
    action: str | None
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # what a browser sends
    names: set[str] = field(default_factory=set)  # every field, sent or not (unchecked)


class FormReader(HTMLParser):
    """The forms of a page and what a browser would send with each, untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self.textarea: list[str] | None = None
        self.textarea_name = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.form = Form(a.get("action") or None, (a.get("method") or "get").lower())
            self.forms.append(self.form)
            return
        if self.form is None or (not a.get("name") and tag != "option"):
            return
        if tag != "option":
            self.form.names.add(a["name"])
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.form.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = (a["name"], "multiple" in a, [])
        elif tag == "option" and self.select is not None:
            self.select[2].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.textarea_name = [], a["name"]

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self.form.fields += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form.fields.append((self.textarea_name, "".join(self.textarea).lstrip("\n")))
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


def endpoint_of(app: Flask, url: str, method: str = "GET") -> str | None:
    try:
        endpoint, _args = app.url_map.bind("localhost").match(urlsplit(url).path, method=method)
    except HTTPException:
        return None
    return endpoint


def view_args(app: Flask, url: str, method: str = "GET") -> dict[str, Any]:
    return app.url_map.bind("localhost").match(urlsplit(url).path, method=method)[1]


def build_url(app: Flask, endpoint: str, args: dict[str, Any], query: str = "") -> str:
    url = app.url_map.bind("localhost").build(endpoint, args)
    return f"{url}?{query}" if query else url


# ------------------------------------------------------------------------------- the scene


@dataclass
class Scene:
    app: Flask
    a: World
    b: World
    attacker: User  # coordinator of A, member of nothing else
    attacker_client: FlaskClient
    b_rows: set[tuple[str, tuple[Any, ...]]]
    b_only: dict[str, Any]  # per-plan keys that exist in B only: reference, numbers
    b_objects: dict[str, Any]
    a_objects: dict[str, Any]


def hide_beta_texts(plan: Any) -> None:
    """B's names and texts carry SECRET (revisions are never updated by the app: a plain
    UPDATE leaves their guard aside)."""
    plan.title = BETA_TITLE
    plan.summary = f"Résumé {SECRET}"
    for number, college in enumerate(plan.colleges):
        college.name = f"Collège {SECRET} {number}"
    for number, challenge in enumerate(plan.challenges):
        challenge.title = f"Défi {SECRET} {number}"
        for objective in challenge.objectives:
            objective.title = f"Objectif {SECRET} {objective.id}"
            for indicator in objective.indicators:
                indicator.name = f"Indicateur {SECRET} {indicator.id}"
    for zone in plan.zones:
        zone.name = f"Territoire {SECRET} {zone.id}"
    for organization in plan.organizations:
        organization.name = f"Structure {SECRET} {organization.id}"
    for ballot in db.session.scalars(select(Ballot).where(Ballot.plan_id == plan.id)):
        ballot.title = f"Scrutin {SECRET} {ballot.number}"
    for workshop in db.session.scalars(select(Workshop).where(Workshop.plan_id == plan.id)):
        workshop.title = f"Atelier {SECRET} {workshop.id}"
        workshop.notes = f"Notes {SECRET}"
    actions = select(Action.id).where(Action.plan_id == plan.id)
    for comment in db.session.scalars(select(Comment).where(Comment.action_id.in_(actions))):
        comment.body = f"Commentaire {SECRET} {comment.id}"
    for amendment in db.session.scalars(select(Amendment).where(Amendment.action_id.in_(actions))):
        amendment.rationale = f"Raison {SECRET} {amendment.id}"
    db.session.flush()
    db.session.execute(
        sa.update(ActionRevision)
        .where(ActionRevision.action_id.in_(actions))
        .values(title=ActionRevision.title + f" {SECRET}")
    )
    db.session.commit()


def add_beta_only_objects(world: World) -> dict[str, Any]:
    """An action, a ballot and a version whose per-plan keys A does not have."""
    plan, lead = world.plan, world.coordinator
    action = make_action(plan, lead, f"Action {SECRET}", challenge=2)
    ballot = voting.create_ballot(
        plan, lead, title="Quatrième", method=VotingMethod.CONSENT, actions=[action]
    )
    draft = db.session.scalar(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id,
            PlanVersion.status == VersionStatus.DRAFT,
        )
    )
    draft.status = VersionStatus.WORKING
    db.session.commit()
    version = versions.consolidate(plan, lead, changelog="- Encore")
    db.session.commit()
    return {"reference": action.reference, "ballot": ballot.number, "version": version.number}


def objects_of(world: World) -> dict[str, Any]:
    plan = world.plan
    first = db.session.scalar(
        select(Action).where(Action.plan_id == plan.id, Action.reference == "1.1")
    )
    ballots = {
        b.method: b for b in db.session.scalars(select(Ballot).where(Ballot.plan_id == plan.id))
    }
    planned = db.session.scalar(
        select(Ballot).where(Ballot.plan_id == plan.id, Ballot.status == BallotStatus.PLANNED)
    )
    return {
        "organization": plan.organizations[0].id,
        "college": plan.colleges[0].id,
        "zone": plan.zones[0].id,
        "challenge": plan.challenges[0].id,
        "objective": plan.challenges[0].objectives[0].id,
        "action": first.id,
        "comment": db.session.scalar(select(Comment.id).where(Comment.action_id == first.id)),
        "planned_ballot": planned.id,
        "planned_workshop": db.session.scalar(
            select(Workshop.id)
            .where(Workshop.plan_id == plan.id, Workshop.status == WorkshopStatus.PLANNED)
            .limit(1)
        ),
        "dots_item": ballots[VotingMethod.DOT_VOTING].items[0].id,
        "user": world.coordinator.id,
    }


@pytest.fixture(scope="module")
def scene(database_url: str) -> Iterator[Scene]:
    app = make_app(database_url)
    with app.app_context():
        db.create_all()
        try:
            a = build_world(public=True, slug=ALPHA)
            b = build_world(public=False, slug=BETA)
            b_only = add_beta_only_objects(b)
            hide_beta_texts(b.plan)
            attacker = a.coordinator
            client = app.test_client()
            login(client, attacker)
            # In A's live workshop too: the participants' routes get past their check.
            assert client.post(a.urls["workshops.join"]).status_code == 302
            yield Scene(
                app,
                a,
                b,
                attacker,
                client,
                rows_of_plan(table_rows(), b.plan.id),
                b_only,
                objects_of(b),
                objects_of(a),
            )
        finally:
            empty_database()
            db.session.remove()
            db.engine.dispose()  # the pool of a module's app, closed with the module


@pytest.fixture(autouse=True)
def _release_the_connection() -> Iterator[None]:
    """The module's app lives on after each test, whose pools conftest closes: the test's
    transaction ends first, so that no connection is left open (PostgreSQL warns)."""
    yield
    db.session.commit()


def assert_no_secret(response: Any, what: str) -> None:
    body = response.get_data()
    assert SECRET.encode() not in body, f"{what}: B's data in the answer"
    assert BETA_TITLE.encode() not in body, what


# ------------------------------------------------------------------------ ids in addresses

# Arguments that number an object within its plan: B's value in A's address names an
# object of A (or none). The scene gives B objects whose numbers A does not have.
PLAN_SCOPED = {"reference", "number", "old", "new"}
# Arguments that name no object: the plan itself, a format.
NOT_AN_OBJECT = {"slug", "fmt"}
# Endpoints whose address holds no object id of a plan; their forms are tried below.
NO_OBJECT_IN_ADDRESS = {
    "static": "a file of the application, not of a plan",
    "members.accept": "the invitation token is the key itself: B's token opens B, by design",
    "workshops.join": "the join code is the key itself: B's code opens B's room, by design",
    "versions.download": "the format is not an object; the number is tried with versions.show",
}
# Query arguments that take an object id (pre-filling a form, or a filter).
ID_QUERIES = {
    "ballots.new": {"action": "action"},
    "commitments.new": {"action": "action"},
    "ballots.paper": {"college": "college"},
    "workshops.console_paper": {"college": "college"},
    "actions.index": {"zone": "zone", "college": "college"},
    "actions.show": {"reply": "comment"},
}


def b_value(scene: Scene, endpoint: str, name: str, b_args: dict[str, Any]) -> Any:
    """B's value of an address argument, for use in A's address."""
    if name == "reference":
        return scene.b_only["reference"]
    if name in ("number", "old", "new"):
        versioned = endpoint.startswith("versions.")
        return scene.b_only["version" if versioned else "ballot"]
    return b_args[name]


def idor_urls(scene: Scene) -> Iterator[tuple[str, str, str]]:
    """(endpoint, method, A's address with one of B's ids or keys, or all of them)."""
    app, a, b = scene.app, scene.a, scene.b
    for rule in app.url_map.iter_rules():
        endpoint = rule.endpoint
        if endpoint in NO_OBJECT_IN_ADDRESS:
            continue
        names = sorted(rule.arguments - NOT_AN_OBJECT)
        unknown = [n for n in names if not n.endswith("_id") and n not in PLAN_SCOPED]
        assert not unknown, f"{endpoint}: say whether {unknown} name an object"
        queries = ID_QUERIES.get(endpoint, {})
        if not names and not queries:
            continue
        a_url, b_url = a.urls[endpoint], b.urls[endpoint]
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        a_args, b_args = view_args(app, a_url, methods[0]), view_args(app, b_url, methods[0])
        query = urlsplit(a_url).query
        swaps = [{name: b_value(scene, endpoint, name, b_args)} for name in names]
        if len(names) > 1:
            swaps.append({name: b_value(scene, endpoint, name, b_args) for name in names})
        for method in methods:
            for swap in swaps:
                yield endpoint, method, build_url(app, endpoint, {**a_args, **swap}, query)
            if method == "GET":
                for argument, kind in queries.items():
                    swapped = f"{argument}={scene.b_objects[kind]}"
                    yield endpoint, method, build_url(app, endpoint, a_args, swapped)


def test_the_database_check_sees_what_an_attack_would_change(scene: Scene) -> None:
    """The checks below can fail: a change to one of B's rows, or a row of A pointing at
    one of B's, is seen."""
    assert len(scene.b_rows) > 50
    zone, organization = scene.b.plan.zones[0], scene.a.plan.organizations[0]
    name = zone.name
    before = table_rows()
    zone.name = "Changé"
    after = table_rows()
    with pytest.raises(AssertionError, match="of the other plan changed"):
        assert_untouched(before, after, scene.b_rows)
    zone.name = name
    before = table_rows()
    organization.plan_id = scene.b.plan.id
    after = table_rows()
    with pytest.raises(AssertionError, match="now points at"):
        assert_untouched(before, after, scene.b_rows)
    organization.plan_id = scene.a.plan.id
    db.session.commit()


def test_ids_of_another_plan_in_addresses_give_nothing(scene: Scene) -> None:
    before = table_rows()
    tried, wrong = 0, []
    for endpoint, method, url in idor_urls(scene):
        response = scene.attacker_client.open(url, method=method, data={})
        tried += 1
        query_only = method == "GET" and urlsplit(url).query and endpoint in ID_QUERIES
        allowed = (200, 403, 404) if query_only else (403, 404)
        if response.status_code not in allowed:
            wrong.append((method, url, response.status_code))
        assert_no_secret(response, f"{method} {url}")
    assert wrong == [], "addresses of A with ids of B that did not answer 403 or 404"
    assert_untouched(before, table_rows(), scene.b_rows)
    assert changed_rows(before, table_rows()) == [], "a refused request wrote something"
    assert tried > 100  # every route with an id, each id alone and all together


# ---------------------------------------------------------------------------- ids in forms


@dataclass
class FormCase:
    """A form of A, sent as its page has it with what a person types (`typed`); then each
    field of `swaps` alone takes B's object (a key of Scene.b_objects)."""

    page: str  # the endpoint of the page holding the form
    target: str  # the endpoint the form is sent to
    swaps: dict[str, str]
    typed: Callable[[Scene], dict[str, Any]] = lambda _scene: {}
    anonymous: bool = False
    error_field: str | None = None  # where the refusal shows, if not on the field itself
    # The form drops ids it does not know rather than refusing them: accepted, provided
    # nothing of B is touched or pointed at.
    may_ignore: bool = False


def fiche(_scene: Scene) -> dict[str, Any]:
    return {"title": "Fiche témoin", "description": "Une description.", "intent": "draft"}


def first_item(scene: Scene, method: VotingMethod) -> int:
    plan_id = scene.a.plan.id
    return db.session.scalar(
        select(BallotItem.id)
        .join(Ballot)
        .where(Ballot.plan_id == plan_id, Ballot.method == method)
        .order_by(BallotItem.id)
    )


FICHE_IDS = {
    "objective_ids": "objective",
    "lead_organization_id": "organization",
    "zone_ids": "zone",
    "partners-0-organization_id": "organization",
}
FORM_CASES = [
    FormCase("frame.settings", "frame.settings", {"lead_organization_id": "organization"}),
    FormCase(
        "members.invitations",
        "members.invitations",
        {"college_id": "college", "organization_id": "organization"},
    ),
    FormCase(
        "members.edit_member",
        "members.edit_member",
        {"college_id": "college", "organization_id": "organization"},
    ),
    FormCase("actions.new", "actions.new", {"challenge_id": "challenge", **FICHE_IDS}, fiche),
    FormCase("actions.edit", "actions.edit", FICHE_IDS, lambda s: {"intent": "save"}),
    FormCase(
        "actions.new_amendment",
        "actions.new_amendment",
        FICHE_IDS,
        lambda s: {"rationale": "Parce que.", "intent": "amend"},
    ),
    FormCase(
        "actions.edit_amendment",
        "actions.edit_amendment",
        FICHE_IDS,
        lambda s: {"rationale": "Parce que.", "intent": "amend"},
    ),
    FormCase(
        "actions.show",
        "actions.comment",
        {"parent_id": "comment"},
        lambda s: {"stance": "for", "body": "Oui.", "parent_id": ""},
    ),
    FormCase(
        "ballots.new",
        "ballots.new",
        {"action_ids": "action"},
        lambda s: {"title": "Scrutin témoin", "action_ids": str(s.a_objects["action"])},
    ),
    FormCase(
        "ballots.new",
        "ballots.new",
        {"workshop_id": "planned_workshop"},
        lambda s: {"title": "Scrutin d'atelier", "action_ids": str(s.a_objects["action"])},
    ),
    # A challenge stands for its actions: B's brings none of A's, so nothing to vote on.
    FormCase(
        "ballots.new",
        "ballots.new",
        {"challenge_id": "challenge"},
        lambda s: {
            "title": "Vote",
            "action_ids": [],
            "challenge_id": str(s.a_objects["challenge"]),
        },
        error_field="action_ids",
    ),
    FormCase(
        "ballots.paper",
        "ballots.paper",
        {"college_id": "college"},
        lambda s: {"count_consent": "1", "count_stand_aside": "0"},
    ),
    FormCase(
        "ballots.vote",
        "ballots.vote",
        {"dots-{dots_item}": "dots_item"},
        lambda s: {f"dots-{first_item(s, VotingMethod.DOT_VOTING)}": "1"},
        error_field="dots",
    ),
    FormCase(
        "workshops.new",
        "workshops.new",
        {"facilitator_ids": "user", "ballot_ids": "planned_ballot", "action_ids": "action"},
        lambda s: {"title": "Atelier témoin", "starts_at": "2026-05-04T18:00"},
    ),
    FormCase(
        "workshops.edit",
        "workshops.edit",
        {"facilitator_ids": "user", "ballot_ids": "planned_ballot", "action_ids": "action"},
    ),
    FormCase(
        "workshops.live",
        "workshops.post_idea",
        {"idea-challenge_id": "challenge"},
        lambda s: {"idea-title": "Une idée"},
    ),
    FormCase(
        "workshops.console",
        "workshops.console_add_attendee",
        {"college_id": "college", "organization_id": "organization"},
        lambda s: {"name": "Paulette"},
    ),
    FormCase(
        "workshops.console_paper",
        "workshops.console_paper",
        {"college_id": "college"},
        lambda s: {"count_consent": "1", "count_stand_aside": "0"},
    ),
    FormCase(
        "workshops.join",
        "workshops.join",
        {"college_id": "college", "organization_id": "organization"},
        lambda s: {"display_name": "Passante"},
        anonymous=True,
    ),
    FormCase(
        "commitments.new",
        "commitments.new",
        {"organization_id": "organization", "action_id": "action"},
        lambda s: {"kind": "csr", "description": "Mécénat"},
    ),
    # A row whose id the plan does not know is a new college (B's stays as it is); with the
    # name of one of A's, a conflict.
    FormCase(
        "frame.colleges",
        "frame.colleges",
        {"colleges-0-college_id": "college"},
        may_ignore=True,
    ),
]


def form_to_send(scene: Scene, client: FlaskClient, case: FormCase) -> tuple[str, MultiDict]:
    """The address and fields of the form of `case.page` that is sent to `case.target`."""
    page_url = scene.a.urls[case.page]
    page = client.get(page_url)
    assert page.status_code == 200, (case.page, page.status_code)
    for form in forms_of(page.get_data(as_text=True)):
        url = form.action or page_url
        if form.method == "post" and endpoint_of(scene.app, url, "POST") == case.target:
            data = MultiDict(form.fields)
            for name, value in case.typed(scene).items():
                data.setlist(name, [value] if isinstance(value, str) else value)
            if "form_token" in data:  # each sending is a new form, not a second tap
                data["form_token"] = secrets.token_urlsafe(16)
            return url, data
    raise AssertionError(f"no form of {case.page} is sent to {case.target}")


def sent_as_is(response: Any) -> bool:
    return response.status_code in (200, 201, 302, 303) and b'-error"' not in response.get_data()


@pytest.mark.parametrize(
    "case", FORM_CASES, ids=lambda case: f"{case.target}-{'-'.join(case.swaps)}"
)
def test_ids_of_another_plan_in_forms_are_refused(scene: Scene, case: FormCase) -> None:
    client = scene.app.test_client() if case.anonymous else scene.attacker_client
    for name, kind in case.swaps.items():
        name = name.format(**scene.b_objects)
        url, data = form_to_send(scene, client, case)
        data.setlist(name, [str(scene.b_objects[kind])])
        before = table_rows()
        response = client.post(url, data=data)
        after = table_rows()
        assert_no_secret(response, f"{case.target} with {name} of B")
        assert_untouched(before, after, scene.b_rows)
        if case.may_ignore and sent_as_is(response):
            continue
        assert response.status_code in (403, 404, 409, 422), (name, response.status_code)
        if response.status_code == 422:
            field_error = f'id="{case.error_field or name}-error"'.encode()
            assert field_error in response.get_data(), name
        assert changed_rows(before, after) == [], f"{case.target} refused, yet wrote"
    # The same form with A's own values goes through: the refusals above came from B's ids.
    url, data = form_to_send(scene, client, case)
    response = client.post(url, data=data)
    assert sent_as_is(response), (case.target, response.status_code)


@pytest.mark.parametrize("made_up", ["abc", "²"])
def test_a_college_row_with_a_made_up_id_is_refused(scene: Scene, made_up: str) -> None:
    case = next(c for c in FORM_CASES if c.target == "frame.colleges")
    url, data = form_to_send(scene, scene.attacker_client, case)
    data["colleges-0-college_id"] = made_up
    before = table_rows()
    response = scene.attacker_client.post(url, data=data)
    assert response.status_code in (302, 400, 409, 422)
    assert_untouched(before, table_rows(), scene.b_rows)


def field_pattern(name: str) -> str:
    """A field's name without the numbers that vary: rows of a list, ids in a name."""
    return re.sub(r"-\d+(-|$)", r"-N\1", name)


def names_an_object(name: str) -> bool:
    return name.endswith(("_id", "_ids")) or re.fullmatch(r"[a-z]+-\d+", name) is not None


def test_every_id_field_of_every_form_is_tried(scene: Scene) -> None:
    """A new form field holding an object id fails here until FORM_CASES tries it."""
    tried = {
        (case.target, field_pattern(name.format(**scene.b_objects)))
        for case in FORM_CASES
        for name in case.swaps
    }
    a = scene.a
    pages = [(scene.attacker_client, url) for url in a.urls.values()]
    pages.append((scene.attacker_client, f"{a.urls['actions.show']}?reply=1"))
    pages.append((scene.app.test_client(), a.urls["workshops.join"]))  # a newcomer's form
    found = set()
    for client, url in pages:
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in forms_of(response.get_data(as_text=True)):
            target = endpoint_of(scene.app, form.action or url, "POST")
            if form.method != "post" or target is None:
                continue
            found |= {(target, field_pattern(n)) for n in form.names if names_an_object(n)}
    assert found, "no form read"
    assert found - tried == set(), "id fields no test sends with B's ids"
    assert tried - found == set(), "FORM_CASES lists fields no page has"


# ---------------------------------------------------------------- a members-only plan, outside

SEARCH_ENGINE = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
NOT_OF_A_PLAN = set(FIXED_URLS)
LINK_HOLDERS = {"members.accept", "workshops.join"}


def outsiders(scene: Scene) -> dict[str, FlaskClient]:
    robot = scene.app.test_client()
    robot.environ_base["HTTP_USER_AGENT"] = SEARCH_ENGINE
    return {
        "visitor": scene.app.test_client(),
        "member of another plan": scene.attacker_client,
        "search engine": robot,
    }


def every_address(world: World) -> Iterator[tuple[str, str, str]]:
    """(endpoint, method, address) of every route of the plan, with every export."""
    for endpoint, methods in ROUTES.items():
        if endpoint in NOT_OF_A_PLAN:
            continue
        for method in methods:
            yield endpoint, method, world.urls[endpoint]
    published = world.urls["versions.download"].rsplit("/", 1)[0]
    for fmt in render.FORMATS:
        yield "versions.download", "GET", f"{published}/{fmt}"


def masked(body: bytes, slug: str) -> bytes:
    """The page without what changes from one answer to the next (request id, signed CSRF
    token) and the plan's slug (in the login link's next=)."""
    body = re.sub(rb"[\w-]{20,}\.[\w-]+\.[\w-]{20,}", b"TOKEN", body)
    return re.sub(rb"[0-9a-f]{16}", b"ID", body.replace(slug.encode(), b"SLUG"))


def is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response.location.startswith(LOGIN_PAGE)


def test_a_members_only_plan_shows_nothing_to_outsiders(scene: Scene) -> None:
    before = table_rows()
    seen = 0
    for who, client in outsiders(scene).items():
        for endpoint, method, url in every_address(scene.b):
            if endpoint in LINK_HOLDERS:
                continue
            response = client.open(url, method=method, data={})
            seen += 1
            what = f"{who}: {method} {url}"
            assert response.status_code in (403, 404) or is_login_redirect(response), what
            assert_no_secret(response, what)
            assert b"Navette solidaire" not in response.get_data(), what  # B's actions
            if method == "GET" and who == "visitor":
                # The same answer as for a plan that does not exist: nothing to learn.
                nowhere = client.get(url.replace(f"/{BETA}", "/nowhere"))
                assert nowhere.status_code == response.status_code, what
                assert masked(response.get_data(), BETA) == masked(nowhere.get_data(), "nowhere"), (
                    what
                )
            if response.status_code >= 400:
                assert "noindex" in response.headers["X-Robots-Tag"], what
    assert changed_rows(before, table_rows()) == []
    assert seen > 3 * 100


def test_links_into_a_members_only_plan_are_kept_from_search_engines(scene: Scene) -> None:
    robot = outsiders(scene)["search engine"]
    for endpoint in sorted(LINK_HOLDERS):
        # By design the invitation and the join code open the plan to whoever holds them.
        response = robot.get(scene.b.urls[endpoint])
        assert response.status_code == 200, endpoint
        assert "noindex" in response.headers["X-Robots-Tag"], endpoint
        guessed = scene.b.urls[endpoint].rstrip("/")[:-4] + "ZZZZ"
        response = robot.get(guessed)
        assert response.status_code == 404, guessed
        assert_no_secret(response, guessed)
    for url in ("/", "/j", "/robots.txt", "/sitemap.xml"):
        response = robot.get(url)
        assert_no_secret(response, url)
        assert f"/plans/{BETA}".encode() not in response.get_data(), url
        if url in ("/robots.txt", "/sitemap.xml"):
            assert response.status_code == 404  # neither exists: nothing lists the plans


# ---------------------------------------------------------------------------- the headers


def pages_for_headers(scene: Scene, every_format: bool) -> list[str]:
    a = scene.a
    pages = [url for endpoint, url in FIXED_URLS.items() if "GET" in ROUTES[endpoint]]
    pages += [
        a.urls[endpoint]
        for endpoint, methods in ROUTES.items()
        if "GET" in methods and endpoint not in NOT_OF_A_PLAN
    ]
    published = a.urls["versions.download"].rsplit("/", 1)[0]
    pages += [f"{published}/{fmt}" for fmt in (render.FORMATS if every_format else ("md",))]
    # Error pages: unknown page, wrong method, a members-only plan, a bad request.
    pages += ["/plans/nowhere", "/auth/logout", scene.b.urls["frame.home"]]
    pages.append(f"/plans/{ALPHA}/versions/compare")
    return pages


# Anonymous (login redirects, 404), a contributor (pages, 403), and the administrator who
# reaches every page and export, also over HTTPS. tests/test_route_walk.py checks the same
# headers on every answer of its walk: every route, every role, both kinds of plan.
HEADER_ROLES = ("visitor", "contributor", "admin")


def test_every_page_carries_the_security_headers(scene: Scene) -> None:
    hsts = scene.app.config["CAPCOMMUN_HSTS"]
    assert hsts.startswith("max-age=")
    statuses: set[int] = set()
    checked = 0
    for role in HEADER_ROLES:
        client = sign_in(scene.app, role, scene.a.plan)
        admin = role == "admin"
        for url in pages_for_headers(scene, every_format=admin):
            response = client.get(url)
            statuses.add(response.status_code)
            assert_security_headers(response, f"{role} {url}", https=False, hsts=hsts)
            checked += 1
            if admin and response.mimetype == "text/html":  # over HTTPS: with HSTS
                secure = client.get(url, base_url="https://localhost")
                assert secure.status_code == response.status_code, url
                assert_security_headers(secure, f"https {url}", https=True, hsts=hsts)
                checked += 1
        # The htmx fragment of an error, and a fragment of the action list.
        for url in ("/plans/nowhere", scene.a.urls["actions.index"]):
            response = client.get(url, headers={"HX-Request": "true"})
            assert_security_headers(response, f"htmx {url}", https=False, hsts=hsts)
    assert {200, 302, 400, 403, 404, 405} <= statuses
    assert checked > 3 * 60


def test_hsts_follows_its_setting_and_https_only(
    scene: Scene, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "/static/css/app.css"
    for setting, sent in (("", None), ("max-age=300", "max-age=300")):
        client = make_app(database_url, CAPCOMMUN_HSTS=setting).test_client()
        assert (
            client.get(page, base_url="https://localhost").headers.get("Strict-Transport-Security")
            == sent
        ), setting
        assert "Strict-Transport-Security" not in client.get(page).headers
    monkeypatch.setenv("CAPCOMMUN_HSTS", "max-age=60")
    assert make_app(database_url).config["CAPCOMMUN_HSTS"] == "max-age=60"
    # Behind a trusted proxy, the proxy says the visit is over HTTPS; without one, a
    # visitor's header is not believed.
    forwarded = {"X-Forwarded-Proto": "https"}
    behind = make_app(database_url, CAPCOMMUN_TRUSTED_PROXIES=1).test_client()
    assert behind.get(page, headers=forwarded).headers["Strict-Transport-Security"] == "max-age=60"
    direct = make_app(database_url).test_client()
    assert "Strict-Transport-Security" not in direct.get(page, headers=forwarded).headers
