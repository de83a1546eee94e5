"""Route maps: synthetic tracks of known shape (out-and-backs along a meridian or a parallel,
loops, street grids) whose distances are recomputed here with an independent haversine, whose
scale bar follows from their known extent, and whose colours are looked for in the pixels."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection

from analytics.charts import route_map, routes_heatmap, style
from analytics.charts.projection import scale_length
from analytics.charts.routes import HEAT_CMAP, PACE_CMAP, ROUTE
from analytics.errors import MissingColumns
from tests.analytics.charts.conftest import assert_valid_chart, near, pixels

EARTH_M = 6_371_008.8
DEG_M = math.pi / 180 * EARTH_M  # metres per degree of latitude
MILE = 1609.344
LAT, LON = 52.52, 13.40  # Berlin
FAR_LAT, FAR_LON = 39.57, 2.65  # Mallorca
MANY = 300  # pixels: far more than antialiasing alone produces of an exact colour
MAP = slice(0, 1000)  # image columns left of the colorbar
ROUTE_ALT = re.compile(
    r"Route map: (?P<dist>[\d,]+\.\d\d) (?P<unit>km|mi), (?P<points>[\d,]+) points, "
    r"spanning (?P<dx>[\d.]+) x (?P<dy>[\d.]+) (km|mi); start and finish marked"
)
HEAT_ALT = re.compile(
    r"Route heatmap: (?P<routes>\d+) routes? drawn, (?P<dist>[\d,]+\.\d\d) (km|mi) in all, "
    r"spanning (?P<dx>[\d.]+) x (?P<dy>[\d.]+) (km|mi); (?:darker where more routes pass, "
    r"up to|one colour: at most) (?P<busiest>\d+) (?:route )?through one spot"
)


def haversine_length(lat, lon) -> float:
    """Path length in metres, step by step with the math module (independent of the code)."""
    total = 0.0
    for la1, lo1, la2, lo2 in zip(lat[:-1], lon[:-1], lat[1:], lon[1:]):
        p1, p2 = math.radians(la1), math.radians(la2)
        across = math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
        h = math.sin((p2 - p1) / 2) ** 2 + across
        total += 2 * EARTH_M * math.asin(math.sqrt(h))
    return total


def from_metres(east, north, lat0: float = LAT, lon0: float = LON) -> pd.DataFrame:
    """A track from metres east and north of (lat0, lon0)."""
    east, north = np.asarray(east, float), np.asarray(north, float)
    lat = lat0 + north / DEG_M
    lon = lon0 + east / (DEG_M * math.cos(math.radians(lat0)))
    return pd.DataFrame({"lat": lat, "lon": lon})


def out_and_back(length_m: float, *, east: bool = False, step: float = 5.0, **at) -> pd.DataFrame:
    """Out ``length_m`` and back along a meridian (or a parallel), a point every ``step``."""
    out = np.arange(0.0, length_m + step / 2, step)
    along = np.concatenate([out, out[-2::-1]])
    zeros = np.zeros_like(along)
    return from_metres(along, zeros, **at) if east else from_metres(zeros, along, **at)


def loop(radius_m: float, *, n: int = 600, seed: int = 0, **at) -> pd.DataFrame:
    """A wobbly closed loop with 2 m of GPS noise, seeded."""
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, n)
    wobble = radius_m * (1 + 0.15 * np.sin(5 * angle))
    noise = rng.normal(0, 2.0, (2, n))
    return from_metres(wobble * np.cos(angle) + noise[0], wobble * np.sin(angle) + noise[1], **at)


def two_paces() -> pd.DataFrame:
    """4 km east, the first 2 km at 4:00 min/km and the last 2 km at 6:00 min/km."""
    along = np.arange(0.0, 4000.1, 5.0)
    track = from_metres(along, np.zeros_like(along))
    track["seconds"] = np.where(along <= 2000, along * 0.24, 480 + (along - 2000) * 0.36)
    return track


def route_alt(alt: str) -> re.Match:
    match = ROUTE_ALT.search(alt)
    assert match, alt
    return match


def heat_alt(alt: str) -> re.Match:
    match = HEAT_ALT.search(alt)
    assert match, alt
    return match


def number(text: str) -> float:
    return float(text.replace(",", ""))


def scale_label(alt: str) -> str:
    match = re.search(r"scale bar (.+)\.$", alt)
    assert match, alt
    return match[1]


# --- scale_length ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width_m", "units", "metres", "label"),
    [
        (5000, "km", 1000, "1 km"),
        (2000, "km", 500, "500 m"),
        (600, "km", 100, "100 m"),
        (10_000, "km", 2000, "2 km"),
        (52_000, "km", 10_000, "10 km"),
        (300, "mi", 200 * 0.3048, "200 ft"),
        (0.5 * MILE, "mi", 0.1 * MILE, "0.1 mi"),
        (1.25 * MILE, "mi", 0.25 * MILE, "0.25 mi"),
        (2.5 * MILE, "mi", 0.5 * MILE, "0.5 mi"),
        (5 * MILE, "mi", MILE, "1 mi"),
        (10 * MILE, "mi", 2 * MILE, "2 mi"),
        (25 * MILE, "mi", 5 * MILE, "5 mi"),
    ],
)
def test_scale_length_table(width_m, units, metres, label):
    got_metres, got_label = scale_length(width_m, units)
    assert got_label == label
    assert got_metres == pytest.approx(metres)


@pytest.mark.parametrize("units", ["km", "mi"])
def test_scale_length_is_about_a_fifth_and_says_its_length(units):
    per = {"m": 1.0, "km": 1000.0, "ft": 0.3048, "mi": MILE}
    for width in np.geomspace(100, 2_000_000, 300):
        metres, label = scale_length(width, units)
        assert 0.12 <= metres / width <= 0.32, (width, label)
        value, unit = label.split()
        assert float(value) * per[unit] == pytest.approx(metres)
        assert float(value) / 10 ** math.floor(math.log10(float(value))) in (1, 2, 2.5, 5)


@pytest.mark.parametrize(("width", "units"), [(0, "km"), (-5, "km"), (math.nan, "mi"), (9, "yd")])
def test_scale_length_refuses_nonsense(width, units):
    with pytest.raises(ValueError, match=r"width|unit"):
        scale_length(width, units)


# --- route_map --------------------------------------------------------------------------------


@pytest.mark.parametrize("units", ["km", "mi"])
def test_route_distance_points_and_span_are_true(units):
    track = out_and_back(2500)  # 5 km exactly, along a meridian
    image = route_map(track, title="Out and back", units=units)
    rgb = assert_valid_chart(image)
    match = route_alt(image.alt)
    per = 1000.0 if units == "km" else MILE
    truth = haversine_length(track["lat"], track["lon"])
    assert truth == pytest.approx(5000, rel=1e-6)
    assert number(match["dist"]) * per == pytest.approx(truth, rel=0.005)
    assert match["unit"] == units
    assert number(match["points"]) == len(track)
    assert float(match["dx"]) == 0.0
    assert float(match["dy"]) == pytest.approx(2500 / per, abs=0.06)
    assert image.filename == "route-out-and-back.png"
    assert near(rgb, ROUTE) > MANY  # no clock: one colour, the run blue


def test_noisy_loop_distance_matches_haversine():
    track = loop(800, seed=3)
    track["seconds"] = np.arange(len(track)) * 1.7
    match = route_alt(route_map(track, title="Loop").alt)
    truth = haversine_length(track["lat"], track["lon"])
    assert number(match["dist"]) * 1000 == pytest.approx(truth, rel=0.005)


def test_a_route_across_the_antimeridian_stays_small():
    track = out_and_back(600, east=True, lat0=-16.8, lon0=179.998)  # Fiji, across 180°
    track["lon"] = (track["lon"] + 180) % 360 - 180
    assert (track["lon"] < 0).any() and (track["lon"] > 0).any()
    match = route_alt(route_map(track, title="Date line").alt)
    assert float(match["dx"]) == pytest.approx(0.6, abs=0.05)
    truth = haversine_length(track["lat"], track["lon"])
    assert number(match["dist"]) * 1000 == pytest.approx(truth, rel=0.005)


@pytest.mark.parametrize(("units", "label"), [("km", "1 km"), ("mi", "0.5 mi")])
def test_scale_bar_suits_a_known_extent(units, label):
    """A 4 km wide map (with padding 4.4 km, 2.7 mi): a fifth of it rounds to 1 km or 0.5 mi."""
    image = route_map(out_and_back(4000, east=True), title="East", units=units)
    assert scale_label(image.alt) == label
    assert route_alt(image.alt)["dx"] == ("4.0" if units == "km" else "2.5")


def test_pace_colours_the_route_from_fast_to_slow():
    image = route_map(two_paces(), title="Fast then slow")
    rgb = assert_valid_chart(image)
    assert "coloured by pace from 4:00 (dark) to 6:00 min/km (light)" in image.alt
    fast, slow = (PACE_CMAP(v, bytes=True)[:3] for v in (0.0, 1.0))
    assert near(rgb[:, MAP], fast) > MANY
    assert near(rgb[:, MAP], slow) > MANY
    assert near(rgb[:, MAP], ROUTE) < MANY / 10  # not the single-colour route


def test_pace_in_minutes_per_mile():
    image = route_map(two_paces(), title="Fast then slow", units="mi")
    assert "from 6:26 (dark) to 9:39 min/mi (light)" in image.alt


def test_missing_times_are_filled_in():
    track = two_paces()
    track.loc[track.index % 3 == 1, "seconds"] = np.nan
    track.loc[:4, "seconds"] = np.nan  # before the first known time too
    image = route_map(track, title="Gaps")
    assert "coloured by pace from 4:00 (dark) to 6:00 min/km (light)" in image.alt


@pytest.mark.parametrize("clock", ["all missing", "backwards", "standing"])
def test_a_clock_that_makes_no_sense_gives_one_colour(clock):
    track = two_paces()
    track["seconds"] = {
        "all missing": np.nan,
        "backwards": track["seconds"][::-1].to_numpy(),
        "standing": 5.0,
    }[clock]
    image = route_map(track, title="Odd clock")
    rgb = pixels(image)
    assert "pace" not in image.alt
    assert near(rgb, ROUTE) > MANY


def test_invalid_points_are_dropped():
    clean = two_paces()
    clean["ele"] = np.linspace(30, 60, len(clean))
    bad = pd.DataFrame(
        {
            "lat": [np.nan, 95.0, 10.0, 0.0, LAT],
            "lon": [LON, LON, 200.0, 0.0, np.nan],
            "seconds": [1.0, 2.0, 3.0, 4.0, 5.0],
            "ele": [999.0] * 5,
        }
    )
    dirty = pd.concat([bad.iloc[:2], clean.iloc[:100], bad.iloc[2:], clean.iloc[100:]])
    assert route_map(dirty, title="Dirty").alt == route_map(clean, title="Dirty").alt


def test_text_coordinates_are_parsed_or_dropped():
    clean = out_and_back(1000)
    text = clean.astype(str)
    text.loc[3, "lat"] = "no fix"
    expected = route_alt(route_map(clean.drop(index=3), title="t").alt)
    got = route_alt(route_map(text, title="t").alt)
    assert got["points"] == expected["points"]
    assert got["dist"] == expected["dist"]


@pytest.mark.parametrize(
    ("profile", "units", "low", "high"),
    [
        ("two hills", "km", 40, 40),  # up 20, down, up 20, down
        ("two hills", "mi", 131, 131),  # 40 m in feet
        ("noisy hill", "km", 50, 52),  # 50 m, plus at most the ±1 m noise at foot and top
        ("noisy flat", "km", 0, 0),  # noise under 3 m is no climb
    ],
)
def test_elevation_gain(profile, units, low, high):
    track = out_and_back(2000)
    n = len(track)
    phase = np.linspace(0, 1, n)
    track["ele"] = {
        "two hills": 100 + 20 * np.abs(np.sin(2 * np.pi * phase)),
        "noisy hill": 100 + 50 * np.sin(np.pi * phase) + np.tile([1.0, -1.0], n)[:n],
        "noisy flat": 100 + np.random.default_rng(5).uniform(-1.4, 1.4, n),
    }[profile]
    image = route_map(track, title="Hills", units=units)
    match = re.search(r"elevation gain ([\d,]+) (m|ft);", image.alt)
    assert match, image.alt
    assert match[2] == ("m" if units == "km" else "ft")
    assert low <= number(match[1]) <= high
    assert "elevation gain" not in route_map(track.drop(columns="ele"), title="Flat").alt


@pytest.mark.parametrize(
    "track",
    [
        pd.DataFrame({"lat": [], "lon": []}),
        pd.DataFrame({"lat": [LAT], "lon": [LON]}),
        pd.DataFrame({"lat": [LAT, np.nan, 91.0], "lon": [LON, LON, LON]}),
    ],
    ids=["empty", "one point", "one valid point"],
)
def test_too_few_points_are_refused(track):
    with pytest.raises(ValueError, match="at least 2 valid points"):
        route_map(track, title="Nothing")


def test_bad_input_is_refused():
    with pytest.raises(MissingColumns, match="lon"):
        route_map(pd.DataFrame({"lat": [LAT, LAT]}), title="No lon")
    with pytest.raises(ValueError, match="unit"):
        route_map(out_and_back(100), title="Yards", units="yd")


# --- routes_heatmap ---------------------------------------------------------------------------


def home_routes(count: int = 6) -> list[pd.DataFrame]:
    return [loop(500 + 200 * i, seed=i) for i in range(count)]


def test_far_routes_are_left_out_and_counted():
    home = home_routes()
    away = [
        loop(700, seed=10, lat0=FAR_LAT, lon0=FAR_LON),
        out_and_back(900, lat0=FAR_LAT, lon0=FAR_LON),
    ]
    image = routes_heatmap([home[0], away[0], *home[1:], away[1]], title="All of 2024")
    assert_valid_chart(image)
    match = heat_alt(image.alt)
    assert match["routes"] == "6"
    assert "; 2 routes far away not drawn" in image.alt
    truth = sum(haversine_length(t["lat"], t["lon"]) for t in home)
    assert number(match["dist"]) * 1000 == pytest.approx(truth, rel=0.005)
    assert float(match["dx"]) < 5 and float(match["dy"]) < 5  # home only, not 1,400 km
    assert image.filename == "routes-all-of-2024.png"
    assert heat_alt(routes_heatmap(home, title="Home").alt)["dist"] == match["dist"]


def test_a_long_route_from_home_is_kept():
    ride = out_and_back(120_000, step=200.0)  # its middle is 60 km away, its start at home
    image = routes_heatmap([*home_routes(2), ride], title="With a long ride")
    assert heat_alt(image.alt)["routes"] == "3"
    assert "far away" not in image.alt


def test_two_equal_clusters_keep_one():
    munich = {"lat0": 48.14, "lon0": 11.58}
    tracks = [*home_routes(2), loop(600, seed=7, **munich), loop(900, seed=8, **munich)]
    image = routes_heatmap(tracks, title="Two cities")
    assert heat_alt(image.alt)["routes"] == "2"
    assert "2 routes far away not drawn" in image.alt


def test_often_run_streets_are_darker():
    """Nine runs along one street, one along a street 400 m north: the busy one is darkest."""
    street = np.arange(0.0, 3000.1, 4.0)
    busy = [from_metres(street, np.zeros_like(street)) for _ in range(9)]
    quiet = from_metres(street, np.full_like(street, 400.0))
    image = routes_heatmap([*busy, quiet], title="Streets")
    rgb = assert_valid_chart(image)
    assert heat_alt(image.alt)["busiest"] == "9"
    dark, light = (HEAT_CMAP(v, bytes=True)[:3] for v in (1.0, 0.0))
    dark_rows = np.nonzero((np.abs(rgb[:, MAP].astype(int) - dark) <= 12).all(axis=2))[0]
    light_rows = np.nonzero((np.abs(rgb[:, MAP].astype(int) - light) <= 12).all(axis=2))[0]
    assert dark_rows.size > MANY and light_rows.size > MANY
    assert dark_rows.mean() > light_rows.mean()  # the busy street is the southern one


def test_heatmap_drops_invalid_points_and_counts_empty_tracks():
    tracks = home_routes(3)
    dirty = [
        pd.concat(
            [t.iloc[:50], pd.DataFrame({"lat": [np.nan, 99.0], "lon": [LON, LON]}), t.iloc[50:]]
        )
        for t in tracks
    ]
    empty = pd.DataFrame({"lat": [np.nan], "lon": [LON]})
    clean_alt = routes_heatmap(tracks, title="Clean").alt
    image = routes_heatmap([*dirty, empty], title="Dirty", units="km")
    assert image.alt.startswith(clean_alt.split("; scale bar")[0])
    assert "1 route without GPS points skipped" in image.alt


def test_heatmap_in_miles():
    image = routes_heatmap(home_routes(), title="Miles", units="mi")
    assert_valid_chart(image)
    assert re.search(r"\d mi in all, spanning [\d.]+ x [\d.]+ mi;", image.alt)
    assert scale_label(image.alt).endswith(("mi", "ft"))


@pytest.mark.parametrize(
    ("tracks", "message"),
    [
        ([], "no routes"),
        ([pd.DataFrame({"lat": [LAT], "lon": [LON]})], "at least 2 valid points"),
        ([pd.DataFrame({"lat": [np.nan, np.nan], "lon": [LON, LON]})], "at least 2 valid"),
    ],
    ids=["no tracks", "one point", "no valid points"],
)
def test_heatmap_without_routes_is_refused(tracks, message):
    with pytest.raises(ValueError, match=message):
        routes_heatmap(tracks, title="Nothing")


# --- noise is no structure; start and finish stay apart ---------------------------------------


@pytest.fixture
def drawn(monkeypatch):
    """The figures charts render, drawn again after rendering so the test can measure them."""
    figures = []
    render = style.render

    def keep(fig, **kwargs):
        image = render(fig, **kwargs)
        FigureCanvasAgg(fig)  # render lets the canvas go
        fig.canvas.draw()
        figures.append(fig)
        return image

    monkeypatch.setattr(style, "render", keep)
    return figures


def steady_loop(spread_s_per_km: float, *, seed: int = 1) -> pd.DataFrame:
    """A 7.5 km loop at 5:00 min/km whose pace wobbles by about ``spread_s_per_km`` (5th to
    95th percentile of the smoothed pace)."""
    track = loop(800, n=1500, seed=3)
    east = (track["lon"] - LON) * DEG_M * math.cos(math.radians(LAT))
    north = (track["lat"] - LAT) * DEG_M
    steps = np.hypot(np.diff(east), np.diff(north))
    wobble = np.sin(np.linspace(0, 6 * np.pi, steps.size)) * spread_s_per_km / 2 / 1000
    track["seconds"] = np.concatenate([[0.0], np.cumsum(steps * (0.3 + wobble))])
    return track


def pace_span_s_per_km(fig, units: str = "km") -> float | None:
    """The colour scale's span in s/km, None when the route has no colour scale."""
    scales = [c for ax in fig.axes for c in ax.collections if isinstance(c, LineCollection)]
    if not scales:
        return None
    low, high = scales[0].norm.vmin, scales[0].norm.vmax
    return (high - low) * 60 * 1000 / (1000.0 if units == "km" else MILE)


