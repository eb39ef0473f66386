"""Counting a ballot from the database with the counting module, into plain data.

The data is what a closed ballot stores in `BallotResult.data` and what the results page
reads, live or frozen:

    {"schema": 1, "method": ..., "rules": {...},
     "items": [{"item": id, "action_id": id, "reference": "2.3", "title": ...,
                "revision": 4, "result": {...counting result...}}, ...],   # ballot order
     "ranking": {...} or None,        # majority judgment and dot voting
     "dots": {...} or None}           # the dot-voting result of the whole ballot
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from plan.extensions import db
from plan.frame.models import College
from plan.voting import counting
from plan.voting.models import Ballot, PaperTally, Vote, VotingMethod
from plan.voting.rules import rules_for

SCHEMA = 1


def _college_names(plan_id: int) -> dict[int, str]:
    return dict(
        db.session.execute(select(College.id, College.name).where(College.plan_id == plan_id)).all()
    )


def count_ballot(ballot: Ballot) -> dict[str, Any]:
    """Count every item of the ballot with the plan's rules of now (two queries)."""
    rules = rules_for(ballot.plan)
    names = _college_names(ballot.plan_id)
    item_ids = [item.id for item in ballot.items]
    votes: dict[int, list[Vote]] = defaultdict(list)
    for vote in db.session.scalars(select(Vote).where(Vote.item_id.in_(item_ids))):
        votes[vote.item_id].append(vote)
    tallies: dict[int, list[counting.PaperTally]] = defaultdict(list)
    for tally in db.session.scalars(select(PaperTally).where(PaperTally.item_id.in_(item_ids))):
        tallies[tally.item_id].append(
            counting.PaperTally(names.get(tally.college_id), dict(tally.counts))
        )

    def college(vote: Vote) -> str | None:
        return names.get(vote.college_id) if vote.college_id is not None else None

    results: dict[int, Any] = {}
    ranking = dots = None
    if ballot.method == VotingMethod.DOT_VOTING:
        per_voter: dict[int, counting.DotVote] = {}
        allocations: dict[int, dict[int, int]] = defaultdict(dict)
        colleges: dict[int, str | None] = {}
        for item_votes in votes.values():
            for vote in item_votes:
                allocations[vote.voter_id][vote.item_id] = vote.dots
                colleges[vote.voter_id] = college(vote)
        for voter, allocation in allocations.items():
            per_voter[voter] = counting.DotVote(colleges[voter], allocation)
        whole = counting.count_dot_voting(item_ids, per_voter.values(), rules)
        for entry in whole.items:
            results[int(entry.item)] = entry
        ranking = whole.ranking.to_dict()
        dots = whole.to_dict()
    else:
        for item_id in item_ids:
            item_votes = votes[item_id]
            if ballot.method == VotingMethod.MAJORITY_JUDGMENT:
                results[item_id] = counting.count_majority_judgment(
                    [counting.GradeVote(college(v), v.choice) for v in item_votes],
                    rules,
                    tallies[item_id],
                    item=item_id,
                )
            elif ballot.method == VotingMethod.APPROVAL:
                results[item_id] = counting.count_approval(
                    [counting.ApprovalVote(college(v), v.choice) for v in item_votes],
                    rules,
                    tallies[item_id],
                    item=item_id,
                )
            else:
                results[item_id] = counting.count_consent(
                    [
                        counting.ConsentVote(
                            college(v), v.choice, v.reason, resolved=v.resolved_at is not None
                        )
                        for v in item_votes
                    ],
                    rules,
                    tallies[item_id],
                    item=item_id,
                )
        if ballot.method == VotingMethod.MAJORITY_JUDGMENT and results:
            ranking = counting.rank_majority_judgment(results.values()).to_dict()
    return {
        "schema": SCHEMA,
        "method": ballot.method.value,
        "rules": rules.to_dict(),
        "items": [
            {
                "item": item.id,
                "action_id": item.action_id,
                "reference": item.action.reference,
                "title": item.revision.title if item.revision else item.action.title,
                "revision": item.revision.number if item.revision else None,
                "result": results[item.id].to_dict(),
            }
            for item in ballot.items
        ],
        "ranking": ranking,
        "dots": dots,
    }


def outcome_of(data: dict[str, Any], item_id: int) -> str:
    """The outcome of one item in counted data ("ranked" for dot voting)."""
    if data["dots"] is not None:
        return data["dots"]["outcome"]
    return next(entry["result"]["outcome"] for entry in data["items"] if entry["item"] == item_id)
