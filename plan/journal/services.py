"""Writing to the audit journal."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from flask_login import current_user

from plan.extensions import db
from plan.journal.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record_event(
    action: str,
    obj: Any,
    *,
    plan_id: int | None,
    data: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> AuditEvent:
    """Add an audit event to the session; the caller's commit writes it with the change."""
    if actor_id is None and current_user and current_user.is_authenticated:
        actor_id = current_user.id
    event = AuditEvent(
        plan_id=plan_id,
        actor_id=actor_id,
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        data=_plain(data or {}),
    )
    db.session.add(event)
    return event
