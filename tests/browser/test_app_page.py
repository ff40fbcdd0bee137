"""The coach's app page as ``make app`` serves it (issue 15), in the system chromium.

One server with the repository's Voilà configuration (``scripts/serve-app``: preheated
kernels, culling, the page template without CDN links) and one page, opened once: the
time to the first chart, what the page shows, every chart following a key press, the
accessibility scan, the chart toolbar and every request the page made. A second page
presses keys while the charts are first drawn (the first-render race); the last test
checks that the kernels of both closed pages shut down within a minute.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

import interview_lab as il
from interview_lab.text.explain import verdict_label
from tests.helpers import REPO

from .conftest import FIGURES, app_serving, artifact

#: The charts of the comparison app in page order (interview_lab.apps.compare.COMPARISON_CHARTS).
CHARTS = ("contributions", "profile", "ranking", "benefit_cost")
#: Charts that show ratings only: a priority slider leaves them be.
RATINGS_ONLY = {"profile"}
FACTOR = "time_cost"
#: The priority sliders come first in the page, one per factor in model order; the
#: offer editor's rating sliders follow, in the same order.
PRIORITY_SLIDER = il.DEFAULT_MODEL.names.index(FACTOR)
RATING_SLIDER = len(il.DEFAULT_MODEL.names) + PRIORITY_SLIDER
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
#: Serious or critical axe-core findings inside the app's widgets that need changes to
#: interview_lab/apps (rule -> elements found): the scan fails on any other finding and
#: on more elements than listed; while these remain, it is an expected failure.
KNOWN_APP_FINDINGS: dict[str, int] = {}

#: Each chart's data as plain lists (numbers rounded to 6 digits), in page order.
CHART_DATA = """() => [...document.querySelectorAll('.js-plotly-plot')].map((p) => {
  const plain = (v) => v == null ? null : Array.from(v).map(
    (x) => typeof x === 'number' ? Math.round(x * 1e6) / 1e6 : String(x));
  const traces = (list) => (list || []).map((t) => ['x', 'y', 'r'].map((k) => plain(t[k])));
  return {data: traces(p.data), drawn: traces(p._fullData)};
})"""
#: Resolves with, per chart, performance.now() when its data first differed from
#: ``before`` (null for a chart that did not change within ``wait`` ms).
CHANGED_AT = """([before, wait]) => new Promise((resolve) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const state = (p) => JSON.stringify((p._fullData || []).map((t) => [t.x, t.y, t.r]));
  const at = plots.map(() => null);
  const giveUp = performance.now() + wait;
  const check = () => {
    plots.forEach((p, k) => {
      if (at[k] === null && state(p) !== before[k]) at[k] = performance.now();
    });
    if (at.every((t) => t !== null) || performance.now() > giveUp) resolve(at);
    else requestAnimationFrame(check);
  };
  check();
})"""
DRAWN_STATE = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .map((p) => JSON.stringify((p._fullData || []).map((t) => [t.x, t.y, t.r])))"""
#: True once no chart has been redrawn for two seconds.
SETTLED = """() => {
  const stamp = [...document.querySelectorAll('.js-plotly-plot')]
    .map((p) => JSON.stringify((p._fullData || []).map((t) => [t.x, t.y]))).join('|');
  const now = performance.now();
  if (window.__ilStamp !== stamp) { window.__ilStamp = stamp; window.__ilSince = now; }
  return now - window.__ilSince > 2000;
}"""
FOUR_CHARTS = (
    "[...document.querySelectorAll('.js-plotly-plot')]"
    ".filter((p) => p.querySelector('.main-svg') && p.data && p.data.length).length >= 4"
)
FIRST_CHART = (
    "(() => { const p = document.querySelector('.js-plotly-plot');"
    " return !!(p && p.querySelector('.main-svg') && p.data && p.data.length); })()"
)
KERNEL_ID = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def plain(values: object) -> list[object] | None:
    if values is None:
        return None
    return [
        round(float(v), 6) if isinstance(v, int | float) and not isinstance(v, bool) else str(v)
        for v in list(values)  # type: ignore[call-overload]
    ]


