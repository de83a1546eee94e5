"""Hostile and broken files, generated (no binaries committed): every format and archive kind,
empty, binary, other encodings, truncated, bombs of every kind, traversal names, links, devices,
nested archives, XXE and entity expansion, huge lines and fields, extreme dates and numbers, and
formula text. Each case says what must happen: a refusal whose message matches, or the rows that
must be stored and the lines that must be rejected.

Kept apart from the tests so a child process under resource limits can run the same cases
(tests/etl/ingest/test_hostile.py).
"""

from __future__ import annotations

import gzip
import io
import os
import random
import stat
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from etl.demo.apple_health.export import write_health_export
from etl.demo.fit import fit_activity, fit_crc
from etl.demo.gpx import gpx_text
from etl.demo.routes import synthetic_route
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from etl.demo.tcx import tcx_text
from tests.helpers import MILES_HEADER, export_text, link, row

START = datetime(2024, 5, 3, 6, 30, tzinfo=UTC)
TODAY = date(2026, 1, 1)
MB = 1 << 20


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build`` writes it under a folder and returns its path."""

    id: str
    build: Callable[[Path], Path]
    refused: str = ""  # a regex the refusal must match; empty: the file is (partly) stored
    stored: int = 0  # new workouts when not refused
    rejected: tuple[int, ...] = ()  # lines rejected when not refused
    options: dict = field(default_factory=dict)  # limits other than the defaults


def _file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return build


def _lazy(name: str, make: Callable[[], bytes | str]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return _file(name, make())(folder)

    return build


def _rows(n: int = 3, **fields) -> list[list[str]]:
    days = [date(2024, 3, 1) + timedelta(days=d) for d in range(n)]
    return [
        row(f"{d:%B} {d.day}, {d.year}", link=link(i + 1), **fields) for i, d in enumerate(days)
    ]


def _csv(rows: list[list[str]] | None = None, header=MILES_HEADER) -> str:
    return export_text(rows if rows is not None else _rows(), header)


def _route():
    return synthetic_route(seed=3, distance_m=3_000, pace_s_per_km=330, start=START, interval_s=5)


def _gpx() -> str:
    return gpx_text(_route())


def _tcx() -> str:
    return tcx_text(_route())


def _fit(**options) -> bytes:
    points = [
        (p.lat, p.lon, p.ele, (p.time - START).total_seconds(), p.hr, 170.0) for p in _route()
    ]
    return fit_activity(start=START, points=points, **options)


def _health(**options) -> bytes:
    stream = io.BytesIO()
    write_health_export(stream, target_bytes=150_000, seed=2, **options)
    return stream.getvalue()


def _zip(members: dict[str, bytes | str], *, compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _with_doctype(xml: str, doctype: str, *, replace: tuple[str, str] = ("", "")) -> str:
    declaration, rest = xml.split("\n", 1)
    if replace[0]:
        rest = rest.replace(*replace, 1)
    return f"{declaration}\n{doctype}\n{rest}"


_LAUGHS = (
    '<!DOCTYPE {root} [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)
_XXE = '<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _bomb(xml: str, root: str, tag: str, entity: str) -> str:
    doctype = (_LAUGHS if entity == "j" else _XXE).format(root=root)
    open_tag = f"<{tag}>"
    return _with_doctype(xml, doctype, replace=(open_tag, f"{open_tag}&{entity};"))


def _deep(xml: str, after: str, levels: int = 200) -> str:
    return xml.replace(after, after + "<x>" * levels + "</x>" * levels, 1)


def _strava_zip(**activity) -> bytes:
    return strava_export_zip([Activity(1, START, "Run", 5_000, 330, **activity)])


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        info = zipfile.ZipInfo("link.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
        zf.writestr("good.csv", _csv())
    return buffer.getvalue()


def _lying_zip() -> bytes:
    """A member whose header claims 10 bytes but which inflates to 2 MB."""
    data = bytearray(_zip({"big.csv": "x" * (2 * MB)}))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + size_at : at + size_at + 4] = struct.pack("<I", 10)
    return bytes(data)


def _blank_health_zip() -> bytes:
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">\n'
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("apple_health_export/export.xml", "w") as member,
    ):
        member.write(head)
        for _ in range(64):
            member.write(b" " * MB)
    return buffer.getvalue()


def _open_quote() -> str:
    """Row 2 of 3 opens a quote in its notes and never closes it: it takes the next line."""
    first, third = _rows(3)[0], _rows(3)[2]
    broken = ",".join(['"March 2, 2024"', '"March 2, 2024"', "Run", "300", "3.1", "1800"])
    broken += ',9.67,7.5,6.2,8.0,,5000,"oops,,' + link(2)
    return export_text([first]) + broken + "\n" + export_text([third]).split("\n", 1)[1]


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.csv"
    os.mkfifo(path)
    return path


def _link_to(target: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "export.csv"
        path.symlink_to(target)
        return path

    return build


def _folder(folder: Path) -> Path:
    path = folder / "export"
    path.mkdir()
    return path


def _random(n: int) -> bytes:
    return random.Random(n).randbytes(n)


def _fit_bad_crc() -> bytes:
    data = bytearray(_fit())
    data[-1] ^= 0xFF
    return bytes(data)


def _fit_huge_size() -> bytes:
    data = bytearray(_fit())
    data[4:8] = struct.pack("<I", 2_000_000_000)
    data[12:14] = struct.pack("<H", fit_crc(bytes(data[:12])))
    return bytes(data)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


CASES = [
    # Not an export at all
    Case("empty", _file("empty.csv", b""), refused="empty"),
    Case("blank", _file("blank.csv", " \n\r\n\t\n" * 1000), refused="empty"),
    Case("header only", _file("header.csv", _csv([])), refused="no workouts"),
    Case("random bytes", _lazy("noise.csv", lambda: _random(4096)), refused="binary|not UTF-8"),
    Case("png", _file("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(100)), refused="PNG image"),
    Case("pdf", _file("doc.csv", b"%PDF-1.7\n" + bytes(100)), refused="PDF document"),
    Case("sqlite", _file("db.csv", b"SQLite format 3\x00" + bytes(100)), refused="SQLite"),
    Case("xlsx", _lazy("book.xlsx", lambda: _zip({"[Content_Types].xml": "<Types/>"})), "Office"),
    Case("latin-1", _file("latin.csv", _csv(_rows(notes="café")).encode("latin-1")), "UTF-8"),
    Case("unknown header", _file("other.csv", "a,b,c\n1,2,3\n"), refused="not one of a known"),
    # Other encodings are read
    Case("utf-16 bom", _file("u16.csv", _csv().encode("utf-16")), stored=3),
    Case("utf-16-le no bom", _file("u16le.csv", _csv().encode("utf-16-le")), stored=3),
    Case("utf-16-be no bom", _file("u16be.csv", _csv().encode("utf-16-be")), stored=3),
    Case("utf-32", _file("u32.csv", _csv().encode("utf-32")), stored=3),
    Case("cr line ends", _file("cr.csv", _csv().replace("\n", "\r")), stored=3),
    # Huge lines, fields and widths
    Case("one huge line", _file("line.csv", b"," * (3 * MB)), refused="line 1 is 3 MB long"),
    Case(
        "header too wide",
        _file("wide.csv", ",".join(f"c{i}" for i in range(5_000)) + "\n1\n"),
        refused="5,000 columns",
    ),
    Case(
        "huge notes cell",
        _lazy(
            "notes.csv",
            lambda: _csv([row("March 1, 2024", notes="x" * (5 * MB), link=link(1)), *_rows()[1:]]),
        ),
        stored=2,
        rejected=(2,),
    ),
    Case(
        "huge quoted cell over lines",
        _lazy(
            "cell.csv",
            lambda: _csv(
                [row("March 1, 2024", notes=("y" * 1000 + "\n") * 1500, link=link(1)), *_rows()[1:]]
            ),
        ),
        stored=2,
        rejected=(2,),
    ),
    Case("row too wide", _file("row.csv", _csv() + "x," * 5000 + "\n"), stored=3, rejected=(5,)),
    Case("million blank lines", _file("blank2.csv", _csv([]) + "\n" * 1_000_000), "no workouts"),
    Case("quote left open", _lazy("quote.csv", lambda: _open_quote()), stored=1, rejected=(3,)),
    Case("nul early", _file("nul.csv", _csv() + "\x00,\x00\n"), refused="binary"),
    Case(
        "nul in a late row",
        _lazy("nul2.csv", lambda: _csv(_rows(100)) + "\x00,\x00\n"),
        stored=100,
        rejected=(102,),
    ),
    # Extreme dates and numbers: the row, not the file
    Case(
        "year 9999",
        _file("y9999.csv", _csv([row("Dec. 31, 9999", link=link(9)), *_rows(2)])),
        stored=2,
        rejected=(2,),
    ),
    Case(
        "year 1",
        _file("y1.csv", _csv([row("Jan. 1, 0001", link=link(9)), *_rows(2)])),
        stored=2,
        rejected=(2,),
    ),
    Case(
        "year 1850 and 2150",
        _file(
            "y1850.csv",
            _csv([row("May 1, 1850", link=link(8)), row("May 1, 2150", link=link(9)), *_rows(1)]),
        ),
        stored=1,
        rejected=(2, 3),
    ),
    Case(
        "february 30",
        _file("feb30.csv", _csv([row("Feb. 30, 2024", link=link(9)), *_rows(2)])),
        stored=2,
        rejected=(2,),
    ),
    Case(
        "iso date out of range",
        _file("iso.csv", _csv([row("9999-12-31", link=link(9)), *_rows(2)])),
        stored=2,
        rejected=(2,),
    ),
    Case("overflowing numbers", _file("big.csv", _csv(_rows(distance="1e400"))), stored=3),
    Case("nan and inf", _file("nan.csv", _csv(_rows(calories="nan", seconds="inf"))), stored=3),
    Case("negative numbers", _file("neg.csv", _csv(_rows(distance="-5", steps="-1"))), stored=3),
    Case("huge integers", _file("int.csv", _csv(_rows(steps="9" * 40, heart="1e308"))), stored=3),
    Case(
        "formula text",
        _file("formula.csv", _csv(_rows(notes='=HYPERLINK("http://x","y")', activity="@SUM(A1)"))),
        stored=3,
    ),
    # GPX and TCX
    Case("gpx cut short", _lazy("cut.gpx", lambda: _gpx()[:3000]), refused="damaged or cut short"),
    Case(
        "gpx billion laughs",
        _lazy("lol.gpx", lambda: _bomb(_gpx(), "gpx", "name", "j")),
        refused="entity bomb",
    ),
    Case(
        "gpx xxe",
        _lazy("xxe.gpx", lambda: _bomb(_gpx(), "gpx", "name", "x")),
        refused="never read",
    ),
    Case(
        "gpx external dtd",
        _lazy(
            "ext.gpx",
            lambda: _with_doctype(_gpx(), '<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/x.dtd">'),
        ),
        stored=1,
    ),
    Case(
        "gpx 100 KB dtd",
        _lazy(
            "dtd.gpx",
            lambda: _with_doctype(
                _gpx(),
                "<!-- exported -->\n<!DOCTYPE gpx [\n"
                + "".join(f'<!ENTITY e{i} "value {i}">\n' for i in range(4000))
                + "]>",
            ),
        ),
        stored=1,
    ),
    Case("gpx deep", _lazy("deep.gpx", lambda: _deep(_gpx(), "<trk>")), refused="deeper than 64"),
    Case(
        "gpx huge text",
        _lazy("text.gpx", lambda: _gpx().replace("Morning Run", "x" * (6 * MB), 1)),
        refused="without an element starting or ending",
    ),
    Case(
        "gpx huge attribute",
        _lazy("attr.gpx", lambda: _gpx().replace("<trk>", f'<trk a="{"x" * (6 * MB)}">', 1)),
        refused="without an element starting or ending",
    ),
    Case(
        "gpx of two million elements",
        _lazy("many.gpx", lambda: _gpx().replace("<trk>", "<a/>" * 2_100_000 + "<trk>", 1)),
        refused="elements",
    ),
    Case(
        "gpx in utf-16",
        _lazy("u16.gpx", lambda: _gpx().replace("UTF-8", "UTF-16").encode("utf-16")),
        stored=1,
    ),
    Case("tcx cut short", _lazy("cut.tcx", lambda: _tcx()[:3000]), refused="damaged or cut short"),
    Case(
        "tcx billion laughs",
        _lazy("lol.tcx", lambda: _bomb(_tcx(), "TrainingCenterDatabase", "Id", "j")),
        refused="entity bomb",
    ),
    Case("tcx deep", _lazy("deep.tcx", lambda: _deep(_tcx(), "<Track>")), refused="deeper than"),
    # FIT
    Case("fit cut short", _lazy("cut.fit", lambda: _fit()[:500]), refused="FIT file is cut short"),
    Case("fit bad checksum", _lazy("crc.fit", _fit_bad_crc), refused="checksum"),
    Case("fit huge declared size", _lazy("size.fit", _fit_huge_size), refused="cut short"),
    Case(
        "fit course file",
        _lazy("course.fit", lambda: _fit(file_type="course")),
        refused="course",
    ),
    # Apple Health
    Case(
        "health cut short",
        _lazy("export.xml", lambda: _health()[:60_000]),
        refused="damaged or cut short",
    ),
    Case(
        "health billion laughs",
        _lazy(
            "export.xml",
            lambda: (
                b'<?xml version="1.0"?>\n'
                + _LAUGHS.format(root="HealthData").encode()
                + b"\n<HealthData><Record type='x' value='&j;'/></HealthData>"
            ),
        ),
        refused="entit",
    ),
    Case(
        "health deep",
        _lazy(
            "export.xml",
            lambda: _health().replace(
                b"<ExportDate", b"<x>" * 100 + b"</x>" * 100 + b"<ExportDate"
            ),
        ),
        refused="deeper than",
    ),
    Case(
        "health 64 MB of blanks in a ZIP",
        _lazy("export.zip", _blank_health_zip),
        refused="without an element",
    ),
    # Archives
    Case("empty zip", _lazy("empty.zip", lambda: _zip({})), refused="holds no files"),
    Case("zip cut short", _lazy("cut.zip", lambda: _zip({"a.csv": _csv()})[:60]), "damaged|cut"),
    Case(
        "zip traversal names",
        _lazy("trav.zip", lambda: _zip({"../../evil.csv": _csv(), "/abs/evil2.csv": _csv()})),
        stored=3,
    ),
    Case(
        "zip member over the size limit",
        _lazy("bomb.zip", lambda: _zip({"zeros.csv": b"0" * (3 * MB)})),
        refused="over the 1 MB limit",
        options={"max_bytes": MB},
    ),
    Case(
        "zip unpacking past the total",
        _lazy("total.zip", lambda: _zip({f"{i}.csv": _csv() + " " * 500_000 for i in range(6)})),
        refused="WORKOUTS_MAX_INFLATED_MB",
        options={"max_inflated_bytes": 2 * MB},
    ),
    Case("zip header lies", _lazy("lies.zip", _lying_zip), refused="damaged|not one of|read"),
    Case(
        "zip in a zip",
        _lazy("nested.zip", lambda: _zip({"inner.zip": _zip({"a.csv": _csv()})})),
        refused="ZIP archive",
    ),
    Case("zip symlink member", _lazy("link.zip", _symlink_zip), stored=3),
    Case(
        "zip stored uncompressed",
        _lazy("plain.zip", lambda: _zip({"a.csv": _csv()}, compress=zipfile.ZIP_STORED)),
        stored=3,
    ),
    Case(
        "strava zip with a damaged track",
        _lazy("strava.zip", lambda: _strava_zip(damaged=True)),
        stored=1,
    ),
    Case(
        "gzip bomb",
        _lazy("bomb.csv.gz", lambda: _gzip(b"0" * (3 * MB))),
        refused="over the 1 MB limit",
        options={"max_bytes": MB},
    ),
    Case("gzip cut short", _lazy("cut.csv.gz", lambda: _gzip(_csv().encode())[:30]), "cut short"),
    Case(
        "gzip in a gzip",
        _lazy("twice.csv.gz", lambda: _gzip(_gzip(_csv().encode()))),
        refused="gzip",
    ),
    # What is not a file
    Case("character device", lambda folder: Path("/dev/zero"), refused="character device"),
    Case("symlink to a device", _link_to("/dev/zero"), refused="character device"),
    Case("named pipe", _fifo, refused="named pipe"),
    Case("folder", _folder, refused="folder"),
    Case("missing", lambda folder: folder / "nothing.csv", refused="no such file"),
    Case("dangling symlink", _link_to("/nonexistent/file.csv"), refused="no such file"),
    # Time
    Case(
        "over the time limit",
        _lazy("slow.csv", lambda: _csv(_rows(20))),
        refused="WORKOUTS_MAX_SECONDS",
        options={"max_seconds": 1e-9},
    ),
]
