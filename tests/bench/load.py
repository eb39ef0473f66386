"""Load against a real server: gunicorn on a free loopback port, and simulated phones (one
cookie jar each, plain `http.client`, one thread each) that join a live workshop, poll it
every 2 s and vote, some of them sending the same vote twice at once.

Used by the benchmark runner (`python -m tests.bench`), tests/test_burst.py and
tests/test_faults.py."""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from plan.voting.counting import GRADES

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- the server

ESTABLISHED = "01"  # a TCP state in /proc/net/tcp


@dataclass
class Server:
    """A gunicorn process group serving `app_spec`; `url` once it answers `ready_path`."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def serving_workers(self) -> list[int]:
        """The workers holding a client connection right now: in the middle of a request."""
        server_side = set()
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == self.port and fields[3] == ESTABLISHED:
                server_side.add(f"socket:[{fields[9]}]")
        busy = []
        for pid in self.worker_pids():
            try:
                names = os.listdir(f"/proc/{pid}/fd")
                links = {os.readlink(f"/proc/{pid}/fd/{name}") for name in names}
            except OSError:  # the worker or one of its files went away meanwhile
                continue
            if links & server_side:
                busy.append(pid)
        return busy

    def worker_peak_rss_mb(self) -> list[float]:
        """VmHWM of each worker: the most resident memory it ever had, in MB."""
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return peaks


def gunicorn_command(app_spec: str, port: int, workers: int) -> list[str]:
    """The production way to serve: sync workers, no access log (nginx keeps one)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--backlog",
        "2048",
        app_spec,
    ]


@contextmanager
def serve(
    app_spec: str,
    env: dict[str, str],
    log: Path,
    *,
    workers: int = 2,
    ready_path: str = "/healthz",
    wait: float = 90,
) -> Iterator[Server]:
    """Start gunicorn, wait until it answers, and stop its whole process group after, even
    when the body fails."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            gunicorn_command(app_spec, port, workers),
            env={**os.environ, **env},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
            try:
                status, _body, _seconds = Phone(port, timeout=5).request("GET", ready_path)
                if status in (200, 204):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer on {ready_path}:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield server
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


# --------------------------------------------------------------------------- a phone


class Phone:
    """One device: its own cookies; a new connection per request (sync gunicorn workers
    close each connection anyway)."""

    def __init__(self, port: int, timeout: float = 60) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, float]:
        sent = {"Accept-Language": "fr", **(headers or {})}
        with self.lock:
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            payload = response.read()
            seconds = time.perf_counter() - started
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            with self.lock:
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        return response.status, payload.decode("utf-8", "replace"), seconds


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
POLL = re.compile(r'id="live-poll"[^>]*hx-get="([^"]+)"')


def csrf_in(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


# --------------------------------------------------------------------------- what a phone does


@dataclass(frozen=True)
class SentVote:
    """One vote request: which phone (its join number) sent which choice on which item,
    and the answer (0 when the connection failed: refused, reset, timed out)."""

    participant: int
    item_id: int
    choice: str
    status: int


@dataclass
class Record:
    """Latencies by kind of request, every answer that was not the expected one, and each
    vote request with its answer."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # The kinds of the requests whose connection failed (also in `errors`).
    broken: list[str] = field(default_factory=list)
    votes: list[SentVote] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(
        self,
        kind: str,
        expected: tuple[int, ...],
        send: Callable[[], tuple[int, str, float]],
    ) -> tuple[int, str]:
        try:
            status, body, seconds = send()
        # Refused, reset, timed out, or closed in the middle of the answer.
        except (OSError, http.client.HTTPException) as error:
            with self.lock:
                self.errors.append(f"{kind}: {type(error).__name__} {error}")
                self.broken.append(kind)
            return 0, ""
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            counts = self.statuses.setdefault(kind, {})
            counts[status] = counts.get(status, 0) + 1
            if status not in expected:
                self.errors.append(f"{kind}: {status} {body[:200]!r}")
        return status, body


class Target:
    """What a phone does, in three steps; the burst calls them on its schedule."""

    def join(self, phone: Phone, record: Record, number: int) -> Any:
        raise NotImplementedError

    def poll(self, phone: Phone, record: Record, state: Any) -> None:
        raise NotImplementedError

    def vote(self, phone: Phone, record: Record, state: Any, item: int, choice: str) -> None:
        raise NotImplementedError


@dataclass
class WorkshopTarget(Target):
    """A live workshop: join as a guest, poll the participant screen, vote with htmx."""

    slug: str
    workshop_id: int
    code: str
    item_ids: list[int]
    college_ids: list[int]

    def join(self, phone: Phone, record: Record, number: int) -> dict[str, Any] | None:
        path = f"/j/{self.code}"
        status, page = record.call("join page", (200,), lambda: phone.request("GET", path))
        if status != 200:
            return None
        form = {
            "display_name": f"Participant·e {number}",
            "college_id": self.college_ids[number % len(self.college_ids)],
            "organization_id": 0,
            "organization_name": "",
            "csrf_token": csrf_in(page),
        }
        status, _ = record.call("join", (302,), lambda: phone.request("POST", path, form))
        if status != 302:
            return None
        live = f"/plans/{self.slug}/workshops/{self.workshop_id}/live"
        status, page = record.call("live page", (200,), lambda: phone.request("GET", live))
        poll = POLL.search(page)
        if status != 200 or poll is None:
            record.errors.append("live page: no poll URL")
            return None
        return {
            "number": number,
            "csrf": csrf_in(page),
            "poll": poll.group(1).replace("&amp;", "&"),
        }

    def poll(self, phone: Phone, record: Record, state: dict[str, Any]) -> None:
        status, body = record.call(
            "poll", (200, 204), lambda: phone.request("GET", state["poll"], headers=HTMX)
        )
        if status == 200:
            found = POLL.search(body)
            if found:
                state["poll"] = found.group(1).replace("&amp;", "&")

    def vote(
        self, phone: Phone, record: Record, state: dict[str, Any], item: int, choice: str
    ) -> None:
        item_id = self.item_ids[item % len(self.item_ids)]
        path = f"/plans/{self.slug}/workshops/{self.workshop_id}/items/{item_id}/vote"
        form = {"choice": choice, "csrf_token": state["csrf"]}
        status, _ = record.call("vote", (200,), lambda: phone.request("POST", path, form, HTMX))
        with record.lock:
            record.votes.append(SentVote(state["number"], item_id, choice, status))


