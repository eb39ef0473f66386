"""The benchmark runner (issue 7): `python -m tests.bench [--database sqlite|postgresql|both]
[--quick] [--output FILE]`.

For each database: a fresh database with the large demo (`capcommun demo --scale large
--no-serve`), the app under gunicorn with the production settings on a free loopback port,
a 300-phone workshop burst, the pages of the small and the large plan, then the bare
baseline (tests/bench/baseline.py) under the same gunicorn settings and the same load,
the consolidation of the large plan and the exports of its latest version. Prints a
Markdown table (also written to --output) with each figure, its target and whether it
holds. Not a test: nothing here is collected by pytest."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event, func, select

from plan.app import create_app
from plan.extensions import db
from tests.bench import baseline
from tests.bench.load import (
    GRADES,
    ROOT,
    BaselineTarget,
    Burst,
    Phone,
    Record,
    WorkshopTarget,
    run_burst,
    saturate,
    serve,
)
from tests.bench.pages import page_urls

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SMALL, LARGE = "hautes-alpes", "grand-territoire"
SECRET_KEY = "benchmark-secret-key-not-for-production"
FORMATS = ("html", "md", "json", "csv", "xlsx", "odt", "docx", "pdf")
TRANSACTION_CONTROL = ("BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")


# --------------------------------------------------------------------------- the table


@dataclass
class Line:
    section: str
    figure: str
    value: str
    target: str = ""
    holds: bool | None = None


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)

    def add(
        self, section: str, figure: str, value: str, target: str = "", holds: bool | None = None
    ) -> None:
        line = Line(section, figure, value, target, holds)
        self.lines.append(line)
        verdict = {True: "yes", False: "NO", None: ""}[holds]
        print(f"  {section} | {figure} | {value} | {target} | {verdict}", flush=True)

    def markdown(self, header: str) -> str:
        out = [
            header,
            "",
            "| section | figure | measured | target | holds |",
            "|---|---|---|---|---|",
        ]
        for line in self.lines:
            verdict = {True: "yes", False: "**no**", None: ""}[line.holds]
            out.append(
                f"| {line.section} | {line.figure} | {line.value} | {line.target} | {verdict} |"
            )
        return "\n".join(out) + "\n"


def quantiles(samples: list[float]) -> tuple[float, float, float]:
    """Median, p95 and p99, in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    if len(ms) < 2:
        value = ms[0] if ms else float("nan")
        return value, value, value
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return statistics.median(ms), cuts[94], cuts[98]


def spread(samples: list[float]) -> str:
    median, p95, p99 = quantiles(samples)
    return f"{median:.1f} / {p95:.1f} / {p99:.1f} ms (n={len(samples)})"


# --------------------------------------------------------------------------- the database


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """An empty SQLite file, or a PostgreSQL database created for the run and dropped after."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    name = f"capcommun_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def app_environment(url: str, folder: Path) -> dict[str, str]:
    """The production settings, with what a loopback benchmark needs."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET_KEY,
        "CAPCOMMUN_INSTANCE_PATH": str(folder),
        "FLASK_DEBUG": "0",
        # Plain HTTP on loopback: Secure cookies would never come back.
        "CAPCOMMUN_SECURE_COOKIES": "false",
        # Every simulated phone comes from 127.0.0.1: the per-address limits must let a
        # whole room through.
        "CAPCOMMUN_WORKSHOP_JOIN_RATE_LIMIT": "100000 per minute",
        "CAPCOMMUN_WORKSHOP_JOINS_PER_WORKSHOP": "100000 per minute",
    }


def build_large(url: str, folder: Path) -> float:
    started = time.perf_counter()
    capcommun = Path(sys.executable).with_name("capcommun")
    subprocess.run(  # noqa: S603 - our own console script
        [str(capcommun), "demo", "--scale", "large", "--no-serve"],
        env={**os.environ, **app_environment(url, folder)},
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def in_process_app(url: str) -> Flask:
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})


# --------------------------------------------------------------------------- set-up


@dataclass
class World:
    target: WorkshopTarget
    ballot_id: int
    pages: dict[str, dict[str, str]]


