"""Telling runs from walks: train a per-owner model, classify any workout with it.

Model: a Gaussian mixture (K-means initialised, K chosen by BIC from 1 to 4) over the owner's
standardised (adjusted log pace, log distance) of their plausible foot workouts; pace is moving
pace where the export has it (see :mod:`.features`). A mixture rather than bare K-means because
it gives each workout a posterior probability (its confidence) and a distance to every cluster.
Distance helps where paces overlap (a slow runner's runs are longer than her brisk walks) but
never names a cluster: names come from pace. Logs, because pace and distance are ratios.

Clusters are named by the owner's own pace gaps (:mod:`.naming`), or by their recorded types when
those are honest. How far the types can be trusted is measured per owner (:class:`TypeEvidence`):
the share of workouts whose type agrees with the pace structure, where both types are common. A
person who logs everything as "Run" gets no weight on types; an honest Strava labeller gets the
type as the deciding evidence between their run and walk paces.

Outliers are broken or impossible records only (too short to judge, faster than the world record
for the distance, a ride typed "Run"): a run unusual *for you* is still a run, with a lower
confidence.

Every per-workout number depends only on the model and that workout, so a workout classified
alone gets the same label and confidence as in any batch. With too little history the model is a
fallback: pace rules (fewer than ``min_model_workouts``) or, below ``min_era_workouts``, the era
default around the owner's life event (before: run, after: walk, confidence 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.classifier.features import implausibility, ride_like, see
from analytics.classifier.model import (
    ALGORITHM,
    Anchor,
    ClassifierModel,
    ClassifierParams,
    Component,
    TypeEvidence,
)
from analytics.classifier.naming import Naming, name_by_pace, name_by_types
from analytics.classifier.rules import apply_model, apply_rules, pace_rule
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK, require

# Paces faster than this (16 km/h) are not used to find an owner's typical running pace.
_RIDE_CANDIDATE_PACE = 225.0


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
    that workouts clearly near them follow, and those corrected to outlier are left out of the
    fit.
    """
    params = params or ClassifierParams()
    require(frame, ["id", "workout_date", "category", "distance_m", "duration_s"])
    corrected = _corrected(corrections)
    seen = see(frame)
    features = seen.features()
    pace = seen.pace_s_per_km
    plausible = seen.foot & (implausibility(seen, params.limits) == 0)
    plausible &= np.isfinite(features).all(axis=1)
    plausible &= ~frame["id"].isin([i for i, lab in corrected.items() if lab == OUTLIER]).to_numpy()
    typical = pace[plausible & (pace > _RIDE_CANDIDATE_PACE)]
    ride_pace = None
    if len(typical):
        ride_pace = float(np.percentile(typical, 25)) / params.limits.ride_vs_runs
        plausible &= ~ride_like(seen, params.limits, ride_pace)
    n = int(plausible.sum())
    votes = seen.votes[plausible]
    if n < params.min_model_workouts:
        kind = "era_default" if n < params.min_era_workouts and event_date else "pace_rules"
        return _fallback(kind, params, n, event_date, np.exp(features[plausible, 0]), votes)
    points = features[plausible]
    mean, scale = points.mean(axis=0), points.std(axis=0)
    scale[scale == 0] = 1.0
    scaled = (points - mean) / scale
    fit = scaled
    if len(scaled) > params.max_fit_points:
        take = np.random.default_rng(seed).choice(len(scaled), params.max_fit_points, replace=False)
        fit = scaled[np.sort(take)]
    mixture, bics = _fit(fit, params, seed)
    members = mixture.predict(scaled)
    centres = np.exp(mixture.means_ * scale + mean)  # adjusted pace s/km, distance m
    naming, types, named_by = _name(centres[:, 0], mixture.weights_, members, votes, params)
    components = tuple(
        Component(
            label=naming.labels[k],
            weight=float(mixture.weights_[k]),
            mean=(float(mixture.means_[k, 0]), float(mixture.means_[k, 1])),
            covariance=tuple(tuple(float(v) for v in row) for row in mixture.covariances_[k]),
            pace_s_per_km=float(centres[k, 0]),
            distance_m=float(centres[k, 1]),
            size=int((members == k).sum()),
        )
        for k in range(mixture.n_components)
    )
    run_centres = [c.pace_s_per_km for c in components if c.label == RUN]
    if run_centres:
        ride_pace = min(run_centres) / params.limits.ride_vs_runs
    ids = frame["id"].to_numpy()
    anchors = tuple(
        Anchor(int(i), label, tuple(float(v) for v in (features[ids == i][0] - mean) / scale))
        for i, label in corrected.items()
        if label != OUTLIER and (ids == i).any() and np.isfinite(features[ids == i][0]).all()
    )
    metrics = {
        "n_components": mixture.n_components,
        "fit_points": len(fit),
        "bic": {str(k): round(v, 2) for k, v in bics.items()},
        "mean_log_likelihood": float(mixture.score(fit)),
        "labels": {
            name: sum(c.size for c in components if c.label == name)
            for name in {c.label for c in components}
        },
        "named_by": named_by,
        "kind": "mixture",
        "anchors": len(anchors),
    }
    return ClassifierModel(
        algorithm=ALGORITHM,
        components=components,
        anchors=anchors,
        metrics=MappingProxyType(metrics),
        params=params,
        training_size=n,
        scaler_mean=(float(mean[0]), float(mean[1])),
        scaler_scale=(float(scale[0]), float(scale[1])),
        split_pace_s_per_km=naming.split_pace_s_per_km,
        ride_pace_s_per_km=ride_pace,
        types=types,
    )


