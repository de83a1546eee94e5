import pytest
from sqlalchemy.engine import make_url

from etl.db.engine import create_engine, open_store
from etl.db.urls import safe_url, url_password
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


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql+pymysql://u:s3cret-pw@127.0.0.1:notaport/db", "port that is not a number"),
        ("mysql+pymysql://u:s3cret-pw@[::1]:abc/db", "port that is not a number ('abc')"),
        ("mysql+pymysql://u:s3cret-pw@127.0.0.1:99999/db", "has port 99999, which no server"),
        ("mysql://u:s3cret-pw@127.0.0.1/db", "mysql:// (without +driver: the mysqlclient driver)"),
        ("mysql+nodriver://u:s3cret-pw@h/db", "the 'nodriver' driver, which is not installed"),
        (
            "mysql+pymysql://u:s3cret-pw@h/db?foo=bar",
            "options the pymysql driver does not know: foo",
        ),
        ("mysql+pymysql://u:s3cret-pw@h/db?connect_timeout=abc", "value the driver cannot use"),
        ("mysql+pymysql://u:s3cret-pw@zz9@h/db", "seems to contain '@'"),
        ("sqlite:///x.db?journal=wal", "options SQLite does not know: journal"),
        ("postgresql://u:s3cret-pw@h/db", "unsupported database 'postgresql'"),
    ],
)
def test_url_mistakes_are_named_with_what_to_do_and_no_password(url, words):
    with pytest.raises(StorageError) as caught:
        create_engine(url)
    message = str(caught.value)
    assert words in message
    assert "WORKOUTS_DATABASE_URL" in message
    assert "s3cret-pw" not in message and "zz9" not in message


def test_known_options_still_pass():
    assert create_engine("sqlite:///x.db?timeout=5").url.query["timeout"] == "5"
    engine = create_engine("mysql+pymysql://u@h/db?connect_timeout=5&ssl_ca=/tmp/ca.pem")
    assert engine.url.query["connect_timeout"] == "5"


@pytest.fixture
def server(mysql_server_url):
    """Where the real MariaDB listens, from the session's database URL."""
    url = make_url(mysql_server_url)
    return url.host, url.port or 3306


@pytest.mark.mysql
def test_wrong_credentials_on_a_real_server(server):
    host, port = server
    with pytest.raises(StorageError) as caught:
        open_store(f"mysql+pymysql://nobody_here:s3cret-pw@{host}:{port}/test")
    message = str(caught.value)
    assert "refused user 'nobody_here': wrong user name or password" in message
    assert "s3cret-pw" not in message


@pytest.mark.mysql
def test_a_database_that_does_not_exist_on_a_real_server(server):
    host, port = server
    with pytest.raises(StorageError) as caught:
        open_store(f"mysql+pymysql://root@{host}:{port}/no_such_db_here")
    message = str(caught.value)
    assert f"database 'no_such_db_here' does not exist on {host}:{port}" in message
    assert "CREATE DATABASE no_such_db_here CHARACTER SET utf8mb4" in message


@pytest.mark.mysql
def test_unknown_options_are_caught_before_the_real_server_sees_them(server):
    host, port = server
    with pytest.raises(StorageError, match="does not know: colour"):
        open_store(f"mysql+pymysql://root@{host}:{port}/test?colour=blue")


def test_a_server_that_is_down_or_a_host_that_does_not_exist():
    with pytest.raises(StorageError, match=r"nothing is listening at 127\.0\.0\.1:1 "):
        open_store("mysql+pymysql://root@127.0.0.1:1/db")
    with pytest.raises(StorageError, match=r"no host called 'no-such-host\.invalid'"):
        open_store("mysql+pymysql://root@no-such-host.invalid/db")


def test_sqlite_mistakes_are_named(tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StorageError, match="is not an SQLite database"):
        open_store(f"sqlite:///{not_a_db}")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match=r"cannot create the folder .* for the SQLite store"):
        open_store(f"sqlite:///{blocker}/sub/workouts.db")
    with pytest.raises(StorageError, match="cannot open the SQLite file"):
        open_store(f"sqlite:///{tmp_path}")


def test_safe_url_masks_what_it_cannot_parse():
    assert safe_url("mysql+pymysql://u:pw@h:notaport/db") == "mysql+pymysql://u:***@h:notaport/db"
    assert safe_url("mysql+pymysql://u:p@ss@h/db") == "mysql+pymysql://u:***@h/db"
    assert safe_url("nonsense") == "<unparseable URL>"
    assert url_password("mysql+pymysql://u:p@ss@h/db") == "p@ss"
    assert url_password("mysql+pymysql://u:p%40ss@h/db") == "p@ss"
    assert url_password("sqlite:///x.db") == ""
