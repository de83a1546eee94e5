"""Python's cyclic garbage collector around a short command: paused while the libraries load
and the first answer is made, then kept off what exists by then.

Importing pandas, SQLAlchemy and matplotlib makes millions of long-lived objects; the
collector scans them again and again while they load (~80 ms of a first answer) and once more
as the process exits (~150 ms), and finds nothing to free. Objects frozen (``gc.freeze``) are
never scanned again; what the command makes after that is collected as usual.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop the collector until :func:`settle` (a command's start: imports, first answer)."""
    gc.disable()


def settle() -> None:
    """After a first answer: freeze what exists and collect again from here on. Does nothing
    when the collector was not paused (a caller that never started as a command)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def leave() -> None:
    """Before the process exits: spare Python's last sweep over every object."""
    gc.freeze()
