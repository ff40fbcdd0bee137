"""Real-browser fixtures: the system chromium driven by Playwright, and local servers.

The browser is Debian's ``chromium`` (``make test`` installs it when it can); there
is no browser download here. A missing browser fails these tests, never skips them:
a green run must mean the pages were really opened.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO

CHROMIUM = os.environ.get("INTERVIEW_LAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = REPO / "test-artifacts"
#: Figures measured by the browser tests, printed at the end of the run.
FIGURES: dict[str, Any] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"no browser at {CHROMIUM}: install Debian's chromium (apt-get install chromium; "
            "make test does it when run as root) or point INTERVIEW_LAB_CHROMIUM at one."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(
    command: Sequence[str], url: str, cwd: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run a server until ``url`` answers; stop it afterwards, whatever happens."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with log.open("w") as output:
        server = subprocess.Popen(list(command), cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                  env=env)  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while True:
                if server.poll() is not None:
                    raise AssertionError(f"server exited: {log.read_text()[-2000:]}")
                try:
                    with urllib.request.urlopen(url, timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        message = f"no answer from {url}: {log.read_text()[-2000:]}"
                        raise AssertionError(message) from None
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


class AppServer:
    """The coach's app page served as ``make app`` serves it (``scripts/serve-app``)."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log
        #: Kernel id -> when the server said it shut that kernel down (time.monotonic()).
        self.shut_down: dict[str, float] = {}
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            for kernel in SHUTDOWN.findall(self.log.read_text(errors="replace")):
                self.shut_down.setdefault(kernel, time.monotonic())

    def wait_for_pool(self, timeout: float = 120) -> None:
        """Wait until the pool is full and its kernels have run the page.

        A visit then finds a preheated kernel, as on a server nobody visited for a few
        seconds. Voilà says the pool "is filled" once its kernels have started, while
        they are still running the page; they are done when their processes stop using
        the CPU. A kernel handed to a page leaves the pool ("Using pre-heated kernel").
        """
        import psutil

        config = json.loads((REPO / "app" / "voila.json").read_text())
        size = config["VoilaConfiguration"]["default_pool_size"]
        deadline = time.monotonic() + timeout
        while True:
            log = self.log.read_text(errors="replace")
            if log.count("Kernel started:") - log.count("Using pre-heated kernel:") >= size:
                break
            assert time.monotonic() < deadline, f"no preheated kernel: {log[-2000:]}"
            time.sleep(0.25)
        found = re.search(r"Storing connection files in (\S+?)\.?$", self.log.read_text(), re.M)
        assert found, self.log.read_text()[-2000:]
        folder = found.group(1)

        def kernels_cpu() -> float:
            used = 0.0
            for process in psutil.process_iter(["cmdline"]):
                if any(folder in part for part in process.info["cmdline"] or ()):
                    with contextlib.suppress(psutil.Error):
                        times = process.cpu_times()
                        used += times.user + times.system
            return used

        before, quiet_since = kernels_cpu(), time.monotonic()
        while time.monotonic() - quiet_since < 1.5:  # no kernel busy for 1.5 s
            assert time.monotonic() < deadline, "the preheated kernels never went idle"
            time.sleep(0.25)
            now = kernels_cpu()
            if now - before > 0.05:
                before, quiet_since = now, time.monotonic()

    def close(self) -> None:
        self._stop.set()


SHUTDOWN = re.compile(r"Kernel shutdown: ([0-9a-f-]{36})")


def app_command(port: int, *extra: str) -> list[str]:
    """The command ``make app`` runs, on ``port``, for a test (no browser, localhost)."""
    return [str(REPO / "scripts" / "serve-app"), f"--port={port}", "--no-browser",
            "--Voila.ip=127.0.0.1", *extra]  # fmt: skip


@contextlib.contextmanager
def app_serving(tmp: Path, *extra: str) -> Iterator[AppServer]:
    """Serve the app page; ``extra`` Voila arguments, e.g. to switch preheating off."""
    port = free_port()
    # A static file answers once the server runs; the page itself would use up a kernel.
    probe = f"http://127.0.0.1:{port}/voila/templates/interview_lab/static/voila.js"
    log = tmp / "voila.log"
    with serving(app_command(port, *extra), probe, tmp, log, {"VOILA": venv_tool("voila")}):
        server = AppServer(f"http://127.0.0.1:{port}/", log)
        try:
            yield server
        finally:
            server.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One server with the repository's configuration (preheated kernels) for all tests."""
    with app_serving(tmp_path_factory.mktemp("app")) as server:
        server.wait_for_pool()
        yield server


def venv_tool(name: str) -> str:
    """A console script of the running interpreter's environment."""
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else shutil.which(name) or name


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("browser figures")
        for key, value in FIGURES.items():
            terminalreporter.write_line(f"{key}: {value}")
        artifact("browser_figures.json").write_text(json.dumps(FIGURES, indent=2) + "\n")
