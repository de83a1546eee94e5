"""The ETL Lambda's zip: built by `make lambda-etl`, small enough, and importable on its own."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 250 * 1024 * 1024  # Lambda's limit for an unzipped deployment package


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    subprocess.run(["make", "lambda-etl"], cwd=ROOT, check=True, capture_output=True)
    unpacked = tmp_path_factory.mktemp("lambda")
    with zipfile.ZipFile(ROOT / "build" / "lambda-etl.zip") as archive:
        size = sum(info.file_size for info in archive.infolist())
        archive.extractall(unpacked)
    return unpacked, size


def test_the_zip_is_under_lambdas_limit_and_holds_no_bot(package):
    unpacked, size = package
    assert size < LIMIT
    assert (unpacked / "etl" / "aws" / "handler.py").exists()
    for heavy in ("bot", "analytics", "sklearn", "matplotlib", "slack_bolt"):
        assert not (unpacked / heavy).exists(), f"{heavy} does not belong in the ETL Lambda"
    assert not (unpacked / "etl" / "demo").exists(), "the demo generators stay out of the Lambda"


def test_the_handler_imports_from_the_zip_alone(package):
    unpacked, _ = package
    # -S -I: no site-packages, no environment: only the standard library and the zip's contents.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import etl.aws.handler as h; "
        "import pandas, sqlalchemy, pymysql; print(h.handle.__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-I", "-c", code, str(unpacked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "handle"