def prepare(app: Flask) -> World:
    """A live workshop on the large plan with an open ballot of 10 items, through the
    services; and the URLs of the pages to measure on both plans."""
    from auth.models import User
    from plan.demo.large import ACCOUNTS
    from plan.frame.models import Plan
    from plan.voting import services as voting
    from plan.voting.models import VotingMethod
    from plan.workshops import services

    with app.app_context():
        plan = db.session.scalar(select(Plan).where(Plan.slug == LARGE))
        coordinator = db.session.scalar(select(User).where(User.email == ACCOUNTS[0][0]))
        ballot = voting.create_ballot(
            plan,
            coordinator,
            title="Vote en atelier",
            method=VotingMethod.MAJORITY_JUDGMENT,
            actions=voting.votable_actions(plan)[:10],
        )
        voting.open_ballot(ballot, coordinator.id)
        workshop = services.create_workshop(
            plan,
            coordinator,
            {
                "title": "Atelier de 300 personnes",
                "starts_at": datetime(2026, 3, 12, 17, 0),
                "place": "Salle polyvalente",
                "format": "plenary",
                "description": "",
                "notes": "",
            },
            facilitators=[coordinator],
            ballots=[ballot],
            actions=[],
        )
        services.start_workshop(workshop, coordinator.id)
        db.session.commit()
        ballot_id = ballot.id
        target = WorkshopTarget(
            slug=LARGE,
            workshop_id=workshop.id,
            code=workshop.join_code,
            item_ids=[item.id for item in ballot.items],
            college_ids=[college.id for college in plan.colleges],
        )
        pages = {slug: page_urls(slug) for slug in (SMALL, LARGE)}
        db.session.remove()
    return World(target, ballot_id, pages)


def current_state(app: Flask, path: str) -> str:
    """The poll URL with the workshop's counter as it is now."""
    from plan.workshops.models import Workshop

    workshop_id = int(re.search(r"/workshops/(\d+)/", path).group(1))  # type: ignore[union-attr]
    with app.app_context():
        state = db.session.scalar(select(Workshop.state).where(Workshop.id == workshop_id))
        db.session.remove()
    return path.replace("{state}", str(state))


def query_counts(app: Flask, pages: dict[str, dict[str, str]]) -> dict[tuple[str, str], int]:
    """SQL statements per page, counted in-process with the Flask test client."""
    counts: dict[tuple[str, str], int] = {}
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.strip().upper() not in TRANSACTION_CONTROL:
            statements.append(statement)

    client = app.test_client()
    with app.app_context():
        engine = db.engine
    for slug, named in pages.items():
        for name, path in named.items():
            url = current_state(app, path) if "{state}" in path else path
            client.get(url)  # warm: compiled statements, caches
            statements.clear()
            event.listen(engine, "before_cursor_execute", record)
            try:
                client.get(url)
            finally:
                event.remove(engine, "before_cursor_execute", record)
            counts[(slug, name)] = len(statements)
    return counts


def votes_stored(app: Flask, ballot_id: int) -> int:
    from plan.voting.models import BallotItem, Vote

    with app.app_context():
        count = db.session.scalar(
            select(func.count(Vote.id))
            .join(BallotItem, BallotItem.id == Vote.item_id)
            .where(BallotItem.ballot_id == ballot_id)
        )
        db.session.remove()
    return count or 0


# --------------------------------------------------------------------------- measures


def time_requests(port: int, path: str, repetitions: int, warm: int = 3) -> tuple[list[float], int]:
    """Sequential GETs from one anonymous phone: latencies and the last status."""
    phone = Phone(port)
    for _ in range(warm):
        phone.request("GET", path)
    samples = []
    status = 0
    for _ in range(repetitions):
        status, _body, seconds = phone.request("GET", path)
        samples.append(seconds)
    return samples, status


