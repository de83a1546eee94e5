"""What the XML readers (GPX, TCX) share: recognising a root, parsing within bounds or refusing,
names without namespaces, and timestamps in UTC.

Before a document's tree is built its bytes are measured against the bounds of
:mod:`etl.limits` (how much XML may pass without an element starting or ending, how many elements
and how deep), and the time one file may take is checked as it is fed. Expat itself refuses
entity-expansion bombs and never fetches external entities.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import numpy as np

from etl.errors import RefusedFile
from etl.limits import (
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
    MAX_XML_RUN,
    check_time,
    megabytes,
    over_limit,
)

CHUNK = 1 << 20
_NAME = re.compile(r"[^\s/>]{1,200}")


def root_name(text: str) -> str | None:
    """The name of the document's first element (namespace prefix dropped), or None when the
    text is not XML. The prolog is skipped whatever its size within :data:`MAX_XML_RUN`: the
    declaration, comments, processing instructions and a DOCTYPE with its internal subset."""
    at = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    while at < min(len(text), MAX_XML_RUN):
        if not text.startswith("<", at):
            return None
        if text.startswith("<?", at):
            at = _past(text, "?>", at)
        elif text.startswith("<!--", at):
            at = _past(text, "-->", at)
        elif text.startswith("<!DOCTYPE", at) or text.startswith("<!doctype", at):
            bracket, close = text.find("[", at), text.find(">", at)
            at = _past(text, "]", bracket) if 0 <= bracket < close else close
            at = _past(text, ">", at) if at >= 0 else -1
        else:
            found = _NAME.match(text, at + 1)
            return found[0].rsplit(":", 1)[-1] if found else None
        if at < 0:
            return None
        at = len(text) - len(text[at:].lstrip(" \t\r\n")) if at < len(text) else at
    return None


def _past(text: str, end: str, start: int) -> int:
    found = text.find(end, start)
    return -1 if found < 0 else found + len(end)


def has_root(text: str, root: str) -> bool:
    """Whether ``text`` is an XML document whose root element is called ``root``."""
    name = root_name(text)
    return name is not None and name.lower() == root.lower()


def parse_document(text: str, *, file_name: str, kind: str) -> ET.Element:
    """The document's root element, parsed within bounds; a damaged or truncated document is
    refused with the reason, one past a bound with the bound it passed."""
    _check_shape(text.encode("utf-8", "surrogatepass"), file_name)
    parser = ET.XMLParser()
    try:
        for at in range(0, len(text), CHUNK):
            check_time()
            parser.feed(text[at : at + CHUNK])
        root = parser.close()
    except ET.ParseError as exc:
        raise parse_refusal(
            exc, file_name, f"the {kind} file", "Export the activity again."
        ) from None
    return root


def _check_shape(data: bytes, file_name: str) -> None:
    """Refuse a document past a bound before the tree is built, from its bytes alone (numpy, so
    a 50 MB file takes milliseconds): the longest run without a tag starting, the number of
    elements and how deep they nest. Comments and CDATA count as text; the figures can only
    err towards more elements, never fewer."""
    raw = np.frombuffer(data, dtype=np.uint8)
    tags = np.flatnonzero(raw == ord("<"))
    gaps = np.diff(np.concatenate(([-1], tags, [raw.size])))
    if gaps.max() > MAX_XML_RUN:
        raise over_limit(
            file_name,
            f"it holds more than {megabytes(MAX_XML_RUN)} of XML without an element starting or "
            "ending (a text, a tag or a comment that size).",
        )
    after = raw[np.minimum(tags + 1, raw.size - 1)]
    opens = tags[(after != ord("/")) & (after != ord("?")) & (after != ord("!"))]
    if opens.size > MAX_XML_ELEMENTS:
        raise over_limit(
            file_name, f"it holds more than {MAX_XML_ELEMENTS:,} elements, more than any export."
        )
    closes = np.concatenate(
        (tags[after == ord("/")], np.flatnonzero((raw[:-1] == ord("/")) & (raw[1:] == ord(">"))))
    )
    moves = np.concatenate((np.ones(opens.size, np.int64), -np.ones(closes.size, np.int64)))
    order = np.argsort(np.concatenate((opens, closes)), kind="stable")
    if moves.size and np.cumsum(moves[order]).max() > MAX_XML_DEPTH:
        raise over_limit(file_name, f"its elements nest deeper than {MAX_XML_DEPTH} levels.")


def parse_refusal(exc: ET.ParseError, file_name: str, what: str, hint: str) -> RefusedFile:
    """The refusal of a document expat stopped: an entity bomb or an entity from outside the
    file said as such, anything else as damage (with expat's reason and place)."""
    reason = str(exc)
    if "amplification" in reason:
        return over_limit(
            file_name, f"{what}'s entities expand far beyond its size (an entity bomb): {reason}."
        )
    if "undefined entity" in reason:
        return RefusedFile(
            file_name,
            f"{what} uses an entity it does not define ({reason}); entities from outside the "
            "file are never read.",
            hint,
        )
    return RefusedFile(file_name, f"{what} is damaged or cut short ({reason}).", hint)


def local(tag: str) -> str:
    """An element's name without its namespace, lower-cased."""
    return tag.rsplit("}", 1)[-1].lower()


def utc_time(text: str | None) -> datetime | None:
    """An ISO timestamp as an aware UTC datetime (no zone: UTC), or None."""
    try:
        moment = datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def namespace(element: ET.Element) -> str:
    """The ``{uri}`` prefix of the element's tag ("" without a namespace): prefixed names let
    ElementTree filter in C, far faster than comparing every element's local name."""
    tag = element.tag
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""
