"""Counting the votes of a ballot: majority judgment, approval, consent and dot voting.

Pure functions over plain data (standard library only: no Flask, no SQLAlchemy). They take
the votes of one item (or of a whole dot-voting ballot) and the plan's `ConsensusRules`, and
return frozen results. A result never holds a sentence: it holds an outcome code, the
conditions that decided it and every figure the web layer needs to write the sentence in
French (or English) itself.

Exact arithmetic everywhere: shares and weights are `fractions.Fraction`, so that "exactly
half" is exactly half. In `to_dict()` a Fraction becomes its `str()`: "p/q", or "p" when it
is a whole number ("1/3", "2/3", "1", "0"); `Fraction(text)` reads it back exactly.

Choices this module makes where the product design is silent (each one is tested):

- Voters are people: an individual vote is one voter, and so is each paper vote of a
  `PaperTally`. The quorum counts every voter, paper votes and abstentions included, and
  the colleges represented are the named colleges with at least one voter (a college of
  weight 0 counts: it took part, and it keeps its veto).
- College weighting on: each college that voted on the item carries its weight from
  `college_weights` renormalised over the colleges that voted, shared equally among its
  voters on the item. An empty `college_weights` means equal weights (a new plan's
  default). A college missing from a non-empty `college_weights` is a caller's error
  (`ValueError`), never a silent zero. Voters without a college (`college=None`) carry no
  weight: they count for the quorum and in the head counts, not in the weighted profile,
  and they are not a college (no quorum of colleges, no veto). When no voter carries any
  weight, there is nothing to count: "insufficient_participation" with reason "no_weight".
- College weighting off: one person, one vote; voters without a college count like
  everybody else.
- Majority-value tie-break on weighted (fractional) profiles: see `compare_profiles`.
- Veto and college conditions use `veto_min_voters` for both majority judgment (voters)
  and approval (expressed voters).
- Approval: abstainers are voters (quorum) but not expressed. With weighting on, the
  overall share of "for" gives each college with at least one expressed vote its
  renormalised weight, shared among its expressed voters. With no expressed vote at all,
  the outcome is "insufficient_participation" (reason "no_expressed_votes").
- Consent: an objection needs a reason; paper tallies may only count consents and
  stand-asides. Quorum first, then objections; consent never rejects.
- Dot voting: quorum applies to the whole ballot ("ranked", or "insufficient_participation"
  with the ranking still given); an invalid allocation is an error, validate first; no
  paper tallies (enter each paper voter as a `DotVote`).
- Rankings use competition ranks: tied items share a rank and the next rank skips
  (1, 2, 2, 4). Items without votes come last, tied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cmp_to_key
from types import MappingProxyType
from typing import Any, ClassVar, Literal

GRADES: tuple[str, ...] = (
    "excellent",
    "tres_bien",
    "bien",
    "assez_bien",
    "passable",
    "insuffisant",
    "a_rejeter",
)
"""Majority-judgment grades, best first: Excellent, Très bien, Bien, Assez bien, Passable,
Insuffisant, À rejeter."""

APPROVAL_CHOICES: tuple[str, ...] = ("for", "against", "abstain")
CONSENT_CHOICES: tuple[str, ...] = ("consent", "object", "stand_aside")

Method = Literal["majority_judgment", "approval", "consent", "dot_voting"]
Outcome = Literal["adopted", "to_rework", "rejected", "insufficient_participation", "ranked"]
Sign = Literal["+", "-"]
ComparisonReason = Literal["grade", "gauge", "majority_value", "tied", "no_votes"]
RankingReason = Literal["grade", "gauge", "majority_value", "tied", "no_votes", "score"]
Side = Literal["below", "above"]
DotProblemCode = Literal[
    "unknown_item", "not_whole_number", "negative_dots", "too_many_on_item", "too_many_dots"
]
ItemId = int | str

# Why an outcome is what it is; an adopted item has no reason.
QUORUM_VOTERS = "quorum_voters"
QUORUM_COLLEGES = "quorum_colleges"
NO_VOTES = "no_votes"
NO_WEIGHT = "no_weight"
NO_EXPRESSED_VOTES = "no_expressed_votes"
BELOW_VETO_THRESHOLD = "below_veto_threshold"
BELOW_ADOPTION_THRESHOLD = "below_adoption_threshold"
COLLEGE_VETO = "college_veto"
BELOW_REJECTION_SHARE = "below_rejection_share"
BELOW_ADOPTION_SHARE = "below_adoption_share"
UNRESOLVED_OBJECTIONS = "unresolved_objections"

_HALF = Fraction(1, 2)
_ZERO = Fraction(0)


def _grade_index(grade: str) -> int:
    try:
        return GRADES.index(grade)
    except ValueError:
        raise ValueError(f"unknown grade {grade!r}; expected one of {GRADES}") from None


def _exact(value: object, what: str) -> Fraction:
    """A Fraction from an exact number; floats are refused (they cannot say 1/3)."""
    if isinstance(value, bool) or not isinstance(value, Fraction | int | Decimal):
        raise TypeError(f"{what} must be a Fraction, an int or a Decimal, not {value!r}")
    return Fraction(value)


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a whole number at least 0, not {value!r}")
    return value


def _plain(value: Any) -> Any:
    """JSON-ready data: dataclasses become dicts, Fractions their exact "p/q" text."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, MeritProfile):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        method = getattr(type(value), "method", None)
        if isinstance(method, str):
            data["method"] = method
        return data
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


