"""Who is asking, where their data is, and the day it is: what every answer needs.

The classified history is loaded once per question, on first use, and only for the asker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from bot.classification import Classified, load_classified
from etl.db.life_events import events_frame
from etl.db.owners import owner_units


@dataclass
class Context:
    """One question's context. ``owner_key`` decides whose rows are read; nothing else does."""

    engine: Engine
    owner_key: str
    owner_name: str
    today: date
    default_units: str = "mi"
    _classified: Classified | None = field(default=None, repr=False)
    _units: str | None = field(default=None, repr=False)

    @property
    def classified(self) -> Classified:
        """The asker's workouts with labels (the stored model, retrained when due)."""
        if self._classified is None:
            self._classified = load_classified(self.engine, self.owner_key)
        return self._classified

    @property
    def frame(self) -> pd.DataFrame:
        """The asker's labelled workouts."""
        return self.classified.frame

    @property
    def units(self) -> str:
        """The asker's units: their own choice, else the default."""
        if self._units is None:
            self._units = owner_units(self.engine, self.owner_key) or self.default_units
        return self._units

    def events(self) -> pd.DataFrame:
        """The asker's life events, oldest first."""
        return events_frame(self.engine, self.owner_key)

    def forget(self) -> None:
        """Drop cached data after a change (a label, a retrain, new units)."""
        self._classified = None
        self._units = None
