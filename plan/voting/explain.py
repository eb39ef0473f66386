"""The one French sentence that explains a result, from the counting module's figures."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from plan.voting.counting import COLLEGE_VETO, MajorityJudgmentExplanation
from plan.voting.labels import GRADE_LABELS


def _grade(code: str | None) -> str:
    return str(GRADE_LABELS[code]) if code else "?"


def explain_majority_judgment(explanation: MajorityJudgmentExplanation) -> str:
    participation = explanation.participation
    who = (
        ngettext("%(num)d voter", "%(num)d voters", participation.voters)
        + " "
        + ngettext("in %(num)d college", "in %(num)d colleges", participation.colleges)
    )
    grade = _grade(explanation.majority_grade)
    veto = _grade(explanation.veto_threshold)
    if explanation.outcome == "insufficient_participation":
        return _(
            "Insufficient participation: %(who)s, where at least %(voters)d voters in "
            "%(colleges)d colleges are needed.",
            who=who,
            voters=participation.quorum_voters,
            colleges=participation.quorum_colleges,
        )
    if explanation.outcome == "adopted":
        return _(
            "Adopted: majority grade « %(grade)s » (threshold « %(threshold)s »), %(who)s, "
            "no college below « %(veto)s ».",
            grade=grade,
            threshold=_grade(explanation.adoption_threshold),
            who=who,
            veto=veto,
        )
    if explanation.outcome == "rejected":
        return _(
            "Not retained: majority grade « %(grade)s », below « %(veto)s », %(who)s.",
            grade=grade,
            veto=veto,
            who=who,
        )
    if COLLEGE_VETO in explanation.reasons:
        return ngettext(
            "To rework: majority grade « %(grade)s », but the college %(names)s is below "
            "« %(veto)s » (%(who)s).",
            "To rework: majority grade « %(grade)s », but the colleges %(names)s are below "
            "« %(veto)s » (%(who)s).",
            len(explanation.blocking_colleges),
            grade=grade,
            names=", ".join(f"« {name} »" for name in explanation.blocking_colleges),
            veto=veto,
            who=who,
        )
    return _(
        "To rework: majority grade « %(grade)s », below the adoption threshold "
        "« %(threshold)s » (%(who)s).",
        grade=grade,
        threshold=_grade(explanation.adoption_threshold),
        who=who,
    )
