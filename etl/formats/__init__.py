"""Export formats the ETL understands, recognised from their content (never the file name)."""

from __future__ import annotations

from etl.errors import UnknownFormat
from etl.formats import apple_health, fit, garmin, gpx, mapmyrun, strava, tcx
from etl.formats.base import Detected
from etl.formats.csv_table import CsvTable

# Tried in order; each recognises its own header.
FORMATS = (mapmyrun, strava, garmin)
# Documents (XML), recognised from their root element; one workout per track or activity.
DOCUMENTS = (gpx, tcx)
# Recognised before text decoding (binary, or too large to hold): see etl.ingest.parse.detect.
STREAMS = (fit, apple_health)
SUPPORTED = (
    *(f.LABEL for f in (*FORMATS, *DOCUMENTS, *STREAMS)),
    "a ZIP of any of these (a Strava bulk export, an Apple Health export.zip), or one gzipped",
)


def read_document(text: str, *, file_name: str) -> Detected | None:
    """The workouts of a GPX or TCX document, or None when the text is not one."""
    for fmt in DOCUMENTS:
        if fmt.looks_like(text):
            return fmt.read_text(text, file_name=file_name)
    return None


def table_format(name: str):
    """The table format (module) whose ``NAME`` is ``name``."""
    return next(fmt for fmt in FORMATS if name == fmt.NAME)


def rows_stand_alone(name: str) -> bool:
    """Whether each row of format ``name`` reads on its own (its units in the header), so a
    file can be read a chunk at a time; a format inferring its unit from all rows cannot."""
    return table_format(name).ROWS_STAND_ALONE


def detect(table: CsvTable, *, file_name: str) -> Detected:
    """The file read by the supported format its header matches, or :class:`UnknownFormat`.

    The refusal names the missing required columns and shows how the file's header begins, so the
    person can see at once whether they sent the wrong file.
    """
    for fmt in FORMATS:
        found = fmt.read(table)
        if found is not None:
            return found
    _, missing = mapmyrun.match_header(table.header)
    shown = ", ".join(table.header[:8]) + (", ..." if len(table.header) > 8 else "")
    raise UnknownFormat(
        file_name,
        f"the header is not one of a known export: missing column(s) {', '.join(missing)}. "
        f"The file's first line reads: {_clip(shown)}",
        f"Supported: {'; '.join(SUPPORTED)}.",
    )


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
