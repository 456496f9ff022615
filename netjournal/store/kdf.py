"""How costly the key derivation is: SQLCipher's default, unless a test suite asked for less."""

from __future__ import annotations

import os

from netjournal.store.errors import JournalError

# SQLCipher 4's own default; lower values are for tests only, where they make
# opening a throw-away journal take microseconds instead of ~80 ms.
DEFAULT_KDF_ITER = 256_000
TEST_KDF_VARIABLE = "NETJOURNAL_INSECURE_TEST_KDF_ITER"
"""For test suites only: a key-derivation cost used when none is given.

The product never sets it; when it is unset (always, outside tests) every
journal uses SQLCipher's default.  A journal made with a lower cost opens only
with that same cost, and is far easier to attack.
"""


def default_kdf_iter() -> int:
    """SQLCipher's default cost, unless a test suite asked for less (``TEST_KDF_VARIABLE``)."""
    value = os.environ.get(TEST_KDF_VARIABLE, "").strip()
    if not value:
        return DEFAULT_KDF_ITER
    try:
        return max(1, int(value))
    except ValueError:
        raise JournalError(f"{TEST_KDF_VARIABLE} must be a whole number.") from None
