"""Constants and small helpers the tests share (importable as ``support``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

# Key derivation at SQLCipher's default costs ~80 ms per open; tests open
# hundreds of throw-away journals, so they use a tiny iteration count.
TEST_KDF_ITER = 2
PASSPHRASE = "correct horse battery staple"


def file_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
