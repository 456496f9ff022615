"""The encrypted store: one SQLCipher file per journal, its schema and its models."""

from netjournal.store.database import DEFAULT_KDF_ITER, JournalDatabase
from netjournal.store.errors import JournalError

__all__ = ["DEFAULT_KDF_ITER", "JournalDatabase", "JournalError"]
