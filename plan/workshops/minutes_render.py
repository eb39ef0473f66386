"""The minutes (« compte rendu ») of an ended workshop: what it holds, as a page, as
Markdown and as PDF.

`minutes_of` reads the workshop once, with a fixed number of queries; the three formats
print the same report. Names typed by guests are user text: Jinja escapes them in HTML
(and so in the PDF), `escape` escapes the Markdown specials.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from flask import render_template
from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from plan.actions.models import Action
from plan.extensions import db
from plan.formatting import datetime_filter, person_filter
from plan.frame.models import Plan
from plan.versions.render.html import document_css
from plan.versions.render.markdown import Writer, escape, user_markdown
from plan.versions.render.pdf import NoNetworkFetcher
from plan.voting.ballots import results_context
from plan.voting.explain import explain
from plan.voting.labels import METHOD_LABELS, OUTCOME_LABELS, OUTCOME_SYMBOLS
from plan.voting.models import Ballot, BallotStatus
from plan.workshops import ideas as idea_pages  # ideas_of, looked up when called
from plan.workshops.models import (
    Workshop,
    WorkshopAgendaItem,
    WorkshopAttendee,
    WorkshopIdea,
    WorkshopParticipant,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="weasyprint")
    from weasyprint import HTML


@dataclass
class Person:
    name: str
    college: str
    guest: bool = False
    without_device: bool = False


@dataclass
class CollegeCount:
    name: str
    participants: int = 0
    without_device: int = 0

    @property
    def total(self) -> int:
        return self.participants + self.without_device


@dataclass
class OrganisationGroup:
    name: str
    to_check: bool = False
    people: list[Person] = field(default_factory=list)


@dataclass
class ResultLine:
    reference: str
    title: str
    outcome: str
    symbol: str
    sentence: str
    rank: int | None


@dataclass
class BallotReport:
    ballot: Ballot
    method: str
    still_open: bool
    closed_after: bool
    lines: list[ResultLine]
    summary: str


@dataclass
class Minutes:
    plan: Plan
    workshop: Workshop
    facilitators: list[str]
    colleges: list[CollegeCount]
    organisations: list[OrganisationGroup]
    participants: int
    without_device: int
    guests: int
    ballots: list[BallotReport]
    actions: list[Action]
    ideas: list[WorkshopIdea]

    @property
    def attendance(self) -> int:
        return self.participants + self.without_device

    @property
    def date(self) -> str:
        """« 12 mars 2021, 15:00 », in the plan's time zone."""
        starts = self.workshop.starts_at.replace(tzinfo=UTC)
        return f"{format_date(starts, 'long')}, {format_time(starts, 'short')}"

    def filename(self, extension: str) -> str:
        return f"{self.plan.slug}-atelier-{self.workshop.id}-compte-rendu.{extension}"


# --------------------------------------------------------------------------- reading


def _attendance(
    plan: Plan, workshop: Workshop
) -> tuple[list[CollegeCount], list[OrganisationGroup], int, int, int]:
    participants = db.session.scalars(
        select(WorkshopParticipant)
        .where(WorkshopParticipant.workshop_id == workshop.id)
        .where(WorkshopParticipant.removed_at.is_(None))
        .options(
            joinedload(WorkshopParticipant.user),
            joinedload(WorkshopParticipant.college),
            joinedload(WorkshopParticipant.organization),
        )
        .order_by(WorkshopParticipant.joined_at, WorkshopParticipant.id)
    ).all()
    attendees = db.session.scalars(
        select(WorkshopAttendee)
        .where(WorkshopAttendee.workshop_id == workshop.id)
        .options(joinedload(WorkshopAttendee.college), joinedload(WorkshopAttendee.organization))
        .order_by(WorkshopAttendee.id)
    ).all()
    no_college = _("Without a college")
    counts = {college.id: CollegeCount(college.name) for college in plan.colleges}
    others = CollegeCount(no_college)
    groups: dict[tuple[str, bool], OrganisationGroup] = {}

    def add(person: Person, organisation: str, to_check: bool) -> None:
        key = (organisation, to_check)
        groups.setdefault(key, OrganisationGroup(organisation, to_check)).people.append(person)

    for row in participants:
        counts.get(row.college_id, others).participants += 1
        person = Person(
            person_filter(row.user), row.college.name if row.college else no_college, row.is_guest
        )
        if row.organization is not None:
            add(person, row.organization.name, False)
        elif row.organization_name_to_check:
            add(person, row.organization_name_to_check, True)
        else:
            add(person, "", False)
    for row in attendees:
        counts.get(row.college_id, others).without_device += 1
        person = Person(
            row.name, row.college.name if row.college else no_college, without_device=True
        )
        add(person, row.organization.name if row.organization else "", False)
    colleges = [count for count in counts.values() if count.total] + (
        [others] if others.total else []
    )
    # Organisations by name, people without one last; people by name inside each.
    ordered = sorted(groups.values(), key=lambda g: (not g.name, g.name.casefold(), g.to_check))
    for group in ordered:
        group.people.sort(key=lambda p: p.name.casefold())
    guests = sum(1 for row in participants if row.is_guest)
    return colleges, ordered, len(participants), len(attendees), guests


