"""Telling real runs from dog walks: train a per-owner model, classify any workout with it.

Model: a Gaussian mixture (K-means initialised, K chosen by BIC from 1 to 4) over standardised
(log pace, log distance) of the owner's plausible foot workouts. A mixture rather than bare
K-means because it gives each workout a posterior probability (its confidence) and a Mahalanobis
distance to every cluster (how far it is from all of them). Logs, because pace and distance are
ratios: a 2-mile difference means more between 1 and 3 miles than between 10 and 12.

Clusters are named by meaning, never by index: a centre faster than ``run_max_pace`` is running,
slower than ``walk_min_pace`` is walking, and a centre between a run cluster and a walk cluster
is run-walk ("mixed"); a lone cluster between the thresholds takes the nearer one. Run-walks are
rare, so they seldom get a cluster of their own: a workout whose pace is more than ``mixed_z``
standard deviations slower than every run cluster and faster than every walk cluster is mixed
too. Distance never decides, so a long slow run stays a run.

Every per-workout number depends only on the model and that workout, so a workout classified
alone gets the same label and confidence as in any batch. With too little history the model is a
fallback: pace rules (fewer than ``min_model_workouts``) or, below ``min_era_workouts``, the era
default around the owner's life event (before: run, after: dog walk, confidence 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd
from sklearn.metrics import silhouette_score
from sklearn.mixture import GaussianMixture

from analytics.classifier.features import feature_matrix, foot_mask, implausibility
from analytics.classifier.model import (
    ALGORITHM,
    Anchor,
    ClassifierModel,
    ClassifierParams,
    Component,
)
from analytics.classifier.rules import apply_model, apply_rules
from analytics.frame import MIXED, OUTLIER, PUP_WALK, REAL_RUN, require

SILHOUETTE_SAMPLE = 2000


@dataclass(frozen=True)
class Classification:
    """Labels for a frame's workouts: ``table`` has id, label, confidence, method and details."""

    table: pd.DataFrame
    kind: str
    counts: MappingProxyType


def train(
    frame: pd.DataFrame,
    *,
    params: ClassifierParams | None = None,
    corrections: pd.DataFrame | None = None,
    event_date: date | None = None,
    seed: int = 0,
) -> ClassifierModel:
    """Train the owner's model on their whole history (``frame``) and the labels they set.

    ``corrections`` has columns ``workout_id`` and ``label``; corrected workouts become anchors
    that similar workouts follow, and those corrected to outlier are left out of the fit.
    """
    params = params or ClassifierParams()
    require(frame, ["id", "workout_date", "category", "distance_m", "duration_s"])
    corrected = _corrected(corrections)
    features = feature_matrix(frame)
    usable = foot_mask(frame) & (implausibility(frame, params.limits) == "")
    usable &= np.isfinite(features).all(axis=1)
    usable &= ~frame["id"].isin([i for i, lab in corrected.items() if lab == OUTLIER]).to_numpy()
    n = int(usable.sum())
    if n < params.min_model_workouts:
        kind = "era_default" if n < params.min_era_workouts and event_date else "pace_rules"
        return _fallback(kind, params, n, event_date)
    points = features[usable]
    if len(points) > params.max_fit_points:
        take = np.random.default_rng(seed).choice(len(points), params.max_fit_points, replace=False)
        points = points[np.sort(take)]
    mean, scale = points.mean(axis=0), points.std(axis=0)
    scale[scale == 0] = 1.0
    scaled = (points - mean) / scale
    mixture, bics = _fit(scaled, params, seed)
    components = _components(mixture, scaled, mean, scale, params)
    metrics = {
        "n_components": mixture.n_components,
        "fit_points": len(points),
        "bic": {str(k): round(v, 2) for k, v in bics.items()},
        "mean_log_likelihood": float(mixture.score(scaled)),
        "silhouette": _silhouette(scaled, mixture, seed),
        "labels": {
            name: sum(c.size for c in components if c.label == name)
            for name in {c.label for c in components}
        },
        "kind": "mixture",
    }
    ids = frame["id"].to_numpy()
    anchors = tuple(
        Anchor(int(i), label, tuple(float(v) for v in (features[ids == i][0] - mean) / scale))
        for i, label in corrected.items()
        if label != OUTLIER and (ids == i).any() and np.isfinite(features[ids == i][0]).all()
    )
    metrics["anchors"] = len(anchors)
    return ClassifierModel(
        algorithm=ALGORITHM,
        scaler_mean=(float(mean[0]), float(mean[1])),
        scaler_scale=(float(scale[0]), float(scale[1])),
        components=components,
        anchors=anchors,
        metrics=MappingProxyType(metrics),
        params=params,
        training_size=n,
    )


