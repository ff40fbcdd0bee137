"""The coach's app page fits a laptop and a phone, in English and German (issue 15).

The page as ``make app`` serves it, opened at 1366×768 and at 390×844 (a phone: touch,
mobile viewport), first in English, then switched to German with the app's own
language toggle. Each time: no horizontal scrolling, no label cut off (widget labels,
buttons, the options of every dropdown), every chart as wide as the app (and no text
of a chart outside it), the legends clear of the plots, and the numbered labels of the
benefit/cost map apart from each other. A full-page screenshot of each of the four goes
to test-artifacts/ (app_layout_<device>_<lang>.png).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import FIGURES, artifact

DEVICES: dict[str, dict[str, Any]] = {
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
TITLES = {"en": "Compare your invitations", "de": "Einladungen vergleichen"}
TOGGLE = {"en": "English", "de": "Deutsch"}
FOUR_CHARTS = (
    "[...document.querySelectorAll('.js-plotly-plot')]"
    ".filter((p) => p.querySelector('.main-svg') && p.data && p.data.length).length >= 4"
)
#: True once no chart has been redrawn (nor resized) for a second and a half.
SETTLED = """() => {
  const stamp = [...document.querySelectorAll('.js-plotly-plot')].map((p) =>
    JSON.stringify([(p._fullData || []).map((t) => [t.x, t.y, t.name]),
                    p._fullLayout && p._fullLayout.width])).join('|');
  const now = performance.now();
  if (window.__ilLayoutStamp !== stamp) {
    window.__ilLayoutStamp = stamp;
    window.__ilLayoutSince = now;
  }
  return now - window.__ilLayoutSince > 1500;
}"""
#: Everything measured on the page, in one pass.
MEASURE = """() => {
  const app = document.querySelector('.jp-OutputArea-output');
  const box = (e) => e.getBoundingClientRect();
  const visible = (e) => { const r = box(e); return r.width > 0 && r.height > 0; };
  const name = (e) => (e.innerText || e.value || '').trim().slice(0, 60);
  const overlap = (a, b, pad = 0) => a.left < b.right - pad && b.left < a.right - pad
    && a.top < b.bottom - pad && b.top < a.bottom - pad;
  const cut = [];
  const labels = app.querySelectorAll(
    '.widget-label, .widget-label-basic, .widget-button, .jupyter-button, ' +
    '.widget-toggle-button, .widget-checkbox label, .widget-readout, .widget-html-content');
  for (const e of labels) {
    if (!visible(e) || !name(e)) continue;
    const style = getComputedStyle(e);
    const r = box(e);
    if (e.scrollWidth > e.clientWidth + 1 && style.overflowX !== 'visible')
      cut.push(`${name(e)} (text ${e.scrollWidth} px in ${e.clientWidth} px)`);
    else if (r.right > innerWidth + 0.5 || r.left < -0.5)
      cut.push(`${name(e)} (outside the window: ${Math.round(r.left)}–${Math.round(r.right)})`);
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const s of app.querySelectorAll('select')) {
    if (!visible(s)) continue;
    const style = getComputedStyle(s);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    // the room for text: the box without its padding (the arrow sits in the right padding)
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const o of s.options) {
      const need = ctx.measureText(o.text).width;
      if (need > room + 1)
        cut.push(`option ${o.text} (${Math.round(need)} px in ${Math.round(room)} px)`);
    }
  }
  const width = app.getBoundingClientRect().width;
  const charts = [...document.querySelectorAll('.js-plotly-plot')].map((p) => {
    const r = box(p);
    const svg = box(p.querySelector('.main-svg'));
    const outside = [...p.querySelectorAll('.main-svg text')].filter(visible)
      .filter((t) => { const b = box(t); return b.left < svg.left - 1 || b.right > svg.right + 1
        || b.top < svg.top - 1 || b.bottom > svg.bottom + 1; })
      .map((t) => t.textContent);
    // The legend covers no part of the plot and no other text of the chart.
    const legend = p.querySelector('.legend');
    const areas = [...p.querySelectorAll('.draglayer .nsewdrag, .polarlayer .bg, .main-svg text')]
      .filter((a) => !(legend && legend.contains(a)));
    const hidden = legend ? areas.filter(visible).filter((a) => overlap(box(legend), box(a), 1))
      .map((a) => a.textContent || a.getAttribute('class')) : [];
    // Tick labels (offer names broken into lines among them) stay apart.
    const crowded = [];
    for (const kind of ['.xtick text', '.ytick text', '.angularaxistick text']) {
      const ticks = [...p.querySelectorAll(kind)].filter(visible)
        .map((t) => ({t: t.textContent, r: box(t)}));
      ticks.forEach((a, i) => ticks.slice(i + 1).forEach((b) => {
        if (overlap(a.r, b.r, 1)) crowded.push(`${a.t}/${b.t}`);
      }));
    }
    return {width: Math.round(r.width), svg: Math.round(svg.width), container: Math.round(width),
            left: Math.round(r.left), right: Math.round(r.right), outside, hidden, crowded};
  });
  // The benefit/cost map (the fourth chart): its numbered point labels (annotations).
  const map = document.querySelectorAll('.js-plotly-plot')[3];
  const numbered = (map.layout.annotations || []).map((a, k) => [a, k])
    .filter(([a]) => a.name === 'point label').map(([, k]) => k);
  const texts = numbered.map((k) =>
    map.querySelector(`.annotation[data-index="${k}"] .annotation-text`)).filter(Boolean);
  const rects = texts.map((t) => ({t: t.textContent, r: box(t)}));
  const clashes = [];
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => {
    if (overlap(a.r, b.r)) clashes.push(`${a.t}/${b.t}`);
  }));
  // Every slider's handle inside its own row: not over the next slider's label.
  const spilled = [...app.querySelectorAll('.widget-slider')].filter(visible).flatMap((row) =>
    [...row.querySelectorAll('.noUi-handle')].filter((h) => box(h).top < box(row).top - 1
      || box(h).bottom > box(row).bottom + 1).map(() => name(row.querySelector('.widget-label'))));
  // Sideways scrolling: the page's scroller (Voila's #rendered_cells) or any box of the app.
  const scrollers = [document.scrollingElement, document.getElementById('rendered_cells'),
    ...app.querySelectorAll('.widget-box, .widget-html-content, .jp-OutputArea-output')]
    .filter((e) => e && (e === document.scrollingElement ? e.scrollWidth > innerWidth
      : e.scrollWidth > e.clientWidth + 1
        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)))
    .map((e) => `${e.id || e.className} (${e.scrollWidth} px in ${e.clientWidth} px)`);
  return {
    scrollWidth: document.scrollingElement.scrollWidth, innerWidth, scrollers,
    height: (document.getElementById('rendered_cells') || document.body).scrollHeight,
    cut, charts, labels: rects.map((x) => x.t), clashes, spilled,
    title: (app.querySelector('h2') || {}).textContent,
  };
}"""


@pytest.fixture(scope="module")
def pages(browser: Any, app_server: Any) -> Any:
    """Device -> its app page, opened once (in English) when first asked for."""
    opened: dict[str, Any] = {}

    def page(device: str) -> Any:
        if device not in opened:
            # Once more in a new page if the first never shows its charts: on a loaded
            # machine a page that needs a new kernel can miss it (a layout test, not a
            # start-up test: tests/browser/test_app_page.py times the start).
            for attempt in (1, 2):
                context = browser.new_context(**DEVICES[device])
                shown = context.new_page()
                started = time.perf_counter()
                shown.goto(app_server.url, wait_until="commit")
                try:
                    shown.wait_for_function(FOUR_CHARTS, timeout=120_000, polling=100)
                except PlaywrightTimeout:
                    context.close()
                    if attempt == 2:
                        raise
                    continue
                seconds = round(time.perf_counter() - started, 1)
                FIGURES[f"layout_{device}_all_charts_s"] = seconds
                FIGURES[f"layout_{device}_attempts"] = attempt
                opened[device] = (context, shown)
                break
        return opened[device][1]

    yield page
    for context, _ in opened.values():
        context.close()


def show_language(page: Any, lang: str) -> None:
    """Press the app's language toggle and wait for the page and the charts to settle."""
    toggle = page.locator(".widget-toggle-buttons button", has_text=TOGGLE[lang])
    if "mod-active" not in (toggle.get_attribute("class") or ""):
        toggle.click()
    page.wait_for_function(
        "(title) => (document.querySelector('.jp-OutputArea-output h2') || {}).textContent"
        " === title",
        arg=TITLES[lang],
        timeout=60_000,
    )
    page.wait_for_function(SETTLED, timeout=60_000, polling=100)


