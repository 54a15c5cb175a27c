"""A real browser on rendered pages: a loopback HTTP server, headless Chromium
through Playwright, the Nu HTML checker and axe-core.

Shared by the browser tests and scripts/take-screenshots. Every tool comes
from the machine (scripts/install-test-tools installs them); nothing here
downloads a browser.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".test-tools" / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
FIX = "run scripts/install-test-tools (it installs what is missing)"


def missing_tools() -> list[str]:
    """What the browser tests need and this machine lacks, each with why."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (Debian's chromium)")
    if shutil.which("java") is None:
        missing.append("java (for the Nu HTML checker)")
    for path, what in ((VNU, "vnu-jar"), (AXE, "axe-core")):
        if not path.is_file():
            missing.append(f"{path.relative_to(REPO)} (npm package {what})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    return missing


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No request log on the test output."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Visit:
    """What happened while a page loaded: console errors, failed requests."""

    errors: list[str] = field(default_factory=list)


@contextmanager
def browser(profile: Path, javascript: bool = True) -> Iterator[Any]:
    """A fresh headless Chromium context (its own profile folder)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        context = play.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1200, "height": 900},
            java_script_enabled=javascript,
            bypass_csp=True,  # lets axe-core be injected into the packet
        )
        try:
            yield context
        finally:
            context.close()


def open_page(context: Any, url: str) -> tuple[Any, Visit]:
    visit = Visit()
    page = context.new_page()
    page.on(
        "console",
        lambda m: visit.errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("requestfailed", lambda r: visit.errors.append(f"failed: {r.url}"))
    page.on(
        "response",
        lambda r: (
            visit.errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
        ),
    )
    page.goto(url, wait_until="load")
    return page, visit


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


def nu_errors(paths: list[Path]) -> list[str]:
    """Errors the Nu HTML checker reports for `paths` (HTML and CSS files)."""
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--also-check-css",
         "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').rsplit('/', 3)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
