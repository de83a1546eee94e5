"""Database URLs as people may see them: the password never leaves this module in clear."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import make_url


def safe_url(url: str | sa.URL) -> str:
    """The URL as text with its password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparseable URL>"
