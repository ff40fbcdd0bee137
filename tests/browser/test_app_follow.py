"""Every chart of the app page follows every control (issue 15), read in the browser.

The page as ``make app`` serves it, in a page of its own. After each step — a priority
moved with the keyboard, the language switched with the app's toggle, a client's file
opened through "Open invitations" (a German semicolon CSV with decimal commas), and
the language switched back — every chart's data in the page (the plotly divs' traces:
x/y/r/theta, names, texts and hover texts; the layout's titles, axis titles, category
order, the radar's factor names and the annotations) must be what the package draws
in Python for the same offers, priorities and language (interview_lab.charts, dressed
as the app shows them by interview_lab.apps.base.ChartPanel). A failure names each
chart that did not follow and what differs.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pandas as pd

import interview_lab as il
from interview_lab.apps.base import ChartPanel
from interview_lab.apps.compare import CHART_KEYS, COMPARISON_CHARTS
from interview_lab.charts.comparison import SPECS, ChartData
from interview_lab.core.i18n import text

from .conftest import FIGURES, artifact
from .test_app_page import FOUR_CHARTS, SETTLED, open_app, readout

FACTOR = "time_cost"
#: The priority sliders come first in the page, one per factor in model order.
PRIORITY_SLIDER = il.DEFAULT_MODEL.names.index(FACTOR)
PRESSES = 2
#: A client's file: three invitations, German Excel's CSV (semicolons, decimal commas).
CLIENT_CSV = (
    "Angebot;Interesse;Übung;Überraschung;Türen;Zeitaufwand;Verwirrung\n"
    "Hafenamt Kiel — Datenanalyst;7,5;4;3,5;6;2,5;1\n"
    "Brauerei Ost — Controller;2;8,5;2;3;7,5;4,5\n"
    "Sternwarte Jena — Research Engineer;9;5,5;6;8,5;4;2\n"
).encode()
CLIENT_NAME = "klient_drei.csv"
TRACE_KEYS = ("x", "y", "r", "theta", "text", "hovertext", "customdata")
#: Per chart, in page order: what the page holds (``sent``: the figure the kernel sent,
#: p.data and p.layout) and what plotly drew (``drawn``: p._fullData, p._fullLayout).
#: Numbers rounded to 6 digits; text as it is.
CHART_STATE = """(keys) => [...document.querySelectorAll('.js-plotly-plot')].map((p) => {
  const plain = (v) => v == null ? null : typeof v === 'string' ? v : Array.from(v).map(
    (x) => typeof x === 'number' ? Math.round(x * 1e6) / 1e6 : String(x));
  const trace = (t) => Object.fromEntries(
    [['name', t.name ?? null], ...keys.map((k) => [k, plain(t[k])])]);
  const labels = (l) => ({
    title: l.title?.text ?? null,
    xaxis: l.xaxis?.title?.text ?? null,
    yaxis: l.yaxis?.title?.text ?? null,
    categories: plain(l.yaxis?.categoryarray),
    factors: plain(l.polar?.angularaxis?.ticktext),
    annotations: (l.annotations || []).map((a) => a.text ?? null),
  });
  const drawn = (t) => Object.fromEntries(['x', 'y', 'r', 'theta'].map((k) => [k, plain(t[k])]));
  return {
    sent: {traces: (p.data || []).map(trace), layout: labels(p.layout || {})},
    drawn: {traces: (p._fullData || []).map(drawn), title: p._fullLayout?.title?.text ?? null},
  };
})"""


def plain(values: object) -> object:
    if values is None:
        return None
    if isinstance(values, str):
        return values
    return [
        round(float(v), 6) if isinstance(v, int | float) and not isinstance(v, bool) else str(v)
        for v in list(values)  # type: ignore[call-overload]
    ]


def package_charts(offers: pd.DataFrame, weights: dict[str, float], lang: str) -> list[Any]:
    """The four charts the package draws for these offers, priorities and language.

    Built from interview_lab.charts' specs and dressed as the app shows them, in the
    shape CHART_STATE reads them from the page.
    """
    result = il.evaluate(offers, weights, lang=lang)
    data = ChartData.of(result)
    charts = []
    for name in COMPARISON_CHARTS:
        figure = ChartPanel(SPECS[name], data, lang, CHART_KEYS.get(name)).chart.figure
        layout = figure.layout
        traces = [
            {"name": trace.name, **{k: plain(getattr(trace, k, None)) for k in TRACE_KEYS}}
            for trace in figure.data
        ]
        polar = layout.polar.angularaxis.ticktext if "polar" in layout else None
        labels = {
            "title": layout.title.text,
            "xaxis": layout.xaxis.title.text,
            "yaxis": layout.yaxis.title.text,
            "categories": plain(layout.yaxis.categoryarray),
            "factors": plain(polar),
            "annotations": [a.text for a in layout.annotations],
        }
        drawn = [{k: plain(getattr(t, k, None)) for k in ("x", "y", "r", "theta")}
                 for t in figure.data]  # fmt: skip
        charts.append({"sent": {"traces": traces, "layout": labels},
                       "drawn": {"traces": drawn, "title": layout.title.text}})  # fmt: skip
    return charts


def not_following(shown: list[Any], want: list[Any]) -> list[str]:
    """Each chart whose page data differs from the package's, and what differs."""
    if len(shown) != len(want):
        return [f"the page shows {len(shown)} charts, not {len(want)}"]
    late = []
    for name, s, w in zip(COMPARISON_CHARTS, shown, want, strict=True):
        parts = []
        if len(s["sent"]["traces"]) != len(w["sent"]["traces"]):
            parts.append(f"{len(s['sent']['traces'])} traces, not {len(w['sent']['traces'])}")
        else:
            for k, (a, b) in enumerate(zip(s["sent"]["traces"], w["sent"]["traces"], strict=True)):
                keys = sorted(key for key in b if a.get(key) != b[key])
                if keys:
                    parts.append(f"trace {k} ({b['name']}): {keys}")
        for key, value in w["sent"]["layout"].items():
            if s["sent"]["layout"].get(key) != value:
                parts.append(f"layout {key}: {s['sent']['layout'].get(key)!r} != {value!r}")
        if s["drawn"] != w["drawn"]:
            parts.append("drawing (plotly's _fullData/_fullLayout) lags the data")
        if parts:
            late.append(f"{name}: " + "; ".join(parts))
    return late


