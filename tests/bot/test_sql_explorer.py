"""The SQL explorer: right answers over one owner's workouts, and every way out refused."""

import ast
import csv
import io
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from analytics.frame import class_names, display_name
from bot import sandbox, sql_explorer
from bot.sql_explorer import QueryFailed, QueryRefused, QueryTimeout, run_query
from etl.db.engine import open_store
from etl.db.queries import ANALYTIC_COLUMNS, count_workouts, workouts_frame
from etl.demo.mapmyrun import generate_history
from etl.errors import WorkoutsError
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.analytics.conftest import workouts_frame_from_csv
from tests.helpers import export_text, link, row

ONLY_SELECT = "only SELECT queries are allowed"
ONE_STATEMENT = "one statement at a time"
ONLY_WORKOUTS = "only the table workouts can be queried (your own workouts)"


def _workout(id_, day, label, km, minutes, notes=None, category="run"):
    return {
        "id": id_,
        "workout_date": day,
        "label": label,
        "category": category,
        "activity_type": category.title(),
        "distance_m": km * 1000.0,
        "duration_s": minutes * 60.0,
        "avg_pace_s_per_km": minutes * 60.0 / km,
        "notes": notes,
        "source": "mapmyrun",
        "source_id": str(1000 + id_),
    }


def _frame(*workouts) -> pd.DataFrame:
    columns = list(dict.fromkeys([*ANALYTIC_COLUMNS, "label", "confidence", "notes"]))
    frame = pd.DataFrame.from_records(list(workouts), columns=columns)
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    return frame


@pytest.fixture
def small() -> pd.DataFrame:
    """Owner A: three runs (5, 10, 8 km), a dog walk and a ride."""
    return _frame(
        _workout(1, "2023-01-05", "run", 5, 25, "easy 🏃 run"),
        _workout(2, "2023-03-10", "walk", 2, 30, "with Rex; sunny", category="walk"),
        _workout(3, "2024-02-01", "run", 10, 55, "it's long"),
        _workout(4, "2024-06-15", "cycle", 20, 60, category="cycle"),
        _workout(5, "2024-07-04", "run", 8, 40),
    )


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    history = generate_history()
    frame = workouts_frame_from_csv(history.csv_text)
    truth = frame["source_id"].map(history.truth.set_index("source_id")["label"])
    return frame.assign(label=truth.where(truth != "other", frame["category"]))


def _rows(frame, sql, **limits):
    return list(run_query(frame, sql, **limits).rows)


def test_counts_by_label_match_the_frame(demo):
    result = run_query(demo, "SELECT label, COUNT(*) AS n FROM workouts GROUP BY label")
    assert result.columns == ("label", "n")
    assert dict(result.rows) == demo["label"].map(display_name).value_counts().to_dict()
    assert not result.truncated and result.elapsed_s < 1
    # Steps are whole numbers; columns the frame lacks (confidence, source) are NULL.
    sql = "SELECT typeof(steps), COUNT(confidence), COUNT(source) FROM workouts WHERE steps > 0"
    assert _rows(demo, sql, row_limit=1) == [("integer", 0, 0)]


