"""Every payload of the XSS corpus in every text field a person can fill in, checked on
every page of the plan and in every export: nothing becomes active content.

The plan is tests/xss_world.py's (the `poisoned_world` fixture, built once). Pages are
walked as the coordinator, as an anonymous visitor and as a participant of the live
workshop, every GET route of the URL map included (a new route fails the walk until it
is listed). Exports are downloaded as people download them: HTML, Markdown, PDF, ODT,
DOCX, CSV, XLSX and JSON, and the workshops' minutes.
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import docx
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markdown_it import MarkdownIt
from markupsafe import escape
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odf
from openpyxl import load_workbook
from wtforms import FieldList, FormField, HiddenField, StringField

from plan.actions.forms import FicheForm
from plan.actions.models import ActionRevision, Amendment
from plan.extensions import db
from plan.versions.models import PlanVersion
from plan.versions.render import FORMATS
from plan.versions.render.html import CSS_PATH
from plan.versions.render.json import read_export
from plan.versions.render.tables import FORMULA_STARTS
from tests.conftest import PASSWORD, ROOT
from tests.xss import ALL_PAYLOADS, FORMULA_PAYLOADS, assert_no_active_content
from tests.xss_world import COORDINATOR_EMAIL, DECIDED, PARTICIPANT_EMAIL, TITLE, World

# The app's own scripts, each in the one form its templates write.
OUR_SCRIPTS = tuple(
    f'<script src="/static/js/{name}" defer></script>'
    for name in ("htmx-2.0.11.min.js", "dots.js", "countdown.js")
)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
# The stylesheet that standalone documents (exports, minutes) carry in their head.
DOCUMENT_CSS = (ROOT / "static" / CSS_PATH).read_text(encoding="utf-8")

# --------------------------------------------------------------------------- text columns

# Text columns that hold no text a person types, and why.
NOT_TYPED = {
    "actions.reference": "made by the app: challenge position and rank",
    "actions.search_text": "a folded copy of the fiche for searching, never shown",
    "audit_events.action": "an event code chosen by the app",
    "audit_events.object_type": "a table name",
    "form_submissions.token": "a random token of the app",
    "form_submissions.result_url": "a URL the app made",
    "invitations.token_hash": "a hash",
    "notifications.kind": "a code chosen by the app",
    "plan_versions.sha256": "a hash",
    "plans.slug": "checked against [a-z0-9-] by the form (check_slug)",
    "plans.voting_method": "a choice among the counting methods",
    "plans.adoption_threshold": "a choice among the grades",
    "plans.veto_threshold": "a choice among the grades",
    "plans.approval_adoption": "a choice among fractions",
    "plans.approval_college_min": "a choice among fractions",
    "plans.approval_rejection": "a choice among fractions",
    "organizations.siret": "14 digits, checked with their key by the form",
    "users.password_hash": "a hash",
    "users.locale": "a choice among the app's languages",
    "votes.choice": "a choice among the method's options",
    "workshops.join_code": "made by the app: six characters",
}
# Text columns whose services strip the blanks around what people type.
STRIPPED = {
    "votes.reason": "cast_vote strips the reason of an objection",
    "votes.resolution_note": "resolve_objection strips its note",
}
# Fields of the fiche (JSON in revisions and amendments) that hold no typed text.
FICHE_NOT_TYPED = {
    "priority": "a choice among the priorities",
    "partners.role": "a choice among the roles",
    "budget_lines.kind": "a choice among the kinds of expense",
    "funding_lines.nature": "a choice among the natures of funding",
    "funding_lines.status": "a choice among the statuses of funding",
    "indicators.kind": "a choice among the kinds of indicator",
    "indicators.baseline": "a decimal number, checked by the form (LocalDecimalField)",
    "indicators.target": "a decimal number, checked by the form (LocalDecimalField)",
}


def text_columns() -> dict[str, sa.Column]:
    """Every String and Text column of the models, enumerations aside."""
    return {
        f"{table.name}.{column.name}": column
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, sa.String) and not isinstance(column.type, sa.Enum)
    }


def payloads_in(values: Iterable[str], length: int | None = None, strip: bool = False) -> set[str]:
    """The payloads found in the values: cut to the column's length, and without their
    surrounding blanks where the app strips what people type."""
    values = [value for value in values if value]
    found = set()
    for payload in ALL_PAYLOADS:
        stored = payload.strip() if strip else payload
        stored = stored[:length] if length else stored
        if any(stored in value for value in values):
            found.add(payload)
    return found


def fiche_texts(content: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(field, text) for every text of a fiche, rows of its tables included."""
    for key, value in content.items():
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for row in value:
                if isinstance(row, str):
                    yield key, row
                elif isinstance(row, dict):
                    for name, text in row.items():
                        if isinstance(text, str):
                            yield f"{key}.{name}", text


