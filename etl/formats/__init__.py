"""Export formats the ETL understands, recognised from the header (never the file name)."""

from __future__ import annotations

from etl.csv_table import CsvTable
from etl.errors import UnknownFormat
from etl.formats import mapmyrun

SUPPORTED = (mapmyrun.LABEL,)


def detect(table: CsvTable, *, file_name: str) -> mapmyrun.Layout:
    """The layout of a supported format matching ``table``'s header, or :class:`UnknownFormat`.

    The refusal names the missing required columns and shows how the file's header begins, so the
    person can see at once whether they sent the wrong file.
    """
    layout, missing = mapmyrun.match_header(table.header)
    if layout is not None:
        return layout
    shown = ", ".join(table.header[:8]) + (", ..." if len(table.header) > 8 else "")
    raise UnknownFormat(
        file_name,
        f"the header is not one of a known export: missing column(s) {', '.join(missing)}. "
        f"The file's first line reads: {_clip(shown)}",
        f"Supported: {'; '.join(SUPPORTED)}.",
    )


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