def classify(
    frame: pd.DataFrame,
    model: ClassifierModel,
    *,
    corrections: pd.DataFrame | None = None,
) -> Classification:
    """Label every workout of ``frame`` with ``model``; a label the person set always wins.

    Non-foot workouts keep their category (``cycle``, ``swim``...). Implausible foot workouts
    (impossible values, no distance or time, inhuman pace) are outliers whatever the model says.
    """
    require(frame, ["id", "workout_date", "category", "distance_m", "duration_s"])
    if model.metrics.get("kind") == "mixture":
        table = apply_model(frame, model)
    else:
        table = apply_rules(frame, model)
    corrected = _corrected(corrections)
    if corrected:
        by_user = table["id"].isin(list(corrected)).to_numpy()
        table.loc[by_user, "label"] = table.loc[by_user, "id"].map(corrected)
        table.loc[by_user, "confidence"] = 1.0
        table.loc[by_user, "method"] = "user"
    counts = table["label"].value_counts().to_dict()
    return Classification(table=table, kind=model.metrics["kind"], counts=MappingProxyType(counts))


def name_components(paces: list[float], params: ClassifierParams) -> list[str]:
    """Labels for cluster centres by what their pace means (see the module docstring)."""
    run_max, walk_min = params.run_max_pace_s_per_km, params.walk_min_pace_s_per_km
    has_run = any(p <= run_max for p in paces)
    has_walk = any(p >= walk_min for p in paces)
    names = []
    for pace in paces:
        if pace <= run_max:
            names.append(REAL_RUN)
        elif pace >= walk_min:
            names.append(PUP_WALK)
        elif has_run and has_walk:
            names.append(MIXED)
        else:  # nearer threshold in log space: a slow runner's runs, a brisk walker's walks
            nearer_run = np.log(pace / run_max) < np.log(walk_min / pace)
            names.append(REAL_RUN if nearer_run else PUP_WALK)
    return names


def _fit(scaled: np.ndarray, params: ClassifierParams, seed: int):
    """The mixture with the lowest BIC among those whose every cluster is a real share of the
    history: a cluster of three GPS glitches would make glitches look normal."""
    best, bics = None, {}
    for k in range(1, min(params.max_components, max(1, len(scaled) // 10)) + 1):
        mixture = GaussianMixture(k, covariance_type="full", n_init=2, random_state=seed)
        mixture.fit(scaled)
        bics[k] = float(mixture.bic(scaled))
        too_small = mixture.weights_.min() < params.min_component_share
        if not too_small and (best is None or bics[k] < bics[best.n_components]):
            best = mixture
    return best, bics


def _components(mixture, scaled, mean, scale, params: ClassifierParams) -> tuple[Component, ...]:
    centres = np.exp(mixture.means_ * scale + mean)  # pace s/km, distance m
    names = name_components(list(centres[:, 0]), params)
    sizes = np.bincount(mixture.predict(scaled), minlength=mixture.n_components)
    return tuple(
        Component(
            label=names[k],
            weight=float(mixture.weights_[k]),
            mean=(float(mixture.means_[k, 0]), float(mixture.means_[k, 1])),
            covariance=tuple(tuple(float(v) for v in row) for row in mixture.covariances_[k]),
            pace_s_per_km=float(centres[k, 0]),
            distance_m=float(centres[k, 1]),
            size=int(sizes[k]),
        )
        for k in range(mixture.n_components)
    )


def _silhouette(scaled: np.ndarray, mixture, seed: int) -> float | None:
    labels = mixture.predict(scaled)
    if len(set(labels)) < 2:
        return None
    rng = np.random.default_rng(seed)
    take = rng.choice(len(scaled), size=min(SILHOUETTE_SAMPLE, len(scaled)), replace=False)
    if len(set(labels[take])) < 2:
        return None
    return float(silhouette_score(scaled[take], labels[take]))


def _fallback(kind: str, params: ClassifierParams, n: int, event_date: date | None):
    metrics = {"kind": kind, "usable_workouts": n}
    if event_date:
        metrics["event_date"] = event_date.isoformat()
    return ClassifierModel(
        algorithm=kind,
        scaler_mean=(0.0, 0.0),
        scaler_scale=(1.0, 1.0),
        components=(),
        anchors=(),
        metrics=MappingProxyType(metrics),
        params=params,
        training_size=n,
    )


def _corrected(corrections: pd.DataFrame | None) -> dict[int, str]:
    if corrections is None or corrections.empty:
        return {}
    return dict(zip(corrections["workout_id"].astype(int), corrections["label"]))