def text_inputs(form: type, prefix: str = "") -> set[str]:
    """The text inputs of a form class, those of its tables of rows included."""
    names = set()
    for name, unbound in vars(form).items():
        kind = getattr(unbound, "field_class", None)
        if kind is None:
            continue
        if issubclass(kind, StringField) and not issubclass(kind, HiddenField):
            names.add(f"{prefix}{name}")
        elif kind is FieldList:
            row = unbound.args[0]
            if row.field_class is FormField:
                names |= text_inputs(row.args[0], f"{prefix}{name}.")
            elif issubclass(row.field_class, StringField):
                names.add(f"{prefix}{name}")
    return names


def test_every_text_column_holds_every_payload(
    poisoned_world: tuple[Flask, World], capsys: pytest.CaptureFixture[str]
) -> None:
    app, _world = poisoned_world
    with app.app_context():
        columns = text_columns()
        assert set(NOT_TYPED) <= set(columns), "exempted columns that do not exist"
        pairs = 0
        missing = {}
        for name, column in columns.items():
            if name in NOT_TYPED:
                continue
            values = db.session.scalars(sa.select(column).distinct()).all()
            found = payloads_in(values, column.type.length, strip=name in STRIPPED)
            pairs += len(found)
            if len(found) < len(ALL_PAYLOADS):
                missing[name] = len(ALL_PAYLOADS) - len(found)
        # A new text column fails here until the world fills it (or NOT_TYPED says why not).
        assert missing == {}, f"text columns without every payload: {missing}"

        fiche: dict[str, set[str]] = {}
        for model in (ActionRevision, Amendment):
            for content in db.session.scalars(sa.select(model.content)):
                for key, text in fiche_texts(content):
                    fiche.setdefault(key, set()).add(text)
        typed = text_inputs(FicheForm)
        # A new text input of the fiche fails here until the world fills it.
        assert typed <= set(fiche), f"fiche fields never filled: {typed - set(fiche)}"
        assert set(fiche) - typed == set(FICHE_NOT_TYPED)
        for key in typed:
            found = payloads_in(fiche[key], 60 if key == "indicators.unit" else None)
            assert len(found) == len(ALL_PAYLOADS), (key, len(found))
            pairs += len(found)
    counted = len(columns) - len(NOT_TYPED)
    report(
        capsys,
        f"{len(ALL_PAYLOADS)} payloads × ({counted} text columns + {len(typed)} text fields "
        f"of the fiche): {pairs} (payload, field) pairs stored",
    )


# --------------------------------------------------------------------------- checking


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    """A figure for whoever runs the tests, in their log."""
    with capsys.disabled():
        print(f"\nXSS: {line}")


def without_our_own(page: str) -> str:
    """The page without the app's own scripts, and a standalone document without its one
    stylesheet (the app's own CSS), both checked to be exactly the app's."""
    for script in OUR_SCRIPTS:
        page = page.replace(script, "")
    if page.count("<style>") == 1:
        head, _style, rest = page.partition("<style>")
        css, _end, rest = rest.partition("</style>")
        assert css.strip() == DOCUMENT_CSS.strip()
        page = head + rest
    return page


def check_html(page: str, where: str) -> None:
    try:
        assert_no_active_content(without_our_own(page))
    except AssertionError as error:
        raise AssertionError(f"{where}: {error}") from None


