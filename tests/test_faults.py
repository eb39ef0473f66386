"""Faults against a real gunicorn (issue 8), on SQLite and on PostgreSQL.

1. A worker killed (SIGKILL) in the middle of a vote burst loses no vote: every vote
   answered 200 is stored with the grade sent, for that person and that item; a request
   cut by the kill gets a broken connection, never a 200 with nothing stored; nothing else
   fails; the master starts a new worker and the app takes votes again.
2. PostgreSQL stopped and started again under load (a private throwaway cluster, never
   the machine's shared server): meanwhile every request gets a 503 error page in the
   reader's language, with a request id also found in the log, and no trace of the
   database (no traceback, no SQL, no driver message); once the server is back, the same
   gunicorn workers answer 200 again at once (`pool_pre_ping`), without a restart.
3. SQLite under write contention from three workers (joins, votes and ideas written at
   the same time): no answer is a 5xx, none says "database is locked", neither does the
   log, and what was answered as written is stored.

The PostgreSQL outage needs the server binaries (initdb, pg_ctl): without them the tests
are skipped, except in CI (CI set), where they fail."""

from __future__ import annotations

import http.client
import os
import pwd
import random
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select

from auth.models import User
from plan.config import normalise_database_url
from plan.extensions import db
from plan.frame.models import Plan
from plan.voting import services as voting
from plan.voting.counting import GRADES
from plan.voting.models import Ballot, BallotStatus, Vote, VoteChannel, VotingMethod
from plan.workshops.models import WorkshopIdea
from tests.bench.load import (
    HTMX,
    Burst,
    Phone,
    Record,
    SentVote,
    Server,
    WorkshopTarget,
    free_port,
    run_burst,
    serve,
)
from tests.conftest import is_postgresql, make_action, make_app
from tests.live_room import build_live_room, server_environment

APP = "plan.app:create_app()"
T = TypeVar("T")


