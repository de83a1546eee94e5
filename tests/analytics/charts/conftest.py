"""Helpers for chart tests: decode a chart's PNG and check what every chart must satisfy."""

from __future__ import annotations

import re
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from analytics.charts import ChartImage
from analytics.classifier.training import train

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT = 1200, 700
MIN_STD = 10.0  # pixel standard deviation: a blank or single-colour image is far below
MIN_COLOURS = 30  # anti-aliased text and lines alone give hundreds
FILENAME = re.compile(r"[a-z0-9][a-z0-9-]*\.png")


def pixels(image: ChartImage) -> np.ndarray:
    """The chart as an H x W x 3 uint8 array."""
    with Image.open(BytesIO(image.png)) as decoded:
        return np.asarray(decoded.convert("RGB"))


def near(rgb: np.ndarray, colour: str | tuple, tolerance: int = 12) -> int:
    """How many pixels lie within ``tolerance`` (per channel) of ``colour`` (hex or RGB)."""
    if isinstance(colour, str):
        colour = tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    diff = np.abs(rgb.astype(int) - np.array(colour, dtype=int))
    return int((diff <= tolerance).all(axis=2).sum())


def over_white(colour: str, alpha: float) -> tuple[int, int, int]:
    """The RGB a colour drawn at ``alpha`` on white shows as."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return tuple(round(alpha * c + (1 - alpha) * 255) for c in rgb)


def assert_valid_chart(image: ChartImage) -> np.ndarray:
    """A 1200x700 PNG that is not blank, with alt text and a tidy file name; its pixels."""
    assert isinstance(image, ChartImage)
    assert image.png.startswith(PNG_SIGNATURE)
    rgb = pixels(image)
    height, width = rgb.shape[:2]
    assert abs(width - WIDTH) <= 1
    assert abs(height - HEIGHT) <= 1
    assert rgb.std() > MIN_STD
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > MIN_COLOURS
    assert image.alt.strip()
    assert FILENAME.fullmatch(image.filename), image.filename
    return rgb


@pytest.fixture(scope="module")
def demo_model(_demo_frame):
    """The classifier trained on the demo history (slow enough to share per module)."""
    return train(_demo_frame)