class _Serialisable:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable data; Fractions as exact "p/q" strings."""
        return _plain(self)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class ConsensusRules(_Serialisable):
    """The plan's consensus settings (DESIGN.md section 4), with the product's defaults.

    `college_weights` may use any scale (percent, shares, counts): only ratios matter, since
    weights are renormalised over the colleges that voted on each item. Empty means equal.
    """

    quorum_voters: int = 5
    quorum_colleges: int = 2
    college_weighting: bool = True
    college_weights: Mapping[str, Fraction | int | Decimal] = field(default_factory=dict)
    adoption_threshold: str = "assez_bien"
    veto_threshold: str = "passable"
    veto_min_voters: int = 2
    approval_adoption: Fraction = Fraction(2, 3)
    approval_college_min: Fraction = Fraction(1, 2)
    approval_rejection: Fraction = Fraction(1, 2)
    dots_per_voter: int = 5
    dots_per_item: int = 3

    def __post_init__(self) -> None:
        for name in (
            "quorum_voters",
            "quorum_colleges",
            "veto_min_voters",
            "dots_per_voter",
            "dots_per_item",
        ):
            _count(getattr(self, name), name)
        if not isinstance(self.college_weighting, bool):
            raise TypeError("college_weighting must be a bool")
        if _grade_index(self.veto_threshold) < _grade_index(self.adoption_threshold):
            raise ValueError("the veto threshold cannot be above the adoption threshold")
        for name in ("approval_adoption", "approval_college_min", "approval_rejection"):
            share = _exact(getattr(self, name), name)
            if not _ZERO <= share <= 1:
                raise ValueError(f"{name} must lie between 0 and 1")
            object.__setattr__(self, name, share)
        if self.approval_rejection > self.approval_adoption:
            raise ValueError("approval_rejection cannot be above approval_adoption")
        weights: dict[str, Fraction] = {}
        for college, weight in self.college_weights.items():
            if not isinstance(college, str):
                raise TypeError(f"college names are strings, not {college!r}")
            weights[college] = _exact(weight, f"the weight of {college!r}")
            if weights[college] < 0:
                raise ValueError(f"the weight of {college!r} is negative")
        object.__setattr__(self, "college_weights", MappingProxyType(weights))

    def weight_of(self, college: str) -> Fraction:
        """The college's weight before renormalisation (1 each when no weights are set)."""
        if not self.college_weights:
            return Fraction(1)
        try:
            return self.college_weights[college]
        except KeyError:
            raise ValueError(f"college {college!r} has no weight in the rules") from None

    def college_order(self, colleges: Iterable[str]) -> list[str]:
        """The plan's order (that of `college_weights`), then any other college by name."""
        present = set(colleges)
        known = [college for college in self.college_weights if college in present]
        return known + sorted(present - set(known))


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class GradeVote:
    """One voter's grade on one item (majority judgment)."""

    college: str | None
    grade: str

    def __post_init__(self) -> None:
        _grade_index(self.grade)


@dataclass(frozen=True, slots=True)
class ApprovalVote:
    """One voter's choice on one item: "for", "against" or "abstain"."""

    college: str | None
    choice: str

    def __post_init__(self) -> None:
        if self.choice not in APPROVAL_CHOICES:
            raise ValueError(f"unknown approval choice {self.choice!r}")


@dataclass(frozen=True, slots=True)
class ConsentVote:
    """One voter's stance: "consent", "object" (with a reason) or "stand_aside".

    `resolved` says that a facilitator resolved the objection with a written note.
    """

    college: str | None
    choice: str
    reason: str = ""
    resolved: bool = False

    def __post_init__(self) -> None:
        if self.choice not in CONSENT_CHOICES:
            raise ValueError(f"unknown consent choice {self.choice!r}")
        if self.choice == "object" and not self.reason.strip():
            raise ValueError("an objection needs a reason")
        if self.resolved and self.choice != "object":
            raise ValueError("only an objection can be resolved")


@dataclass(frozen=True, slots=True)
class PaperTally:
    """Votes counted on paper or by show of hands in one college: {grade or choice: count}.

    Each counted vote is one voter of that college, exactly like an individual vote.
    """

    college: str | None
    counts: Mapping[str, int]

    def __post_init__(self) -> None:
        counts = {
            key: _count(value, f"the paper count of {key!r}") for key, value in self.counts.items()
        }
        object.__setattr__(self, "counts", MappingProxyType(counts))


@dataclass(frozen=True, slots=True)
class DotVote:
    """One voter's dots over the items of a dot-voting ballot: {item: dots}."""

    college: str | None
    dots: Mapping[ItemId, int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "dots", MappingProxyType(dict(self.dots)))


# --------------------------------------------------------------------------- merit profiles