def test_per_year_aggregates_match_the_frame(demo):
    sql = """SELECT strftime('%Y', workout_date) AS year, COUNT(*), SUM(distance_km)
             FROM workouts WHERE label = 'run' GROUP BY year ORDER BY year"""
    runs = demo[demo["label"] == "run"]
    expected = runs.groupby(runs["workout_date"].dt.year)["distance_m"].agg(["count", "sum"])
    got = _rows(demo, sql)
    assert [(int(y), n) for y, n, _ in got] == list(expected["count"].items())
    assert [km for *_, km in got] == pytest.approx(list(expected["sum"] / 1000))


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "SELECT label, COUNT(*) FROM workouts GROUP BY label ORDER BY 2 DESC, 1",
            [("run", 3), ("dog walk", 1), ("ride", 1)],
        ),
        (
            "SELECT strftime('%Y', workout_date) AS y, SUM(distance_km) FROM workouts "
            "WHERE label = 'run' GROUP BY y",
            [("2023", 5.0), ("2024", 18.0)],
        ),
        (
            "WITH runs AS (SELECT * FROM workouts WHERE label = 'run') "
            "SELECT COUNT(*), SUM(distance_km) FROM runs",
            [(3, 23.0)],
        ),
        # count(*) over a CTE: SQLite's authorizer sees the CTE's own name as a table.
        (
            "WITH a AS (SELECT label, COUNT(*) AS n FROM workouts GROUP BY label) "
            "SELECT COUNT(*) FROM a",
            [(3,)],
        ),
        ("WITH a AS MATERIALIZED (SELECT id FROM workouts) SELECT COUNT(*) FROM a x, a y", [(25,)]),
        (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) "
            "SELECT COUNT(*) FROM n",
            [(3,)],
        ),
        (
            "WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 3) "
            "SELECT i, (SELECT COUNT(*) FROM workouts WHERE 0 + strftime('%m', workout_date) = i) "
            "FROM m",
            [(1, 1), (2, 1), (3, 1)],
        ),
        (
            "SELECT id, SUM(distance_km) OVER (ORDER BY workout_date) FROM workouts "
            "WHERE label_code = 'run' ORDER BY workout_date",
            [(1, 5.0), (3, 15.0), (5, 23.0)],
        ),
        (
            "SELECT id, RANK() OVER (ORDER BY distance_m DESC) FROM workouts ORDER BY id LIMIT 2",
            [(1, 4), (2, 5)],
        ),
        (
            "SELECT id FROM workouts WHERE distance_km > (SELECT AVG(distance_km) FROM workouts) "
            "ORDER BY id",
            [(3,), (4,)],
        ),
        ("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM workouts GROUP BY label)", [(3,)]),
        ("SELECT id FROM workouts WHERE notes LIKE '%rex%'", [(2,)]),
        ("SELECT COUNT(*) FROM workouts WHERE notes LIKE '%;%'", [(1,)]),
        ("SELECT id FROM workouts WHERE notes = 'it''s long'", [(3,)]),
        ('SELECT [label] FROM workouts WHERE "id" = 4', [("ride",)]),
        ("SELECT x'00ff', CAST('A' AS BLOB)", [("00ff", "41")]),  # blobs as hex text
        (
            "SELECT typeof(workout_date), typeof(id), typeof(distance_km), typeof(steps) "
            "FROM workouts LIMIT 1",
            [("text", "integer", "real", "null")],
        ),
        (
            "SELECT round(2.567, 1), upper('a'), abs(-2), coalesce(NULL, 3), iif(1, 'y', 'n')",
            [(2.6, "A", 2, 3, "y")],
        ),
        (
            "SELECT date('2024-01-31', '+1 day'), strftime('%Y', '2024-05-01'), typeof(1.5)",
            [("2024-02-01", "2024", "real")],
        ),
        (
            "SELECT json_extract('{\"a\": 2}', '$.a'), printf('%05.1f', 2.26), substr('abc', 2)",
            [(2, "002.3", "bc")],
        ),
    ],
)
def test_queries_give_exact_answers(small, sql, expected):
    assert _rows(small, sql) == expected


def test_the_table_has_iso_dates_numbers_and_unit_columns(small):
    result = run_query(small, "SELECT * FROM workouts WHERE id = 1")
    assert result.columns == tuple(name for name, _, _ in sql_explorer.COLUMNS)
    got = dict(zip(result.columns, result.rows[0]))
    assert got["workout_date"] == "2023-01-05" and got["confidence"] is None
    units = {
        "distance_km": 5.0,
        "distance_mi": 5 / 1.609344,
        "duration_min": 25.0,
        "pace_min_per_km": 5.0,
        "pace_min_per_mi": 5 * 1.609344,
    }
    assert {name: got[name] for name in units} == pytest.approx(units)


