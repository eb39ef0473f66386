"""The counting module: worked examples and hand-computed boundaries, one rule at a time.

Property-based tests live in test_counting_properties.py.
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from decimal import Decimal
from fractions import Fraction

import pytest

from plan.voting.counting import (
    GRADES,
    ApprovalVote,
    Comparison,
    ConsensusRules,
    ConsentVote,
    DotProblem,
    DotVote,
    GradeVote,
    MeritProfile,
    PaperTally,
    RankingStep,
    compare_profiles,
    count_approval,
    count_consent,
    count_dot_voting,
    count_majority_judgment,
    majority_gauge,
    majority_grade,
    rank_majority_judgment,
    rank_profiles,
    validate_dot_allocation,
)

# Default rules with the quorum switched off, to look at one rule at a time.
NO_QUORUM = ConsensusRules(quorum_voters=0, quorum_colleges=0)
ONE_PERSON_ONE_VOTE = ConsensusRules(college_weighting=False)


def grades_of(college: str | None, *grades: str) -> list[GradeVote]:
    return [GradeVote(college, grade) for grade in grades]


def choices_of(college: str | None, *choices: str) -> list[ApprovalVote]:
    return [ApprovalVote(college, choice) for choice in choices]


def profile(*grades: str) -> MeritProfile:
    return MeritProfile.from_grades(grades)


def shares(**weights: Fraction | int) -> MeritProfile:
    return MeritProfile.from_mapping(weights)


# --------------------------------------------------------------------------- grades and profiles


def test_grades_are_the_seven_french_mentions_best_first() -> None:
    assert GRADES == (
        "excellent",
        "tres_bien",
        "bien",
        "assez_bien",
        "passable",
        "insuffisant",
        "a_rejeter",
    )


def test_an_unknown_grade_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown grade"):
        GradeVote("A", "tres_tres_bien")
    with pytest.raises(ValueError, match="unknown grade"):
        MeritProfile.from_mapping({"good": 1})


def test_a_profile_has_seven_non_negative_exact_weights() -> None:
    with pytest.raises(ValueError, match="7 weights"):
        MeritProfile((Fraction(1),) * 6)
    with pytest.raises(ValueError, match="negative"):
        MeritProfile.from_mapping({"bien": -1})
    with pytest.raises(TypeError, match="Fraction"):
        MeritProfile.from_mapping({"bien": 0.5})  # type: ignore[dict-item]


def test_profile_from_grades_counts_heads_and_shares_add_up_to_one() -> None:
    counted = profile("bien", "bien", "passable")
    assert counted.weight("bien") == 2
    assert counted.weight("passable") == 1
    assert counted.total == 3
    assert counted.shares().weight("bien") == Fraction(2, 3)
    assert counted.shares().total == 1
    assert MeritProfile.empty().shares() == MeritProfile.empty()


def test_profile_from_mapping_accepts_decimals_exactly() -> None:
    weighted = MeritProfile.from_mapping({"bien": Decimal("0.1"), "passable": Fraction(9, 10)})
    assert weighted.weight("bien") == Fraction(1, 10)
    assert weighted.total == 1


# --------------------------------------------------------------------------- majority grade


def test_majority_grade_of_an_odd_number_of_votes_is_the_median() -> None:
    assert majority_grade(profile("excellent", "bien", "a_rejeter")) == "bien"
    assert majority_grade(profile("passable")) == "passable"


def test_majority_grade_of_an_even_number_of_votes_is_the_lower_median() -> None:
    # Bien, Bien, Assez bien, Passable: 2 of 4 say "Bien or better" (exactly half, not a
    # majority); 3 of 4 say "Assez bien or better".
    assert majority_grade(profile("bien", "bien", "assez_bien", "passable")) == "assez_bien"
    assert majority_grade(profile("bien", "passable")) == "passable"


def test_exactly_half_is_not_a_majority_with_fractional_weights() -> None:
    assert majority_grade(shares(bien=Fraction(1, 2), passable=Fraction(1, 2))) == "passable"
    just_more = Fraction(1, 2) + Fraction(1, 10**9)
    assert majority_grade(shares(bien=just_more, passable=1 - just_more)) == "bien"


def test_majority_grade_of_an_empty_profile_is_none() -> None:
    assert majority_grade(MeritProfile.empty()) is None
    assert majority_gauge(MeritProfile.empty()) is None


# --------------------------------------------------------------------------- majority gauge


def test_gauges_of_x_and_y_share_assez_bien_and_x_ranks_above_y() -> None:
    x = profile("bien", "bien", "assez_bien", "passable")
    y = profile("tres_bien", "assez_bien", "assez_bien", "assez_bien")

    x_gauge = majority_gauge(x)
    assert x_gauge is not None
    assert (x_gauge.grade, x_gauge.sign) == ("assez_bien", "+")
    assert x_gauge.share_above == Fraction(1, 2)  # p: Bien, Bien
    assert x_gauge.share_below == Fraction(1, 4)  # q: Passable
    assert x_gauge.value == Fraction(1, 2)

    y_gauge = majority_gauge(y)
    assert y_gauge is not None
    assert (y_gauge.grade, y_gauge.sign) == ("assez_bien", "+")
    assert y_gauge.share_above == Fraction(1, 4)  # p: Très bien
    assert y_gauge.share_below == 0  # q: nobody below
    assert y_gauge.value == Fraction(1, 4)

    assert compare_profiles(x, y) == Comparison(1, "gauge")
    assert compare_profiles(y, x) == Comparison(-1, "gauge")


def test_gauge_is_minus_when_p_equals_q() -> None:
    gauge = majority_gauge(profile("bien", "assez_bien", "passable"))
    assert gauge is not None
    assert (gauge.grade, gauge.sign, gauge.value) == ("assez_bien", "-", Fraction(1, 3))
    unanimous = majority_gauge(profile("bien", "bien"))
    assert unanimous is not None
    assert (unanimous.sign, unanimous.share_above, unanimous.share_below) == ("-", 0, 0)


def test_a_higher_majority_grade_beats_any_gauge() -> None:
    bien_minus = profile("bien", "bien", "bien", "a_rejeter", "a_rejeter")  # q = 2/5
    assez_bien_plus = profile("excellent", "excellent", "assez_bien", "assez_bien", "passable")
    assert compare_profiles(bien_minus, assez_bien_plus) == Comparison(1, "grade")


def test_at_the_same_grade_plus_beats_minus() -> None:
    plus = profile("bien", "assez_bien", "insuffisant", "excellent", "assez_bien")  # p 2/5 q 1/5
    minus = profile("assez_bien", "assez_bien", "assez_bien")  # p = q = 0
    assert majority_gauge(plus).sign == "+"  # type: ignore[union-attr]
    assert majority_gauge(minus).sign == "-"  # type: ignore[union-attr]
    assert compare_profiles(plus, minus) == Comparison(1, "gauge")


def test_among_pluses_larger_p_wins_and_among_minuses_smaller_q_wins() -> None:
    p_two_fifths = profile("bien", "bien", "assez_bien", "assez_bien", "passable")
    p_one_fifth = profile("bien", "assez_bien", "assez_bien", "assez_bien", "assez_bien")
    assert compare_profiles(p_two_fifths, p_one_fifth) == Comparison(1, "gauge")

    q_one_fifth = profile("assez_bien", "assez_bien", "assez_bien", "assez_bien", "passable")
    q_two_fifths = profile("bien", "assez_bien", "assez_bien", "passable", "passable")
    assert majority_gauge(q_two_fifths).sign == "-"  # type: ignore[union-attr]
    assert compare_profiles(q_one_fifth, q_two_fifths) == Comparison(1, "gauge")


# --------------------------------------------------------------------------- majority value


def balinski_laraki_sequence(grades: list[str]) -> list[int]:
    """Their definition: the lower median, removed one vote at a time (indices, 0 best)."""
    remaining = sorted(GRADES.index(grade) for grade in grades)
    sequence = []
    while remaining:
        sequence.append(remaining.pop(len(remaining) // 2))  # sorted best first: lower median
    return sequence


def test_the_reference_sequence_is_the_lower_median_removed_one_at_a_time() -> None:
    # Sorted best first, 4 votes g1 g2 g3 g4: g3 (lower median), then g2, then g4, then g1.
    assert balinski_laraki_sequence(["excellent", "bien", "passable", "a_rejeter"]) == [4, 2, 6, 0]


def test_gauge_tie_decided_below_the_median_by_the_majority_value() -> None:
    # Both "Bien-" with q = 2/5. Removing one median "Bien" from each leaves Très bien, Bien,
    # Passable, Passable (lower median Passable) against Excellent, Bien, Assez bien,
    # Insuffisant (lower median Assez bien): the second item wins.
    first = profile("tres_bien", "bien", "bien", "passable", "passable")
    second = profile("excellent", "bien", "bien", "assez_bien", "insuffisant")
    assert majority_gauge(first) == majority_gauge(second)
    assert compare_profiles(first, second) == Comparison(
        -1, "majority_value", Fraction(1, 10), "below", "passable", "assez_bien"
    )
    seq_first = balinski_laraki_sequence(["tres_bien", "bien", "bien", "passable", "passable"])
    seq_second = balinski_laraki_sequence(
        ["excellent", "bien", "bien", "assez_bien", "insuffisant"]
    )
    assert seq_first[:2] == [GRADES.index("bien"), GRADES.index("passable")]
    assert seq_second[:2] == [GRADES.index("bien"), GRADES.index("assez_bien")]


def test_gauge_tie_decided_by_the_extreme_votes_at_last() -> None:
    # Same profile but for the best vote: Excellent against Très bien. The majority value
    # reads outwards from the median and meets that difference only at distance 3/10.
    first = profile("excellent", "bien", "bien", "assez_bien", "assez_bien")
    second = profile("tres_bien", "bien", "bien", "assez_bien", "assez_bien")
    assert majority_gauge(first) == majority_gauge(second)
    assert compare_profiles(first, second) == Comparison(
        1, "majority_value", Fraction(3, 10), "above", "excellent", "tres_bien"
    )


def test_gauge_tie_decided_just_above_the_median() -> None:
    # Both "Assez bien+" with p = 1/2: once the median Assez bien is removed, Bien against
    # Très bien remain.
    first = profile("bien", "assez_bien")
    second = profile("tres_bien", "assez_bien")
    assert compare_profiles(first, second) == Comparison(
        -1, "majority_value", Fraction(0), "above", "bien", "tres_bien"
    )


def test_majority_value_with_different_numbers_of_voters() -> None:
    # 3 voters (Bien, Bien, Passable) against 6 (Très bien, Bien x3, Passable, Insuffisant):
    # both "Bien-" with q = 1/3. Doubling the first profile gives 6 voters; Balinski and
    # Laraki's procedure then reads B B P B P B against B B P B I TB: the fifth step decides.
    first = profile("bien", "bien", "passable")
    second = profile("tres_bien", "bien", "bien", "bien", "passable", "insuffisant")
    first_gauge, second_gauge = majority_gauge(first), majority_gauge(second)
    assert first_gauge is not None
    assert second_gauge is not None
    assert first_gauge.sort_key() == second_gauge.sort_key()  # p differs, but both are "-"
    assert compare_profiles(first, second) == Comparison(
        1, "majority_value", Fraction(1, 3), "below", "passable", "insuffisant"
    )
    doubled = balinski_laraki_sequence(["bien", "bien", "passable"] * 2)
    other = balinski_laraki_sequence(
        ["tres_bien", "bien", "bien", "bien", "passable", "insuffisant"]
    )
    assert doubled[:4] == other[:4]
    assert doubled[4] == GRADES.index("passable")
    assert other[4] == GRADES.index("insuffisant")


def test_identical_and_proportional_profiles_tie() -> None:
    x = profile("bien", "bien", "assez_bien", "passable")
    assert compare_profiles(x, x) == Comparison(0, "tied")
    twice = profile(*["bien", "bien", "assez_bien", "passable"] * 2)
    assert compare_profiles(x, twice) == Comparison(0, "tied")
    assert compare_profiles(x.shares(), twice) == Comparison(0, "tied")


def test_an_item_without_votes_comes_after_any_item_with_votes() -> None:
    rejected = profile("a_rejeter")
    assert compare_profiles(rejected, MeritProfile.empty()) == Comparison(1, "no_votes")
    assert compare_profiles(MeritProfile.empty(), rejected) == Comparison(-1, "no_votes")
    assert compare_profiles(MeritProfile.empty(), MeritProfile.empty()) == Comparison(0, "tied")


# --------------------------------------------------------------------------- ranking


def test_ranking_with_ties_gaps_and_reasons() -> None:
    x = profile("bien", "bien", "assez_bien", "passable")
    ranking = rank_profiles(
        {
            "none": MeritProfile.empty(),
            "low": profile("insuffisant"),
            "y": profile("tres_bien", "assez_bien", "assez_bien", "assez_bien"),
            "x": x,
            "x2": profile(*["bien", "bien", "assez_bien", "passable"] * 2),
        }
    )
    assert [(entry.item, entry.rank) for entry in ranking.items] == [
        ("x", 1),
        ("x2", 1),
        ("y", 3),
        ("low", 4),
        ("none", 5),
    ]
    assert ranking.steps == (
        RankingStep("x", "x2", "tied"),
        RankingStep("x2", "y", "gauge"),
        RankingStep("y", "low", "grade"),
        RankingStep("low", "none", "no_votes"),
    )
    assert ranking.rank_of("y") == 3


def test_ranking_step_carries_the_majority_value_figures() -> None:
    ranking = rank_profiles(
        {
            "first": profile("tres_bien", "bien", "bien", "passable", "passable"),
            "second": profile("excellent", "bien", "bien", "assez_bien", "insuffisant"),
        }
    )
    assert ranking.steps == (
        RankingStep(
            "second", "first", "majority_value", Fraction(1, 10), "below", "assez_bien", "passable"
        ),
    )
    assert ranking.to_dict()["steps"][0]["depth"] == "1/10"


def test_rank_majority_judgment_ranks_counted_items_by_weighted_profile() -> None:
    votes_one = grades_of("A", "bien", "bien") + grades_of("B", "passable")
    votes_two = grades_of("A", "passable", "passable") + grades_of("B", "bien")
    results = [
        count_majority_judgment(votes_one, NO_QUORUM, item=1),
        count_majority_judgment(votes_two, NO_QUORUM, item=2),
    ]
    # Weighted, A and B weigh the same: exactly half "Bien" in each item, so both are at
    # "Passable", and the same shares: a tie. One person, one vote would put item 1 first.
    ranking = rank_majority_judgment(results)
    assert [(entry.item, entry.rank) for entry in ranking.items] == [(1, 1), (2, 1)]
    unweighted = ConsensusRules(quorum_voters=0, quorum_colleges=0, college_weighting=False)
    ranking = rank_majority_judgment(
        [
            count_majority_judgment(votes_one, unweighted, item=1),
            count_majority_judgment(votes_two, unweighted, item=2),
        ]
    )
    assert [(entry.item, entry.rank) for entry in ranking.items] == [(1, 1), (2, 2)]
    assert ranking.steps[0].reason == "grade"


def test_rank_majority_judgment_needs_distinct_item_ids() -> None:
    result = count_majority_judgment(grades_of("A", "bien"), NO_QUORUM)
    with pytest.raises(ValueError, match="item id"):
        rank_majority_judgment([result])
    named = count_majority_judgment(grades_of("A", "bien"), NO_QUORUM, item="2.3")
    with pytest.raises(ValueError, match="item id"):
        rank_majority_judgment([named, named])


# --------------------------------------------------------------------------- rules


def test_default_rules_are_those_of_the_design() -> None:
    rules = ConsensusRules()
    assert (rules.quorum_voters, rules.quorum_colleges) == (5, 2)
    assert rules.college_weighting is True
    assert (rules.adoption_threshold, rules.veto_threshold, rules.veto_min_voters) == (
        "assez_bien",
        "passable",
        2,
    )
    assert rules.approval_adoption == Fraction(2, 3)
    assert rules.approval_college_min == Fraction(1, 2)
    assert rules.approval_rejection == Fraction(1, 2)
    assert (rules.dots_per_voter, rules.dots_per_item) == (5, 3)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"adoption_threshold": "passable", "veto_threshold": "bien"}, ValueError),
        ({"adoption_threshold": "super"}, ValueError),
        ({"quorum_voters": -1}, ValueError),
        ({"dots_per_item": True}, ValueError),
        ({"approval_adoption": Fraction(3, 2)}, ValueError),
        ({"approval_adoption": 0.66}, TypeError),
        ({"approval_rejection": Fraction(3, 4)}, ValueError),
        ({"college_weights": {"A": -1}}, ValueError),
        ({"college_weights": {"A": 33.3}}, TypeError),
        ({"college_weighting": 1}, TypeError),
    ],
)
def test_rules_refuse_inconsistent_settings(changes: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        ConsensusRules(**changes)


def test_rules_are_frozen_and_keep_weights_exact() -> None:
    rules = ConsensusRules(college_weights={"A": Decimal("33.33"), "B": 1})
    assert rules.college_weights["A"] == Fraction(3333, 100)
    with pytest.raises(FrozenInstanceError):
        rules.quorum_voters = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        rules.college_weights["A"] = Fraction(1)  # type: ignore[index]
    assert json.loads(json.dumps(rules.to_dict()))["college_weights"] == {
        "A": "3333/100",
        "B": "1",
    }


# --------------------------------------------------------------------------- MJ outcomes

THREE_COLLEGES_ADOPTED = (
    grades_of("Associations", "bien", "bien")
    + grades_of("Collectivités", "tres_bien", "assez_bien")
    + grades_of("Entreprises", "bien", "passable")
)


def test_adopted_with_a_college_exactly_at_the_veto_line() -> None:
    result = count_majority_judgment(THREE_COLLEGES_ADOPTED, ConsensusRules(), item="1.2")
    # Each college weighs 1/3, each voter 1/6: Très bien 1/6, Bien 1/2, Assez bien 1/6,
    # Passable 1/6; "Bien or better" is 2/3.
    assert result.profile == shares(
        tres_bien=Fraction(1, 6),
        bien=Fraction(1, 2),
        assez_bien=Fraction(1, 6),
        passable=Fraction(1, 6),
    )
    assert result.majority_grade == "bien"
    assert result.gauge is not None
    assert (result.gauge.sign, result.gauge.share_above, result.gauge.share_below) == (
        "-",
        Fraction(1, 6),
        Fraction(1, 3),
    )
    assert [(row.college, row.majority_grade, row.blocks) for row in result.colleges] == [
        ("Associations", "bien", False),
        ("Collectivités", "assez_bien", False),
        ("Entreprises", "passable", False),  # at the veto line: it passes
    ]
    assert all(row.weight == Fraction(1, 3) for row in result.colleges)
    assert result.outcome == "adopted"
    explanation = result.explanation
    assert explanation.outcome == "adopted"
    assert explanation.reasons == ()
    assert explanation.majority_grade == "bien"
    assert explanation.adoption_threshold == "assez_bien"
    assert explanation.veto_threshold == "passable"
    assert explanation.blocking_colleges == ()
    assert explanation.participation.voters == 6
    assert explanation.participation.colleges == 3
    assert explanation.participation.paper_votes == 0


def test_a_college_just_below_the_veto_line_sends_the_item_back_to_rework() -> None:
    votes = THREE_COLLEGES_ADOPTED[:-1] + grades_of("Entreprises", "insuffisant")
    result = count_majority_judgment(votes, ConsensusRules())
    assert result.majority_grade == "bien"  # the weighted grade would adopt it...
    assert result.blocking_colleges == ("Entreprises",)  # ...but Bien, Insuffisant -> Insuffisant
    assert result.outcome == "to_rework"
    assert result.explanation.reasons == ("college_veto",)
    assert result.explanation.blocking_colleges == ("Entreprises",)


def test_a_college_split_half_at_the_line_and_half_below_blocks() -> None:
    # Exactly half "Passable or better" is not a majority inside the college either.
    votes = grades_of("A", "bien", "bien", "bien") + grades_of("B", "passable", "insuffisant")
    result = count_majority_judgment(votes, ConsensusRules(college_weights={"A": 9, "B": 1}))
    assert result.colleges[1].majority_grade == "insuffisant"
    assert result.outcome == "to_rework"


def test_a_college_with_one_voter_below_the_veto_line_does_not_block() -> None:
    votes = grades_of("A", "bien", "bien", "bien", "bien") + grades_of("B", "a_rejeter")
    rules = ConsensusRules(college_weights={"A": 80, "B": 20})
    result = count_majority_judgment(votes, rules)
    assert result.colleges[1].majority_grade == "a_rejeter"
    assert result.colleges[1].blocks is False
    assert result.outcome == "adopted"
    strict = ConsensusRules(college_weights={"A": 80, "B": 20}, veto_min_voters=1)
    assert count_majority_judgment(votes, strict).outcome == "to_rework"


def test_adopted_exactly_at_the_adoption_threshold() -> None:
    votes = grades_of("A", "bien", "bien", "assez_bien", "passable") + grades_of(
        "B", "assez_bien", "assez_bien"
    )
    result = count_majority_judgment(votes, ONE_PERSON_ONE_VOTE)
    assert result.majority_grade == "assez_bien"
    assert result.outcome == "adopted"


def test_to_rework_when_the_grade_lies_between_the_veto_and_adoption_thresholds() -> None:
    votes = grades_of("A", "passable", "passable", "bien") + grades_of(
        "B", "passable", "assez_bien", "insuffisant"
    )
    result = count_majority_judgment(votes, ConsensusRules())
    # Each voter weighs 1/6: Bien 1/6, Assez bien 1/6, Passable 1/2 ("Passable or better" 5/6).
    assert result.majority_grade == "passable"
    assert result.blocking_colleges == ()
    assert result.outcome == "to_rework"
    assert result.explanation.reasons == ("below_adoption_threshold",)


def test_rejected_below_the_veto_threshold() -> None:
    votes = grades_of("A", "insuffisant", "insuffisant", "a_rejeter") + grades_of(
        "B", "insuffisant", "passable", "bien"
    )
    result = count_majority_judgment(votes, ConsensusRules())
    assert result.majority_grade == "insuffisant"
    assert result.outcome == "rejected"
    assert result.explanation.reasons == ("below_veto_threshold", "college_veto")
    assert result.blocking_colleges == ("A",)


def test_quorum_of_voters_minus_one() -> None:
    four = grades_of("A", "bien", "bien") + grades_of("B", "bien", "bien")
    result = count_majority_judgment(four, ConsensusRules())
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("quorum_voters",)
    assert result.participation.quorum_met is False
    assert result.majority_grade == "bien"  # still computed, for display
    five = [*four, GradeVote("B", "bien")]
    assert count_majority_judgment(five, ConsensusRules()).outcome == "adopted"


def test_quorum_of_colleges_minus_one() -> None:
    result = count_majority_judgment(grades_of("A", *["bien"] * 5), ConsensusRules())
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("quorum_colleges",)
    assert result.participation.colleges == 1
    both = count_majority_judgment(grades_of("A", *["bien"] * 5), ConsensusRules(quorum_voters=9))
    assert both.explanation.reasons == ("quorum_voters", "quorum_colleges")


def test_no_votes_at_all() -> None:
    result = count_majority_judgment([], NO_QUORUM)
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("no_votes",)
    assert result.majority_grade is None
    assert result.gauge is None
    assert result.profile == MeritProfile.empty()


def test_weighting_outvotes_a_big_college() -> None:
    votes = (
        grades_of("Entreprises", *["bien"] * 6)
        + grades_of("Associations", "insuffisant")
        + grades_of("Habitant·es", "insuffisant")
    )
    one_person_one_vote = count_majority_judgment(votes, ONE_PERSON_ONE_VOTE)
    assert one_person_one_vote.majority_grade == "bien"  # 6 of 8
    assert one_person_one_vote.outcome == "adopted"
    assert one_person_one_vote.colleges[0].weight is None

    weighted = count_majority_judgment(votes, ConsensusRules())
    # Three colleges of 1/3 each: "Bien" is only 1/3 of the weight.
    assert weighted.profile == shares(bien=Fraction(1, 3), insuffisant=Fraction(2, 3))
    assert weighted.majority_grade == "insuffisant"
    assert weighted.outcome == "rejected"
    assert weighted.counts == profile(*["bien"] * 6, "insuffisant", "insuffisant")


def test_percent_weights_and_an_exact_half_at_the_boundary() -> None:
    votes = (
        grades_of("A", "bien", "bien")
        + grades_of("B", "passable")
        + grades_of("C", "insuffisant", "insuffisant")
    )
    rules = ConsensusRules(
        college_weights={"A": Decimal("50.00"), "B": Decimal("30.00"), "C": Decimal("20.00")}
    )
    result = count_majority_judgment(votes, rules)
    assert result.profile == shares(
        bien=Fraction(1, 2), passable=Fraction(3, 10), insuffisant=Fraction(1, 5)
    )
    assert result.majority_grade == "passable"  # "Bien" has exactly half: not a majority
    tipped = ConsensusRules(
        college_weights={"A": Decimal("50.01"), "B": Decimal("30.00"), "C": Decimal("20.00")}
    )
    assert count_majority_judgment(votes, tipped).majority_grade == "bien"


def test_weights_are_renormalised_over_the_colleges_that_voted() -> None:
    rules = ConsensusRules(college_weights=dict.fromkeys("ABCDE", 20))
    votes = grades_of("B", "bien", "bien", "bien") + grades_of("D", "passable", "passable")
    result = count_majority_judgment(votes, rules)
    assert [(row.college, row.weight) for row in result.colleges] == [
        ("B", Fraction(1, 2)),
        ("D", Fraction(1, 2)),
    ]
    assert result.profile == shares(bien=Fraction(1, 2), passable=Fraction(1, 2))
    assert result.majority_grade == "passable"


def test_colleges_are_listed_in_the_plans_order_then_by_name() -> None:
    rules = ConsensusRules(college_weights={"Z": 1, "A": 1, "M": 1})
    votes = grades_of("M", "bien") + grades_of("A", "bien") + grades_of("Z", "bien")
    result = count_majority_judgment(votes, rules)
    assert [row.college for row in result.colleges] == ["Z", "A", "M"]
    unweighted = count_majority_judgment(
        grades_of("M", "bien") + grades_of("A", "bien"), ONE_PERSON_ONE_VOTE
    )
    assert [row.college for row in unweighted.colleges] == ["A", "M"]


def test_a_college_of_weight_zero_takes_part_and_keeps_its_veto() -> None:
    votes = grades_of("A", "bien", "bien", "bien") + grades_of("B", "a_rejeter", "a_rejeter")
    result = count_majority_judgment(votes, ConsensusRules(college_weights={"A": 100, "B": 0}))
    assert result.profile == shares(bien=1)
    assert result.participation.colleges == 2
    assert result.colleges[1].weight == 0
    assert result.blocking_colleges == ("B",)
    assert result.outcome == "to_rework"


def test_voters_without_a_college_weigh_nothing_under_weighting() -> None:
    votes = (
        grades_of("A", "bien", "bien")
        + grades_of("B", "bien", "bien")
        + grades_of(None, *["a_rejeter"] * 5)
    )
    weighted = count_majority_judgment(votes, ConsensusRules())
    assert weighted.majority_grade == "bien"
    assert weighted.outcome == "adopted"
    assert weighted.participation.voters == 9
    assert weighted.participation.voters_without_college == 5
    assert weighted.participation.colleges == 2
    assert [row.college for row in weighted.colleges] == ["A", "B"]
    assert weighted.counts.weight("a_rejeter") == 5

    unweighted = count_majority_judgment(votes, ONE_PERSON_ONE_VOTE)
    assert unweighted.majority_grade == "a_rejeter"  # 4 "Bien" of 9 is no majority
    assert unweighted.outcome == "rejected"


def test_voters_without_a_college_are_no_college_for_the_quorum() -> None:
    votes = grades_of("A", "bien", "bien", "bien") + grades_of(None, "bien", "bien")
    result = count_majority_judgment(votes, ONE_PERSON_ONE_VOTE)
    assert result.participation.voters == 5
    assert result.participation.colleges == 1
    assert result.explanation.reasons == ("quorum_colleges",)


def test_nothing_to_count_when_no_voter_carries_weight() -> None:
    votes = grades_of("A", "bien", "bien", "bien") + grades_of("B", "bien", "bien")
    rules = ConsensusRules(college_weights={"A": 0, "B": 0, "C": 100})
    result = count_majority_judgment(votes, rules)
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("no_weight",)
    assert result.majority_grade is None


def test_a_college_missing_from_the_weights_is_an_error_only_under_weighting() -> None:
    votes = grades_of("A", "bien") + grades_of("Inconnu", "bien")
    with pytest.raises(ValueError, match="Inconnu"):
        count_majority_judgment(votes, ConsensusRules(college_weights={"A": 100}))
    result = count_majority_judgment(
        votes, ConsensusRules(college_weights={"A": 100}, college_weighting=False)
    )
    assert result.participation.colleges == 2


def test_paper_tallies_count_with_their_college() -> None:
    online = (
        grades_of("A", "bien", "bien")
        + grades_of("B", "bien", "bien")
        + grades_of("Habitant·es", "insuffisant")
    )
    alone = count_majority_judgment(online, ConsensusRules())
    assert alone.outcome == "adopted"  # one voter below the line does not block

    tally = PaperTally("Habitant·es", {"insuffisant": 1, "bien": 0})
    result = count_majority_judgment(online, ConsensusRules(), paper_tallies=[tally])
    row = result.colleges[2]
    assert (row.college, row.voters, row.paper_votes, row.majority_grade) == (
        "Habitant·es",
        2,
        1,
        "insuffisant",
    )
    assert result.participation.voters == 6
    assert result.participation.paper_votes == 1
    assert result.outcome == "to_rework"
    assert result.blocking_colleges == ("Habitant·es",)


def test_paper_votes_share_their_colleges_weight() -> None:
    votes = grades_of("A", "bien") + grades_of("B", "tres_bien")
    tally = PaperTally("A", {"passable": 3})
    result = count_majority_judgment(votes, NO_QUORUM, paper_tallies=[tally])
    # A weighs 1/2, shared by its 4 voters (1 online, 3 on paper); B's single voter 1/2.
    assert result.profile == shares(
        tres_bien=Fraction(1, 2), bien=Fraction(1, 8), passable=Fraction(3, 8)
    )
    assert result.majority_grade == "bien"  # Très bien or Bien: 5/8


def test_paper_tallies_are_checked() -> None:
    with pytest.raises(ValueError, match="whole number"):
        PaperTally("A", {"bien": -1})
    with pytest.raises(ValueError, match="unknown choice"):
        count_majority_judgment([], NO_QUORUM, paper_tallies=[PaperTally("A", {"for": 2})])


def test_majority_judgment_result_is_frozen_and_json_serialisable() -> None:
    tally = PaperTally("Entreprises", {"bien": 2})
    result = count_majority_judgment(
        THREE_COLLEGES_ADOPTED, ConsensusRules(), paper_tallies=[tally], item=7
    )
    with pytest.raises(FrozenInstanceError):
        result.outcome = "rejected"  # type: ignore[misc]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "majority_judgment"
    assert data["item"] == 7
    assert data["outcome"] == "adopted"
    assert data["majority_grade"] == "bien"
    assert list(data["profile"]) == list(GRADES)
    assert sum(Fraction(value) for value in data["profile"].values()) == 1
    assert data["gauge"]["sign"] in {"+", "-"}
    assert Fraction(data["gauge"]["share_below"]) == result.gauge.share_below  # type: ignore[union-attr]
    assert data["colleges"][2]["paper_votes"] == 2
    assert data["colleges"][0]["weight"] == "1/3"
    assert data["explanation"]["participation"]["voters"] == 8
    assert data["explanation"]["reasons"] == []


# --------------------------------------------------------------------------- approval


def test_approval_exactly_two_thirds_is_adopted() -> None:
    votes = choices_of("A", "for", "for", "against") + choices_of("B", "for", "for", "against")
    result = count_approval(votes, ONE_PERSON_ONE_VOTE)
    assert result.share_for == Fraction(2, 3)
    assert result.outcome == "adopted"
    weighted = count_approval(votes, ConsensusRules())
    assert weighted.share_for == Fraction(2, 3)
    assert weighted.outcome == "adopted"
    assert weighted.explanation.reasons == ()


def test_approval_just_below_two_thirds_is_to_rework() -> None:
    votes = (
        choices_of("A", "for", "for", "for", "against")
        + choices_of("B", "for", "for", "against", "against")  # exactly 1/2: passes
        + choices_of("C", "for", "for", "against")
    )
    result = count_approval(votes, ONE_PERSON_ONE_VOTE)
    assert result.share_for == Fraction(7, 11)
    assert result.blocking_colleges == ()
    assert result.outcome == "to_rework"
    assert result.explanation.reasons == ("below_adoption_share",)


def test_approval_college_under_half_sends_back_to_rework() -> None:
    votes = choices_of("A", *["for"] * 5) + choices_of("B", "for", "against", "against")
    result = count_approval(votes, ONE_PERSON_ONE_VOTE)
    assert result.share_for == Fraction(3, 4)
    assert [(row.college, row.share_for, row.blocks) for row in result.colleges] == [
        ("A", 1, False),
        ("B", Fraction(1, 3), True),
    ]
    assert result.outcome == "to_rework"
    assert result.explanation.reasons == ("college_veto",)


def test_approval_college_with_one_expressed_voter_does_not_block() -> None:
    votes = choices_of("A", *["for"] * 5) + choices_of("B", "against", "abstain")
    result = count_approval(votes, ONE_PERSON_ONE_VOTE)
    assert result.colleges[1].voters == 2
    assert result.colleges[1].share_for == 0
    assert result.colleges[1].blocks is False
    assert result.share_for == Fraction(5, 6)
    assert result.outcome == "adopted"


def test_approval_exactly_half_is_not_rejected_just_under_is() -> None:
    half = choices_of("A", "for", "for", "against") + choices_of("B", "for", "against", "against")
    result = count_approval(half, ONE_PERSON_ONE_VOTE)
    assert result.share_for == Fraction(1, 2)
    assert result.outcome == "to_rework"
    assert result.explanation.reasons == ("below_adoption_share", "college_veto")

    under = [*half, ApprovalVote("A", "against")]
    result = count_approval(under, ONE_PERSON_ONE_VOTE)
    assert result.share_for == Fraction(3, 7)
    assert result.outcome == "rejected"
    assert result.explanation.reasons == ("below_rejection_share", "college_veto")


def test_abstainers_count_for_the_quorum_but_are_not_expressed() -> None:
    votes = choices_of("A", "for", "for", "abstain") + choices_of("B", "for", "abstain")
    result = count_approval(votes, ConsensusRules())
    assert result.participation.voters == 5
    assert (result.votes_for, result.votes_against, result.abstentions) == (3, 0, 2)
    assert result.explanation.expressed == 3
    assert result.share_for == 1
    assert result.outcome == "adopted"


def test_approval_with_everybody_abstaining() -> None:
    votes = choices_of("A", "abstain", "abstain", "abstain") + choices_of("B", "abstain", "abstain")
    result = count_approval(votes, ConsensusRules())
    assert result.share_for is None
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("no_expressed_votes",)


def test_approval_quorum() -> None:
    votes = choices_of("A", "for", "for") + choices_of("B", "for", "for")
    result = count_approval(votes, ConsensusRules())
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("quorum_voters",)


def test_approval_weighting_shares_each_college_among_its_expressed_voters() -> None:
    votes = choices_of("A", "for", "abstain", "abstain", "abstain") + choices_of(
        "B", "for", "against", "against"
    )
    weighted = count_approval(votes, ConsensusRules())
    # A speaks for its half through its one expressed voter: 1/2 x 1 + 1/2 x 1/3.
    assert weighted.share_for == Fraction(2, 3)
    assert [row.weight for row in weighted.colleges] == [Fraction(1, 2), Fraction(1, 2)]
    assert weighted.blocking_colleges == ("B",)
    assert weighted.outcome == "to_rework"
    assert count_approval(votes, ONE_PERSON_ONE_VOTE).share_for == Fraction(1, 2)


def test_approval_weighting_outvotes_a_big_college() -> None:
    votes = choices_of("A", *["for"] * 8) + choices_of("B", "against") + choices_of("C", "against")
    assert count_approval(votes, ONE_PERSON_ONE_VOTE).outcome == "adopted"  # 8/10
    weighted = count_approval(votes, ConsensusRules())
    assert weighted.share_for == Fraction(1, 3)
    assert weighted.outcome == "rejected"


def test_approval_weighs_neither_strangers_nor_colleges_of_weight_zero() -> None:
    votes = (
        choices_of("A", "for", "for", "for")
        + choices_of("B", "against", "against")
        + choices_of(None, "against", "against")
    )
    rules = ConsensusRules(college_weights={"A": 1, "B": 0})
    result = count_approval(votes, rules)
    assert result.share_for == 1
    assert result.votes_against == 4
    assert result.participation.voters_without_college == 2
    assert [(row.college, row.weight, row.blocks) for row in result.colleges] == [
        ("A", 1, False),
        ("B", 0, True),  # weight 0, yet it keeps its say as a college
    ]
    assert result.outcome == "to_rework"
    only_b = count_approval(choices_of("B", "for", "for", "for", "for", "for"), rules)
    assert only_b.share_for is None
    assert only_b.explanation.reasons == ("quorum_colleges",)
    no_weight = count_approval(
        choices_of("B", "for", "for", "for") + choices_of(None, "for", "for"),
        ConsensusRules(college_weights={"A": 1, "B": 0}, quorum_colleges=1),
    )
    assert no_weight.outcome == "insufficient_participation"
    assert no_weight.explanation.reasons == ("no_weight",)


def test_approval_paper_tallies_and_serialisation() -> None:
    votes = choices_of("A", "for", "for") + choices_of("B", "against")
    tally = PaperTally("B", {"for": 3, "abstain": 1})
    result = count_approval(votes, ConsensusRules(), paper_tallies=[tally], item="3.1")
    row = result.colleges[1]
    assert (row.voters, row.paper_votes, row.votes_for, row.abstentions) == (5, 4, 3, 1)
    assert row.share_for == Fraction(3, 4)
    assert result.share_for == Fraction(1, 2) * 1 + Fraction(1, 2) * Fraction(3, 4)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "approval"
    assert data["share_for"] == "7/8"
    assert data["explanation"]["approval_adoption"] == "2/3"
    with pytest.raises(ValueError, match="unknown approval choice"):
        ApprovalVote("A", "pour")
    with pytest.raises(ValueError, match="unknown choice"):
        count_approval([], ConsensusRules(), paper_tallies=[PaperTally("A", {"bien": 1})])


# --------------------------------------------------------------------------- consent


def consent_votes(objection: ConsentVote) -> list[ConsentVote]:
    return [
        ConsentVote("A", "consent"),
        ConsentVote("A", "consent"),
        ConsentVote("B", "consent"),
        ConsentVote("B", "stand_aside"),
        objection,
    ]


def test_consent_with_an_unresolved_then_a_resolved_objection() -> None:
    unresolved = ConsentVote("B", "object", reason="Le budget n'est pas financé.")
    result = count_consent(consent_votes(unresolved), ConsensusRules(), item=4)
    assert result.outcome == "to_rework"
    assert (result.objections, result.unresolved_objections) == (1, 1)
    assert result.explanation.reasons == ("unresolved_objections",)
    assert [(row.college, row.unresolved_objections) for row in result.colleges] == [
        ("A", 0),
        ("B", 1),
    ]

    resolved = ConsentVote("B", "object", reason="Le budget n'est pas financé.", resolved=True)
    result = count_consent(consent_votes(resolved), ConsensusRules(), item=4)
    assert result.outcome == "adopted"
    assert (result.objections, result.unresolved_objections) == (1, 0)
    assert (result.consents, result.stand_asides) == (3, 1)
    assert result.explanation.reasons == ()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "consent"
    assert data["colleges"][1]["objections"] == 1


def test_consent_needs_the_quorum_even_without_objection() -> None:
    votes = [ConsentVote("A", "consent")] * 4
    result = count_consent(votes, ConsensusRules())
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("quorum_voters", "quorum_colleges")
    paper = PaperTally("B", {"consent": 1, "stand_aside": 1})
    result = count_consent(votes, ConsensusRules(), paper_tallies=[paper])
    assert result.outcome == "adopted"
    assert result.participation.paper_votes == 2


def test_consent_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="reason"):
        ConsentVote("A", "object")
    with pytest.raises(ValueError, match="reason"):
        ConsentVote("A", "object", reason="   ")
    with pytest.raises(ValueError, match="only an objection"):
        ConsentVote("A", "consent", resolved=True)
    with pytest.raises(ValueError, match="unknown consent choice"):
        ConsentVote("A", "block")
    with pytest.raises(ValueError, match="unknown choice"):
        count_consent([], ConsensusRules(), paper_tallies=[PaperTally("A", {"object": 1})])


# --------------------------------------------------------------------------- dot voting

ITEMS = ("a", "b", "c", "d")


def test_a_valid_allocation_has_no_problem() -> None:
    rules = ConsensusRules()
    assert validate_dot_allocation({"a": 3, "b": 2}, ITEMS, rules) == ()
    assert validate_dot_allocation({"a": 1}, ITEMS, rules) == ()  # fewer dots is fine
    assert validate_dot_allocation({}, ITEMS, rules) == ()


def test_dot_allocation_problems() -> None:
    rules = ConsensusRules()
    assert validate_dot_allocation({"a": 4}, ITEMS, rules) == (
        DotProblem("too_many_on_item", "a", 4, 3),
    )
    assert validate_dot_allocation({"a": 3, "b": 3}, ITEMS, rules) == (
        DotProblem("too_many_dots", None, 6, 5),
    )
    assert validate_dot_allocation({"z": 1}, ITEMS, rules) == (
        DotProblem("unknown_item", "z", 1, None),
    )
    assert validate_dot_allocation({"a": -1}, ITEMS, rules) == (
        DotProblem("negative_dots", "a", -1, 0),
    )
    assert validate_dot_allocation({"a": 1.5, "b": True}, ITEMS, rules) == (
        DotProblem("not_whole_number", "a", 1.5, None),
        DotProblem("not_whole_number", "b", True, None),
    )
    assert [
        problem.code for problem in validate_dot_allocation({"a": 4, "b": 4, "x": 2}, ITEMS, rules)
    ] == ["too_many_on_item", "too_many_on_item", "unknown_item", "too_many_dots"]


def test_dot_voting_ranks_by_dots_without_weighting() -> None:
    votes = [
        DotVote("A", {"a": 3, "b": 2}),
        DotVote("A", {"a": 3, "c": 2}),
        DotVote("B", {"b": 3, "c": 2}),
        DotVote("B", {"b": 1}),
        DotVote("C", {"d": 2, "c": 1}),
    ]
    result = count_dot_voting(ITEMS, votes, ConsensusRules(college_weighting=False))
    assert result.outcome == "ranked"
    assert [(item.item, item.rank, item.dots, item.supporters) for item in result.items] == [
        ("a", 1, 6, 2),
        ("b", 1, 6, 3),
        ("c", 3, 5, 3),
        ("d", 4, 2, 1),
    ]
    assert result.items[0].score == 6
    assert [step.reason for step in result.ranking.steps] == ["tied", "score", "score"]
    assert [(row.college, row.dots) for row in result.items[2].colleges] == [
        ("A", 2),
        ("B", 2),
        ("C", 1),
    ]


def test_dot_voting_weighted_by_college() -> None:
    votes = [
        DotVote("A", {"a": 3}),
        DotVote("A", {"a": 3}),
        DotVote("A", {"a": 3}),
        DotVote("B", {"b": 3, "c": 2}),
    ]
    unweighted = count_dot_voting(ITEMS, votes, ConsensusRules(college_weighting=False))
    assert [item.item for item in unweighted.items] == ["a", "b", "c", "d"]
    assert [item.rank for item in unweighted.items] == [1, 2, 3, 4]

    weighted = count_dot_voting(ITEMS, votes, ConsensusRules(quorum_voters=4))
    # Each college weighs 1/2 times the mean dots of its voters: a 3/2, b 3/2, c 1, d 0.
    assert [(item.item, item.rank, item.score) for item in weighted.items] == [
        ("a", 1, Fraction(3, 2)),
        ("b", 1, Fraction(3, 2)),
        ("c", 3, Fraction(1)),
        ("d", 4, Fraction(0)),
    ]
    assert weighted.items[0].dots == 9


def test_dot_voting_quorum_still_gives_the_ranking() -> None:
    votes = [DotVote("A", {"a": 1}), DotVote("B", {"b": 2})]
    result = count_dot_voting(ITEMS, votes, ConsensusRules())
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("quorum_voters",)
    assert result.items[0].item == "b"
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "dot_voting"
    assert data["items"][0]["score"] == "1"


def test_dot_voting_refuses_an_invalid_allocation_and_duplicate_items() -> None:
    with pytest.raises(ValueError, match="too_many_dots"):
        count_dot_voting(ITEMS, [DotVote("A", {"a": 3, "b": 3})], ConsensusRules())
    with pytest.raises(ValueError, match="distinct"):
        count_dot_voting(["a", "a"], [], ConsensusRules())


def test_dot_voting_without_any_vote() -> None:
    result = count_dot_voting(ITEMS, [], NO_QUORUM)
    assert result.outcome == "insufficient_participation"
    assert result.explanation.reasons == ("no_votes",)
    assert all(item.rank == 1 for item in result.items)
