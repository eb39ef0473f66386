"""Units: SIRET keys, weights, roles, invitation states, safe redirects, formatting."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auth.views import safe_next
from plan.frame.services import apply_changes, equal_weights
from plan.members.models import Invitation, Role
from plan.members.services import grantable_roles
from plan.validation import luhn_is_valid, normalise_siret, siret_is_valid


@pytest.mark.parametrize(
    "siret",
    ["73282932000074", "35600000000048", "44306184100047", "552 100 554 00013"],
)
def test_valid_sirets_pass(siret: str) -> None:
    assert siret_is_valid(normalise_siret(siret))


@pytest.mark.parametrize(
    "siret", ["73282932000075", "1234567890123", "ABCDEFGHIJKLMN", "", "732829320000741"]
)
def test_invalid_sirets_fail(siret: str) -> None:
    assert not siret_is_valid(normalise_siret(siret))


def test_la_poste_establishments_use_their_own_key() -> None:
    # Digits add up to a multiple of 5, although the Luhn key is wrong.
    assert siret_is_valid("35600000049837")
    assert not luhn_is_valid("35600000049837")


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_exactly_one_check_digit_completes_a_siret(prefix: str) -> None:
    completions = [d for d in "0123456789" if luhn_is_valid(prefix + d)]
    assert len(completions) == 1


@given(st.integers(min_value=1, max_value=40))
def test_equal_weights_add_up_to_100_with_cents_only(count: int) -> None:
    weights = equal_weights(count)
    assert len(weights) == count
    assert sum(weights) == Decimal(100)
    assert max(weights) - min(weights) <= Decimal("0.01")
    assert all(w == w.quantize(Decimal("0.01")) for w in weights)


def test_three_colleges_share_100_as_33_34_33_33_33_33() -> None:
    assert equal_weights(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_roles_include_the_rights_of_the_roles_below() -> None:
    assert Role.COORDINATOR.includes(Role.FACILITATOR)
    assert Role.FACILITATOR.includes(Role.CONTRIBUTOR)
    assert Role.CONTRIBUTOR.includes(Role.OBSERVER)
    assert not Role.CONTRIBUTOR.includes(Role.FACILITATOR)
    assert not Role.OBSERVER.includes(Role.CONTRIBUTOR)


def test_facilitators_cannot_hand_out_coordination() -> None:
    assert Role.COORDINATOR not in grantable_roles(Role.FACILITATOR, False)
    assert Role.FACILITATOR in grantable_roles(Role.FACILITATOR, False)
    assert grantable_roles(Role.CONTRIBUTOR, False) == []
    assert set(grantable_roles(None, True)) == set(Role)


def test_invitation_states() -> None:
    now = datetime.now(UTC)
    invitation = Invitation(expires_at=now + timedelta(days=1))
    assert invitation.state(now) == "open"
    assert invitation.state(now + timedelta(days=2)) == "expired"
    invitation.revoked_at = now
    assert invitation.state(now) == "revoked"
    invitation.used_at = now
    assert invitation.state(now) == "used"
    naive = Invitation(expires_at=(now + timedelta(hours=1)).replace(tzinfo=None))
    assert naive.state(now) == "open"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/plans/x", "/plans/x"),
        ("/plans/x?a=1", "/plans/x?a=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("plans", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_next_redirects_stay_on_the_site(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


def test_apply_changes_reports_only_what_changed() -> None:
    class Thing:
        title = "a"
        year = 2020

    thing = Thing()
    assert apply_changes(thing, {"title": "b", "year": 2020}) == {"title": ["a", "b"]}
    assert thing.title == "b"


def test_french_number_and_money_formats(app) -> None:
    from plan.formatting import euros_filter, number_filter, percent_filter

    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert number_filter(Decimal("4000.0000")) == "4\u202f000"
        assert number_filter(Decimal("12.5000")) == "12,5"
        assert percent_filter(Decimal("33.34")) == "33,34\u00a0%"
        assert euros_filter(Decimal("12500")) == "12\u202f500\u00a0€"
        assert euros_filter(Decimal("12500.5")) == "12\u202f500,50\u00a0€"
