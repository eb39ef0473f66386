"""Benchmark: a version of N actions (300 by default) exported to every format.

Prints, for each format, the time taken, the size of the file and the process's peak
memory so far. Run from the project's root:

    python -m tests.benchmarks.export_large_plan [N]
"""

from __future__ import annotations

import resource
import sys
import time

from plan.app import create_app
from plan.versions.render import FORMATS, Document, render
from plan.versions.snapshot import sha256_of
from tests.test_versions_render_web import large_snapshot


def main(count: int) -> None:
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "benchmark", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    with app.app_context():
        snapshot = large_snapshot(count)
        document = Document(snapshot, 3, "validated", "Validée", "2021-05-31", sha256_of(snapshot))
        print(f"{count} actions")
        for fmt in FORMATS:
            started = time.perf_counter()
            data = render(document, fmt)
            seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"{fmt:>5}: {seconds:7.2f} s  {len(data) / 1024:9.0f} Kio  peak {peak} Mio")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
