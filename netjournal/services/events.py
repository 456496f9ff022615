"""The one "journal changed" notification that views subscribe to.

Plain callbacks, no Qt: the window adapts them to a signal so that views are
refreshed on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JournalChange:
    """What a completed write touched.

    ``entity`` is "person", "exchange", "touchpoint", "loop", "reflection",
    "circumstance", "prompt" or "journal" (for file-wide changes such as a
    passphrase change); ``person_ids`` lists every person whose views may be stale.
    """

    entity: str
    action: str  # "added" | "updated" | "deleted"
    ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()


Listener = Callable[[JournalChange], None]


class ChangeNotifier:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Register ``listener``; returns the function that unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def notify(self, change: JournalChange) -> None:
        # Copy: a listener may unsubscribe itself while being told.
        for listener in list(self._listeners):
            listener(change)

    def clear(self) -> None:
        self._listeners.clear()
