"""Every payload of the XSS corpus, in every text field a person can fill, on every page
that shows it: nothing becomes active HTML."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from plan.actions.models import Action, Stance
from plan.actions.services import add_comment, hide_comment, propose_amendment, revise_action
from plan.extensions import db
from plan.frame.models import (
    Indicator,
    IndicatorKind,
    Objective,
    Organization,
    OrganizationKind,
    PriorityZone,
    ZoneKind,
)
from plan.members.models import Role
from tests.conftest import login, make_action, make_member, make_plan, make_user
from tests.xss import XSS_PAYLOADS, assert_no_active_content

OUR_SCRIPT = '<script src="/static/js/htmx-2.0.11.min.js" defer></script>'


def check_page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    assert html.count(OUR_SCRIPT) == 1
    assert_no_active_content(html.replace(OUR_SCRIPT, ""))
    return html


@pytest.fixture
def poisoned(app):  # type: ignore[no-untyped-def]
    """A plan where every text a person can type holds a payload."""
    plan = make_plan("vallee", challenges=3)
    facilitator = make_user("facilitator@example.org", name="<script>alert('nom')</script>")
    make_member(facilitator, plan, Role.COORDINATOR)
    for index, payload in enumerate(XSS_PAYLOADS):
        label = f"{payload} #{index}"
        plan.organizations.append(Organization(name=label[:200], kind=OrganizationKind.ASSOCIATION))
        plan.zones.append(PriorityZone(name=label[:200], kind=ZoneKind.INTERNAL, rationale=label))
    challenge = plan.challenges[0]
    challenge.title = XSS_PAYLOADS[0]
    challenge.description = XSS_PAYLOADS[1]
    objective = Objective(title=XSS_PAYLOADS[2], description=XSS_PAYLOADS[3], position=2)
    objective.indicators.append(
        Indicator(
            name=XSS_PAYLOADS[4],
            unit=XSS_PAYLOADS[5][:60],
            kind=IndicatorKind.IMPACT,
            source=XSS_PAYLOADS[6],
        )
    )
    challenge.objectives.append(objective)
    db.session.commit()
    author = make_user("author@example.org", name=XSS_PAYLOADS[7])
    make_member(author, plan, Role.CONTRIBUTOR)
    for index, payload in enumerate(XSS_PAYLOADS):
        organization = plan.organizations[index + 1]
        action = make_action(
            plan,
            author,
            payload[:250],
            challenge=1 + index % 3,
            context=payload,
            objectives_text=payload,
            description=payload,
            expected_results=payload,
            lead_contact=payload[:200],
            target_audiences=payload,
            lead_organization_id=organization.id,
            partners=[{"organization_id": organization.id, "role": "technical"}],
            zone_ids=[plan.zones[index].id],
            budget_lines=[{"year": plan.first_year, "kind": "operating", "amount_cents": 100}],
            funding_lines=[
                {"funder": payload[:200], "nature": "csr", "amount_cents": 100, "status": "secured"}
            ],
            indicators=[
                {
                    "name": payload[:200],
                    "unit": payload[:60],
                    "kind": "output",
                    "baseline": "",
                    "target": "",
                }
            ],
        )
        content = {**action.current_revision.content, "description": f"{payload} (v2)"}
        revise_action(action, content, author, payload[:500])
        propose_amendment(action, facilitator, {**content, "context": f"{payload} !"}, payload)
        comment = add_comment(action, author, Stance.AGAINST, payload)
        add_comment(action, facilitator, Stance.QUESTION, payload, comment)
        hidden = add_comment(action, author, Stance.FOR, payload)
        hide_comment(hidden, facilitator, payload[:300], plan.id)
    db.session.commit()
    return plan, facilitator


def test_no_payload_runs_on_any_page(app, poisoned) -> None:  # type: ignore[no-untyped-def]
    plan, facilitator = poisoned
    client = app.test_client()
    login(client, facilitator)
    pages = ["/plans/vallee", "/plans/vallee/organizations", "/plans/vallee/members"]
    for page in range(1, len(XSS_PAYLOADS) // 20 + 2):
        pages.append(f"/plans/vallee/actions?page={page}")
    pages.append("/plans/vallee/actions?q=%3Cscript%3E")
    actions = db.session.scalars(select(Action).where(Action.plan_id == plan.id)).all()
    assert len(actions) == len(XSS_PAYLOADS)
    for action in actions:
        base = f"/plans/vallee/actions/{action.reference}"
        pages += [base, f"{base}/history", f"{base}/edit", f"{base}/amendments/new"]
    from plan.actions.models import Amendment

    for amendment_id, reference in db.session.execute(
        select(Amendment.id, Action.reference).join(Action, Action.id == Amendment.action_id)
    ):
        pages.append(f"/plans/vallee/actions/{reference}/amendments/{amendment_id}")
    pages += ["/plans/vallee/journal", "/plans/vallee/notifications"]
    for url in pages:
        check_page(client, url)
    # What people typed is shown to them, escaped, not swallowed.
    html = check_page(client, f"/plans/vallee/actions/{actions[0].reference}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_visitors_see_markup_as_text(app, poisoned) -> None:  # type: ignore[no-untyped-def]
    html = check_page(app.test_client(), "/plans/vallee")
    # The first challenge's title is the first payload: shown as typed, escaped.
    assert "D\u00e9fi 1</span> &lt;script&gt;alert(1)&lt;/script&gt;" in html
