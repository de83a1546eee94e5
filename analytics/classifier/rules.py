"""Applying a model to workouts, one workout at a time in effect (vectorised with numpy).

Each output row holds the label, its confidence, the method that decided (``model``,
``recorded_type``, ``like_correction``, ``implausible``, ``pace_rules``, ``era_default``,
``non_foot``), a detail (the reason a workout is an outlier, the anchor followed), the nearest
cluster, its pace z-score, where the pace came from and whether the recorded type contradicts
the label (``type_conflict``: records and "fastest" answers skip those the owner has not
confirmed).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.classifier.features import (
    PACE_SOURCES,
    REASONS,
    Seen,
    implausibility,
    ride_like,
    see,
)
from analytics.classifier.model import ClassifierModel
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK

# Pace rules' confidence grows with the log-distance from the nearest threshold.
_RULE_SCALE = 0.15
# A pace posterior is never taken as surer than this when weighed against a reliable type: an
# honest "Walk" at the edge of the runs stays a walk.
_PACE_SURE = 0.98
# What a reliable type says of each label, by the type's vote (+1 run, -1 walk).
_LABEL_VOTE = {RUN: 1, RUN_WALK: 1, WALK: -1}


def _filled(n: int, value: str) -> np.ndarray:
    """An object array of one string (np.full of objects is ten times slower)."""
    array = np.empty(n, dtype=object)
    array[:] = value
    return array


class _Table:
    """The output columns as numpy arrays, filled in place and made a DataFrame once (setting
    pandas columns row by row costs more than the whole classification)."""

    def __init__(self, frame: pd.DataFrame, seen: Seen, model: ClassifierModel):
        n = len(frame)
        foot = seen.foot
        reasons = implausibility(seen, model.params.limits)
        if model.ride_pace_s_per_km is not None:
            ride = ride_like(seen, model.params.limits, model.ride_pace_s_per_km)
            reasons[(reasons == 0) & foot & ride] = REASONS.index("ride_like")
        implausible = foot & (reasons != 0)
        self.id = frame["id"].to_numpy()
        self.label = frame["category"].to_numpy(dtype=object).copy()
        self.label[foot] = ""
        self.label[implausible] = OUTLIER
        self.confidence = np.where(foot, np.nan, 1.0)
        self.confidence[implausible] = model.params.max_confidence
        self.method = _filled(n, "non_foot")
        self.method[foot] = ""
        self.method[implausible] = "implausible"
        self.detail = _filled(n, "")
        self.detail[implausible] = np.array(REASONS, dtype=object)[reasons[implausible]]
        self.component = np.full(n, -1)
        self.pace_z = np.full(n, np.nan)
        self.pace_source = _filled(n, "")
        self.pace_source[foot] = np.array(PACE_SOURCES, dtype=object)[seen.pace_source[foot]]
        self.type_conflict = np.zeros(n, dtype=bool)
        self.todo = foot & ~implausible

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame."""
        names = ("id", "label", "confidence", "method", "detail", "component", "pace_z")
        columns = {name: getattr(self, name) for name in names}
        columns["pace_source"] = self.pace_source
        columns["type_conflict"] = self.type_conflict
        return pd.DataFrame(columns)


def apply_model(frame: pd.DataFrame, model: ClassifierModel) -> pd.DataFrame:
    """Label plausible foot workouts by the owner's pace mixture, their recorded types where
    those are reliable, and the workouts they corrected."""
    seen = see(frame)
    table = _Table(frame, seen, model)
    todo = table.todo
    if not todo.any():
        return table.frame()
    params = model.params
    scaled = model.scale(seen.features()[todo])
    x = scaled[:, 0]  # scaled adjusted log pace
    pace_means = np.array([c.mean[0] for c in model.components])
    pace_sds = np.array([c.pace_sd for c in model.components])
    names = np.array([c.label for c in model.components], dtype=object)
    # Beyond the outermost centres in pace a workout belongs to the outermost cluster: a wide
    # Gaussian would otherwise claim the far tail of a narrow one.
    placed = np.column_stack([np.clip(x, pace_means.min(), pace_means.max()), scaled[:, 1]])
    log_resp = _log_responsibility(placed, model)
    posterior = np.exp(log_resp - log_resp.max(axis=1, keepdims=True))
    posterior /= posterior.sum(axis=1, keepdims=True)
    label_names = sorted(set(names))
    stacked = np.column_stack([posterior[:, names == name].sum(axis=1) for name in label_names])
    votes = seen.votes[todo]
    method = _filled(len(x), "model")
    if model.types.reliable:
        stacked, method = _weigh_types(x, stacked, label_names, votes, model)
    best = stacked.argmax(axis=1)
    label = np.array(label_names, dtype=object)[best]
    confidence = np.minimum(stacked.max(axis=1), params.max_confidence)
    if not model.types.reliable:  # honest types say run or walk: they decide the middle
        _between_clusters(x, model, label, confidence, method)
    _within_physiology(seen.adjusted_log_pace[todo], params, label, confidence)
    nearest = posterior.argmax(axis=1)
    pace_z = (x - pace_means[nearest]) / pace_sds[nearest]  # signed: positive is slower
    unusual = np.abs(pace_z) > params.unusual_z
    confidence[unusual] = np.minimum(
        confidence[unusual], 0.6 + 0.39 * np.exp(params.unusual_z - np.abs(pace_z[unusual]))
    )
    detail = _filled(len(x), "")
    _follow_anchors(scaled, model, pace_z, label, confidence, method, detail)
    table.label[todo] = label
    table.confidence[todo] = np.round(confidence, 4)
    table.method[todo] = method
    table.detail[todo] = detail
    table.component[todo] = nearest
    table.pace_z[todo] = np.round(pace_z, 3)
    if model.types.reliable:
        table.type_conflict[todo] = _conflicts(label, votes)
    return table.frame()


