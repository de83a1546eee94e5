"""Transform: give each validated row its identity and the shape of a ``workouts`` record.

A workout's identity is (owner, source, source id). MapMyRun puts the id in the link; a row
without one gets an id hashed from its content (plus its occurrence number among identical rows),
so ingesting the same file twice, or a newer export that overlaps it, finds it again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from json.encoder import encode_basestring

import pandas as pd

from etl.ingest.validate import QUALITY_CODES, Validated
from etl.report import RowIssue

_LINK_ID = re.compile(r"/workouts?/(\d+)")
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


def transform(validated: Validated) -> Transformed:
    """Assign source ids and drop rows repeating an id already seen in the file."""
    text = validated.text
    frame = validated.frame.rename(columns=_RENAMES)
    warnings: list[RowIssue] = []
    frame["source_id"] = source_ids(text, warnings)
    frame["link"] = text["link"].replace("", None)
    frame["flags"] = quality_flags(frame["line"], validated.warnings)
    repeated = frame["source_id"].duplicated(keep="first")
    first_line = frame.groupby("source_id")["line"].transform("first")
    for line, first in zip(frame["line"][repeated], first_line[repeated]):
        warnings.append(RowIssue(int(line), "repeated_in_file", f"same workout id as line {first}"))
    kept = ~repeated.to_numpy()
    warnings += _lookalikes(text[kept])
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


def source_ids(text: pd.DataFrame, warnings: list[RowIssue]) -> pd.Series:
    """The format's own ids, else ids from the links; content hashes where neither exists."""
    own = text["source_id"].where(text["source_id"] != "")
    ids = own.fillna(text["link"].str.extract(_LINK_ID, expand=False))
    missing = ids.isna()
    if missing.any():
        content = text.loc[missing, list(_IDENTITY_FIELDS)].apply(lambda col: col.str.lower())
        keys = content.agg("|".join, axis=1)
        occurrence = keys.groupby(keys).cumcount()
        hashed = [
            "c" + hashlib.sha1(key.encode()).hexdigest()[:20] + (f"-{n + 1}" if n else "")
            for key, n in zip(keys, occurrence)
        ]
        ids[missing] = hashed
        # Worth a word only where the file has ids for other rows: some formats (Garmin's CSV)
        # never carry one, and their reader says so once.
        if not missing.all():
            for line in text["line"][missing]:
                warnings.append(RowIssue(int(line), "no_workout_id", "no workout id; id derived"))
    return ids


def raw_json(text: pd.DataFrame) -> list[str]:
    """Each row's non-blank fields as the file wrote them, as JSON, so nothing said is lost.

    Keys are fixed identifiers; only values need escaping, done by the json module's C encoder
    (a per-row ``json.dumps`` would cost more than parsing the file).
    """
    # Columns blank in every row (those the format lacks) would only cost time.
    columns = [c for c in text.columns if c != "line" and text[c].to_numpy(dtype=object).any()]
    keys = [encode_basestring(c) + ":" for c in columns]
    return [
        "{" + ",".join(k + encode_basestring(v) for k, v in zip(keys, row) if v) + "}"
        for row in text[columns].itertuples(index=False, name=None)
    ]


def _lookalikes(text: pd.DataFrame) -> list[RowIssue]:
    """Warn about rows identical to another row except for the workout id (both are kept)."""
    columns = [
        c
        for c in text.columns
        if c not in ("line", "link", "submitted") and text[c].to_numpy(dtype=object).any()
    ]
    # One joined key per row hashes far faster than a dozen object columns.
    key = pd.Series(map("\x1f".join, text[columns].itertuples(index=False, name=None)))
    same = key.duplicated(keep=False).to_numpy()
    if not same.any():
        return []
    group_first = text["line"][same].groupby(key[same].to_numpy()).transform("min")
    return [
        RowIssue(int(line), "same_as_other_row", f"identical to line {first} except for the id")
        for line, first in zip(text["line"][same], group_first)
        if line != first
    ]
