"""A small printed-document engine: headings, paragraphs, tables and charts on QPdfWriter.

Laid out in two passes (measure everything, then paint), so every footer can
say "page X of Y".  A table row or a paragraph is never split across pages; a
heading stays with what follows it, and a table continued on a new page
repeats its column headings.  Everything is vector (text and QPainter
drawing), black and greys only apart from charts, whose colours are chosen to
stay apart in grey-scale.  Qt embeds (subsets of) the fonts it uses.  The PDF
is built in memory: the caller decides where, and how safely, it is written.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QLineF, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

RESOLUTION = 300  # dots per inch: plenty for vector output, fine for hairlines
MARGIN_MM = 18.0
INK = QColor("#000000")
MUTED = QColor("#555555")
RULE = QColor("#999999")
TABLE_HEAD = QColor("#e6e6e6")


def tr(text: str) -> str:
    # The same hook and context as netjournal.ui.i18n, so one translation file serves both.
    return QCoreApplication.translate("netjournal", text)


class Paper(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"


# Letter is the norm in the Americas outside the metric paper countries; A4 everywhere else.
_LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.PuertoRico,
    }
)


def default_paper(locale: QLocale | None = None) -> Paper:
    """Letter where the locale measures in US units or uses Letter paper, else A4."""
    locale = locale or QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return Paper.LETTER
    return Paper.LETTER if locale.territory() in _LETTER_TERRITORIES else Paper.A4


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    muted: bool = False
    bold: bool = False
    keep_with_next: bool = False  # a caption or a date line: never left alone at the foot of a page


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    widths: tuple[float, ...]  # shares of the text width, one per column
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    height_lines: float  # in body-text lines, so it scales with the font
    paint: Callable[[QPainter, QRectF], None]


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    subtitle: str
    author: str
    subject: str
    made_on: dt.date
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(slots=True)
class _Placed:
    """One thing to paint at ``y`` on a page: a text box, a table row or a chart."""

    y: float
    height: float
    draw: Callable[[QPainter, float], None]


def _pt(points: float) -> float:
    return points * RESOLUTION / 72


class _Layout:
    """Measures blocks against the page and deals them out onto pages."""

    def __init__(self, painter: QPainter, body: QRectF, family: str) -> None:
        self.painter = painter
        self.body = body
        self.pages: list[list[_Placed]] = [[]]
        self.y = body.top()
        self.fonts = {
            "body": self._font(family, 9.5),
            "bold": self._font(family, 9.5, bold=True),
            "heading": self._font(family, 12.5, bold=True),
            "small": self._font(family, 8.5),
        }

    @staticmethod
    def _font(family: str, size: float, *, bold: bool = False) -> QFont:
        font = QFont(family)
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def text_height(self, text: str, font: QFont, width: float) -> float:
        self.painter.setFont(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e7), flags, text).height()

    def line_height(self) -> float:
        return self.text_height("Ag", self.fonts["body"], self.body.width())

    def fits(self, height: float) -> bool:
        return self.y + height <= self.body.bottom()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.body.top()

    def place(self, height: float, draw: Callable[[QPainter, float], None], gap: float = 0.0) -> None:
        if not self.fits(height) and self.pages[-1]:
            self.new_page()
        self.pages[-1].append(_Placed(self.y, height, draw))
        self.y += height + gap


def _text_drawer(text: str, font: QFont, colour: QColor, rect: QRectF) -> Callable[[QPainter, float], None]:
    def draw(painter: QPainter, y: float) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRectF(rect.left(), y, rect.width(), rect.height()), int(Qt.TextFlag.TextWordWrap), text)

    return draw


def _lay_paragraph(layout: _Layout, block: Paragraph, keep_with: float = 0.0) -> None:
    font = layout.fonts["bold" if block.bold else "body"]
    height = layout.text_height(block.text, font, layout.body.width())
    if keep_with and not layout.fits(height + _pt(3) + keep_with) and layout.pages[-1]:
        layout.new_page()
    rect = QRectF(layout.body.left(), 0, layout.body.width(), height)
    layout.place(height, _text_drawer(block.text, font, MUTED if block.muted else INK, rect), gap=_pt(3))


def _row_drawer(cells: Sequence[str], xs: Sequence[float], ws: Sequence[float], font: QFont, head: bool, pad: float):
    def draw(painter: QPainter, y: float, height: float) -> None:
        if head:
            painter.fillRect(QRectF(xs[0], y, sum(ws), height), TABLE_HEAD)
        painter.setFont(font)
        painter.setPen(INK)
        for text, x, w in zip(cells, xs, ws, strict=True):
            cell = QRectF(x + pad, y + pad, w - 2 * pad, height - 2 * pad)
            painter.drawText(cell, int(Qt.TextFlag.TextWordWrap), text)
        painter.setPen(QPen(RULE, _pt(0.4)))
        painter.drawLine(QLineF(xs[0], y + height, xs[0] + sum(ws), y + height))

    return draw


def _lay_table(layout: _Layout, block: Table, keep_with: float) -> None:
    total = sum(block.widths)
    ws = [layout.body.width() * w / total for w in block.widths]
    xs = [layout.body.left() + sum(ws[:i]) for i in range(len(ws))]
    pad = _pt(2.5)

    def measure(cells: Sequence[str], font: QFont) -> float:
        return max(layout.text_height(t or " ", font, w - 2 * pad) for t, w in zip(cells, ws, strict=True)) + 2 * pad

    head_font, body_font = layout.fonts["bold"], layout.fonts["body"]
    head_h = measure(block.columns, head_font)
    head_draw = _row_drawer(block.columns, xs, ws, head_font, True, pad)

    def put_head() -> None:
        layout.pages[-1].append(_Placed(layout.y, head_h, lambda p, y: head_draw(p, y, head_h)))
        layout.y += head_h

    rows = [(cells, measure(cells, body_font)) for cells in block.rows]
    first = rows[0][1] if rows else 0.0
    if not layout.fits(head_h + first + keep_with) and layout.pages[-1]:
        layout.new_page()
    put_head()
    for cells, height in rows:
        if not layout.fits(height):
            layout.new_page()
            put_head()  # a continued table keeps its column headings
        draw = _row_drawer(cells, xs, ws, body_font, False, pad)
        layout.pages[-1].append(_Placed(layout.y, height, lambda p, y, d=draw, h=height: d(p, y, h)))
        layout.y += height
    layout.y += _pt(6)


def _first_height(layout: _Layout, block: Block | None) -> float:
    """What must fit after a heading so it is not left alone at the bottom of a page."""
    if isinstance(block, Paragraph):
        return layout.text_height(block.text, layout.fonts["body"], layout.body.width())
    if isinstance(block, Table):
        return layout.line_height() * 3
    if isinstance(block, Chart):
        return layout.line_height() * block.height_lines
    return 0.0


def _lay_out(layout: _Layout, blocks: Sequence[Block]) -> None:
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            font = layout.fonts["heading"]
            height = layout.text_height(block.text, font, layout.body.width())
            after = _first_height(layout, blocks[index + 1] if index + 1 < len(blocks) else None)
            if not layout.fits(_pt(8) + height + after) and layout.pages[-1]:
                layout.new_page()
            if layout.pages[-1]:
                layout.y += _pt(8)
            rect = QRectF(layout.body.left(), 0, layout.body.width(), height)
            layout.place(height, _text_drawer(block.text, font, INK, rect), gap=_pt(4))
        elif isinstance(block, Paragraph):
            following = blocks[index + 1] if block.keep_with_next and index + 1 < len(blocks) else None
            _lay_paragraph(layout, block, _first_height(layout, following))
        elif isinstance(block, Table):
            _lay_table(layout, block, 0.0)
        else:
            height = layout.line_height() * block.height_lines
            left, width = layout.body.left(), layout.body.width()
            font = layout.fonts["body"]

            def draw(painter: QPainter, y: float, c=block, h=height, f=font, x=left, w=width) -> None:
                painter.setFont(f)
                c.paint(painter, QRectF(x, y, w, h))

            layout.place(height, draw, gap=_pt(6))


def _page_furniture(painter: QPainter, layout: _Layout, page: QRectF, doc: Document, number: int, total: int) -> None:
    fonts = layout.fonts
    painter.setFont(fonts["heading"])
    painter.setPen(INK)
    title_h = layout.text_height(doc.title, fonts["heading"], page.width())
    painter.drawText(QRectF(page.left(), page.top(), page.width(), title_h), int(Qt.AlignmentFlag.AlignLeft), doc.title)
    painter.setFont(fonts["small"])
    painter.setPen(MUTED)
    sub_h = layout.text_height(doc.subtitle, fonts["small"], page.width())
    painter.drawText(QRectF(page.left(), page.top() + title_h, page.width(), sub_h), 0, doc.subtitle)
    rule_y = page.top() + title_h + sub_h + _pt(3)
    painter.setPen(QPen(RULE, _pt(0.6)))
    painter.drawLine(QLineF(page.left(), rule_y, page.right(), rule_y))
    foot_h = layout.text_height("Ag", fonts["small"], page.width())
    foot = QRectF(page.left(), page.bottom() - foot_h, page.width(), foot_h)
    painter.drawLine(QLineF(page.left(), foot.top() - _pt(3), page.right(), foot.top() - _pt(3)))
    painter.setPen(MUTED)
    painter.setFont(fonts["small"])
    made = tr("Made on {0}").format(doc.made_on.isoformat())
    painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft), made)
    painter.drawText(foot, int(Qt.AlignmentFlag.AlignRight), tr("page {0} of {1}").format(number, total))


def _writer_setup(writer: QPdfWriter, doc: Document, paper: Paper) -> None:
    writer.setResolution(RESOLUTION)
    size = QPageSize(QPageSize.PageSizeId.A4 if paper is Paper.A4 else QPageSize.PageSizeId.Letter)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM * 0.8, MARGIN_MM, MARGIN_MM * 0.8)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter))
    writer.setTitle(doc.title)
    writer.setAuthor(doc.author)
    writer.setCreator("netjournal")
    # QPdfWriter has no subject setter; the XMP packet carries it (dc:description) with the rest.
    writer.setDocumentXmpMetadata(QByteArray(_xmp(doc).encode()))


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xmp(doc: Document) -> str:
    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<dc:title>{alt(doc.title)}</dc:title><dc:description>{alt(doc.subject)}</dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{_xml(doc.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<xmp:CreatorTool>netjournal</xmp:CreatorTool><xmp:CreateDate>{doc.made_on.isoformat()}</xmp:CreateDate>"
        "<pdf:Producer>netjournal</pdf:Producer>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def render_pdf(doc: Document, paper: Paper | None = None) -> bytes:
    """The document as PDF bytes (needs a QGuiApplication, for fonts)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    _writer_setup(writer, doc, paper or default_paper())
    painter = QPainter(writer)
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION)).translated(
            -writer.pageLayout().paintRectPixels(RESOLUTION).topLeft()
        )
        layout = _Layout(painter, page, QFont().defaultFamily())
        fonts = layout.fonts
        head = layout.text_height("Ag", fonts["heading"], page.width()) + layout.text_height(
            "Ag", fonts["small"], page.width()
        )
        foot = layout.text_height("Ag", fonts["small"], page.width())
        body = page.adjusted(0, head + _pt(12), 0, -(foot + _pt(10)))
        layout.body = body
        layout.y = body.top()
        _lay_out(layout, doc.blocks)
        pages = [p for p in layout.pages if p] or [[]]
        for number, placed in enumerate(pages, 1):
            if number > 1:
                writer.newPage()
            _page_furniture(painter, layout, page, doc, number, len(pages))
            for item in placed:
                item.draw(painter, item.y)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())


def write_document(doc: Document, destination: Path, *, paper: Paper | None = None, force: bool = False) -> Path:
    """Render ``doc`` and write it to ``destination`` atomically (0600); refuse to replace a file unless ``force``."""
    from netjournal.exports.atomic import write_atomically
    from netjournal.store.errors import JournalError

    destination = destination.expanduser().absolute()
    if destination.exists() and not force and not destination.is_dir():
        raise JournalError(f"{destination} already exists; nothing was written (add --force to replace it).")
    data = render_pdf(doc, paper)  # before the temp file: a failed render leaves nothing

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomically(destination, write)
