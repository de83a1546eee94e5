"""The life-event timeline: the event's name, as said, in the alt text and safe in the file name."""

from __future__ import annotations

from datetime import date

from analytics.charts import choco_timeline

EVENT = date(2018, 6, 1)


def test_event_name_becomes_a_safe_filename(demo_frame):
    image = choco_timeline(demo_frame, event_date=EVENT, event_name="Chöco arrives!")
    assert image.filename == "timeline-choco-arrives-2018-06-01.png"
    assert "Chöco arrives!" in image.alt
