"""A connection to a journal with its key already derived, made with nothing but sqlcipher3 loaded.

Deriving the key is most of a scripted command's time and runs in SQLCipher's
C code without Python's interpreter lock. Made on a helper thread while the
main thread imports peewee and the rest of the program, this connection is
then handed to ``JournalDatabase.open``, which uses it instead of deriving the
key a second time.
"""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store.errors import JournalNotFoundError, NotAJournalError

PLAINTEXT_HEADER = b"SQLite format 3\x00"
_SNIFFED = 4096
_cipher_log_silenced = False


def silence_cipher_log() -> None:
    """SQLCipher writes key failures to stderr unless told not to, once per process."""
    global _cipher_log_silenced
    if not _cipher_log_silenced:
        connection = sqlcipher.connect(":memory:")
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")
        finally:
            connection.close()
        _cipher_log_silenced = True


def _literal(text: str) -> str:
    """``text`` as an SQL string literal; NUL is refused earlier (``check_passphrase``)."""
    return "'" + text.replace("'", "''") + "'"


def keyed_connection(path: Path, passphrase: str, kdf_iter: int) -> sqlcipher.Connection:
    """Open ``path`` and read its first page, which derives the key; errors are the driver's own.

    Only for a journal without a write-ahead log left by a crash: a read-write
    connection with a wrong key would recover that log into the file.
    """
    silence_cipher_log()
    connection = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # PRAGMA key takes no parameters; the passphrase goes in as an escaped literal,
        # exactly as peewee's own SqlCipherDatabase sends it.
        connection.execute("PRAGMA key = " + _literal(passphrase))
        connection.execute(f"PRAGMA kdf_iter = {int(kdf_iter)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def precheck_existing(path: Path) -> None:
    """Refuse what is plainly not a journal before SQLCipher sees it (it would take a plain file for one)."""
    if not path.is_file():
        raise JournalNotFoundError(path)
    size = path.stat().st_size
    if size == 0:
        raise NotAJournalError(path, "the file is empty")
    with path.open("rb") as handle:
        head = handle.read(len(PLAINTEXT_HEADER))
        start = head + handle.read(_SNIFFED - len(head))
    if head == PLAINTEXT_HEADER:
        raise NotAJournalError(path, "it is an unencrypted SQLite database")
    if _is_text(start):
        raise NotAJournalError(path, "it is a text file")
    if size < 1024:
        raise NotAJournalError(path, "it is too small to be one")
    # A size that is not whole pages is not refused here: a journal cut short is damaged, and what is
    # left of it must still open, to be checked, read and restored from a backup.


def _is_text(start: bytes) -> bool:
    """Whether the file's first bytes read as text (an export, a contacts file): never so for encrypted pages."""
    if b"\x00" in start:
        return False
    try:
        text = start.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(start) - 3:  # only a character cut off at the end of what was read is forgiven
            return False
        text = start[: error.start].decode("utf-8")
    return all(c.isprintable() or c in "\t\n\r\f" for c in text)


def has_crash_log(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0
