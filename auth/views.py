"""Login, logout, account settings and language choice."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from auth.forms import (
    AccountForm,
    GuestAccountForm,
    LanguageForm,
    LoginForm,
    PasswordChangeForm,
)
from auth.services import authenticate, end_sessions, keep_guest_account, set_password
from plan.errors import abort_with
from plan.extensions import db, limiter

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths: `next=` must never send someone to another site."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


def start_session(user, remember: bool = False) -> None:
    """A fresh session for a fresh login: nothing from before it is kept but the language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user, remember=remember)


def _login_rate_limit() -> str:
    return current_app.config["CAPCOMMUN_LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    form = LoginForm()
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(next_url)
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(next_url)
        form.password.errors.append(_("Wrong email address or password."))
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form, next_url=next_url), status


@bp.post("/logout")
def logout():
    """Logging out ends every session of the person, not only this one: a session left
    open on a shared computer, or a cookie copied from this one, stops working too."""
    if current_user.is_authenticated:
        end_sessions(current_user._get_current_object())
        db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    flash(_("You are logged out."), "info")
    return redirect(url_for("frame.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = AccountForm(obj=current_user)
    if request.method == "GET":
        form.locale.data = current_user.locale or session.get("locale") or "fr"
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.locale = form.locale.data
        db.session.commit()
        flash(_("Your account is updated."), "success")
        return redirect(url_for("auth.account"))
    status = 422 if form.errors else 200
    return render_template("auth/account.html", form=form), status


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    if current_user.is_guest:  # no password to change yet: give one first
        return redirect(url_for("auth.keep_account"))
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not check_password_hash(current_user.password_hash or "", form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            set_password(current_user, form.new_password.data)
            db.session.commit()
            start_session(current_user._get_current_object())
            flash(_("Your password is changed. Your other sessions are closed."), "success")
            return redirect(url_for("auth.account"))
    status = 422 if form.errors else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/account/keep", methods=["GET", "POST"])
@login_required
def keep_account():
    """A guest account made on joining a workshop gets an email and a password, so that
    its owner can log in again from another device."""
    if not current_user.is_guest:
        abort_with(409, _("Your account already has an email address."))
    form = GuestAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            keep_guest_account(user, form.email.data, form.password.data)
        except IntegrityError:
            db.session.rollback()
            form.email.errors.append(_("An account already uses this address."))
        else:
            db.session.commit()
            start_session(user)
            flash(_("Your account is kept: log in with this address from now on."), "success")
            return redirect(url_for("auth.account"))
    status = 422 if form.errors else 200
    return render_template("auth/keep_account.html", form=form), status


@bp.post("/language")
def language():
    form = LanguageForm()
    if not form.validate_on_submit():
        return redirect(safe_next(request.form.get("next")))
    session["locale"] = form.locale.data
    if current_user.is_authenticated:
        current_user.locale = form.locale.data
        db.session.commit()
    return redirect(safe_next(request.form.get("next")))
