"""Exporting an owner's labelled workouts as CSV or JSON, safe to open in a spreadsheet.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel, LibreOffice
and Google Sheets ("formula injection"); workout notes and SQL results are text a person typed, so
such text cells get a leading single quote. Numbers are never touched: ``-3.5`` stays a number.

The class is exported as the owner says it (``label``: "run", "walk" or "dog walk"...), with the
classifier's own code beside it (``label_code``: "run", "walk"...) for scripts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from analytics.frame import METRES_PER, by_day, display_name, require

EXPORT_COLUMNS = (
    "date",
    "activity_type",
    "label",
    "label_code",
    "confidence",
    "distance_km",
    "distance_mi",
    "duration_min",
    "pace_min_per_km",
    "pace_min_per_mi",
    "calories",
    "avg_heart_rate",
    "steps",
    "source",
    "source_id",
    "id",
)
_RENAMES = {"calories_kcal": "calories"}
_WHOLE_NUMBERS = ("steps", "id")
FORMULA_STARTS = ("=", "+", "-", "@")
# A tab or carriage return first is also read as a cell separator / formula start by some sheets.
_CONTROL_STARTS = ("\t", "\r")


def with_units(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` plus distance_km/_mi, duration_min and pace_min_per_km/_mi from its SI columns.

    A missing SI column gives NaN, so frames built by hand need not carry every column.
    """

    def si(name: str) -> pd.Series:
        if name not in frame.columns:
            return pd.Series(np.nan, index=frame.index)
        return pd.to_numeric(frame[name], errors="coerce").astype(float)

    distance, pace = si("distance_m"), si("avg_pace_s_per_km")
    return frame.assign(
        distance_km=distance / METRES_PER["km"],
        distance_mi=distance / METRES_PER["mi"],
        duration_min=si("duration_s") / 60.0,
        pace_min_per_km=pace / 60.0,
        pace_min_per_mi=pace * METRES_PER["mi"] / 1000.0 / 60.0,
    )


def with_class_names(frame: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with ``label`` as the owner says it ("run", "walk"...; ``names`` are the
    owner's, the default display names when None) and the classifier's code in ``label_code``."""
    if "label" not in frame.columns:
        return frame
    codes = frame["label"]
    shown = codes.map(lambda code: display_name(str(code), names), na_action="ignore")
    return frame.assign(label=shown, label_code=codes)


def export_frame(
    frame: pd.DataFrame,
    *,
    start: date | None,
    end: date | None,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The labelled workouts dated ``start``..``end`` (inclusive; None = open), oldest first.

    Columns are :data:`EXPORT_COLUMNS` in that order; a column the frame lacks is left empty.
    ``label`` is the class in the owner's ``names`` (pass ``Context.names``), ``label_code``
    the classifier's code.
    """
    require(frame, ("workout_date", "label"))
    days = by_day(frame)
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= days >= pd.Timestamp(start)
    if end is not None:
        keep &= days <= pd.Timestamp(end)
    chosen = with_units(with_class_names(frame.loc[keep], names))
    chosen = chosen.rename(columns=_RENAMES).assign(date=days[keep])
    chosen = chosen.reindex(columns=list(EXPORT_COLUMNS))
    for name in _WHOLE_NUMBERS:
        chosen[name] = pd.to_numeric(chosen[name], errors="coerce").round().astype("Int64")
    return chosen.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula (or split it) when opened."""
    return text.startswith(_CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run; else unchanged."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV (CRLF, header), formula-safe; dates as ISO text, NaN as empty."""
    safe = _iso_dates(frame)
    safe.columns = [neutralise(str(name)) for name in frame.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            safe.isetitem(position, column.astype(object).map(neutralise))
    # RFC 4180 line ends: with "\n" alone, a bare "\r" in a cell would go unquoted and split a row.
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_json(frame: pd.DataFrame) -> bytes:
    """``frame`` as a UTF-8 JSON array of records: ISO dates, NaN as null, unicode unescaped."""
    names = [str(name) for name in frame.columns]
    records = [
        dict(zip(names, map(_json_value, values)))
        for values in _iso_dates(frame).itertuples(index=False, name=None)
    ]
    return json.dumps(records, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _iso_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with datetime columns as ISO text: a date alone if every one is at
    midnight (day-precision dates read best so), else date and time; NaT as None."""
    out = frame.copy()
    # Positions, not names: SQL results may repeat a column name ("SELECT 1, 1").
    for position in range(out.shape[1]):
        stamps = out.iloc[:, position]
        if pd.api.types.is_datetime64_any_dtype(stamps):
            midnight = bool((stamps.dropna() == stamps.dropna().dt.normalize()).all())
            text = stamps.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
            out.isetitem(position, text.astype(object).where(stamps.notna(), None))
    return out


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, date):  # datetimes too, in object columns; datetime64 is text by now
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
