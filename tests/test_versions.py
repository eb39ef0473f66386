"""Versions of the plan: consolidate, publish, freeze, check the hash, compare, download."""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
import uuid

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from plan.actions.models import ActionStatus
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.members.models import Role
from plan.versions import services
from plan.versions.models import PlanVersion, VersionStatus
from plan.versions.snapshot import sha256_of
from plan.voting import services as voting
from plan.voting.models import VotingMethod
from tests.conftest import (
    csrf_token_from,
    login,
    make_action,
    make_member,
    make_plan,
    make_user,
)
from tests.test_ballots_concurrency import at_once, statuses


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html_lib.unescape(response.get_data(as_text=True))


def adopt(plan, actions, voters, grade: str = "bien") -> None:  # type: ignore[no-untyped-def]
    """Put the actions to a majority-judgment vote that adopts them (or not)."""
    ballot = voting.create_ballot(
        plan, voters[0], title="Scrutin", method=VotingMethod.MAJORITY_JUDGMENT, actions=actions
    )
    voting.open_ballot(ballot)
    for item in ballot.items:
        for index, voter in enumerate(voters):
            voting.cast_vote(item, voter, plan.colleges[index % 5].id, grade)
    voting.close_ballot(ballot)
    db.session.commit()


@pytest.fixture
def world(app):  # type: ignore[no-untyped-def]
    plan = make_plan("vallee", challenges=3)
    coordinator = make_user("coordinatrice@example.org", name="Coralie")
    make_member(coordinator, plan, Role.COORDINATOR)
    observer = make_user("observateur@example.org")
    make_member(observer, plan, Role.OBSERVER)
    facilitator = make_user("animateur@example.org")
    make_member(facilitator, plan, Role.FACILITATOR)
    voters = []
    for index in range(5):
        voter = make_user(f"votant{index}@example.org")
        make_member(voter, plan, Role.CONTRIBUTOR, plan.colleges[index % 5])
        voters.append(voter)
    first = make_action(plan, voters[0], "Navette solidaire")
    second = make_action(plan, voters[1], "Café des aidants", challenge=3)
    return {
        "plan": plan,
        "coordinator": coordinator,
        "observer": observer,
        "facilitator": facilitator,
        "voters": voters,
        "actions": [first, second],
    }


def client_of(app, user):  # type: ignore[no-untyped-def]
    client = app.test_client()
    login(client, user)
    return client


