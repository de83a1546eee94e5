"""Ingesting an export: :mod:`.pipeline` is the one entry point; :mod:`.parse` does everything
short of the database (extract, detect, validate, transform), :mod:`.store` writes one batch in
one transaction, and :mod:`.archive` reads a ZIP file by file."""
