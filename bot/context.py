"""Who is asking, where their data is, and the day it is: what every answer needs.

The classified history is read once per question, on first use, and only for the asker: from
the process's cache (bot/history_cache.py) while the asker's data version says nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.frame import class_names
from bot.classification import Classified
from bot.history_cache import HISTORIES
from etl.db.life_events import DOG, events_frame
from etl.db.owners import owner_units
from etl.settings import LlmSettings


def names_for_events(events: pd.DataFrame) -> Mapping[str, str]:
    """The class names of an owner with these life events: "dog walk" once one is a dog."""
    has_dog = "kind" in events.columns and bool((events["kind"] == DOG).any())
    return class_names(has_dog=has_dog)


def owner_names(engine: Engine, owner_key: str) -> Mapping[str, str]:
    """The class names the owner reads, for code that has no :class:`Context`."""
    return names_for_events(events_frame(engine, owner_key))


@dataclass
class Context:
    """One question's context. ``owner_key`` decides whose rows are read; nothing else does."""

    engine: Engine
    owner_key: str
    owner_name: str
    today: date
    default_units: str = "mi"
    llm: LlmSettings | None = None  # the owner's local language model, when they run one
    _classified: Classified | None = field(default=None, repr=False)
    _units: str | None = field(default=None, repr=False)
    _names: Mapping[str, str] | None = field(default=None, repr=False)

    @property
    def classified(self) -> Classified:
        """The asker's workouts with labels (the stored model, retrained when due)."""
        if self._classified is None:
            self._classified = HISTORIES.classified(self.engine, self.owner_key)
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

    @property
    def names(self) -> Mapping[str, str]:
        """The asker's words for the classes ("walk", or "dog walk" once they have a dog
        event), to pass to every analytic and wording function that names a class."""
        if self._names is None:
            self._names = names_for_events(self.events())
        return self._names

    def events(self) -> pd.DataFrame:
        """The asker's life events, oldest first."""
        return events_frame(self.engine, self.owner_key)

    def forget(self) -> None:
        """Drop cached data after a change (a label, a retrain, new units, a life event)."""
        self._classified = None
        self._units = None
        self._names = None