def wait_for(condition: Callable[[], T], seconds: float, what: str) -> T:
    """Poll `condition` until it gives something true; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"after {seconds:.0f} s, still waiting for {what}")
        time.sleep(0.02)


def stored_votes(database_url: str) -> dict[tuple[int, int], tuple[str, VoteChannel]]:
    """(participant number, item) → (grade, channel) of every vote of the phones: each
    phone joined as the guest "Participant·e <number>" (tests.bench.load.WorkshopTarget)."""
    app = make_app(database_url)
    with app.app_context():
        rows = db.session.execute(
            select(User.display_name, Vote.item_id, Vote.choice, Vote.channel).join(
                User, User.id == Vote.voter_id
            )
        ).all()
        db.session.remove()
        db.engine.dispose()
    votes = {}
    for name, item_id, choice, channel in rows:
        found = re.fullmatch(r"Participant·e (\d+)", name)
        assert found, f"a vote by someone who is no phone: {name!r}"
        votes[(int(found.group(1)), item_id)] = (choice, channel)
    return votes


# --------------------------------------------------------------------------- 1. SIGKILL


def test_a_worker_killed_mid_burst_loses_no_answered_vote(
    empty_database_url: str, tmp_path: Path
) -> None:
    target = build_live_room(empty_database_url)
    env = server_environment(empty_database_url, tmp_path)
    shape = Burst(participants=30, votes=5, join_window=3, vote_window=10, doubles=0.2)
    planned = shape.participants * shape.votes + round(shape.participants * shape.doubles)
    record = Record()
    outcome = []
    log = tmp_path / "gunicorn.log"
    with serve(APP, env, log, workers=3) as server:
        master = server.process.pid
        burst = threading.Thread(
            target=lambda: outcome.append(run_burst(server.port, target, shape, 60, record))
        )
        burst.start()
        wait_for(lambda: len(record.votes) >= planned // 5, 60, "a fifth of the votes")
        # Kill a worker in the middle of a request. It may have just finished it, so the
        # kill cut nothing: then kill another (a sync worker serves one request at a time).
        killed: list[int] = []
        while not record.broken and len(killed) < 3 and burst.is_alive():
            busy = wait_for(server.serving_workers, 10, "a worker in the middle of a request")
            os.kill(busy[0], signal.SIGKILL)
            killed.append(busy[0])
            wait_for(
                lambda: len(pids := server.worker_pids()) == 3 and killed[-1] not in pids,
                30,
                "the master to replace the killed worker",
            )
        burst.join(timeout=120)
        assert not burst.is_alive(), "the burst never ended"

        # The app still answers, and takes a vote from a phone that joins now.
        late, late_record = Phone(server.port, 30), Record()
        state = target.join(late, late_record, 1000)
        assert state is not None, late_record.errors
        target.vote(late, late_record, state, 0, "excellent")
        assert late_record.errors == []
        assert late_record.votes == [SentVote(1000, target.item_ids[0], "excellent", 200)]
        assert server.process.poll() is None
        assert server.process.pid == master
        workers = server.worker_pids()

    assert len(workers) == 3
    assert not set(workers) & set(killed)
    for pid in killed:
        assert f"Worker (pid:{pid}) was sent SIGKILL" in log.read_text()
    assert outcome, "the burst failed"
    # The kill cut requests; a sync worker holds one at a time, so at most one a kill.
    assert 1 <= len(record.broken) <= len(killed), record.errors
    # Nothing else went wrong: each other error is the live page a cut phone never got.
    others = [e for e in record.errors if not re.match(r"[a-z ]+: [A-Z]\w+ ", e)]
    assert all(error == "live page: no poll URL" for error in others), record.errors
    assert len(others) <= record.broken.count("live page")

    sent = record.votes
    assert {vote.status for vote in sent} <= {200, 0}, {vote.status for vote in sent}
    answered = {(v.participant, v.item_id): v.choice for v in sent if v.status == 200}
    cut = {(v.participant, v.item_id, v.choice) for v in sent if v.status != 200}
    stored = stored_votes(empty_database_url)
    stored.pop((1000, target.item_ids[0]))
    lost = {key for key, choice in answered.items() if stored.get(key) != (choice, "workshop")}
    assert lost == set(), f"{len(lost)} answered votes not stored as sent: {sorted(lost)[:5]}"
    # Stored without a 200: only a cut request, killed after its commit, and as it was sent.
    unanswered = {(*key, choice) for key, (choice, _) in stored.items() if key not in answered}
    assert unanswered <= cut, unanswered - cut
    print(
        f"\nvotes sent {len(sent)}, answered 200: {sum(v.status == 200 for v in sent)} "
        f"({len(answered)} person × item), stored {len(stored)}, lost {len(lost)}; "
        f"workers killed {len(killed)}, requests cut {len(record.broken)} "
        f"({', '.join(record.broken)})"
    )


# --------------------------------------------------------------------------- 2. PostgreSQL


def postgresql_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: Debian's newest, or the ones on the PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    for pg_ctl in [*reversed(debian), Path(shutil.which("pg_ctl") or "/nonexistent")]:
        if pg_ctl.is_file() and (pg_ctl.parent / "initdb").is_file():
            return pg_ctl.parent
    return None


@dataclass
class Cluster:
    """A PostgreSQL cluster of our own, in a folder of its own, on a free loopback port."""

    binaries: Path
    folder: Path
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, tool: str, *args: str) -> None:
        # initdb refuses to run as root: as root, run the tools as the postgres account.
        runner = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            assert runuser, "running as root, runuser is needed to become postgres"
            runner = [runuser, "-u", "postgres", "--"]
        done = subprocess.run(  # noqa: S603 - absolute paths of PostgreSQL's own tools
            [*runner, str(self.binaries / tool), *args], capture_output=True, text=True
        )
        if done.returncode:
            log = self.folder / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} {args}: {done.stdout}{done.stderr}{tail}")

    def create(self) -> None:
        self.run(
            "initdb",
            *("-D", str(self.folder / "data"), "-U", "postgres", "--auth=trust"),
            *("--encoding=UTF8", "--no-locale", "--no-sync"),
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c shared_buffers=16MB"
        )
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        self.run("pg_ctl", "start", "-w", "-D", data, "-l", log, "-o", options)

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "stop", "-w", "-m", mode, "-D", str(self.folder / "data"))

    def is_running(self) -> bool:
        return (self.folder / "data" / "postmaster.pid").exists()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    binaries = postgresql_binaries()
    if binaries is None:
        message = "the PostgreSQL server binaries (initdb, pg_ctl) are not installed"
        if os.environ.get("CI"):
            pytest.fail(message + ", and CI must run the outage tests")
        pytest.skip(message)
    # Not in pytest's tmp_path: as root, that folder is closed to the postgres account.
    folder = Path(tempfile.mkdtemp(prefix="capcommun-faults-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    cluster = Cluster(binaries, folder)
    try:
        cluster.create()
        cluster.start()
        yield cluster
    finally:
        if cluster.is_running():
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class OutageRoom:
    server: Server
    target: WorkshopTarget
    cluster: Cluster
    log: Path


@pytest.fixture(scope="module")
def outage_room(cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutageRoom]:
    """The live workshop on the private cluster, served by gunicorn (2 workers)."""
    target = build_live_room(cluster.url)
    instance = tmp_path_factory.mktemp("outage")
    env = server_environment(cluster.url, instance)
    log = instance / "gunicorn.log"
    with serve(APP, env, log, workers=2) as server:
        yield OutageRoom(server, target, cluster, log)


@dataclass(frozen=True, eq=False)
class Answer:
    kind: str
    request_id: str  # the one sent in X-Request-Id, if any
    started: float
    ended: float
    status: int  # 0: the connection failed
    body: str
    data: dict[str, Any] | None


@dataclass
class Request:
    """One kind of request, sent again and again by a thread of its own."""

    kind: str
    phone: Phone
    method: str
    path: str
    data: Callable[[], dict[str, Any]] | None = None  # a new form for each request
    headers: dict[str, str] = field(default_factory=dict)
    fragment: bool = False  # an htmx request: the error comes as a flash fragment
    language: str = "fr"
    ok: tuple[int, ...] = (200,)
    # Without X-Request-Id, the app makes up the request id.
    sends_request_id: bool = True


class Loop:
    """Sends each request in a loop until stopped, and keeps every answer."""

    def __init__(self, requests: list[Request]) -> None:
        self.requests = requests
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.send, args=(r,)) for r in requests]

    def send(self, request: Request) -> None:
        while not self.stopping.is_set():
            request_id = f"faults-{uuid.uuid4().hex[:12]}" if request.sends_request_id else ""
            headers = {**request.headers, "Accept-Language": request.language}
            if request_id:
                headers["X-Request-Id"] = request_id
            data = request.data() if request.data else None
            started = time.monotonic()
            try:
                status, body, _seconds = request.phone.request(
                    request.method, request.path, data, headers
                )
            except (OSError, http.client.HTTPException) as error:
                status, body = 0, f"{type(error).__name__} {error}"
            ended = time.monotonic()
            answer = Answer(request.kind, request_id, started, ended, status, body, data)
            with self.lock:
                self.answers.append(answer)

    def between(self, start: float, end: float = float("inf")) -> list[Answer]:
        """The answers to requests sent after `start` and answered before `end`."""
        with self.lock:
            return [a for a in self.answers if a.started >= start and a.ended <= end]

    def each_kind_has(self, count: int, start: float, ok: bool = False) -> bool:
        """Whether each kind has `count` answers (successful ones, with `ok`) to requests
        sent after `start`."""
        answers = self.between(start)
        return all(
            sum(a.kind == r.kind and (not ok or a.status in r.ok) for a in answers) >= count
            for r in self.requests
        )

    def __enter__(self) -> Loop:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


PAGE = {
    "fr": (
        "<title>Service indisponible · Cap Commun</title>",
        "Le service est momentanément indisponible. Réessayez dans un instant.",
        "Erreur 503 · référence {id}",
        '<html lang="fr">',
    ),
    "en": (
        "<title>Service unavailable · Cap Commun</title>",
        "The service is briefly unavailable. Please try again in a moment.",
        "Error 503 · reference {id}",
        '<html lang="en">',
    ),
}
FRAGMENT = ("<strong>Service indisponible</strong>", "référence {id}")
SHOWN_ID = re.compile(r"r[ée]f[ée]rence ([0-9a-f]{16})\b")
# What must never reach a person: the machinery behind the page.
LEAKS = re.compile(
    r"traceback|sqlalchemy|sqlalche\.me|psycopg|operationalerror|\bselect\b|"
    # "port", not the port's digits: those turn up by chance in a page's random tokens.
    r"connection refused|postgres|\bport\b|terminating connection",
    re.IGNORECASE,
)


def outage_page_faults(answer: Answer, request: Request, log: str) -> list[str]:
    """What is wrong with this answer as the error page of an outage (nothing: []): a 503
    in the reader's language, showing the request id that the log shows too."""
    if answer.status != 503:
        return [f"{answer.kind}: {answer.status} {answer.body[:300]!r}"]
    shown = answer.request_id
    if not shown:
        made_up = SHOWN_ID.search(answer.body)
        shown = made_up.group(1) if made_up else "(no request id)"
    expected = FRAGMENT if request.fragment else PAGE[request.language]
    faults = [
        f"{answer.kind}: no {text!r}"
        for text in (line.format(id=shown) for line in expected)
        if text not in answer.body
    ]
    if shown not in log:
        faults.append(f"{answer.kind}: request id {shown} not in the log")
    if leak := LEAKS.search(answer.body):
        faults.append(f"{answer.kind}: shows {leak.group(0)!r}")
    return faults


