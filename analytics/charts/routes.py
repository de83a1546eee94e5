"""Route maps without map tiles: one workout's route coloured by pace, or a range's routes as a
heatmap where the streets run most often come out darkest.

No tile server is reachable, so the routes are drawn on a plain canvas in a flat local projection
(:mod:`analytics.charts.projection`) with a scale bar instead of lat/lon ticks, which say little
to a runner. Both charts stay under 300 ms for big inputs: the single route is thinned to
about a point per pixel before drawing (same picture, far fewer segments), and the heatmap is not
hundreds of translucent lines but a count of routes per pixel shown as one image on a log colour
scale, so a street run 200 times still stands out from one run 20 times. Far-away routes (a
holiday abroad) are left out of the heatmap and counted instead: drawn, they would shrink the
home area to a dot.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, Normalize
from matplotlib.figure import Figure

from analytics import frame as wf
from analytics.charts import projection as proj
from analytics.charts import style

ROUTE = style.PALETTE[wf.RUN]
# one hue from a light to a deep run blue: rarely run streets stay visible on white
HEAT_CMAP = LinearSegmentedColormap.from_list("heat", ["#8CC4E8", style.PALETTE[wf.RUN], "#062A4D"])
# cividis without its palest yellows, which vanish on white; colour-blind safe and monotonic
PACE_CMAP = ListedColormap(colormaps["cividis"](np.linspace(0, 0.88, 256)), name="pace")
FAR_M = 50_000.0  # routes with no point this close to the usual area are left out
CLIMB_M = 3.0  # ups and downs smaller than this are GPS noise, not hills
PACE_LEVELS = 64  # pace colours: more than the eye tells apart on a 3 px line
PACE_WINDOW_M = (50.0, 400.0)  # pace is smoothed over a distance window within these bounds
MAP_LEFT, MAP_BOTTOM = 0.02, 0.02
THIN_PX = 1.0  # the route keeps about a point a pixel: the same picture, far fewer vertices
# pace colours span at least this (s/km), so GPS noise of a few seconds is not shown as structure
MIN_PACE_SPAN_S_PER_KM = 30.0
STEADY_S_PER_KM = 15.0  # a spread of paces below this is noise: the route is one colour
ONCE_TEXT = "No spot has\nmore than one\nroute through it"
TOGETHER_PX = 24  # start and finish closer than this (a loop) share one marker


@style.styled
def route_map(track: pd.DataFrame, *, title: str, units: str = "km") -> style.ChartImage:
    """One workout's route (columns ``lat``, ``lon``; optional ``seconds``, ``ele``).

    Coloured by pace when ``seconds`` gives a usable clock and the pace really varies (else one
    colour); the colour scale spans at least :data:`MIN_PACE_SPAN_S_PER_KM`. Start is a circle,
    finish a square, or one half-filled circle when they meet (a loop). Invalid coordinates are
    dropped; fewer than 2 left raise ValueError."""
    style.check_unit(units)
    mask = proj.valid_mask(track)
    if mask.sum() < 2:
        raise ValueError(f"a route needs at least 2 valid points, this track has {mask.sum()}")
    points = track[mask]
    lat, lon = proj.coords(points)
    steps = proj.steps_m(lat, lon)
    x, y = proj.project(lat, lon, *proj.centre(lat, lon))
    pace = _point_pace(points, steps, units)
    gain = _elevation_gain(points)
    steady = pace is not None and _steady(pace, units)

    fig = style.new_figure()
    subtitle = _route_subtitle(steps.sum(), gain, units)
    if steady:
        subtitle += f", a steady {_pace_words(pace, units)} throughout"
    top = _heading(fig, title, subtitle)
    coloured = pace is not None and not steady
    ax, frame = _map_axes(fig, x, y, top, right=0.84 if coloured else 0.98)
    drawn = proj.thin(x, y, frame.per_px * THIN_PX)
    xy = np.column_stack([x[drawn], y[drawn]])
    if coloured:
        shade = _draw_pace(fig, ax, xy, pace[drawn], units, top)
    else:
        ax.plot(*xy.T, color=ROUTE, linewidth=3, solid_joinstyle="round", zorder=3)
        shade = f"one colour: a steady {_pace_words(pace, units)}" if steady else ""
    _endpoints(ax, xy)
    label = proj.scale_bar(ax, frame, units)
    alt = _route_alt(steps.sum(), len(x), proj.span_text(x, y, units), shade, gain, units, label)
    return style.render(fig, alt=alt, filename=f"route-{style.slug(title, 'map')}.png")


@style.styled
def routes_heatmap(
    tracks: Sequence[pd.DataFrame], *, title: str, units: str = "km"
) -> style.ChartImage:
    """All routes of a range on one map, shaded by how many pass each spot (log scale), so the
    streets run most often come out darkest.

    Tracks with fewer than 2 valid points are skipped; routes with no point within 50 km of the
    usual area are left out and counted on the chart and in the alt text."""
    style.check_unit(units)
    if len(tracks) == 0:
        raise ValueError("no routes to draw")
    routes = [c for c in map(proj.coords, tracks) if c[0].size >= 2]
    if not routes:
        raise ValueError("no route has at least 2 valid points")
    kept = [r for r, ok in zip(routes, proj.near_home(routes, FAR_M)) if ok]
    lat, lon = np.concatenate([r[0] for r in kept]), np.concatenate([r[1] for r in kept])
    lat0, lon0 = proj.centre(lat, lon)
    lines = [proj.project(la, lo, lat0, lon0) for la, lo in kept]
    x, y = np.concatenate([p[0] for p in lines]), np.concatenate([p[1] for p in lines])
    distance = proj.total_length(lat, lon, [r[0].size for r in kept])

    fig = style.new_figure()
    subtitle = f"{style.count_phrase(len(kept), 'route')}, {_distance(distance, units)} in all"
    top = _heading(fig, title, subtitle)
    ax, frame = _map_axes(fig, x, y, top, right=0.84)
    busiest = _draw_heat(fig, ax, proj.pass_counts(lines, frame), frame, top)
    notes = _left_out(len(routes) - len(kept), len(tracks) - len(routes))
    if notes:
        ax.text(
            0.99,
            0.035,
            "; ".join(notes),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=12,
            color=style.MUTED,
            zorder=6,
        )
    label = proj.scale_bar(ax, frame, units)
    alt = (
        f"Route heatmap: {style.count_phrase(len(kept), 'route')} drawn, "
        f"{_distance(distance, units)} in all, spanning {proj.span_text(x, y, units)}; "
        + (
            f"darker where more routes pass, up to {busiest} through one spot"
            if busiest > 1
            else "one colour: at most 1 route through one spot"
        )
        + "".join(f"; {n}" for n in notes)
        + f"; scale bar {label}."
    )
    return style.render(fig, alt=alt, filename=f"routes-{style.slug(title, 'heatmap')}.png")


def _draw_heat(fig: Figure, ax: Axes, counts: np.ndarray, frame: proj.Frame, top: float) -> int:
    """Routes per pixel as an image in log colours, with a colour scale; the most routes
    through one spot."""
    busiest = int(counts.max())
    rgb, extent = _heat_image(counts, busiest, frame)
    ax.imshow(rgb, origin="lower", extent=extent, interpolation="nearest", zorder=3)
    ax.set_xlim(frame.xlim)  # imshow resets the limits to the image's own
    ax.set_ylim(frame.ylim)
    if busiest > 1:
        _log_scale_bar(fig.add_axes((0.88, 0.12, 0.018, top - 0.2)), busiest)
    else:  # a scale from 1 to 2 with nothing at 2 would suggest shades that are not there
        fig.text(0.87, top / 2, ONCE_TEXT, fontsize=12, color=style.MUTED, va="center")
    return busiest


def _heat_image(counts: np.ndarray, top_count: int, frame: proj.Frame) -> tuple[np.ndarray, tuple]:
    """The box of pixels that routes touch, coloured, white elsewhere, and its extent in metres.

    Opaque RGB cropped to the routes, not a transparent full-size image: compositing a big
    image with alpha is the slowest step of the whole chart (a white map shows the same)."""
    used = counts > 0
    rows, cols = np.flatnonzero(used.any(axis=1)), np.flatnonzero(used.any(axis=0))
    r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    part = counts[r0:r1, c0:c1]
    rgb = np.full((*part.shape, 3), 255, dtype=np.uint8)
    hit = part > 0
    if top_count < 2:  # no street run twice: one colour, the run blue
        rgb[hit] = HEAT_CMAP(0.5, bytes=True)[:3]
    else:
        rgb[hit] = HEAT_CMAP(np.log(part[hit]) / np.log(top_count), bytes=True)[:, :3]
    (x0, _), (y0, _), px = frame.xlim, frame.ylim, frame.per_px
    return rgb, (x0 + c0 * px, x0 + c1 * px, y0 + r0 * px, y0 + r1 * px)


def _log_scale_bar(cax: Axes, top_count: int) -> None:
    """The heat colours from 1 to ``top_count`` routes on a log axis, ticked at round counts.

    Drawn by hand: a colorbar with a log norm costs more than the whole rest of the figure."""
    cax.imshow(
        np.linspace(0, 1, 256)[:, None],
        cmap=HEAT_CMAP,
        aspect="auto",
        origin="lower",
        extent=(0, 1, 0, np.log10(top_count)),
        interpolation="nearest",
    )
    ticks = [t for t in proj.ROUND_STEPS if t <= top_count]
    cax.set_yticks(np.log10(ticks), [f"{t:g}" for t in ticks])
    cax.yaxis.tick_right()
    cax.yaxis.set_label_position("right")
    cax.set_ylabel("routes through a spot (log scale)")
    cax.set_xticks([])
    cax.grid(False)
    for spine in cax.spines.values():
        spine.set_visible(False)


def _left_out(far: int, empty: int) -> list[str]:
    notes = []
    if far:
        notes.append(f"{style.count_phrase(far, 'route')} far away not drawn")
    if empty:
        notes.append(f"{style.count_phrase(empty, 'route')} without GPS points skipped")
    return notes


def _heading(fig: Figure, title: str, subtitle: str) -> float:
    """Title and a muted subtitle line under it; the figure fraction left below them."""
    style.title(fig, title)
    lines = textwrap.fill(title, style.TITLE_WRAP).count("\n") + 1
    y = 0.975 - style.TITLE_LINE * lines
    fig.text(0.01, y, subtitle, ha="left", va="top", fontsize=13, color=style.MUTED)
    return y - 0.05


def _map_axes(fig: Figure, x, y, top: float, right: float) -> tuple[Axes, proj.Frame]:
    """A frameless map axes filling the figure below ``top``, its limits fitted to the points."""
    width, height = right - MAP_LEFT, top - MAP_BOTTOM
    ax = fig.add_axes((MAP_LEFT, MAP_BOTTOM, width, height))
    frame = proj.fit_frame(x, y, (width * fig.bbox.width, height * fig.bbox.height))
    ax.set_xlim(frame.xlim)
    ax.set_ylim(frame.ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    return ax, frame


def _draw_pace(
    fig: Figure, ax: Axes, xy: np.ndarray, pace: np.ndarray, units: str, top: float
) -> str:
    """The route as segments coloured by pace (``pace`` per point, min/``units``), with a m:ss
    colorbar (faster up); the colours in words for the alt text."""
    pace = (pace[:-1] + pace[1:]) / 2  # a segment's pace: the mean of its ends
    low, high = np.percentile(pace, [5, 95])  # a stop or a sprint does not wash out the rest
    least = _minutes(MIN_PACE_SPAN_S_PER_KM, units)
    if high - low < least:  # widen about the middle: a few seconds must not look like a lot
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    runs, values = _colour_runs(xy, pace, low, high)
    lines = LineCollection(
        runs,
        cmap=PACE_CMAP,
        norm=Normalize(low, high),
        linewidths=3,
        capstyle="round",
        joinstyle="round",
        zorder=3,
    )
    lines.set_array(values)
    ax.add_collection(lines)
    cax = fig.add_axes((0.88, 0.12, 0.018, top - 0.2))
    bar = fig.colorbar(lines, cax=cax)
    bar.formatter = style.MSS
    bar.ax.invert_yaxis()
    bar.set_label(f"pace (min/{units}, faster ↑)")
    bar.outline.set_visible(False)
    return f"coloured by pace from {style.mss(low)} (dark) to {style.mss(high)} min/{units} (light)"


def _colour_runs(xy: np.ndarray, pace: np.ndarray, low: float, high: float):
    """The route cut where its colour changes: polylines and the pace each is drawn in.

    Paces are rounded to :data:`PACE_LEVELS` steps between ``low`` and ``high`` (finer than the
    eye can tell apart), so a smooth pace gives a few hundred polylines to draw instead of one
    segment per point, which is most of the drawing time of a long track."""
    level = np.rint((np.clip(pace, low, high) - low) / (high - low) * (PACE_LEVELS - 1))
    starts = np.concatenate([[0], np.flatnonzero(np.diff(level)) + 1])
    ends = np.append(starts[1:], level.size)  # segment i runs from point i to point i + 1
    runs = [xy[start : end + 1] for start, end in zip(starts, ends)]
    return runs, low + level[starts] / (PACE_LEVELS - 1) * (high - low)


def _endpoints(ax: Axes, xy: np.ndarray) -> None:
    """Finish as a dark square, start as a white circle; where they would overlap (a loop),
    one circle half white, half dark, for both."""
    style_of = {"linestyle": "none", "markeredgecolor": style.INK, "markeredgewidth": 2}
    ax.apply_aspect()  # the equal-aspect box as drawn, so pixels are pixels
    apart = np.ptp(ax.transData.transform(xy[[0, -1]]), axis=0)
    if np.hypot(*apart) < TOGETHER_PX:
        both = ax.plot(
            *xy[0],
            marker="o",
            markersize=13,
            fillstyle="left",
            markerfacecolor=style.INK,
            markerfacecoloralt="white",
            zorder=5,
            label="start and finish",
            **style_of,
        )
        ax.legend(handles=both, loc="lower right", bbox_to_anchor=(1.0, 0.01))
        return
    finish = ax.plot(
        *xy[-1],
        marker="s",
        markersize=12,
        markerfacecolor=style.INK,
        zorder=4,
        label="finish",
        **style_of,
    )
    start = ax.plot(
        *xy[0],
        marker="o",
        markersize=10,
        markerfacecolor="white",
        zorder=5,
        label="start",
        **style_of,
    )
    ax.legend(handles=start + finish, loc="lower right", ncols=2, bbox_to_anchor=(1.0, 0.01))


def _minutes(s_per_km: float, units: str) -> float:
    """A pace or pace difference in s/km as minutes per ``units``."""
    return s_per_km * wf.METRES_PER[units] / 1000 / 60


def _steady(pace: np.ndarray, units: str) -> bool:
    """Whether the paces' spread (5th to 95th percentile) is within GPS noise."""
    low, high = np.percentile(pace, [5, 95])
    return bool(high - low < _minutes(STEADY_S_PER_KM, units))


