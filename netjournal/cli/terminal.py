"""Text from the journal made safe to print on a terminal.

Whatever was stored (imported contacts, pasted notes) may hold control
characters: an escape sequence could recolour, retitle or clear the user's
terminal, a carriage return could hide what came before it on the line, and
bidirectional overrides could make a line read differently from what it is.
Each such character is shown as U+FFFD instead.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with every control character but newline, tab and those in ``keep`` replaced."""
    if keep:
        return UNSAFE.sub(lambda match: match.group() if match.group() in keep else REPLACEMENT, text)
    return UNSAFE.sub(REPLACEMENT, text)