def check_markdown(text: str, where: str) -> str:
    """Markdown is safe when a renderer makes no active HTML of it: markdown-it as it comes
    (raw HTML shown as text, unsafe links refused), and as the least careful viewer would
    set it up (raw HTML passed through, every link kept). The text a reader sees."""
    careful = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    careless = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    careless.validateLink = lambda url: True
    check_html(careless.render(text), where)
    shown = careful.render(text)
    check_html(shown, where)
    return TextOf(shown).text


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_PDF_ACTIONS = re.compile(
    rb"/(JavaScript|JS|Launch|SubmitForm|ImportData|OpenAction|AA|RichMedia|EmbeddedFile)\b"
)
_PDF_URI = re.compile(rb"/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>)")


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated, where object streams hide links."""
    parts = [data]
    for stream in _STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # an image or a font, not deflated objects
    return b"\n".join(parts)


def pdf_uris(objects: bytes) -> list[str]:
    uris = []
    for match in _PDF_URI.finditer(objects):
        raw = match.group(1)
        if raw.startswith(b"<"):
            uris.append(bytes.fromhex(raw[1:-1].decode("ascii")).decode("latin-1"))
        else:
            uris.append(re.sub(rb"\\(.)", rb"\1", raw[1:-1]).decode("latin-1"))
    return uris


def needs_pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return path


def pdf_text(data: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        [needs_pdftotext(), "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def check_pdf(data: bytes, where: str) -> str:
    """No action that runs or opens anything, links only to web pages; its text."""
    assert data.startswith(b"%PDF-"), where
    objects = pdf_objects(data)
    actions = {match.decode() for match in _PDF_ACTIONS.findall(objects)}
    assert actions == set(), f"{where}: PDF actions {actions}"
    for uri in pdf_uris(objects):
        assert uri.strip().lower().startswith(SAFE_SCHEMES[:3]), f"{where}: link to {uri!r}"
    return pdf_text(data)


def check_office_links(data: bytes, where: str) -> None:
    """ODT and DOCX: well-formed XML, no script or event listener, and every link (ODT's
    xlink:href, DOCX's relationships, hyperlinks and fields) internal or to a web page."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert not [n for n in names if "vba" in n.lower() or "script" in n.lower()], where
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314 - our own output
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                assert tag not in ("script", "event-listeners", "event-listener"), where
                for attribute, value in element.attrib.items():
                    local = attribute.rsplit("}", 1)[-1]
                    if local in ("href", "Target"):
                        assert is_safe_target(value), f"{where}: {name} links to {value!r}"
                    if local == "instr":
                        assert_field_is_ours(value, where)
                if tag == "instrText":
                    assert_field_is_ours(element.text or "", where)


def is_safe_target(value: str) -> bool:
    """A place in the file (no scheme: a path, a #fragment) or a web page."""
    target = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
    return re.match(r"[a-z][a-z0-9+.-]*:", target) is None or target.startswith(SAFE_SCHEMES)


def assert_field_is_ours(instruction: str, where: str) -> None:
    """A Word field computes something (DDE and INCLUDE fields can run programs): only the
    page numbers and the table of contents of the renderer."""
    assert re.fullmatch(r'\s*(PAGE|NUMPAGES|TOC \\o "1-\d" \\h \\z \\u)\s*', instruction), (
        f"{where}: field {instruction!r}"
    )


def check_cells(cells: Iterable[Any], where: str) -> int:
    """No cell text starts like a formula (OWASP): count the neutralised ones."""
    neutralised = 0
    for value in cells:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), f"{where}: formula {value!r}"
            neutralised += value.startswith("'") and value[1:].startswith(FORMULA_STARTS)
    return neutralised


def check_response(response: Any, where: str) -> str:
    """Check a page or a file by its media type; its text."""
    mimetype = response.mimetype
    data = response.get_data()
    if mimetype == "text/html":
        page = data.decode("utf-8")
        check_html(page, where)
        return page
    if mimetype == "text/markdown":
        return check_markdown(data.decode("utf-8"), where)
    if mimetype == "application/pdf":
        return check_pdf(data, where)
    if mimetype == "application/json":
        return "\n".join(strings_in(json.loads(data)))
    assert response.status_code in (204, 302, 304) or not data, (where, mimetype)
    return ""


# --------------------------------------------------------------------------- the checker


# Payloads that stay text even written raw into HTML, as a link's address, or through a
# careless Markdown renderer: their danger is elsewhere (server templates, JavaScript
# strings), or nowhere.
INERT_WHEN_RAW = {
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e": "escapes of a JavaScript string",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e": "full-width brackets: text",
    "[cliquez](java\tscript:alert(1))": "a tab: Markdown makes no link of it",
    "[cliquez](<java\nscript:alert(1)>)": "a line break: Markdown makes no link of it",
    "[cliquez](javascript%3Aalert(1))": "an encoded colon: a relative address",
    "![x](https://example.org/x.png)": "a picture (shown as its text by the app)",
    "{{7*7}}": "server-side template syntax: must stay text (checked on the pages)",
    "{% raw %}{{ config }}{% endraw %}": "server-side template syntax",
    "{{ ''.__class__.__mro__ }}": "server-side template syntax",
}