def _pace_words(pace: np.ndarray, units: str) -> str:
    return f"pace around {style.mss(float(np.median(pace)))} min/{units}"


def _point_pace(points: pd.DataFrame, steps: np.ndarray, units: str) -> np.ndarray | None:
    """Pace at each point in min/``units``, smoothed over a distance window; None when the
    clock is missing or does not make sense (too few times, running backwards, no time)."""
    if "seconds" not in points:
        return None
    t = pd.to_numeric(points["seconds"], errors="coerce").to_numpy(float)
    dist = np.concatenate([[0.0], np.cumsum(steps)])
    known = np.isfinite(t)
    if known.sum() < 2 or np.any(np.diff(t[known]) < 0):
        return None
    dk, tk = dist[known], t[known]
    if dk[-1] <= dk[0] or tk[-1] <= tk[0]:
        return None
    # missing times from distance at the average pace, beyond the known ones too
    t = np.interp(dist, dk, tk, left=np.nan, right=np.nan)
    average = (tk[-1] - tk[0]) / (dk[-1] - dk[0])
    t = np.where(dist < dk[0], tk[0] - (dk[0] - dist) * average, t)
    t = np.where(dist > dk[-1], tk[-1] + (dist - dk[-1]) * average, t)
    window = np.clip(dist[-1] / 40, *PACE_WINDOW_M)
    lo, hi = np.clip(dist - window / 2, 0, dist[-1]), np.clip(dist + window / 2, 0, dist[-1])
    at = np.interp(hi, dist, t) - np.interp(lo, dist, t)
    return at / (hi - lo) * wf.METRES_PER[units] / 60  # seconds per metre to min per unit