@dataclass(frozen=True, slots=True)
class MeritProfile(_Serialisable):
    """A weight per grade, in `GRADES` order (best first).

    Head counts, weighted votes and shares are all merit profiles; `shares()` normalises.
    """

    weights: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        if len(self.weights) != len(GRADES):
            raise ValueError(f"a merit profile has {len(GRADES)} weights")
        weights = tuple(_exact(weight, "a weight") for weight in self.weights)
        if any(weight < 0 for weight in weights):
            raise ValueError("a merit profile has no negative weight")
        object.__setattr__(self, "weights", weights)

    @classmethod
    def empty(cls) -> MeritProfile:
        return cls((_ZERO,) * len(GRADES))

    @classmethod
    def from_grades(cls, grades: Iterable[str]) -> MeritProfile:
        """Head counts: each grade given is one vote of weight 1."""
        counts = Counter(_grade_index(grade) for grade in grades)
        return cls(tuple(Fraction(counts[index]) for index in range(len(GRADES))))

    @classmethod
    def from_mapping(cls, weights: Mapping[str, Fraction | int | Decimal]) -> MeritProfile:
        for grade in weights:
            _grade_index(grade)
        return cls(tuple(_exact(weights.get(grade, 0), grade) for grade in GRADES))

    @property
    def total(self) -> Fraction:
        return sum(self.weights, _ZERO)

    def weight(self, grade: str) -> Fraction:
        return self.weights[_grade_index(grade)]

    def shares(self) -> MeritProfile:
        """The same profile with weights adding up to 1 (unchanged when empty)."""
        total = self.total
        if total == 0:
            return self
        return MeritProfile(tuple(weight / total for weight in self.weights))

    def __add__(self, other: MeritProfile) -> MeritProfile:
        return MeritProfile(tuple(a + b for a, b in zip(self.weights, other.weights, strict=True)))

    def to_dict(self) -> dict[str, Any]:
        return {grade: str(weight) for grade, weight in zip(GRADES, self.weights, strict=True)}


@dataclass(frozen=True, slots=True)
class Gauge(_Serialisable):
    """Balinski and Laraki's majority gauge: "g+" when p > q, else "g-".

    `share_above` is p (share strictly better than the majority grade), `share_below` is q
    (strictly worse). "+" is ranked by p (larger is better), "-" by q (smaller is better).
    """

    grade: str
    sign: Sign
    share_above: Fraction
    share_below: Fraction

    @property
    def value(self) -> Fraction:
        """The share that ranks the gauge: p for "+", q for "-"."""
        return self.share_above if self.sign == "+" else self.share_below

    def sort_key(self) -> tuple[int, int, Fraction]:
        """Larger is better: grade, then "+" before "-", then p up or q down."""
        rank = len(GRADES) - _grade_index(self.grade)
        if self.sign == "+":
            return (rank, 1, self.share_above)
        return (rank, 0, -self.share_below)


def majority_grade(profile: MeritProfile) -> str | None:
    """The best grade g such that strictly more than half of the weight is g or better.

    With an even number of equal votes this is the lower median: exactly half is not a
    majority. None for an empty profile. It is always a grade present in the profile.
    """
    total = profile.total
    if total == 0:
        return None
    cumulative = _ZERO
    for grade, weight in zip(GRADES, profile.weights, strict=True):
        cumulative += weight
        if 2 * cumulative > total:
            return grade
    raise AssertionError("unreachable: the cumulative weight reaches the total")


def majority_gauge(profile: MeritProfile) -> Gauge | None:
    grade = majority_grade(profile)
    if grade is None:
        return None
    index = _grade_index(grade)
    total = profile.total
    above = sum(profile.weights[:index], _ZERO) / total
    below = sum(profile.weights[index + 1 :], _ZERO) / total
    return Gauge(grade, "+" if above > below else "-", above, below)


@dataclass(frozen=True, slots=True)
class Comparison(_Serialisable):
    """How two merit profiles compare. `order`: 1 the first is better, -1 the second, 0 tie.

    For reason "majority_value": `depth` is the distance from the median, as a share of each
    item's weight, at which the profiles first differ; `side` says whether the difference is
    among the worse ("below") or the better ("above") half of the votes; `first_grade` and
    `second_grade` are the grades each item has there.
    """

    order: int
    reason: ComparisonReason
    depth: Fraction | None = None
    side: Side | None = None
    first_grade: str | None = None
    second_grade: str | None = None


def _cumulative(shares: MeritProfile) -> list[Fraction]:
    running = _ZERO
    cumulative = []
    for weight in shares.weights:
        running += weight
        cumulative.append(running)
    return cumulative


def _grade_after(cumulative: list[Fraction], position: Fraction) -> int:
    """The grade just after `position` (0 is the best vote, 1 the worst)."""
    return next(index for index, reached in enumerate(cumulative) if reached > position)


def _grade_before(cumulative: list[Fraction], position: Fraction) -> int:
    """The grade just before `position` (0 < position)."""
    return next(index for index, reached in enumerate(cumulative) if reached >= position)