def wait_for_charts(page: Any, want: list[Any], timeout: float = 30) -> list[str]:
    """Wait until every chart in the page is the package's; return those that never were."""
    deadline = time.monotonic() + timeout
    while True:
        late = not_following(page.evaluate(CHART_STATE, list(TRACE_KEYS)), want)
        if not late or time.monotonic() > deadline:
            return late
        time.sleep(0.25)


def button(page: Any, name: str) -> Any:
    return page.locator("button", has_text=name).first


def test_every_chart_follows_a_slider_a_language_switch_and_an_upload(
    browser: Any, app_server: Any, tmp_path: Path
) -> None:
    client_file = tmp_path / CLIENT_NAME
    client_file.write_bytes(CLIENT_CSV)
    client = il.load_offers(client_file)
    assert client["interest"].tolist() == [7.5, 2.0, 9.0]  # three, decimal commas read
    example = il.load_example_offers()
    opened = open_app(browser, app_server)
    page = opened.page
    steps: dict[str, list[str]] = {}
    timings: dict[str, float] = {}

    def check(step: str, offers: pd.DataFrame, weights: dict[str, float], lang: str) -> None:
        started = time.perf_counter()
        steps[step] = wait_for_charts(page, package_charts(offers, weights, lang))
        timings[step] = round(time.perf_counter() - started, 2)

    try:
        page.wait_for_function(FOUR_CHARTS, timeout=120_000, polling=50)
        page.wait_for_function(SETTLED, timeout=60_000, polling=100)
        check("start (English, example offers)", example, {}, "en")

        # (1) A priority, moved with the keyboard.
        page.locator(".widget-slider").nth(PRIORITY_SLIDER).locator(".noUi-handle").focus()
        for _ in range(PRESSES):
            page.keyboard.press("ArrowRight")
        weight = round(il.DEFAULT_MODEL.default_weights[FACTOR] + 0.1 * PRESSES, 1)
        deadline = time.monotonic() + 30
        while readout(page, PRIORITY_SLIDER) != weight:
            assert time.monotonic() < deadline, f"the slider never showed {weight}"
            time.sleep(0.05)
        weights = {FACTOR: weight}
        check("slider moved", example, weights, "en")

        # (2) The app's language toggle: German, the moved priority kept.
        button(page, "Deutsch").click()
        button(page, text("apps.compare.download_report", "de")).wait_for(timeout=30_000)
        check("switched to German", example, weights, "de")
        # The page says it is German (screen readers read it so), its tab too.
        page.wait_for_function("document.documentElement.lang === 'de'", timeout=30_000)
        assert page.title() == f"{text('apps.compare.title', 'de')} · interview_lab"

        # (3) A client's file through "Open invitations".
        upload = page.locator(".widget-upload", has_text=text("apps.compare.upload", "de"))
        with page.expect_file_chooser(timeout=30_000) as chooser:
            upload.click()
        chooser.value.set_files(str(client_file))
        said = text("apps.compare.uploaded", "de", n=3, name=CLIENT_NAME)
        page.locator(".widget-html-content", has_text=said).wait_for(timeout=60_000)
        check("client's file opened (German)", client, weights, "de")

        # (4) Back to English, with the client's invitations.
        button(page, "English").click()
        button(page, text("apps.compare.download_report", "en")).wait_for(timeout=30_000)
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
        assert page.title() == f"{text('apps.compare.title', 'en')} · interview_lab"
        check("switched back to English", client, weights, "en")
        page.screenshot(path=str(artifact("app_follow.png")), full_page=True)
    finally:
        opened.context.close()
    FIGURES["app_follow_s_per_step"] = timings
    late = {step: charts for step, charts in steps.items() if charts}
    assert late == {}, "charts that did not follow:\n" + "\n".join(
        f"after {step}:\n  " + "\n  ".join(charts) for step, charts in late.items()
    )
