"""Reading one entry by id, for dialogs that edit it.

The rows are returned as the store's models, read-only by convention:
every write still goes through ``entries``.
"""

from __future__ import annotations

from netjournal.store.models import Exchange, OpenLoop, Reflection, Touchpoint


def exchange(exchange_id: int) -> Exchange | None:
    return Exchange.get_or_none(Exchange.id == exchange_id)


def touchpoint(touchpoint_id: int) -> Touchpoint | None:
    return Touchpoint.get_or_none(Touchpoint.id == touchpoint_id)


def loop(loop_id: int) -> OpenLoop | None:
    return OpenLoop.get_or_none(OpenLoop.id == loop_id)


def reflection(reflection_id: int) -> Reflection | None:
    return Reflection.get_or_none(Reflection.id == reflection_id)
