"""``workouts charts``: one PNG per chart kind, named by kind, on the demo history."""

from __future__ import annotations

from bot.cli import main
from tests.analytics.charts.conftest import PNG_SIGNATURE

KINDS = {
    "anomalies_chart",
    "breakdown_chart",
    "calendar_heatmap",
    "choco_timeline",
    "classification_scatter",
    "consistency_chart",
    "route_map",
    "routes_heatmap",
    "trend_chart",
    "weeks_chart",
}


def test_charts_command_writes_one_png_per_kind(tmp_path, capsys):
    assert main(["charts", "--out", str(tmp_path / "charts")]) == 0
    written = sorted((tmp_path / "charts").iterdir())
    assert {p.stem for p in written} == KINDS
    assert all(p.read_bytes().startswith(PNG_SIGNATURE) for p in written)
    assert str(written[0]) in capsys.readouterr().out
