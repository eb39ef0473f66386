"""What changed between two revisions of an action, word by word."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup, escape

DiffKind = Literal["equal", "insert", "delete"]

# A word, a run of whitespace, or one other character. Two French habits are kept whole:
# the middle dot of inclusive writing ("habitant·es" is one word, so changing "habitants"
# into "habitant·es" reads as one word replaced) and elision ("l'isolement" is "l'" then
# "isolement", so that "l'isolement" → "l'exclusion" changes only the noun).
_TOKEN = re.compile(r"\w+(?:[\u00b7\u2027\u22c5]\w+)*(?:['\u2019](?=\w))?|\s+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class DiffOp:
    kind: DiffKind
    text: str


def tokenize(text: str) -> list[str]:
    """Words, whitespace and punctuation; joined back they give the text exactly."""
    return _TOKEN.findall(text)


def _append(ops: list[DiffOp], kind: DiffKind, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].kind == kind:
        ops[-1] = DiffOp(kind, ops[-1].text + text)
    else:
        ops.append(DiffOp(kind, text))


def _token_ops(old_tokens: list[str], new_tokens: list[str]) -> list[DiffOp]:
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    ops: list[DiffOp] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_text = "".join(old_tokens[old_start:old_end])
        new_text = "".join(new_tokens[new_start:new_end])
        if tag == "equal":
            _append(ops, "equal", old_text)
        else:
            _append(ops, "delete", old_text)
            _append(ops, "insert", new_text)
    return ops


def word_diff(old: str, new: str) -> list[DiffOp]:
    """The operations that turn `old` into `new`.

    The equal and deleted texts joined give `old`; the equal and inserted ones give `new`.
    Each change is one deletion followed by one insertion; a lone space between two changed
    words joins them, so "le chat noir" → "un chien blanc" reads as one phrase replaced
    instead of three words interleaved.
    """
    ops = _token_ops(tokenize(old), tokenize(new))
    merged: list[DiffOp] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def close_change() -> None:
        _append(merged, "delete", "".join(deleted))
        _append(merged, "insert", "".join(inserted))
        deleted.clear()
        inserted.clear()

    for index, op in enumerate(ops):
        if op.kind == "delete":
            deleted.append(op.text)
        elif op.kind == "insert":
            inserted.append(op.text)
        elif (deleted or inserted) and index + 1 < len(ops) and op.text.isspace():
            # Equal ops alternate with changes, so the next op is a change.
            deleted.append(op.text)
            inserted.append(op.text)
        else:
            close_change()
            _append(merged, "equal", op.text)
    close_change()
    return merged


def render_word_diff(ops: Iterable[DiffOp]) -> Markup:
    """The diff as HTML: `<del>` and `<ins>`, readable without colour and by screen readers.

    The visible brackets are hidden from screen readers, which read the label instead.
    """
    from flask_babel import gettext as _

    deleted_label = escape(_("deleted: "))
    added_label = escape(_("added: "))
    pieces: list[Markup] = []
    for op in ops:
        text = escape(op.text)
        if op.kind == "equal":
            pieces.append(text)
        elif op.kind == "delete":
            pieces.append(
                Markup(
                    '<del><span class="visually-hidden">{}</span>'
                    '<span aria-hidden="true">[\u2212</span>{}'
                    '<span aria-hidden="true">\u2212]</span></del>'
                ).format(deleted_label, text)
            )
        else:
            pieces.append(
                Markup(
                    '<ins><span class="visually-hidden">{}</span>'
                    '<span aria-hidden="true">[+</span>{}'
                    '<span aria-hidden="true">+]</span></ins>'
                ).format(added_label, text)
            )
    return Markup("").join(pieces)


_MISSING = object()


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Keys whose values differ: those of `new` in its order, then those only in `old`."""
    changed = [key for key, value in new.items() if old.get(key, _MISSING) != value]
    changed += [key for key in old if key not in new]
    return changed