def test_a_query_sees_only_the_owners_workouts(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'workouts.db'}")
    for owner, first in (("local:alice", 1), ("local:bob", 100)):
        rows = [
            row(f"Jan. {d}, 2024", notes=f"{owner} secret", link=link(first + d)) for d in (1, 2, 3)
        ]
        ingest_file(
            store, RawFile("e.csv", export_text(rows).encode()), owner_key=owner, max_bytes=10**6
        )
    alice = workouts_frame(store, "local:alice").assign(label="run", confidence=0.9)
    assert _rows(alice, "SELECT COUNT(*), GROUP_CONCAT(source_id) FROM workouts") == [(3, "2,3,4")]
    assert sum(count_workouts(store, o) for o in ("local:alice", "local:bob")) == 6
    assert _rows(alice, "SELECT COUNT(*) FROM workouts WHERE 0 + source_id >= 100") == [(0,)]
    with pytest.raises(QueryFailed, match=r"^no such table: owners$"):
        run_query(alice, "SELECT * FROM owners")
    with pytest.raises(QueryRefused, match=r"^ATTACH is not allowed$"):
        run_query(alice, f"ATTACH DATABASE '{tmp_path / 'workouts.db'}' AS real")
    store.dispose()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM sqlite_master", ONLY_WORKOUTS),
        ("SELECT COUNT(*) FROM sqlite_master", ONLY_WORKOUTS),
        ("SELECT * FROM main.sqlite_master", ONLY_WORKOUTS),
        ("SELECT * FROM temp.sqlite_schema", ONLY_WORKOUTS),
        ("WITH sqlite_master AS (SELECT 1) SELECT COUNT(*) FROM main.sqlite_master", ONLY_WORKOUTS),
        ("SELECT * FROM workouts WHERE id IN (SELECT rootpage FROM sqlite_schema)", ONLY_WORKOUTS),
        ("SELECT * FROM pragma_table_info('workouts')", ONLY_WORKOUTS),
        ("SELECT value FROM json_each('[1, 2]')", ONLY_WORKOUTS),
        ("SELECT COUNT(*) FROM dbstat", ONLY_WORKOUTS),
        ("INSERT INTO workouts (id) VALUES (99)", ONLY_SELECT),
        ("UPDATE workouts SET label = 'x'", ONLY_SELECT),
        ("DELETE FROM workouts", ONLY_SELECT),
        ("DROP TABLE workouts", ONLY_SELECT),
        ("CREATE TABLE x (a)", ONLY_SELECT),
        ("REPLACE INTO workouts (id) VALUES (1)", ONLY_SELECT),
        ("VACUUM", ONLY_SELECT),
        ("BEGIN", ONLY_SELECT),
        ("EXPLAIN SELECT 1", ONLY_SELECT),
        # WITH passes the text check; the authorizer stops the write behind it.
        ("WITH x AS (SELECT 1) DELETE FROM workouts", ONLY_SELECT),
        ("WITH x AS (SELECT 1) INSERT INTO workouts (id) SELECT 1 FROM x", ONLY_SELECT),
        ("SELECT 1; DROP TABLE workouts", ONE_STATEMENT),
        ("SELECT 1;SELECT 2", ONE_STATEMENT),
        ("SELECT 1 /* ; */ ; DROP TABLE workouts", ONE_STATEMENT),
        ("SELECT 'a;b'; DELETE FROM workouts", ONE_STATEMENT),
        ("SELECT 1; -- then\nDELETE FROM workouts", ONE_STATEMENT),
        ("/* SELECT */ DROP TABLE workouts", ONLY_SELECT),
        ("-- SELECT\nDELETE FROM workouts", ONLY_SELECT),
        ("ATTACH DATABASE '/tmp/x.db' AS x", "ATTACH is not allowed"),
        ("DETACH DATABASE main", "DETACH is not allowed"),
        ("PRAGMA table_info(workouts)", "PRAGMA is not allowed"),
        ("pragma query_only = 0", "PRAGMA is not allowed"),
        ("SELECT load_extension('x')", "the function load_extension is not allowed"),
        ("SELECT readfile('/etc/passwd')", "the function readfile is not allowed"),
        ("SELECT writefile('/tmp/x', 'y')", "the function writefile is not allowed"),
        ("SELECT fts3_tokenizer('simple')", "the function fts3_tokenizer is not allowed"),
        ("SELECT random()", "the function random is not allowed"),
        ("SELECT hex(randomblob(8))", "the function randomblob is not allowed"),
        ("SELECT zeroblob(1000000000)", "the function zeroblob is not allowed"),
        ("SELECT sqlite_version()", "the function sqlite_version is not allowed"),
        ("", "the query is empty"),
        ("  -- just a comment", "the query is empty"),
        ("SELECT 1" + " " * 10_000, "the query is longer than 10000 characters"),
    ],
)
def test_attacks_and_other_tables_are_refused_with_a_specific_message(small, sql, message):
    before = small.copy()
    with pytest.raises(QueryRefused) as refused:
        run_query(small, sql)
    assert str(refused.value) == message
    assert isinstance(refused.value, WorkoutsError)
    pd.testing.assert_frame_equal(small, before)


@pytest.mark.parametrize(
    ("sql", "limit", "message"),
    [
        (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < 1000000000000) SELECT COUNT(*) FROM n",
            {},
            "2 s",
        ),
        (
            "SELECT a.id FROM workouts a, workouts b, workouts c ORDER BY a.distance_m * c.id",
            {"time_limit_s": 0.3},
            "0.3 s",
        ),
    ],
)
def test_a_runaway_query_is_stopped_at_the_time_limit(demo, sql, limit, message):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as stopped:
        run_query(demo, sql, **limit)
    took, limit_s = time.monotonic() - started, limit.get("time_limit_s", 2.0)
    assert str(stopped.value) == f"the query ran longer than {message} and was stopped"
    assert isinstance(stopped.value, QueryFailed)
    assert limit_s <= took < 3 * limit_s, took


