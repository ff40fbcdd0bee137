"""The decision journal: each decision and, later, what happened, in a file that only grows.

A journal is a JSON Lines file: one complete record per line, written with one
``write`` of the whole line, then flushed and synced to disk. Nothing in it is ever
rewritten or truncated:

* a **decision** record holds the invitation (its ratings and other columns), the
  tool's verdict, what the person did (``go`` / ``no``), how sure they were (a
  confidence in %) and the date;
* a **review** record, added after the interview, refers to a decision by its
  ``entry`` number and says what happened: was it good practice, a pleasant surprise,
  was a contact made, how many hours it took, and, looking back, was the decision
  right. A later review of the same entry replaces an earlier one when the journal is
  read (the earlier line stays in the file).

A crash in the middle of a write leaves a torn last line. Reading skips it with a
:class:`JournalWarning`; the next record starts on a line of its own (a newline is
appended first), so the torn bytes are never changed.

From :data:`MIN_REVIEWED` reviewed entries :meth:`Journal.calibration` reports the
Brier score of the confidences and which ratings the person tends to over- or
under-rate; :func:`interview_lab.journal.journal_report` adds the priorities learned
from the decisions.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import InterviewLabError
from ..core.i18n import errors_in, message, text
from ..core.model import VERDICTS, Model, check_model
from ..core.offers import OFFER_COLUMN
from .offers import validate_offers

#: Reviewed entries needed before the journal reports calibration and tendencies.
MIN_REVIEWED = 10
#: What a person did: went to the interview or not.
DID = ("go", "no")
#: Words read as ``go`` / ``no`` (English and German, any case).
_DID_WORDS = {
    "go": "go", "yes": "go", "ja": "go", "true": "go", "went": "go",
    "no": "no", "nein": "no", "false": "no", "declined": "no",
}  # fmt: skip
#: Each rating whose review outcome says whether it came true (the rating is read as a
#: chance: rating / 10): good practice, a pleasant surprise, a contact made.
OUTCOME_OF: Mapping[str, str] = {
    "practice": "good_practice",
    "surprise": "surprised",
    "doors": "contact",
}
#: The yes / no outcomes a review records.
OUTCOMES = ("good_practice", "surprised", "contact", "right")
#: The columns :meth:`Journal.entries` adds around the invitation's own.
_OWN_COLUMNS = ("entry", "decided", "verdict", "did", "confidence", "decision_note", "reviewed",
                "reviewed_on", *OUTCOMES, "hours_spent", "review_note")  # fmt: skip
#: A rating read as a chance is over- (under-) rated when it is this much above (below)
#: what happened, on average.
TENDENCY_MARGIN = 0.15
#: Hours spent at least this times (at most 1 / this times) the hours planned: the
#: person under- (over-) rates the time it costs.
HOURS_RATIO_MARGIN = 1.25
#: Ratings with fewer outcomes than this are not judged.
MIN_PER_RATING = 3


class JournalError(InterviewLabError):
    """A decision or review cannot be written to the journal as given."""


class JournalWarning(UserWarning):
    """A line of the journal cannot be read (a torn write) and is skipped."""


@dataclass(frozen=True)
class Calibration:
    """How well the person's confidences and ratings matched what happened.

    ``reviewed`` counts the reviewed entries; ``enough`` says whether there are
    :data:`MIN_REVIEWED` of them. ``brier`` is the mean of ``(confidence − right)²``
    over entries whose review says whether the decision was right (0 is perfect, 0.25
    is what always saying 50 % scores), ``None`` without any. ``bins`` compares the
    stated confidence with how often the decision was right, per band of 10 %.
    ``ratings`` has one row per rating with an outcome: ``expected`` (the mean rating
    read as a chance, or the hours planned), ``observed`` (how often it came true, or
    the hours spent), ``bias`` (expected − observed, or spent / planned for hours) and
    ``tendency`` (``over``, ``under`` or ``fair``; missing with too few outcomes).
    """

    reviewed: int
    brier: float | None
    bins: pd.DataFrame
    ratings: pd.DataFrame

    @property
    def enough(self) -> bool:
        """Whether enough entries are reviewed for the report."""
        return self.reviewed >= MIN_REVIEWED

    def lines(self, lang: str = "en", model: Model | None = None) -> list[str]:
        """Say the calibration in plain sentences, in ``lang``."""
        model = check_model(model)
        if not self.enough:
            return [text("priorities.journal.too_few", lang, n=self.reviewed, need=MIN_REVIEWED)]
        said: list[str] = []
        if self.brier is not None:
            said.append(text("priorities.journal.brier", lang, brier=self.brier))
            said.append(text(_brier_key(self.brier), lang))
        for row in self.ratings.to_dict("records"):
            tendency, outcome = str(row["tendency"]), str(row["outcome"])
            if tendency not in ("over", "under"):
                continue
            label = model.factor(str(row["factor"])).text("label", lang)
            if outcome == "hours":
                key = f"priorities.journal.hours_{tendency}"
                said.append(text(key, lang, factor=label, ratio=float(row["bias"])))
            else:
                said.append(
                    text(
                        f"priorities.journal.rating_{tendency}", lang, factor=label,
                        outcome=text(f"priorities.outcome.{outcome}", lang),
                        expected=float(row["expected"]), observed=float(row["observed"]),
                    )
                )  # fmt: skip
        if len(said) <= 2:
            said.append(text("priorities.journal.no_tendency", lang))
        return said


def _brier_key(brier: float) -> str:
    if brier <= 0.12:
        return "priorities.journal.brier_good"
    if brier <= 0.25:
        return "priorities.journal.brier_fair"
    return "priorities.journal.brier_poor"


class Journal:
    """A decision journal in one file, which records are only ever added to.

    >>> journal = Journal(path)                                       # doctest: +SKIP
    >>> entry = journal.record(invitation, "go", confidence=70)      # doctest: +SKIP
    >>> journal.review(entry, good_practice=True, hours=4, right=True)  # doctest: +SKIP

    ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) says which rating columns
    an invitation needs; errors read in ``lang``.
    """

    def __init__(
        self, path: str | PathLike[str], model: Model | None = None, *, lang: str = "en"
    ) -> None:
        self.path = Path(path)
        self.model = check_model(model)
        self.lang = lang
        if self.path.is_dir():
            with errors_in(lang):
                raise JournalError(message("priorities.journal.is_folder", file=str(self.path)))

    # --- writing ----------------------------------------------------------------------

    def record(
        self,
        invitation: Mapping[str, object] | pd.Series | pd.DataFrame,
        did: str | bool,
        confidence: float,
        *,
        verdict: str | None = None,
        date: _dt.date | str | None = None,
        note: str | None = None,
    ) -> int:
        """Append a decision; return its entry number (for :meth:`review`).

        ``invitation`` is one invitation (a mapping, a row or a one-row DataFrame,
        e.g. a row of :func:`interview_lab.evaluate`'s result) with the model's
        ratings; ``did`` is what the person did (``"go"`` / ``"no"``, or True / False);
        ``confidence`` how sure they are that it is right, in % (0-100); ``verdict``
        the tool's verdict (default: the invitation's ``verdict`` column, if any);
        ``date`` the day decided (default: today).
        """
        with errors_in(self.lang):
            row = self._invitation(invitation)
            if verdict is None and isinstance(row.get("verdict"), str):
                verdict = str(row["verdict"])
            if verdict is not None and verdict not in VERDICTS:
                raise JournalError(
                    message("priorities.journal.bad_verdict", value=repr(verdict), allowed=VERDICTS)
                )
            kept = {k: v for k, v in row.items() if k not in self.model.result_columns}
            entry = 1 + sum(1 for r in self._records() if r["kind"] == "decision")
            self._append(
                {
                    "kind": "decision",
                    "entry": entry,
                    "date": _day(date),
                    "written": _now(),
                    "invitation": kept,
                    "verdict": verdict,
                    "did": _did(did),
                    "confidence": _confidence(confidence),
                    "note": note,
                }
            )
        return entry

    def review(
        self,
        entry: int,
        *,
        good_practice: bool | None = None,
        surprised: bool | None = None,
        contact: bool | None = None,
        hours: float | None = None,
        right: bool | None = None,
        note: str | None = None,
        date: _dt.date | str | None = None,
    ) -> None:
        """Append what happened after the interview of decision ``entry``.

        ``good_practice``: was it good practice? ``surprised``: was the role better than
        it looked? ``contact``: was a useful contact made? ``hours``: hours spent
        (preparation, travel and the interview). ``right``: looking back, was the
        decision right? Left out, it is read from the rest for a ``go``: right if any of
        practice, surprise or contact came true. Anything left out stays unknown.
        """
        with errors_in(self.lang):
            known = {r["entry"] for r in self._records() if r["kind"] == "decision"}
            if (
                isinstance(entry, bool)
                or not isinstance(entry, int | np.integer)
                or (int(entry) not in known)
            ):
                raise JournalError(
                    message(
                        "priorities.journal.no_entry",
                        value=repr(entry),
                        file=str(self.path),
                        last=max(known, default=0),
                    )
                )
            answers = {"good_practice": good_practice, "surprised": surprised,
                       "contact": contact, "right": right}  # fmt: skip
            for name, value in answers.items():
                if value is not None and not isinstance(value, bool | np.bool_):
                    raise JournalError(
                        message("priorities.journal.not_yes_no", field=name, value=repr(value))
                    )
            if hours is not None and (
                isinstance(hours, bool)
                or not isinstance(hours, int | float | np.integer | np.floating)
                or not math.isfinite(hours)
                or hours < 0
            ):
                raise JournalError(message("priorities.journal.bad_hours", value=repr(hours)))
            self._append(
                {
                    "kind": "review",
                    "entry": int(entry),
                    "date": _day(date),
                    "written": _now(),
                    **{k: None if v is None else bool(v) for k, v in answers.items()},
                    "hours": None if hours is None else float(hours),
                    "note": note,
                }
            )

    def _append(self, record: dict[str, object]) -> None:
        """Write one record as one complete line: one write, then flush and fsync."""
        line = (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if _ends_torn(self.path):
                line = b"\n" + line  # the torn line stays as it is, on a line of its own
            written = os.write(descriptor, line)
            while written < len(line):  # a short write (a full disk) goes on where it stopped
                written += os.write(descriptor, line[written:])
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def _invitation(
        self, invitation: Mapping[str, object] | pd.Series | pd.DataFrame
    ) -> dict[str, object]:
        if isinstance(invitation, pd.DataFrame):
            if len(invitation) != 1:
                raise JournalError(
                    message("priorities.journal.one_invitation", rows=len(invitation))
                )
            table = invitation.reset_index(drop=True)
        elif isinstance(invitation, pd.Series | Mapping):
            table = pd.DataFrame([dict(invitation)])
        else:
            raise JournalError(
                message("priorities.journal.not_invitation", kind=type(invitation).__name__)
            )
        if OFFER_COLUMN not in table.columns:
            table.insert(0, OFFER_COLUMN, text("priorities.journal.unnamed", self.lang))
        checked, _ = validate_offers(table, model=self.model, lang=self.lang)
        return {str(k): _plain(v) for k, v in checked.iloc[0].items()}

    # --- reading ----------------------------------------------------------------------

    def _records(self) -> list[dict[str, Any]]:
        """Every readable record in file order; damaged lines are skipped with a warning."""
        if not self.path.exists():
            return []
        records: list[dict[str, Any]] = []
        for number, raw in enumerate(self.path.read_bytes().split(b"\n"), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                record = None
            if not _is_record(record):
                warnings.warn(
                    JournalWarning(
                        text("priorities.journal.torn", self.lang, file=str(self.path), line=number)
                    ),
                    stacklevel=3,
                )
                continue
            records.append(record)
        return records

    def entries(self) -> pd.DataFrame:
        """One row per decision, with its latest review.

        Columns: ``entry, decided`` (the date), ``offer``, the ratings and other
        columns of the invitation (one named like a column here gets `` (invitation)``
        added), ``verdict, did, confidence, decision_note, reviewed, reviewed_on,
        good_practice, surprised, contact, right`` (yes / no / not known: ``right`` as
        reviewed, or read from the outcomes for a ``go``), ``hours_spent,
        review_note``. Indexed by the entry number.
        """
        decisions: dict[int, dict[str, Any]] = {}
        reviews: dict[int, dict[str, Any]] = {}
        for record in self._records():
            if record["kind"] == "decision":
                decisions[record["entry"]] = record
            elif record["entry"] in decisions:
                reviews[record["entry"]] = record  # a later review replaces an earlier one
        rows = []
        for entry, record in decisions.items():
            review = reviews.get(entry, {})
            row: dict[str, Any] = {"entry": entry, "decided": record["date"]}
            for key, value in record["invitation"].items():  # a column named like ours is kept
                row[f"{key} (invitation)" if key in _OWN_COLUMNS else key] = value
            row.update(
                verdict=record.get("verdict"),
                did=record["did"],
                confidence=float(record["confidence"]),
                decision_note=record.get("note"),
                reviewed=bool(review),
                reviewed_on=review.get("date"),
                **{name: review.get(name) for name in OUTCOMES},
                hours_spent=review.get("hours"),
                review_note=review.get("note"),
            )
            if row["right"] is None and row["did"] == "go" and review:
                told = [review.get(name) for name in ("good_practice", "surprised", "contact")]
                if any(value is not None for value in told):
                    row["right"] = any(bool(value) for value in told)
            rows.append(row)
        columns = ["entry", "decided", OFFER_COLUMN, *self.model.names]
        extra = list(_OWN_COLUMNS[2:])
        table = pd.DataFrame(rows)
        if table.empty:
            return pd.DataFrame(columns=[*columns, *extra]).set_index("entry")
        others = [c for c in table.columns if c not in columns and c not in extra]
        table = table[[*columns, *others, *extra]].set_index("entry")
        for name in OUTCOMES:  # yes, no or not known
            table[name] = table[name].astype("boolean")
        table["reviewed"] = table["reviewed"].astype(bool)
        return table

    def decisions(self) -> pd.DataFrame:
        """Return the decisions as :func:`interview_lab.priorities.weights_from_history` reads them.

        Columns: ``offer``, the ratings, ``decision`` (``go`` / ``no``) and ``outcome``
        (the review in words, empty when not reviewed); indexed by the entry number.
        """
        entries = self.entries()
        table = entries[[OFFER_COLUMN, *self.model.names]].copy()
        table["decision"] = entries["did"]
        table["outcome"] = [
            _outcome_words({str(k): v for k, v in row.items()}, self.lang)
            for row in entries.to_dict("records")
        ]
        return table

    def calibration(self) -> Calibration:
        """Score the confidences (Brier) and the ratings against what happened."""
        entries = self.entries()
        reviewed = entries[entries["reviewed"]] if len(entries) else entries
        judged = reviewed[reviewed["right"].notna()] if len(reviewed) else reviewed
        brier = None
        bins = pd.DataFrame(columns=["band", "n", "confidence", "right"])
        if len(judged):
            stated = judged["confidence"].to_numpy(float) / 100
            right = judged["right"].astype(bool).to_numpy(float)
            brier = float(np.mean((stated - right) ** 2))
            band = np.minimum(np.floor(stated * 10), 9).astype(int)
            bins = (
                pd.DataFrame({"band": band * 10, "confidence": stated, "right": right})
                .groupby("band", as_index=False)
                .agg(
                    n=("right", "size"), confidence=("confidence", "mean"), right=("right", "mean")
                )
            )
        return Calibration(len(reviewed), brier, bins, self._tendencies(reviewed))

    def _tendencies(self, reviewed: pd.DataFrame) -> pd.DataFrame:
        rows = []
        went = reviewed[reviewed["did"] == "go"] if len(reviewed) else reviewed
        for factor, outcome in OUTCOME_OF.items():
            if factor not in self.model.index:
                continue
            known = went[went[outcome].notna()] if len(went) else went
            n = len(known)
            expected = observed = bias = float("nan")
            tendency = None
            if n:
                f = self.model.factor(factor)
                ratings = (known[factor].to_numpy(float) - f.low) / (f.high - f.low)
                expected = float(ratings.mean())
                observed = float(known[outcome].astype(bool).mean())
                bias = expected - observed
                if n >= MIN_PER_RATING:
                    tendency = "over" if bias >= TENDENCY_MARGIN else (
                        "under" if bias <= -TENDENCY_MARGIN else "fair"
                    )  # fmt: skip
            rows.append((factor, outcome, n, expected, observed, bias, tendency))
        cost = _time_factor(self.model)
        if cost is not None and "prep_hours" in reviewed.columns and len(went):
            planned_hours = pd.to_numeric(went["prep_hours"], errors="coerce")
            timed = went[went["hours_spent"].notna() & planned_hours.gt(0)]
            n = len(timed)
            planned = float(pd.to_numeric(timed["prep_hours"]).sum()) if n else float("nan")
            spent = float(timed["hours_spent"].astype(float).sum()) if n else float("nan")
            ratio = spent / planned if n else float("nan")
            tendency = None
            if n >= MIN_PER_RATING:
                tendency = "under" if ratio >= HOURS_RATIO_MARGIN else (
                    "over" if ratio <= 1 / HOURS_RATIO_MARGIN else "fair"
                )  # fmt: skip
            rows.append((cost, "hours", n, planned, spent, ratio, tendency))
        return pd.DataFrame(
            rows,
            columns=["factor", "outcome", "n", "expected", "observed", "bias", "tendency"],
        )


def _time_factor(model: Model) -> str | None:
    """Return the model's time-cost factor (``time_cost``), if it has one."""
    return "time_cost" if "time_cost" in model.index else None


