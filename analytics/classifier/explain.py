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

from analytics.classifier.model import ClassifierModel
from analytics.frame import PUP_WALK, REAL_RUN, count, display_name, distance_in, format_pace
from etl.report import WARNING_SUMMARIES

_IMPLAUSIBLE = {
    "no_duration": "no duration was recorded",
    "no_distance": "no distance was recorded",
    "too_fast": "{pace} is faster than anyone moves on foot (a GPS glitch)",
    "too_slow": "{pace} is too slow to be a walk",
    "too_far": "{distance} is too far for one workout on foot",
}


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
    pace_text = _pace_text(numbers["pace_s_per_km"], unit)
    distance_text = _distance_text(numbers["distance_m"], unit)
    if method == "user":
        return "you set this label yourself, and your label always wins"
    if method == "non_foot":
        return f"{workout['activity_type']} is not on foot, so it keeps its own type"
    if method == "implausible":
        return _implausible(workout, pace_text, distance_text)
    if method == "era_default":
        side = "after" if workout["label"] == PUP_WALK else "before"
        return (
            f"with only {count(model.training_size, 'usable workout')} there is no model yet; "
            f"it is {side} your life event of {model.metrics['event_date']}, so the era default "
            "applies"
        )
    if method == "pace_rules":
        run_max = format_pace(model.params.run_max_pace_s_per_km, unit)
        walk_min = format_pace(model.params.walk_min_pace_s_per_km, unit)
        return (
            f"{pace_text} over {distance_text} against the pace rules (run faster than "
            f"{run_max}, walk slower than {walk_min}); "
            f"{count(model.training_size, 'usable workout')}, too few for a model of your own"
        )
    if method == "like_correction":
        return (
            f"{pace_text} over {distance_text} is close to workout {workout['detail']}, "
            "which you labelled yourself"
        )
    return _cluster_sentence(workout, model, unit, names, pace_text, distance_text, numbers)


def _cluster_sentence(workout, model, unit, names, pace_text, distance_text, numbers) -> str:
    component = model.components[int(workout["component"])]
    centre_pace = format_pace(component.pace_s_per_km, unit)
    centre = f"centre {centre_pace}, {_distance_text(component.distance_m, unit)}"
    numbers["cluster_pace_s_per_km"] = component.pace_s_per_km
    numbers["cluster_distance_m"] = component.distance_m
    cluster = display_name(component.label, names)
    if workout["method"] == "far":
        return (
            f"{pace_text} is far from every cluster of yours "
            f"(nearest: your {cluster} cluster, {centre})"
        )
    if workout["method"] == "between_clusters":
        run, walk = display_name(REAL_RUN, names), display_name(PUP_WALK, names)
        return (
            f"{pace_text} over {distance_text} falls between your {run} and {walk} clusters "
            f"(nearest: your {cluster} cluster, {centre})"
        )
    return f"{pace_text} sits in your {cluster} cluster ({centre}); {distance_text}"


def _implausible(workout, pace_text: str, distance_text: str) -> str:
    reason = workout["detail"]
    if reason == "flags":
        codes = [c for c in str(workout.get("flags") or "").split(",") if c]
        found = "; ".join(WARNING_SUMMARIES.get(c, c) for c in codes)
        return f"the export held impossible values ({found})"
    return _IMPLAUSIBLE[reason].format(pace=pace_text, distance=distance_text)


def _pace(workout: pd.Series) -> float:
    pace = _float(workout.get("avg_pace_s_per_km"))
    distance, duration = _float(workout.get("distance_m")), _float(workout.get("duration_s"))
    if math.isnan(pace) and distance > 0 and duration > 0:
        pace = duration / (distance / 1000)
    return pace


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