def compare_profiles(first: MeritProfile, second: MeritProfile) -> Comparison:
    """Compare two items by majority grade, then gauge, then Balinski-Laraki majority value.

    The majority value breaks what the gauge leaves tied: take away the same share of weight
    at the common majority grade from both items until the majority grade of one of them
    moves, compare again, repeat. With shares rather than whole votes the removal has no
    last step: once the block of the majority grade is used up on one side of the median,
    the majority grade moves to the next grade on that side, removing there hands the
    majority back, and so on; in the limit, equal shares go from both sides of the median.
    So its exact outcome is computed directly: read both profiles outwards from the median;
    at each distance d (a share of the item's weight), compare the grades just below the
    band [1/2 - d, 1/2 + d] (the lower median of what remains), then those just above it;
    the first difference decides. With the same number of votes on both items this is
    exactly their "remove one median vote from each, repeat" (the tests check it against
    that procedure). The gauge never contradicts it, and only identical shares tie.
    """
    if first.total == 0 or second.total == 0:
        if first.total == second.total:
            return Comparison(0, "tied")
        return Comparison(1 if second.total == 0 else -1, "no_votes")
    first_gauge = majority_gauge(first)
    second_gauge = majority_gauge(second)
    if first_gauge is None or second_gauge is None:
        raise AssertionError("unreachable: non-empty profiles have a gauge")
    if first_gauge.grade != second_gauge.grade:
        better = _grade_index(first_gauge.grade) < _grade_index(second_gauge.grade)
        return Comparison(1 if better else -1, "grade")
    if first_gauge.sort_key() != second_gauge.sort_key():
        better = first_gauge.sort_key() > second_gauge.sort_key()
        return Comparison(1 if better else -1, "gauge")

    first_cumulative = _cumulative(first.shares())
    second_cumulative = _cumulative(second.shares())
    depths = {_ZERO}
    for reached in first_cumulative + second_cumulative:
        if _HALF <= reached < 1:
            depths.add(reached - _HALF)
        if 0 < reached <= _HALF:
            depths.add(_HALF - reached)
    sides: tuple[tuple[Side, int, Callable[[list[Fraction], Fraction], int]], ...] = (
        ("below", 1, _grade_after),
        ("above", -1, _grade_before),
    )
    for depth in sorted(depths):
        for side, direction, grade_at in sides:
            position = _HALF + direction * depth
            first_index = grade_at(first_cumulative, position)
            second_index = grade_at(second_cumulative, position)
            if first_index != second_index:
                return Comparison(
                    1 if first_index < second_index else -1,
                    "majority_value",
                    depth=depth,
                    side=side,
                    first_grade=GRADES[first_index],
                    second_grade=GRADES[second_index],
                )
    return Comparison(0, "tied")


# --------------------------------------------------------------------------- rankings


@dataclass(frozen=True, slots=True)
class RankedItem(_Serialisable):
    item: ItemId
    rank: int


@dataclass(frozen=True, slots=True)
class RankingStep(_Serialisable):
    """Why `upper` stands above `lower` (adjacent in the ranking), or that they tie.

    The majority-value figures are those of `Comparison`, with `upper_grade` and
    `lower_grade` the grades each item has at that depth.
    """

    upper: ItemId
    lower: ItemId
    reason: RankingReason
    depth: Fraction | None = None
    side: Side | None = None
    upper_grade: str | None = None
    lower_grade: str | None = None


@dataclass(frozen=True, slots=True)
class Ranking(_Serialisable):
    """Items best first with competition ranks (ties share a rank: 1, 2, 2, 4)."""

    items: tuple[RankedItem, ...]
    steps: tuple[RankingStep, ...]

    def rank_of(self, item: ItemId) -> int:
        return next(entry.rank for entry in self.items if entry.item == item)


def rank_profiles(profiles: Mapping[ItemId, MeritProfile]) -> Ranking:
    """Rank items by `compare_profiles` (majority judgment); equal items keep input order."""
    order = sorted(
        profiles,
        key=cmp_to_key(lambda a, b: -compare_profiles(profiles[a], profiles[b]).order),
    )
    items: list[RankedItem] = []
    steps: list[RankingStep] = []
    for position, item in enumerate(order):
        if position == 0:
            items.append(RankedItem(item, 1))
            continue
        previous = order[position - 1]
        comparison = compare_profiles(profiles[previous], profiles[item])
        tied = comparison.order == 0
        items.append(RankedItem(item, items[-1].rank if tied else position + 1))
        steps.append(
            RankingStep(
                previous,
                item,
                comparison.reason,
                comparison.depth,
                comparison.side,
                comparison.first_grade,
                comparison.second_grade,
            )
        )
    return Ranking(tuple(items), tuple(steps))


# --------------------------------------------------------------------------- participation


@dataclass(frozen=True, slots=True)
class Participation(_Serialisable):
    """Who took part in an item (or a dot-voting ballot), against the quorum."""

    voters: int
    paper_votes: int
    colleges: int
    voters_without_college: int
    quorum_voters: int
    quorum_colleges: int
    quorum_met: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Voter:
    college: str | None
    choice: str
    paper: bool


def _voters(
    votes: Iterable[tuple[str | None, str]],
    tallies: Iterable[PaperTally],
    choices: Collection[str],
) -> list[_Voter]:
    voters = [_Voter(college, choice, paper=False) for college, choice in votes]
    for tally in tallies:
        for choice, count in tally.counts.items():
            if choice not in choices:
                raise ValueError(f"paper tally with unknown choice {choice!r}")
            voters.extend(_Voter(tally.college, choice, paper=True) for _ in range(count))
    return voters


