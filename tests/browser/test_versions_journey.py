"""Versions of the demo plan: the coordinator rewrites and publishes the draft, anyone
compares two versions in words, downloads a version in every format and reads it in real
readers, a visitor reads the published version from a phone, and the coordinator
consolidates and publishes without JavaScript."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from plan.extensions import db
from plan.frame.models import Plan
from plan.versions.models import PlanVersion, VersionStatus
from plan.versions.render.json import read_export
from plan.versions.render.tables import CSV_HEADER, HEADER
from plan.versions.snapshot import sha256_of
from tests.browser.demo import SLUG, demo_plan, log_in, no_horizontal_scroll

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
COORDINATOR = "coordinatrice@example.org"
MINUS = "\u2212"  # the diff's minus sign
FORMATS = ["html", "pdf", "odt", "docx", "md", "json", "csv", "xlsx"]
NEW_INTRODUCTION = (
    "Cette deuxième version a été relue en réunion d'équipe le 24 juin 2021.\n\n"
    "Elle reprend les décisions du **comité de pilotage** du 17 juin."
)


@pytest.fixture
def demo(app) -> Plan:  # type: ignore[no-untyped-def]
    """The demo plan: version 1 published (« Validée »), version 2 a draft."""
    plan = demo_plan()
    assert [(v.number, v.status) for v in versions_of(plan)] == [
        (1, VersionStatus.VALIDATED),
        (2, VersionStatus.DRAFT),
    ], "the demo should bring a validated version 1 and a draft version 2"
    return plan


def versions_of(plan: Plan) -> list[PlanVersion]:
    db.session.commit()  # see what the browser's requests committed
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)
        )
    )


def version(plan: Plan, number: int) -> PlanVersion:
    return next(v for v in versions_of(plan) if v.number == number)


def unix(text: str) -> str:
    return text.replace("\r\n", "\n")


def row_of(page, number: int):  # type: ignore[no-untyped-def]
    """The list's row of a version, found by its row header."""
    return page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=f"Version {number}", exact=True)
    )


