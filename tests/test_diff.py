"""Word-level diff of two revisions of an action."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from itertools import pairwise

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from plan.actions.diff import DiffOp, changed_fields, render_word_diff, tokenize, word_diff


def old_side(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.kind != "insert")


def new_side(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.kind != "delete")


def test_one_word_replaced_in_a_french_sentence() -> None:
    ops = word_diff(
        "La commune finance la rénovation des écoles.",
        "La communauté finance la rénovation des écoles.",
    )
    assert ops == [
        DiffOp("equal", "La "),
        DiffOp("delete", "commune"),
        DiffOp("insert", "communauté"),
        DiffOp("equal", " finance la rénovation des écoles."),
    ]


def test_elision_keeps_the_article_and_changes_the_noun() -> None:
    ops = word_diff("Lutter contre l'isolement.", "Lutter contre l'exclusion.")
    assert ops == [
        DiffOp("equal", "Lutter contre l'"),
        DiffOp("delete", "isolement"),
        DiffOp("insert", "exclusion"),
        DiffOp("equal", "."),
    ]


def test_curly_apostrophe_elides_too() -> None:
    assert tokenize("l\u2019été") == ["l\u2019", "été"]


def test_inclusive_writing_is_one_word() -> None:
    assert tokenize("les habitant·es d'élevage") == [
        "les",
        " ",
        "habitant·es",
        " ",
        "d'",
        "élevage",
    ]
    ops = word_diff("les habitants", "les habitant·es")
    assert [op.kind for op in ops] == ["equal", "delete", "insert"]
    assert ops[1:] == [DiffOp("delete", "habitants"), DiffOp("insert", "habitant·es")]


def test_quotes_and_hyphens_are_their_own_tokens() -> None:
    assert tokenize("'cité' peut-être") == ["'", "cité", "'", " ", "peut", "-", "être"]


def test_neighbouring_changed_words_read_as_one_phrase() -> None:
    ops = word_diff("le chat noir dort", "un chien blanc dort")
    assert ops == [
        DiffOp("delete", "le chat noir"),
        DiffOp("insert", "un chien blanc"),
        DiffOp("equal", " dort"),
    ]


def test_identical_texts_give_one_equal_op() -> None:
    text = "Planter 12 km de haies d'ici 2027."
    assert word_diff(text, text) == [DiffOp("equal", text)]


def test_two_empty_texts_give_no_op() -> None:
    assert word_diff("", "") == []


def test_empty_old_text_is_all_inserted() -> None:
    assert word_diff("", "Nouvelle action") == [DiffOp("insert", "Nouvelle action")]


def test_empty_new_text_is_all_deleted() -> None:
    assert word_diff("Ancienne action", "") == [DiffOp("delete", "Ancienne action")]


def test_added_sentence_at_the_end() -> None:
    ops = word_diff("Objectif : 10 %.", "Objectif : 10 %. Puis 20 %.")
    assert ops == [DiffOp("equal", "Objectif : 10 %."), DiffOp("insert", " Puis 20 %.")]


def test_diff_op_is_frozen() -> None:
    op = DiffOp("equal", "a")
    with pytest.raises(FrozenInstanceError):
        op.text = "b"  # type: ignore[misc]


_FRENCH_PIECES = st.sampled_from(
    [
        "le",
        "la",
        "l'",
        "d'",
        "habitant·es",
        "élevage",
        "école",
        "haies",
        "2027",
        " ",
        "  ",
        "\n",
        "\n\n",
        ",",
        ".",
        "'",
        "\u2019",
        "-",
        "·",
        "%",
        "€",
    ]
)
french_texts = st.lists(_FRENCH_PIECES, max_size=40).map("".join)
any_texts = st.text(max_size=80)


@given(st.one_of(french_texts, any_texts))
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


@given(
    st.one_of(st.tuples(french_texts, french_texts), st.tuples(any_texts, any_texts)),
)
def test_both_texts_can_be_read_back_from_the_ops(texts: tuple[str, str]) -> None:
    old, new = texts
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(op.text for op in ops)
    assert all(a.kind != b.kind for a, b in pairwise(ops))
    if old == new and old:
        assert ops == [DiffOp("equal", old)]


def test_render_escapes_both_texts_and_labels_changes(app: Flask) -> None:
    ops = word_diff("avant <script>alert(1)</script>", "après <script>alert(2)</script>")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = str(render_word_diff(ops))
    assert "<script" not in html
    assert "&lt;script&gt;alert(" in html
    assert (
        '<del><span class="visually-hidden">deleted: </span>'
        '<span aria-hidden="true">[\u2212</span>avant'
    ) in html
    assert (
        '<ins><span class="visually-hidden">added: </span><span aria-hidden="true">[+</span>après'
    ) in html
    assert html.count('<span aria-hidden="true">\u2212]</span></del>') == 2
    assert html.count('<span aria-hidden="true">+]</span></ins>') == 2


def test_render_of_a_replaced_word(app: Flask) -> None:
    ops = word_diff("un & deux", "un & trois")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = str(render_word_diff(ops))
    assert html == (
        "un &amp; "
        '<del><span class="visually-hidden">deleted: </span>'
        '<span aria-hidden="true">[\u2212</span>deux<span aria-hidden="true">\u2212]</span></del>'
        '<ins><span class="visually-hidden">added: </span>'
        '<span aria-hidden="true">[+</span>trois<span aria-hidden="true">+]</span></ins>'
    )


def test_render_of_identical_texts_has_no_mark(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = str(render_word_diff(word_diff("a < b", "a < b")))
    assert html == "a &lt; b"


def test_changed_fields_in_the_order_of_the_new_revision_then_removed_ones() -> None:
    old = {"title": "Haies", "budget": 100, "lead": "Commune", "obsolete": "x", "same": 1}
    new = {"summary": "Nouveau", "same": 1, "budget": 120, "title": "Haies bocagères"}
    assert changed_fields(old, new) == ["summary", "budget", "title", "lead", "obsolete"]


def test_changed_fields_of_identical_dicts_is_empty() -> None:
    assert changed_fields({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}) == []


def test_a_field_set_to_none_is_a_change() -> None:
    assert changed_fields({}, {"budget": None}) == ["budget"]
    assert changed_fields({"budget": None}, {}) == ["budget"]