def _participation(voters: Sequence[_Voter], rules: ConsensusRules) -> Participation:
    colleges = {voter.college for voter in voters if voter.college is not None}
    reasons = []
    if len(voters) < rules.quorum_voters:
        reasons.append(QUORUM_VOTERS)
    if len(colleges) < rules.quorum_colleges:
        reasons.append(QUORUM_COLLEGES)
    return Participation(
        voters=len(voters),
        paper_votes=sum(voter.paper for voter in voters),
        colleges=len(colleges),
        voters_without_college=sum(voter.college is None for voter in voters),
        quorum_voters=rules.quorum_voters,
        quorum_colleges=rules.quorum_colleges,
        quorum_met=not reasons,
        reasons=tuple(reasons),
    )


def college_shares(colleges: Iterable[str], rules: ConsensusRules) -> dict[str, Fraction]:
    """Each college's weight renormalised over `colleges` (all 0 if they weigh nothing)."""
    raw = {college: rules.weight_of(college) for college in set(colleges)}
    total = sum(raw.values(), _ZERO)
    return {college: (weight / total if total else _ZERO) for college, weight in raw.items()}


def _voter_weights(
    voters_per_college: Mapping[str | None, int], rules: ConsensusRules
) -> dict[str | None, Fraction]:
    """The weight of one voter of each college (None: voters without a college)."""
    if not rules.college_weighting:
        return dict.fromkeys(voters_per_college, Fraction(1))
    shares = college_shares((c for c in voters_per_college if c is not None), rules)
    return {
        college: (_ZERO if college is None else shares[college] / count)
        for college, count in voters_per_college.items()
    }


# --------------------------------------------------------------------------- majority judgment


@dataclass(frozen=True, slots=True)
class CollegeJudgment(_Serialisable):
    """One college's own view of an item, each of its voters counting once.

    `weight` is its renormalised share of the item's weighted vote (None without weighting).
    """

    college: str
    voters: int
    paper_votes: int
    weight: Fraction | None
    counts: MeritProfile
    majority_grade: str
    blocks: bool


@dataclass(frozen=True, slots=True)
class MajorityJudgmentExplanation(_Serialisable):
    """Figures for « Adoptée : mention majoritaire « Bien » (seuil « Assez bien »), 23
    votant·es dans 4 collèges, aucun collège sous « Passable » » and its siblings."""

    outcome: Outcome
    reasons: tuple[str, ...]
    majority_grade: str | None
    gauge: Gauge | None
    adoption_threshold: str
    veto_threshold: str
    veto_min_voters: int
    blocking_colleges: tuple[str, ...]
    participation: Participation
    college_weighting: bool


@dataclass(frozen=True, slots=True)
class MajorityJudgmentResult(_Serialisable):
    """The count of one item. `profile` holds the (weighted) shares, adding up to 1;
    `counts` the head count per grade (paper votes included)."""

    method: ClassVar[Method] = "majority_judgment"

    item: ItemId | None
    outcome: Outcome
    majority_grade: str | None
    gauge: Gauge | None
    profile: MeritProfile
    counts: MeritProfile
    colleges: tuple[CollegeJudgment, ...]
    blocking_colleges: tuple[str, ...]
    participation: Participation
    college_weighting: bool
    explanation: MajorityJudgmentExplanation


def count_majority_judgment(
    votes: Iterable[GradeVote],
    rules: ConsensusRules,
    paper_tallies: Iterable[PaperTally] = (),
    item: ItemId | None = None,
) -> MajorityJudgmentResult:
    """Majority grade, gauge, college grades and outcome of one item."""
    voters = _voters(((vote.college, vote.grade) for vote in votes), paper_tallies, GRADES)
    participation = _participation(voters, rules)
    per_college: dict[str | None, list[_Voter]] = {}
    for voter in voters:
        per_college.setdefault(voter.college, []).append(voter)
    counts = {
        college: MeritProfile.from_grades(voter.choice for voter in group)
        for college, group in per_college.items()
    }
    voter_weight = _voter_weights({c: len(group) for c, group in per_college.items()}, rules)
    weighted = MeritProfile.empty()
    for college, college_counts in counts.items():
        weighted += MeritProfile(tuple(n * voter_weight[college] for n in college_counts.weights))
    profile = weighted.shares()
    grade = majority_grade(profile)
    gauge = majority_gauge(profile)

    named = [college for college in per_college if college is not None]
    shares = college_shares(named, rules) if rules.college_weighting else {}
    veto_index = _grade_index(rules.veto_threshold)
    colleges = []
    for college in rules.college_order(named):
        college_grade = majority_grade(counts[college])
        if college_grade is None:
            raise AssertionError("unreachable: a college here has voters")
        group = per_college[college]
        colleges.append(
            CollegeJudgment(
                college=college,
                voters=len(group),
                paper_votes=sum(voter.paper for voter in group),
                weight=shares.get(college),
                counts=counts[college],
                majority_grade=college_grade,
                blocks=len(group) >= rules.veto_min_voters
                and _grade_index(college_grade) > veto_index,
            )
        )
    blocking = tuple(row.college for row in colleges if row.blocks)

    reasons: list[str] = list(participation.reasons)
    if not reasons and grade is None:
        reasons.append(NO_WEIGHT if voters else NO_VOTES)
    if reasons or grade is None:
        outcome: Outcome = "insufficient_participation"
    else:
        index = _grade_index(grade)
        if index > veto_index:
            reasons.append(BELOW_VETO_THRESHOLD)
        elif index > _grade_index(rules.adoption_threshold):
            reasons.append(BELOW_ADOPTION_THRESHOLD)
        if blocking:
            reasons.append(COLLEGE_VETO)
        if BELOW_VETO_THRESHOLD in reasons:
            outcome = "rejected"
        elif reasons:
            outcome = "to_rework"
        else:
            outcome = "adopted"
    explanation = MajorityJudgmentExplanation(
        outcome=outcome,
        reasons=tuple(reasons),
        majority_grade=grade,
        gauge=gauge,
        adoption_threshold=rules.adoption_threshold,
        veto_threshold=rules.veto_threshold,
        veto_min_voters=rules.veto_min_voters,
        blocking_colleges=blocking,
        participation=participation,
        college_weighting=rules.college_weighting,
    )
    return MajorityJudgmentResult(
        item=item,
        outcome=outcome,
        majority_grade=grade,
        gauge=gauge,
        profile=profile,
        counts=sum(counts.values(), MeritProfile.empty()),
        colleges=tuple(colleges),
        blocking_colleges=blocking,
        participation=participation,
        college_weighting=rules.college_weighting,
        explanation=explanation,
    )


