"""The plan document as PDF: WeasyPrint on the standalone HTML, with no network access.

The cover page, the table of contents with page numbers and the footer (plan, version,
date, short hash, « page N / M ») all come from `static/css/document.css`.
"""

from __future__ import annotations

import warnings

from plan.versions.render import Document
from plan.versions.render.html import standalone_html

with warnings.catch_warnings():
    # Older system libraries make WeasyPrint warn at import; the rendering is the same.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="weasyprint")
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher


class NoNetworkFetcher(URLFetcher):
    """Refuses every URL: the document is self-contained, nothing is fetched."""

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        raise ValueError(f"no external resource in a plan document: {url[:80]}")


def render_pdf(document: Document) -> bytes:
    html = standalone_html(document)
    pdf = HTML(string=html, base_url=None, url_fetcher=NoNetworkFetcher()).write_pdf(
        # The same content gives the same file identifier (dates come from the version's).
        pdf_identifier=document.sha256.encode("ascii")[:32],
        # Tagged: headings, lists and tables for screen readers (public-sector readers).
        pdf_tags=True,
    )
    return bytes(pdf)


render = render_pdf
