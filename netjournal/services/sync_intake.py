"""Merging the other devices' files from the sync folder, each in one transaction with the record of it.

A device's files are taken in the order ``store.sync_plan`` gives; the first
one that cannot be merged (incomplete, damaged, another journal's, another
format, another passphrase) stops that device's sequence there, with a
sentence in the report, and is tried again at the next sync.  A base that
holds only files merged already is recorded without being read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.services.journal import Journal
from netjournal.services.sync_keys import keys_of, read_with_keys
from netjournal.services.sync_merge import backup_before_first_merge, change_notices
from netjournal.services.sync_report import MergeReport, Source
from netjournal.store import schema, sync_device
from netjournal.store.errors import SyncFolderError
from netjournal.store.sync_apply import Applied, apply
from netjournal.store.sync_device import Device, Merged
from netjournal.store.sync_files import (
    BASE,
    Heading,
    SyncFile,
    SyncFileError,
    WrongKeyError,
    file_name,
    journal_folder,
    parse_name,
)
from netjournal.store.sync_plan import listing, plan, signature


def other_devices(journal: Journal, root: Path, device: Device) -> Iterator[tuple[str, Path]]:
    folder = journal_folder(root, journal.identity()[0])
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        raise SyncFolderError(folder, error) from None
    for entry in entries:
        if sync_device.is_device_id(entry.name) and entry.name != device.id and _is_dir(entry):
            yield entry.name, Path(entry.path)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # gone since the listing


def _label(record: Merged | None, device_id: str) -> str:
    return record.name if record and record.name else f"a device not merged before ({device_id[:8]})"


def _check(journal: Journal, found: SyncFile, device_id: str, number: int, kind: str | None) -> None:
    heading = found.heading
    if heading.journal != journal.identity()[0]:
        raise SyncFileError("belongs to another journal")
    if heading.device != device_id or heading.number != number or (kind is not None and heading.kind != kind):
        raise SyncFileError("is not where it belongs (another device's or another number's file)")
    if found.schema_version != schema.CURRENT_VERSION:
        raise SyncFileError(
            f"was written by a netjournal with another file format ({found.schema_version}, here "
            f"{schema.CURRENT_VERSION}); update netjournal on both devices"
        )


def _failed(journal: Journal, path: Path) -> None:
    """Remembered as it is now: a watcher is not sent to it again until it changes (or a passphrase is given)."""
    with suppress(OSError):
        stat = path.stat()
        keys_of(journal).failed[path] = (stat.st_size, stat.st_mtime_ns)


def _skip(journal: Journal, report: MergeReport, label: str, path: Path, error: SyncFileError) -> None:
    _failed(journal, path)
    report.skipped_files.append(str(path))
    if error.may_arrive:
        report.skipped.append(f"{label}'s file {path.name} for now: it {error.why}; it is tried again next time.")
    else:
        report.skipped.append(
            f"{label}'s file {path.name}: it {error.why}; nothing was merged from it (tried again if it changes; "
            "a newer full file from that device replaces it)."
        )


@dataclass(slots=True)
class _DeviceMerge:
    """One other device's files merged in this sync: where its sequence is, and totals for the report."""

    device_id: str
    label: str
    last: int | None
    extras: list[str]
    total: Applied = field(default_factory=Applied)
    files: int = 0
    written_at: str | None = None

    def add(self, applied: Applied) -> None:
        self.total.added.update(applied.added)
        self.total.updated.update(applied.updated)
        self.total.deleted.update(applied.deleted)
        self.total.decisions.extend(applied.decisions)
        self.total.skipped.extend(applied.skipped)


def merge_device(
    journal: Journal, device_id: str, folder: Path, report: MergeReport, needed: list[tuple[str, Path]]
) -> None:
    record = sync_device.merged(journal.db).get(device_id)
    found = listing(folder)
    todo = plan(record.number if record else None, found.files)
    state = _DeviceMerge(device_id, _label(record, device_id), record.number if record else None,
                         list(record.extras) if record else [])  # fmt: skip
    for number in todo.numbers:
        path, kind = found.files[number]
        if not _merge_file(journal, path, number, kind, state, report, needed):
            break
    else:
        if todo.missing is not None:
            report.notes.append(f"Waiting for {state.label}'s file {todo.missing}: later ones are here already.")
        if todo.waiting_for_base:
            report.notes.append(f"Waiting for {state.label}'s first full file.")
    for number, path, sign in found.copies:
        if state.last is not None and number <= state.last and sign not in state.extras:
            _merge_file(journal, path, number, None, state, report, needed, copy=sign)
    if state.files:
        report.add(Source(state.label, device_id, state.written_at), state.total, state.files)


def _merge_file(
    journal: Journal,
    path: Path,
    number: int,
    kind: str | None,
    state: _DeviceMerge,
    report: MergeReport,
    needed: list[tuple[str, Path]],
    *,
    copy: str | None = None,
) -> bool:
    """Merge one file (``copy``: a conflict copy, by its signature) and record it in the same transaction.

    False when it cannot be merged now: the device's sequence waits there.
    """
    last = state.last

    def wanted(heading: Heading) -> bool:  # a base that holds only files merged already is not read
        return not (heading.kind == BASE and heading.covers >= 0 and last is not None and last >= heading.covers)

    try:
        found = read_with_keys(journal, path, wanted)
        _check(journal, found, state.device_id, number, kind)
    except WrongKeyError:
        _failed(journal, path)
        needed.append((state.label, path))
        return False
    except SyncFileError as error:
        _skip(journal, report, state.label, path, error)
        return False
    except FileNotFoundError:
        return False  # removed since the listing (the device compacted): the next sync sees its base
    except OSError as error:  # the folder itself is sick (an I/O error, a share gone offline)
        raise SyncFolderError(path.parent, error) from None
    heading = found.heading
    if (found.versions or found.tombstones) and report.backup is None:
        report.backup = backup_before_first_merge(journal)
    if copy is None and parse_name(path.name) is not None and path.name != file_name(number, kind or BASE):
        with suppress(OSError):  # a conflict copy standing in for its missing file: not merged again as a copy
            copy_of_missing = signature(path, path.stat())
            state.extras = [*state.extras, copy_of_missing]
    extras = [*state.extras, copy] if copy is not None else state.extras
    newest = number if copy is None else (state.last or number)
    with journal.write() as changes:
        applied = apply(journal.db, found.versions, found.tombstones)
        written_at = heading.written_at if copy is None else state.written_at
        sync_device.set_merged(journal.db, state.device_id,
                               Merged(newest, heading.device_name, written_at, tuple(extras)))  # fmt: skip
        changes.extend(change_notices(applied))
    keys_of(journal).failed.pop(path, None)
    state.label, state.extras, state.last = heading.device_name, extras, newest
    state.add(applied)
    state.files += 1
    if copy is None:
        state.written_at = heading.written_at
    return True
