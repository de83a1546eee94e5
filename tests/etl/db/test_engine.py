import pytest

from etl.db.engine import create_engine, open_store
from etl.db.urls import safe_url
from etl.errors import StorageError


def test_unreachable_mysql_is_a_storage_error_without_the_password():
    with pytest.raises(StorageError) as caught:
        open_store("mysql+pymysql://bot:s3cret-pw@127.0.0.1:1/workouts")
    message = str(caught.value)
    assert "s3cret-pw" not in message
    assert "127.0.0.1:1" in message and "***" in message


@pytest.mark.parametrize(
    ("url", "words"),
    [("not a url", "not a database URL"), ("postgresql://u@h/db", "unsupported database")],
)
def test_bad_urls_are_refused_in_words(url, words):
    with pytest.raises(StorageError, match=words):
        create_engine(url)


def test_safe_url_masks_passwords():
    assert safe_url("mysql+pymysql://u:pw@h/db") == "mysql+pymysql://u:***@h/db"


def test_mysql_urls_get_utf8mb4():
    engine = create_engine("mysql+pymysql://u@h/db")
    assert engine.url.query["charset"] == "utf8mb4"
