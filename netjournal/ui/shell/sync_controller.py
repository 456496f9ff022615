"""The window keeping the journal in step with the other computers, through the sync folder (``services.sync_folder``).

When a sync folder is set: a sync on every unlock; this computer's changes
written a few seconds after the last edit, and on lock and quit; the folder
watched (and looked at every half minute: not every sync tool's writes reach
a watcher) and other computers' new files merged as they arrive.  All of it
runs on a worker inside ``Session.busy_with``; nothing blocks typing.  What
the last sync did is in the status bar and in Journal → Sync….
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

from netjournal.services import sync_folder
from netjournal.services.errors import JournalError
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal, JournalBusyError
from netjournal.services.sync_folder import ChangeFilePassphraseError
from netjournal.services.sync_report import MergeReport, report_lines
from netjournal.ui.i18n import tr

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow

WRITE_AFTER_MS = 3_000  # after the last change: a burst of edits makes one file
LOOK_EVERY_MS = 30_000
RETRY_MS = 2_000  # the journal was busy with other work


class SyncController(QObject):
    """``synced(report)`` after each sync; ``last_report``, ``last_error`` and the status-bar line say how it went."""

    synced = Signal(object)

    def __init__(self, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.session = window, window.session
        self.last_report: MergeReport | None = None
        self.last_error = ""
        self.last_synced: dt.datetime | None = None
        self._running = False
        self._asking = False
        self._edited_meanwhile = False  # an edit while a sync ran: written once it is done
        self._declined: set[str] = set()  # computers whose new passphrase was not given, until the journal closes
        self.device: tuple[str, str] | None = None  # this computer's id and name, read when no worker writes
        self._folder: Path | None = None  # read once per unlock (and by restart): not on every change
        self.status = QLabel(window)
        self.status.setObjectName("syncStatus")
        self.status.setAccessibleName(tr("Sync"))
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)
        self._write_timer = self._timer(WRITE_AFTER_MS, self.write_changes, single=True)
        self._look_timer = self._timer(LOOK_EVERY_MS, self._look, single=False)
        self._soon = self._timer(1_000, self._look, single=True)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self._soon.start())
        self.session.opened.connect(self._opened)
        self.session.changed.connect(self._changed)
        self.session.closing.connect(self._closing)
        self.session.closed.connect(self._closed)

    def _timer(self, ms: int, slot: Callable[[], object], *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    # -- when ---------------------------------------------------------------------------

    def folder(self) -> Path | None:
        """The journal's sync folder, as read at unlock or when Preferences changed it (only this window can)."""
        return self._folder if self.session.is_open else None

    def _read_folder(self) -> Path | None:
        try:
            return sync_folder.sync_folder_of(self.session.journal) if self.session.is_open else None
        except JournalError:
            return None

    def _opened(self) -> None:
        self.last_report, self.last_error, self.last_synced = None, "", None
        self.restart()

    def restart(self) -> None:
        """Begin (or stop) keeping in step, as the journal's sync folder now says; a sync at once when set."""
        self._unwatch()
        self._folder = folder = self._read_folder()
        if folder is None:
            self._look_timer.stop()
            self.status.hide()
            return
        self._watch()
        self._look_timer.start()
        self._read_device()
        self.sync()

    def _read_device(self) -> None:
        if self.session.is_open and not self.session.busy:
            with suppress(JournalError):
                self.device = sync_folder.device_of(self.session.journal)

    def _changed(self, _change: JournalChange) -> None:
        if self._running:
            self._edited_meanwhile = True  # the sync's own merges too: what it passes on goes in the next file
        elif self.folder() is not None:
            self._write_timer.start()  # restarted by every change: one file after the burst

    def _look(self) -> None:
        if self._running or not self.session.is_open or self.session.busy or self.folder() is None:
            return
        try:
            pending = sync_folder.pending_files(self.session.journal)
        except JournalError:
            return
        self._watch()
        if pending:
            self.sync()

    def _closing(self) -> None:
        """The last of this computer's changes, before the journal closes (quick: a small file, the key known)."""
        self._write_timer.stop()
        # A folder gone or full: the changes stay queued in the journal for next time.
        if self.folder() is not None and not self.session.busy:
            with suppress(JournalError):
                sync_folder.write_changes(self.session.journal, small_only=True)  # never a whole base here

    def _closed(self) -> None:
        for timer in (self._write_timer, self._look_timer, self._soon):
            timer.stop()
        self._unwatch()
        self.status.hide()
        self.last_report, self.last_error, self.device = None, "", None
        self._folder = None
        self._declined.clear()

    # -- doing it -----------------------------------------------------------------------

    def sync(self) -> bool:
        """Write this computer's changes and merge the others' (on a worker); False when it could not start."""
        return self._start(sync_folder.sync_now, self._synced)

    def write_changes(self) -> bool:
        return self._start(sync_folder.write_changes, self._written)

    def _start(self, work: Callable[[Journal], object], done: Callable[[object], None]) -> bool:
        if self._running or not self.session.is_open or self.folder() is None:
            return False
        if self.session.busy:
            QTimer.singleShot(RETRY_MS, lambda: self._start(work, done))
            return False
        self._running, self._edited_meanwhile = True, False
        task = self.session.busy_with(work, "keeping in step with the other computers")
        task.succeeded.connect(done)
        task.failed.connect(self._failed)
        return True

    def _done(self) -> bool:
        """The work on the worker is over; False when the journal closed meanwhile (a lock waited for it)."""
        self._running = False
        if not self.session.is_open:
            return False
        if self._edited_meanwhile and self.folder() is not None:
            self._write_timer.start()
        return True

    def _synced(self, report: object) -> None:
        if not self._done():
            return
        assert isinstance(report, MergeReport)
        self._read_device()
        self.last_report, self.last_error = report, ""
        self.last_synced = dt.datetime.now()
        self._say(report)
        self.synced.emit(report)

    def _written(self, _path: object) -> None:
        self._done()

    def _failed(self, error: object) -> None:
        if not self._done():
            return
        if isinstance(error, JournalBusyError):  # another write held the journal: try again shortly
            QTimer.singleShot(RETRY_MS, self.sync)
            return
        if isinstance(error, ChangeFilePassphraseError):
            if error.report is not None:
                self.last_report = error.report
            if error.device_name in self._declined:
                self._waiting_for_passphrase(error.device_name)
            else:
                QTimer.singleShot(0, lambda: self._ask_passphrase(error))
            return
        self.last_error = str(error) if error is not None else tr("Something went wrong while syncing.")
        self._show(tr("Sync: {0}").format(self.last_error), self.last_error, warn=True)

    def _ask_passphrase(self, error: ChangeFilePassphraseError, question: str = "") -> None:
        if self._asking or not self.session.is_open:
            return
        question = question or tr(
            "The files from “{0}” are under another passphrase: it was changed on that computer. Type that "
            "passphrase to merge them (it is kept only until the journal closes)."
        ).format(error.device_name)
        self._asking = True
        try:
            text, ok = QInputDialog.getText(
                self.window.dialog_parent(), tr("Another computer's passphrase"), question, QLineEdit.EchoMode.Password
            )
        finally:
            self._asking = False
        if not ok or not text or not self.session.is_open:
            self._declined.add(error.device_name)  # not asked again until the journal is unlocked again
            self._waiting_for_passphrase(error.device_name)
            return
        if self.session.busy:
            QTimer.singleShot(RETRY_MS, lambda: self._ask_passphrase(error, question))
            return
        # Trying it derives a key and reads the file: on a worker, like the sync itself.
        self._running = True
        task = self.session.busy_with(
            lambda journal: sync_folder.add_other_passphrase(journal, text, error.path), "trying a passphrase"
        )
        task.succeeded.connect(lambda opened: self._tried(error, bool(opened)))
        task.failed.connect(self._failed)

    def _tried(self, error: ChangeFilePassphraseError, opened: bool) -> None:
        if not self._done():
            return
        if opened:
            self.sync()
            return
        again = tr("That passphrase does not open the files from “{0}” either. Try again?").format(error.device_name)
        QTimer.singleShot(0, lambda: self._ask_passphrase(error, again))

    def _waiting_for_passphrase(self, device_name: str) -> None:
        said = tr("Sync: the files from “{0}” wait for their passphrase (Journal → Sync… asks again).").format(
            device_name
        )
        self._show(said, said, warn=True)

    def ask_again(self) -> bool:
        """Journal → Sync… → Sync now: a sync, asking again for a passphrase declined earlier."""
        self._declined.clear()
        return self.sync()

    # -- saying it ----------------------------------------------------------------------

    def _say(self, report: MergeReport) -> None:
        when = (self.last_synced or dt.datetime.now()).strftime("%H:%M")
        added, updated, deleted = (sum(counts.values()) for counts in report.totals())
        came = added + updated + deleted
        text = tr("Synced {0}").format(when)
        if came:
            text += " · " + (tr("1 change came in") if came == 1 else tr("{0} changes came in").format(came))
        if report.conflicts:
            text += " · " + tr("{0} decided between two versions").format(len(report.conflicts))
        skipped = report.files_skipped
        if skipped:
            text += " · " + (tr("1 file skipped") if skipped == 1 else tr("{0} files skipped").format(skipped))
        self._show(text, "\n".join(report_lines(report)), warn=bool(report.skipped))

    def _show(self, text: str, tip: str, *, warn: bool) -> None:
        self.status.setText(text)
        self.status.setToolTip(tip + "\n\n" + tr("Journal → Sync… for more."))
        self.status.setAccessibleDescription(tip)
        self.status.setProperty("warn", warn)
        self.status.show()

    # -- watching -----------------------------------------------------------------------

    def _watch(self) -> None:
        """The sync folder, this journal's folder in it and each device's (new devices as they appear)."""
        try:
            folders = sync_folder.watched_folders(self.session.journal) if self.session.is_open else []
        except (JournalError, OSError):
            return
        watched = set(self._watcher.directories())
        self._watcher.addPaths([str(p) for p in folders if str(p) not in watched] or [])

    def _unwatch(self) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
