"""Whether recovering the write-ahead log a crash left behind would lose committed entries.

A journal runs in WAL mode: a transaction is appended to ``<journal>-wal`` as
frames (a page each), the last one marked as a commit, and is copied into the
journal file only at a checkpoint. After a crash the next read-write
connection recovers the log: it reads frames from the start while each one
carries the log's salts and its cumulative checksum matches, keeps them up to
the last commit among them, checkpoints those and empties the log. One flipped
byte in a middle frame ends that run early, and every transaction after it is
gone for good, while ``integrity_check`` still says "ok".

Reading the log needs no key: its checksums are over the bytes as written,
which for SQLCipher are the encrypted pages. This module reads it as recovery
would, then looks past the point where recovery stops. Leftovers there are
normal: frames of an earlier generation of the log (other salts), a frame cut
short, or the frames of a commit the crash interrupted. Damage is a log that
plainly goes on: frames with the log's salts, each matching the checksum chain
of the frame before it, holding at least two commits (see ``LogReport.damaged``).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from netjournal.store.errors import DamagedLogError, JournalError

_MAGIC_LITTLE_ENDIAN = 0x377F0682  # the checksums read the log as little-endian words
_MAGIC_BIG_ENDIAN = 0x377F0683
_FORMAT_VERSION = 3007000
_HEADER = struct.Struct(">8I")  # magic, version, page size, checkpoint number, salt 1 and 2, checksum 1 and 2
_FRAME_HEADER = struct.Struct(">6I")  # page number, pages after a commit (0: none), salt 1 and 2, checksum 1 and 2
_MASK = 0xFFFFFFFF
_SMALLEST_PAGE, _LARGEST_PAGE = 512, 65536

Sums = tuple[int, int]


@dataclass(frozen=True)
class LogReport:
    """A write-ahead log as recovery reads it, and what lies beyond where recovery stops.

    ``frames`` counts every whole frame in the file, of any generation;
    ``valid_frames`` is the unbroken run from the start that recovery accepts,
    and ``commits`` the commit frames (transactions) in it, which recovery keeps.
    ``dropped_commits`` counts the commit frames from the break on that still
    carry this log's salts and checksum chain: recovery would throw them away.
    """

    frames: int
    valid_frames: int
    commits: int
    dropped_frames: int = 0  # frames from the break on that still belong to this log
    dropped_commits: int = 0
    header_damaged: bool = False

    @property
    def damaged(self) -> bool:
        """Whether recovery would drop transactions that had been committed.

        One dropped commit is what a crash in the middle of a commit leaves:
        frames of it reached the disk, some whole and some not (or, for a large
        one, not yet with their final checksums), and it was never
        acknowledged. But with ``synchronous=FULL`` each commit is flushed to
        disk before the next transaction writes a frame, so a second dropped
        commit means the first had been completed: the break is damage. (Damage
        inside the last transaction alone looks like that interrupted commit,
        and cannot be told from it.) A damaged header loses every frame.
        """
        if self.header_damaged:
            return self.frames > 0
        return self.dropped_commits >= 2

    @property
    def first_bad_frame(self) -> int | None:
        """When it is damage: the index (from 0) of the frame where recovery would stop short."""
        if not self.damaged:
            return None
        return 0 if self.header_damaged else self.valid_frames


def checksum(data: bytes, big_endian: bool, seed: Sums = (0, 0)) -> Sums:
    """SQLite's WAL checksum of ``data`` (a multiple of 8 bytes), continuing from ``seed``.

    As SQLite's ``walChecksumBytes``: the data as 32-bit words x0, x1, ... in
    the byte order the log's magic number names; for each pair,
    ``s1 += x0 + s2; s2 += x1 + s1``, modulo 2**32.
    """
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s1, s2 = seed
    pairs = iter(words)
    for first, second in zip(pairs, pairs, strict=True):
        s1 = (s1 + first + s2) & _MASK
        s2 = (s2 + second + s1) & _MASK
    return s1, s2


def frame_checksum(frame: bytes, big_endian: bool, seed: Sums) -> Sums:
    """A frame's cumulative checksum: over its page number, commit field and page, from the one before."""
    return checksum(frame[_FRAME_HEADER.size :], big_endian, checksum(frame[:8], big_endian, seed))