@dataclass
class Outage:
    before: list[Answer]  # answered before the cluster was told to stop
    during: list[Answer]  # sent once it had stopped, answered before it was started again
    after: list[Answer]  # sent once it answered again
    recovery: dict[str, float]  # by kind: from the cluster's start to the first 200


def go_through_an_outage(room: OutageRoom, loop: Loop) -> Outage:
    """Load, stop the cluster, load, start it again, load; the answers of each phase."""
    began = time.monotonic()
    wait_for(lambda: loop.each_kind_has(3, began, ok=True), 30, "answers before the outage")
    stopping = time.monotonic()
    room.cluster.stop("fast")
    stopped = time.monotonic()
    wait_for(lambda: loop.each_kind_has(8, stopped), 20, "answers during the outage")
    starting = time.monotonic()
    room.cluster.start()
    back = time.monotonic()
    wait_for(lambda: loop.each_kind_has(5, back, ok=True), 20, "answers after the outage")
    # A moment more: once back, it stays back.
    wait_for(lambda: time.monotonic() - back > 1, 5, "one second")
    after = loop.between(back)
    return Outage(
        before=loop.between(began, stopping),
        during=loop.between(stopped, starting),
        after=after,
        recovery={
            r.kind: min(a.ended for a in after if a.kind == r.kind and a.status in r.ok) - back
            for r in loop.requests
        },
    )


