"""Database URLs as people may see them: the password never leaves this module in clear."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa

# scheme://user:password@host...: the password runs to the last "@" before the host part, so a
# password with an unescaped "@" in it is masked whole rather than half shown.
_PASSWORD_IN_URL = re.compile(
    r"(?P<head>\b[a-zA-Z][\w+.-]*://[^:/@\s]*):(?P<password>[^\s]*?)@(?=[^@\s]*(?:[/?#\s]|$))"
)


def safe_url(url: str | sa.URL) -> str:
    """The URL as text with its password masked, for messages and logs."""
    import sqlalchemy as sa  # here, not on top: logging's masking needs none of it
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        # Unreadable (a port that is not a number, say): still worth showing, masked.
        return mask_url_passwords(str(url)) if "://" in str(url) else "<unparseable URL>"
    if "@" in (parsed.host or ""):
        # A password with an unescaped "@": the parser split it, and its tail became the host.
        return mask_url_passwords(str(url))
    return parsed.render_as_string(hide_password=True)


def mask_url_passwords(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(r"\g<head>:***@", text)


def url_password(url: str) -> str:
    """The password written in ``url`` ("" when none), so logs can mask it wherever it shows up."""
    found = _PASSWORD_IN_URL.search(url)
    if not found:
        return ""
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return found.group("password")
    return found.group("password") if "@" in (parsed.host or "") else parsed.password or ""
