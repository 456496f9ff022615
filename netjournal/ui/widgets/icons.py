"""SVG icons from resources/, tinted to the current palette.

The SVG files draw in ``#000000``; rendering replaces that with the colour
asked for, so one file serves light and dark palettes and the given/received
colours alike.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


@cache
def _svg_text(name: str) -> str:
    return resources.files("netjournal.resources").joinpath("icons", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, color: QColor | str, size: int = 16, device_pixel_ratio: float = 1.0) -> QPixmap:
    colour = QColor(color).name()
    renderer = QSvgRenderer(QByteArray(_svg_text(name).replace("#000000", colour).encode("utf-8")))
    physical = int(size * device_pixel_ratio)
    image = QPixmap(QSize(physical, physical))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, physical, physical))
    painter.end()
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


def icon(name: str, color: QColor | str, size: int = 16) -> QIcon:
    result = QIcon()
    for ratio in (1.0, 2.0):
        result.addPixmap(pixmap(name, color, size, ratio))
    return result