def check_outage(room: OutageRoom, loop: Loop, outage: Outage, workers: list[int]) -> list[str]:
    """Assert what holds whoever sends the requests; return what is wrong with the error
    pages: each request sent during the outage, and each that failed at all, must get the
    503 page (see `outage_page_faults`)."""
    kinds = {request.kind: request for request in loop.requests}
    assert [a for a in loop.answers if a.status == 0] == [], "a connection failed"
    assert [a for a in outage.before if a.status not in kinds[a.kind].ok] == []
    assert all(sum(a.kind == kind for a in outage.during) >= 8 for kind in kinds)
    # Back at once: every request sent once the cluster answers again succeeds.
    assert [a for a in outage.after if a.status not in kinds[a.kind].ok] == []
    assert max(outage.recovery.values()) < 5, outage.recovery
    # The same workers throughout: nothing was restarted.
    assert room.server.worker_pids() == workers
    log = room.log.read_text()
    during = set(outage.during)
    faults = []
    for answer in loop.answers:
        if answer in during or answer.status not in kinds[answer.kind].ok:
            faults += outage_page_faults(answer, kinds[answer.kind], log)
    print(
        f"\n{len(loop.answers)} requests, {sum(a.status == 503 for a in loop.answers)} answered "
        f"503 (all {len(outage.during)} sent during the outage); back to 200 after "
        + ", ".join(f"{kind} {seconds * 1000:.0f} ms" for kind, seconds in outage.recovery.items())
    )
    return faults


