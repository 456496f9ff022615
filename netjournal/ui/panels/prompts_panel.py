"""Today's reflection prompts as cards: answer, snooze for a week, or dismiss.

The cards come from ``services.prompting.prompts_for``; every action goes
through that module, and the panel redraws only when the journal says it
changed (bursts of changes coalesce into one refresh).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import Entity
from netjournal.insights.prompts import DuePrompt
from netjournal.services import prompting
from netjournal.services.errors import JournalError
from netjournal.services.events import JournalChange
from netjournal.services.people import get_person
from netjournal.services.validation import NotFoundError
from netjournal.ui.dialogs.entry_dialogs import ReflectionDialog
from netjournal.ui.session import Session
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import LinkButton, clear_layout, label, later
from netjournal.ui.widgets.flow_layout import FlowLayout

# What can change today's prompts (a circumstance cannot: no trigger reads it).
REFRESH_ON = frozenset(
    {
        Entity.EXCHANGE, Entity.TOUCHPOINT, Entity.LOOP, Entity.REFLECTION, Entity.PROMPT_STATE, Entity.PERSON,
        Entity.BROKERED_INTRODUCTION,
    }
)  # fmt: skip
SNOOZE_DAYS = 7


def first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


class PromptCard(QFrame):
    """One prompt: its text, why it is shown, and what can be done with it."""

    answerRequested = Signal(object)
    snoozeRequested = Signal(object)
    dismissRequested = Signal(object)
    personRequested = Signal(int)

    def __init__(self, prompt: DuePrompt, person_name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.setObjectName("promptCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(self.tr("Prompt: {0}").format(prompt.text))
        self.setAccessibleDescription(prompt.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(4)
        reason = label(prompt.reason, name="promptReason", muted=True)
        text = label(prompt.text, name="promptText")
        text.setForegroundRole(QPalette.ColorRole.Text)  # on Base, like an input field
        layout.addWidget(reason)
        layout.addWidget(text)
        if prompt.person_id is not None and person_name:
            link = LinkButton(self.tr("Open {0}").format(person_name))
            link.setObjectName("promptPersonLink")
            link.setAccessibleName(link.text())
            link.clicked.connect(lambda: self.personRequested.emit(prompt.person_id))
            layout.addWidget(link)
        buttons = FlowLayout(spacing=6)  # onto a second line when the side column is narrow
        words = first_words(prompt.text)
        for name, caption, accessible, signal in (
            ("answerPromptButton", self.tr("Answer…"), self.tr("Answer: {0}"), self.answerRequested),
            ("snoozePromptButton", self.tr("Snooze a week"), self.tr("Snooze for a week: {0}"), self.snoozeRequested),
            ("dismissPromptButton", self.tr("Dismiss"), self.tr("Dismiss: {0}"), self.dismissRequested),
        ):
            button = QPushButton(caption)
            button.setObjectName(name)
            button.setAccessibleName(accessible.format(words))
            button.clicked.connect(lambda _=False, s=signal: s.emit(self.prompt))
            buttons.addWidget(button)
        layout.addSpacing(4)
        layout.addLayout(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hasFocus():
            self.answerRequested.emit(self.prompt)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        focused = self.hasFocus()
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        painter.setPen(QPen(self.palette().color(role), 2 if focused else 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PromptsPanel(QWidget):
    """Today's reflection prompts; the empty state says so calmly."""

    personRequested = Signal(int)
    countChanged = Signal(int)  # how many prompts are shown, after each refresh (0 once cleared)

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today
        self._cards: list[PromptCard] = []
        self.setObjectName("promptsPanel")
        self.setAccessibleName(self.tr("Reflection prompts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(4)
        layout.addWidget(label(self.tr("Reflection prompts"), name="promptsTitle", bold=True, scale=1.3))
        self._date = label(name="promptsDate", muted=True)
        layout.addWidget(self._date)
        layout.addSpacing(6)
        # Says what became of the last answer: the card it answered is gone, so the answer must show somewhere.
        self.confirmation = label(name="promptsConfirmation")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        layout.addWidget(self.confirmation)
        self._empty = label(self.tr("Nothing asks for your attention today."), name="promptsEmpty", muted=True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # "Go to prompts" lands here when there are none
        self._empty.hide()
        layout.addWidget(self._empty, 1)
        scroll = QScrollArea()
        scroll.setObjectName("promptsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("promptsBody")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 4, 0, 4)
        self._list = QVBoxLayout()
        self._list.setSpacing(10)
        outer.addLayout(self._list)
        outer.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self._scroll = scroll
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        session.changed.connect(self._on_changed)
        session.closed.connect(self.clear)
        # After the window's first paint: the prompts need a few queries the list does not wait for.
        session.opened.connect(self._refresh_timer.start)
        if session.is_open:
            self.refresh()
        else:
            self.clear()

    # -- public ------------------------------------------------------------------

    def prompts(self) -> list[DuePrompt]:
        """The prompts shown now, in order."""
        return [card.prompt for card in self._cards]

    def cards(self) -> list[PromptCard]:
        return list(self._cards)

    def focus_first(self) -> None:
        """Put the keyboard on the first prompt, or on the note that there is none."""
        if self._cards:
            self._cards[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif not self._empty.isHidden():
            self._empty.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        self._refresh_timer.stop()
        if not self._session.is_open:
            self.clear()
            return
        today = self._today()
        focus = QApplication.focusWidget()
        focused = None
        if focus is not None:
            focused = next((i for i, c in enumerate(self._cards) if c is focus or c.isAncestorOf(focus)), None)
        self._date.setText(QLocale().toString(QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat))
        prompts = prompting.prompts_for(self._session.journal, today)
        self._remove_cards()
        for prompt in prompts:
            card = PromptCard(prompt, self._person_name(prompt.person_id))
            for signal, action in (
                (card.answerRequested, self._answer),
                (card.snoozeRequested, self._snooze),
                (card.dismissRequested, self._dismiss),
                (card.personRequested, self.personRequested.emit),
            ):
                # Acting rebuilds the cards, deleting the one clicked: act once the click has returned.
                signal.connect(lambda value, act=action: later(self, lambda: act(value)))
            self._list.addWidget(card)
            self._cards.append(card)
        self._empty.setVisible(not prompts)
        self._scroll.setVisible(bool(prompts))
        self.countChanged.emit(len(prompts))
        if focused is not None:
            (self._cards[min(focused, len(self._cards) - 1)] if self._cards else self).setFocus()

    def clear(self) -> None:
        """Forget every prompt (the journal closed): nothing about anyone stays on screen."""
        self._refresh_timer.stop()
        self._remove_cards()
        self._date.clear()
        self._empty.hide()
        self._confirm("")
        self.countChanged.emit(0)

    # -- reacting ------------------------------------------------------------------

    def _on_changed(self, change: JournalChange) -> None:
        if self._session.is_open and (change.is_whole_journal or change.entity in REFRESH_ON):
            self._refresh_timer.start()  # restarted by each change of a burst: one refresh

    def _remove_cards(self) -> None:
        self._cards = []
        clear_layout(self._list)

    def _person_name(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        try:
            return get_person(self._session.journal, person_id).name
        except NotFoundError:
            return None

    def _ask_answer(self, prompt: DuePrompt) -> str | None:
        """Open the reflection editor; returns text still to be saved, or None.

        The editor saves through ``_save_answer`` itself (showing any error in
        place), so it returns None; a test can return text instead.
        """
        dialog = ReflectionDialog(
            self._session,
            self,
            person_id=prompt.person_id,
            prompt_text=prompt.text,
            on_save=lambda text: self._save_answer(prompt, text, raise_errors=True) or 0,
        )
        # exec() deletes it on return, so the answer's text does not linger in a hidden child of the panel.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()
        return None

    def _save_answer(self, prompt: DuePrompt, text: str, *, raise_errors: bool = False) -> int | None:
        try:
            reflection_id = prompting.answer_prompt(self._session.journal, prompt, text, today=self._today())
        except JournalError as error:
            if raise_errors:
                raise
            messages.show_error(self, self.tr("Could not save the answer"), str(error))
            return None
        name = self._person_name(prompt.person_id)
        self._confirm(
            self.tr("Your answer is saved as a reflection about {0}, on their timeline.").format(name)
            if name
            else self.tr("Your answer is saved as a reflection, on everyone's timeline (Ctrl+0).")
        )
        return reflection_id

    def _confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setAccessibleName(text)
        self.confirmation.setVisible(bool(text))

    def _answer(self, prompt: DuePrompt) -> None:
        text = self._ask_answer(prompt)
        if text is not None and text.strip():
            self._save_answer(prompt, text)

    def _snooze(self, prompt: DuePrompt) -> None:
        until = self._today() + dt.timedelta(days=SNOOZE_DAYS)
        self._write(lambda: prompting.snooze_prompt(self._session.journal, prompt.key, until=until))

    def _dismiss(self, prompt: DuePrompt) -> None:
        self._write(lambda: prompting.dismiss_prompt(self._session.journal, prompt.key, today=self._today()))

    def _write(self, operation: Callable[[], None]) -> None:
        try:
            operation()
        except JournalError as error:
            messages.show_error(self, self.tr("Could not update the prompt"), str(error))
