"""Replies in a terminal: text, facts and tables printed; charts and files written to a folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.reply import Reply, Table, plain

MAX_CELL = 60


def render_reply(reply: Reply, *, out_dir: Path) -> str:
    """The reply as terminal text; charts and attachments are saved under ``out_dir``."""
    lines = [reply.title.upper() if reply.kind != "error" else f"! {reply.title}", ""]
    if reply.reading:
        lines += [f"({plain(reply.reading)})", ""]
    lines.append(plain(reply.text))
    if reply.facts:
        width = max(len(name) for name, _ in reply.facts)
        lines += [""] + [f"  {name:<{width}}  {value}" for name, value in reply.facts]
    if reply.table is not None and reply.table.rows:
        lines += ["", render_table(reply.table)]
    saved = save_files(reply, out_dir) if (reply.charts or reply.attachments) else []
    lines += [""] * bool(saved) + saved
    for row in reply.rows:
        said = " | ".join(f"`{b.reply}`" for b in row.buttons)
        lines += [f"  • {plain(row.text)}", f"      type {plain(said)}"]
    if reply.buttons:
        offered = "   ".join(f"[{i}] {b.text}" for i, b in enumerate(reply.buttons, 1))
        lines += ["", offered + "   (type the number)"]
    return "\n".join(lines).rstrip() + "\n"


def render_table(table: Table) -> str:
    """Columns padded to their widest cell (cells clipped to a readable width)."""
    cells = [[_clip(plain(str(c))) for c in row] for row in (table.columns, *table.rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def save_files(reply: Reply, out_dir: Path) -> list[str]:
    """Write the reply's charts and attachments; one line per file saying where it went."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    lines = []
    for chart in reply.charts:
        path = _unique(out_dir / f"{stamp}-{chart.filename}")
        path.write_bytes(chart.png)
        lines.append(f"chart: {path}  ({chart.alt})")
    for attachment in reply.attachments:
        path = _unique(out_dir / f"{stamp}-{attachment.filename}")
        path.write_bytes(attachment.data)
        lines.append(f"file: {path}  ({len(attachment.data):,} bytes)")
    return lines


def _unique(path: Path) -> Path:
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _clip(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
