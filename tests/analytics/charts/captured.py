"""The figures my chart tests look into: every figure ``style.render`` draws, kept after it is
drawn, with the texts on it (what a reader sees, so no internal code may be among them).

Works by wrapping ``style.render`` (the charts call it through the module), so it needs no hook
in ``style``; a text's extent is measured on a fresh Agg canvas."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analytics.charts import style


@dataclass
class Drawn:
    """The figures rendered during a test, in order."""

    figures: list[Figure] = field(default_factory=list)

    @property
    def last(self) -> Figure:
        return self.figures[-1]

    def texts(self, fig: Figure | None = None) -> list[str]:
        """Every non-empty visible text of a figure (the last by default): titles, tick labels,
        legend entries, annotations, notes."""
        fig = fig or self.last
        return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]

    def extents(self, fig: Figure | None = None) -> list[tuple[str, Bbox]]:
        """Each visible text of a figure with its extent in pixels."""
        fig = fig or self.last
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        return [
            (t.get_text(), t.get_window_extent(renderer))
            for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip()
        ]


def recording(monkeypatch: pytest.MonkeyPatch) -> Drawn:
    """Record the figures charts render from now on in this test (use in a fixture)."""
    record = Drawn()
    original = style.render

    def keeping(fig: Figure, **kwargs):
        image = original(fig, **kwargs)
        record.figures.append(fig)
        return image

    monkeypatch.setattr(style, "render", keeping)
    return record
