"""The classifier's parameters and a trained model, as plain data that round-trips through JSON.

A model is stored in the database as a versioned model run and used until retrained, so it must
classify from its stored numbers alone (no pickles): per cluster a weight, mean and covariance in
the scaled (adjusted log pace, log distance) space, the scaler, the owner's run/walk boundary,
how far their recorded types can be trusted, the pace beyond which a "run" moves like a ride,
and the anchors taken from their corrections.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from types import MappingProxyType

import numpy as np

from analytics.classifier.features import Plausibility

ALGORITHM = "gmm-owner-pace-v2"


@dataclass(frozen=True)
class ClassifierParams:
    """Thresholds and sizes of the classifier; every one can be changed per owner.

    The pace bounds are physiology, not one person's habits: they only bound where an owner's
    clusters may be named run or walk (see :mod:`analytics.classifier.naming`)."""

    sure_run_pace_s_per_km: float = 420.0  # 7:00 min/km: a cluster centred faster is running
    sure_walk_pace_s_per_km: float = 750.0  # 12:30 min/km: a cluster centred slower is walking
    walk_floor_pace_s_per_km: float = 510.0  # 8:30 min/km: no walk cluster is centred faster
    run_ceiling_pace_s_per_km: float = 690.0  # 11:30 min/km: no run cluster is centred slower
    slowest_run_pace_s_per_km: float = 780.0  # 13:00 min/km (adjusted): no run is slower
    lone_boundary_pace_s_per_km: float = 585.0  # 9:45 min/km: one cluster alone, run or walk
    split_ratio: float = 1.3  # a pace gap between clusters this wide parts runs from walks
    min_model_workouts: int = 30  # fewer usable foot workouts: pace rules instead of a model
    min_era_workouts: int = 5  # fewer still: the era default around the life event
    max_components: int = 4
    max_fit_points: int = 50_000  # a seeded sample beyond this: 4 Gaussians in 2-D need no more
    min_component_share: float = 0.03  # smaller clusters are glitches, not a way of moving
    mixed_z: float = 2.5  # pace spreads beyond every run cluster and short of every walk one
    # ...and where on the log-pace way from run centre (0) to walk centre (1) it lies.
    mixed_band: tuple[float, float] = (0.3, 0.8)
    unusual_z: float = 3.0  # pace spreads from the nearest cluster: unusual for you, less sure
    min_type_share: float = 0.05  # each recorded type needs this share to be weighed at all
    reliable_types: float = 0.85  # agreement of types with pace structure to trust them
    anchor_radius: float = 0.15  # scaled distance within which a correction may lead...
    anchor_min_z: float = 1.5  # ...workouts this many pace spreads from their cluster's centre
    bulk_change: int = 20  # a correction moving more others than this is confirmed first
    max_confidence: float = 0.99
    limits: Plausibility = field(default_factory=Plausibility)


@dataclass(frozen=True)
class Component:
    """One Gaussian of the owner's mixture and the label its meaning gives it."""

    label: str
    weight: float
    mean: tuple[float, float]  # scaled (adjusted log pace, log distance)
    covariance: tuple[tuple[float, float], tuple[float, float]]
    pace_s_per_km: float  # centre, in real units, for explanations
    distance_m: float
    size: int

    @property
    def pace_sd(self) -> float:
        """The spread of its paces, in the scaled space."""
        return float(np.sqrt(self.covariance[0][0]))


@dataclass(frozen=True)
class Anchor:
    """A workout whose label the person set: workouts clearly nearer it than to anything else
    follow it."""

    workout_id: int
    label: str
    point: tuple[float, float]  # scaled (adjusted log pace, log distance)


@dataclass(frozen=True)
class TypeEvidence:
    """How far the owner's recorded types (Run, Walk, Hike...) can be trusted: ``agreement``
    of the types with the pace structure where both types are common, None where they are not
    (everything typed "Run"); ``reliable`` when they agree well enough to weigh."""

    agreement: float | None
    reliable: bool
    runs_typed: int
    walks_typed: int


@dataclass(frozen=True)
class ClassifierModel:
    """A trained model: enough to classify any workout alone, the same way in any batch."""

    algorithm: str
    components: tuple[Component, ...]
    anchors: tuple[Anchor, ...]
    metrics: MappingProxyType
    params: ClassifierParams
    training_size: int
    scaler_mean: tuple[float, float] = (0.0, 0.0)
    scaler_scale: tuple[float, float] = (1.0, 1.0)
    split_pace_s_per_km: float | None = None  # the owner's boundary between runs and walks
    ride_pace_s_per_km: float | None = None  # faster than this at cycling speed: a ride
    types: TypeEvidence = TypeEvidence(None, False, 0, 0)

    def scale(self, features: np.ndarray) -> np.ndarray:
        """Raw (adjusted log pace, log distance) to the model's scaled space."""
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
        params = dict(data["params"])
        limits = Plausibility(**params.pop("limits"))
        return cls(
            algorithm=data["algorithm"],
            components=tuple(
                Component(
                    c["label"],
                    c["weight"],
                    tuple(c["mean"]),
                    tuple(tuple(row) for row in c["covariance"]),
                    c["pace_s_per_km"],
                    c["distance_m"],
                    c["size"],
                )
                for c in data["components"]
            ),
            anchors=tuple(
                Anchor(a["workout_id"], a["label"], tuple(a["point"])) for a in data["anchors"]
            ),
            metrics=MappingProxyType(data["metrics"]),
            params=ClassifierParams(
                **{**params, "mixed_band": tuple(params["mixed_band"])}, limits=limits
            ),
            training_size=data["training_size"],
            scaler_mean=tuple(data["scaler_mean"]),
            scaler_scale=tuple(data["scaler_scale"]),
            split_pace_s_per_km=data["split_pace_s_per_km"],
            ride_pace_s_per_km=data["ride_pace_s_per_km"],
            types=TypeEvidence(**data["types"]),
        )