def flash_text(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("#flashes").inner_text()


# --------------------------------------------------------------------------- journeys


def test_coordinator_rewrites_and_publishes_the_draft(
    demo, live_server, new_page, check_accessibility
) -> None:
    v1, v2 = versions_of(demo)
    page = new_page()
    log_in(page, live_server, COORDINATOR)
    page.goto(f"{live_server}/plans/{SLUG}")
    with page.expect_navigation():
        page.get_by_role("link", name="Versions", exact=True).click()
    assert page.url == f"{live_server}/plans/{SLUG}/versions"
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions du plan")
    check_accessibility(page)

    first = row_of(page, 1)
    expect(first).to_have_count(1)
    cells = [c.strip() for c in first.get_by_role("cell").all_inner_texts()]
    assert cells[0] == "Validée", cells
    assert cells[1] == "31 mai 2021", cells
    assert cells[3] == v1.sha256[:12], cells
    assert first.locator("code").get_attribute("title") == v1.sha256
    draft = row_of(page, 2)
    expect(draft).to_have_count(1)
    cells = [c.strip() for c in draft.get_by_role("cell").all_inner_texts()]
    assert cells[0] == "Brouillon", cells
    assert cells[3] == v2.sha256[:12], cells
    # The newest version comes first.
    headers = page.get_by_role("rowheader").all_inner_texts()
    assert [h.strip() for h in headers] == ["Version 2", "Version 1"]

    with page.expect_navigation():
        draft.get_by_role("link", name="Version 2", exact=True).click()
    assert page.url == f"{live_server}/plans/{SLUG}/versions/2/edit"
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon de la version 2")
    check_accessibility(page)
    old_hash = page.locator(".meta code").inner_text().strip()
    assert old_hash == v2.sha256[:12]
    changelog = page.get_by_label("Modifications depuis la version précédente")
    assert changelog.input_value().strip() == v2.changelog.strip() != ""
    assert changelog.input_value().startswith("Par rapport à la version 1")

    introduction = page.get_by_label("Introduction éditoriale")
    assert introduction.input_value().strip() == v2.introduction.strip()
    introduction.fill(NEW_INTRODUCTION)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Enregistrer et reconstruire le brouillon").click()
    assert navigation.value.status == 200
    assert page.url == f"{live_server}/plans/{SLUG}/versions/2/edit"
    assert "Le brouillon est reconstruit avec votre texte." in flash_text(page)
    new_hash = page.locator(".meta code").inner_text().strip()
    assert new_hash != old_hash, "the rebuilt draft kept its fingerprint"
    assert unix(page.get_by_label("Introduction éditoriale").input_value()) == NEW_INTRODUCTION
    rebuilt = version(demo, 2)
    assert rebuilt.status == VersionStatus.DRAFT
    # A browser sends a textarea's line breaks as CRLF.
    assert unix(rebuilt.introduction) == NEW_INTRODUCTION
    assert unix(rebuilt.snapshot["introduction"]) == NEW_INTRODUCTION
    assert rebuilt.sha256[:12] == new_hash
    assert rebuilt.sha256 == sha256_of(rebuilt.snapshot)
    check_accessibility(page)

    page.get_by_label("Publier comme").select_option(label="Version de travail")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Publier la version 2").click()
    assert navigation.value.status == 200
    assert page.url == f"{live_server}/plans/{SLUG}/versions/2"
    assert "La version 2 est publiée" in flash_text(page)
    bar = page.locator(".version-bar")
    expect(bar.locator(".status")).to_have_text("Version de travail")
    assert new_hash in bar.inner_text()
    # Published: no more editing, only the status moves on.
    expect(page.get_by_role("link", name="Modifier ou publier le brouillon")).to_have_count(0)
    expect(page.get_by_label("Nouveau statut")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hautes-Alpes")
    assert "comité de pilotage" in page.locator("#introduction").locator("..").inner_text()
    check_accessibility(page)

    published = version(demo, 2)
    assert published.status == VersionStatus.WORKING
    assert published.published_at is not None
    assert published.published_by.email == COORDINATOR
    assert published.sha256[:12] == new_hash, "publishing changed the fingerprint"

    with page.expect_navigation():
        page.get_by_role("link", name="Versions du plan").click()
    assert page.url == f"{live_server}/plans/{SLUG}/versions"
    now = row_of(page, 2)
    cells = [c.strip() for c in now.get_by_role("cell").all_inner_texts()]
    assert cells[0] == "Version de travail", cells
    assert cells[3] == new_hash, cells
    # A published version is read, not edited.
    href = now.get_by_role("link", name="Version 2", exact=True).get_attribute("href")
    assert href == f"/plans/{SLUG}/versions/2"
    expect(
        page.get_by_role("button", name="Construire le brouillon à partir du plan actuel")
    ).to_be_visible()
    check_accessibility(page)


def test_comparison_says_what_changed_in_words(
    demo, live_server, new_page, check_accessibility
) -> None:
    page = new_page()
    log_in(page, live_server, COORDINATOR)
    page.goto(f"{live_server}/plans/{SLUG}/versions")
    form = page.get_by_role("group", name="Comparer deux versions")
    form.get_by_label("De la version").select_option("1")
    form.get_by_label("À la version").select_option("2")
    with page.expect_navigation():
        form.get_by_role("button", name="Comparer").click()
    assert page.url == f"{live_server}/plans/{SLUG}/versions/1...2"
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1 → version 2")
    check_accessibility(page)

    summary = page.locator(".diff-summary").inner_text()
    assert "+ 2 actions ajoutées" in summary, summary
    assert "~ 4 actions modifiées" in summary, summary
    expect(page.get_by_role("heading", level=3, name="Actions ajoutées")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Actions modifiées")).to_be_visible()

    # Each change says what it is in words, not only in colour.
    added = page.locator("ul.diff-list").first.get_by_role("listitem")
    assert added.count() == 2
    for text in added.all_inner_texts():
        assert text.startswith("+ "), text
        assert "— ajoutée" in text, text
    assert "3.1 Équipes citoyennes de visite" in added.first.inner_text()
    changed = page.get_by_role("heading", level=4)
    assert changed.count() == 4
    for text in changed.all_inner_texts():
        assert text.startswith("~ "), text
        assert "— modifiée" in text, text

    # Word diffs: <ins> and <del>, with words for screen readers and signs for the eyes.
    ins, dels = page.locator("ins"), page.locator("del")
    assert ins.count() >= 1
    assert dels.count() >= 1
    objective = page.locator("dd.diff").first
    assert objective.locator("del").text_content() == f"supprimé : [{MINUS}30{MINUS}]"
    assert objective.locator("ins").text_content() == "ajouté : [+35+]"
    # The signs are shown on screen (hidden from screen readers, which hear the words).
    for sign in objective.locator("del [aria-hidden=true], ins [aria-hidden=true]").all():
        assert sign.is_visible(), sign.inner_html()
    for i in range(ins.count()):
        assert ins.nth(i).text_content().startswith("ajouté : [+")
    for i in range(dels.count()):
        assert dels.nth(i).text_content().startswith(f"supprimé : [{MINUS}")
    hint = page.locator(".version-diff .hint").inner_text()
    assert "barrés" in hint
    assert "soulignés" in hint
    # What the hint promises: struck through and underlined, not just red and green.
    decorations = page.evaluate(
        """() => [document.querySelector('del'), document.querySelector('ins')]
              .map(e => getComputedStyle(e).textDecorationLine)"""
    )
    assert "line-through" in decorations[0], decorations
    assert "underline" in decorations[1], decorations

    # The budget moves are written out too.
    changes = page.locator("dl.changes").first.inner_text()
    assert "Budget du plan" in changes, changes
    assert "(+154" in changes, changes


def test_version_downloads_in_every_format(
    demo, live_server, new_page, check_accessibility, tmp_path
) -> None:
    v2 = version(demo, 2)
    page = new_page()
    log_in(page, live_server, COORDINATOR)
    page.goto(f"{live_server}/plans/{SLUG}/versions/2")
    shown = page.locator(".version-bar code").get_attribute("title")
    assert shown == v2.sha256
    check_accessibility(page)

    links = page.get_by_role("navigation", name="Télécharger").get_by_role("link")
    assert [t.strip() for t in links.all_inner_texts()] == [f.upper() for f in FORMATS]
    files = {}
    for fmt in FORMATS:
        with page.expect_download() as info:
            links.get_by_text(fmt.upper(), exact=True).click()
        download = info.value
        assert download.failure() is None, f"{fmt}: {download.failure()}"
        assert download.suggested_filename == f"{SLUG}-v2.{fmt}"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert path.stat().st_size > 0, fmt
        files[fmt] = path

    # The PDF, read by poppler.
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: apt-get install -y poppler-utils"
    text = subprocess.run(  # noqa: S603 - a fixed command on the file just downloaded
        [pdftotext, "-enc", "UTF-8", str(files["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    assert "Hautes-Alpes" in flat
    assert "Version 2" in flat
    assert v2.sha256[:12] in flat

    # The spreadsheet: a header row, then one row per action (adopted, then the annex).
    workbook = load_workbook(files["xlsx"], read_only=True)
    rows = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    workbook.close()
    assert rows[0] == HEADER
    references = [r[0] for r in rows[1:]]
    expected = [a["reference"] for a in v2.snapshot["actions"] + v2.snapshot["annex"]]
    assert references == expected
    assert "3.1" in references
    assert all(r[1] for r in rows[1:]), "an action row without a title"

    # The CSV says the same, the way a French Excel opens it.
    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == CSV_HEADER
    assert [r[0] for r in table[1:]] == expected
    assert {(r[-2], r[-1]) for r in table[1:]} == {("2", shown)}

    # The JSON: canonical, and its hash is the one the page shows.
    content = json.loads(files["json"].read_bytes())
    assert content["version"]["number"] == 2
    assert content["version"]["sha256"] == shown
    assert sha256_of(content["snapshot"]) == shown
    assert read_export(files["json"].read_bytes())["version"]["sha256"] == shown

    # The office documents are real OpenDocument and Office Open XML packages.
    with zipfile.ZipFile(files["odt"]) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "Hautes-Alpes" in odt.read("content.xml").decode("utf-8")
    with zipfile.ZipFile(files["docx"]) as docx:
        assert "Hautes-Alpes" in docx.read("word/document.xml").decode("utf-8")

    markdown = files["md"].read_text(encoding="utf-8")
    assert "Hautes-Alpes" in markdown
    assert "Version 2" in markdown
    html = files["html"].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Hautes-Alpes" in html


def test_visitor_reads_the_published_version_from_a_phone(
    demo, live_server, new_page, check_accessibility
) -> None:
    v1 = version(demo, 1)
    phone = new_page(**PHONE)
    response = phone.goto(f"{live_server}/plans/{SLUG}/versions")
    assert response.status == 200
    assert [h.strip() for h in phone.get_by_role("rowheader").all_inner_texts()] == ["Version 1"]
    expect(phone.get_by_role("button", name=re.compile("brouillon"))).to_have_count(0)
    check_accessibility(phone)
    assert no_horizontal_scroll(phone)

    with phone.expect_navigation():
        row_of(phone, 1).get_by_role("link", name="Version 1", exact=True).click()
    assert phone.url == f"{live_server}/plans/{SLUG}/versions/1"
    bar = phone.locator(".version-bar")
    expect(bar.locator(".status")).to_have_text("Validée")
    assert bar.locator("code").get_attribute("title") == v1.sha256
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Hautes-Alpes")
    # Reading only: nothing to edit, publish or move on.
    expect(phone.locator("main form")).to_have_count(0)
    expect(phone.get_by_role("combobox")).to_have_count(0)
    expect(phone.get_by_role("link", name="Modifier ou publier le brouillon")).to_have_count(0)
    expect(phone.get_by_role("button", name="Changer le statut")).to_have_count(0)
    expect(phone.get_by_role("navigation", name="Télécharger").get_by_role("link")).to_have_count(
        len(FORMATS)
    )
    check_accessibility(phone)
    assert no_horizontal_scroll(phone), phone.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )

    # The draft is the facilitation's: not found, whatever the way in.
    for path in ("2", "1...2", "2/download/json", "2/download/pdf"):
        response = phone.request.get(f"{live_server}/plans/{SLUG}/versions/{path}")
        assert response.status == 404, f"{path}: {response.status}"
    response = phone.goto(f"{live_server}/plans/{SLUG}/versions/2")
    assert response.status == 404
    # Editing or publishing sends to the login page, and changes nothing.
    phone.goto(f"{live_server}/plans/{SLUG}/versions/2/edit")
    assert "/auth/login" in phone.url
    response = phone.request.post(
        f"{live_server}/plans/{SLUG}/versions/2/publish",
        form={"status": "working"},
        max_redirects=0,
    )
    assert response.status in (302, 303, 401, 403), response.status
    assert version(demo, 2).status == VersionStatus.DRAFT


def test_coordinator_consolidates_and_publishes_without_javascript(
    demo, live_server, new_page
) -> None:
    static = new_page(java_script_enabled=False)
    log_in(static, live_server, COORDINATOR)
    static.goto(f"{live_server}/plans/{SLUG}/versions")
    with static.expect_navigation() as navigation:
        static.get_by_role("button", name="Reconstruire le brouillon").click()
    assert navigation.value.status == 200
    assert static.url == f"{live_server}/plans/{SLUG}/versions/2/edit"
    assert "Le brouillon de la version 2 est construit" in flash_text(static)
    assert [v.number for v in versions_of(demo)] == [1, 2]

    static.get_by_label("Publier comme").select_option(label="Soumise à consultation")
    with static.expect_navigation() as navigation:
        static.get_by_role("button", name="Publier la version 2").click()
    assert navigation.value.status == 200
    assert static.url == f"{live_server}/plans/{SLUG}/versions/2"
    assert "La version 2 est publiée" in flash_text(static)
    assert version(demo, 2).status == VersionStatus.CONSULTATION

    # The next consolidation starts version 3, its changelog written from version 2.
    static.goto(f"{live_server}/plans/{SLUG}/versions")
    with static.expect_navigation() as navigation:
        static.get_by_role("button", name="Construire le brouillon à partir du plan actuel").click()
    assert navigation.value.status == 200
    assert static.url == f"{live_server}/plans/{SLUG}/versions/3/edit"
    assert "Le brouillon de la version 3 est construit" in flash_text(static)
    changelog = static.get_by_label("Modifications depuis la version précédente")
    assert changelog.input_value().startswith("Depuis la version 2")
    assert [(v.number, v.status) for v in versions_of(demo)] == [
        (1, VersionStatus.VALIDATED),
        (2, VersionStatus.CONSULTATION),
        (3, VersionStatus.DRAFT),
    ]
