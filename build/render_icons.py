"""Render the app icon into a hicolor icon tree: the SVG itself, and PNGs of 16 to 512 pixels.

    .venv/bin/python build/render_icons.py OUT_FOLDER    # writes OUT_FOLDER/hicolor/48x48/apps/... and so on

Drawn from resources/icons/netjournal.svg with Qt's own SVG renderer (no other tool needed);
the same pictures serve as the icon of journal files (mimetypes/application-x-netjournal).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "org.netjournal.netjournal"
MIME_ICON = "application-x-netjournal"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "netjournal.svg"


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main(out: Path) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    written = 0
    for context, name in (("apps", APP_ID), ("mimetypes", MIME_ICON)):
        scalable = out / "hicolor" / "scalable" / context
        scalable.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE, scalable / f"{name}.svg")
        for size in SIZES:
            folder = out / "hicolor" / f"{size}x{size}" / context
            folder.mkdir(parents=True, exist_ok=True)
            if not render(size, renderer).save(str(folder / f"{name}.png"), "PNG"):
                print(f"render_icons: could not write {folder / name}.png", file=sys.stderr)
                return 1
            written += 1
    print(f"render_icons: {written} PNGs ({', '.join(map(str, SIZES))} px) and 2 SVGs in {out / 'hicolor'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
