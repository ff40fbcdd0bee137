from __future__ import annotations

import codecs
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.resources import data_path
from interview_lab.io.safety import NotReplacedError

GERMAN_HEADER = "offer;company;interest;practice;surprise;doors;time_cost;confusion;notes"
GERMAN_ROWS = [
    "Bäckerei Müller — Controller;Bäckerei Müller GmbH;2;8,5;2;2;9;4;Gehalt „gut“, Zeit knapp",
    "Zürcher Rück — Analyst;Zürcher Rückversicherung;1;3;2;9,5;5;3;",
]


def german_export(encoding: str) -> bytes:
    text = "\r\n".join([GERMAN_HEADER, *GERMAN_ROWS]) + "\r\n"
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-8"])
def test_reads_german_excel_exports(tmp_path, encoding):
    path = tmp_path / "angebote.csv"
    path.write_bytes(german_export(encoding))
    offers = il.load_offers(path)
    assert list(offers["offer"]) == ["Bäckerei Müller — Controller", "Zürcher Rück — Analyst"]
    assert offers["practice"].tolist() == [8.5, 3.0]
    assert offers["doors"].tolist() == [2.0, 9.5]
    assert offers.loc[0, "notes"] == "Gehalt „gut“, Zeit knapp"
    assert pd.isna(offers.loc[1, "notes"])


def test_reads_tab_separated_files(tmp_path):
    path = tmp_path / "offers.tsv"
    path.write_text(
        "offer\tinterest\tpractice\tsurprise\tdoors\ttime_cost\tconfusion\nA\t1\t2\t3\t4\t5\t6\n"
    )
    assert il.load_offers(path).loc[0, "confusion"] == 6.0


def test_decimal_comma_in_a_quoted_comma_csv(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        'offer,interest,practice,surprise,doors,time_cost,confusion\nA,"7,5",2,3,4,5,6\n'
    )
    assert il.load_offers(path).loc[0, "interest"] == 7.5


def test_extra_columns_are_kept_in_order_and_as_written(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "zip,offer,interest,practice,surprise,doors,time_cost,confusion,prep_hours,notes\n"
        "01067,A,1,2,3,4,5,6,2.50,NA means not applicable\n"
    )
    offers = il.load_offers(path)
    assert next(iter(offers.columns)) == "zip"
    assert list(offers.columns)[-2:] == ["prep_hours", "notes"]
    assert offers.loc[0, "zip"] == "01067"  # a leading zero is not lost
    assert offers.loc[0, "prep_hours"] == "2.50"
    assert offers.loc[0, "notes"] == "NA means not applicable"
    result = il.evaluate(offers)
    assert list(result.columns[: len(offers.columns)]) == list(offers.columns)


def test_empty_headerless_columns_of_spreadsheet_exports_are_dropped(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "offer;interest;practice;surprise;doors;time_cost;confusion;;\nA;1;2;3;4;5;6;;\n"
    )
    assert list(il.load_offers(path).columns) == ["offer", *il.FACTOR_NAMES]


def test_example_data_is_realistic(example_offers):
    assert 6 <= len(example_offers) <= 8
    assert {"company", "role", "notes"} <= set(example_offers.columns)
    assert example_offers["offer"].str.contains("[äöüÄÖÜß]").any()


def test_save_then_load_round_trips_exactly(tmp_path, example_offers):
    path = il.save_offers(example_offers, tmp_path / "copy.csv")
    pd.testing.assert_frame_equal(il.load_offers(path), example_offers)


cell_text = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " ,;\"'\n\täöüß—„“<>&=é"),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(cell_text, min_size=1, max_size=5, unique=True),
    note=cell_text,
    rating=st.floats(min_value=0, max_value=10, allow_nan=False),
)
def test_round_trip_keeps_unicode_quotes_newlines_and_extra_columns(tmp_path, names, note, rating):
    table = pd.DataFrame(
        {
            "offer": names,
            **{name: [rating] * len(names) for name in il.FACTOR_NAMES},
            "notes": [note] * len(names),
            "zeta column": ["x"] * len(names),
        }
    )
    loaded = il.load_offers(table)
    again = il.load_offers(il.save_offers(loaded, tmp_path / "offers.csv"))
    pd.testing.assert_frame_equal(again, loaded)


