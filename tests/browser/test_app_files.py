"""A coach's files on the app page go through the browser (issue 15), in English and German.

The page as ``make app`` serves it, opened once on a laptop (1366×768) and once on a
phone (390×844, touch). In each language (the app's own toggle), on each, every upload
and download button is on the screen and can be pressed without scrolling sideways, and
a coach opens a client's file ("Open invitations", a German Excel CSV),
moves a priority with the keyboard, and downloads the report and the case: real
downloads, whose bytes are checked (the report shows the client's invitations in
the language; the case reopens with them, the moved priority and the language).
Every message appears right under the control that caused it. The case downloaded in
German is opened again through "Open case". Screenshots go to test-artifacts/
(app_files_<device>_<lang>.png).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import interview_lab as il
from interview_lab.core.i18n import number, text
from interview_lab.io.case import load_case_bytes

from .conftest import FIGURES, artifact
from .test_app_layout import DEVICES

CLIENT_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "spreadsheets"
CLIENT_FILE = CLIENT_FILE / "angebote_de_cp1252.csv"
FACTOR = "time_cost"
#: The priority sliders come first in the page, one per factor in model order.
PRIORITY_SLIDER = il.DEFAULT_MODEL.names.index(FACTOR)
PRESSES = 3
STAMP = r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}"
#: How far below its button a message may appear (a status line, not the page top).
NEAR_PX = 160


def say(key: str, lang: str, **values: object) -> str:
    return text(f"apps.compare.{key}", lang, **values)


@pytest.fixture(scope="module")
def pages(browser, app_server) -> Any:
    """Device -> its app page, opened once (when first asked for) for both languages."""
    opened: dict[str, Any] = {}

    def page(device: str) -> Any:
        if device not in opened:
            context = browser.new_context(**DEVICES[device])
            shown = context.new_page()
            shown.goto(app_server.url, wait_until="commit")
            # The files need the widgets, not the charts (test_app_page times those).
            shown.locator("table.il-verdicts").wait_for(timeout=120_000)
            button(shown, say("download_report", "en")).wait_for(timeout=120_000)
            opened[device] = (context, shown)
        return opened[device][1]

    yield page
    for context, _ in opened.values():
        context.close()


def button(page: Any, name: str) -> Any:
    return page.locator("button", has_text=name).first


def wait_for_text(page: Any, wanted: str, timeout: float = 60) -> Any:
    """Return the status line that says ``wanted`` once it is shown."""
    found = page.locator(".widget-html-content", has_text=wanted).last
    found.wait_for(state="visible", timeout=timeout * 1000)
    return found


def below(status: Any, control: Any) -> float:
    """How far the top of ``status`` is below the top of ``control``, in pixels."""
    return float(status.bounding_box()["y"] - control.bounding_box()["y"])


def switch_to(page: Any, lang: str) -> None:
    """Choose the language with the app's toggle and start from its priorities."""
    toggle = {"en": "English", "de": "Deutsch"}[lang]
    button(page, toggle).click()
    button(page, say("download_report", lang)).wait_for(timeout=30_000)
    button(page, text("apps.base.reset", lang)).click()


def choose(page: Any, upload: Any, files: Any) -> None:
    """Click an upload button and choose ``files`` in the browser's file chooser.

    The widget's ``<input type=file>`` is never part of the page (the button clicks
    it), so the chooser it opens is where the file is given.
    """
    with page.expect_file_chooser(timeout=30_000) as chooser:
        upload.click()
    assert chooser.value.is_multiple() is False
    chooser.value.set_files(files)


def verdict_rows(page: Any) -> list[list[str]]:
    """The verdict table's rows, cell by cell (a table on a laptop, a list on a phone)."""
    rows: list[list[str]] = page.evaluate(
        "[...document.querySelectorAll('table.il-verdicts tr')]"
        ".map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim()))"
        ".filter((cells) => cells.length)"
    )
    return rows


#: What leads each cell of the verdict table's first row ("" for nothing): its
#: column's heading on a phone, where the table is a list without a heading row.
LEADING_HEADINGS = """[...document.querySelectorAll('table.il-verdicts tr:nth-child(2) td')]
  .map((c) => { const s = getComputedStyle(c, '::before').content;
                return s === 'none' || s === 'normal' ? '' : JSON.parse(s); })"""


def file_buttons(page: Any, lang: str) -> dict[str, Any]:
    """The app's upload and download buttons, by their text in ``lang``."""
    uploads = {say(key, lang): page.locator(".widget-upload", has_text=say(key, lang)).first
               for key in ("upload", "open_case")}  # fmt: skip
    downloads = {say(key, lang): button(page, say(key, lang)) for key in
                 ("download_csv", "download_xlsx", "download_case", "download_report")}  # fmt: skip
    return {**uploads, **downloads}


#: Why a control, scrolled into view, cannot be used where it is: "" if it can.
CANNOT_USE = """(e) => {
  const r = e.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return 'not shown';
  if (r.left < 0 || r.right > innerWidth + 0.5)
    return `off the screen sideways (${Math.round(r.left)}..${Math.round(r.right)} px`
      + ` of ${innerWidth})`;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!hit || !(e.contains(hit) || hit.contains(e))) return `covered by ${hit && hit.className}`;
  const cells = document.getElementById('rendered_cells');
  const sideways = [document.scrollingElement, cells].filter((s) => s && s.scrollLeft !== 0);
  if (sideways.length) return 'the page scrolled sideways to show it';
  if (document.scrollingElement.scrollWidth > innerWidth) return 'the page scrolls sideways';
  return '';
}"""


