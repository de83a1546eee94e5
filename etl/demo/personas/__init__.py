"""Generated people with known truth, for scoring the run/walk classifier (``workouts bench
classifier``): :func:`persona_frame` gives one persona's workouts with a ``truth`` column."""

from etl.demo.personas.people import PERSONAS, persona, persona_frame
from etl.demo.personas.spec import TRUTHS, Kind, Persona

__all__ = ["PERSONAS", "TRUTHS", "Kind", "Persona", "persona", "persona_frame"]