@pytest.mark.parametrize("units", ["km", "mi"])
def test_gps_noise_is_one_colour(drawn, units):
    image = route_map(steady_loop(8), title="Steady", units=units)
    rgb = pixels(image)
    assert pace_span_s_per_km(drawn[-1], units) is None
    assert near(rgb, ROUTE) > MANY  # the single run blue
    assert "one colour: a steady pace around" in image.alt
    assert len(drawn[-1].axes) == 1  # no colour bar


@pytest.mark.parametrize("units", ["km", "mi"])
def test_a_small_real_spread_gets_at_least_30_seconds_of_colour(drawn, units):
    image = route_map(steady_loop(20), title="Rolling", units=units)
    span = pace_span_s_per_km(drawn[-1], units)
    assert span is not None and span >= 30 - 1e-6
    assert "coloured by pace from" in image.alt
    ticks = [t.get_text() for t in drawn[-1].axes[1].get_yticklabels() if t.get_text()]
    assert len(ticks) == len(set(ticks)) >= 2  # every colour-bar label says another pace


def test_a_wide_spread_keeps_its_own_span(drawn):
    route_map(two_paces(), title="Fast then slow")
    assert pace_span_s_per_km(drawn[-1]) == pytest.approx(120, abs=1)


def endpoint_boxes(fig):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    return {
        line.get_label(): line.get_window_extent(renderer)
        for line in ax.lines
        if line.get_label() in ("start", "finish", "start and finish")
    }


@pytest.mark.parametrize("timed", [False, True])
def test_a_loop_marks_start_and_finish_once(drawn, timed):
    track = steady_loop(40) if timed else loop(800, seed=3)
    image = route_map(track, title="Loop")
    boxes = endpoint_boxes(drawn[-1])
    assert set(boxes) == {"start and finish"}
    assert "start and finish marked" in image.alt


def test_apart_start_and_finish_do_not_overlap(drawn):
    route_map(out_and_back(2000, east=True).iloc[:-30], title="Nearly back")  # 150 m short
    boxes = endpoint_boxes(drawn[-1])
    assert set(boxes) == {"start", "finish"}
    assert not boxes["start"].overlaps(boxes["finish"])


def test_no_spot_run_twice_is_one_colour_without_a_scale(drawn):
    image = routes_heatmap(home_routes(3), title="Three loops")
    assert "one colour: at most 1 route through one spot" in image.alt
    assert len(drawn[-1].axes) == 1  # no colour scale from 1 to 2 with nothing at 2
    assert near(pixels(image)[:, MAP], HEAT_CMAP(0.5, bytes=True)[:3]) > MANY
