"""What people see in a real browser (issue 7): JupyterLab and the report.

The Voilà app page (`make app`) has its own module, test_app_page.py.
"""

from __future__ import annotations

import os
import shutil
import time

import interview_lab as il
from interview_lab.apps.report import write_report
from tests.helpers import REPO

from .conftest import artifact, free_port, serving, venv_tool
from .test_app_page import (  # the app page's own checks, here in JupyterLab
    CHANGED_AT,
    CHARTS,
    DRAWN_STATE,
    FACTOR,
    PRIORITY_SLIDER,
    differing,
    expected_charts,
    readout,
    wait_until_charts_show,
)

HOSTILE = "<img src=x onerror=alert(1)>"
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


def expected_scores(weights: dict[str, float]) -> dict[str, float]:
    result = il.evaluate(il.load_example_offers(), weights, explain=False)
    return {
        str(o): round(float(s), 3) for o, s in zip(result["offer"], result["score"], strict=True)
    }


#: Per chart: the width of its drawing and of the notebook output it sits in (px).
CHART_WIDTHS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((p) => [
  p.querySelector('.main-svg').getBoundingClientRect().width,
  p.closest('.jp-OutputArea-output').getBoundingClientRect().width])"""


def test_the_notebook_runs_in_jupyterlab_and_its_widgets_and_charts_render(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
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
        # On a 1920 px screen every chart is as wide as the notebook's output (not 700 px).
        deadline = time.monotonic() + 10  # drawn first, then fitted to the output's width
        while True:
            widths = page.evaluate(CHART_WIDTHS)
            if all(chart >= 0.9 * output and chart > 1000 for chart, output in widths):
                break
            assert time.monotonic() < deadline, widths
            time.sleep(0.2)
        # A key press on a priority slider: every chart that shows priorities follows,
        # to what the package computes.
        page.wait_for_function(  # the charts are settled: the page shows the package's
            f"({DRAWN_STATE})().every((s) => s !== '[]')", timeout=60_000
        )
        handle = page.locator(".jp-OutputArea .widget-slider").nth(PRIORITY_SLIDER)
        handle.locator(".noUi-handle").focus()
        value = readout(page, PRIORITY_SLIDER)
        before = page.evaluate(DRAWN_STATE)
        page.keyboard.press("ArrowRight")
        changed = page.evaluate(CHANGED_AT, [before, 30_000])
        assert [name for name, t in zip(CHARTS, changed, strict=True)
                if t is None and name != "profile"] == []  # fmt: skip
        want, _ = expected_charts({FACTOR: round(value + 0.1, 1)})
        assert differing(wait_until_charts_show(page, want), want) == []
        page.screenshot(path=str(artifact("jupyterlab_run_all.png")), full_page=True)
    context.close()


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
