"""Transform: give each validated row its identity and the shape of a ``workouts`` record.

A workout's identity is (owner, source, source id). MapMyRun puts the id in the link; a row
without one gets an id hashed from its content (plus its occurrence number among identical rows),
so ingesting the same file twice, or a newer export that overlaps it, finds it again.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from json.encoder import encode_basestring

import numpy as np
import pandas as pd

from etl.ingest.seen import Seen, first_lines, hashes
from etl.ingest.validate import QUALITY_CODES, Validated
from etl.report import RowIssue

_LINK_ID = re.compile(r"/workouts?/(\d+)")
# Columns a reader or :func:`identify` adds to the file's own: never part of the raw record.
IDENTITY = "identity"
DERIVED = "id_derived"
_NOT_SAID = frozenset({"line", IDENTITY, DERIVED})
# Fields whose text identifies a link-less workout; submission date and notes can change later.
_IDENTITY_FIELDS = ("workout_date", "activity_type", "distance", "duration", "calories")
_RENAMES = {
    "distance": "distance_m",
    "duration": "duration_s",
    "avg_pace": "avg_pace_s_per_km",
    "max_pace": "max_pace_s_per_km",
    "avg_speed": "avg_speed_mps",
    "max_speed": "max_speed_mps",
    "calories": "calories_kcal",
    "avg_hr": "avg_heart_rate",
    "max_hr": "max_heart_rate",
    "avg_cadence": "avg_cadence_spm",
    "moving_time": "moving_time_s",
    "elevation_gain": "elevation_gain_m",
}


@dataclass(frozen=True)
class Transformed:
    """Rows ready to load (one per distinct workout), the warnings found, and in-file repeats.

    ``text`` holds the same rows as the file wrote them (aligned with ``frame``); the loader keeps
    them as each new workout's raw record.
    """

    frame: pd.DataFrame
    text: pd.DataFrame
    warnings: list[RowIssue]
    repeated_in_file: int


def transform(validated: Validated, seen: Seen | None = None) -> Transformed:
    """Assign source ids and drop rows repeating an id already seen in the file.

    ``seen`` is what the file's earlier chunks held, when it is read in chunks (updated here);
    without it the rows are the whole file.
    """
    seen = seen if seen is not None else Seen()
    text = validated.text
    frame = validated.frame.rename(columns=_RENAMES)
    warnings: list[RowIssue] = []
    if IDENTITY in text:
        ids, derived = text[IDENTITY], text[DERIVED].to_numpy(dtype=bool)
    else:
        ids, derived = identify(text, seen.occurrences)
    # Worth a word only where the rows have ids elsewhere: some formats (Garmin's CSV) never
    # carry one, and their reader says so once.
    if derived.any() and not derived.all():
        for line in text["line"][derived]:
            warnings.append(RowIssue(int(line), "no_workout_id", "no workout id; id derived"))
    frame["source_id"] = ids.to_numpy(dtype=object)
    frame["link"] = text["link"].replace("", None)
    frame["flags"] = quality_flags(frame["line"], validated.warnings)
    lines = frame["line"].to_numpy(dtype=np.int64)
    first = first_lines(hashes(frame["source_id"]), lines, seen.ids)
    repeated = first != lines
    for line, earlier in zip(lines[repeated], first[repeated]):
        warnings.append(
            RowIssue(int(line), "repeated_in_file", f"same workout id as line {earlier}")
        )
    kept = ~repeated
    warnings += _lookalikes(text[kept], seen)
    return Transformed(
        frame=frame[kept].reset_index(drop=True),
        text=text[kept].reset_index(drop=True),
        warnings=warnings,
        repeated_in_file=int(repeated.sum()),
    )


def quality_flags(lines: pd.Series, warnings: list[RowIssue]) -> list[str | None]:
    """Per row, the sorted quality warning codes found on its line ("steps_absurd,..."), or None."""
    codes: dict[int, set[str]] = {}
    for issue in warnings:
        if issue.code in QUALITY_CODES:
            codes.setdefault(issue.line, set()).add(issue.code)
    return [",".join(sorted(codes[line])) if line in codes else None for line in lines]


def identify(text: pd.DataFrame, occurrences: Counter[str]) -> tuple[pd.Series, np.ndarray]:
    """Each row's workout id (the format's own, else the link's, else a hash of its content
    numbered by occurrence, counted on from ``occurrences``, which is updated) and whether it
    was derived from the content."""
    own = text["source_id"].where(text["source_id"] != "")
    ids = own.fillna(text["link"].str.extract(_LINK_ID, expand=False))
    missing = ids.isna()
    if missing.any():
        content = text.loc[missing, list(_IDENTITY_FIELDS)].apply(lambda col: col.str.lower())
        keys = content.agg("|".join, axis=1)
        occurrence = keys.groupby(keys).cumcount()
        hashed = []
        for key, n in zip(keys, occurrence):
            n += occurrences[key]
            hashed.append(
                "c" + hashlib.sha1(key.encode()).hexdigest()[:20] + (f"-{n + 1}" if n else "")
            )
        occurrences.update(keys)
        ids[missing] = hashed
    return ids, missing.to_numpy()


def raw_json(text: pd.DataFrame) -> list[str]:
    """Each row's non-blank fields as the file wrote them, as JSON, so nothing said is lost.

    Built column by column: keys are fixed identifiers, each distinct value is escaped once by
    the json module's C encoder (dates, types and sources repeat), and numpy joins the pieces;
    a per-row ``json.dumps`` would cost more than parsing the file.
    """
    n = len(text)
    joined = np.full(n, "", dtype=object)
    for column in text.columns:
        if column in _NOT_SAID:
            continue
        values = text[column].to_numpy(dtype=object)
        said = values.astype(bool)
        if not said.any():  # a column the format lacks
            continue
        codes, distinct = pd.factorize(values)
        key = "," + encode_basestring(column) + ":"
        # The blank piece last: code -1 (a missing value) takes it.
        pieces = [key + encode_basestring(v) if v else "" for v in distinct] + [""]
        joined += np.array(pieces, dtype=object)[codes]
    return ["{" + row[1:] + "}" for row in joined.tolist()]


def _lookalikes(text: pd.DataFrame, seen: Seen) -> list[RowIssue]:
    """Warn about rows identical to another row except for the workout id (both are kept)."""
    columns = [c for c in text.columns if c not in _NOT_SAID and c not in ("link", "submitted")]
    # Each column hashed in C and the hashes combined: no per-row Python.
    keys = pd.util.hash_pandas_object(text[columns], index=False).to_numpy()
    lines = text["line"].to_numpy(dtype=np.int64)
    first = first_lines(keys, lines, seen.lookalikes)
    alike = first != lines
    return [
        RowIssue(int(line), "same_as_other_row", f"identical to line {earlier} except for the id")
        for line, earlier in zip(lines[alike], first[alike])
    ]