def consolidation(
    app: Flask, repetitions: int
) -> tuple[list[float], float, list[float], list[str]]:
    """Times and peak traced memory of consolidating the large plan (rolled back each
    time), and the time to read the tables it reads with one plain SELECT each."""
    from auth.models import User
    from plan.demo.large import ACCOUNTS
    from plan.frame.models import Plan
    from plan.versions import services as versions

    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    times = []
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        engine = db.engine

        def once() -> float:
            plan = db.session.scalar(select(Plan).where(Plan.slug == LARGE))
            coordinator = db.session.scalar(select(User).where(User.email == ACCOUNTS[0][0]))
            started = time.perf_counter()
            versions.consolidate(plan, coordinator)
            db.session.flush()
            seconds = time.perf_counter() - started
            db.session.rollback()
            return seconds

        event.listen(engine, "before_cursor_execute", record)
        try:
            times.append(once())
        finally:
            event.remove(engine, "before_cursor_execute", record)
        times.extend(once() for _ in range(repetitions - 1))
        tracemalloc.start()
        once()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        names = {db.metadata.tables[name].name for name in db.metadata.tables}
        read = sorted(
            {
                name
                for statement in statements
                if statement.lstrip().upper().startswith("SELECT")
                for name in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', statement)
                if name in names
            }
        )
        plain = []
        for _ in range(repetitions):
            started = time.perf_counter()
            for name in read:
                list(db.session.execute(sa.text(f'SELECT * FROM "{name}"')).all())  # noqa: S608
            plain.append(time.perf_counter() - started)
            db.session.rollback()
        db.session.remove()
    return times, peak / 2**20, plain, read


def export_in_subprocess(url: str, fmt: str, timeout: float) -> dict[str, Any]:
    """One export in its own process; killed after `timeout` seconds, when its peak memory
    so far (VmHWM) is all there is to report."""
    from plan.frame.models import Plan
    from plan.versions.models import PlanVersion

    app = in_process_app(url)
    with app.app_context():
        number = db.session.scalar(
            select(func.max(PlanVersion.number))
            .join(Plan, Plan.id == PlanVersion.plan_id)
            .where(Plan.slug == LARGE)
        )
        db.session.remove()
        db.engine.dispose()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "tests.bench.exports", url, LARGE, str(number), fmt],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.DEVNULL,
        )
        started = time.monotonic()
        peak = 0.0
        while process.poll() is None:
            status = Path(f"/proc/{process.pid}/status")
            found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE)
            peak = max(peak, int(found.group(1)) / 1024 if found else 0.0)
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                return {"timeout": timeout, "peak_mb": peak}
            time.sleep(0.5)
        output.seek(0)
        lines = output.read().strip().splitlines()
    if process.returncode != 0 or not lines:
        return {"failed": process.returncode, "peak_mb": peak}
    return json.loads(lines[-1])


def export_line(report: Report, section: str, fmt: str, result: dict[str, Any]) -> None:
    limit = 60 if fmt == "pdf" else 10
    target = f"< {limit} s, < 1 GB"
    if "timeout" in result:
        value = f"stopped after {result['timeout']:.0f} s, peak RSS ≥ {result['peak_mb']:.0f} MB"
        report.add(section, f"export {fmt}", value, target, False)
    elif "failed" in result:
        value = f"failed (exit {result['failed']}), peak RSS {result['peak_mb']:.0f} MB"
        report.add(section, f"export {fmt}", value, target, False)
    else:
        report.add(
            section,
            f"export {fmt}",
            f"{result['seconds']:.2f} s, {result['bytes'] / 2**20:.1f} MB; process "
            f"RSS {result['rss_before_mb']:.0f} → peak {result['peak_mb']:.0f} MB",
            target,
            result["seconds"] < limit and result["peak_mb"] < 1024,
        )


# --------------------------------------------------------------------------- one database


