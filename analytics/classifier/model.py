"""The classifier's parameters and a trained model, as plain data that round-trips through JSON.

A model is stored in the database as a versioned model run and used until retrained, so it must
classify from its stored numbers alone (no pickles): per component a weight, mean and covariance
in the scaled feature space, plus the scaler and the labelled anchors taken from corrections.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from types import MappingProxyType

import numpy as np

from analytics.classifier.features import Plausibility

ALGORITHM = "gmm-logpace-logdistance-v1"


@dataclass(frozen=True)
class ClassifierParams:
    """Thresholds and sizes of the classifier; every one can be changed per owner."""

    run_max_pace_s_per_km: float = 447.4  # 12:00 min/mi: a cluster centred faster is running
    walk_min_pace_s_per_km: float = 559.2  # 15:00 min/mi: a cluster centred slower is walking
    min_model_workouts: int = 30  # fewer usable foot workouts: pace rules instead of a model
    min_era_workouts: int = 5  # fewer still: the era default around the life event
    max_components: int = 4
    max_fit_points: int = 50_000  # a seeded sample beyond this: 4 Gaussians in 2-D need no more
    min_component_share: float = 0.03  # smaller clusters are glitches, not a way of moving
    far_pace_z: float = 5.0  # pace standard deviations from every cluster: a glitch, not a pace
    mixed_z: float = 2.5  # pace z beyond every run cluster and short of every walk cluster
    # ...and where on the log-pace way from run centre (0) to walk centre (1) it lies: a long
    # easy run is a little slower than usual, a run-walk is well on the way to a walk.
    mixed_band: tuple[float, float] = (0.3, 0.8)
    anchor_radius: float = 0.35  # scaled-feature distance within which a correction leads
    max_confidence: float = 0.99
    limits: Plausibility = field(default_factory=Plausibility)


@dataclass(frozen=True)
class Component:
    """One Gaussian of the mixture and the label its meaning gives it."""

    label: str
    weight: float
    mean: tuple[float, float]  # scaled features
    covariance: tuple[tuple[float, float], tuple[float, float]]
    pace_s_per_km: float  # centre, in real units, for explanations
    distance_m: float
    size: int


@dataclass(frozen=True)
class Anchor:
    """A workout whose label the person set: similar workouts follow it."""

    workout_id: int
    label: str
    point: tuple[float, float]  # scaled features


@dataclass(frozen=True)
class ClassifierModel:
    """A trained model: enough to classify any workout alone, the same way in any batch."""

    algorithm: str
    scaler_mean: tuple[float, float]
    scaler_scale: tuple[float, float]
    components: tuple[Component, ...]
    anchors: tuple[Anchor, ...]
    metrics: MappingProxyType
    params: ClassifierParams
    training_size: int

    def scale(self, features: np.ndarray) -> np.ndarray:
        """Raw (log pace, log distance) to the model's scaled space."""
        return (features - np.array(self.scaler_mean)) / np.array(self.scaler_scale)

    def to_json(self) -> str:
        """The model as JSON text, for the model_runs table."""
        data = asdict(replace(self, metrics={}))  # asdict cannot copy a mappingproxy
        data["metrics"] = dict(self.metrics)
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ClassifierModel:
        """The model back from :meth:`to_json`."""
        data = json.loads(text)
        limits = Plausibility(**data["params"].pop("limits"))
        return cls(
            algorithm=data["algorithm"],
            scaler_mean=tuple(data["scaler_mean"]),
            scaler_scale=tuple(data["scaler_scale"]),
            components=tuple(_component(c) for c in data["components"]),
            anchors=tuple(
                Anchor(a["workout_id"], a["label"], tuple(a["point"])) for a in data["anchors"]
            ),
            metrics=MappingProxyType(data["metrics"]),
            params=ClassifierParams(
                **{**data["params"], "mixed_band": tuple(data["params"]["mixed_band"])},
                limits=limits,
            ),
            training_size=data["training_size"],
        )


def _component(data: dict) -> Component:
    return Component(
        label=data["label"],
        weight=data["weight"],
        mean=tuple(data["mean"]),
        covariance=tuple(tuple(row) for row in data["covariance"]),
        pace_s_per_km=data["pace_s_per_km"],
        distance_m=data["distance_m"],
        size=data["size"],
    )