def test_pages_during_a_postgresql_outage_say_so_in_french(outage_room: OutageRoom) -> None:
    room, target = outage_room, outage_room.target
    workers = room.server.worker_pids()
    port = room.server.port
    requests = [
        Request("plan page", Phone(port, 30), "GET", f"/plans/{target.slug}"),
        Request("home page", Phone(port, 30), "GET", "/"),
        Request("join page", Phone(port, 30), "GET", f"/j/{target.code}", sends_request_id=False),
        Request(
            "plan page, English", Phone(port, 30), "GET", f"/plans/{target.slug}", language="en"
        ),
    ]
    with Loop(requests) as loop:
        outage = go_through_an_outage(room, loop)
    assert check_outage(room, loop, outage, workers) == []


def test_participants_during_a_postgresql_outage_get_the_french_503(
    outage_room: OutageRoom,
) -> None:
    room, target = outage_room, outage_room.target
    workers = room.server.worker_pids()
    port = room.server.port
    phones, states = [], []
    for number in (1, 2, 3):
        phone, record = Phone(port, 30), Record()
        state = target.join(phone, record, number)
        assert state is not None, record.errors
        phones.append(phone)
        states.append(state)
    choices = iter(GRADES * 10_000)
    base = f"/plans/{target.slug}/workshops/{target.workshop_id}"
    item_id = target.item_ids[0]
    requests = [
        Request(
            "vote",
            phones[0],
            "POST",
            f"{base}/items/{item_id}/vote",
            lambda: {"choice": next(choices), "csrf_token": states[0]["csrf"]},
            HTMX,
            fragment=True,
        ),
        Request("live page", phones[1], "GET", f"{base}/live"),
        Request("poll", phones[2], "GET", states[2]["poll"], None, HTMX, True, ok=(200, 204)),
    ]
    with Loop(requests) as loop:
        outage = go_through_an_outage(room, loop)
    faults = check_outage(room, loop, outage, workers)
    # The last vote answered is the one stored.
    last = max((a for a in loop.answers if a.kind == "vote"), key=lambda a: a.started)
    assert last.status == 200
    assert last.data
    assert stored_votes(room.cluster.url)[(1, item_id)] == (last.data["choice"], "workshop")
    assert faults == [], "\n".join(faults[:6])


# --------------------------------------------------------------------------- 3. SQLite

WRITERS = 18
WRITING_SECONDS = 6


def schedule_a_ballot(database_url: str, slug: str, opens_in: float) -> int:
    """A ballot of a new action that opens in `opens_in` seconds: the first request that
    sees it due opens it, GET requests included (plan.voting.ballots.sync_schedule)."""
    app = make_app(database_url)
    with app.app_context():
        plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
        anna = db.session.scalar(select(User).where(User.email == "animatrice@example.org"))
        ballot = voting.create_ballot(
            plan,
            anna,
            title="Scrutin programmé",
            method=VotingMethod.MAJORITY_JUDGMENT,
            actions=[make_action(plan, anna, "Action programmée")],
            opens_at=voting.utcnow() + timedelta(seconds=opens_in),
        )
        db.session.commit()
        ballot_id = ballot.id
        db.session.remove()
        db.engine.dispose()
    return ballot_id


