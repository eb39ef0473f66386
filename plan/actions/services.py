"""Changes to actions. Services flush; the view commits once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from auth.models import User
from plan.actions import search
from plan.actions.content import complete_content, search_text
from plan.actions.models import (
    AMENDABLE,
    REVISABLE,
    Action,
    ActionRevision,
    ActionStatus,
    Amendment,
    AmendmentStatus,
    Comment,
    CommentEdit,
    FormSubmission,
    Notification,
    Stance,
)
from plan.extensions import db
from plan.frame.models import Challenge, Plan, PriorityZone
from plan.journal.services import record_event


class ActionError(Exception):
    """A change the workflow refuses. `code` names the reason; views turn it into French."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def now() -> datetime:
    return datetime.now(UTC)


def _touch(action: Action) -> None:
    action.last_activity_at = now().replace(tzinfo=None)


def set_status(action: Action, target: ActionStatus, **data: Any) -> None:
    if not action.can_become(target):
        raise ActionError("transition", source=action.status, target=target)
    source = action.status
    action.status = target
    _touch(action)
    record_event(
        "action.status",
        action,
        plan_id=action.plan_id,
        data={"reference": action.reference, "status": [source, target], **data},
    )


def next_reference(plan: Plan, challenge: Challenge) -> tuple[str, int]:
    """The next "challenge.rank" reference; ranks of withdrawn or merged actions stay taken."""
    prefix = f"{challenge.position}."
    references = db.session.scalars(
        select(Action.reference).where(
            Action.plan_id == plan.id, Action.reference.startswith(prefix, autoescape=True)
        )
    ).all()
    rank = max((int(ref.split(".", 1)[1]) for ref in references), default=0) + 1
    return f"{prefix}{rank}", rank


def _new_revision(
    action: Action,
    content: dict[str, Any],
    author: User,
    change_note: str = "",
    amendment: Amendment | None = None,
) -> ActionRevision:
    content = complete_content(content)
    number = (action.current_revision.number + 1) if action.current_revision else 1
    zones = []
    if content["zone_ids"]:
        zones = list(
            db.session.scalars(
                select(PriorityZone).where(
                    PriorityZone.id.in_(content["zone_ids"]),
                    PriorityZone.plan_id == action.plan_id,
                )
            )
        )
    revision = ActionRevision(
        action=action,
        number=number,
        content=content,
        title=content["title"],
        first_year=content["first_year"],
        last_year=content["last_year"],
        lead_organization_id=content["lead_organization_id"],
        author_id=author.id,
        change_note=change_note,
        amendment_id=amendment.id if amendment else None,
        zones=zones,
    )
    db.session.add(revision)
    db.session.flush()
    action.current_revision = revision
    action.search_text = search_text(content)
    search.index_action(action)
    _touch(action)
    return revision


def create_action(
    plan: Plan, challenge: Challenge, author: User, content: dict[str, Any], *, submit: bool
) -> Action:
    for _attempt in range(3):
        reference, rank = next_reference(plan, challenge)
        action = Action(
            plan_id=plan.id,
            challenge_id=challenge.id,
            reference=reference,
            rank=rank,
            author_id=author.id,
            status=ActionStatus.DRAFT,
        )
        try:
            with db.session.begin_nested():
                db.session.add(action)
                db.session.flush()
        except IntegrityError:
            continue  # someone took this reference meanwhile: take the next one
        break
    else:
        raise ActionError("reference")
    _new_revision(action, content, author)
    record_event(
        "action.create",
        action,
        plan_id=plan.id,
        data={"reference": action.reference, "title": content["title"]},
    )
    if submit:
        set_status(action, ActionStatus.SUBMITTED)
    return action


def revise_action(
    action: Action, content: dict[str, Any], author: User, change_note: str
) -> ActionRevision:
    if action.status not in REVISABLE:
        raise ActionError("not_revisable", status=action.status)
    if complete_content(content) == complete_content(action.current_revision.content):
        raise ActionError("unchanged")
    revision = _new_revision(action, content, author, change_note)
    record_event(
        "action.revise",
        action,
        plan_id=action.plan_id,
        data={"reference": action.reference, "revision": revision.number, "note": change_note},
    )
    return revision


def notify(user_id: int | None, action: Action, kind: str, actor: User | None) -> None:
    """An in-app notification, unless people would be told about their own doing."""
    if user_id is None or (actor is not None and actor.id == user_id):
        return
    db.session.add(
        Notification(
            user_id=user_id,
            plan_id=action.plan_id,
            action_id=action.id,
            actor_id=actor.id if actor else None,
            kind=kind,
        )
    )


def propose_amendment(
    action: Action, author: User, content: dict[str, Any], rationale: str
) -> Amendment:
    if action.status not in AMENDABLE:
        raise ActionError("not_amendable", status=action.status)
    if complete_content(content) == complete_content(action.current_revision.content):
        raise ActionError("unchanged")
    amendment = Amendment(
        action_id=action.id,
        base_revision_id=action.current_revision.id,
        author_id=author.id,
        content=complete_content(content),
        rationale=rationale,
    )
    db.session.add(amendment)
    db.session.flush()
    _touch(action)
    notify(action.author_id, action, "amendment_proposed", author)
    record_event(
        "amendment.create",
        amendment,
        plan_id=action.plan_id,
        data={"reference": action.reference, "rationale": rationale},
    )
    return amendment


