"""The `capcommun` command: Flask's CLI bound to the app, plus Cap Commun's own commands."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from plan.app import create_app, instance_path
from plan.demo.large_world import DEFAULT_SEED
from plan.extensions import db

DEFAULT_WORKERS = 3


def ensure_instance_secret_key() -> None:
    """Give the demo a stable secret key, stored in the instance folder, unless one is set."""
    if os.environ.get("SECRET_KEY"):
        return
    folder = instance_path()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)


@click.command("ballots")
@with_appcontext
def ballots_command() -> None:
    """Open and close the ballots whose scheduled time has come (for a cron job; ballot
    pages do it too when they are read)."""
    from sqlalchemy import select

    from plan.frame.models import Plan
    from plan.voting.services import apply_schedule

    moved = [
        ballot for plan in db.session.scalars(select(Plan)).all() for ballot in apply_schedule(plan)
    ]
    db.session.commit()
    for ballot in moved:
        state = "clos" if ballot.is_closed else "ouvert"
        click.echo(f"{ballot.plan.slug} : scrutin {ballot.number} {state}")


def _plan_or_fail(slug: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from plan.frame.models import Plan

    plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
    if plan is None:
        raise click.ClickException(f"aucun plan « {slug} »")
    return plan


@click.command("consolidate")
@click.argument("slug")
@with_appcontext
def consolidate_command(slug: str) -> None:
    """Build (or rebuild) the draft version of plan SLUG from the plan as it stands."""
    from flask_babel import force_locale

    from plan.versions.services import TamperedVersion, consolidate, publication_problems
    from plan.versions.views import publication_reasons

    try:
        version = consolidate(_plan_or_fail(slug), None)
    except TamperedVersion as error:
        raise click.ClickException(
            f"la version {error.version.number} ne correspond plus à son empreinte SHA-256 : "
            "le brouillon ne peut pas lui être comparé"
        ) from error
    db.session.commit()
    click.echo(f"Version {version.number} (brouillon) : {version.sha256}")
    problems = publication_problems(version.snapshot)
    if problems:
        with force_locale("fr"):
            reasons = publication_reasons(problems)
        click.echo("Pas encore publiable : " + ", ".join(reasons))


@click.command("export")
@click.argument("slug")
@click.argument("number", type=int)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["html", "pdf", "odt", "docx", "md", "json", "csv", "xlsx"]),
)
@click.option("--output", type=click.Path(dir_okay=True, path_type=Path), default=None)
@with_appcontext
def export_command(slug: str, number: int, fmt: str, output: Path | None) -> None:
    """Export version NUMBER of plan SLUG (to the file or folder OUTPUT, or the current
    folder under its own name)."""
    from sqlalchemy import select

    from plan.versions.models import PlanVersion
    from plan.versions.render import render
    from plan.versions.services import TamperedVersion, document_of, verify

    plan = _plan_or_fail(slug)
    version = db.session.scalar(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.number == number)
    )
    if version is None:
        raise click.ClickException(f"le plan « {slug} » n'a pas de version {number}")
    try:
        verify(version)
    except TamperedVersion as error:
        raise click.ClickException(
            f"la version {number} ne correspond plus à son empreinte SHA-256 : export refusé"
        ) from error
    document = document_of(version)
    target = output or Path(document.filename(fmt))
    if target.is_dir():
        target = target / document.filename(fmt)
    target.write_bytes(render(document, fmt))
    click.echo(f"{target} ({version.sha256[:12]})")


@click.command("archive")
@click.argument("slug")
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File."
)
@with_appcontext
def archive_command(slug: str, output: Path) -> None:
    """Write a lossless archive of plan SLUG (JSON, see the README) to OUTPUT."""
    import json
    from datetime import datetime

    from plan.archive import archive_plan

    plan = _plan_or_fail(slug)
    document = archive_plan(plan.id, plan.slug, datetime.now())
    output.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True))
    rows = sum(len(rows) for rows in document["tables"].values())
    click.echo(f"{output} : {rows} lignes, {len(document['users'])} comptes")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", default=None, help="Address of the restored plan (default: its own).")
@with_appcontext
def restore_command(archive: Path, slug: str | None) -> None:
    """Rebuild the plan of ARCHIVE in this database (all or nothing)."""
    import json

    from plan.archive import ArchiveError, restore_plan

    try:
        document = json.loads(archive.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{archive} n'est pas un fichier JSON lisible") from error
    try:
        restored = restore_plan(document, slug)
    except ArchiveError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(
        f"Plan « {restored['slug']} » restauré : {restored['rows']} lignes, "
        f"{restored['users_created']} comptes créés, "
        f"{restored['versions_checked']} versions vérifiées."
    )
    if restored["renewed"]:
        click.echo("Codes et liens renouvelés (déjà pris ici) : " + ", ".join(restored["renewed"]))


@click.command("backup")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(output: Path) -> None:
    """Copy the whole SQLite database to OUTPUT while the app serves (for PostgreSQL, use
    pg_dump: see the README)."""
    from plan.backup import NotSQLite, backup_sqlite

    try:
        pages = backup_sqlite(db.engine, output)
    except NotSQLite as error:
        raise click.ClickException(
            "capcommun backup copie une base SQLite ; pour PostgreSQL, utilisez pg_dump "
            "(voir le README, section Exploitation)"
        ) from error
    click.echo(f"{output} : copie cohérente de la base ({pages} pages)")


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to serve on.")
@click.option("--workers", default=DEFAULT_WORKERS, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the database and stop.")
@click.option(
    "--scale",
    type=click.Choice(["small", "large"]),
    default="small",
    show_default=True,
    help="small: the demo plan; large: also a generated plan of 1,000 actions (benchmarks).",
)
@click.option(
    "--seed", default=DEFAULT_SEED, show_default=True, type=int, help="Seed of the large plan."
)
@with_appcontext
def demo_command(host: str, port: int, workers: int, no_serve: bool, scale: str, seed: int) -> None:
    """Upgrade the database, load the demo plan if missing, then serve with gunicorn."""
    from plan.demo import content
    from plan.demo.loader import DEMO_PASSWORD, load_demo

    upgrade()
    if load_demo() is None:
        click.echo("Le plan de démonstration est déjà chargé.")
    else:
        db.session.commit()
        click.echo("Plan de démonstration chargé.")
    accounts = [
        ("coordinatrice@example.org", "coordinatrice"),
        ("animateur@example.org", "animateur"),
        ("contributrice@example.org", "contributrice"),
        ("admin@example.org", "administrateur"),
    ]
    slug = content.PLAN["slug"]
    if scale == "large":
        from plan.demo.large import ACCOUNTS, SLUG, load_and_report

        load_and_report(seed, click.echo)
        slug = SLUG
        accounts = ACCOUNTS + accounts
    db.session.remove()
    db.engine.dispose()

    url = f"http://{host}:{port}/plans/{slug}"
    click.echo(f"\nCap Commun : {url}")
    click.echo(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
    width = max(len(email) for email, _role in accounts)
    for email, role in accounts:
        click.echo(f"  {email:<{width}} {role}")
    if no_serve:
        return
    sys.stdout.flush()
    # The demo speaks plain HTTP (possibly to phones on the local network): cookies marked
    # Secure would never come back and nobody could log in.
    os.environ["CAPCOMMUN_SECURE_COOKIES"] = "false"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        # A PDF of a plan of a hundred actions takes longer than the default 30 s.
        "--timeout",
        "120",
        "--access-logfile",
        "-",
        "plan.app:create_app()",
    ]
    os.execv(sys.executable, command)  # noqa: S606 - fixed argument list, no shell


@click.command("create-admin")
@click.argument("email")
@click.option("--name", "display_name", default=None, help="Display name (default: the email).")
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the password from this file instead of asking.",
)
@with_appcontext
def create_admin_command(email: str, display_name: str | None, password_file: Path | None) -> None:
    """Create an administrator account (or make an existing account administrator)."""
    from auth.services import MIN_PASSWORD_LENGTH, create_user, find_user_by_email, set_password

    if password_file:
        password = password_file.read_text().strip()
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères."
        )
    user = find_user_by_email(email)
    if user is None:
        create_user(email, password, display_name or email, is_admin=True)
        click.echo(f"Compte administrateur créé : {email}")
    else:
        user.is_admin = True
        set_password(user, password)
        click.echo(f"Le compte {email} est désormais administrateur.")
    db.session.commit()


def register_commands(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(ballots_command)
    app.cli.add_command(consolidate_command)
    app.cli.add_command(export_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(archive_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(backup_command)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        ensure_instance_secret_key()
    cli = FlaskGroup(create_app=create_app, help="Cap Commun.")
    cli.main(prog_name="capcommun")
