"""Files written by a real spreadsheet program load with the right verdicts; every format
this package writes reads back exactly.

The fixtures under tests/fixtures/spreadsheets/ were made by LibreOffice Calc from
source.csv and source_de.csv (scripts/make_spreadsheet_fixtures.sh); CI only reads them.
"""

from __future__ import annotations

import io
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.io.offers import load_offers_bytes, read_offers_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "spreadsheets"
SOURCE = FIXTURES / "source.csv"
MADE_BY_LIBREOFFICE = [
    "source_de.csv",  # German headers, same offers
    "offers.xlsx",
    "offers.ods",
    "offers_unicode.txt",  # UTF-16 with BOM, tab separated
    "angebote_de.csv",  # ';', decimal comma, German headers
    "angebote_de_cp1252.csv",  # the same in Windows-1252
]


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return il.evaluate(SOURCE, explain=False)


@pytest.mark.parametrize("name", MADE_BY_LIBREOFFICE)
def test_files_of_a_real_spreadsheet_program_load_with_the_right_verdicts(name, expected):
    result = il.evaluate(FIXTURES / name, explain=False)
    assert result["offer"].tolist() == expected["offer"].tolist()
    assert result["verdict"].tolist() == expected["verdict"].tolist()
    np.testing.assert_allclose(result["score"], expected["score"], rtol=0, atol=1e-12)
    offers = il.load_offers(FIXTURES / name)
    assert offers.loc[2, "offer"] == "=Acme — Data Engineer"  # text, never a formula
    assert offers.loc[2, "notes"] == 'starts with =, a "formula" it is not'
    assert offers.loc[0, "notes"] == "Gehalt „gut“, Zeit knapp"
    assert offers.loc[0, "date"] == "2026-12-03"
    assert list(offers.columns) == list(il.load_offers(SOURCE).columns)


@pytest.mark.parametrize("name", MADE_BY_LIBREOFFICE)
def test_the_plan_reads_prep_hours_and_dates_of_every_format(name):
    expected = il.plan(SOURCE, hours=12, interviews=3)
    planned = il.plan(FIXTURES / name, hours=12, interviews=3)
    assert planned["chosen"].tolist() == expected["chosen"].tolist()
    assert planned["prep_hours"].tolist() == expected["prep_hours"].tolist()


def test_an_upload_of_a_workbook_reads_like_the_file():
    raw = (FIXTURES / "offers.xlsx").read_bytes()
    pd.testing.assert_frame_equal(
        load_offers_bytes(raw, "upload.xlsx"), il.load_offers(FIXTURES / "offers.xlsx")
    )
    _, where = read_offers_bytes(raw, "upload.xlsx")
    assert str(where.source) == "upload.xlsx, sheet 'source'"
    assert where.source.render("de") == "upload.xlsx, Tabellenblatt „source“"


def test_a_workbooks_numbers_stay_numbers_and_text_stays_text():
    offers = il.load_offers(FIXTURES / "offers.xlsx")
    assert offers["prep_hours"].dtype == float  # every filled cell is a number
    assert offers["company"].dtype == il.load_offers(SOURCE)["company"].dtype


def two_sheets() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Notizen").write(0, 0, "keine Angebote hier")
    sheet = book.add_worksheet("Angebote 2027")
    sheet.write_row(2, 1, ["Angebot", "Interesse", "Übung", "Überraschung", "Türen"])
    sheet.write_row(2, 6, ["Zeitaufwand", "Verwirrung", "Datum"])
    sheet.write_row(4, 1, ["Acme", 5, 5, 5, 5, 5, 5])
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_datetime(4, 8, pd.Timestamp("2026-12-03").to_pydatetime(), day)
    sheet.write_row(6, 1, ["Beta", 6, 6, 6, 6, "x", 6])
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize("sheet", ["Angebote 2027", "angebote2027", 1])
def test_a_sheet_is_chosen_by_name_or_number_and_rows_are_the_sheets(tmp_path, sheet):
    path = tmp_path / "book.xlsx"
    path.write_bytes(two_sheets())
    with pytest.raises(il.OfferDataError) as caught:
        il.load_offers(path, sheet=sheet)
    message = str(caught.value)
    assert "sheet 'Angebote 2027', row 7 (offer 'Beta'), column 'time cost'" in message
    german = caught.value.render("de")
    assert "Tabellenblatt „Angebote 2027“, Zeile 7 (Einladung „Beta“)" in german