def test_a_crash_mid_write_leaves_the_old_file_intact(tmp_path, example_offers, monkeypatch):
    path = il.save_offers(example_offers, tmp_path / "offers.csv")
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", crash)
    with pytest.raises(OSError, match="disk full"):
        il.save_offers(example_offers.head(2), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["offers.csv"]  # no temp file left behind


def test_save_never_overwrites_the_bundled_example(example_offers):
    bundled = data_path("offers_example.csv")
    before = bundled.read_bytes()
    with pytest.raises(NotReplacedError, match="never overwritten"):
        il.save_offers(example_offers, bundled)
    with pytest.raises(NotReplacedError, match="never overwritten"):
        il.save_offers(example_offers, bundled, force=True)
    assert bundled.read_bytes() == before


def test_save_validates_what_it_writes(tmp_path, example_offers):
    broken = example_offers.assign(interest=42)
    with pytest.raises(il.OfferDataError, match="42 is outside 0-10"):
        il.save_offers(broken, tmp_path / "offers.csv")
    assert not (tmp_path / "offers.csv").exists()


def test_load_offers_checks_a_dataframe_without_changing_it(example_offers):
    messy = example_offers.assign(offer=" " + example_offers["offer"] + " ")
    before = messy.copy()
    clean = il.load_offers(messy)
    pd.testing.assert_frame_equal(messy, before)
    assert list(clean["offer"]) == list(example_offers["offer"])


def test_german_headers_case_and_spaces_ignored(tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_text(
        " ANGEBOT ;interesse;Übung;ÜBERRASCHUNG;türen;Zeit Aufwand;Verwirrung;"
        "Vorbereitungszeit;Datum;Notizen\nA;1;2;3;4;5;6;2,5;03.12.2026;n\n",
        encoding="utf-8",
    )
    offers = il.load_offers(path)
    assert list(offers.columns) == ["offer", *il.FACTOR_NAMES, "prep_hours", "date", "notes"]
    planned = il.plan(path, hours=10, interviews=1)
    assert planned["prep_hours"].tolist() == [2.5]


def test_own_factors_are_known_by_their_german_labels(tmp_path):
    model = il.load_model(data_path("models/salary_commute.toml"))
    factors = model.factors
    header = ["Angebot", *(f.text("label", "de") for f in factors)]
    path = tmp_path / "angebote.csv"
    row = ["A", *(str(f.low) for f in factors)]
    path.write_text(";".join(f'"{h}"' for h in header) + "\n" + ";".join(row) + "\n")
    offers = il.load_offers(path, model)
    assert list(offers.columns) == ["offer", *model.names]
    assert il.evaluate(path, model=model)["verdict"].notna().all()


def test_csv_output_has_no_float_noise_and_reads_back_exactly(tmp_path, example_offers):
    table = example_offers.assign(
        interest=[0.864, 0.1 + 0.2, 7.5, 1 / 3, 2, 3, 4, 5][: len(example_offers)]
    )
    for dialect in ("csv", "excel-de"):
        path = il.save_offers(table, tmp_path / f"{dialect}.csv", dialect=dialect)
        text = path.read_text(encoding="utf-8-sig")
        assert ("0.864" if dialect == "csv" else "0,864") in text
        assert "0.8639999" not in text
        assert "0,8639999" not in text
        pd.testing.assert_frame_equal(il.load_offers(path), il.load_offers(table))


def test_the_german_excel_dialect(tmp_path, example_offers):
    path = il.save_offers(example_offers, tmp_path / "angebote.csv", dialect="excel-de")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfoffer;company;")
    assert b"\r\n" in raw
    assert ";8,0;" in raw.decode("utf-8-sig") or ";8;" in raw.decode("utf-8-sig")


def test_json_keeps_numbers_as_numbers(tmp_path, example_offers):
    import json

    path = il.save_offers(example_offers, tmp_path / "offers.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    assert records[0]["interest"] == float(example_offers.loc[0, "interest"])
    assert isinstance(records[0]["interest"], float)
    pd.testing.assert_frame_equal(il.load_offers(path), example_offers)


def test_a_workbook_keeps_text_as_text_never_a_formula(tmp_path, example_offers):
    import zipfile

    table = example_offers.assign(
        offer=["=1+1", "@SUM(A1)", "+49 30 1234", *example_offers["offer"][3:]]
    )
    path = il.save_offers(table, tmp_path / "offers.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    loaded = il.load_offers(path)
    assert loaded["offer"].tolist()[:3] == ["=1+1", "@SUM(A1)", "+49 30 1234"]
    pd.testing.assert_frame_equal(loaded, il.load_offers(table))


def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path, example_offers):
    target = il.save_offers(example_offers, tmp_path / "real.csv")
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    il.save_offers(example_offers.head(3), link)
    assert link.is_symlink()
    assert len(il.load_offers(target)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_saving_never_replaces_the_input_it_was_read_from(tmp_path):
    mine = tmp_path / "mine.csv"
    text = "offer;interest;practice;surprise;doors;time_cost;confusion\nA;1;2;3;4;5;6\n"
    mine.write_text(text, encoding="utf-8")
    offers = il.load_offers(mine)
    with pytest.raises(NotReplacedError, match="not overwritten"):
        il.save_offers(offers, mine)
    assert mine.read_text(encoding="utf-8") == text
    il.save_offers(offers, mine, force=True)
    pd.testing.assert_frame_equal(il.load_offers(mine), offers)
    il.save_offers(offers, mine)  # now it is an earlier save of ours


def test_a_file_of_offers_edited_since_it_was_saved_is_not_replaced(tmp_path, example_offers):
    path = il.save_offers(example_offers, tmp_path / "offers.csv")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(NotReplacedError, match="changed since"):
        il.save_offers(example_offers, path)


def test_rows_numbers_match_the_spreadsheet_after_blank_rows(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "sep=,\n\noffer,interest,practice,surprise,doors,time_cost,confusion\n"
        "A,1,2,3,4,5,6\n,,,,,,\n  \nB,1,2,3,4,5,66\n"
    )
    with pytest.raises(il.OfferDataError, match=r"row 7 \(offer 'B'\)"):
        il.load_offers(path)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf" + "\r\n".join([GERMAN_HEADER, *GERMAN_ROWS]).encode("cp1252"),
        "\r\n".join(
            [GERMAN_HEADER.replace(";", "\t"), *(r.replace(";", "\t") for r in GERMAN_ROWS)]
        ).encode("utf-16"),
        codecs.BOM_UTF16_BE + "\n".join([GERMAN_HEADER, *GERMAN_ROWS]).encode("utf-16-be"),
    ],
    ids=["BOM then cp1252", "UTF-16 LE, tabs", "UTF-16 BE"],
)
def test_byte_order_marks_and_windows_1252_are_read_right(tmp_path, raw):
    path = tmp_path / "angebote.csv"
    path.write_bytes(raw)
    offers = il.load_offers(path)
    assert list(offers["offer"]) == ["Bäckerei Müller — Controller", "Zürcher Rück — Analyst"]
    assert offers.loc[0, "notes"] == "Gehalt „gut“, Zeit knapp"
    assert offers["practice"].tolist() == [8.5, 3.0]


def test_an_upload_is_read_like_a_file(tmp_path):
    raw = german_export("utf-8-sig")
    path = tmp_path / "angebote.csv"
    path.write_bytes(raw)
    from interview_lab.io.offers import load_offers_bytes

    pd.testing.assert_frame_equal(load_offers_bytes(raw, "angebote.csv"), il.load_offers(path))


def test_german_csv_writes_every_number_with_a_decimal_comma():
    from interview_lab.io.writing import table_to_csv

    table = pd.DataFrame(
        {
            "score": [0.25, -1.5],
            "nullable": pd.Series([2.5, None], dtype="Float64"),
            "mixed": pd.Series([7.5, "7.5 as typed"], dtype=object),
            "count": [1, 2],
        }
    )
    german = table_to_csv(table, "excel-de")
    assert german.splitlines() == [
        "score;nullable;mixed;count",
        "0,25;2,5;7,5;1",
        "-1,5;;7.5 as typed;2",  # a text keeps what was typed
    ]
    assert "0.25" in table_to_csv(table, "csv")


def test_reading_errors_read_in_the_callers_language(tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_bytes(b'offer,interest\n"Acme,5\n')
    with pytest.raises(il.OfferDataError) as caught:
        il.load_offers(path, lang="de")
    assert caught.value.code == "io.csv.unclosed_quote"
    assert str(caught.value).endswith(
        "Die CSV-Datei ist nicht lesbar: Ein Anführungszeichen in Zeile 2 wird nie geschlossen."
    )
    assert caught.value.render("en").endswith("a quote opened in row 2 is never closed.")
    with pytest.raises(NotReplacedError, match="wird nie überschrieben"):
        il.save_offers(il.load_example_offers(), data_path("offers_example.csv"), lang="de")