def test_a_cartesian_blow_up_is_cut_at_the_row_limit(demo, small):
    started = time.monotonic()
    result = run_query(demo, "SELECT a.id, b.id, c.id FROM workouts a, workouts b, workouts c")
    assert time.monotonic() - started < 1
    assert result.truncated and len(result.rows) == 1000
    small_limit = run_query(demo, "SELECT a.id FROM workouts a, workouts b", row_limit=7)
    assert small_limit.truncated and len(small_limit.rows) == 7
    exact = run_query(small, "SELECT id FROM workouts", row_limit=5)
    assert not exact.truncated and [r[0] for r in exact.rows] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("sql", "expected", "as_run"),
    [
        ("SELECT 1 -- ; DROP TABLE workouts", [(1,)], "SELECT 1"),
        ("/* ; DROP TABLE workouts; */ SELECT 2;", [(2,)], "SELECT 2"),
        ("SELECT 3 /* DROP TABLE workouts", [(3,)], "SELECT 3"),
        ("SELECT '--' || ';' || '/*'", [("--;/*",)], "SELECT '--' || ';' || '/*'"),
        ("SELECT 'it''s; fine' ;  ", [("it's; fine",)], "SELECT 'it''s; fine'"),
        ('SELECT 1 AS "a;b"', [(1,)], 'SELECT 1 AS "a;b"'),
    ],
)
def test_comments_and_literals_do_not_fool_the_statement_check(small, sql, expected, as_run):
    result = run_query(small, sql)
    assert (result.rows, result.sql) == (tuple(expected), as_run)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT foo FROM workouts", "no such column: foo"),
        ("SELECT FROM workouts", 'near "FROM": syntax error'),
        ("SELECT median(distance_km) FROM workouts", "no such function: median"),
        ("SELECT 'abc", "the query is incomplete: a quote or bracket is not closed"),
        ('SELECT "abc FROM workouts', "the query is incomplete: a quote or bracket is not closed"),
    ],
)
def test_sql_errors_show_sqlites_message(small, sql, message):
    with pytest.raises(QueryFailed) as failed:
        run_query(small, sql)
    assert str(failed.value) == message
    assert not isinstance(failed.value, QueryRefused)


def test_an_owner_without_workouts_gets_empty_answers():
    assert _rows(_frame(), "SELECT COUNT(*) FROM workouts") == [(0,)]
    result = run_query(_frame(), "SELECT id, label FROM workouts")
    assert (result.columns, result.rows, result.truncated) == (("id", "label"), (), False)
    assert result.to_csv() == b"id,label\r\n"


def test_preview_and_csv_hold_the_result_with_formulas_neutralised(small):
    sql = "SELECT id, '=1+1' AS \"@x\", -3.5 AS n, steps FROM workouts ORDER BY id"
    result = run_query(small, sql)
    rows = ((1, "=1+1", -3.5, None), (2, "=1+1", -3.5, None))
    assert result.preview(n=2) == (("id", "@x", "n", "steps"), rows)
    table = list(csv.reader(io.StringIO(result.to_csv().decode("utf-8"))))
    assert table[0] == ["id", "'@x", "n", "steps"]
    assert table[1:] == [[str(i), "'=1+1", "-3.5", ""] for i in range(1, 6)]


def test_the_help_lists_every_column_and_its_examples_run(demo):
    text, examples = sql_explorer.schema_help(), sql_explorer.EXAMPLES
    assert all(f"  {name} " in text for name, _, _ in sql_explorer.COLUMNS)
    assert len(examples) == 3 and all(example in text for example in examples)
    assert "1000 rows" in text and "2 s" in text
    for example in examples:
        assert run_query(demo, example).rows, example


def test_one_long_c_call_is_stopped_at_the_time_limit(small):
    # One printf call runs for seconds without a look at the clock: the child running it is
    # killed at the limit instead.
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as stopped:
        run_query(small, "SELECT length(printf('%.*c', 2000000000, 'x'))", time_limit_s=0.5)
    took = time.monotonic() - started
    assert str(stopped.value) == "the query ran longer than 0.5 s and was stopped"
    assert 0.5 <= took < 1.5, took