def _elevation_gain(points: pd.DataFrame) -> float | None:
    """Metres climbed (see :func:`~analytics.charts.projection.climb_m`); None without any."""
    if "ele" not in points:
        return None
    ele = pd.to_numeric(points["ele"], errors="coerce").to_numpy(float)
    ele = ele[np.isfinite(ele)]
    return proj.climb_m(ele, CLIMB_M) if ele.size >= 2 else None


def _distance(metres: float, units: str) -> str:
    return f"{metres / wf.METRES_PER[units]:,.2f} {units}"


def _climb(metres: float, units: str) -> str:
    return f"{metres:,.0f} m" if units == "km" else f"{metres * proj.FEET_PER_M:,.0f} ft"


def _route_subtitle(metres: float, gain: float | None, units: str) -> str:
    climb = "" if gain is None else f", elevation gain {_climb(gain, units)}"
    return _distance(metres, units) + climb


def _route_alt(
    metres: float, n: int, span: str, shade: str, gain: float | None, units: str, label: str
) -> str:
    """Distance, points, extent, what the colour means, climb and the scale, in words."""
    parts = [
        f"Route map: {_distance(metres, units)}, {n:,} points, spanning {span}; "
        "start and finish marked"
    ]
    if shade:
        parts.append(shade)
    if gain is not None:
        parts.append(f"elevation gain {_climb(gain, units)}")
    parts.append(f"scale bar {label}")
    return "; ".join(parts) + "."
