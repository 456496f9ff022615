"""Counts in words, for every layer: "1 day" and "2 days", never "1 days".

Plain Python so that the store, the insights, the command line and the PDF
exports can use it; the window passes strings already translated.
"""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """``one`` for 1, else ``many`` with the count (grouped by thousands) in place of ``{0}``."""
    return one if count == 1 else many.format(f"{count:,}")


def days(count: int) -> str:
    return plural(count, "1 day", "{0} days")


def days_ago(count: int) -> str:
    return {0: "today", 1: "yesterday"}.get(count) or f"{count:,} days ago"


def count(number: int, one: str, many: str) -> str:
    """ "1 person", "2,000 people": the number, then the word for it."""
    return f"{number:,} {one if number == 1 else many}"


def listing(parts: list[str]) -> str:
    """One item, "a and b", or "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""