def test_the_first_sheet_is_read_unless_told(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(two_sheets())
    with pytest.raises(il.OfferDataError, match=r"sheet 'Notizen': has a header but no offers"):
        il.load_offers(path)


def test_a_date_cell_reads_as_an_iso_date():
    table, _ = read_offers_bytes(two_sheets(), "book.xlsx", sheet=1)
    assert table["Datum"].tolist()[0] == "2026-12-03"


cell_text = st.text(
    alphabet=st.sampled_from(
        string.ascii_letters + string.digits + " ,;\"'\n\täöüßÄÖÜ—„“<>&=+-@é€\u00a0_x0041"
    ),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s.strip() and s[0] not in "\u00a0")
names = st.lists(cell_text, min_size=1, max_size=5, unique=True)
rating = st.floats(min_value=0, max_value=10, allow_nan=False, allow_subnormal=False)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=names,
    note=st.one_of(st.none(), cell_text),
    ratings=st.lists(rating, min_size=6, max_size=6),
    form=st.sampled_from(["csv", "excel-de", "xlsx", "json"]),
)
def test_every_format_round_trips_exactly(tmp_path, names, note, ratings, form):
    table = pd.DataFrame(
        {
            "offer": names,
            **{name: [r] * len(names) for name, r in zip(il.FACTOR_NAMES, ratings, strict=True)},
            "notes": pd.Series([note] * len(names), dtype="str"),
            "zip": pd.Series(["01067"] * len(names), dtype="str"),
        }
    )
    try:
        loaded = il.load_offers(table)
    except il.OfferDataError:  # two names that normalise to one: not this test's business
        return
    suffix = {"xlsx": ".xlsx", "json": ".json"}.get(form, ".csv")
    dialect = form if form in {"csv", "excel-de"} else None
    path = il.save_offers(loaded, tmp_path / f"offers{suffix}", dialect=dialect, force=True)
    again = il.load_offers(path)
    pd.testing.assert_frame_equal(again, loaded)
    # and written again from what was read, the file is the same: nothing drifts
    before = path.read_bytes()
    il.save_offers(again, path, dialect=dialect)
    if form != "xlsx":  # a workbook records the time it was written
        assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["source.csv", "angebote_de.csv", "offers_unicode.txt"])
def test_a_text_file_read_and_saved_in_every_format_reads_back_the_same(tmp_path, name):
    offers = il.load_offers(FIXTURES / name)
    for target, dialect in [
        ("a.csv", None),
        ("b.csv", "excel-de"),
        ("c.xlsx", None),
        ("d.json", None),
    ]:
        again = il.load_offers(il.save_offers(offers, tmp_path / target, dialect=dialect))
        pd.testing.assert_frame_equal(again, offers)


def test_a_workbook_read_and_saved_reads_back_the_same(tmp_path):
    offers = il.load_offers(FIXTURES / "offers.xlsx")
    for target in ("c.xlsx", "d.json"):
        again = il.load_offers(il.save_offers(offers, tmp_path / target))
        pd.testing.assert_frame_equal(again, offers)
    # A text file has no numbers of its own: a numeric extra column comes back as text.
    again = il.load_offers(il.save_offers(offers, tmp_path / "a.csv"))
    pd.testing.assert_frame_equal(again[list(il.FACTOR_NAMES)], offers[list(il.FACTOR_NAMES)])
    assert again["prep_hours"].tolist()[:2] == ["6.0", "2.5"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_words_that_look_missing_stay_text(tmp_path, suffix):
    table = pd.DataFrame(
        {
            "offer": ["None", "NA", "null"],
            **{name: [1.0, 2.0, 3.0] for name in il.FACTOR_NAMES},
            "notes": pd.Series(["nan", "N/A", None], dtype="str"),
        }
    )
    loaded = il.load_offers(table)
    again = il.load_offers(il.save_offers(loaded, tmp_path / f"offers{suffix}"))
    pd.testing.assert_frame_equal(again, loaded)
    assert again["offer"].tolist() == ["None", "NA", "null"]