def _outcome_words(row: Mapping[str, Any], lang: str) -> str:
    if not row.get("reviewed"):
        return ""
    said = [
        text(f"priorities.outcome.{name}_{'yes' if row[name] else 'no'}", lang)
        for name in OUTCOMES
        if not pd.isna(row.get(name))
    ]
    if not pd.isna(row.get("hours_spent")):
        said.append(text("priorities.outcome.hours", lang, hours=float(row["hours_spent"])))
    return "; ".join(said)


def _is_record(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    entry = record.get("entry")
    if isinstance(entry, bool) or not isinstance(entry, int):
        return False
    if record.get("kind") == "decision":
        return (
            isinstance(record.get("invitation"), dict)
            and record.get("did") in DID
            and isinstance(record.get("confidence"), int | float)
        )
    return record.get("kind") == "review"


def _ends_torn(path: Path) -> bool:
    """Whether the file's last line has no newline (a write cut off by a crash)."""
    size = path.stat().st_size
    if size == 0:
        return False
    with path.open("rb") as file:
        file.seek(size - 1)
        return file.read(1) != b"\n"


def _did(did: object) -> str:
    if isinstance(did, bool | np.bool_):
        return "go" if did else "no"
    word = _DID_WORDS.get(str(did).strip().lower()) if isinstance(did, str) else None
    if word is None:
        raise JournalError(message("priorities.journal.bad_did", value=repr(did), allowed=DID))
    return word


def _confidence(confidence: object) -> float:
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float | np.integer | np.floating)
        or not 0 <= float(confidence) <= 100
    ):
        raise JournalError(message("priorities.journal.bad_confidence", value=repr(confidence)))
    return float(confidence)


def _day(date: _dt.date | str | None) -> str:
    if date is None:
        return _dt.date.today().isoformat()
    if isinstance(date, _dt.datetime):
        return date.date().isoformat()
    if isinstance(date, _dt.date):
        return date.isoformat()
    try:
        return _dt.date.fromisoformat(str(date)[:10]).isoformat()
    except ValueError:
        raise JournalError(message("priorities.journal.bad_date", value=repr(date))) from None


def _now() -> str:
    return _dt.datetime.now().replace(microsecond=0).isoformat()


def _plain(value: object) -> object:
    """Return a cell as JSON can hold it: a number, text, true/false or null."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if not math.isfinite(float(value)) else float(value)
    if pd.isna(value):  # type: ignore[call-overload]
        return None
    return str(value)


__all__ = [
    "DID",
    "MIN_REVIEWED",
    "OUTCOMES",
    "OUTCOME_OF",
    "Calibration",
    "Journal",
    "JournalError",
    "JournalWarning",
]
