"""Naming an owner's pace clusters run, walk or run-walk from the owner's own data.

Fixed pace thresholds assume one kind of runner: a slow runner's 9:30 min/km runs are a brisk
walker's walks. So the boundary is found in the owner's clusters: the widest pace gap between
neighbouring centres (at least ``split_ratio``) parts the runs (faster side) from the walks
(slower side). Physiology only bounds it: no walk cluster is centred faster than
``walk_floor_pace`` and no run cluster slower than ``run_ceiling_pace``. Without such a gap the
owner moves one way, and each centre is named by ``lone_boundary_pace``.

A run-walk cluster is one between a clear run cluster and a walk cluster, apart from both and
about half-way between them: the intervals of a run-walker, not a slow runner's easy days (her
fastest cluster is no clear run cluster, or her easy runs sit nearer her tempo than her walks).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from analytics.classifier.model import ClassifierParams
from analytics.frame import RUN, RUN_WALK, WALK

# A run-walk centre lies in this pace window (s/km), with a run cluster faster than
# ``_CLEAR_RUN`` on one side, gaps of ``_MIDDLE_RATIO`` to its neighbours, and within
# ``_HALFWAY`` of the log-pace way from them.
_RUN_WALK_WINDOW = (495.0, 660.0)
_CLEAR_RUN = 465.0
_MIDDLE_RATIO = 1.2
_HALFWAY = (0.4, 0.65)
# Centres closer than this (a pace ratio) are one way of moving, named together.
_SAME = 1.12


@dataclass(frozen=True)
class Naming:
    """A label per centre (in the order given) and the owner's run/walk boundary pace (s/km),
    None when every centre is on one side."""

    labels: tuple[str, ...]
    split_pace_s_per_km: float | None


def name_by_pace(
    paces: Sequence[float], params: ClassifierParams, weights: Sequence[float] | None = None
) -> Naming:
    """Labels for cluster centres (adjusted pace, s/km) by the owner's own pace gaps. Centres
    within ``_SAME`` of each other are one way of moving split in two by the mixture, and are
    named together at their ``weights``' mean pace."""
    weights = list(weights) if weights is not None else [1.0] * len(paces)
    order = sorted(range(len(paces)), key=lambda i: paces[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and paces[i] / paces[groups[-1][-1]] < _SAME:
            groups[-1].append(i)
        else:
            groups.append([i])
    ordered = [
        math.exp(sum(weights[i] * math.log(paces[i]) for i in g) / sum(weights[i] for i in g))
        for g in groups
    ]
    gap = _widest_gap(ordered, params)
    if gap is None:
        boundary = params.lone_boundary_pace_s_per_km
        names = [RUN if p <= boundary else WALK for p in ordered]
        split = boundary if len(set(names)) > 1 else None
    else:
        names = [RUN if k <= gap else WALK for k in range(len(ordered))]
        split = math.sqrt(ordered[gap] * ordered[gap + 1])
    _name_run_walk(ordered, names)
    labels = [""] * len(paces)
    for group, name in zip(groups, names, strict=True):
        for i in group:
            labels[i] = name
    return Naming(tuple(labels), split)


def name_by_types(
    paces: Sequence[float], run_shares: Sequence[float], params: ClassifierParams
) -> Naming:
    """Labels for cluster centres by the recorded types of their workouts (``run_shares``: the
    share typed as a run), for an owner whose types are honest; physiology still wins at the
    extremes. The boundary is where the named runs end."""
    labels = []
    for pace, share in zip(paces, run_shares, strict=True):
        if pace <= params.sure_run_pace_s_per_km:
            labels.append(RUN)
        elif pace >= params.sure_walk_pace_s_per_km:
            labels.append(WALK)
        else:
            labels.append(RUN if share >= 0.5 else WALK)
    runs = [p for p, label in zip(paces, labels, strict=True) if label == RUN]
    walks = [p for p, label in zip(paces, labels, strict=True) if label == WALK]
    split = math.sqrt(max(runs) * min(walks)) if runs and walks else None
    return Naming(tuple(labels), split)


def _widest_gap(ordered: list[float], params: ClassifierParams) -> int | None:
    """Index k of the widest qualifying gap between centres k and k+1, or None."""
    best, widest = None, params.split_ratio
    for k in range(len(ordered) - 1):
        faster, slower = ordered[k], ordered[k + 1]
        if faster > params.run_ceiling_pace_s_per_km:
            break
        if slower < params.walk_floor_pace_s_per_km:
            continue
        if slower / faster >= widest:
            best, widest = k, slower / faster
    return best


def _name_run_walk(ordered: list[float], names: list[str]) -> None:
    """Rename a middle centre run-walk where it sits apart between a clear run and a walk."""
    low, high = _RUN_WALK_WINDOW
    for k in range(1, len(ordered) - 1):
        faster, pace, slower = ordered[k - 1], ordered[k], ordered[k + 1]
        apart = pace / faster >= _MIDDLE_RATIO and slower / pace >= _MIDDLE_RATIO
        between = names[k - 1] == RUN and names[k + 1] == WALK
        # Where on the log-pace way from the runs (0) to the walks (1): a run-walk is about
        # half run, half walk; a slow runner's easy runs sit nearer her tempo runs.
        way = math.log(pace / faster) / math.log(slower / faster)
        halfway = _HALFWAY[0] <= way <= _HALFWAY[1]
        if apart and between and halfway and low <= pace <= high and faster <= _CLEAR_RUN:
            names[k] = RUN_WALK
