"""The permission predicates, for every role, on public and members-only plans."""

import pytest

from plan import permissions as p
from plan.members.models import Role
from tests.conftest import make_member, make_plan, make_user

ROLES = [None, Role.OBSERVER, Role.CONTRIBUTOR, Role.FACILITATOR, Role.COORDINATOR]

# predicate -> lowest role that passes it
EXPECTED = {
    p.can_edit_frame: Role.COORDINATOR,
    p.can_manage_members: Role.COORDINATOR,
    p.can_view_journal: Role.COORDINATOR,
    p.can_invite_members: Role.FACILITATOR,
    p.can_see_member_emails: Role.FACILITATOR,
    p.can_contribute: Role.CONTRIBUTOR,
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "outsider")
@pytest.mark.parametrize("predicate", list(EXPECTED), ids=lambda f: f.__name__)
def test_predicates_follow_the_role_ladder(app, role, predicate) -> None:
    plan = make_plan(public=True)
    user = make_user()
    if role:
        make_member(user, plan, role)
    expected = role is not None and role.includes(EXPECTED[predicate])
    assert predicate(user, plan) is expected


@pytest.mark.parametrize("predicate", list(EXPECTED), ids=lambda f: f.__name__)
def test_administrators_may_do_everything(app, predicate) -> None:
    plan = make_plan(public=False)
    admin = make_user(admin=True)
    assert predicate(admin, plan)
    assert p.can_view_plan(admin, plan)
    assert p.can_create_plan(admin)


def test_members_only_plans_are_hidden_from_outsiders(app) -> None:
    plan = make_plan(public=False)
    outsider, observer = make_user(), make_user()
    make_member(observer, plan, Role.OBSERVER)
    assert not p.can_view_plan(outsider, plan)
    assert not p.can_view_plan(None, plan)
    assert p.can_view_plan(observer, plan)


def test_anyone_reads_a_public_plan(app) -> None:
    plan = make_plan(public=True)
    assert p.can_view_plan(None, plan)
    assert p.can_view_plan(make_user(), plan)


def test_a_role_in_one_plan_gives_nothing_in_another(app) -> None:
    plan, other = make_plan(), make_plan(public=False)
    user = make_user()
    make_member(user, plan, Role.COORDINATOR)
    assert p.can_edit_frame(user, plan)
    assert not p.can_edit_frame(user, other)
    assert not p.can_view_plan(user, other)


def test_only_administrators_create_plans(app) -> None:
    plan = make_plan()
    coordinator = make_user()
    make_member(coordinator, plan, Role.COORDINATOR)
    assert not p.can_create_plan(coordinator)
    assert not p.can_create_plan(None)
