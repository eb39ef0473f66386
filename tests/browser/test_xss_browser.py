"""The poisoned plan (tests/xss_world.py: a payload in every field) in Chromium: on its
main pages, and in its HTML export opened from disk, nothing runs and nothing that a
payload carried becomes an element.

The app's Content-Security-Policy would block an inline script that got through: the
browser context bypasses it, so that what is tested is the escaping, not the policy.
Payloads that leave a mark set `window.__xss`; the others open a dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.conftest import PASSWORD
from tests.xss_world import COORDINATOR_EMAIL, PARTICIPANT_EMAIL, World

# What a page holds that could run, or that only a payload would have brought: the app's
# own scripts aside (by their address), any of it fails the test.
FIND_INJECTED = """() => {
  const ours = ["/static/js/htmx-2.0.11.min.js", "/static/js/dots.js", "/static/js/countdown.js"];
  const found = [];
  const note = (element, why) => found.push(why + ": " + element.outerHTML.slice(0, 160));
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) note(element, "event handler");
      if (name === "srcdoc") note(element, "srcdoc");
      if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(name)) {
        const value = attribute.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
        if (/^(javascript|data|vbscript):/.test(value)) note(element, "script URL");
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    const source = script.getAttribute("src");
    if (!ours.includes(source)) note(script, "script");
  }
  const active = "iframe, frame, object, embed, applet, base, animate, set, portal, " +
    "meta[http-equiv=refresh i][content*=':' i], img[src='x'], link[rel=import i]";
  for (const element of document.querySelectorAll(active)) note(element, "active element");
  const styles = document.querySelectorAll("style");
  if (styles.length > 1) note(styles[1], "second stylesheet");
  return {marker: window.__xss !== undefined, found: found, htmx: typeof window.htmx};
}"""


@pytest.fixture(scope="module")
def poisoned_server(poisoned_world: tuple[Flask, World]) -> Iterator[tuple[str, World]]:
    app, world = poisoned_world
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", world
    finally:
        server.shutdown()
        thread.join(timeout=5)


class Watched:
    """A page in a context of its own that bypasses the CSP, recording every dialog."""

    def __init__(self, browser: Any, base: str, email: str | None) -> None:
        self.context = browser.new_context(locale="fr-FR", bypass_csp=True)
        self.context.set_default_timeout(20_000)
        if email:
            response = self.context.request.post(
                f"{base}/auth/login",
                form={"email": email, "password": PASSWORD},
                max_redirects=0,
            )
            assert response.status == 302, response.status
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)
        self.visited = 0

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def check(self, url: str, *, ours: bool = True) -> None:
        """`ours`: a page of the app, whose own script must have run (so would others)."""
        response = self.page.goto(url, wait_until="load")
        assert response is None or response.ok, (url, response and response.status)
        # Broken images fire onerror a moment after "load"; htmx swaps its fragments.
        self.page.wait_for_timeout(200)
        result = self.page.evaluate(FIND_INJECTED)
        assert result["found"] == [], f"{url}: {result['found'][:5]}"
        assert not result["marker"], f"{url}: a payload ran (window.__xss is set)"
        assert self.dialogs == [], self.dialogs
        if ours:
            assert result["htmx"] == "object", f"{url}: the app's scripts did not run"
        self.visited += 1


def main_pages(base: str, world: World) -> list[str]:
    s = f"{base}/plans/{world.slug}"
    live = world.live_workshop_id
    return [
        base + "/",
        s,
        f"{s}/actions",
        *(f"{s}/actions/{r}" for r in world.decided_references[:4]),
        f"{s}/actions/{world.references[0]}",
        f"{s}/actions/{world.decided_references[0]}/edit",
        f"{s}/organizations",
        f"{s}/members",
        f"{s}/ballots",
        f"{s}/ballots/new",  # challenges and actions in its choices
        f"{s}/workshops/new",  # ballots in its choices
        f"{s}/ballots/{world.ballot_numbers[-2]}",  # closed, on a decided action
        f"{s}/ballots/{world.ballot_numbers[-1]}",  # majority judgment, by college
        f"{s}/ballots/{world.consent_number}",  # open, with every objection
        f"{s}/versions/{world.published[0]}",
        f"{s}/versions/{world.published[0]}...{world.published[1]}",
        f"{s}/workshops/{live}",
        f"{s}/workshops/{live}/console",
        f"{s}/workshops/{live}/projector",
        f"{s}/workshops/{world.workshop_ids[0]}/minutes",
        f"{s}/commitments",
        f"{s}/journal",
    ]


def test_no_payload_runs_in_chromium(
    browser: Any, poisoned_server: tuple[str, World], tmp_path: Path
) -> None:
    base, world = poisoned_server
    coordinator = Watched(browser, base, COORDINATOR_EMAIL)
    for url in main_pages(base, world):
        coordinator.check(url)

    # The participant's screen and the post-it page of the live workshop.
    participant = Watched(browser, base, PARTICIPANT_EMAIL)
    workshop = f"{base}/plans/{world.slug}/workshops/{world.live_workshop_id}"
    participant.check(f"{workshop}/live")
    participant.check(f"{workshop}/ideas")
    participant.check(f"{base}/plans/{world.slug}/ballots/{world.consent_number}/vote")

    # The standalone HTML export, downloaded, then opened from the disk as a reader would.
    visitor = Watched(browser, base, None)
    download = f"{base}/plans/{world.slug}/versions/{world.published[0]}/download/html"
    response = visitor.context.request.get(download)
    assert response.ok
    assert response.headers["content-disposition"].startswith("attachment;")
    exported = tmp_path / "plan.html"
    exported.write_bytes(response.body())
    visitor.check(exported.as_uri(), ours=False)
    # The document really is the poisoned one: its payloads are there, as text.
    text = visitor.page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in text
    assert '<img src=x onerror="window.__xss=1">' in text

    for watched in (coordinator, participant, visitor):
        watched.context.close()
    assert (
        coordinator.visited + participant.visited + visitor.visited
        == len(main_pages(base, world)) + 4
    )


def test_the_browser_check_sees_a_payload_run(browser: Any, tmp_path: Path) -> None:
    """The same checks on a page where payloads did get through: they fail."""
    leaked = tmp_path / "leaked.html"
    page = Watched(browser, "", None)
    for body in (
        '<p>ok</p><img src=x onerror="window.__xss=1">',
        "<p>ok</p><script>alert(1)</script>",
        '<p>ok</p><a href=" javascript:alert(1)">x</a>',
    ):
        leaked.write_text(f"<!doctype html><html><body>{body}</body></html>")
        page.dialogs.clear()
        with pytest.raises(AssertionError):
            page.check(leaked.as_uri(), ours=False)
    page.context.close()
