"""The one "journal changed" notification that views subscribe to.

Plain callbacks, no Qt: the window adapts them to a signal so that views are
refreshed on the GUI thread.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from netjournal.domain import Entity


class ChangeAction(enum.StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class JournalChange:
    """What a completed write touched.

    ``entity`` names the kind of row and ``ids`` their local ids; ``None``
    means the journal as a whole (a passphrase change, a demo filled in), after
    which every view should reload.  ``person_ids`` lists every person whose
    views may be stale.
    """

    entity: Entity | None
    action: ChangeAction
    ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()

    @classmethod
    def whole_journal(cls) -> JournalChange:
        return cls(None, ChangeAction.UPDATED)

    @property
    def is_whole_journal(self) -> bool:
        return self.entity is None


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
