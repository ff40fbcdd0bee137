"""What an app does to its page: charts as wide as their boxes, the page's language.

plotly's widget draws a chart at the width of its box only if the box is on the page
when it draws, and after that follows only the window's ``resize`` event. JupyterLab
draws a widget before it places it, so a chart came out 700 px wide in a notebook
1,500 px wide, and stayed so until the window was resized; a side panel opened or
closed changes the notebook's width without any window event at all.

:class:`FitCharts`, an invisible part of every app (:func:`interview_lab.apps.base.fit_page`
adds it), watches the app: once a chart's drawing is narrower or wider than its box,
it sends the window a ``resize`` event, which every app chart follows (plotly's
``responsive`` setting). It asks at most once per chart and box width, so a chart
that cannot fit (a fixed width) never makes it ask again and again.

:class:`PageLanguage` gives an app page of its own (the Voilà app page) the app's
language and title: ``<html lang="de">`` tells a screen reader to read German, and
the browser's tab says "Einladungen vergleichen". In JupyterLab, whose page holds
many notebooks, it changes nothing.
"""

from __future__ import annotations

import anywidget
import traitlets

#: The page side: watch the app's box for new drawings and new widths.
_ESM = """
function render({ el }) {
  let app = null;
  let frame = 0;
  let stopped = false;
  const asked = new WeakMap();  // chart -> the box width a resize was asked for
  const unfit = () => [...app.querySelectorAll(".js-plotly-plot")].filter((chart) => {
    const svg = chart.querySelector(".main-svg");
    if (!svg || !chart._context || !chart._context.responsive) return false;
    if (chart.layout && chart.layout.width) return false;  // a fixed width: not ours
    const box = Math.round(chart.getBoundingClientRect().width);
    if (box < 1 || Math.abs(svg.getBoundingClientRect().width - box) <= 1) return false;
    if (asked.get(chart) === box) return false;
    asked.set(chart, box);
    return true;
  });
  const check = () => {
    if (frame || stopped || !app) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (unfit().length) window.dispatchEvent(new Event("resize"));
    });
  };
  const drawn = new MutationObserver(check);
  const resized = new ResizeObserver(check);
  const start = () => {  // the view is placed on the page after it is rendered
    if (stopped) return;
    app = el.closest(".il-app");
    if (!app) {
      requestAnimationFrame(start);
      return;
    }
    drawn.observe(app, { childList: true, subtree: true });
    resized.observe(app);
    check();
  };
  start();
  return () => {
    stopped = true;
    drawn.disconnect();
    resized.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
export default { render };
"""


class FitCharts(anywidget.AnyWidget):
    """Keep an app's charts as wide as their boxes; shows nothing itself."""

    _esm = _ESM

    def __init__(self) -> None:
        super().__init__(layout={"display": "none"})


#: The page side: the page's ``lang`` and title, on a page that is the app's alone.
_LANGUAGE_ESM = """
function render({ model }) {
  const show = () => {
    if (!document.body || !("voila" in document.body.dataset)) return;
    document.documentElement.lang = model.get("lang");
    if (model.get("title")) document.title = model.get("title");
  };
  show();
  model.on("change", show);
  return () => model.off("change", show);
}
export default { render };
"""


class PageLanguage(anywidget.AnyWidget):
    """The language and title of a page that shows one app; shows nothing itself."""

    _esm = _LANGUAGE_ESM
    #: The page's language, a BCP 47 tag: "en", "de".
    lang = traitlets.Unicode("en").tag(sync=True)
    #: The browser tab's title ("" leaves it).
    title = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **values: object) -> None:
        super().__init__(layout={"display": "none"}, **values)


__all__ = ["FitCharts", "PageLanguage"]
