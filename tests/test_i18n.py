"""French is complete: every message of the code and templates is translated, not fuzzy,
and the compiled catalogue is the one the .po file describes."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import ROOT

TRANSLATIONS = ROOT / "plan" / "translations"
PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.mo"
METHOD_MAP = [
    ("plan/**.py", "python"),
    ("auth/**.py", "python"),
    ("templates/**.html", "jinja2"),
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "_l": None,
    "lazy_gettext": None,
}


def source_messages() -> set[tuple[str | None, str]]:
    """(context, message id) of every message the code and the templates use."""
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS
    ):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def catalogue(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_a_french_translation() -> None:
    french = catalogue(PO)
    missing = sorted(
        (context or "", msgid)
        for context, msgid in source_messages()
        if french.get(msgid, context=context) is None
    )
    assert missing == [], "run pybabel extract and update (README, Translations)"
    untranslated = [
        m.id
        for m in french
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert untranslated == []
    fuzzy = [m.id for m in french if m.id and m.fuzzy]
    assert fuzzy == []


def test_the_compiled_catalogue_is_up_to_date() -> None:
    french = catalogue(PO)
    with MO.open("rb") as handle:
        compiled = read_mo(handle)

    def plain(value):  # type: ignore[no-untyped-def]
        return tuple(value) if isinstance(value, list | tuple) else value

    def strings(messages):  # type: ignore[no-untyped-def]
        return {(m.context, plain(m.id)): plain(m.string) for m in messages if m.id}

    assert strings(compiled) == strings(french), "run pybabel compile"


def test_placeholders_survive_translation() -> None:
    import re

    pattern = re.compile(r"%\([a-z_]+\)[sd]")
    for message in catalogue(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(pattern.findall(ids[-1]))
        for string in strings:
            assert set(pattern.findall(string)) <= wanted | set(pattern.findall(ids[0]))
            assert set(pattern.findall(ids[0])) - {"%(num)d"} <= set(pattern.findall(string))


def test_pages_speak_french_by_default_and_english_on_request(client) -> None:
    from tests.conftest import make_plan

    make_plan("alpes", challenges=3)
    french = client.get("/plans/alpes").get_data(as_text=True)
    assert "Les trois défis" in french
    assert "Territoires prioritaires" in french
    english = client.get("/plans/alpes", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The three challenges" in english
    assert "Challenge 1" in english
