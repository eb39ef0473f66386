"""Accounts: creating them, checking passwords, loading the logged-in user."""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from auth.models import User
from plan.extensions import db

MIN_PASSWORD_LENGTH = 10
# Compared against when the email is unknown, so that a wrong email costs as much as a
# wrong password and the timing tells nothing.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def email_is_taken(email: str) -> bool:
    return find_user_by_email(email) is not None


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def create_user(
    email: str, password: str | None, display_name: str, *, is_admin: bool = False
) -> User:
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        is_admin=is_admin,
        password_hash=generate_password_hash(password) if password else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def create_guest(display_name: str) -> User:
    """An account without email or password, made when someone joins a workshop; it can
    be given both later and becomes an ordinary account."""
    user = User(email=None, display_name=display_name.strip(), password_hash=None)
    db.session.add(user)
    db.session.flush()
    return user


def keep_guest_account(user: User, email: str, password: str) -> None:
    """A guest gives an email and a password: the account becomes an ordinary one, with
    its memberships, votes and ideas. Raises IntegrityError when the address was taken
    meanwhile."""
    with db.session.begin_nested():
        user.email = normalise_email(email)
        db.session.flush()
    set_password(user, password)


def set_password(user: User, password: str) -> None:
    """Change the password and end every other session of this user."""
    user.password_hash = generate_password_hash(password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session of this user stops working, on every device, and so does a copy of
    its cookie: sessions live in signed cookies, which carry this version."""
    user.session_version += 1