def rank_majority_judgment(results: Iterable[MajorityJudgmentResult]) -> Ranking:
    """Rank counted items by their (weighted) merit profiles; items need distinct ids."""
    profiles: dict[ItemId, MeritProfile] = {}
    for result in results:
        if result.item is None or result.item in profiles:
            raise ValueError("each ranked result needs its own item id")
        profiles[result.item] = result.profile
    return rank_profiles(profiles)


# --------------------------------------------------------------------------- approval


@dataclass(frozen=True, slots=True)
class CollegeApproval(_Serialisable):
    """One college's own approval of an item; `share_for` is over its expressed votes.

    `weight` is its renormalised share of the overall share (None without weighting, or
    when the college expressed nothing).
    """

    college: str
    voters: int
    paper_votes: int
    votes_for: int
    votes_against: int
    abstentions: int
    share_for: Fraction | None
    weight: Fraction | None
    blocks: bool


@dataclass(frozen=True, slots=True)
class ApprovalExplanation(_Serialisable):
    outcome: Outcome
    reasons: tuple[str, ...]
    share_for: Fraction | None
    expressed: int
    approval_adoption: Fraction
    approval_rejection: Fraction
    approval_college_min: Fraction
    college_min_voters: int
    blocking_colleges: tuple[str, ...]
    participation: Participation
    college_weighting: bool


@dataclass(frozen=True, slots=True)
class ApprovalResult(_Serialisable):
    """`share_for`: (weighted) share of "for" among expressed votes; None if none."""

    method: ClassVar[Method] = "approval"

    item: ItemId | None
    outcome: Outcome
    share_for: Fraction | None
    votes_for: int
    votes_against: int
    abstentions: int
    colleges: tuple[CollegeApproval, ...]
    blocking_colleges: tuple[str, ...]
    participation: Participation
    college_weighting: bool
    explanation: ApprovalExplanation


