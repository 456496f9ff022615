"""Automatic encrypted backups: when to take one, where they live, which to keep.

The policy is Anki's, which has kept years of people's study safe: a backup
before anything that replaces or re-encrypts the journal (an import, a
restore, a passphrase change; a migration keeps its own copy beside the
journal), and otherwise at most one every 30 minutes while the journal
changes.  Everything from today and yesterday is kept; older backups are
thinned to the newest of each of the last 12 days, then of 10 weeks, then of
9 months.

Backups live in a folder beside the journal (``work.netjournal.backups``),
readable by the user alone, and each is a whole journal under the passphrase
it had when it was taken: it can be opened like any journal, or restored.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import os
import re
import shutil
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import peewee

from netjournal.store import meta, schema
from netjournal.store.copies import migration_backups
from netjournal.store.errors import JournalError
from netjournal.store.files import remove_journal_files
from netjournal.store.snapshot import Contents, SnapshotSource, file_size, write_snapshot

FOLDER_SUFFIX = ".backups"
_META_PREFIX = "backup:"
_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d\.\d\d\.\d\d\.\d{3})Z-([a-z-]+)\.netjournal$")
_STAMP = "%Y-%m-%dT%H.%M.%S.%f"


class Reason(enum.Enum):
    """Why a backup was taken: shown in lists, and part of its file name."""

    AUTO = "auto"
    MANUAL = "manual"
    BEFORE_PASSPHRASE_CHANGE = "before-passphrase-change"
    BEFORE_RESTORE = "before-restore"
    BEFORE_IMPORT = "before-import"
    BEFORE_MIGRATION = "before-migration"  # the copy a migration keeps beside the journal
    BEFORE_MERGE = "before-merge"  # the first merge of another copy in a session

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Reason.AUTO: "automatic",
    Reason.MANUAL: "taken by hand",
    Reason.BEFORE_PASSPHRASE_CHANGE: "before a passphrase change",
    Reason.BEFORE_RESTORE: "before a restore",
    Reason.BEFORE_IMPORT: "before an import",
    Reason.BEFORE_MIGRATION: "before an upgrade of the file format",
    Reason.BEFORE_MERGE: "before merging another copy",
}


@dataclass(frozen=True, slots=True)
class Limits:
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    interval: dt.timedelta = dt.timedelta(minutes=30)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # aware, UTC
    reason: Reason

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return file_size(self.path)

    def local_day(self) -> dt.date:
        return self.taken_at.astimezone().date()


@dataclass(frozen=True, slots=True)
class TakenBackup:
    file: BackupFile
    contents: Contents | None  # None for a plain copy of a damaged journal
    removed: tuple[Path, ...]  # older backups the policy let go


class BackupInProgress(JournalError):
    """Another process is taking a backup of this journal right now."""

    def __init__(self) -> None:
        super().__init__("A backup of this journal is being taken right now; try again in a moment.")


def backup_folder(journal_path: Path, place: Path | None = None) -> Path:
    """Where new backups go: ``<journal>.backups`` beside the journal, or in the place chosen for it.

    A chosen place holds a folder of the journal's own: its name and a short
    digest of where the journal is, so that two journals backed up to one
    place (both called ``journal.netjournal``, say) never list or thin each
    other's backups.
    """
    if place is None:
        return journal_path.with_name(journal_path.name + FOLDER_SUFFIX)
    where = hashlib.sha256(str(journal_path.resolve()).encode("utf-8")).hexdigest()[:10]
    return place / f"{journal_path.name}-{where}{FOLDER_SUFFIX}"


def _folders(journal_path: Path, place: Path | None) -> list[Path]:
    """Every folder that may hold this journal's backups: the chosen one, and the one beside it from before."""
    beside = backup_folder(journal_path)
    chosen = backup_folder(journal_path, place)
    return [chosen] if chosen == beside else [chosen, beside]


def is_backup_folder(folder: Path, journal_path: Path, place: Path | None) -> bool:
    return any(folder.resolve() == f.resolve() for f in _folders(journal_path.resolve(), place))


def backup_name(moment: dt.datetime, reason: Reason) -> str:
    stamp = moment.astimezone(dt.UTC).strftime(_STAMP)[:-3]  # milliseconds
    return f"{stamp}Z-{reason.value}.netjournal"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = dt.datetime.strptime(match[1] + "000", _STAMP).replace(tzinfo=dt.UTC)
        reason = Reason(match[2])
    except ValueError:
        return None
    return BackupFile(path, taken, reason)