def screenshot(page: Any, height: int, path: Any) -> None:
    """Take the whole app: the page scrolls inside Voila's #rendered_cells, so the window
    is made as tall as the app for the picture (the width stays)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 100), 16_000)})
    try:
        page.wait_for_function(SETTLED, timeout=30_000, polling=100)
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
        page.wait_for_function(SETTLED, timeout=30_000, polling=100)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("device", list(DEVICES))
def test_the_app_fits_the_screen(pages: Any, device: str, lang: str) -> None:
    page = pages(device)
    show_language(page, lang)
    seen = page.evaluate(MEASURE)
    screenshot(page, seen["height"], artifact(f"app_layout_{device}_{lang}.png"))
    FIGURES[f"layout_{device}_{lang}"] = {
        "scroll_width": seen["scrollWidth"],
        "chart_widths": [c["width"] for c in seen["charts"]],
        "container": seen["charts"][0]["container"] if seen["charts"] else None,
        "map_labels": len(seen["labels"]),
    }
    assert seen["title"] == TITLES[lang]
    assert seen["scrollWidth"] <= seen["innerWidth"], "the page scrolls sideways"
    assert seen["scrollers"] == [], "parts of the app scroll sideways"
    assert seen["cut"] == [], "labels cut off"
    assert seen["spilled"] == [], "slider handles outside their rows"
    for chart in seen["charts"]:
        assert chart["left"] >= 0, chart
        assert chart["right"] <= seen["innerWidth"], chart
        assert chart["width"] <= chart["container"] + 1, chart
        assert chart["width"] > 0.9 * chart["container"], chart
        assert chart["svg"] >= chart["width"] - 2, f"drawn narrower than its box: {chart}"
        assert chart["outside"] == [], f"chart text cut at the chart's edge: {chart}"
        assert chart["hidden"] == [], f"the legend covers the plot: {chart}"
        assert chart["crowded"] == [], f"tick labels overlap: {chart}"
    assert len(seen["labels"]) >= 2, "the benefit/cost map has no numbered labels"
    assert seen["clashes"] == [], "benefit/cost labels overlap"
