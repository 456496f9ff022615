"""The in-window prompt for a journal's passphrase, shown at start-up and after locking.

The key is derived off the GUI thread by ``netjournal.ui.open_task.OpenTask``;
creating a journal is ``netjournal.ui.dialogs.create_journal.CreateJournalDialog``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from netjournal.services import keychain, use_cases
from netjournal.services.errors import WrongPassphraseError
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal
from netjournal.ui.open_task import OpenTask
from netjournal.ui.widgets import colors, icons
from netjournal.ui.widgets.common import (
    LinkButton,
    is_palette_change,
    make_busy_indicator,
    secret_field,
    show_message,
    tint,
)


class ElidedLabel(QLabel):
    """One line of text shortened in the middle to fit; the whole text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(self.width(), 1)))


class UnlockScreen(QWidget):
    """The prompt for a journal's passphrase, inside the main window.

    Used at start-up and after locking.  After a manual lock, do not call
    ``try_remembered``: the user locked on purpose.  ``notice`` carries a
    sentence the window should show after unlocking (e.g. no keychain).
    """

    unlocked = Signal(object)
    failed = Signal(str, str)  # error class name, the message shown
    openAnotherRequested = Signal()
    createRequested = Signal()
    notice = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, kdf_iter: int = DEFAULT_KDF_ITER) -> None:
        super().__init__(parent)
        self.setObjectName("unlockScreen")
        self.setAccessibleName(self.tr("Unlock journal"))
        self._kdf_iter = kdf_iter
        self._path: Path | None = None
        self._task: OpenTask | None = None
        self._attempt = ""  # the passphrase being tried, until the attempt is settled
        self._from_keychain = False
        # A demo's invented journal and its passphrase live only as long as this process (never saved).
        self._demo_passphrases: dict[Path, str] = {}
        self._build()
        self._apply_colours()

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        card = QWidget(self)
        card.setMaximumWidth(440)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

        self._icon = QLabel(card)
        self._icon.setPixmap(icons.pixmap("netjournal", "#000000", 48, self.devicePixelRatioF()))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._name = QLabel(card)
        self._name.setObjectName("journalName")
        font = self._name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self._name.setFont(font)
        self._name.setWordWrap(True)
        self._folder = ElidedLabel(card)
        self._folder.setObjectName("journalFolder")
        self._folder.setAccessibleName(self.tr("Folder"))
        self._folder.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.passphrase_field = secret_field(card, "passphraseField", self.tr("Passphrase"))
        self.passphrase_field.returnPressed.connect(self._unlock_clicked)
        prompt = QLabel(self.tr("&Passphrase"), card)
        prompt.setBuddy(self.passphrase_field)

        self.remember_field = QCheckBox(self.tr("&Remember on this device"), card)
        self.remember_field.setObjectName("rememberField")
        self.remember_field.setAccessibleName(self.tr("Remember on this device"))
        self.remember_field.setToolTip(self.tr("Keep the passphrase in this computer's keychain."))

        self.error_label = QLabel(card)
        self.error_label.setObjectName("unlockError")
        self.error_label.setAccessibleName(self.tr("Unlock problem"))
        self.note_label = QLabel(card)
        self.note_label.setObjectName("unlockNote")
        self.note_label.setAccessibleName(self.tr("Note"))
        self.note_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.demo_hint = QLabel(card)
        self.demo_hint.setObjectName("demoPassphraseHint")
        self.demo_hint.hide()
        for label in (self.error_label, self.note_label, self.demo_hint):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()

        self.busy_indicator = make_busy_indicator(card, self.tr("Unlocking"))
        self.unlock_button = QPushButton(self.tr("&Unlock"), card)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock_clicked)

        self.open_another_button = self._link_button(self.tr("Open another journal…"), "openAnotherButton", card)
        self.open_another_button.clicked.connect(self.openAnotherRequested)
        self.create_new_button = self._link_button(self.tr("Create a new journal…"), "createNewButton", card)
        self.create_new_button.clicked.connect(self.createRequested)

        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(self._name)
        header_text.addWidget(self._folder)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self._icon)
        header.addLayout(header_text, 1)
        action = QHBoxLayout()
        action.addWidget(self.busy_indicator, 1)
        action.addWidget(self.unlock_button)
        links = QHBoxLayout()
        links.addWidget(self.open_another_button)
        links.addStretch(1)
        links.addWidget(self.create_new_button)

        column = QVBoxLayout(card)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addLayout(header)
        column.addSpacing(10)
        column.addWidget(self.demo_hint)
        column.addWidget(prompt)
        column.addWidget(self.passphrase_field)
        column.addWidget(self.remember_field)
        column.addWidget(self.error_label)
        column.addWidget(self.note_label)
        column.addLayout(action)
        column.addSpacing(6)
        column.addLayout(links)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        for first, second in (
            (self.passphrase_field, self.remember_field),
            (self.remember_field, self.unlock_button),
            (self.unlock_button, self.open_another_button),
            (self.open_another_button, self.create_new_button),
        ):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _link_button(text: str, name: str, parent: QWidget) -> LinkButton:
        button = LinkButton(text, parent)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        return button

    def _apply_colours(self) -> None:
        tint(self.error_label, colors.overdue_color(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
            self._apply_colours()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.passphrase_field.isEnabled():
            self.passphrase_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- public ----------------------------------------------------------------

    @property
    def journal_path(self) -> Path | None:
        return self._path

    @property
    def busy(self) -> bool:
        return self._task is not None

    def set_message(self, text: str) -> None:
        """A calm note under the field, e.g. why the journal was locked."""
        show_message(self.note_label, text)

    def set_journal(self, path: str | Path) -> None:
        """Show the prompt for this journal (forgets any attempt in progress)."""
        self.clear()
        self._path = Path(path).expanduser().absolute()
        self._name.setText(self._path.name)
        self._folder.set_full_text(self.tr("in {0}").format(self._path.parent))
        self.setAccessibleDescription(str(self._path))
        self._show_demo_hint()

    def know_demo(self, path: str | Path, passphrase: str) -> None:
        """Remember a demo journal's passphrase, to show when it is locked: the demo's banner said it is needed."""
        self._demo_passphrases[Path(path).expanduser().absolute()] = passphrase
        self._show_demo_hint()

    def _show_demo_hint(self) -> None:
        passphrase = self._demo_passphrases.get(self._path) if self._path is not None else None
        text = self.tr("This is the demo journal. Its passphrase is {0}").format(passphrase) if passphrase else ""
        self.demo_hint.setAccessibleName(text)
        self.demo_hint.setText(text)  # as it is, not broken up for wrapping: it may be copied
        self.demo_hint.setVisible(bool(text))

    def try_remembered(self) -> bool:
        """Unlock with the keychain's passphrase, if it holds one; True if an attempt started."""
        if self._path is None or self.busy:
            return False
        remembered = keychain.recall(self._path)
        if not remembered:
            return False
        self._start(remembered, from_keychain=True)
        return True

    def clear(self) -> None:
        """Wipe the typed passphrase and messages; an attempt in progress is abandoned."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._attempt = ""
        self.passphrase_field.clear()
        self.remember_field.setChecked(False)
        show_message(self.error_label, "")
        show_message(self.note_label, "")
        self._set_busy(False)

    # -- unlocking ---------------------------------------------------------------

    @Slot()
    def _unlock_clicked(self) -> None:
        if self.busy or self._path is None:
            return
        typed = self.passphrase_field.text()
        if not typed.strip():
            show_message(self.error_label, self.tr("Type the passphrase to unlock this journal."))
            self.passphrase_field.setFocus()
            return
        self._start(typed, from_keychain=False)

    def _start(self, passphrase: str, *, from_keychain: bool) -> None:
        assert self._path is not None
        self._attempt = passphrase
        self._from_keychain = from_keychain
        show_message(self.error_label, "")
        self._set_busy(True)
        task = OpenTask(self._path, passphrase, kdf_iter=self._kdf_iter)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        self.destroyed.connect(task.cancel)  # nobody left to take the journal: close it
        self._task = task
        task.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy_indicator.setVisible(busy)
        for widget in (
            self.passphrase_field,
            self.remember_field,
            self.unlock_button,
            self.open_another_button,
            self.create_new_button,
        ):
            widget.setEnabled(not busy)

    @Slot(object)
    def _succeeded(self, journal: Journal) -> None:
        passphrase, self._attempt = self._attempt, ""
        self._task = None
        note = ""
        wanted = self.remember_field.isChecked() and not self._from_keychain
        if wanted and not use_cases.remember_passphrase(journal, passphrase):
            note = self.tr("No keychain is available on this device; you will be asked for the passphrase next time.")
        self.passphrase_field.clear()
        self._set_busy(False)
        show_message(self.note_label, note)
        if note:
            self.notice.emit(note)
        self.unlocked.emit(journal)

    @Slot(str, str)
    def _failed(self, error_name: str, message: str) -> None:
        self._attempt = ""
        self._task = None
        self._set_busy(False)
        label = self.error_label
        if error_name == WrongPassphraseError.__name__ and self._from_keychain:
            label = self.note_label
            message = self.tr(
                "The remembered passphrase no longer works. Type the passphrase; tick "
                "“Remember on this device” to replace the remembered one."
            )
        elif error_name == WrongPassphraseError.__name__:
            message = self.tr(
                "That passphrase does not open this journal. Check Caps Lock and the keyboard layout, then try again."
            )
        show_message(label, message)
        self.passphrase_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase_field.selectAll()
        self.failed.emit(error_name, message)
