"""What the XML readers (GPX, TCX) share: recognising a root, parsing or refusing, names
without namespaces, and timestamps in UTC."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from etl.errors import RefusedFile


def has_root(text: str, root: str) -> bool:
    """Whether ``text`` is an XML document whose root element is called ``root``."""
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") and f"<{root.lower()}" in head


def parse_document(text: str, *, file_name: str, kind: str) -> ET.Element:
    """The document's root element; a damaged or truncated one is refused with the reason."""
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise RefusedFile(
            file_name,
            f"the {kind} file is damaged or cut short ({exc}).",
            "Export the activity again.",
        ) from None


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