def bench_database(kind: str, args: argparse.Namespace, report: Report, exports: bool) -> None:
    section = f"{kind}"
    repetitions = 20 if args.quick else 50
    with tempfile.TemporaryDirectory(prefix="capcommun-bench-") as name:
        folder = Path(name)
        with fresh_database(kind, folder) as url:
            print(f"== {kind}: building the large plan", flush=True)
            seconds = build_large(url, folder)
            report.add(
                section, "build of the large demo", f"{seconds:.0f} s", "< 180 s", seconds < 180
            )
            app = in_process_app(url)
            world = prepare(app)
            counts = query_counts(app, world.pages)
            env = app_environment(url, folder)
            shape = Burst(participants=args.participants, votes=10, seed=args.seed)

            print(f"== {kind}: the app under gunicorn, {args.workers} workers", flush=True)
            with serve(
                "plan.app:create_app()", env, folder / "app.log", workers=args.workers
            ) as server:
                time_requests(server.port, f"/plans/{LARGE}", 5)
                outcome = run_burst(server.port, world.target, shape)
                stored = votes_stored(app, world.ballot_id)
                peaks = server.worker_peak_rss_mb()
                latencies = {
                    (slug, page): time_requests(
                        server.port,
                        current_state(app, path) if "{state}" in path else path,
                        repetitions,
                    )
                    for slug, named in world.pages.items()
                    for page, path in named.items()
                }
                phones = []
                for number in range(args.concurrency):
                    phone = Phone(server.port)
                    phones.append((phone, world.target.join(phone, Record(), 10_000 + number)))
                ours = saturate(
                    server.port,
                    lambda phone, n: vote_now(world.target, phones, phone, n),
                    [phone for phone, _state in phones],
                    args.saturation_seconds,
                )
                peaks_after = server.worker_peak_rss_mb()

            print(f"== {kind}: the bare baseline under gunicorn", flush=True)
            baseline.create_table(url)
            base_env = {**env, "BASELINE_DATABASE_URL": url}
            with serve(
                "tests.bench.baseline:create_app()",
                base_env,
                folder / "baseline.log",
                workers=args.workers,
            ) as server:
                bare, _status = time_requests(server.port, "/empty", repetitions * 4)
                base_outcome = run_burst(server.port, BaselineTarget(), shape)
                rows = baseline.count_rows(url)
                theirs = saturate(
                    server.port,
                    lambda phone, n: phone.request(
                        "POST", "/insert", {"voter": n, "item": n % 10, "choice": "bien"}
                    ),
                    [Phone(server.port) for _ in range(args.concurrency)],
                    args.saturation_seconds,
                )

            burst_lines(
                report, section, shape, outcome, stored, base_outcome, rows, ours, theirs, args
            )
            bare_median = quantiles(bare)[0]
            report.add(section, "bare 204 (baseline)", spread(bare))
            page_lines(report, section, world, counts, latencies, bare_median)
            worst = max(peaks + peaks_after) if peaks else float("nan")
            report.add(
                section,
                "peak RSS of a gunicorn worker (VmHWM)",
                f"after the burst {max(peaks):.0f} MB; at the end {max(peaks_after):.0f} MB",
                "< 300 MB",
                worst < 300,
            )

            print(f"== {kind}: consolidation", flush=True)
            times, peak_mb, plain, tables = consolidation(app, 1 if args.quick else 3)
            took = statistics.median(times)
            plain_took = statistics.median(plain)
            report.add(
                section,
                "consolidation of the large plan",
                f"{took:.2f} s, traced peak {peak_mb:.0f} MB",
                "< 3 s",
                took < 3,
            )
            report.add(
                section,
                f"plain SELECT of its {len(tables)} tables",
                f"{plain_took:.2f} s; ratio {took / plain_took:.1f}",
                "ratio ≤ 3",
                took / plain_took <= 3,
            )
            with app.app_context():
                db.engine.dispose()
            if exports:
                print(f"== {kind}: exports", flush=True)
                for fmt in FORMATS:
                    if fmt == "pdf" and args.quick:
                        report.add(section, "export pdf", "skipped (--quick)", "< 60 s")
                        continue
                    result = export_in_subprocess(url, fmt, args.export_timeout)
                    export_line(report, section, fmt, result)


def vote_now(target: WorkshopTarget, phones: list, phone: Phone, n: int) -> tuple[int, str, float]:  # type: ignore[type-arg]
    state = next(s for p, s in phones if p is phone)
    item_id = target.item_ids[n % len(target.item_ids)]
    path = f"/plans/{target.slug}/workshops/{target.workshop_id}/items/{item_id}/vote"
    form = {"choice": random.choice(GRADES), "csrf_token": state["csrf"]}
    return phone.request("POST", path, form, {"HX-Request": "true"})


