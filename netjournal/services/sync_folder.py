"""One journal on several devices, through a folder the user already syncs (see docs/devices.md).

Each device writes its own numbered files into
``FOLDER/netjournal-<journal uuid>/<device id>/`` (``store.sync_files``): a
base with its whole journal the first time, then a small change file with
what its outbox lists, and merges the other devices' files it has not merged
yet (``store.sync_plan``), each in one transaction together with the record
of having merged it, by the rules of ``store.sync_apply``.  A file that
cannot be used (incomplete, damaged, another journal's, another format) is
skipped with a sentence and never merged; one under another passphrase raises
``ChangeFilePassphraseError`` once everything else is done.

Keys live in memory, per open journal: one derivation per session for this
device's own files (again after a passphrase change), one per other device's
salt, and the passphrases given for other devices' files.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

from netjournal.services.journal import Journal
from netjournal.services.sync_intake import merge_device, other_devices
from netjournal.services.sync_keys import add_other_passphrase, keys_of, own_key
from netjournal.services.sync_merge import ForeignJournalError
from netjournal.services.sync_report import MergeReport
from netjournal.store import sync_device
from netjournal.store.clock import now_stamp
from netjournal.store.errors import JournalError, SyncFolderError
from netjournal.store.sync_device import Device, Merged
from netjournal.store.sync_files import (
    BASE,
    CHANGES,
    PARTIAL_PREFIX,
    Heading,
    file_name,
    journal_folder,
    write_file,
)
from netjournal.store.sync_plan import listing, plan
from netjournal.store.translate import DRIVER_ERRORS, translate_error

COMPACT_AFTER = 50
"""Change files after which a device writes a new base and removes its older files."""

_JOURNAL_FOLDER = re.compile(r"^netjournal-([0-9a-f-]{36})$")


class NoSyncFolderError(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "No sync folder is set for this journal. Choose one once with `netjournal sync --folder DIR` "
            "(a folder Syncthing, Nextcloud or Dropbox carries, or one on a USB stick); it is remembered."
        )


class ChangeFilePassphraseError(JournalError):
    """Another device's file is under another passphrase (changed there); ask for it, then sync again."""

    def __init__(self, device_name: str, path: Path, report: MergeReport | None = None) -> None:
        super().__init__(
            f"{device_name}'s files in the sync folder are under another passphrase (changed on that device?); "
            "nothing more was merged from them."
        )
        self.device_name = device_name
        self.path = path
        self.report = report  # what this sync did before it met the file


# -- settings ----------------------------------------------------------------------


def sync_folder_of(journal: Journal) -> Path | None:
    with journal.store.reading():
        return sync_device.folder(journal.db)


def device_of(journal: Journal) -> tuple[str, str]:
    """This device's id and name (both made on first use)."""
    with journal.write():
        found = sync_device.ensure_device(journal.db, journal.path)
    return found.id, found.name


def set_sync_folder(journal: Journal, folder: Path | None, name: str | None = None) -> Path | None:
    """Remember the sync folder (None: stop syncing) and, if given, this device's name; returns the folder kept."""
    chosen = None if folder is None else _checked_folder(journal, folder)
    with journal.write():
        sync_device.ensure_device(journal.db, journal.path, name)
        sync_device.set_folder(journal.db, chosen)
    return chosen