def post(client, url: str, data: dict | None = None):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get("/plans/vallee/versions").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def test_a_draft_is_built_edited_and_published_then_frozen(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    coordinator = client_of(app, world["coordinator"])

    response = post(coordinator, "/plans/vallee/versions/consolidate")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/plans/vallee/versions/1/edit")
    version = db.session.scalar(select(PlanVersion))
    assert version.is_draft
    assert [a["reference"] for a in version.snapshot["actions"]] == ["1.1"]
    assert version.sha256 == sha256_of(version.snapshot)

    edit = text(coordinator.get("/plans/vallee/versions/1/edit"))
    assert "Brouillon de la version 1" in edit
    token = csrf_token_from(edit)
    response = coordinator.post(
        "/plans/vallee/versions/1/edit",
        data={"csrf_token": token, "introduction": "Un plan **partagé**.", "changelog": "- Tout"},
    )
    assert response.status_code == 302
    db.session.refresh(version)
    assert version.snapshot["introduction"] == "Un plan **partagé**."
    assert version.sha256 == sha256_of(version.snapshot)

    response = post(coordinator, "/plans/vallee/versions/1/publish", {"status": "validated"})
    assert response.status_code == 302
    db.session.refresh(version)
    assert version.status == VersionStatus.VALIDATED
    assert version.published_at is not None

    # Publishing again: 409, and nothing changes.
    again = post(coordinator, "/plans/vallee/versions/1/publish", {"status": "adopted"})
    assert again.status_code == 409
    assert "déjà publiée" in text(again)
    # The ORM refuses to change a published snapshot.
    version.snapshot = {**version.snapshot, "introduction": "Réécrit"}
    with pytest.raises(RuntimeError, match="published"):
        db.session.flush()
    db.session.rollback()
    events = db.session.scalars(select(AuditEvent.action)).all()
    assert {"version.consolidate", "version.publish"} <= set(events)


def test_publication_is_refused_without_adopted_action_or_three_challenges(app, world):
    coordinator = client_of(app, world["coordinator"])
    post(coordinator, "/plans/vallee/versions/consolidate")
    edit = text(coordinator.get("/plans/vallee/versions/1/edit"))
    assert "aucune action n'est encore adoptée" in edit
    refused = post(coordinator, "/plans/vallee/versions/1/publish", {"status": "working"})
    assert refused.status_code == 409
    assert "aucune action n'est encore adoptée" in text(refused)
    assert db.session.scalar(select(PlanVersion.status)) == VersionStatus.DRAFT

    other = make_plan("deux-defis", challenges=2)
    make_member(world["coordinator"], other, Role.COORDINATOR)
    version = services.consolidate(other, world["coordinator"])
    assert services.publication_problems(version.snapshot) == [
        "three_challenges",
        "no_adopted_action",
    ]


def test_the_draft_is_for_the_facilitation_published_versions_for_every_reader(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    observer = client_of(app, world["observer"])
    assert observer.get("/plans/vallee/versions/1").status_code == 404
    assert "Version 1" not in text(observer.get("/plans/vallee/versions"))
    facilitator = client_of(app, world["facilitator"])
    assert facilitator.get("/plans/vallee/versions/1").status_code == 200
    assert facilitator.get("/plans/vallee/versions/1/edit").status_code == 403
    assert post(facilitator, "/plans/vallee/versions/consolidate").status_code == 403

    version = db.session.scalar(select(PlanVersion))
    services.publish(version, world["coordinator"], VersionStatus.WORKING)
    db.session.commit()
    visitor = app.test_client()
    page = text(visitor.get("/plans/vallee/versions"))
    assert "Version 1" in page
    assert version.short_hash in page
    assert visitor.get("/plans/vallee/versions/1").status_code == 200
    assert visitor.get("/plans/vallee/versions/7").status_code == 404


def test_status_moves_forward_or_to_archived_only(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    version = services.consolidate(world["plan"], world["coordinator"])
    services.publish(version, world["coordinator"], VersionStatus.CONSULTATION)
    db.session.commit()
    coordinator = client_of(app, world["coordinator"])
    back = post(coordinator, "/plans/vallee/versions/1/status", {"status": "working"})
    assert back.status_code == 422
    assert (
        post(coordinator, "/plans/vallee/versions/1/status", {"status": "adopted"}).status_code
        == 302
    )
    db.session.refresh(version)
    assert version.status == VersionStatus.ADOPTED
    assert (
        post(coordinator, "/plans/vallee/versions/1/status", {"status": "archived"}).status_code
        == 302
    )
    db.session.refresh(version)
    assert version.status == VersionStatus.ARCHIVED
    assert version.sha256 == sha256_of(version.snapshot)


def test_a_tampered_snapshot_is_never_served(app, world, caplog):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    version = services.consolidate(world["plan"], world["coordinator"])
    services.publish(version, world["coordinator"], VersionStatus.VALIDATED)
    db.session.commit()
    tampered = {**version.snapshot, "introduction": "Introduction falsifiée"}
    db.session.execute(
        update(PlanVersion).where(PlanVersion.id == version.id).values(snapshot=tampered)
    )
    db.session.commit()
    visitor = app.test_client()
    with caplog.at_level(logging.ERROR, logger="capcommun.versions"):
        page = visitor.get("/plans/vallee/versions/1")
        download = visitor.get("/plans/vallee/versions/1/download/html")
    assert page.status_code == 500
    assert "ne correspond plus à son empreinte" in text(page)
    assert "falsifiée" not in text(page)
    assert download.status_code == 500
    assert b"falsifi" not in download.data
    assert "stored hash" in caplog.text


def test_downloads_are_named_after_the_plan_and_version(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    version = services.consolidate(world["plan"], world["coordinator"])
    services.publish(version, world["coordinator"], VersionStatus.VALIDATED)
    db.session.commit()
    visitor = app.test_client()
    response = visitor.get("/plans/vallee/versions/1/download/json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="vallee-v1.json"'
    assert json.loads(response.data)["snapshot"] == version.snapshot
    unknown = visitor.get("/plans/vallee/versions/1/download/exe")
    assert unknown.status_code == 400
    message = text(unknown)
    for fmt in ("html", "pdf", "odt", "docx", "md", "json", "csv", "xlsx"):
        assert fmt in message


def test_comparing_two_versions(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    first = services.consolidate(world["plan"], world["coordinator"])
    services.publish(first, world["coordinator"], VersionStatus.VALIDATED)
    db.session.commit()
    adopt(world["plan"], world["actions"][1:], world["voters"])
    second = services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    assert "3.1" in second.changelog  # pre-filled from the comparison with version 1
    facilitator = client_of(app, world["facilitator"])
    page = facilitator.get("/plans/vallee/versions/compare?from=1&to=2")
    assert page.status_code == 302
    assert page.headers["Location"].endswith("/plans/vallee/versions/1...2")
    compared = text(facilitator.get("/plans/vallee/versions/1...2"))
    assert "Café des aidants" in compared
    assert facilitator.get("/plans/vallee/versions/compare?from=1").status_code == 400


def draft_form(client, url: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The draft form's fields as a browser sends them back: textareas with CRLF."""
    page = client.get(url).get_data(as_text=True)
    fields = {
        name: html_lib.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page)
    }
    for name, value in re.findall(
        r'<textarea[^>]*name="(\w+)"[^>]*>\r?\n?(.*?)</textarea>', page, re.S
    ):
        fields[name] = html_lib.unescape(value).replace("\n", "\r\n")
    return fields


@pytest.fixture
def second_draft(world):  # type: ignore[no-untyped-def]
    """Version 1 published with action 1.1; the draft of version 2 adds 3.1."""
    adopt(world["plan"], world["actions"][:1], world["voters"])
    first = services.consolidate(world["plan"], world["coordinator"])
    services.publish(first, world["coordinator"], VersionStatus.VALIDATED)
    adopt(world["plan"], world["actions"][1:], world["voters"])
    draft = services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    assert "3.1 Café des aidants" in draft.changelog
    return draft


def adopt_a_third_action(world) -> None:  # type: ignore[no-untyped-def]
    third = make_action(world["plan"], world["voters"][2], "Jardins partagés", challenge=2)
    adopt(world["plan"], [third], world["voters"])


def assert_frozen(version: PlanVersion) -> None:
    assert version.snapshot["changelog"] == version.changelog
    assert version.sha256 == sha256_of(version.snapshot)


def test_an_automatic_changelog_is_written_again_at_each_rebuild(app, world, second_draft):
    adopt_a_third_action(world)
    draft = services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    assert "Jardins partagés" in draft.changelog
    assert "3.1 Café des aidants" in draft.changelog
    assert draft.changelog == services.suggested_changelog(world["plan"], draft.snapshot)
    assert_frozen(draft)

    world["plan"].title = "Vallée en transition"
    rebuilt = services.consolidate(world["plan"], None)  # the command line's way
    db.session.commit()
    assert "Également mis à jour : présentation du plan" in rebuilt.changelog
    assert_frozen(rebuilt)
    services.publish(rebuilt, world["coordinator"], VersionStatus.VALIDATED)
    db.session.commit()
    assert "Jardins partagés" in rebuilt.snapshot["changelog"]


def test_the_coordinators_changelog_is_kept_at_each_rebuild(app, world, second_draft):
    coordinator = client_of(app, world["coordinator"])
    fields = draft_form(coordinator, "/plans/vallee/versions/2/edit")
    written = fields["changelog"] + "\r\n- Merci aux aidants"
    response = coordinator.post(
        "/plans/vallee/versions/2/edit", data={**fields, "changelog": written}
    )
    assert response.status_code == 302
    db.session.refresh(second_draft)
    ours = written.replace("\r\n", "\n")
    assert second_draft.changelog == ours

    adopt_a_third_action(world)
    draft = services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    assert draft.changelog == ours
    assert "Jardins partagés" not in draft.changelog
    assert_frozen(draft)
    # Through the service too (the command line rebuilds with no text of its own).
    services.consolidate(world["plan"], world["coordinator"], changelog="Notre texte.")
    assert services.consolidate(world["plan"], None).changelog == "Notre texte."


def test_the_suggestion_sent_back_by_the_form_is_still_written_again(app, world, second_draft):
    coordinator = client_of(app, world["coordinator"])
    shown = draft_form(coordinator, "/plans/vallee/versions/2/edit")
    assert shown["changelog"].replace("\r\n", "\n") == second_draft.changelog
    # The plan changes and the draft is rebuilt (the command line) before the form is saved.
    adopt_a_third_action(world)
    services.consolidate(world["plan"], None)
    db.session.commit()
    response = coordinator.post(
        "/plans/vallee/versions/2/edit", data={**shown, "introduction": "Un plan partagé."}
    )
    assert response.status_code == 302
    draft = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 2))
    db.session.refresh(draft)
    assert draft.introduction == "Un plan partagé."
    assert "Jardins partagés" in draft.changelog
    assert "Introduction modifiée" in draft.changelog
    assert_frozen(draft)

    # Saved again as shown (the current suggestion), then rebuilt after a change.
    again = draft_form(coordinator, "/plans/vallee/versions/2/edit")
    assert coordinator.post("/plans/vallee/versions/2/edit", data=again).status_code == 302
    world["plan"].title = "Vallée en transition"
    draft = services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    assert "Également mis à jour : présentation du plan" in draft.changelog
    assert "Jardins partagés" in draft.changelog
    assert_frozen(draft)


def test_no_changelog_is_written_from_a_tampered_version(app, world, second_draft, runner):
    built = (second_draft.id, second_draft.sha256)
    first = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 1))
    tampered = {**first.snapshot, "introduction": "Introduction falsifiée"}
    db.session.execute(
        update(PlanVersion).where(PlanVersion.id == first.id).values(snapshot=tampered)
    )
    db.session.commit()
    db.session.expire_all()
    coordinator = client_of(app, world["coordinator"])
    response = post(coordinator, "/plans/vallee/versions/consolidate")
    assert response.status_code == 500
    assert "SHA-256" in text(response)
    result = runner.invoke(args=["consolidate", "vallee"])
    assert result.exit_code != 0
    assert "la version 1 ne correspond plus à son empreinte" in result.output
    db.session.expire_all()
    assert db.session.get(PlanVersion, built[0]).sha256 == built[1]  # not rebuilt


def test_the_command_line_consolidates_and_exports(app, world, runner, tmp_path):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    result = runner.invoke(args=["consolidate", "vallee"])
    assert result.exit_code == 0, result.output
    assert "Version 1 (brouillon)" in result.output
    result = runner.invoke(
        args=["export", "vallee", "1", "--format", "md", "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    exported = (tmp_path / "vallee-v1.md").read_text()
    assert "Navette solidaire" in exported
    missing = runner.invoke(args=["export", "vallee", "9", "--format", "md"])
    assert missing.exit_code != 0
    assert "pas de version 9" in missing.output
    unknown = runner.invoke(args=["export", "vallee", "1", "--format", "exe"])
    assert unknown.exit_code != 0


def test_the_command_line_says_why_the_draft_cannot_be_published_yet(app, world, runner):
    app.config["BABEL_DEFAULT_LOCALE"] = "en"  # the command line still speaks French
    result = runner.invoke(args=["consolidate", "vallee"])
    assert result.exit_code == 0, result.output
    assert "Pas encore publiable : aucune action n'est encore adoptée" in result.output
    assert "no_adopted_action" not in result.output

    make_plan("deux-defis", challenges=2)
    result = runner.invoke(args=["consolidate", "deux-defis"])
    assert result.exit_code == 0, result.output
    assert (
        "Pas encore publiable : le plan doit compter exactement trois défis, "
        "aucune action n'est encore adoptée"
    ) in result.output


def test_two_coordinators_consolidating_at_once_share_one_draft(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    clients = [client_of(app, world["coordinator"]) for _ in range(4)]
    results = at_once([lambda c=c: c.post("/plans/vallee/versions/consolidate") for c in clients])
    assert statuses(results) == [302] * 4
    assert db.session.scalar(select(func.count()).select_from(PlanVersion)) == 1
    assert db.session.scalar(select(PlanVersion.number)) == 1


def test_two_coordinators_publishing_the_same_draft_at_once_publish_it_once(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    services.consolidate(world["plan"], world["coordinator"])
    db.session.commit()
    clients = [client_of(app, world["coordinator"]) for _ in range(4)]
    results = at_once(
        [
            lambda c=c, s=s: c.post("/plans/vallee/versions/1/publish", data={"status": s})
            for c, s in zip(
                clients, ["working", "validated", "adopted", "consultation"], strict=True
            )
        ]
    )
    assert sorted(statuses(results)) == [302, 409, 409, 409]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "version.publish")
    ).all()
    assert len(events) == 1
    version = db.session.scalar(select(PlanVersion))
    assert version.status.value == events[0].data["status"]


def test_numbers_are_unique_per_plan(app, world):
    adopt(world["plan"], world["actions"][:1], world["voters"])
    first = services.consolidate(world["plan"], world["coordinator"])
    services.publish(first, world["coordinator"], VersionStatus.WORKING)
    db.session.commit()
    clash = PlanVersion(plan_id=world["plan"].id, number=1, snapshot={}, sha256="")
    db.session.add(clash)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    second = services.consolidate(world["plan"], world["coordinator"])
    assert second.number == 2
    assert world["actions"][0].status == ActionStatus.ADOPTED


def test_version_and_commitment_pages_run_a_constant_number_of_queries(app, world):
    """The versions list, a version, a comparison and the commitments page cost the same
    number of queries with 1 commitment and 2 versions as with 30 and 6."""
    from plan.commitments.models import CommitmentKind
    from plan.commitments.services import add_commitment
    from plan.frame.models import OrganizationKind, SizeClass
    from plan.frame.services import add_organization
    from tests.test_actions import count_queries

    plan, coordinator = world["plan"], world["coordinator"]
    adopt(plan, world["actions"][:1], world["voters"])
    client = client_of(app, coordinator)

    def grow(versions: int, commitments: int) -> None:
        """Each commitment from an organisation of its own, each version by a coordinator
        of its own: a query per row would show."""
        for _ in range(commitments):
            organization = add_organization(
                plan,
                {
                    "name": f"Entreprise {uuid.uuid4().hex[:6]}",
                    "kind": OrganizationKind.COMPANY,
                    "size_class": SizeClass.PME,
                    "siret": None,
                    "website": None,
                },
            )
            add_commitment(plan, organization, None, CommitmentKind.CSR, "Mécénat", 100, None)
        for _ in range(versions):
            author = make_user()
            make_member(author, plan, Role.COORDINATOR)
            version = services.consolidate(plan, author)
            services.publish(version, author, VersionStatus.WORKING)
        db.session.commit()

    def figures() -> tuple[int, ...]:
        return (
            count_queries(app, client, "/plans/vallee/versions"),
            count_queries(app, client, "/plans/vallee/versions/1"),
            count_queries(app, client, "/plans/vallee/versions/1...2"),
            count_queries(app, client, "/plans/vallee/commitments"),
        )

    grow(2, 1)
    small = figures()
    grow(4, 29)
    assert figures() == small
