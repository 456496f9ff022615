"""Which of another device's files to merge next, from their names alone (cheap enough to poll).

A device's files are numbered 1, 2, 3, … and each change file holds what
changed since the one before, so they are merged in order, and a gap means
waiting for the missing file (a sync tool may deliver 5 before 4).  A base
holds the device's whole journal, which makes every earlier file
unnecessary: a device seen for the first time starts at its newest base, and
a gap that a later base bridges (the device compacted its files and removed
the old ones) is bridged by it.

A sync tool's conflict copy of a file (``3 (conflicted copy).nj-changes``,
``3.sync-conflict-20261201-120000-ABCDEFG.nj-changes``) is merged too, once
the device's own sequence has reached its number: merging is idempotent and
the newer version of each row wins, so a copy can add what it holds and
cannot take anything back.  Each is merged once (remembered by name, size and
time).  A copy whose file itself is missing stands in for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.store.errors import SyncFolderError
from netjournal.store.sync_files import BASE, parse_name


@dataclass(slots=True)
class Listing:
    files: dict[int, tuple[Path, str]] = field(default_factory=dict)  # number -> (path, kind)
    copies: list[tuple[int, Path, str]] = field(default_factory=list)  # (number, path, signature)


@dataclass(frozen=True, slots=True)
class Plan:
    numbers: tuple[int, ...]  # files to merge, in order
    missing: int | None  # the file waited for, when later ones are here already
    waiting_for_base: bool  # a device not merged before, with no base here yet


def signature(path: Path, stat: os.stat_result) -> str:
    return f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}"


def listing(folder: Path) -> Listing:
    """This folder's files by number (none when it is not there); ``SyncFolderError`` when it cannot be read."""
    found = Listing()
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    except OSError as error:  # a drive pulled out or failing (EIO), a share gone offline
        raise SyncFolderError(folder, error) from None
    for entry in entries:
        name = parse_name(entry.name)
        if name is None:
            continue
        try:
            if not entry.is_file():
                continue
            stat = entry.stat()
        except OSError:
            continue  # gone since the listing
        path = Path(entry.path)
        if name.is_copy:
            found.copies.append((name.number, path, signature(path, stat)))
        else:
            found.files[name.number] = (path, name.kind)
    found.copies.sort()
    # A sync tool may have renamed the file itself (its conflict copy is all that is left):
    # then the first copy stands in for it, or the sequence would wait for it for ever.
    for number, path, sign in list(found.copies):
        if number not in found.files:
            kind = parse_name(path.name)
            found.files[number] = (path, kind.kind if kind else BASE)
            found.copies.remove((number, path, sign))
    return found


def plan(last: int | None, files: dict[int, tuple[Path, str]]) -> Plan:
    """The files to merge after file ``last`` (None: none of this device's merged yet)."""
    bases = sorted(n for n, (_, kind) in files.items() if kind == BASE)
    if last is None:
        if not bases:
            return Plan((), None, bool(files))
        number = bases[-1]
    else:
        number = last + 1
    todo: list[int] = []
    while True:
        if number in files:
            todo.append(number)
            number += 1
            continue
        later = [b for b in bases if b > number]
        if not later:
            break
        number = later[-1]
    missing = number if any(n > number for n in files) else None
    return Plan(tuple(todo), missing, False)