def _checked_folder(journal: Journal, folder: Path) -> Path:
    folder = folder.expanduser().absolute()
    if not folder.is_dir():
        raise JournalError(f"The folder {folder} does not exist; choose a folder that does.")
    found = _JOURNAL_FOLDER.match(folder.name)
    if found is not None:
        if found[1] != journal.identity()[0]:
            raise ForeignJournalError(
                f"{folder} holds another journal's files, not this one's; choose the folder that holds it."
            )
        folder = folder.parent  # the journal's own folder inside the sync folder: the one around it was meant
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(f"The folder {folder} cannot be written to.")
    if _inside(journal.path, folder):
        raise JournalError(
            f"The journal itself is in {folder}, so it cannot be its sync folder: the sync tool would copy "
            "the open journal file between computers, and a copy taken while it is being written is damaged. "
            "Choose a folder that does not hold the journal (keep the journal on this computer)."
        )
    return folder


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder`` or below it (links followed; a path that cannot be resolved as given)."""
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except OSError:
        return Path(path).absolute().is_relative_to(folder)


def _root(journal: Journal) -> Path:
    folder = sync_folder_of(journal)
    if folder is None:
        raise NoSyncFolderError()
    if not folder.is_dir():
        raise JournalError(f"The sync folder {folder} is not there (a drive not connected?); nothing was synced.")
    return folder


# -- writing this device's files --------------------------------------------------


def write_changes(journal: Journal, *, small_only: bool = False) -> Path | None:
    """Write this device's pending changes (a base the first time); the file, or None when nothing is pending.

    None too when the journal has no sync folder, so the window may call it after every change and on
    close; a folder that is set but not there (a stick not plugged in) is a ``JournalError``.
    ``small_only`` (the window on close, on its GUI thread) writes a change file or nothing: a base
    of the whole journal, or a compaction, waits in the outbox for the next write on a worker.
    """
    if sync_folder_of(journal) is None:
        return None
    root = _root(journal)
    with journal.write():
        device = sync_device.ensure_device(journal.db, journal.path)
    return _write(journal, root, device, small_only=small_only)


def _write(journal: Journal, root: Path, device: Device, *, small_only: bool = False) -> Path | None:
    db = journal.db
    folder = journal_folder(root, journal.identity()[0]) / device.id
    number, base, since = sync_device.written(db)
    # A base when the outbox was off (changes since were not listed), and until one is in place
    # for this id (a first write that failed must not be followed by change files alone).
    first = not sync_device.outbox_on(db) or base == 0
    # And when this device's last base is no longer in the folder (a new stick at the same path, a
    # sync tool that started over, files removed by hand): change files alone would leave a device
    # that joins waiting for a base for ever.
    reset = not first and base not in listing(folder).files
    first = first or reset
    if first and small_only:
        return None
    if first:
        with journal.write():
            sync_device.turn_outbox_on(db)
    upto = sync_device.outbox_top(db)
    if not first and upto == 0:
        return None
    number = max(number, _highest(folder)) + 1
    _remove_leftovers(folder)
    kind = BASE if first else CHANGES
    # A first base holds changes no earlier file of this id holds (covers -1: nobody skips it).
    path = _write_one(journal, folder, device, number, kind, -1, upto)
    with journal.write():
        sync_device.sent(db, upto)
        sync_device.set_written(db, number, number if first else base, 0 if first else since + 1)
    if not small_only and not first and since + 1 >= COMPACT_AFTER and sync_device.outbox_top(db) == 0:
        path = _write_one(journal, folder, device, number + 1, BASE, number, 0)
        with journal.write():
            sync_device.set_written(db, number + 1, number + 1, 0)
        _remove_before(folder, number + 1)
    return path


def _write_one(journal: Journal, folder: Path, device: Device, number: int, kind: str, covers: int, upto: int) -> Path:
    heading = Heading(journal.identity()[0], device.id, device.name, number, kind, covers, now_stamp())
    try:
        return write_file(journal.db, folder, heading, own_key(journal), journal.store.kdf_iter, upto)
    except DRIVER_ERRORS as error:  # a full disk, a folder that cannot be written: said of the file
        translated = translate_error(folder / file_name(number, kind), error)
        if isinstance(error, OSError) and type(translated) is JournalError:
            raise SyncFolderError(folder, error, writing=True) from None  # an I/O error, a share gone
        raise translated from None


def _highest(folder: Path) -> int:
    found = listing(folder)  # SyncFolderError when the folder cannot be read
    return max([*found.files, *(n for n, _, _ in found.copies)], default=0)


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of an earlier write that was interrupted: only this device writes here."""
    try:
        with suppress(FileNotFoundError, NotADirectoryError):
            for entry in os.scandir(folder):
                if entry.name.startswith(PARTIAL_PREFIX):
                    with suppress(FileNotFoundError):
                        os.unlink(entry.path)
    except OSError as error:
        raise SyncFolderError(folder, error, writing=True) from None


def _remove_before(folder: Path, number: int) -> None:
    """Compaction: a new base makes this device's earlier files (and their conflict copies) unnecessary."""
    found = listing(folder)
    for n, (path, _) in found.files.items():
        if n < number:
            with suppress(OSError):  # left: readers past the new base skip it, the next compaction tries again
                path.unlink()
    for n, path, _ in found.copies:
        if n < number:
            with suppress(OSError):
                path.unlink()


