"""Overdue: people past their keep-in-touch rhythm, most valuable first, a key away from a touchpoint."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from netjournal.services.overdue import OverduePerson, overdue_people
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.views.person_table import KeyTable
from netjournal.ui.widgets.common import days_text, format_date


class OverdueView(ViewPage):
    touchpointRequested = Signal(int)  # a person id
    personRequested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "overdueView", tr("Overdue"), parent)
        self.today: dt.date | None = None  # tests fix the day; otherwise the calendar's
        self.table = KeyTable(
            [tr("Person"), tr("Overdue by"), tr("Rhythm"), tr("Last entry"), tr("Value, two years")],
            [Qt.Key.Key_Return, Qt.Key.Key_T, Qt.Key.Key_P],
            self,
        )
        self.table.setObjectName("overdueList")
        self.table.setAccessibleName(tr("People past their keep-in-touch rhythm"))
        self.table.keyPressed.connect(self._key)
        self.body.addWidget(self.table, 1)

    def reload(self) -> None:
        found = overdue_people(self.session.journal, self.today or dt.date.today())
        if not found.people:
            self.caption.setText(tr("Nobody is past their keep-in-touch rhythm."))
        else:
            shown = (
                ""
                if found.total == len(found.people)
                else tr(" (the {0} most valuable shown)").format(len(found.people))
            )
            self.caption.setText(
                tr(
                    "{total} people are past their rhythm{shown}, ranked by the significance of what moved both ways"
                    " in the last two years. Enter or T logs a touchpoint; P opens their timeline."
                ).format(total=found.total, shown=shown)
                if found.total != 1
                else tr("One person is past their rhythm. Enter or T logs a touchpoint; P opens their timeline.")
            )
        self.table.set_rows([(person, self._texts(person)) for person in found.people])

    def _texts(self, person: OverduePerson) -> list[str]:
        name = f"{person.name} · {person.organisation}" if person.organisation else person.name
        return [
            name,
            days_text(person.days_overdue),
            tr("every {0}").format(days_text(person.cadence_days)),
            format_date(person.last_entry_on),
            tr("gave {given} · received {received}").format(
                given=person.given_significance, received=person.received_significance
            ),
        ]

    def _key(self, key: int, person: object) -> None:
        if not isinstance(person, OverduePerson):
            return
        if key == Qt.Key.Key_P:
            self.personRequested.emit(person.id)
        else:
            self.touchpointRequested.emit(person.id)

    def clear(self) -> None:
        self.table.clear()
