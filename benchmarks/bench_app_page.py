"""Benchmark the coach's app page in the browser: time to the first chart, against bare Voilà.

Run ``make bench`` (or ``python benchmarks/bench_app_page.py``); it needs the system
chromium (``scripts/ensure-chromium``). Two servers run side by side:

- the app page as ``make app`` serves it (``scripts/serve-app``: the page template,
  ``app/voila.json``);
- the baseline: bare Voilà with the same kernel pool settings, serving a notebook
  that shows one plotly ``FigureWidget`` and nothing else, the least a Voilà page
  with a plotly chart can do.

Each visit opens a fresh browser context (nothing cached) and times from the request
to the first chart drawn (an SVG with data) and to every chart drawn. Visits
alternate between the servers, with a pause between them so that no kernel started
to refill a pool runs during another visit; the report gives medians and the ratio
app / baseline, which is steadier than the seconds on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("INTERVIEW_LAB_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
#: The baseline page: one chart, drawn by plotly's own widget, no app.
BARE_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "chart",
            "metadata": {},
            "outputs": [],
            "source": [
                "import plotly.graph_objects as go\n",
                "go.FigureWidget(go.Figure(go.Bar(x=[3, 1, 2], y=['a', 'b', 'c'])))",
            ],
        }
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
#: Page ("app", "bare") -> per visit: seconds to the first chart, to every chart; charts.
Times = dict[str, list[tuple[float, float, int]]]
DRAWN = (
    "[...document.querySelectorAll('.js-plotly-plot')]"
    ".filter((p) => p.querySelector('.main-svg') && p.data && p.data.length).length"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(command: list[str], probe: str, log: Path, env: dict[str, str]) -> Iterator[None]:
    """Run a server until ``probe`` answers and its kernel pool is filled; stop it after."""
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + 180
            while "is filled with" not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.5)
            while True:
                try:
                    with urllib.request.urlopen(probe, timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.5)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def visit(browser: Any, url: str, charts: int) -> tuple[float, float, int]:
    """Seconds from the request to the first chart drawn and to all ``charts``; charts."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(f"{DRAWN} >= 1", timeout=120_000, polling=20)
    first = time.perf_counter() - started
    page.wait_for_function(f"{DRAWN} >= {charts}", timeout=120_000, polling=20)
    every = time.perf_counter() - started
    context.close()
    return first, every, charts


def run(visits: int, pause: float) -> Times:
    """Every visit's seconds to the first and to every chart, and its charts, per page."""
    from playwright.sync_api import sync_playwright

    from interview_lab.apps.compare import COMPARISON_CHARTS

    voila = str(Path(sys.executable).parent / "voila")
    config = json.loads((REPO / "app" / "voila.json").read_text())
    pool = config["VoilaConfiguration"]["default_pool_size"]
    delay = config["VoilaKernelManager"]["fill_delay"]
    work = Path(tempfile.mkdtemp(prefix="bench_app_page_"))
    (work / "bare.ipynb").write_text(json.dumps(BARE_NOTEBOOK))
    env = {**os.environ, "VOILA": voila, "PYTHONUNBUFFERED": "1"}
    app_port, bare_port = free_port(), free_port()
    app = [str(REPO / "scripts" / "serve-app"), f"--port={app_port}", "--no-browser",
           "--Voila.ip=127.0.0.1"]  # fmt: skip
    bare = [voila, str(work / "bare.ipynb"), f"--port={bare_port}", "--no-browser",
            "--Voila.ip=127.0.0.1", "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaConfiguration.default_pool_size={pool}",
            f"--VoilaKernelManager.fill_delay={delay}"]  # fmt: skip
    urls = {"app": f"http://127.0.0.1:{app_port}/", "bare": f"http://127.0.0.1:{bare_port}/"}
    times: Times = {"app": [], "bare": []}
    charts = {"app": len(COMPARISON_CHARTS), "bare": 1}
    try:
        with (
            server(app, urls["app"] + "voila/templates/interview_lab/static/voila.js",
                   work / "app.log", env),
            server(bare, urls["bare"] + "voila/static/voila.js", work / "bare.log", env),
            sync_playwright() as playwright,
        ):  # fmt: skip
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            time.sleep(pause)  # both pools have run their pages
            for k in range(visits):
                for name in ("app", "bare") if k % 2 == 0 else ("bare", "app"):
                    times[name].append(visit(browser, urls[name], charts[name]))
                    time.sleep(pause)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return times


def medians(times: Times, which: int) -> dict[str, float]:
    """Page -> median seconds to the first chart (``which`` 0) or to every chart (1)."""
    return {name: statistics.median(t[which] for t in runs) for name, runs in times.items()}


def report(times: Times) -> dict[str, object]:
    """Medians per page and the ratios app / bare, with every visit's times."""
    first, every = medians(times, 0), medians(times, 1)
    return {
        "visits": len(times["app"]),
        "charts": {name: runs[0][2] for name, runs in times.items()},
        "first_chart_s": first,
        "every_chart_s": every,
        "first_chart_ratio": first["app"] / first["bare"],
        "every_chart_ratio": every["app"] / every["bare"],
        "runs": {
            name: [[round(a, 2), round(b, 2)] for a, b, _ in runs] for name, runs in times.items()
        },
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5, help="visits per page (default 5)")
    parser.add_argument(
        "--pause", type=float, default=18.0, help="seconds between visits (default 18)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"no browser at {CHROMIUM}: run scripts/ensure-chromium", file=sys.stderr)
        return 2
    times = run(args.visits, args.pause)
    first, every = medians(times, 0), medians(times, 1)
    charts = {name: runs[0][2] for name, runs in times.items()}
    print(
        f"app page in the browser, median of {args.visits} interleaved visits, nothing cached\n"
        f"  first chart: app {first['app']:.2f} s, bare Voila + one plotly chart "
        f"{first['bare']:.2f} s, app / bare = {first['app'] / first['bare']:.2f}x\n"
        f"  every chart: app {every['app']:.2f} s ({charts['app']} charts), bare "
        f"{every['bare']:.2f} s ({charts['bare']}), "
        f"app / bare = {every['app'] / every['bare']:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(report(times), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