def _named(path: Path) -> BackupFile:
    """A backup as its name describes it (to the millisecond, as listed later)."""
    parsed = parse_backup_name(path)
    assert parsed is not None, path  # every name here comes from backup_name
    return parsed


def list_backups(journal_path: Path, place: Path | None = None) -> list[BackupFile]:
    """Every backup of the journal, newest first: the folders', and the copies migrations kept."""
    found: list[BackupFile] = []
    for folder in _folders(journal_path, place):
        with suppress(FileNotFoundError, NotADirectoryError, PermissionError):
            for entry in os.scandir(folder):
                parsed = parse_backup_name(Path(entry.path))
                if parsed is not None and entry.is_file():
                    found.append(parsed)
    for version in range(1, schema.CURRENT_VERSION):
        for copy in migration_backups(journal_path, version):
            with suppress(OSError):
                moment = dt.datetime.fromtimestamp(copy.stat().st_mtime, dt.UTC)
                found.append(BackupFile(copy, moment, Reason.BEFORE_MIGRATION))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def obsolete(backups: Iterable[BackupFile], today: dt.date, limits: Limits = DEFAULT_LIMITS) -> list[BackupFile]:
    """The backups the policy lets go of, as of ``today`` (a local date).

    Newest first: everything from today and yesterday stays; then the newest
    of each day while daily places remain, then of each week (weeks start on
    Monday), then of each month; the rest go.  Copies kept by migrations are
    never thinned here.
    """
    yesterday = today.toordinal() - 1
    daily, weekly, monthly = limits.daily, limits.weekly, limits.monthly
    last_day = last_week = last_month = None
    gone: list[BackupFile] = []
    rotating = [b for b in backups if b.reason is not Reason.BEFORE_MIGRATION]
    for backup in sorted(rotating, key=lambda b: b.taken_at, reverse=True):
        day = backup.local_day()
        ordinal, week, month = day.toordinal(), (day.toordinal() - 1) // 7, day.year * 12 + day.month
        if ordinal >= yesterday:
            keep = True
        elif daily > 0:
            keep = last_day is None or ordinal < last_day
            daily -= keep
        elif weekly > 0:
            keep = last_week is None or week < last_week
            weekly -= keep
        elif monthly > 0:
            keep = last_month is None or month < last_month
            monthly -= keep
        else:
            keep = False
        if keep:
            last_day, last_week, last_month = ordinal, week, month
        else:
            gone.append(backup)
    return gone


AUTO_BACKUP_VARIABLE = "NETJOURNAL_AUTO_BACKUP"
"""``0`` turns automatic backups off (for scripts that keep copies of their own, and most tests)."""


def automatic_backups_enabled() -> bool:
    return os.environ.get(AUTO_BACKUP_VARIABLE, "1").strip() != "0"


def time_until_due(
    journal_path: Path, now: dt.datetime, limits: Limits = DEFAULT_LIMITS, place: Path | None = None
) -> dt.timedelta:
    """How long until the next automatic backup may be taken; zero or less: now."""
    listed = list_backups(journal_path, place)
    newest = next((b for b in listed if b.reason is not Reason.BEFORE_MIGRATION), None)
    if newest is None or newest.taken_at > now:  # none yet, or the clock was set back
        return dt.timedelta(0)
    return limits.interval - (now - newest.taken_at)


def is_due(journal_path: Path, now: dt.datetime, limits: Limits = DEFAULT_LIMITS, place: Path | None = None) -> bool:
    """Whether the newest backup in the folder is at least ``limits.interval`` old (or there is none)."""
    return time_until_due(journal_path, now, limits, place) <= dt.timedelta(0)


