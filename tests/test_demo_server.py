"""`capcommun demo` as a newcomer runs it: gunicorn serves the demo, the accounts log in."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_server(empty_database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DATABASE_URL=empty_database_url, CAPCOMMUN_INSTANCE_PATH=str(tmp_path))
    capcommun = Path(sys.executable).with_name("capcommun")
    process = subprocess.Popen(  # noqa: S603 - our own console script
        [str(capcommun), "demo", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        else:
            pytest.fail("the demo did not answer /healthz within 60 s")
        yield base, tmp_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)


def test_the_demo_serves_the_plan_and_its_accounts_log_in(demo_server) -> None:
    base, instance = demo_server
    assert (instance / "secret_key").exists()  # generated, not in the repository
    jar = http.cookiejar.CookieJar()  # like a browser, drops Secure cookies over HTTP
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Language", "fr-FR,fr;q=0.9")]
    with opener.open(f"{base}/plans/hautes-alpes") as response:
        home = response.read().decode()
    assert "Hautes-Alpes — Territoire French Impact" in home
    for n in (1, 2, 3):
        assert f"Défi {n}" in home
    with opener.open(f"{base}/auth/login") as response:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode())
    data = urllib.parse.urlencode(
        {
            "email": "coordinatrice@example.org",
            "password": "demo-capcommun",
            "csrf_token": token.group(1),
            "next": "/plans/hautes-alpes/journal",
        }
    ).encode()
    with opener.open(f"{base}/auth/login", data=data) as response:
        journal = response.read().decode()
        assert response.url.endswith("/plans/hautes-alpes/journal")
    assert "Journal du plan" in journal