def _ballot_report(workshop: Workshop, ballot: Ballot) -> BallotReport:
    method = ballot.method.value
    if ballot.status != BallotStatus.CLOSED:
        return BallotReport(ballot, method, True, False, [], "")
    context = results_context(ballot)
    results = context["results"] or {}
    lines = []
    for entry in context["entries"]:
        result = entry["result"]
        if method == "dot_voting":
            sentence = ngettext("%(num)d dot", "%(num)d dots", result["dots"])
        else:
            sentence = explain(method, result["explanation"])
        outcome = result.get("outcome", "ranked")
        lines.append(
            ResultLine(
                reference=entry["reference"],
                title=entry["title"],
                outcome=str(OUTCOME_LABELS.get(outcome, outcome)),
                symbol=OUTCOME_SYMBOLS.get(outcome, ""),
                sentence=sentence,
                rank=entry.get("rank"),
            )
        )
    summary = ""
    if method == "dot_voting" and results.get("dots"):
        summary = explain(method, results["dots"]["explanation"])
    closed_after = bool(
        workshop.ended_at and ballot.closed_at and ballot.closed_at > workshop.ended_at
    )
    return BallotReport(ballot, method, False, closed_after, lines, summary)


def minutes_of(plan: Plan, workshop: Workshop) -> Minutes:
    """Everything the minutes print (a fixed number of queries)."""
    agenda = db.session.scalars(
        select(WorkshopAgendaItem)
        .where(WorkshopAgendaItem.workshop_id == workshop.id)
        .order_by(WorkshopAgendaItem.position)
        .options(
            joinedload(WorkshopAgendaItem.ballot).joinedload(Ballot.result),
            joinedload(WorkshopAgendaItem.action).joinedload(Action.current_revision),
        )
    ).all()
    facilitators = db.session.scalars(
        select(Workshop)
        .where(Workshop.id == workshop.id)
        .options(selectinload(Workshop.facilitators))
    ).one()
    colleges, organisations, participants, without_device, guests = _attendance(plan, workshop)
    return Minutes(
        plan=plan,
        workshop=workshop,
        facilitators=[user.display_name for user in facilitators.facilitators],
        colleges=colleges,
        organisations=organisations,
        participants=participants,
        without_device=without_device,
        guests=guests,
        ballots=[_ballot_report(workshop, e.ballot) for e in agenda if e.ballot is not None],
        actions=[e.action for e in agenda if e.action is not None],
        ideas=idea_pages.ideas_of(workshop),
    )


# --------------------------------------------------------------------------- formats