HTMX = {"HX-Request": "true"}


class BaselineTarget(Target):
    """The bare app of tests/bench/baseline.py, under the same schedule."""

    def join(self, phone: Phone, record: Record, number: int) -> dict[str, Any]:
        record.call("join", (204,), lambda: phone.request("GET", "/empty"))
        return {"voter": number}

    def poll(self, phone: Phone, record: Record, state: dict[str, Any]) -> None:
        record.call("poll", (204,), lambda: phone.request("GET", "/empty"))

    def vote(
        self, phone: Phone, record: Record, state: dict[str, Any], item: int, choice: str
    ) -> None:
        form = {"voter": state["voter"], "item": item, "choice": choice}
        record.call("vote", (200,), lambda: phone.request("POST", "/insert", form))


@dataclass
class Burst:
    """The load shape: `participants` phones join within `join_window` seconds, poll every
    `poll_every` seconds, and cast `votes` votes each at random moments of the next
    `vote_window` seconds; a `doubles` share of them sends one of its votes twice at once."""

    participants: int = 300
    votes: int = 10
    join_window: float = 10.0
    vote_window: float = 30.0
    poll_every: float = 2.0
    doubles: float = 0.1
    seed: int = 7


@dataclass
class Outcome:
    record: Record
    seconds: float
    vote_seconds: float
    votes_sent: int

    @property
    def vote_throughput(self) -> float:
        return self.votes_sent / self.vote_seconds if self.vote_seconds else 0.0


def run_burst(
    port: int, target: Target, shape: Burst, timeout: float = 60, record: Record | None = None
) -> Outcome:
    """Play `shape` against the server; `record`, when given, fills up while it runs."""
    record = record if record is not None else Record()
    rng = random.Random(shape.seed)
    start = time.monotonic() + 0.5
    vote_start = start + shape.join_window
    vote_end = vote_start + shape.vote_window
    doubled = set(rng.sample(range(shape.participants), round(shape.participants * shape.doubles)))
    plans = []
    for number in range(shape.participants):
        join_at = start + rng.random() * shape.join_window
        moments = sorted(vote_start + rng.random() * shape.vote_window for _ in range(shape.votes))
        choices = [rng.choice(GRADES) for _ in range(shape.votes)]
        twice = rng.randrange(shape.votes) if number in doubled else -1
        plans.append((number, join_at, moments, choices, twice))
    vote_times: list[float] = []

    def phone_life(number: int, join_at: float, moments: list[float], choices, twice) -> None:  # type: ignore[no-untyped-def]
        phone = Phone(port, timeout)
        time.sleep(max(0.0, join_at - time.monotonic()))
        state = target.join(phone, record, number)
        if state is None:
            return
        next_poll = time.monotonic() + shape.poll_every
        pending = list(enumerate(moments))
        while pending or time.monotonic() < vote_end:
            due = pending[0][1] if pending else vote_end
            if next_poll <= due:
                time.sleep(max(0.0, next_poll - time.monotonic()))
                target.poll(phone, record, state)
                next_poll += shape.poll_every
                continue
            time.sleep(max(0.0, due - time.monotonic()))
            if not pending:
                break
            index, _moment = pending.pop(0)
            senders = 2 if index == twice else 1
            threads = [
                threading.Thread(
                    target=target.vote, args=(phone, record, state, index, choices[index])
                )
                for _ in range(senders)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            with record.lock:
                vote_times.append(time.monotonic())

    began = time.monotonic()
    threads = [threading.Thread(target=phone_life, args=plan, daemon=True) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=shape.join_window + shape.vote_window + 10 * timeout)
        if thread.is_alive():
            record.errors.append("a phone never finished")
            break
    seconds = time.monotonic() - began
    sent = sum(count for count in record.statuses.get("vote", {}).values())
    vote_seconds = (max(vote_times) - vote_start) if vote_times else 0.0
    return Outcome(record, seconds, vote_seconds, sent)


def saturate(
    port: int,
    send: Callable[[Phone, int], tuple[int, str, float]],
    phones: list[Phone],
    seconds: float,
) -> tuple[int, int]:
    """Each phone sends as fast as it is answered for `seconds`: (answers, errors)."""
    done = [0, 0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def loop(phone: Phone) -> None:
        n = 0
        while time.monotonic() < end:
            try:
                status, _body, _s = send(phone, n)
            except OSError:
                status = 0
            n += 1
            with lock:
                done[0 if status in (200, 204) else 1] += 1

    threads = [threading.Thread(target=loop, args=(phone,), daemon=True) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0], done[1]