def burst_lines(  # type: ignore[no-untyped-def]
    report: Report, section, shape, outcome, stored, base_outcome, rows, ours, theirs, args
) -> None:
    record = outcome.record
    expected = shape.participants * shape.votes
    report.add(
        section,
        f"burst: {shape.participants} phones × {shape.votes} votes, errors",
        f"{len(record.errors)}" + (f" (first: {record.errors[0]})" if record.errors else ""),
        "0",
        not record.errors,
    )
    report.add(section, "burst: votes stored", str(stored), str(expected), stored == expected)
    statuses = ", ".join(f"{kind} {dict(sorted(s.items()))}" for kind, s in record.statuses.items())
    report.add(section, "burst: answers", statuses)
    for kind in ("join page", "join", "live page", "vote", "poll"):
        samples = record.latencies.get(kind, [])
        target, holds = "", None
        if kind in ("vote", "poll") and samples:
            limit = 150 if kind == "vote" else 50
            target, holds = f"p95 < {limit} ms", quantiles(samples)[1] < limit
        report.add(section, f"burst: {kind}", spread(samples) if samples else "—", target, holds)
    base_record = base_outcome.record
    report.add(
        section,
        "baseline burst: errors; rows inserted",
        f"{len(base_record.errors)}; {rows} (sent {base_outcome.votes_sent})",
    )
    for kind in ("vote", "poll"):
        samples = base_record.latencies.get(kind, [])
        name = "bare insert" if kind == "vote" else "bare 204"
        report.add(section, f"baseline burst: {name}", spread(samples) if samples else "—")
    if record.latencies.get("poll") and base_record.latencies.get("poll"):
        ratio = quantiles(record.latencies["poll"])[0] / quantiles(base_record.latencies["poll"])[0]
        report.add(section, "burst: poll median / bare 204 median", f"{ratio:.1f}")
    report.add(
        section,
        "burst: vote throughput (offered load)",
        f"{outcome.vote_throughput:.0f}/s vs baseline {base_outcome.vote_throughput:.0f}/s; "
        f"the burst planned for {shape.join_window + shape.vote_window:.0f} s took "
        f"{outcome.seconds:.0f} s (baseline {base_outcome.seconds:.0f} s)",
    )
    seconds = args.saturation_seconds
    our_rate, their_rate = ours[0] / seconds, theirs[0] / seconds
    report.add(
        section,
        f"saturated throughput ({args.concurrency} clients, {seconds:.0f} s): votes vs inserts",
        f"{our_rate:.0f}/s vs {their_rate:.0f}/s (errors {ours[1]}, {theirs[1]}); "
        f"ratio {our_rate / their_rate:.2f}",
        "ratio ≥ 0.5",
        our_rate / their_rate >= 0.5 and not ours[1],
    )


def page_lines(  # type: ignore[no-untyped-def]
    report: Report, section, world: World, counts, latencies, bare_median: float
) -> None:
    for page in world.pages[LARGE]:
        small_q, large_q = counts[(SMALL, page)], counts[(LARGE, page)]
        small_t, small_status = latencies[(SMALL, page)]
        large_t, large_status = latencies[(LARGE, page)]
        median, p95, _p99 = quantiles(large_t)
        if "version" in page:
            target = "< 300 ms"
            holds = median < 300
        elif "poll" in page:
            target = "≤ 3 × bare 204"
            holds = median <= 3 * bare_median
        else:
            target = "median ≤ 20 ms and ≤ 20 × bare 204, p95 ≤ 2 × median, queries ≤ 15"
            holds = median <= 20 and median <= 20 * bare_median and p95 <= 2 * median
            holds = holds and large_q <= 15
        holds = holds and small_q == large_q and small_status in (200, 204)
        report.add(
            section,
            f"page: {page}",
            f"small {spread(small_t)}, {small_q} queries [{small_status}]; "
            f"large {spread(large_t)}, {large_q} queries [{large_status}]; "
            f"large / bare 204 {median / bare_median:.0f}×",
            target + "; same queries small and large",
            holds,
        )


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no PDF")
    parser.add_argument("--output", type=Path, default=Path("bench-results.md"))
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8, help="clients when saturating")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--export-timeout", type=float, default=600, help="seconds before an export is stopped"
    )
    args = parser.parse_args(argv)
    args.saturation_seconds = 5.0 if args.quick else 15.0
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    report = Report()
    started = time.monotonic()
    for index, kind in enumerate(kinds):
        bench_database(kind, args, report, exports=index == 0)
    header = (
        f"## Benchmark ({datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
        f"{os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, gunicorn sync × {args.workers} workers"
        f"{', --quick' if args.quick else ''}; {time.monotonic() - started:.0f} s)\n\n"
        "Latencies are median / p95 / p99."
    )
    table = report.markdown(header)
    print()
    print(table)
    args.output.write_text(table)
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
