"""Flat maps without tiles: GPS points to metres on a plane, a fitted map frame, a scale bar,
and the measures of a track (great-circle length, climb, routes per pixel).

No tile server is reachable, so maps are drawn on a plain canvas. A local equirectangular
projection around the map's centre (x = R·Δlon·cos lat0, y = R·Δlat) is exact enough for the few
kilometres a workout covers (about 0.1% off at 5 km from the centre, 1% at 50 km, in middle
latitudes) and costs two multiplications per point, which matters for hundreds of routes of
thousands of points. Distances, though, are great-circle (haversine) from the degrees.

The frame is fitted here rather than by matplotlib's equal-aspect logic so the map's true width
is known before drawing: the scale bar's round length (1-2-5 steps, or the familiar mile
fractions) is picked from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from scipy.ndimage import grey_dilation

from analytics import frame as wf
from analytics.charts import style

EARTH_RADIUS_M = 6_371_008.8  # mean radius, as the GPX importer uses
FEET_PER_M = 1 / 0.3048
FLAT_STEP_M = 1000.0  # steps longer than this are measured on the sphere
SCALE_SHARE = 0.2  # the scale bar's target share of the map width
MIN_SPAN_M = 200.0  # a map never shows less, so GPS jitter on the spot is not blown up
PAD, BAND = 0.05, 0.12  # padding around the route, and the bottom band for scale and legend
ROUND_STEPS = [m * 10.0**k for k in range(7) for m in (1, 2, 5)]  # 1, 2, 5, 10 ... 5,000,000
_FT_STEPS = [10.0, 20.0, 50.0, 100.0, 200.0, 500.0]
_MI_STEPS = [0.1, 0.25, 0.5] + [m * 10.0**k for k in range(4) for m in (1, 2, 5)]


@dataclass(frozen=True)
class Frame:
    """The data limits of a map axes, in projected metres, with equal scale on x and y."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    per_px: float  # metres per pixel

    @property
    def width(self) -> float:
        return self.xlim[1] - self.xlim[0]

    @property
    def height(self) -> float:
        return self.ylim[1] - self.ylim[0]


def valid_mask(track: pd.DataFrame) -> np.ndarray:
    """Rows whose lat/lon are finite, in range and not (0, 0), a GPS "no fix" placeholder."""
    wf.require(track, ("lat", "lon"))
    return _mask(_degrees(track["lat"]), _degrees(track["lon"]))


