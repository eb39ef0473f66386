"""Properties of the counting module, checked on random ballots with Hypothesis."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plan.voting.counting import (
    GRADES,
    ApprovalVote,
    ConsensusRules,
    DotVote,
    GradeVote,
    MeritProfile,
    compare_profiles,
    count_approval,
    count_dot_voting,
    count_majority_judgment,
    majority_gauge,
    majority_grade,
    rank_profiles,
    validate_dot_allocation,
)

COLLEGES = ("A", "B", "C", "D")

grades = st.sampled_from(GRADES)
colleges = st.sampled_from(COLLEGES)
grade_votes = st.lists(st.builds(GradeVote, colleges, grades), min_size=1, max_size=25)
grade_votes_with_strangers = st.lists(
    st.builds(GradeVote, st.none() | colleges, grades), min_size=1, max_size=25
)
weights = st.fixed_dictionaries({college: st.integers(0, 100) for college in COLLEGES})
weighted_rules = weights.map(lambda w: ConsensusRules(college_weights=w))
any_rules = weighted_rules | st.just(ConsensusRules(college_weighting=False))

head_counts = st.lists(st.integers(0, 4), min_size=7, max_size=7).map(
    lambda counts: MeritProfile(tuple(Fraction(n) for n in counts))
)
fractional = st.lists(
    st.fractions(min_value=0, max_value=3, max_denominator=6), min_size=7, max_size=7
).map(lambda weights: MeritProfile(tuple(weights)))
profiles = (head_counts | fractional).filter(lambda profile: profile.total > 0)


def balinski_laraki_sequence(grade_list: list[str]) -> list[int]:
    """Their definition: the lower median, removed one vote at a time (indices, 0 best)."""
    remaining = sorted(GRADES.index(grade) for grade in grade_list)
    sequence = []
    while remaining:
        sequence.append(remaining.pop(len(remaining) // 2))
    return sequence


# --------------------------------------------------------------------------- majority grade


@given(profiles)
def test_majority_grade_is_a_grade_present_in_the_profile(profile: MeritProfile) -> None:
    grade = majority_grade(profile)
    assert grade is not None
    assert profile.weight(grade) > 0


@given(profiles)
def test_majority_grade_has_a_strict_majority_at_or_above_and_none_above(
    profile: MeritProfile,
) -> None:
    grade = majority_grade(profile)
    assert grade is not None
    index = GRADES.index(grade)
    at_or_above = sum(profile.weights[: index + 1], Fraction(0))
    strictly_above = sum(profile.weights[:index], Fraction(0))
    assert 2 * at_or_above > profile.total
    assert 2 * strictly_above <= profile.total
    gauge = majority_gauge(profile)
    assert gauge is not None
    assert gauge.share_above + gauge.share_below + profile.shares().weight(grade) == 1


@given(grade_votes_with_strangers, any_rules, st.data())
def test_adding_a_vote_at_or_above_the_majority_grade_never_lowers_it(
    votes: list[GradeVote], rules: ConsensusRules, data: st.DataObject
) -> None:
    before = count_majority_judgment(votes, rules).majority_grade
    assume(before is not None)
    better = data.draw(st.sampled_from(GRADES[: GRADES.index(before) + 1]))
    college = data.draw(st.none() | colleges)
    after = count_majority_judgment([*votes, GradeVote(college, better)], rules).majority_grade
    assert after is not None
    assert GRADES.index(after) <= GRADES.index(before)


@given(grade_votes_with_strangers, any_rules, st.data())
def test_adding_a_vote_at_or_below_the_majority_grade_never_raises_it(
    votes: list[GradeVote], rules: ConsensusRules, data: st.DataObject
) -> None:
    before = count_majority_judgment(votes, rules).majority_grade
    assume(before is not None)
    worse = data.draw(st.sampled_from(GRADES[GRADES.index(before) :]))
    college = data.draw(st.none() | colleges)
    after = count_majority_judgment([*votes, GradeVote(college, worse)], rules).majority_grade
    assert after is not None
    assert GRADES.index(after) >= GRADES.index(before)


@given(grade_votes_with_strangers, any_rules, st.data())
def test_permuting_voters_changes_nothing(
    votes: list[GradeVote], rules: ConsensusRules, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(votes))
    assert count_majority_judgment(shuffled, rules) == count_majority_judgment(votes, rules)


@given(
    st.integers(1, 4),
    st.integers(1, 6),
    st.data(),
    st.integers(1, 100),
)
def test_equal_weights_and_equal_colleges_give_one_person_one_vote(
    college_count: int, per_college: int, data: st.DataObject, weight: int
) -> None:
    votes = [
        GradeVote(college, data.draw(grades))
        for college in COLLEGES[:college_count]
        for _ in range(per_college)
    ]
    weighted = count_majority_judgment(
        votes, ConsensusRules(college_weights=dict.fromkeys(COLLEGES, weight))
    )
    unweighted = count_majority_judgment(votes, ConsensusRules(college_weighting=False))
    assert weighted.profile == unweighted.profile
    assert weighted.majority_grade == unweighted.majority_grade
    assert weighted.gauge == unweighted.gauge
    assert weighted.outcome == unweighted.outcome
    assert weighted.explanation.reasons == unweighted.explanation.reasons


@given(grade_votes_with_strangers, any_rules)
def test_duplicating_every_vote_changes_no_majority_grade_nor_share(
    votes: list[GradeVote], rules: ConsensusRules
) -> None:
    once = count_majority_judgment(votes, rules)
    twice = count_majority_judgment(votes * 2, rules)
    assert twice.majority_grade == once.majority_grade
    assert twice.gauge == once.gauge
    assert twice.profile == once.profile
    assert [row.majority_grade for row in twice.colleges] == [
        row.majority_grade for row in once.colleges
    ]
    # Only the head counts can change an outcome: the quorum, and a one-voter college that
    # reaches veto_min_voters. Where neither is in play, duplicating changes no outcome.
    if once.participation.quorum_met and all(
        row.voters >= rules.veto_min_voters for row in once.colleges
    ):
        assert twice.outcome == once.outcome
        assert twice.blocking_colleges == once.blocking_colleges


def test_duplicating_can_meet_the_quorum_or_arm_a_college_veto() -> None:
    few = [GradeVote("A", "bien"), GradeVote("B", "bien"), GradeVote("C", "bien")]
    assert count_majority_judgment(few, ConsensusRules()).outcome == "insufficient_participation"
    assert count_majority_judgment(few * 2, ConsensusRules()).outcome == "adopted"
    lone = [*[GradeVote("A", "bien")] * 5, GradeVote("B", "insuffisant")]
    rules = ConsensusRules(college_weights={"A": 9, "B": 1})
    assert count_majority_judgment(lone, rules).outcome == "adopted"
    assert count_majority_judgment(lone * 2, rules).outcome == "to_rework"


@given(grade_votes_with_strangers, any_rules)
def test_a_majority_judgment_result_is_always_json_serialisable(
    votes: list[GradeVote], rules: ConsensusRules
) -> None:
    result = count_majority_judgment(votes, rules, item=1)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["outcome"] == result.outcome
    assert sum(Fraction(share) for share in data["profile"].values()) in {0, 1}


@given(grade_votes, any_rules)
def test_outcome_follows_the_rules(votes: list[GradeVote], rules: ConsensusRules) -> None:
    result = count_majority_judgment(votes, rules)
    if not result.participation.quorum_met or result.majority_grade is None:
        assert result.outcome == "insufficient_participation"
        return
    index = GRADES.index(result.majority_grade)
    if index > GRADES.index(rules.veto_threshold):
        assert result.outcome == "rejected"
    elif index > GRADES.index(rules.adoption_threshold) or result.blocking_colleges:
        assert result.outcome == "to_rework"
    else:
        assert result.outcome == "adopted"
    for row in result.colleges:
        below = GRADES.index(row.majority_grade) > GRADES.index(rules.veto_threshold)
        assert row.blocks == (below and row.voters >= rules.veto_min_voters)


# --------------------------------------------------------------------------- ranking


@given(profiles, profiles)
def test_comparison_is_antisymmetric_and_reflexive(a: MeritProfile, b: MeritProfile) -> None:
    assert compare_profiles(a, b).order == -compare_profiles(b, a).order
    assert compare_profiles(a, b).reason == compare_profiles(b, a).reason
    assert compare_profiles(a, a).order == 0


@given(profiles, profiles, profiles)
def test_comparison_is_transitive(a: MeritProfile, b: MeritProfile, c: MeritProfile) -> None:
    ab = compare_profiles(a, b).order
    bc = compare_profiles(b, c).order
    ac = compare_profiles(a, c).order
    if ab >= 0 and bc >= 0:
        assert ac >= 0
    if ab == 0 and bc == 0:
        assert ac == 0
    if (ab > 0 and bc >= 0) or (ab >= 0 and bc > 0):
        assert ac > 0


@given(profiles, profiles)
def test_only_identical_shares_tie(a: MeritProfile, b: MeritProfile) -> None:
    assert (compare_profiles(a, b).order == 0) == (a.shares() == b.shares())


@given(profiles, profiles, st.integers(1, 5))
def test_comparison_depends_on_shares_only(a: MeritProfile, b: MeritProfile, factor: int) -> None:
    scaled = MeritProfile(tuple(weight * factor for weight in a.weights))
    assert compare_profiles(scaled, b) == compare_profiles(a, b)


@settings(max_examples=300)
@given(st.integers(1, 12), st.data())
def test_same_number_of_voters_matches_balinski_laraki_remove_the_median(
    voters: int, data: st.DataObject
) -> None:
    first = data.draw(st.lists(grades, min_size=voters, max_size=voters))
    second = data.draw(st.lists(grades, min_size=voters, max_size=voters))
    first_sequence = balinski_laraki_sequence(first)
    second_sequence = balinski_laraki_sequence(second)
    # Lexicographic on grade indices: a smaller index is a better grade.
    expected_order = (first_sequence < second_sequence) - (first_sequence > second_sequence)
    comparison = compare_profiles(MeritProfile.from_grades(first), MeritProfile.from_grades(second))
    assert comparison.order == expected_order


@given(st.lists(profiles, min_size=1, max_size=6))
def test_a_ranking_is_sorted_and_ranks_ties_together(profile_list: list[MeritProfile]) -> None:
    ranking = rank_profiles(dict(enumerate(profile_list)))
    assert sorted(entry.item for entry in ranking.items) == list(range(len(profile_list)))
    assert ranking.items[0].rank == 1
    for position, (upper, lower) in enumerate(itertools.pairwise(ranking.items)):
        step = ranking.steps[position]
        assert (step.upper, step.lower) == (upper.item, lower.item)
        order = compare_profiles(profile_list[upper.item], profile_list[lower.item]).order
        assert order >= 0
        if order == 0:
            assert step.reason == "tied"
            assert lower.rank == upper.rank
        else:
            assert step.reason != "tied"
            assert lower.rank == position + 2


# --------------------------------------------------------------------------- approval

approval_votes = st.lists(
    st.builds(ApprovalVote, st.none() | colleges, st.sampled_from(("for", "against", "abstain"))),
    max_size=25,
)


@given(approval_votes, any_rules, st.data())
def test_approval_ignores_the_order_of_voters(
    votes: list[ApprovalVote], rules: ConsensusRules, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(votes))
    assert count_approval(shuffled, rules) == count_approval(votes, rules)


@given(approval_votes, any_rules)
def test_approval_share_and_outcome_follow_the_rules(
    votes: list[ApprovalVote], rules: ConsensusRules
) -> None:
    result = count_approval(votes, rules)
    json.dumps(result.to_dict())
    if result.share_for is None or not result.participation.quorum_met:
        assert result.outcome == "insufficient_participation"
        return
    assert 0 <= result.share_for <= 1
    if result.share_for < rules.approval_rejection:
        assert result.outcome == "rejected"
    elif result.share_for >= rules.approval_adoption and not result.blocking_colleges:
        assert result.outcome == "adopted"
    else:
        assert result.outcome == "to_rework"


@given(st.integers(1, 4), st.integers(1, 6), st.data())
def test_approval_with_equal_colleges_of_equal_expressed_size_is_one_person_one_vote(
    college_count: int, per_college: int, data: st.DataObject
) -> None:
    votes = [
        ApprovalVote(college, data.draw(st.sampled_from(("for", "against"))))
        for college in COLLEGES[:college_count]
        for _ in range(per_college)
    ]
    weighted = count_approval(votes, ConsensusRules())
    unweighted = count_approval(votes, ConsensusRules(college_weighting=False))
    assert weighted.share_for == unweighted.share_for
    assert weighted.outcome == unweighted.outcome


# --------------------------------------------------------------------------- dot voting

DOT_ITEMS = ("1.1", "1.2", "2.1", "3.4")


@st.composite
def valid_allocations(draw: st.DrawFn) -> dict[str, int]:
    allocation: dict[str, int] = {}
    left = 5
    for item in draw(st.permutations(DOT_ITEMS)):
        dots = draw(st.integers(0, min(3, left)))
        allocation[item] = dots
        left -= dots
    return allocation


dot_votes = st.lists(st.builds(DotVote, st.none() | colleges, valid_allocations()), max_size=12)


@given(valid_allocations())
def test_allocations_within_the_limits_are_valid(allocation: dict[str, int]) -> None:
    assert validate_dot_allocation(allocation, DOT_ITEMS, ConsensusRules()) == ()


@given(valid_allocations(), st.sampled_from(DOT_ITEMS))
def test_one_dot_too_many_on_an_item_is_caught(allocation: dict[str, int], item: str) -> None:
    allocation = {**allocation, item: 4}
    codes = [p.code for p in validate_dot_allocation(allocation, DOT_ITEMS, ConsensusRules())]
    assert "too_many_on_item" in codes


@given(dot_votes, any_rules, st.data())
def test_dot_voting_counts_every_dot_and_ranks_by_score(
    votes: list[DotVote], rules: ConsensusRules, data: st.DataObject
) -> None:
    result = count_dot_voting(DOT_ITEMS, votes, rules)
    assert sum(item.dots for item in result.items) == sum(sum(v.dots.values()) for v in votes)
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
    shuffled = data.draw(st.permutations(votes))
    assert count_dot_voting(DOT_ITEMS, shuffled, rules) == result
    json.dumps(result.to_dict())