def test_the_checker_finds_what_runs_and_lets_text_be() -> None:
    careless = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    careless.validateLink = lambda url: True

    def caught(page: str) -> bool:
        try:
            assert_no_active_content(page)
        except AssertionError:
            return True
        return False

    inert = set()
    for payload in ALL_PAYLOADS:
        # Escaped, as text or in an attribute, every payload is text.
        escaped = html.escape(payload)
        assert_no_active_content(f'<p title="{escaped}">{escaped}</p>')
        # Raw, the checker finds it in one of the places it could be put.
        raw = (
            f"<p>{payload}</p>",
            f'<p title="{payload}">x</p>',
            f'<a href="{payload}">x</a>',
            careless.render(payload),
        )
        if not any(caught(page) for page in raw):
            inert.add(payload)
    assert inert - set(FORMULA_PAYLOADS) == set(INERT_WHEN_RAW)
    for active in (
        "<script>window.__xss=1</script>",
        '<img src=x onerror="window.__xss=1">',
        '<a href="  java&#x09;script:alert(1)">x</a>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="https://evil.example/">',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<math href="javascript:alert(1)">x</math>',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ):
        with pytest.raises(AssertionError):
            assert_no_active_content(active)
    with pytest.raises(AssertionError):
        check_markdown("[x](javascript:alert(1))", "unit")
    with pytest.raises(AssertionError):
        check_markdown("<img src=x onerror=alert(1)>", "unit")
    with pytest.raises(AssertionError):
        check_cells(["=1+1"], "unit")
    with pytest.raises(AssertionError):
        assert_field_is_ours(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" ', "unit")
    assert pdf_uris(b"<< /URI (javascript:alert\\(1\\)) >> << /URI <6a733a> >>") == [
        "javascript:alert(1)",
        "js:",
    ]


_LAZY = {"_l", "lazy_gettext", "lazy_ngettext", "lazy_pgettext"}
# What people type is called so; numbers, years and limits are not.
_TYPED_NAMES = re.compile(
    r"(title|name|label|text|body|description|reason|note|rationale|email|place|summary)s?$"
)


def test_lazy_strings_carry_no_typed_text() -> None:
    """flask-babel's lazy strings are taken for safe HTML (LazyString.__html__ returns
    the text as it is): WTForms and Jinja put them in a page unescaped. One that formats
    a title in (« Challenge %(num)d: %(title)s ») let a challenge's title run as HTML in
    the options of a select; those use gettext now."""
    found = []
    for path in sorted([*(ROOT / "plan").rglob("*.py"), *(ROOT / "auth").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in _LAZY:
                continue
            for keyword in node.keywords:
                value = ast.unparse(keyword.value)
                if _TYPED_NAMES.search(value.rsplit(".", 1)[-1]):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {keyword.arg}={value}")
    assert found == []


# --------------------------------------------------------------------------- pages


def plan_pages(world: World) -> dict[str, dict[str, list[str]]]:
    """endpoint → role → URLs of the poisoned plan. Pages of one object each come: for
    every other payload on the main pages of actions, ballots and workshops (even
    payloads on one, odd ones on another); for every object that holds a share of the
    corpus (the decided actions and their ballots, the planned workshops); for one
    object in STRIDE on the other pages, from different offsets."""
    s = f"/plans/{world.slug}"
    every = world.references + world.decided_references + world.open_references
    ideas = world.idea_references[:: 2 * STRIDE]
    decided, opened = world.decided_references, world.open_references
    payload_ballots = world.ballot_numbers[: len(world.references)]
    other_ballots = world.ballot_numbers[len(world.references) :]
    live, ended = world.live_workshop_id, world.workshop_ids
    coordinator, visitor, participant = "coordinator", "visitor", "participant"
    consent, item = world.consent_number, world.consent_item_id
    everyone = (coordinator, visitor)

    def for_roles(roles: Iterable[str], urls: list[str]) -> dict[str, list[str]]:
        return dict.fromkeys(roles, urls)

    versions = [*world.published, world.draft]
    return {
        "frame.index": for_roles(everyone, ["/"]),
        "frame.home": {
            coordinator: [s],
            visitor: [s] + [f"/plans/{slug}" for slug in world.extra_slugs],
        },
        "frame.settings": {coordinator: [f"{s}/settings"]},
        "frame.new_challenge": {coordinator: [f"{s}/challenges/new"]},
        "frame.edit_challenge": {
            coordinator: [f"{s}/challenges/{i}/edit" for i in world.challenge_ids]
        },
        "frame.new_objective": {
            coordinator: [f"{s}/challenges/{world.challenge_ids[0]}/objectives/new"]
        },
        "frame.edit_objective": {
            coordinator: [f"{s}/objectives/{i}/edit" for i in world.objective_ids[::STRIDE]]
        },
        "frame.new_indicator": {
            coordinator: [f"{s}/objectives/{world.objective_ids[0]}/indicators/new"]
        },
        "frame.edit_indicator": {
            coordinator: [f"{s}/indicators/{i}/edit" for i in world.indicator_ids[1::STRIDE]]
        },
        "frame.colleges": {coordinator: [f"{s}/colleges"]},
        "frame.new_zone": {coordinator: [f"{s}/zones/new"]},
        "frame.edit_zone": {
            coordinator: [f"{s}/zones/{i}/edit" for i in world.zone_ids[2::STRIDE]]
        },
        "frame.organizations": for_roles(everyone, [f"{s}/organizations"]),
        "frame.new_organization": {coordinator: [f"{s}/organizations/new"]},
        "frame.edit_organization": {
            coordinator: [f"{s}/organizations/{i}/edit" for i in world.organization_ids[3::STRIDE]]
        },
        "members.members": for_roles(everyone, [f"{s}/members"]),
        "members.edit_member": {
            coordinator: [f"{s}/members/{i}/edit" for i in world.membership_ids[::STRIDE]]
        },
        "members.invitations": {coordinator: [f"{s}/invitations"]},
        "members.accept": for_roles(everyone, [f"/invitations/{world.invitation_token}"]),
        "journal.journal": {coordinator: [f"{s}/journal?page={n}" for n in range(1, 4)]},
        "actions.index": for_roles(
            everyone,
            [f"{s}/actions?page={n}" for n in range(1, len(every) // 20 + 2)]
            + [f"{s}/actions?status=adopted", f"{s}/actions?status=to_rework"],
        ),
        "actions.new": {coordinator: [f"{s}/actions/new"]},
        "actions.show": {
            coordinator: [
                f"{s}/actions/{r}" for r in world.references[::2] + decided + opened + ideas
            ],
            visitor: [f"{s}/actions/{r}" for r in every[1 :: 2 * STRIDE]],
        },
        "actions.edit": {
            coordinator: [
                f"{s}/actions/{r}/edit" for r in decided + world.references[1::STRIDE] + ideas
            ]
        },
        "actions.history": {coordinator: [f"{s}/actions/{r}/history" for r in every[::STRIDE]]},
        # An action in an open ballot cannot be merged (409): the others are.
        "actions.merge": {
            coordinator: [
                f"{s}/actions/{r}/merge"
                for r in (world.references + world.decided_references)[::STRIDE]
            ]
        },
        "actions.new_amendment": {
            coordinator: [
                f"{s}/actions/{r}/amendments/new" for r in world.references[1 :: 2 * STRIDE]
            ]
        },
        "actions.amendment": {
            # Rejected ones (with their reason) for the coordinator, open ones for visitors.
            coordinator: [f"{s}/actions/{r}/amendments/{i}" for r, i in world.amendment_ids[2::4]],
            visitor: [
                f"{s}/actions/{r}/amendments/{i}" for r, i in world.amendment_ids[1 :: 2 * STRIDE]
            ],
        },
        "actions.edit_amendment": {
            participant: [
                f"{s}/actions/{r}/amendments/{i}/edit" for r, i in world.participant_amendment_ids
            ]
        },
        "actions.edit_comment": {
            participant: [
                f"{s}/actions/{r}/comments/{i}/edit" for r, i in world.participant_comment_ids
            ]
        },
        "actions.hide_comment": {
            coordinator: [
                f"{s}/actions/{r}/comments/{i}/hide" for r, i in world.comment_ids[:: 2 * STRIDE]
            ]
        },
        "actions.notifications": {
            coordinator: [f"{s}/notifications"],
            participant: [f"{s}/notifications"],
        },
        "voting.consensus": {coordinator: [f"{s}/consensus"]},
        "ballots.index": for_roles(everyone, [f"{s}/ballots"]),
        "ballots.new": {coordinator: [f"{s}/ballots/new"]},
        "ballots.show": {
            coordinator: [
                f"{s}/ballots/{n}"
                for n in [
                    *payload_ballots[1::2],
                    *other_ballots,
                    consent,
                    world.dots_number,
                    world.planned_number,
                ]
            ],
            visitor: [f"{s}/ballots/{n}" for n in [*payload_ballots[:: 2 * STRIDE], consent]],
            participant: [f"{s}/ballots/{consent}"],
        },
        "ballots.paper": {
            coordinator: [
                f"{s}/ballots/{consent}/items/{item}/paper",
                f"{s}/ballots/{consent}/items/{item + 1}/paper",
            ]
        },
        "ballots.vote": {
            participant: [f"{s}/ballots/{consent}/vote", f"{s}/ballots/{world.dots_number}/vote"],
            coordinator: [f"{s}/ballots/{consent}/vote"],
        },
        "workshops.index": for_roles(everyone, [f"{s}/workshops"]),
        "workshops.new": {coordinator: [f"{s}/workshops/new"]},
        "workshops.show": {
            coordinator: [
                f"{s}/workshops/{i}"
                for i in [live, *world.planned_workshop_ids[::STRIDE], *ended[::2]]
            ],
            visitor: [f"{s}/workshops/{i}" for i in [live, *ended[1 :: 2 * STRIDE]]],
        },
        "workshops.edit": {
            coordinator: [f"{s}/workshops/{i}/edit" for i in world.planned_workshop_ids]
        },
        "workshops.console": {coordinator: [f"{s}/workshops/{live}/console"]},
        "workshops.console_paper": {
            coordinator: [f"{s}/workshops/{live}/console/items/{item}/paper"]
        },
        "workshops.ideas": {
            coordinator: [
                f"{s}/workshops/{live}/ideas?sort={k}" for k in ("time", "challenge", "author")
            ],
            participant: [f"{s}/workshops/{live}/ideas"],
        },
        "workshops.live": {
            coordinator: [f"{s}/workshops/{live}/live"],
            participant: [f"{s}/workshops/{live}/live"],
        },
        "workshops.projector": {coordinator: [f"{s}/workshops/{live}/projector"]},
        "workshops.state": {
            coordinator: [f"{s}/workshops/{live}/state?view=projector&since=-1&join=1"],
            participant: [f"{s}/workshops/{live}/state?view=participant&since=-1"],
        },
        # test_minutes_run_no_payload reads every workshop's minutes.
        "workshops.minutes": {coordinator: [f"{s}/workshops/{ended[0]}/minutes"]},
        "workshops.minutes_md": {coordinator: [f"{s}/workshops/{ended[0]}/minutes.md"]},
        "workshops.minutes_pdf": {coordinator: [f"{s}/workshops/{ended[0]}/minutes.pdf"]},
        "workshops.join": for_roles((*everyone, participant), [f"/j/{world.join_code}"]),
        "workshops.enter": {visitor: ["/j"]},
        "commitments.index": for_roles(everyone, [f"{s}/commitments"]),
        "commitments.new": {coordinator: [f"{s}/commitments/new"]},
        "versions.index": for_roles(everyone, [f"{s}/versions"]),
        "versions.show": {
            coordinator: [f"{s}/versions/{n}" for n in versions],
            visitor: [f"{s}/versions/{n}" for n in world.published],
        },
        "versions.edit": {coordinator: [f"{s}/versions/{world.draft}/edit"]},
        "versions.compare": for_roles(
            everyone, [f"{s}/versions/{a}...{b}" for a, b in ((1, 2), (2, 1), (1, 1))]
        ),
        "versions.choose_comparison": for_roles(everyone, [f"{s}/versions/compare?from=1&to=2"]),
        # test_no_export_runs_a_payload reads every format of every published version.
        "versions.download": {visitor: [f"{s}/versions/{world.published[0]}/download/json"]},
        "auth.account": {coordinator: ["/auth/account"], participant: ["/auth/account"]},
    }


# Version 2 differs from version 1 by its organisations' names and its changelog (made
# from the comparison): the formats made from the same HTML or outline as others are
# checked on version 1 only (the PDF alone takes seconds).
SLOW = ("pdf", "odt")
# One object in STRIDE, for the pages that show little that people typed about it.
STRIDE = 5
# One payload in REFLECTED in each argument that a page shows back.
REFLECTED = 8
# Routes outside the plan that show nothing people typed into it, and why.
NOT_OF_THE_PLAN = {
    "static": "the app's files",
    "health.healthz": "the app's health, in JSON",
    "frame.new_plan": "an empty form, for administrators",
    "auth.login": "its next= is walked with the reflected parameters",
    "auth.password": "a form about the reader's password",
    "auth.keep_account": "a form for guests, without their name",
}


def reflected_pages(world: World) -> dict[str, list[str]]:
    """Pages that show back what their URL carries: a payload in each of those arguments
    (one in REFLECTED payloads; three for the arguments that only pick among choices)."""
    s = f"/plans/{world.slug}"
    live = world.live_workshop_id
    pages: dict[str, list[str]] = {"visitor": [], "participant": [], "coordinator": []}
    for payload in ALL_PAYLOADS[::REFLECTED]:
        typed = quote(payload, safe="")
        pages["visitor"] += [
            f"{s}/actions?q={typed}&sort={typed}&status={typed}&challenge={typed}",
            f"/j?code={typed}",
            f"/auth/login?next={typed}",
            # Addresses that lead nowhere: their error pages may name what was asked.
            f"{s}/versions/{world.published[0]}/download/{typed}",
            f"{s}/actions/{typed}",
            f"/plans/{typed}",
        ]
        pages["participant"].append(
            f"{s}/workshops/{live}/state?view=participant&since=-1&now={typed}&open={typed}"
        )
    for payload in ALL_PAYLOADS[:3]:
        typed = quote(payload, safe="")
        pages["coordinator"] += [
            f"{s}/workshops/{live}/ideas?sort={typed}",
            f"{s}/actions/new?challenge={typed}",
            f"{s}/journal?page={typed}",
            f"{s}/versions/compare?from={typed}&to={typed}",
        ]
    return pages


def signed_in(app: Flask, email: str | None) -> FlaskClient:
    client = app.test_client()
    if email:
        response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302
    return client


def test_every_get_route_is_walked(poisoned_world: tuple[Flask, World]) -> None:
    app, world = poisoned_world
    routed = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    walked = set(plan_pages(world))
    assert routed - walked - set(NOT_OF_THE_PLAN) == set(), "GET routes nobody walks"
    assert walked - routed == set()
    assert walked & set(NOT_OF_THE_PLAN) == set()


def walk(
    clients: dict[str, FlaskClient], pages: dict[str, dict[str, list[str]]]
) -> tuple[Counter[str], Counter[str]]:
    """Every page for its roles, and its fragment for htmx when it has one."""
    checked: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for endpoint, by_role in pages.items():
        for role, urls in by_role.items():
            client = clients[role]
            for url in urls:
                response = client.get(url)
                statuses[f"{role} {response.status_code}"] += 1
                if endpoint != "reflected" and role != "visitor":
                    assert response.status_code in (200, 302), (endpoint, role, url)
                check_response(response, f"{role} {url}")
                checked[role] += 1
                if "HX-Request" in response.vary:
                    fragment = client.get(url, headers={"HX-Request": "true"})
                    check_response(fragment, f"{role} {url} (htmx)")
                    checked["htmx fragments"] += 1
    return checked, statuses


def test_no_page_runs_a_payload(
    poisoned_world: tuple[Flask, World], capsys: pytest.CaptureFixture[str]
) -> None:
    app, world = poisoned_world
    clients = {
        "coordinator": signed_in(app, COORDINATOR_EMAIL),
        "visitor": signed_in(app, None),
        "participant": signed_in(app, PARTICIPANT_EMAIL),
    }
    pages = plan_pages(world)
    checked, statuses = walk(clients, pages)
    # Every page answered (a redirect: the comparison's chooser, and the join link of a
    # participant already in): a 403 or a 404 would be a page the walk does not check.
    assert {key.rsplit(" ", 1)[1] for key in statuses} <= {"200", "302"}, statuses
    assert sum(n for key, n in statuses.items() if key.endswith("302")) <= 3, statuses
    reflected = reflected_pages(world)
    more, _statuses = walk(clients, {"reflected": reflected})
    # What people typed is shown to them, escaped, not swallowed.
    page = clients["visitor"].get(f"/plans/{world.slug}/organizations").get_data(as_text=True)
    assert html.escape("<script>alert(1)</script>", quote=False) in page
    assert "{{7*7}}" in page  # and no template ran it
    home = clients["visitor"].get(f"/plans/{world.slug}").get_data(as_text=True)
    assert "D\u00e9fi 1</span> &lt;script&gt;alert(1)&lt;/script&gt;" in home
    # A flash message naming the live workshop (the participant is in it already).
    joined = clients["participant"].get(f"/j/{world.join_code}", follow_redirects=True)
    check_response(joined, "the join link, followed")
    assert 'class="flash' in joined.get_data(as_text=True)
    assert str(escape(TITLE)) in joined.get_data(as_text=True)
    report(
        capsys,
        f"{sum(checked.values()) + sum(more.values())} pages checked "
        f"({', '.join(f'{role} {n}' for role, n in checked.items())}, reflected arguments "
        f"{sum(more.values())}) on {len(pages)} GET routes; statuses {dict(statuses)}",
    )


# --------------------------------------------------------------------------- exports


class TextOf(HTMLParser):
    """The text a reader sees in HTML."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(page)
        self.close()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def squeezed(text: str) -> str:
    return "".join(text.split())


def shown(payloads: Iterable[str], text: str) -> set[str]:
    """The payloads that a reader finds, as typed, in the text (blanks aside)."""
    flat = squeezed(text)
    return {p for p in payloads if squeezed(p) and squeezed(p) in flat}


def odt_text(data: bytes) -> str:
    body = load_odf(io.BytesIO(data)).text
    elements = body.getElementsByType(odf_text.H) + body.getElementsByType(odf_text.P)
    return "\n".join(teletype.extractText(element) for element in elements)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def strings_in(data: Any) -> Iterable[str]:
    """Every string of a JSON document, keys aside."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def decided_titles(app: Flask, number: int) -> list[str]:
    with app.app_context():
        snapshot = db.session.scalar(
            sa.select(PlanVersion.snapshot).where(PlanVersion.number == number)
        )
    return [a["title"] for a in [*snapshot["actions"], *snapshot["annex"]]]


def test_no_export_runs_a_payload(
    poisoned_world: tuple[Flask, World], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each published version in every format, as downloaded."""
    app, world = poisoned_world
    client = app.test_client()
    found: dict[str, int] = {}
    checked = 0
    for number in world.published:
        titles = decided_titles(app, number)
        assert len(titles) >= DECIDED
        base = f"/plans/{world.slug}/versions/{number}/download"
        # The PDF of version 2 would take as long as the first's, from the same HTML.
        formats = [f for f in FORMATS if number == world.published[0] or f not in SLOW]
        files = {fmt: client.get(f"{base}/{fmt}") for fmt in formats}
        for fmt, response in files.items():
            assert response.status_code == 200, fmt
            assert response.headers["Content-Disposition"].startswith("attachment;")
        data = {fmt: response.get_data() for fmt, response in files.items()}
        texts: dict[str, str] = {}

        page = data["html"].decode("utf-8")
        check_html(page, "html export")
        texts["html"] = TextOf(page).text
        texts["md"] = check_markdown(data["md"].decode("utf-8"), "markdown export")
        if "pdf" in data:
            texts["pdf"] = check_pdf(data["pdf"], "pdf export")
            assert pdf_uris(pdf_objects(data["pdf"])), "no link found: the link check saw none"
            assert len(shown(ALL_PAYLOADS, texts["pdf"])) == len(ALL_PAYLOADS)
        for fmt, text_of in (("odt", odt_text), ("docx", docx_text)):
            if fmt not in data:
                continue
            check_office_links(data[fmt], f"{fmt} export")
            texts[fmt] = text_of(data[fmt])
            for title in titles:  # in its heading, as typed
                assert squeezed(title) in squeezed(texts[fmt]), (fmt, title)

        rows = list(csv.reader(io.StringIO(data["csv"].decode("utf-8-sig")), delimiter=";"))
        cells = [value for row in rows for value in row]
        neutralised_csv = check_cells(cells, "csv export")
        workbook = load_workbook(io.BytesIO(data["xlsx"]))
        sheet_cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in sheet_cells)
        neutralised_xlsx = check_cells([c.value for c in sheet_cells], "xlsx export")
        # Each formula payload starts a title or the name of a lead organisation.
        assert neutralised_csv >= len(FORMULA_PAYLOADS) * 2, neutralised_csv
        assert neutralised_xlsx == neutralised_csv
        for title in titles:
            assert title in cells or f"'{title}" in cells, title

        exported = read_export(data["json"])["snapshot"]  # valid JSON, its hash holds
        assert [a["title"] for a in [*exported["actions"], *exported["annex"]]] == titles
        assert exported["plan"]["summary"] == "\n\n".join(ALL_PAYLOADS)
        texts["json"] = "\n".join(strings_in(exported))

        for fmt, text in texts.items():
            found[f"{fmt} v{number}"] = len(shown(ALL_PAYLOADS, text))
        # Every payload reaches every document: the organisations' and zones' names.
        for fmt in texts:
            assert found[f"{fmt} v{number}"] == len(ALL_PAYLOADS), (fmt, number)
        checked += len(files)
    report(
        capsys,
        f"{checked} exports of {len(world.published)} versions checked; payloads found as "
        f"text: {found}",
    )


def test_minutes_run_no_payload(
    poisoned_world: tuple[Flask, World], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every ended workshop's minutes, as a page or in Markdown (written with the app's own
    escaping) in turn, and two PDFs; each shows its payload (a guest's name) as text."""
    app, world = poisoned_world
    client = app.test_client()
    base = f"/plans/{world.slug}/workshops"
    fetched: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for index, workshop in enumerate(world.workshop_ids):
        kinds = ["minutes" if index % 2 else "minutes.md"] + ["minutes.pdf"] * (index < 2)
        for kind in kinds:
            response = client.get(f"{base}/{workshop}/{kind}")
            assert response.status_code == 200, kind
            text = check_response(response, f"{kind} of workshop {index}")
            if kind == "minutes":
                text = TextOf(text).text
            fetched[kind] += 1
            found[kind] += bool(shown([ALL_PAYLOADS[index].strip()[:100]], text))
    assert found == fetched
    report(capsys, f"minutes checked, with their payload found as text: {dict(found)}")


def test_the_checks_fail_on_a_leaked_payload() -> None:
    """The export checks catch a payload that got through unescaped."""
    with pytest.raises(AssertionError):
        check_html('<p><img src=x onerror="window.__xss=1"></p>', "unit")
    with pytest.raises(AssertionError):
        check_html(f"<style>{DOCUMENT_CSS}</style><style>x</style>", "unit")
    with pytest.raises(AssertionError):
        check_markdown("<script>alert(1)</script>", "unit")
    with pytest.raises(AssertionError):
        check_office_links(_docx_with_link("javascript:alert(1)"), "unit")
    check_office_links(_docx_with_link("https://example.org"), "unit")


def _docx_with_link(url: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("lien")
    paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
