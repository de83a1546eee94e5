"""Apple Health exports: workouts of both eras and their units, routes, refusals, the generator."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime

import pytest

from etl.demo.apple_health.export import write_health_export, write_health_zip
from etl.demo.apple_health.templates import head
from etl.errors import RefusedFile
from etl.formats import apple_health
from etl.formats.base import Track

START, END = "2019-05-04 07:12:33 +0200", "2019-05-04 07:45:00 +0200"
DEVICE = (
    "&lt;&lt;HKDevice: 0x2823f1a40&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch4,2, software:5.1&gt;"
)


def export(*children: str, prologue: str = "") -> bytes:
    """An export.xml holding the given elements after the export date and owner."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prologue}<HealthData locale="en_GB">\n'
        ' <ExportDate value="2024-01-01 10:00:00 +0000"/>\n <Me HKCharacteristicTypeIdentifier'
        'DateOfBirth="1986-04-12"/>\n' + "".join(children) + "</HealthData>\n"
    ).encode()


def workout(kind="Running", *children: str, start=START, end=END, **attrs: str) -> str:
    """A <Workout> element; attributes default to a 32.45 minute watch workout."""
    fields = {"duration": "32.45", "durationUnit": "min", "sourceName": "Apple Watch"} | attrs
    text = " ".join(f'{k}="{v}"' for k, v in fields.items())
    return (
        f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" {text} '
        f'startDate="{start}" endDate="{end}">\n' + "".join(children) + " </Workout>\n"
    )


def meta(key: str, value: str) -> str:
    return f'  <MetadataEntry key="{key}" value="{value}"/>\n'


def stat(kind: str, **fields: str) -> str:
    text = " ".join(f'{k}="{v}"' for k, v in fields.items())
    return f'  <WorkoutStatistics type="HKQuantityTypeIdentifier{kind}" {text}/>\n'


def record(kind="StepCount", value="120", child="") -> str:
    attrs = f'sourceName="iPhone" unit="count" startDate="{START}" endDate="{END}" value="{value}"'
    end = f">\n{child} </Record>\n" if child else "/>\n"
    return f' <Record type="HKQuantityTypeIdentifier{kind}" {attrs}{end}'


def route_ref(path: str) -> str:
    return f'  <WorkoutRoute sourceName="W">\n  <FileReference path="{path}"/></WorkoutRoute>\n'


HRV = '<HeartRateVariabilityMetadataList><InstantaneousBeatsPerMinute bpm="61" time="7:12"/>'
RECORDS = (
    record(),
    record("HeartRate", "71", meta("HKMetadataKeyHeartRateMotionContext", "0")),
    record("HeartRateVariabilitySDNN", "40", HRV + "</HeartRateVariabilityMetadataList>\n"),
    f' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Cuff" '
    f'startDate="{START}" endDate="{END}">\n{record("BloodPressureSystolic")} </Correlation>\n',
    record("DistanceWalkingRunning", "9.5"),
    ' <ActivitySummary dateComponents="2019-05-04" activeEnergyBurned="500"/>\n',
)


def read(data: bytes, route=None):
    return apple_health.read_stream(io.BytesIO(data), file_name="export.xml", route=route)


def only_row(*children: str, **attrs):
    return read(export(workout(*children, **attrs))).frame.iloc[0]


def test_an_old_style_workout_reads_its_attributes():
    climb = meta("HKElevationAscended", "4523 cm")
    totals = {"totalDistance": "5.02", "totalDistanceUnit": "km", "totalEnergyBurned": "350.4"}
    data = export(workout("Running", climb, **totals, totalEnergyBurnedUnit="kcal", device=DEVICE))
    found = read(data)
    row = found.frame.iloc[0]
    assert (found.name, found.unit, found.notes, len(found.tracks)) == ("apple_health", "km", (), 0)
    assert row["activity_type"] == "Run"
    assert (row["distance"], row["duration"], row["calories"]) == ("5020.0", "1947", "350")
    assert (row["elevation_gain"], row["avg_hr"]) == ("45.2", "")
    assert row["source_app"] == "Apple Watch (Watch4,2)"
    assert re.fullmatch(r"ah-[0-9a-f]{20}", row["source_id"])
    assert row["line"] == 1


def test_a_new_style_workout_reads_its_statistics():
    row = only_row(
        "Walking",
        stat("DistanceWalkingRunning", sum="0.536602", unit="mi"),
        stat("ActiveEnergyBurned", sum="56.1244", unit="Cal"),
        stat("HeartRate", average="109.484", minimum="100", maximum="117", unit="count/min"),
        meta("HKElevationAscended", "45 m"),
    )
    assert row["activity_type"] == "Walk"
    assert (row["distance"], row["calories"]) == ("863.6", "56")
    assert (row["avg_hr"], row["max_hr"], row["elevation_gain"]) == ("109.5", "117", "45.0")