# -- merging the other devices' files -----------------------------------------------


def sync_now(journal: Journal, folder: Path | None = None, name: str | None = None) -> MergeReport:
    """Write this device's changes, then merge every other device's files not merged yet.

    ``folder`` (and ``name``) are remembered first when given.  Raises
    ``NoSyncFolderError`` without a folder, ``ChangeFilePassphraseError``
    (with the report so far) when another device's file needs a passphrase.
    """
    if folder is not None:
        set_sync_folder(journal, folder, name)
    root = _root(journal)
    report = MergeReport(now_stamp())
    with journal.write():
        device = sync_device.ensure_device(journal.db, journal.path, name)
    if device.renewed_from is not None:
        report.notes.append(
            "This journal file is a copy of another (or was restored): it now syncs as a device of its own, "
            f"“{device.name}”, starting with a full file."
        )
    written = _write(journal, root, device)
    report.written = str(written) if written else None
    needed: list[tuple[str, Path]] = []
    for other, folder_of in other_devices(journal, root, device):
        merge_device(journal, other, folder_of, report, needed)
    if not needed and not report.skipped and sync_device.sent_unmerged(journal.db):
        with journal.write():  # a deletion made without seeing what this device sent has been met by now
            sync_device.merged_all(journal.db)
    if needed:
        raise ChangeFilePassphraseError(*needed[0], report)
    return report


# -- for a watcher, and for a passphrase changed elsewhere ------------------------------


def watched_folders(journal: Journal) -> list[Path]:
    """The folders a watcher should watch for other devices' files: the sync folder, this journal's, each device's."""
    folder = sync_folder_of(journal)
    if folder is None:
        return []
    inner = journal_folder(folder, journal.identity()[0])
    found = [folder]
    if inner.is_dir():
        found.append(inner)
        with suppress(OSError):  # a folder that cannot be read now: the sync says so
            found += sorted(p for p in inner.iterdir() if p.is_dir())
    return found


def pending_files(journal: Journal, folder: Path | None = None) -> list[Path]:
    """Other devices' files that a sync would merge now (cheap: names only, no file is opened).

    A file that failed as it is now (incomplete, damaged, under another
    passphrase) is left out until it changes, and so are the device's later
    files, so a watcher does not ask again and again.  A folder that cannot be
    read lists nothing (the next sync says why).
    """
    root = folder.expanduser().absolute() if folder is not None else sync_folder_of(journal)
    if root is None or not root.is_dir():
        return []
    with journal.store.reading():
        me = sync_device.device(journal.db)
        records = sync_device.merged(journal.db)
    try:
        return _pending(journal, root, me, records)
    except (OSError, SyncFolderError):
        return []


def _pending(journal: Journal, root: Path, me: Device | None, records: dict[str, Merged]) -> list[Path]:
    failed = keys_of(journal).failed
    pending: list[Path] = []
    for device_id, device_folder in other_devices(journal, root, me or Device("", "")):
        record = records.get(device_id)
        found = listing(device_folder)
        todo = plan(record.number if record else None, found.files)
        last = record.number if record else None  # how far the device's sequence would get
        for number in todo.numbers:
            path = found.files[number][0]
            if _failed_as_it_is(failed, path):
                break  # the sequence waits at it: the device's later files cannot be merged either
            pending.append(path)
            last = number
        extras = set(record.extras) if record else set()
        copies = [p for n, p, s in found.copies if last is not None and n <= last and s not in extras]
        pending += [path for path in copies if not _failed_as_it_is(failed, path)]
    return pending


def _failed_as_it_is(failed: dict[Path, tuple[int, int]], path: Path) -> bool:
    """Failed before, and not changed since (or gone)."""
    try:
        stat = path.stat()
    except OSError:
        return True
    return failed.get(path) == (stat.st_size, stat.st_mtime_ns)


__all__ = [
    "COMPACT_AFTER",
    "ChangeFilePassphraseError",
    "NoSyncFolderError",
    "add_other_passphrase",
    "device_of",
    "pending_files",
    "set_sync_folder",
    "sync_folder_of",
    "sync_now",
    "write_changes",
]