def count_approval(
    votes: Iterable[ApprovalVote],
    rules: ConsensusRules,
    paper_tallies: Iterable[PaperTally] = (),
    item: ItemId | None = None,
) -> ApprovalResult:
    """Share of "for" among expressed votes (abstentions set aside), overall and per college."""
    voters = _voters(
        ((vote.college, vote.choice) for vote in votes), paper_tallies, APPROVAL_CHOICES
    )
    participation = _participation(voters, rules)
    tallies: dict[str | None, Counter[str]] = {}
    papers: Counter[str | None] = Counter()
    for voter in voters:
        tallies.setdefault(voter.college, Counter())[voter.choice] += 1
        papers[voter.college] += voter.paper

    def expressed(tally: Counter[str]) -> int:
        return tally["for"] + tally["against"]

    total_for = sum(tally["for"] for tally in tallies.values())
    total_expressed = sum(expressed(tally) for tally in tallies.values())
    named = [college for college in tallies if college is not None]
    speaking = [college for college in named if expressed(tallies[college])]
    weights = college_shares(speaking, rules) if rules.college_weighting else {}

    share: Fraction | None
    if rules.college_weighting:
        share = sum(
            (weights[c] * Fraction(tallies[c]["for"], expressed(tallies[c])) for c in speaking),
            _ZERO,
        )
        if not any(weights.values()):
            share = None
    else:
        share = Fraction(total_for, total_expressed) if total_expressed else None

    colleges = []
    for college in rules.college_order(named):
        tally = tallies[college]
        college_share = Fraction(tally["for"], expressed(tally)) if expressed(tally) else None
        colleges.append(
            CollegeApproval(
                college=college,
                voters=tally.total(),
                paper_votes=papers[college],
                votes_for=tally["for"],
                votes_against=tally["against"],
                abstentions=tally["abstain"],
                share_for=college_share,
                weight=weights.get(college),
                blocks=college_share is not None
                and expressed(tally) >= rules.veto_min_voters
                and college_share < rules.approval_college_min,
            )
        )
    blocking = tuple(row.college for row in colleges if row.blocks)

    reasons: list[str] = list(participation.reasons)
    if not reasons and not voters:
        reasons.append(NO_VOTES)
    elif not reasons and total_expressed == 0:
        reasons.append(NO_EXPRESSED_VOTES)
    elif not reasons and share is None:
        reasons.append(NO_WEIGHT)
    if reasons or share is None:
        outcome: Outcome = "insufficient_participation"
    else:
        if share < rules.approval_rejection:
            reasons.append(BELOW_REJECTION_SHARE)
        elif share < rules.approval_adoption:
            reasons.append(BELOW_ADOPTION_SHARE)
        if blocking:
            reasons.append(COLLEGE_VETO)
        if BELOW_REJECTION_SHARE in reasons:
            outcome = "rejected"
        elif reasons:
            outcome = "to_rework"
        else:
            outcome = "adopted"
    explanation = ApprovalExplanation(
        outcome=outcome,
        reasons=tuple(reasons),
        share_for=share,
        expressed=total_expressed,
        approval_adoption=rules.approval_adoption,
        approval_rejection=rules.approval_rejection,
        approval_college_min=rules.approval_college_min,
        college_min_voters=rules.veto_min_voters,
        blocking_colleges=blocking,
        participation=participation,
        college_weighting=rules.college_weighting,
    )
    return ApprovalResult(
        item=item,
        outcome=outcome,
        share_for=share,
        votes_for=total_for,
        votes_against=total_expressed - total_for,
        abstentions=len(voters) - total_expressed,
        colleges=tuple(colleges),
        blocking_colleges=blocking,
        participation=participation,
        college_weighting=rules.college_weighting,
        explanation=explanation,
    )


# --------------------------------------------------------------------------- consent


@dataclass(frozen=True, slots=True)
class CollegeConsent(_Serialisable):
    college: str
    voters: int
    paper_votes: int
    consents: int
    objections: int
    unresolved_objections: int
    stand_asides: int


@dataclass(frozen=True, slots=True)
class ConsentExplanation(_Serialisable):
    outcome: Outcome
    reasons: tuple[str, ...]
    objections: int
    unresolved_objections: int
    stand_asides: int
    participation: Participation


@dataclass(frozen=True, slots=True)
class ConsentResult(_Serialisable):
    method: ClassVar[Method] = "consent"

    item: ItemId | None
    outcome: Outcome
    consents: int
    objections: int
    unresolved_objections: int
    stand_asides: int
    colleges: tuple[CollegeConsent, ...]
    participation: Participation
    explanation: ConsentExplanation


def count_consent(
    votes: Iterable[ConsentVote],
    rules: ConsensusRules,
    paper_tallies: Iterable[PaperTally] = (),
    item: ItemId | None = None,
) -> ConsentResult:
    """Adopted when the quorum is met and no objection is left unresolved; never rejected.

    Paper tallies may count consents and stand-asides only: an objection needs its reason.
    """
    votes = list(votes)
    voters = _voters(
        ((vote.college, vote.choice) for vote in votes), paper_tallies, ("consent", "stand_aside")
    )
    participation = _participation(voters, rules)
    tallies: dict[str | None, Counter[str]] = {}
    papers: Counter[str | None] = Counter()
    for voter in voters:
        tallies.setdefault(voter.college, Counter())[voter.choice] += 1
        papers[voter.college] += voter.paper
    unresolved = Counter(
        vote.college for vote in votes if vote.choice == "object" and not vote.resolved
    )
    everyone: Counter[str] = sum(tallies.values(), Counter())

    named = [college for college in tallies if college is not None]
    colleges = tuple(
        CollegeConsent(
            college=college,
            voters=tallies[college].total(),
            paper_votes=papers[college],
            consents=tallies[college]["consent"],
            objections=tallies[college]["object"],
            unresolved_objections=unresolved[college],
            stand_asides=tallies[college]["stand_aside"],
        )
        for college in rules.college_order(named)
    )
    reasons = list(participation.reasons)
    if not reasons and not voters:
        reasons.append(NO_VOTES)
    if reasons:
        outcome: Outcome = "insufficient_participation"
    elif unresolved.total():
        reasons.append(UNRESOLVED_OBJECTIONS)
        outcome = "to_rework"
    else:
        outcome = "adopted"
    explanation = ConsentExplanation(
        outcome=outcome,
        reasons=tuple(reasons),
        objections=everyone["object"],
        unresolved_objections=unresolved.total(),
        stand_asides=everyone["stand_aside"],
        participation=participation,
    )
    return ConsentResult(
        item=item,
        outcome=outcome,
        consents=everyone["consent"],
        objections=everyone["object"],
        unresolved_objections=unresolved.total(),
        stand_asides=everyone["stand_aside"],
        colleges=colleges,
        participation=participation,
        explanation=explanation,
    )


# --------------------------------------------------------------------------- dot voting


