"""Settings: environment over the instance config file over these defaults."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": None,
    "SQLALCHEMY_DATABASE_URI": None,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "BABEL_DEFAULT_LOCALE": "fr",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
    "LANGUAGES": ("fr", "en"),
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "CAPCOMMUN_LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
    "CAPCOMMUN_INVITATION_RATE_LIMIT": "20 per minute",
    "CAPCOMMUN_INVITATION_DAYS": 14,
    # Joining a workshop. A whole room may share one address (a village hall's box), so
    # successful joins per address are generous; wrong or closed codes are counted apart.
    "CAPCOMMUN_WORKSHOP_JOIN_RATE_LIMIT": "200 per minute",
    "CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP": "300 per minute",
    "CAPCOMMUN_WORKSHOP_WRONG_CODE_RATE_LIMIT": "15 per minute;60 per hour",
    "CAPCOMMUN_PUBLIC_URL": None,
    "CAPCOMMUN_MAIL_SENDER": "Cap Commun <no-reply@localhost>",
    "CAPCOMMUN_SMTP_HOST": None,
    "CAPCOMMUN_SMTP_PORT": 587,
    "CAPCOMMUN_SMTP_USER": None,
    "CAPCOMMUN_SMTP_PASSWORD": None,
    "CAPCOMMUN_SMTP_STARTTLS": True,
    "CAPCOMMUN_REDIS_URL": None,
    # Cookies only over HTTPS. Off for `capcommun demo`, which serves plain HTTP.
    "CAPCOMMUN_SECURE_COOKIES": True,
    # The Strict-Transport-Security header sent with every answer over HTTPS (never over
    # plain HTTP); empty: not sent, for a site whose other hosts still serve plain HTTP.
    "CAPCOMMUN_HSTS": "max-age=31536000; includeSubDomains",
    # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted, so that
    # rate limits see each visitor's address rather than the proxy's.
    "CAPCOMMUN_TRUSTED_PROXIES": 0,
    # Rendered versions kept on disk (plan.versions.cache): the folder (by default
    # instance/render-cache) and its budget in MB; 0 turns the cache off.
    "CAPCOMMUN_RENDER_CACHE_DIR": None,
    "CAPCOMMUN_RENDER_CACHE_MB": 512,
}

_INT_SETTINGS = {
    "CAPCOMMUN_INVITATION_DAYS",
    "CAPCOMMUN_SMTP_PORT",
    "CAPCOMMUN_TRUSTED_PROXIES",
    "CAPCOMMUN_RENDER_CACHE_MB",
}
_BOOL_SETTINGS = {"CAPCOMMUN_SMTP_STARTTLS", "CAPCOMMUN_SECURE_COOKIES"}


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at psycopg 3, whatever spelling the operator used."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def settings_from_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if environ.get("DATABASE_URL"):
        found["SQLALCHEMY_DATABASE_URI"] = environ["DATABASE_URL"]
    if environ.get("SECRET_KEY"):
        found["SECRET_KEY"] = environ["SECRET_KEY"]
    for name, value in environ.items():
        if not name.startswith("CAPCOMMUN_"):
            continue
        if name in _INT_SETTINGS:
            found[name] = int(value)
        elif name in _BOOL_SETTINGS:
            found[name] = value.strip().lower() in {"1", "true", "yes", "on"}
        else:
            found[name] = value
    return found


def instance_secret_key(instance_path: Path) -> str | None:
    """The key that `capcommun demo` generated and stored, if any."""
    path = instance_path / "secret_key"
    return path.read_text().strip() if path.exists() else None
