"""Browser tests: the app served on a free loopback port, driven by the system Chromium
through Playwright (no browser download), with axe-core checking WCAG 2.1 A and AA."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CAPCOMMUN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must install it (.ci/run).")
        pytest.skip("Chromium is not installed (apt-get install -y chromium); CI runs these.")
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_instance(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Any, chromium_path: str) -> Iterator[Any]:
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def new_page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """Opens pages in separate browser contexts (separate cookies), like separate people."""
    contexts = []

    def open_page(**options: Any):  # type: ignore[no-untyped-def]
        context = browser.new_context(locale="fr-FR", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.javascript_enabled = options.get("java_script_enabled", True)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def check_accessibility():  # type: ignore[no-untyped-def]
    """Run axe on the page; fail with the rule, the impact and the elements at fault."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    checked: list[str] = []

    def check(page) -> None:  # type: ignore[no-untyped-def]
        # axe runs in the page: without JavaScript it would wait forever.
        assert getattr(page, "javascript_enabled", True), "axe needs JavaScript in the page"
        results = axe.run(page, options=WCAG_21_AA)
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in violations
        ]
        assert details == [], f"{page.url}: " + "\n".join(details)
        checked.append(page.url)

    check.checked = checked  # type: ignore[attr-defined]
    return check
