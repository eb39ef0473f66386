"""The plan's journal, for its coordinators."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from plan.access import load_plan, require
from plan.extensions import db
from plan.journal.models import AuditEvent
from plan.permissions import can_view_journal

bp = Blueprint("journal", __name__)
PAGE_SIZE = 50


@bp.get("/plans/<slug>/journal")
def journal(slug: str):
    plan = load_plan(slug)
    require(can_view_journal(current_user, plan))
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    total = (
        db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.plan_id == plan.id))
        or 0
    )
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.plan_id == plan.id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .options(selectinload(AuditEvent.actor))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template(
        "journal/list.html", plan=plan, events=events, page=page, pages=pages, total=total
    )