def _within_physiology(log_pace, params, label, confidence) -> None:
    """No walk is faster than the walk floor, no run slower than the slowest run pace: where a
    cluster's reach (or its distance) says otherwise, pace wins."""
    too_fast = (label == WALK) & (log_pace < np.log(params.walk_floor_pace_s_per_km))
    too_slow = (label == RUN) & (log_pace > np.log(params.slowest_run_pace_s_per_km))
    label[too_fast], label[too_slow] = RUN, WALK
    confidence[too_fast | too_slow] = np.minimum(confidence[too_fast | too_slow], 0.9)


def _log_responsibility(scaled: np.ndarray, model: ClassifierModel) -> np.ndarray:
    """Per workout and cluster: log(weight * density) of the cluster's Gaussian."""
    out = np.empty((len(scaled), len(model.components)))
    for k, component in enumerate(model.components):
        covariance = np.array(component.covariance)
        inverse = np.linalg.inv(covariance)
        d0 = scaled[:, 0] - component.mean[0]
        d1 = scaled[:, 1] - component.mean[1]
        m2 = inverse[0, 0] * d0 * d0 + 2 * inverse[0, 1] * d0 * d1 + inverse[1, 1] * d1 * d1
        log_det = np.log(np.linalg.det(2 * np.pi * covariance))
        out[:, k] = np.log(component.weight) - 0.5 * (m2 + log_det)
    return out


def _between_clusters(x, model, label, confidence, method) -> None:
    """Run-walk: slower than every run cluster and faster than every walk cluster by
    ``mixed_z`` spreads of each, and well on the way from the runs to the walks (a long easy
    run is a little slower than usual; a run-walk is far from both)."""
    runs = [c for c in model.components if c.label == RUN]
    walks = [c for c in model.components if c.label == WALK]
    if not (runs and walks):
        return
    beyond_runs = np.min([(x - c.mean[0]) / c.pace_sd for c in runs], axis=0)
    short_of_walks = np.min([(c.mean[0] - x) / c.pace_sd for c in walks], axis=0)
    margin = np.minimum(beyond_runs, short_of_walks) - model.params.mixed_z
    run_centre = max(c.mean[0] for c in runs)
    walk_centre = min(c.mean[0] for c in walks)
    way = (x - run_centre) / (walk_centre - run_centre)
    low, high = model.params.mixed_band
    mixed = (margin > 0) & (way > low) & (way < high)
    label[mixed], method[mixed] = RUN_WALK, "between_clusters"
    confidence[mixed] = np.minimum(model.params.max_confidence, 0.7 + 0.29 * np.tanh(margin[mixed]))


def _weigh_types(x, stacked, label_names, votes, model):
    """The pace posterior weighed by a reliable recorded type. Between the owner's run and
    walk centres the type carries the most weight; beyond the other class's centre (a "Walk"
    faster than the owner's runs) pace alone decides, and the label contradicts the type."""
    names = np.array(label_names, dtype=object)
    runs = [c.mean[0] for c in model.components if c.label == RUN]
    walks = [c.mean[0] for c in model.components if c.label == WALK]
    beyond = np.zeros(len(x), dtype=bool)
    if runs:
        beyond |= (votes == -1) & (x < max(runs))
    if walks:
        beyond |= (votes == 1) & (x > min(walks))
    weigh = (votes != 0) & ~beyond
    reliability = min(max(model.types.agreement or 0.5, 0.5), 0.995)
    capped = np.clip(stacked, 1 - _PACE_SURE, _PACE_SURE)
    agrees = np.array([_LABEL_VOTE.get(n, 0) for n in names])[None, :] == votes[:, None]
    likelihood = np.where(agrees, reliability, 1 - reliability)
    weighed = capped * likelihood
    weighed /= weighed.sum(axis=1, keepdims=True)
    result = np.where(weigh[:, None], weighed, stacked)
    decided = result.argmax(axis=1) != stacked.argmax(axis=1)
    method = _filled(len(x), "model")
    method[weigh & decided] = "recorded_type"
    return result, method


