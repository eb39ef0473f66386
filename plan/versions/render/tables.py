"""The plan's actions as a spreadsheet: CSV and XLSX, one row per action.

Adopted actions come first, then the annex of actions to rework, each in the document's
order. Text typed by people can start like a formula (« =HYPERLINK(…) », « +1 »,
« @SUM(…) »): a spreadsheet would run it. Following OWASP's rule on CSV injection, any
cell text starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe,
in both formats (and XLSX cells are written as strings, never formulas).

CSV is written the way a French Excel opens it with a double click: UTF-8 with a byte
order mark (otherwise accents break), « ; » between fields (Excel takes the list
separator of the system's regional settings, « ; » in France since « , » is the decimal
mark), amounts in euros with a decimal comma (« 12500,00 »), every field in double quotes
(OWASP's advice, so that no separator inside a text can start a new cell), lines ending
in CRLF.

Both say which version they hold, with the full SHA-256 of its snapshot. The XLSX has a
second sheet, « Version », with the plan, the version's number, status and date and the
hash, one label per row. A CSV file has one table and nowhere else to write: rows above the
header or below the actions would break every reader that takes the first row as the
header, so the version's number and hash are its last two columns, the same on every row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from flask_babel import force_locale
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plan.versions.render import Document
from plan.versions.render.html import status_label
from plan.versions.render.outline import document_datetime, fixed_zip

HEADER = [
    "Référence",
    "Titre",
    "Défi",
    "Statut",
    "Porteur",
    "Première année",
    "Dernière année",
    "Budget total (€)",
    "Financements (€)",
    "Résultat",
    "Mention majoritaire",
    "Scrutin",
]
# Columns holding amounts in euros, and years.
AMOUNT_COLUMNS = (7, 8)
YEAR_COLUMNS = (5, 6)
COLUMN_WIDTHS = (11, 60, 40, 16, 34, 10, 10, 16, 16, 16, 18, 50)
EURO_FORMAT = '#,##0.00\\ "€"'
SHEET_TITLE = "Actions"
# The CSV's last two columns: which version, and its snapshot's hash.
CSV_HEADER = [*HEADER, "Version", "Empreinte SHA-256"]
VERSION_SHEET_TITLE = "Version"
VERSION_LABELS = ("Plan", "Version", "Statut", "Date", "Empreinte SHA-256")
HASH_NOTE = (
    "L'empreinte SHA-256 est calculée sur l'instantané de cette version (son export JSON "
    "canonique) : elle permet à chacun de vérifier que le contenu n'a pas été modifié depuis "
    "sa consolidation."
)

# OWASP: a cell that starts with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an XLSX cannot hold (XML 1.0 controls).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(text: str) -> str:
    """Text a spreadsheet shows and never runs."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def rows(document: Document) -> list[list[Any]]:
    """The actions' rows: text, integers (years) and Decimal euros; None for nothing."""
    snapshot = document.snapshot
    challenges = {c["position"]: c["title"] for c in snapshot.get("challenges", [])}
    table = []
    for action in [*snapshot.get("actions", []), *snapshot.get("annex", [])]:
        fiche = action.get("fiche", {})
        result = action.get("result") or {}
        challenge = action.get("challenge")
        ballot = ""
        if result:
            ballot = f"n° {result.get('ballot')}"
            if result.get("ballot_title"):
                ballot = f"{ballot} — {result['ballot_title']}"
            if result.get("closed_at"):
                ballot = f"{ballot} ({result['closed_at']})"
        table.append(
            [
                action.get("reference", ""),
                action.get("title", ""),
                f"{challenge}. {challenges[challenge]}" if challenge in challenges else "",
                action.get("status_label") or action.get("status", ""),
                fiche.get("lead_organization") or "",
                fiche.get("first_year"),
                fiche.get("last_year"),
                _euros(fiche.get("budget_total_cents")),
                _euros(fiche.get("funding_total_cents")),
                result.get("outcome_label", ""),
                result.get("majority_grade_label", ""),
                ballot,
            ]
        )
    return table


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def render_csv(document: Document) -> bytes:
    """The actions as CSV for a French spreadsheet (see the module's note)."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows(document):
        writer.writerow([_csv_cell(value) for value in [*row, document.number, document.sha256]])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def render_xlsx(document: Document) -> bytes:
    """The actions as an XLSX sheet (bold frozen header, filters, amounts as numbers), then
    the « Version » sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EDF3")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for values in rows(document):
        line = []
        for value in values:
            if isinstance(value, str):
                value = _ILLEGAL.sub("", neutralise(value))
            line.append(value)
        sheet.append(line)
        cells = sheet[sheet.max_row]
        for cell, value in zip(cells, line, strict=True):
            if isinstance(value, str):
                # Never a formula, whatever openpyxl guessed from the text.
                cell.data_type = "s"
            elif isinstance(value, Decimal):
                cell.number_format = EURO_FORMAT
            elif isinstance(value, int):
                cell.number_format = "0"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{max(sheet.max_row, 1)}"
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = "1:1"
    _version_sheet(workbook.create_sheet(VERSION_SHEET_TITLE), document)
    plan = document.snapshot.get("plan", {})
    properties = workbook.properties
    properties.title = _ILLEGAL.sub("", f"{plan.get('title', '')} — actions, v{document.number}")
    properties.subject = "Actions du plan stratégique territorial"
    properties.creator = _ILLEGAL.sub("", plan.get("lead_organization") or "Cap Commun")
    properties.lastModifiedBy = "Cap Commun"
    properties.description = f"SHA-256 {document.sha256}"
    properties.identifier = document.sha256
    properties.language = "fr-FR"
    properties.version = str(document.number)
    moment = document_datetime(document.date).replace(tzinfo=None)
    properties.created = moment
    properties.modified = moment
    output = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of saving.
    archive = zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()
    return fixed_zip(output.getvalue(), document.date)


def _version_sheet(sheet: Worksheet, document: Document) -> None:
    """Which version the workbook holds: one label and its value per row."""
    with force_locale("fr"):
        status = status_label(document)
    try:
        date: dt.date | str = dt.date.fromisoformat(document.date[:10])
    except ValueError:
        date = document.date
    values = (
        document.snapshot.get("plan", {}).get("title", ""),
        document.number,
        status,
        date,
        document.sha256,
    )
    bold = Font(bold=True)
    for label, value in zip(VERSION_LABELS, values, strict=True):
        if isinstance(value, str):
            value = _ILLEGAL.sub("", neutralise(value))
        sheet.append([label, value])
        label_cell, value_cell = sheet[sheet.max_row]
        label_cell.font = bold
        value_cell.alignment = Alignment(horizontal="left")
        if isinstance(value, str):
            value_cell.data_type = "s"
        elif isinstance(value, dt.date):
            value_cell.number_format = "DD/MM/YYYY"
        else:
            value_cell.number_format = "0"
    sheet.append([])
    sheet.append([HASH_NOTE])
    note = sheet.cell(row=sheet.max_row, column=1)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=2)
    sheet.row_dimensions[sheet.max_row].height = 45
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 72