def coords(track: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The valid latitudes and longitudes of a track, in degrees."""
    wf.require(track, ("lat", "lon"))
    lat, lon = _degrees(track["lat"]), _degrees(track["lon"])
    mask = _mask(lat, lon)
    return (lat, lon) if mask.all() else (lat[mask], lon[mask])


def _degrees(values: pd.Series) -> np.ndarray:
    """A coordinate column as floats (missing values and text that is no number become NaN)."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "fiu":  # no copy, no parsing
        return values.to_numpy(dtype=float)
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _mask(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        ok = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    return ok & ~((lat == 0) & (lon == 0))


def haversine_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distances in metres between points given in degrees (arrays broadcast)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def steps_m(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """The great-circle length of each step between consecutive points, in metres.

    GPS steps are metres long, and for those the flat-earth formula at the step's mean latitude
    agrees with haversine to better than a millionth, at half the cost (it matters for 300
    routes); the rare step over :data:`FLAT_STEP_M` (a gap in the recording) gets haversine."""
    mid = np.radians((lat[:-1] + lat[1:]) / 2)
    steps = np.hypot(np.diff(lat), np.diff(lon) * np.cos(mid)) * (np.pi / 180 * EARTH_RADIUS_M)
    long = np.flatnonzero(steps > FLAT_STEP_M)
    steps[long] = haversine_m(lat[long], lon[long], lat[long + 1], lon[long + 1])
    return steps


def centre(lat: np.ndarray, lon: np.ndarray) -> tuple[float, float]:
    """The middle of the points' bounding box (measured from the first point, so a route across
    the antimeridian gets its own middle, not the far side of the world)."""
    west, east = float(lon.min()), float(lon.max())
    if east - west > 180:  # rare, so the usual route skips the wrapping
        rel = _wrap(lon - lon[0])
        west, east = lon[0] + rel.min(), lon[0] + rel.max()
    return float(lat.min() + lat.max()) / 2, float(_wrap((west + east) / 2))


def _wrap(degrees):
    """Longitude differences to -180..180."""
    return (np.asarray(degrees) + 180.0) % 360.0 - 180.0


def total_length(lat: np.ndarray, lon: np.ndarray, sizes: list[int]) -> float:
    """Great-circle length of routes stored end to end, without the jumps between them."""
    steps = steps_m(lat, lon)
    steps[np.cumsum(sizes)[:-1] - 1] = 0.0  # the step from one route's end to the next's start
    return float(steps.sum())


def near_home(routes: list[tuple[np.ndarray, np.ndarray]], radius_m: float) -> np.ndarray:
    """Which routes come within ``radius_m`` of the usual area: the median of the routes'
    centres (each route one vote, however many points it has)."""
    lat_c, lon_c = np.array([centre(lat, lon) for lat, lon in routes]).T
    home = np.median(lat_c), np.median(lon_c)
    dist = haversine_m(*home, lat_c, lon_c)
    if not (dist <= radius_m).any():  # two equal clusters: the median falls between them
        pairs = haversine_m(lat_c[:, None], lon_c[:, None], lat_c, lon_c)
        densest = int(np.argmax((pairs <= radius_m).sum(axis=1)))
        home = lat_c[densest], lon_c[densest]
        dist = haversine_m(*home, lat_c, lon_c)
    near = dist <= radius_m
    for i in np.flatnonzero(~near):  # a long route may start at home with its middle far away
        lat, lon = routes[i]
        near[i] = haversine_m(*home, lat, lon).min() <= radius_m
    return near


def climb_m(ele: np.ndarray, threshold_m: float) -> float:
    """Metres climbed along elevations ``ele``, bottom to top of every climb.

    A climb starts once the track rises ``threshold_m`` above the lowest point since the last
    top and ends once it drops that far below its top, so GPS noise smaller than that on the
    flat adds nothing and a noisy hill still counts from its foot to its top."""
    gain, ref, climbing = 0.0, float(ele[0]), False  # ref: the top while climbing, else bottom
    for e in ele[1:].tolist():
        if climbing and e > ref:
            gain, ref = gain + e - ref, e
        elif climbing and ref - e >= threshold_m:
            climbing, ref = False, e
        elif not climbing and e < ref:
            ref = e
        elif not climbing and e - ref >= threshold_m:
            climbing, gain, ref = True, gain + e - ref, e
    return gain


def project(lat, lon, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    """Degrees to metres east and north of (lat0, lon0), local equirectangular projection."""
    k = np.pi / 180 * EARTH_RADIUS_M
    x = _wrap(np.asarray(lon) - lon0) * (k * np.cos(np.radians(lat0)))
    return x, (np.asarray(lat) - lat0) * k


def scale_length(width_m: float, units: str = "km") -> tuple[float, str]:
    """The round scale-bar length nearest a fifth of ``width_m`` (on a log scale): metres, label.

    Metric steps go 1-2-5 (100 m, 200 m, 500 m, 1 km, 2 km ...); with ``units="mi"`` feet up to
    500 ft, then 0.1, 0.25, 0.5, 1, 2, 5 ... mi, the lengths US maps use."""
    style.check_unit(units)
    if not np.isfinite(width_m) or width_m <= 0:
        raise ValueError(f"the map width must be a positive number of metres, not {width_m!r}")
    candidates = _candidates(units)
    lengths = np.array([metres for metres, _ in candidates])
    best = int(np.argmin(np.abs(np.log(lengths / (width_m * SCALE_SHARE)))))
    return candidates[best]


def _candidates(units: str) -> list[tuple[float, str]]:
    if units == "km":
        return [(m, f"{m:g} m" if m < 1000 else f"{m / 1000:g} km") for m in ROUND_STEPS]
    mile = wf.METRES_PER["mi"]
    feet = [(ft / FEET_PER_M, f"{ft:g} ft") for ft in _FT_STEPS]
    return feet + [(mi * mile, f"{mi:g} mi") for mi in _MI_STEPS]


def fit_frame(x: np.ndarray, y: np.ndarray, box_px: tuple[float, float]) -> Frame:
    """Limits showing every point at one scale in an axes of ``box_px`` (width, height) pixels,
    padded, centred, with an empty band along the bottom for the scale bar and legend."""
    width_px, height_px = box_px
    dx = max(float(x.max() - x.min()), MIN_SPAN_M)
    dy = max(float(y.max() - y.min()), MIN_SPAN_M)
    usable = 1 - BAND - 2 * PAD  # share of the height the route may take
    per_px = max(dx * (1 + 2 * PAD) / width_px, dy / (usable * height_px))
    width, height = per_px * width_px, per_px * height_px
    cx, cy = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    above = cy - height * (1 - BAND) / 2  # centre the route in the space above the band
    xlim = (cx - width / 2, cx + width / 2)
    return Frame(xlim, (above - height * BAND, above + height * (1 - BAND)), per_px)


def thin(x: np.ndarray, y: np.ndarray, step: float) -> np.ndarray:
    """Indices of the points to draw: about one per ``step`` metres along the line, plus both
    ends. At a step under a pixel the picture is the same, and drawing gets several times faster
    for dense tracks (1 s GPS samples are a metre or two apart; a pixel is often 5 m or more)."""
    along = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
    bucket = np.floor(along / step)
    keep = np.concatenate([[True], bucket[1:] != bucket[:-1]])
    keep[-1] = True
    return np.flatnonzero(keep)


def pass_counts(lines: list[tuple[np.ndarray, np.ndarray]], frame: Frame) -> np.ndarray:
    """How many of ``lines`` (projected x, y) pass through each pixel of the map: rows from the
    bottom, one column per pixel, each line counted once per pixel, widened to 3 pixels.

    Segments longer than a pixel get points added first, so no pixel on the way is skipped;
    counting once per line means a GPS that logs more often (or stands at a crossing) counts
    no more. Pixels are found for all points at once: a loop per line costs far more."""
    cols = round(frame.width / frame.per_px)
    rows = round(frame.height / frame.per_px)
    x, y = np.concatenate([line[0] for line in lines]), np.concatenate([line[1] for line in lines])
    flat = _pixels(x, y, frame, rows, cols)
    ends = np.cumsum([line[0].size for line in lines])
    step2 = np.diff(x) ** 2 + np.diff(y) ** 2
    step2[ends[:-1] - 1] = 0.0  # the jumps from one line to the next are no segments
    long = np.flatnonzero(step2 > frame.per_px**2)
    sparse = set(np.searchsorted(ends, long, side="right").tolist())  # lines to densify
    counts = np.zeros(rows * cols, dtype=np.int32)
    for number, (start, end) in enumerate(zip([0, *ends[:-1]], ends)):
        if number in sparse:
            pixels = _pixels(*_densify(*lines[number], frame.per_px), frame, rows, cols)
        else:
            pixels = flat[start:end]
        # fancy-index += adds once per distinct index, however often it repeats: a route
        # that passes a pixel twice (out and back) still counts as one route there
        counts[pixels] += 1
    return grey_dilation(counts.reshape(rows, cols), size=(3, 3))  # 1 px is too faint to see


def _pixels(x: np.ndarray, y: np.ndarray, frame: Frame, rows: int, cols: int) -> np.ndarray:
    """The flat index (row from the bottom times ``cols`` plus column) of each point's pixel."""
    col = np.clip(((x - frame.xlim[0]) / frame.per_px).astype(np.intp), 0, cols - 1)
    row = np.clip(((y - frame.ylim[0]) / frame.per_px).astype(np.intp), 0, rows - 1)
    return row * cols + col


def _densify(x: np.ndarray, y: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """The line with points added along every segment longer than ``step``, so none is."""
    dx, dy = np.diff(x), np.diff(y)
    parts = np.maximum(np.ceil(np.hypot(dx, dy) / step), 1).astype(np.intp)
    segment = np.repeat(np.arange(parts.size), parts)
    first = np.cumsum(parts) - parts  # where each segment's points start
    share = (np.arange(segment.size) - first[segment]) / parts[segment]
    x_new = np.append(x[segment] + share * dx[segment], x[-1])
    return x_new, np.append(y[segment] + share * dy[segment], y[-1])


def scale_bar(ax: Axes, frame: Frame, units: str) -> str:
    """Draw a labelled scale bar in the bottom-left corner of the map; its label."""
    metres, label = scale_length(frame.width, units)
    x0 = frame.xlim[0] + 0.03 * frame.width
    y0 = frame.ylim[0] + 0.035 * frame.height
    tick = 0.012 * frame.height
    ax.plot(
        [x0, x0, x0 + metres, x0 + metres],
        [y0 + tick, y0, y0, y0 + tick],
        color=style.INK,
        linewidth=2.2,
        solid_capstyle="butt",
        zorder=6,
    )
    ax.annotate(
        label,
        (x0 + metres / 2, y0),
        xytext=(0, 5),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=12,
        color=style.INK,
        zorder=6,
    )
    return label


def span_text(x: np.ndarray, y: np.ndarray, units: str) -> str:
    """ "1.6 x 1.1 km": the east-west and north-south extent of projected points."""
    per = wf.METRES_PER[units]
    dx, dy = np.ptp(x) / per, np.ptp(y) / per
    return f"{dx:,.1f} x {dy:,.1f} {units}"