@pytest.mark.parametrize(
    ("attrs", "column", "expected"),
    [
        ({"totalDistance": "5", "totalDistanceUnit": "km"}, "distance", "5000.0"),
        ({"totalDistance": "3.1", "totalDistanceUnit": "mi"}, "distance", "4989.0"),
        ({"totalDistance": "4200", "totalDistanceUnit": "m"}, "distance", "4200.0"),
        ({"totalDistance": "5", "totalDistanceUnit": "furlong"}, "distance", ""),
        ({"totalEnergyBurned": "1464.4", "totalEnergyBurnedUnit": "kJ"}, "calories", "350"),
        ({"duration": "1800", "durationUnit": "s"}, "duration", "1800"),
        ({"duration": "0.75", "durationUnit": "hr"}, "duration", "2700"),
        ({"duration": "30.5", "durationUnit": "min"}, "duration", "1830"),
    ],
)
def test_units_are_converted(attrs, column, expected):
    assert only_row("Running", **attrs)[column] == expected


@pytest.mark.parametrize(
    ("start", "workout_date", "started_at"),
    [
        ("2019-05-04 00:30:00 +0200", "2019-05-04", "2019-05-03T22:30:00"),
        ("2019-05-04 21:00:00 -0500", "2019-05-04", "2019-05-05T02:00:00"),
        ("2019-12-01 07:00:00 +0000", "2019-12-01", "2019-12-01T07:00:00"),
    ],
)
def test_the_date_is_local_and_the_start_is_utc(start, workout_date, started_at):
    row = only_row("Running", start=start)
    assert (row["workout_date"], row["started_at"]) == (workout_date, started_at)


@pytest.mark.parametrize(
    ("kind", "indoor", "expected"),
    [
        ("Running", "1", "Indoor Run"),
        ("Walking", "1", "Indoor Walk"),
        ("Running", "0", "Run"),
        ("Hiking", "0", "Hike"),
    ],
)
def test_indoor_workouts(kind, indoor, expected):
    assert only_row(kind, meta("HKIndoorWorkout", indoor))["activity_type"] == expected


def test_other_kinds_are_skipped_with_a_note_and_records_ignored():
    kinds = ("Cycling", "Hiking", "Cycling", "TraditionalStrengthTraining", "Swimming")
    found = read(export(*RECORDS, *(workout(kind) for kind in kinds), *RECORDS))
    assert list(found.frame["activity_type"]) == ["Hike"]
    others = "cycling 2, traditional strength training 1, swimming 1"
    assert found.notes == (f"skipped 4 workouts of other kinds ({others})",)


def test_routes_are_resolved_and_attached_to_their_rows():
    track = Track.of([51.5, 51.51], [-0.12, -0.11])
    asked = []

    def resolve(path):
        asked.append(path)
        return track if path.endswith("7.12am.gpx") else None

    paths = [f"/workout-routes/route_2019-05-04_{t}.gpx" for t in ("6.00am", "6.30am", "7.12am")]
    walk, ride, run = (route_ref(path) for path in paths)
    kinds = workout("Walking", walk), workout("Cycling", ride), workout("Running", run), workout()
    found = read(export(*kinds), route=resolve)
    assert asked == [paths[0], paths[2]]
    assert list(found.frame["line"]) == [1, 2, 3]
    assert dict(found.tracks) == {2: track}


def test_a_truncated_export_is_refused_with_its_line():
    data = export(*(workout() for _ in range(20)))
    cut = data[: len(data) * 2 // 3]
    asked = []
    with pytest.raises(RefusedFile, match="damaged or cut short near line") as refused:
        read(cut, route=asked.append)
    line = int(re.search(r"near line (\d+)", refused.value.reason).group(1))
    assert line == cut.count(b"\n") + 1
    assert asked == []


def test_damage_after_a_broken_ios16_dtd_is_placed_on_the_right_line():
    # iOS 16 wrote an internal DTD that XML parsers reject (an <!ATTLIST> never closed): it is
    # tolerated, and line numbers still count its lines.
    prologue = (
        "<!DOCTYPE HealthData [\n<!ATTLIST VisionPrescription\n  type CDATA #REQUIRED\n"
        "<!ELEMENT RightEye EMPTY>\n]>\n"
    )
    assert len(read(export(workout(), prologue=prologue)).frame) == 1
    broken = export(workout(), "<Record></Workout>\n", prologue=prologue)
    line = broken.split(b"\n").index(b"<Record></Workout>") + 1
    with pytest.raises(RefusedFile, match=f"near line {line}"):
        read(broken)


def test_forbidden_control_characters_are_dropped():
    assert only_row("Running", sourceName="Apple\x0b Watch")["source_app"] == "Apple Watch"


def test_a_cut_compressed_stream_is_refused():
    class Cut(io.BytesIO):
        def read(self, size=-1):
            if self.tell():
                raise EOFError("Compressed file ended before the end-of-stream marker")
            return super().read(size)

    with pytest.raises(RefusedFile, match="cut short near line"):
        apple_health.read_stream(Cut(export(workout()) * 200), file_name="export.xml")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            export(*RECORDS),
            "no running, walking or hiking workouts "
            r"\(no workouts at all\)",
        ),
        (export(workout("Cycling"), workout("Yoga")), r"\(it holds 2 other workouts\)"),
        (b'<?xml version="1.0"?><gpx version="1.1"><trk/></gpx>', "not an Apple Health export"),
    ],
    ids=["records only", "other kinds only", "gpx"],
)
def test_files_without_runs_walks_or_hikes_are_refused(data, words):
    with pytest.raises(RefusedFile, match=words):
        read(data)


