"""Whether a name as typed says a person's name in full, or only starts some of its words."""

from __future__ import annotations

from netjournal.services.people import fold


def named_partly(typed: str, name: str) -> bool:
    """True when a typed word is not a whole word of ``name`` ("ana s" for Ana Silva; not "ana" or "silva ana").

    A person chosen that way is worth naming back: the start of a word could as
    well have been meant as someone new.
    """
    words = set(fold(name).split())
    return any(word not in words for word in fold(typed).split())
