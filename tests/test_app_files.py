"""Files in the comparison app go through the browser, never a path on the server (issue 15).

"Open invitations" and "Open case" are uploads; "Download …" builds the file in
memory and hands its bytes to the page (``Download``), which the browser saves.
What a control did, or why it could not, is said under its own row. Nothing is
written anywhere: an audit hook records every file opened for writing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.compare import compare
from interview_lab.apps.download import Download, file_name
from interview_lab.charts.common import verdict_label
from interview_lab.io.case import load_case_bytes
from interview_lab.io.offers import load_offers_bytes

from .helpers import ENGLISH_WORDS

SPREADSHEETS = Path(__file__).resolve().parent / "fixtures" / "spreadsheets"
#: A client's file as German Excel writes it: ";", decimal comma, German headers, umlauts.
GERMAN_CSV = SPREADSHEETS / "angebote_de_cp1252.csv"
STAMP = r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}"

#: Files opened for writing while :func:`nothing_written` watches (None: not watching).
_WRITES: list[str] | None = None
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WRITES is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (
            any(c in mode for c in "wax+")
            if isinstance(mode, str)
            else isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
        )
        if writing and path is not None and not isinstance(path, int):
            _WRITES.append(f"open {path!r} {mode or flags}")
    elif event in {"os.rename", "os.replace", "os.mkdir", "os.remove", "os.symlink"}:
        _WRITES.append(f"{event} {args!r}")


sys.addaudithook(_audit)


def listing(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


@contextlib.contextmanager
def nothing_written(cwd: Path, tmp: Path) -> Iterator[None]:
    """Fail if anything is opened for writing, or appears in ``cwd`` or the temp folder."""
    global _WRITES
    before = (listing(cwd), listing(tmp))
    _WRITES = []
    try:
        yield
    finally:
        writes, _WRITES = _WRITES, None
    assert writes == [], f"files written: {writes}"
    assert (listing(cwd), listing(tmp)) == before


@pytest.fixture
def folders(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """An empty working folder and an empty temp folder, for the app to leave alone."""
    cwd, tmp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp))
    return cwd, tmp


def upload(widget, name: str, content: bytes) -> None:
    """Do what the browser does when a file is chosen in an upload widget."""
    widget.value = (
        {"name": name, "content": memoryview(content), "size": len(content), "type": "",
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip


def prose(html: str) -> str:
    """The words of a message, without its markup and the names it quotes („offer“)."""
    return re.sub(r"„[^“]*“", " ", re.sub(r"<[^>]+>", " ", html))


def profile_names(app) -> list[str]:
    return [trace.name for trace in app.figures["profile"].data]


def statuses(app) -> dict[str, str]:
    return {
        name: getattr(app, name).value
        for name in ("messages", "editor_status", "offers_status", "case_status", "report_status")
    }


# --- uploads -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_uploading_a_german_csv_replaces_the_offers_and_redraws_in_the_same_language(
    example_offers, folders, lang
):
    app = compare(example_offers, lang=lang)
    ranking_before = app.figures["ranking"].to_dict()
    raw = GERMAN_CSV.read_bytes()
    with nothing_written(*folders):
        upload(app.upload, GERMAN_CSV.name, raw)
    assert app.errors == []
    expected = il.load_offers(GERMAN_CSV)
    pd.testing.assert_frame_equal(app.offers, expected)
    assert app.result["offer"].tolist() == expected["offer"].tolist()
    assert profile_names(app) == expected["offer"].tolist()  # every chart follows
    assert app.figures["ranking"].to_dict() != ranking_before
    assert list(app.editor_offer.options) == expected["offer"].tolist()
    assert (app.lang, app.language.value) == (lang, lang)  # the language is kept
    said = {"en": "Opened 6 invitations from", "de": "6 Einladungen aus"}[lang]
    assert said in app.offers_status.value  # under the upload, not at the top
    assert app.messages.value == ""
    assert app.upload.value == ()  # ready for the next file, the same one too
    upload(app.upload, GERMAN_CSV.name, raw)
    assert app.errors == []


def test_a_bad_upload_is_explained_next_to_it_in_german_and_changes_nothing(
    example_offers, folders
):
    app = compare(example_offers, lang="de")
    before, charts = app.offers.copy(), profile_names(app)
    upload(app.upload, "kaputt.csv", "Angebot;Interesse\nAcme;5\n".encode("cp1252"))
    said = app.offers_status.value
    assert "Fehler" in said
    assert "kaputt.csv" in said
    assert "Pflichtspalte" in said or "fehlt" in said or "fehlen" in said
    assert not ENGLISH_WORDS.search(prose(said)), said
    assert app.messages.value == ""  # not 2,500 px away at the top
    pd.testing.assert_frame_equal(app.offers, before)
    assert profile_names(app) == charts
    assert app.upload.value == ()


def test_a_file_that_is_no_case_is_explained_next_to_open_case_in_german(example_offers):
    app = compare(example_offers, lang="de")
    upload(app.open_case, "angebote.csv", GERMAN_CSV.read_bytes())
    said = app.case_status.value
    assert "angebote.csv" in said
    assert "Fehler" in said
    assert not ENGLISH_WORDS.search(prose(said)), said
    assert app.messages.value == ""
    assert app.open_case.value == ()


def test_a_case_opens_from_its_bytes_with_its_language_and_says_so_beside_the_upload(
    example_offers, folders
):
    app = compare(example_offers.head(3), {"time_cost": 4.5}, lang="de")
    app.notes.value = "Zweites Gespräch"
    app.download_case.click()
    other = compare(example_offers, lang="en")
    with nothing_written(*folders):
        upload(other.open_case, app.case_file.filename, app.case_file.data)
    assert other.errors == []
    pd.testing.assert_frame_equal(other.offers, app.offers)
    assert other.weights == app.weights
    assert other.sliders["time_cost"].value == 4.5
    assert (other.lang, other.notes.value) == ("de", "Zweites Gespräch")
    assert "Fall interview_lab_Fall_" in other.case_status.value
    assert "geöffnet (gespeichert am" in other.case_status.value
    assert profile_names(other) == example_offers["offer"].head(3).tolist()


# --- downloads -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_download_report_hands_the_browser_the_report_of_what_is_shown(
    example_offers, folders, lang
):
    app = compare(example_offers, lang=lang)
    app.sliders["doors"].value = 3.0
    with nothing_written(*folders):
        app.download_report.click()
    assert app.errors == []
    link = app.report_file
    kind = {"en": "report", "de": "Bericht"}[lang]
    assert re.fullmatch(rf"interview_lab_{kind}_{STAMP}\.html", link.filename)
    assert link.mime == "text/html"
    assert link.offered == 1
    page = link.data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    title = il.core.i18n.text("apps.report.title", lang)
    assert title in page
    expected = il.evaluate(app.offers, app.weights, lang=lang)
    assert expected["explanation"].iloc[0].replace("'", "&#x27;") in page
    assert verdict_label(str(expected["verdict"].iloc[0]), lang) in page
    said = {"en": "opens offline", "de": "ohne Internet"}[lang]
    assert said in app.report_status.value
    assert app.messages.value == ""


def test_download_case_hands_the_browser_a_case_file_that_reopens_exactly(example_offers, folders):
    app = compare(example_offers, lang="en")
    app.sliders["time_cost"].value = 4.5
    app.notes.value = "first session"
    with nothing_written(*folders):
        app.download_case.click()
    link = app.case_file
    assert re.fullmatch(rf"interview_lab_case_{STAMP}\.json", link.filename)
    assert link.mime == "application/json"
    case = load_case_bytes(link.data, link.filename)
    pd.testing.assert_frame_equal(case.offers, app.offers)
    assert case.weights == app.weights
    assert (case.lang, case.notes) == ("en", "first session")
    assert "“Open case” opens it again" in app.case_status.value


@pytest.mark.parametrize(
    ("lang", "separator", "bom"), [("en", ",", b""), ("de", ";", b"\xef\xbb\xbf")]
)
def test_download_offers_as_csv_in_the_dialect_of_the_language(
    example_offers, folders, lang, separator, bom
):
    app = compare(example_offers, lang=lang)
    app.editor_sliders["interest"].value = 9.5
    with nothing_written(*folders):
        app.download_csv.click()
    link = app.offers_file
    kind = {"en": "invitations", "de": "Einladungen"}[lang]
    assert re.fullmatch(rf"interview_lab_{kind}_{STAMP}\.csv", link.filename)
    assert link.mime == "text/csv"
    assert link.data.startswith(bom + b"offer" + separator.encode())
    pd.testing.assert_frame_equal(load_offers_bytes(link.data, link.filename), app.offers)
    said = {"en": "saving the 8 invitations", "de": "speichert die 8 Einladungen"}[lang]
    assert said in app.offers_status.value


def test_download_offers_as_a_workbook(example_offers, folders):
    app = compare(example_offers)
    with nothing_written(*folders):
        app.download_xlsx.click()
    link = app.offers_file
    assert re.fullmatch(rf"interview_lab_invitations_{STAMP}\.xlsx", link.filename)
    assert link.mime.endswith("spreadsheetml.sheet")
    assert link.data.startswith(b"PK")
    pd.testing.assert_frame_equal(load_offers_bytes(link.data, link.filename), app.offers)
    assert b"xl/worksheets/sheet1.xml" in link.data


def test_downloads_are_named_after_the_file_opened_and_the_time(example_offers, folders):
    app = compare(example_offers)
    upload(app.upload, "Müller Sabine.csv", GERMAN_CSV.read_bytes())
    app.download_report.click()
    assert re.fullmatch(rf"Müller_Sabine_report_{STAMP}\.html", app.report_file.filename)
    # A case downloaded earlier, opened again: its old kind and time are not repeated.
    app.download_case.click()
    upload(app.open_case, app.case_file.filename, app.case_file.data)
    app.download_case.click()
    assert re.fullmatch(rf"Müller_Sabine_case_{STAMP}\.json", app.case_file.filename)


def test_file_names_never_collide_and_carry_nothing_a_file_name_should_not():
    at = dt.datetime(2026, 12, 1, 10, 15, 32)
    later = at + dt.timedelta(seconds=1)
    assert file_name("klient", "report", ".html", at) == "klient_report_2026-12-01_10-15-32.html"
    assert file_name("klient", "report", ".html", at) != file_name(
        "klient", "report", ".html", later
    )
    assert file_name("", "case", ".json", at) == "interview_lab_case_2026-12-01_10-15-32.json"
    assert file_name("../../etc/passwd", "case", ".json", at).startswith("etc_passwd_case_")
    again = file_name("klient_Fall_2026-11-03_09-00-00", "case", ".json", at, kinds=("Fall",))
    assert again == "klient_case_2026-12-01_10-15-32.json"


def test_each_download_is_offered_once_and_the_file_is_built_when_asked(example_offers, folders):
    app = compare(example_offers)
    assert (app.report_file.data, app.report_file.offered) == (b"", 0)  # nothing built yet
    seen = []
    original = app._hand_out

    def spy(link, kind, data):
        seen.append(app.report_status.value)  # what the person sees while it is built
        original(link, kind, data)

    app._hand_out = spy
    app.download_report.click()
    assert "Preparing the file" in seen[0]
    app.download_report.click()
    assert app.report_file.offered == 2  # the page saves each one


def test_the_page_side_saves_a_blob_not_a_data_url():
    esm = Download._esm
    assert "URL.createObjectURL(new Blob(" in esm
    assert "link.download = name" in esm
    assert "data:" not in esm


# --- feedback next to the control, and no server paths -----------------------------


def test_add_and_remove_say_what_they_did_under_the_editor(example_offers):
    app = compare(example_offers, lang="de")
    app.new_offer.value = "Neue Firma — Analyst"
    app.add_offer.click()
    assert "„Neue Firma — Analyst“ ist hinzugefügt" in app.editor_status.value
    app.remove_offer.click()
    assert "„Neue Firma — Analyst“ ist entfernt." in app.editor_status.value
    app.add_offer.click()  # no name typed
    assert "Bitte geben Sie zuerst einen Namen" in app.editor_status.value
    assert app.messages.value == ""


def test_a_new_language_clears_what_was_said_in_the_old_one(example_offers):
    app = compare(example_offers)
    app.download_csv.click()
    app.new_offer.value = "X"
    app.add_offer.click()
    app.language.value = "de"
    assert set(statuses(app).values()) == {""}
    assert app.offers_file.data == b""  # the link to the file of before is gone too
    assert app.download_report.description == "Bericht herunterladen"
    assert app.upload.description.startswith("Einladungen öffnen")


def test_no_text_box_of_the_app_reaches_a_server_path(example_offers):
    widgets = pytest.importorskip("ipywidgets")
    app = compare(example_offers)
    found = [app.root]
    for widget in found:  # every widget of the page, in page order
        found.extend(getattr(widget, "children", ()))
    texts = [w for w in found if isinstance(w, widgets.Text)]
    assert texts == [app.new_offer]  # the new invitation's name, nothing else
    from interview_lab.apps.upload import Upload

    assert not [w for w in found if isinstance(w, widgets.FileUpload)]
    uploads = [w for w in found if isinstance(w, Upload)]
    assert uploads == [app.upload, app.open_case]
    assert app.open_case.accept == ".json"
    for gone in ("save_path", "case_path", "report_path", "save", "save_case", "make_report"):
        assert not hasattr(app, gone)


def test_the_watch_would_see_a_file_written(example_offers, folders):
    cwd, _ = folders
    with pytest.raises(AssertionError, match="files written"), nothing_written(*folders):
        il.save_offers(example_offers, cwd / "mine.csv")  # what the app used to do
    with pytest.raises(AssertionError, match="files written"), nothing_written(*folders):
        tempfile.NamedTemporaryFile().close()


def test_a_file_sent_by_the_page_is_read_and_the_button_keeps_its_text(example_offers):
    """The page sends the chosen file as a list of dicts with the content as a buffer."""
    app = compare(example_offers)
    before = app.upload.description
    content = b"offer,interest,practice,surprise,doors,time_cost,confusion\nA,8,5,5,5,3,2\n"
    sent = [{"name": "klient.csv", "type": "text/csv", "size": len(content),
             "last_modified": 1764583200000, "content": memoryview(content)}]  # fmt: skip
    app.upload.set_state({"value": sent})
    assert app.offers["offer"].tolist() == ["A"]
    assert app.upload.value == ()  # emptied: the same file, chosen again, is read again
    assert app.upload.description == before  # no count of files after the text
    assert "klient.csv" in app.offers_status.value
