"""Forms of the versions: the draft's text, publication, status."""

from __future__ import annotations

import hashlib

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, TextAreaField

from plan.validation import text_length
from plan.versions.models import PUBLISHED, VERSION_STATUS_LABELS, PlanVersion


def unix_lines(value: str | None) -> str | None:
    """Browsers send CRLF: the frozen text keeps plain line feeds."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def fingerprint(text: str) -> str:
    """A text's fingerprint, whatever its line endings and surrounding blank space."""
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode()).hexdigest()


class DraftForm(FlaskForm):
    introduction = TextAreaField(
        _l("Editorial introduction"),
        filters=[unix_lines],
        validators=[text_length(20_000)],
        description=_l("Markdown. It opens the document, before the challenges."),
    )
    changelog = TextAreaField(
        _l("Changes since the previous version"),
        filters=[unix_lines],
        validators=[text_length(20_000)],
        description=_l(
            "Pre-filled from the comparison with the last published version, and written "
            "again at each rebuild until you change it: read it, correct it, complete it. "
            "Markdown."
        ),
    )
    # The fingerprint of the changelog as the page showed it: sent back unchanged, it is
    # not the coordinator's text (the draft may have been rebuilt since).
    changelog_shown = HiddenField()

    def setup(self, version: PlanVersion) -> DraftForm:
        if not self.changelog_shown.data:
            self.changelog_shown.data = fingerprint(version.changelog or "")
        return self

    def changelog_untouched(self) -> bool:
        return bool(self.changelog_shown.data) and self.changelog_shown.data == fingerprint(
            self.changelog.data or ""
        )


class PublishForm(FlaskForm):
    status = SelectField(
        _l("Publish as"),
        choices=[SelectChoice(s.value, VERSION_STATUS_LABELS[s]) for s in PUBLISHED],
    )


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=[], validate_choice=True)

    def setup(self, version: PlanVersion) -> StatusForm:
        from plan.versions.services import NEXT_STATUSES

        targets = [s for s in VERSION_STATUS_LABELS if s in NEXT_STATUSES.get(version.status, ())]
        self.status.choices = [SelectChoice(s.value, VERSION_STATUS_LABELS[s]) for s in targets]
        return self
