"""Unlocking and creating journals in the window.

``OpenTask`` derives the key and opens (or creates) the file on a worker
thread, so the window keeps painting during PBKDF2; ``UnlockScreen`` is the
in-window prompt shown at start-up and after locking; ``CreateJournalDialog``
asks where to put a new journal and for its passphrase.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from zxcvbn import zxcvbn

from netjournal.paths import JOURNAL_SUFFIX, default_journal_path
from netjournal.services import keychain
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal
from netjournal.store.errors import JournalError, WrongPassphraseError
from netjournal.ui import colors, icons

_log = logging.getLogger(__name__)


def breakable(text: str) -> str:
    """Let a label wrap long paths after each separator (a zero-width space is a break opportunity)."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")


def make_busy_indicator(parent: QWidget, accessible_name: str) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setObjectName("busyIndicator")
    bar.setAccessibleName(accessible_name)
    bar.setRange(0, 0)  # indeterminate
    bar.setTextVisible(False)
    bar.setMaximumHeight(bar.fontMetrics().height())
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # no layout jump when it appears
    bar.setSizePolicy(policy)
    bar.hide()
    return bar


def tint(label: QLabel, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


def show_message(label: QLabel, text: str) -> None:
    label.setText(breakable(text))
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


class OpenTask(QObject):
    """Open or create one journal on a worker thread; results arrive on the GUI thread.

    Create it on the GUI thread, connect ``succeeded(Journal)`` / ``failed(class
    name, message)``, then ``start()``.  ``finished`` follows either.  After
    ``cancel()`` nothing is emitted but ``finished``, and a journal that opened
    anyway is closed again (so its lock is not left held).
    """

    succeeded = Signal(object)
    failed = Signal(str, str)
    finished = Signal()
    _done = Signal(object, str, str)  # journal or None, error class name, message

    # Tasks are parentless and kept alive here until their result is delivered,
    # so a widget going away mid-derivation cannot delete the object the worker emits from.
    _running: ClassVar[set[OpenTask]] = set()

    def __init__(
        self, path: str | Path, passphrase: str, *, create: bool = False, kdf_iter: int = DEFAULT_KDF_ITER
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.create = create
        self._passphrase = passphrase
        self._kdf_iter = kdf_iter
        self._cancelled = False
        self._started = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self in OpenTask._running

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("An OpenTask runs only once.")
        self._started = True
        OpenTask._running.add(self)
        (pool or QThreadPool.globalInstance()).start(QRunnable.create(self._work))

    @Slot()
    def cancel(self) -> None:
        self._cancelled = True

    def _work(self) -> None:
        """Runs on a pool thread: no widgets here, only the store."""
        passphrase, self._passphrase = self._passphrase, ""
        try:
            if self.create:
                journal = Journal.create(self.path, passphrase, kdf_iter=self._kdf_iter)
            else:
                journal = Journal.open(self.path, passphrase, kdf_iter=self._kdf_iter)
        except JournalError as error:
            self._done.emit(None, type(error).__name__, str(error))
        except Exception as error:
            # A bug elsewhere: report where, but not the message (it could quote data).
            frames = "".join(traceback.format_tb(error.__traceback__))
            _log.error("Unexpected %s while opening a journal:\n%s", type(error).__name__, frames)
            self._done.emit(None, type(error).__name__, "")
        else:
            self._done.emit(journal, "", "")

    @Slot(object, str, str)
    def _deliver(self, journal: Journal | None, name: str, message: str) -> None:
        OpenTask._running.discard(self)
        if self._cancelled:
            if journal is not None:
                journal.close()
        elif journal is not None:
            self.succeeded.emit(journal)
        else:
            self.failed.emit(
                name,
                message
                or self.tr(
                    "Something unexpected went wrong, so the journal was not opened. "
                    "Please try again; if it keeps happening, report the problem."
                ),
            )
        self.finished.emit()


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

        self.passphrase_field = QLineEdit(card)
        self.passphrase_field.setObjectName("passphraseField")
        self.passphrase_field.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_field.setEchoMode(QLineEdit.EchoMode.Password)
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
        for label in (self.error_label, self.note_label):
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
        self.create_new_button = self._link_button(self.tr("Create a new journal…"), "createNewButton", card, "right")
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
    def _link_button(text: str, name: str, parent: QWidget, align: str = "left") -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setFlat(True)
        # Flush with the field's edge, and underlined when it has the keyboard focus.
        button.setStyleSheet(
            f"QPushButton {{ border: none; padding: 2px 0; text-align: {align}; }}"
            "QPushButton:focus, QPushButton:hover { text-decoration: underline; }"
        )
        button.setForegroundRole(QPalette.ColorRole.Link)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _apply_colours(self) -> None:
        tint(self.error_label, colors.overdue_color(self.palette()))
        for button in (self.open_another_button, self.create_new_button):
            palette = button.palette()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):  # disabled stays grey
                palette.setColor(group, QPalette.ColorRole.ButtonText, self.palette().color(QPalette.ColorRole.Link))
            button.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
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

    def set_journal(self, path: str | Path) -> None:
        """Show the prompt for this journal (forgets any attempt in progress)."""
        self.clear()
        self._path = Path(path).expanduser().absolute()
        self._name.setText(self._path.name)
        self._folder.set_full_text(self.tr("in {0}").format(self._path.parent))
        self.setAccessibleDescription(str(self._path))

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
        if self.remember_field.isChecked() and not self._from_keychain:
            try:
                keychain.remember(journal.path, passphrase)
            except keychain.KeychainUnavailable:
                note = self.tr(
                    "No keychain is available on this device; you will be asked for the passphrase next time."
                )
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


_ESTIMATE_LIMIT = 72  # zxcvbn refuses longer input; its cost grows with length
_MIN_SCORE = 2


def free_default_path() -> Path:
    """The platform's default journal path, or a numbered sibling if that one is taken."""
    path = default_journal_path()
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def strength_color(score: int, palette: QPalette) -> QColor:
    if score < _MIN_SCORE:
        return colors.overdue_color(palette)
    if score == _MIN_SCORE:
        return QColor("#f0b455" if colors.is_dark(palette) else "#9a5b00")
    return QColor("#5cc9a7" if colors.is_dark(palette) else "#1b7f5f")


class CreateJournalDialog(QDialog):
    """Where to keep a new journal and its passphrase; creates it off the GUI thread.

    After ``exec()``/``accepted``, ``journal`` is the open journal and ``notice``
    a sentence to show the user ("" when there is nothing to say).
    """

    def __init__(
        self, parent: QWidget | None = None, *, kdf_iter: int = DEFAULT_KDF_ITER, path: str | Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("createDialog")
        self.setWindowTitle(self.tr("Create a journal"))
        self.setAccessibleName(self.tr("Create a journal"))
        self.setModal(True)
        self.journal: Journal | None = None
        self.notice = ""
        self._kdf_iter = kdf_iter
        self._task: OpenTask | None = None
        self._attempt = ""
        self._score = 0
        self._build(Path(path) if path is not None else free_default_path())
        self._apply_colours()
        self._update_state()

    def _build(self, path: Path) -> None:
        intro = QLabel(
            self.tr("A journal is one encrypted file. Choose where to keep it and the passphrase that unlocks it."),
            self,
        )
        intro.setWordWrap(True)

        self.path_field = QLineEdit(str(path), self)
        self.path_field.setObjectName("pathField")
        self.path_field.setAccessibleName(self.tr("Journal file"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_button.setObjectName("choosePathButton")
        self.choose_button.setAccessibleName(self.tr("Choose where to save the journal"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._choose_path)
        self.new_field = self._secret_field("newPassphraseField", self.tr("New passphrase"))
        self.confirm_field = self._secret_field("confirmPassphraseField", self.tr("Confirm passphrase"))
        self.strength_meter = QProgressBar(self)
        self.strength_meter.setObjectName("strengthMeter")
        self.strength_meter.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_meter.setRange(0, 4)
        self.strength_meter.setTextVisible(False)
        self.strength_meter.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("strengthFeedback")
        self.strength_label.setAccessibleName(self.tr("Passphrase strength feedback"))
        self.strength_label.setWordWrap(True)
        self.strength_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.strength_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A grid, not a QFormLayout: the grid gives wrapped labels their height for the real width.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.addWidget(self._buddy(self.tr("Save &as"), self.path_field), 0, 0)
        form.addWidget(self.path_field, 0, 1)
        form.addWidget(self.choose_button, 0, 2)
        form.addWidget(self._buddy(self.tr("&Passphrase"), self.new_field), 1, 0)
        form.addWidget(self.new_field, 1, 1, 1, 2)
        form.addWidget(self._buddy(self.tr("&Again"), self.confirm_field), 2, 0)
        form.addWidget(self.confirm_field, 2, 1, 1, 2)
        form.addWidget(self.strength_meter, 3, 1, 1, 2)
        form.addWidget(self.strength_label, 4, 1, 1, 2)

        warning = QLabel(
            self.tr(
                "<b>netjournal cannot recover a lost passphrase.</b> If you forget it, the journal cannot be "
                "opened by anyone, including you."
            ),
            self,
        )
        warning.setTextFormat(Qt.TextFormat.RichText)
        warning.setObjectName("recoveryWarning")
        warning.setWordWrap(True)
        self.remember_field = QCheckBox(self.tr("&Remember on this device"), self)
        self.remember_field.setObjectName("rememberField")
        self.remember_field.setAccessibleName(self.tr("Remember on this device"))
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("createHint")
        self.hint_label.setAccessibleName(self.tr("What is missing"))
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("createError")
        self.error_label.setAccessibleName(self.tr("Problem"))
        for label in (self.hint_label, self.error_label):
            label.setWordWrap(True)
            label.hide()
        self.busy_indicator = make_busy_indicator(self, self.tr("Creating the journal"))

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("&Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        self.create_button.setAccessibleName(self.tr("Create the journal"))
        self.create_button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_indicator, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.remember_field)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(500)

        self.path_field.textChanged.connect(self._update_state)
        self.new_field.textChanged.connect(self._estimate)
        self.new_field.textChanged.connect(self._update_state)
        self.confirm_field.textChanged.connect(self._update_state)

    def _secret_field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def _apply_colours(self) -> None:
        tint(self.error_label, colors.overdue_color(self.palette()))
        palette = self.strength_meter.palette()
        palette.setColor(QPalette.ColorRole.Highlight, strength_color(self._score, self.palette()))
        self.strength_meter.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()

    # -- input -----------------------------------------------------------------

    @Slot()
    def _choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Where to save the new journal"),
            self.path_field.text(),
            self.tr("netjournal journals (*{0});;All files (*)").format(JOURNAL_SUFFIX),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            path = Path(chosen)
            self.path_field.setText(str(path if path.suffix else path.with_suffix(JOURNAL_SUFFIX)))

    def chosen_path(self) -> Path:
        return Path(self.path_field.text().strip()).expanduser().absolute()

    @Slot(str)
    def _estimate(self, text: str) -> None:
        if not text:
            self._score = 0
            self.strength_label.setText("")
        else:
            result = zxcvbn(text[:_ESTIMATE_LIMIT], user_inputs=["netjournal", "journal", self.chosen_path().stem])
            self._score = int(result["score"])
            words = (
                self.tr("very weak"),
                self.tr("weak"),
                self.tr("fair"),
                self.tr("strong"),
                self.tr("very strong"),
            )[self._score]
            crack = result["crack_times_display"]["offline_slow_hashing_1e4_per_second"]
            feedback = result["feedback"]
            parts = [self.tr("Strength: {0}. Time to guess it from a stolen copy: {1}.").format(words, crack)]
            if feedback["warning"]:
                parts.append(self.tr(feedback["warning"]))
            parts.extend(self.tr(suggestion) for suggestion in feedback["suggestions"])
            self.strength_label.setText(" ".join(parts))
            self.strength_meter.setAccessibleDescription(words)
        self.strength_meter.setValue(self._score)
        self._apply_colours()

    def _missing(self) -> str:
        """What stops creation, as a sentence; "" when the journal can be created."""
        first, second = self.new_field.text(), self.confirm_field.text()
        if not self.path_field.text().strip():
            return self.tr("Choose where to save the journal.")
        if self.chosen_path().exists():
            return self.tr("Something already exists at that place; choose another file name.")
        if not first.strip():
            return self.tr("Type a passphrase, then type it again to confirm it.")
        if self._score < _MIN_SCORE:
            return self.tr("Choose a passphrase that is harder to guess: a few unrelated words work well.")
        if not second:
            return self.tr("Type the passphrase again to confirm it.")
        if first != second:
            return self.tr("The two passphrases do not match.")
        return ""

    @Slot()
    def _update_state(self) -> None:
        missing = self._missing()
        self.create_button.setEnabled(not missing and self._task is None)
        show_message(self.hint_label, missing)

    # -- creating ----------------------------------------------------------------

    def accept(self) -> None:
        """Start creating (the dialog closes once the journal exists)."""
        if self._task is not None or self._missing():
            return
        path = self.chosen_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            show_message(
                self.error_label,
                self.tr("Could not create the folder {0}: {1}").format(path.parent, error.strerror or error),
            )
            return
        show_message(self.error_label, "")
        self._attempt = self.new_field.text()
        task = OpenTask(path, self._attempt, create=True, kdf_iter=self._kdf_iter)
        task.succeeded.connect(self._created)
        task.failed.connect(self._failed)
        self.destroyed.connect(task.cancel)
        self._task = task
        self._set_busy(True)
        task.start()

    def reject(self) -> None:
        if self._task is not None:
            return  # the file is being written; closing now would leave it half-made
        self._wipe()
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy_indicator.setVisible(busy)
        for widget in (self.path_field, self.choose_button, self.new_field, self.confirm_field, self.remember_field):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self._update_state()

    def _wipe(self) -> None:
        self._attempt = ""
        self.new_field.clear()
        self.confirm_field.clear()

    @Slot(object)
    def _created(self, journal: Journal) -> None:
        passphrase = self._attempt
        self._task = None
        if self.remember_field.isChecked():
            try:
                keychain.remember(journal.path, passphrase)
            except keychain.KeychainUnavailable:
                self.notice = self.tr(
                    "No keychain is available on this device; you will be asked for the passphrase next time."
                )
        self.journal = journal
        self._wipe()
        self._set_busy(False)
        super().accept()

    @Slot(str, str)
    def _failed(self, _error_name: str, message: str) -> None:
        self._attempt = ""
        self._task = None
        self._set_busy(False)
        show_message(self.error_label, message)
        self.path_field.setFocus(Qt.FocusReason.OtherFocusReason)
