"""A generated Apple Health export: :mod:`.export` writes it, :mod:`.templates` holds its text."""
