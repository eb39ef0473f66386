"""The one sentence that explains a result, written from the counting module's figures.

Everything here reads the plain data of `to_dict()` (as stored in a closed ballot), so a
result frozen years ago is explained in today's words and in the reader's language.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from flask_babel import format_decimal, format_percent, ngettext
from flask_babel import gettext as _

from plan.voting.counting import (
    COLLEGE_VETO,
    NO_EXPRESSED_VOTES,
    NO_VOTES,
    NO_WEIGHT,
    QUORUM_COLLEGES,
    QUORUM_VOTERS,
)
from plan.voting.labels import GRADE_LABELS

Data = dict[str, Any]


def _grade(code: str | None) -> str:
    return str(GRADE_LABELS[code]) if code else "?"


def share(value: str | None) -> str:
    """An exact share ("2/3") as a rounded percentage: « 66,7 % »."""
    if value is None:
        return ""
    return format_percent(float(Fraction(value)), "#,##0.#\u00a0%")


def percent(value: str) -> float:
    """An exact share ("3/8") as a percentage for a bar's width: 37.5."""
    return float(Fraction(value) * 100)


def _who(participation: Data) -> str:
    return (
        ngettext("%(num)d voter", "%(num)d voters", participation["voters"])
        + " "
        + ngettext("in %(num)d college", "in %(num)d colleges", participation["colleges"])
    )


def _names(colleges: list[str]) -> str:
    return ", ".join(f"« {name} »" for name in colleges)


def _insufficient(explanation: Data) -> str:
    participation = explanation["participation"]
    reasons = explanation["reasons"]
    if QUORUM_VOTERS in reasons or QUORUM_COLLEGES in reasons:
        return _(
            "Insufficient participation: %(who)s, where at least %(voters)d voters in "
            "%(colleges)d colleges are needed.",
            who=_who(participation),
            voters=participation["quorum_voters"],
            colleges=participation["quorum_colleges"],
        )
    if NO_EXPRESSED_VOTES in reasons:
        return _("Insufficient participation: only abstentions (%(who)s).", who=_who(participation))
    if NO_WEIGHT in reasons:
        return _(
            "Insufficient participation: none of the %(who)s speaks for a college that "
            "carries weight.",
            who=_who(participation),
        )
    if NO_VOTES in reasons:
        return _("Insufficient participation: nobody voted.")
    return _("Insufficient participation.")


def explain_majority_judgment(explanation: Data) -> str:
    who = _who(explanation["participation"])
    grade = _grade(explanation["majority_grade"])
    veto = _grade(explanation["veto_threshold"])
    outcome = explanation["outcome"]
    if outcome == "insufficient_participation":
        return _insufficient(explanation)
    if outcome == "adopted":
        return _(
            "Adopted: majority grade « %(grade)s » (threshold « %(threshold)s »), %(who)s, "
            "no college below « %(veto)s ».",
            grade=grade,
            threshold=_grade(explanation["adoption_threshold"]),
            who=who,
            veto=veto,
        )
    if outcome == "rejected":
        return _(
            "Not retained: majority grade « %(grade)s », below « %(veto)s », %(who)s.",
            grade=grade,
            veto=veto,
            who=who,
        )
    if COLLEGE_VETO in explanation["reasons"]:
        return ngettext(
            "To rework: majority grade « %(grade)s », but the college %(names)s is below "
            "« %(veto)s » (%(who)s).",
            "To rework: majority grade « %(grade)s », but the colleges %(names)s are below "
            "« %(veto)s » (%(who)s).",
            len(explanation["blocking_colleges"]),
            grade=grade,
            names=_names(explanation["blocking_colleges"]),
            veto=veto,
            who=who,
        )
    return _(
        "To rework: majority grade « %(grade)s », below the adoption threshold "
        "« %(threshold)s » (%(who)s).",
        grade=grade,
        threshold=_grade(explanation["adoption_threshold"]),
        who=who,
    )


def explain_approval(explanation: Data) -> str:
    outcome = explanation["outcome"]
    if outcome == "insufficient_participation":
        return _insufficient(explanation)
    figures = {
        "share": share(explanation["share_for"]),
        "who": _who(explanation["participation"]),
        "adoption": share(explanation["approval_adoption"]),
        "rejection": share(explanation["approval_rejection"]),
        "college_min": share(explanation["approval_college_min"]),
    }
    if outcome == "adopted":
        return _(
            "Adopted: %(share)s « for » among expressed votes (threshold %(adoption)s), "
            "%(who)s, every college at %(college_min)s or more.",
            **figures,
        )
    if outcome == "rejected":
        return _(
            "Not retained: %(share)s « for » among expressed votes, under %(rejection)s (%(who)s).",
            **figures,
        )
    if COLLEGE_VETO in explanation["reasons"]:
        return ngettext(
            "To rework: %(share)s « for », but the college %(names)s is under "
            "%(college_min)s (%(who)s).",
            "To rework: %(share)s « for », but the colleges %(names)s are under "
            "%(college_min)s (%(who)s).",
            len(explanation["blocking_colleges"]),
            names=_names(explanation["blocking_colleges"]),
            **figures,
        )
    return _(
        "To rework: %(share)s « for » among expressed votes, under the adoption threshold "
        "%(adoption)s (%(who)s).",
        **figures,
    )


