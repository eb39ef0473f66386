"""One export in a process of its own, so that its peak memory is its own:
`python -m tests.bench.exports DATABASE_URL SLUG NUMBER FORMAT` prints one line of JSON
with the time, the size, the resident memory before rendering and the peak after."""

from __future__ import annotations

import json
import resource
import sys
import time

from sqlalchemy import select

from plan.app import create_app
from plan.extensions import db
from plan.frame.models import Plan
from plan.versions.models import PlanVersion
from plan.versions.render import render
from plan.versions.services import document_of


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(url: str, slug: str, number: int, fmt: str) -> dict[str, float]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark"})
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        version = db.session.scalar(
            select(PlanVersion)
            .join(Plan, Plan.id == PlanVersion.plan_id)
            .where(Plan.slug == slug, PlanVersion.number == number)
        )
        document = document_of(version)
        before = peak_rss_mb()
        started = time.perf_counter()
        data = render(document, fmt)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "bytes": len(data),
        "rss_before_mb": before,
        "peak_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    database_url, plan_slug, version_number, format_name = sys.argv[1:5]
    print(json.dumps(export(database_url, plan_slug, int(version_number), format_name)))