def unreachable(page: Any, controls: dict[str, Any]) -> list[str]:
    """The controls that are not visible and usable on the screen, and why."""
    found = []
    for name, control in controls.items():
        if not control.is_visible():
            found.append(f"{name}: not visible")
            continue
        control.scroll_into_view_if_needed()
        why = control.evaluate(CANNOT_USE)
        if why:
            found.append(f"{name}: {why}")
    return found


def download(page: Any, control: Any) -> SimpleNamespace:
    """Click ``control``; return the file the browser saved: its name and bytes."""
    with page.expect_download(timeout=60_000) as started:
        control.click()
    saved = started.value
    return SimpleNamespace(name=saved.suggested_filename, data=Path(saved.path()).read_bytes())


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("device", list(DEVICES))
def test_a_coach_opens_a_file_moves_a_priority_and_downloads_report_and_case(pages, device, lang):
    page = pages(device)
    started = time.perf_counter()
    switch_to(page, lang)
    # Every file button is on the screen and can be pressed, without scrolling sideways.
    assert unreachable(page, file_buttons(page, lang)) == []
    expected = il.load_offers(CLIENT_FILE)
    names = expected["offer"].tolist()

    # Open the client's file: the table and the status line under the upload follow.
    upload = page.locator(".widget-upload", has_text=say("upload", lang))
    choose(page, upload, str(CLIENT_FILE))
    opened = wait_for_text(page, say("uploaded", lang, n=len(names), name=CLIENT_FILE.name))
    assert 0 < below(opened, upload) < NEAR_PX
    deadline = time.monotonic() + 30
    while sorted(row[0] for row in verdict_rows(page)) != sorted(names):
        assert time.monotonic() < deadline, verdict_rows(page)
        time.sleep(0.1)
    assert upload.inner_text().strip() == say("upload", lang)  # no count of files: "(0)"
    # Each cell of the verdicts says its column: on a phone the table is a list.
    led = page.evaluate(LEADING_HEADINGS)
    if device == "phone":
        assert led[1:3] == [f"{say('score', lang)}: ", f"{say('verdict', lang)}: "], led
    else:
        assert set(led) == {""}, led

    # Move a priority with the keyboard, as a person would.
    handle = page.locator(".widget-slider").nth(PRIORITY_SLIDER).locator(".noUi-handle")
    handle.focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
    weight = round(il.DEFAULT_MODEL.default_weights[FACTOR] + 0.1 * PRESSES, 1)
    result = il.evaluate(expected, {FACTOR: weight}, lang=lang)
    scores = {str(o): number(float(v), lang, 2, signed=True)
              for o, v in zip(result["offer"], result["score"], strict=True)}  # fmt: skip
    deadline = time.monotonic() + 30  # the kernel has the priority once the table shows it
    while {row[0]: row[1] for row in verdict_rows(page)} != scores:
        assert time.monotonic() < deadline, (verdict_rows(page), scores)
        time.sleep(0.1)

    # Download the report: a real download, its name unique, its content the client's.
    report_button = button(page, say("download_report", lang))
    report = download(page, report_button)
    assert re.fullmatch(rf"angebote_de_cp1252_{say('file_report', lang)}_{STAMP}\.html",
                        report.name), report.name  # fmt: skip
    page_text = report.data.decode("utf-8")
    assert text("apps.report.title", lang) in page_text
    assert all(name.replace("&", "&amp;") in page_text for name in names if "=" not in name)
    ready = wait_for_text(page, say("report_ready", lang)[:30])
    assert 0 < below(ready, report_button) < NEAR_PX
    assert page.locator("a.il-download", has_text=report.name).is_visible()

    # Download the case: it reopens with the client's invitations, the priority, the language.
    case_button = button(page, say("download_case", lang))
    case_file = download(page, case_button)
    assert re.fullmatch(rf"angebote_de_cp1252_{say('file_case', lang)}_{STAMP}\.json",
                        case_file.name), case_file.name  # fmt: skip
    case = load_case_bytes(case_file.data, case_file.name)
    assert case.offers["offer"].tolist() == names
    assert case.offers["interest"].tolist() == expected["interest"].tolist()
    assert case.weights[FACTOR] == pytest.approx(weight)
    assert case.lang == lang
    saved = wait_for_text(page, say("case_ready", lang)[:30])
    assert 0 < below(saved, case_button) < NEAR_PX

    if lang == "de":  # the case downloaded goes back in through "Open case"
        open_case = page.locator(".widget-upload", has_text=say("open_case", lang))
        payload = {"name": case_file.name, "mimeType": "application/json", "buffer": case_file.data}
        choose(page, open_case, payload)
        reopened = wait_for_text(page, f"Fall {case_file.name} geöffnet")
        assert 0 < below(reopened, open_case) < NEAR_PX
    assert unreachable(page, file_buttons(page, lang)) == []  # the messages pushed none aside
    page.screenshot(path=str(artifact(f"app_files_{device}_{lang}.png")), full_page=True)
    FIGURES[f"app_files_{device}_{lang}_s"] = round(time.perf_counter() - started, 1)
