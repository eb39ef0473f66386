"""The demo plan's versions: version 1 validated in May 2021, version 2 a draft that adds an
action, shows a fiche changed by the June steering committee and a raised indicator target,
and the company commitments made since."""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.commitments.models import CompanyCommitment
from plan.demo import content
from plan.demo.ballots import BALLOTS
from plan.demo.commitments import COMMITMENTS
from plan.demo.loader import DEMO_PASSWORD, load_demo
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.versions import services
from plan.versions.diff import diff_snapshots
from plan.versions.models import PlanVersion, VersionStatus
from plan.versions.snapshot import _label_readiness, sha256_of
from tests.conftest import login

INDICATOR = "Part des produits locaux dans les achats alimentaires"


@pytest.fixture
def demo(app):  # type: ignore[no-untyped-def]
    plan = load_demo()
    db.session.commit()
    first, second = db.session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)
    ).all()
    return plan, first, second


def adopted(snapshot: dict) -> dict[str, dict]:
    return {action["reference"]: action for action in snapshot["actions"]}


def indicator(snapshot: dict, name: str) -> dict:
    return next(
        item
        for challenge in snapshot["challenges"]
        for objective in challenge["objectives"]
        for item in objective["indicators"]
        if item["name"] == name
    )


def test_version_1_is_validated_in_2021_and_its_hash_holds(demo) -> None:
    _plan, first, _second = demo
    assert (first.number, first.status) == (1, VersionStatus.VALIDATED)
    assert first.sha256 == sha256_of(first.snapshot)
    services.verify(first)  # raises on a mismatch
    assert first.snapshot["introduction"] == content.VERSION_1["introduction"]
    assert first.snapshot["changelog"] == content.VERSION_1["changelog"]
    assert first.introduction.startswith("Voici la première version du plan stratégique")
    # Dated in the story, between the spring consultation and the June steering committee.
    closed = sorted(spec["closed_at"] for spec in BALLOTS if spec["closed_at"])
    assert first.created_at == first.built_at == datetime(2021, 5, 25, 8, 0)
    assert closed[2] < first.published_at < closed[3]
    assert first.published_at.year == 2021
    assert first.published_by.email == "coordinatrice@example.org"
    publications = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "version.publish")
    ).all()
    assert [event.data["number"] for event in publications] == [1]


def test_version_2_is_a_draft_with_its_own_texts(demo) -> None:
    _plan, _first, second = demo
    assert (second.number, second.status) == (2, VersionStatus.DRAFT)
    assert second.published_at is None
    assert second.sha256 == sha256_of(second.snapshot)
    assert second.snapshot["introduction"] == content.VERSION_2["introduction"]
    assert second.snapshot["changelog"] == content.VERSION_2["changelog"]
    assert second.changelog.startswith("Par rapport à la version 1")


def test_version_2_adds_an_action_adopted_after_version_1(demo) -> None:
    _plan, first, second = demo
    before, after = adopted(first.snapshot), adopted(second.snapshot)
    assert sorted(before) == ["1.2", "1.8", "2.3"]
    assert set(after) - set(before) == {"3.1"}
    assert set(before) <= set(after)
    added = after["3.1"]
    assert added["result"]["method"] == "consent"
    assert added["result"]["closed_at"] == "2021-06-17"
    assert [a["reference"] for a in first.snapshot["annex"]] == ["1.1", "2.2"]
    assert [a["reference"] for a in second.snapshot["annex"]] == ["1.1", "2.2", "3.4"]


def test_version_2_raises_an_indicator_target(demo) -> None:
    _plan, first, second = demo
    old, new = indicator(first.snapshot, INDICATOR), indicator(second.snapshot, INDICATOR)
    assert (old["target_value"], new["target_value"]) == ("30", "35")
    assert old["target_year"] == new["target_year"] == 2023
    assert old["baseline_value"] == new["baseline_value"] == "12.5"


def test_version_2_shows_the_fiches_of_the_reworded_objective(demo) -> None:
    """The steering committee reworded objective 1.1: the adopted fiches that serve it
    (1.2 and 1.8) print its new title; their adopted revision and result do not move."""
    _plan, first, second = demo
    objective = "1.1 Porter à {} % la part des produits locaux en restauration collective"
    for reference in ("1.2", "1.8"):
        old, new = adopted(first.snapshot)[reference], adopted(second.snapshot)[reference]
        assert old["fiche"]["objectives"] == [objective.format(30)], reference
        assert new["fiche"]["objectives"] == [objective.format(35)], reference
        assert (old["revision"], old["result"]) == (new["revision"], new["result"])
        others = {k: v for k, v in new["fiche"].items() if k != "objectives"}
        assert others == {k: v for k, v in old["fiche"].items() if k != "objectives"}
    assert adopted(first.snapshot)["2.3"] == adopted(second.snapshot)["2.3"]
    changed = {
        event.action: event.data
        for event in db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action.in_(["objective.update", "indicator.update"])
            )
        )
    }
    assert changed["indicator.update"]["target_value"][1] == "35"
    assert "35 %" in changed["objective.update"]["title"][1]


