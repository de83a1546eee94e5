"""A synthetic route written as a TCX activity in laps, as Garmin's TCX export writes it."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import numpy as np

from etl.demo.routes import DEGREES, RoutePoint, iso_time, path_lengths

TCX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


def tcx_text(
    points: list[RoutePoint],
    *,
    sport: str = "Running",
    calories: int | None = 300,
    laps: int = 1,
) -> str:
    """The route as a TCX activity split into ``laps`` laps of equal point counts (as Garmin)."""
    if not 1 <= laps < len(points):
        raise ValueError(f"laps must be from 1 to {len(points) - 1}")
    covered = np.concatenate(
        [[0.0], np.cumsum(path_lengths([p.lat for p in points], [p.lon for p in points]))]
    )
    bounds = [len(part) for part in np.array_split(np.arange(len(points) - 1), laps)]
    edges = np.concatenate([[0], np.cumsum(bounds)])  # lap k runs from point edges[k] to edges[k+1]
    kcal = [None] * laps if calories is None else _shares(calories, laps)
    body = "".join(
        _lap(points, covered, int(edges[k]), int(edges[k + 1]), kcal[k]) for k in range(laps)
    )
    return (
        TCX_HEAD
        + f" <Activities>\n  <Activity Sport={quoteattr(sport)}>\n"
        + f"   <Id>{iso_time(points[0].time, milliseconds=True)}</Id>\n{body}"
        + "   <Creator><Name>Forerunner 255</Name></Creator>\n"
        + "  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n"
    )


def _shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that add up to it."""
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


def _lap(points, covered, first: int, last: int, calories: int | None) -> str:
    """One <Lap> from point ``first`` to ``last``; the boundary point opens the next lap."""
    seconds = (points[last].time - points[first].time).total_seconds()
    inside = points[first:last] if last < len(points) - 1 else points[first:]
    beats = [p.hr for p in inside if p.hr is not None]
    heart = (
        f"    <AverageHeartRateBpm><Value>{round(sum(beats) / len(beats))}</Value>"
        f"</AverageHeartRateBpm>\n    <MaximumHeartRateBpm><Value>{max(beats):.0f}</Value>"
        "</MaximumHeartRateBpm>\n"
        if beats
        else ""
    )
    kcal = f"    <Calories>{calories}</Calories>\n" if calories is not None else ""
    track = "".join(_trackpoint(p, covered[first + i]) for i, p in enumerate(inside))
    return (
        f'   <Lap StartTime="{iso_time(points[first].time, milliseconds=True)}">\n'
        f"    <TotalTimeSeconds>{seconds:.1f}</TotalTimeSeconds>\n"
        f"    <DistanceMeters>{covered[last] - covered[first]:.2f}</DistanceMeters>\n"
        f"{kcal}{heart}    <Intensity>Active</Intensity>\n"
        f"    <TriggerMethod>Manual</TriggerMethod>\n    <Track>\n{track}    </Track>\n   </Lap>\n"
    )


def _trackpoint(p: RoutePoint, covered: float) -> str:
    hr = (
        f"      <HeartRateBpm><Value>{p.hr:.0f}</Value></HeartRateBpm>\n"
        if p.hr is not None
        else ""
    )
    return (
        f"     <Trackpoint>\n      <Time>{iso_time(p.time, milliseconds=True)}</Time>\n"
        f"      <Position><LatitudeDegrees>{p.lat:.{DEGREES}f}</LatitudeDegrees>"
        f"<LongitudeDegrees>{p.lon:.{DEGREES}f}</LongitudeDegrees></Position>\n"
        f"      <AltitudeMeters>{p.ele:.1f}</AltitudeMeters>\n"
        f"      <DistanceMeters>{covered:.2f}</DistanceMeters>\n{hr}     </Trackpoint>\n"
    )
