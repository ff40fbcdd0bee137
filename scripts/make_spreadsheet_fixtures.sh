#!/usr/bin/env bash
# Make the spreadsheet fixtures of tests/test_spreadsheets.py with a real spreadsheet
# program: LibreOffice Calc, headless (Debian: apt-get install libreoffice-calc-nogui).
#
# Writes two source CSVs (the same offers, English and German headers) and converts
# them into what people bring: .xlsx, .ods, a German Excel CSV (';', decimal comma,
# UTF-8 with BOM), the same in Windows-1252, and "Unicode text" (UTF-16, tabs).
# The fixtures are committed; CI never needs LibreOffice. Run from anywhere:
#     scripts/make_spreadsheet_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/spreadsheets"
command -v soffice >/dev/null || { echo "needs soffice (libreoffice-calc-nogui)" >&2; exit 1; }

# "=Acme..." is quoted, and quoted fields are read as text: never a formula.
cat > source.csv <<'CSV'
offer,company,interest,practice,surprise,doors,time_cost,confusion,prep_hours,date,notes
Bäckerei Müller — Controller,Bäckerei Müller GmbH,2,8.5,2,2,9,4,6,2026-12-03,"Gehalt „gut“, Zeit knapp"
Zürcher Rück — Analyst,Zürcher Rückversicherung,1,3,2,9.5,5,3,2.5,,
"=Acme — Data Engineer",Acme Corp,8,5,4,6,4,3,,2026-11-20,"starts with =, a ""formula"" it is not"
Nordlicht Analytics — Data Analyst,Nordlicht Analytics,9,6,5,7,2,1,4,,
Café Olé — BI Lead,Café Olé AG,3.5,2,1,2,8,7,10,2026-12-10,long commute
Kleine Firma — Analyst,Kleine Firma,7,7,7,6.5,3,2,1.5,,
CSV
{
    echo "Angebot,Firma,Interesse,Übung,Überraschung,Türen,Zeitaufwand,Verwirrung,Vorbereitungszeit,Datum,Notizen"
    tail -n +2 source.csv
} > source_de.csv

# CSV import: ',' '"' UTF-8 (76), from line 1, all columns standard, English (1033),
# quoted fields as text, no special numbers; tokens 13: do not evaluate formulas.
IN='CSV:44,34,76,1,,1033,true,false,,,,,false'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert() {  # convert SOURCE FILTER NAME [locale]
    local locale=${4:-en_US.UTF-8}
    LC_ALL=$locale LANG=$locale soffice -env:UserInstallation="file://$work/profile" \
        --headless --infilter="$IN" --convert-to "$2" --outdir "$work/out" "$1" \
        >/dev/null 2> >(grep -v javaldx >&2)
    mv "$work/out/${1%.csv}.${2%%:*}" "$3"
}
convert source.csv xlsx offers.xlsx
convert source.csv ods offers.ods
# Unicode text: tab (9), '"', UTF-16 (65535).
convert source.csv 'txt:Text - txt - csv (StarCalc):9,34,65535,1' offers_unicode.txt
# German Excel CSV: ';' (59), '"', UTF-8 (76), German number format (1031), and a
# BOM where LibreOffice writes one (7.6 on; 7.4 ignores that last token).
convert source_de.csv 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1031,false,true,true,false,false,,false,true' \
    angebote_de.csv de_DE.UTF-8
# The same in Windows-1252 (charset 1), as older Excel writes it.
convert source_de.csv 'csv:Text - txt - csv (StarCalc):59,34,1,1,,1031,false,true,true,false,false' \
    angebote_de_cp1252.csv de_DE.UTF-8
soffice --version > made_with.txt
ls -l
