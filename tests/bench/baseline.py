"""The bare baseline the benchmark compares with: Flask + Flask-SQLAlchemy, one endpoint
that inserts one row per request and commits, one that answers 204, served by gunicorn
with the same settings as the app (`gunicorn "tests.bench.baseline:create_app()"`).

Its database is BASELINE_DATABASE_URL, with the same engine settings as the app: importing
plan.app registers its SQLite listeners on every engine (WAL, busy timeout, BEGIN
IMMEDIATE for a request that writes)."""

from __future__ import annotations

import os

from flask import Flask, Response, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

import plan.app  # noqa: F401 - the SQLite engine settings of the app
from plan.config import normalise_database_url


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Row(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "bench_baseline_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    voter: Mapped[int]
    item: Mapped[int]
    choice: Mapped[str]


def create_app(url: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        url or os.environ["BASELINE_DATABASE_URL"]
    )
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    db.init_app(app)

    @app.get("/healthz")
    def healthz() -> Response:
        return Response(status=204)

    @app.get("/empty")
    def empty() -> Response:
        return Response(status=204)

    @app.post("/insert")
    def insert() -> Response:
        db.session.add(
            Row(
                voter=request.form.get("voter", 0, type=int),
                item=request.form.get("item", 0, type=int),
                choice=request.form.get("choice", "")[:20],
            )
        )
        db.session.commit()
        return Response("ok", status=200)

    return app


def create_table(url: str) -> None:
    app = create_app(url)
    with app.app_context():
        db.create_all()
        db.engine.dispose()


def count_rows(url: str) -> int:
    app = create_app(url)
    with app.app_context():
        count = db.session.query(Row).count()
        db.session.remove()
        db.engine.dispose()
    return count
