"""A plan's consensus settings as the counting module's rules, and worked examples."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from flask_babel import gettext as _

from plan.frame.models import Plan
from plan.voting.counting import (
    ApprovalVote,
    ConsensusRules,
    DotVote,
    GradeVote,
    count_approval,
    count_dot_voting,
    count_majority_judgment,
)


def rules_for(plan: Plan) -> ConsensusRules:
    return ConsensusRules(
        quorum_voters=plan.quorum_voters,
        quorum_colleges=plan.quorum_colleges,
        college_weighting=plan.college_weighting,
        college_weights={college.name: Fraction(college.weight) for college in plan.colleges},
        adoption_threshold=plan.adoption_threshold,
        veto_threshold=plan.veto_threshold,
        veto_min_voters=plan.veto_min_voters,
        approval_adoption=Fraction(plan.approval_adoption),
        approval_college_min=Fraction(plan.approval_college_min),
        approval_rejection=Fraction(plan.approval_rejection),
        dots_per_voter=plan.dots_per_voter,
        dots_per_item=plan.dots_per_item,
    )


# Thirteen voters in three colleges: the first two like the action, the third does not.
# The large first college pulls the grade up to « Bien » when each person counts once;
# with equal college weights the grade is « Assez bien ».
EXAMPLE_GRADES = (
    ("bien", "bien", "tres_bien", "assez_bien", "bien", "bien"),
    ("assez_bien", "bien", "passable", "tres_bien"),
    ("insuffisant", "passable", "insuffisant"),
)

# Approval, per college: (for, against, abstentions). Two thirds « for » when each person
# counts once, less with equal college weights; the third college is mostly against.
EXAMPLE_APPROVALS = ((4, 1, 1), (3, 1, 0), (1, 2, 0))

# Dot voting: three actions, five voters (college index, favourite actions first). Each
# voter spends their dots on their favourites in turn, as many as the rules allow on each.
EXAMPLE_DOT_ITEMS = ("A", "B", "C")
EXAMPLE_DOT_PREFERENCES = (
    (0, ("A", "B", "C")),
    (0, ("A", "C", "B")),
    (1, ("B", "A", "C")),
    (2, ("C", "B", "A")),
    (2, ("C", "A", "B")),
)

Data = dict[str, Any]


@dataclass(frozen=True)
class WorkedExamples:
    """The same illustrative votes counted with a plan's rules, as plain data (`to_dict()`).

    `colleges` are the plan's first three colleges, or illustrative ones (`illustrative`)
    of equal weight when the plan has fewer. `other_weighting` is the majority judgment
    count with college weighting switched the other way; `dot_votes` each voter's college
    and dots per action.
    """

    colleges: tuple[str, ...]
    illustrative: bool
    majority_judgment: Data
    other_weighting: Data
    approval: Data
    dot_items: tuple[str, ...]
    dot_votes: tuple[tuple[str, dict[str, int]], ...]
    dot_voting: Data

    @property
    def dot_results(self) -> dict[str, Data]:
        """The dot-voting result of each action, by action."""
        return {row["item"]: row for row in self.dot_voting["items"]}


def illustrative_colleges() -> tuple[str, ...]:
    return (_("Associations"), _("Local authorities"), _("Businesses"))


def spend_dots(preferences: tuple[str, ...], rules: ConsensusRules) -> dict[str, int]:
    """A voter's allocation: favourites first, up to the limit on one action."""
    left = rules.dots_per_voter
    dots: dict[str, int] = {}
    for item in preferences:
        dots[item] = min(left, rules.dots_per_item)
        left -= dots[item]
    return dots


def worked_examples(plan: Plan, rules: ConsensusRules) -> WorkedExamples:
    """Counted with the real counting module, so the examples follow the saved rules."""
    colleges = tuple(college.name for college in plan.colleges[: len(EXAMPLE_GRADES)])
    illustrative = len(colleges) < len(EXAMPLE_GRADES)
    if illustrative:
        colleges = illustrative_colleges()
        # Equal weights, listed so that the tables keep the colleges in this order.
        rules = dataclasses.replace(rules, college_weights=dict.fromkeys(colleges, 1))

    grade_votes = [
        GradeVote(college, grade)
        for college, grades in zip(colleges, EXAMPLE_GRADES, strict=True)
        for grade in grades
    ]
    flipped = dataclasses.replace(rules, college_weighting=not rules.college_weighting)

    approval_votes = [
        ApprovalVote(college, choice)
        for college, counts in zip(colleges, EXAMPLE_APPROVALS, strict=True)
        for choice, count in zip(("for", "against", "abstain"), counts, strict=True)
        for _vote in range(count)
    ]

    dot_votes = [
        DotVote(colleges[index], spend_dots(preferences, rules))
        for index, preferences in EXAMPLE_DOT_PREFERENCES
    ]
    return WorkedExamples(
        colleges=colleges,
        illustrative=illustrative,
        majority_judgment=count_majority_judgment(grade_votes, rules).to_dict(),
        other_weighting=count_majority_judgment(grade_votes, flipped).to_dict(),
        approval=count_approval(approval_votes, rules).to_dict(),
        dot_items=EXAMPLE_DOT_ITEMS,
        dot_votes=tuple((vote.college or "", dict(vote.dots)) for vote in dot_votes),
        dot_voting=count_dot_voting(EXAMPLE_DOT_ITEMS, dot_votes, rules).to_dict(),
    )