CHALLENGE = re.compile(r'<select[^>]*name="idea-challenge_id".*?<option[^>]*value="(\d+)"', re.S)


@pytest.mark.skipif(
    is_postgresql(normalise_database_url(os.environ.get("TEST_DATABASE_URL", ""))),
    reason="SQLite only: PostgreSQL locks rows, not the whole database",
)
def test_sqlite_writers_in_three_workers_never_find_the_database_locked(
    empty_database_url: str, tmp_path: Path
) -> None:
    target = build_live_room(empty_database_url)
    env = server_environment(empty_database_url, tmp_path)
    log = tmp_path / "gunicorn.log"
    record = Record()
    locked: list[str] = []
    base = f"/plans/{target.slug}/workshops/{target.workshop_id}"

    def call(kind: str, expected: tuple[int, ...], send: Callable[[], Any]) -> tuple[int, str]:
        status, body = record.call(kind, expected, send)
        if "database is locked" in body:
            locked.append(f"{kind}: {status}")
        return status, body

    def writer(phone: Phone, number: int, end: float) -> None:
        # Joining writes too: the first phones vote while the last ones still join.
        state = target.join(phone, record, number)
        if state is None:
            return
        _status, page = call("live page", (200,), lambda: phone.request("GET", f"{base}/live"))
        challenge = CHALLENGE.search(page)
        if challenge is None:
            record.errors.append("live page: no idea form")
            return
        rng = random.Random(number)
        step = 0
        while time.monotonic() < end:
            step += 1
            if step % 4 == 3:
                idea = {
                    "idea-title": f"Idée {number}-{step}",
                    "idea-challenge_id": challenge.group(1),
                    "idea-csrf_token": state["csrf"],
                }
                call("idea", (200,), partial(phone.request, "POST", f"{base}/ideas", idea, HTMX))
            elif step % 4 == 0:
                target.poll(phone, record, state)
            else:
                target.vote(phone, record, state, rng.randrange(5), rng.choice(GRADES))

    with serve(APP, env, log, workers=3) as server:
        # It opens in the middle of the load, from whichever request sees it first.
        scheduled = schedule_a_ballot(empty_database_url, target.slug, WRITING_SECONDS / 2)
        end = time.monotonic() + WRITING_SECONDS
        phones = [
            threading.Thread(target=writer, args=(Phone(server.port, 60), number, end))
            for number in range(WRITERS)
        ]
        for thread in phones:
            thread.start()
        for thread in phones:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in phones), "a writer never finished"

    statuses = {status for counts in record.statuses.values() for status in counts}
    assert not {status for status in statuses if status >= 500}, record.statuses
    assert locked == []
    assert "database is locked" not in log.read_text()
    assert record.errors == [], record.errors[:10]
    assert record.statuses["join"] == {302: WRITERS}

    # What was answered as written is stored: each person's last vote on each item (a
    # phone sends one request at a time), and every idea.
    last = {(v.participant, v.item_id): v.choice for v in record.votes}
    stored = stored_votes(empty_database_url)
    assert stored == {key: (choice, "workshop") for key, choice in last.items()}
    app = make_app(empty_database_url)
    with app.app_context():
        ideas = db.session.scalar(select(func.count(WorkshopIdea.id)))
        opened = db.session.get(Ballot, scheduled).status
        db.session.remove()
        db.engine.dispose()
    assert ideas == record.statuses["idea"][200]
    assert opened == BallotStatus.OPEN
    print(
        f"\n{sum(sum(c.values()) for c in record.statuses.values())} requests in "
        f"{WRITING_SECONDS} s from {WRITERS} phones: "
        + ", ".join(f"{kind} {dict(counts)}" for kind, counts in record.statuses.items())
    )
