"""The large demo plan as plain data, drawn from one seeded generator: no database here.

`generate(size, seed)` gives the same world for the same size and seed. People,
organisations, objectives and zones are referred to by their index in the world's lists;
plan/demo/large.py writes the world to the database and turns the indexes into ids.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from plan.demo import large_text as text

DEFAULT_SEED = 2026
COLLEGE_OF_KIND = {
    "association": 0,
    "ess_enterprise": 0,
    "local_authority": 1,
    "public_operator": 1,
    "research_training": 1,
    "company": 2,
    "funder": 3,
    "citizens_group": 4,
}
COLLEGE_SHARES = (30, 15, 20, 10, 25)
STANCES = (("for", 45), ("against", 15), ("question", 20), ("neutral", 20))
FIRST_DAY = date(2024, 1, 8)
STEP_DAYS = 91


@dataclass(frozen=True)
class Size:
    """How much to generate. The default is the large plan of issue 7."""

    actions: int = 1000
    members: int = 500
    organizations: int = 150
    comments: int = 10_000
    ballots: int = 40
    votes: int = 50_000
    versions: int = 10
    big_ballot: int = 100  # items of the last ballot (0: no such ballot)
    showcase: int = 3  # actions with 10 revisions and 50 comments


LARGE = Size()


@dataclass
class ActionSpec:
    index: int
    challenge: int  # position, 1 to 3
    rank: int
    author: int
    fate: str  # "voted", "draft", "submitted", "withdrawn" or "merged"
    created_at: datetime
    words: dict[str, str]
    revisions: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    merged_into: int | None = None

    @property
    def reference(self) -> str:
        return f"{self.challenge}.{self.rank}"


@dataclass
class BallotSpec:
    title: str
    description: str
    method: str
    creator: int
    actions: list[int]
    opens: datetime
    closes: datetime
    channel: str
    # How each item is received: "good" (adopted), "mixed" (one college against: to
    # rework) or "poor" (rejected).
    quality: list[str]
    # (voter, position of the item in `actions`, choice, reason, resolution note or None,
    # when it was cast)
    votes: list[tuple[int, int, str, str, str | None, datetime]] = field(default_factory=list)


@dataclass
class Step:
    actions: list[ActionSpec]
    ballots: list[BallotSpec]
    version_status: str
    version_date: datetime
    introduction: str


@dataclass
class World:
    organizations: list[dict[str, Any]]
    members: list[dict[str, Any]]
    steps: list[Step]

    @property
    def actions(self) -> list[ActionSpec]:
        return [action for step in self.steps for action in step.actions]

    @property
    def ballots(self) -> list[BallotSpec]:
        return [ballot for step in self.steps for ballot in step.ballots]


def spread(total: int, parts: int) -> list[int]:
    """`total` in `parts` whole shares that differ by one at most (the first ones larger)."""
    share, extra = divmod(total, parts)
    return [share + (1 if index < extra else 0) for index in range(parts)]


def _when(start: datetime, rng: random.Random, days: float) -> datetime:
    return start + timedelta(minutes=rng.randrange(max(1, int(days * 24 * 60))))


def _organizations(size: Size, rng: random.Random) -> list[dict[str, Any]]:
    places = text.communes()
    kinds = ["association"]  # the plan's lead organisation comes first
    for kind, share in text.ORGANIZATION_KINDS:
        kinds += [kind] * round(share * size.organizations / 150)
    kinds += ["association"] * (size.organizations - len(kinds))
    kinds = kinds[: size.organizations]
    rest = kinds[1:]
    rng.shuffle(rest)
    kinds = kinds[:1] + rest
    names = {"Maison de l'ESS des Trois Rivières"}
    rows = [
        {
            "name": "Maison de l'ESS des Trois Rivières",
            "kind": "association",
            "size_class": None,
            "siret": None,
            "website": "https://maison-ess." + text.DOMAIN,
        }
    ]
    for kind in kinds[1:]:
        name = _organization_name(kind, places, rng)
        for _attempt in range(20):  # a name already taken: draw another one
            if name not in names:
                break
            name = _organization_name(kind, places, rng)
        base, number = name, 2
        while name in names:
            name, number = f"{base} ({number})", number + 1
        names.add(name)
        rows.append(
            {
                "name": name,
                "kind": kind,
                "size_class": rng.choice(["tpe", "pme", "pme", "eti", "large_group"])
                if kind == "company"
                else None,
                "siret": f"{rng.randrange(10**13, 10**14)}" if rng.random() < 0.6 else None,
                "website": None,
            }
        )
    return rows


def _organization_name(kind: str, places: list[str], rng: random.Random) -> str:
    return rng.choice(text.ORGANIZATION_PATTERNS[kind]).format(
        thing=rng.choice(text.ORGANIZATION_THEMES),
        brand=rng.choice(text.BRANDS),
        commune=rng.choice(places),
        name=rng.choice(text.LAST_NAMES),
    )


def _members(size: Size, organizations: list[dict[str, Any]], rng: random.Random) -> list[dict]:
    by_college: dict[int, list[int]] = {college: [] for college in range(5)}
    for index, organization in enumerate(organizations):
        by_college[COLLEGE_OF_KIND[organization["kind"]]].append(index)
    people = [(first, last) for first in text.FIRST_NAMES for last in text.LAST_NAMES]
    chosen = rng.sample(people, size.members)
    coordinators = max(1, size.members // 100)
    facilitators = max(1, size.members // 25)
    observers = size.members // 5
    members = []
    for index, (first, last) in enumerate(chosen):
        if index < coordinators:
            role = "coordinator"
        elif index < coordinators + facilitators:
            role = "facilitator"
        elif index >= size.members - observers:
            role = "observer"
        else:
            role = "contributor"
        college = rng.choices(range(5), weights=COLLEGE_SHARES)[0]
        organization = None
        if by_college[college] and (college != 4 or rng.random() < 0.2):
            organization = rng.choice(by_college[college])
        members.append(
            {
                "email": f"{text.fold_ascii(first)}.{text.fold_ascii(last)}@{text.DOMAIN}",
                "display_name": f"{first} {last}",
                "role": role,
                "college": college,
                "organization": organization,
            }
        )
    # Three accounts to log in with: a coordinator, a facilitator and a contributor.
    for email, position in (
        ("coordinatrice", 0),
        ("animateur", coordinators),
        ("contributrice", coordinators + facilitators),
    ):
        members[position]["email"] = f"{email}@{text.DOMAIN}"
    return members


def _content(
    challenge: dict[str, Any], words: dict[str, str], writer: text.Writer, size: Size
) -> dict[str, Any]:
    """A fiche, in the app's content keys; organisations, objectives and zones by index."""
    rng = writer.rng
    first = rng.randint(2024, 2027)
    last = rng.randint(first + 1, 2029)
    budget = [
        {"year": year, "kind": kind, "amount_cents": rng.randrange(5_000, 150_000, 500) * 100}
        for year in range(first, last + 1)
        for kind in ("operating", "investment")
        if kind == "operating" or (year == first and rng.random() < 0.5)
    ]
    total = sum(line["amount_cents"] for line in budget)
    funders = rng.sample(text.FUNDERS, rng.randint(1, 3))
    shares = spread(total // 100, len(funders))
    return {
        "title": writer.title(words),
        "objective_ids": sorted(rng.sample(range(3), rng.randint(1, 2))),
        "context": writer.paragraph(text.CONTEXT, words, 2, 3),
        "objectives_text": writer.paragraph(text.OBJECTIVES_TEXT, words, 1, 3),
        "description": writer.paragraph(text.DESCRIPTION, words, 3, 5),
        "expected_results": writer.paragraph(text.EXPECTED, words, 1, 3),
        "lead_organization_id": rng.randrange(size.organizations),
        "lead_contact": f"contact@{text.DOMAIN}",
        "partners": [
            {"organization_id": index, "role": rng.choice(["technical", "financial", "political"])}
            for index in rng.sample(range(size.organizations), rng.randint(0, 3))
        ],
        "target_audiences": words["audience"][0].upper() + words["audience"][1:],
        "zone_ids": sorted(rng.sample(range(len(text.ZONES)), rng.randint(0, 2))),
        "first_year": first,
        "last_year": last,
        "budget_lines": budget,
        "funding_lines": [
            {
                "funder": funder,
                "nature": nature,
                "status": rng.choice(["envisaged", "requested", "secured"]),
                "amount_cents": share * 100,
            }
            for (funder, nature), share in zip(funders, shares, strict=True)
        ],
        "indicators": [
            {
                "name": f"{challenge['objectives'][0][0]} — suivi",
                "unit": challenge["objectives"][0][1],
                "kind": challenge["objectives"][0][2],
                "baseline": "0",
                "target": str(rng.randrange(10, 500, 5)),
            }
        ],
        "priority": rng.choice(["high", "medium", "medium", "low"]),
    }


def _revise(content: dict[str, Any], words: dict[str, str], writer: text.Writer) -> dict:
    """The next revision: one sentence more, new expected results, or a new budget."""
    rng = writer.rng
    changed = {**content}
    unused = [line for line in text.ADDITIONS if line not in content["description"]]
    choice = rng.randrange(3)
    if choice == 0 and unused:
        changed["description"] = f"{content['description']} {rng.choice(unused)}"
    elif choice == 1:
        changed["expected_results"] = writer.paragraph(text.EXPECTED, words, 1, 3)
    else:
        changed["budget_lines"] = [
            {**line, "amount_cents": line["amount_cents"] + rng.randrange(1, 50) * 100_000}
            if index == 0
            else line
            for index, line in enumerate(content["budget_lines"])
        ]
    return changed


def _plan_steps(size: Size) -> tuple[list[list[int]], list[int]]:
    """Ballot sizes per step, and the actions never voted per step."""
    voted = size.actions - max(size.versions, round(size.actions * 0.02))
    never = spread(size.actions - voted, size.versions)
    per_step = spread(size.ballots, size.versions)
    ordinary = size.ballots - (1 if size.big_ballot else 0)
    sizes = spread(voted - size.big_ballot, ordinary)
    if size.big_ballot:
        sizes.append(size.big_ballot)
    steps, start = [], 0
    for count in per_step:
        steps.append(sizes[start : start + count])
        start += count
    return steps, never


def generate(size: Size = LARGE, seed: int = DEFAULT_SEED) -> World:
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    writer = text.Writer(rng)
    organizations = _organizations(size, rng)
    members = _members(size, organizations, rng)
    voters = [index for index, member in enumerate(members) if member["role"] != "observer"]
    facilitators = [
        index for index, m in enumerate(members) if m["role"] in ("facilitator", "coordinator")
    ]
    ballot_sizes, never = _plan_steps(size)
    vote_quotas = _proportional(size.votes, [s for sizes in ballot_sizes for s in sizes])
    ranks = {1: 0, 2: 0, 3: 0}
    fates = iter(("draft", "withdrawn", "merged", "submitted") * size.actions)
    steps: list[Step] = []
    for number, (sizes, skipped) in enumerate(zip(ballot_sizes, never, strict=True)):
        start = datetime.combine(FIRST_DAY, time(8)) + timedelta(days=STEP_DAYS * number)
        first_index = sum(len(step.actions) for step in steps)
        step_fates = ["voted"] * sum(sizes) + [next(fates) for _ in range(skipped)]
        actions = []
        for index, fate in enumerate(step_fates, start=first_index):
            position = rng.randint(1, 3)
            ranks[position] += 1
            actions.append(
                ActionSpec(
                    index=index,
                    challenge=position,
                    rank=ranks[position],
                    author=rng.choice(voters),
                    fate=fate,
                    created_at=_when(start, rng, 50),
                    words=writer.words(text.CHALLENGES[position - 1]),
                )
            )
        showcase = size.showcase if number == 0 else 0
        _revisions(actions, start, showcase, voters, writer, size)
        first_ballot = sum(len(step.ballots) for step in steps) + 1
        ballots = _ballots(actions, sizes, start, first_ballot, facilitators, size, rng)
        for ballot in ballots:
            _votes(ballot, vote_quotas.pop(0), voters, members, rng)
        last = number == size.versions - 1
        steps.append(
            Step(
                actions=actions,
                ballots=ballots,
                version_status="adopted"
                if last
                else ("validated" if number == size.versions - 2 else "working"),
                version_date=start + timedelta(days=88, hours=9),
                introduction=rng.choice(text.INTRODUCTIONS),
            )
        )
    world = World(organizations=organizations, members=members, steps=steps)
    _comments(world, size, voters, facilitators, writer, rng)
    return world


def _revisions(
    actions: list[ActionSpec],
    start: datetime,
    showcase: int,
    voters: list[int],
    writer: text.Writer,
    size: Size,
) -> None:
    """Each fiche's revisions, until two months into the step; a merged fiche goes into
    the first fiche to be voted on in its challenge."""
    rng = writer.rng
    for position, action in enumerate(actions):
        if action.fate == "merged":
            voted = [a for a in actions if a.fate == "voted"]
            same = [a for a in voted if a.challenge == action.challenge]
            action.merged_into = (same or voted)[0].index
        challenge = text.CHALLENGES[action.challenge - 1]
        if position < showcase:
            count = 10
        else:
            count = rng.choices(range(1, 6), weights=(15, 25, 25, 20, 15))[0]
        content = _content(challenge, action.words, writer, size)
        window = (start + timedelta(days=60) - action.created_at) / count
        for revision in range(count):
            if revision:
                content = _revise(content, action.words, writer)
            action.revisions.append(
                {
                    "content": content,
                    "author": action.author if rng.random() < 0.8 else rng.choice(voters),
                    "change_note": rng.choice(text.CHANGE_NOTES) if revision else "",
                    "created_at": action.created_at + window * revision,
                }
            )


def _ballots(
    actions: list[ActionSpec],
    sizes: list[int],
    start: datetime,
    first_number: int,
    facilitators: list[int],
    size: Size,
    rng: random.Random,
) -> list[BallotSpec]:
    """The step's ballots, two days apart, over its fiches in the order of their reference."""
    voted = sorted((a for a in actions if a.fate == "voted"), key=lambda a: (a.challenge, a.rank))
    ballots, taken = [], 0
    for position, count in enumerate(sizes):
        number = first_number + position
        items = voted[taken : taken + count]
        taken += count
        ballot = BallotSpec(
            title="",
            description=rng.choice(text.BALLOT_DESCRIPTIONS),
            method=_method(number, count, size),
            creator=rng.choice(facilitators),
            actions=[a.index for a in items],
            opens=start + timedelta(days=70 + 2 * position, hours=2),
            closes=start + timedelta(days=84 + 2 * position, hours=10),
            channel="workshop" if number % 3 == 0 else "online",
            quality=[rng.choices(("good", "mixed", "poor"), (90, 7, 3))[0] for _ in items],
        )
        ballot.title = _ballot_title(ballot, items)
        ballots.append(ballot)
    return ballots


def _proportional(total: int, sizes: list[int]) -> list[int]:
    """`total` shared in proportion to `sizes`, in whole numbers that add up exactly."""
    whole = sum(sizes)
    quotas = [total * s // whole for s in sizes]
    for index in range(total - sum(quotas)):
        quotas[index % len(quotas)] += 1
    return quotas


def _method(number: int, items: int, size: Size) -> str:
    if size.big_ballot and items == size.big_ballot and number == size.ballots:
        return "majority_judgment"
    return {3: "approval", 7: "approval", 5: "consent"}.get(number % 10, "majority_judgment")


def _ballot_title(ballot: BallotSpec, actions: list[ActionSpec]) -> str:
    challenges = sorted({a.challenge for a in actions})
    kind = "Atelier" if ballot.channel == "workshop" else "Vote en ligne"
    when = ballot.opens.strftime("%d/%m/%Y")
    if len(challenges) == 1:
        short = text.CHALLENGES[challenges[0] - 1]["short"]
        return f"{kind} du {when} — Défi {challenges[0]} : {short}"
    return f"{kind} du {when} — Défis {' et '.join(str(c) for c in challenges)}"


GRADE_WEIGHTS = {
    "good": (10, 25, 32, 20, 9, 3, 1),
    "hostile": (0, 2, 5, 10, 20, 40, 23),
    "poor": (1, 2, 5, 10, 20, 35, 27),
}
GRADES = ("excellent", "tres_bien", "bien", "assez_bien", "passable", "insuffisant", "a_rejeter")


def _votes(
    ballot: BallotSpec,
    quota: int,
    voters: list[int],
    members: list[dict[str, Any]],
    rng: random.Random,
) -> None:
    """Exactly `quota` votes on the ballot: enough voters, each skipping a few items."""
    items = len(ballot.actions)
    if quota > items * len(voters):
        raise ValueError(f"{quota} votes on {items} items: not enough members to cast them")
    count = -(-quota // items)
    chosen = sorted(rng.sample(voters, count))
    pairs = [(voter, item) for voter in chosen for item in range(items)]
    skipped = set(rng.sample(range(len(pairs)), len(pairs) - quota))
    hostile = {item: rng.randrange(5) for item in range(items)}
    objections: dict[int, int] = {}
    for number, (voter, item) in enumerate(pairs):
        if number in skipped:
            continue
        grade = ballot.quality[item]
        if grade == "mixed":
            grade = "hostile" if members[voter]["college"] == hostile[item] else "good"
        reason, note = "", None
        if ballot.method == "majority_judgment":
            choice = rng.choices(GRADES, GRADE_WEIGHTS[grade])[0]
        elif ballot.method == "approval":
            share = {"good": 85, "hostile": 20, "poor": 30}[grade]
            choice = rng.choices(("for", "against", "abstain"), (share, 92 - share, 8))[0]
        else:
            limit = {"good": 0, "hostile": 2, "poor": 4}[grade]
            choice = rng.choices(("consent", "stand_aside"), (85, 15))[0]
            if objections.get(item, 0) < limit or (grade == "good" and rng.random() < 0.01):
                objections[item] = objections.get(item, 0) + 1
                choice = "object"
                reason = rng.choice(text.COMMENTS["against"]).format(
                    place="la commune", audience="les habitant·es"
                )
                if grade == "good":
                    note = "Objection levée : la fiche sera précisée en comité technique."
        moment = ballot.opens + (ballot.closes - ballot.opens) * rng.random()
        ballot.votes.append((voter, item, choice, reason, note, moment))


def _comments(
    world: World,
    size: Size,
    voters: list[int],
    facilitators: list[int],
    writer: text.Writer,
    rng: random.Random,
) -> None:
    """Exactly `size.comments` comments, a third of them replies, before each ballot."""
    opens: dict[int, datetime] = {}
    for step in world.steps:
        end = step.version_date - timedelta(days=20)
        for action in step.actions:
            opens[action.index] = end
        for ballot in step.ballots:
            for action_index in ballot.actions:
                opens[action_index] = ballot.opens
    commentable = [a for a in world.actions if a.fate not in ("draft", "merged")]
    showcase = [a for a in commentable if len(a.revisions) == 10][: size.showcase]
    counts = {a.index: 50 for a in showcase}
    others = [a for a in commentable if a.index not in counts]
    left = size.comments - sum(counts.values())
    weights = [rng.randint(1, 20) for _ in others]
    for action, quota in zip(others, _proportional(left, weights), strict=True):
        counts[action.index] = quota
    stances, stance_weights = zip(*STANCES, strict=True)
    for action in commentable:
        span = (opens[action.index] - action.created_at).total_seconds()
        moments = sorted(
            action.created_at + timedelta(seconds=rng.random() * span)
            for _ in range(counts[action.index])
        )
        threads: list[int] = []
        for position, moment in enumerate(moments):
            revision = sum(1 for r in action.revisions if r["created_at"] <= moment) - 1
            reply = bool(threads) and rng.random() < 0.33
            if reply:
                body = rng.choice(text.REPLIES)
                stance = rng.choice(("for", "neutral"))
            else:
                stance = rng.choices(stances, stance_weights)[0]
                body = writer.comment(stance, action.words)
            hidden = rng.random() < 0.01
            action.comments.append(
                {
                    "author": rng.choice(voters),
                    "stance": stance,
                    "body": body,
                    "parent": rng.choice(threads) if reply else None,
                    "revision": max(revision, 0),
                    "created_at": moment,
                    "hidden_by": rng.choice(facilitators) if hidden else None,
                    "hidden_reason": rng.choice(text.HIDDEN_REASONS) if hidden else "",
                    "hidden_at": (moment + timedelta(hours=3)).replace(tzinfo=UTC)
                    if hidden
                    else None,
                }
            )
            if not reply:
                threads.append(position)
