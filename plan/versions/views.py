"""Pages of the plan's versions: list, consolidation, reading, comparison, downloads."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from plan.access import load_plan, require
from plan.errors import abort_with
from plan.extensions import db
from plan.frame.models import Plan
from plan.permissions import can_consolidate, can_read_draft_versions
from plan.versions import cache, render, services
from plan.versions.diff import diff_snapshots
from plan.versions.forms import DraftForm, PublishForm, StatusForm
from plan.versions.models import VERSION_STATUS_LABELS, PlanVersion, VersionStatus
from plan.versions.render.html import document_view, markdown_html

bp = Blueprint("versions", __name__)


def publication_reasons(problems: list[str]) -> list[str]:
    """What stops a version from being published (services.publication_problems), in
    words; the command line says them too."""
    reasons = {
        "three_challenges": _("the plan must have exactly three challenges"),
        "no_adopted_action": _("no action is adopted yet"),
    }
    return [reasons[code] for code in problems]


def _message(error: services.VersionError) -> str:
    details = error.details
    if error.code == "not_publishable":
        return _(
            "This version cannot be published: %(reasons)s.",
            reasons=", ".join(publication_reasons(details["problems"])),
        )
    if error.code == "transition":
        return _(
            "A version « %(source)s » cannot become « %(target)s ».",
            source=VERSION_STATUS_LABELS[details["source"]],
            target=VERSION_STATUS_LABELS[details["target"]],
        )
    messages = {
        "published": _("This version is already published: its content never changes."),
        "draft": _("Publish the draft first."),
        "status": _("Choose one of the statuses offered."),
        "number": _("The version number could not be given. Please try again."),
    }
    return messages[error.code]


def _refuse(error: services.VersionError):  # type: ignore[no-untyped-def]
    db.session.rollback()
    abort_with(error.status, _message(error))


def _version(plan: Plan, number: int) -> PlanVersion:
    """A version the person may read: drafts are for the facilitation."""
    version = db.session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id, PlanVersion.number == number)
        .options(joinedload(PlanVersion.created_by), joinedload(PlanVersion.published_by))
    )
    if version is None or (version.is_draft and not can_read_draft_versions(current_user, plan)):
        abort(404)
    return version


def _tampered(version: PlanVersion) -> None:
    abort_with(
        500,
        _(
            "Version %(num)d no longer matches its fingerprint (SHA-256): it is not "
            "shown. The team has been told.",
            num=version.number,
        ),
    )


def _cannot_compare(error: services.TamperedVersion) -> None:
    """The draft is (re)built against the last published version, which must be intact."""
    db.session.rollback()
    abort_with(
        500,
        _(
            "Version %(num)d no longer matches its fingerprint (SHA-256): the draft cannot "
            "be compared with it. The team has been told.",
            num=error.version.number,
        ),
    )


def _rendered(kind: str, versions: tuple[PlanVersion, ...], build: Callable[[], bytes]) -> bytes:
    """What `build` makes of these versions, kept once made (plan.versions.cache); only
    ever from snapshots that match their hash, never from a tampered document."""
    try:
        return cache.rendered(kind, versions, build)
    except services.TamperedVersion as error:
        _tampered(error.version)


@bp.get("/plans/<slug>/versions")
def index(slug: str):
    plan = load_plan(slug)
    versions = [
        v
        for v in services.versions_of(plan)
        if not v.is_draft or can_read_draft_versions(current_user, plan)
    ]
    return render_template("versions/list.html", plan=plan, versions=versions)


@bp.post("/plans/<slug>/versions/consolidate")
def consolidate(slug: str):
    plan = load_plan(slug)
    require(can_consolidate(current_user, plan))
    try:
        version = services.consolidate(plan, current_user)
    except services.VersionError as error:
        _refuse(error)
    except services.TamperedVersion as error:
        _cannot_compare(error)
    db.session.commit()
    flash(
        _("Draft version %(num)d is built from the plan as it stands.", num=version.number),
        "success",
    )
    return redirect(url_for("versions.edit", slug=slug, number=version.number))


def _draft_page(plan: Plan, version: PlanVersion, form: DraftForm, status: int = 200):
    problems = services.publication_problems(version.snapshot)
    return render_template(
        "versions/edit.html",
        plan=plan,
        version=version,
        form=form,
        publish_form=PublishForm(),
        problems=[_message(services.VersionError("not_publishable", problems=problems))]
        if problems
        else [],
    ), status


@bp.route("/plans/<slug>/versions/<int:number>/edit", methods=["GET", "POST"])
def edit(slug: str, number: int):
    plan = load_plan(slug)
    require(can_consolidate(current_user, plan))
    version = _version(plan, number)
    if not version.is_draft:
        abort_with(409, _message(services.VersionError("published")))
    form = DraftForm(obj=version).setup(version)
    if form.validate_on_submit():
        # A changelog sent back as the page showed it is not the coordinator's text: the
        # draft keeps its own (maybe rebuilt since), rewritten if still the suggestion.
        changelog = None if form.changelog_untouched() else form.changelog.data
        try:
            services.consolidate(
                plan, current_user, introduction=form.introduction.data, changelog=changelog
            )
        except services.TamperedVersion as error:
            _cannot_compare(error)
        db.session.commit()
        flash(_("The draft is rebuilt with your text."), "success")
        return redirect(url_for("versions.edit", slug=slug, number=number))
    return _draft_page(plan, version, form, 422 if form.errors else 200)


@bp.post("/plans/<slug>/versions/<int:number>/publish")
def publish(slug: str, number: int):
    plan = load_plan(slug)
    require(can_consolidate(current_user, plan))
    version = _version(plan, number)
    if not version.is_draft:
        abort_with(409, _message(services.VersionError("published")))
    form = PublishForm()
    if not form.validate_on_submit():
        return _draft_page(plan, version, DraftForm(obj=version).setup(version), 422)
    try:
        services.publish(version, current_user, VersionStatus(form.status.data))
    except services.VersionError as error:
        _refuse(error)
    except services.TamperedVersion:
        _tampered(version)
    db.session.commit()
    flash(
        _("Version %(num)d is published: its content will never change.", num=number),
        "success",
    )
    return redirect(url_for("versions.show", slug=slug, number=number))


@bp.post("/plans/<slug>/versions/<int:number>/status")
def status(slug: str, number: int):
    plan = load_plan(slug)
    require(can_consolidate(current_user, plan))
    version = _version(plan, number)
    form = StatusForm().setup(version)
    if not form.validate_on_submit():
        abort_with(422, _message(services.VersionError("status", 422)))
    try:
        services.change_status(version, VersionStatus(form.status.data))
    except services.VersionError as error:
        _refuse(error)
    db.session.commit()
    flash(_("Version %(num)d is now « %(status)s ».", num=number, status=version.status_label))
    return redirect(url_for("versions.show", slug=slug, number=number))


@bp.get("/plans/<slug>/versions/<int:number>")
def show(slug: str, number: int):
    plan = load_plan(slug)
    version = _version(plan, number)

    def build() -> bytes:
        document = services.document_of(version)
        return render_template(
            "versions/_document.html",
            doc=document,
            v=document_view(document),
            markdown_html=markdown_html,
        ).encode()

    document_html = _rendered("page", (version,), build).decode()
    return render_template(
        "versions/show.html",
        plan=plan,
        version=version,
        document_html=Markup(document_html),  # noqa: S704 - our template's output
        formats=list(render.FORMATS),
        status_form=StatusForm().setup(version),
        can_consolidate=can_consolidate(current_user, plan),
    )


@bp.get("/plans/<slug>/versions/compare")
def choose_comparison(slug: str):
    """The list page's form: two version numbers, then the comparison's own address."""
    load_plan(slug)
    old = request.args.get("from", type=int)
    new = request.args.get("to", type=int)
    if old is None or new is None:
        abort_with(400, _("Choose two versions to compare."))
    return redirect(url_for("versions.compare", slug=slug, old=old, new=new))


@bp.get("/plans/<slug>/versions/<int:old>...<int:new>")
def compare(slug: str, old: int, new: int):
    plan = load_plan(slug)
    before = _version(plan, old)
    after = _version(plan, new)

    def build() -> bytes:
        return render_template(
            "versions/_diff.html",
            old=before,
            new=after,
            diff=diff_snapshots(before.snapshot, after.snapshot),
        ).encode()

    diff_html = _rendered("comparison", (before, after), build).decode()
    return render_template(
        "versions/compare.html",
        plan=plan,
        old=before,
        new=after,
        diff_html=Markup(diff_html),  # noqa: S704 - our template's output
    )


def _download(plan: Plan, version: PlanVersion, fmt: str) -> Response:
    data = _rendered(
        f"download-{fmt}",
        (version,),
        lambda: render.render(services.document_of(version), fmt),
    )
    response = Response(data, mimetype=render.media_type(fmt))
    filename = f"{plan.slug}-v{version.number}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-SHA256"] = version.sha256
    return response


@bp.get("/plans/<slug>/versions/<int:number>/download/<fmt>")
def download(slug: str, number: int, fmt: str):
    plan = load_plan(slug)
    version = _version(plan, number)
    if fmt not in render.FORMATS:
        abort_with(
            400,
            _(
                "Unknown format « %(fmt)s ». Formats: %(formats)s.",
                fmt=fmt,
                formats=", ".join(render.FORMATS),
            ),
        )
    return _download(plan, version, fmt)