def minutes_context(minutes: Minutes) -> dict[str, Any]:
    return {"m": minutes, "method_labels": METHOD_LABELS, **SENTENCES}


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as PDF: WeasyPrint on a standalone page with the document stylesheet,
    nothing fetched from anywhere."""
    html = render_template(
        "workshops/_minutes_standalone.html",
        css=Markup(document_css()),  # noqa: S704 - the app's own stylesheet
        **minutes_context(minutes),
    )
    pdf = HTML(string=html, base_url=None, url_fetcher=NoNetworkFetcher()).write_pdf(pdf_tags=True)
    return bytes(pdf)


def _person(person: Person) -> str:
    notes = [escape(person.college)]
    if person.guest:
        notes.append(_("guest"))
    if person.without_device:
        notes.append(_("present without a device"))
    return f"{escape(person.name)} ({', '.join(notes)})"


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown: every text typed by people is escaped, the notes are the
    facilitation's Markdown made safe."""
    workshop = minutes.workshop
    w = Writer()
    w.heading(1, _("Minutes — %(title)s", title=workshop.title))
    facts = [
        f"**{_('Plan')}** : {escape(minutes.plan.title)}",
        f"**{_('Date')}** : {escape(minutes.date)}",
        f"**{_('Format')}** : {escape(workshop.format_label)}",
    ]
    if workshop.place:
        facts.append(f"**{_('Place')}** : {escape(workshop.place)}")
    if minutes.facilitators:
        facts.append(f"**{_('Facilitation')}** : {escape(', '.join(minutes.facilitators))}")
    w.bullets(facts, escaped=True)

    w.heading(2, _("Attendance"))
    w.add(escape(attendance_sentence(minutes), line_start=True))
    if minutes.colleges:
        w.table(
            _("Attendance by college"),
            [_("College"), _("With a device"), _("Without a device"), _("Total")],
            ([c.name, c.participants, c.without_device, c.total] for c in minutes.colleges),
            right=[1, 2, 3],
            foot=[_("Total"), minutes.participants, minutes.without_device, minutes.attendance],
        )
    if minutes.organisations:
        w.heading(3, _("Attendance by organisation"))
        w.bullets(
            (
                f"**{escape(organisation_label(group))}** : "
                + " ; ".join(_person(p) for p in group.people)
                for group in minutes.organisations
            ),
            escaped=True,
        )

    w.heading(2, _("Ballots"))
    if not minutes.ballots:
        w.add(escape(_("No ballot was on the agenda.")))
    for report in minutes.ballots:
        ballot = report.ballot
        w.heading(3, _("Ballot %(num)d — %(title)s", num=ballot.number, title=ballot.title))
        w.add(escape(str(METHOD_LABELS[report.method]), line_start=True))
        if report.still_open:
            w.add(escape(still_open_sentence(), line_start=True))
            continue
        if report.closed_after:
            w.add(escape(closed_after_sentence(ballot), line_start=True))
        if report.summary:
            w.add(escape(report.summary, line_start=True))
        w.bullets(
            (
                f"{escape(line.reference)} {escape(line.title)} — "
                f"{line.symbol} {escape(line.outcome)} : {escape(line.sentence)}"
                for line in report.lines
            ),
            escaped=True,
        )

    w.heading(2, _("Actions discussed"))
    if minutes.actions:
        w.bullets(
            (f"{escape(a.reference)} {escape(a.title)}" for a in minutes.actions), escaped=True
        )
    else:
        w.add(escape(_("No action was on the agenda.")))

    w.heading(2, _("Ideas captured"))
    if minutes.ideas:
        w.table(
            ngettext("%(num)d idea", "%(num)d ideas", len(minutes.ideas)),
            [_("Reference"), _("Title"), _("Challenge"), _("Author")],
            (
                [
                    i.action.reference,
                    i.action.title,
                    challenge_label(i.action),
                    person_filter(i.action.author),
                ]
                for i in minutes.ideas
            ),
        )
    else:
        w.add(escape(_("No idea was captured.")))

    w.heading(2, _("Facilitation notes"))
    notes = user_markdown(workshop.notes, 3)
    w.add(notes or escape(_("No notes.")))
    return w.text()


# --------------------------------------------------------------------------- sentences


def attendance_sentence(minutes: Minutes) -> str:
    return _(
        "Present: %(total)d — with a device: %(participants)d (guests: %(guests)d), "
        "without a device: %(without)d.",
        total=minutes.attendance,
        participants=minutes.participants,
        guests=minutes.guests,
        without=minutes.without_device,
    )


def organisation_label(group: OrganisationGroup) -> str:
    if not group.name:
        return _("Without an organisation")
    if group.to_check:
        return _("%(name)s (to be checked by the facilitation)", name=group.name)
    return group.name


def challenge_label(action: Action) -> str:
    return _(
        "Challenge %(num)d: %(title)s",
        num=action.challenge.position,
        title=action.challenge.title,
    )


def still_open_sentence() -> str:
    return _("This ballot was still open when the workshop ended: its results come at its close.")


def closed_after_sentence(ballot: Ballot) -> str:
    return _(
        "This ballot closed after the workshop, on %(when)s.",
        when=datetime_filter(ballot.closed_at, "short"),
    )


SENTENCES = {
    "attendance_sentence": attendance_sentence,
    "organisation_label": organisation_label,
    "challenge_label": challenge_label,
    "still_open_sentence": still_open_sentence,
    "closed_after_sentence": closed_after_sentence,
}