def explain_consent(explanation: Data) -> str:
    outcome = explanation["outcome"]
    if outcome == "insufficient_participation":
        return _insufficient(explanation)
    who = _who(explanation["participation"])
    if outcome == "adopted":
        resolved = explanation["objections"] - explanation["unresolved_objections"]
        if resolved:
            return ngettext(
                "Adopted by consent: %(num)d objection raised and resolved (%(who)s).",
                "Adopted by consent: %(num)d objections raised and resolved (%(who)s).",
                resolved,
                who=who,
            )
        return _("Adopted by consent: no objection (%(who)s).", who=who)
    return ngettext(
        "To rework: %(num)d objection is not resolved (%(who)s).",
        "To rework: %(num)d objections are not resolved (%(who)s).",
        explanation["unresolved_objections"],
        who=who,
    )


def explain_dot_voting(explanation: Data) -> str:
    if explanation["outcome"] == "insufficient_participation":
        return _insufficient(explanation)
    return _(
        "Ranking by dots: %(who)s, %(dots)d dots each, at most %(per_item)d on one action. "
        "Dot voting ranks the actions; it adopts none.",
        who=_who(explanation["participation"]),
        dots=explanation["dots_per_voter"],
        per_item=explanation["dots_per_item"],
    )


EXPLAIN = {
    "majority_judgment": explain_majority_judgment,
    "approval": explain_approval,
    "consent": explain_consent,
    "dot_voting": explain_dot_voting,
}


def explain(method: str, explanation: Data) -> str:
    return EXPLAIN[method](explanation)


def gauge_label(gauge: Data | None) -> str:
    """« Bien + » or « Bien - »: the majority grade with the gauge's sign."""
    if gauge is None:
        return ""
    sign = "+" if gauge["sign"] == "+" else "\N{MINUS SIGN}"
    return f"{_grade(gauge['grade'])}\N{NO-BREAK SPACE}{sign}"


def ranking_reason(step: Data, upper: Data, lower: Data, weighted: bool = False) -> str:
    """Why the item `upper` stands above the next one, `lower` (entries of counted data).
    `weighted`: dots were weighted by college, so the score, not the dots, ranks."""
    reason = step["reason"]
    other = lower["reference"]
    if reason == "tied" and upper["result"].get("dots") is not None:
        return _("Tied with %(other)s: as many dots.", other=other)
    if reason == "tied":
        return _("Tied with %(other)s: identical profiles.", other=other)
    if reason == "no_votes":
        return _("Ahead of %(other)s, which has no vote.", other=other)
    if reason == "score" and weighted:
        return _(
            "Ahead of %(other)s: a higher score once the colleges are weighted "
            "(%(mine)s against %(theirs)s).",
            other=other,
            mine=format_decimal(float(Fraction(upper["result"]["score"])), "#,##0.##"),
            theirs=format_decimal(float(Fraction(lower["result"]["score"])), "#,##0.##"),
        )
    if reason == "score":
        return _("Ahead of %(other)s: more dots.", other=other)
    mine = upper["result"]["gauge"]
    theirs = lower["result"]["gauge"]
    if reason == "grade":
        return _(
            "Ahead of %(other)s: better majority grade (« %(mine)s » against « %(theirs)s »).",
            other=other,
            mine=_grade(mine["grade"]),
            theirs=_grade(theirs["grade"]),
        )
    if reason == "gauge":
        return _(
            "Ahead of %(other)s: same majority grade, better gauge (« %(mine)s », %(mine_p)s "
            "above and %(mine_q)s below, against « %(theirs)s », %(theirs_p)s and %(theirs_q)s).",
            other=other,
            mine=gauge_label(mine),
            theirs=gauge_label(theirs),
            mine_p=share(mine["share_above"]),
            mine_q=share(mine["share_below"]),
            theirs_p=share(theirs["share_above"]),
            theirs_q=share(theirs["share_below"]),
        )
    return _(
        "Ahead of %(other)s: same gauge; the majority value decides. Setting aside %(depth)s "
        "of the votes around the median, it has « %(mine)s » where %(other)s has "
        "« %(theirs)s ».",
        other=other,
        depth=share(step["depth"]),
        mine=_grade(step["upper_grade"]),
        theirs=_grade(step["lower_grade"]),
    )