def read_log(wal: Path) -> LogReport:
    """How recovery would read the log ``wal``, and whether it would drop committed transactions.

    Opens the file for reading only; ``OSError`` if it cannot be read.
    """
    with wal.open("rb") as log:
        size = os.fstat(log.fileno()).st_size
        head = log.read(_HEADER.size)
        if len(head) < _HEADER.size:
            return LogReport(frames=0, valid_frames=0, commits=0)  # cut short before any frame
        magic, version, page_size, _checkpoint, salt1, salt2, sum1, sum2 = _HEADER.unpack(head)
        big_endian = magic == _MAGIC_BIG_ENDIAN
        sane_size = _is_page_size(page_size)
        if (
            magic not in (_MAGIC_LITTLE_ENDIAN, _MAGIC_BIG_ENDIAN)
            or version != _FORMAT_VERSION
            or not sane_size
            or checksum(head[:24], big_endian) != (sum1, sum2)
        ):
            # Recovery then takes the whole log for empty. Without a page size to trust,
            # count the frames of the smallest size that could follow.
            frame_size = _FRAME_HEADER.size + (page_size if sane_size else _SMALLEST_PAGE)
            frames = max(0, size - _HEADER.size) // frame_size
            return LogReport(frames=frames, valid_frames=0, commits=0, header_damaged=True)
        frames = (size - _HEADER.size) // (_FRAME_HEADER.size + page_size)
        return _read_frames(log, frames, page_size, big_endian, (salt1, salt2), (sum1, sum2))


def _read_frames(log: BinaryIO, frames: int, page_size: int, big_endian: bool, salts: Sums, sums: Sums) -> LogReport:
    frame_size = _FRAME_HEADER.size + page_size
    valid = commits = 0
    # The run recovery accepts: this log's salts, a page number, and the checksum chained from the start.
    while valid < frames:
        frame = log.read(frame_size)
        if not _continues(frame, frame_size, salts, big_endian, sums):
            break
        sums = _stored_sums(frame)
        valid += 1
        commits += _is_commit(frame)
    else:
        return LogReport(frames=frames, valid_frames=valid, commits=commits)

    # Recovery stops at frame ``valid``. A frame further on still belongs to this log if it has
    # its salts and matches the checksum chain of the frame before it, taken as stored: leftovers
    # of an earlier generation have other salts, and a frame torn or altered breaks the chain
    # only where it is. (Every later frame is looked at: when the damaged bytes are a frame's own
    # stored checksum, the frame after it fails too, and the chain picks up again one further.)
    if len(frame) < _FRAME_HEADER.size:  # the file shrank while being read
        return LogReport(frames=frames, valid_frames=valid, commits=commits)
    ours = _has_salts(frame, salts)
    dropped, dropped_commits = int(ours), int(ours and _is_commit(frame))
    previous = _stored_sums(frame)
    for _index in range(valid + 1, frames):
        frame = log.read(_FRAME_HEADER.size)
        if len(frame) < _FRAME_HEADER.size:
            break
        if _has_salts(frame, salts):
            frame += log.read(page_size)
            if _continues(frame, frame_size, salts, big_endian, previous):
                dropped += 1
                dropped_commits += _is_commit(frame)
        else:
            log.seek(page_size, os.SEEK_CUR)  # an earlier generation's leftover: its page is not needed
        previous = _stored_sums(frame)
    return LogReport(
        frames=frames,
        valid_frames=valid,
        commits=commits,
        dropped_frames=dropped,
        dropped_commits=dropped_commits,
    )


def _continues(frame: bytes, frame_size: int, salts: Sums, big_endian: bool, seed: Sums) -> bool:
    """Whether ``frame`` is whole, is this log's, and its stored checksum is the one chained from ``seed``."""
    if len(frame) < frame_size or not _has_salts(frame, salts) or _FRAME_HEADER.unpack_from(frame)[0] == 0:
        return False  # page 0 does not exist: recovery rejects such a frame too
    return frame_checksum(frame, big_endian, seed) == _stored_sums(frame)


def _has_salts(frame: bytes, salts: Sums) -> bool:
    return len(frame) >= _FRAME_HEADER.size and _FRAME_HEADER.unpack_from(frame)[2:4] == salts


def _is_commit(frame: bytes) -> bool:
    return _FRAME_HEADER.unpack_from(frame)[1] != 0


def _stored_sums(frame: bytes) -> Sums:
    _page, _commit, _salt1, _salt2, stored1, stored2 = _FRAME_HEADER.unpack_from(frame)
    return stored1, stored2


def _is_page_size(value: int) -> bool:
    return _SMALLEST_PAGE <= value <= _LARGEST_PAGE and value & (value - 1) == 0


def refuse_a_damaged_log(journal: Path) -> None:
    """Before any connection to ``journal``: refuse it when recovering its log would lose entries.

    Nothing is written: a refused journal keeps its log and index exactly as
    the crash left them, for a backup to be restored or for someone to help.
    """
    wal = Path(f"{journal}-wal")
    try:
        if not wal.is_file() or wal.stat().st_size == 0:
            return  # closed cleanly: no log, or an empty one
        report = read_log(wal)
    except OSError as error:
        raise JournalError(
            f"Could not read {wal.name}, the log of recent changes beside {journal} ({error.strerror}); "
            "nothing was changed."
        ) from None
    if report.damaged:
        raise DamagedLogError(journal)
