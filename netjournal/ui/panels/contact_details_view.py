"""A person's contact details under their name: one compact line each, addresses as links.

Values are the user's own text, so every one is escaped before it goes into
rich text, and only ``mailto:``, ``tel:`` and http(s) addresses become links:
a value such as ``javascript:…`` or ``file:…`` stays plain text.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QWidget

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.birthdays import birthday_facts
from netjournal.services.contact_details import FIELD_LABELS, display_value
from netjournal.ui.i18n import tr
from netjournal.ui.widgets.common import clear_layout, label, set_text

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_WEB_SCHEMES = ("http", "https")
_WEB_PREFIX = re.compile(r"^https?://(www\.)?", re.IGNORECASE)


def detail_url(detail: ContactDetail) -> QUrl | None:
    """Where a click on the detail should go, or None when it is no address to open."""
    value = detail.value.strip()
    if detail.field is DetailField.EMAIL:
        # Built from parts, so nothing in the value can become a query (?attach=…) or a second recipient.
        url = QUrl()
        url.setScheme("mailto")
        url.setPath(value.removeprefix("mailto:"), QUrl.ParsingMode.DecodedMode)
        return url
    if detail.field is DetailField.PHONE:
        dialable = ("+" if value.startswith("+") else "") + "".join(c for c in value if c.isdigit())
        return QUrl("tel:" + dialable) if dialable.strip("+") else None
    if detail.field is DetailField.WEB:
        scheme = _SCHEME.match(value)
        if scheme is None:
            value = "https://" + value  # "www.example.com" or "example.com/me"
        elif scheme.group(1).lower() not in _WEB_SCHEMES:
            return None
        url = QUrl(value)
        return url if url.isValid() and url.host() else None
    return None


def birthday_line(value: str, today: dt.date) -> str:
    """ "15 April 1985 (41)", with "in 5 days" when it comes within two weeks."""
    facts = birthday_facts(value, today)
    if facts is None:
        return value
    text = facts.text if facts.age is None else f"{facts.text} ({facts.age})"
    if facts.is_soon:
        soon = {0: tr("today"), 1: tr("tomorrow")}.get(facts.days_until) or tr("in {0} days").format(facts.days_until)
        text += f" · {soon}"
    return text


def shown_value(detail: ContactDetail, today: dt.date) -> str:
    """The value as the panel prints it: a web address without its "https://www." to keep the line short."""
    if detail.field is DetailField.BIRTHDAY:
        return birthday_line(detail.value, today)
    if detail.field is DetailField.WEB:
        return _WEB_PREFIX.sub("", detail.value).rstrip("/") or detail.value
    return display_value(detail)


class ContactDetailsView(QWidget):
    """The details of the person shown, a muted caption beside each; hidden when they have none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetails")
        self.setAccessibleName(tr("Contact details"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(1)
        self._grid.setColumnStretch(1, 1)
        self.hide()

    def set_details(self, details: tuple[ContactDetail, ...], today: dt.date) -> None:
        clear_layout(self._grid)
        for row, detail in enumerate(details):
            caption = label(detail.label or tr(FIELD_LABELS[detail.field]), name="detailCaption", muted=True)
            caption.setWordWrap(False)
            self._grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(self._line(detail, today), row, 1)
        self.setVisible(bool(details))

    def clear(self) -> None:
        clear_layout(self._grid)
        self.hide()

    def _line(self, detail: ContactDetail, today: dt.date) -> QWidget:
        kind = tr(FIELD_LABELS[detail.field])
        text = html.escape(shown_value(detail, today))
        url = detail_url(detail)
        if url is not None:
            href = html.escape(url.toString(QUrl.ComponentFormattingOption.FullyEncoded), quote=True)
            text = f'<a href="{href}">{text}</a>'
        line = label(name=f"{detail.field.value}Detail", rich=True)
        set_text(line, text, f"{kind}, {detail.label}" if detail.label else kind)
        if url is not None:
            # Opened by the desktop's own mail client, dialler or browser; reachable with Tab too.
            line.setOpenExternalLinks(False)
            line.linkActivated.connect(lambda href: QDesktopServices.openUrl(QUrl(href)))
            line.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
        return line