def test_runaway_queries_on_both_workers_do_not_hold_a_third_query(small):
    """The Slack bot answers with two workers: two bombs at once each end at the limit, and a
    normal query asked meanwhile answers at once."""
    bomb = "SELECT length(printf('%.*c', 2000000000, 'x'))"
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=3) as pool:
        bombs = [pool.submit(run_query, small, bomb, time_limit_s=1.0) for _ in range(2)]
        normal = run_query(small, "SELECT count(*) FROM workouts")
        normal_took = time.monotonic() - started
        errors = [f.exception() for f in bombs]
    assert normal.rows == ((5,),) and normal_took < 1.0, normal_took
    assert all(isinstance(e, QueryTimeout) for e in errors), errors
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "SELECT a.id FROM workouts a, workouts b ORDER BY printf('%.*c', 400000, 'x') || b.id",
            "the query needed more than 512 MB of memory and was stopped",
        ),
        (
            "SELECT printf('%.*c', 900000, 'x') FROM workouts a, workouts b",
            "the result is larger than 32 MB; select fewer rows or shorter values",
        ),
    ],
)
def test_memory_and_result_size_are_bounded_in_words(demo, sql, message):
    with pytest.raises(QueryFailed) as failed:
        run_query(demo, sql)
    assert str(failed.value) == message


def test_the_sandbox_imports_only_the_standard_library():
    # The child starts with `python -I -S`: no site-packages, so nothing else could be imported,
    # and a small import list keeps its start in tens of milliseconds.
    tree = ast.parse(Path(sandbox.__file__).read_text())
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert imported and imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


@pytest.mark.parametrize(("has_dog", "walk"), [(True, "dog walk"), (False, "walk")])
def test_label_is_the_owners_word_and_label_code_the_classifiers(small, has_dog, walk):
    names = class_names(has_dog=has_dog)
    sql = "SELECT id, label, label_code FROM workouts ORDER BY id"
    assert _rows(small, sql, names=names) == [
        (1, "run", "run"),
        (2, walk, "walk"),
        (3, "run", "run"),
        (4, "ride", "cycle"),
        (5, "run", "run"),
    ]
    assert _rows(small, f"SELECT id FROM workouts WHERE label = '{walk}'", names=names) == [(2,)]
    found = run_query(small, "SELECT COUNT(*) FROM workouts WHERE label = 'run'", names=names)
    assert found.rows == ((3,),) and found.hint is None


NO_DOG_LABELS = "no rows; the labels in your workouts are: run, walk, ride"
CODES = "their codes (label_code) are: run, walk, cycle"


@pytest.mark.parametrize(
    ("where", "hint"),
    [
        ("label = 'dog walk'", NO_DOG_LABELS),
        ("label = 'real_run'", NO_DOG_LABELS),  # an old code, from before the neutral names
        ("label == 'Run'", NO_DOG_LABELS),
        ("LABEL='runs'", NO_DOG_LABELS),
        ("label NOT IN ('run', 'walk', 'ride', 'jog')", NO_DOG_LABELS),
        ("label_code = 'ride'", f"no rows; {CODES}"),
        ("label = 'pup_walk' OR label_code = 'dog walk'", f"{NO_DOG_LABELS}; {CODES}"),
        ("label LIKE 'swim%'", NO_DOG_LABELS),
        # Nothing found, but every compared label exists: the hint would not help.
        ("label = 'run' AND distance_km > 100", None),
        ("label_code = 'run' AND distance_km > 100", None),
        ("label IN ('run', 'walk') AND distance_km > 100", None),
        # The literal is not compared with a label column.
        ("notes = 'dog walk'", None),
        ("label = 'run' AND notes = 'real_run'", None),
    ],
)
def test_no_rows_for_a_label_the_owner_lacks_names_the_labels_there_are(small, where, hint):
    result = run_query(
        small, f"SELECT id FROM workouts WHERE {where}", names=class_names(has_dog=False)
    )
    assert result.rows == ()
    assert result.hint == hint


def test_a_hint_only_when_nothing_was_found(small):
    sql = "SELECT id FROM workouts WHERE label = 'real_run' OR id = 1"
    assert run_query(small, sql, names=class_names(has_dog=False)).hint is None
    empty = run_query(_frame(), "SELECT id FROM workouts WHERE label = 'run'")
    assert empty.hint == "no rows; you have no labelled workouts yet"


def test_the_help_explains_label_and_label_code():
    text = sql_explorer.schema_help()
    assert "label_code" in text and "run_walk" in text
    label_line = next(line for line in text.splitlines() if line.strip().startswith("label "))
    assert "run, walk (dog walk once you have a dog event), run-walk" in label_line