LONG_DTD = head(date(2024, 1, 1)).replace("]>", "<!-- padding -->\n" * 300 + "]>").encode()


@pytest.mark.parametrize(
    ("head_bytes", "expected"),
    [
        (LONG_DTD[:65536], True),
        (export(workout())[:65536], True),
        (b'\xef\xbb\xbf<HealthData locale="en_US">', True),
        (b'<?xml version="1.0"?><gpx version="1.1" creator="x"><trk></trk></gpx>', False),
        (
            b'<?xml version="1.0"?><TrainingCenterDatabase><Activities/></TrainingCenterDatabase>',
            False,
        ),
        (
            b"Date Submitted,Workout Date,Activity Type,Notes\n"
            b"2019-05-04,2019-05-04,Run,<HealthData>",
            False,
        ),
        (b"", False),
    ],
    ids=["long dtd", "no dtd", "bom", "gpx", "tcx", "csv", "empty"],
)
def test_looks_like(head_bytes, expected):
    assert LONG_DTD.index(b"<HealthData") > 10_000
    assert apple_health.looks_like(head_bytes) is expected


def test_the_generated_export_reads_back_as_its_truth():
    buffer = io.BytesIO()
    truth = write_health_export(
        buffer, target_bytes=4_000_000, seed=3, start=date(2021, 12, 20), route_paths=True
    )
    data = buffer.getvalue()
    assert 4_000_000 <= len(data) < 4_500_000
    assert data.count(b"<Record ") == truth.records
    paths = []
    found = read(data, route=lambda path: paths.append(path))
    frame = found.frame
    assert frame["activity_type"].value_counts().to_dict() == truth.kept_types
    assert len(frame) == truth.kept
    assert frame["distance"].astype(float).sum() == pytest.approx(truth.distance_m, rel=1e-3)
    assert frame["duration"].astype(float).sum() == pytest.approx(truth.duration_s, rel=1e-3)
    assert set(paths) == set(truth.route_files) and len(paths) == len(truth.route_files)
    assert {s[:4] for s in frame["workout_date"]} == {"2021", "2022"}  # both eras
    skipped = sum(n for kind, n in truth.kinds.items() if kind in ("cycling", "swimming"))
    assert found.notes[0].startswith(f"skipped {skipped} workout")
    for (start, metres), (_, row) in zip(truth.first, frame.iterrows()):
        assert datetime.fromisoformat(row["started_at"]) == start
        assert float(row["distance"]) == pytest.approx(metres, abs=0.06)


def test_the_generated_zip_is_laid_out_as_apples(tmp_path):
    path = tmp_path / "export.zip"
    truth = write_health_zip(path, target_bytes=1_500_000, seed=1)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"apple_health_export/export.xml", "apple_health_export/export_cda.xml"} <= names
        routes = {n for n in names if n.startswith("apple_health_export/workout-routes/route_")}
        assert routes == {"apple_health_export" + p for p in truth.route_files} != set()

        def resolve(route_path):
            points = ET.fromstring(archive.read("apple_health_export" + route_path)).iter()
            pairs = [(float(p.get("lat")), float(p.get("lon"))) for p in points if p.get("lat")]
            return Track.of(*zip(*pairs))

        with archive.open("apple_health_export/export.xml") as stream:
            found = apple_health.read_stream(stream, file_name="export.zip", route=resolve)
    assert len(found.frame) == truth.kept
    assert len(found.tracks) == len(truth.route_files)
    for line, track in found.tracks.items():
        started = datetime.fromisoformat(found.frame["started_at"][line - 1])
        route = next(r for r in truth.route_files.values() if r.start == started)
        assert list(track.lat) == [lat for lat, _, _ in route.points]