def update_amendment(amendment: Amendment, content: dict[str, Any], rationale: str) -> None:
    """New proposed content, based on the action's current revision."""
    if amendment.status != AmendmentStatus.OPEN:
        raise ActionError("amendment_closed")
    action = amendment.action
    amendment.content = complete_content(content)
    amendment.rationale = rationale
    amendment.base_revision_id = action.current_revision.id
    amendment.updated_at = now().replace(tzinfo=None)
    record_event(
        "amendment.update",
        amendment,
        plan_id=action.plan_id,
        data={"reference": action.reference, "base_revision": action.current_revision.number},
    )


def amendment_is_stale(amendment: Amendment) -> bool:
    return amendment.base_revision_id != amendment.action.current_revision.id


def decide_amendment(amendment: Amendment, decider: User, accept: bool, reason: str) -> None:
    if amendment.status != AmendmentStatus.OPEN:
        raise ActionError("amendment_closed")
    action = amendment.action
    if accept:
        if action.status not in AMENDABLE:
            raise ActionError("not_amendable", status=action.status)
        if amendment_is_stale(amendment):
            raise ActionError("stale")
        author = db.session.get(User, amendment.author_id) if amendment.author_id else decider
        _new_revision(action, amendment.content, author, reason or amendment.rationale, amendment)
    amendment.status = AmendmentStatus.ACCEPTED if accept else AmendmentStatus.REJECTED
    amendment.decided_by_id = decider.id
    amendment.decided_at = now()
    amendment.decision_reason = reason
    _touch(action)
    notify(amendment.author_id, action, f"amendment_{amendment.status.value}", decider)
    record_event(
        f"amendment.{amendment.status.value}",
        amendment,
        plan_id=action.plan_id,
        data={"reference": action.reference, "reason": reason},
    )


def withdraw_amendment(amendment: Amendment) -> None:
    if amendment.status != AmendmentStatus.OPEN:
        raise ActionError("amendment_closed")
    amendment.status = AmendmentStatus.WITHDRAWN
    record_event(
        "amendment.withdraw",
        amendment,
        plan_id=amendment.action.plan_id,
        data={"reference": amendment.action.reference},
    )


def add_comment(
    action: Action,
    author: User,
    stance: Stance,
    body: str,
    parent: Comment | None = None,
    amendment: Amendment | None = None,
) -> Comment:
    """A comment, or a reply. A reply to a reply joins the same thread (one level only)."""
    if action.status in (ActionStatus.DRAFT, ActionStatus.MERGED):
        raise ActionError("not_commentable", status=action.status)
    if parent is not None and parent.parent_id is not None:
        parent = db.session.get(Comment, parent.parent_id)
    comment = Comment(
        action_id=action.id,
        author_id=author.id,
        stance=stance,
        body=body,
        parent_id=parent.id if parent else None,
        amendment_id=amendment.id if amendment else None,
        revision_id=action.current_revision.id,
    )
    db.session.add(comment)
    db.session.flush()
    _touch(action)
    notify(action.author_id, action, "comment", author)
    if parent is not None:
        notify(parent.author_id, action, "reply", author)
    record_event(
        "comment.create",
        comment,
        plan_id=action.plan_id,
        data={"reference": action.reference, "stance": stance, "reply_to": parent and parent.id},
    )
    return comment


def edit_comment(comment: Comment, body: str, plan_id: int) -> None:
    if body == comment.body:
        return
    db.session.add(
        CommentEdit(
            comment_id=comment.id,
            body=comment.body,
            written_at=comment.edited_at or comment.created_at,
        )
    )
    comment.body = body
    comment.edited_at = now()
    record_event("comment.edit", comment, plan_id=plan_id)


def hide_comment(comment: Comment, moderator: User, reason: str, plan_id: int) -> None:
    if comment.hidden_at is not None:
        raise ActionError("already_hidden")
    comment.hidden_at = now()
    comment.hidden_by_id = moderator.id
    comment.hidden_reason = reason
    record_event("comment.hide", comment, plan_id=plan_id, data={"reason": reason})


def merge_action(action: Action, target: Action) -> None:
    if target.id == action.id or target.plan_id != action.plan_id:
        raise ActionError("merge_target")
    if target.status in (ActionStatus.MERGED, ActionStatus.DRAFT, ActionStatus.WITHDRAWN):
        raise ActionError("merge_target")
    set_status(action, ActionStatus.MERGED, merged_into=target.reference)
    action.merged_into_id = target.id
    _touch(target)
    notify(action.author_id, action, "merged", None)


def claim_form_token(token: str | None, user: User) -> bool:
    """True for the first submission of a form; False for a double tap or a resent form.

    The token's primary key arbitrates: of two submissions at once, one insert waits for
    the other's transaction and then fails."""
    if not token:
        return True
    try:
        with db.session.begin_nested():
            db.session.add(FormSubmission(token=token, user_id=user.id, result_url=""))
            db.session.flush()
    except IntegrityError:
        return False
    return True


def record_form_result(token: str | None, url: str) -> None:
    if token:
        db.session.get(FormSubmission, token).result_url = url


def form_result(token: str, user: User) -> str | None:
    """Where the first submission of this form went."""
    db.session.rollback()
    spent = db.session.get(FormSubmission, token)
    return spent.result_url if spent and spent.user_id == user.id and spent.result_url else None


def comment_counts(action_ids: list[int]) -> dict[int, dict[str, int]]:
    """Visible comments per action and stance, in one query."""
    counts: dict[int, dict[str, int]] = {action_id: {} for action_id in action_ids}
    if not action_ids:
        return counts
    rows = db.session.execute(
        select(Comment.action_id, Comment.stance, func.count(Comment.id))
        .where(Comment.action_id.in_(action_ids), Comment.hidden_at.is_(None))
        .group_by(Comment.action_id, Comment.stance)
    )
    for action_id, stance, count in rows:
        counts[action_id][Stance(stance).value] = count
    return counts
