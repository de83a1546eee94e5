"""Apple Health exports (``export.xml``): :mod:`.reader` streams the document and keeps the
running, walking and hiking workouts; :mod:`.workout` turns one ``<Workout>`` into a canonical
row. The package is used like the other format modules (``NAME``, ``LABEL``, ``looks_like``,
``read_stream``).
"""

from etl.formats.apple_health.reader import HEAD_BYTES, HINT, LABEL, NAME, looks_like, read_stream

__all__ = ["HEAD_BYTES", "HINT", "LABEL", "NAME", "looks_like", "read_stream"]
