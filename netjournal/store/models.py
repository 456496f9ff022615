"""peewee models over the tables that ``schema`` creates.

The models are deliberately bound to no database: every query is executed
against the journal it concerns (``query.execute(journal_db)``, or through
``store.rows``), so two journals open in one process never see each other's
rows, and a query that names no journal fails loudly instead of reaching the
wrong file.  The DDL itself lives in ``schema`` so migrations stay explicit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

from netjournal.domain import Entity


class BaseModel(peewee.Model):
    class Meta:
        database = None
        legacy_table_names = False


class TrackedModel(BaseModel):
    """A row with an identity that every copy of the journal shares, and its times."""

    uuid = peewee.TextField(unique=True)
    created_at = peewee.TextField()
    updated_at = peewee.TextField()


class Person(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int

    name = peewee.TextField()
    organisation = peewee.TextField(default="")
    role = peewee.TextField(default="")
    how_met = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    tags = peewee.TextField(default="")
    cadence_days = peewee.IntegerField(null=True)
    archived = peewee.BooleanField(default=False)
    # Kept by triggers from the person's entries: derived, so never exported.
    last_entry_on = peewee.DateField(null=True)


class Circumstance(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int

    person = peewee.ForeignKeyField(Person, backref="circumstances", on_delete="CASCADE")
    note = peewee.TextField()
    start_on = peewee.DateField()
    end_on = peewee.DateField(null=True)


class Exchange(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int | None
        second_person_id: int | None
        reciprocates_id: int | None

    date = peewee.DateField()
    direction = peewee.TextField()
    kind = peewee.TextField()
    summary = peewee.TextField()
    details = peewee.TextField(default="")
    significance = peewee.IntegerField()
    person = peewee.ForeignKeyField(Person, null=True, backref="exchanges", on_delete="CASCADE")
    second_person = peewee.ForeignKeyField(Person, null=True, backref="introduced_in", on_delete="SET NULL")
    community = peewee.TextField(default="")
    reciprocates = peewee.ForeignKeyField("self", null=True, backref="returned_by", on_delete="SET NULL")
    outcome = peewee.TextField(default="")


class Touchpoint(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int

    date = peewee.DateField()
    person = peewee.ForeignKeyField(Person, backref="touchpoints", on_delete="CASCADE")
    channel = peewee.TextField(default="")
    note = peewee.TextField(default="")


class OpenLoop(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int | None

    loop_kind = peewee.TextField()
    person = peewee.ForeignKeyField(Person, null=True, backref="loops", on_delete="CASCADE")
    what = peewee.TextField()
    opened_on = peewee.DateField()
    due_on = peewee.DateField(null=True)
    done_on = peewee.DateField(null=True)

    class Meta:
        table_name = "open_loop"


class Reflection(TrackedModel):
    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int | None

    date = peewee.DateField()
    text = peewee.TextField()
    prompt_id = peewee.TextField(null=True)
    prompt_text = peewee.TextField(default="")
    person = peewee.ForeignKeyField(Person, null=True, backref="reflections", on_delete="SET NULL")


class PromptState(TrackedModel):
    prompt_key = peewee.TextField(primary_key=True)
    snoozed_until = peewee.DateField(null=True)
    dismissed_on = peewee.DateField(null=True)
    answered_on = peewee.DateField(null=True)

    class Meta:
        table_name = "prompt_state"


class ContactDetailRow(TrackedModel):
    """An email, phone, web address, location or birthday of a person (schema version 6)."""

    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        person_id: int

    person = peewee.ForeignKeyField(Person, backref="contact_details", on_delete="CASCADE")
    field = peewee.TextField()
    value = peewee.TextField()
    label = peewee.TextField(default="")
    position = peewee.IntegerField(default=0)

    class Meta:
        table_name = "contact_detail"


class BrokeredIntroduction(TrackedModel):
    """An introduction someone else made between two others (schema version 8)."""

    if TYPE_CHECKING:  # added by peewee at run time: the implicit key and each <fk>_id
        id: int
        broker_id: int
        first_person_id: int | None
        second_person_id: int | None

    date = peewee.DateField()
    broker = peewee.ForeignKeyField(Person, backref="brokered", on_delete="CASCADE")
    first_person = peewee.ForeignKeyField(Person, null=True, backref="brokered_first", on_delete="SET NULL")
    second_person = peewee.ForeignKeyField(Person, null=True, backref="brokered_second", on_delete="SET NULL")
    summary = peewee.TextField()
    outcome = peewee.TextField(default="")

    class Meta:
        table_name = "brokered_introduction"


class Tombstone(BaseModel):
    """What was deleted, so that a merge knows a row is gone rather than never seen."""

    entity = peewee.TextField()
    uuid = peewee.TextField()
    deleted_at = peewee.TextField()

    class Meta:
        primary_key = peewee.CompositeKey("entity", "uuid")


class JournalMeta(BaseModel):
    """Facts about the journal itself (its UUID, when it was created)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        table_name = "journal_meta"


MODEL_OF: dict[Entity, type[TrackedModel]] = {
    Entity.PERSON: Person,
    Entity.CIRCUMSTANCE: Circumstance,
    Entity.EXCHANGE: Exchange,
    Entity.TOUCHPOINT: Touchpoint,
    Entity.LOOP: OpenLoop,
    Entity.REFLECTION: Reflection,
    Entity.PROMPT_STATE: PromptState,
    Entity.CONTACT_DETAIL: ContactDetailRow,
    Entity.BROKERED_INTRODUCTION: BrokeredIntroduction,
}
"""Every tracked entity and its model, in the order an export lists them."""
