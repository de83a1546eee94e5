"""The classification scatter names every cluster centre in the alt text."""

from __future__ import annotations

from analytics import frame as wf
from analytics.charts import classification_scatter


def test_scatter_alt_names_every_centre(demo_frame, demo_model):
    alt = classification_scatter(demo_frame, demo_model).alt
    for c in demo_model.components:
        assert wf.format_pace(c.pace_s_per_km, "mi") in alt
        assert f"{wf.distance_in(c.distance_m, 'mi'):.1f} mi" in alt