def test_version_2_shows_the_amended_fiche_in_the_annex(demo) -> None:
    """After version 1, an accepted amendment changes fiche 2.2 (to rework): version 2
    prints the amended fiche, version 1 keeps the one it was published with."""
    _plan, first, second = demo
    old = next(a for a in first.snapshot["annex"] if a["reference"] == "2.2")
    new = next(a for a in second.snapshot["annex"] if a["reference"] == "2.2")
    assert new["revision"] == old["revision"] + 1
    addition = content.AMENDMENT_AFTER_VERSION_1["description_addition"]
    assert addition not in old["fiche"]["description"]
    assert new["fiche"]["description"] == f"{old['fiche']['description']}\n{addition}"
    diff = diff_snapshots(first.snapshot, second.snapshot)
    changed = next(c for c in diff["actions"]["changed"] if c["reference"] == "2.2")
    assert "description" in changed["field_names"]


def test_the_commitments_appear_by_size_and_kind(demo) -> None:
    _plan, first, second = demo
    assert db.session.scalar(select(func.count(CompanyCommitment.id))) == len(COMMITMENTS)
    companies = second.snapshot["companies"]
    assert len(companies["commitments"]) == len(COMMITMENTS)
    assert {
        (row["organization"], row["kind"], row["action"]) for row in companies["commitments"]
    } == {(spec["organization"], spec["kind"], spec["action"]) for spec in COMMITMENTS}
    assert companies["valuation_cents"] == 100 * sum(spec["valuation"] or 0 for spec in COMMITMENTS)
    sizes = {row["size_class"] for row in companies["commitments"]}
    assert sizes == {"tpe", "pme", "eti", "large_group", None}  # None: the cooperative
    kinds = {row["kind"] for row in companies["by_size_and_kind"]}
    assert kinds == {
        "csr",
        "financial_sponsorship",
        "skills_sponsorship",
        "partnership",
        "responsible_purchasing",
    }
    cells = companies["by_size_and_kind"]
    assert sum(cell["commitments"] for cell in cells) == len(COMMITMENTS)
    assert sum(cell["valuation_cents"] for cell in cells) == companies["valuation_cents"]
    # Some to adopted actions, some to the plan as a whole.
    targets = {row["action"] for row in companies["commitments"]}
    assert None in targets
    assert targets - {None} <= set(adopted(second.snapshot))
    # Version 1 holds only those made before it was published.
    published = content.VERSION_1["published_at"]
    earlier = [spec for spec in COMMITMENTS if spec["made_at"] < published]
    assert 0 < len(earlier) < len(COMMITMENTS)
    assert len(first.snapshot["companies"]["commitments"]) == len(earlier)
    engaged = next(
        c for c in second.snapshot["label_readiness"] if c["code"] == "engaged_companies"
    )
    assert engaged["met"]


def test_label_readiness_names_what_companies_lack(demo) -> None:  # type: ignore[no-untyped-def]
    _plan, _first, second = demo
    snapshot = second.snapshot
    commitments = snapshot["companies"]["commitments"]
    kind = commitments[0]["kind"]
    size = commitments[0]["size_class"]
    same = [{**row, "kind": kind, "size_class": size} for row in commitments]

    def engaged(rows: list[dict]) -> dict:
        changed = {**snapshot, "companies": {**snapshot["companies"], "commitments": rows}}
        return next(c for c in _label_readiness(changed, []) if c["code"] == "engaged_companies")

    assert engaged(commitments)["missing"] == []
    one_kind = engaged(same)
    assert not one_kind["met"]
    assert one_kind["missing"] == [
        "Des entreprises de plusieurs tailles",
        "Des engagements de plusieurs types",
    ]
    assert engaged([])["missing"] == ["Au moins un engagement d'entreprise"]


def test_the_commitments_page_of_the_demo(client, demo) -> None:
    response = client.get("/plans/hautes-alpes/commitments", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = " ".join(
        html_lib.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split()
    )
    for spec in COMMITMENTS:
        assert spec["organization"] in page
    assert "Large group" in page
    assert "Micro-enterprise (TPE, under 10 staff)" in page
    assert f"{len(COMMITMENTS)} commitments" in page
    assert "3.1 Équipes citoyennes de visite du Queyras et du Guillestrois" in page


FORMATS = ("html", "pdf", "odt", "docx", "md", "json", "csv", "xlsx")


def test_the_command_line_gives_the_files_the_browser_downloads(app, demo, runner, tmp_path):  # type: ignore[no-untyped-def]
    """Both versions of the demo, in the eight formats, from `capcommun export`: each file
    is, byte for byte, the one the coordinator downloads (whose content the browser journey
    opens in its real reader), under the same name."""
    _plan, first, second = demo
    coordinator = app.test_client()
    login(
        coordinator,
        db.session.scalar(select(User).where(User.email == "coordinatrice@example.org")),
        DEMO_PASSWORD,
    )
    for version in (first, second):
        for fmt in FORMATS:
            result = runner.invoke(
                args=[
                    "export",
                    "hautes-alpes",
                    str(version.number),
                    "--format",
                    fmt,
                    "--output",
                    str(tmp_path),
                ]
            )
            assert result.exit_code == 0, result.output
            name = f"hautes-alpes-v{version.number}.{fmt}"
            exported = (tmp_path / name).read_bytes()
            download = coordinator.get(
                f"/plans/hautes-alpes/versions/{version.number}/download/{fmt}"
            )
            assert download.status_code == 200, (name, download.status_code)
            assert f'filename="{name}"' in download.headers["Content-Disposition"]
            assert exported == download.get_data(), f"{name} differs from the download"
