"""Forms of the versions: the draft's text, publication, status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, TextAreaField

from plan.validation import text_length
from plan.versions.models import PUBLISHED, VERSION_STATUS_LABELS, PlanVersion


def unix_lines(value: str | None) -> str | None:
    """Browsers send CRLF: the frozen text keeps plain line feeds."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


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
            "Pre-filled from the comparison with the last published version: read it, "
            "correct it, complete it. Markdown."
        ),
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
