from bot.bench.ingest import render_ingest_bench, run_ingest_bench


def test_ingest_bench_loads_then_finds_everything_present():
    result = run_ingest_bench(rows=3000, seed=3)
    assert result.new == 3000
    assert result.present == 3000
    assert result.first_s > 0
    assert result.peak_rss_mb > 10
    text = render_ingest_bench(result)
    assert "3,000 rows into sqlite" in text
    assert "rows/s" in text


def test_ingest_bench_on_mysql_cleans_up_after_itself(mysql_server_url):
    from etl.db.engine import open_store
    from tests.conftest import table_counts

    engine = open_store(mysql_server_url)
    before = table_counts(engine)
    result = run_ingest_bench(rows=1500, database_url=mysql_server_url)
    assert result.present == 1500
    assert result.database.startswith("mysql+pymysql://root")
    assert table_counts(engine) == before


def test_analytics_bench_times_every_analytic_on_both_histories():
    from bot.bench.analytics import render_analytics_bench, run_analytics_bench

    result = run_analytics_bench(rows=5000)
    names = {(t.name, t.history) for t in result.timings}
    assert ("classify", "synthetic") in names
    assert ("daily briefing", "demo") in names
    assert all(t.seconds >= 0 for t in result.timings)
    assert result.run_walk_accuracy >= 0.97
    assert result.glitches_found.split("/")[0] == result.glitches_found.split("/")[1]
    assert "peak RSS" in render_analytics_bench(result)