@dataclass(frozen=True, slots=True)
class DotProblem(_Serialisable):
    """What is wrong with one allocation: for "too_many_dots", `item` is None and `dots`
    the total; `limit` is the rule broken (None for unknown items and bad numbers)."""

    code: DotProblemCode
    item: ItemId | None
    dots: object
    limit: int | None


def validate_dot_allocation(
    dots: Mapping[ItemId, object], items: Collection[ItemId], rules: ConsensusRules
) -> tuple[DotProblem, ...]:
    """Every problem of one voter's allocation; empty when it is valid.

    Up to `dots_per_voter` dots in all (fewer is fine), at most `dots_per_item` on one item.
    """
    problems: list[DotProblem] = []
    total = 0
    for item, count in dots.items():
        if item not in items:
            problems.append(DotProblem("unknown_item", item, count, None))
        if isinstance(count, bool) or not isinstance(count, int):
            problems.append(DotProblem("not_whole_number", item, count, None))
            continue
        if count < 0:
            problems.append(DotProblem("negative_dots", item, count, 0))
            continue
        if count > rules.dots_per_item:
            problems.append(DotProblem("too_many_on_item", item, count, rules.dots_per_item))
        total += count
    if total > rules.dots_per_voter:
        problems.append(DotProblem("too_many_dots", None, total, rules.dots_per_voter))
    return tuple(problems)


@dataclass(frozen=True, slots=True)
class CollegeDots(_Serialisable):
    college: str
    dots: int


@dataclass(frozen=True, slots=True)
class DotItemResult(_Serialisable):
    """`score`: dots weighted by college (each college's weight times the mean dots of its
    voters) when weighting is on, else the plain number of dots, as a Fraction."""

    item: ItemId
    rank: int
    dots: int
    score: Fraction
    supporters: int
    colleges: tuple[CollegeDots, ...]


@dataclass(frozen=True, slots=True)
class DotVotingExplanation(_Serialisable):
    outcome: Outcome
    reasons: tuple[str, ...]
    dots_per_voter: int
    dots_per_item: int
    participation: Participation
    college_weighting: bool


@dataclass(frozen=True, slots=True)
class DotVotingResult(_Serialisable):
    """The whole ballot: items best first. It ranks, it does not adopt."""

    method: ClassVar[Method] = "dot_voting"

    outcome: Outcome
    items: tuple[DotItemResult, ...]
    ranking: Ranking
    participation: Participation
    college_weighting: bool
    explanation: DotVotingExplanation


def count_dot_voting(
    items: Sequence[ItemId], votes: Iterable[DotVote], rules: ConsensusRules
) -> DotVotingResult:
    """Rank the items by (weighted) dots; a voter is anyone who handed in an allocation."""
    if len(set(items)) != len(items):
        raise ValueError("the items of a ballot are distinct")
    votes = list(votes)
    for vote in votes:
        problems = validate_dot_allocation(vote.dots, items, rules)
        if problems:
            raise ValueError(f"invalid dot allocation: {[p.code for p in problems]}")
    voters = [_Voter(vote.college, "dots", paper=False) for vote in votes]
    participation = _participation(voters, rules)
    per_college = Counter(vote.college for vote in votes)
    voter_weight = _voter_weights(per_college, rules)

    dots: Counter[ItemId] = Counter()
    scores: dict[ItemId, Fraction] = dict.fromkeys(items, _ZERO)
    supporters: Counter[ItemId] = Counter()
    college_dots: dict[ItemId, Counter[str]] = {item: Counter() for item in items}
    for vote in votes:
        for item, count in vote.dots.items():
            dots[item] += count
            scores[item] += count * voter_weight[vote.college]
            supporters[item] += count > 0
            if vote.college is not None:
                college_dots[item][vote.college] += count

    order = sorted(items, key=lambda item: -scores[item])
    ranks: dict[ItemId, int] = {}
    steps = []
    for position, item in enumerate(order):
        tied = position > 0 and scores[item] == scores[order[position - 1]]
        ranks[item] = ranks[order[position - 1]] if tied else position + 1
        if position > 0:
            steps.append(RankingStep(order[position - 1], item, "tied" if tied else "score"))
    ranking = Ranking(tuple(RankedItem(item, ranks[item]) for item in order), tuple(steps))

    named = [college for college in per_college if college is not None]
    reasons = list(participation.reasons)
    if not reasons and not votes:
        reasons.append(NO_VOTES)
    elif not reasons and not any(voter_weight.values()):
        reasons.append(NO_WEIGHT)
    outcome: Outcome = "insufficient_participation" if reasons else "ranked"
    results = tuple(
        DotItemResult(
            item=item,
            rank=ranks[item],
            dots=dots[item],
            score=scores[item],
            supporters=supporters[item],
            colleges=tuple(
                CollegeDots(college, college_dots[item][college])
                for college in rules.college_order(named)
            ),
        )
        for item in order
    )
    explanation = DotVotingExplanation(
        outcome=outcome,
        reasons=tuple(reasons),
        dots_per_voter=rules.dots_per_voter,
        dots_per_item=rules.dots_per_item,
        participation=participation,
        college_weighting=rules.college_weighting,
    )
    return DotVotingResult(
        outcome=outcome,
        items=results,
        ranking=ranking,
        participation=participation,
        college_weighting=rules.college_weighting,
        explanation=explanation,
    )