def _name(centres, weights, members, votes, params: ClassifierParams):
    """The clusters' names and how far the recorded types can be trusted: by pace gaps, or by
    the types where they are common, agree with the pace structure at least as well, and
    agree well enough to be called reliable."""
    by_pace = name_by_pace(list(centres), params, list(weights))
    runs_typed, walks_typed = int((votes == 1).sum()), int((votes == -1).sum())
    typed = runs_typed + walks_typed
    common = typed and min(runs_typed, walks_typed) >= max(5, params.min_type_share * typed)
    if not common:
        return by_pace, TypeEvidence(None, False, runs_typed, walks_typed), "pace"
    shares = [
        float((votes[members == k] == 1).mean()) if (votes[members == k] != 0).any() else 0.5
        for k in range(len(centres))
    ]
    by_types = name_by_types(list(centres), shares, params)
    best, agreement, named_by = by_pace, _agreement(by_pace, members, votes), "pace"
    typed_agreement = _agreement(by_types, members, votes)
    if typed_agreement > agreement + 0.02 and typed_agreement >= params.reliable_types:
        best, agreement, named_by = by_types, typed_agreement, "types"
    reliable = agreement >= params.reliable_types
    return best, TypeEvidence(round(agreement, 4), reliable, runs_typed, walks_typed), named_by


def _agreement(naming: Naming, members: np.ndarray, votes: np.ndarray) -> float:
    """Share of typed workouts whose type says what their cluster's name says."""
    said = np.array([{RUN: 1, RUN_WALK: 1, WALK: -1}[label] for label in naming.labels])[members]
    typed = votes != 0
    return float((said[typed] == votes[typed]).mean()) if typed.any() else 0.0


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
        table.loc[by_user, "type_conflict"] = False  # the owner confirmed it
    counts = table["label"].value_counts().to_dict()
    return Classification(table=table, kind=model.metrics["kind"], counts=MappingProxyType(counts))


def _fit(scaled: np.ndarray, params: ClassifierParams, seed: int):
    """The mixture with the lowest BIC among those whose every cluster is a real share of the
    history: a cluster of three GPS glitches would make glitches look normal.

    One thread: on a few thousand 2-D points OpenBLAS and OpenMP threads cost more in hand-offs
    than they save, and far more when another process holds a core (1,000 workouts on 2 cores,
    the other one busy: 0.2-0.3 s on one thread, 3-6 s threaded). scikit-learn is imported here,
    so only training pays for it."""
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits

    best, bics = None, {}
    with threadpool_limits(limits=1):
        for k in range(1, min(params.max_components, max(1, len(scaled) // 10)) + 1):
            mixture = GaussianMixture(k, covariance_type="full", n_init=2, random_state=seed)
            mixture.fit(scaled)
            bics[k] = float(mixture.bic(scaled))
            too_small = mixture.weights_.min() < params.min_component_share
            if not too_small and (best is None or bics[k] < bics[best.n_components]):
                best = mixture
    return best, bics


def _fallback(kind, params: ClassifierParams, n: int, event_date, pace, votes) -> ClassifierModel:
    """A model without clusters: the pace rules (or the era default), with the recorded types
    weighed where they agree with those rules."""
    metrics = {"kind": kind, "usable_workouts": n}
    if event_date:
        metrics["event_date"] = event_date.isoformat()
    model = ClassifierModel(
        algorithm=kind,
        components=(),
        anchors=(),
        metrics=MappingProxyType(metrics),
        params=params,
        training_size=n,
    )
    runs_typed, walks_typed = int((votes == 1).sum()), int((votes == -1).sum())
    agreement = None
    if min(runs_typed, walks_typed) >= max(3, params.min_type_share * (runs_typed + walks_typed)):
        said, _ = pace_rule(pace, model)
        typed = votes != 0
        named = np.array([{RUN: 1, WALK: -1}.get(label, 0) for label in said])
        agreement = round(float((named[typed] == votes[typed]).mean()), 4)
    reliable = agreement is not None and agreement >= params.reliable_types
    types = TypeEvidence(agreement, reliable, runs_typed, walks_typed)
    return replace(model, types=types)


def _corrected(corrections: pd.DataFrame | None) -> dict[int, str]:
    if corrections is None or corrections.empty:
        return {}
    return dict(zip(corrections["workout_id"].astype(int), corrections["label"]))
