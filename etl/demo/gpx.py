"""A synthetic route written as a GPX 1.1 track, as Strava's GPX export writes it."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from etl.demo.routes import DEGREES, RoutePoint, iso_time

GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx creator={creator} version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 '
    'http://www.topografix.com/GPX/1/1/gpx.xsd" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
)


def gpx_text(
    points: list[RoutePoint],
    *,
    name: str = "Morning Run",
    kind: str | None = "running",
    creator: str = "StravaGPX",
) -> str:
    """The route as a GPX 1.1 track, heart rate in Garmin's TrackPointExtension (as Strava)."""
    kind_tag = f"  <type>{escape(kind)}</type>\n" if kind else ""
    body = "".join(_trkpt(p) for p in points)
    return (
        GPX_HEAD.format(creator=quoteattr(creator))
        + f" <metadata>\n  <time>{iso_time(points[0].time)}</time>\n </metadata>\n"
        + f" <trk>\n  <name>{escape(name)}</name>\n{kind_tag}  <trkseg>\n{body}"
        + "  </trkseg>\n </trk>\n</gpx>\n"
    )


def _trkpt(p: RoutePoint) -> str:
    hr = (
        "    <extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{p.hr:.0f}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>\n"
        if p.hr is not None
        else ""
    )
    return (
        f'   <trkpt lat="{p.lat:.{DEGREES}f}" lon="{p.lon:.{DEGREES}f}">\n'
        f"    <ele>{p.ele:.1f}</ele>\n    <time>{iso_time(p.time)}</time>\n{hr}   </trkpt>\n"
    )
