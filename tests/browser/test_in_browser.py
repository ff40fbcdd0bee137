"""What people see in a real browser (issue 7): the Voilà app, JupyterLab, the report."""

from __future__ import annotations

import os
import shutil
import statistics
import time

import interview_lab as il
from interview_lab.apps.report import write_report
from interview_lab.text.explain import verdict_label
from tests.helpers import REPO

from .conftest import FIGURES, artifact, free_port, serving, venv_tool

HOSTILE = "<img src=x onerror=alert(1)>"
TIME_COST_LABEL = "Cost in time and absence"
#: The comparison app's charts, in page order (see interview_lab.apps.compare.COMPARISON_CHARTS).
RANKING = 2
#: The ranking chart in the page, as a JavaScript expression.
PLOT = f"document.querySelectorAll('.js-plotly-plot')[{RANKING}]"
#: Offer -> score as the ranking chart in the page shows it.
RANKED_SCORES = f"""() => {{
  const scores = {{}};
  for (const trace of {PLOT}.data) {{
    if (trace.type !== 'bar') continue;
    trace.y.forEach((offer, k) => {{ scores[offer] = trace.x[k]; }});
  }}
  return scores;
}}"""
#: The first chart (what speaks for and against each invitation): the key-press latency
#: is timed on it. The ranking chart misses a single update now and then (seen in 3
#: of 14 runs, see the closing check below), which is the open first-render issue of
#: the coach's app; timing on it would hang the test on that bug, not measure speed.
FIRST = "document.querySelectorAll('.js-plotly-plot')[0]"
#: Resolves with performance.now() once the first chart differs from ``before``;
#: rejects after 30 s, so a lost update fails the test instead of hanging it.
CHANGED_AT = f"""(before) => new Promise((resolve, reject) => {{
  const giveUp = performance.now() + 30000;
  const check = () => {{
    const now = JSON.stringify({FIRST}.data.map((t) => t.x));
    if (now !== before) resolve(performance.now());
    else if (performance.now() > giveUp) reject(new Error("the first chart did not change"));
    else requestAnimationFrame(check);
  }};
  check();
}})"""
RANKING_STATE = f"() => JSON.stringify({FIRST}.data.map((t) => t.x))"
#: Resolves once no chart has been redrawn for two seconds (plotly marks each redraw).
SETTLED = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const stamp = plots.map((p) => JSON.stringify(p.data.map((t) => t.x))).join('|');
  const now = performance.now();
  if (window.__ilStamp !== stamp) { window.__ilStamp = stamp; window.__ilSince = now; }
  return now - window.__ilSince > 2000;
}"""


def expected_scores(weights: dict[str, float]) -> dict[str, float]:
    result = il.evaluate(il.load_example_offers(), weights, explain=False)
    return {
        str(o): round(float(s), 3) for o, s in zip(result["offer"], result["score"], strict=True)
    }


def verdict_table(page) -> dict[str, str]:
    rows = page.locator("table.il-verdicts tr").all_inner_texts()[1:]
    return {cells.split("\t")[0]: cells.split("\t")[2] for cells in rows}


def test_the_voila_app_follows_a_weight_slider_moved_with_the_keyboard(page, tmp_path):
    port = free_port()
    command = [venv_tool("voila"), str(REPO / "notebooks" / "compare_offers.ipynb"),
               f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"]  # fmt: skip
    with serving(command, f"http://127.0.0.1:{port}/", tmp_path, tmp_path / "voila.log") as url:
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 4",
                               timeout=120_000)  # fmt: skip
        FIGURES["voila_time_to_first_chart_s"] = round(time.perf_counter() - started, 1)
        # An update sent while the charts are still being drawn the first time can be
        # lost (the first-render race the coach's-app issue is about, still open): this
        # test is about following a slider, so it starts once the charts have stayed
        # unchanged for two seconds.
        page.wait_for_function(SETTLED, timeout=60_000)
        assert page.locator(".jp-InputArea-editor").count() == 0  # code cells hidden
        assert page.evaluate(RANKED_SCORES) == expected_scores({})

        slider = page.locator(".widget-slider", has_text=TIME_COST_LABEL).first
        handle = slider.locator(".noUi-handle")
        handle.focus()
        latencies = []
        start = il.DEFAULT_MODEL.default_weights["time_cost"]
        value = start
        for press in range(12):
            key, step = ("ArrowRight", 0.1) if press % 3 != 2 else ("ArrowLeft", -0.1)
            before = page.evaluate(RANKING_STATE)
            pressed_at = page.evaluate("performance.now()")
            page.keyboard.press(key)
            try:
                changed_at = page.evaluate(CHANGED_AT, before)
            except Exception as error:  # say what the page showed when it did not follow
                page.screenshot(path=str(artifact("voila_not_followed.png")), full_page=True)
                shown = slider.locator(".widget-readout").inner_text().strip()
                raise AssertionError(
                    f"press {press + 1} ({key}): the first chart did not change; the "
                    f"slider shows {shown}, expected {round(value + step, 1):.1f}"
                ) from error
            latencies.append(changed_at - pressed_at)
            value = round(value + step, 1)
            # The next key press only once the slider itself shows this value: a press
            # made while the kernel's echo of the last one is on its way can be undone.
            readout = slider.locator(".widget-readout")
            deadline = time.monotonic() + 30
            while readout.inner_text().strip() != f"{value:.1f}":
                assert time.monotonic() < deadline, f"the slider never showed {value:.1f}"
                time.sleep(0.05)
        weights = {"time_cost": value}
        deadline = time.monotonic() + 30
        while page.evaluate(RANKED_SCORES) != expected_scores(weights):
            assert time.monotonic() < deadline, "the chart never showed the package's scores"
            time.sleep(0.2)
        result = il.evaluate(il.load_example_offers(), weights)
        labels = {str(o): verdict_label(str(v), "en")
                  for o, v in zip(result["offer"], result["verdict"], strict=True)}  # fmt: skip
        assert verdict_table(page) == labels
        assert value == round(start + 0.4, 1)  # 8 steps right and 4 left of 0.1
        assert slider.locator(".widget-readout").inner_text().strip() == f"{value:.1f}"
        page.screenshot(path=str(artifact("voila_after_slider.png")), full_page=True)
    FIGURES["voila_key_to_chart_ms_median"] = round(statistics.median(latencies), 1)
    FIGURES["voila_key_to_chart_ms_all"] = [round(t) for t in latencies]


def test_the_notebook_runs_in_jupyterlab_and_its_widgets_and_charts_render(page, tmp_path):
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy(REPO / "notebooks" / "compare_offers.ipynb", work / "compare_offers.ipynb")
    port = free_port()
    command = [
        venv_tool("jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={work}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]  # fmt: skip
    with serving(command, f"http://127.0.0.1:{port}/lab", work, tmp_path / "lab.log") as url:
        page.goto(f"{url}/workspaces/browser-test/tree/compare_offers.ipynb?reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=120_000)  # fmt: skip
        page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 4",
                               timeout=120_000)  # fmt: skip
        sliders = page.locator(".jp-OutputArea .widget-slider")
        assert sliders.count() == 12  # six priorities, six ratings in the editor
        assert page.locator(".jp-OutputArea table.il-verdicts tr").count() == 9
        # Every chart drew its SVG, with data.
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('.js-plotly-plot'))"
            ".map(p => p.querySelector('.main-svg') !== null && p.data.length > 0)"
        )
        assert drawn == [True] * 4
        assert page.evaluate(RANKED_SCORES) == expected_scores({})
        page.screenshot(path=str(artifact("jupyterlab_run_all.png")), full_page=True)


def test_the_report_opens_offline_and_shows_hostile_text_as_text(page, tmp_path):
    offers = il.load_example_offers()
    offers.loc[0, "offer"] = HOSTILE
    report = write_report(tmp_path / "report.html", offers, lang="de")
    requested, dialogs = [], []

    def block_the_network(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", block_the_network)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(report.as_uri())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".filter(p => p.querySelector('.main-svg')).length === 3",
        timeout=30_000,
    )
    assert [url for url in requested if not url.startswith("file://")] == []
    assert HOSTILE in page.locator("table").first.inner_text()
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    ranking_labels = page.evaluate(
        "document.querySelectorAll('.js-plotly-plot')[0].data.flatMap(t => t.y || [])"
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in ranking_labels
    page.wait_for_timeout(500)  # give an injected handler every chance to fire
    assert dialogs == []
    page.screenshot(path=str(artifact("report_offline.png")), full_page=True)
