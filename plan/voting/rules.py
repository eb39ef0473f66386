"""A plan's consensus settings as the counting module's rules, and a worked example."""

from __future__ import annotations

from fractions import Fraction

from plan.frame.models import Plan
from plan.voting.counting import (
    ConsensusRules,
    GradeVote,
    MajorityJudgmentResult,
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


# Twelve voters in three colleges: the first two like the action, the third does not.
EXAMPLE_GRADES = (
    ("bien", "bien", "tres_bien", "assez_bien", "bien"),
    ("assez_bien", "bien", "passable", "tres_bien"),
    ("insuffisant", "passable", "insuffisant"),
)


def worked_example(plan: Plan, rules: ConsensusRules) -> MajorityJudgmentResult | None:
    """The same twelve votes counted with these rules, to show what each rule does."""
    colleges = [college.name for college in plan.colleges][: len(EXAMPLE_GRADES)]
    if len(colleges) < len(EXAMPLE_GRADES):
        return None
    votes = [
        GradeVote(college, grade)
        for college, grades in zip(colleges, EXAMPLE_GRADES, strict=True)
        for grade in grades
    ]
    return count_majority_judgment(votes, rules)
