"""Why a workout got its label: one sentence with the numbers behind it.

"21:18 min/mi sits in your dog-walk cluster (centre 22:48 min/mi, 1.9 mi); 1.9 mi; confidence
0.97" - the person can check the claim against their own memory of the walk.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from analytics.classifier.features import LONG_EXPONENT, LONG_M, paces
from analytics.classifier.model import ClassifierModel
from analytics.frame import RUN, WALK, count, display_name, distance_in, format_pace
from etl.report import WARNING_SUMMARIES

_IMPLAUSIBLE = {
    "no_duration": "no duration was recorded",
    "no_distance": "no distance was recorded",
    "too_short": "{distance} in {duration} is too short to judge",
    "too_fast": "{pace} is faster than anyone moves on foot over {distance} (a GPS glitch)",
    "ride_like": "it looks like a ride: {speed} moving speed over {distance}",
    "too_slow": "{pace} is too slow to be a walk",
    "too_far": "{distance} is too far for one workout on foot",
}
_SOURCES = {"moving": "moving pace", "recorded": "average pace", "elapsed": "pace"}


@dataclass(frozen=True)
class Explanation:
    """The sentence and the numbers it quotes."""

    workout_id: int
    label: str
    confidence: float
    method: str
    sentence: str
    numbers: MappingProxyType


def explain(
    workout: pd.Series,
    model: ClassifierModel,
    *,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> Explanation:
    """Explain one labelled workout (a row of a classified frame: workout columns plus
    ``label``, ``confidence``, ``method``, ``detail``, ``component``); ``names`` are the owner's
    class names (default: the default display names)."""
    pace = _pace(workout)
    numbers = {
        "pace_s_per_km": pace,
        "distance_m": _float(workout.get("distance_m")),
        "confidence": float(workout["confidence"]),
    }
    what = _sentence(workout, model, unit, names, numbers)
    label_name = display_name(workout["label"], names)
    return Explanation(
        workout_id=int(workout["id"]),
        label=str(workout["label"]),
        confidence=float(workout["confidence"]),
        method=str(workout["method"]),
        sentence=f"{label_name.capitalize()}: {what}; confidence {workout['confidence']:.2f}.",
        numbers=MappingProxyType(numbers),
    )


def _sentence(workout, model, unit, names, numbers) -> str:
    method = workout["method"]
    source = _SOURCES.get(str(workout.get("pace_source") or ""), "pace")
    pace_text = f"{source} {_pace_text(numbers['pace_s_per_km'], unit)}"
    distance_text = _distance_text(numbers["distance_m"], unit)
    if method == "user":
        return "you set this label yourself, and your label always wins"
    if method == "non_foot":
        return f"{workout['activity_type']} is not on foot, so it keeps its own type"
    if method == "implausible":
        return _implausible(workout, numbers, unit, distance_text)
    if method == "era_default":
        side = "after" if workout["label"] == WALK else "before"
        return (
            f"with only {count(model.training_size, 'usable workout')} there is no model yet; "
            f"it is {side} your life event of {model.metrics['event_date']}, so the era default "
            "applies"
        )
    if method == "pace_rules":
        run_max = format_pace(model.params.walk_floor_pace_s_per_km, unit)
        walk_min = format_pace(model.params.run_ceiling_pace_s_per_km, unit)
        return (
            f"{pace_text} over {distance_text} against the pace rules (run faster than "
            f"{run_max}, walk slower than {walk_min}{_typed_between(workout)}); "
            f"{count(model.training_size, 'usable workout')}, too few for a model of your own"
        )
    if method == "like_correction":
        return (
            f"{pace_text} over {distance_text} is close to workout {workout['detail']}, "
            "which you labelled yourself"
        )
    return _cluster_sentence(workout, model, unit, names, pace_text, distance_text, numbers)


def _typed_between(workout) -> str:
    typed = workout.get("activity_type")
    return f"; in between, your type {typed!r} decides" if typed else ""


def _cluster_sentence(workout, model, unit, names, pace_text, distance_text, numbers) -> str:
    component = model.components[int(workout["component"])]
    centre_pace = format_pace(component.pace_s_per_km, unit)
    centre = f"centre {centre_pace}, typically {_distance_text(component.distance_m, unit)}"
    numbers["cluster_pace_s_per_km"] = component.pace_s_per_km
    numbers["cluster_distance_m"] = component.distance_m
    cluster = display_name(component.label, names)
    long = _long(numbers["distance_m"], numbers["pace_s_per_km"], unit)
    typed = _type_note(workout, model, names)
    if workout["method"] == "between_clusters":
        run, walk = display_name(RUN, names), display_name(WALK, names)
        return (
            f"{pace_text} over {distance_text} falls between your {run} and {walk} clusters "
            f"(nearest: your {cluster} cluster, {centre}){long}{typed}"
        )
    if workout["method"] == "recorded_type":
        return (
            f"{pace_text} over {distance_text} lies between your clusters (nearest: your "
            f"{cluster} cluster, {centre}){long}{typed}"
        )
    z = workout.get("pace_z")
    unusual = ""
    if z is not None and not math.isnan(float(z)) and abs(float(z)) > model.params.unusual_z:
        side = "slower" if float(z) > 0 else "faster"
        unusual = f", though unusually {side} for you"
    where = "is nearest" if unusual else "sits in"
    where = f"{where} your {cluster} cluster"
    return f"{pace_text} {where} ({centre}){unusual}; {distance_text}{long}{typed}"


def _long(distance_m: float, pace_s_per_km: float, unit: str) -> str:
    """What a long distance does to the pace compared with the clusters."""
    if math.isnan(distance_m) or distance_m <= LONG_M or math.isnan(pace_s_per_km):
        return ""
    adjusted = pace_s_per_km / (distance_m / LONG_M) ** LONG_EXPONENT
    return (
        f"; over {_distance_text(distance_m, unit)} it counts as "
        f"{format_pace(adjusted, unit)} (everyone slows down over a long distance)"
    )


def _type_note(workout, model, names) -> str:
    """What the recorded type added: nothing when types are not weighed for this owner."""
    typed = workout.get("activity_type")
    types = model.types
    if not typed or not types.reliable:
        return ""
    agreement = f"your types agree with your paces {types.agreement:.0%} of the time"
    if workout.get("type_conflict"):
        label = display_name(workout["label"], names)
        return f"; recorded as {typed!r}, but its pace is beyond your {label}s' ({agreement})"
    if workout["method"] == "recorded_type":
        return f"; recorded as {typed!r}, which decided it ({agreement})"
    return f"; recorded as {typed!r} ({agreement})"


def _implausible(workout, numbers, unit: str, distance_text: str) -> str:
    reason = workout["detail"]
    if reason == "flags":
        codes = [c for c in str(workout.get("flags") or "").split(",") if c]
        found = "; ".join(WARNING_SUMMARIES.get(c, c) for c in codes)
        return f"the export held impossible values ({found})"
    pace = numbers["pace_s_per_km"]
    speed = "an unknown speed"
    if not math.isnan(pace) and pace > 0:
        per_hour = 3600.0 / pace if unit == "km" else 3600.0 / pace / 1.609344
        speed = f"{per_hour:.0f} {unit}/h"
    duration = _float(workout.get("duration_s"))
    minutes = "an unknown time" if math.isnan(duration) else f"{duration / 60:.1f} min"
    return _IMPLAUSIBLE[reason].format(
        pace=_pace_text(pace, unit), distance=distance_text, speed=speed, duration=minutes
    )


def _pace(workout: pd.Series) -> float:
    frame = workout.to_frame().T
    for column in ("distance_m", "duration_s", "moving_time_s", "avg_pace_s_per_km"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return float(paces(frame)[0])


def _pace_text(pace: float, unit: str) -> str:
    return "an unknown pace" if math.isnan(pace) else format_pace(pace, unit)


def _distance_text(distance_m: float, unit: str) -> str:
    return (
        "an unknown distance"
        if math.isnan(distance_m)
        else f"{distance_in(distance_m, unit):.1f} {unit}"
    )


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
