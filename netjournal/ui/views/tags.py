"""Tags: every tag with how many people carry it; activating one filters the contact list by it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from netjournal.services.tag_counts import TagCount, tag_counts
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.views.person_table import KeyTable
from netjournal.ui.widgets.common import plural


class TagsView(ViewPage):
    tagActivated = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "tagsView", tr("Tags"), parent)
        self.table = KeyTable([tr("Tag"), tr("People")], [Qt.Key.Key_Return], self)
        self.table.setObjectName("tagsList")
        self.table.setAccessibleName(tr("Tags and how many people carry each"))
        self.table.keyPressed.connect(self._key)
        self.body.addWidget(self.table, 1)

    def reload(self) -> None:
        counts = tag_counts(self.session.journal)
        self.caption.setText(
            tr("Nobody has a tag yet: add some in a person's details (Ctrl+Shift+E).")
            if not counts
            else plural(len(counts), tr("One tag."), tr("{0} tags, most used first."))
            + " "
            + tr("Enter shows the people with the selected tag.")
        )
        self.table.set_rows([(count, [count.tag, self._people(count)]) for count in counts])

    def _people(self, count: TagCount) -> str:
        text = plural(count.people, tr("1 person"), tr("{0} people"))
        if count.archived:
            text += tr(" ({0} archived)").format(count.archived)
        return text

    def _key(self, _key: int, count: object) -> None:
        if isinstance(count, TagCount):
            self.tagActivated.emit(count.tag)

    def clear(self) -> None:
        self.table.clear()
