"""The ETL Lambda against a local S3/SNS (moto server) and the real stores (SQLite, MariaDB)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from etl.aws.handler import handle
from etl.aws.s3_events import owner_of, uploads
from etl.aws.secrets import url_from_secret
from etl.db.engine import open_store
from etl.db.queries import count_workouts
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from etl.errors import InvalidOwner, SettingError, StorageError
from tests.conftest import table_counts
from tests.etl.aws.conftest import notifications, s3_event
from tests.helpers import export_text, link, row


@pytest.fixture
def lambda_env(monkeypatch, store_url, bucket):
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", store_url)
    monkeypatch.setenv("WORKOUTS_SNS_TOPIC_ARN", bucket["topic"])
    return store_url


def _put(bucket, key, rows=None, data=None):
    body = data if data is not None else export_text(rows).encode()
    bucket["s3"].put_object(Bucket=bucket["name"], Key=key, Body=body)


def _rows(first, last):
    return [row(f"Oct. {1 + (i % 28)}, {2015 + i // 28}", link=link(i)) for i in range(first, last)]


def test_an_upload_lands_once_and_is_announced(lambda_env, bucket):
    _put(bucket, "uploads/alice/export.csv", _rows(1, 31))
    event = s3_event(bucket["name"], "uploads/alice/export.csv")
    [result] = handle(event)["results"]
    assert (result["status"], result["new"]) == ("imported", 30)
    assert count_workouts(open_store(lambda_env), "local:alice") == 30
    [note] = notifications(bucket)
    assert note["subject"] == "Workouts import: 30 new, 0 already present, 0 rejected"
    assert (note["body"]["owner"], note["body"]["new"], note["body"]["file"]) == (
        "local:alice",
        30,
        "export.csv",
    )
    # At-least-once delivery: the same event again loads and announces nothing.
    assert handle(event)["results"][0]["status"] == "duplicate"
    assert count_workouts(open_store(lambda_env), "local:alice") == 30
    assert notifications(bucket) == []


def test_overlapping_exports_add_only_what_is_new(lambda_env, bucket):
    _put(bucket, "uploads/bob/2019.csv", _rows(1, 21))
    _put(bucket, "uploads/bob/2020.csv", _rows(11, 41))
    results = handle(s3_event(bucket["name"], "uploads/bob/2019.csv", "uploads/bob/2020.csv"))[
        "results"
    ]
    assert [(r["new"], r["already_present"]) for r in results] == [(20, 0), (20, 10)]
    subjects = sorted(n["subject"] for n in notifications(bucket))
    assert subjects == [
        "Workouts import: 20 new, 0 already present, 0 rejected",
        "Workouts import: 20 new, 10 already present, 0 rejected",
    ]


def test_a_refused_file_loads_nothing_is_tagged_and_announced(lambda_env, bucket):
    before = table_counts(open_store(lambda_env))
    _put(bucket, "uploads/alice/photos.csv", data=b"PK\x03\x04not-a-csv")
    [result] = handle(s3_event(bucket["name"], "uploads/alice/photos.csv"))["results"]
    assert result["status"] == "refused"
    assert table_counts(open_store(lambda_env)) == {**before, "claims": before["claims"] + 1}
    assert result["moved_to"] == "refused/alice/photos.csv"
    listed = bucket["s3"].list_objects_v2(Bucket=bucket["name"])["Contents"]
    assert [o["Key"] for o in listed] == ["refused/alice/photos.csv"], "moved, not copied"
    tags = bucket["s3"].get_object_tagging(Bucket=bucket["name"], Key="refused/alice/photos.csv")
    tagged = {t["Key"]: t["Value"] for t in tags["TagSet"]}
    assert tagged["workouts-status"] == "refused" and "ZIP archive" in tagged["workouts-reason"]
    [note] = notifications(bucket)
    assert note["subject"] == "Workouts import refused: photos.csv"
    assert note["body"]["status"] == "refused" and "ZIP archive" in note["body"]["reason"]


def test_a_database_that_is_down_fails_the_invocation_and_a_retry_succeeds(
    lambda_env, bucket, monkeypatch
):
    _put(bucket, "uploads/carol/export.csv", _rows(1, 6))
    event = s3_event(bucket["name"], "uploads/carol/export.csv")
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", "mysql+pymysql://root@127.0.0.1:1/down")
    with pytest.raises(StorageError):
        handle(event)
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", lambda_env)
    assert handle(event)["results"][0]["new"] == 5
    assert count_workouts(open_store(lambda_env), "local:carol") == 5


def test_a_strava_export_zip_is_imported_with_its_routes(lambda_env, bucket):
    start = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)
    activities = [
        Activity(1, start, "Run", 5000, 330, "gpx"),
        Activity(2, start, "Walk", 2000, 700, "fit", damaged=True),
    ]
    _put(bucket, "uploads/erin/export_42.zip", data=strava_export_zip(activities))
    [result] = handle(s3_event(bucket["name"], "uploads/erin/export_42.zip"))["results"]
    assert (result["status"], result["new"], result["merged"], result["routes"]) == (
        "imported",
        2,
        1,
        1,
    )
    [note] = notifications(bucket)
    assert note["body"]["files_not_read"][0]["name"] == "activities/2.fit.gz"


def test_url_encoded_keys_and_non_csv_keys(lambda_env, bucket):
    _put(bucket, "uploads/dave/my export (2).csv", _rows(1, 4))
    results = handle(
        s3_event(
            bucket["name"],
            "uploads/dave/my export (2).csv",
            "uploads/dave/notes.txt",
            "elsewhere/x.csv",
        )
    )["results"]
    assert [r["status"] for r in results] == ["imported", "ignored", "ignored"]
    assert count_workouts(open_store(lambda_env), "local:dave") == 3


@pytest.mark.parametrize(
    ("part", "owner"),
    [
        ("alice", "local:alice"),
        ("local:Bob", "local:bob"),
        ("slack:T012AB:U34CD", "slack:T012AB:U34CD"),
    ],
)
def test_owners_from_keys(part, owner):
    assert owner_of(part) == owner


@pytest.mark.parametrize("part", ["../etc", "slack:nope", "a b"])
def test_unusable_owners_are_refused(part):
    with pytest.raises(InvalidOwner):
        owner_of(part)
    [upload] = uploads(s3_event("b", f"uploads/{part}/x.csv"))
    assert upload.owner is None and upload.problem


@pytest.mark.parametrize(
    ("secret", "url"),
    [
        ('{"url": "mysql+pymysql://u:p@h/db"}', "mysql+pymysql://u:p@h/db"),
        (
            '{"username": "u", "password": "p@ss", "host": "db.example", "port": 3307, '
            '"dbname": "w"}',
            "mysql+pymysql://u:p%40ss@db.example:3307/w",
        ),
    ],
)
def test_database_url_from_a_secret(secret, url):
    assert url_from_secret(secret) == url


def test_a_broken_secret_is_a_setting_error():
    with pytest.raises(SettingError, match="lacks 'host'"):
        url_from_secret('{"username": "u", "password": "p"}')
