"""What people read for the counting module's codes: grades, methods, shares."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

GRADE_LABELS = {
    "excellent": _l("Excellent"),
    "tres_bien": _l("Very good"),
    "bien": _l("Good"),
    "assez_bien": _l("Fairly good"),
    "passable": _l("Passable"),
    "insuffisant": _l("Insufficient"),
    "a_rejeter": _l("To reject"),
}

METHOD_LABELS = {
    "majority_judgment": _l("Majority judgment"),
    "approval": _l("Approval (for, against, abstention)"),
    "consent": _l("Consent"),
    "dot_voting": _l("Dot voting"),
}

# Thresholds a plan can choose for approval votes, as exact fractions.
SHARE_LABELS = {
    "1/3": _l("one third"),
    "1/2": _l("one half"),
    "3/5": _l("three fifths"),
    "2/3": _l("two thirds"),
    "3/4": _l("three quarters"),
}

OUTCOME_LABELS = {
    "adopted": _l("Adopted"),
    "to_rework": _l("To rework"),
    "rejected": _l("Not retained"),
    "insufficient_participation": _l("Insufficient participation"),
    "ranked": _l("Ranked"),
}

# The symbol that goes with each outcome chip, so that colour is never the only cue.
OUTCOME_SYMBOLS = {
    "adopted": "✓",
    "to_rework": "↻",
    "rejected": "✗",
    "insufficient_participation": "…",
    "ranked": "#",
}

CHOICE_LABELS = {
    **GRADE_LABELS,
    "for": _l("For"),
    "against": _l("Against"),
    "abstain": _l("Abstention"),
    "consent": _l("I consent"),
    "object": _l("I object"),
    "stand_aside": _l("I stand aside"),
}

CHANNEL_LABELS = {
    "online": _l("online"),
    "workshop": _l("in a workshop"),
    "facilitator": _l("entered by a facilitator"),
}
