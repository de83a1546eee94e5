"""Applying a model to workouts, one workout at a time in effect (vectorised with numpy).

Each output row holds the label, its confidence, the method that decided (``model``, ``far``,
``like_correction``, ``implausible``, ``pace_rules``, ``era_default``, ``non_foot``) and what an
explanation needs: the nearest component, its squared Mahalanobis distance, the anchor followed.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from analytics.classifier.features import feature_matrix, foot_mask, implausibility, paces
from analytics.classifier.model import ClassifierModel
from analytics.frame import MIXED, OUTLIER, PUP_WALK, REAL_RUN

# Pace rules' confidence grows with the log-distance from the nearest threshold.
_RULE_SCALE = 0.15


def _base(frame: pd.DataFrame, model: ClassifierModel) -> tuple[pd.DataFrame, np.ndarray]:
    """Non-foot workouts keep their category; implausible foot workouts are outliers."""
    n = len(frame)
    foot = foot_mask(frame)
    reasons = implausibility(frame, model.params.limits)
    table = pd.DataFrame(
        {
            "id": frame["id"].to_numpy(),
            "label": np.where(foot, "", frame["category"].to_numpy(dtype=object)),
            "confidence": np.where(foot, np.nan, 1.0),
            "method": np.where(foot, "", "non_foot").astype(object),
            "detail": np.where(foot & (reasons != ""), reasons, "").astype(object),
            "component": np.full(n, -1),
            "mahalanobis2": np.full(n, np.nan),
        }
    )
    implausible = foot & (reasons != "")
    table.loc[implausible, ["label", "method"]] = [OUTLIER, "implausible"]
    table.loc[implausible, "confidence"] = model.params.max_confidence
    return table, foot & ~implausible


def apply_model(frame: pd.DataFrame, model: ClassifierModel) -> pd.DataFrame:
    """Label plausible foot workouts by the mixture, anchors and the far-from-all check."""
    table, todo = _base(frame, model)
    if not todo.any():
        return table
    params = model.params
    scaled = model.scale(feature_matrix(frame)[todo])
    m2, log_resp = _mahalanobis_and_log_responsibility(scaled, model)
    posterior = np.exp(log_resp - log_resp.max(axis=1, keepdims=True))
    posterior /= posterior.sum(axis=1, keepdims=True)
    names = np.array([c.label for c in model.components], dtype=object)
    per_label = {name: posterior[:, names == name].sum(axis=1) for name in set(names)}
    label_names = list(per_label)
    stacked = np.column_stack([per_label[name] for name in label_names])
    best = stacked.argmax(axis=1)
    label = np.array(label_names, dtype=object)[best]
    confidence = np.minimum(stacked.max(axis=1), params.max_confidence)
    method = np.full(len(scaled), "model", dtype=object)
    detail = np.full(len(scaled), "", dtype=object)
    nearest = m2.argmin(axis=1)
    nearest_m2 = m2.min(axis=1)
    # Far from every cluster *in pace*: a long run at a normal pace is a long run, not a glitch.
    pace_z = np.min(np.abs(_pace_z(scaled, model)), axis=0)
    far = pace_z > params.far_pace_z
    label[far], method[far] = OUTLIER, "far"
    confidence[far] = np.minimum(
        params.max_confidence, 0.6 + 0.39 * np.tanh(pace_z[far] - params.far_pace_z)
    )
    _between_clusters(scaled, model, label, confidence, method, ~far)
    _follow_anchors(scaled, model, label, confidence, method, detail)
    table.loc[todo, "label"] = label
    table.loc[todo, "confidence"] = np.round(confidence, 4)
    table.loc[todo, "method"] = method
    table.loc[todo, "detail"] = detail
    table.loc[todo, "component"] = nearest
    table.loc[todo, "mahalanobis2"] = nearest_m2
    return table


def apply_rules(frame: pd.DataFrame, model: ClassifierModel) -> pd.DataFrame:
    """The fallbacks: era default around the life event, or pace thresholds."""
    table, todo = _base(frame, model)
    if not todo.any():
        return table
    if model.metrics["kind"] == "era_default":
        event = pd.Timestamp(date.fromisoformat(model.metrics["event_date"]))
        after = (pd.to_datetime(frame["workout_date"]) >= event).to_numpy()[todo]
        table.loc[todo, "label"] = np.where(after, PUP_WALK, REAL_RUN)
        table.loc[todo, "confidence"] = 0.5
        table.loc[todo, "method"] = "era_default"
        return table
    label, confidence = pace_rule(paces(frame)[todo], model)
    table.loc[todo, "label"] = label
    table.loc[todo, "confidence"] = np.round(confidence, 4)
    table.loc[todo, "method"] = "pace_rules"
    return table


def pace_rule(pace: np.ndarray, model: ClassifierModel) -> tuple[np.ndarray, np.ndarray]:
    """Label by the pace thresholds; confidence from 0.5 at a threshold up to 0.9 far from it."""
    run_max = model.params.run_max_pace_s_per_km
    walk_min = model.params.walk_min_pace_s_per_km
    label = np.where(pace <= run_max, REAL_RUN, np.where(pace >= walk_min, PUP_WALK, MIXED))
    margin = np.minimum(np.abs(np.log(pace / run_max)), np.abs(np.log(pace / walk_min)))
    confidence = 0.5 + 0.4 * np.tanh(margin / _RULE_SCALE)
    return label.astype(object), confidence


def _mahalanobis_and_log_responsibility(scaled: np.ndarray, model: ClassifierModel):
    """Per workout and component: squared Mahalanobis distance and log(weight * density)."""
    m2 = np.empty((len(scaled), len(model.components)))
    log_resp = np.empty_like(m2)
    for k, component in enumerate(model.components):
        covariance = np.array(component.covariance)
        inverse = np.linalg.inv(covariance)
        diff = scaled - np.array(component.mean)
        m2[:, k] = np.einsum("ij,jk,ik->i", diff, inverse, diff)
        log_det = np.log(np.linalg.det(2 * np.pi * covariance))
        log_resp[:, k] = np.log(component.weight) - 0.5 * (m2[:, k] + log_det)
    return m2, log_resp


def _between_clusters(scaled, model, label, confidence, method, eligible) -> None:
    """Mixed: slower than every run cluster and faster than every walk cluster, by ``mixed_z``
    standard deviations of each cluster's own pace spread (the first scaled feature), and
    within ``mixed_band`` of the way from the slowest run centre to the fastest walk centre."""
    z = {REAL_RUN: [], PUP_WALK: []}
    centres = {REAL_RUN: [], PUP_WALK: []}
    for component, component_z in zip(model.components, _pace_z(scaled, model)):
        if component.label in z:
            z[component.label].append(component_z)
            centres[component.label].append(component.mean[0])
    if not (z[REAL_RUN] and z[PUP_WALK]):
        return
    beyond_runs = np.min(z[REAL_RUN], axis=0)
    short_of_walks = -np.max(z[PUP_WALK], axis=0)
    margin = np.minimum(beyond_runs, short_of_walks) - model.params.mixed_z
    run_centre, walk_centre = max(centres[REAL_RUN]), min(centres[PUP_WALK])
    way = (scaled[:, 0] - run_centre) / (walk_centre - run_centre)
    low, high = model.params.mixed_band
    mixed = eligible & (margin > 0) & (way > low) & (way < high)
    label[mixed], method[mixed] = MIXED, "between_clusters"
    confidence[mixed] = np.minimum(model.params.max_confidence, 0.7 + 0.29 * np.tanh(margin[mixed]))


def _pace_z(scaled: np.ndarray, model: ClassifierModel) -> np.ndarray:
    """Per component and workout: pace z-score against the component's own pace spread."""
    return np.array(
        [(scaled[:, 0] - c.mean[0]) / np.sqrt(c.covariance[0][0]) for c in model.components]
    )


def _follow_anchors(scaled, model, label, confidence, method, detail) -> None:
    """Workouts close to one the person labelled take that label ("like your correction")."""
    if not model.anchors:
        return
    points = np.array([a.point for a in model.anchors])
    radius = model.params.anchor_radius
    distance, index = cKDTree(points).query(scaled, distance_upper_bound=radius)
    near = np.isfinite(distance)
    anchor_labels = np.array([a.label for a in model.anchors] + [""], dtype=object)[index]
    changed = near & (anchor_labels != label)
    label[changed] = anchor_labels[changed]
    confidence[changed] = 0.6 + 0.3 * (1 - distance[changed] / radius)
    method[changed] = "like_correction"
    ids = np.array([a.workout_id for a in model.anchors] + [-1])[index]
    detail[changed] = [str(i) for i in ids[changed]]