def take_backup(
    source: SnapshotSource,
    reason: Reason,
    *,
    now: dt.datetime | None = None,
    limits: Limits | None = None,
    keep: Collection[Path] = (),
) -> TakenBackup:
    """Take a backup into the journal's folder, then let the policy thin the older ones.

    The journal is fully checked first (a damaged one is not copied:
    ``DamagedJournalError``); the copy is read back before it gets its name.
    What it holds is noted inside the journal, so listing backups needs no
    passphrase per copy.  ``BackupInProgress`` when another one is being taken.
    ``keep``: backups the thinning must leave alone (the one a restore is about to use).
    ``limits``: how many to keep; by default as the journal says (``backup_choices.kept_limits``).
    """
    now = now or dt.datetime.now(dt.UTC)
    folder = _make_folder(backup_folder(source.path, source.backup_place))
    with _folder_lock(folder):
        _remove_leftovers(folder)
        destination = folder / backup_name(now, reason)
        removed: list[Path] = []

        def after(db: peewee.Database, held: Contents) -> None:
            kept = {Path(p).resolve() for p in keep}
            from netjournal.services.backup_choices import kept_limits

            policy = limits or kept_limits(db)
            for backup in obsolete(list_backups(source.path, source.backup_place), now.astimezone().date(), policy):
                if backup.path.resolve() in kept:
                    continue
                remove_journal_files(backup.path)  # with the log a damaged journal's plain copy has
                removed.append(backup.path)
            with db.atomic():
                note(db, TakenBackup(_named(destination), held, tuple(removed)))

        held = write_snapshot(source, destination, after)
    return TakenBackup(_named(destination), held, tuple(removed))


def note(db: peewee.Database, taken: TakenBackup) -> None:
    """Record inside the journal what a backup holds (and forget the ones the policy removed)."""
    if taken.contents is not None:
        meta.put(db, _META_PREFIX + taken.file.name, taken.contents.as_json())
    for path in taken.removed:
        meta.delete(db, _META_PREFIX + path.name)


def keep_damaged_copy(journal_path: Path, *, now: dt.datetime | None = None, place: Path | None = None) -> TakenBackup:
    """A byte-for-byte copy of a damaged journal (and its log), kept before a restore replaces it.

    A damaged journal cannot be exported, but what is still readable in it
    may matter to someone, so it is kept as it is rather than lost.
    """
    now = now or dt.datetime.now(dt.UTC)
    folder = _make_folder(backup_folder(journal_path, place))
    destination = folder / backup_name(now, Reason.BEFORE_RESTORE)
    partial = folder / f".{destination.name}.partial"
    with _folder_lock(folder):
        try:
            # The log first, so the journal's own name, which makes it a backup, comes last.
            for suffix in ("-wal", ""):
                original = Path(f"{journal_path}{suffix}")
                if original.exists():
                    target = Path(f"{partial}{suffix}")
                    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    with os.fdopen(fd, "wb") as out, open(original, "rb") as source:
                        shutil.copyfileobj(source, out)
                        out.flush()
                        os.fsync(out.fileno())
                    os.rename(target, f"{destination}{suffix}")
        except OSError as error:
            remove_journal_files(partial)
            remove_journal_files(destination)
            raise JournalError(
                f"The damaged journal could not be kept as a copy in {folder} ({error.strerror})."
            ) from None
    return TakenBackup(_named(destination), None, ())


def back_up_if_due(
    source: SnapshotSource, *, now: dt.datetime | None = None, limits: Limits | None = None
) -> TakenBackup | None:
    """The automatic backup after a change: taken only when the newest is old enough."""
    now = now or dt.datetime.now(dt.UTC)
    if not is_due(source.path, now, limits or DEFAULT_LIMITS, source.backup_place):
        return None
    try:
        return take_backup(source, Reason.AUTO, now=now, limits=limits)
    except BackupInProgress:
        return None  # another process is taking one this moment


def noted_contents(db: peewee.Database) -> dict[str, Contents]:
    """What each backup holds, as noted in the journal when it was taken, by file name."""
    noted: dict[str, Contents] = {}
    for name, value in meta.with_prefix(db, _META_PREFIX).items():
        if isinstance(value, dict):
            with suppress(ValueError, TypeError):
                noted[name] = Contents.from_json(value)
    return noted


def _make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except FileExistsError:
        raise JournalError(f"Cannot keep backups in {folder}: a file has that name.") from None
    except PermissionError:
        raise JournalError(f"Cannot keep backups in {folder}: permission denied.") from None
    except OSError as error:
        raise JournalError(f"Cannot keep backups in {folder} ({error.strerror}).") from None
    return folder


def _remove_leftovers(folder: Path) -> None:
    """Copies a killed backup left half-written (only ever under the folder's lock)."""
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith((".partial", ".partial-journal", ".partial-wal")):
            with suppress(OSError):
                os.unlink(entry.path)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One backup at a time per journal, across processes; released with the process."""
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name != "nt":
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BackupInProgress() from None
        yield
    finally:
        os.close(fd)
