"""Creating a journal: where to keep the new file and the passphrase that unlocks it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netjournal.paths import JOURNAL_SUFFIX, default_journal_path
from netjournal.services import use_cases
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal
from netjournal.ui.open_task import OpenTask
from netjournal.ui.widgets import colors
from netjournal.ui.widgets.common import is_palette_change, make_busy_indicator, secret_field, show_message, tint
from netjournal.ui.widgets.strength import PassphraseStrength

_SPACING = 10  # between rows, and between the strength meter and its feedback


def free_default_path() -> Path:
    """The platform's default journal path, or a numbered sibling if that one is taken."""
    path = default_journal_path()
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


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
        self.new_field = secret_field(self, "newPassphraseField", self.tr("New passphrase"))
        self.confirm_field = secret_field(self, "confirmPassphraseField", self.tr("Confirm passphrase"))
        self.strength = PassphraseStrength(self)
        strength_layout = self.strength.layout()
        if strength_layout is not None:
            strength_layout.setSpacing(_SPACING)
        self.strength_meter = self.strength.meter
        self.strength_label = self.strength.feedback
        # A grid, not a QFormLayout: the grid gives wrapped labels their height for the real width.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.addWidget(self._buddy(self.tr("Save &as"), self.path_field), 0, 0)
        form.addWidget(self.path_field, 0, 1)
        form.addWidget(self.choose_button, 0, 2)
        form.addWidget(self._buddy(self.tr("&Passphrase"), self.new_field), 1, 0)
        form.addWidget(self.new_field, 1, 1, 1, 2)
        form.addWidget(self._buddy(self.tr("Con&firm"), self.confirm_field), 2, 0)
        form.addWidget(self.confirm_field, 2, 1, 1, 2)
        form.addWidget(self.strength, 3, 1, 1, 2)

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
        layout.setSpacing(_SPACING)  # the grid inherits it
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

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def _apply_colours(self) -> None:
        tint(self.error_label, colors.overdue_color(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
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
        self.strength.set_passphrase(text, user_inputs=[self.chosen_path().stem])

    def _missing(self) -> str:
        """What stops creation, as a sentence; "" when the journal can be created."""
        first, second = self.new_field.text(), self.confirm_field.text()
        if not self.path_field.text().strip():
            return self.tr("Choose where to save the journal.")
        if self.chosen_path().exists():
            return self.tr("Something already exists at that place; choose another file name.")
        if not first.strip():
            return self.tr("Type a passphrase, then type it again to confirm it.")
        if not self.strength.acceptable:
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
        if self.remember_field.isChecked() and not use_cases.remember_passphrase(journal, passphrase):
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
