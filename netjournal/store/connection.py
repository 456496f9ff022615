"""A journal's SQLCipher connection through peewee: its pragmas, and the use of a connection keyed early."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store.copies import refuse_a_wrong_key_before_recovery
from netjournal.store.keyed import silence_cipher_log
from netjournal.store.translate import DRIVER_ERRORS, translate_error
from netjournal.store.wal import refuse_a_damaged_log

_CACHE_KIB = 64 * 1024


def _pragmas(kdf_iter: int) -> list[tuple[str, object]]:
    # Cipher settings must precede anything that reads the file, or SQLCipher
    # silently ignores them.
    return [
        ("kdf_iter", int(kdf_iter)),
        ("journal_mode", "wal"),
        ("synchronous", "full"),
        ("foreign_keys", 1),
        ("temp_store", "memory"),
        ("cache_size", -_CACHE_KIB),
        ("recursive_triggers", 1),
    ]


class _KeyedDatabase(SqlCipherDatabase):
    """SQLCipher through peewee, whose first connection may be one already keyed (``store.keyed``)."""

    def __init__(self, keyed: sqlcipher.Connection | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keyed = keyed

    def _connect(self) -> sqlcipher.Connection:
        keyed, self._keyed = self._keyed, None
        if keyed is None:
            return super()._connect()
        try:
            # The pragmas, as on any connection (the cipher ones are set already). peewee's
            # stubs leave out this hook of its own, hence the one narrow exception.
            self._add_conn_hooks(keyed)  # pyright: ignore[reportAttributeAccessIssue]
        except BaseException:
            keyed.close()
            raise
        return keyed


def open_connection(
    path: Path, passphrase: str, kdf_iter: int, keyed: sqlcipher.Connection | None = None
) -> SqlCipherDatabase:
    """The journal's connection, unlocked and read once (which is when the key is derived)."""
    silence_cipher_log()
    if keyed is None:
        # A keyed connection is only made when no crash left a log (``early_open``). Otherwise
        # the first connection recovers the log, so both checks come before it: the log's own
        # (it needs no key), then the key, each on files that nothing has written to yet.
        refuse_a_damaged_log(path)
        refuse_a_wrong_key_before_recovery(path, passphrase, kdf_iter)
    # One connection shared across threads: the window derives the key on a
    # worker thread and then reads on the GUI thread, never both at once.
    db = _KeyedDatabase(
        keyed,
        str(path),
        passphrase=passphrase,
        pragmas=_pragmas(kdf_iter),
        thread_safe=False,
        check_same_thread=False,
        # A closed journal must stay closed: peewee would otherwise reconnect
        # silently on the next query, without the lock.
        autoconnect=False,
    )
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as error:
        with suppress(Exception):
            db.close()
        raise translate_error(path, error) from None
    return db