def _conflicts(label: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """Where a reliable recorded type says the other class than the label."""
    said = np.select([label == RUN, label == RUN_WALK, label == WALK], [1, 1, -1], 0)
    return (votes != 0) & (said != 0) & (said != votes)


def apply_rules(frame: pd.DataFrame, model: ClassifierModel) -> pd.DataFrame:
    """The fallbacks: era default around the life event, or pace thresholds."""
    seen = see(frame)
    table = _Table(frame, seen, model)
    todo = table.todo
    if not todo.any():
        return table.frame()
    if model.metrics["kind"] == "era_default":
        event = pd.Timestamp(date.fromisoformat(model.metrics["event_date"]))
        after = (pd.to_datetime(frame["workout_date"]) >= event).to_numpy()[todo]
        table.label[todo] = np.where(after, WALK, RUN)
        table.confidence[todo] = 0.5
        table.method[todo] = "era_default"
        return table.frame()
    pace = np.exp(seen.adjusted_log_pace[todo])
    label, confidence = pace_rule(pace, model, seen.votes[todo])
    table.label[todo] = label
    table.confidence[todo] = np.round(confidence, 4)
    table.method[todo] = "pace_rules"
    if model.types.reliable:
        table.type_conflict[todo] = _conflicts(label, seen.votes[todo])
    return table.frame()


def pace_rule(
    pace: np.ndarray, model: ClassifierModel, votes: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Label by physiology's pace bounds: a run faster than the walk floor, a walk slower than
    the run ceiling; between them the recorded type decides, else the nearer bound. Confidence
    from 0.5 at a bound up to 0.9 far from it."""
    run_max = model.params.walk_floor_pace_s_per_km
    walk_min = model.params.run_ceiling_pace_s_per_km
    votes = np.zeros(len(pace), dtype=int) if votes is None else votes
    nearer_run = np.log(pace / run_max) < np.log(walk_min / pace)
    between = np.where(votes == 1, RUN, np.where(votes == -1, WALK, "")).astype(object)
    between[between == ""] = np.where(nearer_run, RUN, WALK)[between == ""]
    label = np.where(pace <= run_max, RUN, np.where(pace >= walk_min, WALK, between))
    margin = np.minimum(np.abs(np.log(pace / run_max)), np.abs(np.log(pace / walk_min)))
    confidence = 0.5 + 0.4 * np.tanh(margin / _RULE_SCALE)
    return label.astype(object), confidence


def anchor_reach(scaled: np.ndarray, model: ClassifierModel, pace_z: np.ndarray) -> np.ndarray:
    """Per workout (``scaled`` features): the index of the anchor it follows, or -1. A workout
    follows a correction only when it is near it and is no typical member of its own cluster
    (its pace ``pace_z`` spreads from the centre): the cluster is the other evidence, so one
    correction never carries a whole cluster with it."""
    followed = np.full(len(scaled), -1)
    if not model.anchors:
        return followed
    from scipy.spatial import cKDTree  # only with corrections: most answers never need scipy

    params = model.params
    points = np.array([a.point for a in model.anchors])
    distance, index = cKDTree(points).query(scaled, distance_upper_bound=params.anchor_radius)
    near = np.isfinite(distance) & (np.abs(pace_z) > params.anchor_min_z)
    followed[near] = index[near]
    return followed


def _follow_anchors(scaled, model, pace_z, label, confidence, method, detail) -> None:
    """Workouts clearly near one the person labelled take that label ("like your correction")."""
    followed = anchor_reach(scaled, model, pace_z)
    anchor_labels = np.array([a.label for a in model.anchors] + [""], dtype=object)[followed]
    changed = (followed >= 0) & (anchor_labels != label)
    label[changed] = anchor_labels[changed]
    confidence[changed] = 0.8
    method[changed] = "like_correction"
    ids = np.array([a.workout_id for a in model.anchors] + [-1])[followed]
    detail[changed] = [str(i) for i in ids[changed]]
