"""What the XML readers (GPX, TCX) share: recognising a root, parsing within bounds or refusing,
names without namespaces, and timestamps in UTC.

Documents are parsed as a stream of element events, so every bound of :mod:`etl.limits` holds
while the text is read: how deep elements nest, how much XML may pass without an element starting
or ending (a text, an attribute, a comment), and the time one file may take. Expat itself refuses
entity-expansion bombs and never fetches external entities.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from etl.errors import RefusedFile
from etl.limits import MAX_XML_DEPTH, MAX_XML_RUN, check_time, megabytes, over_limit

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
    parser = ET.XMLPullParser(events=("start", "end"))
    root, depth, quiet = None, 0, 0
    try:
        for at in range(0, len(text), CHUNK):
            check_time()
            piece = text[at : at + CHUNK]
            parser.feed(piece)
            quiet += len(piece)
            for event, element in parser.read_events():
                quiet = 0
                depth += 1 if event == "start" else -1
                root = element if root is None else root
                if depth > MAX_XML_DEPTH:
                    raise over_limit(
                        file_name, f"its elements nest deeper than {MAX_XML_DEPTH} levels."
                    )
            if quiet > MAX_XML_RUN:
                raise over_limit(
                    file_name,
                    f"it holds more than {megabytes(MAX_XML_RUN)} of XML without an element "
                    "starting or ending (a text, a tag or a comment that size).",
                )
        parser.close()
    except ET.ParseError as exc:
        raise parse_refusal(
            exc, file_name, f"the {kind} file", "Export the activity again."
        ) from None
    if root is None:
        raise RefusedFile(file_name, f"the {kind} file holds no elements.", "")
    return root


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