def expected_charts(weights: dict[str, float], ratings: dict[str, float] | None = None):
    """What the app draws for these priorities (and first-offer ratings), per chart."""
    from interview_lab.apps.compare import compare

    app = compare(il.load_example_offers(), lang="en")
    for name, value in weights.items():
        app.sliders[name].value = value
    for name, value in (ratings or {}).items():
        app.editor_sliders[name].value = value
    keys = ("x", "y", "r")
    charts = [
        [[plain(getattr(trace, key, None)) for key in keys] for trace in app.figures[name].data]
        for name in CHARTS
    ]
    return charts, app.result


def open_app(browser, server) -> SimpleNamespace:
    """Open the app page in a fresh browser context, recording every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    started = time.perf_counter()
    page.goto(server.url, wait_until="commit")
    return SimpleNamespace(context=context, page=page, requested=requested, started=started)


def readout(page, index: int) -> float:
    return float(page.locator(".widget-slider").nth(index).locator(".widget-readout").inner_text())


def wait_until_charts_show(page, want, timeout: float = 30) -> list[dict[str, object]]:
    deadline = time.monotonic() + timeout
    while True:
        shown = page.evaluate(CHART_DATA)
        if all(s["data"] == w and s["drawn"] == w for s, w in zip(shown, want, strict=True)):
            return shown
        if time.monotonic() > deadline:
            return shown
        time.sleep(0.2)


def differing(shown, want) -> list[str]:
    return [
        f"{name} ({'data' if s['data'] != w else 'drawing'})"
        for name, s, w in zip(CHARTS, shown, want, strict=True)
        if s["data"] != w or s["drawn"] != w
    ]


@pytest.fixture(scope="module")
def app(browser, app_server):
    """The app page, opened once: its first chart timed, its requests recorded."""
    app_server.wait_for_pool()  # earlier tests' pages may have used the preheated kernels
    opened = open_app(browser, app_server)
    page = opened.page
    page.wait_for_function(FIRST_CHART, timeout=120_000, polling=20)
    opened.first_chart_s = round(time.perf_counter() - opened.started, 2)
    page.wait_for_function(FOUR_CHARTS, timeout=120_000, polling=20)
    opened.all_charts_s = round(time.perf_counter() - opened.started, 2)
    opened.kernel = page.evaluate(KERNEL_ID)
    opened.server = app_server
    yield opened
    opened.context.close()


@pytest.fixture(scope="module")
def closed_pages() -> dict[str, float]:
    """Kernel id -> when its page was closed (time.monotonic())."""
    return {}


def test_the_first_chart_shows_seconds_after_the_page_is_requested(app):
    FIGURES["app_time_to_first_chart_s"] = app.first_chart_s
    FIGURES["app_time_to_all_charts_s"] = app.all_charts_s
    FIGURES["load_average_1min"] = round(os.getloadavg()[0], 1)
    print(f"time to first chart: {app.first_chart_s} s, to all four: {app.all_charts_s} s")
    assert app.all_charts_s < 120


def test_the_page_shows_the_app_and_nothing_else(app):
    page = app.page
    assert page.title() == "Compare your invitations · interview_lab"
    assert page.locator(".jp-InputArea-editor").count() == 0  # no code
    assert page.locator(".jp-MarkdownOutput, .jp-RenderedMarkdown").count() == 0  # no titles
    outputs = page.locator(".jp-OutputArea-output")
    assert outputs.count() == 1  # one output: the app, no printed tables
    assert outputs.first.locator(".widget-vbox").count() > 0
    text = page.locator("body").inner_text()
    for leftover in ("Run all", "offers = ", "il.load_offers", "NBVAL"):
        assert leftover not in text
    assert page.locator(".js-plotly-plot").count() == len(CHARTS)


#: Why a chart can stop following: each of the four FigureWidgets carries its own 5 MB
#: copy of plotly's widget module, and under load one takes longer than anywidget's 2 s
#: to initialise ("[anywidget] Failed to initialize model."): that chart, most often the
#: last (the fourth), misses every update. scripts/serve-app serves the module once and
#: sets INTERVIEW_LAB_PLOTLY_WIDGET_URL for interview_lab/charts/live.py to import it.
def test_every_chart_follows_a_key_press(app):
    page = app.page
    page.wait_for_function(SETTLED, timeout=60_000, polling=100)
    want, _ = expected_charts({})
    shown = wait_until_charts_show(page, want)
    assert differing(shown, want) == [], "the page does not start with the package's charts"
    handle = page.locator(".widget-slider").nth(PRIORITY_SLIDER).locator(".noUi-handle")
    handle.focus()
    latencies, value = [], readout(page, PRIORITY_SLIDER)
    weight_charts = [k for k, name in enumerate(CHARTS) if name not in RATINGS_ONLY]
    for press in range(6):
        key, step = ("ArrowRight", 0.1) if press % 3 != 2 else ("ArrowLeft", -0.1)
        before = page.evaluate(DRAWN_STATE)
        pressed_at = page.evaluate("performance.now()")
        page.keyboard.press(key)
        changed = page.evaluate(CHANGED_AT, [before, 30_000])
        late = [CHARTS[k] for k in weight_charts if changed[k] is None]
        assert late == [], f"press {press + 1} ({key}): {late} did not change"
        latencies.append(max(changed[k] for k in weight_charts) - pressed_at)
        value = round(value + step, 1)
        deadline = time.monotonic() + 30  # the next press once the slider shows this one
        while readout(page, PRIORITY_SLIDER) != value:
            assert time.monotonic() < deadline, f"the slider never showed {value}"
            time.sleep(0.05)
    want, result = expected_charts({FACTOR: value})
    shown = wait_until_charts_show(page, want)
    assert differing(shown, want) == []
    labels = {str(o): verdict_label(str(v), "en")
              for o, v in zip(result["offer"], result["verdict"], strict=True)}  # fmt: skip
    rows = page.locator("table.il-verdicts tr").all_inner_texts()[1:]
    assert {cells.split("\t")[0]: cells.split("\t")[2] for cells in rows} == labels

    # A rating in the offer editor: every chart, the profile too, follows.
    rating = page.locator(".widget-slider").nth(RATING_SLIDER).locator(".noUi-handle")
    rating.focus()
    before = page.evaluate(DRAWN_STATE)
    pressed_at = page.evaluate("performance.now()")
    page.keyboard.press("ArrowLeft")
    changed = page.evaluate(CHANGED_AT, [before, 30_000])
    assert [name for name, t in zip(CHARTS, changed, strict=True) if t is None] == []
    rating_latency = max(changed) - pressed_at
    want, _ = expected_charts({FACTOR: value}, {FACTOR: readout(page, RATING_SLIDER)})
    assert differing(wait_until_charts_show(page, want), want) == []
    page.screenshot(path=str(artifact("app_page_after_keys.png")), full_page=True)
    FIGURES["app_key_to_every_weight_chart_ms_median"] = round(statistics.median(latencies), 1)
    FIGURES["app_key_to_every_weight_chart_ms_all"] = [round(t) for t in latencies]
    FIGURES["app_rating_key_to_all_four_charts_ms"] = round(rating_latency)
    print(f"key press -> every chart changed: {[round(t) for t in latencies]} ms (priority), "
          f"{round(rating_latency)} ms (rating, all four charts)")  # fmt: skip


def test_the_page_passes_an_axe_core_scan(app):
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run scripts/ensure-axe (make test does)")
    page = app.page
    page.add_script_tag(path=str(AXE))  # inlined from disk: no request
    results = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    findings = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]],
            "in_app": [
                page.evaluate(
                    "(sel) => !!document.querySelector(sel)?.closest('.jp-OutputArea-output')",
                    n["target"][0],
                )
                for n in v["nodes"]
            ],
        }
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    artifact("axe_app_page.json").write_text(json.dumps(findings, indent=2) + "\n")
    FIGURES["app_axe_serious_or_critical"] = {f["rule"]: len(f["targets"]) for f in findings}
    page_level = [f for f in findings if not all(f["in_app"])]
    assert page_level == [], "findings in the page around the app (app/share/voila/templates)"
    app_level = {f["rule"]: len(f["targets"]) for f in findings}
    new = {rule: n for rule, n in app_level.items() if n > KNOWN_APP_FINDINGS.get(rule, 0)}
    assert new == {}, f"new accessibility findings in the app: {findings}"
    if app_level:
        pytest.xfail(f"known findings in interview_lab/apps, to be fixed there: {app_level}")


def test_no_chart_offers_to_send_it_to_a_cloud(app):
    titles = app.page.evaluate(
        "[...document.querySelectorAll('.js-plotly-plot .modebar-btn')]"
        ".map((b) => b.getAttribute('data-title') || '')"
    )
    assert titles, "the charts have no toolbar"
    leaving = [t for t in titles if "Share" in t or "Chart Studio" in t or "Plotly.js" in t]
    assert leaving == []


def test_no_request_leaves_the_machine(app):
    # Every request since the page was requested: the page, its scripts, fonts and
    # styles, the kernel's websocket, and what the key presses and the scan caused.
    here = urlsplit(app.server.url).netloc
    # blob: URLs (modules made in the page) name the page's own origin.
    urls = [url.removeprefix("blob:") for url in app.requested if not url.startswith("data:")]
    hosts = sorted({urlsplit(url).netloc for url in urls})
    assert hosts == [here]
    FIGURES["app_requests"] = len(app.requested)


def test_charts_follow_keys_pressed_while_they_are_first_drawn(browser, app_server, closed_pages):
    opened = open_app(browser, app_server)
    page = opened.page
    try:
        page.wait_for_selector(".widget-slider .noUi-handle", timeout=120_000)
        page.wait_for_function(FIRST_CHART, timeout=120_000, polling=20)
        page.locator(".widget-slider").nth(PRIORITY_SLIDER).locator(".noUi-handle").focus()
        start = readout(page, PRIORITY_SLIDER)
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(FOUR_CHARTS, timeout=120_000, polling=20)
        want, _ = expected_charts({FACTOR: round(start + 0.3, 1)})
        missed = differing(wait_until_charts_show(page, want, timeout=20), want)
        if missed:
            page.screenshot(path=str(artifact("app_page_race.png")), full_page=True)
        assert missed == [], f"charts that never showed the key presses: {missed}"
    finally:
        closed_pages[page.evaluate(KERNEL_ID)] = time.monotonic()
        opened.context.close()


def test_the_kernels_of_closed_pages_shut_down_within_a_minute(app, closed_pages):
    closed_pages[app.kernel] = time.monotonic()
    app.context.close()
    waited = {}
    for kernel, closed_at in closed_pages.items():
        while kernel not in app.server.shut_down and time.monotonic() < closed_at + 60:
            time.sleep(0.5)
        assert kernel in app.server.shut_down, f"kernel {kernel} still runs a minute after"
        waited[kernel] = round(app.server.shut_down[kernel] - closed_at, 1)
    FIGURES["app_closed_page_kernel_shut_down_after_s"] = sorted(waited.values())


@pytest.mark.skipif(
    not os.environ.get("INTERVIEW_LAB_MEASURE_COLD_START"),
    reason="a measurement only: INTERVIEW_LAB_MEASURE_COLD_START=1 times a page without "
    "preheated kernels",
)
def test_time_to_first_chart_without_preheated_kernels(browser, tmp_path):
    with app_serving(tmp_path, "--VoilaConfiguration.preheat_kernel=False") as server:
        opened = open_app(browser, server)
        opened.page.wait_for_function(FIRST_CHART, timeout=120_000, polling=20)
        seconds = round(time.perf_counter() - opened.started, 2)
        opened.context.close()
    FIGURES["app_time_to_first_chart_without_preheat_s"] = seconds
    print(f"time to first chart without preheated kernels: {seconds} s")
    assert not math.isnan(seconds)
